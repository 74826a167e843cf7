//! The rows of the 分配表, kept light and following edits. A row is a (power, territory) pair
//! (a territory: a street, or a district without streets; the district filter names one)
//! and its status, by reference; the names a row shows are built when it is drawn (about
//! forty rows at a time), not for the half a million rows of a province.
//!
//! Sorted by code, name, kind, field or basis, the rows of one power are contiguous (the key
//! is the power's, ties broken by code, then district), so the rows are kept as one group per
//! power in that order. After an edit only the groups of the powers it touched
//! ([`Document::touched_since`]) are built again and put back in their place; a fraction of a
//! millisecond where building every row took hundreds. Sorted by status the rows of different
//! powers interleave: the order of the untouched rows is kept and the touched powers' rows are
//! merged in. Sorted by before or after (lead bodies' names) the same holds, unless the change
//! renamed or removed a body: a body's name may then change in any row, and the order is built
//! again. Whatever the path, the rows equal those built from scratch
//! (`tests/window/ui_incremental.rs`).

use std::collections::{BTreeMap, BTreeSet};

use crate::analysis::Coverage;
use crate::analysis::coverage::{Area, merge_by_territory};
use crate::model::{JurisdictionId, Power, PowerId, Touched, TouchedRecords};
use crate::session::Document;
use crate::text::{Label, Lang};
use crate::ui::cache::derived::Derived;
use crate::ui::state::Filters;

mod chunked;
mod order;

pub use order::lead_names;
use order::{Interleaved, unpack_status_key};

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

/// The status column: its order interleaves powers but needs no names.
const STATUS_COLUMN: SortColumn = 7;

/// Whether rows sorted by `column` can follow a change that touched `records`: always, but
/// by before or after names when a body was renamed or removed (its name may then change in
/// any row: a removed body is shown by its baseline's name).
fn follows_edits(column: SortColumn, doc: &Document, records: &TouchedRecords) -> bool {
    let by_names = (FIRST_INTERLEAVING_COLUMN..STATUS_COLUMN).contains(&column);
    !by_names
        || (records.renamed.is_empty()
            && records.bodies.iter().all(|b| doc.state().body(b).is_some()))
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
        let same_but_revision =
            built_for.filters == wanted.filters && built_for.column == wanted.column;
        let changes = doc.changes_since(built_for.revision);
        match changes.as_ref().map(|c| (&c.touched, &c.area)) {
            // An edit of the opinions touches no record, yet changes which rows have open ones.
            Some((Touched::Records(records), area))
                if same_but_revision
                    && !wanted.filters.only_open_opinions
                    && follows_edits(column, doc, records) =>
            {
                self.follow(doc, derived, records, area);
                self.built_for = Some(wanted);
            }
            _ => self.build(doc, derived, wanted),
        }
    }

    /// Builds every row.
    fn build(&mut self, doc: &Document, derived: &Derived, built_for: BuiltFor) {
        let coverage = &doc.analysis().coverage;
        let before = derived.baseline_coverage(doc);
        self.districts = coverage.territories().to_vec();
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
                    &derived.opinions,
                    None,
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

    /// Builds again the rows of the touched powers and puts them in their place: of a power
    /// that had rows and whose record the changes left alone, only the rows in the changes'
    /// `area` (its leads are as they were elsewhere; a grant to one district's streets leaves
    /// 1,335 of a province's 1,350 territories).
    fn follow(&mut self, doc: &Document, derived: &Derived, records: &TouchedRecords, area: &Area) {
        let touched = &records.powers;
        if touched.is_empty() {
            return;
        }
        let Some(built_for) = &self.built_for else {
            return;
        };
        let coverage = &doc.analysis().coverage;
        let before = derived.baseline_coverage(doc);
        // An interleaved order follows the groups' indices: it needs the groups as they were.
        let powers_before: Vec<PowerId> = match &self.interleaved {
            Some(_) => self.groups.iter().map(|g| g.power.clone()).collect(),
            None => Vec::new(),
        };
        // The touched powers' rows as the status order has them, to be taken out.
        let mut keys_before: Vec<u64> = match &self.interleaved {
            Some(Interleaved::ByStatus(_)) => touched
                .iter()
                .filter_map(|code| self.group_index(code))
                .flat_map(|g| self.status_keys(g))
                .collect(),
            _ => Vec::new(),
        };
        keys_before.sort_unstable();
        let (filters, column) = (built_for.filters.clone(), built_for.column);
        let rows = |power: &Power, only| {
            power_rows(
                coverage,
                before,
                &filters,
                column,
                power,
                &derived.opinions,
                only,
            )
        };
        // The touched powers whose rows stand in the same territories as before, with the
        // indices (in their group) of those in the area: only these may move in an order.
        let mut patched: BTreeMap<PowerId, Vec<u32>> = BTreeMap::new();
        // A power that has a group, passes and kept its record is followed in its group's
        // place: its rows built again in the area, merged with its others. The rest are
        // taken out and built whole.
        let mut whole: BTreeSet<&PowerId> = BTreeSet::new();
        for code in touched {
            let place = match (area, doc.state().power(code)) {
                (Area::Districts { territories, .. }, Some(power))
                    if !records.power_records.contains(code)
                        && derived.powers_passing.contains(code) =>
                {
                    let key = group_key(column, power);
                    self.groups
                        .binary_search_by(|g| (&g.key, &g.power).cmp(&(&key, code)))
                        .ok()
                        .map(|g| (g, power, territories))
                }
                _ => None,
            };
            let Some((g, power, territories)) = place else {
                whole.insert(code);
                continue;
            };
            let found = rows(power, Some(territories))
                .map(|g| g.rows)
                .unwrap_or_default();
            if let Some(in_area) = self.patch_group(g, found, territories) {
                patched.insert(code.clone(), in_area);
            }
        }
        if !whole.is_empty() {
            self.groups.retain(|g| !whole.contains(&g.power));
        }
        for code in whole {
            if !derived.powers_passing.contains(code) {
                continue;
            }
            let Some(power) = doc.state().power(code) else {
                continue;
            };
            if let Some(group) = rows(power, None) {
                let at = self
                    .groups
                    .partition_point(|g| (&g.key, &g.power) < (&group.key, &group.power));
                self.groups.insert(at, group);
            }
        }
        self.count();
        self.interleaved = match self.interleaved.take() {
            Some(Interleaved::ByStatus(order)) => Some(Interleaved::ByStatus(
                self.follow_status_order(order, &keys_before, &powers_before, touched, &patched),
            )),
            Some(Interleaved::ByNames(order)) => {
                Some(Interleaved::ByNames(self.follow_names_order(
                    doc,
                    derived,
                    column,
                    order,
                    &powers_before,
                    touched,
                    &patched,
                )))
            }
            None => None,
        };
    }

    /// Puts the rows `found` in the area's `territories` (ascending) in place of group `g`'s
    /// rows there, the group taken out if no row is left. Returns the indices (in the group)
    /// of its rows in the area when its rows stand in the territories they stood in.
    fn patch_group(
        &mut self,
        g: usize,
        found: Vec<(u32, Status)>,
        territories: &[u32],
    ) -> Option<Vec<u32>> {
        let old = std::mem::take(&mut self.groups[g].rows);
        let old_territories: Vec<u32> = old.iter().map(|&(t, _)| t).collect();
        let kept = old
            .into_iter()
            .filter(|(t, _)| territories.binary_search(t).is_err());
        let (at, statuses) = merge_by_territory(kept, found);
        let in_area = (at == old_territories).then(|| {
            at.iter()
                .enumerate()
                .filter(|(_, t)| territories.binary_search(t).is_ok())
                .map(|(r, _)| r as u32)
                .collect()
        });
        if at.is_empty() {
            self.groups.remove(g);
        } else {
            self.groups[g].rows = at.into_iter().zip(statuses).collect();
        }
        in_area
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
                let (g, district) = unpack_status_key(keys.get(index)?);
                let rows = &self.groups[g].rows;
                (g, rows.partition_point(|&(d, _)| d < district))
            }
            Some(Interleaved::ByNames(order)) => {
                let (g, r) = order.get(index)?;
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

/// A power's rows under the filters (in the territories `only`, ascending, when given); `None`
/// if none passes.
fn power_rows(
    coverage: &Coverage,
    before: &Coverage,
    filters: &Filters,
    column: SortColumn,
    power: &Power,
    opinions: &crate::ui::cache::OpenOpinions,
    only: Option<&[u32]>,
) -> Option<PowerRows> {
    let same_districts = before.territories() == coverage.territories();
    let districts = coverage.territories();
    let range = match &filters.district {
        Some(d) => match districts.binary_search(d) {
            Ok(i) => i..i + 1,
            Err(_) => 0..0,
        },
        None => 0..districts.len(),
    };
    // The territories in the range, or those of `only` among them.
    let picked = only.map(|only| {
        let start = only.partition_point(|&t| (t as usize) < range.start);
        let end = only.partition_point(|&t| (t as usize) < range.end);
        only[start..end.max(start)].iter().map(|&t| t as usize)
    });
    let indexes = picked
        .into_iter()
        .flatten()
        .chain(only.is_none().then(|| range.clone()).into_iter().flatten());
    let mut rows = Vec::new();
    // Every territory's leads walked in turn (a look-up each would search the stretches anew,
    // for each of a province's 1,350 streets); one district's, a few, or another plan's,
    // looked up.
    let every = only.is_none() && range.len() > 1;
    // The baseline is its own "before": nothing in it changed, and its leads are walked once.
    let own_before = std::ptr::eq(before, coverage);
    let mut now_each = every.then(|| coverage.leads_each(&power.code));
    let mut was_each =
        (every && same_districts && !own_before).then(|| before.leads_each(&power.code));
    for i in indexes {
        let now = match &mut now_each {
            Some(each) => each.next().unwrap_or_default(),
            None => coverage.leads(&power.code, &districts[i]),
        };
        let was = (!own_before).then(|| match &mut was_each {
            Some(each) => each.next().unwrap_or_default(),
            None => before.leads(&power.code, &districts[i]),
        });
        let changed = was.is_some_and(|was| now != was);
        let status = match now.len() {
            0 => Status::Gap,
            1 if changed => Status::Changed,
            1 => Status::Ok,
            _ => Status::Overlap,
        };
        if filters.only_findings && matches!(status, Status::Ok | Status::Changed) {
            continue;
        }
        if filters.only_changed && !changed {
            continue;
        }
        if filters.only_open_opinions && !opinions.row(&power.code, &districts[i], now) {
            continue;
        }
        rows.push((i as u32, status));
    }
    if rows.is_empty() {
        return None;
    }
    Some(PowerRows {
        key: group_key(column, power),
        power: power.code.clone(),
        rows,
    })
}

/// A power's text in the sort column `column` (empty when sorted by code alone).
fn group_key(column: SortColumn, power: &Power) -> String {
    match column {
        1 => power.name.clone(),
        2 => power.kind.label(Lang::Zh).to_owned(),
        3 => power.field.clone(),
        4 => power.basis.clone(),
        _ => String::new(),
    }
}
