//! 变更: the view's operations as sentences ("将 市园林绿化管理所 下划至 甲区，随带编制 23 名"),
//! with the undo cursor visible: applied steps in full colour, the current step marked, and the
//! later steps (after the cursor) greyed and marked as not applied, with a hint that an edit
//! made now first asks what to do with them (issue 17: history never loses work). Clicking a
//! step jumps there (`Document::jump_to`); the first row is the start.

use egui::{RichText, ScrollArea, Ui};

use crate::ui::command::Command;
use crate::ui::i18n::{T, history, sentences};
use crate::ui::panels::PanelCtx;
use crate::ui::theme;

/// Draws the list.
pub fn show(ui: &mut Ui, cx: &mut PanelCtx<'_>) {
    let lang = cx.state.lang;
    let history = cx.doc.history();
    let cursor = history.cursor();
    let entries = history.entries();
    let later = entries.len() - cursor;
    ui.horizontal(|ui| {
        ui.label(RichText::new(T::TabChanges.get(lang)).strong());
        ui.label(crate::ui::i18n::steps(lang, cursor, entries.len()));
    });
    if later > 0 {
        ui.label(
            RichText::new(history::later_hint(lang, later))
                .small()
                .color(theme::TEXT_WEAK),
        );
    }
    ui.separator();
    let row_h = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    let names = sentences::Names::new(cx.doc.state(), cx.doc.baseline()).with_history(entries);
    ScrollArea::vertical()
        .id_salt("changes")
        .auto_shrink([false, false])
        .show_rows(ui, row_h, entries.len() + 1, |ui, range| {
            for step in range {
                let current = step == cursor;
                let marker = if current { "→ " } else { "   " };
                let text = if step == 0 {
                    format!("{marker}0. {}", T::Start.get(lang))
                } else {
                    let entry = &entries[step - 1];
                    let sentence = sentences::entry(entry, &names, lang);
                    if step > cursor {
                        format!("{marker}{step}. {sentence}{}", history::not_applied(lang))
                    } else {
                        format!("{marker}{step}. {sentence}")
                    }
                };
                let mut rich = RichText::new(text);
                if step > cursor {
                    rich = rich.color(theme::DIMMED).italics();
                } else if current {
                    rich = rich.strong().color(theme::SELECTED);
                }
                if ui.selectable_label(current, rich).clicked() && !current {
                    cx.out.push(Command::JumpTo(step));
                }
            }
        });
}
