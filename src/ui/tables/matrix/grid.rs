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

    /// Draws the matrix in a scroll area's viewport. A province has a hundred districts, so only
    /// the cells in view are laid out: the area is sized for the whole matrix and each frame
    /// places the visible rows and columns by arithmetic. The field column, the 本市 column and
    /// the district row stay in place while the cells scroll; the 合计 column and row stay at
    /// the right and bottom edges of the view. Returns the cell clicked, if any.
    pub(super) fn show(&self, ui: &mut Ui, cx: &PanelCtx<'_>, viewport: Rect) -> Option<Hit> {
        let lang = cx.state.lang;
        let row_h = row_height(ui);
        let origin = ui.max_rect().min;
        let n = self.columns.len();
        let rows = self.fields.len();
        // Content: field column, 本市, the districts, 合计; header row, fields, 合计 row.
        let districts_x = FIELD_W + COLUMN_W;
        let total_x = districts_x + n as f32 * COLUMN_W;
        let full = vec2(total_x + TOTAL_W, (rows + 2) as f32 * row_h);
        ui.set_min_size(full);
        let clip = ui.clip_rect();
        // The view's edges on screen.
        let left = origin.x + viewport.left();
        let top = origin.y + viewport.top();
        let right = origin.x + viewport.right();
        let bottom = origin.y + viewport.bottom();
        let city_sx = left + FIELD_W;
        let scroll_left = city_sx + COLUMN_W;
        let total_sx = (origin.x + total_x).min(right - TOTAL_W).max(scroll_left);
        let body_top = top + row_h;
        let totals_sy = (origin.y + (rows + 1) as f32 * row_h)
            .min(bottom - row_h)
            .max(body_top);
        let col_sx = |c: usize| origin.x + districts_x + c as f32 * COLUMN_W;
        let row_sy = |r: usize| origin.y + (r + 1) as f32 * row_h;
        // Visible district columns and field rows.
        let first_col = ((viewport.left() / COLUMN_W).floor().max(0.0) as usize).min(n);
        let last_col = ((((total_sx - origin.x) - districts_x) / COLUMN_W)
            .ceil()
            .max(0.0) as usize)
            .min(n);
        let first_row = ((viewport.top() / row_h).floor().max(0.0) as usize).min(rows);
        let last_row =
            ((((totals_sy - origin.y) / row_h) - 1.0).ceil().max(0.0) as usize).min(rows);
        let region = |x0: f32, x1: f32, y0: f32, y1: f32| {
            Rect::from_min_max(pos2(x0, y0), pos2(x1, y1)).intersect(clip)
        };
        let body = region(left, right, body_top, totals_sy);
        let stripe_color = ui.visuals().faint_bg_color;
        let line = ui.visuals().widgets.noninteractive.bg_stroke;
        for r in first_row..last_row {
            if r % 2 == 0 {
                let rect = Rect::from_min_size(pos2(left, row_sy(r)), vec2(full.x, row_h));
                ui.painter()
                    .rect_filled(rect.intersect(body), 0.0, stripe_color);
            }
        }
        let districts_clip = region(scroll_left, total_sx, body_top, totals_sy);
        // A street's columns sit on a tint, under their district's (faint on a dark panel,
        // where the light tint would take the text's contrast away).
        let street_tint = if ui.visuals().dark_mode {
            theme::MATRIX_STREET.gamma_multiply(0.08)
        } else {
            theme::MATRIX_STREET
        };
        for (c, column) in self
            .columns
            .iter()
            .enumerate()
            .take(last_col)
            .skip(first_col)
        {
            if matches!(column, Column::Street(_)) {
                let rect = Rect::from_min_size(
                    pos2(col_sx(c) - CELL_GAP / 2.0, top),
                    vec2(COLUMN_W, bottom - top),
                );
                ui.painter().rect_filled(
                    rect.intersect(region(scroll_left, total_sx, top, bottom)),
                    0.0,
                    street_tint,
                );
            }
        }
        let mut hit = None;
        let cell_rect = |x: f32, y: f32, w: f32| {
            Rect::from_min_size(
                pos2(x, y + ROW_GAP / 2.0),
                vec2(w - CELL_GAP, row_h - ROW_GAP),
            )
        };
        // The districts' cells.
        ui.scope(|ui| {
            ui.set_clip_rect(districts_clip);
            for r in first_row..last_row {
                let field = self.fields[r];
                for (c, column) in self
                    .columns
                    .iter()
                    .enumerate()
                    .take(last_col)
                    .skip(first_col)
                {
                    let scope = match column {
                        Column::District { id, .. } => Scope::District(id.clone()),
                        Column::Leaf(id) | Column::Street(id) => Scope::Territory(id.clone()),
                    };
                    let selected = self.drilled(field, &scope)
                        || (self.drill.is_none()
                            && cx.state.filters.field.as_ref() == Some(field)
                            && cx.state.filters.district.as_ref() == Some(column.id()));
                    let rect = cell_rect(col_sx(c), row_sy(r), COLUMN_W);
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
        // The 本市 column and the 合计 column.
        let territories = cx.doc.analysis().coverage.territories().len();
        ui.scope(|ui| {
            ui.set_clip_rect(region(city_sx, scroll_left, body_top, totals_sy));
            for r in first_row..last_row {
                let field = self.fields[r];
                let cell = self.totals.city.get(field).copied().unwrap_or_default();
                let rect = cell_rect(city_sx, row_sy(r), COLUMN_W);
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
            ui.set_clip_rect(region(total_sx, total_sx + TOTAL_W, body_top, totals_sy));
            for r in first_row..last_row {
                let field = self.fields[r];
                let cell = self.totals.by_field.get(field).copied().unwrap_or_default();
                let rect = cell_rect(total_sx + CELL_GAP / 2.0, row_sy(r), TOTAL_W);
                total_cell(ui, rect, ("total", r, 0), cell).on_hover_ui(|ui| {
                    ui.label(tables::row_total_tip(lang, field));
                });
            }
        });
        // The 合计 row, on a band as wide as the matrix (or the view, if narrower).
        let band_right = right.min(total_sx + TOTAL_W);
        let totals_band = region(left, band_right, totals_sy, totals_sy + row_h);
        ui.painter()
            .rect_filled(totals_band, 0.0, ui.visuals().extreme_bg_color);
        ui.painter().hline(left..=band_right, totals_sy, line);
        ui.scope(|ui| {
            ui.set_clip_rect(region(scroll_left, total_sx, totals_sy, totals_sy + row_h));
            for (c, column) in self
                .columns
                .iter()
                .enumerate()
                .take(last_col)
                .skip(first_col)
            {
                let cell = self
                    .totals
                    .by_column
                    .get(column.id())
                    .copied()
                    .unwrap_or_default();
                let rect = cell_rect(col_sx(c), totals_sy, COLUMN_W);
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
            ui.set_clip_rect(region(city_sx, right, totals_sy, totals_sy + row_h));
            let city = cell_rect(city_sx, totals_sy, COLUMN_W);
            total_cell(ui, city, ("city-total", 0, 0), self.totals.city_total).on_hover_ui(|ui| {
                ui.label(tables::column_total_tip(lang, Tt::MatrixCity.get(lang)));
            });
            let all = cell_rect(total_sx + CELL_GAP / 2.0, totals_sy, TOTAL_W);
            total_cell(ui, all, ("all-total", 0, 0), self.totals.all).on_hover_ui(|ui| {
                ui.label(tables::row_total_tip(lang, Tt::MatrixTotal.get(lang)));
            });
        });
        // Lines beside the pinned columns.
        let column_lines = region(left, right, top, totals_sy + row_h);
        for x in [scroll_left - CELL_GAP / 2.0, total_sx] {
            ui.painter()
                .with_clip_rect(column_lines)
                .vline(x, top..=totals_sy + row_h, line);
        }
        // The header row.
        ui.painter().rect_filled(
            region(left, right, top, body_top),
            0.0,
            ui.visuals().panel_fill,
        );
        ui.scope(|ui| {
            ui.set_clip_rect(region(scroll_left, total_sx, top, body_top));
            for (c, column) in self
                .columns
                .iter()
                .enumerate()
                .take(last_col)
                .skip(first_col)
            {
                let rect = Rect::from_min_size(pos2(col_sx(c), top), vec2(COLUMN_W, row_h));
                if header(ui, cx, rect, column) {
                    hit = Some(Hit::Toggle(column.id().clone()));
                }
            }
        });
        ui.scope(|ui| {
            ui.set_clip_rect(region(left, right, top, body_top));
            let city = Rect::from_min_size(pos2(city_sx, top), vec2(COLUMN_W, row_h));
            one_line(ui, city, RichText::new(Tt::MatrixCity.get(lang)).strong())
                .on_hover_text(tables::city_cell_tip(lang, T::Field.get(lang), territories));
            let total =
                Rect::from_min_size(pos2(total_sx + CELL_GAP / 2.0, top), vec2(TOTAL_W, row_h));
            one_line(ui, total, RichText::new(Tt::MatrixTotal.get(lang)).strong());
            one_line(
                ui,
                Rect::from_min_size(pos2(left, top), vec2(FIELD_W, row_h)),
                RichText::new(T::Field.get(lang)).strong(),
            );
        });
        // The field column and the 合计 row's name.
        ui.scope(|ui| {
            ui.set_clip_rect(region(left, city_sx, body_top, totals_sy));
            for r in first_row..last_row {
                let rect = Rect::from_min_size(pos2(left, row_sy(r)), vec2(FIELD_W, row_h));
                one_line(ui, rect, RichText::new(self.fields[r].as_str()));
            }
        });
        ui.scope(|ui| {
            ui.set_clip_rect(region(left, city_sx, totals_sy, totals_sy + row_h));
            let rect = Rect::from_min_size(pos2(left, totals_sy), vec2(FIELD_W, row_h));
            one_line(ui, rect, RichText::new(Tt::MatrixTotal.get(lang)).strong());
        });
        hit
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
