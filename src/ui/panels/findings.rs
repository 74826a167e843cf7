//! The bottom panel: 问题清单, every finding with its severity and kind, errors first; clicking
//! one selects its body (or its power) and brings it into view in the lanes. An overlap or a gap
//! has a 修复 menu with its suggested fixes, each applied with one click (and undone with one). The list is
//! virtualised, so a plan with thousands of findings scrolls smoothly.

use egui::{RichText, ScrollArea, Ui};

use super::PanelCtx;
use crate::analysis::Finding;
use crate::ui::command::Command;
use crate::ui::i18n::{self, T};
use crate::ui::state::{Selection, Tab};
use crate::ui::theme;

/// Draws the findings list.
pub fn show(ui: &mut Ui, cx: &mut PanelCtx<'_>) {
    let lang = cx.state.lang;
    let mut findings: Vec<&Finding> = cx.doc.analysis().findings().collect();
    findings.sort_by_key(|f| f.severity);
    ui.horizontal(|ui| {
        ui.label(RichText::new(T::Findings.get(lang)).strong());
        let c = cx.derived.finding_counts;
        ui.label(i18n::finding_summary(lang, c.overlaps, c.gaps, c.rules));
    });
    if findings.is_empty() {
        ui.label(RichText::new(T::NoFindings.get(lang)).color(theme::OK));
        return;
    }
    let row_h = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    let state = cx.doc.state();
    let coverage = &cx.doc.analysis().coverage;
    ScrollArea::vertical()
        .id_salt("findings")
        .auto_shrink([false, false])
        .show_rows(ui, row_h, findings.len(), |ui, range| {
            for f in &findings[range] {
                ui.horizontal(|ui| {
                    ui.label(
                        RichText::new(f.severity.label(lang))
                            .color(theme::severity(f.severity))
                            .strong(),
                    );
                    ui.label(RichText::new(f.kind.label(lang)).color(theme::finding(f.kind)));
                    let fixes = crate::analysis::fixes::suggest(f, state, coverage);
                    if !fixes.is_empty() {
                        fix_menu(ui, cx, &fixes);
                    }
                    let message = f.message(state, lang);
                    if ui.selectable_label(false, message).clicked() {
                        focus(cx, f);
                    }
                });
            }
        });
}

/// The 修复 button of an overlap or a gap: each suggested fix, applied with one click.
fn fix_menu(ui: &mut Ui, cx: &mut PanelCtx<'_>, fixes: &[crate::analysis::fixes::Fix]) {
    let lang = cx.state.lang;
    ui.menu_button(T::Fix.get(lang), |ui| {
        for fix in fixes {
            if ui.button(fix.label(lang)).clicked() {
                cx.out.push(Command::ApplyAll(fix.operations.clone()));
            }
        }
    });
}

/// Focuses the graph on a finding: its first body, or the district's lane for a gap.
fn focus(cx: &mut PanelCtx<'_>, f: &Finding) {
    let target = match (f.bodies.first(), &f.jurisdiction) {
        (Some(b), _) => Selection::Body(b.clone()),
        (None, Some(j)) => Selection::Jurisdiction(j.clone()),
        (None, None) => Selection::None,
    };
    if let Some(p) = &f.power {
        // Show the power's chips in the bodies concerned.
        for b in &f.bodies {
            cx.state.canvas.expanded.insert(b.clone());
        }
        cx.state.canvas.selected_chips = f.bodies.iter().map(|b| (p.clone(), b.clone())).collect();
    }
    cx.out.push(Command::ShowTab(Tab::Lanes));
    cx.out.push(Command::Focus(target));
}
