//! Review opinions (审核意见, issue 19): they round-trip through the plan file, a merge and the XLSX
//! export, plans of versions 1 and 2 load with none, a plan with none writes as version 2 did
//! but for its version number, adding and answering are undone and redone with the view's
//! edits in one order, and an opinion follows its finding, step, body or power — and is kept,
//! marked 「对象已不存在」, when that is gone.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use calamine::{Data, Reader};
use shiquan::io::export::{self, ExportFormat, ExportOptions};
use shiquan::io::{self, plan_file};
use shiquan::model::{BodyId, ScenarioId};
use shiquan::plan::{Answer, Operation, Opinion, OpinionId, OpinionStatus, Plan, PlanDate, Target};
use shiquan::session::review::{Whereabouts, whereabouts};
use shiquan::session::{Document, LaterSteps, View};
use shiquan::text::{Lang, opinion_rows};

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

fn seed() -> Plan {
    shiquan::io::seed::seed_plan().unwrap()
}

fn date(text: &str) -> PlanDate {
    PlanDate::parse(text).unwrap()
}

/// An open opinion by 法制办 on `target`, written on `scenario`.
fn opinion(id: &str, scenario: Option<&str>, target: Target, text: &str) -> Opinion {
    Opinion {
        id: OpinionId(id.to_owned()),
        scenario: scenario.map(ScenarioId::new),
        target,
        office: "法制办".into(),
        text: text.into(),
        status: OpinionStatus::Pending,
        date: date("2026-03-02"),
        answer: None,
    }
}

/// The seed plan without its own opinions, with one of each kind of target: a finding of the
/// baseline, a step of a scenario, a body and a power (answered), and one whose body a scenario
/// abolished.
fn plan_with_opinions() -> Plan {
    let mut plan = seed();
    plan.review.opinions.clear();
    let finding = shiquan::analysis::Analysis::full(&plan.baseline, &plan.rules)
        .findings()
        .next()
        .unwrap()
        .key();
    let split = ScenarioId::new("city-district-split");
    let step = plan.scenario(&split).unwrap().operations[2]
        .operation
        .clone();
    let body = plan.baseline.bodies().keys().next().unwrap().clone();
    let power = plan.baseline.powers().keys().next().unwrap().clone();
    let mut answered = opinion(
        "yj-0004",
        None,
        Target::Power(power),
        "依据应补充地方性法规",
    );
    answered.status = OpinionStatus::Adopted;
    answered.answer = Some(Answer {
        text: "已补充".into(),
        by: "编办".into(),
        date: date("2026-03-09"),
    });
    plan.review.opinions = vec![
        opinion(
            "yj-0001",
            None,
            Target::Finding(finding),
            "此处多头执法须在方案中解决",
        ),
        opinion(
            "yj-0002",
            Some("city-district-split"),
            Target::step(split, 3, &step),
            "此项下划须随带编制",
        ),
        opinion(
            "yj-0003",
            None,
            Target::Body(body),
            "该机构以自己名义执法，主体不适格",
        ),
        answered,
    ];
    plan
}

#[test]
fn opinions_round_trip_through_save_and_load() {
    let plan = plan_with_opinions();
    let text = io::to_text(&plan).unwrap();
    assert!(text.contains("    opinions: [\n"), "a list of its own");
    assert_eq!(
        text.lines().filter(|l| l.contains("(id: \"yj-")).count(),
        4,
        "one line per opinion"
    );
    let again = io::load_bytes(text.as_bytes(), "opinions.ron").unwrap();
    assert_eq!(again, plan);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    io::save_path(&plan, &path).unwrap();
    assert_eq!(io::load_path(&path).unwrap().review, plan.review);
}

#[test]
fn version_1_and_2_plans_load_with_no_opinions_and_the_default_offices() {
    for file in ["v1/hand-made.ron", "v1/seed-plan.ron", "v2/hand-made.ron"] {
        let plan = io::load_path(&data().join(file)).unwrap();
        assert!(plan.review.opinions.is_empty(), "{file}");
        assert_eq!(
            plan.review.offices,
            ["编办", "法制办", "财政局", "人社局"],
            "{file}"
        );
    }
}

#[test]
fn a_plan_with_no_opinions_writes_as_version_2_did_but_for_its_version() {
    let plan = io::load_path(&data().join("v2/hand-made.ron")).unwrap();
    let text = io::to_text(&plan).unwrap();
    assert!(
        !text.contains("opinions") && !text.contains("offices"),
        "{text}"
    );
    assert_eq!(plan_file::CURRENT_VERSION, 3);
    // The same text with the old number is a version-2 file of the same plan.
    let as_v2 = text.replacen("version: 3,", "version: 2,", 1);
    assert_eq!(io::load_bytes(as_v2.as_bytes(), "v2.ron").unwrap(), plan);
}

#[test]
fn a_duplicate_opinion_id_or_an_impossible_date_is_refused_by_name_and_place() {
    let text = io::to_text(&plan_with_opinions()).unwrap();
    let twice = text.replacen("yj-0002", "yj-0001", 1);
    let message = io::load_bytes(twice.as_bytes(), "twice.ron")
        .unwrap_err()
        .to_string();
    assert!(message.contains("twice.ron: opinions:"), "{message}");
    assert!(
        message.contains("`yj-0001`") && message.contains("重复"),
        "{message}"
    );
    let bad = text.replacen("\"2026-03-02\"", "\"2026-02-30\"", 3);
    let message = io::load_bytes(bad.as_bytes(), "date.ron")
        .unwrap_err()
        .to_string();
    assert!(message.contains("2026-02-30 不存在"), "{message}");
    assert!(message.starts_with("date.ron:"), "{message}");
}

/// The 审核意见 sheet of a workbook: its header row, then its rows.
fn opinion_sheet(bytes: &[u8]) -> Vec<Vec<String>> {
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range("审核意见").unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(Data::to_string).collect())
        .collect();
    assert!(
        rows[0][0].starts_with("审核意见"),
        "the title row {:?}",
        rows[0]
    );
    rows[1..].to_vec()
}

#[test]
fn opinions_come_back_from_the_xlsx_sheet_with_every_column() {
    let mut plan = plan_with_opinions();
    // One whose body the scenario exported abolishes.
    let abolished = plan
        .scenario(&ScenarioId::new("city-district-split"))
        .unwrap()
        .operations
        .iter()
        .find_map(|step| match &step.operation {
            Operation::AbolishBody { body } => Some(body.clone()),
            _ => None,
        });
    if let Some(body) = abolished.clone() {
        plan.review.opinions.push(opinion(
            "yj-0005",
            Some("city-district-split"),
            Target::Body(body),
            "撤销后职责由谁承接？",
        ));
    }
    let options = ExportOptions {
        scenario: Some(ScenarioId::new("city-district-split")),
        ..ExportOptions::default()
    };
    let bytes = export::export_bytes(&plan, ExportFormat::Xlsx, &options).unwrap();
    let rows = opinion_sheet(&bytes);
    assert_eq!(
        rows[0],
        [
            "编号",
            "提出单位",
            "方案",
            "对象",
            "意见",
            "状态",
            "日期",
            "答复"
        ]
    );
    let expected = opinion_rows(&plan, None, Lang::Zh);
    assert_eq!(rows.len() - 1, plan.review.opinions.len());
    for (row, want) in rows[1..].iter().zip(&expected) {
        let want = [
            &want.id,
            &want.office,
            &want.state,
            &want.target,
            &want.text,
            &want.status,
            &want.date,
            &want.answer,
        ];
        assert_eq!(row.iter().collect::<Vec<_>>(), want);
    }
    let answered = &rows[4];
    assert_eq!(answered[5], "已采纳");
    assert_eq!(answered[7], "编办（2026-03-09）：已补充");
    if abolished.is_some() {
        assert!(rows[5][3].ends_with("（对象已不存在）"), "{:?}", rows[5]);
    }
    // A plan with none has no such sheet: its workbook is as it was.
    let mut none = plan.clone();
    none.review.opinions.clear();
    let bytes = export::export_bytes(&none, ExportFormat::Xlsx, &options).unwrap();
    let book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(&bytes[..])).unwrap();
    assert!(!book.sheet_names().contains(&"审核意见".to_owned()));
}

#[test]
fn the_html_report_has_a_section_of_opinions() {
    let plan = plan_with_opinions();
    let bytes = export::export_bytes(&plan, ExportFormat::Html, &ExportOptions::default()).unwrap();
    let html = String::from_utf8(bytes).unwrap();
    assert!(
        html.contains("<h2>审核意见（4 条，待处理 3 条）</h2>"),
        "a heading"
    );
    for column in ["编号", "提出单位", "对象", "意见", "状态", "日期", "答复"] {
        assert!(html.contains(&format!("<th>{column}</th>")), "{column}");
    }
    assert!(html.contains("此项下划须随带编制"));
}

#[test]
fn adding_and_answering_are_undone_and_redone_in_one_order_with_the_views_edits() {
    let mut plan = seed();
    plan.review.opinions.clear();
    let mut doc = Document::new(plan);
    let body = doc.state().bodies().keys().next().unwrap().clone();
    doc.apply(Operation::EditBody {
        body: body.clone(),
        edit: shiquan::plan::BodyEdit::Name("改名后".into()),
    })
    .unwrap();
    let id = doc
        .add_opinion(opinion("", None, Target::Body(body.clone()), "名称不规范"))
        .unwrap();
    assert_eq!(id.as_str(), "yj-0001", "an id of its own");
    assert!(doc.is_dirty());
    doc.answer_opinion(
        &id,
        OpinionStatus::Revised,
        Some(Answer {
            text: "已按规范更名".into(),
            by: "编办".into(),
            date: date("2026-03-05"),
        }),
    )
    .unwrap();
    let status = |doc: &Document| doc.opinions().first().map(|o| o.status);
    assert_eq!(status(&doc), Some(OpinionStatus::Revised));
    // Undo: the answer, then the opinion, then the rename.
    assert!(doc.undo());
    assert_eq!(status(&doc), Some(OpinionStatus::Pending));
    assert!(doc.opinions()[0].answer.is_none());
    assert!(doc.undo());
    assert!(doc.opinions().is_empty());
    assert_eq!(doc.state().body(&body).unwrap().name, "改名后");
    assert!(doc.undo());
    assert_ne!(doc.state().body(&body).unwrap().name, "改名后");
    assert!(!doc.can_undo());
    // Redo in the same order.
    assert!(doc.redo());
    assert_eq!(doc.state().body(&body).unwrap().name, "改名后");
    assert!(doc.opinions().is_empty());
    assert!(doc.redo());
    assert_eq!(status(&doc), Some(OpinionStatus::Pending));
    assert!(doc.redo());
    assert_eq!(status(&doc), Some(OpinionStatus::Revised));
    assert!(!doc.can_redo());
    // An edit keeps the id; undo gives the old text back.
    let mut edited = doc.opinions()[0].clone();
    edited.text = "名称不规范，应称「局」".into();
    edited.id = OpinionId("yj-9999".into());
    doc.edit_opinion(&id, edited).unwrap();
    assert_eq!(doc.opinions()[0].id, id, "the id stays");
    assert_eq!(doc.opinions()[0].text, "名称不规范，应称「局」");
    assert!(doc.undo());
    assert_eq!(doc.opinions()[0].text, "名称不规范");
    assert!(doc.redo());
    // A deletion comes back in its place.
    doc.delete_opinion(&id).unwrap();
    assert!(doc.opinions().is_empty());
    assert!(doc.undo());
    assert_eq!(doc.opinions()[0].id, id);
    // What the plan saves is what the document shows.
    assert_eq!(doc.plan().review.opinions.len(), 1);
}

#[test]
fn an_opinion_needs_words_and_an_office_and_an_answer_needs_an_opinion() {
    let mut doc = Document::new(seed());
    let body = doc.state().bodies().keys().next().unwrap().clone();
    let before = doc.opinions().len();
    let mut empty = opinion("", None, Target::Body(body.clone()), "  ");
    assert!(doc.add_opinion(empty.clone()).is_err());
    empty.text = "有内容".into();
    empty.office = " ".into();
    assert!(doc.add_opinion(empty).is_err());
    assert!(
        doc.answer_opinion(&OpinionId("yj-9999".into()), OpinionStatus::Adopted, None)
            .is_err()
    );
    assert_eq!(doc.opinions().len(), before);
}

#[test]
fn a_step_opinion_follows_its_step_when_a_step_is_inserted_before_it() {
    let mut plan = plan_with_opinions();
    let split = ScenarioId::new("city-district-split");
    let mut doc = Document::new(plan.clone());
    doc.switch_to(View::Scenario(split.clone())).unwrap();
    // Insert a step before the others and replay them.
    doc.jump_to(0);
    let body = doc.state().bodies().keys().next().unwrap().clone();
    doc.apply_at_cursor(
        vec![Operation::EditBody {
            body,
            edit: shiquan::plan::BodyEdit::Name("先改名".into()),
        }],
        LaterSteps::Replay,
    )
    .unwrap();
    doc.jump_to_end();
    plan = doc.plan().clone();
    let found = whereabouts(&plan, None);
    assert_eq!(found[1], Whereabouts::Present { step: Some(4) }, "3 + 1");
    let rows = opinion_rows(&plan, None, Lang::Zh);
    assert!(rows[1].target.contains("第4步"), "{}", rows[1].target);
}

#[test]
fn an_opinion_whose_object_is_gone_is_kept_and_marked() {
    let mut plan = plan_with_opinions();
    // The baseline's body, abolished in a scenario of its own; the step edited away.
    let body: BodyId = match &plan.review.opinions[2].target {
        Target::Body(b) => b.clone(),
        _ => unreachable!(),
    };
    plan.scenarios.push(shiquan::plan::Scenario {
        id: ScenarioId::new("abolish"),
        name: "撤销".into(),
        description: String::new(),
        operations: vec![Operation::AbolishBody { body: body.clone() }.into()],
    });
    let mut on_abolished = plan.review.opinions[2].clone();
    on_abolished.id = OpinionId("yj-0010".into());
    on_abolished.scenario = Some(ScenarioId::new("abolish"));
    plan.review.opinions.push(on_abolished);
    if let Some(s) = plan
        .scenarios
        .iter_mut()
        .find(|s| s.id.as_str() == "city-district-split")
    {
        s.operations.remove(2);
    }
    let text = io::to_text(&plan);
    // Removing a step may break the scenario; then it is the plan's fault, not the opinion's.
    let plan = match text
        .ok()
        .and_then(|t| io::load_bytes(t.as_bytes(), "gone.ron").ok())
    {
        Some(loaded) => loaded,
        None => plan,
    };
    let found = whereabouts(&plan, None);
    assert_eq!(found[1], Whereabouts::Gone, "the step");
    assert!(found[2].is_present(), "the body in the baseline");
    assert_eq!(
        found[4],
        Whereabouts::Gone,
        "the body where it was abolished"
    );
    let rows = opinion_rows(&plan, None, Lang::Zh);
    assert!(
        rows[4].target.ends_with("（对象已不存在）"),
        "{}",
        rows[4].target
    );
    assert!(!rows[4].target_exists);
    let en = opinion_rows(&plan, None, Lang::En);
    assert!(
        en[4].target.ends_with("(no longer exists)"),
        "{}",
        en[4].target
    );
    assert_eq!(plan.review.opinions.len(), 5, "none is dropped");
}

#[test]
fn a_finding_keeps_its_key_through_an_unrelated_edit_and_loses_it_when_fixed() {
    let plan = seed();
    let mut doc = Document::new(plan);
    // In a scenario of its own, so that the edits break none of the seed's.
    doc.new_scenario(ScenarioId::new("t"), "试算".into())
        .unwrap();
    let overlap = doc
        .analysis()
        .findings()
        .find(|f| f.kind == shiquan::analysis::FindingKind::Overlap)
        .cloned()
        .unwrap();
    let key = overlap.key();
    // An edit elsewhere: a body far from it renamed.
    let other = doc
        .state()
        .bodies()
        .keys()
        .find(|b| !overlap.bodies.contains(b))
        .unwrap()
        .clone();
    doc.apply(Operation::EditBody {
        body: other,
        edit: shiquan::plan::BodyEdit::Name("别的机构".into()),
    })
    .unwrap();
    assert!(doc.analysis().findings().any(|f| f.key() == key));
    // Each lead but one gives it up: the overlap is gone.
    let power = overlap.power.clone().unwrap();
    for body in &overlap.bodies[1..] {
        doc.apply(Operation::RemoveHolding {
            power: power.clone(),
            body: body.clone(),
        })
        .unwrap();
    }
    assert!(!doc.analysis().findings().any(|f| f.key() == key));
}

/// Issue 19: opinions travel through a three-way merge, by id: an opinion added on each side is
/// kept, an answer given on one side is taken, and the same opinion answered differently on
/// both sides is a conflict at that opinion's field, holding ours.
#[test]
fn opinions_round_trip_through_a_merge() {
    use shiquan::merge;
    let base = plan_with_opinions();
    let first = base.review.opinions[0].id.clone();
    let answer = |plan: &mut Plan, status: OpinionStatus, text: &str| {
        let opinion = &mut plan.review.opinions[0];
        opinion.status = status;
        opinion.answer = Some(Answer {
            text: text.into(),
            by: "编办".into(),
            date: date("2026-03-05"),
        });
    };
    let mut ours = base.clone();
    ours.review.opinions.push(opinion(
        "yj-0100",
        None,
        Target::Body(BodyId::new("city-cgj")),
        "本方新提的意见",
    ));
    let mut theirs = base.clone();
    answer(&mut theirs, OpinionStatus::Adopted, "已按意见修改");
    theirs.review.opinions.push(opinion(
        "yj-0101",
        None,
        Target::Body(BodyId::new("city-cgj")),
        "对方新提的意见",
    ));
    let files = |p: &Plan| plan_file::PlanFile::of_plan(p);
    let merged = merge::merge(&files(&base), &files(&ours), &files(&theirs)).unwrap();
    assert!(merged.is_clean(), "{:?}", merged.conflicts);
    let ids: Vec<&str> = merged
        .plan
        .review
        .opinions
        .iter()
        .map(|o| o.id.0.as_str())
        .collect();
    assert!(
        ids.contains(&"yj-0100") && ids.contains(&"yj-0101"),
        "{ids:?}"
    );
    let answered = merged
        .plan
        .review
        .opinions
        .iter()
        .find(|o| o.id == first)
        .unwrap();
    assert_eq!(answered.status, OpinionStatus::Adopted);
    assert_eq!(answered.answer.as_ref().unwrap().text, "已按意见修改");
    // Saved and loaded again, the merged opinions are the same.
    let text = io::to_text(&merged.plan).unwrap();
    let again = io::load_bytes(text.as_bytes(), "merged.ron").unwrap();
    assert_eq!(again.review, merged.plan.review);
    // Both sides answer the same opinion differently: a conflict at its id, ours held.
    let mut ours = base.clone();
    answer(&mut ours, OpinionStatus::Rejected, "不采纳");
    let merged = merge::merge(&files(&base), &files(&ours), &files(&theirs)).unwrap();
    let places: Vec<String> = merged
        .conflicts
        .iter()
        .map(|c| c.place.to_string())
        .collect();
    assert!(
        !places.is_empty()
            && places
                .iter()
                .all(|p| p.starts_with(&format!("opinions[{}]", first.0))),
        "{places:?}"
    );
    let held = merged
        .plan
        .review
        .opinions
        .iter()
        .find(|o| o.id == first)
        .unwrap();
    assert_eq!(held.status, OpinionStatus::Rejected, "ours held");
}
