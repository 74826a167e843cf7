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
//! A cell of type `s` holds an index into the shared strings, which calamine reads with a parser
//! that turns anything not a number (`-1`, `abc`) into 0: such a cell would silently read as the
//! first shared string. Every worksheet's string cells are checked here, and a bad index is
//! refused naming the cell. A workbook saved with a password is an OLE file holding an
//! `EncryptedPackage`: it is told apart from an Excel 97–2003 workbook and said to be
//! password-protected.
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
        if is_encrypted_package(bytes) {
            return Err("工作簿设有打开密码（已加密），Shiquan 无法读取：请在 Excel 中打开它，在「文件 › 信息 › 保护工作簿 › 用密码进行加密」中清除密码，另存为 .xlsx 后再导入 (the workbook is password-protected (encrypted): open it in Excel, remove the password and save it as .xlsx, then import that)".into());
        }
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
    let mut shared_strings: Option<u64> = None;
    for (i, name) in lower.iter().enumerate() {
        if name.ends_with("sharedstrings.xml") {
            check_shared_strings(&mut archive, i, &names[i])?;
            let xml = read_entry(&mut archive, i, &names[i])?;
            shared_strings = Some(count_elements(&xml, b"si"));
        }
    }
    for (i, name) in lower.iter().enumerate() {
        if has_extension(name, "xml") {
            let xml = read_entry(&mut archive, i, &names[i])?;
            check_references(&xml, &names[i])?;
            if name.contains("worksheets/") {
                check_string_cells(&xml, &names[i], shared_strings.unwrap_or(0))?;
            }
        }
    }
    Ok(())
}

/// Whether an OLE compound file holds an encrypted Office package (a workbook saved with a
/// password to open it): its directory names the streams `EncryptionInfo` and
/// `EncryptedPackage`, in UTF-16.
fn is_encrypted_package(bytes: &[u8]) -> bool {
    let utf16 =
        |name: &str| -> Vec<u8> { name.encode_utf16().flat_map(u16::to_le_bytes).collect() };
    ["EncryptedPackage", "EncryptionInfo"].iter().any(|name| {
        let needle = utf16(name);
        memchr::memmem::find(bytes, &needle).is_some()
    })
}

/// An entry of the archive, unpacked (its size was bounded above).
fn read_entry(
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    index: usize,
    name: &str,
) -> Result<Vec<u8>, String> {
    let mut entry = archive
        .by_index(index)
        .map_err(|e| format!("{name}: {e}"))?;
    let mut xml = Vec::new();
    entry
        .read_to_end(&mut xml)
        .map_err(|e| format!("{name}: {e}"))?;
    Ok(xml)
}

/// The start tag of an element named `local` (with or without a namespace prefix) at `i`
/// (`xml[i]` is `<`): where its attributes start.
fn element_at(xml: &[u8], i: usize, local: &[u8]) -> Option<usize> {
    let mut j = i + 1;
    let name_end = xml[j..]
        .iter()
        .position(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
        .map_or(xml.len(), |p| j + p);
    let name = &xml[j..name_end];
    let name = name
        .iter()
        .position(|b| *b == b':')
        .map_or(name, |colon| &name[colon + 1..]);
    if name != local {
        return None;
    }
    j = name_end;
    Some(j)
}

/// How many elements named `local` an XML text holds (the shared strings' `<si>`).
fn count_elements(xml: &[u8], local: &[u8]) -> u64 {
    memchr::memchr_iter(b'<', xml)
        .filter(|&i| element_at(xml, i, local).is_some())
        .count() as u64
}

/// Checks that every cell of type `s` (a shared string) in a worksheet holds a number that is an
/// index of the `count` shared strings; `Err` names the entry, the line and the cell.
fn check_string_cells(xml: &[u8], name: &str, count: u64) -> Result<(), String> {
    let mut from = 0;
    while let Some(offset) = memchr::memchr(b'<', &xml[from..]) {
        let at = from + offset;
        from = at + 1;
        let Some(attributes) = element_at(xml, at, b"c") else {
            continue;
        };
        let Some(tag_end) = memchr::memchr(b'>', &xml[attributes..]).map(|p| attributes + p) else {
            return Ok(());
        };
        let tag = String::from_utf8_lossy(&xml[attributes..tag_end]);
        if tag.ends_with('/') || attribute_value(&tag, "t") != Some("s") {
            continue;
        }
        // The cell's value: the text of its `<v>` element.
        let mut value = None;
        let mut k = tag_end + 1;
        while let Some(p) = memchr::memchr(b'<', &xml[k..]) {
            let open = k + p;
            if let Some(v_attributes) = element_at(xml, open, b"v") {
                let start = memchr::memchr(b'>', &xml[v_attributes..])
                    .map_or(xml.len(), |q| v_attributes + q + 1);
                let end = memchr::memchr(b'<', &xml[start.min(xml.len())..])
                    .map_or(xml.len(), |q| start + q);
                value = Some(
                    String::from_utf8_lossy(&xml[start.min(end)..end])
                        .trim()
                        .to_owned(),
                );
                break;
            }
            if xml.get(open + 1) == Some(&b'/') {
                // The cell ended with no value.
                break;
            }
            k = open + 1;
        }
        let Some(value) = value.filter(|v| !v.is_empty()) else {
            continue;
        };
        let why = match value.parse::<u64>() {
            Ok(index) if value.bytes().all(|b| b.is_ascii_digit()) && index < count => continue,
            Ok(_) if value.bytes().all(|b| b.is_ascii_digit()) => {
                format!("超出共享字符串表（共 {count} 项） (past the {count} shared strings)")
            }
            _ => "不是数字 (not a number)".to_owned(),
        };
        #[allow(clippy::naive_bytecount, reason = "once, on the error path")]
        let line = xml[..at].iter().filter(|b| **b == b'\n').count() + 1;
        let cell = attribute_value(&tag, "r").unwrap_or("?");
        let shown: String = value.chars().take(20).collect();
        return Err(format!(
            "{name}:{line}: 单元格 {cell} 的共享字符串编号「{shown}」{why}：工作簿已损坏，请在 Excel 中打开并重新保存后再导入 (cell {cell}: its shared-string index is bad; the workbook is damaged: open it in Excel and save it again)"
        ));
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
fn check_references(xml: &[u8], name: &str) -> Result<(), String> {
    let mut i = 0;
    while i < xml.len() {
        let Some(value_start) = reference_attribute_at(xml, i) else {
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
