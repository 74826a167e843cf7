//! The lanes' level of detail, read from what the real window paints: a body expanded with a
//! double-click shows its power chips by name; zoomed out with a pinch below
//! `COUNTS_ONLY_ZOOM`, the same body is a box with its lead count and no chips (what keeps a
//! province's 900 bodies cheap to draw); zoomed back in, the chips return; zoomed out again, the
//! box under the pointer still takes a double-click.

#![cfg(feature = "gui")]

use crate::helpers::{builder, seed};
use egui::epaint::Shape;
use egui::{Event, PointerButton, Pos2, Rect};
use egui_kittest::Harness;
use shiquan::model::{BodyId, Level};
use shiquan::ui::canvas::COUNTS_ONLY_ZOOM;
use shiquan::ui::{ScriptedDialogs, ShiquanApp};

/// Every text painted in the last frame whose centre lies inside `rect` (screen points).
fn texts_in(h: &Harness<'static, ShiquanApp>, rect: Rect) -> Vec<String> {
    fn walk(shape: &Shape, rect: Rect, out: &mut Vec<String>) {
        match shape {
            Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, rect, out)),
            Shape::Text(text) => {
                let drawn = Rect::from_min_size(text.pos, text.galley.size());
                if rect.contains(drawn.center()) {
                    out.push(text.galley.text().to_owned());
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &h.output().shapes {
        walk(&clipped.shape, rect, &mut out);
    }
    out
}

fn click(h: &mut Harness<'static, ShiquanApp>, at: Pos2) {
    h.event(Event::PointerMoved(at));
    h.step();
    for pressed in [true, false] {
        h.event(Event::PointerButton {
            pos: at,
            button: PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
        h.step();
    }
}

/// A city body that leads some powers, drawn in the lanes.
fn city_body_on_screen(app: &ShiquanApp) -> BodyId {
    let state = app.document().state();
    state
        .bodies()
        .values()
        .filter(|b| state.level_of_body(&b.id) == Some(Level::City))
        .filter(|b| state.lead_count(&b.id) > 0)
        .filter(|b| app.canvas().body_on_screen(&b.id).is_some())
        // The one with the fewest chips: its box stays on screen as the view zooms.
        .min_by_key(|b| (state.lead_count(&b.id), b.id.clone()))
        .expect("a city body leading powers, on screen")
        .id
        .clone()
}

fn body_on_screen(h: &Harness<'static, ShiquanApp>, body: &BodyId) -> Rect {
    h.state()
        .canvas()
        .body_on_screen(body)
        .expect("the body is drawn")
}

/// The screen rect of the body's first chip, and the name of its power.
fn first_chip(h: &Harness<'static, ShiquanApp>, body: &BodyId) -> (Rect, String) {
    let app = h.state();
    let canvas = app.canvas();
    let chip = canvas
        .layout
        .body(body)
        .and_then(|b| b.chips.first())
        .expect("the expanded body has chips");
    let t = canvas.transform.expect("the lanes are drawn");
    let name = app
        .document()
        .state()
        .power(&chip.power)
        .expect("the chip's power")
        .name
        .clone();
    (t.rect(chip.rect), name)
}

fn pinch(h: &mut Harness<'static, ShiquanApp>, at: Pos2, factor: f32) {
    h.event(Event::PointerMoved(at));
    h.event(Event::Zoom(factor));
    h.run();
}

#[test]
fn zoomed_out_a_body_shows_its_count_and_zoomed_in_its_chips() {
    // Frames 1/60 s apart, so that two clicks make a double-click (egui: within 0.3 s).
    let mut h = builder()
        .with_step_dt(1.0 / 60.0)
        .build_eframe(|_cc| ShiquanApp::new_for_test(seed(), Box::new(ScriptedDialogs::default())));
    h.set_render_cursor(false);
    h.run();
    assert!(h.state().ui_state().canvas.zoom >= COUNTS_ONLY_ZOOM);
    let body = city_body_on_screen(h.state());
    let leads = h.state().document().state().lead_count(&body);

    // Expand it with a double-click: its chips are painted with their powers' names.
    let centre = body_on_screen(&h, &body).center();
    click(&mut h, centre);
    click(&mut h, centre);
    h.run();
    assert!(h.state().ui_state().canvas.expanded.contains(&body));
    let (chip, name) = first_chip(&h, &body);
    let first_char = name.chars().next().expect("a named power");
    assert!(
        texts_in(&h, chip).iter().any(|t| t.starts_with(first_char)),
        "the chip of {name} shows its name: {:?}",
        texts_in(&h, chip)
    );

    // Zoom out below the threshold: one label, the lead count, and no chip text.
    pinch(&mut h, centre, 0.3);
    assert!(h.state().ui_state().canvas.zoom < COUNTS_ONLY_ZOOM);
    let boxed = body_on_screen(&h, &body);
    assert_eq!(texts_in(&h, boxed), vec![leads.to_string()]);
    let (chip, _) = first_chip(&h, &body);
    assert!(texts_in(&h, chip).is_empty());

    // Zoom back in: the chips are back.
    let centre = body_on_screen(&h, &body).center();
    pinch(&mut h, centre, 1.0 / 0.3);
    assert!(h.state().ui_state().canvas.zoom >= COUNTS_ONLY_ZOOM);
    let (chip, _) = first_chip(&h, &body);
    assert!(texts_in(&h, chip).iter().any(|t| t.starts_with(first_char)));

    // Zoomed out, the box under the pointer still answers: a double-click folds it again.
    pinch(&mut h, centre, 0.3);
    let centre = body_on_screen(&h, &body).center();
    click(&mut h, centre);
    click(&mut h, centre);
    h.run();
    assert!(!h.state().ui_state().canvas.expanded.contains(&body));
}
