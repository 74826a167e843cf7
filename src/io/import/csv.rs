//! Reading a CSV list: UTF-8 with or without a byte-order mark, or GB18030 when the bytes are
//! not valid UTF-8 (what Excel saves as "CSV" on a Chinese Windows). RFC 4180 quoting; records
//! may span lines, and each row keeps the line it starts on.

use std::borrow::Cow;

use super::{ImportError, ListFormat, RawRow, RawTable};

/// Decodes the bytes of a list: the text (borrowed when it is UTF-8 already) and the encoding's
/// name.
pub fn decode<'b>(
    bytes: &'b [u8],
    name: &str,
) -> Result<(Cow<'b, str>, &'static str), ImportError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(text) => Ok((Cow::Borrowed(text), "UTF-8")),
            Err(e) => Err(ImportError::Encoding {
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
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(0, |p| p.line() as usize);
                let cells: Vec<String> = record.iter().map(trim_cell).collect();
                if cells.iter().any(|c| !c.is_empty()) {
                    rows.push(RawRow { line, cells });
                }
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
    Ok(RawTable {
        source: name.to_owned(),
        format: ListFormat::Csv,
        encoding: Some(encoding),
        sheet: None,
        sheets: Vec::new(),
        rows,
    })
}
