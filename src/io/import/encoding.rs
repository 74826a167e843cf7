//! Which encoding a CSV list is in, decided once for the whole file, and its text.
//!
//! A list is UTF-8 (with or without a byte-order mark), GB18030 (what Excel saves as "CSV" on a
//! Chinese Windows; GBK is a part of it) or UTF-16 (Excel's "Unicode text", with its byte-order
//! mark, or without one where every other byte is zero). A file is never read in two encodings
//! and never guessed line by line: a UTF-8 file with one line pasted in from a GBK file is
//! refused naming that line (reading it all as GB18030 turned every other line into mojibake),
//! and so is a GB18030 file with a line of UTF-8 in it. Bytes that no encoding reads are
//! refused with their line and byte: a lone 0x80 is not € (that is Windows code page 936, not
//! GB18030), a lone 0xFF is nothing.
//!
//! Telling the two apart is safe because a line of UTF-8 Chinese is almost never valid GB18030
//! meaning the same, and a line of GB18030 Chinese is valid UTF-8 only by a rare accident: a line
//! counts as UTF-8 here only if it is valid UTF-8 and holds at least two Chinese characters
//! (three-byte sequences in U+4E00–U+9FFF), which no line of a GB18030 list was found to do.

use super::ImportError;

/// UTF-8's byte-order mark.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// How many leading bytes tell a UTF-16 file without a byte-order mark.
const UTF16_SNIFF_BYTES: usize = 4096;

/// The byte order of a UTF-16 file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Utf16 {
    /// Little-endian (Windows' "Unicode").
    Little,
    /// Big-endian.
    Big,
}

/// Whether bytes are UTF-16, by their byte-order mark or, lacking one, by their zero bytes: an
/// ASCII character (a comma, a digit, a line break) in UTF-16 is a zero and its byte.
pub fn utf16_of(bytes: &[u8]) -> Option<Utf16> {
    if bytes.starts_with(b"\xFF\xFE") {
        return Some(Utf16::Little);
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return Some(Utf16::Big);
    }
    let head = &bytes[..bytes.len().min(UTF16_SNIFF_BYTES) & !1];
    if head.len() < 8 {
        return None;
    }
    let pairs = head.len() / 2;
    let zeros_at = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    // UTF-8 and GB18030 text has no zero byte; UTF-16 has one in each ASCII character (a comma,
    // a digit) on one side, and on the other only in the few characters U+xx00.
    let leans = |this: usize, other: usize| this * 20 >= pairs && this >= 4 * other.max(1);
    if leans(odd, even) {
        Some(Utf16::Little)
    } else if leans(even, odd) {
        Some(Utf16::Big)
    } else {
        None
    }
}

/// The line (from 1) and byte column (from 1) of byte `offset` of `bytes`.
pub fn line_and_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = memchr::memchr_iter(b'\n', before).count() + 1;
    let start = memchr::memrchr(b'\n', before).map_or(0, |n| n + 1);
    (line, offset - start + 1)
}

/// Decodes the bytes of a list: the text, where its content starts (after a byte-order mark),
/// and the encoding's name (`UTF-8`, `GB18030`, `UTF-16LE`, `UTF-16BE`).
pub fn decode(bytes: Vec<u8>, name: &str) -> Result<(String, usize, &'static str), ImportError> {
    if let Some(utf16) = utf16_of(&bytes) {
        return decode_utf16(&bytes, utf16, name);
    }
    let bom = bytes.starts_with(UTF8_BOM);
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return Ok((text, if bom { UTF8_BOM.len() } else { 0 }, "UTF-8")),
        Err(e) if bom => {
            let at = e.utf8_error().valid_up_to();
            let (line, column) = line_and_column(e.as_bytes(), at);
            return Err(ImportError::MislabelledUtf8 {
                path: name.to_owned(),
                line,
                column,
            });
        }
        Err(e) => e.into_bytes(),
    };
    if let Some(fault) = mixed_encodings(&bytes) {
        let (line, column) = line_and_column(&bytes, fault.at);
        return Err(ImportError::MixedEncoding {
            path: name.to_owned(),
            line,
            column,
            line_is_utf8: fault.line_is_utf8,
        });
    }
    if let Some(at) = gb18030_fault(&bytes) {
        let (line, column) = line_and_column(&bytes, at);
        return Err(ImportError::Encoding {
            path: name.to_owned(),
            line,
            column,
            byte: bytes[at],
        });
    }
    let mut decoder = encoding_rs::GB18030.new_decoder_without_bom_handling();
    let room = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(usize::MAX);
    let mut text = String::new();
    text.try_reserve_exact(room).map_err(|_| {
        super::out_of_memory(name, room, ("解码 GB18030 文本", "decode the GB18030 text"))
    })?;
    let mut read = 0;
    loop {
        let (result, n) =
            decoder.decode_to_string_without_replacement(&bytes[read..], &mut text, true);
        read += n;
        match result {
            encoding_rs::DecoderResult::InputEmpty => break,
            encoding_rs::DecoderResult::OutputFull => {
                text.try_reserve(bytes.len() - read + 16).map_err(|_| {
                    super::out_of_memory(
                        name,
                        bytes.len(),
                        ("解码 GB18030 文本", "decode the GB18030 text"),
                    )
                })?;
            }
            encoding_rs::DecoderResult::Malformed(bad, after) => {
                // A four-byte sequence in no range GB18030 maps (the structure was checked
                // above).
                let at = read.saturating_sub(usize::from(bad) + usize::from(after));
                let (line, column) = line_and_column(&bytes, at);
                return Err(ImportError::Encoding {
                    path: name.to_owned(),
                    line,
                    column,
                    byte: bytes.get(at).copied().unwrap_or(0),
                });
            }
        }
    }
    Ok((text, 0, "GB18030"))
}

/// Decodes UTF-16 (its byte-order mark, if any, dropped).
fn decode_utf16(
    bytes: &[u8],
    utf16: Utf16,
    name: &str,
) -> Result<(String, usize, &'static str), ImportError> {
    let (encoding, label) = match utf16 {
        Utf16::Little => (encoding_rs::UTF_16LE, "UTF-16LE"),
        Utf16::Big => (encoding_rs::UTF_16BE, "UTF-16BE"),
    };
    let (text, had_errors) = encoding.decode_with_bom_removal(bytes);
    if had_errors {
        let line = text
            .lines()
            .position(|l| l.contains('\u{fffd}'))
            .map_or(1, |i| i + 1);
        return Err(ImportError::Utf16 {
            path: name.to_owned(),
            line,
            encoding: label,
        });
    }
    Ok((text.into_owned(), 0, label))
}

/// Where a file that is not UTF-8 throughout mixes two encodings: its first line of the
/// minority encoding.
struct Mixed {
    /// The byte where that line's fault starts (a line of the other encoding: its start).
    at: usize,
    /// Whether that line is UTF-8 (the rest GB18030), or the rest is UTF-8.
    line_is_utf8: bool,
}

/// Whether a line is UTF-8 beyond doubt: valid, with at least two Chinese characters.
fn is_utf8_chinese(line: &[u8]) -> bool {
    let Ok(text) = simdutf8::basic::from_utf8(line) else {
        return false;
    };
    text.chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .nth(1)
        .is_some()
}

/// For bytes that are not valid UTF-8: where they mix UTF-8 lines and lines of another
/// encoding, by the minority's first line (a UTF-8 file with a GBK line names the GBK line and
/// its first bad byte; a GB18030 file with a UTF-8 line names that line); `None` when no line
/// is UTF-8 beyond doubt (the file is GB18030, or not text).
fn mixed_encodings(bytes: &[u8]) -> Option<Mixed> {
    let mut utf8_lines = 0usize;
    let mut other_lines = 0usize;
    let mut first_utf8 = None;
    let mut first_other = None;
    let mut start = 0;
    while start < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |n| start + n);
        let line = &bytes[start..end];
        if !line.is_ascii() {
            match std::str::from_utf8(line) {
                Ok(_) if is_utf8_chinese(line) => {
                    utf8_lines += 1;
                    first_utf8.get_or_insert(start);
                }
                Ok(_) => {}
                Err(e) => {
                    other_lines += 1;
                    first_other.get_or_insert(start + e.valid_up_to());
                }
            }
        }
        start = end + 1;
    }
    match (first_utf8, first_other) {
        (Some(utf8), Some(other)) => Some(if utf8_lines >= other_lines {
            Mixed {
                at: other,
                line_is_utf8: false,
            }
        } else {
            Mixed {
                at: utf8,
                line_is_utf8: true,
            }
        }),
        _ => None,
    }
}

/// The first byte that is no GB18030 character's start or that ends one badly: a lone 0x80
/// (€ in Windows code page 936, nothing in GB18030) or 0xFF, a lead byte with no valid second
/// byte, a four-byte sequence cut short.
fn gb18030_fault(bytes: &[u8]) -> Option<usize> {
    let mut i = 0;
    while i < bytes.len() {
        let lead = bytes[i];
        if lead < 0x80 {
            i += 1;
            continue;
        }
        if lead == 0x80 || lead == 0xFF {
            return Some(i);
        }
        match bytes.get(i + 1) {
            Some(0x30..=0x39) => {
                let Some(four) = bytes.get(i + 2..i + 4) else {
                    return Some(i);
                };
                if !(0x81..=0xFE).contains(&four[0]) || !(0x30..=0x39).contains(&four[1]) {
                    return Some(i);
                }
                i += 4;
            }
            Some(0x40..=0x7E | 0x80..=0xFE) => i += 2,
            _ => return Some(i),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_is_told_by_its_mark_or_its_zeros() {
        assert_eq!(utf16_of(b"\xFF\xFEa\0"), Some(Utf16::Little));
        assert_eq!(utf16_of(b"\xFE\xFF\0a"), Some(Utf16::Big));
        let little: Vec<u8> = "code,name\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(utf16_of(&little), Some(Utf16::Little));
        let big: Vec<u8> = "code,name\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(utf16_of(&big), Some(Utf16::Big));
        assert_eq!(utf16_of("事项编码,事项名称\n".as_bytes()), None);
    }

    #[test]
    fn places_are_lines_and_byte_columns() {
        assert_eq!(line_and_column(b"ab\ncd\nef", 4), (2, 2));
        assert_eq!(line_and_column(b"ab", 0), (1, 1));
    }

    #[test]
    fn a_lone_0x80_or_0xff_is_a_fault_and_gbk_is_not() {
        let gbk = [0xD6, 0xD0, b',', 0xCE, 0xC4, b'\n'];
        assert_eq!(gb18030_fault(&gbk), None);
        assert_eq!(gb18030_fault(b"a,\x80b"), Some(2));
        assert_eq!(gb18030_fault(b"a\xFF"), Some(1));
        assert_eq!(gb18030_fault(b"\xD6"), Some(0));
        assert_eq!(gb18030_fault(b"\x81\x30\x81\x30"), None);
        assert_eq!(gb18030_fault(b"\x81\x30\x81"), Some(0));
    }

    #[test]
    fn a_utf8_file_with_a_gbk_line_names_that_line() {
        let mut bytes = "事项编码,事项名称\nA-1,对占道经营的处罚\n"
            .as_bytes()
            .to_vec();
        bytes.extend_from_slice(b"A-2,");
        bytes.extend_from_slice(&[0xB6, 0xD4, 0xD5, 0xBC]);
        bytes.extend_from_slice("\nA-3,再一项事项\n".as_bytes());
        let mixed = mixed_encodings(&bytes).expect("mixed");
        assert!(!mixed.line_is_utf8);
        assert_eq!(line_and_column(&bytes, mixed.at), (3, 5));
    }
}
