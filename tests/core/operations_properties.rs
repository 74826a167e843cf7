//! Property tests of the core: for random states and random operation sequences, undo of all
//! restores the exact baseline, redo of all the exact final state, refused operations change
//! nothing, save then load is the identity, incremental analysis and graph equal a full
//! recomputation, and the rule changes a document reports for each edit turn its rule findings
//! before into those after. `PROPTEST_CASES` raises the number of cases (default 256).

use std::collections::BTreeMap;

use crate::common::random::{Rng, random_operation, random_state};
use proptest::prelude::*;
use shiquan::analysis::{Analysis, Finding};
use shiquan::graph::PlanGraph;
use shiquan::io;
use shiquan::model::ScenarioId;
use shiquan::plan::{Plan, Scenario};
use shiquan::session::{Document, History, View};

/// The steps of `operations` with random timing (issue 19): some undated steps first, then
/// dates that never go back (so that the scenario takes effect on every one of its dates), and
/// documents here and there, with quotes, brackets and escapes.
fn timed(operations: Vec<shiquan::plan::Operation>, rng: &mut Rng) -> Vec<shiquan::plan::Step> {
    let undated = rng.below(operations.len() + 1);
    let mut day = shiquan::plan::PlanDate::new(2024, 12, 31)
        .expect("a date")
        .day_number();
    operations
        .into_iter()
        .enumerate()
        .map(|(i, operation)| {
            let effective = (i >= undated).then(|| {
                day += rng.below(3) as i64 * 15;
                shiquan::plan::PlanDate::from_day_number(day)
            });
            let document = if rng.chance(50) {
                format!("市编委〔2025〕{i}号 \"引\" \\ {}", rng.below(100))
            } else {
                String::new()
            };
            shiquan::plan::Step::timed(operation, shiquan::plan::Timing::new(effective, document))
        })
        .collect()
}

fn config() -> ProptestConfig {
    // `ProptestConfig::default()` reads PROPTEST_CASES; never go below 256.
    let mut config = ProptestConfig::default();
    config.cases = config.cases.max(256);
    config
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn undo_all_restores_baseline_and_redo_all_the_final_state(seed in any::<u64>(), steps in 1usize..40) {
        let mut rng = Rng::new(seed);
        let baseline = random_state(&mut rng);
        let mut state = baseline.clone();
        let mut history = History::new();
        for serial in 0..steps {
            let op = random_operation(&state, &mut rng, serial);
            let before = state.clone();
            if history.apply(&mut state, op).is_err() {
                prop_assert_eq!(&state, &before, "a refused operation changed the state");
            }
            prop_assert!(state.validate().is_empty(), "an operation broke the model: {:?}", state.validate());
        }
        let final_state = state.clone();
        while history.undo(&mut state).is_some() {}
        prop_assert_eq!(&state, &baseline);
        while history.redo(&mut state).is_some() {}
        prop_assert_eq!(&state, &final_state);
        // Replaying the recorded operations from the baseline gives the same state too.
        let mut replayed = baseline.clone();
        for op in history.applied() {
            op.apply(&mut replayed).expect("a recorded operation applies again");
        }
        prop_assert_eq!(&replayed, &final_state);
    }

    #[test]
    fn save_then_load_is_the_identity(seed in any::<u64>(), steps in 0usize..25) {
        let mut rng = Rng::new(seed);
        let baseline = random_state(&mut rng);
        let mut state = baseline.clone();
        let mut history = History::new();
        for serial in 0..steps {
            let op = random_operation(&state, &mut rng, serial);
            let _ = history.apply(&mut state, op);
        }
        let plan = Plan {
            title: "测试方案 \"quoted\" \\ 反斜杠".into(),
            description: "多行\n说明".into(),
            baseline,
            scenarios: vec![Scenario {
                id: ScenarioId::new("s1"),
                name: "方案一".into(),
                description: String::new(),
                operations: timed(history.applied().cloned().collect(), &mut rng),
            }],
            rules: shiquan::plan::RuleConfig::default(),
            review: shiquan::plan::Review::default(),
        };
        let text = io::to_text(&plan).expect("a plan serialises");
        let loaded = io::load_bytes(text.as_bytes(), "roundtrip.ron").map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&loaded, &plan);
        prop_assert_eq!(io::to_text(&loaded).expect("serialises"), text);
    }

    #[test]
    fn incremental_analysis_and_graph_equal_full_recomputation(seed in any::<u64>(), steps in 1usize..40) {
        let mut rng = Rng::new(seed);
        let baseline = random_state(&mut rng);
        let mut plan = Plan::new("增量");
        plan.baseline = baseline;
        let mut doc = Document::new(plan);
        for serial in 0..steps {
            let op = random_operation(doc.state(), &mut rng, serial);
            let _ = doc.apply(op);
            if rng.chance(20) {
                doc.undo();
            }
            if rng.chance(10) {
                doc.redo();
            }
            let full = Analysis::full_against(doc.state(), doc.baseline(), &doc.plan_unsynced().rules);
            prop_assert_eq!(doc.analysis(), &full);
            let rebuilt = PlanGraph::build(doc.state());
            prop_assert_eq!(doc.graph().canonical_nodes(), rebuilt.canonical_nodes());
            prop_assert_eq!(doc.graph().canonical_edges(), rebuilt.canonical_edges());
        }
        let steps_done = doc.history().cursor();
        doc.jump_to(0);
        prop_assert_eq!(doc.analysis(), &Analysis::full_against(doc.state(), doc.baseline(), &doc.plan_unsynced().rules));
        doc.jump_to(steps_done);
        prop_assert_eq!(doc.analysis(), &Analysis::full_against(doc.state(), doc.baseline(), &doc.plan_unsynced().rules));
        prop_assert_eq!(doc.view(), &View::Baseline);
    }

    #[test]
    fn the_rule_changes_a_document_reports_turn_the_findings_before_into_those_after(seed in any::<u64>(), steps in 1usize..30) {
        let mut rng = Rng::new(seed);
        let mut plan = Plan::new("增量");
        plan.baseline = random_state(&mut rng);
        let mut doc = Document::new(plan);
        let mut followed = rule_findings(&doc);
        for serial in 0..steps {
            let revision = doc.revision();
            match rng.below(4) {
                0 => {
                    doc.undo();
                }
                1 => {
                    doc.redo();
                }
                _ => {
                    let _ = doc.apply(random_operation(doc.state(), &mut rng, serial));
                }
            }
            let since = doc.changes_since(revision).expect("an edit is remembered");
            for change in since.rule_findings {
                for f in &change.removed {
                    let n = followed.get_mut(&**f);
                    prop_assert!(n.is_some(), "took out a finding that was not there: {f:?}");
                    if let Some(n) = n {
                        *n -= 1;
                        if *n == 0 {
                            followed.remove(&**f);
                        }
                    }
                }
                for f in &change.added {
                    *followed.entry((**f).clone()).or_default() += 1;
                }
            }
            prop_assert_eq!(&followed, &rule_findings(&doc));
        }
    }
}

/// The document's rule findings, with how many copies of each.
fn rule_findings(doc: &Document) -> BTreeMap<Finding, usize> {
    let mut findings = BTreeMap::new();
    for f in doc.analysis().rule_findings.iter() {
        *findings.entry(f.clone()).or_default() += 1;
    }
    findings
}

/// The generator must exercise every kind of operation for real, or the properties above would
/// pass vacuously on refused operations.
#[test]
fn the_generator_exercises_every_operation_kind() {
    let mut applied = std::collections::BTreeMap::<String, usize>::new();
    let (mut tried, mut succeeded) = (0usize, 0usize);
    for seed in 0..300u64 {
        let mut rng = Rng::new(seed);
        let mut state = random_state(&mut rng);
        for serial in 0..30 {
            let op = random_operation(&state, &mut rng, serial);
            let name = format!("{op:?}")
                .split([' ', '{'])
                .next()
                .unwrap_or_default()
                .to_owned();
            tried += 1;
            if op.apply(&mut state).is_ok() {
                succeeded += 1;
                *applied.entry(name).or_default() += 1;
            }
        }
    }
    assert!(
        succeeded * 100 / tried >= 40,
        "only {succeeded} of {tried} operations applied"
    );
    for kind in [
        "MoveBody",
        "TransferPower",
        "CreateBody",
        "MergeBodies",
        "SplitBody",
        "AbolishBody",
        "MoveStaffing",
        "EditBody",
        "EditPower",
        "SetHolding",
        "RemoveHolding",
        "CreatePower",
        "RemovePower",
    ] {
        assert!(
            applied.get(kind).copied().unwrap_or(0) >= 10,
            "{kind} applied {:?} times",
            applied.get(kind)
        );
    }
}
