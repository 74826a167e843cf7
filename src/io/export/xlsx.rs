//! The XLSX workbook: the sheets 分配表, 问题清单, 机构与编制 and 变更清单 (and 审核意见 when the plan
//! has review opinions), each opening with a
//! title row (the sheet, the plan and the state), then a bold, frozen header row with an
//! autofilter, and column widths that fit Chinese text (a CJK character counts two columns).
//!
//! Printing (issue 17: a sheet printed at 35%, on whatever paper): A4, portrait when the columns
//! fit its width and landscape when they do not, fitted to one page wide and as many tall as it
//! takes. The columns are sized so that fitting never shrinks a sheet below about 80%: each
//! column as wide as its text (its header may wrap to two lines), and when the sheet is wider
//! than a landscape page allows, the widest columns share what is left and their text wraps
//! ([`print_widths`]); a row whose text wraps is made as tall as its lines, since not every
//! spreadsheet fits a row to wrapped text when it opens a file. The header row repeats on every
//! printed page, the page header names the plan and the footer numbers the pages. The workbook's properties carry the title (the plan
//! and the state) and the author (the program that wrote it).
//!
//! Text is always written as a string cell, never as a formula; text that a spreadsheet would
//! take for a formula also gets a leading `'`, as in the CSV, so a copy-paste stays harmless.
//! Whole numbers are numbers, except those beyond 2^53, which a spreadsheet's floating point
//! would round: they are written as text, digit for digit. The library escapes the characters
//! XML forbids in cells; the properties leave them out (shown as U+FFFD).
//!
//! Excel's limits are checked before the library sees the text, so that nothing is printed on
//! stderr and nothing is half written: the page header is cut to 255 characters with an
//! ellipsis (the title stays whole in the cells' files), and a cell over 32,767 characters
//! fails with the sheet, the cell and the row's power or body named.

use rust_xlsxwriter::{
    DocProperties, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use super::table::{self, Cell, ExportContext, Table};
use super::{ExportError, display_width, escape_formula, is_replaced_in_documents};

/// The widest a column gets, in character units; longer text wraps.
const MAX_COLUMN_WIDTH: usize = 60;

/// The narrowest a column gets, in character units.
const MIN_COLUMN_WIDTH: usize = 6;

/// The row of a sheet's title, of its header, and its first row of data.
const TITLE_ROW: u32 = 0;
const HEADER_ROW: u32 = 1;
const FIRST_DATA_ROW: u32 = 2;

/// Excel's paper size code of A4.
pub const PAPER_A4: u8 = 9;

/// The page margins, in inches: left and right, top and bottom, the page header and footer.
const MARGIN_SIDE: f64 = 0.5;
const MARGIN_END: f64 = 0.75;
const MARGIN_HEADER: f64 = 0.3;

/// The width of A4 in inches: portrait and landscape.
const A4_PORTRAIT_IN: f64 = 8.27;
const A4_LANDSCAPE_IN: f64 = 11.69;

/// The smallest share of full size a sheet is printed at, once fitted to the page's width.
const MIN_PRINT_SCALE: f64 = 0.8;

/// How many character units of columns print across a page `paper_in` wide at `scale`: the
/// width within the side margins at 96 pixels per inch, a column taking 7 pixels per unit
/// (the default 11-point font) and 5 of padding.
fn units_across(paper_in: f64, columns: usize, scale: f64) -> usize {
    let pixels = (paper_in - 2.0 * MARGIN_SIDE) * 96.0 / scale;
    ((pixels - 5.0 * columns as f64) / 7.0).max(0.0) as usize
}

/// The author the workbook's properties name: the program that wrote it (a plan names no
/// person).
pub const AUTHOR: &str = "事权沙盘 Shiquan";

/// The most characters of a sheet's title row and of the workbook's title property.
const MAX_TITLE_CHARS: usize = 200;

/// The most characters (UTF-16 units) a cell holds in Excel.
pub const MAX_CELL_CHARS: usize = 32_767;

/// The most characters (UTF-16 units) of a page header or footer, codes included.
pub const MAX_HEADER_CHARS: usize = 255;

/// The largest whole number a spreadsheet's floating point holds exactly.
const MAX_EXACT_NUMBER: u128 = 1 << 53;

/// The sheets of the workbook, in order; a plan with review opinions has a fifth,
/// [`table::OPINIONS_SHEET`].
pub const SHEETS: [&str; 4] = ["分配表", "问题清单", "机构与编制", "变更清单"];

/// The workbook of one state of a plan, as the bytes of an .xlsx file.
pub fn workbook(ctx: &ExportContext) -> Result<Vec<u8>, ExportError> {
    let mut tables = vec![
        table::allocation_table(ctx),
        table::findings_table(ctx),
        table::bodies_table(ctx),
        table::changes_table(ctx),
    ];
    // A plan with no review opinions exports as it did before they existed.
    if !ctx.opinions.is_empty() {
        tables.push(table::opinions_table(ctx));
    }
    for t in &tables {
        check_cell_lengths(t)?;
    }
    let title = format!("{} · {}", ctx.title, ctx.state_name());
    build(&tables, &title).map_err(|e| ExportError::Xlsx(e.to_string()))
}

fn build(tables: &[Table], title: &str) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let properties = DocProperties::new()
        .set_title(property_text(title))
        .set_author(AUTHOR)
        .set_subject(tables.iter().map(|t| t.name).collect::<Vec<_>>().join("、"));
    book.set_properties(&properties);
    for t in tables {
        let sheet = book.add_worksheet();
        write_sheet(sheet, t, title)?;
    }
    book.save_to_buffer()
}

/// A text cut to `MAX_TITLE_CHARS` characters, with an ellipsis when cut.
fn cut_title(text: &str) -> String {
    let mut chars = text.chars();
    let mut cut: String = chars.by_ref().take(MAX_TITLE_CHARS).collect();
    if chars.next().is_some() {
        cut.push('…');
    }
    cut
}

/// The text of a property (title, subject): cut, and the characters XML forbids shown as
/// U+FFFD, since the library writes properties as they are.
fn property_text(text: &str) -> String {
    cut_title(text)
        .chars()
        .map(|c| {
            if is_replaced_in_documents(c) {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

/// The columns' widths for print, in character units, and whether the sheet is printed
/// landscape. Each column is as wide as its longest line of text or half its header (which
/// wraps), within `MIN_COLUMN_WIDTH..=MAX_COLUMN_WIDTH`; together at least `title` wide (the
/// title row, which does not wrap, stays whole: the widest column takes what is missing, up to
/// a landscape page). If they fit a portrait page, so be it; else landscape, and if they are
/// wider than a landscape page at `MIN_PRINT_SCALE`, the narrow columns keep their widths and
/// the widest share the rest equally (their text wraps).
pub fn print_widths(natural: &[usize], title: usize) -> (Vec<usize>, bool) {
    let mut natural: Vec<usize> = natural
        .iter()
        .map(|w| (*w).clamp(MIN_COLUMN_WIDTH, MAX_COLUMN_WIDTH))
        .collect();
    let total: usize = natural.iter().sum();
    let title = title.min(units_across(A4_LANDSCAPE_IN, natural.len(), 1.0));
    let widest = (0..natural.len()).max_by_key(|&i| natural[i]);
    if let Some(i) = widest
        && total < title
    {
        natural[i] += title - total;
    }
    let total: usize = natural.iter().sum();
    if total <= units_across(A4_PORTRAIT_IN, natural.len(), 1.0) {
        return (natural, false);
    }
    let budget = units_across(A4_LANDSCAPE_IN, natural.len(), MIN_PRINT_SCALE);
    if total <= budget {
        return (natural, true);
    }
    // Narrowest first: each takes its width or an equal share of what is left, if less.
    let mut order: Vec<usize> = (0..natural.len()).collect();
    order.sort_by_key(|&i| natural[i]);
    let mut widths = natural.clone();
    let mut left = budget;
    for (done, &i) in order.iter().enumerate() {
        let share = left / (order.len() - done);
        widths[i] = natural[i].min(share).max(MIN_COLUMN_WIDTH);
        left = left.saturating_sub(widths[i]);
    }
    (widths, true)
}

/// The height of a line of the 11-point body font, in points, and the padding of a row.
const LINE_POINTS: f64 = 14.5;
const ROW_PADDING_POINTS: f64 = 2.0;

/// The most lines a row is made tall enough for (Excel's highest row is 409 points).
const MAX_ROW_LINES: usize = 27;

/// How many lines a text takes in a column `width` units wide, wrapped: each of its lines
/// over the column's width (a CJK character takes two units), taken a twentieth wider than
/// measured, since a CJK character of the font is a little wider than two digits.
fn wrapped_lines(text: &str, width: usize) -> usize {
    let room = width.max(1);
    text.lines()
        .map(|line| (display_width(line) * 21 / 20).div_ceil(room).max(1))
        .sum::<usize>()
        .clamp(1, MAX_ROW_LINES)
}

/// The height of a row of `lines` lines, in points.
fn line_height(lines: usize) -> f64 {
    lines as f64 * LINE_POINTS + ROW_PADDING_POINTS
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
                    cell: rust_xlsxwriter::utility::row_col_to_cell(
                        r as u32 + FIRST_DATA_ROW,
                        col as u16,
                    ),
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

/// Writes one table into a worksheet: the title row, the header row, the rows, and the page
/// set up for print.
pub fn write_sheet(sheet: &mut Worksheet, table: &Table, title: &str) -> Result<(), XlsxError> {
    let font = "等线";
    let heading = Format::new()
        .set_bold()
        .set_font_name(font)
        .set_font_size(14)
        .set_align(FormatAlign::Left)
        .set_align(FormatAlign::VerticalCenter);
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
    let last_col = table.headers.len().saturating_sub(1) as u16;
    let heading_text = cell_text(&cut_title(&format!("{} · {title}", table.name))).into_owned();
    if last_col > 0 {
        sheet.merge_range(TITLE_ROW, 0, TITLE_ROW, last_col, &heading_text, &heading)?;
    } else {
        sheet.write_string_with_format(TITLE_ROW, 0, &heading_text, &heading)?;
    }
    sheet.set_row_height(TITLE_ROW, 24)?;
    // Each column's natural width: its longest line, or half its header (which wraps).
    let mut natural: Vec<usize> = table
        .headers
        .iter()
        .map(|h| display_width(h).div_ceil(2))
        .collect();
    for (col, h) in table.headers.iter().enumerate() {
        sheet.write_string_with_format(HEADER_ROW, col as u16, *h, &header)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = r as u32 + FIRST_DATA_ROW;
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
            if let Some(w) = natural.get_mut(col) {
                *w = (*w).max(width);
            }
        }
    }
    let natural: Vec<usize> = natural.iter().map(|w| w + 2).collect();
    // The title's width in the body font's units: 14 points against 11, and bold.
    let title_units = display_width(&heading_text) * 14 / 10 + 2;
    let (widths, landscape) = print_widths(&natural, title_units);
    for (col, w) in widths.iter().enumerate() {
        sheet.set_column_width(col as u16, *w as f64)?;
    }
    set_row_heights(sheet, table, &widths)?;
    sheet.set_freeze_panes(FIRST_DATA_ROW, 0)?;
    sheet.autofilter(
        HEADER_ROW,
        0,
        HEADER_ROW + table.rows.len() as u32,
        last_col,
    )?;
    sheet.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    set_up_printing(sheet, title, landscape);
    Ok(())
}

/// Sets the height of the header row and of each row whose text wraps in columns of `widths`.
fn set_row_heights(
    sheet: &mut Worksheet,
    table: &Table,
    widths: &[usize],
) -> Result<(), XlsxError> {
    // Rows whose text wraps are as tall as their lines: spreadsheets do not all fit a row's
    // height to wrapped text when they open a file (LibreOffice keeps one line, and cuts it).
    let header_lines = table
        .headers
        .iter()
        .zip(widths)
        .map(|(h, w)| wrapped_lines(h, *w))
        .max()
        .unwrap_or(1);
    if header_lines > 1 {
        sheet.set_row_height(HEADER_ROW, line_height(header_lines))?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let lines = row
            .iter()
            .zip(widths)
            .map(|(cell, w)| match cell {
                Cell::Text(t) => wrapped_lines(&cell_text(t), *w),
                Cell::Int(_) => 1,
            })
            .max()
            .unwrap_or(1);
        if lines > 1 {
            sheet.set_row_height(r as u32 + FIRST_DATA_ROW, line_height(lines))?;
        }
    }
    Ok(())
}

/// Sets a sheet up for print: A4, landscape or portrait, one page wide, the margins, and the
/// title and page numbers in the page's header and footer.
fn set_up_printing(sheet: &mut Worksheet, title: &str, landscape: bool) {
    sheet.set_paper_size(PAPER_A4);
    if landscape {
        sheet.set_landscape();
    } else {
        sheet.set_portrait();
    }
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_print_center_horizontally(true);
    sheet.set_margins(
        MARGIN_SIDE,
        MARGIN_SIDE,
        MARGIN_END,
        MARGIN_END,
        MARGIN_HEADER,
        MARGIN_HEADER,
    );
    sheet.set_header(page_header(title));
    sheet.set_footer("&C第 &P 页，共 &N 页");
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
    fn columns_fit_a_page_at_four_fifths_or_more() {
        let (narrow, landscape) = print_widths(&[10, 20, 30], 40);
        assert_eq!((narrow, landscape), (vec![10, 20, 30], false));
        // A title wider than the columns widens the widest.
        let (titled, landscape) = print_widths(&[6, 20, 6], 70);
        assert_eq!((titled, landscape), (vec![6, 58, 6], false));
        let (wide, landscape) = print_widths(&[12, 60, 10, 12, 60, 14, 30, 30, 8, 40], 60);
        assert!(landscape);
        let total: usize = wide.iter().sum();
        assert!(
            total <= units_across(A4_LANDSCAPE_IN, wide.len(), MIN_PRINT_SCALE),
            "{wide:?}"
        );
        // The narrow columns keep their widths; the widest share the rest.
        assert_eq!(&wide[..1], &[12]);
        assert_eq!(wide[8], 8);
        assert!(wide[1] >= 20 && wide[1] == wide[4], "{wide:?}");
    }

    #[test]
    fn wrapped_text_counts_its_lines() {
        assert_eq!(wrapped_lines("", 10), 1);
        assert_eq!(wrapped_lines("短", 10), 1);
        // 12 CJK characters are 24 units (25 with the margin): three lines of 10 units.
        assert_eq!(wrapped_lines(&"城".repeat(12), 10), 3);
        assert_eq!(wrapped_lines(&"城".repeat(10), 10), 3);
        assert_eq!(wrapped_lines(&"城".repeat(9), 10), 2);
        assert_eq!(wrapped_lines("一\n二\n三", 10), 3);
        assert_eq!(wrapped_lines(&"长".repeat(10_000), 8), MAX_ROW_LINES);
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
        // Under the title row and the header row.
        let cells: Vec<calamine::Data> = range.rows().skip(2).map(|r| r[1].clone()).collect();
        assert_eq!(
            cells[0],
            calamine::Data::String("18446744073709551615".to_owned())
        );
        assert_eq!(cells[1], calamine::Data::Float(9_007_199_254_740_992.0));
        assert_eq!(
            cells[2],
            calamine::Data::String("-9223372036854775808".to_owned())
        );
    }
}
