//! What a refresh of the rule findings keeps track of beyond the findings: the districts whose
//! 执法集中 must be looked at again ([`Pending`]), how a scope's findings before and after
//! differ ([`diff_findings`]), so that an edit moves only the findings it changed, and how a
//! scope's new findings take the place of its old ones, all of them or those of an edit's area
//! ([`Group`]).

use std::collections::BTreeSet;
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use super::{Area, Out, Rule, RuleChanges, RuleFindings, Scope};
use crate::analysis::coverage::merge_by_territory;
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

/// The findings of one rule over one scope, as kept.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub(super) struct Group {
    pub(super) findings: Vec<Arc<Finding>>,
    /// For a rule whose findings each lie in one territory, the territory of each (see
    /// [`Out::territories`]); empty for the other rules.
    pub(super) territories: Vec<u32>,
}

impl RuleFindings {
    /// Puts a scope's new findings in place of its old ones, noting in `changes` (if given)
    /// what changed.
    ///
    /// A finding that stays keeps its shared value, and only the findings that came or went
    /// move in the sorted index: a matter's 看得见管不着 has a finding in each of hundreds of
    /// streets, and a grant changes a few of them.
    pub(super) fn replace(
        &mut self,
        key: (Rule, Scope),
        out: Out,
        changes: Option<&mut RuleChanges>,
    ) {
        let Out {
            findings,
            territories,
            ..
        } = out;
        let old = self.groups.remove(&key).unwrap_or_default();
        if old.findings.len() == findings.len()
            && old.findings.iter().zip(&findings).all(|(a, b)| **a == *b)
        {
            if !old.findings.is_empty() {
                self.groups.insert(key, old);
            }
            return;
        }
        let (new, removed, added) = diff_findings(old.findings, findings);
        self.account(&new, removed, &added, changes);
        if !new.is_empty() {
            self.groups.insert(
                key,
                Group {
                    findings: new,
                    territories,
                },
            );
        }
    }

    /// [`RuleFindings::replace`] for a rule whose findings lie each in one territory, with
    /// `out` its findings in `area` only: the scope's findings elsewhere stay as they were, and
    /// those in the area are replaced, in territory order.
    pub(super) fn replace_in_area(
        &mut self,
        key: (Rule, Scope),
        out: Out,
        area: &Area,
        changes: &mut RuleChanges,
    ) {
        let old = self.groups.remove(&key).unwrap_or_default();
        debug_assert_eq!(old.findings.len(), old.territories.len());
        let mut inside = Vec::new();
        let mut outside = Vec::new();
        for (f, t) in old.findings.into_iter().zip(old.territories) {
            if area.has_territory(t as usize) {
                inside.push(f);
            } else {
                outside.push((t, f));
            }
        }
        let (new_inside, removed, added) = diff_findings(inside, out.findings);
        self.account(&new_inside, removed, &added, Some(changes));
        // Both in territory order, in territories apart: merged by territory.
        let (territories, findings) =
            merge_by_territory(outside, out.territories.into_iter().zip(new_inside));
        let group = Group {
            findings,
            territories,
        };
        if !group.findings.is_empty() {
            self.groups.insert(key, group);
        }
    }

    /// Takes the findings that went out of the sorted index and puts those that came (the
    /// places `added` of `new`) in, noting both in `changes` (if given).
    fn account(
        &mut self,
        new: &[Arc<Finding>],
        removed: Vec<Arc<Finding>>,
        added: &[usize],
        changes: Option<&mut RuleChanges>,
    ) {
        for f in &removed {
            if let Some(n) = self.sorted.get_mut(&**f) {
                *n -= 1;
                if *n == 0 {
                    self.sorted.remove(&**f);
                }
            }
        }
        for &i in added {
            *self.sorted.entry(Arc::clone(&new[i])).or_default() += 1;
        }
        self.len = self.len - removed.len() + added.len();
        if let Some(changes) = changes {
            changes
                .added
                .extend(added.iter().map(|&i| Arc::clone(&new[i])));
            changes.removed.extend(removed);
        }
    }
}

/// A scope's findings after, each one that was there before as its old shared value; the old
/// findings that went (one per copy); and where in the findings after those that came are.
pub(super) fn diff_findings(
    old: Vec<Arc<Finding>>,
    findings: Vec<Finding>,
) -> (Vec<Arc<Finding>>, Vec<Arc<Finding>>, Vec<usize>) {
    // The findings at the start and at the end that are the same before and after are kept
    // without hashing them: a scope's findings come in a fixed order (by territory), and an
    // edit changes a few of them, so only the stretch between is matched by value.
    let prefix = old
        .iter()
        .zip(&findings)
        .take_while(|(a, b)| ***a == **b)
        .count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(findings[prefix..].iter().rev())
        .take_while(|(a, b)| ***a == **b)
        .count();
    let (middle_from, middle_to) = (prefix, old.len() - suffix);
    let middle = findings.len() - prefix - suffix;
    let mut new = Vec::with_capacity(findings.len());
    new.extend(old[..prefix].iter().cloned());
    let mut added = Vec::new();
    let kept = match_by_value(
        &old[middle_from..middle_to],
        findings.into_iter().skip(prefix).take(middle),
        &mut new,
        &mut added,
    );
    new.extend(old[middle_to..].iter().cloned());
    let removed = old
        .into_iter()
        .skip(middle_from)
        .zip(kept)
        .filter(|(_, kept)| !kept)
        .map(|(f, _)| f)
        .collect();
    (new, removed, added)
}

/// Pushes each of `findings` onto `new`: as the old shared value of an equal finding of `old`
/// not yet taken, or as a new value whose place goes into `added`. Which of `old` were taken.
fn match_by_value(
    old: &[Arc<Finding>],
    findings: impl Iterator<Item = Finding>,
    new: &mut Vec<Arc<Finding>>,
    added: &mut Vec<usize>,
) -> Vec<bool> {
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
    kept
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

    #[test]
    fn findings_the_same_at_both_ends_are_kept_without_matching() {
        let old: Vec<Arc<Finding>> = ["a", "b", "c", "d", "e"]
            .iter()
            .map(|p| Arc::new(finding(p)))
            .collect();
        let after = ["a", "b", "x", "d", "e"].map(finding).to_vec();
        let (new, removed, added) = diff_findings(old.clone(), after.clone());
        assert_eq!(new.iter().map(|f| (**f).clone()).collect::<Vec<_>>(), after);
        for (i, o) in [(0, 0), (1, 1), (3, 3), (4, 4)] {
            assert!(Arc::ptr_eq(&new[i], &old[o]));
        }
        assert_eq!(added, vec![2]);
        assert_eq!(removed.len(), 1);
        assert_eq!(removed[0].power, Some("c".into()));
    }

    proptest::proptest! {
        /// Whatever the two sequences, the findings after are the new ones in order, the values
        /// kept are old ones, and what went and came are the multiset differences.
        #[test]
        fn the_diff_is_the_multiset_difference(
            old in proptest::collection::vec(0u8..4, 0..12),
            after in proptest::collection::vec(0u8..4, 0..12),
        ) {
            let name = |n: &u8| finding(&n.to_string());
            let old: Vec<Arc<Finding>> = old.iter().map(|n| Arc::new(name(n))).collect();
            let after: Vec<Finding> = after.iter().map(name).collect();
            let (new, removed, added) = diff_findings(old.clone(), after.clone());
            proptest::prop_assert_eq!(new.iter().map(|f| (**f).clone()).collect::<Vec<_>>(), after.clone());
            let from_old = |f: &Arc<Finding>| old.iter().any(|o| Arc::ptr_eq(o, f));
            let fresh: Vec<usize> = (0..new.len()).filter(|&i| !from_old(&new[i])).collect();
            proptest::prop_assert_eq!(&fresh, &added);
            let count = |list: &mut dyn Iterator<Item = &Finding>, f: &Finding| list.filter(|g| *g == f).count();
            for n in 0u8..4 {
                let f = name(&n);
                let before = count(&mut old.iter().map(|f| &**f), &f);
                let now = count(&mut after.iter(), &f);
                let went = count(&mut removed.iter().map(|f| &**f), &f);
                let came = count(&mut added.iter().map(|&i| &*new[i]), &f);
                proptest::prop_assert_eq!(went, before.saturating_sub(now));
                proptest::prop_assert_eq!(came, now.saturating_sub(before));
            }
        }
    }
}
