//! Stable places in a lane: the slots a lane remembers, a body that left keeping its slot empty,
//! a body that comes back taking its own again, arrivals at the end.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Body, BodyId, JurisdictionId};

/// A place in a lane's row of boxes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Slot {
    /// A body's box.
    Body(BodyId),
    /// The place of a body that left the lane; it takes it again if it comes back.
    Left(BodyId),
}

impl Slot {
    /// The body whose place it is.
    pub fn body(&self) -> &BodyId {
        match self {
            Slot::Body(b) | Slot::Left(b) => b,
        }
    }
}

/// Each lane's places in order, with the slots that bodies left, by jurisdiction.
pub type Slots = BTreeMap<JurisdictionId, Vec<Slot>>;

/// A lane's places in order (a body with its depth, or an empty slot) and its slots to keep.
pub(super) type Arranged<'s> = (Vec<Option<(&'s Body, usize)>>, Vec<Slot>);

/// The boxes of a lane in their slots: the bodies that had slots keep them (a body gone leaves
/// its slot empty), the others follow in the order given; empty slots at the end are dropped.
/// Returns the lane's places (a body with its depth, or an empty slot) and its slots to keep.
pub(super) fn arrange<'s>(slots: Option<&Vec<Slot>>, bodies: &[(&'s Body, usize)]) -> Arranged<'s> {
    let here: BTreeMap<&BodyId, (&'s Body, usize)> = bodies
        .iter()
        .map(|&(b, depth)| (&b.id, (b, depth)))
        .collect();
    let mut placed: BTreeSet<&BodyId> = BTreeSet::new();
    let mut out = Vec::with_capacity(bodies.len());
    let mut kept = Vec::with_capacity(bodies.len());
    for slot in slots.into_iter().flatten() {
        let id = slot.body();
        match here.get(id) {
            Some(&(body, depth)) if placed.insert(&body.id) => {
                out.push(Some((body, depth)));
                kept.push(Slot::Body(id.clone()));
            }
            _ => {
                out.push(None);
                kept.push(Slot::Left(id.clone()));
            }
        }
    }
    for &(body, depth) in bodies {
        if placed.insert(&body.id) {
            out.push(Some((body, depth)));
            kept.push(Slot::Body(body.id.clone()));
        }
    }
    while out.last().is_some_and(Option::is_none) {
        out.pop();
        kept.pop();
    }
    (out, kept)
}
