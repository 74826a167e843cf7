//! The reform rules' messages phrased ([`phrase`]): each [`RuleMessage`] in the language asked,
//! after its rule's name (「【主体资格】…」 / "[lead standing] …"), naming every id by its name,
//! and, for the legal rules, citing the article the verdict rests on. The 赋权 rules' messages
//! are in `grants.rs`.

use super::names::{Names, list_separator};
use super::{Label, Lang, grants};
use crate::analysis::finding::message::{Entrustment, RuleMessage};
use crate::model::{PowerKind, Standing};

/// A rule finding's message: the rule's name, then what it says.
pub fn phrase(message: &RuleMessage, names: &Names<'_>, lang: Lang) -> String {
    let rule = message.rule().label(lang);
    let text = match message {
        RuleMessage::GrantFaults(..)
        | RuleMessage::GrantUndecided(_)
        | RuleMessage::GrantCapacity { .. }
        | RuleMessage::GrantBundle { .. } => grants::phrase(message, names, lang),
        RuleMessage::Transition { .. } => super::timetable::phrase(message, names, lang),
        RuleMessage::NoSupervisor { .. }
        | RuleMessage::OwnName { .. }
        | RuleMessage::CoercionEntrusted(_)
        | RuleMessage::LicenceEntrusted(..)
        | RuleMessage::CompanyEntrusted(_)
        | RuleMessage::EntrustedFurther(..)
        | RuleMessage::EntrustedByNonLead(_)
        | RuleMessage::ConcentrationUnapproved { .. }
        | RuleMessage::ConcentratedIntoNonOrgan { .. }
        | RuleMessage::ConcentratedNoAdminSlots { .. }
        | RuleMessage::OverSlots { .. }
        | RuleMessage::SlotsWithNobody { .. } => legal(message, names, lang),
        _ => principle(message, names, lang),
    };
    match lang {
        Lang::Zh => format!("【{rule}】{text}"),
        Lang::En => format!("[{rule}] {text}"),
    }
}

/// The reform's own principles, one function per family of rules. Places are named the Chinese
/// way in both languages (「甲区东城街道」), as these messages always did.
fn principle(message: &RuleMessage, names: &Names<'_>, lang: Lang) -> String {
    match message {
        RuleMessage::PlanningCentral { .. } | RuleMessage::EnforcementSplit { .. } => {
            who_leads(message, names, lang)
        }
        RuleMessage::DutiesGrew { .. }
        | RuleMessage::SlotsGrew { .. }
        | RuleMessage::DutiesFell { .. } => staffing(message, names, lang),
        RuleMessage::MovedWithout { .. } => moved_without(message, names, lang),
        _ => apart_and_idle(message, names, lang),
    }
}

/// 规划权集中 and 执法集中: who leads planning, and how many bodies share the penalties.
fn who_leads(message: &RuleMessage, names: &Names<'_>, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let place = |j| names.place(j, Lang::Zh);
    match message {
        RuleMessage::PlanningCentral { power, body } => {
            let (p, code, b) = (names.power(power), power, names.body(body));
            if zh {
                format!("{p}（{code}）应由市级主办，现由 {b} 主办")
            } else {
                format!("{p} ({code}) should be led by the city; {b} leads it")
            }
        }
        RuleMessage::EnforcementSplit {
            district,
            fields,
            bodies,
        } => {
            let (sep, n) = (list_separator(lang), bodies.len());
            let (fields, bodies) = (fields.join(sep), names.bodies(bodies, lang));
            if zh {
                format!(
                    "{}：{fields} 领域的行政处罚由 {n} 个机构分别行使（{bodies}）",
                    place(district)
                )
            } else {
                format!(
                    "{}: the penalties of {fields} are exercised by {n} bodies ({bodies})",
                    place(district)
                )
            }
        }
        _ => String::new(),
    }
}

/// 编随事走、人随编走: lead duties grew without slots, slots without duties, or duties fell.
fn staffing(message: &RuleMessage, names: &Names<'_>, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match message {
        RuleMessage::DutiesGrew {
            body,
            before,
            after,
            slots,
        } => {
            let (b, before, after) = (names.body(body), before.get(), after.get());
            if zh {
                format!(
                    "{b} 主办事项的工作量由 {before:.1} 增至 {after:.1}（按覆盖辖区折算），编制未随之增加（{slots} 名）"
                )
            } else {
                format!(
                    "{b}'s lead workload grew from {before:.1} to {after:.1} (weighed by territory covered), with no more slots ({slots})"
                )
            }
        }
        RuleMessage::SlotsGrew {
            body,
            before,
            after,
            workload,
        } => {
            let (b, workload) = (names.body(body), workload.get());
            if zh {
                format!(
                    "{b} 编制由 {before} 名增至 {after} 名，主办事项的工作量未随之增加（{workload:.1}）"
                )
            } else {
                format!(
                    "{b} has {after} slots instead of {before}, with no more duties (workload {workload:.1})"
                )
            }
        }
        RuleMessage::DutiesFell {
            body,
            before,
            after,
            slots,
        } => {
            let (b, before, after) = (names.body(body), before.get(), after.get());
            if zh {
                format!(
                    "{b} 主办事项的工作量由 {before:.1} 降至 {after:.1}（按覆盖辖区折算），编制仍为 {slots} 名，未随事划转"
                )
            } else {
                format!(
                    "{b}'s lead workload fell from {before:.1} to {after:.1} (weighed by territory covered), yet it keeps {slots} slots"
                )
            }
        }
        _ => String::new(),
    }
}

/// 事权人财相统一: a body moved without its slots, its budget or its duties.
fn moved_without(message: &RuleMessage, names: &Names<'_>, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let place = |j| names.place(j, Lang::Zh);
    match message {
        RuleMessage::MovedWithout {
            body,
            to,
            slots,
            budget,
            duties_left,
        } => {
            let mut faults = Vec::new();
            if let Some((was, is)) = slots {
                faults.push(if zh {
                    format!("编制由 {was} 名减至 {is} 名")
                } else {
                    format!("its slots fell from {was} to {is}")
                });
            }
            if let Some((was, is)) = budget {
                faults.push(if zh {
                    format!("经费由 {was} 万元减至 {is} 万元")
                } else {
                    format!("its budget fell from {was} to {is} (10k yuan)")
                });
            }
            if let Some(n) = duties_left {
                faults.push(if zh {
                    format!("原主办的 {n} 项事项未随之划转")
                } else {
                    format!("its {n} lead duties stayed behind")
                });
            }
            let (b, to) = (names.body(body), place(to));
            if zh {
                format!("{b} 划至 {to}，但{}", faults.join("，"))
            } else {
                format!("{b} moved to {to}, but {}", faults.join(", "))
            }
        }
        _ => String::new(),
    }
}

/// 审管分离, 看得见管不着 and 机构有事可干: one body licenses and penalises a matter, a level
/// sees a matter it cannot penalise, a body leads nothing.
fn apart_and_idle(message: &RuleMessage, names: &Names<'_>, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let place = |j| names.place(j, Lang::Zh);
    match message {
        RuleMessage::LicenceAndPenalty {
            body,
            licence,
            penalty,
        } => {
            let (b, l, p) = (names.body(body), names.power(licence), names.power(penalty));
            if zh {
                format!("{b} 既主办许可「{l}」又主办处罚「{p}」")
            } else {
                format!("{b} leads both the licence “{l}” and the penalty “{p}”")
            }
        }
        RuleMessage::SeenNotHandled {
            territory,
            inspection,
            inspectors,
            level,
        } => {
            let (place, what) = (place(territory), names.power(inspection));
            let (inspectors, level) = (names.bodies(inspectors, lang), level.label(lang));
            if zh {
                format!("{place}：{inspectors} 能检查「{what}」，但{level}无机构能处罚该事项")
            } else {
                format!(
                    "{place}: {inspectors} inspect “{what}” but no {level} body can penalise the matter"
                )
            }
        }
        RuleMessage::Idle { body } => {
            let b = names.body(body);
            if zh {
                format!("{b} 不主办任何事项")
            } else {
                format!("{b} leads no power")
            }
        }
        _ => String::new(),
    }
}

/// Where the law says who may exercise a kind of power in its own name, if one article does.
fn own_name_basis(kind: PowerKind, lang: Lang) -> Option<&'static str> {
    match kind {
        PowerKind::Penalty => Some(lang.pick(
            "《行政处罚法》第十七条、第十九条",
            "Administrative Penalty Law arts. 17, 19",
        )),
        PowerKind::Licence => Some(lang.pick(
            "《行政许可法》第二十二条、第二十三条",
            "Administrative Licensing Law arts. 22, 23",
        )),
        PowerKind::Coercion => Some(lang.pick(
            "《行政强制法》第十七条、第七十条",
            "Administrative Coercion Law arts. 17, 70",
        )),
        _ => None,
    }
}

/// A standing as the legal messages write it (「事业单位」 / "a public institution").
fn standing(standing: Standing, lang: Lang) -> &'static str {
    match standing {
        Standing::Organ => lang.pick("行政机关", "an administrative organ"),
        Standing::Authorised => {
            lang.pick("法律法规授权的组织", "an organisation authorised by law")
        }
        Standing::Institution => lang.pick("事业单位", "a public institution"),
        Standing::Enterprise => lang.pick("企业", "an enterprise"),
    }
}

/// The legal rules: standing, entrustment, concentration, people and slots.
fn legal(message: &RuleMessage, names: &Names<'_>, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match message {
        RuleMessage::NoSupervisor { body } => {
            let b = names.body(body);
            if zh {
                format!("事业单位 {b} 未明确主管部门，无从委托，也无人对其行为负责")
            } else {
                format!(
                    "the public institution {b} has no supervising organ: nobody can entrust it or answer for it"
                )
            }
        }
        RuleMessage::OwnName {
            body,
            standing: s,
            count,
            kinds,
            supervisor,
        } => own_name(names, lang, (body, *s, *count), kinds, supervisor.as_ref()),
        RuleMessage::CoercionEntrusted(e)
        | RuleMessage::LicenceEntrusted(e, _)
        | RuleMessage::CompanyEntrusted(e)
        | RuleMessage::EntrustedFurther(e, _)
        | RuleMessage::EntrustedByNonLead(e) => entrusted(message, e, names, lang),
        RuleMessage::ConcentratedIntoNonOrgan {
            body,
            standing: s,
            count,
            example,
        } => {
            let (b, example) = (names.body(body), names.power(example));
            if zh {
                format!(
                    "{count} 项行政处罚权（如「{example}」）相对集中至{} {b}：相对集中行政处罚权只能由一个行政机关行使（《行政处罚法》第十八条第二款）",
                    standing(*s, lang)
                )
            } else {
                format!(
                    "{count} penalty powers (such as “{example}”) are concentrated into {b}, {}: concentrated penalty powers go to one administrative organ (Administrative Penalty Law art. 18(2))",
                    standing(*s, lang)
                )
            }
        }
        RuleMessage::ConcentratedNoAdminSlots { body, count } => {
            let b = names.body(body);
            if zh {
                format!(
                    "{count} 项行政处罚权相对集中至 {b}，但该机关没有行政编制：集中行使行政处罚权的须是行政机关（《行政处罚法》第十八条第二款）"
                )
            } else {
                format!(
                    "{count} penalty powers are concentrated into {b}, which has no civil-service slots: concentrated penalties go to an administrative organ (Administrative Penalty Law art. 18(2))"
                )
            }
        }
        RuleMessage::ConcentrationUnapproved {
            body,
            count,
            example,
        } => {
            let (b, example) = (names.body(body), names.power(example));
            if zh {
                format!(
                    "{count} 项行政处罚权（如「{example}」）相对集中至 {b}，未记录批准决定（批准机关、文号）：须经国务院或省、自治区、直辖市人民政府决定（《行政处罚法》第十八条第二款）"
                )
            } else {
                format!(
                    "{count} penalty powers (such as “{example}”) are concentrated into {b} with no approving decision recorded (authority, document number): it needs the State Council's or the province's decision (Administrative Penalty Law art. 18(2))"
                )
            }
        }
        RuleMessage::OverSlots {
            body,
            over,
            headcount,
            slots,
        } => {
            let b = names.body(body);
            if zh {
                format!("{b} 超编 {over} 人：实有 {headcount} 人，编制 {slots} 名")
            } else {
                format!("{b} is {over} over its slots: {headcount} people on {slots} slots")
            }
        }
        RuleMessage::SlotsWithNobody {
            body,
            slots,
            before,
            after,
        } => {
            let (b, before, after) = (names.body(body), before.get(), after.get());
            if zh {
                format!(
                    "{b} 有编制 {slots} 名而实有人数为 0，主办事项的工作量却由 {before:.1} 增至 {after:.1}：人员未随编制划转"
                )
            } else {
                format!(
                    "{b} has {slots} slots and nobody, while its lead workload grew from {before:.1} to {after:.1}: the people did not follow the slots"
                )
            }
        }
        _ => String::new(),
    }
}

/// 主体资格: a body that may not lead in its own name leads legal powers.
fn own_name(
    names: &Names<'_>,
    lang: Lang,
    (body, s, count): (&crate::model::BodyId, Standing, usize),
    kinds: &[(PowerKind, usize, crate::model::PowerId)],
    supervisor: Option<&crate::model::BodyId>,
) -> String {
    let b = names.body(body);
    let parts: Vec<String> = kinds
        .iter()
        .map(|(kind, n, example)| {
            let example = names.power(example);
            match (lang, own_name_basis(*kind, lang)) {
                (Lang::Zh, law) => format!(
                    "{} {n} 项（如「{example}」{}）",
                    kind.label(lang),
                    law.map_or_else(String::new, |law| format!("，{law}"))
                ),
                (Lang::En, law) => format!(
                    "{n} {} ({example}{})",
                    kind.label(lang),
                    law.map_or_else(String::new, |law| format!("; {law}"))
                ),
            }
        })
        .collect();
    let supervisor = supervisor.filter(|s| names.now.body(s).is_some());
    match lang {
        Lang::Zh => format!(
            "{b}（{}）以自己的名义主办 {count} 项行政权力：{}。只有行政机关或法律、法规授权的组织可以自己的名义实施{}",
            standing(s, lang),
            parts.join("、"),
            supervisor.map_or_else(
                || "；可改由其主管部门主办、本单位受委托（行政强制措施除外）".to_owned(),
                |s| format!(
                    "；可改由主管部门 {} 主办、本单位受委托（行政强制措施除外）",
                    names.body(s)
                )
            )
        ),
        Lang::En => format!(
            "{b}, {}, leads {count} legal powers in its own name: {}. Only an administrative organ or an organisation authorised by law may{}",
            standing(s, lang),
            parts.join(", "),
            supervisor.map_or_else(
                || "; its supervising organ could lead and entrust it (not coercive measures)"
                    .to_owned(),
                |s| format!(
                    "; {} could lead and entrust it (not coercive measures)",
                    names.body(s)
                )
            )
        ),
    }
}

/// 委托合法: one entrusted holding that the law does not allow.
fn entrusted(message: &RuleMessage, e: &Entrustment, names: &Names<'_>, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let (by, b, p) = (
        names.body(&e.by),
        names.body(&e.body),
        names.power(&e.power),
    );
    match message {
        RuleMessage::CoercionEntrusted(_) if zh => format!(
            "{by} 将行政强制「{p}」委托给 {b}：行政强制措施权不得委托（《行政强制法》第十七条）"
        ),
        RuleMessage::CoercionEntrusted(_) => format!(
            "{by} entrusts the coercive measure “{p}” to {b}: the power of coercive measures may not be entrusted (Administrative Coercion Law art. 17)"
        ),
        RuleMessage::LicenceEntrusted(_, s) if zh => format!(
            "{by} 将行政许可「{p}」委托给{} {b}：行政许可只能委托其他行政机关实施（《行政许可法》第二十四条）",
            standing(*s, lang)
        ),
        RuleMessage::LicenceEntrusted(_, s) => format!(
            "{by} entrusts the licence “{p}” to {b}, {}: a licence may be entrusted only to another administrative organ (Administrative Licensing Law art. 24)",
            standing(*s, lang)
        ),
        RuleMessage::CompanyEntrusted(_) if zh => format!(
            "{by} 将「{p}」委托给企业 {b}：受委托的须是依法成立并具有管理公共事务职能的组织，企业只能承接政府购买的服务（《行政处罚法》第二十条、第二十一条）"
        ),
        RuleMessage::CompanyEntrusted(_) => format!(
            "{by} entrusts “{p}” to the company {b}: only an organisation established by law with public-affairs functions may be entrusted; a company may only provide contracted services (Administrative Penalty Law arts. 20, 21)"
        ),
        RuleMessage::EntrustedFurther(_, first) if zh => format!(
            "{by} 受 {} 委托行使「{p}」，又将其委托给 {b}：受委托组织不得再委托（《行政处罚法》第二十条）",
            names.body(first)
        ),
        RuleMessage::EntrustedFurther(_, first) => format!(
            "{by}, itself entrusted by {}, entrusts “{p}” further to {b}: an entrusted organisation may not entrust again (Administrative Penalty Law art. 20)",
            names.body(first)
        ),
        _ if zh => format!(
            "{b} 受 {by} 委托行使「{p}」，但 {by} 并不主办该事项，无权委托（《行政处罚法》第二十条：在其法定权限内委托）"
        ),
        _ => format!(
            "{b} is entrusted with “{p}” by {by}, which does not lead it and so cannot entrust it (Administrative Penalty Law art. 20: within its own competence)"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_standing_has_a_name_in_both_languages() {
        for s in Standing::ALL {
            assert!(!standing(s, Lang::Zh).is_empty());
            assert!(!standing(s, Lang::En).is_empty());
        }
    }

    #[test]
    fn the_three_codes_of_standing_are_cited() {
        assert!(
            own_name_basis(PowerKind::Penalty, Lang::Zh)
                .is_some_and(|zh| zh.contains("行政处罚法"))
        );
        assert!(
            own_name_basis(PowerKind::Licence, Lang::Zh)
                .is_some_and(|zh| zh.contains("行政许可法"))
        );
        assert!(
            own_name_basis(PowerKind::Coercion, Lang::Zh)
                .is_some_and(|zh| zh.contains("行政强制法"))
        );
        assert!(own_name_basis(PowerKind::Inspection, Lang::Zh).is_none());
    }
}
