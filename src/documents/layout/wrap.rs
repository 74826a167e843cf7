//! Line breaking: text cut into lines of a width, between any two Chinese characters and
//! between Latin words, closing punctuation never starting a line (it hangs past the width,
//! 标点悬挂) and opening punctuation never ending one (it moves down with what it opens).
//! Linear in the text.

use super::{EPSILON_MM, Style, TextMeasure};

/// One line of wrapped text: a range of the source text and its width.
#[derive(Clone, Debug, PartialEq)]
pub struct Line<'a> {
    /// The text of the line.
    pub text: &'a str,
    /// Its width in millimetres.
    pub width_mm: f32,
    /// Whether it ends its paragraph or a `\n` (a line that is not justified).
    pub ends_hard_line: bool,
}

/// Punctuation that never starts a line.
pub(super) fn is_closing(c: char) -> bool {
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
pub(super) fn wrap<'a>(
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
            ends_hard_line: false,
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
        ends_hard_line: true,
    });
}
