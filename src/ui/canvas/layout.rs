//! Where things go in the lanes view, in canvas units (zoom 1): one horizontal lane per
//! jurisdiction (the city on top, each district below with its streets nested after it), bodies
//! as boxes flowing left to right in their lane (a sub-body right after its parent), and, for an
//! expanded body, its power chips stacked inside its box (leads first).
//!
//! A district with streets folds: closed (the default), its streets get no lanes and their bodies
//! no boxes, and the district's lane counts them instead; open, each street is a sub-lane right
//! below it. A province has 90 districts of 15 streets: closed, its 1,350 street lanes and their
//! bodies cost nothing.
//!
//! The layout is a function of the state, the column count, the expanded bodies and the open
//! districts. What costs
//! is reading the holdings: each box's counts and chips, and the entrusted links, which come
//! from holdings anywhere in the plan (half a million at province scale). So the layout keeps
//! them and, after an edit, reads again only what the edit touched ([`Layout::update`]): the
//! touched bodies' counts and chips and the touched powers' entrustments. A box whose body
//! stays where it was changes in place; when a body comes, goes or moves (or the width or the
//! expanded bodies change) every box is placed again from what was kept. The result equals a
//! layout made from scratch with the same slots ([`Layout::relaid`]; `tests/window/ui_incremental.rs`).
//!
//! Positions are stable: each lane remembers the order of its boxes as slots. A body that leaves
//! a lane (moved, merged, abolished) leaves its slot empty instead of the lane reflowing under
//! the planner's eyes, a body that comes back (undo) takes its own slot again, and a new arrival
//! goes at the end. The slots are forgotten when everything is laid out again (another plan or
//! view: [`Touched::All`]); a layout from scratch is the bodies in tree order.
//!
//! Where the lanes and boxes go is [`crate::lanes`]'s, the one layout of the lanes (the SVG
//! export uses it too), with the canvas's [`METRICS`], tree order, folded streets and slots; this
//! module keeps what each box shows, follows the edits, and converts to egui's rectangles.

use std::collections::{BTreeMap, BTreeSet};

use egui::{Pos2, Rect, Vec2, pos2, vec2};

use crate::analysis::summary::{FieldCounts, top_fields};
use crate::lanes::{self, BodyOrder, Metrics, Options, Slots, Streets, Width};
use crate::model::{BodyId, JurisdictionId, LeadMove, Level, PowerId, Role, State, Touched};

mod boxes;

#[allow(clippy::wildcard_imports)]
use boxes::*;

/// Width of the lane title column.
pub const LABEL_W: f32 = 100.0;
/// Width of a body box.
pub const BOX_W: f32 = 164.0;
/// Height of a collapsed body box: its name, its counts, and a row of field chips.
pub const BOX_H: f32 = 62.0;
/// How many field chips a box shows (the fields it leads most powers in).
pub const FIELD_CHIPS: usize = 3;
/// Gap between boxes.
pub const GAP: f32 = 10.0;
/// Height of one power chip.
pub const CHIP_H: f32 = 18.0;
/// Space above the first row of a lane.
pub const LANE_PAD: f32 = 10.0;
/// Smallest lane height (an empty lane is still a drop target).
pub const LANE_MIN_H: f32 = 88.0;
/// What a district lane with streets adds to the smallest height, for its fold control.
pub const FOLD_EXTRA_H: f32 = 20.0;

/// The canvas's sizes, for [`crate::lanes`].
pub const METRICS: Metrics = Metrics {
    label_w: LABEL_W,
    box_w: BOX_W,
    box_h: BOX_H,
    gap: GAP,
    lane_pad: LANE_PAD,
    lane_min_h: LANE_MIN_H,
    fold_extra_h: FOLD_EXTRA_H,
    chip_h: CHIP_H,
};

/// One lane.
#[derive(Clone, Debug, PartialEq)]
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
    /// For a district: how many streets it has (0: none, the lane does not fold).
    pub streets: usize,
    /// For a district with streets: how many bodies its streets hold.
    pub street_bodies: usize,
    /// For a district with streets: whether its streets' lanes are shown below it.
    pub open: bool,
    /// For a street: its district, whose lane it is a sub-lane of.
    pub district: Option<JurisdictionId>,
}

/// One chip: a holding of the body.
#[derive(Clone, Debug, PartialEq)]
pub struct Chip {
    /// The power.
    pub power: PowerId,
    /// The role of the holding.
    pub role: Role,
    /// Where it is.
    pub rect: Rect,
}

/// One body box.
#[derive(Clone, Debug, PartialEq)]
pub struct BodyBox {
    /// The body.
    pub id: BodyId,
    /// Index of its lane.
    pub lane: usize,
    /// How deep it sits under other bodies of the same lane (0: top).
    pub depth: usize,
    /// Its parent body, if any (in its lane or not).
    pub parent: Option<BodyId>,
    /// The box.
    pub rect: Rect,
    /// Lead holdings.
    pub leads: usize,
    /// Other holdings (assist, entrusted).
    pub others: usize,
    /// The fields it leads most powers in, with how many (at most [`FIELD_CHIPS`]).
    pub fields: Vec<(String, usize)>,
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
#[derive(Clone, Debug, Default, PartialEq)]
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
    /// How many boxes a row holds, as laid out (0: never laid out).
    columns: usize,
    /// The expanded bodies, as laid out.
    expanded: BTreeSet<BodyId>,
    /// The districts open into their streets, as laid out.
    open: BTreeSet<JurisdictionId>,
    /// The entrustments each power's holdings make, as (entrusted body, entrusting body), for
    /// the powers that make any.
    entrustments: BTreeMap<PowerId, BTreeSet<(BodyId, BodyId)>>,
    /// How many powers make each entrustment: `entrusted`, by body.
    entrustment_counts: BTreeMap<(BodyId, BodyId), usize>,
    /// Each lane's boxes in order, with the slots that bodies left.
    slots: Slots,
    /// Each power's field as the boxes show it: a change to a power's holdings re-reads only
    /// the bodies whose holdings changed, and only a change of its field every box that leads
    /// it (a province's power has a hundred leads, and each read counts a body's holdings).
    fields: rustc_hash::FxHashMap<PowerId, String>,
    /// Each box's body's lead powers counted by field (every field; the box shows the top
    /// few): an edit's lead holdings gained and lost move them, so a touched body's holdings
    /// are not counted again (a district's bureau holds thousands).
    field_counts: rustc_hash::FxHashMap<BodyId, FieldCounts>,
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

    /// How many boxes a row holds, as laid out (0: never laid out).
    pub fn columns(&self) -> usize {
        self.columns
    }

    /// Whether it was laid out with `columns` boxes per row and these bodies expanded.
    pub fn laid_out_for(&self, columns: usize, expanded: &BTreeSet<BodyId>) -> bool {
        self.columns == columns.max(1) && &self.expanded == expanded
    }

    /// The districts open into their streets, as laid out.
    pub fn open_districts(&self) -> &BTreeSet<JurisdictionId> {
        &self.open
    }

    /// [`Layout::update`] with the districts in `open` folded open into their streets' lanes
    /// (the others closed). Changing the open districts places every box again.
    pub fn update_open(
        &mut self,
        state: &State,
        columns: usize,
        expanded: &BTreeSet<BodyId>,
        open: &BTreeSet<JurisdictionId>,
        touched: &Touched,
        leads: Option<&[&[LeadMove]]>,
    ) {
        if &self.open == open {
            self.follow(state, columns, expanded, touched, leads);
            return;
        }
        self.open.clone_from(open);
        let all = Touched::All;
        let touched = if self.columns == 0 { &all } else { touched };
        match touched {
            Touched::All => self.update(state, columns, expanded, touched),
            Touched::Records(records) => {
                for power in &records.powers {
                    self.read_entrustments(state, power);
                }
                if let Some(moves) = leads {
                    self.count_lead_moves(moves);
                }
                let boxes = boxes_to_read(state, records, &mut self.fields);
                self.place(
                    state,
                    columns,
                    expanded,
                    |b| boxes.read.contains(b),
                    |b| leads.is_none() || boxes.recount.contains(b),
                );
            }
        }
    }

    /// Brings the layout in step with `state` after changes that touched `touched`, with
    /// `columns` boxes per row and the `expanded` bodies: what the changes touched is read
    /// again ([`Touched::All`]: everything), the rest kept. When every touched body stays where
    /// it was (same lane, same parent, as many chips) only their boxes change; otherwise every
    /// box is placed again. A layout never laid out must be given [`Touched::All`]. The open
    /// districts stay as they were laid out ([`Layout::update_open`] changes them).
    pub fn update(
        &mut self,
        state: &State,
        columns: usize,
        expanded: &BTreeSet<BodyId>,
        touched: &Touched,
    ) {
        self.follow(state, columns, expanded, touched, None);
    }

    /// [`Layout::update`], given also the lead holdings that the changes gained and lost
    /// (`leads`, from [`crate::session::Document::changes_since`]) when they are known: the
    /// field counts of a touched body follow them instead of being counted from its holdings.
    pub fn follow(
        &mut self,
        state: &State,
        columns: usize,
        expanded: &BTreeSet<BodyId>,
        touched: &Touched,
        leads: Option<&[&[LeadMove]]>,
    ) {
        match touched {
            Touched::All => {
                self.entrustments.clear();
                self.entrustment_counts.clear();
                self.slots.clear();
                self.field_counts.clear();
                self.fields = fields_of(state);
                for power in state.powers().keys() {
                    self.read_entrustments(state, power);
                }
                self.place(state, columns, expanded, |_| true, |_| true);
            }
            Touched::Records(records) => {
                let mut links_changed = false;
                for power in &records.powers {
                    links_changed |= self.read_entrustments(state, power);
                }
                // Moved by the fields as the boxes show them, before an edit of a field is read.
                if let Some(moves) = leads {
                    self.count_lead_moves(moves);
                }
                let in_place = self.laid_out_for(columns, expanded)
                    && records.bodies.iter().all(|b| self.stays_in_place(state, b));
                let boxes = boxes_to_read(state, records, &mut self.fields);
                let recount = |b: &BodyId| leads.is_none() || boxes.recount.contains(b);
                if in_place {
                    for body in &boxes.read {
                        self.read_box_in_place(state, body, recount(body));
                    }
                    self.count_folded(state);
                    if links_changed {
                        self.link_entrustments();
                    }
                } else {
                    self.place(
                        state,
                        columns,
                        expanded,
                        |b| boxes.read.contains(b),
                        recount,
                    );
                }
            }
        }
    }

    /// Reads the entrustments that a power's holdings make, in place of those it made; true if
    /// some pair of bodies gained its first entrustment or lost its last.
    fn read_entrustments(&mut self, state: &State, power: &PowerId) -> bool {
        let now: BTreeSet<(BodyId, BodyId)> = state
            .holdings_of_power(power)
            .filter_map(|h| match &h.role {
                Role::Entrusted { by } => Some((h.body.clone(), by.clone())),
                _ => None,
            })
            .collect();
        let mut changed = false;
        for pair in self.entrustments.remove(power).into_iter().flatten() {
            if let Some(n) = self.entrustment_counts.get_mut(&pair) {
                *n -= 1;
                if *n == 0 {
                    self.entrustment_counts.remove(&pair);
                    changed = true;
                }
            }
        }
        for pair in &now {
            let n = self.entrustment_counts.entry(pair.clone()).or_default();
            *n += 1;
            changed |= *n == 1;
        }
        if !now.is_empty() {
            self.entrustments.insert(power.clone(), now);
        }
        changed
    }

    /// The entrusted links between the boxes as they are placed.
    fn link_entrustments(&mut self) {
        self.entrusted = self
            .entrustment_counts
            .keys()
            .filter_map(|(a, b)| Some((*self.index.get(a)?, *self.index.get(b)?)))
            .collect();
    }

    /// Whether a body's box stays where it is: the body is in the lane and under the parent it
    /// was laid out with and, if expanded, holds as many powers as it has chips (or it is
    /// neither laid out nor in the state).
    fn stays_in_place(&self, state: &State, id: &BodyId) -> bool {
        match (state.body(id), self.body(id)) {
            (None, None) => true,
            // A body of a closed district's street has no box, before as after.
            (Some(body), None) => self.folded_away(state, &body.jurisdiction),
            (Some(body), Some(placed)) => {
                self.lanes
                    .get(placed.lane)
                    .is_some_and(|lane| lane.id == body.jurisdiction)
                    && placed.parent == body.parent
                    && (!self.expanded.contains(id)
                        || placed.chips.len() == state.powers_of_body(id).count())
            }
            _ => false,
        }
    }

    /// Whether a jurisdiction's bodies get no boxes: a street of a district that is closed.
    fn folded_away(&self, state: &State, jurisdiction: &JurisdictionId) -> bool {
        state
            .jurisdiction(jurisdiction)
            .is_some_and(|j| Streets::Open(&self.open).hides(j))
    }

    /// Counts again the bodies of each closed district's streets (bodies come and go there
    /// without boxes moving).
    fn count_folded(&mut self, state: &State) {
        if !self.lanes.iter().any(|l| l.streets > 0 && !l.open) {
            return;
        }
        let counts = lanes::street_counts(state);
        for lane in &mut self.lanes {
            if lane.streets > 0 {
                lane.street_bodies = counts.get(&lane.id).map_or(0, |c| c.bodies);
            }
        }
    }

    /// Reads a body's counts and chips again into its box, which stays where it is; its field
    /// counts from its holdings when `recount`, else as the lead moves left them.
    fn read_box_in_place(&mut self, state: &State, id: &BodyId, recount: bool) {
        let Some(&i) = self.index.get(id) else {
            return;
        };
        let counts = if recount {
            None
        } else {
            self.field_counts.remove(id)
        };
        let mut read = read_box(state, id, self.expanded.contains(id), counts);
        if let Some(placed) = self.boxes.get_mut(i) {
            place_chips(&mut read.chips, placed.rect.min);
            placed.leads = read.leads;
            placed.others = read.others;
            placed.fields = top_fields(&read.field_counts, FIELD_CHIPS);
            placed.chips = read.chips;
        }
        self.field_counts.insert(id.clone(), read.field_counts);
    }

    /// Places every lane and box again (with [`crate::lanes::lay_out`]); the counts and chips of
    /// a body are read from the state when `read_again` says so or its box was not laid out (or
    /// expanded) as it is now, and kept otherwise; its field counts are counted from its
    /// holdings when it had no box or `recount` says so, and kept otherwise.
    fn place(
        &mut self,
        state: &State,
        columns: usize,
        expanded: &BTreeSet<BodyId>,
        read_again: impl Fn(&BodyId) -> bool,
        recount: impl Fn(&BodyId) -> bool,
    ) {
        let columns = columns.max(1);
        let mut old_boxes = std::mem::take(&mut self.boxes);
        let old_index = std::mem::take(&mut self.index);
        let options = Options {
            metrics: METRICS,
            columns,
            order: BodyOrder::Tree,
            streets: Streets::Open(&self.open),
            width: Width::Columns,
            slots: Some(&self.slots),
        };
        let was_expanded = &self.expanded;
        let mut old_counts = std::mem::take(&mut self.field_counts);
        let count_again = |id: &BodyId, old: &rustc_hash::FxHashMap<BodyId, FieldCounts>| {
            (read_again(id) && recount(id)) || !old.contains_key(id)
        };
        let to_count = state
            .bodies()
            .keys()
            .filter(|id| count_again(id, &old_counts))
            .take(READ_FIELDS_AT_ONCE)
            .count();
        let mut every = (to_count >= READ_FIELDS_AT_ONCE)
            .then(|| crate::analysis::summary::lead_field_counts_of_every_body(state));
        let laid = lanes::lay_out(state, &options, |body| {
            let is_expanded = expanded.contains(&body.id);
            let counts = if count_again(&body.id, &old_counts) {
                every
                    .as_mut()
                    .map(|every| every.remove(&body.id).unwrap_or_default())
            } else {
                old_counts.remove(&body.id)
            };
            let kept = old_index
                .get(&body.id)
                .and_then(|&i| old_boxes.get_mut(i))
                .filter(|_| {
                    !read_again(&body.id) && was_expanded.contains(&body.id) == is_expanded
                });
            let read = match (kept, counts) {
                (Some(old), Some(field_counts)) => BoxRead {
                    leads: old.leads,
                    others: old.others,
                    field_counts,
                    chips: std::mem::take(&mut old.chips),
                },
                (_, counts) => read_box(state, &body.id, is_expanded, counts),
            };
            let chips = read.chips.len();
            (read, chips)
        });
        self.lanes = laid.lanes.iter().map(lane_of).collect();
        self.boxes.reserve(laid.boxes.len());
        for placed in laid.boxes {
            let BoxRead {
                leads,
                others,
                field_counts,
                mut chips,
            } = placed.content;
            let fields = top_fields(&field_counts, FIELD_CHIPS);
            self.field_counts
                .insert(placed.body.id.clone(), field_counts);
            let rect = egui_rect(placed.rect);
            place_chips(&mut chips, rect.min);
            self.index.insert(placed.body.id.clone(), self.boxes.len());
            self.boxes.push(BodyBox {
                id: placed.body.id.clone(),
                lane: placed.lane,
                depth: placed.depth,
                parent: placed.body.parent.clone(),
                rect,
                leads,
                others,
                fields,
                chips,
            });
        }
        self.slots = laid.slots;
        self.size = vec2(laid.size.w, laid.size.h);
        self.link_entrustments();
        self.columns = columns;
        self.expanded.clone_from(expanded);
    }
}

/// A rectangle of [`crate::lanes`] as egui's.
fn egui_rect(r: lanes::Rect) -> Rect {
    Rect::from_min_max(pos2(r.min.x, r.min.y), pos2(r.max.x, r.max.y))
}

/// A lane of [`crate::lanes`] as the canvas keeps it.
fn lane_of(lane: &lanes::Lane<'_>) -> Lane {
    Lane {
        id: lane.place.id.clone(),
        name: lane.place.name.clone(),
        level: lane.place.level,
        rect: egui_rect(lane.rect),
        bodies: lane.bodies,
        streets: lane.streets,
        street_bodies: lane.street_bodies,
        open: lane.open,
        district: lane.district.cloned(),
    }
}

impl Layout {
    /// The layout of `state` made from scratch, but with this layout's slots and open districts:
    /// what an incremental layout must equal.
    #[must_use]
    pub fn relaid(&self, state: &State, columns: usize, expanded: &BTreeSet<BodyId>) -> Layout {
        let mut out = Layout {
            slots: self.slots.clone(),
            open: self.open.clone(),
            fields: fields_of(state),
            ..Layout::default()
        };
        for power in state.powers().keys() {
            out.read_entrustments(state, power);
        }
        out.place(state, columns, expanded, |_| true, |_| true);
        out
    }
}

/// Lays out a state with `columns` boxes per row, from scratch.
pub fn layout(state: &State, columns: usize, expanded: &BTreeSet<BodyId>) -> Layout {
    let mut out = Layout::default();
    out.update(state, columns, expanded, &Touched::All);
    out
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod field_tests;
