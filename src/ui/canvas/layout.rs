//! Where things go in the lanes view, in canvas units (zoom 1): one horizontal lane per
//! jurisdiction (the city on top, each district below with its streets nested after it), bodies
//! as boxes flowing left to right in their lane (a sub-body right after its parent), and, for an
//! expanded body, its power chips stacked inside its box (leads first).
//!
//! The layout is a pure function of the state, the column count and the expanded bodies, so the
//! canvas caches it by document revision and recomputes it only after an edit. It grows with the
//! bodies plus one flat pass over the holdings (for the entrusted links); only an expanded body
//! looks up its holdings one by one, for its chips.

use std::collections::{BTreeMap, BTreeSet};

use egui::{Pos2, Rect, Vec2, pos2, vec2};

use crate::model::{Body, BodyId, JurisdictionId, Level, PowerId, Role, State};

/// Width of the lane title column.
pub const LABEL_W: f32 = 100.0;
/// Width of a body box.
pub const BOX_W: f32 = 164.0;
/// Height of a collapsed body box.
pub const BOX_H: f32 = 44.0;
/// Gap between boxes.
pub const GAP: f32 = 10.0;
/// Height of one power chip.
pub const CHIP_H: f32 = 18.0;
/// Space above the first row of a lane.
pub const LANE_PAD: f32 = 10.0;
/// Smallest lane height (an empty lane is still a drop target).
pub const LANE_MIN_H: f32 = 88.0;

/// One lane.
#[derive(Clone, Debug)]
pub struct Lane {
    /// The jurisdiction.
    pub id: JurisdictionId,
    /// Its name.
    pub name: String,
    /// Its level.
    pub level: Level,
    /// The whole lane, title column included.
    pub rect: Rect,
    /// How many bodies it holds.
    pub bodies: usize,
}

/// One chip: a holding of the body.
#[derive(Clone, Debug)]
pub struct Chip {
    /// The power.
    pub power: PowerId,
    /// The role of the holding.
    pub role: Role,
    /// Where it is.
    pub rect: Rect,
}

/// One body box.
#[derive(Clone, Debug)]
pub struct BodyBox {
    /// The body.
    pub id: BodyId,
    /// Index of its lane.
    pub lane: usize,
    /// How deep it sits under other bodies of the same lane (0: top).
    pub depth: usize,
    /// The box.
    pub rect: Rect,
    /// Lead holdings.
    pub leads: usize,
    /// Other holdings (assist, entrusted).
    pub others: usize,
    /// The chips, when expanded.
    pub chips: Vec<Chip>,
}

impl BodyBox {
    /// The chips that meet `visible` (canvas units): chips are stacked top to bottom, so this is
    /// one contiguous run, found by bisection. An expanded city body holds thousands of chips
    /// and only the few on screen are drawn.
    pub fn chips_in(&self, visible: Rect) -> &[Chip] {
        let first = self
            .chips
            .partition_point(|c| c.rect.bottom() < visible.top());
        let rest = &self.chips[first..];
        let count = rest.partition_point(|c| c.rect.top() <= visible.bottom());
        &rest[..count]
    }
}

/// The whole layout.
#[derive(Clone, Debug, Default)]
pub struct Layout {
    /// Lanes, top to bottom.
    pub lanes: Vec<Lane>,
    /// Body boxes, in drawing order.
    pub boxes: Vec<BodyBox>,
    /// Index into `boxes` by body.
    pub index: BTreeMap<BodyId, usize>,
    /// The size of everything.
    pub size: Vec2,
    /// Entrustments as (entrusted body's box, entrusting body's box), each pair once: drawn
    /// every frame, so gathered here once per layout rather than from every holding per frame.
    pub entrusted: Vec<(usize, usize)>,
}

impl Layout {
    /// The box of a body.
    pub fn body(&self, id: &BodyId) -> Option<&BodyBox> {
        self.index.get(id).and_then(|&i| self.boxes.get(i))
    }

    /// The lane at a canvas point.
    pub fn lane_at(&self, p: Pos2) -> Option<&Lane> {
        self.lanes
            .iter()
            .find(|l| l.rect.y_range().contains(p.y) && p.x >= l.rect.left())
    }

    /// The lane of a jurisdiction.
    pub fn lane(&self, id: &JurisdictionId) -> Option<&Lane> {
        self.lanes.iter().find(|l| &l.id == id)
    }
}

/// The jurisdictions top to bottom: the city, then each district followed by its streets.
pub fn lane_order(state: &State) -> Vec<JurisdictionId> {
    let js = state.jurisdictions();
    let mut order = Vec::new();
    let push_children = |parent: Option<&JurisdictionId>, level: Level, out: &mut Vec<_>| {
        js.values()
            .filter(|j| j.level == level && j.parent.as_ref() == parent)
            .map(|j| j.id.clone())
            .for_each(|id| out.push(id));
    };
    push_children(None, Level::City, &mut order);
    let cities = order.clone();
    for city in &cities {
        let mut districts = Vec::new();
        push_children(Some(city), Level::District, &mut districts);
        for d in districts {
            order.push(d.clone());
            push_children(Some(&d), Level::Street, &mut order);
        }
    }
    // Anything the tree walk missed (a plan mid-edit) still gets a lane.
    let seen: BTreeSet<JurisdictionId> = order.iter().cloned().collect();
    order.extend(js.keys().filter(|id| !seen.contains(*id)).cloned());
    order
}

/// The bodies of one jurisdiction (`here`, sorted by id) in tree order (each after its
/// parent), with their depth.
fn bodies_in_tree_order<'s>(
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

/// Lays out a state with `columns` boxes per row.
pub fn layout(state: &State, columns: usize, expanded: &BTreeSet<BodyId>) -> Layout {
    let columns = columns.max(1);
    let width = LABEL_W + columns as f32 * (BOX_W + GAP) + GAP;
    let mut out = Layout::default();
    let entrusted: BTreeSet<(&BodyId, &BodyId)> = state
        .holdings()
        .filter_map(|h| match &h.role {
            Role::Entrusted { by } => Some((&h.body, by)),
            _ => None,
        })
        .collect();
    let mut by_lane: BTreeMap<&JurisdictionId, Vec<&Body>> = BTreeMap::new();
    for b in state.bodies().values() {
        by_lane.entry(&b.jurisdiction).or_default().push(b);
    }
    let mut y = 0.0;
    for id in lane_order(state) {
        let Some(j) = state.jurisdiction(&id) else {
            continue;
        };
        let lane_index = out.lanes.len();
        let here = by_lane.get(&id).map_or(&[][..], Vec::as_slice);
        let bodies = bodies_in_tree_order(state, &id, here);
        let top = y;
        let mut row_y = y + LANE_PAD;
        let mut row_h: f32 = 0.0;
        for (i, (body, depth)) in bodies.iter().enumerate() {
            let col = i % columns;
            if col == 0 && i > 0 {
                row_y += row_h + GAP;
                row_h = 0.0;
            }
            let leads = state.lead_count(&body.id);
            let held = state.powers_of_body(&body.id).count();
            let x = LABEL_W + GAP + col as f32 * (BOX_W + GAP);
            let mut chips = Vec::new();
            if expanded.contains(&body.id) {
                let mut holdings: Vec<_> = state.holdings_of_body(&body.id).collect();
                holdings.sort_by_key(|h| !h.role.is_lead());
                for (k, h) in holdings.iter().enumerate() {
                    let cy = row_y + BOX_H + k as f32 * (CHIP_H + 2.0);
                    chips.push(Chip {
                        power: h.power.clone(),
                        role: h.role.clone(),
                        rect: Rect::from_min_size(pos2(x + 6.0, cy), vec2(BOX_W - 12.0, CHIP_H)),
                    });
                }
            }
            let h = if chips.is_empty() {
                BOX_H
            } else {
                BOX_H + chips.len() as f32 * (CHIP_H + 2.0) + 4.0
            };
            row_h = row_h.max(h);
            out.index.insert(body.id.clone(), out.boxes.len());
            out.boxes.push(BodyBox {
                id: body.id.clone(),
                lane: lane_index,
                depth: *depth,
                rect: Rect::from_min_size(pos2(x, row_y), vec2(BOX_W, h)),
                leads,
                others: held.saturating_sub(leads),
                chips,
            });
        }
        let content_bottom = row_y + row_h + LANE_PAD;
        let height = (content_bottom - top).max(LANE_MIN_H);
        out.lanes.push(Lane {
            id: id.clone(),
            name: j.name.clone(),
            level: j.level,
            rect: Rect::from_min_size(pos2(0.0, top), vec2(width, height)),
            bodies: bodies.len(),
        });
        y = top + height;
    }
    out.size = vec2(width, y);
    out.entrusted = entrusted
        .into_iter()
        .filter_map(|(a, b)| Some((*out.index.get(a)?, *out.index.get(b)?)))
        .collect();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_plan_puts_the_city_on_top_and_every_body_in_its_lane() {
        let plan = crate::io::seed::seed_plan().expect("seed plan loads");
        let state = &plan.baseline;
        let l = layout(state, 5, &BTreeSet::new());
        assert_eq!(l.lanes[0].level, Level::City);
        assert_eq!(l.boxes.len(), state.bodies().len());
        for b in &l.boxes {
            let lane = &l.lanes[b.lane];
            assert_eq!(state.body(&b.id).map(|x| &x.jurisdiction), Some(&lane.id));
            assert!(lane.rect.contains_rect(b.rect), "{} outside its lane", b.id);
        }
    }

    #[test]
    fn an_empty_state_lays_out_nothing() {
        let l = layout(&State::new(), 5, &BTreeSet::new());
        assert!(l.lanes.is_empty() && l.boxes.is_empty());
    }
}
