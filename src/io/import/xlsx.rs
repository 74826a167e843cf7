//! Reading a workbook list with calamine: the first sheet, or the one named (the caller reads
//! every sheet of a workbook with one sheet per department). Numbers that are whole (codes typed
//! as numbers) read back without a decimal point; a row's line is its sheet row, and its cells
//! keep their sheet columns, so messages name the cell a user sees. A merged cell's text is read
//! in every cell it covers (a title across the sheet, a 主项 over its 子项 rows, a header over
//! two rows).
//!
//! The archive is checked first ([`super::zip_guard`]), then the sheet's cells are streamed
//! (calamine's cell reader) rather than read as one rectangular range: a range spans the
//! bounding box of its cells, so two cells at `A1` and `XFD1048576` would ask for 17 billion
//! cells. Here only the rows that hold something are kept, and the cells kept in all rows
//! (each row as wide as its last non-empty cell) are bounded by [`super::MAX_WORKBOOK_CELLS`].

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use super::csv::trim_cell;
use super::table::{RawTable, TableBuilder, TableOrigin};
use super::{ImportError, ListFormat, MAX_WORKBOOK_CELLS, column_letters};

/// A cell as text.
pub fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => trim_cell(s),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Data::DateTime(d) => d.to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// Reads the rows of one sheet of a workbook.
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
    let sheets = book.sheet_names();
    let chosen = match sheet {
        Some(wanted) => sheets
            .iter()
            .find(|s| s.as_str() == wanted)
            .cloned()
            .ok_or_else(|| ImportError::NoSheet {
                path: name.to_owned(),
                sheet: wanted.to_owned(),
                available: sheets.clone(),
            })?,
        None => sheets
            .first()
            .cloned()
            .ok_or_else(|| workbook_error("the workbook has no sheet".into()))?,
    };
    let mut cells = read_cells(&mut book, &chosen)
        .map_err(|message| workbook_error(format!("sheet 「{chosen}」: {message}")))?;
    // A merged cell (a title across the sheet, a 主项 over its 子项 rows, a header over two
    // rows) holds its text in its first cell only: every cell it covers reads that text.
    let merged = book
        .merge_cells_by_sheet_name(&chosen)
        .map_err(|e| workbook_error(format!("sheet 「{chosen}」: {e}")))?;
    fill_merged(&mut cells, &merged)
        .map_err(|message| workbook_error(format!("sheet 「{chosen}」: {message}")))?;
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
            sheet: Some(chosen),
            sheets,
        },
    ))
}

/// The non-empty cells of a sheet as (row, column, text), rows and columns from 0.
fn read_cells(
    book: &mut Xlsx<Cursor<&[u8]>>,
    sheet: &str,
) -> Result<Vec<(u32, u32, String)>, String> {
    let mut reader = book
        .worksheet_cells_reader(sheet)
        .map_err(|e| e.to_string())?;
    let mut cells = Vec::new();
    while let Some(cell) = reader.next_cell().map_err(|e| e.to_string())? {
        let (row, column) = cell.get_position();
        let text = cell_text(&Data::from(cell.get_value().clone()));
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
