//! SIGN_SECP256K1 (INS 0x02): the core's sign flow (`milkyway_core::sign_flow`: the
//! document decoded as its chunks arrive, its screens held or streamed) over this
//! device's hash, keys and screens; then an RFC 6979 low-S DER signature over the hash of
//! exactly the bytes received. Nothing of the document is written to flash.

use ledger_device_sdk::ecc::{Secp256k1, SeedDerive};
use ledger_device_sdk::hash::{sha2::Sha2_256, sha3::Keccak256, HashInit};
use ledger_device_sdk::io::Comm;
use milkyway_core::apdu::{Chunk, KeyKind, Path, StatusWord};
use milkyway_core::review::{self, Memory, ScreenStore};
use milkyway_core::session::Policy;
use milkyway_core::sign_flow::{Answer, Device, Kind, SignFlow};
use milkyway_core::signature::{normalize_low_s, MAX_DER};
use milkyway_core::SignMode;

use crate::ui::sign::Live;
use crate::{crypto, ui, Outcome};

#[cfg(target_os = "nanosplus")]
const MEMORY: Memory = review::NANOSP;
#[cfg(target_os = "nanox")]
const MEMORY: Memory = review::NANOX;
#[cfg(target_os = "stax")]
const MEMORY: Memory = review::STAX;
#[cfg(target_os = "flex")]
const MEMORY: Memory = review::FLEX;
#[cfg(target_os = "apex_p")]
const MEMORY: Memory = review::APEX_P;

const ELEMENT: usize = MEMORY.element;
const HELD: usize = MEMORY.held;
const STORE: usize = MEMORY.store;

/// The decoder's buffers and the screen store: zero-filled static arrays (`.bss`), lent to the
/// one [`Signer`] for the app's life.
static mut ELEMENT_BYTES: [u8; ELEMENT] = [0; ELEMENT];
static mut HELD_BYTES: [u8; HELD] = [0; HELD];
static mut STORE_BYTES: [u8; STORE] = [0; STORE];

/// The hash the chain verifies the signature over: SHA-256, or Keccak-256 for the
/// Ethereum-style key. One lives in the signer's static, so its size is paid once and
/// boxing the larger context would only move it to the 2 KiB heap.
#[allow(clippy::large_enum_variant)]
enum Hasher {
    None,
    Sha(Sha2_256),
    Keccak(Keccak256),
}

/// What the SIGN APDU's reply is followed by on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum After {
    /// Nothing (more chunks expected, or refused before anything was shown).
    Nothing,
    /// A review ended: signed or rejected.
    Done { kind: Kind, signed: bool },
    /// A streamed review on screen was closed by a refusal.
    Refused,
}

/// The signing state kept between APDUs. One lives in a static for the app's life.
pub struct Signer {
    flow: SignFlow<'static, ELEMENT, HELD>,
    hasher: Hasher,
    live: Live,
}

impl Signer {
    /// The app's signer, over the static buffers. Call once: a second signer would
    /// share them.
    pub fn take_once() -> Self {
        // SAFETY: called once, from `sample_main`; nothing else names these static arrays, so
        // these are their only references for the app's life.
        let (elem, held, store) = unsafe {
            (
                &mut *core::ptr::addr_of_mut!(ELEMENT_BYTES),
                &mut *core::ptr::addr_of_mut!(HELD_BYTES),
                &mut *core::ptr::addr_of_mut!(STORE_BYTES),
            )
        };
        Signer { flow: SignFlow::new(elem, held, store), hasher: Hasher::None, live: Live::new() }
    }

    /// Takes one SIGN chunk; on the last, reviews and signs.
    pub fn receive(
        &mut self,
        comm: &mut Comm,
        chunk: Chunk,
        mode: Option<SignMode>,
        data: &[u8],
        policy: Policy,
    ) -> (Outcome, After) {
        let mut dev = OnDevice { comm, hasher: &mut self.hasher, live: &mut self.live };
        let answer = self.flow.receive(&mut dev, chunk, mode, data, policy);
        if answer != Answer::More {
            self.live.stop();
            self.hasher = Hasher::None;
        }
        match answer {
            Answer::More => (Outcome::Data(heapless::Vec::new()), After::Nothing),
            Answer::Refused { refusal, shown } => {
                (Outcome::Refused(refusal), if shown { After::Refused } else { After::Nothing })
            }
            Answer::Rejected { kind } => (
                Outcome::Status(StatusWord::CommandNotAllowed),
                After::Done { kind, signed: false },
            ),
            Answer::Approved { path, hash, kind } => {
                let outcome = sign(&path, &hash);
                let signed = matches!(outcome, Outcome::Data(_));
                (outcome, After::Done { kind, signed })
            }
        }
    }
}

/// The device's side of the flow, for one APDU.
struct OnDevice<'a> {
    comm: &'a mut Comm,
    hasher: &'a mut Hasher,
    live: &'a mut Live,
}

impl Device for OnDevice<'_> {
    fn hash_start(&mut self, key: KeyKind) {
        *self.hasher = match key {
            KeyKind::Cosmos => Hasher::Sha(Sha2_256::new()),
            KeyKind::Eth => Hasher::Keccak(Keccak256::new()),
        };
    }

    fn hash_update(&mut self, data: &[u8]) -> Result<(), ()> {
        match self.hasher {
            Hasher::None => Err(()),
            Hasher::Sha(h) => h.update(data).map_err(|_| ()),
            Hasher::Keccak(h) => h.update(data).map_err(|_| ()),
        }
    }

    fn hash_finish(&mut self) -> Option<[u8; 32]> {
        let mut out = [0u8; 32];
        match self.hasher {
            Hasher::None => return None,
            Hasher::Sha(h) => h.finalize(&mut out).ok()?,
            Hasher::Keccak(h) => h.finalize(&mut out).ok()?,
        }
        Some(out)
    }

    fn address(&mut self, path: &Path) -> Option<[u8; 20]> {
        crypto::address_bytes(path)
    }

    fn long_start(&mut self) -> bool {
        self.live.start(self.comm)
    }

    fn long_show(&mut self, label: &str, value: &str) -> bool {
        self.live.show(self.comm, label, value)
    }

    fn long_show_hash(&mut self, hash: &[u8; 32]) -> bool {
        self.live.show_hash(self.comm, hash)
    }

    fn long_finish(&mut self, question: &str) -> bool {
        self.live.finish(self.comm, question)
    }

    fn review_held(
        &mut self,
        store: &ScreenStore<'_>,
        kind: Kind,
        title: &str,
        question: &str,
    ) -> bool {
        ui::sign::review_held(self.comm, store, kind, title, question)
    }

    fn review_blind(&mut self, hash: &[u8; 32]) -> bool {
        ui::sign::review_blind(self.comm, hash)
    }
}

fn sign(path: &Path, hash: &[u8; 32]) -> Outcome {
    let key = Secp256k1::derive_from_path(&path.0);
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
