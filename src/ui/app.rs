//! The application: the open [`Document`], the window's [`UiState`], and the command queue.
//!
//! Each frame draws the panels (which read the document and push [`Command`]s), then applies the
//! queued commands in order. Only [`ShiquanApp::apply`] changes the document, so every edit is
//! an operation with exact undo, and tests drive the same path through [`ShiquanApp::push`].

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui::{Panel, Ui};

use super::canvas::{self, CanvasCache};
use super::command::Command;
use super::derived::Derived;
use super::files::{FileDialogs, FilePurpose, FileRequest, Picked, RecentFiles, saves_folder};
use super::i18n::{self, T};
use super::jobs::{JobKind, Jobs, Outcome, Work};
use super::panels::{self, PanelCtx};
use super::state::{
    Dialog, GrantDialog, ImportDialog, PendingAction, RulesDialog, Selection, StatusMessage, Tab,
    UiState,
};
use super::tables;
use crate::io::recovery::{self, FileStamp};
use crate::lang::Lang;
use crate::model::ScenarioId;
use crate::plan::{Document, Plan, View};

/// The planner's window.
pub struct ShiquanApp {
    doc: Document,
    state: UiState,
    derived: Derived,
    canvas: CanvasCache,
    queue: Vec<Command>,
    dialogs: Box<dyn FileDialogs>,
    recent: RecentFiles,
    path: Option<PathBuf>,
    shown_title: String,
    allow_close: bool,
    fonts_checked: bool,
    jobs: Jobs,
    comparison: tables::compare::CompareCache,
    autosave: Autosave,
    stamp: Option<FileStamp>,
}

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

    fn writing(&self) -> bool {
        self.writer.as_ref().is_some_and(|w| !w.is_finished())
    }
}

impl ShiquanApp {
    /// The window on a plan, opened from `path` if it came from a file, autosaving by
    /// `autosave`; offers to recover an autosaved copy newer than the file.
    pub fn new(
        plan: Plan,
        path: Option<PathBuf>,
        dialogs: Box<dyn FileDialogs>,
        recent: RecentFiles,
        lang: Lang,
        autosave: Autosave,
    ) -> Self {
        let mut app = Self {
            doc: Document::new(plan),
            state: UiState {
                lang,
                ..UiState::default()
            },
            derived: Derived::default(),
            canvas: CanvasCache::default(),
            queue: Vec::new(),
            dialogs,
            recent,
            path,
            shown_title: String::new(),
            allow_close: false,
            fonts_checked: false,
            jobs: Jobs::default(),
            comparison: tables::compare::CompareCache::default(),
            stamp: None,
            autosave,
        };
        app.stamp = app.path.as_deref().and_then(FileStamp::of);
        app.show_remembered_scenario();
        app.offer_recovery();
        app.refresh_derived();
        app
    }

    /// The window for a test: no file, no recent list on disk, Chinese, no autosave of untitled
    /// plans (a plan file's sidecar still sits beside it).
    pub fn new_for_test(plan: Plan, dialogs: Box<dyn FileDialogs>) -> Self {
        Self::new(
            plan,
            None,
            dialogs,
            RecentFiles::in_memory(),
            Lang::Zh,
            Autosave::new(Duration::from_secs(30), None),
        )
    }

    /// The window for a test on a plan file (as `shiquan FILE` opens it).
    pub fn new_for_test_on_file(
        plan: Plan,
        path: PathBuf,
        dialogs: Box<dyn FileDialogs>,
        autosave: Autosave,
    ) -> Self {
        Self::new(
            plan,
            Some(path),
            dialogs,
            RecentFiles::in_memory(),
            Lang::Zh,
            autosave,
        )
    }

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
    fn show_remembered_scenario(&mut self) {
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
    fn remember_view(&mut self) {
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

    fn offer_recovery(&mut self) {
        if let Some(sidecar) = self.sidecar()
            && let Some(sidecar) = recovery::recoverable(&sidecar, self.path.as_deref())
        {
            self.state.dialog = Some(Dialog::Recover { sidecar });
        }
    }

    /// Copies unsaved changes to the sidecar when the interval has passed (in the background:
    /// the plan is cloned, then written by a worker thread).
    fn autosave_tick(&mut self) {
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

    fn drop_sidecar(&mut self) {
        if let Some(writer) = self.autosave.writer.take() {
            let _ = writer.join();
        }
        if let Some(sidecar) = self.sidecar() {
            recovery::remove_sidecar(&sidecar);
        }
        self.autosave.copied_revision = None;
    }

    /// The open document.
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// The window's state.
    pub fn ui_state(&self) -> &UiState {
        &self.state
    }

    /// The window's state, for tests that set a filter or a search.
    pub fn ui_state_mut(&mut self) -> &mut UiState {
        &mut self.state
    }

    /// The cached numbers (finding counts, search hits).
    pub fn derived(&self) -> &Derived {
        &self.derived
    }

    /// The 方案对比 tab's comparison, as last refreshed (for tests).
    pub fn comparison(&self) -> &tables::compare::CompareCache {
        &self.comparison
    }

    /// The lanes view as last drawn: its layout and where it sits on screen.
    pub fn canvas(&self) -> &CanvasCache {
        &self.canvas
    }

    /// The file the plan is saved in.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Queues a command, as a menu or a shortcut does; it runs after the next frame's panels.
    pub fn push(&mut self, command: Command) {
        self.queue.push(command);
    }

    /// Applies every queued command now.
    pub fn run_commands(&mut self, ctx: Option<&egui::Context>) {
        let queue = std::mem::take(&mut self.queue);
        for command in queue {
            self.apply(command, ctx);
        }
        self.refresh_derived();
    }

    fn refresh_derived(&mut self) {
        self.derived
            .refresh(&self.doc, &self.state.search, &self.state.filters);
    }

    /// The window title: plan title, file and unsaved marker.
    pub fn title(&self) -> String {
        let file = self.path.as_ref().map_or_else(
            || T::NoFile.get(self.state.lang).to_owned(),
            |p| p.display().to_string(),
        );
        let dirty = if self.doc.is_dirty() { "● " } else { "" };
        format!(
            "{dirty}{} — {file} — {}",
            self.doc.plan_unsynced().title,
            T::AppName.get(self.state.lang)
        )
    }

    /// Shows a refusal of the plan's own (a scenario's name taken, a view that does not apply)
    /// in the interface's language: such messages are written "中文 (English)".
    fn say_plan_error(&mut self, message: &str) {
        let text = super::streets::in_language(message, self.state.lang).to_owned();
        self.say(text, true);
    }

    /// Shows a message in the status bar (`error`: in the error colour).
    pub fn say(&mut self, text: String, error: bool) {
        self.state.message = Some(StatusMessage { text, error });
    }

    /// Applies one command.
    #[allow(clippy::too_many_lines)]
    pub fn apply(&mut self, command: Command, ctx: Option<&egui::Context>) {
        let lang = self.state.lang;
        match command {
            Command::NewPlan => self.guard(PendingAction::NewPlan, ctx),
            Command::Open => self.guard(PendingAction::Open(None), ctx),
            Command::OpenPath(p) => self.guard(PendingAction::Open(Some(p)), ctx),
            Command::Quit => self.guard(PendingAction::Quit, ctx),
            Command::Save => {
                if !self.ask_before_leaving(panels::history::Leave::Save { as_new: false }) {
                    self.save(false, false);
                }
            }
            Command::SaveAs => {
                if matches!(self.state.dialog, Some(Dialog::ChangedOnDisk)) {
                    self.state.dialog = None;
                }
                if !self.ask_before_leaving(panels::history::Leave::Save { as_new: true }) {
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
            Command::CloseDialog => {
                self.state.dialog = panels::history::after_close(self.state.dialog.take());
            }
            Command::Undo => {
                if !self.doc.undo() {
                    self.say(T::NothingToUndo.get(lang).into(), false);
                }
            }
            Command::Redo => {
                if !self.doc.redo() {
                    self.say(T::NothingToRedo.get(lang).into(), false);
                }
            }
            Command::Find => self.state.focus_search = true,
            Command::DeleteSelection => self.delete_selection(),
            Command::FitView => {
                self.state.canvas.fit_requested = true;
                self.state.tab = Tab::Lanes;
            }
            Command::ToggleCompare => {
                self.state.compare = !self.state.compare && self.doc.view().scenario().is_some();
            }
            Command::SetLang(l) => self.state.lang = l,
            Command::ShowTab(tab) => self.state.tab = tab,
            Command::ClearFilters => self.state.filters = super::state::Filters::default(),
            Command::SwitchView(view) => self.switch_view(view),
            Command::NewScenario => {
                self.state.dialog = Some(Dialog::NewScenario {
                    name: T::NewScenarioName.get(lang).to_owned(),
                    duplicate: false,
                });
            }
            Command::DuplicateScenario => {
                if self.doc.view().scenario().is_some() {
                    let name = format!(
                        "{}{}",
                        panels::top_bar::current_view_name(&self.ctx_parts()),
                        T::CopySuffix.get(lang)
                    );
                    self.state.dialog = Some(Dialog::NewScenario {
                        name,
                        duplicate: true,
                    });
                }
            }
            Command::RenameScenario => {
                if self.doc.view().scenario().is_some() {
                    let name = panels::top_bar::current_view_name(&self.ctx_parts());
                    self.state.dialog = Some(Dialog::RenameScenario { name });
                }
            }
            Command::DeleteScenario => {
                if self.doc.view().scenario().is_some() {
                    self.state.dialog = Some(Dialog::DeleteScenario);
                }
            }
            Command::CreateScenario { name, duplicate } => {
                self.state.dialog = None;
                self.create_scenario(name, duplicate);
            }
            Command::RenameScenarioTo(name) => {
                self.state.dialog = None;
                if let Some(id) = self.doc.view().scenario().cloned()
                    && let Err(e) = self.doc.rename_scenario(&id, name)
                {
                    self.say_plan_error(&e.to_string());
                }
            }
            Command::DeleteScenarioConfirmed => {
                self.state.dialog = None;
                if let Some(id) = self.doc.view().scenario().cloned() {
                    match self.doc.delete_scenario(&id) {
                        Ok(()) => self.state.compare = false,
                        Err(e) => self.say_plan_error(&e.to_string()),
                    }
                }
            }
            Command::Apply(op) => self.apply_operations(vec![op]),
            Command::ApplyAll(ops) => {
                if matches!(self.state.dialog, Some(Dialog::Transfer { .. })) {
                    self.state.dialog = None;
                }
                self.apply_operations(ops);
            }
            Command::PromptTransfer { powers, to } => {
                self.state.dialog = Some(Dialog::Transfer {
                    powers,
                    to,
                    mode: crate::plan::TransferMode::Transfer,
                    authority: String::new(),
                    document: String::new(),
                });
            }
            Command::JumpTo(step) => self.doc.jump_to(step),
            Command::Select(selection) => self.state.selection = selection,
            Command::Focus(selection) => {
                self.state.tab = Tab::Lanes;
                self.open_district_of(&selection);
                self.state.canvas.focus = Some(selection.clone());
                if let Selection::Body(b) = &selection {
                    self.state.canvas.selected_bodies = std::iter::once(b.clone()).collect();
                }
                self.state.selection = selection;
            }
            Command::About => self.state.dialog = Some(Dialog::About),
            Command::Export(format) => self.start_export(format),
            Command::ImportList => self.guard(PendingAction::Import, ctx),
            Command::ConfirmImport => self.confirm_import(),
            Command::ReadSheet(sheet) => self.read_sheet(sheet),
            Command::CancelJob => {
                if self.jobs.running().is_some() {
                    self.jobs.cancel();
                    self.say(T::JobCancelled.get(lang).into(), false);
                }
            }
            Command::ShowRules => {
                let dialog = RulesDialog::of(&self.doc.plan_unsynced().rules);
                self.state.dialog = Some(Dialog::Rules(dialog));
            }
            Command::SetRules(rules) => {
                self.state.dialog = None;
                if rules != self.doc.plan_unsynced().rules {
                    self.doc.set_rules(rules);
                }
            }
            Command::Recover => {
                if let Some(Dialog::Recover { sidecar }) = self.state.dialog.clone() {
                    self.state.dialog = None;
                    self.start(Work::Recover {
                        sidecar,
                        path: self.path.clone(),
                    });
                }
            }
            Command::DiscardRecovery => {
                if let Some(Dialog::Recover { sidecar }) = self.state.dialog.clone() {
                    self.state.dialog = None;
                    recovery::remove_sidecar(&sidecar);
                }
            }
            Command::OverwriteOnDisk => {
                self.state.dialog = None;
                self.save(false, true);
            }
            Command::OpenGrant(from) => {
                let state = self.doc.state();
                match GrantDialog::open(state, &from, &self.state.selection) {
                    Some(dialog) => self.state.dialog = Some(Dialog::Grant(Box::new(dialog))),
                    None => self.say(T::GrantNoDistricts.get(lang).into(), true),
                }
            }
            Command::Grant(op) => self.grant(op),
            Command::FileChosen(purpose, path) => self.file_chosen(purpose, path),
            Command::Help => self.state.help_open = !self.state.help_open,
            Command::OpenSeed => self.guard(PendingAction::OpenSeed, ctx),
            Command::EditBeforeLaterSteps(later) => self.edit_before_later_steps(later),
            Command::LeaveWithLaterSteps(keep) => self.leave_with_later_steps(keep),
        }
        self.drop_stale_selection();
    }

    fn ctx_parts(&mut self) -> PanelCtx<'_> {
        PanelCtx {
            doc: &self.doc,
            state: &mut self.state,
            derived: &self.derived,
            out: &mut self.queue,
        }
    }

    /// Applies the operations of one gesture: all or none, one undo step.
    /// With later steps in the history, nothing is applied yet: the window asks first.
    fn apply_operations(&mut self, ops: Vec<crate::plan::Operation>) {
        if ops.is_empty() {
            return;
        }
        if self.doc.later_steps() > 0 {
            self.ask_before_edit(panels::history::PendingEdit::Apply(ops));
            return;
        }
        self.apply_operations_at(ops, crate::plan::LaterSteps::Discard);
    }

    /// Applies the operations of one gesture at the history cursor, `later` saying what
    /// becomes of the later steps; what it did, or `None` when refused (the status bar says
    /// why).
    fn apply_operations_at(
        &mut self,
        ops: Vec<crate::plan::Operation>,
        later: crate::plan::LaterSteps,
    ) -> Option<crate::plan::Replayed> {
        let n = ops.len();
        match self.doc.apply_at_cursor(ops, later) {
            Ok(report) => {
                self.state.message = None;
                Some(report)
            }
            Err((i, e)) => {
                let why = e.to_string();
                let why = super::streets::in_language(&why, self.state.lang);
                let text = i18n::refused(self.state.lang, i, n, why);
                self.say(text, true);
                None
            }
        }
    }

    /// Applies a grant from the grant dialog: it closes on success; a refusal stays in it, in
    /// the user's language. With later steps in the history the window asks first.
    fn grant(&mut self, op: crate::plan::Operation) {
        if self.doc.later_steps() > 0 {
            self.ask_before_edit(panels::history::PendingEdit::Grant(op));
            return;
        }
        self.grant_at(op, crate::plan::LaterSteps::Discard);
    }

    /// Applies a grant at the history cursor, `later` saying what becomes of the later steps;
    /// what it did, or `None` when refused.
    fn grant_at(
        &mut self,
        op: crate::plan::Operation,
        later: crate::plan::LaterSteps,
    ) -> Option<crate::plan::Replayed> {
        let lang = self.state.lang;
        let (summary, problems) = match &op {
            crate::plan::Operation::GrantToStreets {
                powers, receivers, ..
            } => (
                i18n::streets::granted_done(lang, powers.len(), receivers.len()),
                super::streets::check(self.doc.state(), powers, receivers),
            ),
            _ => (String::new(), Vec::new()),
        };
        match self.doc.apply_at_cursor(vec![op], later) {
            Ok(report) => {
                if matches!(self.state.dialog, Some(Dialog::Grant(_))) {
                    self.state.dialog = None;
                }
                self.say(summary, false);
                Some(report)
            }
            Err((_, e)) => {
                // Said by name where the window knows why; else the operation's own words.
                let why = match problems.first() {
                    Some(p) => i18n::streets::problem(lang, self.doc.state(), p),
                    None => super::streets::in_language(&e.to_string(), lang).to_owned(),
                };
                match &mut self.state.dialog {
                    Some(Dialog::Grant(dialog)) => dialog.error = Some(why),
                    _ => self.say(i18n::refused(lang, 0, 1, &why), true),
                }
                None
            }
        }
    }

    /// Issue 17: an edit arrived while the history has later steps. Nothing is applied yet;
    /// the window asks whether to insert it and replay them, or discard them.
    fn ask_before_edit(&mut self, edit: panels::history::PendingEdit) {
        let back = self.state.dialog.take().map(Box::new);
        let question = panels::history::EditQuestion { edit, back };
        self.state.dialog = Some(Dialog::EditBeforeLaterSteps(Box::new(question)));
    }

    /// Applies the edit that asked, as the user answered; lists the steps a replay dropped.
    fn edit_before_later_steps(&mut self, later: crate::plan::LaterSteps) {
        let Some(Dialog::EditBeforeLaterSteps(question)) = self.state.dialog.take() else {
            return;
        };
        let panels::history::EditQuestion { edit, back } = *question;
        self.state.dialog = back.map(|back| *back);
        let at = self.doc.history().cursor();
        let report = match edit {
            panels::history::PendingEdit::Apply(ops) => self.apply_operations_at(ops, later),
            panels::history::PendingEdit::Grant(op) => self.grant_at(op, later),
        };
        if let Some(report) = report {
            let lang = self.state.lang;
            let (said, list) = panels::history::outcome(&report, at, &self.doc, lang);
            let said = match self.state.message.take() {
                Some(before) if !before.error => format!("{} · {said}", before.text),
                _ => said,
            };
            self.say(said, false);
            if list.is_some() {
                self.state.dialog = list;
            }
        }
    }

    /// Asks before saving or leaving a view that has later steps (issue 17); true when it
    /// asked, `then` waiting for the answer.
    fn ask_before_leaving(&mut self, then: panels::history::Leave) -> bool {
        if self.doc.later_steps() == 0 {
            return false;
        }
        self.state.dialog = Some(Dialog::LeaveWithLaterSteps(then));
        true
    }

    /// Saves or leaves as the user answered: with every step (the cursor moves to the end) or
    /// with those up to the cursor (the later ones dropped, undoably).
    fn leave_with_later_steps(&mut self, keep: panels::history::KeepLater) {
        let Some(Dialog::LeaveWithLaterSteps(then)) = self.state.dialog.take() else {
            return;
        };
        match keep {
            panels::history::KeepLater::All => self.doc.jump_to_end(),
            panels::history::KeepLater::UpToCursor => {
                self.doc.drop_later_steps();
            }
        }
        match then {
            panels::history::Leave::Save { as_new } => {
                self.save(as_new, false);
            }
            panels::history::Leave::Switch(view) => self.switch_view(view),
        }
    }

    /// Opens the lanes of the district whose street holds what is to be focused.
    fn open_district_of(&mut self, selection: &Selection) {
        let state = self.doc.state();
        let place = match selection {
            Selection::Body(b) => state.body(b).map(|b| &b.jurisdiction),
            Selection::Jurisdiction(j) => Some(j),
            _ => None,
        };
        if let Some(place) = place
            && state
                .jurisdiction(place)
                .is_some_and(|j| j.level == crate::model::Level::Street)
            && let Some(district) = state.district_of(place)
        {
            self.state.canvas.open_districts.insert(district.clone());
        }
    }

    fn delete_selection(&mut self) {
        let mut bodies: Vec<_> = self.state.canvas.selected_bodies.iter().cloned().collect();
        if let Selection::Body(b) = &self.state.selection
            && !bodies.contains(b)
        {
            bodies.push(b.clone());
        }
        let ops = bodies
            .into_iter()
            .filter(|b| self.doc.state().body(b).is_some())
            .map(|body| crate::plan::Operation::AbolishBody { body })
            .collect::<Vec<_>>();
        if ops.is_empty() {
            self.say(T::NothingSelected.get(self.state.lang).into(), false);
        } else {
            self.state.canvas.selected_bodies.clear();
            self.apply_operations(ops);
        }
    }

    fn drop_stale_selection(&mut self) {
        let state = self.doc.state();
        let gone = match &self.state.selection {
            Selection::Body(b) => state.body(b).is_none(),
            Selection::Power(p) => state.power(p).is_none(),
            Selection::Jurisdiction(j) => state.jurisdiction(j).is_none(),
            Selection::None => false,
        };
        if gone {
            self.state.selection = Selection::None;
        }
        self.state
            .canvas
            .selected_bodies
            .retain(|b| state.body(b).is_some());
        self.state
            .canvas
            .selected_chips
            .retain(|(p, b)| state.holding(p, b).is_some_and(|h| h.role.is_lead()));
    }

    fn switch_view(&mut self, view: View) {
        if &view == self.doc.view()
            || self.ask_before_leaving(panels::history::Leave::Switch(view.clone()))
        {
            return;
        }
        match self.doc.switch_to(view) {
            Ok(()) => {
                if self.doc.view().scenario().is_none() {
                    self.state.compare = false;
                }
                self.remember_view();
            }
            Err(e) => self.say_plan_error(&e.to_string()),
        }
    }

    fn create_scenario(&mut self, name: String, duplicate: bool) {
        let plan = self.doc.plan_unsynced();
        let mut n = plan.scenarios.len() + 1;
        let id = loop {
            let id = ScenarioId::new(format!("scenario-{n}"));
            if plan.scenario(&id).is_none() {
                break id;
            }
            n += 1;
        };
        let result = match (duplicate, self.doc.view().scenario().cloned()) {
            (true, Some(source)) => self.doc.duplicate_scenario(&source, id, name),
            _ => self.doc.new_scenario(id, name),
        };
        if let Err(e) = result {
            self.say_plan_error(&e.to_string());
        }
    }

    /// Runs `action` now, or asks first when there are unsaved changes.
    fn guard(&mut self, action: PendingAction, ctx: Option<&egui::Context>) {
        if self.doc.is_dirty() {
            self.state.dialog = Some(Dialog::Unsaved { then: action });
        } else {
            self.proceed(action, ctx);
        }
    }

    fn take_pending(&mut self) -> Option<PendingAction> {
        match self.state.dialog.take() {
            Some(Dialog::Unsaved { then }) => Some(then),
            other => {
                self.state.dialog = other;
                None
            }
        }
    }

    fn proceed(&mut self, action: PendingAction, ctx: Option<&egui::Context>) {
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

    fn start(&mut self, work: Work) {
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

    fn finished(&mut self, outcome: Outcome) {
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
                let skip_bad_rows = match &self.state.dialog {
                    Some(Dialog::Import(open)) if open.path == path => open.skip_bad_rows,
                    _ => false,
                };
                self.state.dialog = Some(Dialog::Import(ImportDialog {
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
            Outcome::Exported { path } => {
                self.say(i18n::exported(lang, &path.display().to_string()), false);
            }
            Outcome::Failed { kind, error } => {
                // Importing, or reading another sheet, from the dialog: the error stays in it.
                if let (JobKind::Import | JobKind::ReadList, Some(Dialog::Import(dialog))) =
                    (kind, &mut self.state.dialog)
                {
                    dialog.error = Some(error);
                } else {
                    self.say(i18n::job_failed(lang, kind, &error), true);
                }
            }
        }
    }

    fn start_export(&mut self, format: crate::io::export::ExportFormat) {
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
    /// own instead (its answer comes back as [`Command::FileChosen`]) and returns `None`.
    fn ask_file(&mut self, purpose: FilePurpose, name: &str) -> Option<PathBuf> {
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
                let browser = super::panels::file_browser::FileBrowser::new(
                    purpose,
                    &request.start,
                    name,
                    self.recent.paths(),
                    lang,
                );
                self.state.dialog = Some(Dialog::FileBrowser(Box::new(browser)));
                self.say(i18n::files::native_failed(lang).to_owned(), false);
                None
            }
        }
    }

    /// Carries on with a file chosen in the window's own dialog.
    fn file_chosen(&mut self, purpose: FilePurpose, path: PathBuf) {
        self.state.dialog = None;
        match purpose {
            FilePurpose::OpenPlan => self.open(&path),
            FilePurpose::SavePlan => {
                self.save_to(path, false);
            }
            FilePurpose::Export(format) => self.export_to(format, path),
            FilePurpose::ImportList => self.start(Work::ReadList { path, sheet: None }),
        }
    }

    /// Writes the current view in `format` to `path` in the background.
    fn export_to(&mut self, format: crate::io::export::ExportFormat, path: PathBuf) {
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

    fn confirm_import(&mut self) {
        let Some(Dialog::Import(dialog)) = &self.state.dialog else {
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
    fn read_sheet(&mut self, sheet: String) {
        let Some(Dialog::Import(dialog)) = &self.state.dialog else {
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

    fn replace(&mut self, plan: Plan, path: Option<PathBuf>) {
        self.replace_doc(Document::new(plan), path);
        self.stamp = None;
    }

    fn replace_doc(&mut self, doc: Document, path: Option<PathBuf>) {
        self.doc = doc;
        self.derived = Derived::default();
        self.canvas = CanvasCache::default();
        self.comparison = tables::compare::CompareCache::default();
        self.autosave.copied_revision = None;
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
    fn save(&mut self, ask: bool, overwrite: bool) -> bool {
        let path = if let (Some(p), false) = (&self.path, ask) {
            Some(p.clone())
        } else {
            let name = self.path.as_ref().and_then(|p| p.file_name()).map_or_else(
                || "plan.ron".to_owned(),
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
    fn save_to(&mut self, path: PathBuf, overwrite: bool) -> bool {
        let same_file = self.path.as_deref() == Some(path.as_path());
        if same_file
            && !overwrite
            && let (Some(was), Some(now)) = (&self.stamp, FileStamp::of(&path))
            && was.content_differs(&now)
        {
            self.state.dialog = Some(Dialog::ChangedOnDisk);
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

    fn shortcuts(&mut self, ctx: &egui::Context) {
        if self.state.dialog.is_some() || self.jobs.running().is_some() {
            return;
        }
        let typing = ctx.egui_wants_keyboard_input();
        for command in Command::WITH_SHORTCUTS {
            if typing && command.yields_to_text_edit() {
                continue;
            }
            let hit = ctx.input_mut(|i| {
                command.shortcut().is_some_and(|s| i.consume_shortcut(&s))
                    || command
                        .alternative_shortcut()
                        .is_some_and(|s| i.consume_shortcut(&s))
            });
            if hit {
                self.queue.push(command);
            }
        }
    }

    fn check_fonts(&mut self, ui: &Ui) {
        if self.fonts_checked {
            return;
        }
        self.fonts_checked = true;
        let font = egui::FontId::proportional(14.0);
        let ok = ui.fonts_mut(|f| f.has_glyphs(&font, "事权沙盘城市管理"));
        self.state.cjk_missing = !ok;
        if !ok {
            self.state.lang = Lang::En;
        }
    }

    fn close_requests(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close && self.doc.is_dirty()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.state.dialog = Some(Dialog::Unsaved {
                then: PendingAction::Quit,
            });
        }
    }

    /// Draws one frame of the whole window (without applying the commands it queues).
    pub fn draw(&mut self, ui: &mut Ui) {
        self.check_fonts(ui);
        self.refresh_derived();
        if self.state.tab == Tab::Compare {
            let pair = tables::compare::pair(&self.doc, self.state.compare_pair.as_ref());
            self.comparison
                .refresh(&mut self.doc, &self.derived, &pair, self.state.lang);
        }
        let recent = self.recent.paths();
        let path = self.path.clone();
        let mut cx = PanelCtx {
            doc: &self.doc,
            state: &mut self.state,
            derived: &self.derived,
            out: &mut self.queue,
        };
        if cx.state.cjk_missing {
            Panel::top("font-banner")
                .frame(
                    egui::Frame::new()
                        .fill(super::theme::BANNER_BG)
                        .inner_margin(6.0),
                )
                .show(ui, |ui| {
                    ui.label(
                        egui::RichText::new(T::FontBanner.get(Lang::En)).color(super::theme::TEXT),
                    );
                });
        }
        Panel::top("top-bar").show(ui, |ui| panels::top_bar::show(ui, &mut cx, &recent));
        Panel::bottom("status-bar").show(ui, |ui| {
            panels::status::show(ui, &mut cx, path.as_deref());
        });
        Panel::bottom("findings")
            .resizable(true)
            .default_size(150.0)
            .show(ui, |ui| panels::findings::show(ui, &mut cx));
        Panel::left("tree")
            .resizable(true)
            .default_size(230.0)
            .show(ui, |ui| panels::tree::show(ui, &mut cx));
        Panel::right("inspector")
            .resizable(true)
            .default_size(280.0)
            .show(ui, |ui| panels::inspector::show(ui, &mut cx));
        let canvas = &mut self.canvas;
        let comparison = &self.comparison;
        egui::CentralPanel::default().show(ui, |ui| {
            ui.horizontal(|ui| {
                for tab in Tab::ALL {
                    let label = i18n::tab_label(tab).get(cx.state.lang);
                    if ui.selectable_label(cx.state.tab == tab, label).clicked() {
                        cx.state.tab = tab;
                    }
                }
                if cx.state.tab == Tab::Lanes {
                    ui.separator();
                    cx.small_command(ui, Command::FitView, T::CmdFit, true);
                    // Cut to the room left, with the whole text on hover: a long hint (the
                    // English one) must not widen the centre past the inspector.
                    let hint = T::LanesHelp.get(cx.state.lang);
                    ui.add(
                        egui::Label::new(
                            egui::RichText::new(hint)
                                .color(super::theme::TEXT_WEAK)
                                .small(),
                        )
                        .truncate(),
                    )
                    .on_hover_text(hint);
                }
            });
            ui.separator();
            match cx.state.tab {
                Tab::Lanes => canvas::show(ui, &mut cx, canvas),
                Tab::Allocation => tables::allocation::show(ui, &mut cx),
                Tab::Matrix => tables::matrix::show(ui, &mut cx),
                Tab::Changes => tables::changes::show(ui, &mut cx),
                Tab::Stats => tables::stats::show(ui, &mut cx),
                Tab::Compare => tables::compare::show(ui, &mut cx, comparison),
            }
        });
        panels::import::report_window(ui.ctx(), &mut cx);
        panels::help::show(ui.ctx(), &mut cx);
        match self.jobs.running() {
            Some((kind, elapsed)) => panels::dialogs::progress(ui.ctx(), &mut cx, kind, elapsed),
            None => panels::dialogs::show(ui.ctx(), &mut cx),
        }
    }
}

impl eframe::App for ShiquanApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if let Some(outcome) = self.jobs.poll() {
            self.finished(outcome);
        }
        if self.jobs.running().is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        self.close_requests(&ctx);
        self.autosave_tick();
        if self.doc.is_dirty() {
            // Wake up for the next autosave even when nobody moves the mouse.
            ctx.request_repaint_after(self.autosave.interval.max(Duration::from_millis(500)));
        }
        self.shortcuts(&ctx);
        self.draw(ui);
        let applied = !self.queue.is_empty();
        self.run_commands(Some(&ctx));
        let title = self.title();
        if title != self.shown_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
        // Commands change what the panels show: draw again with the result.
        if applied {
            ctx.request_repaint();
        }
    }
}
