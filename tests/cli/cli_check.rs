//! The `check` command as a process: the seed plan's figures, exit statuses, JSON shape.

use serde_json::Value;

use crate::common::cli::shiquan;

fn check_json(scenario: Option<&str>) -> Value {
    let mut args = vec!["check", "--json"];
    if let Some(s) = scenario {
        args.extend(["--scenario", s]);
    }
    let (code, stdout, stderr) = shiquan(&args);
    assert!(code == 0 || code == 1, "exit {code}: {stderr}");
    serde_json::from_str(&stdout).expect("check --json prints JSON")
}

#[test]
fn city_district_split_reproduces_the_report() {
    let report = check_json(Some("city-district-split"));
    assert_eq!(report["scenario"], "city-district-split");
    assert_eq!(report["changes"]["bodies_transferred"], 17, "下划单位17个");
    assert_eq!(
        report["counts"]["by_jurisdiction"]["district-a"]["tags"]["城建"], 25,
        "甲区城市建设管理机构25个"
    );
    assert_eq!(report["changes"]["staffing_moved"], 20, "调剂编制20名");
}

#[test]
fn comprehensive_enforcement_concentrates_64_items_from_15_departments() {
    let report = check_json(Some("comprehensive-enforcement"));
    assert_eq!(report["changes"]["source_bodies"], 15);
    // The powers whose lead changed: the 64 penalties, and the 支队's own coercive measures,
    // which go with it when it joins the bureau (局队合一).
    let plan = shiquan::io::seed::seed_plan().expect("seed loads");
    let (code, stdout, _) = shiquan(&[
        "diff",
        "--from",
        "baseline",
        "--to",
        "comprehensive-enforcement",
        "--json",
    ]);
    assert_eq!(code, 0);
    let diff: Value = serde_json::from_str(&stdout).expect("diff --json");
    let kinds: Vec<shiquan::model::PowerKind> = diff["powers_moved"]
        .as_array()
        .expect("powers_moved")
        .iter()
        .filter_map(|m| plan.baseline.power(&m["power"].as_str()?.into()))
        .map(|p| p.kind)
        .collect();
    let penalties = kinds
        .iter()
        .filter(|k| **k == shiquan::model::PowerKind::Penalty)
        .count();
    assert_eq!(penalties, 64, "64 penalty items moved");
    assert!(
        kinds.iter().all(|k| matches!(
            k,
            shiquan::model::PowerKind::Penalty | shiquan::model::PowerKind::Coercion
        )),
        "{kinds:?}"
    );
    assert_eq!(report["changes"]["powers_moved"], kinds.len());
    // The 64 are the penalty powers that moved; none of them may still be held twice.
    let baseline = check_json(None);
    let overlapped_before: std::collections::BTreeSet<String> = baseline["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["kind"] == "overlap")
        .filter_map(|f| f["power"].as_str().map(str::to_owned))
        .collect();
    assert!(!overlapped_before.is_empty());
    let moved: std::collections::BTreeSet<String> = plan
        .scenario(&"comprehensive-enforcement".into())
        .expect("scenario")
        .operations
        .iter()
        .map(|s| &s.operation)
        .filter_map(|op| match op {
            shiquan::plan::Operation::TransferPower { power, .. } => Some(power.to_string()),
            _ => None,
        })
        .collect();
    assert_eq!(moved.len(), 64);
    for f in report["findings"].as_array().expect("findings") {
        if f["kind"] == "overlap" {
            let power = f["power"].as_str().unwrap_or_default();
            assert!(
                !moved.contains(power),
                "overlap remains on {power}: {}",
                f["message"]
            );
        }
    }
}

#[test]
fn the_baseline_shows_overlaps_and_gaps_of_the_report() {
    let report = check_json(None);
    assert!(report["scenario"].is_null());
    assert_eq!(report["changes"]["bodies_transferred"], 0);
    let findings = report["findings"].as_array().expect("findings");
    let overlaps: Vec<&Value> = findings.iter().filter(|f| f["kind"] == "overlap").collect();
    let gaps: Vec<&Value> = findings.iter().filter(|f| f["kind"] == "gap").collect();
    assert!(!gaps.is_empty(), "the baseline has a 管理盲区");
    let names = |list: &[&Value]| -> String {
        list.iter()
            .map(|f| f["message"].as_str().unwrap_or_default())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let overlap_text = names(&overlaps);
    for topic in ["占道", "噪声", "规划许可证"] {
        assert!(
            overlap_text.contains(topic),
            "no 多头执法 on {topic}:\n{overlap_text}"
        );
    }
    for f in findings {
        for key in ["kind", "severity", "bodies", "message"] {
            assert!(!f[key].is_null(), "finding without {key}: {f}");
        }
        if f["power"].is_string() {
            assert!(f["jurisdiction_name"].is_string());
        }
    }
}

#[test]
fn exit_status_says_whether_errors_were_found() {
    // The baseline has gaps (errors): exit 1.
    let (code, stdout, _) = shiquan(&["check"]);
    assert_eq!(code, 1);
    assert!(stdout.contains("管理盲区"), "{stdout}");
    let (code, stdout, _) = shiquan(&["check", "--lang", "en"]);
    assert_eq!(code, 1);
    assert!(stdout.contains("gaps"), "{stdout}");
}

#[test]
fn unreadable_input_exits_2_and_says_where() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("broken.ron");
    std::fs::write(
        &path,
        "(version: 1, title: \"x\", baseline: (jurisdictions: [",
    )
    .expect("write");
    let (code, stdout, stderr) = shiquan(&["check", path.to_str().expect("utf-8 path")]);
    assert_eq!(code, 2, "{stdout}");
    assert!(stderr.contains("broken.ron:1:"), "{stderr}");
    let (code, _, stderr) = shiquan(&["check", "/no/such/plan.ron"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("/no/such/plan.ron"), "{stderr}");
    let (code, _, stderr) = shiquan(&["check", "--scenario", "nope"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("nope"), "{stderr}");
}

#[test]
fn a_scenario_is_named_by_its_id_or_its_name_and_an_unknown_one_lists_the_valid_ones() {
    // Issue 17: the window shows names, the CLI took only ids.
    let (by_id, out_id, _) = shiquan(&["check", "--json", "--scenario", "city-district-split"]);
    let (by_name, out_name, _) = shiquan(&["check", "--json", "--scenario", "市区两级事权划分"]);
    assert_eq!((by_id, &out_id), (by_name, &out_name), "the same scenario");
    let (code, _, stderr) = shiquan(&["check", "--scenario", "没有这个方案"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("没有这个方案")
            && stderr.contains("现状 (baseline)")
            && stderr.contains("市区两级事权划分 (city-district-split)"),
        "{stderr}"
    );
    let (code, text, stderr) = shiquan(&["diff", "--from", "现状", "--to", "市区两级事权划分"]);
    assert_eq!(code, 0, "{stderr}");
    let (_, by_id, _) = shiquan(&["diff", "--to", "city-district-split"]);
    let (after_arrow, by_id_after) = (
        text.split_once('\n').map(|(_, rest)| rest),
        by_id.split_once('\n').map(|(_, rest)| rest),
    );
    assert_eq!(after_arrow, by_id_after, "the same comparison: {text}");
}
