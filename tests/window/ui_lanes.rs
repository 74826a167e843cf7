//! Issue 17, problem 10's lanes: a moved body leaves its slot instead of the lane reflowing
//! (and takes it again on undo), and zooming in shows bodies' whole names.

#![cfg(feature = "gui")]

use std::collections::BTreeMap;

use crate::helpers::{harness, seed};
use egui::Rect;
use egui_kittest::kittest::Queryable as _;
use shiquan::model::{BodyId, JurisdictionId, Level};
use shiquan::plan::Operation;
use shiquan::session::View;
use shiquan::ui::ScriptedDialogs;
use shiquan::ui::canvas::draw::{elide, name_lines, name_size};
use shiquan::ui::canvas::layout::{BOX_W, layout};
use shiquan::ui::command::{Action, Command};

#[test]
fn a_body_moved_out_of_a_lane_leaves_its_slot_and_the_others_stay_where_they_were() {
    let mut h = harness(seed(), ScriptedDialogs::default());
    h.run();
    h.state_mut().push(Action::SwitchView(View::Scenario(
        "city-district-split".into(),
    )));
    h.run();
    let city_boxes = |h: &egui_kittest::Harness<'static, shiquan::ui::ShiquanApp>| {
        let app = h.state();
        let state = app.document().state();
        state
            .bodies()
            .values()
            .filter(|b| state.level_of_body(&b.id) == Some(Level::City))
            .filter_map(|b| Some((b.id.clone(), app.canvas().layout.body(&b.id)?.rect)))
            .collect::<BTreeMap<BodyId, Rect>>()
    };
    let before = city_boxes(&h);
    // A city body with no sub-body, not the last of its lane, that can go to 丙区.
    let mover = {
        let app = h.state();
        let state = app.document().state();
        let last = before
            .iter()
            .max_by(|a, b| {
                (a.1.top(), a.1.left())
                    .partial_cmp(&(b.1.top(), b.1.left()))
                    .expect("finite")
            })
            .map(|(id, _)| id.clone());
        before
            .keys()
            .filter(|b| Some(*b) != last.as_ref())
            .filter(|b| state.children_of(b).next().is_none())
            .find(|b| {
                let mut trial = app.document().clone();
                trial
                    .apply(Operation::MoveBody {
                        body: (*b).clone(),
                        to: JurisdictionId::new("district-c"),
                    })
                    .is_ok()
            })
            .expect("a city body that can move")
            .clone()
    };
    h.state_mut().push(Action::Apply(Operation::MoveBody {
        body: mover.clone(),
        to: JurisdictionId::new("district-c"),
    }));
    h.run();
    let after = city_boxes(&h);
    assert!(!after.contains_key(&mover), "the body left the city lane");
    for (id, rect) in &after {
        assert_eq!(
            before.get(id),
            Some(rect),
            "{id} stayed in its place when another body left the lane"
        );
    }
    h.state_mut().push(Command::Undo);
    h.run();
    assert_eq!(
        city_boxes(&h),
        before,
        "undo puts the body back into its own slot"
    );
}

#[test]
fn at_zoom_two_every_seed_body_shows_its_whole_name() {
    let plan = seed();
    let state = plan.state_of(None).expect("the baseline");
    let laid = layout(&state, 6, &std::collections::BTreeSet::default());
    let zoom = 2.0;
    for b in &laid.boxes {
        let body = state.body(&b.id).expect("a body");
        let prefix = if b.depth > 0 { "└ " } else { "" };
        let name = format!("{prefix}{}", body.name);
        // As `draw::body` gives it: the box's width less its padding and the expand toggle.
        let room = BOX_W * zoom - 6.0 * zoom * 2.0 - 18.0 * zoom;
        let lines = name_lines(&name, zoom, room);
        assert_eq!(
            lines.concat(),
            name,
            "the whole name of {} at zoom {zoom}, on at most two lines",
            body.name
        );
    }
    // At zoom 1 a long name is still cut (the box is small), so zooming in is what shows it.
    assert!(
        laid.boxes.iter().any(|b| {
            let name = &state.body(&b.id).expect("a body").name;
            elide(name, name_size(1.0), BOX_W - 12.0 - 18.0) != *name
        }),
        "some seed name is long enough to be cut at zoom 1"
    );
}

#[test]
fn fit_to_window_keeps_every_column_inside_the_lanes_view_in_both_languages() {
    for lang in [shiquan::text::Lang::Zh, shiquan::text::Lang::En] {
        let mut h = harness(seed(), ScriptedDialogs::default());
        h.run();
        h.state_mut().push(Command::SetLang(lang));
        h.run();
        h.state_mut().push(Action::SwitchView(View::Scenario(
            "city-district-split".into(),
        )));
        h.run();
        h.state_mut().push(Command::FitView);
        h.run();
        // Then show a body in the inspector, which widens it with the body's details.
        let body = h
            .state()
            .document()
            .state()
            .bodies()
            .keys()
            .next()
            .expect("a body")
            .clone();
        h.state_mut()
            .push(Action::Select(shiquan::ui::state::Selection::Body(body)));
        h.run();
        h.run();
        // The inspector's heading: where the right side panel begins.
        let heading = match lang {
            shiquan::text::Lang::Zh => "属性",
            shiquan::text::Lang::En => "Inspector",
        };
        let inspector_left = h.get_by_label(heading).rect().left();
        let canvas = h.state().canvas();
        let view = canvas.rect.expect("the lanes are drawn");
        assert!(
            view.right() <= inspector_left,
            "{lang:?}: the lanes view ({view:?}) reaches under the inspector (from x = {inspector_left})"
        );
        let t = canvas.transform.expect("drawn");
        let right = canvas
            .layout
            .boxes
            .iter()
            .map(|b| t.rect(b.rect).right())
            .fold(f32::MIN, f32::max);
        assert!(
            right <= view.right() + 0.5,
            "{lang:?}: the last column ends at {right}, past the lanes view's right edge {}",
            view.right()
        );
    }
}
