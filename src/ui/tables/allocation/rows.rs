//! The rows of the 分配表, kept light and following edits. A row is a (power, district) pair
//! and its status, by reference; the names a row shows are built when it is drawn (about
//! forty rows at a time), not for the half a million rows of a province.
//!
//! Sorted by code, name, kind, field or basis, the rows of one power are contiguous (the key
//! is the power's, ties broken by code, then district), so the rows are kept as one group per
//! power in that order. After an edit only the groups of the powers it touched
//! ([`Document::touched_since`]) are built again and put back in their place; a fraction of a
//! millisecond where building every row took hundreds. Sorted by status the rows of different
//! powers interleave: the order of the untouched rows is kept and the touched powers' rows are
//! merged in. Sorted by before or after (lead bodies' names, which a renamed body changes in
//! any row) every change builds the order again. Whatever the path, the rows equal those
//! built from scratch (`tests/ui_incremental.rs`).

use std::collections::BTreeSet;

use crate::analysis::Coverage;
use crate::model::{JurisdictionId, Power, PowerId, Touched};
use crate::plan::Document;
use crate::ui::derived::Derived;
use crate::ui::state::Filters;

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

/// One row, borrowed from the rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row<'r> {
    /// The power.
    pub power: &'r PowerId,
    /// The district.
    pub district: &'r JurisdictionId,
    /// Status.
    pub status: Status,
}

/// The column the rows are sorted by (the table's columns: code, name, kind, field, basis,
/// before, after, status).
pub type SortColumn = usize;

/// The first column whose order interleaves the rows of different powers (before, after,
/// status).
const FIRST_INTERLEAVING_COLUMN: SortColumn = 5;

/// The status column: its order interleaves powers but needs no names, so it follows edits.
const STATUS_COLUMN: SortColumn = 7;

/// Whether rows sorted by `column` follow edits: every column but before and after, whose
/// order is by names that a renamed body changes anywhere.
fn follows_edits(column: SortColumn) -> bool {
    column < FIRST_INTERLEAVING_COLUMN || column == STATUS_COLUMN
}

/// The rows of one power that pass the filters, in district order.
#[derive(Clone, Debug, PartialEq, Eq)]
struct PowerRows {
    /// The power's text in the sort column (empty when sorted by code alone).
    key: String,
    power: PowerId,
    /// Index into the districts, and the status.
    rows: Vec<(u32, Status)>,
}

/// The rows in the order of a column that interleaves powers.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Interleaved {
    /// By status: each row as its sort key, [`status_key`], so that sorting and merging compare
    /// integers.
    ByStatus(Vec<u64>),
    /// By names: (group, row in the group).
    ByNames(Vec<(u32, u32)>),
}

/// A row's place in the status order, (status, district, group) packed into one integer: the
/// districts are in id order and the groups in code order, so their indices sort as the ids.
fn status_key(status: Status, district: u32, group: u32) -> u64 {
    ((status as u64) << 60) | (u64::from(district) << 32) | u64::from(group)
}

/// The (group, district) of a [`status_key`].
fn unpack_status_key(key: u64) -> (usize, u32) {
    (
        (key & 0xFFFF_FFFF) as usize,
        ((key >> 32) & 0x0FFF_FFFF) as u32,
    )
}

/// What the rows were built for: the document's revision, the filters, the sort column.
#[derive(Clone, Debug, PartialEq, Eq)]
struct BuiltFor {
    revision: u64,
    filters: Filters,
    column: SortColumn,
}

/// The rows under the current filters and sort.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AllocationRows {
    built_for: Option<BuiltFor>,
    /// The coverage's districts, which the rows index.
    districts: Vec<JurisdictionId>,
    /// One group per power with rows, sorted by (key, code).
    groups: Vec<PowerRows>,
    /// Where each group's rows start, and the number of rows last.
    starts: Vec<usize>,
    /// For a column that interleaves powers: the rows in ascending order.
    interleaved: Option<Interleaved>,
    descending: bool,
}

impl AllocationRows {
    /// Brings the rows up to date: after edits under the same filters and a sort by a power's
    /// column, by building again only the touched powers' rows; otherwise from scratch.
    pub fn refresh(
        &mut self,
        doc: &Document,
        derived: &Derived,
        filters: &Filters,
        column: SortColumn,
        descending: bool,
    ) {
        self.descending = descending;
        let wanted = BuiltFor {
            revision: doc.revision(),
            filters: filters.clone(),
            column,
        };
        let Some(built_for) = &self.built_for else {
            self.build(doc, derived, wanted);
            return;
        };
        if *built_for == wanted {
            return;
        }
        let same_but_revision = built_for.filters == wanted.filters
            && built_for.column == wanted.column
            && follows_edits(column);
        match doc.touched_since(built_for.revision) {
            Some(Touched::Records(records)) if same_but_revision => {
                self.follow(doc, derived, &records.powers);
                self.built_for = Some(wanted);
            }
            _ => self.build(doc, derived, wanted),
        }
    }

    /// Builds every row.
    fn build(&mut self, doc: &Document, derived: &Derived, built_for: BuiltFor) {
        let coverage = &doc.analysis().coverage;
        let before = derived.baseline_coverage(doc);
        self.districts = coverage.districts().to_vec();
        let state = doc.state();
        self.groups = derived
            .powers_passing
            .iter()
            .filter_map(|code| state.power(code))
            .filter_map(|power| {
                power_rows(
                    coverage,
                    before,
                    &built_for.filters,
                    built_for.column,
                    power,
                )
            })
            .collect();
        // Powers come in code order: sorted by a power's text, the stable sort keeps codes
        // in order among equal texts.
        if built_for.column != 0 {
            self.groups.sort_by(|a, b| a.key.cmp(&b.key));
        }
        self.count();
        self.interleaved = (built_for.column >= FIRST_INTERLEAVING_COLUMN)
            .then(|| self.interleaved_order(doc, derived, built_for.column));
        self.built_for = Some(built_for);
    }

    /// Builds again the rows of `touched` powers and puts them in their place.
    fn follow(&mut self, doc: &Document, derived: &Derived, touched: &BTreeSet<PowerId>) {
        if touched.is_empty() {
            return;
        }
        let Some(built_for) = &self.built_for else {
            return;
        };
        let coverage = &doc.analysis().coverage;
        let before = derived.baseline_coverage(doc);
        // The status order follows the groups' indices: it needs the groups as they were.
        let powers_before: Vec<PowerId> = match &self.interleaved {
            Some(Interleaved::ByStatus(_)) => self.groups.iter().map(|g| g.power.clone()).collect(),
            _ => Vec::new(),
        };
        self.groups.retain(|g| !touched.contains(&g.power));
        for code in touched {
            if !derived.powers_passing.contains(code) {
                continue;
            }
            let Some(power) = doc.state().power(code) else {
                continue;
            };
            if let Some(group) = power_rows(
                coverage,
                before,
                &built_for.filters,
                built_for.column,
                power,
            ) {
                let at = self
                    .groups
                    .partition_point(|g| (&g.key, &g.power) < (&group.key, &group.power));
                self.groups.insert(at, group);
            }
        }
        self.count();
        if let Some(Interleaved::ByStatus(order)) = self.interleaved.take() {
            let order = self.follow_status_order(order, &powers_before, touched);
            self.interleaved = Some(Interleaved::ByStatus(order));
        }
    }

    /// Where each group starts.
    fn count(&mut self) {
        self.starts.clear();
        let mut total = 0;
        for group in &self.groups {
            self.starts.push(total);
            total += group.rows.len();
        }
        self.starts.push(total);
    }

    /// The status order after the touched powers' groups were built again: the other rows
    /// keep their order (under the groups' new indices), the touched powers' rows are sorted
    /// and merged in, in place. `powers_before` are the groups' powers before.
    fn follow_status_order(
        &self,
        mut order: Vec<u64>,
        powers_before: &[PowerId],
        touched: &BTreeSet<PowerId>,
    ) -> Vec<u64> {
        // Sorted by status, the groups are in code order.
        let index_of = |code: &PowerId| {
            self.groups
                .binary_search_by(|g| g.power.cmp(code))
                .ok()
                .map(|g| g as u32)
        };
        // Both lists are in code order: one walk finds each untouched group's new index.
        let mut now = self.groups.iter().enumerate().peekable();
        let new_index: Vec<Option<u32>> = powers_before
            .iter()
            .map(|code| {
                while now.next_if(|(_, g)| &g.power < code).is_some() {}
                now.next_if(|(_, g)| &g.power == code && !touched.contains(code))
                    .map(|(g, _)| g as u32)
            })
            .collect();
        // The untouched groups keep their order among themselves: so do their rows' keys.
        order.retain_mut(|key| {
            let (g, _) = unpack_status_key(*key);
            new_index[g].is_some_and(|g| {
                *key = (*key & !0xFFFF_FFFF) | u64::from(g);
                true
            })
        });
        let mut added: Vec<u64> = touched
            .iter()
            .filter_map(index_of)
            .flat_map(|g| self.status_keys(g))
            .collect();
        added.sort_unstable();
        // Merged from the back, so that no row moves twice and nothing is allocated anew.
        let (mut kept, mut new) = (order.len(), added.len());
        order.resize(kept + new, 0);
        while new > 0 {
            let at = kept + new - 1;
            if kept > 0 && order[kept - 1] > added[new - 1] {
                order[at] = order[kept - 1];
                kept -= 1;
            } else {
                order[at] = added[new - 1];
                new -= 1;
            }
        }
        order
    }

    /// The status keys of group `g`'s rows.
    fn status_keys(&self, g: u32) -> impl Iterator<Item = u64> + '_ {
        self.groups[g as usize]
            .rows
            .iter()
            .map(move |&(district, status)| status_key(status, district, g))
    }

    /// The rows sorted by before, after (their names, then code and district) or status (then
    /// district, then code).
    fn interleaved_order(
        &self,
        doc: &Document,
        derived: &Derived,
        column: SortColumn,
    ) -> Interleaved {
        if column == STATUS_COLUMN {
            let mut keys: Vec<u64> = (0..self.groups.len() as u32)
                .flat_map(|g| self.status_keys(g))
                .collect();
            keys.sort_unstable();
            return Interleaved::ByStatus(keys);
        }
        let mut order: Vec<(u32, u32)> = self
            .groups
            .iter()
            .enumerate()
            .flat_map(|(g, group)| (0..group.rows.len()).map(move |r| (g as u32, r as u32)))
            .collect();
        let coverage = &doc.analysis().coverage;
        let before = derived.baseline_coverage(doc);
        // Each row's names once (a province has half a million rows), not once per
        // comparison; then code and district, as the groups are (the key is empty for these
        // columns, so the groups are in code order).
        order.sort_by_cached_key(|&(g, r)| {
            let group = &self.groups[g as usize];
            let district = &self.districts[group.rows[r as usize].0 as usize];
            let leads = if column == 5 { before } else { coverage };
            (lead_names(doc, leads.leads(&group.power, district)), (g, r))
        });
        Interleaved::ByNames(order)
    }

    /// How many rows.
    pub fn len(&self) -> usize {
        self.starts.last().copied().unwrap_or(0)
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The row at `index` in the table's order.
    pub fn get(&self, index: usize) -> Option<Row<'_>> {
        let len = self.len();
        if index >= len {
            return None;
        }
        let index = if self.descending {
            len - 1 - index
        } else {
            index
        };
        let (g, r) = match &self.interleaved {
            Some(Interleaved::ByStatus(keys)) => {
                let (g, district) = unpack_status_key(keys[index]);
                let rows = &self.groups[g].rows;
                (g, rows.partition_point(|&(d, _)| d < district))
            }
            Some(Interleaved::ByNames(order)) => {
                let (g, r) = order[index];
                (g as usize, r as usize)
            }
            None => {
                let g = self.starts.partition_point(|&s| s <= index) - 1;
                (g, index - self.starts[g])
            }
        };
        let group = &self.groups[g];
        let (district, status) = group.rows[r];
        Some(Row {
            power: &group.power,
            district: &self.districts[district as usize],
            status,
        })
    }

    /// Every row in the table's order.
    pub fn iter(&self) -> impl Iterator<Item = Row<'_>> {
        (0..self.len()).filter_map(|i| self.get(i))
    }
}

/// A power's rows under the filters; `None` if none passes.
fn power_rows(
    coverage: &Coverage,
    before: &Coverage,
    filters: &Filters,
    column: SortColumn,
    power: &Power,
) -> Option<PowerRows> {
    let now = coverage.power(&power.code).map(|c| &c.leads);
    let was = before.power(&power.code).map(|c| &c.leads);
    let same_districts = before.districts() == coverage.districts();
    let districts = coverage.districts();
    let range = match &filters.district {
        Some(d) => match districts.binary_search(d) {
            Ok(i) => i..i + 1,
            Err(_) => 0..0,
        },
        None => 0..districts.len(),
    };
    let mut rows = Vec::new();
    for i in range {
        let now = now.and_then(|l| l.get(i)).unwrap_or_default();
        let was = if same_districts {
            was.and_then(|l| l.get(i)).unwrap_or_default()
        } else {
            before.leads(&power.code, &districts[i])
        };
        let status = match now.len() {
            0 => Status::Gap,
            1 if now != was => Status::Changed,
            1 => Status::Ok,
            _ => Status::Overlap,
        };
        if filters.only_findings && matches!(status, Status::Ok | Status::Changed) {
            continue;
        }
        if filters.only_changed && now == was {
            continue;
        }
        rows.push((i as u32, status));
    }
    if rows.is_empty() {
        return None;
    }
    let key = match column {
        1 => power.name.clone(),
        2 => power.kind.label_zh().to_owned(),
        3 => power.field.clone(),
        4 => power.basis.clone(),
        _ => String::new(),
    };
    Some(PowerRows {
        key,
        power: power.code.clone(),
        rows,
    })
}

/// Lead bodies by name, joined with 、 (a body gone from the state is looked up in the
/// baseline, then shown by id).
pub fn lead_names(doc: &Document, ids: &[crate::model::BodyId]) -> String {
    ids.iter()
        .map(|b| {
            doc.state()
                .body(b)
                .or_else(|| doc.baseline().body(b))
                .map_or_else(|| b.to_string(), |x| x.name.clone())
        })
        .collect::<Vec<_>>()
        .join("、")
}
