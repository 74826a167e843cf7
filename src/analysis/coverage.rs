//! Coverage: who leads each power in each territory, and the overlaps (多头执法) and gaps
//! (管理盲区) that follow, exactly as `shared/design/domain.md` states the rule.
//!
//! - The territories are the districts; a plan without districts (a city department's own list)
//!   is checked on the city itself, so two city bodies leading one item overlap there.
//! - A city-level lead holding covers every district but those it excludes; a district body's
//!   covers its district; a street body's covers only its street, so it neither fills a
//!   district's gap nor overlaps the district's own lead (the district stays responsible for the
//!   rest of its territory; streets as territories of their own come with 赋权).
//! - Assisting and entrusted holdings never count.
//! - A level split (分级管辖) is not an overlap: one lead for the major or cross-district cases
//!   and one for the ordinary ones cover a territory together. A territory with only one tier
//!   led is a gap (of the other tier); two leads of one tier, or an undeclared lead beside any
//!   other, overlap.
//! - A concentrated source that still leads is the rules' (`concentration-relapse`), not
//!   coverage's: coverage counts it as any lead.
//!
//! The work is per power and linear in that power's holdings and the number of districts, so a
//! change re-analyses only the powers it touched ([`Coverage::refresh`]); a test over random
//! operations shows the refreshed result equals a full computation.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use super::finding::{Finding, FindingKind, Reason, Severity};
use crate::model::{BodyId, Cases, Holding, JurisdictionId, Level, PowerId, State, Touched};

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
    /// Where each body's lead holdings count, kept up to date with the bodies: a refresh looks
    /// a holder up here rather than in the state's body and jurisdiction maps.
    places: FxHashMap<BodyId, Place>,
    per_power: BTreeMap<PowerId, PowerCoverage>,
}

impl Coverage {
    /// Computes coverage from scratch.
    pub fn full(state: &State) -> Self {
        let districts = territories(state);
        // Where each body counts, looked up once per body rather than once per holding.
        let places: FxHashMap<BodyId, Place> = state
            .bodies()
            .keys()
            .filter_map(|b| Some((b.clone(), place_of(state, &districts, b)?)))
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
            places,
            per_power,
        }
    }

    /// Brings coverage up to date after changes that touched `touched`; true if it recomputed
    /// only the touched powers, false if it started again from scratch.
    pub fn refresh(&mut self, state: &State, touched: &Touched) -> bool {
        match touched {
            Touched::Records(records) if same_territories(state, &self.districts) => {
                // A body's place changes only with its record (a move, or its removal).
                for body in &records.bodies {
                    match place_of(state, &self.districts, body) {
                        Some(place) => self.places.insert(body.clone(), place),
                        None => self.places.remove(body),
                    };
                }
                for power in &records.powers {
                    if state.power(power).is_some() {
                        let places = &self.places;
                        let coverage = power_coverage(state, &self.districts, power, |b| {
                            places.get(b).copied()
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

    /// The territories: the districts, or the city when there are none; in the order of
    /// [`PowerCoverage::leads`].
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

/// The territories coverage is checked on, sorted by id: the districts, or the city itself (the
/// top of the tree) when the plan has none.
fn territories(state: &State) -> Vec<JurisdictionId> {
    let districts: Vec<JurisdictionId> = state.districts().map(|d| d.id.clone()).collect();
    if !districts.is_empty() {
        return districts;
    }
    state
        .jurisdictions()
        .values()
        .filter(|j| j.level == Level::City)
        .map(|j| j.id.clone())
        .collect()
}

/// Whether the territories are still `districts`, without building them anew (a refresh runs
/// on every edit).
fn same_territories(state: &State, districts: &[JurisdictionId]) -> bool {
    let mut now = state.districts().map(|d| &d.id).peekable();
    if now.peek().is_some() {
        return now.eq(districts.iter());
    }
    territories(state) == districts
}

/// Where a body's lead holdings count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
    let mut city: Vec<&Holding> = Vec::new();
    let mut local: Vec<(usize, &Holding)> = Vec::new();
    for holding in state.holdings_of_power(power) {
        if !holding.role.is_lead() {
            continue;
        }
        match place(&holding.body) {
            Some(Place::City) => city.push(holding),
            Some(Place::District(i)) => local.push((i, holding)),
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
    let mut findings = Vec::new();
    for (i, district) in districts.iter().enumerate() {
        let own = local.partition_point(|(d, _)| *d == i);
        let (here, rest) = local.split_at(own);
        local = rest;
        let mut here = here.iter().map(|(_, h)| *h).peekable();
        let mut tiers = Tiers::default();
        let start = leads.bodies.len();
        for holding in city.iter().filter(|h| !h.excludes.contains(district)) {
            while let Some(h) = here.next_if(|h| h.body < holding.body) {
                tiers.add(h);
                leads.bodies.push(h.body.clone());
            }
            tiers.add(holding);
            leads.bodies.push(holding.body.clone());
        }
        for h in here {
            tiers.add(h);
            leads.bodies.push(h.body.clone());
        }
        leads.end_district();
        if let Some((kind, severity, reason)) = tiers.verdict() {
            findings.push(Finding {
                kind,
                severity,
                power: Some(power.clone()),
                jurisdiction: Some(district.clone()),
                bodies: leads.bodies[start..].to_vec(),
                rule: None,
                reason,
            });
        }
    }
    PowerCoverage { leads, findings }
}

/// How many leads of a (power, territory) take every case, and how many only one tier.
#[derive(Default)]
struct Tiers {
    every: usize,
    major: usize,
    ordinary: usize,
}

impl Tiers {
    fn add(&mut self, holding: &Holding) {
        match holding.cases {
            None => self.every += 1,
            Some(Cases::Major) => self.major += 1,
            Some(Cases::Ordinary) => self.ordinary += 1,
        }
    }

    /// The finding these leads make, if any.
    fn verdict(&self) -> Option<(FindingKind, Severity, Reason)> {
        let Tiers {
            every,
            major,
            ordinary,
        } = *self;
        let declared = major + ordinary;
        if every >= 2 || (every == 1 && declared > 0) || major >= 2 || ordinary >= 2 {
            Some((FindingKind::Overlap, Severity::Warning, Reason::Overlap))
        } else if every == 1 || (major == 1 && ordinary == 1) {
            None
        } else if declared == 0 {
            Some((FindingKind::Gap, Severity::Error, Reason::Gap))
        } else {
            let missing = if major == 0 {
                Cases::Major
            } else {
                Cases::Ordinary
            };
            Some((
                FindingKind::Gap,
                Severity::Error,
                Reason::TierGap { missing },
            ))
        }
    }
}
