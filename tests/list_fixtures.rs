//! The published-list fixtures of `tests/data/lists/` (issue 14): workbooks and a CSV shaped
//! like the lists governments publish (merged title rows, 主项 / 子项, two-row headers, 行使层级
//! sets and ■ / √ columns, one workbook or one sheet per department, GB18030 with 实施编码),
//! written by `cargo run --example write_list_fixtures`. Each imports, and its overlaps, gaps,
//! holders taken from titles or file names and columns read are exactly those of its
//! `expected/NAME.txt`:
//!
//! ```text
//! overlap CF-001-02 甲市      # a finding: kind, power, territory (the city or a district)
//! gap JC-003 乙区
//! holder 甲市城市管理局 title  # a table's holder and where it came from
//! column 实施编码              # a field the report says was read
//! ```

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

#[path = "common/export.rs"]
mod export_common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use shiquan::analysis::{Analysis, FindingKind};
use shiquan::io::import::{self, HolderFrom, ImportOptions, ImportedList};

fn lists() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/lists")
}

/// What an import gives, as lines in the form of the expected files.
fn lines_of(list: &ImportedList) -> BTreeSet<String> {
    let plan = list.to_plan();
    let state = &plan.baseline;
    let analysis = Analysis::full(state, &plan.rules);
    let mut lines = BTreeSet::new();
    for f in analysis.coverage.findings() {
        let kind = match f.kind {
            FindingKind::Overlap => "overlap",
            FindingKind::Gap => "gap",
            FindingKind::Rule => continue,
        };
        let place = f
            .jurisdiction
            .as_ref()
            .and_then(|j| state.jurisdiction(j))
            .map_or("?", |j| j.name.as_str());
        lines.insert(format!("{kind} {} {place}", f.power.as_ref().unwrap()));
    }
    for t in &list.report.tables {
        if let (Some(holder), Some(from)) = (&t.holder, t.holder_from) {
            let from = match from {
                HolderFrom::Title => "title",
                HolderFrom::Sheet => "sheet",
                HolderFrom::FileName => "file-name",
            };
            lines.insert(format!("holder {holder} {from}"));
        }
        for c in &t.columns {
            lines.insert(format!("column {}", c.field));
        }
    }
    lines
}

fn expected(name: &str) -> BTreeSet<String> {
    let path = lists().join("expected").join(format!("{name}.txt"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// Imports a fixture (a file or a folder) and compares it with its expected file.
fn check(name: &str) {
    let list = import::read_lists(&[lists().join(name)], &ImportOptions::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(list.skipped.is_empty(), "{name}: {:?}", list.skipped);
    let got = lines_of(&list);
    let want = expected(name);
    let missing: Vec<&String> = want.difference(&got).collect();
    let extra: Vec<&String> = got
        .difference(&want)
        .filter(|l| !l.starts_with("column "))
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{name}:\n  expected but not found: {missing:?}\n  found but not expected: {extra:?}\n  report:\n{}",
        list.report.lines().join("\n")
    );
}

#[test]
fn a_city_departments_list_with_a_title_row_and_sub_items() {
    check("附件1：甲市城市管理局权责清单（2024年版）.xlsx");
}

#[test]
fn a_districts_list_with_levels() {
    check("乙区城市管理局权责清单.xlsx");
}

#[test]
fn a_header_of_two_merged_rows() {
    check("两行表头清单.xlsx");
}

#[test]
fn a_folder_of_three_departments() {
    check("三个部门");
}

#[test]
fn a_workbook_with_a_sheet_per_department() {
    check("分部门多表.xlsx");
}

#[test]
fn a_gb18030_csv_with_implementation_codes() {
    check("实施编码清单.csv");
}

#[test]
fn a_list_with_level_marks() {
    check("勾选层级清单.xlsx");
}

#[test]
fn implementation_codes_survive_import_save_export_import_byte_for_byte() {
    let path = lists().join("实施编码清单.csv");
    let bytes = std::fs::read(&path).unwrap();
    let (text, _, errors) = encoding_rs::GB18030.decode(&bytes);
    assert!(!errors);
    // Every 实施编码 as the file writes it (the third column).
    let written: BTreeSet<String> = text
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').nth(2))
        .map(str::to_owned)
        .filter(|c| !c.is_empty())
        .collect();
    assert!(written.len() >= 10, "{written:?}");
    let plan = import::read_list(&path, &ImportOptions::default())
        .unwrap()
        .into_plan();
    let saved = shiquan::io::plan_file::to_text(&plan).unwrap();
    let loaded = shiquan::io::plan_file::load_bytes(saved.as_bytes(), "plan.ron").unwrap();
    let again = export_common::list_round_trip(&loaded, shiquan::io::export::CsvEncoding::Gb18030);
    let codes = |plan: &shiquan::plan::Plan| -> BTreeSet<String> {
        plan.baseline
            .powers()
            .keys()
            .flat_map(|p| plan.baseline.holdings_of_power(p))
            .filter_map(|h| h.listing.as_ref().map(|l| l.impl_code.clone()))
            .filter(|c| !c.is_empty())
            .collect()
    };
    assert_eq!(codes(&plan), written);
    assert_eq!(codes(&again), written);
}
