//! The territories a lead holding does not cover ([`super::Holding::excludes`]), kept as a set
//! behind one pointer.
//!
//! Most holdings exclude nothing: a province with streets has about a million holdings, and
//! only the city's and the districts' lead holdings that a takeover or a grant narrowed
//! exclude anything. An ordered set in place costs 24 bytes in every holding; behind a pointer
//! that is null when empty it costs 8, and the million holdings' 16 MB are memory a
//! `check LIST` or an open no longer clears and fills (issues 14 and 15).
//!
//! It reads as the set it holds ([`std::ops::Deref`]), compares equal by its members (an
//! emptied set equals one that never held anything), and is written in a plan file as the set
//! itself.

use std::collections::BTreeSet;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::ids::JurisdictionId;

/// A holding's excluded territories: a set that allocates only once it holds something.
#[derive(Clone, Default)]
#[allow(
    clippy::box_collection,
    reason = "the point: a null pointer in place of an empty set's 24 bytes"
)]
pub struct Excludes(Option<Box<BTreeSet<JurisdictionId>>>);

/// The set an `Excludes` that holds nothing reads as.
static NOTHING: BTreeSet<JurisdictionId> = BTreeSet::new();

impl Excludes {
    /// Whether it excludes nothing.
    pub fn is_empty(&self) -> bool {
        self.0.as_ref().is_none_or(|set| set.is_empty())
    }

    /// The set, to change it (made when it held nothing).
    fn set_mut(&mut self) -> &mut BTreeSet<JurisdictionId> {
        self.0.get_or_insert_with(Box::default)
    }
}

impl std::ops::Deref for Excludes {
    type Target = BTreeSet<JurisdictionId>;

    fn deref(&self) -> &Self::Target {
        self.0.as_deref().unwrap_or(&NOTHING)
    }
}

impl std::ops::DerefMut for Excludes {
    fn deref_mut(&mut self) -> &mut Self::Target {
        self.set_mut()
    }
}

impl From<BTreeSet<JurisdictionId>> for Excludes {
    fn from(set: BTreeSet<JurisdictionId>) -> Self {
        Self((!set.is_empty()).then(|| Box::new(set)))
    }
}

impl FromIterator<JurisdictionId> for Excludes {
    fn from_iter<I: IntoIterator<Item = JurisdictionId>>(iter: I) -> Self {
        BTreeSet::from_iter(iter).into()
    }
}

impl<'a> IntoIterator for &'a Excludes {
    type Item = &'a JurisdictionId;
    type IntoIter = std::collections::btree_set::Iter<'a, JurisdictionId>;

    fn into_iter(self) -> Self::IntoIter {
        (**self).iter()
    }
}

impl PartialEq for Excludes {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl Eq for Excludes {}

impl std::fmt::Debug for Excludes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (**self).fmt(f)
    }
}

impl Serialize for Excludes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Excludes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        BTreeSet::deserialize(deserializer).map(Self::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(ids: &[&str]) -> Excludes {
        ids.iter().map(|&id| JurisdictionId::from(id)).collect()
    }

    #[test]
    fn it_costs_one_pointer_and_holds_nothing_until_it_is_given_something() {
        assert_eq!(
            std::mem::size_of::<Excludes>(),
            std::mem::size_of::<usize>()
        );
        assert!(Excludes::default().0.is_none());
        assert!(of(&[]).0.is_none());
        assert!(Excludes::from(BTreeSet::new()).0.is_none());
        let mut e = Excludes::default();
        assert!(e.insert("d1".into()));
        assert!(e.contains("d1") && e.len() == 1 && !e.is_empty());
    }

    #[test]
    fn an_emptied_set_is_equal_to_one_that_never_held_anything() {
        let mut emptied = of(&["d1"]);
        assert!(emptied.remove("d1"));
        assert!(emptied.is_empty());
        assert_eq!(emptied, Excludes::default());
        assert_ne!(of(&["d1"]), of(&["d2"]));
    }

    #[test]
    fn it_reads_and_is_written_as_the_set_itself() {
        let e = of(&["d2", "d1"]);
        assert_eq!(
            e.iter().map(JurisdictionId::as_str).collect::<Vec<_>>(),
            ["d1", "d2"]
        );
        assert_eq!((&e).into_iter().count(), 2);
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(json, r#"["d1","d2"]"#);
        assert_eq!(serde_json::from_str::<Excludes>(&json).unwrap(), e);
        assert_eq!(serde_json::to_string(&Excludes::default()).unwrap(), "[]");
        assert!(serde_json::from_str::<Excludes>("[]").unwrap().0.is_none());
        let ron_text = ron::to_string(&e).unwrap();
        assert_eq!(ron::from_str::<Excludes>(&ron_text).unwrap(), e);
    }
}
