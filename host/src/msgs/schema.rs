//! How a message type is declared here: its prost struct, its type URL (`msg_type!`,
//! or `cosmrs_msg::proto_msg!` for the structs written in this crate) and nothing more:
//! its amino name and its Amino JSON form come from the device's catalog
//! (`milkyway_core::catalog`, walked by [`super::amino`]).

use crate::amino_json::Json;

use super::MsgError;

fn bad(name: &str, expected: &str) -> MsgError {
    MsgError::AminoField { field: name.to_owned(), expected: expected.to_owned() }
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
/// services' activate, deactivate, delete...): the prost struct and its type.
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
    };
}

pub(crate) use {msg_type, sender_id_msg};

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
