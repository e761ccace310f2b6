//! The device client: the MilkyWay app's APDU protocol (the Cosmos Ledger app's, plus
//! SIGN_MODE_DIRECT), over any `ledger_transport::Exchange`.
//!
//! | INS | command | P1 | P2 | data | reply |
//! |---|---|---|---|---|---|
//! | 0x00 | GET_VERSION | – | – | – | test mode, major, minor, patch, locked, target id (u32 BE) |
//! | 0x04 | GET_ADDR_SECP256K1 | 0 silent / 1 show | – | HRP len, HRP, path (5 × u32 LE) | 33-byte compressed key, bech32 address |
//! | 0x02 | SIGN_SECP256K1 | 0 init / 1 add / 2 last | 0 amino JSON / 2 DIRECT, on every chunk | init: path [+ HRP len + HRP]; then the sign bytes in chunks | DER ECDSA signature |
//!
//! CLA is 0x55. Every status word is mapped to a [`DeviceError`] a person can act on.
//! [`Device::sign_tx`] never returns an unverified signature: the DER signature is
//! converted to 64-byte low-S r‖s and checked with k256 against the device's public key
//! and SHA-256 of the sign bytes, and the device's address is checked against the one
//! computed from its public key.

use std::fmt;

use ledger_transport::{APDUCommand, Exchange};

use cosmos_sdk_proto::cosmos::tx::v1beta1::{AuthInfo as ProtoAuthInfo, SignDoc as ProtoSignDoc};
use prost::Message as _;

use crate::crypto::{self, CryptoError};
use crate::tx::{self, SignMode, Signed, Tx, TxError};

/// The APDU constants are the device's own (`milkyway_core::apdu`).
pub use milkyway_core::apdu::{
    CLA, INS_GET_ADDRESS as INS_GET_ADDR, INS_GET_VERSION, INS_SIGN, P1_ADD, P1_INIT, P1_LAST,
};
/// Chunk size the Cosmos tooling uses.
pub const DEFAULT_CHUNK_SIZE: usize = 250;
/// Largest data field of a short APDU.
pub const MAX_CHUNK_SIZE: usize = 255;

/// SIGN P2 for a sign mode ([`SignMode::p2`]).
pub fn sign_p2(mode: SignMode) -> u8 {
    mode.p2()
}

const HARDENED: u32 = milkyway_core::apdu::HARDENED;

pub use crate::crypto::KeyKind;

/// A BIP-44 path `m/44'/118'/account'/0/index` (the Cosmos key, coin type 118) or
/// `m/44'/60'/account'/0/index` (Initia's Ethereum-style key, for `init` addresses).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct HdPath {
    pub account: u32,
    pub index: u32,
    /// Which key: the coin type of the path.
    pub kind: KeyKind,
}

impl HdPath {
    /// The Cosmos key `m/44'/118'/account'/0/index`.
    pub fn new(account: u32, index: u32) -> Self {
        Self { account, index, kind: KeyKind::Cosmos }
    }

    /// Initia's Ethereum-style key `m/44'/60'/account'/0/index` (`init` addresses only).
    pub fn eth(account: u32, index: u32) -> Self {
        Self { account, index, kind: KeyKind::Eth }
    }

    /// The five components, hardened where BIP-44 says so.
    pub fn components(&self) -> [u32; 5] {
        [44 | HARDENED, self.kind.coin_type(), self.account | HARDENED, 0, self.index]
    }

    /// The wire form: 5 × u32 little-endian.
    pub fn to_bytes(&self) -> [u8; 20] {
        let mut out = [0u8; 20];
        for (chunk, c) in out.chunks_exact_mut(4).zip(self.components()) {
            chunk.copy_from_slice(&c.to_le_bytes());
        }
        out
    }
}

impl fmt::Display for HdPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let coin = self.kind.coin_type() & !HARDENED;
        write!(f, "m/44'/{coin}'/{}'/0/{}", self.account, self.index)
    }
}

/// The app's version reply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Version {
    pub test_mode: bool,
    pub major: u8,
    pub minor: u8,
    pub patch: u8,
    pub locked: bool,
    pub target_id: u32,
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)?;
        if self.test_mode {
            f.write_str(" (test build)")?;
        }
        Ok(())
    }
}

/// A public key and its address, as the device returned them and the host re-derived.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddressInfo {
    pub public_key: [u8; 33],
    pub address: String,
    /// The key's kind (the path's): how its address and signature hash are made.
    pub kind: KeyKind,
}

impl AddressInfo {
    /// The key as a `cosmrs` public key (for `cosmrs::tx::SignerInfo`). The Cosmos key
    /// only: cosmrs has no type for Initia's Ethereum-style key (use
    /// [`AddressInfo::public_key_any`]).
    pub fn cosmrs_public_key(&self) -> Result<cosmrs::crypto::PublicKey, CryptoError> {
        if self.kind != KeyKind::Cosmos {
            return Err(CryptoError::NotCosmosKey);
        }
        k256::ecdsa::VerifyingKey::from_sec1_bytes(&self.public_key)
            .map(cosmrs::crypto::PublicKey::from)
            .map_err(|_| CryptoError::BadPublicKey)
    }

    /// The key as the `Any` of a `SignerInfo.public_key`, of its kind's type.
    pub fn public_key_any(&self) -> crate::msgs::Any {
        tx::pubkey_any_of(self.kind, &self.public_key)
    }

    /// The address as a `cosmrs::AccountId`.
    pub fn account_id(&self) -> Result<cosmrs::AccountId, CryptoError> {
        self.address.parse().map_err(|_| CryptoError::BadPrefix(self.address.clone()))
    }
}

/// Everything that can go wrong talking to the device, each with the action to take.
#[derive(Debug, thiserror::Error)]
pub enum DeviceError {
    #[error(
        "the MilkyWay app is not open: open the MilkyWay app on your Ledger (status 0x{sw:04X})"
    )]
    AppNotOpen { sw: u16 },
    #[error("the device is locked: unlock your Ledger with your PIN and open the MilkyWay app (status 0x5515)")]
    Locked,
    #[error("rejected on device")]
    Rejected,
    #[error("transaction refused: {0}")]
    Refused(String),
    #[error("the transaction is too big for the device (status 0x6988): split it into smaller transactions")]
    TooBig,
    #[error("this account/index needs expert mode: enable Expert mode in the app's settings or use an index up to 100 (status 0x6989)")]
    PathNeedsExpertMode,
    #[error(
        "the device refused the derivation path (status 0x698B): use m/44'/118'/account'/0/index"
    )]
    BadPath,
    #[error(
        "the device refused the address prefix (status 0x698A): use a prefix of 1 to 83 characters"
    )]
    BadPrefix,
    #[error("this chain or address prefix is not allowed outside expert mode: enable Expert mode in the app's settings (status 0x698C)")]
    ChainNotAllowed,
    #[error("the MilkyWay app on the device does not support this command (status 0x{sw:04X}): update the app")]
    Unsupported { sw: u16 },
    #[error("the device could not sign (status 0x6F01): try again, and reinstall the app if it persists")]
    SignFailed,
    #[error("APDU protocol error (status 0x{sw:04X}): the app version may not match this tool; update both")]
    Protocol { sw: u16 },
    #[error("the device answered with unknown status 0x{sw:04X}")]
    Unknown { sw: u16 },
    #[error("cannot talk to the device: {0}")]
    Transport(String),
    #[error("the device sent a malformed reply: {0}")]
    BadReply(String),
    #[error("the device's address {device} does not match the address {host} derived from its public key")]
    AddressMismatch { device: String, host: String },
    #[error(transparent)]
    Crypto(#[from] CryptoError),
    #[error(transparent)]
    Tx(#[from] TxError),
    #[error("invalid request: {0}")]
    InvalidRequest(String),
}

impl DeviceError {
    /// Maps a status word (and the reply data, for 0x6984's reason) to an error;
    /// `None` for 0x9000.
    pub fn from_status(sw: u16, data: &[u8]) -> Option<DeviceError> {
        Some(match sw {
            0x9000 => return None,
            // CLA/INS not supported by whatever is open (another app), and the
            // dashboard's "no app open" answers.
            0x6E00 | 0x6D00 | 0x6E01 | 0x6511 | 0x6D02 | 0x6D01 => DeviceError::AppNotOpen { sw },
            0x5515 | 0x6982 => DeviceError::Locked,
            0x6986 => DeviceError::Rejected,
            0x6984 | 0x6A80 => {
                let reason: String = String::from_utf8_lossy(data)
                    .chars()
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .collect();
                let reason = reason.trim();
                DeviceError::Refused(if reason.is_empty() {
                    "no reason given".to_owned()
                } else {
                    reason.to_owned()
                })
            }
            0x6988 => DeviceError::TooBig,
            0x6989 => DeviceError::PathNeedsExpertMode,
            0x698A => DeviceError::BadPrefix,
            0x698B => DeviceError::BadPath,
            0x698C => DeviceError::ChainNotAllowed,
            0x6F01 => DeviceError::SignFailed,
            0x6B00 | 0x6700 => DeviceError::Protocol { sw },
            _ => DeviceError::Unknown { sw },
        })
    }

    /// The CLI exit code for this error (see the CLI's `--help`).
    pub fn exit_code(&self) -> i32 {
        match self {
            DeviceError::Rejected => crate::EXIT_REJECTED,
            DeviceError::Refused(_)
            | DeviceError::TooBig
            | DeviceError::PathNeedsExpertMode
            | DeviceError::BadPath
            | DeviceError::BadPrefix
            | DeviceError::ChainNotAllowed => crate::EXIT_REFUSED,
            DeviceError::AddressMismatch { .. } | DeviceError::Crypto(_) => {
                crate::EXIT_VERIFICATION
            }
            DeviceError::Tx(_) | DeviceError::InvalidRequest(_) => crate::EXIT_USAGE,
            _ => crate::EXIT_DEVICE,
        }
    }
}

/// Moments a person must act on the device; the client calls the notifier right before
/// the APDU that waits for them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UserAction {
    /// The device shows an address and waits for approval.
    ConfirmAddress,
    /// The device shows the transaction and waits for approval.
    ConfirmTransaction,
}

type Notifier = Box<dyn Fn(UserAction) + Send + Sync>;

/// The MilkyWay app on a device reached through `E`.
pub struct Device<E> {
    transport: E,
    chunk_size: usize,
    notify: Option<Notifier>,
}

impl<E> Device<E>
where
    E: Exchange + Send + Sync,
    E::Error: fmt::Display,
{
    /// A client with the default 250-byte chunks.
    pub fn new(transport: E) -> Self {
        Self { transport, chunk_size: DEFAULT_CHUNK_SIZE, notify: None }
    }

    /// Sets the SIGN chunk size (1 to 255 bytes).
    pub fn with_chunk_size(mut self, chunk_size: usize) -> Result<Self, DeviceError> {
        if !(1..=MAX_CHUNK_SIZE).contains(&chunk_size) {
            return Err(DeviceError::InvalidRequest(format!(
                "chunk size {chunk_size} is not between 1 and 255"
            )));
        }
        self.chunk_size = chunk_size;
        Ok(self)
    }

    /// Calls `f` right before each command that waits for the person at the device.
    pub fn on_user_action(mut self, f: impl Fn(UserAction) + Send + Sync + 'static) -> Self {
        self.notify = Some(Box::new(f));
        self
    }

    /// The transport.
    pub fn transport(&self) -> &E {
        &self.transport
    }

    /// Consumes the client and returns the transport.
    pub fn into_transport(self) -> E {
        self.transport
    }

    fn notify(&self, a: UserAction) {
        if let Some(f) = &self.notify {
            f(a)
        }
    }

    /// Sends one APDU and returns the reply data, mapping the status word.
    pub async fn exchange(
        &self,
        ins: u8,
        p1: u8,
        p2: u8,
        data: Vec<u8>,
    ) -> Result<Vec<u8>, DeviceError> {
        if data.len() > MAX_CHUNK_SIZE {
            return Err(DeviceError::InvalidRequest(format!(
                "APDU data of {} bytes exceeds 255",
                data.len()
            )));
        }
        let cmd = APDUCommand { cla: CLA, ins, p1, p2, data };
        let answer = self
            .transport
            .exchange(&cmd)
            .await
            .map_err(|e| DeviceError::Transport(e.to_string()))?;
        let sw = answer.retcode();
        let data = answer.data().to_vec();
        match DeviceError::from_status(sw, &data) {
            None => Ok(data),
            Some(e) => Err(e),
        }
    }

    /// GET_VERSION.
    pub async fn get_version(&self) -> Result<Version, DeviceError> {
        let d = self.exchange(INS_GET_VERSION, 0, 0, Vec::new()).await?;
        if d.len() < 9 {
            return Err(DeviceError::BadReply(format!(
                "version reply of {} bytes, expected 9",
                d.len()
            )));
        }
        Ok(Version {
            test_mode: d[0] != 0,
            major: d[1],
            minor: d[2],
            patch: d[3],
            locked: d[4] != 0,
            target_id: u32::from_be_bytes([d[5], d[6], d[7], d[8]]),
        })
    }

    /// GET_ADDR: the public key and address for `path` under `hrp`, shown on the device
    /// for approval when `show`. The address is checked against the public key.
    pub async fn get_address(
        &self,
        path: &HdPath,
        hrp: &str,
        show: bool,
    ) -> Result<AddressInfo, DeviceError> {
        let hrp_len =
            u8::try_from(hrp.len()).ok().filter(|n| (1..=83).contains(n)).ok_or_else(|| {
                DeviceError::InvalidRequest(format!(
                    "address prefix {hrp:?} must be 1 to 83 characters"
                ))
            })?;
        let mut data = Vec::with_capacity(1 + hrp.len() + 20);
        data.push(hrp_len);
        data.extend_from_slice(hrp.as_bytes());
        data.extend_from_slice(&path.to_bytes());
        if show {
            self.notify(UserAction::ConfirmAddress);
        }
        let reply = self.exchange(INS_GET_ADDR, u8::from(show), 0, data).await?;
        if reply.len() < 34 {
            return Err(DeviceError::BadReply(format!("address reply of {} bytes", reply.len())));
        }
        let public_key: [u8; 33] = reply[..33].try_into().expect("33 bytes");
        crypto::check_public_key(&public_key)?;
        let device = String::from_utf8(reply[33..].to_vec())
            .map_err(|_| DeviceError::BadReply("the address is not ASCII".into()))?;
        let host = crypto::address_of(path.kind, &public_key, hrp)?;
        if device != host {
            return Err(DeviceError::AddressMismatch { device, host });
        }
        Ok(AddressInfo { public_key, address: host, kind: path.kind })
    }

    /// SIGN: sends `message` in chunks and returns the device's DER signature. `hrp` is
    /// sent in the init chunk when given (the app then checks the chain against it).
    pub async fn sign_raw(
        &self,
        path: &HdPath,
        hrp: Option<&str>,
        mode: SignMode,
        message: &[u8],
    ) -> Result<Vec<u8>, DeviceError> {
        if message.is_empty() {
            return Err(DeviceError::InvalidRequest("nothing to sign".into()));
        }
        let p2 = sign_p2(mode);
        let mut init = path.to_bytes().to_vec();
        if let Some(hrp) = hrp {
            let n =
                u8::try_from(hrp.len()).ok().filter(|n| (1..=83).contains(n)).ok_or_else(|| {
                    DeviceError::InvalidRequest(format!(
                        "address prefix {hrp:?} must be 1 to 83 characters"
                    ))
                })?;
            init.push(n);
            init.extend_from_slice(hrp.as_bytes());
        }
        self.exchange(INS_SIGN, P1_INIT, p2, init).await?;
        let chunks: Vec<&[u8]> = message.chunks(self.chunk_size).collect();
        let mut reply = Vec::new();
        for (i, chunk) in chunks.iter().enumerate() {
            let last = i + 1 == chunks.len();
            if last {
                self.notify(UserAction::ConfirmTransaction);
            }
            reply = self
                .exchange(INS_SIGN, if last { P1_LAST } else { P1_ADD }, p2, chunk.to_vec())
                .await?;
        }
        if reply.is_empty() {
            return Err(DeviceError::BadReply("empty signature".into()));
        }
        Ok(reply)
    }

    /// Signs a SIGN_MODE_DIRECT `cosmrs::tx::SignDoc` with the key at `path` (`key`:
    /// that key, read with [`Device::get_address`]; its address prefix `hrp` goes into
    /// the request). The sign doc's auth info must name that key, alone, in DIRECT mode.
    /// Returns the verified signature and the `cosmrs::tx::Raw` made of the sign doc's own
    /// `body_bytes` and `auth_info_bytes`.
    pub async fn sign_direct(
        &self,
        path: &HdPath,
        hrp: &str,
        key: &AddressInfo,
        sign_doc: &cosmrs::tx::SignDoc,
    ) -> Result<Signed, DeviceError> {
        check_signer(&sign_doc.auth_info_bytes, key, SignMode::Direct, None)?;
        let sign_bytes = ProtoSignDoc::from(sign_doc.clone()).encode_to_vec();
        let signature = self.sign_verified(path, hrp, key, SignMode::Direct, &sign_bytes).await?;
        Ok(Signed::new(
            sign_doc.body_bytes.clone(),
            sign_doc.auth_info_bytes.clone(),
            SignMode::Direct,
            key.public_key,
            sign_bytes,
            signature,
        )
        .with_key_kind(key.kind))
    }

    /// Signs a transaction in LEGACY_AMINO_JSON: `body` and `auth_info` (one signer:
    /// `key`, mode LEGACY_AMINO_JSON, `sequence`) are encoded once; the Amino JSON the
    /// device signs is computed from those bytes, which make the returned
    /// `cosmrs::tx::Raw`.
    #[allow(clippy::too_many_arguments)]
    pub async fn sign_amino_json(
        &self,
        path: &HdPath,
        hrp: &str,
        key: &AddressInfo,
        body: &cosmrs::tx::Body,
        auth_info: &cosmrs::tx::AuthInfo,
        chain_id: &str,
        account_number: u64,
        sequence: u64,
    ) -> Result<Signed, DeviceError> {
        let cosmrs_err = |e: cosmrs::ErrorReport| TxError::Cosmrs(format!("{e:#}"));
        let body_bytes = body.clone().into_bytes().map_err(cosmrs_err)?;
        let auth_info_bytes = auth_info.clone().into_bytes().map_err(cosmrs_err)?;
        check_signer(&auth_info_bytes, key, SignMode::AminoJson, Some(sequence))?;
        let sign_bytes = tx::amino_sign_bytes(
            &body_bytes,
            &auth_info_bytes,
            chain_id,
            account_number,
            sequence,
        )?;
        let signature =
            self.sign_verified(path, hrp, key, SignMode::AminoJson, &sign_bytes).await?;
        Ok(Signed::new(
            body_bytes,
            auth_info_bytes,
            SignMode::AminoJson,
            key.public_key,
            sign_bytes,
            signature,
        )
        .with_key_kind(key.kind))
    }

    /// Signs a transaction in SIGN_MODE_TEXTUAL: `body_bytes` and `auth_info_bytes` (one
    /// signer: `key`, mode TEXTUAL) as they go into the `TxRaw`; the device signs the
    /// CBOR screens x/tx renders of them ([`crate::textual`]), coins shown with
    /// `metadata` (which must be the chain's bank metadata for the signature to be
    /// valid there).
    #[allow(clippy::too_many_arguments)]
    pub async fn sign_textual(
        &self,
        path: &HdPath,
        hrp: &str,
        key: &AddressInfo,
        body_bytes: Vec<u8>,
        auth_info_bytes: Vec<u8>,
        chain_id: &str,
        account_number: u64,
        metadata: &crate::textual::DenomMetadata,
    ) -> Result<Signed, DeviceError> {
        use prost::Message as _;
        check_signer(&auth_info_bytes, key, SignMode::Textual, None)?;
        let sequence = cosmos_sdk_proto::cosmos::tx::v1beta1::AuthInfo::decode(&*auth_info_bytes)
            .map_err(|e| TxError::Decode(e.to_string()))?
            .signer_infos
            .first()
            .map_or(0, |s| s.sequence);
        let signer = crate::textual::SignerData {
            chain_id: chain_id.to_owned(),
            account_number,
            sequence,
            address: key.address.clone(),
            public_key: key.public_key,
        };
        let sign_bytes =
            crate::textual::sign_bytes(&body_bytes, &auth_info_bytes, &signer, metadata)
                .map_err(TxError::from)?;
        let signature = self.sign_verified(path, hrp, key, SignMode::Textual, &sign_bytes).await?;
        Ok(Signed::new(
            body_bytes,
            auth_info_bytes,
            SignMode::Textual,
            key.public_key,
            sign_bytes,
            signature,
        ))
    }

    /// Signs a transaction of the crate's builder: reads the public key (silently),
    /// then [`Device::sign_tx_with_key`].
    pub async fn sign_tx(
        &self,
        path: &HdPath,
        hrp: &str,
        tx: &Tx,
        mode: SignMode,
    ) -> Result<Signed, DeviceError> {
        let key = self.get_address(path, hrp, false).await?;
        self.sign_tx_with_key(path, hrp, &key, tx, mode).await
    }

    /// Signs a transaction of the crate's builder with the public key already read from
    /// the device (by [`Device::get_address`] for the same path): [`Device::sign_direct`]
    /// of its `SignDoc`, or [`Device::sign_amino_json`] of its body and auth info.
    pub async fn sign_tx_with_key(
        &self,
        path: &HdPath,
        hrp: &str,
        key: &AddressInfo,
        tx: &Tx,
        mode: SignMode,
    ) -> Result<Signed, DeviceError> {
        if tx.key_kind != key.kind {
            return Err(DeviceError::InvalidRequest(format!(
                "the transaction is built for the {} key, the device key is the {} key",
                key_kind_name(tx.key_kind),
                key_kind_name(key.kind)
            )));
        }
        match mode {
            SignMode::Direct => {
                self.sign_direct(path, hrp, key, &tx.sign_doc(&key.public_key)).await
            }
            SignMode::AminoJson => {
                let signed_parts = (tx.body_bytes(), tx.auth_info_bytes(mode, &key.public_key));
                let sign_bytes = tx.sign_bytes(mode, &key.public_key)?;
                let signature = self.sign_verified(path, hrp, key, mode, &sign_bytes).await?;
                Ok(Signed::new(
                    signed_parts.0,
                    signed_parts.1,
                    mode,
                    key.public_key,
                    sign_bytes,
                    signature,
                )
                .with_key_kind(key.kind))
            }
            SignMode::Textual => {
                let metadata = crate::textual::DenomMetadata::builtin(&tx.chain_id);
                self.sign_tx_textual(path, hrp, key, tx, &metadata).await
            }
        }
    }

    /// Signs a transaction of the crate's builder in SIGN_MODE_TEXTUAL with the denom
    /// metadata `metadata` ([`Device::sign_textual`]).
    pub async fn sign_tx_textual(
        &self,
        path: &HdPath,
        hrp: &str,
        key: &AddressInfo,
        tx: &Tx,
        metadata: &crate::textual::DenomMetadata,
    ) -> Result<Signed, DeviceError> {
        self.sign_textual(
            path,
            hrp,
            key,
            tx.body_bytes(),
            tx.auth_info_bytes(SignMode::Textual, &key.public_key),
            &tx.chain_id,
            tx.account_number,
            metadata,
        )
        .await
    }

    /// Has the device sign `sign_bytes` and returns the signature as 64-byte low-S r‖s,
    /// verified against `key` over those bytes.
    pub async fn sign_verified(
        &self,
        path: &HdPath,
        hrp: &str,
        key: &AddressInfo,
        mode: SignMode,
        sign_bytes: &[u8],
    ) -> Result<[u8; 64], DeviceError> {
        if path.kind != key.kind {
            return Err(DeviceError::InvalidRequest(format!(
                "the path {path} is not the path of the {} key given",
                key_kind_name(key.kind)
            )));
        }
        let der = self.sign_raw(path, Some(hrp), mode, sign_bytes).await.map_err(|e| match e {
            // The app answered GET_ADDR, so it is open: an unknown INS means an app
            // without (this mode of) signing.
            DeviceError::AppNotOpen { sw: sw @ 0x6D00 } => DeviceError::Unsupported { sw },
            other => other,
        })?;
        let signature = crypto::der_to_compact_low_s(&der)?;
        crypto::verify_with(key.kind, &key.public_key, sign_bytes, &signature)?;
        Ok(signature)
    }
}

/// How the CLI and errors name a key kind.
pub fn key_kind_name(kind: KeyKind) -> &'static str {
    match kind {
        KeyKind::Cosmos => "Cosmos (44'/118', secp256k1)",
        KeyKind::Eth => "Ethereum-style (44'/60', Initia ethsecp256k1)",
    }
}

/// Checks that `auth_info_bytes` has one signer, `key`, in `mode` (and at `sequence`
/// when given): otherwise the chain would refuse the signed transaction.
fn check_signer(
    auth_info_bytes: &[u8],
    key: &AddressInfo,
    mode: SignMode,
    sequence: Option<u64>,
) -> Result<(), DeviceError> {
    let bad = |m: String| DeviceError::InvalidRequest(m);
    let auth = ProtoAuthInfo::decode(auth_info_bytes)
        .map_err(|e| bad(format!("the auth info does not decode: {e}")))?;
    let [signer] = auth.signer_infos.as_slice() else {
        return Err(bad(format!(
            "the auth info must have exactly one signer (this key), not {}",
            auth.signer_infos.len()
        )));
    };
    let (signer_mode, public_key, kind) =
        tx::signer_key_of(signer).map_err(|e| bad(format!("the auth info's signer: {e}")))?;
    if kind != key.kind {
        return Err(bad(format!(
            "the auth info's signer key type is the {} key's, the device key is the {} key",
            key_kind_name(kind),
            key_kind_name(key.kind)
        )));
    }
    if public_key != key.public_key {
        return Err(bad(format!(
            "the auth info's signer key is not the device's key for {}",
            key.address
        )));
    }
    if signer_mode != mode {
        return Err(bad(format!(
            "the auth info's sign mode is {}, not {}",
            signer_mode.name(),
            mode.name()
        )));
    }
    if let Some(seq) = sequence.filter(|s| *s != signer.sequence) {
        return Err(bad(format!(
            "the auth info's signer sequence is {}, not {seq}",
            signer.sequence
        )));
    }
    Ok(())
}

/// A blocking wrapper around [`Device`] for scripts and test harnesses.
pub struct BlockingDevice<E>(pub Device<E>);

impl<E> BlockingDevice<E>
where
    E: Exchange + Send + Sync,
    E::Error: fmt::Display,
{
    pub fn new(transport: E) -> Self {
        Self(Device::new(transport))
    }
    pub fn get_version(&self) -> Result<Version, DeviceError> {
        futures::executor::block_on(self.0.get_version())
    }
    pub fn get_address(
        &self,
        path: &HdPath,
        hrp: &str,
        show: bool,
    ) -> Result<AddressInfo, DeviceError> {
        futures::executor::block_on(self.0.get_address(path, hrp, show))
    }
    pub fn sign_raw(
        &self,
        path: &HdPath,
        hrp: Option<&str>,
        mode: SignMode,
        message: &[u8],
    ) -> Result<Vec<u8>, DeviceError> {
        futures::executor::block_on(self.0.sign_raw(path, hrp, mode, message))
    }
    pub fn sign_tx(
        &self,
        path: &HdPath,
        hrp: &str,
        tx: &Tx,
        mode: SignMode,
    ) -> Result<Signed, DeviceError> {
        futures::executor::block_on(self.0.sign_tx(path, hrp, tx, mode))
    }
    pub fn sign_tx_with_key(
        &self,
        path: &HdPath,
        hrp: &str,
        key: &AddressInfo,
        tx: &Tx,
        mode: SignMode,
    ) -> Result<Signed, DeviceError> {
        futures::executor::block_on(self.0.sign_tx_with_key(path, hrp, key, tx, mode))
    }
    pub fn sign_direct(
        &self,
        path: &HdPath,
        hrp: &str,
        key: &AddressInfo,
        sign_doc: &cosmrs::tx::SignDoc,
    ) -> Result<Signed, DeviceError> {
        futures::executor::block_on(self.0.sign_direct(path, hrp, key, sign_doc))
    }
    pub fn sign_tx_textual(
        &self,
        path: &HdPath,
        hrp: &str,
        key: &AddressInfo,
        tx: &Tx,
        metadata: &crate::textual::DenomMetadata,
    ) -> Result<Signed, DeviceError> {
        futures::executor::block_on(self.0.sign_tx_textual(path, hrp, key, tx, metadata))
    }
    #[allow(clippy::too_many_arguments)]
    pub fn sign_textual(
        &self,
        path: &HdPath,
        hrp: &str,
        key: &AddressInfo,
        body_bytes: Vec<u8>,
        auth_info_bytes: Vec<u8>,
        chain_id: &str,
        account_number: u64,
        metadata: &crate::textual::DenomMetadata,
    ) -> Result<Signed, DeviceError> {
        futures::executor::block_on(self.0.sign_textual(
            path,
            hrp,
            key,
            body_bytes,
            auth_info_bytes,
            chain_id,
            account_number,
            metadata,
        ))
    }
    #[allow(clippy::too_many_arguments)]
    pub fn sign_amino_json(
        &self,
        path: &HdPath,
        hrp: &str,
        key: &AddressInfo,
        body: &cosmrs::tx::Body,
        auth_info: &cosmrs::tx::AuthInfo,
        chain_id: &str,
        account_number: u64,
        sequence: u64,
    ) -> Result<Signed, DeviceError> {
        futures::executor::block_on(self.0.sign_amino_json(
            path,
            hrp,
            key,
            body,
            auth_info,
            chain_id,
            account_number,
            sequence,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::msgs::{coin, restaking};
    use crate::tx::{DecodedTx, TxBuilder};
    use k256::ecdsa::signature::hazmat::PrehashSigner as _;
    use k256::ecdsa::{Signature, SigningKey};
    use ledger_transport::APDUAnswer;
    use std::sync::Mutex;

    /// What the fake app does on the last SIGN chunk.
    #[derive(Clone)]
    enum OnSign {
        Sign,
        SignHighS,
        SignOtherBytes,
        Status(u16, &'static [u8]),
    }

    /// (CLA, INS, P1, P2, data) of one APDU.
    type Logged = (u8, u8, u8, u8, Vec<u8>);

    /// A software stand-in for the app: real keys, real signatures, the wire protocol.
    struct FakeApp {
        key: SigningKey,
        on_sign: OnSign,
        wrong_address: bool,
        log: Mutex<Vec<Logged>>,
        buffer: Mutex<Vec<u8>>,
        /// The key kind of the last SIGN init's path (its coin type).
        signing_kind: Mutex<KeyKind>,
    }

    /// The key kind of a 20-byte wire path, by its coin type.
    fn kind_of_path(path: &[u8]) -> KeyKind {
        let coin = u32::from_le_bytes(path[4..8].try_into().unwrap());
        if coin == 60 | HARDENED {
            KeyKind::Eth
        } else {
            KeyKind::Cosmos
        }
    }

    impl FakeApp {
        fn new(on_sign: OnSign) -> Self {
            Self {
                key: SigningKey::from_slice(&[0x42; 32]).unwrap(),
                on_sign,
                wrong_address: false,
                log: Mutex::new(Vec::new()),
                buffer: Mutex::new(Vec::new()),
                signing_kind: Mutex::new(KeyKind::Cosmos),
            }
        }
        fn pubkey(&self) -> [u8; 33] {
            self.key.verifying_key().to_encoded_point(true).as_bytes().try_into().unwrap()
        }
        fn reply(data: &[u8], sw: u16) -> APDUAnswer<Vec<u8>> {
            let mut v = data.to_vec();
            v.extend_from_slice(&sw.to_be_bytes());
            APDUAnswer::from_answer(v).unwrap()
        }
        fn handle(&self, c: &APDUCommand<&[u8]>) -> APDUAnswer<Vec<u8>> {
            self.log.lock().unwrap().push((c.cla, c.ins, c.p1, c.p2, c.data.to_vec()));
            if c.cla != CLA {
                return Self::reply(&[], 0x6E00);
            }
            match c.ins {
                INS_GET_VERSION => Self::reply(&[0, 1, 2, 3, 0, 0x33, 0x10, 0x00, 0x04], 0x9000),
                INS_GET_ADDR => {
                    let hrp_len = c.data[0] as usize;
                    let hrp = std::str::from_utf8(&c.data[1..1 + hrp_len]).unwrap();
                    let mut out = self.pubkey().to_vec();
                    let addr = crypto::address_of(
                        kind_of_path(&c.data[1 + hrp_len..]),
                        &self.pubkey(),
                        if self.wrong_address { "cosmos" } else { hrp },
                    )
                    .unwrap();
                    out.extend_from_slice(addr.as_bytes());
                    Self::reply(&out, 0x9000)
                }
                INS_SIGN => match c.p1 {
                    P1_INIT => {
                        self.buffer.lock().unwrap().clear();
                        *self.signing_kind.lock().unwrap() = kind_of_path(&c.data[..20]);
                        Self::reply(&[], 0x9000)
                    }
                    P1_ADD => {
                        self.buffer.lock().unwrap().extend_from_slice(c.data);
                        Self::reply(&[], 0x9000)
                    }
                    P1_LAST => {
                        let mut buf = self.buffer.lock().unwrap();
                        buf.extend_from_slice(c.data);
                        let digest = crypto::signing_hash(*self.signing_kind.lock().unwrap(), &buf);
                        match &self.on_sign {
                            OnSign::Sign => {
                                let sig: Signature = self.key.sign_prehash(&digest).unwrap();
                                Self::reply(sig.to_der().as_bytes(), 0x9000)
                            }
                            OnSign::SignHighS => {
                                let sig: Signature = self.key.sign_prehash(&digest).unwrap();
                                let (r, s) = sig.split_scalars();
                                let high = Signature::from_scalars(r, -*s).unwrap();
                                Self::reply(high.to_der().as_bytes(), 0x9000)
                            }
                            OnSign::SignOtherBytes => {
                                let sig: Signature =
                                    self.key.sign_prehash(&crypto::sha256(b"x")).unwrap();
                                Self::reply(sig.to_der().as_bytes(), 0x9000)
                            }
                            OnSign::Status(sw, data) => Self::reply(data, *sw),
                        }
                    }
                    _ => Self::reply(&[], 0x6B00),
                },
                _ => Self::reply(&[], 0x6D00),
            }
        }
    }

    #[async_trait::async_trait]
    impl Exchange for FakeApp {
        type Error = std::convert::Infallible;
        type AnswerType = Vec<u8>;
        async fn exchange<I>(
            &self,
            command: &APDUCommand<I>,
        ) -> Result<APDUAnswer<Vec<u8>>, Self::Error>
        where
            I: std::ops::Deref<Target = [u8]> + Send + Sync,
        {
            let c = APDUCommand {
                cla: command.cla,
                ins: command.ins,
                p1: command.p1,
                p2: command.p2,
                data: &*command.data,
            };
            Ok(self.handle(&c))
        }
    }

    fn big_tx() -> Tx {
        let mut b = TxBuilder::new("milkyway")
            .fee(vec![coin("5000", "umilk")], 300_000)
            .account_number(5)
            .sequence(1);
        for i in 0..10 {
            b = b.msg(restaking::MsgDelegateOperator {
                delegator: "milk1user".into(),
                operator_id: i,
                amount: vec![coin("1000000", "umilk")],
            });
        }
        b.build().unwrap()
    }

    #[test]
    fn path_wire_form() {
        let p = HdPath::new(1, 2);
        assert_eq!(
            hex::encode(p.to_bytes()),
            "2c000080" /* 44' */.to_owned() + "76000080" /* 118' */ + "01000080" /* 1' */ + "00000000" + "02000000"
        );
        assert_eq!(p.to_string(), "m/44'/118'/1'/0/2");
    }

    #[test]
    fn eth_key_signs_with_its_pubkey_type_and_keccak() {
        let p = HdPath::eth(1, 2);
        assert_eq!(hex::encode(&p.to_bytes()[4..8]), "3c000080" /* 60' */);
        assert_eq!(p.to_string(), "m/44'/60'/1'/0/2");
        let dev = BlockingDevice::new(FakeApp::new(OnSign::Sign));
        let key = dev.get_address(&p, "init", false).unwrap();
        assert_eq!(key.kind, KeyKind::Eth);
        assert_eq!(key.address, crypto::address_of(KeyKind::Eth, &key.public_key, "init").unwrap());
        assert_ne!(key.address, crypto::address(&key.public_key, "init").unwrap());
        assert!(matches!(key.cosmrs_public_key(), Err(CryptoError::NotCosmosKey)));
        let tx = TxBuilder::new("moo-1")
            .msg(crate::msgs::cosmos::MsgSend {
                from_address: key.address.clone(),
                to_address: key.address.clone(),
                amount: vec![coin("1", "umilk")],
            })
            .fee(vec![coin("30000", crate::denoms::INIT_ON_MOO)], 200_000)
            .key_kind(KeyKind::Eth)
            .build()
            .unwrap();
        for mode in [SignMode::Direct, SignMode::AminoJson] {
            let signed = dev.sign_tx_with_key(&p, "init", &key, &tx, mode).unwrap();
            assert_eq!(signed.key_kind, KeyKind::Eth);
            crypto::verify_with(
                KeyKind::Eth,
                &key.public_key,
                &signed.sign_bytes,
                &signed.signature,
            )
            .unwrap();
            assert!(crypto::verify(&key.public_key, &signed.sign_bytes, &signed.signature).is_err());
            let decoded = DecodedTx::decode(&signed.to_bytes()).unwrap();
            assert_eq!((decoded.key_kind, decoded.public_key), (KeyKind::Eth, key.public_key));
            let auth = ProtoAuthInfo::decode(signed.tx_raw().auth_info_bytes.as_slice()).unwrap();
            assert_eq!(
                auth.signer_infos[0].public_key.as_ref().unwrap().type_url,
                "/initia.crypto.v1beta1.ethsecp256k1.PubKey"
            );
        }
        // A Cosmos-key transaction, or the Cosmos path, with the eth key: refused on the host.
        let mut wrong = tx.clone();
        wrong.key_kind = KeyKind::Cosmos;
        assert!(matches!(
            dev.sign_tx_with_key(&p, "init", &key, &wrong, SignMode::Direct),
            Err(DeviceError::InvalidRequest(_))
        ));
        assert!(matches!(
            dev.sign_tx_with_key(&HdPath::new(1, 2), "init", &key, &tx, SignMode::Direct),
            Err(DeviceError::InvalidRequest(_))
        ));
    }

    #[test]
    fn version_and_address() {
        let dev = BlockingDevice::new(FakeApp::new(OnSign::Sign));
        let v = dev.get_version().unwrap();
        assert_eq!(
            v,
            Version {
                test_mode: false,
                major: 1,
                minor: 2,
                patch: 3,
                locked: false,
                target_id: 0x3310_0004
            }
        );
        let info = dev.get_address(&HdPath::new(0, 0), "milk", true).unwrap();
        assert_eq!(info.address, crypto::address(&info.public_key, "milk").unwrap());
        let log = dev.0.transport().log.lock().unwrap();
        assert_eq!(log[0], (0x55, 0x00, 0, 0, vec![]));
        let mut want = vec![4u8];
        want.extend_from_slice(b"milk");
        want.extend_from_slice(&HdPath::new(0, 0).to_bytes());
        assert_eq!(log[1], (0x55, 0x04, 1, 0, want));
    }

    #[test]
    fn address_mismatch_is_caught() {
        let mut app = FakeApp::new(OnSign::Sign);
        app.wrong_address = true;
        let dev = BlockingDevice::new(app);
        assert!(matches!(
            dev.get_address(&HdPath::default(), "milk", false),
            Err(DeviceError::AddressMismatch { .. })
        ));
    }

    #[test]
    fn sign_tx_chunks_and_verifies_in_both_modes() {
        for (mode, p2) in [(SignMode::Direct, 2u8), (SignMode::AminoJson, 0u8)] {
            let notified = std::sync::Arc::new(Mutex::new(Vec::new()));
            let n2 = notified.clone();
            let dev = BlockingDevice(
                Device::new(FakeApp::new(OnSign::Sign))
                    .with_chunk_size(100)
                    .unwrap()
                    .on_user_action(move |a| n2.lock().unwrap().push(a)),
            );
            let tx = big_tx();
            let signed = dev.sign_tx(&HdPath::new(0, 3), "milk", &tx, mode).unwrap();
            assert_eq!(signed.sign_bytes, tx.sign_bytes(mode, &signed.public_key).unwrap());
            crypto::verify(&signed.public_key, &signed.sign_bytes, &signed.signature).unwrap();
            let decoded = DecodedTx::decode(&signed.to_bytes()).unwrap();
            assert_eq!((decoded.msgs, decoded.mode), (tx.msgs.clone(), mode));

            let log = dev.0.transport().log.lock().unwrap();
            // GET_ADDR silent, then SIGN init with path + HRP, then the chunks.
            assert_eq!((log[0].1, log[0].2), (INS_GET_ADDR, 0));
            let mut init = HdPath::new(0, 3).to_bytes().to_vec();
            init.push(4);
            init.extend_from_slice(b"milk");
            assert_eq!(log[1], (CLA, INS_SIGN, P1_INIT, p2, init));
            let chunks = &log[2..];
            let n = signed.sign_bytes.len().div_ceil(100);
            assert_eq!(chunks.len(), n);
            for (i, c) in chunks.iter().enumerate() {
                assert_eq!((c.1, c.3), (INS_SIGN, p2), "P2 on every chunk");
                assert_eq!(c.2, if i + 1 == n { P1_LAST } else { P1_ADD });
                assert!(c.4.len() <= 100);
            }
            let joined: Vec<u8> = chunks.iter().flat_map(|c| c.4.clone()).collect();
            assert_eq!(joined, signed.sign_bytes);
            assert_eq!(*notified.lock().unwrap(), vec![UserAction::ConfirmTransaction]);
        }
    }

    /// A restake built with cosmrs types only, signed in both modes through the cosmrs
    /// entry points: the Raw carries the bytes the caller's Body and AuthInfo encode to,
    /// the signature verifies over the sign bytes, and those are what the builder gives.
    #[test]
    fn cosmrs_sign_doc_and_body_auth_info() {
        use cosmrs::tx::{Body, Fee, Msg as _, SignDoc, SignerInfo};
        let dev = BlockingDevice::new(FakeApp::new(OnSign::Sign));
        let path = HdPath::new(0, 0);
        let key = dev.get_address(&path, "milk", false).unwrap();
        let restake = restaking::MsgDelegatePool {
            delegator: key.address.clone(),
            amount: Some(coin("10500000", "umilk")),
        };
        let body = Body::new(vec![restake.to_any().unwrap()], "hi", 0u32);
        let pk = key.cosmrs_public_key().unwrap();
        let fee = Fee::from_amount_and_gas(
            cosmrs::Coin { denom: "umilk".parse().unwrap(), amount: 5000 },
            200_000u64,
        );
        let builder_tx = TxBuilder::new("milkyway")
            .msg(restake.clone())
            .memo("hi")
            .fee(vec![coin("5000", "umilk")], 200_000)
            .account_number(12)
            .sequence(3)
            .build()
            .unwrap();

        // DIRECT: a cosmrs SignDoc.
        let auth = SignerInfo::single_direct(Some(pk), 3).auth_info(fee.clone());
        let doc = SignDoc::new(&body, &auth, &"milkyway".parse().unwrap(), 12).unwrap();
        let signed = dev.sign_direct(&path, "milk", &key, &doc).unwrap();
        assert_eq!(signed.sign_bytes, doc.clone().into_bytes().unwrap());
        assert_eq!(
            signed.sign_bytes,
            builder_tx.sign_bytes(SignMode::Direct, &key.public_key).unwrap()
        );
        crypto::verify(&key.public_key, &signed.sign_bytes, &signed.signature).unwrap();
        let raw = signed.tx_raw();
        assert_eq!(
            (raw.body_bytes, raw.auth_info_bytes),
            (doc.body_bytes.clone(), doc.auth_info_bytes.clone())
        );
        assert_eq!(raw.signatures, vec![signed.signature.to_vec()]);

        // Amino JSON: the Body and an AuthInfo in LEGACY_AMINO_JSON mode.
        let amino_auth = builder_tx.auth_info(SignMode::AminoJson, &key.public_key).unwrap();
        let signed = dev
            .sign_amino_json(&path, "milk", &key, &body, &amino_auth, "milkyway", 12, 3)
            .unwrap();
        assert_eq!(
            signed.sign_bytes,
            builder_tx.sign_bytes(SignMode::AminoJson, &key.public_key).unwrap()
        );
        crypto::verify(&key.public_key, &signed.sign_bytes, &signed.signature).unwrap();
        let raw = signed.tx_raw();
        assert_eq!(raw.body_bytes, body.clone().into_bytes().unwrap());
        assert_eq!(raw.auth_info_bytes, amino_auth.clone().into_bytes().unwrap());
        let decoded = DecodedTx::decode(&signed.to_bytes()).unwrap();
        assert_eq!((decoded.mode, decoded.msgs), (SignMode::AminoJson, builder_tx.msgs.clone()));

        // What the chain would refuse is refused before the device is asked.
        let sign_count = || dev.0.transport().log.lock().unwrap().len();
        let before = sign_count();
        let wrong = |r: Result<Signed, DeviceError>, text: &str| match r {
            Err(DeviceError::InvalidRequest(m)) => assert!(m.contains(text), "{m}"),
            other => panic!("{other:?}"),
        };
        // The DIRECT auth info for Amino JSON, and the other way round.
        wrong(
            dev.sign_amino_json(&path, "milk", &key, &body, &auth, "milkyway", 12, 3),
            "sign mode is direct, not amino",
        );
        let amino_doc = SignDoc::new(&body, &amino_auth, &"milkyway".parse().unwrap(), 12).unwrap();
        wrong(dev.sign_direct(&path, "milk", &key, &amino_doc), "sign mode is amino, not direct");
        wrong(
            dev.sign_amino_json(&path, "milk", &key, &body, &amino_auth, "milkyway", 12, 4),
            "sequence is 3, not 4",
        );
        let other_key =
            AddressInfo { public_key: crate::preview::PREVIEW_PUBLIC_KEY, ..key.clone() };
        wrong(dev.sign_direct(&path, "milk", &other_key, &doc), "not the device's key");
        assert_eq!(sign_count(), before, "nothing was sent to the device");
    }

    #[test]
    fn high_s_from_device_is_normalized() {
        let dev = BlockingDevice::new(FakeApp::new(OnSign::SignHighS));
        let signed = dev.sign_tx(&HdPath::default(), "milk", &big_tx(), SignMode::Direct).unwrap();
        crypto::verify(&signed.public_key, &signed.sign_bytes, &signed.signature).unwrap();
    }

    #[test]
    fn wrong_signature_is_refused() {
        let dev = BlockingDevice::new(FakeApp::new(OnSign::SignOtherBytes));
        let err =
            dev.sign_tx(&HdPath::default(), "milk", &big_tx(), SignMode::AminoJson).unwrap_err();
        assert!(matches!(err, DeviceError::Crypto(CryptoError::VerificationFailed)), "{err}");
        assert_eq!(err.exit_code(), crate::EXIT_VERIFICATION);
    }

    #[test]
    fn status_words_become_actionable_errors() {
        let cases: &[(u16, &[u8], &str, i32)] = &[
            (0x6986, b"", "rejected on device", crate::EXIT_REJECTED),
            (
                0x6984,
                b"Unknown message type /x.y\0",
                "transaction refused: Unknown message type /x.y",
                crate::EXIT_REFUSED,
            ),
            (0x6988, b"", "too big", crate::EXIT_REFUSED),
            (0x6989, b"", "expert mode", crate::EXIT_REFUSED),
            (0x698B, b"", "derivation path", crate::EXIT_REFUSED),
            (0x698C, b"", "not allowed outside expert mode", crate::EXIT_REFUSED),
            (0x5515, b"", "device is locked", crate::EXIT_DEVICE),
            (0x6E00, b"", "open the MilkyWay app on your Ledger", crate::EXIT_DEVICE),
            // After a successful GET_ADDR the app is open: 0x6D00 means no signing support.
            (
                0x6D00,
                b"",
                "does not support this command (status 0x6D00): update the app",
                crate::EXIT_DEVICE,
            ),
            (0x6E01, b"", "open the MilkyWay app on your Ledger", crate::EXIT_DEVICE),
            (0x6511, b"", "open the MilkyWay app on your Ledger", crate::EXIT_DEVICE),
            (0x6D02, b"", "open the MilkyWay app on your Ledger", crate::EXIT_DEVICE),
            (0x6B00, b"", "protocol error (status 0x6B00)", crate::EXIT_DEVICE),
            (0x6700, b"", "protocol error (status 0x6700)", crate::EXIT_DEVICE),
            (0x6F42, b"", "unknown status 0x6F42", crate::EXIT_DEVICE),
        ];
        for (sw, data, text, code) in cases {
            let dev = BlockingDevice::new(FakeApp::new(OnSign::Status(*sw, data)));
            let err =
                dev.sign_tx(&HdPath::default(), "milk", &big_tx(), SignMode::Direct).unwrap_err();
            assert!(err.to_string().contains(text), "0x{sw:04X}: {err}");
            assert_eq!(err.exit_code(), *code, "0x{sw:04X}");
        }
        assert!(DeviceError::from_status(0x9000, b"").is_none());
        // Outside a signature (nothing answered yet), 0x6D00 means another app is open.
        assert!(matches!(
            DeviceError::from_status(0x6D00, b""),
            Some(DeviceError::AppNotOpen { sw: 0x6D00 })
        ));
    }

    #[test]
    fn request_checks() {
        assert!(Device::new(FakeApp::new(OnSign::Sign)).with_chunk_size(256).is_err());
        assert!(Device::new(FakeApp::new(OnSign::Sign)).with_chunk_size(0).is_err());
        let dev =
            BlockingDevice(Device::new(FakeApp::new(OnSign::Sign)).with_chunk_size(255).unwrap());
        assert!(dev.get_address(&HdPath::default(), "", false).is_err());
        assert!(dev.sign_raw(&HdPath::default(), None, SignMode::Direct, &[]).is_err());
        // Path-only init (as cosmjs does): 20 bytes, no HRP.
        dev.sign_raw(&HdPath::default(), None, SignMode::AminoJson, b"{}").unwrap();
        let log = dev.0.transport().log.lock().unwrap();
        assert_eq!(log[0].4.len(), 20);
    }
}
