//! Operation sequences that once broke the model, found by the property tests of
//! `tests/core/operations_properties.rs` and kept here by their seed, so that they run on every build.

use crate::common::random::{Rng, random_operation, random_state};

/// Applies the random operations of a seed as the property test does; every state on the way
/// must be valid.
fn replay(seed: u64, steps: usize) {
    let mut rng = Rng::new(seed);
    let mut state = random_state(&mut rng);
    for serial in 0..steps {
        let op = random_operation(&state, &mut rng, serial);
        let before = state.clone();
        if op.apply(&mut state).is_err() {
            assert_eq!(state, before, "a refused operation changed the state");
        }
        let errors = state.validate();
        assert!(errors.is_empty(), "step {serial}, {op:?}: {errors:?}");
    }
}

/// Abolishing the organ that supervised a body hands the body to its parent; when that parent
/// is itself supervised by the body, the chain of 主管部门 would loop: the abolition is refused.
#[test]
fn abolishing_a_supervisor_never_leaves_a_supervision_cycle() {
    replay(3_483_524_658_708_747_552, 20);
}
