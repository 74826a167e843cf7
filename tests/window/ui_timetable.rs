//! Issue 19, the timetable, through the real window: in the 变更 list the planner gives a step
//! its effective date and document (an undoable edit), then drags the date bar's slider to a
//! day between two steps: the views show the scenario on that day, with the gap the month
//! between the city stopping and the district starting leaves, and moving the slider adds
//! nothing to undo. The transition finding (过渡期) is listed under the bar.

#![cfg(feature = "gui")]

use egui_kittest::Harness;
use egui_kittest::kittest::{Queryable as _, by};
use shiquan::analysis::FindingKind;
use shiquan::model::PowerId;
use shiquan::plan::{Plan, PlanDate, Timing};
use shiquan::session::View;
use shiquan::ui::ShiquanApp;
use shiquan::ui::command::{Action, Command};
use shiquan::ui::state::Tab;

use crate::helpers::{click, count_findings, harness};

fn date(text: &str) -> PlanDate {
    text.parse().expect("a date")
}

/// The fixture of `tests/data/v3/` with its step 2 (the city stops CF-1) left undated.
fn plan() -> Plan {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/v3/timetable.ron");
    let mut plan = shiquan::io::load_path(std::path::Path::new(path)).expect("loads");
    plan.scenarios[0].operations[1].timing = Timing::default();
    plan
}

fn gaps_of_cf1(h: &Harness<'static, ShiquanApp>) -> usize {
    count_findings(h.state(), |f| {
        f.kind == FindingKind::Gap && f.power == Some(PowerId::new("CF-1"))
    })
}

#[test]
fn a_date_set_in_the_changes_list_and_the_slider_show_the_gap_inside_the_interval() {
    let mut h = harness(plan(), shiquan::ui::ScriptedDialogs::default());
    h.run();
    h.state_mut()
        .push(Action::SwitchView(View::Scenario("staged".into())));
    h.run();
    h.state_mut().push(Command::ShowTab(Tab::Changes));
    h.run();
    assert_eq!(gaps_of_cf1(&h), 0, "every step: the districts lead CF-1");
    // 日期/文号… of step 2 opens the editor; the planner types the date and the document.
    let buttons: Vec<_> = h.query_all(by().label("日期/文号…")).collect();
    assert_eq!(buttons.len(), 7, "one per step");
    buttons[1].click();
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "生效日期")
        .focus();
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "生效日期")
        .type_text("2025-03-01");
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "文号")
        .focus();
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "文号")
        .type_text("市编委〔2025〕3号");
    h.run();
    click(&mut h, "确定");
    let step = &h.state().document().steps()[1];
    assert_eq!(
        step.timing,
        Timing::new(Some(date("2025-03-01")), "市编委〔2025〕3号")
    );
    assert!(
        h.state().ui_state().timing_edit.is_none(),
        "the editor closes"
    );
    // The list shows it, and the bar lists the transition finding.
    assert!(
        h.query_by_label_contains("〔2025-03-01 起 · 市编委〔2025〕3号〕")
            .is_some()
    );
    assert!(h.query_by_label_contains("过渡期问题 3 处").is_some());
    // The slider, moved to 15 March: the gap shows, and nothing is added to undo.
    let cursor = h.state().document().history().cursor();
    let dirty_edits = h.state().document().is_dirty();
    h.get_by_role_and_label(egui::accesskit::Role::Slider, "生效日期")
        .set_value_accesskit(date("2025-03-15").day_number() as f64);
    h.run();
    assert_eq!(h.state().document().date(), Some(date("2025-03-15")));
    assert_eq!(
        gaps_of_cf1(&h),
        2,
        "甲区 and 乙区 have nobody for CF-1 on 15 March"
    );
    assert!(
        h.query_by_label_contains("显示 2025-03-15 的状态")
            .is_some()
    );
    // In 变更, the steps of April on are greyed as not yet in effect.
    let waiting = h
        .query_all(by().label_contains("2025-03-15 尚未生效"))
        .count();
    assert_eq!(waiting, 4, "steps 3 to 6");
    // No 修复 on a day: a fix would be a step of the whole scenario.
    assert!(h.query_all(by().label("修复")).next().is_none());
    assert_eq!(h.state().document().history().cursor(), cursor);
    assert_eq!(h.state().document().is_dirty(), dirty_edits);
    // To 1 April: the districts have taken it up.
    h.get_by_role_and_label(egui::accesskit::Role::Slider, "生效日期")
        .set_value_accesskit(date("2025-04-01").day_number() as f64);
    h.run();
    assert_eq!(gaps_of_cf1(&h), 0);
    // Back to every step; then one undo takes the date back (moving the slider was no step).
    click(&mut h, "全部步骤");
    assert_eq!(h.state().document().date(), None);
    h.state_mut().push(Command::Undo);
    h.run();
    assert_eq!(h.state().document().steps()[1].timing, Timing::default());
    assert_eq!(h.state().document().history().cursor(), cursor);
    h.state_mut().push(Command::Redo);
    h.run();
    assert_eq!(
        h.state().document().steps()[1].timing.effective,
        Some(date("2025-03-01"))
    );
}

#[test]
fn an_impossible_date_typed_in_the_editor_is_refused_in_place() {
    let mut h = harness(plan(), shiquan::ui::ScriptedDialogs::default());
    h.run();
    h.state_mut()
        .push(Action::SwitchView(View::Scenario("staged".into())));
    h.run();
    h.state_mut().push(Command::ShowTab(Tab::Changes));
    h.run();
    let buttons: Vec<_> = h.query_all(by().label("日期/文号…")).collect();
    buttons[1].click();
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "生效日期")
        .focus();
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "生效日期")
        .type_text("2025-02-30");
    h.run();
    click(&mut h, "确定");
    let edit = h
        .state()
        .ui_state()
        .timing_edit
        .clone()
        .expect("still open");
    assert!(
        edit.error
            .as_deref()
            .is_some_and(|e| e.contains("2025-02-30"))
    );
    assert!(!h.state().document().is_dirty(), "nothing was set");
}
