//! The application: the open [`Document`], the window's [`UiState`], and the command queue.
//!
//! Each frame draws the panels (which read the document and push [`Command`]s), then applies the
//! queued commands in order. Only [`ShiquanApp::apply`] changes the document, so every edit is
//! an operation with exact undo, and tests drive the same path through [`ShiquanApp::push`].

use std::path::{Path, PathBuf};

use egui::{Panel, Ui};

use super::canvas::{self, CanvasCache};
use super::command::Command;
use super::derived::Derived;
use super::files::{FileDialogs, RecentFiles, saves_folder};
use super::i18n::{self, T};
use super::panels::{self, PanelCtx};
use super::state::{Dialog, PendingAction, Selection, StatusMessage, Tab, UiState};
use super::tables;
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
}

impl ShiquanApp {
    /// The window on a plan, opened from `path` if it came from a file.
    pub fn new(
        plan: Plan,
        path: Option<PathBuf>,
        dialogs: Box<dyn FileDialogs>,
        recent: RecentFiles,
        lang: Lang,
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
        };
        app.refresh_derived();
        app
    }

    /// The window for a test: no file, no recent list on disk, Chinese.
    pub fn new_for_test(plan: Plan, dialogs: Box<dyn FileDialogs>) -> Self {
        Self::new(plan, None, dialogs, RecentFiles::in_memory(), Lang::Zh)
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

    fn say(&mut self, text: String, error: bool) {
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
                self.save(false);
            }
            Command::SaveAs => {
                self.save(true);
            }
            Command::ConfirmSave => {
                let then = self.take_pending();
                if self.save(false)
                    && let Some(then) = then
                {
                    self.proceed(then, ctx);
                }
            }
            Command::ConfirmDiscard => {
                if let Some(then) = self.take_pending() {
                    self.proceed(then, ctx);
                }
            }
            Command::CloseDialog => self.state.dialog = None,
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
                    self.say(e.to_string(), true);
                }
            }
            Command::DeleteScenarioConfirmed => {
                self.state.dialog = None;
                if let Some(id) = self.doc.view().scenario().cloned() {
                    match self.doc.delete_scenario(&id) {
                        Ok(()) => self.state.compare = false,
                        Err(e) => self.say(e.to_string(), true),
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
                });
            }
            Command::JumpTo(step) => self.doc.jump_to(step),
            Command::Select(selection) => self.state.selection = selection,
            Command::Focus(selection) => {
                self.state.tab = Tab::Lanes;
                self.state.canvas.focus = Some(selection.clone());
                if let Selection::Body(b) = &selection {
                    self.state.canvas.selected_bodies = std::iter::once(b.clone()).collect();
                }
                self.state.selection = selection;
            }
            Command::About => self.state.dialog = Some(Dialog::About),
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

    fn apply_operations(&mut self, ops: Vec<crate::plan::Operation>) {
        let n = ops.len();
        for (i, op) in ops.into_iter().enumerate() {
            if let Err(e) = self.doc.apply(op) {
                let text = i18n::refused(self.state.lang, i, n, &e.to_string());
                self.say(text, true);
                return;
            }
        }
        if n > 0 {
            self.state.message = None;
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
        if &view == self.doc.view() {
            return;
        }
        match self.doc.switch_to(view) {
            Ok(()) => {
                if self.doc.view().scenario().is_none() {
                    self.state.compare = false;
                }
            }
            Err(e) => self.say(e.to_string(), true),
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
            self.say(e.to_string(), true);
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
                let path = path.or_else(|| self.dialogs.pick_open(&saves_folder()));
                if let Some(path) = path {
                    self.open(&path);
                }
            }
            PendingAction::Quit => {
                self.allow_close = true;
                if let Some(ctx) = ctx {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
        }
    }

    /// Opens a plan file; on failure the current plan stays and the status bar says why.
    pub fn open(&mut self, path: &Path) {
        match crate::io::load_path(path) {
            Ok(plan) => {
                self.recent.touch(path);
                self.replace(plan, Some(path.to_path_buf()));
            }
            Err(e) => self.say(i18n::open_failed(self.state.lang, &e.to_string()), true),
        }
    }

    fn replace(&mut self, plan: Plan, path: Option<PathBuf>) {
        self.doc = Document::new(plan);
        self.path = path;
        let lang = self.state.lang;
        let cjk_missing = self.state.cjk_missing;
        self.state = UiState {
            lang,
            cjk_missing,
            ..UiState::default()
        };
    }

    /// Saves to the current file (or asks where); true when saved.
    fn save(&mut self, ask: bool) -> bool {
        let path = if let (Some(p), false) = (&self.path, ask) {
            Some(p.clone())
        } else {
            let name = self.path.as_ref().and_then(|p| p.file_name()).map_or_else(
                || "plan.ron".to_owned(),
                |n| n.to_string_lossy().into_owned(),
            );
            self.dialogs.pick_save(&saves_folder(), &name)
        };
        let Some(path) = path else {
            return false;
        };
        let plan = self.doc.plan().clone();
        match crate::io::save_path(&plan, &path) {
            Ok(()) => {
                self.doc.mark_saved();
                self.recent.touch(&path);
                let text = i18n::saved(self.state.lang, &path.display().to_string());
                self.path = Some(path);
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
        if self.state.dialog.is_some() {
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
        let recent = self.recent.paths().to_vec();
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
            panels::status::show(ui, &cx, path.as_deref());
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
                    ui.label(
                        egui::RichText::new(T::LanesHelp.get(cx.state.lang))
                            .color(super::theme::TEXT_WEAK)
                            .small(),
                    );
                }
            });
            ui.separator();
            match cx.state.tab {
                Tab::Lanes => canvas::show(ui, &mut cx, canvas),
                Tab::Allocation => tables::allocation::show(ui, &mut cx),
                Tab::Matrix => tables::matrix::show(ui, &mut cx),
                Tab::Changes => tables::changes::show(ui, &mut cx),
                Tab::Stats => tables::stats::show(ui, &mut cx),
            }
        });
        panels::dialogs::show(ui.ctx(), &mut cx);
    }
}

impl eframe::App for ShiquanApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.close_requests(&ctx);
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
