//! 关系图: the lanes view, drawn with [`egui::Painter`] (not a graph widget, so that the view
//! state stays ours and nothing off screen costs anything).
//!
//! One horizontal lane per jurisdiction, bodies as boxes, power chips inside expanded boxes.
//! Gestures turn into commands: drag a body into another lane → `MoveBody` (all selected
//! bodies move together); drag a lead chip (or the Ctrl-selected chips) onto another body → the
//! transfer popup; a background drag pans, Shift+drag box-selects, the wheel zooms about the
//! pointer.
//!
//! Level of detail: what is off screen costs nothing (boxes, chips and links are culled), and
//! below a zoom of [`COUNTS_ONLY_ZOOM`] a box shows its lead count instead of its name, details
//! and chips, and only the boxes under the pointer are interactive widgets (a province zoomed
//! out shows all 900 boxes at once).
//! Entrusted links are always drawn (dashed); assist links only for the selected body (dotted),
//! which keeps a large plan readable.

pub mod draw;
pub mod layout;
pub mod menus;

use std::collections::BTreeSet;

use egui::{Pos2, Rect, Sense, Ui, Vec2};

use self::layout::{BOX_W, GAP, LABEL_W, Layout};
use super::command::{Action, Command};
use super::panels::PanelCtx;
use super::state::{CanvasDrag, Selection};
use crate::model::{BodyId, PowerId, Touched};
use crate::plan::Operation;
use crate::text::Label;

/// Below this zoom, boxes show counts only.
pub const COUNTS_ONLY_ZOOM: f32 = 0.55;
const MIN_ZOOM: f32 = 0.12;
const MAX_ZOOM: f32 = 3.0;

/// The layout, kept in step with the document (following its edits), the column count and
/// the expanded bodies.
#[derive(Clone, Debug, Default)]
pub struct CanvasCache {
    /// The document revision laid out.
    revision: Option<u64>,
    /// The current layout.
    pub layout: Layout,
    /// Canvas → screen as last drawn (tests aim pointer gestures with it).
    pub transform: Option<Transform>,
    /// Where the lanes view was last drawn on screen.
    pub rect: Option<Rect>,
}

impl CanvasCache {
    /// Where a body's box was last drawn on screen.
    pub fn body_on_screen(&self, id: &BodyId) -> Option<Rect> {
        Some(self.transform?.rect(self.layout.body(id)?.rect))
    }

    /// Where a jurisdiction's lane was last drawn on screen.
    pub fn lane_on_screen(&self, id: &crate::model::JurisdictionId) -> Option<Rect> {
        Some(self.transform?.rect(self.layout.lane(id)?.rect))
    }
}

/// Maps canvas units to screen points.
#[derive(Clone, Copy, Debug)]
pub struct Transform {
    /// Top left of the canvas widget.
    pub origin: Pos2,
    /// Pan in screen points.
    pub pan: Vec2,
    /// Zoom.
    pub zoom: f32,
}

impl Transform {
    /// Canvas → screen.
    pub fn point(&self, p: Pos2) -> Pos2 {
        self.origin + self.pan + p.to_vec2() * self.zoom
    }

    /// Canvas rect → screen rect.
    pub fn rect(&self, r: Rect) -> Rect {
        Rect::from_min_max(self.point(r.min), self.point(r.max))
    }

    /// Screen → canvas.
    pub fn inverse(&self, p: Pos2) -> Pos2 {
        ((p - self.origin - self.pan) / self.zoom).to_pos2()
    }

    /// Screen rect → canvas rect.
    pub fn inverse_rect(&self, r: Rect) -> Rect {
        Rect::from_min_max(self.inverse(r.min), self.inverse(r.max))
    }
}

/// Draws the lanes view into the rest of `ui` and handles its gestures.
pub fn show(ui: &mut Ui, cx: &mut PanelCtx<'_>, cache: &mut CanvasCache) {
    let (rect, background) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
    let columns = (((rect.width() - LABEL_W - GAP) / (BOX_W + GAP)).floor() as usize).clamp(3, 12);
    let revision = cx.doc.revision();
    let expanded = &cx.state.canvas.expanded;
    let open = &cx.state.canvas.open_districts;
    if cache.revision != Some(revision)
        || !cache.layout.laid_out_for(columns, expanded)
        || cache.layout.open_districts() != open
    {
        match cache.revision.and_then(|r| cx.doc.changes_since(r)) {
            Some(changes) => cache.layout.update_open(
                cx.doc.state(),
                columns,
                expanded,
                open,
                &changes.touched,
                Some(&changes.leads),
            ),
            None => cache.layout.update_open(
                cx.doc.state(),
                columns,
                expanded,
                open,
                &Touched::All,
                None,
            ),
        }
        cache.revision = Some(revision);
    }
    let layout = &cache.layout;
    fit_and_focus(cx, layout, rect);
    zoom_with_wheel(ui, cx, rect);
    let t = Transform {
        origin: rect.min,
        pan: cx.state.canvas.pan,
        zoom: cx.state.canvas.zoom,
    };
    cache.transform = Some(t);
    cache.rect = Some(rect);
    let painter = ui.painter_at(rect);
    draw::background(&painter, rect);
    draw::lanes(&painter, cx, layout, t, rect);
    interact_lanes(ui, cx, layout, t, rect);
    draw::links(&painter, cx, layout, t);
    let mut hovered_body = None;
    // Zoomed out, a province's whole lanes are in view: boxes are only drawn, and the one or two
    // under the pointer (now, and where a press began) take part in gestures.
    let counts_only = t.zoom < COUNTS_ONLY_ZOOM;
    let (pointer, press) = ui.input(|i| (i.pointer.hover_pos(), i.pointer.press_origin()));
    let under =
        |p: Option<Pos2>, b: &layout::BodyBox| p.is_some_and(|p| b.rect.contains(t.inverse(p)));
    for b in &layout.boxes {
        let screen = t.rect(b.rect);
        if !screen.intersects(rect) {
            continue;
        }
        draw::body(&painter, cx, b, t);
        if !counts_only || under(pointer, b) || under(press, b) {
            interact_body(ui, cx, b, screen, t, &mut hovered_body);
        }
    }
    if cx.state.compare {
        draw::flows(&painter, cx, layout, t);
    }
    background_gestures(ui, cx, layout, &background, t);
    finish_drag(ui, cx, layout, t, &painter);
    if layout.boxes.is_empty() {
        draw::empty_hint(&painter, cx, rect);
    }
}

/// The title column of each lane in view: a click selects the jurisdiction, the fold control of
/// a district with streets opens or closes it, and the context menu offers the fold and 赋权.
fn interact_lanes(ui: &Ui, cx: &mut PanelCtx<'_>, layout: &Layout, t: Transform, clip: Rect) {
    let lang = cx.state.lang;
    for lane in &layout.lanes {
        let title = t.rect(Rect::from_min_size(
            lane.rect.min,
            egui::vec2(LABEL_W, lane.rect.height()),
        ));
        if !title.intersects(clip) || t.zoom < COUNTS_ONLY_ZOOM * 0.5 {
            continue;
        }
        let response = ui
            .interact(
                title,
                ui.scope_id().with(("lane", &lane.id)),
                Sense::click(),
            )
            .on_hover_text(super::i18n::menus::lane_tip(lang, &lane.name));
        if response.clicked() {
            cx.out
                .push(Action::Select(Selection::Jurisdiction(lane.id.clone())));
        }
        let mut toggled = false;
        if lane.streets > 0 {
            let fold = draw::fold_rect(title, t.zoom);
            let label = if lane.open {
                super::i18n::T::StreetsHide
            } else {
                super::i18n::T::StreetsShow
            };
            let r = ui
                .interact(fold, ui.scope_id().with(("fold", &lane.id)), Sense::click())
                .on_hover_text(label.get(lang));
            toggled |= r.clicked();
        }
        let grantable = lane.streets > 0 || lane.district.is_some();
        response.context_menu(|ui| {
            if lane.streets > 0 {
                let label = if lane.open {
                    super::i18n::T::StreetsHide
                } else {
                    super::i18n::T::StreetsShow
                };
                if ui.button(label.get(lang)).clicked() {
                    toggled = true;
                    ui.close();
                }
            }
            if grantable {
                let district = lane.district.clone().unwrap_or_else(|| lane.id.clone());
                let command = Action::OpenGrant(super::command::GrantFrom::District(district));
                if ui.button(Command::GrantDialog.label(lang)).clicked() {
                    cx.out.push(command);
                    ui.close();
                }
            }
        });
        if toggled {
            toggle(&mut cx.state.canvas.open_districts, &lane.id);
            ui.ctx().request_repaint();
        }
    }
}

fn fit_and_focus(cx: &mut PanelCtx<'_>, layout: &Layout, rect: Rect) {
    let canvas = &mut cx.state.canvas;
    // Still as fitted, but the view's width changed (the inspector grew): fit again.
    if canvas
        .fitted_width
        .is_some_and(|w| (w - rect.width()).abs() > 0.5)
    {
        canvas.fit_requested = true;
    }
    if canvas.fit_requested && layout.size.x > 0.0 {
        let zoom = (rect.width() / (layout.size.x + 40.0))
            .min(rect.height() / (layout.size.y + 20.0))
            .clamp(0.3, 1.25);
        canvas.zoom = zoom;
        canvas.pan = Vec2::new(((rect.width() - layout.size.x * zoom) / 2.0).max(4.0), 6.0);
        canvas.fit_requested = false;
        canvas.fitted_width = Some(rect.width());
    }
    if let Some(focus) = canvas.focus.take() {
        let target = match &focus {
            Selection::Body(id) => layout.body(id).map(|b| b.rect.center()),
            Selection::Jurisdiction(id) => layout.lane(id).map(|l| l.rect.center()),
            Selection::Power(p) => layout
                .boxes
                .iter()
                .find(|b| b.chips.iter().any(|c| &c.power == p))
                .map(|b| b.rect.center()),
            Selection::None => None,
        };
        if let Some(p) = target {
            canvas.pan = rect.size() / 2.0 - p.to_vec2() * canvas.zoom;
            canvas.fitted_width = None;
        }
    }
}

fn zoom_with_wheel(ui: &Ui, cx: &mut PanelCtx<'_>, rect: Rect) {
    let Some(pointer) = ui.input(|i| i.pointer.hover_pos()) else {
        return;
    };
    if !rect.contains(pointer) || !ui.rect_contains_pointer(rect) {
        return;
    }
    let (scroll, pinch) = ui.input(|i| (i.smooth_scroll_delta.y, i.zoom_delta()));
    let factor = pinch * (scroll / 300.0).exp();
    if (factor - 1.0).abs() < 1e-4 {
        return;
    }
    let canvas = &mut cx.state.canvas;
    canvas.fitted_width = None;
    let t = Transform {
        origin: rect.min,
        pan: canvas.pan,
        zoom: canvas.zoom,
    };
    let world = t.inverse(pointer);
    canvas.zoom = (canvas.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
    canvas.pan = pointer - rect.min - world.to_vec2() * canvas.zoom;
}

fn interact_body(
    ui: &Ui,
    cx: &mut PanelCtx<'_>,
    b: &layout::BodyBox,
    screen: Rect,
    t: Transform,
    hovered: &mut Option<BodyId>,
) {
    let response = ui
        .interact(
            screen,
            ui.scope_id().with(("body", &b.id)),
            Sense::click_and_drag(),
        )
        // Built only while hovered, not for every box every frame.
        .on_hover_ui(|ui| {
            let badges = cx.derived.by_body.get(&b.id).copied().unwrap_or_default();
            ui.label(body_tooltip(cx.doc, cx.state.lang, &b.id));
            for line in
                super::i18n::menus::badge_lines(cx.state.lang, badges.overlaps, badges.rules)
            {
                ui.label(line);
            }
            let open = cx.derived.opinions.body(&b.id);
            if open > 0 {
                ui.label(super::i18n::review::open_here(cx.state.lang, open));
            }
        });
    menus::body_menu(cx, &response, &b.id);
    if response.hovered() {
        *hovered = Some(b.id.clone());
    }
    let ctrl = ui.input(|i| i.modifiers.command);
    if response.double_clicked() {
        toggle(&mut cx.state.canvas.expanded, &b.id);
    } else if response.clicked() {
        let selected = &mut cx.state.canvas.selected_bodies;
        if ctrl {
            toggle(selected, &b.id);
        } else {
            selected.clear();
            selected.insert(b.id.clone());
        }
        cx.out.push(Action::Select(Selection::Body(b.id.clone())));
    }
    if response.drag_started() {
        let selected = &cx.state.canvas.selected_bodies;
        let bodies: Vec<BodyId> = if selected.contains(&b.id) {
            selected.iter().cloned().collect()
        } else {
            vec![b.id.clone()]
        };
        cx.state.canvas.drag = Some(CanvasDrag::Bodies(bodies));
    }
    // The expand toggle, top right.
    if t.zoom >= COUNTS_ONLY_ZOOM {
        let toggle_rect = draw::toggle_rect(screen, t.zoom);
        let r = ui.interact(
            toggle_rect,
            ui.scope_id().with(("expand", &b.id)),
            Sense::click(),
        );
        if r.clicked() {
            toggle(&mut cx.state.canvas.expanded, &b.id);
        }
        for chip in b.chips_in(t.inverse_rect(ui.clip_rect())) {
            let chip_rect = t.rect(chip.rect);
            let r = ui
                .interact(
                    chip_rect,
                    ui.scope_id().with(("chip", &b.id, &chip.power)),
                    Sense::click_and_drag(),
                )
                .on_hover_ui(|ui| {
                    ui.label(chip_tooltip(cx.doc, cx.state.lang, &chip.power));
                });
            menus::chip_menu(cx, &r, &chip.power, &b.id);
            let key = (chip.power.clone(), b.id.clone());
            if r.clicked() {
                if ctrl {
                    toggle(&mut cx.state.canvas.selected_chips, &key);
                } else {
                    cx.out
                        .push(Action::Select(Selection::Power(chip.power.clone())));
                }
            }
            if r.drag_started() && chip.role.is_lead() {
                let chips = &cx.state.canvas.selected_chips;
                let moving: Vec<(PowerId, BodyId)> = if chips.contains(&key) {
                    chips.iter().cloned().collect()
                } else {
                    vec![key]
                };
                cx.state.canvas.drag = Some(CanvasDrag::Chips(moving));
            }
        }
    }
}

fn toggle<T: Ord + Clone>(set: &mut BTreeSet<T>, item: &T) {
    if !set.remove(item) {
        set.insert(item.clone());
    }
}

/// A body's tooltip: its full name, kind and place (its parent, if it has one), staffing.
pub fn body_tooltip(
    doc: &crate::session::Document,
    lang: crate::text::Lang,
    id: &BodyId,
) -> String {
    let state = doc.state();
    let Some(body) = state.body(id) else {
        return String::new();
    };
    let place = state
        .jurisdiction(&body.jurisdiction)
        .map_or("", |j| j.name.as_str());
    let parent = body
        .parent
        .as_ref()
        .and_then(|p| state.body(p))
        .map(|p| format!(" · {}", super::i18n::menus::under(lang, &p.name)))
        .unwrap_or_default();
    format!(
        "{}\n{} · {place}{parent}\n{}",
        body.name,
        body.kind.label(lang),
        super::i18n::staffing_line(lang, &body.staffing, body.budget_wan)
    )
}

/// A power chip's tooltip: the power's name and code, kind, field and basis.
pub fn chip_tooltip(
    doc: &crate::session::Document,
    lang: crate::text::Lang,
    power: &PowerId,
) -> String {
    doc.state().power(power).map_or_else(String::new, |p| {
        format!(
            "{}（{}）\n{} · {}\n{}",
            p.name,
            p.code,
            p.kind.label(lang),
            p.field,
            p.basis
        )
    })
}

fn background_gestures(
    ui: &Ui,
    cx: &mut PanelCtx<'_>,
    layout: &Layout,
    background: &egui::Response,
    t: Transform,
) {
    let canvas = &mut cx.state.canvas;
    if background.drag_started() {
        let shift = ui.input(|i| i.modifiers.shift);
        canvas.drag = Some(match (shift, background.interact_pointer_pos()) {
            (true, Some(p)) => CanvasDrag::BoxSelect(p),
            _ => CanvasDrag::Pan,
        });
    }
    if background.dragged() && canvas.drag == Some(CanvasDrag::Pan) {
        canvas.pan += background.drag_delta();
        canvas.fitted_width = None;
    }
    if let Some(CanvasDrag::BoxSelect(start)) = canvas.drag {
        let now = ui.input(|i| i.pointer.interact_pos()).unwrap_or(start);
        let screen = Rect::from_two_pos(start, now);
        ui.painter()
            .rect_filled(screen, 0.0, super::theme::BOX_SELECT);
        if background.drag_stopped() {
            let world = Rect::from_two_pos(t.inverse(start), t.inverse(now));
            canvas.selected_bodies = layout
                .boxes
                .iter()
                .filter(|b| world.intersects(b.rect))
                .map(|b| b.id.clone())
                .collect();
            canvas.drag = None;
        }
    }
    if background.drag_stopped() && canvas.drag == Some(CanvasDrag::Pan) {
        canvas.drag = None;
    }
    if background.clicked() {
        canvas.selected_bodies.clear();
        canvas.selected_chips.clear();
        cx.out.push(Action::Select(Selection::None));
    }
}

fn finish_drag(
    ui: &Ui,
    cx: &mut PanelCtx<'_>,
    layout: &Layout,
    t: Transform,
    painter: &egui::Painter,
) {
    let Some(drag) = cx.state.canvas.drag.clone() else {
        return;
    };
    if !matches!(drag, CanvasDrag::Bodies(_) | CanvasDrag::Chips(_)) {
        return;
    }
    let Some(pointer) = ui.input(|i| i.pointer.interact_pos()) else {
        return;
    };
    let world = t.inverse(pointer);
    let released = ui.input(|i| i.pointer.any_released());
    match drag {
        CanvasDrag::Bodies(bodies) => {
            let lane = layout.lane_at(world);
            draw::drag_ghost_bodies(painter, cx, lane, &bodies, pointer, t);
            if released {
                cx.state.canvas.drag = None;
                if let Some(lane) = lane {
                    let state = cx.doc.state();
                    // One move per top-most body: a selected sub-body that sits with a selected
                    // parent goes with it.
                    let moving: std::collections::BTreeSet<BodyId> =
                        bodies.iter().cloned().collect();
                    let ops: Vec<Operation> = state
                        .bodies_moving_themselves(&moving)
                        .filter(|b| state.body(b).is_some_and(|x| x.jurisdiction != lane.id))
                        .map(|b| Operation::MoveBody {
                            body: b.clone(),
                            to: lane.id.clone(),
                        })
                        .collect();
                    if !ops.is_empty() {
                        cx.out.push(Action::ApplyAll(ops));
                    }
                }
            }
        }
        CanvasDrag::Chips(chips) => {
            let target = layout
                .boxes
                .iter()
                .find(|b| b.rect.contains(world))
                .map(|b| b.id.clone());
            draw::drag_ghost_chips(painter, cx, layout, target.as_ref(), &chips, pointer, t);
            if released {
                cx.state.canvas.drag = None;
                if let Some(to) = target {
                    let powers: Vec<(PowerId, BodyId)> =
                        chips.into_iter().filter(|(_, from)| from != &to).collect();
                    if !powers.is_empty() {
                        cx.out.push(Action::PromptTransfer { powers, to });
                    }
                }
            }
        }
        CanvasDrag::Pan | CanvasDrag::BoxSelect(_) => {}
    }
}
