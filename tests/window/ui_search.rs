//! Issue 17, problem 10's search: pinyin initials match as abbreviations only (not letters spread
//! over a long name), ▲ ▼ and Enter go from hit to hit, and the 分配表 shows only what the search
//! finds.

#![cfg(feature = "gui")]

use crate::helpers::{harness, seed};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;
use shiquan::ui::ScriptedDialogs;
use shiquan::ui::command::Command;
use shiquan::ui::state::{Selection, Tab};

fn search(h: &mut egui_kittest::Harness<'static, shiquan::ui::ShiquanApp>, text: &str) {
    h.get_by_role_and_label(Role::TextInput, "查找：").focus();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "查找：")
        .type_text(text);
    h.run();
}

#[test]
fn letters_spread_over_a_long_power_name_find_nothing_and_an_abbreviation_finds_its_body() {
    let mut h = harness(seed(), ScriptedDialogs::default());
    h.run();
    search(&mut h, "yjjz");
    let state = h.state().document().state();
    let fumes: Vec<&str> = h
        .state()
        .derived()
        .power_hits
        .iter()
        .filter_map(|p| state.power(p))
        .map(|p| p.name.as_str())
        .filter(|n| n.contains("油烟"))
        .collect();
    assert!(fumes.is_empty(), "yjjz found {fumes:?}");
    let mut h = harness(seed(), ScriptedDialogs::default());
    h.run();
    search(&mut h, "cgj");
    let state = h.state().document().state();
    assert!(
        h.state()
            .derived()
            .body_hits
            .iter()
            .filter_map(|b| state.body(b))
            .any(|b| b.name == "市城市管理局"),
        "cgj finds 市城市管理局"
    );
}

#[test]
fn the_arrows_go_from_hit_to_hit_and_say_which_one_is_shown() {
    let mut h = harness(seed(), ScriptedDialogs::default());
    h.run();
    search(&mut h, "cgj");
    let hits = h.state().derived().body_hits.len() + h.state().derived().power_hits.len();
    assert!(hits >= 2, "cgj has several hits ({hits})");
    h.get_by_label("▼").click();
    h.run();
    let first = h.state().ui_state().selection.clone();
    assert!(matches!(first, Selection::Body(_) | Selection::Power(_)));
    assert!(h.query_by_label(&format!("第 1/{hits} 个")).is_some());
    h.get_by_label("▼").click();
    h.run();
    let second = h.state().ui_state().selection.clone();
    assert_ne!(first, second, "▼ goes to the next hit");
    assert!(h.query_by_label(&format!("第 2/{hits} 个")).is_some());
    h.get_by_label("▲").click();
    h.run();
    assert_eq!(h.state().ui_state().selection, first, "▲ goes back");
}

#[test]
fn the_allocation_table_shows_only_the_rows_the_search_finds() {
    let mut h = harness(seed(), ScriptedDialogs::default());
    h.run();
    h.state_mut().push(Command::ShowTab(Tab::Allocation));
    h.run();
    let all = h.state().caches().allocation.rows.len();
    search(&mut h, "园林");
    let found = h
        .state()
        .caches()
        .allocation
        .searched()
        .expect("the search finds rows")
        .indices
        .clone();
    assert!(
        !found.is_empty() && found.len() < all,
        "the search narrows the table ({} of {all})",
        found.len()
    );
    let state = h.state().document().state();
    let rows = &h.state().caches().allocation.rows;
    for i in &found {
        let row = rows.get(*i).expect("a row");
        let power = state.power(row.power).expect("a power");
        let holders_found = state
            .holdings_of_power(row.power)
            .any(|x| h.state().derived().body_hits.contains(&x.body));
        assert!(
            power.name.contains("园林") || holders_found,
            "{} is neither found nor held by a body found",
            power.name
        );
    }
    assert!(
        h.query_by_label_contains("查找「园林」的结果").is_some(),
        "the table says it is narrowed by the search"
    );
}
