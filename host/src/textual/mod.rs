//! SIGN_MODE_TEXTUAL sign bytes: the screens the chain's x/tx textual renderer
//! (ADR-050) makes of a transaction, encoded in CBOR, byte for byte.
//!
//! The chain renders a transaction from its protobuf bytes and the proto descriptors of
//! its messages; the host does the same from the bytes and the device's catalog
//! (`milkyway_core::catalog`, one description per message: field numbers, proto names,
//! kinds), plus [`extra::MESSAGES`] for messages the device does not clear-sign and the
//! other types an envelope may hold (public keys, other signers, extension options):
//!
//! * the envelope: `Chain id`, `Account number`, `Sequence`, `Address`, `Public key`
//!   (expert), `This transaction has N Messages`, each message (`Message (i/N)`: its type
//!   URL, then its fields one indent deeper), `End of Message`, `Memo`, `Fees`,
//!   `Fee payer`, `Fee granter`, `Gas limit`, `Timeout height`, `Other signer`,
//!   `Extension options`, `Non critical extension options` (expert) and `Hash of raw
//!   bytes` (expert); a field at its default value has no screen;
//! * a message: one screen per set field in field-number order, titled with the field's
//!   name in sentence case (`delegator_address` → `Delegator address`); a nested message
//!   shows `<Name> object` and its fields one indent deeper; a repeated field shows
//!   `<n> <Kind>`, each element as `<Field> (i/n)`, then `End of <Field>` (repeated
//!   coins are one screen);
//! * values ([`value`]): integers with `'` thousands separators, `cosmos.Dec` decimals
//!   (LegacyDec wire forms divided by 10¹⁸), bytes in grouped hex (`SHA-256=` and the
//!   hash above 35 bytes), enums by their proto value name, coins in the display unit of
//!   their bank metadata ([`metadata`]), `Any` as its type URL then the message.
//!
//! The CBOR is written by the device's own writer (`milkyway_core::textual::cbor`), the
//! inverse of the strict reader the device decodes it with.

pub mod extra;
pub mod metadata;
pub mod value;

use crate::wire::{read_fields as wire_fields, read_varint as varint, Wire};
use cosmos_sdk_proto::cosmos::tx::v1beta1::{AuthInfo, TxBody};
use milkyway_core::catalog::proto_field_name;
use milkyway_core::schema::{Card, Field, Kind, MsgSchema};
use prost::Message as _;

pub use metadata::{DenomMetadata, Metadata};

/// Why a transaction cannot be rendered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextualError {
    #[error("cannot decode the transaction: {0}")]
    Decode(String),
    #[error("SIGN_MODE_TEXTUAL: no description of message {0:?} (the host renders the messages of its catalog only)")]
    UnknownMessage(String),
    #[error("SIGN_MODE_TEXTUAL: {0}")]
    Unsupported(String),
    #[error("SIGN_MODE_TEXTUAL: {0}")]
    Value(String),
    #[error("denom metadata: {0}")]
    Metadata(String),
    #[error("SIGN_MODE_TEXTUAL: the document breaks a limit of the device ({0})")]
    Limit(&'static str),
}

/// One screen of the document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Screen {
    pub title: String,
    pub content: String,
    pub indent: u8,
    pub expert: bool,
}

impl Screen {
    fn content(content: impl Into<String>) -> Screen {
        Screen { content: content.into(), ..Screen::default() }
    }
}

/// What the signer adds to the transaction's bytes (x/tx `signing.SignerData`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignerData {
    pub chain_id: String,
    pub account_number: u64,
    pub sequence: u64,
    /// The signer's bech32 address.
    pub address: String,
    /// The signer's compressed secp256k1 public key.
    pub public_key: [u8; 33],
}

/// The CBOR of `screens`: `{1: [screens]}`.
pub fn encode(screens: &[Screen]) -> Vec<u8> {
    let borrowed: Vec<milkyway_core::textual::Screen<'_>> = screens
        .iter()
        .map(|s| milkyway_core::textual::Screen {
            title: &s.title,
            content: &s.content,
            indent: s.indent,
            expert: s.expert,
        })
        .collect();
    let mut out = Vec::new();
    milkyway_core::textual::cbor::write_envelope(&borrowed, &mut |b: &[u8]| {
        out.extend_from_slice(b)
    });
    out
}

/// The SIGN_MODE_TEXTUAL sign bytes of a transaction given as its `TxRaw` parts: the
/// CBOR of [`screens`], checked against the device's decoder (a document the device
/// would refuse is an error here).
pub fn sign_bytes(
    body_bytes: &[u8],
    auth_info_bytes: &[u8],
    signer: &SignerData,
    metadata: &DenomMetadata,
) -> Result<Vec<u8>, TextualError> {
    let cbor = encode(&screens(body_bytes, auth_info_bytes, signer, metadata)?);
    milkyway_core::textual::decode(&cbor).map_err(|e| TextualError::Limit(e.reason()))?;
    Ok(cbor)
}

// ------------------------------------------------------------------ the value tree

/// A value as x/tx's renderers see it.
#[derive(Clone, Debug)]
enum Value {
    Str(String),
    /// Integer digits (the string renderer of `cosmos.Int` and the integer kinds).
    Int(String),
    /// A `cosmos.Dec` string as on the wire.
    Dec(String),
    Bytes(Vec<u8>),
    Enum(String),
    /// amount, denom.
    Coin(String, String),
    Any(String, Box<Value>),
    Msg(Message),
}

#[derive(Clone, Debug)]
struct Message {
    /// The proto message name (`Height`), shown as `Height object`.
    name: String,
    /// The set fields, by field number.
    fields: Vec<FieldValue>,
}

#[derive(Clone, Debug)]
struct FieldValue {
    /// The proto field name.
    name: String,
    /// The element kind of a repeated field (`Any`, `string`, a message name), `None`
    /// for a single field.
    repeated: Option<String>,
    values: Vec<Value>,
}

impl FieldValue {
    fn one(name: &str, v: Value) -> FieldValue {
        FieldValue { name: name.to_owned(), repeated: None, values: vec![v] }
    }
    fn many(name: &str, kind: &str, values: Vec<Value>) -> FieldValue {
        FieldValue { name: name.to_owned(), repeated: Some(kind.to_owned()), values }
    }
}

// ------------------------------------------------------------------ rendering (x/tx's algorithm)

struct Renderer<'m> {
    metadata: &'m DenomMetadata,
}

fn indented(s: &Screen, by: u8) -> Result<Screen, TextualError> {
    let indent = s.indent.checked_add(by).ok_or(TextualError::Limit("indent"))?;
    Ok(Screen { indent, ..s.clone() })
}

impl Renderer<'_> {
    fn format(&self, v: &Value) -> Result<Vec<Screen>, TextualError> {
        Ok(match v {
            Value::Str(s) => vec![Screen::content(s.clone())],
            Value::Int(s) => vec![Screen::content(value::format_int(s)?)],
            Value::Dec(s) => vec![Screen::content(value::format_cosmos_dec(s)?)],
            Value::Bytes(b) => vec![Screen::content(value::format_bytes(b))],
            Value::Enum(n) => vec![Screen::content(n.clone())],
            Value::Coin(amount, denom) => vec![Screen::content(value::format_coins(
                &[(amount.clone(), denom.clone())],
                self.metadata,
            )?)],
            Value::Any(type_url, inner) => {
                let sub = self.format(inner)?;
                // A message's "<Name> object" header is left out: the type URL says it.
                let (skip, by) = if matches!(**inner, Value::Msg(_)) { (1, 0) } else { (0, 1) };
                let mut out = vec![Screen::content(type_url.clone())];
                for s in sub.iter().skip(skip) {
                    out.push(indented(s, by)?);
                }
                out
            }
            Value::Msg(m) => self.format_message(m)?,
        })
    }

    fn format_message(&self, m: &Message) -> Result<Vec<Screen>, TextualError> {
        let mut out = vec![Screen::content(format!("{} object", m.name))];
        for f in &m.fields {
            let sub = match &f.repeated {
                Some(_) if f.values.iter().all(|v| matches!(v, Value::Coin(..))) => {
                    let coins: Vec<(String, String)> = f
                        .values
                        .iter()
                        .filter_map(|v| match v {
                            Value::Coin(a, d) => Some((a.clone(), d.clone())),
                            _ => None,
                        })
                        .collect();
                    vec![Screen::content(value::format_coins(&coins, self.metadata)?)]
                }
                Some(kind) => self.format_repeated(f, kind)?,
                None => self.format(&f.values[0])?,
            };
            let (first, rest) = sub.split_first().ok_or_else(|| {
                TextualError::Value(format!("empty rendering for field {}", f.name))
            })?;
            out.push(Screen { title: value::sentence_case(&f.name), ..indented(first, 1)? });
            for s in rest {
                out.push(indented(s, 1)?);
            }
        }
        Ok(out)
    }

    fn format_repeated(&self, f: &FieldValue, kind: &str) -> Result<Vec<Screen>, TextualError> {
        let n = f.values.len();
        let title = value::sentence_case(&f.name);
        let mut out = vec![Screen::content(format!("{n} {}", value::sentence_case(kind)))];
        for (i, v) in f.values.iter().enumerate() {
            let sub = self.format(v)?;
            let (first, rest) = sub
                .split_first()
                .ok_or_else(|| TextualError::Value(format!("empty rendering in {}", f.name)))?;
            out.push(Screen { title: format!("{title} ({}/{n})", i + 1), ..indented(first, 1)? });
            for s in rest {
                out.push(indented(s, 1)?);
            }
        }
        out.push(Screen::content(format!("End of {title}")));
        Ok(out)
    }
}

// ------------------------------------------------------------------ the envelope

/// The envelope fields shown only in expert mode (x/tx marks them, and every screen
/// under them).
const EXPERT_TITLES: &[&str] = &[
    "Address",
    "Public key",
    "Fee payer",
    "Fee granter",
    "Gas limit",
    "Timeout height",
    "Other signer",
    "Extension options",
    "Non critical extension options",
    "Hash of raw bytes",
];

/// The screens x/tx renders for a transaction given as its `TxRaw` parts.
pub fn screens(
    body_bytes: &[u8],
    auth_info_bytes: &[u8],
    signer: &SignerData,
    metadata: &DenomMetadata,
) -> Result<Vec<Screen>, TextualError> {
    let d = |e: prost::DecodeError| TextualError::Decode(e.to_string());
    let body = TxBody::decode(body_bytes).map_err(d)?;
    let auth = AuthInfo::decode(auth_info_bytes).map_err(d)?;
    let pubkey = crate::tx::pubkey_any(&signer.public_key);
    let fee = auth.fee.clone().unwrap_or_default();

    let mut fields = vec![FieldValue::one("chain_id", Value::Str(signer.chain_id.clone()))];
    let int = |fields: &mut Vec<FieldValue>, name: &str, v: u64| {
        if v != 0 {
            fields.push(FieldValue::one(name, Value::Int(v.to_string())));
        }
    };
    int(&mut fields, "account_number", signer.account_number);
    int(&mut fields, "sequence", signer.sequence);
    let text = |fields: &mut Vec<FieldValue>, name: &str, v: &str| {
        if !v.is_empty() {
            fields.push(FieldValue::one(name, Value::Str(v.to_owned())));
        }
    };
    text(&mut fields, "address", &signer.address);
    fields.push(FieldValue::one(
        "public_key",
        Value::Any(
            crate::tx::SECP256K1_PUBKEY_TYPE_URL.to_owned(),
            Box::new(Value::Msg(Message {
                name: "PubKey".into(),
                fields: vec![FieldValue::one("key", Value::Bytes(signer.public_key.to_vec()))],
            })),
        ),
    ));
    if !body.messages.is_empty() {
        let msgs = body
            .messages
            .iter()
            .map(|a| any_value(&a.type_url, &a.value, 0))
            .collect::<Result<Vec<_>, _>>()?;
        fields.push(FieldValue::many("message", "Any", msgs));
    }
    text(&mut fields, "memo", &body.memo);
    if !fee.amount.is_empty() {
        let coins = fee.amount.iter().map(|c| Value::Coin(c.amount.clone(), c.denom.clone()));
        fields.push(FieldValue::many("fees", "Coin", coins.collect()));
    }
    text(&mut fields, "fee_payer", &fee.payer);
    text(&mut fields, "fee_granter", &fee.granter);
    #[allow(deprecated)]
    if let Some(tip) = &auth.tip {
        if !tip.amount.is_empty() {
            let coins = tip.amount.iter().map(|c| Value::Coin(c.amount.clone(), c.denom.clone()));
            fields.push(FieldValue::many("tip", "Coin", coins.collect()));
        }
        text(&mut fields, "tipper", &tip.tipper);
    }
    int(&mut fields, "gas_limit", fee.gas_limit);
    int(&mut fields, "timeout_height", body.timeout_height);
    // The other signers: every signer info whose key is not the signer's.
    let others = auth
        .signer_infos
        .iter()
        .filter(|s| s.public_key.as_ref().map(|k| &k.value) != Some(&pubkey.value))
        .map(|s| {
            message(extra::SIGNER_INFO.name, extra::SIGNER_INFO.fields, &s.encode_to_vec(), 0)
                .map(Value::Msg)
        })
        .collect::<Result<Vec<_>, _>>()?;
    if !others.is_empty() {
        fields.push(FieldValue::many("other_signer", extra::SIGNER_INFO.name, others));
    }
    for (name, options) in [
        ("extension_options", &body.extension_options),
        ("non_critical_extension_options", &body.non_critical_extension_options),
    ] {
        if !options.is_empty() {
            let values = options
                .iter()
                .map(|a| any_value(&a.type_url, &a.value, 0))
                .collect::<Result<Vec<_>, _>>()?;
            fields.push(FieldValue::many(name, "Any", values));
        }
    }
    text(&mut fields, "hash_of_raw_bytes", &hash_of_raw_bytes(body_bytes, auth_info_bytes));

    let envelope = Message { name: "Envelope".into(), fields };
    let r = Renderer { metadata };
    let mut screens: Vec<Screen> = r.format_message(&envelope)?.into_iter().skip(1).collect();
    for s in &mut screens {
        s.indent = s.indent.saturating_sub(1);
    }
    let mut i = 0;
    while i < screens.len() {
        if screens[i].indent == 0 {
            if EXPERT_TITLES.contains(&screens[i].title.as_str()) {
                let end_marker = format!("End of {}", screens[i].title);
                let mut j = i;
                while j < screens.len()
                    && (j == i || screens[j].indent > 0 || screens[j].content == end_marker)
                {
                    screens[j].expert = true;
                    j += 1;
                }
            }
            if screens[i].title == "Message" {
                if let Some(n) = screens[i].content.strip_suffix(" Any") {
                    let n = n.to_owned();
                    screens[i].title.clear();
                    screens[i].content = format!(
                        "This transaction has {n} Message{}",
                        if n == "1" { "" } else { "s" }
                    );
                }
            }
        }
        i += 1;
    }
    Ok(screens)
}

/// `Hash of raw bytes`: hex SHA-256 of `len(body) ‖ body ‖ len(auth_info) ‖ auth_info`,
/// the lengths as 8-byte big-endian integers.
pub fn hash_of_raw_bytes(body_bytes: &[u8], auth_info_bytes: &[u8]) -> String {
    let mut b = Vec::with_capacity(16 + body_bytes.len() + auth_info_bytes.len());
    b.extend_from_slice(&(body_bytes.len() as u64).to_be_bytes());
    b.extend_from_slice(body_bytes);
    b.extend_from_slice(&(auth_info_bytes.len() as u64).to_be_bytes());
    b.extend_from_slice(auth_info_bytes);
    crate::crypto::sha256(&b).iter().map(|x| format!("{x:02x}")).collect()
}

// ------------------------------------------------------------------ protobuf → value tree

/// Deepest nesting of `Any` in `Any` (authz `MsgExec`) rendered; the device's limit.
const MAX_ANY_DEPTH: usize = milkyway_core::msg::MAX_NESTING;

/// The description of a message type: the device's catalog, then [`extra::MESSAGES`].
pub fn schema(type_url: &str) -> Option<&'static MsgSchema> {
    milkyway_core::catalog::MESSAGES
        .iter()
        .chain(extra::MESSAGES.iter())
        .find(|m| m.type_url == type_url)
}

fn any_value(type_url: &str, bytes: &[u8], depth: usize) -> Result<Value, TextualError> {
    if depth > MAX_ANY_DEPTH {
        return Err(TextualError::Unsupported(format!("Any nested deeper than {MAX_ANY_DEPTH}")));
    }
    // A coin in an `Any` goes through the coin renderer, as x/tx's registry has it.
    if type_url == "/cosmos.base.v1beta1.Coin" {
        let c = cosmos_sdk_proto::cosmos::base::v1beta1::Coin::decode(bytes)
            .map_err(|e| TextualError::Decode(e.to_string()))?;
        return Ok(Value::Any(type_url.to_owned(), Box::new(Value::Coin(c.amount, c.denom))));
    }
    let s = schema(type_url).ok_or_else(|| TextualError::UnknownMessage(type_url.to_owned()))?;
    let name = type_url.rsplit('.').next().unwrap_or(type_url);
    Ok(Value::Any(
        type_url.to_owned(),
        Box::new(Value::Msg(message(name, s.fields, bytes, depth)?)),
    ))
}

fn is_varint(kind: Kind) -> bool {
    matches!(kind, Kind::Id(_) | Kind::Id64(_) | Kind::U32 | Kind::U64 | Kind::I64 | Kind::Enum(_))
}

/// The proto kind name of a repeated field's elements (`<n> <Kind>`).
fn kind_name(kind: Kind) -> Result<&'static str, TextualError> {
    Ok(match kind {
        Kind::Str
        | Kind::StrKeep
        | Kind::Signer
        | Kind::Addr
        | Kind::Rate18Raw
        | Kind::Rate18
        | Kind::RateDecimal
        | Kind::HexAddress => "string",
        Kind::Int { .. } => return Err(int_unsupported()),
        Kind::Id(_) | Kind::U32 => "uint32",
        Kind::Id64(_) | Kind::U64 => "uint64",
        Kind::I64 => "int64",
        Kind::Coin | Kind::OptCoin => "Coin",
        Kind::StakeInt => "string",
        Kind::Msg(n) => n.name,
        Kind::InlineJson => "bytes",
        Kind::AnyMsg => "Any",
        Kind::Enum(_) => {
            return Err(TextualError::Unsupported("repeated enums are not described".into()))
        }
        Kind::AnyOf(_) | Kind::ConsPubKey => "Any",
        Kind::OneOf(m) => m.sub.name,
        Kind::Timestamp => "Timestamp",
        Kind::Duration => "Duration",
    })
}

/// A `google.protobuf.Timestamp` or `Duration`: `{1: seconds int64, 2: nanos int32}`.
fn seconds_nanos(b: &[u8], f: &Field) -> Result<(i64, i32), TextualError> {
    let bad = || {
        TextualError::Decode(format!(
            "malformed {} in {}",
            kind_name(f.kind).unwrap_or_default(),
            f.key
        ))
    };
    let (mut seconds, mut nanos) = (0i64, 0i32);
    for (n, w) in wire_fields(b).ok_or_else(bad)? {
        match (n, w) {
            (1, Wire::Varint(v)) => seconds = v as i64,
            (2, Wire::Varint(v)) => nanos = i32::try_from(v as i64).map_err(|_| bad())?,
            _ => return Err(bad()),
        }
    }
    Ok((seconds, nanos))
}

/// A [`Kind::Int`] field: an integer when its proto carries the `cosmos.Int` scalar
/// (`cosmos_scalar`; x/tx renders it with its integer renderer, `1'000'000`), otherwise
/// the string it is; `None` when empty (proto3's default).
fn int_field(f: &Field, cosmos_scalar: bool, w: &Wire<'_>) -> Result<Option<Value>, TextualError> {
    let Wire::Bytes(b) = w else {
        return Err(TextualError::Decode(format!("field {} has the wrong wire type", f.key)));
    };
    if b.is_empty() {
        return Ok(None);
    }
    let text = utf8(b, f)?;
    Ok(Some(if cosmos_scalar { Value::Int(text) } else { Value::Str(text) }))
}

/// A repeated `math.Int` field: none is in the catalog, and its element kind would depend
/// on the scalar as above, so it is refused rather than guessed.
fn int_unsupported() -> TextualError {
    TextualError::Unsupported("repeated math.Int string fields have no textual rendering".into())
}

fn utf8(b: &[u8], f: &Field) -> Result<String, TextualError> {
    String::from_utf8(b.to_vec())
        .map_err(|_| TextualError::Decode(format!("{} is not UTF-8", f.key)))
}

/// One value of field `f` from the wire; `None` for a scalar at its default (not set,
/// in proto3).
fn field_value(f: &Field, w: &Wire<'_>, depth: usize) -> Result<Option<Value>, TextualError> {
    let bad = || TextualError::Decode(format!("field {} has the wrong wire type", f.key));
    Ok(match (f.kind, w) {
        (
            Kind::Str
            | Kind::StrKeep
            | Kind::Signer
            | Kind::Addr
            | Kind::Rate18Raw
            | Kind::HexAddress,
            Wire::Bytes(b),
        ) => (!b.is_empty()).then(|| utf8(b, f)).transpose()?.map(Value::Str),
        (Kind::Int { .. }, _) => return Err(int_unsupported()),
        (Kind::Rate18 | Kind::RateDecimal, Wire::Bytes(b)) => {
            (!b.is_empty()).then(|| utf8(b, f)).transpose()?.map(Value::Dec)
        }
        (Kind::Id(_) | Kind::U32, Wire::Varint(v)) => {
            let v = u32::try_from(*v).map_err(|_| bad())?;
            (v != 0).then(|| Value::Int(v.to_string()))
        }
        (Kind::Id64(_) | Kind::U64, Wire::Varint(v)) => {
            (*v != 0).then(|| Value::Int(v.to_string()))
        }
        (Kind::I64, Wire::Varint(v)) => (*v != 0).then(|| Value::Int((*v as i64).to_string())),
        (Kind::Enum(e), Wire::Varint(v)) => {
            if *v == 0 {
                None
            } else {
                let name = usize::try_from(*v)
                    .ok()
                    .and_then(|i| e.proto.get(i))
                    .filter(|n| !n.is_empty())
                    .ok_or_else(|| {
                        TextualError::Value(format!("{} has no enum value {v}", f.key))
                    })?;
                Some(Value::Enum((*name).to_owned()))
            }
        }
        (Kind::StakeInt, Wire::Bytes(b)) => {
            (!b.is_empty()).then(|| utf8(b, f)).transpose()?.map(Value::Int)
        }
        (Kind::AnyOf(list), Wire::Bytes(b)) => {
            let a = cosmos_sdk_proto::Any::decode(*b)
                .map_err(|e| TextualError::Decode(e.to_string()))?;
            let t = list.types.iter().find(|t| t.type_url == a.type_url).ok_or_else(|| {
                TextualError::Unsupported(format!("{} cannot hold {}", f.key, a.type_url))
            })?;
            let name = a.type_url.rsplit('.').next().unwrap_or_default();
            let inner = message(name, t.fields, &a.value, depth + 1)?;
            Some(Value::Any(a.type_url, Box::new(Value::Msg(inner))))
        }
        (Kind::OneOf(m), Wire::Bytes(b)) => {
            Some(Value::Msg(message(m.sub.name, m.sub.fields, b, depth)?))
        }
        (Kind::Timestamp, Wire::Bytes(b)) => {
            let (seconds, nanos) = seconds_nanos(b, f)?;
            Some(Value::Str(value::format_timestamp(seconds, nanos)?))
        }
        (Kind::Duration, Wire::Bytes(b)) => {
            let (seconds, nanos) = seconds_nanos(b, f)?;
            Some(Value::Str(value::format_duration(seconds, nanos)?))
        }
        (Kind::ConsPubKey, Wire::Bytes(b)) => {
            let a = cosmos_sdk_proto::Any::decode(*b)
                .map_err(|e| TextualError::Decode(e.to_string()))?;
            Some(any_value(&a.type_url, &a.value, depth + 1)?)
        }
        (Kind::Coin | Kind::OptCoin, Wire::Bytes(b)) => {
            let c = cosmos_sdk_proto::cosmos::base::v1beta1::Coin::decode(*b)
                .map_err(|e| TextualError::Decode(e.to_string()))?;
            Some(Value::Coin(c.amount, c.denom))
        }
        (Kind::Msg(n), Wire::Bytes(b)) => Some(Value::Msg(message(n.name, n.fields, b, depth)?)),
        (Kind::InlineJson, Wire::Bytes(b)) => (!b.is_empty()).then(|| Value::Bytes(b.to_vec())),
        (Kind::AnyMsg, Wire::Bytes(b)) => {
            let a = cosmos_sdk_proto::Any::decode(*b)
                .map_err(|e| TextualError::Decode(e.to_string()))?;
            Some(any_value(&a.type_url, &a.value, depth + 1)?)
        }
        _ => return Err(bad()),
    })
}

/// The set fields of a message's bytes, described by `fields`.
fn message(
    name: &str,
    fields: &[Field],
    bytes: &[u8],
    depth: usize,
) -> Result<Message, TextualError> {
    let wire = wire_fields(bytes)
        .ok_or_else(|| TextualError::Decode(format!("malformed protobuf in {name}")))?;
    if let Some((n, _)) = wire.iter().find(|(n, _)| !fields.iter().any(|f| f.number == *n)) {
        return Err(TextualError::Unsupported(format!(
            "{name} has field {n}, which is not described"
        )));
    }
    let mut ordered: Vec<&Field> = fields.iter().collect();
    ordered.sort_by_key(|f| f.number);
    let mut out = Vec::new();
    for f in ordered {
        let mut occurrences = wire.iter().filter(|(n, _)| *n == f.number).map(|(_, w)| w);
        match f.card {
            Card::One => {
                // proto3: the last occurrence of a scalar wins.
                if let Some(w) = occurrences.next_back() {
                    let v = match f.kind {
                        Kind::Int { cosmos_scalar } => int_field(f, cosmos_scalar, w)?,
                        _ => field_value(f, w, depth)?,
                    };
                    if let Some(v) = v {
                        out.push(FieldValue::one(proto_field_name(name, f), v));
                    }
                }
            }
            Card::Many => {
                let mut values = Vec::new();
                for w in occurrences {
                    match w {
                        // A packed repeated scalar.
                        Wire::Bytes(b) if is_varint(f.kind) => {
                            let mut i = 0;
                            while i < b.len() {
                                let v = varint(b, &mut i).ok_or_else(|| {
                                    TextualError::Decode(format!("malformed packed {}", f.key))
                                })?;
                                values.push(element(f, &Wire::Varint(v), depth)?);
                            }
                        }
                        w => values.push(element(f, w, depth)?),
                    }
                }
                if !values.is_empty() {
                    out.push(FieldValue::many(
                        proto_field_name(name, f),
                        kind_name(f.kind)?,
                        values,
                    ));
                }
            }
        }
    }
    Ok(Message { name: name.to_owned(), fields: out })
}

/// An element of a repeated field: shown even at its default value.
fn element(f: &Field, w: &Wire<'_>, depth: usize) -> Result<Value, TextualError> {
    Ok(match field_value(f, w, depth)? {
        Some(v) => v,
        None => match f.kind {
            Kind::Enum(e) => Value::Enum(e.proto.first().copied().unwrap_or_default().to_owned()),
            k if is_varint(k) => Value::Int("0".into()),
            Kind::Rate18 | Kind::RateDecimal => Value::Dec(String::new()),
            Kind::InlineJson => Value::Bytes(Vec::new()),
            _ => Value::Str(String::new()),
        },
    })
}
