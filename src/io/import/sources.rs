//! Lists as offices send them: several files or a folder at once, one workbook per department
//! or one sheet per department, the department named only in a sheet's title row or in the
//! file's name; and the import report that says what was read, table by table.
//!
//! Each table (a CSV, or a sheet of a workbook with a header row) is read under its own header
//! mapping; all rows go to one plan, so two departments' lists that both lead one item overlap.
//! A table with no 实施主体 column takes its holder from its title row (「附件1：甲市城市管理局
//! 权责清单（2024年版）」), else from its sheet's name where a workbook has one sheet per
//! department, else from the file's name; the holder is put in a column of its own (and a
//! 行使层级 column where the table has none: 区级 for a body whose name names its district, else
//! 市级), so that its rows read as any other list's.

mod department;

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::build::{HolderFrom, TableInfo};
use super::table::{PassedOver, RawTable};
use super::{
    Field, HeaderMapping, ImportError, ImportOptions, ImportedList, ListFormat, RowError,
    column_letters, district_in_name, import_rows, read_table, read_table_bytes,
};
use crate::text::{Label, Lang};
pub use department::department_in_title;
use department::holder_of;

/// What an import did: the tables read (with their columns and where a holder came from), the
/// sheets and files passed over, the items and sub-items made and the rows skipped.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    /// Each table read, in order.
    pub tables: Vec<TableReport>,
    /// Sheets or files passed over, with why.
    pub passed_over: Vec<PassedOver>,
    /// Rows read into the plan, in all.
    pub rows: usize,
    /// Powers made (sub-items included).
    pub items: usize,
    /// Of them, sub-items (子项) under a main item.
    pub sub_items: usize,
    /// Rows skipped (with `--skip-bad-rows`), each with its place and why.
    pub skipped: Vec<String>,
    /// Rows passed over because they repeat their table's header row (a header printed on
    /// every page, lists pasted one under another), by place (`file:line`).
    pub repeated_headers: Vec<String>,
}

/// One table of an import.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TableReport {
    /// The file.
    pub file: String,
    /// The sheet, for a workbook.
    pub sheet: Option<String>,
    /// The line of its (last) header row.
    pub header_line: usize,
    /// Rows read from it.
    pub rows: usize,
    /// Each field read, with its column and the header it was found under.
    pub columns: Vec<MappedColumn>,
    /// Header columns no field reads (序号, 备注 …).
    pub ignored: Vec<String>,
    /// The holder of its rows, where it has no 实施主体 column.
    pub holder: Option<String>,
    /// Where that holder was taken from.
    pub holder_from: Option<HolderFrom>,
}

/// The column of a field a table does not have but the import added (the holder taken from a
/// title, sheet or file name, and its level).
pub const VIRTUAL_COLUMN: &str = "—";

/// A column an import read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MappedColumn {
    /// The field (its Chinese name; a level mark column is 「行使层级：市级」).
    pub field: String,
    /// The column: letters for a workbook, a number from 1 for a CSV.
    pub column: String,
    /// The header it was found under.
    pub header: String,
}

impl ImportReport {
    /// The report as lines of text, for the terminal and the window.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = vec![format!(
            "导入 {} 行：事项 {} 项（其中子项 {} 项），来自 {} 张表 (rows read; items, of them sub-items; tables)",
            self.rows,
            self.items,
            self.sub_items,
            self.tables.len()
        )];
        for t in &self.tables {
            let place = match &t.sheet {
                Some(sheet) => format!("{}「{sheet}」", t.file),
                None => t.file.clone(),
            };
            lines.push(format!(
                "{place}：表头第 {} 行，读入 {} 行",
                t.header_line, t.rows
            ));
            let columns: Vec<String> = t
                .columns
                .iter()
                .map(|c| {
                    if c.column == VIRTUAL_COLUMN {
                        // A holder (or level) the table does not have: where it came from.
                        format!("{}←{}", c.field, c.header)
                    } else {
                        format!("{}←{}「{}」", c.field, c.column, c.header)
                    }
                })
                .collect();
            lines.push(format!("  列：{}", columns.join("，")));
            if !t.ignored.is_empty() {
                lines.push(format!("  未读的列：{}", t.ignored.join("，")));
            }
            if let (Some(holder), Some(from)) = (&t.holder, t.holder_from) {
                lines.push(format!(
                    "  实施主体取自{}：{holder} (holder taken from the {})",
                    from.label_zh(),
                    match from {
                        HolderFrom::Title => "title row",
                        HolderFrom::Sheet => "sheet name",
                        HolderFrom::FileName => "file name",
                    }
                ));
            }
        }
        for p in &self.passed_over {
            lines.push(format!("略过 {}：{}", p.source, p.why));
        }
        if !self.repeated_headers.is_empty() {
            lines.push(format!(
                "略过与表头相同的行 {} 行：{} (rows repeating the header row, passed over)",
                self.repeated_headers.len(),
                self.repeated_headers.join("、")
            ));
        }
        if !self.skipped.is_empty() {
            lines.push(format!("跳过错误行 {} 行", self.skipped.len()));
        }
        lines
    }
}

/// The report of the tables a builder read.
pub(super) fn report(
    tables: &[TableInfo],
    rows: &[usize],
    sub_items: usize,
    skipped: &[RowError],
    repeated_headers: Vec<String>,
) -> ImportReport {
    ImportReport {
        tables: tables
            .iter()
            .zip(rows)
            .map(|(t, rows)| table_report(t, *rows))
            .collect(),
        passed_over: Vec::new(),
        rows: rows.iter().sum(),
        items: 0,
        sub_items,
        skipped: skipped.iter().map(ToString::to_string).collect(),
        repeated_headers,
    }
}

fn table_report(table: &TableInfo, rows: usize) -> TableReport {
    let m = &table.mapping;
    let letter = |c: usize| {
        if table.spreadsheet {
            column_letters(c + 1)
        } else {
            (c + 1).to_string()
        }
    };
    let virtual_column = |c: usize| c >= table.own_columns;
    let mut columns: Vec<MappedColumn> = Field::ALL
        .into_iter()
        .filter_map(|f| {
            let c = m.column(f)?;
            Some(MappedColumn {
                field: f.label_zh().to_owned(),
                column: if virtual_column(c) {
                    VIRTUAL_COLUMN.to_owned()
                } else {
                    letter(c)
                },
                header: m.header(c).to_owned(),
            })
        })
        .collect();
    columns.extend(m.level_marks().iter().map(|(level, c)| MappedColumn {
        field: format!("行使层级：{}", level.label(Lang::Zh)),
        column: letter(*c),
        header: m.header(*c).to_owned(),
    }));
    TableReport {
        file: table.file.clone(),
        sheet: table.sheet.clone(),
        header_line: table.header_line,
        rows,
        columns,
        ignored: m
            .ignored()
            .into_iter()
            .map(|c| format!("{}「{}」", letter(c), m.header(c)))
            .collect(),
        holder: table.holder.as_ref().map(|(h, _)| h.clone()),
        holder_from: table.holder.as_ref().map(|(_, f)| *f),
    }
}

/// A table ready to read: its cells, where its header ends, and the cells it adds to every row
/// (the holder, and a level, of a table without a 实施主体 column).
struct Prepared {
    table: RawTable,
    header_index: usize,
    info: TableInfo,
    extra: ExtraCells,
}

/// Reads lists from files and folders (a folder's list files, by name; Excel's `~$` lock files
/// and hidden files left out) into one plan: every sheet of a workbook that has a header row,
/// or only `options.sheet`. A single CSV with a 实施主体 column is read as it streams.
pub fn read_lists(paths: &[PathBuf], options: &ImportOptions) -> Result<ImportedList, ImportError> {
    let files = list_files(paths)?;
    if let [single] = files.as_slice()
        && ListFormat::of_path(single) == Some(ListFormat::Csv)
    {
        let list = super::read_csv_list(single, options)?;
        if list.mapping.column(Field::Body).is_some() {
            return Ok(list);
        }
    }
    let mut prepared = Vec::new();
    let mut passed_over = Vec::new();
    let several_files = files.len() > 1;
    for file in &files {
        prepare_file(
            file,
            options,
            several_files,
            &mut prepared,
            &mut passed_over,
        )?;
    }
    let Some(first) = prepared.first() else {
        return Err(ImportError::UnknownFormat {
            path: paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
        });
    };
    let header_line = first.info.header_line;
    let first_source = first.info.source.clone();
    let first_table = (
        first.table.sheet.clone(),
        first.table.encoding,
        first.info.mapping.clone(),
    );
    let infos: Vec<TableInfo> = prepared.iter().map(|p| p.info.clone()).collect();
    let expected = prepared.iter().map(|p| p.table.len()).sum();
    let read = import_rows(&infos, header_line, options, expected, |visit| {
        let mut cells: Vec<&str> = Vec::new();
        for (index, p) in prepared.iter().enumerate() {
            for raw in p.table.rows().skip(p.header_index + 1) {
                cells.clear();
                cells.extend(raw.cells());
                put_extra(&mut cells, &p.extra);
                visit(index, raw.line, &cells);
            }
        }
        Ok(())
    })?;
    let (sheet, encoding, mapping) = first_table;
    let mut list = read.into_list(&first_source, sheet, encoding, header_line, &mapping)?;
    list.report.passed_over = passed_over;
    Ok(list)
}

/// The list files named: files as they are, folders' list files by name.
fn list_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, ImportError> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let entries = std::fs::read_dir(path).map_err(|source| ImportError::Io {
                path: path.display().to_string(),
                source,
            })?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file() && super::is_list_path(p))
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| !n.starts_with("~$") && !n.starts_with('.'))
                })
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

/// Reads a file's tables: a CSV, a workbook's chosen sheet, or every visible sheet with a
/// header row (hidden sheets, and visible ones without a header, are passed over and said so).
fn prepare_file(
    path: &Path,
    options: &ImportOptions,
    several_files: bool,
    prepared: &mut Vec<Prepared>,
    passed_over: &mut Vec<PassedOver>,
) -> Result<(), ImportError> {
    let name = path.display().to_string();
    if ListFormat::of_path(path) != Some(ListFormat::Xlsx) {
        prepared.push(prepare_table(read_table(path, options)?, path, false)?);
        return Ok(());
    }
    // A workbook is read from the disk once, whatever sheets are read from it.
    let bytes = super::read_list_file(path, &name)?;
    let first = read_table_bytes(&bytes, &name, ListFormat::Xlsx, options)?;
    if options.sheet.is_some() || first.sheets.len() <= 1 {
        passed_over.extend(first.passed_over.iter().cloned());
        prepared.push(prepare_table(first, path, false)?);
        return Ok(());
    }
    passed_over.extend(
        first
            .hidden_sheets
            .iter()
            .map(|sheet| super::xlsx::hidden_sheet_passed_over(&name, sheet)),
    );
    let sheets = first.sheets.clone();
    // Every visible sheet is read below, and each says for itself why it was passed over.
    let mut first = first;
    first.passed_over.clear();
    let mut first = Some(first);
    let mut tables = Vec::with_capacity(sheets.len());
    for sheet in &sheets {
        if let Some(table) = first.take_if(|t| t.sheet.as_ref() == Some(sheet)) {
            tables.push(table);
            continue;
        }
        let options = ImportOptions {
            sheet: Some(sheet.clone()),
            ..options.clone()
        };
        tables.push(read_table_bytes(&bytes, &name, ListFormat::Xlsx, &options)?);
    }
    let before = prepared.len();
    // The sheets without a header row: each one's error, and whether it is empty.
    let mut without_header: Vec<(ImportError, bool)> = Vec::new();
    for table in tables {
        let sheet = table.sheet.clone().unwrap_or_default();
        let why = super::xlsx::passed_over_why(&table);
        let empty = table.is_empty();
        match prepare_table(table, path, true) {
            Ok(table) => prepared.push(table),
            Err(error @ ImportError::NoHeader { .. }) => {
                passed_over.push(PassedOver {
                    source: format!("{name}「{sheet}」"),
                    why: why.to_owned(),
                });
                without_header.push((error, empty));
            }
            Err(error) => return Err(error),
        }
    }
    if prepared.len() == before && !several_files {
        // No sheet has a header: the first sheet that is not empty says what its header
        // lacks, and names the others.
        let chosen = without_header
            .iter()
            .position(|(_, empty)| !*empty)
            .unwrap_or(0);
        if chosen < without_header.len() {
            let (error, _) = without_header.swap_remove(chosen);
            let others: Vec<String> = passed_over
                .iter()
                .filter(
                    |p| !matches!(&error, ImportError::NoHeader { path, .. } if *path == p.source),
                )
                .map(|p| format!("{}：{}", p.source, p.why))
                .collect();
            return Err(match error {
                ImportError::NoHeader { path, hint } if !others.is_empty() => {
                    ImportError::NoHeader {
                        path,
                        hint: format!(
                            "{hint}; 其余工作表也没有清单 (no other sheet has a list): {}",
                            others.join("；")
                        ),
                    }
                }
                error => error,
            });
        }
    }
    Ok(())
}

/// A table's header, and the holder it takes from its title, sheet or file where it has no
/// 实施主体 column.
fn prepare_table(table: RawTable, path: &Path, by_sheet: bool) -> Result<Prepared, ImportError> {
    let Some((header_index, mut mapping)) = table.detect_mapping() else {
        return Err(super::table_without_header(&table));
    };
    let header_line = table.row(header_index).map_or(0, |r| r.line);
    let own_columns = mapping.headers.len();
    let (extra, holder) = add_holder(&table, header_index, &mut mapping, path, by_sheet);
    let file = path.display().to_string();
    let source = match (&table.sheet, by_sheet) {
        (Some(sheet), true) => format!("{file}「{sheet}」"),
        _ => file.clone(),
    };
    let info = TableInfo {
        source,
        file,
        spreadsheet: table.format == ListFormat::Xlsx,
        mapping,
        own_columns,
        sheet: table.sheet.clone(),
        header_line,
        holder,
    };
    Ok(Prepared {
        table,
        header_index,
        info,
        extra,
    })
}

/// Cells added to every row of a table, by column.
type ExtraCells = Vec<(usize, String)>;

/// Where a table has no 实施主体 column: the holder its title, sheet or file names, put in a
/// column of its own (and a 行使层级 column where it has none) that `mapping` reads; the cells
/// to add to each row, and the holder.
pub(super) fn add_holder(
    table: &RawTable,
    header_index: usize,
    mapping: &mut HeaderMapping,
    path: &Path,
    by_sheet: bool,
) -> (ExtraCells, Option<(String, HolderFrom)>) {
    let mut extra = Vec::new();
    if mapping.column(Field::Body).is_some() {
        return (extra, None);
    }
    let Some((name, from)) = holder_of(table, header_index, path, by_sheet) else {
        return (extra, None);
    };
    let column = mapping.headers.len();
    mapping.headers.push(format!("（{}）", from.label_zh()));
    mapping.set(Field::Body, Some(column));
    extra.push((column, name.clone()));
    if mapping.column(Field::Level).is_none() && mapping.level_marks().is_empty() {
        let column = mapping.headers.len();
        mapping.headers.push("（按实施主体）".to_owned());
        mapping.set(Field::Level, Some(column));
        let level = if district_in_name(&name).is_some() {
            "区级"
        } else {
            "市级"
        };
        extra.push((column, level.to_owned()));
    }
    (extra, Some((name, from)))
}

/// The holder a table with no 实施主体 column takes (from its title row, its sheet's name or
/// its file's name), and where from; `None` when it has the column or names nobody. The import
/// dialog shows it.
pub fn holder_for_table(
    table: &RawTable,
    header_index: usize,
    mapping: &HeaderMapping,
) -> Option<(String, HolderFrom)> {
    if mapping.column(Field::Body).is_some() {
        return None;
    }
    holder_of(
        table,
        header_index,
        Path::new(&table.source),
        table.sheets.len() > 1,
    )
}

/// Puts the added cells into a row's cells.
pub(super) fn put_extra<'c>(cells: &mut Vec<&'c str>, extra: &'c [(usize, String)]) {
    for (column, text) in extra {
        if cells.len() <= *column {
            cells.resize(*column + 1, "");
        }
        cells[*column] = text;
    }
}
