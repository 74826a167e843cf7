//! Undo and redo as a property of the document: a list of operations with a cursor.
//!
//! Entries before the cursor are applied; entries after it (the *later steps*) can be redone,
//! and moving the cursor ([`History::jump_to`]) applies or reverts them without changing the
//! list. Each entry keeps the [`ChangeSet`] that reverts it exactly. Entries applied as one
//! gesture (a drag of several bodies, a fix of several steps) are *joined*: undo and redo take
//! the whole group, while the 变更 list still shows and jumps to each entry.
//!
//! # Editing before the later steps never loses them (issue 17)
//!
//! An edit applied while there are later steps ([`History::apply_at_cursor`]) either
//! *inserts* itself at the cursor and replays the later steps on top
//! ([`LaterSteps::Replay`]: each later gesture that still applies is kept, in order and with
//! its grouping, the others are dropped and reported in [`Replayed::dropped`]), or *discards*
//! them ([`LaterSteps::Discard`]). The cursor ends right after the inserted entries: the kept
//! later steps stay later steps, to be redone or jumped to, as a rollback bar in a CAD
//! timeline leaves the features after an inserted one.
//!
//! Either way the list from the cursor on is *rewritten*, and the rewrite is one undo step
//! that is exact and cheap: a `Rewrite` record keeps the replaced `Future` (the entries
//! from that position on, with the records that concern them) as it was, change sets
//! included, so undo reverts the inserted entries and puts the old future back, cursor where
//! it was, without applying anything again. Undoing it leaves an `Undone` record holding
//! the rewritten future, so that redo swaps it back. [`History::drop_later`] is a rewrite that
//! inserts nothing. Records are kept as stacks (newest last): undo at the cursor takes the
//! newest rewrite that ends there before the group of entries that ends there, redo at the
//! cursor takes the rewrite undone there before the next group. A rewrite takes into its
//! future every record about positions it replaces, so nothing that could be undone or
//! redone before it is lost.
//!
//! # Timing (分步实施)
//!
//! Each entry carries its step's timing (effective date and document, `plan::step`), replayed
//! with it. Setting a step's timing ([`History::retime`]) changes no state and is one undo
//! step of its own, kept as a record at the cursor like a rewrite (`retime.rs`); records
//! at one cursor position are undone newest first and redone in the reverse order, by the
//! order in which they were made.

use std::ops::Range;

mod retime;

use crate::model::State;
use crate::plan::operation::{ChangeSet, OpError, Operation};
use crate::plan::{Step, Timing};
use retime::Retime;

/// One applied operation and what it changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The operation as the user made it.
    pub operation: Operation,
    /// When the step takes effect and by what document.
    pub timing: Timing,
    /// The primitive changes it committed.
    pub changes: ChangeSet,
    /// Undone and redone together with the entry before it.
    pub joined: bool,
}

/// What an edit applied before later steps does with them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LaterSteps {
    /// Insert the edit at the cursor and replay the later steps on top of it: those that still
    /// apply are kept after it, the others dropped and reported.
    Replay,
    /// Apply the edit and drop the later steps (undo brings them back).
    Discard,
}

/// Why a replay dropped a later step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DropReason {
    /// The step no longer applies.
    Refused(OpError),
    /// Another step of its gesture, `step` (numbered as before the edit, from 1), no longer
    /// applies: a gesture is replayed whole or not at all.
    WithGesture {
        /// The step of the gesture that was refused.
        step: usize,
    },
}

/// A later step that a replay dropped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DroppedStep {
    /// Its number before the edit, from 1, as the 变更 list showed it.
    pub step: usize,
    /// The entry as it was (its change set names what it did).
    pub entry: Entry,
    /// Why it was dropped.
    pub reason: DropReason,
}

/// What an edit applied at the cursor did ([`History::apply_at_cursor`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Replayed {
    /// Entries the edit inserted at the cursor.
    pub inserted: usize,
    /// Later steps replayed and kept after the inserted entries (still later steps).
    pub kept: usize,
    /// Later steps a replay dropped because they no longer apply, in order.
    pub dropped: Vec<DroppedStep>,
    /// Later steps discarded by [`LaterSteps::Discard`].
    pub discarded: usize,
}

/// Everything of a history from one position on: the entries, and the rewrite records about
/// them. Kept whole by a rewrite, so that undoing it is exact.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Future {
    entries: Vec<Entry>,
    done: Vec<Rewrite>,
    undone: Vec<Undone>,
    retimed: Vec<Retime>,
    unretimed: Vec<Retime>,
}

/// A rewrite in effect: at `at`, `inserted` entries took the place of `replaced`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Rewrite {
    at: usize,
    inserted: usize,
    replaced: Future,
    /// When it was made (the history's clock), to order it among the retimes at its position.
    seq: u64,
}

/// A rewrite undone: redoing it at `at` puts `future` back, its first `inserted` entries
/// applied.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Undone {
    at: usize,
    inserted: usize,
    future: Future,
    /// When it was undone.
    seq: u64,
}

/// The operations of a view, with a cursor for undo and redo.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct History {
    entries: Vec<Entry>,
    cursor: usize,
    /// Rewrites in effect, oldest first.
    done: Vec<Rewrite>,
    /// Rewrites undone, oldest first (at most one per position).
    undone: Vec<Undone>,
    /// Timings set, oldest first (`retime.rs`).
    retimed: Vec<Retime>,
    /// Timings set and undone, oldest first.
    unretimed: Vec<Retime>,
    /// Counts the records made, to order them.
    clock: u64,
}

impl History {
    /// An empty history.
    pub fn new() -> Self {
        Self::default()
    }

    /// Applies an operation to `state` and records it at the cursor. Later steps are
    /// discarded as one undoable step ([`LaterSteps::Discard`]); undo brings them back.
    pub fn apply(
        &mut self,
        state: &mut State,
        operation: Operation,
    ) -> Result<&ChangeSet, OpError> {
        self.apply_at_cursor(state, vec![operation], LaterSteps::Discard, &mut |_| Ok(()))
            .map_err(|(_, e)| e)?;
        Ok(&self.entries[self.cursor - 1].changes)
    }

    /// Applies an operation as part of the same gesture as the entry before it (undone and
    /// redone with it); like [`History::apply`] when nothing is applied, or when there are
    /// later steps (it then starts a step of its own, which discards them undoably).
    pub fn apply_joined(
        &mut self,
        state: &mut State,
        operation: Operation,
    ) -> Result<&ChangeSet, OpError> {
        if self.cursor == 0 || self.later_steps() > 0 {
            return self.apply(state, operation);
        }
        let changes = operation.apply(state)?;
        self.entries.push(Entry {
            operation,
            timing: Timing::default(),
            changes,
            joined: true,
        });
        self.cursor += 1;
        Ok(&self.entries[self.cursor - 1].changes)
    }

    /// Applies `operations` as one gesture at the cursor: all of them or none (the refusal
    /// names the failing one's position, from 0, and leaves everything as it was). `allowed`
    /// is asked after each operation, and each replayed one, whether the state it leaves may
    /// stand (the document refuses a baseline that breaks a scenario).
    ///
    /// With no later steps the gesture is appended, as it always was. With later steps, they
    /// are replayed on top of the gesture and kept after it, or discarded, by `later`; the
    /// cursor ends after the gesture, and one [`History::undo_step`] brings back the history
    /// as it was.
    pub fn apply_at_cursor(
        &mut self,
        state: &mut State,
        operations: Vec<Operation>,
        later: LaterSteps,
        allowed: &mut dyn FnMut(&mut State) -> Result<(), OpError>,
    ) -> Result<Replayed, (usize, OpError)> {
        let mut gesture: Vec<Entry> = Vec::with_capacity(operations.len());
        for (i, operation) in operations.into_iter().enumerate() {
            match apply_allowed(&operation, state, allowed) {
                Ok(changes) => gesture.push(Entry {
                    operation,
                    timing: Timing::default(),
                    changes,
                    joined: i > 0,
                }),
                Err(e) => {
                    revert_all(&gesture, state);
                    return Err((i, e));
                }
            }
        }
        let at = self.cursor;
        let mut report = Replayed {
            inserted: gesture.len(),
            ..Replayed::default()
        };
        if gesture.is_empty() {
            return Ok(report);
        }
        if at < self.entries.len() {
            let replaced = self.take_future(at);
            match later {
                LaterSteps::Replay => {
                    let (kept, dropped) = replay(state, &replaced.entries, at, allowed);
                    revert_all(&kept, state);
                    report.kept = kept.len();
                    report.dropped = dropped;
                    gesture.extend(kept);
                }
                LaterSteps::Discard => report.discarded = replaced.entries.len(),
            }
            let seq = self.tick();
            self.done.push(Rewrite {
                at,
                inserted: report.inserted,
                replaced,
                seq,
            });
        }
        self.entries.extend(gesture);
        self.cursor = at + report.inserted;
        Ok(report)
    }

    /// Drops the later steps as one undoable step (a rewrite that inserts nothing); returns
    /// how many there were.
    pub fn drop_later(&mut self) -> usize {
        let at = self.cursor;
        let n = self.later_steps();
        if n > 0 {
            let replaced = self.take_future(at);
            let seq = self.tick();
            self.done.push(Rewrite {
                at,
                inserted: 0,
                replaced,
                seq,
            });
        }
        n
    }

    /// How many entries are after the cursor: the later steps, which redo or a jump applies.
    pub fn later_steps(&self) -> usize {
        self.entries.len() - self.cursor
    }

    /// Where the group of entries that ends at `end` starts (`None` at 0).
    fn group_start(&self, end: usize) -> Option<usize> {
        if end == 0 {
            return None;
        }
        let applied = &self.entries[..end];
        Some(applied.iter().rposition(|e| !e.joined).unwrap_or(0))
    }

    /// How many entries the group that ends at the cursor holds (what one undo reverts when
    /// no rewrite ends there).
    pub fn undo_group_len(&self) -> usize {
        self.group_start(self.cursor)
            .map_or(0, |start| self.cursor - start)
    }

    /// How many entries one redo takes when no rewrite was undone at the cursor: the next
    /// entry and those joined to it.
    pub fn redo_group_len(&self) -> usize {
        let ahead = &self.entries[self.cursor..];
        match ahead.first() {
            None => 0,
            Some(_) => 1 + ahead[1..].iter().take_while(|e| e.joined).count(),
        }
    }

    /// Takes everything from `at` on: the entries, the rewrites in effect there (those after
    /// `at`, and one that inserted entries at `at`; a drop at `at` happened before them and
    /// stays) and the rewrites undone there.
    fn take_future(&mut self, at: usize) -> Future {
        let entries = self.entries.split_off(at);
        let (done, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut self.done)
            .into_iter()
            .partition(|r| r.at > at || (r.at == at && r.inserted > 0));
        self.done = kept;
        let (undone, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut self.undone)
            .into_iter()
            .partition(|u| u.at >= at);
        self.undone = kept;
        let (retimed, unretimed) = self.take_retimes(at);
        Future {
            entries,
            done,
            undone,
            retimed,
            unretimed,
        }
    }

    /// Puts back a future taken at the end of the entries.
    fn restore_future(&mut self, future: Future) {
        self.entries.extend(future.entries);
        self.done.extend(future.done);
        self.undone.extend(future.undone);
        self.retimed.extend(future.retimed);
        self.unretimed.extend(future.unretimed);
    }

    /// Undoes one step: the newest rewrite that ends at the cursor (its inserted entries
    /// reverted, the future it replaced put back), else the group of entries that ends there.
    /// Returns the entries whose changes were reverted (none for a rewrite that inserted
    /// nothing); `None` when there is nothing to undo.
    pub fn undo_step(&mut self, state: &mut State) -> Option<&[Entry]> {
        let end = self.cursor;
        let start = self.group_start(end);
        let rewrite = self
            .done
            .iter()
            .rposition(|r| r.at + r.inserted == end && (r.inserted == 0 || Some(r.at) == start));
        let rewrite_seq = rewrite.map(|i| self.done[i].seq);
        if self.undo_retime(rewrite_seq) {
            return Some(&[]);
        }
        if let Some(index) = rewrite {
            let rewrite = self.done.remove(index);
            revert_all(&self.entries[rewrite.at..end], state);
            self.cursor = rewrite.at;
            let future = self.take_future(rewrite.at);
            self.restore_future(rewrite.replaced);
            let seq = self.tick();
            self.undone.push(Undone {
                at: rewrite.at,
                inserted: rewrite.inserted,
                future,
                seq,
            });
            return self.undone.last().map(|u| &u.future.entries[..u.inserted]);
        }
        let start = start?;
        for _ in start..end {
            self.undo(state);
        }
        Some(&self.entries[start..end])
    }

    /// Redoes one step: the rewrite undone at the cursor, else the next group of entries.
    /// Returns the entries whose changes were applied again; `None` when there is nothing to
    /// redo.
    pub fn redo_step(&mut self, state: &mut State) -> Option<&[Entry]> {
        let start = self.cursor;
        let undone = self.undone.iter().rposition(|u| u.at == start);
        if self.redo_retime(undone.map(|i| self.undone[i].seq)) {
            return Some(&[]);
        }
        if let Some(index) = undone {
            let undone = self.undone.remove(index);
            let replaced = self.take_future(start);
            let seq = self.tick();
            self.done.push(Rewrite {
                at: start,
                inserted: undone.inserted,
                replaced,
                seq,
            });
            self.restore_future(undone.future);
            let end = start + undone.inserted;
            for entry in &self.entries[start..end] {
                entry.changes.reapply(state);
            }
            self.cursor = end;
            return Some(&self.entries[start..end]);
        }
        let n = self.redo_group_len();
        if n == 0 {
            return None;
        }
        for _ in 0..n {
            self.redo(state);
        }
        Some(&self.entries[start..start + n])
    }

    /// Forgets the later steps for good (no undo brings them back; [`History::drop_later`]
    /// is the undoable way), with the rewrites undone at the cursor.
    pub fn discard_redo(&mut self) {
        self.take_future(self.cursor);
    }

    /// Moves the cursor back over one entry, reverting it, and returns what it had changed;
    /// `None` at the start. The list stays as it is: this is a step of a jump, not an undo of
    /// a rewrite ([`History::undo_step`] is).
    pub fn undo(&mut self, state: &mut State) -> Option<&ChangeSet> {
        let index = self.cursor.checked_sub(1)?;
        let entry = self.entries.get(index)?;
        entry.changes.revert(state);
        self.cursor = index;
        Some(&entry.changes)
    }

    /// Moves the cursor over the next entry, applying it again, and returns what it changes;
    /// `None` at the end (a step of a jump, see [`History::undo`]).
    pub fn redo(&mut self, state: &mut State) -> Option<&ChangeSet> {
        let entry = self.entries.get(self.cursor)?;
        entry.changes.reapply(state);
        self.cursor += 1;
        Some(&entry.changes)
    }

    /// Moves the cursor to `target` (0: nothing applied), undoing or redoing on the way, and
    /// returns the entries passed over (their change sets say what changed).
    pub fn jump_to(&mut self, state: &mut State, target: usize) -> Range<usize> {
        let target = target.min(self.entries.len());
        let start = self.cursor;
        while self.cursor > target && self.undo(state).is_some() {}
        while self.cursor < target && self.redo(state).is_some() {}
        start.min(target)..start.max(target)
    }

    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        self.cursor > 0
            || self.done.iter().any(|r| r.at + r.inserted == self.cursor)
            || self.retimed.iter().any(|r| r.at == self.cursor)
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        self.cursor < self.entries.len()
            || self.undone.iter().any(|u| u.at == self.cursor)
            || self.unretimed.iter().any(|r| r.at == self.cursor)
    }

    /// Every entry, applied or not.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// How many entries are applied.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// The applied operations, in order.
    pub fn applied(&self) -> impl Iterator<Item = &Operation> {
        self.entries[..self.cursor].iter().map(|e| &e.operation)
    }

    /// Every operation, applied or not, in order: what the view is, wherever the cursor is.
    pub fn operations(&self) -> impl Iterator<Item = &Operation> {
        self.entries.iter().map(|e| &e.operation)
    }

    /// Every step, applied or not, in order, with its timing: what the scenario is.
    pub fn steps(&self) -> impl Iterator<Item = Step> + '_ {
        self.entries
            .iter()
            .map(|e| Step::timed(e.operation.clone(), e.timing.clone()))
    }

    /// Appends a scenario's step as it was saved (a gesture of its own, with its timing), as
    /// [`History::apply`] does with no later steps.
    pub fn load(&mut self, state: &mut State, step: &Step) -> Result<(), OpError> {
        self.apply(state, step.operation.clone())?;
        if let Some(entry) = self.entries.last_mut() {
            entry.timing = step.timing.clone();
        }
        Ok(())
    }

    /// The next number of the history's clock.
    fn tick(&mut self) -> u64 {
        self.clock += 1;
        self.clock
    }
}

/// Applies `operation` and asks `allowed` about the result; on a refusal the state is as it
/// was.
fn apply_allowed(
    operation: &Operation,
    state: &mut State,
    allowed: &mut dyn FnMut(&mut State) -> Result<(), OpError>,
) -> Result<ChangeSet, OpError> {
    let changes = operation.apply(state)?;
    match allowed(state) {
        Ok(()) => Ok(changes),
        Err(e) => {
            changes.revert(state);
            Err(e)
        }
    }
}

/// Reverts the entries' changes, last first.
fn revert_all(entries: &[Entry], state: &mut State) {
    for entry in entries.iter().rev() {
        entry.changes.revert(state);
    }
}

/// Replays `later` (the entries that followed position `at`) gesture by gesture on `state`:
/// returns the entries kept, applied and with fresh change sets (the first of each gesture
/// not joined), and the steps dropped. A gesture is kept whole or dropped whole.
fn replay(
    state: &mut State,
    later: &[Entry],
    at: usize,
    allowed: &mut dyn FnMut(&mut State) -> Result<(), OpError>,
) -> (Vec<Entry>, Vec<DroppedStep>) {
    let mut kept = Vec::with_capacity(later.len());
    let mut dropped = Vec::new();
    let mut start = 0;
    while start < later.len() {
        let end = start + 1 + later[start + 1..].iter().take_while(|e| e.joined).count();
        let gesture = &later[start..end];
        let mut fresh: Vec<Entry> = Vec::with_capacity(gesture.len());
        let mut refusal = None;
        for (k, old) in gesture.iter().enumerate() {
            match apply_allowed(&old.operation, state, allowed) {
                Ok(changes) => fresh.push(Entry {
                    operation: old.operation.clone(),
                    timing: old.timing.clone(),
                    changes,
                    joined: k > 0,
                }),
                Err(e) => {
                    refusal = Some((k, e));
                    break;
                }
            }
        }
        match refusal {
            None => kept.extend(fresh),
            Some((failed, error)) => {
                revert_all(&fresh, state);
                let failed_step = at + start + failed + 1;
                for (k, old) in gesture.iter().enumerate() {
                    let reason = if k == failed {
                        DropReason::Refused(error.clone())
                    } else {
                        DropReason::WithGesture { step: failed_step }
                    };
                    dropped.push(DroppedStep {
                        step: at + start + k + 1,
                        entry: old.clone(),
                        reason,
                    });
                }
            }
        }
        start = end;
    }
    (kept, dropped)
}
