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
//! and cells are found with `memchr`. `tests/core/csv_reader.rs` checks it against the `csv` crate on
//! random input.

mod cells;
mod stream;

use super::table::{RawTable, TableOrigin};
use super::{ImportError, ListFormat};
pub use cells::trim_cell;
use cells::{Cell, Records};
pub use stream::{Streamed, for_each_batch_in_file, for_each_record_in_file};

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
/// before held (the reader refuses a list of more than [`super::MAX_LIST_CELLS`] cells in all), and
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
/// returns `false`. Limits ([`super::MAX_LIST_COLUMNS`], [`super::MAX_LIST_CELLS`]) and an unclosed quote are
/// errors that name the line.
pub fn for_each_record(
    text: &str,
    from: Position,
    name: &str,
    f: impl FnMut(&Record<'_>) -> Result<bool, ImportError>,
) -> Result<(), ImportError> {
    read_records(text, from, 0, true, name, f).map(|_| ())
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

#[cfg(test)]
mod tests {
    use super::cells::{for_each_separator, is_trimmed, may_be_trimmed, may_end_trimmed};
    use super::stream::stream_records;
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
    fn trim_blank_trims_as_the_standard_library_does() {
        for text in [
            "",
            " ",
            "甲",
            " 甲 ",
            "\u{3000}乙区\u{3000}",
            "丙\u{a0}",
            "\t行政处罚\n",
            "a b",
            "é",
            "\u{2003}",
            "《条例》",
            "x\u{202f}",
        ] {
            assert_eq!(
                super::super::spelling::trim_blank(text),
                text.trim(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn every_trimmed_character_starts_and_ends_with_bytes_that_may_be_trimmed() {
        for c in (0..=0x10_ffff).filter_map(char::from_u32) {
            let mut utf8 = [0; 4];
            let lead = c.encode_utf8(&mut utf8).as_bytes()[0];
            assert!(!is_trimmed(c) || may_be_trimmed(lead), "{c:?}");
            let ending = format!("甲{c}");
            assert!(
                !is_trimmed(c) || may_end_trimmed(ending.as_bytes()),
                "{c:?}"
            );
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
