//! A document's timetable: setting a step's effective date and document (an undoable edit),
//! looking at the scenario's state on a date (not an edit), and the transition findings.
//!
//! Looking at a date replaces the document's state, analysis and graph by those of the
//! scenario on that date, and keeps the whole scenario's aside: every edit, undo, redo, jump
//! or switch first puts them back ([`Document::leave_date`]), so the history always works on
//! the state its change sets were made on, and moving the date never adds an undo step or
//! marks the plan unsaved.

use super::Document;
use crate::analysis::Analysis;
use crate::analysis::Finding;
use crate::analysis::rules::RuleChanges;
use crate::graph::PlanGraph;
use crate::model::{State, Touched};
use crate::plan::timetable::{self, TimetableError};
use crate::plan::{PlanDate, Scenario, Step, Timing};

/// The whole scenario's state, analysis and graph, kept aside while a date is looked at.
#[derive(Clone, Debug)]
pub(super) struct Dated {
    at: PlanDate,
    state: State,
    analysis: Analysis,
    graph: PlanGraph,
}

impl Document {
    /// The view's steps, applied or not, with their timing (the baseline's edits are undated).
    pub fn steps(&self) -> Vec<Step> {
        self.history.steps().collect()
    }

    /// The view as a scenario of its steps (`None` for the baseline).
    fn scenario_now(&self) -> Option<Scenario> {
        let id = self.view.scenario()?;
        let mut scenario = self.plan.scenario(id)?.clone();
        scenario.operations = self.steps();
        Some(scenario)
    }

    /// The dates of the view's steps, in order (none for the baseline).
    pub fn step_dates(&self) -> Vec<PlanDate> {
        self.scenario_now().map(|s| s.dates()).unwrap_or_default()
    }

    /// Sets the timing of step `index` (from 0) of the scenario viewed, as one undo step;
    /// false when nothing changed (no such step, the baseline, the same timing). A timing
    /// after which the scenario cannot take effect on one of its dates is refused, naming the
    /// steps, and changes nothing.
    pub fn set_timing(&mut self, index: usize, timing: Timing) -> Result<bool, TimetableError> {
        self.leave_date();
        let Some(mut scenario) = self.scenario_now() else {
            return Ok(false);
        };
        let Some(step) = scenario.operations.get_mut(index) else {
            return Ok(false);
        };
        if step.timing == timing {
            return Ok(false);
        }
        step.timing = timing.clone();
        if scenario.is_dated() {
            let mut working = self.plan.baseline.clone();
            timetable::check(&mut working, &scenario)?;
        }
        if self.history.retime(index, timing).is_none() {
            return Ok(false);
        }
        self.edited(Touched::none(), RuleChanges::default());
        // A step of the view's history: undo takes it back before an earlier opinion edit.
        self.review.view_edited();
        Ok(true)
    }

    /// A number that changes with every edit of the plan (and no look at a date): what the
    /// transition findings of the view depend on, with the view.
    pub fn edit_count(&self) -> u64 {
        self.edits
    }

    /// The date looked at, if one is.
    pub fn date(&self) -> Option<PlanDate> {
        self.dated.as_ref().map(|d| d.at)
    }

    /// Looks at the scenario viewed on `date` (`None`: the whole scenario again). Not an edit:
    /// the history and the unsaved marker stay; the revision changes, and caches start again.
    /// The baseline has no dates: asking for one there changes nothing.
    pub fn view_at(&mut self, date: Option<PlanDate>) -> Result<(), TimetableError> {
        if date == self.date() {
            return Ok(());
        }
        self.leave_date();
        let (Some(date), Some(scenario)) = (date, self.scenario_now()) else {
            return Ok(());
        };
        let mut state = self.plan.baseline.clone();
        timetable::apply_at(&mut state, &scenario, date)?;
        let analysis = Analysis::full_against(&state, &self.plan.baseline, &self.plan.rules);
        let graph = PlanGraph::build(&state);
        self.dated = Some(Box::new(Dated {
            at: date,
            state: std::mem::replace(&mut self.state, state),
            analysis: std::mem::replace(&mut self.analysis, analysis),
            graph: std::mem::replace(&mut self.graph, graph),
        }));
        self.revision += 1;
        self.recent.replaced(self.revision);
        Ok(())
    }

    /// Puts the whole scenario's state back if a date is looked at.
    pub(super) fn leave_date(&mut self) {
        if let Some(dated) = self.dated.take() {
            self.state = dated.state;
            self.analysis = dated.analysis;
            self.graph = dated.graph;
            self.revision += 1;
            self.recent.replaced(self.revision);
        }
    }

    /// The transition findings (过渡期) of the scenario viewed, as its steps stand: none for
    /// the baseline or a scenario with fewer than two dates.
    pub fn transition_findings(&self) -> Result<Vec<Finding>, TimetableError> {
        match self.scenario_now() {
            Some(scenario) if scenario.dates().len() >= 2 => {
                let mut working = self.plan.baseline.clone();
                crate::analysis::transition::findings(&mut working, &scenario, &self.plan.rules)
            }
            _ => Ok(Vec::new()),
        }
    }
}
