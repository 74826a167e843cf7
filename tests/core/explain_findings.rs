//! Why a gap or an overlap is there (issue 17, problem 4) and what a fix would do before it is
//! applied (problem 5), in the core: on the seed plan and its scenarios and on small plans built
//! by hand.
//!
//! - A gap of the baseline says so; a gap made at step N names step N and its operation, and
//!   who led until then (by name, even when that body was abolished since).
//! - A power held here only by an assisting or an entrusted body says so; a lead whose holding
//!   leaves the place out (a city bureau narrowed by a district, a district bureau by a grant to
//!   a street) is named; a level split's missing tier is named.
//! - An overlap names its bodies by name, and the step from which they all lead.
//! - The walk back is cheap: 10,000 unrelated steps cost milliseconds.
//! - A fix's preview counts are the counts after `Document::apply_all` of its operations, and
//!   the preview leaves the state and the analysis as they were.

#![cfg(feature = "gui")] // the steps are named by the window's sentences

use crate::common::findings_cases::single_district_lead;

use std::collections::BTreeSet;

use shiquan::analysis::fixes;
use shiquan::analysis::{Analysis, Finding, FindingKind};
use shiquan::model::{
    Body, BodyId, BodyKind, Cases, Holding, Jurisdiction, JurisdictionId, Level, Power, PowerId,
    PowerKind, Role, ScenarioId, Staffing, State, StateRecords,
};
use shiquan::plan::{BodyEdit, Operation, Plan};
use shiquan::session::explain::{self, Explanation, Since};
use shiquan::session::fix_preview;
use shiquan::session::{Document, View};
use shiquan::text::{ExplanationText, Lang, Names, entry_sentence};

fn seed_doc() -> Document {
    Document::new(shiquan::io::seed::seed_plan().expect("the seed plan loads"))
}

/// The explanation of `f` in the document's current view.
fn explain(doc: &Document, f: &Finding) -> Explanation {
    explain::explain_in(f, doc.state(), &doc.analysis().coverage, doc.history())
        .expect("an overlap or a gap is explained")
}

/// Its lines, each step named by its 变更 sentence, as the window names it.
fn lines(doc: &Document, e: &Explanation, lang: Lang) -> Vec<String> {
    let names = Names::new(doc.state(), doc.baseline());
    let entries = doc.history().entries();
    e.lines(lang, &|i| entry_sentence(&entries[i], &names, lang))
}

/// The coverage finding of `kind` for (power, place), if there is one.
fn finding(doc: &Document, kind: FindingKind, power: &str, place: &str) -> Option<Finding> {
    doc.analysis()
        .coverage
        .findings()
        .find(|f| {
            f.kind == kind
                && f.power.as_ref().map(PowerId::as_str) == Some(power)
                && f.jurisdiction.as_ref().map(JurisdictionId::as_str) == Some(place)
        })
        .cloned()
}

fn body_name(doc: &Document, id: &BodyId) -> String {
    doc.state()
        .body(id)
        .or_else(|| doc.baseline().body(id))
        .map(|b| b.name.clone())
        .expect("a body of the plan")
}

#[test]
fn a_gap_of_the_baseline_says_it_was_there_already() {
    let mut doc = seed_doc();
    let scenario = doc.plan_unsynced().scenarios[0].id.clone();
    doc.switch_to(View::Scenario(scenario))
        .expect("the scenario opens");
    assert!(doc.history().cursor() > 50, "a long scenario");
    let gaps: Vec<Finding> = doc
        .analysis()
        .coverage
        .findings()
        .filter(|f| f.kind == FindingKind::Gap)
        .cloned()
        .collect();
    assert!(!gaps.is_empty(), "the seed scenario has gaps");
    let before = shiquan::analysis::coverage::Coverage::full(doc.baseline());
    let mut checked = 0;
    for gap in &gaps {
        let was_there = before.findings().any(|f| f.located() == gap.located());
        let e = explain(&doc, gap);
        if was_there {
            assert_eq!(e.since, Since::Start, "{gap:?}");
            let zh = lines(&doc, &e, Lang::Zh);
            assert!(zh[0].starts_with("现状即"), "{zh:?}");
            assert!(
                lines(&doc, &e, Lang::En)[0].contains("baseline"),
                "{:?}",
                lines(&doc, &e, Lang::En)
            );
            checked += 1;
        }
    }
    assert!(checked > 0, "some gap of the scenario was in the baseline");
}

#[test]
fn a_gap_made_at_a_step_names_that_step_its_operation_and_who_led_until_then() {
    let mut doc = seed_doc();
    let scenario = doc.plan_unsynced().scenarios[0].id.clone();
    doc.switch_to(View::Scenario(scenario))
        .expect("the scenario opens");
    let (power, place, lead) = single_district_lead(&doc);
    let holding = doc
        .state()
        .holding(&power, &lead)
        .cloned()
        .expect("the lead's holding");
    // Step N: the district's lead becomes assisting; then two steps that do not touch it.
    doc.apply(Operation::SetHolding {
        holding: Holding {
            role: Role::Assist,
            ..holding
        },
    })
    .expect("the lead steps back");
    let step = doc.history().cursor();
    let other = doc
        .state()
        .bodies()
        .keys()
        .find(|b| **b != lead)
        .cloned()
        .expect("another body");
    for name in ["改名一", "改名二"] {
        doc.apply(Operation::EditBody {
            body: other.clone(),
            edit: BodyEdit::Name(name.into()),
        })
        .expect("a rename");
    }
    let gap = finding(&doc, FindingKind::Gap, power.as_str(), place.as_str())
        .expect("the step opened a gap");
    let e = explain(&doc, &gap);
    assert_eq!(e.since, Since::Step(step - 1));
    assert_eq!(e.since.step_number(), Some(step));
    assert_eq!(e.leads_before, vec![lead.clone()]);
    assert_eq!(e.assisting, vec![lead.clone()]);
    let name = body_name(&doc, &lead);
    let zh = lines(&doc, &e, Lang::Zh);
    let sentence = entry_sentence(
        &doc.history().entries()[step - 1],
        &Names::new(doc.state(), doc.baseline()),
        Lang::Zh,
    );
    assert!(
        zh[0].starts_with(&format!("自第 {step} 步（")) && zh[0].contains(&sentence),
        "names the step and its operation: {zh:?}"
    );
    assert!(zh[0].ends_with("起无主办单位"), "{zh:?}");
    assert!(zh.contains(&format!("此前由 {name} 主办")), "{zh:?}");
    assert!(zh.contains(&format!("仅有协办单位：{name}")), "{zh:?}");
    let en = lines(&doc, &e, Lang::En);
    assert!(en[0].starts_with(&format!("Since step {step} (")), "{en:?}");
    assert!(en.iter().any(|l| l.contains(&name)), "{en:?}");
    assert_eq!(e.headline(Lang::Zh), format!("自第 {step} 步起"));
    for line in zh.iter().chain(&en) {
        assert!(!line.contains(lead.as_str()), "no id: {line}");
        assert!(!line.contains(power.as_str()), "no id: {line}");
    }
}

#[test]
fn a_body_abolished_since_is_named_as_the_lead_before_the_gap() {
    let mut doc = seed_doc();
    doc.new_scenario(ScenarioId::new("trial"), "试算".into())
        .expect("a new scenario");
    let (power, place, lead) = single_district_lead(&doc);
    let name = body_name(&doc, &lead);
    doc.apply(Operation::AbolishBody { body: lead.clone() })
        .expect("the lead is abolished");
    assert!(doc.state().body(&lead).is_none());
    let gap = finding(&doc, FindingKind::Gap, power.as_str(), place.as_str())
        .expect("abolishing the only lead opens a gap");
    let e = explain(&doc, &gap);
    assert_eq!(e.since, Since::Step(0));
    let zh = lines(&doc, &e, Lang::Zh);
    assert!(zh[0].starts_with("自第 1 步（撤销 "), "{zh:?}");
    assert!(zh.contains(&format!("此前由 {name} 主办")), "{zh:?}");
}

#[test]
fn a_lead_that_left_and_was_renamed_after_is_named_as_it_was_called_then() {
    let mut doc = seed_doc();
    doc.new_scenario(ScenarioId::new("trial"), "试算".into())
        .expect("a new scenario");
    let (power, place, lead) = single_district_lead(&doc);
    let name_then = body_name(&doc, &lead);
    doc.apply(Operation::RemoveHolding {
        power: power.clone(),
        body: lead.clone(),
    })
    .expect("the lead gives the power up");
    doc.apply(Operation::EditBody {
        body: lead.clone(),
        edit: BodyEdit::Name("新名称".into()),
    })
    .expect("a rename after");
    let gap = finding(&doc, FindingKind::Gap, power.as_str(), place.as_str())
        .expect("giving up the only lead opens a gap");
    let e = explain(&doc, &gap);
    assert_eq!(e.since, Since::Step(0));
    assert_eq!(e.leads_before, vec![lead.clone()]);
    assert_eq!(
        e.body_name(&lead),
        name_then,
        "called as it was when it led"
    );
}

fn place(id: &str, name: &str, level: Level, parent: Option<&str>) -> Jurisdiction {
    Jurisdiction {
        id: id.into(),
        name: name.into(),
        level,
        parent: parent.map(Into::into),
    }
}

fn body(id: &str, name: &str, kind: BodyKind, jurisdiction: &str) -> Body {
    Body {
        id: id.into(),
        name: name.into(),
        kind,
        jurisdiction: jurisdiction.into(),
        parent: None,
        tags: BTreeSet::new(),
        staffing: Staffing::default(),
        budget_wan: 0,
        standing: None,
        supervisor: None,
    }
}

fn power(code: &str, name: &str) -> Power {
    Power {
        main_item: None,
        duties: String::new(),
        accountability: String::new(),
        code: code.into(),
        name: name.into(),
        kind: PowerKind::Inspection,
        field: "市容环卫".into(),
        basis: String::new(),
        matter: None,
    }
}

fn holding(power: &str, body: &str, role: Role, excludes: &[&str]) -> Holding {
    Holding {
        role,
        excludes: excludes.iter().map(|j| JurisdictionId::new(*j)).collect(),
        ..Holding::lead(power.into(), body.into())
    }
}

/// 本市 with 东区 (streets 东一街道, 东二街道) and 西区 (no streets); a city bureau, each
/// district's bureau, a 东区 institution, a street team of 东一街道; holdings as given.
fn small_plan(holdings: Vec<Holding>) -> Plan {
    let records = StateRecords {
        jurisdictions: vec![
            place("city", "本市", Level::City, None),
            place("east", "东区", Level::District, Some("city")),
            place("east-1", "东一街道", Level::Street, Some("east")),
            place("east-2", "东二街道", Level::Street, Some("east")),
            place("west", "西区", Level::District, Some("city")),
        ],
        bodies: vec![
            body("city-b", "市执法局", BodyKind::Admin, "city"),
            body("east-b", "东区执法局", BodyKind::Admin, "east"),
            body("east-i", "东区服务中心", BodyKind::Institution, "east"),
            body("west-b", "西区执法局", BodyKind::Admin, "west"),
            body("east-1-t", "东一街道执法队", BodyKind::Admin, "east-1"),
        ],
        powers: vec![
            power("P1", "事项甲"),
            power("P2", "事项乙"),
            power("P3", "事项丙"),
            power("P4", "事项丁"),
        ],
        holdings,
        ..StateRecords::default()
    };
    let mut plan = Plan::new("小方案");
    plan.baseline = State::from_records(records).expect("a valid state");
    plan
}

#[test]
fn only_assisting_or_entrusted_holders_and_leads_that_leave_the_place_out_are_named() {
    let doc = Document::new(small_plan(vec![
        // P1: the city leads but for 西区, where the district's bureau only assists.
        holding("P1", "city-b", Role::Lead, &["west"]),
        holding("P1", "west-b", Role::Assist, &[]),
        // P2: 西区's bureau leads; in 东区 only an institution acts for it (entrusted).
        holding("P2", "west-b", Role::Lead, &[]),
        holding(
            "P2",
            "east-i",
            Role::Entrusted {
                by: "west-b".into(),
            },
            &[],
        ),
        holding("P2", "east-b", Role::Lead, &["east-1"]),
        // P3: nobody holds it.
    ]));
    let west = finding(&doc, FindingKind::Gap, "P1", "west").expect("a gap in 西区");
    let e = explain(&doc, &west);
    assert_eq!(e.since, Since::Start);
    assert_eq!(e.excluded, vec![BodyId::new("city-b")]);
    assert_eq!(e.assisting, vec![BodyId::new("west-b")]);
    let zh = lines(&doc, &e, Lang::Zh);
    assert_eq!(zh[0], "现状即无主办单位");
    assert!(
        zh.contains(&"市执法局 主办此事项，但办理范围不含此地".to_owned()),
        "{zh:?}"
    );
    // 东区's street 东二 has the district bureau; 东一 was left out of its holding (a grant
    // would do that) and has only the institution, entrusted by 西区's bureau.
    assert!(finding(&doc, FindingKind::Gap, "P2", "east-2").is_none());
    let east1 = finding(&doc, FindingKind::Gap, "P2", "east-1").expect("a gap in 东一街道");
    let e = explain(&doc, &east1);
    assert_eq!(e.excluded, vec![BodyId::new("east-b")]);
    assert_eq!(
        e.entrusted,
        vec![(BodyId::new("east-i"), BodyId::new("west-b"))]
    );
    let zh = lines(&doc, &e, Lang::Zh);
    assert!(
        zh.iter()
            .any(|l| l.starts_with("受委托单位：东区服务中心（受 西区执法局 委托）")),
        "{zh:?}"
    );
    let en = lines(&doc, &e, Lang::En);
    assert!(
        en.iter()
            .any(|l| l.contains("东区服务中心 (acting for 西区执法局)")),
        "{en:?}"
    );
    let nobody = finding(&doc, FindingKind::Gap, "P3", "west").expect("nobody holds P3");
    let zh = lines(&doc, &explain(&doc, &nobody), Lang::Zh);
    assert_eq!(
        zh.last().map(String::as_str),
        Some("没有任何单位承担此事项")
    );
}

#[test]
fn only_an_entrusted_body_says_it_acts_for_another() {
    let doc = Document::new(small_plan(vec![
        holding("P1", "east-b", Role::Lead, &[]),
        holding(
            "P1",
            "west-b",
            Role::Entrusted {
                by: "east-b".into(),
            },
            &[],
        ),
    ]));
    let gap = finding(&doc, FindingKind::Gap, "P1", "west").expect("a gap in 西区");
    let e = explain(&doc, &gap);
    let zh = lines(&doc, &e, Lang::Zh);
    assert!(
        zh.iter()
            .any(|l| l.starts_with("仅有受委托单位：西区执法局（受 东区执法局 委托）")),
        "{zh:?}"
    );
}

#[test]
fn a_missing_tier_of_a_level_split_is_named() {
    let doc = Document::new(small_plan(vec![Holding {
        cases: Some(Cases::Major),
        ..holding("P1", "city-b", Role::Lead, &[])
    }]));
    let gap = finding(&doc, FindingKind::Gap, "P1", "west").expect("a tier gap");
    let e = explain(&doc, &gap);
    assert_eq!(e.missing, Some(Cases::Ordinary));
    let zh = lines(&doc, &e, Lang::Zh);
    assert_eq!(zh[0], "现状即一般案件无主办单位");
    assert!(
        zh.contains(&"市执法局 只办理重大、跨区域案件".to_owned()),
        "{zh:?}"
    );
}

#[test]
fn an_overlap_names_its_bodies_and_the_step_from_which_they_all_lead() {
    let mut doc = Document::new(small_plan(vec![
        holding("P1", "city-b", Role::Lead, &[]),
        holding("P1", "west-b", Role::Lead, &[]),
        holding("P2", "west-b", Role::Lead, &[]),
        holding("P2", "city-b", Role::Lead, &["west"]),
    ]));
    let baseline = finding(&doc, FindingKind::Overlap, "P1", "west").expect("an overlap");
    let zh = lines(&doc, &explain(&doc, &baseline), Lang::Zh);
    assert_eq!(zh[0], "现状即由 市执法局 与 西区执法局 同为主办");
    doc.new_scenario(ScenarioId::new("s"), "方案".into())
        .expect("a scenario");
    doc.apply(Operation::EditBody {
        body: "east-b".into(),
        edit: BodyEdit::Name("东区综合执法局".into()),
    })
    .expect("a rename");
    // Step 2: the city takes 西区 back without the district letting go.
    doc.apply(Operation::SetHolding {
        holding: holding("P2", "city-b", Role::Lead, &[]),
    })
    .expect("the city leads everywhere");
    let overlap = finding(&doc, FindingKind::Overlap, "P2", "west").expect("a new overlap");
    let e = explain(&doc, &overlap);
    assert_eq!(e.since, Since::Step(1));
    let zh = lines(&doc, &e, Lang::Zh);
    assert!(
        zh[0].starts_with("第 2 步（") && zh[0].ends_with("）起 市执法局 与 西区执法局 同为主办"),
        "{zh:?}"
    );
    assert!(zh[0].contains("（市执法局 在西区主办 事项乙"), "{zh:?}");
    let en = lines(&doc, &e, Lang::En);
    assert!(
        en[0].starts_with("Since step 2 (")
            && en[0].ends_with("): 市执法局 and 西区执法局 all lead it"),
        "{en:?}"
    );
    // A third lead joining later is named with its own step.
    doc.apply(Operation::SetHolding {
        holding: holding("P2", "east-1-t", Role::Lead, &[]),
    })
    .expect("a street team leads in its street");
    doc.apply(Operation::SetHolding {
        holding: holding("P2", "east-b", Role::Lead, &[]),
    })
    .expect("the east bureau leads in its district");
    let street = finding(&doc, FindingKind::Overlap, "P2", "east-1").expect("three leads");
    let e = explain(&doc, &street);
    let zh = lines(&doc, &e, Lang::Zh);
    // The street team's step made the overlap with the city; the district bureau joined it.
    assert!(
        zh[0].starts_with("第 3 步（东一街道执法队 在东区东一街道主办 事项乙）起 市执法局 与 东一街道执法队 同为主办"),
        "{zh:?}"
    );
    assert!(
        zh.iter()
            .any(|l| l.starts_with("东区综合执法局 自第 4 步（")),
        "{zh:?}"
    );
    assert!(
        zh.iter().all(|l| !l.contains("east-") && !l.contains("P2")),
        "named, never by id: {zh:?}"
    );
}

#[test]
fn ten_thousand_unrelated_steps_cost_little() {
    let mut doc = Document::new(small_plan(vec![
        holding("P1", "west-b", Role::Lead, &[]),
        holding("P1", "city-b", Role::Lead, &["west"]),
    ]));
    doc.new_scenario(ScenarioId::new("long"), "长方案".into())
        .expect("a scenario");
    for i in 0..5_000 {
        doc.apply(Operation::EditBody {
            body: "east-b".into(),
            edit: BodyEdit::Name(format!("东区执法局{i}")),
        })
        .expect("a rename");
    }
    doc.apply(Operation::RemoveHolding {
        power: "P1".into(),
        body: "west-b".into(),
    })
    .expect("西区 lets go");
    for i in 0..5_000 {
        doc.apply(Operation::EditBody {
            body: "east-i".into(),
            edit: BodyEdit::BudgetWan(i),
        })
        .expect("a budget");
    }
    let gap = finding(&doc, FindingKind::Gap, "P1", "west").expect("a gap");
    let started = std::time::Instant::now();
    let e = explain(&doc, &gap);
    let took = started.elapsed();
    assert_eq!(e.since, Since::Step(5_000));
    assert_eq!(e.leads_before, vec![BodyId::new("west-b")]);
    assert!(
        took < std::time::Duration::from_secs(2),
        "one explanation of a 10,001-step history took {took:?}"
    );
}

/// Fixes of the first findings that have any, with their finding.
fn some_fixes(doc: &Document, limit: usize) -> Vec<fixes::Fix> {
    let mut found = Vec::new();
    for f in doc.analysis().findings() {
        if !fixes::may_fix(f) {
            continue;
        }
        found.extend(fixes::suggest(f, doc.state(), &doc.analysis().coverage));
        if found.len() >= limit {
            break;
        }
    }
    found
}

#[test]
fn a_previews_counts_are_the_counts_after_applying_the_fix() {
    let mut doc = seed_doc();
    let scenario = doc.plan_unsynced().scenarios[0].id.clone();
    for view in [View::Baseline, View::Scenario(scenario)] {
        doc.switch_to(view.clone()).expect("the view opens");
        let fixes = some_fixes(&doc, 12);
        assert!(fixes.len() >= 5, "the seed offers fixes in {view:?}");
        let previews = fix_preview::preview_all(
            &fixes,
            doc.state(),
            doc.analysis(),
            fix_preview::Setting::of(&doc),
        );
        for (fix, preview) in fixes.iter().zip(&previews) {
            assert_eq!(preview.before, doc.analysis().counts());
            let mut applied = doc.clone();
            match applied.apply_all(fix.operations.clone()) {
                Ok(()) => {
                    assert!(preview.refused.is_none(), "{}", fix.zh);
                    assert_eq!(preview.after, applied.analysis().counts(), "{}", fix.zh);
                    let fresh = Analysis::full_against(
                        applied.state(),
                        applied.baseline(),
                        &applied.plan_unsynced().rules,
                    );
                    assert_eq!(preview.after, fresh.counts(), "{}", fix.zh);
                    assert!(!preview.holdings.is_empty(), "{} changes holdings", fix.zh);
                }
                Err(_) => assert!(preview.refused.is_some(), "{}", fix.zh),
            }
        }
    }
}

#[test]
fn a_preview_leaves_the_state_and_the_analysis_as_they_were() {
    let doc = seed_doc();
    let fixes = some_fixes(&doc, 6);
    let mut state = doc.state().clone();
    let mut analysis = doc.analysis().clone();
    let mut accepted = Vec::new();
    for fix in &fixes {
        let preview = fix_preview::preview(
            &fix.operations,
            &mut state,
            &mut analysis,
            fix_preview::Setting::of(&doc),
        );
        assert!(&state == doc.state(), "the state is restored");
        assert!(analysis == *doc.analysis(), "the analysis is restored");
        if preview.refused.is_none() {
            accepted.push(preview);
        }
    }
    assert!(
        !accepted.is_empty(),
        "some fix of the seed baseline applies"
    );
    // The holdings it lists are the fix's own changes, before → after.
    for preview in &accepted {
        assert!(!preview.holdings.is_empty());
        for change in &preview.holdings {
            assert_eq!(
                change.before.as_ref(),
                doc.state().holding(&change.power, &change.body)
            );
            assert_ne!(change.before, change.after);
        }
    }
}
