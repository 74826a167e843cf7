//! The matrix as drawn: the cells in view on their heat shading, the pinned field column, 本市
//! column and header row, the 合计 column and row at the edges, headers that open a district's
//! streets, and the cells' tooltips.

use egui::{Align, Label, Layout, Rect, RichText, Sense, Ui, UiBuilder, pos2, vec2};

use crate::model::JurisdictionId;
use crate::text::place_name;
use crate::ui::i18n::tables::{self, Tt};
use crate::ui::i18n::{self, T};
use crate::ui::panels::PanelCtx;
use crate::ui::theme;

#[allow(clippy::wildcard_imports)]
use super::*;

mod view;

use view::View;

/// Width of the field column.
pub(super) const FIELD_W: f32 = 110.0;
/// Width of a district column (its cell and the gap after it).
pub(super) const COLUMN_W: f32 = 122.0;
/// Width of the 合计 column, whose sums are longer.
pub(super) const TOTAL_W: f32 = 150.0;
/// Vertical gap between rows.
pub(super) const ROW_GAP: f32 = 8.0;
/// Horizontal gap after a cell.
pub(super) const CELL_GAP: f32 = 12.0;
/// The font of the counts.
pub(super) const CELL_FONT: egui::FontId = egui::FontId::proportional(15.0);
/// The share of the tab's height the drill-down takes, and the least it takes.
pub(super) const DRILL_SHARE: f32 = 0.42;
pub(super) const DRILL_MIN_H: f32 = 170.0;

/// What one frame of the matrix draws from.
pub(super) struct Grid<'a> {
    pub(super) fields: Vec<&'a String>,
    pub(super) columns: &'a [Column],
    pub(super) matrix: &'a Matrix,
    pub(super) district_matrix: &'a Matrix,
    pub(super) totals: &'a Totals,
    pub(super) drill: Option<&'a Drill>,
}

impl Grid<'_> {
    /// A field's cell in a column.
    fn cell(&self, field: &String, column: &Column) -> Cell {
        let source = match column {
            Column::District { .. } => self.district_matrix,
            Column::Leaf(_) | Column::Street(_) => self.matrix,
        };
        source
            .get(field)
            .and_then(|row| row.get(column.id()))
            .copied()
            .unwrap_or_default()
    }

    /// Whether the drill-down is open on this cell.
    fn drilled(&self, field: &String, scope: &Scope) -> bool {
        self.drill
            .is_some_and(|d| &d.field == field && &d.scope == scope)
    }

    /// The district columns in view, with their indices.
    fn visible_columns(&self, v: &View) -> impl Iterator<Item = (usize, &Column)> {
        self.columns
            .iter()
            .enumerate()
            .take(v.last_col)
            .skip(v.first_col)
    }

    /// Draws the matrix in a scroll area's viewport. A province has a hundred districts, so only
    /// the cells in view are laid out: the area is sized for the whole matrix and each frame
    /// places the visible rows and columns by arithmetic ([`View`]). The field column, the 本市
    /// column and the district row stay in place while the cells scroll; the 合计 column and row
    /// stay at the right and bottom edges of the view. Returns the cell clicked, if any.
    pub(super) fn show(&self, ui: &mut Ui, cx: &PanelCtx<'_>, viewport: Rect) -> Option<Hit> {
        let v = View::new(ui, self.columns.len(), self.fields.len(), viewport);
        self.backgrounds(ui, &v);
        let mut hit = self.district_cells(ui, cx, &v);
        hit = self.city_and_total_columns(ui, cx, &v).or(hit);
        self.totals_row(ui, cx, &v);
        // Lines beside the pinned columns.
        let line = ui.visuals().widgets.noninteractive.bg_stroke;
        let column_lines = v.region(v.left, v.right, v.top, v.totals_sy + v.row_h);
        for x in [v.scroll_left - CELL_GAP / 2.0, v.total_sx] {
            ui.painter()
                .with_clip_rect(column_lines)
                .vline(x, v.top..=v.totals_sy + v.row_h, line);
        }
        hit = self.header_row(ui, cx, &v).or(hit);
        self.field_column(ui, cx, &v);
        hit
    }

    /// The stripes of every other field row, and the tint under the streets' columns.
    fn backgrounds(&self, ui: &Ui, v: &View) {
        let body = v.region(v.left, v.right, v.body_top, v.totals_sy);
        let stripe_color = ui.visuals().faint_bg_color;
        for r in v.first_row..v.last_row {
            if r % 2 == 0 {
                let rect = Rect::from_min_size(pos2(v.left, v.row_sy(r)), vec2(v.width, v.row_h));
                ui.painter()
                    .rect_filled(rect.intersect(body), 0.0, stripe_color);
            }
        }
        // A street's columns sit on a tint, under their district's (faint on a dark panel,
        // where the light tint would take the text's contrast away).
        let street_tint = if ui.visuals().dark_mode {
            theme::MATRIX_STREET.gamma_multiply(0.08)
        } else {
            theme::MATRIX_STREET
        };
        for (c, column) in self.visible_columns(v) {
            if matches!(column, Column::Street(_)) {
                let rect = Rect::from_min_size(
                    pos2(v.col_sx(c) - CELL_GAP / 2.0, v.top),
                    vec2(COLUMN_W, v.bottom - v.top),
                );
                ui.painter().rect_filled(
                    rect.intersect(v.region(v.scroll_left, v.total_sx, v.top, v.bottom)),
                    0.0,
                    street_tint,
                );
            }
        }
    }

    /// The districts' cells in view, with their tooltips; returns the one clicked.
    fn district_cells(&self, ui: &mut Ui, cx: &PanelCtx<'_>, v: &View) -> Option<Hit> {
        let mut hit = None;
        ui.scope(|ui| {
            ui.set_clip_rect(v.region(v.scroll_left, v.total_sx, v.body_top, v.totals_sy));
            for r in v.first_row..v.last_row {
                let field = self.fields[r];
                for (c, column) in self.visible_columns(v) {
                    let scope = match column {
                        Column::District { id, .. } => Scope::District(id.clone()),
                        Column::Leaf(id) | Column::Street(id) => Scope::Territory(id.clone()),
                    };
                    let selected = self.drilled(field, &scope)
                        || (self.drill.is_none()
                            && cx.state.filters.field.as_ref() == Some(field)
                            && cx.state.filters.district.as_ref() == Some(column.id()));
                    let rect = v.cell_rect(v.col_sx(c), v.row_sy(r), COLUMN_W);
                    let response =
                        heat_cell(ui, rect, ("cell", r, c), self.cell(field, column), selected)
                            .on_hover_ui(|ui| {
                                ui.label(cell_tip(cx, self.matrix, field, column));
                            });
                    if response.clicked() {
                        hit = Some(match column {
                            Column::District { id, .. } => Hit::District(field.clone(), id.clone()),
                            Column::Leaf(id) | Column::Street(id) => {
                                Hit::Territory(field.clone(), id.clone())
                            }
                        });
                    }
                }
            }
        });
        hit
    }

    /// The 本市 column's cells (returns the one clicked) and the 合计 column's, in view.
    fn city_and_total_columns(&self, ui: &mut Ui, cx: &PanelCtx<'_>, v: &View) -> Option<Hit> {
        let lang = cx.state.lang;
        let territories = cx.doc.analysis().coverage.territories().len();
        let mut hit = None;
        ui.scope(|ui| {
            ui.set_clip_rect(v.region(v.city_sx, v.scroll_left, v.body_top, v.totals_sy));
            for r in v.first_row..v.last_row {
                let field = self.fields[r];
                let cell = self.totals.city.get(field).copied().unwrap_or_default();
                let rect = v.cell_rect(v.city_sx, v.row_sy(r), COLUMN_W);
                let selected = self.drilled(field, &Scope::City);
                let response =
                    heat_cell(ui, rect, ("city", r, 0), cell, selected).on_hover_ui(|ui| {
                        ui.label(tables::city_cell_tip(lang, field, territories));
                    });
                if response.clicked() {
                    hit = Some(Hit::City(field.clone()));
                }
            }
        });
        ui.scope(|ui| {
            ui.set_clip_rect(v.region(v.total_sx, v.total_sx + TOTAL_W, v.body_top, v.totals_sy));
            for r in v.first_row..v.last_row {
                let field = self.fields[r];
                let cell = self.totals.by_field.get(field).copied().unwrap_or_default();
                let rect = v.cell_rect(v.total_sx + CELL_GAP / 2.0, v.row_sy(r), TOTAL_W);
                total_cell(ui, rect, ("total", r, 0), cell).on_hover_ui(|ui| {
                    ui.label(tables::row_total_tip(lang, field));
                });
            }
        });
        hit
    }

    /// The 合计 row, on a band as wide as the matrix (or the view, if narrower): the districts'
    /// sums in view, then the 本市 column's and the whole matrix's.
    fn totals_row(&self, ui: &mut Ui, cx: &PanelCtx<'_>, v: &View) {
        let lang = cx.state.lang;
        let line = ui.visuals().widgets.noninteractive.bg_stroke;
        let band_right = v.right.min(v.total_sx + TOTAL_W);
        let totals_band = v.region(v.left, band_right, v.totals_sy, v.totals_sy + v.row_h);
        ui.painter()
            .rect_filled(totals_band, 0.0, ui.visuals().extreme_bg_color);
        ui.painter().hline(v.left..=band_right, v.totals_sy, line);
        ui.scope(|ui| {
            ui.set_clip_rect(v.region(
                v.scroll_left,
                v.total_sx,
                v.totals_sy,
                v.totals_sy + v.row_h,
            ));
            for (c, column) in self.visible_columns(v) {
                let cell = self
                    .totals
                    .by_column
                    .get(column.id())
                    .copied()
                    .unwrap_or_default();
                let rect = v.cell_rect(v.col_sx(c), v.totals_sy, COLUMN_W);
                total_cell(ui, rect, ("column-total", c, 0), cell).on_hover_ui(|ui| {
                    let place = match column {
                        Column::Street(id) => place_name(cx.doc.state(), id, lang),
                        _ => cx.jurisdiction_name(column.id()),
                    };
                    ui.label(tables::column_total_tip(lang, &place));
                });
            }
        });
        ui.scope(|ui| {
            ui.set_clip_rect(v.region(v.city_sx, v.right, v.totals_sy, v.totals_sy + v.row_h));
            let city = v.cell_rect(v.city_sx, v.totals_sy, COLUMN_W);
            total_cell(ui, city, ("city-total", 0, 0), self.totals.city_total).on_hover_ui(|ui| {
                ui.label(tables::column_total_tip(lang, Tt::MatrixCity.get(lang)));
            });
            let all = v.cell_rect(v.total_sx + CELL_GAP / 2.0, v.totals_sy, TOTAL_W);
            total_cell(ui, all, ("all-total", 0, 0), self.totals.all).on_hover_ui(|ui| {
                ui.label(tables::row_total_tip(lang, Tt::MatrixTotal.get(lang)));
            });
        });
    }

    /// The header row on the panel's background: the districts' headers in view (returns the
    /// district whose streets a click opens or closes), then 本市, 合计 and 领域.
    fn header_row(&self, ui: &mut Ui, cx: &PanelCtx<'_>, v: &View) -> Option<Hit> {
        let lang = cx.state.lang;
        let territories = cx.doc.analysis().coverage.territories().len();
        let mut hit = None;
        ui.painter().rect_filled(
            v.region(v.left, v.right, v.top, v.body_top),
            0.0,
            ui.visuals().panel_fill,
        );
        ui.scope(|ui| {
            ui.set_clip_rect(v.region(v.scroll_left, v.total_sx, v.top, v.body_top));
            for (c, column) in self.visible_columns(v) {
                let rect = Rect::from_min_size(pos2(v.col_sx(c), v.top), vec2(COLUMN_W, v.row_h));
                if header(ui, cx, rect, column) {
                    hit = Some(Hit::Toggle(column.id().clone()));
                }
            }
        });
        ui.scope(|ui| {
            ui.set_clip_rect(v.region(v.left, v.right, v.top, v.body_top));
            let city = Rect::from_min_size(pos2(v.city_sx, v.top), vec2(COLUMN_W, v.row_h));
            one_line(ui, city, RichText::new(Tt::MatrixCity.get(lang)).strong())
                .on_hover_text(tables::city_cell_tip(lang, T::Field.get(lang), territories));
            let total = Rect::from_min_size(
                pos2(v.total_sx + CELL_GAP / 2.0, v.top),
                vec2(TOTAL_W, v.row_h),
            );
            one_line(ui, total, RichText::new(Tt::MatrixTotal.get(lang)).strong());
            one_line(
                ui,
                Rect::from_min_size(pos2(v.left, v.top), vec2(FIELD_W, v.row_h)),
                RichText::new(T::Field.get(lang)).strong(),
            );
        });
        hit
    }

    /// The field column's names in view, and the 合计 row's name.
    fn field_column(&self, ui: &mut Ui, cx: &PanelCtx<'_>, v: &View) {
        let lang = cx.state.lang;
        ui.scope(|ui| {
            ui.set_clip_rect(v.region(v.left, v.city_sx, v.body_top, v.totals_sy));
            for r in v.first_row..v.last_row {
                let rect = Rect::from_min_size(pos2(v.left, v.row_sy(r)), vec2(FIELD_W, v.row_h));
                one_line(ui, rect, RichText::new(self.fields[r].as_str()));
            }
        });
        ui.scope(|ui| {
            ui.set_clip_rect(v.region(v.left, v.city_sx, v.totals_sy, v.totals_sy + v.row_h));
            let rect = Rect::from_min_size(pos2(v.left, v.totals_sy), vec2(FIELD_W, v.row_h));
            one_line(ui, rect, RichText::new(Tt::MatrixTotal.get(lang)).strong());
        });
    }
}

/// A heat-map cell in `rect`: the shading of its worst state, its counts centred on it, a
/// frame when it is the cell drilled into (or filtered on) or under the pointer. Its
/// accessible label is its text.
pub(super) fn heat_cell(
    ui: &mut Ui,
    rect: Rect,
    salt: (&str, usize, usize),
    cell: Cell,
    selected: bool,
) -> egui::Response {
    let response = ui.interact(rect, ui.scope_id().with(salt), Sense::click());
    let text = cell.text();
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &text));
    let painter = ui.painter();
    if let Some(fill) = theme::matrix_heat(cell.none, cell.many, cell.total()) {
        painter.rect_filled(rect, 3.0, fill);
    }
    if selected {
        painter.rect_stroke(
            rect,
            3.0,
            egui::Stroke::new(2.0, theme::SELECTED),
            egui::StrokeKind::Inside,
        );
    } else if response.hovered() {
        painter.rect_stroke(
            rect,
            3.0,
            ui.visuals().widgets.hovered.bg_stroke,
            egui::StrokeKind::Inside,
        );
    }
    painter.text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        text,
        CELL_FONT,
        ui.visuals().text_color(),
    );
    response.on_hover_cursor(egui::CursorIcon::PointingHand)
}

/// A sum in `rect`: its counts in bold on the panel's background, not clickable.
pub(super) fn total_cell(
    ui: &mut Ui,
    rect: Rect,
    salt: (&str, usize, usize),
    cell: Cell,
) -> egui::Response {
    let response = ui.interact(rect, ui.scope_id().with(salt), Sense::hover());
    let text = cell.text();
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &text));
    ui.painter().text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        text,
        egui::FontId::new(CELL_FONT.size, egui::FontFamily::Proportional),
        ui.visuals().strong_text_color(),
    );
    response
}

/// A column's header: a district with streets opens or closes on a click (its triangle shows
/// which; true when clicked); a street is named under its district.
pub(super) fn header(ui: &mut Ui, cx: &PanelCtx<'_>, rect: Rect, column: &Column) -> bool {
    let lang = cx.state.lang;
    match column {
        Column::Leaf(id) => {
            one_line(ui, rect, RichText::new(cx.jurisdiction_name(id)).strong());
            false
        }
        Column::Street(id) => {
            let full = place_name(cx.doc.state(), id, lang);
            ui.scope_builder(
                UiBuilder::new()
                    .max_rect(rect)
                    .layout(Layout::left_to_right(Align::Center)),
                |ui| {
                    ui.add(
                        Label::new(
                            RichText::new(format!("└ {}", cx.jurisdiction_name(id)))
                                .color(theme::TEXT_WEAK),
                        )
                        .truncate(),
                    )
                    .on_hover_text(full);
                },
            );
            false
        }
        Column::District { id, streets, open } => {
            let name = i18n::streets::district_with_streets(&cx.jurisdiction_name(id), *streets);
            let tip = i18n::streets::streets_toggle(lang, *open, *streets);
            ui.scope_builder(
                UiBuilder::new()
                    .max_rect(rect)
                    .layout(Layout::left_to_right(Align::Center)),
                |ui| {
                    ui.spacing_mut().item_spacing.x = 2.0;
                    let (icon, icon_response) =
                        ui.allocate_exact_size(vec2(14.0, 14.0), egui::Sense::click());
                    let openness = if *open { 1.0 } else { 0.0 };
                    let mut shape = icon_response.clone();
                    shape.rect = icon;
                    egui::collapsing_header::paint_default_icon(ui, openness, &shape);
                    let text = ui
                        .add(
                            egui::Button::new(RichText::new(name).strong())
                                .frame(false)
                                .truncate(),
                        )
                        .on_hover_text(tip.as_str());
                    icon_response.clicked() || text.clicked()
                },
            )
            .inner
        }
    }
}

/// Opens a district's streets' columns, or closes them.
pub(super) fn toggle_open(cx: &mut PanelCtx<'_>, district: &JurisdictionId) {
    let open = &mut cx.state.matrix_open;
    if !open.remove(district) {
        open.insert(district.clone());
    }
}

/// The tooltip of a cell: a district with streets says how it is counted, with its streets'
/// sums.
pub(super) fn cell_tip(
    cx: &PanelCtx<'_>,
    matrix: &Matrix,
    field: &String,
    column: &Column,
) -> String {
    let lang = cx.state.lang;
    match column {
        Column::District { id, streets, .. } => {
            let row = matrix.get(field);
            let mut sums = (0, 0, 0);
            for street in cx.caches.matrix.streets_of(id) {
                if let Some(c) = row.and_then(|r| r.get(street)) {
                    sums.0 += c.once;
                    sums.1 += c.many;
                    sums.2 += c.none;
                }
            }
            i18n::streets::matrix_district_tip(
                lang,
                field,
                &cx.jurisdiction_name(id),
                *streets,
                sums,
            )
        }
        Column::Leaf(id) | Column::Street(id) => {
            i18n::matrix_cell_tip(lang, field, &place_name(cx.doc.state(), id, lang))
        }
    }
}

/// The height of a row: a cell's text (15 points) with a button's padding, and the gap below.
pub(super) fn row_height(ui: &Ui) -> f32 {
    let text_h = ui
        .painter()
        .layout_no_wrap("0".to_owned(), CELL_FONT, theme::TEXT)
        .size()
        .y;
    (text_h + 2.0 * ui.spacing().button_padding.y).max(ui.spacing().interact_size.y) + ROW_GAP
}

/// A header: one line, cut to its cell, vertically centred.
pub(super) fn one_line(ui: &mut Ui, rect: Rect, text: RichText) -> egui::Response {
    ui.scope_builder(
        UiBuilder::new()
            .max_rect(rect)
            .layout(Layout::left_to_right(Align::Center)),
        |ui| ui.add(Label::new(text).truncate()),
    )
    .inner
}
