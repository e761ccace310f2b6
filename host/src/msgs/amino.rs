//! x/tx's Amino JSON of a message, computed from its protobuf bytes and the device's
//! catalog (`milkyway_core::catalog`), as x/tx computes it from the bytes and the proto
//! descriptors: the catalog is the only description of a message's wire form, shared by
//! the device's decoders and this encoder and decoder. Fields are matched by number on
//! the wire and by name (the catalog's `key`) in JSON.
//!
//! The x/tx rules, by catalog kind and presence:
//!
//! | catalog | protobuf | Amino JSON |
//! |---|---|---|
//! | `Str`, `StrKeep`, `Signer`, `Addr`, `Rate18Raw`, `RateDecimal` | `string` | string, omitted when `""` |
//! | `Id`, `U32`, `Enum` | `uint32` / enum | number, omitted when 0 |
//! | `Id64`, `U64`, `I64` | `uint64` / `int64` | quoted, omitted when 0 |
//! | `Rate18` | `cosmos.Dec` + `LegacyDec` (wire ×10¹⁸) | `"0.500000000000000000"` |
//! | `Coin` | `cosmos.base.v1beta1.Coin` | `{"amount":…,"denom":…}`, amount `"0"` when empty |
//! | `OptCoin` | a nullable `Coin` | as `Coin`, left out when unset |
//! | `AnyOf` | `google.protobuf.Any` of a listed type | `{"type":<amino name>,"value":…}` |
//! | `OneOf` | one member of a `oneof` | under the group's name: `{"type":<oneof_name>,"value":{<key>:…}}`, `null` when no member is set |
//! | `Timestamp` | `google.protobuf.Timestamp` | RFC 3339 UTC, as Go's `Format(RFC3339[Nano])` |
//! | `Duration` | `google.protobuf.Duration` | total nanoseconds, quoted |
//! | `StakeInt` | `cosmos.Int` string | string, `"0"` for an empty one written by `dont_omitempty` |
//! | `ConsPubKey` | `Any` of `/cosmos.crypto.ed25519.PubKey` | `{"type":"tendermint/PubKeyEd25519","value":<base64>}` |
//! | `Msg` | a message | an object |
//! | `InlineJson` | `bytes` (wasm `msg`) | the JSON itself, keys sorted, numbers as Go float64 |
//! | `AnyMsg` | `google.protobuf.Any` | `{"type":<amino name>,"value":…}` |
//! | presence `Always` (`dont_omitempty`) | | never omitted; an empty list is `null` |
//! | presence `AlwaysLegacyCoins` | | never omitted; an empty list is `[]` |
//!
//! A single message field (`Coin` or `Msg`, not repeated) is non-nullable
//! (`gogoproto.nullable = false`) in every message of the catalog: always on the wire, so
//! always in Amino JSON (`{}` when empty); one missing from the bytes cannot be encoded
//! faithfully and is an error.

use milkyway_core::schema::{Card, Field, Kind, MsgSchema, Presence};

use crate::amino_json::{self, Json, ObjectBuilder};
use crate::decimal;

use super::{MsgError, MAX_EXEC_DEPTH};
use crate::wire::{read_fields, read_varint, Wire};

/// The catalog entry of a type URL.
pub fn schema_by_type_url(type_url: &str) -> Option<&'static MsgSchema> {
    milkyway_core::catalog::MESSAGES.iter().find(|m| m.type_url == type_url)
}

/// The catalog entry of an amino name.
pub fn schema_by_amino_name(name: &str) -> Option<&'static MsgSchema> {
    milkyway_core::catalog::MESSAGES.iter().find(|m| m.amino_name == name)
}

fn bad(name: &str, expected: &str) -> MsgError {
    MsgError::AminoField { field: name.to_owned(), expected: expected.to_owned() }
}

fn decode_err(what: &str) -> MsgError {
    MsgError::Decode(format!("malformed protobuf in {what}"))
}

// ------------------------------------------------------------------ protobuf wire

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn put_len(out: &mut Vec<u8>, number: u32, bytes: &[u8]) {
    put_varint(out, (u64::from(number) << 3) | 2);
    put_varint(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

fn put_uint(out: &mut Vec<u8>, number: u32, v: u64) {
    put_varint(out, u64::from(number) << 3);
    put_varint(out, v);
}

fn is_message(kind: Kind) -> bool {
    matches!(kind, Kind::Coin | Kind::Msg(_))
}

fn is_varint(kind: Kind) -> bool {
    matches!(kind, Kind::Id(_) | Kind::U32 | Kind::Enum(_) | Kind::Id64(_) | Kind::U64 | Kind::I64)
}

// ------------------------------------------------------------------ protobuf → Amino JSON

/// The amino `value` object of a message with catalog `fields`, from its protobuf bytes.
/// `exec_depth`: the number of authz `MsgExec` this message is inside of.
pub fn to_amino(fields: &[Field], bytes: &[u8], exec_depth: usize) -> Result<Json, MsgError> {
    let wire = read_fields(bytes).ok_or_else(|| decode_err("a message"))?;
    if let Some((n, _)) = wire.iter().find(|(n, _)| !fields.iter().any(|f| f.number == *n)) {
        return Err(MsgError::Decode(format!("field {n} is not in the device's catalog")));
    }
    let mut o = ObjectBuilder::new();
    for f in fields {
        if let Kind::OneOf(m) = f.kind {
            oneof_to_amino(&mut o, fields, f, m.group, &wire, exec_depth)?;
            continue;
        }
        let mut values = Vec::new();
        for (_, w) in wire.iter().filter(|(n, _)| *n == f.number) {
            match (w, is_varint(f.kind) && f.card == Card::Many) {
                // A packed repeated scalar.
                (Wire::Bytes(b), true) => {
                    let mut i = 0;
                    while i < b.len() {
                        let v = read_varint(b, &mut i).ok_or_else(|| decode_err(f.key))?;
                        values.push(Wire::Varint(v));
                    }
                }
                (Wire::Varint(v), _) => values.push(Wire::Varint(*v)),
                (Wire::Bytes(b), false) => values.push(Wire::Bytes(b)),
            }
        }
        let always = f.presence.always();
        match f.card {
            Card::One => {
                // Proto3: the last occurrence wins.
                match values.pop() {
                    Some(w) => {
                        if let Some(v) = value_to_amino(f, &w, exec_depth)? {
                            o.insert(f.key, v);
                        } else if always {
                            o.insert(f.key, default_amino(f.kind));
                        }
                    }
                    None if is_message(f.kind) => {
                        return Err(MsgError::Invalid(format!(
                            "{}: a required message field is unset",
                            f.key
                        )))
                    }
                    None if always => o.insert(f.key, default_amino(f.kind)),
                    None => {}
                }
            }
            Card::Many => {
                let items = values
                    .iter()
                    .map(|w| {
                        Ok(value_to_amino(f, w, exec_depth)?
                            .unwrap_or_else(|| default_amino(f.kind)))
                    })
                    .collect::<Result<Vec<_>, MsgError>>()?;
                match (items.is_empty(), f.presence) {
                    (false, _) => o.insert(f.key, Json::Array(items)),
                    (true, Presence::OmitEmpty) => {}
                    (true, Presence::Always) => o.insert(f.key, Json::Null),
                    (true, Presence::AlwaysLegacyCoins) => o.insert(f.key, Json::Array(Vec::new())),
                }
            }
        }
    }
    Ok(o.build())
}

/// A oneof group (x/tx): written once, under the group's name, at its first member: the
/// set member as `{"type":<amino_type>,"value":{<key>:…}}`, or `null` when none is.
fn oneof_to_amino(
    o: &mut ObjectBuilder,
    fields: &[Field],
    f: &Field,
    group: &str,
    wire: &[(u32, Wire<'_>)],
    exec_depth: usize,
) -> Result<(), MsgError> {
    let members: Vec<&Field> =
        fields.iter().filter(|m| matches!(m.kind, Kind::OneOf(o) if o.group == group)).collect();
    if members.first().map(|m| m.number) != Some(f.number) {
        return Ok(());
    }
    let set: Vec<(&Field, &[u8])> = members
        .iter()
        .flat_map(|m| wire.iter().filter(move |(n, _)| *n == m.number).map(move |(_, w)| (*m, w)))
        .map(|(m, w)| match w {
            Wire::Bytes(b) => Ok((m, *b)),
            Wire::Varint(_) => Err(MsgError::Decode(format!("{}: wrong wire type", m.key))),
        })
        .collect::<Result<_, _>>()?;
    match set.as_slice() {
        [] => o.insert(group, Json::Null),
        [(m, b)] => {
            let Kind::OneOf(member) = m.kind else { return Ok(()) };
            let (amino_type, sub) = (member.amino_type, member.sub);
            let inner =
                ObjectBuilder::new().field(m.key, to_amino(sub.fields, b, exec_depth)?).build();
            o.insert(
                group,
                ObjectBuilder::new()
                    .field("type", Json::str(amino_type))
                    .field("value", inner)
                    .build(),
            );
        }
        _ => return Err(MsgError::Invalid(format!("{group}: more than one member of the oneof"))),
    }
    Ok(())
}

/// `seconds` and `nanos` of a protobuf Timestamp or Duration.
fn seconds_nanos(b: &[u8], what: &str) -> Result<(i64, i64), MsgError> {
    let mut seconds = 0i64;
    let mut nanos = 0i64;
    for (n, w) in read_fields(b).ok_or_else(|| decode_err(what))? {
        match (n, w) {
            (1, Wire::Varint(v)) => seconds = v as i64,
            (2, Wire::Varint(v)) => nanos = v as i64,
            _ => return Err(decode_err(what)),
        }
    }
    Ok((seconds, nanos))
}

fn put_seconds_nanos(seconds: i64, nanos: i64) -> Vec<u8> {
    let mut out = Vec::new();
    if seconds != 0 {
        put_uint(&mut out, 1, seconds as u64);
    }
    if nanos != 0 {
        put_uint(&mut out, 2, nanos as u64);
    }
    out
}

fn invalid(f: &Field, e: impl std::fmt::Display) -> MsgError {
    MsgError::Invalid(format!("{}: {e}", f.key))
}

/// An `Any` of one of `list`'s types: `{"type":<amino name>,"value":…}`.
fn any_of_to_amino(
    b: &[u8],
    list: &[milkyway_core::schema::MsgSchema],
    what: &str,
    exec_depth: usize,
) -> Result<Json, MsgError> {
    let (type_url, value) = any_parts(b)?;
    let schema = list
        .iter()
        .find(|m| m.type_url == type_url)
        .ok_or_else(|| MsgError::Invalid(format!("{what}: type {type_url:?} not supported")))?;
    Ok(ObjectBuilder::new()
        .field("type", Json::str(schema.amino_name))
        .field("value", to_amino(schema.fields, value, exec_depth)?)
        .build())
}

fn any_parts(bytes: &[u8]) -> Result<(&str, &[u8]), MsgError> {
    let mut type_url = "";
    let mut value: &[u8] = &[];
    for (n, w) in read_fields(bytes).ok_or_else(|| decode_err("an Any"))? {
        match (n, w) {
            (1, Wire::Bytes(b)) => {
                type_url = std::str::from_utf8(b).map_err(|_| decode_err("type_url"))?
            }
            (2, Wire::Bytes(b)) => value = b,
            _ => return Err(decode_err("an Any")),
        }
    }
    Ok((type_url, value))
}

fn any_bytes(type_url: &str, value: &[u8]) -> Vec<u8> {
    let mut any = Vec::new();
    put_len(&mut any, 1, type_url.as_bytes());
    put_len(&mut any, 2, value);
    any
}

/// A consensus key `Any` (`/cosmos.crypto.ed25519.PubKey {1: key}`) in Amino JSON:
/// `{"type":"tendermint/PubKeyEd25519","value":<base64>}` (x/tx `key_field` encoding).
fn cons_key_to_amino(b: &[u8]) -> Result<Json, MsgError> {
    use base64::Engine as _;
    let (type_url, value) = any_parts(b)?;
    if type_url != milkyway_core::msg::ED25519_PUBKEY_URL {
        return Err(MsgError::Invalid(format!("consensus key type {type_url:?} not supported")));
    }
    let mut key: &[u8] = &[];
    for (n, w) in read_fields(value).ok_or_else(|| decode_err("a public key"))? {
        match (n, w) {
            (1, Wire::Bytes(k)) => key = k,
            _ => return Err(decode_err("a public key")),
        }
    }
    Ok(ObjectBuilder::new()
        .field("type", Json::str(milkyway_core::msg::ED25519_PUBKEY_AMINO))
        .field("value", Json::str(base64::engine::general_purpose::STANDARD.encode(key)))
        .build())
}

/// A field's value when `dont_omitempty` writes its default.
fn default_amino(kind: Kind) -> Json {
    match kind {
        Kind::Id(_) | Kind::U32 | Kind::Enum(_) => Json::uint(0u32),
        // Kind::Int: the `cosmos.Int` scalar's encoder writes an empty value as "0" (the
        // only dont_omitempty Int, Hyperlane's amount, has that scalar).
        Kind::Id64(_)
        | Kind::U64
        | Kind::I64
        | Kind::Rate18
        | Kind::StakeInt
        | Kind::Int { .. } => Json::str("0"),
        Kind::Duration => Json::str("0"),
        Kind::Coin | Kind::Msg(_) => Json::object(),
        _ => Json::str(""),
    }
}

fn utf8<'a>(b: &'a [u8], f: &Field) -> Result<&'a str, MsgError> {
    std::str::from_utf8(b).map_err(|_| MsgError::Decode(format!("{}: not UTF-8", f.key)))
}

/// One value in Amino JSON; `None` when it is the proto default (omitted unless
/// `dont_omitempty`).
fn value_to_amino(f: &Field, w: &Wire<'_>, exec_depth: usize) -> Result<Option<Json>, MsgError> {
    let wrong = || MsgError::Decode(format!("{}: wrong wire type", f.key));
    Ok(match (f.kind, w) {
        (Kind::Id(_) | Kind::U32, Wire::Varint(v)) => (*v != 0).then(|| Json::uint(*v as u32)),
        (Kind::Enum(_), Wire::Varint(v)) => (*v != 0).then(|| Json::int(*v as i64 as i32)),
        (Kind::Id64(_) | Kind::U64, Wire::Varint(v)) => (*v != 0).then(|| Json::quoted(v)),
        (Kind::I64, Wire::Varint(v)) => (*v != 0).then(|| Json::quoted(*v as i64)),
        (
            Kind::Str
            | Kind::StrKeep
            | Kind::Signer
            | Kind::Addr
            | Kind::Rate18Raw
            | Kind::RateDecimal
            | Kind::HexAddress
            | Kind::Int { .. },
            Wire::Bytes(b),
        ) => (!b.is_empty()).then(|| Ok::<_, MsgError>(Json::str(utf8(b, f)?))).transpose()?,
        (Kind::Rate18, Wire::Bytes(b)) => {
            // x/tx cosmosDecEncoder: "" → "0", else LegacyDec.Unmarshal(wire).String().
            let s = utf8(b, f)?;
            Some(Json::str(if s.is_empty() {
                "0".to_owned()
            } else {
                decimal::legacy_dec_from_wire(s)
                    .map_err(|e| MsgError::Invalid(format!("{}: {e}", f.key)))?
            }))
        }
        (Kind::Coin | Kind::OptCoin, Wire::Bytes(b)) => Some(coin_to_amino(b)?),
        (Kind::Msg(sub), Wire::Bytes(b)) => Some(to_amino(sub.fields, b, exec_depth)?),
        (Kind::InlineJson, Wire::Bytes(b)) => {
            if b.is_empty() {
                None
            } else {
                // x/tx cosmosInlineJSON: json.Unmarshal into interface{} (numbers become
                // float64), sort, json.Marshal.
                let parsed = amino_json::parse_bytes(b)
                    .map_err(|e| MsgError::Invalid(format!("{}: {e}", f.key)))?;
                Some(
                    parsed
                        .go_normalized()
                        .map_err(|e| MsgError::Invalid(format!("{}: {e}", f.key)))?,
                )
            }
        }
        (Kind::AnyMsg, Wire::Bytes(b)) => Some(any_to_amino(b, exec_depth)?),
        (Kind::AnyOf(l), Wire::Bytes(b)) => {
            let list = l.types;
            Some(any_of_to_amino(b, list, f.key, exec_depth)?)
        }
        (Kind::OneOf(m), Wire::Bytes(b)) => Some(to_amino(m.sub.fields, b, exec_depth)?),
        (Kind::Timestamp, Wire::Bytes(b)) => {
            let (s, n) = seconds_nanos(b, f.key)?;
            let t = milkyway_core::time::Timestamp::new(s, n).map_err(|e| invalid(f, e))?;
            let mut text = String::new();
            t.write_rfc3339(&mut text).map_err(|e| invalid(f, e))?;
            Some(Json::str(text))
        }
        (Kind::Duration, Wire::Bytes(b)) => {
            let (s, n) = seconds_nanos(b, f.key)?;
            let total = milkyway_core::time::duration_nanos(s, n).map_err(|e| invalid(f, e))?;
            Some(Json::str(total.to_string()))
        }
        // x/tx cosmosIntEncoder: "" is "0" (written only where always present).
        (Kind::StakeInt, Wire::Bytes(b)) => {
            (!b.is_empty()).then(|| Ok::<_, MsgError>(Json::str(utf8(b, f)?))).transpose()?
        }
        (Kind::ConsPubKey, Wire::Bytes(b)) => Some(cons_key_to_amino(b)?),
        _ => return Err(wrong()),
    })
}

/// `cosmos.base.v1beta1.Coin`: `denom` plain, `amount` a `cosmos.Int` with
/// `dont_omitempty` (x/tx cosmosIntEncoder writes `""` as `"0"`).
fn coin_to_amino(bytes: &[u8]) -> Result<Json, MsgError> {
    let mut denom = "";
    let mut amount = "";
    for (n, w) in read_fields(bytes).ok_or_else(|| decode_err("a coin"))? {
        match (n, w) {
            (1, Wire::Bytes(b)) => {
                denom = std::str::from_utf8(b).map_err(|_| decode_err("denom"))?
            }
            (2, Wire::Bytes(b)) => {
                amount = std::str::from_utf8(b).map_err(|_| decode_err("amount"))?
            }
            _ => return Err(decode_err("a coin")),
        }
    }
    Ok(coin_json(denom, amount))
}

/// The Amino JSON of a coin.
pub fn coin_json(denom: &str, amount: &str) -> Json {
    let mut o = ObjectBuilder::new();
    o.insert("amount", Json::str(if amount.is_empty() { "0" } else { amount }));
    if !denom.is_empty() {
        o.insert("denom", Json::str(denom));
    }
    o.build()
}

/// An `Any` holding a catalog message: `{"type":<amino name>,"value":…}` (x/tx
/// `marshalAny`). Inside an authz `MsgExec`, counts the nesting.
fn any_to_amino(bytes: &[u8], exec_depth: usize) -> Result<Json, MsgError> {
    let mut type_url = "";
    let mut value: &[u8] = &[];
    for (n, w) in read_fields(bytes).ok_or_else(|| decode_err("an Any"))? {
        match (n, w) {
            (1, Wire::Bytes(b)) => {
                type_url = std::str::from_utf8(b).map_err(|_| decode_err("type_url"))?
            }
            (2, Wire::Bytes(b)) => value = b,
            _ => return Err(decode_err("an Any")),
        }
    }
    message_to_amino(type_url, value, exec_depth)
}

/// `{"type":<amino name>,"value":…}` of a message given by its type URL and bytes.
pub fn message_to_amino(type_url: &str, value: &[u8], exec_depth: usize) -> Result<Json, MsgError> {
    let schema =
        schema_by_type_url(type_url).ok_or_else(|| MsgError::UnknownType(type_url.to_owned()))?;
    let depth = exec_depth + usize::from(is_exec(schema));
    if depth > MAX_EXEC_DEPTH {
        return Err(MsgError::TooDeep(MAX_EXEC_DEPTH));
    }
    Ok(ObjectBuilder::new()
        .field("type", Json::str(schema.amino_name))
        .field("value", to_amino(schema.fields, value, depth)?)
        .build())
}

fn is_exec(schema: &MsgSchema) -> bool {
    schema.type_url == "/cosmos.authz.v1beta1.MsgExec"
}

// ------------------------------------------------------------------ Amino JSON → protobuf

fn get_int<T: std::str::FromStr>(v: &Json, name: &str) -> Result<T, MsgError> {
    let text = match v {
        Json::Number(n) => n.as_str(),
        Json::String(s) => s.as_str(),
        _ => return Err(bad(name, "an integer")),
    };
    text.parse().map_err(|_| bad(name, "an integer in range"))
}

fn get_str<'a>(v: &'a Json, name: &str) -> Result<&'a str, MsgError> {
    v.as_str().ok_or_else(|| bad(name, "a string"))
}

/// The protobuf bytes of an amino `value` object with catalog `fields` (strict: a key
/// the catalog does not have is an error; integers may be numbers or quoted strings).
/// `what`: the message's name, for errors.
pub fn from_amino(
    fields: &[Field],
    v: &Json,
    what: &str,
    exec_depth: usize,
) -> Result<Vec<u8>, MsgError> {
    let map = v.as_object().ok_or_else(|| bad(what, "an object"))?;
    let known = |k: &str| {
        fields.iter().any(|f| match f.kind {
            Kind::OneOf(m) => m.group == k,
            _ => f.key == k,
        })
    };
    if let Some(k) = map.keys().find(|k| !known(k.as_str())) {
        return Err(MsgError::UnknownField { message: what.to_owned(), field: k.clone() });
    }
    let mut out = Vec::new();
    for f in fields {
        if let Kind::OneOf(m) = f.kind {
            let (group, amino_type, sub) = (m.group, m.amino_type, m.sub);
            let Some(Json::Object(wrapper)) = map.get(group) else { continue };
            if wrapper.get("type").and_then(Json::as_str) != Some(amino_type) {
                continue;
            }
            let inner = wrapper.get("value").ok_or_else(|| bad(group, "a value"))?;
            let member = inner.get(f.key).ok_or_else(|| bad(group, f.key))?;
            put_len(&mut out, f.number, &from_amino(sub.fields, member, f.key, exec_depth)?);
            continue;
        }
        let items: Vec<&Json> = match (f.card, map.get(f.key)) {
            (_, None) | (Card::Many, Some(Json::Null)) => Vec::new(),
            (Card::One, Some(v)) => vec![v],
            (Card::Many, Some(v)) => {
                v.as_array().ok_or_else(|| bad(f.key, "an array"))?.iter().collect()
            }
        };
        // A non-nullable single message is always on the wire.
        if items.is_empty() && f.card == Card::One && is_message(f.kind) {
            put_len(&mut out, f.number, &[]);
        }
        for item in items {
            value_from_amino(&mut out, f, item, exec_depth)?;
        }
    }
    Ok(out)
}

fn value_from_amino(
    out: &mut Vec<u8>,
    f: &Field,
    v: &Json,
    exec_depth: usize,
) -> Result<(), MsgError> {
    let n = f.number;
    match f.kind {
        Kind::Id(_) | Kind::U32 => put_uint(out, n, u64::from(get_int::<u32>(v, f.key)?)),
        Kind::Enum(_) => put_uint(out, n, get_int::<i32>(v, f.key)? as i64 as u64),
        Kind::Id64(_) | Kind::U64 => put_uint(out, n, get_int::<u64>(v, f.key)?),
        Kind::I64 => put_uint(out, n, get_int::<i64>(v, f.key)? as u64),
        Kind::Str
        | Kind::StrKeep
        | Kind::Signer
        | Kind::Addr
        | Kind::Rate18Raw
        | Kind::RateDecimal
        | Kind::HexAddress
        | Kind::Int { .. } => put_len(out, n, get_str(v, f.key)?.as_bytes()),
        Kind::Rate18 => {
            let s = get_str(v, f.key)?;
            let wire = if s.is_empty() {
                String::new()
            } else {
                decimal::legacy_dec_display_to_wire(s)
                    .map_err(|e| MsgError::Invalid(format!("{}: {e}", f.key)))?
            };
            put_len(out, n, wire.as_bytes())
        }
        Kind::Coin | Kind::OptCoin => put_len(out, n, &coin_from_amino(v)?),
        Kind::Msg(sub) => put_len(out, n, &from_amino(sub.fields, v, f.key, exec_depth)?),
        Kind::InlineJson => put_len(out, n, &v.to_canonical_bytes()),
        Kind::AnyMsg => {
            let (type_url, value) = message_from_amino(v, exec_depth)?;
            put_len(out, n, &any_bytes(type_url, &value))
        }
        Kind::AnyOf(l) => {
            let list = l.types;
            let name = v.get("type").and_then(Json::as_str).ok_or_else(|| bad(f.key, "a type"))?;
            let schema = list
                .iter()
                .find(|m| m.amino_name == name)
                .ok_or_else(|| MsgError::UnknownType(name.to_owned()))?;
            let empty = Json::object();
            let value = v.get("value").unwrap_or(&empty);
            let bytes = from_amino(schema.fields, value, f.key, exec_depth)?;
            put_len(out, n, &any_bytes(schema.type_url, &bytes))
        }
        // Written by the group's reader in `from_amino`.
        Kind::OneOf(_) => {}
        Kind::Timestamp => {
            let t = milkyway_core::time::Timestamp::parse_rfc3339(get_str(v, f.key)?)
                .map_err(|e| invalid(f, e))?;
            put_len(out, n, &put_seconds_nanos(t.seconds, i64::from(t.nanos)))
        }
        Kind::Duration => {
            let total: u64 = get_int(v, f.key)?;
            let seconds = i64::try_from(total / 1_000_000_000).map_err(|e| invalid(f, e))?;
            let nanos = i64::try_from(total % 1_000_000_000).map_err(|e| invalid(f, e))?;
            put_len(out, n, &put_seconds_nanos(seconds, nanos))
        }
        Kind::StakeInt => put_len(out, n, get_str(v, f.key)?.as_bytes()),
        Kind::ConsPubKey => {
            use base64::Engine as _;
            if v.get("type").and_then(Json::as_str)
                != Some(milkyway_core::msg::ED25519_PUBKEY_AMINO)
            {
                return Err(bad(f.key, "an ed25519 consensus key"));
            }
            let text = v.get("value").and_then(Json::as_str).ok_or_else(|| bad(f.key, "base64"))?;
            let key = base64::engine::general_purpose::STANDARD
                .decode(text)
                .map_err(|e| invalid(f, e))?;
            let mut pk = Vec::new();
            put_len(&mut pk, 1, &key);
            put_len(out, n, &any_bytes(milkyway_core::msg::ED25519_PUBKEY_URL, &pk))
        }
    }
    Ok(())
}

/// The protobuf bytes of a coin's Amino JSON.
pub fn coin_from_amino(v: &Json) -> Result<Vec<u8>, MsgError> {
    let map = v.as_object().ok_or_else(|| bad("Coin", "an object"))?;
    if let Some(k) = map.keys().find(|k| !matches!(k.as_str(), "denom" | "amount")) {
        return Err(MsgError::UnknownField { message: "Coin".into(), field: k.clone() });
    }
    let mut out = Vec::new();
    if let Some(d) = map.get("denom") {
        put_len(&mut out, 1, get_str(d, "denom")?.as_bytes());
    }
    if let Some(a) = map.get("amount") {
        put_len(&mut out, 2, get_str(a, "amount")?.as_bytes());
    }
    Ok(out)
}

/// The type URL and protobuf bytes of an amino message `{"type":…,"value":…}`.
pub fn message_from_amino(
    v: &Json,
    exec_depth: usize,
) -> Result<(&'static str, Vec<u8>), MsgError> {
    let map = v.as_object().ok_or_else(|| bad("amino message", "an object"))?;
    if let Some(k) = map.keys().find(|k| !matches!(k.as_str(), "type" | "value")) {
        return Err(MsgError::UnknownField { message: "amino message".into(), field: k.clone() });
    }
    let name = map
        .get("type")
        .and_then(Json::as_str)
        .ok_or_else(|| MsgError::Invalid("amino message without a \"type\"".into()))?;
    let schema =
        schema_by_amino_name(name).ok_or_else(|| MsgError::UnknownType(name.to_owned()))?;
    let depth = exec_depth + usize::from(is_exec(schema));
    if depth > MAX_EXEC_DEPTH {
        return Err(MsgError::TooDeep(MAX_EXEC_DEPTH));
    }
    let empty = Json::object();
    let value = map.get("value").unwrap_or(&empty);
    let what = schema.type_url.rsplit('.').next().unwrap_or(schema.type_url);
    Ok((schema.type_url, from_amino(schema.fields, value, what, depth)?))
}

// ------------------------------------------------------------------ sign doc fields

/// A string field of a sign doc (missing: `""`).
pub fn string_field(v: Option<&Json>, name: &str) -> Result<String, MsgError> {
    v.map_or(Ok(String::new()), |v| get_str(v, name).map(str::to_owned))
}

/// A 64-bit integer field of a sign doc, a number or a quoted string (missing: 0).
pub fn u64_field(v: Option<&Json>, name: &str) -> Result<u64, MsgError> {
    v.map_or(Ok(0), |v| get_int(v, name))
}

/// A list of coins (missing or `null`: none).
pub fn coins_field(v: Option<&Json>, name: &str) -> Result<Vec<super::Coin>, MsgError> {
    match v {
        None | Some(Json::Null) => Ok(Vec::new()),
        Some(v) => v
            .as_array()
            .ok_or_else(|| bad(name, "an array"))?
            .iter()
            .map(|c| {
                <super::Coin as prost::Message>::decode(coin_from_amino(c)?.as_slice())
                    .map_err(|e| MsgError::Decode(format!("{name}: {e}")))
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_the_catalog_does_not_describe_is_refused() {
        // MsgJoinService {1: "a", 9: 1}: field 9 is not in the catalog.
        let bytes = [0x0a, 1, b'a', 0x48, 1];
        let url = "/milkyway.restaking.v1.MsgJoinService";
        assert!(matches!(message_to_amino(url, &bytes, 0), Err(MsgError::Decode(_))));
        assert_eq!(
            message_to_amino(url, &bytes[..3], 0).unwrap().to_canonical_string(),
            r#"{"type":"milkyway/MsgJoinService","value":{"sender":"a"}}"#
        );
        // A string where the catalog has a uint32 (wrong wire type).
        assert!(message_to_amino(url, &[0x12, 1, b'x'], 0).is_err());
        assert!(matches!(
            message_to_amino("/milkyway.restaking.v1.MsgNope", &[], 0),
            Err(MsgError::UnknownType(_))
        ));
        // A single message field absent from the bytes (non-nullable) cannot be encoded.
        assert!(matches!(
            message_to_amino("/milkyway.restaking.v1.MsgDelegatePool", &bytes[..3], 0),
            Err(MsgError::Invalid(_))
        ));
    }
}
