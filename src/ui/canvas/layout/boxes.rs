//! What a body's box shows of its holdings (its counts, its top fields, its chips when
//! expanded), which boxes an edit makes read again, how their field counts follow the lead
//! holdings an edit gained and lost, and where the chips go in the box.

use std::collections::BTreeSet;

use egui::{Pos2, Rect};

#[allow(clippy::wildcard_imports)]
use super::*;
use crate::analysis::summary::FieldCounts;
use crate::model::{BodyId, State};

/// Stacks a box's chips below its title, the box's top left corner at `corner`
/// ([`crate::lanes::Metrics::chip_rect`]).
pub(super) fn place_chips(chips: &mut [Chip], corner: Pos2) {
    let corner = crate::lanes::Point::new(corner.x, corner.y);
    for (k, chip) in chips.iter_mut().enumerate() {
        chip.rect = egui_rect(METRICS.chip_rect(corner, k));
    }
}

/// The boxes whose content an edit changed ([`BoxesToRead`]); `fields`, each power's field as
/// the boxes show it, follows.
pub(super) fn boxes_to_read<'r>(
    state: &'r State,
    records: &'r crate::model::TouchedRecords,
    fields: &mut rustc_hash::FxHashMap<crate::model::PowerId, String>,
) -> BoxesToRead<'r> {
    let mut recount = BTreeSet::new();
    for power in &records.powers {
        let now = state.power(power).map(|p| &p.field);
        if now == fields.get(power) {
            continue;
        }
        match now {
            Some(field) => fields.insert(power.clone(), field.clone()),
            None => fields.remove(power),
        };
        recount.extend(
            state
                .holdings_of_power(power)
                .filter(|h| h.role.is_lead())
                .map(|h| &h.body),
        );
    }
    let mut read: BTreeSet<&BodyId> = records.bodies.iter().collect();
    read.extend(recount.iter().copied());
    BoxesToRead { read, recount }
}

/// The boxes an edit changed: the bodies it touched and the lead holders of the powers whose
/// field it changed (`read`); of these, the ones whose lead powers must be counted by field
/// again (`recount`): those lead holders (a power's field shows in its leads' field chips). The
/// others' counts follow the lead holdings that the edit gained and lost, when those are known
/// ([`Layout::update`]).
pub(super) struct BoxesToRead<'r> {
    pub(super) read: BTreeSet<&'r BodyId>,
    pub(super) recount: BTreeSet<&'r BodyId>,
}

/// Each power's field, as a layout made from scratch shows it.
pub(super) fn fields_of(state: &State) -> rustc_hash::FxHashMap<crate::model::PowerId, String> {
    state
        .powers()
        .values()
        .map(|p| (p.code.clone(), p.field.clone()))
        .collect()
}

/// What a box shows of its body's holdings: its counts, every field it leads powers in with
/// how many (the box shows the top [`FIELD_CHIPS`]), and its chips.
pub(super) struct BoxRead {
    pub(super) leads: usize,
    pub(super) others: usize,
    pub(super) field_counts: FieldCounts,
    pub(super) chips: Vec<Chip>,
}

/// From how many boxes to read a layout counts every body's fields in one pass
/// ([`crate::analysis::summary::lead_field_counts_of_every_body`]).
pub(super) const READ_FIELDS_AT_ONCE: usize = 64;

/// A body's lead count, other holdings, its field counts (`counts` when given, else counted from
/// the state) and (if expanded) its chips, leads first, not yet placed.
pub(super) fn read_box(
    state: &State,
    body: &BodyId,
    expanded: bool,
    counts: Option<FieldCounts>,
) -> BoxRead {
    let leads = state.lead_count(body);
    let held = state.powers_of_body(body).count();
    let mut chips = Vec::new();
    if expanded {
        let mut holdings: Vec<_> = state.holdings_of_body(body).collect();
        holdings.sort_by_key(|h| !h.role.is_lead());
        chips = holdings
            .into_iter()
            .map(|h| Chip {
                power: h.power.clone(),
                role: h.role.clone(),
                rect: Rect::NOTHING,
            })
            .collect();
    }
    BoxRead {
        leads,
        others: held.saturating_sub(leads),
        field_counts: counts
            .unwrap_or_else(|| crate::analysis::summary::lead_field_counts(state, body)),
        chips,
    }
}

impl Layout {
    /// Moves the field counts of the boxes' bodies by the lead holdings gained and lost, each
    /// power counted in its field as the boxes show it. A body without a box has no counts: it
    /// is counted from its holdings when it gets one.
    pub(super) fn count_lead_moves(&mut self, moves: &[&[LeadMove]]) {
        for m in moves.iter().copied().flatten() {
            let Some(field) = self.fields.get(&m.power).filter(|f| !f.is_empty()) else {
                continue;
            };
            let Some(counts) = self.field_counts.get_mut(&m.body) else {
                continue;
            };
            if m.gained {
                *counts.entry(field.clone()).or_default() += 1;
            } else if let Some(n) = counts.get_mut(field) {
                *n = n.saturating_sub(1);
                if *n == 0 {
                    counts.remove(field);
                }
            }
        }
    }
}
