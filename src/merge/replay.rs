//! The merged tree made a plan again and loaded like any plan: a record one side deleted and
//! the merged baseline still refers to is put back, and every scenario is replayed on the
//! merged baseline, each step that no longer applies left out and reported.
//!
//! **A step that no longer applies is dropped, not kept:** a plan with a step that does not
//! apply is refused by the loader (and by the window), so keeping it would write a file that
//! nobody can open. The conflict carries the step as each side had it, the scenario, its
//! position and the refusal, so the step can be added again, amended, by whoever resolves it.
//! The steps after it are replayed without it; those that needed it are reported too.

use crate::io::plan_file::{self, LoadError, PlanFile};
use crate::model::ModelError;
use crate::plan::{Operation, Plan, Scenario};

use super::MergeError;
use super::conflict::{Conflict, ConflictKind, Place, Side, Step};
use super::schema::REFERENCED;
use super::three_way::Merger;
use super::tree::{Node, from_node, to_node};

/// The name the merged plan goes by in messages.
pub(super) const MERGED_NAME: &str = "合并结果 (the merged plan)";

/// The merged tree as a plan: the baseline loaded (records put back while that makes it hold
/// together), then the scenarios replayed.
pub(super) fn load(
    tree: &mut Node,
    merger: &mut Merger<'_>,
    sides: [&PlanFile; 3],
) -> Result<Plan, MergeError> {
    let mut plan = loop {
        let mut file: PlanFile = from_node(tree).map_err(MergeError::Tree)?;
        let scenarios = std::mem::take(&mut file.scenarios);
        match plan_file::plan_of_file(file, MERGED_NAME) {
            Ok(mut plan) => {
                plan.scenarios = scenarios;
                break plan;
            }
            Err(LoadError::Model { errors, path }) => {
                if !restore(tree, merger, &errors) {
                    return Err(MergeError::DoesNotHold(LoadError::Model { errors, path }));
                }
            }
            Err(other) => return Err(MergeError::DoesNotHold(other)),
        }
    };
    replay(&mut plan, merger, sides);
    plan_file::check_plan_scenarios(&plan, MERGED_NAME).map_err(MergeError::DoesNotHold)?;
    Ok(plan)
}

/// Puts back the deleted records that the model's errors name as missing; whether any was.
fn restore(tree: &mut Node, merger: &mut Merger<'_>, errors: &[ModelError]) -> bool {
    let mut restored = false;
    for error in errors {
        let ModelError::Dangling { what, id, referrer } = error else {
            continue;
        };
        let Some((_, list)) = REFERENCED.iter().find(|(w, _)| w == what) else {
            continue;
        };
        let Some(at) = merger
            .deleted
            .iter()
            .position(|d| d.list.schema_path() == *list && d.key == *id)
        else {
            continue;
        };
        let deleted = merger.deleted.swap_remove(at);
        let Some(records) = list_mut(tree, list) else {
            continue;
        };
        records.push(deleted.record.clone());
        let place = deleted.list.with(Step::Key(deleted.key.clone()));
        merger.conflicts.retain(|c| c.place != place);
        let (ours, theirs) = match deleted.deleted_by {
            Side::Ours => (None, Some(deleted.record)),
            _ => (Some(deleted.record), None),
        };
        merger.conflicts.push(Conflict {
            place,
            kind: ConflictKind::Restored {
                deleted_by: deleted.deleted_by,
                referrer: referrer.clone(),
            },
            base: Some(deleted.base),
            ours,
            theirs,
            held: Some(match deleted.deleted_by {
                Side::Ours => Side::Theirs,
                _ => Side::Ours,
            }),
        });
        restored = true;
    }
    restored
}

/// The list at a dotted path of fields from the top of the tree.
fn list_mut<'t>(tree: &'t mut Node, path: &str) -> Option<&'t mut Vec<Node>> {
    let mut node = tree;
    for name in path.split('.') {
        let Node::Struct(fields) = node else {
            return None;
        };
        node = fields
            .iter_mut()
            .find(|(f, _)| *f == name)
            .map(|(_, v)| v)?;
    }
    match node {
        Node::Seq(items) => Some(items),
        _ => None,
    }
}

/// Replays every scenario on the merged baseline (one working copy: each scenario's changes
/// are reverted exactly before the next), leaving out and reporting each step that fails.
fn replay(plan: &mut Plan, merger: &mut Merger<'_>, sides: [&PlanFile; 3]) {
    let Plan {
        baseline,
        scenarios,
        ..
    } = plan;
    for scenario in scenarios.iter_mut() {
        let mut applied = Vec::new();
        let mut kept: Vec<Operation> = Vec::with_capacity(scenario.operations.len());
        for op in std::mem::take(&mut scenario.operations) {
            match op.apply(baseline) {
                Ok(changes) => {
                    applied.push(changes);
                    kept.push(op);
                }
                Err(error) => {
                    let step = kept.len() + 1;
                    merger
                        .conflicts
                        .push(no_longer_applies(scenario, step, &op, &error, sides));
                }
            }
        }
        scenario.operations = kept;
        for changes in applied.into_iter().rev() {
            changes.revert(baseline);
        }
    }
}

/// The conflict of a step that fails, with the step as each side that has it has it.
fn no_longer_applies(
    scenario: &Scenario,
    step: usize,
    op: &Operation,
    error: &crate::plan::OpError,
    sides: [&PlanFile; 3],
) -> Conflict {
    let node = to_node(op).ok();
    let has = |file: &PlanFile| {
        file.scenarios
            .iter()
            .find(|s| s.id == scenario.id)
            .is_some_and(|s| s.operations.contains(op))
            .then(|| node.clone())
            .flatten()
    };
    Conflict {
        place: Place(vec![
            Step::Field("scenarios"),
            Step::Key(scenario.id.to_string()),
            Step::Field("operations"),
            Step::Steps(step, step),
        ]),
        kind: ConflictKind::NoLongerApplies {
            scenario: scenario.id.clone(),
            step,
            refusal: error.to_string(),
        },
        base: has(sides[0]),
        ours: has(sides[1]),
        theirs: has(sides[2]),
        held: None,
    }
}
