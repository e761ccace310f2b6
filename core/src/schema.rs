//! The declarative description of every message the device understands.
//!
//! One [`MsgSchema`] per message type drives all its consumers: the protobuf decoder
//! (field numbers and wire kinds), the Amino JSON decoder (amino name, JSON keys, which
//! defaults are omitted, numbers vs quoted strings) and the renderer (title, labels,
//! how each value is shown) on the device, and the host crate's Amino JSON encoder and
//! decoder (`milkyway_ledger::msgs::amino`), which walk it as x/tx walks the proto
//! descriptors. The catalog itself is in [`crate::catalog`].
//!
//! One rule holds for every message of the catalog without a flag: a single (not
//! repeated) message field (`Coin`, `Msg`) is non-nullable (`gogoproto.nullable =
//! false`), so always on the wire and always in Amino JSON.

/// What a `uint32` id points at; shown as "Pool #3", "Operator #12", "Service #5".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdKind {
    Pool,
    Operator,
    Service,
    Proposal,
    Batch,
    RewardsPlan,
}

impl IdKind {
    pub fn noun(self) -> &'static str {
        match self {
            IdKind::Pool => "Pool",
            IdKind::Operator => "Operator",
            IdKind::Service => "Service",
            IdKind::Proposal => "Proposal",
            IdKind::Batch => "Batch",
            IdKind::RewardsPlan => "Rewards plan",
        }
    }
}

/// How a field is encoded and shown.
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    /// A UTF-8 string shown as text.
    Str,
    /// A string where the literal `[do-not-modify]` means "keep the current value".
    StrKeep,
    /// The bech32 address of the account that signs (delegator, sender, voter...):
    /// hidden when it is the device's own address, shown otherwise.
    Signer,
    /// Any other bech32 address (recipient, validator, contract, new admin...): always shown.
    Addr,
    /// A `uint32` id (JSON number).
    Id(IdKind),
    /// A `uint64` id (JSON quoted string).
    Id64(IdKind),
    /// A plain `uint32` (JSON number).
    U32,
    /// A `uint64` (JSON quoted string).
    U64,
    /// An `int64` (JSON quoted string).
    I64,
    /// An enum (JSON number); the names are indexed by value and index 0 is refused.
    Enum(&'static EnumDef),
    /// A `cosmos.base.v1beta1.Coin`.
    Coin,
    /// A nullable `Coin` (`StakeAuthorization.max_tokens`): left out of both encodings
    /// when unset, the one exception to the non-nullable rule above.
    OptCoin,
    /// A rate carried as a LegacyDec integer x10^18 on the wire **and** in Amino JSON
    /// (no `cosmos.Dec` scalar annotation); shown as a percentage.
    Rate18Raw,
    /// A LegacyDec with the `cosmos.Dec` scalar: integer x10^18 on the wire, decimal with
    /// 18 fractional digits in Amino JSON; shown as a percentage.
    Rate18,
    /// A decimal string carried as is in both modes (gov v1 weights); shown as a percentage.
    RateDecimal,
    /// A nested message.
    Msg(&'static Nested),
    /// Raw JSON bytes on the wire, inlined JSON in Amino (wasm `msg`).
    InlineJson,
    /// A `google.protobuf.Any` holding a message (authz `MsgExec.msgs`).
    AnyMsg,
    /// A `google.protobuf.Any` holding one of a closed list of types (authz
    /// authorizations, fee allowances); any other type is refused with the error given.
    /// Amino JSON: `{"type":<amino name>,"value":{…}}`.
    AnyOf(&'static AnyList),
    /// One member of a proto `oneof` with an `(amino.oneof_name)`: on the wire, the field
    /// itself (at most one member of the group present); in Amino JSON, x/tx writes the
    /// group's name as the key, `{"type":<amino_type>,"value":{<key>:<the message>}}` as
    /// its value, or `null` when no member is set.
    OneOf(&'static OneOfMember),
    /// A `google.protobuf.Timestamp` (`stdtime`): an RFC 3339 UTC string in Amino JSON.
    Timestamp,
    /// A `google.protobuf.Duration` (`stdduration`): its nanoseconds, quoted, in Amino JSON.
    Duration,
    /// A `cosmos.Int` amount of the chain's staking token in base units (a validator's
    /// minimum self delegation); x/tx writes an empty one as `"0"`.
    StakeInt,
    /// A validator's consensus public key: an `Any` holding a
    /// `/cosmos.crypto.ed25519.PubKey` (32 bytes); Amino JSON
    /// `{"type":"tendermint/PubKeyEd25519","value":<base64>}`. Shown as its fingerprint.
    ConsPubKey,
    /// Hyperlane's `util.HexAddress`: a string of exactly `0x` and 64 lower-case hex
    /// digits (32 bytes) on the wire and in Amino JSON (hyperlane-cosmos
    /// `util/hex_address.go` writes `0x` + lower-case hex; upper case, which the chain
    /// would also read, is refused so that one address has one form).
    HexAddress,
    /// A `cosmossdk.io/math.Int` carried as a decimal string (`"0"` included): digits
    /// only, no sign, no leading zero. `cosmos_scalar`: the proto field carries
    /// `(cosmos_proto.scalar) = "cosmos.Int"`, so SIGN_MODE_TEXTUAL shows it with x/tx's
    /// integer renderer (`1'000'000`) rather than as the string it is; the device's
    /// review shows both alike.
    Int { cosmos_scalar: bool },
}

/// The types a [`Kind::AnyOf`] may hold, and the refusal of any other. (Behind a
/// reference, as [`OneOfMember`], so that every field of the catalog stays small.)
#[derive(Debug)]
pub struct AnyList {
    pub types: &'static [MsgSchema],
    pub unknown: crate::error::Error,
}

/// One member of a proto `oneof` ([`Kind::OneOf`]): the group's name (the Amino JSON
/// key), the member's `amino.oneof_name` and its message.
#[derive(Debug)]
pub struct OneOfMember {
    pub group: &'static str,
    pub amino_type: &'static str,
    pub sub: &'static Nested,
}

/// A protobuf enum: what the review shows for each value, and the proto value names
/// (what SIGN_MODE_TEXTUAL shows), both indexed by value.
#[derive(Debug)]
pub struct EnumDef {
    pub shown: &'static [&'static str],
    pub proto: &'static [&'static str],
}

/// A nested message type: its proto message name (SIGN_MODE_TEXTUAL shows
/// "<name> object" and "<n> <name>") and its fields.
#[derive(Debug)]
pub struct Nested {
    pub name: &'static str,
    pub fields: &'static [Field],
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Card {
    One,
    Many,
}

/// Whether Amino JSON omits the field when it holds its default value, and how x/tx
/// writes an empty repeated field it does not omit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    /// Omitted when default (proto3 default behaviour of x/tx aminojson).
    OmitEmpty,
    /// `(amino.dont_omitempty) = true`: always present. An empty repeated field is
    /// written `null`: x/tx `marshal` writes `null` for a list that is not valid, and an
    /// unpopulated repeated field of a decoded message is not (x/tx json_marshal.go).
    Always,
    /// `dont_omitempty` and `(amino.encoding) = "legacy_coins"`: always present, an empty
    /// list is written `[]` (x/tx `nullSliceAsEmptyEncoder`).
    AlwaysLegacyCoins,
}

impl Presence {
    /// True when Amino JSON always carries the field.
    pub fn always(self) -> bool {
        !matches!(self, Presence::OmitEmpty)
    }
}

#[derive(Clone, Copy, Debug)]
pub struct Field {
    pub number: u32,
    /// Amino JSON key, which is the proto field name for every field of the catalog but
    /// those `amino.field_name` renames (`catalog::AMINO_RENAMED_FIELDS`: MsgUnjail's);
    /// SIGN_MODE_TEXTUAL titles are made from the proto name.
    pub key: &'static str,
    /// Screen label.
    pub label: &'static str,
    pub kind: Kind,
    pub card: Card,
    pub presence: Presence,
}

/// How a message is turned into screens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// Title, then each non-default field with its label.
    Generic,
    /// bank `MsgSend`: its fields in a transfer's order (from, amount, to).
    Send,
    /// `MsgSetUserPreferences`: the trusted services and their pools.
    UserPreferences,
    /// MilkyWay `MsgWithdrawDelegatorReward`: the target as "Pool #3" etc.
    RestakingRewards,
    /// gov `MsgVoteWeighted` (v1 and v1beta1).
    WeightedVote,
    /// wasm `MsgExecuteContract`: liquid staking contracts get typed screens.
    ExecuteContract,
    /// IBC `MsgTransfer`: liquid-stake and insurance-fund memos recognised.
    IbcTransfer,
    /// authz `MsgExec`: the inner messages rendered in turn.
    AuthzExec,
    /// authz `MsgGrant`: who may do what on the signer's behalf, until when.
    AuthzGrant,
    /// authz `MsgRevoke`: the message type named by its catalog title.
    AuthzRevoke,
    /// feegrant `MsgGrantAllowance`: the allowance's kind, limits, period, expiration.
    FeeGrant,
    /// staking `MsgCreateValidator`: every field, rates in %, the key's fingerprint.
    CreateValidator,
    /// staking `MsgEditValidator`: every field, "unchanged" where it keeps the old value.
    EditValidator,
    /// MilkyWay `MsgCreateRewardsPlan` / `MsgEditRewardsPlan`: the amount per day, the
    /// dates, and the pools/operators/users distributions in words.
    RewardsPlan,
    /// Hyperlane warp `MsgRemoteTransfer`: the token as its asset, the domain by name,
    /// an EVM recipient as its 20-byte address.
    HyperlaneTransfer,
}

#[derive(Clone, Copy, Debug)]
pub struct MsgSchema {
    pub type_url: &'static str,
    pub amino_name: &'static str,
    pub title: &'static str,
    pub fields: &'static [Field],
    pub view: View,
}

impl MsgSchema {
    pub fn field_index(&self, number: u32) -> Option<usize> {
        self.fields.iter().position(|f| f.number == number)
    }
}

/// Finds the field of `fields` with protobuf field `number`.
pub fn field_by_number(fields: &[Field], number: u32) -> Option<(usize, &Field)> {
    fields.iter().enumerate().find(|(_, f)| f.number == number)
}

/// Shorthand constructors used by the catalog.
pub const fn one(number: u32, key: &'static str, label: &'static str, kind: Kind) -> Field {
    Field { number, key, label, kind, card: Card::One, presence: Presence::OmitEmpty }
}

pub const fn one_always(number: u32, key: &'static str, label: &'static str, kind: Kind) -> Field {
    Field { number, key, label, kind, card: Card::One, presence: Presence::Always }
}

pub const fn many(number: u32, key: &'static str, label: &'static str, kind: Kind) -> Field {
    Field { number, key, label, kind, card: Card::Many, presence: Presence::OmitEmpty }
}

/// A repeated `dont_omitempty` field: `null` in Amino JSON when empty.
pub const fn many_always(number: u32, key: &'static str, label: &'static str, kind: Kind) -> Field {
    Field { number, key, label, kind, card: Card::Many, presence: Presence::Always }
}

/// A repeated `dont_omitempty` field encoded as `legacy_coins`: `[]` in Amino JSON when empty.
pub const fn many_legacy_coins(
    number: u32,
    key: &'static str,
    label: &'static str,
    kind: Kind,
) -> Field {
    Field { number, key, label, kind, card: Card::Many, presence: Presence::AlwaysLegacyCoins }
}
