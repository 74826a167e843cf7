//! The window's view state beside the document: language, tab, selection, filters, search,
//! pan and zoom, sort. None of it is saved in the plan file (architecture: saved state apart
//! from runtime state); panels may change it while drawing, the document never. It is a leaf:
//! it names nothing else of the window (the open dialog is the panels', `panels::modal`; what
//! is worked out from the document is the caches', `cache`).

use std::collections::BTreeSet;

use crate::model::{BodyId, JurisdictionId, PowerId, PowerKind};
use crate::text::Lang;

/// The centre tabs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Tab {
    /// 关系图: the lanes view.
    #[default]
    Lanes,
    /// 分配表: one row per (power, district).
    Allocation,
    /// 覆盖矩阵: fields × districts.
    Matrix,
    /// 变更: the view's operations.
    Changes,
    /// 统计: charts.
    Stats,
    /// 方案对比: two views side by side.
    Compare,
    /// 审核意见: the review opinions, answered in place.
    Opinions,
}

impl Tab {
    /// Every tab, in display order.
    pub const ALL: [Tab; 7] = [
        Tab::Lanes,
        Tab::Allocation,
        Tab::Matrix,
        Tab::Changes,
        Tab::Stats,
        Tab::Compare,
        Tab::Opinions,
    ];
}

/// What the inspector shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum Selection {
    /// Nothing.
    #[default]
    None,
    /// A body.
    Body(BodyId),
    /// A power.
    Power(PowerId),
    /// A jurisdiction.
    Jurisdiction(JurisdictionId),
}

/// Filters shared by the tree, the graph and the table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    /// Only powers of this field.
    pub field: Option<String>,
    /// Only powers of this kind.
    pub kind: Option<PowerKind>,
    /// Only bodies with this tag.
    pub tag: Option<String>,
    /// Only bodies and rows with findings.
    pub only_findings: bool,
    /// Only this district (set by a matrix cell).
    pub district: Option<JurisdictionId>,
    /// Only what the view changed against the baseline (powers whose lead changed, the bodies
    /// that lead them before or after, bodies moved or created).
    pub only_changed: bool,
    /// Only findings of this kind in the findings list (set by a click on a status-bar count).
    pub finding_kind: Option<crate::analysis::FindingKind>,
    /// Only what has open review opinions (待处理): the findings list and the 分配表's rows.
    pub only_open_opinions: bool,
}

impl Filters {
    /// Whether any filter is set.
    pub fn any(&self) -> bool {
        self != &Filters::default()
    }
}

/// Pan, zoom and selection of the lanes view.
#[derive(Clone, Debug)]
pub struct CanvasState {
    /// Canvas offset in screen points.
    pub pan: egui::Vec2,
    /// Scale factor.
    pub zoom: f32,
    /// Fit the whole plan into view on the next frame.
    pub fit_requested: bool,
    /// The width of the lanes view when it was last fitted, while the user has not panned or
    /// zoomed since: a change of width (a side panel grows) fits it again.
    pub fitted_width: Option<f32>,
    /// Bring this body or lane into view on the next frame.
    pub focus: Option<Selection>,
    /// Bodies whose power chips are shown.
    pub expanded: BTreeSet<BodyId>,
    /// Bodies chosen by a box selection or Ctrl+click.
    pub selected_bodies: BTreeSet<BodyId>,
    /// Power chips chosen by Ctrl+click: (power, body).
    pub selected_chips: BTreeSet<(PowerId, BodyId)>,
    /// A drag in progress.
    pub drag: Option<CanvasDrag>,
    /// Districts whose lanes are folded open into their streets' lanes (closed by default: a
    /// province has 90 districts of 15 streets).
    pub open_districts: BTreeSet<JurisdictionId>,
}

/// A drag on the lanes view.
#[derive(Clone, Debug, PartialEq)]
pub enum CanvasDrag {
    /// Moving the canvas.
    Pan,
    /// Selecting bodies inside a rectangle that starts here (screen points).
    BoxSelect(egui::Pos2),
    /// Bodies being dragged to another lane.
    Bodies(Vec<BodyId>),
    /// Lead power chips being dragged onto another body: (power, from body).
    Chips(Vec<(PowerId, BodyId)>),
}

impl Default for CanvasState {
    fn default() -> Self {
        Self {
            pan: egui::Vec2::ZERO,
            zoom: 1.0,
            fit_requested: true,
            fitted_width: None,
            focus: None,
            expanded: BTreeSet::new(),
            selected_bodies: BTreeSet::new(),
            selected_chips: BTreeSet::new(),
            drag: None,
            open_districts: BTreeSet::new(),
        }
    }
}

/// Sort and text filter of the allocation table.
#[derive(Clone, Debug, Default)]
pub struct TableState {
    /// Column index to sort by.
    pub sort_column: usize,
    /// Descending instead of ascending.
    pub descending: bool,
}

/// A message in the status bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusMessage {
    /// The text.
    pub text: String,
    /// Whether it reports a failure.
    pub error: bool,
}

/// Everything the window knows that the plan does not.
#[derive(Clone, Debug, Default)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent switches of the window (search focus, comparison, help, fonts), not a state machine"
)]
pub struct UiState {
    /// The interface language.
    pub lang: Lang,
    /// The centre tab.
    pub tab: Tab,
    /// What the inspector shows.
    pub selection: Selection,
    /// The search box's text.
    pub search: String,
    /// Which search hit was last gone to (▲ ▼, Enter); `None` after the text changed.
    pub search_at: Option<usize>,
    /// Put the keyboard focus into the search box on the next frame.
    pub focus_search: bool,
    /// Draw changes against the baseline.
    pub compare: bool,
    /// Filters.
    pub filters: Filters,
    /// The help window (使用说明) is open.
    pub help_open: bool,
    /// The lanes view.
    pub canvas: CanvasState,
    /// The allocation table.
    pub table: TableState,
    /// The last message for the status bar.
    pub message: Option<StatusMessage>,
    /// The report of the last import, as lines, while its window (导入报告) is open. It floats
    /// over the plan without blocking it; closing it drops the lines.
    pub import_report: Option<Vec<String>>,
    /// No installed font can draw Chinese.
    pub cjk_missing: bool,
    /// The districts whose matrix columns are opened into their streets' columns.
    pub matrix_open: BTreeSet<JurisdictionId>,
    /// The two views the 方案对比 tab compares (`None`: the baseline and the current view).
    pub compare_pair: Option<(crate::session::View, crate::session::View)>,
    /// The 审核意见 tab's filters and the reply being written.
    pub opinions: OpinionsView,
    /// The 变更 list's editor of one step's effective date and document, while it is open.
    pub timing_edit: Option<TimingEdit>,
}

/// The 审核意见 tab's own state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OpinionsView {
    /// Only opinions of this status.
    pub status: Option<crate::plan::OpinionStatus>,
    /// Only opinions of this office.
    pub office: Option<String>,
    /// The reply being written: to which opinion, by whom, what.
    pub reply: Option<ReplyDraft>,
}

/// A reply being written in the 审核意见 tab.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplyDraft {
    /// The opinion answered.
    pub id: crate::plan::OpinionId,
    /// Who answers.
    pub by: String,
    /// The reply.
    pub text: String,
}

/// The 变更 list's editor of a step's timing: the texts being typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimingEdit {
    /// The view whose step it is: the editor closes when another view is shown.
    pub view: crate::session::View,
    /// The step, from 0.
    pub step: usize,
    /// The effective date typed (YYYY-MM-DD; empty: undated).
    pub date: String,
    /// The document typed.
    pub document: String,
    /// Why the last try was refused, in the language it was made in.
    pub error: Option<String>,
}
