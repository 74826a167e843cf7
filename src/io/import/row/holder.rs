//! The holder of one row: its levels (one, several, or ■ / √ marks), the body's own level,
//! where the body lies (辖区, 所属区, or the district its name says), its role and the places
//! it does not cover, each fault naming its column.

use super::super::{Field, HeaderMapping, spelling};
use super::{ListHolder, ListRole, district_in_name, names_city_body, street_in_name};
use crate::model::Level;

/// Where a row's faults go: one of a mapped field, or one of a level-mark column (by index).
pub(super) struct Faults<'f> {
    /// A fault of a mapped field.
    pub(super) field: &'f mut dyn FnMut(Field, String),
    /// A fault of a level-mark column.
    pub(super) mark: &'f mut dyn FnMut(usize, String),
}

/// Reads the holder of a row that names a body: the holder, `None` where a cell is at fault,
/// and whether the row gives the power to the districts only (a city department's row).
pub(super) fn read_holder<'t>(
    body: &'t str,
    cells: &[&'t str],
    cell: &dyn Fn(Field) -> &'t str,
    mapping: &HeaderMapping,
    faults: &mut Faults<'_>,
) -> (Option<ListHolder<'t>>, bool) {
    let levels = levels_of_row(cell(Field::Level), cells, mapping, faults);
    let mut jurisdiction = cell(Field::Jurisdiction);
    let district_cell = cell(Field::District);
    let level = levels.and_then(|levels| own_level(levels, jurisdiction, district_cell));
    if level == Some(Level::City) && names_place_below_city(jurisdiction) {
        // The city takes its name from its rows' 辖区: a district here would rename it.
        (faults.field)(
            Field::Jurisdiction,
            format!(
                "市级事项的辖区「{jurisdiction}」是区、县或街道，不是市：市级事项的辖区写市名或留空；若这是区级或街道的事项，请把行使层级改为区级或街道 (a city-level row's 辖区 names a district or street, not the city: leave it blank or write the city's name; if the row is the district's, write 区级)"
            ),
        );
    }
    let districts_only = level == Some(Level::District)
        && district_place(body, &mut jurisdiction, district_cell, faults.field);
    let (district, district_column) = if level == Some(Level::Street) {
        street_district(body, jurisdiction, district_cell, mapping, faults.field)
    } else {
        ("", false)
    };
    let role_text = cell(Field::Role);
    let role = ListRole::parse(role_text);
    if role.is_none() {
        (faults.field)(
            Field::Role,
            format!("「{role_text}」不是主办/协办 (expected 主办, 协办, 受委托 or blank)"),
        );
    }
    let excludes = excludes_of(cell(Field::Excludes), level, role, faults.field);
    let holder = match (level, levels, role) {
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
    };
    (holder, districts_only)
}

/// The levels a row gives: its 行使层级 cell, or where that is blank and the list marks levels
/// in columns of their own, the marked ones (■ / √); `None`, with a fault, for none.
fn levels_of_row(
    level_text: &str,
    cells: &[&str],
    mapping: &HeaderMapping,
    faults: &mut Faults<'_>,
) -> Option<spelling::Levels> {
    let marks = mapping.level_marks();
    let levels = if level_text.is_empty() && !marks.is_empty() {
        // One column per level, each marked ■ / √ or not.
        let mut levels = spelling::Levels::default();
        for (level, column) in marks {
            let text = cells.get(*column).copied().unwrap_or("");
            match spelling::mark_of(text) {
                Some(true) => levels.insert(*level),
                Some(false) => {}
                None => (faults.mark)(
                    *column,
                    format!("「{text}」不是标记 (a mark is ■ or √ for yes, □ or blank for no)"),
                ),
            }
        }
        (!levels.is_empty()).then_some(levels)
    } else {
        spelling::levels_of(level_text)
    };
    if levels.is_none() {
        if level_text.is_empty() {
            (faults.field)(
                Field::Level,
                "行使层级为空 (the level is missing: 市级, 区级 or 街道, or several: 市级、区级)"
                    .into(),
            );
        } else {
            (faults.field)(
                Field::Level,
                format!(
                    "「{level_text}」不是行使层级 (expected 市级, 区级, 街道, or several: 市级、区级)"
                ),
            );
        }
    }
    levels
}

/// The body's own level: one level as written; of several, the city where the row names the
/// city or no 辖区 (a city body's 分级管辖 row), else the lowest below the city.
fn own_level(levels: spelling::Levels, jurisdiction: &str, district_cell: &str) -> Option<Level> {
    // 辖区 names a street: 「区/街道」, or a place other than the 所属区 beside it.
    let names_street = jurisdiction.contains(['/', '／'])
        || (!district_cell.is_empty() && !jurisdiction.is_empty() && jurisdiction != district_cell);
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
}

/// A district row's place: 辖区, or the 所属区 where 辖区 is blank (faulted where the two
/// differ), or the district the body's name says. Whether the row gives the power to the
/// districts only: a city department's row with no district.
fn district_place<'t>(
    body: &'t str,
    jurisdiction: &mut &'t str,
    district_cell: &'t str,
    fault: &mut dyn FnMut(Field, String),
) -> bool {
    if !district_cell.is_empty() {
        if jurisdiction.is_empty() {
            *jurisdiction = district_cell;
        } else if *jurisdiction != district_cell {
            fault(
                Field::District,
                format!(
                    "区级事项的所属区「{district_cell}」与辖区「{jurisdiction}」不一致 (a district row's 所属区 and 辖区 name different districts)"
                ),
            );
        }
    }
    if !jurisdiction.is_empty() {
        return false;
    }
    // 辖区 blank: the body's name may say its district; a city department's row gives the
    // power to the districts' own bodies; any other body needs its 辖区.
    match district_in_name(body) {
        Some(district) => *jurisdiction = district,
        None if names_city_body(body) => return true,
        None => fault(
            Field::Jurisdiction,
            "区级的事项须填辖区 (a district body needs its jurisdiction, or a name that says it: 甲市乙区…)"
                .into(),
        ),
    }
    false
}

/// A street row's district where the row gives it apart from 辖区 (its 所属区, or with both
/// blank the district its name says), and whether it is the 所属区 cell; the faults of its
/// place reported.
fn street_district<'t>(
    body: &'t str,
    jurisdiction: &'t str,
    district_cell: &'t str,
    mapping: &HeaderMapping,
    fault: &mut dyn FnMut(Field, String),
) -> (&'t str, bool) {
    let street_faults = street_place(body, jurisdiction, district_cell, mapping);
    let mut district_column = false;
    let district = if district_cell.is_empty() && jurisdiction.is_empty() {
        district_in_name(body).unwrap_or("")
    } else {
        district_column = !district_cell.is_empty();
        district_cell
    };
    for (field, message) in street_faults {
        fault(field, message);
    }
    (district, district_column)
}

/// The places a row does not cover (不含辖区), faulted on any but a city or district lead row.
fn excludes_of<'t>(
    text: &'t str,
    level: Option<Level>,
    role: Option<ListRole>,
    fault: &mut dyn FnMut(Field, String),
) -> Vec<&'t str> {
    let excludes: Vec<&str> = text
        .split(['、', ',', '，', ';', '；', ' ', '\u{3000}'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if !excludes.is_empty()
        && (!matches!(level, Some(Level::City | Level::District)) || role != Some(ListRole::Lead))
    {
        fault(
            Field::Excludes,
            "不含辖区只用于市级或区级主办事项 (only a city or district lead row may exclude districts or streets)"
                .into(),
        );
    }
    excludes
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

/// The faults of a street row's place, by column: a street row needs its street and its
/// district, from 辖区 (「区/街道」, or a street whose district the list's 区级 rows name), from 辖区
/// and 所属区, or from the body's name (「乙区东街道综合行政执法队」); where the street's district
/// is one of the list's is settled once every row is read ([`super::super::build`]).
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
