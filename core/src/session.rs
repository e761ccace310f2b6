//! What a SIGN request is and the rules every path applies to it: the settings
//! ([`Policy`]), the document's format (P2, [`Format`]), the prefix sent with `init`
//! ([`Prefix`]), why a request is refused ([`Refusal`] and its reasons), and the chain
//! rule ([`chain_rule`]). The device's SIGN request runs in [`crate::sign_flow`]; the
//! host's offline preview applies the same chain rule.

use crate::apdu::StatusWord;
use crate::chains;
use crate::text::Text;
use crate::tx::{SignMode, Tx};

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
// The Ethereum-style key (`44'/60'`, `KeyKind::Eth`) signs only what is shown in full,
// for the `init` prefix: a transaction decoded strictly as a Cosmos SignDoc or an Amino
// JSON sign doc of a chain whose prefix is `init` (or, in expert mode, with `init` sent
// as the prefix). Never blind, never SIGN_MODE_TEXTUAL: it is the key of the user's
// Ethereum accounts too, and its signature is over Keccak-256 of the bytes, as an
// Ethereum signature is; so nothing but a document the core decodes and shows may reach
// it. (No such document is an Ethereum transaction or message: a SignDoc's first byte is
// 0x0a, an Amino JSON doc's `{`; EIP-191/712 data starts with 0x19, a typed transaction
// with 0x01-0x04, a legacy one with an RLP list byte >= 0xc0.)
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

/// The signing policy switches (the app's settings).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Policy {
    pub expert: bool,
    pub blind_signing: bool,
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
