//! What every document is built from: the scenario, the state it is compared with (the
//! baseline or another scenario), both states, and which of the scenario's steps are the
//! document's (all of them, or those the other scenario does not also take).

use std::collections::HashMap;

use crate::model::{BodyId, JurisdictionId, PowerId, ScenarioId, State};
use crate::plan::{Plan, Scenario, Step};
use crate::text::Names;

use super::DocumentError;

/// The facts a document is made of.
#[derive(Clone, Debug)]
pub struct DocInput<'a> {
    /// The plan.
    pub plan: &'a Plan,
    /// The scenario.
    pub scenario: &'a Scenario,
    /// The scenario compared with (`None`: the baseline).
    pub from: Option<&'a Scenario>,
    /// The state compared with.
    pub before: State,
    /// The scenario's state.
    pub after: State,
    /// For each step of the scenario, whether it is the document's: every step against the
    /// baseline; against another scenario, the steps that scenario does not take too (counted
    /// as a multiset, so a step taken twice here and once there counts once).
    pub included: Vec<bool>,
}

impl<'a> DocInput<'a> {
    /// Works out the states and the steps of a scenario against the baseline (`from` `None`)
    /// or another scenario.
    pub fn new(
        plan: &'a Plan,
        scenario: &ScenarioId,
        from: Option<&ScenarioId>,
    ) -> Result<Self, DocumentError> {
        if from == Some(scenario) {
            return Err(DocumentError::SameScenario(scenario.clone()));
        }
        let Some(found) = plan.scenario(scenario) else {
            return Err(crate::plan::PlanError::NoScenario(scenario.clone()).into());
        };
        let from_scenario = match from {
            Some(id) => Some(
                plan.scenario(id)
                    .ok_or_else(|| crate::plan::PlanError::NoScenario(id.clone()))?,
            ),
            None => None,
        };
        let after = plan.state_of(Some(scenario))?;
        let before = plan.state_of(from)?;
        let included = steps_beyond(&found.operations, from_scenario.map(|s| &s.operations[..]));
        Ok(Self {
            plan,
            scenario: found,
            from: from_scenario,
            before,
            after,
            included,
        })
    }

    /// The name of the state compared with (现状 or the other scenario's name).
    pub fn from_name(&self) -> &str {
        self.from.map_or("现状", |s| s.name.as_str())
    }

    /// The lines under a document's title: the plan, the scenario and what it is compared
    /// with.
    pub fn subtitle(&self) -> Vec<String> {
        let plan = self.plan.title.trim();
        let compared = format!("方案：{}；对照：{}", self.scenario.name, self.from_name());
        if plan.is_empty() {
            vec![format!("（{compared}）")]
        } else {
            vec![format!("（{plan}）"), format!("（{compared}）")]
        }
    }

    /// The title of a document: the scenario's name and the document's (综合行政执法职责划转表),
    /// the words they share said once (街道赋权 + 赋权事项目录: 街道赋权事项目录).
    pub fn title(&self, document: &str) -> String {
        let name = self.scenario.name.trim();
        let shared = (1..=name.len().min(document.len()))
            .rev()
            .filter(|&n| name.is_char_boundary(name.len() - n) && document.is_char_boundary(n))
            .find(|&n| name[name.len() - n..] == document[..n])
            .unwrap_or(0);
        format!("{name}{}", &document[shared..])
    }

    /// A body's name, from the state after, else before, else the baseline, else its id.
    pub fn body_name(&self, id: &BodyId) -> String {
        self.after
            .body(id)
            .or_else(|| self.before.body(id))
            .or_else(|| self.plan.baseline.body(id))
            .map_or_else(|| id.to_string(), |b| b.name.clone())
    }

    /// A place's name, from the state after, else before, else its id.
    pub fn place_name(&self, id: &JurisdictionId) -> String {
        self.names().jurisdiction(id)
    }

    /// A power's name (after, else before), else its code.
    pub fn power_name(&self, id: &PowerId) -> String {
        self.names().power(id)
    }

    /// The one name lookup of the project, over the states after and before.
    fn names(&self) -> Names<'_> {
        Names::new(&self.after, &self.before)
    }
}

/// Marks the steps of `steps` that `other` does not also take (a multiset difference by the
/// whole step: operation and timing).
fn steps_beyond(steps: &[Step], other: Option<&[Step]>) -> Vec<bool> {
    let Some(other) = other else {
        return vec![true; steps.len()];
    };
    let mut remaining: HashMap<String, usize> = HashMap::new();
    for step in other {
        *remaining.entry(format!("{step:?}")).or_default() += 1;
    }
    steps
        .iter()
        .map(|step| match remaining.get_mut(&format!("{step:?}")) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .collect()
}
