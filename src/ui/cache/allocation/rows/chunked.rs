//! A long order of rows kept in chunks: a province with streets has millions of rows in the
//! 分配表's interleaved orders, and an edit that moves a thousand of them must not move the
//! rest. In one vector, taking a power's rows out and merging its new ones in moved every row
//! after the first change (12 ms of a frame at 5,000 powers × 1,350 streets); in chunks of about
//! a thousand, a row taken out or put in moves the rest of its chunk only, and finding the row
//! at an index is a search among the chunks' starts. Each chunk knows which groups (powers)
//! have rows in it, so that a power's rows are taken out of the few chunks that hold them
//! where the order cannot find them by value (by names: the names they had are gone).

use std::cmp::Ordering;

/// The length a chunk is cut to; one grows to twice that before it is split.
const CHUNK: usize = 1024;

/// A row of an order: it belongs to a group (a power's rows).
pub(super) trait Row: Copy {
    /// The row's group.
    fn group(&self) -> u32;
}

/// Rows in an order, in chunks (none empty); equal to another when the rows are, wherever the
/// chunks are cut.
#[derive(Clone, Debug, Default)]
pub(super) struct Chunked<T> {
    chunks: Vec<Vec<T>>,
    /// For each chunk, the groups that may have rows in it (a bit per group; a bit may stay set
    /// after its rows left, never the reverse).
    groups: Vec<Vec<u64>>,
    /// Where each chunk starts among all rows, and then the number of rows.
    starts: Vec<usize>,
}

impl<T: Row + PartialEq> PartialEq for Chunked<T> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl<T: Row + Eq> Eq for Chunked<T> {}

impl<T: Row> Chunked<T> {
    /// The rows, already in order.
    pub(super) fn from_sorted(rows: &[T]) -> Self {
        let mut chunked = Self {
            chunks: rows.chunks(CHUNK).map(<[T]>::to_vec).collect(),
            groups: Vec::new(),
            starts: Vec::new(),
        };
        chunked.reindex();
        chunked
    }

    /// How many rows.
    pub(super) fn len(&self) -> usize {
        self.starts.last().copied().unwrap_or(0)
    }

    /// The row at `index`.
    pub(super) fn get(&self, index: usize) -> Option<T> {
        let c = self
            .starts
            .partition_point(|&s| s <= index)
            .checked_sub(1)?;
        self.chunks.get(c)?.get(index - self.starts[c]).copied()
    }

    /// Every row, in order.
    pub(super) fn iter(&self) -> impl Iterator<Item = &T> {
        self.chunks.iter().flatten()
    }

    /// Keeps the rows `keep` says to keep, each as `keep` leaves it (the order must hold).
    pub(super) fn retain_mut(&mut self, mut keep: impl FnMut(&mut T) -> bool) {
        for chunk in &mut self.chunks {
            chunk.retain_mut(&mut keep);
        }
        self.chunks.retain(|c| !c.is_empty());
        self.groups.clear();
        self.reindex();
    }

    /// Takes out every row of `groups`, from the chunks that may hold them only.
    pub(super) fn remove_groups(&mut self, groups: &[u32]) {
        self.remove_rows_of(groups, |row| groups.contains(&row.group()));
    }

    /// Takes out the rows of `groups` that `gone` says, from the chunks that may hold rows of
    /// those groups only.
    pub(super) fn remove_rows_of(&mut self, groups: &[u32], gone: impl Fn(&T) -> bool) {
        let mut changed = false;
        for (chunk, bits) in self.chunks.iter_mut().zip(&mut self.groups) {
            if groups.iter().any(|&g| has(bits, g)) {
                chunk.retain(|row| !gone(row));
                *bits = bits_of(chunk);
                changed = true;
            }
        }
        if changed {
            let mut c = 0;
            while c < self.chunks.len() {
                if self.chunks[c].is_empty() {
                    self.chunks.remove(c);
                    self.groups.remove(c);
                } else {
                    c += 1;
                }
            }
            self.reindex();
        }
    }

    /// Takes out each of `rows` that is there, found by `cmp` (the order's).
    pub(super) fn remove_each(&mut self, rows: &[T], cmp: impl Fn(&T, &T) -> Ordering) {
        for row in rows {
            let (c, at) = self.locate(row, &cmp);
            if let Ok(i) = at {
                self.chunks[c].remove(i);
                if self.chunks[c].is_empty() {
                    self.chunks.remove(c);
                    self.groups.remove(c);
                }
            }
        }
        self.reindex();
    }

    /// Puts each of `rows` in its place: `row_of` gives the row of a key, `cmp` compares a row
    /// of the order with a key as the order does (a key may carry what the comparison needs,
    /// such as the new row's names). Keys in the order's order are found fastest: each search
    /// starts where the last one ended and widens from there (an edit's rows of one power go
    /// to a few places, often side by side), so a row costs a few comparisons, not a search of
    /// every chunk.
    pub(super) fn insert_each<K>(
        &mut self,
        rows: &[K],
        row_of: impl Fn(&K) -> T,
        cmp: impl Fn(&T, &K) -> Ordering,
    ) {
        let mut hint = (0, 0);
        for key in rows {
            if self.chunks.is_empty() {
                self.chunks.push(Vec::with_capacity(CHUNK));
                self.groups.push(Vec::new());
            }
            let (c, at) = self.locate_from(key, &cmp, hint);
            let at = at.unwrap_or_else(|i| i);
            let row = row_of(key);
            let chunk = &mut self.chunks[c];
            chunk.insert(at, row);
            set(&mut self.groups[c], row.group());
            hint = (c, at + 1);
            if chunk.len() >= 2 * CHUNK {
                let tail = chunk.split_off(CHUNK);
                self.groups[c] = bits_of(chunk);
                self.groups.insert(c + 1, bits_of(&tail));
                self.chunks.insert(c + 1, tail);
                if at + 1 > CHUNK {
                    hint = (c + 1, at + 1 - CHUNK);
                }
            }
        }
        self.reindex();
    }

    /// [`Chunked::locate`], starting at `hint` (a chunk and a place in it) when the key comes
    /// after the row just before that place.
    fn locate_from<K>(
        &self,
        key: &K,
        cmp: &impl Fn(&T, &K) -> Ordering,
        (hc, hi): (usize, usize),
    ) -> (usize, Result<usize, usize>) {
        let after_hint = self.chunks.get(hc).is_some_and(|chunk| {
            hi <= chunk.len()
                && hi
                    .checked_sub(1)
                    .is_none_or(|before| cmp(&chunk[before], key).is_lt())
        });
        if !after_hint {
            return self.locate(key, cmp);
        }
        let in_hinted = self.chunks[hc]
            .last()
            .is_some_and(|last| !cmp(last, key).is_lt());
        let (c, from) = if in_hinted || hc + 1 == self.chunks.len() {
            (hc, hi)
        } else {
            let later = &self.chunks[hc + 1..];
            let c = hc
                + 1
                + later
                    .partition_point(|chunk| chunk.last().is_some_and(|l| cmp(l, key).is_lt()))
                    .min(later.len() - 1);
            (c, 0)
        };
        // Widening steps from `from`, then a binary search in the last step.
        let chunk = &self.chunks[c];
        let (mut lo, mut step) = (from, 1);
        while lo + step <= chunk.len() && cmp(&chunk[lo + step - 1], key).is_lt() {
            lo += step;
            step *= 2;
        }
        let hi = (lo + step).min(chunk.len());
        let at = match chunk[lo..hi].binary_search_by(|x| cmp(x, key)) {
            Ok(i) => Ok(lo + i),
            Err(i) => Err(lo + i),
        };
        (c, at)
    }

    /// The chunk where `key` is or would go, and its place there: the first chunk whose last
    /// row is not before it (the last chunk for a key after every row).
    fn locate<K>(
        &self,
        key: &K,
        cmp: &impl Fn(&T, &K) -> Ordering,
    ) -> (usize, Result<usize, usize>) {
        let c = self
            .chunks
            .partition_point(|chunk| chunk.last().is_some_and(|last| cmp(last, key).is_lt()))
            .min(self.chunks.len().saturating_sub(1));
        let at = self
            .chunks
            .get(c)
            .map_or(Err(0), |chunk| chunk.binary_search_by(|x| cmp(x, key)));
        (c, at)
    }

    /// Counts the rows again (and finds each chunk's groups, if they are not known).
    fn reindex(&mut self) {
        if self.groups.len() != self.chunks.len() {
            self.groups = self.chunks.iter().map(|c| bits_of(c)).collect();
        }
        self.starts.clear();
        let mut total = 0;
        for chunk in &self.chunks {
            self.starts.push(total);
            total += chunk.len();
        }
        self.starts.push(total);
    }
}

/// The groups of some rows, a bit each.
fn bits_of<T: Row>(rows: &[T]) -> Vec<u64> {
    let mut bits = Vec::new();
    for row in rows {
        set(&mut bits, row.group());
    }
    bits
}

fn set(bits: &mut Vec<u64>, group: u32) {
    let word = group as usize / 64;
    if bits.len() <= word {
        bits.resize(word + 1, 0);
    }
    bits[word] |= 1 << (group % 64);
}

fn has(bits: &[u64], group: u32) -> bool {
    bits.get(group as usize / 64)
        .is_some_and(|w| w & (1 << (group % 64)) != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    // A status key below 2^32 is its own group ([`super::super::order`]).

    #[test]
    fn rows_taken_out_and_put_in_keep_the_order_across_chunks() {
        let mut rows: Vec<u64> = (0..5_000).map(|i| i * 3).collect();
        let mut chunked = Chunked::from_sorted(&rows);
        let out: Vec<u64> = (0..2_500).map(|i| i * 6).collect();
        let put: Vec<u64> = (0..3_000).map(|i| i * 5 + 1).collect();
        chunked.remove_each(&out, Ord::cmp);
        chunked.insert_each(&put, |k| *k, Ord::cmp);
        rows.retain(|r| !out.contains(r));
        rows.extend(&put);
        rows.sort_unstable();
        assert_eq!(chunked, Chunked::from_sorted(&rows));
        assert_eq!(chunked.len(), rows.len());
        for (i, row) in rows.iter().enumerate() {
            assert_eq!(chunked.get(i), Some(*row), "row {i}");
        }
        assert_eq!(chunked.get(rows.len()), None);
        chunked.retain_mut(|r| {
            *r += 1;
            *r % 2 == 0
        });
        let kept: Vec<u64> = rows.iter().map(|r| r + 1).filter(|r| r % 2 == 0).collect();
        assert!(chunked.iter().eq(kept.iter()));
    }

    #[test]
    fn sorted_rows_put_in_runs_and_across_splits_land_where_a_search_puts_them() {
        let rows: Vec<u64> = (0..4_000).map(|i| i * 10).collect();
        let mut chunked = Chunked::from_sorted(&rows);
        // Runs side by side (enough to split a chunk twice), gaps, and rows past the end.
        let mut put: Vec<u64> = (0..3_000).map(|i| 5_001 + i % 9 + (i / 9) * 10).collect();
        put.extend([0, 1, 39_991, 50_000, 50_001]);
        put.sort_unstable();
        put.dedup();
        put.retain(|r| !rows.contains(r));
        chunked.insert_each(&put, |k| *k, Ord::cmp);
        let mut all = rows.clone();
        all.extend(&put);
        all.sort_unstable();
        assert!(chunked.iter().eq(all.iter()));
        for (i, row) in all.iter().enumerate().step_by(97) {
            assert_eq!(chunked.get(i), Some(*row));
        }
    }

    #[test]
    fn everything_taken_out_leaves_an_empty_order_that_takes_rows_again() {
        let mut chunked = Chunked::from_sorted(&[1u64, 2, 3]);
        chunked.remove_each(&[1, 2, 3], Ord::cmp);
        assert_eq!(chunked.len(), 0);
        assert_eq!(chunked.get(0), None);
        chunked.insert_each(&[7, 5], |k| *k, Ord::cmp);
        assert!(chunked.iter().eq([5u64, 7].iter()));
    }

    #[test]
    fn a_groups_rows_are_taken_out_wherever_they_are() {
        let rows: Vec<u64> = (0..20_000).collect();
        let mut chunked = Chunked::from_sorted(&rows);
        chunked.remove_groups(&[3, 17_001, 19_999]);
        let kept: Vec<u64> = rows
            .iter()
            .copied()
            .filter(|r| ![3, 17_001, 19_999].contains(r))
            .collect();
        assert!(chunked.iter().eq(kept.iter()));
        assert_eq!(chunked.len(), kept.len());
        assert_eq!(chunked.get(3), Some(4));
        assert_eq!(chunked.get(kept.len() - 1), Some(19_998));
    }
}
