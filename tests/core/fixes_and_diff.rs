//! Suggested fixes remove their finding and open no new overlap; scenario comparison gives the
//! report's figures; `shiquan diff` prints them.

use std::collections::BTreeSet;
use std::process::Command;

use shiquan::analysis::diff::diff;
use shiquan::analysis::fixes::suggest;
use shiquan::analysis::{Analysis, Finding, FindingKind};
use shiquan::io::seed::seed_plan;
use shiquan::text::{DiffText, FindingText, Lang};

fn overlap_keys(analysis: &Analysis) -> BTreeSet<(String, String)> {
    analysis
        .coverage
        .findings()
        .filter(|f| f.kind == FindingKind::Overlap)
        .map(key)
        .collect()
}

fn key(f: &Finding) -> (String, String) {
    (
        f.power
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        f.jurisdiction
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
    )
}

#[test]
fn every_suggested_fix_removes_its_finding_and_opens_no_overlap() {
    let plan = seed_plan().expect("seed");
    for scenario in [None, Some("comprehensive-enforcement".into())] {
        let state = plan.state_of(scenario.as_ref()).expect("applies");
        let analysis = Analysis::full(&state, &plan.rules);
        let before_overlaps = overlap_keys(&analysis);
        let mut checked = 0;
        for finding in analysis.coverage.findings() {
            let fixes = suggest(finding, &state, &analysis.coverage);
            assert!(
                !fixes.is_empty(),
                "no fix for {}",
                finding.message(&state, Lang::Zh)
            );
            for fix in fixes {
                let mut fixed = state.clone();
                for op in &fix.operations {
                    op.apply(&mut fixed)
                        .unwrap_or_else(|e| panic!("{}: {e}", fix.zh));
                }
                let after = Analysis::full(&fixed, &plan.rules);
                let same: Vec<&Finding> = after
                    .coverage
                    .findings()
                    .filter(|f| key(f) == key(finding) && f.kind == finding.kind)
                    .collect();
                assert!(
                    same.is_empty(),
                    "「{}」 left {}",
                    fix.zh,
                    finding.message(&state, Lang::Zh)
                );
                let new: Vec<_> = overlap_keys(&after)
                    .difference(&before_overlaps)
                    .cloned()
                    .collect();
                assert!(new.is_empty(), "「{}」 opened overlaps {new:?}", fix.zh);
                checked += 1;
            }
        }
        if scenario.is_none() {
            assert!(checked >= 30, "only {checked} fixes checked");
        }
    }
}

#[test]
fn the_split_compared_with_the_baseline_gives_the_report_figures() {
    let plan = seed_plan().expect("seed");
    let id = "city-district-split".into();
    let split = plan.state_of(Some(&id)).expect("applies");
    let ops = &operations_of(&plan, &id);
    let d = diff(
        ("baseline", &plan.baseline, &[]),
        ("city-district-split", &split, ops),
        &plan.rules,
    );
    assert_eq!(d.bodies_moved.len(), 17);
    assert!(
        d.bodies_moved
            .iter()
            .all(|m| m.from.as_str() == "city" && m.to.as_str() == "district-a")
    );
    assert_eq!(d.staffing_moved, 20);
    let headline = d.headline(&plan.baseline, &split, Lang::Zh);
    assert!(headline.contains("17 个单位下划甲区"), "{headline}");
    assert!(headline.contains("调剂编制 20 名"), "{headline}");
    // 甲区 is compared street by street.
    let streets_of_a: Vec<_> = d
        .coverage
        .iter()
        .filter(|c| {
            c.in_district
                .as_ref()
                .is_some_and(|x| x.as_str() == "district-a")
        })
        .collect();
    assert_eq!(streets_of_a.len(), 3, "甲区's three streets");
    for street in streets_of_a {
        assert!(street.overlaps_after < street.overlaps_before, "{street:?}");
    }
}

/// Each territory's overlaps and gaps before and after, as the comparison gives them, are the
/// findings of each side's coverage in that territory, counted one by one.
#[test]
fn the_comparison_counts_each_territorys_overlaps_and_gaps_on_both_sides() {
    use shiquan::analysis::Coverage;

    let plan = seed_plan().expect("seed");
    let id = "street-grant".into();
    let granted = plan.state_of(Some(&id)).expect("applies");
    let ops = &operations_of(&plan, &id);
    let d = diff(
        ("baseline", &plan.baseline, &[]),
        ("street-grant", &granted, ops),
        &plan.rules,
    );
    let (before, after) = (Coverage::full(&plan.baseline), Coverage::full(&granted));
    let count = |coverage: &Coverage, kind: FindingKind, territory: &str| {
        coverage
            .findings()
            .filter(|f| {
                f.kind == kind
                    && f.jurisdiction
                        .as_ref()
                        .is_some_and(|j| j.as_str() == territory)
            })
            .count()
    };
    assert!(d.coverage.len() > 3, "the seed's territories");
    let mut counted = 0;
    for c in &d.coverage {
        let t = c.district.as_str();
        let expected = (
            count(&before, FindingKind::Overlap, t),
            count(&after, FindingKind::Overlap, t),
            count(&before, FindingKind::Gap, t),
            count(&after, FindingKind::Gap, t),
        );
        let got = (
            c.overlaps_before,
            c.overlaps_after,
            c.gaps_before,
            c.gaps_after,
        );
        assert_eq!(got, expected, "{t}");
        counted += got.0 + got.1 + got.2 + got.3;
    }
    assert!(counted > 0, "some territory has findings");
}

#[test]
fn scenario_against_scenario_and_the_headline_of_the_concentration() {
    let plan = seed_plan().expect("seed");
    let (a, b) = (
        "city-district-split".into(),
        "comprehensive-enforcement".into(),
    );
    let sa = plan.state_of(Some(&a)).expect("applies");
    let sb = plan.state_of(Some(&b)).expect("applies");
    let ops_a = &operations_of(&plan, &a);
    let ops_b = &operations_of(&plan, &b);
    let d = diff(
        ("baseline", &plan.baseline, &[]),
        ("comprehensive-enforcement", &sb, ops_b),
        &plan.rules,
    );
    assert!(
        d.headline(&plan.baseline, &sb, Lang::Zh)
            .contains("64 项处罚权集中")
    );
    let between = diff(
        ("city-district-split", &sa, ops_a),
        ("comprehensive-enforcement", &sb, ops_b),
        &plan.rules,
    );
    // The 17 units return to the city from the split's point of view.
    assert_eq!(between.bodies_moved.len(), 17);
    assert!(between.bodies_moved.iter().all(|m| m.to.as_str() == "city"));
}

#[test]
fn the_diff_command_prints_json_with_the_figures() {
    let out = Command::new(env!("CARGO_BIN_EXE_shiquan"))
        .args([
            "diff",
            "--from",
            "baseline",
            "--to",
            "city-district-split",
            "--json",
        ])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let moved = json["bodies_moved"].as_array().expect("list");
    assert_eq!(moved.len(), 17);
    assert!(
        moved
            .iter()
            .all(|m| m["from"] == "city" && m["to"] == "district-a" && m["body"].is_string())
    );
    assert_eq!(json["staffing_moved"], 20);
    assert!(
        json["powers_moved"]
            .as_array()
            .is_some_and(|p| !p.is_empty())
    );
    let text = Command::new(env!("CARGO_BIN_EXE_shiquan"))
        .args(["diff", "--from", "baseline", "--to", "city-district-split"])
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&text.stdout).contains("17 个单位下划甲区"));
    let bad = Command::new(env!("CARGO_BIN_EXE_shiquan"))
        .args(["diff", "--from", "baseline", "--to", "nope"])
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(2));
}

/// A scenario's operations, without their timing.
fn operations_of(
    plan: &shiquan::plan::Plan,
    id: &shiquan::model::ScenarioId,
) -> Vec<shiquan::plan::Operation> {
    plan.scenario(id)
        .expect("scenario")
        .operations
        .iter()
        .map(|s| s.operation.clone())
        .collect()
}
