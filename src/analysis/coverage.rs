//! Coverage: who leads each power in each district, and the overlaps (多头执法) and gaps
//! (管理盲区) that follow, exactly as `shared/design/domain.md` states the rule.
//!
//! - A city-level lead holding covers every district but those it excludes; a district body's
//!   covers its district; a street body's covers only its street, so it neither fills a
//!   district's gap nor overlaps the district's own lead (the district stays responsible for the
//!   rest of its territory).
//! - Assisting and entrusted holdings never count.
//! - A source body barred by a concentration that still leads the power is an error, whatever
//!   else holds.
//!
//! The work is per power and linear in that power's holdings and the number of districts, so a
//! change re-analyses only the powers it touched ([`Coverage::refresh`]); a test over random
//! operations shows the refreshed result equals a full computation.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use super::finding::{Finding, FindingKind, Reason, Severity};
use crate::model::{BodyId, JurisdictionId, Level, PowerId, State, Touched};

/// From how many powers a full computation splits them over the cores.
const PARALLEL_POWERS: usize = 512;

/// The lead bodies of one power in each district (in [`Coverage::districts`] order), each
/// district's sorted: one list of bodies cut by district, not a list per district (a province's
/// coverage held half a million small lists, most of them of one body).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Leads {
    bodies: Vec<BodyId>,
    /// Where each district's bodies end in `bodies`.
    ends: Vec<u32>,
}

impl Leads {
    /// The lead bodies of the district at `index`; `None` past the last district.
    pub fn get(&self, index: usize) -> Option<&[BodyId]> {
        let end = *self.ends.get(index)? as usize;
        let start = index.checked_sub(1).map_or(0, |i| self.ends[i] as usize);
        Some(&self.bodies[start..end])
    }

    /// Each district's lead bodies, in district order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &[BodyId]> {
        (0..self.ends.len()).map(|i| self.get(i).unwrap_or_default())
    }

    /// How many districts.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are no districts.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Whether no district has a lead body.
    pub fn none_led(&self) -> bool {
        self.bodies.is_empty()
    }

    /// Ends the next district, whose bodies were pushed since the last one ended.
    fn end_district(&mut self) {
        // A power has at most a few lead bodies per district, far below u32::MAX in all.
        self.ends
            .push(u32::try_from(self.bodies.len()).unwrap_or(u32::MAX));
    }
}

/// Coverage of one power.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct PowerCoverage {
    /// For each district (in [`Coverage::districts`] order), the lead bodies, sorted.
    pub leads: Leads,
    /// The findings of this power, sorted by district.
    pub findings: Vec<Finding>,
}

/// Coverage of every power of a state.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Coverage {
    districts: Vec<JurisdictionId>,
    per_power: BTreeMap<PowerId, PowerCoverage>,
}

impl Coverage {
    /// Computes coverage from scratch.
    pub fn full(state: &State) -> Self {
        let districts: Vec<JurisdictionId> = state.districts().map(|d| d.id.clone()).collect();
        // Where each body counts, looked up once per body rather than once per holding.
        let places: FxHashMap<&BodyId, Place> = state
            .bodies()
            .keys()
            .filter_map(|b| Some((b, place_of(state, &districts, b)?)))
            .collect();
        // Powers are independent: a province's are split over the cores.
        let powers: Vec<&PowerId> = state.powers().keys().collect();
        let covered = crate::parallel::map_slice(&powers, PARALLEL_POWERS, |p| {
            let coverage = power_coverage(state, &districts, p, |b| places.get(b).copied());
            ((*p).clone(), coverage)
        });
        // In code order already: the map is built without sorting.
        let per_power = covered.into_iter().collect();
        Self {
            districts,
            per_power,
        }
    }

    /// Brings coverage up to date after changes that touched `touched`; true if it recomputed
    /// only the touched powers, false if it started again from scratch.
    pub fn refresh(&mut self, state: &State, touched: &Touched) -> bool {
        let districts_now = state.districts().map(|d| &d.id);
        let same_districts = districts_now.eq(self.districts.iter());
        match touched.powers() {
            Some(powers) if same_districts => {
                for power in powers {
                    if state.power(power).is_some() {
                        let districts = &self.districts;
                        let coverage = power_coverage(state, districts, power, |b| {
                            place_of(state, districts, b)
                        });
                        self.per_power.insert(power.clone(), coverage);
                    } else {
                        self.per_power.remove(power);
                    }
                }
                true
            }
            _ => {
                *self = Coverage::full(state);
                false
            }
        }
    }

    /// The districts, in the order of [`PowerCoverage::leads`].
    pub fn districts(&self) -> &[JurisdictionId] {
        &self.districts
    }

    /// Coverage of one power.
    pub fn power(&self, power: &PowerId) -> Option<&PowerCoverage> {
        self.per_power.get(power)
    }

    /// Coverage of every power, sorted by code.
    pub fn powers(&self) -> &BTreeMap<PowerId, PowerCoverage> {
        &self.per_power
    }

    /// The lead bodies of one (power, district).
    pub fn leads(&self, power: &PowerId, district: &JurisdictionId) -> &[BodyId] {
        // The districts are in id order (the state's): a binary search, not a scan, so that a
        // table of every (power, district) is linear in its cells.
        let Ok(index) = self.districts.binary_search(district) else {
            return &[];
        };
        self.per_power
            .get(power)
            .and_then(|c| c.leads.get(index))
            .unwrap_or_default()
    }

    /// Every coverage finding, sorted by power then district.
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.per_power.values().flat_map(|c| c.findings.iter())
    }
}

/// Where a body's lead holdings count.
#[derive(Clone, Copy, Debug)]
enum Place {
    /// A city body: every district its holding does not exclude.
    City,
    /// A district body: that district, by index.
    District(usize),
    /// A street body, or a district not among the districts: nowhere.
    Nowhere,
}

fn place_of(state: &State, districts: &[JurisdictionId], body: &BodyId) -> Option<Place> {
    let body = state.body(body)?;
    let jurisdiction = state.jurisdiction(&body.jurisdiction)?;
    Some(match jurisdiction.level {
        Level::City => Place::City,
        Level::District => districts
            .binary_search(&jurisdiction.id)
            .map_or(Place::Nowhere, Place::District),
        Level::Street => Place::Nowhere,
    })
}

/// Coverage of one power: linear in its holdings and the districts.
fn power_coverage(
    state: &State,
    districts: &[JurisdictionId],
    power: &PowerId,
    place: impl Fn(&BodyId) -> Option<Place>,
) -> PowerCoverage {
    // The lead holdings, by body id: the city's, and the districts' with their district.
    let mut city: Vec<&crate::model::Holding> = Vec::new();
    let mut local: Vec<(usize, &BodyId)> = Vec::new();
    for holding in state.holdings_of_power(power) {
        if !holding.role.is_lead() {
            continue;
        }
        match place(&holding.body) {
            Some(Place::City) => city.push(holding),
            Some(Place::District(i)) => local.push((i, &holding.body)),
            Some(Place::Nowhere) | None => {}
        }
    }
    // By district, each district's bodies still by id (a stable sort).
    local.sort_by_key(|(i, _)| *i);
    let mut local = local.as_slice();
    // Each district's leads: the city bodies that do not exclude it and its own bodies, merged
    // in body-id order (each list is sorted and free of repeats, and a body has one place).
    let mut leads = Leads {
        bodies: Vec::with_capacity(city.len() * districts.len() + local.len()),
        ends: Vec::with_capacity(districts.len()),
    };
    for (i, district) in districts.iter().enumerate() {
        let own = local.partition_point(|(d, _)| *d == i);
        let (here, rest) = local.split_at(own);
        local = rest;
        let mut here = here.iter().map(|(_, b)| *b).peekable();
        for holding in city.iter().filter(|h| !h.excludes.contains(district)) {
            while let Some(b) = here.next_if(|b| **b < holding.body) {
                leads.bodies.push(b.clone());
            }
            leads.bodies.push(holding.body.clone());
        }
        leads.bodies.extend(here.cloned());
        leads.end_district();
    }
    let mut findings = Vec::new();
    for (i, bodies) in leads.iter().enumerate() {
        let sources: Vec<BodyId> = bodies
            .iter()
            .filter(|b| state.is_barred(power, b))
            .cloned()
            .collect();
        let (kind, severity, reason) = if !sources.is_empty() {
            (
                FindingKind::Overlap,
                Severity::Error,
                Reason::ConcentratedSource { sources },
            )
        } else if bodies.len() >= 2 {
            (FindingKind::Overlap, Severity::Warning, Reason::Overlap)
        } else if bodies.is_empty() {
            (FindingKind::Gap, Severity::Error, Reason::Gap)
        } else {
            continue;
        };
        let rule = match reason {
            Reason::ConcentratedSource { .. } => Some("concentrated-source".to_owned()),
            _ => None,
        };
        findings.push(Finding {
            kind,
            severity,
            power: Some(power.clone()),
            jurisdiction: Some(districts[i].clone()),
            bodies: bodies.to_vec(),
            rule,
            reason,
        });
    }
    PowerCoverage { leads, findings }
}
