//! The three-way merge of two trees against their base, value by value.
//!
//! At every place: what both sides agree on is taken; what one side changed and the other left
//! as the base had it is taken from the side that changed it; where both changed it
//! differently, the merge looks inside (a struct field by field, a map key by key, an enum's
//! fields when both kept its variant, a keyed list record by record, a sequence step by step)
//! and, where it cannot, reports a [`Conflict`] and takes the side the chooser names (ours by
//! default). A struct's field absent on a side (skipped when empty) counts as absent, so that
//! setting it on one side and nothing on the other is a change of one side.

use super::conflict::{Conflict, ConflictKind, Place, Side, Step};
use super::schema::{ListKind, list_kind};
use super::tree::{Node, Variant, VariantBody};

/// A record both sides changed, merged field by field: taken whole from one side if its merged
/// fields do not hold together.
#[derive(Clone, Debug)]
pub(super) struct Blended {
    /// The list (`baseline.holdings`).
    pub list: Place,
    /// The record's key, each field's value as a place shows it.
    pub key: Vec<String>,
}

/// What merging inside two values gave.
enum Inside {
    /// The merged value (`None`: absent).
    Merged(Option<Node>),
    /// They merge only as whole values.
    Whole,
}

/// The walk's state: the chooser, and what it found.
pub(super) struct Merger<'c> {
    choose: &'c dyn Fn(&Conflict) -> Side,
    /// The conflicts, in the order of the file.
    pub conflicts: Vec<Conflict>,
    /// The records both sides changed, merged field by field.
    pub blended: Vec<Blended>,
}

impl<'c> Merger<'c> {
    pub(super) fn new(choose: &'c dyn Fn(&Conflict) -> Side) -> Self {
        Self {
            choose,
            conflicts: Vec::new(),
            blended: Vec::new(),
        }
    }

    /// Merges the values at `place` (`None`: absent on that side).
    pub(super) fn merge3(
        &mut self,
        place: &mut Place,
        base: Option<&Node>,
        ours: Option<&Node>,
        theirs: Option<&Node>,
    ) -> Option<Node> {
        if ours == theirs {
            return ours.cloned();
        }
        if ours == base {
            return theirs.cloned();
        }
        if theirs == base {
            return ours.cloned();
        }
        if let (Some(o), Some(t)) = (ours, theirs)
            && let Inside::Merged(merged) = self.merge_inside(place, base, o, t)
        {
            return merged;
        }
        let kind = match (ours, theirs) {
            (None, _) => ConflictKind::DeletedAndChanged {
                deleted_by: Side::Ours,
            },
            (_, None) => ConflictKind::DeletedAndChanged {
                deleted_by: Side::Theirs,
            },
            _ => ConflictKind::BothChanged,
        };
        let side = self.conflict(place, kind, base, ours, theirs);
        match side {
            Side::Base => base,
            Side::Ours => ours,
            Side::Theirs => theirs,
        }
        .cloned()
    }

    /// Records a conflict and returns the side chosen for it.
    pub(super) fn conflict(
        &mut self,
        place: &Place,
        kind: ConflictKind,
        base: Option<&Node>,
        ours: Option<&Node>,
        theirs: Option<&Node>,
    ) -> Side {
        let mut conflict = Conflict {
            place: place.clone(),
            kind,
            base: base.cloned(),
            ours: ours.cloned(),
            theirs: theirs.cloned(),
            held: None,
        };
        let side = (self.choose)(&conflict);
        conflict.held = Some(side);
        self.conflicts.push(conflict);
        side
    }

    /// Merges two values of the same shape that both sides changed, inside; `Whole` when they
    /// cannot be merged inside (leaves, different variants, lists merged as one value).
    fn merge_inside(
        &mut self,
        place: &mut Place,
        base: Option<&Node>,
        ours: &Node,
        theirs: &Node,
    ) -> Inside {
        match (ours, theirs) {
            (Node::Struct(o), Node::Struct(t)) => {
                let b = match base {
                    Some(Node::Struct(b)) => b.as_slice(),
                    _ => &[],
                };
                Inside::Merged(Some(Node::Struct(self.merge_fields(place, b, o, t))))
            }
            (Node::Map(o), Node::Map(t)) => {
                let b = match base {
                    Some(Node::Map(b)) => b.as_slice(),
                    _ => &[],
                };
                Inside::Merged(Some(Node::Map(self.merge_map(place, b, o, t))))
            }
            (Node::Some(o), Node::Some(t)) => {
                let b = match base {
                    Some(Node::Some(b)) => Some(b.as_ref()),
                    _ => None,
                };
                let merged = self.merge3(place, b, Some(o), Some(t));
                Inside::Merged(Some(merged.map_or(Node::None, |m| Node::Some(Box::new(m)))))
            }
            (Node::Variant(o), Node::Variant(t)) if o.name == t.name => {
                let b = match base {
                    Some(Node::Variant(b)) if b.name == o.name => Some(b.as_ref()),
                    _ => None,
                };
                self.merge_variant(place, b, o, t)
                    .map_or(Inside::Whole, |v| Inside::Merged(Some(v)))
            }
            (Node::Seq(o), Node::Seq(t)) => {
                let b = match base {
                    Some(Node::Seq(b)) => b.as_slice(),
                    _ => &[],
                };
                match list_kind(&place.schema_path()) {
                    Some(ListKind::Keyed(fields)) => self
                        .merge_keyed(place, fields, b, o, t)
                        .map_or(Inside::Whole, |l| Inside::Merged(Some(l))),
                    Some(ListKind::Sequence) => {
                        Inside::Merged(Some(Node::Seq(self.merge_sequence(place, b, o, t))))
                    }
                    None => Inside::Whole,
                }
            }
            _ => Inside::Whole,
        }
    }

    fn merge_variant(
        &mut self,
        place: &mut Place,
        base: Option<&Variant>,
        ours: &Variant,
        theirs: &Variant,
    ) -> Option<Node> {
        let body = match (&ours.body, &theirs.body) {
            (VariantBody::Struct(o), VariantBody::Struct(t)) => {
                let b = match base.map(|b| &b.body) {
                    Some(VariantBody::Struct(b)) => b.as_slice(),
                    _ => &[],
                };
                VariantBody::Struct(self.merge_fields(place, b, o, t))
            }
            (VariantBody::Newtype(o), VariantBody::Newtype(t)) => {
                let b = match base.map(|b| &b.body) {
                    Some(VariantBody::Newtype(b)) => Some(b),
                    _ => None,
                };
                VariantBody::Newtype(self.merge3(place, b, Some(o), Some(t))?)
            }
            _ => return None,
        };
        Some(Node::Variant(Box::new(Variant {
            body,
            ..ours.clone()
        })))
    }

    /// A struct's fields, each merged on its own.
    fn merge_fields(
        &mut self,
        place: &mut Place,
        base: &[(&'static str, Node)],
        ours: &[(&'static str, Node)],
        theirs: &[(&'static str, Node)],
    ) -> Vec<(&'static str, Node)> {
        let mut names: Vec<&'static str> = ours.iter().map(|(f, _)| *f).collect();
        for (name, _) in theirs.iter().chain(base) {
            if !names.contains(name) {
                names.push(name);
            }
        }
        let mut out = Vec::with_capacity(names.len());
        for name in names {
            place.0.push(Step::Field(name));
            let merged = self.merge3(
                place,
                field_of(base, name),
                field_of(ours, name),
                field_of(theirs, name),
            );
            place.0.pop();
            if let Some(value) = merged {
                out.push((name, value));
            }
        }
        out
    }

    /// A map's entries, each merged on its own, in the order of ours then theirs.
    fn merge_map(
        &mut self,
        place: &mut Place,
        base: &[(Node, Node)],
        ours: &[(Node, Node)],
        theirs: &[(Node, Node)],
    ) -> Vec<(Node, Node)> {
        let mut keys: Vec<&Node> = ours.iter().map(|(k, _)| k).collect();
        for (key, _) in theirs.iter().chain(base) {
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
        let mut out = Vec::with_capacity(keys.len());
        for key in keys {
            place.0.push(Step::Key(key.key_text()));
            let merged = self.merge3(
                place,
                entry_of(base, key),
                entry_of(ours, key),
                entry_of(theirs, key),
            );
            place.0.pop();
            if let Some(value) = merged {
                out.push((key.clone(), value));
            }
        }
        out
    }
}

fn field_of<'a>(fields: &'a [(&'static str, Node)], name: &str) -> Option<&'a Node> {
    fields.iter().find(|(f, _)| *f == name).map(|(_, v)| v)
}

fn entry_of<'a>(entries: &'a [(Node, Node)], key: &Node) -> Option<&'a Node> {
    entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}
