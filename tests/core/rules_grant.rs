//! The 赋权 rules (行政处罚法 第24条) on states built by hand: a city, 甲区 with two streets
//! (东街道, 西街道), 乙区, their bodies, and street holdings that carry a grant. For each rule a
//! state that triggers it and one that does not; the finding's rule id, bodies and citation; the
//! `items-per-person` parameter; and primitive changes refreshed incrementally against a full
//! evaluation (a granting body that moves while holding nothing of what it granted, a street
//! team whose grant record changes while it leads what it led (执法集中), a street
//! body's staffing, a power's kind and matter).

use std::collections::BTreeSet;

use shiquan::analysis::{Analysis, Finding, Severity};
use shiquan::model::{
    Approval, Body, BodyId, BodyKind, Change, Grant, Holding, Jurisdiction, JurisdictionId, Level,
    Power, PowerId, PowerKind, Staffing, State, StateRecords, Touched,
};
use shiquan::plan::{Rule, RuleConfig};
use shiquan::text::{FindingText, Lang};

fn jurisdiction(id: &str, name: &str, level: Level, parent: Option<&str>) -> Jurisdiction {
    Jurisdiction {
        id: id.into(),
        name: name.into(),
        level,
        parent: parent.map(Into::into),
    }
}

fn body(id: &str, name: &str, place: &str, kind: BodyKind, admin: u32, headcount: u32) -> Body {
    Body {
        id: id.into(),
        name: name.into(),
        kind,
        jurisdiction: place.into(),
        parent: None,
        tags: BTreeSet::new(),
        staffing: Staffing {
            admin,
            institution: 0,
            headcount,
        },
        budget_wan: 100,
        standing: None,
        supervisor: None,
    }
}

fn power(code: &str, name: &str, kind: PowerKind, matter: &str) -> Power {
    Power {
        main_item: None,
        duties: String::new(),
        accountability: String::new(),
        code: code.into(),
        name: name.into(),
        kind,
        field: "市容环卫".into(),
        basis: String::new(),
        matter: Some(matter.to_owned()),
    }
}

fn decision() -> Approval {
    Approval {
        authority: "省人民政府".into(),
        document: "省府函〔2026〕24号".into(),
    }
}

/// A lead holding of the district body, narrowed by the streets it granted the power in.
fn district_lead(power: &str, body: &str, excludes: &[&str]) -> Holding {
    Holding {
        excludes: excludes.iter().map(|s| JurisdictionId::new(*s)).collect(),
        ..Holding::lead(power.into(), body.into())
    }
}

/// A street body's holding granted by `from`.
fn granted(power: &str, receiver: &str, from: &str, decision: Option<Approval>) -> Holding {
    Holding {
        grant: Some(std::sync::Arc::new(Grant {
            from: from.into(),
            decision,
            evaluate_by: "2027-12-31".into(),
        })),
        ..Holding::lead(power.into(), receiver.into())
    }
}

/// The matter 占道经营 has a penalty, an inspection and a coercive measure; 户外广告 a licence
/// and a penalty; 噪声 a penalty and an inspection the city keeps. 甲区城管局 leads all of them
/// in 甲区 but the city's inspection, the city leads them in 乙区; the street teams lead what
/// `holdings` grants them.
fn state_with(bodies: Vec<Body>, holdings: Vec<Holding>) -> State {
    let mut records = StateRecords {
        jurisdictions: vec![
            jurisdiction("city", "本市", Level::City, None),
            jurisdiction("d1", "甲区", Level::District, Some("city")),
            jurisdiction("d1-east", "东街道", Level::Street, Some("d1")),
            jurisdiction("d1-west", "西街道", Level::Street, Some("d1")),
            jurisdiction("d2", "乙区", Level::District, Some("city")),
        ],
        bodies: vec![
            body("city-cg", "市城管局", "city", BodyKind::Admin, 50, 50),
            body("d1-cg", "甲区城管局", "d1", BodyKind::Admin, 30, 30),
            body("d1-zf", "甲区政府办", "d1", BodyKind::Admin, 10, 10),
            body("d2-cg", "乙区城管局", "d2", BodyKind::Admin, 30, 30),
            body(
                "east-team",
                "东街道综合执法队",
                "d1-east",
                BodyKind::Enforcement,
                12,
                12,
            ),
        ],
        powers: vec![
            power("ZD-CF", "占道经营处罚", PowerKind::Penalty, "占道经营"),
            power("ZD-JC", "占道经营检查", PowerKind::Inspection, "占道经营"),
            power("ZD-QZ", "暂扣占道经营物品", PowerKind::Coercion, "占道经营"),
            power("GG-XK", "户外广告设置许可", PowerKind::Licence, "户外广告"),
            power("GG-CF", "户外广告处罚", PowerKind::Penalty, "户外广告"),
            power("ZS-CF", "噪声处罚", PowerKind::Penalty, "噪声"),
            power("ZS-JC", "噪声检查", PowerKind::Inspection, "噪声"),
        ],
        holdings: Vec::new(),
        concentrated: Vec::new(),
    };
    records.bodies.extend(bodies);
    let granted_streets = |code: &str| -> Vec<&'static str> {
        let mut streets: Vec<&'static str> = holdings
            .iter()
            .filter(|h| h.power.as_str() == code && h.grant.is_some())
            .filter_map(|h| {
                records
                    .bodies
                    .iter()
                    .find(|b| b.id == h.body)
                    .and_then(|b| match b.jurisdiction.as_str() {
                        "d1-east" => Some("d1-east"),
                        "d1-west" => Some("d1-west"),
                        _ => None,
                    })
            })
            .collect();
        streets.sort_unstable();
        streets.dedup();
        streets
    };
    let mut all = Vec::new();
    for p in &records.powers {
        let code = p.code.as_str();
        if code == "ZS-JC" {
            all.push(Holding::lead(p.code.clone(), "city-cg".into()));
            continue;
        }
        all.push(Holding {
            excludes: [JurisdictionId::new("d1")].into_iter().collect(),
            ..Holding::lead(p.code.clone(), "city-cg".into())
        });
        if !holdings
            .iter()
            .any(|h| h.power == p.code && h.body.as_str() == "d1-cg")
        {
            all.push(district_lead(code, "d1-cg", &granted_streets(code)));
        }
    }
    all.extend(holdings);
    records.holdings = all;
    State::from_records(records).expect("a valid state")
}

fn findings(state: &State, rule: Rule) -> Vec<Finding> {
    findings_with(state, rule, &RuleConfig::default())
}

fn findings_with(state: &State, rule: Rule, config: &RuleConfig) -> Vec<Finding> {
    Analysis::full(state, config)
        .rule_findings
        .iter()
        .filter(|f| f.rule.as_deref() == Some(rule.id()))
        .cloned()
        .collect()
}

fn ids(bodies: &[&str]) -> Vec<BodyId> {
    let mut ids: Vec<BodyId> = bodies.iter().map(|b| BodyId::new(*b)).collect();
    ids.sort();
    ids
}

fn zh(state: &State, f: &Finding) -> String {
    f.message(state, Lang::Zh)
}

/// Every message of the 赋权 rules cites 第24条, in both languages.
fn assert_cites_article_24(state: &State, f: &Finding) {
    let zh = f.message(state, Lang::Zh);
    let en = f.message(state, Lang::En);
    assert!(zh.contains("《行政处罚法》第二十四条"), "{zh}");
    assert!(en.contains("Administrative Penalty Law art. 24"), "{en}");
}

/// The penalty, inspection and coercive measure of 占道经营 granted to 东街道's team by 甲区城管局
/// with the province's decision.
fn lawful_bundle() -> Vec<Holding> {
    ["ZD-CF", "ZD-JC", "ZD-QZ"]
        .into_iter()
        .map(|p| granted(p, "east-team", "d1-cg", Some(decision())))
        .collect()
}

// ---- grant-limits ------------------------------------------------------------------------

#[test]
fn a_lawful_grant_raises_no_grant_finding() {
    let state = state_with(Vec::new(), lawful_bundle());
    for rule in [Rule::GrantLimits, Rule::GrantCapacity, Rule::GrantBundle] {
        let found = findings(&state, rule);
        assert!(found.is_empty(), "{rule:?}: {found:?}");
    }
    // No grant at all: nothing either.
    let plain = state_with(Vec::new(), Vec::new());
    for rule in [Rule::GrantLimits, Rule::GrantCapacity, Rule::GrantBundle] {
        assert!(findings(&plain, rule).is_empty());
    }
}

#[test]
fn grant_limits_warns_of_a_grant_with_no_decision() {
    let mut holdings = lawful_bundle();
    holdings[0] = granted("ZD-CF", "east-team", "d1-cg", None);
    let state = state_with(Vec::new(), holdings);
    let found = findings(&state, Rule::GrantLimits);
    assert_eq!(found.len(), 1, "{found:?}");
    let f = &found[0];
    assert_eq!(f.rule.as_deref(), Some("grant-limits"));
    assert_eq!(f.power.as_ref().map(PowerId::as_str), Some("ZD-CF"));
    assert_eq!(
        f.jurisdiction.as_ref().map(JurisdictionId::as_str),
        Some("d1-east")
    );
    assert_eq!(f.bodies, ids(&["d1-cg", "east-team"]));
    // A missing record, not a breach: a warning, as for a concentration with no decision.
    assert_eq!(f.severity, Severity::Warning);
    let text = zh(&state, f);
    assert!(text.starts_with("【赋权合法】"), "{text}");
    assert!(text.contains("未记录省级人民政府的决定"), "{text}");
    assert!(text.contains("甲区东街道"), "{text}");
    assert_cites_article_24(&state, f);
}

#[test]
fn grant_limits_refuses_a_receiver_that_is_not_a_street_body() {
    // 甲区政府办 sits in the district, not in a street.
    let state = state_with(
        Vec::new(),
        vec![granted("ZD-CF", "d1-zf", "d1-cg", Some(decision()))],
    );
    let found = findings(&state, Rule::GrantLimits);
    assert_eq!(found.len(), 1, "{found:?}");
    let f = &found[0];
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.bodies, ids(&["d1-cg", "d1-zf"]));
    let text = zh(&state, f);
    assert!(text.contains("不是街道（乡镇）的机构"), "{text}");
    assert_cites_article_24(&state, f);
}

#[test]
fn grant_limits_refuses_a_power_that_is_not_the_districts() {
    // From the city's bureau: no district-level power.
    let from_city = state_with(
        Vec::new(),
        vec![granted("ZD-CF", "east-team", "city-cg", Some(decision()))],
    );
    let found = findings(&from_city, Rule::GrantLimits);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].severity, Severity::Error);
    assert_eq!(found[0].bodies, ids(&["city-cg", "east-team"]));
    let text = zh(&from_city, &found[0]);
    assert!(text.contains("不是区级事权"), "{text}");
    assert_cites_article_24(&from_city, &found[0]);

    // From another district's bureau: not this district's power.
    let from_other = state_with(
        Vec::new(),
        vec![granted("ZD-CF", "east-team", "d2-cg", Some(decision()))],
    );
    let found = findings(&from_other, Rule::GrantLimits);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].bodies, ids(&["d2-cg", "east-team"]));
    let text = zh(&from_other, &found[0]);
    assert!(text.contains("属于乙区"), "{text}");
    assert!(text.contains("不是本区的区级事权"), "{text}");
    assert_cites_article_24(&from_other, &found[0]);
}

#[test]
fn grant_limits_refuses_a_licence_and_names_every_fault_once() {
    let state = state_with(
        Vec::new(),
        vec![granted("GG-XK", "east-team", "d1-cg", Some(decision()))],
    );
    let found = findings(&state, Rule::GrantLimits);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].severity, Severity::Error);
    let text = zh(&state, &found[0]);
    assert!(text.contains("该事项是行政许可"), "{text}");
    assert_cites_article_24(&state, &found[0]);

    // Three faults of one grant (a licence, to a district body, from the city, with no
    // decision): one error naming the three, and the warning for the decision.
    let state = state_with(Vec::new(), vec![granted("GG-XK", "d1-zf", "city-cg", None)]);
    let found = findings(&state, Rule::GrantLimits);
    assert_eq!(found.len(), 2, "{found:?}");
    let errors: Vec<&Finding> = found
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1);
    let text = zh(&state, errors[0]);
    for fault in ["不是街道（乡镇）的机构", "不是区级事权", "该事项是行政许可"]
    {
        assert!(text.contains(fault), "{fault}: {text}");
    }
}

#[test]
fn grant_limits_can_be_switched_off() {
    let state = state_with(Vec::new(), vec![granted("GG-XK", "d1-zf", "city-cg", None)]);
    let mut config = RuleConfig::default();
    let mut setting = config.setting(Rule::GrantLimits);
    setting.enabled = false;
    config.set(Rule::GrantLimits, setting);
    assert!(findings_with(&state, Rule::GrantLimits, &config).is_empty());
}

// ---- grant-capacity ----------------------------------------------------------------------

/// 西街道's team: institution slots and people, but no 行政编制.
fn west_team(admin: u32, headcount: u32) -> Body {
    let mut team = body(
        "west-team",
        "西街道综合执法队",
        "d1-west",
        BodyKind::Enforcement,
        admin,
        headcount,
    );
    team.staffing.institution = 8;
    team
}

#[test]
fn grant_capacity_flags_a_street_body_without_civil_service_slots() {
    let mut holdings = lawful_bundle();
    holdings.extend(
        ["ZD-CF", "ZD-JC", "ZD-QZ"]
            .into_iter()
            .map(|p| granted(p, "west-team", "d1-cg", Some(decision()))),
    );
    let state = state_with(vec![west_team(0, 8)], holdings);
    let found = findings(&state, Rule::GrantCapacity);
    assert_eq!(found.len(), 1, "{found:?}");
    let f = &found[0];
    assert_eq!(f.rule.as_deref(), Some("grant-capacity"));
    assert_eq!(f.bodies, ids(&["west-team"]));
    assert_eq!(
        f.jurisdiction.as_ref().map(JurisdictionId::as_str),
        Some("d1-west")
    );
    assert_eq!(f.severity, Severity::Warning);
    let text = zh(&state, f);
    assert!(text.contains("经赋权承接 3 项事项"), "{text}");
    assert!(text.contains("没有行政编制"), "{text}");
    assert!(text.contains("每人承接上限 30 项"), "{text}");
    assert_cites_article_24(&state, f);

    // With civil-service slots and people, the same grant is fine.
    let mut holdings = lawful_bundle();
    holdings.extend(
        ["ZD-CF", "ZD-JC", "ZD-QZ"]
            .into_iter()
            .map(|p| granted(p, "west-team", "d1-cg", Some(decision()))),
    );
    let staffed = state_with(vec![west_team(6, 8)], holdings);
    assert!(findings(&staffed, Rule::GrantCapacity).is_empty());
}

#[test]
fn grant_capacity_flags_nobody_and_too_many_items_per_person() {
    let holdings: Vec<Holding> = ["ZD-CF", "ZD-JC", "ZD-QZ"]
        .into_iter()
        .map(|p| granted(p, "west-team", "d1-cg", Some(decision())))
        .collect();
    let empty = state_with(vec![west_team(6, 0)], holdings.clone());
    let found = findings(&empty, Rule::GrantCapacity);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(zh(&empty, &found[0]).contains("实有人数为 0"));

    // Three items for two people: over a threshold of one per person, under the default 30.
    let two = state_with(vec![west_team(6, 2)], holdings);
    assert!(findings(&two, Rule::GrantCapacity).is_empty());
    let mut config = RuleConfig::default();
    let mut setting = config.setting(Rule::GrantCapacity);
    assert_eq!(
        setting.params.get("items-per-person"),
        Some(&vec!["30".to_owned()])
    );
    setting
        .params
        .insert("items-per-person".into(), vec!["1".into()]);
    config.set(Rule::GrantCapacity, setting);
    let found = findings_with(&two, Rule::GrantCapacity, &config);
    assert_eq!(found.len(), 1, "{found:?}");
    let text = zh(&two, &found[0]);
    assert!(
        text.contains("实有 2 人，人均 1.5 项，超过每人 1 项"),
        "{text}"
    );
    assert_cites_article_24(&two, &found[0]);
}

#[test]
fn grant_capacity_ignores_a_street_body_granted_nothing() {
    // 西街道's team has no slots but leads only its own duty, granted by nobody.
    let state = state_with(
        vec![west_team(0, 0)],
        vec![Holding::lead("ZS-CF".into(), "west-team".into())],
    );
    assert!(findings(&state, Rule::GrantCapacity).is_empty());
}

// ---- grant-bundle ------------------------------------------------------------------------

#[test]
fn grant_bundle_flags_a_penalty_granted_without_its_inspection_and_coercion() {
    let state = state_with(
        Vec::new(),
        vec![granted("ZD-CF", "east-team", "d1-cg", Some(decision()))],
    );
    let found = findings(&state, Rule::GrantBundle);
    assert_eq!(found.len(), 1, "{found:?}");
    let f = &found[0];
    assert_eq!(f.rule.as_deref(), Some("grant-bundle"));
    assert_eq!(f.bodies, ids(&["east-team"]));
    assert_eq!(f.power.as_ref().map(PowerId::as_str), Some("ZD-CF"));
    assert_eq!(
        f.jurisdiction.as_ref().map(JurisdictionId::as_str),
        Some("d1-east")
    );
    assert_eq!(f.severity, Severity::Warning);
    let text = zh(&state, f);
    assert!(
        text.contains("经赋权承接行政处罚「占道经营处罚」"),
        "{text}"
    );
    assert!(text.contains("行政检查「占道经营检查」"), "{text}");
    assert!(text.contains("行政强制「暂扣占道经营物品」"), "{text}");
    assert_cites_article_24(&state, f);
}

#[test]
fn grant_bundle_flags_an_inspection_granted_without_its_penalty() {
    let state = state_with(
        Vec::new(),
        vec![granted("ZD-JC", "east-team", "d1-cg", Some(decision()))],
    );
    let found = findings(&state, Rule::GrantBundle);
    assert_eq!(found.len(), 1, "{found:?}");
    let text = zh(&state, &found[0]);
    assert!(text.contains("行政处罚「占道经营处罚」"), "{text}");
    assert!(text.contains("看得见、管不着"), "{text}");
    // The coercive measure is no penalty: an inspection without it is not the bundle's fault.
    assert!(!text.contains("暂扣占道经营物品"), "{text}");
    assert_cites_article_24(&state, &found[0]);
}

#[test]
fn grant_bundle_is_silent_when_the_bundle_is_complete_or_the_rest_is_not_the_districts() {
    // Complete.
    let state = state_with(Vec::new(), lawful_bundle());
    assert!(findings(&state, Rule::GrantBundle).is_empty());
    // 噪声's inspection is the city's: 甲区 could not have granted it.
    let state = state_with(
        Vec::new(),
        vec![granted("ZS-CF", "east-team", "d1-cg", Some(decision()))],
    );
    assert!(findings(&state, Rule::GrantBundle).is_empty());
    // 户外广告 has no inspection or coercive measure; its licence is no part of the bundle.
    let state = state_with(
        Vec::new(),
        vec![granted("GG-CF", "east-team", "d1-cg", Some(decision()))],
    );
    assert!(findings(&state, Rule::GrantBundle).is_empty());
    // The team leads the inspection and the coercive measure without a grant: still complete.
    let state = state_with(
        Vec::new(),
        vec![
            granted("ZD-CF", "east-team", "d1-cg", Some(decision())),
            Holding::lead("ZD-JC".into(), "east-team".into()),
            Holding::lead("ZD-QZ".into(), "east-team".into()),
        ],
    );
    assert!(findings(&state, Rule::GrantBundle).is_empty());
}

#[test]
fn grant_bundle_gives_one_finding_per_street_body_and_matter() {
    let mut holdings = vec![
        granted("ZD-CF", "east-team", "d1-cg", Some(decision())),
        granted("ZD-CF", "west-team", "d1-cg", Some(decision())),
        granted("ZD-JC", "west-team", "d1-cg", Some(decision())),
    ];
    holdings.push(granted("ZS-CF", "west-team", "d1-cg", Some(decision())));
    let state = state_with(vec![west_team(6, 8)], holdings);
    let found = findings(&state, Rule::GrantBundle);
    let bodies: Vec<Vec<BodyId>> = found.iter().map(|f| f.bodies.clone()).collect();
    assert_eq!(
        bodies,
        [ids(&["east-team"]), ids(&["west-team"])],
        "{found:?}"
    );
    // 西街道 has the penalty and the inspection: only the coercive measure is missing.
    let west = zh(&state, &found[1]);
    assert!(west.contains("行政强制「暂扣占道经营物品」"), "{west}");
    assert!(!west.contains("而同一事项的行政检查"), "{west}");
    assert!(west.contains("街道能处罚，却不能采取强制措施"), "{west}");
    assert!(!west.contains("不能检查"), "{west}");
}

// ---- incremental refresh -------------------------------------------------------------------

/// Applies one primitive change and refreshes the analysis; it must equal a full evaluation.
fn refresh_equals_full(state: &mut State, analysis: &mut Analysis, change: &Change) {
    let config = RuleConfig::default();
    let mut touched = Touched::none();
    state.touched_by(change, &mut touched);
    state.commit(change);
    let baseline = state.clone();
    analysis.refresh(state, &baseline, &config, &touched);
    let full = Analysis::full(state, &config);
    assert_eq!(
        analysis.rule_findings.iter().collect::<Vec<_>>(),
        full.rule_findings.iter().collect::<Vec<_>>()
    );
    assert_eq!(*analysis, full);
}

#[test]
fn a_granting_body_that_moves_after_letting_go_is_rechecked() {
    // 甲区城管局 granted 占道经营处罚 to 东街道, then let go of it everywhere else: it holds
    // nothing of it, so its move touches no power, and the grant must still be re-checked.
    let holdings = vec![
        granted("ZD-CF", "east-team", "d1-cg", Some(decision())),
        Holding::lead("ZD-CF".into(), "d1-zf".into()),
    ];
    let mut state = state_with(Vec::new(), holdings);
    let change = Change::Holding {
        power: "ZD-CF".into(),
        body: "d1-cg".into(),
        before: state.holding(&"ZD-CF".into(), &"d1-cg".into()).cloned(),
        after: None,
    };
    let mut analysis = Analysis::full(&state, &RuleConfig::default());
    refresh_equals_full(&mut state, &mut analysis, &change);
    assert!(findings(&state, Rule::GrantLimits).is_empty());

    let before = state.body(&"d1-cg".into()).cloned().expect("the bureau");
    let mut moved = before.clone();
    moved.jurisdiction = "d2".into();
    let change = Change::Body {
        id: "d1-cg".into(),
        before: Some(Box::new(before)),
        after: Some(Box::new(moved)),
    };
    refresh_equals_full(&mut state, &mut analysis, &change);
    assert_eq!(findings(&state, Rule::GrantLimits).len(), 1);
}

#[test]
fn a_granting_body_stops_being_a_stray_when_its_last_grant_goes() {
    // 甲区城管局 granted 占道经营处罚 to 东街道 and let go of it: it is a stray granting body of
    // the power. When 东街道's grant goes too, nobody names it any more, and it must leave the
    // index as a full build leaves it out (a later move of it re-checks nothing).
    let holdings = vec![
        granted("ZD-CF", "east-team", "d1-cg", Some(decision())),
        Holding::lead("ZD-CF".into(), "d1-zf".into()),
    ];
    let mut state = state_with(Vec::new(), holdings);
    let mut analysis = Analysis::full(&state, &RuleConfig::default());
    for body in ["d1-cg", "east-team"] {
        let change = Change::Holding {
            power: "ZD-CF".into(),
            body: body.into(),
            before: state.holding(&"ZD-CF".into(), &body.into()).cloned(),
            after: None,
        };
        refresh_equals_full(&mut state, &mut analysis, &change);
    }
    assert!(findings(&state, Rule::GrantLimits).is_empty());
}

#[test]
fn staffing_kinds_and_matters_refresh_exactly() {
    let mut state = state_with(vec![west_team(6, 8)], lawful_bundle());
    let mut analysis = Analysis::full(&state, &RuleConfig::default());

    // The team loses its civil-service slots: grant-capacity.
    let before = state.body(&"east-team".into()).cloned().expect("the team");
    let mut after = before.clone();
    after.staffing.admin = 0;
    refresh_equals_full(
        &mut state,
        &mut analysis,
        &Change::Body {
            id: "east-team".into(),
            before: Some(Box::new(before)),
            after: Some(Box::new(after)),
        },
    );
    assert_eq!(findings(&state, Rule::GrantCapacity).len(), 1);

    // The coercive measure becomes a licence: grant-limits, and the bundle changes.
    let before = state.power(&"ZD-QZ".into()).cloned().expect("the power");
    let mut after = before.clone();
    after.kind = PowerKind::Licence;
    refresh_equals_full(
        &mut state,
        &mut analysis,
        &Change::Power {
            id: "ZD-QZ".into(),
            before: Some(Box::new(before)),
            after: Some(Box::new(after)),
        },
    );
    assert_eq!(findings(&state, Rule::GrantLimits).len(), 1);

    // The inspection moves to another matter: the penalty's bundle loses it.
    let before = state.power(&"ZD-JC".into()).cloned().expect("the power");
    let mut after = before.clone();
    after.matter = Some("噪声".into());
    refresh_equals_full(
        &mut state,
        &mut analysis,
        &Change::Power {
            id: "ZD-JC".into(),
            before: Some(Box::new(before)),
            after: Some(Box::new(after)),
        },
    );

    // A new grant to 西街道, then taken away again.
    let grant = granted("ZD-CF", "west-team", "d1-cg", None);
    refresh_equals_full(
        &mut state,
        &mut analysis,
        &Change::Holding {
            power: "ZD-CF".into(),
            body: "west-team".into(),
            before: None,
            after: Some(grant.clone()),
        },
    );
    assert!(!findings(&state, Rule::GrantBundle).is_empty());
    refresh_equals_full(
        &mut state,
        &mut analysis,
        &Change::Holding {
            power: "ZD-CF".into(),
            body: "west-team".into(),
            before: Some(grant),
            after: None,
        },
    );

    // The team is renamed: every finding naming it is re-phrased.
    let before = state.body(&"east-team".into()).cloned().expect("the team");
    let mut after = before.clone();
    after.name = "东街道执法中队".into();
    refresh_equals_full(
        &mut state,
        &mut analysis,
        &Change::Body {
            id: "east-team".into(),
            before: Some(Box::new(before)),
            after: Some(Box::new(after)),
        },
    );
    assert!(
        analysis
            .rule_findings
            .iter()
            .filter(|f| f.bodies.contains(&"east-team".into()))
            .all(|f| f.message(&state, Lang::Zh).contains("东街道执法中队"))
    );
}

#[test]
fn a_street_team_whose_grant_changes_is_rechecked_for_enforcement_concentrated() {
    // 东街道's team leads 占道经营处罚 by 甲区城管局's grant and 噪声处罚 on its own; the bureau
    // leads 户外广告处罚 and 噪声处罚 there. The team carries on the bureau's enforcement (one
    // line). The grant's record goes: no lead starts or stops, but the team now counts apart.
    let holdings = vec![
        granted("ZD-CF", "east-team", "d1-cg", Some(decision())),
        Holding::lead("ZS-CF".into(), "east-team".into()),
    ];
    let mut state = state_with(Vec::new(), holdings);
    assert!(findings(&state, Rule::EnforcementConcentrated).is_empty());
    let mut analysis = Analysis::full(&state, &RuleConfig::default());
    let change = Change::Holding {
        power: "ZD-CF".into(),
        body: "east-team".into(),
        before: state.holding(&"ZD-CF".into(), &"east-team".into()).cloned(),
        after: Some(Holding::lead("ZD-CF".into(), "east-team".into())),
    };
    refresh_equals_full(&mut state, &mut analysis, &change);
    let split = findings(&state, Rule::EnforcementConcentrated);
    assert_eq!(split.len(), 1, "{split:?}");
    assert_eq!(split[0].jurisdiction, Some("d1-east".into()));
}
