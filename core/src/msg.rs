//! Schema-driven access to one message, whichever sign mode carried it.
//!
//! A [`MsgRef`] pairs a message's field schema with its encoding: protobuf bytes
//! (SIGN_MODE_DIRECT) or a JSON object (LEGACY_AMINO_JSON). [`validate`] checks the
//! encoding strictly against the schema once; afterwards [`MsgRef::get`] and
//! [`MsgRef::each`] hand out the same [`Val`]s for either encoding, so the renderer
//! never knows which mode it is showing.

use crate::amount::Decimal;
use crate::catalog;
use crate::chains;
use crate::error::Error;
use crate::json::{self, Value as Json};
use crate::proto::{Fields, PackedVarints, WireValue};
use crate::schema::{Card, Field, Kind, MsgSchema, OneOfMember, Presence, View};
use crate::text::Text;

/// Messages may nest (authz `MsgExec` holds messages; messages hold sub-messages) at most
/// this deep. Deeper documents are refused.
pub const MAX_NESTING: usize = 5;

/// The `msg` of a wasm execute, or a JSON memo, may nest objects this deep.
pub const MAX_JSON_DEPTH: usize = 16;

/// Reads the `msg` bytes of a wasm execute as they are on the wire (SIGN_MODE_DIRECT).
///
/// Those bytes are whatever JSON the wallet wrote (cosmjs: `JSON.stringify`, keys in
/// insertion order; others add whitespace), so they are read with
/// [`json::parse_relaxed`]: any RFC 8259 document, but unique keys at every depth (the
/// device cannot know which of two equal keys the contract would read), valid UTF-8, no
/// lone surrogate, no NUL, no raw control character, at most [`MAX_JSON_DEPTH`] levels.
/// The renderer shows objects in sorted key order, so the screens do not depend on the
/// order the wallet chose.
///
/// Every number must be a plain integer below 2^53 in magnitude ([`check_numbers`]), as
/// in Amino JSON.
pub fn wire_contract_msg(bytes: &[u8]) -> Result<Json<'_>, Error> {
    let v = json::parse_relaxed(bytes, MAX_JSON_DEPTH).map_err(Error::ContractMsg)?;
    check_numbers(&v)?;
    Ok(v)
}

/// A contract message's bytes: validated ([`wire_contract_msg`]), or read as validated
/// before ([`json::view_validated`]).
#[inline(never)]
fn contract_msg(bytes: &[u8], read: Read) -> Result<Json<'_>, Error> {
    match read {
        Read::Validate => wire_contract_msg(bytes),
        Read::Validated => json::view_validated(bytes)
            .ok_or(Error::ContractMsg(json::JsonError::UnexpectedChar { at: 0 })),
    }
}

/// Refuses a contract message holding a number that is not a plain integer of magnitude
/// below 2^53 ([`json::Number::is_safe_integer`]), in both sign modes alike.
///
/// In Amino JSON x/tx (v0.13 aminojson `cosmosInlineJSON` → `sortedJSONStringify`)
/// rewrites the message through Go's `interface{}`: every number becomes a float64 and
/// is printed back Go's way (`1.0` → `1`, `1e21` → `1e+21`, `0.0000001` → `1e-7`,
/// `9007199254740993` → `9007199254740992`). The user signs the rewritten text while
/// the contract executes the original bytes, so a number shown in Amino JSON is only
/// known to be what the contract reads when no other integer could have been rewritten
/// into it; SIGN_MODE_DIRECT refuses the same numbers so that the same transaction is
/// accepted, and shown, the same way in both modes.
///
/// What no rule can catch: another spelling of a number that rounds to a plain safe
/// integer (`1.0`, `1e2`, `1.00000000000000001`) is refused in DIRECT, but x/tx writes
/// it into the Amino JSON document as that integer, byte for byte what a plain `1` or
/// `100` gives, so Amino JSON shows it. Below 2^53 the original then either has exactly
/// the value shown or is not an integer at all (floats are spaced at most 1 apart
/// there): no other integer can hide behind a shown one.
pub fn check_numbers(v: &Json<'_>) -> Result<(), Error> {
    match json::first_unsafe_number(v) {
        Some(_) => Err(Error::ContractMsgNumber),
        None => Ok(()),
    }
}

/// How a field is read: while [`validate`] checks a message, or afterwards.
///
/// A message is validated once, when the transaction is decoded ([`crate::tx::decode`]);
/// reading it again ([`MsgRef::get`], [`MsgRef::each`], [`crate::Tx::each_message`])
/// does not check again what cannot have changed: a contract message's JSON is not
/// parsed again (it is read with [`json::view_validated`]), nested messages are not
/// validated again. Scalars are still decoded and checked as they are read (that is
/// cheap). Re-validating on every read cost the renderer five full checks of every
/// contract message, and an authz level around it two more each: with messages near
/// [`json::MAX_SORT_WORK`], billions of instructions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Read {
    Validate,
    Validated,
}

#[derive(Clone, Copy, Debug)]
pub enum Enc<'a> {
    Proto(&'a [u8]),
    Json(json::Object<'a>),
}

#[derive(Clone, Copy, Debug)]
pub struct MsgRef<'a> {
    pub fields: &'static [Field],
    pub enc: Enc<'a>,
}

/// A message with its type.
#[derive(Clone, Copy, Debug)]
pub struct Message<'a> {
    pub schema: &'static MsgSchema,
    pub body: MsgRef<'a>,
}

#[derive(Clone, Copy, Debug)]
pub struct Coin<'a> {
    pub denom: Text<'a>,
    pub amount: Text<'a>,
}

/// How a rate arrived.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RateForm {
    /// LegacyDec integer x10^18 (protobuf wire; also Amino for un-annotated fields).
    Raw18,
    /// A decimal string (`0.5`, `0.500000000000000000`).
    Decimal,
}

/// One decoded field value.
#[derive(Clone, Copy, Debug)]
pub enum Val<'a> {
    Absent,
    Text(Text<'a>),
    Num(u64),
    Int(i64),
    Coin(Coin<'a>),
    Rate(Text<'a>, RateForm),
    Msg(MsgRef<'a>),
    Json(Json<'a>),
    Any(Message<'a>),
    Time(crate::time::Timestamp),
    /// A duration in nanoseconds.
    Duration(u64),
    /// A validator's ed25519 consensus key.
    ConsKey([u8; 32]),
}

impl<'a> Val<'a> {
    pub fn rate(&self) -> Result<Option<Decimal>, Error> {
        match self {
            Val::Rate(t, RateForm::Raw18) => Decimal::from_int(t, 18).map(Some),
            Val::Rate(t, RateForm::Decimal) => Decimal::from_decimal_str(t).map(Some),
            _ => Ok(None),
        }
    }
}

// ------------------------------------------------------------------ protobuf side

fn utf8_text(bytes: &[u8]) -> Result<Text<'_>, Error> {
    let s = core::str::from_utf8(bytes).map_err(|_| Error::InvalidUtf8)?;
    if s.contains('\0') {
        return Err(Error::NullCharacter);
    }
    Ok(Text::Plain(s))
}

fn u32_of(v: u64) -> Result<u64, Error> {
    if v > u64::from(u32::MAX) {
        return Err(Error::ValueOutOfRange);
    }
    Ok(v)
}

fn enum_of(v: u64, names: &[&str]) -> Result<u64, Error> {
    let index = usize::try_from(v).map_err(|_| Error::ValueOutOfRange)?;
    if index == 0 || index >= names.len() {
        return Err(Error::ValueOutOfRange);
    }
    Ok(v)
}

/// Decodes a `cosmos.base.v1beta1.Coin` from protobuf bytes.
pub fn proto_coin(bytes: &[u8]) -> Result<Coin<'_>, Error> {
    let mut denom = None;
    let mut amount = None;
    for item in Fields::new(bytes) {
        let (number, value) = item?;
        let slot = match number {
            1 => &mut denom,
            2 => &mut amount,
            _ => return Err(Error::UnknownField),
        };
        let WireValue::Len(b) = value else { return Err(Error::WrongWireType) };
        if slot.is_some() {
            return Err(Error::DuplicateField);
        }
        *slot = Some(utf8_text(b)?);
    }
    check_coin(Coin { denom: denom.unwrap_or(Text::EMPTY), amount: amount.unwrap_or(Text::EMPTY) })
}

/// A Hyperlane `HexAddress` ([`Kind::HexAddress`]): `0x` and 64 lower-case hex digits.
fn hex_address(t: Text<'_>) -> Result<Text<'_>, Error> {
    let mut n = 0usize;
    for (i, c) in t.chars().enumerate() {
        let ok = match i {
            0 => c == '0',
            1 => c == 'x',
            _ => c.is_ascii_digit() || ('a'..='f').contains(&c),
        };
        if !ok {
            return Err(Error::InvalidHexAddress);
        }
        n = i.saturating_add(1);
    }
    if n != 66 {
        return Err(Error::InvalidHexAddress);
    }
    Ok(t)
}

/// A `math.Int` decimal string ([`Kind::Int`]).
fn int_text(t: Text<'_>) -> Result<Text<'_>, Error> {
    Decimal::from_int(&t, 0)?;
    Ok(t)
}

fn check_coin(coin: Coin<'_>) -> Result<Coin<'_>, Error> {
    if !chains::is_valid_denom(&coin.denom) {
        return Err(Error::InvalidDenom);
    }
    Decimal::from_int(&coin.amount, 0)?;
    Ok(coin)
}

/// Decodes one protobuf value of `kind` (a scalar, or one element of a repeated field).
fn proto_val<'a>(
    kind: Kind,
    value: WireValue<'a>,
    depth: usize,
    read: Read,
) -> Result<Val<'a>, Error> {
    match (kind, value) {
        (Kind::Str | Kind::StrKeep | Kind::Signer | Kind::Addr, WireValue::Len(b)) => {
            Ok(Val::Text(utf8_text(b)?))
        }
        // A weight (LegacyDec or decimal string) written explicitly empty is the proto3
        // default, as if left out: x/tx cannot tell them apart either (Amino JSON has
        // `"0"` for a v1beta1 weight, nothing for a v1 one).
        (Kind::Rate18 | Kind::RateDecimal, WireValue::Len([])) => Ok(Val::Absent),
        (Kind::Rate18Raw | Kind::Rate18, WireValue::Len(b)) => {
            let t = utf8_text(b)?;
            Decimal::from_int(&t, 18)?;
            Ok(Val::Rate(t, RateForm::Raw18))
        }
        (Kind::RateDecimal, WireValue::Len(b)) => {
            let t = utf8_text(b)?;
            Decimal::from_decimal_str(&t)?;
            Ok(Val::Rate(t, RateForm::Decimal))
        }
        (Kind::Id(_) | Kind::U32, WireValue::Varint(v)) => Ok(Val::Num(u32_of(v)?)),
        (Kind::Id64(_) | Kind::U64, WireValue::Varint(v)) => Ok(Val::Num(v)),
        (Kind::I64, WireValue::Varint(v)) => Ok(Val::Int(v as i64)),
        (Kind::Enum(e), WireValue::Varint(v)) => Ok(Val::Num(enum_of(v, e.shown)?)),
        (Kind::Coin | Kind::OptCoin, WireValue::Len(b)) => Ok(Val::Coin(proto_coin(b)?)),
        (Kind::Msg(sub), WireValue::Len(b)) => {
            let r = MsgRef { fields: sub.fields, enc: Enc::Proto(b) };
            if read == Read::Validate {
                validate(&r, depth.saturating_add(1))?;
            }
            Ok(Val::Msg(r))
        }
        (Kind::InlineJson, WireValue::Len(b)) => Ok(Val::Json(contract_msg(b, read)?)),
        (Kind::HexAddress, WireValue::Len(b)) => Ok(Val::Text(hex_address(utf8_text(b)?)?)),
        (Kind::Int { .. }, WireValue::Len(b)) => Ok(Val::Text(int_text(utf8_text(b)?)?)),
        (Kind::AnyMsg, WireValue::Len(b)) => {
            Ok(Val::Any(proto_any_read(b, depth.saturating_add(1), read)?))
        }
        (Kind::AnyOf(l), WireValue::Len(b)) => {
            Ok(Val::Any(proto_any_of(b, l.types, l.unknown, depth.saturating_add(1), read)?))
        }
        (Kind::OneOf(m), WireValue::Len(b)) => {
            proto_val(Kind::Msg(m.sub), WireValue::Len(b), depth, read)
        }
        (Kind::Timestamp, WireValue::Len(b)) => {
            let (s, n) = proto_seconds_nanos(b)?;
            Ok(Val::Time(crate::time::Timestamp::new(s, n)?))
        }
        (Kind::Duration, WireValue::Len(b)) => {
            let (s, n) = proto_seconds_nanos(b)?;
            Ok(Val::Duration(crate::time::duration_nanos(s, n)?))
        }
        // x/tx writes an empty cosmos.Int as "0" where it is always written, and leaves it
        // out elsewhere: both read as absent.
        (Kind::StakeInt, WireValue::Len([])) => Ok(Val::Absent),
        (Kind::StakeInt, WireValue::Len(b)) => {
            let t = utf8_text(b)?;
            Decimal::from_int(&t, 0)?;
            Ok(Val::Text(t))
        }
        (Kind::ConsPubKey, WireValue::Len(b)) => Ok(Val::ConsKey(proto_cons_key(b)?)),
        _ => Err(Error::WrongWireType),
    }
}

/// The `seconds` (int64) and `nanos` (int32) of a protobuf Timestamp or Duration.
fn proto_seconds_nanos(bytes: &[u8]) -> Result<(i64, i64), Error> {
    let mut seconds = None;
    let mut nanos = None;
    for item in Fields::new(bytes) {
        let (number, value) = item?;
        let WireValue::Varint(v) = value else { return Err(Error::WrongWireType) };
        let slot = match number {
            1 => &mut seconds,
            2 => &mut nanos,
            _ => return Err(Error::UnknownField),
        };
        if slot.is_some() {
            return Err(Error::DuplicateField);
        }
        *slot = Some(v as i64);
    }
    let nanos = nanos.unwrap_or(0);
    // An int32 on the wire: a negative one is sign-extended to 64 bits.
    if i32::try_from(nanos).is_err() {
        return Err(Error::ValueOutOfRange);
    }
    Ok((seconds.unwrap_or(0), nanos))
}

/// The type URL of the only consensus key type shown, and its Amino name.
pub const ED25519_PUBKEY_URL: &str = "/cosmos.crypto.ed25519.PubKey";
pub const ED25519_PUBKEY_AMINO: &str = "tendermint/PubKeyEd25519";

/// The key of an `Any` holding a `/cosmos.crypto.ed25519.PubKey {1: key}`.
fn proto_cons_key(bytes: &[u8]) -> Result<[u8; 32], Error> {
    let mut type_url = None;
    let mut value: Option<&[u8]> = None;
    for item in Fields::new(bytes) {
        let (number, wire) = item?;
        let WireValue::Len(b) = wire else { return Err(Error::WrongWireType) };
        match number {
            1 if type_url.is_none() => type_url = Some(b),
            2 if value.is_none() => value = Some(b),
            1 | 2 => return Err(Error::DuplicateField),
            _ => return Err(Error::UnknownField),
        }
    }
    if type_url != Some(ED25519_PUBKEY_URL.as_bytes()) {
        return Err(Error::UnsupportedPubKey);
    }
    let mut key = None;
    for item in Fields::new(value.unwrap_or(&[])) {
        let (number, wire) = item?;
        match (number, wire) {
            (1, WireValue::Len(b)) if key.is_none() => key = Some(b),
            (1, WireValue::Len(_)) => return Err(Error::DuplicateField),
            (1, _) => return Err(Error::WrongWireType),
            _ => return Err(Error::UnknownField),
        }
    }
    <[u8; 32]>::try_from(key.unwrap_or(&[])).map_err(|_| Error::UnsupportedPubKey)
}

/// Decodes an `Any` holding one of the types of `list` (an authorization, an allowance).
fn proto_any_of<'a>(
    bytes: &'a [u8],
    list: &'static [MsgSchema],
    unknown: Error,
    depth: usize,
    read: Read,
) -> Result<Message<'a>, Error> {
    if depth > MAX_NESTING {
        return Err(Error::NestingTooDeep);
    }
    let mut type_url = None;
    let mut value: Option<&[u8]> = None;
    for item in Fields::new(bytes) {
        let (number, wire) = item?;
        let WireValue::Len(b) = wire else { return Err(Error::WrongWireType) };
        match number {
            1 if type_url.is_none() => type_url = Some(utf8_text(b)?),
            2 if value.is_none() => value = Some(b),
            1 | 2 => return Err(Error::DuplicateField),
            _ => return Err(Error::UnknownField),
        }
    }
    let type_url = type_url.unwrap_or(Text::EMPTY);
    let schema = list.iter().find(|m| type_url.eq_str(m.type_url)).ok_or(unknown)?;
    let body = MsgRef { fields: schema.fields, enc: Enc::Proto(value.unwrap_or(&[])) };
    let m = Message { schema, body };
    if read == Read::Validate {
        validate(&body, depth)?;
        check_message(&m)?;
    }
    Ok(m)
}

/// Decodes and validates a `google.protobuf.Any` holding a known message.
pub fn proto_any(bytes: &[u8], depth: usize) -> Result<Message<'_>, Error> {
    proto_any_read(bytes, depth, Read::Validate)
}

/// [`proto_any`], validating the message only when `read` says so.
pub(crate) fn proto_any_read(bytes: &[u8], depth: usize, read: Read) -> Result<Message<'_>, Error> {
    if depth > MAX_NESTING {
        return Err(Error::NestingTooDeep);
    }
    let mut type_url = None;
    let mut value: Option<&[u8]> = None;
    for item in Fields::new(bytes) {
        let (number, wire) = item?;
        let WireValue::Len(b) = wire else { return Err(Error::WrongWireType) };
        match number {
            1 if type_url.is_none() => type_url = Some(utf8_text(b)?),
            2 if value.is_none() => value = Some(b),
            1 | 2 => return Err(Error::DuplicateField),
            _ => return Err(Error::UnknownField),
        }
    }
    let schema =
        catalog::by_type_url(&type_url.unwrap_or(Text::EMPTY)).ok_or(Error::UnknownMessage)?;
    let body = MsgRef { fields: schema.fields, enc: Enc::Proto(value.unwrap_or(&[])) };
    let m = Message { schema, body };
    if read == Read::Validate {
        validate(&body, depth)?;
        check_message(&m)?;
    }
    Ok(m)
}

/// Rules on what a valid message means, checked on the decoded model (so the same in
/// both sign modes).
///
/// A weighted vote (gov v1 and v1beta1) whose option has weight zero, given or left
/// empty, is refused: the chain rejects it (x/gov `ValidWeightedVoteOption`: the weight
/// must be positive), and "Yes 0%" is no vote to approve. An empty v1beta1 weight, shown
/// as 0% on the wire's side, is `"0"` in Amino JSON, which is not the 18-decimal form:
/// both now give this one reason.
fn check_message(m: &Message<'_>) -> Result<(), Error> {
    // A send authorization must carry a spend limit: the chain refuses one without
    // (bank `SendAuthorization.ValidateBasic`), and its screens would read "any amount".
    if m.schema.type_url == catalog::SEND_AUTHORIZATION
        && m.body.count(m.body.index_of("spend_limit")?)? == 0
    {
        return Err(Error::SendWithoutLimit);
    }
    // A stake authorization names what it allows: the chain refuses an unspecified type
    // (staking `StakeAuthorization.ValidateBasic`).
    if m.schema.type_url == catalog::STAKE_AUTHORIZATION
        && matches!(m.body.get_by_key("authorization_type")?, Val::Absent)
    {
        return Err(Error::ValueOutOfRange);
    }
    // A periodic allowance's period and reset time are non-nullable: x/tx cannot write
    // one left out of the wire, and the chain would read a zero.
    if m.schema.type_url == catalog::PERIODIC_ALLOWANCE
        && (!matches!(m.body.get_by_key("period")?, Val::Duration(_))
            || !matches!(m.body.get_by_key("period_reset")?, Val::Time(_)))
    {
        return Err(Error::InvalidTimestamp);
    }
    if m.schema.view == View::WeightedVote {
        m.body.each(m.body.index_of("options")?, |opt| {
            let Val::Msg(opt) = opt else { return Ok(()) };
            match opt.get_by_key("weight")?.rate()? {
                Some(w) if !w.is_zero() => Ok(()),
                _ => Err(Error::ZeroVoteWeight),
            }
        })?;
    }
    Ok(())
}

// ------------------------------------------------------------------ JSON side

fn json_str<'a>(v: &Json<'a>) -> Result<Text<'a>, Error> {
    match v {
        Json::String(s) => {
            let t = Text::Json(*s);
            Ok(t)
        }
        Json::Number(_) => Err(Error::JsonNumberForString),
        _ => Err(Error::JsonExpectedString),
    }
}

fn json_u32(v: &Json<'_>) -> Result<u64, Error> {
    match v {
        Json::Number(n) => n.as_u32().map(u64::from).ok_or(Error::ValueOutOfRange),
        Json::String(_) => Err(Error::JsonStringForNumber),
        _ => Err(Error::JsonExpectedNumber),
    }
}

/// A `uint64` quoted as a string: digits only, no leading zeros.
fn json_u64(v: &Json<'_>) -> Result<u64, Error> {
    let t = json_str(v)?;
    parse_u64(&t)
}

pub fn parse_u64(t: &Text<'_>) -> Result<u64, Error> {
    let mut value: u64 = 0;
    let mut count = 0usize;
    let mut leading_zero = false;
    for c in t.chars() {
        let d = c.to_digit(10).ok_or(Error::ValueOutOfRange)?;
        if leading_zero {
            return Err(Error::ValueOutOfRange);
        }
        if count == 0 && d == 0 {
            leading_zero = true;
        }
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(u64::from(d)))
            .ok_or(Error::ValueOutOfRange)?;
        count = count.saturating_add(1);
    }
    if count == 0 {
        return Err(Error::ValueOutOfRange);
    }
    Ok(value)
}

fn json_i64(v: &Json<'_>) -> Result<i64, Error> {
    let t = json_str(v)?;
    let mut chars = t.chars();
    let negative = t.starts_with("-");
    if negative {
        chars.next();
    }
    let mut value: i64 = 0;
    let mut count = 0usize;
    let mut leading_zero = false;
    for c in chars {
        let d = c.to_digit(10).ok_or(Error::ValueOutOfRange)?;
        if leading_zero {
            return Err(Error::ValueOutOfRange);
        }
        if count == 0 && d == 0 {
            leading_zero = true;
        }
        let d = i64::from(d);
        value = value
            .checked_mul(10)
            .and_then(|v| if negative { v.checked_sub(d) } else { v.checked_add(d) })
            .ok_or(Error::ValueOutOfRange)?;
        count = count.saturating_add(1);
    }
    if count == 0 || (negative && value == 0) {
        return Err(Error::ValueOutOfRange);
    }
    Ok(value)
}

fn json_object<'a>(v: &Json<'a>) -> Result<json::Object<'a>, Error> {
    match v {
        Json::Object(o) => Ok(*o),
        _ => Err(Error::JsonExpectedObject),
    }
}

pub fn json_coin<'a>(v: &Json<'a>) -> Result<Coin<'a>, Error> {
    let o = json_object(v)?;
    let mut denom = None;
    let mut amount = None;
    for (key, value) in o.iter() {
        if key.eq_str("amount") {
            amount = Some(json_str(&value)?);
        } else if key.eq_str("denom") {
            denom = Some(json_str(&value)?);
        } else {
            return Err(Error::UnknownField);
        }
    }
    check_coin(Coin { denom: denom.unwrap_or(Text::EMPTY), amount: amount.unwrap_or(Text::EMPTY) })
}

/// True when a JSON value is its type's default (what x/tx omits).
fn json_is_default(kind: Kind, v: &Json<'_>) -> bool {
    match (kind, v) {
        // Messages, and inline JSON (which may itself be "", 0, false or null), are
        // left out only when unset, never for their value.
        (
            Kind::Msg(_)
            | Kind::Coin
            | Kind::OptCoin
            | Kind::InlineJson
            | Kind::AnyMsg
            | Kind::AnyOf(_)
            | Kind::OneOf(_)
            | Kind::Timestamp
            | Kind::Duration
            | Kind::ConsPubKey,
            _,
        ) => false,
        // 64-bit integers are quoted: their default is "0".
        (Kind::Id64(_) | Kind::U64 | Kind::I64, Json::String(s)) => s.eq_str("0"),
        (_, Json::String(s)) => s.raw().is_empty(),
        (_, Json::Number(n)) => n.as_u64() == Some(0),
        (_, Json::Bool(b)) => !*b,
        (_, Json::Null) => true,
        _ => false,
    }
}

fn json_val<'a>(kind: Kind, v: &Json<'a>, depth: usize, read: Read) -> Result<Val<'a>, Error> {
    match kind {
        Kind::Str | Kind::StrKeep | Kind::Signer | Kind::Addr => {
            let t = json_str(v)?;
            if t.chars().any(|c| c == '\0') {
                return Err(Error::NullCharacter);
            }
            Ok(Val::Text(t))
        }
        Kind::Rate18Raw => {
            let t = json_str(v)?;
            Decimal::from_int(&t, 18)?;
            Ok(Val::Rate(t, RateForm::Raw18))
        }
        Kind::Rate18 => {
            // x/tx renders an annotated LegacyDec with exactly 18 fractional digits, and
            // an empty one (the proto3 default, left out of the wire) as "0"
            // (aminojson `cosmosDecEncoder`): that reads as absent, as on the wire.
            let t = json_str(v)?;
            if t.eq_str("0") {
                return Ok(Val::Absent);
            }
            Decimal::from_decimal_str(&t)?;
            let frac = t.chars().skip_while(|&c| c != '.').count();
            if frac != 19 {
                return Err(Error::InvalidDecimal);
            }
            Ok(Val::Rate(t, RateForm::Decimal))
        }
        Kind::RateDecimal => {
            let t = json_str(v)?;
            Decimal::from_decimal_str(&t)?;
            Ok(Val::Rate(t, RateForm::Decimal))
        }
        Kind::HexAddress => Ok(Val::Text(hex_address(json_str(v)?)?)),
        Kind::Int { .. } => Ok(Val::Text(int_text(json_str(v)?)?)),
        Kind::Id(_) | Kind::U32 => Ok(Val::Num(json_u32(v)?)),
        Kind::Enum(e) => Ok(Val::Num(enum_of(json_u32(v)?, e.shown)?)),
        Kind::Id64(_) | Kind::U64 => Ok(Val::Num(json_u64(v)?)),
        Kind::I64 => Ok(Val::Int(json_i64(v)?)),
        Kind::Coin | Kind::OptCoin => Ok(Val::Coin(json_coin(v)?)),
        Kind::Msg(sub) => {
            let r = MsgRef { fields: sub.fields, enc: Enc::Json(json_object(v)?) };
            if read == Read::Validate {
                validate(&r, depth.saturating_add(1))?;
            }
            Ok(Val::Msg(r))
        }
        // x/tx (cosmossdk.io/x/tx v0.13, signing/aminojson/encoder.go `cosmosInlineJSON`)
        // inlines the wire JSON re-encoded by `sortedJSONStringify`: Go's json.Unmarshal
        // into interface{}, then json.Marshal, which writes it compact with every
        // object's keys sorted. So it arrives here canonical, already checked as part of
        // the document; it is held to the same depth bound as the wire bytes are in
        // DIRECT (the document's own bound is larger).
        Kind::InlineJson => {
            if read == Read::Validate {
                json::parse(v.raw(), MAX_JSON_DEPTH).map_err(Error::ContractMsg)?;
                check_numbers(v)?;
            }
            Ok(Val::Json(*v))
        }
        Kind::AnyMsg => Ok(Val::Any(json_any_read(v, depth.saturating_add(1), read)?)),
        Kind::AnyOf(l) => {
            Ok(Val::Any(json_any_of(v, l.types, l.unknown, depth.saturating_add(1), read)?))
        }
        // The member's own value (the `{"type","value"}` wrapper is unwrapped by the
        // readers of the group key).
        Kind::OneOf(m) => json_val(Kind::Msg(m.sub), v, depth, read),
        Kind::Timestamp => {
            let t = json_str(v)?;
            let s = t.as_plain().ok_or(Error::InvalidTimestamp)?;
            Ok(Val::Time(crate::time::Timestamp::parse_rfc3339(s)?))
        }
        Kind::Duration => {
            let n = json_u64(v).map_err(|_| Error::InvalidTimestamp)?;
            if n > crate::time::MAX_DURATION_NANOS {
                return Err(Error::InvalidTimestamp);
            }
            Ok(Val::Duration(n))
        }
        Kind::StakeInt => {
            let t = json_str(v)?;
            Decimal::from_int(&t, 0)?;
            Ok(Val::Text(t))
        }
        Kind::ConsPubKey => Ok(Val::ConsKey(json_cons_key(v)?)),
    }
}

/// `{"type":"tendermint/PubKeyEd25519","value":<base64 of 32 bytes>}`.
fn json_cons_key(v: &Json<'_>) -> Result<[u8; 32], Error> {
    let (type_name, value) = json_type_value(v, json_str)?;
    if !type_name.ok_or(Error::JsonMissingField)?.eq_str(ED25519_PUBKEY_AMINO) {
        return Err(Error::UnsupportedPubKey);
    }
    let text = value.ok_or(Error::JsonMissingField)?;
    let text = text.as_plain().ok_or(Error::UnsupportedPubKey)?;
    let mut key = [0u8; 33];
    match crate::base64::decode(text.as_bytes(), &mut key) {
        Some(32) => {}
        _ => return Err(Error::UnsupportedPubKey),
    }
    let mut out = [0u8; 32];
    for (o, k) in out.iter_mut().zip(key) {
        *o = k;
    }
    Ok(out)
}

/// An Amino `{"type":…,"value":{…}}` holding one of the types of `list`.
fn json_any_of<'a>(
    v: &Json<'a>,
    list: &'static [MsgSchema],
    unknown: Error,
    depth: usize,
    read: Read,
) -> Result<Message<'a>, Error> {
    json_envelope(v, depth, read, |type_name| {
        list.iter().find(|m| type_name.eq_str(m.amino_name)).ok_or(unknown)
    })
}

/// The `type` and the `value` of an Amino `{"type":…,"value":…}` object, either missing
/// (`None`); `value` read by `read_value`. Any other key is refused.
fn json_type_value<'a, T>(
    v: &Json<'a>,
    read_value: fn(&Json<'a>) -> Result<T, Error>,
) -> Result<(Option<Text<'a>>, Option<T>), Error> {
    let o = json_object(v)?;
    let mut type_name = None;
    let mut value = None;
    for (key, val) in o.iter() {
        if key.eq_str("type") {
            type_name = Some(json_str(&val)?);
        } else if key.eq_str("value") {
            value = Some(read_value(&val)?);
        } else {
            return Err(Error::UnknownField);
        }
    }
    Ok((type_name, value))
}

/// An Amino message envelope `{"type":…,"value":{…}}` whose type `find` names, validated
/// when `read` says so.
fn json_envelope<'a>(
    v: &Json<'a>,
    depth: usize,
    read: Read,
    find: impl FnOnce(&Text<'a>) -> Result<&'static MsgSchema, Error>,
) -> Result<Message<'a>, Error> {
    if depth > MAX_NESTING {
        return Err(Error::NestingTooDeep);
    }
    let (type_name, value) = json_type_value(v, json_object)?;
    let type_name = type_name.ok_or(Error::JsonMissingField)?;
    let schema = find(&type_name)?;
    let value = value.ok_or(Error::JsonMissingField)?;
    let body = MsgRef { fields: schema.fields, enc: Enc::Json(value) };
    let m = Message { schema, body };
    if read == Read::Validate {
        validate(&body, depth)?;
        check_message(&m)?;
    }
    Ok(m)
}

/// The value of oneof member `field` in an Amino JSON object: `None` when the group's
/// key holds `null` or another member. Refuses a group value of any other shape.
fn json_oneof_member<'a>(obj: &json::Object<'a>, field: &Field) -> Result<Option<Json<'a>>, Error> {
    let Kind::OneOf(&OneOfMember { group, amino_type, .. }) = field.kind else { return Ok(None) };
    let Some(v) = obj.get(group) else { return Ok(None) };
    if let Json::Null = v {
        return Ok(None);
    }
    let (type_name, value) = json_type_value(&v, json_object)?;
    if !type_name.ok_or(Error::JsonMissingField)?.eq_str(amino_type) {
        return Ok(None);
    }
    Ok(value.ok_or(Error::JsonMissingField)?.get(field.key))
}

/// Checks the key of a oneof group in an Amino JSON object: `null`, or the wrapper of
/// exactly one known member holding exactly that member's key.
fn json_check_oneof_group(
    fields: &'static [Field],
    group: &str,
    v: &Json<'_>,
    depth: usize,
) -> Result<(), Error> {
    if let Json::Null = v {
        return Ok(());
    }
    let o = json_object(v)?;
    let type_name = o.get("type").ok_or(Error::JsonMissingField)?;
    let type_name = json_str(&type_name)?;
    let member = fields
        .iter()
        .find(|f| match f.kind {
            Kind::OneOf(m) => m.group == group && type_name.eq_str(m.amino_type),
            _ => false,
        })
        .ok_or(Error::UnknownField)?;
    let mut keys = 0usize;
    for (key, val) in o.iter() {
        keys = keys.saturating_add(1);
        if key.eq_str("value") {
            let inner = json_object(&val)?;
            let mut members = 0usize;
            for (k, mv) in inner.iter() {
                members = members.saturating_add(1);
                if !k.eq_str(member.key) {
                    return Err(Error::UnknownField);
                }
                json_val(member.kind, &mv, depth, Read::Validate)?;
            }
            if members != 1 {
                return Err(Error::JsonMissingField);
            }
        } else if !key.eq_str("type") {
            return Err(Error::UnknownField);
        }
    }
    if keys != 2 {
        return Err(Error::JsonMissingField);
    }
    Ok(())
}

/// Decodes and validates an Amino `{"type":…,"value":{…}}` message envelope.
pub fn json_any<'a>(v: &Json<'a>, depth: usize) -> Result<Message<'a>, Error> {
    json_any_read(v, depth, Read::Validate)
}

/// [`json_any`], validating the message only when `read` says so.
pub(crate) fn json_any_read<'a>(
    v: &Json<'a>,
    depth: usize,
    read: Read,
) -> Result<Message<'a>, Error> {
    json_envelope(v, depth, read, |type_name| {
        catalog::by_amino_name(type_name).ok_or(Error::UnknownMessage)
    })
}

// ------------------------------------------------------------------ validation

/// Checks a message against its schema: every field known, of the right type, not
/// duplicated; every value decodable; nested messages checked in turn.
pub fn validate(r: &MsgRef<'_>, depth: usize) -> Result<(), Error> {
    if depth > MAX_NESTING {
        return Err(Error::NestingTooDeep);
    }
    match r.enc {
        Enc::Proto(bytes) => {
            let mut seen: u32 = 0;
            for item in Fields::new(bytes) {
                let (number, value) = item?;
                let (index, field) =
                    crate::schema::field_by_number(r.fields, number).ok_or(Error::UnknownField)?;
                let bit = 1u32.checked_shl(index as u32).unwrap_or(0);
                match field.card {
                    Card::One => {
                        if seen & bit != 0 {
                            return Err(Error::DuplicateField);
                        }
                        if let Kind::OneOf(member) = field.kind {
                            let other = r.fields.iter().enumerate().any(|(i, f)| {
                                i != index
                                    && matches!(f.kind, Kind::OneOf(m) if m.group == member.group)
                                    && seen & 1u32.checked_shl(i as u32).unwrap_or(0) != 0
                            });
                            if other {
                                return Err(Error::OneOfTwice);
                            }
                        }
                        seen |= bit;
                        proto_val(field.kind, value, depth, Read::Validate)?;
                    }
                    Card::Many => {
                        for v in proto_many(field.kind, value) {
                            proto_val(field.kind, v?, depth, Read::Validate)?;
                        }
                    }
                }
            }
            Ok(())
        }
        Enc::Json(obj) => {
            for (key, value) in obj.iter() {
                let group = r.fields.iter().find_map(|f| match f.kind {
                    Kind::OneOf(m) if key.eq_str(m.group) => Some(m.group),
                    _ => None,
                });
                if let Some(group) = group {
                    json_check_oneof_group(r.fields, group, &value, depth)?;
                    continue;
                }
                let field = r
                    .fields
                    .iter()
                    .filter(|f| !matches!(f.kind, Kind::OneOf(_)))
                    .find(|f| key.eq_str(f.key))
                    .ok_or(Error::UnknownField)?;
                match field.card {
                    Card::One => {
                        if field.presence == Presence::OmitEmpty
                            && json_is_default(field.kind, &value)
                        {
                            return Err(Error::JsonDefaultPresent);
                        }
                        json_val(field.kind, &value, depth, Read::Validate)?;
                    }
                    Card::Many => {
                        // x/tx writes an empty `dont_omitempty` list as `null`, except a
                        // `legacy_coins` one as `[]`; an omitempty one is left out.
                        let items = match (value, field.presence) {
                            (Json::Null, Presence::Always) => continue,
                            (Json::Array(items), _) => items,
                            _ => return Err(Error::JsonExpectedArray),
                        };
                        if items.is_empty() {
                            match field.presence {
                                Presence::OmitEmpty => return Err(Error::JsonDefaultPresent),
                                Presence::Always => return Err(Error::JsonEmptyListNotNull),
                                Presence::AlwaysLegacyCoins => {}
                            }
                        }
                        for item in items.iter() {
                            json_val(field.kind, &item, depth, Read::Validate)?;
                        }
                    }
                }
            }
            for field in r.fields.iter() {
                // x/tx always writes a oneof group's key (`null` when no member is set).
                let key = match field.kind {
                    Kind::OneOf(m) => m.group,
                    _ if field.presence.always() => field.key,
                    _ => continue,
                };
                if obj.get(key).is_none() {
                    return Err(Error::JsonMissingField);
                }
            }
            Ok(())
        }
    }
}

/// The elements of one occurrence of a repeated protobuf field: a packed run of
/// varints, or a single element.
fn proto_many(kind: Kind, value: WireValue<'_>) -> ProtoMany<'_> {
    let packed = matches!(
        kind,
        Kind::Id(_) | Kind::Id64(_) | Kind::U32 | Kind::U64 | Kind::I64 | Kind::Enum(_)
    );
    match value {
        WireValue::Len(b) if packed => ProtoMany::Packed(PackedVarints::new(b)),
        other => ProtoMany::One(Some(other)),
    }
}

enum ProtoMany<'a> {
    Packed(PackedVarints<'a>),
    One(Option<WireValue<'a>>),
}

impl<'a> Iterator for ProtoMany<'a> {
    type Item = Result<WireValue<'a>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            ProtoMany::Packed(p) => p.next().map(|r| r.map(WireValue::Varint)),
            ProtoMany::One(v) => v.take().map(Ok),
        }
    }
}

// ------------------------------------------------------------------ access

impl<'a> MsgRef<'a> {
    fn field(&self, index: usize) -> Result<&'static Field, Error> {
        self.fields.get(index).ok_or(Error::UnknownField)
    }

    /// The position of field `key` in the schema.
    pub fn index_of(&self, key: &str) -> Result<usize, Error> {
        self.fields.iter().position(|f| f.key == key).ok_or(Error::UnknownField)
    }

    /// The text of field `key`: empty when the field is absent or not text.
    pub fn text(&self, key: &str) -> Result<Text<'a>, Error> {
        Ok(match self.get_by_key(key)? {
            Val::Text(t) => t,
            _ => Text::EMPTY,
        })
    }

    /// The value of singular field `index` (by position in the schema).
    ///
    /// A zero number is the proto3 default, which the wire may or may not carry and Amino
    /// writes only for `dont_omitempty` fields: it is returned as [`Val::Absent`] in both
    /// encodings, so the same transaction reads the same either way.
    pub fn get(&self, index: usize) -> Result<Val<'a>, Error> {
        let field = self.field(index)?;
        let v = match self.enc {
            Enc::Proto(bytes) => {
                let mut found = Val::Absent;
                for item in Fields::new(bytes) {
                    let (number, value) = item?;
                    if number == field.number {
                        found = proto_val(field.kind, value, 0, Read::Validated)?;
                    }
                }
                found
            }
            Enc::Json(obj) if matches!(field.kind, Kind::OneOf(_)) => {
                match json_oneof_member(&obj, field)? {
                    Some(v) => json_val(field.kind, &v, 0, Read::Validated)?,
                    None => Val::Absent,
                }
            }
            Enc::Json(obj) => match obj.get(field.key) {
                Some(v) => json_val(field.kind, &v, 0, Read::Validated)?,
                None => Val::Absent,
            },
        };
        Ok(match v {
            Val::Num(0) | Val::Int(0) => Val::Absent,
            v => v,
        })
    }

    /// Calls `f` for every element of repeated field `index`, in order.
    pub fn each(
        &self,
        index: usize,
        mut f: impl FnMut(Val<'a>) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let field = self.field(index)?;
        match self.enc {
            Enc::Proto(bytes) => {
                for item in Fields::new(bytes) {
                    let (number, value) = item?;
                    if number == field.number {
                        for v in proto_many(field.kind, value) {
                            f(proto_val(field.kind, v?, 0, Read::Validated)?)?;
                        }
                    }
                }
                Ok(())
            }
            Enc::Json(obj) => match obj.get(field.key) {
                Some(Json::Array(items)) => {
                    for item in items.iter() {
                        f(json_val(field.kind, &item, 0, Read::Validated)?)?;
                    }
                    Ok(())
                }
                Some(Json::Null) if field.presence == Presence::Always => Ok(()),
                Some(_) => Err(Error::JsonExpectedArray),
                None => Ok(()),
            },
        }
    }

    /// Number of elements of repeated field `index`.
    pub fn count(&self, index: usize) -> Result<usize, Error> {
        let mut n = 0usize;
        self.each(index, |_| {
            n = n.saturating_add(1);
            Ok(())
        })?;
        Ok(n)
    }

    /// The value of the field whose Amino key is `key` (singular fields only).
    pub fn get_by_key(&self, key: &str) -> Result<Val<'a>, Error> {
        self.get(self.index_of(key)?)
    }
}
