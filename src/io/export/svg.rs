//! The lanes graph as SVG and PNG: one horizontal lane per jurisdiction (the city on top, then
//! each district followed by its streets), each body a box in its lane with its name, its lead /
//! assist / entrusted counts and chips for the fields it leads most. A body with an overlap or an
//! error is outlined in red.
//!
//! Chinese is written as SVG text with a CJK font-family list, so a browser uses whatever CJK
//! font it has; the PNG is rendered from the same SVG by resvg with the system fonts loaded
//! (fonts-noto-cjk on Debian).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::table::{self, ExportContext};
use super::{ExportError, display_width, is_wide};
use crate::analysis::{FindingKind, Severity};
use crate::model::{BodyId, Jurisdiction, Level, Role};

/// The CJK font list of every text in the graph.
pub const FONT_FAMILY: &str = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'WenQuanYi Micro Hei', 'Noto Sans SC', sans-serif";

const LABEL_W: f32 = 150.0;
const BOX_W: f32 = 230.0;
const BOX_H: f32 = 78.0;
const GAP: f32 = 12.0;
const PER_ROW: usize = 6;
const TITLE_H: f32 = 64.0;
const MARGIN: f32 = 16.0;

/// Escapes text for XML content and attributes.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Cuts a text to at most `columns` display columns, with an ellipsis when cut.
fn fit(text: &str, columns: usize) -> String {
    if display_width(text) <= columns {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = if is_wide(c) { 2 } else { 1 };
        if used + w + 2 > columns {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// The jurisdictions in lane order: the city, then each district followed by its streets.
pub fn lane_order(ctx: &ExportContext) -> Vec<&Jurisdiction> {
    let state = &ctx.after;
    let mut lanes: Vec<&Jurisdiction> = state
        .jurisdictions()
        .values()
        .filter(|j| j.level == Level::City)
        .collect();
    for district in state.districts() {
        lanes.push(district);
        lanes.extend(
            state
                .jurisdictions()
                .values()
                .filter(|j| j.level == Level::Street && j.parent.as_ref() == Some(&district.id)),
        );
    }
    // Streets whose district is missing still get a lane.
    for j in state.jurisdictions().values() {
        if !lanes.iter().any(|l| l.id == j.id) {
            lanes.push(j);
        }
    }
    lanes
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

fn body_box(ctx: &ExportContext, id: &BodyId, flagged: &BTreeSet<&BodyId>) -> Option<BodyBox> {
    let state = &ctx.after;
    let body = state.body(id)?;
    let (mut lead, mut assist, mut entrusted) = (0, 0, 0);
    let mut fields: BTreeMap<String, usize> = BTreeMap::new();
    for h in state.holdings_of_body(id) {
        match h.role {
            Role::Lead => {
                lead += 1;
                if let Some(p) = state.power(&h.power) {
                    *fields.entry(p.field.clone()).or_default() += 1;
                }
            }
            Role::Assist => assist += 1,
            Role::Entrusted { .. } => entrusted += 1,
        }
    }
    let mut chips: Vec<(String, usize)> =
        fields.into_iter().filter(|(f, _)| !f.is_empty()).collect();
    chips.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    chips.truncate(3);
    let kind_fill = match body.kind {
        crate::model::BodyKind::Admin => "#eef3fb",
        crate::model::BodyKind::Institution => "#f1f8ee",
        crate::model::BodyKind::Enforcement => "#fdf3e7",
        crate::model::BodyKind::Enterprise => "#f4f0fa",
    };
    Some(BodyBox {
        name: body.name.clone(),
        lead,
        assist,
        entrusted,
        chips,
        flagged: flagged.contains(id),
        kind_fill,
    })
}

/// The lanes graph of the exported state as an SVG document.
pub fn lanes_svg(ctx: &ExportContext) -> String {
    let state = &ctx.after;
    let flagged: BTreeSet<&BodyId> = ctx
        .analysis
        .findings()
        .filter(|f| f.kind == FindingKind::Overlap || f.severity == Severity::Error)
        .flat_map(|f| f.bodies.iter())
        .collect();
    let lanes = lane_order(ctx);
    let mut lane_bodies: Vec<Vec<&BodyId>> = lanes
        .iter()
        .map(|j| {
            state
                .bodies()
                .values()
                .filter(|b| b.jurisdiction == j.id)
                .map(|b| &b.id)
                .collect()
        })
        .collect();
    for bodies in &mut lane_bodies {
        bodies.sort();
    }
    let widest = lane_bodies
        .iter()
        .map(Vec::len)
        .max()
        .unwrap_or(0)
        .clamp(1, PER_ROW);
    let width = MARGIN * 2.0 + LABEL_W + widest as f32 * (BOX_W + GAP) + GAP;
    let lane_heights: Vec<f32> = lane_bodies
        .iter()
        .map(|b| {
            let rows = b.len().div_ceil(PER_ROW).max(1);
            rows as f32 * (BOX_H + GAP) + GAP
        })
        .collect();
    let height = MARGIN * 2.0 + TITLE_H + lane_heights.iter().sum::<f32>();

    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="{}" role="img">"#,
        xml_escape(FONT_FAMILY)
    );
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
        xml_escape(&format!("{}（{}）", ctx.title, ctx.state_name()))
    );
    let _ = writeln!(
        out,
        r##"<text x="{MARGIN}" y="{:.0}" font-size="13" fill="#44546a">{}</text>"##,
        MARGIN + 46.0,
        xml_escape(&figures)
    );
    let mut y = MARGIN + TITLE_H;
    for (i, (lane, bodies)) in lanes.iter().zip(&lane_bodies).enumerate() {
        let h = lane_heights[i];
        let fill = match lane.level {
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
            xml_escape(&fit(&lane.name, 16)),
            MARGIN + 10.0,
            y + 48.0,
            lane.level.label_zh(),
            bodies.len()
        );
        for (k, id) in bodies.iter().enumerate() {
            let Some(b) = body_box(ctx, id, &flagged) else {
                continue;
            };
            let bx = MARGIN + LABEL_W + GAP + (k % PER_ROW) as f32 * (BOX_W + GAP);
            let by = y + GAP + (k / PER_ROW) as f32 * (BOX_H + GAP);
            let (stroke, stroke_w) = if b.flagged {
                ("#c62828", 2.5)
            } else {
                ("#7b8ba1", 1.0)
            };
            let _ = writeln!(
                out,
                r##"<g><rect x="{bx:.0}" y="{by:.0}" width="{BOX_W}" height="{BOX_H}" rx="6" fill="{}" stroke="{stroke}" stroke-width="{stroke_w}"/><text x="{:.0}" y="{:.0}" font-size="14" fill="#1f2d3d">{}</text><text x="{:.0}" y="{:.0}" font-size="12" fill="#44546a">主办 {} · 协办 {} · 受委托 {}</text>"##,
                b.kind_fill,
                bx + 8.0,
                by + 20.0,
                xml_escape(&fit(&b.name, 30)),
                bx + 8.0,
                by + 40.0,
                b.lead,
                b.assist,
                b.entrusted
            );
            let mut cx = bx + 8.0;
            for (field, n) in &b.chips {
                let label = format!("{} {n}", fit(field, 8));
                let w = display_width(&label) as f32 * 5.5 + 10.0;
                if cx + w > bx + BOX_W - 4.0 {
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
        y += h;
    }
    out.push_str("</svg>\n");
    out
}

/// The largest PNG rendered, in pixels, so a huge plan cannot exhaust memory.
const MAX_PNG_PIXELS: f32 = 64_000_000.0;

/// The lanes graph rendered to PNG, with the system's fonts (CJK included).
pub fn lanes_png(ctx: &ExportContext) -> Result<Vec<u8>, ExportError> {
    svg_to_png(&lanes_svg(ctx), 1.5)
}

/// Renders an SVG document to PNG at a scale, loading the system fonts.
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
    if pixels > MAX_PNG_PIXELS {
        scale *= (MAX_PNG_PIXELS / pixels).sqrt();
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
