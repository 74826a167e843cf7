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

use super::{Out, RuleInput};
use crate::analysis::finding::message::{Entrustment, Figure, RuleMessage};
use crate::analysis::finding::{Reason, Severity};
use crate::model::{Body, BodyId, Power, PowerKind, Receipt, Role, Standing};

/// Whether a kind of power is a legal power (not a public service and not 其他).
fn is_legal_power(kind: PowerKind) -> bool {
    !matches!(kind, PowerKind::Service | PowerKind::Other)
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
            RuleMessage::NoSupervisor {
                body: body.id.clone(),
            },
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
    let kinds = by_kind
        .iter()
        .filter_map(|(kind, powers)| Some((*kind, powers.len(), powers.first()?.code.clone())))
        .collect();
    // The supervisor is named in the message: it is among the finding's bodies, so that a
    // rename of it re-phrases the finding.
    let supervisor = body
        .supervisor()
        .filter(|s| state.body(s).is_some())
        .cloned();
    let mut bodies = vec![body.id.clone()];
    bodies.extend(supervisor.clone());
    out.push(
        None,
        Some(&body.jurisdiction),
        bodies,
        RuleMessage::OwnName {
            body: body.id.clone(),
            standing,
            count,
            kinds,
            supervisor,
        },
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
        let place = Some(&body.jurisdiction);
        let bodies = vec![body.id.clone(), by.clone()];
        let what = Entrustment {
            by: by.clone(),
            body: body.id.clone(),
            power: power.code.clone(),
        };
        let wrong_holder = if power.kind == PowerKind::Coercion {
            Some(RuleMessage::CoercionEntrusted(what.clone()))
        } else if power.kind == PowerKind::Licence && standing != Standing::Organ {
            Some(RuleMessage::LicenceEntrusted(what.clone(), standing))
        } else if !standing.may_be_entrusted() && is_legal_power(power.kind) {
            Some(RuleMessage::CompanyEntrusted(what.clone()))
        } else {
            None
        };
        if let Some(message) = wrong_holder {
            out.push(Some(&power.code), place, bodies.clone(), message);
        }
        match state.holding(&power.code, by).map(|h| &h.role) {
            Some(Role::Lead) => {}
            // The first entrusting body is named in the message, so it is one of the finding's
            // bodies: renaming it re-evaluates the finding.
            Some(Role::Entrusted { by: first }) => out.push(
                Some(&power.code),
                place,
                bodies.iter().chain([first]).cloned().collect(),
                RuleMessage::EntrustedFurther(what, first.clone()),
            ),
            Some(Role::Assist) | None => out.push(
                Some(&power.code),
                place,
                bodies,
                RuleMessage::EntrustedByNonLead(what),
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
    if !standing.may_receive_concentration() {
        out.push(
            None,
            place,
            vec![body.id.clone()],
            RuleMessage::ConcentratedIntoNonOrgan {
                body: body.id.clone(),
                standing,
                count,
                example: first.code.clone(),
            },
        );
    } else if body.staffing.admin == 0 {
        out.push_at_most(
            Severity::Warning,
            None,
            place,
            vec![body.id.clone()],
            RuleMessage::ConcentratedNoAdminSlots {
                body: body.id.clone(),
                count,
            },
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
            RuleMessage::ConcentrationUnapproved {
                body: body.id.clone(),
                count: unapproved.len(),
                example: first.code.clone(),
            },
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
    let message = if over > 0 {
        RuleMessage::OverSlots {
            body: body.id.clone(),
            over,
            headcount: staffing.headcount,
            slots,
        }
    } else if slots > 0 && staffing.headcount == 0 {
        let before = baseline
            .body(&body.id)
            .map_or(0.0, |b| baseline.workload(&b.id));
        let after = state.workload(&body.id);
        if after <= before {
            return;
        }
        RuleMessage::SlotsWithNobody {
            body: body.id.clone(),
            slots,
            before: Figure::new(before),
            after: Figure::new(after),
        }
    } else {
        return;
    };
    out.push_body(body, message);
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
}
