//! A long order of rows kept in chunks: a province with streets has millions of rows in the
//! 分配表's interleaved orders, and an edit that moves a thousand of them must not move the
//! rest. In one vector, taking a power's rows out and merging its new ones in moved every row
//! after the first change (12 ms of a frame at 5,000 powers × 1,350 streets); in chunks of about
//! a thousand, a row taken out or put in moves the rest of its chunk only, and finding the row
//! at an index is a search among the chunks' starts.

use std::cmp::Ordering;

/// The length a chunk is cut to; one grows to twice that before it is split.
const CHUNK: usize = 1024;

/// Rows in an order, in chunks (none empty); equal to another when the rows are, wherever the
/// chunks are cut.
#[derive(Clone, Debug, Default)]
pub(super) struct Chunked<T> {
    chunks: Vec<Vec<T>>,
    /// Where each chunk starts among all rows, and then the number of rows.
    starts: Vec<usize>,
}

impl<T: Copy + PartialEq> PartialEq for Chunked<T> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl<T: Copy + Eq> Eq for Chunked<T> {}

impl<T: Copy> Chunked<T> {
    /// The rows, already in order.
    pub(super) fn from_sorted(rows: &[T]) -> Self {
        let mut chunked = Self {
            chunks: rows.chunks(CHUNK).map(<[T]>::to_vec).collect(),
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
        self.reindex();
    }

    /// Takes out each of `rows` that is there, found by `cmp` (the order's).
    pub(super) fn remove_each(&mut self, rows: &[T], cmp: impl Fn(&T, &T) -> Ordering) {
        for row in rows {
            let (c, at) = self.locate(row, &cmp);
            if let Ok(i) = at {
                self.chunks[c].remove(i);
                if self.chunks[c].is_empty() {
                    self.chunks.remove(c);
                }
            }
        }
        self.reindex();
    }

    /// Puts each of `rows` in its place by `cmp` (the order's).
    pub(super) fn insert_each(&mut self, rows: &[T], cmp: impl Fn(&T, &T) -> Ordering) {
        for row in rows {
            if self.chunks.is_empty() {
                self.chunks.push(Vec::with_capacity(CHUNK));
            }
            let (c, at) = self.locate(row, &cmp);
            let chunk = &mut self.chunks[c];
            chunk.insert(at.unwrap_or_else(|i| i), *row);
            if chunk.len() >= 2 * CHUNK {
                let tail = chunk.split_off(CHUNK);
                self.chunks.insert(c + 1, tail);
            }
        }
        self.reindex();
    }

    /// The chunk where `row` is or would go, and its place there: the first chunk whose last
    /// row is not before it (the last chunk for a row after every one).
    fn locate(&self, row: &T, cmp: &impl Fn(&T, &T) -> Ordering) -> (usize, Result<usize, usize>) {
        let c = self
            .chunks
            .partition_point(|chunk| chunk.last().is_some_and(|last| cmp(last, row).is_lt()))
            .min(self.chunks.len().saturating_sub(1));
        let at = self
            .chunks
            .get(c)
            .map_or(Err(0), |chunk| chunk.binary_search_by(|x| cmp(x, row)));
        (c, at)
    }

    fn reindex(&mut self) {
        self.starts.clear();
        let mut total = 0;
        for chunk in &self.chunks {
            self.starts.push(total);
            total += chunk.len();
        }
        self.starts.push(total);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_taken_out_and_put_in_keep_the_order_across_chunks() {
        let mut rows: Vec<u64> = (0..5_000).map(|i| i * 3).collect();
        let mut chunked = Chunked::from_sorted(&rows);
        let out: Vec<u64> = (0..2_500).map(|i| i * 6).collect();
        let put: Vec<u64> = (0..3_000).map(|i| i * 5 + 1).collect();
        chunked.remove_each(&out, Ord::cmp);
        chunked.insert_each(&put, Ord::cmp);
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
    fn everything_taken_out_leaves_an_empty_order_that_takes_rows_again() {
        let mut chunked = Chunked::from_sorted(&[1u64, 2, 3]);
        chunked.remove_each(&[1, 2, 3], Ord::cmp);
        assert_eq!(chunked.len(), 0);
        assert_eq!(chunked.get(0), None);
        chunked.insert_each(&[7, 5], Ord::cmp);
        assert!(chunked.iter().eq([5u64, 7].iter()));
    }
}
