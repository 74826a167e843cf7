//! What each kind of operation means, on the seed plan: narrowing a city holding when a district
//! takes a power, the bar after a concentration, centralising a district body, refusals.

use shiquan::analysis::{Analysis, FindingKind, Severity};
use shiquan::io::seed::seed_plan;
use shiquan::model::{BodyId, JurisdictionId, PowerId, SlotKind, State};
use shiquan::plan::{OpError, Operation, TransferMode};
use shiquan::text::FindingText;

fn baseline() -> State {
    seed_plan().expect("seed loads").baseline
}

fn transfer(power: &str, from: &str, to: &str, mode: TransferMode) -> Operation {
    Operation::TransferPower {
        power: power.into(),
        from: from.into(),
        to: to.into(),
        mode,
        approval: None,
    }
}

fn leads(state: &State, power: &str, district: &str) -> Vec<String> {
    Analysis::full(state, &shiquan::plan::RuleConfig::default())
        .coverage
        .leads_in(&PowerId::new(power), &JurisdictionId::new(district))
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn a_district_taking_a_power_narrows_the_city_holding() {
    let mut state = baseline();
    let op = transfer(
        "CF-GH-001",
        "city-zrghj",
        "district-a-cgj",
        TransferMode::Transfer,
    );
    op.apply(&mut state).expect("applies");
    let city = state
        .holding(&"CF-GH-001".into(), &"city-zrghj".into())
        .expect("the city keeps the power elsewhere");
    assert!(city.excludes.contains("district-a"));
    assert!(leads(&state, "CF-GH-001", "district-a").contains(&"district-a-cgj".to_owned()));
    assert!(!leads(&state, "CF-GH-001", "district-a").contains(&"city-zrghj".to_owned()));
    assert!(leads(&state, "CF-GH-001", "district-b").contains(&"city-zrghj".to_owned()));
    // Handing over the same district twice is refused: the city no longer leads there.
    let again = transfer(
        "CF-GH-001",
        "city-zrghj",
        "district-a-cgdd",
        TransferMode::Transfer,
    );
    assert!(matches!(again.apply(&mut state), Err(OpError::Refused(_))));
}

#[test]
fn a_concentrated_source_that_leads_again_is_an_error() {
    let mut state = baseline();
    transfer(
        "CF-GH-001",
        "city-zrghj",
        "city-cgzfzd",
        TransferMode::Concentrate,
    )
    .apply(&mut state)
    .expect("applies");
    assert!(state.is_barred(&"CF-GH-001".into(), &"city-zrghj".into()));
    assert!(
        state
            .holding(&"CF-GH-001".into(), &"city-zrghj".into())
            .is_none()
    );
    Operation::SetHolding {
        holding: shiquan::model::Holding::lead("CF-GH-001".into(), "city-zrghj".into()),
    }
    .apply(&mut state)
    .expect("applies");
    let analysis = Analysis::full(&state, &shiquan::plan::RuleConfig::default());
    let errors: Vec<_> = analysis
        .findings()
        .filter(|f| f.power.as_ref().map(PowerId::as_str) == Some("CF-GH-001"))
        .filter(|f| f.rule.as_deref() == Some("concentration-relapse"))
        .filter(|f| f.kind == FindingKind::Rule && f.severity == Severity::Error)
        .collect();
    // One per territory: 甲区's three streets, 乙区 and 丙区.
    assert_eq!(errors.len(), 5, "one error per territory: {errors:?}");
    assert!(
        errors[0]
            .message(&state, shiquan::text::Lang::Zh)
            .contains("第十八条"),
        "the finding cites the article it rests on"
    );
    assert!(
        errors[0]
            .message(&state, shiquan::text::Lang::Zh)
            .contains("市自然资源和规划局")
    );
}

#[test]
fn concentrating_into_a_district_body_does_not_bar_the_city_elsewhere() {
    let mut state = baseline();
    transfer(
        "CF-GH-001",
        "city-zrghj",
        "district-a-cgdd",
        TransferMode::Concentrate,
    )
    .apply(&mut state)
    .expect("applies");
    let (power, city) = (PowerId::new("CF-GH-001"), "city-zrghj".into());
    assert!(!state.is_barred(&power, &city));
    // The city is barred in the district that took it, and only there.
    assert!(state.is_barred_in(&power, &city, &"district-a".into()));
    assert!(!state.is_barred_in(&power, &city, &"district-b".into()));
    let analysis = Analysis::full(&state, &shiquan::plan::RuleConfig::default());
    assert!(
        analysis
            .findings()
            .all(|f| f.rule.as_deref() != Some("concentration-relapse")),
        "nobody relapsed"
    );
    assert!(leads(&state, "CF-GH-001", "district-b").contains(&"city-zrghj".to_owned()));
    // Widening the city's holding back over the district is a relapse there.
    let mut widened = state.holding(&power, &city).expect("still held").clone();
    widened.excludes.clear();
    Operation::SetHolding { holding: widened }
        .apply(&mut state)
        .expect("applies");
    let analysis = Analysis::full(&state, &shiquan::plan::RuleConfig::default());
    let relapses: Vec<_> = analysis
        .findings()
        .filter(|f| f.rule.as_deref() == Some("concentration-relapse"))
        .collect();
    // A relapse in each of 甲区's streets, and nowhere else.
    let places: Vec<&str> = relapses
        .iter()
        .filter_map(|f| {
            f.jurisdiction
                .as_ref()
                .map(shiquan::model::JurisdictionId::as_str)
        })
        .collect();
    assert_eq!(
        places,
        [
            "district-a-dongcheng",
            "district-a-nanhu",
            "district-a-xicheng"
        ],
        "{relapses:?}"
    );
}

#[test]
fn a_centralised_district_body_keeps_its_territory() {
    let mut state = baseline();
    let before_b = leads(&state, "CF-SR-001", "district-b");
    let held: Vec<PowerId> = state
        .powers_of_body(&"district-a-cgdd".into())
        .cloned()
        .collect();
    assert!(!held.is_empty());
    Operation::MoveBody {
        body: "district-a-cgdd".into(),
        to: "city".into(),
    }
    .apply(&mut state)
    .expect("applies");
    assert_eq!(leads(&state, "CF-SR-001", "district-b"), before_b);
    for h in state.holdings_of_body(&BodyId::new("district-a-cgdd")) {
        if h.role.is_lead() {
            assert!(!h.excludes.contains("district-a"));
            assert!(h.excludes.contains("district-b") && h.excludes.contains("district-c"));
        }
    }
}

#[test]
fn refusals_say_why_and_change_nothing() {
    let mut state = baseline();
    let before = state.clone();
    let cases = [
        Operation::MoveStaffing {
            from: "district-a-cgj".into(),
            to: "district-a-cgdd".into(),
            kind: SlotKind::Admin,
            count: 10_000,
            people: 0,
        },
        transfer(
            "CF-GH-001",
            "district-b-cgj",
            "city-cgzfzd",
            TransferMode::Transfer,
        ),
        Operation::MoveBody {
            body: "nobody".into(),
            to: "district-a".into(),
        },
        Operation::AbolishBody {
            body: "city-cgzfzd".into(),
        },
        Operation::MergeBodies {
            from: "district-a-cgj".into(),
            into: "district-a-cgdd".into(),
        },
    ];
    for op in cases {
        let error = op.apply(&mut state).expect_err("refused");
        assert!(!error.to_string().is_empty());
        assert_eq!(state, before, "{op:?} changed the state although refused");
    }
}

#[test]
fn a_baseline_edit_that_a_scenario_cannot_follow_is_refused_and_changes_nothing() {
    use shiquan::plan::{OpError, Operation};
    use shiquan::session::Document;
    let plan = shiquan::io::seed::seed_plan().expect("seed");
    let mut doc = Document::new(plan);
    let before = doc.state().clone();
    let revision = doc.revision();
    // city-district-split devolves this unit; devolving it in the baseline first would make
    // that scenario's step fail, and the saved plan could not be opened again.
    let op = Operation::MoveBody {
        body: "city-ylj-lhgh".into(),
        to: "district-a".into(),
    };
    let Err(OpError::BreaksScenario {
        scenario, index, ..
    }) = doc.apply(op.clone())
    else {
        panic!("the edit is refused");
    };
    assert_eq!(scenario.as_str(), "city-district-split");
    assert!(index >= 1);
    assert_eq!(doc.state(), &before, "nothing changed");
    assert_eq!(doc.revision(), revision);
    assert_eq!(doc.history().cursor(), 0);
    // The same edit inside a scenario is a plain devolution.
    doc.new_scenario("trial".into(), "试算".into())
        .expect("scenario");
    doc.apply(op).expect("applies in a scenario");
    // A baseline edit that every scenario can follow still applies.
    doc.switch_to(shiquan::session::View::Baseline)
        .expect("baseline");
    let harmless = Operation::EditBody {
        body: "city-rfb".into(),
        edit: shiquan::plan::BodyEdit::Name("市人防办".into()),
    };
    doc.apply(harmless).expect("a rename breaks nothing");
    let mut plan = doc.plan().clone();
    let text = shiquan::io::to_text(&plan).expect("text");
    plan = shiquan::io::load_bytes(text.as_bytes(), "plan.ron").expect("the plan opens again");
    // The seed's three and the trial.
    assert_eq!(plan.scenarios.len(), 4);
}

#[test]
fn a_gesture_of_several_operations_is_all_or_nothing_and_one_undo_step() {
    use shiquan::session::{Document, View};
    let plan = shiquan::io::seed::seed_plan().expect("seed");
    let mut doc = Document::new(plan);
    doc.switch_to(View::Scenario("comprehensive-enforcement".into()))
        .expect("scenario");
    let start = doc.state().clone();
    let cursor = doc.history().cursor();
    let devolve = |body: &str| Operation::MoveBody {
        body: body.into(),
        to: "district-c".into(),
    };
    // Two bodies dragged together: one step.
    doc.apply_all(vec![devolve("city-ylj-mp"), devolve("city-ylj-rmgy")])
        .expect("both apply");
    assert_eq!(doc.history().cursor(), cursor + 2, "each shows in 变更");
    assert!(doc.undo());
    assert_eq!(doc.state(), &start, "one undo reverts the whole gesture");
    assert!(doc.redo());
    assert_eq!(
        doc.history().cursor(),
        cursor + 2,
        "one redo brings both back"
    );
    assert!(doc.undo());
    // A gesture whose second step is refused changes nothing, and the gesture undone before
    // is still there to redo (issue 17: a refusal used to clear it).
    let Err((index, _)) = doc.apply_all(vec![devolve("city-ylj-mp"), devolve("no-such-body")])
    else {
        panic!("refused");
    };
    assert_eq!(index, 1);
    assert_eq!(doc.state(), &start);
    assert_eq!(doc.history().cursor(), cursor);
    assert!(doc.history().can_redo());
    // Single operations stay single steps.
    doc.apply(devolve("city-ylj-mp")).expect("applies");
    doc.apply(devolve("city-ylj-rmgy")).expect("applies");
    assert!(doc.undo());
    assert_eq!(doc.history().cursor(), cursor + 1);
}
