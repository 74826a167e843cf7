//! The Word writer: a [`Document`] as an Office Open XML package (`.docx`) laid out by GB/T
//! 9704-2012 and built so that WPS shows it as Word does.
//!
//! - A4, margins 37 / 35 / 28 / 26 mm (top, bottom, binding, outer), 22 lines of 28 characters:
//!   body paragraphs at an exact line pitch of 225 mm / 22, their characters set a quarter
//!   point closer so that 28 fill a line;
//!   landscape sections turned, so the table's head is at the binding edge.
//! - Every run names its fonts (`w:rFonts` ascii, hAnsi, eastAsia, cs): 仿宋 for the body, 黑体
//!   for first-level headings and table heads, 楷体 for second-level headings, 方正小标宋简体 for
//!   the title; no theme fonts anywhere (WPS and Word resolve theme fonts differently).
//! - Tables have an explicit grid (`w:tblGrid` and every cell's width in twips), a fixed layout,
//!   full borders, a header row repeated on every page.
//! - Page numbers 「— 1 —」 in 宋体 四号, odd pages right and even pages left. The page number is
//!   the one field in the file (a `PAGE` field in the footers, which every word processor
//!   supports); the body has none, so nothing needs updating when the file opens.
//!
//! The package is written with the zip crate already used to read workbooks: the whole format is
//! a handful of XML parts, written here directly, so every property above is under our control.

use std::fmt::Write as _;
use std::io::{Cursor, Write};

use zip::CompressionMethod;
use zip::write::SimpleFileOptions;

use super::model::{Align, Block, DocTable, Document, Section, page};
use crate::io::export::svg::xml_escape;

/// 仿宋: the body.
const FONT_BODY: &str = "仿宋";
/// 黑体: first-level headings, table heads, the annex label.
const FONT_HEADING: &str = "黑体";
/// 楷体: second-level headings, the lines under the title.
const FONT_HEADING2: &str = "楷体";
/// 方正小标宋简体: the title.
const FONT_TITLE: &str = "方正小标宋简体";
/// 宋体: the page numbers.
const FONT_PAGE_NUMBER: &str = "宋体";
/// Latin text and digits.
const FONT_LATIN: &str = "Times New Roman";

/// Twips (1/1440 inch) in a millimetre.
fn twips(mm: f32) -> u32 {
    // Page figures are a few hundred millimetres: far inside u32.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let t = (mm * 1440.0 / 25.4).round() as u32;
    t
}

/// The exact line pitch of body text: the text height of a portrait page over 22 lines.
fn line_pitch_twips() -> u32 {
    let height = page::A4_HEIGHT_MM - page::TOP_MM - page::BOTTOM_MM;
    #[allow(clippy::cast_precision_loss)]
    let pitch = height / page::LINES_PER_PAGE as f32;
    twips(pitch)
}

/// How much closer body characters are set, in twentieths of a point (`w:spacing` on each run):
/// 16 pt characters are 0.21 pt too wide for 28 to fit the 156 mm of a portrait line, as GB/T
/// 9704 asks, so each is set a quarter point closer. (A character grid, `w:charSpace`, would say
/// the same to Word, but `LibreOffice` sizes such a grid by its own default font and spreads the
/// text over 15–19 characters a line.)
fn body_letter_spacing() -> i32 {
    let width = page::A4_WIDTH_MM - page::LEFT_MM - page::RIGHT_MM;
    #[allow(clippy::cast_precision_loss)]
    let pitch_points = width / 25.4 * 72.0 / page::CHARS_PER_LINE as f32;
    #[allow(clippy::cast_possible_truncation)]
    let closer = ((page::BODY_POINTS - pitch_points) * 20.0).ceil() as i32;
    -closer
}

/// Half-points of a size in points.
fn half_points(points: f32) -> u32 {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let h = (points * 2.0).round() as u32;
    h
}

/// Text made safe for XML by the exports' one escape (characters XML forbids become U+FFFD,
/// so a plan's odd text cannot corrupt the file); a tab or a line break inside a run is a space,
/// as Word would show it.
fn escape(text: &str, out: &mut String) {
    let flat: std::borrow::Cow<'_, str> = if text.contains(['\t', '\n', '\r']) {
        text.replace(['\t', '\n', '\r'], " ").into()
    } else {
        text.into()
    };
    out.push_str(&xml_escape(&flat));
}

/// The properties of a run: fonts on every script, the size, bold.
fn run_properties(out: &mut String, style: &RunStyle<'_>) {
    let size = half_points(style.points);
    let _ = write!(
        out,
        "<w:rPr><w:rFonts w:ascii=\"{FONT_LATIN}\" w:hAnsi=\"{FONT_LATIN}\" w:eastAsia=\"{}\" w:cs=\"{FONT_LATIN}\" w:hint=\"eastAsia\"/>{}",
        style.east_asia,
        if style.bold { "<w:b/><w:bCs/>" } else { "" }
    );
    if style.spacing != 0 {
        let _ = write!(out, "<w:spacing w:val=\"{}\"/>", style.spacing);
    }
    let _ = write!(
        out,
        "<w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/></w:rPr>"
    );
}

/// How a run is set: its East Asian font, size, weight and letter spacing.
#[derive(Clone, Copy)]
struct RunStyle<'a> {
    east_asia: &'a str,
    points: f32,
    bold: bool,
    /// Letter spacing in twentieths of a point (negative: closer).
    spacing: i32,
}

impl<'a> RunStyle<'a> {
    /// Plain text of a font and size.
    fn plain(east_asia: &'a str, points: f32) -> Self {
        Self {
            east_asia,
            points,
            bold: false,
            spacing: 0,
        }
    }
}

/// A run of text.
fn run(out: &mut String, text: &str, style: &RunStyle<'_>) {
    out.push_str("<w:r>");
    run_properties(out, style);
    out.push_str("<w:t xml:space=\"preserve\">");
    escape(text, out);
    out.push_str("</w:t></w:r>");
}

/// How a paragraph sits.
struct ParagraphStyle<'a> {
    /// How its text is set.
    run: RunStyle<'a>,
    justify: &'a str,
    /// First-line indent in characters (hundredths, as `w:firstLineChars`).
    indent_chars: u32,
    /// Exact line pitch in twips; `None`: single spacing (tables).
    exact_line: Option<u32>,
}

fn paragraph(out: &mut String, text: &str, style: &ParagraphStyle<'_>) {
    out.push_str("<w:p><w:pPr>");
    match style.exact_line {
        Some(line) => {
            let _ = write!(
                out,
                "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"{line}\" w:lineRule=\"exact\"/>"
            );
        }
        // Off the page's line grid, or every line of a table would take a body line's pitch.
        None => out.push_str(
            "<w:snapToGrid w:val=\"0\"/><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>",
        ),
    }
    if style.indent_chars > 0 {
        // Both the character count (WPS and Word use it) and its twips (for readers that
        // do not know firstLineChars).
        let twips = half_points(style.run.points) * 10 * style.indent_chars / 100;
        let _ = write!(
            out,
            "<w:ind w:firstLineChars=\"{}\" w:firstLine=\"{twips}\"/>",
            style.indent_chars
        );
    }
    let _ = write!(out, "<w:jc w:val=\"{}\"/>", style.justify);
    run_properties(out, &style.run);
    out.push_str("</w:pPr>");
    if !text.is_empty() {
        run(out, text, &style.run);
    }
    out.push_str("</w:p>");
}

fn body_style() -> ParagraphStyle<'static> {
    ParagraphStyle {
        run: RunStyle {
            spacing: body_letter_spacing(),
            ..RunStyle::plain(FONT_BODY, page::BODY_POINTS)
        },
        justify: "both",
        indent_chars: 200,
        exact_line: Some(line_pitch_twips()),
    }
}

/// The section properties: page size, orientation, margins, footers, the line grid.
fn section_properties(out: &mut String, section: &Section, first: bool) {
    let (width, height) = page::size(section.landscape);
    let [top, right, bottom, left] = page::margins(section.landscape);
    out.push_str("<w:sectPr>");
    out.push_str("<w:footerReference w:type=\"default\" r:id=\"rIdFooterOdd\"/>");
    out.push_str("<w:footerReference w:type=\"even\" r:id=\"rIdFooterEven\"/>");
    if !first {
        out.push_str("<w:type w:val=\"nextPage\"/>");
    }
    let _ = write!(
        out,
        "<w:pgSz w:w=\"{}\" w:h=\"{}\"{}/>",
        twips(width),
        twips(height),
        if section.landscape {
            " w:orient=\"landscape\""
        } else {
            ""
        }
    );
    let _ = write!(
        out,
        "<w:pgMar w:top=\"{}\" w:right=\"{}\" w:bottom=\"{}\" w:left=\"{}\" w:header=\"851\" w:footer=\"{}\" w:gutter=\"0\"/>",
        twips(top),
        twips(right),
        twips(bottom),
        twips(left),
        // The page number's line (about 5 mm) sits 7 mm below the text (GB/T 9704 7.5).
        twips(bottom - 12.0)
    );
    let _ = write!(
        out,
        "<w:docGrid w:type=\"lines\" w:linePitch=\"{}\"/>",
        line_pitch_twips()
    );
    out.push_str("</w:sectPr>");
}

/// A table with an explicit grid and a fixed layout.
fn table(out: &mut String, table: &DocTable, text_width_mm: f32) {
    let total_weight: u32 = table
        .columns
        .iter()
        .map(|c| u32::from(c.weight.max(1)))
        .sum();
    let text_width = twips(text_width_mm);
    let mut widths: Vec<u32> = table
        .columns
        .iter()
        .map(|c| text_width * u32::from(c.weight.max(1)) / total_weight.max(1))
        .collect();
    // The rounding remainder goes to the widest column, so the grid fills the text width.
    let used: u32 = widths.iter().sum();
    if let Some(widest) = (0..widths.len()).max_by_key(|&i| widths[i]) {
        widths[widest] += text_width.saturating_sub(used);
    }
    let points = table.font_points();
    let border = "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"";
    let _ = write!(
        out,
        "<w:tbl><w:tblPr><w:tblW w:w=\"{text_width}\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders><w:top {border}/><w:left {border}/><w:bottom {border}/><w:right {border}/><w:insideH {border}/><w:insideV {border}/></w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar><w:tblLook w:val=\"0000\"/></w:tblPr><w:tblGrid>"
    );
    for width in &widths {
        let _ = write!(out, "<w:gridCol w:w=\"{width}\"/>");
    }
    out.push_str("</w:tblGrid>");
    let header: Vec<&str> = table.columns.iter().map(|c| c.header).collect();
    let header_aligns = vec![Align::Center; header.len()];
    table_row(out, &header, &widths, &header_aligns, points, true);
    let aligns: Vec<Align> = table.columns.iter().map(|c| c.align).collect();
    for row in &table.rows {
        let cells: Vec<&str> = row.iter().map(String::as_str).collect();
        table_row(out, &cells, &widths, &aligns, points, false);
    }
    out.push_str("</w:tbl>");
}

fn table_row(
    out: &mut String,
    cells: &[&str],
    widths: &[u32],
    aligns: &[Align],
    points: f32,
    header: bool,
) {
    // The header row repeats on every page and stays whole; a body row may run on to the next
    // page (a matter's clauses can be longer than what is left of one).
    if header {
        out.push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
    } else {
        out.push_str("<w:tr>");
    }
    for (i, width) in widths.iter().enumerate() {
        let text = cells.get(i).copied().unwrap_or("");
        let _ = write!(
            out,
            "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/><w:vAlign w:val=\"center\"/></w:tcPr>"
        );
        let style = ParagraphStyle {
            run: RunStyle::plain(if header { FONT_HEADING } else { FONT_BODY }, points),
            justify: match aligns.get(i) {
                Some(Align::Left) => "left",
                _ => "center",
            },
            indent_chars: 0,
            exact_line: None,
        };
        // A cell needs at least one paragraph; a line break in the text starts another.
        for line in text.split('\n') {
            paragraph(out, line, &style);
        }
        out.push_str("</w:tc>");
    }
    out.push_str("</w:tr>");
}

/// The text width of a section's pages, in millimetres.
fn text_width_mm(landscape: bool) -> f32 {
    let (width, _) = page::size(landscape);
    let [_, right, _, left] = page::margins(landscape);
    width - left - right
}

/// `word/document.xml`.
fn document_xml(doc: &Document) -> String {
    let mut out = String::with_capacity(64 * 1024);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>");
    let pitch = line_pitch_twips();
    if let Some(annex) = &doc.annex {
        paragraph(
            &mut out,
            annex,
            &ParagraphStyle {
                run: RunStyle::plain(FONT_HEADING, page::BODY_POINTS),
                justify: "left",
                indent_chars: 0,
                exact_line: Some(pitch),
            },
        );
    }
    paragraph(
        &mut out,
        &doc.title,
        &ParagraphStyle {
            run: RunStyle::plain(FONT_TITLE, page::TITLE_POINTS),
            justify: "center",
            indent_chars: 0,
            // Two body lines for a title line.
            exact_line: Some(pitch * 3 / 2),
        },
    );
    for line in &doc.subtitle {
        paragraph(
            &mut out,
            line,
            &ParagraphStyle {
                run: RunStyle::plain(FONT_HEADING2, page::BODY_POINTS),
                justify: "center",
                indent_chars: 0,
                exact_line: Some(pitch),
            },
        );
    }
    // An empty line between the title and the text (GB/T 9704 7.3.3).
    paragraph(&mut out, "", &body_style());
    let sections = doc.sections.len();
    for (index, section) in doc.sections.iter().enumerate() {
        let width = text_width_mm(section.landscape);
        for block in &section.blocks {
            match block {
                Block::Heading { level, text } => paragraph(
                    &mut out,
                    text,
                    &ParagraphStyle {
                        run: RunStyle {
                            east_asia: if *level <= 1 {
                                FONT_HEADING
                            } else {
                                FONT_HEADING2
                            },
                            ..body_style().run
                        },
                        ..body_style()
                    },
                ),
                Block::Paragraph(text) => paragraph(&mut out, text, &body_style()),
                Block::Table(t) => {
                    table(&mut out, t, width);
                    // Word needs a paragraph between a table and what follows.
                    paragraph(&mut out, "", &body_style());
                }
                Block::PageBreak => {
                    // Even a run that only breaks the page names its fonts.
                    out.push_str("<w:p><w:r>");
                    run_properties(&mut out, &body_style().run);
                    out.push_str("<w:br w:type=\"page\"/></w:r></w:p>");
                }
            }
        }
        if index + 1 < sections {
            // A section ends with a paragraph that carries its properties.
            out.push_str("<w:p><w:pPr>");
            section_properties(&mut out, section, index == 0);
            out.push_str("</w:pPr></w:p>");
        } else {
            section_properties(&mut out, section, index == 0);
        }
    }
    if doc.sections.is_empty() {
        section_properties(
            &mut out,
            &Section {
                landscape: false,
                blocks: Vec::new(),
            },
            true,
        );
    }
    out.push_str("</w:body></w:document>");
    out
}

/// A footer with the page number 「— N —」, right or left (with a one-character inset).
fn footer_xml(right: bool) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:ftr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:p><w:pPr>",
    );
    let inset = half_points(14.0) * 10;
    let _ = write!(
        out,
        "<w:ind w:{}=\"{inset}\"/><w:jc w:val=\"{}\"/></w:pPr>",
        if right { "right" } else { "left" },
        if right { "right" } else { "left" }
    );
    let number = RunStyle::plain(FONT_PAGE_NUMBER, 14.0);
    run(&mut out, "— ", &number);
    out.push_str("<w:fldSimple w:instr=\" PAGE \">");
    run(&mut out, "1", &number);
    out.push_str("</w:fldSimple>");
    run(&mut out, " —", &number);
    out.push_str("</w:p></w:ftr>");
    out
}

/// `word/styles.xml`: document defaults with explicit fonts (no theme), and the Normal and table
/// styles Word expects.
fn styles_xml() -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:docDefaults><w:rPrDefault>",
    );
    run_properties(&mut out, &RunStyle::plain(FONT_BODY, page::BODY_POINTS));
    out.push_str("</w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>");
    // The Normal style carries the body's fonts and size too: LibreOffice sizes the character
    // grid by it, not by the document defaults.
    out.push_str("<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/>");
    run_properties(&mut out, &RunStyle::plain(FONT_BODY, page::BODY_POINTS));
    out.push_str("</w:style>");
    out.push_str("<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"57\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>");
    out.push_str("</w:styles>");
    out
}

/// `word/settings.xml`: odd and even footers differ; CJK punctuation compressed as in print.
/// Elements in the schema's order (Word refuses a settings part out of order).
const SETTINGS_XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:defaultTabStop w:val=\"420\"/><w:evenAndOddHeaders/><w:characterSpacingControl w:val=\"compressPunctuation\"/><w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat></w:settings>";

const CONTENT_TYPES_XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/><Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/><Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/><Override PartName=\"/word/footer2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/><Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/><Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/></Types>";

const ROOT_RELS_XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/><Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/></Relationships>";

const DOCUMENT_RELS_XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/><Relationship Id=\"rIdSettings\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/><Relationship Id=\"rIdFooterOdd\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/><Relationship Id=\"rIdFooterEven\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer2.xml\"/></Relationships>";

fn core_xml(doc: &Document) -> String {
    let mut title = String::new();
    escape(&doc.title, &mut title);
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>{title}</dc:title><dc:creator>事权沙盘 Shiquan</dc:creator><dc:language>zh-CN</dc:language></cp:coreProperties>"
    )
}

const APP_XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>Shiquan</Application></Properties>";

/// The document as the bytes of a `.docx` file.
pub fn write_docx(doc: &Document) -> std::io::Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let parts: [(&str, String); 9] = [
        ("[Content_Types].xml", CONTENT_TYPES_XML.to_owned()),
        ("_rels/.rels", ROOT_RELS_XML.to_owned()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS_XML.to_owned()),
        ("word/document.xml", document_xml(doc)),
        ("word/styles.xml", styles_xml()),
        ("word/settings.xml", SETTINGS_XML.to_owned()),
        ("word/footer1.xml", footer_xml(true)),
        ("word/footer2.xml", footer_xml(false)),
        ("docProps/core.xml", core_xml(doc)),
    ];
    for (name, text) in parts
        .iter()
        .chain(std::iter::once(&("docProps/app.xml", APP_XML.to_owned())))
    {
        zip.start_file(*name, options)
            .map_err(std::io::Error::other)?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish().map_err(std::io::Error::other)?.into_inner())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_body_sets_28_characters_a_line_and_22_lines_a_page() {
        // 28 characters of 16 pt, each a quarter point closer, fit the 156 mm line.
        assert_eq!(super::body_letter_spacing(), -5);
        let line_points = 156.0 / 25.4 * 72.0;
        assert!(28.0 * (16.0 - 0.25) <= line_points);
        assert!(29.0 * (16.0 - 0.25) > line_points);
        assert_eq!(super::line_pitch_twips(), 580);
    }
}
