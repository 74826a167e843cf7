//! Whether a state is whole: every reference resolves, one city at the top, no cycle of places
//! or of supervision, concentrations and bars that name what exists.

use std::collections::BTreeSet;

use super::super::body::Body;
use super::super::holding::{Holding, Role};
use super::super::ids::{BodyId, JurisdictionId};
use super::super::jurisdiction::{Jurisdiction, Level};
#[allow(clippy::wildcard_imports)]
use super::*;

impl State {
    /// Every broken reference or rule of shape in the state, sorted by place.
    pub fn validate(&self) -> Vec<ModelError> {
        let mut errors = Vec::new();
        for j in self.jurisdictions.values() {
            self.validate_jurisdiction(j, &mut errors);
        }
        self.validate_one_city(&mut errors);
        for b in self.bodies.values() {
            self.validate_body(b, &mut errors);
        }
        // One look-up per power and one per holding body, not per holding: a province has
        // hundreds of thousands of holdings and a thousand bodies.
        let unknown_bodies: rustc_hash::FxHashSet<&BodyId> = self
            .powers_by_body
            .keys()
            .filter(|b| !self.bodies.contains_key(*b))
            .collect();
        // The level of each jurisdiction a holding may exclude, hashed: a province's district
        // holdings exclude hundreds of thousands of streets between them.
        let levels: rustc_hash::FxHashMap<&JurisdictionId, Level> = self
            .jurisdictions
            .values()
            .map(|j| (&j.id, j.level))
            .collect();
        for (power, by_body) in &self.holdings {
            let power_exists = self.powers.contains_key(power);
            for h in by_body {
                let body_exists = unknown_bodies.is_empty() || !unknown_bodies.contains(&h.body);
                self.validate_holding(h, power_exists, body_exists, &levels, &mut errors);
            }
        }
        self.validate_concentrations(&mut errors);
        errors
    }

    pub(super) fn validate_concentrations(&self, errors: &mut Vec<ModelError>) {
        self.validate_barred(errors);
        let in_districts = self.barred_in.iter().flat_map(|(power, by_body)| {
            by_body
                .iter()
                .map(move |(body, districts)| (power, body, Some(districts)))
        });
        let receivers = self
            .receivers
            .iter()
            .flat_map(|(power, by_body)| by_body.keys().map(move |body| (power, body, None)));
        for (power, body, districts) in in_districts.chain(receivers) {
            if !self.powers.contains_key(power) {
                errors.push(ModelError::Dangling {
                    what: "concentrated power",
                    id: power.to_string(),
                    referrer: "concentrated".into(),
                });
            }
            if !self.bodies.contains_key(body) {
                errors.push(ModelError::Dangling {
                    what: "body",
                    id: body.to_string(),
                    referrer: format!("concentrated power {power}"),
                });
            }
            for district in districts.into_iter().flatten() {
                if self.jurisdiction(district).map(|j| j.level) != Some(Level::District) {
                    errors.push(ModelError::Invalid {
                        id: format!("concentrated power {power}"),
                        reason: format!("{body} is barred in {district}, which is not a district"),
                    });
                }
            }
        }
        self.validate_supervisors(errors);
    }

    pub(super) fn validate_supervisors(&self, errors: &mut Vec<ModelError>) {
        for body in self.bodies.values() {
            let Some(supervisor) = &body.supervisor else {
                continue;
            };
            if !self.bodies.contains_key(supervisor) {
                errors.push(ModelError::Dangling {
                    what: "body",
                    id: supervisor.to_string(),
                    referrer: format!("the supervisor of body {}", body.id),
                });
            } else if supervisor == &body.id {
                errors.push(ModelError::Invalid {
                    id: body.id.to_string(),
                    reason: "a body cannot supervise itself".into(),
                });
            } else if self.supervision_cycle(&body.id) {
                errors.push(ModelError::Cycle {
                    what: "supervisor",
                    id: body.id.to_string(),
                });
            }
        }
    }

    pub(super) fn validate_barred(&self, errors: &mut Vec<ModelError>) {
        for (power, sources) in &self.barred {
            if !self.powers.contains_key(power) {
                errors.push(ModelError::Dangling {
                    what: "concentrated power",
                    id: power.to_string(),
                    referrer: "concentrated".into(),
                });
            }
            for body in sources {
                if !self.bodies.contains_key(body) {
                    errors.push(ModelError::Dangling {
                        what: "body",
                        id: body.to_string(),
                        referrer: format!("concentrated power {power}"),
                    });
                }
            }
        }
    }

    pub(super) fn validate_jurisdiction(&self, j: &Jurisdiction, errors: &mut Vec<ModelError>) {
        match (&j.parent, j.level.parent_level()) {
            (None, None) => {}
            (Some(parent), expected) => match self.jurisdictions.get(parent) {
                None => errors.push(ModelError::Dangling {
                    what: "jurisdiction",
                    id: parent.to_string(),
                    referrer: format!("jurisdiction {}", j.id),
                }),
                Some(p) if self.jurisdiction_cycle(&j.id) => {
                    errors.push(ModelError::Cycle {
                        what: "jurisdiction",
                        id: j.id.to_string(),
                    });
                    let _ = p;
                }
                Some(p) if Some(p.level) != expected => errors.push(ModelError::Invalid {
                    id: j.id.to_string(),
                    reason: format!(
                        "a {} cannot lie in {} ({})",
                        j.level.id(),
                        p.id,
                        p.level.id()
                    ),
                }),
                Some(_) => {}
            },
            (None, Some(level)) => errors.push(ModelError::Invalid {
                id: j.id.to_string(),
                reason: format!("a {} needs a parent {}", j.level.id(), level.id()),
            }),
        }
    }

    /// A plan has one city, the root of its districts: a second one would lead every power it
    /// holds beside the first (a false 多头执法 in each district). Both are named.
    pub(super) fn validate_one_city(&self, errors: &mut Vec<ModelError>) {
        let cities: Vec<&Jurisdiction> = self
            .jurisdictions
            .values()
            .filter(|j| j.level == Level::City)
            .collect();
        if let [first, _, ..] = cities.as_slice() {
            let named = cities
                .iter()
                .map(|j| format!("`{}` ({})", j.id, j.name))
                .collect::<Vec<_>>()
                .join(", ");
            errors.push(ModelError::Invalid {
                id: first.id.to_string(),
                reason: format!(
                    "the plan has {} cities, {named}; a plan has one city, with its districts under it: keep one, and make each other one a district of it (level: district, parent: Some(\"{}\")) or remove it",
                    cities.len(),
                    first.id
                ),
            });
        }
    }

    pub(super) fn jurisdiction_cycle(&self, start: &JurisdictionId) -> bool {
        let mut seen = BTreeSet::new();
        let mut current = Some(start);
        while let Some(id) = current {
            if !seen.insert(id) {
                return true;
            }
            current = self.jurisdictions.get(id).and_then(|j| j.parent.as_ref());
        }
        false
    }

    /// Whether the chain of supervising organs (主管部门: the recorded one, else the parent) from
    /// `start` comes back to it: the supervision of bodies must be a forest.
    pub fn supervision_cycle(&self, start: &BodyId) -> bool {
        let mut seen = BTreeSet::new();
        let mut current = self.bodies.get(start).and_then(Body::supervisor);
        while let Some(id) = current {
            if id == start {
                return true;
            }
            if !seen.insert(id) {
                return false;
            }
            current = self.bodies.get(id).and_then(Body::supervisor);
        }
        false
    }

    pub(super) fn body_cycle(&self, start: &BodyId) -> bool {
        let mut seen = BTreeSet::new();
        let mut current = Some(start);
        while let Some(id) = current {
            if !seen.insert(id) {
                return true;
            }
            current = self.bodies.get(id).and_then(|b| b.parent.as_ref());
        }
        false
    }

    pub(super) fn validate_body(&self, b: &Body, errors: &mut Vec<ModelError>) {
        if let Some(fault) = b.budget_fault() {
            errors.push(ModelError::Invalid {
                id: b.id.to_string(),
                reason: fault,
            });
        }
        if !self.jurisdictions.contains_key(&b.jurisdiction) {
            errors.push(ModelError::Dangling {
                what: "jurisdiction",
                id: b.jurisdiction.to_string(),
                referrer: format!("body {}", b.id),
            });
        }
        if let Some(parent) = &b.parent {
            if !self.bodies.contains_key(parent) {
                errors.push(ModelError::Dangling {
                    what: "body",
                    id: parent.to_string(),
                    referrer: format!("body {}", b.id),
                });
            } else if self.body_cycle(&b.id) {
                errors.push(ModelError::Cycle {
                    what: "body",
                    id: b.id.to_string(),
                });
            }
        }
    }

    pub(super) fn validate_holding(
        &self,
        h: &Holding,
        power_exists: bool,
        body_exists: bool,
        levels: &rustc_hash::FxHashMap<&JurisdictionId, Level>,
        errors: &mut Vec<ModelError>,
    ) {
        // Built only for a fault: a province has hundreds of thousands of holdings.
        let place = || format!("holding {} @ {}", h.power, h.body);
        if !power_exists {
            errors.push(ModelError::Dangling {
                what: "power",
                id: h.power.to_string(),
                referrer: place(),
            });
        }
        if !body_exists {
            errors.push(ModelError::Dangling {
                what: "body",
                id: h.body.to_string(),
                referrer: place(),
            });
        }
        if let Role::Entrusted { by } = &h.role {
            if by == &h.body {
                errors.push(ModelError::Invalid {
                    id: place(),
                    reason: "a body cannot entrust itself".into(),
                });
            } else if !self.bodies.contains_key(by) {
                errors.push(ModelError::Dangling {
                    what: "body",
                    id: by.to_string(),
                    referrer: place(),
                });
            }
        }
        if h.cases.is_some() && !h.role.is_lead() {
            errors.push(ModelError::Invalid {
                id: place(),
                reason: "only a lead holding takes a tier of cases (cases:)".into(),
            });
        }
        for excluded in &h.excludes {
            match levels.get(excluded) {
                None => errors.push(ModelError::Dangling {
                    what: "jurisdiction",
                    id: excluded.to_string(),
                    referrer: place(),
                }),
                Some(Level::City) => errors.push(ModelError::Invalid {
                    id: place(),
                    reason: format!("excludes {excluded}, which is not a district or a street"),
                }),
                Some(_) => {}
            }
        }
    }
}
