//! `check --at` (issue 19, the timetable): a dated scenario as it stands on a day, its
//! transition findings (过渡期) in the full check, and a malformed or impossible date as a clear
//! error (exit 2; the bad-argument cases are in `tests/common/bad_corpus.rs`).

use serde_json::Value;

use crate::common::cli::shiquan;

fn fixture() -> String {
    format!("{}/tests/data/v3/timetable.ron", env!("CARGO_MANIFEST_DIR"))
}

fn check(at: Option<&str>) -> Value {
    let plan = fixture();
    let mut args = vec!["check", plan.as_str(), "--scenario", "staged", "--json"];
    if let Some(at) = at {
        args.extend(["--at", at]);
    }
    let (code, stdout, stderr) = shiquan(&args);
    assert!(code == 0 || code == 1, "exit {code}: {stderr}");
    serde_json::from_str(&stdout).expect("check --json prints JSON")
}

/// The (kind, rule, power, jurisdiction) of each finding about CF-1.
fn about_cf1(report: &Value) -> Vec<(String, String, String)> {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["power"] == "CF-1")
        .map(|f| {
            (
                f["kind"].as_str().unwrap_or_default().to_owned(),
                f["rule"].as_str().unwrap_or_default().to_owned(),
                f["jurisdiction"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

fn own(rows: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    rows.iter()
        .map(|(a, b, c)| ((*a).to_owned(), (*b).to_owned(), (*c).to_owned()))
        .collect()
}

#[test]
fn the_gap_shows_on_a_day_inside_the_interval_and_not_before_or_after() {
    let inside = check(Some("2025-03-15"));
    assert_eq!(inside["at"], "2025-03-15");
    assert_eq!(
        about_cf1(&inside),
        own(&[
            ("gap", "", "d1"),
            ("gap", "", "d2"),
            ("rule", "transition", "d1"),
            ("rule", "transition", "d2"),
        ])
    );
    assert!(about_cf1(&check(Some("2025-02-28"))).is_empty(), "before");
    assert!(about_cf1(&check(Some("2025-04-01"))).is_empty(), "after");
}

#[test]
fn the_full_check_reports_the_transition_findings_with_their_documents() {
    let report = check(None);
    assert!(report.get("at").is_none(), "no date: the field is left out");
    assert_eq!(
        about_cf1(&report),
        own(&[("rule", "transition", "d1"), ("rule", "transition", "d2")])
    );
    let messages: Vec<&str> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == "transition")
        .filter_map(|f| f["message"].as_str())
        .collect();
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert!(messages[0].contains("市编委〔2025〕3号") && messages[0].contains("管理盲区"));
    assert!(messages[2].contains("多头执法"), "{}", messages[2]);
}

#[test]
fn the_text_report_names_the_date() {
    let plan = fixture();
    let (code, stdout, stderr) = shiquan(&[
        "check",
        plan.as_str(),
        "--scenario",
        "staged",
        "--at",
        "2025-03-15",
    ]);
    assert!(code == 0 || code == 1, "exit {code}: {stderr}");
    assert!(stdout.contains("2025-03-15 时"), "{stdout}");
}
