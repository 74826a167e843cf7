//! The application: the open [`Document`], the window's [`UiState`], its caches, and the
//! queue of actions.
//!
//! Each frame first brings the caches up to date ([`crate::ui::cache::Caches::refresh`]), then
//! draws the panels (which read the document and the caches and push [`Action`]s), then applies
//! the queued actions in order. Only [`ShiquanApp::apply`] changes what the document holds, so
//! every edit is an operation with exact undo, and tests drive the same path through
//! [`ShiquanApp::push`]. (Refreshing the comparison may write the scenario being edited back
//! into the document's plan, to replay another view from it: its content does not change.)
//!
//! By concern: this file dispatches commands and draws the frame; [`edits`] applies edits
//! (gestures, the question before an edit at an earlier step, grants, views, scenarios);
//! [`files`] is the file flow (guard, open, save, import, export, the window's own file
//! dialog); [`autosave`] keeps unsaved changes safe and remembers the view.

use std::path::{Path, PathBuf};
use std::time::Duration;

use egui::{Panel, Ui};

use super::cache::{Caches, Derived, ViewCaches};
use super::canvas::{self, CanvasCache};
use super::command::{Action, Command, GrantFrom, Queue};
use super::files::{FileDialogs, RecentFiles};
use super::i18n::{self, T};
use super::jobs::Jobs;
use super::panels::inspector::Buffer;
use super::panels::modal::{GrantDialog, PendingAction, RulesDialog};
use super::panels::{self, Dialog, PanelCtx};
use super::state::{Selection, StatusMessage, Tab, UiState};
use super::tables;
use crate::io::recovery::FileStamp;
use crate::plan::Plan;
use crate::session::Document;
use crate::text::Lang;

mod autosave;
mod documents;
mod edits;
mod files;
mod merging;
mod review;
mod timetable;

pub use autosave::Autosave;

/// The planner's window.
pub struct ShiquanApp {
    doc: Document,
    state: UiState,
    /// The open modal dialog, if any.
    dialog: Option<Dialog>,
    /// The inspector's edit buffer.
    inspector: Buffer,
    caches: Caches,
    canvas: CanvasCache,
    queue: Queue,
    dialogs: Box<dyn FileDialogs>,
    recent: RecentFiles,
    path: Option<PathBuf>,
    shown_title: String,
    allow_close: bool,
    fonts_checked: bool,
    jobs: Jobs,
    autosave: Autosave,
    stamp: Option<FileStamp>,
    /// 合并方案: the base chosen, while the other side's copy is asked for.
    merge_base: Option<PathBuf>,
    /// 生成文书: the document asked for, while where to write it is asked.
    document_request: Option<crate::documents::DocRequest>,
    /// 生成文书: the preview being made.
    document_preview: Option<documents::PreviewJob>,
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
            dialog: None,
            inspector: Buffer::default(),
            caches: Caches::default(),
            canvas: CanvasCache::default(),
            queue: Queue::default(),
            dialogs,
            recent,
            path,
            shown_title: String::new(),
            allow_close: false,
            fonts_checked: false,
            jobs: Jobs::default(),
            stamp: None,
            merge_base: None,
            document_request: None,
            document_preview: None,
            autosave,
        };
        app.stamp = app.path.as_deref().and_then(FileStamp::of);
        app.show_remembered_scenario();
        app.offer_recovery();
        app.refresh_derived();
        app
    }

    /// The window on what the launch gave ([`crate::ui::starting_plan`]): its plan and file,
    /// its note in the status bar, a list given at launch read into the import dialog, a file
    /// that could not be read said in a dialog.
    pub fn from_start(
        start: crate::ui::Start,
        dialogs: Box<dyn FileDialogs>,
        recent: RecentFiles,
        lang: Lang,
        autosave: Autosave,
    ) -> Self {
        let crate::ui::Start {
            plan,
            file,
            note,
            list,
            unreadable,
        } = start;
        let mut app = Self::new(plan, file, dialogs, recent, lang, autosave);
        if let Some(note) = note {
            app.say(note, true);
        }
        if let Some(list) = list {
            app.read_list(list);
        }
        if let Some((path, error)) = unreadable {
            app.cannot_open(path, error);
        }
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

    /// The open modal dialog, if any.
    pub fn dialog(&self) -> Option<&Dialog> {
        self.dialog.as_ref()
    }

    /// The open modal dialog, for tests that type into it.
    pub fn dialog_mut(&mut self) -> &mut Option<Dialog> {
        &mut self.dialog
    }

    /// The inspector's edit buffer, for tests that choose in it.
    pub fn inspector_mut(&mut self) -> &mut Buffer {
        &mut self.inspector
    }

    /// The cached numbers (finding counts, search hits).
    pub fn derived(&self) -> &Derived {
        &self.caches.derived
    }

    /// The views' caches as last refreshed (分配表's rows, the matrix, 方案对比), for tests.
    pub fn caches(&self) -> &ViewCaches {
        &self.caches.views
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
    pub fn push(&mut self, action: impl Into<Action>) {
        self.queue.push(action);
    }

    /// Applies every queued command now.
    pub fn run_commands(&mut self, ctx: Option<&egui::Context>) {
        for action in self.queue.take() {
            self.apply(action, ctx);
        }
        self.refresh_derived();
    }

    fn refresh_derived(&mut self) {
        self.caches.refresh_derived(&self.doc, &self.state);
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

    /// Applies one action: a command, or an action with its data.
    pub fn apply(&mut self, action: impl Into<Action>, ctx: Option<&egui::Context>) {
        match action.into() {
            Action::Command(command) => self.run(command, ctx),
            Action::OpenPath(p) => self.guard(PendingAction::Open(Some(p)), ctx),
            Action::CreateScenario { name, duplicate } => {
                self.dialog = None;
                self.create_scenario(name, duplicate);
            }
            Action::RenameScenarioTo(name) => self.rename_scenario_to(name),
            Action::SwitchView(view) => self.switch_view(view),
            Action::Apply(op) => self.apply_operations(vec![op]),
            Action::ApplyAll(ops) => {
                if matches!(self.dialog, Some(Dialog::Transfer { .. })) {
                    self.dialog = None;
                }
                self.apply_operations(ops);
            }
            Action::PromptTransfer { powers, to } => {
                self.dialog = Some(Dialog::Transfer {
                    powers,
                    to,
                    mode: crate::plan::TransferMode::Transfer,
                    authority: String::new(),
                    document: String::new(),
                });
            }
            Action::JumpTo(step) => self.doc.jump_to(step),
            Action::SetTiming { step, timing } => self.set_timing(step, timing),
            Action::ViewAt(date) => self.view_at(date),
            Action::Select(selection) => self.state.selection = selection,
            Action::Focus(selection) => self.focus(selection),
            Action::ReadSheet(sheet) => self.read_sheet(sheet),
            Action::SetRules(rules) => {
                self.dialog = None;
                if rules != self.doc.plan_unsynced().rules {
                    self.doc.set_rules(rules);
                }
            }
            Action::OpenGrant(from) => self.open_grant(&from),
            Action::Grant(op) => self.grant(op),
            Action::FileChosen(purpose, path) => self.file_chosen(purpose, path),
            Action::AddOpinion(opinion) => self.add_opinion(*opinion),
            Action::EditOpinion(opinion) => self.edit_opinion(*opinion),
            Action::AnswerOpinion { id, status, answer } => {
                let result = self.doc.answer_opinion(&id, status, answer);
                self.review_done(result.map(|()| None));
            }
            Action::DeleteOpinion(id) => {
                let result = self.doc.delete_opinion(&id);
                self.review_done(result.map(|()| None));
            }
        }
        self.drop_stale_selection();
    }

    /// Runs a menu item, shortcut, button or dialog answer.
    fn run(&mut self, command: Command, ctx: Option<&egui::Context>) {
        let lang = self.state.lang;
        match command {
            Command::NewPlan => self.guard(PendingAction::NewPlan, ctx),
            Command::Open => self.guard(PendingAction::Open(None), ctx),
            Command::Quit => self.guard(PendingAction::Quit, ctx),
            Command::Save
            | Command::SaveAs
            | Command::ConfirmSave
            | Command::ConfirmDiscard
            | Command::Recover
            | Command::DiscardRecovery
            | Command::OverwriteOnDisk => self.apply_file_command(command, ctx),
            Command::NewScenario
            | Command::DuplicateScenario
            | Command::RenameScenario
            | Command::DeleteScenario
            | Command::DeleteScenarioConfirmed => self.apply_scenario_command(command),
            Command::CloseDialog => {
                self.dialog = panels::history::after_close(self.dialog.take());
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
            Command::About => self.dialog = Some(Dialog::About),
            Command::Export(format) => self.start_export(format),
            Command::ImportList => self.guard(PendingAction::Import, ctx),
            Command::ConfirmImport => self.confirm_import(),
            Command::CancelJob => {
                if self.jobs.running().is_some() {
                    self.jobs.cancel();
                    self.say(T::JobCancelled.get(lang).into(), false);
                }
            }
            Command::ShowRules => {
                let dialog = RulesDialog::of(&self.doc.plan_unsynced().rules);
                self.dialog = Some(Dialog::Rules(dialog));
            }
            Command::GrantDialog => self.open_grant(&GrantFrom::Menu),
            Command::MergePlans => self.merge_plans(),
            Command::ApplyMerge => self.apply_merge(),
            Command::DocumentDialog => self.open_documents(),
            Command::WriteDocument => self.write_document(),
            Command::Help => self.state.help_open = !self.state.help_open,
            Command::OpenSeed => self.guard(PendingAction::OpenSeed, ctx),
            Command::EditBeforeLaterSteps(later) => self.edit_before_later_steps(later),
            Command::LeaveWithLaterSteps(keep) => self.leave_with_later_steps(keep),
        }
    }

    /// Selects and brings into view in the lanes (opening the district of a street's body).
    fn focus(&mut self, selection: Selection) {
        self.state.tab = Tab::Lanes;
        self.open_district_of(&selection);
        self.state.canvas.focus = Some(selection.clone());
        if let Selection::Body(b) = &selection {
            self.state.canvas.selected_bodies = std::iter::once(b.clone()).collect();
        }
        self.state.selection = selection;
    }

    /// Opens the grant dialog from the menu, a district or a body.
    fn open_grant(&mut self, from: &GrantFrom) {
        let state = self.doc.state();
        match GrantDialog::open(state, from, &self.state.selection) {
            Some(dialog) => self.dialog = Some(Dialog::Grant(Box::new(dialog))),
            None => self.say(T::GrantNoDistricts.get(self.state.lang).into(), true),
        }
    }

    fn ctx_parts(&mut self) -> PanelCtx<'_> {
        PanelCtx {
            doc: &self.doc,
            state: &mut self.state,
            derived: &self.caches.derived,
            caches: &mut self.caches.views,
            dialog: &mut self.dialog,
            inspector: &mut self.inspector,
            out: &mut self.queue,
        }
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        if self.dialog.is_some() || self.jobs.running().is_some() {
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
            self.dialog = Some(Dialog::Unsaved {
                then: PendingAction::Quit,
            });
        }
    }

    /// Draws one frame of the whole window (without applying the commands it queues).
    pub fn draw(&mut self, ui: &mut Ui) {
        self.check_fonts(ui);
        self.caches.refresh(&mut self.doc, &self.state);
        let recent = self.recent.paths();
        let path = self.path.clone();
        let mut cx = PanelCtx {
            doc: &self.doc,
            state: &mut self.state,
            derived: &self.caches.derived,
            caches: &mut self.caches.views,
            dialog: &mut self.dialog,
            inspector: &mut self.inspector,
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
        if panels::timeline::wanted(&cx) {
            Panel::top("timeline").show(ui, |ui| panels::timeline::show(ui, &mut cx));
        }
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
                Tab::Compare => tables::compare::show(ui, &mut cx),
                Tab::Opinions => tables::opinions::show(ui, &mut cx),
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
        self.refresh_document_preview();
        if self.making_document_preview() {
            ctx.request_repaint_after(Duration::from_millis(50));
        }
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
