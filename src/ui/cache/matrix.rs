//! 覆盖矩阵's counts, following the document's edits: each power's field and how it counts in
//! each territory are remembered, so that after an edit the touched powers take back their old
//! counts and add their new ones, instead of a pass over every power's coverage. A touched
//! power whose field stayed is counted again in the edit's area only (its leads are as they
//! were elsewhere: a grant to one district's streets leaves 1,335 of a province's 1,350), and
//! only the cells that moved are written into the matrices shown. The totals are summed from
//! the cells (fields × territories), never from the powers.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::{Refresh, Sources};
use crate::analysis::coverage::Area;
use crate::model::{JurisdictionId, Power, PowerId, Touched};

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
    pub fn of(leads: usize) -> Self {
        match leads {
            0 => Led::Nobody,
            1 => Led::Once,
            _ => Led::Many,
        }
    }

    /// How a power whose leads are `leads` (none: not covered) counts in territory `i`.
    fn in_territory(leads: Option<&crate::analysis::coverage::Leads>, i: usize) -> Self {
        Led::of(leads.and_then(|l| l.get(i)).map_or(0, <[_]>::len))
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

/// The cells an edit moved: (field, territory) and (field, district with streets, by its
/// index in `groups`).
#[derive(Debug, Default)]
struct MovedCells {
    cells: Vec<(String, u32)>,
    group_cells: Vec<(String, u32)>,
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
/// ([`crate::session::Document::touched_since`]) take back their old counts and add their new
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
    pub fn follow(&mut self, doc: &crate::session::Document) {
        let revision = doc.revision();
        if self.revision == Some(revision) {
            return;
        }
        let changes = self.revision.and_then(|r| doc.changes_since(r));
        // The cells that moved (field, territory) and (field, district with streets), when
        // every touched power was counted again in the area alone.
        let mut moved = Some(MovedCells::default());
        match changes.as_ref().map(|c| (&c.touched, &c.area)) {
            Some((Touched::Records(records), area)) => {
                for code in &records.powers {
                    let in_area = match (doc.state().power(code), area) {
                        (Some(power), Area::Districts { territories, .. }) => moved
                            .as_mut()
                            .is_some_and(|m| self.see_in(doc, power, territories, m)),
                        _ => false,
                    };
                    if !in_area {
                        moved = None;
                        self.unsee(code);
                        if let Some(power) = doc.state().power(code) {
                            self.see(doc, power);
                        }
                    }
                }
            }
            Some((Touched::All, _)) | None => {
                moved = None;
                self.rows.clear();
                self.seen.clear();
                self.read_territories(&doc.analysis().coverage);
                for power in doc.state().powers().values() {
                    self.see(doc, power);
                }
            }
        }
        if let Some(moved) = moved {
            self.write_moved(&moved);
        } else {
            self.write_matrices();
        }
        self.totals = Arc::new(self.sum_totals());
        self.revision = Some(revision);
    }

    /// Writes the cells that moved into the matrices shown (a field's row is there as long as
    /// it has powers: a power counted in its area only stays in its field).
    fn write_moved(&mut self, moved: &MovedCells) {
        let (cells, group_cells) = (&moved.cells, &moved.group_cells);
        if !cells.is_empty() {
            let matrix = Arc::make_mut(&mut self.matrix);
            for (field, t) in cells {
                if let (Some(row), Some(shown)) = (self.rows.get(field), matrix.get_mut(field)) {
                    shown.insert(self.districts[*t as usize].clone(), row.cells[*t as usize]);
                }
            }
        }
        if !group_cells.is_empty() {
            let matrix = Arc::make_mut(&mut self.district_matrix);
            for (field, g) in group_cells {
                if let (Some(row), Some(shown)) = (self.rows.get(field), matrix.get_mut(field)) {
                    shown.insert(
                        self.groups[*g as usize].district.clone(),
                        row.group_cells[*g as usize],
                    );
                }
            }
        }
    }

    /// Writes every cell into the matrices shown.
    fn write_matrices(&mut self) {
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

    /// The coverage's territories (by index) of a district with streets: its streets.
    pub fn territory_indices_of(&self, district: &JurisdictionId) -> Vec<usize> {
        self.groups
            .iter()
            .find(|g| &g.district == district)
            .map(|g| g.territories.iter().map(|&t| t as usize).collect())
            .unwrap_or_default()
    }

    /// The streets of a district with streets (none for another district).
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
    fn see(&mut self, doc: &crate::session::Document, power: &Power) {
        let leads = doc.analysis().coverage.power(&power.code).map(|c| &c.leads);
        let led: Vec<Led> = (0..self.districts.len())
            .map(|i| Led::in_territory(leads, i))
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

    /// Counts a power again in the `area`'s territories (ascending) only, putting the cells that
    /// moved in `moved`; false (nothing done) when it was not counted in the field it has now.
    fn see_in(
        &mut self,
        doc: &crate::session::Document,
        power: &Power,
        area: &[u32],
        moved: &mut MovedCells,
    ) -> bool {
        let Some(seen) = self.seen.get_mut(&power.code) else {
            return false;
        };
        let Some(row) = self
            .rows
            .get_mut(&power.field)
            .filter(|_| seen.field == power.field)
        else {
            return false;
        };
        let coverage = &doc.analysis().coverage;
        let leads = coverage.power(&power.code).map(|c| &c.leads);
        let mut groups: Vec<u32> = Vec::new();
        for &t in area {
            let i = t as usize;
            let now = Led::in_territory(leads, i);
            let (Some(was), Some(cell)) = (seen.led.get_mut(i), row.cells.get_mut(i)) else {
                continue;
            };
            if *was != now {
                was.count(cell, false);
                now.count(cell, true);
                *was = now;
                moved.cells.push((power.field.clone(), t));
            }
            groups.extend(self.group_of.get(i).copied().flatten());
        }
        groups.sort_unstable();
        groups.dedup();
        for g in groups {
            let group = &self.groups[g as usize];
            let now = group
                .territories
                .iter()
                .map(|&t| seen.led[t as usize])
                .fold(Led::Once, Led::max);
            let was = &mut seen.worst[g as usize];
            if *was != now {
                was.count(&mut row.group_cells[g as usize], false);
                now.count(&mut row.group_cells[g as usize], true);
                *was = now;
                moved.group_cells.push((power.field.clone(), g));
            }
        }
        let city = seen.led.iter().copied().max().unwrap_or(Led::Nobody);
        if seen.city != city {
            seen.city.count(&mut row.city, false);
            city.count(&mut row.city, true);
            seen.city = city;
        }
        true
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
pub fn cells(doc: &crate::session::Document) -> Matrix {
    let mut counts = MatrixCounts::default();
    counts.follow(doc);
    Arc::unwrap_or_clone(counts.matrix)
}

impl Refresh for MatrixCounts {
    fn refresh(&mut self, from: &mut Sources<'_>) {
        self.follow(from.doc);
    }
}
