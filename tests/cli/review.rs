//! `shiquan review` (issue 19): the review opinions with their status, for a human and as JSON,
//! filtered by `--status` (its id or its Chinese name), in either language; the seed plan when
//! no plan is named. Exit 0; a plan that does not load, or an unknown status, exit 2 with the
//! reason.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

use crate::common::cli::shiquan;
use shiquan::model::ScenarioId;
use shiquan::plan::{Answer, Opinion, OpinionId, OpinionStatus, Plan, PlanDate, Target};

/// The seed plan with two opinions of its own: one open on a body, one adopted and answered on
/// a body a scenario abolished (so gone there).
fn plan() -> Plan {
    let mut plan = shiquan::io::seed::seed_plan().unwrap();
    let body = plan.baseline.bodies().keys().next().unwrap().clone();
    let date = |t: &str| PlanDate::parse(t).unwrap();
    plan.review.opinions = vec![
        Opinion {
            id: OpinionId("yj-0001".into()),
            scenario: None,
            target: Target::Body(body.clone()),
            office: "法制办".into(),
            text: "此项委托不合法，建议改为相对集中".into(),
            status: OpinionStatus::Pending,
            date: date("2026-03-02"),
            answer: None,
        },
        Opinion {
            id: OpinionId("yj-0002".into()),
            scenario: Some(ScenarioId::new("no-such-scenario")),
            target: Target::Body(body),
            office: "财政局".into(),
            text: "经费随事权划转".into(),
            status: OpinionStatus::Adopted,
            date: date("2026-03-03"),
            answer: Some(Answer {
                text: "已在方案中列明".into(),
                by: "编办".into(),
                date: date("2026-03-04"),
            }),
        },
    ];
    plan
}

fn written(dir: &tempfile::TempDir) -> String {
    let path = dir.path().join("review.ron");
    shiquan::io::save_path(&plan(), &path).unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn review_lists_each_opinion_with_its_status_object_and_answer() {
    let dir = tempfile::tempdir().unwrap();
    let path = written(&dir);
    let (code, out, err) = shiquan(&["review", &path]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("本市城市建设管理体制改革（示例）：审核意见 2 条，待处理 1 条\n"),
        "{out}"
    );
    assert!(
        out.contains("yj-0001  [待处理]  2026-03-02  法制办  (现状)"),
        "{out}"
    );
    assert!(
        out.contains("  意见：此项委托不合法，建议改为相对集中"),
        "{out}"
    );
    assert!(out.contains("  对象：机构："), "{out}");
    assert!(out.contains("yj-0002  [已采纳]"), "{out}");
    assert!(
        out.contains("（对象已不存在）"),
        "the scenario is gone: {out}"
    );
    assert!(
        out.contains("  答复：编办（2026-03-04）：已在方案中列明"),
        "{out}"
    );
}

#[test]
fn review_filters_by_status_in_either_spelling_and_speaks_english() {
    let dir = tempfile::tempdir().unwrap();
    let path = written(&dir);
    for status in ["已采纳", "adopted", " Adopted "] {
        let (code, out, err) = shiquan(&["review", &path, "--status", status]);
        assert_eq!(code, 0, "{err}");
        assert!(out.contains("状态为「已采纳」的 1 条"), "{out}");
        assert!(out.contains("yj-0002") && !out.contains("yj-0001"), "{out}");
    }
    let (code, out, _) = shiquan(&["review", &path, "--status", "pending", "--lang", "en"]);
    assert_eq!(code, 0);
    assert!(out.contains(": 2 review opinions, 1 pending"), "{out}");
    assert!(out.contains("yj-0001  [pending]"), "{out}");
    assert!(out.contains("  Opinion: "), "{out}");
    assert!(!out.contains("yj-0002"), "{out}");
}

#[test]
fn review_json_carries_every_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = written(&dir);
    let (code, out, err) = shiquan(&["review", &path, "--json"]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["total"], 2);
    assert_eq!(json["open"], 1);
    assert_eq!(json["status"], serde_json::Value::Null);
    let first = &json["opinions"][0];
    assert_eq!(first["id"], "yj-0001");
    assert_eq!(first["office"], "法制办");
    assert_eq!(first["status"], "待处理");
    assert_eq!(first["status_id"], "pending");
    assert_eq!(first["date"], "2026-03-02");
    assert_eq!(first["target_kind"], "body");
    assert_eq!(first["target_exists"], true);
    assert_eq!(first["answer"], "");
    let second = &json["opinions"][1];
    assert_eq!(second["target_exists"], false);
    assert_eq!(second["answer"], "编办（2026-03-04）：已在方案中列明");
    let (_, filtered, _) = shiquan(&["review", &path, "--json", "--status", "不采纳"]);
    let json: serde_json::Value = serde_json::from_str(&filtered).unwrap();
    assert_eq!(json["status"], "rejected");
    assert_eq!(json["opinions"].as_array().map(Vec::len), Some(0));
}

#[test]
fn review_without_a_plan_lists_the_seed_plans_opinions() {
    let (code, out, err) = shiquan(&["review", "--json"]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let seed = shiquan::io::seed::seed_plan().unwrap();
    assert_eq!(json["total"], seed.review.opinions.len());
    assert!(
        json["total"].as_u64().unwrap() >= 2,
        "the seed shows the feature"
    );
}
