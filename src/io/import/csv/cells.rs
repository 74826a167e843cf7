//! Finding the cells of one record: RFC 4180 quoting as the `csv` crate reads it, cells found
//! eight bytes at a time, trimmed of ASCII and full-width spaces and byte-order marks, each a
//! span of the text unless its quotes had to be undone ([`Records`]).

pub(super) use super::super::spelling::{may_be_trimmed, may_end_trimmed};
use super::super::{ImportError, MAX_LIST_CELLS, MAX_LIST_COLUMNS};

/// Whether a character is trimmed from a cell: ASCII and full-width spaces, and a byte-order mark.
pub(super) fn is_trimmed(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// Trims a cell: ASCII and full-width spaces, and a byte-order mark.
pub fn trim_cell(text: &str) -> String {
    text.trim_matches(is_trimmed).to_owned()
}

/// The span of `text[start..end]` once trimmed.
fn trimmed_span(text: &str, start: usize, end: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    // Most cells are not padded: the first byte of the first and of the last character tell.
    if start == end {
        return (start, end);
    }
    if !may_be_trimmed(bytes[start]) && !may_end_trimmed(&bytes[start..end]) {
        return (start, end);
    }
    let cell = &text[start..end];
    let head = cell.len() - cell.trim_start_matches(is_trimmed).len();
    let tail = cell.len() - cell.trim_end_matches(is_trimmed).len();
    if head == cell.len() {
        (start, start)
    } else {
        (start + head, end - tail)
    }
}

/// Calls `f` with the offset of each `separator` (an ASCII byte) of `line`, in order: eight
/// bytes at a time (a cell is some fifteen bytes, too short for a search per cell to pay).
pub(super) fn for_each_separator(line: &[u8], separator: u8, mut f: impl FnMut(usize)) {
    const LOW: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let commas = u64::from_le_bytes([separator; 8]);
    let mut words = line.chunks_exact(8);
    let mut base = 0;
    for word in &mut words {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(word);
        let x = u64::from_le_bytes(bytes) ^ commas;
        // The high bit of each byte of x that is zero, that is, of each comma.
        let mut found = !(((x & LOW) + LOW) | x | LOW);
        while found != 0 {
            f(base + found.trailing_zeros() as usize / 8);
            found &= found - 1;
        }
        base += 8;
    }
    for (i, &b) in words.remainder().iter().enumerate() {
        if b == separator {
            f(base + i);
        }
    }
}

/// One cell as found: a span of the text, or of `Records::unquoted` (a quoted cell with `""`
/// in it, or text after its closing quote), trimmed.
#[derive(Clone, Copy, Debug)]
pub(super) enum Cell {
    Span(usize, usize),
    Unquoted(usize, usize),
}

/// The reader's place in the text.
pub(super) struct Records<'a> {
    pub(super) text: &'a str,
    pub(super) name: &'a str,
    pub(super) at: usize,
    pub(super) line: usize,
    pub(super) kept: usize,
    /// What separates cells.
    pub(super) separator: u8,
    /// The unquoted cells of the current record, one after another.
    pub(super) unquoted: String,
    /// The cells of the current record.
    pub(super) found: Vec<Cell>,
    /// Where the current record's cells end (its terminator starts).
    pub(super) cells_end: usize,
    /// Whether the text ends where the file does (else a record at its end may go on).
    pub(super) last: bool,
}

impl Records<'_> {
    fn limit(&self, line: usize, message: String) -> ImportError {
        ImportError::Limit {
            path: self.name.to_owned(),
            line,
            message,
        }
    }

    /// Reads one record (the reader is at its first byte) and its terminator into `found`;
    /// returns its width (up to its last non-blank cell) and whether a terminator ended it (not
    /// the end of the text).
    pub(super) fn record(&mut self) -> Result<(usize, bool), ImportError> {
        let bytes = self.text.as_bytes();
        let line = self.line;
        self.found.clear();
        self.unquoted.clear();
        // Most records have no quotes: their cells are the pieces of the line between commas,
        // found in one pass over the line rather than one search per cell.
        let eol =
            memchr::memchr2(b'\n', b'\r', &bytes[self.at..]).map_or(bytes.len(), |n| self.at + n);
        let width = if memchr::memchr(b'"', &bytes[self.at..eol]).is_none() {
            self.unquoted_cells(eol)
        } else {
            self.cells_one_by_one(line)?
        };
        self.cells_end = self.at;
        // The terminator: CRLF, LF or CR.
        let whole = match bytes.get(self.at) {
            Some(b'\r') if bytes.get(self.at + 1) == Some(&b'\n') => {
                self.at += 2;
                self.line += 1;
                true
            }
            Some(b'\n') => {
                self.at += 1;
                self.line += 1;
                true
            }
            // A CR at the end of a block may be the first half of a CRLF: whole only if a byte
            // follows it.
            Some(_) => {
                self.at += 1;
                self.at < bytes.len()
            }
            None => false,
        };
        if !whole && !self.last {
            // The record may go on in the next block: its width is not known yet.
            return Ok((width, whole));
        }
        if width > MAX_LIST_COLUMNS {
            return Err(self.limit(
                line,
                format!(
                    "第 {line} 行有 {width} 列 (the row has {width} columns; a list row may have at most {MAX_LIST_COLUMNS})"
                ),
            ));
        }
        self.kept = self.kept.saturating_add(width);
        if self.kept > MAX_LIST_CELLS {
            return Err(self.limit(
                line,
                format!(
                    "the rows up to line {line} hold more than {MAX_LIST_CELLS} cells; a list that large is refused"
                ),
            ));
        }
        Ok((width, whole))
    }

    /// Reads the cells of a record with no quote, up to `eol` (its terminator or the end of the
    /// text); returns its width.
    fn unquoted_cells(&mut self, eol: usize) -> usize {
        let (mut cells, mut width) = (0, 0);
        let (text, from) = (self.text, self.at);
        let mut start = from;
        let separator = self.separator;
        let mut cell = |end: usize| {
            let (start_trimmed, end_trimmed) = trimmed_span(text, start, end);
            self.keep(
                &mut cells,
                &mut width,
                Cell::Span(start_trimmed, end_trimmed),
            );
            start = end + 1;
        };
        for_each_separator(&text.as_bytes()[from..eol], separator, |comma| {
            cell(from + comma);
        });
        cell(eol);
        self.at = eol;
        width
    }

    /// Reads the cells of a record one by one (any of them may be quoted); returns its width.
    fn cells_one_by_one(&mut self, line: usize) -> Result<usize, ImportError> {
        let (mut cells, mut width) = (0, 0);
        loop {
            let cell = match self.cell(line)? {
                Cell::Span(start, end) => {
                    let (start, end) = trimmed_span(self.text, start, end);
                    Cell::Span(start, end)
                }
                Cell::Unquoted(start, end) => {
                    let (start, end) = trimmed_span(&self.unquoted, start, end);
                    Cell::Unquoted(start, end)
                }
            };
            self.keep(&mut cells, &mut width, cell);
            if self.text.as_bytes().get(self.at) == Some(&self.separator) {
                self.at += 1;
            } else {
                return Ok(width);
            }
        }
    }

    /// Counts a trimmed cell of the record and keeps it; cells past the widest row allowed are
    /// only counted (the row is refused). The width is up to the last non-blank cell.
    fn keep(&mut self, cells: &mut usize, width: &mut usize, cell: Cell) {
        *cells += 1;
        if *cells <= MAX_LIST_COLUMNS {
            self.found.push(cell);
        }
        if !matches!(cell, Cell::Span(s, e) | Cell::Unquoted(s, e) if s == e) {
            *width = *cells;
        }
    }

    /// Reads one cell; the reader is left at the `,` or terminator after it (or the end).
    fn cell(&mut self, record_line: usize) -> Result<Cell, ImportError> {
        let bytes = self.text.as_bytes();
        let start = self.at;
        if bytes.get(start) != Some(&b'"') {
            let end = start
                + memchr::memchr3(self.separator, b'\n', b'\r', &bytes[start..])
                    .unwrap_or(bytes.len() - start);
            self.at = end;
            return Ok(Cell::Span(start, end));
        }
        // A quoted cell: to the next quote that is not doubled.
        let content = start + 1;
        let mut from = content;
        let begun = self.unquoted.len();
        let mut doubled = false;
        let close = loop {
            let Some(offset) = memchr::memchr(b'"', &bytes[from..]) else {
                return Err(ImportError::Csv {
                    path: self.name.to_owned(),
                    line: record_line,
                    message: "引号未闭合：此行开始的带引号单元格直到文件末尾都没有结束 (a quoted cell that starts on this line is never closed)".into(),
                });
            };
            let quote = from + offset;
            self.line += memchr::memchr_iter(b'\n', &bytes[from..quote]).count();
            if bytes.get(quote + 1) == Some(&b'"') {
                doubled = true;
                self.unquoted.push_str(&self.text[from..=quote]);
                from = quote + 2;
            } else {
                if doubled {
                    self.unquoted.push_str(&self.text[from..quote]);
                }
                break quote;
            }
        };
        // Text after the closing quote is kept, as the `csv` crate keeps it.
        let after = close + 1;
        let end = after
            + memchr::memchr3(self.separator, b'\n', b'\r', &bytes[after..])
                .unwrap_or(bytes.len() - after);
        self.at = end;
        if !doubled && end == after {
            return Ok(Cell::Span(content, close));
        }
        if !doubled {
            self.unquoted.push_str(&self.text[content..close]);
        }
        self.unquoted.push_str(&self.text[after..end]);
        Ok(Cell::Unquoted(begun, self.unquoted.len()))
    }
}
