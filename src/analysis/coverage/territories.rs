//! The territories coverage is checked on (the leaves of the jurisdiction tree), and where a
//! body's lead holdings count among them.

use crate::model::{BodyId, JurisdictionId, Level, State};

/// The territories coverage is checked on, sorted by id, with the district of each.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub(super) struct Territories {
    /// The leaves of the tree: streets, districts without streets; or the city when the plan
    /// has no districts.
    pub(super) ids: Vec<JurisdictionId>,
    /// The districts, sorted by id.
    pub(super) districts: Vec<JurisdictionId>,
    /// For each territory, its district (an index of `districts`); `None` for the city.
    district_of: Vec<Option<u32>>,
    /// For each district, its territories (indexes of `ids`, ascending): its streets, or itself.
    of_district: Vec<Vec<u32>>,
    /// Each territory's index in `ids`, and each district's in `districts`, by id: a holding's
    /// exclusions are looked up here (hundreds of thousands at street scale) rather than
    /// searched for among 1,350 ids by string comparison.
    territory_index: rustc_hash::FxHashMap<JurisdictionId, u32>,
    district_index: rustc_hash::FxHashMap<JurisdictionId, u32>,
}

impl Territories {
    pub(super) fn of(state: &State) -> Self {
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
            territories.index();
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
        territories.of_district = vec![Vec::new(); districts.len()];
        for (t, d) in territories.district_of.iter().enumerate() {
            if let Some(d) = d {
                territories.of_district[*d as usize].push(t as u32);
            }
        }
        territories.districts = districts;
        territories.index();
        territories
    }

    /// Fills the look-ups by id from `ids` and `districts`.
    fn index(&mut self) {
        let by_id = |ids: &[JurisdictionId]| {
            ids.iter()
                .enumerate()
                .map(|(i, id)| (id.clone(), i as u32))
                .collect()
        };
        self.territory_index = by_id(&self.ids);
        self.district_index = by_id(&self.districts);
    }

    /// The index in `ids` of the territory `id`.
    pub(super) fn territory(&self, id: &JurisdictionId) -> Option<usize> {
        self.territory_index.get(id).map(|&i| i as usize)
    }

    /// The index in `districts` of the district `id`.
    pub(super) fn district_index(&self, id: &JurisdictionId) -> Option<usize> {
        self.district_index.get(id).map(|&i| i as usize)
    }

    /// Whether these are still the territories of `state`, without building them anew (a
    /// refresh runs on every edit).
    pub(super) fn still_of(&self, state: &State) -> bool {
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
                    .is_some_and(|p| self.district_index(p).is_some()),
                Level::City => false,
            })
            .map(|j| &j.id)
            .eq(self.ids.iter())
    }

    /// The district of the territory at `index`, as an index of `districts`.
    pub(super) fn district(&self, index: usize) -> Option<usize> {
        self.district_of
            .get(index)
            .copied()
            .flatten()
            .map(|d| d as usize)
    }

    /// The territories of the district at `index` of `districts`, ascending.
    pub(super) fn of_district(&self, index: usize) -> &[u32] {
        self.of_district.get(index).map_or(&[], Vec::as_slice)
    }

    /// Whether the territory at `index` is a street (not a district without streets, nor the
    /// city).
    pub(super) fn is_street(&self, index: usize) -> bool {
        self.district(index)
            .is_some_and(|d| self.districts[d] != self.ids[index])
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

/// Where a body's lead holdings count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Place {
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

pub(super) fn place_of(state: &State, territories: &Territories, body: &BodyId) -> Option<Place> {
    let body = state.body(body)?;
    let jurisdiction = state.jurisdiction(&body.jurisdiction)?;
    let id = &jurisdiction.id;
    Some(match jurisdiction.level {
        Level::City => Place::City,
        Level::District => territories
            .district_index(id)
            .map_or(Place::Nowhere, |d| Place::District(d as u32)),
        Level::Street => territories
            .territory(id)
            .map_or(Place::Nowhere, |t| Place::Street(t as u32)),
    })
}
