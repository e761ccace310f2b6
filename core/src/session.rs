//! The signing session: SIGN_SECP256K1 chunks into one sign document, then the decision
//! what the device does with it (clear review, blind review, or refusal with a reason).
//!
//! Everything here is pure and host-tested; the device supplies the storage (a
//! [`SignBuffer`], backed by flash on the device, by RAM in tests and fuzzers), the keys
//! and the screens.
//!
//! Rules:
//! - `init` always starts a new session (whatever came before is dropped) and checks the
//!   path and the optional prefix;
//! - `add` and `last` are accepted only after an `init`; out of order they reset the
//!   session and answer `0x6986`, so a stray chunk can never end up in a later signature;
//! - a document larger than the buffer resets the session and answers `0x6988`;
//! - every error leaves the session idle with an empty buffer.
//!
//! P2 says what the document is: a transaction in SIGN_MODE_DIRECT or LEGACY_AMINO_JSON,
//! decoded and rendered by the core, or a SIGN_MODE_TEXTUAL document, the chain's own
//! screens ([`crate::textual`]), shown as they are. The mode of the last chunk counts.

use crate::apdu::{hrp_allowed, parse_sign_init, Chunk, KeyKind, Path, StatusWord, ETH_KEY_HRP};
use crate::chains;
use crate::error::Error;
use crate::text::Text;
use crate::textual::{self, Envelope};
use crate::tx::{SignMode, Tx};

/// Storage for the sign bytes of one session.
pub trait SignBuffer {
    /// Most bytes the buffer holds.
    fn capacity(&self) -> usize;
    /// The bytes received so far.
    fn bytes(&self) -> &[u8];
    /// Forgets every byte.
    fn clear(&mut self);
    /// Appends `data`; when it does not fit, nothing is written and `Err(())` returned.
    #[allow(clippy::result_unit_err)]
    fn append(&mut self, data: &[u8]) -> Result<(), ()>;
}

/// A sign buffer in RAM (tests, fuzzers, the host preview).
pub struct RamBuffer<const N: usize> {
    bytes: [u8; N],
    len: usize,
}

impl<const N: usize> RamBuffer<N> {
    pub const fn new() -> Self {
        RamBuffer { bytes: [0; N], len: 0 }
    }
}

impl<const N: usize> Default for RamBuffer<N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const N: usize> SignBuffer for RamBuffer<N> {
    fn capacity(&self) -> usize {
        N
    }
    fn bytes(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or(&[])
    }
    fn clear(&mut self) {
        self.len = 0;
    }
    fn append(&mut self, data: &[u8]) -> Result<(), ()> {
        let end = self.len.checked_add(data.len()).ok_or(())?;
        let dst = self.bytes.get_mut(self.len..end).ok_or(())?;
        dst.copy_from_slice(data);
        self.len = end;
        Ok(())
    }
}

/// Why a SIGN request is not signed: the status word, and for `0x6984` a reason the
/// device sends as the reply data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub status: StatusWord,
    pub reason: &'static str,
}

impl Refusal {
    pub const fn status(status: StatusWord) -> Self {
        Refusal { status, reason: "" }
    }
    pub const fn reason(reason: &'static str) -> Self {
        Refusal { status: StatusWord::DataInvalid, reason }
    }
}

impl From<StatusWord> for Refusal {
    fn from(status: StatusWord) -> Self {
        Refusal::status(status)
    }
}

pub const CHAIN_PREFIX_MISMATCH: &str =
    "Chain id does not match the address prefix (expert mode allows it)";
pub const UNKNOWN_CHAIN: &str = "Unknown chain id (expert mode allows it)";
pub const ETH_KEY_INIT_ONLY: &str =
    "The Ethereum-style key (44'/60') signs for init addresses only";
pub const SIGNER_KEY_MISMATCH: &str =
    "The signer's public key type is not this path's key (44'/60': ethsecp256k1)";
pub const ETH_KEY_CLEAR_ONLY: &str =
    "The Ethereum-style key (44'/60') signs clear-signed DIRECT and Amino JSON only";

/// A bech32 prefix kept by the session (at most 83 characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Prefix {
    bytes: [u8; 83],
    len: u8,
}

impl Prefix {
    /// `s` as a prefix; `None` when it is longer than 83 bytes.
    pub fn new(s: &str) -> Option<Self> {
        let mut bytes = [0u8; 83];
        bytes.get_mut(..s.len())?.copy_from_slice(s.as_bytes());
        Some(Prefix { bytes, len: u8::try_from(s.len()).ok()? })
    }
    pub fn as_str(&self) -> &str {
        self.bytes
            .get(..usize::from(self.len))
            .and_then(|b| core::str::from_utf8(b).ok())
            .unwrap_or("")
    }
}

/// What the sign bytes are (P2 of the SIGN chunks).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A transaction sign document (P2 = 2 DIRECT, P2 = 0 Amino JSON).
    Tx(SignMode),
    /// A SIGN_MODE_TEXTUAL document (P2 = 1).
    Textual,
}

impl Format {
    /// The format of P2's mode as [`crate::apdu::Instruction::Sign`] decodes it (`None`
    /// is SIGN_MODE_TEXTUAL).
    pub fn of(mode: Option<SignMode>) -> Self {
        mode.map_or(Format::Textual, Format::Tx)
    }
}

/// A complete request: the document is in the buffer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Request {
    pub path: Path,
    /// The prefix sent with `init`, if any (cosmjs and ledger-cosmos-js send none).
    pub prefix: Option<Prefix>,
    pub format: Format,
}

/// What a chunk leads to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    /// Answer `0x9000` and wait for the next chunk.
    NeedMore,
    /// The last chunk arrived: review and sign the buffer's bytes.
    Complete(Request),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    Idle,
    Receiving { path: Path, prefix: Option<Prefix> },
}

/// The SIGN chunk state machine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SignSession {
    stage: Stage,
}

impl Default for SignSession {
    fn default() -> Self {
        Self::new()
    }
}

impl SignSession {
    pub const fn new() -> Self {
        SignSession { stage: Stage::Idle }
    }

    /// Whether a document is being received.
    pub fn is_receiving(&self) -> bool {
        matches!(self.stage, Stage::Receiving { .. })
    }

    /// Drops the session and the bytes received.
    pub fn reset(&mut self, buf: &mut dyn SignBuffer) {
        self.stage = Stage::Idle;
        buf.clear();
    }

    /// Takes one SIGN chunk. On any error the session is reset.
    pub fn receive(
        &mut self,
        buf: &mut dyn SignBuffer,
        chunk: Chunk,
        mode: Option<SignMode>,
        data: &[u8],
        expert: bool,
    ) -> Result<Progress, Refusal> {
        let result = self.step(buf, chunk, mode, data, expert);
        if result.is_err() {
            self.reset(buf);
        }
        result
    }

    fn step(
        &mut self,
        buf: &mut dyn SignBuffer,
        chunk: Chunk,
        mode: Option<SignMode>,
        data: &[u8],
        expert: bool,
    ) -> Result<Progress, Refusal> {
        match chunk {
            Chunk::Init => {
                self.reset(buf);
                let (path, hrp) = parse_sign_init(data, expert)?;
                let prefix = match hrp {
                    None => None,
                    Some(hrp) => {
                        if !hrp_allowed(&hrp, path.key(), expert, false) {
                            return Err(Refusal::status(StatusWord::ChainNotAllowed));
                        }
                        Some(Prefix::new(hrp.0).ok_or(StatusWord::WrongHrpLength)?)
                    }
                };
                self.stage = Stage::Receiving { path, prefix };
                Ok(Progress::NeedMore)
            }
            Chunk::Add | Chunk::Last => {
                let Stage::Receiving { path, prefix } = self.stage else {
                    return Err(Refusal::status(StatusWord::CommandNotAllowed));
                };
                buf.append(data).map_err(|_| Refusal::status(StatusWord::TxTooBig))?;
                if chunk == Chunk::Add {
                    return Ok(Progress::NeedMore);
                }
                self.stage = Stage::Idle;
                Ok(Progress::Complete(Request { path, prefix, format: Format::of(mode) }))
            }
        }
    }
}

/// The signing policy switches (the app's settings).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Policy {
    pub expert: bool,
    pub blind_signing: bool,
}

/// What the device shows before signing.
#[derive(Clone, Copy, Debug)]
pub enum Review<'a> {
    /// Clear signing: the core's screens of `tx`; signer fields equal to the address for
    /// `own_prefix` are not shown.
    Clear { tx: Tx<'a>, own_prefix: Option<&'a str> },
    /// Blind signing (enabled, and the document holds a message the core does not
    /// know): the warning and the SHA-256 of the sign bytes. `reason` says why.
    Blind { reason: &'static str },
    /// SIGN_MODE_TEXTUAL: every screen of the document, as it is (never blind).
    Textual { envelope: Envelope<'a> },
    /// An ADR-036 off-chain message ("Sign message", never a transaction): the signer
    /// and the data ([`crate::adr036::render`]). The device checks that the signer is
    /// the address of the key that signs.
    Message { data: crate::adr036::SignData<'a> },
}

/// Decides how `bytes` may be signed for `request` under `policy`.
///
/// The Ethereum-style key (`44'/60'`, [`KeyKind::Eth`]) signs only what is shown in full
/// here, for the `init` prefix: a transaction decoded strictly as a Cosmos SignDoc or an
/// Amino JSON sign doc of a chain whose prefix is `init` (or, in expert mode, with `init`
/// sent as the prefix). Never blind, never SIGN_MODE_TEXTUAL: it is the key of the user's
/// Ethereum accounts too, and its signature is over Keccak-256 of the bytes, as an
/// Ethereum signature is; so nothing but a document the core decodes and shows may reach
/// it. (No such document is an Ethereum transaction or message: a SignDoc's first byte
/// is 0x0a, an Amino JSON doc's `{`; EIP-191/712 data starts with 0x19, a typed
/// transaction with 0x01-0x04, a legacy one with an RLP list byte >= 0xc0.)
pub fn review<'a>(
    bytes: &'a [u8],
    request: &'a Request,
    policy: Policy,
) -> Result<Review<'a>, Refusal> {
    let eth = request.path.key() == KeyKind::Eth;
    let mode = match request.format {
        Format::Tx(mode) => mode,
        Format::Textual if eth => return Err(Refusal::reason(ETH_KEY_CLEAR_ONLY)),
        Format::Textual => return review_textual(bytes, request, policy),
    };
    // An off-chain message only in Amino JSON (ADR-036 has no other form); a document
    // naming sign/MsgSignData is that or refused, whatever the settings.
    if mode == SignMode::AminoJson {
        if let Some(found) = crate::adr036::detect(bytes) {
            return match found {
                Ok(data) => Ok(Review::Message { data }),
                Err(e) => Err(Refusal::reason(e.reason())),
            };
        }
    }
    let tx = match crate::tx::decode(bytes, mode) {
        Ok(tx) => tx,
        Err(Error::UnknownMessage) if policy.blind_signing && !eth => {
            return Ok(Review::Blind { reason: Error::UnknownMessage.reason() })
        }
        Err(e) => return Err(Refusal::reason(e.reason())),
    };
    let own_prefix = chain_policy(&tx, request.prefix.as_ref().map(Prefix::as_str), policy)?;
    if eth && own_prefix != Some(ETH_KEY_HRP) {
        return Err(Refusal::reason(ETH_KEY_INIT_ONLY));
    }
    if tx.signer_key.is_some_and(|k| k != request.path.key()) {
        return Err(Refusal::reason(SIGNER_KEY_MISMATCH));
    }
    Ok(Review::Clear { tx, own_prefix })
}

/// A SIGN_MODE_TEXTUAL document: decoded strictly, then the same chain rule as a
/// transaction's on its "Chain id" screen (x/tx's first screen). Blind signing plays no
/// part: every screen is shown.
fn review_textual<'a>(
    bytes: &'a [u8],
    request: &'a Request,
    policy: Policy,
) -> Result<Review<'a>, Refusal> {
    let envelope = textual::decode(bytes).map_err(|e| Refusal::reason(e.reason()))?;
    let chain_id = Text::Plain(envelope.chain_id());
    chain_rule(&chain_id, request.prefix.as_ref().map(Prefix::as_str), policy)?;
    Ok(Review::Textual { envelope })
}

/// The chain rule of a clear review: with the `prefix` sent in `init`, the document's
/// chain id must be that prefix's chain; without one (cosmjs), a chain the app knows,
/// whose prefix is then taken. Expert mode allows any. Returns the prefix of the
/// signer's own address (its signer fields are not shown), or the refusal. The host's
/// offline preview applies the same rule.
pub fn chain_policy<'a>(
    tx: &Tx<'_>,
    prefix: Option<&'a str>,
    policy: Policy,
) -> Result<Option<&'a str>, Refusal> {
    chain_rule(&tx.chain_id, prefix, policy)
}

/// [`chain_policy`] on a chain id: a transaction's, or a textual document's.
pub fn chain_rule<'a>(
    chain_id: &Text<'_>,
    prefix: Option<&'a str>,
    policy: Policy,
) -> Result<Option<&'a str>, Refusal> {
    match (prefix, chains::by_chain_id(chain_id)) {
        (Some(prefix), Some(chain)) if prefix == chain.hrp => Ok(Some(prefix)),
        (Some(prefix), _) if policy.expert => Ok(Some(prefix)),
        (Some(_), _) => Err(Refusal::reason(CHAIN_PREFIX_MISMATCH)),
        (None, Some(chain)) => Ok(Some(chain.hrp)),
        (None, None) if policy.expert => Ok(None),
        (None, None) => Err(Refusal::reason(UNKNOWN_CHAIN)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apdu::{COIN_TYPE, HARDENED, PURPOSE};

    fn init_data(hrp: Option<&str>) -> ([u8; 64], usize) {
        let mut out = [0u8; 64];
        for (i, w) in [PURPOSE, COIN_TYPE, HARDENED, 0, 0].iter().enumerate() {
            out[i * 4..i * 4 + 4].copy_from_slice(&w.to_le_bytes());
        }
        let mut len = 20;
        if let Some(h) = hrp {
            out[20] = h.len() as u8;
            out[21..21 + h.len()].copy_from_slice(h.as_bytes());
            len += 1 + h.len();
        }
        (out, len)
    }

    const D: Option<SignMode> = Some(SignMode::Direct);

    #[test]
    fn chunks_in_order_complete() {
        let mut buf = RamBuffer::<16>::new();
        let mut s = SignSession::new();
        let (init, n) = init_data(Some("milk"));
        assert_eq!(s.receive(&mut buf, Chunk::Init, D, &init[..n], false), Ok(Progress::NeedMore));
        assert_eq!(s.receive(&mut buf, Chunk::Add, D, b"abc", false), Ok(Progress::NeedMore));
        let Ok(Progress::Complete(req)) =
            s.receive(&mut buf, Chunk::Last, Some(SignMode::AminoJson), b"de", false)
        else {
            panic!("not complete")
        };
        assert_eq!(buf.bytes(), b"abcde");
        assert_eq!(
            req.format,
            Format::Tx(SignMode::AminoJson),
            "the mode of the last chunk counts"
        );
        assert_eq!(req.prefix.map(|p| p.as_str() == "milk"), Some(true));
        assert!(!s.is_receiving());
        // The finished session takes no more chunks: the old bytes are never reused.
        assert_eq!(
            s.receive(&mut buf, Chunk::Last, D, b"", false),
            Err(Refusal::status(StatusWord::CommandNotAllowed))
        );
        assert!(buf.bytes().is_empty());
    }

    #[test]
    fn out_of_order_resets() {
        let mut buf = RamBuffer::<16>::new();
        let mut s = SignSession::new();
        assert_eq!(
            s.receive(&mut buf, Chunk::Add, D, b"x", false),
            Err(Refusal::status(StatusWord::CommandNotAllowed))
        );
        let (init, n) = init_data(None);
        s.receive(&mut buf, Chunk::Init, D, &init[..n], false).unwrap();
        s.receive(&mut buf, Chunk::Add, D, b"old", false).unwrap();
        // A second init starts over: "old" is gone.
        s.receive(&mut buf, Chunk::Init, D, &init[..n], false).unwrap();
        assert!(buf.bytes().is_empty());
        let Ok(Progress::Complete(req)) = s.receive(&mut buf, Chunk::Last, D, b"new", false) else {
            panic!()
        };
        assert_eq!(buf.bytes(), b"new");
        assert_eq!(req.prefix, None);
    }

    #[test]
    fn oversize_and_bad_init_reset() {
        let mut buf = RamBuffer::<4>::new();
        let mut s = SignSession::new();
        let (init, n) = init_data(Some("osmo"));
        s.receive(&mut buf, Chunk::Init, D, &init[..n], false).unwrap();
        s.receive(&mut buf, Chunk::Add, D, b"abcd", false).unwrap();
        assert_eq!(
            s.receive(&mut buf, Chunk::Add, D, b"e", false),
            Err(Refusal::status(StatusWord::TxTooBig))
        );
        assert!(!s.is_receiving() && buf.bytes().is_empty());

        let (evil, n) = init_data(Some("evil"));
        assert_eq!(
            s.receive(&mut buf, Chunk::Init, D, &evil[..n], false),
            Err(Refusal::status(StatusWord::ChainNotAllowed))
        );
        assert!(
            s.receive(&mut buf, Chunk::Init, D, &evil[..n], true).is_ok(),
            "expert mode allows any prefix"
        );
        assert_eq!(
            s.receive(&mut buf, Chunk::Init, D, &evil[..19], false),
            Err(Refusal::status(StatusWord::WrongLength))
        );
        assert!(!s.is_receiving());
        // A silent `cosmos` key request is allowed, a `cosmos` signing prefix is not.
        let (cosmos, n) = init_data(Some("cosmos"));
        assert_eq!(
            s.receive(&mut buf, Chunk::Init, D, &cosmos[..n], false),
            Err(Refusal::status(StatusWord::ChainNotAllowed))
        );
    }

    #[test]
    fn textual_is_received_like_the_other_modes() {
        let mut buf = RamBuffer::<4>::new();
        let mut s = SignSession::new();
        let (init, n) = init_data(None);
        s.receive(&mut buf, Chunk::Init, None, &init[..n], false).unwrap();
        let Ok(Progress::Complete(req)) = s.receive(&mut buf, Chunk::Last, None, b"x", false)
        else {
            panic!("not complete")
        };
        assert_eq!(req.format, Format::Textual);
        assert_eq!(buf.bytes(), b"x");
        // Not CBOR: refused with the decoder's reason.
        assert_eq!(
            review(buf.bytes(), &req, Policy::default()).err(),
            Some(Refusal::reason(crate::textual::TextualError::NotEnvelope.reason()))
        );
    }
}
