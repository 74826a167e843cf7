//! A document's scenarios: added, copied, renamed and deleted, each change counted as an edit.

use super::super::history::History;
use super::{Document, View};
use crate::analysis::Analysis;
use crate::analysis::rules::RuleChanges;
use crate::graph::PlanGraph;
use crate::model::{ScenarioId, Touched};
use crate::plan::{PlanError, Scenario};

impl Document {
    /// Adds an empty scenario and switches to it.
    pub fn new_scenario(&mut self, id: ScenarioId, name: String) -> Result<(), PlanError> {
        Scenario::check_naming(&id, &name)?;
        self.sync_view();
        if self.plan.scenario(&id).is_some() {
            return Err(PlanError::Duplicate(id));
        }
        self.plan.scenarios.push(Scenario {
            id: id.clone(),
            name,
            description: String::new(),
            operations: Vec::new(),
        });
        self.edited(Touched::none(), RuleChanges::default());
        self.switch_to(View::Scenario(id))
    }

    /// Copies a scenario under a new id and switches to the copy.
    pub fn duplicate_scenario(
        &mut self,
        source: &ScenarioId,
        id: ScenarioId,
        name: String,
    ) -> Result<(), PlanError> {
        Scenario::check_naming(&id, &name)?;
        self.sync_view();
        if self.plan.scenario(&id).is_some() {
            return Err(PlanError::Duplicate(id));
        }
        let mut copy = self
            .plan
            .scenario(source)
            .cloned()
            .ok_or_else(|| PlanError::NoScenario(source.clone()))?;
        copy.id = id.clone();
        copy.name = name;
        self.plan.scenarios.push(copy);
        self.edited(Touched::none(), RuleChanges::default());
        self.switch_to(View::Scenario(id))
    }

    /// Renames a scenario (its id stays).
    pub fn rename_scenario(&mut self, id: &ScenarioId, name: String) -> Result<(), PlanError> {
        Scenario::check_naming(id, &name)?;
        let scenario = self
            .plan
            .scenarios
            .iter_mut()
            .find(|s| &s.id == id)
            .ok_or_else(|| PlanError::NoScenario(id.clone()))?;
        scenario.name = name;
        self.edited(Touched::none(), RuleChanges::default());
        Ok(())
    }

    /// Deletes a scenario; if it was the view, the view becomes the baseline.
    pub fn delete_scenario(&mut self, id: &ScenarioId) -> Result<(), PlanError> {
        let index = self
            .plan
            .scenarios
            .iter()
            .position(|s| &s.id == id)
            .ok_or_else(|| PlanError::NoScenario(id.clone()))?;
        if self.view.scenario() == Some(id) {
            self.dated = None;
            self.history = History::new();
            self.view = View::Baseline;
            self.state = self.plan.baseline.clone();
            self.analysis = Analysis::full(&self.state, &self.plan.rules);
            self.graph = PlanGraph::build(&self.state);
        }
        self.plan.scenarios.remove(index);
        self.edited(Touched::none(), RuleChanges::default());
        self.recent.replaced(self.revision);
        Ok(())
    }
}
