//! Suggested fixes: for each overlap and gap, concrete operations that remove it, which the user
//! applies with one click.
//!
//! - An overlap keeps one lead and lets the others step back: a city body that overlaps a
//!   district's own body is narrowed by that district (属地管理: the district keeps it); between
//!   bodies of one level, the others become assisting (协办). The body kept is, in order, one not
//!   barred by a concentration, an enforcement bureau, the one that leads most of the field there.
//! - A concentrated source still leading is simply let go.
//! - A gap goes to the body that leads most powers of the same field in that district; a city body
//!   takes it for that district only, so no other district gains an overlap.
//!
//! - An overlap is also offered the concentration of its whole cluster of overlapping bodies into
//!   one new bureau ([`clusters`]); the legal findings have fixes of their own ([`legal`]).
//!
//! No fix makes a new lead where another already covers, so none opens a new overlap.

pub mod clusters;
pub mod legal;

use std::collections::BTreeMap;

use super::coverage::Coverage;
use super::finding::{Finding, FindingKind, Reason};
use crate::model::{
    BodyId, BodyKind, Excludes, Holding, JurisdictionId, Level, PowerId, PowerKind, Role, State,
};
use crate::plan::Operation;

/// One suggested fix: what it does, in both languages, and the operations that do it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// 中文 description.
    pub zh: String,
    /// English description.
    pub en: String,
    /// The operations, applied in order (each one undoable on its own).
    pub operations: Vec<Operation>,
}

/// Whether [`suggest`] looks for fixes of a finding: an overlap or a gap of a power in a
/// district. Answered without looking (which scans the powers of the finding's field), so that
/// a list offers the fixes of many findings and finds them only when asked.
pub fn may_fix(finding: &Finding) -> bool {
    if legal::may_fix(finding) {
        return true;
    }
    finding.power.is_some()
        && finding.jurisdiction.is_some()
        && (matches!(finding.kind, FindingKind::Overlap | FindingKind::Gap)
            || matches!(finding.reason, Reason::ConcentratedSource { .. }))
}

/// The fixes for one finding (empty for rule findings and for findings that no longer apply).
pub fn suggest(finding: &Finding, state: &State, coverage: &Coverage) -> Vec<Fix> {
    if legal::may_fix(finding) {
        return legal::suggest(finding, state);
    }
    let (Some(power), Some(district)) = (&finding.power, &finding.jurisdiction) else {
        return Vec::new();
    };
    match (&finding.kind, &finding.reason) {
        (_, Reason::ConcentratedSource { sources }) => {
            release_sources(state, power, district, sources)
        }
        (FindingKind::Overlap, _) => {
            let mut fixes = resolve_overlap(state, coverage, power, district, &finding.bodies);
            // The reform's own answer: concentrate the whole cluster of overlapping bodies.
            if let Some(fix) = finding
                .bodies
                .first()
                .and_then(|b| clusters::cluster_of(coverage, b))
                .and_then(|c| clusters::concentration_fix(state, &c))
            {
                fixes.push(fix);
            }
            fixes
        }
        (FindingKind::Gap, _) => fill_gap(state, coverage, power, district),
        (FindingKind::Rule, _) => Vec::new(),
    }
}

/// The operation that stops `body` leading `power` in `district`: a city body is narrowed by the
/// district (or, if that leaves it nothing, becomes assisting); any other body becomes assisting.
fn step_back(
    state: &State,
    power: &PowerId,
    body: &BodyId,
    district: &JurisdictionId,
) -> Option<Operation> {
    let holding = state.holding(power, body)?.clone();
    // A district body that leads in one of its streets lets go of that street only.
    let in_own_street = state.jurisdiction(district).map(|j| j.level) == Some(Level::Street)
        && state.body(body).map(|b| &b.jurisdiction) == state.district_of(district);
    if in_own_street {
        let mut narrowed = holding;
        narrowed.excludes.insert(district.clone());
        return Some(Operation::SetHolding { holding: narrowed });
    }
    if state.level_of_body(body) == Some(Level::City) {
        let mut narrowed = holding.clone();
        narrowed.excludes.insert(district.clone());
        if state
            .districts()
            .any(|d| !narrowed.excludes.contains(&d.id))
        {
            return Some(Operation::SetHolding { holding: narrowed });
        }
    }
    Some(Operation::SetHolding {
        holding: Holding {
            role: Role::Assist,
            excludes: Excludes::default(),
            ..holding
        },
    })
}

fn release_sources(
    state: &State,
    power: &PowerId,
    district: &JurisdictionId,
    sources: &[BodyId],
) -> Vec<Fix> {
    let operations: Vec<Operation> = sources
        .iter()
        .filter_map(|b| step_back(state, power, b, district))
        .collect();
    if operations.is_empty() {
        return Vec::new();
    }
    let names: Vec<String> = sources.iter().map(|b| state.body_name(b)).collect();
    vec![Fix {
        zh: format!("{} 不再主办（已相对集中）", names.join("、")),
        en: format!("{} stop leading it (it was concentrated)", names.join(", ")),
        operations,
    }]
}

/// How many powers of `field` each body leads in the district at `index`.
fn field_leaders(
    state: &State,
    coverage: &Coverage,
    field: &str,
    index: usize,
) -> BTreeMap<BodyId, usize> {
    let mut counts = BTreeMap::new();
    for (code, power_coverage) in coverage.powers() {
        if state.power(code).is_none_or(|p| p.field != field) {
            continue;
        }
        if let Some(bodies) = power_coverage.leads.get(index) {
            for b in bodies {
                *counts.entry(b.clone()).or_default() += 1;
            }
        }
    }
    counts
}

/// How many powers of `power`'s field each body leads in `district`; `None` if it is no district.
fn leaders_of_field_of(
    state: &State,
    coverage: &Coverage,
    power: &PowerId,
    district: &JurisdictionId,
) -> Option<BTreeMap<BodyId, usize>> {
    let index = coverage.territories().iter().position(|d| d == district)?;
    let field = state
        .power(power)
        .map(|p| p.field.as_str())
        .unwrap_or_default();
    Some(field_leaders(state, coverage, field, index))
}

fn resolve_overlap(
    state: &State,
    coverage: &Coverage,
    power: &PowerId,
    district: &JurisdictionId,
    bodies: &[BodyId],
) -> Vec<Fix> {
    let Some(leaders) = leaders_of_field_of(state, coverage, power, district) else {
        return Vec::new();
    };
    let local: Vec<&BodyId> = bodies
        .iter()
        .filter(|b| state.level_of_body(b) != Some(Level::City))
        .collect();
    let mut ranked: Vec<&BodyId> = bodies.iter().collect();
    ranked.sort_by_key(|b| {
        (
            state.is_barred_in(power, b, district),
            // A body that may not lead in its own name is never the one kept (主体资格).
            !state.body(b).is_some_and(|b| b.standing().may_lead()),
            state.body(b).map(|b| b.kind) != Some(BodyKind::Enforcement),
            std::cmp::Reverse(leaders.get(*b).copied().unwrap_or(0)),
            (*b).clone(),
        )
    });
    // 属地管理 first: where a district's own body leads, it keeps the power.
    let mut keepers: Vec<&BodyId> = local.iter().copied().take(1).collect();
    for b in ranked {
        if keepers.len() >= 3 {
            break;
        }
        if !keepers.contains(&b) {
            keepers.push(b);
        }
    }
    keepers
        .into_iter()
        .filter_map(|keep| {
            let operations: Vec<Operation> = bodies
                .iter()
                .filter(|b| *b != keep)
                .filter_map(|b| step_back(state, power, b, district))
                .collect();
            if operations.is_empty() {
                return None;
            }
            Some(Fix {
                zh: format!(
                    "保留 {} 在{}主办，其余单位改为协办或退出",
                    state.body_name(keep),
                    state.jurisdiction_name(district)
                ),
                en: format!(
                    "keep {} as the lead in {}; the others assist or step back",
                    state.body_name(keep),
                    state.jurisdiction_name(district)
                ),
                operations,
            })
        })
        .collect()
}

fn fill_gap(
    state: &State,
    coverage: &Coverage,
    power: &PowerId,
    district: &JurisdictionId,
) -> Vec<Fix> {
    let Some(leaders) = leaders_of_field_of(state, coverage, power, district) else {
        return Vec::new();
    };
    let mut candidates: Vec<(BodyId, usize)> = leaders.into_iter().collect();
    candidates.sort_by_key(|(b, n)| (std::cmp::Reverse(*n), b.clone()));
    // Bodies that already hold the power in some role come next, then any body of the district.
    for h in state.holdings_of_power(power) {
        if !candidates.iter().any(|(b, _)| b == &h.body) {
            candidates.push((h.body.clone(), 0));
        }
    }
    let mut fixes = Vec::new();
    let legal = state
        .power(power)
        .is_some_and(|p| !matches!(p.kind, PowerKind::Service | PowerKind::Other));
    for (body, _) in candidates {
        if fixes.len() >= 3 {
            break;
        }
        // A legal power goes only to a body that may lead it in its own name (主体资格).
        if legal && !state.body(&body).is_some_and(|b| b.standing().may_lead()) {
            continue;
        }
        if let Some(op) = take_for_district(state, power, &body, district) {
            fixes.push(Fix {
                zh: format!(
                    "由 {} 在{}主办",
                    state.body_name(&body),
                    state.jurisdiction_name(district)
                ),
                en: format!(
                    "{} leads it in {}",
                    state.body_name(&body),
                    state.jurisdiction_name(district)
                ),
                operations: vec![op],
            });
        }
    }
    fixes
}

/// The holding that makes `body` lead `power` in `district` (a territory: a district without
/// streets, or a street) and nowhere it did not before.
fn take_for_district(
    state: &State,
    power: &PowerId,
    body: &BodyId,
    district: &JurisdictionId,
) -> Option<Operation> {
    let level = state.level_of_body(body)?;
    let existing = state.holding(power, body);
    let holding = match level {
        Level::City => {
            let mut excludes: Excludes = match existing {
                Some(h) if h.role.is_lead() => h.excludes.clone(),
                _ => state.districts().map(|d| d.id.clone()).collect(),
            };
            // In a street: the street's district opens, but for its other streets.
            if let Some(home) = state.district_of(district).filter(|d| *d != district)
                && excludes.remove(home)
            {
                excludes.extend(state.streets_of(home).cloned());
            }
            excludes.remove(district);
            Holding {
                listing: None,
                power: power.clone(),
                body: body.clone(),
                role: Role::Lead,
                excludes,
                cases: None,
                grant: None,
            }
        }
        Level::District if state.body(body).map(|b| &b.jurisdiction) == Some(district) => {
            Holding::lead(power.clone(), body.clone())
        }
        // A district body in one of its streets: it leads there again, and nowhere else new.
        Level::District
            if state.body(body).map(|b| &b.jurisdiction) == state.district_of(district) =>
        {
            let mut holding = match existing {
                Some(h) if h.role.is_lead() => h.clone(),
                _ => Holding {
                    excludes: state
                        .streets_of(state.district_of(district)?)
                        .cloned()
                        .collect(),
                    ..Holding::lead(power.clone(), body.clone())
                },
            };
            holding.excludes.remove(district);
            holding
        }
        Level::Street if state.body(body).map(|b| &b.jurisdiction) == Some(district) => {
            Holding::lead(power.clone(), body.clone())
        }
        _ => return None,
    };
    (existing != Some(&holding)).then_some(Operation::SetHolding { holding })
}
