//! Reading a workbook list with calamine, as a user sees it in Excel: the first visible sheet
//! that holds a list (a hidden or very hidden sheet is read only when named, an empty cover or a
//! notes sheet is passed over and said so), or the one named (a name with a stray space at either
//! end is found by its trimmed name where that is unique); each cell as Excel displays it (a
//! number under its number format: `00000` keeps a code's leading zeros, `@` and General write a
//! whole number without `.0`; a date as `2024-01-31`; a formula's cached error as `#REF!`, which
//! the row reader refuses as an error naming the cell). A row's line is its sheet row, and its
//! cells keep their sheet columns, so messages name the cell a user sees. A merged cell's text is
//! read in every cell it covers (a title across the sheet, a 主项 over its 子项 rows, a code over
//! its 主办 and 协办 rows, a header over two rows).
//!
//! The archive is checked first ([`super::zip_guard`]), then the sheet's cells are streamed
//! (calamine's cell reader) rather than read as one rectangular range: a range spans the
//! bounding box of its cells, so two cells at `A1` and `XFD1048576` would ask for 17 billion
//! cells. Here only the rows that hold something are kept, and the cells kept in all rows
//! (each row as wide as its last non-empty cell) are bounded by [`super::MAX_WORKBOOK_CELLS`].

use std::io::Cursor;

use calamine::{DataRef, ExcelDateTime, Reader, SheetVisible, Xlsx};

use super::csv::trim_cell;
use super::table::{PassedOver, RawTable, TableBuilder, TableOrigin};
use super::{ImportError, ListFormat, MAX_WORKBOOK_CELLS, column_letters};

/// A cell as Excel displays it, under its number format.
pub fn cell_text(cell: &DataRef<'_>, format: &NumberFormat) -> String {
    match cell {
        DataRef::Empty => String::new(),
        DataRef::String(s) => trim_cell(s),
        DataRef::SharedString(s) => trim_cell(s),
        DataRef::Float(f) => format.display(*f),
        #[allow(
            clippy::cast_precision_loss,
            reason = "a cell's integer is an f64 in Excel"
        )]
        DataRef::Int(i) => format.display(*i as f64),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        DataRef::DateTime(d) if d.is_datetime() => date_text(d),
        DataRef::DateTime(d) => format.display(d.as_f64()),
        DataRef::DateTimeIso(s) => s.strip_suffix("T00:00:00").unwrap_or(s).to_owned(),
        DataRef::DurationIso(s) => s.clone(),
        // `#REF!`, `#N/A` …: the row reader refuses a cell that holds one.
        DataRef::Error(e) => e.to_string(),
    }
}

/// A date (and time, where it has one) as `2024-01-31` / `2024-01-31 08:30`.
fn date_text(date: &ExcelDateTime) -> String {
    let (year, month, day, hour, minute, second, _) = date.to_ymd_hms_milli();
    let serial = date.as_f64();
    let time = if second == 0 {
        format!("{hour:02}:{minute:02}")
    } else {
        format!("{hour:02}:{minute:02}:{second:02}")
    };
    if serial.fract() == 0.0 {
        format!("{year:04}-{month:02}-{day:02}")
    } else if serial < 1.0 {
        time
    } else {
        format!("{year:04}-{month:02}-{day:02} {time}")
    }
}

/// How a number cell is displayed: General (a whole number without `.0`, else up to ten
/// decimals), or a format of digit placeholders (`00000`, `0.00`, `#,##0`, `0%`, with literal
/// text around them). Anything else (scientific, fractions) is shown as General.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NumberFormat {
    /// `None`: General.
    digits: Option<Digits>,
}

/// A format of digit placeholders.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Digits {
    /// How many digits the whole part has at least (its `0`s).
    whole: usize,
    /// How many decimals.
    decimals: usize,
    /// Thousands separated by commas.
    grouped: bool,
    /// Shown as a percentage.
    percent: bool,
    /// Literal text before and after the number.
    prefix: String,
    suffix: String,
}

impl NumberFormat {
    /// The display of a number format code (`General`, `@`, `00000`, `0.00%` …).
    pub fn of_code(code: &str) -> Self {
        Self {
            digits: digits_of(code),
        }
    }

    /// A number as this format shows it.
    pub fn display(&self, value: f64) -> String {
        match &self.digits {
            None => general(value),
            Some(d) => d.display(value),
        }
    }
}

/// A number as Excel's General format shows it: whole without a decimal point, else with up to
/// ten decimals and no trailing zeros.
fn general(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        #[allow(clippy::cast_possible_truncation, reason = "whole and below 1e15")]
        return format!("{}", value as i64);
    }
    if !value.is_finite() || value.abs() >= 1e15 {
        return value.to_string();
    }
    let text = format!("{value:.10}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

impl Digits {
    fn display(&self, value: f64) -> String {
        let value = if self.percent { value * 100.0 } else { value };
        if !value.is_finite() || value.abs() >= 1e15 {
            return general(value);
        }
        let text = format!("{:.*}", self.decimals, value.abs());
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        let whole = whole.trim_start_matches('0');
        let mut digits = "0".repeat(self.whole.saturating_sub(whole.len()));
        digits.push_str(whole);
        if self.grouped {
            digits = grouped(&digits);
        }
        let negative = value < 0.0 && text.bytes().any(|b| b.is_ascii_digit() && b != b'0');
        let mut out = self.prefix.clone();
        if negative {
            out.push('-');
        }
        out.push_str(&digits);
        if !fraction.is_empty() {
            out.push('.');
            out.push_str(fraction);
        }
        out.push_str(&self.suffix);
        out
    }
}

/// Digits with a comma between each group of three.
fn grouped(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The digit placeholders of a format code's first section, or `None` for General (and for
/// what this reader does not render: scientific, fractions, text sections, dates).
fn digits_of(code: &str) -> Option<Digits> {
    let mut digits = Digits {
        whole: 0,
        decimals: 0,
        grouped: false,
        percent: false,
        prefix: String::new(),
        suffix: String::new(),
    };
    let mut placeholders = 0;
    let mut point = false;
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        let literal = |text: char, digits: &mut Digits| {
            if placeholders == 0 {
                digits.prefix.push(text);
            } else {
                digits.suffix.push(text);
            }
        };
        match c {
            ';' => break,
            '0' | '#' | '?' => {
                placeholders += 1;
                if point {
                    digits.decimals += 1;
                } else if c == '0' {
                    digits.whole += 1;
                }
            }
            '.' if placeholders > 0 || chars.clone().next().is_some_and(|n| "0#?".contains(n)) => {
                point = true;
            }
            ',' if placeholders > 0 && !point => digits.grouped = true,
            '%' => {
                digits.percent = true;
                literal('%', &mut digits);
            }
            '"' => {
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                    literal(q, &mut digits);
                }
            }
            '\\' => {
                if let Some(next) = chars.next() {
                    literal(next, &mut digits);
                }
            }
            // Padding to the width of the next character, and repeating it: nothing shown.
            '_' | '*' => {
                chars.next();
            }
            // A colour or a locale.
            '[' => {
                for b in chars.by_ref() {
                    if b == ']' {
                        break;
                    }
                }
            }
            ' ' | '-' | '+' | '(' | ')' | ':' | '$' | '¥' | '￥' => literal(c, &mut digits),
            _ => return None,
        }
    }
    (placeholders > 0).then_some(digits)
}

/// The number formats of a workbook's cell styles, by style index.
fn number_formats(styles: &[calamine::Style]) -> Vec<NumberFormat> {
    styles
        .iter()
        .map(|style| {
            style
                .number_format
                .as_ref()
                .map_or_else(NumberFormat::default, |f| {
                    NumberFormat::of_code(&f.format_code)
                })
        })
        .collect()
}

/// Why a visible sheet was passed over while looking for the list.
pub(super) fn passed_over_why(table: &RawTable) -> &'static str {
    if table.is_empty() {
        "空白工作表 (an empty sheet)"
    } else {
        "没有表头行 (no header row with a 事项编码 and a 事项名称 column)"
    }
}

/// What the import report says of a hidden sheet.
const HIDDEN: &str = "隐藏的工作表，未读；要读它，用 --sheet 指名 (a hidden sheet: not read; name it with --sheet to read it)";

/// The import report's line for a hidden sheet of `file`.
pub(super) fn hidden_sheet_passed_over(file: &str, sheet: &str) -> PassedOver {
    PassedOver {
        source: format!("{file}「{sheet}」"),
        why: HIDDEN.to_owned(),
    }
}

/// The sheet a name asks for: the sheet of that name, else the one sheet whose name is that name
/// once both are trimmed (「清单 」 for 「清单」).
fn sheet_named(sheets: &[String], wanted: &str) -> Option<String> {
    if let Some(exact) = sheets.iter().find(|s| s.as_str() == wanted) {
        return Some(exact.clone());
    }
    let mut trimmed = sheets.iter().filter(|s| s.trim() == wanted.trim());
    match (trimmed.next(), trimmed.next()) {
        (Some(only), None) => Some(only.clone()),
        _ => None,
    }
}

/// Reads the rows of one sheet of a workbook: the one named, or the first visible sheet that
/// holds a list (a header row); none holding one, the first visible sheet that is not empty, so
/// that the caller's error says what its header lacks.
pub fn read_workbook(
    bytes: &[u8],
    name: &str,
    sheet: Option<&str>,
) -> Result<RawTable, ImportError> {
    let workbook_error = |message: String| ImportError::Workbook {
        path: name.to_owned(),
        message,
    };
    super::zip_guard::check(bytes).map_err(workbook_error)?;
    let mut book: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes)).map_err(|e| workbook_error(e.to_string()))?;
    let all: Vec<String> = book.sheet_names();
    let names_where = |visible: bool| -> Vec<String> {
        book.sheets_metadata()
            .iter()
            .filter(|s| (s.visible == SheetVisible::Visible) == visible)
            .map(|s| s.name.clone())
            .collect()
    };
    let (visible, hidden) = (names_where(true), names_where(false));
    if let Some(wanted) = sheet {
        let chosen = sheet_named(&all, wanted).ok_or_else(|| ImportError::NoSheet {
            path: name.to_owned(),
            sheet: wanted.to_owned(),
            available: all.clone(),
        })?;
        let mut table = read_sheet(&mut book, name, &chosen, visible)?;
        table.hidden_sheets = hidden;
        return Ok(table);
    }
    if visible.is_empty() {
        return Err(workbook_error(if all.is_empty() {
            "the workbook has no sheet (工作簿没有工作表)".to_owned()
        } else {
            format!(
                "工作簿的工作表都是隐藏的：{}；请用 --sheet 指名要读的工作表 (every sheet is hidden: name the one to read with --sheet)",
                all.iter()
                    .map(|s| format!("「{s}」"))
                    .collect::<Vec<_>>()
                    .join("、")
            )
        }));
    }
    let mut passed_over: Vec<PassedOver> = hidden
        .iter()
        .map(|h| hidden_sheet_passed_over(name, h))
        .collect();
    let mut fallback: Option<RawTable> = None;
    for chosen in &visible {
        let table = read_sheet(&mut book, name, chosen, visible.clone())?;
        if table.detect_mapping().is_some() {
            return Ok(with_passed_over(table, hidden, passed_over));
        }
        if fallback.is_none() && !table.is_empty() {
            fallback = Some(table);
        } else {
            passed_over.push(PassedOver {
                source: format!("{name}「{chosen}」"),
                why: passed_over_why(&table).to_owned(),
            });
        }
    }
    let table = if let Some(table) = fallback {
        table
    } else {
        // Every visible sheet is empty: the first, which the others' notes follow.
        passed_over.retain(|p| p.source != format!("{name}「{}」", visible[0]));
        read_sheet(&mut book, name, &visible[0], visible.clone())?
    };
    Ok(with_passed_over(table, hidden, passed_over))
}

/// A table with the workbook's hidden sheets and the sheets passed over before it.
fn with_passed_over(
    mut table: RawTable,
    hidden: Vec<String>,
    passed_over: Vec<PassedOver>,
) -> RawTable {
    table.hidden_sheets = hidden;
    table.passed_over = passed_over;
    table
}

/// Reads one sheet's cells (merged regions filled) into a table.
fn read_sheet(
    book: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    chosen: &str,
    sheets: Vec<String>,
) -> Result<RawTable, ImportError> {
    let workbook_error = |message: String| ImportError::Workbook {
        path: name.to_owned(),
        message: format!("sheet 「{chosen}」: {message}"),
    };
    let mut cells = read_cells(book, chosen).map_err(workbook_error)?;
    // A merged cell (a title across the sheet, a 主项 over its 子项 rows, a header over two
    // rows) holds its text in its first cell only: every cell it covers reads that text.
    let merged = book
        .merge_cells_by_sheet_name(chosen)
        .map_err(|e| workbook_error(e.to_string()))?;
    fill_merged(&mut cells, &merged).map_err(workbook_error)?;
    let table = rows_of_cells(cells).map_err(|(line, message)| ImportError::Limit {
        path: name.to_owned(),
        line,
        message,
    })?;
    Ok(table.finish(
        String::new(),
        TableOrigin {
            source: name,
            format: ListFormat::Xlsx,
            encoding: None,
            sheet: Some(chosen.to_owned()),
            sheets,
        },
    ))
}

/// The non-empty cells of a sheet as (row, column, text as displayed), rows and columns from 0.
fn read_cells(
    book: &mut Xlsx<Cursor<&[u8]>>,
    sheet: &str,
) -> Result<Vec<(u32, u32, String)>, String> {
    let mut reader = book
        .worksheet_cells_reader(sheet)
        .map_err(|e| e.to_string())?;
    let formats = number_formats(reader.styles());
    let general = NumberFormat::default();
    let mut cells = Vec::new();
    while let Some((cell, style)) = reader
        .next_cell_with_style_id()
        .map_err(|e| e.to_string())?
    {
        let (row, column) = cell.get_position();
        let text = cell_text(cell.get_value(), formats.get(style).unwrap_or(&general));
        if text.is_empty() {
            continue;
        }
        if cells.len() >= MAX_WORKBOOK_CELLS {
            return Err(format!(
                "more than {MAX_WORKBOOK_CELLS} filled cells (at {}{}); a list that large is refused",
                column_letters(column as usize + 1),
                u64::from(row) + 1
            ));
        }
        cells.push((row, column, text));
    }
    Ok(cells)
}

/// Gives every cell of each merged region the text of the region's first cell; refuses
/// regions that together would add more than [`MAX_WORKBOOK_CELLS`] cells.
fn fill_merged(
    cells: &mut Vec<(u32, u32, String)>,
    merged: &[calamine::Dimensions],
) -> Result<(), String> {
    if merged.is_empty() {
        return Ok(());
    }
    let first: std::collections::HashMap<(u32, u32), usize> = cells
        .iter()
        .enumerate()
        .map(|(i, (r, c, _))| ((*r, *c), i))
        .collect();
    let mut added: Vec<(u32, u32, String)> = Vec::new();
    for region in merged {
        let ((top, left), (bottom, right)) = (region.start, region.end);
        let Some(&at) = first.get(&(top, left)) else {
            continue;
        };
        let area = (u64::from(bottom.saturating_sub(top)) + 1)
            * (u64::from(right.saturating_sub(left)) + 1);
        if area.saturating_add((cells.len() + added.len()) as u64) > MAX_WORKBOOK_CELLS as u64 {
            return Err(format!(
                "a merged region of {area} cells ({}{}:{}{}) makes the sheet larger than {MAX_WORKBOOK_CELLS} cells; a list that large is refused",
                column_letters(left as usize + 1),
                u64::from(top) + 1,
                column_letters(right as usize + 1),
                u64::from(bottom) + 1
            ));
        }
        let text = &cells[at].2;
        for row in top..=bottom {
            for column in left..=right {
                if (row, column) != (top, left) && !first.contains_key(&(row, column)) {
                    added.push((row, column, text.clone()));
                }
            }
        }
    }
    cells.extend(added);
    Ok(())
}

/// Groups cells into rows, each as wide as its last cell; `Err((line, why))` when the rows
/// together would hold more than [`MAX_WORKBOOK_CELLS`] cells.
fn rows_of_cells(mut cells: Vec<(u32, u32, String)>) -> Result<TableBuilder, (usize, String)> {
    cells.sort_by_key(|(row, column, _)| (*row, *column));
    let mut table = RawTable::builder(0);
    let mut kept: usize = 0;
    let mut cells = cells.into_iter().peekable();
    while let Some((row, _, _)) = cells.peek() {
        let row = *row;
        let line = row as usize + 1;
        let mark = table.mark();
        let mut width = 0;
        while let Some((_, column, text)) = cells.next_if(|(r, _, _)| *r == row) {
            let column = column as usize;
            if column < width {
                // The same cell twice (a malformed sheet): the first is kept.
                continue;
            }
            kept = kept.saturating_add(column + 1 - width);
            if kept > MAX_WORKBOOK_CELLS {
                return Err((
                    line,
                    format!(
                        "第 {line} 行 {} 列: the rows up to here span more than {MAX_WORKBOOK_CELLS} cells; a list that large (or that sparse) is refused",
                        column_letters(column + 1)
                    ),
                ));
            }
            let too_long = |_| {
                (
                    line,
                    "the workbook's cells hold more than 4 GiB of text".to_owned(),
                )
            };
            // The empty cells between this one and the last (cells come sorted and distinct).
            for _ in width..column {
                table.push_owned("").map_err(too_long)?;
            }
            table.push_owned(&text).map_err(too_long)?;
            width = column + 1;
        }
        table.finish_row(line, mark, width);
    }
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_their_format_shows_them() {
        let show = |code: &str, value: f64| NumberFormat::of_code(code).display(value);
        assert_eq!(show("00000", 123.0), "00123");
        assert_eq!(show("General", 123.0), "123");
        assert_eq!(show("@", 456.0), "456");
        assert_eq!(show("0", 789.0), "789");
        assert_eq!(show("0.00", 1.5), "1.50");
        assert_eq!(show("#,##0", 1_234_567.0), "1,234,567");
        assert_eq!(show("0%", 0.25), "25%");
        assert_eq!(show("\"A-\"0000", 12.0), "A-0012");
        assert_eq!(show("[Red]000", -7.0), "-007");
        assert_eq!(show("0.00E+00", 12.0), "12");
        assert_eq!(show("General", 0.1 + 0.2), "0.3");
    }

    #[test]
    fn a_sheet_is_found_by_its_trimmed_name_when_that_is_unique() {
        let sheets = ["清单 ".to_owned(), "说明".to_owned()];
        assert_eq!(sheet_named(&sheets, "清单").as_deref(), Some("清单 "));
        assert_eq!(sheet_named(&sheets, "封面"), None);
        let two = ["清单 ".to_owned(), " 清单".to_owned()];
        assert_eq!(sheet_named(&two, "清单"), None);
    }
}
