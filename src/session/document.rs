//! The open document: a plan, the view being edited (the baseline or one scenario), its current
//! state, its history and its analysis, kept in step. The GUI and the CLI both drive this; it
//! needs no window, so undo, redo and re-analysis are tested headless.
//!
//! Every change raises the document's revision, and the document remembers what its last
//! changes touched and what they did to the rule findings ([`Document::changes_since`]), so
//! that a cache of the window can follow an edit (its touched powers and bodies) instead of
//! starting again over the whole plan.
//!
//! An edit made while the history cursor is before the end never loses the later steps
//! silently (issue 17): [`Document::apply_at_cursor`] inserts it and replays them, or discards
//! them, as one undo step that brings them back exactly; a scenario is written into the plan
//! with every step, applied or not ([`Document::plan`]).
//!
//! A scenario's steps carry their timing (issue 19, `document/timetable.rs`): setting a step's
//! date is an undo step of its own, and the document can show the scenario as it stands on a
//! date ([`Document::view_at`]), which is looking, not editing.

mod changes;
mod opinions;
mod scenarios;
mod timetable;

use crate::analysis::Analysis;
use crate::analysis::coverage::Area;
use crate::analysis::rules::RuleChanges;
use crate::graph::PlanGraph;
use crate::model::{LeadMove, ScenarioId, State, Touched};

use super::history::{Entry, History, LaterSteps, Replayed};
use crate::plan::operation::{OpError, Operation};
use crate::plan::{Plan, PlanError, Scenario, Step};
pub use changes::ChangesSince;
use changes::{RecentChange, RecentChanges};
pub use opinions::ReviewError;

/// Follows `entries`, whose changes have just been applied (`applied`) or reverted, in the
/// graph; returns what they touched and the lead holdings they gained and lost.
fn follow(
    graph: &mut PlanGraph,
    state: &State,
    entries: &[Entry],
    applied: bool,
) -> (Touched, Vec<LeadMove>) {
    let mut touched = Touched::none();
    let mut leads = Vec::new();
    for entry in entries {
        touched.extend(entry.changes.touched());
        LeadMove::of_changes(entry.changes.changes(), applied, &mut leads);
        graph.apply(state, entry.changes.changes());
    }
    (touched, leads)
}

/// Whether every scenario applies on top of `state` (the baseline being edited): each one is
/// applied and reverted in place, which costs its operations, not a copy of the state.
pub fn scenarios_apply(scenarios: &[Scenario], state: &mut State) -> Result<(), OpError> {
    for scenario in scenarios {
        let mut applied = Vec::with_capacity(scenario.operations.len());
        let mut failure = None;
        for (i, step) in scenario.operations.iter().enumerate() {
            match step.operation.apply(state) {
                Ok(changes) => applied.push(changes),
                Err(error) => {
                    failure = Some(OpError::BreaksScenario {
                        scenario: scenario.id.clone(),
                        index: i + 1,
                        error: Box::new(error),
                    });
                    break;
                }
            }
        }
        for changes in applied.iter().rev() {
            changes.revert(state);
        }
        if let Some(e) = failure {
            return Err(e);
        }
    }
    Ok(())
}

/// Which state of the plan is being looked at and edited.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum View {
    /// 现状: edits change the baseline itself.
    Baseline,
    /// A scenario: edits append operations to it.
    Scenario(ScenarioId),
}

impl View {
    /// The scenario id, if the view is a scenario.
    pub fn scenario(&self) -> Option<&ScenarioId> {
        match self {
            View::Baseline => None,
            View::Scenario(id) => Some(id),
        }
    }
}

/// An open plan with its working state.
#[derive(Clone, Debug)]
pub struct Document {
    plan: Plan,
    view: View,
    state: State,
    history: History,
    analysis: Analysis,
    graph: PlanGraph,
    revision: u64,
    edits: u64,
    saved_edits: u64,
    recent: RecentChanges,
    review: opinions::ReviewUndo,
    /// The state of the scenario on a date, while one is looked at (`timetable.rs`).
    dated: Option<Box<timetable::Dated>>,
}

impl Document {
    /// Opens a plan on its baseline.
    pub fn new(plan: Plan) -> Self {
        let state = plan.baseline.clone();
        let analysis = Analysis::full(&state, &plan.rules);
        let graph = PlanGraph::build(&state);
        Self {
            plan,
            view: View::Baseline,
            state,
            history: History::new(),
            analysis,
            graph,
            revision: 0,
            edits: 0,
            saved_edits: 0,
            recent: RecentChanges::default(),
            review: opinions::ReviewUndo::default(),
            dated: None,
        }
    }

    /// Opens a plan that exists in no file yet (an imported list, a recovered autosave): it
    /// counts as unsaved until it is saved.
    pub fn new_unsaved(plan: Plan) -> Self {
        let mut doc = Self::new(plan);
        doc.edits = 1;
        doc
    }

    /// The plan, with the current view's edits written back into it: a scenario with every
    /// step, applied or not, the baseline as it stands at the cursor (see `sync_view`).
    pub fn plan(&mut self) -> &Plan {
        self.sync_view();
        &self.plan
    }

    /// The plan as last synced: scenarios other than the current view are always current.
    pub fn plan_unsynced(&self) -> &Plan {
        &self.plan
    }

    /// Every view of the plan: the baseline, then each scenario in the plan's order.
    pub fn views(&self) -> Vec<View> {
        std::iter::once(View::Baseline)
            .chain(
                self.plan
                    .scenarios
                    .iter()
                    .map(|s| View::Scenario(s.id.clone())),
            )
            .collect()
    }

    /// The current view.
    pub fn view(&self) -> &View {
        &self.view
    }

    /// The current state (baseline or scenario result).
    pub fn state(&self) -> &State {
        &self.state
    }

    /// The baseline as it is now (with baseline edits, if the baseline is the view).
    pub fn baseline(&self) -> &State {
        match self.view {
            View::Baseline => &self.state,
            View::Scenario(_) => &self.plan.baseline,
        }
    }

    /// The analysis of the current state.
    pub fn analysis(&self) -> &Analysis {
        &self.analysis
    }

    /// The graph of the current state.
    pub fn graph(&self) -> &PlanGraph {
        &self.graph
    }

    /// The history of the current view.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// A number that grows with every change of the state, for caches.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// What the changes after `revision` did to the state and its analysis: the records they
    /// touched and what each did to the rule findings. `None` when that is not known: the
    /// revision is older than the changes remembered, or since then the view was switched, a
    /// scenario deleted or the rules changed, which replace the state or its analysis
    /// wholesale. A cache kept by revision follows the changes, or starts again on `None`.
    pub fn changes_since(&self, revision: u64) -> Option<ChangesSince<'_>> {
        if revision > self.revision {
            return None;
        }
        self.recent.since(revision)
    }

    /// What the changes after `revision` touched ([`Document::changes_since`]).
    pub fn touched_since(&self, revision: u64) -> Option<Touched> {
        self.changes_since(revision).map(|c| c.touched)
    }

    /// Whether there are changes since the last save.
    pub fn is_dirty(&self) -> bool {
        self.edits != self.saved_edits
    }

    /// Records that the plan as it is now has been saved.
    pub fn mark_saved(&mut self) {
        self.saved_edits = self.edits;
    }

    /// Brings the analysis and the graph in step with the history entries `entries`, whose
    /// changes have just been applied or reverted.
    fn entries_changed(&mut self, entries: std::ops::Range<usize>, applied: bool) {
        let entries = &self.history.entries()[entries];
        let (touched, leads) = follow(&mut self.graph, &self.state, entries, applied);
        self.refresh(touched, leads);
    }

    /// Brings the analysis in step with changes that touched `touched` and gained and lost the
    /// lead holdings `leads` (the graph has followed them already) and counts them as an edit.
    fn refresh(&mut self, touched: Touched, leads: Vec<LeadMove>) {
        let baseline = match self.view {
            View::Baseline => &self.state,
            View::Scenario(_) => &self.plan.baseline,
        };
        // Where the changes may have moved leads, read before the coverage follows them.
        let area = self.analysis.area(&self.state, &touched);
        let rule_findings =
            self.analysis
                .refresh_in(&self.state, baseline, &self.plan.rules, &touched, &area);
        let analysed_again = rule_findings.is_none();
        self.record_edit(touched, rule_findings.unwrap_or_default(), leads, area);
        if analysed_again {
            // Analysed from scratch: so must the caches be.
            self.recent.replaced(self.revision);
        }
    }

    /// Applies an operation to the current view, or says why not. A change of the baseline is
    /// refused when a scenario would no longer apply on top of it: the plan file must always
    /// open again.
    ///
    /// Later steps (after the cursor) are discarded, as one step that undo takes back; the
    /// window asks first and may replay them instead ([`Document::apply_at_cursor`]).
    pub fn apply(&mut self, operation: Operation) -> Result<(), OpError> {
        self.apply_at_cursor(vec![operation], LaterSteps::Discard)
            .map(|_| ())
            .map_err(|(_, e)| e)
    }

    /// Applies several operations as one gesture: all of them or none (the refusal names the
    /// failing one's position, from 0), undone and redone in one step. Later steps are
    /// discarded undoably, as by [`Document::apply`].
    pub fn apply_all(&mut self, operations: Vec<Operation>) -> Result<(), (usize, OpError)> {
        self.apply_at_cursor(operations, LaterSteps::Discard)
            .map(|_| ())
    }

    /// How many steps of the view are after the history cursor (undone, or jumped back
    /// over): steps that redo or a jump applies, and that an edit now would come before.
    pub fn later_steps(&self) -> usize {
        self.history.later_steps()
    }

    /// Applies `operations` as one gesture at the history cursor (all of them or none, one
    /// undo step; a refusal names the failing one's position, from 0, and changes nothing:
    /// not the history, its later steps, nor the unsaved marker).
    ///
    /// With no later steps this is [`Document::apply_all`]. With later steps, `later` says
    /// what becomes of them: [`LaterSteps::Replay`] inserts the gesture at the cursor and
    /// replays them on top, keeping (after the cursor, still to be redone) each later gesture
    /// that still applies and reporting the others in [`Replayed::dropped`];
    /// [`LaterSteps::Discard`] drops them. Either way one [`Document::undo`] brings back the
    /// history exactly as it was, later steps and cursor included, and [`Document::redo`]
    /// does the edit again.
    pub fn apply_at_cursor(
        &mut self,
        operations: Vec<Operation>,
        later: LaterSteps,
    ) -> Result<Replayed, (usize, OpError)> {
        self.leave_date();
        // Tried first on the state and reverted, so that the refusal names the first
        // operation that does not apply at all, before any that breaks a scenario.
        if operations.len() > 1 {
            let mut tried = Vec::with_capacity(operations.len());
            let mut refusal = None;
            for (i, operation) in operations.iter().enumerate() {
                match operation.apply(&mut self.state) {
                    Ok(changes) => tried.push(changes),
                    Err(e) => {
                        refusal = Some((i, e));
                        break;
                    }
                }
            }
            for changes in tried.iter().rev() {
                changes.revert(&mut self.state);
            }
            if let Some(refusal) = refusal {
                return Err(refusal);
            }
        }
        let guard = self.view == View::Baseline && !self.plan.scenarios.is_empty();
        let scenarios = &self.plan.scenarios;
        let mut allowed = |state: &mut State| {
            if guard {
                scenarios_apply(scenarios, state)
            } else {
                Ok(())
            }
        };
        let start = self.history.cursor();
        let report =
            self.history
                .apply_at_cursor(&mut self.state, operations, later, &mut allowed)?;
        // Each operation of the gesture is followed as its own change, as it always was.
        for i in start..start + report.inserted {
            self.entries_changed(i..i + 1, true);
        }
        self.review.view_edited();
        Ok(report)
    }

    /// Drops the later steps as one undoable step (the state does not change); returns how
    /// many there were. The plan changes: a scenario is all its steps ([`Document::plan`]).
    pub fn drop_later_steps(&mut self) -> usize {
        self.leave_date();
        let n = self.history.drop_later();
        if n > 0 {
            self.edited(Touched::none(), RuleChanges::default());
            self.review.view_edited();
        }
        n
    }

    /// Undoes the document's last edit: an edit of the review opinions, or else the last step
    /// of the view (a gesture, or an edit made before later steps with what it did to them);
    /// false if there was none.
    pub fn undo(&mut self) -> bool {
        self.leave_date();
        if let Some(done) = self.undo_review() {
            return done;
        }
        self.review.tracks.pop();
        let Some(changed) = self.history.undo_step(&mut self.state) else {
            return false;
        };
        let (touched, leads) = follow(&mut self.graph, &self.state, changed, false);
        self.refresh(touched, leads);
        self.review.redo_tracks.push(opinions::Track::View);
        true
    }

    /// Redoes the edit of the review opinions undone last, or else the next step of the view
    /// (the edit undone last at the cursor, else the next gesture); false if there was none.
    pub fn redo(&mut self) -> bool {
        self.leave_date();
        if let Some(done) = self.redo_review() {
            return done;
        }
        self.review.redo_tracks.pop();
        let Some(changed) = self.history.redo_step(&mut self.state) else {
            return false;
        };
        let (touched, leads) = follow(&mut self.graph, &self.state, changed, true);
        self.refresh(touched, leads);
        self.review.tracks.push(opinions::Track::View);
        true
    }

    /// Moves the history cursor to `step` (0: none of the view's operations applied).
    pub fn jump_to(&mut self, step: usize) {
        self.leave_date();
        let from = self.history.cursor();
        if step != from {
            let passed = self.history.jump_to(&mut self.state, step);
            self.entries_changed(passed, step > from);
        }
    }

    /// Moves the history cursor to the end: every step of the view applied.
    pub fn jump_to_end(&mut self) {
        self.jump_to(self.history.entries().len());
    }

    /// Writes the current view back into the plan. A scenario is written with every step,
    /// applied or not: the cursor is where the window looks, not what the scenario is, so
    /// leaving, saving or autosaving a scenario keeps its later steps (it opens again with all
    /// of them applied). The baseline is written as it stands at the cursor: its later steps
    /// are undone edits of a state, which a save does not keep. The window asks before saving
    /// or leaving a view with later steps ([`Document::later_steps`]): keep them all (it jumps
    /// to the end) or drop them ([`Document::drop_later_steps`]).
    fn sync_view(&mut self) {
        match &self.view {
            View::Baseline => {
                if self.history.cursor() > 0 || self.plan.baseline != self.state {
                    self.plan.baseline = self.state.clone();
                }
            }
            View::Scenario(id) => {
                let steps: Vec<Step> = self.history.steps().collect();
                if let Some(s) = self.plan.scenarios.iter_mut().find(|s| &s.id == id) {
                    s.operations = steps;
                }
            }
        }
    }

    /// Switches to another view. The current view's edits are kept in the plan; a scenario
    /// opens with all its operations applied, each one undoable. On error nothing changes.
    pub fn switch_to(&mut self, view: View) -> Result<(), PlanError> {
        self.leave_date();
        self.sync_view();
        let mut state = self.plan.baseline.clone();
        let mut history = History::new();
        if let View::Scenario(id) = &view {
            let scenario = self
                .plan
                .scenario(id)
                .ok_or_else(|| PlanError::NoScenario(id.clone()))?;
            for (i, step) in scenario.operations.iter().enumerate() {
                history
                    .load(&mut state, step)
                    .map_err(|error| crate::plan::ScenarioError {
                        scenario: id.clone(),
                        index: i + 1,
                        error,
                    })?;
            }
        }
        // A baseline view starts a fresh history: its undo covers the edits made in it.
        if view == View::Baseline {
            history = History::new();
        }
        self.view = view;
        self.state = state;
        self.history = history;
        self.review.view_replaced();
        self.analysis = Analysis::full_against(&self.state, &self.plan.baseline, &self.plan.rules);
        self.graph = PlanGraph::build(&self.state);
        // Switching views is not an edit: the revision changes, the unsaved marker does not.
        self.revision += 1;
        self.recent.replaced(self.revision);
        Ok(())
    }

    /// Replaces the plan's rule settings and re-analyses.
    pub fn set_rules(&mut self, rules: crate::plan::RuleConfig) {
        self.leave_date();
        self.plan.rules = rules;
        self.analysis = Analysis::full_against(&self.state, self.baseline(), &self.plan.rules);
        self.edited(Touched::none(), RuleChanges::default());
        self.recent.replaced(self.revision);
    }

    /// Counts a change that touched `touched` (nothing, for a change of the plan alone) and did
    /// `rule_findings` to the rule findings.
    fn edited(&mut self, touched: Touched, rule_findings: RuleChanges) {
        self.record_edit(touched, rule_findings, Vec::new(), Area::nowhere());
    }

    /// [`Document::edited`], for changes that also gained or lost the lead holdings `leads`
    /// and may have changed leads in `area`.
    fn record_edit(
        &mut self,
        touched: Touched,
        rule_findings: RuleChanges,
        leads: Vec<LeadMove>,
        area: Area,
    ) {
        self.revision += 1;
        self.edits += 1;
        self.recent.record(RecentChange {
            revision: self.revision,
            touched,
            rule_findings,
            leads,
            area,
        });
    }
}

#[cfg(test)]
mod tests;
