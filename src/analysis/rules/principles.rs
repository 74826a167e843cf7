//! The reform's own principles as rules (the study-tour report's, not articles of law): planning
//! stays central, enforcement concentrated, staffing follows duties, duties, powers, people and
//! money together, approval and enforcement apart, seen but not handled, no body without duties.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap;

#[allow(clippy::wildcard_imports)]
use super::*;
use crate::analysis::finding::message::{Figure, RuleMessage};
use crate::model::{Body, BodyId, Level, Power, PowerKind, State};

pub(super) fn planning_central(
    input: &RuleInput<'_>,
    setting: &RuleSetting,
    power: &Power,
    out: &mut Out,
) {
    let fields = param(setting, "fields");
    let kinds = param(setting, "kinds");
    let state = input.state;
    if !fields.contains(power.field.as_str()) || !kinds.contains(power.kind.id()) {
        return;
    }
    for holding in state.holdings_of_power(&power.code) {
        if !holding.role.is_lead() {
            continue;
        }
        let Some(body) = state.body(&holding.body) else {
            continue;
        };
        if state.level_of_body(&body.id) == Some(Level::City) {
            continue;
        }
        out.push(
            Some(&power.code),
            Some(&body.jurisdiction),
            vec![body.id.clone()],
            RuleMessage::PlanningCentral {
                power: power.code.clone(),
                body: body.id.clone(),
            },
        );
    }
}

/// 执法集中 in one district, from the lead bodies of the chosen penalties there.
pub(super) fn enforcement_concentrated(
    input: &RuleInput<'_>,
    setting: &RuleSetting,
    district: &JurisdictionId,
    leads: &BTreeMap<BodyId, usize>,
    enforced: &FxHashSet<PowerId>,
    out: &mut Out,
) {
    if leads.len() < 2 {
        return;
    }
    let state = input.state;
    let fields = param(setting, "fields");
    // A street's team that holds these penalties by a grant (赋权) from one of these bodies
    // carries on that body's enforcement in its street (街道综合行政执法): one line, not two.
    // Only the penalties counted here are looked at (a street's team holds hundreds of items).
    let granted_by_another = |body: &BodyId| {
        state.level_of_body(body) == Some(Level::Street)
            && state
                .powers_of_body(body)
                .filter(|p| enforced.contains(*p))
                .filter_map(|p| state.holding(p, body))
                .any(|h| {
                    h.grant
                        .as_ref()
                        .is_some_and(|g| &g.from != body && leads.contains_key(&g.from))
                })
    };
    if leads.len() - leads.keys().filter(|b| granted_by_another(b)).count() < 2 {
        return;
    }
    out.push(
        None,
        Some(district),
        leads.keys().cloned().collect(),
        RuleMessage::EnforcementSplit {
            district: district.clone(),
            fields: fields.iter().map(|f| (*f).to_owned()).collect(),
            bodies: leads.keys().cloned().collect(),
        },
    );
}

/// 编随事走, with duties measured by workload ([`State::workload`]): duties grew without slots,
/// slots grew without duties, or the workload fell by more than the `workload-drop` share while
/// the slots stayed.
pub(super) fn staffing_follows_duties(
    input: &RuleInput<'_>,
    setting: &RuleSetting,
    body: &Body,
    out: &mut Out,
) {
    const SAME: f64 = 1e-9;
    let (state, baseline) = (input.state, input.baseline);
    let drop_share = param(setting, "workload-drop")
        .into_iter()
        .find_map(|v| v.parse::<f64>().ok())
        .unwrap_or(0.25);
    let after = state.workload(&body.id);
    let slots_after = body.staffing.slots();
    let (before, slots_before) = match baseline.body(&body.id) {
        Some(b) => (baseline.workload(&b.id), b.staffing.slots()),
        None => (0.0, 0),
    };
    let id = body.id.clone();
    let message = if after > before + SAME && slots_after <= slots_before {
        RuleMessage::DutiesGrew {
            body: id,
            before: Figure::new(before),
            after: Figure::new(after),
            slots: slots_after,
        }
    } else if slots_after > slots_before && after <= before + SAME {
        RuleMessage::SlotsGrew {
            body: id,
            before: slots_before,
            after: slots_after,
            workload: Figure::new(after),
        }
    } else if slots_after > 0
        && slots_after >= slots_before
        && after < before * (1.0 - drop_share) - SAME
    {
        RuleMessage::DutiesFell {
            body: id,
            before: Figure::new(before),
            after: Figure::new(after),
            slots: slots_after,
        }
    } else {
        return;
    };
    out.push_body(body, message);
}

pub(super) fn duties_powers_people_money(input: &RuleInput<'_>, body: &Body, out: &mut Out) {
    let (state, baseline) = (input.state, input.baseline);
    let Some(old) = baseline.body(&body.id) else {
        return;
    };
    if old.jurisdiction == body.jurisdiction {
        return;
    }
    let (slots_before, slots_after) = (old.staffing.slots(), body.staffing.slots());
    let duties_before = baseline.lead_count(&body.id);
    let message = RuleMessage::MovedWithout {
        body: body.id.clone(),
        to: body.jurisdiction.clone(),
        slots: (slots_after < slots_before).then_some((slots_before, slots_after)),
        budget: (body.budget_wan < old.budget_wan).then_some((old.budget_wan, body.budget_wan)),
        duties_left: (duties_before > 0 && state.lead_count(&body.id) == 0)
            .then_some(duties_before),
    };
    if let RuleMessage::MovedWithout {
        slots: None,
        budget: None,
        duties_left: None,
        ..
    } = message
    {
        return;
    }
    out.push(
        None,
        Some(&body.jurisdiction),
        vec![body.id.clone()],
        message,
    );
}

pub(super) fn approval_enforcement_apart(input: &RuleInput<'_>, powers: &[&Power], out: &mut Out) {
    let state = input.state;
    // The licences' lead bodies, each with the first licence it leads: a licence has a lead
    // body per district at most, where a penalty granted to streets has one per street (a
    // thousand in a province), so the penalty of each licensing body is looked up rather than
    // every penalty holder gathered.
    let mut licences: BTreeMap<&BodyId, &PowerId> = BTreeMap::new();
    for p in powers.iter().filter(|p| p.kind == PowerKind::Licence) {
        for h in state.holdings_of_power(&p.code) {
            if h.role.is_lead() {
                licences.entry(&h.body).or_insert(&p.code);
            }
        }
    }
    if licences.is_empty() {
        return;
    }
    let penalties: Vec<&PowerId> = powers
        .iter()
        .filter(|p| p.kind == PowerKind::Penalty)
        .map(|p| &p.code)
        .collect();
    for (body, licence) in &licences {
        let Some(penalty) = penalties
            .iter()
            .copied()
            .find(|p| state.holding(p, body).is_some_and(|h| h.role.is_lead()))
        else {
            continue;
        };
        out.push(
            Some(licence),
            state.body(body).map(|b| &b.jurisdiction),
            vec![(*body).clone()],
            RuleMessage::LicenceAndPenalty {
                body: (*body).clone(),
                licence: (*licence).clone(),
                penalty: penalty.clone(),
            },
        );
    }
}

pub(super) fn seen_not_handled(
    input: &RuleInput<'_>,
    powers: &[&Power],
    area: &Area,
    out: &mut Out,
) {
    let state = input.state;
    if !powers.iter().any(|p| p.kind == PowerKind::Inspection) {
        return;
    }
    let territories = input.coverage.territories();
    let leads_of = |kind: PowerKind| -> Vec<&Leads> {
        powers
            .iter()
            .filter(|p| p.kind == kind)
            .filter_map(|p| input.coverage.power(&p.code))
            .map(|c| &c.leads)
            .collect()
    };
    let inspections = leads_of(PowerKind::Inspection);
    if inspections.iter().all(|l| l.none_led()) {
        return;
    }
    let penalties = leads_of(PowerKind::Penalty);
    if penalties.iter().all(|l| l.none_led())
        && !powers.iter().any(|p| p.kind == PowerKind::Penalty)
    {
        return;
    }
    // Territories where every power of the matter has the same leads as the territory before
    // share their verdict: a province's 1,350 streets fall into about one stretch per district,
    // so the levels are worked out per stretch, not per street.
    let mut starts: Vec<usize> = inspections
        .iter()
        .chain(&penalties)
        .flat_map(|l| l.stretches().map(|(range, _)| range.start))
        .collect();
    starts.sort_unstable();
    starts.dedup();
    let mut levels: FxHashMap<&BodyId, Option<Level>> = FxHashMap::default();
    // The matter is named by its inspection: its key (`street-vending`) is the plan's, not the
    // reader's.
    let Some(inspection) = powers
        .iter()
        .find(|p| p.kind == PowerKind::Inspection)
        .map(|p| &p.code)
    else {
        return;
    };
    for (n, &first) in starts.iter().enumerate() {
        let past = starts.get(n + 1).copied().unwrap_or(territories.len());
        // Only the stretch's territories in the area (an edit's districts), or all of them.
        let in_area = area.territories_in(first, past);
        if in_area.is_some_and(<[u32]>::is_empty) {
            continue;
        }
        let mut inspectors = BTreeMap::<Level, Vec<BodyId>>::new();
        for leads in &inspections {
            for b in leads.get(first).unwrap_or_default() {
                if let Some(level) = level_cached(&mut levels, state, b) {
                    inspectors.entry(level).or_default().push(b.clone());
                }
            }
        }
        let mut penalised = BTreeSet::<Level>::new();
        for leads in &penalties {
            penalised.extend(
                leads
                    .get(first)
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|b| level_cached(&mut levels, state, b)),
            );
        }
        let flagged = || inspectors.iter().filter(|(l, _)| !penalised.contains(l));
        if flagged().next().is_none() {
            continue;
        }
        // Territory by territory, each one's levels in order: the order an edit's area is
        // put back in.
        let mut emit = |t: usize| {
            let territory = &territories[t];
            for (level, inspectors) in flagged() {
                out.push_in(
                    t,
                    Some(inspection),
                    Some(territory),
                    inspectors.clone(),
                    RuleMessage::SeenNotHandled {
                        territory: territory.clone(),
                        inspection: inspection.clone(),
                        inspectors: inspectors.clone(),
                        level: *level,
                    },
                );
            }
        };
        match in_area {
            None => (first..past).for_each(&mut emit),
            Some(some) => some.iter().for_each(|&t| emit(t as usize)),
        }
    }
}

/// A body's level, looked up once per body of a rule's pass.
pub(super) fn level_cached<'a>(
    levels: &mut FxHashMap<&'a BodyId, Option<Level>>,
    state: &State,
    body: &'a BodyId,
) -> Option<Level> {
    *levels
        .entry(body)
        .or_insert_with(|| state.level_of_body(body))
}

/// Whether a body or any body under it leads a power.
pub(super) fn busy(state: &State, body: &BodyId) -> bool {
    let mut stack = vec![body];
    let mut seen = BTreeSet::new();
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        if state.lead_count(id) > 0 {
            return true;
        }
        stack.extend(state.children_of(id));
    }
    false
}

pub(super) fn no_idle_body(input: &RuleInput<'_>, body: &Body, out: &mut Out) {
    if busy(input.state, &body.id) {
        return;
    }
    out.push(
        None,
        Some(&body.jurisdiction),
        vec![body.id.clone()],
        RuleMessage::Idle {
            body: body.id.clone(),
        },
    );
}
