//! Power lists in: a 权责清单 as CSV or XLSX, one row per (power, holder), becomes a plan.
//!
//! Reading goes in three steps that the window's import dialog can also take one at a time:
//! [`read_table`] reads the cells of a file ([`RawTable`], CSV in UTF-8 with or without a BOM or
//! GB18030, XLSX by calamine); [`HeaderMapping::detect`] finds the header row's columns (the
//! preview shows it, the user may change it); [`ImportedList::from_table`] reads the rows and
//! builds the plan. [`read_list`] does all three.
//!
//! Every fault names the file, the line and the column. A list with bad rows imports nothing
//! unless [`ImportOptions::skip_bad_rows`] is set; then the skipped rows are listed in
//! [`ImportedList::skipped`]. How rows become jurisdictions, bodies and holdings, and why the
//! result's coverage is exactly the flat-list rule, is told in [`build`].

pub mod build;
pub mod csv;
pub mod headers;
pub mod sources;
pub mod spelling;
pub mod table;
pub mod xlsx;
pub mod zip_guard;

use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;

pub use build::{HolderFrom, TableInfo};
pub use headers::{Field, HeaderMapping};
pub use sources::{ImportReport, TableReport, read_lists};
pub use table::{RawRow, RawTable};

use crate::model::{Level, PowerKind};
use crate::plan::Plan;

/// The largest list read (256 MiB): far above a province's list.
pub const MAX_LIST_BYTES: u64 = 256 * 1024 * 1024;

/// The most cells a CSV list's rows may hold in all (each row counted as wide as its last
/// non-empty cell): 24 million. A province's list of 5,000 powers in 100 districts has some
/// 4 million (442k rows of 9), one of 20,000 powers 16 million; a sparse or hostile file cannot
/// make the reader hold billions of empty cells (the window's import preview keeps 8 bytes a
/// cell; reading a list into a plan keeps none).
pub const MAX_LIST_CELLS: usize = 24_000_000;

/// The most cells a workbook list may hold: 5 million. A sheet has at most 1,048,576 rows, so a
/// list of 9 or 10 columns fits; a workbook's cells are held as text while they are sorted into
/// rows, so its bound is lower than a CSV's.
pub const MAX_WORKBOOK_CELLS: usize = 5_000_000;

/// The most columns a list row may have: Excel's own limit (XFD).
pub const MAX_LIST_COLUMNS: usize = 16_384;

use table::HEADER_SEARCH_ROWS;

/// The kind of a list file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ListFormat {
    /// Comma-separated text.
    Csv,
    /// An Excel workbook (also .xls and .ods, which calamine reads too).
    Xlsx,
}

impl ListFormat {
    /// The format of a path, by its extension.
    pub fn of_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" | "txt" => Some(ListFormat::Csv),
            "xlsx" | "xlsm" | "xls" | "ods" => Some(ListFormat::Xlsx),
            _ => None,
        }
    }
}

/// Whether a path names a power list (by extension) rather than a plan file.
pub fn is_list_path(path: &Path) -> bool {
    ListFormat::of_path(path).is_some()
}

/// How to read a list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// The sheet of a workbook; `None`: the first.
    pub sheet: Option<String>,
    /// Import the good rows and report the bad ones, instead of importing nothing.
    pub skip_bad_rows: bool,
}

/// Says which line comes closest to a header row and which required columns it lacks.
fn missing_hint(line: usize, missing: &[Field]) -> String {
    let labels: Vec<&str> = missing.iter().map(|f| f.label_zh()).collect();
    format!(
        "; line {line} looks like the header row but has no {} column (第 {line} 行缺少「{}」列)",
        labels.join(", "),
        labels.join("」「")
    )
}

/// A fault in one row of a list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    /// The file's name.
    pub source: String,
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1, where one is at fault.
    pub column: Option<usize>,
    /// That column's header.
    pub header: String,
    /// What is wrong.
    pub message: String,
    /// Whether the file is a workbook (columns are then written as letters).
    pub spreadsheet: bool,
}

/// A column number (from 1) as spreadsheet letters: 1 → A, 27 → AA.
pub fn column_letters(mut column: usize) -> String {
    let mut letters = Vec::new();
    while column > 0 {
        let rem = (column - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        column = (column - 1) / 26;
    }
    letters.iter().rev().collect()
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.column {
            Some(c) if self.spreadsheet => write!(
                f,
                "{}:{}:{c}: 第 {} 行 {} 列「{}」：{}",
                self.source,
                self.line,
                self.line,
                column_letters(c),
                self.header,
                self.message
            ),
            Some(c) => write!(
                f,
                "{}:{}:{c}: 第 {} 行第 {c} 列「{}」：{}",
                self.source, self.line, self.line, self.header, self.message
            ),
            None => write!(
                f,
                "{}:{}: 第 {} 行：{}",
                self.source, self.line, self.line, self.message
            ),
        }
    }
}

/// Why a list could not be imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The file.
        path: String,
        /// The reason.
        source: std::io::Error,
    },
    /// The file is too large.
    #[error("{path}: the file is {size} bytes; lists larger than {limit} bytes are refused")]
    TooLarge {
        /// The file.
        path: String,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The extension names no list format.
    #[error("{path}: not a power list (expected .csv or .xlsx)")]
    UnknownFormat {
        /// The file.
        path: String,
    },
    /// The text is neither UTF-8 nor GB18030.
    #[error("{path}:{line}: the text is neither UTF-8 nor GB18030")]
    Encoding {
        /// The file.
        path: String,
        /// The first line that fails, from 1.
        line: usize,
    },
    /// The CSV starts with a UTF-8 byte-order mark but is not UTF-8 (GBK saved with a UTF-8
    /// label, or a file spliced from two encodings).
    #[error(
        "{path}:{line}: the file is marked as UTF-8 (it starts with a byte-order mark) but is not valid UTF-8 from this line; was it saved as GBK/GB18030? (文件标为 UTF-8，内容却不是)"
    )]
    MislabelledUtf8 {
        /// The file.
        path: String,
        /// The first line that fails, from 1.
        line: usize,
    },
    /// A header row and no row under it (or every row skipped as bad).
    #[error("{path}:{line}: the list has no rows under its header row (清单没有数据行)")]
    NoRows {
        /// The file.
        path: String,
        /// The header row's line.
        line: usize,
    },
    /// The CSV is malformed.
    #[error("{path}:{line}: {message}")]
    Csv {
        /// The file.
        path: String,
        /// Line, from 1.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The list is larger than Shiquan reads ([`MAX_LIST_CELLS`], [`MAX_LIST_COLUMNS`]).
    #[error("{path}:{line}: {message}")]
    Limit {
        /// The file.
        path: String,
        /// The line (sheet row) where the limit was passed, from 1.
        line: usize,
        /// Which limit, and by how much.
        message: String,
    },
    /// The workbook cannot be read.
    #[error("{path}: cannot read the workbook: {message}")]
    Workbook {
        /// The file.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// No such sheet.
    #[error("{path}: no sheet 「{sheet}」; the sheets are {}", available.join("、"))]
    NoSheet {
        /// The file.
        path: String,
        /// The sheet asked for.
        sheet: String,
        /// The sheets there are.
        available: Vec<String>,
    },
    /// No row names a code and a name column.
    #[error(
        "{path}: no header row found in the first {HEADER_SEARCH_ROWS} rows{hint} (a list needs a 事项编码 and a 事项名称 column; recognised headers: {})",
        recognised_headers()
    )]
    NoHeader {
        /// The file.
        path: String,
        /// Where a row comes closest to a header, what it lacks (empty when no row comes
        /// close).
        hint: String,
    },
    /// Rows that cannot be imported; nothing was imported.
    #[error("{path}: {} bad row(s); nothing imported (--skip-bad-rows imports the rest):\n{}", errors.len(), list_row_errors(errors))]
    BadRows {
        /// The file.
        path: String,
        /// Every fault, by line.
        errors: Vec<RowError>,
    },
    /// The rows make no valid plan (a bug: rows are checked before).
    #[error("{path}: {message}")]
    Model {
        /// The file.
        path: String,
        /// What broke.
        message: String,
    },
}

fn recognised_headers() -> String {
    Field::ALL
        .iter()
        .map(|f| f.synonyms().join("|"))
        .collect::<Vec<_>>()
        .join("; ")
}

fn list_row_errors(errors: &[RowError]) -> String {
    const SHOWN: usize = 50;
    let mut lines: Vec<String> = errors
        .iter()
        .take(SHOWN)
        .map(|e| format!("  {e}"))
        .collect();
    if errors.len() > SHOWN {
        lines.push(format!("  … and {} more", errors.len() - SHOWN));
    }
    lines.join("\n")
}

/// A holder's role as a list writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ListRole {
    /// 主办, or blank.
    Lead,
    /// 协办
    Assist,
    /// 受委托
    Entrusted,
}

impl ListRole {
    /// Reads a role cell: blank or 主办 is lead, 协办 assist, 受委托 entrusted.
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim() {
            "" | "主办" | "lead" | "Lead" | "LEAD" => Some(ListRole::Lead),
            "协办" | "assist" | "Assist" | "ASSIST" => Some(ListRole::Assist),
            "受委托" | "entrusted" | "Entrusted" | "ENTRUSTED" => Some(ListRole::Entrusted),
            _ => None,
        }
    }

    /// How strongly it holds: when one body is listed twice for a power, the stronger row wins
    /// (a lead row makes it a lead body, as the flat rule counts it).
    fn strength(self) -> u8 {
        match self {
            ListRole::Lead => 2,
            ListRole::Entrusted => 1,
            ListRole::Assist => 0,
        }
    }
}

/// Whether a body's name is a city body's: it names its city (「甲市…」, 「市城市管理局」) before
/// any district (「区城市管理局」 is a district's).
pub fn names_city_body(name: &str) -> bool {
    match (name.find('市'), name.find(['区', '县'])) {
        (Some(city), Some(district)) => city < district,
        (Some(_), None) => true,
        (None, _) => false,
    }
}

/// The district a body's name places it in, when its row leaves 辖区 blank: the 「乙区」 of
/// 「甲市乙区城市管理局」 (after the city's 「…市」, up to the first 区 or 县). `None` for a
/// city body's name.
pub fn district_in_name(name: &str) -> Option<&str> {
    let rest = name
        .find('市')
        .map_or(name, |i| &name[i + '市'.len_utf8()..]);
    let offset = name.len() - rest.len();
    let end = rest.find(['区', '县'])?;
    // A bare 区 or 县 (as in 「区城管局」) names no district.
    (end > 0).then(|| &name[..offset + end + '区'.len_utf8()][offset..])
}

/// Who holds a power in one row (borrowed from the row's cells).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListHolder<'t> {
    /// 实施主体
    pub body: &'t str,
    /// The level the body sits at (for a row of several levels, the body's own: a city
    /// body's row of 「市级、区级」 is a city row).
    pub level: Level,
    /// 行使层级 as the row writes it: one level, or several (分级管辖).
    pub levels: spelling::Levels,
    /// 辖区 as written (blank for a city body; `区/街道` or a street's name for a street body).
    pub jurisdiction: &'t str,
    /// 主办 / 协办 / 受委托
    pub role: ListRole,
    /// 不含辖区: district names a city lead holding does not cover.
    pub excludes: Vec<&'t str>,
}

/// One good row of a list (borrowed from the table's cells).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListRow<'t> {
    /// The line, from 1.
    pub line: usize,
    /// 事项编码
    pub code: &'t str,
    /// 事项名称
    pub name: &'t str,
    /// 权力类型 (blank: 其他行政权力)
    pub kind: PowerKind,
    /// 领域
    pub field: &'t str,
    /// 实施依据
    pub basis: &'t str,
    /// The main item (主项编码, 主项名称) of a sub-item row; `code` and `name` are then the
    /// sub-item's (子项编码 and 子项名称; a sub-item listed with a name and no code gets the
    /// code of its main item and a number, [`ListRow::sub_without_code`]).
    pub main_item: Option<(&'t str, &'t str)>,
    /// A sub-item row with a 子项名称 and no 子项编码.
    pub sub_without_code: bool,
    /// 责任事项
    pub duties: &'t str,
    /// 追责情形
    pub accountability: &'t str,
    /// 承办机构: the division of the holder that does the work.
    pub division: &'t str,
    /// 实施编码
    pub impl_code: &'t str,
    /// The holder; `None` for a power that nobody holds.
    pub holder: Option<ListHolder<'t>>,
    /// A row that gives the power to the districts only and names a city body (a city
    /// department's list): the districts' own bodies exercise it, and the list names none.
    pub districts_only: bool,
}

/// A list read and turned into a plan.
#[derive(Clone, Debug)]
pub struct ImportedList {
    /// The file's name.
    pub source: String,
    /// The sheet read, for a workbook.
    pub sheet: Option<String>,
    /// The encoding of a CSV.
    pub encoding: Option<&'static str>,
    /// The line of the header row.
    pub header_line: usize,
    /// The columns used.
    pub mapping: HeaderMapping,
    /// How many good rows were imported.
    pub rows: usize,
    /// The rows skipped (only with `skip_bad_rows`).
    pub skipped: Vec<RowError>,
    /// Things the reader decided that the user should know (an entrusted row with no body to
    /// entrust it, a power whose rows disagree on its name).
    pub notes: Vec<String>,
    /// What the import did, table by table: the import report.
    pub report: ImportReport,
    plan: Plan,
}

impl ImportedList {
    /// Reads the rows of a table under a mapping and builds the plan.
    pub fn from_table(
        table: &RawTable,
        header_index: usize,
        mapping: &HeaderMapping,
        options: &ImportOptions,
    ) -> Result<Self, ImportError> {
        let missing = mapping.missing_required();
        if !missing.is_empty() {
            return Err(ImportError::NoHeader {
                path: table.source.clone(),
                hint: missing_hint(table.row(header_index).map_or(0, |r| r.line), &missing),
            });
        }
        let header_line = table.row(header_index).map_or(0, |r| r.line);
        // With no 实施主体 column, the holder its title or file names.
        let mut mapping = mapping.clone();
        let own_columns = mapping.headers.len();
        let (extra, holder) = sources::add_holder(
            table,
            header_index,
            &mut mapping,
            Path::new(&table.source),
            table.sheets.len() > 1,
        );
        let tables = [TableInfo {
            source: table.source.clone(),
            file: table.source.clone(),
            spreadsheet: table.format == ListFormat::Xlsx,
            mapping: mapping.clone(),
            own_columns,
            sheet: table.sheet.clone(),
            header_line,
            holder,
        }];
        let read = import_rows(
            &tables,
            header_line,
            options,
            table.len(),
            |visit: &mut dyn FnMut(usize, usize, &[&str])| {
                let mut cells: Vec<&str> = Vec::new();
                for raw in table.rows().skip(header_index + 1) {
                    cells.clear();
                    cells.extend(raw.cells());
                    sources::put_extra(&mut cells, &extra);
                    visit(0, raw.line, &cells);
                }
                Ok(())
            },
        )?;
        read.into_list(
            &table.source,
            table.sheet.clone(),
            table.encoding,
            header_line,
            &mapping,
        )
    }

    /// The plan the list makes: its baseline holds the list's allocation.
    pub fn to_plan(&self) -> Plan {
        self.plan.clone()
    }

    /// The plan, by value.
    pub fn into_plan(self) -> Plan {
        self.plan
    }
}

/// A list's rows read: the builder that holds them (with no fault across rows), and the rows
/// skipped.
struct RowsRead<'a> {
    builder: build::ListBuilder<'a>,
    skipped: Vec<RowError>,
}

impl RowsRead<'_> {
    /// The list: its plan built, with where the rows came from (source, sheet, encoding, header
    /// line and mapping).
    fn into_list(
        self,
        source: &str,
        sheet: Option<String>,
        encoding: Option<&'static str>,
        header_line: usize,
        mapping: &HeaderMapping,
    ) -> Result<ImportedList, ImportError> {
        let rows = self.builder.rows();
        let report = sources::report(
            self.builder.tables(),
            self.builder.rows_by_table(),
            self.builder.sub_items(),
            &self.skipped,
        );
        let (plan, notes) = self
            .builder
            .into_plan()
            .map_err(|message| ImportError::Model {
                path: source.to_owned(),
                message,
            })?;
        Ok(ImportedList {
            source: source.to_owned(),
            sheet,
            encoding,
            header_line,
            mapping: mapping.clone(),
            rows,
            skipped: self.skipped,
            report: ImportReport {
                items: plan.baseline.powers().len(),
                ..report
            },
            notes,
            plan,
        })
    }
}

/// About how many rows a CSV list of `bytes` bytes may hold, to make room for them at once:
/// a list row (a code, a name, a body and a few short cells) takes some 40 bytes or more. Room
/// reserved and never used costs no memory; growing a province's rows by doubling cost a tenth
/// of reading them.
fn rows_in_bytes(bytes: u64) -> usize {
    usize::try_from(bytes / 40).unwrap_or(0)
}

/// Reads the data rows of a list (`each_row` visits them, in file order, as often as asked);
/// with faults, imports nothing or (skipping bad rows) reads the rows again without the faulty
/// ones. The plan is built by the caller ([`RowsRead::into_plan`]), after it let go of the
/// text.
fn import_rows<'a>(
    tables: &'a [TableInfo],
    header_line: usize,
    options: &ImportOptions,
    expected_rows: usize,
    mut each_row: impl FnMut(&mut dyn FnMut(usize, usize, &[&str])) -> Result<(), ImportError>,
) -> Result<RowsRead<'a>, ImportError> {
    let source = tables.first().map_or("", |t| t.source.as_str());
    // A fault's table, by the source it names (each table's is its own).
    let table_of = |error: &RowError| tables.iter().position(|t| t.source == error.source);
    let mut pass = |leave_out: &BTreeSet<(Option<usize>, usize)>| {
        let mut builder = build::ListBuilder::new(tables);
        builder.reserve(expected_rows);
        let mut errors = Vec::new();
        let mut current = usize::MAX;
        let mut main_item = MainItemCells::default();
        each_row(&mut |table, line, cells| {
            if leave_out.contains(&(Some(table), line)) {
                return;
            }
            let Some(info) = tables.get(table) else {
                return;
            };
            if table != current {
                current = table;
                builder.set_table(table);
                main_item = MainItemCells::new(&info.mapping);
            }
            let filled;
            let cells = match main_item.fill(cells) {
                Some(with_main) => {
                    filled = with_main;
                    &filled[..]
                }
                None => cells,
            };
            match parse_row(line, cells, &info.mapping, &info.source, info.spreadsheet) {
                Ok(Some(row)) => builder.push(&row),
                Ok(None) => {}
                Err(e) => errors.extend(e),
            }
        })?;
        let late = builder.faults();
        let rebuild = !late.is_empty();
        errors.extend(late);
        errors.sort_by_key(|e| (table_of(e), e.line, e.column));
        Ok::<_, ImportError>((builder, errors, rebuild))
    };
    let (builder, errors, rebuild) = pass(&BTreeSet::new())?;
    let builder = if errors.is_empty() {
        builder
    } else if !options.skip_bad_rows {
        return Err(ImportError::BadRows {
            path: source.to_owned(),
            errors,
        });
    } else if !rebuild {
        // Only rows that failed to parse, which the builder never saw: it holds the rest.
        builder
    } else {
        // Rows failed late (across rows): read the rest again without them.
        let bad: BTreeSet<(Option<usize>, usize)> =
            errors.iter().map(|e| (table_of(e), e.line)).collect();
        let (builder, late, _) = pass(&bad)?;
        if !late.is_empty() {
            return Err(ImportError::BadRows {
                path: source.to_owned(),
                errors: late,
            });
        }
        builder
    };
    if builder.rows() == 0 {
        return Err(if errors.is_empty() {
            ImportError::NoRows {
                path: source.to_owned(),
                line: header_line,
            }
        } else {
            // Every row was bad and skipped: say why each was.
            ImportError::BadRows {
                path: source.to_owned(),
                errors,
            }
        });
    }
    Ok(RowsRead {
        builder,
        skipped: if options.skip_bad_rows {
            errors
        } else {
            Vec::new()
        },
    })
}

/// The cells of the last main item (主项) row, for the sub-item rows under it whose main-item
/// cells a merged cell left blank (a workbook's merge is filled when it is read; a CSV saved
/// from one, or a list that leaves them blank, has only the blanks).
#[derive(Default)]
struct MainItemCells {
    /// The columns a main item's cells fill: code, name, kind, field, basis, body, level, 辖区.
    columns: Vec<usize>,
    /// The columns that say a row is a sub-item's.
    sub: [Option<usize>; 2],
    code: Option<usize>,
    last: Vec<String>,
}

impl MainItemCells {
    fn new(mapping: &HeaderMapping) -> Self {
        let sub = [
            mapping.column(Field::SubCode),
            mapping.column(Field::SubName),
        ];
        let columns = if sub.iter().all(Option::is_none) {
            Vec::new()
        } else {
            [
                Field::Code,
                Field::Name,
                Field::Kind,
                Field::Field,
                Field::Basis,
                Field::Body,
                Field::Level,
                Field::Jurisdiction,
            ]
            .into_iter()
            .filter_map(|f| mapping.column(f))
            .collect()
        };
        Self {
            columns,
            sub,
            code: mapping.column(Field::Code),
            last: Vec::new(),
        }
    }

    /// The row's cells with its blank main-item cells filled from the main item's row, when it
    /// is a sub-item row with a blank main-item code; `None` when the row stands as it is (and
    /// a row with a main-item code becomes the main item's row).
    fn fill<'c>(&'c mut self, cells: &[&'c str]) -> Option<Vec<&'c str>> {
        let code = self.code?;
        if self.columns.is_empty() {
            return None;
        }
        let cell = |c: usize| cells.get(c).copied().unwrap_or("").trim();
        if !cell(code).is_empty() {
            self.last = self.columns.iter().map(|c| cell(*c).to_owned()).collect();
            return None;
        }
        let is_sub = self.sub.iter().flatten().any(|c| !cell(*c).is_empty());
        if !is_sub || self.last.is_empty() {
            return None;
        }
        let width = cells
            .len()
            .max(self.columns.iter().max().map_or(0, |m| m + 1));
        let mut filled: Vec<&str> = (0..width)
            .map(|c| cells.get(c).copied().unwrap_or(""))
            .collect();
        for (column, text) in self.columns.iter().zip(&self.last) {
            if filled[*column].trim().is_empty() {
                filled[*column] = text;
            }
        }
        Some(filled)
    }
}

/// A cell with a spreadsheet's formula escape (`'=…`) undone, so an exported list reads back
/// as written.
fn unescape(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if super::export::looks_like_formula(rest) => rest,
        _ => text,
    }
}

/// Reads one row; `Ok(None)` for a row with nothing in the mapped columns.
fn parse_row<'t>(
    line: usize,
    cells: &[&'t str],
    mapping: &HeaderMapping,
    source: &str,
    spreadsheet: bool,
) -> Result<Option<ListRow<'t>>, Vec<RowError>> {
    let raw_cell = |field: Field| -> &'t str {
        mapping
            .column(field)
            .and_then(|c| cells.get(c).copied())
            .unwrap_or("")
    };
    let cell = |field: Field| -> &'t str { unescape(raw_cell(field)) };
    if Field::ALL.iter().all(|f| cell(*f).is_empty()) {
        return Ok(None);
    }
    let mut errors = Vec::new();
    let mut fault = |field: Field, message: String| {
        let column = mapping.column(field);
        errors.push(RowError {
            source: source.to_owned(),
            line,
            column: column.map(|c| c + 1),
            header: column.map_or_else(
                || field.label_zh().to_owned(),
                |c| mapping.header(c).to_owned(),
            ),
            message,
            spreadsheet,
        });
    };
    for field in Field::ALL {
        let text = raw_cell(field);
        if text.starts_with('=') {
            fault(
                field,
                format!(
                    "「{}」是公式而不是值：请粘贴为数值，或写作 '= 保留文字 (a formula, not a value: paste values, or write '= to keep the text)",
                    text.chars().take(40).collect::<String>()
                ),
            );
        }
    }
    let code = cell(Field::Code);
    if code.is_empty() {
        fault(Field::Code, "事项编码为空 (the code is missing)".into());
    }
    let name = cell(Field::Name);
    if name.is_empty() {
        fault(Field::Name, "事项名称为空 (the name is missing)".into());
    }
    let kind_text = cell(Field::Kind);
    let kind = if kind_text.is_empty() {
        Some(PowerKind::Other)
    } else {
        spelling::kind_of(kind_text)
    };
    if kind.is_none() {
        fault(
            Field::Kind,
            format!("「{kind_text}」不是权力类型 (not a kind of power: 行政许可, 行政处罚 …)"),
        );
    }
    let body = cell(Field::Body);
    let mut districts_only = false;
    let mut mark_faults: Vec<RowError> = Vec::new();
    let holder = if body.is_empty() {
        None
    } else {
        let level_text = cell(Field::Level);
        let marks = mapping.level_marks();
        let levels = if level_text.is_empty() && !marks.is_empty() {
            // One column per level, each marked ■ / √ or not.
            let mut levels = spelling::Levels::default();
            for (level, column) in marks {
                let text = cells.get(*column).copied().unwrap_or("");
                match spelling::mark_of(text) {
                    Some(true) => levels.insert(*level),
                    Some(false) => {}
                    None => mark_faults.push(RowError {
                        source: source.to_owned(),
                        line,
                        column: Some(column + 1),
                        header: mapping.header(*column).to_owned(),
                        message: format!(
                            "「{text}」不是标记 (a mark is ■ or √ for yes, □ or blank for no)"
                        ),
                        spreadsheet,
                    }),
                }
            }
            (!levels.is_empty()).then_some(levels)
        } else {
            spelling::levels_of(level_text)
        };
        if levels.is_none() {
            if level_text.is_empty() {
                fault(
                    Field::Level,
                    "行使层级为空 (the level is missing: 市级, 区级 or 街道, or several: 市级、区级)"
                        .into(),
                );
            } else {
                fault(
                    Field::Level,
                    format!(
                        "「{level_text}」不是行使层级 (expected 市级, 区级, 街道, or several: 市级、区级)"
                    ),
                );
            }
        }
        let mut jurisdiction = cell(Field::Jurisdiction);
        // The body's own level: one level as written; of several, the city where the row names
        // the city or no 辖区 (a city body's 分级管辖 row), else the lowest below the city.
        let level = levels.and_then(|levels| {
            levels.single().or_else(|| {
                if levels.contains(Level::City)
                    && (jurisdiction.is_empty() || jurisdiction.ends_with('市'))
                {
                    Some(Level::City)
                } else if levels.contains(Level::District) && !jurisdiction.contains('/') {
                    Some(Level::District)
                } else {
                    levels
                        .highest()
                        .filter(|l| *l != Level::City)
                        .or(Some(Level::Street))
                }
            })
        });
        if level == Some(Level::District) && jurisdiction.is_empty() {
            // 辖区 blank: the body's name may say its district; a city department's row gives
            // the power to the districts' own bodies; any other body needs its 辖区.
            match district_in_name(body) {
                Some(district) => jurisdiction = district,
                None if names_city_body(body) => districts_only = true,
                None => fault(
                    Field::Jurisdiction,
                    "区级的事项须填辖区 (a district body needs its jurisdiction, or a name that says it: 甲市乙区…)"
                        .into(),
                ),
            }
        }
        if level == Some(Level::Street) && jurisdiction.is_empty() {
            fault(
                Field::Jurisdiction,
                "街道的事项须填辖区 (a street body needs its jurisdiction: 区/街道)".into(),
            );
        }
        let role_text = cell(Field::Role);
        let role = ListRole::parse(role_text);
        if role.is_none() {
            fault(
                Field::Role,
                format!("「{role_text}」不是主办/协办 (expected 主办, 协办, 受委托 or blank)"),
            );
        }
        let excludes: Vec<&str> = cell(Field::Excludes)
            .split(['、', ',', '，', ';', '；', ' ', '\u{3000}'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        if !excludes.is_empty() && (level != Some(Level::City) || role != Some(ListRole::Lead)) {
            fault(
                Field::Excludes,
                "不含辖区只用于市级主办事项 (only a city-level lead row may exclude districts)"
                    .into(),
            );
        }
        match (level, levels, role) {
            _ if districts_only => None,
            (Some(level), Some(levels), Some(role)) => Some(ListHolder {
                body,
                level,
                levels,
                jurisdiction,
                role,
                excludes,
            }),
            _ => None,
        }
    };
    errors.extend(mark_faults);
    if !errors.is_empty() {
        return Err(errors);
    }
    let (sub_code, sub_name) = (cell(Field::SubCode), cell(Field::SubName));
    let (code, name, main_item) = if sub_code.is_empty() && sub_name.is_empty() {
        (code, name, None)
    } else {
        let sub_name = if sub_name.is_empty() { name } else { sub_name };
        let sub_code = if sub_code.is_empty() { code } else { sub_code };
        (sub_code, sub_name, Some((code, name)))
    };
    Ok(Some(ListRow {
        line,
        code,
        name,
        main_item,
        sub_without_code: main_item.is_some() && cell(Field::SubCode).is_empty(),
        duties: cell(Field::Duties),
        accountability: cell(Field::Accountability),
        division: cell(Field::Division),
        impl_code: cell(Field::ImplCode),
        kind: kind.unwrap_or(PowerKind::Other),
        field: cell(Field::Field),
        basis: cell(Field::Basis),
        holder,
        districts_only,
    }))
}

/// Refuses a list file larger than [`MAX_LIST_BYTES`] before reading it.
fn refuse_too_large(path: &Path, name: &str) -> Result<(), ImportError> {
    let size = std::fs::metadata(path)
        .map_err(|source| ImportError::Io {
            path: name.to_owned(),
            source,
        })?
        .len();
    if size > MAX_LIST_BYTES {
        return Err(ImportError::TooLarge {
            path: name.to_owned(),
            size,
            limit: MAX_LIST_BYTES,
        });
    }
    Ok(())
}

/// Reads the cells of a list file.
pub fn read_table(path: &Path, options: &ImportOptions) -> Result<RawTable, ImportError> {
    let name = path.display().to_string();
    let format = ListFormat::of_path(path)
        .ok_or_else(|| ImportError::UnknownFormat { path: name.clone() })?;
    refuse_too_large(path, &name)?;
    let bytes = std::fs::read(path).map_err(|source| ImportError::Io {
        path: name.clone(),
        source,
    })?;
    match format {
        // The CSV reader keeps the file's bytes as its text: no copy of a 60 MB list.
        ListFormat::Csv if bytes.len() as u64 <= MAX_LIST_BYTES => {
            csv::read_csv_owned(bytes, &name)
        }
        _ => read_table_bytes(&bytes, &name, format, options),
    }
}

/// Reads the cells of a list from its bytes (`name` is used in messages).
pub fn read_table_bytes(
    bytes: &[u8],
    name: &str,
    format: ListFormat,
    options: &ImportOptions,
) -> Result<RawTable, ImportError> {
    if bytes.len() as u64 > MAX_LIST_BYTES {
        return Err(ImportError::TooLarge {
            path: name.to_owned(),
            size: bytes.len() as u64,
            limit: MAX_LIST_BYTES,
        });
    }
    match format {
        ListFormat::Csv => csv::read_csv(bytes, name),
        ListFormat::Xlsx => xlsx::read_workbook(bytes, name, options.sheet.as_deref()),
    }
}

/// Reads a list file (a CSV, or a workbook's sheets: see [`read_lists`]) and builds its plan.
pub fn read_list(path: &Path, options: &ImportOptions) -> Result<ImportedList, ImportError> {
    read_lists(&[path.to_path_buf()], options)
}

/// Reads a CSV list file as it streams and builds its plan.
fn read_csv_list(path: &Path, options: &ImportOptions) -> Result<ImportedList, ImportError> {
    let name = path.display().to_string();
    refuse_too_large(path, &name)?;
    if let Some(list) = list_of_csv_file(path, &name, options)? {
        return Ok(list);
    }
    // Not UTF-8 (GB18030, or a fault the whole text names best): read it whole.
    let bytes = std::fs::read(path).map_err(|source| ImportError::Io {
        path: name.clone(),
        source,
    })?;
    list_of_csv(bytes, &name, options)
}

/// Reads a UTF-8 CSV list file straight into its plan, in blocks (the text is never held
/// whole); `None` if the file turns out not to be UTF-8. The result is that of
/// [`list_of_csv`] on the file's bytes.
fn list_of_csv_file(
    path: &Path,
    name: &str,
    options: &ImportOptions,
) -> Result<Option<ImportedList>, ImportError> {
    let io = |source| ImportError::Io {
        path: name.to_owned(),
        source,
    };
    let open = || std::fs::File::open(path).map_err(io);
    // Up to two byte-order marks are the file's, as `csv::CsvText::decode` reads them.
    let mut head = [0u8; 6];
    let mut filled = 0;
    let mut file = open()?;
    while filled < head.len() {
        match std::io::Read::read(&mut file, &mut head[filled..]).map_err(io)? {
            0 => break,
            n => filled += n,
        }
    }
    let bom = |at: usize| head[..filled].get(at..at + 3) == Some(b"\xEF\xBB\xBF".as_slice());
    let start = match (bom(0), bom(3)) {
        (true, true) => 6,
        (true, false) => 3,
        _ => 0,
    };
    let (header, leading, streamed) = find_header(|f| {
        csv::for_each_record_in_file(&mut file, csv::Position::start(start), name, f)
    })?;
    if streamed == csv::Streamed::NotUtf8 {
        return Ok(None);
    }
    let Some((header_line, mapping, data)) = header else {
        return Err(no_header(name, leading));
    };
    let mut not_utf8 = false;
    let tables = [TableInfo {
        header_line,
        ..TableInfo::csv(name, &mapping)
    }];
    let read = import_rows(
        &tables,
        header_line,
        options,
        rows_in_bytes(file.metadata().map_or(0, |m| m.len())),
        |visit: &mut dyn FnMut(usize, usize, &[&str])| {
            let mut file = open()?;
            let streamed = csv::for_each_batch_in_file(&mut file, data, name, |batch| {
                let mut cells: Vec<&str> = Vec::new();
                for row in batch.rows() {
                    cells.clear();
                    cells.extend(row.cells());
                    visit(0, row.line, &cells);
                }
            })?;
            not_utf8 |= streamed == csv::Streamed::NotUtf8;
            Ok(())
        },
    );
    if not_utf8 {
        return Ok(None);
    }
    let read = read?;
    read.into_list(name, None, Some("UTF-8"), header_line, &mapping)
        .map(Some)
}

/// A header row found: its line, its mapping, and where the data rows start.
type Header = (usize, HeaderMapping, csv::Position);

/// What [`find_header`] finds: the header row if any, the leading rows' mappings, and what the
/// reader returned.
type HeaderSearch<T> = (Option<Header>, Vec<(usize, HeaderMapping)>, T);

/// The header row among a list's leading records, which `read` visits (it stops when the
/// visitor returns `false`): the first of [`table::HEADER_SEARCH_ROWS`] that names a code and a
/// name column; and the leading rows' mappings, for a message when there is none.
fn find_header<T>(
    read: impl FnOnce(
        &mut dyn FnMut(&csv::Record<'_>) -> Result<bool, ImportError>,
    ) -> Result<T, ImportError>,
) -> Result<HeaderSearch<T>, ImportError> {
    let mut leading: Vec<(usize, HeaderMapping)> = Vec::new();
    // The leading records' cells and where the record after each starts, read until the header
    // is settled (it may take two rows, and the row under it says whether it does).
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut places: Vec<(usize, csv::Position)> = Vec::new();
    let mut header: Option<Header> = None;
    let outcome = read(&mut |record| {
        let cells: Vec<String> = record.cells.iter().map(|c| (*c).to_owned()).collect();
        leading.push((record.line, HeaderMapping::detect(&cells)));
        rows.push(cells);
        places.push((record.line, record.next));
        // With the row under it read, a row is settled as a header or not.
        if let Some((i, mapping)) = table::header_of_rows(&rows)
            && (i + 1 < rows.len() || rows.len() > table::HEADER_SEARCH_ROWS)
        {
            let (line, next) = places[i];
            header = Some((line, mapping, next));
            return Ok(false);
        }
        Ok(rows.len() <= table::HEADER_SEARCH_ROWS)
    })?;
    if header.is_none()
        && let Some((i, mapping)) = table::header_of_rows(&rows)
    {
        // The file ended under its header.
        let (line, next) = places[i];
        header = Some((line, mapping, next));
    }
    leading.truncate(table::HEADER_SEARCH_ROWS);
    Ok((header, leading, outcome))
}

/// The error for a list with no header row among its leading rows.
fn no_header(name: &str, leading: Vec<(usize, HeaderMapping)>) -> ImportError {
    ImportError::NoHeader {
        path: name.to_owned(),
        hint: table::nearest_header(leading.into_iter())
            .map_or_else(String::new, |(line, missing)| missing_hint(line, &missing)),
    }
}

/// Reads a list from its bytes and builds its plan.
pub fn read_list_bytes(
    bytes: &[u8],
    name: &str,
    format: ListFormat,
    options: &ImportOptions,
) -> Result<ImportedList, ImportError> {
    match format {
        ListFormat::Csv if bytes.len() as u64 <= MAX_LIST_BYTES => {
            list_of_csv(bytes.to_vec(), name, options)
        }
        _ => list_of_table(&read_table_bytes(bytes, name, format, options)?, options),
    }
}

/// Reads a CSV list straight into its plan: the rows are read from the decoded text as they
/// come, never held as a table (a province's list would hold some 60 MB of cells twice over).
/// The result is that of [`read_table`] then [`ImportedList::from_table`].
fn list_of_csv(
    bytes: Vec<u8>,
    name: &str,
    options: &ImportOptions,
) -> Result<ImportedList, ImportError> {
    let text = csv::CsvText::decode(bytes, name)?;
    let (header, leading, ()) = find_header(|f| {
        csv::for_each_record(&text.text, csv::Position::start(text.start), name, f)
    })?;
    let Some((header_line, mapping, data)) = header else {
        return Err(no_header(name, leading));
    };
    let tables = [TableInfo {
        header_line,
        ..TableInfo::csv(name, &mapping)
    }];
    let read = import_rows(
        &tables,
        header_line,
        options,
        rows_in_bytes(text.text.len() as u64),
        |visit: &mut dyn FnMut(usize, usize, &[&str])| {
            csv::for_each_record(&text.text, data, name, |record| {
                visit(0, record.line, record.cells);
                Ok(true)
            })
        },
    )?;
    let encoding = text.encoding;
    // The rows are all in the builder: the text (some 60 MB at province scale) goes
    // before the plan is built.
    drop(text);
    read.into_list(name, None, Some(encoding), header_line, &mapping)
}

fn list_of_table(table: &RawTable, options: &ImportOptions) -> Result<ImportedList, ImportError> {
    let (index, mapping) = table
        .detect_mapping()
        .ok_or_else(|| ImportError::NoHeader {
            path: table.source.clone(),
            hint: table
                .nearest_header()
                .map_or_else(String::new, |(line, missing)| missing_hint(line, &missing)),
        })?;
    ImportedList::from_table(table, index, &mapping, options)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_like_a_spreadsheet() {
        assert_eq!(column_letters(1), "A");
        assert_eq!(column_letters(26), "Z");
        assert_eq!(column_letters(27), "AA");
        assert_eq!(column_letters(703), "AAA");
    }

    #[test]
    fn escaped_cells_read_back() {
        assert_eq!(unescape("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(unescape("'abc"), "'abc");
    }
}
