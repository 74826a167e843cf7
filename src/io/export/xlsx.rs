//! The XLSX workbook: the sheets 分配表, 问题清单, 机构与编制 and 变更清单, each with a bold,
//! frozen header row, an autofilter, column widths that fit Chinese text (a CJK character counts
//! two columns), the header repeated on every printed page, landscape and fit to the page width.
//!
//! Text is always written as a string cell, never as a formula; text that a spreadsheet would
//! take for a formula also gets a leading `'`, as in the CSV, so a copy-paste stays harmless.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use super::table::{self, Cell, ExportContext, Table};
use super::{ExportError, display_width, escape_formula};

/// The widest a column gets, in character units; longer text wraps.
const MAX_COLUMN_WIDTH: usize = 60;

/// The sheets of the workbook, in order.
pub const SHEETS: [&str; 4] = ["分配表", "问题清单", "机构与编制", "变更清单"];

/// The workbook of one state of a plan, as the bytes of an .xlsx file.
pub fn workbook(ctx: &ExportContext) -> Result<Vec<u8>, ExportError> {
    build(ctx).map_err(|e| ExportError::Xlsx(e.to_string()))
}

fn build(ctx: &ExportContext) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let tables = [
        table::allocation_table(ctx),
        table::findings_table(ctx),
        table::bodies_table(ctx),
        table::changes_table(ctx),
    ];
    for t in &tables {
        let sheet = book.add_worksheet();
        write_sheet(sheet, t, &format!("{} · {}", ctx.title, ctx.state_name()))?;
    }
    book.save_to_buffer()
}

/// Writes one table into a worksheet.
pub fn write_sheet(sheet: &mut Worksheet, table: &Table, title: &str) -> Result<(), XlsxError> {
    let font = "等线";
    let header = Format::new()
        .set_bold()
        .set_font_name(font)
        .set_background_color(0x00D9_E1F2)
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let text = Format::new()
        .set_font_name(font)
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Top)
        .set_text_wrap();
    sheet.set_name(table.name)?;
    let mut widths: Vec<usize> = table.headers.iter().map(|h| display_width(h)).collect();
    for (col, h) in table.headers.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *h, &header)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (col, cell) in row.iter().enumerate() {
            let width = match cell {
                Cell::Text(t) => {
                    let t = escape_formula(t);
                    sheet.write_string_with_format(r, col as u16, t.as_ref(), &text)?;
                    t.lines().map(display_width).max().unwrap_or(0)
                }
                Cell::Int(n) => {
                    sheet.write_number_with_format(r, col as u16, *n as f64, &text)?;
                    n.to_string().len()
                }
            };
            if let Some(w) = widths.get_mut(col) {
                *w = (*w).max(width);
            }
        }
    }
    for (col, w) in widths.iter().enumerate() {
        let w = (*w + 2).clamp(6, MAX_COLUMN_WIDTH);
        sheet.set_column_width(col as u16, w as f64)?;
    }
    let last_col = table.headers.len().saturating_sub(1) as u16;
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, table.rows.len() as u32, last_col)?;
    sheet.set_repeat_rows(0, 0)?;
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_header(format!("&C{}", title.replace('&', "&&")));
    sheet.set_footer("&C第 &P 页，共 &N 页");
    Ok(())
}
