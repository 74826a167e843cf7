//! Coverage: who leads each power in each territory, and the overlaps (多头执法) and gaps
//! (管理盲区) that follow, exactly as `shared/design/domain.md` states the rule.
//!
//! - The territories are the leaves of the jurisdiction tree: a district's streets, or the
//!   district itself when it has none; a plan without districts (a city department's own list)
//!   is checked on the city itself, so two city bodies leading one item overlap there.
//! - A city-level lead holding covers every territory but those it excludes (a district it
//!   excludes takes all that district's streets with it); a district body's covers its
//!   district's territories but the streets it excludes (赋权 granted the power there); a street
//!   body's covers its street.
//! - Assisting and entrusted holdings never count.
//! - A level split (分级管辖) is not an overlap: one lead for the major or cross-district cases
//!   and one for the ordinary ones cover a territory together. A territory with only one tier
//!   led is a gap (of the other tier); two leads of one tier, or an undeclared lead beside any
//!   other, overlap.
//! - A concentrated source that still leads is the rules' (`concentration-relapse`), not
//!   coverage's: coverage counts it as any lead.
//!
//! The work is per power and linear in that power's holdings and the number of territories, so
//! a change re-analyses only the powers it touched ([`Coverage::refresh`]); a test over random
//! operations shows the refreshed result equals a full computation.

use std::borrow::Cow;
use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use super::finding::{Finding, FindingKind, Reason, Severity};
use crate::model::{BodyId, Cases, Holding, JurisdictionId, Level, PowerId, State, Touched};

mod leads;

pub use leads::Leads;

/// From how many powers a full computation splits them over the cores.
const PARALLEL_POWERS: usize = 512;

/// Coverage of one power.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct PowerCoverage {
    /// For each territory (in [`Coverage::territories`] order), the lead bodies, sorted.
    pub leads: Leads,
    /// The findings of this power, sorted by district.
    pub findings: Vec<Finding>,
}

/// The territories coverage is checked on, sorted by id, with the district of each.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
struct Territories {
    /// The leaves of the tree: streets, districts without streets; or the city when the plan
    /// has no districts.
    ids: Vec<JurisdictionId>,
    /// The districts, sorted by id.
    districts: Vec<JurisdictionId>,
    /// For each territory, its district (an index of `districts`); `None` for the city.
    district_of: Vec<Option<u32>>,
}

impl Territories {
    fn of(state: &State) -> Self {
        let districts: Vec<JurisdictionId> = state.districts().map(|d| d.id.clone()).collect();
        let mut territories = Territories::default();
        if districts.is_empty() {
            territories.ids = state
                .jurisdictions()
                .values()
                .filter(|j| j.level == Level::City)
                .map(|j| j.id.clone())
                .collect();
            territories.district_of = vec![None; territories.ids.len()];
            return territories;
        }
        let with_streets = districts_with_streets(state);
        for j in state.jurisdictions().values() {
            let district = match j.level {
                Level::District if !with_streets.contains(&j.id) => &j.id,
                Level::Street => match j.parent.as_ref() {
                    Some(parent) if districts.binary_search(parent).is_ok() => parent,
                    _ => continue,
                },
                _ => continue,
            };
            let index = districts.binary_search(district).ok().map(|i| i as u32);
            territories.ids.push(j.id.clone());
            territories.district_of.push(index);
        }
        territories.districts = districts;
        territories
    }

    /// Whether these are still the territories of `state`, without building them anew (a
    /// refresh runs on every edit).
    fn still_of(&self, state: &State) -> bool {
        let mut districts = state.districts().map(|d| &d.id).peekable();
        if districts.peek().is_none() || !districts.eq(self.districts.iter()) {
            return *self == Territories::of(state);
        }
        let with_streets = districts_with_streets(state);
        state
            .jurisdictions()
            .values()
            .filter(|j| match j.level {
                Level::District => !with_streets.contains(&j.id),
                Level::Street => j
                    .parent
                    .as_ref()
                    .is_some_and(|p| self.districts.binary_search(p).is_ok()),
                Level::City => false,
            })
            .map(|j| &j.id)
            .eq(self.ids.iter())
    }

    /// The district of the territory at `index`, as an index of `districts`.
    fn district(&self, index: usize) -> Option<usize> {
        self.district_of
            .get(index)
            .copied()
            .flatten()
            .map(|d| d as usize)
    }
}

/// The districts that have streets under them.
fn districts_with_streets(state: &State) -> rustc_hash::FxHashSet<&JurisdictionId> {
    state
        .jurisdictions()
        .values()
        .filter(|j| j.level == Level::Street)
        .filter_map(|j| j.parent.as_ref())
        .collect()
}

/// Coverage of every power of a state.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Coverage {
    territories: Territories,
    /// Where each body's lead holdings count, kept up to date with the bodies: a refresh looks
    /// a holder up here rather than in the state's body and jurisdiction maps.
    places: FxHashMap<BodyId, Place>,
    per_power: BTreeMap<PowerId, PowerCoverage>,
}

impl Coverage {
    /// Computes coverage from scratch.
    pub fn full(state: &State) -> Self {
        let territories = Territories::of(state);
        // Where each body counts, looked up once per body rather than once per holding.
        let places: FxHashMap<BodyId, Place> = state
            .bodies()
            .keys()
            .filter_map(|b| Some((b.clone(), place_of(state, &territories, b)?)))
            .collect();
        // Powers are independent: a province's are split over the cores.
        let powers: Vec<&PowerId> = state.powers().keys().collect();
        let covered = crate::parallel::map_slice(&powers, PARALLEL_POWERS, |p| {
            let coverage = power_coverage(state, &territories, p, |b| places.get(b).copied());
            ((*p).clone(), coverage)
        });
        // In code order already: the map is built without sorting.
        let per_power = covered.into_iter().collect();
        Self {
            territories,
            places,
            per_power,
        }
    }

    /// Coverage of some powers of a state only (the others left out): what the timetable reads
    /// of each state a scenario passes through, for the few powers its dated steps touch. The
    /// places of the bodies are looked up as needed, never for every body.
    pub fn of_powers<'a>(state: &State, powers: impl IntoIterator<Item = &'a PowerId>) -> Self {
        let territories = Territories::of(state);
        let per_power = powers
            .into_iter()
            .filter(|p| state.power(p).is_some())
            .map(|p| {
                let coverage =
                    power_coverage(state, &territories, p, |b| place_of(state, &territories, b));
                (p.clone(), coverage)
            })
            .collect();
        Self {
            territories,
            places: FxHashMap::default(),
            per_power,
        }
    }

    /// Brings coverage up to date after changes that touched `touched`; true if it recomputed
    /// only the touched powers, false if it started again from scratch.
    pub fn refresh(&mut self, state: &State, touched: &Touched) -> bool {
        match touched {
            Touched::Records(records) if self.territories.still_of(state) => {
                // A body's place changes only with its record (a move, or its removal).
                for body in &records.bodies {
                    match place_of(state, &self.territories, body) {
                        Some(place) => self.places.insert(body.clone(), place),
                        None => self.places.remove(body),
                    };
                }
                for power in &records.powers {
                    if state.power(power).is_some() {
                        let places = &self.places;
                        let coverage = power_coverage(state, &self.territories, power, |b| {
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

    /// The territories, sorted by id: the streets and the districts without streets, or the
    /// city when there are no districts; in the order of [`PowerCoverage::leads`].
    pub fn territories(&self) -> &[JurisdictionId] {
        &self.territories.ids
    }

    /// The district of the territory at `index` (itself for a district without streets), `None`
    /// for the city.
    pub fn district_of_territory(&self, index: usize) -> Option<&JurisdictionId> {
        self.territories
            .district(index)
            .map(|d| &self.territories.districts[d])
    }

    /// Whether a body's lead holdings count in a street (a street body).
    pub fn is_street_body(&self, body: &BodyId) -> bool {
        matches!(self.places.get(body), Some(Place::Street(_)))
    }

    /// Coverage of one power.
    pub fn power(&self, power: &PowerId) -> Option<&PowerCoverage> {
        self.per_power.get(power)
    }

    /// Coverage of every power, sorted by code.
    pub fn powers(&self) -> &BTreeMap<PowerId, PowerCoverage> {
        &self.per_power
    }

    /// The lead bodies of one (power, territory).
    pub fn leads(&self, power: &PowerId, territory: &JurisdictionId) -> &[BodyId] {
        // The territories are in id order (the state's): a binary search, not a scan, so that
        // a table of every (power, territory) is linear in its cells.
        let Ok(index) = self.territories.ids.binary_search(territory) else {
            return &[];
        };
        self.per_power
            .get(power)
            .and_then(|c| c.leads.get(index))
            .unwrap_or_default()
    }

    /// The lead bodies of one power in a place: a territory's, or, for a district with streets,
    /// those that lead in any of its streets (sorted, each once).
    pub fn leads_in(&self, power: &PowerId, place: &JurisdictionId) -> Cow<'_, [BodyId]> {
        let Ok(district) = self.territories.districts.binary_search(place) else {
            return Cow::Borrowed(self.leads(power, place));
        };
        if self.territories.ids.binary_search(place).is_ok() {
            return Cow::Borrowed(self.leads(power, place));
        }
        let Some(coverage) = self.per_power.get(power) else {
            return Cow::Borrowed(&[]);
        };
        let mut bodies: Vec<BodyId> = (0..self.territories.ids.len())
            .filter(|&i| self.territories.district(i) == Some(district))
            .filter_map(|i| coverage.leads.get(i))
            .flatten()
            .cloned()
            .collect();
        bodies.sort_unstable();
        bodies.dedup();
        Cow::Owned(bodies)
    }

    /// Every coverage finding, sorted by power then territory.
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.per_power.values().flat_map(|c| c.findings.iter())
    }
}

/// Where a body's lead holdings count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    /// A city body: every territory its holding does not exclude.
    City,
    /// A district body: its district's territories (by the district's index) but the streets
    /// its holding excludes.
    District(u32),
    /// A street body: that street, by its index among the territories.
    Street(u32),
    /// A district or street outside the territories: nowhere.
    Nowhere,
}

fn place_of(state: &State, territories: &Territories, body: &BodyId) -> Option<Place> {
    let body = state.body(body)?;
    let jurisdiction = state.jurisdiction(&body.jurisdiction)?;
    let index = |ids: &[JurisdictionId], place: fn(u32) -> Place| {
        ids.binary_search(&jurisdiction.id)
            .map_or(Place::Nowhere, |i| place(i as u32))
    };
    Some(match jurisdiction.level {
        Level::City => Place::City,
        Level::District => index(&territories.districts, Place::District),
        Level::Street => index(&territories.ids, Place::Street),
    })
}

/// Coverage of one power: linear in its holdings and the territories.
fn power_coverage(
    state: &State,
    territories: &Territories,
    power: &PowerId,
    place: impl Fn(&BodyId) -> Option<Place>,
) -> PowerCoverage {
    // The lead holdings, by body id: the city's; the districts' with their district; the
    // streets' with their street.
    let mut city: Vec<&Holding> = Vec::new();
    let mut local: Vec<(u32, &Holding)> = Vec::new();
    let mut street: Vec<(u32, &Holding)> = Vec::new();
    for holding in state.holdings_of_power(power) {
        if !holding.role.is_lead() {
            continue;
        }
        match place(&holding.body) {
            Some(Place::City) => city.push(holding),
            Some(Place::District(d)) => local.push((d, holding)),
            Some(Place::Street(t)) => street.push((t, holding)),
            Some(Place::Nowhere) | None => {}
        }
    }
    // By district and by street, each one's bodies still by id (a stable sort).
    local.sort_by_key(|(d, _)| *d);
    street.sort_by_key(|(t, _)| *t);
    let mut street = street.as_slice();
    // Each district's lead holdings, a range of `local` (found once, not searched for in each
    // of its streets).
    let mut district_range = vec![0..0; territories.districts.len()];
    let mut from = 0;
    while let Some(&(d, _)) = local.get(from) {
        let to = from + local[from..].iter().take_while(|(x, _)| *x == d).count();
        if let Some(range) = district_range.get_mut(d as usize) {
            *range = from..to;
        }
        from = to;
    }
    let ids = &territories.ids;
    // About one run per district and per street with its own holder (the rest share).
    let runs = territories.districts.len().max(1) + street.len();
    let mut leads = Leads {
        bodies: Vec::with_capacity(city.len() * runs + local.len() + street.len()),
        stretches: Vec::with_capacity(runs),
        territories: 0,
    };
    let mut findings = Vec::new();
    let mut here: Vec<&Holding> = Vec::new();
    for (t, territory) in ids.iter().enumerate() {
        let district = territories.district(t);
        let district_id = district.map(|d| &territories.districts[d]);
        let is_street = district_id.is_some_and(|d| d != territory);
        here.clear();
        // The city's, but where it excludes the territory or (for a street) its district.
        here.extend(city.iter().copied().filter(|h| {
            let excluded = h.excludes.contains(territory)
                || (is_street && district_id.is_some_and(|d| h.excludes.contains(d)));
            !excluded
        }));
        // The district's, but in the streets it excludes.
        if let Some(range) = district.and_then(|d| district_range.get(d)) {
            here.extend(
                local[range.clone()]
                    .iter()
                    .map(|(_, h)| *h)
                    .filter(|h| !is_street || !h.excludes.contains(territory)),
            );
        }
        // The street's own.
        let own = street.iter().take_while(|(x, _)| *x as usize == t).count();
        let (mine, rest) = street.split_at(own);
        street = rest;
        here.extend(mine.iter().map(|(_, h)| *h));
        // Each body has one place, so no body comes twice; by id, as the leads are kept.
        here.sort_unstable_by(|a, b| a.body.cmp(&b.body));
        let mut tiers = Tiers::default();
        let start = leads.bodies.len();
        for h in &here {
            tiers.add(h);
            leads.bodies.push(h.body.clone());
        }
        leads.end_territory(start);
        if let Some((kind, severity, reason)) = tiers.verdict() {
            findings.push(Finding {
                kind,
                severity,
                power: Some(power.clone()),
                jurisdiction: Some(territory.clone()),
                bodies: leads.get(t).unwrap_or_default().to_vec(),
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
