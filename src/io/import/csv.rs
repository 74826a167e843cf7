//! Reading a CSV list: UTF-8 with or without a byte-order mark, or GB18030 when the bytes are
//! not valid UTF-8 (what Excel saves as "CSV" on a Chinese Windows). RFC 4180 quoting, read the
//! way the `csv` crate reads it (a quote opens a quoted cell only at the cell's start, `""` inside
//! one is a quote, text after its closing quote is kept; CR, LF and CRLF each end a record; blank
//! lines are skipped); records may span lines, and each row keeps the line it starts on.
//!
//! The reader is Shiquan's own: a province's list is some 60 MB, and a cell here is a span of the
//! decoded file rather than a `String` of its own ([`super::table`]); the file is decoded once,
//! and cells are found with `memchr`. `tests/csv_reader.rs` checks it against the `csv` crate on
//! random input.

use super::table::{RawTable, TableBuilder, TableOrigin};
use super::{ImportError, ListFormat, MAX_LIST_CELLS, MAX_LIST_COLUMNS};

/// Decodes the bytes of a list: the text, where its content starts (after a byte-order mark),
/// and the encoding's name.
fn decode(bytes: Vec<u8>, name: &str) -> Result<(String, usize, &'static str), ImportError> {
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return Ok((text, if bom { 3 } else { 0 }, "UTF-8")),
        Err(e) if bom => {
            let valid = e.utf8_error().valid_up_to();
            return Err(ImportError::MislabelledUtf8 {
                path: name.to_owned(),
                line: line_at(&e.as_bytes()[3..], valid - 3),
            });
        }
        Err(e) => e.into_bytes(),
    };
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(&bytes);
    if had_errors {
        let line = text
            .lines()
            .position(|l| l.contains('\u{fffd}'))
            .map_or(1, |i| i + 1);
        return Err(ImportError::Encoding {
            path: name.to_owned(),
            line,
        });
    }
    Ok((text.into_owned(), 0, "GB18030"))
}

fn line_at(bytes: &[u8], offset: usize) -> usize {
    // Lists are small enough that a plain count is fine.
    bytecount_newlines(&bytes[..offset.min(bytes.len())]) + 1
}

fn bytecount_newlines(bytes: &[u8]) -> usize {
    bytes.split(|b| *b == b'\n').count() - 1
}

/// Whether a character is trimmed from a cell: ASCII and full-width spaces, and a byte-order mark.
fn is_trimmed(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// Trims a cell: ASCII and full-width spaces, and a byte-order mark.
pub fn trim_cell(text: &str) -> String {
    text.trim_matches(is_trimmed).to_owned()
}

/// The span of `text[start..end]` once trimmed.
fn trimmed_span(text: &str, start: usize, end: usize) -> (usize, usize) {
    let cell = &text[start..end];
    let head = cell.len() - cell.trim_start_matches(is_trimmed).len();
    let tail = cell.len() - cell.trim_end_matches(is_trimmed).len();
    if head == cell.len() {
        (start, start)
    } else {
        (start + head, end - tail)
    }
}

/// Reads the rows of a CSV list from its bytes.
pub fn read_csv(bytes: &[u8], name: &str) -> Result<RawTable, ImportError> {
    read_csv_owned(bytes.to_vec(), name)
}

/// Reads the rows of a CSV list, taking its bytes (the decoded text is the table's own text, so
/// a UTF-8 file is not copied).
pub fn read_csv_owned(bytes: Vec<u8>, name: &str) -> Result<RawTable, ImportError> {
    let (text, mut start, encoding) = decode(bytes, name)?;
    // A second byte-order mark (a file that went through two editors) is the file's too, as the
    // `csv` crate that Shiquan read lists with before drops one at the start of what it reads.
    if text[start..].starts_with('\u{feff}') {
        start += '\u{feff}'.len_utf8();
    }
    let mut table = RawTable::builder(text.len());
    Records {
        text: &text,
        name,
        at: start,
        line: 1,
        kept: 0,
        unquoted: String::new(),
    }
    .read_into(&mut table)?;
    Ok(table.finish(
        text,
        TableOrigin {
            source: name,
            format: ListFormat::Csv,
            encoding: Some(encoding),
            sheet: None,
            sheets: Vec::new(),
        },
    ))
}

/// One cell as found: a span of the text, or the text in `Records::unquoted` (a quoted cell
/// with `""` in it, or text after its closing quote).
enum Cell {
    Span(usize, usize),
    Unquoted,
}

/// The reader's place in the text.
struct Records<'a> {
    text: &'a str,
    name: &'a str,
    at: usize,
    line: usize,
    kept: usize,
    unquoted: String,
}

impl Records<'_> {
    fn limit(&self, line: usize, message: String) -> ImportError {
        ImportError::Limit {
            path: self.name.to_owned(),
            line,
            message,
        }
    }

    /// Reads every record into the table.
    fn read_into(&mut self, table: &mut TableBuilder) -> Result<(), ImportError> {
        let bytes = self.text.as_bytes();
        loop {
            // Terminators between records: blank lines.
            while let Some(&b) = bytes.get(self.at) {
                match b {
                    b'\n' => self.line += 1,
                    b'\r' => {}
                    _ => break,
                }
                self.at += 1;
            }
            if self.at >= bytes.len() {
                return Ok(());
            }
            self.record(table)?;
        }
    }

    /// Reads one record (the reader is at its first byte) and its terminator.
    fn record(&mut self, table: &mut TableBuilder) -> Result<(), ImportError> {
        let bytes = self.text.as_bytes();
        let line = self.line;
        let mark = table.mark();
        let (mut cells, mut width) = (0usize, 0usize);
        loop {
            let cell = self.cell(line)?;
            cells += 1;
            let blank = match cell {
                Cell::Span(start, end) => {
                    let (start, end) = trimmed_span(self.text, start, end);
                    if cells <= MAX_LIST_COLUMNS {
                        table
                            .push_span(start, end)
                            .map_err(|_| self.too_long(line))?;
                    }
                    start == end
                }
                Cell::Unquoted => {
                    let trimmed = self.unquoted.trim_matches(is_trimmed);
                    if cells <= MAX_LIST_COLUMNS {
                        table.push_owned(trimmed).map_err(|_| self.too_long(line))?;
                    }
                    trimmed.is_empty()
                }
            };
            if !blank {
                width = cells;
            }
            if bytes.get(self.at) == Some(&b',') {
                self.at += 1;
            } else {
                break;
            }
        }
        // The terminator: CRLF, LF or CR.
        match bytes.get(self.at) {
            Some(b'\r') if bytes.get(self.at + 1) == Some(&b'\n') => {
                self.at += 2;
                self.line += 1;
            }
            Some(b'\n') => {
                self.at += 1;
                self.line += 1;
            }
            Some(_) => self.at += 1,
            None => {}
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
        table.finish_row(line, mark, width);
        Ok(())
    }

    fn too_long(&self, line: usize) -> ImportError {
        self.limit(line, "the list's cells hold more than 4 GiB of text".into())
    }

    /// Reads one cell; the reader is left at the `,` or terminator after it (or the end).
    fn cell(&mut self, record_line: usize) -> Result<Cell, ImportError> {
        let bytes = self.text.as_bytes();
        let start = self.at;
        if bytes.get(start) != Some(&b'"') {
            let end = start
                + memchr::memchr3(b',', b'\n', b'\r', &bytes[start..])
                    .unwrap_or(bytes.len() - start);
            self.at = end;
            return Ok(Cell::Span(start, end));
        }
        // A quoted cell: to the next quote that is not doubled.
        let content = start + 1;
        let mut from = content;
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
                if !doubled {
                    doubled = true;
                    self.unquoted.clear();
                }
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
            + memchr::memchr3(b',', b'\n', b'\r', &bytes[after..]).unwrap_or(bytes.len() - after);
        self.at = end;
        if !doubled && end == after {
            return Ok(Cell::Span(content, close));
        }
        if !doubled {
            self.unquoted.clear();
            self.unquoted.push_str(&self.text[content..close]);
        }
        self.unquoted.push_str(&self.text[after..end]);
        Ok(Cell::Unquoted)
    }
}
