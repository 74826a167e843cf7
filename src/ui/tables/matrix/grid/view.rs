//! Where the matrix sits on screen in one frame: the view's edges, the pinned columns (field,
//! 本市, 合计) and rows (the districts' header, 合计), and the district columns and field rows
//! in view, found by arithmetic so that only those are laid out.

use egui::{Pos2, Rect, Ui, pos2, vec2};

use super::{CELL_GAP, COLUMN_W, FIELD_W, ROW_GAP, TOTAL_W, row_height};

/// The matrix's geometry in one frame, in screen coordinates.
pub(super) struct View {
    /// The height of a row.
    pub(super) row_h: f32,
    /// The top left of the whole matrix (scrolled).
    origin: Pos2,
    /// The clip rectangle of the scroll area.
    clip: Rect,
    /// The whole matrix's width.
    pub(super) width: f32,
    /// The view's edges.
    pub(super) left: f32,
    pub(super) top: f32,
    pub(super) right: f32,
    pub(super) bottom: f32,
    /// The 本市 column's left.
    pub(super) city_sx: f32,
    /// Where the district columns start to scroll (after the 本市 column).
    pub(super) scroll_left: f32,
    /// The 合计 column's left: after the last district, or at the view's right edge.
    pub(super) total_sx: f32,
    /// The first field row's top, under the header row.
    pub(super) body_top: f32,
    /// The 合计 row's top: after the last field, or at the view's bottom edge.
    pub(super) totals_sy: f32,
    /// The district columns in view: from the first, up to (not with) the last.
    pub(super) first_col: usize,
    pub(super) last_col: usize,
    /// The field rows in view: from the first, up to (not with) the last.
    pub(super) first_row: usize,
    pub(super) last_row: usize,
}

impl View {
    /// Sizes the scroll area's content for the whole matrix of `columns` districts and `rows`
    /// fields (field column, 本市, the districts, 合计; header row, fields, 合计 row), and
    /// finds where `viewport` puts its parts.
    pub(super) fn new(ui: &mut Ui, columns: usize, rows: usize, viewport: Rect) -> Self {
        let row_h = row_height(ui);
        let origin = ui.max_rect().min;
        let n = columns;
        let districts_x = FIELD_W + COLUMN_W;
        let total_x = districts_x + n as f32 * COLUMN_W;
        let full = vec2(total_x + TOTAL_W, (rows + 2) as f32 * row_h);
        ui.set_min_size(full);
        let clip = ui.clip_rect();
        // The view's edges on screen.
        let left = origin.x + viewport.left();
        let top = origin.y + viewport.top();
        let right = origin.x + viewport.right();
        let bottom = origin.y + viewport.bottom();
        let city_sx = left + FIELD_W;
        let scroll_left = city_sx + COLUMN_W;
        let total_sx = (origin.x + total_x).min(right - TOTAL_W).max(scroll_left);
        let body_top = top + row_h;
        let totals_sy = (origin.y + (rows + 1) as f32 * row_h)
            .min(bottom - row_h)
            .max(body_top);
        // Visible district columns and field rows.
        let first_col = ((viewport.left() / COLUMN_W).floor().max(0.0) as usize).min(n);
        let last_col = ((((total_sx - origin.x) - districts_x) / COLUMN_W)
            .ceil()
            .max(0.0) as usize)
            .min(n);
        let first_row = ((viewport.top() / row_h).floor().max(0.0) as usize).min(rows);
        let last_row =
            ((((totals_sy - origin.y) / row_h) - 1.0).ceil().max(0.0) as usize).min(rows);
        Self {
            row_h,
            origin,
            clip,
            width: full.x,
            left,
            top,
            right,
            bottom,
            city_sx,
            scroll_left,
            total_sx,
            body_top,
            totals_sy,
            first_col,
            last_col,
            first_row,
            last_row,
        }
    }

    /// The left of district column `c`.
    pub(super) fn col_sx(&self, c: usize) -> f32 {
        let districts_x = FIELD_W + COLUMN_W;
        self.origin.x + districts_x + c as f32 * COLUMN_W
    }

    /// The top of field row `r`.
    pub(super) fn row_sy(&self, r: usize) -> f32 {
        self.origin.y + (r + 1) as f32 * self.row_h
    }

    /// A region of the screen, within the scroll area's clip.
    pub(super) fn region(&self, x0: f32, x1: f32, y0: f32, y1: f32) -> Rect {
        Rect::from_min_max(pos2(x0, y0), pos2(x1, y1)).intersect(self.clip)
    }

    /// A cell at (`x`, `y`) in a column `w` wide, less the gaps around it.
    pub(super) fn cell_rect(&self, x: f32, y: f32, w: f32) -> Rect {
        Rect::from_min_size(
            pos2(x, y + ROW_GAP / 2.0),
            vec2(w - CELL_GAP, self.row_h - ROW_GAP),
        )
    }
}
