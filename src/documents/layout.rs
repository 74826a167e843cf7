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
use super::model::{Block, Document, page};

mod table;
#[cfg(test)]
mod tests;
mod wrap;

pub use wrap::Line;
use wrap::wrap;

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

/// Nominal widths: a full em for CJK and full-width characters (from U+2E80 on, and the dashes,
/// ellipsis and quotation marks a CJK font sets full width), half an em for the rest. The layout's tests use it, and the window's preview,
/// which draws with its own fonts (the written file is measured by the real ones).
#[derive(Clone, Copy, Debug, Default)]
pub struct NominalWidths;

impl TextMeasure for NominalWidths {
    fn advance_em(&self, _role: FontRole, character: char) -> f32 {
        if u32::from(character) >= 0x2E80 || matches!(character, '—' | '…' | '“' | '”' | '‘' | '’')
        {
            1.0
        } else {
            0.5
        }
    }
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

/// Lays `document` out in pages, measuring text with `measure`.
pub fn layout(document: &Document, measure: &impl TextMeasure) -> Vec<Page> {
    let landscape = document.sections.first().is_some_and(|s| s.landscape);
    let mut layouter = Layouter::new(measure, landscape);
    layouter.front_matter(document);
    for section in &document.sections {
        if section.landscape != layouter.landscape {
            layouter.new_page(section.landscape);
        }
        for (index, block) in section.blocks.iter().enumerate() {
            match block {
                Block::Heading { level, text } => {
                    let role = if *level <= 1 {
                        FontRole::Heading1
                    } else {
                        FontRole::Heading2
                    };
                    // A table's start (header and a row) takes about three lines.
                    let next_lines = match section.blocks.get(index + 1) {
                        Some(Block::Table(_)) => 3.0,
                        _ => 1.0,
                    };
                    layouter.heading(text, role, next_lines);
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

/// The space to add between the characters of a line so that it ends at the right edge
/// (两端对齐), as Word justifies Chinese text: none for the last line of a paragraph, a line
/// already full (or hanging a punctuation mark), or one so short that spreading it would gape
/// (more than half an em between characters).
fn justification_mm(line: &Line<'_>, available: f32, style: Style) -> f32 {
    let gaps = line.text.chars().count().saturating_sub(1);
    if line.ends_hard_line || gaps == 0 || line.width_mm >= available {
        return 0.0;
    }
    let extra = (available - line.width_mm) / gaps as f32;
    if extra > 0.5 * style.size_mm() {
        0.0
    } else {
        extra
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
            let letter_spacing_mm = if centred {
                style.letter_spacing_mm
            } else {
                let available = width - if index == 0 { indent } else { 0.0 };
                style.letter_spacing_mm + justification_mm(&line, available, style)
            };
            self.push(Item::Text(TextRun {
                role: style.role,
                size_pt: style.size_pt,
                x_mm,
                baseline_mm,
                letter_spacing_mm,
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

    /// A heading: set like a paragraph, but never alone at the foot of a page: it moves to the
    /// next page unless `next_lines` lines of what follows fit under it.
    fn heading(&mut self, text: &str, role: FontRole, next_lines: f32) {
        self.make_room((1.0 + next_lines) * line_pitch_mm());
        self.paragraph(text, role);
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
