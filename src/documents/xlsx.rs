//! The flat workbook of a document, for systems that import it (实名制 and the like): one sheet
//! per table, the header in the first row, one record per row, no title rows and no merged
//! cells. Counts (序号, 编制, 人员) are numbers; codes and everything else are text, and text
//! that a spreadsheet would take for a formula gets its `'`, as in every export.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::model::{DocTable, Document};
use crate::io::export::escape_formula;

/// Excel's longest sheet name.
const MAX_SHEET_NAME: usize = 31;

/// Whether a column holds counts that a system should read as numbers.
fn is_count_column(header: &str) -> bool {
    header == "序号" || header.ends_with("编制") || header.ends_with("人员")
}

/// A sheet name Excel accepts: without `[]:*?/\`, at most 31 characters, not used before.
fn sheet_name(wanted: &str, used: &mut Vec<String>) -> String {
    let clean: String = wanted
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .collect();
    let clean = clean.trim_matches('\'').trim();
    let base: String = if clean.is_empty() {
        "表".to_owned()
    } else {
        clean.chars().take(MAX_SHEET_NAME).collect()
    };
    let mut name = base.clone();
    let mut n = 2;
    while used.iter().any(|u| u.eq_ignore_ascii_case(&name)) {
        let suffix = format!("({n})");
        let keep = MAX_SHEET_NAME - suffix.chars().count();
        name = format!("{}{suffix}", base.chars().take(keep).collect::<String>());
        n += 1;
    }
    used.push(name.clone());
    name
}

fn write_table(book: &mut Workbook, table: &DocTable, name: &str) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet();
    sheet.set_name(name)?;
    let header = Format::new().set_bold();
    for (col, column) in table.columns.iter().enumerate() {
        let col = u16::try_from(col).unwrap_or(u16::MAX);
        sheet.write_string_with_format(0, col, column.header, &header)?;
        sheet.set_column_width(col, f64::from(column.weight.clamp(2, 40)) * 2.2)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
        for (col, text) in row.iter().enumerate() {
            let numeric = table
                .columns
                .get(col)
                .is_some_and(|c| is_count_column(c.header))
                .then(|| text.parse::<u32>().ok())
                .flatten();
            let col = u16::try_from(col).unwrap_or(u16::MAX);
            match numeric {
                Some(n) => sheet.write_number(r, col, f64::from(n))?,
                None => sheet.write_string(r, col, escape_formula(text).as_ref())?,
            };
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// The document's tables as the bytes of a flat `.xlsx` workbook.
pub fn write_xlsx(doc: &Document) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let mut used = Vec::new();
    let mut any = false;
    for table in doc.tables() {
        let name = sheet_name(&table.name, &mut used);
        write_table(&mut book, table, &name)?;
        any = true;
    }
    if !any {
        // A document without a table (no street was granted anything) still opens: one sheet
        // that says so.
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(&doc.title, &mut used))?;
        sheet.write_string(0, 0, "说明")?;
        for (r, line) in doc
            .sections
            .iter()
            .flat_map(|s| &s.blocks)
            .filter_map(|b| match b {
                super::Block::Paragraph(p) => Some(p),
                _ => None,
            })
            .enumerate()
        {
            sheet.write_string(u32::try_from(r + 1).unwrap_or(u32::MAX), 0, line)?;
        }
    }
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_cleaned_cut_and_kept_apart() {
        let mut used = Vec::new();
        assert_eq!(sheet_name("甲/乙[丙]", &mut used), "甲_乙_丙_");
        let long = "很".repeat(40);
        let first = sheet_name(&long, &mut used);
        assert_eq!(first.chars().count(), 31);
        let second = sheet_name(&long, &mut used);
        assert_eq!(second.chars().count(), 31);
        assert!(second.ends_with("(2)"));
        assert_eq!(sheet_name("", &mut used), "表");
    }
}
