//! 分配表: one row per (power, territory) with code, name, the territory (辖区: a street by its
//! full name, 「甲区东街道」, a district, or 全市 for a plan without districts), kind, field,
//! basis, the lead body before → after and the status. Rows follow the filters (field, kind,
//! district, findings); a click on a header sorts (the 辖区 column does not: rows of one power
//! are in territory order already); only the visible rows are laid out
//! (`ScrollArea::show_rows`).
//!
//! The columns fit the central panel (issue 17: at 1600 px the 状态 column was cut off under
//! the inspector): each has a narrowest width and a share of the room left over, so that at a
//! 1280 px window with both side panels open every column shows, in Chinese and in English.
//! Text that does not fit is cut with an ellipsis and shown whole on hover. A column's right
//! edge in the header can be dragged to resize it (the widths are view state, kept in egui's
//! memory like egui-snarl's, not in the plan); a double-click there gives the fitted widths
//! back. Only when the columns were widened past the panel does the table scroll sideways.

use egui::{Align, Label, Layout, Rect, RichText, ScrollArea, Sense, Ui, UiBuilder, pos2, vec2};

use crate::text::Label as _;
pub use crate::ui::cache::allocation::{AllocationRows, Row, SortColumn, Status, lead_names};
use crate::ui::command::{Action, Command};
use crate::ui::i18n::T;
use crate::ui::i18n::tables::Tt;
pub use crate::ui::i18n::tables::territory_text;
use crate::ui::panels::PanelCtx;
use crate::ui::state::Selection;
use crate::ui::theme;

impl Status {
    /// The status's name in the table.
    pub fn label(self) -> T {
        match self {
            Status::Gap => T::Gaps,
            Status::Overlap => T::Overlaps,
            Status::Changed => T::StatusChanged,
            Status::Ok => T::StatusOk,
        }
    }

    /// The status's colour.
    pub fn color(self) -> egui::Color32 {
        match self {
            Status::Gap => theme::GAP,
            Status::Overlap => theme::OVERLAP,
            Status::Changed => theme::CHANGED,
            Status::Ok => theme::OK,
        }
    }
}

/// A column as shown: its header, the narrowest it gets, its share of the room left over, and
/// the sort column it stands for (`None`: it does not sort).
#[derive(Clone, Copy, Debug)]
pub struct Column {
    /// The header.
    pub label: T,
    /// The narrowest width, in points.
    pub min_w: f32,
    /// Its share of the width beyond the narrowest.
    pub weight: f32,
    /// The sort column it stands for.
    pub sort: Option<SortColumn>,
}

const fn column(label: T, min_w: f32, weight: f32, sort: Option<SortColumn>) -> Column {
    Column {
        label,
        min_w,
        weight,
        sort,
    }
}

/// The columns, left to right. Their narrowest widths (at least their headers', and the 辖区
/// column its longest territory's, see [`column_widths`]) add up to about 730 points for the
/// seed in Chinese and 720 in English: the central panel of a 1280 px window with the side
/// panels at their default widths is about 750.
pub const COLUMNS: [Column; 9] = [
    column(T::ColCode, 78.0, 0.4, Some(0)),
    column(T::Name, 110.0, 3.0, Some(1)),
    column(T::ColPlace, 72.0, 0.6, None),
    column(T::Kind, 60.0, 0.2, Some(2)),
    column(T::Field, 64.0, 0.4, Some(3)),
    column(T::Basis, 56.0, 2.0, Some(4)),
    column(T::ColBefore, 84.0, 1.4, Some(5)),
    column(T::ColAfter, 84.0, 1.4, Some(6)),
    column(T::ColStatus, 52.0, 0.2, Some(7)),
];

/// Room between a cell's text and the next column.
pub const CELL_PAD: f32 = 6.0;

/// The widths of columns that share `room` points: each its narrowest, and what is left over
/// shared by weight; if the narrowest widths do not fit, those (the table then scrolls).
pub fn fit_widths(columns: &[(f32, f32)], room: f32) -> Vec<f32> {
    let narrowest: f32 = columns.iter().map(|c| c.0).sum();
    let weights: f32 = columns.iter().map(|c| c.1).sum();
    let spare = (room - narrowest).max(0.0);
    columns
        .iter()
        .map(|&(min_w, weight)| {
            if weights > 0.0 {
                min_w + spare * weight / weights
            } else {
                min_w
            }
        })
        .collect()
}

/// Where the widths a user dragged are kept (egui's memory: view state, not the plan's).
fn widths_id() -> egui::Id {
    egui::Id::unique("allocation-column-widths")
}

/// The columns' widths: those the user dragged, else fitted to `room`. A column is never
/// narrower than its header (with the sort arrow, when it sorts the rows), nor the status
/// column than its longest status, in the language shown.
fn column_widths(ui: &Ui, cx: &PanelCtx<'_>, room: f32) -> Vec<f32> {
    let dragged: Option<Vec<f32>> = ui.data(|d| d.get_temp(widths_id()));
    if let Some(w) = dragged.filter(|w| w.len() == COLUMNS.len()) {
        return w;
    }
    let lang = cx.state.lang;
    let font = egui::TextStyle::Body.resolve(ui.style());
    let measure = |text: &str| {
        ui.painter()
            .layout_no_wrap(text.to_owned(), font.clone(), egui::Color32::PLACEHOLDER)
            .size()
            .x
    };
    let columns = COLUMNS.map(|c| {
        let arrow = if c.sort == Some(cx.state.table.sort_column) {
            measure(" ↓")
        } else {
            0.0
        };
        let mut min_w = c
            .min_w
            .max(measure(c.label.get(lang)) + arrow + CELL_PAD + 2.0);
        if c.label == T::ColPlace {
            min_w = min_w.max(measure(cx.caches.allocation.longest_territory()) + CELL_PAD + 2.0);
        }
        if c.label == T::ColStatus {
            for status in [Status::Gap, Status::Overlap, Status::Changed, Status::Ok] {
                min_w = min_w.max(measure(status.label().get(lang)) + CELL_PAD + 2.0);
            }
        }
        (min_w, c.weight)
    });
    fit_widths(&columns, room)
}

/// Draws the table.
pub fn show(ui: &mut Ui, cx: &mut PanelCtx<'_>) {
    let lang = cx.state.lang;
    let rows = cx.caches.allocation.rows.clone();
    let searched = cx.caches.allocation.searched().cloned();
    let shown = searched.as_ref().map_or(rows.len(), |s| s.indices.len());
    ui.horizontal(|ui| {
        ui.label(RichText::new(T::TabAllocation.get(lang)).strong());
        ui.label(crate::ui::i18n::rows_count(lang, shown));
        if searched.is_some() {
            ui.label(
                RichText::new(crate::ui::i18n::help::table_searched(
                    lang,
                    cx.state.search.trim(),
                ))
                .color(theme::TEXT_WEAK),
            );
        }
        if cx.state.filters.any() && ui.button(T::CmdClearFilters.get(lang)).clicked() {
            cx.out.push(Command::ClearFilters);
        }
    });
    let row_h = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    // The room beside the vertical scroll bar.
    let room = ui.available_width() - ui.spacing().scroll.allocated_width();
    let widths = column_widths(ui, cx, room);
    let total_w: f32 = widths.iter().sum();
    ScrollArea::horizontal()
        .id_salt("allocation-h")
        .show(ui, |ui| {
            header(ui, cx, &widths, row_h);
            ui.separator();
            let state = cx.doc.state();
            ScrollArea::vertical()
                .id_salt("allocation-v")
                .auto_shrink([false, false])
                .show_rows(ui, row_h, shown, |ui, range| {
                    let before = cx.derived.baseline_coverage(cx.doc);
                    let coverage = &cx.doc.analysis().coverage;
                    let index = |i: usize| match &searched {
                        Some(s) => s.indices.get(i).copied(),
                        None => Some(i),
                    };
                    for row in range.filter_map(index).filter_map(|i| rows.get(i)) {
                        let Some(p) = state.power(row.power) else {
                            continue;
                        };
                        let (rect, response) =
                            ui.allocate_exact_size(vec2(total_w, row_h), Sense::click());
                        let selected =
                            matches!(&cx.state.selection, Selection::Power(s) if s == row.power);
                        if selected {
                            ui.painter().rect_filled(rect, 2.0, theme::SELECTED_FILL);
                        } else if response.hovered() {
                            ui.painter()
                                .rect_filled(rect, 2.0, ui.visuals().faint_bg_color);
                        }
                        let cells = [
                            p.code.to_string(),
                            p.name.clone(),
                            territory_text(state, row.district, lang),
                            p.kind.label(lang).to_owned(),
                            p.field.clone(),
                            p.basis.clone(),
                            lead_names(cx.doc, before.leads(row.power, row.district)),
                            lead_names(cx.doc, coverage.leads(row.power, row.district)),
                        ];
                        let open = cx.derived.opinions.row_count(row.power, row.district);
                        let mut x = rect.left();
                        for (text, width) in cells.into_iter().zip(&widths) {
                            let text = if selected {
                                RichText::new(text).color(theme::TEXT)
                            } else {
                                RichText::new(text)
                            };
                            cell(ui, cell_rect(x, rect, *width), text);
                            x += width;
                        }
                        let status = row.status;
                        cell(
                            ui,
                            cell_rect(x, rect, widths[COLUMNS.len() - 1]),
                            RichText::new(status.label().get(lang)).color(status.color()),
                        );
                        if open > 0 {
                            // At the right end of the name's cell.
                            let name = cell_rect(rect.left() + widths[0], rect, widths[1]);
                            opinion_badge(ui, name, open, lang);
                        }
                        if response.clicked() {
                            cx.out
                                .push(Action::Select(Selection::Power(row.power.clone())));
                        }
                    }
                });
        });
}

/// The badge of a row's open review opinions (意见 N), at the right end of `cell`.
fn opinion_badge(ui: &Ui, cell: Rect, open: usize, lang: crate::text::Lang) {
    let text = crate::ui::i18n::review::badge(lang, open);
    let font = egui::FontId::proportional(11.0);
    let galley = ui
        .painter()
        .layout_no_wrap(text, font, egui::Color32::WHITE);
    let size = galley.size() + vec2(8.0, 2.0);
    let badge = Rect::from_min_size(
        pos2(cell.right() - size.x, cell.center().y - size.y / 2.0),
        size,
    );
    ui.painter()
        .rect_filled(badge, size.y / 2.0, theme::OPINION);
    ui.painter().galley(
        badge.center() - galley.size() / 2.0,
        galley,
        egui::Color32::WHITE,
    );
}

/// The rectangle of a cell that starts at `x` in a row.
fn cell_rect(x: f32, row: Rect, width: f32) -> Rect {
    Rect::from_min_max(
        pos2(x, row.top()),
        pos2(x + (width - CELL_PAD).max(8.0), row.bottom()),
    )
}

/// One cell: its text on one line, cut with an ellipsis (whole on hover), vertically centred.
fn cell(ui: &mut Ui, rect: Rect, text: RichText) {
    ui.scope_builder(
        UiBuilder::new()
            .max_rect(rect)
            .layout(Layout::left_to_right(Align::Center)),
        |ui| {
            ui.add(Label::new(text).truncate().selectable(false));
        },
    );
}

/// The header row: a button per sortable column (a click sorts, again reverses), a handle on
/// each column's right edge to drag its width (a double-click gives the fitted widths back).
fn header(ui: &mut Ui, cx: &mut PanelCtx<'_>, widths: &[f32], row_h: f32) {
    let lang = cx.state.lang;
    let total_w: f32 = widths.iter().sum();
    let (rect, _) = ui.allocate_exact_size(vec2(total_w, row_h), Sense::hover());
    let mut x = rect.left();
    let mut dragged: Option<(usize, f32)> = None;
    let mut reset = false;
    for (i, (col, width)) in COLUMNS.iter().zip(widths).enumerate() {
        let cell_rect = cell_rect(x, rect, *width);
        match col.sort {
            None => {
                ui.scope_builder(
                    UiBuilder::new()
                        .max_rect(cell_rect)
                        .layout(Layout::left_to_right(Align::Center)),
                    |ui| {
                        ui.add(
                            Label::new(RichText::new(col.label.get(lang)).strong())
                                .truncate()
                                .selectable(false),
                        );
                    },
                );
            }
            Some(sort) => {
                let arrow = match (
                    cx.state.table.sort_column == sort,
                    cx.state.table.descending,
                ) {
                    (true, false) => " ↑",
                    (true, true) => " ↓",
                    _ => "",
                };
                let clicked = ui
                    .scope_builder(
                        UiBuilder::new()
                            .max_rect(cell_rect)
                            .layout(Layout::left_to_right(Align::Center)),
                        |ui| {
                            ui.add(
                                egui::Button::new(
                                    RichText::new(format!("{}{arrow}", col.label.get(lang)))
                                        .strong(),
                                )
                                .frame(false)
                                .truncate(),
                            )
                            .clicked()
                        },
                    )
                    .inner;
                if clicked {
                    let table = &mut cx.state.table;
                    if table.sort_column == sort {
                        table.descending = !table.descending;
                    } else {
                        table.sort_column = sort;
                        table.descending = false;
                    }
                }
            }
        }
        x += width;
        // The handle on the column's right edge (the last one's too: it widens the table).
        let edge =
            Rect::from_center_size(pos2(x - CELL_PAD / 2.0, rect.center().y), vec2(6.0, row_h));
        let handle = ui
            .interact(
                edge,
                ui.scope_id().with(("allocation-resize", i)),
                Sense::click_and_drag(),
            )
            .on_hover_cursor(egui::CursorIcon::ResizeColumn)
            .on_hover_text(Tt::ColumnsHelp.get(lang));
        let stroke = if handle.hovered() || handle.dragged() {
            ui.visuals().widgets.hovered.fg_stroke
        } else {
            ui.visuals().widgets.noninteractive.bg_stroke
        };
        ui.painter().vline(edge.center().x, rect.y_range(), stroke);
        if handle.double_clicked() {
            reset = true;
        } else if handle.dragged() {
            dragged = Some((i, handle.drag_delta().x));
        }
    }
    if reset {
        ui.data_mut(|d| d.remove::<Vec<f32>>(widths_id()));
    } else if let Some((i, dx)) = dragged {
        let mut now = widths.to_vec();
        now[i] = (now[i] + dx).max(COLUMNS[i].min_w);
        ui.data_mut(|d| d.insert_temp(widths_id(), now));
    }
}
