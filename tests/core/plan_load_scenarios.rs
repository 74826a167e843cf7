//! Loading checks that every scenario applies to the baseline (issue 16): each is replayed on
//! the baseline itself, not on the scenarios before it, and the cost is that of the operations,
//! not one copy of the baseline per scenario (10,000 one-step scenarios on a 5,000 × 100 plan
//! took 604 s to load when each replay began with a copy).

use std::time::{Duration, Instant};

use shiquan::generate::{GenerateOptions, generate, sample_operation};
use shiquan::io;
use shiquan::plan::{Plan, Scenario};

fn plan_with(districts: usize, powers: usize, scenarios: usize) -> Plan {
    let mut plan = generate(&GenerateOptions {
        districts,
        powers,
        ..GenerateOptions::default()
    });
    let operation = sample_operation(&plan.baseline).expect("a generated plan has a sample edit");
    plan.scenarios = (0..scenarios)
        .map(|i| Scenario {
            id: shiquan::model::ScenarioId::new(format!("s{i}")),
            name: format!("方案{i}"),
            description: String::new(),
            operations: vec![operation.clone().into()],
        })
        .collect();
    plan
}

#[test]
fn every_scenario_is_checked_against_the_baseline_not_against_the_one_before() {
    // The same transfer twice: on the baseline it applies both times; replayed on the first
    // scenario's result, the second would find the power already moved and be refused.
    let plan = plan_with(3, 50, 2);
    let text = io::to_text(&plan).expect("the plan writes");
    let loaded = io::load_bytes(text.as_bytes(), "two.ron").expect("both scenarios apply");
    assert_eq!(loaded.scenarios.len(), 2);
    assert_eq!(
        loaded.baseline, plan.baseline,
        "checking left the baseline as it was"
    );
}

#[test]
fn a_scenario_that_does_not_apply_is_named_after_many_that_do() {
    let mut plan = plan_with(3, 50, 200);
    let last = plan.scenarios.last_mut().expect("scenarios");
    last.operations.push(last.operations[0].clone());
    let text = io::to_text(&plan).expect("the plan writes");
    let error = io::load_bytes(text.as_bytes(), "many.ron")
        .expect_err("the last scenario's second transfer finds the power moved")
        .to_string();
    assert!(
        error.contains("s199") && error.contains("operation 2"),
        "{error}"
    );
}

#[test]
fn thousands_of_scenarios_load_in_time_linear_in_their_operations() {
    // 3,000 one-step scenarios on a baseline of 40,000 holdings: a copy of the baseline per
    // scenario took about a minute here in a test build; replay and revert take well under a
    // second. The limit is loose: it separates linear from a copy per scenario, not fast from
    // slow.
    let plan = plan_with(20, 2_000, 3_000);
    let text = io::to_text(&plan).expect("the plan writes");
    let started = Instant::now();
    let loaded = io::load_bytes(text.as_bytes(), "thousands.ron").expect("the plan loads");
    let took = started.elapsed();
    assert_eq!(loaded.scenarios.len(), 3_000);
    assert!(took < Duration::from_secs(20), "loading took {took:?}");
    eprintln!("3,000 scenarios loaded in {took:?}");
}
