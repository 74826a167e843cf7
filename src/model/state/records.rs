//! A state from its records (a plan file's, or a list's holdings already sorted) and back.

use std::collections::BTreeSet;

use super::super::holding::Holding;
use super::super::ids::{BodyId, PowerId};
#[allow(clippy::wildcard_imports)]
use super::*;

impl State {
    /// Builds a state from its records, checking every reference. Errors name the ids at fault.
    pub fn from_records(mut records: StateRecords) -> Result<State, Vec<ModelError>> {
        // A stable sort: linear on the sorted lists that files hold.
        let mut holdings = std::mem::take(&mut records.holdings);
        holdings.sort_by(|a, b| (&a.power, &a.body).cmp(&(&b.power, &b.body)));
        Self::from_sorted_holdings(records, [holdings])
    }

    /// [`State::from_records`] for holdings that come in (power, body) order, each pair once,
    /// as a list's builder makes them: they go straight into the state, with no list of them
    /// and no sort (a province has hundreds of thousands). They come in `parts` that follow each
    /// other in that order, each read on a thread of its own (after `records.holdings`, which
    /// come first). A holding out of order is an error.
    pub fn from_sorted_holdings<'h, P>(
        mut records: StateRecords,
        parts: impl IntoIterator<Item = P>,
    ) -> Result<State, Vec<ModelError>>
    where
        P: IntoIterator<Item = Holding>,
        P::IntoIter: Send + 'h,
    {
        let mut errors = Vec::new();
        let mut state = State::new();
        for j in records.jurisdictions {
            if state.jurisdictions.contains_key(&j.id) {
                errors.push(ModelError::DuplicateId {
                    what: "jurisdiction",
                    id: j.id.to_string(),
                });
            } else {
                state.district_count += is_district(Some(&j));
                std::sync::Arc::make_mut(&mut state.jurisdictions).insert(j.id.clone(), j);
            }
        }
        for b in records.bodies {
            if state.bodies.contains_key(&b.id) {
                errors.push(ModelError::DuplicateId {
                    what: "body",
                    id: b.id.to_string(),
                });
            } else {
                state.commit(&Change::Body {
                    id: b.id.clone(),
                    before: None,
                    after: Some(Box::new(b)),
                });
            }
        }
        for p in records.powers {
            if state.powers.contains_key(&p.code) {
                errors.push(ModelError::DuplicateId {
                    what: "power",
                    id: p.code.to_string(),
                });
            } else {
                state.powers.insert(p.code.clone(), p);
            }
        }
        let first = std::mem::take(&mut records.holdings);
        let mut all: Vec<sorted::HoldingPart<'h>> = Vec::new();
        if !first.is_empty() {
            all.push(Box::new(first.into_iter()));
        }
        all.extend(
            parts
                .into_iter()
                .map(|part| Box::new(part.into_iter()) as sorted::HoldingPart<'h>),
        );
        state.put_sorted_parts(all, &mut errors);
        let mut excluded_by_body: FxHashMap<BodyId, usize> = FxHashMap::default();
        for h in state.holdings() {
            if h.role.is_lead() && !h.excludes.is_empty() {
                *excluded_by_body.entry(h.body.clone()).or_default() += h.excludes.len();
            }
        }
        state.excluded_by_body = excluded_by_body;
        for c in records.concentrated {
            if !c.sources.is_empty() {
                state
                    .barred
                    .entry(c.power.clone())
                    .or_default()
                    .extend(c.sources);
            }
            if !c.sources_in.is_empty() {
                let by_body = state.barred_in.entry(c.power.clone()).or_default();
                for (body, districts) in c.sources_in {
                    by_body.entry(body).or_default().extend(districts);
                }
            }
            for body in c.receivers.keys() {
                state
                    .received_by_body
                    .entry(body.clone())
                    .or_default()
                    .insert(c.power.clone());
            }
            if !c.receivers.is_empty() {
                state
                    .receivers
                    .entry(c.power)
                    .or_default()
                    .extend(c.receivers);
            }
        }
        errors.extend(state.validate());
        if errors.is_empty() {
            Ok(state)
        } else {
            Err(errors)
        }
    }

    /// The records of this state, each list sorted by id: the form a plan file stores.
    pub fn to_records(&self) -> StateRecords {
        StateRecords {
            jurisdictions: self.jurisdictions.values().cloned().collect(),
            bodies: self.bodies.values().cloned().collect(),
            powers: self.powers.values().cloned().collect(),
            holdings: self.holdings().cloned().collect(),
            concentrated: self.concentration_records(),
        }
    }

    /// The concentration records, one per power that has any, sorted by power.
    pub(super) fn concentration_records(&self) -> Vec<Concentration> {
        let powers: BTreeSet<&PowerId> = self
            .barred
            .keys()
            .chain(self.barred_in.keys())
            .chain(self.receivers.keys())
            .collect();
        powers
            .into_iter()
            .map(|power| Concentration {
                power: power.clone(),
                sources: self.barred.get(power).cloned().unwrap_or_default(),
                sources_in: self.barred_in.get(power).cloned().unwrap_or_default(),
                receivers: self.receivers.get(power).cloned().unwrap_or_default(),
            })
            .collect()
    }
}
