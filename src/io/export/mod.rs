//! Exports: a plan's state as the tables that go into the reform document (CSV, XLSX, Markdown,
//! a printable HTML report) and as the lanes graph (SVG, PNG, DOT).
//!
//! The API is GUI-free and format-neutral: [`ExportContext::new`] computes one state of a plan,
//! [`table::table`] turns it into rows, and [`export_bytes`] / [`export_to_path`] write any
//! [`ExportFormat`]. The window's export menu calls the same functions as `shiquan export`.
//!
//! Spreadsheets take a text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
//! for a formula (CSV injection); [`escape_formula`] prefixes such cells with `'` in CSV and XLSX.

pub mod csv;
pub mod dot;
pub mod html;
pub mod markdown;
pub mod svg;
pub mod table;
pub mod xlsx;

use std::borrow::Cow;
use std::path::Path;

pub use table::{
    AllocationRow, Cell, ExportContext, Method, Table, TableKind, allocation_rows,
    allocation_rows_of,
};

use crate::model::ScenarioId;
use crate::plan::{Plan, PlanError};

/// An export format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    /// One table as CSV.
    Csv,
    /// The workbook: 分配表, 问题清单, 机构与编制, 变更清单.
    Xlsx,
    /// The report as Markdown.
    Markdown,
    /// The report as one self-contained, printable HTML page.
    Html,
    /// The lanes graph as SVG.
    Svg,
    /// The lanes graph as PNG.
    Png,
    /// The graph as Graphviz DOT.
    Dot,
}

impl ExportFormat {
    /// Every format.
    pub const ALL: [ExportFormat; 7] = [
        ExportFormat::Csv,
        ExportFormat::Xlsx,
        ExportFormat::Markdown,
        ExportFormat::Html,
        ExportFormat::Svg,
        ExportFormat::Png,
        ExportFormat::Dot,
    ];

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Markdown => "md",
            ExportFormat::Html => "html",
            ExportFormat::Svg => "svg",
            ExportFormat::Png => "png",
            ExportFormat::Dot => "dot",
        }
    }

    /// The format of a file extension (`md` and `markdown`, `htm` and `html`, `gv` and `dot`).
    pub fn from_extension(extension: &str) -> Option<Self> {
        match extension.to_ascii_lowercase().as_str() {
            "csv" => Some(ExportFormat::Csv),
            "xlsx" => Some(ExportFormat::Xlsx),
            "md" | "markdown" => Some(ExportFormat::Markdown),
            "html" | "htm" => Some(ExportFormat::Html),
            "svg" => Some(ExportFormat::Svg),
            "png" => Some(ExportFormat::Png),
            "dot" | "gv" => Some(ExportFormat::Dot),
            _ => None,
        }
    }

    /// The Chinese name, for a menu.
    pub fn label_zh(self) -> &'static str {
        match self {
            ExportFormat::Csv => "CSV 表格",
            ExportFormat::Xlsx => "Excel 工作簿",
            ExportFormat::Markdown => "Markdown 报告",
            ExportFormat::Html => "HTML 报告（可打印）",
            ExportFormat::Svg => "关系图 SVG",
            ExportFormat::Png => "关系图 PNG",
            ExportFormat::Dot => "关系图 DOT",
        }
    }
}

/// The text encoding of a CSV export.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum CsvEncoding {
    /// UTF-8 with a byte-order mark, which Excel needs to read Chinese correctly.
    #[default]
    Utf8Bom,
    /// GB18030, for older Chinese office software.
    Gb18030,
}

/// What to export besides the format.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// The scenario to export; `None`: the baseline.
    pub scenario: Option<ScenarioId>,
    /// The table a CSV holds.
    pub table: TableKind,
    /// The encoding of a CSV.
    pub encoding: CsvEncoding,
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The plan cannot produce the state.
    #[error(transparent)]
    Plan(#[from] PlanError),
    /// The workbook could not be built.
    #[error("cannot build the workbook: {0}")]
    Xlsx(String),
    /// The graph could not be rendered to an image.
    #[error("cannot render the graph: {0}")]
    Render(String),
    /// The file could not be written.
    #[error("{path}: cannot write: {source}")]
    Io {
        /// The file.
        path: String,
        /// The reason.
        source: std::io::Error,
    },
}

/// The bytes of an export of one state of a plan.
pub fn export_bytes(
    plan: &Plan,
    format: ExportFormat,
    options: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    let ctx = ExportContext::new(plan, options.scenario.as_ref())?;
    export_context(&ctx, format, options)
}

/// The bytes of an export of a prepared context.
pub fn export_context(
    ctx: &ExportContext,
    format: ExportFormat,
    options: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    Ok(match format {
        ExportFormat::Csv => csv::to_csv(&table::table(ctx, options.table), options.encoding),
        ExportFormat::Xlsx => xlsx::workbook(ctx)?,
        ExportFormat::Markdown => markdown::report(ctx).into_bytes(),
        ExportFormat::Html => html::report(ctx).into_bytes(),
        ExportFormat::Svg => svg::lanes_svg(ctx).into_bytes(),
        ExportFormat::Png => svg::lanes_png(ctx)?,
        ExportFormat::Dot => dot::graph(ctx).into_bytes(),
    })
}

/// Exports one state of a plan to a file, written atomically.
pub fn export_to_path(
    plan: &Plan,
    format: ExportFormat,
    options: &ExportOptions,
    path: &Path,
) -> Result<(), ExportError> {
    let bytes = export_bytes(plan, format, options)?;
    super::atomic::write_atomically(path, &bytes).map_err(|source| ExportError::Io {
        path: path.display().to_string(),
        source,
    })
}

/// Whether a spreadsheet would read this text as a formula.
pub fn looks_like_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// The text with a `'` in front when a spreadsheet would read it as a formula.
pub fn escape_formula(text: &str) -> Cow<'_, str> {
    if looks_like_formula(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Whether a character is shown double-width (CJK, full-width forms): such a character takes
/// two columns of a spreadsheet or a terminal.
pub fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}

/// The display width of a text in columns, counting CJK characters as two.
pub fn display_width(text: &str) -> usize {
    text.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}
