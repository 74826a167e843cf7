//! Work split over the machine's cores without a thread pool: a few steps of a province's check
//! (building its maps, its coverage, its report) are independent over parts of their input, and
//! on two cores take half the time. Each part runs on a scoped thread of its own (the first on
//! the calling thread), and results come back in the parts' order, so the output is the same as
//! one thread's.

use std::num::NonZero;
use std::thread;

/// How many parts to cut `items` things into: one per core (at most four) when there are at
/// least `worth_it` of them, else one (a thread costs more than a small part saves).
pub fn parts_for(items: usize, worth_it: usize) -> usize {
    if items >= worth_it {
        thread::available_parallelism()
            .map_or(1, NonZero::get)
            .clamp(1, 4)
    } else {
        1
    }
}

/// Runs `build` on each of `inputs`, the first on this thread and the rest on threads of their
/// own; the results in the inputs' order. A panic in a part is raised again here.
pub fn on_threads<I: Send, T: Send>(inputs: Vec<I>, build: impl Fn(I) -> T + Sync) -> Vec<T> {
    let mut inputs = inputs.into_iter();
    let Some(first) = inputs.next() else {
        return Vec::new();
    };
    if inputs.len() == 0 {
        return vec![build(first)];
    }
    thread::scope(|scope| {
        let build = &build;
        let others: Vec<_> = inputs.map(|i| scope.spawn(move || build(i))).collect();
        let mut built = vec![build(first)];
        built.extend(
            others
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p))),
        );
        built
    })
}

/// `f` applied to each item of `items`, in order, the items cut into [`parts_for`] parts.
///
/// The first part's results grow once to the full length and the others are moved after them
/// (one part's are returned as they are): collecting them through a flattening iterator grew
/// the vector by doubling (it knows only the first part's length), each doubling a copy into
/// fresh memory (a province's coverage and its findings' records are megabytes).
pub fn map_slice<T: Sync, U: Send>(
    items: &[T],
    worth_it: usize,
    f: impl Fn(&T) -> U + Sync,
) -> Vec<U> {
    let parts = parts_for(items.len(), worth_it);
    let size = items.len().div_ceil(parts).max(1);
    let mapped = on_threads(items.chunks(size).collect(), |part: &[T]| {
        part.iter().map(&f).collect::<Vec<U>>()
    });
    let mut parts = mapped.into_iter();
    let mut all = parts.next().unwrap_or_default();
    all.reserve_exact(items.len() - all.len());
    for part in parts {
        all.extend(part);
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_order() {
        let items: Vec<u32> = (0..10_001).collect();
        let doubled = map_slice(&items, 100, |x| x * 2);
        assert_eq!(doubled, items.iter().map(|x| x * 2).collect::<Vec<_>>());
        assert_eq!(map_slice(&items[..3], 100, |x| x + 1), vec![1, 2, 3]);
        assert!(map_slice(&[] as &[u32], 1, |x| *x).is_empty());
        let parts = on_threads(vec![1, 2, 3], |x| x * 10);
        assert_eq!(parts, vec![10, 20, 30]);
    }

    #[test]
    #[should_panic(expected = "part 2")]
    fn a_panic_in_a_part_is_raised_again() {
        on_threads(vec![1, 2], |x| {
            assert!(x != 2, "part {x}");
            x
        });
    }
}
