//! Writes the published-list fixtures of `tests/data/lists/` (issue 14): lists shaped like the
//! ones governments publish, with content of our own — a city department's workbook with a
//! merged title row and 主项 merged over their 子项, a district's list with 行使层级 sets, a header
//! of two merged rows with ■ / □ level marks, a folder of three departments' workbooks without a
//! 实施主体 column, a workbook with one sheet per department, a GB18030 CSV with 实施编码, and a
//! list with √ in a column per level; and (issue 15) a list of three districts' bodies and their
//! streets' 综合行政执法队, the street named in every way a list writes it. `tests/core/list_fixtures.rs` checks each against
//! `tests/data/lists/expected/`.
//!
//! ```sh
//! cargo run --no-default-features --example write_list_fixtures
//! ```

use std::path::Path;

use anyhow::Context as _;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet};

/// One row of cells, by column from 0.
type Row<'a> = &'a [&'a str];

fn main() -> anyhow::Result<()> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/lists");
    std::fs::create_dir_all(dir.join("三个部门"))?;
    city_department(&dir)?;
    district(&dir)?;
    two_row_header(&dir)?;
    three_departments(&dir)?;
    sheet_per_department(&dir)?;
    implementation_codes(&dir)?;
    level_marks(&dir)?;
    streets(&dir)?;
    Ok(())
}

/// A workbook with fixed properties, so that writing it again changes little.
fn workbook() -> anyhow::Result<Workbook> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(2024, 3, 1)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    Ok(book)
}

fn save(mut book: Workbook, path: &Path) -> anyhow::Result<()> {
    book.save(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    println!("{}", path.display());
    Ok(())
}

fn wrap() -> Format {
    Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter)
}

fn title_format() -> Format {
    Format::new()
        .set_bold()
        .set_font_size(16)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap()
}

/// Writes rows of text cells from `first` (a blank cell is left unwritten, as in a merged
/// region's lower cells).
fn write_rows(sheet: &mut Worksheet, first: u32, rows: &[Row<'_>]) -> anyhow::Result<()> {
    let format = wrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            if !text.is_empty() {
                sheet.write_string_with_format(first + r as u32, c as u16, *text, &format)?;
            }
        }
    }
    Ok(())
}

/// Merges rows `top..=bottom` of each of `columns` with the text of the top cell.
fn merge_down(
    sheet: &mut Worksheet,
    top: u32,
    bottom: u32,
    columns: &[(u16, &str)],
) -> anyhow::Result<()> {
    let format = wrap();
    for (column, text) in columns {
        sheet.merge_range(top, *column, bottom, *column, text, &format)?;
    }
    Ok(())
}

fn widths(sheet: &mut Worksheet, widths: &[f64]) -> anyhow::Result<()> {
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }
    Ok(())
}

const BASIS_CF: &str = "【行政法规】《城市市容和环境卫生管理条例》第十七条\n【地方性法规】《甲市市容和环境卫生管理条例》第二十一条";
const BASIS_XK: &str =
    "【行政法规】《城市建筑垃圾管理规定》第七条\n【地方性法规】《甲市建筑垃圾管理条例》第十二条";
const BASIS_QZ: &str = "【法律】《中华人民共和国行政强制法》第二十二条\n【地方性法规】《甲市城市管理综合执法条例》第二十五条";
const DUTIES: &str = "1.立案责任：发现违法行为，依法立案。\n2.调查责任：全面客观调查取证。\n3.决定责任：依法作出处理决定。";
const BLAME: &str = "1.不履行或者不正确履行职责的；\n2.违法实施处罚的。";

/// 1. A city department's list: merged title, 主项 merged over their 子项.
#[rustfmt::skip]
fn city_department(dir: &Path) -> anyhow::Result<()> {
    let mut book = workbook()?;
    let sheet = book.add_worksheet();
    sheet.set_name("权责清单")?;
    let headers: Row<'_> = &["序号", "主项编码", "主项名称", "子项编码", "子项名称", "权力类型", "实施主体", "承办机构", "行使层级", "设定依据", "实施依据", "责任事项", "追责情形", "备注"];
    sheet.merge_range(
        0,
        0,
        0,
        13,
        "甲市城市管理局权责清单（2024年版）",
        &title_format(),
    )?;
    write_rows(sheet, 1, &[headers])?;
    let city = "甲市城市管理局";
    let rows: &[Row<'_>] = &[
        // 1: two sub-items; the second listed twice for two divisions of one body.
        &["1", "330100-CF-001", "对违反城市市容管理规定行为的处罚", "330100-CF-001-01", "对擅自设置大型户外广告的处罚", "行政处罚", city, "市容环境卫生管理处", "市级", BASIS_CF, BASIS_CF, DUTIES, BLAME, ""],
        &["", "", "", "330100-CF-001-02", "对在建筑物外立面堆放物品的处罚", "", "", "市容环境卫生管理处", "市级、区级", BASIS_CF, BASIS_CF, DUTIES, BLAME, ""],
        &["", "", "", "330100-CF-001-02", "对在建筑物外立面堆放物品的处罚", "", "", "执法监督处", "市级、区级", BASIS_CF, BASIS_CF, DUTIES, BLAME, ""],
        // 2: a sub-item led by the bureau and by its enforcement detachment.
        &["2", "330100-CF-002", "对违反环境卫生管理规定行为的处罚", "330100-CF-002-01", "对随意倾倒生活垃圾的处罚", "行政处罚", city, "市容环境卫生管理处", "市级", BASIS_CF, BASIS_CF, DUTIES, BLAME, ""],
        &["", "", "", "330100-CF-002-01", "对随意倾倒生活垃圾的处罚", "行政处罚", "甲市城市管理综合行政执法支队", "执法一大队", "市级", BASIS_CF, BASIS_CF, DUTIES, BLAME, "执法支队同时列为实施主体"],
        &["", "", "", "330100-CF-002-02", "对沿街晾晒衣物的处罚", "行政处罚", city, "市容环境卫生管理处", "市级", BASIS_CF, BASIS_CF, DUTIES, BLAME, ""],
        // 3: a licence in two sub-items.
        &["3", "330100-XK-003", "城市建筑垃圾处置核准", "330100-XK-003-01", "城市建筑垃圾处置核准（新办）", "行政许可", city, "市政公用处", "市级", BASIS_XK, BASIS_XK, "1.受理责任\n2.审查责任\n3.决定责任", BLAME, ""],
        &["", "", "", "330100-XK-003-02", "城市建筑垃圾处置核准（变更）", "", "", "市政公用处", "市级", BASIS_XK, BASIS_XK, "1.受理责任\n2.审查责任\n3.决定责任", BLAME, ""],
        // 4, 5: no sub-items; 5 is the districts' only.
        &["4", "330100-QZ-004", "查封、扣押违法设置的户外设施", "", "", "行政强制措施", city, "执法监督处", "市级", BASIS_QZ, BASIS_QZ, DUTIES, BLAME, ""],
        &["5", "330100-QZ-005", "代履行拆除违法建筑物", "", "", "行政强制执行", city, "执法监督处", "区级", BASIS_QZ, BASIS_QZ, DUTIES, BLAME, "由各区实施"],
        // 6: an inspection in two sub-items.
        &["6", "330100-JC-006", "对城市道路设施养护的检查", "330100-JC-006-01", "对城市道路挖掘施工的检查", "行政检查", city, "市政公用处", "市级", BASIS_XK, BASIS_XK, "1.检查责任\n2.处置责任", BLAME, ""],
        &["", "", "", "330100-JC-006-02", "对城市桥梁安全状况的检查", "", "", "市政公用处", "市级", BASIS_XK, BASIS_XK, "1.检查责任\n2.处置责任", BLAME, ""],
        // 7: a confirmation for both levels.
        &["7", "330100-QR-007", "城市道路挖掘修复竣工确认", "", "", "行政确认", city, "市政公用处", "市级、区级", BASIS_XK, BASIS_XK, "1.受理责任\n2.确认责任", BLAME, ""],
        // 8: three sub-items of another power.
        &["8", "330100-QT-008", "园林绿化企业信用评价", "330100-QT-008-01", "园林绿化企业信用信息采集", "其他行政权力", city, "园林绿化处", "市级", BASIS_XK, BASIS_XK, "1.采集责任", BLAME, ""],
        &["", "", "", "330100-QT-008-02", "园林绿化企业信用等级评定", "", "", "园林绿化处", "市级", BASIS_XK, BASIS_XK, "1.评定责任", BLAME, ""],
        &["", "", "", "330100-QT-008-03", "园林绿化企业信用信息公示", "", "", "园林绿化处", "市级", BASIS_XK, BASIS_XK, "1.公示责任", BLAME, ""],
    ];
    write_rows(sheet, 2, rows)?;
    // The main items' cells merged over their sub-items (only where every row agrees).
    for (top, bottom, body_too) in [
        (2, 4, true),
        (5, 7, false),
        (8, 9, true),
        (12, 13, true),
        (15, 17, true),
    ] {
        let row = rows[(top - 2) as usize];
        let mut columns = vec![(0, row[0]), (1, row[1]), (2, row[2])];
        if body_too {
            columns.extend([(5, row[5]), (6, row[6])]);
        }
        merge_down(sheet, top, bottom, &columns)?;
    }
    widths(
        sheet,
        &[
            6.0, 16.0, 28.0, 18.0, 28.0, 12.0, 18.0, 16.0, 12.0, 36.0, 36.0, 30.0, 24.0, 12.0,
        ],
    )?;
    save(
        book,
        &dir.join("附件1：甲市城市管理局权责清单（2024年版）.xlsx"),
    )
}

/// 2. A district's list: 行政区划, 行使层级 sets, a street body.
#[rustfmt::skip]
fn district(dir: &Path) -> anyhow::Result<()> {
    let mut book = workbook()?;
    let sheet = book.add_worksheet();
    sheet.merge_range(
        0,
        0,
        0,
        8,
        "甲市乙区城市管理局权责清单\n（2024年版）",
        &title_format(),
    )?;
    sheet.set_row_height(0, 48)?;
    let bureau = "甲市乙区城市管理局";
    let market = "甲市乙区市场监督管理局";
    let street = "乙区东街街道办事处";
    let rows: &[Row<'_>] = &[
        &["序号", "事项编码", "事项名称", "权力类型", "实施主体", "行政区划", "行使层级", "实施依据", "备注"],
        &["1", "330102-CF-001", "对占道经营的处罚", "行政处罚", bureau, "乙区", "区级", BASIS_CF, ""],
        &["2", "330102-CF-002", "对违规张贴小广告的处罚", "行政处罚", bureau, "乙区", "市级、区级", BASIS_CF, ""],
        &["3", "330102-CF-003", "对违规设置户外招牌的处罚", "行政处罚", bureau, "乙区", "市、区两级", BASIS_CF, ""],
        &["4", "330102-CF-004", "对餐饮油烟超标排放的处罚", "行政处罚", bureau, "乙区", "区级", BASIS_CF, ""],
        &["5", "330102-CF-004", "对餐饮油烟超标排放的处罚", "行政处罚", market, "乙区", "区级", BASIS_CF, "两部门均列"],
        &["6", "330102-JC-005", "对门前责任区落实情况的检查", "行政检查", bureau, "乙区", "区级、街道", BASIS_CF, ""],
        &["7", "330102-JC-006", "对农贸市场周边环境的检查", "行政检查", market, "乙区", "区级", BASIS_CF, ""],
        &["8", "330102-CF-007", "对乱搭乱建的处罚", "行政处罚", street, "乙区/东街街道", "街道", BASIS_CF, "赋权街道"],
        &["9", "330102-CF-008", "对乱堆乱放的处罚", "行政处罚", street, "乙区/东街街道", "街道", BASIS_CF, ""],
        &["10", "330102-CF-008", "对乱堆乱放的处罚", "行政处罚", bureau, "乙区", "区级", BASIS_CF, ""],
    ];
    write_rows(sheet, 1, rows)?;
    widths(
        sheet,
        &[6.0, 16.0, 30.0, 12.0, 24.0, 16.0, 12.0, 40.0, 12.0],
    )?;
    save(book, &dir.join("乙区城市管理局权责清单.xlsx"))
}

/// 3. A header of two merged rows: 主项 and 子项 over 编码 / 名称, 行使层级 over 市级 / 区级 / 街道.
#[rustfmt::skip]
fn two_row_header(dir: &Path) -> anyhow::Result<()> {
    let mut book = workbook()?;
    let sheet = book.add_worksheet();
    sheet.merge_range(0, 0, 0, 11, "甲市园林和林业局权责清单", &title_format())?;
    let format = wrap().set_bold().set_align(FormatAlign::Center);
    for (column, text) in [
        (0, "序号"),
        (5, "权力类型"),
        (6, "实施主体"),
        (7, "辖区"),
        (11, "备注"),
    ] {
        sheet.merge_range(1, column, 2, column, text, &format)?;
    }
    sheet.merge_range(1, 1, 1, 2, "主项", &format)?;
    sheet.merge_range(1, 3, 1, 4, "子项", &format)?;
    sheet.merge_range(1, 8, 1, 10, "行使层级", &format)?;
    write_rows(
        sheet,
        2,
        &[&[
            "", "编码", "名称", "编码", "名称", "", "", "", "市级", "区级", "街道", "",
        ]],
    )?;
    let city = "甲市园林和林业局";
    let rows: &[Row<'_>] = &[
        &["1", "330100-YL-001", "对损坏城市绿化的处罚", "330100-YL-001-01", "对擅自占用城市绿地的处罚", "行政处罚", city, "", "■", "□", "□", ""],
        &["", "", "", "330100-YL-001-02", "对损毁城市树木的处罚", "行政处罚", city, "", "■", "■", "□", "市级管重大案件"],
        &["", "", "", "330100-YL-001-02", "对损毁城市树木的处罚", "行政处罚", "甲区园林绿化管理所", "甲区", "□", "■", "□", ""],
        &["2", "330100-YL-002", "临时占用城市绿地审批", "", "", "行政许可", "甲区园林绿化管理所", "甲区", "□", "■", "□", ""],
        &["3", "330100-YL-002", "临时占用城市绿地审批", "", "", "行政许可", "乙区园林绿化管理所", "乙区", "□", "■", "□", ""],
        &["4", "330100-YL-003", "对古树名木保护情况的检查", "", "", "行政检查", "乙区园林绿化管理所", "乙区", "□", "■", "□", ""],
    ];
    write_rows(sheet, 3, rows)?;
    merge_down(
        sheet,
        3,
        5,
        &[(0, "1"), (1, "330100-YL-001"), (2, "对损坏城市绿化的处罚")],
    )?;
    widths(
        sheet,
        &[
            6.0, 16.0, 24.0, 18.0, 26.0, 12.0, 22.0, 8.0, 6.0, 6.0, 6.0, 16.0,
        ],
    )?;
    save(book, &dir.join("两行表头清单.xlsx"))
}

/// A department's list without a 实施主体 column: `title` above the header if given.
fn department_book(title: Option<&str>, rows: &[Row<'_>], path: &Path) -> anyhow::Result<()> {
    let mut book = workbook()?;
    let sheet = book.add_worksheet();
    let mut first = 0;
    if let Some(title) = title {
        sheet.merge_range(0, 0, 0, 5, title, &title_format())?;
        first = 1;
    }
    write_rows(
        sheet,
        first,
        &[&[
            "序号",
            "基本编码",
            "事项名称",
            "权力类型",
            "行使层级",
            "实施依据",
        ]],
    )?;
    write_rows(sheet, first + 1, rows)?;
    widths(sheet, &[6.0, 16.0, 32.0, 12.0, 10.0, 40.0])?;
    save(book, path)
}

/// 4. A folder of three departments' workbooks: holders from two title rows and a file name.
#[rustfmt::skip]
fn three_departments(dir: &Path) -> anyhow::Result<()> {
    let folder = dir.join("三个部门");
    department_book(
        Some("甲市城市管理局权责清单"),
        &[
            &["1", "330100-CF-101", "对擅自占用城市道路的处罚", "行政处罚", "市级", BASIS_CF],
            &["2", "330100-CF-102", "对擅自挖掘城市道路的处罚", "行政处罚", "市级", BASIS_CF],
            &["3", "330100-CF-103", "对建设工程施工现场扬尘的处罚", "行政处罚", "市级", BASIS_CF],
            &["4", "330100-XK-104", "城市道路占用挖掘许可", "行政许可", "市级", BASIS_XK],
            &["5", "330100-JC-105", "对城市照明设施的检查", "行政检查", "市级", BASIS_XK],
            &["6", "330100-CF-106", "对无照经营的处罚", "行政处罚", "市级", BASIS_CF],
        ],
        &folder.join("甲市城市管理局权责清单.xlsx"),
    )?;
    department_book(
        Some("甲市住房和城乡建设局权责清单"),
        &[
            &["1", "330100-CF-103", "对建设工程施工现场扬尘的处罚", "行政处罚", "市级", BASIS_CF],
            &["2", "330100-CF-102", "对擅自挖掘城市道路的处罚", "行政处罚", "市级", BASIS_CF],
            &["3", "330100-XK-201", "建筑工程施工许可", "行政许可", "市级", BASIS_XK],
            &["4", "330100-JC-202", "对建筑工程质量的检查", "行政检查", "市级", BASIS_XK],
            &["5", "330100-QR-203", "建设工程竣工验收备案", "行政确认", "市级", BASIS_XK],
            &["6", "330100-CF-204", "对违法转包工程的处罚", "行政处罚", "市级", BASIS_CF],
        ],
        &folder.join("甲市住房和城乡建设局权责清单.xlsx"),
    )?;
    department_book(
        None,
        &[
            &["1", "330100-CF-106", "对无照经营的处罚", "行政处罚", "市级", BASIS_CF],
            &["2", "330100-XK-301", "食品经营许可", "行政许可", "市级", BASIS_XK],
            &["3", "330100-JC-302", "对特种设备安全的检查", "行政检查", "市级", BASIS_XK],
            &["4", "330100-QZ-303", "查封、扣押不符合安全技术规范的特种设备", "行政强制措施", "市级", BASIS_QZ],
        ],
        &folder.join("甲市市场监督管理局.xlsx"),
    )
}

/// 5. One workbook, one sheet per department, no 实施主体 column.
#[rustfmt::skip]
fn sheet_per_department(dir: &Path) -> anyhow::Result<()> {
    let mut book = workbook()?;
    for (name, rows) in [
        (
            "甲市交通运输局",
            &[
                &["330100-CF-401", "对违规占用公交专用道的处罚", "行政处罚", "市级"][..],
                &["330100-XK-402", "城市公共汽车客运线路经营许可", "行政许可", "市级"],
                &["330100-JC-403", "对出租汽车经营的检查", "行政检查", "市级"],
            ][..],
        ),
        (
            "甲市水务局",
            &[
                &["330100-CF-501", "对向城市排水管网倾倒垃圾的处罚", "行政处罚", "市级"][..],
                &["330100-XK-502", "城镇污水排入排水管网许可", "行政许可", "市级"],
                &["330100-CF-401", "对违规占用公交专用道的处罚", "行政处罚", "市级"],
                &["330100-JC-504", "对城市供水水质的检查", "行政检查", "市级"],
            ][..],
        ),
    ] {
        let sheet = book.add_worksheet();
        sheet.set_name(name)?;
        write_rows(
            sheet,
            0,
            &[&["事项编码", "事项名称", "权力类型", "行使层级"]],
        )?;
        write_rows(sheet, 1, rows)?;
        widths(sheet, &[16.0, 34.0, 12.0, 10.0])?;
    }
    save(book, &dir.join("分部门多表.xlsx"))
}

/// 6. A GB18030 CSV with 基本编码 and 实施编码.
#[rustfmt::skip]
fn implementation_codes(dir: &Path) -> anyhow::Result<()> {
    let rows = [
        ("330100-CF-0001", "330100-CF-0001-330100000000-000-11330100MB0000001A-1-00", "对违法设置户外广告的处罚", "行政处罚", "甲市城市管理局", "市级", "", "市容环境卫生管理处"),
        ("330100-CF-0002", "330100-CF-0002-330102000000-000-11330102MB0012345X-1-00", "对占道经营的处罚", "行政处罚", "甲市甲区城市管理局", "区级", "甲区", "执法一中队"),
        ("330100-CF-0002", "330100-CF-0002-330102000000-000-11330102MB0054321Y-1-00", "对占道经营的处罚", "行政处罚", "甲市甲区市场监督管理局", "区级", "甲区", "市场监管一所"),
        ("330100-CF-0002", "330100-CF-0002-330103000000-000-11330103MB0023456K-1-00", "对占道经营的处罚", "行政处罚", "甲市乙区城市管理局", "区级", "乙区", "执法二中队"),
        ("330100-CF-0002", "330100-CF-0002-330104000000-000-11330104MB0034567P-1-00", "对占道经营的处罚", "行政处罚", "甲市丙区城市管理局", "区级", "丙区", "执法三中队"),
        ("330100-XK-0003", "330100-XK-0003-330102000000-000-11330102MB0012345X-1-00", "临时占用城市道路许可", "行政许可", "甲市甲区城市管理局", "区级", "甲区", "审批科"),
        ("330100-XK-0003", "330100-XK-0003-330103000000-000-11330103MB0023456K-1-00", "临时占用城市道路许可", "行政许可", "甲市乙区城市管理局", "区级", "乙区", "审批科"),
        ("330100-XK-0003", "", "临时占用城市道路许可", "行政许可", "", "", "丙区", ""),
        ("330100-JC-0004", "330100-JC-0004-330102000000-000-11330102MB0012345X-1-00", "对城市道路挖掘的检查", "行政检查", "甲市甲区城市管理局", "区级", "甲区", "市政科"),
        ("330100-JC-0004", "330100-JC-0004-330103000000-000-11330103MB0023456K-1-00", "对城市道路挖掘的检查", "行政检查", "甲市乙区城市管理局", "区级", "乙区", "市政科"),
        ("330100-JC-0004", "330100-JC-0004-330104000000-000-11330104MB0034567P-1-00", "对城市道路挖掘的检查", "行政检查", "甲市丙区城市管理局", "区级", "丙区", "市政科"),
        ("330100-QZ-0005", "330100-QZ-0005-330100000000-000-11330100MB0000001A-1-00", "查封、扣押违法经营的工具", "行政强制措施", "甲市城市管理局", "市级", "", "执法监督处"),
        ("330100-QZ-0005", "330100-QZ-0005-330104000000-000-01330104MB0000789Q-1-00", "查封、扣押违法经营的工具", "行政强制措施", "甲市丙区城市管理局", "区级", "丙区", "执法三中队"),
    ];
    let mut text = String::from("序号,基本编码,实施编码,事项名称,权力类型,实施主体,行使层级,辖区,承办机构\r\n");
    for (n, (code, implementation, name, kind, body, level, place, division)) in
        rows.iter().enumerate()
    {
        use std::fmt::Write as _;
        writeln!(
            text,
            "{},{code},{implementation},{name},{kind},{body},{level},{place},{division}\r",
            n + 1
        )?;
    }
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&text);
    anyhow::ensure!(!unmappable, "the text has characters GB18030 cannot write");
    let path = dir.join("实施编码清单.csv");
    std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
    println!("{}", path.display());
    Ok(())
}

/// 7. √ in a column per level, one header row.
#[rustfmt::skip]
fn level_marks(dir: &Path) -> anyhow::Result<()> {
    let mut book = workbook()?;
    let sheet = book.add_worksheet();
    let city = "甲市城市管理局";
    let rows: &[Row<'_>] = &[
        &["事项编码", "事项名称", "权力类型", "实施主体", "辖区", "市级", "区级", "乡镇（街道）", "备注"],
        &["330100-SR-01", "对擅自占用城市道路堆放物料的处罚", "行政处罚", city, "", "√", "√", "", "分级管辖"],
        &["330100-SR-01", "对擅自占用城市道路堆放物料的处罚", "行政处罚", "甲市甲区城市管理局", "甲区", "", "√", "", ""],
        &["330100-SR-01", "对擅自占用城市道路堆放物料的处罚", "行政处罚", "甲市乙区城市管理局", "乙区", "", "√", "", ""],
        &["330100-SR-02", "城市道路挖掘许可", "行政许可", city, "", "√", "", "", ""],
        &["330100-SR-03", "对户外广告设施安全的检查", "行政检查", "甲市甲区城市管理局", "甲区", "", "√", "", ""],
        &["330100-SR-03", "对户外广告设施安全的检查", "行政检查", "甲市乙区城市管理局", "乙区", "", "√", "", ""],
        &["330100-SR-04", "对餐厨垃圾收运的检查", "行政检查", "甲市甲区城市管理局", "甲区", "", "√", "", ""],
        &["330100-SR-04", "对餐厨垃圾收运的检查", "行政检查", "甲市甲区市场监督管理局", "甲区", "", "√", "", ""],
        &["330100-SR-04", "对餐厨垃圾收运的检查", "行政检查", "甲市乙区城市管理局", "乙区", "", "√", "", ""],
    ];
    write_rows(sheet, 0, rows)?;
    widths(sheet, &[16.0, 32.0, 12.0, 26.0, 8.0, 6.0, 6.0, 12.0, 12.0])?;
    save(book, &dir.join("勾选层级清单.xlsx"))
}

/// 8. Streets (issue 15), their place written every way a list does.
///
/// Three districts' bureaus and their streets' 综合行政执法队: 所属区（县） beside 辖区,
/// 「区/街道」, 「区／街道」, 「区-街道」, 「区街道」, and nothing but the body's name; two
/// districts each with a 东街道.
#[rustfmt::skip]
fn streets(dir: &Path) -> anyhow::Result<()> {
    let mut book = workbook()?;
    let sheet = book.add_worksheet();
    sheet.set_name("区、街道权责清单")?;
    sheet.merge_range(
        0,
        0,
        0,
        9,
        "甲市城市管理领域区、街道权责清单（含赋权街道事项）",
        &title_format(),
    )?;
    sheet.set_row_height(0, 36)?;
    let city = "甲市城市管理局";
    let yi = "甲市乙区城市管理局";
    let bing = "甲市丙区城市管理局";
    let ding = "甲市丁区城市管理局";
    let team = "东街道综合行政执法队";
    let west = "西街道综合行政执法队";
    let south = "乙区南街道综合行政执法队";
    let office = "甲市乙区南街道办事处";
    let rows: &[Row<'_>] = &[
        &["序号", "事项编码", "事项名称", "权力类型", "实施主体", "行使层级", "所属区（县）", "辖区", "主办/协办", "备注"],
        // 1: each district's bureau alone.
        &["1", "330100-JD-001", "对占道经营的处罚", "行政处罚", yi, "区级", "乙区", "", "主办", ""],
        &["", "330100-JD-001", "对占道经营的处罚", "行政处罚", bing, "区级", "丙区", "丙区", "主办", ""],
        &["", "330100-JD-001", "对占道经营的处罚", "行政处罚", ding, "区级", "", "丁区", "主办", ""],
        // 2: 乙区's bureau and its 东街道's team both lead.
        &["2", "330100-JD-002", "对乱堆乱放的处罚", "行政处罚", yi, "区级", "乙区", "", "主办", ""],
        &["", "330100-JD-002", "对乱堆乱放的处罚", "行政处罚", bing, "区级", "丙区", "丙区", "主办", ""],
        &["", "330100-JD-002", "对乱堆乱放的处罚", "行政处罚", ding, "区级", "", "丁区", "主办", ""],
        &["", "330100-JD-002", "对乱堆乱放的处罚", "行政处罚", team, "街道级", "乙区", "东街道", "主办", "赋权街道，区局仍列为实施主体"],
        // 3: granted to two of 乙区's three streets.
        &["3", "330100-JD-003", "对违规设置户外广告的处罚", "行政处罚", team, "街道", "乙区", "东街道", "主办", "赋权街道"],
        &["", "330100-JD-003", "对违规设置户外广告的处罚", "行政处罚", west, "街道", "", "乙区/西街道", "主办", "赋权街道"],
        &["", "330100-JD-003", "对违规设置户外广告的处罚", "行政处罚", bing, "区级", "丙区", "丙区", "主办", ""],
        &["", "330100-JD-003", "对违规设置户外广告的处罚", "行政处罚", ding, "区级", "", "丁区", "主办", ""],
        // 4: the city's bureau everywhere, and 乙区 南街道's team too.
        &["4", "330100-JD-004", "对餐饮油烟超标排放的处罚", "行政处罚", city, "市级", "", "甲市", "主办", ""],
        &["", "330100-JD-004", "对餐饮油烟超标排放的处罚", "行政处罚", south, "乡镇（街道）", "", "乙区／南街道", "主办", ""],
        // 5: 丁区 has nobody; a street team that assists counts for nothing.
        &["5", "330100-JD-005", "对门前责任区落实情况的检查", "行政检查", yi, "区级", "乙区", "", "主办", ""],
        &["", "330100-JD-005", "对门前责任区落实情况的检查", "行政检查", west, "街道", "", "乙区/西街道", "协办", ""],
        &["", "330100-JD-005", "对门前责任区落实情况的检查", "行政检查", bing, "区级", "丙区", "丙区", "主办", ""],
        // 6: the two districts' 东街道 teams, 丁区's bureau.
        &["6", "330100-JD-006", "对沿街晾晒衣物的处罚", "行政处罚", team, "街道", "乙区", "东街道", "主办", "赋权街道"],
        &["", "330100-JD-006", "对沿街晾晒衣物的处罚", "行政处罚", team, "街道", "", "丙区东街道", "主办", "赋权街道"],
        &["", "330100-JD-006", "对沿街晾晒衣物的处罚", "行政处罚", ding, "区级", "", "丁区", "主办", ""],
        // 7: every bureau, and a street office entrusted (its place only in its name).
        &["7", "330100-JD-007", "对违规张贴小广告的处罚", "行政处罚", yi, "区级", "乙区", "", "主办", ""],
        &["", "330100-JD-007", "对违规张贴小广告的处罚", "行政处罚", bing, "区级", "丙区", "丙区", "主办", ""],
        &["", "330100-JD-007", "对违规张贴小广告的处罚", "行政处罚", ding, "区级", "", "丁区", "主办", ""],
        &["", "330100-JD-007", "对违规张贴小广告的处罚", "行政处罚", office, "街道", "", "", "受委托", "委托街道实施"],
        // 8: 丙区's bureau and its 东街道's team, the team's place written two ways.
        &["8", "330100-JD-008", "对违规设置门头招牌的处罚", "行政处罚", yi, "区级", "乙区", "", "主办", ""],
        &["", "330100-JD-008", "对违规设置门头招牌的处罚", "行政处罚", bing, "区级", "丙区", "丙区", "主办", ""],
        &["", "330100-JD-008", "对违规设置门头招牌的处罚", "行政处罚", team, "街道", "", "丙区-东街道", "主办", "赋权街道"],
        &["", "330100-JD-008", "对违规设置门头招牌的处罚", "行政处罚", team, "街道", "", "丙区东街道", "主办", "同一执法队"],
        &["", "330100-JD-008", "对违规设置门头招牌的处罚", "行政处罚", ding, "区级", "", "丁区", "主办", ""],
        // 9: nobody in 乙区.
        &["9", "330100-JD-009", "查封、扣押占道经营的物品", "行政强制措施", bing, "区级", "丙区", "丙区", "主办", ""],
        &["", "330100-JD-009", "查封、扣押占道经营的物品", "行政强制措施", ding, "区级", "", "丁区", "主办", ""],
    ];
    write_rows(sheet, 1, rows)?;
    widths(
        sheet,
        &[6.0, 16.0, 28.0, 14.0, 24.0, 14.0, 12.0, 14.0, 10.0, 26.0],
    )?;
    save(book, &dir.join("街道权责清单.xlsx"))
}
