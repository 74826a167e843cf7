//! The 赋权 rules' messages phrased (行政处罚法 第二十四条): an unlawful grant, a grant with no
//! decision, a street that cannot take on what it was granted, a matter granted in part. Every
//! message cites the article; places are named in the language asked.

use super::names::Names;
use super::{Label, Lang};
use crate::analysis::finding::message::{BundleGap, CapacityFault, Grant, GrantFault, RuleMessage};
use crate::model::PowerId;

/// The citation every message ends with.
fn art_24(lang: Lang) -> &'static str {
    lang.pick(
        "《行政处罚法》第二十四条",
        "Administrative Penalty Law art. 24",
    )
}

/// One of the 赋权 rules' messages.
pub(super) fn phrase(message: &RuleMessage, names: &Names<'_>, lang: Lang) -> String {
    match message {
        RuleMessage::GrantFaults(grant, faults) => grant_faults(grant, faults, names, lang),
        RuleMessage::GrantUndecided(grant) => {
            let g = Granted::of(grant, names, lang);
            let (place, from, p, code, to) = (g.place, g.from, g.power, &grant.power, g.receiver);
            match lang {
                Lang::Zh => format!(
                    "{place}：{from} 将「{p}」（{code}）赋予 {to}，未记录省级人民政府的决定（批准机关、文号）：赋权由省、自治区、直辖市决定，决定应当公布（{}）",
                    art_24(lang)
                ),
                Lang::En => format!(
                    "{place}: {from} grants “{p}” ({code}) to {to} with no decision recorded (authority, document number): a grant is the province's decision, and it is published ({})",
                    art_24(lang)
                ),
            }
        }
        RuleMessage::GrantCapacity {
            place,
            body,
            count,
            per_person,
            faults,
        } => {
            let per_person = per_person.get();
            let faults: Vec<String> = faults
                .iter()
                .map(|f| match (f, lang) {
                    (CapacityFault::NoAdminSlots, _) => {
                        lang.pick("没有行政编制", "it has no civil-service slots").to_owned()
                    }
                    (CapacityFault::Nobody, _) => {
                        lang.pick("实有人数为 0", "nobody is on its staff").to_owned()
                    }
                    (CapacityFault::Overloaded { headcount, load }, Lang::Zh) => format!(
                        "实有 {headcount} 人，人均 {:.1} 项，超过每人 {per_person} 项",
                        load.get()
                    ),
                    (CapacityFault::Overloaded { headcount, load }, Lang::En) => format!(
                        "its {headcount} people have {:.1} items each, more than {per_person} per person",
                        load.get()
                    ),
                })
                .collect();
            let (place, b) = (names.place(place, lang), names.body(body));
            match lang {
                Lang::Zh => format!(
                    "{place}：{b} 经赋权承接 {count} 项事项，但{}（每人承接上限 {per_person} 项）：赋权只能交由能够有效承接的街道、乡镇行使，承接的应当加强执法能力建设（{}）",
                    faults.join("，"),
                    art_24(lang)
                ),
                Lang::En => format!(
                    "{place}: {b} was granted {count} items, but {} (at most {per_person} items per person): powers go only to street and township offices that can take them on, and those build up their enforcement capacity ({})",
                    faults.join(", "),
                    art_24(lang)
                ),
            }
        }
        RuleMessage::GrantBundle {
            place,
            body,
            got,
            missing,
            gap,
        } => bundle(
            &names.place(place, lang),
            &names.body(body),
            (got, missing),
            *gap,
            names,
            lang,
        ),
        _ => String::new(),
    }
}

/// A grant's parts, named.
struct Granted {
    place: String,
    from: String,
    receiver: String,
    power: String,
}

impl Granted {
    fn of(grant: &Grant, names: &Names<'_>, lang: Lang) -> Self {
        Self {
            place: grant
                .place
                .as_ref()
                .map_or_else(String::new, |j| names.place(j, lang)),
            from: names.body(&grant.from),
            receiver: names.body(&grant.receiver),
            power: names.power(&grant.power),
        }
    }
}

/// 赋权合法: what makes one grant unlawful.
fn grant_faults(grant: &Grant, faults: &[GrantFault], names: &Names<'_>, lang: Lang) -> String {
    let g = Granted::of(grant, names, lang);
    let (from, to) = (&g.from, &g.receiver);
    let faults: Vec<String> = faults
        .iter()
        .map(|fault| match (fault, lang) {
            (GrantFault::ReceiverLevel(level), Lang::Zh) => format!(
                "{to} 是{}机构，不是街道（乡镇）的机构",
                level.label(lang)
            ),
            (GrantFault::ReceiverLevel(level), Lang::En) => format!(
                "{to} is a {} body, not a street (township) body",
                level.label(lang)
            ),
            (GrantFault::ReceiverNowhere, Lang::Zh) => {
                format!("{to} 所在辖区不明，不是街道（乡镇）的机构")
            }
            (GrantFault::ReceiverNowhere, Lang::En) => {
                format!("{to} sits nowhere known, not in a street (township)")
            }
            (GrantFault::FromOtherDistrict(district), Lang::Zh) => format!(
                "赋权的 {from} 属于{}，不是本区的机构：赋予的不是本区的区级事权",
                names.place(district, lang)
            ),
            (GrantFault::FromOtherDistrict(district), Lang::En) => format!(
                "the granting {from} belongs to {}, not to the street's district: the power granted is not this district's",
                names.place(district, lang)
            ),
            (GrantFault::FromLevel(level), Lang::Zh) => format!(
                "赋权的 {from} 是{}机构：赋予的不是区级事权（县级人民政府部门的行政处罚权）",
                level.label(lang)
            ),
            (GrantFault::FromLevel(level), Lang::En) => format!(
                "the granting {from} is a {} body: the power granted is not a district-level power (of a county-level department)",
                level.label(lang)
            ),
            (GrantFault::FromMissing, Lang::Zh) => {
                format!("赋权的机构 {from} 不在方案中：赋予的不是区级事权")
            }
            (GrantFault::FromMissing, Lang::En) => format!(
                "the granting body {from} is not in the plan: the power granted is no district-level power"
            ),
            (GrantFault::NotGrantable(kind), Lang::Zh) => format!(
                "该事项是{}，可赋予的只有行政处罚权及相关的行政检查、行政强制措施",
                kind.label(lang)
            ),
            (GrantFault::NotGrantable(kind), Lang::En) => format!(
                "it is a {}, and only penalties with their inspections and coercive measures may be granted",
                kind.label(lang)
            ),
        })
        .collect();
    let (place, p, code) = (&g.place, &g.power, &grant.power);
    match lang {
        Lang::Zh => format!(
            "{place}：{from} 将「{p}」（{code}）赋予 {to}，但{}（{}：省、自治区、直辖市可以决定将县级人民政府部门的行政处罚权交由能够有效承接的乡镇人民政府、街道办事处行使）",
            faults.join("；"),
            art_24(lang)
        ),
        Lang::En => format!(
            "{place}: {from} grants “{p}” ({code}) to {to}, but {} ({}: a province may let township and street offices that can take them on exercise the penalty powers of county-level departments)",
            faults.join("; "),
            art_24(lang)
        ),
    }
}

/// Powers of a matter named with their kinds: 「行政处罚「…」、行政检查「…」」 / "the penalty “…”".
fn powers_named(powers: &[PowerId], names: &Names<'_>, lang: Lang) -> String {
    let kind = |p: &PowerId| names.now.power(p).map_or("", |p| p.kind.label(lang));
    powers
        .iter()
        .map(|p| match lang {
            Lang::Zh => format!("{}「{}」", kind(p), names.power(p)),
            Lang::En => format!("the {} “{}”", kind(p), names.power(p)),
        })
        .collect::<Vec<_>>()
        .join(lang.pick("、", ", "))
}

/// 赋权配套: a matter granted in part.
fn bundle(
    place: &str,
    name: &str,
    (got, missing): (&[PowerId], &[PowerId]),
    gap: BundleGap,
    names: &Names<'_>,
    lang: Lang,
) -> String {
    let tail = match gap {
        BundleGap::Penalty => lang.pick(
            "街道看得见、管不着",
            "the street sees what it cannot penalise",
        ),
        BundleGap::InspectionAndCoercion => lang.pick(
            "街道能处罚，却不能检查、不能采取强制措施",
            "the street may penalise what it can neither inspect nor restrain",
        ),
        BundleGap::Inspection => lang.pick(
            "街道能处罚，却不能检查，管得着、看不见",
            "the street may penalise what it cannot inspect",
        ),
        BundleGap::Coercion => lang.pick(
            "街道能处罚，却不能采取强制措施",
            "the street may penalise but not restrain",
        ),
    };
    let (got, missing) = (
        powers_named(got, names, lang),
        powers_named(missing, names, lang),
    );
    match lang {
        Lang::Zh => format!(
            "{place}：{name} 经赋权承接{got}，而同一事项的{missing}仍由区级行使、未一并赋予：{tail}（{}：赋予行政处罚权，须使街道能够有效承接）",
            art_24(lang)
        ),
        Lang::En => format!(
            "{place}: {name} was granted {got}, while {missing} of the same matter stay with the district: {tail} ({}: a grant must leave the street able to take it on)",
            art_24(lang)
        ),
    }
}
