//! The layout's tests, with nominal widths for the fonts ([`NominalWidths`]: Chinese characters
//! one em, the rest half an em), so they run on a machine without CJK fonts.

use super::wrap::{is_closing, wrap};
use super::*;
use crate::documents::model::{Column, DocTable, Section};

/// A document of one portrait section holding one paragraph, with no title.
fn one_paragraph(text: String) -> Document {
    Document {
        annex: None,
        title: String::new(),
        subtitle: Vec::new(),
        sections: vec![Section {
            landscape: false,
            blocks: vec![Block::Paragraph(text)],
        }],
    }
}

fn body_width() -> f32 {
    Frame::of(false).width()
}

fn texts(page: &Page) -> Vec<&TextRun> {
    page.items
        .iter()
        .filter_map(|item| match item {
            Item::Text(run) => Some(run),
            Item::Rule(_) => None,
        })
        .collect()
}

#[test]
fn twenty_eight_chinese_characters_fill_one_body_line() {
    let text = "职".repeat(28);
    let style = Style::body(FontRole::Body);
    let lines = wrap(&text, style, body_width(), body_width(), &NominalWidths);
    assert_eq!(lines.len(), 1, "{lines:?}");
    let text = "职".repeat(29);
    assert_eq!(
        wrap(&text, style, body_width(), body_width(), &NominalWidths).len(),
        2
    );
}

#[test]
fn a_line_never_starts_with_closing_punctuation() {
    // 28 characters then a comma: the comma hangs on the first line.
    let text = format!("{}，{}。", "城".repeat(28), "管".repeat(40));
    let style = Style::body(FontRole::Body);
    let lines = wrap(&text, style, body_width(), body_width(), &NominalWidths);
    assert!(lines.len() >= 2);
    for line in &lines {
        let first = line.text.chars().next();
        assert!(!first.is_some_and(is_closing), "{lines:?}");
    }
    assert!(lines[0].text.ends_with('，'));
    // Every character is kept, in order.
    let joined: String = lines.iter().map(|l| l.text).collect();
    assert_eq!(joined, text);
}

#[test]
fn an_opening_bracket_moves_down_with_what_it_opens() {
    let text = format!("{}（一）", "城".repeat(27));
    let style = Style::body(FontRole::Body);
    let lines = wrap(&text, style, body_width(), body_width(), &NominalWidths);
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[1].text.starts_with('（'));
}

#[test]
fn latin_words_are_not_cut_unless_longer_than_a_line() {
    let text = format!("{}ABCDEFGH", "城".repeat(25));
    let style = Style::body(FontRole::Body);
    let lines = wrap(&text, style, body_width(), body_width(), &NominalWidths);
    assert_eq!(lines[1].text, "ABCDEFGH");
    let long = "A".repeat(200);
    let lines = wrap(&long, style, body_width(), body_width(), &NominalWidths);
    assert!(lines.len() > 1);
    assert!(
        lines
            .iter()
            .all(|l| l.width_mm <= body_width() + EPSILON_MM)
    );
}

#[test]
fn a_portrait_page_holds_twenty_two_body_lines() {
    let document = one_paragraph("城".repeat(28 * 22 - 2));
    let pages = layout(&document, &NominalWidths);
    assert_eq!(pages.len(), 1);
    assert_eq!(texts(&pages[0]).len(), 22 + 1); // and the page number
}

fn table_document(rows: usize, cell: &str) -> Document {
    Document {
        annex: Some("附件1".into()),
        title: "职责划转表".into(),
        subtitle: Vec::new(),
        sections: vec![Section {
            landscape: false,
            blocks: vec![Block::Table(DocTable {
                name: "职责划转表".into(),
                columns: vec![Column::center("序号", 4), Column::left("事项", 20)],
                rows: (0..rows)
                    .map(|i| vec![(i + 1).to_string(), cell.to_owned()])
                    .collect(),
                font_decipoints: 140,
            })],
        }],
    }
}

#[test]
fn a_row_taller_than_a_page_is_split_and_the_header_repeats() {
    let document = table_document(1, &"划".repeat(2000));
    let pages = layout(&document, &NominalWidths);
    assert!(pages.len() >= 3, "{}", pages.len());
    for page in &pages {
        let runs = texts(page);
        assert!(
            runs.iter().any(|r| r.text == "事项"),
            "header missing on a page"
        );
        for run in runs {
            assert!(run.baseline_mm < page.height_mm - page::BOTTOM_MM + 12.0);
        }
    }
    let set: usize = pages
        .iter()
        .flat_map(texts)
        .filter(|r| r.role == FontRole::Body)
        .map(|r| r.text.chars().count())
        .sum();
    assert_eq!(set, 2000 + 1);
}

#[test]
fn rows_are_not_split_when_they_fit_a_page() {
    let document = table_document(60, &"划转事项".repeat(12));
    let pages = layout(&document, &NominalWidths);
    assert!(pages.len() > 1);
    let mut lines_per_row = Vec::new();
    for page in &pages {
        let numbers = texts(page)
            .iter()
            .filter(|r| r.role == FontRole::Body && r.text.parse::<u32>().is_ok())
            .count();
        let cells = texts(page)
            .iter()
            .filter(|r| r.role == FontRole::Body && r.text.parse::<u32>().is_err())
            .count();
        // Every row's cell is as many lines long; a split row would leave a remainder.
        assert!(
            numbers > 0 && cells % numbers == 0,
            "{cells} lines, {numbers} rows"
        );
        lines_per_row.push(cells / numbers);
    }
    assert!(lines_per_row.windows(2).all(|w| w[0] == w[1]) && lines_per_row[0] > 1);
}

#[test]
fn page_count_grows_linearly_with_rows() {
    let pages_of = |rows| {
        layout(
            &table_document(rows, "城市管理综合行政执法"),
            &NominalWidths,
        )
        .len()
    };
    let small = pages_of(500);
    let large = pages_of(2000);
    assert!(
        large >= 4 * small - 4 && large <= 4 * small + 4,
        "{small} {large}"
    );
}

#[test]
fn a_landscape_section_starts_a_landscape_page_and_numbers_alternate_sides() {
    let mut document = table_document(3, "城");
    document.sections.push(Section {
        landscape: true,
        blocks: vec![Block::Paragraph("横向".into())],
    });
    let pages = layout(&document, &NominalWidths);
    assert_eq!(pages.len(), 2);
    assert!(!pages[0].landscape && pages[1].landscape);
    assert!((pages[1].width_mm - 297.0).abs() < 0.01);
    let number = |page: &Page| {
        texts(page)
            .into_iter()
            .find(|r| r.role == FontRole::PageNumber)
            .cloned()
    };
    let odd = number(&pages[0]).expect("page 1 has a number");
    let even = number(&pages[1]).expect("page 2 has a number");
    assert_eq!(odd.text, "— 1 —");
    assert!(odd.x_mm > 100.0, "odd numbers at the right");
    assert!(even.x_mm < 60.0, "even numbers at the left");
}

#[test]
fn the_title_is_centred_and_the_annex_at_the_top_left() {
    let document = table_document(1, "城");
    let pages = layout(&document, &NominalWidths);
    let runs = texts(&pages[0]);
    let annex = runs.iter().find(|r| r.text == "附件1").expect("annex");
    assert!((annex.x_mm - page::LEFT_MM).abs() < 0.01);
    let title = runs
        .iter()
        .find(|r| r.role == FontRole::Title)
        .expect("title");
    let width =
        Style::plain(FontRole::Title, page::TITLE_POINTS).text_width(&NominalWidths, &title.text);
    let centre = title.x_mm + width / 2.0;
    assert!((centre - (page::LEFT_MM + body_width() / 2.0)).abs() < 0.01);
}

#[test]
fn a_heading_does_not_stay_alone_at_the_foot_of_a_page() {
    // 20 lines of text leave two lines: room for a heading and a line of text, not for a
    // heading and a table's start.
    let text = "城".repeat(28 * 20 - 2);
    let heading = Block::Heading {
        level: 1,
        text: "二、附表".into(),
    };
    let mut document = table_document(3, "城");
    document.annex = None;
    document.title = String::new();
    let table = document.sections[0].blocks.remove(0);
    document.sections[0].blocks = vec![Block::Paragraph(text.clone()), heading.clone(), table];
    let pages = layout(&document, &NominalWidths);
    let on_page = |page: &Page| texts(page).iter().any(|r| r.text == "二、附表");
    assert!(
        on_page(&pages[1]) && !on_page(&pages[0]),
        "the heading moves down with the table"
    );
    document.sections[0].blocks = vec![
        Block::Paragraph(text),
        heading,
        Block::Paragraph("正文".into()),
    ];
    let pages = layout(&document, &NominalWidths);
    assert!(on_page(&pages[0]), "a heading and a line of text fit");
}

#[test]
fn paragraph_lines_but_the_last_are_justified_to_the_right_edge() {
    let text = format!("{}Shiquan 2026{}", "城".repeat(24), "管".repeat(40));
    let document = one_paragraph(text);
    let pages = layout(&document, &NominalWidths);
    let runs: Vec<&TextRun> = texts(&pages[0])
        .into_iter()
        .filter(|r| r.role == FontRole::Body)
        .collect();
    assert!(runs.len() >= 3);
    let size = page::BODY_POINTS * MM_PER_PT;
    let right_edge = |run: &TextRun| {
        let count = run.text.chars().count() as f32;
        let advances: f32 = run
            .text
            .chars()
            .map(|c| NominalWidths.advance_em(run.role, c) * size)
            .sum();
        run.x_mm + advances + (count - 1.0) * run.letter_spacing_mm
    };
    // Where a full line of 28 characters ends (its last character has no spacing after it).
    let full_line_edge = page::A4_WIDTH_MM - page::RIGHT_MM - body_letter_spacing_mm();
    let (last, justified) = runs.split_last().expect("lines");
    for run in justified {
        let edge = right_edge(run);
        assert!((edge - full_line_edge).abs() < 0.01, "{edge}: {run:?}");
    }
    assert!((last.letter_spacing_mm - body_letter_spacing_mm()).abs() < 1e-6);
}
