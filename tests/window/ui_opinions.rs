//! Review opinions in the real window (issue 19): a 法制办 reviewer right-clicks a finding, adds
//! an opinion through the dialog, and the finding's row shows its badge; the planner answers it
//! in place in the 审核意见 tab (status and reply), and the badge goes; 「只看有待处理意见的」
//! narrows the findings list and the 分配表 to what has open opinions; undo takes the answer
//! back. One image of the tab is approved.

#![cfg(feature = "gui")]

use crate::common::bad_corpus::bad_commands;
use crate::helpers::{click, harness, seed};
use egui_kittest::kittest::Queryable as _;
use shiquan::analysis::Finding;
use shiquan::plan::{OpinionStatus, Plan};
use shiquan::text::review::status_label;
use shiquan::text::{FindingText, Lang};
use shiquan::ui::ScriptedDialogs;
use shiquan::ui::command::{Action, Command};
use shiquan::ui::panels::Dialog;
use shiquan::ui::state::Tab;

/// The seed plan without its own opinions.
fn bare_seed() -> Plan {
    let mut plan = seed();
    plan.review.opinions.clear();
    plan
}

#[test]
fn a_reviewer_adds_an_opinion_to_a_finding_and_the_planner_answers_it_in_place() {
    let mut h = harness(bare_seed(), ScriptedDialogs::default());
    h.run();
    let (finding, message): (Finding, String) = {
        let app = h.state();
        let f = app.derived().findings.get(0).cloned().expect("findings");
        let message = f.message(app.document().state(), Lang::Zh);
        (f, message)
    };
    assert!(h.query_by_label("意见 1").is_none(), "no badge yet");
    // Right-click the finding, 添加审核意见….
    h.get_by_label(&message).click_secondary();
    h.run();
    click(&mut h, "添加审核意见…");
    assert!(matches!(h.state().dialog(), Some(Dialog::Opinion(_))));
    let text = "此项委托不合法，建议改为相对集中";
    if let Some(Dialog::Opinion(draft)) = h.state_mut().dialog_mut() {
        draft.text = text.to_owned();
    }
    h.run();
    click(&mut h, "添加");
    assert!(h.state().dialog().is_none(), "the dialog closes");
    let opinions = h.state().document().opinions().to_vec();
    assert_eq!(opinions.len(), 1);
    assert_eq!(opinions[0].office, "法制办", "the reviewer by default");
    assert_eq!(opinions[0].text, text);
    assert_eq!(
        opinions[0].target,
        shiquan::plan::Target::Finding(finding.key())
    );
    // The finding's row shows its badge.
    assert!(h.query_by_label("意见 1").is_some(), "the badge");
    // Answer in place: the 审核意见 tab, the status combo, then a reply.
    h.state_mut().push(Command::ShowTab(Tab::Opinions));
    h.run();
    assert!(h.query_by_label("审核意见 1 条，待处理 1 条").is_some());
    assert!(h.query_by_label(text).is_some());
    click(&mut h, "答复…");
    if let Some(draft) = h.state_mut().ui_state_mut().opinions.reply.as_mut() {
        draft.text = "已改为相对集中行政处罚权".to_owned();
    }
    h.run();
    click(&mut h, "保存答复");
    let answered = h.state().document().opinions()[0].clone();
    assert_eq!(answered.status, OpinionStatus::Adopted);
    assert_eq!(
        answered.answer.as_ref().map(|a| a.text.as_str()),
        Some("已改为相对集中行政处罚权")
    );
    assert!(h.query_by_label("审核意见 1 条，待处理 0 条").is_some());
    assert!(
        h.query_by_label("意见 1").is_none(),
        "no open opinion: no badge"
    );
    // Undo brings the open opinion and its badge back.
    h.state_mut().push(Command::Undo);
    h.run();
    assert_eq!(
        h.state().document().opinions()[0].status,
        OpinionStatus::Pending
    );
    assert!(h.query_by_label("意见 1").is_some());
    // The status combo answers too.
    h.get_by_value(status_label(OpinionStatus::Pending, Lang::Zh))
        .click();
    h.run();
    click(&mut h, status_label(OpinionStatus::Rejected, Lang::Zh));
    assert_eq!(
        h.state().document().opinions()[0].status,
        OpinionStatus::Rejected
    );
    // 编辑…: the text changes, the status and the answer stay.
    click(&mut h, "编辑…");
    if let Some(Dialog::Opinion(draft)) = h.state_mut().dialog_mut() {
        assert_eq!(draft.text, text, "the dialog starts from the opinion");
        draft.text = "此项委托不合法（补充：受托组织亦不具备条件）".to_owned();
    }
    h.run();
    click(&mut h, "保存");
    let edited = h.state().document().opinions()[0].clone();
    assert_eq!(edited.text, "此项委托不合法（补充：受托组织亦不具备条件）");
    assert_eq!(edited.status, OpinionStatus::Rejected);
    assert_eq!(edited.id, answered.id);
}

#[test]
fn only_open_opinions_narrows_the_findings_and_the_allocation_table() {
    let mut h = harness(bare_seed(), ScriptedDialogs::default());
    h.run();
    let (all_findings, messages) = {
        let app = h.state();
        let doc = app.document();
        let findings = &app.derived().findings;
        let messages: Vec<String> = (0..2)
            .filter_map(|i| findings.get(i))
            .map(|f| f.message(doc.state(), Lang::Zh))
            .collect();
        (findings.len(), messages)
    };
    assert!(all_findings > 2);
    // An opinion on the first finding.
    let first = h
        .state()
        .derived()
        .findings
        .get(0)
        .cloned()
        .expect("a finding");
    let opinion = shiquan::plan::Opinion {
        id: shiquan::plan::OpinionId(String::new()),
        scenario: None,
        target: shiquan::plan::Target::Finding(first.key()),
        office: "法制办".into(),
        text: "请说明".into(),
        status: OpinionStatus::Pending,
        date: shiquan::plan::PlanDate::parse("2026-03-02").expect("a date"),
        answer: None,
    };
    h.state_mut().push(Action::AddOpinion(Box::new(opinion)));
    h.run();
    h.state_mut().ui_state_mut().filters.only_open_opinions = true;
    h.run();
    assert_eq!(h.state().derived().shown_findings_len(), 1);
    assert!(h.query_by_label(&messages[0]).is_some());
    assert!(h.query_by_label(&messages[1]).is_none(), "filtered out");
    // The 分配表: only the rows of that power and place.
    h.state_mut().push(Command::ShowTab(Tab::Allocation));
    h.run();
    let power = first.power.clone().expect("a finding of a power");
    let rows = &h.state().caches().allocation.rows;
    assert!(!rows.is_empty(), "its row is shown");
    assert!(
        rows.iter().all(|r| r.power == &power),
        "only its power's rows"
    );
    assert!(
        rows.iter()
            .any(|r| Some(r.district) == first.jurisdiction.as_ref()),
        "its place's row"
    );
    // Off again: every finding.
    h.state_mut().ui_state_mut().filters.only_open_opinions = false;
    h.run();
    assert_eq!(h.state().derived().shown_findings_len(), all_findings);
}

#[test]
fn the_window_offers_only_statuses_the_command_line_reads() {
    for status in OpinionStatus::ALL {
        for lang in [Lang::Zh, Lang::En] {
            assert_eq!(
                OpinionStatus::parse(status_label(status, lang)),
                Some(status)
            );
        }
    }
    for bad in bad_commands() {
        assert!(!bad.expected.is_empty(), "{:?} says why", bad.args);
        if let ["review", "--status", given] = bad.args.as_slice() {
            assert_eq!(OpinionStatus::parse(given), None, "{given}");
        }
    }
}

#[test]
fn the_opinions_tab_looks_as_approved() {
    let mut h = harness(seed(), ScriptedDialogs::default());
    h.set_render_cursor(false);
    h.state_mut().push(Command::ShowTab(Tab::Opinions));
    h.run();
    assert!(
        !h.state().document().opinions().is_empty(),
        "the seed's opinions"
    );
    h.snapshot("opinions_tab");
}
