//! CSV: one table, RFC 4180 quoting (the `csv` crate quotes a field only when it must), CRLF line
//! ends as Excel writes them, UTF-8 with a byte-order mark by default (without one Excel reads
//! Chinese as mojibake) or GB18030. Formula-looking text cells get a leading `'`.

use super::table::{Cell, Table};
use super::{CsvEncoding, escape_formula};

/// The byte-order mark that opens a UTF-8 CSV.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The table as CSV text (no byte-order mark).
pub fn to_csv_text(table: &Table) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail, and every field is valid UTF-8.
    let _ = writer.write_record(table.headers.iter());
    for row in &table.rows {
        let _ = writer.write_record(row.iter().map(|cell| match cell {
            Cell::Text(t) => escape_formula(t).into_owned(),
            Cell::Int(n) => n.to_string(),
        }));
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// The table as the bytes of a CSV file in an encoding.
pub fn to_csv(table: &Table, encoding: CsvEncoding) -> Vec<u8> {
    let text = to_csv_text(table);
    match encoding {
        CsvEncoding::Utf8Bom => {
            let mut bytes = Vec::with_capacity(UTF8_BOM.len() + text.len());
            bytes.extend_from_slice(UTF8_BOM);
            bytes.extend_from_slice(text.as_bytes());
            bytes
        }
        CsvEncoding::Gb18030 => {
            // GB18030 encodes every Unicode character, so nothing is lost.
            let (bytes, _, _) = encoding_rs::GB18030.encode(&text);
            bytes.into_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_u64_max_is_written_digit_for_digit() {
        let table = Table {
            name: "机构与编制",
            headers: vec!["机构名称", "年度预算（万元）"],
            rows: vec![vec![Cell::from("甲"), Cell::from(u64::MAX)]],
        };
        assert_eq!(
            to_csv_text(&table),
            "机构名称,年度预算（万元）\r\n甲,18446744073709551615\r\n"
        );
        assert_eq!(
            super::super::markdown::table_md(&table).lines().last(),
            Some("| 甲 | 18446744073709551615 |")
        );
    }
}
