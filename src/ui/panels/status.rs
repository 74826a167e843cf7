//! The status bar: counts of overlaps, gaps and rule findings, the view, the file path with an
//! unsaved marker, and the last message (an error in red).

use egui::{RichText, Ui};

use super::PanelCtx;
use crate::ui::i18n::T;
use crate::ui::theme;

/// Draws the status bar.
pub fn show(ui: &mut Ui, cx: &PanelCtx<'_>, path: Option<&std::path::Path>) {
    let lang = cx.state.lang;
    let c = cx.derived.finding_counts;
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(format!("{} {}", T::Overlaps.get(lang), c.overlaps))
                .color(theme::OVERLAP),
        );
        ui.label(RichText::new(format!("{} {}", T::Gaps.get(lang), c.gaps)).color(theme::GAP));
        ui.label(RichText::new(format!("{} {}", T::Rules.get(lang), c.rules)).color(theme::RULE));
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
