//! A body's holdings in power order ([`BodyHoldings`]): a body that holds a good share of the
//! state's powers (a district's bureau holds thousands) walks the maps keyed by power beside its
//! own powers, one step each, rather than looking each power up ([`InOrder`]); a body of a few
//! powers looks them up.

use std::collections::{BTreeMap, BTreeSet, btree_map, btree_set};
use std::iter::Peekable;

use super::Holders;
use crate::model::{BodyId, Holding, PowerId};

/// Keys asked for in ascending order walk the map when at least one in this many of its keys
/// is asked for.
const WALK_FROM_ONE_IN: usize = 8;

/// Finds the values of keys asked for in ascending order: by walking the map beside them when
/// many are asked for, else by a look-up each. (A body's powers here; the comparison's
/// territories in `analysis::diff`.)
pub enum InOrder<'a, K, V> {
    /// By a look-up in the map.
    Look(&'a BTreeMap<K, V>),
    /// By walking the map, in step with the keys asked for.
    Walk(Peekable<btree_map::Iter<'a, K, V>>),
}

impl<'a, K: Ord, V> InOrder<'a, K, V> {
    /// A finder of about `asked` keys of `map`.
    pub fn new(map: &'a BTreeMap<K, V>, asked: usize) -> Self {
        if asked.saturating_mul(WALK_FROM_ONE_IN) >= map.len() {
            InOrder::Walk(map.iter().peekable())
        } else {
            InOrder::Look(map)
        }
    }

    /// The value of `key`, which comes after every key asked for before.
    pub fn find(&mut self, key: &K) -> Option<&'a V> {
        match self {
            InOrder::Look(map) => map.get(key),
            InOrder::Walk(map) => {
                while map.next_if(|(id, _)| *id < key).is_some() {}
                map.next_if(|(id, _)| *id == key).map(|(_, value)| value)
            }
        }
    }
}

/// The holdings of one body, sorted by power.
pub(super) struct BodyHoldings<'a> {
    body: &'a BodyId,
    powers: Option<btree_set::Iter<'a, PowerId>>,
    holders: InOrder<'a, PowerId, Holders>,
}

impl<'a> BodyHoldings<'a> {
    pub(super) fn new(
        body: &'a BodyId,
        powers: Option<&'a BTreeSet<PowerId>>,
        holdings: &'a BTreeMap<PowerId, Holders>,
    ) -> Self {
        Self {
            body,
            powers: powers.map(BTreeSet::iter),
            holders: InOrder::new(holdings, powers.map_or(0, BTreeSet::len)),
        }
    }
}

impl<'a> Iterator for BodyHoldings<'a> {
    type Item = &'a Holding;

    fn next(&mut self) -> Option<&'a Holding> {
        let powers = self.powers.as_mut()?;
        loop {
            let power = powers.next()?;
            if let Some(holding) = self.holders.find(power).and_then(|h| h.get(self.body)) {
                return Some(holding);
            }
        }
    }
}
