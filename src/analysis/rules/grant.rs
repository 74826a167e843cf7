//! The rules of 赋权 (行政处罚法 第24条): a province may decide that penalty powers of district
//! (县级) departments, with the inspections and coercive measures that go with them, be exercised
//! by the bodies of the district's streets and townships that can take them on (能够有效承接),
//! the decision published and the grant evaluated periodically. Every message cites the article:
//!
//! - 赋权合法 (`grant-limits`), per power: each holding that carries a grant, when its receiver is
//!   not a street body, the granting body is not a district-level body of the street's district
//!   (the power granted is no district-level power), or the power is neither a 行政处罚 nor a
//!   行政检查 or 行政强制 (errors); and when no decision is recorded (a warning at most, as for a
//!   concentration with no decision: the grant may be lawful, the record is missing);
//! - 赋权承接能力 (`grant-capacity`), per body: a street body holding granted powers with no
//!   行政编制, nobody on its staff, or more granted items per person than the rule's
//!   `items-per-person`;
//! - 赋权配套 (`grant-bundle`), per matter: a street body granted the penalty of a matter while
//!   its district keeps the matter's inspection or coercive measure, or the reverse (看得见管不着
//!   at street level); one finding per (body, matter), naming what stayed behind.
//!
//! A province has hundreds of thousands of grants, so the rules read them through a
//! [`GrantIndex`] (`grant/index.rs`) that follows the touched records: the bodies that hold each
//! power by a grant (to count a body's grants in constant time), the grants `grant-limits`
//! names (a few), each body's place (level and district; a hash look-up instead of two tree
//! look-ups per grant), and the granting bodies that hold no holding of the power they granted.

use std::collections::{BTreeMap, BTreeSet};

use super::{Area, Out, RuleInput, param};
use crate::analysis::finding::Severity;
use crate::analysis::finding::message::{
    BundleGap, CapacityFault, Figure, Grant, GrantFault, RuleMessage,
};
use crate::model::{Body, BodyId, JurisdictionId, Level, Power, PowerId, PowerKind};
use crate::plan::rules::{DEFAULT_ITEMS_PER_PERSON, RuleSetting};

mod index;

pub(super) use index::GrantIndex;
use index::Place;

/// The kinds 第24条 lets a district grant: penalties, with their inspections and coercive
/// measures.
fn grantable(kind: PowerKind) -> bool {
    matches!(
        kind,
        PowerKind::Penalty | PowerKind::Inspection | PowerKind::Coercion
    )
}

/// 赋权合法: every grant of one power.
pub(super) fn grant_limits(
    input: &RuleInput<'_>,
    index: &GrantIndex,
    power: &Power,
    out: &mut Out,
) {
    let Some(faulty) = index.faulty.get(&power.code) else {
        return;
    };
    let state = input.state;
    for body in faulty {
        let Some(holding) = state.holding(&power.code, body) else {
            continue;
        };
        let Some(grant) = holding.grant.as_deref() else {
            continue;
        };
        let receiver = index.places.get(&holding.body);
        let from = index.places.get(&grant.from);
        let jurisdiction = receiver.map(|p| &p.jurisdiction);
        let mut faults = Vec::new();
        match receiver {
            Some(p) if p.level == Level::Street => {}
            Some(p) => faults.push(GrantFault::ReceiverLevel(p.level)),
            None => faults.push(GrantFault::ReceiverNowhere),
        }
        let district = receiver.and_then(|p| p.district.as_ref());
        match from {
            Some(f)
                if f.level == Level::District && district.is_none_or(|d| *d == f.jurisdiction) => {}
            Some(f) if f.level == Level::District => {
                faults.push(GrantFault::FromOtherDistrict(f.jurisdiction.clone()));
            }
            Some(f) => faults.push(GrantFault::FromLevel(f.level)),
            None => faults.push(GrantFault::FromMissing),
        }
        if !grantable(power.kind) {
            faults.push(GrantFault::NotGrantable(power.kind));
        }
        let bodies = vec![holding.body.clone(), grant.from.clone()];
        let what = Grant {
            place: jurisdiction.cloned(),
            from: grant.from.clone(),
            receiver: holding.body.clone(),
            power: power.code.clone(),
        };
        if !faults.is_empty() {
            out.push(
                Some(&power.code),
                jurisdiction,
                bodies.clone(),
                RuleMessage::GrantFaults(what.clone(), faults),
            );
        }
        if grant.decision.is_none() {
            out.push_at_most(
                Severity::Warning,
                Some(&power.code),
                jurisdiction,
                bodies,
                RuleMessage::GrantUndecided(what),
            );
        }
    }
}

/// 赋权承接能力: one street body's staff for the powers granted to it.
pub(super) fn grant_capacity(
    index: &GrantIndex,
    setting: &RuleSetting,
    body: &Body,
    out: &mut Out,
) {
    let Some(&count) = index.granted.get(&body.id) else {
        return;
    };
    let Some(place) = index.places.get(&body.id) else {
        return;
    };
    if place.level != Level::Street {
        // A grant to a body that is not a street's is `grant-limits`'.
        return;
    }
    let per_person = param(setting, "items-per-person")
        .into_iter()
        .find_map(|v| v.parse::<f64>().ok())
        .filter(|v| v.is_finite() && *v > 0.0)
        .or_else(|| DEFAULT_ITEMS_PER_PERSON.parse().ok())
        .unwrap_or(30.0);
    let staffing = body.staffing;
    let mut faults = Vec::new();
    if staffing.admin == 0 {
        faults.push(CapacityFault::NoAdminSlots);
    }
    // Counts of items and people are far below 2^52: the division is exact enough.
    #[allow(clippy::cast_precision_loss)]
    let load = count as f64 / f64::from(staffing.headcount.max(1));
    if staffing.headcount == 0 {
        faults.push(CapacityFault::Nobody);
    } else if load > per_person {
        faults.push(CapacityFault::Overloaded {
            headcount: staffing.headcount,
            load: Figure::new(load),
        });
    }
    if faults.is_empty() {
        return;
    }
    out.push_body(
        body,
        RuleMessage::GrantCapacity {
            place: place.jurisdiction.clone(),
            body: body.id.clone(),
            count,
            per_person: Figure::new(per_person),
            faults,
        },
    );
}

/// What each street body of `area` was granted of a matter's `powers`, from the index (no
/// holding is read twice), by body, with its street's territory, place and district.
type Granted<'i> = BTreeMap<&'i BodyId, (usize, &'i Place, &'i JurisdictionId, Vec<&'i Power>)>;

/// The street bodies of `area` that hold some of `powers` by a grant, with what they were
/// granted ([`Granted`]).
fn granted_in_area<'i>(
    input: &RuleInput<'i>,
    index: &'i GrantIndex,
    powers: &[&'i Power],
    area: &Area,
) -> Granted<'i> {
    let mut granted = Granted::new();
    let mut take = |r: &'i BodyId, p: &'i Power| {
        if let Some((_, _, _, got)) = granted.get_mut(r) {
            got.push(p);
            return;
        }
        let Some(place) = index.places.get(r) else {
            return;
        };
        // A grant to a body that is not a street's is `grant-limits`'.
        let (Level::Street, Some(district)) = (place.level, place.district.as_ref()) else {
            return;
        };
        if !area.has_district(district) {
            return;
        }
        let Some(t) = place.territory else {
            return;
        };
        granted.insert(r, (t, place, district, vec![p]));
    };
    // The bodies of the area's streets, from the coverage's seats (when it keeps them).
    let streets: Option<Vec<&'i [BodyId]>> = match area {
        Area::Everywhere => None,
        Area::Districts { territories, .. } => territories
            .iter()
            .map(|&t| input.coverage.street_bodies(t))
            .collect(),
    };
    match streets {
        // Every receiver of each power (those outside the area are passed over).
        None => {
            for &p in powers {
                for r in index.receivers.get(&p.code).into_iter().flatten() {
                    take(r, p);
                }
            }
        }
        // The bodies of the area's streets, each looked up among each power's receivers.
        Some(streets) => {
            let receivers: Vec<(&Power, &[BodyId])> = powers
                .iter()
                .filter_map(|&p| Some((p, &index.receivers.get(&p.code)?[..])))
                .collect();
            for r in streets.into_iter().flatten() {
                for &(p, of_power) in &receivers {
                    if of_power.binary_search(r).is_ok() {
                        take(r, p);
                    }
                }
            }
        }
    }
    granted
}

/// 赋权配套: for one matter, the street bodies granted its penalty without its inspections and
/// coercive measures, or these without the penalty, where their district holds what is missing.
pub(super) fn grant_bundle<'i>(
    input: &RuleInput<'i>,
    index: &'i GrantIndex,
    powers: &[&'i Power],
    area: &Area,
    out: &mut Out,
) {
    let state = input.state;
    let powers: Vec<&Power> = powers
        .iter()
        .copied()
        .filter(|p| grantable(p.kind))
        .collect();
    // By its street's territory and then by id: one district's findings are then put back in
    // place after an edit there.
    let granted = granted_in_area(input, index, &powers, area);
    let mut receivers: Vec<(usize, &BodyId, &Place, &JurisdictionId, &Vec<&Power>)> = granted
        .iter()
        .map(|(receiver, (t, place, district, got))| (*t, *receiver, *place, *district, got))
        .collect();
    receivers.sort_by_key(|(t, ..)| *t);
    // The districts whose district-level bodies lead each power, computed when first asked.
    let mut held_in: BTreeMap<&PowerId, BTreeSet<&JurisdictionId>> = BTreeMap::new();
    for (t, receiver, place, district, got) in receivers {
        let penalty = got.iter().any(|p| p.kind == PowerKind::Penalty);
        let measure = got.iter().any(|p| p.kind != PowerKind::Penalty);
        let mut missing: Vec<&Power> = Vec::new();
        for &q in &powers {
            let wanted = if q.kind == PowerKind::Penalty {
                measure
            } else {
                penalty
            };
            if !wanted
                || state
                    .holding(&q.code, receiver)
                    .is_some_and(|h| h.role.is_lead())
            {
                continue;
            }
            let districts = held_in.entry(&q.code).or_insert_with(|| {
                state
                    .holdings_of_power(&q.code)
                    .filter(|h| h.role.is_lead())
                    .filter_map(|h| index.places.get(&h.body))
                    .filter(|p| p.level == Level::District)
                    .filter_map(|p| p.district.as_ref())
                    .collect()
            });
            if districts.contains(district) {
                missing.push(q);
            }
        }
        if missing.is_empty() {
            continue;
        }
        let lacks = |kind: PowerKind| missing.iter().any(|p| p.kind == kind);
        let gap = match (
            lacks(PowerKind::Penalty),
            lacks(PowerKind::Inspection),
            lacks(PowerKind::Coercion),
        ) {
            (true, _, _) => BundleGap::Penalty,
            (false, true, true) => BundleGap::InspectionAndCoercion,
            (false, true, false) => BundleGap::Inspection,
            (false, false, _) => BundleGap::Coercion,
        };
        let codes = |powers: &[&Power]| powers.iter().map(|p| p.code.clone()).collect();
        out.push_in(
            t,
            got.first().map(|p| &p.code),
            Some(&place.jurisdiction),
            vec![(*receiver).clone()],
            RuleMessage::GrantBundle {
                place: place.jurisdiction.clone(),
                body: (*receiver).clone(),
                got: codes(got),
                missing: codes(&missing),
                gap,
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_penalties_inspections_and_coercion_are_grantable() {
        let grantable_kinds: Vec<PowerKind> = PowerKind::ALL
            .into_iter()
            .filter(|k| grantable(*k))
            .collect();
        assert_eq!(
            grantable_kinds,
            [
                PowerKind::Penalty,
                PowerKind::Coercion,
                PowerKind::Inspection
            ]
        );
    }

    #[test]
    fn the_default_threshold_parses() {
        assert_eq!(DEFAULT_ITEMS_PER_PERSON.parse::<f64>().ok(), Some(30.0));
    }
}
