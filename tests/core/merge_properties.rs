//! The merge is symmetric up to the order of steps both sides added (issue 19), over random
//! plans and random edits on each side (the random-operation machinery of
//! `tests/common/random.rs`): baseline edits, steps appended to scenarios or removed from them,
//! a scenario added or deleted, sometimes the same edit on both sides.
//!
//! merge(b, o, t) holding ours at each conflict and merge(b, t, o) holding theirs (o again) must
//! either both fail to hold together or give the same conflicts' places and the same plan, but
//! for the scenarios to which both sides appended steps: there the steps kept and left out are
//! the same multiset (the order, and so which of two clashing steps fails, may differ).

use std::collections::{BTreeMap, BTreeSet};

use crate::common::random::{Rng, random_operation, random_state};
use proptest::prelude::*;
use shiquan::io::plan_file::{self, PlanFile};
use shiquan::merge::{self, ConflictKind, Side};
use shiquan::model::ScenarioId;
use shiquan::plan::{Operation, Plan, Scenario};

fn config() -> ProptestConfig {
    let mut config = ProptestConfig::default();
    config.cases = config.cases.max(256);
    config
}

/// A random plan: a random baseline and two scenarios of steps that apply.
fn random_plan(rng: &mut Rng) -> Plan {
    let mut plan = Plan::new("随机");
    plan.baseline = random_state(rng);
    for (i, id) in ["s1", "s2"].into_iter().enumerate() {
        plan.scenarios.push(Scenario {
            id: ScenarioId::new(id),
            name: format!("方案{id}"),
            description: String::new(),
            operations: Vec::new(),
        });
        for serial in 0..rng.below(6) {
            append_random(&mut plan, id, rng, 100 * (i + 1) + serial);
        }
    }
    plan
}

/// Appends a random step that applies to a scenario; whether one did.
fn append_random(
    plan: &mut Plan,
    scenario: &str,
    rng: &mut Rng,
    serial: usize,
) -> Option<Operation> {
    let id = ScenarioId::new(scenario);
    let mut state = plan.state_of(Some(&id)).ok()?;
    let op = random_operation(&state, rng, serial);
    op.apply(&mut state).ok()?;
    plan.scenarios
        .iter_mut()
        .find(|s| s.id == id)?
        .operations
        .push(op.clone().into());
    Some(op)
}

/// A random edit of the baseline that keeps the plan loading.
fn edit_baseline(plan: &mut Plan, rng: &mut Rng, serial: usize) -> Option<Operation> {
    let op = random_operation(&plan.baseline, rng, serial);
    let changes = op.apply(&mut plan.baseline).ok()?;
    if plan_file::check_plan_scenarios(plan, "side").is_err() {
        changes.revert(&mut plan.baseline);
        return None;
    }
    Some(op)
}

/// One side's random edits; the scenarios it appended to.
fn edit_side(
    plan: &mut Plan,
    rng: &mut Rng,
    serial: usize,
    shared: &[Operation],
) -> BTreeSet<String> {
    let mut appended = BTreeSet::new();
    for op in shared {
        if let Ok(changes) = op.apply(&mut plan.baseline)
            && plan_file::check_plan_scenarios(plan, "side").is_err()
        {
            changes.revert(&mut plan.baseline);
        }
    }
    for k in 0..rng.below(5) {
        let serial = serial + k;
        match rng.below(10) {
            0..=4 => {
                edit_baseline(plan, rng, serial);
            }
            5..=7 => {
                let scenario = if rng.chance(50) { "s1" } else { "s2" };
                if plan.scenarios.iter().any(|s| s.id.as_str() == scenario)
                    && append_random(plan, scenario, rng, serial).is_some()
                {
                    appended.insert(scenario.to_owned());
                }
            }
            8 if rng.chance(50) => {
                let victim = if rng.chance(50) { "s1" } else { "s2" };
                plan.scenarios.retain(|s| s.id.as_str() != victim);
            }
            8 => {
                // A step removed, where the scenario still applies without it.
                let Some(at) =
                    (!plan.scenarios.is_empty()).then(|| rng.below(plan.scenarios.len()))
                else {
                    continue;
                };
                let steps = plan.scenarios[at].operations.len();
                if steps == 0 {
                    continue;
                }
                let step = rng.below(steps);
                let removed = plan.scenarios[at].operations.remove(step);
                if plan_file::check_plan_scenarios(plan, "side").is_err() {
                    plan.scenarios[at].operations.insert(step, removed);
                }
            }
            _ => {
                let id = format!("new{serial}");
                plan.scenarios.push(Scenario {
                    id: ScenarioId::new(&id),
                    name: id.clone(),
                    description: String::new(),
                    operations: Vec::new(),
                });
                if append_random(plan, &id, rng, serial + 50).is_some() {
                    appended.insert(id);
                }
            }
        }
    }
    appended
}

/// The plan's records with the steps of `loose` scenarios sorted (as text) and put together
/// with the steps left out of them.
fn normalised(m: &merge::Merged, loose: &BTreeSet<String>) -> PlanFile {
    let mut file = m.plan_file();
    file.scenarios.sort_by(|a, b| a.id.cmp(&b.id));
    for scenario in &mut file.scenarios {
        if !loose.contains(scenario.id.as_str()) {
            continue;
        }
        for c in &m.conflicts {
            if let ConflictKind::NoLongerApplies { scenario: s, .. } = &c.kind
                && *s == scenario.id
            {
                let node = c
                    .ours
                    .clone()
                    .or_else(|| c.theirs.clone())
                    .or_else(|| c.base.clone());
                let op: Operation =
                    merge::tree::from_node(&node.expect("the step")).expect("a step");
                scenario.operations.push(op.into());
            }
        }
        scenario.operations.sort_by_key(|op| format!("{op:?}"));
    }
    file
}

/// The conflicts' places, those in `loose` scenarios' steps left out.
fn places(m: &merge::Merged, loose: &BTreeSet<String>) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for c in &m.conflicts {
        if let ConflictKind::NoLongerApplies { scenario, .. } = &c.kind
            && loose.contains(scenario.as_str())
        {
            continue;
        }
        *out.entry(c.place.to_string()).or_insert(0) += 1;
    }
    out
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn merge_is_symmetric_up_to_the_order_of_steps_both_sides_added(seed in any::<u64>()) {
        let mut rng = Rng::new(seed);
        let base = random_plan(&mut rng);
        let mut shared = Vec::new();
        if rng.chance(30) {
            let mut probe = base.clone();
            shared.extend(edit_baseline(&mut probe, &mut rng, 900));
        }
        let mut ours = base.clone();
        let mut theirs = base.clone();
        let ours_appended = edit_side(&mut ours, &mut rng, 1000, &shared);
        let theirs_appended = edit_side(&mut theirs, &mut rng, 2000, &shared);
        for side in [&ours, &theirs] {
            plan_file::check_plan_scenarios(side, "side").expect("each side loads");
        }
        let loose: BTreeSet<String> = ours_appended.intersection(&theirs_appended).cloned().collect();
        let (b, o, t) = (PlanFile::of_plan(&base), PlanFile::of_plan(&ours), PlanFile::of_plan(&theirs));
        let forward = merge::merge_with(&b, &o, &t, &|_| Side::Ours);
        let backward = merge::merge_with(&b, &t, &o, &|_| Side::Theirs);
        match (forward, backward) {
            (Err(f), Err(g)) => prop_assert_eq!(f.to_string(), g.to_string()),
            (Ok(f), Ok(g)) => {
                prop_assert_eq!(places(&f, &loose), places(&g, &loose));
                prop_assert_eq!(normalised(&f, &loose), normalised(&g, &loose));
                // Whatever the merge gives loads as a plan.
                let text = shiquan::io::to_text(&f.plan).expect("writes");
                shiquan::io::load_bytes(text.as_bytes(), "merged").expect("the merge loads");
            }
            (f, g) => prop_assert!(false, "one way merges, the other not: {:?} / {:?}", f.err(), g.err()),
        }
    }

    #[test]
    fn a_side_merged_with_an_untouched_base_is_that_side(seed in any::<u64>()) {
        let mut rng = Rng::new(seed);
        let base = random_plan(&mut rng);
        let mut ours = base.clone();
        edit_side(&mut ours, &mut rng, 1000, &[]);
        let (b, o) = (PlanFile::of_plan(&base), PlanFile::of_plan(&ours));
        let m = merge::merge(&b, &o, &b).expect("merges");
        prop_assert!(m.is_clean());
        prop_assert_eq!(m.plan_file(), o.clone());
        let m = merge::merge(&b, &b, &o).expect("merges");
        prop_assert!(m.is_clean());
        prop_assert_eq!(m.plan_file(), o);
    }
}
