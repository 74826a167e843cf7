//! The panels around the centre: top bar, jurisdiction tree, inspector, findings list, status
//! bar and the modal dialogs. Each gets a [`PanelCtx`] (`context.rs`): the document read-only,
//! the window's own state mutable, and the command queue to push edits into. The window holds
//! one modal [`Dialog`] at a time; the panels draw it and the app opens and closes it.

pub mod context;
pub mod dialogs;
pub mod document;
pub mod file_browser;
pub mod findings;
pub mod grant;
pub mod help;
pub mod history;
pub mod import;
pub mod inspector;
pub mod merge;
pub mod modal;
pub mod opinion;
pub mod rules;
pub mod status;
pub mod timeline;
pub mod top_bar;
pub mod tree;

pub use context::PanelCtx;

use crate::model::{BodyId, PowerId};
use crate::plan::TransferMode;
use modal::{GrantDialog, ImportDialog, PendingAction, RulesDialog};

/// A modal dialog that is open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Dialog {
    /// Unsaved changes: save, discard or cancel before `then`.
    Unsaved {
        /// What waits for the answer.
        then: PendingAction,
    },
    /// Name a new scenario (or a copy of the current one).
    NewScenario {
        /// The name being typed.
        name: String,
        /// Copy the current scenario instead of starting empty.
        duplicate: bool,
    },
    /// Rename the current scenario.
    RenameScenario {
        /// The name being typed.
        name: String,
    },
    /// Confirm deleting the current scenario.
    DeleteScenario,
    /// Ask how powers move to a body (划转 by default).
    Transfer {
        /// The powers and the bodies they move from.
        powers: Vec<(PowerId, BodyId)>,
        /// The body that takes them.
        to: BodyId,
        /// The chosen mode.
        mode: TransferMode,
        /// For a concentration: the approving authority (批准机关) typed so far.
        authority: String,
        /// For a concentration: the decision's document number (文号) typed so far.
        document: String,
    },
    /// About Shiquan.
    About,
    /// 导入清单: a preview of the list and its column mapping.
    Import(ImportDialog),
    /// 规则设置: every rule with its switch, severity and parameters.
    Rules(RulesDialog),
    /// An autosaved copy newer than the plan file was found: recover it or discard it.
    Recover {
        /// The autosaved copy.
        sidecar: std::path::PathBuf,
    },
    /// The plan file changed on disk since it was opened or saved: overwrite it?
    ChangedOnDisk,
    /// 生成文书: which document of which scenario, in which format, with its first page.
    Document(Box<document::DocumentDialog>),
    /// 合并方案: the conflicts of a merge, each with the side the merged plan takes.
    Merge(Box<crate::ui::merging::MergeDialog>),
    /// A file given at launch (a double-click) could not be read: what and why.
    CannotOpen {
        /// The file.
        path: std::path::PathBuf,
        /// Why, as the loader says it (where and what).
        error: String,
    },
    /// 赋权: powers of a district to bodies of its streets.
    Grant(Box<GrantDialog>),
    /// The window's own file dialog (the native one could not open).
    FileBrowser(Box<file_browser::FileBrowser>),
    /// An edit arrived while the history has later steps: insert it and replay them, discard
    /// them, or cancel (issue 17; `panels::history`).
    EditBeforeLaterSteps(Box<history::EditQuestion>),
    /// The later steps a replay dropped, listed by their 变更 sentences.
    ReplayDropped(Box<history::DroppedList>),
    /// Saving or leaving a view with later steps: keep every step, keep those up to the
    /// cursor, or cancel; then what waits.
    LeaveWithLaterSteps(history::Leave),
    /// 添加审核意见: an opinion being written.
    Opinion(Box<opinion::OpinionDraft>),
}
