//! The lanes graph as SVG and PNG: one horizontal lane per jurisdiction (the city on top, then
//! each district followed by its streets), each body a box in its lane with its name, its lead /
//! assist / entrusted counts and chips for the fields it leads most. A body with an overlap or an
//! error is outlined in red.
//!
//! Chinese is written as SVG text with a CJK font-family list, so a browser uses whatever CJK
//! font it has; the PNG is rendered from the same SVG by resvg with the system fonts loaded
//! (fonts-noto-cjk on Debian).
//!
//! Where the lanes and boxes go is [`crate::lanes`]'s, the layout the window's canvas uses too,
//! with this picture's sizes: every body sorted by id, every street's lane shown, six boxes a
//! row, the picture as wide as its widest row.
//!
//! Every cost is linear in the plan: the lanes and their bodies are grouped in one pass, every
//! drawn text is cut to the room it has (a title of a megabyte is drawn as its first line with
//! an ellipsis, and stays whole in `<title>`), and a graph whose picture would exceed
//! [`MAX_PNG_PIXELS`] at its natural size is refused as a PNG before anything is rendered (the
//! SVG of any size is written in seconds).

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::table::{self, ExportContext};
use super::{ExportError, display_width, is_replaced_in_documents, is_wide};
use crate::analysis::{FindingKind, Severity};
use crate::lanes::{self, BodyOrder, Metrics, Options, Streets, Width};
use crate::model::{Body, BodyId, Level, Role, State};

/// The CJK font list of every text in the graph.
pub const FONT_FAMILY: &str = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'WenQuanYi Micro Hei', 'Noto Sans SC', sans-serif";

/// The sizes of the picture: a lane is as tall as its rows of boxes (one at least), with a gap
/// above, between and below them.
const METRICS: Metrics = Metrics {
    label_w: 150.0,
    box_w: 230.0,
    box_h: 78.0,
    gap: 12.0,
    lane_pad: 12.0,
    lane_min_h: 78.0 + 2.0 * 12.0,
    fold_extra_h: 0.0,
    chip_h: 0.0,
};
/// How the picture is laid out: bodies by id, every street shown, six boxes a row, as wide as
/// the widest row, no slots.
const OPTIONS: Options<'static> = Options {
    metrics: METRICS,
    columns: 6,
    order: BodyOrder::ById,
    streets: Streets::All,
    width: Width::Widest,
    slots: None,
};
const TITLE_H: f32 = 64.0;
const MARGIN: f32 = 16.0;
/// The columns of the drawn title (at 20 px, wider than any sheet it is printed on).
const TITLE_COLUMNS: usize = 120;

/// Escapes text for XML (and HTML) content and attributes: the five specials as entities, a
/// carriage return as `&#13;`, and the characters XML forbids or a reader misreads (see
/// [`is_replaced_in_documents`]) as U+FFFD, so the document always parses.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\r' => out.push_str("&#13;"),
            c if is_replaced_in_documents(c) => out.push(char::REPLACEMENT_CHARACTER),
            c => out.push(c),
        }
    }
    out
}

/// A text as one drawn line of at most `columns` display columns: line breaks become spaces,
/// and a longer text is cut with an ellipsis. Reads no further than the cut, so a text of a
/// megabyte costs what its first line does.
fn one_line(text: &str, columns: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    let mut cut_at = None;
    for c in text.chars() {
        let c = if matches!(c, '\n' | '\r' | '\t') {
            ' '
        } else {
            c
        };
        let w = if is_wide(c) { 2 } else { 1 };
        // Room for the ellipsis (two columns) is kept until the text is known to fit.
        if cut_at.is_none() && used + w + 2 > columns {
            cut_at = Some(out.len());
        }
        if used + w > columns {
            if let Some(at) = cut_at {
                out.truncate(at);
            }
            out.push('…');
            return out;
        }
        used += w;
        out.push(c);
    }
    out
}

struct BodyBox {
    name: String,
    lead: usize,
    assist: usize,
    entrusted: usize,
    chips: Vec<(String, usize)>,
    flagged: bool,
    kind_fill: &'static str,
}

fn body_box(ctx: &ExportContext, body: &Body, flagged: &BTreeSet<&BodyId>) -> BodyBox {
    let state = &ctx.after;
    let (mut lead, mut assist, mut entrusted) = (0, 0, 0);
    for h in state.holdings_of_body(&body.id) {
        match h.role {
            Role::Lead => lead += 1,
            Role::Assist => assist += 1,
            Role::Entrusted { .. } => entrusted += 1,
        }
    }
    let chips = crate::analysis::summary::lead_fields(state, &body.id, 3);
    let kind_fill = match body.kind {
        crate::model::BodyKind::Admin => "#eef3fb",
        crate::model::BodyKind::Institution => "#f1f8ee",
        crate::model::BodyKind::Enforcement => "#fdf3e7",
        crate::model::BodyKind::Enterprise => "#f4f0fa",
    };
    BodyBox {
        name: body.name.clone(),
        lead,
        assist,
        entrusted,
        chips,
        flagged: flagged.contains(&body.id),
        kind_fill,
    }
}

/// Where everything goes: the lanes and boxes ([`crate::lanes`]) and the picture's size, with
/// its margins and title.
struct Layout<'a> {
    lanes: lanes::Layout<'a, ()>,
    width: f32,
    height: f32,
}

impl<'a> Layout<'a> {
    fn of(state: &'a State) -> Self {
        let lanes = lanes::lay_out(state, &OPTIONS, |_| ((), 0));
        let width = MARGIN * 2.0 + lanes.size.w;
        let height = MARGIN * 2.0 + TITLE_H + lanes.size.h;
        Self {
            lanes,
            width,
            height,
        }
    }

    /// The picture's pixels at its natural size.
    fn pixels(&self) -> f64 {
        f64::from(self.width) * f64::from(self.height)
    }

    /// Refuses a picture larger than [`MAX_PNG_PIXELS`] at its natural size.
    fn fits_a_png(&self) -> Result<(), ExportError> {
        if self.pixels() <= MAX_PNG_PIXELS {
            return Ok(());
        }
        Err(ExportError::TooLargeForPng {
            lanes: self.lanes.lanes.len(),
            bodies: self.lanes.boxes.len(),
            width: self.width.ceil() as u64,
            height: self.height.ceil() as u64,
            budget_millions: (MAX_PNG_PIXELS / 1e6) as u64,
        })
    }
}

/// The lanes graph of the exported state as an SVG document.
pub fn lanes_svg(ctx: &ExportContext) -> String {
    svg_of(ctx, &Layout::of(&ctx.after))
}

fn svg_of(ctx: &ExportContext, layout: &Layout) -> String {
    let flagged: BTreeSet<&BodyId> = ctx
        .analysis
        .findings()
        .filter(|f| f.kind == FindingKind::Overlap || f.severity == Severity::Error)
        .flat_map(|f| f.bodies.iter())
        .collect();
    let (width, height) = (layout.width, layout.height);
    // About 600 bytes a body: one allocation for the whole document.
    let mut out = String::with_capacity(4096 + layout.lanes.boxes.len() * 640);
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="{}" role="img">"#,
        xml_escape(FONT_FAMILY)
    );
    // The whole title in the metadata; the drawn title is cut to its line.
    let _ = writeln!(
        out,
        r##"<title>{}</title><rect x="0" y="0" width="{width:.0}" height="{height:.0}" fill="#ffffff"/>"##,
        xml_escape(&format!(
            "{} · {} · 机构分布图",
            ctx.title,
            ctx.state_name()
        ))
    );
    let figures = table::headline(ctx)
        .into_iter()
        .map(|(k, v)| format!("{k} {v}"))
        .collect::<Vec<_>>()
        .join("　");
    let _ = writeln!(
        out,
        r##"<text x="{MARGIN}" y="{:.0}" font-size="20" font-weight="bold" fill="#1f2d3d">{}</text>"##,
        MARGIN + 22.0,
        xml_escape(&one_line(
            &format!("{}（{}）", ctx.title, ctx.state_name()),
            TITLE_COLUMNS
        ))
    );
    let _ = writeln!(
        out,
        r##"<text x="{MARGIN}" y="{:.0}" font-size="13" fill="#44546a">{}</text>"##,
        MARGIN + 46.0,
        xml_escape(&figures)
    );
    for (i, lane) in layout.lanes.lanes.iter().enumerate() {
        let (y, h) = (MARGIN + TITLE_H + lane.rect.min.y, lane.rect.height());
        let fill = match lane.place.level {
            Level::City => "#e8eef7",
            Level::District => {
                if i % 2 == 0 {
                    "#f6f8fb"
                } else {
                    "#eef2f7"
                }
            }
            Level::Street => "#fafafa",
        };
        let _ = writeln!(
            out,
            r##"<rect x="{MARGIN}" y="{y:.0}" width="{:.0}" height="{h:.0}" fill="{fill}" stroke="#c5cfdc"/>"##,
            width - 2.0 * MARGIN
        );
        let _ = writeln!(
            out,
            r##"<text x="{:.0}" y="{:.0}" font-size="16" font-weight="bold" fill="#1f2d3d">{}</text><text x="{:.0}" y="{:.0}" font-size="12" fill="#5b6b7f">{} · 机构 {} 个</text>"##,
            MARGIN + 10.0,
            y + 28.0,
            xml_escape(&one_line(&lane.place.name, 16)),
            MARGIN + 10.0,
            y + 48.0,
            crate::text::Label::label(&lane.place.level, crate::text::Lang::Zh),
            lane.bodies
        );
        for placed in &layout.lanes.boxes[lane.boxes.clone()] {
            let b = body_box(ctx, placed.body, &flagged);
            let bx = MARGIN + placed.rect.min.x;
            let by = MARGIN + TITLE_H + placed.rect.min.y;
            let (box_w, box_h) = (placed.rect.width(), placed.rect.height());
            let (stroke, stroke_w) = if b.flagged {
                ("#c62828", 2.5)
            } else {
                ("#7b8ba1", 1.0)
            };
            let _ = writeln!(
                out,
                r##"<g><rect x="{bx:.0}" y="{by:.0}" width="{box_w}" height="{box_h}" rx="6" fill="{}" stroke="{stroke}" stroke-width="{stroke_w}"/><text x="{:.0}" y="{:.0}" font-size="14" fill="#1f2d3d">{}</text><text x="{:.0}" y="{:.0}" font-size="12" fill="#44546a">主办 {} · 协办 {} · 受委托 {}</text>"##,
                b.kind_fill,
                bx + 8.0,
                by + 20.0,
                xml_escape(&one_line(&b.name, 30)),
                bx + 8.0,
                by + 40.0,
                b.lead,
                b.assist,
                b.entrusted
            );
            let mut cx = bx + 8.0;
            for (field, n) in &b.chips {
                let label = format!("{} {n}", one_line(field, 8));
                let w = display_width(&label) as f32 * 5.5 + 10.0;
                if cx + w > bx + box_w - 4.0 {
                    break;
                }
                let _ = write!(
                    out,
                    r##"<rect x="{cx:.0}" y="{:.0}" width="{w:.0}" height="18" rx="9" fill="#dde7f3"/><text x="{:.0}" y="{:.0}" font-size="11" fill="#2b4a6f">{}</text>"##,
                    by + 50.0,
                    cx + 5.0,
                    by + 63.0,
                    xml_escape(&label)
                );
                cx += w + 4.0;
            }
            out.push_str("</g>\n");
        }
    }
    out.push_str("</svg>\n");
    out
}

/// The largest PNG rendered, in pixels (a quarter of a gigabyte of pixels in memory). A graph
/// larger than this at its natural size is refused; a smaller one is drawn at up to 1.5 times.
pub const MAX_PNG_PIXELS: f64 = 64_000_000.0;

/// How much larger than its natural size the PNG is drawn, where the budget allows.
const PNG_SCALE: f64 = 1.5;

/// Refuses a state whose graph would exceed [`MAX_PNG_PIXELS`] at its natural size: asked
/// before the state is analysed, so a province is refused at once.
pub fn png_fits(state: &State) -> Result<(), ExportError> {
    Layout::of(state).fits_a_png()
}

/// The lanes graph rendered to PNG, with the system's fonts (CJK included); refused before any
/// drawing when the picture would exceed [`MAX_PNG_PIXELS`] at its natural size.
pub fn lanes_png(ctx: &ExportContext) -> Result<Vec<u8>, ExportError> {
    let layout = Layout::of(&ctx.after);
    layout.fits_a_png()?;
    let scale = PNG_SCALE.min((MAX_PNG_PIXELS / layout.pixels()).sqrt());
    svg_to_png(&svg_of(ctx, &layout), scale as f32)
}

/// Renders an SVG document to PNG at a scale (lowered to keep within [`MAX_PNG_PIXELS`]),
/// loading the system fonts.
pub fn svg_to_png(svg: &str, scale: f32) -> Result<Vec<u8>, ExportError> {
    use resvg::{tiny_skia, usvg};
    let mut options = usvg::Options {
        font_family: "Noto Sans CJK SC".to_owned(),
        ..usvg::Options::default()
    };
    options.fontdb_mut().load_system_fonts();
    let tree =
        usvg::Tree::from_str(svg, &options).map_err(|e| ExportError::Render(e.to_string()))?;
    let size = tree.size();
    let mut scale = scale;
    let pixels = size.width() * size.height() * scale * scale;
    if f64::from(pixels) > MAX_PNG_PIXELS {
        scale *= (MAX_PNG_PIXELS as f32 / pixels).sqrt();
    }
    let w = (size.width() * scale).ceil().max(1.0) as u32;
    let h = (size.height() * scale).ceil().max(1.0) as u32;
    let mut pixmap = tiny_skia::Pixmap::new(w, h)
        .ok_or_else(|| ExportError::Render(format!("cannot make a {w}×{h} image")))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| ExportError::Render(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_xml_forbids_is_replaced_and_the_rest_escaped() {
        assert_eq!(
            xml_escape("a\u{0}b\u{1b}c\u{fffe}d\u{ffff}e\u{85}f"),
            "a\u{fffd}b\u{fffd}c\u{fffd}d\u{fffd}e\u{fffd}f"
        );
        assert_eq!(
            xml_escape("<&>\"'\t\n\r"),
            "&lt;&amp;&gt;&quot;&#39;\t\n&#13;"
        );
    }

    #[test]
    fn a_drawn_text_is_one_line_cut_with_an_ellipsis() {
        assert_eq!(one_line("甲乙", 10), "甲乙");
        assert_eq!(one_line("第一行\n第二行", 40), "第一行 第二行");
        let long = "城".repeat(1_000_000);
        let cut = one_line(&long, TITLE_COLUMNS);
        assert!(display_width(&cut) <= TITLE_COLUMNS, "{}", cut.len());
        assert!(cut.ends_with('…'));
    }
}
