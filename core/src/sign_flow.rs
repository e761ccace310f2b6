//! A SIGN request (INS 0x02) from its chunks to the user's decision, host-testable: the
//! device supplies only the hash, its key's address and the screens ([`Device`]).
//!
//! Rules:
//! - `init` always starts a new request (whatever came before is dropped) and checks the
//!   path and the optional prefix; its P2 says what the document is, and every later
//!   chunk must say the same (the decoder reads the document from its first byte);
//! - `add` and `last` are accepted only after an `init`; out of order they answer
//!   `0x6986`, so a stray chunk can never end up in a later signature;
//! - a DIRECT or Amino JSON document streams through [`crate::stream`] as the chunks
//!   arrive, hashed by the device as they come: a document breaking a rule is refused at
//!   the chunk where it does; its screens go to the [`Collector`]: held, or shown as they
//!   come once the store has overflowed (a streamed review);
//! - a SIGN_MODE_TEXTUAL document is CBOR read whole, kept in the decoder's element
//!   buffer (`0x6988` when it does not fit), its screens collected the same way;
//! - after the last chunk the document has been checked to its end (the chain rule, the
//!   DIRECT chain, the `44'/60'` key's rules) before the final review: the held screens
//!   in the standard review, the rest of a streamed one, or the blind review;
//! - every refusal or rejection ends the request.

use core::cell::Cell;
use core::fmt::Write;

use crate::apdu::{hrp_allowed, parse_sign_init, Chunk, KeyKind, Path, StatusWord, ETH_KEY_HRP};
use crate::chains;
use crate::error::Error;
use crate::intent::Intent;
use crate::render::Buf;
use crate::review::{self, Collector, Placed, ScreenStore};
use crate::session::{
    self, Format, Policy, Prefix, Refusal, ETH_KEY_CLEAR_ONLY, ETH_KEY_INIT_ONLY,
    SIGNER_KEY_MISMATCH,
};
use crate::stream::{Event, Own, Stream, StreamError, StreamOptions};
use crate::text::Text;
use crate::tx::SignMode;

/// "Review transaction to " / "Sign transaction to " + an operation + " " + a symbol + "?".
pub const TITLE_CHARS: usize = 112;

/// What a review is of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Transaction,
    /// An ADR-036 off-chain message: "Review message" / "Sign message?".
    Message,
}

/// What the device does for the flow: the hash of the sign bytes, its key's address, the
/// screens. Every screen method answers false when the user rejects.
pub trait Device {
    /// Starts the hash the signature is over: SHA-256, or Keccak-256 for `KeyKind::Eth`.
    fn hash_start(&mut self, key: KeyKind);
    /// Hashes the next bytes; `Err` when the device's hash fails (the request ends with
    /// `0x6400`, an execution error).
    #[allow(clippy::result_unit_err)]
    fn hash_update(&mut self, data: &[u8]) -> Result<(), ()>;
    fn hash_finish(&mut self) -> Option<[u8; 32]>;
    /// The 20 address bytes of the key at `path`.
    fn address(&mut self, path: &Path) -> Option<[u8; 20]>;
    /// A streamed review's first page ([`review::LONG_TITLE`]).
    fn long_start(&mut self) -> bool;
    /// A streamed review's next screen.
    fn long_show(&mut self, label: &str, value: &str) -> bool;
    /// A streamed blind review's last screen: the SHA-256 of the sign bytes.
    fn long_show_hash(&mut self, hash: &[u8; 32]) -> bool;
    /// The end of a streamed review: its last screens, then the signing `question`.
    fn long_finish(&mut self, question: &str) -> bool;
    /// The standard review of the held screens between `title` and `question`.
    fn review_held(
        &mut self,
        store: &ScreenStore<'_>,
        kind: Kind,
        title: &str,
        question: &str,
    ) -> bool;
    /// The blind review: the warning, then the SHA-256 of the sign bytes.
    fn review_blind(&mut self, hash: &[u8; 32]) -> bool;
}

/// What a chunk is answered with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// `0x9000`: the next chunk.
    More,
    /// Refused. `shown`: a streamed review was on screen (the device closes it with
    /// "Transaction refused").
    Refused { refusal: Refusal, shown: bool },
    /// The user rejected the review (`0x6986`).
    Rejected { kind: Kind },
    /// The user approved: sign `hash` with the key at `path`.
    Approved { path: Path, hash: [u8; 32], kind: Kind },
}

/// What the chunks are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Doc {
    /// A transaction, through the streaming decoder.
    Tx,
    /// A SIGN_MODE_TEXTUAL document of this many bytes so far, in the decoder's room.
    Textual(usize),
}

/// The request `init` opened.
#[derive(Clone, Copy, Debug)]
struct Request {
    path: Path,
    format: Format,
    /// The policy the document is read under (blind signing off for the `44'/60'` key).
    policy: Policy,
    prefix: Option<Prefix>,
}

/// Why a chunk ended the request.
enum Stop {
    Refused(Refusal),
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

/// A document decoded to its end.
struct Ended {
    blind: bool,
    offchain: bool,
    intent: Intent,
    messages: usize,
}

/// The SIGN state kept between APDUs, over the caller's buffers.
pub struct SignFlow<'b, const E: usize, const H: usize> {
    stream: Stream<'b, E, H>,
    doc: Doc,
    request: Option<Request>,
    collector: Collector<'b>,
}

impl<'b, const E: usize, const H: usize> SignFlow<'b, E, H> {
    /// A flow over the decoder's buffers `elem` and `held` and the screen store `store`.
    pub fn new(elem: &'b mut [u8; E], held: &'b mut [u8; H], store: &'b mut [u8]) -> Self {
        let idle = StreamOptions::preview(SignMode::AminoJson, false, None, None);
        SignFlow {
            stream: Stream::new(idle, elem, held),
            doc: Doc::Tx,
            request: None,
            collector: Collector::new(store),
        }
    }

    /// Takes one SIGN chunk (P1 `chunk`, P2 `mode`); after the last, reviews. Any
    /// refusal or rejection ends the request.
    pub fn receive(
        &mut self,
        dev: &mut dyn Device,
        chunk: Chunk,
        mode: Option<SignMode>,
        data: &[u8],
        policy: Policy,
    ) -> Answer {
        let result = match chunk {
            Chunk::Init => self.init(dev, mode, data, policy).map(|()| None),
            Chunk::Add | Chunk::Last => match self.request {
                Some(r) if r.format != Format::of(mode) => {
                    Err(Refusal::reason(Error::ChunkModeChanged.reason()).into())
                }
                _ => self.take(dev, chunk == Chunk::Last, data),
            },
        };
        let shown = self.collector.streaming;
        let answer = match result {
            Ok(None) => return Answer::More,
            Ok(Some(answer)) => answer,
            Err(Stop::Rejected) => Answer::Rejected { kind: Kind::Transaction },
            Err(Stop::Refused(refusal)) => Answer::Refused { refusal, shown },
        };
        self.reset();
        answer
    }

    fn reset(&mut self) {
        self.request = None;
        self.collector.reset();
    }

    fn init(
        &mut self,
        dev: &mut dyn Device,
        mode: Option<SignMode>,
        data: &[u8],
        policy: Policy,
    ) -> Result<(), Stop> {
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
        match format {
            Format::Textual if eth => return Err(Refusal::reason(ETH_KEY_CLEAR_ONLY).into()),
            Format::Textual => {
                self.stream.room();
                self.doc = Doc::Textual(0);
            }
            Format::Tx(mode) => {
                let key = dev.address(&path).ok_or(StatusWord::ExecutionError)?;
                let opts = StreamOptions {
                    mode,
                    policy,
                    prefix,
                    chain_rule: true,
                    own: Own::Key(key),
                    direct_chain: prefix
                        .and_then(|p| chains::CHAINS.iter().find(|c| c.hrp == p.as_str())),
                    only_prefix: eth.then_some(ETH_KEY_HRP),
                };
                self.stream.restart(opts);
                self.doc = Doc::Tx;
            }
        }
        dev.hash_start(path.key());
        self.request = Some(Request { path, format, policy, prefix });
        Ok(())
    }

    /// An `add` or `last` chunk: `Some` the final answer after the last one.
    fn take(
        &mut self,
        dev: &mut dyn Device,
        last: bool,
        data: &[u8],
    ) -> Result<Option<Answer>, Stop> {
        let Some(request) = self.request else {
            return Err(StatusWord::CommandNotAllowed.into());
        };
        dev.hash_update(data).map_err(|()| StatusWord::ExecutionError)?;
        let rejected = Cell::new(false);
        let ended = {
            let collector = &mut self.collector;
            let mut sink = |event: Event<'_>| place(&mut *dev, collector, &rejected, event);
            match self.doc {
                Doc::Textual(len) => {
                    let room = self.stream.room();
                    let end = len.checked_add(data.len()).ok_or(StatusWord::TxTooBig)?;
                    room.get_mut(len..end).ok_or(StatusWord::TxTooBig)?.copy_from_slice(data);
                    self.doc = Doc::Textual(end);
                    if !last {
                        return Ok(None);
                    }
                    let bytes = room.get(..end).ok_or(StatusWord::TxTooBig)?;
                    let envelope =
                        crate::textual::decode(bytes).map_err(|e| Refusal::reason(e.reason()))?;
                    let prefix = request.prefix.as_ref().map(Prefix::as_str);
                    let chain_id = Text::Plain(envelope.chain_id());
                    session::chain_rule(&chain_id, prefix, request.policy)?;
                    let mut screens =
                        |screen: crate::Screen<'_>| sink(Event::Screen { screen, action: None });
                    let shown = crate::textual::render(&envelope, &mut screens);
                    stopped(shown.map_err(StreamError::Decode), rejected.get())?;
                    Ended { blind: false, offchain: false, intent: Intent::default(), messages: 0 }
                }
                Doc::Tx => {
                    let fed = self.stream.feed(data, &mut sink);
                    stopped(fed, rejected.get())?;
                    if !last {
                        return Ok(None);
                    }
                    let finished = self.stream.finish(&mut sink);
                    let fin = stopped(finished, rejected.get())?;
                    let eth = request.path.key() == KeyKind::Eth;
                    let own_prefix = fin.own_prefix.as_ref().map(Prefix::as_str);
                    if eth && !fin.offchain && own_prefix != Some(ETH_KEY_HRP) {
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
            }
        };
        let hash = dev.hash_finish().ok_or(StatusWord::ExecutionError)?;
        let kind = if ended.offchain { Kind::Message } else { Kind::Transaction };
        let approved = self.review(dev, &ended, kind, &hash)?;
        Ok(Some(match approved {
            true => Answer::Approved { path: request.path, hash, kind },
            false => Answer::Rejected { kind },
        }))
    }

    /// The review after the last chunk; whether the user approved.
    fn review(
        &mut self,
        dev: &mut dyn Device,
        ended: &Ended,
        kind: Kind,
        hash: &[u8; 32],
    ) -> Result<bool, Stop> {
        let mut title: Buf<TITLE_CHARS> = Buf::new();
        let mut question: Buf<TITLE_CHARS> = Buf::new();
        write_titles(kind, &ended.intent, &mut title, &mut question)?;
        if self.collector.streaming {
            // An off-chain message must be shown whole under its own titles, which a
            // review started as a long transaction's cannot give.
            if ended.offchain {
                return Err(Error::TooManyScreens.into());
            }
            if ended.blind && !dev.long_show_hash(hash) {
                return Err(Stop::Rejected);
            }
            return Ok(dev.long_finish(question.as_str()));
        }
        if ended.blind {
            return Ok(dev.review_blind(hash));
        }
        self.collector.store.number(Some(ended.messages));
        Ok(dev.review_held(&self.collector.store, kind, title.as_str(), question.as_str()))
    }
}

/// The review's first page and its signing question: a transaction's name its intent
/// ("Review transaction to restake MILK" / "Sign transaction to restake MILK?"; generic
/// for a mixed, blind or SIGN_MODE_TEXTUAL one: in Textual the chain writes the screens
/// and the app does not read an operation out of them); an off-chain message's are
/// "Review message" / "Sign message?".
pub fn write_titles(
    kind: Kind,
    intent: &Intent,
    title: &mut dyn Write,
    question: &mut dyn Write,
) -> Result<(), Error> {
    match kind {
        Kind::Transaction => {
            intent.write_review(title).map_err(|_| Error::ValueTooLong)?;
            intent.write_sign(question).map_err(|_| Error::ValueTooLong)
        }
        Kind::Message => {
            title.write_str("Review message").map_err(|_| Error::ValueTooLong)?;
            question.write_str("Sign message?").map_err(|_| Error::ValueTooLong)
        }
    }
}

/// One event of the decoder: a screen held, or shown when the review is streamed.
fn place(
    dev: &mut dyn Device,
    collector: &mut Collector<'_>,
    rejected: &Cell<bool>,
    event: Event<'_>,
) -> Result<(), Error> {
    let (label, value, action) = match event {
        Event::Screen { screen, action } => (screen.label, screen.value, action),
        // Held: the review will be the blind one (the decoder reports it at the end).
        Event::Blind if !collector.streaming => return Ok(()),
        Event::Blind => {
            return match dev.long_show(review::BLIND_LABEL, review::BLIND_WARNING) {
                true => Ok(()),
                false => Err(reject(rejected)),
            };
        }
    };
    let mut numbered = Buf::new();
    let shown = match collector.place(label, value, action) {
        Placed::Held => true,
        Placed::Overflow => {
            let store = &collector.store;
            let held = dev.long_start()
                && (0..store.len()).all(|i| match store.get(i) {
                    Some((l, v)) => dev.long_show(l, v),
                    None => false,
                });
            collector.store.clear();
            held && dev.long_show(review::streamed_label(label, action, &mut numbered), value)
        }
        Placed::Show => dev.long_show(review::streamed_label(label, action, &mut numbered), value),
    };
    match shown {
        true => Ok(()),
        false => Err(reject(rejected)),
    }
}

/// Marks the user's rejection; the error only stops the decoder (it is not reported).
fn reject(rejected: &Cell<bool>) -> Error {
    rejected.set(true);
    Error::TooManyScreens
}

fn stopped<T>(result: Result<T, StreamError>, rejected: bool) -> Result<T, Stop> {
    match result {
        _ if rejected => Err(Stop::Rejected),
        Ok(t) => Ok(t),
        Err(StreamError::Chain(r)) => Err(r.into()),
        Err(StreamError::Decode(e)) => Err(e.into()),
    }
}
