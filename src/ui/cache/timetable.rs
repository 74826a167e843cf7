//! The date bar's data for the scenario viewed: its steps' dates and its transition findings
//! (过渡期), worked out once per edit of the plan and view (a province's dated scenario costs
//! one working copy of the baseline and its steps on each date). Moving the date bar's slider
//! changes the document's revision but not its edits: the findings are not worked out again
//! while the slider moves.

use super::{Refresh, Sources};
use crate::analysis::Finding;
use crate::plan::PlanDate;

/// The date bar's data.
#[derive(Clone, Debug, Default)]
pub struct TimetableCache {
    key: Option<(u64, crate::session::View)>,
    /// The dates of the scenario's steps, in order (none for the baseline).
    pub dates: Vec<PlanDate>,
    /// How many steps take effect on each of `dates`.
    pub per_date: Vec<usize>,
    /// How many steps the scenario has.
    pub steps: usize,
    /// Its transition findings, sorted.
    pub transitions: Vec<Finding>,
    /// Why they could not be worked out (the steps cannot take effect on one of the dates).
    pub error: Option<String>,
}

impl TimetableCache {
    /// How many steps are in effect on `date`.
    pub fn in_effect(&self, date: PlanDate) -> usize {
        let dated: usize = self.per_date.iter().sum();
        let later: usize = self
            .dates
            .iter()
            .zip(&self.per_date)
            .filter(|(d, _)| **d > date)
            .map(|(_, n)| n)
            .sum();
        self.steps - dated + (dated - later)
    }
}

impl Refresh for TimetableCache {
    fn refresh(&mut self, from: &mut Sources<'_>) {
        let doc = &*from.doc;
        let key = (doc.edit_count(), doc.view().clone());
        if self.key.as_ref() == Some(&key) {
            return;
        }
        self.key = Some(key);
        let steps = if doc.view().scenario().is_some() {
            doc.steps()
        } else {
            Vec::new()
        };
        self.steps = steps.len();
        let dates: std::collections::BTreeSet<PlanDate> =
            steps.iter().filter_map(|s| s.timing.effective).collect();
        self.dates = dates.into_iter().collect();
        self.per_date = self
            .dates
            .iter()
            .map(|d| {
                steps
                    .iter()
                    .filter(|s| s.timing.effective == Some(*d))
                    .count()
            })
            .collect();
        if self.dates.len() < 2 {
            self.transitions.clear();
            self.error = None;
            return;
        }
        match doc.transition_findings() {
            Ok(found) => {
                self.transitions = found;
                self.error = None;
            }
            Err(e) => {
                self.transitions.clear();
                self.error = Some(e.to_string());
            }
        }
    }
}
