//! A [`Node`] read back as any `Deserialize` value: the merged tree becomes a `PlanFile` again,
//! through the records' own serde code (so `deny_unknown_fields`, defaults and every type's
//! checks apply as when a file is read).

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeOwned, IntoDeserializer, Visitor};

use super::{Node, TreeError, Variant, VariantBody};

/// The value a tree holds.
pub fn from_node<T: DeserializeOwned>(node: &Node) -> Result<T, TreeError> {
    T::deserialize(NodeDe(node))
}

/// A borrowed node as a deserializer.
#[derive(Clone, Copy)]
struct NodeDe<'a>(&'a Node);

impl<'de> de::Deserializer<'de> for NodeDe<'de> {
    type Error = TreeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TreeError> {
        match self.0 {
            Node::Unit => visitor.visit_unit(),
            Node::None => visitor.visit_none(),
            Node::Some(inner) => visitor.visit_some(NodeDe(inner)),
            Node::Bool(v) => visitor.visit_bool(*v),
            Node::I64(v) => visitor.visit_i64(*v),
            Node::U64(v) => visitor.visit_u64(*v),
            Node::F64(bits) => visitor.visit_f64(f64::from_bits(*bits)),
            Node::Char(v) => visitor.visit_char(*v),
            Node::Str(v) => visitor.visit_borrowed_str(v),
            Node::Bytes(v) => visitor.visit_borrowed_bytes(v),
            Node::Seq(items) => visitor.visit_seq(SeqDe(items.iter())),
            Node::Map(entries) => visitor.visit_map(MapDe {
                entries: entries.iter(),
                value: None,
            }),
            Node::Struct(fields) => visitor.visit_map(FieldsDe {
                fields: fields.iter(),
                value: None,
            }),
            Node::Variant(v) => visitor.visit_enum(VariantDe(v)),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TreeError> {
        match self.0 {
            Node::None | Node::Unit => visitor.visit_none(),
            Node::Some(inner) => visitor.visit_some(NodeDe(inner)),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, TreeError> {
        match self.0 {
            Node::Variant(v) => visitor.visit_enum(VariantDe(v)),
            Node::Str(name) => {
                let name: BorrowedStrDeserializer<'de, TreeError> =
                    BorrowedStrDeserializer::new(name);
                visitor.visit_enum(name)
            }
            other => Err(TreeError(format!(
                "expected an enum, found {}",
                other.to_ron()
            ))),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, TreeError> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

impl<'de> IntoDeserializer<'de, TreeError> for NodeDe<'de> {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
    }
}

struct SeqDe<'a>(std::slice::Iter<'a, Node>);

impl<'de> de::SeqAccess<'de> for SeqDe<'de> {
    type Error = TreeError;
    fn next_element_seed<T: de::DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, TreeError> {
        self.0
            .next()
            .map(|n| seed.deserialize(NodeDe(n)))
            .transpose()
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct MapDe<'a> {
    entries: std::slice::Iter<'a, (Node, Node)>,
    value: Option<&'a Node>,
}

impl<'de> de::MapAccess<'de> for MapDe<'de> {
    type Error = TreeError;
    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, TreeError> {
        match self.entries.next() {
            Some((k, v)) => {
                self.value = Some(v);
                seed.deserialize(NodeDe(k)).map(Some)
            }
            None => Ok(None),
        }
    }
    fn next_value_seed<V: de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, TreeError> {
        let value = self
            .value
            .take()
            .ok_or_else(|| TreeError("a map's value asked before its key".into()))?;
        seed.deserialize(NodeDe(value))
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

struct FieldsDe<'a> {
    fields: std::slice::Iter<'a, (&'static str, Node)>,
    value: Option<&'a Node>,
}

impl<'de> de::MapAccess<'de> for FieldsDe<'de> {
    type Error = TreeError;
    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, TreeError> {
        match self.fields.next() {
            Some((name, v)) => {
                self.value = Some(v);
                let key: BorrowedStrDeserializer<'de, TreeError> =
                    BorrowedStrDeserializer::new(name);
                seed.deserialize(key).map(Some)
            }
            None => Ok(None),
        }
    }
    fn next_value_seed<V: de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, TreeError> {
        let value = self
            .value
            .take()
            .ok_or_else(|| TreeError("a field's value asked before its name".into()))?;
        seed.deserialize(NodeDe(value))
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.fields.len())
    }
}

struct VariantDe<'a>(&'a Variant);

impl<'de> de::EnumAccess<'de> for VariantDe<'de> {
    type Error = TreeError;
    type Variant = Self;
    fn variant_seed<V: de::DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Self), TreeError> {
        let name: BorrowedStrDeserializer<'de, TreeError> =
            BorrowedStrDeserializer::new(self.0.name);
        Ok((seed.deserialize(name)?, self))
    }
}

impl<'de> de::VariantAccess<'de> for VariantDe<'de> {
    type Error = TreeError;

    fn unit_variant(self) -> Result<(), TreeError> {
        match &self.0.body {
            VariantBody::Unit => Ok(()),
            _ => Err(self.mismatch("a unit variant")),
        }
    }

    fn newtype_variant_seed<T: de::DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<T::Value, TreeError> {
        match &self.0.body {
            VariantBody::Newtype(inner) => seed.deserialize(NodeDe(inner)),
            _ => Err(self.mismatch("a newtype variant")),
        }
    }

    fn tuple_variant<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, TreeError> {
        match &self.0.body {
            VariantBody::Tuple(items) => visitor.visit_seq(SeqDe(items.iter())),
            _ => Err(self.mismatch("a tuple variant")),
        }
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, TreeError> {
        match &self.0.body {
            VariantBody::Struct(fields) => visitor.visit_map(FieldsDe {
                fields: fields.iter(),
                value: None,
            }),
            _ => Err(self.mismatch("a struct variant")),
        }
    }
}

impl VariantDe<'_> {
    fn mismatch(&self, expected: &str) -> TreeError {
        TreeError(format!(
            "variant `{}` of `{}`: expected {expected}",
            self.0.name, self.0.enum_name
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::super::to_node;
    use super::*;

    #[test]
    fn a_value_comes_back_from_its_tree() {
        let value: (
            Option<u32>,
            Vec<String>,
            std::collections::BTreeMap<String, i64>,
        ) = (
            Some(3),
            vec!["甲".into(), "乙".into()],
            [("k".to_owned(), -4)].into_iter().collect(),
        );
        let node = to_node(&value).expect("a tree");
        let back: (
            Option<u32>,
            Vec<String>,
            std::collections::BTreeMap<String, i64>,
        ) = from_node(&node).expect("the value");
        assert_eq!(back, value);
    }
}
