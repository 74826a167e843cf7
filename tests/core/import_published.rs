//! Lists shaped like published 权责清单 (issue 14): 行使层级 written as sets and read as level
//! splits (分级管辖), a city department's rows for the districts only, ■ / √ level columns,
//! kinds as published lists spell them, 繁体 headers, a city-only list.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

use shiquan::analysis::{Analysis, FindingKind, Reason};
use shiquan::io::import::{self, ImportOptions, ImportedList, ListFormat};
use shiquan::model::{Cases, Level, PowerKind};

fn read(text: &str) -> ImportedList {
    import::read_list_bytes(
        text.as_bytes(),
        "清单.csv",
        ListFormat::Csv,
        &ImportOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

/// The error a list that cannot be imported gives, as text.
fn read_error(text: &str, name: &str) -> String {
    import::read_list_bytes(
        text.as_bytes(),
        name,
        ListFormat::Csv,
        &ImportOptions::default(),
    )
    .expect_err("the list is refused")
    .to_string()
}

/// Every coverage finding as (kind, power, territory name, reason).
fn coverage(list: &ImportedList) -> Vec<(FindingKind, String, String, Reason)> {
    let plan = list.to_plan();
    let state = &plan.baseline;
    let analysis = Analysis::full(state, &plan.rules);
    analysis
        .coverage
        .findings()
        .map(|f| {
            (
                f.kind,
                f.power.as_ref().unwrap().to_string(),
                state
                    .jurisdiction(f.jurisdiction.as_ref().unwrap())
                    .unwrap()
                    .name
                    .clone(),
                f.reason.clone(),
            )
        })
        .collect()
}

/// Every coverage finding as (power, territory name).
fn places(list: &ImportedList) -> Vec<(String, String)> {
    coverage(list)
        .into_iter()
        .map(|(_, power, place, _)| (power, place))
        .collect()
}

/// The pairs (power, territory name) given as text.
fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(p, t)| ((*p).to_owned(), (*t).to_owned()))
        .collect()
}

#[test]
fn levels_written_as_sets_make_a_level_split() {
    // The city bureau takes the major cases of CF-1 (「市级、区级」, in four spellings); 甲区's
    // bureau leads its district's ordinary cases, 乙区 has none: a gap of that tier, no overlap.
    for levels in ["市级、区级", "市级/区级", "市、区两级", "市级,区级"] {
        let text = format!(
            "事项编码,事项名称,权力类型,实施主体,行使层级,辖区\n\
             CF-1,对违法设置户外广告的处罚,行政处罚,甲市城市管理局,\"{levels}\",\n\
             CF-1,对违法设置户外广告的处罚,行政处罚,甲区城市管理局,区级,甲区\n\
             XK-1,临时占用城市道路许可,行政许可,乙区城市管理局,区级,乙区\n\
             XK-1,临时占用城市道路许可,行政许可,甲区城市管理局,区级,甲区\n"
        );
        let list = read(&text);
        let plan = list.to_plan();
        let state = &plan.baseline;
        let city = state
            .bodies()
            .values()
            .find(|b| b.name == "甲市城市管理局")
            .unwrap();
        let district = state
            .bodies()
            .values()
            .find(|b| b.name == "甲区城市管理局")
            .unwrap();
        assert_eq!(
            state.holding(&"CF-1".into(), &city.id).unwrap().cases,
            Some(Cases::Major),
            "{levels}"
        );
        assert_eq!(
            state.holding(&"CF-1".into(), &district.id).unwrap().cases,
            Some(Cases::Ordinary),
            "{levels}"
        );
        assert_eq!(
            coverage(&list),
            [(
                FindingKind::Gap,
                "CF-1".to_owned(),
                "乙区".to_owned(),
                Reason::TierGap {
                    missing: Cases::Ordinary
                }
            )],
            "{levels}"
        );
    }
}

#[test]
fn a_city_departments_row_for_the_districts_only_is_a_gap_in_each_district() {
    let text = "事项编码,事项名称,权力类型,实施主体,行使层级,辖区\n\
        JC-1,对门前责任区的检查,行政检查,甲市城市管理局,区级,\n\
        XK-1,临时占用城市道路许可,行政许可,甲区城市管理局,区级,甲区\n\
        XK-1,临时占用城市道路许可,行政许可,乙区城市管理局,区级,乙区\n";
    let list = read(text);
    assert!(coverage(&list).iter().all(|f| f.0 == FindingKind::Gap));
    assert_eq!(places(&list), pairs(&[("JC-1", "甲区"), ("JC-1", "乙区")]));
    assert!(
        list.notes
            .iter()
            .any(|n| n.contains("JC-1") && n.contains("各区")),
        "{:?}",
        list.notes
    );
    // The city department holds nothing it does not exercise.
    let plan = list.to_plan();
    assert!(
        plan.baseline
            .holdings_of_power(&"JC-1".into())
            .next()
            .is_none()
    );
}

#[test]
fn a_district_body_named_in_full_finds_its_district() {
    let text = "事项编码,事项名称,实施主体,行使层级,辖区\n\
        XK-1,临时占用城市道路许可,甲市乙区城市管理局,区级,\n";
    let plan = read(text).to_plan();
    let names: Vec<&str> = plan.baseline.districts().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["乙区"]);
    // A district body whose name says no district still needs its 辖区.
    let text = "事项编码,事项名称,实施主体,行使层级,辖区\n\
        XK-1,临时占用城市道路许可,区城市管理局,区级,\n";
    let err = read_error(text, "d.csv");
    assert!(err.contains("d.csv:2:5"), "{err}");
}

#[test]
fn level_marks_in_a_column_per_level() {
    let text = "事项编码,事项名称,权力类型,实施主体,辖区,市级,区级,街道\n\
        CF-1,对乱堆物料的处罚,行政强制措施,甲市城市管理局,,■,√,□\n\
        CF-1,对乱堆物料的处罚,行政强制措施,甲区城市管理局,甲区,□,■,\n\
        XK-1,临时占用城市道路许可,行政许可,乙区城市管理局,乙区,,√,\n";
    let list = read(text);
    let plan = list.to_plan();
    assert_eq!(
        plan.baseline.power(&"CF-1".into()).unwrap().kind,
        PowerKind::Coercion
    );
    // CF-1 is split: 乙区 lacks its ordinary tier. XK-1 is only 乙区's: 甲区 has no lead.
    assert_eq!(places(&list), pairs(&[("CF-1", "乙区"), ("XK-1", "甲区")]));
    // A mark that is not one is a fault naming its cell.
    let bad = "事项编码,事项名称,实施主体,辖区,市级,区级\nCF-1,名,甲市城市管理局,,是的,\n";
    let err = read_error(bad, "m.csv");
    assert!(err.contains("m.csv:2:5"), "{err}");
}

#[test]
fn traditional_headers_and_kinds_are_read() {
    let text = "事項編碼,事項名稱,權力類型,實施主體,行使層級,轄區\n\
        CF-1,對亂張貼的處罰,行政處罰,甲市城市管理局,市級,\n\
        QZ-1,查封場所,行政強制執行,甲市城市管理局,市級,\n";
    let plan = read(text).to_plan();
    assert_eq!(
        plan.baseline.power(&"CF-1".into()).unwrap().kind,
        PowerKind::Penalty
    );
    assert_eq!(
        plan.baseline.power(&"QZ-1".into()).unwrap().kind,
        PowerKind::Coercion
    );
}

#[test]
fn a_city_only_list_with_two_leads_overlaps_at_the_city() {
    let text = "事项编码,事项名称,权力类型,实施主体,行使层级\n\
        CF-1,对乱张贴的处罚,行政处罚,甲市城市管理局,市级\n\
        CF-1,对乱张贴的处罚,行政处罚,甲市市场监督管理局,市级\n\
        XK-1,临时占用城市道路许可,行政许可,甲市城市管理局,市级\n";
    let list = read(text);
    let plan = list.to_plan();
    let found: Vec<(FindingKind, String, String)> = coverage(&list)
        .into_iter()
        .map(|(kind, power, place, _)| (kind, power, place))
        .collect();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, FindingKind::Overlap);
    assert_eq!(found[0].1, "CF-1");
    let analysis = Analysis::full(&plan.baseline, &plan.rules);
    let at = analysis
        .coverage
        .findings()
        .next()
        .unwrap()
        .jurisdiction
        .clone();
    assert_eq!(at.unwrap().as_str(), "city");
}

/// A city department's list with 主项 / 子项, the main-item cells left blank under their first
/// row (as a CSV saved from merged cells has them), 承办机构 and 实施编码.
const ITEMS: &str = "序号,主项编码,主项名称,子项编码,子项名称,权力类型,实施主体,承办机构,行使层级,辖区,实施编码,责任事项,追责情形\n\
    1,CF-001,对违反市容管理规定的处罚,CF-001-01,对擅自设置户外广告的处罚,行政处罚,甲市城市管理局,市容环境卫生管理处,市级,,330100-CF-001-01-330100000000-000-11330100MB0012345X-1-00,\"1.立案责任\n2.调查责任\",不依法履行职责的\n\
    ,,,CF-001-02,对乱堆物料的处罚,,,执法监督处,,,,,\n\
    ,,,CF-001-02,对乱堆物料的处罚,,,市容环境卫生管理处,,,,,\n\
    2,XK-002,城市道路占用许可,,,行政许可,甲市城市管理局,市政公用处,市级,,,,\n\
    3,JC-003,对户外广告设施的检查,,检查设置情况,行政检查,甲市城市管理局,,市级,,,,\n\
    ,,,,检查安全情况,,,,,,,,\n";

#[test]
fn sub_items_are_powers_under_their_main_item_and_divisions_are_no_holders() {
    let list = read(ITEMS);
    let plan = list.to_plan();
    let state = &plan.baseline;
    let codes: Vec<&str> = state
        .powers()
        .keys()
        .map(shiquan::model::PowerId::as_str)
        .collect();
    assert_eq!(
        codes,
        ["CF-001-01", "CF-001-02", "JC-003-01", "JC-003-02", "XK-002"]
    );
    let sub = state.power(&"CF-001-02".into()).unwrap();
    let main = sub.main_item.as_ref().unwrap();
    assert_eq!(
        (main.code.as_str(), main.name.as_str()),
        ("CF-001", "对违反市容管理规定的处罚")
    );
    // The blank main-item cells were filled: the sub-item has its kind and its body.
    assert_eq!(sub.kind, PowerKind::Penalty);
    let holders: Vec<_> = state.holdings_of_power(&"CF-001-02".into()).collect();
    assert_eq!(holders.len(), 1, "two divisions of one body are one holder");
    let listing = holders[0].listing.as_ref().unwrap();
    assert_eq!(listing.division, "执法监督处、市容环境卫生管理处");
    assert!(state.power(&"XK-002".into()).unwrap().main_item.is_none());
    let named = state.power(&"JC-003-02".into()).unwrap();
    assert_eq!(named.name, "检查安全情况");
    assert_eq!(named.main_item.as_ref().unwrap().code, "JC-003");
    let first = state.power(&"CF-001-01".into()).unwrap();
    assert_eq!(first.duties, "1.立案责任\n2.调查责任");
    assert_eq!(first.accountability, "不依法履行职责的");
    assert!(coverage(&list).is_empty(), "{:?}", coverage(&list));
    // The 分配表 groups a sub-item's rows under its main item.
    let ctx = shiquan::io::export::ExportContext::new(&plan, None).unwrap();
    let table = shiquan::io::export::table::allocation_table(&ctx);
    assert_eq!(table.headers[0], "主项");
    assert!(table.rows.iter().any(|r| r[0].text() == "CF-001 对违反市容管理规定的处罚"
        && r[1].text() == "CF-001-02"));
}

#[test]
fn implementation_codes_and_items_survive_import_save_export_import() {
    let plan = read(ITEMS).to_plan();
    let saved = shiquan::io::plan_file::to_text(&plan).unwrap();
    let loaded = shiquan::io::plan_file::load_bytes(saved.as_bytes(), "plan.ron").unwrap();
    assert_eq!(loaded.baseline, plan.baseline);
    let again = crate::helpers::list_round_trip(&loaded, shiquan::io::export::CsvEncoding::Utf8Bom);
    let listing = |plan: &shiquan::plan::Plan| -> Vec<(String, String, String)> {
        plan.baseline
            .powers()
            .keys()
            .flat_map(|p| plan.baseline.holdings_of_power(p))
            .filter_map(|h| {
                let l = h.listing.as_ref()?;
                Some((h.power.to_string(), l.division.clone(), l.impl_code.clone()))
            })
            .collect()
    };
    assert_eq!(listing(&again), listing(&plan));
    assert!(listing(&plan).iter().any(|(_, _, code)| code
        == "330100-CF-001-01-330100000000-000-11330100MB0012345X-1-00"));
    let items = |plan: &shiquan::plan::Plan| -> Vec<(String, Option<String>, String)> {
        plan.baseline
            .powers()
            .values()
            .map(|p| {
                (
                    p.code.to_string(),
                    p.main_item.as_ref().map(|m| m.code.clone()),
                    p.duties.clone(),
                )
            })
            .collect()
    };
    assert_eq!(items(&again), items(&plan));
}

#[test]
fn a_header_of_two_rows_reads_as_one() {
    let text = "序号,事项编码,事项名称,实施主体,辖区,行使层级,,,备注\n\
        ,,,,,市级,区级,街道,\n\
        1,CF-1,对乱堆物料的处罚,甲市城市管理局,,■,■,□,\n\
        2,CF-1,对乱堆物料的处罚,甲区城市管理局,甲区,□,■,□,\n\
        3,XK-1,临时占用城市道路许可,乙区城市管理局,乙区,□,■,□,\n";
    let list = read(text);
    assert_eq!(list.header_line, 2);
    assert_eq!(places(&list), pairs(&[("CF-1", "乙区"), ("XK-1", "甲区")]));
}

#[test]
fn a_main_item_over_code_and_name_is_a_header_of_two_rows() {
    let text = "主项,,子项,,权力类型,实施主体,行使层级\n\
        编码,名称,编码,名称,,,\n\
        YL-001,对损坏城市绿地的处罚,YL-001-01,对擅自占用城市绿地的处罚,行政处罚,甲市园林和林业局,市级\n\
        ,,YL-001-02,对损毁城市树木的处罚,,,\n";
    let list = read(text);
    assert_eq!(list.header_line, 2);
    let plan = list.to_plan();
    let codes: Vec<&str> = plan
        .baseline
        .powers()
        .keys()
        .map(shiquan::model::PowerId::as_str)
        .collect();
    assert_eq!(codes, ["YL-001-01", "YL-001-02"]);
    assert!(coverage(&list).is_empty());
}

/// Every jurisdiction below the city as 「区」 or 「区/街道」, in id order.
fn tree(list: &ImportedList) -> Vec<String> {
    let plan = list.to_plan();
    let state = &plan.baseline;
    state
        .jurisdictions()
        .values()
        .filter_map(|j| {
            let parent = state.jurisdiction(j.parent.as_ref()?)?;
            Some(match j.level {
                Level::Street => format!("{}/{}", parent.name, j.name),
                _ => j.name.clone(),
            })
        })
        .collect()
}

#[test]
fn a_street_named_beside_its_district_column() {
    // 所属区县 beside 辖区; the district rows name their district in either.
    let text = "事项编码,事项名称,实施主体,行使层级,所属区县,辖区,主办/协办\n\
        JD-1,对占道经营的处罚,甲市乙区城市管理局,区级,乙区,,主办\n\
        JD-1,对占道经营的处罚,甲市丙区城市管理局,区级,,丙区,主办\n\
        JD-1,对占道经营的处罚,东街道综合行政执法队,街道级,乙区,东街道,主办\n\
        JD-1,对占道经营的处罚,东街道综合行政执法队,乡镇,丙区,东街道,主办\n\
        JD-2,对乱堆乱放的处罚,西街道综合行政执法队,街道,乙区,乙区西街道,主办\n\
        JD-2,对乱堆乱放的处罚,南街道综合行政执法队,街道,乙区,,主办\n\
        JD-2,对乱堆乱放的处罚,甲市丙区东街道综合行政执法队,街道,,,主办\n";
    let list = read(text);
    assert_eq!(
        tree(&list),
        [
            "乙区",
            "乙区/东街道",
            "乙区/西街道",
            "乙区/南街道",
            "丙区",
            "丙区/东街道"
        ]
    );
    let plan = list.to_plan();
    let ids: Vec<&str> = plan
        .baseline
        .jurisdictions()
        .keys()
        .map(shiquan::model::JurisdictionId::as_str)
        .collect();
    assert_eq!(
        ids,
        [
            "city",
            "district-01",
            "district-01-street-01",
            "district-01-street-02",
            "district-01-street-03",
            "district-02",
            "district-02-street-01",
        ]
    );
    // The district column is read and reported.
    assert_eq!(
        list.mapping.column(import::Field::District),
        Some(4),
        "{:?}",
        list.mapping
    );
    // Two bodies named 东街道综合行政执法队, one per district; 丙区's 东街道 team twice
    // named is two bodies (a body is told apart by its name).
    assert_eq!(plan.baseline.bodies().len(), 7);
}

#[test]
fn a_street_row_needs_its_place_and_says_which_column_to_fill() {
    // No 辖区, no 所属区, no district in the body's name.
    let err = read_error(
        "事项编码,事项名称,实施主体,行使层级,所属区,辖区\n\
         A-1,甲事项,甲市乙区城市管理局,区级,乙区,\n\
         A-1,甲事项,某街道综合行政执法队,街道,,\n",
        "s.csv",
    );
    assert!(
        err.contains("s.csv:3:6") && err.contains("须填辖区"),
        "{err}"
    );
    assert!(
        err.contains("「辖区」列写作「区/街道」") && err.contains("「所属区」列写区"),
        "{err}"
    );
    // 所属区 but a body whose name says no street.
    let err = read_error(
        "事项编码,事项名称,实施主体,行使层级,所属区,辖区\n\
         A-1,甲事项,甲市乙区城市管理局,区级,乙区,\n\
         A-1,甲事项,街道综合行政执法队,街道,乙区,\n",
        "s.csv",
    );
    assert!(
        err.contains("s.csv:3:6") && err.contains("未写明街道"),
        "{err}"
    );
    // A 所属区 that is no district of the list: the 所属区 cell.
    let err = read_error(
        "事项编码,事项名称,实施主体,行使层级,所属区,辖区\n\
         A-1,甲事项,甲市乙区城市管理局,区级,乙区,\n\
         A-1,甲事项,东街道综合行政执法队,街道,丁区,东街道\n",
        "s.csv",
    );
    assert!(err.contains("s.csv:3:5") && err.contains("丁区"), "{err}");
    // 所属区 and 辖区 disagree.
    let err = read_error(
        "事项编码,事项名称,实施主体,行使层级,所属区,辖区\n\
         A-1,甲事项,甲市乙区城市管理局,区级,乙区,\n\
         A-1,甲事项,东街道综合行政执法队,街道,乙区,丙区/东街道\n",
        "s.csv",
    );
    assert!(err.contains("s.csv:3:5") && err.contains("不一致"), "{err}");
    // 「甲区东风街道」 with districts 甲区 and 甲区东: either could hold it.
    let err = read_error(
        "事项编码,事项名称,实施主体,行使层级,辖区\n\
         A-1,甲事项,甲区城市管理局,区级,甲区\n\
         A-1,甲事项,甲区东城市管理局,区级,甲区东\n\
         A-1,甲事项,东风街道综合行政执法队,街道,甲区东风街道\n",
        "s.csv",
    );
    assert!(err.contains("s.csv:4:5") && err.contains("可属"), "{err}");
}

#[test]
fn a_district_and_its_street_bureau_leading_one_item_overlap_in_that_street() {
    // 乙区 has two streets: the bureau and 东街道's team both lead JD-1 (an overlap in 东街道);
    // JD-2 only 东街道's team leads (a gap in 西街道); a city body leads JD-3 everywhere.
    let text = "事项编码,事项名称,实施主体,行使层级,辖区,主办/协办\n\
        JD-1,对占道经营的处罚,乙区城市管理局,区级,乙区,\n\
        JD-1,对占道经营的处罚,东街道综合行政执法队,街道,乙区/东街道,主办\n\
        JD-1,对占道经营的处罚,西街道综合行政执法队,街道,乙区／西街道,协办\n\
        JD-2,对乱堆乱放的处罚,东街道综合行政执法队,街道,乙区-东街道,\n\
        JD-3,城市道路挖掘许可,甲市城市管理局,市级,,\n";
    let list = read(text);
    assert_eq!(tree(&list), ["乙区", "乙区/东街道", "乙区/西街道"]);
    let mut found = places(&list);
    found.sort();
    assert_eq!(found, pairs(&[("JD-1", "东街道"), ("JD-2", "西街道")]));
}

#[test]
fn a_county_column_is_a_district_column_unless_it_marks_a_level() {
    use import::{Field, HeaderMapping};
    let headers = |h: &[&str]| h.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    let m = HeaderMapping::detect(&headers(&["事项编码", "事项名称", "区县", "辖区"]));
    assert_eq!(m.column(Field::District), Some(2));
    assert!(m.level_marks().is_empty());
    for header in [
        "所属区",
        "所属区（县）",
        "所属区(县)",
        "所属区县",
        "所属 区县",
    ] {
        let m = HeaderMapping::detect(&headers(&["事项编码", "事项名称", header]));
        assert_eq!(m.column(Field::District), Some(2), "{header}");
    }
    // Beside 市级 and 街道 mark columns, 区县 marks the district level.
    let m = HeaderMapping::detect(&headers(&["事项编码", "事项名称", "市级", "区县", "街道"]));
    assert_eq!(m.column(Field::District), None);
    assert_eq!(
        m.level_marks(),
        [(Level::City, 2), (Level::District, 3), (Level::Street, 4)]
    );
}

#[test]
fn a_district_lead_may_exclude_its_own_streets_as_an_export_writes_a_grant() {
    // 乙区's bureau, narrowed by 东街道 (a grant): 东街道's team alone leads there.
    let text = "事项编码,事项名称,实施主体,行使层级,辖区,主办/协办,不含辖区\n\
        JD-1,对占道经营的处罚,乙区城市管理局,区级,乙区,主办,乙区/东街道\n\
        JD-1,对占道经营的处罚,东街道综合行政执法队,街道,乙区/东街道,主办,\n\
        JD-1,对占道经营的处罚,西街道综合行政执法队,街道,乙区/西街道,协办,\n";
    assert!(places(&read(text)).is_empty());
    // Another district's street, or the district itself, is no street of its own.
    let err = read_error(
        "事项编码,事项名称,实施主体,行使层级,辖区,主办/协办,不含辖区\n\
         JD-1,对占道经营的处罚,乙区城市管理局,区级,乙区,主办,丙区/东街道\n\
         JD-1,对占道经营的处罚,丙区城市管理局,区级,丙区,主办,\n\
         JD-1,对占道经营的处罚,东街道综合行政执法队,街道,丙区/东街道,主办,\n",
        "x.csv",
    );
    assert!(
        err.contains("x.csv:2:7") && err.contains("不是本区的街道"),
        "{err}"
    );
    // A street row may exclude nothing.
    let err = read_error(
        "事项编码,事项名称,实施主体,行使层级,辖区,主办/协办,不含辖区\n\
         JD-1,对占道经营的处罚,乙区城市管理局,区级,乙区,主办,\n\
         JD-1,对占道经营的处罚,东街道综合行政执法队,街道,乙区/东街道,主办,乙区\n",
        "x.csv",
    );
    assert!(err.contains("x.csv:3:7"), "{err}");
}
