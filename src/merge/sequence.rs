//! Sequences (a scenario's operations) merged step by step, as diff3 does lines.
//!
//! Each side's change to the base is a list of hunks (a run of base steps replaced by a run of
//! that side's steps; an insertion replaces none), found by the longest common subsequence.
//! Hunks of the two sides that do not touch apply both, so the common prefix and every step
//! that neither side touched are kept where they were. Hunks that touch (overlap, or an
//! insertion inside a run the other side replaced) form a cluster:
//!
//! - both sides made the same change there: taken once;
//! - both only inserted, at the same point: ours' steps, then theirs' that ours does not have
//!   (the same step added on both sides is kept once); ours first is the stable rule, and the
//!   only asymmetry of the merge;
//! - both only deleted: every step either deleted is deleted;
//! - else both changed the same steps differently: a conflict at those base steps, and the
//!   chooser's side (ours by default) is taken for the whole cluster.
//!
//! Whether the merged steps still apply is checked afterwards, on the merged baseline
//! (`replay.rs`).

use std::ops::Range;

use super::conflict::{ConflictKind, Place, Side, Step};
use super::three_way::Merger;
use super::tree::Node;

/// The most cells the table of the longest common subsequence may have (the common prefix
/// and suffix are trimmed first): beyond it the changed middle is one hunk.
const MAX_TABLE_CELLS: usize = 16 * 1024 * 1024;

/// One side's change: base steps `base` replaced by that side's steps `side`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Hunk {
    base: Range<usize>,
    side: Range<usize>,
    theirs: bool,
}

impl Hunk {
    /// Whether two hunks touch: overlapping runs, an insertion strictly inside a run, or two
    /// insertions at one point. Runs that only meet at an end do not touch.
    fn touches(&self, other: &Hunk) -> bool {
        let (a, b) = (&self.base, &other.base);
        match (a.is_empty(), b.is_empty()) {
            (false, false) => a.start < b.end && b.start < a.end,
            (true, false) => b.start < a.start && a.start < b.end,
            (false, true) => a.start < b.start && b.start < a.end,
            (true, true) => a.start == b.start,
        }
    }
}

impl Merger<'_> {
    /// Merges the steps of one sequence.
    pub(super) fn merge_sequence(
        &mut self,
        place: &mut Place,
        base: &[Node],
        ours: &[Node],
        theirs: &[Node],
    ) -> Vec<Node> {
        let mut hunks = hunks_of(base, ours, false);
        hunks.extend(hunks_of(base, theirs, true));
        hunks.sort_by_key(|h| (h.base.start, h.base.end, h.theirs));
        let mut out = Vec::with_capacity(ours.len().max(theirs.len()));
        let mut at = 0;
        let mut i = 0;
        while i < hunks.len() {
            let mut cluster = vec![hunks[i].clone()];
            i += 1;
            while i < hunks.len() && cluster.iter().any(|h| h.touches(&hunks[i])) {
                cluster.push(hunks[i].clone());
                i += 1;
            }
            // Clusters do not overlap; `max` only keeps a slip from reading backwards.
            let start = cluster
                .iter()
                .map(|h| h.base.start)
                .min()
                .unwrap_or(at)
                .max(at);
            let end = cluster.iter().map(|h| h.base.end).max().unwrap_or(start);
            out.extend_from_slice(&base[at..start]);
            let merged = self.merge_cluster(place, base, ours, theirs, &cluster, start..end);
            out.extend(merged);
            at = end;
        }
        out.extend_from_slice(&base[at..]);
        out
    }

    fn merge_cluster(
        &mut self,
        place: &mut Place,
        base: &[Node],
        ours: &[Node],
        theirs: &[Node],
        cluster: &[Hunk],
        range: Range<usize>,
    ) -> Vec<Node> {
        let (of_theirs, of_ours): (Vec<&Hunk>, Vec<&Hunk>) = cluster.iter().partition(|h| h.theirs);
        let o = segment(base, ours, &of_ours, range.clone());
        let t = segment(base, theirs, &of_theirs, range.clone());
        if of_theirs.is_empty() || o == t {
            return o;
        }
        if of_ours.is_empty() {
            return t;
        }
        if range.is_empty() {
            // Insertions at one point: ours, then theirs' that ours has not.
            let mut left: Vec<&Node> = o.iter().collect();
            let mut out = o.clone();
            for step in t {
                if let Some(at) = left.iter().position(|n| **n == step) {
                    left.swap_remove(at);
                } else {
                    out.push(step);
                }
            }
            return out;
        }
        if cluster.iter().all(|h| h.side.is_empty()) {
            // Deletions only: every step either side deleted goes.
            return range
                .clone()
                .filter(|i| !cluster.iter().any(|h| h.base.contains(i)))
                .map(|i| base[i].clone())
                .collect();
        }
        place.0.push(Step::Steps(range.start + 1, range.end));
        let b = Node::Seq(base[range].to_vec());
        let (o, t) = (Node::Seq(o), Node::Seq(t));
        let side = self.conflict(
            place,
            ConflictKind::BothChanged,
            Some(&b),
            Some(&o),
            Some(&t),
        );
        place.0.pop();
        match side {
            Side::Base => b,
            Side::Ours => o,
            Side::Theirs => t,
        }
        .into_seq()
    }
}

impl Node {
    fn into_seq(self) -> Vec<Node> {
        match self {
            Node::Seq(items) => items,
            other => vec![other],
        }
    }
}

/// One side's steps for the base steps `range`, given its hunks there.
fn segment(base: &[Node], side: &[Node], hunks: &[&Hunk], range: Range<usize>) -> Vec<Node> {
    let mut out = Vec::new();
    let mut at = range.start;
    for hunk in hunks {
        out.extend_from_slice(&base[at..hunk.base.start]);
        out.extend_from_slice(&side[hunk.side.clone()]);
        at = hunk.base.end;
    }
    out.extend_from_slice(&base[at..range.end]);
    out
}

/// One side's hunks against the base, in order.
fn hunks_of(base: &[Node], side: &[Node], theirs: bool) -> Vec<Hunk> {
    let prefix = base.iter().zip(side).take_while(|(a, b)| a == b).count();
    let suffix = base[prefix..]
        .iter()
        .rev()
        .zip(side[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (b, s) = (
        &base[prefix..base.len() - suffix],
        &side[prefix..side.len() - suffix],
    );
    if b.is_empty() && s.is_empty() {
        return Vec::new();
    }
    let hunk = |base: Range<usize>, side: Range<usize>| Hunk {
        base: base.start + prefix..base.end + prefix,
        side: side.start + prefix..side.end + prefix,
        theirs,
    };
    if (b.len() + 1).saturating_mul(s.len() + 1) > MAX_TABLE_CELLS {
        return vec![hunk(0..b.len(), 0..s.len())];
    }
    // lcs[i][j]: the longest common subsequence of b[i..] and s[j..].
    let width = s.len() + 1;
    let mut lcs = vec![0u32; (b.len() + 1) * width];
    for i in (0..b.len()).rev() {
        for j in (0..s.len()).rev() {
            lcs[i * width + j] = if b[i] == s[j] {
                lcs[(i + 1) * width + j + 1] + 1
            } else {
                lcs[(i + 1) * width + j].max(lcs[i * width + j + 1])
            };
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    let (mut open_i, mut open_j) = (0, 0);
    let mut open = false;
    while i < b.len() || j < s.len() {
        let matched = i < b.len() && j < s.len() && b[i] == s[j] && {
            lcs[i * width + j] == lcs[(i + 1) * width + j + 1] + 1
        };
        if matched {
            if open {
                out.push(hunk(open_i..i, open_j..j));
                open = false;
            }
            i += 1;
            j += 1;
            continue;
        }
        if !open {
            (open_i, open_j, open) = (i, j, true);
        }
        if j >= s.len() || (i < b.len() && lcs[(i + 1) * width + j] >= lcs[i * width + j + 1]) {
            i += 1;
        } else {
            j += 1;
        }
    }
    if open {
        out.push(hunk(open_i..i, open_j..j));
    }
    out
}
