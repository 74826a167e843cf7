//! Moving several selected bodies in one gesture (issue 17, problem 6): a selected sub-body
//! that sits with its selected parent moves with it, not a second time (which was refused as
//! 「city-szgyj-dlyh is already in district-c」); a gesture that is refused leaves the history,
//! its redo steps and the unsaved marker as they were; the refusal names bodies and places.

use std::collections::BTreeSet;

use shiquan::io::seed;
use shiquan::model::{BodyId, JurisdictionId};
use shiquan::plan::Operation;
use shiquan::session::Document;

fn moves(bodies: &[&str], to: &str) -> Vec<Operation> {
    bodies
        .iter()
        .map(|b| Operation::MoveBody {
            body: BodyId::new(*b),
            to: JurisdictionId::new(to),
        })
        .collect()
}

#[test]
fn a_selected_sub_body_that_sits_with_its_selected_parent_moves_with_it() {
    let plan = seed::seed_plan().expect("the seed plan loads");
    let state = &plan.baseline;
    let selected: BTreeSet<BodyId> = ["city-szgyj", "city-szgyj-dlyh", "city-cgj"]
        .into_iter()
        .map(BodyId::new)
        .collect();
    let moving: Vec<&str> = state
        .bodies_moving_themselves(&selected)
        .map(BodyId::as_str)
        .collect();
    assert_eq!(moving, ["city-cgj", "city-szgyj"]);

    // Moved once per top-most body, the gesture applies and takes the sub-body along.
    let mut doc = Document::new(plan.clone());
    let ops = moves(&moving, "district-c");
    doc.apply_all(ops).expect("the top-most moves apply");
    let dlyh = doc
        .state()
        .body(&BodyId::new("city-szgyj-dlyh"))
        .expect("still there");
    assert_eq!(dlyh.jurisdiction.as_str(), "district-c");
}

#[test]
fn a_sub_body_in_another_place_than_its_parent_moves_itself() {
    let mut plan = seed::seed_plan().expect("the seed plan loads");
    let mut doc = Document::new(plan.clone());
    doc.apply(moves(&["city-szgyj-dlyh"], "district-b").remove(0))
        .expect("the sub-body moves alone");
    plan.baseline = doc.state().clone();
    let selected: BTreeSet<BodyId> = ["city-szgyj", "city-szgyj-dlyh"]
        .into_iter()
        .map(BodyId::new)
        .collect();
    let moving = plan.baseline.bodies_moving_themselves(&selected).count();
    assert_eq!(moving, 2, "the parent's move would leave it where it is");
}

#[test]
fn a_refused_gesture_keeps_the_redo_steps_and_the_saved_state() {
    let mut doc = Document::new(seed::seed_plan().expect("the seed plan loads"));
    doc.apply(moves(&["city-cgj"], "district-b").remove(0))
        .expect("a first move");
    assert!(doc.undo());
    doc.mark_saved();
    let before = doc.state().clone();
    // The second move of the same body is refused after the first applied.
    let refused = doc
        .apply_all(moves(&["city-szgyj", "city-szgyj"], "district-c"))
        .expect_err("the second move finds it there");
    assert_eq!(refused.0, 1);
    let message = refused.1.to_string();
    assert!(
        message.contains("市市政公用事业管理局") && !message.contains("city-szgyj"),
        "{message}"
    );
    assert_eq!(doc.state(), &before, "nothing of the gesture stays");
    assert!(!doc.is_dirty(), "a refused gesture leaves the plan saved");
    assert!(doc.redo(), "the step undone before is still there to redo");
    assert_eq!(
        doc.state()
            .body(&BodyId::new("city-cgj"))
            .map(|b| b.jurisdiction.as_str()),
        Some("district-b")
    );
}
