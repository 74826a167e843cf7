//! Page layout of an official document (GB/T 9704): a [`Document`] becomes [`Page`]s of
//! positioned text runs and rules, measured with the real fonts' advances through
//! [`TextMeasure`]. The PDF writer draws these items as they are, and the window's preview can
//! draw the same items with a painter, so the two cannot disagree.
//!
//! Body text sits on the standard's grid: 22 lines of 28 characters on a portrait page (版心
//! 156 × 225 mm); a line of 三号 characters is 0.07 mm too wide for 28 in 156 mm, so body lines
//! are set with that much less space between characters, as Word's document grid does. Lines
//! break between any two Chinese characters and between Latin words, and closing punctuation
//! never starts a line: it hangs in the margin (标点悬挂), as Word allows by default; opening
//! punctuation never ends one. Tables share the text width by their columns' weights, repeat
//! their header on every page they run onto and split a row only when it is taller than a page.
//! Everything is linear in the amount of text.

use super::fonts::{FontFaces, FontRole};
use super::model::{Align, Block, DocTable, Document, page};

/// Millimetres per point.
pub const MM_PER_PT: f32 = 25.4 / 72.0;

/// The size of page numbers (四号).
pub const PAGE_NUMBER_POINTS: f32 = 14.0;

/// The pitch of body lines: the portrait text height shared by 22 lines.
pub fn line_pitch_mm() -> f32 {
    (page::A4_HEIGHT_MM - page::TOP_MM - page::BOTTOM_MM) / page::LINES_PER_PAGE as f32
}

/// The pitch of body characters: the portrait text width shared by 28 characters.
pub fn character_pitch_mm() -> f32 {
    (page::A4_WIDTH_MM - page::LEFT_MM - page::RIGHT_MM) / page::CHARS_PER_LINE as f32
}

/// The space added after each character of body text (negative: 三号 is a little wider than the
/// grid's pitch).
fn body_letter_spacing_mm() -> f32 {
    character_pitch_mm() - page::BODY_POINTS * MM_PER_PT
}

/// The top of a CJK character's em box above its baseline, in ems (ideographs span about
/// −0.12 to 0.88 em in Chinese fonts): used to centre text in its line.
const EM_BOX_ASCENT: f32 = 0.88;

/// Lengths under this are rounding, not overflow.
const EPSILON_MM: f32 = 0.01;

/// How wide a character is set: the layout's only question to the fonts.
pub trait TextMeasure {
    /// The advance of `character` in the font of `role`, in ems.
    fn advance_em(&self, role: FontRole, character: char) -> f32;
}

impl TextMeasure for FontFaces<'_> {
    fn advance_em(&self, role: FontRole, character: char) -> f32 {
        self.glyph(role, character).advance_em
    }
}

/// A laid-out page.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    /// Landscape (297 × 210 mm), else portrait.
    pub landscape: bool,
    /// The page's width in millimetres.
    pub width_mm: f32,
    /// The page's height in millimetres.
    pub height_mm: f32,
    /// What is drawn on it, in order.
    pub items: Vec<Item>,
}

/// Something drawn on a page.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// A run of text on one baseline, in one font and size.
    Text(TextRun),
    /// A straight line (a table's rule).
    Rule(Rule),
}

/// A run of text on one baseline.
#[derive(Clone, Debug, PartialEq)]
pub struct TextRun {
    /// The font's role.
    pub role: FontRole,
    /// The size in points.
    pub size_pt: f32,
    /// The left end of the run, in millimetres from the page's left edge.
    pub x_mm: f32,
    /// The baseline, in millimetres from the page's top edge.
    pub baseline_mm: f32,
    /// Space added after each character, in millimetres (may be negative).
    pub letter_spacing_mm: f32,
    /// The text (no line breaks).
    pub text: String,
}

/// A straight line, in millimetres from the page's top-left corner.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rule {
    /// Start, horizontal.
    pub x1_mm: f32,
    /// Start, vertical.
    pub y1_mm: f32,
    /// End, horizontal.
    pub x2_mm: f32,
    /// End, vertical.
    pub y2_mm: f32,
    /// The stroke width in points.
    pub width_pt: f32,
}

/// The stroke width of table rules.
const RULE_POINTS: f32 = 0.5;

/// The text area of a page, in millimetres from its top-left corner.
#[derive(Clone, Copy, Debug)]
struct Frame {
    left: f32,
    top: f32,
    right: f32,
    bottom: f32,
}

impl Frame {
    fn of(landscape: bool) -> Self {
        let [top, right, bottom, left] = page::margins(landscape);
        let (width, height) = page::size(landscape);
        Self {
            left,
            top,
            right: width - right,
            bottom: height - bottom,
        }
    }

    fn width(self) -> f32 {
        self.right - self.left
    }
}

/// How text is set: font, size and spacing.
#[derive(Clone, Copy, Debug)]
struct Style {
    role: FontRole,
    size_pt: f32,
    letter_spacing_mm: f32,
}

impl Style {
    fn body(role: FontRole) -> Self {
        Self {
            role,
            size_pt: page::BODY_POINTS,
            letter_spacing_mm: body_letter_spacing_mm(),
        }
    }

    fn plain(role: FontRole, size_pt: f32) -> Self {
        Self {
            role,
            size_pt,
            letter_spacing_mm: 0.0,
        }
    }

    fn size_mm(self) -> f32 {
        self.size_pt * MM_PER_PT
    }

    fn char_width(self, measure: &impl TextMeasure, character: char) -> f32 {
        measure.advance_em(self.role, character) * self.size_mm() + self.letter_spacing_mm
    }

    fn text_width(self, measure: &impl TextMeasure, text: &str) -> f32 {
        text.chars().map(|c| self.char_width(measure, c)).sum()
    }

    /// The baseline of text centred in a line of `pitch` starting at `top`.
    fn baseline_in_line(self, top: f32, pitch: f32) -> f32 {
        let size = self.size_mm();
        top + (pitch - size) / 2.0 + EM_BOX_ASCENT * size
    }
}

/// One line of wrapped text: a range of the source text and its width.
#[derive(Clone, Debug, PartialEq)]
pub struct Line<'a> {
    /// The text of the line.
    pub text: &'a str,
    /// Its width in millimetres.
    pub width_mm: f32,
}

/// Punctuation that never starts a line.
fn is_closing(c: char) -> bool {
    "，。、；：？！）」』》〉】〕｝〗”’％…·,.;:?!)]}%".contains(c)
}

/// Punctuation that never ends a line.
fn is_opening(c: char) -> bool {
    "（「『《〈【〔｛〖“‘([{".contains(c)
}

/// Characters that stay together as a word (Latin letters, digits, and what joins them).
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '/' | '%' | '\'' | '@' | '#')
}

/// What a unit of line breaking is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum UnitKind {
    /// A Chinese character or any other lone character.
    Single,
    /// A run of word characters.
    Word,
    /// A space.
    Space,
    /// Closing punctuation.
    Closing,
    /// Opening punctuation.
    Opening,
}

/// A unit of line breaking: bytes `start..end` of the text.
#[derive(Clone, Copy, Debug)]
struct Unit {
    start: usize,
    end: usize,
    width: f32,
    kind: UnitKind,
}

/// Cuts one line of text (no `\n`) into units.
fn units(text: &str, style: Style, measure: &impl TextMeasure) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    for (start, c) in text.char_indices() {
        let width = style.char_width(measure, c);
        let end = start + c.len_utf8();
        if is_word_char(c)
            && let Some(last) = units.last_mut()
            && last.kind == UnitKind::Word
            && last.end == start
        {
            last.end = end;
            last.width += width;
            continue;
        }
        let kind = if is_word_char(c) {
            UnitKind::Word
        } else if c.is_whitespace() {
            UnitKind::Space
        } else if is_closing(c) {
            UnitKind::Closing
        } else if is_opening(c) {
            UnitKind::Opening
        } else {
            UnitKind::Single
        };
        units.push(Unit {
            start,
            end,
            width,
            kind,
        });
    }
    units
}

/// A word wider than a whole line, cut into its characters.
fn characters_of(text: &str, unit: Unit, style: Style, measure: &impl TextMeasure) -> Vec<Unit> {
    text[unit.start..unit.end]
        .char_indices()
        .map(|(offset, c)| Unit {
            start: unit.start + offset,
            end: unit.start + offset + c.len_utf8(),
            width: style.char_width(measure, c),
            kind: UnitKind::Single,
        })
        .collect()
}

/// Wraps `text` into lines: the first at most `first_width` wide, the others `width`; `\n`
/// breaks a line. Closing punctuation that does not fit hangs past the width rather than start
/// a line; opening punctuation moves to the next line rather than end one.
fn wrap<'a>(
    text: &'a str,
    style: Style,
    first_width: f32,
    width: f32,
    measure: &impl TextMeasure,
) -> Vec<Line<'a>> {
    let mut lines = Vec::new();
    let mut base = 0;
    for hard_line in text.split('\n') {
        let next_base = base + hard_line.len() + 1;
        let hard_line = hard_line.trim_end_matches('\r');
        wrap_hard_line(
            text,
            base,
            hard_line,
            style,
            [first_width, width],
            measure,
            &mut lines,
        );
        base = next_base;
    }
    lines
}

/// Wraps one `\n`-free line of `text` (starting at byte `base`) into `lines`.
fn wrap_hard_line<'a>(
    text: &'a str,
    base: usize,
    hard_line: &str,
    style: Style,
    [first_width, width]: [f32; 2],
    measure: &impl TextMeasure,
    lines: &mut Vec<Line<'a>>,
) {
    let mut limit = if lines.is_empty() { first_width } else { width };
    let mut line_start = 0;
    let mut line_end = 0;
    let mut line_width = 0.0_f32;
    // The last unit on the line, to move an opening bracket down with what follows it.
    let mut last_unit: Option<Unit> = None;
    let mut pending: Vec<Unit> = units(hard_line, style, measure);
    pending.reverse();
    while let Some(unit) = pending.pop() {
        let line_is_empty = line_end == line_start;
        if line_is_empty && unit.kind == UnitKind::Space && !lines.is_empty() {
            line_start = unit.end;
            line_end = unit.end;
            continue;
        }
        let fits = line_width + unit.width <= limit + EPSILON_MM;
        if unit.kind == UnitKind::Word
            && !fits
            && (unit.width > width + EPSILON_MM || line_is_empty)
        {
            // Too wide for any line (or for this one, alone on it): break it between its
            // characters.
            let characters = characters_of(hard_line, unit, style, measure);
            pending.extend(characters.into_iter().rev());
            continue;
        }
        if line_is_empty || fits || unit.kind == UnitKind::Closing {
            line_end = unit.end;
            line_width += unit.width;
            last_unit = Some(unit);
            continue;
        }
        let mut next_start = unit.start;
        let mut carried_width = 0.0;
        if let Some(last) = last_unit
            && last.kind == UnitKind::Opening
            && last.start > line_start
        {
            next_start = last.start;
            carried_width = last.width;
            line_end = last.start;
            line_width -= last.width;
        }
        lines.push(Line {
            text: &text[base + line_start..base + line_end],
            width_mm: line_width.max(0.0),
        });
        limit = width;
        line_start = next_start;
        if unit.kind == UnitKind::Space && next_start == unit.start {
            // A space the line broke at is dropped.
            line_start = unit.end;
            line_end = unit.end;
            line_width = 0.0;
            last_unit = None;
        } else {
            line_end = unit.end;
            line_width = carried_width + unit.width;
            last_unit = Some(unit);
        }
    }
    lines.push(Line {
        text: &text[base + line_start..base + line_end],
        width_mm: line_width.max(0.0),
    });
}

/// Lays `document` out in pages, measuring text with `measure`.
pub fn layout(document: &Document, measure: &impl TextMeasure) -> Vec<Page> {
    let landscape = document.sections.first().is_some_and(|s| s.landscape);
    let mut layouter = Layouter::new(measure, landscape);
    layouter.front_matter(document);
    for section in &document.sections {
        if section.landscape != layouter.landscape {
            layouter.new_page(section.landscape);
        }
        for block in &section.blocks {
            match block {
                Block::Heading { level, text } => {
                    let role = if *level <= 1 {
                        FontRole::Heading1
                    } else {
                        FontRole::Heading2
                    };
                    layouter.heading(text, role);
                }
                Block::Paragraph(text) => layouter.paragraph(text, FontRole::Body),
                Block::Table(table) => layouter.table(table),
                Block::PageBreak => layouter.page_break(),
            }
        }
    }
    let mut pages = layouter.pages;
    number_pages(&mut pages, measure);
    pages
}

/// Adds 「— n —」 under the text area: odd pages at the right, even at the left, one character
/// in from the edge of the text, the dashes 7 mm below it (GB/T 9704 7.5).
fn number_pages(pages: &mut [Page], measure: &impl TextMeasure) {
    let style = Style::plain(FontRole::PageNumber, PAGE_NUMBER_POINTS);
    let inset = style.size_mm();
    for (index, page) in pages.iter_mut().enumerate() {
        let number = index + 1;
        let text = format!("— {number} —");
        let width = style.text_width(measure, &text);
        let frame = Frame::of(page.landscape);
        let x_mm = if number % 2 == 1 {
            frame.right - inset - width
        } else {
            frame.left + inset
        };
        // The dashes sit about a third of an em above the baseline.
        let baseline_mm = frame.bottom + 7.0 + 0.35 * style.size_mm();
        page.items.push(Item::Text(TextRun {
            role: style.role,
            size_pt: style.size_pt,
            x_mm,
            baseline_mm,
            letter_spacing_mm: 0.0,
            text,
        }));
    }
}

/// The state of the layout: the pages so far and where the next line goes.
struct Layouter<'m, M> {
    measure: &'m M,
    pages: Vec<Page>,
    landscape: bool,
    frame: Frame,
    /// The top of the next line, in millimetres from the page's top.
    cursor: f32,
}

impl<'m, M: TextMeasure> Layouter<'m, M> {
    fn new(measure: &'m M, landscape: bool) -> Self {
        let mut layouter = Self {
            measure,
            pages: Vec::new(),
            landscape,
            frame: Frame::of(landscape),
            cursor: 0.0,
        };
        layouter.new_page(landscape);
        layouter
    }

    /// Starts a page (or turns the current one, if nothing is on it yet).
    fn new_page(&mut self, landscape: bool) {
        let (width_mm, height_mm) = page::size(landscape);
        let fresh = Page {
            landscape,
            width_mm,
            height_mm,
            items: Vec::new(),
        };
        match self.pages.last_mut() {
            Some(last) if last.items.is_empty() => *last = fresh,
            _ => self.pages.push(fresh),
        }
        self.landscape = landscape;
        self.frame = Frame::of(landscape);
        self.cursor = self.frame.top;
    }

    fn page_break(&mut self) {
        self.new_page(self.landscape);
    }

    fn push(&mut self, item: Item) {
        if let Some(page) = self.pages.last_mut() {
            page.items.push(item);
        }
    }

    /// Makes room for `height` more: a new page if it does not fit on this one.
    fn make_room(&mut self, height: f32) {
        if self.cursor + height > self.frame.bottom + EPSILON_MM {
            self.new_page(self.landscape);
        }
    }

    /// Moves the cursor down to the next line of the body grid (after a table).
    fn snap_to_grid(&mut self) {
        let pitch = line_pitch_mm();
        let lines = ((self.cursor - self.frame.top) / pitch - EPSILON_MM).ceil();
        self.cursor = self.frame.top + lines.max(0.0) * pitch;
        if self.cursor > self.frame.bottom + EPSILON_MM {
            self.new_page(self.landscape);
        }
    }

    /// Sets wrapped lines, each in one line of the grid, starting `indent` in on the first line
    /// and at `align`.
    fn lines(&mut self, text: &str, style: Style, indent: f32, centred: bool) {
        let width = self.frame.width();
        let pitch = line_pitch_mm();
        for (index, line) in wrap(text, style, width - indent, width, self.measure)
            .into_iter()
            .enumerate()
        {
            self.make_room(pitch);
            let x_mm = if centred {
                self.frame.left + (width - line.width_mm) / 2.0
            } else if index == 0 {
                self.frame.left + indent
            } else {
                self.frame.left
            };
            let baseline_mm = style.baseline_in_line(self.cursor, pitch);
            self.push(Item::Text(TextRun {
                role: style.role,
                size_pt: style.size_pt,
                x_mm,
                baseline_mm,
                letter_spacing_mm: style.letter_spacing_mm,
                text: line.text.to_owned(),
            }));
            self.cursor += pitch;
        }
    }

    fn blank_line(&mut self) {
        self.cursor += line_pitch_mm();
    }

    /// The annex label (附件1, top left, then a blank line), the title (centred, 二号), the
    /// lines under it (centred, 楷体), and a blank line before the body.
    fn front_matter(&mut self, document: &Document) {
        if let Some(annex) = &document.annex {
            self.lines(annex, Style::body(FontRole::Heading1), 0.0, false);
            self.blank_line();
        }
        if !document.title.is_empty() {
            let title = Style::plain(FontRole::Title, page::TITLE_POINTS);
            self.lines(&document.title, title, 0.0, true);
        }
        for line in &document.subtitle {
            self.lines(line, Style::body(FontRole::Heading2), 0.0, true);
        }
        if !document.title.is_empty() || !document.subtitle.is_empty() {
            self.blank_line();
        }
    }

    fn paragraph(&mut self, text: &str, role: FontRole) {
        let style = Style::body(role);
        self.lines(text, style, 2.0 * character_pitch_mm(), false);
    }

    /// A heading: set like a paragraph, but never alone at the foot of a page.
    fn heading(&mut self, text: &str, role: FontRole) {
        self.make_room(2.0 * line_pitch_mm());
        self.paragraph(text, role);
    }

    fn table(&mut self, table: &DocTable) {
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

    fn rule(&mut self, x1_mm: f32, y1_mm: f32, x2_mm: f32, y2_mm: f32) {
        self.push(Item::Rule(Rule {
            x1_mm,
            y1_mm,
            x2_mm,
            y2_mm,
            width_pt: RULE_POINTS,
        }));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::model::{Column, Section};

    /// Chinese characters one em wide, everything else half an em: the shape of a CJK font.
    struct FixedMeasure;

    impl TextMeasure for FixedMeasure {
        fn advance_em(&self, _role: FontRole, character: char) -> f32 {
            if u32::from(character) >= 0x2E80 {
                1.0
            } else {
                0.5
            }
        }
    }

    fn body_width() -> f32 {
        Frame::of(false).width()
    }

    fn texts(page: &Page) -> Vec<&TextRun> {
        page.items
            .iter()
            .filter_map(|item| match item {
                Item::Text(run) => Some(run),
                Item::Rule(_) => None,
            })
            .collect()
    }

    #[test]
    fn twenty_eight_chinese_characters_fill_one_body_line() {
        let text = "职".repeat(28);
        let style = Style::body(FontRole::Body);
        let lines = wrap(&text, style, body_width(), body_width(), &FixedMeasure);
        assert_eq!(lines.len(), 1, "{lines:?}");
        let text = "职".repeat(29);
        assert_eq!(
            wrap(&text, style, body_width(), body_width(), &FixedMeasure).len(),
            2
        );
    }

    #[test]
    fn a_line_never_starts_with_closing_punctuation() {
        // 28 characters then a comma: the comma hangs on the first line.
        let text = format!("{}，{}。", "城".repeat(28), "管".repeat(40));
        let style = Style::body(FontRole::Body);
        let lines = wrap(&text, style, body_width(), body_width(), &FixedMeasure);
        assert!(lines.len() >= 2);
        for line in &lines {
            let first = line.text.chars().next();
            assert!(!first.is_some_and(is_closing), "{lines:?}");
        }
        assert!(lines[0].text.ends_with('，'));
        // Every character is kept, in order.
        let joined: String = lines.iter().map(|l| l.text).collect();
        assert_eq!(joined, text);
    }

    #[test]
    fn an_opening_bracket_moves_down_with_what_it_opens() {
        let text = format!("{}（一）", "城".repeat(27));
        let style = Style::body(FontRole::Body);
        let lines = wrap(&text, style, body_width(), body_width(), &FixedMeasure);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines[1].text.starts_with('（'));
    }

    #[test]
    fn latin_words_are_not_cut_unless_longer_than_a_line() {
        let text = format!("{}ABCDEFGH", "城".repeat(25));
        let style = Style::body(FontRole::Body);
        let lines = wrap(&text, style, body_width(), body_width(), &FixedMeasure);
        assert_eq!(lines[1].text, "ABCDEFGH");
        let long = "A".repeat(200);
        let lines = wrap(&long, style, body_width(), body_width(), &FixedMeasure);
        assert!(lines.len() > 1);
        assert!(
            lines
                .iter()
                .all(|l| l.width_mm <= body_width() + EPSILON_MM)
        );
    }

    #[test]
    fn a_portrait_page_holds_twenty_two_body_lines() {
        let document = Document {
            annex: None,
            title: String::new(),
            subtitle: Vec::new(),
            sections: vec![Section {
                landscape: false,
                blocks: vec![Block::Paragraph("城".repeat(28 * 22 - 2))],
            }],
        };
        let pages = layout(&document, &FixedMeasure);
        assert_eq!(pages.len(), 1);
        assert_eq!(texts(&pages[0]).len(), 22 + 1); // and the page number
    }

    fn table_document(rows: usize, cell: &str) -> Document {
        Document {
            annex: Some("附件1".into()),
            title: "职责划转表".into(),
            subtitle: Vec::new(),
            sections: vec![Section {
                landscape: false,
                blocks: vec![Block::Table(DocTable {
                    columns: vec![Column::center("序号", 4), Column::left("事项", 20)],
                    rows: (0..rows)
                        .map(|i| vec![(i + 1).to_string(), cell.to_owned()])
                        .collect(),
                    font_decipoints: 140,
                })],
            }],
        }
    }

    #[test]
    fn a_row_taller_than_a_page_is_split_and_the_header_repeats() {
        let document = table_document(1, &"划".repeat(2000));
        let pages = layout(&document, &FixedMeasure);
        assert!(pages.len() >= 3, "{}", pages.len());
        for page in &pages {
            let runs = texts(page);
            assert!(
                runs.iter().any(|r| r.text == "事项"),
                "header missing on a page"
            );
            for run in runs {
                assert!(run.baseline_mm < page.height_mm - page::BOTTOM_MM + 12.0);
            }
        }
        let set: usize = pages
            .iter()
            .flat_map(texts)
            .filter(|r| r.role == FontRole::Body)
            .map(|r| r.text.chars().count())
            .sum();
        assert_eq!(set, 2000 + 1);
    }

    #[test]
    fn rows_are_not_split_when_they_fit_a_page() {
        let document = table_document(60, &"划转事项".repeat(12));
        let pages = layout(&document, &FixedMeasure);
        assert!(pages.len() > 1);
        let mut lines_per_row = Vec::new();
        for page in &pages {
            let numbers = texts(page)
                .iter()
                .filter(|r| r.role == FontRole::Body && r.text.parse::<u32>().is_ok())
                .count();
            let cells = texts(page)
                .iter()
                .filter(|r| r.role == FontRole::Body && r.text.parse::<u32>().is_err())
                .count();
            // Every row's cell is as many lines long; a split row would leave a remainder.
            assert!(
                numbers > 0 && cells % numbers == 0,
                "{cells} lines, {numbers} rows"
            );
            lines_per_row.push(cells / numbers);
        }
        assert!(lines_per_row.windows(2).all(|w| w[0] == w[1]) && lines_per_row[0] > 1);
    }

    #[test]
    fn page_count_grows_linearly_with_rows() {
        let pages_of =
            |rows| layout(&table_document(rows, "城市管理综合行政执法"), &FixedMeasure).len();
        let small = pages_of(500);
        let large = pages_of(2000);
        assert!(
            large >= 4 * small - 4 && large <= 4 * small + 4,
            "{small} {large}"
        );
    }

    #[test]
    fn a_landscape_section_starts_a_landscape_page_and_numbers_alternate_sides() {
        let mut document = table_document(3, "城");
        document.sections.push(Section {
            landscape: true,
            blocks: vec![Block::Paragraph("横向".into())],
        });
        let pages = layout(&document, &FixedMeasure);
        assert_eq!(pages.len(), 2);
        assert!(!pages[0].landscape && pages[1].landscape);
        assert!((pages[1].width_mm - 297.0).abs() < 0.01);
        let number = |page: &Page| {
            texts(page)
                .into_iter()
                .find(|r| r.role == FontRole::PageNumber)
                .cloned()
        };
        let odd = number(&pages[0]).expect("page 1 has a number");
        let even = number(&pages[1]).expect("page 2 has a number");
        assert_eq!(odd.text, "— 1 —");
        assert!(odd.x_mm > 100.0, "odd numbers at the right");
        assert!(even.x_mm < 60.0, "even numbers at the left");
    }

    #[test]
    fn the_title_is_centred_and_the_annex_at_the_top_left() {
        let document = table_document(1, "城");
        let pages = layout(&document, &FixedMeasure);
        let runs = texts(&pages[0]);
        let annex = runs.iter().find(|r| r.text == "附件1").expect("annex");
        assert!((annex.x_mm - page::LEFT_MM).abs() < 0.01);
        let title = runs
            .iter()
            .find(|r| r.role == FontRole::Title)
            .expect("title");
        let width = Style::plain(FontRole::Title, page::TITLE_POINTS)
            .text_width(&FixedMeasure, &title.text);
        let centre = title.x_mm + width / 2.0;
        assert!((centre - (page::LEFT_MM + body_width() / 2.0)).abs() < 0.01);
    }
}
