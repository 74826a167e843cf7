//! The merged tree made a plan again and loaded like any plan: a record one side deleted and
//! the merged baseline still refers to is put back; a record both sides changed whose fields,
//! merged, break the model is taken whole from one side; then every scenario is replayed on the
//! merged baseline, each step that no longer applies left out and reported.
//!
//! **A step that no longer applies is dropped, not kept:** a plan with a step that does not
//! apply is refused by the loader (and by the window), so keeping it would write a file that
//! nobody can open. The conflict carries the step as each side had it, the scenario, its
//! position and the refusal, so the step can be added again, amended, by whoever resolves it.
//! The steps after it are replayed without it; those that needed it are reported too.

use crate::io::plan_file::{self, LoadError, PlanFile};
use crate::model::ModelError;
use crate::plan::{Plan, Scenario};

use super::MergeError;
use super::conflict::{Conflict, ConflictKind, Place, Side, Step};
use super::keyed::key_of;
use super::schema::{ListKind, REFERENCED, list_kind};
use super::three_way::Merger;
use super::tree::{Node, from_node, to_node};

/// The name the merged plan goes by in messages.
pub(super) const MERGED_NAME: &str = "合并结果 (the merged plan)";

/// The merged tree as a plan: the baseline loaded (records put back, or taken whole from one
/// side, while that makes it hold together), then the scenarios replayed.
pub(super) fn load(
    tree: &mut Node,
    merger: &mut Merger<'_>,
    sides: [&PlanFile; 3],
) -> Result<Plan, MergeError> {
    let mut trees: Option<[Node; 3]> = None;
    let mut plan = loop {
        let mut file: PlanFile = from_node(tree).map_err(MergeError::Tree)?;
        let scenarios = std::mem::take(&mut file.scenarios);
        match plan_file::plan_of_file(file, MERGED_NAME) {
            Ok(mut plan) => {
                plan.scenarios = scenarios;
                break plan;
            }
            Err(LoadError::Model { errors, path }) => {
                let trees = match &mut trees {
                    Some(trees) => trees,
                    None => trees.insert([
                        to_node(sides[0]).map_err(MergeError::Tree)?,
                        to_node(sides[1]).map_err(MergeError::Tree)?,
                        to_node(sides[2]).map_err(MergeError::Tree)?,
                    ]),
                };
                if !restore(tree, merger, trees, &errors) && !unblend(tree, merger, trees, &errors)
                {
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

/// Puts back the records that the model's errors name as missing and that one side deleted
/// while the other kept them; whether any was.
fn restore(
    tree: &mut Node,
    merger: &mut Merger<'_>,
    trees: &[Node; 3],
    errors: &[ModelError],
) -> bool {
    let mut restored = false;
    for error in errors {
        let ModelError::Dangling { what, id, referrer } = error else {
            continue;
        };
        let Some((_, list)) = REFERENCED.iter().find(|(w, _)| w == what) else {
            continue;
        };
        let key = [id.clone()];
        let [base, ours, theirs] = trees.each_ref().map(|t| find(t, list, &key).cloned());
        let (record, deleted_by) = match (&ours, &theirs) {
            (Some(o), None) => (o.clone(), Side::Theirs),
            (None, Some(t)) => (t.clone(), Side::Ours),
            _ => continue,
        };
        let Some(records) = list_mut(tree, list) else {
            continue;
        };
        if records.iter().any(|r| key_matches(list, r, &key)) {
            continue;
        }
        records.push(record);
        let place = place_of(list, id);
        merger
            .conflicts
            .retain(|c| !c.place.0.starts_with(&place.0));
        merger.conflicts.push(Conflict {
            place,
            kind: ConflictKind::Restored {
                deleted_by,
                referrer: referrer.clone(),
            },
            base,
            ours,
            theirs,
            held: Some(match deleted_by {
                Side::Ours => Side::Theirs,
                _ => Side::Ours,
            }),
        });
        restored = true;
    }
    restored
}

/// Takes whole from one side (the chooser's) each record that both sides changed, that was
/// merged field by field and that the model's errors name (every part of its key in one
/// message): its merged fields do not hold together (an assisting holding given a tier of
/// cases, say). Whether any was.
fn unblend(
    tree: &mut Node,
    merger: &mut Merger<'_>,
    trees: &[Node; 3],
    errors: &[ModelError],
) -> bool {
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    let named = |key: &[String]| {
        messages
            .iter()
            .find(|m| key.iter().all(|part| m.contains(part.as_str())))
            .cloned()
    };
    let mut changed = false;
    for blended in std::mem::take(&mut merger.blended) {
        let list = blended.list.schema_path();
        let Some(reason) = named(&blended.key) else {
            merger.blended.push(blended);
            continue;
        };
        let [base, ours, theirs] = trees
            .each_ref()
            .map(|t| find(t, &list, &blended.key).cloned());
        let place = blended.list.with(Step::Key(blended.key.join(",")));
        merger
            .conflicts
            .retain(|c| !c.place.0.starts_with(&place.0));
        let side = merger.conflict(
            &place,
            ConflictKind::DoNotHoldTogether { reason },
            base.as_ref(),
            ours.as_ref(),
            theirs.as_ref(),
        );
        let chosen = match side {
            Side::Base => base,
            Side::Ours => ours,
            Side::Theirs => theirs,
        };
        if let Some(records) = list_mut(tree, &list) {
            records.retain(|r| !key_matches(&list, r, &blended.key));
            records.extend(chosen);
            changed = true;
        }
    }
    changed
}

/// The place of a record of a list keyed by one field.
fn place_of(list: &str, key: &str) -> Place {
    let mut steps: Vec<Step> = list
        .split('.')
        .map(|name| Step::Field(field_name(name)))
        .collect();
    steps.push(Step::Key(key.to_owned()));
    Place(steps)
}

/// A field's name as the schema spells it, with the lifetime the places need.
fn field_name(name: &str) -> &'static str {
    super::schema::LISTS
        .iter()
        .flat_map(|(path, _)| path.split('.'))
        .find(|n| *n == name)
        .unwrap_or("?")
}

/// Whether a record of the list at `list` has this key.
fn key_matches(list: &str, record: &Node, key: &[String]) -> bool {
    let Some(ListKind::Keyed(fields)) = list_kind(list) else {
        return false;
    };
    key_of(fields, record).is_some_and(|k| {
        k.len() == key.len() && k.iter().zip(key).all(|(n, text)| n.key_text() == *text)
    })
}

/// The record with this key in the list at `list` of a tree.
fn find<'t>(tree: &'t Node, list: &str, key: &[String]) -> Option<&'t Node> {
    let mut node = tree;
    for name in list.split('.') {
        node = node.field(name)?;
    }
    match node {
        Node::Seq(records) => records.iter().find(|r| key_matches(list, r, key)),
        _ => None,
    }
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
        let mut kept: Vec<crate::plan::Step> = Vec::with_capacity(scenario.operations.len());
        for step in std::mem::take(&mut scenario.operations) {
            match step.operation.apply(baseline) {
                Ok(changes) => {
                    applied.push(changes);
                    kept.push(step);
                }
                Err(error) => {
                    let position = kept.len() + 1;
                    merger
                        .conflicts
                        .push(no_longer_applies(scenario, position, &step, &error, sides));
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
    op: &crate::plan::Step,
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
