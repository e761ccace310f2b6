//! SIGN_SECP256K1 (INS 0x02): chunks into the flash buffer (the core's session rules),
//! then the review the core decides (clear, blind, or a textual document's screens),
//! then an RFC 6979 low-S DER signature over SHA-256 of exactly the bytes reviewed.

use ledger_device_sdk::ecc::{Secp256k1, SeedDerive};
use ledger_device_sdk::io::Comm;
use milkyway_core::apdu::{Chunk, KeyKind, StatusWord};
use milkyway_core::render::{Buf, Options};
use milkyway_core::session::{
    self, Policy, Progress, Refusal, Request, Review, SignBuffer, SignSession,
};
use milkyway_core::signature::{normalize_low_s, MAX_DER};
use milkyway_core::SignMode;

use crate::sign_buffer::FlashBuffer;
use crate::{crypto, ui, Outcome};

/// The signing state kept between APDUs.
pub struct Signer {
    session: SignSession,
    buffer: FlashBuffer,
}

/// What a SIGN chunk led to.
pub enum Step {
    /// Answer now (more chunks expected, or refused before anything was shown).
    Reply(Outcome),
    /// The last chunk arrived: review it.
    Review(Request),
}

/// Which review a SIGN request showed: none (refused before), a transaction's or an
/// off-chain message's ("Message signed" after it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shown {
    Nothing,
    Transaction,
    Message,
}

impl Signer {
    pub const fn new() -> Self {
        Signer { session: SignSession::new(), buffer: FlashBuffer::new() }
    }

    pub fn receive(
        &mut self,
        chunk: Chunk,
        mode: Option<SignMode>,
        data: &[u8],
        policy: Policy,
    ) -> Step {
        match self.session.receive(&mut self.buffer, chunk, mode, data, policy.expert) {
            Ok(Progress::NeedMore) => Step::Reply(Outcome::Data(heapless::Vec::new())),
            Ok(Progress::Complete(request)) => Step::Review(request),
            Err(refusal) => Step::Reply(Outcome::Refused(refusal)),
        }
    }

    /// Reviews and signs the received document. [`Shown`] says which review was shown, if
    /// any (then its status screen follows).
    pub fn review_and_sign(
        &mut self,
        comm: &mut Comm,
        request: &Request,
        policy: Policy,
    ) -> (Outcome, Shown) {
        let result = review_and_sign(comm, self.buffer.bytes(), request, policy);
        self.buffer.clear();
        result
    }
}

fn review_and_sign(
    comm: &mut Comm,
    bytes: &[u8],
    request: &Request,
    policy: Policy,
) -> (Outcome, Shown) {
    // What the chain verifies the signature over: SHA-256 of the bytes, or Keccak-256
    // for the Ethereum-style key. A blind review shows SHA-256, and only the Cosmos key
    // is ever signed blind (the core refuses it for the other).
    let Some(hash) = crypto::signing_hash(request.path.key(), bytes) else {
        return (Outcome::Status(StatusWord::ExecutionError), Shown::Nothing);
    };
    let mut shown = Shown::Transaction;
    let approved = match session::review(bytes, request, policy) {
        Err(refusal) => return (Outcome::Refused(refusal), Shown::Nothing),
        Ok(Review::Clear { tx, own_prefix }) => {
            let mut own: Buf<96> = Buf::new();
            let own_address = match own_prefix {
                Some(prefix) => match own_address(request, prefix, &mut own) {
                    Some(()) => Some(own.as_str()),
                    None => return (Outcome::Status(StatusWord::ExecutionError), Shown::Nothing),
                },
                None => None,
            };
            let options = Options { expert: policy.expert, own_address };
            match ui::sign::review_clear(comm, &tx, &options) {
                Ok(approved) => approved,
                // Nothing was shown: the dry run refuses before the review starts.
                Err(e) => return (Outcome::Refused(Refusal::reason(e.reason())), Shown::Nothing),
            }
        }
        Ok(Review::Blind { .. }) if request.path.key() == KeyKind::Cosmos => {
            ui::sign::review_blind(comm, &hash)
        }
        Ok(Review::Blind { .. }) => {
            return (Outcome::Refused(Refusal::reason(session::ETH_KEY_CLEAR_ONLY)), Shown::Nothing)
        }
        Ok(Review::Textual { envelope }) => match ui::sign::review_textual(comm, &envelope) {
            Ok(approved) => approved,
            // Nothing was shown: the dry run refuses before the review starts.
            Err(e) => return (Outcome::Refused(Refusal::reason(e.reason())), Shown::Nothing),
        },
        Ok(Review::Message { data }) => {
            // The signer must be this key's address (under the signer's own prefix): a
            // message signed "as" another address would prove nothing about it.
            let hrp = data.signer.rsplit_once('1').map_or("", |(hrp, _)| hrp);
            let mut own: Buf<96> = Buf::new();
            if own_address(request, hrp, &mut own).is_none() || own.as_str() != data.signer {
                let e = milkyway_core::Error::OffChainSigner;
                return (Outcome::Refused(Refusal::reason(e.reason())), Shown::Nothing);
            }
            shown = Shown::Message;
            match ui::sign::review_message(comm, &data) {
                Ok(approved) => approved,
                Err(e) => return (Outcome::Refused(Refusal::reason(e.reason())), Shown::Nothing),
            }
        }
    };
    if !approved {
        return (Outcome::Status(StatusWord::CommandNotAllowed), shown);
    }
    (sign(request, &hash), shown)
}

fn own_address(request: &Request, prefix: &str, out: &mut Buf<96>) -> Option<()> {
    let hash = crypto::address_bytes(&request.path)?;
    milkyway_core::bech32::encode(out, prefix, &hash).ok()
}

fn sign(request: &Request, hash: &[u8; 32]) -> Outcome {
    let key = Secp256k1::derive_from_path(&request.path.0);
    let Ok((der, len, _parity)) = key.deterministic_sign(hash) else {
        return Outcome::Status(StatusWord::SignError);
    };
    let Some(der) = usize::try_from(len).ok().and_then(|len| der.get(..len)) else {
        return Outcome::Status(StatusWord::SignError);
    };
    let mut low_s = [0u8; MAX_DER];
    let Ok(n) = normalize_low_s(der, &mut low_s) else {
        return Outcome::Status(StatusWord::SignError);
    };
    let mut reply = heapless::Vec::new();
    match low_s.get(..n).map(|sig| reply.extend_from_slice(sig)) {
        Some(Ok(())) => Outcome::Data(reply),
        _ => Outcome::Status(StatusWord::SignError),
    }
}
