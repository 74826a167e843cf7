//! What the user asks for (`egui_demo_app`'s `Command`, Rerun's `UICommand`): menus, keyboard
//! shortcuts, buttons and canvas gestures all push an [`Action`] into a queue, and the app
//! applies the queue after the frame. The small copyable [`Command`]s are the menu items,
//! shortcuts and dialog answers, with their menu text, tooltip and shortcut here, so that the
//! menus and the shortcuts cannot drift apart; the other actions carry data (an operation, a
//! selection, a file).

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use super::files::FilePurpose;
use super::i18n::T;
use super::state::{Selection, Tab};
use crate::io::export::ExportFormat;
use crate::model::{BodyId, JurisdictionId, PowerId};
use crate::plan::Operation;
use crate::plan::RuleConfig;
use crate::session::View;
use crate::text::Lang;

/// Where the grant dialog was opened from, which decides what it starts with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GrantFrom {
    /// The menu: the selected district (or the district of the selected street or body), else
    /// the first district with streets; every street chosen.
    Menu,
    /// A district's lane, tree row or inspector: every street chosen.
    District(JurisdictionId),
    /// A body: a street body's street alone, with that body receiving; a district body's
    /// district with every street.
    Body(BodyId),
}

/// The answer to the question before saving or leaving a view.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeepLater {
    /// Keep every step: the cursor moves to the end first.
    All,
    /// Keep the steps up to the cursor: the later ones are dropped (undo brings them back).
    UpToCursor,
}

/// A menu item, toolbar button, shortcut or dialog answer: small and copyable, with its menu
/// text, tooltip and shortcut ([`Command::label`], [`Command::tooltip`],
/// [`Command::shortcut`]), so that the menus and the shortcuts cannot drift apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    /// 新建: an empty plan.
    NewPlan,
    /// 打开…: ask for a plan file.
    Open,
    /// 保存.
    Save,
    /// 另存为….
    SaveAs,
    /// 退出.
    Quit,
    /// 撤销.
    Undo,
    /// 重做.
    Redo,
    /// 查找: focus the search box.
    Find,
    /// 删除: abolish the selected bodies.
    DeleteSelection,
    /// 适应窗口: fit the lanes view.
    FitView,
    /// 对比现状: toggle the before/after drawing.
    ToggleCompare,
    /// Change the interface language.
    SetLang(Lang),
    /// Show a centre tab.
    ShowTab(Tab),
    /// Clear every filter.
    ClearFilters,
    /// 新建方案…: ask for a name.
    NewScenario,
    /// 复制方案….
    DuplicateScenario,
    /// 重命名方案….
    RenameScenario,
    /// 删除方案….
    DeleteScenario,
    /// Delete the current scenario (confirmed).
    DeleteScenarioConfirmed,
    /// Unsaved-changes dialog: save, then go on.
    ConfirmSave,
    /// Unsaved-changes dialog: discard, then go on.
    ConfirmDiscard,
    /// Close the open dialog.
    CloseDialog,
    /// 关于.
    About,
    /// 导出: ask where, then write the current view in this format.
    Export(ExportFormat),
    /// 导入清单…: ask for a power list, then show the import dialog.
    ImportList,
    /// Import dialog: build the plan under the dialog's mapping.
    ConfirmImport,
    /// Stop waiting for the background job (its result is dropped).
    CancelJob,
    /// 规则设置…: the rules panel.
    ShowRules,
    /// Recovery dialog: take the autosaved copy.
    Recover,
    /// Recovery dialog: delete the autosaved copy and keep the file.
    DiscardRecovery,
    /// Changed-on-disk dialog: save over the other change.
    OverwriteOnDisk,
    /// 使用说明 (F1): the help window.
    Help,
    /// 打开示例方案: the embedded seed plan.
    OpenSeed,
    /// The answer to the question an edit asks when the history has later steps (issue 17):
    /// apply it, inserting it and replaying them, or discarding them.
    EditBeforeLaterSteps(crate::session::LaterSteps),
    /// The answer to the question before saving or leaving a view with later steps: keep
    /// every step or those up to the cursor, then go on.
    LeaveWithLaterSteps(KeepLater),
    /// 赋权给街道…: the grant dialog, starting from the selection (the menu's).
    GrantDialog,
    /// 合并方案…: ask for the common base and the other side's copy, then show the conflicts.
    MergePlans,
    /// Merge dialog: merge with the sides chosen and open the result (unsaved).
    ApplyMerge,
    /// 生成文书…: the documents dialog, on the current scenario.
    DocumentDialog,
    /// Documents dialog: ask where, then write the document chosen.
    WriteDocument,
}

/// What the window applies after a frame: a [`Command`], or an action that carries the data
/// it acts on (an operation, a selection, a file, a name typed in a dialog).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// A menu item, button, shortcut or dialog answer.
    Command(Command),
    /// Open this file (a recent file, or one given by a test).
    OpenPath(PathBuf),
    /// Switch to the baseline or a scenario.
    SwitchView(View),
    /// Create a scenario with this name (from the dialog).
    CreateScenario {
        /// Its display name.
        name: String,
        /// Copy the current scenario.
        duplicate: bool,
    },
    /// Rename the current scenario (from the dialog).
    RenameScenarioTo(String),
    /// Apply one edit.
    Apply(Operation),
    /// Apply several edits as one gesture: all of them or none, undone in one step.
    ApplyAll(Vec<Operation>),
    /// Ask how powers move onto a body (the popup after a chip drop).
    PromptTransfer {
        /// Powers with the bodies they move from.
        powers: Vec<(PowerId, BodyId)>,
        /// The body that takes them.
        to: BodyId,
    },
    /// Move the history cursor (变更 tab).
    JumpTo(usize),
    /// Set a step's effective date and document (变更 tab): an undoable edit.
    SetTiming {
        /// The step, from 0.
        step: usize,
        /// Its timing.
        timing: crate::plan::Timing,
    },
    /// Show the scenario as it stands on a date (`None`: every step): not an edit.
    ViewAt(Option<crate::plan::PlanDate>),
    /// Select and show in the inspector.
    Select(Selection),
    /// Select and bring into view in the lanes.
    Focus(Selection),
    /// Import dialog: read this sheet of the list's workbook instead (in the background; the
    /// header and the columns are detected again).
    ReadSheet(String),
    /// Store these rule settings in the plan (from the rules panel).
    SetRules(RuleConfig),
    /// 赋权给街道…: the grant dialog, starting from a district, a body or the menu.
    OpenGrant(GrantFrom),
    /// Grant dialog: apply this grant; the dialog closes when it applies and shows why when it
    /// is refused.
    Grant(Operation),
    /// A file was chosen in the window's own file dialog: carry on as with the native answer.
    FileChosen(FilePurpose, PathBuf),
    /// Add a review opinion (from its dialog, which closes when it is added).
    AddOpinion(Box<crate::plan::Opinion>),
    /// Answer a review opinion: its status, and the reply (`None` keeps the one it has).
    AnswerOpinion {
        /// The opinion.
        id: crate::plan::OpinionId,
        /// Its new status.
        status: crate::plan::OpinionStatus,
        /// The reply.
        answer: Option<crate::plan::Answer>,
    },
    /// Replace a review opinion by its edited self (from its dialog; same id).
    EditOpinion(Box<crate::plan::Opinion>),
    /// Delete a review opinion.
    DeleteOpinion(crate::plan::OpinionId),
}

/// The actions pushed while a frame is drawn, applied after it.
#[derive(Debug, Default)]
pub struct Queue(Vec<Action>);

impl Queue {
    /// Queues a command or an action.
    pub fn push(&mut self, action: impl Into<Action>) {
        self.0.push(action.into());
    }

    /// Takes every queued action, in order, leaving the queue empty.
    pub fn take(&mut self) -> Vec<Action> {
        std::mem::take(&mut self.0)
    }

    /// Whether nothing is queued.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<Command> for Action {
    fn from(command: Command) -> Self {
        Action::Command(command)
    }
}

impl Command {
    /// The commands that have a keyboard shortcut, in the order they are checked.
    pub const WITH_SHORTCUTS: [Command; 8] = [
        Command::Help,
        Command::Redo,
        Command::Undo,
        Command::Save,
        Command::Open,
        Command::Find,
        Command::DeleteSelection,
        Command::FitView,
    ];

    /// The keyboard shortcut, if the command has one.
    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
        let ctrl = Modifiers::COMMAND;
        Some(match self {
            Command::Undo => KeyboardShortcut::new(ctrl, Key::Z),
            Command::Redo => KeyboardShortcut::new(ctrl | Modifiers::SHIFT, Key::Z),
            Command::Save => KeyboardShortcut::new(ctrl, Key::S),
            Command::Open => KeyboardShortcut::new(ctrl, Key::O),
            Command::Find => KeyboardShortcut::new(ctrl, Key::F),
            Command::DeleteSelection => KeyboardShortcut::new(Modifiers::NONE, Key::Delete),
            Command::FitView => KeyboardShortcut::new(ctrl, Key::Num0),
            Command::Help => KeyboardShortcut::new(Modifiers::NONE, Key::F1),
            _ => return None,
        })
    }

    /// Other shortcuts that mean the same command (Ctrl+Y for redo).
    pub fn alternative_shortcut(&self) -> Option<KeyboardShortcut> {
        match self {
            Command::Redo => Some(KeyboardShortcut::new(Modifiers::COMMAND, Key::Y)),
            _ => None,
        }
    }

    /// Whether the shortcut would fight a text field for its keys.
    pub fn yields_to_text_edit(&self) -> bool {
        matches!(
            self,
            Command::Undo | Command::Redo | Command::DeleteSelection
        )
    }

    /// The menu text.
    pub fn label(&self, lang: Lang) -> &'static str {
        let t = match self {
            Command::NewPlan => T::CmdNew,
            Command::Open => T::CmdOpen,
            Command::Save | Command::ConfirmSave => T::CmdSave,
            Command::SaveAs => T::CmdSaveAs,
            Command::Quit => T::CmdQuit,
            Command::Undo => T::CmdUndo,
            Command::Redo => T::CmdRedo,
            Command::Find => T::CmdFind,
            Command::DeleteSelection => T::CmdDelete,
            Command::FitView => T::CmdFit,
            Command::ToggleCompare => T::CmdCompare,
            Command::SetLang(Lang::Zh) => T::LangZh,
            Command::SetLang(Lang::En) => T::LangEn,
            Command::ShowTab(tab) => super::i18n::tab_label(*tab),
            Command::ClearFilters => T::CmdClearFilters,
            Command::NewScenario => T::CmdNewScenario,
            Command::DuplicateScenario => T::CmdDuplicateScenario,
            Command::RenameScenario => T::CmdRenameScenario,
            Command::DeleteScenario | Command::DeleteScenarioConfirmed => T::CmdDeleteScenario,
            Command::ConfirmDiscard => T::DontSave,
            Command::CloseDialog | Command::CancelJob => T::Cancel,
            Command::About => T::CmdAbout,
            Command::Export(format) => return super::i18n::export_format_label(*format, lang),
            Command::ImportList | Command::ConfirmImport => T::CmdImport,
            Command::ShowRules => T::CmdRules,
            Command::Recover => T::Recover,
            Command::DiscardRecovery => T::DiscardRecovery,
            Command::OverwriteOnDisk => T::Overwrite,
            Command::GrantDialog => T::CmdGrant,
            Command::MergePlans => T::CmdMerge,
            Command::ApplyMerge => T::MergeApply,
            Command::DocumentDialog => T::CmdDocuments,
            Command::WriteDocument => T::DocWrite,
            Command::Help => T::CmdHelp,
            Command::OpenSeed => T::CmdOpenSeed,
            Command::EditBeforeLaterSteps(later) => {
                return match later {
                    crate::session::LaterSteps::Replay => super::i18n::history::cmd_replay(lang),
                    crate::session::LaterSteps::Discard => super::i18n::history::cmd_discard(lang),
                };
            }
            Command::LeaveWithLaterSteps(keep) => {
                return match keep {
                    KeepLater::All => super::i18n::history::cmd_keep_all(lang),
                    KeepLater::UpToCursor => super::i18n::history::cmd_keep_to_cursor(lang),
                };
            }
        };
        t.get(lang)
    }

    /// The tooltip: what the command does, with its shortcut.
    pub fn tooltip(&self, lang: Lang, ctx: &egui::Context) -> String {
        let what = match self {
            Command::NewPlan => T::TipNew,
            Command::Open => T::TipOpen,
            Command::Save => T::TipSave,
            Command::SaveAs => T::TipSaveAs,
            Command::Undo => T::TipUndo,
            Command::Redo => T::TipRedo,
            Command::Find => T::TipFind,
            Command::DeleteSelection => T::TipDelete,
            Command::FitView => T::TipFit,
            Command::ToggleCompare => T::TipCompare,
            Command::NewScenario => T::TipNewScenario,
            Command::DuplicateScenario => T::TipDuplicateScenario,
            Command::RenameScenario => T::TipRenameScenario,
            Command::DeleteScenario => T::TipDeleteScenario,
            Command::Export(_) => T::TipExport,
            Command::ImportList => T::TipImport,
            Command::ShowRules => T::TipRules,
            Command::GrantDialog => T::TipGrant,
            Command::MergePlans => T::TipMerge,
            Command::DocumentDialog => T::TipDocuments,
            Command::Help => T::TipHelp,
            Command::OpenSeed => T::TipOpenSeed,
            _ => return self.label(lang).to_owned(),
        }
        .get(lang);
        match self.shortcut() {
            Some(s) => format!("{what}（{}）", ctx.format_shortcut(&s)),
            None => what.to_owned(),
        }
    }
}
