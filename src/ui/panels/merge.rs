//! The merge dialog (合并方案, issue 19): every conflict of the merge of the open plan (ours)
//! with another office's copy (theirs), with its place in the plan file, what happened, the
//! base's, ours' and theirs' values, and the side the merged plan takes, which the user may
//! change where there is a choice. Applying merges again with those sides
//! ([`crate::ui::merging`]).

use egui::{RichText, Ui};

use super::PanelCtx;
use crate::merge::{Side, kind_text, value_text};
use crate::ui::command::Command;
use crate::ui::i18n::T;
use crate::ui::merging::choices_at;
use crate::ui::panels::Dialog;
use crate::ui::theme;

/// Draws the dialog; a choice changes the dialog's state in place.
pub fn show(ui: &mut Ui, cx: &mut PanelCtx<'_>) {
    let Some(Dialog::Merge(mut d)) = cx.dialog.clone() else {
        return;
    };
    let lang = cx.state.lang;
    ui.set_min_width(640.0);
    ui.set_max_width(860.0);
    ui.heading(T::MergeTitle.get(lang));
    let colon = lang.pick("：", ": ");
    let file_row = |ui: &mut Ui, label: T, path: &std::path::Path| {
        ui.label(format!("{}{colon}{}", label.get(lang), path.display()));
    };
    file_row(ui, T::MergeBase, &d.base_path);
    file_row(ui, T::MergeTheirs, &d.theirs_path);
    ui.separator();
    let mut chosen = Vec::new();
    if d.conflicts.is_empty() {
        ui.label(T::MergeNoConflict.get(lang));
    } else {
        ui.label(crate::ui::i18n::merge_conflicts(lang, d.conflicts.len()));
        egui::ScrollArea::vertical()
            .max_height(440.0)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                for (i, conflict) in d.conflicts.iter().enumerate() {
                    ui.group(|ui| {
                        ui.set_width(ui.available_width());
                        // The record by its name; its path in the file (ids) on hover, or
                        // alone where the place is not in a named record (the rules).
                        let path = conflict.place.to_string();
                        match d.records.get(i).and_then(Option::as_ref) {
                            Some(record) => {
                                ui.label(
                                    RichText::new(format!("{}. {}", i + 1, record.caption(lang)))
                                        .strong(),
                                )
                                .on_hover_text(path);
                            }
                            None => {
                                ui.label(
                                    RichText::new(format!("{}. {path}", i + 1))
                                        .strong()
                                        .monospace(),
                                );
                            }
                        }
                        ui.label(kind_text(&conflict.kind, lang));
                        let values = [
                            (T::MergeBase, &conflict.base),
                            (T::MergeOurs, &conflict.ours),
                            (T::MergeTheirs, &conflict.theirs),
                        ];
                        for (label, value) in values {
                            ui.horizontal_wrapped(|ui| {
                                ui.label(
                                    RichText::new(format!("{}{colon}", label.get(lang)))
                                        .color(theme::TEXT_WEAK),
                                );
                                let text = value_text(value.as_ref(), lang);
                                ui.add(
                                    egui::Label::new(RichText::new(text).monospace().small())
                                        .wrap(),
                                );
                            });
                        }
                        let options = choices_at(conflict);
                        if options.is_empty() {
                            let note = if conflict.held.is_none() {
                                T::MergeLeftOut
                            } else {
                                T::MergeKept
                            };
                            ui.label(RichText::new(note.get(lang)).italics());
                            return;
                        }
                        ui.horizontal(|ui| {
                            ui.label(T::MergeTake.get(lang));
                            let now = d.side_of(conflict);
                            for side in options {
                                let label = match side {
                                    Side::Base => T::MergeBase,
                                    Side::Ours => T::MergeOurs,
                                    Side::Theirs => T::MergeTheirs,
                                };
                                if ui.radio(now == Some(*side), label.get(lang)).clicked() {
                                    chosen.push((conflict.place.clone(), *side));
                                }
                            }
                        });
                    });
                }
            });
    }
    d.choices.extend(chosen);
    ui.label(
        RichText::new(T::MergeAfter.get(lang))
            .small()
            .color(theme::TEXT_WEAK),
    );
    ui.separator();
    ui.horizontal(|ui| {
        if ui
            .button(RichText::new(T::MergeApply.get(lang)).strong())
            .clicked()
        {
            cx.out.push(Command::ApplyMerge);
        }
        if ui.button(T::Cancel.get(lang)).clicked() {
            cx.out.push(Command::CloseDialog);
        }
    });
    if let Some(Dialog::Merge(slot)) = &mut *cx.dialog {
        *slot = d;
    }
}
