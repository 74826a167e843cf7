//! The legal rules: who may hold, receive and be entrusted with a power, and whether people
//! follow the slots. Each message cites the article its verdict rests on (the table of
//! `shared/design/domain.md`), so that a 法制办 can check it:
//!
//! - 主体资格 (`lead-standing`): only an administrative organ or an organisation authorised by a
//!   law or regulation exercises a legal power in its own name (行政处罚法 第17、19条; 行政许可法
//!   第22、23条; 行政强制法 第17、70条);
//! - 委托合法 (`entrust-limits`): only an organisation with public-affairs functions may be
//!   entrusted with a penalty (行政处罚法 第20、21条), only another organ with a licence (行政许可法
//!   第24条), nobody with a coercive measure (行政强制法 第17条); the entrusted may not entrust
//!   further (行政处罚法 第20条);
//! - 集中主体 (`concentration-receiver`): penalties are concentrated into one administrative organ
//!   by the State Council's or the province's decision (行政处罚法 第18条第2款);
//! - 集中后回流 (`concentration-relapse`): a source body that still exercises a concentrated power
//!   acts without competence, and its penalties are invalid (第18条, 第38条);
//! - 人随编走 (`people-follow-slots`): more people than slots (超编), or slots and nobody where
//!   duties came.

use std::collections::BTreeMap;

use super::{Out, RuleInput, body_name};
use crate::analysis::finding::{Reason, Severity};
use crate::model::{Body, BodyId, Power, PowerKind, Receipt, Role, Standing};

/// Where the law says who may exercise a kind of power in its own name, if one article does.
fn own_name_basis(kind: PowerKind) -> Option<(&'static str, &'static str)> {
    match kind {
        PowerKind::Penalty => Some((
            "《行政处罚法》第十七条、第十九条",
            "Administrative Penalty Law arts. 17, 19",
        )),
        PowerKind::Licence => Some((
            "《行政许可法》第二十二条、第二十三条",
            "Administrative Licensing Law arts. 22, 23",
        )),
        PowerKind::Coercion => Some((
            "《行政强制法》第十七条、第七十条",
            "Administrative Coercion Law arts. 17, 70",
        )),
        _ => None,
    }
}

/// Whether a kind of power is a legal power (not a public service and not 其他).
fn is_legal_power(kind: PowerKind) -> bool {
    !matches!(kind, PowerKind::Service | PowerKind::Other)
}

fn standing_zh(standing: Standing) -> &'static str {
    match standing {
        Standing::Organ => "行政机关",
        Standing::Authorised => "法律法规授权的组织",
        Standing::Institution => "事业单位",
        Standing::Enterprise => "企业",
    }
}

fn standing_en(standing: Standing) -> &'static str {
    match standing {
        Standing::Organ => "an administrative organ",
        Standing::Authorised => "an organisation authorised by law",
        Standing::Institution => "a public institution",
        Standing::Enterprise => "an enterprise",
    }
}

/// 主体资格: a body that may not lead in its own name leads legal powers; and an institution
/// without a supervising organ (主管部门).
pub(super) fn lead_standing(input: &RuleInput<'_>, body: &Body, out: &mut Out) {
    let state = input.state;
    let standing = body.standing();
    let holds_any = state.powers_of_body(&body.id).next().is_some();
    if standing == Standing::Institution && body.supervisor().is_none() && holds_any {
        out.push_at_most(
            Severity::Warning,
            None,
            Some(&body.jurisdiction),
            vec![body.id.clone()],
            (
                format!("事业单位 {} 未明确主管部门，无从委托，也无人对其行为负责", body.name),
                format!(
                    "the public institution {} has no supervising organ: nobody can entrust it or answer for it",
                    body.name
                ),
            ),
        );
    }
    if standing.may_lead() {
        return;
    }
    let mut by_kind: BTreeMap<PowerKind, Vec<&Power>> = BTreeMap::new();
    for holding in state.holdings_of_body(&body.id) {
        if !holding.role.is_lead() {
            continue;
        }
        if let Some(power) = state.power(&holding.power)
            && is_legal_power(power.kind)
        {
            by_kind.entry(power.kind).or_default().push(power);
        }
    }
    if by_kind.is_empty() {
        return;
    }
    let count: usize = by_kind.values().map(Vec::len).sum();
    let mut parts_zh = Vec::new();
    let mut parts_en = Vec::new();
    for (kind, powers) in &by_kind {
        let example = powers.first().map_or("", |p| p.name.as_str());
        let (law_zh, law_en) = own_name_basis(*kind)
            .map_or((String::new(), String::new()), |(zh, en)| {
                (format!("，{zh}"), format!("; {en}"))
            });
        parts_zh.push(format!(
            "{} {} 项（如「{example}」{law_zh}）",
            kind.label_zh(),
            powers.len()
        ));
        parts_en.push(format!(
            "{} {} ({example}{law_en})",
            powers.len(),
            kind.label_en()
        ));
    }
    let fix_zh = match body.supervisor().and_then(|s| state.body(s)) {
        Some(supervisor) => format!(
            "；可改由主管部门 {} 主办、本单位受委托（行政强制措施除外）",
            supervisor.name
        ),
        None => "；可改由其主管部门主办、本单位受委托（行政强制措施除外）".to_owned(),
    };
    let fix_en = match body.supervisor().and_then(|s| state.body(s)) {
        Some(supervisor) => format!(
            "; {} could lead and entrust it (not coercive measures)",
            supervisor.name
        ),
        None => {
            "; its supervising organ could lead and entrust it (not coercive measures)".to_owned()
        }
    };
    // The supervisor is named in the message: it is among the finding's bodies, so that a
    // rename of it re-phrases the finding.
    let mut bodies = vec![body.id.clone()];
    bodies.extend(
        body.supervisor()
            .filter(|s| state.body(s).is_some())
            .cloned(),
    );
    out.push(
        None,
        Some(&body.jurisdiction),
        bodies,
        format!(
            "{}（{}）以自己的名义主办 {count} 项行政权力：{}。只有行政机关或法律、法规授权的组织可以自己的名义实施{fix_zh}",
            body.name,
            standing_zh(standing),
            parts_zh.join("、")
        ),
        format!(
            "{}, {}, leads {count} legal powers in its own name: {}. Only an administrative organ or an organisation authorised by law may{fix_en}",
            body.name,
            standing_en(standing),
            parts_en.join(", ")
        ),
    );
}

/// 委托合法: every entrusted holding of one power.
pub(super) fn entrust_limits(input: &RuleInput<'_>, power: &Power, out: &mut Out) {
    let state = input.state;
    for holding in state.holdings_of_power(&power.code) {
        let Role::Entrusted { by } = &holding.role else {
            continue;
        };
        let Some(body) = state.body(&holding.body) else {
            continue;
        };
        let standing = body.standing();
        let by_name = body_name(state, by);
        let place = Some(&body.jurisdiction);
        let bodies = vec![body.id.clone(), by.clone()];
        if power.kind == PowerKind::Coercion {
            out.push(
                Some(&power.code),
                place,
                bodies.clone(),
                format!(
                    "{by_name} 将行政强制「{}」委托给 {}：行政强制措施权不得委托（《行政强制法》第十七条）",
                    power.name, body.name
                ),
                format!(
                    "{by_name} entrusts the coercive measure “{}” to {}: the power of coercive measures may not be entrusted (Administrative Coercion Law art. 17)",
                    power.name, body.name
                ),
            );
        } else if power.kind == PowerKind::Licence && standing != Standing::Organ {
            out.push(
                Some(&power.code),
                place,
                bodies.clone(),
                format!(
                    "{by_name} 将行政许可「{}」委托给{} {}：行政许可只能委托其他行政机关实施（《行政许可法》第二十四条）",
                    power.name,
                    standing_zh(standing),
                    body.name
                ),
                format!(
                    "{by_name} entrusts the licence “{}” to {}, {}: a licence may be entrusted only to another administrative organ (Administrative Licensing Law art. 24)",
                    power.name,
                    body.name,
                    standing_en(standing)
                ),
            );
        } else if !standing.may_be_entrusted() && is_legal_power(power.kind) {
            out.push(
                Some(&power.code),
                place,
                bodies.clone(),
                format!(
                    "{by_name} 将「{}」委托给企业 {}：受委托的须是依法成立并具有管理公共事务职能的组织，企业只能承接政府购买的服务（《行政处罚法》第二十条、第二十一条）",
                    power.name, body.name
                ),
                format!(
                    "{by_name} entrusts “{}” to the company {}: only an organisation established by law with public-affairs functions may be entrusted; a company may only provide contracted services (Administrative Penalty Law arts. 20, 21)",
                    power.name, body.name
                ),
            );
        }
        match state.holding(&power.code, by).map(|h| &h.role) {
            Some(Role::Lead) => {}
            // The first entrusting body is named in the message, so it is one of the finding's
            // bodies: renaming it re-evaluates the finding.
            Some(Role::Entrusted { by: first }) => out.push(
                Some(&power.code),
                place,
                bodies.iter().chain([first]).cloned().collect(),
                format!(
                    "{by_name} 受 {} 委托行使「{}」，又将其委托给 {}：受委托组织不得再委托（《行政处罚法》第二十条）",
                    body_name(state, first),
                    power.name,
                    body.name
                ),
                format!(
                    "{by_name}, itself entrusted by {}, entrusts “{}” further to {}: an entrusted organisation may not entrust again (Administrative Penalty Law art. 20)",
                    body_name(state, first),
                    power.name,
                    body.name
                ),
            ),
            Some(Role::Assist) | None => out.push(
                Some(&power.code),
                place,
                bodies,
                format!(
                    "{} 受 {by_name} 委托行使「{}」，但 {by_name} 并不主办该事项，无权委托（《行政处罚法》第二十条：在其法定权限内委托）",
                    body.name, power.name
                ),
                format!(
                    "{} is entrusted with “{}” by {by_name}, which does not lead it and so cannot entrust it (Administrative Penalty Law art. 20: within its own competence)",
                    body.name, power.name
                ),
            ),
        }
    }
}

/// 集中主体: the concentrations one body received, as one finding per fault (a bureau receives
/// dozens of items at once, by one decision).
pub(super) fn concentration_receiver(input: &RuleInput<'_>, body: &Body, out: &mut Out) {
    let state = input.state;
    let received: Vec<(&Power, &Receipt)> = state
        .received_by(&body.id)
        .filter_map(|p| Some((state.power(p)?, state.receipt(p, &body.id)?)))
        .collect();
    let Some((first, _)) = received.first() else {
        return;
    };
    let count = received.len();
    let standing = body.standing();
    let place = Some(&body.jurisdiction);
    let example = &first.name;
    if !standing.may_receive_concentration() {
        out.push(
            None,
            place,
            vec![body.id.clone()],
            format!(
                "{} 项行政处罚权（如「{example}」）相对集中至{} {}：相对集中行政处罚权只能由一个行政机关行使（《行政处罚法》第十八条第二款）",
                count,
                standing_zh(standing),
                body.name
            ),
            format!(
                "{count} penalty powers (such as “{example}”) are concentrated into {}, {}: concentrated penalty powers go to one administrative organ (Administrative Penalty Law art. 18(2))",
                body.name,
                standing_en(standing)
            ),
        );
    } else if body.staffing.admin == 0 {
        out.push_at_most(
            Severity::Warning,
            None,
            place,
            vec![body.id.clone()],
            (
                format!(
                    "{count} 项行政处罚权相对集中至 {}，但该机关没有行政编制：集中行使行政处罚权的须是行政机关（《行政处罚法》第十八条第二款）",
                    body.name
                ),
                format!(
                    "{count} penalty powers are concentrated into {}, which has no civil-service slots: concentrated penalties go to an administrative organ (Administrative Penalty Law art. 18(2))",
                    body.name
                ),
            ),
        );
    }
    let unapproved: Vec<&Power> = received
        .iter()
        .filter(|(_, receipt)| receipt.approval.is_none())
        .map(|(p, _)| *p)
        .collect();
    if let Some(first) = unapproved.first() {
        out.push_at_most(
            Severity::Warning,
            None,
            place,
            vec![body.id.clone()],
            (
                format!(
                    "{} 项行政处罚权（如「{}」）相对集中至 {}，未记录批准决定（批准机关、文号）：须经国务院或省、自治区、直辖市人民政府决定（《行政处罚法》第十八条第二款）",
                    unapproved.len(),
                    first.name,
                    body.name
                ),
                format!(
                    "{} penalty powers (such as “{}”) are concentrated into {} with no approving decision recorded (authority, document number): it needs the State Council's or the province's decision (Administrative Penalty Law art. 18(2))",
                    unapproved.len(),
                    first.name,
                    body.name
                ),
            ),
        );
    }
}

/// 集中后回流: in each territory, the lead bodies that a concentration barred from this power
/// there.
pub(super) fn concentration_relapse(input: &RuleInput<'_>, power: &Power, out: &mut Out) {
    let state = input.state;
    // Most powers were never concentrated away from anyone: nothing to look up.
    if !state.has_bars(&power.code) {
        return;
    }
    let Some(coverage) = input.coverage.power(&power.code) else {
        return;
    };
    let territories = input.coverage.territories();
    for (bodies, territory) in coverage.leads.iter().zip(territories) {
        let sources: Vec<BodyId> = bodies
            .iter()
            .filter(|b| state.is_barred_in(&power.code, b, territory))
            .cloned()
            .collect();
        if !sources.is_empty() {
            out.push_reason(
                Some(&power.code),
                Some(territory),
                bodies.to_vec(),
                Reason::ConcentratedSource { sources },
            );
        }
    }
}

/// 人随编走: 超编, or slots and nobody where duties came.
pub(super) fn people_follow_slots(input: &RuleInput<'_>, body: &Body, out: &mut Out) {
    let (state, baseline) = (input.state, input.baseline);
    // A company has no 编制: its staff are its own.
    if body.standing() == Standing::Enterprise {
        return;
    }
    let staffing = body.staffing;
    let slots = staffing.slots();
    let over = staffing.over_slots();
    let (zh, en) = if over > 0 {
        (
            format!(
                "{} 超编 {over} 人：实有 {} 人，编制 {slots} 名",
                body.name, staffing.headcount
            ),
            format!(
                "{} is {over} over its slots: {} people on {slots} slots",
                body.name, staffing.headcount
            ),
        )
    } else if slots > 0 && staffing.headcount == 0 {
        let before = baseline
            .body(&body.id)
            .map_or(0.0, |b| baseline.workload(&b.id));
        let after = state.workload(&body.id);
        if after <= before {
            return;
        }
        (
            format!(
                "{} 有编制 {slots} 名而实有人数为 0，主办事项的工作量却由 {before:.1} 增至 {after:.1}：人员未随编制划转",
                body.name
            ),
            format!(
                "{} has {slots} slots and nobody, while its lead workload grew from {before:.1} to {after:.1}: the people did not follow the slots",
                body.name
            ),
        )
    } else {
        return;
    };
    out.push_body(body, zh, en);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_legal_powers_need_standing() {
        assert!(is_legal_power(PowerKind::Penalty));
        assert!(is_legal_power(PowerKind::Inspection));
        assert!(!is_legal_power(PowerKind::Service));
        assert!(!is_legal_power(PowerKind::Other));
    }

    #[test]
    fn every_standing_has_a_name_in_both_languages() {
        for s in Standing::ALL {
            assert!(!standing_zh(s).is_empty());
            assert!(!standing_en(s).is_empty());
        }
    }

    #[test]
    fn the_three_codes_of_standing_are_cited() {
        assert!(
            own_name_basis(PowerKind::Penalty).is_some_and(|(zh, _)| zh.contains("行政处罚法"))
        );
        assert!(
            own_name_basis(PowerKind::Licence).is_some_and(|(zh, _)| zh.contains("行政许可法"))
        );
        assert!(
            own_name_basis(PowerKind::Coercion).is_some_and(|(zh, _)| zh.contains("行政强制法"))
        );
        assert!(own_name_basis(PowerKind::Inspection).is_none());
    }
}
