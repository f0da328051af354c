//! Core's own JSON value and its strict reader: numbers kept as the text written
//! (read exactly as decimals later, never through a float) and object keys in
//! document order (so problems are reported in document order). With it, the core
//! needs neither of serde_json's `arbitrary_precision` and `preserve_order`
//! features, which Cargo would otherwise turn on in every crate that embeds it.
//!
//! The grammar is RFC 8259's. A key repeated in one object is refused (`duplicate
//! key at line 3 column 5`): which of the values was meant cannot be told. Nesting deeper than
//! [`MAX_JSON_DEPTH`] is refused, never a stack overflow. Errors say where, in
//! serde_json's words: `expected value at line 1 column 5`.
//!
//! [`MAX_JSON_DEPTH`]: crate::limits::MAX_JSON_DEPTH

use crate::util::json_out::JsonOut;
use std::collections::HashMap;

pub(crate) use crate::util::json_parse::parse;

/// A JSON value as the core reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Json {
    Null,
    Bool(bool),
    /// The number's text as written (valid JSON number syntax), except that an
    /// exponent is always written `e+` or `e-` (`1E2` → `1e+2`), as serde_json's
    /// `arbitrary_precision` wrote it: the text of a fact field stays the same.
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(Map),
}

/// A JSON object: its members in document order, each key once.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Map {
    entries: Vec<(String, Json)>,
}

/// Objects with more members than this find duplicate keys through a hash index.
const LINEAR_KEYS: usize = 16;

impl Map {
    pub fn get(&self, key: &str) -> Option<&Json> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.entries.iter().map(|(k, _)| k)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Json)> {
        self.into_iter()
    }

    /// Members from a list; a repeated key keeps its first position, its last value.
    pub fn from_entries(entries: Vec<(String, Json)>) -> Map {
        let mut map = Map {
            entries: Vec::with_capacity(entries.len()),
        };
        let mut index: Option<HashMap<String, usize>> = None;
        for (k, v) in entries {
            let at = match &index {
                Some(ix) => ix.get(&k).copied(),
                None => map.entries.iter().position(|(e, _)| *e == k),
            };
            match at {
                Some(i) => {
                    if let Some(slot) = map.entries.get_mut(i) {
                        slot.1 = v;
                    }
                }
                None => {
                    if let Some(ix) = &mut index {
                        ix.insert(k.clone(), map.entries.len());
                    }
                    map.entries.push((k, v));
                    if index.is_none() && map.entries.len() > LINEAR_KEYS {
                        index = Some(
                            map.entries
                                .iter()
                                .enumerate()
                                .map(|(i, (k, _))| (k.clone(), i))
                                .collect(),
                        );
                    }
                }
            }
        }
        map
    }
}

impl<'m> IntoIterator for &'m Map {
    type Item = (&'m String, &'m Json);
    type IntoIter = std::iter::Map<std::slice::Iter<'m, (String, Json)>, Pair<'m>>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(k, v)| (k, v))
    }
}

type Pair<'m> = fn(&'m (String, Json)) -> (&'m String, &'m Json);

impl Json {
    /// The member `key` of an object; `None` for other values.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(m) => m.get(key),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    #[cfg(test)]
    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Array(a) => Some(a),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    /// The value from a host's `serde_json::Value`. Numbers are taken as their
    /// `to_string()`: the text as written when the host enabled serde_json's
    /// `arbitrary_precision`, otherwise the shortest text that reads back as the same
    /// `f64` (so `0.1` stays `0.1`, but digits beyond a float's are already lost).
    pub fn from_serde(v: &serde_json::Value) -> Json {
        match v {
            serde_json::Value::Null => Json::Null,
            serde_json::Value::Bool(b) => Json::Bool(*b),
            serde_json::Value::Number(n) => Json::Number(n.to_string()),
            serde_json::Value::String(s) => Json::String(s.clone()),
            serde_json::Value::Array(a) => Json::Array(a.iter().map(Json::from_serde).collect()),
            serde_json::Value::Object(m) => Json::Object(Map::from_entries(
                m.iter()
                    .map(|(k, v)| (k.clone(), Json::from_serde(v)))
                    .collect(),
            )),
        }
    }

    /// Compact JSON text, as serde_json's `to_string` writes it (numbers as read).
    pub fn to_text(&self) -> String {
        let mut out = JsonOut::new();
        self.write(&mut out);
        out.finish()
    }

    fn write(&self, out: &mut JsonOut) {
        match self {
            Json::Null => {
                out.null();
            }
            Json::Bool(b) => {
                out.bool(*b);
            }
            Json::Number(n) => {
                out.raw(n);
            }
            Json::String(s) => {
                out.str(s);
            }
            Json::Array(items) => {
                out.begin_arr();
                for x in items {
                    x.write(out);
                }
                out.end_arr();
            }
            Json::Object(m) => {
                out.begin_obj();
                for (k, v) in m.iter() {
                    out.key(k);
                    v.write(out);
                }
                out.end_obj();
            }
        }
    }
}

#[cfg(test)]
#[path = "json_tests.rs"]
mod tests;
