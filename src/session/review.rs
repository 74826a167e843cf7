//! Where each review opinion's target is now: whether the finding, the step, the body or the
//! power it was written about still exists in the state it was written on (a finding is looked
//! for by its key among that state's findings; a step by [`Target::find_step`]). An opinion
//! whose target is gone is kept and shown as such, never dropped.
//!
//! Each state that opinions name is built once, and analysed only when one of them is about a
//! finding; the state being edited in the window is lent by the caller instead of built again.

use std::collections::BTreeMap;

use crate::analysis::{Analysis, Finding};
use crate::model::{ScenarioId, State};
use crate::plan::{FindingKey, Opinion, Plan, Step, Target};

/// Where an opinion's target is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Whereabouts {
    /// It exists; for a step, its number now (from 1).
    Present {
        /// The step's number now, for a step.
        step: Option<usize>,
    },
    /// It no longer exists (对象已不存在): the body was abolished, the finding fixed, the step
    /// changed or removed, or the scenario deleted.
    Gone,
}

impl Whereabouts {
    /// Whether the target exists.
    pub fn is_present(self) -> bool {
        matches!(self, Self::Present { .. })
    }
}

/// The state being edited, lent so that it is not built and analysed again.
#[derive(Clone, Copy)]
pub struct Current<'a> {
    /// Its scenario (`None`: the baseline).
    pub scenario: Option<&'a ScenarioId>,
    /// The state.
    pub state: &'a State,
    /// Its analysis.
    pub analysis: &'a Analysis,
    /// Its steps, when it is a scenario being edited (the plan may not have them written out
    /// yet); `None` to read them from the plan.
    pub steps: Option<&'a [Step]>,
}

/// The steps of `scenario`: the ones being edited when it is the current view, else the plan's.
pub fn steps_of<'a>(
    plan: &'a Plan,
    current: Option<Current<'a>>,
    scenario: &ScenarioId,
) -> Option<&'a [Step]> {
    current
        .filter(|c| c.scenario == Some(scenario))
        .and_then(|c| c.steps)
        .or_else(|| plan.scenario(scenario).map(|s| s.operations.as_slice()))
}

/// A state built for the opinions on it, analysed when needed.
struct Built {
    state: State,
    findings: Option<Vec<FindingKey>>,
}

/// Where every opinion's target is, in the plan's order of opinions.
pub fn whereabouts(plan: &Plan, current: Option<Current<'_>>) -> Vec<Whereabouts> {
    let mut built: BTreeMap<Option<ScenarioId>, Option<Built>> = BTreeMap::new();
    let mut current_keys: Option<Vec<FindingKey>> = None;
    plan.review
        .opinions
        .iter()
        .map(|opinion| {
            if let Target::Operation { scenario, .. } = &opinion.target {
                return steps_of(plan, current, scenario)
                    .and_then(|steps| opinion.target.find_step(steps))
                    .map_or(Whereabouts::Gone, |step| Whereabouts::Present {
                        step: Some(step),
                    });
            }
            let lent = current.filter(|c| c.scenario == opinion.scenario.as_ref());
            let present = if let Some(c) = lent {
                let keys = current_keys
                    .get_or_insert_with(|| c.analysis.findings().map(Finding::key).collect());
                present_in(opinion, c.state, keys)
            } else {
                let entry = built
                    .entry(opinion.scenario.clone())
                    .or_insert_with(|| build(plan, opinion.scenario.as_ref()));
                // `None`: the scenario is gone, or no longer applies.
                entry.as_mut().is_some_and(|b| {
                    if matches!(opinion.target, Target::Finding(_)) && b.findings.is_none() {
                        let analysis =
                            Analysis::full_against(&b.state, &plan.baseline, &plan.rules);
                        b.findings = Some(analysis.findings().map(Finding::key).collect());
                    }
                    let keys = b.findings.as_deref().unwrap_or_default();
                    present_in(opinion, &b.state, keys)
                })
            };
            if present {
                Whereabouts::Present { step: None }
            } else {
                Whereabouts::Gone
            }
        })
        .collect()
}

/// The state of `scenario` (the baseline for `None`), not yet analysed; `None` when the
/// scenario is gone or no longer applies.
fn build(plan: &Plan, scenario: Option<&ScenarioId>) -> Option<Built> {
    plan.state_of(scenario).ok().map(|state| Built {
        state,
        findings: None,
    })
}

/// Whether an opinion's finding, body or power is in `state`, whose findings have `keys`.
fn present_in(opinion: &Opinion, state: &State, keys: &[FindingKey]) -> bool {
    match &opinion.target {
        Target::Finding(key) => keys.contains(key),
        Target::Body(body) => state.body(body).is_some(),
        Target::Power(power) => state.powers().contains_key(power),
        Target::Operation { .. } => false,
    }
}
