//! Operations that make no sense are refused when applied, by names in both languages, and leave
//! the state as it was (issue 16): a district body granting to another district's street, a
//! grant recorded from another district, a body entrusting what it does not hold or letting go
//! of what it entrusts, a split that creates slots, people or money, a budget beyond what a
//! plan records, a merge whose figures overflow. Scenarios may not be called what names the
//! baseline.

use shiquan::io;
use shiquan::model::{Body, Holding, MAX_BUDGET_WAN, Role, ScenarioId, Staffing, State};
use shiquan::plan::{BodyEdit, OpError, Operation, PlanError, TransferMode};
use shiquan::session::Document;

/// A city, 甲区 with 甲一街道, 乙区 with 乙一街道; the city's bureau (20 slots, 20 people, 800 万元),
/// each district's bureau leading P1, a street office in each street.
const PLAN: &str = r#"(
    version: 2,
    title: "拒绝",
    baseline: (
        jurisdictions: [
            (id: "city", name: "本市", level: city),
            (id: "d1", name: "甲区", level: district, parent: Some("city")),
            (id: "d2", name: "乙区", level: district, parent: Some("city")),
            (id: "s1", name: "甲一街道", level: street, parent: Some("d1")),
            (id: "s2", name: "乙一街道", level: street, parent: Some("d2")),
        ],
        bodies: [
            (id: "b1", name: "市城市管理局", kind: admin, jurisdiction: "city", staffing: (admin: 20, headcount: 20), budget_wan: 800),
            (id: "b2", name: "甲区城市管理局", kind: admin, jurisdiction: "d1", staffing: (admin: 10, headcount: 10)),
            (id: "b3", name: "乙区城市管理局", kind: admin, jurisdiction: "d2", staffing: (admin: 10, headcount: 10)),
            (id: "b4", name: "乙一街道办事处", kind: admin, jurisdiction: "s2", staffing: (admin: 5, headcount: 5)),
            (id: "b5", name: "甲一街道办事处", kind: admin, jurisdiction: "s1", staffing: (admin: 5, headcount: 5)),
        ],
        powers: [
            (code: "P1", name: "对占道经营的处罚", kind: penalty, field: "市容环卫"),
            (code: "P2", name: "对乱倒垃圾的处罚", kind: penalty, field: "市容环卫"),
        ],
        holdings: [
            (power: "P1", body: "b2"),
            (power: "P1", body: "b3"),
            (power: "P2", body: "b1"),
        ],
    ),
)"#;

fn state() -> State {
    io::load_bytes(PLAN.as_bytes(), "refusals.ron")
        .expect("the plan loads")
        .baseline
}

/// Applies `op` to the state, expects a refusal that leaves it unchanged, and gives its words.
fn refusal(state: &mut State, op: &Operation) -> String {
    let before = state.clone();
    let error = op.apply(state).expect_err("refused");
    assert_eq!(*state, before, "a refusal changed the state");
    error.to_string()
}

fn assert_names(message: &str, texts: &[&str]) {
    for text in texts {
        assert!(message.contains(text), "lacks {text:?}: {message}");
    }
}

fn split(headcount: u32, admin: u32, budget_wan: u64) -> Operation {
    Operation::SplitBody {
        body: "b1".into(),
        new_body: Body {
            id: "b9".into(),
            name: "市城市管理局执法支队".into(),
            kind: shiquan::model::BodyKind::Enforcement,
            jurisdiction: "city".into(),
            parent: None,
            tags: std::collections::BTreeSet::new(),
            staffing: Staffing {
                admin,
                institution: 0,
                headcount,
            },
            budget_wan,
            standing: None,
            supervisor: None,
        },
        powers: ["P2".into()].into(),
    }
}

#[test]
fn a_district_body_cannot_grant_to_another_districts_street() {
    let mut state = state();
    let grant_to = |street_body: &str| Operation::TransferPower {
        power: "P1".into(),
        from: "b2".into(),
        to: street_body.into(),
        mode: TransferMode::Grant,
        approval: None,
    };
    let message = refusal(&mut state, &grant_to("b4"));
    assert_names(
        &message,
        &[
            "甲区城市管理局 是甲区的机构",
            "乙一街道办事处",
            "乙区",
            "grants only to 甲区's streets",
        ],
    );
    // Its own district's street it may.
    grant_to("b5")
        .apply(&mut state)
        .expect("a grant to its own street");
}

#[test]
fn a_city_body_cannot_grant_to_a_street() {
    let mut state = state();
    Operation::SetHolding {
        holding: Holding::lead("P2".into(), "b3".into()),
    }
    .apply(&mut state)
    .expect("乙区 leads P2 too");
    let op = Operation::TransferPower {
        power: "P2".into(),
        from: "b1".into(),
        to: "b4".into(),
        mode: TransferMode::Grant,
        approval: None,
    };
    assert_names(
        &refusal(&mut state, &op),
        &["市城市管理局 不是区的机构", "is no district body"],
    );
}

#[test]
fn a_grant_recorded_from_another_district_is_refused() {
    let mut state = state();
    let mut holding = Holding::lead("P1".into(), "b4".into());
    holding.grant = Some(std::sync::Arc::new(shiquan::model::Grant {
        from: "b2".into(),
        decision: None,
        evaluate_by: String::new(),
    }));
    let op = Operation::SetHolding { holding };
    assert_names(&refusal(&mut state, &op), &["甲区城市管理局", "乙区"]);
    // Nor on a body that is not a street's.
    let mut on_district = Holding::lead("P2".into(), "b3".into());
    on_district.grant = Some(std::sync::Arc::new(shiquan::model::Grant {
        from: "b3".into(),
        decision: None,
        evaluate_by: String::new(),
    }));
    assert_names(
        &refusal(
            &mut state,
            &Operation::SetHolding {
                holding: on_district,
            },
        ),
        &["a grant goes to a street body", "乙区城市管理局"],
    );
}

#[test]
fn a_body_cannot_entrust_a_power_it_does_not_hold() {
    let mut state = state();
    let entrusted = |by: &str| Operation::SetHolding {
        holding: Holding {
            role: Role::Entrusted { by: by.into() },
            ..Holding::lead("P1".into(), "b4".into())
        },
    };
    assert_names(
        &refusal(&mut state, &entrusted("b1")),
        &[
            "市城市管理局 不持有 对占道经营的处罚（P1）",
            "does not hold 对占道经营的处罚（P1）",
            "乙一街道办事处",
        ],
    );
    // By a transfer in 委托 mode too, by names.
    let op = Operation::TransferPower {
        power: "P1".into(),
        from: "b1".into(),
        to: "b4".into(),
        mode: TransferMode::Entrust,
        approval: None,
    };
    assert_names(
        &refusal(&mut state, &op),
        &[
            "市城市管理局 不主办 对占道经营的处罚（P1），无从委托",
            "nothing to entrust",
        ],
    );
    // A body that holds it may.
    entrusted("b3").apply(&mut state).expect("乙区 leads P1");
    // One that only assists, or is entrusted itself, is the rules' to flag (entrust-limits).
    Operation::SetHolding {
        holding: Holding {
            role: Role::Entrusted { by: "b4".into() },
            ..Holding::lead("P1".into(), "b5".into())
        },
    }
    .apply(&mut state)
    .expect("再委托 is a finding, not a refusal");
}

#[test]
fn a_body_cannot_let_go_of_what_it_entrusts() {
    let mut state = state();
    Operation::SetHolding {
        holding: Holding {
            role: Role::Entrusted { by: "b3".into() },
            ..Holding::lead("P1".into(), "b4".into())
        },
    }
    .apply(&mut state)
    .expect("entrusted by a leader");
    let message = refusal(
        &mut state,
        &Operation::RemoveHolding {
            power: "P1".into(),
            body: "b3".into(),
        },
    );
    assert_names(
        &message,
        &[
            "乙一街道办事处 受 乙区城市管理局 委托行使",
            "须先结束该委托",
            "end that entrustment first",
        ],
    );
    // A transfer hands the entrustment to the new leader: allowed.
    Operation::TransferPower {
        power: "P1".into(),
        from: "b3".into(),
        to: "b1".into(),
        mode: TransferMode::Transfer,
        approval: None,
    }
    .apply(&mut state)
    .expect("the entrusted body acts for the city now");
    assert_eq!(
        state.holding(&"P1".into(), &"b4".into()).map(|h| &h.role),
        Some(&Role::Entrusted { by: "b1".into() })
    );
}

#[test]
fn a_split_gives_no_more_than_the_source_has() {
    let mut state = state();
    assert_names(
        &refusal(&mut state, &split(500, 5, 0)),
        &[
            "市城市管理局 只有 20 人，不能拆给 市城市管理局执法支队 500 人",
            "has 20 people",
        ],
    );
    assert_names(
        &refusal(&mut state, &split(5, 5, 99_999)),
        &[
            "只有 800 万元经费",
            "cannot give 市城市管理局执法支队 99999",
        ],
    );
    assert_names(
        &refusal(&mut state, &split(5, 21, 0)),
        &["只有 20 名行政编制", "20 civil-service slots"],
    );
    split(5, 5, 300).apply(&mut state).expect("a fair split");
    let source = state.body(&"b1".into()).expect("the source stays");
    assert_eq!(
        (
            source.staffing.admin,
            source.staffing.headcount,
            source.budget_wan
        ),
        (15, 15, 500),
        "the new body's share is taken from the source"
    );
}

#[test]
fn a_split_hands_the_entrustments_of_the_powers_it_moves_to_the_new_body() {
    let mut state = state();
    Operation::SetHolding {
        holding: Holding {
            role: Role::Entrusted { by: "b1".into() },
            ..Holding::lead("P2".into(), "b4".into())
        },
    }
    .apply(&mut state)
    .expect("the city entrusts the street with P2");
    split(5, 5, 0).apply(&mut state).expect("the split applies");
    assert_eq!(
        state.holding(&"P2".into(), &"b4".into()).map(|h| &h.role),
        Some(&Role::Entrusted { by: "b9".into() })
    );
}

#[test]
fn a_budget_beyond_what_a_plan_records_is_refused() {
    let mut state = state();
    let op = Operation::EditBody {
        body: "b1".into(),
        edit: BodyEdit::BudgetWan(u64::MAX),
    };
    assert_names(
        &refusal(&mut state, &op),
        &[
            "市城市管理局 的经费 18446744073709551615 万元超出上限",
            "1000000000000 万元",
        ],
    );
    Operation::EditBody {
        body: "b1".into(),
        edit: BodyEdit::BudgetWan(MAX_BUDGET_WAN),
    }
    .apply(&mut state)
    .expect("the bound itself is a budget");
    // A merge whose budgets add up beyond it.
    Operation::EditBody {
        body: "b2".into(),
        edit: BodyEdit::BudgetWan(1),
    }
    .apply(&mut state)
    .expect("applies");
    let merge = Operation::MergeBodies {
        from: "b2".into(),
        into: "b1".into(),
    };
    assert_names(&refusal(&mut state, &merge), &["超出上限"]);
}

#[test]
fn a_merge_whose_slots_overflow_is_refused_not_saturated() {
    let mut state = state();
    Operation::EditBody {
        body: "b1".into(),
        edit: BodyEdit::Staffing(Staffing {
            admin: u32::MAX,
            institution: 0,
            headcount: 0,
        }),
    }
    .apply(&mut state)
    .expect("applies");
    let merge = Operation::MergeBodies {
        from: "b2".into(),
        into: "b1".into(),
    };
    assert_names(
        &refusal(&mut state, &merge),
        &[
            "甲区城市管理局 并入 市城市管理局",
            "civil-service slots than a plan records",
        ],
    );
}

#[test]
fn a_scenario_cannot_be_called_what_names_the_baseline() {
    let plan = io::load_bytes(PLAN.as_bytes(), "refusals.ron").expect("loads");
    let mut doc = Document::new(plan);
    for (id, name) in [("baseline", "方案"), ("s", "Baseline"), ("s", " 现状 ")] {
        let error = doc
            .new_scenario(ScenarioId::new(id), name.to_owned())
            .expect_err("reserved");
        assert!(matches!(error, PlanError::Reserved { .. }), "{error}");
        assert!(error.to_string().contains("names the baseline"), "{error}");
    }
    assert!(doc.plan_unsynced().scenarios.is_empty());
    doc.new_scenario(ScenarioId::new("s1"), "方案一".into())
        .expect("a scenario");
    let error = doc
        .rename_scenario(&ScenarioId::new("s1"), "baseline".into())
        .expect_err("reserved");
    assert!(matches!(error, PlanError::Reserved { .. }), "{error}");
    let error = doc
        .duplicate_scenario(
            &ScenarioId::new("s1"),
            ScenarioId::new("BASELINE"),
            "副本".into(),
        )
        .expect_err("reserved");
    assert!(matches!(error, PlanError::Reserved { .. }), "{error}");
    assert_eq!(doc.plan_unsynced().scenarios.len(), 1);
    assert_eq!(doc.plan_unsynced().scenarios[0].name, "方案一");
}

#[test]
fn a_refused_step_of_a_document_is_shown_and_changes_nothing() {
    let plan = io::load_bytes(PLAN.as_bytes(), "refusals.ron").expect("loads");
    let mut doc = Document::new(plan);
    let revision = doc.revision();
    let error = doc
        .apply(split(500, 0, 0))
        .expect_err("a split that creates people");
    assert!(matches!(error, OpError::Refused(_)), "{error}");
    assert_eq!(doc.revision(), revision);
    assert_eq!(doc.history().cursor(), 0);
}
