//! The XLSX workbook: the sheets 分配表, 问题清单, 机构与编制 and 变更清单, each with a bold,
//! frozen header row, an autofilter, column widths that fit Chinese text (a CJK character counts
//! two columns), the header repeated on every printed page, landscape and fit to the page width.
//!
//! Text is always written as a string cell, never as a formula; text that a spreadsheet would
//! take for a formula also gets a leading `'`, as in the CSV, so a copy-paste stays harmless.
//! Whole numbers are numbers, except those beyond 2^53, which a spreadsheet's floating point
//! would round: they are written as text, digit for digit. The library escapes the characters
//! XML forbids in cells.
//!
//! Excel's limits are checked before the library sees the text, so that nothing is printed on
//! stderr and nothing is half written: the page header is cut to 255 characters with an
//! ellipsis (the title stays whole in the cells' files), and a cell over 32,767 characters
//! fails with the sheet, the cell and the row's power or body named.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use super::table::{self, Cell, ExportContext, Table};
use super::{ExportError, display_width, escape_formula};

/// The widest a column gets, in character units; longer text wraps.
const MAX_COLUMN_WIDTH: usize = 60;

/// The most characters (UTF-16 units) a cell holds in Excel.
pub const MAX_CELL_CHARS: usize = 32_767;

/// The most characters (UTF-16 units) of a page header or footer, codes included.
pub const MAX_HEADER_CHARS: usize = 255;

/// The largest whole number a spreadsheet's floating point holds exactly.
const MAX_EXACT_NUMBER: u128 = 1 << 53;

/// The sheets of the workbook, in order.
pub const SHEETS: [&str; 4] = ["分配表", "问题清单", "机构与编制", "变更清单"];

/// The workbook of one state of a plan, as the bytes of an .xlsx file.
pub fn workbook(ctx: &ExportContext) -> Result<Vec<u8>, ExportError> {
    let tables = [
        table::allocation_table(ctx),
        table::findings_table(ctx),
        table::bodies_table(ctx),
        table::changes_table(ctx),
    ];
    for t in &tables {
        check_cell_lengths(t)?;
    }
    let title = format!("{} · {}", ctx.title, ctx.state_name());
    build(&tables, &title).map_err(|e| ExportError::Xlsx(e.to_string()))
}

fn build(tables: &[Table], title: &str) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    for t in tables {
        let sheet = book.add_worksheet();
        write_sheet(sheet, t, title)?;
    }
    book.save_to_buffer()
}

/// The text of a cell as the workbook holds it (formula-looking text with its `'`).
fn cell_text(text: &str) -> std::borrow::Cow<'_, str> {
    escape_formula(text)
}

/// The length of a text as Excel counts it (UTF-16 units).
fn excel_length(text: &str) -> usize {
    text.encode_utf16().count()
}

/// Fails on the first text cell longer than Excel holds, naming its sheet, cell and row.
fn check_cell_lengths(table: &Table) -> Result<(), ExportError> {
    for (r, row) in table.rows.iter().enumerate() {
        for (col, cell) in row.iter().enumerate() {
            let Cell::Text(text) = cell else {
                continue;
            };
            // A quick bound first: a UTF-8 text has no more UTF-16 units than bytes, and the
            // formula escape adds one.
            if text.len() < MAX_CELL_CHARS {
                continue;
            }
            let length = excel_length(&cell_text(text));
            if length > MAX_CELL_CHARS {
                return Err(ExportError::CellTooLong {
                    sheet: table.name.to_owned(),
                    cell: rust_xlsxwriter::utility::row_col_to_cell(r as u32 + 1, col as u16),
                    row: row_name(table, row),
                    length,
                });
            }
        }
    }
    Ok(())
}

/// A row named by its codes and names (「事项编码 A1，事项名称 占道经营」), else by its first two
/// cells; each text cut to 30 characters.
fn row_name(table: &Table, row: &[Cell]) -> String {
    const SHOWN: usize = 30;
    let naming: Vec<usize> = table
        .headers
        .iter()
        .enumerate()
        .filter(|(_, h)| h.ends_with("编码") || h.ends_with("名称"))
        .map(|(i, _)| i)
        .take(2)
        .collect();
    let columns = if naming.is_empty() {
        vec![0, 1]
    } else {
        naming
    };
    columns
        .into_iter()
        .filter_map(|c| {
            let header = table.headers.get(c)?;
            let text = row.get(c)?.text();
            let mut shown: String = text.chars().take(SHOWN).collect();
            if text.chars().nth(SHOWN).is_some() {
                shown.push('…');
            }
            Some(format!("{header} {shown}"))
        })
        .collect::<Vec<_>>()
        .join("，")
}

/// The page header's text: the title centred, its `&` doubled (Excel's escape), cut with an
/// ellipsis so that the whole stays within Excel's 255 characters.
fn page_header(title: &str) -> String {
    const CENTRE: &str = "&C";
    let mut header = String::from(CENTRE);
    let mut length = CENTRE.len();
    let ellipsis = '…'.len_utf16();
    let mut chars = title.chars().peekable();
    while let Some(c) = chars.next() {
        let escaped: &[char] = if c == '&' { &['&', '&'] } else { &[c] };
        let width: usize = escaped.iter().map(|e| e.len_utf16()).sum();
        let room = if chars.peek().is_some() {
            MAX_HEADER_CHARS - ellipsis
        } else {
            MAX_HEADER_CHARS
        };
        if length + width > room {
            header.push('…');
            break;
        }
        header.extend(escaped);
        length += width;
    }
    header
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
                    let t = cell_text(t);
                    sheet.write_string_with_format(r, col as u16, t.as_ref(), &text)?;
                    t.lines().map(display_width).max().unwrap_or(0)
                }
                Cell::Int(n) if n.unsigned_abs() <= MAX_EXACT_NUMBER => {
                    sheet.write_number_with_format(r, col as u16, *n as f64, &text)?;
                    n.to_string().len()
                }
                Cell::Int(n) => {
                    let digits = n.to_string();
                    sheet.write_string_with_format(r, col as u16, &digits, &text)?;
                    digits.len()
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
    sheet.set_header(page_header(title));
    sheet.set_footer("&C第 &P 页，共 &N 页");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_title_is_cut_to_the_header_limit_with_an_ellipsis() {
        for title in [
            "短标题".to_owned(),
            "城".repeat(300),
            "&".repeat(300),
            "a".repeat(253),
            "a".repeat(254),
            "😀".repeat(200),
        ] {
            let header = page_header(&title);
            assert!(excel_length(&header) <= MAX_HEADER_CHARS, "{title}");
            let whole = excel_length(&title.replace('&', "&&")) + 2 <= MAX_HEADER_CHARS;
            assert_eq!(header.ends_with('…'), !whole, "{title}");
        }
        assert_eq!(page_header("甲&乙"), "&C甲&&乙");
    }

    #[test]
    fn numbers_beyond_two_to_the_53_are_written_digit_for_digit() {
        use calamine::Reader as _;
        let table = Table {
            name: "机构与编制",
            headers: vec!["机构名称", "年度预算（万元）"],
            rows: vec![
                vec![Cell::from("甲"), Cell::from(u64::MAX)],
                vec![Cell::from("乙"), Cell::from(1_u64 << 53)],
                vec![Cell::from("丙"), Cell::Int(i128::from(i64::MIN))],
            ],
        };
        let mut book = Workbook::new();
        write_sheet(book.add_worksheet(), &table, "标题").expect("the sheet");
        let bytes = book.save_to_buffer().expect("the workbook");
        let mut read: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("opens");
        let range = read.worksheet_range("机构与编制").expect("the sheet");
        let cells: Vec<calamine::Data> = range.rows().map(|r| r[1].clone()).collect();
        assert_eq!(
            cells[1],
            calamine::Data::String("18446744073709551615".to_owned())
        );
        assert_eq!(cells[2], calamine::Data::Float(9_007_199_254_740_992.0));
        assert_eq!(
            cells[3],
            calamine::Data::String("-9223372036854775808".to_owned())
        );
    }
}
