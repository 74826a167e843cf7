//! The legal layer (issue 13) through `shiquan check --json`, one small plan per rule in
//! `tests/data/legal/`: each has a scenario `breach` that the rule must flag (citing the article
//! it rests on) and a scenario `lawful`, the same reform done by the book, that it must not.

use shiquan::text::FindingText;
use std::path::PathBuf;

use serde_json::Value;

use crate::common::cli::shiquan;

fn plan(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/legal")
        .join(format!("{name}.ron"))
        .display()
        .to_string()
}

/// The findings of one scenario of one plan, and `check`'s exit status.
fn check(name: &str, scenario: &str) -> (i32, Vec<Value>, Value) {
    let (code, stdout, stderr) = shiquan(&["check", &plan(name), "--scenario", scenario, "--json"]);
    assert!(
        code == 0 || code == 1,
        "{name} {scenario}: exit {code}: {stderr}"
    );
    let report: Value = serde_json::from_str(&stdout).expect("check --json prints JSON");
    let findings = report["findings"].as_array().expect("findings").clone();
    (code, findings, report)
}

/// The messages of the findings of one rule.
fn of_rule<'f>(findings: &'f [Value], rule: &str) -> Vec<&'f Value> {
    findings
        .iter()
        .filter(|f| f["kind"] == "rule" && f["rule"] == rule)
        .collect()
}

fn messages(findings: &[&Value]) -> String {
    findings
        .iter()
        .map(|f| f["message"].as_str().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The rule flags the breach, every finding cites `article`, and the lawful reform is clean.
fn flags_breach_not_lawful(name: &str, rule: &str, article: &str) -> Vec<Value> {
    let (code, findings, _) = check(name, "breach");
    let flagged = of_rule(&findings, rule);
    assert!(
        !flagged.is_empty(),
        "{name}: {rule} is silent on the breach"
    );
    for f in &flagged {
        let message = f["message"].as_str().unwrap_or_default();
        assert!(
            message.contains(article),
            "{name}: {message} cites no {article}"
        );
    }
    if flagged.iter().any(|f| f["severity"] == "error") {
        assert_eq!(code, 1, "{name}: an error makes check exit 1");
    }
    let (_, lawful, _) = check(name, "lawful");
    let still = of_rule(&lawful, rule);
    assert!(
        still.is_empty(),
        "{name}: {rule} flags the lawful reform:\n{}",
        messages(&still)
    );
    flagged.into_iter().cloned().collect()
}

#[test]
fn entrustment_to_a_company_of_a_coercive_measure_or_a_penalty_and_entrusting_further() {
    let flagged = flags_breach_not_lawful("entrust-limits", "entrust-limits", "法》第");
    let all = messages(&flagged.iter().collect::<Vec<_>>());
    assert!(
        all.contains("行政强制措施权不得委托（《行政强制法》第十七条）"),
        "{all}"
    );
    assert!(all.contains("委托给企业 某保洁公司"), "{all}");
    assert!(all.contains("《行政处罚法》第二十条、第二十一条"), "{all}");
    assert!(all.contains("不得再委托"), "{all}");
    assert!(flagged.iter().all(|f| f["severity"] == "error"));
}

#[test]
fn an_institution_leading_a_penalty_in_its_own_name() {
    let flagged = flags_breach_not_lawful(
        "lead-standing",
        "lead-standing",
        "《行政处罚法》第十七条、第十九条",
    );
    assert_eq!(flagged.len(), 1);
    assert_eq!(flagged[0]["severity"], "error");
    let message = flagged[0]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("市环境卫生管理处（事业单位）"),
        "{message}"
    );
    // The fix it suggests names the supervising organ.
    assert!(message.contains("市城市管理局"), "{message}");
}

#[test]
fn a_concentration_into_a_non_organ_without_a_recorded_decision() {
    let flagged = flags_breach_not_lawful(
        "concentration-receiver",
        "concentration-receiver",
        "第十八条第二款",
    );
    let errors: Vec<&Value> = flagged
        .iter()
        .filter(|f| f["severity"] == "error")
        .collect();
    assert_eq!(
        errors.len(),
        1,
        "one finding for the bureau, not one per item"
    );
    assert!(
        messages(&errors).contains("2 项行政处罚权"),
        "{}",
        messages(&errors)
    );
    let warnings: Vec<&Value> = flagged
        .iter()
        .filter(|f| f["severity"] == "warning")
        .collect();
    assert!(
        messages(&warnings).contains("未记录批准决定"),
        "{}",
        messages(&warnings)
    );
}

#[test]
fn a_source_that_leads_again_after_a_concentration_citywide_and_in_one_district() {
    let flagged = flags_breach_not_lawful(
        "concentration-relapse",
        "concentration-relapse",
        "第三十八条",
    );
    let places = |power: &str| -> Vec<&str> {
        flagged
            .iter()
            .filter(|f| f["power"] == power)
            .filter_map(|f| f["jurisdiction"].as_str())
            .collect()
    };
    // Concentrated away citywide: a relapse in every district; into 甲区's bureau: in 甲区 only.
    assert_eq!(places("CF-1"), ["d1", "d2"]);
    assert_eq!(places("CF-2"), ["d1"]);
    assert!(flagged.iter().all(|f| f["severity"] == "error"));
}

#[test]
fn slots_that_move_without_their_people() {
    let flagged = flags_breach_not_lawful("people-follow-slots", "people-follow-slots", "人");
    let all = messages(&flagged.iter().collect::<Vec<_>>());
    assert!(
        all.contains("市城管执法支队 超编 101 人：实有 131 人，编制 30 名"),
        "{all}"
    );
    assert!(
        all.contains("市综合行政执法局 有编制 95 名而实有人数为 0"),
        "{all}"
    );
}

#[test]
fn a_city_body_that_hands_a_district_over_and_keeps_its_slots() {
    let flagged = flags_breach_not_lawful("workload", "staffing-follows-duties", "工作量");
    let all = messages(&flagged.iter().collect::<Vec<_>>());
    assert!(
        all.contains("市住房和城乡建设局 主办事项的工作量由 3.0 降至 1.5"),
        "{all}"
    );
    // The city department lost 甲区 for three items: it is a source body of the scenario.
    let (_, _, report) = check("workload", "breach");
    assert_eq!(report["changes"]["source_bodies"], 1);
}

#[test]
fn a_planning_confirmation_moved_to_a_district() {
    let flagged =
        flags_breach_not_lawful("planning-confirmation", "planning-central", "应由市级主办");
    assert_eq!(flagged.len(), 1);
    assert_eq!(flagged[0]["power"], "QR-GH-1");
}

#[test]
fn a_level_split_is_covered_and_its_holes_are_gaps() {
    let (_, lawful, _) = check("level-split", "lawful");
    assert!(
        lawful
            .iter()
            .all(|f| f["kind"] != "overlap" && f["kind"] != "gap"),
        "市级管重大、区级管一般 is neither an overlap nor a gap: {lawful:?}"
    );
    let (_, breach, _) = check("level-split", "breach");
    let gaps: Vec<&Value> = breach.iter().filter(|f| f["kind"] == "gap").collect();
    assert_eq!(gaps.len(), 1, "{gaps:?}");
    assert_eq!(gaps[0]["jurisdiction"], "d2");
    assert!(
        messages(&gaps).contains("一般案件无主办单位"),
        "{}",
        messages(&gaps)
    );
    let overlaps: Vec<&Value> = breach.iter().filter(|f| f["kind"] == "overlap").collect();
    assert_eq!(
        overlaps.len(),
        1,
        "an undeclared second lead overlaps: {overlaps:?}"
    );
    assert_eq!(overlaps[0]["jurisdiction"], "d1");
}

#[test]
fn a_plan_without_districts_is_checked_on_the_city() {
    let (_, breach, _) = check("no-districts", "breach");
    let overlaps: Vec<&Value> = breach.iter().filter(|f| f["kind"] == "overlap").collect();
    assert_eq!(overlaps.len(), 1, "{breach:?}");
    assert_eq!(overlaps[0]["jurisdiction"], "city");
    let (_, lawful, _) = check("no-districts", "lawful");
    assert!(
        lawful
            .iter()
            .all(|f| f["kind"] != "overlap" && f["kind"] != "gap")
    );
}

#[test]
fn the_seed_baseline_breaches_standing_only_where_its_description_says() {
    let (_, stdout, _) = shiquan(&["check", "--json"]);
    let report: Value = serde_json::from_str(&stdout).expect("json");
    let findings = report["findings"].as_array().expect("findings");
    let standing: Vec<&Value> = of_rule(findings, "lead-standing")
        .into_iter()
        .filter(|f| f["severity"] == "error")
        .collect();
    assert_eq!(standing.len(), 1, "{}", messages(&standing));
    let bodies = standing[0]["bodies"].as_array().expect("bodies");
    assert!(bodies.iter().any(|b| b == "city-cgzfzd"), "{bodies:?}");
    let plan = shiquan::io::seed::seed_plan().expect("seed");
    assert!(
        plan.description
            .contains("市城市管理行政执法支队（事业单位）")
    );
    for scenario in ["city-district-split", "comprehensive-enforcement"] {
        let (_, stdout, _) = shiquan(&["check", "--json", "--scenario", scenario]);
        let report: Value = serde_json::from_str(&stdout).expect("json");
        let findings = report["findings"].as_array().expect("findings");
        for rule in [
            "lead-standing",
            "entrust-limits",
            "concentration-receiver",
            "concentration-relapse",
        ] {
            let errors: Vec<&Value> = of_rule(findings, rule)
                .into_iter()
                .filter(|f| f["severity"] == "error")
                .collect();
            assert!(
                errors.is_empty(),
                "{scenario}: {rule}:\n{}",
                messages(&errors)
            );
        }
    }
}

#[test]
fn the_fix_of_the_seed_teams_standing_makes_the_organ_lead_and_the_team_act_for_it() {
    use shiquan::analysis::{FindingKind, Severity, fixes};
    use shiquan::session::Document;
    let mut plan = shiquan::io::seed::seed_plan().expect("seed");
    // The baseline alone: the scenarios build on the team's holdings.
    plan.scenarios.clear();
    let mut doc = Document::new(plan);
    let before = doc.state().clone();
    let count = |doc: &Document, kind: FindingKind| {
        doc.analysis().findings().filter(|f| f.kind == kind).count()
    };
    let (overlaps, gaps) = (
        count(&doc, FindingKind::Overlap),
        count(&doc, FindingKind::Gap),
    );
    let finding = doc
        .analysis()
        .findings()
        .find(|f| f.rule.as_deref() == Some("lead-standing") && f.severity == Severity::Error)
        .expect("the team's finding")
        .clone();
    assert!(fixes::may_fix(&finding));
    let offered = fixes::suggest(&finding, doc.state(), &doc.analysis().coverage);
    let fix = offered.first().expect("a fix");
    assert!(fix.zh.contains("市城市管理局"), "{}", fix.zh);
    doc.apply_all(fix.operations.clone())
        .unwrap_or_else(|(i, e)| panic!("step {i}: {e}"));
    let legal_errors: Vec<String> = doc
        .analysis()
        .findings()
        .filter(|f| f.severity == Severity::Error)
        .filter(|f| matches!(f.rule.as_deref(), Some("lead-standing" | "entrust-limits")))
        .map(|f| f.message(doc.state(), shiquan::text::Lang::Zh))
        .collect();
    assert!(legal_errors.is_empty(), "{legal_errors:?}");
    assert!(count(&doc, FindingKind::Overlap) <= overlaps);
    assert_eq!(count(&doc, FindingKind::Gap), gaps, "no gap opens");
    assert!(doc.undo());
    assert_eq!(doc.state(), &before);
}
