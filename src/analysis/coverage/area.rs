//! Where an edit may have changed coverage and the findings made per territory ([`Area`]): the
//! territories that the touched bodies reach, before the edit and after it. A grant to the
//! streets of one district changes nothing in the other 89 districts, and their 1,335 streets
//! are then left as they were instead of being worked out again for each granted power.

use super::Coverage;
use super::territories::{Place, place_of};
use crate::model::{JurisdictionId, State, TouchedRecords};

/// The territories an edit may have changed the leads and the per-territory findings of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Area {
    /// Anywhere: a city body's holdings changed, or it moved.
    Everywhere,
    /// Only the territories of these districts (their streets, or the district itself when it
    /// has none).
    Districts {
        /// The districts' ids, sorted.
        districts: Vec<JurisdictionId>,
        /// Their territories, as indexes of [`Coverage::territories`], ascending.
        territories: Vec<u32>,
    },
}

impl Area {
    /// Whether the area holds the territory at `index` of [`Coverage::territories`].
    pub fn has_territory(&self, index: usize) -> bool {
        match self {
            Area::Everywhere => true,
            Area::Districts { territories, .. } => {
                u32::try_from(index).is_ok_and(|t| territories.binary_search(&t).is_ok())
            }
        }
    }

    /// Whether the area holds the district `id` (every district when it is everywhere).
    pub fn has_district(&self, id: &JurisdictionId) -> bool {
        match self {
            Area::Everywhere => true,
            Area::Districts { districts, .. } => districts.binary_search(id).is_ok(),
        }
    }

    /// Takes in the area of another edit of the same territories: both areas' districts.
    pub fn extend(&mut self, other: &Area) {
        match (self as &mut Area, other) {
            (Area::Everywhere, _) => {}
            (this, Area::Everywhere) => *this = Area::Everywhere,
            (
                Area::Districts {
                    districts,
                    territories,
                },
                Area::Districts {
                    districts: more_districts,
                    territories: more_territories,
                },
            ) => {
                districts.extend(more_districts.iter().cloned());
                districts.sort_unstable();
                districts.dedup();
                territories.extend_from_slice(more_territories);
                territories.sort_unstable();
                territories.dedup();
            }
        }
    }

    /// No territory at all (an edit that touched no body).
    pub fn nowhere() -> Self {
        Area::Districts {
            districts: Vec::new(),
            territories: Vec::new(),
        }
    }

    /// The area's territories among those from `from` up to `to`, ascending; `None` when it is
    /// everywhere.
    pub fn territories_in(&self, from: usize, to: usize) -> Option<&[u32]> {
        match self {
            Area::Everywhere => None,
            Area::Districts { territories, .. } => {
                let start = territories.partition_point(|&t| (t as usize) < from);
                let end = territories.partition_point(|&t| (t as usize) < to);
                Some(&territories[start..end.max(start)])
            }
        }
    }
}

/// Two lists of things each in one territory, each in territory order and in territories
/// apart (what an edit kept outside its area and what it found inside), merged in territory
/// order: the territories, and the things.
pub fn merge_by_territory<T>(
    kept: impl IntoIterator<Item = (u32, T)>,
    found: impl IntoIterator<Item = (u32, T)>,
) -> (Vec<u32>, Vec<T>) {
    let (mut kept, mut found) = (kept.into_iter().peekable(), found.into_iter().peekable());
    let (mut territories, mut things) = (Vec::new(), Vec::new());
    loop {
        let next = match (kept.peek(), found.peek()) {
            (Some((a, _)), Some((b, _))) if a < b => kept.next(),
            (Some(_), None) => kept.next(),
            (_, Some(_)) => found.next(),
            (None, None) => break,
        };
        if let Some((t, thing)) = next {
            territories.push(t);
            things.push(thing);
        }
    }
    (territories, things)
}

impl Coverage {
    /// The area an edit that touched `touched` may have changed, read before this coverage is
    /// refreshed: the districts where each touched body counted (as this coverage remembers it)
    /// and where it counts now. A power's coverage depends only on its holdings and on where
    /// their bodies count, and a changed holding touches its body, so outside these districts
    /// every touched power's leads are as they were.
    pub fn area(&self, state: &State, touched: &TouchedRecords) -> Area {
        let mut districts: Vec<usize> = Vec::new();
        for body in &touched.bodies {
            let before = self.places.get(body).copied();
            let after = place_of(state, &self.territories, body);
            for place in [before, after].into_iter().flatten() {
                match place {
                    Place::City => return Area::Everywhere,
                    Place::District(d) => districts.push(d as usize),
                    Place::Street(t) => districts.extend(self.territories.district(t as usize)),
                    Place::Nowhere => {}
                }
            }
        }
        districts.sort_unstable();
        districts.dedup();
        let mut territories: Vec<u32> = districts
            .iter()
            .flat_map(|&d| self.territories.of_district(d).iter().copied())
            .collect();
        territories.sort_unstable();
        Area::Districts {
            districts: districts
                .iter()
                .map(|&d| self.territories.districts[d].clone())
                .collect(),
            territories,
        }
    }
}
