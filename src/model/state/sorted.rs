//! A state's holdings put in at once from holdings in (power, body) order, in parts that are
//! built on threads of their own: each power's holdings (a vector sorted by body) and each
//! body's powers are built in
//! bulk rather than inserted one by one.
//!
//! A province has hundreds of thousands of holdings; building their maps is mostly fresh memory
//! (page clearing), which two cores do twice as fast as one. Each part builds its powers' maps
//! and counts its bodies' powers; the parts are then joined in order (a power that straddles
//! two parts is joined into one map) and each body's powers made a set, again split over the
//! cores.

use std::collections::BTreeSet;

use rustc_hash::FxHashMap;

use super::{Holders, ModelError, State};
use crate::model::{BodyId, Holding, PowerId};
use crate::parallel;

/// From how many holdings the bodies' sets of powers are built on several threads.
const PARALLEL_HOLDINGS: usize = 50_000;

/// A part of the holdings, as [`State::put_sorted_parts`] takes them.
pub(super) type HoldingPart<'h> = Box<dyn Iterator<Item = Holding> + Send + 'h>;

/// What one part built.
#[derive(Default)]
struct Part {
    /// Each power's holdings, by power in order.
    maps: Vec<(PowerId, Holders)>,
    /// The powers each body holds (in order) and how many it leads.
    of_body: FxHashMap<BodyId, (Vec<PowerId>, usize)>,
    /// How many holdings went in.
    count: usize,
    /// The part's first and last holdings, to check the order of the parts.
    first: Option<(PowerId, BodyId)>,
    last: Option<(PowerId, BodyId)>,
    errors: Vec<ModelError>,
}

impl Part {
    /// Builds a part; a holding out of order or repeated is an error and left out.
    fn build(holdings: impl Iterator<Item = Holding>) -> Part {
        let mut part = Part::default();
        let mut run: Vec<Holding> = Vec::new();
        let mut last_power: Option<PowerId> = None;
        for h in holdings {
            let order = match &last_power {
                None => std::cmp::Ordering::Greater,
                Some(power) => h.power.cmp(power).then_with(|| {
                    run.last()
                        .map_or(std::cmp::Ordering::Greater, |last| h.body.cmp(&last.body))
                }),
            };
            match order {
                std::cmp::Ordering::Greater => {}
                std::cmp::Ordering::Equal => {
                    part.errors.push(duplicate(&h));
                    continue;
                }
                std::cmp::Ordering::Less => {
                    part.errors.push(out_of_order(&h));
                    continue;
                }
            }
            if last_power.as_ref() != Some(&h.power) {
                part.end_run(&mut run);
                last_power = Some(h.power.clone());
            }
            if part.first.is_none() {
                part.first = Some(h.key());
            }
            let (powers, leads) = part.of_body.entry(h.body.clone()).or_default();
            powers.push(h.power.clone());
            if h.role.is_lead() {
                *leads += 1;
            }
            run.push(h);
        }
        part.end_run(&mut run);
        part
    }

    fn end_run(&mut self, run: &mut Vec<Holding>) {
        if let (Some(first), Some(last)) = (run.first(), run.last()) {
            let power = first.power.clone();
            self.last = Some(last.key());
            self.count += run.len();
            // Moved into a vector of the run's own length: no copy of an id, no spare room.
            let mut exact = Vec::with_capacity(run.len());
            exact.append(run);
            self.maps.push((power, Holders::from_sorted(exact)));
        }
    }

    /// Joins the next part onto this one (its holdings all come after this one's).
    fn join(&mut self, mut next: Part) {
        let mut maps = next.maps.into_iter();
        if let (Some((power, map)), Some((next_power, next_map))) =
            (self.maps.last_mut(), maps.next())
        {
            if *power == next_power {
                map.append_sorted(next_map);
            } else {
                self.maps.push((next_power, next_map));
            }
        }
        self.maps.extend(maps);
        for (body, (powers, leads)) in next.of_body {
            let (all, all_leads) = self.of_body.entry(body).or_default();
            all.extend(powers);
            *all_leads += leads;
        }
        self.count += next.count;
        self.last = next.last.or(self.last.take());
        self.errors.append(&mut next.errors);
    }
}

fn duplicate(h: &Holding) -> ModelError {
    ModelError::DuplicateId {
        what: "holding",
        id: format!("{} @ {}", h.power, h.body),
    }
}

fn out_of_order(h: &Holding) -> ModelError {
    ModelError::Invalid {
        id: format!("holding {} @ {}", h.power, h.body),
        reason: "holdings out of (power, body) order".into(),
    }
}

impl State {
    /// Puts holdings into an empty state, given in parts that follow each other in (power,
    /// body) order; each part is built on a thread of its own. Of two holdings of one (power,
    /// body) the first stays; the second is an error, and so is a holding out of order (it is
    /// left out).
    pub(super) fn put_sorted_parts(
        &mut self,
        parts: Vec<HoldingPart<'_>>,
        errors: &mut Vec<ModelError>,
    ) {
        let mut built = parallel::on_threads(parts, Part::build).into_iter();
        let mut all = built.next().unwrap_or_default();
        for next in built {
            match (&all.last, &next.first) {
                // The part is left out whole: its holdings are not where they belong.
                (Some(last), Some(first)) if first <= last => {
                    let first = Holding::lead(first.0.clone(), first.1.clone());
                    errors.push(if all.last == next.first {
                        duplicate(&first)
                    } else {
                        out_of_order(&first)
                    });
                }
                _ => all.join(next),
            }
        }
        errors.append(&mut all.errors);
        self.holding_count = all.count;
        // In power order already: the map is built without sorting.
        self.holdings = all.maps.into_iter().collect();
        let mut of_body: Vec<_> = all.of_body.into_iter().collect();
        for (body, (_, leads)) in &of_body {
            if *leads > 0 {
                self.leads_by_body.insert(body.clone(), *leads);
            }
        }
        // Each body's powers as a set: for a province, the bodies split over the cores.
        let parts = parallel::parts_for(all.count, PARALLEL_HOLDINGS);
        let mut cut = Vec::with_capacity(parts);
        for k in (1..=parts).rev() {
            let rest = of_body.split_off(of_body.len() - of_body.len() / k);
            cut.push(rest);
        }
        let sets = parallel::on_threads(cut, |bodies| {
            bodies
                .into_iter()
                .map(|(body, (powers, _))| {
                    (
                        body,
                        std::sync::Arc::new(powers.into_iter().collect::<BTreeSet<_>>()),
                    )
                })
                .collect::<Vec<_>>()
        });
        self.powers_by_body.extend(sets.into_iter().flatten());
    }
}
