//! Findings: an overlap, a gap or a broken rule, located at a power, a jurisdiction and bodies,
//! with the data of its message (`text` phrases it in the language asked).

use serde::Serialize;

pub mod message;

use crate::model::{BodyId, JurisdictionId, PowerId};
use crate::plan::FindingKey;
use message::RuleMessage;

/// What sort of finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// 多头执法: two or more lead bodies for one (power, district).
    Overlap,
    /// 管理盲区: no lead body for one (power, district).
    Gap,
    /// A reform principle broken.
    Rule,
}

/// How serious a finding is. `check` exits 1 when any finding is an error.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Must be fixed before the plan is adopted.
    Error,
    /// Should be looked at.
    Warning,
    /// For information.
    Info,
}

/// Why a finding was raised, with what its message needs.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    /// Several lead bodies.
    Overlap,
    /// No lead body.
    Gap,
    /// Under a level split (分级管辖), nobody leads one tier of cases.
    TierGap {
        /// The tier nobody leads.
        missing: crate::model::Cases,
    },
    /// A source body of a concentration still leads the power.
    ConcentratedSource {
        /// The barred source bodies that still lead it, sorted.
        sources: Vec<BodyId>,
    },
    /// A reform rule, with what its message says.
    Rule(RuleMessage),
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Finding {
    /// Overlap, gap or rule.
    pub kind: FindingKind,
    /// How serious.
    pub severity: Severity,
    /// The power concerned, if one.
    pub power: Option<PowerId>,
    /// The jurisdiction concerned, if one.
    pub jurisdiction: Option<JurisdictionId>,
    /// The bodies concerned, sorted.
    pub bodies: Vec<BodyId>,
    /// The rule id, where a rule raised it.
    pub rule: Option<String>,
    /// Why.
    pub reason: Reason,
}

impl Finding {
    /// What names this finding across re-analysis, for a review opinion
    /// ([`crate::plan::opinion`]): its kind, rule, power and jurisdiction, and for a rule
    /// finding the bodies it names.
    pub fn key(&self) -> FindingKey {
        FindingKey {
            kind: match self.kind {
                FindingKind::Overlap => "overlap",
                FindingKind::Gap => "gap",
                FindingKind::Rule => "rule",
            }
            .to_owned(),
            rule: self.rule.clone(),
            power: self.power.clone(),
            jurisdiction: self.jurisdiction.clone(),
            bodies: if self.kind == FindingKind::Rule {
                self.bodies.clone()
            } else {
                Vec::new()
            },
        }
    }

    /// Where the finding is, as text: its kind, its power's code and its jurisdiction's id
    /// (empty when it has none), owned so that findings of two states compare as values.
    pub fn located(&self) -> (FindingKind, String, String) {
        let text = |id: Option<&str>| id.unwrap_or_default().to_owned();
        (
            self.kind,
            text(self.power.as_ref().map(PowerId::as_str)),
            text(self.jurisdiction.as_ref().map(JurisdictionId::as_str)),
        )
    }
}
