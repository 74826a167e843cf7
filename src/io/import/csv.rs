//! Reading a CSV list: UTF-8 with or without a byte-order mark, GB18030 (what Excel saves as
//! "CSV" on a Chinese Windows) or UTF-16, decided per file ([`super::encoding`]); cells separated
//! by commas, or by tabs or semicolons where that is what makes a header row
//! ([`super::separator_of_text`]). RFC 4180 quoting, read the
//! way the `csv` crate reads it (a quote opens a quoted cell only at the cell's start, `""` inside
//! one is a quote, text after its closing quote is kept; CR, LF and CRLF each end a record; blank
//! lines are skipped); records may span lines, and each row keeps the line it starts on.
//!
//! The reader is Shiquan's own: a province's list is some 60 MB, and a cell here is a span of the
//! decoded file rather than a `String` of its own ([`super::table`]); the file is decoded once,
//! and cells are found with `memchr`. `tests/csv_reader.rs` checks it against the `csv` crate on
//! random input.

use super::table::{RawTable, TableOrigin};
use super::{ImportError, ListFormat, MAX_LIST_CELLS, MAX_LIST_COLUMNS};

/// Whether a character is trimmed from a cell: ASCII and full-width spaces, and a byte-order mark.
fn is_trimmed(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// Trims a cell: ASCII and full-width spaces, and a byte-order mark.
pub fn trim_cell(text: &str) -> String {
    text.trim_matches(is_trimmed).to_owned()
}

/// Whether a character whose UTF-8 starts with `lead` may be one that cells are trimmed of:
/// the ASCII blanks, and the lead bytes of the other Unicode spaces (U+0085, U+00A0, U+1680,
/// U+2000–U+205F, U+3000) and of the byte-order mark. Chinese text never starts with them.
fn may_be_trimmed(lead: u8) -> bool {
    matches!(
        lead,
        b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF
    )
}

/// The span of `text[start..end]` once trimmed.
fn trimmed_span(text: &str, start: usize, end: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    // Most cells are not padded: the first byte of the first and of the last character tell.
    if start == end {
        return (start, end);
    }
    let mut last = end - 1;
    while last > start && bytes[last] & 0b1100_0000 == 0b1000_0000 {
        last -= 1;
    }
    if !may_be_trimmed(bytes[start]) && !may_be_trimmed(bytes[last]) {
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
fn for_each_separator(line: &[u8], separator: u8, mut f: impl FnMut(usize)) {
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

/// A CSV list decoded: its text, where the content starts (after any byte-order mark), and the
/// encoding it was read in.
#[derive(Debug)]
pub struct CsvText {
    /// The decoded text (a UTF-8 file's own bytes, not copied).
    pub text: String,
    /// The byte where the first record may start.
    pub start: usize,
    /// `UTF-8` or `GB18030`.
    pub encoding: &'static str,
}

impl CsvText {
    /// Decodes a list's bytes (as UTF-8 with or without a byte-order mark, else as GB18030).
    pub fn decode(bytes: Vec<u8>, name: &str) -> Result<Self, ImportError> {
        let (text, mut start, encoding) = super::encoding::decode(bytes, name)?;
        // A second byte-order mark (a file that went through two editors) is the file's too, as
        // the `csv` crate that Shiquan read lists with before drops one at the start of what it
        // reads.
        if text[start..].starts_with('\u{feff}') {
            start += '\u{feff}'.len_utf8();
        }
        Ok(Self {
            text,
            start,
            encoding,
        })
    }
}

/// Reads the rows of a CSV list from its bytes.
pub fn read_csv(bytes: &[u8], name: &str) -> Result<RawTable, ImportError> {
    read_csv_owned(bytes.to_vec(), name)
}

/// Reads the rows of a CSV list, taking its bytes (the decoded text is the table's own text, so
/// a UTF-8 file is not copied).
pub fn read_csv_owned(bytes: Vec<u8>, name: &str) -> Result<RawTable, ImportError> {
    let csv = CsvText::decode(bytes, name)?;
    let text = csv.text.as_str();
    let separator = super::separator_of_text(text, csv.start, name)?;
    let mut table = RawTable::builder(text.len());
    // A list's cells average some 15 bytes: room for them at once, not by doubling.
    let cells = text.len() / 16;
    table.try_reserve_cells(cells).map_err(|()| {
        super::out_of_memory(
            name,
            cells.saturating_mul(8),
            ("读入清单的单元格", "hold the list's cells"),
        )
    })?;
    let base = text.as_ptr() as usize;
    let from = Position::start_separated(csv.start, separator);
    for_each_record(text, from, name, |record| {
        let mark = table.mark();
        for cell in record.cells {
            // A cell is a slice of the text itself, or text of its own (quotes undone).
            let offset = (cell.as_ptr() as usize).wrapping_sub(base);
            let pushed = if offset <= text.len() && offset + cell.len() <= text.len() {
                table.push_span(offset, offset + cell.len())
            } else {
                table.push_owned(cell)
            };
            pushed.map_err(|_| ImportError::Limit {
                path: name.to_owned(),
                line: record.line,
                message: "the list's cells hold more than 4 GiB of text".into(),
            })?;
        }
        table.finish_row(record.line, mark, record.cells.len());
        Ok(true)
    })?;
    let separators = super::separators_in(text.as_bytes().get(csv.start..).unwrap_or_default());
    let mut table = table.finish(
        csv.text,
        TableOrigin {
            source: name,
            format: ListFormat::Csv,
            encoding: Some(csv.encoding),
            sheet: None,
            sheets: Vec::new(),
        },
    );
    table.separators = separators;
    Ok(table)
}

/// One non-empty record: its line (from 1), its cells trimmed and without trailing blank cells,
/// and the byte after it (where the next record may start).
#[derive(Debug)]
pub struct Record<'c> {
    /// The line the record starts on.
    pub line: usize,
    /// The cells.
    pub cells: &'c [&'c str],
    /// The record's text as written, without its terminator: each cell is a part of it,
    /// except a quoted cell whose quotes had to be undone.
    pub raw: &'c str,
    /// Where the next record may start.
    pub next: Position,
}

/// A place in a CSV text to read records from: the byte, its line, how many cells the rows
/// before held (the reader refuses a list of more than [`MAX_LIST_CELLS`] cells in all), and
/// the byte that separates cells (a comma, or a tab or semicolon: see
/// [`super::separator_of_text`]), which the records read from here keep.
#[derive(Clone, Copy, Debug)]
pub struct Position {
    /// The byte.
    pub at: usize,
    /// Its line, from 1.
    pub line: usize,
    /// Cells before it.
    pub kept: usize,
    /// What separates cells: `,`, `\t` or `;`.
    pub separator: u8,
}

impl Position {
    /// The start of a text's content (after a byte-order mark at `at`), cells separated by
    /// commas.
    pub fn start(at: usize) -> Self {
        Self::start_separated(at, b',')
    }

    /// The start of a text's content, cells separated by `separator`.
    pub fn start_separated(at: usize, separator: u8) -> Self {
        Self {
            at,
            line: 1,
            kept: 0,
            separator,
        }
    }
}

/// Reads the records of `text` from `from`, calling `f` with each non-empty one until it
/// returns `false`. Limits ([`MAX_LIST_COLUMNS`], [`MAX_LIST_CELLS`]) and an unclosed quote are
/// errors that name the line.
pub fn for_each_record(
    text: &str,
    from: Position,
    name: &str,
    f: impl FnMut(&Record<'_>) -> Result<bool, ImportError>,
) -> Result<(), ImportError> {
    read_records(text, from, 0, true, name, f).map(|_| ())
}

/// How a file read in blocks ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Streamed {
    /// Every record was read (or `f` asked to stop).
    Done,
    /// The file is not UTF-8 after all: read it whole instead (it may be GB18030).
    NotUtf8,
}

/// The block a CSV file is read in: the list's text is never held whole.
const BLOCK: usize = 1 << 20;

/// Reads the records of a UTF-8 CSV file from `from` (its `at` a byte of the file) in blocks of
/// `BLOCK` (1 MiB) bytes, as [`for_each_record`] reads a text; a record is read once it is
/// whole, so one that spans blocks is read with the next. Each record's `next.at` is a byte of the file.
pub fn for_each_record_in_file(
    file: &mut (impl std::io::Read + std::io::Seek),
    from: Position,
    name: &str,
    f: impl FnMut(&Record<'_>) -> Result<bool, ImportError>,
) -> Result<Streamed, ImportError> {
    stream_records(file, from, name, BLOCK, f)
}

/// How many records a batch of [`for_each_batch_in_file`] holds.
const BATCH_ROWS: usize = 4096;

/// A new batch, with room for a list's rows of up to 256 bytes and 16 cells.
fn fresh_batch(name: &str) -> Result<super::table::TableBuilder, ImportError> {
    RawTable::builder_with_room(BATCH_ROWS, BATCH_ROWS * 16, BATCH_ROWS * 256).map_err(|_| {
        super::out_of_memory(
            name,
            BATCH_ROWS * 400,
            ("读入一批清单行", "read a batch of rows"),
        )
    })
}

/// Reads the records of a UTF-8 CSV file as [`for_each_record_in_file`] does, on a thread of its
/// own, and hands them to `f` in batches (tables of up to `BATCH_ROWS`, 4,096, rows, in file
/// order) on this one: reading and decoding the file and reading its rows share two cores.
pub fn for_each_batch_in_file(
    file: &mut (impl std::io::Read + std::io::Seek + Send),
    from: Position,
    name: &str,
    mut f: impl FnMut(&RawTable),
) -> Result<Streamed, ImportError> {
    let origin = || TableOrigin {
        source: name,
        format: ListFormat::Csv,
        encoding: Some("UTF-8"),
        sheet: None,
        sheets: Vec::new(),
    };
    std::thread::scope(|scope| {
        // Two batches in flight at most: the reader stays a little ahead, memory stays small.
        let (batches, received) = std::sync::mpsc::sync_channel::<RawTable>(2);
        // Batches read come back to be filled again: fresh memory costs more than the copy.
        let (read_back, recycled) = std::sync::mpsc::channel::<RawTable>();
        let reader = scope.spawn(move || {
            let next_batch = || {
                recycled
                    .try_recv()
                    .map_or_else(|_| fresh_batch(name), |used| Ok(RawTable::recycle(used)))
            };
            let mut batch = next_batch()?;
            let mut rows = 0;
            let streamed = for_each_record_in_file(file, from, name, |record| {
                let mark = batch.mark();
                batch
                    .push_record(record.raw, record.cells)
                    .map_err(|_| ImportError::Limit {
                        path: name.to_owned(),
                        line: record.line,
                        message: "a batch of the list's cells holds more than 4 GiB of text".into(),
                    })?;
                batch.finish_row(record.line, mark, record.cells.len());
                rows += 1;
                if rows == BATCH_ROWS {
                    rows = 0;
                    // (An empty builder holds no memory.)
                    let full = std::mem::replace(&mut batch, RawTable::builder(0));
                    // The receiver only stops early when it failed; then nothing more is needed.
                    if batches.send(full.finish(String::new(), origin())).is_err() {
                        return Ok(false);
                    }
                    // Taken once the send is through: by then a batch read has come back.
                    batch = next_batch()?;
                }
                Ok(true)
            })?;
            let _ = batches.send(batch.finish(String::new(), origin()));
            Ok(streamed)
        });
        for batch in received {
            f(&batch);
            // The reader may have finished already; then the batch is simply dropped.
            let _ = read_back.send(batch);
        }
        reader
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// [`for_each_record_in_file`] with blocks of `block` bytes.
fn stream_records(
    file: &mut (impl std::io::Read + std::io::Seek),
    from: Position,
    name: &str,
    block: usize,
    mut f: impl FnMut(&Record<'_>) -> Result<bool, ImportError>,
) -> Result<Streamed, ImportError> {
    let io = |source| ImportError::Io {
        path: name.to_owned(),
        source,
    };
    file.seek(std::io::SeekFrom::Start(from.at as u64))
        .map_err(io)?;
    let short = |needed| super::out_of_memory(name, needed, ("读入清单", "read the list"));
    let mut buffer: Vec<u8> = Vec::new();
    buffer
        .try_reserve(2 * block)
        .map_err(|_| short(2 * block))?;
    let mut at = Position { at: 0, ..from };
    let mut base = from.at;
    let mut end_of_file = false;
    // How much to hold before reading records: a block, doubled while one record is longer
    // (so that a long record is read again only a few times, not once per block).
    let mut want = block;
    loop {
        while !end_of_file && buffer.len() < want {
            let filled = buffer.len();
            buffer
                .try_reserve(block)
                .map_err(|_| short(filled + block))?;
            buffer.resize(filled + block, 0);
            let read = file.read(&mut buffer[filled..]).map_err(io)?;
            buffer.truncate(filled + read);
            end_of_file = read == 0;
        }
        // Up to the start of the last character, which the block's end may have cut (its bytes
        // then come with the next block); at the end of the file, everything.
        let valid = if end_of_file {
            buffer.len()
        } else {
            buffer
                .iter()
                .rposition(|b| (b & 0b1100_0000) != 0b1000_0000)
                .unwrap_or(0)
        };
        // simdutf8: the same check as the standard library's, several times faster on Chinese
        // text (it was a tenth of `check LIST.csv`).
        let Ok(text) = simdutf8::basic::from_utf8(&buffer[..valid]) else {
            return Ok(Streamed::NotUtf8);
        };
        let last = end_of_file && valid == buffer.len();
        let (next, stopped) = read_records(text, at, base, last, name, &mut f)?;
        if stopped || last {
            return Ok(Streamed::Done);
        }
        want = if next.at == 0 {
            want.saturating_mul(2)
        } else {
            block
        };
        buffer.drain(..next.at);
        base += next.at;
        at = Position { at: 0, ..next };
    }
}

/// Reads the records of `text` from `from` (`base`: the byte of the file where `text` starts,
/// added to each record's `next.at`). Unless `last`, a record that runs to the end of `text` may
/// go on past it: it is left for the next text. Returns where reading stopped, and whether `f`
/// asked to stop.
fn read_records(
    text: &str,
    from: Position,
    base: usize,
    last: bool,
    name: &str,
    mut f: impl FnMut(&Record<'_>) -> Result<bool, ImportError>,
) -> Result<(Position, bool), ImportError> {
    let mut records = Records {
        text,
        name,
        at: from.at,
        line: from.line,
        kept: from.kept,
        separator: from.separator,
        unquoted: String::new(),
        found: Vec::new(),
        cells_end: from.at,
        last,
    };
    let bytes = text.as_bytes();
    let mut spare: Vec<&str> = Vec::new();
    loop {
        // Terminators between records: blank lines.
        while let Some(&b) = bytes.get(records.at) {
            match b {
                b'\n' => records.line += 1,
                b'\r' => {}
                _ => break,
            }
            records.at += 1;
        }
        let here = Position {
            at: records.at,
            line: records.line,
            kept: records.kept,
            separator: from.separator,
        };
        if records.at >= bytes.len() {
            return Ok((here, false));
        }
        let line = records.line;
        let (width, whole) = match records.record() {
            Ok(read) => read,
            // A quote still open at the end of a block may close in the next.
            Err(ImportError::Csv { .. }) if !last => return Ok((here, false)),
            Err(e) => return Err(e),
        };
        if !whole && !last {
            return Ok((here, false));
        }
        if width == 0 {
            continue;
        }
        let mut cells = recycle(std::mem::take(&mut spare));
        cells.extend(records.found[..width].iter().map(|cell| match *cell {
            Cell::Span(start, end) => &text[start..end],
            Cell::Unquoted(start, end) => &records.unquoted[start..end],
        }));
        let record = Record {
            line,
            cells: &cells,
            raw: &text[here.at..records.cells_end],
            next: Position {
                at: base + records.at,
                line: records.line,
                kept: records.kept,
                separator: from.separator,
            },
        };
        if !f(&record)? {
            return Ok((record.next, true));
        }
        spare = recycle(cells);
    }
}

/// An empty list with the room of `cells`, for cells of another record (the standard library
/// collects a vector's iterator into a vector of the same layout in place): one list for all
/// the records of a text rather than one each.
fn recycle<'x>(mut cells: Vec<&str>) -> Vec<&'x str> {
    cells.clear();
    cells.into_iter().map(|_| "").collect()
}

/// One cell as found: a span of the text, or of `Records::unquoted` (a quoted cell with `""`
/// in it, or text after its closing quote), trimmed.
#[derive(Clone, Copy, Debug)]
enum Cell {
    Span(usize, usize),
    Unquoted(usize, usize),
}

/// The reader's place in the text.
struct Records<'a> {
    text: &'a str,
    name: &'a str,
    at: usize,
    line: usize,
    kept: usize,
    /// What separates cells.
    separator: u8,
    /// The unquoted cells of the current record, one after another.
    unquoted: String,
    /// The cells of the current record.
    found: Vec<Cell>,
    /// Where the current record's cells end (its terminator starts).
    cells_end: usize,
    /// Whether the text ends where the file does (else a record at its end may go on).
    last: bool,
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
    fn record(&mut self) -> Result<(usize, bool), ImportError> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every record a reader gives: (line, cells, next line, next cells), or the error.
    type Seen = Result<Vec<(usize, Vec<String>, usize, usize)>, String>;

    fn seen(r: &Record<'_>) -> (usize, Vec<String>, usize, usize) {
        let cells = r.cells.iter().map(|c| (*c).to_owned()).collect();
        (r.line, cells, r.next.line, r.next.kept)
    }

    fn whole(text: &str) -> Seen {
        let mut seen_all = Vec::new();
        for_each_record(text, Position::start(0), "t.csv", |r| {
            seen_all.push(seen(r));
            Ok(true)
        })
        .map_err(|e| e.to_string())?;
        Ok(seen_all)
    }

    fn in_blocks(text: &str, block: usize) -> Seen {
        let mut seen_all = Vec::new();
        let mut file = std::io::Cursor::new(text.as_bytes().to_vec());
        let streamed = stream_records(&mut file, Position::start(0), "t.csv", block, |r| {
            seen_all.push(seen(r));
            Ok(true)
        })
        .map_err(|e| e.to_string())?;
        assert_eq!(streamed, Streamed::Done);
        Ok(seen_all)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        /// Blocks cut records, quoted cells, CRLFs and characters anywhere: the records read
        /// are those of the whole text.
        #[test]
        fn reading_in_blocks_reads_what_the_whole_text_holds(
            pieces in prop::collection::vec(prop::sample::select(vec![
                "\"", "\"\"", ",", "\n", "\r", "\r\n", " ", "\u{3000}", "a", "市级", "第1区", "x,y",
            ]), 0..40),
            block in 1usize..9,
        ) {
            let text = pieces.concat();
            prop_assert_eq!(in_blocks(&text, block), whole(&text), "text {:?}", text);
        }
    }

    #[test]
    fn every_trimmed_character_starts_with_a_byte_that_may_be_trimmed() {
        for c in (0..=0x10_ffff).filter_map(char::from_u32) {
            let mut utf8 = [0; 4];
            let lead = c.encode_utf8(&mut utf8).as_bytes()[0];
            assert!(!is_trimmed(c) || may_be_trimmed(lead), "{c:?}");
        }
    }

    proptest! {
        #[test]
        fn commas_are_found_where_they_are(line in proptest::collection::vec(
            prop_oneof![Just(b','), Just(b'a'), Just(0xe4u8), Just(0xacu8), any::<u8>()],
            0..80,
        )) {
            let mut found = Vec::new();
            for_each_separator(&line, b',', |i| found.push(i));
            let expected: Vec<usize> =
                line.iter().enumerate().filter(|(_, b)| **b == b',').map(|(i, _)| i).collect();
            prop_assert_eq!(found, expected);
        }
    }

    #[test]
    fn a_recycled_list_keeps_its_room() {
        let cells: Vec<&str> = Vec::with_capacity(9);
        let room = cells.as_ptr();
        let again: Vec<&str> = recycle(cells);
        assert_eq!(again.as_ptr(), room);
        assert!(again.is_empty() && again.capacity() >= 9);
    }

    #[test]
    fn a_file_that_is_not_utf8_is_told_so() {
        let mut file = std::io::Cursor::new(b"a,b\n\xB1\xE0,c\n".to_vec());
        let streamed = stream_records(&mut file, Position::start(0), "t.csv", 2, |_| Ok(true));
        assert_eq!(streamed.ok(), Some(Streamed::NotUtf8));
    }
}
