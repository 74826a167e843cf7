//! Reading a UTF-8 CSV file in blocks, so that a list's text is never held whole: record by
//! record ([`for_each_record_in_file`]), or in batches of rows read on a thread of their own
//! ([`for_each_batch_in_file`]).

use super::super::table::{RawTable, TableBuilder, TableOrigin};
use super::super::{ImportError, ListFormat, out_of_memory};
use super::{Position, Record, read_records};

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
/// `BLOCK` (1 MiB) bytes, as [`super::for_each_record`] reads a text; a record is read once it is
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
fn fresh_batch(name: &str) -> Result<TableBuilder, ImportError> {
    RawTable::builder_with_room(BATCH_ROWS, BATCH_ROWS * 16, BATCH_ROWS * 256).map_err(|_| {
        out_of_memory(
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
pub(super) fn stream_records(
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
    let short = |needed| out_of_memory(name, needed, ("读入清单", "read the list"));
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
