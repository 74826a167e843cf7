//! Every built-in reform rule: a state that triggers it and one that does not; the seed plan's
//! scenarios against 规划权集中; rule settings stored in and read from the plan.

use std::collections::BTreeSet;

use shiquan::analysis::Analysis;
use shiquan::io::seed::seed_plan;
use shiquan::model::{
    Body, BodyKind, Holding, Jurisdiction, Level, Power, PowerKind, Role, Staffing, State,
    StateRecords,
};
use shiquan::plan::{Operation, TransferMode};
use shiquan::plan::{Rule, RuleConfig, RuleSetting, RuleSeverity};
use shiquan::text::FindingText;

fn body(id: &str, jurisdiction: &str, kind: BodyKind, slots: u32) -> Body {
    Body {
        id: id.into(),
        name: format!("{id}名"),
        kind,
        jurisdiction: jurisdiction.into(),
        parent: None,
        tags: BTreeSet::new(),
        staffing: Staffing {
            admin: slots,
            institution: 0,
            headcount: slots,
        },
        budget_wan: 100,
        standing: None,
        supervisor: None,
    }
}

fn power(code: &str, kind: PowerKind, field: &str, matter: Option<&str>) -> Power {
    Power {
        main_item: None,
        duties: String::new(),
        accountability: String::new(),
        code: code.into(),
        name: format!("{code}事项"),
        kind,
        field: field.into(),
        basis: String::new(),
        matter: matter.map(str::to_owned),
    }
}

/// A city with two districts; the city planning bureau leads planning licences, one district
/// bureau leads all of 市容环卫's penalties in its district, everything covered once.
fn fixture() -> State {
    let jurisdictions = vec![
        Jurisdiction {
            id: "city".into(),
            name: "本市".into(),
            level: Level::City,
            parent: None,
        },
        Jurisdiction {
            id: "d1".into(),
            name: "甲区".into(),
            level: Level::District,
            parent: Some("city".into()),
        },
        Jurisdiction {
            id: "d2".into(),
            name: "乙区".into(),
            level: Level::District,
            parent: Some("city".into()),
        },
    ];
    let bodies = vec![
        body("city-plan", "city", BodyKind::Admin, 20),
        body("city-insp", "city", BodyKind::Admin, 10),
        body("d1-zf", "d1", BodyKind::Enforcement, 30),
        body("d2-zf", "d2", BodyKind::Enforcement, 30),
    ];
    let powers = vec![
        power("GH-XK", PowerKind::Licence, "城乡规划", Some("permit")),
        power("GH-CF", PowerKind::Penalty, "城乡规划", Some("permit")),
        power("GH-JC", PowerKind::Inspection, "城乡规划", Some("permit")),
        power("SR-CF1", PowerKind::Penalty, "市容环卫", None),
        power("SR-CF2", PowerKind::Penalty, "市容环卫", None),
    ];
    let holdings = vec![
        Holding::lead("GH-XK".into(), "city-plan".into()),
        Holding::lead("GH-CF".into(), "city-insp".into()),
        Holding::lead("GH-JC".into(), "city-insp".into()),
        Holding::lead("SR-CF1".into(), "d1-zf".into()),
        Holding::lead("SR-CF2".into(), "d1-zf".into()),
        Holding::lead("SR-CF1".into(), "d2-zf".into()),
        Holding::lead("SR-CF2".into(), "d2-zf".into()),
    ];
    State::from_records(StateRecords {
        jurisdictions,
        bodies,
        powers,
        holdings,
        concentrated: vec![],
    })
    .expect("valid fixture")
}

fn findings_of(rule: Rule, state: &State, baseline: &State) -> Vec<String> {
    Analysis::full_against(state, baseline, &RuleConfig::default())
        .rule_findings
        .iter()
        .filter(|f| f.rule.as_deref() == Some(rule.id()))
        .map(|f| f.message(state, shiquan::text::Lang::Zh))
        .collect()
}

fn apply(state: &State, ops: &[Operation]) -> State {
    let mut s = state.clone();
    for op in ops {
        op.apply(&mut s).expect("applies");
    }
    s
}

#[test]
fn the_fixture_breaks_no_rule_but_idle_bodies() {
    let base = fixture();
    for rule in Rule::ALL {
        assert!(
            findings_of(rule, &base, &base).is_empty(),
            "{rule:?}: {:?}",
            findings_of(rule, &base, &base)
        );
    }
}

#[test]
fn planning_central_fires_when_a_district_leads_a_planning_licence() {
    let base = fixture();
    let after = apply(
        &base,
        &[Operation::TransferPower {
            power: "GH-XK".into(),
            from: "city-plan".into(),
            to: "d1-zf".into(),
            mode: TransferMode::Transfer,
            approval: None,
        }],
    );
    let found = findings_of(Rule::PlanningCentral, &after, &base);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("GH-XK"));
}

#[test]
fn enforcement_concentrated_fires_when_two_bodies_share_a_districts_penalties() {
    let base = fixture();
    let after = apply(
        &base,
        &[
            Operation::CreateBody {
                body: body("d1-hb", "d1", BodyKind::Admin, 5),
            },
            Operation::TransferPower {
                power: "SR-CF2".into(),
                from: "d1-zf".into(),
                to: "d1-hb".into(),
                mode: TransferMode::Transfer,
                approval: None,
            },
        ],
    );
    let found = findings_of(Rule::EnforcementConcentrated, &after, &base);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("甲区"));
}

#[test]
fn staffing_follows_duties_fires_both_ways() {
    let base = fixture();
    // Duties grow, slots do not.
    let after = apply(
        &base,
        &[Operation::TransferPower {
            power: "GH-CF".into(),
            from: "city-insp".into(),
            to: "city-plan".into(),
            mode: TransferMode::Transfer,
            approval: None,
        }],
    );
    let found = findings_of(Rule::StaffingFollowsDuties, &after, &base);
    assert_eq!(found.len(), 2, "{found:?}");
    // The giver lost half its workload and kept its 10 slots; the taker grew without slots.
    assert!(
        found[0].contains("city-insp名") && found[0].contains("降至"),
        "{found:?}"
    );
    assert!(
        found[1].contains("city-plan名") && found[1].contains("增至"),
        "{found:?}"
    );
    // Slots and duties move together: silent.
    let together = apply(
        &base,
        &[
            Operation::TransferPower {
                power: "GH-CF".into(),
                from: "city-insp".into(),
                to: "city-plan".into(),
                mode: TransferMode::Transfer,
                approval: None,
            },
            Operation::MoveStaffing {
                from: "city-insp".into(),
                to: "city-plan".into(),
                kind: shiquan::model::SlotKind::Admin,
                count: 3,
                people: 0,
            },
        ],
    );
    assert!(findings_of(Rule::StaffingFollowsDuties, &together, &base).is_empty());
    // Slots grow, duties do not.
    let slots_only = apply(
        &base,
        &[Operation::MoveStaffing {
            from: "city-insp".into(),
            to: "d2-zf".into(),
            kind: shiquan::model::SlotKind::Admin,
            count: 3,
            people: 0,
        }],
    );
    let found = findings_of(Rule::StaffingFollowsDuties, &slots_only, &base);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("d2-zf名"));
}

#[test]
fn duties_powers_people_money_fires_on_a_body_moved_without_its_slots() {
    let base = fixture();
    let with_slots = apply(
        &base,
        &[Operation::MoveBody {
            body: "city-insp".into(),
            to: "d1".into(),
        }],
    );
    assert!(findings_of(Rule::DutiesPowersPeopleMoney, &with_slots, &base).is_empty());
    let stripped = apply(
        &base,
        &[
            Operation::MoveStaffing {
                from: "city-insp".into(),
                to: "city-plan".into(),
                kind: shiquan::model::SlotKind::Admin,
                count: 10,
                people: 0,
            },
            Operation::MoveBody {
                body: "city-insp".into(),
                to: "d1".into(),
            },
        ],
    );
    let found = findings_of(Rule::DutiesPowersPeopleMoney, &stripped, &base);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("编制"));
}

#[test]
fn approval_enforcement_apart_fires_when_one_body_licenses_and_penalises() {
    let base = fixture();
    let after = apply(
        &base,
        &[Operation::TransferPower {
            power: "GH-CF".into(),
            from: "city-insp".into(),
            to: "city-plan".into(),
            mode: TransferMode::Transfer,
            approval: None,
        }],
    );
    let found = findings_of(Rule::ApprovalEnforcementApart, &after, &base);
    assert_eq!(found.len(), 1, "{found:?}");
}

#[test]
fn seen_not_handled_fires_when_a_district_inspects_but_only_the_city_penalises() {
    let base = fixture();
    let after = apply(
        &base,
        &[Operation::TransferPower {
            power: "GH-JC".into(),
            from: "city-insp".into(),
            to: "d1-zf".into(),
            mode: TransferMode::Transfer,
            approval: None,
        }],
    );
    let found = findings_of(Rule::SeenNotHandled, &after, &base);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("甲区"));
}

#[test]
fn no_idle_body_fires_on_a_body_that_leads_nothing() {
    let base = fixture();
    let after = apply(
        &base,
        &[Operation::CreateBody {
            body: body("idle", "d2", BodyKind::Institution, 3),
        }],
    );
    let found = findings_of(Rule::NoIdleBody, &after, &base);
    assert_eq!(found.len(), 1, "{found:?}");
    // A parent whose sub-body leads is not idle.
    let parent = apply(
        &base,
        &[
            Operation::CreateBody {
                body: body("bureau", "d2", BodyKind::Admin, 3),
            },
            Operation::EditBody {
                body: "d2-zf".into(),
                edit: shiquan::plan::BodyEdit::Parent(Some("bureau".into())),
            },
        ],
    );
    assert!(findings_of(Rule::NoIdleBody, &parent, &base).is_empty());
}

#[test]
fn a_disabled_rule_is_silent_and_severity_is_configurable() {
    let base = fixture();
    let after = apply(
        &base,
        &[Operation::CreateBody {
            body: body("idle", "d2", BodyKind::Institution, 3),
        }],
    );
    let mut config = RuleConfig::default();
    config.set(
        Rule::NoIdleBody,
        RuleSetting {
            enabled: false,
            ..Rule::NoIdleBody.default_setting()
        },
    );
    let idle = |analysis: &Analysis| -> Vec<shiquan::analysis::Severity> {
        analysis
            .rule_findings
            .iter()
            .filter(|f| f.rule.as_deref() == Some(Rule::NoIdleBody.id()))
            .map(|f| f.severity)
            .collect()
    };
    assert_eq!(
        idle(&Analysis::full_against(
            &after,
            &base,
            &RuleConfig::default()
        ))
        .len(),
        1
    );
    assert!(idle(&Analysis::full_against(&after, &base, &config)).is_empty());
    config.set(
        Rule::NoIdleBody,
        RuleSetting {
            severity: RuleSeverity::Error,
            ..Rule::NoIdleBody.default_setting()
        },
    );
    assert_eq!(
        idle(&Analysis::full_against(&after, &base, &config)),
        vec![shiquan::analysis::Severity::Error]
    );
}

#[test]
fn the_seed_split_keeps_planning_central_and_moving_the_planning_permit_breaks_it() {
    let plan = seed_plan().expect("seed");
    let split_id = "city-district-split".into();
    let split = plan.state_of(Some(&split_id)).expect("applies");
    assert!(findings_of(Rule::PlanningCentral, &split, &plan.baseline).is_empty());
    let moved = apply(
        &split,
        &[Operation::TransferPower {
            power: "XK-GH-002".into(),
            from: "city-zrghj".into(),
            to: "district-a-zjj".into(),
            mode: TransferMode::Transfer,
            approval: None,
        }],
    );
    let found = findings_of(Rule::PlanningCentral, &moved, &plan.baseline);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("建设工程规划许可证核发"), "{found:?}");
}

#[test]
fn rule_settings_survive_save_and_load() {
    let mut plan = seed_plan().expect("seed");
    let mut setting = Rule::EnforcementConcentrated.default_setting();
    setting
        .params
        .insert("fields".into(), vec!["市容环卫".into()]);
    plan.rules
        .set(Rule::EnforcementConcentrated, setting.clone());
    let text = shiquan::io::to_text(&plan).expect("serialises");
    let loaded = shiquan::io::load_bytes(text.as_bytes(), "rules.ron").expect("loads");
    assert_eq!(loaded.rules.setting(Rule::EnforcementConcentrated), setting);
    let _ = Role::Lead;
}

#[test]
fn staffing_before_and_after_the_split_moves_twenty_slots_into_the_urban_system() {
    use shiquan::analysis::staffing::{StaffingSummary, compare};
    let plan = seed_plan().expect("seed");
    let split = plan
        .state_of(Some(&"city-district-split".into()))
        .expect("applies");
    let before = StaffingSummary::of(&plan.baseline);
    let after = StaffingSummary::of(&split);
    let (bodies, places) = compare(&before, &after);
    // Slots are neither made nor lost by moving or regrouping: the total changes only by the
    // slots approved for bodies the scenario creates (the new bureau's 行政编制).
    let created: u64 = plan
        .scenario(&"city-district-split".into())
        .expect("the split")
        .operations
        .iter()
        .map(|s| &s.operation)
        .filter_map(|op| match op {
            Operation::CreateBody { body } => Some(u64::from(body.staffing.slots())),
            _ => None,
        })
        .sum();
    assert_eq!(created, 8, "the bureau's 8 行政编制");
    let total =
        |rows: &[shiquan::analysis::staffing::StaffingRow<shiquan::model::JurisdictionId>],
         after: bool| {
            rows.iter()
                .map(|r| {
                    if after {
                        r.after.slots()
                    } else {
                        r.before.slots()
                    }
                })
                .sum::<u64>()
        };
    assert_eq!(total(&places, false) + created, total(&places, true));
    // The new enforcement bureau's slots all came from staffing moves.
    let bureau = bodies
        .iter()
        .find(|r| r.before.slots() == 0 && r.after.slots() > 0 && r.after.lead_duties > 0)
        .expect("the new bureau has slots and duties");
    assert!(bureau.after.duties_per_slot() > 0.0);
    let district_a = places
        .iter()
        .find(|r| r.id.as_str() == "district-a")
        .expect("甲区");
    assert!(district_a.after.slots() > district_a.before.slots());
    assert!(district_a.after.lead_duties > district_a.before.lead_duties);
}
