//! Nothing lost between saves: the autosave policy, the copy of unsaved changes beside the plan
//! (written by a worker thread), the offer to recover it, and the view remembered beside it and
//! in the recent list.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use super::ShiquanApp;
use crate::io::recovery::{self};
use crate::session::View;
use crate::ui::panels::Dialog;

/// When and where unsaved changes are copied (issue: nothing lost).
#[derive(Debug)]
pub struct Autosave {
    /// How long unsaved changes wait before they are copied.
    pub interval: Duration,
    /// Where a plan with no file is copied; `None`: such plans are not autosaved.
    pub untitled_folder: Option<PathBuf>,
    last: Instant,
    copied_revision: Option<u64>,
    writer: Option<std::thread::JoinHandle<()>>,
}

impl Autosave {
    /// Every 30 s, untitled plans in the user's data folder.
    pub fn standard() -> Self {
        Self::new(
            Duration::from_secs(30),
            crate::io::recovery::untitled_folder(),
        )
    }

    /// A policy with this interval and folder for untitled plans.
    pub fn new(interval: Duration, untitled_folder: Option<PathBuf>) -> Self {
        Self {
            interval,
            untitled_folder,
            last: Instant::now(),
            copied_revision: None,
            writer: None,
        }
    }

    /// Forgets which revision was copied (another document is open).
    pub(super) fn forget_copy(&mut self) {
        self.copied_revision = None;
    }

    fn writing(&self) -> bool {
        self.writer.as_ref().is_some_and(|w| !w.is_finished())
    }
}

impl ShiquanApp {
    /// Where the open plan's unsaved changes are copied, if anywhere.
    pub fn sidecar(&self) -> Option<PathBuf> {
        match &self.path {
            Some(p) => Some(recovery::sidecar_of(p)),
            None => self
                .autosave
                .untitled_folder
                .as_deref()
                .map(recovery::untitled_sidecar),
        }
    }

    /// Shows the scenario last edited in the open plan file, when the plan still has it.
    pub(super) fn show_remembered_scenario(&mut self) {
        let Some(path) = &self.path else {
            return;
        };
        if let Some(id) = self.recent.scenario_of(path).cloned()
            && self.doc.plan_unsynced().scenario(&id).is_some()
        {
            let _ = self.doc.switch_to(View::Scenario(id));
        }
    }

    /// Remembers the view being edited: in the recent list for a plan file, and beside the
    /// autosaved copy (so that a recovery opens it too).
    pub(super) fn remember_view(&mut self) {
        let scenario = self.doc.view().scenario().cloned();
        if let Some(path) = self.path.clone() {
            self.recent.remember_scenario(&path, scenario.as_ref());
        }
        if self.autosave.copied_revision.is_some()
            && let Some(sidecar) = self.sidecar()
        {
            recovery::write_sidecar_view(&sidecar, scenario.as_ref());
        }
    }

    pub(super) fn offer_recovery(&mut self) {
        if let Some(sidecar) = self.sidecar()
            && let Some(sidecar) = recovery::recoverable(&sidecar, self.path.as_deref())
        {
            self.dialog = Some(Dialog::Recover { sidecar });
        }
    }

    /// Copies unsaved changes to the sidecar when the interval has passed (in the background:
    /// the plan is cloned, then written by a worker thread).
    pub(super) fn autosave_tick(&mut self) {
        let revision = self.doc.revision();
        if !self.doc.is_dirty()
            || self.autosave.copied_revision == Some(revision)
            || self.autosave.last.elapsed() < self.autosave.interval
            || self.autosave.writing()
        {
            return;
        }
        let Some(sidecar) = self.sidecar() else {
            return;
        };
        let plan = self.doc.plan().clone();
        let scenario = self.doc.view().scenario().cloned();
        self.autosave.last = Instant::now();
        self.autosave.copied_revision = Some(revision);
        self.autosave.writer = std::thread::Builder::new()
            .name("shiquan-autosave".into())
            .spawn(move || {
                // A failed copy is retried at the next interval; the plan itself is untouched.
                let _ = recovery::write_sidecar(&plan, &sidecar);
                recovery::write_sidecar_view(&sidecar, scenario.as_ref());
            })
            .ok();
    }

    /// Writes the sidecar now if there are unsaved changes (tests; closing after a crash
    /// signal). Returns the sidecar written.
    pub fn autosave_now(&mut self) -> Option<PathBuf> {
        if let Some(writer) = self.autosave.writer.take() {
            let _ = writer.join();
        }
        if !self.doc.is_dirty() {
            return None;
        }
        let sidecar = self.sidecar()?;
        let plan = self.doc.plan().clone();
        match recovery::write_sidecar(&plan, &sidecar) {
            Ok(()) => {
                recovery::write_sidecar_view(&sidecar, self.doc.view().scenario());
                self.autosave.copied_revision = Some(self.doc.revision());
                self.autosave.last = Instant::now();
                Some(sidecar)
            }
            Err(e) => {
                self.say(e.to_string(), true);
                None
            }
        }
    }

    pub(super) fn drop_sidecar(&mut self) {
        if let Some(writer) = self.autosave.writer.take() {
            let _ = writer.join();
        }
        if let Some(sidecar) = self.sidecar() {
            recovery::remove_sidecar(&sidecar);
        }
        self.autosave.copied_revision = None;
    }
}
