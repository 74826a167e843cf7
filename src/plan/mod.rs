//! The plan: a baseline (现状), its scenarios (方案) as ordered operations, and the settings of
//! the reform rules it is checked against; what a plan file holds. The open document that
//! edits it, with undo and redo, is the session's (`crate::session`).

pub mod date;
pub mod operation;
pub mod opinion;
pub mod rules;
pub mod step;
pub mod timetable;

use serde::{Deserialize, Serialize};

use crate::model::{ScenarioId, State};
pub use date::{DateError, PlanDate};
pub use operation::{
    Amount, BodyEdit, ChangeSet, OpError, Operation, PowerEdit, Refusal, TransferMode,
};
pub use opinion::{Answer, FindingKey, Opinion, OpinionId, OpinionStatus, Review, Target};
pub use rules::{Rule, RuleConfig, RuleSetting, RuleSeverity};
pub use step::{Step, Timing};
pub use timetable::TimetableError;

/// A scenario: an ordered list of operations applied to the baseline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Stable id (`city-district-split`).
    pub id: ScenarioId,
    /// Display name (市区两级事权划分).
    pub name: String,
    /// What the scenario is for.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The steps, in order: each an operation with its timing (`plan::step`); the file calls
    /// them `operations`, and an undated step is written as its bare operation.
    #[serde(default)]
    pub operations: Vec<Step>,
}

impl Scenario {
    /// Refuses an id or a name that names the baseline (现状) rather than a scenario: the CLI's
    /// id for the baseline (`--from baseline`) and the window's name for it, 现状 and Baseline,
    /// in any case and with any spaces around. A scenario so called would be taken for the
    /// baseline, or hide it.
    pub fn check_naming(id: &ScenarioId, name: &str) -> Result<(), PlanError> {
        let reserved = |text: &str| {
            let text = text.trim();
            RESERVED_SCENARIO_WORDS
                .iter()
                .any(|word| text.eq_ignore_ascii_case(word))
        };
        match [id.as_str(), name].into_iter().find(|text| reserved(text)) {
            Some(word) => Err(PlanError::Reserved {
                scenario: id.clone(),
                word: word.to_owned(),
            }),
            None => Ok(()),
        }
    }
}

/// The id by which the CLI, the exports and the comparison name the baseline (现状).
pub const BASELINE_ID: &str = "baseline";

/// What names the baseline (现状) and so no scenario: its id and the window's name for it
/// (compared without case and surrounding spaces).
pub const RESERVED_SCENARIO_WORDS: [&str; 2] = [BASELINE_ID, "现状"];

/// The whole plan, as the user saves it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// Title.
    pub title: String,
    /// What the plan is and where its data come from.
    pub description: String,
    /// The allocation before any reform.
    pub baseline: State,
    /// The scenarios, in the user's order.
    pub scenarios: Vec<Scenario>,
    /// The reform rules and their settings.
    pub rules: RuleConfig,
    /// The review: its offices and the opinions written on the plan (审核意见).
    pub review: Review,
}

/// A scenario that does not apply to the baseline.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("scenario `{scenario}`, operation {index}: {error}")]
pub struct ScenarioError {
    /// The scenario.
    pub scenario: ScenarioId,
    /// The operation's position, from 1.
    pub index: usize,
    /// Why it was refused.
    pub error: OpError,
}

impl Plan {
    /// The state of the baseline (`None`) or of a scenario, with the operations that produce it
    /// from the baseline.
    pub fn state_and_operations(
        &self,
        scenario: Option<&ScenarioId>,
    ) -> Result<(State, Vec<Operation>), PlanError> {
        let state = self.state_of(scenario)?;
        let operations = scenario
            .and_then(|id| self.scenario(id))
            .map(|s| s.operations.iter().map(|s| s.operation.clone()).collect())
            .unwrap_or_default();
        Ok((state, operations))
    }

    /// An empty plan.
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            description: String::new(),
            baseline: State::new(),
            scenarios: Vec::new(),
            rules: RuleConfig::default(),
            review: Review::default(),
        }
    }

    /// A scenario by id.
    pub fn scenario(&self, id: &ScenarioId) -> Option<&Scenario> {
        self.scenarios.iter().find(|s| &s.id == id)
    }

    /// A state asked for by a user, by id or by name: `None` for the baseline (`baseline` or
    /// 现状), else the scenario's id; an unknown one is an error that lists the valid ones.
    pub fn find_state(&self, given: &str) -> Result<Option<ScenarioId>, PlanError> {
        let given = given.trim();
        if RESERVED_SCENARIO_WORDS
            .iter()
            .any(|w| w.eq_ignore_ascii_case(given))
        {
            return Ok(None);
        }
        let found = self
            .scenarios
            .iter()
            .find(|s| s.id.as_str() == given)
            .or_else(|| self.scenarios.iter().find(|s| s.name.trim() == given));
        if let Some(scenario) = found {
            return Ok(Some(scenario.id.clone()));
        }
        let valid = std::iter::once(format!("现状 ({BASELINE_ID})"))
            .chain(
                self.scenarios
                    .iter()
                    .map(|s| format!("{} ({})", s.name, s.id)),
            )
            .collect::<Vec<_>>()
            .join("、");
        Err(PlanError::UnknownScenario {
            given: given.to_owned(),
            valid,
        })
    }

    /// The state a scenario produces, borrowing the baseline itself for `None`: a province's
    /// baseline is hundreds of MB, so readers that only look should not copy it.
    pub fn state_ref(
        &self,
        scenario: Option<&ScenarioId>,
    ) -> Result<std::borrow::Cow<'_, State>, PlanError> {
        match scenario {
            None => Ok(std::borrow::Cow::Borrowed(&self.baseline)),
            Some(_) => self.state_of(scenario).map(std::borrow::Cow::Owned),
        }
    }

    /// The state a scenario produces (`None`: the baseline).
    pub fn state_of(&self, scenario: Option<&ScenarioId>) -> Result<State, PlanError> {
        let mut state = self.baseline.clone();
        if let Some(id) = scenario {
            let scenario = self
                .scenario(id)
                .ok_or_else(|| PlanError::NoScenario(id.clone()))?;
            for (i, step) in scenario.operations.iter().enumerate() {
                step.operation
                    .apply(&mut state)
                    .map_err(|error| ScenarioError {
                        scenario: id.clone(),
                        index: i + 1,
                        error,
                    })?;
            }
        }
        Ok(state)
    }
}

/// An error of the plan as a whole.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    /// No such scenario.
    #[error("the plan has no scenario `{0}`")]
    NoScenario(ScenarioId),
    /// No scenario has that id or name; the plan's states, by name and id.
    #[error(
        "方案中没有「{given}」；可选：{valid} (the plan has no scenario with that id or name; choose one of these)"
    )]
    UnknownScenario {
        /// What was asked for.
        given: String,
        /// The states there are: 现状 (baseline), then each scenario as 名称 (id).
        valid: String,
    },
    /// A scenario with that id exists already.
    #[error("the plan has a scenario `{0}` already")]
    Duplicate(ScenarioId),
    /// A scenario's id or name is what names the baseline ([`RESERVED_SCENARIO_WORDS`]).
    #[error(
        "scenario `{scenario}`: 「{word}」指现状，方案须另取 id 和名称 (「{word}」 names the baseline (现状): give the scenario another id and name)"
    )]
    Reserved {
        /// The scenario's id.
        scenario: ScenarioId,
        /// Its id or name, as written, that is reserved.
        word: String,
    },
    /// A scenario that cannot be applied.
    #[error(transparent)]
    Scenario(#[from] ScenarioError),
    /// A scenario whose steps cannot take effect on one of its dates in their order (boxed:
    /// it names two steps and why one fails, and every plan error would be that large).
    #[error(transparent)]
    Timetable(Box<TimetableError>),
}

impl From<TimetableError> for PlanError {
    fn from(error: TimetableError) -> Self {
        PlanError::Timetable(Box::new(error))
    }
}
