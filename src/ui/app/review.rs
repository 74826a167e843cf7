//! Edits of the review opinions from the window: added and edited from their dialog (which
//! closes when the edit is made and says why when it is refused), answered and deleted from the
//! 审核意见 tab. Each is an undoable edit of the document.

use super::ShiquanApp;
use crate::plan::{Opinion, OpinionId};
use crate::session::ReviewError;
use crate::ui::i18n::review;
use crate::ui::panels::Dialog;

impl ShiquanApp {
    /// Adds an opinion from the dialog.
    pub(super) fn add_opinion(&mut self, opinion: Opinion) {
        let result = self.doc.add_opinion(opinion).map(Some);
        if let (Err(e), Some(Dialog::Opinion(draft))) = (&result, &mut self.dialog) {
            draft.error = Some(e.to_string());
            return;
        }
        if result.is_ok() && matches!(self.dialog, Some(Dialog::Opinion(_))) {
            self.dialog = None;
        }
        self.review_done(result);
    }

    /// Replaces an opinion by its edited self, from the dialog.
    pub(super) fn edit_opinion(&mut self, opinion: Opinion) {
        let id = opinion.id.clone();
        let result = self.doc.edit_opinion(&id, opinion);
        if let (Err(e), Some(Dialog::Opinion(draft))) = (&result, &mut self.dialog) {
            draft.error = Some(e.to_string());
            return;
        }
        if result.is_ok() && matches!(self.dialog, Some(Dialog::Opinion(_))) {
            self.dialog = None;
        }
        self.review_done(result.map(|()| None));
    }

    /// Says what an edit of the opinions did: the id of an opinion added, or why it was
    /// refused.
    pub(super) fn review_done(&mut self, result: Result<Option<OpinionId>, ReviewError>) {
        match result {
            Ok(Some(id)) => {
                let text = review::added(self.state.lang, id.as_str());
                self.say(text, false);
            }
            Ok(None) => self.state.message = None,
            Err(e) => self.say(e.to_string(), true),
        }
    }
}
