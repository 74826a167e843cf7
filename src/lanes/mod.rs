//! The lanes graph laid out once, without egui, for the window's canvas and the SVG/PNG export:
//! one horizontal lane per jurisdiction (the city on top, each district below it followed by its
//! streets), the bodies of a lane as boxes flowing left to right in rows after its title column,
//! each lane as tall as its rows (and at least a minimum).
//!
//! What differs between the two pictures is an [`Options`], not a second algorithm: the sizes
//! ([`Metrics`]), the boxes a row holds, the order of a lane's bodies (the canvas puts each
//! sub-body right after its parent, the export sorts by id), which districts show their streets'
//! lanes (the canvas folds them, the export shows all), whether the picture is as wide as its
//! columns or as its widest row, and whether lanes keep stable slots (the canvas: a body that
//! leaves a lane leaves its slot empty, one that comes back takes it again; see [`Slot`]).
//!
//! A box's height follows what it stacks inside (the canvas's power chips of an expanded body);
//! what a box shows is the caller's: [`lay_out`] asks the caller for each placed body's content
//! and its chip count, and hands the content back with the box, so that the canvas can keep what
//! it read before and the export reads nothing. Drawing stays with each picture (the painter in
//! `ui::canvas`, the SVG writer in `io::export::svg`).
//!
//! Everything is linear in the plan but the tree order and the slots (a sorted set per lane), so
//! a plan of twenty thousand districts is laid out at once. The canvas keeps its layout and calls
//! this again only when boxes move (`ui::canvas::layout`).

mod geometry;
mod order;
mod slots;

use std::collections::BTreeSet;
use std::ops::Range;

pub use geometry::{Point, Rect, Size};
pub use order::{StreetCount, grouped, lane_order, street_counts};
pub use slots::{Slot, Slots};

use crate::model::{Body, Jurisdiction, JurisdictionId, Level, State};

/// The sizes of a picture, in its units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Metrics {
    /// Width of the lane title column.
    pub label_w: f32,
    /// Width of a body box.
    pub box_w: f32,
    /// Height of a box with no chips stacked in it.
    pub box_h: f32,
    /// Gap between boxes, between rows, and before the first box of a row.
    pub gap: f32,
    /// Space above the first row of a lane and below its last.
    pub lane_pad: f32,
    /// Smallest lane height (an empty lane is still a drop target).
    pub lane_min_h: f32,
    /// What a district lane with streets adds to the smallest height, for its fold control.
    pub fold_extra_h: f32,
    /// Height of one chip stacked in a box.
    pub chip_h: f32,
}

impl Metrics {
    /// The width of a picture whose rows hold `columns` boxes.
    pub fn width(&self, columns: usize) -> f32 {
        self.label_w + columns as f32 * (self.box_w + self.gap) + self.gap
    }

    /// The left edge of a box in column `col` (from 0).
    fn box_x(&self, col: usize) -> f32 {
        self.label_w + self.gap + col as f32 * (self.box_w + self.gap)
    }

    /// The height of a box with `chips` chips stacked in it.
    pub fn box_height(&self, chips: usize) -> f32 {
        if chips == 0 {
            self.box_h
        } else {
            self.box_h + chips as f32 * (self.chip_h + 2.0) + 4.0
        }
    }

    /// Where chip `k` (from 0) of a box goes, below the box's title; the box's top left corner
    /// at `corner`.
    pub fn chip_rect(&self, corner: Point, k: usize) -> Rect {
        let top = corner.y + self.box_h + k as f32 * (self.chip_h + 2.0);
        Rect::from_min_size(
            Point::new(corner.x + 6.0, top),
            Size::new(self.box_w - 12.0, self.chip_h),
        )
    }
}

/// The order of a lane's bodies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyOrder {
    /// Sorted by id.
    ById,
    /// In tree order: each body right after its parent (when the parent is in the same lane),
    /// siblings by id.
    Tree,
}

/// Which streets get lanes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Streets<'a> {
    /// Every street, below its district.
    All,
    /// Only the streets of these districts: the other districts are closed, their streets get
    /// no lanes and their bodies no boxes (a district's lane counts them instead).
    Open(&'a BTreeSet<JurisdictionId>),
}

impl Streets<'_> {
    /// Whether a jurisdiction's lane is folded away: a street of a district that is closed.
    pub fn hides(self, j: &Jurisdiction) -> bool {
        match self {
            Streets::All => false,
            Streets::Open(open) => {
                j.level == Level::Street && j.parent.as_ref().is_none_or(|d| !open.contains(d))
            }
        }
    }

    /// Whether a district shows its streets' lanes.
    fn opens(self, district: &JurisdictionId) -> bool {
        match self {
            Streets::All => true,
            Streets::Open(open) => open.contains(district),
        }
    }
}

/// How wide the picture is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Width {
    /// As wide as a row of [`Options::columns`] boxes, whatever the lanes hold.
    Columns,
    /// As wide as the widest row laid out (at least one box).
    Widest,
}

/// How to lay out: what differs between the pictures.
#[derive(Clone, Copy, Debug)]
pub struct Options<'a> {
    /// The sizes.
    pub metrics: Metrics,
    /// How many boxes a row holds (at least one).
    pub columns: usize,
    /// The order of a lane's bodies.
    pub order: BodyOrder,
    /// Which streets get lanes.
    pub streets: Streets<'a>,
    /// How wide the picture is.
    pub width: Width,
    /// The slots each lane had, to keep (`Some`, possibly empty: the layout returns the slots to
    /// keep), or no slots at all (`None`: the bodies in their order, none kept).
    pub slots: Option<&'a Slots>,
}

/// One lane, laid out.
#[derive(Clone, Debug, PartialEq)]
pub struct Lane<'s> {
    /// The jurisdiction.
    pub place: &'s Jurisdiction,
    /// The whole lane, title column included.
    pub rect: Rect,
    /// How many bodies it holds.
    pub bodies: usize,
    /// Its boxes, as indices into [`Layout::boxes`].
    pub boxes: Range<usize>,
    /// For a district: how many streets it has (0: none, the lane does not fold).
    pub streets: usize,
    /// For a district with streets: how many bodies its streets hold.
    pub street_bodies: usize,
    /// For a district with streets: whether its streets' lanes are shown below it.
    pub open: bool,
    /// For a street: its district, whose lane it is a sub-lane of.
    pub district: Option<&'s JurisdictionId>,
}

/// One body's box, laid out, with what the caller put in it.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed<'s, T> {
    /// The body.
    pub body: &'s Body,
    /// Index of its lane.
    pub lane: usize,
    /// How deep it sits under other bodies of the same lane (0: top; always 0 by id).
    pub depth: usize,
    /// The box.
    pub rect: Rect,
    /// What the caller gave for it.
    pub content: T,
}

/// The lanes laid out.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout<'s, T> {
    /// The lanes, top to bottom.
    pub lanes: Vec<Lane<'s>>,
    /// The boxes, lane by lane, each lane's row by row.
    pub boxes: Vec<Placed<'s, T>>,
    /// The size of everything (the lanes start at the origin).
    pub size: Size,
    /// The slots to keep, for the lanes laid out (empty without [`Options::slots`]).
    pub slots: Slots,
}

/// Lays out the lanes of `state`. `content` is asked, once for each body placed, what its box
/// holds and how many chips are stacked in it (which makes the box taller).
pub fn lay_out<'s, T>(
    state: &'s State,
    options: &Options<'_>,
    mut content: impl FnMut(&'s Body) -> (T, usize),
) -> Layout<'s, T> {
    let m = &options.metrics;
    let columns = options.columns.max(1);
    let streets = street_counts(state);
    let mut out = Layout {
        lanes: Vec::new(),
        boxes: Vec::new(),
        size: Size::default(),
        slots: Slots::new(),
    };
    let mut widest = 0;
    let mut y = 0.0;
    for (place, here) in grouped(state) {
        if options.streets.hides(place) {
            continue;
        }
        let count = match place.level {
            Level::District => streets.get(&place.id).copied().unwrap_or_default(),
            _ => StreetCount::default(),
        };
        let bodies = match options.order {
            BodyOrder::ById => here.iter().map(|&b| (b, 0)).collect(),
            BodyOrder::Tree => order::in_tree_order(state, &place.id, &here),
        };
        let arranged = match options.slots {
            // Only the lanes laid out keep their slots (a street folded away forgets its own).
            Some(slots) => {
                let (arranged, kept) = slots::arrange(slots.get(&place.id), &bodies);
                out.slots.insert(place.id.clone(), kept);
                arranged
            }
            None => bodies.iter().copied().map(Some).collect(),
        };
        widest = widest.max(arranged.len());
        let lane = out.lanes.len();
        let first = out.boxes.len();
        let bottom = flow(m, columns, y, lane, &arranged, &mut out.boxes, &mut content);
        // A district with streets has its fold control in the title column too.
        let min_h = if count.streets > 0 {
            m.lane_min_h + m.fold_extra_h
        } else {
            m.lane_min_h
        };
        let height = (bottom - y).max(min_h);
        out.lanes.push(Lane {
            place,
            rect: Rect::from_min_size(Point::new(0.0, y), Size::new(0.0, height)),
            bodies: bodies.len(),
            boxes: first..out.boxes.len(),
            streets: count.streets,
            street_bodies: count.bodies,
            open: count.streets > 0 && options.streets.opens(&place.id),
            district: (place.level == Level::Street)
                .then_some(place.parent.as_ref())
                .flatten(),
        });
        y += height;
    }
    let width = m.width(match options.width {
        Width::Columns => columns,
        Width::Widest => widest.clamp(1, columns),
    });
    for lane in &mut out.lanes {
        lane.rect.max.x = lane.rect.min.x + width;
    }
    out.size = Size::new(width, y);
    out
}

/// Places a lane's boxes in rows of `columns` from its top at `top` (an empty slot is as tall
/// as a box with no chips); returns the bottom of its content, padding included.
fn flow<'s, T>(
    m: &Metrics,
    columns: usize,
    top: f32,
    lane: usize,
    arranged: &[Option<(&'s Body, usize)>],
    boxes: &mut Vec<Placed<'s, T>>,
    content: &mut impl FnMut(&'s Body) -> (T, usize),
) -> f32 {
    let mut row_y = top + m.lane_pad;
    let mut row_h: f32 = 0.0;
    for (i, slot) in arranged.iter().enumerate() {
        let col = i % columns;
        if col == 0 && i > 0 {
            row_y += row_h + m.gap;
            row_h = 0.0;
        }
        let Some((body, depth)) = *slot else {
            // A slot a body left: kept empty, as tall as a box.
            row_h = row_h.max(m.box_h);
            continue;
        };
        let (content, chips) = content(body);
        let h = m.box_height(chips);
        row_h = row_h.max(h);
        boxes.push(Placed {
            body,
            lane,
            depth,
            rect: Rect::from_min_size(Point::new(m.box_x(col), row_y), Size::new(m.box_w, h)),
            content,
        });
    }
    row_y + row_h + m.lane_pad
}

#[cfg(test)]
#[allow(
    clippy::float_cmp,
    reason = "positions are sums of whole numbers, exact in f32"
)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{BodyId, BodyKind, Staffing, StateRecords};

    /// A state of these places (id, level, parent) and bodies (id, place, parent body), each
    /// named by its id.
    pub(crate) fn state_of(
        places: &[(&str, Level, Option<&str>)],
        bodies: &[(&str, &str, Option<&str>)],
    ) -> State {
        let place = |&(id, level, parent): &(&str, Level, Option<&str>)| Jurisdiction {
            id: id.into(),
            name: id.into(),
            level,
            parent: parent.map(Into::into),
        };
        let body = |&(id, j, parent): &(&str, &str, Option<&str>)| Body {
            id: id.into(),
            name: id.into(),
            kind: BodyKind::Admin,
            jurisdiction: j.into(),
            parent: parent.map(Into::into),
            tags: BTreeSet::new(),
            staffing: Staffing::default(),
            budget_wan: 0,
            standing: None,
            supervisor: None,
        };
        State::from_records(StateRecords {
            jurisdictions: places.iter().map(place).collect(),
            bodies: bodies.iter().map(body).collect(),
            ..StateRecords::default()
        })
        .expect("a valid state")
    }

    /// A city with bodies `a` and `a0`, and `z` under `a`; district `d` with street `s`, a body
    /// each.
    fn state() -> State {
        state_of(
            &[
                ("city", Level::City, None),
                ("d", Level::District, Some("city")),
                ("s", Level::Street, Some("d")),
            ],
            &[
                ("a", "city", None),
                ("z", "city", Some("a")),
                ("a0", "city", None),
                ("db", "d", None),
                ("sb", "s", None),
            ],
        )
    }

    const METRICS: Metrics = Metrics {
        label_w: 100.0,
        box_w: 50.0,
        box_h: 20.0,
        gap: 10.0,
        lane_pad: 5.0,
        lane_min_h: 40.0,
        fold_extra_h: 8.0,
        chip_h: 6.0,
    };

    fn options(order: BodyOrder, streets: Streets<'_>, width: Width) -> Options<'_> {
        Options {
            metrics: METRICS,
            columns: 2,
            order,
            streets,
            width,
            slots: None,
        }
    }

    fn ids<'s, T>(laid: &Layout<'s, T>) -> Vec<&'s str> {
        laid.boxes.iter().map(|b| b.body.id.as_str()).collect()
    }

    #[test]
    fn by_id_or_in_tree_order_wrapped_in_rows() {
        let state = state();
        let by_id = lay_out(
            &state,
            &options(BodyOrder::ById, Streets::All, Width::Widest),
            |_| ((), 0),
        );
        assert_eq!(ids(&by_id), ["a", "a0", "z", "db", "sb"]);
        let tree = lay_out(
            &state,
            &options(BodyOrder::Tree, Streets::All, Width::Columns),
            |_| ((), 0),
        );
        assert_eq!(ids(&tree), ["a", "z", "a0", "db", "sb"]);
        assert_eq!(tree.boxes[1].depth, 1);
        // Two a row: the third box of the city starts a second row.
        let third = tree.boxes[2].rect;
        assert_eq!((third.min.x, third.min.y), (110.0, 5.0 + 20.0 + 10.0));
        let city = tree.lanes[0].rect;
        assert_eq!(city.height(), 5.0 + 20.0 + 10.0 + 20.0 + 5.0);
        // The district lane is at least as tall as the minimum with its fold control.
        assert_eq!(tree.lanes[1].rect.height(), 48.0);
        assert_eq!(tree.lanes[1].boxes, 3..4);
        assert_eq!((tree.lanes[1].streets, tree.lanes[1].street_bodies), (1, 1));
        assert_eq!(
            tree.size,
            Size::new(100.0 + 2.0 * 60.0 + 10.0, 60.0 + 48.0 + 40.0)
        );
    }

    #[test]
    fn a_closed_district_hides_its_streets_and_a_box_grows_with_its_chips() {
        let state = state();
        let shut = BTreeSet::new();
        let sub = BodyId::new("z");
        let laid = lay_out(
            &state,
            &options(BodyOrder::Tree, Streets::Open(&shut), Width::Columns),
            |b| ((), if b.id == sub { 3 } else { 0 }),
        );
        assert_eq!(ids(&laid), ["a", "z", "a0", "db"]);
        assert_eq!(laid.lanes.len(), 2);
        assert!(!laid.lanes[1].open);
        assert_eq!(laid.boxes[1].rect.height(), METRICS.box_height(3));
        assert_eq!(METRICS.box_height(3), 20.0 + 3.0 * 8.0 + 4.0);
    }

    #[test]
    fn a_body_that_left_leaves_its_slot_empty() {
        let state = state();
        let mut slots = Slots::new();
        slots.insert(
            "city".into(),
            vec![Slot::Body("gone".into()), Slot::Body("a0".into())],
        );
        let laid = lay_out(
            &state,
            &Options {
                slots: Some(&slots),
                ..options(BodyOrder::ById, Streets::All, Width::Columns)
            },
            |_| ((), 0),
        );
        // `gone` keeps the first place empty; `a0` keeps the second; the rest follow.
        assert_eq!(laid.boxes[0].body.id.as_str(), "a0");
        assert_eq!(laid.boxes[0].rect.min.x, 110.0 + 60.0);
        assert_eq!(
            laid.slots.get(&JurisdictionId::new("city")).map(Vec::len),
            Some(4)
        );
    }
}
