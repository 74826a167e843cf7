//! 覆盖矩阵: fields × districts, as a heat map. Each cell shows how many powers of the field
//! are led once, twice or more, and by nobody in the district ("12 / 1 / 0"), on a shading of
//! its worst state (red: a gap; orange: an overlap; green: all led once), the deeper the more of
//! its powers have a problem ([`theme::matrix_heat`]). A 本市 column counts each power of the
//! field by its worst territory in the whole city (its three numbers add up to the field's
//! powers); a 合计 column sums each field over the districts and a 合计 row sums each column
//! over the fields ([`Totals`]).
//!
//! Clicking a cell sets the field and district filters, which the table and the graph follow,
//! and drills down: under the matrix, the cell's powers with their status, their lead bodies
//! and where the problem is ([`drill_rows`]), problems first; a button there opens the 分配表
//! on the same filters. The list is built when asked for and again only when the document
//! changes, and drawn a screenful at a time.
//!
//! Only the cells in view are laid out (a province has 8 fields × 100 districts), under a
//! district row and beside a field column and the 本市 column that stay put while the cells
//! scroll; the 合计 column and row stay at the right and bottom edges when the matrix is larger
//! than its area. The counts follow edits ([`MatrixCounts`]): an edit recounts the powers it
//! touched, not every power, and the totals are summed from the cells (fields × territories),
//! never from the powers.
//!
//! Coverage is checked on the territories (a district's streets, or the district). A district
//! with streets is one column that counts each power by the worst of its streets (a gap in any
//! street makes it a gap, else an overlap in any an overlap), so that its three numbers still
//! add up to the field's powers; its header (or one of its cells) opens it into its streets'
//! columns, each with the street's own counts, whose cells filter the table to the street. A
//! province's 1,350 streets stay out of the way until asked for.

use std::collections::BTreeMap;
use std::sync::Arc;

use egui::{Align, Label, Layout, Rect, RichText, ScrollArea, Sense, Ui, UiBuilder, pos2, vec2};

use crate::analysis::finding::place_name;
use crate::model::{BodyId, JurisdictionId, Power, PowerId, Touched};
use crate::ui::command::Command;
use crate::ui::i18n::tables::{self, Tt};
use crate::ui::i18n::{self, T};
use crate::ui::panels::PanelCtx;
use crate::ui::state::{Selection, Tab};
use crate::ui::tables::allocation::rows::lead_names;
use crate::ui::tables::allocation::{CELL_PAD, fit_widths, territory_text};
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

impl Cell {
    /// How many powers (or pairs) the cell counts.
    pub fn total(self) -> usize {
        self.once + self.many + self.none
    }

    /// Adds another cell's counts.
    fn add(&mut self, other: Cell) {
        self.once += other.once;
        self.many += other.many;
        self.none += other.none;
    }

    /// The cell as shown: "once / many / none".
    pub fn text(self) -> String {
        format!("{} / {} / {}", self.once, self.many, self.none)
    }
}

/// The sums around the matrix: the 本市 column, the 合计 column and the 合计 row.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    /// Each field's 本市 cell: each power counted by its worst territory in the whole city.
    pub city: BTreeMap<String, Cell>,
    /// Each field's 合计: the sum over the districts, a district with streets counted once, by
    /// its worst street (its column when closed).
    pub by_field: BTreeMap<String, Cell>,
    /// Each column's 合计 (a territory, or a district with streets): the sum over the fields.
    pub by_column: BTreeMap<JurisdictionId, Cell>,
    /// The 本市 column's 合计: every power by its worst territory.
    pub city_total: Cell,
    /// The 合计 of the 合计 column: every (power, district) pair.
    pub all: Cell,
}

/// The matrix: field → district → cell, fields sorted.
pub type Matrix = BTreeMap<String, BTreeMap<JurisdictionId, Cell>>;

/// How one power counts in one district's cell; the order is from best to worst.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Led {
    /// Led by exactly one body.
    Once,
    /// Led by two or more (多头).
    Many,
    /// Led by nobody (盲区).
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
    /// Each power by its worst territory (the 本市 column).
    city: Cell,
}

/// How one power was counted: its field, how it counts in each territory, in each district
/// with streets and in the whole city.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Seen {
    field: String,
    led: Vec<Led>,
    worst: Vec<Led>,
    city: Led,
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
    /// Each power as counted.
    seen: BTreeMap<PowerId, Seen>,
    districts: Vec<JurisdictionId>,
    /// The districts with streets.
    groups: Vec<Group>,
    /// For each territory, the index of its district in `groups`, if it is a street.
    group_of: Vec<Option<u32>>,
    /// The columns when every district is closed, by district id.
    tops: Vec<Top>,
    matrix: Arc<Matrix>,
    district_matrix: Arc<Matrix>,
    totals: Arc<Totals>,
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
        self.totals = Arc::new(self.sum_totals());
        self.revision = Some(revision);
    }

    /// The sums around the matrix, from the cells (fields × territories): no power is read.
    fn sum_totals(&self) -> Totals {
        let mut territory_totals = vec![Cell::default(); self.districts.len()];
        let mut group_totals = vec![Cell::default(); self.groups.len()];
        let mut totals = Totals::default();
        for (field, row) in &self.rows {
            totals.city.insert(field.clone(), row.city);
            totals.city_total.add(row.city);
            let mut sum = Cell::default();
            for top in &self.tops {
                match *top {
                    Top::Leaf(t) => sum.add(row.cells[t as usize]),
                    Top::Group(g) => sum.add(row.group_cells[g as usize]),
                }
            }
            totals.by_field.insert(field.clone(), sum);
            totals.all.add(sum);
            for (total, cell) in territory_totals.iter_mut().zip(&row.cells) {
                total.add(*cell);
            }
            for (total, cell) in group_totals.iter_mut().zip(&row.group_cells) {
                total.add(*cell);
            }
        }
        totals.by_column = self
            .districts
            .iter()
            .cloned()
            .zip(territory_totals)
            .chain(
                self.groups
                    .iter()
                    .map(|g| g.district.clone())
                    .zip(group_totals),
            )
            .collect();
        totals
    }

    /// The sums around the matrix as last refreshed.
    pub fn totals(&self) -> Arc<Totals> {
        self.totals.clone()
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
        let city = led.iter().copied().max().unwrap_or(Led::Nobody);
        let (territories, groups) = (self.districts.len(), self.groups.len());
        let row = self
            .rows
            .entry(power.field.clone())
            .or_insert_with(|| FieldRow {
                powers: 0,
                cells: vec![Cell::default(); territories],
                group_cells: vec![Cell::default(); groups],
                city: Cell::default(),
            });
        row.powers += 1;
        for (cell, led) in row.cells.iter_mut().zip(&led) {
            led.count(cell, true);
        }
        for (cell, led) in row.group_cells.iter_mut().zip(&worst) {
            led.count(cell, true);
        }
        city.count(&mut row.city, true);
        self.seen.insert(
            power.code.clone(),
            Seen {
                field: power.field.clone(),
                led,
                worst,
                city,
            },
        );
    }

    /// Takes back what [`MatrixCounts::see`] counted for a power.
    fn unsee(&mut self, code: &PowerId) {
        let Some(seen) = self.seen.remove(code) else {
            return;
        };
        if let Some(row) = self.rows.get_mut(&seen.field) {
            row.powers -= 1;
            for (cell, led) in row.cells.iter_mut().zip(&seen.led) {
                led.count(cell, false);
            }
            for (cell, led) in row.group_cells.iter_mut().zip(&seen.worst) {
                led.count(cell, false);
            }
            seen.city.count(&mut row.city, false);
            if row.powers == 0 {
                self.rows.remove(&seen.field);
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

/// What a drill-down lists: the powers of a field in the whole city, in one territory, or in a
/// district with streets (over its streets).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The 本市 column: every territory.
    City,
    /// A street, or a district without streets.
    Territory(JurisdictionId),
    /// A district with streets: its streets.
    District(JurisdictionId),
}

/// One power of a drill-down.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DrillRow {
    /// The power.
    pub power: PowerId,
    /// Its worst state over the scope's territories.
    pub status: Led,
    /// Its lead bodies there, each once, in the order of the territories.
    pub leads: Vec<BodyId>,
    /// How many of the scope's territories it is not led once in.
    pub problem_count: usize,
    /// The first few of them.
    pub problems: Vec<JurisdictionId>,
}

/// How many problem territories a drill-down row names.
const NAMED_PROBLEMS: usize = 3;

/// The powers of `field` in `scope`, with their worst state, lead bodies and problem
/// territories: problems first (gaps, then overlaps), then by code. One pass over the field's
/// powers and the scope's territories, when a cell is clicked or the document changed.
pub fn drill_rows(
    doc: &crate::plan::Document,
    counts: &MatrixCounts,
    field: &str,
    scope: &Scope,
) -> Vec<DrillRow> {
    let coverage = &doc.analysis().coverage;
    let territories = coverage.territories();
    let indices: Vec<usize> = match scope {
        Scope::City => (0..territories.len()).collect(),
        Scope::Territory(id) => territories.binary_search(id).ok().into_iter().collect(),
        Scope::District(id) => counts
            .groups
            .iter()
            .find(|g| &g.district == id)
            .map(|g| g.territories.iter().map(|&t| t as usize).collect())
            .unwrap_or_default(),
    };
    let mut rows: Vec<DrillRow> = doc
        .state()
        .powers()
        .values()
        .filter(|p| p.field == field)
        .map(|p| {
            let leads = coverage.power(&p.code).map(|c| &c.leads);
            let mut status = Led::Once;
            let mut seen: rustc_hash::FxHashSet<&BodyId> = rustc_hash::FxHashSet::default();
            let mut holders = Vec::new();
            let mut problems = Vec::new();
            let mut problem_count = 0;
            for &t in &indices {
                let here = leads.and_then(|l| l.get(t)).unwrap_or_default();
                let led = Led::of(here.len());
                status = status.max(led);
                for body in here {
                    if seen.insert(body) {
                        holders.push(body.clone());
                    }
                }
                if led != Led::Once {
                    problem_count += 1;
                    if problems.len() < NAMED_PROBLEMS {
                        problems.push(territories[t].clone());
                    }
                }
            }
            if indices.is_empty() {
                status = Led::Nobody;
            }
            DrillRow {
                power: p.code.clone(),
                status,
                leads: holders,
                problem_count,
                problems,
            }
        })
        .collect();
    rows.sort_by(|a, b| b.status.cmp(&a.status).then_with(|| a.power.cmp(&b.power)));
    rows
}

/// The cell a drill-down is open on.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Drill {
    field: String,
    scope: Scope,
}

/// A drill-down's rows, with what they were built for.
#[derive(Clone, Debug)]
struct DrillCache {
    revision: u64,
    drill: Drill,
    rows: Arc<Vec<DrillRow>>,
}

/// Where the open drill-down and its rows are kept: view state, in egui's memory.
fn drill_id() -> egui::Id {
    egui::Id::unique("matrix-drill")
}

fn drill_cache_id() -> egui::Id {
    egui::Id::unique("matrix-drill-rows")
}

/// The drill-down's rows, built again only when the document or the cell changed.
fn cached_drill_rows(ui: &Ui, cx: &PanelCtx<'_>, drill: &Drill) -> Arc<Vec<DrillRow>> {
    let revision = cx.doc.revision();
    let cached: Option<DrillCache> = ui.data(|d| d.get_temp(drill_cache_id()));
    if let Some(c) = cached
        && c.revision == revision
        && &c.drill == drill
    {
        return c.rows;
    }
    let rows = Arc::new(drill_rows(
        cx.doc,
        &cx.state.matrix,
        &drill.field,
        &drill.scope,
    ));
    ui.data_mut(|d| {
        d.insert_temp(
            drill_cache_id(),
            DrillCache {
                revision,
                drill: drill.clone(),
                rows: rows.clone(),
            },
        );
    });
    rows
}

/// The matrices of the document's revision (territories, districts with streets), their sums
/// and the columns, following its edits.
fn cached_cells(cx: &mut PanelCtx<'_>) -> (Arc<Matrix>, Arc<Matrix>, Arc<Totals>, Vec<Column>) {
    cx.state.matrix.refresh(cx.doc);
    let columns = cx.state.matrix.columns(&cx.state.matrix_open);
    (
        cx.state.matrix.matrix(),
        cx.state.matrix.district_matrix(),
        cx.state.matrix.totals(),
        columns,
    )
}

/// Width of the field column.
const FIELD_W: f32 = 110.0;
/// Width of a district column (its cell and the gap after it).
const COLUMN_W: f32 = 122.0;
/// Width of the 合计 column, whose sums are longer.
const TOTAL_W: f32 = 150.0;
/// Vertical gap between rows.
const ROW_GAP: f32 = 8.0;
/// Horizontal gap after a cell.
const CELL_GAP: f32 = 12.0;
/// The font of the counts.
const CELL_FONT: egui::FontId = egui::FontId::proportional(15.0);
/// The share of the tab's height the drill-down takes, and the least it takes.
const DRILL_SHARE: f32 = 0.42;
const DRILL_MIN_H: f32 = 170.0;

/// A cell that was clicked: which field, and where.
enum Hit {
    /// A territory's cell (a street, or a district without streets).
    Territory(String, JurisdictionId),
    /// A district with streets: opens its streets too.
    District(String, JurisdictionId),
    /// The 本市 column.
    City(String),
    /// A district's header: opens or closes its streets.
    Toggle(JurisdictionId),
}

/// Draws the matrix and, under it, the drill-down of the cell last clicked.
pub fn show(ui: &mut Ui, cx: &mut PanelCtx<'_>) {
    let lang = cx.state.lang;
    let (matrix, district_matrix, totals, columns) = cached_cells(cx);
    ui.horizontal(|ui| {
        ui.label(RichText::new(T::TabMatrix.get(lang)).strong());
        ui.label(RichText::new(T::LegendOnce.get(lang)).color(theme::OK));
        ui.label(RichText::new(T::LegendMany.get(lang)).color(theme::OVERLAP));
        ui.label(RichText::new(T::LegendNone.get(lang)).color(theme::GAP));
    });
    ui.add(Label::new(RichText::new(Tt::HeatLegend.get(lang)).small().weak()).wrap());
    ui.separator();
    if matrix.is_empty() || columns.is_empty() {
        ui.label(T::EmptyPlan.get(lang));
        return;
    }
    let drill: Option<Drill> = ui
        .data(|d| d.get_temp::<Drill>(drill_id()))
        .filter(|d| matrix.contains_key(&d.field));
    let room = ui.available_height();
    let matrix_h = if drill.is_some() {
        (room - (room * DRILL_SHARE).max(DRILL_MIN_H)).max(3.0 * row_height(ui))
    } else {
        room
    };
    let grid = Grid {
        fields: matrix.keys().collect(),
        columns: &columns,
        matrix: &matrix,
        district_matrix: &district_matrix,
        totals: &totals,
        drill: drill.as_ref(),
    };
    let hit = ScrollArea::both()
        .id_salt("matrix")
        .auto_shrink([false, true])
        .max_height(matrix_h)
        .show_viewport(ui, |ui, viewport| grid.show(ui, cx, viewport))
        .inner;
    match hit {
        Some(Hit::Territory(field, id)) => {
            cx.state.filters.field = Some(field.clone());
            cx.state.filters.district = Some(id.clone());
            open_drill(ui, field, Scope::Territory(id));
        }
        Some(Hit::District(field, id)) => {
            toggle_open(cx, &id);
            open_drill(ui, field, Scope::District(id));
        }
        Some(Hit::City(field)) => {
            cx.state.filters.field = Some(field.clone());
            cx.state.filters.district = None;
            open_drill(ui, field, Scope::City);
        }
        Some(Hit::Toggle(id)) => toggle_open(cx, &id),
        None => {}
    }
    let drill: Option<Drill> = ui.data(|d| d.get_temp::<Drill>(drill_id()));
    if let Some(drill) = drill.filter(|d| matrix.contains_key(&d.field)) {
        ui.separator();
        drill_panel(ui, cx, &drill);
    }
}

fn open_drill(ui: &Ui, field: String, scope: Scope) {
    ui.data_mut(|d| d.insert_temp(drill_id(), Drill { field, scope }));
}

/// What one frame of the matrix draws from.
struct Grid<'a> {
    fields: Vec<&'a String>,
    columns: &'a [Column],
    matrix: &'a Matrix,
    district_matrix: &'a Matrix,
    totals: &'a Totals,
    drill: Option<&'a Drill>,
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
    fn show(&self, ui: &mut Ui, cx: &PanelCtx<'_>, viewport: Rect) -> Option<Hit> {
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
fn heat_cell(
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
fn total_cell(ui: &mut Ui, rect: Rect, salt: (&str, usize, usize), cell: Cell) -> egui::Response {
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
fn header(ui: &mut Ui, cx: &PanelCtx<'_>, rect: Rect, column: &Column) -> bool {
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

/// The height of a row: a cell's text (15 points) with a button's padding, and the gap below.
fn row_height(ui: &Ui) -> f32 {
    let text_h = ui
        .painter()
        .layout_no_wrap("0".to_owned(), CELL_FONT, theme::TEXT)
        .size()
        .y;
    (text_h + 2.0 * ui.spacing().button_padding.y).max(ui.spacing().interact_size.y) + ROW_GAP
}

/// A header: one line, cut to its cell, vertically centred.
fn one_line(ui: &mut Ui, rect: Rect, text: RichText) -> egui::Response {
    ui.scope_builder(
        UiBuilder::new()
            .max_rect(rect)
            .layout(Layout::left_to_right(Align::Center)),
        |ui| ui.add(Label::new(text).truncate()),
    )
    .inner
}

/// The drill-down's columns: narrowest width and share of the room left over.
const DRILL_COLUMNS: [(Tt, f32, f32); 5] = [
    (Tt::DrillCode, 78.0, 0.3),
    (Tt::DrillName, 120.0, 2.6),
    (Tt::DrillStatus, 52.0, 0.2),
    (Tt::DrillHolders, 120.0, 3.0),
    (Tt::DrillWhere, 100.0, 1.4),
];

/// The name of a drill-down's cell: 本市, a street with its district, or a district.
fn scope_name(cx: &PanelCtx<'_>, scope: &Scope) -> String {
    let lang = cx.state.lang;
    match scope {
        Scope::City => Tt::MatrixCity.get(lang).to_owned(),
        Scope::Territory(id) => territory_text(cx.doc.state(), id, lang),
        Scope::District(id) => cx.jurisdiction_name(id),
    }
}

/// The drill-down: the cell's powers, problems first, each with its status, its lead bodies
/// and where it is not led once; a click on a power selects it (the inspector shows it). Drawn
/// a screenful at a time.
fn drill_panel(ui: &mut Ui, cx: &mut PanelCtx<'_>, drill: &Drill) {
    let lang = cx.state.lang;
    let rows = cached_drill_rows(ui, cx, drill);
    let many = rows.iter().filter(|r| r.status == Led::Many).count();
    let none = rows.iter().filter(|r| r.status == Led::Nobody).count();
    let place = scope_name(cx, &drill.scope);
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(tables::drill_heading(
                lang,
                &place,
                &drill.field,
                rows.len(),
                many,
                none,
            ))
            .strong(),
        );
        if !matches!(drill.scope, Scope::District(_))
            && ui.button(Tt::DrillShowTable.get(lang)).clicked()
        {
            cx.state.filters.field = Some(drill.field.clone());
            cx.state.filters.district = match &drill.scope {
                Scope::Territory(id) => Some(id.clone()),
                Scope::City | Scope::District(_) => None,
            };
            cx.out.push(Command::ShowTab(Tab::Allocation));
        }
        if ui.button(Tt::DrillClose.get(lang)).clicked() {
            ui.data_mut(|d| d.remove::<Drill>(drill_id()));
        }
    });
    let row_h = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    let room = ui.available_width() - ui.spacing().scroll.allocated_width();
    // One territory's cell needs no column saying where the problem is.
    let columns = match drill.scope {
        Scope::Territory(_) => &DRILL_COLUMNS[..DRILL_COLUMNS.len() - 1],
        Scope::City | Scope::District(_) => &DRILL_COLUMNS[..],
    };
    let widths = fit_widths(
        &columns.iter().map(|c| (c.1, c.2)).collect::<Vec<_>>(),
        room,
    );
    let total_w: f32 = widths.iter().sum();
    let (rect, _) = ui.allocate_exact_size(vec2(total_w, row_h), Sense::hover());
    let mut x = rect.left();
    for ((label, _, _), w) in columns.iter().zip(&widths) {
        one_line(
            ui,
            drill_cell(x, rect, *w),
            RichText::new(label.get(lang)).strong(),
        );
        x += w;
    }
    if rows.is_empty() {
        ui.label(Tt::DrillNone.get(lang));
        return;
    }
    let state = cx.doc.state();
    ScrollArea::vertical()
        .id_salt("matrix-drill")
        .auto_shrink([false, false])
        .show_rows(ui, row_h, rows.len(), |ui, range| {
            for row in range.filter_map(|i| rows.get(i)) {
                let (rect, response) = ui.allocate_exact_size(vec2(total_w, row_h), Sense::click());
                if response.hovered() {
                    ui.painter()
                        .rect_filled(rect, 2.0, ui.visuals().faint_bg_color);
                }
                let name = state
                    .power(&row.power)
                    .map_or_else(String::new, |p| p.name.clone());
                let (status, color) = match row.status {
                    Led::Nobody => (T::Gaps, theme::GAP),
                    Led::Many => (T::Overlaps, theme::OVERLAP),
                    Led::Once => (T::StatusOk, theme::OK),
                };
                let holders = if row.leads.is_empty() {
                    Tt::NobodyLeads.get(lang).to_owned()
                } else {
                    lead_names(cx.doc, &row.leads)
                };
                let named: Vec<String> = row
                    .problems
                    .iter()
                    .map(|t| territory_text(state, t, lang))
                    .collect();
                let cells = [
                    RichText::new(row.power.to_string()),
                    RichText::new(name),
                    RichText::new(status.get(lang)).color(color),
                    RichText::new(holders),
                    RichText::new(tables::places(lang, &named, row.problem_count)),
                ];
                let mut x = rect.left();
                for (text, w) in cells.into_iter().zip(&widths) {
                    let cell = drill_cell(x, rect, *w);
                    ui.scope_builder(
                        UiBuilder::new()
                            .max_rect(cell)
                            .layout(Layout::left_to_right(Align::Center)),
                        |ui| ui.add(Label::new(text).truncate().selectable(false)),
                    );
                    x += w;
                }
                if response.clicked() {
                    cx.out
                        .push(Command::Select(Selection::Power(row.power.clone())));
                }
            }
        });
}

/// The rectangle of a drill-down cell that starts at `x` in a row.
fn drill_cell(x: f32, row: Rect, width: f32) -> Rect {
    Rect::from_min_max(
        pos2(x, row.top()),
        pos2(x + (width - CELL_PAD).max(8.0), row.bottom()),
    )
}
