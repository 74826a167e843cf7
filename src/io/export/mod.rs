//! Exports: a plan's state as the tables that go into the reform document (CSV, XLSX, Markdown,
//! a printable HTML report) and as the lanes graph (SVG, PNG, DOT).
//!
//! The API is GUI-free and format-neutral: [`ExportContext::new`] computes one state of a plan,
//! [`table::table`] turns it into rows, and [`export_bytes`] / [`export_to_path`] write any
//! [`ExportFormat`]. The window's export menu calls the same functions as `shiquan export`.
//!
//! Spreadsheets take a text cell that starts with `=`, `+`, `-`, `@` (or their full-width forms
//! `＝＋－＠`, which an input method types), after any blanks, or with a tab or a carriage return,
//! for a formula (CSV injection); [`escape_formula`] prefixes such cells with `'` in CSV and XLSX,
//! and [`unescape_formula`] (which the list import uses) takes exactly that `'` off again, so that
//! every text reads back as it was written.
//!
//! Every writer escapes text for its document: XML and HTML through [`svg::xml_escape`] (which
//! also replaces the characters XML forbids), Markdown through [`markdown::text`], DOT through
//! its quoting; the output file is written by [`super::atomic::write_atomically`].

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
    #[error("无法生成工作簿 (cannot build the workbook): {0}")]
    Xlsx(String),
    /// A text is longer than a spreadsheet cell holds.
    #[error(
        "工作表「{sheet}」单元格 {cell}（{row}）有 {length} 个字符，超过 Excel 每格 32767 个字符的上限：请改为导出 CSV，或缩短这段文字 (sheet {sheet}, cell {cell} ({row}): {length} characters, over Excel's limit of 32,767 per cell: export as CSV, or shorten the text)"
    )]
    CellTooLong {
        /// The sheet's name.
        sheet: String,
        /// The cell's reference, such as `B17`.
        cell: String,
        /// The row, named by its power or body (「事项编码 A1，事项名称 …」).
        row: String,
        /// The text's length in UTF-16 units, as Excel counts.
        length: usize,
    },
    /// The graph is too large to be drawn as a picture that can be read.
    #[error(
        "关系图太大，无法生成 PNG：{lanes} 个辖区、{bodies} 个机构，约 {width}×{height} 像素，超过 {} 万像素的上限。请改为导出 SVG（可在浏览器中缩放查看）或 DOT，或导出较小的方案 (the graph is too large for a PNG: {lanes} places, {bodies} bodies, about {width}×{height} pixels, over the budget of {budget_millions} million: export SVG or DOT instead, or a smaller plan)",
        .budget_millions * 100
    )]
    TooLargeForPng {
        /// The lanes (jurisdictions).
        lanes: usize,
        /// The bodies drawn.
        bodies: usize,
        /// The picture's width at its natural size, in pixels.
        width: u64,
        /// The picture's height at its natural size, in pixels.
        height: u64,
        /// The largest picture drawn, in millions of pixels.
        budget_millions: u64,
    },
    /// The graph could not be rendered to an image.
    #[error("无法绘制关系图 (cannot render the graph): {0}")]
    Render(String),
    /// The file could not be written.
    #[error("{path}：无法写入 (cannot write): {source}")]
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
    if format == ExportFormat::Png {
        // A graph too large to draw is refused before the analysis, which takes longest.
        svg::png_fits(plan.state_ref(options.scenario.as_ref())?.as_ref())?;
    }
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

/// The first characters that make a spreadsheet read a cell as a formula: the ASCII ones and
/// their full-width forms, which a Chinese input method types and Excel reads the same way.
const FORMULA_STARTS: [char; 8] = ['=', '+', '-', '@', '＝', '＋', '－', '＠'];

/// Whether a spreadsheet would read this text as a formula: its first character that is not
/// blank (a space, a tab, a line feed, a full-width space …) starts one, or it starts with a tab
/// or a carriage return.
pub fn looks_like_formula(text: &str) -> bool {
    text.starts_with(['\t', '\r']) || text.trim_start().starts_with(FORMULA_STARTS)
}

/// Whether [`escape_formula`] puts a `'` in front: the text looks like a formula once the `'`s
/// it starts with are set aside (so a text that really starts with `'=` gets one more, and
/// [`unescape_formula`] gives it back whole).
pub fn needs_formula_escape(text: &str) -> bool {
    looks_like_formula(text.trim_start_matches('\''))
}

/// The text with a `'` in front when a spreadsheet would read it as a formula.
pub fn escape_formula(text: &str) -> Cow<'_, str> {
    if needs_formula_escape(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The text before [`escape_formula`]: the one `'` it adds taken off, and nothing else, so
/// `unescape_formula(&escape_formula(t)) == t` for every text.
pub fn unescape_formula(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if needs_formula_escape(rest) => rest,
        _ => text,
    }
}

/// Whether a character is left out of a document (SVG, HTML, DOT, a page header) and shown as
/// U+FFFD: the control characters but tab, line feed and carriage return (C0, DEL, C1) and the
/// noncharacters U+FFFE and U+FFFF. XML forbids C0 and U+FFFE/U+FFFF outright (a document that
/// holds one does not parse), discourages the rest, and DOT reads a NUL as the text's end.
pub fn is_replaced_in_documents(c: char) -> bool {
    matches!(c, '\0'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{fffe}' | '\u{ffff}')
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_behind_blanks_and_in_full_width_are_escaped_and_read_back() {
        for text in [
            "=SUM(A1)",
            " =SUM(A1)",
            "\t=1",
            "\r+1",
            "\n-1",
            "\r\n@x",
            "　=x",
            "＝x",
            " ＋1",
            "－1",
            "＠x",
            "'=x",
            "''=x",
            "' =x",
        ] {
            let escaped = escape_formula(text);
            assert!(escaped.starts_with('\''), "{text:?} is not escaped");
            assert!(!looks_like_formula(&escaped), "{escaped:?}");
            assert_eq!(unescape_formula(&escaped), text);
        }
        for text in ["abc", "'abc", "''", "'", "a=b", "市 城管", ""] {
            assert_eq!(escape_formula(text), text);
            assert_eq!(unescape_formula(text), text);
        }
    }
}
