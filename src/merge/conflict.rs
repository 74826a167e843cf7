//! What the merge reports: each conflict with its place in the plan file, its kind, the value
//! of each side, and what the merged plan holds there.

use std::fmt;

use serde::Serialize;

use super::tree::Node;
use crate::model::ScenarioId;

/// One of the three copies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// The common ancestor.
    Base,
    /// Ours: the copy the merge is written over in a git merge.
    Ours,
    /// Theirs: the copy merged in.
    Theirs,
}

impl Side {
    /// The id used in JSON.
    pub fn id(self) -> &'static str {
        match self {
            Side::Base => "base",
            Side::Ours => "ours",
            Side::Theirs => "theirs",
        }
    }
}

/// One step of a place in the plan file.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    /// A field of a record (`name`).
    Field(&'static str),
    /// A record of a keyed list, or an entry of a map, by its key (`[city-zjj]`).
    Key(String),
    /// Steps of a scenario, from 1, first and last (`[3]`, `[3-4]`); in a scenario's
    /// operations as the base has them for a change of both sides, as the merged plan has them
    /// for a step that no longer applies; `(n + 1, n)` is the point after step `n`.
    Steps(usize, usize),
}

/// Where in the plan file: `baseline.bodies[city-zjj].name`, `scenarios[street-grant].operations[3]`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Place(pub Vec<Step>);

impl Place {
    /// The place's field names alone, joined by dots (`scenarios.operations`): how
    /// [`super::schema`] names a list.
    pub fn schema_path(&self) -> String {
        let mut out = String::new();
        for step in &self.0 {
            if let Step::Field(name) = step {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(name);
            }
        }
        out
    }

    /// This place with one more step.
    #[must_use]
    pub fn with(&self, step: Step) -> Place {
        let mut steps = self.0.clone();
        steps.push(step);
        Place(steps)
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            match step {
                Step::Field(name) if i == 0 => f.write_str(name)?,
                Step::Field(name) => write!(f, ".{name}")?,
                Step::Key(key) => write!(f, "[{key}]")?,
                Step::Steps(first, last) if first == last => write!(f, "[{first}]")?,
                Step::Steps(first, last) if first > last => write!(f, "[after {last}]")?,
                Step::Steps(first, last) => write!(f, "[{first}-{last}]")?,
            }
        }
        Ok(())
    }
}

impl Serialize for Place {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// What kind of conflict.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ConflictKind {
    /// Both sides changed the value (or added it) differently; in a scenario's operations, both
    /// changed the same steps differently.
    BothChanged,
    /// One side deleted what the other changed.
    DeletedAndChanged {
        /// The side that deleted it.
        deleted_by: Side,
    },
    /// A step of a scenario that no longer applies to the merged plan; it is left out, so that
    /// the merged plan loads (a plan with a step that does not apply is refused).
    NoLongerApplies {
        /// The scenario.
        scenario: ScenarioId,
        /// The step's position in the merged scenario, from 1.
        step: usize,
        /// Why the step was refused.
        refusal: String,
    },
    /// A record both sides changed, whose fields merged one by one do not hold together (the
    /// model refuses the blend, `reason`): taken whole from one side.
    DoNotHoldTogether {
        /// The model's refusal of the blend.
        reason: String,
    },
    /// A record that one side deleted and that the merged plan refers to (through the other
    /// side's change): it is kept, as the other side has it, so that the plan holds together.
    Restored {
        /// The side that deleted it.
        deleted_by: Side,
        /// What refers to it.
        referrer: String,
    },
}

impl ConflictKind {
    /// The id used in JSON.
    pub fn id(&self) -> &'static str {
        match self {
            ConflictKind::BothChanged => "both_changed",
            ConflictKind::DeletedAndChanged { .. } => "deleted_and_changed",
            ConflictKind::NoLongerApplies { .. } => "no_longer_applies",
            ConflictKind::DoNotHoldTogether { .. } => "do_not_hold_together",
            ConflictKind::Restored { .. } => "restored",
        }
    }
}

/// A conflict of the merge.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Conflict {
    /// Where.
    pub place: Place,
    /// What kind.
    #[serde(flatten)]
    pub kind: ConflictKind,
    /// The base's value there (`None`: absent).
    pub base: Option<Node>,
    /// Ours.
    pub ours: Option<Node>,
    /// Theirs.
    pub theirs: Option<Node>,
    /// What the merged plan holds there: a side's value, or `None` for a step left out.
    pub held: Option<Side>,
}
