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

use super::finding::Finding;
use crate::model::{BodyId, JurisdictionId, PowerId, State, Touched};

mod area;
mod leads;
mod power;
mod seats;
mod territories;

use power::{power_coverage, refresh_power_in};
use territories::{Place, Territories, place_of};

pub use area::{Area, merge_by_territory};
pub use leads::{InArea, Iter as LeadsIter, Leads};

/// From how many powers a full computation splits them over the cores.
const PARALLEL_POWERS: usize = 512;

/// Coverage of one power.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct PowerCoverage {
    /// For each territory (in [`Coverage::territories`] order), the lead bodies, sorted.
    pub leads: Leads,
    /// The findings of this power, sorted by district; shared with the window's rows, which
    /// keep the findings an edit replaced until they have taken them back.
    pub findings: std::sync::Arc<Vec<Finding>>,
    /// The territory of each finding (an index of [`Coverage::territories`]): an edit in a few
    /// districts replaces their findings without looking each finding's territory up.
    finding_territories: Vec<u32>,
}

/// Coverage of every power of a state.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Coverage {
    /// Shared with the coverages of some powers made from this one.
    territories: std::sync::Arc<Territories>,
    /// Where each body's lead holdings count, kept up to date with the bodies: a refresh looks
    /// a holder up here rather than in the state's body and jurisdiction maps.
    places: FxHashMap<BodyId, Place>,
    /// The bodies of each place, when `places` holds every body (a full coverage's).
    seats: Option<seats::Seats>,
    per_power: BTreeMap<PowerId, PowerCoverage>,
}

impl Coverage {
    /// Computes coverage from scratch.
    pub fn full(state: &State) -> Self {
        let territories = std::sync::Arc::new(Territories::of(state));
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
            seats: Some(seats::Seats::of(&places)),
            places,
            per_power,
        }
    }

    /// Coverage of some powers of a state only (the others left out): what the timetable reads
    /// of each state a scenario passes through, for the few powers its dated steps touch. The
    /// places of the bodies are looked up as needed, never for every body.
    pub fn of_powers<'a>(state: &State, powers: impl IntoIterator<Item = &'a PowerId>) -> Self {
        Self::of_powers_on(std::sync::Arc::new(Territories::of(state)), state, powers)
    }

    /// [`Coverage::of_powers`] on a state whose jurisdictions are those this coverage was
    /// computed on (the caller knows): the territories are shared, not found again.
    #[must_use]
    pub fn of_powers_sharing<'a>(
        &self,
        state: &State,
        powers: impl IntoIterator<Item = &'a PowerId>,
    ) -> Self {
        Self::of_powers_on(self.territories.clone(), state, powers)
    }

    fn of_powers_on<'a>(
        territories: std::sync::Arc<Territories>,
        state: &State,
        powers: impl IntoIterator<Item = &'a PowerId>,
    ) -> Self {
        let mut coverage = Self {
            territories,
            places: FxHashMap::default(),
            seats: None,
            per_power: BTreeMap::new(),
        };
        coverage.recompute_powers(state, powers);
        coverage
    }

    /// Computes some powers of a coverage of some powers ([`Coverage::of_powers`]) again, on a
    /// state whose jurisdictions have not changed since (the caller knows): the territories are
    /// kept, and each holder's place is looked up once and remembered (until
    /// [`Coverage::forget_place`]). What a scratch state that changes a few records at a time
    /// needs ([`crate::session::explain`]).
    pub fn recompute_powers<'a>(
        &mut self,
        state: &State,
        powers: impl IntoIterator<Item = &'a PowerId>,
    ) {
        for power in powers {
            if state.power(power).is_none() {
                self.per_power.remove(power);
                continue;
            }
            for h in state.holdings_of_power(power) {
                if !self.places.contains_key(&h.body)
                    && let Some(place) = place_of(state, &self.territories, &h.body)
                {
                    self.places.insert(h.body.clone(), place);
                }
            }
            let places = &self.places;
            let coverage =
                power_coverage(state, &self.territories, power, |b| places.get(b).copied());
            self.per_power.insert(power.clone(), coverage);
        }
    }

    /// Forgets where a body's holdings count, remembered by [`Coverage::recompute_powers`]: its
    /// record changed.
    pub fn forget_place(&mut self, body: &BodyId) {
        self.places.remove(body);
    }

    /// Whether a lead holding of `body` would count in `territory` if it excluded nothing: a
    /// city body's anywhere, a district body's in its district's territories, a street body's in
    /// its street.
    pub fn reaches(&self, state: &State, body: &BodyId, territory: &JurisdictionId) -> bool {
        let Some(t) = self.territories.territory(territory) else {
            return false;
        };
        let place = match self.places.get(body) {
            Some(place) => Some(*place),
            None => place_of(state, &self.territories, body),
        };
        match place {
            Some(Place::City) => true,
            Some(Place::District(d)) => self.territories.district(t) == Some(d as usize),
            Some(Place::Street(s)) => s as usize == t,
            Some(Place::Nowhere) | None => false,
        }
    }

    /// Brings coverage up to date after changes that touched `touched`; true if it recomputed
    /// only the touched powers, false if it started again from scratch. A touched power is
    /// worked out again only in `area` (what [`Coverage::area`] said before the refresh).
    pub fn refresh(&mut self, state: &State, touched: &Touched, area: &Area) -> bool {
        match touched {
            Touched::Records(records) if self.territories.still_of(state) => {
                // A body's place changes only with its record (a move, or its removal).
                for body in &records.bodies {
                    let place = place_of(state, &self.territories, body);
                    let before = match place {
                        Some(place) => self.places.insert(body.clone(), place),
                        None => self.places.remove(body),
                    };
                    if let Some(seats) = &mut self.seats {
                        seats.moved(body, before, place);
                    }
                }
                for power in &records.powers {
                    if state.power(power).is_none() {
                        self.per_power.remove(power);
                        continue;
                    }
                    let places = &self.places;
                    let place = |b: &BodyId| places.get(b).copied();
                    if let (Some(old), Area::Districts { territories, .. }) =
                        (self.per_power.get_mut(power), area)
                    {
                        if !territories.is_empty() {
                            refresh_power_in(
                                state,
                                &self.territories,
                                power,
                                (place, self.seats.as_ref()),
                                old,
                                territories,
                            );
                        }
                    } else {
                        let coverage = power_coverage(state, &self.territories, power, place);
                        self.per_power.insert(power.clone(), coverage);
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

    /// The index of the territory `id` in [`Coverage::territories`].
    pub fn territory_index(&self, id: &JurisdictionId) -> Option<usize> {
        self.territories.territory(id)
    }

    /// The district of the territory at `index` (itself for a district without streets), `None`
    /// for the city.
    pub fn district_of_territory(&self, index: usize) -> Option<&JurisdictionId> {
        self.territories
            .district(index)
            .map(|d| &self.territories.districts[d])
    }

    /// The bodies of the street at territory index `t`, sorted; `None` when this coverage does
    /// not keep every body's place (one of some powers only, [`Coverage::of_powers`]).
    pub fn street_bodies(&self, t: u32) -> Option<&[BodyId]> {
        self.seats.as_ref().map(|seats| seats.street(t))
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
        // The territory's index is looked up by id, not scanned for, so that a table of every
        // (power, territory) is linear in its cells.
        let Some(index) = self.territories.territory(territory) else {
            return &[];
        };
        self.per_power
            .get(power)
            .and_then(|c| c.leads.get(index))
            .unwrap_or_default()
    }

    /// The lead bodies of one power in each territory in turn, in [`Coverage::territories`]
    /// order (none in each where the power is not there): walked stretch by stretch, not looked
    /// up territory by territory.
    pub fn leads_each(&self, power: &PowerId) -> impl Iterator<Item = &[BodyId]> + use<'_> {
        self.per_power
            .get(power)
            .into_iter()
            .flat_map(|c| c.leads.iter())
            .chain(std::iter::repeat(&[][..]))
            .take(self.territories.ids.len())
    }

    /// The lead bodies of one power in a place: a territory's, or, for a district with streets,
    /// those that lead in any of its streets (sorted, each once).
    pub fn leads_in(&self, power: &PowerId, place: &JurisdictionId) -> Cow<'_, [BodyId]> {
        let Some(district) = self.territories.district_index(place) else {
            return Cow::Borrowed(self.leads(power, place));
        };
        if self.territories.territory(place).is_some() {
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
