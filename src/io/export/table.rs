//! The tables of an export, as plain rows of text and numbers: the allocation table (职责分配表 /
//! 调整前后对照表, one row per power and district), the findings (问题清单), the bodies and their
//! staffing (机构与编制), the changes (变更清单) and the power list (权责清单, in the import format).
//!
//! Every writer (CSV, XLSX, Markdown, HTML) renders these [`Table`]s, so the formats cannot
//! disagree; the window can show the same rows. Nothing here knows about files or egui.

use crate::analysis::{Analysis, Coverage, Finding, FindingKind};
use crate::model::{BodyId, JurisdictionId, PowerId, Role, ScenarioId, State};
use crate::plan::{Plan, PlanError, Scenario, Step};
use crate::session::review::Current;
use crate::text::{FindingText, Label, Lang, Names, OpinionRow, opinion_rows};

mod allocation;
mod changes;
mod list;
mod review;

pub use allocation::{
    ALLOCATION_HEADERS, AllocationRow, Method, allocation_rows, allocation_rows_of,
    allocation_table,
};
pub use changes::changes_table;
use list::street_or_district_name;
pub use list::{LIST_HEADERS, list_table};
pub use review::{OPINIONS_SHEET, opinion_table_headers, opinions_table};

/// One cell: text, or a whole number that a spreadsheet should keep as a number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cell {
    /// Text, written as text (never as a formula).
    Text(String),
    /// A count or an amount: wide enough for every `u64` and `i64` (a budget of `u64::MAX` is
    /// that number, not -1).
    Int(i128),
}

impl Cell {
    /// The cell as text.
    pub fn text(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Int(n) => n.to_string(),
        }
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        Cell::Text(text.to_owned())
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Cell::Text(text)
    }
}

impl From<u32> for Cell {
    fn from(n: u32) -> Self {
        Cell::Int(i128::from(n))
    }
}

impl From<usize> for Cell {
    fn from(n: usize) -> Self {
        Cell::Int(n as i128)
    }
}

impl From<u64> for Cell {
    fn from(n: u64) -> Self {
        Cell::Int(i128::from(n))
    }
}

/// A named table: its sheet name, its header row and its rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// The sheet name (分配表, 问题清单 …).
    pub name: &'static str,
    /// The header row.
    pub headers: Vec<&'static str>,
    /// The rows, each as long as the header.
    pub rows: Vec<Vec<Cell>>,
}

/// Which table to write where a format holds only one (CSV).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum TableKind {
    /// 分配表: one row per (power, district).
    #[default]
    Allocation,
    /// 问题清单: the findings.
    Findings,
    /// 机构与编制: the bodies and their staffing.
    Bodies,
    /// 变更清单: the scenario's operations.
    Changes,
    /// 权责清单: one row per (power, holder), the format `shiquan import` reads.
    List,
}

impl TableKind {
    /// Every table, in the order of the workbook (the power list last; it is not a sheet).
    pub const ALL: [TableKind; 5] = [
        TableKind::Allocation,
        TableKind::Findings,
        TableKind::Bodies,
        TableKind::Changes,
        TableKind::List,
    ];

    /// The table's Chinese name.
    pub fn label_zh(self) -> &'static str {
        match self {
            TableKind::Allocation => "分配表",
            TableKind::Findings => "问题清单",
            TableKind::Bodies => "机构与编制",
            TableKind::Changes => "变更清单",
            TableKind::List => "权责清单",
        }
    }
}

/// Everything an export needs about one state of a plan: the baseline ("before"), the state
/// ("after"), their coverage, the analysis and the operations that lead from one to the other.
#[derive(Clone, Debug)]
pub struct ExportContext {
    /// The plan's title.
    pub title: String,
    /// The scenario exported, if not the baseline.
    pub scenario: Option<Scenario>,
    /// The baseline.
    pub before: State,
    /// Coverage of the baseline.
    pub before_coverage: Coverage,
    /// The exported state.
    pub after: State,
    /// Analysis of the exported state.
    pub analysis: Analysis,
    /// The plan's review opinions (of every state), as rows in Chinese.
    pub opinions: Vec<OpinionRow>,
}

impl ExportContext {
    /// Computes the context of one state of a plan (`None`: the baseline).
    pub fn new(plan: &Plan, scenario: Option<&ScenarioId>) -> Result<Self, PlanError> {
        let after = plan.state_of(scenario)?;
        // The same analysis as `check`: rules that compare with the baseline see it.
        let analysis = Analysis::full_against(&after, &plan.baseline, &plan.rules);
        let current = Current {
            scenario,
            state: &after,
            analysis: &analysis,
            steps: None,
        };
        let opinions = opinion_rows(plan, Some(current), Lang::Zh);
        Ok(Self {
            title: plan.title.clone(),
            scenario: scenario.and_then(|id| plan.scenario(id)).cloned(),
            before_coverage: Coverage::full(&plan.baseline),
            before: plan.baseline.clone(),
            after,
            analysis,
            opinions,
        })
    }

    /// The steps of the scenario, each an operation with its timing (none for the baseline).
    pub fn steps(&self) -> &[Step] {
        self.scenario
            .as_ref()
            .map_or(&[][..], |s| s.operations.as_slice())
    }

    /// Whether any step of the scenario carries a date or a document: the exports then show
    /// them (生效日期, 文号), and leave the columns out otherwise, as before timing existed.
    pub fn timed(&self) -> bool {
        self.steps().iter().any(|s| !s.timing.is_empty())
    }

    /// The name of the exported state: the scenario's name, or 现状.
    pub fn state_name(&self) -> String {
        self.scenario
            .as_ref()
            .map_or_else(|| "现状".to_owned(), |s| s.name.clone())
    }

    /// A body's name, from the state after, else before, else its id.
    pub fn body_name(&self, id: &BodyId) -> String {
        self.after
            .body(id)
            .or_else(|| self.before.body(id))
            .map_or_else(|| id.to_string(), |b| b.name.clone())
    }

    /// A jurisdiction's name, from the state after, else before, else its id.
    pub fn jurisdiction_name(&self, id: &JurisdictionId) -> String {
        self.after
            .jurisdiction(id)
            .or_else(|| self.before.jurisdiction(id))
            .map_or_else(|| id.to_string(), |j| j.name.clone())
    }

    fn power_name(&self, id: &PowerId) -> String {
        self.after
            .power(id)
            .or_else(|| self.before.power(id))
            .map_or_else(String::new, |p| p.name.clone())
    }
}

/// The findings table (问题清单).
pub fn findings_table(ctx: &ExportContext) -> Table {
    let rows = ctx
        .analysis
        .findings()
        .enumerate()
        .map(|(i, f)| {
            vec![
                Cell::from(i + 1),
                Cell::from(f.severity.label(Lang::Zh)),
                Cell::from(f.kind.label(Lang::Zh)),
                Cell::Text(
                    f.power
                        .as_ref()
                        .map(ToString::to_string)
                        .unwrap_or_default(),
                ),
                Cell::Text(
                    f.power
                        .as_ref()
                        .map(|p| ctx.power_name(p))
                        .unwrap_or_default(),
                ),
                Cell::Text(
                    f.jurisdiction
                        .as_ref()
                        .map(|j| ctx.jurisdiction_name(j))
                        .unwrap_or_default(),
                ),
                Cell::Text(
                    f.bodies
                        .iter()
                        .map(|b| ctx.body_name(b))
                        .collect::<Vec<_>>()
                        .join("、"),
                ),
                Cell::Text(f.rule.clone().unwrap_or_default()),
                Cell::Text(f.message(&ctx.after, Lang::Zh)),
            ]
        })
        .collect();
    Table {
        name: TableKind::Findings.label_zh(),
        headers: vec![
            "序号",
            "严重程度",
            "类型",
            "事项编码",
            "事项名称",
            "辖区",
            "涉及单位",
            "规则",
            "说明",
        ],
        rows,
    }
}

/// The bodies and their staffing (机构与编制), with how each changed; abolished bodies last.
/// A row leads with names (the body, its jurisdiction, its parent body), as a reader looks a
/// body up; the body's code, which only a data person needs, is the last column (issue 17).
pub fn bodies_table(ctx: &ExportContext) -> Table {
    let mut rows = Vec::new();
    for body in ctx.after.bodies().values() {
        let (mut lead, mut assist, mut entrusted) = (0_usize, 0_usize, 0_usize);
        for h in ctx.after.holdings_of_body(&body.id) {
            match h.role {
                Role::Lead => lead += 1,
                Role::Assist => assist += 1,
                Role::Entrusted { .. } => entrusted += 1,
            }
        }
        let level = ctx
            .after
            .jurisdiction(&body.jurisdiction)
            .map(|j| j.level.label(Lang::Zh))
            .unwrap_or_default();
        let change = match ctx.before.body(&body.id) {
            None => "新设".to_owned(),
            Some(old) if old.jurisdiction != body.jurisdiction => {
                let down = match (
                    ctx.before.jurisdiction(&old.jurisdiction).map(|j| j.level),
                    ctx.after.jurisdiction(&body.jurisdiction).map(|j| j.level),
                ) {
                    (Some(a), Some(b)) => b > a,
                    _ => false,
                };
                format!(
                    "{}自{}",
                    if down { "下划" } else { "上收" },
                    ctx.jurisdiction_name(&old.jurisdiction)
                )
            }
            Some(old) if old.staffing != body.staffing => "编制调整".to_owned(),
            Some(_) => String::new(),
        };
        rows.push(vec![
            Cell::Text(body.name.clone()),
            Cell::Text(ctx.jurisdiction_name(&body.jurisdiction)),
            Cell::Text(
                body.parent
                    .as_ref()
                    .map(|p| ctx.body_name(p))
                    .unwrap_or_default(),
            ),
            Cell::from(body.kind.label(Lang::Zh)),
            Cell::from(level),
            Cell::from(body.staffing.admin),
            Cell::from(body.staffing.institution),
            Cell::from(body.staffing.headcount),
            Cell::from(body.staffing.vacancies()),
            Cell::from(body.budget_wan),
            Cell::from(lead),
            Cell::from(assist),
            Cell::from(entrusted),
            Cell::Text(change),
            Cell::Text(body.id.to_string()),
        ]);
    }
    for body in ctx.before.bodies().values() {
        if ctx.after.body(&body.id).is_none() {
            let mut row = vec![
                Cell::Text(body.name.clone()),
                Cell::Text(ctx.jurisdiction_name(&body.jurisdiction)),
                Cell::Text(String::new()),
                Cell::from(body.kind.label(Lang::Zh)),
                Cell::from(
                    ctx.before
                        .jurisdiction(&body.jurisdiction)
                        .map(|j| j.level.label(Lang::Zh))
                        .unwrap_or_default(),
                ),
            ];
            row.extend([0_u32, 0, 0, 0].map(Cell::from));
            row.extend([Cell::Int(0), Cell::Int(0), Cell::Int(0), Cell::Int(0)]);
            row.push(Cell::from("撤销或合并"));
            row.push(Cell::Text(body.id.to_string()));
            rows.push(row);
        }
    }
    Table {
        name: TableKind::Bodies.label_zh(),
        headers: vec![
            "机构名称",
            "所在辖区",
            "上级机构",
            "机构类型",
            "层级",
            "行政编制",
            "事业编制",
            "实有人数",
            "空编",
            "年度预算（万元）",
            "主办事项",
            "协办事项",
            "受委托事项",
            "调整情况",
            "机构编码",
        ],
        rows,
    }
}

/// One table by kind.
pub fn table(ctx: &ExportContext, kind: TableKind) -> Table {
    match kind {
        TableKind::Allocation => allocation_table(ctx),
        TableKind::Findings => findings_table(ctx),
        TableKind::Bodies => bodies_table(ctx),
        TableKind::Changes => changes_table(ctx),
        TableKind::List => list_table(ctx),
    }
}

/// Headline figures of the exported state, as (label, value) pairs for a report's top.
pub fn headline(ctx: &ExportContext) -> Vec<(&'static str, String)> {
    let counts = ctx.analysis.counts();
    let mut figures = vec![
        ("辖区", ctx.after.jurisdictions().len().to_string()),
        ("机构", ctx.after.bodies().len().to_string()),
        ("事项", ctx.after.powers().len().to_string()),
        ("职权配置", ctx.after.holding_count().to_string()),
        ("多头执法", counts.overlaps.to_string()),
        ("管理盲区", counts.gaps.to_string()),
        ("违反原则", counts.rules.to_string()),
        ("错误", counts.errors.to_string()),
    ];
    if ctx.scenario.is_some() {
        let moved =
            crate::analysis::summary::moved_powers(&ctx.before_coverage, &ctx.analysis.coverage);
        figures.push(("调整事项", moved.len().to_string()));
        figures.push(("操作", ctx.steps().len().to_string()));
    }
    figures
}

/// Whether a finding is about coverage (an overlap or a gap), not a rule.
pub fn is_coverage(finding: &Finding) -> bool {
    matches!(finding.kind, FindingKind::Overlap | FindingKind::Gap)
}
