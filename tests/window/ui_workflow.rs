//! The planner's workflow through the real window: switch to a scenario with the picker,
//! transfer a power through the transfer popup, see the finding counts change, undo with
//! Ctrl+Z and get back exactly the state before; switch the language; search by pinyin
//! initials.

#![cfg(feature = "gui")]

use crate::helpers::{click, harness, seed};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use shiquan::model::{BodyId, JurisdictionId, Level, PowerId};
use shiquan::session::View;
use shiquan::ui::ScriptedDialogs;
use shiquan::ui::command::Action;

/// A power led in `district` by exactly one district body, and a body of another district.
fn district_power(app: &shiquan::ui::ShiquanApp) -> (PowerId, BodyId, BodyId) {
    let doc = app.document();
    let state = doc.state();
    let coverage = &doc.analysis().coverage;
    let a = JurisdictionId::new("district-a");
    let b = JurisdictionId::new("district-b");
    let to = state
        .bodies()
        .values()
        .find(|x| x.jurisdiction == b)
        .expect("district-b has a body")
        .id
        .clone();
    for power in state.powers().keys() {
        let leads = coverage.leads_in(power, &a);
        if let [only] = leads.as_ref()
            && state.level_of_body(only) == Some(Level::District)
        {
            return (power.clone(), only.clone(), to);
        }
    }
    panic!("no power led by one district-a body");
}

#[test]
fn transfer_in_a_scenario_changes_the_findings_and_undo_restores_the_state() {
    let mut h = harness(seed(), ScriptedDialogs::default());
    h.run();
    // Switch with the scenario picker: open it, pick the scenario by its name.
    click(&mut h, "方案：");
    click(&mut h, "市区两级事权划分");
    assert_eq!(
        h.state().document().view(),
        &View::Scenario("city-district-split".into())
    );
    let before_state = h.state().document().state().clone();
    let before_counts = h.state().document().analysis().counts();
    let steps = h.state().document().history().cursor();

    // A drop of a chip onto a body asks for the mode; 划转 is the default; 确定 applies it.
    let (power, from, to) = district_power(h.state());
    h.state_mut().push(Action::PromptTransfer {
        powers: vec![(power.clone(), from.clone())],
        to: to.clone(),
    });
    h.run();
    click(&mut h, "确定");
    let doc = h.state().document();
    assert_eq!(doc.history().cursor(), steps + 1, "one undoable step");
    assert!(
        doc.state()
            .holding(&power, &to)
            .is_some_and(|x| x.role.is_lead())
    );
    assert!(doc.state().holding(&power, &from).is_none());
    let after_counts = doc.analysis().counts();
    assert_ne!(after_counts, before_counts, "the findings changed");
    assert!(
        after_counts.gaps > before_counts.gaps,
        "district-a lost its lead"
    );
    // The status bar shows the new count.
    h.get_by_label(&format!("盲区 {}", after_counts.gaps));

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let doc = h.state().document();
    assert_eq!(doc.state(), &before_state, "undo restores the exact state");
    assert_eq!(doc.analysis().counts(), before_counts);

    // Redo with Ctrl+Y, then Ctrl+Shift+Z after another undo.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(h.state().document().history().cursor(), steps + 1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(h.state().document().history().cursor(), steps + 1);
}

#[test]
fn the_language_switch_changes_the_labels() {
    let mut h = harness(seed(), ScriptedDialogs::default());
    h.run();
    assert!(h.query_by_label("文件").is_some());
    assert!(h.query_by_label("File").is_none());
    click(&mut h, "English");
    assert!(h.query_by_label("File").is_some());
    assert!(h.query_by_label("文件").is_none());
    assert!(h.query_by_label("Lanes").is_some());
    click(&mut h, "中文");
    assert!(h.query_by_label("文件").is_some());
    assert!(h.query_by_label("关系图").is_some());
}

#[test]
fn search_finds_city_management_by_pinyin_initials() {
    let mut h = harness(seed(), ScriptedDialogs::default());
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_label("查找：").type_text("cgj");
    h.run();
    let app = h.state();
    assert_eq!(app.ui_state().search, "cgj");
    let state = app.document().state();
    let names: Vec<&str> = app
        .derived()
        .body_hits
        .iter()
        .filter_map(|b| state.body(b))
        .map(|b| b.name.as_str())
        .collect();
    assert!(
        names.iter().any(|n| n.contains("城市管理")),
        "hits: {names:?}"
    );
    assert!(h.query_by_label_contains("找到").is_some());
}
