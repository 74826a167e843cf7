//! 分配表: one row per (power, district) with code, name, kind, field, basis, the lead body
//! before → after and the status. Rows follow the filters (field, kind, district, findings);
//! a click on a header sorts; only the visible rows are laid out (`ScrollArea::show_rows`).

use std::sync::Arc;

use egui::{Label, RichText, ScrollArea, Sense, Ui};

use crate::model::{JurisdictionId, PowerId};
use crate::ui::command::Command;
use crate::ui::i18n::T;
use crate::ui::panels::PanelCtx;
use crate::ui::state::Selection;
use crate::ui::theme;

/// The status of one (power, district).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// No lead body.
    Gap,
    /// Several lead bodies.
    Overlap,
    /// One lead body, different from the baseline's.
    Changed,
    /// One lead body, as before.
    Ok,
}

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

/// One row.
#[derive(Clone, Debug)]
pub struct Row {
    /// The power.
    pub power: PowerId,
    /// The district.
    pub district: JurisdictionId,
    /// Lead bodies before, by name.
    pub before: String,
    /// Lead bodies now, by name.
    pub after: String,
    /// Status.
    pub status: Status,
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

/// The rows under the current filters, sorted as the table state says.
pub fn rows(cx: &PanelCtx<'_>) -> Vec<Row> {
    let state = cx.doc.state();
    let coverage = &cx.doc.analysis().coverage;
    let before = cx.derived.baseline_coverage(cx.doc);
    let names = |ids: &[crate::model::BodyId]| {
        ids.iter()
            .map(|b| {
                state
                    .body(b)
                    .or_else(|| cx.doc.baseline().body(b))
                    .map_or_else(|| b.to_string(), |x| x.name.clone())
            })
            .collect::<Vec<_>>()
            .join("、")
    };
    let mut rows = Vec::new();
    for power in &cx.derived.powers_passing {
        for district in coverage.districts() {
            if cx
                .state
                .filters
                .district
                .as_ref()
                .is_some_and(|d| d != district)
            {
                continue;
            }
            let now = coverage.leads(power, district);
            let was = before.leads(power, district);
            let status = match now.len() {
                0 => Status::Gap,
                1 if now != was => Status::Changed,
                1 => Status::Ok,
                _ => Status::Overlap,
            };
            if cx.state.filters.only_findings && matches!(status, Status::Ok | Status::Changed) {
                continue;
            }
            if cx.state.filters.only_changed && now == was {
                continue;
            }
            rows.push(Row {
                power: power.clone(),
                district: district.clone(),
                before: names(was),
                after: names(now),
                status,
            });
        }
    }
    let column = cx.state.table.sort_column;
    let key = |r: &Row| -> (String, String) {
        let p = state.power(&r.power);
        let text = match column {
            1 => p.map(|p| p.name.clone()),
            2 => p.map(|p| p.kind.label_zh().to_owned()),
            3 => p.map(|p| p.field.clone()),
            4 => p.map(|p| p.basis.clone()),
            5 => Some(r.before.clone()),
            6 => Some(r.after.clone()),
            _ => None,
        };
        (text.unwrap_or_default(), r.power.to_string())
    };
    if column == 7 {
        rows.sort_by(|a, b| {
            a.status
                .cmp(&b.status)
                .then_with(|| a.district.cmp(&b.district))
        });
    } else {
        // Each row's key once (a province has half a million rows), not once per comparison.
        rows.sort_by_cached_key(|r| (key(r), r.district.clone()));
    }
    if cx.state.table.descending {
        rows.reverse();
    }
    rows
}

/// The rows as last built, and what they were built for: the document's revision, the filters
/// and the sort. Building them walks every (power, district) pair, so it happens when one of
/// those changes, not every frame.
pub type RowsCache = Option<((u64, crate::ui::state::Filters, usize, bool), Arc<Vec<Row>>)>;

fn cached_rows(cx: &mut PanelCtx<'_>) -> Arc<Vec<Row>> {
    let key = (
        cx.doc.revision(),
        cx.state.filters.clone(),
        cx.state.table.sort_column,
        cx.state.table.descending,
    );
    if let Some((k, rows)) = &cx.state.table.rows
        && k == &key
    {
        return rows.clone();
    }
    let rows = Arc::new(rows(cx));
    cx.state.table.rows = Some((key, rows.clone()));
    rows
}

/// Draws the table.
pub fn show(ui: &mut Ui, cx: &mut PanelCtx<'_>) {
    let lang = cx.state.lang;
    let rows = cached_rows(cx);
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
                    for row in &rows[range] {
                        let Some(p) = state.power(&row.power) else {
                            continue;
                        };
                        let district = cx.jurisdiction_name(&row.district);
                        let cells = [
                            p.code.to_string(),
                            format!("{}（{district}）", p.name),
                            lang.pick(p.kind.label_zh(), p.kind.label_en()).to_owned(),
                            p.field.clone(),
                            p.basis.clone(),
                            row.before.clone(),
                            row.after.clone(),
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
