//! 分配表: one row per (power, territory) with code, name, the territory (辖区: a street by its
//! full name, 「甲区东街道」, or a district), kind, field, basis, the lead body before → after and
//! the status. Rows follow the filters (field, kind, district, findings); a click on a header
//! sorts (the 辖区 column does not: rows of one power are in territory order already); only the
//! visible rows are laid out (`ScrollArea::show_rows`).

pub mod rows;

use std::sync::Arc;

use egui::{Label, RichText, ScrollArea, Sense, Ui};

pub use self::rows::{AllocationRows, Row, Status};
use crate::analysis::finding::place_name;
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

/// The columns as shown: header, width and the sort column it stands for (`None`: it does not
/// sort).
const COLUMNS: [(T, f32, Option<rows::SortColumn>); 9] = [
    (T::ColCode, 92.0, Some(0)),
    (T::Name, 210.0, Some(1)),
    (T::ColPlace, 120.0, None),
    (T::Kind, 74.0, Some(2)),
    (T::Field, 74.0, Some(3)),
    (T::Basis, 150.0, Some(4)),
    (T::ColBefore, 160.0, Some(5)),
    (T::ColAfter, 160.0, Some(6)),
    (T::ColStatus, 56.0, Some(7)),
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
                for (label, width, sort) in COLUMNS {
                    let Some(i) = sort else {
                        ui.add_sized(
                            [width, row_h],
                            Label::new(RichText::new(label.get(lang)).strong()),
                        );
                        continue;
                    };
                    let arrow = match (cx.state.table.sort_column == i, cx.state.table.descending) {
                        (true, false) => " ↑",
                        (true, true) => " ↓",
                        _ => "",
                    };
                    let r = ui.add_sized(
                        [width, row_h],
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
                        let place = place_name(state, row.district, lang);
                        let cells = [
                            p.code.to_string(),
                            p.name.clone(),
                            place,
                            lang.pick(p.kind.label_zh(), p.kind.label_en()).to_owned(),
                            p.field.clone(),
                            p.basis.clone(),
                            rows::lead_names(cx.doc, before.leads(row.power, row.district)),
                            rows::lead_names(cx.doc, coverage.leads(row.power, row.district)),
                        ];
                        let r = ui
                            .horizontal(|ui| {
                                for (text, (_, width, _)) in cells.iter().zip(COLUMNS) {
                                    ui.add_sized(
                                        [width, row_h],
                                        Label::new(text.as_str()).truncate(),
                                    );
                                }
                                ui.add_sized(
                                    [COLUMNS[8].1, row_h],
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
