//! What a suggested fix would do, before it is applied: the holdings it changes (which body
//! becomes or stops being lead or assisting for which power, and where) and the finding counts
//! before and after (overlaps, gaps, rule findings), so that a fix that clears one finding and
//! raises two others says so before the click.
//!
//! The preview applies the fix's operations to a working copy of the state, refreshes a working
//! copy of its analysis incrementally (only the powers and rule scopes the operations touched,
//! exactly as the document does after an edit), counts, then reverts the operations and
//! refreshes again: the copies are left as they came, so the previews of every fix of one menu
//! share one pair of copies ([`preview_all`]). The counts are the ones the document shows after
//! `Document::apply_all` of the same operations (`tests/core/explain_findings.rs`), refusals
//! included: while the baseline is edited, an operation after which a scenario no longer
//! applies is refused here as the document refuses it.

use std::collections::BTreeMap;

use super::{Document, View};
use crate::analysis::fixes::Fix;
use crate::analysis::{Analysis, FindingCounts};
use crate::model::{BodyId, Change, Holding, PowerId, State, Touched};
use crate::plan::RuleConfig;
use crate::plan::{ChangeSet, OpError, Operation, Scenario};

/// What the document checks and compares with when it applies operations to its view.
#[derive(Clone, Copy, Debug)]
pub struct Setting<'a> {
    /// The state the rules compare with; `None` when the state is its own baseline (the
    /// baseline view).
    pub baseline: Option<&'a State>,
    /// The rules.
    pub rules: &'a RuleConfig,
    /// The scenarios that must still apply on top of the state after each operation: the
    /// plan's while the baseline is edited, none in a scenario.
    pub scenarios: &'a [Scenario],
}

impl<'a> Setting<'a> {
    /// The setting of a document's current view.
    pub fn of(doc: &'a Document) -> Self {
        let plan = doc.plan_unsynced();
        match doc.view() {
            View::Baseline => Self {
                baseline: None,
                rules: &plan.rules,
                scenarios: &plan.scenarios,
            },
            View::Scenario(_) => Self {
                baseline: Some(doc.baseline()),
                rules: &plan.rules,
                scenarios: &[],
            },
        }
    }
}

/// One holding as a fix changes it: what it was and what it becomes (`None`: none).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HoldingChange {
    /// The power.
    pub power: PowerId,
    /// The body.
    pub body: BodyId,
    /// Before the fix.
    pub before: Option<Holding>,
    /// After the fix.
    pub after: Option<Holding>,
}

/// What a fix would do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FixPreview {
    /// The holdings it changes, in the order the operations first change them (a holding
    /// changed and changed back is left out).
    pub holdings: Vec<HoldingChange>,
    /// How many other records it changes (bodies created or ended, concentration records).
    pub other_changes: usize,
    /// The finding counts now.
    pub before: FindingCounts,
    /// The finding counts after the fix (the same as `before` when it is refused).
    pub after: FindingCounts,
    /// Why the fix would be refused: the failing operation's position (from 0) and the reason.
    pub refused: Option<(usize, OpError)>,
}

/// Previews one fix's operations on `state` and its `analysis` (both the caller's working
/// copies, left as they were), as the document would apply them in `setting`.
pub fn preview(
    operations: &[Operation],
    state: &mut State,
    analysis: &mut Analysis,
    setting: Setting<'_>,
) -> FixPreview {
    let Setting {
        baseline, rules, ..
    } = setting;
    let before = analysis.counts();
    let mut applied: Vec<ChangeSet> = Vec::with_capacity(operations.len());
    let mut refused = None;
    for (i, operation) in operations.iter().enumerate() {
        match operation.apply(state) {
            Ok(changes) => {
                applied.push(changes);
                if let Err(e) = crate::session::scenarios_apply(setting.scenarios, state) {
                    refused = Some((i, e));
                    break;
                }
            }
            Err(e) => {
                refused = Some((i, e));
                break;
            }
        }
    }
    let mut touched = Touched::none();
    for changes in &applied {
        touched.extend(changes.touched());
    }
    let (holdings, other_changes) = holding_changes(&applied);
    let after = if refused.is_none() {
        refresh(analysis, state, baseline, rules, &touched);
        analysis.counts()
    } else {
        before
    };
    for changes in applied.iter().rev() {
        changes.revert(state);
    }
    if refused.is_none() {
        refresh(analysis, state, baseline, rules, &touched);
    }
    FixPreview {
        holdings: if refused.is_none() {
            holdings
        } else {
            Vec::new()
        },
        other_changes,
        before,
        after,
        refused,
    }
}

/// Previews each fix of a list on one copy of the state and of its analysis.
pub fn preview_all(
    fixes: &[Fix],
    state: &State,
    analysis: &Analysis,
    setting: Setting<'_>,
) -> Vec<FixPreview> {
    if fixes.is_empty() {
        return Vec::new();
    }
    let mut state = state.clone();
    let mut analysis = analysis.clone();
    fixes
        .iter()
        .map(|fix| preview(&fix.operations, &mut state, &mut analysis, setting))
        .collect()
}

fn refresh(
    analysis: &mut Analysis,
    state: &State,
    baseline: Option<&State>,
    rules: &RuleConfig,
    touched: &Touched,
) {
    analysis.refresh(state, baseline.unwrap_or(state), rules, touched);
}

/// The net change of each holding the change sets changed, in the order first changed, and how
/// many other records they changed.
fn holding_changes(applied: &[ChangeSet]) -> (Vec<HoldingChange>, usize) {
    let mut order: Vec<(PowerId, BodyId)> = Vec::new();
    let mut net: BTreeMap<(PowerId, BodyId), (Option<Holding>, Option<Holding>)> = BTreeMap::new();
    let mut others = 0;
    for change in applied.iter().flat_map(ChangeSet::changes) {
        let Change::Holding {
            power,
            body,
            before,
            after,
        } = change
        else {
            others += 1;
            continue;
        };
        let key = (power.clone(), body.clone());
        if let Some(entry) = net.get_mut(&key) {
            entry.1.clone_from(after);
        } else {
            order.push(key.clone());
            net.insert(key, (before.clone(), after.clone()));
        }
    }
    let holdings = order
        .into_iter()
        .filter_map(|key| {
            let (before, after) = net.remove(&key)?;
            (before != after).then_some(HoldingChange {
                power: key.0,
                body: key.1,
                before,
                after,
            })
        })
        .collect();
    (holdings, others)
}
