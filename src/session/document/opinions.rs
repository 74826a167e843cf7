//! A document's review opinions (审核意见): added, answered, edited and deleted, each an undoable
//! edit of the document.
//!
//! Opinions are not operations of a scenario: they change no state, are no step of the reform,
//! and belong to the plan as a whole rather than to the view being edited (an opinion on a
//! scenario's step is written while looking at the baseline's findings, and the 法制办's note
//! must not vanish when someone undoes a transfer). So they are not entries of the view's
//! [`History`](crate::session::History): the document keeps their own undo list, and one
//! order of the document's undoable edits ([`Track`]) says whether the next undo (or redo) is
//! the view's or the review's, so that Ctrl+Z takes back the last edit whichever it was.

use super::Document;
use crate::analysis::rules::RuleChanges;
use crate::model::Touched;
use crate::plan::{Answer, Opinion, OpinionId, OpinionStatus};

/// Which list an undoable edit of the document is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Track {
    /// The view's history (operations).
    View,
    /// The review's edits (opinions).
    Review,
}

/// One edit of the opinions: at position `at` of the list, `before` became `after` (`None`
/// before: an opinion added; `None` after: one deleted).
#[derive(Clone, Debug, PartialEq, Eq)]
struct OpinionEdit {
    at: usize,
    before: Option<Opinion>,
    after: Option<Opinion>,
}

/// The review's undo and redo, and the order of the document's undoable edits.
#[derive(Clone, Debug, Default)]
pub(super) struct ReviewUndo {
    done: Vec<OpinionEdit>,
    undone: Vec<OpinionEdit>,
    /// The document's edits that undo takes back, newest last.
    pub(super) tracks: Vec<Track>,
    /// The document's edits that redo does again, next last.
    pub(super) redo_tracks: Vec<Track>,
}

impl ReviewUndo {
    /// Records an edit of the view's history: redo now redoes the view only.
    pub(super) fn view_edited(&mut self) {
        self.tracks.push(Track::View);
        self.redo_tracks.clear();
        self.undone.clear();
    }

    /// Forgets the view's edits (another view was opened: its history starts again).
    pub(super) fn view_replaced(&mut self) {
        self.tracks.retain(|t| *t == Track::Review);
        self.redo_tracks.retain(|t| *t == Track::Review);
    }
}

/// Why an edit of the opinions was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReviewError {
    /// No opinion has that id.
    #[error("方案中没有意见 `{0}` (the plan has no opinion `{0}`)")]
    NoOpinion(OpinionId),
    /// The opinion says nothing.
    #[error("意见内容为空 (the opinion says nothing)")]
    Empty,
    /// No office or department is named.
    #[error("未填写提出单位 (no office named)")]
    NoOffice,
}

impl Document {
    /// The plan's review opinions, in the order written.
    pub fn opinions(&self) -> &[Opinion] {
        &self.plan.review.opinions
    }

    /// Adds an opinion, under a new id when its own is empty or taken; returns its id.
    pub fn add_opinion(&mut self, mut opinion: Opinion) -> Result<OpinionId, ReviewError> {
        check(&opinion)?;
        let review = &self.plan.review;
        if opinion.id.as_str().trim().is_empty() || review.opinion(&opinion.id).is_some() {
            opinion.id = review.next_id();
        }
        let id = opinion.id.clone();
        let at = review.opinions.len();
        self.commit(OpinionEdit {
            at,
            before: None,
            after: Some(opinion),
        });
        Ok(id)
    }

    /// Answers an opinion: its status, and the reply (`None` keeps the reply it has).
    pub fn answer_opinion(
        &mut self,
        id: &OpinionId,
        status: OpinionStatus,
        answer: Option<Answer>,
    ) -> Result<(), ReviewError> {
        let (at, before) = self.find(id)?;
        let mut after = before.clone();
        after.status = status;
        if answer.is_some() {
            after.answer = answer;
        }
        if after != before {
            self.commit(OpinionEdit {
                at,
                before: Some(before),
                after: Some(after),
            });
        }
        Ok(())
    }

    /// Replaces an opinion by an edited one (its id stays).
    pub fn edit_opinion(&mut self, id: &OpinionId, mut edited: Opinion) -> Result<(), ReviewError> {
        check(&edited)?;
        let (at, before) = self.find(id)?;
        edited.id = before.id.clone();
        if edited != before {
            self.commit(OpinionEdit {
                at,
                before: Some(before),
                after: Some(edited),
            });
        }
        Ok(())
    }

    /// Deletes an opinion (undo brings it back in its place).
    pub fn delete_opinion(&mut self, id: &OpinionId) -> Result<(), ReviewError> {
        let (at, before) = self.find(id)?;
        self.commit(OpinionEdit {
            at,
            before: Some(before),
            after: None,
        });
        Ok(())
    }

    /// Whether [`Document::undo`] has something to undo: an edit of the opinions or a step of
    /// the view.
    pub fn can_undo(&self) -> bool {
        self.review.tracks.last() == Some(&Track::Review) || self.history.can_undo()
    }

    /// Whether [`Document::redo`] has something to redo.
    pub fn can_redo(&self) -> bool {
        self.review.redo_tracks.last() == Some(&Track::Review) || self.history.can_redo()
    }

    /// Undoes the last edit of the opinions if it is the document's last edit; `None` when the
    /// last edit is the view's.
    pub(super) fn undo_review(&mut self) -> Option<bool> {
        if self.review.tracks.last() != Some(&Track::Review) {
            return None;
        }
        self.review.tracks.pop();
        let edit = self.review.done.pop()?;
        self.swap(edit.at, edit.after.as_ref(), edit.before.as_ref());
        self.review.undone.push(edit);
        self.review.redo_tracks.push(Track::Review);
        Some(true)
    }

    /// Redoes the edit of the opinions undone last if it is the document's next redo; `None`
    /// when that is the view's.
    pub(super) fn redo_review(&mut self) -> Option<bool> {
        if self.review.redo_tracks.last() != Some(&Track::Review) {
            return None;
        }
        self.review.redo_tracks.pop();
        let edit = self.review.undone.pop()?;
        self.swap(edit.at, edit.before.as_ref(), edit.after.as_ref());
        self.review.done.push(edit);
        self.review.tracks.push(Track::Review);
        Some(true)
    }

    fn find(&self, id: &OpinionId) -> Result<(usize, Opinion), ReviewError> {
        self.plan
            .review
            .opinions
            .iter()
            .position(|o| &o.id == id)
            .map(|at| (at, self.plan.review.opinions[at].clone()))
            .ok_or_else(|| ReviewError::NoOpinion(id.clone()))
    }

    /// Applies a new edit and records it for undo; a new edit ends what could be redone.
    fn commit(&mut self, edit: OpinionEdit) {
        self.swap(edit.at, edit.before.as_ref(), edit.after.as_ref());
        self.review.done.push(edit);
        self.review.undone.clear();
        self.review.tracks.push(Track::Review);
        self.review.redo_tracks.clear();
    }

    /// Puts `to` where `from` is at `at` (inserting, replacing or removing), and counts an edit.
    fn swap(&mut self, at: usize, from: Option<&Opinion>, to: Option<&Opinion>) {
        let opinions = &mut self.plan.review.opinions;
        let at = at.min(opinions.len());
        match (from, to) {
            (None, Some(new)) => opinions.insert(at, new.clone()),
            (Some(_), Some(new)) if at < opinions.len() => opinions[at] = new.clone(),
            (Some(_), None) if at < opinions.len() => {
                opinions.remove(at);
            }
            _ => {}
        }
        // The state did not change: nothing is touched, but the plan is unsaved.
        self.edited(Touched::none(), RuleChanges::default());
    }
}

fn check(opinion: &Opinion) -> Result<(), ReviewError> {
    if opinion.text.trim().is_empty() {
        return Err(ReviewError::Empty);
    }
    if opinion.office.trim().is_empty() {
        return Err(ReviewError::NoOffice);
    }
    Ok(())
}
