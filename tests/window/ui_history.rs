//! Issue 17, problem 1, through the real window: history never loses work. On the seed plan's
//! 市区两级事权划分, the planner clicks step 17 in 变更 and applies a fix from the 问题清单: no
//! edit happens yet, a dialog asks whether to insert it and replay the later steps, discard
//! them, or cancel. Replaying keeps every later step that still applies and lists the others;
//! one undo brings back the scenario's operations exactly; discarding loses the steps only once
//! chosen; cancelling changes nothing. Saving or switching view with later steps asks too.
//!
//! On the code before issue 17 the fix applied at once and truncated the later steps: the
//! dialog's buttons are not found and these tests fail.

#![cfg(feature = "gui")]

use std::path::PathBuf;
use std::time::Duration;

use crate::helpers::{click, harness_on, seed};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use shiquan::analysis::fixes;
use shiquan::model::State;
use shiquan::plan::Operation;
use shiquan::session::{Document, LaterSteps, View};
use shiquan::ui::command::GrantFrom;
use shiquan::ui::command::{Action, Command};
use shiquan::ui::panels::Dialog;
use shiquan::ui::state::Tab;
use shiquan::ui::{Autosave, ShiquanApp};

const SPLIT: &str = "city-district-split";

/// The window on the seed plan saved in a temporary file, showing 市区两级事权划分 with every
/// step applied; with the scenario's operations.
fn on_split(folder: &tempfile::TempDir) -> (Harness<'static, ShiquanApp>, PathBuf, Vec<Operation>) {
    let path = folder.path().join("plan.ron");
    let plan = seed();
    shiquan::io::save_path(&plan, &path).expect("the seed plan is saved");
    let autosave = Autosave::new(Duration::from_hours(1), None);
    let mut h = harness_on(plan, path.clone(), autosave);
    h.run();
    h.state_mut()
        .push(Action::SwitchView(View::Scenario(SPLIT.into())));
    h.run();
    let operations = operations(h.state().document());
    assert!(operations.len() >= 90, "the scenario of about 90 steps");
    (h, path, operations)
}

fn operations(doc: &Document) -> Vec<Operation> {
    doc.history().operations().cloned().collect()
}

/// The state the baseline reaches through `operations`, applied afresh.
fn fresh(doc: &Document, operations: &[Operation]) -> State {
    let mut state = doc.plan_unsynced().baseline.clone();
    for op in operations {
        op.apply(&mut state).expect("a step applies");
    }
    state
}

/// Clicks step `step` in the 变更 tab.
fn click_step(h: &mut Harness<'static, ShiquanApp>, step: usize) {
    if h.state().ui_state().tab != Tab::Changes {
        click(h, "变更");
    }
    h.get_by_label_contains(&format!("   {step}. ")).click();
    h.run();
    assert_eq!(h.state().document().history().cursor(), step);
}

/// Every fix the 问题清单 offers now, with whether inserting it here drops later steps.
fn offered_fixes(doc: &Document) -> Vec<(String, Vec<Operation>, bool)> {
    let findings: Vec<_> = doc
        .analysis()
        .findings()
        .filter(|f| fixes::may_fix(f))
        .cloned()
        .collect();
    findings
        .iter()
        .flat_map(|f| fixes::suggest(f, doc.state(), &doc.analysis().coverage))
        .map(|fix| {
            let mut trial = doc.clone();
            let drops = trial
                .apply_at_cursor(fix.operations.clone(), LaterSteps::Replay)
                .is_ok_and(|r| !r.dropped.is_empty());
            (fix.zh, fix.operations, drops)
        })
        .collect()
}

/// Opens the first 修复 menu of the 问题清单 and clicks one of its fixes (one that drops later
/// steps when `dropping` and the menu has one); returns its operations.
fn click_a_fix(h: &mut Harness<'static, ShiquanApp>, dropping: bool) -> Vec<Operation> {
    let offered = offered_fixes(h.state().document());
    h.get_all_by_label("修复")
        .next()
        .expect("a 修复 button in the 问题清单")
        .click();
    h.run();
    let shown: Vec<_> = offered
        .into_iter()
        .filter(|(label, _, _)| h.query_by_label(label).is_some())
        .collect();
    let (label, ops, _) = shown
        .iter()
        .find(|(_, _, drops)| *drops == dropping)
        .or_else(|| shown.first())
        .cloned()
        .expect("the menu offers a fix");
    h.get_all_by_label(&label)
        .next()
        .expect("the fix's button")
        .click();
    h.run();
    ops
}

fn dialog<'h>(h: &'h Harness<'static, ShiquanApp>) -> Option<&'h Dialog> {
    h.state().dialog()
}

#[test]
fn a_fix_at_step_17_asks_first_then_inserts_and_replays_and_one_undo_restores_every_step() {
    let folder = tempfile::tempdir().expect("temp folder");
    let (mut h, _, before) = on_split(&folder);
    let total = before.len();
    click_step(&mut h, 17);
    assert!(
        h.query_by_label_contains("尚未应用").is_some(),
        "the 变更 tab says the later steps are not applied"
    );
    assert!(h.query_all_by_label_contains("（未应用）").next().is_some());
    let revision = h.state().document().revision();
    let fix = click_a_fix(&mut h, false);

    // Nothing happened yet: the dialog asks, every step is still there.
    assert!(
        matches!(dialog(&h), Some(Dialog::EditBeforeLaterSteps(_))),
        "{:?}",
        dialog(&h)
    );
    let doc = h.state().document();
    assert_eq!(operations(doc), before, "no step lost yet");
    assert_eq!(doc.history().cursor(), 17);
    assert_eq!(doc.revision(), revision, "no edit yet");
    let later = total - 17;
    assert!(
        h.query_by_label(&format!("丢弃后面的 {later} 步"))
            .is_some()
    );

    click(
        &mut h,
        &format!("在第 17 步后插入，并重放后面的 {later} 步"),
    );
    let doc = h.state().document();
    let now = operations(doc);
    assert_eq!(doc.history().cursor(), 17 + fix.len());
    assert_eq!(now[..17], before[..17]);
    assert_eq!(now[17..17 + fix.len()], fix[..]);
    let kept = now.len() - 17 - fix.len();
    let dropped = later - kept;
    match dialog(&h) {
        None => assert_eq!(dropped, 0, "every later step kept"),
        Some(Dialog::ReplayDropped(list)) => assert_eq!(list.zh.len(), dropped),
        other => panic!("{other:?}"),
    }
    // The kept steps are the later ones, in order.
    let mut later_ops = before[17..].iter();
    for op in &now[17 + fix.len()..] {
        assert!(later_ops.any(|o| o == op), "a kept step out of order");
    }
    assert_eq!(doc.state(), &fresh(doc, &now[..17 + fix.len()]));
    if dropped > 0 {
        click(&mut h, "确定");
    }

    h.state_mut().push(Command::Undo);
    h.run();
    let doc = h.state().document();
    assert_eq!(
        operations(doc),
        before,
        "one undo: the scenario's steps exactly"
    );
    assert_eq!(doc.history().cursor(), 17);
    assert_eq!(doc.state(), &fresh(doc, &before[..17]));
    h.state_mut().push(Command::Redo);
    h.run();
    assert_eq!(operations(h.state().document()), now, "redo does it again");
}

#[test]
fn steps_a_replay_drops_are_listed_by_their_sentences_and_undo_brings_them_back() {
    let folder = tempfile::tempdir().expect("temp folder");
    let (mut h, _, before) = on_split(&folder);
    click_step(&mut h, 17);
    // The concentration of a whole cluster of overlapping bodies: some later steps move powers
    // that the new bureau leads after it.
    let (_, fix, _) = offered_fixes(h.state().document())
        .into_iter()
        .find(|(_, _, drops)| *drops)
        .expect("a fix that some later steps clash with");
    h.state_mut().push(Action::ApplyAll(fix.clone()));
    h.run();
    assert_eq!(operations(h.state().document()), before, "no step lost yet");
    click(
        &mut h,
        &format!("在第 17 步后插入，并重放后面的 {} 步", before.len() - 17),
    );
    let Some(Dialog::ReplayDropped(list)) = dialog(&h).cloned() else {
        panic!("the dropped steps are listed: {:?}", dialog(&h));
    };
    let now = operations(h.state().document());
    assert_eq!(list.zh.len(), before.len() + fix.len() - now.len());
    assert!(h.query_by_label_contains("不再适用，已去掉").is_some());
    // Each line names its step and says it by its 变更 sentence, not by ids.
    for line in &list.zh {
        assert!(line.starts_with('第'), "{line}");
        assert!(h.query_by_label(line).is_some(), "shown: {line}");
        assert!(
            !line.contains("city-") && !line.contains("district-"),
            "no ids: {line}"
        );
    }
    for line in &list.en {
        assert!(line.starts_with("Step "), "{line}");
        assert!(
            !line.contains("city-") && !line.contains("district-"),
            "no ids: {line}"
        );
    }
    click(&mut h, "确定");
    assert!(dialog(&h).is_none());
    h.state_mut().push(Command::Undo);
    h.run();
    assert_eq!(operations(h.state().document()), before);
    assert_eq!(h.state().document().history().cursor(), 17);
}

#[test]
fn discarding_loses_the_later_steps_only_once_chosen_and_cancelling_changes_nothing() {
    let folder = tempfile::tempdir().expect("temp folder");
    let (mut h, _, before) = on_split(&folder);
    click_step(&mut h, 17);
    let state_17 = h.state().document().state().clone();
    let dirty = h.state().document().is_dirty();

    // Cancel: nothing changed.
    let fix = click_a_fix(&mut h, false);
    assert!(matches!(dialog(&h), Some(Dialog::EditBeforeLaterSteps(_))));
    click(&mut h, "取消");
    let doc = h.state().document();
    assert!(dialog(&h).is_none());
    assert_eq!(operations(doc), before);
    assert_eq!(doc.history().cursor(), 17);
    assert_eq!(doc.state(), &state_17);
    assert_eq!(doc.is_dirty(), dirty);

    // Discard: the later steps go only now, and undo brings them back.
    h.state_mut().push(Action::ApplyAll(fix.clone()));
    h.run();
    assert_eq!(
        operations(h.state().document()),
        before,
        "asked again, nothing lost"
    );
    click(&mut h, &format!("丢弃后面的 {} 步", before.len() - 17));
    let doc = h.state().document();
    let mut expected = before[..17].to_vec();
    expected.extend(fix);
    assert_eq!(operations(doc), expected);
    assert_eq!(doc.later_steps(), 0);
    h.state_mut().push(Command::Undo);
    h.run();
    assert_eq!(operations(h.state().document()), before);
    assert_eq!(h.state().document().state(), &state_17);
}

#[test]
fn a_grant_before_later_steps_asks_and_cancelling_returns_to_the_grant_dialog() {
    let folder = tempfile::tempdir().expect("temp folder");
    let (mut h, _, before) = on_split(&folder);
    click_step(&mut h, 17);
    h.state_mut().push(Action::OpenGrant(GrantFrom::Menu));
    h.run();
    let Some(Dialog::Grant(grant)) = dialog(&h).cloned() else {
        panic!("the grant dialog: {:?}", dialog(&h));
    };
    // A grant of nothing to nobody: the question comes before the grant is tried.
    let op = Operation::GrantToStreets {
        powers: Vec::new(),
        receivers: Vec::new(),
        decision: None,
        evaluate_by: String::new(),
    };
    h.state_mut().push(Action::Grant(op));
    h.run();
    assert!(matches!(dialog(&h), Some(Dialog::EditBeforeLaterSteps(_))));
    click(&mut h, "取消");
    assert_eq!(
        dialog(&h),
        Some(&Dialog::Grant(grant)),
        "the grant dialog as it was"
    );
    assert_eq!(operations(h.state().document()), before);
}

#[test]
fn saving_with_later_steps_asks_to_save_them_all_or_only_up_to_the_cursor() {
    let folder = tempfile::tempdir().expect("temp folder");
    let (mut h, path, before) = on_split(&folder);
    let total = before.len();
    let saved_steps = |path: &PathBuf| {
        shiquan::io::load_path(path)
            .expect("the saved plan opens")
            .scenario(&SPLIT.into())
            .map(|s| s.operations.len())
    };

    // All of them: the cursor moves to the end, the file has every step.
    click_step(&mut h, 17);
    h.state_mut().push(Command::Save);
    h.run();
    assert!(matches!(dialog(&h), Some(Dialog::LeaveWithLaterSteps(_))));
    click(&mut h, &format!("保存全部 {total} 步"));
    assert_eq!(h.state().document().history().cursor(), total);
    assert_eq!(saved_steps(&path), Some(total));

    // Only up to step 17: the later ones dropped (undoably), the file has 17.
    click_step(&mut h, 17);
    h.state_mut().push(Command::Save);
    h.run();
    click(&mut h, "取消");
    assert_eq!(
        operations(h.state().document()),
        before,
        "cancelled: nothing changed"
    );
    h.state_mut().push(Command::Save);
    h.run();
    click(&mut h, "只保存到第 17 步");
    assert_eq!(saved_steps(&path), Some(17));
    h.state_mut().push(Command::Undo);
    h.run();
    assert_eq!(
        operations(h.state().document()),
        before,
        "undo brings the steps back"
    );
}

#[test]
fn switching_view_with_later_steps_asks_and_keeping_them_keeps_the_scenario_whole() {
    let folder = tempfile::tempdir().expect("temp folder");
    let (mut h, _, before) = on_split(&folder);
    click_step(&mut h, 17);
    h.state_mut().push(Action::SwitchView(View::Baseline));
    h.run();
    assert!(matches!(dialog(&h), Some(Dialog::LeaveWithLaterSteps(_))));
    assert_eq!(h.state().document().view(), &View::Scenario(SPLIT.into()));
    click(&mut h, &format!("保留全部 {} 步", before.len()));
    assert_eq!(h.state().document().view(), &View::Baseline);
    let kept = h
        .state()
        .document()
        .plan_unsynced()
        .scenario(&SPLIT.into())
        .map(|s| {
            s.operations
                .iter()
                .map(|s| s.operation.clone())
                .collect::<Vec<_>>()
        });
    assert_eq!(kept.as_deref(), Some(&before[..]));
}
