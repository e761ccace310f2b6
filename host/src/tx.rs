//! Transactions: the crate's builder ([`TxBuilder`] → [`Tx`]), a thin layer that gives
//! the `cosmrs` types ([`cosmrs::tx::Body`], [`cosmrs::tx::AuthInfo`],
//! [`cosmrs::tx::SignDoc`]) and the exact sign bytes in both modes, and [`Signed`]: the
//! device's signature with the [`cosmrs::tx::Raw`] it completes.
//!
//! * SIGN_MODE_DIRECT: the sign bytes are the protobuf `SignDoc {body_bytes,
//!   auth_info_bytes, chain_id, account_number}`; `auth_info_bytes` already carries the
//!   signer's public key and `ModeInfo.single.mode = DIRECT (1)`.
//! * LEGACY_AMINO_JSON: the sign bytes are x/tx's `AminoSignDoc` JSON
//!   (`{"account_number":"N","chain_id":…,"fee":{"amount":[…],"gas":"N"[,"granter"][,"payer"]},"memo":…,"msgs":[…],"sequence":"N"[,"timeout_height":"N"]}`),
//!   computed from the body and auth info bytes that go into the `TxRaw` (see
//!   [`amino_sign_bytes`]); the `TxRaw` carries `ModeInfo.single.mode = LEGACY_AMINO_JSON (127)`.
//!
//! The `Raw` of a signature is always made of the `body_bytes` and `auth_info_bytes`
//! that were signed (DIRECT) or that the signed JSON was computed from (Amino JSON):
//! nothing is encoded twice.

use base64::Engine as _;
use cosmos_sdk_proto::cosmos::crypto::secp256k1::PubKey;
use cosmos_sdk_proto::cosmos::tx::v1beta1::{
    mode_info, AuthInfo, ModeInfo, SignDoc, SignerInfo, TxBody, TxRaw,
};
use prost::Message as _;

use crate::amino_json::{Json, ObjectBuilder};
use crate::msgs::amino::{coin_json, coins_field, string_field, u64_field};
use crate::msgs::schema::FieldReader;
use crate::msgs::{Any, Coin, Msg, MsgError};

/// The sign modes the device speaks: the core's (`milkyway_core::SignMode`), one
/// definition for the device, this crate and the CLI.
pub use milkyway_core::SignMode;

/// The fee of a transaction: the protobuf `cosmos.tx.v1beta1.Fee` (`cosmrs::proto`);
/// `cosmrs::tx::Fee` converts from and to it.
pub use cosmos_sdk_proto::cosmos::tx::v1beta1::Fee;

/// Type URL of a secp256k1 public key.
pub const SECP256K1_PUBKEY_TYPE_URL: &str = "/cosmos.crypto.secp256k1.PubKey";
/// Type URL of Initia's Ethereum-style public key (44'/60'): the same message shape
/// (field 1: the 33-byte compressed key), another address and signature hash.
pub use milkyway_core::direct::ETHSECP256K1_PUBKEY as ETHSECP256K1_PUBKEY_TYPE_URL;

pub use crate::crypto::KeyKind;

/// Errors building or decoding a transaction.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TxError {
    #[error(transparent)]
    Msg(#[from] MsgError),
    #[error("invalid transaction: {0}")]
    Invalid(String),
    #[error("cannot decode the transaction: {0}")]
    Decode(String),
    #[error("cosmrs: {0}")]
    Cosmrs(String),
    #[error(transparent)]
    Textual(#[from] crate::textual::TextualError),
}

fn cosmrs_err(e: cosmrs::ErrorReport) -> TxError {
    TxError::Cosmrs(format!("{e:#}"))
}

/// x/tx `AminoSignFee`: `amount` legacy_coins + dont_omitempty, `gas` uint64 +
/// dont_omitempty (quoted), `payer`/`granter` omitted when empty.
fn fee_amino(fee: &Fee) -> Result<Json, MsgError> {
    let mut o = ObjectBuilder::new();
    o.insert(
        "amount",
        Json::Array(fee.amount.iter().map(|c: &Coin| coin_json(&c.denom, &c.amount)).collect()),
    );
    o.insert("gas", Json::quoted(fee.gas_limit));
    if !fee.payer.is_empty() {
        o.insert("payer", Json::str(fee.payer.clone()));
    }
    if !fee.granter.is_empty() {
        o.insert("granter", Json::str(fee.granter.clone()));
    }
    Ok(o.build())
}

/// An unsigned transaction, as the builder makes it: the messages typed, everything the
/// signer commits to. [`Tx::body`], [`Tx::auth_info`] and [`Tx::sign_doc`] give the
/// `cosmrs` types.
#[derive(Clone, Debug, PartialEq)]
pub struct Tx {
    pub msgs: Vec<Msg>,
    pub memo: String,
    pub timeout_height: u64,
    pub fee: Fee,
    pub chain_id: String,
    pub account_number: u64,
    pub sequence: u64,
    /// The kind of the signer's key: its public key's type in the auth info.
    pub key_kind: KeyKind,
}

/// Builds a [`Tx`].
#[derive(Clone, Debug, Default)]
pub struct TxBuilder {
    msgs: Vec<Msg>,
    memo: String,
    timeout_height: u64,
    fee: Fee,
    chain_id: String,
    account_number: u64,
    sequence: u64,
    key_kind: KeyKind,
}

impl TxBuilder {
    pub fn new(chain_id: impl Into<String>) -> Self {
        Self { chain_id: chain_id.into(), ..Self::default() }
    }
    pub fn msg(mut self, m: impl Into<Msg>) -> Self {
        self.msgs.push(m.into());
        self
    }
    pub fn msgs(mut self, ms: impl IntoIterator<Item = Msg>) -> Self {
        self.msgs.extend(ms);
        self
    }
    pub fn memo(mut self, memo: impl Into<String>) -> Self {
        self.memo = memo.into();
        self
    }
    pub fn timeout_height(mut self, h: u64) -> Self {
        self.timeout_height = h;
        self
    }
    pub fn fee(mut self, amount: Vec<Coin>, gas_limit: u64) -> Self {
        self.fee.amount = amount;
        self.fee.gas_limit = gas_limit;
        self
    }
    pub fn gas_limit(mut self, gas_limit: u64) -> Self {
        self.fee.gas_limit = gas_limit;
        self
    }
    pub fn fee_payer(mut self, payer: impl Into<String>) -> Self {
        self.fee.payer = payer.into();
        self
    }
    pub fn fee_granter(mut self, granter: impl Into<String>) -> Self {
        self.fee.granter = granter.into();
        self
    }
    pub fn account_number(mut self, n: u64) -> Self {
        self.account_number = n;
        self
    }
    pub fn sequence(mut self, n: u64) -> Self {
        self.sequence = n;
        self
    }
    /// The signer's key kind (default: the Cosmos key); Initia's Ethereum-style key
    /// (`KeyKind::Eth`) puts `/initia.crypto.v1beta1.ethsecp256k1.PubKey` in the auth info.
    pub fn key_kind(mut self, kind: KeyKind) -> Self {
        self.key_kind = kind;
        self
    }
    /// Checks the transaction is signable: at least one message, a chain id.
    pub fn build(self) -> Result<Tx, TxError> {
        if self.msgs.is_empty() {
            return Err(TxError::Invalid("a transaction needs at least one message".into()));
        }
        if self.chain_id.is_empty() {
            return Err(TxError::Invalid("the chain id is empty".into()));
        }
        Ok(Tx {
            msgs: self.msgs,
            memo: self.memo,
            timeout_height: self.timeout_height,
            fee: self.fee,
            chain_id: self.chain_id,
            account_number: self.account_number,
            sequence: self.sequence,
            key_kind: self.key_kind,
        })
    }
}

/// The `Any` of a compressed secp256k1 public key.
pub fn pubkey_any(public_key: &[u8; 33]) -> Any {
    pubkey_any_of(KeyKind::Cosmos, public_key)
}

/// The `Any` of a compressed public key of `kind`: `/cosmos.crypto.secp256k1.PubKey` or
/// `/initia.crypto.v1beta1.ethsecp256k1.PubKey` (both `{1: key}`).
pub fn pubkey_any_of(kind: KeyKind, public_key: &[u8; 33]) -> Any {
    let type_url = match kind {
        KeyKind::Cosmos => SECP256K1_PUBKEY_TYPE_URL,
        KeyKind::Eth => ETHSECP256K1_PUBKEY_TYPE_URL,
    };
    Any {
        type_url: type_url.to_owned(),
        value: PubKey { key: public_key.to_vec() }.encode_to_vec(),
    }
}

/// The `AuthInfo` of one signer with the Cosmos key `public_key` in `mode`.
pub fn single_signer_auth_info(
    fee: &Fee,
    sequence: u64,
    mode: SignMode,
    public_key: &[u8; 33],
) -> AuthInfo {
    single_signer_auth_info_of(KeyKind::Cosmos, fee, sequence, mode, public_key)
}

/// [`single_signer_auth_info`] for a key of `kind`.
pub fn single_signer_auth_info_of(
    kind: KeyKind,
    fee: &Fee,
    sequence: u64,
    mode: SignMode,
    public_key: &[u8; 33],
) -> AuthInfo {
    AuthInfo {
        signer_infos: vec![SignerInfo {
            public_key: Some(pubkey_any_of(kind, public_key)),
            mode_info: Some(ModeInfo {
                sum: Some(mode_info::Sum::Single(mode_info::Single { mode: mode.proto_value() })),
            }),
            sequence,
        }],
        fee: Some(fee.clone()),
        ..Default::default()
    }
}

impl Tx {
    /// The protobuf `TxBody`.
    pub fn body_proto(&self) -> TxBody {
        TxBody {
            messages: self.msgs.iter().map(Msg::to_any).collect(),
            memo: self.memo.clone(),
            timeout_height: self.timeout_height,
            extension_options: Vec::new(),
            non_critical_extension_options: Vec::new(),
        }
    }

    /// The body as a `cosmrs::tx::Body` (cosmrs takes timeout heights up to 2⁶³ − 1).
    pub fn body(&self) -> Result<cosmrs::tx::Body, TxError> {
        cosmrs::tx::Body::try_from(self.body_proto()).map_err(cosmrs_err)
    }

    /// Serialized `TxBody`.
    pub fn body_bytes(&self) -> Vec<u8> {
        self.body_proto().encode_to_vec()
    }

    /// The protobuf `AuthInfo` for one signer with `public_key` in `mode`.
    pub fn auth_info_proto(&self, mode: SignMode, public_key: &[u8; 33]) -> AuthInfo {
        single_signer_auth_info_of(self.key_kind, &self.fee, self.sequence, mode, public_key)
    }

    /// The `AuthInfo` as a `cosmrs::tx::AuthInfo` (cosmrs wants bech32 fee payer and
    /// granter and numeric coin amounts).
    pub fn auth_info(
        &self,
        mode: SignMode,
        public_key: &[u8; 33],
    ) -> Result<cosmrs::tx::AuthInfo, TxError> {
        cosmrs::tx::AuthInfo::try_from(self.auth_info_proto(mode, public_key)).map_err(cosmrs_err)
    }

    /// Serialized `AuthInfo`.
    pub fn auth_info_bytes(&self, mode: SignMode, public_key: &[u8; 33]) -> Vec<u8> {
        self.auth_info_proto(mode, public_key).encode_to_vec()
    }

    /// The SIGN_MODE_DIRECT `cosmrs::tx::SignDoc`.
    pub fn sign_doc(&self, public_key: &[u8; 33]) -> cosmrs::tx::SignDoc {
        cosmrs::tx::SignDoc {
            body_bytes: self.body_bytes(),
            auth_info_bytes: self.auth_info_bytes(SignMode::Direct, public_key),
            chain_id: self.chain_id.clone(),
            account_number: self.account_number,
        }
    }

    /// x/tx's `AminoSignDoc` as a JSON value (keys sorted when serialized).
    pub fn amino_sign_doc(&self) -> Result<Json, TxError> {
        let mut o = ObjectBuilder::new();
        o.insert("account_number", Json::quoted(self.account_number));
        o.insert("chain_id", Json::str(self.chain_id.clone()));
        o.insert("fee", fee_amino(&self.fee)?);
        o.insert("memo", Json::str(self.memo.clone()));
        o.insert(
            "msgs",
            Json::Array(self.msgs.iter().map(Msg::to_amino_json).collect::<Result<_, _>>()?),
        );
        o.insert("sequence", Json::quoted(self.sequence));
        if self.timeout_height != 0 {
            o.insert("timeout_height", Json::quoted(self.timeout_height));
        }
        Ok(o.build())
    }

    /// The exact bytes the device signs (SHA-256 of these is what the key signs). In
    /// SIGN_MODE_TEXTUAL the signer's address is the key's on this chain (a chain of the
    /// registry) and the coins are shown with the registry's denom metadata
    /// ([`crate::textual::DenomMetadata::builtin`]); [`Tx::textual_sign_bytes`] takes
    /// both.
    pub fn sign_bytes(&self, mode: SignMode, public_key: &[u8; 33]) -> Result<Vec<u8>, TxError> {
        match mode {
            SignMode::Direct => Ok(SignDoc::from(self.sign_doc(public_key)).encode_to_vec()),
            SignMode::AminoJson => Ok(self.amino_sign_doc()?.to_canonical_bytes()),
            SignMode::Textual => self.textual_sign_bytes(
                public_key,
                &self.registry_address(public_key)?,
                &crate::textual::DenomMetadata::builtin(&self.chain_id),
            ),
        }
    }

    /// The address of `public_key` on this transaction's chain, by the registry's prefix.
    pub fn registry_address(&self, public_key: &[u8; 33]) -> Result<String, TxError> {
        let chain = milkyway_core::chains::CHAINS
            .iter()
            .find(|c| c.chain_id == self.chain_id)
            .ok_or_else(|| {
                TxError::Invalid(format!(
                    "chain id {:?} is not in the registry: give the signer's address",
                    self.chain_id
                ))
            })?;
        crate::crypto::address(public_key, chain.hrp).map_err(|e| TxError::Invalid(e.to_string()))
    }

    /// The SIGN_MODE_TEXTUAL document ([`crate::textual`]) of this transaction signed by
    /// `public_key` (whose bech32 address is `address`), coins shown with `metadata`.
    pub fn textual_sign_bytes(
        &self,
        public_key: &[u8; 33],
        address: &str,
        metadata: &crate::textual::DenomMetadata,
    ) -> Result<Vec<u8>, TxError> {
        Ok(crate::textual::sign_bytes(
            &self.body_bytes(),
            &self.auth_info_bytes(SignMode::Textual, public_key),
            &self.textual_signer(public_key, address),
            metadata,
        )?)
    }

    /// The signer data of SIGN_MODE_TEXTUAL for `public_key` at `address`.
    pub fn textual_signer(
        &self,
        public_key: &[u8; 33],
        address: &str,
    ) -> crate::textual::SignerData {
        crate::textual::SignerData {
            chain_id: self.chain_id.clone(),
            account_number: self.account_number,
            sequence: self.sequence,
            address: address.to_owned(),
            public_key: *public_key,
        }
    }

    /// The signed transaction for `signature` (64-byte r‖s) over this transaction's sign
    /// bytes in `mode`: the body and auth info are encoded once, and the same bytes go
    /// into the sign bytes and the `Raw`. (The device client does this itself; this is
    /// for a signature obtained some other way.)
    pub fn assemble(
        &self,
        mode: SignMode,
        public_key: [u8; 33],
        signature: [u8; 64],
    ) -> Result<Signed, TxError> {
        let body_bytes = self.body_bytes();
        let auth_info_bytes = self.auth_info_bytes(mode, &public_key);
        let sign_bytes = match mode {
            SignMode::Direct => SignDoc {
                body_bytes: body_bytes.clone(),
                auth_info_bytes: auth_info_bytes.clone(),
                chain_id: self.chain_id.clone(),
                account_number: self.account_number,
            }
            .encode_to_vec(),
            SignMode::AminoJson => self.amino_sign_doc()?.to_canonical_bytes(),
            SignMode::Textual => crate::textual::sign_bytes(
                &body_bytes,
                &auth_info_bytes,
                &self.textual_signer(&public_key, &self.registry_address(&public_key)?),
                &crate::textual::DenomMetadata::builtin(&self.chain_id),
            )?,
        };
        Ok(Signed::new(body_bytes, auth_info_bytes, mode, public_key, sign_bytes, signature))
    }

    /// The transaction that `body_bytes` and `auth_info_bytes` (as they go into a `TxRaw`)
    /// describe, signed on `chain_id` by `account_number` at `sequence`: what the Amino
    /// JSON sign bytes are computed from. Refuses what Amino JSON cannot carry (extension
    /// options, messages this crate does not know, several signers) and a sequence that
    /// is not the signer's.
    pub fn from_body_and_auth_info(
        body_bytes: &[u8],
        auth_info_bytes: &[u8],
        chain_id: &str,
        account_number: u64,
        sequence: u64,
    ) -> Result<Tx, TxError> {
        let d = |e: prost::DecodeError| TxError::Decode(e.to_string());
        let body = TxBody::decode(body_bytes).map_err(d)?;
        if !body.extension_options.is_empty() || !body.non_critical_extension_options.is_empty() {
            return Err(TxError::Invalid(
                "extension options cannot be signed in Amino JSON".into(),
            ));
        }
        let auth = AuthInfo::decode(auth_info_bytes).map_err(d)?;
        let mut key_kind = KeyKind::Cosmos;
        if let [signer] = auth.signer_infos.as_slice() {
            if signer.public_key.is_some() {
                key_kind = signer_key_of(signer)?.2;
            }
            if signer.sequence != sequence {
                return Err(TxError::Invalid(format!(
                    "the auth info's signer has sequence {}, not {sequence}",
                    signer.sequence
                )));
            }
        } else {
            return Err(TxError::Invalid(format!(
                "expected exactly one signer in the auth info, found {}",
                auth.signer_infos.len()
            )));
        }
        TxBuilder {
            msgs: body.messages.iter().map(Msg::from_any).collect::<Result<_, _>>()?,
            memo: body.memo,
            timeout_height: body.timeout_height,
            fee: auth.fee.unwrap_or_default(),
            chain_id: chain_id.to_owned(),
            account_number,
            sequence,
            key_kind,
        }
        .build()
    }

    /// Reads a transaction from an amino `StdSignDoc`-shaped JSON document (what the CLI's
    /// `sign` command takes). Integers may be numbers or quoted strings.
    pub fn from_amino_sign_doc(v: &Json) -> Result<Tx, TxError> {
        let r = FieldReader::new(v, "sign doc")?;
        r.finish(
            &["account_number", "chain_id", "fee", "memo", "msgs", "sequence", "timeout_height"],
            "sign doc",
        )?;
        let fee = match r.field("fee") {
            None => Fee::default(),
            Some(f) => {
                let fr = FieldReader::new(f, "fee")?;
                fr.finish(&["amount", "gas", "payer", "granter"], "fee")?;
                Fee {
                    amount: coins_field(fr.field("amount"), "amount")?,
                    gas_limit: u64_field(fr.field("gas"), "gas")?,
                    payer: string_field(fr.field("payer"), "payer")?,
                    granter: string_field(fr.field("granter"), "granter")?,
                }
            }
        };
        let msgs = match r.field("msgs") {
            Some(Json::Array(items)) => {
                items.iter().map(Msg::from_amino_json).collect::<Result<Vec<_>, _>>()?
            }
            _ => {
                return Err(TxError::Invalid("\"msgs\" must be an array of amino messages".into()))
            }
        };
        TxBuilder {
            msgs,
            memo: string_field(r.field("memo"), "memo")?,
            timeout_height: u64_field(r.field("timeout_height"), "timeout_height")?,
            fee,
            chain_id: string_field(r.field("chain_id"), "chain_id")?,
            account_number: u64_field(r.field("account_number"), "account_number")?,
            sequence: u64_field(r.field("sequence"), "sequence")?,
            // An amino sign doc names no key: the signer's key kind is set by the caller
            // (the CLI's --key).
            key_kind: KeyKind::Cosmos,
        }
        .build()
    }
}

/// The Amino JSON sign bytes of a transaction given as the `body_bytes` and
/// `auth_info_bytes` of its `TxRaw` (see [`Tx::from_body_and_auth_info`]).
pub fn amino_sign_bytes(
    body_bytes: &[u8],
    auth_info_bytes: &[u8],
    chain_id: &str,
    account_number: u64,
    sequence: u64,
) -> Result<Vec<u8>, TxError> {
    Ok(Tx::from_body_and_auth_info(
        body_bytes,
        auth_info_bytes,
        chain_id,
        account_number,
        sequence,
    )?
    .amino_sign_doc()?
    .to_canonical_bytes())
}

/// A signature from the device and the transaction it completes.
#[derive(Clone, Debug)]
pub struct Signed {
    /// The signed transaction, ready to broadcast: the `body_bytes` and
    /// `auth_info_bytes` that were signed, and the signature.
    pub raw: cosmrs::tx::Raw,
    pub mode: SignMode,
    pub public_key: [u8; 33],
    /// The key's kind: what the signature's hash is (SHA-256, or Keccak-256 for
    /// Initia's Ethereum-style key).
    pub key_kind: KeyKind,
    /// The bytes that were signed.
    pub sign_bytes: Vec<u8>,
    /// 64-byte r‖s, low-S (the form Cosmos expects).
    pub signature: [u8; 64],
}

impl Signed {
    /// Puts the pieces together (no verification here; see [`crate::crypto`]).
    pub fn new(
        body_bytes: Vec<u8>,
        auth_info_bytes: Vec<u8>,
        mode: SignMode,
        public_key: [u8; 33],
        sign_bytes: Vec<u8>,
        signature: [u8; 64],
    ) -> Signed {
        let raw = TxRaw { body_bytes, auth_info_bytes, signatures: vec![signature.to_vec()] };
        Signed {
            raw: raw.into(),
            mode,
            public_key,
            key_kind: KeyKind::Cosmos,
            sign_bytes,
            signature,
        }
    }

    /// The same signature, of a key of `kind`.
    pub fn with_key_kind(mut self, kind: KeyKind) -> Signed {
        self.key_kind = kind;
        self
    }

    /// The `TxRaw` protobuf (`cosmrs::proto`).
    pub fn tx_raw(&self) -> TxRaw {
        self.raw.clone().into()
    }

    /// The serialized `TxRaw` (what `/cosmos.tx.v1beta1.Service/BroadcastTx` takes).
    pub fn to_bytes(&self) -> Vec<u8> {
        self.tx_raw().encode_to_vec()
    }

    /// The `TxRaw` in standard base64.
    pub fn to_base64(&self) -> String {
        base64::engine::general_purpose::STANDARD.encode(self.to_bytes())
    }
}

/// What a `TxRaw` says (the chain id and account number are not in it).
#[derive(Clone, Debug, PartialEq)]
pub struct DecodedTx {
    pub msgs: Vec<Msg>,
    pub memo: String,
    pub timeout_height: u64,
    pub fee: Fee,
    pub sequence: u64,
    pub mode: SignMode,
    pub public_key: [u8; 33],
    pub key_kind: KeyKind,
    pub signatures: Vec<Vec<u8>>,
}

impl DecodedTx {
    /// Decodes `TxRaw` bytes back into typed messages and signer info.
    pub fn decode(tx_raw: &[u8]) -> Result<DecodedTx, TxError> {
        let d = |e: prost::DecodeError| TxError::Decode(e.to_string());
        let raw = TxRaw::decode(tx_raw).map_err(d)?;
        let body = TxBody::decode(raw.body_bytes.as_slice()).map_err(d)?;
        let auth = AuthInfo::decode(raw.auth_info_bytes.as_slice()).map_err(d)?;
        let [signer] = auth.signer_infos.as_slice() else {
            return Err(TxError::Decode("expected exactly one signer".into()));
        };
        let (mode, public_key, key_kind) = signer_key_of(signer)?;
        Ok(DecodedTx {
            key_kind,
            msgs: body.messages.iter().map(Msg::from_any).collect::<Result<_, _>>()?,
            memo: body.memo,
            timeout_height: body.timeout_height,
            fee: auth.fee.unwrap_or_default(),
            sequence: signer.sequence,
            mode,
            public_key,
            signatures: raw.signatures,
        })
    }
}

/// The sign mode and secp256k1 key of a single signer.
pub fn signer_of(signer: &SignerInfo) -> Result<(SignMode, [u8; 33]), TxError> {
    signer_key_of(signer).map(|(mode, key, _)| (mode, key))
}

/// The sign mode, key and key kind of a single signer (a Cosmos secp256k1 key or
/// Initia's Ethereum-style one).
pub fn signer_key_of(signer: &SignerInfo) -> Result<(SignMode, [u8; 33], KeyKind), TxError> {
    let d = |e: prost::DecodeError| TxError::Decode(e.to_string());
    let pk_any =
        signer.public_key.as_ref().ok_or_else(|| TxError::Decode("no public key".into()))?;
    let kind = match pk_any.type_url.as_str() {
        SECP256K1_PUBKEY_TYPE_URL => KeyKind::Cosmos,
        ETHSECP256K1_PUBKEY_TYPE_URL => KeyKind::Eth,
        other => return Err(TxError::Decode(format!("unsupported public key type {other}"))),
    };
    let pk = PubKey::decode(pk_any.value.as_slice()).map_err(d)?;
    let public_key: [u8; 33] = pk
        .key
        .as_slice()
        .try_into()
        .map_err(|_| TxError::Decode("public key is not 33 bytes".into()))?;
    let mode = match signer.mode_info.as_ref().and_then(|m| m.sum.as_ref()) {
        Some(mode_info::Sum::Single(s)) => SignMode::from_proto_value(s.mode)
            .ok_or_else(|| TxError::Decode(format!("unsupported sign mode {}", s.mode)))?,
        _ => return Err(TxError::Decode("expected a single-signer mode".into())),
    };
    Ok((mode, public_key, kind))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::msgs::{coin, cosmos, restaking};

    /// Hex of an ASCII string.
    fn a(s: &str) -> String {
        hex::encode(s)
    }

    const PK: [u8; 33] = {
        let mut k = [0x11u8; 33];
        k[0] = 0x02;
        k
    };

    fn join_tx() -> Tx {
        TxBuilder::new("milkyway")
            .msg(restaking::MsgJoinService {
                sender: "milk1op".into(),
                operator_id: 12,
                service_id: 5,
            })
            .fee(vec![coin("5000", "umilk")], 200_000)
            .account_number(12)
            .sequence(3)
            .build()
            .unwrap()
    }

    // Hand-written protobuf pieces (field numbers from catalog §5).
    fn join_any() -> String {
        // Any {1: type_url (37 bytes), 2: value (13 bytes)}
        format!(
            "0a25{}120d0a07{}100c1805",
            a("/milkyway.restaking.v1.MsgJoinService"),
            a("milk1op")
        )
    }
    fn signer_info(mode: &str) -> String {
        // SignerInfo {1: Any{1: "/cosmos.crypto.secp256k1.PubKey", 2: PubKey{1: key}}, 2: ModeInfo{1: Single{1: mode}}, 3: sequence}
        format!(
            "0a460a1f{}12230a21{}12040a0208{mode}1803",
            a("/cosmos.crypto.secp256k1.PubKey"),
            hex::encode(PK)
        )
    }
    fn fee() -> String {
        // Fee {1: Coin{denom umilk, amount 5000}, 2: gas_limit 200000 = varint c0 9a 0c}
        format!("0a0d0a05{}1204{}10c09a0c", a("umilk"), a("5000"))
    }

    #[test]
    fn direct_sign_doc_bytes() {
        let tx = join_tx();
        let body = format!("0a36{}", join_any());
        assert_eq!(hex::encode(tx.body_bytes()), body);
        let auth = format!("0a50{}1213{}", signer_info("01"), fee());
        assert_eq!(hex::encode(tx.auth_info_bytes(SignMode::Direct, &PK)), auth);
        // SignDoc {1: body_bytes (56), 2: auth_info_bytes (103), 3: chain_id, 4: account_number}
        let sign_doc = format!("0a38{body}1267{auth}1a08{}200c", a("milkyway"));
        assert_eq!(hex::encode(tx.sign_bytes(SignMode::Direct, &PK).unwrap()), sign_doc);

        let sig = [0xabu8; 64];
        let raw = tx.assemble(SignMode::Direct, PK, sig).unwrap();
        let raw_hex = format!("0a38{body}1267{auth}1a40{}", hex::encode(sig));
        assert_eq!(hex::encode(raw.to_bytes()), raw_hex);
    }

    #[test]
    fn amino_mode_auth_info_and_tx_raw() {
        let tx = join_tx();
        // ModeInfo.single.mode = 127 (LEGACY_AMINO_JSON).
        let auth = format!("0a50{}1213{}", signer_info("7f"), fee());
        assert_eq!(hex::encode(tx.auth_info_bytes(SignMode::AminoJson, &PK)), auth);
        let signed = tx.assemble(SignMode::AminoJson, PK, [7u8; 64]).unwrap();
        assert_eq!(
            hex::encode(signed.to_bytes()),
            format!("0a380a36{}1267{auth}1a40{}", join_any(), hex::encode([7u8; 64]))
        );
        assert_eq!(
            String::from_utf8(signed.sign_bytes.clone()).unwrap(),
            r#"{"account_number":"12","chain_id":"milkyway","fee":{"amount":[{"amount":"5000","denom":"umilk"}],"gas":"200000"},"memo":"","msgs":[{"type":"milkyway/MsgJoinService","value":{"operator_id":12,"sender":"milk1op","service_id":5}}],"sequence":"3"}"#
        );
        // Decodes back to the same transaction.
        let d = DecodedTx::decode(&signed.to_bytes()).unwrap();
        assert_eq!(d.msgs, tx.msgs);
        assert_eq!((d.memo.as_str(), d.timeout_height, d.sequence), ("", 0, 3));
        assert_eq!(d.fee, tx.fee);
        assert_eq!((d.mode, d.public_key), (SignMode::AminoJson, PK));
        assert_eq!(d.signatures, vec![vec![7u8; 64]]);
    }

    #[test]
    fn amino_sign_doc_optional_fields_and_escapes() {
        let tx = TxBuilder::new("milkyway")
            .msg(cosmos::MsgSend {
                from_address: "milk1a".into(),
                to_address: "milk1b".into(),
                amount: vec![],
            })
            .memo("hi <3 & \"bye\"\n\u{2028}é\u{8}\u{c}\u{1}")
            .timeout_height(100)
            .fee_payer("milk1p")
            .fee_granter("milk1g")
            .build()
            .unwrap();
        // Empty fee amount → [], gas 0 → "0", account/sequence 0 → "0"; payer, granter and
        // timeout_height present because set.
        assert_eq!(
            String::from_utf8(tx.sign_bytes(SignMode::AminoJson, &PK).unwrap()).unwrap(),
            "{\"account_number\":\"0\",\"chain_id\":\"milkyway\",\"fee\":{\"amount\":[],\"gas\":\"0\",\"granter\":\"milk1g\",\"payer\":\"milk1p\"},\"memo\":\"hi \\u003c3 \\u0026 \\\"bye\\\"\\n\\u2028é\\b\\f\\u0001\",\"msgs\":[{\"type\":\"cosmos-sdk/MsgSend\",\"value\":{\"amount\":[],\"from_address\":\"milk1a\",\"to_address\":\"milk1b\"}}],\"sequence\":\"0\",\"timeout_height\":\"100\"}"
        );
        // Memo (2) and timeout_height (3) in the body: 3 = varint 0x64.
        let body = hex::encode(tx.body_bytes());
        assert!(body.ends_with("1864"), "{body}");
        // Fee payer (3) and granter (4) in AuthInfo.fee.
        let auth = hex::encode(tx.auth_info_bytes(SignMode::Direct, &PK));
        // Fee {3: payer, 4: granter} (no coins, gas 0) = 16 bytes under AuthInfo field 2.
        assert!(auth.ends_with(&format!("12101a06{}2206{}", a("milk1p"), a("milk1g"))), "{auth}");
    }

    #[test]
    fn sign_doc_round_trips_through_the_json_form() {
        let tx = TxBuilder::new("milkyway")
            .msg(restaking::MsgDelegatePool {
                delegator: "milk1u".into(),
                amount: Some(coin("5", "umilk")),
            })
            .msg(cosmos::MsgSend {
                from_address: "milk1u".into(),
                to_address: "milk1b".into(),
                amount: vec![coin("1", "umilk")],
            })
            .memo("m")
            .timeout_height(9)
            .fee(vec![coin("5000", "umilk")], 250_000)
            .fee_granter("milk1g")
            .account_number(77)
            .sequence(8)
            .build()
            .unwrap();
        let doc = tx.amino_sign_doc().unwrap();
        assert_eq!(Tx::from_amino_sign_doc(&doc).unwrap(), tx);
        // Integers may also be plain numbers in an input file.
        let file = crate::amino_json::parse(
            r#"{"chain_id":"milkyway","account_number":77,"sequence":8,"fee":{"amount":[],"gas":200000},"memo":"","msgs":[{"type":"milkyway/MsgJoinService","value":{"sender":"milk1op","operator_id":12,"service_id":5}}]}"#,
        )
        .unwrap();
        let t = Tx::from_amino_sign_doc(&file).unwrap();
        assert_eq!((t.account_number, t.sequence, t.fee.gas_limit), (77, 8, 200_000));
        let no_msgs = crate::amino_json::parse(r#"{"chain_id":"milkyway","msgs":[]}"#).unwrap();
        assert!(Tx::from_amino_sign_doc(&no_msgs).is_err());
        let extra =
            crate::amino_json::parse(r#"{"chain_id":"milkyway","msgs":[],"extension_options":[]}"#)
                .unwrap();
        assert!(Tx::from_amino_sign_doc(&extra).is_err());
    }

    #[test]
    fn builder_checks() {
        assert!(TxBuilder::new("milkyway").build().is_err());
        assert!(TxBuilder::new("")
            .msg(cosmos::MsgWithdrawValidatorCommission::default())
            .build()
            .is_err());
    }
}
