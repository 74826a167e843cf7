//! Plain geometry for the lanes, in layout units (a canvas point at zoom 1, an SVG pixel): a
//! point, a size and an axis-aligned rectangle of `f32`. The window converts them to egui's
//! types where it draws; the core never sees egui.
//!
//! A rectangle is kept as its two corners and built as `min + size`, the same `f32` sums egui's
//! `Rect::from_min_size` makes, so a converted rectangle is exactly the one the window had when
//! it laid out with egui's types.

/// A point.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Point {
    /// Left to right.
    pub x: f32,
    /// Top to bottom.
    pub y: f32,
}

impl Point {
    /// The point at `x`, `y`.
    pub const fn new(x: f32, y: f32) -> Self {
        Self { x, y }
    }
}

/// A width and a height.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Size {
    /// The width.
    pub w: f32,
    /// The height.
    pub h: f32,
}

impl Size {
    /// The size `w` × `h`.
    pub const fn new(w: f32, h: f32) -> Self {
        Self { w, h }
    }
}

/// An axis-aligned rectangle: its top left and bottom right corners.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    /// The top left corner.
    pub min: Point,
    /// The bottom right corner.
    pub max: Point,
}

impl Rect {
    /// The rectangle of `size` whose top left corner is `min`.
    pub fn from_min_size(min: Point, size: Size) -> Self {
        Self {
            min,
            max: Point::new(min.x + size.w, min.y + size.h),
        }
    }

    /// Its width.
    pub fn width(&self) -> f32 {
        self.max.x - self.min.x
    }

    /// Its height.
    pub fn height(&self) -> f32 {
        self.max.y - self.min.y
    }
}
