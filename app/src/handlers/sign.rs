//! SIGN_SECP256K1 (INS 0x02): the document decoded as its chunks arrive, hashed as they
//! come, nothing of it written to flash; then the review and an RFC 6979 low-S DER
//! signature over the hash of exactly the bytes received.
//!
//! A DIRECT or Amino JSON document streams through the core's decoder
//! (`milkyway_core::stream`): its screens are held in RAM (`milkyway_core::review`) and,
//! when the last chunk has come and the document is checked in full, shown in the
//! standard review (back and forth, position shown). Screens that overflow the store turn
//! the review streamed: it starts at that chunk and shows each chunk's screens before
//! that chunk is answered. A SIGN_MODE_TEXTUAL document is CBOR read whole: it is kept in
//! the decoder's element buffer (so at most `MEMORY.element` bytes), then reviewed the
//! same way.

use core::cell::Cell;

use ledger_device_sdk::ecc::{Secp256k1, SeedDerive};
use ledger_device_sdk::hash::{sha2::Sha2_256, sha3::Keccak256, HashInit};
use ledger_device_sdk::io::Comm;
use milkyway_core::apdu::{hrp_allowed, parse_sign_init, Chunk, KeyKind, StatusWord, ETH_KEY_HRP};
use milkyway_core::intent::Intent;
use milkyway_core::review::{self, Collector, Memory, Placed};
use milkyway_core::session::{
    self, Format, Policy, Prefix, Refusal, ETH_KEY_CLEAR_ONLY, ETH_KEY_INIT_ONLY,
    SIGNER_KEY_MISMATCH,
};
use milkyway_core::signature::{normalize_low_s, MAX_DER};
use milkyway_core::stream::{Event, Own, Stream, StreamError, StreamOptions};
use milkyway_core::text::Text;
use milkyway_core::{chains, textual, Error, SignMode};

use crate::ui::sign::{Kind, Live, Titles};
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
pub const STORE: usize = MEMORY.store;

pub type Store = milkyway_core::review::ScreenStore<'static>;

/// The decoder's buffers and the screen store: zero-filled statics (`.bss`), lent to the
/// one [`Signer`] for the app's life.
static mut ELEMENT_BYTES: [u8; ELEMENT] = [0; ELEMENT];
static mut HELD_BYTES: [u8; HELD] = [0; HELD];
static mut STORE_BYTES: [u8; STORE] = [0; STORE];

/// What the chunks are.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Doc {
    /// A transaction, through the streaming decoder.
    Tx,
    /// A SIGN_MODE_TEXTUAL document of this many bytes so far, in the decoder's room.
    Textual(usize),
}

/// The hash the chain verifies the signature over: SHA-256, or Keccak-256 for the
/// Ethereum-style key.
enum Hasher {
    Sha(Sha2_256),
    Keccak(Keccak256),
}

impl Hasher {
    fn update(&mut self, data: &[u8]) -> Result<(), ()> {
        match self {
            Hasher::Sha(h) => h.update(data).map_err(|_| ()),
            Hasher::Keccak(h) => h.update(data).map_err(|_| ()),
        }
    }

    fn finish(&mut self) -> Option<[u8; 32]> {
        let mut out = [0u8; 32];
        match self {
            Hasher::Sha(h) => h.finalize(&mut out).ok()?,
            Hasher::Keccak(h) => h.finalize(&mut out).ok()?,
        }
        Some(out)
    }
}

/// The request `init` opened.
#[derive(Clone, Copy)]
struct Request {
    path: milkyway_core::apdu::Path,
    /// What the document is, as `init`'s P2 said (every chunk must say the same: the
    /// decoder reads it from the first byte on).
    format: Format,
    /// The policy the document is read under (blind signing off for the 44'/60' key).
    policy: Policy,
    prefix: Option<Prefix>,
}

/// What the SIGN APDU's reply is followed by on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum After {
    /// Nothing (more chunks expected, or refused before anything was shown).
    Nothing,
    /// A transaction's review ended: signed or rejected.
    Transaction { signed: bool },
    /// An off-chain message's review ended.
    Message { signed: bool },
    /// A review on screen was closed by a refusal.
    Refused,
}

/// The signing state kept between APDUs. One lives in a static for the app's life.
pub struct Signer {
    stream: Stream<'static, ELEMENT, HELD>,
    doc: Doc,
    request: Option<Request>,
    hasher: Option<Hasher>,
    collector: Collector<'static>,
    live: Live,
}

/// Why a chunk ended the request.
enum Stop {
    Refused(Refusal),
    /// The user rejected the review on screen.
    Rejected,
}

impl From<Refusal> for Stop {
    fn from(r: Refusal) -> Self {
        Stop::Refused(r)
    }
}

impl From<StatusWord> for Stop {
    fn from(sw: StatusWord) -> Self {
        Stop::Refused(Refusal::status(sw))
    }
}

impl From<Error> for Stop {
    fn from(e: Error) -> Self {
        Stop::Refused(Refusal::reason(e.reason()))
    }
}

impl Signer {
    /// The app's signer, over the static buffers. Call once: a second signer would
    /// share them.
    pub fn take_once() -> Self {
        let idle = StreamOptions::preview(SignMode::AminoJson, false, None, None);
        // SAFETY: called once, from `sample_main`; nothing else names these statics, so
        // these are their only references for the app's life.
        let (elem, held, store) = unsafe {
            (
                &mut *core::ptr::addr_of_mut!(ELEMENT_BYTES),
                &mut *core::ptr::addr_of_mut!(HELD_BYTES),
                &mut *core::ptr::addr_of_mut!(STORE_BYTES),
            )
        };
        Signer {
            stream: Stream::new(idle, elem, held),
            doc: Doc::Tx,
            request: None,
            hasher: None,
            collector: Collector::new(store),
            live: Live::new(),
        }
    }

    /// Takes one SIGN chunk; on the last, reviews and signs. Any error ends the request.
    pub fn receive(
        &mut self,
        comm: &mut Comm,
        chunk: Chunk,
        mode: Option<SignMode>,
        data: &[u8],
        policy: Policy,
    ) -> (Outcome, After) {
        let result = match chunk {
            Chunk::Init => self.init(mode, data, policy).map(|()| None),
            Chunk::Add | Chunk::Last => match self.request {
                Some(r) if r.format != Format::of(mode) => {
                    Err(Refusal::reason(Error::ChunkModeChanged.reason()).into())
                }
                _ => self.take(comm, chunk == Chunk::Last, data),
            },
        };
        let done = chunk == Chunk::Last || result.is_err();
        let was_live = self.live.is_on();
        let answer = match result {
            Ok(None) => (Outcome::Data(heapless::Vec::new()), After::Nothing),
            Ok(Some(done)) => done,
            Err(Stop::Rejected) => (
                Outcome::Status(StatusWord::CommandNotAllowed),
                After::Transaction { signed: false },
            ),
            Err(Stop::Refused(r)) => {
                (Outcome::Refused(r), if was_live { After::Refused } else { After::Nothing })
            }
        };
        if done {
            self.reset();
        }
        answer
    }

    fn reset(&mut self) {
        self.request = None;
        self.hasher = None;
        self.collector.reset();
        self.live.stop();
    }

    fn init(&mut self, mode: Option<SignMode>, data: &[u8], policy: Policy) -> Result<(), Stop> {
        self.reset();
        let (path, hrp) = parse_sign_init(data, policy.expert)?;
        let prefix = match hrp {
            None => None,
            Some(hrp) => {
                if !hrp_allowed(&hrp, path.key(), policy.expert, false) {
                    return Err(StatusWord::ChainNotAllowed.into());
                }
                Some(Prefix::new(hrp.0).ok_or(StatusWord::WrongHrpLength)?)
            }
        };
        let eth = path.key() == KeyKind::Eth;
        let format = Format::of(mode);
        // The Ethereum-style key signs only what is shown in full: never blind, never
        // SIGN_MODE_TEXTUAL (its signature is an Ethereum signature too).
        let policy = Policy { blind_signing: policy.blind_signing && !eth, ..policy };
        self.hasher =
            Some(if eth { Hasher::Keccak(Keccak256::new()) } else { Hasher::Sha(Sha2_256::new()) });
        match format {
            Format::Textual if eth => return Err(Refusal::reason(ETH_KEY_CLEAR_ONLY).into()),
            Format::Textual => {
                self.stream.room();
                self.doc = Doc::Textual(0);
            }
            Format::Tx(mode) => {
                let key = crypto::address_bytes(&path).ok_or(StatusWord::ExecutionError)?;
                let opts = StreamOptions {
                    mode,
                    policy,
                    prefix,
                    chain_rule: true,
                    own: Own::Key(key),
                    direct_chain: prefix
                        .and_then(|p| chains::CHAINS.iter().find(|c| c.hrp == p.as_str())),
                };
                self.stream.restart(opts);
                self.doc = Doc::Tx;
            }
        }
        self.request = Some(Request { path, format, policy, prefix });
        Ok(())
    }

    /// An `add` or `last` chunk: `Some` the final answer after the last one.
    fn take(
        &mut self,
        comm: &mut Comm,
        last: bool,
        data: &[u8],
    ) -> Result<Option<(Outcome, After)>, Stop> {
        let Some(request) = self.request else {
            return Err(StatusWord::CommandNotAllowed.into());
        };
        let hasher = self.hasher.as_mut().ok_or(StatusWord::CommandNotAllowed)?;
        hasher.update(data).map_err(|()| StatusWord::ExecutionError)?;
        let collector = &mut self.collector;
        let live = &mut self.live;
        let rejected = Cell::new(false);
        let mut sink = |event: Event<'_>| place(comm, collector, live, &rejected, event);
        let ended = match self.doc {
            Doc::Textual(len) => {
                let room = self.stream.room();
                let end = len.checked_add(data.len()).ok_or(StatusWord::TxTooBig)?;
                room.get_mut(len..end).ok_or(StatusWord::TxTooBig)?.copy_from_slice(data);
                self.doc = Doc::Textual(end);
                if !last {
                    return Ok(None);
                }
                let bytes = room.get(..end).ok_or(StatusWord::TxTooBig)?;
                let envelope = textual::decode(bytes).map_err(|e| Refusal::reason(e.reason()))?;
                let prefix = request.prefix.as_ref().map(Prefix::as_str);
                session::chain_rule(&Text::Plain(envelope.chain_id()), prefix, request.policy)?;
                let mut screens = |screen: milkyway_core::Screen<'_>| {
                    sink(Event::Screen { screen, action: None })
                };
                let shown = textual::render(&envelope, &mut screens);
                stopped(shown, rejected.get())?;
                Ended { blind: false, offchain: false, intent: Intent::default(), messages: 0 }
            }
            Doc::Tx => {
                let stream = &mut self.stream;
                let fed = stream.feed(data, &mut sink);
                stopped_stream(fed, rejected.get())?;
                if !last {
                    return Ok(None);
                }
                let finished = stream.finish(&mut sink);
                let fin = stopped_stream(finished, rejected.get())?;
                let eth = request.path.key() == KeyKind::Eth;
                if eth && fin.own_prefix.as_ref().map(Prefix::as_str) != Some(ETH_KEY_HRP) {
                    return Err(Refusal::reason(ETH_KEY_INIT_ONLY).into());
                }
                if fin.signer_key.is_some_and(|k| k != request.path.key()) {
                    return Err(Refusal::reason(SIGNER_KEY_MISMATCH).into());
                }
                Ended {
                    blind: fin.blind,
                    offchain: fin.offchain,
                    intent: fin.intent,
                    messages: fin.messages,
                }
            }
        };
        let hash = hasher.finish().ok_or(StatusWord::ExecutionError)?;
        let approved = self.review(comm, &ended, &hash)?;
        let signed = approved.then(|| sign(&request, &hash));
        let after = |signed: bool| match ended.offchain {
            true => After::Message { signed },
            false => After::Transaction { signed },
        };
        Ok(Some(match signed {
            None => (Outcome::Status(StatusWord::CommandNotAllowed), after(false)),
            Some(Outcome::Data(sig)) => (Outcome::Data(sig), after(true)),
            Some(other) => (other, after(false)),
        }))
    }

    /// The review after the last chunk: the held screens in the standard review, the
    /// rest of a streamed one, or the blind review. Whether the user approved.
    fn review(&mut self, comm: &mut Comm, ended: &Ended, hash: &[u8; 32]) -> Result<bool, Stop> {
        let kind = if ended.offchain { Kind::Message } else { Kind::Transaction };
        let titles = Titles::of(kind, &ended.intent)?;
        if self.live.is_on() {
            // A streamed review: an off-chain message must be shown whole under its own
            // titles, which a review started as a long transaction's cannot give.
            if ended.offchain {
                return Err(Error::TooManyScreens.into());
            }
            if ended.blind && !self.live.show_hash(comm, hash) {
                return Err(Stop::Rejected);
            }
            return Ok(self.live.finish(comm, titles.finish()));
        }
        if ended.blind {
            return Ok(ui::sign::review_blind(comm, hash));
        }
        self.collector.store.number(Some(ended.messages));
        Ok(ui::sign::review_held(comm, &self.collector.store, kind, &titles))
    }
}

/// What a document decoded to its end needs for its review.
struct Ended {
    blind: bool,
    offchain: bool,
    intent: Intent,
    messages: usize,
}

/// One event of the decoder: a screen held, or shown when the review is streamed.
fn place(
    comm: &mut Comm,
    collector: &mut Collector<'static>,
    live: &mut Live,
    rejected: &Cell<bool>,
    event: Event<'_>,
) -> Result<(), Error> {
    let (label, value, action) = match event {
        Event::Screen { screen, action } => (screen.label, screen.value, action),
        // Held: the review will be the blind one (the stream reports it at the end).
        Event::Blind if !collector.streaming => return Ok(()),
        Event::Blind => {
            return live.warn_blind(comm).then_some(()).ok_or_else(|| reject(rejected));
        }
    };
    let shown = match collector.place(label, value, action) {
        Placed::Held => true,
        Placed::Overflow => {
            live.start(comm) && live.show_store(comm, &collector.store) && {
                collector.store.clear();
                live.show(comm, label, value, action)
            }
        }
        Placed::Show => live.show(comm, label, value, action),
    };
    if shown {
        Ok(())
    } else {
        Err(reject(rejected))
    }
}

/// Marks the user's rejection; the error only stops the decoder (it is not reported).
fn reject(rejected: &Cell<bool>) -> Error {
    rejected.set(true);
    Error::TooManyScreens
}

fn stopped(result: Result<(), Error>, rejected: bool) -> Result<(), Stop> {
    match result {
        _ if rejected => Err(Stop::Rejected),
        Ok(()) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

fn stopped_stream<T>(result: Result<T, StreamError>, rejected: bool) -> Result<T, Stop> {
    match result {
        _ if rejected => Err(Stop::Rejected),
        Ok(t) => Ok(t),
        Err(StreamError::Chain(r)) => Err(r.into()),
        Err(StreamError::Decode(e)) => Err(e.into()),
    }
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
