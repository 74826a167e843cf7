//! The seed plan (`shiquan::io::seed::builder`): the embedded `assets/seed-plan.ron` and its
//! copy in `saves/` are exactly what the builder writes, the built plan survives the loader, and
//! the report's figures hold as the crate's analysis computes them. The figures that
//! `tests/cli/cli_check.rs` and `tests/core/fixes_and_diff.rs` already read (17 units devolved,
//! 25 城建 bodies, 20 slots, 64 powers moved, 15 source bodies, no overlap left on the 64) are not
//! repeated here.

use std::collections::BTreeSet;

use shiquan::analysis::{Analysis, FindingKind, summary};
use shiquan::io::seed::{SEED_PLAN_RON, builder};
use shiquan::model::{BodyId, JurisdictionId, Level, PowerId, PowerKind, ScenarioId};
use shiquan::plan::{Operation, Plan};

const SPLIT: &str = "city-district-split";
const CONCENTRATION: &str = "comprehensive-enforcement";

/// Where two texts first differ: the line number and both lines.
fn first_difference(expected: &str, found: &str) -> String {
    let mut lines = expected.lines().zip(found.lines()).enumerate();
    match lines.find(|(_, (e, f))| e != f) {
        Some((i, (e, f))) => format!("line {}:\n  file:  {e}\n  built: {f}", i + 1),
        None => format!(
            "one text is longer: {} lines in the file, {} built",
            expected.lines().count(),
            found.lines().count()
        ),
    }
}

fn scenario_state(plan: &Plan, id: &str) -> shiquan::model::State {
    plan.state_of(Some(&ScenarioId::new(id)))
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The codes of the penalty items that 综合行政执法 concentrates.
fn penalties(plan: &Plan) -> BTreeSet<PowerId> {
    plan.scenario(&ScenarioId::new(CONCENTRATION))
        .expect("the concentration")
        .operations
        .iter()
        .map(|s| &s.operation)
        .filter_map(|op| match op {
            Operation::TransferPower { power, .. } => Some(power.clone()),
            _ => None,
        })
        .filter(|p| {
            plan.baseline
                .power(p)
                .is_some_and(|p| p.kind == PowerKind::Penalty)
        })
        .collect()
}

#[test]
fn the_embedded_seed_plan_is_what_the_builder_writes() {
    let built = builder::seed_plan_text().expect("the seed plan serialises");
    assert!(
        built == SEED_PLAN_RON,
        "assets/seed-plan.ron is not what src/io/seed/builder.rs builds; if the builder is right, \
         run `cargo run --example write_seed` to rewrite the file (and its copy in saves/). \
         First difference at {}",
        first_difference(SEED_PLAN_RON, &built)
    );
}

#[test]
fn the_copy_in_saves_is_the_embedded_seed() {
    let saved =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/saves/seed-plan.ron"))
            .expect("saves/seed-plan.ron exists");
    assert!(
        saved == SEED_PLAN_RON,
        "saves/seed-plan.ron differs from assets/seed-plan.ron: run `cargo run --example \
         write_seed` to write both. First difference at {}",
        first_difference(SEED_PLAN_RON, &saved)
    );
}

#[test]
fn the_built_plan_loads_back_unchanged() {
    // The loader checks every reference and applies every scenario to the baseline.
    let plan = builder::build_seed_plan();
    let text = builder::seed_plan_text().expect("the seed plan serialises");
    let loaded = shiquan::io::load_bytes(text.as_bytes(), "built seed").unwrap_or_else(|e| {
        panic!("{e}");
    });
    assert!(
        loaded == plan,
        "the seed plan changed on its way through its file"
    );
    assert_eq!(plan.scenarios.len(), 3);
}

/// 街道赋权 (issue 15): 甲区 grants the penalties of 市容环卫 and 占道经营 to two of its three
/// streets, with the province's decision; the district bureau is narrowed in those streets, no
/// gap or overlap opens against the split it builds on, and the inspections left behind show as
/// `grant-bundle` findings.
#[test]
fn the_street_grant_narrows_the_district_bureau_and_opens_no_gap_or_overlap() {
    let plan = builder::build_seed_plan();
    let config = &plan.rules;
    let state_of = |id: &str| {
        plan.state_and_operations(Some(&ScenarioId::new(id)))
            .expect("the scenario applies")
            .0
    };
    let (split, granted) = (state_of("city-district-split"), state_of("street-grant"));
    let streets = ["district-a-dongcheng", "district-a-xicheng"];
    let teams = ["district-a-dongcheng-zfd", "district-a-xicheng-zfd"];
    let granted_powers: Vec<&PowerId> = granted
        .powers()
        .values()
        .filter(|p| {
            p.kind == PowerKind::Penalty && (p.field == "市容环卫" || p.field == "占道经营")
        })
        .map(|p| &p.code)
        .collect();
    assert!(granted_powers.len() >= 10, "{}", granted_powers.len());
    let bureau = BodyId::new("district-a-cgzfj");
    for power in &granted_powers {
        let narrowed = granted
            .holding(power, &bureau)
            .expect("the bureau keeps it");
        let excluded: Vec<&str> = narrowed
            .excludes
            .iter()
            .map(JurisdictionId::as_str)
            .collect();
        assert_eq!(excluded, streets, "{power}");
        for team in teams {
            let held = granted.holding(power, &BodyId::new(team)).expect("granted");
            let grant = held.grant.as_deref().expect("the grant is recorded");
            assert_eq!(grant.from, bureau);
            assert!(grant.decision.is_some() && !grant.evaluate_by.is_empty());
        }
        // 南湖街道 keeps the bureau.
        assert!(
            granted
                .holding(power, &BodyId::new("district-a-nanhu-zfd"))
                .is_none()
        );
    }
    let coverage_findings = |state: &shiquan::model::State| -> BTreeSet<_> {
        Analysis::full(state, config)
            .coverage
            .findings()
            .map(shiquan::analysis::Finding::located)
            .collect()
    };
    assert_eq!(coverage_findings(&granted), coverage_findings(&split));
    let bundle: Vec<_> = Analysis::full(&granted, config)
        .findings()
        .filter(|f| f.rule.as_deref() == Some("grant-bundle"))
        .map(|f| {
            f.jurisdiction
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(
        bundle, streets,
        "one grant-bundle finding per granted street"
    );
    let limits = Analysis::full(&granted, config)
        .findings()
        .filter(|f| {
            f.rule
                .as_deref()
                .is_some_and(|r| r == "grant-limits" || r == "grant-capacity")
        })
        .count();
    assert_eq!(limits, 0, "a lawful grant to staffed teams");
}

#[test]
fn sixty_four_penalty_items_are_led_by_fifteen_city_departments() {
    let plan = builder::build_seed_plan();
    let penalties = penalties(&plan);
    assert_eq!(penalties.len(), 64, "64项行政处罚事项");
    let state = &plan.baseline;
    let leaders: BTreeSet<&BodyId> = state
        .holdings()
        .filter(|h| h.role.is_lead() && penalties.contains(&h.power))
        .map(|h| &h.body)
        .collect();
    assert_eq!(leaders.len(), 15, "15家单位: {leaders:?}");
    // 规划、环保、公安交通 give only part of their penalties: each keeps one of its own.
    for department in ["city-zrghj", "city-sthjj", "city-jjzd"] {
        assert!(
            state.holdings_of_body(&BodyId::new(department)).any(|h| {
                h.role.is_lead()
                    && !penalties.contains(&h.power)
                    && state
                        .power(&h.power)
                        .is_some_and(|p| p.kind == PowerKind::Penalty)
            }),
            "{department} keeps a penalty of its own"
        );
    }
    for body in leaders {
        assert_eq!(
            state.level_of_body(body),
            Some(Level::City),
            "{body} leads a penalty item but is not a city body"
        );
    }
}

#[test]
fn the_seventeen_devolved_units_are_urban_construction_units_without_sub_bodies() {
    let plan = builder::build_seed_plan();
    let units: Vec<&BodyId> = plan
        .scenario(&ScenarioId::new(SPLIT))
        .expect("the split")
        .operations
        .iter()
        .map(|s| &s.operation)
        .filter_map(|op| match op {
            Operation::MoveBody { body, .. } => Some(body),
            _ => None,
        })
        .collect();
    assert_eq!(units.len(), 17, "下划单位17个");
    for unit in units {
        let body = plan
            .baseline
            .body(unit)
            .expect("the unit is a baseline body");
        assert_eq!(body.jurisdiction.as_str(), "city", "{unit}");
        assert!(body.has_tag("城建"), "{unit} is not tagged 城建");
        // A unit with sub-bodies would take them along, and more than 17 would move.
        let children: Vec<&BodyId> = plan.baseline.children_of(unit).collect();
        assert!(children.is_empty(), "{unit} has sub-bodies {children:?}");
    }
}

#[test]
fn the_split_opens_no_new_gap_in_district_a() {
    let plan = builder::build_seed_plan();
    let district_a = JurisdictionId::new("district-a");
    let gaps_in_a = |analysis: &Analysis| -> BTreeSet<PowerId> {
        analysis
            .findings()
            .filter(|f| f.kind == FindingKind::Gap && f.jurisdiction.as_ref() == Some(&district_a))
            .filter_map(|f| f.power.clone())
            .collect()
    };
    let before = gaps_in_a(&Analysis::full(&plan.baseline, &plan.rules));
    let split = scenario_state(&plan, SPLIT);
    let after = gaps_in_a(&Analysis::full_against(&split, &plan.baseline, &plan.rules));
    let new: Vec<&PowerId> = after.difference(&before).collect();
    assert!(
        new.is_empty(),
        "the split leaves 甲区 without a lead body for {new:?}"
    );
}

#[test]
fn the_concentration_moves_exactly_the_penalty_items() {
    let plan = builder::build_seed_plan();
    let concentrated = scenario_state(&plan, CONCENTRATION);
    let before = Analysis::full(&plan.baseline, &plan.rules);
    let after = Analysis::full_against(&concentrated, &plan.baseline, &plan.rules);
    let moved: BTreeSet<PowerId> = summary::moved_powers(&before.coverage, &after.coverage)
        .into_iter()
        .collect();
    let kind = |p: &PowerId| plan.baseline.power(p).map(|p| p.kind);
    let moved_penalties: BTreeSet<PowerId> = moved
        .iter()
        .filter(|p| kind(p) == Some(PowerKind::Penalty))
        .cloned()
        .collect();
    assert_eq!(
        moved_penalties,
        penalties(&plan),
        "the penalties moved are the 64 items"
    );
    // Besides them, only the 执法支队's own coercive measures move, with the team (局队合一).
    let team = BodyId::new("city-cgzfzd");
    for other in moved.difference(&moved_penalties) {
        assert_eq!(kind(other), Some(PowerKind::Coercion), "{other}");
        assert!(
            plan.baseline
                .holding(other, &team)
                .is_some_and(|h| h.role.is_lead()),
            "{other} was the team's"
        );
    }
}

#[test]
fn every_bodys_lead_fields_in_one_pass_are_each_bodys_own() {
    let plan = builder::build_seed_plan();
    let granted = scenario_state(&plan, "street-grant");
    for state in [&plan.baseline, &granted] {
        let every = summary::lead_field_counts_of_every_body(state);
        let mut led = 0;
        for body in state.bodies().keys() {
            let own = summary::lead_field_counts(state, body);
            led += usize::from(!own.is_empty());
            assert_eq!(every.get(body).cloned().unwrap_or_default(), own, "{body}");
            assert_eq!(
                summary::top_fields(&own, 3),
                summary::lead_fields(state, body, 3)
            );
        }
        assert_eq!(every.len(), led);
        assert!(led > 20, "the seed's bodies lead fields: {led}");
    }
}
