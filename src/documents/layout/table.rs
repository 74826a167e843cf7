//! Tables: the text width shared by the columns' weights, cell text wrapped inside small
//! padding, the header row (黑体) repeated at the top of every page the table runs onto, rows
//! kept whole unless one is taller than a page, and a full grid of rules.

use super::wrap::{Line, wrap};
use super::{
    EPSILON_MM, Frame, Item, Layouter, MM_PER_PT, PAGE_NUMBER_POINTS, Style, TextMeasure, TextRun,
};
use crate::documents::fonts::FontRole;
use crate::documents::model::{Align, DocTable};

impl<M: TextMeasure> Layouter<'_, M> {
    pub(super) fn table(&mut self, table: &DocTable) {
        if table.columns.is_empty() {
            return;
        }
        let geometry = TableGeometry::new(table, self.frame);
        let header: Vec<Vec<Line<'_>>> = table
            .columns
            .iter()
            .zip(&geometry.widths)
            .map(|(column, width)| geometry.wrap_cell(column.header, *width, true, self.measure))
            .collect();
        let header_height = geometry.row_height(&header);
        let aligns: Vec<Align> = table.columns.iter().map(|c| c.align).collect();
        let mut part_top = self.start_table_part(&geometry, &header, header_height, None);
        for row in &table.rows {
            let cells: Vec<Vec<Line<'_>>> = geometry
                .widths
                .iter()
                .enumerate()
                .map(|(index, width)| {
                    let text = row.get(index).map_or("", String::as_str);
                    geometry.wrap_cell(text, *width, false, self.measure)
                })
                .collect();
            let height = geometry.row_height(&cells);
            if self.cursor + height > self.frame.bottom + EPSILON_MM {
                let page_room = self.frame.bottom - self.frame.top - header_height;
                if height <= page_room + EPSILON_MM {
                    self.end_table_part(&geometry, part_top);
                    self.new_page(self.landscape);
                    part_top =
                        self.start_table_part(&geometry, &header, header_height, Some(height));
                } else {
                    let split = SplitRow {
                        cells: &cells,
                        aligns: &aligns,
                        header: &header,
                        header_height,
                    };
                    part_top = self.split_row(&geometry, &split, part_top);
                    continue;
                }
            }
            self.place_cells(&geometry, &cells, 0, None, height, false, Some(&aligns));
        }
        self.end_table_part(&geometry, part_top);
        self.snap_to_grid();
    }

    /// Starts the table, or its continuation on a new page, with its header row; moves to a new
    /// page first if the header and the next row's first line do not fit. Returns the top of
    /// this page's part of the table.
    fn start_table_part(
        &mut self,
        geometry: &TableGeometry,
        header: &[Vec<Line<'_>>],
        header_height: f32,
        next_row_height: Option<f32>,
    ) -> f32 {
        let first_line = geometry.line_pitch + 2.0 * geometry.padding_y;
        let wanted = next_row_height.unwrap_or(first_line).min(first_line);
        self.make_room(header_height + wanted);
        let top = self.cursor;
        self.rule(self.frame.left, top, self.frame.right, top);
        self.place_cells(geometry, header, 0, None, header_height, true, None);
        top
    }

    /// Sets a row taller than a page: as many of its lines as fit on each page, the header
    /// repeated on every page it continues on. Returns the top of the last page's part.
    fn split_row(
        &mut self,
        geometry: &TableGeometry,
        row: &SplitRow<'_, '_>,
        mut part_top: f32,
    ) -> f32 {
        let total_lines = row.cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let mut first = 0;
        while first < total_lines {
            let room = self.frame.bottom - self.cursor - 2.0 * geometry.padding_y;
            let mut fitting = ((room + EPSILON_MM) / geometry.line_pitch).floor().max(0.0) as usize;
            let page_just_started = self.cursor <= part_top + row.header_height + EPSILON_MM;
            if fitting == 0 && page_just_started {
                // Not one line fits under the header even on a fresh page (a header taller than
                // the page): set a line anyway, past the margin, rather than loop.
                fitting = 1;
            }
            if fitting == 0 {
                self.end_table_part(geometry, part_top);
                self.new_page(self.landscape);
                part_top = self.start_table_part(geometry, row.header, row.header_height, None);
                continue;
            }
            let count = fitting.min(total_lines - first);
            let height = count as f32 * geometry.line_pitch + 2.0 * geometry.padding_y;
            self.place_cells(
                geometry,
                row.cells,
                first,
                Some(count),
                height,
                false,
                Some(row.aligns),
            );
            first += count;
        }
        part_top
    }

    /// Sets lines `first..first + count` (all, if `count` is `None`) of each cell in a row of
    /// `height` at the cursor, centred vertically when the whole row is set, draws the rule
    /// under it and moves the cursor below it. Headers are centred, body cells aligned by
    /// `aligns` (left when `None`).
    #[allow(clippy::too_many_arguments)]
    fn place_cells(
        &mut self,
        geometry: &TableGeometry,
        cells: &[Vec<Line<'_>>],
        first: usize,
        count: Option<usize>,
        height: f32,
        header: bool,
        aligns: Option<&[Align]>,
    ) {
        let style = geometry.style(header);
        let mut left = self.frame.left;
        for (index, (lines, width)) in cells.iter().zip(&geometry.widths).enumerate() {
            let shown = lines.iter().skip(first).take(count.unwrap_or(usize::MAX));
            let shown_count = lines
                .len()
                .saturating_sub(first)
                .min(count.unwrap_or(usize::MAX));
            let offset = if count.is_none() {
                (height - 2.0 * geometry.padding_y - shown_count as f32 * geometry.line_pitch) / 2.0
            } else {
                0.0
            };
            let centred = header
                || aligns
                    .and_then(|a| a.get(index))
                    .is_some_and(|a| *a == Align::Center);
            let mut line_top = self.cursor + geometry.padding_y + offset;
            for line in shown {
                let x_mm = if centred {
                    left + (width - line.width_mm) / 2.0
                } else {
                    left + geometry.padding_x
                };
                if !line.text.is_empty() {
                    self.push(Item::Text(TextRun {
                        role: style.role,
                        size_pt: style.size_pt,
                        x_mm,
                        baseline_mm: style.baseline_in_line(line_top, geometry.line_pitch),
                        letter_spacing_mm: 0.0,
                        text: line.text.to_owned(),
                    }));
                }
                line_top += geometry.line_pitch;
            }
            left += width;
        }
        self.cursor += height;
        self.rule(self.frame.left, self.cursor, self.frame.right, self.cursor);
    }

    /// Draws the vertical rules of this page's part of a table, from `top` to the cursor.
    fn end_table_part(&mut self, geometry: &TableGeometry, top: f32) {
        let mut x = self.frame.left;
        self.rule(x, top, x, self.cursor);
        for width in &geometry.widths {
            x += width;
            self.rule(x, top, x, self.cursor);
        }
    }
}

/// A row taller than a page, with what its continuation pages repeat.
struct SplitRow<'r, 'a> {
    cells: &'r [Vec<Line<'a>>],
    aligns: &'r [Align],
    header: &'r [Vec<Line<'a>>],
    header_height: f32,
}

/// The measures of a table: column widths, its text's size, padding and line pitch.
struct TableGeometry {
    widths: Vec<f32>,
    size_pt: f32,
    padding_x: f32,
    padding_y: f32,
    line_pitch: f32,
}

impl TableGeometry {
    fn new(table: &DocTable, frame: Frame) -> Self {
        let total: u32 = table.columns.iter().map(|c| u32::from(c.weight)).sum();
        let count = table.columns.len().max(1) as f32;
        let widths = table
            .columns
            .iter()
            .map(|column| {
                if total == 0 {
                    frame.width() / count
                } else {
                    frame.width() * f32::from(column.weight) / total as f32
                }
            })
            .collect();
        let size_pt = if table.font_decipoints == 0 {
            PAGE_NUMBER_POINTS
        } else {
            table.font_points()
        };
        let size_mm = size_pt * MM_PER_PT;
        Self {
            widths,
            size_pt,
            padding_x: 0.3 * size_mm,
            padding_y: 0.25 * size_mm,
            line_pitch: 1.35 * size_mm,
        }
    }

    fn style(&self, header: bool) -> Style {
        let role = if header {
            FontRole::Heading1
        } else {
            FontRole::Body
        };
        Style::plain(role, self.size_pt)
    }

    fn wrap_cell<'a>(
        &self,
        text: &'a str,
        width: f32,
        header: bool,
        measure: &impl TextMeasure,
    ) -> Vec<Line<'a>> {
        let inner = (width - 2.0 * self.padding_x).max(0.0);
        wrap(text, self.style(header), inner, inner, measure)
    }

    fn row_height(&self, cells: &[Vec<Line<'_>>]) -> f32 {
        let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
        lines as f32 * self.line_pitch + 2.0 * self.padding_y
    }
}
