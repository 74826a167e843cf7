//! A state built from its records: from any order ([`State::from_records`]) and from holdings
//! that come in (power, body) order ([`State::from_sorted_holdings`], the list import's way)
//! give the same state, derived indexes included; a duplicate or an out-of-order holding is an
//! error that names it.

use shiquan::generate::{GenerateOptions, generate};
use shiquan::model::{Holding, ModelError, Role, State, StateRecords};

fn records() -> StateRecords {
    generate(&GenerateOptions {
        districts: 6,
        powers: 80,
        seed: 3,
        overlap_rate: 0.05,
        gap_rate: 0.05,
    })
    .baseline
    .to_records()
}

/// What the derived indexes say of every body, so that two states can be compared on them.
fn indexes(state: &State) -> Vec<(String, Vec<String>, usize)> {
    state
        .bodies()
        .keys()
        .map(|body| {
            let powers = state
                .powers_of_body(body)
                .map(ToString::to_string)
                .collect::<Vec<_>>();
            (body.to_string(), powers, state.lead_count(body))
        })
        .collect()
}

/// The same, counted from the records themselves.
fn indexes_of_records(records: &StateRecords) -> Vec<(String, Vec<String>, usize)> {
    let mut bodies: Vec<_> = records.bodies.iter().map(|b| b.id.to_string()).collect();
    bodies.sort();
    bodies
        .into_iter()
        .map(|body| {
            let held = || records.holdings.iter().filter(|h| h.body.as_str() == body);
            let mut powers: Vec<String> = held().map(|h| h.power.to_string()).collect();
            powers.sort();
            let leads = held().filter(|h| h.role.is_lead()).count();
            (body, powers, leads)
        })
        .collect()
}

#[test]
fn sorted_holdings_and_records_in_any_order_give_the_same_state() {
    let records = records();
    let expected = State::from_records(records.clone()).expect("valid records");
    assert!(expected.holding_count() > 400);
    assert_eq!(expected.holding_count(), records.holdings.len());
    assert_eq!(indexes(&expected), indexes_of_records(&records));

    let mut shuffled = records.clone();
    // A fixed permutation: every seventh holding first, then the rest backwards.
    let holdings = std::mem::take(&mut shuffled.holdings);
    let (sevenths, rest): (Vec<_>, Vec<_>) = holdings
        .into_iter()
        .enumerate()
        .partition(|(i, _)| i % 7 == 0);
    shuffled.holdings = sevenths
        .into_iter()
        .chain(rest.into_iter().rev())
        .map(|(_, h)| h)
        .collect();
    let from_shuffled = State::from_records(shuffled).expect("valid records");
    assert_eq!(from_shuffled, expected);
    assert_eq!(indexes(&from_shuffled), indexes(&expected));

    let mut apart = records;
    let holdings = std::mem::take(&mut apart.holdings);
    // In one part, and cut in parts anywhere (a power may straddle two parts).
    let n = holdings.len();
    for cuts in [vec![], vec![n / 2], vec![1, n / 3, n / 3 + 1, n - 1]] {
        let mut parts = Vec::new();
        let mut from = 0;
        for cut in cuts.iter().copied().chain([n]) {
            parts.push(holdings[from..cut].to_vec());
            from = cut;
        }
        let from_sorted = State::from_sorted_holdings(apart.clone(), parts).expect("valid records");
        assert_eq!(from_sorted, expected, "cut at {cuts:?}");
        assert_eq!(from_sorted.holding_count(), expected.holding_count());
        assert_eq!(indexes(&from_sorted), indexes(&expected));
    }
}

#[test]
fn a_duplicate_or_out_of_order_holding_is_named() {
    let mut records = records();
    let holdings = std::mem::take(&mut records.holdings);
    let first = holdings[0].clone();
    let last = holdings.last().expect("holdings").clone();

    // The first holding again, with another role: a duplicate, whichever order.
    let twice = Holding {
        role: Role::Assist,
        ..first.clone()
    };
    let errors = State::from_records(StateRecords {
        holdings: holdings.iter().cloned().chain([twice.clone()]).collect(),
        ..records.clone()
    })
    .expect_err("a duplicate");
    let named = format!("{} @ {}", first.power, first.body);
    assert!(
        errors
            .iter()
            .any(|e| matches!(e, ModelError::DuplicateId { what: "holding", id } if *id == named)),
        "{errors:?}"
    );

    // The sorted way refuses the first holding again after the last one: out of order.
    let errors = State::from_sorted_holdings(
        records.clone(),
        [holdings.iter().cloned().chain([twice.clone()])],
    )
    .expect_err("out of order");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].to_string().contains(&named) && errors[0].to_string().contains("order"),
        "{}",
        errors[0]
    );

    // So does a part that starts before the part ahead of it ends.
    let errors = State::from_sorted_holdings(records.clone(), [holdings.clone(), vec![twice]])
        .expect_err("out of order");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].to_string().contains(&named), "{}", errors[0]);

    // And the last one twice in a row is a duplicate, within a part or across two.
    let errors = State::from_sorted_holdings(
        records.clone(),
        [holdings.iter().cloned().chain([last.clone()])],
    )
    .expect_err("a duplicate");
    let named = format!("{} @ {}", last.power, last.body);
    let twice_last = vec![ModelError::DuplicateId {
        what: "holding",
        id: named,
    }];
    assert_eq!(errors, twice_last);
    let errors =
        State::from_sorted_holdings(records, [holdings, vec![last]]).expect_err("a duplicate");
    assert_eq!(errors, twice_last);
}

/// A body's holdings, and with them their powers' records, are those of the state that name
/// it, in power order, whether the body holds most of the powers (its holdings are found by
/// walking the maps) or a few (by looking each up): a province's district bodies, its street
/// bodies with their grants, the city's bodies and a body that holds nothing.
#[test]
fn a_bodys_holdings_are_found_alike_by_walking_and_by_looking_up() {
    use shiquan::generate::{StreetOptions, generate_province};
    let plan = generate_province(
        &GenerateOptions {
            districts: 4,
            powers: 160,
            seed: 11,
            overlap_rate: 0.05,
            gap_rate: 0.05,
        },
        &StreetOptions {
            per_district: 3,
            grant_rate: 0.3,
        },
    );
    let mut state = plan.baseline;
    let mut records = state.to_records();
    let idle = records.bodies[0].clone();
    records.bodies.push(shiquan::model::Body {
        id: shiquan::model::BodyId::new("body-idle"),
        ..idle
    });
    state = State::from_records(records).expect("valid");
    let (mut few, mut many) = (0, 0);
    for body in state.bodies().keys() {
        let expected: Vec<&Holding> = state.holdings().filter(|h| &h.body == body).collect();
        let mut in_order = expected.clone();
        in_order.sort_by(|a, b| a.power.cmp(&b.power));
        assert_eq!(expected.len(), in_order.len());
        let found: Vec<&Holding> = state.holdings_of_body(body).collect();
        assert_eq!(found, in_order, "{body}");
        let with_powers: Vec<_> = state.holdings_of_body_with_powers(body).collect();
        assert_eq!(with_powers.len(), found.len(), "{body}");
        for (holding, power) in with_powers {
            assert_eq!(power, state.power(&holding.power), "{body}");
        }
        if found.len() * 8 >= state.powers().len() {
            many += 1;
        } else {
            few += 1;
        }
    }
    assert!(
        many > 0 && few > 1,
        "both ways are tried: {many} walked, {few} looked up"
    );
}
