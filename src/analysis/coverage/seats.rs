//! Where the bodies sit, by place ([`Seats`]): the city's bodies, each district's and each
//! street's, each list sorted by id. An edit in one district then reads a touched power's
//! holdings of the few bodies that count there (looked up among its holders) instead of walking
//! its ~1,400 holders with a place look-up each.

use rustc_hash::FxHashMap;

use super::territories::Place;
use crate::model::BodyId;

/// The bodies of each place, sorted by id; kept only beside a complete map of places (a full
/// coverage's), and then equal to the seats built from it.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub(super) struct Seats {
    city: Vec<BodyId>,
    /// By the district's index.
    districts: FxHashMap<u32, Vec<BodyId>>,
    /// By the street's index among the territories.
    streets: FxHashMap<u32, Vec<BodyId>>,
}

impl Seats {
    /// The seats of every body placed.
    pub(super) fn of<'a>(places: impl IntoIterator<Item = (&'a BodyId, &'a Place)>) -> Self {
        let mut this = Self::default();
        for (body, place) in places {
            if let Some(bodies) = this.list(*place) {
                bodies.push(body.clone());
            }
        }
        this.city.sort_unstable();
        for bodies in this.districts.values_mut().chain(this.streets.values_mut()) {
            bodies.sort_unstable();
        }
        this
    }

    fn list(&mut self, place: Place) -> Option<&mut Vec<BodyId>> {
        match place {
            Place::City => Some(&mut self.city),
            Place::District(d) => Some(self.districts.entry(d).or_default()),
            Place::Street(t) => Some(self.streets.entry(t).or_default()),
            Place::Nowhere => None,
        }
    }

    /// A body's place changed from `before` to `after`.
    pub(super) fn moved(&mut self, body: &BodyId, before: Option<Place>, after: Option<Place>) {
        if before == after {
            return;
        }
        if let Some(bodies) = before.and_then(|p| self.list(p))
            && let Ok(i) = bodies.binary_search(body)
        {
            bodies.remove(i);
        }
        if let Some(bodies) = after.and_then(|p| self.list(p))
            && let Err(i) = bodies.binary_search(body)
        {
            bodies.insert(i, body.clone());
        }
        self.districts.retain(|_, bodies| !bodies.is_empty());
        self.streets.retain(|_, bodies| !bodies.is_empty());
    }

    /// The city's bodies.
    pub(super) fn city(&self) -> &[BodyId] {
        &self.city
    }

    /// The bodies of the district at index `d`.
    pub(super) fn district(&self, d: u32) -> &[BodyId] {
        self.districts.get(&d).map_or(&[], Vec::as_slice)
    }

    /// The bodies of the street at territory index `t`.
    pub(super) fn street(&self, t: u32) -> &[BodyId] {
        self.streets.get(&t).map_or(&[], Vec::as_slice)
    }
}
