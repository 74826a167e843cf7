//! Documents as PDF (issue 20): a document with a Chinese title, headings, a wrapping
//! paragraph, a 200-row table and a landscape section is written with the system's fonts; it is
//! a PDF of A4 pages (the landscape one turned), every font is embedded, its text reads back
//! (title, a cell, the table's header again on page 2), and it is written the same twice.
//! Poppler's tools (`pdfinfo`, `pdffonts`, `pdftotext`) check what a reader sees; the tests that
//! need them, or a CJK font, say so and pass when the machine lacks them.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::Command;

use shiquan::documents::{Block, Column, DocTable, Document, Fonts, Section, write_pdf};

/// The document of these tests.
fn sample_document(rows: usize) -> Document {
    let table = DocTable {
        name: "表".into(),
        columns: vec![
            Column::center("序号", 3),
            Column::left("事项名称", 14),
            Column::center("承接层级", 5),
            Column::left("实施依据", 12),
        ],
        rows: (1..=rows)
            .map(|i| {
                vec![
                    i.to_string(),
                    format!("城市道路挖掘审批第{i}项"),
                    "区级".to_owned(),
                    "《城市道路管理条例》第三十三条，依法实施。".to_owned(),
                ]
            })
            .collect(),
        font_decipoints: 120,
    };
    let wide = DocTable {
        name: "表".into(),
        columns: (0..10)
            .map(|i| Column::center(["甲区", "乙区"][i % 2], 4))
            .collect(),
        rows: vec![vec!["主办".to_owned(); 10]; 5],
        font_decipoints: 105,
    };
    Document {
        annex: Some("附件1".to_owned()),
        title: "甲市综合行政执法职责划转表".to_owned(),
        subtitle: vec!["（方案：市区分级；对照：现行）".to_owned()],
        sections: vec![
            Section {
                landscape: false,
                blocks: vec![
                    Block::Heading {
                        level: 1,
                        text: "一、划转范围".to_owned(),
                    },
                    Block::Heading {
                        level: 2,
                        text: "（一）城市管理领域".to_owned(),
                    },
                    Block::Paragraph(
                        "根据《甲市深化综合行政执法改革方案》，将城市道路挖掘、占用审批等事项由市级\
                         下放至区级承接，市城市管理局负责统筹指导和监督检查，区城市管理局负责具体\
                         实施，街道综合行政执法队伍配合开展日常巡查。"
                            .to_owned(),
                    ),
                    Block::Table(table),
                ],
            },
            Section {
                landscape: true,
                blocks: vec![Block::Table(wide)],
            },
        ],
    }
}

/// The system's fonts, or `None` (with the reason printed) on a machine without CJK fonts.
fn system_fonts() -> Option<Fonts> {
    match Fonts::from_system() {
        Ok(fonts) => Some(fonts),
        Err(error) => {
            eprintln!("skipped: {error}");
            None
        }
    }
}

/// Runs a poppler tool on `pdf`, or `None` (with the reason printed) when it is not installed.
fn poppler(tool: &str, args: &[&str], pdf: &Path) -> Option<String> {
    match Command::new(tool).args(args).arg(pdf).arg("-").output() {
        Ok(output) if output.status.success() => {
            Some(String::from_utf8_lossy(&output.stdout).into_owned())
        }
        Ok(output) => panic!(
            "{tool} failed on {}: {}",
            pdf.display(),
            String::from_utf8_lossy(&output.stderr)
        ),
        Err(error) => {
            eprintln!("skipped the {tool} check: {error}");
            None
        }
    }
}

/// `pdfinfo` and `pdffonts` take no output argument: run them without the `-`.
fn poppler_report(tool: &str, args: &[&str], pdf: &Path) -> Option<String> {
    match Command::new(tool).args(args).arg(pdf).output() {
        Ok(output) if output.status.success() => {
            Some(String::from_utf8_lossy(&output.stdout).into_owned())
        }
        Ok(output) => panic!("{tool} failed: {}", String::from_utf8_lossy(&output.stderr)),
        Err(error) => {
            eprintln!("skipped the {tool} check: {error}");
            None
        }
    }
}

fn written_sample() -> Option<(tempfile::TempDir, std::path::PathBuf, Vec<u8>)> {
    let fonts = system_fonts()?;
    let bytes = write_pdf(&sample_document(200), &fonts).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("划转表.pdf");
    std::fs::write(&path, &bytes).unwrap();
    Some((dir, path, bytes))
}

#[test]
fn the_pdf_has_a4_pages_the_landscape_one_turned() {
    let Some((_dir, path, bytes)) = written_sample() else {
        return;
    };
    assert!(bytes.starts_with(b"%PDF-"));
    let Some(info) = poppler_report("pdfinfo", &["-f", "1", "-l", "999"], &path) else {
        return;
    };
    assert!(
        info.contains("Title:           甲市综合行政执法职责划转表"),
        "{info}"
    );
    assert!(info.contains("Producer:        Shiquan"), "{info}");
    let sizes: Vec<&str> = info
        .lines()
        .filter(|line| line.starts_with("Page") && line.contains(" size:"))
        .collect();
    assert!(sizes.len() >= 3, "{info}");
    let (last, portrait) = sizes.split_last().unwrap();
    for line in portrait {
        assert!(line.contains("595.276 x 841.89 pts (A4)"), "{line}");
    }
    assert!(last.contains("841.89 x 595.276 pts (A4)"), "{last}");
}

#[test]
fn every_font_is_embedded() {
    let Some((_dir, path, _)) = written_sample() else {
        return;
    };
    let Some(fonts) = poppler_report("pdffonts", &[], &path) else {
        return;
    };
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in rows {
        // name, type (two words), encoding, emb, sub, uni, object, id
        let fields: Vec<&str> = row.split_whitespace().collect();
        let flags = &fields[fields.len() - 5..fields.len() - 2];
        assert_eq!(
            flags,
            ["yes", "yes", "yes"],
            "not embedded, subset and mapped: {row}"
        );
    }
}

#[test]
fn the_text_reads_back_and_the_header_repeats_on_page_two() {
    let Some((_dir, path, _)) = written_sample() else {
        return;
    };
    let Some(first) = poppler("pdftotext", &["-f", "1", "-l", "1"], &path) else {
        return;
    };
    assert!(first.contains("甲市综合行政执法职责划转表"), "{first}");
    assert!(first.contains("附件1"), "{first}");
    assert!(first.contains("城市道路挖掘审批第1项"), "{first}");
    let second = poppler("pdftotext", &["-f", "2", "-l", "2"], &path).unwrap();
    assert!(second.contains("事项名称"), "header not repeated: {second}");
    assert!(second.contains("承接层级"), "{second}");
    let all = poppler("pdftotext", &[], &path).unwrap();
    assert!(
        all.contains("城市道路挖掘审批第200项"),
        "the last row is missing"
    );
    // pdftotext drops the spaces inside 「— 2 —」.
    let unspaced: String = all.chars().filter(|c| *c != ' ').collect();
    assert!(unspaced.contains("—2—"), "page numbers: {all}");
}

#[test]
fn the_same_document_is_written_the_same() {
    let Some(fonts) = system_fonts() else {
        return;
    };
    let document = sample_document(20);
    assert_eq!(
        write_pdf(&document, &fonts).unwrap(),
        write_pdf(&document, &fonts).unwrap()
    );
}

#[test]
fn each_role_names_the_font_it_resolved_to() {
    let Some(fonts) = system_fonts() else {
        return;
    };
    for (role, family, path) in fonts.resolved() {
        assert!(!family.is_empty(), "{role:?}");
        eprintln!("{}: {family} ({})", role.label(), path.display());
    }
}

#[test]
fn characters_no_font_has_and_empty_documents_are_written_without_panic() {
    let Some(fonts) = system_fonts() else {
        return;
    };
    let mut document = sample_document(1);
    document.sections[0].blocks.push(Block::Paragraph(
        "表情😀与控制符\t和私用区\u{E000}。".to_owned(),
    ));
    assert!(write_pdf(&document, &fonts).unwrap().starts_with(b"%PDF-"));
    let empty = Document {
        annex: None,
        title: String::new(),
        subtitle: Vec::new(),
        sections: Vec::new(),
    };
    let bytes = write_pdf(&empty, &fonts).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.pdf");
    std::fs::write(&path, &bytes).unwrap();
    if let Some(info) = poppler_report("pdfinfo", &[], &path) {
        assert!(info.contains("Pages:           1"), "{info}");
    }
}

/// The official fonts (`仿宋_GB2312`, 黑体 …) are TrueType, unlike Noto CJK's CFF: Droid Sans
/// Fallback, TrueType too, stands in for them to check that path (`CIDFontType2`).
#[test]
fn a_truetype_font_is_embedded_as_cid_truetype() {
    let mut system = fontdb::Database::new();
    system.load_system_fonts();
    let droid = system.faces().find_map(|face| match &face.source {
        fontdb::Source::File(path)
            if face
                .families
                .iter()
                .any(|(name, _)| name == "Droid Sans Fallback") =>
        {
            Some(path.clone())
        }
        _ => None,
    });
    let Some(droid) = droid else {
        eprintln!("skipped: Droid Sans Fallback (a TrueType CJK font) is not installed");
        return;
    };
    let mut database = fontdb::Database::new();
    database.load_font_file(&droid).unwrap();
    let fonts = Fonts::from_database(&database).unwrap();
    let bytes = write_pdf(&sample_document(30), &fonts).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("truetype.pdf");
    std::fs::write(&path, &bytes).unwrap();
    let Some(report) = poppler_report("pdffonts", &[], &path) else {
        return;
    };
    assert!(report.contains("CID TrueType"), "{report}");
    assert!(report.contains("yes yes yes"), "{report}");
    let text = poppler("pdftotext", &[], &path).unwrap();
    assert!(text.contains("甲市综合行政执法职责划转表"), "{text}");
    // Droid Sans Fallback has no Latin letters or digits: only the Chinese reads back.
    assert!(text.contains("城市道路挖掘审批第"), "{text}");
}
