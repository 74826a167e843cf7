//! What a refresh of the rule findings keeps track of beyond the findings: the districts whose
//! 执法集中 must be looked at again ([`Pending`]), and how a scope's findings before and after
//! differ ([`diff_findings`]), so that an edit moves only the findings it changed; and how a
//! full evaluation's findings are put in at once ([`RuleFindings::fill`]).

use std::collections::BTreeSet;
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use super::{Rule, RuleFindings, Scope};
use crate::analysis::finding::Finding;
use crate::model::BodyId;

/// Districts whose 执法集中 lead bodies changed while coverage was refreshed.
///
/// A touched power's leads are taken out of the counts before coverage is refreshed and put
/// back after, so a body that leads it as before leaves its count as it was: only a body that
/// stopped or started leading some chosen penalty in a district (or a street's team whose
/// counted penalties or holdings changed, which decides whether it counts apart) makes the
/// district's 执法集中 be looked at again. A grant touches a few streets' teams, not every
/// street where its powers are led.
#[derive(Debug, Default)]
pub struct Pending {
    pub(super) districts: BTreeSet<usize>,
    /// Bodies whose count fell to zero in a district, until it rises again.
    zeroed: FxHashSet<(usize, BodyId)>,
    /// Streets' teams whose count in their street moved, by how much.
    street_moves: FxHashMap<(usize, BodyId), isize>,
}

impl Pending {
    /// A body's count in district `i` fell by one, to `now`.
    pub(super) fn fell(&mut self, i: usize, body: &BodyId, now: usize, street_body: bool) {
        if now == 0 {
            self.zeroed.insert((i, body.clone()));
        }
        if street_body {
            *self.street_moves.entry((i, body.clone())).or_default() -= 1;
        }
    }

    /// A body's count in district `i` rose by one, to `now`.
    pub(super) fn rose(&mut self, i: usize, body: &BodyId, now: usize, street_body: bool) {
        if now == 1 && !self.zeroed.remove(&(i, body.clone())) {
            self.districts.insert(i);
        }
        if street_body {
            *self.street_moves.entry((i, body.clone())).or_default() += 1;
        }
    }

    /// The districts to look at again, once every touched power is counted again.
    pub(super) fn settle(mut self, touched_bodies: &BTreeSet<BodyId>) -> BTreeSet<usize> {
        self.districts
            .extend(self.zeroed.into_iter().map(|(i, _)| i));
        self.districts.extend(
            self.street_moves
                .into_iter()
                .filter(|((_, body), moved)| *moved != 0 || touched_bodies.contains(body))
                .map(|((i, _), _)| i),
        );
        self.districts
    }
}

/// A scope's findings after, each one that was there before as its old shared value; the old
/// findings that went (one per copy); and where in the findings after those that came are.
pub(super) fn diff_findings(
    old: Vec<Arc<Finding>>,
    findings: Vec<Finding>,
) -> (Vec<Arc<Finding>>, Vec<Arc<Finding>>, Vec<usize>) {
    const END: usize = usize::MAX;
    // The old findings by value: the first copy's place, and each copy's next copy.
    let mut first: FxHashMap<&Finding, usize> = FxHashMap::default();
    let mut next_copy = vec![END; old.len()];
    for (i, f) in old.iter().enumerate().rev() {
        if let Some(later) = first.insert(&**f, i) {
            next_copy[i] = later;
        }
    }
    let mut kept = vec![false; old.len()];
    let mut new = Vec::with_capacity(findings.len());
    let mut added = Vec::new();
    for f in findings {
        let copy = first.get_mut(&f).and_then(|i| {
            let this = *i;
            (this != END).then(|| {
                *i = next_copy[this];
                this
            })
        });
        if let Some(i) = copy {
            kept[i] = true;
            new.push(Arc::clone(&old[i]));
        } else {
            added.push(new.len());
            new.push(Arc::new(f));
        }
    }
    drop(first);
    let removed = old
        .into_iter()
        .zip(kept)
        .filter_map(|(f, kept)| (!kept).then_some(f))
        .collect();
    (new, removed, added)
}

impl RuleFindings {
    /// Puts the findings of a full evaluation in, each scope's once: the index by value is
    /// sorted in one go rather than grown finding by finding (a province has a few hundred
    /// thousand).
    pub(super) fn fill(&mut self, groups: impl Iterator<Item = ((Rule, Scope), Vec<Finding>)>) {
        let mut all: Vec<Arc<Finding>> = Vec::new();
        for (key, findings) in groups {
            if findings.is_empty() {
                continue;
            }
            let group: Vec<Arc<Finding>> = findings.into_iter().map(Arc::new).collect();
            all.extend(group.iter().cloned());
            self.len += group.len();
            self.groups.insert(key, group);
        }
        all.sort_unstable();
        let mut counted: Vec<(Arc<Finding>, usize)> = Vec::new();
        for finding in all {
            match counted.last_mut() {
                Some((last, n)) if **last == *finding => *n += 1,
                _ => counted.push((finding, 1)),
            }
        }
        // Sorted already: the map is built from it without a search per finding.
        self.sorted = counted.into_iter().collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::finding::{FindingKind, Reason, Severity};

    fn finding(power: &str) -> Finding {
        Finding {
            kind: FindingKind::Gap,
            severity: Severity::Error,
            power: Some(power.into()),
            jurisdiction: None,
            bodies: Vec::new(),
            rule: None,
            reason: Reason::Gap,
        }
    }

    #[test]
    fn findings_that_stay_keep_their_value_and_copies_count_one_by_one() {
        let old: Vec<Arc<Finding>> = ["a", "b", "b", "c"]
            .iter()
            .map(|p| Arc::new(finding(p)))
            .collect();
        let after = ["b", "d", "a"].map(finding).to_vec();
        let (new, removed, added) = diff_findings(old.clone(), after.clone());
        assert_eq!(new.iter().map(|f| (**f).clone()).collect::<Vec<_>>(), after);
        // The staying "b" and "a" are the old values themselves.
        assert!(Arc::ptr_eq(&new[0], &old[1]));
        assert!(Arc::ptr_eq(&new[2], &old[0]));
        assert_eq!(added, vec![1]);
        let gone: Vec<_> = removed.iter().map(|f| f.power.clone()).collect();
        assert_eq!(gone, vec![Some("b".into()), Some("c".into())]);
    }
}
