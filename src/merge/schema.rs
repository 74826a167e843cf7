//! The one table the merge needs about the plan file: which lists are sets of records keyed by
//! fields of theirs, and which are sequences. Everything else merges without being named here:
//! a struct field by field, a map key by key, an enum as one value when the sides chose
//! different variants, every other list and every leaf as one value.
//!
//! A list is named by its path of field names from the top of the file, with the positions in
//! lists left out (`scenarios.operations` is the operations of every scenario). A new list of
//! records keyed by an id is one line in [`LISTS`] (as the review opinions are).

/// How a list merges.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListKind {
    /// A set of records, each known by the values of these fields (together).
    Keyed(&'static [&'static str]),
    /// An ordered sequence of values, each compared whole (a scenario's operations).
    Sequence,
}

/// The lists of the plan file that are not single values.
pub const LISTS: &[(&str, ListKind)] = &[
    ("baseline.jurisdictions", ListKind::Keyed(&["id"])),
    ("baseline.bodies", ListKind::Keyed(&["id"])),
    ("baseline.powers", ListKind::Keyed(&["code"])),
    ("baseline.holdings", ListKind::Keyed(&["power", "body"])),
    ("baseline.concentrated", ListKind::Keyed(&["power"])),
    ("scenarios", ListKind::Keyed(&["id"])),
    ("scenarios.operations", ListKind::Sequence),
    ("opinions", ListKind::Keyed(&["id"])),
];

/// The lists whose records the model refers to, by the word its errors use for the record
/// (`ModelError::Dangling { what, .. }`): a record deleted on one side and referred to by the
/// other's change is put back ([`super::Conflict`] of kind `Restored`).
pub const REFERENCED: &[(&str, &str)] = &[
    ("jurisdiction", "baseline.jurisdictions"),
    ("body", "baseline.bodies"),
    ("power", "baseline.powers"),
    ("concentrated power", "baseline.powers"),
];

/// How the list at `path` merges; `None`: as one value.
pub fn list_kind(path: &str) -> Option<ListKind> {
    LISTS
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, kind)| *kind)
}
