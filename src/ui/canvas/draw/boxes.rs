//! A body's box as drawn: its name (on two lines when zoomed in), its counts and badges, its
//! field chips, the expand toggle, and its power chips with their roles.

use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Stroke, StrokeKind, pos2, vec2};

use crate::model::{Body, BodyId, PowerId, Role};
use crate::ui::cache::derived::BodyFindings;
use crate::ui::canvas::layout::BodyBox;
use crate::ui::canvas::{COUNTS_ONLY_ZOOM, Transform};
use crate::ui::i18n::{self, T};
use crate::ui::panels::PanelCtx;
use crate::ui::state::Selection;
use crate::ui::theme;

#[allow(clippy::wildcard_imports)]
use super::*;

/// The row of field chips under a box's counts ("市容环卫 12"), as many as fit in the box.
pub(super) fn field_chips(painter: &Painter, b: &BodyBox, screen: Rect, top: f32, zoom: f32) {
    let height = 15.0 * zoom;
    let bottom = screen.top() + crate::ui::canvas::layout::BOX_H * zoom - 2.0 * zoom;
    if top + height > bottom {
        return;
    }
    let font = FontId::proportional(10.5 * zoom);
    let mut x = screen.left() + 8.0 * zoom;
    let right = screen.right() - 6.0 * zoom;
    for (field, count) in &b.fields {
        let galley = painter.layout_no_wrap(format!("{field} {count}"), font.clone(), theme::TEXT);
        let chip = Rect::from_min_size(pos2(x, top), vec2(galley.size().x + 10.0 * zoom, height));
        if chip.right() > right {
            break;
        }
        painter.rect_filled(chip, height / 2.0, theme::CHIP_LEAD);
        painter.galley(
            pos2(
                chip.left() + 5.0 * zoom,
                chip.center().y - galley.size().y / 2.0,
            ),
            galley,
            theme::TEXT,
        );
        x = chip.right() + 4.0 * zoom;
    }
}

/// One body box with its chips.
pub fn body(painter: &Painter, cx: &PanelCtx<'_>, b: &BodyBox, t: Transform) {
    let state = cx.doc.state();
    let Some(body) = state.body(&b.id) else {
        return;
    };
    let screen = t.rect(b.rect);
    let findings = cx.derived.by_body.get(&b.id).copied().unwrap_or_default();
    let passes = cx.derived.bodies_passing.contains(&b.id);
    let (fill, stroke) = frame(cx, b, body, passes, findings.overlaps > 0);
    painter.rect(screen, 4.0 * t.zoom, fill, stroke, StrokeKind::Inside);
    if cx.derived.body_hits.contains(&b.id) {
        painter.rect_filled(
            Rect::from_min_size(screen.min, vec2(5.0 * t.zoom, screen.height())),
            0.0,
            theme::SEARCH_HIT,
        );
    }
    let text_color = if passes { theme::TEXT } else { theme::DIMMED };
    opinion_badge(painter, cx, b, screen, t.zoom);
    if t.zoom < COUNTS_ONLY_ZOOM {
        painter.text(
            screen.center(),
            Align2::CENTER_CENTER,
            b.leads.to_string(),
            FontId::proportional((20.0 * t.zoom).max(6.0)),
            text_color,
        );
        return;
    }
    let pad = 6.0 * t.zoom;
    let prefix = if b.depth > 0 { "└ " } else { "" };
    let name = format!("{prefix}{}", body.name);
    let name_h = name_text(painter, &name, screen, t.zoom, text_color);
    let detail_rect = counts(
        painter,
        cx,
        b,
        findings,
        screen.min + vec2(pad + 2.0 * t.zoom, pad + name_h + 5.0 * t.zoom),
        t.zoom,
    );
    field_chips(
        painter,
        b,
        screen,
        detail_rect.bottom() + 4.0 * t.zoom,
        t.zoom,
    );
    let toggle = toggle_rect(screen, t.zoom);
    let expanded = cx.state.canvas.expanded.contains(&b.id);
    painter.text(
        toggle.center(),
        Align2::CENTER_CENTER,
        if expanded { "-" } else { "+" },
        FontId::monospace(13.0 * t.zoom),
        theme::TEXT_WEAK,
    );
    for chip in b.chips_in(t.inverse_rect(painter.clip_rect())) {
        draw_chip(
            painter,
            cx,
            &b.id,
            &chip.power,
            &chip.role,
            t.rect(chip.rect),
            t.zoom,
        );
    }
}

/// The badge of a body's open review opinions on its top border, right of the middle:
/// 「意见 N」, or just N when zoomed out.
fn opinion_badge(painter: &Painter, cx: &PanelCtx<'_>, b: &BodyBox, screen: Rect, zoom: f32) {
    let open = cx.derived.opinions.body(&b.id);
    if open == 0 {
        return;
    }
    let text = if zoom < COUNTS_ONLY_ZOOM {
        open.to_string()
    } else {
        i18n::review::badge(cx.state.lang, open)
    };
    let font = FontId::proportional((10.0 * zoom).max(6.0));
    let galley = painter.layout_no_wrap(text, font, Color32::WHITE);
    let size = galley.size() + vec2(8.0 * zoom, 2.0 * zoom);
    let rect = Rect::from_min_size(
        pos2(
            screen.right() - size.x - 22.0 * zoom,
            screen.top() - size.y / 2.0,
        ),
        size,
    );
    painter.rect_filled(rect, size.y / 2.0, theme::OPINION);
    painter.galley(rect.center() - galley.size() / 2.0, galley, Color32::WHITE);
}

/// A box's fill and border: dimmed when it fails the filters, then by what matters most:
/// selected, in an overlap, moved against the baseline (in compare mode).
fn frame(
    cx: &PanelCtx<'_>,
    b: &BodyBox,
    body: &Body,
    passes: bool,
    in_overlap: bool,
) -> (Color32, Stroke) {
    let selected = cx.state.selection == Selection::Body(b.id.clone())
        || cx.state.canvas.selected_bodies.contains(&b.id);
    let moved = cx.state.compare
        && cx
            .doc
            .baseline()
            .body(&b.id)
            .is_none_or(|before| before.jurisdiction != body.jurisdiction);
    let fill = if !passes {
        theme::CANVAS_BG
    } else if selected {
        theme::SELECTED_FILL
    } else {
        theme::BODY_FILL
    };
    let stroke = if selected {
        Stroke::new(2.0, theme::SELECTED)
    } else if in_overlap {
        Stroke::new(2.0, theme::OVERLAP)
    } else if moved {
        Stroke::new(2.0, theme::CHANGED)
    } else {
        Stroke::new(
            1.0,
            if passes {
                theme::BODY_BORDER
            } else {
                theme::DIMMED
            },
        )
    };
    (fill, stroke)
}

/// A box's name at its top left, on as many lines as it needs when zoomed in; returns the
/// height of the lines.
fn name_text(painter: &Painter, name: &str, screen: Rect, zoom: f32, color: Color32) -> f32 {
    let pad = 6.0 * zoom;
    let name_size = name_size(zoom);
    let room = screen.width() - pad * 2.0 - 18.0 * zoom;
    let lines = name_lines(name, zoom, room);
    for (k, line) in lines.iter().enumerate() {
        painter.text(
            screen.min + vec2(pad + 2.0 * zoom, pad + k as f32 * (name_size + 2.0 * zoom)),
            Align2::LEFT_TOP,
            line,
            FontId::proportional(name_size),
            color,
        );
    }
    lines.len() as f32 * (name_size + 2.0 * zoom) - 2.0 * zoom
}

/// The line under a box's name at `at`: its holdings, then its overlaps and rule findings
/// when it has any. Returns the holdings' rectangle.
fn counts(
    painter: &Painter,
    cx: &PanelCtx<'_>,
    b: &BodyBox,
    findings: BodyFindings,
    at: Pos2,
    zoom: f32,
) -> Rect {
    let lang = cx.state.lang;
    let detail = i18n::holdings_line(lang, b.leads, b.others);
    let small = FontId::proportional(11.0 * zoom);
    let detail_rect = painter.text(
        at,
        Align2::LEFT_TOP,
        detail,
        small.clone(),
        theme::TEXT_WEAK,
    );
    let mut x = detail_rect.right() + 6.0 * zoom;
    for (count, label, color) in [
        (findings.overlaps, T::Overlaps, theme::OVERLAP),
        (findings.rules, T::Rules, theme::RULE),
    ] {
        if count > 0 {
            let r = painter.text(
                pos2(x, detail_rect.top()),
                Align2::LEFT_TOP,
                format!("{} {count}", label.get(lang)),
                small.clone(),
                color,
            );
            x = r.right() + 6.0 * zoom;
        }
    }
    detail_rect
}

pub(super) fn draw_chip(
    painter: &Painter,
    cx: &PanelCtx<'_>,
    body: &BodyId,
    power: &PowerId,
    role: &Role,
    rect: Rect,
    zoom: f32,
) {
    let fill = match role {
        Role::Lead => theme::CHIP_LEAD,
        Role::Assist => theme::CHIP_ASSIST,
        Role::Entrusted { .. } => theme::CHIP_ENTRUSTED,
    };
    let in_overlap = role.is_lead()
        && cx
            .doc
            .analysis()
            .coverage
            .power(power)
            .is_some_and(|c| c.findings.iter().any(|f| f.bodies.contains(body)));
    let selected = cx
        .state
        .canvas
        .selected_chips
        .contains(&(power.clone(), body.clone()))
        || cx.state.selection == Selection::Power(power.clone());
    let stroke = if selected {
        Stroke::new(2.0, theme::SELECTED)
    } else if in_overlap {
        Stroke::new(1.5, theme::OVERLAP)
    } else {
        Stroke::NONE
    };
    let fill = if cx.derived.powers_passing.contains(power) {
        fill
    } else {
        theme::CANVAS_BG
    };
    painter.rect(rect, 3.0 * zoom, fill, stroke, StrokeKind::Inside);
    let name = cx
        .doc
        .state()
        .power(power)
        .map_or_else(|| power.to_string(), |p| p.name.clone());
    let role_mark = match role {
        Role::Lead => "",
        Role::Assist => T::RoleAssistShort.get(cx.state.lang),
        Role::Entrusted { .. } => T::RoleEntrustedShort.get(cx.state.lang),
    };
    let size = 11.0 * zoom;
    painter.text(
        rect.left_center() + vec2(4.0 * zoom, 0.0),
        Align2::LEFT_CENTER,
        elide(
            &format!("{role_mark}{name}"),
            size,
            rect.width() - 8.0 * zoom,
        ),
        FontId::proportional(size),
        theme::TEXT,
    );
}
