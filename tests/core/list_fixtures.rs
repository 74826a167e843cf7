//! The published-list fixtures of `tests/data/lists/` (issue 14): workbooks and a CSV shaped
//! like the lists governments publish (merged title rows, 主项 / 子项, two-row headers, 行使层级
//! sets and ■ / √ columns, one workbook or one sheet per department, GB18030 with 实施编码),
//! and (issue 15) a list naming streets, written by `cargo run --example write_list_fixtures`. Each imports, and its overlaps, gaps,
//! holders taken from titles or file names and columns read are exactly those of its
//! `expected/NAME.txt`:
//!
//! ```text
//! overlap CF-001-02 甲市      # a finding: kind, power, territory (the city, a district, or
//! gap JC-003 乙区             # a street as 区/街道)
//! gap JD-003 乙区/南街道
//! holder 甲市城市管理局 title  # a table's holder and where it came from
//! column 实施编码              # a field the report says was read
//! ```

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use shiquan::analysis::{Analysis, FindingKind};
use shiquan::io::import::{self, HolderFrom, ImportOptions, ImportedList};
use shiquan::model::{JurisdictionId, Level, State};

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
            .map_or_else(|| "?".to_owned(), |j| territory_name(state, j));
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

/// A territory as the expected files write it: its name, and a street's as 区/街道 (two
/// districts may each have a 东街道).
fn territory_name(state: &State, id: &JurisdictionId) -> String {
    let Some(j) = state.jurisdiction(id) else {
        return format!("?{id:?}");
    };
    match (
        j.level,
        j.parent.as_ref().and_then(|p| state.jurisdiction(p)),
    ) {
        (Level::Street, Some(district)) => format!("{}/{}", district.name, j.name),
        _ => j.name.clone(),
    }
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
fn a_list_naming_streets() {
    check("街道权责清单.xlsx");
}

#[test]
fn a_list_naming_streets_builds_the_tree() {
    let list = import::read_lists(
        &[lists().join("街道权责清单.xlsx")],
        &ImportOptions::default(),
    )
    .unwrap();
    let plan = list.to_plan();
    let state = &plan.baseline;
    // Every jurisdiction: its id, level, name and parent.
    let tree: Vec<(String, Level, String, Option<String>)> = state
        .jurisdictions()
        .values()
        .map(|j| {
            (
                j.id.as_str().to_owned(),
                j.level,
                j.name.clone(),
                j.parent.as_ref().map(|p| p.as_str().to_owned()),
            )
        })
        .collect();
    let row = |id: &str, level, name: &str, parent: Option<&str>| {
        (
            id.to_owned(),
            level,
            name.to_owned(),
            parent.map(str::to_owned),
        )
    };
    assert_eq!(
        tree,
        [
            row("city", Level::City, "甲市", None),
            row("district-01", Level::District, "乙区", Some("city")),
            row(
                "district-01-street-01",
                Level::Street,
                "东街道",
                Some("district-01")
            ),
            row(
                "district-01-street-02",
                Level::Street,
                "西街道",
                Some("district-01")
            ),
            row(
                "district-01-street-03",
                Level::Street,
                "南街道",
                Some("district-01")
            ),
            row("district-02", Level::District, "丙区", Some("city")),
            row(
                "district-02-street-01",
                Level::Street,
                "东街道",
                Some("district-02")
            ),
            row("district-03", Level::District, "丁区", Some("city")),
        ]
    );
    // Bodies: the city's and three districts' bureaus, four street teams (two named 东街道…, one
    // in each district; 丙区's written two ways is one) and a street office.
    let mut bodies: Vec<(String, String)> = state
        .bodies()
        .values()
        .map(|b| (b.name.clone(), territory_name(state, &b.jurisdiction)))
        .collect();
    bodies.sort();
    let mut want: Vec<(String, String)> = [
        ("甲市城市管理局", "甲市"),
        ("甲市乙区城市管理局", "乙区"),
        ("甲市丙区城市管理局", "丙区"),
        ("甲市丁区城市管理局", "丁区"),
        ("东街道综合行政执法队", "乙区/东街道"),
        ("东街道综合行政执法队", "丙区/东街道"),
        ("西街道综合行政执法队", "乙区/西街道"),
        ("乙区南街道综合行政执法队", "乙区/南街道"),
        ("甲市乙区南街道办事处", "乙区/南街道"),
    ]
    .iter()
    .map(|(b, j)| ((*b).to_owned(), (*j).to_owned()))
    .collect();
    want.sort();
    assert_eq!(bodies, want);
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
    let again = crate::helpers::list_round_trip(&loaded, shiquan::io::export::CsvEncoding::Gb18030);
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
