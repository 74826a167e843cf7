//! 覆盖矩阵: fields × districts. Each cell shows how many powers of the field are led once
//! (green), twice or more (orange) and by nobody (red) in the district; clicking a cell sets the
//! field and district filters, which the table and the graph follow, and opens the table.
//! Only the cells in view are laid out (a province has 8 fields × 100 districts), under a
//! district row and beside a field column that stay put while the cells scroll. The counts
//! follow edits ([`MatrixCounts`]): an edit recounts the powers it touched, not every power.
//!
//! Coverage is checked on the territories (a district's streets, or the district). A district
//! with streets is one column that counts each power by the worst of its streets (a gap in any
//! street makes it a gap, else an overlap in any an overlap), so that its three numbers still
//! add up to the field's powers; its header (or one of its cells) opens it into its streets'
//! columns, each with the street's own counts, whose cells filter the table to the street. A
//! province's 1,350 streets stay out of the way until asked for.

use std::collections::BTreeMap;
use std::sync::Arc;

use egui::{Align, Label, Layout, Rect, RichText, ScrollArea, Ui, UiBuilder, pos2, vec2};

use crate::analysis::finding::place_name;
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

/// How one power counts in one district's cell; the order is from best to worst.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
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

/// One field's row: how many powers it has, a cell per territory (in the coverage's order) and
/// one per district with streets (in [`MatrixCounts`]'s `groups` order).
#[derive(Clone, Debug, PartialEq, Eq)]
struct FieldRow {
    powers: usize,
    cells: Vec<Cell>,
    group_cells: Vec<Cell>,
}

/// A district with streets: its id and its streets' indices among the territories.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Group {
    district: JurisdictionId,
    territories: Vec<u32>,
}

/// A column of the matrix, left to right.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Column {
    /// A district without streets (or the city of a plan without districts): its own counts.
    Leaf(JurisdictionId),
    /// A district with streets: each power by the worst of its streets.
    District {
        /// The district.
        id: JurisdictionId,
        /// How many streets it has.
        streets: usize,
        /// Whether its streets' columns follow it.
        open: bool,
    },
    /// A street of an open district: its own counts.
    Street(JurisdictionId),
}

impl Column {
    /// The jurisdiction of the column.
    pub fn id(&self) -> &JurisdictionId {
        match self {
            Column::Leaf(id) | Column::Street(id) | Column::District { id, .. } => id,
        }
    }
}

/// Where a top-level column's counts are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Top {
    /// A territory, by index.
    Leaf(u32),
    /// A district with streets, by its index in `groups`.
    Group(u32),
}

/// The matrix's counts, following the document's edits: each power's field and how it counts
/// in each district are remembered, so that after an edit the touched powers
/// ([`crate::plan::Document::touched_since`]) take back their old counts and add their new
/// ones, instead of a pass over every power's coverage.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MatrixCounts {
    revision: Option<u64>,
    rows: BTreeMap<String, FieldRow>,
    /// Each power as counted: its field, how it counts in each territory and in each district
    /// with streets.
    seen: BTreeMap<PowerId, (String, Vec<Led>, Vec<Led>)>,
    districts: Vec<JurisdictionId>,
    /// The districts with streets.
    groups: Vec<Group>,
    /// For each territory, the index of its district in `groups`, if it is a street.
    group_of: Vec<Option<u32>>,
    /// The columns when every district is closed, by district id.
    tops: Vec<Top>,
    matrix: Arc<Matrix>,
    district_matrix: Arc<Matrix>,
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
                self.read_territories(&doc.analysis().coverage);
                for power in doc.state().powers().values() {
                    self.see(doc, power);
                }
            }
        }
        self.district_matrix = Arc::new(
            self.rows
                .iter()
                .map(|(field, row)| {
                    let cells = self
                        .groups
                        .iter()
                        .map(|g| g.district.clone())
                        .zip(row.group_cells.iter().copied());
                    (field.clone(), cells.collect())
                })
                .collect(),
        );
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

    /// The matrix as last refreshed: field → territory (street, or district without streets)
    /// → cell.
    pub fn matrix(&self) -> Arc<Matrix> {
        self.matrix.clone()
    }

    /// The districts with streets as last refreshed: field → district → each power counted by
    /// the worst of the district's streets.
    pub fn district_matrix(&self) -> Arc<Matrix> {
        self.district_matrix.clone()
    }

    /// The columns left to right: each district (without streets: its own; with streets: the
    /// worst of them, followed by its streets' columns when it is in `open`), by id.
    pub fn columns(&self, open: &std::collections::BTreeSet<JurisdictionId>) -> Vec<Column> {
        let mut out = Vec::with_capacity(self.tops.len());
        for top in &self.tops {
            match *top {
                Top::Leaf(t) => out.push(Column::Leaf(self.districts[t as usize].clone())),
                Top::Group(g) => {
                    let group = &self.groups[g as usize];
                    let is_open = open.contains(&group.district);
                    out.push(Column::District {
                        id: group.district.clone(),
                        streets: group.territories.len(),
                        open: is_open,
                    });
                    if is_open {
                        out.extend(
                            group
                                .territories
                                .iter()
                                .map(|&t| Column::Street(self.districts[t as usize].clone())),
                        );
                    }
                }
            }
        }
        out
    }

    /// The streets of a district with streets, as territories.
    pub fn streets_of(&self, district: &JurisdictionId) -> Vec<&JurisdictionId> {
        self.groups
            .iter()
            .find(|g| &g.district == district)
            .map(|g| {
                g.territories
                    .iter()
                    .map(|&t| &self.districts[t as usize])
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Reads the territories, the districts with streets and the columns from the coverage.
    fn read_territories(&mut self, coverage: &crate::analysis::Coverage) {
        self.districts = coverage.territories().to_vec();
        self.groups.clear();
        self.group_of = vec![None; self.districts.len()];
        let mut tops: BTreeMap<&JurisdictionId, Top> = BTreeMap::new();
        let mut group_index: BTreeMap<&JurisdictionId, u32> = BTreeMap::new();
        for (t, territory) in self.districts.iter().enumerate() {
            match coverage.district_of_territory(t) {
                Some(district) if district != territory => {
                    let g = *group_index.entry(district).or_insert_with(|| {
                        self.groups.push(Group {
                            district: district.clone(),
                            territories: Vec::new(),
                        });
                        (self.groups.len() - 1) as u32
                    });
                    self.groups[g as usize].territories.push(t as u32);
                    self.group_of[t] = Some(g);
                    tops.insert(district, Top::Group(g));
                }
                _ => {
                    tops.insert(territory, Top::Leaf(t as u32));
                }
            }
        }
        self.tops = tops.into_values().collect();
    }

    /// Counts a power.
    fn see(&mut self, doc: &crate::plan::Document, power: &Power) {
        let leads = doc.analysis().coverage.power(&power.code).map(|c| &c.leads);
        let led: Vec<Led> = (0..self.districts.len())
            .map(|i| Led::of(leads.and_then(|l| l.get(i)).map_or(0, <[_]>::len)))
            .collect();
        let mut worst = vec![Led::Once; self.groups.len()];
        for (t, group) in self.group_of.iter().enumerate() {
            if let Some(g) = group {
                let w = &mut worst[*g as usize];
                *w = (*w).max(led[t]);
            }
        }
        let (territories, groups) = (self.districts.len(), self.groups.len());
        let row = self
            .rows
            .entry(power.field.clone())
            .or_insert_with(|| FieldRow {
                powers: 0,
                cells: vec![Cell::default(); territories],
                group_cells: vec![Cell::default(); groups],
            });
        row.powers += 1;
        for (cell, led) in row.cells.iter_mut().zip(&led) {
            led.count(cell, true);
        }
        for (cell, led) in row.group_cells.iter_mut().zip(&worst) {
            led.count(cell, true);
        }
        self.seen
            .insert(power.code.clone(), (power.field.clone(), led, worst));
    }

    /// Takes back what [`MatrixCounts::see`] counted for a power.
    fn unsee(&mut self, code: &PowerId) {
        let Some((field, led, worst)) = self.seen.remove(code) else {
            return;
        };
        if let Some(row) = self.rows.get_mut(&field) {
            row.powers -= 1;
            for (cell, led) in row.cells.iter_mut().zip(&led) {
                led.count(cell, false);
            }
            for (cell, led) in row.group_cells.iter_mut().zip(&worst) {
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

/// The matrices of the document's revision (territories, districts with streets) and the
/// columns, following its edits.
fn cached_cells(cx: &mut PanelCtx<'_>) -> (Arc<Matrix>, Arc<Matrix>, Vec<Column>) {
    cx.state.matrix.refresh(cx.doc);
    let columns = cx.state.matrix.columns(&cx.state.matrix_open);
    (
        cx.state.matrix.matrix(),
        cx.state.matrix.district_matrix(),
        columns,
    )
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
    let (matrix, district_matrix, columns) = cached_cells(cx);
    ui.horizontal(|ui| {
        ui.label(RichText::new(T::TabMatrix.get(lang)).strong());
        ui.label(RichText::new(T::LegendOnce.get(lang)).color(theme::OK));
        ui.label(RichText::new(T::LegendMany.get(lang)).color(theme::OVERLAP));
        ui.label(RichText::new(T::LegendNone.get(lang)).color(theme::GAP));
    });
    ui.separator();
    if matrix.is_empty() || columns.is_empty() {
        ui.label(T::EmptyPlan.get(lang));
        return;
    }
    let row_h = row_height(ui);
    let fields: Vec<&String> = matrix.keys().collect();
    let empty = BTreeMap::new();
    let cell_of = |field: &String, column: &Column| -> Cell {
        let source = match column {
            Column::District { .. } => &district_matrix,
            Column::Leaf(_) | Column::Street(_) => &matrix,
        };
        source
            .get(field)
            .unwrap_or(&empty)
            .get(column.id())
            .copied()
            .unwrap_or_default()
    };
    ScrollArea::both()
        .id_salt("matrix")
        .auto_shrink([false, false])
        .show_viewport(ui, |ui, viewport| {
            let origin = ui.max_rect().min;
            let full = vec2(
                FIELD_W + columns.len() as f32 * COLUMN_W,
                (fields.len() + 1) as f32 * row_h,
            );
            ui.set_min_size(full);
            // Visible rows and columns of cells (row 0 and the field column are the headers).
            let first_row = ((viewport.top() / row_h).floor() as usize).max(1);
            let last_row = ((viewport.bottom() / row_h).ceil() as usize).min(fields.len() + 1);
            let first_col = ((viewport.left() / COLUMN_W).floor() as usize).min(columns.len());
            let last_col = (((viewport.right() - FIELD_W) / COLUMN_W).ceil().max(0.0) as usize)
                .min(columns.len());
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
            // A street's columns sit on a tint, under their district's.
            for (col, column) in columns.iter().enumerate().take(last_col).skip(first_col) {
                if matches!(column, Column::Street(_)) {
                    let rect = Rect::from_min_size(
                        pos2(cell_x(col) - CELL_GAP / 2.0, header_y),
                        vec2(COLUMN_W, full.y),
                    );
                    ui.painter()
                        .rect_filled(rect.intersect(clip), 0.0, theme::MATRIX_STREET);
                }
            }
            // The cells, clipped to the area right of the field column and below the header.
            let cells_clip =
                Rect::from_min_max(pos2(header_x + FIELD_W, header_y + row_h), clip.max)
                    .intersect(clip);
            ui.scope(|ui| {
                ui.set_clip_rect(cells_clip);
                for row in first_row..last_row {
                    let field = fields[row - 1];
                    for (col, column) in columns.iter().enumerate().take(last_col).skip(first_col) {
                        let rect = Rect::from_min_size(
                            pos2(cell_x(col), row_y(row)),
                            vec2(COLUMN_W - CELL_GAP, row_h),
                        );
                        let cell = cell_of(field, column);
                        let tip = cell_tip(cx, &matrix, field, column);
                        if cell_ui(ui, cx, rect, field, column, cell, &tip) {
                            toggle_open(cx, column.id());
                        }
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
                for (col, column) in columns.iter().enumerate().take(last_col).skip(first_col) {
                    let rect =
                        Rect::from_min_size(pos2(cell_x(col), header_y), vec2(COLUMN_W, row_h));
                    header(ui, cx, rect, column);
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
                    one_line(ui, rect, RichText::new(fields[row - 1].as_str()));
                }
            });
            one_line(
                ui,
                Rect::from_min_size(pos2(header_x, header_y), vec2(FIELD_W, row_h)),
                RichText::new(T::Field.get(lang)).strong(),
            );
        });
}

/// A column's header: a district with streets opens or closes on a click (its triangle shows
/// which); a street is named under its district.
fn header(ui: &mut Ui, cx: &mut PanelCtx<'_>, rect: Rect, column: &Column) {
    let lang = cx.state.lang;
    match column {
        Column::Leaf(id) => one_line(ui, rect, RichText::new(cx.jurisdiction_name(id)).strong()),
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
        }
        Column::District { id, streets, open } => {
            let name = i18n::streets::district_with_streets(&cx.jurisdiction_name(id), *streets);
            let tip = i18n::streets::streets_toggle(lang, *open, *streets);
            let clicked = ui
                .scope_builder(
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
                .inner;
            if clicked {
                toggle_open(cx, id);
            }
        }
    }
}

/// Opens a district's streets' columns, or closes them.
fn toggle_open(cx: &mut PanelCtx<'_>, district: &JurisdictionId) {
    let open = &mut cx.state.matrix_open;
    if !open.remove(district) {
        open.insert(district.clone());
    }
}

/// The tooltip of a cell: a district with streets says how it is counted, with its streets'
/// sums.
fn cell_tip(cx: &PanelCtx<'_>, matrix: &Matrix, field: &String, column: &Column) -> String {
    let lang = cx.state.lang;
    match column {
        Column::District { id, streets, .. } => {
            let row = matrix.get(field);
            let mut sums = (0, 0, 0);
            for street in cx.state.matrix.streets_of(id) {
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
/// table to the field and territory and opens it, or, on a district with streets, asks for its
/// streets' columns (true: the table's rows are per street).
fn cell_ui(
    ui: &mut Ui,
    cx: &mut PanelCtx<'_>,
    rect: Rect,
    field: &String,
    column: &Column,
    cell: Cell,
    tip: &str,
) -> bool {
    let district = column.id();
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
        .on_hover_text(tip);
    if !r.clicked() {
        return false;
    }
    if matches!(column, Column::District { .. }) {
        return true;
    }
    cx.state.filters.field = Some(field.clone());
    cx.state.filters.district = Some(district.clone());
    cx.out.push(Command::ShowTab(Tab::Allocation));
    false
}
