//! The amino-JSON field rules of x/tx, one "kind" per rule, and the macros that turn a
//! field list into `to_amino_value` / `from_amino_value` for a message.
//!
//! A field's kind is decided by its proto annotations (read in the chain's and SDK's
//! `.proto` files at the commits the catalog pins):
//!
//! | kind | proto | amino JSON |
//! |---|---|---|
//! | [`Str`] | `string` | string, omitted when `""` |
//! | [`StrKeep`] | `string` + `dont_omitempty` | string, always |
//! | [`U32`] | `uint32` | number, omitted when 0 |
//! | [`Enum`] | enum | number, omitted when 0 |
//! | [`U64`] / [`I64`] | `uint64` / `int64` | quoted string, omitted when 0 |
//! | [`U64Keep`] | `uint64` + `dont_omitempty` | quoted string, always (`"0"`) |
//! | [`IntKeep`] | `cosmos.Int` scalar + `dont_omitempty` (Coin.amount) | string, `""` → `"0"` |
//! | [`LegacyDecKeep`] | `cosmos.Dec` scalar + `LegacyDec` customtype + `dont_omitempty` | wire ×10¹⁸ → `"0.500000000000000000"` |
//! | [`Nested`] | non-nullable message (always on the wire) | object, always (`{}` when empty) |
//! | [`List`] | `repeated` message/`legacy_coins` without `dont_omitempty` | array, omitted when empty |
//! | [`ListKeep`] | `repeated` message + `dont_omitempty`, no `legacy_coins` | array, `null` when empty |
//! | [`LegacyCoinsKeep`] | `repeated Coin` + `legacy_coins` + `dont_omitempty` | array, `[]` when empty |
//! | [`U32List`] / [`StrList`] | `repeated uint32` / `repeated string` | array, omitted when empty |
//! | [`InlineJson`] | `bytes` + `amino.encoding = "inline_json"` (wasm `msg`) | the JSON itself, keys sorted, numbers as Go float64 |
//!
//! `ListKeep`'s `null`: x/tx writes `null` for an empty list that is not omitted unless the
//! field is `legacy_coins` (json_marshal.go `marshal`: `!val.IsValid()` → `null`; an empty
//! repeated field of a dynamicpb or pulsar message is not valid).

use crate::amino_json::{self, Json, ObjectBuilder};
use crate::decimal;

use super::MsgError;

/// A message (or nested message) with an amino-JSON value form.
pub trait AminoValue: Sized {
    /// The amino JSON of the message's fields (the `value` of `{"type","value"}`).
    fn to_amino_value(&self) -> Result<Json, MsgError>;
    /// Reads the `value` object back (strict: unknown keys are an error).
    fn from_amino_value(v: &Json) -> Result<Self, MsgError>;
}

/// One amino-JSON encoding rule for a field of Rust type `T`.
pub trait FieldKind<T> {
    /// Writes the field into the object, or leaves it out.
    fn put(o: &mut ObjectBuilder, name: &str, v: &T) -> Result<(), MsgError>;
    /// Reads the field; a missing key gives the proto default.
    fn get(v: Option<&Json>, name: &str) -> Result<T, MsgError>;
}

fn bad(name: &str, expected: &str) -> MsgError {
    MsgError::AminoField { field: name.to_owned(), expected: expected.to_owned() }
}

fn get_string(v: &Json, name: &str) -> Result<String, MsgError> {
    v.as_str().map(str::to_owned).ok_or_else(|| bad(name, "a string"))
}

/// Integers: accept a JSON number or a quoted decimal (amino quotes 64-bit ones).
fn get_int<T: std::str::FromStr>(v: &Json, name: &str) -> Result<T, MsgError> {
    let text = match v {
        Json::Number(n) => n.as_str(),
        Json::String(s) => s.as_str(),
        _ => return Err(bad(name, "an integer")),
    };
    text.parse().map_err(|_| bad(name, "an integer in range"))
}

fn get_list<'a>(v: &'a Json, name: &str) -> Result<&'a [Json], MsgError> {
    v.as_array().ok_or_else(|| bad(name, "an array"))
}

pub struct Str;
impl FieldKind<String> for Str {
    fn put(o: &mut ObjectBuilder, name: &str, v: &String) -> Result<(), MsgError> {
        if !v.is_empty() {
            o.insert(name, Json::str(v.clone()));
        }
        Ok(())
    }
    fn get(v: Option<&Json>, name: &str) -> Result<String, MsgError> {
        v.map_or(Ok(String::new()), |v| get_string(v, name))
    }
}

pub struct StrKeep;
impl FieldKind<String> for StrKeep {
    fn put(o: &mut ObjectBuilder, name: &str, v: &String) -> Result<(), MsgError> {
        o.insert(name, Json::str(v.clone()));
        Ok(())
    }
    fn get(v: Option<&Json>, name: &str) -> Result<String, MsgError> {
        Str::get(v, name)
    }
}

pub struct U32;
impl FieldKind<u32> for U32 {
    fn put(o: &mut ObjectBuilder, name: &str, v: &u32) -> Result<(), MsgError> {
        if *v != 0 {
            o.insert(name, Json::uint(*v));
        }
        Ok(())
    }
    fn get(v: Option<&Json>, name: &str) -> Result<u32, MsgError> {
        v.map_or(Ok(0), |v| get_int(v, name))
    }
}

pub struct Enum;
impl FieldKind<i32> for Enum {
    fn put(o: &mut ObjectBuilder, name: &str, v: &i32) -> Result<(), MsgError> {
        if *v != 0 {
            o.insert(name, Json::int(*v));
        }
        Ok(())
    }
    fn get(v: Option<&Json>, name: &str) -> Result<i32, MsgError> {
        v.map_or(Ok(0), |v| get_int(v, name))
    }
}

pub struct U64;
impl FieldKind<u64> for U64 {
    fn put(o: &mut ObjectBuilder, name: &str, v: &u64) -> Result<(), MsgError> {
        if *v != 0 {
            o.insert(name, Json::quoted(v));
        }
        Ok(())
    }
    fn get(v: Option<&Json>, name: &str) -> Result<u64, MsgError> {
        v.map_or(Ok(0), |v| get_int(v, name))
    }
}

pub struct U64Keep;
impl FieldKind<u64> for U64Keep {
    fn put(o: &mut ObjectBuilder, name: &str, v: &u64) -> Result<(), MsgError> {
        o.insert(name, Json::quoted(v));
        Ok(())
    }
    fn get(v: Option<&Json>, name: &str) -> Result<u64, MsgError> {
        U64::get(v, name)
    }
}

pub struct I64;
impl FieldKind<i64> for I64 {
    fn put(o: &mut ObjectBuilder, name: &str, v: &i64) -> Result<(), MsgError> {
        if *v != 0 {
            o.insert(name, Json::quoted(v));
        }
        Ok(())
    }
    fn get(v: Option<&Json>, name: &str) -> Result<i64, MsgError> {
        v.map_or(Ok(0), |v| get_int(v, name))
    }
}

pub struct IntKeep;
impl FieldKind<String> for IntKeep {
    fn put(o: &mut ObjectBuilder, name: &str, v: &String) -> Result<(), MsgError> {
        // x/tx cosmosIntEncoder: "" is written as "0", anything else as is.
        o.insert(name, Json::str(if v.is_empty() { "0".to_owned() } else { v.clone() }));
        Ok(())
    }
    fn get(v: Option<&Json>, name: &str) -> Result<String, MsgError> {
        Str::get(v, name)
    }
}

pub struct LegacyDecKeep;
impl FieldKind<String> for LegacyDecKeep {
    fn put(o: &mut ObjectBuilder, name: &str, v: &String) -> Result<(), MsgError> {
        // x/tx cosmosDecEncoder: "" → "0", else LegacyDec.Unmarshal(wire).String().
        let s = if v.is_empty() {
            "0".to_owned()
        } else {
            decimal::legacy_dec_from_wire(v)
                .map_err(|e| MsgError::Invalid(format!("{name}: {e}")))?
        };
        o.insert(name, Json::str(s));
        Ok(())
    }
    fn get(v: Option<&Json>, name: &str) -> Result<String, MsgError> {
        let s = Str::get(v, name)?;
        if s.is_empty() {
            return Ok(s);
        }
        decimal::legacy_dec_display_to_wire(&s)
            .map_err(|e| MsgError::Invalid(format!("{name}: {e}")))
    }
}

pub struct Nested;
impl<T: AminoValue + Default> FieldKind<Option<T>> for Nested {
    fn put(o: &mut ObjectBuilder, name: &str, v: &Option<T>) -> Result<(), MsgError> {
        // Non-nullable (gogoproto nullable=false) messages are always on the wire, so
        // always present in amino JSON. We always encode them (see `to_any`).
        // An unset one would make x/tx fail ("dont_omit_empty=true on invalid (nil?)
        // message field") or drop the key, so it is an error here.
        match v {
            Some(m) => {
                o.insert(name, m.to_amino_value()?);
                Ok(())
            }
            None => Err(MsgError::Invalid(format!("{name}: a required message field is unset"))),
        }
    }
    fn get(v: Option<&Json>, _name: &str) -> Result<Option<T>, MsgError> {
        Ok(Some(match v {
            Some(v) => T::from_amino_value(v)?,
            None => T::default(),
        }))
    }
}

fn list_json<T: AminoValue>(v: &[T]) -> Result<Json, MsgError> {
    Ok(Json::Array(v.iter().map(T::to_amino_value).collect::<Result<_, _>>()?))
}

fn list_from<T: AminoValue>(v: Option<&Json>, name: &str) -> Result<Vec<T>, MsgError> {
    match v {
        None | Some(Json::Null) => Ok(Vec::new()),
        Some(v) => get_list(v, name)?.iter().map(T::from_amino_value).collect(),
    }
}

pub struct List;
impl<T: AminoValue> FieldKind<Vec<T>> for List {
    fn put(o: &mut ObjectBuilder, name: &str, v: &Vec<T>) -> Result<(), MsgError> {
        if !v.is_empty() {
            o.insert(name, list_json(v)?);
        }
        Ok(())
    }
    fn get(v: Option<&Json>, name: &str) -> Result<Vec<T>, MsgError> {
        list_from(v, name)
    }
}

pub struct ListKeep;
impl<T: AminoValue> FieldKind<Vec<T>> for ListKeep {
    fn put(o: &mut ObjectBuilder, name: &str, v: &Vec<T>) -> Result<(), MsgError> {
        o.insert(name, if v.is_empty() { Json::Null } else { list_json(v)? });
        Ok(())
    }
    fn get(v: Option<&Json>, name: &str) -> Result<Vec<T>, MsgError> {
        list_from(v, name)
    }
}

pub struct LegacyCoinsKeep;
impl<T: AminoValue> FieldKind<Vec<T>> for LegacyCoinsKeep {
    fn put(o: &mut ObjectBuilder, name: &str, v: &Vec<T>) -> Result<(), MsgError> {
        o.insert(name, list_json(v)?);
        Ok(())
    }
    fn get(v: Option<&Json>, name: &str) -> Result<Vec<T>, MsgError> {
        list_from(v, name)
    }
}

pub struct U32List;
impl FieldKind<Vec<u32>> for U32List {
    fn put(o: &mut ObjectBuilder, name: &str, v: &Vec<u32>) -> Result<(), MsgError> {
        if !v.is_empty() {
            o.insert(name, Json::Array(v.iter().map(|n| Json::uint(*n)).collect()));
        }
        Ok(())
    }
    fn get(v: Option<&Json>, name: &str) -> Result<Vec<u32>, MsgError> {
        match v {
            None | Some(Json::Null) => Ok(Vec::new()),
            Some(v) => get_list(v, name)?.iter().map(|x| get_int(x, name)).collect(),
        }
    }
}

pub struct StrList;
impl FieldKind<Vec<String>> for StrList {
    fn put(o: &mut ObjectBuilder, name: &str, v: &Vec<String>) -> Result<(), MsgError> {
        if !v.is_empty() {
            o.insert(name, Json::Array(v.iter().map(|s| Json::str(s.clone())).collect()));
        }
        Ok(())
    }
    fn get(v: Option<&Json>, name: &str) -> Result<Vec<String>, MsgError> {
        match v {
            None | Some(Json::Null) => Ok(Vec::new()),
            Some(v) => get_list(v, name)?.iter().map(|x| get_string(x, name)).collect(),
        }
    }
}

pub struct InlineJson;
impl FieldKind<Vec<u8>> for InlineJson {
    fn put(o: &mut ObjectBuilder, name: &str, v: &Vec<u8>) -> Result<(), MsgError> {
        if !v.is_empty() {
            // x/tx cosmosInlineJSON: json.Unmarshal into interface{} (numbers become
            // float64), sort, json.Marshal.
            let parsed = amino_json::parse_bytes(v)
                .map_err(|e| MsgError::Invalid(format!("{name}: {e}")))?;
            o.insert(
                name,
                parsed.go_normalized().map_err(|e| MsgError::Invalid(format!("{name}: {e}")))?,
            );
        }
        Ok(())
    }
    fn get(v: Option<&Json>, _name: &str) -> Result<Vec<u8>, MsgError> {
        Ok(v.map(Json::to_canonical_bytes).unwrap_or_default())
    }
}

/// Reads the fields of an amino `value` object, rejecting keys the schema does not know.
pub struct FieldReader<'a> {
    map: &'a std::collections::BTreeMap<String, Json>,
}

impl<'a> FieldReader<'a> {
    pub fn new(v: &'a Json, what: &str) -> Result<Self, MsgError> {
        v.as_object().map(|map| Self { map }).ok_or_else(|| bad(what, "an object"))
    }
    pub fn field(&self, name: &str) -> Option<&'a Json> {
        self.map.get(name)
    }
    pub fn finish(&self, known: &[&str], what: &str) -> Result<(), MsgError> {
        match self.map.keys().find(|k| !known.contains(&k.as_str())) {
            Some(k) => Err(MsgError::UnknownField { message: what.to_owned(), field: k.clone() }),
            None => Ok(()),
        }
    }
}

/// Declares the amino-JSON schema of a prost message: `Type { field: Kind, ... }`. Every
/// field of the struct must be listed (the struct literal is exhaustive). The name is
/// used in error messages.
macro_rules! amino_schema {
    ($ty:ty as $name:literal { $($field:ident : $kind:ty),* $(,)? }) => {
        $crate::msgs::schema::amino_schema!($ty as ($name) { $($field : $kind),* });
    };
    ($ty:ty as ($name:expr) { $($field:ident : $kind:ty),* $(,)? }) => {
        impl $crate::msgs::schema::AminoValue for $ty {
            fn to_amino_value(&self) -> Result<$crate::amino_json::Json, $crate::msgs::MsgError> {
                #[allow(unused_mut)]
                let mut o = $crate::amino_json::ObjectBuilder::new();
                $( <$kind as $crate::msgs::schema::FieldKind<_>>::put(&mut o, stringify!($field), &self.$field)?; )*
                Ok(o.build())
            }
            fn from_amino_value(v: &$crate::amino_json::Json) -> Result<Self, $crate::msgs::MsgError> {
                let r = $crate::msgs::schema::FieldReader::new(v, $name)?;
                r.finish(&[$(stringify!($field)),*], $name)?;
                Ok(Self {
                    $( $field: <$kind as $crate::msgs::schema::FieldKind<_>>::get(r.field(stringify!($field)), stringify!($field))?, )*
                })
            }
        }
    };
}

/// Declares a top-level message by its type URL, encoded with prost. Its proto amino
/// name comes from the device's catalog ([`catalog_amino_name`]).
macro_rules! msg_type {
    ($ty:ty, $url:literal) => {
        impl $crate::msgs::MsgType for $ty {
            const TYPE_URL: &'static str = $url;
            const AMINO_NAME: &'static str = $crate::msgs::schema::catalog_amino_name($url);
            fn encode_proto(&self) -> Vec<u8> {
                ::prost::Message::encode_to_vec(self)
            }
            fn decode_proto(bytes: &[u8]) -> Result<Self, $crate::msgs::MsgError> {
                <$ty as ::prost::Message>::decode(bytes)
                    .map_err(|e| $crate::msgs::MsgError::Decode(format!("{}: {e}", $url)))
            }
        }
    };
}

/// Declares an admin message `{1: sender, 2: <id field> uint32}` (operators' and
/// services' activate, deactivate, delete...): the prost struct, its type and its
/// amino schema.
macro_rules! sender_id_msg {
    ($(#[$doc:meta])* $ty:ident, $url:literal, $id:ident) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, ::prost::Message)]
        pub struct $ty {
            #[prost(string, tag = "1")]
            pub sender: String,
            #[prost(uint32, tag = "2")]
            pub $id: u32,
        }
        $crate::msgs::cosmrs_msg::proto_msg!($ty, $url);
        $crate::msgs::schema::amino_schema!($ty as (<$ty as $crate::msgs::MsgType>::AMINO_NAME) {
            sender: $crate::msgs::schema::Str,
            $id: $crate::msgs::schema::U32
        });
    };
}

pub(crate) use {amino_schema, msg_type, sender_id_msg};

/// The proto `amino.name` of a message type, from the device's own catalog
/// (`milkyway_core::catalog::MESSAGES`), evaluated at compile time: a type the catalog
/// does not have does not build. One table for the host's encoder and the device's
/// decoders, so the two cannot disagree on a name (the proto names, which differ from
/// the Go registrations for several messages, are what the chain verifies).
pub const fn catalog_amino_name(type_url: &str) -> &'static str {
    let messages = milkyway_core::catalog::MESSAGES;
    let mut i = 0;
    while i < messages.len() {
        if crate::str_eq(messages[i].type_url, type_url) {
            return messages[i].amino_name;
        }
        i += 1;
    }
    panic!("type URL not in milkyway_core::catalog::MESSAGES")
}
