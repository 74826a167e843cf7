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
//! (`tests/ui_incremental.rs`).

use std::collections::BTreeSet;

use crate::analysis::Coverage;
use crate::model::{BodyId, JurisdictionId, Power, PowerId, Touched, TouchedRecords};
use crate::session::Document;
use crate::text::{Label, Lang};
use crate::ui::cache::derived::Derived;
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
        let same_but_revision =
            built_for.filters == wanted.filters && built_for.column == wanted.column;
        match doc.touched_since(built_for.revision) {
            Some(Touched::Records(records))
                if same_but_revision && follows_edits(column, doc, &records) =>
            {
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
        // An interleaved order follows the groups' indices: it needs the groups as they were.
        let powers_before: Vec<PowerId> = match &self.interleaved {
            Some(_) => self.groups.iter().map(|g| g.power.clone()).collect(),
            None => Vec::new(),
        };
        let column = built_for.column;
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
        self.interleaved = match self.interleaved.take() {
            Some(Interleaved::ByStatus(order)) => Some(Interleaved::ByStatus(
                self.follow_status_order(order, &powers_before, touched),
            )),
            Some(Interleaved::ByNames(order)) => Some(Interleaved::ByNames(
                self.follow_names_order(doc, derived, column, order, &powers_before, touched),
            )),
            None => None,
        };
    }

    /// The groups' new indices by their old ones, after the touched powers' groups were built
    /// again (`None`: a touched group, or one gone). Sorted by status or names the groups are
    /// in code order, as `powers_before` are: one walk finds them.
    fn new_group_indices(
        &self,
        powers_before: &[PowerId],
        touched: &BTreeSet<PowerId>,
    ) -> Vec<Option<u32>> {
        let mut now = self.groups.iter().enumerate().peekable();
        powers_before
            .iter()
            .map(|code| {
                while now.next_if(|(_, g)| &g.power < code).is_some() {}
                now.next_if(|(_, g)| &g.power == code && !touched.contains(code))
                    .map(|(g, _)| g as u32)
            })
            .collect()
    }

    /// The index of the group of `code` (the groups in code order).
    fn group_index(&self, code: &PowerId) -> Option<u32> {
        self.groups
            .binary_search_by(|g| g.power.cmp(code))
            .ok()
            .map(|g| g as u32)
    }

    /// The names a row is sorted by (before: column 5, after: column 6).
    fn row_names(
        &self,
        doc: &Document,
        derived: &Derived,
        column: SortColumn,
        g: u32,
        r: u32,
    ) -> String {
        lead_names(doc, self.row_leads(doc, derived, column, g, r))
    }

    /// The lead bodies whose names a row is sorted by (before: column 5, after: column 6).
    fn row_leads<'d>(
        &self,
        doc: &'d Document,
        derived: &'d Derived,
        column: SortColumn,
        g: u32,
        r: u32,
    ) -> &'d [BodyId] {
        let group = &self.groups[g as usize];
        let district = &self.districts[group.rows[r as usize].0 as usize];
        let leads = if column == 5 {
            derived.baseline_coverage(doc)
        } else {
            &doc.analysis().coverage
        };
        leads.leads(&group.power, district)
    }

    /// The names order after the touched powers' groups were built again: the other rows keep
    /// their order (under the groups' new indices); the touched powers' rows are sorted by
    /// their names and each put in its place by a binary search (a few rows' names built per
    /// row added, not every row's), then merged in place.
    fn follow_names_order(
        &self,
        doc: &Document,
        derived: &Derived,
        column: SortColumn,
        mut order: Vec<(u32, u32)>,
        powers_before: &[PowerId],
        touched: &BTreeSet<PowerId>,
    ) -> Vec<(u32, u32)> {
        let new_index = self.new_group_indices(powers_before, touched);
        if unmoved(&new_index) {
            order.retain(|&(g, _)| new_index[g as usize].is_some());
        } else {
            order.retain_mut(|(g, _)| {
                new_index[*g as usize].is_some_and(|now| {
                    *g = now;
                    true
                })
            });
        }
        let added_groups: Vec<u32> = touched
            .iter()
            .filter_map(|code| self.group_index(code))
            .collect();
        // Each added row costs a binary search with a row's names built at each step, where
        // sorting every row again builds each row's names once: for an edit of many powers,
        // that costs less.
        let added_rows: usize = added_groups
            .iter()
            .map(|&g| self.groups[g as usize].rows.len())
            .sum();
        let steps = (usize::BITS - order.len().leading_zeros()) as usize;
        if added_rows.saturating_mul(steps) > order.len() {
            return self.names_order(doc, derived, column);
        }
        let mut added: Vec<(String, (u32, u32))> = added_groups
            .into_iter()
            .flat_map(|g| (0..self.groups[g as usize].rows.len() as u32).map(move |r| (g, r)))
            .map(|(g, r)| (self.row_names(doc, derived, column, g, r), (g, r)))
            .collect();
        added.sort_unstable();
        // Where each added row goes among the kept ones (ascending, as the added rows are).
        let places: Vec<usize> = added
            .iter()
            .map(|(names, row)| {
                // Compared name by name, not joined: no text is built per step.
                order.partition_point(|&(g, r)| {
                    let here = self.row_leads(doc, derived, column, g, r);
                    compare_names(doc, here, names)
                        .then_with(|| (g, r).cmp(row))
                        .is_lt()
                })
            })
            .collect();
        // Merged from the back, so that each kept row moves once.
        let kept = order.len();
        order.resize(kept + added.len(), (0, 0));
        let mut end = kept;
        for (i, ((_, row), at)) in added.iter().zip(&places).enumerate().rev() {
            order.copy_within(*at..end, at + i + 1);
            order[at + i] = *row;
            end = *at;
        }
        order
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
        let new_index = self.new_group_indices(powers_before, touched);
        // The untouched groups keep their order among themselves: so do their rows' keys
        // (rewritten only if a group moved).
        if unmoved(&new_index) {
            order.retain(|key| new_index[unpack_status_key(*key).0].is_some());
        } else {
            order.retain_mut(|key| {
                let (g, _) = unpack_status_key(*key);
                new_index[g].is_some_and(|g| {
                    *key = (*key & !0xFFFF_FFFF) | u64::from(g);
                    true
                })
            });
        }
        let mut added: Vec<u64> = touched
            .iter()
            .filter_map(|code| self.group_index(code))
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
        Interleaved::ByNames(self.names_order(doc, derived, column))
    }

    /// Every row sorted by its names (before or after), then code and district.
    fn names_order(
        &self,
        doc: &Document,
        derived: &Derived,
        column: SortColumn,
    ) -> Vec<(u32, u32)> {
        let mut order: Vec<(u32, u32)> = self
            .groups
            .iter()
            .enumerate()
            .flat_map(|(g, group)| (0..group.rows.len()).map(move |r| (g as u32, r as u32)))
            .collect();
        // Each row's names once (a province has half a million rows), not once per
        // comparison; then code and district, as the groups are (the key is empty for these
        // columns, so the groups are in code order).
        order.sort_by_cached_key(|&(g, r)| (self.row_names(doc, derived, column, g, r), (g, r)));
        order
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
    let same_districts = before.territories() == coverage.territories();
    let districts = coverage.territories();
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
        2 => power.kind.label(Lang::Zh).to_owned(),
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

/// Whether every kept group keeps its index: most edits change a power's rows, not which
/// powers have rows, and then the kept rows only lose the touched ones, with no index to
/// rewrite.
fn unmoved(new_index: &[Option<u32>]) -> bool {
    new_index
        .iter()
        .enumerate()
        .all(|(old, now)| now.is_none_or(|now| now as usize == old))
}

/// How the names of `ids` joined with 、 (as [`lead_names`] joins them) compare with `joined`,
/// without joining them: byte by byte, as texts compare.
fn compare_names(doc: &Document, ids: &[BodyId], joined: &str) -> std::cmp::Ordering {
    let mut rest = joined.as_bytes();
    for (i, id) in ids.iter().enumerate() {
        let name = body_name(doc, id);
        let parts: [&[u8]; 2] = [if i == 0 { b"" } else { "、".as_bytes() }, name.as_bytes()];
        for part in parts {
            let common = part.len().min(rest.len());
            match part[..common].cmp(&rest[..common]) {
                std::cmp::Ordering::Equal if part.len() > rest.len() => {
                    return std::cmp::Ordering::Greater;
                }
                std::cmp::Ordering::Equal => rest = &rest[common..],
                unequal => return unequal,
            }
        }
    }
    if rest.is_empty() {
        std::cmp::Ordering::Equal
    } else {
        std::cmp::Ordering::Less
    }
}

/// A body's name as the table shows it: from the state, else the baseline, else its id.
fn body_name<'d>(doc: &'d Document, id: &'d BodyId) -> &'d str {
    doc.state()
        .body(id)
        .or_else(|| doc.baseline().body(id))
        .map_or(id.as_str(), |b| b.name.as_str())
}

/// Lead bodies by name, joined with 、 (a body gone from the state is looked up in the
/// baseline, then shown by id).
pub fn lead_names(doc: &Document, ids: &[BodyId]) -> String {
    ids.iter()
        .map(|b| body_name(doc, b))
        .collect::<Vec<_>>()
        .join("、")
}
