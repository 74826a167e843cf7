//! Checks an XLSX workbook's zip archive before calamine reads it, so that a hostile or broken
//! workbook is refused with a message instead of exhausting memory or panicking inside the
//! reader.
//!
//! calamine trusts what a workbook declares: it reserves room for the `uniqueCount` of the
//! shared strings before reading any, and it subtracts the corners of a `ref="B2:A1"` range
//! without checking their order (an overflow, which is a panic in a debug build). The zip crate
//! enforces each entry's declared uncompressed size while inflating, so bounding the declared
//! sizes here bounds what inflating can produce (a zip bomb is refused before it is inflated).
//!
//! Only `.xlsx`/`.xlsm` (Office Open XML) workbooks are read: `.xls` (BIFF), `.xlsb` and `.ods`
//! go through readers that index records without bounds checks, and issue 4 asks for CSV and
//! XLSX only, so those are refused with a message that says to save the list as `.xlsx`.

use std::io::{Cursor, Read};

use zip::ZipArchive;

/// The most entries a workbook may hold (a list's workbook holds about ten).
pub const MAX_ENTRIES: usize = 10_000;

/// The most bytes a workbook's entries may unpack to, in total (256 MiB of XML is far above a
/// province's list, which unpacks to some tens of MiB).
pub const MAX_UNPACKED_BYTES: u64 = 256 * 1024 * 1024;

/// How much of the shared strings' XML is read to find its declared counts.
const SST_HEAD_BYTES: u64 = 4096;

/// The smallest shared string element, `<si/>`: a count above the XML's size divided by this is
/// a lie.
const MIN_SHARED_STRING_BYTES: u64 = 5;

/// Excel's last column (XFD) and row.
const MAX_COLUMN: u64 = 16_384;
const MAX_ROW: u64 = 1_048_576;

/// Checks the workbook's bytes; `Err` says what is wrong (and, where there is one, the entry and
/// the place in it).
pub fn check(bytes: &[u8]) -> Result<(), String> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err("this is an Excel 97–2003 workbook (.xls), which Shiquan does not read: save it as an Excel workbook (.xlsx) and import that (另存为 .xlsx)".into());
    }
    if !bytes.starts_with(b"PK") {
        return Err(
            "not an XLSX workbook (an XLSX file is a zip archive; this one does not start like one)"
                .into(),
        );
    }
    let mut archive = ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("not a readable zip archive: {e}"))?;
    if archive.len() > MAX_ENTRIES {
        return Err(format!(
            "the archive holds {} entries; a workbook of more than {MAX_ENTRIES} is refused",
            archive.len()
        ));
    }
    let mut total: u64 = 0;
    let mut names = Vec::with_capacity(archive.len());
    for i in 0..archive.len() {
        let entry = archive
            .by_index_raw(i)
            .map_err(|e| format!("entry {}: {e}", i + 1))?;
        let name = entry
            .name()
            .map_or_else(|_| String::new(), |n| n.to_string());
        total = total.saturating_add(entry.size());
        if total > MAX_UNPACKED_BYTES {
            return Err(format!(
                "the workbook unpacks to more than {MAX_UNPACKED_BYTES} bytes (at entry {name}, which declares {} bytes): refused as too large (a zip bomb?)",
                entry.size()
            ));
        }
        names.push(name);
    }
    let lower: Vec<String> = names.iter().map(|n| n.to_ascii_lowercase()).collect();
    if lower.iter().any(|n| n.ends_with("workbook.bin")) {
        return Err("this is an Excel binary workbook (.xlsb), which Shiquan does not read: save it as an Excel workbook (.xlsx) and import that".into());
    }
    if lower.iter().any(|n| n == "content.xml") && !lower.iter().any(|n| has_extension(n, "rels")) {
        return Err("this is an OpenDocument spreadsheet (.ods), which Shiquan does not read: save it as an Excel workbook (.xlsx) and import that".into());
    }
    for (i, name) in lower.iter().enumerate() {
        if name.ends_with("sharedstrings.xml") {
            check_shared_strings(&mut archive, i, &names[i])?;
        }
        if has_extension(name, "xml") {
            check_references(&mut archive, i, &names[i])?;
        }
    }
    Ok(())
}

/// Whether an entry's name ends in `.EXT`, in any case.
fn has_extension(name: &str, ext: &str) -> bool {
    std::path::Path::new(name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

/// Refuses shared strings whose declared count could not fit in their XML (calamine reserves
/// room for that many strings before reading them).
fn check_shared_strings(
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    index: usize,
    name: &str,
) -> Result<(), String> {
    let entry = archive
        .by_index(index)
        .map_err(|e| format!("{name}: {e}"))?;
    let size = entry.size();
    let mut head = Vec::new();
    entry
        .take(SST_HEAD_BYTES)
        .read_to_end(&mut head)
        .map_err(|e| format!("{name}: {e}"))?;
    let head = String::from_utf8_lossy(&head);
    let Some(sst) = head.find("<sst").or_else(|| head.find(":sst")) else {
        return Ok(());
    };
    let tag = &head[sst..head[sst..].find('>').map_or(head.len(), |e| sst + e)];
    for attribute in ["uniqueCount", "count"] {
        let Some(value) = attribute_value(tag, attribute) else {
            continue;
        };
        let count: u64 = value.trim().parse().unwrap_or(u64::MAX);
        if count > size / MIN_SHARED_STRING_BYTES {
            return Err(format!(
                "{name}: {attribute}=\"{value}\" declares more shared strings than its {size} bytes can hold: refused"
            ));
        }
    }
    Ok(())
}

/// The value of `attribute` in the text of one start tag, if present.
fn attribute_value<'t>(tag: &'t str, attribute: &str) -> Option<&'t str> {
    let mut from = 0;
    while let Some(at) = tag[from..].find(attribute) {
        let start = from + at;
        let before = tag[..start].chars().next_back();
        let after = tag[start + attribute.len()..].trim_start();
        from = start + attribute.len();
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        if let Some(rest) = after.strip_prefix('=') {
            let rest = rest.trim_start();
            let quote = rest.chars().next()?;
            if quote == '"' || quote == '\'' {
                let value = &rest[1..];
                return value.find(quote).map(|end| &value[..end]);
            }
        }
    }
    None
}

/// Checks every `r="…"` and `ref="…"` attribute of an XML entry: each must be a cell (`B7`,
/// `$B$7`), a row (`7`) or a range (`A1:D9`) within Excel's limits, with its corners in order.
fn check_references(
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    index: usize,
    name: &str,
) -> Result<(), String> {
    let mut entry = archive
        .by_index(index)
        .map_err(|e| format!("{name}: {e}"))?;
    let mut xml = Vec::new();
    entry
        .read_to_end(&mut xml)
        .map_err(|e| format!("{name}: {e}"))?;
    let mut i = 0;
    while i < xml.len() {
        let Some(value_start) = reference_attribute_at(&xml, i) else {
            i += 1;
            continue;
        };
        let quote = xml[value_start - 1];
        let end = xml[value_start..]
            .iter()
            .position(|b| *b == quote)
            .map_or(xml.len(), |p| value_start + p);
        let value = String::from_utf8_lossy(&xml[value_start..end]);
        if let Err(why) = check_reference(&value) {
            #[allow(clippy::naive_bytecount, reason = "once, on the error path")]
            let line = xml[..i].iter().filter(|b| **b == b'\n').count() + 1;
            let shown: String = value.chars().take(40).collect();
            return Err(format!(
                "{name}:{line}: cell reference \"{shown}\" {why}: refused"
            ));
        }
        i = end;
    }
    Ok(())
}

/// If an attribute named `r` or `ref` starts at `i` (after white space), the index where its
/// quoted value starts.
fn reference_attribute_at(xml: &[u8], i: usize) -> Option<usize> {
    if i == 0 || !xml[i - 1].is_ascii_whitespace() || xml[i] != b'r' {
        return None;
    }
    let mut j = i + 1;
    if xml.get(j..j + 2) == Some(&b"ef"[..]) {
        j += 2;
    }
    while xml.get(j).is_some_and(u8::is_ascii_whitespace) {
        j += 1;
    }
    if xml.get(j) != Some(&b'=') {
        return None;
    }
    j += 1;
    while xml.get(j).is_some_and(u8::is_ascii_whitespace) {
        j += 1;
    }
    matches!(xml.get(j).copied(), Some(b'"' | b'\'')).then_some(j + 1)
}

/// Checks one reference value: cells, rows or ranges separated by spaces.
fn check_reference(value: &str) -> Result<(), String> {
    for range in value.split_ascii_whitespace() {
        let corners = range
            .split(':')
            .map(cell_position)
            .collect::<Result<Vec<_>, _>>()?;
        if corners.len() > 2 {
            return Err("has more than two corners".into());
        }
        if let [(Some(r0), c0), (Some(r1), c1)] = corners[..] {
            let columns_in_order = match (c0, c1) {
                (Some(a), Some(b)) => a <= b,
                _ => true,
            };
            if r0 > r1 || !columns_in_order {
                return Err("has its corners out of order".into());
            }
        }
    }
    Ok(())
}

/// The (row, column) of one cell reference, each from 1, either possibly absent.
fn cell_position(text: &str) -> Result<(Option<u64>, Option<u64>), String> {
    let text = text.trim_start_matches('$');
    let letters = text.bytes().take_while(u8::is_ascii_alphabetic).count();
    let (column_text, rest) = text.split_at(letters);
    let digits = rest.trim_start_matches('$');
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        // Not a reference calamine would parse as numbers; it reports its own error.
        return Ok((None, None));
    }
    if letters > 3 || digits.len() > 7 {
        return Err("is beyond Excel's last cell XFD1048576".into());
    }
    let column = (letters > 0).then(|| {
        column_text.bytes().fold(0u64, |c, b| {
            c * 26 + u64::from(b.to_ascii_uppercase() - b'A') + 1
        })
    });
    let row = digits.parse::<u64>().ok();
    if column.is_some_and(|c| c > MAX_COLUMN) || row.is_some_and(|r| r > MAX_ROW) {
        return Err("is beyond Excel's last cell XFD1048576".into());
    }
    Ok((row, column))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_within_limits_pass() {
        assert!(check_reference("A1").is_ok());
        assert!(check_reference("$A$1:XFD1048576").is_ok());
        assert!(check_reference("7").is_ok());
        assert!(check_reference("A1:B2 C3").is_ok());
    }

    #[test]
    fn references_beyond_limits_or_out_of_order_fail() {
        assert!(check_reference("AAAAAAAAAAAAAAAA1").is_err());
        assert!(check_reference("A99999999999").is_err());
        assert!(check_reference("XFE1").is_err());
        assert!(check_reference("B2:A1").is_err());
        assert!(check_reference("A2:A1").is_err());
    }

    #[test]
    fn attributes_are_found_by_name_only() {
        let tag = "<sst xmlns=\"x\" count=\"3\" uniqueCount='2'";
        assert_eq!(attribute_value(tag, "count"), Some("3"));
        assert_eq!(attribute_value(tag, "uniqueCount"), Some("2"));
        assert!(reference_attribute_at(b" r=\"A1\"", 1).is_some());
        assert!(reference_attribute_at(b" ref = 'A1'", 1).is_some());
        assert!(reference_attribute_at(b" r:id=\"x\"", 1).is_none());
    }
}
