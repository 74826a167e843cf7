//! Exports: the workbook reads back with its four sheets (five with review opinions), title rows, headers and escaped
//! formula cells; its 机构与编制 sheet leads with names; it prints on A4 at a legible size, with
//! repeated headers and wrapped text in rows as tall as it, and names its title and author; the CSV opens with a BOM
//! (or is GB18030), quotes per RFC 4180 and escapes formulas; the report and graph formats carry
//! their Chinese text; a list exported as CSV imports to the same allocation.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

use crate::helpers::allocation;
use calamine::{Data, Reader};
use shiquan::io::export::{
    self, CsvEncoding, ExportContext, ExportFormat, ExportOptions, TableKind, table,
};
use shiquan::io::import::{self, ImportOptions, ListFormat};
use shiquan::model::ScenarioId;
use shiquan::plan::{Operation, Plan, PowerEdit};
use shiquan::text::{Label, Lang};

fn seed() -> Plan {
    shiquan::io::seed::seed_plan().unwrap()
}

const SCENARIOS: [Option<&str>; 3] = [
    None,
    Some("city-district-split"),
    Some("comprehensive-enforcement"),
];

/// A plan whose texts look like formulas, quotes and line breaks (a list's `'=` keeps a
/// leading `=` as text; a bare `=` cell is refused as a formula).
fn hostile_plan() -> Plan {
    let text = "事项编码,事项名称,领域,实施依据,实施主体,行使层级,辖区,主办/协办\n\
        -1,'=1+1,@领域,+《法》第一条,\"市局,一处\",市级,,主办\n\
        A-2,\"带\"\"引号\"\"和\n换行\",领域,依据,'=HYPERLINK(\"x\"),区级,甲区,主办\n";
    let mut plan = import::read_list_bytes(
        text.as_bytes(),
        "hostile.csv",
        ListFormat::Csv,
        &ImportOptions::default(),
    )
    .unwrap()
    .to_plan();
    // A list's cells are trimmed, so a leading tab or CR comes from an edit.
    for edit in [
        PowerEdit::Field("\t制表".into()),
        PowerEdit::Basis("\r回车".into()),
    ] {
        Operation::EditPower {
            power: "A-2".into(),
            edit,
        }
        .apply(&mut plan.baseline)
        .unwrap();
    }
    plan
}

/// A sheet's rows from its header row on: the first row is the sheet's title (issue 17), which
/// names the sheet.
fn sheet_rows(bytes: &[u8], name: &str) -> Vec<Vec<Data>> {
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range(name).unwrap();
    let rows: Vec<Vec<Data>> = range.rows().map(<[Data]>::to_vec).collect();
    assert!(
        rows[0][0].to_string().starts_with(name),
        "{name}: the title row {:?}",
        rows[0]
    );
    rows[1..].to_vec()
}

#[test]
fn the_workbook_reads_back_with_its_four_sheets() {
    let plan = seed();
    let options = ExportOptions {
        scenario: Some(ScenarioId::new("city-district-split")),
        ..ExportOptions::default()
    };
    let bytes = export::export_bytes(&plan, ExportFormat::Xlsx, &options).unwrap();
    let book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(&bytes[..])).unwrap();
    // The seed plan has review opinions: their sheet comes last (issue 19).
    assert_eq!(
        book.sheet_names(),
        ["分配表", "问题清单", "机构与编制", "变更清单", "审核意见"]
    );
    let rows = sheet_rows(&bytes, "分配表");
    let header: Vec<String> = rows[0].iter().map(ToString::to_string).collect();
    assert_eq!(header, table::ALLOCATION_HEADERS);
    let ctx = ExportContext::new(&plan, options.scenario.as_ref()).unwrap();
    // A row per power and territory: 甲区's three streets, 乙区 and 丙区.
    let territories = ctx.analysis.coverage.territories().len();
    assert_eq!(territories, 5);
    assert_eq!(rows.len() - 1, ctx.after.powers().len() * territories);
    let methods: std::collections::BTreeSet<String> =
        rows[1..].iter().map(|r| r[8].to_string()).collect();
    assert!(
        methods.contains("下划") && methods.contains("划转") && methods.contains("保留"),
        "{methods:?}"
    );
    let changes = sheet_rows(&bytes, "变更清单");
    assert_eq!(
        changes.len() - 1,
        plan.scenario(&"city-district-split".into())
            .unwrap()
            .operations
            .len()
    );
    let bodies = sheet_rows(&bytes, "机构与编制");
    assert_eq!(
        bodies.len() - 1,
        ctx.after.bodies().len()
            + ctx
                .before
                .bodies()
                .keys()
                .filter(|b| ctx.after.body(b).is_none())
                .count()
    );
    let findings = sheet_rows(&bytes, "问题清单");
    assert_eq!(findings.len() - 1, ctx.analysis.findings().count());
    let report = shiquan::report::CheckReport::build(
        &plan,
        options.scenario.as_ref(),
        shiquan::text::Lang::Zh,
    )
    .unwrap();
    assert_eq!(
        findings.len() - 1,
        report.findings.len(),
        "the same findings as check"
    );
}

#[test]
fn formula_looking_cells_are_escaped_in_xlsx_and_csv() {
    let plan = hostile_plan();
    let bytes = export::export_bytes(&plan, ExportFormat::Xlsx, &ExportOptions::default()).unwrap();
    let rows = sheet_rows(&bytes, "分配表");
    let cells: Vec<String> = rows[1..]
        .iter()
        .flat_map(|r| r.iter().map(ToString::to_string))
        .collect();
    for escaped in [
        "'-1",
        "'=1+1",
        "'@领域",
        "'+《法》第一条",
        "'\t制表",
        "'\r回车",
        "'=HYPERLINK(\"x\")",
    ] {
        assert!(
            cells.iter().any(|c| c == escaped),
            "{escaped:?} in {cells:?}"
        );
    }
    for r in &rows[1..] {
        for c in r {
            assert!(
                matches!(c, Data::String(_) | Data::Empty | Data::Float(_)),
                "{c:?}"
            );
            if let Data::String(s) = c {
                assert!(!export::looks_like_formula(s), "unescaped {s:?}");
            }
        }
    }
    let csv = export::export_bytes(&plan, ExportFormat::Csv, &ExportOptions::default()).unwrap();
    let text = std::str::from_utf8(&csv[3..]).unwrap();
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    for record in reader.records() {
        for field in &record.unwrap() {
            assert!(!export::looks_like_formula(field), "unescaped {field:?}");
        }
    }
    assert!(
        text.contains("\"带\"\"引号\"\"和\n换行\""),
        "RFC 4180 quoting: {text}"
    );
    assert!(text.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{text}");
}

#[test]
fn the_csv_starts_with_a_bom_or_is_gb18030() {
    let plan = seed();
    let utf8 = export::export_bytes(&plan, ExportFormat::Csv, &ExportOptions::default()).unwrap();
    assert_eq!(&utf8[..3], b"\xEF\xBB\xBF");
    assert!(
        std::str::from_utf8(&utf8[3..])
            .unwrap()
            .starts_with("事项编码,事项名称,")
    );
    let gb = export::export_bytes(
        &plan,
        ExportFormat::Csv,
        &ExportOptions {
            encoding: CsvEncoding::Gb18030,
            ..ExportOptions::default()
        },
    )
    .unwrap();
    assert!(std::str::from_utf8(&gb).is_err(), "GB18030, not UTF-8");
    let (text, _, errors) = encoding_rs::GB18030.decode(&gb);
    assert!(!errors);
    assert_eq!(text, std::str::from_utf8(&utf8[3..]).unwrap());
}

fn holders(ctx: &ExportContext) -> Vec<(String, String, String)> {
    let mut out: Vec<(String, String, String)> = ctx
        .after
        .holdings()
        .map(|h| {
            (
                h.power.to_string(),
                ctx.body_name(&h.body),
                h.role.label(Lang::Zh).to_owned(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_list_exported_as_csv_imports_to_the_same_allocation() {
    let plan = seed();
    for scenario in SCENARIOS {
        let options = ExportOptions {
            scenario: scenario.map(ScenarioId::new),
            table: TableKind::List,
            encoding: CsvEncoding::Utf8Bom,
        };
        let csv = export::export_bytes(&plan, ExportFormat::Csv, &options).unwrap();
        let list =
            import::read_list_bytes(&csv, "list.csv", ListFormat::Csv, &ImportOptions::default())
                .unwrap();
        assert!(
            list.skipped.is_empty() && list.notes.is_empty(),
            "{:?}",
            list.notes
        );
        let imported = list.to_plan();
        let before = ExportContext::new(&plan, options.scenario.as_ref()).unwrap();
        let after = ExportContext::new(&imported, None).unwrap();
        assert_eq!(allocation(&after), allocation(&before), "{scenario:?}");
        assert_eq!(holders(&after), holders(&before), "{scenario:?}");
        // And once more: the import's own list export is the same text.
        let again = export::export_bytes(
            &imported,
            ExportFormat::Csv,
            &ExportOptions {
                table: TableKind::List,
                ..ExportOptions::default()
            },
        )
        .unwrap();
        let lines = |bytes: &[u8]| {
            let mut lines: Vec<String> = String::from_utf8_lossy(bytes)
                .lines()
                .map(str::to_owned)
                .collect();
            lines.sort();
            lines
        };
        assert_eq!(lines(&again), lines(&csv), "{scenario:?}");
    }
}

#[test]
fn reports_and_graphs_carry_their_chinese_text() {
    let plan = seed();
    let options = ExportOptions {
        scenario: Some(ScenarioId::new("comprehensive-enforcement")),
        ..ExportOptions::default()
    };
    let text =
        |format| String::from_utf8(export::export_bytes(&plan, format, &options).unwrap()).unwrap();
    let svg = text(ExportFormat::Svg);
    assert!(svg.starts_with("<svg") && svg.contains("Noto Sans CJK SC") && svg.contains("甲区"));
    let html = text(ExportFormat::Html);
    assert!(
        html.contains("<meta charset=\"utf-8\">")
            && html.contains("<svg")
            && html.contains("问题清单")
    );
    assert!(
        !html.contains("<script") && !html.contains("src=\"http"),
        "self-contained"
    );
    let md = text(ExportFormat::Markdown);
    assert!(md.contains("| 事项编码 | 事项名称 |"));
    let dot = text(ExportFormat::Dot);
    assert!(dot.starts_with("digraph") && dot.contains("subgraph cluster_0"));
    let png = export::export_bytes(&plan, ExportFormat::Png, &options).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
}

// ---------------------------------------------------------------------------------------------
// Issue 17: the workbook for reading and for print.

use std::io::Read as _;

use resvg::usvg::roxmltree;

/// The text of one part of the workbook's zip.
fn part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .read_to_string(&mut text)
        .unwrap();
    text
}

fn split_workbook(plan: &Plan) -> Vec<u8> {
    let options = ExportOptions {
        scenario: Some(ScenarioId::new("city-district-split")),
        ..ExportOptions::default()
    };
    export::export_bytes(plan, ExportFormat::Xlsx, &options).unwrap()
}

#[test]
fn the_bodies_sheet_leads_with_names_and_keeps_codes_last() {
    let plan = seed();
    let bytes = split_workbook(&plan);
    let ctx = ExportContext::new(&plan, Some(&ScenarioId::new("city-district-split"))).unwrap();
    let rows = sheet_rows(&bytes, "机构与编制");
    let header: Vec<String> = rows[0].iter().map(ToString::to_string).collect();
    assert_eq!(&header[..3], ["机构名称", "所在辖区", "上级机构"]);
    assert_eq!(header.last().map(String::as_str), Some("机构编码"));
    let states = [&ctx.after, &ctx.before];
    let body_ids: std::collections::BTreeSet<String> = states
        .iter()
        .flat_map(|s| s.bodies().keys().map(ToString::to_string))
        .collect();
    let place_ids: std::collections::BTreeSet<String> = states
        .iter()
        .flat_map(|s| s.jurisdictions().keys().map(ToString::to_string))
        .collect();
    let body_names: std::collections::BTreeSet<String> = states
        .iter()
        .flat_map(|s| s.bodies().values().map(|b| b.name.clone()))
        .collect();
    let place_names: std::collections::BTreeSet<String> = states
        .iter()
        .flat_map(|s| s.jurisdictions().values().map(|j| j.name.clone()))
        .collect();
    let mut parents = 0;
    for row in &rows[1..] {
        let [name, place, parent] = [&row[0], &row[1], &row[2]].map(ToString::to_string);
        assert!(body_names.contains(&name), "{name}: not a body's name");
        assert!(
            place_names.contains(&place),
            "{place}: not a jurisdiction's name"
        );
        assert!(
            parent.is_empty() || body_names.contains(&parent),
            "{parent}"
        );
        for text in [&name, &place, &parent] {
            assert!(
                !body_ids.contains(text) && !place_ids.contains(text),
                "an id: {text}"
            );
        }
        parents += usize::from(!parent.is_empty());
        let code = row.last().map(ToString::to_string).unwrap_or_default();
        assert!(
            body_ids.contains(&code),
            "the last column is the body's code: {code}"
        );
    }
    assert!(parents > 0, "the seed has sub-bodies");
}

/// The pixels a column takes: the file's width already holds the 5 pixels of padding (Office
/// Open XML: width = (characters × 7 + 5) / 7 at the default font, 7 pixels a character).
fn column_pixels(width: f64) -> f64 {
    (width * 7.0).round()
}

#[test]
fn every_sheet_prints_on_a4_legibly_with_a_title_and_repeated_headers() {
    let plan = seed();
    let bytes = split_workbook(&plan);
    let workbook = part(&bytes, "xl/workbook.xml");
    let styles = part(&bytes, "xl/styles.xml");
    assert!(styles.contains("wrapText=\"1\""), "wrapped text: {styles}");
    let title = format!("{} · 市区两级事权划分", plan.title);
    for (i, name) in ["分配表", "问题清单", "机构与编制", "变更清单"]
        .iter()
        .enumerate()
    {
        // A title row above the header, naming the sheet and the plan's state.
        let first = sheet_rows(&bytes, name);
        assert!(!first.is_empty(), "{name}");
        let mut book =
            calamine::open_workbook_auto_from_rs(std::io::Cursor::new(&bytes[..])).unwrap();
        let range = book.worksheet_range(name).unwrap();
        let heading = range
            .get((0, 0))
            .map(ToString::to_string)
            .unwrap_or_default();
        assert!(
            heading.contains(name) && heading.contains(&title),
            "{name}: {heading}"
        );

        let xml = part(&bytes, &format!("xl/worksheets/sheet{}.xml", i + 1));
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let element = |tag: &str| doc.descendants().find(|n| n.has_tag_name(tag));
        let setup = element("pageSetup").unwrap_or_else(|| panic!("{name}: no page setup"));
        assert_eq!(setup.attribute("paperSize"), Some("9"), "{name}: A4");
        assert_eq!(
            setup.attribute("fitToHeight"),
            Some("0"),
            "{name}: as many pages tall as it takes"
        );
        assert!(
            setup.attribute("fitToWidth").is_none_or(|w| w == "1"),
            "{name}: one page wide"
        );
        assert!(setup.attribute("scale").is_none(), "{name}: no fixed scale");
        let fit = element("pageSetUpPr").and_then(|n| n.attribute("fitToPage"));
        assert_eq!(fit, Some("1"), "{name}: fitted to the page");
        let landscape = setup.attribute("orientation") == Some("landscape");
        // The scale that fitting one page wide gives: the printable width over the columns'.
        let margins = element("pageMargins").unwrap();
        let side: f64 = ["left", "right"]
            .iter()
            .map(|a| margins.attribute(*a).unwrap().parse::<f64>().unwrap())
            .sum();
        let paper = if landscape { 11.69 } else { 8.27 };
        let columns: f64 = doc
            .descendants()
            .filter(|n| n.has_tag_name("col"))
            .map(|c| {
                let span = |a| c.attribute(a).unwrap().parse::<f64>().unwrap();
                (span("max") - span("min") + 1.0) * column_pixels(span("width"))
            })
            .sum();
        let scale = ((paper - side) * 96.0 / columns).min(1.0);
        assert!(
            scale >= 0.75,
            "{name}: printed at {:.0}% ({columns} px)",
            scale * 100.0
        );
        // A row whose text wraps is as tall as its lines (not one line, cut).
        if *name == "分配表" {
            let tall = doc
                .descendants()
                .filter(|n| n.has_tag_name("row"))
                .filter_map(|r| r.attribute("ht")?.parse::<f64>().ok())
                .filter(|ht| *ht >= 30.0)
                .count();
            assert!(tall > 0, "{name}: no row is taller than a line");
        }
        // Wide sheets lie down; the three-column 变更清单 stands.
        assert_eq!(landscape, *name != "变更清单", "{name}: orientation");
        // The header row (the second) repeats on every page.
        let sheet = format!("'{name}'!$2:$2");
        let sheet_plain = format!("{name}!$2:$2");
        assert!(
            workbook.contains(&sheet) || workbook.contains(&sheet_plain),
            "{name}: repeated header rows: {workbook}"
        );
    }
    let core = part(&bytes, "docProps/core.xml");
    let doc = roxmltree::Document::parse(&core).unwrap();
    let text = |tag: &str| {
        doc.descendants()
            .find(|n| n.tag_name().name() == tag)
            .and_then(|n| n.text())
            .map(str::to_owned)
    };
    assert_eq!(text("title"), Some(title.clone()), "{core}");
    assert_eq!(
        text("creator").as_deref(),
        Some("事权沙盘 Shiquan"),
        "{core}"
    );
}
