//! The bottom panel: 问题清单, every finding with its severity and kind, errors first; clicking
//! one selects its body (or its power) and brings it into view in the lanes. An overlap or a gap
//! has a 修复 menu with its suggested fixes, each applied with one click (and undone with one).
//!
//! A province has tens of thousands of findings, so nothing here walks them all per frame: the
//! rows in order (most severe first) come from [`crate::ui::derived::Derived`], the list is
//! virtualised (`ScrollArea::show_rows`), and a row's sentence is built once per document
//! revision and language, when the row first scrolls into view ([`RowTexts`]). Its suggested
//! fixes scan every power of the finding's field, so they are looked for only when its 修复
//! menu opens, and kept while it stays open.

use std::collections::HashMap;

use egui::{RichText, ScrollArea, Ui};

use super::PanelCtx;
use crate::analysis::Finding;
use crate::analysis::fixes::{self, Fix};
use crate::lang::Lang;
use crate::ui::command::Command;
use crate::ui::i18n::{self, T};
use crate::ui::state::{Selection, Tab};
use crate::ui::theme;

/// What a row shows that is costly to build: the finding's sentence, and its suggested fixes
/// once its 修复 menu has been opened.
#[derive(Clone, Debug)]
struct RowText {
    message: String,
    fixes: Option<Vec<Fix>>,
}

/// The rows' texts built so far, for one document revision and language (rows are keyed by
/// their position in the list).
#[derive(Clone, Debug, Default)]
pub struct RowTexts {
    key: Option<(u64, Lang)>,
    rows: HashMap<usize, RowText>,
}

impl RowTexts {
    /// Forgets the texts of another revision or language.
    fn keep_for(&mut self, revision: u64, lang: Lang) {
        if self.key != Some((revision, lang)) {
            self.key = Some((revision, lang));
            self.rows.clear();
        }
    }
}

/// Draws the findings list.
pub fn show(ui: &mut Ui, cx: &mut PanelCtx<'_>) {
    let lang = cx.state.lang;
    let findings = &cx.derived.findings;
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
    let mut texts = std::mem::take(&mut cx.state.finding_texts);
    texts.keep_for(cx.doc.revision(), lang);
    ScrollArea::vertical()
        .id_salt("findings")
        .auto_shrink([false, false])
        .show_rows(ui, row_h, findings.len(), |ui, range| {
            for index in range {
                let Some(f) = findings.get(index) else {
                    break;
                };
                let text = texts.rows.entry(index).or_insert_with(|| RowText {
                    message: f.message(state, lang),
                    fixes: None,
                });
                ui.horizontal(|ui| {
                    ui.label(
                        RichText::new(f.severity.label(lang))
                            .color(theme::severity(f.severity))
                            .strong(),
                    );
                    ui.label(RichText::new(f.kind.label(lang)).color(theme::finding(f.kind)));
                    if fixes::may_fix(f) {
                        fix_menu(ui, cx, f, &mut text.fixes);
                    }
                    if ui.selectable_label(false, text.message.as_str()).clicked() {
                        focus(cx, f);
                    }
                });
            }
        });
    cx.state.finding_texts = texts;
}

/// The 修复 button of an overlap or a gap: when opened, each suggested fix (looked for on the
/// first frame it is open), applied with one click.
fn fix_menu(ui: &mut Ui, cx: &mut PanelCtx<'_>, finding: &Finding, found: &mut Option<Vec<Fix>>) {
    let lang = cx.state.lang;
    ui.menu_button(T::Fix.get(lang), |ui| {
        let fixes = found.get_or_insert_with(|| {
            fixes::suggest(finding, cx.doc.state(), &cx.doc.analysis().coverage)
        });
        if fixes.is_empty() {
            ui.label(RichText::new(T::NoFix.get(lang)).color(theme::TEXT_WEAK));
        }
        for fix in fixes.iter() {
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
