//! The window's runtime state beside the document: selection, tab, filters, search, pan and
//! zoom, open dialogs. None of it is saved in the plan file (architecture: saved state apart
//! from runtime state); panels may change it while drawing, the document never.

use std::collections::BTreeSet;

use crate::text::Lang;
use crate::model::{BodyId, JurisdictionId, PowerId, PowerKind};
use crate::plan::TransferMode;

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
}

impl Tab {
    /// Every tab, in display order.
    pub const ALL: [Tab; 6] = [
        Tab::Lanes,
        Tab::Allocation,
        Tab::Matrix,
        Tab::Changes,
        Tab::Stats,
        Tab::Compare,
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
}

impl Filters {
    /// Whether any filter is set.
    pub fn any(&self) -> bool {
        self != &Filters::default()
    }
}

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
    /// 赋权: powers of a district to bodies of its streets.
    Grant(Box<GrantDialog>),
    /// The window's own file dialog (the native one could not open).
    FileBrowser(Box<crate::ui::panels::file_browser::FileBrowser>),
    /// An edit arrived while the history has later steps: insert it and replay them, discard
    /// them, or cancel (issue 17; `panels::history`).
    EditBeforeLaterSteps(Box<crate::ui::panels::history::EditQuestion>),
    /// The later steps a replay dropped, listed by their 变更 sentences.
    ReplayDropped(Box<crate::ui::panels::history::DroppedList>),
    /// Saving or leaving a view with later steps: keep every step, keep those up to the
    /// cursor, or cancel; then what waits.
    LeaveWithLaterSteps(crate::ui::panels::history::Leave),
}

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

/// One street of the grant dialog: whether it receives, and by which of its bodies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StreetChoice {
    /// The street.
    pub street: JurisdictionId,
    /// Whether it receives the grant.
    pub chosen: bool,
    /// The body that receives, `None` when the street has no body.
    pub receiver: Option<BodyId>,
}

/// The grant dialog's choices (赋权, 行政处罚法 第24条): a district, its streets' receiving bodies,
/// the powers, the province's decision and the evaluation date.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GrantDialog {
    /// The granting district.
    pub district: Option<JurisdictionId>,
    /// Each street of the district, in id order.
    pub streets: Vec<StreetChoice>,
    /// The chosen powers.
    pub powers: BTreeSet<PowerId>,
    /// Only candidates of this field are listed.
    pub field: Option<String>,
    /// Only candidates whose name or code contains this are listed.
    pub search: String,
    /// 批准机关 typed so far.
    pub authority: String,
    /// 文号 typed so far.
    pub document: String,
    /// 评估日期 typed so far (2027-06-30).
    pub evaluate_by: String,
    /// Why the last attempt was refused, in the user's language.
    pub error: Option<String>,
    /// The district's candidate powers, as read at `candidates_for` (revision, district).
    pub candidates: std::sync::Arc<Vec<crate::ui::streets::Candidate>>,
    /// When and for which district the candidates were read.
    pub candidates_for: Option<(u64, JurisdictionId)>,
}

impl GrantDialog {
    /// The dialog opened from `from` on `state`, with `selection` for the menu; `None` when the
    /// plan has no district with streets.
    pub fn open(
        state: &crate::model::State,
        from: &GrantFrom,
        selection: &Selection,
    ) -> Option<Self> {
        use crate::ui::streets;
        let with_streets = streets::districts_with_streets(state);
        let district_of_place = |j: &JurisdictionId| {
            state
                .district_of(j)
                .filter(|d| with_streets.contains_key(d))
                .cloned()
        };
        let district_of_body = |b: &BodyId| {
            state
                .body(b)
                .and_then(|b| district_of_place(&b.jurisdiction))
        };
        let (district, only) = match from {
            GrantFrom::District(d) => (district_of_place(d), None),
            GrantFrom::Body(b) => {
                let street = state
                    .body(b)
                    .filter(|_| streets::is_street_body(state, b))
                    .map(|x| (x.jurisdiction.clone(), b.clone()));
                (district_of_body(b), street)
            }
            GrantFrom::Menu => {
                let picked = match selection {
                    Selection::Body(b) => district_of_body(b),
                    Selection::Jurisdiction(j) => district_of_place(j),
                    _ => None,
                };
                (picked, None)
            }
        };
        let district = district.or_else(|| with_streets.keys().next().map(|d| (*d).clone()))?;
        let mut dialog = Self {
            district: Some(district.clone()),
            ..Self::default()
        };
        dialog.choose_district(state, &district, only.as_ref());
        Some(dialog)
    }

    /// Starts over on `district`: its streets (all chosen, or only `only`'s street with its
    /// body), no powers; the decision of an earlier grant of the district, if any, filled in.
    pub fn choose_district(
        &mut self,
        state: &crate::model::State,
        district: &JurisdictionId,
        only: Option<&(JurisdictionId, BodyId)>,
    ) {
        use crate::ui::streets;
        self.district = Some(district.clone());
        self.powers.clear();
        self.error = None;
        self.candidates_for = None;
        self.streets = streets::streets_of(state, district)
            .into_iter()
            .map(|street| match only {
                Some((s, body)) => StreetChoice {
                    street: street.clone(),
                    chosen: s == street,
                    receiver: if s == street {
                        Some(body.clone())
                    } else {
                        streets::default_receiver(state, street)
                    },
                },
                None => StreetChoice {
                    street: street.clone(),
                    chosen: true,
                    receiver: streets::default_receiver(state, street),
                },
            })
            .collect();
        let earlier = self
            .streets
            .iter()
            .filter_map(|s| s.receiver.as_ref())
            .flat_map(|b| streets::granted(state, b))
            .find_map(|h| h.grant.as_ref()?.decision.clone());
        if let Some(decision) = earlier
            && self.authority.is_empty()
            && self.document.is_empty()
        {
            self.authority = decision.authority;
            self.document = decision.document;
        }
    }

    /// The chosen receivers, in street order.
    pub fn receivers(&self) -> Vec<BodyId> {
        self.streets
            .iter()
            .filter(|s| s.chosen)
            .filter_map(|s| s.receiver.clone())
            .collect()
    }

    /// The operation the dialog's choices make.
    pub fn operation(&self) -> crate::plan::Operation {
        let authority = self.authority.trim();
        let document = self.document.trim();
        let decision =
            (!authority.is_empty() || !document.is_empty()).then(|| crate::model::Approval {
                authority: authority.to_owned(),
                document: document.to_owned(),
            });
        crate::plan::Operation::GrantToStreets {
            powers: self.powers.iter().cloned().collect(),
            receivers: self.receivers(),
            decision,
            evaluate_by: self.evaluate_by.trim().to_owned(),
        }
    }
}

/// The import dialog's state: the cells read, and the user's choices.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportDialog {
    /// The list file (another sheet of a workbook is read from it).
    pub path: std::path::PathBuf,
    /// The cells of the list (one sheet of a workbook).
    pub table: std::sync::Arc<crate::io::import::RawTable>,
    /// The header row's index in `table.rows`.
    pub header: usize,
    /// Which column holds which field (detected, then corrected by the user).
    pub mapping: crate::io::import::HeaderMapping,
    /// Import the good rows when some are bad.
    pub skip_bad_rows: bool,
    /// Why the last attempt failed.
    pub error: Option<String>,
}

/// The rules panel's edit buffer: one row per built-in rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RulesDialog {
    /// Each rule, its setting, and its parameters as editable text ("、"-separated).
    pub rows: Vec<RuleRow>,
}

/// One rule in the rules panel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleRow {
    /// The rule.
    pub rule: crate::plan::Rule,
    /// Its setting as edited.
    pub setting: crate::plan::RuleSetting,
    /// Each parameter as text, values separated by 、 or commas.
    pub params: Vec<(String, String)>,
}

/// An action that waits for the unsaved-changes question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PendingAction {
    /// Start a new, empty plan.
    NewPlan,
    /// Open a file (ask for one, or this one).
    Open(Option<std::path::PathBuf>),
    /// Close the window.
    Quit,
    /// Import a list (it replaces the open plan).
    Import,
    /// Open the embedded seed plan.
    OpenSeed,
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
    /// The rows, following the document, the filters and the sort (see
    /// [`super::tables::allocation::AllocationRows`]).
    pub rows: std::sync::Arc<super::tables::allocation::AllocationRows>,
    /// The rows the search box finds, kept while the search and the rows stay as they are.
    pub searched: std::sync::Arc<super::tables::allocation::SearchedRows>,
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
    /// The open dialog, if any.
    pub dialog: Option<Dialog>,
    /// The last message for the status bar.
    pub message: Option<StatusMessage>,
    /// The report of the last import, as lines, while its window (导入报告) is open. It floats
    /// over the plan without blocking it; closing it drops the lines.
    pub import_report: Option<Vec<String>>,
    /// No installed font can draw Chinese.
    pub cjk_missing: bool,
    /// The inspector's edit buffer.
    pub inspector: super::panels::inspector::Buffer,
    /// The coverage matrix's counts, following the document.
    pub matrix: super::tables::matrix::MatrixCounts,
    /// The districts whose matrix columns are opened into their streets' columns.
    pub matrix_open: BTreeSet<JurisdictionId>,
    /// The findings list's rows as built so far (sentences and suggested fixes).
    pub finding_texts: super::panels::findings::RowTexts,
    /// The two views the 方案对比 tab compares (`None`: the baseline and the current view).
    pub compare_pair: Option<(crate::session::View, crate::session::View)>,
}

impl RulesDialog {
    /// The panel's buffer for a plan's rule settings (built-in settings where the plan has none).
    pub fn of(config: &crate::plan::RuleConfig) -> Self {
        Self {
            rows: crate::plan::Rule::ALL
                .into_iter()
                .map(|rule| RuleRow::new(rule, config.setting(rule)))
                .collect(),
        }
    }

    /// The rule settings as edited.
    pub fn config(&self) -> crate::plan::RuleConfig {
        let mut config = crate::plan::RuleConfig::default();
        for row in &self.rows {
            let mut setting = row.setting.clone();
            setting.params = row
                .params
                .iter()
                .map(|(key, text)| {
                    let values = split_values(text);
                    let values = if key == KINDS_PARAM {
                        values.into_iter().map(|v| kind_id(&v)).collect()
                    } else {
                        values
                    };
                    (key.clone(), values)
                })
                .collect();
            config.set(row.rule, setting);
        }
        config
    }
}

impl RuleRow {
    /// A row for a rule and its setting.
    pub fn new(rule: crate::plan::Rule, setting: crate::plan::RuleSetting) -> Self {
        // Kinds of power are stored by their ids and shown by their names (行政许可, not
        // `licence`); a name, an id or an English label typed back is read as the kind.
        let params = setting
            .params
            .iter()
            .map(|(k, v)| {
                let shown: Vec<&str> = if k == KINDS_PARAM {
                    v.iter()
                        .map(|id| {
                            crate::text::parse_power_kind(id).map_or(id.as_str(), |k| crate::text::Label::label(&k, Lang::Zh))
                        })
                        .collect()
                } else {
                    v.iter().map(String::as_str).collect()
                };
                (k.clone(), shown.join("、"))
            })
            .collect();
        Self {
            rule,
            setting,
            params,
        }
    }
}

/// The parameter that lists kinds of power.
const KINDS_PARAM: &str = "kinds";

/// The id of a kind of power typed by name (or by id); text that names no kind stays as typed.
fn kind_id(text: &str) -> String {
    crate::text::parse_power_kind(text).map_or_else(|| text.to_owned(), |k| k.id().to_owned())
}

/// The values of a parameter typed as text: separated by 、, commas (either width) or
/// semicolons, trimmed, empty ones dropped.
pub fn split_values(text: &str) -> Vec<String> {
    text.split(['、', ',', '，', ';', '；'])
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{Rule, RuleConfig};

    #[test]
    fn the_rules_buffer_gives_back_the_settings_it_was_made_of() {
        let config = RuleConfig::default();
        let dialog = RulesDialog::of(&config);
        assert_eq!(dialog.rows.len(), Rule::ALL.len());
        let back = dialog.config();
        for rule in Rule::ALL {
            assert_eq!(back.setting(rule), config.setting(rule));
        }
    }

    #[test]
    fn kinds_of_power_are_shown_by_name_and_stored_by_id() {
        let config = RuleConfig::default();
        let dialog = RulesDialog::of(&config);
        let shown: Vec<&String> = dialog
            .rows
            .iter()
            .flat_map(|r| r.params.iter())
            .filter(|(k, _)| k == KINDS_PARAM)
            .map(|(_, v)| v)
            .collect();
        assert!(!shown.is_empty(), "some rule has kinds");
        for text in shown {
            assert!(
                !text.chars().any(|c| c.is_ascii_alphabetic()),
                "kinds shown by their Chinese names, not ids: {text}"
            );
        }
    }

    #[test]
    fn parameter_text_splits_on_chinese_and_latin_separators() {
        assert_eq!(
            split_values(" 市容环卫、园林绿化，噪声; ,市政设施 "),
            ["市容环卫", "园林绿化", "噪声", "市政设施"]
        );
    }
}
