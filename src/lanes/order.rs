//! Which lanes there are and what sits in each: the jurisdictions top to bottom (the city, then
//! each district followed by its streets), the bodies of each (by id, or in tree order: each
//! after its parent), and how many streets and street bodies each district has (for its fold).
//!
//! Every function here is linear in the plan (hash maps, one pass each), so that a plan of
//! twenty thousand districts is grouped at once.

use std::collections::BTreeSet;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::model::{Body, BodyId, Jurisdiction, JurisdictionId, Level, State};

/// The jurisdictions top to bottom: each city (a jurisdiction of the city level with no parent),
/// then each district of each city followed by its streets, each level sorted by id; anything
/// the tree walk misses (a state that is not whole) follows, sorted by id.
pub(super) fn places(state: &State) -> Vec<&Jurisdiction> {
    let js = state.jurisdictions();
    let mut children: FxHashMap<&JurisdictionId, Vec<&Jurisdiction>> = FxHashMap::default();
    for j in js.values() {
        if let Some(parent) = &j.parent {
            children.entry(parent).or_default().push(j);
        }
    }
    let children_of = |parent: &JurisdictionId, level: Level| {
        children
            .get(parent)
            .into_iter()
            .flatten()
            .copied()
            .filter(move |j| j.level == level)
    };
    let cities: Vec<&Jurisdiction> = js
        .values()
        .filter(|j| j.level == Level::City && j.parent.is_none())
        .collect();
    let mut order = Vec::with_capacity(js.len());
    order.extend(&cities);
    for city in &cities {
        for district in children_of(&city.id, Level::District) {
            order.push(district);
            order.extend(children_of(&district.id, Level::Street));
        }
    }
    if order.len() < js.len() {
        let seen: FxHashSet<&JurisdictionId> = order.iter().map(|j| &j.id).collect();
        order.extend(js.values().filter(|j| !seen.contains(&j.id)));
    }
    order
}

/// The jurisdictions top to bottom (see [`grouped`] for the order), by id: the order of the
/// lanes, and of the places in the tree and the pickers.
pub fn lane_order(state: &State) -> Vec<JurisdictionId> {
    places(state).into_iter().map(|j| j.id.clone()).collect()
}

/// Every jurisdiction top to bottom, with the bodies that sit in it (not those of the places
/// under it), sorted by id: the city, then each district followed by its streets (each level
/// sorted by id), then anything the tree walk misses.
pub fn grouped(state: &State) -> Vec<(&Jurisdiction, Vec<&Body>)> {
    let places = places(state);
    let mut bodies_in: FxHashMap<&JurisdictionId, Vec<&Body>> = FxHashMap::default();
    for body in state.bodies().values() {
        bodies_in.entry(&body.jurisdiction).or_default().push(body);
    }
    places
        .into_iter()
        .map(|j| (j, bodies_in.remove(&j.id).unwrap_or_default()))
        .collect()
}

/// A district's streets: how many, and how many bodies sit in them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StreetCount {
    /// Its streets.
    pub streets: usize,
    /// The bodies in its streets.
    pub bodies: usize,
}

/// The streets of each district that has any, with the bodies in them.
pub fn street_counts(state: &State) -> FxHashMap<&JurisdictionId, StreetCount> {
    let mut out: FxHashMap<&JurisdictionId, StreetCount> = FxHashMap::default();
    let mut district_of: FxHashMap<&JurisdictionId, &JurisdictionId> = FxHashMap::default();
    for j in state.jurisdictions().values() {
        if j.level == Level::Street
            && let Some(d) = &j.parent
        {
            out.entry(d).or_default().streets += 1;
            district_of.insert(&j.id, d);
        }
    }
    if !district_of.is_empty() {
        for b in state.bodies().values() {
            if let Some(d) = district_of.get(&b.jurisdiction) {
                out.entry(d).or_default().bodies += 1;
            }
        }
    }
    out
}

/// The bodies of one jurisdiction (`here`, sorted by id) in tree order (each after its
/// parent), with their depth under the bodies of the same lane.
pub(super) fn in_tree_order<'s>(
    state: &'s State,
    lane: &JurisdictionId,
    here: &[&'s Body],
) -> Vec<(&'s Body, usize)> {
    let in_lane: BTreeSet<&BodyId> = here.iter().map(|b| &b.id).collect();
    let mut out = Vec::with_capacity(here.len());
    let mut stack: Vec<(&Body, usize)> = here
        .iter()
        .filter(|b| b.parent.as_ref().is_none_or(|p| !in_lane.contains(p)))
        .rev()
        .map(|b| (*b, 0))
        .collect();
    while let Some((body, depth)) = stack.pop() {
        out.push((body, depth));
        let mut children: Vec<&Body> = state
            .children_of(&body.id)
            .filter_map(|c| state.body(c))
            .filter(|c| &c.jurisdiction == lane)
            .collect();
        children.reverse();
        stack.extend(children.into_iter().map(|c| (c, depth + 1)));
    }
    out
}
