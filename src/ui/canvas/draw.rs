//! Painting the lanes view: lanes with their counts and gap markers, body boxes with their
//! chips, links, compare-mode flows and drag ghosts. Only what intersects the visible rect is
//! painted; text shrinks with the zoom and disappears where it would be unreadable.

use std::collections::BTreeMap;

use egui::epaint::CubicBezierShape;
use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Shape, Stroke, StrokeKind, pos2, vec2};

use super::Transform;
use super::layout::{LABEL_W, Lane, Layout};
use crate::model::{BodyId, JurisdictionId, Level, PowerId, Role};
use crate::text::Label;
use crate::ui::i18n::{self, T};
use crate::ui::panels::PanelCtx;
use crate::ui::state::Selection;
use crate::ui::theme;

mod boxes;

pub use boxes::body;

/// Text narrower than `max_w` points at `size`: cut with "…" if needed. Widths are estimated
/// (a CJK character is one em, other characters about half), which is enough for labels and
/// avoids laying out every label twice.
pub fn elide(text: &str, size: f32, max_w: f32) -> String {
    let width = |c: char| if c.is_ascii() { 0.56 } else { 1.0 } * size;
    let total: f32 = text.chars().map(width).sum();
    if total <= max_w {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = width('…');
    for c in text.chars() {
        used += width(c);
        if used > max_w {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// The size of a box's name at a zoom: with the box up to zoom 1, then more slowly than the box
/// (as the square root of the zoom), so that zooming in shows more of a long name, and at
/// zoom 2 the whole name of nearly every body.
pub fn name_size(zoom: f32) -> f32 {
    if zoom <= 1.0 {
        13.0 * zoom
    } else {
        13.0 * zoom.sqrt()
    }
}

/// From this zoom on a box is tall enough for its name on two lines.
pub const TWO_LINE_ZOOM: f32 = 1.5;

/// A box's name as drawn at a zoom in `room` points: one line, cut with "…" if it does not fit;
/// from [`TWO_LINE_ZOOM`] on, a name too long for one line goes on over a second one (cut only
/// if it does not fit in two).
pub fn name_lines(name: &str, zoom: f32, room: f32) -> Vec<String> {
    let size = name_size(zoom);
    let one = elide(name, size, room);
    if one == name || zoom < TWO_LINE_ZOOM {
        return vec![one];
    }
    // The first line: as many characters as fit without the ellipsis.
    let width = |c: char| if c.is_ascii() { 0.56 } else { 1.0 } * size;
    let mut used = 0.0;
    let split = name
        .char_indices()
        .find(|&(_, c)| {
            used += width(c);
            used > room
        })
        .map_or(name.len(), |(i, _)| i);
    let (first, rest) = name.split_at(split);
    vec![first.to_owned(), elide(rest, size, room)]
}

/// The canvas background.
pub fn background(painter: &Painter, rect: Rect) {
    painter.rect_filled(rect, 0.0, theme::CANVAS_BG);
}

/// Where the expand toggle of a box is, on screen.
pub fn toggle_rect(screen: Rect, zoom: f32) -> Rect {
    let s = 16.0 * zoom;
    Rect::from_min_size(
        pos2(screen.right() - s - 2.0, screen.top() + 2.0),
        vec2(s, s),
    )
}

/// Where the fold control of a district lane with streets is, on screen, in its title column
/// (`title`, on screen).
pub fn fold_rect(title: Rect, zoom: f32) -> Rect {
    Rect::from_min_size(
        pos2(title.left() + 6.0 * zoom, title.top() + 46.0 * zoom),
        vec2(title.width() - 12.0 * zoom, FOLD_H * zoom),
    )
}

/// Height of the fold control: two lines, its streets and their bodies.
const FOLD_H: f32 = 32.0;

/// Gaps and overlaps of each district with streets, its streets' summed (coverage finds them
/// on the streets): only when such a district's lane is in view.
fn street_findings(
    cx: &PanelCtx<'_>,
    layout: &Layout,
    t: Transform,
    clip: Rect,
) -> BTreeMap<JurisdictionId, (usize, usize)> {
    let mut out = BTreeMap::new();
    let in_view = layout
        .lanes
        .iter()
        .any(|l| l.streets > 0 && t.rect(l.rect).intersects(clip));
    if !in_view {
        return out;
    }
    let state = cx.doc.state();
    for (map, gaps) in [
        (&cx.derived.gaps_by_district, true),
        (&cx.derived.overlaps_by_district, false),
    ] {
        for (place, n) in map {
            if let Some(district) = state.district_of(place) {
                let entry: &mut (usize, usize) = out.entry(district.clone()).or_default();
                if gaps {
                    entry.0 += n;
                } else {
                    entry.1 += n;
                }
            }
        }
    }
    out
}

/// Lanes and their title column.
pub fn lanes(painter: &Painter, cx: &PanelCtx<'_>, layout: &Layout, t: Transform, clip: Rect) {
    let lang = cx.state.lang;
    let dragging_to = match &cx.state.canvas.drag {
        Some(crate::ui::state::CanvasDrag::Bodies(_)) => painter
            .ctx()
            .input(|i| i.pointer.interact_pos())
            .and_then(|p| layout.lane_at(t.inverse(p)))
            .map(|l| l.id.clone()),
        _ => None,
    };
    let summed = street_findings(cx, layout, t, clip);
    for lane in &layout.lanes {
        let screen = t.rect(lane.rect);
        if !screen.intersects(clip) {
            continue;
        }
        let fill = if dragging_to.as_ref() == Some(&lane.id) {
            theme::LANE_DROP
        } else {
            match lane.level {
                Level::City => theme::LANE_CITY,
                Level::District => theme::LANE_DISTRICT,
                Level::Street => theme::LANE_STREET,
            }
        };
        painter.rect(
            screen,
            0.0,
            fill,
            Stroke::new(1.0, theme::LANE_BORDER),
            StrokeKind::Inside,
        );
        let title = t.rect(Rect::from_min_size(
            lane.rect.min,
            vec2(LABEL_W, lane.rect.height()),
        ));
        painter.line_segment(
            [title.right_top(), title.right_bottom()],
            Stroke::new(1.0, theme::LANE_BORDER),
        );
        // A street's lane hangs under its district's: a strip of the district's colour.
        if lane.district.is_some() {
            let strip = Rect::from_min_size(title.min, vec2(6.0 * t.zoom, title.height()));
            painter.rect_filled(strip, 0.0, theme::LANE_DISTRICT_STRIP);
        }
        let counts = summed.get(&lane.id).copied();
        lane_title(painter, cx, lane, title, t.zoom, lang, counts);
    }
}

/// A lane's title column: its name, level and bodies; a district's fold control; its gaps and
/// overlaps (a district with streets: its streets', `summed`).
fn lane_title(
    painter: &Painter,
    cx: &PanelCtx<'_>,
    lane: &Lane,
    title: Rect,
    zoom: f32,
    lang: crate::text::Lang,
    summed: Option<(usize, usize)>,
) {
    let size = 15.0 * zoom;
    if size < 5.0 {
        return;
    }
    let indent = if lane.level == Level::Street {
        10.0 * zoom
    } else {
        0.0
    };
    let x = title.left() + 8.0 * zoom + indent;
    let mut y = title.top() + 8.0 * zoom;
    painter.text(
        pos2(x, y),
        Align2::LEFT_TOP,
        elide(&lane.name, size, title.width() - 12.0 * zoom),
        FontId::proportional(size),
        theme::LANE_TITLE,
    );
    y += size + 6.0 * zoom;
    let small = FontId::proportional(12.0 * zoom);
    let level = lane.level.label(lang);
    painter.text(
        pos2(x, y),
        Align2::LEFT_TOP,
        format!("{level} · {}", i18n::bodies_count(lang, lane.bodies)),
        small.clone(),
        theme::TEXT_WEAK,
    );
    y += 16.0 * zoom;
    if lane.streets > 0 {
        fold_control(painter, lane, fold_rect(title, zoom), zoom, lang);
        y = fold_rect(title, zoom).bottom() + 3.0 * zoom;
    }
    let own = |map: &BTreeMap<JurisdictionId, usize>| map.get(&lane.id).copied().unwrap_or(0);
    let (gaps, overlaps) = match summed {
        Some((g, o)) => (g + own(&cx.derived.gaps_by_district), o),
        None => (
            own(&cx.derived.gaps_by_district),
            own(&cx.derived.overlaps_by_district),
        ),
    };
    let mut x_now = x;
    for (n, label, color) in [
        (gaps, T::Gaps, theme::GAP),
        (overlaps, T::Overlaps, theme::OVERLAP),
    ] {
        if n > 0 {
            let r = painter.text(
                pos2(x_now, y),
                Align2::LEFT_TOP,
                format!("{} {n}", label.get(lang)),
                small.clone(),
                color,
            );
            x_now = r.right() + 6.0 * zoom;
        }
    }
}

/// The fold control of a district lane with streets: a triangle (right: closed, down: open)
/// and its streets and their bodies.
fn fold_control(painter: &Painter, lane: &Lane, rect: Rect, zoom: f32, lang: crate::text::Lang) {
    painter.rect(
        rect,
        3.0 * zoom,
        if lane.open {
            theme::SELECTED_FILL
        } else {
            theme::BODY_FILL
        },
        Stroke::new(1.0, theme::BODY_BORDER),
        StrokeKind::Inside,
    );
    let line = (FOLD_H / 2.0) * zoom;
    let c = pos2(
        rect.left() + 8.0 * zoom,
        rect.top() + line / 2.0 + 1.0 * zoom,
    );
    let s = 3.5 * zoom;
    let points = if lane.open {
        vec![
            pos2(c.x - s, c.y - s * 0.6),
            pos2(c.x + s, c.y - s * 0.6),
            pos2(c.x, c.y + s * 0.8),
        ]
    } else {
        vec![
            pos2(c.x - s * 0.6, c.y - s),
            pos2(c.x + s * 0.8, c.y),
            pos2(c.x - s * 0.6, c.y + s),
        ]
    };
    painter.add(Shape::convex_polygon(
        points,
        theme::LANE_TITLE,
        Stroke::NONE,
    ));
    let size = 11.0 * zoom;
    let (streets, bodies) = i18n::streets::streets_folded(lang, lane.streets, lane.street_bodies);
    for (k, (text, color)) in [(streets, theme::TEXT), (bodies, theme::TEXT_WEAK)]
        .into_iter()
        .enumerate()
    {
        painter.text(
            pos2(
                rect.left() + 15.0 * zoom,
                rect.top() + line * (k as f32 + 0.5) + 1.0 * zoom,
            ),
            Align2::LEFT_CENTER,
            elide(&text, size, rect.width() - 18.0 * zoom),
            FontId::proportional(size),
            color,
        );
    }
}

/// Entrusted links (dashed) and the selected body's assist links (dotted).
pub fn links(painter: &Painter, cx: &PanelCtx<'_>, layout: &Layout, t: Transform) {
    let state = cx.doc.state();
    let selected = match &cx.state.selection {
        Selection::Body(id) => Some(id),
        _ => None,
    };
    let center = |id: &BodyId| layout.body(id).map(|b| t.point(b.rect.center()));
    let clip = painter.clip_rect();
    for &(from, by) in &layout.entrusted {
        let (Some(a), Some(b)) = (layout.boxes.get(from), layout.boxes.get(by)) else {
            continue;
        };
        let (a, b) = (t.point(a.rect.center()), t.point(b.rect.center()));
        // Cull what is off screen: a province has thousands of entrustments.
        if !Rect::from_two_pos(a, b).intersects(clip) {
            continue;
        }
        painter.extend(Shape::dashed_line(
            &[a, b],
            Stroke::new(1.5, theme::LINK_ENTRUSTED),
            8.0,
            5.0,
        ));
    }
    // Assist links only for the selected body: its own holdings, not every holding.
    let Some(selected) = selected else {
        return;
    };
    let Some(a) = center(selected) else {
        return;
    };
    let district = state
        .body(selected)
        .and_then(|b| state.district_of(&b.jurisdiction).cloned());
    let coverage = &cx.doc.analysis().coverage;
    for h in state.holdings_of_body(selected) {
        if !matches!(h.role, Role::Assist) {
            continue;
        }
        let leads: Vec<&BodyId> = match &district {
            Some(d) => coverage.leads(&h.power, d).iter().collect(),
            None => coverage
                .power(&h.power)
                .map(|c| c.leads.iter().flatten().collect())
                .unwrap_or_default(),
        };
        for lead in leads {
            if let Some(b) = center(lead) {
                painter.extend(Shape::dotted_line(&[a, b], theme::LINK_ASSIST, 6.0, 1.5));
            }
        }
    }
}

/// Compare mode: one flow per (from lane, to lane) with the number of bodies that moved.
#[allow(clippy::many_single_char_names)]
pub fn flows(painter: &Painter, cx: &PanelCtx<'_>, layout: &Layout, t: Transform) {
    let baseline = cx.doc.baseline();
    let mut moves: BTreeMap<(JurisdictionId, JurisdictionId), usize> = BTreeMap::new();
    for body in cx.doc.state().bodies().values() {
        if let Some(before) = baseline.body(&body.id)
            && before.jurisdiction != body.jurisdiction
        {
            *moves
                .entry((before.jurisdiction.clone(), body.jurisdiction.clone()))
                .or_default() += 1;
        }
    }
    let lang = cx.state.lang;
    for (i, ((from, to), count)) in moves.iter().enumerate() {
        let (Some(a), Some(b)) = (layout.lane(from), layout.lane(to)) else {
            continue;
        };
        let x = layout.size.x + 24.0 + i as f32 * 30.0;
        let p0 = t.point(pos2(layout.size.x, a.rect.center().y));
        let p3 = t.point(pos2(layout.size.x, b.rect.center().y));
        let c = t.point(pos2(x + 60.0, 0.0)).x;
        let width = (2.0 + (*count as f32).sqrt() * 1.5) * t.zoom.max(0.5);
        painter.add(CubicBezierShape::from_points_stroke(
            [p0, pos2(c, p0.y), pos2(c, p3.y), p3],
            false,
            Color32::TRANSPARENT,
            Stroke::new(width, theme::FLOW),
        ));
        painter.arrow(
            p3 + vec2(14.0, 0.0),
            vec2(-12.0, 0.0),
            Stroke::new(width, theme::FLOW),
        );
        let name = baseline
            .jurisdiction(to)
            .or_else(|| cx.doc.state().jurisdiction(to))
            .map_or_else(|| to.to_string(), |j| j.name.clone());
        let label = i18n::flow_label(lang, *count, &name);
        let mid = pos2(c - 4.0, f32::midpoint(p0.y, p3.y));
        let galley = painter.layout_no_wrap(label, FontId::proportional(13.0), Color32::WHITE);
        let r = Align2::RIGHT_CENTER
            .anchor_size(mid, galley.size())
            .expand(4.0);
        painter.rect_filled(r, 4.0, theme::CHANGED);
        painter.galley(r.min + vec2(4.0, 4.0), galley, Color32::WHITE);
    }
}

/// The ghost of bodies being dragged, with where they would go.
pub fn drag_ghost_bodies(
    painter: &Painter,
    cx: &PanelCtx<'_>,
    lane: Option<&Lane>,
    bodies: &[BodyId],
    pointer: Pos2,
    t: Transform,
) {
    let lang = cx.state.lang;
    let first = bodies
        .first()
        .and_then(|b| cx.doc.state().body(b))
        .map_or_else(String::new, |b| b.name.clone());
    let mut text = if bodies.len() > 1 {
        i18n::bodies_count(lang, bodies.len())
    } else {
        first
    };
    if let Some(lane) = lane {
        text = format!("{text} → {}", lane.name);
    }
    ghost(painter, pointer, &text, t.zoom);
}

/// The ghost of chips being dragged, with the body they would go to.
pub fn drag_ghost_chips(
    painter: &Painter,
    cx: &PanelCtx<'_>,
    layout: &Layout,
    target: Option<&BodyId>,
    chips: &[(PowerId, BodyId)],
    pointer: Pos2,
    t: Transform,
) {
    let lang = cx.state.lang;
    let state = cx.doc.state();
    let mut text = if chips.len() == 1 {
        state
            .power(&chips[0].0)
            .map_or_else(|| chips[0].0.to_string(), |p| p.name.clone())
    } else {
        i18n::powers_count(lang, chips.len())
    };
    if let Some(target) = target {
        if let Some(b) = layout.body(target) {
            painter.rect_stroke(
                t.rect(b.rect),
                4.0,
                Stroke::new(3.0, theme::SELECTED),
                StrokeKind::Outside,
            );
        }
        let name = state.body(target).map_or("", |b| b.name.as_str());
        text = format!("{text} → {name}");
    }
    ghost(painter, pointer, &text, t.zoom);
}

fn ghost(painter: &Painter, pointer: Pos2, text: &str, _zoom: f32) {
    let galley = painter.layout_no_wrap(text.to_owned(), FontId::proportional(13.0), theme::TEXT);
    let r = Rect::from_min_size(pointer + vec2(14.0, 10.0), galley.size()).expand(5.0);
    painter.rect(
        r,
        4.0,
        theme::SELECTED_FILL,
        Stroke::new(1.0, theme::SELECTED),
        StrokeKind::Inside,
    );
    painter.galley(r.min + vec2(5.0, 5.0), galley, theme::TEXT);
}

/// What an empty plan shows.
pub fn empty_hint(painter: &Painter, cx: &PanelCtx<'_>, rect: Rect) {
    painter.text(
        rect.center(),
        Align2::CENTER_CENTER,
        T::EmptyPlan.get(cx.state.lang),
        FontId::proportional(16.0),
        theme::TEXT_WEAK,
    );
}
