//! Exports: the workbook reads back with its four sheets, headers and escaped formula cells; the
//! CSV opens with a BOM (or is GB18030), quotes per RFC 4180 and escapes formulas; the report
//! and graph formats carry their Chinese text; a list exported as CSV imports to the same
//! allocation.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

mod common;

use calamine::{Data, Reader};
use common::export::allocation;
use shiquan::io::export::{
    self, CsvEncoding, ExportContext, ExportFormat, ExportOptions, TableKind, table,
};
use shiquan::io::import::{self, ImportOptions, ListFormat};
use shiquan::model::ScenarioId;
use shiquan::plan::{Operation, Plan, PowerEdit};

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

fn sheet_rows(bytes: &[u8], name: &str) -> Vec<Vec<Data>> {
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range(name).unwrap();
    range.rows().map(<[Data]>::to_vec).collect()
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
    assert_eq!(
        book.sheet_names(),
        ["分配表", "问题清单", "机构与编制", "变更清单"]
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
        shiquan::lang::Lang::Zh,
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
                h.role.label_zh().to_owned(),
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
