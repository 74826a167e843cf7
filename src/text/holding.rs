//! Holdings in sentences: a step that sets or ends a holding, and a holding as a step or a fix
//! changes it, naming where it counts ([`holding_change`]): 「市城市管理局 在甲区退出主办 X（此后
//! 主办范围：全市（不含 甲区））」, 「甲区城管局 在甲区改为协办 X」, 「乙区城管局 不再承担 X（原在乙区
//! 主办）」. The window says a history step this way, and a fix's preview lists its changes so;
//! the exports, which have no history, say the operation itself (「X 主办 Y（编码）」).

use super::names::Names;
use super::style::{Say, Style};
use super::{Label, Lang};
use crate::model::{BodyId, Holding, JurisdictionId, Level, PowerId, Role};
use crate::session::history::Entry;

/// A step that adds or replaces a holding. When the entry tells what the holding was, the step
/// says what it does and where (改为协办, 退出主办, 限于本区 …).
pub(super) fn set_holding(say: &Say<'_, '_>, holding: &Holding) -> String {
    let lang = say.lang();
    if let Some(before) = say
        .entry
        .and_then(|e| holding_before(e, &holding.power, &holding.body))
    {
        let (power, body) = (&holding.power, &holding.body);
        return holding_change(power, body, before.as_ref(), Some(holding), say.names, lang);
    }
    let (p, a) = (say.power(&holding.power), say.body(&holding.body));
    let role = holding.role.label(lang);
    match lang {
        Lang::Zh => format!("{a} {role} {p}"),
        Lang::En => format!("{a} becomes {role} of {p}"),
    }
}

/// A step that ends a holding; said as a holding change when the entry tells what it was.
pub(super) fn remove_holding(say: &Say<'_, '_>, power: &PowerId, body: &BodyId) -> String {
    if let Some(before @ Some(_)) = say.entry.and_then(|e| holding_before(e, power, body)) {
        return holding_change(power, body, before.as_ref(), None, say.names, say.lang());
    }
    let (p, a) = (say.power(power), say.body(body));
    match say.style {
        Style::Window(Lang::Zh) => format!("{a} 不再承担 {p}"),
        Style::Window(Lang::En) => format!("{a} no longer holds {p}"),
        Style::Export => format!("{a} 不再行使 {p}"),
    }
}

/// The holding of (power, body) before the entry changed it (`Some(&None)`: it had none);
/// `None` when the entry did not change it.
fn holding_before<'e>(
    entry: &'e Entry,
    power: &PowerId,
    body: &BodyId,
) -> Option<&'e Option<Holding>> {
    entry.changes.changes().iter().find_map(|c| match c {
        crate::model::Change::Holding {
            power: p,
            body: b,
            before,
            ..
        } if p == power && b == body => Some(before),
        _ => None,
    })
}

/// Where a holding counts, named: 「全市」, 「甲区」, 「甲区、乙区」 (a city holding kept to a few
/// districts), 「全市（不含 乙区）」, 「甲区（不含 东城街道）」, a street's 「甲区东城街道」.
fn scope(holding: &Holding, names: &Names<'_>, lang: Lang) -> String {
    let state = names.now;
    let without = |whole: String, excluded: &[&JurisdictionId]| match (excluded.is_empty(), lang) {
        (true, _) => whole,
        (false, Lang::Zh) => format!("{whole}（不含 {}）", names.places(excluded, lang)),
        (false, Lang::En) => format!("{whole} (but {})", names.places(excluded, lang)),
    };
    let home = state.body(&holding.body).map(|b| b.jurisdiction.clone());
    let level = home.as_ref().and_then(|j| names.level(j));
    let excluded: Vec<&JurisdictionId> = holding.excludes.iter().collect();
    match (level, home) {
        (Some(Level::City), _) => {
            let districts: Vec<&JurisdictionId> = state.districts().map(|d| &d.id).collect();
            let kept: Vec<&JurisdictionId> = districts
                .iter()
                .copied()
                .filter(|d| !holding.excludes.contains(*d))
                .collect();
            // A city holding kept to fewer districts than it leaves out reads by what it keeps.
            if !districts.is_empty() && !kept.is_empty() && kept.len() < excluded.len() {
                let streets: Vec<&JurisdictionId> = excluded
                    .iter()
                    .copied()
                    .filter(|j| state.district_of(j).is_some_and(|d| kept.contains(&d)))
                    .collect();
                without(names.places(&kept, lang), &streets)
            } else {
                without(lang.pick("全市", "the whole city").to_owned(), &excluded)
            }
        }
        (Some(Level::District), Some(home)) => without(names.jurisdiction(&home), &excluded),
        (_, Some(home)) => names.place(&home, lang),
        (_, None) => String::new(),
    }
}

/// One holding as a step or a fix changes it (`before` → `after`, `None`: none), naming where:
/// 「市城市管理局 在甲区退出主办 X（此后主办范围：全市（不含 甲区））」, 「甲区城管局 在甲区改为协办
/// X」, 「市城市管理局 在甲区主办 X（限于 甲区）」, 「乙区城管局 不再承担 X（原在乙区主办）」.
pub fn holding_change(
    power: &PowerId,
    body: &BodyId,
    before: Option<&Holding>,
    after: Option<&Holding>,
    names: &Names<'_>,
    lang: Lang,
) -> String {
    let (p, a) = (names.power(power), names.body(body));
    match (before, after) {
        (Some(b), Some(f)) if b.role.is_lead() && f.role.is_lead() && b.cases == f.cases => {
            lead_scope_change(&a, &p, b, f, names, lang)
        }
        (_, Some(f)) => role_change(&a, &p, before, f, names, lang),
        (Some(b), None) => {
            let place = scope(b, names, lang);
            let role = b.role.label(lang);
            match lang {
                Lang::Zh => format!("{a} 不再承担 {p}（原在{place}{role}）"),
                Lang::En => format!("{a} no longer holds {p} (it was {role} in {place})"),
            }
        }
        (None, None) => String::new(),
    }
}

/// A lead that stays a lead over other places: 「在甲区退出主办」, 「在乙区主办」, 「范围改为」.
fn lead_scope_change(
    a: &str,
    p: &str,
    before: &Holding,
    after: &Holding,
    names: &Names<'_>,
    lang: Lang,
) -> String {
    let left: Vec<&JurisdictionId> = after.excludes.difference(&before.excludes).collect();
    let took: Vec<&JurisdictionId> = before.excludes.difference(&after.excludes).collect();
    let shape = (left.is_empty(), took.is_empty(), lang);
    let (left, took) = (names.places(&left, lang), names.places(&took, lang));
    let now = scope(after, names, lang);
    match shape {
        (false, true, Lang::Zh) => format!("{a} 在{left}退出主办 {p}（此后主办范围：{now}）"),
        (false, true, Lang::En) => {
            format!("{a} stops leading {p} in {left} (it still leads it in {now})")
        }
        (true, false, Lang::Zh) => format!("{a} 在{took}主办 {p}（此后主办范围：{now}）"),
        (true, false, Lang::En) => {
            format!("{a} leads {p} in {took} too (it now leads it in {now})")
        }
        (_, _, Lang::Zh) => format!("{a} 主办 {p} 的范围改为：{now}"),
        (_, _, Lang::En) => format!("{a} now leads {p} in {now}"),
    }
}

/// A holding that is new or changes role (or tier of cases), where it counted or counts.
fn role_change(
    a: &str,
    p: &str,
    before: Option<&Holding>,
    after: &Holding,
    names: &Names<'_>,
    lang: Lang,
) -> String {
    let role = after.role.label(lang);
    let was = before.map(|b| b.role.label(lang));
    // Where the holding counted (a lead) or counts (a new lead).
    let place = match before.filter(|b| b.role.is_lead()) {
        Some(b) => scope(b, names, lang),
        None => scope(after, names, lang),
    };
    let by = match (&after.role, lang) {
        (Role::Entrusted { by }, Lang::Zh) => format!("（受 {} 委托）", names.body(by)),
        (Role::Entrusted { by }, Lang::En) => format!(" (acting for {})", names.body(by)),
        _ => String::new(),
    };
    let tier = match (after.cases, lang) {
        (Some(t), Lang::Zh) => format!("（只办理{}）", t.label(Lang::Zh)),
        (Some(t), Lang::En) => format!(" (only the {})", t.label(Lang::En)),
        (None, _) => String::new(),
    };
    match (was, lang) {
        (Some(_), Lang::Zh) => format!("{a} 在{place}改为{role} {p}{by}{tier}"),
        (Some(was), Lang::En) => {
            format!("{a} turns from {was} to {role} of {p} in {place}{by}{tier}")
        }
        (None, Lang::Zh) => format!("{a} 在{place}{role} {p}{by}{tier}"),
        (None, Lang::En) => format!("{a} becomes {role} of {p} in {place}{by}{tier}"),
    }
}
