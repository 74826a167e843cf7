//! The reform's own principles as rules (the study-tour report's, not articles of law): planning
//! stays central, enforcement concentrated, staffing follows duties, duties, powers, people and
//! money together, approval and enforcement apart, seen but not handled, no body without duties.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap;

#[allow(clippy::wildcard_imports)]
use super::*;
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
            format!(
                "{}（{}）应由市级主办，现由 {} 主办",
                power.name, power.code, body.name
            ),
            format!(
                "{} ({}) should be led by the city; {} leads it",
                power.name, power.code, body.name
            ),
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
    let names: Vec<String> = leads.keys().map(|b| body_name(state, b)).collect();
    out.push(
        None,
        Some(district),
        leads.keys().cloned().collect(),
        format!(
            "{}：{} 领域的行政处罚由 {} 个机构分别行使（{}）",
            place_name(state, district),
            fields.iter().copied().collect::<Vec<_>>().join("、"),
            names.len(),
            names.join("、")
        ),
        format!(
            "{}: the penalties of {} are exercised by {} bodies ({})",
            place_name(state, district),
            fields.iter().copied().collect::<Vec<_>>().join(", "),
            names.len(),
            names.join(", ")
        ),
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
    let (zh, en) = if after > before + SAME && slots_after <= slots_before {
        (
            format!(
                "{} 主办事项的工作量由 {before:.1} 增至 {after:.1}（按覆盖辖区折算），编制未随之增加（{slots_after} 名）",
                body.name
            ),
            format!(
                "{}'s lead workload grew from {before:.1} to {after:.1} (weighed by territory covered), with no more slots ({slots_after})",
                body.name
            ),
        )
    } else if slots_after > slots_before && after <= before + SAME {
        (
            format!(
                "{} 编制由 {slots_before} 名增至 {slots_after} 名，主办事项的工作量未随之增加（{after:.1}）",
                body.name
            ),
            format!(
                "{} has {slots_after} slots instead of {slots_before}, with no more duties (workload {after:.1})",
                body.name
            ),
        )
    } else if slots_after > 0
        && slots_after >= slots_before
        && after < before * (1.0 - drop_share) - SAME
    {
        (
            format!(
                "{} 主办事项的工作量由 {before:.1} 降至 {after:.1}（按覆盖辖区折算），编制仍为 {slots_after} 名，未随事划转",
                body.name
            ),
            format!(
                "{}'s lead workload fell from {before:.1} to {after:.1} (weighed by territory covered), yet it keeps {slots_after} slots",
                body.name
            ),
        )
    } else {
        return;
    };
    out.push_body(body, zh, en);
}

pub(super) fn duties_powers_people_money(input: &RuleInput<'_>, body: &Body, out: &mut Out) {
    let (state, baseline) = (input.state, input.baseline);
    let Some(old) = baseline.body(&body.id) else {
        return;
    };
    if old.jurisdiction == body.jurisdiction {
        return;
    }
    let to = place_name(state, &body.jurisdiction);
    let mut faults_zh = Vec::new();
    let mut faults_en = Vec::new();
    if body.staffing.slots() < old.staffing.slots() {
        faults_zh.push(format!(
            "编制由 {} 名减至 {} 名",
            old.staffing.slots(),
            body.staffing.slots()
        ));
        faults_en.push(format!(
            "its slots fell from {} to {}",
            old.staffing.slots(),
            body.staffing.slots()
        ));
    }
    if body.budget_wan < old.budget_wan {
        faults_zh.push(format!(
            "经费由 {} 万元减至 {} 万元",
            old.budget_wan, body.budget_wan
        ));
        faults_en.push(format!(
            "its budget fell from {} to {} (10k yuan)",
            old.budget_wan, body.budget_wan
        ));
    }
    let duties_before = baseline.lead_count(&body.id);
    if duties_before > 0 && state.lead_count(&body.id) == 0 {
        faults_zh.push(format!("原主办的 {duties_before} 项事项未随之划转"));
        faults_en.push(format!("its {duties_before} lead duties stayed behind"));
    }
    if faults_zh.is_empty() {
        return;
    }
    out.push(
        None,
        Some(&body.jurisdiction),
        vec![body.id.clone()],
        format!("{} 划至 {to}，但{}", body.name, faults_zh.join("，")),
        format!("{} moved to {to}, but {}", body.name, faults_en.join(", ")),
    );
}

pub(super) fn approval_enforcement_apart(input: &RuleInput<'_>, powers: &[&Power], out: &mut Out) {
    let state = input.state;
    let leaders = |kind: PowerKind| -> BTreeMap<&BodyId, &PowerId> {
        let mut map = BTreeMap::new();
        for p in powers.iter().filter(|p| p.kind == kind) {
            for h in state.holdings_of_power(&p.code) {
                if h.role.is_lead() {
                    map.entry(&h.body).or_insert(&p.code);
                }
            }
        }
        map
    };
    let licences = leaders(PowerKind::Licence);
    if licences.is_empty() {
        return;
    }
    let penalties = leaders(PowerKind::Penalty);
    for (body, licence) in &licences {
        let Some(penalty) = penalties.get(body) else {
            continue;
        };
        let name = body_name(state, body);
        let power_name = |p: &PowerId| {
            state
                .power(p)
                .map_or_else(|| p.to_string(), |p| p.name.clone())
        };
        out.push(
            Some(licence),
            state.body(body).map(|b| &b.jurisdiction),
            vec![(*body).clone()],
            format!(
                "{name} 既主办许可「{}」又主办处罚「{}」",
                power_name(licence),
                power_name(penalty)
            ),
            format!(
                "{name} leads both the licence “{}” and the penalty “{}”",
                power_name(licence),
                power_name(penalty)
            ),
        );
    }
}

pub(super) fn seen_not_handled(
    input: &RuleInput<'_>,
    matter: &str,
    powers: &[&Power],
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
    let inspected = powers.iter().find(|p| p.kind == PowerKind::Inspection);
    let inspection = inspected.map(|p| &p.code);
    // The matter by its inspection's name: its key (`street-vending`) is the plan's, not the
    // reader's.
    let what = inspected.map_or(matter, |p| p.name.as_str());
    for (n, &first) in starts.iter().enumerate() {
        let past = starts.get(n + 1).copied().unwrap_or(territories.len());
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
        for (level, inspectors) in inspectors.iter().filter(|(l, _)| !penalised.contains(l)) {
            let names: Vec<String> = inspectors.iter().map(|b| body_name(state, b)).collect();
            for territory in &territories[first..past] {
                let place = place_name(state, territory);
                out.push(
                    inspection,
                    Some(territory),
                    inspectors.clone(),
                    format!(
                        "{place}：{} 能检查「{what}」，但{}无机构能处罚该事项",
                        names.join("、"),
                        level.label_zh()
                    ),
                    format!(
                        "{place}: {} inspect “{what}” but no {} body can penalise the matter",
                        names.join(", "),
                        level.label_en()
                    ),
                );
            }
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
        format!("{} 不主办任何事项", body.name),
        format!("{} leads no power", body.name),
    );
}
