//! What an export says about a state, read back for comparison: the lead bodies of every
//! (power, district), by name; a plan's list exported and imported again.

// Each test file that includes this uses some of it.
#![allow(dead_code)]

use std::collections::BTreeMap;

use shiquan::io::export::{self, ExportContext};

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
