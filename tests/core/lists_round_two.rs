//! Lists read right (issue 16, part B): the cases of the second round whose right outcome is an
//! import with the right values, not an error (the errors are in the bad-input corpus,
//! `tests/data/bad/expected-lists-round-two.txt`). Workbooks are read as Excel shows them: the
//! visible sheet that holds the list, numbers under their format, dates as dates; encodings and
//! separators are found per file; a header repeated mid-file is passed over and counted.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use crate::common::bad_corpus::{
    HEADER, rows_xml, sheet, sheet_of_rows, workbook_entries, workbook_of_sheets, zip_stored,
};
use crate::common::cli::shiquan;
use crate::helpers::with_number_formats;
use shiquan::io::import::{self, ImportOptions, ImportedList, ListFormat};

/// A row of the list for a power `code` held by the city's 城市管理局.
fn row(code: &str) -> [&str; 8] {
    let mut row = crate::common::bad_corpus::ROW;
    row[0] = code;
    row
}

fn workbook_list(bytes: &[u8], options: &ImportOptions) -> ImportedList {
    import::read_list_bytes(bytes, "清单.xlsx", ListFormat::Xlsx, options).unwrap()
}

fn csv_list(bytes: &[u8]) -> ImportedList {
    import::read_list_bytes(
        bytes,
        "清单.csv",
        ListFormat::Csv,
        &ImportOptions::default(),
    )
    .unwrap()
}

fn codes(list: &ImportedList) -> Vec<String> {
    list.to_plan()
        .baseline
        .powers()
        .keys()
        .map(|c| c.as_str().to_owned())
        .collect()
}

/// Writes `bytes` as `name` in `folder` and imports it through the CLI's path (several files,
/// every sheet), with `sheet` if given.
fn cli_path_list(folder: &Path, name: &str, bytes: &[u8], sheet: Option<&str>) -> ImportedList {
    let path = folder.join(name);
    std::fs::write(&path, bytes).unwrap();
    let options = ImportOptions {
        sheet: sheet.map(str::to_owned),
        ..ImportOptions::default()
    };
    import::read_list(&path, &options).unwrap()
}

/// A workbook whose first sheet, hidden (or very hidden), holds an old list and whose second,
/// visible, holds the list.
fn hidden_first(state: &str) -> Vec<u8> {
    let old = sheet(&[(1, &HEADER), (2, &row("OLD-1"))], "");
    let list = sheet(&[(1, &HEADER), (2, &row("A-1"))], "");
    zip_stored(&workbook_of_sheets(&[
        ("旧版", Some(state), &old),
        ("清单", None, &list),
    ]))
}

#[test]
fn a_hidden_first_sheet_is_passed_over_and_reported_unless_named() {
    let folder = tempfile::tempdir().unwrap();
    for state in ["hidden", "veryHidden"] {
        let bytes = hidden_first(state);
        // The library (the window's path reads the table, then its rows).
        let list = workbook_list(&bytes, &ImportOptions::default());
        assert_eq!(codes(&list), ["A-1"], "{state}");
        assert_eq!(list.sheet.as_deref(), Some("清单"));
        let table = import::read_table_bytes(
            &bytes,
            "清单.xlsx",
            ListFormat::Xlsx,
            &ImportOptions::default(),
        )
        .unwrap();
        assert_eq!(
            table.sheets,
            ["清单"],
            "the sheet picker offers the visible sheet"
        );
        assert_eq!(table.hidden_sheets, ["旧版"]);
        // The CLI's path, and its report.
        let list = cli_path_list(folder.path(), "两表.xlsx", &bytes, None);
        assert_eq!(codes(&list), ["A-1"], "{state}");
        let passed = &list.report.passed_over;
        assert!(
            passed
                .iter()
                .any(|p| p.source.ends_with("「旧版」") && p.why.contains("隐藏")),
            "{passed:?}"
        );
        assert!(
            list.report
                .lines()
                .iter()
                .any(|l| l.contains("略过") && l.contains("旧版"))
        );
        // Named, a hidden sheet is read.
        let named = cli_path_list(folder.path(), "两表.xlsx", &bytes, Some("旧版"));
        assert_eq!(codes(&named), ["OLD-1"]);
    }
}

#[test]
fn numbers_read_as_their_format_shows_them_and_dates_as_dates() {
    // Style 1: `00000`; 2: text (@); 3: General; 4: a date (built-in 14); 5: `yyyy"年"m"月"d"日"`.
    let cell =
        |r: &str, style: u8, value: &str| format!("<c r=\"{r}\" s=\"{style}\"><v>{value}</v></c>");
    let rest = |line: usize| {
        rows_xml(&[(
            line,
            &[
                "",
                "对占道经营的处罚",
                "行政处罚",
                "市容环卫",
                "市城市管理局",
                "市级",
            ],
        )])
        .replacen(&format!("<row r=\"{line}\">"), "", 1)
        .replacen("</row>", "", 1)
    };
    let mut header: Vec<&str> = HEADER[..6].to_vec();
    header.push("实施依据");
    let rows = format!(
        "{}<row r=\"2\">{}{}{}</row><row r=\"3\">{}{}{}</row><row r=\"4\">{}{}{}</row>",
        rows_xml(&[(1, &header)]),
        cell("A2", 1, "123"),
        rest(2),
        cell("G2", 4, "45322"),
        cell("A3", 2, "456"),
        rest(3),
        cell("G3", 5, "45322"),
        cell("A4", 3, "789.0"),
        rest(4),
        cell("G4", 3, "0.30000000000000004"),
    );
    let entries = with_number_formats(
        workbook_entries(&sheet_of_rows(&rows, "")),
        &["0", "00000", "49", "0", "14", "yyyy\"年\"m\"月\"d\"日\""],
    );
    let bytes = zip_stored(&entries);
    let list = workbook_list(&bytes, &ImportOptions::default());
    assert_eq!(codes(&list), ["00123", "456", "789"]);
    let plan = list.to_plan();
    let basis = |code: &str| plan.baseline.power(&code.into()).unwrap().basis.clone();
    assert_eq!(basis("00123"), "2024-01-31", "a date reads as a date");
    assert_eq!(basis("456"), "2024-01-31", "a custom date format too");
    assert_eq!(basis("789"), "0.3", "General shows what Excel shows");
}

#[test]
fn a_date_with_a_time_reads_with_its_time() {
    let rows = format!(
        "{}<row r=\"3\"><c r=\"A3\" s=\"1\"><v>45322.5</v></c></row>",
        rows_xml(&[(1, &HEADER), (2, &row("A-1"))])
    );
    let bytes = zip_stored(&with_number_formats(
        workbook_entries(&sheet_of_rows(&rows, "")),
        &["0", "22"],
    ));
    let table = import::read_table_bytes(
        &bytes,
        "t.xlsx",
        ListFormat::Xlsx,
        &ImportOptions::default(),
    )
    .unwrap();
    let last = table.rows().last().unwrap();
    assert_eq!(last.cell(0), Some("2024-01-31 12:00"));
}

#[test]
fn utf16_lists_read_in_either_byte_order_with_or_without_a_mark() {
    let text = format!("{}\n{}\n", HEADER.join(","), row("A-1").join(","));
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for (bytes, encoding) in [
        ([&b"\xFF\xFE"[..], &le].concat(), "UTF-16LE"),
        ([&b"\xFE\xFF"[..], &be].concat(), "UTF-16BE"),
        (le.clone(), "UTF-16LE"),
    ] {
        let list = csv_list(&bytes);
        assert_eq!(list.encoding, Some(encoding));
        assert_eq!(codes(&list), ["A-1"]);
        // And from a file, as the CLI streams a UTF-8 one.
        let folder = tempfile::tempdir().unwrap();
        let list = cli_path_list(folder.path(), "清单.csv", &bytes, None);
        assert_eq!(codes(&list), ["A-1"], "{encoding} from a file");
    }
}

#[test]
fn tab_and_semicolon_separated_lists_read_as_such() {
    for separator in ["\t", ";"] {
        let text = format!(
            "{}\n{}\n{}\n",
            HEADER.join(separator),
            row("A-1").join(separator),
            // A comma inside a cell stays in it.
            row("A-2")
                .join(separator)
                .replace("对占道经营的处罚", "对占道经营,摆摊的处罚"),
        );
        let list = csv_list(text.as_bytes());
        assert_eq!(codes(&list), ["A-1", "A-2"], "{separator:?}");
        let plan = list.to_plan();
        assert_eq!(
            plan.baseline.power(&"A-2".into()).unwrap().name,
            "对占道经营,摆摊的处罚"
        );
        let folder = tempfile::tempdir().unwrap();
        let list = cli_path_list(folder.path(), "清单.csv", text.as_bytes(), None);
        assert_eq!(codes(&list), ["A-1", "A-2"], "{separator:?} from a file");
        let table = import::read_table_bytes(
            text.as_bytes(),
            "清单.csv",
            ListFormat::Csv,
            &ImportOptions::default(),
        )
        .unwrap();
        assert_eq!(table.row(1).unwrap().cell(1), Some("对占道经营的处罚"));
    }
}

#[test]
fn a_header_repeated_mid_file_is_passed_over_and_counted() {
    let header = HEADER.join(",");
    let text = format!(
        "{header}\n{}\n{header}\n{}\n{header}\n",
        row("A-1").join(","),
        row("A-2").join(",")
    );
    let list = csv_list(text.as_bytes());
    assert_eq!(codes(&list), ["A-1", "A-2"], "no power 「事项编码」");
    assert_eq!(list.report.repeated_headers, ["清单.csv:3", "清单.csv:5"]);
    assert!(
        list.report
            .lines()
            .iter()
            .any(|l| l.contains("略过与表头相同的行 2 行"))
    );
    // In a workbook too, and through the CLI's streamed path.
    let bytes = zip_stored(&workbook_entries(&sheet(
        &[
            (1, &HEADER),
            (2, &row("A-1")),
            (40, &HEADER),
            (41, &row("A-2")),
        ],
        "",
    )));
    let list = workbook_list(&bytes, &ImportOptions::default());
    assert_eq!(codes(&list), ["A-1", "A-2"]);
    assert_eq!(list.report.repeated_headers, ["清单.xlsx:40"]);
    let folder = tempfile::tempdir().unwrap();
    let list = cli_path_list(folder.path(), "清单.csv", text.as_bytes(), None);
    assert_eq!(list.report.repeated_headers.len(), 2);
}

#[test]
fn the_specific_code_header_wins_over_the_generic_one_in_any_order() {
    for header in [
        "编码,事项编码,事项名称,实施主体,行使层级",
        "事项编码,编码,事项名称,实施主体,行使层级",
    ] {
        let generic_first = header.starts_with("编码");
        let row = if generic_first {
            "7,A-1,对占道经营的处罚,市城市管理局,市级"
        } else {
            "A-1,7,对占道经营的处罚,市城市管理局,市级"
        };
        let list = csv_list(format!("{header}\n{row}\n").as_bytes());
        assert_eq!(codes(&list), ["A-1"], "{header}");
    }
}

#[test]
fn an_empty_cover_sheet_is_passed_over_by_the_window_too_and_named() {
    let bytes = zip_stored(&workbook_of_sheets(&[
        ("封面", None, &sheet(&[], "")),
        ("清单", None, &sheet(&[(1, &HEADER), (2, &row("A-1"))], "")),
    ]));
    // The window reads one table: the first visible sheet that holds a list.
    let table = import::read_table_bytes(
        &bytes,
        "清单.xlsx",
        ListFormat::Xlsx,
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(table.sheet.as_deref(), Some("清单"));
    let list = workbook_list(&bytes, &ImportOptions::default());
    assert_eq!(codes(&list), ["A-1"]);
    assert!(
        list.report
            .passed_over
            .iter()
            .any(|p| p.source.ends_with("「封面」") && p.why.contains("空白工作表")),
        "{:?}",
        list.report.passed_over
    );
}

#[test]
fn a_sheet_named_without_its_stray_space_is_found_and_a_missing_one_quoted() {
    let bytes = zip_stored(&workbook_of_sheets(&[(
        "清单 ",
        None,
        &sheet(&[(1, &HEADER), (2, &row("A-1"))], ""),
    )]));
    let named = ImportOptions {
        sheet: Some("清单".to_owned()),
        ..ImportOptions::default()
    };
    assert_eq!(codes(&workbook_list(&bytes, &named)), ["A-1"]);
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("清单.xlsx");
    std::fs::write(&path, &bytes).unwrap();
    let (code, _, stderr) = shiquan(&["check", path.to_str().unwrap(), "--sheet", "清单"]);
    assert_ne!(code, 2, "{stderr}");
    let (code, _, stderr) = shiquan(&["check", path.to_str().unwrap(), "--sheet", "目录"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("「目录」") && stderr.contains("「清单 」"),
        "the names are quoted so that the space shows: {stderr}"
    );
}

#[test]
fn merged_code_cells_keep_the_assisting_row_and_its_body() {
    // A2:A3, B2:B3 … merged: the 协办 row under the 主办 row shows the code and the name.
    let rows = rows_xml(&[
        (1, &HEADER),
        (2, &row("A-1")),
        (3, &["", "", "", "", "市公安局", "市级", "", "协办"]),
    ]);
    let xml = sheet_of_rows(&rows, "").replace(
        "</sheetData>",
        "</sheetData><mergeCells count=\"4\"><mergeCell ref=\"A2:A3\"/><mergeCell ref=\"B2:B3\"/><mergeCell ref=\"C2:C3\"/><mergeCell ref=\"D2:D3\"/></mergeCells>",
    );
    let bytes = zip_stored(&workbook_entries(&xml));
    let skip = ImportOptions {
        skip_bad_rows: true,
        ..ImportOptions::default()
    };
    for options in [ImportOptions::default(), skip] {
        let list = workbook_list(&bytes, &options);
        assert!(list.skipped.is_empty(), "{:?}", list.skipped);
        let plan = list.to_plan();
        let state = &plan.baseline;
        let holders: Vec<&str> = state
            .holdings_of_power(&"A-1".into())
            .map(|h| state.bodies()[&h.body].name.as_str())
            .collect();
        assert_eq!(holders.len(), 2, "{holders:?}");
        assert!(holders.contains(&"市公安局"));
    }
}

#[test]
fn a_csv_saved_from_merged_cells_continues_the_item_on_its_assisting_row() {
    // Saved as CSV, the merge is gone: the 协办 row has its body and role, and blanks where the
    // item's code, name, kind and field were merged over it.
    let text = "事项编码,事项名称,权力类型,领域,实施主体,行使层级,辖区,主办/协办\n\
                CF-1,对乱倒垃圾的处罚,行政处罚,市容环卫,市城市管理局,市级,,主办\n\
                ,,,,市环境卫生管理处,,,协办\n\
                CF-2,对占道经营的处罚,行政处罚,占道经营,市城市管理局,市级,,主办\n";
    let list = csv_list(text.as_bytes());
    assert!(list.skipped.is_empty(), "{:?}", list.skipped);
    let plan = list.to_plan();
    let state = &plan.baseline;
    let mut holders: Vec<(&str, bool)> = state
        .holdings_of_power(&"CF-1".into())
        .map(|h| (state.bodies()[&h.body].name.as_str(), h.role.is_lead()))
        .collect();
    holders.sort_unstable();
    assert_eq!(
        holders,
        [("市城市管理局", true), ("市环境卫生管理处", false)],
        "the continuation row is CF-1's assisting body"
    );
    assert_eq!(state.powers().len(), 2, "no item of its own");
    // A row with neither code nor name nor an item above it is still an error.
    let orphan = "事项编码,事项名称,权力类型,领域,实施主体,行使层级\n,,,,市环境卫生管理处,市级\n";
    let error = import::read_list_bytes(
        orphan.as_bytes(),
        "孤行.csv",
        ListFormat::Csv,
        &ImportOptions::default(),
    )
    .err()
    .map(|e| e.to_string())
    .unwrap_or_default();
    assert!(error.contains("事项编码为空"), "{error}");
}
