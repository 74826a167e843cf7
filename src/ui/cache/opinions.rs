//! The review opinions as the window shows them: the open ones counted by what they are about
//! ([`OpenOpinions`]: the badges on finding rows, bodies and powers, and the filter 「只看有待处理
//! 意见的」 of the findings list and the 分配表), and every opinion as a row of the 审核意见 tab
//! ([`OpinionRows`]), built once per revision and language.
//!
//! Bodies and powers have stable ids across the plan's states, so an open opinion on a body
//! counts wherever the body is shown; a finding belongs to one state, so an opinion on it counts
//! in the view it was written on; a step, in its scenario's view at the step's place now.

use std::collections::{BTreeMap, HashMap};

use crate::model::{BodyId, JurisdictionId, PowerId};
use crate::plan::{FindingKey, Target};
use crate::session::Document;
use crate::session::review::Current;
use crate::text::{Lang, OpinionRow, opinion_rows};

/// Open (待处理) opinions by what they are about, in the view being edited.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OpenOpinions {
    /// Open opinions on each body.
    pub bodies: BTreeMap<BodyId, usize>,
    /// Open opinions on each power.
    pub powers: BTreeMap<PowerId, usize>,
    /// Open opinions on each finding of the view.
    pub findings: HashMap<FindingKey, usize>,
    /// Open opinions on the view's findings, by their (power, place).
    pub places: BTreeMap<(PowerId, JurisdictionId), usize>,
    /// Open opinions on each step of the view (from 1).
    pub steps: BTreeMap<usize, usize>,
    /// Open opinions in the plan.
    pub total: usize,
}

impl OpenOpinions {
    /// Counts the open opinions of the document's plan.
    pub fn of(doc: &Document) -> Self {
        let mut open = Self::default();
        let view = doc.view().scenario();
        let steps = doc.steps();
        for opinion in doc.opinions().iter().filter(|o| o.is_open()) {
            open.total += 1;
            match &opinion.target {
                Target::Body(body) => *open.bodies.entry(body.clone()).or_default() += 1,
                Target::Power(power) => *open.powers.entry(power.clone()).or_default() += 1,
                Target::Finding(key) if opinion.scenario.as_ref() == view => {
                    *open.findings.entry(key.clone()).or_default() += 1;
                    if let (Some(p), Some(j)) = (&key.power, &key.jurisdiction) {
                        *open.places.entry((p.clone(), j.clone())).or_default() += 1;
                    }
                }
                Target::Operation { scenario, .. } if Some(scenario) == view => {
                    if let Some(step) = opinion.target.find_step(&steps) {
                        *open.steps.entry(step).or_default() += 1;
                    }
                }
                Target::Finding(_) | Target::Operation { .. } => {}
            }
        }
        open
    }

    /// Open opinions on a body.
    pub fn body(&self, body: &BodyId) -> usize {
        self.bodies.get(body).copied().unwrap_or_default()
    }

    /// Open opinions on a power.
    pub fn power(&self, power: &PowerId) -> usize {
        self.powers.get(power).copied().unwrap_or_default()
    }

    /// Open opinions on a finding of the view.
    pub fn finding(&self, key: &FindingKey) -> usize {
        self.findings.get(key).copied().unwrap_or_default()
    }

    /// Open opinions on a row of the 分配表: on its power, and on its power's findings there.
    pub fn row_count(&self, power: &PowerId, place: &JurisdictionId) -> usize {
        self.power(power)
            + self
                .places
                .get(&(power.clone(), place.clone()))
                .copied()
                .unwrap_or_default()
    }

    /// Whether a row of the 分配表 (a power in a territory, led by `leads`) has open opinions:
    /// on the power, on a finding of it there, or on one of its lead bodies.
    pub fn row(&self, power: &PowerId, place: &JurisdictionId, leads: &[BodyId]) -> bool {
        self.powers.contains_key(power)
            || self.places.contains_key(&(power.clone(), place.clone()))
            || leads.iter().any(|b| self.bodies.contains_key(b))
    }
}

/// The rows of the 审核意见 tab.
#[derive(Clone, Debug, Default)]
pub struct OpinionRows {
    built_for: Option<(u64, Lang)>,
    /// Every opinion as a row, in the plan's order.
    pub rows: Vec<OpinionRow>,
}

impl OpinionRows {
    /// Builds the rows again when the document or the language changed.
    pub fn refresh(&mut self, doc: &Document, lang: Lang) {
        let wanted = (doc.revision(), lang);
        if self.built_for == Some(wanted) {
            return;
        }
        // The view's steps as they are being edited, so that a step is found where it is;
        // the plan is not written out (a copy of a province's baseline) for it.
        let steps = doc.steps();
        let plan = doc.plan_unsynced();
        let current = Current {
            scenario: doc.view().scenario(),
            state: doc.state(),
            analysis: doc.analysis(),
            steps: doc.view().scenario().map(|_| steps.as_slice()),
        };
        self.rows = opinion_rows(plan, Some(current), lang);
        self.built_for = Some(wanted);
    }
}
