//! The lanes follow a change of a power's field into every box that leads it (the boxes of a
//! holdings change are read again alone).

use super::*;
use crate::model::Change;

/// Lays out the seed plan, commits `change` and follows it as the window does.
fn follow(change: &Change) -> (Layout, Layout, State) {
    let plan = crate::io::seed::seed_plan().expect("seed plan loads");
    let mut state = plan.baseline.clone();
    let mut layout = Layout::default();
    layout.update(&state, 5, &BTreeSet::new(), &Touched::All);
    let mut touched = Touched::none();
    state.touched_by(change, &mut touched);
    state.commit(change);
    layout.update(&state, 5, &BTreeSet::new(), &touched);
    let mut fresh = Layout::default();
    fresh.update(&state, 5, &BTreeSet::new(), &Touched::All);
    (layout, fresh, state)
}

fn fields(layout: &Layout) -> Vec<(BodyId, Vec<(String, usize)>)> {
    layout
        .boxes
        .iter()
        .map(|b| (b.id.clone(), b.fields.clone()))
        .collect()
}

#[test]
fn a_power_whose_field_changes_updates_every_box_that_leads_it() {
    let plan = crate::io::seed::seed_plan().expect("seed plan loads");
    let (code, before) = plan
        .baseline
        .powers()
        .iter()
        .max_by_key(|(code, _)| {
            plan.baseline
                .holdings_of_power(code)
                .filter(|h| h.role.is_lead())
                .count()
        })
        .map(|(code, p)| (code.clone(), p.clone()))
        .expect("a power");
    let mut after = before.clone();
    after.field = "新领域".into();
    let (followed, fresh, _) = follow(&Change::Power {
        id: code,
        before: Some(Box::new(before)),
        after: Some(Box::new(after)),
    });
    assert_eq!(fields(&followed), fields(&fresh));
    assert!(
        fields(&followed)
            .iter()
            .any(|(_, f)| f.iter().any(|(name, _)| name == "新领域"))
    );
}
