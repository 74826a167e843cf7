//! One row of a list: its cells read under the header mapping into a power and its holder —
//! the role, the levels (one, several, or ■ / √ marks) and where the body lies (辖区, or the
//! district its name says) — with every fault naming its column; and the main item's cells
//! filled into the sub-item rows under it.

use super::{Field, HeaderMapping, RowError, spelling};
use crate::model::{Level, PowerKind};

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
        match text.trim() {
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

/// Whether a 辖区 names a place below the city: a district or county (「乙区」, 「丙县」, 「丁旗」,
/// but not a prefecture's 「…地区」), a street or township, or 「区/街道」.
fn names_place_below_city(place: &str) -> bool {
    let place = place.trim();
    place.contains(['/', '／'])
        || (place.ends_with(['区', '县', '旗']) && !place.ends_with("地区"))
        || place.ends_with("街道")
        || place.ends_with(['镇', '乡'])
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

/// The cells of the last main item (主项) row, for the sub-item rows under it whose main-item
/// cells a merged cell left blank (a workbook's merge is filled when it is read; a CSV saved
/// from one, or a list that leaves them blank, has only the blanks).
///
/// The same goes for the next holder of an item: a list that merges an item's code and name
/// over the rows of its bodies (主办 on the first, 协办 below), saved as CSV, leaves the lower
/// rows with a body but no code or name. Such a continuation row takes the item's cells from
/// the row above, all but the body and its role, which are its own.
#[derive(Default)]
pub(super) struct MainItemCells {
    /// The columns a main item's cells fill: code, name, kind, field, basis, body, level, 辖区,
    /// 所属区.
    columns: Vec<usize>,
    /// The columns that say a row is a sub-item's.
    sub: [Option<usize>; 2],
    code: Option<usize>,
    last: Vec<String>,
    /// The columns a continuation row takes from the item's row: the same as `columns` but the
    /// body's.
    item_columns: Vec<usize>,
    name: Option<usize>,
    body: Option<usize>,
    /// The last row with a code, in `item_columns`.
    last_item: Vec<String>,
}

impl MainItemCells {
    pub(super) fn new(mapping: &HeaderMapping) -> Self {
        let sub = [
            mapping.column(Field::SubCode),
            mapping.column(Field::SubName),
        ];
        let columns = if sub.iter().all(Option::is_none) {
            Vec::new()
        } else {
            [
                Field::Code,
                Field::Name,
                Field::Kind,
                Field::Field,
                Field::Basis,
                Field::Body,
                Field::Level,
                Field::Jurisdiction,
                Field::District,
            ]
            .into_iter()
            .filter_map(|f| mapping.column(f))
            .collect()
        };
        let item_columns = [
            Field::Code,
            Field::Name,
            Field::Kind,
            Field::Field,
            Field::Basis,
            Field::Level,
            Field::Jurisdiction,
            Field::District,
            Field::SubCode,
            Field::SubName,
        ]
        .into_iter()
        .filter_map(|f| mapping.column(f))
        .collect();
        Self {
            columns,
            sub,
            code: mapping.column(Field::Code),
            last: Vec::new(),
            item_columns,
            name: mapping.column(Field::Name),
            body: mapping.column(Field::Body),
            last_item: Vec::new(),
        }
    }

    /// A continuation row's cells (see the type's docs): its blank item cells filled from the
    /// last row with a code, when its code and name are blank and it names a body.
    fn continue_item<'c>(&'c self, cells: &[&'c str]) -> Option<Vec<&'c str>> {
        let cell = |c: usize| cells.get(c).copied().unwrap_or("").trim();
        let (name, body) = (self.name?, self.body?);
        if self.last_item.is_empty() || !cell(name).is_empty() || cell(body).is_empty() {
            return None;
        }
        let width = cells
            .len()
            .max(self.item_columns.iter().max().map_or(0, |m| m + 1));
        let mut filled: Vec<&str> = (0..width)
            .map(|c| cells.get(c).copied().unwrap_or(""))
            .collect();
        for (column, text) in self.item_columns.iter().zip(&self.last_item) {
            if filled[*column].trim().is_empty() {
                filled[*column] = text;
            }
        }
        Some(filled)
    }

    /// The row's cells with its blank main-item cells filled from the main item's row, when it
    /// is a sub-item row with a blank main-item code; `None` when the row stands as it is (and
    /// a row with a main-item code becomes the main item's row).
    pub(super) fn fill<'c>(&'c mut self, cells: &[&'c str]) -> Option<Vec<&'c str>> {
        let code = self.code?;
        let cell = |c: usize| cells.get(c).copied().unwrap_or("").trim();
        if !cell(code).is_empty() {
            self.last = self.columns.iter().map(|c| cell(*c).to_owned()).collect();
            self.last_item = self
                .item_columns
                .iter()
                .map(|c| cell(*c).to_owned())
                .collect();
            return None;
        }
        let is_sub = self.sub.iter().flatten().any(|c| !cell(*c).is_empty());
        if self.columns.is_empty() || !is_sub || self.last.is_empty() {
            return self.continue_item(cells);
        }
        // A sub-item's row is the item that its own continuation rows continue.
        self.last_item = self
            .item_columns
            .iter()
            .map(|c| {
                let own = cell(*c);
                let inherited = self.columns.iter().position(|m| m == c);
                match inherited {
                    Some(i) if own.is_empty() => self.last[i].clone(),
                    _ => own.to_owned(),
                }
            })
            .collect();
        let width = cells
            .len()
            .max(self.columns.iter().max().map_or(0, |m| m + 1));
        let mut filled: Vec<&str> = (0..width)
            .map(|c| cells.get(c).copied().unwrap_or(""))
            .collect();
        for (column, text) in self.columns.iter().zip(&self.last) {
            if filled[*column].trim().is_empty() {
                filled[*column] = text;
            }
        }
        Some(filled)
    }
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

/// The faults of a street row's place, by column: a street row needs its street and its
/// district, from 辖区 (「区/街道」, or a street whose district the list's 区级 rows name), from 辖区
/// and 所属区, or from the body's name (「乙区东街道综合行政执法队」); where the street's district
/// is one of the list's is settled once every row is read ([`super::build`]).
fn street_place(
    body: &str,
    jurisdiction: &str,
    district_cell: &str,
    mapping: &HeaderMapping,
) -> Vec<(Field, String)> {
    let place = mapping
        .column(Field::Jurisdiction)
        .map_or("辖区", |c| mapping.header(c));
    let columns = match mapping.column(Field::District) {
        Some(c) => format!(
            "在「{place}」列写作「区/街道」，或在「{place}」列写街道、「{}」列写区",
            mapping.header(c)
        ),
        None => format!("在「{place}」列写作「区/街道」（如「乙区/东街道」），或另设「所属区」列"),
    };
    let mut faults = Vec::new();
    if let Some((district, street)) = jurisdiction.split_once(['/', '／']) {
        let (district, street) = (district.trim(), street.trim());
        if district.is_empty() || street.is_empty() {
            faults.push((
                Field::Jurisdiction,
                format!(
                    "「{jurisdiction}」缺区名或街道名：{columns} (write the street's place as 区/街道)"
                ),
            ));
        } else if !district_cell.is_empty() && district != district_cell {
            faults.push((
                Field::District,
                format!(
                    "所属区「{district_cell}」与辖区「{jurisdiction}」不一致 (the 所属区 and the district in 辖区 differ)"
                ),
            ));
        }
        return faults;
    }
    let district = if district_cell.is_empty() && jurisdiction.is_empty() {
        district_in_name(body)
    } else {
        Some(district_cell).filter(|d| !d.is_empty())
    };
    if jurisdiction.is_empty() && district.is_none() {
        faults.push((
            Field::Jurisdiction,
            format!(
                "街道的事项须填辖区：{columns} (a street body needs its place: its street and its district)"
            ),
        ));
    } else if (jurisdiction.is_empty() || Some(jurisdiction) == district)
        && street_in_name(body).is_none()
    {
        faults.push((
            Field::Jurisdiction,
            format!(
                "街道的事项须填辖区：实施主体「{body}」的名称未写明街道，请在辖区列写街道名 (the body's name says no street: write it in 辖区)"
            ),
        ));
    }
    faults
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
    let mut districts_only = false;
    let mut mark_faults: Vec<RowError> = Vec::new();
    let holder = if body.is_empty() {
        None
    } else {
        let level_text = cell(Field::Level);
        let marks = mapping.level_marks();
        let levels = if level_text.is_empty() && !marks.is_empty() {
            // One column per level, each marked ■ / √ or not.
            let mut levels = spelling::Levels::default();
            for (level, column) in marks {
                let text = cells.get(*column).copied().unwrap_or("");
                match spelling::mark_of(text) {
                    Some(true) => levels.insert(*level),
                    Some(false) => {}
                    None => mark_faults.push(RowError {
                        source: source.to_owned(),
                        line,
                        column: Some(column + 1),
                        header: mapping.header(*column).to_owned(),
                        message: format!(
                            "「{text}」不是标记 (a mark is ■ or √ for yes, □ or blank for no)"
                        ),
                        spreadsheet,
                    }),
                }
            }
            (!levels.is_empty()).then_some(levels)
        } else {
            spelling::levels_of(level_text)
        };
        if levels.is_none() {
            if level_text.is_empty() {
                fault(
                    Field::Level,
                    "行使层级为空 (the level is missing: 市级, 区级 or 街道, or several: 市级、区级)"
                        .into(),
                );
            } else {
                fault(
                    Field::Level,
                    format!(
                        "「{level_text}」不是行使层级 (expected 市级, 区级, 街道, or several: 市级、区级)"
                    ),
                );
            }
        }
        let mut jurisdiction = cell(Field::Jurisdiction);
        let district_cell = cell(Field::District);
        // 辖区 names a street: 「区/街道」, or a place other than the 所属区 beside it.
        let names_street = jurisdiction.contains(['/', '／'])
            || (!district_cell.is_empty()
                && !jurisdiction.is_empty()
                && jurisdiction != district_cell);
        // The body's own level: one level as written; of several, the city where the row names
        // the city or no 辖区 (a city body's 分级管辖 row), else the lowest below the city.
        let level = levels.and_then(|levels| {
            levels.single().or_else(|| {
                if levels.contains(Level::City)
                    && (jurisdiction.is_empty() || jurisdiction.ends_with('市'))
                    && district_cell.is_empty()
                {
                    Some(Level::City)
                } else if levels.contains(Level::District) && !names_street {
                    Some(Level::District)
                } else {
                    levels
                        .highest()
                        .filter(|l| *l != Level::City)
                        .or(Some(Level::Street))
                }
            })
        });
        if level == Some(Level::City) && names_place_below_city(jurisdiction) {
            // The city takes its name from its rows' 辖区: a district here would rename it.
            fault(
                Field::Jurisdiction,
                format!(
                    "市级事项的辖区「{jurisdiction}」是区、县或街道，不是市：市级事项的辖区写市名或留空；若这是区级或街道的事项，请把行使层级改为区级或街道 (a city-level row's 辖区 names a district or street, not the city: leave it blank or write the city's name; if the row is the district's, write 区级)"
                ),
            );
        }
        if level == Some(Level::District) && !district_cell.is_empty() {
            if jurisdiction.is_empty() {
                jurisdiction = district_cell;
            } else if jurisdiction != district_cell {
                fault(
                    Field::District,
                    format!(
                        "区级事项的所属区「{district_cell}」与辖区「{jurisdiction}」不一致 (a district row's 所属区 and 辖区 name different districts)"
                    ),
                );
            }
        }
        if level == Some(Level::District) && jurisdiction.is_empty() {
            // 辖区 blank: the body's name may say its district; a city department's row gives
            // the power to the districts' own bodies; any other body needs its 辖区.
            match district_in_name(body) {
                Some(district) => jurisdiction = district,
                None if names_city_body(body) => districts_only = true,
                None => fault(
                    Field::Jurisdiction,
                    "区级的事项须填辖区 (a district body needs its jurisdiction, or a name that says it: 甲市乙区…)"
                        .into(),
                ),
            }
        }
        let mut district = "";
        let mut district_column = false;
        if level == Some(Level::Street) {
            let street_faults = street_place(body, jurisdiction, district_cell, mapping);
            district = if district_cell.is_empty() && jurisdiction.is_empty() {
                district_in_name(body).unwrap_or("")
            } else {
                district_column = !district_cell.is_empty();
                district_cell
            };
            for (field, message) in street_faults {
                fault(field, message);
            }
        }
        let role_text = cell(Field::Role);
        let role = ListRole::parse(role_text);
        if role.is_none() {
            fault(
                Field::Role,
                format!("「{role_text}」不是主办/协办 (expected 主办, 协办, 受委托 or blank)"),
            );
        }
        let excludes: Vec<&str> = cell(Field::Excludes)
            .split(['、', ',', '，', ';', '；', ' ', '\u{3000}'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        if !excludes.is_empty()
            && (!matches!(level, Some(Level::City | Level::District))
                || role != Some(ListRole::Lead))
        {
            fault(
                Field::Excludes,
                "不含辖区只用于市级或区级主办事项 (only a city or district lead row may exclude districts or streets)"
                    .into(),
            );
        }
        match (level, levels, role) {
            _ if districts_only => None,
            (Some(level), Some(levels), Some(role)) => Some(ListHolder {
                body,
                level,
                levels,
                jurisdiction,
                district,
                district_column,
                role,
                excludes,
            }),
            _ => None,
        }
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
