//! One power's holdings, kept as a vector sorted by body.
//!
//! A power has tens of holders in a city and a few hundred in a province with streets; a sorted
//! vector finds one by binary search as fast as a tree does, inserts with a short move, and
//! costs no more than the holdings themselves: no copy of the body's id as a key, no node
//! headers, no half-empty nodes. A province's state holds hundreds of thousands of holdings, and
//! building them is mostly fresh memory, so the size is the time (issues 14 and 15).
//!
//! The vector is shared between the copies of a state (the plan's baseline and the window's
//! working state, a scenario's state built on the baseline) until one of them changes that
//! power: copying a state copies a pointer per power, not each holding (a province with streets
//! has 976,429, and its window held them twice).

use std::sync::Arc;

use crate::model::{BodyId, Holding};

/// One power's holdings, sorted by body, each body once.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Holders(Arc<Vec<Holding>>);

impl Holders {
    /// Holdings already sorted by body, each body once (the caller has checked).
    pub(super) fn from_sorted(holdings: Vec<Holding>) -> Self {
        debug_assert!(holdings.windows(2).all(|w| w[0].body < w[1].body));
        Self(Arc::new(holdings))
    }

    fn position(&self, body: &BodyId) -> Result<usize, usize> {
        self.0.binary_search_by(|h| h.body.cmp(body))
    }

    /// The holding of a body, if any.
    pub(super) fn get(&self, body: &BodyId) -> Option<&Holding> {
        self.position(body).ok().map(|i| &self.0[i])
    }

    /// Puts a holding in, by its body; returns the one it replaced.
    pub(super) fn insert(&mut self, holding: Holding) -> Option<Holding> {
        let at = self.position(&holding.body);
        let holdings = Arc::make_mut(&mut self.0);
        match at {
            Ok(i) => Some(std::mem::replace(&mut holdings[i], holding)),
            Err(i) => {
                holdings.insert(i, holding);
                None
            }
        }
    }

    /// Takes a body's holding out.
    pub(super) fn remove(&mut self, body: &BodyId) -> Option<Holding> {
        let i = self.position(body).ok()?;
        Some(Arc::make_mut(&mut self.0).remove(i))
    }

    /// The holdings, by body.
    pub(super) fn iter(&self) -> std::slice::Iter<'_, Holding> {
        self.0.iter()
    }

    /// How many bodies hold the power.
    pub(super) fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no body holds the power.
    pub(super) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Adds holdings whose bodies all come after this one's (the next part of a sorted input).
    pub(super) fn append_sorted(&mut self, later: Holders) {
        debug_assert!(match (self.0.last(), later.0.first()) {
            (Some(last), Some(first)) => last.body < first.body,
            _ => true,
        });
        let mut later = Arc::try_unwrap(later.0).unwrap_or_else(|shared| (*shared).clone());
        Arc::make_mut(&mut self.0).append(&mut later);
    }
}

impl<'a> IntoIterator for &'a Holders {
    type Item = &'a Holding;
    type IntoIter = std::slice::Iter<'a, Holding>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn holding(body: &str) -> Holding {
        Holding::lead("p".into(), body.into())
    }

    fn bodies(holders: &Holders) -> Vec<&str> {
        holders.iter().map(|h| h.body.as_str()).collect()
    }

    #[test]
    fn insert_keeps_the_bodies_sorted_and_replaces_a_bodys_holding() {
        let mut holders = Holders::default();
        for body in ["c", "a", "b"] {
            assert_eq!(holders.insert(holding(body)), None);
        }
        assert_eq!(bodies(&holders), ["a", "b", "c"]);
        let mut assist = holding("b");
        assist.role = crate::model::Role::Assist;
        let replaced = holders.insert(assist.clone());
        assert_eq!(replaced, Some(holding("b")));
        assert_eq!(holders.get(&"b".into()), Some(&assist));
        assert_eq!(bodies(&holders), ["a", "b", "c"]);
    }

    #[test]
    fn remove_takes_only_that_body_out() {
        let mut holders = Holders::from_sorted(vec![holding("a"), holding("b"), holding("c")]);
        assert_eq!(holders.remove(&"b".into()), Some(holding("b")));
        assert_eq!(holders.remove(&"b".into()), None);
        assert_eq!(bodies(&holders), ["a", "c"]);
        assert!(holders.get(&"b".into()).is_none());
        holders.remove(&"a".into());
        holders.remove(&"c".into());
        assert!(holders.is_empty());
    }

    #[test]
    fn a_copy_shares_the_holdings_until_one_side_changes() {
        let original = Holders::from_sorted(vec![holding("a"), holding("b")]);
        let mut copy = original.clone();
        assert!(Arc::ptr_eq(&original.0, &copy.0));
        copy.insert(holding("c"));
        copy.remove(&"a".into());
        assert_eq!(bodies(&original), ["a", "b"]);
        assert_eq!(bodies(&copy), ["b", "c"]);
    }

    #[test]
    fn append_sorted_joins_two_parts_of_one_power() {
        let mut first = Holders::from_sorted(vec![holding("a"), holding("b")]);
        first.append_sorted(Holders::from_sorted(vec![holding("c")]));
        assert_eq!(bodies(&first), ["a", "b", "c"]);
    }
}
