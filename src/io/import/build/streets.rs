//! Where a street row's body lies: the 辖区 text it is told apart by ([`street_text`]), and the
//! district and street that text names once every district is known ([`place_street`]), read
//! conservatively.

use std::collections::BTreeMap;

use super::super::ListHolder;
use super::super::row::street_in_name;
use crate::model::JurisdictionId;

/// The 辖区 text a street row's body is told apart by and placed by: 「区/街道」 where the row
/// writes it so (also 「区／街道」) or gives the district apart from 辖区 (its 所属区, or its
/// body's name: 「乙区东街道综合行政执法队」 is 「乙区/东街道」); else 辖区 as written, placed once
/// every district is known ([`place_street`]). Written into `out`.
pub(super) fn street_text(h: &ListHolder<'_>, out: &mut String) {
    out.clear();
    let place = h.jurisdiction;
    if let Some((district, street)) = place.split_once(['/', '／']) {
        out.push_str(district.trim());
        out.push('/');
        out.push_str(street.trim());
        return;
    }
    if h.district.is_empty() {
        out.push_str(place);
        return;
    }
    let street = if place.is_empty() || place == h.district {
        street_in_name(h.body).unwrap_or("")
    } else {
        place
            .strip_prefix(h.district)
            .filter(|rest| plausible_street(rest))
            .unwrap_or(place)
    };
    out.push_str(h.district);
    out.push('/');
    out.push_str(street);
}

/// Whether the rest of a 辖区 after a district's name is a street's own name (「东街道」 of
/// 「乙区东街道」), not a bare level (「街道」) or a character.
fn plausible_street(rest: &str) -> bool {
    rest.chars().count() >= 2
        && !rest.starts_with(['-', '－', '—', '/', '／'])
        && !matches!(
            rest,
            "街道" | "乡镇" | "镇街" | "街镇" | "街道办" | "街道办事处" | "乡镇街道"
        )
}

/// A street's district (its name as the map keys it) and its own name, from its 辖区 text (see
/// [`street_text`]) and its body's name, given the districts' names; conservative, `None` where
/// the district is not one of the list's or the text can be read two ways:
///
/// 1. 「区/街道」: the district must be the list's;
/// 2. a district's name alone: the street its body's name says (「东街道综合行政执法队」);
/// 3. 「区-街道」 (also －, —), one dash, the district's name before it;
/// 4. a district's name then the street's (「甲区东街道」), where only one district's name can
///    begin it;
/// 5. any other name, in a list of one district: a street of that district.
pub(super) fn place_street<'d>(
    text: &str,
    body: &str,
    districts: &'d BTreeMap<&str, JurisdictionId>,
) -> Option<(&'d str, String)> {
    let district = |name: &str| districts.get_key_value(name.trim()).map(|(name, _)| *name);
    if let Some((name, street)) = text.split_once('/') {
        let street = street.trim();
        return district(name)
            .filter(|_| !street.is_empty())
            .map(|d| (d, street.to_owned()));
    }
    if let Some(d) = district(text) {
        return street_in_name(body).map(|street| (d, street.to_owned()));
    }
    for dash in ['-', '－', '—'] {
        if text.matches(dash).count() == 1
            && let Some((name, street)) = text.split_once(dash)
            && let Some(d) = district(name)
            && !street.trim().is_empty()
        {
            return Some((d, street.trim().to_owned()));
        }
    }
    let prefixes: Vec<&str> = districts_before(text, districts).collect();
    let split: Vec<&str> = prefixes
        .iter()
        .copied()
        .filter(|name| plausible_street(&text[name.len()..]))
        .collect();
    match (split.as_slice(), prefixes.as_slice()) {
        ([name], _) => Some((*name, text[name.len()..].to_owned())),
        // A district's name then no street's own: the whole text is the street's.
        ([], [name]) => Some((*name, text.to_owned())),
        ([], []) if districts.len() == 1 => {
            districts.keys().next().map(|name| (*name, text.to_owned()))
        }
        // Two districts' names could begin it (甲区 and 甲区东 of 「甲区东风街道」): not safe.
        _ => None,
    }
}

/// The districts whose name begins a street's 辖区 text and leaves something after it.
pub(super) fn districts_before<'d, 't>(
    text: &'t str,
    districts: &'d BTreeMap<&str, JurisdictionId>,
) -> impl Iterator<Item = &'d str> + 't
where
    'd: 't,
{
    districts
        .keys()
        .copied()
        .filter(move |name| text.len() > name.len() && text.starts_with(*name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_streets_place_is_read_conservatively() {
        let names = ["甲区", "乙区", "甲区东"];
        let districts: BTreeMap<&str, JurisdictionId> = names
            .iter()
            .map(|n| (*n, JurisdictionId::new(*n)))
            .collect();
        let place = |text: &str, body: &str| {
            place_street(text, body, &districts).map(|(d, s)| format!("{d}/{s}"))
        };
        let team = "综合行政执法队";
        assert_eq!(place("甲区/东街道", team).as_deref(), Some("甲区/东街道"));
        assert_eq!(place("丙区/东街道", team), None);
        assert_eq!(place("甲区/", team), None);
        assert_eq!(place("乙区-西街道", team).as_deref(), Some("乙区/西街道"));
        assert_eq!(place("乙区－西街道", team).as_deref(), Some("乙区/西街道"));
        // Two dashes, or a dash after no district: read as a name, which fits no district.
        assert_eq!(
            place("乙区-西-街道", team).as_deref(),
            Some("乙区/乙区-西-街道")
        );
        assert_eq!(place("丙区-西街道", team), None);
        // A district's name then the street's, where only one district's name can begin it.
        assert_eq!(place("乙区南街道", team).as_deref(), Some("乙区/南街道"));
        assert_eq!(place("甲区西街道", team).as_deref(), Some("甲区/西街道"));
        assert_eq!(place("甲区东风街道", team), None);
        // What is left is no street's own name: the whole text is the street's.
        assert_eq!(place("乙区街道", team).as_deref(), Some("乙区/乙区街道"));
        // A district alone: the street the body's name says, or none.
        assert_eq!(
            place("乙区", "南街道综合行政执法队").as_deref(),
            Some("乙区/南街道")
        );
        assert_eq!(place("乙区", team), None);
        // A street in a list of several districts, and of one.
        assert_eq!(place("东街道", team), None);
        let one: BTreeMap<&str, JurisdictionId> = [("甲区", JurisdictionId::new("d"))].into();
        assert_eq!(
            place_street("东街道", team, &one),
            Some(("甲区", "东街道".to_owned()))
        );
    }
}
