//! Lists of records keyed by fields of theirs (bodies by `id`, holdings by power and body),
//! merged record by record.
//!
//! Plan files hold these lists sorted by key (the loader sorts them, and every copy the merge
//! reads has been loaded), so the three lists are walked side by side, as a sorted merge-join:
//! no index, no copy of a key, one comparison of each record with its two counterparts (a
//! province's 440,000 holdings in a fraction of a second). A list out of order (scenarios,
//! which keep the user's order) is merged by a hash index instead: ours' records in ours'
//! order, then those only theirs has, in theirs'.

use std::cmp::Ordering;

use rustc_hash::FxHashMap;

use super::conflict::{Place, Step};
use super::three_way::{Blended, Merger};
use super::tree::Node;

impl Merger<'_> {
    /// Merges a keyed list; `None` if a record lacks a key field or two records share a key
    /// (then the list is one value).
    pub(super) fn merge_keyed(
        &mut self,
        place: &mut Place,
        fields: &[&str],
        base: &[Node],
        ours: &[Node],
        theirs: &[Node],
    ) -> Option<Node> {
        let mut out = Vec::with_capacity(ours.len().max(theirs.len()));
        if [base, ours, theirs].iter().all(|list| sorted(fields, list)) {
            self.merge_sorted(place, fields, [base, ours, theirs], &mut out);
        } else {
            self.merge_indexed(place, fields, [base, ours, theirs], &mut out)?;
        }
        Some(Node::Seq(out))
    }

    /// The merge-join of three lists sorted by key.
    fn merge_sorted(
        &mut self,
        place: &mut Place,
        fields: &[&str],
        lists: [&[Node]; 3],
        out: &mut Vec<Node>,
    ) {
        let mut at = [0usize; 3];
        loop {
            let heads = [0, 1, 2].map(|i| lists[i].get(at[i]));
            let Some(least) = heads
                .iter()
                .flatten()
                .copied()
                .min_by(|a, b| compare(fields, a, b).unwrap_or(Ordering::Equal))
            else {
                return;
            };
            let [b, o, t] = [0, 1, 2]
                .map(|i| heads[i].filter(|r| compare(fields, r, least) == Some(Ordering::Equal)));
            for (i, record) in [b, o, t].iter().enumerate() {
                at[i] += usize::from(record.is_some());
            }
            self.merge_record(place, fields, [b, o, t], out);
        }
    }

    /// The merge of three lists by a hash index of their keys.
    fn merge_indexed(
        &mut self,
        place: &mut Place,
        fields: &[&str],
        [base, ours, theirs]: [&[Node]; 3],
        out: &mut Vec<Node>,
    ) -> Option<()> {
        let b = index(fields, base)?;
        let o = index(fields, ours)?;
        let t = index(fields, theirs)?;
        let ours_keys = ours.iter().filter_map(|r| key_of(fields, r));
        let theirs_only = theirs
            .iter()
            .filter_map(|r| key_of(fields, r))
            .filter(|k| !o.contains_key(k));
        let base_only = base
            .iter()
            .filter_map(|r| key_of(fields, r))
            .filter(|k| !o.contains_key(k) && !t.contains_key(k));
        for key in ours_keys.chain(theirs_only).chain(base_only) {
            let records = [&b, &o, &t].map(|side| side.get(&key).copied());
            self.merge_record(place, fields, records, out);
        }
        Some(())
    }

    /// Merges one record as base, ours and theirs have it (`None`: absent there).
    fn merge_record(
        &mut self,
        place: &mut Place,
        fields: &[&str],
        [b, o, t]: [Option<&Node>; 3],
        out: &mut Vec<Node>,
    ) {
        // Most records are the same in all three: no place is spelt out for them.
        if o == t || o == b || t == b {
            out.extend(if o == b { t } else { o }.cloned());
            return;
        }
        let Some(key) = o.or(t).or(b).and_then(|r| key_of(fields, r)) else {
            return;
        };
        place.0.push(Step::Key(key_text(&key)));
        let merged = self.merge3(place, b, o, t);
        if merged.is_some() && merged.as_ref() != o && merged.as_ref() != t {
            self.blended.push(Blended {
                list: Place(place.0[..place.0.len() - 1].to_vec()),
                key: key.iter().map(|n| n.key_text()).collect(),
            });
        }
        place.0.pop();
        out.extend(merged);
    }
}

/// Two records' order by key; `None` if one lacks a key field.
fn compare(fields: &[&str], a: &Node, b: &Node) -> Option<Ordering> {
    for field in fields {
        match a.field(field)?.cmp(b.field(field)?) {
            Ordering::Equal => {}
            other => return Some(other),
        }
    }
    Some(Ordering::Equal)
}

/// Whether a list's keys are all there and strictly increasing.
fn sorted(fields: &[&str], list: &[Node]) -> bool {
    list.windows(2)
        .all(|w| compare(fields, &w[0], &w[1]) == Some(Ordering::Less))
        && list
            .iter()
            .all(|r| fields.iter().all(|f| r.field(f).is_some()))
}

/// A record's key: the values of the key fields; `None` if one is missing.
pub(super) fn key_of<'a>(fields: &[&str], record: &'a Node) -> Option<Vec<&'a Node>> {
    fields.iter().map(|f| record.field(f)).collect()
}

/// The key as a place shows it: `city-zjj`, `P001,city-zjj`.
pub(super) fn key_text(key: &[&Node]) -> String {
    key.iter()
        .map(|n| n.key_text())
        .collect::<Vec<_>>()
        .join(",")
}

/// The records of a list by key; `None` if one lacks a key field or two share a key.
fn index<'a>(fields: &[&str], records: &'a [Node]) -> Option<FxHashMap<Vec<&'a Node>, &'a Node>> {
    let mut out = FxHashMap::default();
    out.reserve(records.len());
    for record in records {
        if out.insert(key_of(fields, record)?, record).is_some() {
            return None;
        }
    }
    Some(out)
}
