//! Reading a CSV list: UTF-8 with or without a byte-order mark, or GB18030 when the bytes are
//! not valid UTF-8 (what Excel saves as "CSV" on a Chinese Windows). RFC 4180 quoting; records
//! may span lines, and each row keeps the line it starts on.

use std::borrow::Cow;

use super::{ImportError, ListFormat, MAX_LIST_CELLS, MAX_LIST_COLUMNS, RawRow, RawTable};

/// Decodes the bytes of a list: the text (borrowed when it is UTF-8 already) and the encoding's
/// name.
pub fn decode<'b>(
    bytes: &'b [u8],
    name: &str,
) -> Result<(Cow<'b, str>, &'static str), ImportError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(text) => Ok((Cow::Borrowed(text), "UTF-8")),
            Err(e) => Err(ImportError::MislabelledUtf8 {
                path: name.to_owned(),
                line: line_at(rest, e.valid_up_to()),
            }),
        };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((Cow::Borrowed(text), "UTF-8"));
    }
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
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
    Ok((Cow::Owned(text.into_owned()), "GB18030"))
}

fn line_at(bytes: &[u8], offset: usize) -> usize {
    // Lists are small enough that a plain count is fine.
    bytecount_newlines(&bytes[..offset.min(bytes.len())]) + 1
}

fn bytecount_newlines(bytes: &[u8]) -> usize {
    bytes.split(|b| *b == b'\n').count() - 1
}

/// Whether a cell holds nothing but what [`trim_cell`] removes.
fn is_blank(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || c == '\u{feff}')
}

/// Trims a cell: ASCII and full-width spaces, and a byte-order mark.
pub fn trim_cell(text: &str) -> String {
    text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .to_owned()
}

/// Reads the rows of a CSV list.
pub fn read_csv(bytes: &[u8], name: &str) -> Result<RawTable, ImportError> {
    let (text, encoding) = decode(bytes, name)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut kept: usize = 0;
    // Where the last record starts (line, byte): the csv reader takes a quote that is never
    // closed to run to the end of the file, so only the last record can hide one.
    let mut last_start: Option<(usize, usize)> = None;
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(0, |p| p.line() as usize);
                last_start = record
                    .position()
                    .map(|p| (line, usize::try_from(p.byte()).unwrap_or(usize::MAX)))
                    .filter(|(_, byte)| *byte <= text.len() && text.is_char_boundary(*byte));
                // Trailing empty cells (a spreadsheet's "a,b,,,,,,") carry nothing.
                let width = record
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| !is_blank(c))
                    .last()
                    .map_or(0, |(last, _)| last + 1);
                if width == 0 {
                    continue;
                }
                let limit = |message: String| ImportError::Limit {
                    path: name.to_owned(),
                    line,
                    message,
                };
                if width > MAX_LIST_COLUMNS {
                    return Err(limit(format!(
                        "第 {line} 行有 {width} 列 (the row has {width} columns; a list row may have at most {MAX_LIST_COLUMNS})"
                    )));
                }
                kept = kept.saturating_add(width);
                if kept > MAX_LIST_CELLS {
                    return Err(limit(format!(
                        "the rows up to line {line} hold more than {MAX_LIST_CELLS} cells; a list that large is refused"
                    )));
                }
                let cells: Vec<String> = record.iter().take(width).map(trim_cell).collect();
                rows.push(RawRow { line, cells });
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                return Err(ImportError::Csv {
                    path: name.to_owned(),
                    line,
                    message: e.to_string(),
                });
            }
        }
    }
    if let Some(line) = last_start.filter(|(_, byte)| ends_inside_quotes(&text[*byte..])) {
        return Err(ImportError::Csv {
            path: name.to_owned(),
            line: line.0,
            message: "引号未闭合：此行开始的带引号单元格直到文件末尾都没有结束 (a quoted cell that starts on this line is never closed)".into(),
        });
    }
    Ok(RawTable {
        source: name.to_owned(),
        format: ListFormat::Csv,
        encoding: Some(encoding),
        sheet: None,
        sheets: Vec::new(),
        rows,
    })
}

/// Whether the text of a record (to the end of the file) ends inside a quoted cell, by RFC 4180:
/// a cell that starts with `"` runs to the next `"` not doubled.
fn ends_inside_quotes(record: &str) -> bool {
    let mut in_quotes = false;
    let mut at_cell_start = true;
    let mut chars = record.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                } else {
                    in_quotes = false;
                }
            }
        } else if c == '"' && at_cell_start {
            in_quotes = true;
        } else {
            at_cell_start = matches!(c, ',' | '\n' | '\r');
            continue;
        }
        at_cell_start = false;
    }
    in_quotes
}
