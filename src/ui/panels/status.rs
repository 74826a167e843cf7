//! The status bar: counts of overlaps, gaps and rule findings, the view, the file path with an
//! unsaved marker, and the last message (an error in red).
//!
//! Each count is a button: a click lists only findings of that kind in the 问题清单 (the
//! `finding_kind` filter), a second click lists them all again.

use egui::{RichText, Ui};

use super::PanelCtx;
use crate::analysis::FindingKind;
use crate::ui::i18n::{self, T};
use crate::ui::theme;

/// Draws the status bar.
pub fn show(ui: &mut Ui, cx: &mut PanelCtx<'_>, path: Option<&std::path::Path>) {
    let lang = cx.state.lang;
    let c = cx.derived.finding_counts;
    let active = cx.state.filters.finding_kind;
    ui.horizontal(|ui| {
        for (kind, label, n, color) in [
            (
                FindingKind::Overlap,
                T::Overlaps,
                c.overlaps,
                theme::OVERLAP,
            ),
            (FindingKind::Gap, T::Gaps, c.gaps, theme::GAP),
            (FindingKind::Rule, T::Rules, c.rules, theme::RULE),
        ] {
            let on = active == Some(kind);
            let text = RichText::new(format!("{} {n}", label.get(lang))).color(color);
            let response = ui
                .selectable_label(on, text)
                .on_hover_text(i18n::findings::count_tip(lang, kind, on));
            if response.clicked() {
                cx.state.filters.finding_kind = if on { None } else { Some(kind) };
            }
        }
        ui.separator();
        let state = cx.doc.state();
        ui.label(crate::ui::i18n::state_counts(
            lang,
            state.bodies().len(),
            state.powers().len(),
            state.holding_count(),
        ));
        ui.separator();
        let file = path.map_or_else(
            || T::NoFile.get(lang).to_owned(),
            |p| p.display().to_string(),
        );
        ui.label(file);
        if cx.doc.is_dirty() {
            ui.label(
                RichText::new(T::Unsaved.get(lang))
                    .color(theme::OVERLAP)
                    .strong(),
            );
        }
        if let Some(m) = &cx.state.message {
            ui.separator();
            let color = if m.error {
                theme::ERROR_TEXT
            } else {
                theme::TEXT_WEAK
            };
            ui.label(RichText::new(&m.text).color(color));
        }
    });
}
