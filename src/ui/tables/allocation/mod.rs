//! 分配表: one row per (power, district) with code, name, kind, field, basis, the lead body
//! before → after and the status. Rows follow the filters (field, kind, district, findings);
//! a click on a header sorts; only the visible rows are laid out (`ScrollArea::show_rows`).

pub mod rows;

use std::sync::Arc;

use egui::{Label, RichText, ScrollArea, Sense, Ui};

pub use self::rows::{AllocationRows, Row, Status};
use crate::ui::command::Command;
use crate::ui::i18n::T;
use crate::ui::panels::PanelCtx;
use crate::ui::state::Selection;
use crate::ui::theme;

impl Status {
    fn label(self) -> T {
        match self {
            Status::Gap => T::Gaps,
            Status::Overlap => T::Overlaps,
            Status::Changed => T::StatusChanged,
            Status::Ok => T::StatusOk,
        }
    }

    fn color(self) -> egui::Color32 {
        match self {
            Status::Gap => theme::GAP,
            Status::Overlap => theme::OVERLAP,
            Status::Changed => theme::CHANGED,
            Status::Ok => theme::OK,
        }
    }
}

const COLUMNS: [(T, f32); 8] = [
    (T::ColCode, 92.0),
    (T::Name, 230.0),
    (T::Kind, 74.0),
    (T::Field, 74.0),
    (T::Basis, 170.0),
    (T::ColBefore, 170.0),
    (T::ColAfter, 170.0),
    (T::ColStatus, 56.0),
];

/// The rows under the current filters and sort, brought up to date with the document (see
/// [`AllocationRows::refresh`]); shared with the frame that draws them.
fn current_rows(cx: &mut PanelCtx<'_>) -> Arc<AllocationRows> {
    let table = &mut cx.state.table;
    Arc::make_mut(&mut table.rows).refresh(
        cx.doc,
        cx.derived,
        &cx.state.filters,
        table.sort_column,
        table.descending,
    );
    table.rows.clone()
}

/// Draws the table.
pub fn show(ui: &mut Ui, cx: &mut PanelCtx<'_>) {
    let lang = cx.state.lang;
    let rows = current_rows(cx);
    ui.horizontal(|ui| {
        ui.label(RichText::new(T::TabAllocation.get(lang)).strong());
        ui.label(crate::ui::i18n::rows_count(lang, rows.len()));
        if cx.state.filters.any() && ui.button(T::CmdClearFilters.get(lang)).clicked() {
            cx.out.push(Command::ClearFilters);
        }
    });
    let row_h = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    ScrollArea::horizontal()
        .id_salt("allocation-h")
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                for (i, (label, width)) in COLUMNS.iter().enumerate() {
                    let arrow = match (cx.state.table.sort_column == i, cx.state.table.descending) {
                        (true, false) => " ↑",
                        (true, true) => " ↓",
                        _ => "",
                    };
                    let r = ui.add_sized(
                        [*width, row_h],
                        egui::Button::new(
                            RichText::new(format!("{}{arrow}", label.get(lang))).strong(),
                        )
                        .frame(false),
                    );
                    if r.clicked() {
                        let table = &mut cx.state.table;
                        if table.sort_column == i {
                            table.descending = !table.descending;
                        } else {
                            table.sort_column = i;
                            table.descending = false;
                        }
                    }
                }
            });
            ui.separator();
            let state = cx.doc.state();
            ScrollArea::vertical()
                .id_salt("allocation-v")
                .auto_shrink([false, false])
                .show_rows(ui, row_h, rows.len(), |ui, range| {
                    let before = cx.derived.baseline_coverage(cx.doc);
                    let coverage = &cx.doc.analysis().coverage;
                    for row in range.filter_map(|i| rows.get(i)) {
                        let Some(p) = state.power(row.power) else {
                            continue;
                        };
                        let district = cx.jurisdiction_name(row.district);
                        let cells = [
                            p.code.to_string(),
                            format!("{}（{district}）", p.name),
                            lang.pick(p.kind.label_zh(), p.kind.label_en()).to_owned(),
                            p.field.clone(),
                            p.basis.clone(),
                            rows::lead_names(cx.doc, before.leads(row.power, row.district)),
                            rows::lead_names(cx.doc, coverage.leads(row.power, row.district)),
                        ];
                        let r = ui
                            .horizontal(|ui| {
                                for (text, (_, width)) in cells.iter().zip(COLUMNS) {
                                    ui.add_sized(
                                        [width, row_h],
                                        Label::new(text.as_str()).truncate(),
                                    );
                                }
                                ui.add_sized(
                                    [COLUMNS[7].1, row_h],
                                    Label::new(
                                        RichText::new(row.status.label().get(lang))
                                            .color(row.status.color()),
                                    ),
                                );
                            })
                            .response
                            .interact(Sense::click());
                        if r.clicked() {
                            cx.out
                                .push(Command::Select(Selection::Power(row.power.clone())));
                        }
                    }
                });
        });
}
