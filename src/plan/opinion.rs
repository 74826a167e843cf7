//! Review opinions (审核意见): what the 法制办, 财政局, 人社局 or a department says of a plan, each
//! attached to a finding, a step of a scenario, a body or a power, with its status and its
//! answer. They are kept in the plan file as a plain list of records with stable ids, so that
//! they travel with the plan, diff in git line by line and merge by id like every other record.
//!
//! # What an opinion points at, and why so
//!
//! - **A finding** has no id of its own: findings are recomputed after every edit. Its
//!   [`FindingKey`] is what names it across re-analysis: its kind, its rule id, its power and
//!   its jurisdiction, and for a rule finding the bodies it names. An overlap's or a gap's
//!   bodies are left out: they are what changes while the problem stays (a third lead body
//!   joins the overlap of 市容环卫 in 甲区; it is still that overlap).
//! - **A step of a scenario** has no id either, and its position moves when a step is inserted
//!   before it (an edit made before later steps, issue 17) or when a merge brings in the steps
//!   of another office. The opinion keeps the scenario, the step's number when it was written
//!   and a digest of the step's content ([`operation_digest`]); [`Target::find_step`] looks at
//!   that number first, then anywhere in the scenario. So it follows the step wherever inserts,
//!   undo, replays or merges move it, without the session having to shift every opinion on
//!   every edit; a step that was changed or removed is no longer found, and the opinion is shown
//!   as about something that no longer exists (its status, typically 已修改, says why).
//! - **A body** and **a power** have stable ids.
//!
//! An opinion whose target no longer exists (a body abolished, a finding fixed, a step
//! removed) is kept and shown as such (「对象已不存在」), never dropped: the reply to it is
//! part of the record.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::Operation;
use super::date::PlanDate;
use crate::model::{BodyId, JurisdictionId, PowerId, ScenarioId};

/// The offices a new plan lists as reviewers (the plan keeps its own list; any body of the
/// plan may also be named).
pub const DEFAULT_OFFICES: [&str; 4] = ["编办", "法制办", "财政局", "人社局"];

/// The stable id of an opinion (`yj-0001`), unique in its plan.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct OpinionId(pub String);

impl OpinionId {
    /// The id's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for OpinionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for OpinionId {
    fn from(text: &str) -> Self {
        Self(text.to_owned())
    }
}

/// Where an opinion stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OpinionStatus {
    /// 待处理: not answered yet (an open opinion).
    Pending,
    /// 已采纳: accepted.
    Adopted,
    /// 不采纳: not accepted (the answer says why).
    Rejected,
    /// 已修改: the plan was changed accordingly.
    Revised,
}

impl OpinionStatus {
    /// Every status, in the order the window offers them.
    pub const ALL: [Self; 4] = [Self::Pending, Self::Adopted, Self::Rejected, Self::Revised];

    /// Whether the opinion still waits for an answer.
    pub fn is_open(self) -> bool {
        self == Self::Pending
    }

    /// The status's id in files and on the command line (`pending`).
    pub fn id(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Adopted => "adopted",
            Self::Rejected => "rejected",
            Self::Revised => "revised",
        }
    }

    /// The status's Chinese name (待处理).
    pub fn zh(self) -> &'static str {
        match self {
            Self::Pending => "待处理",
            Self::Adopted => "已采纳",
            Self::Rejected => "不采纳",
            Self::Revised => "已修改",
        }
    }

    /// The status's English name.
    pub fn en(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Adopted => "adopted",
            Self::Rejected => "rejected",
            Self::Revised => "revised",
        }
    }

    /// A status as a user writes it: its id or its Chinese name (`pending`, 待处理), in any
    /// case and with spaces around.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        Self::ALL
            .into_iter()
            .find(|s| s.id().eq_ignore_ascii_case(text) || s.zh() == text)
    }
}

/// What names a finding across re-analysis (see the module doc).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingKey {
    /// `overlap`, `gap` or `rule`.
    pub kind: String,
    /// The rule's id, for a rule finding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// The power, if the finding has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub power: Option<PowerId>,
    /// The jurisdiction, if the finding has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jurisdiction: Option<JurisdictionId>,
    /// The bodies a rule finding names, sorted (none for an overlap or a gap).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bodies: Vec<BodyId>,
}

/// What an opinion is about.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// A finding of the opinion's state.
    Finding(FindingKey),
    /// A step of a scenario.
    Operation {
        /// The scenario.
        scenario: ScenarioId,
        /// The step's number (from 1) when the opinion was written: where it is looked for
        /// first.
        step: usize,
        /// The digest of the step's content ([`operation_digest`]).
        digest: String,
    },
    /// A body.
    Body(BodyId),
    /// A power.
    Power(PowerId),
}

impl Target {
    /// A target for step `step` (from 1) of `scenario`, whose operation is `operation`.
    pub fn step(scenario: ScenarioId, step: usize, operation: &Operation) -> Self {
        Self::Operation {
            scenario,
            step,
            digest: operation_digest(operation),
        }
    }

    /// Where the step an operation target names is now in `operations` (its number, from 1):
    /// at its recorded number if it is still there, else the first step with its content;
    /// `None` when no step has it (or the target is not a step).
    pub fn find_step(&self, steps: &[super::Step]) -> Option<usize> {
        let Self::Operation { step, digest, .. } = self else {
            return None;
        };
        let at = |i: usize| {
            steps
                .get(i)
                .is_some_and(|s| &operation_digest(&s.operation) == digest)
        };
        if step.checked_sub(1).is_some_and(at) {
            return Some(*step);
        }
        (0..steps.len()).find(|&i| at(i)).map(|i| i + 1)
    }
}

/// The answer to an opinion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// The reply.
    pub text: String,
    /// Who replied (an office or a body's name).
    pub by: String,
    /// When.
    pub date: PlanDate,
}

/// One review opinion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Opinion {
    /// Stable id, unique in the plan.
    pub id: OpinionId,
    /// The state it was written on: a scenario, or the baseline (`None`). A finding, body or
    /// power is looked for in that state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario: Option<ScenarioId>,
    /// What it is about.
    pub target: Target,
    /// Who wrote it (an office of [`Review::offices`], or a body's name).
    pub office: String,
    /// What it says.
    pub text: String,
    /// Where it stands.
    pub status: OpinionStatus,
    /// When it was written.
    pub date: PlanDate,
    /// The answer, once given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<Answer>,
}

impl Opinion {
    /// Whether it still waits for an answer.
    pub fn is_open(&self) -> bool {
        self.status.is_open()
    }
}

/// The plan's review: the offices it lists and its opinions, in the order they were written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Review {
    /// The offices offered as authors (编办, 法制办, 财政局, 人社局 by default).
    pub offices: Vec<String>,
    /// The opinions.
    pub opinions: Vec<Opinion>,
}

impl Default for Review {
    fn default() -> Self {
        Self {
            offices: default_offices(),
            opinions: Vec::new(),
        }
    }
}

/// The offices a new plan lists ([`DEFAULT_OFFICES`]).
pub fn default_offices() -> Vec<String> {
    DEFAULT_OFFICES.iter().map(|&o| o.to_owned()).collect()
}

/// Whether `offices` is the default list (then the plan file leaves it out).
pub fn is_default_offices(offices: &[String]) -> bool {
    offices.iter().map(String::as_str).eq(DEFAULT_OFFICES)
}

impl Review {
    /// An opinion by id.
    pub fn opinion(&self, id: &OpinionId) -> Option<&Opinion> {
        self.opinions.iter().find(|o| &o.id == id)
    }

    /// An id no opinion of the plan has: `yj-` and the number after the highest one used.
    pub fn next_id(&self) -> OpinionId {
        let highest = self
            .opinions
            .iter()
            .filter_map(|o| o.id.as_str().strip_prefix("yj-")?.parse::<u32>().ok())
            .max()
            .unwrap_or(0);
        OpinionId(format!("yj-{:04}", highest.saturating_add(1)))
    }

    /// How many opinions are open.
    pub fn open_count(&self) -> usize {
        self.opinions.iter().filter(|o| o.is_open()).count()
    }

    /// Checks that ids are unique and not empty, naming the first that is not.
    pub fn check_ids(&self) -> Result<(), String> {
        let mut seen = std::collections::BTreeSet::new();
        for opinion in &self.opinions {
            if opinion.id.as_str().trim().is_empty() {
                return Err("意见编号为空 (an opinion has an empty id)".to_owned());
            }
            if !seen.insert(&opinion.id) {
                return Err(format!(
                    "意见编号 `{id}` 重复 (two opinions have the id `{id}`)",
                    id = opinion.id
                ));
            }
        }
        Ok(())
    }
}

/// A digest of a step's content: FNV-1a (64 bits, hex) of its record as the plan file writes it
/// (compact RON), the same in every build and on every machine.
pub fn operation_digest(operation: &Operation) -> String {
    let text = ron::to_string(operation).unwrap_or_default();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::BodyEdit;

    fn rename(body: &str, name: &str) -> crate::plan::Step {
        Operation::EditBody {
            body: body.into(),
            edit: BodyEdit::Name(name.to_owned()),
        }
        .into()
    }

    #[test]
    fn a_step_is_found_where_inserts_moved_it_and_not_once_changed() {
        let ops = vec![rename("a", "甲"), rename("b", "乙")];
        let target = Target::step(ScenarioId::new("s"), 2, &ops[1].operation);
        assert_eq!(target.find_step(&ops), Some(2));
        let moved = vec![rename("c", "丙"), rename("a", "甲"), rename("b", "乙")];
        assert_eq!(target.find_step(&moved), Some(3), "an insert before it");
        let changed = vec![rename("a", "甲"), rename("b", "乙二")];
        assert_eq!(target.find_step(&changed), None, "its content changed");
    }

    #[test]
    fn ids_follow_the_highest_and_statuses_read_in_both_languages() {
        let mut review = Review::default();
        assert_eq!(review.next_id().as_str(), "yj-0001");
        review.opinions.push(Opinion {
            id: "yj-0041".into(),
            scenario: None,
            target: Target::Body("b".into()),
            office: "法制办".into(),
            text: "意见".into(),
            status: OpinionStatus::Pending,
            date: PlanDate::parse("2026-03-01").expect("a date"),
            answer: None,
        });
        assert_eq!(review.next_id().as_str(), "yj-0042");
        assert_eq!(
            OpinionStatus::parse("不采纳"),
            Some(OpinionStatus::Rejected)
        );
        assert_eq!(
            OpinionStatus::parse(" Adopted "),
            Some(OpinionStatus::Adopted)
        );
        assert_eq!(OpinionStatus::parse("done"), None);
        assert!(is_default_offices(&Review::default().offices));
    }
}
