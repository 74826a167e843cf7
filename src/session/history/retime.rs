//! Setting a step's timing (its effective date and document) as an undo step of its own.
//!
//! A retime changes no state, so it is not an entry: it is a record made at the cursor, like a
//! rewrite, that undo at that cursor takes back (the newest record there first, whether a
//! retime or a rewrite, by the history's clock) and redo puts again. A rewrite that replaces
//! the entries from a position takes into its future the retimes made at later positions and
//! those of the entries it replaces, so that undoing the rewrite brings them back with the
//! entries they concern, and no retime is ever applied to an entry it was not made on.

use super::History;
use crate::plan::Timing;

/// A step's timing set: `index` from `before` to `after`, made with the cursor at `at`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Retime {
    pub(super) at: usize,
    index: usize,
    before: Timing,
    after: Timing,
    /// When it was made (or undone, for an undone one).
    seq: u64,
}

impl History {
    /// Sets the timing of the entry at `index` (from 0, applied or not) as one undo step;
    /// returns the timing it had, or `None` (nothing recorded) when there is no such entry or
    /// the timing is already that.
    pub fn retime(&mut self, index: usize, timing: Timing) -> Option<Timing> {
        let entry = self.entries.get_mut(index)?;
        if entry.timing == timing {
            return None;
        }
        let before = std::mem::replace(&mut entry.timing, timing.clone());
        let at = self.cursor;
        // A new edit at the cursor: the timings undone here can no longer be redone.
        self.unretimed.retain(|r| r.at != at);
        let seq = self.tick();
        self.retimed.push(Retime {
            at,
            index,
            before: before.clone(),
            after: timing,
            seq,
        });
        Some(before)
    }

    /// Takes the retimes that a rewrite from `at` replaces: made at a later position, or about
    /// an entry from `at` on (done, then undone).
    pub(super) fn take_retimes(&mut self, at: usize) -> (Vec<Retime>, Vec<Retime>) {
        let concerned = |r: &Retime| r.at > at || r.index >= at;
        let (retimed, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut self.retimed)
            .into_iter()
            .partition(concerned);
        self.retimed = kept;
        let (unretimed, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut self.unretimed)
            .into_iter()
            .partition(concerned);
        self.unretimed = kept;
        (retimed, unretimed)
    }

    /// Undoes the newest retime at the cursor if it is newer than the rewrite made at
    /// `rewrite_seq` that undo would take otherwise; true if it did.
    pub(super) fn undo_retime(&mut self, rewrite_seq: Option<u64>) -> bool {
        self.move_newest_retime(Direction::Undo, rewrite_seq)
    }

    /// Redoes the retime undone last at the cursor if it was undone after the rewrite undone
    /// at `undone_seq` that redo would take otherwise; true if it did.
    pub(super) fn redo_retime(&mut self, undone_seq: Option<u64>) -> bool {
        self.move_newest_retime(Direction::Redo, undone_seq)
    }

    /// Takes the newest retime at the cursor (newer than `after_seq`, if given) from the done
    /// list to the undone one (undo) or back (redo), setting its step's timing to the one
    /// before or after it; true if there was one.
    fn move_newest_retime(&mut self, direction: Direction, after_seq: Option<u64>) -> bool {
        let cursor = self.cursor;
        let from = match direction {
            Direction::Undo => &self.retimed,
            Direction::Redo => &self.unretimed,
        };
        let newest = from
            .iter()
            .enumerate()
            .filter(|(_, r)| r.at == cursor)
            .max_by_key(|(_, r)| r.seq)
            .map(|(i, r)| (i, r.seq));
        let Some((i, _)) = newest.filter(|(_, seq)| after_seq.is_none_or(|s| *seq > s)) else {
            return false;
        };
        let mut retime = match direction {
            Direction::Undo => self.retimed.remove(i),
            Direction::Redo => self.unretimed.remove(i),
        };
        let timing = match direction {
            Direction::Undo => retime.before.clone(),
            Direction::Redo => retime.after.clone(),
        };
        if let Some(entry) = self.entries.get_mut(retime.index) {
            entry.timing = timing;
        }
        retime.seq = self.tick();
        match direction {
            Direction::Undo => self.unretimed.push(retime),
            Direction::Redo => self.retimed.push(retime),
        }
        true
    }
}

/// Which way a retime moves.
#[derive(Clone, Copy)]
enum Direction {
    /// From done to undone.
    Undo,
    /// From undone to done.
    Redo,
}
