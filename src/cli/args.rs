//! The command line's arguments as clap reads them: the window's file and language, the
//! headless commands and their options, and how each argument maps to the library's types.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::io::export::{ExportFormat, TableKind};
use crate::io::import::ImportOptions;
use crate::text::Lang;

/// 事权沙盘 Shiquan: simulate how a city and its districts share urban-construction duties.
#[derive(Debug, Parser)]
#[command(name = "shiquan", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// A plan file to open in the window (default: the embedded seed plan).
    pub file: Option<PathBuf>,
    /// The language of messages.
    #[arg(long, value_enum, global = true, default_value = "zh")]
    pub lang: LangArg,
    /// A headless command.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The language argument.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum LangArg {
    /// 中文
    Zh,
    /// English
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Self {
        match l {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}

/// The headless commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a plan for overlaps (多头执法), gaps (管理盲区) and broken rules.
    Check {
        /// The plan file, or power lists (.csv, .xlsx, or folders of them: one plan of all)
        /// (default: the embedded seed plan).
        plan: Vec<PathBuf>,
        /// Check this scenario (its id or its name, as the window shows it) instead of the baseline.
        #[arg(long)]
        scenario: Option<String>,
        /// Check the scenario as it stands on this date (YYYY-MM-DD): its undated steps and
        /// those in effect by then (needs --scenario).
        #[arg(long)]
        at: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// How to read a power list.
        #[command(flatten)]
        list: ListArgs,
    },
    /// Write the allocation table, the findings, the report or the graph of a plan.
    Export {
        /// The plan file, or a power list (.csv, .xlsx) (default: the embedded seed plan).
        plan: Option<PathBuf>,
        /// Export this scenario (its id or its name) instead of the baseline.
        #[arg(long)]
        scenario: Option<String>,
        /// The format (default: from the extension of --out).
        #[arg(long, value_enum)]
        format: Option<FormatArg>,
        /// The file to write.
        #[arg(long)]
        out: PathBuf,
        /// The table a CSV holds (`list` is the 权责清单 that `import` reads back).
        #[arg(long, value_enum, default_value = "allocation")]
        table: TableArg,
        /// The text encoding of a CSV.
        #[arg(long, value_enum, default_value = "utf8")]
        encoding: EncodingArg,
        /// How to read a power list.
        #[command(flatten)]
        list: ListArgs,
    },
    /// Import a power list (权责清单, .csv or .xlsx) as a plan file.
    Import {
        /// The lists: files (.csv, .xlsx) or folders of them, read into one plan.
        #[arg(required = true)]
        list: Vec<PathBuf>,
        /// The plan file to write (.ron).
        #[arg(long)]
        out: PathBuf,
        /// Print the import report as JSON.
        #[arg(long)]
        json: bool,
        /// How to read the list.
        #[command(flatten)]
        options: ListArgs,
    },
    /// Generate a synthetic province (for scale tests): a plan (.ron) or a power list (.csv).
    Generate {
        /// Districts.
        #[arg(long, default_value_t = 100)]
        districts: usize,
        /// Powers.
        #[arg(long, default_value_t = 5000)]
        powers: usize,
        /// Seed of the generator.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Streets (街道) per district; 0: none (the districts are the territories).
        #[arg(long, default_value_t = 0)]
        streets: usize,
        /// The share of a district's penalty powers granted to each street (赋权, by matter, with
        /// the matter's inspections and coercive measures); the default grants about 430 items
        /// per street at 5,000 powers.
        #[arg(long, default_value_t = crate::generate::DEFAULT_GRANT_RATE, value_parser = grant_rate)]
        grant_rate: f64,
        /// Where to write: a `.ron` plan or a `.csv` list.
        #[arg(long)]
        out: PathBuf,
    },
    /// Merge two copies of a plan edited apart against the copy both started from (three-way):
    /// exit 0 when clean, 1 with conflicts (the merged plan then holds ours at each), 2 when a
    /// file cannot be read or the merge not written. As a git merge driver:
    /// `shiquan merge %O %A %B --out %A`.
    Merge {
        /// The common ancestor (base).
        base: PathBuf,
        /// Ours: the copy merged into (`--out` may name it: the git merge-driver case).
        ours: PathBuf,
        /// Theirs: the copy merged in.
        theirs: PathBuf,
        /// The merged plan file to write (never BASE or THEIRS; OURS is replaced atomically).
        #[arg(long)]
        out: PathBuf,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Compare two states of a plan: bodies moved, powers moved, coverage per district.
    Diff {
        /// The plan file (default: the embedded seed plan).
        plan: Option<PathBuf>,
        /// The state to compare from: `baseline` (现状), or a scenario's id or name.
        #[arg(long, default_value = "baseline")]
        from: String,
        /// The state to compare to: `baseline` (现状), or a scenario's id or name.
        #[arg(long)]
        to: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Write a document of a scenario for the official plan: the 职责划转表 (transfers), the
    /// 职责边界清单 (boundaries), the 三定 drafts (sanding) or the 赋权事项目录 (grants), as Word
    /// (.docx), PDF or a flat workbook (.xlsx).
    Doc {
        /// Which document.
        #[arg(value_enum)]
        kind: DocKindArg,
        /// The plan file (default: the embedded seed plan).
        plan: Option<PathBuf>,
        /// The scenario (its id or its name).
        #[arg(long)]
        scenario: String,
        /// Compare with this scenario instead of the baseline: the document then covers the
        /// steps the scenario takes beyond it.
        #[arg(long)]
        from: Option<String>,
        /// The format (default: from the extension of --out).
        #[arg(long, value_enum)]
        format: Option<DocFormatArg>,
        /// The file to write.
        #[arg(long)]
        out: PathBuf,
    },
    /// List a plan's review opinions (审核意见) with their status, object, date and answer.
    Review {
        /// The plan file (default: the embedded seed plan).
        plan: Option<PathBuf>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// Only the opinions of this status: 待处理, 已采纳, 不采纳, 已修改 (or pending, adopted,
        /// rejected, revised).
        #[arg(long, value_parser = super::review::status_arg)]
        status: Option<crate::plan::OpinionStatus>,
    },
}

/// How to read a power list.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ListArgs {
    /// The sheet of a workbook, hidden ones included (default: the first visible sheet that holds a list).
    #[arg(long)]
    pub sheet: Option<String>,
    /// Import the good rows and report the bad ones, instead of importing nothing.
    #[arg(long)]
    pub skip_bad_rows: bool,
}

impl ListArgs {
    pub(super) fn options(&self) -> ImportOptions {
        ImportOptions {
            sheet: self.sheet.clone(),
            skip_bad_rows: self.skip_bad_rows,
        }
    }
}

/// An export format argument.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum FormatArg {
    /// One table as CSV.
    Csv,
    /// The workbook (分配表, 问题清单, 机构与编制, 变更清单).
    Xlsx,
    /// The report as Markdown.
    Md,
    /// The report as a printable HTML page.
    Html,
    /// The lanes graph as SVG.
    Svg,
    /// The lanes graph as PNG.
    Png,
    /// The graph as Graphviz DOT.
    Dot,
}

impl From<FormatArg> for ExportFormat {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Csv => ExportFormat::Csv,
            FormatArg::Xlsx => ExportFormat::Xlsx,
            FormatArg::Md => ExportFormat::Markdown,
            FormatArg::Html => ExportFormat::Html,
            FormatArg::Svg => ExportFormat::Svg,
            FormatArg::Png => ExportFormat::Png,
            FormatArg::Dot => ExportFormat::Dot,
        }
    }
}

/// A document of `shiquan doc`.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum DocKindArg {
    /// 职责划转表
    Transfers,
    /// 职责边界清单
    Boundaries,
    /// 三定 drafts of the bodies that changed
    Sanding,
    /// 赋权事项目录 per street
    Grants,
}

impl From<DocKindArg> for crate::documents::DocKind {
    fn from(kind: DocKindArg) -> Self {
        use crate::documents::DocKind;
        match kind {
            DocKindArg::Transfers => DocKind::Transfers,
            DocKindArg::Boundaries => DocKind::Boundaries,
            DocKindArg::Sanding => DocKind::Sanding,
            DocKindArg::Grants => DocKind::Grants,
        }
    }
}

/// The format of `shiquan doc`.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum DocFormatArg {
    /// Word, laid out by GB/T 9704.
    Docx,
    /// PDF with its fonts embedded.
    Pdf,
    /// A flat workbook of the tables.
    Xlsx,
}

impl From<DocFormatArg> for crate::documents::DocFormat {
    fn from(format: DocFormatArg) -> Self {
        use crate::documents::DocFormat;
        match format {
            DocFormatArg::Docx => DocFormat::Docx,
            DocFormatArg::Pdf => DocFormat::Pdf,
            DocFormatArg::Xlsx => DocFormat::Xlsx,
        }
    }
}

/// The table of a CSV export.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum TableArg {
    /// 分配表: one row per (power, district).
    Allocation,
    /// 问题清单
    Findings,
    /// 机构与编制
    Bodies,
    /// 变更清单
    Changes,
    /// 权责清单 in the import format.
    List,
}

impl From<TableArg> for TableKind {
    fn from(t: TableArg) -> Self {
        match t {
            TableArg::Allocation => TableKind::Allocation,
            TableArg::Findings => TableKind::Findings,
            TableArg::Bodies => TableKind::Bodies,
            TableArg::Changes => TableKind::Changes,
            TableArg::List => TableKind::List,
        }
    }
}

/// The encoding of a CSV export.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum EncodingArg {
    /// UTF-8 with a byte-order mark.
    Utf8,
    /// GB18030.
    Gb18030,
}

/// `--grant-rate`: a share in [0, 1].
fn grant_rate(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(rate) if (0.0..=1.0).contains(&rate) => Ok(rate),
        _ => Err(format!("「{text}」 is not a share between 0 and 1")),
    }
}
