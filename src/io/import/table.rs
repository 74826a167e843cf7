//! The cells of a list file as read, before any meaning is given to them: one text buffer and
//! the span of each cell in it.
//!
//! A province's list has hundreds of thousands of rows of nine cells; one `String` per cell made
//! reading it mostly allocation (issue 6). Here a CSV's cells are views into the decoded file
//! itself (a cell is copied only when its quotes must be undone), a workbook's cells are
//! appended to one buffer, and a row is a range of spans. [`RawRow`] is a borrowed view of one row.

use serde::Serialize;

use super::{ListFormat, headers::HeaderMapping};

/// How many leading rows are searched for the header row (lists often open with a title row).
pub(super) const HEADER_SEARCH_ROWS: usize = 20;

/// Where one row's cells lie in [`RawTable::spans`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct RowEntry {
    line: usize,
    first: u32,
    width: u32,
}

/// The cells of a list file: the non-empty rows, each with its line and trimmed cells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawTable {
    /// The file's name, for messages.
    pub source: String,
    /// CSV or XLSX.
    pub format: ListFormat,
    /// The text encoding a CSV was read in (`UTF-8`, `GB18030`).
    pub encoding: Option<&'static str>,
    /// The sheet read, for a workbook.
    pub sheet: Option<String>,
    /// The visible sheets of a workbook, for a sheet picker.
    pub sheets: Vec<String>,
    /// The hidden (and very hidden) sheets of a workbook: read only when named.
    pub hidden_sheets: Vec<String>,
    /// The sheets passed over before this one was chosen (hidden, empty, without a header
    /// row), for the import report.
    pub passed_over: Vec<PassedOver>,
    /// The separators a CSV's leading bytes hold (`,`, `\t`, `;`), for a message when no
    /// header row is found.
    pub separators: Vec<u8>,
    text: String,
    spans: Vec<(u32, u32)>,
    rows: Vec<RowEntry>,
}

/// A sheet or file an import passed over.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PassedOver {
    /// The file, and the sheet if one.
    pub source: String,
    /// Why.
    pub why: String,
}

/// One row of a [`RawTable`]: its line in the file (from 1) and its cells, trimmed; column `i`
/// of the file is `cell(i)`.
#[derive(Clone, Copy, Debug)]
pub struct RawRow<'t> {
    /// The file line (CSV: where the record starts) or the sheet row (XLSX), from 1.
    pub line: usize,
    text: &'t str,
    spans: &'t [(u32, u32)],
}

impl<'t> RawRow<'t> {
    /// The cell of a column (from 0); `None` past the row's last non-empty cell.
    pub fn cell(&self, column: usize) -> Option<&'t str> {
        let &(start, end) = self.spans.get(column)?;
        self.text.get(start as usize..end as usize)
    }

    /// How many cells the row has (up to its last non-empty one).
    pub fn width(&self) -> usize {
        self.spans.len()
    }

    /// The cells, in column order.
    pub fn cells(&self) -> impl ExactSizeIterator<Item = &'t str> + 't {
        let text = self.text;
        self.spans
            .iter()
            .map(move |&(start, end)| text.get(start as usize..end as usize).unwrap_or(""))
    }

    /// The cells as owned strings (a header row, a preview).
    pub fn to_strings(&self) -> Vec<String> {
        self.cells().map(str::to_owned).collect()
    }
}

impl RawTable {
    /// A table of no rows whose cells may be spans of a text of `base` bytes (the decoded file,
    /// given to [`TableBuilder::finish`]); rows come through the builder.
    pub(super) fn builder(base: usize) -> TableBuilder {
        TableBuilder {
            base,
            extra: String::new(),
            spans: Vec::new(),
            rows: Vec::new(),
        }
    }

    /// A builder of a table of its own text (a batch of rows) that reuses this table's buffers,
    /// so that a reader handing out batch after batch needs no fresh memory for them.
    pub(super) fn recycle(self) -> TableBuilder {
        let (mut extra, mut spans, mut rows) = (self.text, self.spans, self.rows);
        extra.clear();
        spans.clear();
        rows.clear();
        TableBuilder {
            base: 0,
            extra,
            spans,
            rows,
        }
    }

    /// A builder of a table of its own text with room for `rows` rows, `cells` cells and
    /// `text` bytes made at once (room never used costs no memory; growing by doubling costs
    /// fresh memory at each step); `Err` when memory is short (an error to report, not an
    /// abort).
    pub(super) fn builder_with_room(
        rows: usize,
        cells: usize,
        text: usize,
    ) -> Result<TableBuilder, std::collections::TryReserveError> {
        let mut builder = TableBuilder {
            base: 0,
            extra: String::new(),
            spans: Vec::new(),
            rows: Vec::new(),
        };
        builder.extra.try_reserve_exact(text)?;
        builder.spans.try_reserve_exact(cells)?;
        builder.rows.try_reserve_exact(rows)?;
        Ok(builder)
    }

    /// How many non-empty rows were read.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether no row was read.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Row `index` (from 0) of the non-empty rows.
    pub fn row(&self, index: usize) -> Option<RawRow<'_>> {
        self.rows.get(index).map(|r| self.view(r))
    }

    /// The non-empty rows, in file order.
    pub fn rows(&self) -> impl ExactSizeIterator<Item = RawRow<'_>> + DoubleEndedIterator {
        self.rows.iter().map(|r| self.view(r))
    }

    fn view(&self, entry: &RowEntry) -> RawRow<'_> {
        let first = entry.first as usize;
        RawRow {
            line: entry.line,
            text: &self.text,
            spans: &self.spans[first..first + entry.width as usize],
        }
    }

    /// The index in [`RawTable::rows`] of the header's last row (see
    /// [`RawTable::detect_mapping`]).
    pub fn header_index(&self) -> Option<usize> {
        self.detect_mapping().map(|(i, _)| i)
    }

    /// The leading row that names the most known columns without being a header, with the
    /// required fields it lacks: where a list whose header row lacks a column went wrong.
    pub fn nearest_header(&self) -> Option<(usize, Vec<super::Field>)> {
        nearest_header(
            self.rows()
                .take(HEADER_SEARCH_ROWS)
                .map(|r| (r.line, HeaderMapping::detect_row(&r))),
        )
    }

    /// The detected mapping of the header, if there is one, with the index of its last row: a
    /// header of two rows (a merged 行使层级 over 市级 / 区级 / 街道) is read as one, and the data
    /// rows start under it.
    pub fn detect_mapping(&self) -> Option<(usize, HeaderMapping)> {
        let rows: Vec<Vec<String>> = self
            .rows()
            .take(HEADER_SEARCH_ROWS + 1)
            .map(|r| r.to_strings())
            .collect();
        header_of_rows(&rows)
    }
}

/// The header among a list's leading rows: the index of its last row and its mapping. A row
/// that names a code and a name column is the header, with the row under it where that row
/// continues it; a row that does so only together with the row under it (主项 over 编码 /
/// 名称) is the first of a header of two rows.
pub(super) fn header_of_rows(rows: &[Vec<String>]) -> Option<(usize, HeaderMapping)> {
    for (i, row) in rows.iter().enumerate().take(HEADER_SEARCH_ROWS) {
        let upper = HeaderMapping::detect(row);
        let lower = rows.get(i + 1);
        if upper.is_header() {
            return Some(match lower {
                Some(lower) if upper.continued_by(lower) => {
                    (i + 1, HeaderMapping::detect_two_rows(&upper.headers, lower))
                }
                _ => (i, upper),
            });
        }
        if let Some(lower) = lower {
            let two = HeaderMapping::detect_two_rows(row, lower);
            if two.is_header() && !HeaderMapping::detect(lower).is_header() {
                return Some((i + 1, two));
            }
        }
    }
    None
}

/// Of leading rows (line, detected mapping), the one that names the most known columns, with
/// the required fields it lacks (see [`RawTable::nearest_header`]).
pub(super) fn nearest_header(
    rows: impl Iterator<Item = (usize, HeaderMapping)>,
) -> Option<(usize, Vec<super::Field>)> {
    rows.map(|(line, m)| {
        let known = super::Field::ALL
            .iter()
            .filter(|f| m.column(**f).is_some())
            .count();
        (known, line, m.missing_required())
    })
    .filter(|(known, _, _)| *known > 0)
    .max_by_key(|(known, line, _)| (*known, std::cmp::Reverse(*line)))
    .map(|(_, line, missing)| (line, missing))
}

/// Builds a [`RawTable`] row by row. A cell is a span of the base text (`push_span`: a CSV's
/// cells are views into the decoded file) or text of its own (`push_owned`: a cell whose quotes
/// were undone, a workbook's cell), appended after the base. Spans are `u32`, so the text may
/// grow to 4 GiB, far past any list read (lists are refused above 256 MiB and 24 million cells).
#[derive(Debug)]
pub(super) struct TableBuilder {
    base: usize,
    extra: String,
    spans: Vec<(u32, u32)>,
    rows: Vec<RowEntry>,
}

/// The text of a table outgrew its `u32` spans.
#[derive(Debug)]
pub(super) struct TextTooLong;

impl TableBuilder {
    /// Makes room for `cells` cells at once; `Err` when memory is short (an error to report,
    /// not an abort).
    pub fn try_reserve_cells(&mut self, cells: usize) -> Result<(), ()> {
        self.spans.try_reserve(cells).map_err(|_| ())
    }

    /// Where the next row's cells start (see [`TableBuilder::finish_row`]).
    pub fn mark(&self) -> usize {
        self.spans.len()
    }

    /// Adds a cell that is the span `start..end` of the base text.
    pub fn push_span(&mut self, start: usize, end: usize) -> Result<(), TextTooLong> {
        let start = u32::try_from(start).map_err(|_| TextTooLong)?;
        let end = u32::try_from(end).map_err(|_| TextTooLong)?;
        self.spans.push((start, end));
        Ok(())
    }

    /// Adds a cell of its own text.
    pub fn push_owned(&mut self, cell: &str) -> Result<(), TextTooLong> {
        let start = self.base + self.extra.len();
        self.extra.push_str(cell);
        self.push_span(start, start + cell.len())
    }

    /// Adds the cells of a record given with its text as written (`raw`): the text is copied
    /// once and the cells that are parts of it become spans of the copy; a cell that is not
    /// (a quoted cell whose quotes were undone) is copied on its own.
    pub fn push_record(&mut self, raw: &str, cells: &[&str]) -> Result<(), TextTooLong> {
        let copy = self.base + self.extra.len();
        self.extra.push_str(raw);
        let raw_at = raw.as_ptr() as usize;
        for cell in cells {
            // Where the cell lies in `raw`, if it is a part of it (by address: distinct texts
            // never overlap).
            let offset = (cell.as_ptr() as usize).wrapping_sub(raw_at);
            if offset
                .checked_add(cell.len())
                .is_some_and(|end| end <= raw.len())
            {
                self.push_span(copy + offset, copy + offset + cell.len())?;
            } else {
                self.push_owned(cell)?;
            }
        }
        Ok(())
    }

    /// Ends the row whose cells were pushed since `mark`, keeping only its first `width` cells
    /// (trailing blank cells carry nothing); a row of width 0 is dropped.
    pub fn finish_row(&mut self, line: usize, mark: usize, width: usize) {
        self.spans.truncate(mark + width);
        if width == 0 {
            return;
        }
        self.rows.push(RowEntry {
            line,
            // The readers refuse rows wider than MAX_LIST_COLUMNS and tables of more than
            // MAX_LIST_CELLS cells, far below u32::MAX.
            first: u32::try_from(mark).unwrap_or(u32::MAX),
            width: u32::try_from(width).unwrap_or(0),
        });
    }

    /// The table, over `text` (the base text of `base` bytes the spans index; empty for a
    /// workbook).
    pub fn finish(self, mut text: String, origin: TableOrigin<'_>) -> RawTable {
        debug_assert_eq!(text.len(), self.base);
        if text.is_empty() {
            text = self.extra;
        } else {
            text.push_str(&self.extra);
        }
        RawTable {
            source: origin.source.to_owned(),
            format: origin.format,
            encoding: origin.encoding,
            sheet: origin.sheet,
            sheets: origin.sheets,
            hidden_sheets: Vec::new(),
            passed_over: Vec::new(),
            separators: Vec::new(),
            text,
            spans: self.spans,
            rows: self.rows,
        }
    }
}

/// Where a table came from, for [`TableBuilder::finish`].
pub(super) struct TableOrigin<'a> {
    pub source: &'a str,
    pub format: ListFormat,
    pub encoding: Option<&'static str>,
    pub sheet: Option<String>,
    pub sheets: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_is_copied_once_and_a_cell_of_its_own_text_apart() {
        let raw = r#"A-1, "甲区" ,"say ""hi""",,x"#;
        // As the reader gives them: parts of `raw`, but for the third cell, whose quotes were
        // undone, and an empty cell from elsewhere.
        let own = String::from(r#"say "hi""#);
        let cells = [
            &raw[0..3],
            &raw[6..12],
            own.as_str(),
            "",
            &raw[raw.len() - 1..],
        ];
        let mut builder = RawTable::builder_with_room(1, 8, 64).expect("room");
        let mark = builder.mark();
        builder.push_record(raw, &cells).expect("small");
        builder.finish_row(1, mark, cells.len());
        let table = builder.finish(
            String::new(),
            TableOrigin {
                source: "t.csv",
                format: ListFormat::Csv,
                encoding: Some("UTF-8"),
                sheet: None,
                sheets: Vec::new(),
            },
        );
        let row = table.row(0).expect("one row");
        assert_eq!(row.to_strings(), cells.map(str::to_owned).to_vec());
        // The record's text once, then only the cell that was not a part of it.
        assert_eq!(table.text, format!("{raw}{own}"));
    }
}
