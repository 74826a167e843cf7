//! Undo and redo as a property of the document: a list of applied operations with a cursor.
//!
//! Entries before the cursor are applied; entries after it can be redone. A new operation drops
//! the redo tail. Each entry keeps the [`ChangeSet`] that reverts it exactly. Entries applied
//! as one gesture (a drag of several bodies, a fix of several steps) are *joined*: undo and
//! redo take the whole group, while the 变更 list still shows and jumps to each entry.

use super::operation::{ChangeSet, OpError, Operation};
use crate::model::State;

/// One applied operation and what it changed.
#[derive(Clone, Debug)]
pub struct Entry {
    /// The operation as the user made it.
    pub operation: Operation,
    /// The primitive changes it committed.
    pub changes: ChangeSet,
    /// Undone and redone together with the entry before it.
    pub joined: bool,
}

/// The operations applied so far, with a cursor for undo and redo.
#[derive(Clone, Debug, Default)]
pub struct History {
    entries: Vec<Entry>,
    cursor: usize,
}

impl History {
    /// An empty history.
    pub fn new() -> Self {
        Self::default()
    }

    /// Applies an operation to `state` and records it, dropping anything that could be redone.
    pub fn apply(
        &mut self,
        state: &mut State,
        operation: Operation,
    ) -> Result<&ChangeSet, OpError> {
        self.apply_entry(state, operation, false)
    }

    /// Applies an operation as part of the same gesture as the entry before it (undone and
    /// redone with it); like [`History::apply`] when nothing is applied.
    pub fn apply_joined(
        &mut self,
        state: &mut State,
        operation: Operation,
    ) -> Result<&ChangeSet, OpError> {
        let joined = self.cursor > 0;
        self.apply_entry(state, operation, joined)
    }

    fn apply_entry(
        &mut self,
        state: &mut State,
        operation: Operation,
        joined: bool,
    ) -> Result<&ChangeSet, OpError> {
        let changes = operation.apply(state)?;
        self.entries.truncate(self.cursor);
        self.entries.push(Entry {
            operation,
            changes,
            joined,
        });
        self.cursor += 1;
        Ok(&self.entries[self.cursor - 1].changes)
    }

    /// How many entries one undo takes: the applied group that ends at the cursor.
    pub fn undo_group_len(&self) -> usize {
        let applied = &self.entries[..self.cursor];
        match applied.iter().rposition(|e| !e.joined) {
            Some(start) => applied.len() - start,
            None => applied.len(),
        }
    }

    /// How many entries one redo takes: the next entry and those joined to it.
    pub fn redo_group_len(&self) -> usize {
        let ahead = &self.entries[self.cursor..];
        match ahead.first() {
            None => 0,
            Some(_) => 1 + ahead[1..].iter().take_while(|e| e.joined).count(),
        }
    }

    /// Forgets the entries that could be redone.
    pub fn discard_redo(&mut self) {
        self.entries.truncate(self.cursor);
    }

    /// Undoes the last applied operation, returning what it had changed; `None` when there is
    /// none.
    pub fn undo(&mut self, state: &mut State) -> Option<&ChangeSet> {
        let index = self.cursor.checked_sub(1)?;
        let entry = self.entries.get(index)?;
        entry.changes.revert(state);
        self.cursor = index;
        Some(&entry.changes)
    }

    /// Redoes the next operation, returning what it changes; `None` when there is none.
    pub fn redo(&mut self, state: &mut State) -> Option<&ChangeSet> {
        let entry = self.entries.get(self.cursor)?;
        entry.changes.reapply(state);
        self.cursor += 1;
        Some(&entry.changes)
    }

    /// Moves the cursor to `target` (0: nothing applied), undoing or redoing on the way, and
    /// returns the entries passed over (their change sets say what changed).
    pub fn jump_to(&mut self, state: &mut State, target: usize) -> std::ops::Range<usize> {
        let target = target.min(self.entries.len());
        let start = self.cursor;
        while self.cursor > target && self.undo(state).is_some() {}
        while self.cursor < target && self.redo(state).is_some() {}
        start.min(target)..start.max(target)
    }

    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        self.cursor > 0
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        self.cursor < self.entries.len()
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
}
