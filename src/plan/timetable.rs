//! The timetable of a scenario (分步实施): its state at any date.
//!
//! The steps in effect on a date D are the undated ones (from the scenario's start) and those
//! dated on or before D, applied **in list order**. The list order is the planner's: a step
//! placed before another may be what the other rests on. So a later-dated step placed before
//! an earlier-dated one that depends on it is not silently reordered: on the dates between the
//! two the earlier-dated step cannot apply, and that is refused with an error naming both
//! steps and both dates ([`TimetableError`]), when the plan loads, when a step's date is set
//! and when a state at a date is asked for. Sorting by date instead would apply the steps in an
//! order nobody wrote, and hide that the document dates contradict the plan.
//!
//! Every state a scenario passes through is one of its *checkpoints*: the day before its first
//! date (the undated steps alone), then each date on which a step takes effect.

use std::collections::BTreeSet;

use super::date::PlanDate;
use super::operation::{ChangeSet, OpError};
use super::step::Step;
use super::{Plan, PlanError, Scenario};
use crate::model::{ScenarioId, State, Touched};

/// A step that cannot take effect on a date because a step it rests on is placed before it
/// but dated later.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "方案「{scenario}」：{date} 时第 {step} 步（{when}）无法生效，因为它所依赖的第 {needs} 步排在它之前却要到 {needs_date} 才生效 (scenario `{scenario}` on {date}: step {step} ({when}) cannot take effect, because step {needs}, placed before it, takes effect only on {needs_date}: {error}; date the steps in their order, or move step {needs} after it)",
    when = step_date.map_or_else(|| "未注明日期 undated".to_owned(), |d| d.to_string())
)]
pub struct TimetableError {
    /// The scenario.
    pub scenario: ScenarioId,
    /// The date whose state was asked for.
    pub date: PlanDate,
    /// The step that fails, from 1.
    pub step: usize,
    /// Its date (`None`: undated).
    pub step_date: Option<PlanDate>,
    /// The step it rests on, from 1: placed before it, dated after `date`.
    pub needs: usize,
    /// That step's date.
    pub needs_date: PlanDate,
    /// Why the failing step was refused.
    pub error: Box<OpError>,
}

impl Scenario {
    /// The distinct dates on which its steps take effect, in order.
    pub fn dates(&self) -> Vec<PlanDate> {
        let dates: BTreeSet<PlanDate> = self
            .operations
            .iter()
            .filter_map(|s| s.timing.effective)
            .collect();
        dates.into_iter().collect()
    }

    /// Whether any step carries a date.
    pub fn is_dated(&self) -> bool {
        self.operations.iter().any(|s| s.timing.effective.is_some())
    }

    /// The states it passes through: the day before its first date, then each of its dates
    /// (empty when it has no dates).
    pub fn checkpoints(&self) -> Vec<PlanDate> {
        let dates = self.dates();
        dates
            .first()
            .map(|first| first.previous())
            .into_iter()
            .chain(dates)
            .collect()
    }
}

/// Applies to `state` the steps of `scenario` in effect on `date`, in list order, and returns
/// each applied step's position (from 0) with what it changed; on a refusal the state is as it
/// was and the error names the failing step and the later-dated step before it that it rests
/// on.
pub fn apply_at(
    state: &mut State,
    scenario: &Scenario,
    date: PlanDate,
) -> Result<Vec<(usize, ChangeSet)>, TimetableError> {
    let mut applied: Vec<(usize, ChangeSet)> = Vec::new();
    for (i, step) in scenario.operations.iter().enumerate() {
        if !step.timing.in_effect_at(date) {
            continue;
        }
        match step.operation.apply(state) {
            Ok(changes) => applied.push((i, changes)),
            Err(error) => {
                for (_, changes) in applied.iter().rev() {
                    changes.revert(state);
                }
                return Err(culprit(state, scenario, date, i, error));
            }
        }
    }
    Ok(applied)
}

/// Reverts what [`apply_at`] applied.
pub fn revert(state: &mut State, applied: &[(usize, ChangeSet)]) {
    for (_, changes) in applied.iter().rev() {
        changes.revert(state);
    }
}

/// Whether step `step` applies on `date` once step `extra` (before it, not yet in effect) is
/// added to the steps in effect before it; `state` is left as it was.
fn applies_with(
    state: &mut State,
    scenario: &Scenario,
    date: PlanDate,
    step: usize,
    extra: usize,
) -> bool {
    let mut applied = Vec::new();
    let mut applies = true;
    for (k, s) in scenario.operations[..=step].iter().enumerate() {
        if k == step || k == extra || s.timing.in_effect_at(date) {
            if let Ok(changes) = s.operation.apply(state) {
                applied.push(changes);
            } else {
                applies = false;
                break;
            }
        }
    }
    for changes in applied.iter().rev() {
        changes.revert(state);
    }
    applies
}

/// Names the step that step `failed` rests on: among the steps before it not yet in effect on
/// `date`, the nearest whose taking effect lets it apply; else the nearest that touched a
/// record it touches when the whole scenario is applied; else the nearest. `state` is as
/// before the scenario.
fn culprit(
    state: &mut State,
    scenario: &Scenario,
    date: PlanDate,
    failed: usize,
    error: OpError,
) -> TimetableError {
    let waiting: Vec<usize> = (0..failed)
        .filter(|&i| !scenario.operations[i].timing.in_effect_at(date))
        .collect();
    if let Some(&needs) = waiting
        .iter()
        .rev()
        .find(|&&i| applies_with(state, scenario, date, failed, i))
    {
        return named(scenario, date, failed, needs, error);
    }
    // What each step touches with every step before it applied (the list as written).
    let mut touched: Vec<Touched> = Vec::with_capacity(failed + 1);
    let mut applied = Vec::with_capacity(failed + 1);
    for step in &scenario.operations[..=failed] {
        match step.operation.apply(state) {
            Ok(changes) => {
                touched.push(changes.touched().clone());
                applied.push(changes);
            }
            Err(_) => break,
        }
    }
    for changes in applied.iter().rev() {
        changes.revert(state);
    }
    let shares = |a: &Touched, b: &Touched| match (a, b) {
        (Touched::Records(a), Touched::Records(b)) => {
            !a.powers.is_disjoint(&b.powers) || !a.bodies.is_disjoint(&b.bodies)
        }
        _ => true,
    };
    let needs = touched
        .get(failed)
        .and_then(|mine| {
            waiting
                .iter()
                .rev()
                .find(|&&i| touched.get(i).is_some_and(|t| shares(t, mine)))
        })
        .or(waiting.last())
        .copied()
        .unwrap_or(failed);
    named(scenario, date, failed, needs, error)
}

/// The error naming step `failed` and step `needs` (positions from 0).
fn named(
    scenario: &Scenario,
    date: PlanDate,
    failed: usize,
    needs: usize,
    error: OpError,
) -> TimetableError {
    TimetableError {
        scenario: scenario.id.clone(),
        date,
        step: failed + 1,
        step_date: scenario.operations[failed].timing.effective,
        needs: needs + 1,
        needs_date: scenario.operations[needs].timing.effective.unwrap_or(date),
        error: Box::new(error),
    }
}

/// Checks that the scenario applies on every one of its checkpoints, on `state` (its baseline),
/// which is left as it was.
pub fn check(state: &mut State, scenario: &Scenario) -> Result<(), TimetableError> {
    for date in scenario.checkpoints() {
        let applied = apply_at(state, scenario, date)?;
        revert(state, &applied);
    }
    Ok(())
}

impl Plan {
    /// The state of a scenario on `date`: the baseline with the steps in effect then.
    pub fn state_at(&self, scenario: &ScenarioId, date: PlanDate) -> Result<State, PlanError> {
        let scenario = self
            .scenario(scenario)
            .ok_or_else(|| PlanError::NoScenario(scenario.clone()))?;
        let mut state = self.baseline.clone();
        apply_at(&mut state, scenario, date)?;
        Ok(state)
    }
}

/// Undated steps of `operations`, in order: a scenario built of operations alone (the seed
/// plan's, a generated plan's).
pub fn undated(operations: impl IntoIterator<Item = super::Operation>) -> Vec<Step> {
    operations.into_iter().map(Step::new).collect()
}
