//! The registry: one complete allocation (现状 or the result of a scenario), with the indexes
//! that analysis needs, and the primitive [`Change`]s through which every edit passes.
//!
//! A `State` is only ever changed by committing a [`Change`]: a before/after pair for one record.
//! Because each change carries its "before", reverting a list of changes in reverse order restores
//! the exact previous state; that is what makes every operation's inverse exact.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap;

use serde::{Deserialize, Serialize};

use super::body::Body;
use super::concentration::{Concentration, Receipt};
use super::holding::Holding;
use super::ids::{BodyId, JurisdictionId, PowerId};
use super::jurisdiction::{Jurisdiction, Level};
use super::power::Power;

mod change;
mod commit;
mod holders;
mod of_body;
mod records;
mod sorted;
mod validate;

pub use change::{Change, LeadMove, Touched, TouchedRecords};
use holders::Holders;
pub use of_body::InOrder;

/// One complete allocation of powers to bodies.
#[derive(Clone, Debug, Default)]
pub struct State {
    /// Shared between copies of the state until one side changes a jurisdiction (rare: most
    /// edits change holdings and bodies).
    jurisdictions: std::sync::Arc<BTreeMap<JurisdictionId, Jurisdiction>>,
    bodies: BTreeMap<BodyId, Body>,
    powers: BTreeMap<PowerId, Power>,
    holdings: BTreeMap<PowerId, Holders>,
    holding_count: usize,
    /// Source bodies barred from a power after 相对集中 (their penalties would be invalid).
    barred: BTreeMap<PowerId, BTreeSet<BodyId>>,
    /// Source bodies barred from a power in some districts only: a city body that let one
    /// district's bureau take the power by concentration.
    barred_in: BTreeMap<PowerId, BTreeMap<BodyId, BTreeSet<JurisdictionId>>>,
    /// The bodies that received a power by concentration, with the decision that approved it.
    receivers: BTreeMap<PowerId, BTreeMap<BodyId, Receipt>>,
    /// Derived index: the powers each body holds (any role), each set shared between copies
    /// of the state until one side changes it (as a power's holdings are, [`Holders`]).
    powers_by_body: FxHashMap<BodyId, std::sync::Arc<BTreeSet<PowerId>>>,
    /// Derived index: the direct child bodies of each body.
    children_by_body: FxHashMap<BodyId, BTreeSet<BodyId>>,
    /// Derived index: how many powers each body leads (bodies leading none are absent).
    leads_by_body: FxHashMap<BodyId, usize>,
    /// Derived index: for each body, the districts its lead holdings exclude, added up (bodies
    /// with none are absent): a city body's workload in O(1) ([`State::workload`]).
    excluded_by_body: FxHashMap<BodyId, usize>,
    /// Derived index: the powers each body received by concentration.
    received_by_body: FxHashMap<BodyId, BTreeSet<PowerId>>,
    /// Derived index: how many districts there are, so a body's workload is O(1) (counting
    /// them for every body was quadratic: 40 s of a 20,000-district export, issue 16).
    district_count: usize,
}

impl PartialEq for State {
    fn eq(&self, other: &Self) -> bool {
        // The derived indexes follow from the records, so the records decide equality.
        self.jurisdictions == other.jurisdictions
            && self.bodies == other.bodies
            && self.powers == other.powers
            && self.holdings == other.holdings
            && self.barred == other.barred
            && self.barred_in == other.barred_in
            && self.receivers == other.receivers
    }
}

impl Eq for State {}

impl State {
    /// An empty state.
    pub fn new() -> Self {
        Self::default()
    }

    // ---- reading -------------------------------------------------------------------------

    /// Every jurisdiction, by id.
    pub fn jurisdictions(&self) -> &BTreeMap<JurisdictionId, Jurisdiction> {
        &self.jurisdictions
    }

    /// Every body, by id.
    pub fn bodies(&self) -> &BTreeMap<BodyId, Body> {
        &self.bodies
    }

    /// Every power, by code.
    pub fn powers(&self) -> &BTreeMap<PowerId, Power> {
        &self.powers
    }

    /// One jurisdiction.
    pub fn jurisdiction(&self, id: &JurisdictionId) -> Option<&Jurisdiction> {
        self.jurisdictions.get(id)
    }

    /// One body.
    pub fn body(&self, id: &BodyId) -> Option<&Body> {
        self.bodies.get(id)
    }

    /// One power.
    pub fn power(&self, id: &PowerId) -> Option<&Power> {
        self.powers.get(id)
    }

    /// A body's name, or its id when the state has none such: the one lookup that every name
    /// lookup builds on (`text::Names` adds the baseline and the history).
    pub fn body_name(&self, id: &BodyId) -> String {
        self.body(id)
            .map_or_else(|| id.to_string(), |b| b.name.clone())
    }

    /// A jurisdiction's name, or its id.
    pub fn jurisdiction_name(&self, id: &JurisdictionId) -> String {
        self.jurisdiction(id)
            .map_or_else(|| id.to_string(), |j| j.name.clone())
    }

    /// A power's name, or its code.
    pub fn power_name(&self, id: &PowerId) -> String {
        self.power(id)
            .map_or_else(|| id.to_string(), |p| p.name.clone())
    }

    /// The holding of one (power, body), if any.
    pub fn holding(&self, power: &PowerId, body: &BodyId) -> Option<&Holding> {
        self.holdings
            .get(power)
            .and_then(|by_body| by_body.get(body))
    }

    /// The holdings of one power, by body.
    pub fn holdings_of_power(&self, power: &PowerId) -> impl Iterator<Item = &Holding> {
        self.holdings.get(power).into_iter().flatten()
    }

    /// How many bodies hold one power.
    pub fn holder_count(&self, power: &PowerId) -> usize {
        self.holdings.get(power).map_or(0, Holders::len)
    }

    /// The codes of the powers a body holds in any role, sorted.
    pub fn powers_of_body(&self, body: &BodyId) -> impl Iterator<Item = &PowerId> {
        self.powers_by_body
            .get(body)
            .into_iter()
            .flat_map(|powers| powers.iter())
    }

    /// The holdings of one body, sorted by power.
    pub fn holdings_of_body<'a>(&'a self, body: &'a BodyId) -> impl Iterator<Item = &'a Holding> {
        of_body::BodyHoldings::new(
            body,
            self.powers_by_body.get(body).map(|p| &**p),
            &self.holdings,
        )
    }

    /// The holdings of one body with their powers' records, sorted by power.
    pub fn holdings_of_body_with_powers<'a>(
        &'a self,
        body: &'a BodyId,
    ) -> impl Iterator<Item = (&'a Holding, Option<&'a Power>)> {
        let mut powers = of_body::InOrder::new(
            &self.powers,
            self.powers_by_body.get(body).map_or(0, |p| p.len()),
        );
        self.holdings_of_body(body)
            .map(move |holding| (holding, powers.find(&holding.power)))
    }

    /// How many powers a body leads (主办), in constant time.
    pub fn lead_count(&self, body: &BodyId) -> usize {
        self.leads_by_body.get(body).copied().unwrap_or(0)
    }

    /// A body's workload (编随事走 measured by territory): each lead holding weighs the share of
    /// the city's territories it covers, so a city body that hands one district of three over
    /// loses a third of that duty, and a district body's holding weighs its one district.
    pub fn workload(&self, body: &BodyId) -> f64 {
        let leads = self.lead_count(body) as f64;
        let territories = self.district_count.max(1) as f64;
        if self.level_of_body(body) != Some(Level::City) {
            return leads / territories;
        }
        let excluded = self.excluded_by_body.get(body).copied().unwrap_or(0) as f64;
        (leads * territories - excluded) / territories
    }
    /// Of a set of bodies to move together, those that must be moved themselves: a body that
    /// sits, through every parent between, in the same jurisdiction as a body of the set above it
    /// moves with that body (a move takes the sub-bodies that sit with it), so moving it too
    /// would be refused as already there.
    pub fn bodies_moving_themselves<'b>(
        &self,
        bodies: &'b BTreeSet<BodyId>,
    ) -> impl Iterator<Item = &'b BodyId> {
        bodies.iter().filter(move |id| {
            let Some(body) = self.bodies.get(*id) else {
                return true;
            };
            let mut parent = body.parent.as_ref();
            // Parents never form a cycle (refused at load and by every operation); the bound
            // only keeps a broken state from looping.
            let mut steps = self.bodies.len();
            while let Some(p) = parent.and_then(|p| self.bodies.get(p)) {
                steps = steps.saturating_sub(1);
                if steps == 0 {
                    return true;
                }
                if p.jurisdiction != body.jurisdiction {
                    return true;
                }
                if bodies.contains(&p.id) {
                    return false;
                }
                parent = p.parent.as_ref();
            }
            true
        })
    }

    /// The direct child bodies of a body, sorted.
    pub fn children_of(&self, body: &BodyId) -> impl Iterator<Item = &BodyId> {
        self.children_by_body.get(body).into_iter().flatten()
    }

    /// Every holding, sorted by (power, body).
    pub fn holdings(&self) -> impl Iterator<Item = &Holding> {
        self.holdings.values().flatten()
    }

    /// How many holdings there are.
    pub fn holding_count(&self) -> usize {
        self.holding_count
    }

    /// The bodies barred from a concentrated power, sorted.
    pub fn barred_from(&self, power: &PowerId) -> impl Iterator<Item = &BodyId> {
        self.barred.get(power).into_iter().flatten()
    }

    /// Whether a body is barred from a power.
    pub fn is_barred(&self, power: &PowerId, body: &BodyId) -> bool {
        self.barred.get(power).is_some_and(|set| set.contains(body))
    }

    /// Whether any body is barred from a power, everywhere or in some districts.
    pub fn has_bars(&self, power: &PowerId) -> bool {
        self.barred.contains_key(power) || self.barred_in.contains_key(power)
    }

    /// Every (power, barred bodies) pair, sorted.
    pub fn barred(&self) -> &BTreeMap<PowerId, BTreeSet<BodyId>> {
        &self.barred
    }

    /// Whether a body is barred from a power in a district: everywhere, or there.
    pub fn is_barred_in(&self, power: &PowerId, body: &BodyId, district: &JurisdictionId) -> bool {
        self.is_barred(power, body)
            || self
                .barred_in
                .get(power)
                .and_then(|by_body| by_body.get(body))
                .is_some_and(|districts| {
                    // Barred in a district, it is barred in each of its streets.
                    districts.contains(district)
                        || self
                            .district_of(district)
                            .is_some_and(|d| districts.contains(d))
                })
    }

    /// The bodies barred from a power in some districts only, with those districts.
    pub fn barred_in_districts(
        &self,
        power: &PowerId,
    ) -> impl Iterator<Item = (&BodyId, &BTreeSet<JurisdictionId>)> {
        self.barred_in.get(power).into_iter().flatten()
    }

    /// Every (power, body barred in some districts, districts), sorted.
    pub fn barred_in(&self) -> &BTreeMap<PowerId, BTreeMap<BodyId, BTreeSet<JurisdictionId>>> {
        &self.barred_in
    }

    /// The bodies that received a power by concentration, with their receipts.
    pub fn receivers_of(&self, power: &PowerId) -> impl Iterator<Item = (&BodyId, &Receipt)> {
        self.receivers.get(power).into_iter().flatten()
    }

    /// The receipt of a body for a concentrated power, if it received one.
    pub fn receipt(&self, power: &PowerId, body: &BodyId) -> Option<&Receipt> {
        self.receivers
            .get(power)
            .and_then(|by_body| by_body.get(body))
    }

    /// The powers a body received by concentration, sorted.
    pub fn received_by(&self, body: &BodyId) -> impl Iterator<Item = &PowerId> {
        self.received_by_body.get(body).into_iter().flatten()
    }

    /// Every (power, receiving body, receipt), sorted.
    pub fn receivers(&self) -> &BTreeMap<PowerId, BTreeMap<BodyId, Receipt>> {
        &self.receivers
    }

    /// A state with this one's jurisdictions (shared until one side changes them) and nothing
    /// else: where a scratch state that follows a few records starts (copying every body and
    /// power would cost more than the question it answers).
    #[must_use]
    pub fn jurisdictions_only(&self) -> State {
        State {
            jurisdictions: self.jurisdictions.clone(),
            district_count: self.district_count,
            ..State::default()
        }
    }

    /// Whether the plan has districts; a plan without (a city department's own list) is checked
    /// on the city itself.
    pub fn has_districts(&self) -> bool {
        self.districts().next().is_some()
    }

    /// The districts, sorted by id: the territory units that coverage is computed over.
    pub fn districts(&self) -> impl Iterator<Item = &Jurisdiction> {
        self.jurisdictions
            .values()
            .filter(|j| j.level == Level::District)
    }

    /// The streets of a district, sorted by id.
    pub fn streets_of<'a>(
        &'a self,
        district: &'a JurisdictionId,
    ) -> impl Iterator<Item = &'a JurisdictionId> {
        self.jurisdictions
            .values()
            .filter(move |j| j.level == Level::Street && j.parent.as_ref() == Some(district))
            .map(|j| &j.id)
    }

    /// The bodies that sit in one jurisdiction (not those of the places under it), sorted by id.
    pub fn bodies_in<'a>(&'a self, place: &'a JurisdictionId) -> impl Iterator<Item = &'a Body> {
        self.bodies
            .values()
            .filter(move |b| &b.jurisdiction == place)
    }

    /// The level of the jurisdiction a body sits in.
    pub fn level_of_body(&self, body: &BodyId) -> Option<Level> {
        let body = self.bodies.get(body)?;
        Some(self.jurisdictions.get(&body.jurisdiction)?.level)
    }

    /// The district a jurisdiction belongs to: itself for a district, its parent for a street,
    /// `None` for the city.
    pub fn district_of(&self, jurisdiction: &JurisdictionId) -> Option<&JurisdictionId> {
        let j = self.jurisdictions.get(jurisdiction)?;
        match j.level {
            Level::City => None,
            Level::District => Some(&j.id),
            Level::Street => j.parent.as_ref(),
        }
    }

    // ---- changing ------------------------------------------------------------------------
}

/// 1 for a district, 0 for anything else: the steps of `State::district_count`.
fn is_district(jurisdiction: Option<&Jurisdiction>) -> usize {
    usize::from(jurisdiction.is_some_and(|j| j.level == Level::District))
}

/// A state as flat, sorted lists: the shape stored in a plan file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StateRecords {
    /// Jurisdictions.
    pub jurisdictions: Vec<Jurisdiction>,
    /// Bodies.
    pub bodies: Vec<Body>,
    /// Powers.
    pub powers: Vec<Power>,
    /// Holdings.
    #[serde(default)]
    pub holdings: Vec<Holding>,
    /// Concentration records.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub concentrated: Vec<Concentration>,
}

/// Something wrong with the records of a state.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    /// Two records share an id.
    #[error("duplicate {what} id `{id}`")]
    DuplicateId {
        /// Kind of record.
        what: &'static str,
        /// The id.
        id: String,
    },
    /// A reference to a record that does not exist.
    #[error("{referrer} refers to {what} `{id}`, which does not exist")]
    Dangling {
        /// Kind of record referred to.
        what: &'static str,
        /// The missing id.
        id: String,
        /// Who refers to it.
        referrer: String,
    },
    /// A chain of parents that loops.
    #[error("the parents of {what} `{id}` form a cycle")]
    Cycle {
        /// Kind of record.
        what: &'static str,
        /// One id on the cycle.
        id: String,
    },
    /// A record whose shape breaks the model.
    #[error("`{id}`: {reason}")]
    Invalid {
        /// The record.
        id: String,
        /// What is wrong.
        reason: String,
    },
}
