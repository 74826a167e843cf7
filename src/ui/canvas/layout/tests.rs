//! The layout's own tests: lanes, boxes, open districts.

use super::*;

#[test]
fn the_seed_plan_puts_the_city_on_top_and_every_body_in_its_lane() {
    let plan = crate::io::seed::seed_plan().expect("seed plan loads");
    let state = &plan.baseline;
    let all: BTreeSet<JurisdictionId> = state.districts().map(|d| d.id.clone()).collect();
    let mut l = Layout::default();
    l.update_open(state, 5, &BTreeSet::new(), &all, &Touched::All, None);
    assert_eq!(l.lanes[0].level, Level::City);
    assert_eq!(l.boxes.len(), state.bodies().len());
    for b in &l.boxes {
        let lane = &l.lanes[b.lane];
        assert_eq!(state.body(&b.id).map(|x| &x.jurisdiction), Some(&lane.id));
        assert!(lane.rect.contains_rect(b.rect), "{} outside its lane", b.id);
    }
}

/// A city, district `d` with streets `s1` and `s2` (a body each) and a body of its own.
fn streets_state() -> State {
    crate::lanes::tests::state_of(
        &[
            ("city", Level::City, None),
            ("d", Level::District, Some("city")),
            ("s1", Level::Street, Some("d")),
            ("s2", Level::Street, Some("d")),
        ],
        &[("db", "d", None), ("s1b", "s1", None), ("s2b", "s2", None)],
    )
}

#[test]
fn a_district_folds_its_streets_away_and_open_shows_them_below_it() {
    let state = streets_state();
    let (district, street) = (JurisdictionId::new("d"), JurisdictionId::new("s1"));
    let closed = layout(&state, 5, &BTreeSet::new());
    assert!(closed.lane(&street).is_none());
    assert!(closed.body(&"s1b".into()).is_none());
    let lane = closed.lane(&district).expect("the district's lane");
    assert_eq!((lane.streets, lane.street_bodies, lane.open), (2, 2, false));
    let mut open = Layout::default();
    let districts = BTreeSet::from([district.clone()]);
    open.update_open(&state, 5, &BTreeSet::new(), &districts, &Touched::All, None);
    let street_lane = open.lane(&street).expect("the street's lane");
    assert_eq!(street_lane.district.as_ref(), Some(&district));
    let b = open.body(&"s1b".into()).expect("a box");
    assert!(street_lane.rect.contains_rect(b.rect));
    assert!(open.lane(&district).is_some_and(|l| l.open));
    // Closed again, it is the closed layout.
    open.update_open(
        &state,
        5,
        &BTreeSet::new(),
        &BTreeSet::new(),
        &Touched::none(),
        Some(&[]),
    );
    assert_eq!(open, closed);
}

#[test]
fn an_empty_state_lays_out_nothing() {
    let l = layout(&State::new(), 5, &BTreeSet::new());
    assert!(l.lanes.is_empty() && l.boxes.is_empty());
}
