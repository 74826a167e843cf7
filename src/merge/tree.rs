//! The plan file as a generic tree ([`Node`]): what the three-way merge walks, so that a field
//! or a list added to the plan file later merges without merge code of its own.
//!
//! Any `Serialize` value becomes a tree ([`to_node`]) and a tree becomes any `Deserialize`
//! value again ([`from_node`], in `de.rs`); the round trip is exact for the plan file's records.
//! Unlike a JSON value, the tree keeps what the merge must not blur: a struct's fields by their
//! names (`&'static str`, no copy per record), a map's keys, and an enum's variant, so that two
//! sides that chose different variants are one value that differs, never a mix of both.

mod de;

use std::fmt;

use serde::ser::{self, Serialize};

pub use de::from_node;

/// One value of a serialised record. Trees order as their variants, then their contents (a
/// keyed list's records by the values of their key fields).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Node {
    /// `()` or a unit struct.
    Unit,
    /// `Option::None`.
    None,
    /// `Option::Some`.
    Some(Box<Node>),
    /// A boolean.
    Bool(bool),
    /// A signed integer.
    I64(i64),
    /// An unsigned integer.
    U64(u64),
    /// A float, by its bits (the plan file has none; kept so that the tree is total).
    F64(u64),
    /// A character.
    Char(char),
    /// A string.
    Str(Box<str>),
    /// Bytes.
    Bytes(Box<[u8]>),
    /// A sequence or a tuple.
    Seq(Vec<Node>),
    /// A map, in the order it was serialised (a `BTreeMap`'s: by key).
    Map(Vec<(Node, Node)>),
    /// A struct's fields, in order; a field skipped when serialising is absent.
    Struct(Vec<(&'static str, Node)>),
    /// A variant of an enum.
    Variant(Box<Variant>),
}

/// A variant of an enum, with its content.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Variant {
    /// The enum's name.
    pub enum_name: &'static str,
    /// The variant's index.
    pub index: u32,
    /// The variant's name.
    pub name: &'static str,
    /// What it holds.
    pub body: VariantBody,
}

/// What a variant holds.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum VariantBody {
    /// Nothing (`Lead`).
    Unit,
    /// One value (`Name(String)`).
    Newtype(Node),
    /// Several values.
    Tuple(Vec<Node>),
    /// Named fields (`Entrusted { by }`).
    Struct(Vec<(&'static str, Node)>),
}

impl Node {
    /// The value of a struct's field, if this is a struct that has it.
    pub fn field(&self, name: &str) -> Option<&Node> {
        match self {
            Node::Struct(fields) => fields.iter().find(|(f, _)| *f == name).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The value as a short text for a place (`bodies[city-zjj]`): a string as it is, anything
    /// else as compact RON.
    pub fn key_text(&self) -> String {
        match self {
            Node::Str(s) => s.to_string(),
            other => other.to_ron(),
        }
    }

    /// The value as one line of RON, as a plan file writes it.
    pub fn to_ron(&self) -> String {
        crate::io::plan_file::ron_value(self).unwrap_or_else(|e| format!("<{e}>"))
    }
}

/// Why a value could not become a tree, or a tree the value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct TreeError(pub String);

impl ser::Error for TreeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        TreeError(msg.to_string())
    }
}

impl serde::de::Error for TreeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        TreeError(msg.to_string())
    }
}

/// A value as a tree.
pub fn to_node<T: Serialize + ?Sized>(value: &T) -> Result<Node, TreeError> {
    value.serialize(ToNode)
}

/// The serializer that builds a [`Node`].
struct ToNode;

/// A sequence, a tuple or a tuple struct being built.
struct SeqBuilder(Vec<Node>);

/// A tuple variant being built.
struct TupleVariantBuilder(Variant, Vec<Node>);

/// A map being built (the key waits for its value).
struct MapBuilder(Vec<(Node, Node)>, Option<Node>);

/// A struct being built.
struct StructBuilder(Vec<(&'static str, Node)>);

/// A struct variant being built.
struct StructVariantBuilder(Variant, Vec<(&'static str, Node)>);

fn variant(enum_name: &'static str, index: u32, name: &'static str, body: VariantBody) -> Node {
    Node::Variant(Box::new(Variant {
        enum_name,
        index,
        name,
        body,
    }))
}

impl ser::Serializer for ToNode {
    type Ok = Node;
    type Error = TreeError;
    type SerializeSeq = SeqBuilder;
    type SerializeTuple = SeqBuilder;
    type SerializeTupleStruct = SeqBuilder;
    type SerializeTupleVariant = TupleVariantBuilder;
    type SerializeMap = MapBuilder;
    type SerializeStruct = StructBuilder;
    type SerializeStructVariant = StructVariantBuilder;

    fn serialize_bool(self, v: bool) -> Result<Node, TreeError> {
        Ok(Node::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<Node, TreeError> {
        Ok(Node::I64(v.into()))
    }
    fn serialize_i16(self, v: i16) -> Result<Node, TreeError> {
        Ok(Node::I64(v.into()))
    }
    fn serialize_i32(self, v: i32) -> Result<Node, TreeError> {
        Ok(Node::I64(v.into()))
    }
    fn serialize_i64(self, v: i64) -> Result<Node, TreeError> {
        Ok(Node::I64(v))
    }
    fn serialize_u8(self, v: u8) -> Result<Node, TreeError> {
        Ok(Node::U64(v.into()))
    }
    fn serialize_u16(self, v: u16) -> Result<Node, TreeError> {
        Ok(Node::U64(v.into()))
    }
    fn serialize_u32(self, v: u32) -> Result<Node, TreeError> {
        Ok(Node::U64(v.into()))
    }
    fn serialize_u64(self, v: u64) -> Result<Node, TreeError> {
        Ok(Node::U64(v))
    }
    fn serialize_f32(self, v: f32) -> Result<Node, TreeError> {
        Ok(Node::F64(f64::from(v).to_bits()))
    }
    fn serialize_f64(self, v: f64) -> Result<Node, TreeError> {
        Ok(Node::F64(v.to_bits()))
    }
    fn serialize_char(self, v: char) -> Result<Node, TreeError> {
        Ok(Node::Char(v))
    }
    fn serialize_str(self, v: &str) -> Result<Node, TreeError> {
        Ok(Node::Str(v.into()))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Node, TreeError> {
        Ok(Node::Bytes(v.into()))
    }
    fn serialize_none(self) -> Result<Node, TreeError> {
        Ok(Node::None)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Node, TreeError> {
        Ok(Node::Some(Box::new(value.serialize(ToNode)?)))
    }
    fn serialize_unit(self) -> Result<Node, TreeError> {
        Ok(Node::Unit)
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<Node, TreeError> {
        Ok(Node::Unit)
    }
    fn serialize_unit_variant(
        self,
        name: &'static str,
        index: u32,
        variant_name: &'static str,
    ) -> Result<Node, TreeError> {
        Ok(variant(name, index, variant_name, VariantBody::Unit))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<Node, TreeError> {
        value.serialize(ToNode)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        index: u32,
        variant_name: &'static str,
        value: &T,
    ) -> Result<Node, TreeError> {
        let inner = value.serialize(ToNode)?;
        Ok(variant(
            name,
            index,
            variant_name,
            VariantBody::Newtype(inner),
        ))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<SeqBuilder, TreeError> {
        Ok(SeqBuilder(Vec::with_capacity(len.unwrap_or(0))))
    }
    fn serialize_tuple(self, len: usize) -> Result<SeqBuilder, TreeError> {
        Ok(SeqBuilder(Vec::with_capacity(len)))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<SeqBuilder, TreeError> {
        Ok(SeqBuilder(Vec::with_capacity(len)))
    }
    fn serialize_tuple_variant(
        self,
        name: &'static str,
        index: u32,
        variant_name: &'static str,
        len: usize,
    ) -> Result<TupleVariantBuilder, TreeError> {
        Ok(TupleVariantBuilder(
            Variant {
                enum_name: name,
                index,
                name: variant_name,
                body: VariantBody::Unit,
            },
            Vec::with_capacity(len),
        ))
    }
    fn serialize_map(self, len: Option<usize>) -> Result<MapBuilder, TreeError> {
        Ok(MapBuilder(Vec::with_capacity(len.unwrap_or(0)), None))
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<StructBuilder, TreeError> {
        Ok(StructBuilder(Vec::with_capacity(len)))
    }
    fn serialize_struct_variant(
        self,
        name: &'static str,
        index: u32,
        variant_name: &'static str,
        len: usize,
    ) -> Result<StructVariantBuilder, TreeError> {
        Ok(StructVariantBuilder(
            Variant {
                enum_name: name,
                index,
                name: variant_name,
                body: VariantBody::Unit,
            },
            Vec::with_capacity(len),
        ))
    }
}

impl ser::SerializeSeq for SeqBuilder {
    type Ok = Node;
    type Error = TreeError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TreeError> {
        self.0.push(value.serialize(ToNode)?);
        Ok(())
    }
    fn end(self) -> Result<Node, TreeError> {
        Ok(Node::Seq(self.0))
    }
}

impl ser::SerializeTuple for SeqBuilder {
    type Ok = Node;
    type Error = TreeError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TreeError> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Node, TreeError> {
        Ok(Node::Seq(self.0))
    }
}

impl ser::SerializeTupleStruct for SeqBuilder {
    type Ok = Node;
    type Error = TreeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TreeError> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Node, TreeError> {
        Ok(Node::Seq(self.0))
    }
}

impl ser::SerializeTupleVariant for TupleVariantBuilder {
    type Ok = Node;
    type Error = TreeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TreeError> {
        self.1.push(value.serialize(ToNode)?);
        Ok(())
    }
    fn end(self) -> Result<Node, TreeError> {
        let TupleVariantBuilder(mut v, values) = self;
        v.body = VariantBody::Tuple(values);
        Ok(Node::Variant(Box::new(v)))
    }
}

impl ser::SerializeMap for MapBuilder {
    type Ok = Node;
    type Error = TreeError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), TreeError> {
        self.1 = Some(key.serialize(ToNode)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TreeError> {
        let key = self
            .1
            .take()
            .ok_or_else(|| TreeError("a map's value came before its key".into()))?;
        self.0.push((key, value.serialize(ToNode)?));
        Ok(())
    }
    fn end(self) -> Result<Node, TreeError> {
        Ok(Node::Map(self.0))
    }
}

impl ser::SerializeStruct for StructBuilder {
    type Ok = Node;
    type Error = TreeError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), TreeError> {
        self.0.push((key, value.serialize(ToNode)?));
        Ok(())
    }
    fn end(self) -> Result<Node, TreeError> {
        Ok(Node::Struct(self.0))
    }
}

impl ser::SerializeStructVariant for StructVariantBuilder {
    type Ok = Node;
    type Error = TreeError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), TreeError> {
        self.1.push((key, value.serialize(ToNode)?));
        Ok(())
    }
    fn end(self) -> Result<Node, TreeError> {
        let StructVariantBuilder(mut v, fields) = self;
        v.body = VariantBody::Struct(fields);
        Ok(Node::Variant(Box::new(v)))
    }
}

/// A tree serialises as the value it was made of (for the reports: RON for people, JSON for
/// scripts).
impl Serialize for Node {
    fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use ser::{SerializeMap as _, SerializeSeq as _, SerializeStruct as _};
        match self {
            Node::Unit => s.serialize_unit(),
            Node::None => s.serialize_none(),
            Node::Some(inner) => s.serialize_some(inner.as_ref()),
            Node::Bool(v) => s.serialize_bool(*v),
            Node::I64(v) => s.serialize_i64(*v),
            Node::U64(v) => s.serialize_u64(*v),
            Node::F64(bits) => s.serialize_f64(f64::from_bits(*bits)),
            Node::Char(v) => s.serialize_char(*v),
            Node::Str(v) => s.serialize_str(v),
            Node::Bytes(v) => s.serialize_bytes(v),
            Node::Seq(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Node::Map(entries) => {
                let mut map = s.serialize_map(Some(entries.len()))?;
                for (k, v) in entries {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
            Node::Struct(fields) => {
                let mut st = s.serialize_struct("", fields.len())?;
                for (name, value) in fields {
                    st.serialize_field(name, value)?;
                }
                st.end()
            }
            Node::Variant(v) => serialize_variant(v, s),
        }
    }
}

fn serialize_variant<S: ser::Serializer>(v: &Variant, s: S) -> Result<S::Ok, S::Error> {
    use ser::{SerializeStructVariant as _, SerializeTupleVariant as _};
    match &v.body {
        VariantBody::Unit => s.serialize_unit_variant(v.enum_name, v.index, v.name),
        VariantBody::Newtype(inner) => {
            s.serialize_newtype_variant(v.enum_name, v.index, v.name, inner)
        }
        VariantBody::Tuple(items) => {
            let mut t = s.serialize_tuple_variant(v.enum_name, v.index, v.name, items.len())?;
            for item in items {
                t.serialize_field(item)?;
            }
            t.end()
        }
        VariantBody::Struct(fields) => {
            let mut t = s.serialize_struct_variant(v.enum_name, v.index, v.name, fields.len())?;
            for (name, value) in fields {
                t.serialize_field(name, value)?;
            }
            t.end()
        }
    }
}
