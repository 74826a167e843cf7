//! The core binary's own helpers. What an export says about a state, read back for comparison:
//! the lead bodies of every (power, district), by name; a plan's list exported and imported
//! again. That a document's graph followed its edits as one built afresh would be. And number
//! formats for the workbooks of the bad-input corpus's builders.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use shiquan::io::export::{self, ExportContext};

use crate::common::bad_corpus::{escape, with_entry};

/// Asserts that a document's graph, kept in step with its edits, is the graph built from its
/// state: the same nodes and edges.
pub fn assert_graph_as_built(doc: &shiquan::session::Document, context: &str) {
    let built = shiquan::graph::PlanGraph::build(doc.state());
    assert_eq!(
        doc.graph().canonical_nodes(),
        built.canonical_nodes(),
        "{context}"
    );
    assert_eq!(
        doc.graph().canonical_edges(),
        built.canonical_edges(),
        "{context}"
    );
}

/// The lead bodies of every (power, district name), by name, sorted.
pub fn allocation(ctx: &ExportContext) -> BTreeMap<(String, String), Vec<String>> {
    export::allocation_rows_of(ctx)
        .into_iter()
        .map(|r| {
            let mut after = r.after;
            after.sort();
            ((r.code.to_string(), r.district_name), after)
        })
        .collect()
}

/// A plan's 权责清单 exported as CSV in `encoding` and imported again.
pub fn list_round_trip(
    plan: &shiquan::plan::Plan,
    encoding: export::CsvEncoding,
) -> shiquan::plan::Plan {
    let options = export::ExportOptions {
        scenario: None,
        table: export::TableKind::List,
        encoding,
    };
    let csv = export::export_bytes(plan, export::ExportFormat::Csv, &options)
        .unwrap_or_else(|e| panic!("export: {e}"));
    shiquan::io::import::read_list_bytes(
        &csv,
        "again.csv",
        shiquan::io::import::ListFormat::Csv,
        &shiquan::io::import::ImportOptions::default(),
    )
    .unwrap_or_else(|e| panic!("import again: {e}"))
    .into_plan()
}

/// The entries with a `xl/styles.xml` whose cell formats (style 0, 1, …) have the number
/// formats `formats` (a built-in id, or a custom code numbered from 164).
pub fn with_number_formats(
    entries: Vec<(String, Vec<u8>)>,
    formats: &[&str],
) -> Vec<(String, Vec<u8>)> {
    let mut custom = String::new();
    let mut xfs = String::new();
    for (i, format) in formats.iter().enumerate() {
        // A built-in id is a number with no leading zero (`00000` is a code).
        let builtin = format
            .parse::<u32>()
            .ok()
            .filter(|_| *format == "0" || !format.starts_with('0'));
        let id = if let Some(builtin) = builtin {
            builtin
        } else {
            let id = 164 + i;
            let _ = write!(
                custom,
                "<numFmt numFmtId=\"{id}\" formatCode=\"{}\"/>",
                escape(format)
            );
            u32::try_from(id).expect("a small id")
        };
        let _ = write!(xfs, "<xf numFmtId=\"{id}\" applyNumberFormat=\"1\"/>");
    }
    let styles = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><numFmts>{custom}</numFmts><cellXfs>{xfs}</cellXfs></styleSheet>"
    );
    with_entry(entries, "xl/styles.xml", &styles)
}
