//! The orders of the 分配表's rows that interleave powers: by status (each row packed into an
//! integer key, kept in chunks) and by the lead bodies' names before or after; each built from
//! scratch or followed after an edit by taking the touched powers' rows out of the kept order
//! and putting their new ones in.

use std::collections::{BTreeMap, BTreeSet};

use super::chunked::{Chunked, Row};
use super::{AllocationRows, STATUS_COLUMN, SortColumn, Status};
use crate::model::{BodyId, PowerId};
use crate::session::Document;
use crate::ui::cache::derived::Derived;

/// The rows in the order of a column that interleaves powers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Interleaved {
    /// By status: each row as its sort key, [`status_key`], so that sorting and merging compare
    /// integers; in chunks, so that an edit moves the rows of the chunks it changes only.
    ByStatus(Chunked<u64>),
    /// By names: (group, row in the group), in chunks as by status.
    ByNames(Chunked<(u32, u32)>),
}

/// A row's place in the status order, (status, district, group) packed into one integer: the
/// districts are in id order and the groups in code order, so their indices sort as the ids.
fn status_key(status: Status, district: u32, group: u32) -> u64 {
    ((status as u64) << 60) | (u64::from(district) << 32) | u64::from(group)
}

/// A status key's group is the power's group, its low 32 bits.
impl Row for u64 {
    fn group(&self) -> u32 {
        (*self & 0xFFFF_FFFF) as u32
    }
}

/// A names order's row is (group, row in the group).
impl Row for (u32, u32) {
    fn group(&self) -> u32 {
        self.0
    }
}

/// The (group, district) of a [`status_key`].
pub(super) fn unpack_status_key(key: u64) -> (usize, u32) {
    (
        (key & 0xFFFF_FFFF) as usize,
        ((key >> 32) & 0x0FFF_FFFF) as u32,
    )
}

impl AllocationRows {
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

    /// The index of the group of `code` (the groups in code order, as they are sorted by status
    /// or names).
    pub(super) fn group_index(&self, code: &PowerId) -> Option<u32> {
        self.groups
            .binary_search_by(|g| g.power.cmp(code))
            .ok()
            .map(|g| g as u32)
    }

    /// The names order after the touched powers' groups were built again: their rows are taken
    /// out of the chunks that hold them and the other rows keep their order (under the groups'
    /// new indices); the touched powers' rows are sorted by their names and each put in its
    /// place by a binary search (a few rows' names looked up per row added, not every row's).
    /// Of a power in `patched`, whose rows stand in the territories they stood in, only the
    /// rows it names (those in the edit's area) are taken out and put in again.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn follow_names_order(
        &self,
        doc: &Document,
        derived: &Derived,
        column: SortColumn,
        mut order: Chunked<(u32, u32)>,
        powers_before: &[PowerId],
        touched: &BTreeSet<PowerId>,
        patched: &BTreeMap<PowerId, Vec<u32>>,
    ) -> Chunked<(u32, u32)> {
        let rebuilt: BTreeSet<PowerId> = touched
            .iter()
            .filter(|code| !patched.contains_key(*code))
            .cloned()
            .collect();
        let new_index = self.new_group_indices(powers_before, &rebuilt);
        if unmoved(&new_index) {
            let gone: Vec<u32> = (0..powers_before.len() as u32)
                .filter(|&g| new_index[g as usize].is_none())
                .collect();
            order.remove_groups(&gone);
        } else {
            order.retain_mut(|(g, _)| {
                new_index[*g as usize].is_some_and(|now| {
                    *g = now;
                    true
                })
            });
        }
        // The patched powers' rows in the area, by their groups' (new) indices.
        let mut moved: Vec<(u32, u32)> = patched
            .iter()
            .filter_map(|(code, rows)| Some((self.group_index(code)?, rows)))
            .flat_map(|(g, rows)| rows.iter().map(move |&r| (g, r)))
            .collect();
        moved.sort_unstable();
        if !moved.is_empty() {
            let mut groups: Vec<u32> = moved.iter().map(|&(g, _)| g).collect();
            groups.dedup();
            order.remove_rows_of(&groups, |row| moved.binary_search(row).is_ok());
        }
        let added_groups: Vec<u32> = rebuilt
            .iter()
            .filter_map(|code| self.group_index(code))
            .collect();
        // Each added row costs a binary search with a row's names looked up at each step, where
        // sorting every row again builds each row's names once: for an edit of many powers,
        // that costs less.
        let added_rows: usize = added_groups
            .iter()
            .map(|&g| self.groups[g as usize].rows.len())
            .sum::<usize>()
            + moved.len();
        let steps = (usize::BITS - order.len().leading_zeros()) as usize;
        if added_rows.saturating_mul(steps) > order.len() {
            return Chunked::from_sorted(&self.names_order(doc, derived, column));
        }
        let leads = RowLeads::new(self, doc, derived, column);
        let mut added: Vec<(String, (u32, u32), &[BodyId])> = added_groups
            .into_iter()
            .flat_map(|g| (0..self.groups[g as usize].rows.len() as u32).map(move |r| (g, r)))
            .chain(moved.iter().copied())
            .map(|(g, r)| {
                let bodies = leads.of(g, r);
                (lead_names(doc, bodies), (g, r), bodies)
            })
            .collect();
        added.sort_unstable_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
        // Compared name by name, not joined (no text is built per step), and not at all where
        // the bodies are the same. The rows an insert steps over are mostly those the insert
        // before stepped over (the added rows come in order): each row's leads are looked up
        // once.
        let looked_up: std::cell::RefCell<rustc_hash::FxHashMap<(u32, u32), &[BodyId]>> =
            std::cell::RefCell::default();
        order.insert_each(
            &added,
            |(_, row, _)| *row,
            |&(g, r), (names, row, bodies)| {
                let here = *looked_up
                    .borrow_mut()
                    .entry((g, r))
                    .or_insert_with(|| leads.of(g, r));
                let by_names = if here == *bodies {
                    std::cmp::Ordering::Equal
                } else {
                    compare_names(doc, here, names)
                };
                by_names.then_with(|| (g, r).cmp(row))
            },
        );
        order
    }

    /// The status order after the touched powers' groups were built again: their rows as they
    /// were (`keys_before`, sorted) are taken out and their new ones put in, each in its chunk;
    /// the other rows keep their order (under the groups' new indices, rewritten only if a
    /// group moved). `powers_before` are the groups' powers before. Of a power in `patched`
    /// (see [`AllocationRows::follow_names_order`]) only the rows in the edit's area move.
    pub(super) fn follow_status_order(
        &self,
        mut order: Chunked<u64>,
        keys_before: &[u64],
        powers_before: &[PowerId],
        touched: &BTreeSet<PowerId>,
        patched: &BTreeMap<PowerId, Vec<u32>>,
    ) -> Chunked<u64> {
        // Each patched power's territories in the area (its rows there stand where they stood).
        let area_of = |code: &PowerId| -> Option<Vec<u32>> {
            let rows = patched.get(code)?;
            let group = &self.groups[self.group_index(code)? as usize];
            Some(rows.iter().map(|&r| group.rows[r as usize].0).collect())
        };
        let areas: BTreeMap<&PowerId, Vec<u32>> = patched
            .keys()
            .filter_map(|code| Some((code, area_of(code)?)))
            .collect();
        let rebuilt: BTreeSet<PowerId> = touched
            .iter()
            .filter(|code| !areas.contains_key(code))
            .cloned()
            .collect();
        let new_index = self.new_group_indices(powers_before, &rebuilt);
        // The rows that go: every row of a power built again, a patched power's in the area.
        let goes = |key: &u64| {
            let (g, territory) = unpack_status_key(*key);
            powers_before
                .get(g)
                .and_then(|code| areas.get(code))
                .is_none_or(|area| area.binary_search(&territory).is_ok())
        };
        let patched_going: Vec<u64> = keys_before.iter().copied().filter(goes).collect();
        if unmoved(&new_index) {
            order.remove_each(&patched_going, Ord::cmp);
        } else {
            order.retain_mut(|key| {
                let (g, _) = unpack_status_key(*key);
                new_index[g].is_some_and(|g| {
                    *key = (*key & !0xFFFF_FFFF) | u64::from(g);
                    true
                })
            });
            let mut going: Vec<u64> = patched_going
                .iter()
                .filter_map(|&key| {
                    let (g, _) = unpack_status_key(key);
                    let now = new_index[g]?;
                    Some((key & !0xFFFF_FFFF) | u64::from(now))
                })
                .collect();
            going.sort_unstable();
            order.remove_each(&going, Ord::cmp);
        }
        let mut added: Vec<u64> = touched
            .iter()
            .filter_map(|code| {
                let g = self.group_index(code)?;
                let area = areas.get(code);
                Some(self.status_keys(g).filter(move |&key| {
                    area.is_none_or(|area| area.binary_search(&unpack_status_key(key).1).is_ok())
                }))
            })
            .flatten()
            .collect();
        added.sort_unstable();
        order.insert_each(&added, |k| *k, Ord::cmp);
        order
    }

    /// The status keys of group `g`'s rows.
    pub(super) fn status_keys(&self, g: u32) -> impl Iterator<Item = u64> + '_ {
        self.groups[g as usize]
            .rows
            .iter()
            .map(move |&(district, status)| status_key(status, district, g))
    }

    /// The rows sorted by before, after (their names, then code and district) or status (then
    /// district, then code).
    pub(super) fn interleaved_order(
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
            return Interleaved::ByStatus(Chunked::from_sorted(&keys));
        }
        Interleaved::ByNames(Chunked::from_sorted(
            &self.names_order(doc, derived, column),
        ))
    }

    /// Every row sorted by its names (before or after), then code and district. The rows'
    /// lead lists are few (a province's 6.7 million rows share some thousands): each distinct
    /// list is named once and ranked, and the rows are sorted by rank, code and district as
    /// integers, where naming every row and sorting the texts took seconds.
    fn names_order(
        &self,
        doc: &Document,
        derived: &Derived,
        column: SortColumn,
    ) -> Vec<(u32, u32)> {
        let leads = RowLeads::new(self, doc, derived, column);
        let mut ids: rustc_hash::FxHashMap<&[BodyId], u32> = rustc_hash::FxHashMap::default();
        let mut distinct: Vec<&[BodyId]> = Vec::new();
        let mut rows: Vec<(u32, u32, u32)> =
            Vec::with_capacity(self.groups.iter().map(|g| g.rows.len()).sum());
        for (g, group) in self.groups.iter().enumerate() {
            let g = g as u32;
            // A power's territories in a row often share one stretch of leads: the same slice.
            let mut last: Option<(&[BodyId], u32)> = None;
            for r in 0..group.rows.len() as u32 {
                let bodies = leads.of(g, r);
                let id = match last {
                    Some((was, id)) if std::ptr::eq(was, bodies) => id,
                    _ => *ids.entry(bodies).or_insert_with(|| {
                        distinct.push(bodies);
                        (distinct.len() - 1) as u32
                    }),
                };
                last = Some((bodies, id));
                rows.push((id, g, r));
            }
        }
        let names: Vec<String> = distinct.iter().map(|b| lead_names(doc, b)).collect();
        let mut by_name: Vec<u32> = (0..names.len() as u32).collect();
        by_name.sort_unstable_by(|a, b| names[*a as usize].cmp(&names[*b as usize]));
        // Lists with the same names (different bodies of one name) share a rank.
        let mut rank = vec![0u32; names.len()];
        for (i, w) in by_name.iter().enumerate() {
            let same = i > 0 && names[by_name[i - 1] as usize] == names[*w as usize];
            rank[*w as usize] = if same {
                rank[by_name[i - 1] as usize]
            } else {
                i as u32
            };
        }
        rows.sort_unstable_by_key(|&(id, g, r)| (rank[id as usize], g, r));
        rows.into_iter().map(|(_, g, r)| (g, r)).collect()
    }
}

/// The lead bodies of rows by (group, row in the group), as a names order compares them: each
/// group's power looked up once, and a row's territory by its index where the coverage's
/// territories are the rows' (no search by id per comparison).
struct RowLeads<'d> {
    rows: &'d AllocationRows,
    coverage: &'d crate::analysis::Coverage,
    by_index: bool,
    powers: Vec<std::cell::OnceCell<Option<&'d crate::analysis::coverage::Leads>>>,
}

impl<'d> RowLeads<'d> {
    fn new(
        rows: &'d AllocationRows,
        doc: &'d Document,
        derived: &'d Derived,
        column: SortColumn,
    ) -> Self {
        let coverage = if column == 5 {
            derived.baseline_coverage(doc)
        } else {
            &doc.analysis().coverage
        };
        Self {
            rows,
            coverage,
            by_index: coverage.territories() == rows.districts.as_slice(),
            powers: vec![std::cell::OnceCell::new(); rows.groups.len()],
        }
    }

    fn of(&self, g: u32, r: u32) -> &'d [BodyId] {
        let group = &self.rows.groups[g as usize];
        let territory = group.rows[r as usize].0 as usize;
        if !self.by_index {
            return self
                .coverage
                .leads(&group.power, &self.rows.districts[territory]);
        }
        self.powers[g as usize]
            .get_or_init(|| self.coverage.power(&group.power).map(|c| &c.leads))
            .and_then(|leads| leads.get(territory))
            .unwrap_or_default()
    }
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
