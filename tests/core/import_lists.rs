//! Reading power lists: GB18030 with synonym headers, rows that fail with their line and
//! column, `--skip-bad-rows`, workbooks by sheet, entrusted rows, streets.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

use shiquan::io::import::{self, ImportError, ImportOptions, ListFormat};
use shiquan::model::{Level, Role};

fn gb18030(text: &str) -> Vec<u8> {
    let (bytes, _, errors) = encoding_rs::GB18030.encode(text);
    assert!(!errors);
    bytes.into_owned()
}

#[test]
fn a_gb18030_list_with_synonym_headers_imports() {
    let text = "职权编码,权力名称,事项类型,业务领域,法律依据,责任主体,层级,行政区,责任类型\r\n\
                GH-01,建设工程规划许可,许可,城乡规划,《城乡规划法》第四十条,市自然资源和规划局,市级,,主办\r\n\
                CF-01,对占道经营的处罚,处罚,市容环卫,《城市市容和环境卫生管理条例》第三十六条,甲区城市管理局,区级,甲区,\r\n\
                CF-01,对占道经营的处罚,处罚,市容环卫,,甲区市场监督管理局,区级,甲区,协办\r\n\
                CF-01,对占道经营的处罚,处罚,市容环卫,,乙区综合执法大队,区级,乙区,受委托\r\n\
                CF-01,对占道经营的处罚,处罚,市容环卫,,东街街道办事处,街道,甲区/东街街道,主办\r\n\
                JC-09,无人承担的检查,行政检查,建设管理,,,,,\r\n";
    let bytes = gb18030(text);
    assert!(std::str::from_utf8(&bytes).is_err(), "really GB18030");
    let list = import::read_list_bytes(
        &bytes,
        "清单.csv",
        ListFormat::Csv,
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(list.encoding, Some("GB18030"));
    assert_eq!(list.rows, 6);
    let plan = list.to_plan();
    let state = &plan.baseline;
    assert_eq!(state.powers().len(), 3);
    let names: Vec<&str> = state.districts().map(|d| d.name.as_str()).collect();
    assert_eq!(
        names,
        ["甲区", "乙区"],
        "districts keep their names, in order of appearance"
    );
    let power = state.power(&"GH-01".into()).unwrap();
    assert_eq!(power.name, "建设工程规划许可");
    assert_eq!(power.field, "城乡规划");
    assert_eq!(power.basis, "《城乡规划法》第四十条");
    assert_eq!(power.kind, shiquan::model::PowerKind::Licence);
    assert!(
        state.holdings_of_power(&"JC-09".into()).next().is_none(),
        "nobody holds JC-09"
    );
    // The entrusted body acts for a lead body of the same power (here the only one, in 甲区).
    let body = |name: &str| {
        state
            .bodies()
            .values()
            .find(|b| b.name == name)
            .unwrap()
            .id
            .clone()
    };
    let entrusted = state
        .holding(&"CF-01".into(), &body("乙区综合执法大队"))
        .unwrap();
    assert_eq!(
        entrusted.role,
        Role::Entrusted {
            by: body("甲区城市管理局")
        }
    );
    let street = state.body(&body("东街街道办事处")).unwrap();
    let street_j = state.jurisdiction(&street.jurisdiction).unwrap();
    assert_eq!(
        (street_j.level, street_j.name.as_str()),
        (Level::Street, "东街街道")
    );
    // 甲区 is checked on its one street: there 甲区城市管理局 and the street office both lead
    // CF-01 (an overlap); 乙区 has no lead for it (entrusted does not count); nobody holds
    // JC-09; GH-01 is led by a city body: covered everywhere.
    let analysis = shiquan::analysis::Analysis::full(state, &plan.rules);
    let gaps: Vec<(String, String)> = analysis
        .coverage
        .findings()
        .map(|f| {
            (
                f.power.as_ref().unwrap().to_string(),
                state
                    .jurisdiction(f.jurisdiction.as_ref().unwrap())
                    .unwrap()
                    .name
                    .clone(),
            )
        })
        .collect();
    assert_eq!(
        gaps,
        [
            ("CF-01".to_owned(), "东街街道".to_owned()),
            ("CF-01".to_owned(), "乙区".to_owned()),
            ("JC-09".to_owned(), "东街街道".to_owned()),
            ("JC-09".to_owned(), "乙区".to_owned()),
        ]
    );
}

const GOOD_AND_BAD: &str = "事项编码,事项名称,实施主体,行使层级,辖区,主办/协办\n\
    A-1,甲事项,市城市管理局,市级,,主办\n\
    A-2,,市城市管理局,市级,,主办\n\
    A-3,丙事项,甲区城市管理局,区级,甲区,牵头\n\
    A-4,丁事项,西街街道办事处,街道,,主办\n\
    A-5,戊事项,甲区城市管理局,区级,甲区,\n";

#[test]
fn a_row_missing_its_name_fails_naming_its_line_and_nothing_is_imported() {
    let err = import::read_list_bytes(
        GOOD_AND_BAD.as_bytes(),
        "list.csv",
        ListFormat::Csv,
        &ImportOptions::default(),
    )
    .unwrap_err();
    let ImportError::BadRows { errors, .. } = &err else {
        panic!("{err}");
    };
    let places: Vec<(usize, Option<usize>)> = errors.iter().map(|e| (e.line, e.column)).collect();
    assert_eq!(places, [(3, Some(2)), (4, Some(6)), (5, Some(5))]);
    let text = err.to_string();
    assert!(text.contains("list.csv:3:2"), "{text}");
    assert!(text.contains("事项名称"), "{text}");
    assert!(
        text.contains("list.csv:4:6") && text.contains("牵头"),
        "{text}"
    );
}

#[test]
fn skip_bad_rows_imports_the_rest_and_reports_every_skipped_row() {
    let options = ImportOptions {
        skip_bad_rows: true,
        ..ImportOptions::default()
    };
    let list = import::read_list_bytes(
        GOOD_AND_BAD.as_bytes(),
        "list.csv",
        ListFormat::Csv,
        &options,
    )
    .unwrap();
    let lines: Vec<usize> = list.skipped.iter().map(|e| e.line).collect();
    assert_eq!(lines, [3, 4, 5]);
    let plan = list.to_plan();
    let codes: Vec<&str> = plan
        .baseline
        .powers()
        .keys()
        .map(shiquan::model::PowerId::as_str)
        .collect();
    assert_eq!(codes, ["A-1", "A-5"]);
}

#[test]
fn a_street_outside_every_district_is_an_error_naming_its_cell() {
    let text = "事项编码,事项名称,实施主体,行使层级,辖区\n\
        A-1,甲事项,甲区城市管理局,区级,甲区\n\
        A-1,甲事项,乙区城市管理局,区级,乙区\n\
        A-1,甲事项,西街街道办事处,街道,西街街道\n";
    let err = import::read_list_bytes(
        text.as_bytes(),
        "s.csv",
        ListFormat::Csv,
        &ImportOptions::default(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("s.csv:4:5"), "{err}");
}

#[test]
fn a_workbook_list_reads_the_sheet_holding_the_list_or_the_named_one_with_cell_places() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let notes = book.add_worksheet();
    notes.set_name("说明").unwrap();
    notes.write_string(0, 0, "本表为示例").unwrap();
    let sheet = book.add_worksheet();
    sheet.set_name("清单").unwrap();
    sheet.write_string(0, 0, "某区权责清单").unwrap();
    for (c, h) in ["编码", "权力名称", "承办机构", "行使层级", "区域"]
        .iter()
        .enumerate()
    {
        sheet.write_string(2, c as u16, *h).unwrap();
    }
    sheet.write_number(3, 0, 110_101).unwrap();
    sheet.write_string(3, 1, "甲事项").unwrap();
    sheet.write_string(3, 2, "甲区城市管理局").unwrap();
    sheet.write_string(3, 3, "区级").unwrap();
    sheet.write_string(3, 4, "甲区").unwrap();
    sheet.write_string(4, 0, "110102").unwrap();
    sheet.write_string(4, 2, "甲区城市管理局").unwrap();
    sheet.write_string(4, 3, "区级").unwrap();
    sheet.write_string(4, 4, "甲区").unwrap();
    let bytes = book.save_to_buffer().unwrap();

    // With no sheet named, the notes sheet 说明 (no header row) is passed over for the list.
    let first = import::read_list_bytes(
        &bytes,
        "b.xlsx",
        ListFormat::Xlsx,
        &ImportOptions::default(),
    )
    .unwrap_err();
    assert!(matches!(first, ImportError::BadRows { .. }), "{first}");
    assert!(first.to_string().contains("b.xlsx:5:2"), "{first}");
    let named = ImportOptions {
        sheet: Some("清单".into()),
        ..ImportOptions::default()
    };
    let err = import::read_list_bytes(&bytes, "b.xlsx", ListFormat::Xlsx, &named).unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("b.xlsx:5:2") && text.contains(" B 列"),
        "{text}"
    );
    let missing = ImportOptions {
        sheet: Some("无此表".into()),
        ..ImportOptions::default()
    };
    let err = import::read_list_bytes(&bytes, "b.xlsx", ListFormat::Xlsx, &missing).unwrap_err();
    assert!(err.to_string().contains("「说明」、「清单」"), "{err}");
    let skip = ImportOptions {
        skip_bad_rows: true,
        ..named
    };
    let list = import::read_list_bytes(&bytes, "b.xlsx", ListFormat::Xlsx, &skip).unwrap();
    assert_eq!(list.header_line, 3);
    assert!(
        list.to_plan().baseline.power(&"110101".into()).is_some(),
        "a numeric code reads as text"
    );
}
