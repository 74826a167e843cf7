//! The inspector's review opinions of a body or a power: how many are open (a badge that
//! opens the 审核意见 tab), each opinion on it in a line (status, office, text), and the button
//! that adds one (添加审核意见…).

use egui::{RichText, Ui};

use crate::plan::Target;
use crate::text::review::status_label;
use crate::ui::i18n::review;
use crate::ui::panels::PanelCtx;
use crate::ui::theme;

/// Draws the opinions of `target` (named `label` in the dialog).
pub(super) fn section(ui: &mut Ui, cx: &mut PanelCtx<'_>, target: &Target, label: &str) {
    let lang = cx.state.lang;
    let doc = cx.doc;
    let on: Vec<_> = doc
        .opinions()
        .iter()
        .filter(|o| &o.target == target)
        .collect();
    let open = on.iter().filter(|o| o.is_open()).count();
    ui.horizontal_wrapped(|ui| {
        if open > 0 {
            crate::ui::panels::findings::opinion_badge(ui, cx, open);
            ui.label(RichText::new(review::open_here(lang, open)).color(theme::OPINION));
        }
        if ui.small_button(review::add(lang)).clicked() {
            crate::ui::panels::opinion::open(cx, target.clone(), label.to_owned());
        }
    });
    for opinion in on {
        let color = if opinion.is_open() {
            theme::OPINION
        } else {
            theme::TEXT_WEAK
        };
        ui.label(
            RichText::new(format!(
                "[{}] {}{}{}",
                status_label(opinion.status, lang),
                opinion.office,
                lang.pick("：", ": "),
                opinion.text
            ))
            .small()
            .color(color),
        );
    }
}
