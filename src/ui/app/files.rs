//! The file flow: the unsaved-changes guard, opening, saving (asking where, and before
//! overwriting someone else's change), importing and exporting through background jobs, and
//! the window's own file dialog when the native one cannot open.

use std::path::{Path, PathBuf};

use super::ShiquanApp;
use crate::io::recovery::FileStamp;
use crate::plan::Plan;
use crate::session::Document;
use crate::ui::cache::Caches;
use crate::ui::canvas::CanvasCache;
use crate::ui::command::Command;
use crate::ui::files::{FilePurpose, FileRequest, Picked, saves_folder};
use crate::ui::i18n::{self, T};
use crate::ui::jobs::{JobKind, Outcome, Work};
use crate::ui::panels::Dialog;
use crate::ui::panels::inspector::Buffer;
use crate::ui::panels::modal::{ImportDialog, PendingAction};
use crate::ui::state::UiState;

impl ShiquanApp {
    /// Runs `action` now, or asks first when there are unsaved changes.
    pub(super) fn guard(&mut self, action: PendingAction, ctx: Option<&egui::Context>) {
        if self.doc.is_dirty() {
            self.dialog = Some(Dialog::Unsaved { then: action });
        } else {
            self.proceed(action, ctx);
        }
    }

    pub(super) fn take_pending(&mut self) -> Option<PendingAction> {
        match self.dialog.take() {
            Some(Dialog::Unsaved { then }) => Some(then),
            other => {
                self.dialog = other;
                None
            }
        }
    }

    pub(super) fn proceed(&mut self, action: PendingAction, ctx: Option<&egui::Context>) {
        match action {
            PendingAction::NewPlan => {
                self.replace(Plan::new(T::Untitled.get(self.state.lang)), None);
            }
            PendingAction::Open(path) => {
                let path = path.or_else(|| self.ask_file(FilePurpose::OpenPlan, ""));
                if let Some(path) = path {
                    self.open(&path);
                }
            }
            PendingAction::Import => {
                if let Some(path) = self.ask_file(FilePurpose::ImportList, "") {
                    self.start(Work::ReadList { path, sheet: None });
                }
            }
            PendingAction::OpenSeed => match crate::io::seed::seed_plan() {
                Ok(plan) => self.replace(plan, None),
                Err(e) => self.say(e.to_string(), true),
            },
            PendingAction::Quit => {
                self.allow_close = true;
                if let Some(ctx) = ctx {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
        }
    }

    /// Starts opening a plan file in the background; on failure the current plan stays and the
    /// status bar says why.
    pub fn open(&mut self, path: &Path) {
        let scenario = self.recent.scenario_of(path).cloned();
        self.start(Work::Open {
            path: path.to_path_buf(),
            scenario,
        });
    }

    /// Reads a power list into the import dialog, in the background (a list given at launch).
    pub fn read_list(&mut self, path: PathBuf) {
        self.start(Work::ReadList { path, sheet: None });
    }

    /// Says that a file given at launch could not be opened, and why: in a dialog, unless one
    /// is open already (the offer to recover an autosaved copy), then in the status bar.
    pub fn cannot_open(&mut self, path: PathBuf, error: String) {
        if self.dialog.is_some() {
            let text = format!(
                "{}: {} ({error})",
                T::CannotOpenTitle.get(self.state.lang),
                path.display()
            );
            self.say(text, true);
        } else {
            self.dialog = Some(Dialog::CannotOpen { path, error });
        }
    }

    pub(super) fn start(&mut self, work: Work) {
        if !self.jobs.start(work) {
            self.say(T::JobBusy.get(self.state.lang).into(), true);
        }
    }

    /// Waits for the background job and takes its result (tests, which cannot wait frames).
    pub fn finish_jobs(&mut self) {
        while let Some(outcome) = self.jobs.wait() {
            self.finished(outcome);
        }
        self.refresh_derived();
    }

    /// The running background job and how long it has run.
    pub fn running_job(&self) -> Option<(JobKind, std::time::Duration)> {
        self.jobs.running()
    }

    pub(super) fn finished(&mut self, outcome: Outcome) {
        let lang = self.state.lang;
        match outcome {
            Outcome::Opened { doc, path } => {
                self.recent.touch(&path);
                self.stamp = FileStamp::of(&path);
                self.replace_doc(*doc, Some(path));
                self.offer_recovery();
            }
            Outcome::Recovered { doc, path } => {
                let stamp = self.stamp;
                self.replace_doc(*doc, path);
                self.stamp = stamp;
                self.say(T::Recovered.get(lang).into(), false);
            }
            Outcome::ListRead { table, path } => {
                let (header, mapping) = table.detect_mapping().unwrap_or_else(|| {
                    let first = table.row(0).map(|r| r.to_strings());
                    (
                        0,
                        crate::io::import::HeaderMapping::detect(&first.unwrap_or_default()),
                    )
                });
                // Another sheet of the list open in the dialog keeps the user's choice.
                let skip_bad_rows = match &self.dialog {
                    Some(Dialog::Import(open)) if open.path == path => open.skip_bad_rows,
                    _ => false,
                };
                self.dialog = Some(Dialog::Import(ImportDialog {
                    path,
                    table,
                    header,
                    mapping,
                    skip_bad_rows,
                    error: None,
                }));
            }
            Outcome::Imported {
                doc,
                rows,
                skipped,
                report,
            } => {
                self.replace_doc(*doc, None);
                self.stamp = None;
                self.say(i18n::imported(lang, rows, skipped), false);
                self.state.import_report = Some(report);
            }
            Outcome::MergeReady(dialog) => self.dialog = Some(Dialog::Merge(dialog)),
            Outcome::Merged {
                doc,
                conflicts,
                left_out,
            } => {
                // Unsaved changes to the open plan's file: saving writes the merge over ours.
                let (path, stamp) = (self.path.clone(), self.stamp);
                self.replace_doc(*doc, path);
                self.stamp = stamp;
                self.say(i18n::merged(lang, conflicts, left_out), left_out > 0);
            }
            Outcome::Exported { path } => {
                self.say(i18n::exported(lang, &path.display().to_string()), false);
            }
            Outcome::Failed { kind, error } => {
                // Importing, or reading another sheet, from the dialog: the error stays in it.
                if let (JobKind::Import | JobKind::ReadList, Some(Dialog::Import(dialog))) =
                    (kind, &mut self.dialog)
                {
                    dialog.error = Some(error);
                } else {
                    self.say(i18n::job_failed(lang, kind, &error), true);
                }
            }
        }
    }

    pub(super) fn start_export(&mut self, format: crate::io::export::ExportFormat) {
        let stem = self
            .path
            .as_ref()
            .and_then(|p| p.file_stem())
            .map_or_else(|| "plan".to_owned(), |s| s.to_string_lossy().into_owned());
        // The file name carries the view's name as the window shows it, not its id.
        let view = match self.doc.view().scenario() {
            Some(id) => self
                .doc
                .plan_unsynced()
                .scenario(id)
                .map_or_else(|| id.to_string(), |s| s.name.clone()),
            None => T::Baseline.get(self.state.lang).to_owned(),
        };
        let view = i18n::files::file_name_part(&view);
        let name = format!("{stem}-{view}.{}", format.extension());
        if let Some(path) = self.ask_file(FilePurpose::Export(format), &name) {
            self.export_to(format, path);
        }
    }

    /// Asks the file dialog for a file; when the native dialog cannot open, shows the window's
    /// own instead (its answer comes back as [`Action::FileChosen`]) and returns `None`.
    pub(super) fn ask_file(&mut self, purpose: FilePurpose, name: &str) -> Option<PathBuf> {
        let request = FileRequest {
            purpose,
            start: saves_folder(),
            name: name.to_owned(),
        };
        match self.dialogs.pick(&request) {
            Picked::Path(path) => Some(path),
            Picked::Cancelled => None,
            Picked::Unavailable => {
                let lang = self.state.lang;
                let browser = crate::ui::panels::file_browser::FileBrowser::new(
                    purpose,
                    &request.start,
                    name,
                    self.recent.paths(),
                    lang,
                );
                self.dialog = Some(Dialog::FileBrowser(Box::new(browser)));
                self.say(i18n::files::native_failed(lang).to_owned(), false);
                None
            }
        }
    }

    /// Carries on with a file chosen in the window's own dialog.
    pub(super) fn file_chosen(&mut self, purpose: FilePurpose, path: PathBuf) {
        self.dialog = None;
        match purpose {
            FilePurpose::OpenPlan => self.open(&path),
            FilePurpose::SavePlan => {
                self.save_to(path, false);
            }
            FilePurpose::Export(format) => self.export_to(format, path),
            FilePurpose::Document(format) => self.write_document_to(format, path),
            FilePurpose::ImportList => self.start(Work::ReadList { path, sheet: None }),
            FilePurpose::MergeBase => self.merge_base_chosen(path),
            FilePurpose::MergeTheirs => self.merge_theirs_chosen(path),
        }
    }

    /// Writes the current view in `format` to `path` in the background.
    pub(super) fn export_to(&mut self, format: crate::io::export::ExportFormat, path: PathBuf) {
        // An export is never the plan it comes from (issue 16): the file being edited stays a
        // plan, whatever name the dialog was given.
        if let Some(open) = &self.path
            && (open == &path || crate::io::atomic::same_file(open, &path))
        {
            let text = i18n::export_over_open_plan(self.state.lang, &path.display().to_string());
            self.say(text, true);
            return;
        }
        let options = crate::io::export::ExportOptions {
            scenario: self.doc.view().scenario().cloned(),
            ..Default::default()
        };
        let plan = Box::new(self.doc.plan().clone());
        self.start(Work::Export {
            plan,
            format,
            options,
            path,
        });
    }

    pub(super) fn confirm_import(&mut self) {
        let Some(Dialog::Import(dialog)) = &self.dialog else {
            return;
        };
        let work = Work::Import {
            table: dialog.table.clone(),
            header: dialog.header,
            mapping: dialog.mapping.clone(),
            skip_bad_rows: dialog.skip_bad_rows,
        };
        self.start(work);
    }

    /// Reads another sheet of the workbook open in the import dialog; the dialog stays open
    /// and shows the sheet when it has been read.
    pub(super) fn read_sheet(&mut self, sheet: String) {
        let Some(Dialog::Import(dialog)) = &self.dialog else {
            return;
        };
        if dialog.table.sheet.as_deref() == Some(sheet.as_str())
            || !dialog.table.sheets.contains(&sheet)
        {
            return;
        }
        let path = dialog.path.clone();
        self.start(Work::ReadList {
            path,
            sheet: Some(sheet),
        });
    }

    pub(super) fn replace(&mut self, plan: Plan, path: Option<PathBuf>) {
        self.replace_doc(Document::new(plan), path);
        self.stamp = None;
    }

    pub(super) fn replace_doc(&mut self, doc: Document, path: Option<PathBuf>) {
        self.doc = doc;
        self.caches = Caches::default();
        self.canvas = CanvasCache::default();
        self.dialog = None;
        self.inspector = Buffer::default();
        self.autosave.forget_copy();
        self.path = path;
        let lang = self.state.lang;
        let cjk_missing = self.state.cjk_missing;
        self.state = UiState {
            lang,
            cjk_missing,
            ..UiState::default()
        };
    }

    /// Saves to the current file (or asks where); true when saved. Saving over a file that
    /// someone else changed since it was opened asks first, unless `overwrite`.
    pub(super) fn save(&mut self, ask: bool, overwrite: bool) -> bool {
        let path = if let (Some(p), false) = (&self.path, ask) {
            Some(p.clone())
        } else {
            let name = self.path.as_ref().and_then(|p| p.file_name()).map_or_else(
                || {
                    let title = &self.doc.plan_unsynced().title;
                    format!(
                        "{}.{}",
                        i18n::files::file_name_part(title),
                        crate::io::plan_file::PLAN_EXTENSION
                    )
                },
                |n| n.to_string_lossy().into_owned(),
            );
            self.ask_file(FilePurpose::SavePlan, &name)
        };
        let Some(path) = path else {
            return false;
        };
        self.save_to(path, overwrite)
    }

    /// Saves to `path`; saving over a file that someone else changed since it was opened asks
    /// first, unless `overwrite`.
    pub(super) fn save_to(&mut self, path: PathBuf, overwrite: bool) -> bool {
        let same_file = self.path.as_deref() == Some(path.as_path());
        if same_file
            && !overwrite
            && let (Some(was), Some(now)) = (&self.stamp, FileStamp::of(&path))
            && was.content_differs(&now)
        {
            self.dialog = Some(Dialog::ChangedOnDisk);
            return false;
        }
        let plan = self.doc.plan().clone();
        match crate::io::save_path(&plan, &path) {
            Ok(()) => {
                // The copy of the unsaved changes is no longer needed, under the old name or
                // the new one.
                self.drop_sidecar();
                self.doc.mark_saved();
                let scenario = self.doc.view().scenario().cloned();
                self.recent.remember_scenario(&path, scenario.as_ref());
                let text = i18n::saved(self.state.lang, &path.display().to_string());
                self.stamp = FileStamp::of(&path);
                self.path = Some(path);
                self.drop_sidecar();
                self.say(text, false);
                true
            }
            Err(e) => {
                self.say(i18n::save_failed(self.state.lang, &e.to_string()), true);
                false
            }
        }
    }

    /// The commands about the plan's file: save, save as, the answers of the unsaved-changes,
    /// recovery and changed-on-disk dialogs.
    pub(super) fn apply_file_command(&mut self, command: Command, ctx: Option<&egui::Context>) {
        use crate::ui::panels::history::Leave;
        match command {
            Command::Save => {
                let asked = self.ask_before_leaving(Leave::Save { as_new: false });
                if !asked {
                    self.save(false, false);
                }
            }
            Command::SaveAs => {
                if matches!(self.dialog, Some(Dialog::ChangedOnDisk)) {
                    self.dialog = None;
                }
                if !self.ask_before_leaving(Leave::Save { as_new: true }) {
                    self.save(true, false);
                }
            }
            Command::ConfirmSave => {
                let then = self.take_pending();
                if self.save(false, false)
                    && let Some(then) = then
                {
                    self.proceed(then, ctx);
                }
            }
            Command::ConfirmDiscard => {
                if let Some(then) = self.take_pending() {
                    // The user chose to drop the changes: do not offer them back next time.
                    self.drop_sidecar();
                    self.proceed(then, ctx);
                }
            }
            Command::Recover => {
                if let Some(Dialog::Recover { sidecar }) = self.dialog.clone() {
                    self.dialog = None;
                    self.start(Work::Recover {
                        sidecar,
                        path: self.path.clone(),
                    });
                }
            }
            Command::DiscardRecovery => {
                if let Some(Dialog::Recover { sidecar }) = self.dialog.clone() {
                    self.dialog = None;
                    crate::io::recovery::remove_sidecar(&sidecar);
                }
            }
            Command::OverwriteOnDisk => {
                self.dialog = None;
                self.save(false, true);
            }
            _ => {}
        }
    }
}
