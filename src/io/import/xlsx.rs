//! Reading a workbook list with calamine: the first sheet, or the one named. Numbers that are
//! whole (codes typed as numbers) read back without a decimal point; a row's line is its sheet
//! row, and its cells keep their sheet columns, so messages name the cell a user sees.

use std::io::Cursor;

use calamine::{Data, Reader, open_workbook_auto_from_rs};

use super::csv::trim_cell;
use super::{ImportError, ListFormat, RawRow, RawTable};

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
    let workbook_error = |e: &dyn std::fmt::Display| ImportError::Workbook {
        path: name.to_owned(),
        message: e.to_string(),
    };
    let mut book =
        open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| workbook_error(&e))?;
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
            .ok_or_else(|| ImportError::Workbook {
                path: name.to_owned(),
                message: "the workbook has no sheet".into(),
            })?,
    };
    let range = book
        .worksheet_range(&chosen)
        .map_err(|e| workbook_error(&e))?;
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut rows = Vec::new();
    for (i, row) in range.rows().enumerate() {
        let mut cells: Vec<String> = vec![String::new(); left as usize];
        cells.extend(row.iter().map(cell_text));
        if cells.iter().any(|c| !c.is_empty()) {
            rows.push(RawRow {
                line: top as usize + i + 1,
                cells,
            });
        }
    }
    Ok(RawTable {
        source: name.to_owned(),
        format: ListFormat::Xlsx,
        encoding: None,
        sheet: Some(chosen),
        sheets,
        rows,
    })
}
