//! `shiquan import`, `shiquan export` and `shiquan check LIST` as processes: exit statuses,
//! files written, messages that name the line.

use crate::common::cli::shiquan;

const LIST: &str = "\u{feff}事项编码,事项名称,权力类型,实施主体,行使层级,辖区,主办/协办\n\
    A-1,甲事项,行政处罚,市城市管理局,市级,,主办\n\
    A-1,甲事项,行政处罚,甲区城市管理局,区级,甲区,主办\n\
    A-2,乙事项,行政许可,乙区住房和城乡建设局,区级,乙区,\n";

#[test]
fn import_check_and_export_a_list() {
    let dir = tempfile::tempdir().expect("temp dir");
    let list = dir.path().join("清单.csv");
    std::fs::write(&list, LIST).expect("write list");
    let list = list.to_str().expect("utf-8 path");
    let plan = dir.path().join("plan.ron");
    let plan = plan.to_str().expect("utf-8 path");

    let (code, stdout, stderr) = shiquan(&["import", list, "--out", plan]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("事项 2 项"), "{stdout}");

    // The list and the plan made from it check the same; A-1 is held twice in 甲区 and A-2 has
    // no lead in 甲区: errors, so exit 1.
    let (code_list, json_list, _) = shiquan(&["check", "--json", list]);
    let (code_plan, json_plan, _) = shiquan(&["check", "--json", plan]);
    assert_eq!((code_list, code_plan), (1, 1));
    let findings = |json: &str| {
        let v: serde_json::Value = serde_json::from_str(json).expect("JSON");
        v["findings"].clone()
    };
    assert_eq!(findings(&json_list), findings(&json_plan));
    let text = json_list.as_str();
    assert!(text.contains("\"kind\": \"overlap\"") && text.contains("\"kind\": \"gap\""));

    for ext in ["csv", "xlsx", "md", "html", "svg", "png", "dot"] {
        let out = dir.path().join(format!("out.{ext}"));
        let out = out.to_str().expect("utf-8 path");
        let (code, _, stderr) = shiquan(&["export", list, "--out", out]);
        assert_eq!(code, 0, "{ext}: {stderr}");
        assert!(
            std::fs::metadata(out).expect("written").len() > 100,
            "{ext}"
        );
    }
    let (code, _, stderr) = shiquan(&["export", "--out", "x.unknown"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--format"), "{stderr}");
}

#[test]
fn a_bad_list_exits_2_naming_the_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let list = dir.path().join("bad.csv");
    std::fs::write(&list, "事项编码,事项名称\nA-1,甲\nA-2,\n").expect("write list");
    let list = list.to_str().expect("utf-8 path");
    let (code, _, stderr) = shiquan(&["check", list]);
    assert_eq!(code, 2);
    assert!(stderr.contains("bad.csv:3:2"), "{stderr}");
    let out = dir.path().join("p.ron");
    let out = out.to_str().expect("utf-8 path");
    let (code, _, stderr) = shiquan(&["import", list, "--out", out, "--skip-bad-rows"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("bad.csv:3:2"),
        "skipped rows are reported: {stderr}"
    );
}

#[test]
fn a_folder_of_department_lists_imports_as_one_plan_with_its_report() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("清单");
    std::fs::create_dir(&folder).expect("folder");
    // Two departments' lists without a 实施主体 column: one names its department in a title row,
    // the other only in its file name. Both lead B-1: an overlap at the city.
    std::fs::write(
        folder.join("附件1：甲市城市管理局权责清单.csv"),
        "甲市城市管理局权责清单（2024年版）\n事项编码,事项名称,权力类型,行使层级\nB-1,丙事项,行政处罚,市级\nB-2,丁事项,行政检查,市级\n",
    )
    .expect("write");
    std::fs::write(
        folder.join("甲市住房和城乡建设局.csv"),
        "序号,事项编码,事项名称,权力类型\n1,B-1,丙事项,行政处罚\n2,B-3,戊事项,行政许可\n",
    )
    .expect("write");
    std::fs::write(folder.join("~$锁定文件.csv"), "not a list").expect("write");
    let folder = folder.to_str().expect("utf-8 path");
    let plan = dir.path().join("plan.ron");
    let plan = plan.to_str().expect("utf-8 path");

    let (code, stdout, stderr) = shiquan(&["import", folder, "--out", plan, "--json"]);
    assert_eq!(code, 0, "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("JSON report");
    let tables = report["tables"].as_array().expect("tables");
    assert_eq!(tables.len(), 2);
    let holders: Vec<(&str, &str)> = tables
        .iter()
        .map(|t| {
            (
                t["holder"].as_str().expect("holder"),
                t["holder_from"].as_str().expect("from"),
            )
        })
        .collect();
    // Files in the order of their names.
    assert_eq!(
        holders,
        [
            ("甲市住房和城乡建设局", "file-name"),
            ("甲市城市管理局", "title")
        ]
    );
    assert_eq!(report["items"], 3);
    let ignored = tables[0]["ignored"].as_array().expect("ignored");
    assert!(
        ignored
            .iter()
            .any(|c| c.as_str().is_some_and(|c| c.contains("序号")))
    );
    assert!(
        stderr.contains("实施主体取自标题行：甲市城市管理局"),
        "{stderr}"
    );

    let (code, json, _) = shiquan(&["check", "--json", folder]);
    assert_eq!(code, 0, "an overlap is a warning");
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let overlaps: Vec<&serde_json::Value> = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["kind"] == "overlap")
        .collect();
    assert_eq!(overlaps.len(), 1);
    assert_eq!(overlaps[0]["power"], "B-1");
    assert_eq!(overlaps[0]["jurisdiction"], "city");
}
