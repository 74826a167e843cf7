//! The window's side of 合并方案 (issue 19): asking for the base and the other side's copy,
//! merging them with the open plan on the worker thread, and merging again with the sides
//! chosen in the merge dialog ([`crate::ui::merging`]).

use std::path::PathBuf;
use std::sync::Arc;

use super::ShiquanApp;
use crate::io::plan_file::PlanFile;
use crate::ui::files::FilePurpose;
use crate::ui::jobs::Work;
use crate::ui::panels::Dialog;

impl ShiquanApp {
    /// 合并方案…: asks for the copy both sides started from, then for theirs.
    pub(super) fn merge_plans(&mut self) {
        self.merge_base = None;
        if let Some(base) = self.ask_file(FilePurpose::MergeBase, "") {
            self.merge_base_chosen(base);
        }
    }

    /// The base is chosen: asks for the other side's copy.
    pub(super) fn merge_base_chosen(&mut self, base: PathBuf) {
        self.merge_base = Some(base);
        if let Some(theirs) = self.ask_file(FilePurpose::MergeTheirs, "") {
            self.merge_theirs_chosen(theirs);
        }
    }

    /// Both copies are chosen: merges them with the open plan (ours) in the background.
    pub(super) fn merge_theirs_chosen(&mut self, theirs: PathBuf) {
        let Some(base) = self.merge_base.take() else {
            return;
        };
        let ours = Box::new(PlanFile::of_plan(self.doc.plan()));
        self.start(Work::Merge { base, theirs, ours });
    }

    /// The merge dialog's answer: merges again with the sides chosen, in the background; the
    /// result opens as unsaved changes to the open plan's file.
    pub(super) fn apply_merge(&mut self) {
        let Some(Dialog::Merge(dialog)) = &self.dialog else {
            return;
        };
        if self.running_job().is_some() {
            // The dialog and its choices stay until the running job is done.
            self.say(
                crate::ui::i18n::T::JobBusy.get(self.state.lang).into(),
                true,
            );
            return;
        }
        let work = Work::MergeResolved {
            sides: Arc::clone(&dialog.sides),
            choices: dialog.choices.clone(),
        };
        self.dialog = None;
        self.start(work);
    }
}
