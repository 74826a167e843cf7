//! The documents an office hands up (issue 20): the 职责划转表, the 职责边界清单, the 三定
//! drafts and the 赋权事项目录, built from a scenario (or the difference of two) as one
//! format-neutral [`Document`] and written as Word (`.docx`), PDF or a flat XLSX.
//!
//! Every fact comes from the plan: the steps of the scenario (replayed on the baseline, so a
//! unit's slots are those it had when it moved), the states before and after, and the
//! holdings' roles. Nothing is typed in by hand; what the plan does not know (领导职数) is said
//! to be for the office to fill in.

pub mod boundaries;
pub mod docx;
pub mod fonts;
mod input;
pub mod layout;
pub mod model;
pub mod pdf;
pub mod sanding;
pub mod street_grants;
pub mod transfers;
pub mod xlsx;

pub use input::DocInput;
pub use model::{Align, Block, Column, DocTable, Document, Section};

pub use fonts::{FontError, FontRole, Fonts};
pub use layout::{Item, Page, TextMeasure, layout};
pub use pdf::{PdfError, write_pdf, write_pdf_with_system_fonts};

use crate::model::ScenarioId;
use crate::plan::{Plan, PlanError};

/// Which document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DocKind {
    /// 职责划转表: what moves from whom to whom.
    Transfers,
    /// 职责边界清单: who leads and who assists on each matter that several bodies touch.
    Boundaries,
    /// 三定 drafts of the bodies whose duties, slots or place changed.
    Sanding,
    /// 赋权事项目录 per street.
    Grants,
}

impl DocKind {
    /// Every kind, in the order of the window's list.
    pub const ALL: [DocKind; 4] = [
        DocKind::Transfers,
        DocKind::Boundaries,
        DocKind::Sanding,
        DocKind::Grants,
    ];

    /// The CLI's word for it (`shiquan doc transfers`).
    pub fn id(self) -> &'static str {
        match self {
            DocKind::Transfers => "transfers",
            DocKind::Boundaries => "boundaries",
            DocKind::Sanding => "sanding",
            DocKind::Grants => "grants",
        }
    }

    /// The document's Chinese name.
    pub fn name_zh(self) -> &'static str {
        match self {
            DocKind::Transfers => "职责划转表",
            DocKind::Boundaries => "职责边界清单",
            DocKind::Sanding => "“三定”规定草案",
            DocKind::Grants => "赋权事项目录",
        }
    }

    /// The document's English name.
    pub fn name_en(self) -> &'static str {
        match self {
            DocKind::Transfers => "transfer table",
            DocKind::Boundaries => "boundary list",
            DocKind::Sanding => "三定 drafts",
            DocKind::Grants => "catalogue of granted items",
        }
    }

    /// The kind named by its CLI word.
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.id() == id)
    }
}

/// What to build: a document of a scenario, against the baseline or another scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocRequest {
    /// Which document.
    pub kind: DocKind,
    /// The scenario (its steps and its state are the document's subject).
    pub scenario: ScenarioId,
    /// The state compared with: `None` for the baseline (现状), else a scenario whose steps the
    /// document leaves out (the difference of two scenarios).
    pub from: Option<ScenarioId>,
}

/// Why a document could not be made.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    /// The scenario or the state compared with is not in the plan, or does not apply.
    #[error(transparent)]
    Plan(#[from] PlanError),
    /// A document needs a scenario; the baseline has no steps.
    #[error(
        "文书要从一个方案生成，现状没有调整步骤；请用 --scenario 指定方案 (a document is made from a scenario: the baseline has no steps; name one with --scenario)"
    )]
    BaselineAsScenario,
    /// The scenario compared with is the scenario itself.
    #[error("方案 `{0}` 不能与自身比较 (scenario `{0}` cannot be compared with itself)")]
    SameScenario(ScenarioId),
    /// The Word file could not be put together.
    #[error("无法生成 Word 文件：{0} (cannot build the .docx: {0})")]
    Docx(std::io::Error),
    /// The PDF could not be made (no CJK font, or a font that cannot be embedded).
    #[error(transparent)]
    Pdf(#[from] PdfError),
    /// The workbook could not be put together.
    #[error("无法生成 Excel 文件：{0} (cannot build the .xlsx: {0})")]
    Xlsx(String),
    /// The file could not be written.
    #[error("无法写入 {path}：{source} (cannot write {path}: {source})")]
    Write {
        /// The path.
        path: String,
        /// Why.
        source: std::io::Error,
    },
}

/// The file formats of a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DocFormat {
    /// Word (.docx), laid out by GB/T 9704.
    Docx,
    /// PDF, laid out here by GB/T 9704 with its fonts embedded.
    Pdf,
    /// A flat workbook (.xlsx): the tables only, for systems that import them.
    Xlsx,
}

impl DocFormat {
    /// Every format, in the order of the window's list.
    pub const ALL: [DocFormat; 3] = [DocFormat::Docx, DocFormat::Pdf, DocFormat::Xlsx];

    /// The file extension (and the CLI's word).
    pub fn extension(self) -> &'static str {
        match self {
            DocFormat::Docx => "docx",
            DocFormat::Pdf => "pdf",
            DocFormat::Xlsx => "xlsx",
        }
    }

    /// The format an extension names (any case).
    pub fn from_extension(extension: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|f| f.extension().eq_ignore_ascii_case(extension))
    }
}

/// The bytes of a document in a format.
pub fn render(document: &Document, format: DocFormat) -> Result<Vec<u8>, DocumentError> {
    match format {
        DocFormat::Docx => docx::write_docx(document).map_err(DocumentError::Docx),
        DocFormat::Pdf => Ok(write_pdf_with_system_fonts(document)?),
        DocFormat::Xlsx => {
            xlsx::write_xlsx(document).map_err(|e| DocumentError::Xlsx(e.to_string()))
        }
    }
}

/// Writes a document to a file atomically (a reader never sees half a file, and a failed write
/// leaves what was there).
pub fn write_to_path(
    document: &Document,
    format: DocFormat,
    path: &std::path::Path,
) -> Result<(), DocumentError> {
    write_bytes(&render(document, format)?, path)
}

/// Writes a document's bytes to a file atomically.
pub fn write_bytes(bytes: &[u8], path: &std::path::Path) -> Result<(), DocumentError> {
    crate::io::atomic::write_atomically(path, bytes).map_err(|source| DocumentError::Write {
        path: path.display().to_string(),
        source,
    })
}

/// Builds the document a request asks for.
pub fn build(plan: &Plan, request: &DocRequest) -> Result<Document, DocumentError> {
    let input = DocInput::new(plan, &request.scenario, request.from.as_ref())?;
    Ok(match request.kind {
        DocKind::Transfers => transfers::document(&input),
        DocKind::Boundaries => boundaries::document(&input),
        DocKind::Sanding => sanding::document(&input),
        DocKind::Grants => street_grants::document(&input),
    })
}

/// A number as a heading writes it (一、二、…、十一、二十三); numbers beyond 99 in digits.
pub(crate) fn chinese_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n].to_owned(),
        10..=19 => format!("十{}", if n == 10 { "" } else { DIGITS[n - 10] }),
        20..=99 => format!(
            "{}十{}",
            DIGITS[n / 10],
            if n.is_multiple_of(10) {
                ""
            } else {
                DIGITS[n % 10]
            }
        ),
        _ => n.to_string(),
    }
}
