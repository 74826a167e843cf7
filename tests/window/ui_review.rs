//! A reviewer's and a planner's gestures through the real window: drag a body into another lane
//! and drag a power chip onto another body; the inspector's actions; the 变更 tab jumps through
//! the history; the 统计 tab draws its charts; the rules panel stores its settings in the plan;
//! a finding's 修复 menu removes that finding in one click; 仅看变更 narrows the views to what
//! the scenario moved; 方案对比 shows the headline figures of two views side by side.

#![cfg(feature = "gui")]

use crate::helpers::{click, count_findings, harness, seed};
use egui::{Event, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use shiquan::analysis::FindingKind;
use shiquan::model::{BodyId, JurisdictionId, Level};
use shiquan::plan::Rule;
use shiquan::session::View;
use shiquan::text::{Label, Lang};
use shiquan::ui::command::{Action, Command};
use shiquan::ui::panels::Dialog;
use shiquan::ui::state::{Selection, Tab};
use shiquan::ui::{ScriptedDialogs, ShiquanApp};

fn split_scenario(h: &mut Harness<'static, ShiquanApp>) {
    h.state_mut().push(Action::SwitchView(View::Scenario(
        "city-district-split".into(),
    )));
    h.run();
}

/// Presses the primary button at `from`, moves to `to` in steps, releases there.
fn drag(h: &mut Harness<'static, ShiquanApp>, from: Pos2, to: Pos2) {
    h.event(Event::PointerMoved(from));
    h.step();
    h.event(Event::PointerButton {
        pos: from,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    h.step();
    for i in 1..=8 {
        let t = i as f32 / 8.0;
        h.event(Event::PointerMoved(from + (to - from) * t));
        h.step();
    }
    h.event(Event::PointerButton {
        pos: to,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.step();
    h.run();
}

/// A city body that can be devolved and then abolished, drawn in the lanes.
fn city_body(app: &ShiquanApp) -> BodyId {
    let state = app.document().state();
    let canvas = app.canvas();
    state
        .bodies()
        .values()
        .filter(|b| state.level_of_body(&b.id) == Some(Level::City))
        .filter(|b| canvas.body_on_screen(&b.id).is_some())
        .find(|b| {
            // Movable to 甲区, and then free to abolish (no sub-body, no entrustment).
            let mut trial = app.document().clone();
            trial
                .apply(shiquan::plan::Operation::MoveBody {
                    body: b.id.clone(),
                    to: JurisdictionId::new("district-a"),
                })
                .and_then(|()| {
                    trial.apply(shiquan::plan::Operation::AbolishBody { body: b.id.clone() })
                })
                .is_ok()
        })
        .expect("a city body that can be moved and abolished, on screen")
        .id
        .clone()
}

#[test]
fn dragging_a_body_into_a_district_lane_devolves_it_in_one_undoable_step() {
    let mut h = harness(seed(), ScriptedDialogs::default());
    h.run();
    split_scenario(&mut h);
    let body = city_body(h.state());
    let steps = h.state().document().history().cursor();
    let from = h
        .state()
        .canvas()
        .body_on_screen(&body)
        .expect("drawn")
        .center();
    let lane = h
        .state()
        .canvas()
        .lane_on_screen(&JurisdictionId::new("district-c"))
        .expect("the lane of 丙区 is drawn");
    // Drop it at the right end of the lane, away from other boxes.
    let to = Pos2::new(lane.right() - 20.0, lane.center().y);
    drag(&mut h, from, to);
    let doc = h.state().document();
    assert_eq!(
        doc.state().body(&body).map(|b| b.jurisdiction.as_str()),
        Some("district-c"),
        "the body moved to 丙区"
    );
    assert_eq!(doc.history().cursor(), steps + 1);
    h.state_mut().push(Command::Undo);
    h.run();
    assert_eq!(
        h.state()
            .document()
            .state()
            .body(&body)
            .map(|b| b.jurisdiction.as_str()),
        Some("city")
    );
}

#[test]
fn dragging_a_power_chip_onto_another_body_asks_the_mode_then_transfers() {
    let mut h = harness(seed(), ScriptedDialogs::default());
    h.run();
    // Show the chips of a city body that leads powers.
    let state = h.state().document().state().clone();
    // A power and a body that no scenario names: an edit of the baseline that every scenario
    // still applies over (the document refuses one that breaks a scenario).
    let scenarios = format!("{:?}", h.state().document().plan_unsynced().scenarios);
    let unnamed = |id: &str| !scenarios.contains(&format!("\"{id}\""));
    let (from, power) = state
        .bodies()
        .values()
        .filter(|b| state.level_of_body(&b.id) == Some(Level::City) && unnamed(b.id.as_str()))
        .find_map(|b| {
            state
                .holdings_of_body(&b.id)
                .find(|x| x.role.is_lead() && unnamed(x.power.as_str()))
                .map(|x| (b.id.clone(), x.power.clone()))
        })
        .expect("a city body with a lead power");
    h.state_mut()
        .ui_state_mut()
        .canvas
        .expanded
        .insert(from.clone());
    h.run();
    let app = h.state();
    let layout = &app.canvas().layout;
    let t = app.canvas().transform.expect("drawn");
    let chip = layout
        .body(&from)
        .and_then(|b| b.chips.iter().find(|c| c.power == power))
        .expect("the chip is laid out");
    let chip_pos = t.rect(chip.rect).center();
    let to = state
        .bodies()
        .values()
        .find(|b| {
            b.id != from
                && state.level_of_body(&b.id) == Some(Level::City)
                && app.canvas().body_on_screen(&b.id).is_some()
        })
        .expect("another city body")
        .id
        .clone();
    let target = app.canvas().body_on_screen(&to).expect("drawn").center();
    drag(&mut h, chip_pos, target);
    let Some(Dialog::Transfer { powers, to: t2, .. }) = h.state().dialog().cloned() else {
        panic!("the transfer popup asks the mode");
    };
    assert_eq!(powers, vec![(power.clone(), from.clone())]);
    assert_eq!(t2, to);
    click(&mut h, "确定");
    let doc = h.state().document();
    assert!(
        doc.state()
            .holding(&power, &to)
            .is_some_and(|x| x.role.is_lead())
    );
}

#[test]
fn the_inspector_moves_a_body_and_abolishes_another() {
    let mut h = harness(seed(), ScriptedDialogs::default());
    h.run();
    split_scenario(&mut h);
    let body = city_body(h.state());
    h.state_mut()
        .push(Action::Select(Selection::Body(body.clone())));
    h.run();
    // The picker's choice (a combo box far down the panel), then the real 确定 beside it.
    h.state_mut().inspector_mut().move_to = Some(JurisdictionId::new("district-a"));
    h.run();
    let ok = h.get_all_by_label("确定").next().expect("a 确定 button");
    ok.scroll_to_me();
    h.run();
    h.get_all_by_label("确定")
        .next()
        .expect("a 确定 button")
        .click();
    h.run();
    assert_eq!(
        h.state()
            .document()
            .state()
            .body(&body)
            .map(|b| b.jurisdiction.as_str()),
        Some("district-a")
    );
    h.get_by_label("撤销该机构").scroll_to_me();
    h.run();
    click(&mut h, "撤销该机构");
    assert!(
        h.state().document().state().body(&body).is_none(),
        "{:?}",
        h.state().ui_state().message
    );
    assert_eq!(h.state().ui_state().selection, Selection::None);
}

#[test]
fn the_changes_tab_lists_the_steps_and_jumps_to_any_of_them() {
    let mut h = harness(seed(), ScriptedDialogs::default());
    h.run();
    split_scenario(&mut h);
    let end = h.state().document().state().clone();
    let total = h.state().document().history().entries().len();
    assert!(total >= 17);
    click(&mut h, "变更");
    h.get_by_label_contains("起点（未应用任何操作）").click();
    h.run();
    let doc = h.state().document();
    assert_eq!(doc.history().cursor(), 0);
    assert_eq!(doc.state(), doc.baseline(), "step 0 is the baseline");
    // Every step is a sentence; clicking one applies the steps up to it.
    assert!(h.query_all_by_label_contains("下划至").next().is_some());
    h.get_by_label_contains("   3. ").click();
    h.run();
    assert_eq!(h.state().document().history().cursor(), 3);
    h.state_mut().push(Action::JumpTo(total));
    h.run();
    assert_eq!(h.state().document().state(), &end);
}

#[test]
fn the_statistics_tab_draws_its_charts_in_both_languages() {
    let mut h = harness(seed(), ScriptedDialogs::default());
    h.run();
    split_scenario(&mut h);
    click(&mut h, "统计");
    assert!(h.query_by_label_contains("各辖区编制数").is_some());
    click(&mut h, "English");
    assert!(
        h.query_by_label_contains("Staffing per jurisdiction")
            .is_some()
    );
}

#[test]
fn the_rules_panel_stores_its_settings_in_the_plan() {
    let mut h = harness(seed(), ScriptedDialogs::default());
    h.run();
    let rule_findings = |app: &ShiquanApp| {
        count_findings(app, |f| f.rule.as_deref() == Some(Rule::NoIdleBody.id()))
    };
    click(&mut h, "方案");
    click(&mut h, "规则设置…");
    assert!(matches!(h.state().dialog(), Some(Dialog::Rules(_))));
    // Switch one rule off.
    click(&mut h, Rule::NoIdleBody.label(Lang::Zh));
    click(&mut h, "确定");
    let app = h.state();
    assert!(
        !app.document()
            .plan_unsynced()
            .rules
            .setting(Rule::NoIdleBody)
            .enabled
    );
    assert_eq!(rule_findings(app), 0);
    assert!(app.document().is_dirty(), "the rules are part of the plan");
    // Back on with 恢复默认.
    h.state_mut().push(Command::ShowRules);
    h.run();
    click(&mut h, "恢复默认");
    click(&mut h, "确定");
    assert!(
        h.state()
            .document()
            .plan_unsynced()
            .rules
            .setting(Rule::NoIdleBody)
            .enabled
    );
}

#[test]
fn a_findings_fix_removes_its_overlap_in_one_click() {
    let mut h = harness(seed(), ScriptedDialogs::default());
    h.run();
    let overlaps = |app: &ShiquanApp| count_findings(app, |f| f.kind == FindingKind::Overlap);
    let before = overlaps(h.state());
    assert!(before > 0, "the seed baseline has overlaps");
    // The findings list shows errors (gaps) first; make the overlaps the visible ones.
    h.state_mut().ui_state_mut().filters.only_findings = true;
    h.run();
    let fix_buttons = h.get_all_by_label("修复").count();
    assert!(fix_buttons > 0, "overlaps and gaps offer fixes");
    h.get_all_by_label("修复").next().expect("a 修复").click();
    h.run();
    // The first fix of the menu.
    let label = {
        let app = h.state();
        let doc = app.document();
        let mut findings: Vec<_> = doc.analysis().findings().collect();
        findings.sort_by_key(|f| f.severity);
        let f = findings
            .iter()
            .find(|f| {
                !shiquan::analysis::fixes::suggest(f, doc.state(), &doc.analysis().coverage)
                    .is_empty()
            })
            .expect("a finding with a fix");
        shiquan::analysis::fixes::suggest(f, doc.state(), &doc.analysis().coverage)[0]
            .zh
            .clone()
    };
    let counts_before = h.state().document().analysis().counts();
    click(&mut h, &label);
    let counts_after = h.state().document().analysis().counts();
    assert!(
        counts_after.overlaps + counts_after.gaps < counts_before.overlaps + counts_before.gaps,
        "{counts_before:?} → {counts_after:?}"
    );
    assert!(
        counts_after.overlaps <= counts_before.overlaps,
        "no new overlap"
    );
}

#[test]
fn changes_only_narrows_the_table_to_what_the_scenario_moved() {
    let mut h = harness(seed(), ScriptedDialogs::default());
    h.run();
    split_scenario(&mut h);
    let all = h.state().derived().powers_passing.len();
    click(&mut h, "仅看变更");
    let app = h.state();
    let derived = app.derived();
    assert!(app.ui_state().filters.only_changed);
    assert!(!derived.powers_passing.is_empty());
    assert!(derived.powers_passing.len() < all);
    assert!(
        derived
            .powers_passing
            .iter()
            .all(|p| derived.moved_powers.contains(p))
    );
    // The 17 devolved units are among the bodies shown.
    let state = app.document().state();
    let moved = derived
        .bodies_passing
        .iter()
        .filter(|b| {
            app.document().baseline().body(b).is_some_and(|was| {
                state
                    .body(b)
                    .is_some_and(|now| now.jurisdiction != was.jurisdiction)
            })
        })
        .count();
    assert_eq!(moved, 17);
}

#[test]
fn the_comparison_tab_shows_the_headline_of_two_views() {
    let mut h = harness(seed(), ScriptedDialogs::default());
    h.run();
    split_scenario(&mut h);
    click(&mut h, "方案对比");
    assert!(
        h.query_by_label_contains("17 个单位下划甲区").is_some(),
        "baseline → city-district-split"
    );
    assert!(h.query_by_label_contains("调剂编制 20 名").is_some());
    // Compare the two scenarios with each other.
    h.state_mut().ui_state_mut().compare_pair = Some((
        View::Scenario("city-district-split".into()),
        View::Scenario("comprehensive-enforcement".into()),
    ));
    h.run();
    assert!(h.query_by_label_contains("64 项处罚权集中").is_some());
    assert_eq!(h.state().ui_state().tab, Tab::Compare);
}

#[test]
fn the_comparison_lays_out_only_the_rows_in_view_and_scrolls_to_the_last() {
    let mut h = harness(seed(), ScriptedDialogs::default());
    h.run();
    h.state_mut().ui_state_mut().compare_pair = Some((
        View::Baseline,
        View::Scenario("comprehensive-enforcement".into()),
    ));
    click(&mut h, "方案对比");
    let diff = match &h.state().caches().comparison.result {
        Some(Ok(c)) => c.diff.clone(),
        other => panic!("a comparison: {other:?}"),
    };
    let rows: usize = diff.powers_moved.iter().map(|m| m.districts.len()).sum();
    assert!(rows > 100, "enough rows to scroll: {rows}");
    let shown = |h: &Harness<'static, ShiquanApp>, label: &str| {
        h.query_all_by_label(label).next().is_some()
    };
    let arrows = |h: &Harness<'static, ShiquanApp>| h.query_all_by_label_contains(" → ").count();
    let in_view = arrows(&h);
    assert!(
        in_view > 0 && in_view < rows / 2,
        "{in_view} of {rows} power rows laid out"
    );
    // The last row is reached by scrolling, and then the first is no longer laid out.
    let last = diff.powers_moved.last().expect("a power moved");
    let name = |code: &shiquan::model::PowerId| {
        let p = h.state().document().state().power(code).expect("the power");
        format!("{} {}", p.code, p.name)
    };
    let (first_name, last_name) = (name(&diff.powers_moved[0].power), name(&last.power));
    assert!(shown(&h, &first_name));
    assert!(!shown(&h, &last_name));
    h.hover_at(egui::pos2(600.0, 500.0));
    for _ in 0..200 {
        h.event(Event::MouseWheel {
            source: egui::MouseWheelSource::Unknown,
            unit: egui::MouseWheelUnit::Page,
            delta: egui::vec2(0.0, -1.0),
            modifiers: egui::Modifiers::NONE,
            phase: egui::TouchPhase::Move,
        });
        h.run();
        if shown(&h, &last_name) {
            break;
        }
    }
    assert!(shown(&h, &last_name), "the last row in view");
    assert!(!shown(&h, &first_name));
}

#[test]
fn dragging_a_selected_parent_with_its_selected_sub_body_moves_both_in_one_step() {
    // Issue 17, problem 6: the sub-body moved with its parent, then its own move was refused
    // (「city-szgyj-dlyh is already in district-c」), the plan marked unsaved and redo cleared.
    let mut plan = seed();
    plan.scenarios.clear();
    let mut h = harness(plan, ScriptedDialogs::default());
    h.run();
    let (parent, child) = (BodyId::new("city-szgyj"), BodyId::new("city-szgyj-dlyh"));
    h.state_mut().ui_state_mut().canvas.selected_bodies =
        [parent.clone(), child.clone()].into_iter().collect();
    h.run();
    let steps = h.state().document().history().cursor();
    let from = h
        .state()
        .canvas()
        .body_on_screen(&parent)
        .expect("the parent is drawn")
        .center();
    let lane = h
        .state()
        .canvas()
        .lane_on_screen(&JurisdictionId::new("district-c"))
        .expect("the lane of 丙区 is drawn");
    drag(
        &mut h,
        from,
        Pos2::new(lane.right() - 20.0, lane.center().y),
    );
    let app = h.state();
    assert!(
        app.ui_state().message.as_ref().is_none_or(|m| !m.error),
        "{:?}",
        app.ui_state().message
    );
    let doc = app.document();
    for body in [&parent, &child] {
        assert_eq!(
            doc.state().body(body).map(|b| b.jurisdiction.as_str()),
            Some("district-c"),
            "{body} moved to 丙区"
        );
    }
    assert_eq!(
        doc.history().cursor(),
        steps + 1,
        "one move, for the parent"
    );
}
