//! One row of a list: its cells read under the header mapping into a power and its holder —
//! the role, the levels (one, several, or ■ / √ marks) and where the body lies (辖区, or the
//! district its name says) — with every fault naming its column; and the main item's cells
//! filled into the sub-item rows under it.

mod holder;
mod main_item;

use super::{Field, HeaderMapping, RowError, spelling};
use crate::model::{Level, PowerKind};
use holder::{Faults, read_holder};
pub(super) use main_item::MainItemCells;

/// A holder's role as a list writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ListRole {
    /// 主办, or blank.
    Lead,
    /// 协办
    Assist,
    /// 受委托
    Entrusted,
}

impl ListRole {
    /// Reads a role cell: blank or 主办 is lead, 协办 assist, 受委托 entrusted.
    pub fn parse(text: &str) -> Option<Self> {
        match spelling::trim_blank(text) {
            "" | "主办" | "lead" | "Lead" | "LEAD" => Some(ListRole::Lead),
            "协办" | "assist" | "Assist" | "ASSIST" => Some(ListRole::Assist),
            "受委托" | "entrusted" | "Entrusted" | "ENTRUSTED" => Some(ListRole::Entrusted),
            _ => None,
        }
    }

    /// How strongly it holds: when one body is listed twice for a power, the stronger row wins
    /// (a lead row makes it a lead body, as the flat rule counts it).
    pub(super) fn strength(self) -> u8 {
        match self {
            ListRole::Lead => 2,
            ListRole::Entrusted => 1,
            ListRole::Assist => 0,
        }
    }
}

/// Whether a body's name is a city body's: it names its city (「甲市…」, 「市城市管理局」) before
/// any district (「区城市管理局」 is a district's).
pub fn names_city_body(name: &str) -> bool {
    match (name.find('市'), name.find(['区', '县'])) {
        (Some(city), Some(district)) => city < district,
        (Some(_), None) => true,
        (None, _) => false,
    }
}

/// The district a body's name places it in, when its row leaves 辖区 blank: the 「乙区」 of
/// 「甲市乙区城市管理局」 or 「乙区城市管理局」 (after the city's 「…市」 where the name begins with
/// it, up to the first 区 or 县). `None` for a city body's name.
pub fn district_in_name(name: &str) -> Option<&str> {
    district_span(name).map(|(start, end)| &name[start..end])
}

/// The byte range of [`district_in_name`] in `name`.
fn district_span(name: &str) -> Option<(usize, usize)> {
    let district_at = name.find(['区', '县'])?;
    // The city's name comes first where it is written: 「甲市乙区…」; the 市 of 「乙区城市管理局」
    // comes after the district and is no city's.
    let start = match name.find('市') {
        Some(city) if city < district_at => city + '市'.len_utf8(),
        _ => 0,
    };
    let end = start + name[start..].find(['区', '县'])?;
    // A bare 区 or 县 (as in 「区城管局」) names no district.
    (end > start).then_some((start, end + '区'.len_utf8()))
}

/// The street or township a street body's name says (「东街道」 of 「乙区东街道综合行政执法队」,
/// 「东乡镇」 of 「东乡镇人民政府」), after the district its name says, if any. Conservative: the
/// name must run from there to 街道, 镇 or 乡 in a few characters that name no body (局, 队, 办 …)
/// and no other level (市, 区, 县); a generic 「乡镇」 or 「街道」 names none.
pub fn street_in_name(name: &str) -> Option<&str> {
    let rest = district_span(name).map_or(name, |(_, end)| &name[end..]);
    ["街道", "镇", "乡"].into_iter().find_map(|suffix| {
        let at = rest.find(suffix)?;
        let own = &rest[..at];
        let plain = (1..=8).contains(&own.chars().count())
            && !own.contains(|c: char| "局委办队所处科室站院会市区县".contains(c));
        let street = &rest[..at + suffix.len()];
        (plain && !matches!(street, "乡镇" | "镇街" | "街镇")).then_some(street)
    })
}

/// Who holds a power in one row (borrowed from the row's cells).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListHolder<'t> {
    /// 实施主体
    pub body: &'t str,
    /// The level the body sits at (for a row of several levels, the body's own: a city
    /// body's row of 「市级、区级」 is a city row).
    pub level: Level,
    /// 行使层级 as the row writes it: one level, or several (分级管辖).
    pub levels: spelling::Levels,
    /// 辖区 as written (blank for a city body; `区/街道` or a street's name for a street body;
    /// for a district body with 辖区 blank, the district its 所属区 or its name says).
    pub jurisdiction: &'t str,
    /// A street body's district where the row gives it apart from 辖区: its 所属区 cell, or (辖区
    /// blank) the district its name says; blank otherwise.
    pub district: &'t str,
    /// Whether [`ListHolder::district`] is the 所属区 cell (faults name that column).
    pub district_column: bool,
    /// 主办 / 协办 / 受委托
    pub role: ListRole,
    /// 不含辖区: the districts or streets (「区/街道」) a city lead holding does not cover, or
    /// the streets of its district a district lead holding does not (a grant took them).
    pub excludes: Vec<&'t str>,
}

/// One good row of a list (borrowed from the table's cells).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListRow<'t> {
    /// The line, from 1.
    pub line: usize,
    /// 事项编码
    pub code: &'t str,
    /// 事项名称
    pub name: &'t str,
    /// 权力类型 (blank: 其他行政权力)
    pub kind: PowerKind,
    /// 领域
    pub field: &'t str,
    /// 实施依据
    pub basis: &'t str,
    /// The main item (主项编码, 主项名称) of a sub-item row; `code` and `name` are then the
    /// sub-item's (子项编码 and 子项名称; a sub-item listed with a name and no code gets the
    /// code of its main item and a number, [`ListRow::sub_without_code`]).
    pub main_item: Option<(&'t str, &'t str)>,
    /// A sub-item row with a 子项名称 and no 子项编码.
    pub sub_without_code: bool,
    /// 责任事项
    pub duties: &'t str,
    /// 追责情形
    pub accountability: &'t str,
    /// 承办机构: the division of the holder that does the work.
    pub division: &'t str,
    /// 实施编码
    pub impl_code: &'t str,
    /// The holder; `None` for a power that nobody holds.
    pub holder: Option<ListHolder<'t>>,
    /// A row that gives the power to the districts only and names a city body (a city
    /// department's list): the districts' own bodies exercise it, and the list names none.
    pub districts_only: bool,
}

/// The errors a spreadsheet's formula shows in its cell (a workbook's cached error, or a CSV
/// saved from one).
const FORMULA_ERRORS: [&str; 14] = [
    "#NULL!",
    "#DIV/0!",
    "#VALUE!",
    "#REF!",
    "#NAME?",
    "#NUM!",
    "#N/A",
    "#DATA!",
    "#GETTING_DATA",
    "#SPILL!",
    "#CALC!",
    "#FIELD!",
    "#BLOCKED!",
    "#UNKNOWN!",
];

/// The formula error a cell shows, if it shows one.
fn formula_error(text: &str) -> Option<&str> {
    if !text.starts_with('#') {
        return None;
    }
    FORMULA_ERRORS
        .iter()
        .find(|e| text.eq_ignore_ascii_case(e))
        .map(|_| text)
}

/// A cell with a spreadsheet's formula escape (`'=…`, `' =…`, `'＝…`) undone, exactly the one
/// `'` that the export adds, so an exported list reads back as written.
pub(super) fn unescape(text: &str) -> &str {
    crate::io::export::unescape_formula(text)
}

/// Faults each mapped cell that shows a formula's error, or a formula rather than its value.
fn formula_faults<'t>(raw_cell: &dyn Fn(Field) -> &'t str, fault: &mut dyn FnMut(Field, String)) {
    for field in Field::ALL {
        let text = raw_cell(field);
        if let Some(error) = formula_error(text) {
            fault(
                field,
                format!(
                    "公式错误 {error}：单元格的公式算不出值，请在 Excel 中改正后再导入 (a formula error: the cell's formula has no value; correct it in Excel and import again)"
                ),
            );
        } else if text.starts_with('=') {
            fault(
                field,
                format!(
                    "「{}」是公式而不是值：请粘贴为数值，或写作 '= 保留文字 (a formula, not a value: paste values, or write '= to keep the text)",
                    text.chars().take(40).collect::<String>()
                ),
            );
        }
    }
}

/// Reads one row; `Ok(None)` for a row with nothing in the mapped columns.
pub(super) fn parse_row<'t>(
    line: usize,
    cells: &[&'t str],
    mapping: &HeaderMapping,
    source: &str,
    spreadsheet: bool,
) -> Result<Option<ListRow<'t>>, Vec<RowError>> {
    let raw_cell = |field: Field| -> &'t str {
        mapping
            .column(field)
            .and_then(|c| cells.get(c).copied())
            .unwrap_or("")
    };
    let cell = |field: Field| -> &'t str { unescape(raw_cell(field)) };
    if Field::ALL.iter().all(|f| cell(*f).is_empty()) {
        return Ok(None);
    }
    let mut errors = Vec::new();
    let mut fault = |field: Field, message: String| {
        let column = mapping.column(field);
        errors.push(RowError {
            source: source.to_owned(),
            line,
            column: column.map(|c| c + 1),
            header: column.map_or_else(
                || field.label_zh().to_owned(),
                |c| mapping.header(c).to_owned(),
            ),
            message,
            spreadsheet,
        });
    };
    formula_faults(&raw_cell, &mut fault);
    let code = cell(Field::Code);
    if code.is_empty() {
        fault(Field::Code, "事项编码为空 (the code is missing)".into());
    }
    let name = cell(Field::Name);
    if name.is_empty() {
        fault(Field::Name, "事项名称为空 (the name is missing)".into());
    }
    let kind_text = cell(Field::Kind);
    let kind = if kind_text.is_empty() {
        Some(PowerKind::Other)
    } else {
        spelling::kind_of(kind_text)
    };
    if kind.is_none() {
        fault(
            Field::Kind,
            format!("「{kind_text}」不是权力类型 (not a kind of power: 行政许可, 行政处罚 …)"),
        );
    }
    let body = cell(Field::Body);
    let mut mark_faults: Vec<RowError> = Vec::new();
    let (holder, districts_only) = if body.is_empty() {
        (None, false)
    } else {
        let mut mark_fault = |column: usize, message: String| {
            mark_faults.push(RowError {
                source: source.to_owned(),
                line,
                column: Some(column + 1),
                header: mapping.header(column).to_owned(),
                message,
                spreadsheet,
            });
        };
        let mut faults = Faults {
            field: &mut fault,
            mark: &mut mark_fault,
        };
        read_holder(body, cells, &cell, mapping, &mut faults)
    };
    errors.extend(mark_faults);
    if !errors.is_empty() {
        return Err(errors);
    }
    let (sub_code, sub_name) = (cell(Field::SubCode), cell(Field::SubName));
    let (code, name, main_item) = if sub_code.is_empty() && sub_name.is_empty() {
        (code, name, None)
    } else {
        let sub_name = if sub_name.is_empty() { name } else { sub_name };
        let sub_code = if sub_code.is_empty() { code } else { sub_code };
        (sub_code, sub_name, Some((code, name)))
    };
    Ok(Some(ListRow {
        line,
        code,
        name,
        main_item,
        sub_without_code: main_item.is_some() && cell(Field::SubCode).is_empty(),
        duties: cell(Field::Duties),
        accountability: cell(Field::Accountability),
        division: cell(Field::Division),
        impl_code: cell(Field::ImplCode),
        kind: kind.unwrap_or(PowerKind::Other),
        field: cell(Field::Field),
        basis: cell(Field::Basis),
        holder,
        districts_only,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn districts_and_streets_in_body_names() {
        assert_eq!(district_in_name("甲市乙区城市管理局"), Some("乙区"));
        assert_eq!(district_in_name("乙区城市管理局"), Some("乙区"));
        assert_eq!(district_in_name("甲市城市管理局"), None);
        assert_eq!(district_in_name("区城市管理局"), None);
        assert_eq!(street_in_name("乙区东街道综合行政执法队"), Some("东街道"));
        assert_eq!(street_in_name("甲市乙区东街街道办事处"), Some("东街街道"));
        assert_eq!(street_in_name("东街道综合行政执法队"), Some("东街道"));
        assert_eq!(street_in_name("丙县东乡镇人民政府"), Some("东乡镇"));
        assert_eq!(street_in_name("西乡人民政府"), Some("西乡"));
        // No street: a generic name, a body's name before 街道, a city's.
        assert_eq!(street_in_name("乡镇综合执法队"), None);
        assert_eq!(street_in_name("街道综合行政执法队"), None);
        assert_eq!(street_in_name("乙区城市管理局街道中队"), None);
        assert_eq!(street_in_name("甲市东街道综合行政执法队"), None);
    }

    #[test]
    fn escaped_cells_read_back() {
        assert_eq!(unescape("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(unescape("'abc"), "'abc");
    }
}
