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
//! [`GrantIndex`] that follows the touched records: the bodies that hold each power by a grant
//! (to count a body's grants in constant time), each body's place (level and district; a hash
//! look-up instead of two tree look-ups per grant), and the granting bodies that hold no holding
//! of the power they granted. A granting body that still holds the power is re-checked through
//! the power when it moves (its powers are touched then); one that let go of it is found through
//! that last, small index. A full build is one pass over the holdings.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap;

use super::{Area, Coverage, Out, RuleInput, Scope, param};
use crate::analysis::finding::Severity;
use crate::analysis::finding::message::{
    BundleGap, CapacityFault, Figure, Grant, GrantFault, RuleMessage,
};
use crate::model::TouchedRecords;
use crate::model::{Body, BodyId, JurisdictionId, Level, Power, PowerId, PowerKind, State};
use crate::plan::rules::{DEFAULT_ITEMS_PER_PERSON, Rule, RuleSetting};

/// Where a body sits, as the grant rules ask it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Place {
    level: Level,
    jurisdiction: JurisdictionId,
    /// The district: the jurisdiction itself for a district, its parent for a street.
    district: Option<JurisdictionId>,
    /// The jurisdiction's index among the coverage's territories, if it is one (a street, or a
    /// district without streets): 赋权配套 puts its findings in territory order.
    territory: Option<usize>,
}

fn place_of(state: &State, coverage: &Coverage, body: &Body) -> Option<Place> {
    let j = state.jurisdiction(&body.jurisdiction)?;
    Some(Place {
        level: j.level,
        jurisdiction: j.id.clone(),
        district: state.district_of(&j.id).cloned(),
        territory: coverage.territory_index(&j.id),
    })
}

/// What the grant rules keep between refreshes. A full build and any sequence of refreshes give
/// equal values: no entry is ever empty.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct GrantIndex {
    /// Every body's place.
    places: FxHashMap<BodyId, Place>,
    /// The bodies that hold each power by a grant, sorted; powers granted to nobody are absent.
    receivers: FxHashMap<PowerId, Box<[BodyId]>>,
    /// How many powers each body holds by a grant; bodies with none are absent.
    granted: FxHashMap<BodyId, usize>,
    /// For each power, the granting bodies its grants name that hold no holding of it, sorted.
    strays: FxHashMap<PowerId, Box<[BodyId]>>,
    /// The same, by granting body: the powers to re-check when that body changes.
    strays_by_body: FxHashMap<BodyId, BTreeSet<PowerId>>,
}

impl GrantIndex {
    /// Builds the index of a state: one pass over its bodies and holdings.
    pub(super) fn full(state: &State, coverage: &Coverage) -> Self {
        let mut this = Self {
            places: state
                .bodies()
                .values()
                .filter_map(|b| Some((b.id.clone(), place_of(state, coverage, b)?)))
                .collect(),
            ..Self::default()
        };
        for code in state.powers().keys() {
            this.index_power(state, code);
        }
        this
    }

    /// Follows the touched records, and puts in `dirty` the `grant-limits` scopes of the powers
    /// whose granting body changed while it holds no holding of them. (Every other scope a grant
    /// rule reads is dirtied with its power, matter or body.)
    pub(super) fn refresh(
        &mut self,
        state: &State,
        coverage: &Coverage,
        touched: &TouchedRecords,
        dirty: &mut BTreeSet<(Rule, Scope)>,
    ) {
        for body in touched
            .bodies
            .iter()
            .chain(&touched.restanded)
            .chain(&touched.renamed)
        {
            match state.body(body).and_then(|b| place_of(state, coverage, b)) {
                Some(place) => {
                    self.places.insert(body.clone(), place);
                }
                None => {
                    self.places.remove(body);
                }
            }
            if let Some(powers) = self.strays_by_body.get(body) {
                dirty.extend(
                    powers
                        .iter()
                        .map(|p| (Rule::GrantLimits, Scope::Power(p.clone()))),
                );
            }
        }
        for code in &touched.powers {
            self.index_power(state, code);
        }
    }

    /// Whether any body holds this power by a grant.
    fn is_granted(&self, power: &PowerId) -> bool {
        self.receivers.contains_key(power)
    }

    /// Indexes one power's grants again: each body's count of grants moves only where the
    /// power's receivers before and after differ (a take-back from 15 streets of a power granted
    /// to 200 leaves 185 counts as they were, without hashing them twice).
    fn index_power(&mut self, state: &State, code: &PowerId) {
        let old = self.receivers.remove(code).unwrap_or_default();
        self.forget_strays(code);
        let mut receivers = Vec::new();
        let mut froms: Vec<&BodyId> = Vec::new();
        for h in state.holdings_of_power(code) {
            if let Some(grant) = &h.grant {
                receivers.push(h.body.clone());
                froms.push(&grant.from);
            }
        }
        // Both sorted by body: one merge finds the receivers that went and came.
        let (mut went, mut came) = (old.iter().peekable(), receivers.iter().peekable());
        loop {
            match (went.peek(), came.peek()) {
                (Some(a), Some(b)) if a == b => {
                    went.next();
                    came.next();
                }
                (Some(a), Some(b)) if a < b => {
                    self.count(a, false);
                    went.next();
                }
                (_, Some(b)) => {
                    self.count(b, true);
                    came.next();
                }
                (Some(a), None) => {
                    self.count(a, false);
                    went.next();
                }
                (None, None) => break,
            }
        }
        if receivers.is_empty() {
            return;
        }
        froms.sort_unstable();
        froms.dedup();
        // The holders come sorted by body: one merge finds the granting bodies among them.
        let mut holders = state.holdings_of_power(code).map(|h| &h.body).peekable();
        let mut strays = Vec::new();
        for from in froms {
            while holders.next_if(|b| *b < from).is_some() {}
            if holders.peek() != Some(&from) {
                strays.push(from.clone());
            }
        }
        for from in &strays {
            self.strays_by_body
                .entry(from.clone())
                .or_default()
                .insert(code.clone());
        }
        if !strays.is_empty() {
            self.strays.insert(code.clone(), strays.into_boxed_slice());
        }
        self.receivers
            .insert(code.clone(), receivers.into_boxed_slice());
    }

    /// One more grant held by `body` (`came`), or one fewer.
    fn count(&mut self, body: &BodyId, came: bool) {
        if came {
            *self.granted.entry(body.clone()).or_default() += 1;
        } else if let Some(n) = self.granted.get_mut(body) {
            *n -= 1;
            if *n == 0 {
                self.granted.remove(body);
            }
        }
    }

    /// Takes one power's stray granting bodies out of the index.
    fn forget_strays(&mut self, code: &PowerId) {
        if let Some(strays) = self.strays.remove(code) {
            for from in &strays {
                if let Some(set) = self.strays_by_body.get_mut(from) {
                    set.remove(code);
                    if set.is_empty() {
                        self.strays_by_body.remove(from);
                    }
                }
            }
        }
    }
}

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
    if !index.is_granted(&power.code) {
        return;
    }
    let state = input.state;
    for holding in state.holdings_of_power(&power.code) {
        let Some(grant) = holding.grant.as_deref() else {
            continue;
        };
        let receiver = index.places.get(&holding.body);
        let from = index.places.get(&grant.from);
        // A lawful grant (the common case: hundreds of thousands in a province) names nothing.
        let lawful = receiver.is_some_and(|r| {
            r.level == Level::Street
                && from.is_some_and(|f| {
                    f.level == Level::District
                        && r.district.as_ref().is_none_or(|d| *d == f.jurisdiction)
                })
        }) && grantable(power.kind)
            && grant.decision.is_some();
        if lawful {
            continue;
        }
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

/// 赋权配套: for one matter, the street bodies granted its penalty without its inspections and
/// coercive measures, or these without the penalty, where their district holds what is missing.
pub(super) fn grant_bundle(
    input: &RuleInput<'_>,
    index: &GrantIndex,
    powers: &[&Power],
    area: &Area,
    out: &mut Out,
) {
    let state = input.state;
    let powers: Vec<&Power> = powers
        .iter()
        .copied()
        .filter(|p| grantable(p.kind))
        .collect();
    // What each street body of the area was granted of the matter, from the index (no holding
    // is read twice), by its street's territory and then by id: one district's findings are
    // then put back in place after an edit there.
    let mut granted: BTreeMap<&BodyId, (usize, &Place, &JurisdictionId, Vec<&Power>)> =
        BTreeMap::new();
    for &p in &powers {
        for r in index.receivers.get(&p.code).into_iter().flatten() {
            if let Some((_, _, _, got)) = granted.get_mut(r) {
                got.push(p);
                continue;
            }
            let Some(place) = index.places.get(r) else {
                continue;
            };
            // A grant to a body that is not a street's is `grant-limits`'.
            let (Level::Street, Some(district)) = (place.level, place.district.as_ref()) else {
                continue;
            };
            if !area.has_district(district) {
                continue;
            }
            let Some(t) = place.territory else {
                continue;
            };
            granted.insert(r, (t, place, district, vec![p]));
        }
    }
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
