//! Fixes of the legal findings (`rules/legal.rs`), offered beside the fixes of overlaps and gaps
//! in the same 修复 menu and applied as one step:
//!
//! - 主体资格 (`lead-standing`): the supervising organ leads what the body led in its own name,
//!   and the body acts for it by entrustment (行政处罚法 第20条) — or assists, for a coercive
//!   measure (行政强制法 第17条: never entrusted) and a licence (行政许可法 第24条: entrusted only
//!   to another organ). Offered when the body has a supervising organ of its own jurisdiction
//!   that may lead. Bodies the body entrusted then act for the organ.
//! - 委托合法 (`entrust-limits`): the entrusted body that may not be entrusted with the power
//!   assists instead (a company provides its contracted service, 政府购买服务).

use super::super::finding::Finding;
use super::Fix;
use crate::model::{Body, BodyId, Holding, PowerKind, Role, State};
use crate::plan::Operation;

/// Whether a finding is a legal one that [`suggest`] may fix.
pub fn may_fix(finding: &Finding) -> bool {
    matches!(
        finding.rule.as_deref(),
        Some("lead-standing" | "entrust-limits")
    )
}

/// The fixes of one legal finding (none where the finding no longer applies).
pub fn suggest(finding: &Finding, state: &State) -> Vec<Fix> {
    match finding.rule.as_deref() {
        Some("lead-standing") => finding
            .bodies
            .iter()
            .filter_map(|b| state.body(b))
            .find(|b| !b.standing().may_lead())
            .and_then(|b| lead_through_supervisor(state, b))
            .into_iter()
            .collect(),
        Some("entrust-limits") => finding
            .power
            .as_ref()
            .and_then(|power| {
                let holding = finding.bodies.iter().find_map(|b| {
                    state
                        .holding(power, b)
                        .filter(|h| matches!(h.role, Role::Entrusted { .. }))
                })?;
                assist_instead(state, holding)
            })
            .into_iter()
            .collect(),
        _ => Vec::new(),
    }
}

/// Whether a kind of power may be entrusted to a body of standing below an organ.
fn entrustable(kind: PowerKind) -> bool {
    !matches!(kind, PowerKind::Coercion | PowerKind::Licence)
}

fn lead_through_supervisor(state: &State, body: &Body) -> Option<Fix> {
    let supervisor = state.body(body.supervisor()?)?;
    if !supervisor.standing().may_lead() || supervisor.jurisdiction != body.jurisdiction {
        return None;
    }
    let mut operations = Vec::new();
    for held in state.holdings_of_body(&body.id) {
        let Some(power) = state.power(&held.power) else {
            continue;
        };
        if !held.role.is_lead() || matches!(power.kind, PowerKind::Service | PowerKind::Other) {
            continue;
        }
        // The organ leads where the body led (and where it led already).
        let lead = match state.holding(&power.code, &supervisor.id) {
            Some(h) if h.role.is_lead() => Holding {
                excludes: h.excludes.intersection(&held.excludes).cloned().collect(),
                ..h.clone()
            },
            _ => Holding {
                excludes: held.excludes.clone(),
                cases: held.cases,
                grant: None,
                ..Holding::lead(power.code.clone(), supervisor.id.clone())
            },
        };
        if state.holding(&power.code, &supervisor.id) != Some(&lead) {
            operations.push(Operation::SetHolding { holding: lead });
        }
        let role = if entrustable(power.kind) {
            Role::Entrusted {
                by: supervisor.id.clone(),
            }
        } else {
            Role::Assist
        };
        operations.push(Operation::SetHolding {
            holding: Holding {
                role,
                ..Holding::lead(power.code.clone(), body.id.clone())
            },
        });
        // Those the body entrusted now act for the organ: the body may not entrust further.
        for other in state.holdings_of_power(&power.code) {
            if matches!(&other.role, Role::Entrusted { by } if by == &body.id)
                && other.body != supervisor.id
            {
                operations.push(Operation::SetHolding {
                    holding: Holding {
                        role: Role::Entrusted {
                            by: supervisor.id.clone(),
                        },
                        ..other.clone()
                    },
                });
            }
        }
    }
    if operations.is_empty() {
        return None;
    }
    Some(Fix {
        zh: format!(
            "由主管部门 {} 以自己的名义主办，{} 受委托执行（行政强制、行政许可改为协办）",
            supervisor.name, body.name
        ),
        en: format!(
            "{} leads in its own name and {} acts for it by entrustment (assists with coercive measures and licences)",
            supervisor.name, body.name
        ),
        operations,
    })
}

fn assist_instead(state: &State, holding: &Holding) -> Option<Fix> {
    let name = |id: &BodyId| {
        state
            .body(id)
            .map_or_else(|| id.to_string(), |b| b.name.clone())
    };
    let power = state.power(&holding.power)?;
    Some(Fix {
        zh: format!(
            "{} 改为协办「{}」，不再受委托",
            name(&holding.body),
            power.name
        ),
        en: format!(
            "{} assists with “{}” instead of acting by entrustment",
            name(&holding.body),
            power.name
        ),
        operations: vec![Operation::SetHolding {
            holding: Holding {
                role: Role::Assist,
                ..Holding::lead(holding.power.clone(), holding.body.clone())
            },
        }],
    })
}
