//! Power lists in: a 权责清单 as CSV or XLSX, one row per (power, holder), becomes a plan.
//!
//! Reading goes in three steps that the window's import dialog can also take one at a time:
//! [`read_table`] reads the cells of a file ([`RawTable`], CSV in UTF-8, GB18030 or UTF-16 decided
//! per file ([`encoding`]) with commas, tabs or semicolons between cells; XLSX by calamine, as
//! Excel shows it ([`xlsx`])); [`HeaderMapping::detect`] finds the header row's columns (the
//! preview shows it, the user may change it); [`ImportedList::from_table`] reads the rows and
//! builds the plan. [`read_list`] does all three.
//!
//! Every fault names the file, the line and the column. A list with bad rows imports nothing
//! unless [`ImportOptions::skip_bad_rows`] is set; then the skipped rows are listed in
//! [`ImportedList::skipped`]. How rows become jurisdictions, bodies and holdings, and why the
//! result's coverage is exactly the flat-list rule, is told in [`build`]; how one row is read, in
//! [`row`]; several files and sheets at once and the import report, in [`sources`]; the
//! spellings of published lists, in [`spelling`]; the errors, in [`error`].

pub mod build;
pub mod csv;
pub mod encoding;
pub mod error;
pub mod headers;
pub mod row;
pub mod sources;
pub mod spelling;
pub mod table;
pub mod xlsx;
pub mod zip_guard;

mod rows;
#[allow(clippy::wildcard_imports)]
use rows::*;

use std::path::Path;

pub use build::{HolderFrom, TableInfo};
use error::missing_hint;
pub use error::{ImportError, RowError, column_letters};
pub use headers::{Field, HeaderMapping};
pub use row::{ListHolder, ListRole, ListRow, district_in_name, names_city_body};
use row::{MainItemCells, parse_row};
pub use sources::{ImportReport, TableReport, read_lists};
pub use table::{RawRow, RawTable};

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
    /// The sheet of a workbook (hidden ones too); `None`: the visible sheets that hold a list
    /// (one table read alone: the first of them).
    pub sheet: Option<String>,
    /// Import the good rows and report the bad ones, instead of importing nothing.
    pub skip_bad_rows: bool,
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
            let line = table.row(header_index).map_or(0, |r| r.line);
            return Err(without_header(table, missing_hint(line, &missing)));
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
        let mut list = read.into_list(
            &table.source,
            table.sheet.clone(),
            table.encoding,
            header_line,
            &mapping,
        )?;
        list.report.passed_over.clone_from(&table.passed_over);
        Ok(list)
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

/// Reads the cells of a list file.
pub fn read_table(path: &Path, options: &ImportOptions) -> Result<RawTable, ImportError> {
    let name = path.display().to_string();
    let format = ListFormat::of_path(path)
        .ok_or_else(|| ImportError::UnknownFormat { path: name.clone() })?;
    let bytes = read_list_file(path, &name)?;
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
    let io = |source| ImportError::Io {
        path: name.clone(),
        source,
    };
    let metadata = std::fs::metadata(path).map_err(io)?;
    // Only a regular file can be streamed (it is opened twice) and trusted to end near its
    // reported size; a FIFO or a device is read once, whole, with the cap on what arrives.
    if metadata.is_file() {
        if metadata.len() > MAX_LIST_BYTES {
            return Err(ImportError::TooLarge {
                path: name,
                size: metadata.len(),
                limit: MAX_LIST_BYTES,
            });
        }
        if let Some(list) = list_of_csv_file(path, &name, options)? {
            return Ok(list);
        }
    }
    // Not UTF-8 (GB18030, or a fault the whole text names best), or not a regular file: read
    // it whole.
    let bytes = read_list_file(path, &name)?;
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
    // The head tells UTF-16 (read whole, decoded), the byte-order marks (up to two are the
    // file's, as `csv::CsvText::decode` reads them) and the separators to try.
    let mut head = vec![0u8; SNIFF_BYTES];
    let mut filled = 0;
    let mut file = open()?;
    while filled < head.len() {
        match std::io::Read::read(&mut file, &mut head[filled..]).map_err(io)? {
            0 => break,
            n => filled += n,
        }
    }
    head.truncate(filled);
    if encoding::utf16_of(&head).is_some() {
        return Ok(None);
    }
    let bom = |at: usize| head.get(at..at + 3) == Some(b"\xEF\xBB\xBF".as_slice());
    let start = match (bom(0), bom(3)) {
        (true, true) => 6,
        (true, false) => 3,
        _ => 0,
    };
    let separators = separators_to_try(&head);
    let (header, leading, streamed) = find_header_separated(&separators, |separator, f| {
        let from = csv::Position::start_separated(start, separator);
        csv::for_each_record_in_file(&mut file, from, name, f)
    })?;
    if streamed == csv::Streamed::NotUtf8 {
        return Ok(None);
    }
    let Some((header_line, mapping, data)) = header else {
        return Err(no_header(name, leading, "UTF-8", &separators_in(&head)));
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
        // With the row under it read, a row is settled as a header or not. Only the last two
        // rows can have become a header (a row's verdict hangs on it and the row under it):
        // the rows before were settled as no header when the row under them came.
        let from = rows.len().saturating_sub(2);
        if let Some((i, mapping)) = table::header_of_rows(&rows[from..])
            .map(|(i, mapping)| (from + i, mapping))
            .filter(|(i, _)| *i < table::HEADER_SEARCH_ROWS)
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

/// The error for a CSV list with no header row among its leading rows, read in `encoding`, its
/// leading bytes holding `separators`.
fn no_header(
    name: &str,
    leading: Vec<(usize, HeaderMapping)>,
    encoding: &str,
    separators: &[u8],
) -> ImportError {
    let hint = table::nearest_header(leading.into_iter())
        .map_or_else(String::new, |(line, missing)| missing_hint(line, &missing));
    ImportError::NoHeader {
        path: name.to_owned(),
        hint: format!("{hint}{}", reading_hint(encoding, separators)),
    }
}

/// How a CSV list was read, for a message that found no header in it: its encoding and the
/// separators its leading bytes hold.
fn reading_hint(encoding: &str, separators: &[u8]) -> String {
    let (zh, en): (Vec<&str>, Vec<&str>) = separators
        .iter()
        .map(|s| match s {
            b'\t' => ("制表符", "tabs"),
            b';' => ("分号", "semicolons"),
            _ => ("逗号", "commas"),
        })
        .unzip();
    let (zh, en) = if zh.is_empty() {
        ("无".to_owned(), "none".to_owned())
    } else {
        (zh.join("、"), en.join(", "))
    };
    format!(
        "; 按 {encoding} 编码读取，文件中的分隔符：{zh} (read as {encoding}; separators in the file: {en}; if the list is in another encoding or separated otherwise, save it from Excel as 「CSV UTF-8（逗号分隔）」)"
    )
}

/// How many leading bytes of a CSV list tell its separators (and UTF-16).
const SNIFF_BYTES: usize = 4096;

/// The separators a list's leading bytes hold: a comma, a tab (Excel's "Unicode text"), a
/// semicolon (a European Excel's "CSV").
fn separators_in(head: &[u8]) -> Vec<u8> {
    let head = &head[..head.len().min(SNIFF_BYTES)];
    [b',', b'\t', b';']
        .into_iter()
        .filter(|s| head.contains(s))
        .collect()
}

/// The separators to try a list's header search with: the comma, then a tab or a semicolon
/// that its leading bytes hold, where they name a code column at all (every header of one says
/// 编码, 編碼 or code: without one no separator can make a header row, and the comma's search
/// says why).
fn separators_to_try(head: &[u8]) -> Vec<u8> {
    let head = &head[..head.len().min(SNIFF_BYTES)];
    let names_a_code = ["编码", "編碼"]
        .iter()
        .any(|word| memchr::memmem::find(head, word.as_bytes()).is_some())
        || head.windows(4).any(|w| w.eq_ignore_ascii_case(b"code"));
    let mut separators = vec![b','];
    if names_a_code {
        separators.extend([b'\t', b';'].into_iter().filter(|s| head.contains(s)));
    }
    separators
}

/// The header search of [`find_header`] under each of `separators` in turn (`read` reads the
/// records with the one given): the first that finds a header row; with none, the first
/// separator's search (its leading rows make the hint), or its error.
fn find_header_separated<T>(
    separators: &[u8],
    mut read: impl FnMut(
        u8,
        &mut dyn FnMut(&csv::Record<'_>) -> Result<bool, ImportError>,
    ) -> Result<T, ImportError>,
) -> Result<HeaderSearch<T>, ImportError> {
    let mut first = None;
    for &separator in separators {
        let search = find_header(|f| read(separator, f));
        if matches!(&search, Ok((Some(_), _, _))) {
            return search;
        }
        first.get_or_insert(search);
    }
    first.unwrap_or_else(|| find_header(|f| read(b',', f)))
}

/// The separator of a decoded CSV list's cells (see [`separators_in`]): the first that makes a
/// header row, else the comma.
pub(crate) fn separator_of_text(text: &str, start: usize, name: &str) -> Result<u8, ImportError> {
    let separators = separators_to_try(text.as_bytes().get(start..).unwrap_or_default());
    if separators.len() == 1 {
        return Ok(b',');
    }
    let (header, _, separator) = find_header_separated(&separators, |separator, f| {
        csv::for_each_record(
            text,
            csv::Position::start_separated(start, separator),
            name,
            f,
        )
        .map(|()| separator)
    })?;
    Ok(if header.is_some() { separator } else { b',' })
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
    let head = text.text.as_bytes().get(text.start..).unwrap_or_default();
    let separators = separators_to_try(head);
    let (header, leading, ()) = find_header_separated(&separators, |separator, f| {
        let from = csv::Position::start_separated(text.start, separator);
        csv::for_each_record(&text.text, from, name, f)
    })?;
    let Some((header_line, mapping, data)) = header else {
        return Err(no_header(
            name,
            leading,
            text.encoding,
            &separators_in(head),
        ));
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
        .ok_or_else(|| table_without_header(table))?;
    ImportedList::from_table(table, index, &mapping, options)
}

/// The error for a table (a CSV read whole, or a sheet) in whose leading rows no header row was
/// found: the row nearest to one and what it lacks.
pub(crate) fn table_without_header(table: &RawTable) -> ImportError {
    let hint = table
        .nearest_header()
        .map_or_else(String::new, |(line, missing)| missing_hint(line, &missing));
    without_header(table, hint)
}

/// The error for a table with no header row, `hint` saying where it went wrong: a sheet is
/// named (and said to be empty, with the sheets passed over before it), a CSV's reading told.
fn without_header(table: &RawTable, mut hint: String) -> ImportError {
    use std::fmt::Write as _;
    let path = if let (Some(sheet), ListFormat::Xlsx) = (&table.sheet, table.format) {
        if table.is_empty() {
            let _ = write!(hint, "; 工作表「{sheet}」是空的 (the sheet is empty)");
        }
        for passed in &table.passed_over {
            let _ = write!(hint, "; 略过 {}：{}", passed.source, passed.why);
        }
        format!("{}「{sheet}」", table.source)
    } else {
        hint.push_str(&reading_hint(
            table.encoding.unwrap_or("UTF-8"),
            &table.separators,
        ));
        table.source.clone()
    };
    ImportError::NoHeader { path, hint }
}
