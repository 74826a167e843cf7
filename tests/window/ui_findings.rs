//! The 问题清单 and what explains and fixes a finding, through the real window (issue 17,
//! problems 4, 5 and the findings-list part of 10):
//!
//! - a gap made at a step says so beside its row, and its tooltip names the step and its
//!   operation;
//! - a district's inspector lists its gaps and overlaps, explains one on hover, and a click
//!   focuses it;
//! - a 修复 menu previews each fix with the finding counts before → after, and applying the fix
//!   gives exactly those counts; the fix's 变更 line names the district and what it does there;
//! - a field filter narrows the list to that field; a click on the status bar's gap count lists
//!   only the gaps, a second click all of them again.
//!
//! The tests look at what the window shows (labels), so that they also run, and fail, against
//! the window before these changes.

#![cfg(feature = "gui")]

use crate::common::findings_cases::single_district_lead;

use crate::helpers::{harness, seed};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use shiquan::analysis::{Finding, FindingCounts, FindingKind};
use shiquan::model::{Holding, JurisdictionId, PowerId, Role};
use shiquan::plan::Operation;
use shiquan::session::{Document, View};
use shiquan::text::place_name;
use shiquan::text::{FindingText, Lang};
use shiquan::ui::command::{Action, Command};
use shiquan::ui::state::{Selection, Tab};
use shiquan::ui::{ScriptedDialogs, ShiquanApp};

/// The seed in its first scenario (市区两级事权划分), settled.
fn in_scenario() -> Harness<'static, ShiquanApp> {
    let mut h = harness(seed(), ScriptedDialogs::default());
    h.run();
    let scenario = h.state().document().plan_unsynced().scenarios[0].id.clone();
    h.state_mut()
        .push(Action::SwitchView(View::Scenario(scenario)));
    h.run();
    // Tooltips at once: the harness's clock moves a frame per step.
    h.ctx.all_styles_mut(|s| s.interaction.tooltip_delay = 0.0);
    h
}

/// Lets a hover's tooltip appear: the frames after the pointer moved.
fn settle(h: &mut Harness<'static, ShiquanApp>) {
    h.run();
    h.step();
    h.step();
}

/// The seed with an empty scenario, shown: its first step is the next edit.
fn in_empty_scenario() -> Harness<'static, ShiquanApp> {
    let mut plan = seed();
    plan.scenarios.push(shiquan::plan::Scenario {
        id: shiquan::model::ScenarioId::new("trial"),
        name: "试算".into(),
        description: String::new(),
        operations: Vec::new(),
    });
    let mut h = harness(plan, ScriptedDialogs::default());
    h.run();
    h.state_mut()
        .push(Action::SwitchView(View::Scenario("trial".into())));
    h.run();
    h
}

fn the_finding(
    doc: &Document,
    kind: FindingKind,
    power: &PowerId,
    place: &JurisdictionId,
) -> Finding {
    doc.analysis()
        .coverage
        .findings()
        .find(|f| {
            f.kind == kind
                && f.power.as_ref() == Some(power)
                && f.jurisdiction.as_ref() == Some(place)
        })
        .cloned()
        .expect("the finding is there")
}

#[test]
fn a_gap_made_at_a_step_says_so_and_its_tooltip_names_the_step() {
    let mut h = in_scenario();
    let (power, place, lead) = single_district_lead(h.state().document());
    let holding = h
        .state()
        .document()
        .state()
        .holding(&power, &lead)
        .cloned()
        .expect("its holding");
    h.state_mut()
        .push(Action::ApplyAll(vec![Operation::SetHolding {
            holding: Holding {
                role: Role::Assist,
                ..holding
            },
        }]));
    h.run();
    let step = h.state().document().history().cursor();
    let (message, field) = {
        let doc = h.state().document();
        let gap = the_finding(doc, FindingKind::Gap, &power, &place);
        let field = doc.state().power(&power).map(|p| p.field.clone());
        (gap.message(doc.state(), Lang::Zh), field)
    };
    // Narrow the list to the gap's field and place, so that its row is in view.
    {
        let filters = &mut h.state_mut().ui_state_mut().filters;
        filters.field = field;
        filters.district = Some(place.clone());
    }
    h.run();
    assert!(
        h.query_by_label(&format!("（自第 {step} 步起）")).is_some(),
        "the row says since which step"
    );
    h.get_by_label(&message).hover();
    settle(&mut h);
    let pattern = format!("自第 {step} 步（");
    let text = h
        .query_by_label_contains(&pattern)
        .and_then(|n| n.accesskit_node().value())
        .expect("the tooltip names the step");
    assert!(text.ends_with("起无主办单位"), "{text}");
    let name = h
        .state()
        .document()
        .state()
        .body(&lead)
        .map(|b| b.name.clone())
        .expect("the body");
    assert!(
        text.contains(&name),
        "the step's operation names the body: {text}"
    );
    assert!(
        h.query_by_label(&format!("仅有协办单位：{name}")).is_some(),
        "the tooltip says who only assists"
    );
}

#[test]
fn a_districts_inspector_lists_its_gaps_and_overlaps_and_focuses_one() {
    let mut h = harness(seed(), ScriptedDialogs::default());
    h.run();
    h.ctx.all_styles_mut(|s| s.interaction.tooltip_delay = 0.0);
    let (district, gap_power, overlap) = {
        let doc = h.state().document();
        let state = doc.state();
        let gap = doc
            .analysis()
            .coverage
            .findings()
            .find(|f| {
                f.kind == FindingKind::Gap
                    && f.jurisdiction
                        .as_ref()
                        .and_then(|j| state.district_of(j))
                        .is_some()
            })
            .cloned()
            .expect("the seed baseline has a gap in a district");
        let district = gap
            .jurisdiction
            .as_ref()
            .and_then(|j| state.district_of(j))
            .cloned()
            .expect("its district");
        let overlap = doc
            .analysis()
            .coverage
            .findings()
            .find(|f| {
                f.kind == FindingKind::Overlap
                    && f.jurisdiction.as_ref().and_then(|j| state.district_of(j)) == Some(&district)
            })
            .cloned();
        let power = gap
            .power
            .as_ref()
            .and_then(|p| state.power(p))
            .map(|p| p.name.clone())
            .expect("its power");
        (district, power, overlap)
    };
    h.state_mut()
        .push(Action::Select(Selection::Jurisdiction(district.clone())));
    h.run();
    h.query_all_by_label_contains(&format!("管理盲区 · {gap_power}"))
        .next()
        .expect("the inspector lists the district's gap")
        .hover();
    settle(&mut h);
    assert!(
        h.query_all_by_label_contains("现状即").any(|n| n
            .accesskit_node()
            .value()
            .is_some_and(|v| v.ends_with("无主办单位"))),
        "hovering explains it"
    );
    if let Some(overlap) = overlap {
        let doc = h.state().document();
        let power = overlap
            .power
            .as_ref()
            .and_then(|p| doc.state().power(p))
            .map(|p| p.name.clone())
            .expect("its power");
        let first_body = overlap.bodies[0].clone();
        h.query_all_by_label_contains(&format!("多头执法 · {power}"))
            .next()
            .expect("the inspector lists the district's overlap")
            .click();
        h.run();
        assert_eq!(
            h.state().ui_state().selection,
            Selection::Body(first_body),
            "a click focuses the overlap's first body"
        );
        assert_eq!(h.state().ui_state().tab, Tab::Lanes);
    }
}

/// 「多头执法 3 → 2 ▼ · 管理盲区 5 → 5 · 原则 27 → 29 ▲」, as the preview writes it.
fn counts_line(before: FindingCounts, after: FindingCounts) -> String {
    let change = |b: usize, a: usize| {
        let mark = match a.cmp(&b) {
            std::cmp::Ordering::Greater => " ▲",
            std::cmp::Ordering::Less => " ▼",
            std::cmp::Ordering::Equal => "",
        };
        format!("{b} → {a}{mark}")
    };
    format!(
        "多头执法 {} · 管理盲区 {} · 原则 {}",
        change(before.overlaps, after.overlaps),
        change(before.gaps, after.gaps),
        change(before.rules, after.rules)
    )
}

/// The first row of the list that offers fixes, its fixes, and the counts each fix leads to
/// (applied to a copy of the document).
fn first_fixable(app: &ShiquanApp) -> (Finding, Vec<(String, FindingCounts)>) {
    let doc = app.document();
    let finding = app
        .derived()
        .findings
        .iter()
        .find(|f| shiquan::analysis::fixes::may_fix(f))
        .cloned()
        .expect("a row with a 修复 menu");
    let fixes = shiquan::analysis::fixes::suggest(&finding, doc.state(), &doc.analysis().coverage)
        .into_iter()
        .map(|fix| {
            let mut copy = doc.clone();
            copy.apply_all(fix.operations.clone())
                .expect("the fix applies");
            (fix.zh.clone(), copy.analysis().counts())
        })
        .collect();
    (finding, fixes)
}

#[test]
fn a_fix_menu_previews_the_counts_that_applying_it_gives() {
    let mut h = in_scenario();
    let (finding, fixes) = first_fixable(h.state());
    assert!(!fixes.is_empty(), "{finding:?} has fixes");
    let before = h.state().document().analysis().counts();
    h.get_all_by_label("修复")
        .next()
        .expect("a 修复 button")
        .click();
    h.run();
    for (_, after) in &fixes {
        assert!(
            h.query_all_by_label(&counts_line(before, *after))
                .next()
                .is_some(),
            "the menu previews {}",
            counts_line(before, *after)
        );
    }
    let (label, after) = fixes[0].clone();
    h.get_by_label(&label).click();
    h.run();
    assert_eq!(
        h.state().document().analysis().counts(),
        after,
        "applying the fix gives the counts it previewed"
    );
}

#[test]
fn a_fixs_change_line_names_the_district_and_what_it_does_there() {
    let mut h = in_empty_scenario();
    let (finding, fixes) = first_fixable(h.state());
    let place = {
        let state = h.state().document().state();
        place_name(
            state,
            finding.jurisdiction.as_ref().expect("a place"),
            Lang::Zh,
        )
    };
    h.get_all_by_label("修复")
        .next()
        .expect("a 修复 button")
        .click();
    h.run();
    h.get_by_label(&fixes[0].0).click();
    h.run();
    h.state_mut().push(Command::ShowTab(Tab::Changes));
    h.run();
    let step = h.state().document().history().cursor();
    let line = h
        .query_all_by_label_contains(&format!("{step}. "))
        .filter_map(|n| n.accesskit_node().label())
        .find(|l| l.starts_with("→ "))
        .expect("the 变更 list shows the fix's step");
    assert!(
        line.contains(&format!("在{place}")),
        "names the district: {line}"
    );
    assert!(
        ["主办", "协办", "退出主办"]
            .iter()
            .any(|w| line.contains(w)),
        "says what it does: {line}"
    );
}

#[test]
fn a_field_filter_narrows_the_findings_list_to_that_field() {
    let mut h = in_scenario();
    let (first, field, other) = {
        let app = h.state();
        let doc = app.document();
        let state = doc.state();
        let field_of = |f: &Finding| {
            f.power
                .as_ref()
                .and_then(|p| state.power(p))
                .map(|p| p.field.clone())
        };
        let first = app.derived().findings.get(0).cloned().expect("findings");
        let first_field = field_of(&first);
        let other = app
            .derived()
            .findings
            .iter()
            .find(|f| field_of(f).is_some() && field_of(f) != first_field)
            .cloned()
            .expect("a finding of another field");
        (first, field_of(&other), other)
    };
    let (first_message, other_message, total) = {
        let doc = h.state().document();
        (
            first.message(doc.state(), Lang::Zh),
            other.message(doc.state(), Lang::Zh),
            h.state().derived().findings.len(),
        )
    };
    assert!(
        h.query_by_label(&first_message).is_some(),
        "the first row is shown"
    );
    h.state_mut().ui_state_mut().filters.field = field.clone();
    h.run();
    assert!(
        h.query_by_label(&first_message).is_none(),
        "a finding of another field leaves the list"
    );
    assert!(
        h.query_by_label(&other_message).is_some(),
        "the first finding of the field heads the list"
    );
    let shown = {
        let app = h.state();
        let state = app.document().state();
        app.derived()
            .findings
            .iter()
            .filter(|f| {
                f.power
                    .as_ref()
                    .and_then(|p| state.power(p))
                    .is_some_and(|p| Some(&p.field) == field.as_ref())
            })
            .count()
    };
    assert!(shown < total);
    assert!(
        h.query_by_label(&format!("显示 {shown} / {total} 条"))
            .is_some(),
        "the list says how many of all it shows"
    );
}

#[test]
fn a_click_on_the_gap_count_lists_only_the_gaps() {
    let mut h = in_scenario();
    let (counts, overlap_message, gap_message, total) = {
        let app = h.state();
        let doc = app.document();
        let first_of = |kind: FindingKind| {
            app.derived()
                .findings
                .iter()
                .find(|f| f.kind == kind)
                .map(|f| f.message(doc.state(), Lang::Zh))
                .expect("one of each kind")
        };
        (
            doc.analysis().counts(),
            first_of(FindingKind::Overlap),
            first_of(FindingKind::Gap),
            app.derived().findings.len(),
        )
    };
    assert!(counts.gaps > 0 && counts.overlaps > 0);
    h.get_by_label(&format!("盲区 {}", counts.gaps)).click();
    h.run();
    assert!(
        h.query_by_label(&format!("显示 {} / {total} 条", counts.gaps))
            .is_some(),
        "only the gaps are listed"
    );
    assert!(h.query_by_label(&gap_message).is_some());
    assert!(
        h.query_by_label(&overlap_message).is_none(),
        "the overlaps leave the list"
    );
    // Clicking it again lists every finding.
    h.get_by_label(&format!("盲区 {}", counts.gaps)).click();
    h.run();
    assert!(
        h.query_by_label_contains(&format!(" / {total} 条"))
            .is_none(),
        "every finding is listed again"
    );
}
