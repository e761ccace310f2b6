//! Why a sign document is refused. Every refusal carries a short ASCII reason that the
//! device sends back to the host (status word 0x6984 + the reason as payload), so a
//! wallet can tell the user exactly what was wrong.

use crate::json::JsonError;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Error {
    // --- protobuf wire format
    ProtoTruncated,
    ProtoVarintTooLong,
    ProtoNonMinimalVarint,
    ProtoFieldZero,
    ProtoFieldNumber,
    ProtoWireType,
    // --- JSON (Amino) wire format
    Json(JsonError),
    JsonExpectedObject,
    JsonExpectedArray,
    JsonExpectedString,
    JsonExpectedNumber,
    JsonExpectedBool,
    JsonNumberForString,
    JsonStringForNumber,
    JsonDefaultPresent,
    JsonMissingField,
    JsonEmptyListNotNull,
    // --- structure, shared by both modes
    UnknownField,
    DuplicateField,
    WrongWireType,
    InvalidUtf8,
    NullCharacter,
    ValueOutOfRange,
    NestingTooDeep,
    NoMessages,
    UnknownMessage,
    // --- sign document rules
    ExtensionOptions,
    NotOneSigner,
    MultisigNotSupported,
    TipNotSupported,
    SignModeMismatch,
    /// A SIGN chunk's P2 names another format than its `init` did.
    ChunkModeChanged,
    MissingChainId,
    InvalidChainId,
    InvalidAmount,
    AmountTooLarge,
    InvalidDenom,
    InvalidDecimal,
    InvalidTimestamp,
    InvalidHexAddress,
    InvalidDistribution,
    /// The JSON of a wasm contract message breaks a rule of [`crate::json`]: canonical
    /// form in Amino JSON (x/tx writes it so), plain RFC 8259 JSON with unique keys in
    /// SIGN_MODE_DIRECT.
    ContractMsg(JsonError),
    /// A number in a wasm contract message that Go's float64 round trip would change, or
    /// that another number would round to: not a plain integer of magnitude below 2^53
    /// ([`crate::json::Number::is_safe_integer`]). In Amino JSON x/tx signs the rewritten
    /// number while the contract executes the original bytes, so neither mode shows one.
    /// (An IBC memo holding one is not refused: it is shown in full, not interpreted.)
    ContractMsgNumber,
    /// A weighted vote option of weight zero (empty on the wire, `"0"` in Amino JSON as
    /// x/tx writes an empty LegacyDec, or any zero). The chain rejects it.
    ZeroVoteWeight,
    /// An authz grant of an authorization type the device cannot show.
    UnsupportedAuthorization,
    /// A fee grant of an allowance type the device cannot show (an allowed-message
    /// allowance inside another is one).
    UnsupportedAllowance,
    /// A `SendAuthorization` without a spend limit (the chain refuses it; a screen
    /// without a limit would read as "any amount").
    SendWithoutLimit,
    /// A validator consensus key that is not a 32-byte ed25519 key.
    UnsupportedPubKey,
    /// Both members of a `oneof` on the wire (a protobuf decoder keeps the last).
    OneOfTwice,
    /// One element of the document (a message, the memo, the fee...) is larger than the
    /// device holds at once ([`crate::stream`]).
    ElementTooLarge,
    /// SIGN_MODE_DIRECT puts the chain id after the messages, so they are shown for the
    /// chain the address prefix names ([`crate::stream`]): the chain id is another chain.
    ChainNotAsShown,
    /// A document naming `sign/MsgSignData` that is not exactly the ADR-036 shape.
    OffChainShape,
    /// An ADR-036 message whose data is empty or not canonical base64.
    OffChainData,
    /// An ADR-036 message whose signer is not an address (or, on the device, not the
    /// address of the key that signs).
    OffChainSigner,
    // --- rendering
    ValueTooLong,
    TooManyScreens,
    // --- the signing session (APDU level)
    BufferFull,
}

impl Error {
    /// A short, printable ASCII reason for the host.
    pub fn reason(&self) -> &'static str {
        match self {
            Error::ProtoTruncated => "Protobuf: length past the end of the data",
            Error::ProtoVarintTooLong => "Protobuf: varint too long",
            Error::ProtoNonMinimalVarint => "Protobuf: non-minimal varint",
            Error::ProtoFieldZero => "Protobuf: field number 0",
            Error::ProtoFieldNumber => "Protobuf: field number out of range",
            Error::ProtoWireType => "Protobuf: unsupported wire type",
            Error::Json(e) => e.reason(),
            Error::JsonExpectedObject => "JSON: expected an object",
            Error::JsonExpectedArray => "JSON: expected an array",
            Error::JsonExpectedString => "JSON: expected a string",
            Error::JsonExpectedNumber => "JSON: expected a number",
            Error::JsonExpectedBool => "JSON: expected true or false",
            Error::JsonNumberForString => "JSON: number where a string belongs",
            Error::JsonStringForNumber => "JSON: string where a number belongs",
            Error::JsonDefaultPresent => "JSON: default value not omitted",
            Error::JsonMissingField => "JSON: required field missing",
            Error::JsonEmptyListNotNull => "JSON: empty list must be null",
            Error::UnknownField => "Unknown field",
            Error::DuplicateField => "Duplicated field",
            Error::WrongWireType => "Field has the wrong type",
            Error::InvalidUtf8 => "Invalid UTF-8",
            Error::NullCharacter => "NUL character in text",
            Error::ValueOutOfRange => "Value out of range",
            Error::NestingTooDeep => "Messages nested too deep",
            Error::NoMessages => "Transaction has no message",
            Error::UnknownMessage => "Unknown message type (enable blind signing to sign it)",
            Error::ExtensionOptions => "Extension options are not supported",
            Error::NotOneSigner => "Exactly one signer is supported",
            Error::MultisigNotSupported => "Multisig signers are not supported",
            Error::TipNotSupported => "Tips are not supported",
            Error::SignModeMismatch => "Signer info does not use this sign mode",
            Error::ChunkModeChanged => "Every chunk of a document must name the sign mode its first did (P2)",
            Error::MissingChainId => "Chain id missing",
            Error::InvalidChainId => "Invalid chain id",
            Error::InvalidAmount => "Amount is not a plain non-negative integer",
            Error::AmountTooLarge => "Amount too large",
            Error::InvalidDenom => "Invalid denom",
            Error::InvalidDecimal => "Invalid decimal",
            Error::InvalidTimestamp => "Invalid timestamp",
            Error::InvalidDistribution => {
                "Rewards plan: a distribution of no known type, or for other targets"
            }
            Error::InvalidHexAddress => {
                "Invalid Hyperlane address (0x and 64 lower-case hex digits)"
            }
            Error::ContractMsg(e) => contract_msg_reason(e),
            Error::ContractMsgNumber => {
                "Contract message: number changes in Amino JSON (use a string)"
            }
            Error::ZeroVoteWeight => "Weighted vote: an option has weight 0",
            Error::UnsupportedAuthorization => "Authz grant: authorization type not supported",
            Error::UnsupportedAllowance => "Fee grant: allowance type not supported",
            Error::SendWithoutLimit => "Authz grant: send authorization without spend limit",
            Error::UnsupportedPubKey => "Validator key: not a 32-byte ed25519 key",
            Error::OneOfTwice => "Two members of a oneof are set",
            Error::ElementTooLarge => "A message or field is too large for the device",
            Error::ChainNotAsShown => {
                "Chain id is not the chain of the address prefix the messages were shown for"
            }
            Error::OffChainShape => {
                "Off-chain message: not exactly the ADR-036 document (no chain id, account 0, sequence 0, no fee, no memo, one sign/MsgSignData)"
            }
            Error::OffChainData => "Off-chain message: data empty or not canonical base64",
            Error::OffChainSigner => "Off-chain message: signer is not this key's address",
            Error::ValueTooLong => "Value too long to display",
            Error::TooManyScreens => "Too many screens to display",
            Error::BufferFull => "Transaction too big",
        }
    }
}

/// The reason for a contract message refused by the JSON reader: which message, and
/// which rule (the same words as [`JsonError::reason`]).
fn contract_msg_reason(e: &JsonError) -> &'static str {
    match e {
        JsonError::Truncated { .. } => "Contract message: JSON truncated",
        JsonError::Whitespace { .. } => "Contract message: whitespace not allowed",
        JsonError::UnexpectedChar { .. } => "Contract message: not JSON",
        JsonError::TrailingBytes { .. } => "Contract message: trailing bytes",
        JsonError::NestingTooDeep { .. } => "Contract message: nesting too deep",
        JsonError::KeysNotSorted { .. } => "Contract message: keys not sorted",
        JsonError::DuplicateKey { .. } => "Contract message: duplicate key",
        JsonError::InvalidUtf8 { .. } => "Contract message: invalid UTF-8",
        JsonError::ControlCharacter { .. } => "Contract message: control character",
        JsonError::InvalidEscape { .. } => "Contract message: invalid escape",
        JsonError::LoneSurrogate { .. } => "Contract message: lone surrogate",
        JsonError::Nul { .. } => "Contract message: NUL character",
        JsonError::InvalidNumber { .. } => "Contract message: invalid number",
        JsonError::InvalidLiteral { .. } => "Contract message: invalid literal",
        JsonError::TooManyKeys { .. } => "Contract message: too many keys to sort",
    }
}

impl From<JsonError> for Error {
    fn from(e: JsonError) -> Self {
        Error::Json(e)
    }
}

impl core::fmt::Display for Error {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.reason())
    }
}
