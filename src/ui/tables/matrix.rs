//! 覆盖矩阵: fields × districts. Each cell shows how many powers of the field are led once
//! (green), twice or more (orange) and by nobody (red) in the district; clicking a cell sets the
//! field and district filters, which the table and the graph follow, and opens the table.
//! Only the cells in view are laid out (a province has 8 fields × 100 districts), under a
//! district row and beside a field column that stay put while the cells scroll. The counts
//! follow edits ([`MatrixCounts`]): an edit recounts the powers it touched, not every power.

use std::collections::BTreeMap;
use std::sync::Arc;

use egui::{Align, Label, Layout, Rect, RichText, ScrollArea, Ui, UiBuilder, pos2, vec2};

use crate::model::{JurisdictionId, Power, PowerId, Touched};
use crate::ui::command::Command;
use crate::ui::i18n::{self, T};
use crate::ui::panels::PanelCtx;
use crate::ui::state::Tab;
use crate::ui::theme;

/// Counts of one cell.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cell {
    /// Led by exactly one body.
    pub once: usize,
    /// Led by two or more.
    pub many: usize,
    /// Led by nobody.
    pub none: usize,
}

/// The matrix: field → district → cell, fields sorted.
pub type Matrix = BTreeMap<String, BTreeMap<JurisdictionId, Cell>>;

/// How one power counts in one district's cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Led {
    Once,
    Many,
    Nobody,
}

impl Led {
    fn of(leads: usize) -> Self {
        match leads {
            0 => Led::Nobody,
            1 => Led::Once,
            _ => Led::Many,
        }
    }

    fn count(self, cell: &mut Cell, added: bool) {
        let n = match self {
            Led::Once => &mut cell.once,
            Led::Many => &mut cell.many,
            Led::Nobody => &mut cell.none,
        };
        if added {
            *n += 1;
        } else {
            *n -= 1;
        }
    }
}

/// One field's row: how many powers it has, and a cell per district (in the coverage's
/// district order).
#[derive(Clone, Debug, PartialEq, Eq)]
struct FieldRow {
    powers: usize,
    cells: Vec<Cell>,
}

/// The matrix's counts, following the document's edits: each power's field and how it counts
/// in each district are remembered, so that after an edit the touched powers
/// ([`crate::plan::Document::touched_since`]) take back their old counts and add their new
/// ones, instead of a pass over every power's coverage.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MatrixCounts {
    revision: Option<u64>,
    rows: BTreeMap<String, FieldRow>,
    /// Each power as counted: its field, and how it counts in each district.
    seen: BTreeMap<PowerId, (String, Vec<Led>)>,
    districts: Vec<JurisdictionId>,
    matrix: Arc<Matrix>,
}

impl MatrixCounts {
    /// Brings the counts up to date with the document: after edits, by the powers they
    /// touched; after anything else, from scratch.
    pub fn refresh(&mut self, doc: &crate::plan::Document) {
        let revision = doc.revision();
        if self.revision == Some(revision) {
            return;
        }
        match self.revision.and_then(|r| doc.touched_since(r)) {
            Some(Touched::Records(records)) => {
                for code in &records.powers {
                    self.unsee(code);
                    if let Some(power) = doc.state().power(code) {
                        self.see(doc, power);
                    }
                }
            }
            Some(Touched::All) | None => {
                self.rows.clear();
                self.seen.clear();
                self.districts = doc.analysis().coverage.territories().to_vec();
                for power in doc.state().powers().values() {
                    self.see(doc, power);
                }
            }
        }
        self.matrix = Arc::new(
            self.rows
                .iter()
                .map(|(field, row)| {
                    let cells = self
                        .districts
                        .iter()
                        .cloned()
                        .zip(row.cells.iter().copied());
                    (field.clone(), cells.collect())
                })
                .collect(),
        );
        self.revision = Some(revision);
    }

    /// The matrix as last refreshed.
    pub fn matrix(&self) -> Arc<Matrix> {
        self.matrix.clone()
    }

    /// Counts a power.
    fn see(&mut self, doc: &crate::plan::Document, power: &Power) {
        let leads = doc.analysis().coverage.power(&power.code).map(|c| &c.leads);
        let led: Vec<Led> = (0..self.districts.len())
            .map(|i| Led::of(leads.and_then(|l| l.get(i)).map_or(0, <[_]>::len)))
            .collect();
        let row = self
            .rows
            .entry(power.field.clone())
            .or_insert_with(|| FieldRow {
                powers: 0,
                cells: vec![Cell::default(); self.districts.len()],
            });
        row.powers += 1;
        for (cell, led) in row.cells.iter_mut().zip(&led) {
            led.count(cell, true);
        }
        self.seen
            .insert(power.code.clone(), (power.field.clone(), led));
    }

    /// Takes back what [`MatrixCounts::see`] counted for a power.
    fn unsee(&mut self, code: &PowerId) {
        let Some((field, led)) = self.seen.remove(code) else {
            return;
        };
        if let Some(row) = self.rows.get_mut(&field) {
            row.powers -= 1;
            for (cell, led) in row.cells.iter_mut().zip(&led) {
                led.count(cell, false);
            }
            if row.powers == 0 {
                self.rows.remove(&field);
            }
        }
    }
}

/// The matrix of a document, counted from scratch.
pub fn cells(doc: &crate::plan::Document) -> Matrix {
    let mut counts = MatrixCounts::default();
    counts.refresh(doc);
    Arc::unwrap_or_clone(counts.matrix)
}

/// The matrix of the document's revision, following its edits.
fn cached_cells(cx: &mut PanelCtx<'_>) -> Arc<Matrix> {
    cx.state.matrix.refresh(cx.doc);
    cx.state.matrix.matrix()
}

/// Width of the field column.
const FIELD_W: f32 = 110.0;
/// Width of a district column (its cell and the gap after it).
const COLUMN_W: f32 = 122.0;
/// Vertical gap between rows.
const ROW_GAP: f32 = 8.0;
/// Horizontal gap after a cell.
const CELL_GAP: f32 = 12.0;
/// The font of the counts.
const CELL_FONT: egui::FontId = egui::FontId::proportional(15.0);

/// Draws the matrix. A province has a hundred districts, so only the cells in view are laid
/// out: the area is sized for the whole matrix and each frame places the visible rows and
/// columns by arithmetic. The field column and the district row stay in place while the cells
/// scroll under them.
pub fn show(ui: &mut Ui, cx: &mut PanelCtx<'_>) {
    let lang = cx.state.lang;
    let matrix = cached_cells(cx);
    let districts: Vec<JurisdictionId> = cx.doc.analysis().coverage.territories().to_vec();
    ui.horizontal(|ui| {
        ui.label(RichText::new(T::TabMatrix.get(lang)).strong());
        ui.label(RichText::new(T::LegendOnce.get(lang)).color(theme::OK));
        ui.label(RichText::new(T::LegendMany.get(lang)).color(theme::OVERLAP));
        ui.label(RichText::new(T::LegendNone.get(lang)).color(theme::GAP));
    });
    ui.separator();
    if matrix.is_empty() || districts.is_empty() {
        ui.label(T::EmptyPlan.get(lang));
        return;
    }
    let row_h = row_height(ui);
    let fields: Vec<(&String, &BTreeMap<JurisdictionId, Cell>)> = matrix.iter().collect();
    ScrollArea::both()
        .id_salt("matrix")
        .auto_shrink([false, false])
        .show_viewport(ui, |ui, viewport| {
            let origin = ui.max_rect().min;
            let full = vec2(
                FIELD_W + districts.len() as f32 * COLUMN_W,
                (fields.len() + 1) as f32 * row_h,
            );
            ui.set_min_size(full);
            // Visible rows and columns of cells (row 0 and the field column are the headers).
            let first_row = ((viewport.top() / row_h).floor() as usize).max(1);
            let last_row = ((viewport.bottom() / row_h).ceil() as usize).min(fields.len() + 1);
            let first_col = ((viewport.left() / COLUMN_W).floor() as usize).min(districts.len());
            let last_col = (((viewport.right() - FIELD_W) / COLUMN_W).ceil().max(0.0) as usize)
                .min(districts.len());
            // Screen positions: cells scroll, the headers stick to the viewport's edges.
            let header_x = origin.x + viewport.left();
            let header_y = origin.y + viewport.top();
            let cell_x = |col: usize| origin.x + FIELD_W + col as f32 * COLUMN_W;
            let row_y = |row: usize| origin.y + row as f32 * row_h;
            let clip = ui.clip_rect();
            let stripe_w = full.x - viewport.left();
            let stripe_color = ui.visuals().faint_bg_color;
            let stripe = |row: usize| (row % 2 == 1).then_some(stripe_color);
            for row in first_row..last_row {
                if let Some(color) = stripe(row) {
                    let rect =
                        Rect::from_min_size(pos2(header_x, row_y(row)), vec2(stripe_w, row_h));
                    ui.painter().rect_filled(rect, 0.0, color);
                }
            }
            // The cells, clipped to the area right of the field column and below the header.
            let cells_clip =
                Rect::from_min_max(pos2(header_x + FIELD_W, header_y + row_h), clip.max)
                    .intersect(clip);
            ui.scope(|ui| {
                ui.set_clip_rect(cells_clip);
                for row in first_row..last_row {
                    let (field, cells) = fields[row - 1];
                    for (col, d) in districts.iter().enumerate().take(last_col).skip(first_col) {
                        let rect = Rect::from_min_size(
                            pos2(cell_x(col), row_y(row)),
                            vec2(COLUMN_W - CELL_GAP, row_h),
                        );
                        let cell = cells.get(d).copied().unwrap_or_default();
                        cell_ui(ui, cx, rect, field, d, cell);
                    }
                }
            });
            // The district row and the field column, drawn over whatever scrolled under them.
            let header_bg = ui.visuals().panel_fill;
            ui.painter().rect_filled(
                Rect::from_min_size(pos2(header_x, header_y), vec2(stripe_w, row_h)),
                0.0,
                header_bg,
            );
            ui.scope(|ui| {
                ui.set_clip_rect(
                    Rect::from_min_max(pos2(header_x + FIELD_W, header_y), clip.max)
                        .intersect(clip),
                );
                for (col, d) in districts.iter().enumerate().take(last_col).skip(first_col) {
                    let rect =
                        Rect::from_min_size(pos2(cell_x(col), header_y), vec2(COLUMN_W, row_h));
                    one_line(ui, rect, RichText::new(cx.jurisdiction_name(d)).strong());
                }
            });
            ui.scope(|ui| {
                ui.set_clip_rect(
                    Rect::from_min_max(pos2(header_x, header_y + row_h), clip.max).intersect(clip),
                );
                for row in first_row..last_row {
                    let rect =
                        Rect::from_min_size(pos2(header_x, row_y(row)), vec2(FIELD_W, row_h));
                    // Cover the cells that scrolled under it, then stripe it as they are.
                    ui.painter().rect_filled(rect, 0.0, header_bg);
                    if let Some(color) = stripe(row) {
                        ui.painter().rect_filled(rect, 0.0, color);
                    }
                    one_line(ui, rect, RichText::new(fields[row - 1].0.as_str()));
                }
            });
            one_line(
                ui,
                Rect::from_min_size(pos2(header_x, header_y), vec2(FIELD_W, row_h)),
                RichText::new(T::Field.get(lang)).strong(),
            );
        });
}

/// The height of a row: a cell's text (15 points) in a selectable label, and the gap below.
fn row_height(ui: &Ui) -> f32 {
    let text_h = ui
        .painter()
        .layout_no_wrap("0".to_owned(), CELL_FONT, theme::TEXT)
        .size()
        .y;
    (text_h + 2.0 * ui.spacing().button_padding.y).max(ui.spacing().interact_size.y) + ROW_GAP
}

/// A header: one line, cut to its cell, vertically centred.
fn one_line(ui: &mut Ui, rect: Rect, text: RichText) {
    ui.scope_builder(
        UiBuilder::new()
            .max_rect(rect)
            .layout(Layout::left_to_right(Align::Center)),
        |ui| ui.add(Label::new(text).truncate()),
    );
}

/// One cell in `rect`, vertically centred: "once / many / none" in colour; a click filters the
/// table to the field and district and opens it.
fn cell_ui(
    ui: &mut Ui,
    cx: &mut PanelCtx<'_>,
    rect: Rect,
    field: &String,
    district: &JurisdictionId,
    cell: Cell,
) {
    let lang = cx.state.lang;
    let mut job = egui::text::LayoutJob::default();
    for (n, color, sep) in [
        (cell.once, theme::OK, " / "),
        (cell.many, theme::OVERLAP, " / "),
        (cell.none, theme::GAP, ""),
    ] {
        let format = egui::TextFormat {
            color,
            font_id: CELL_FONT,
            ..Default::default()
        };
        job.append(&n.to_string(), 0.0, format.clone());
        job.append(
            sep,
            0.0,
            egui::TextFormat {
                color: theme::TEXT_WEAK,
                ..format
            },
        );
    }
    let selected = cx.state.filters.field.as_ref() == Some(field)
        && cx.state.filters.district.as_ref() == Some(district);
    let r = ui
        .scope_builder(
            UiBuilder::new()
                .max_rect(rect)
                .layout(Layout::left_to_right(Align::Center)),
            |ui| ui.selectable_label(selected, job),
        )
        .inner
        .on_hover_text(i18n::matrix_cell_tip(
            lang,
            field,
            &cx.jurisdiction_name(district),
        ));
    if r.clicked() {
        cx.state.filters.field = Some(field.clone());
        cx.state.filters.district = Some(district.clone());
        cx.out.push(Command::ShowTab(Tab::Allocation));
    }
}
