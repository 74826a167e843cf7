//! Coverage on the leaves of the tree (issue 15): a district with streets is checked street by
//! street; its body covers its streets unless a grant (赋权) took the power in a street; a street
//! body covers its street; and the grant and take-back operations that move a power between them.

use std::collections::BTreeSet;

use shiquan::analysis::coverage::Coverage;
use shiquan::analysis::{Analysis, Finding, FindingKind};
use shiquan::model::{
    Approval, Body, BodyId, BodyKind, Holding, Jurisdiction, JurisdictionId, Level, Power, PowerId,
    PowerKind, Staffing, State, StateRecords,
};
use shiquan::plan::{OpError, Operation, TransferMode};

fn place(id: &str, level: Level, parent: Option<&str>) -> Jurisdiction {
    Jurisdiction {
        id: id.into(),
        name: id.to_uppercase(),
        level,
        parent: parent.map(Into::into),
    }
}

fn body(id: &str, jurisdiction: &str) -> Body {
    Body {
        id: id.into(),
        name: format!("{id}机构"),
        kind: BodyKind::Admin,
        jurisdiction: jurisdiction.into(),
        parent: None,
        tags: BTreeSet::new(),
        staffing: Staffing::default(),
        budget_wan: 0,
        standing: None,
        supervisor: None,
    }
}

fn power(code: &str) -> Power {
    Power {
        main_item: None,
        duties: String::new(),
        accountability: String::new(),
        code: code.into(),
        name: format!("事项{code}"),
        kind: PowerKind::Penalty,
        field: "市容环卫".into(),
        basis: String::new(),
        matter: None,
    }
}

/// A city; district `a` with streets `a-east` and `a-west`; district `b` without streets. The
/// city bureau `city-b`, district a's bureau `a-b`, district b's bureau `b-b`, and one street
/// team per street of a. Holdings as given.
fn state(holdings: Vec<Holding>) -> State {
    let records = StateRecords {
        jurisdictions: vec![
            place("city", Level::City, None),
            place("a", Level::District, Some("city")),
            place("a-east", Level::Street, Some("a")),
            place("a-west", Level::Street, Some("a")),
            place("b", Level::District, Some("city")),
        ],
        bodies: vec![
            body("city-b", "city"),
            body("a-b", "a"),
            body("b-b", "b"),
            body("east-team", "a-east"),
            body("west-team", "a-west"),
        ],
        powers: vec![power("P1"), power("P2")],
        holdings,
        ..StateRecords::default()
    };
    State::from_records(records).expect("a valid state")
}

fn lead(power: &str, body: &str) -> Holding {
    Holding::lead(power.into(), body.into())
}

fn excluding(mut holding: Holding, places: &[&str]) -> Holding {
    holding.excludes = places.iter().map(|p| JurisdictionId::new(*p)).collect();
    holding
}

fn leads(coverage: &Coverage, power: &str, territory: &str) -> Vec<String> {
    coverage
        .leads(&PowerId::new(power), &JurisdictionId::new(territory))
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// Every coverage finding as (kind, power, territory).
fn findings(state: &State) -> Vec<(FindingKind, String, String)> {
    Coverage::full(state)
        .findings()
        .map(Finding::located)
        .collect()
}

fn gap(power: &str, territory: &str) -> (FindingKind, String, String) {
    (FindingKind::Gap, power.into(), territory.into())
}

fn overlap(power: &str, territory: &str) -> (FindingKind, String, String) {
    (FindingKind::Overlap, power.into(), territory.into())
}

#[test]
fn the_territories_are_the_streets_and_the_districts_without_streets() {
    let s = state(vec![]);
    let coverage = Coverage::full(&s);
    let territories: Vec<&str> = coverage
        .territories()
        .iter()
        .map(JurisdictionId::as_str)
        .collect();
    assert_eq!(territories, ["a-east", "a-west", "b"]);
    let districts: Vec<Option<&str>> = (0..3)
        .map(|i| {
            coverage
                .district_of_territory(i)
                .map(JurisdictionId::as_str)
        })
        .collect();
    assert_eq!(districts, [Some("a"), Some("a"), Some("b")]);
}

#[test]
fn a_district_body_covers_its_streets() {
    let s = state(vec![lead("P1", "a-b"), lead("P1", "b-b")]);
    let coverage = Coverage::full(&s);
    assert_eq!(leads(&coverage, "P1", "a-east"), ["a-b"]);
    assert_eq!(leads(&coverage, "P1", "a-west"), ["a-b"]);
    assert_eq!(leads(&coverage, "P1", "b"), ["b-b"]);
    // P2 is held by nobody: a gap in each territory, named by the street.
    assert_eq!(
        findings(&s),
        [gap("P2", "a-east"), gap("P2", "a-west"), gap("P2", "b")]
    );
}

#[test]
fn a_street_body_alone_covers_only_its_street() {
    let s = state(vec![
        lead("P1", "east-team"),
        lead("P1", "b-b"),
        lead("P2", "city-b"),
    ]);
    assert_eq!(leads(&Coverage::full(&s), "P1", "a-east"), ["east-team"]);
    assert_eq!(findings(&s), [gap("P1", "a-west")]);
}

#[test]
fn a_street_body_beside_its_districts_body_is_an_overlap_in_that_street() {
    let s = state(vec![
        lead("P1", "a-b"),
        lead("P1", "east-team"),
        lead("P1", "b-b"),
        lead("P2", "city-b"),
    ]);
    assert_eq!(findings(&s), [overlap("P1", "a-east")]);
}

#[test]
fn a_district_body_does_not_cover_the_streets_it_excludes() {
    let s = state(vec![
        excluding(lead("P1", "a-b"), &["a-east"]),
        lead("P1", "east-team"),
        lead("P1", "b-b"),
        lead("P2", "city-b"),
    ]);
    assert!(findings(&s).is_empty());
}

#[test]
fn a_city_body_excluding_a_district_leaves_all_its_streets() {
    let s = state(vec![
        excluding(lead("P1", "city-b"), &["a"]),
        lead("P1", "a-b"),
        excluding(lead("P2", "city-b"), &["a-west"]),
        lead("P2", "west-team"),
    ]);
    let coverage = Coverage::full(&s);
    assert_eq!(leads(&coverage, "P1", "a-east"), ["a-b"]);
    assert_eq!(leads(&coverage, "P1", "b"), ["city-b"]);
    assert_eq!(leads(&coverage, "P2", "a-east"), ["city-b"]);
    assert_eq!(leads(&coverage, "P2", "a-west"), ["west-team"]);
    assert!(findings(&s).is_empty());
}

fn decision() -> Approval {
    Approval {
        authority: "省人民政府".into(),
        document: "府函〔2026〕7号".into(),
    }
}

fn grant(powers: &[&str], receivers: &[&str]) -> Operation {
    Operation::GrantToStreets {
        powers: powers.iter().map(|p| PowerId::new(*p)).collect(),
        receivers: receivers.iter().map(|b| BodyId::new(*b)).collect(),
        decision: Some(decision()),
        evaluate_by: "2027-12-31".into(),
    }
}

#[test]
fn a_grant_narrows_the_district_body_in_those_streets_and_opens_nothing() {
    let mut s = state(vec![
        lead("P1", "a-b"),
        lead("P2", "a-b"),
        lead("P1", "b-b"),
        lead("P2", "b-b"),
    ]);
    let before = s.clone();
    let changes = grant(&["P1", "P2"], &["east-team"])
        .apply(&mut s)
        .expect("a grant applies");
    let narrowed = s.holding(&"P1".into(), &"a-b".into()).expect("kept");
    assert_eq!(
        *narrowed.excludes,
        BTreeSet::from([JurisdictionId::new("a-east")])
    );
    let granted = s
        .holding(&"P2".into(), &"east-team".into())
        .expect("granted");
    let record = granted.grant.as_deref().expect("the grant is recorded");
    assert_eq!(record.from, BodyId::new("a-b"));
    assert_eq!(record.decision, Some(decision()));
    assert_eq!(record.evaluate_by, "2027-12-31");
    let coverage = Coverage::full(&s);
    assert_eq!(leads(&coverage, "P1", "a-east"), ["east-team"]);
    assert_eq!(leads(&coverage, "P1", "a-west"), ["a-b"]);
    assert!(findings(&s).is_empty());
    // One step, undone whole.
    changes.revert(&mut s);
    assert_eq!(s, before);
}

#[test]
fn taking_back_is_the_inverse_of_a_grant() {
    let start = state(vec![lead("P1", "a-b"), lead("P1", "b-b")]);
    let mut s = start.clone();
    grant(&["P1"], &["east-team", "west-team"])
        .apply(&mut s)
        .expect("applies");
    assert_eq!(
        s.holding(&"P1".into(), &"a-b".into())
            .map(|h| h.excludes.len()),
        Some(2)
    );
    Operation::TakeBack {
        powers: vec!["P1".into()],
        receivers: vec!["east-team".into(), "west-team".into()],
    }
    .apply(&mut s)
    .expect("takes back");
    assert_eq!(s, start);
}

#[test]
fn grants_that_cannot_be_are_refused_and_change_nothing() {
    let start = state(vec![
        lead("P1", "a-b"),
        lead("P1", "b-b"),
        lead("P2", "city-b"),
    ]);
    let refused = |op: Operation| {
        let mut s = start.clone();
        let result = op.apply(&mut s);
        assert!(matches!(result, Err(OpError::Refused(_))), "{result:?}");
        assert_eq!(s, start);
    };
    // Not a street body.
    refused(grant(&["P1"], &["b-b"]));
    // The district leads no P2: only the city does.
    refused(grant(&["P2"], &["east-team"]));
    // Nothing to take back.
    refused(Operation::TakeBack {
        powers: vec!["P1".into()],
        receivers: vec!["east-team".into()],
    });
    // Empty.
    refused(grant(&[], &["east-team"]));
}

#[test]
fn a_transfer_in_grant_mode_narrows_its_source_as_a_grant_does() {
    let mut s = state(vec![lead("P1", "a-b"), lead("P1", "b-b")]);
    Operation::TransferPower {
        power: "P1".into(),
        from: "a-b".into(),
        to: "east-team".into(),
        mode: TransferMode::Grant,
        approval: Some(decision()),
    }
    .apply(&mut s)
    .expect("applies");
    // P2 is nobody's: its gaps stay; P1 has none.
    assert!(findings(&s).iter().all(|(_, power, _)| power == "P2"));
    assert!(
        s.holding(&"P1".into(), &"east-team".into())
            .is_some_and(|h| h.grant.is_some())
    );
}

#[test]
fn the_check_report_names_the_street_and_its_district() {
    let s = state(vec![lead("P1", "b-b")]);
    let analysis = Analysis::full(&s, &shiquan::plan::RuleConfig::default());
    let finding = analysis
        .coverage
        .findings()
        .find(|f| {
            f.jurisdiction
                .as_ref()
                .is_some_and(|j| j.as_str() == "a-east")
        })
        .expect("a gap in the street");
    let record = shiquan::report::FindingRecord::of(finding, &s, shiquan::text::Lang::Zh);
    assert_eq!(record.jurisdiction.as_deref(), Some("a-east"));
    assert_eq!(record.district.as_deref(), Some("a"));
    assert!(record.message.starts_with("AA-EAST"), "{}", record.message);
}
