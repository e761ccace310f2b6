//! The streaming decoder: a sign document decoded, checked and rendered as its chunks
//! arrive, holding at most one element of it at a time.
//!
//! An *element* is one top-level piece of the document: a message, the memo, the fee
//! (`AuthInfo` in SIGN_MODE_DIRECT), the chain id, a number. [`Stream::feed`] takes the
//! bytes in any cuts; a small state machine per mode ([`direct`]: a protobuf walker over
//! `SignDoc` → `TxBody`; [`amino`]: a scanner of the canonical top-level `StdSignDoc`
//! object and its `msgs` array) finds where each element starts and ends, copies it into
//! one element buffer of `E` bytes, and decodes it with the whole-buffer decoders
//! ([`crate::msg`], [`crate::json`], [`crate::direct`], [`crate::amino`]) the moment it is
//! complete. A message is rendered then and there ([`Event::Screen`]); the small elements
//! the closing screens need (memo, fee, chain id) are kept in a second buffer of `H`
//! bytes and rendered by [`Stream::finish`], in the order [`crate::render`] shows them.
//!
//! So the same document cut anywhere gives the same events, the same refusal at the same
//! byte, and (the caller hashes what it feeds) the same hash. Memory: `E + H` bytes plus
//! about 1 KiB of state on the device (1.4 KiB on a 64-bit host; `core/tests/stream.rs`
//! holds it to that), whatever the document's size or number of messages. The
//! renderer's page and label buffers (about 270 bytes) and the JSON reader's level array
//! live on the stack while an element is decoded.
//!
//! Where it differs from decoding the whole buffer ([`crate::tx::decode`] then
//! [`crate::render::render`]), all on the side of refusing:
//! - an element larger than `E` (`H` for the memo, fee and chain id together) is refused
//!   ([`Error::ElementTooLarge`]), except a message of a type the catalog does not
//!   know, with blind signing on: its type is read from its first bytes and the rest is
//!   passed through (hashed by the caller, not kept; in Amino JSON held to the canonical
//!   form by [`json_check`]);
//! - SIGN_MODE_DIRECT puts the chain id after the messages, so they are shown for
//!   [`StreamOptions::direct_chain`] (the chain the address prefix names) and the chain
//!   id must then be that chain ([`Error::ChainNotAsShown`]);
//! - with [`StreamOptions::chain_rule`], the chain rule ([`session::chain_rule`]) applies
//!   to blind signing too;
//! - a document breaking two rules is refused for the first one met in document order
//!   (the whole-buffer decoder checks the framing first, then the messages).
//!
//! The top-level message's title screen is labelled "Action" and marked with its index
//! ([`Event::Screen::action`]): the count is known only at the end, so the reviewer
//! numbers it ([`crate::render::write_action_label`]): "Action 3" while streaming,
//! "Action 3/200" when the whole review is held.

mod amino;
mod direct;
pub mod json_check;

use crate::chains::{self, Chain};
use crate::error::Error;
use crate::intent::{Intent, IntentFold};
use crate::msg::{Message, MAX_JSON_DEPTH};
use crate::render::{self, Buf, Options, Screen};
use crate::session::{self, Policy, Prefix, Refusal};
use crate::sha256::Sha256;
use crate::text::Text;
use crate::tx::{SignMode, Tx};

/// The element buffer the device gives the decoder: the largest message it shows (its
/// encoding: the protobuf `Any`, or the Amino JSON object), the largest root value. A
/// MilkyWay message is 100-400 bytes; a wasm contract call with its JSON or an IBC
/// transfer with a memo a few hundred more; 4 KiB leaves room for ten times that.
pub const ELEMENT_BYTES: usize = 4096;
/// The held buffer the device gives the decoder: memo, fee (`AuthInfo` in DIRECT: the
/// signer's key, mode, sequence and fee) and chain id together. The chain's own memo
/// limit is 256 characters (x/auth `MaxMemoCharacters`); as Amino JSON escapes, 1 KiB.
pub const HELD_BYTES: usize = 1536;

/// Whose signer fields are hidden (as [`Options::own_address`]).
#[derive(Clone, Copy, Debug)]
pub enum Own<'o> {
    /// Show every signer field.
    Nobody,
    /// This address (the host preview).
    Address(&'o str),
    /// The address of these 20 bytes under the prefix the chain rule gives (the device).
    Key([u8; 20]),
}

#[derive(Clone, Copy, Debug)]
pub struct StreamOptions<'o> {
    pub mode: SignMode,
    pub policy: Policy,
    /// The address prefix sent with the first chunk, if any.
    pub prefix: Option<Prefix>,
    /// Apply the chain rule of [`session::chain_rule`] (the device does; the host preview
    /// checks it apart).
    pub chain_rule: bool,
    pub own: Own<'o>,
    /// SIGN_MODE_DIRECT: the chain the messages are shown for, before the chain id comes
    /// (the first chain of the address prefix; `None` for an unknown one).
    pub direct_chain: Option<&'static Chain>,
    /// The only prefix the chain rule may give the signer (`init` for the Ethereum-style
    /// key): another is refused with [`session::ETH_KEY_INIT_ONLY`] where the chain rule
    /// is applied.
    pub only_prefix: Option<&'static str>,
}

impl<'o> StreamOptions<'o> {
    /// The options of the host preview and of the tests: no chain rule, `own` hidden,
    /// the DIRECT messages shown for `direct_chain`.
    pub fn preview(
        mode: SignMode,
        expert: bool,
        own_address: Option<&'o str>,
        direct_chain: Option<&'static Chain>,
    ) -> Self {
        StreamOptions {
            mode,
            policy: Policy { expert, blind_signing: false },
            prefix: None,
            chain_rule: false,
            own: own_address.map_or(Own::Nobody, Own::Address),
            direct_chain,
            only_prefix: None,
        }
    }
}

/// Why a streamed document is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StreamError {
    /// The document breaks a rule (or the event sink stopped the stream with this).
    Decode(Error),
    /// The chain rule refuses it.
    Chain(Refusal),
}

impl StreamError {
    pub fn reason(&self) -> &'static str {
        match self {
            StreamError::Decode(e) => e.reason(),
            StreamError::Chain(r) => r.reason,
        }
    }
}

impl From<Error> for StreamError {
    fn from(e: Error) -> Self {
        StreamError::Decode(e)
    }
}

impl From<crate::json::JsonError> for StreamError {
    fn from(e: crate::json::JsonError) -> Self {
        StreamError::Decode(Error::Json(e))
    }
}

/// What the decoder hands out as the document streams.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event<'e> {
    /// A screen. `action` is `Some(i)` on the title screen of top-level message `i` (from
    /// 1), labelled "Action": the reviewer numbers it.
    Screen { screen: Screen<'e>, action: Option<usize> },
    /// A message the catalog does not know, blind signing on: the blind-signing warning
    /// belongs here. Nothing else is shown from here on; the review ends with the hash.
    Blind,
}

/// Where the events go. An error stops the stream with it.
pub type EventSink<'s> = dyn FnMut(Event<'_>) -> Result<(), Error> + 's;

/// A document decoded to its end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Finished {
    /// Blind signing: the review shows the hash.
    pub blind: bool,
    /// An ADR-036 off-chain message (Amino JSON), never a transaction: its screens were
    /// the signer and the data ([`crate::adr036::render`]), its review is "Review
    /// message" / "Sign message?".
    pub offchain: bool,
    /// What the review's title and signing page name (generic when blind).
    pub intent: Intent,
    /// The prefix of the signer's own address, as the chain rule gave it (the device
    /// signs with the Ethereum-style key for `init` only).
    pub own_prefix: Option<Prefix>,
    /// Top-level messages (the unknown ones included).
    pub messages: usize,
    /// The kind of the signer's key a DIRECT `AuthInfo` names (the caller applies the
    /// key rules of [`crate::sign_flow`] to it); `None` in Amino JSON.
    pub signer_key: Option<crate::apdu::KeyKind>,
}

/// The deepest nesting of the whole Amino document (root object = 1), as
/// [`crate::amino::decode`] allows it.
const AMINO_DOC_DEPTH: usize = MAX_JSON_DEPTH.saturating_add(8);

/// A range of the held buffer.
#[derive(Clone, Copy, Debug)]
struct Span {
    start: usize,
    end: usize,
}

/// The streaming decoder of one document. `E`: the element buffer; `H`: the held one.
pub struct Stream<'o, const E: usize, const H: usize> {
    opts: StreamOptions<'o>,
    /// Bytes fed so far.
    pos: u64,
    failed: Option<StreamError>,
    elem: &'o mut [u8; E],
    elem_len: usize,
    held: &'o mut [u8; H],
    held_len: usize,
    memo: Option<Span>,
    fee: Option<Span>,
    chain_id: Option<Span>,
    account_number: Option<u64>,
    sequence: Option<u64>,
    timeout_height: Option<u64>,
    messages: usize,
    blind: bool,
    signer_key: Option<crate::apdu::KeyKind>,
    /// The signer's own address, once known (`own_len` 0: none).
    own: Buf<96>,
    own_known: bool,
    /// The prefix `own` was made with (DIRECT: checked against the chain rule at the end).
    own_hrp: Option<Prefix>,
    /// The chain the messages are shown for.
    chain: Option<&'static Chain>,
    /// SIGN_MODE_DIRECT, a prefix naming two chains (`milk`: MilkyWay and its testnet):
    /// the other one. Its screens of every message are hashed (`alt_hash`) beside the
    /// shown ones' (`shown_hash`); the chain id, at the end, may be it only when both
    /// read the same.
    alt: Option<&'static Chain>,
    folds: Folds,
    /// Amino JSON: the chain id is empty, which only an off-chain message may have.
    offchain_pending: bool,
    /// An off-chain message's one message was read.
    offchain: bool,
    direct: direct::Walker,
    amino: amino::Scanner,
}

impl<'o, const E: usize, const H: usize> Stream<'o, E, H> {
    /// A decoder for a document of `opts`, in the buffers `elem` and `held` (the
    /// caller's: the device keeps them in static arrays, so the decoder itself is small).
    pub fn new(opts: StreamOptions<'o>, elem: &'o mut [u8; E], held: &'o mut [u8; H]) -> Self {
        let mut s = Stream {
            opts,
            pos: 0,
            failed: None,
            elem,
            elem_len: 0,
            held,
            held_len: 0,
            memo: None,
            fee: None,
            chain_id: None,
            account_number: None,
            sequence: None,
            timeout_height: None,
            messages: 0,
            blind: false,
            signer_key: None,
            own: Buf::new(),
            own_known: false,
            own_hrp: None,
            chain: None,
            alt: None,
            folds: Folds { intent: IntentFold::new(), shown: Sha256::new(), alt: Sha256::new() },
            offchain_pending: false,
            offchain: false,
            direct: direct::Walker::new(),
            amino: amino::Scanner::new(),
        };
        s.restart(opts);
        s
    }

    /// Starts a new document with `opts` (the device keeps one decoder for the app's
    /// life).
    pub fn restart(&mut self, opts: StreamOptions<'o>) {
        self.opts = opts;
        self.pos = 0;
        self.failed = None;
        self.elem_len = 0;
        self.held_len = 0;
        self.memo = None;
        self.fee = None;
        self.chain_id = None;
        self.account_number = None;
        self.sequence = None;
        self.timeout_height = None;
        self.messages = 0;
        self.blind = false;
        self.signer_key = None;
        self.chain = None;
        self.alt = None;
        self.folds = Folds { intent: IntentFold::new(), shown: Sha256::new(), alt: Sha256::new() };
        self.offchain_pending = false;
        self.offchain = false;
        self.direct = direct::Walker::new();
        self.amino = amino::Scanner::new();
        self.set_own(None);
        if opts.mode == SignMode::Direct {
            self.chain = opts.direct_chain;
            self.alt = opts.direct_chain.and_then(|shown| {
                chains::CHAINS.iter().find(|c| c.hrp == shown.hrp && c.chain_id != shown.chain_id)
            });
            let hrp = match opts.prefix {
                Some(p) => Some(p),
                None if opts.chain_rule => opts.direct_chain.and_then(|c| Prefix::new(c.hrp)),
                None => None,
            };
            self.set_own(hrp);
        }
    }

    /// Takes the next bytes of the document. Refused once, refused for good (the same
    /// error again).
    pub fn feed(&mut self, data: &[u8], sink: &mut EventSink<'_>) -> Result<(), StreamError> {
        if let Some(e) = self.failed {
            return Err(e);
        }
        let result = match self.opts.mode {
            SignMode::Direct => direct::feed(self, data, sink),
            SignMode::AminoJson => amino::feed(self, data, sink),
            // A SIGN_MODE_TEXTUAL document is no transaction (crate::textual reads it).
            SignMode::Textual => Err(Error::SignModeMismatch.into()),
        };
        if let Err(e) = result {
            self.failed = Some(e);
        }
        result
    }

    /// The document has ended: checks what needs all of it, then renders the closing
    /// screens (memo, fees, chain...; none after a blind message).
    pub fn finish(&mut self, sink: &mut EventSink<'_>) -> Result<Finished, StreamError> {
        if let Some(e) = self.failed {
            return Err(e);
        }
        let result = match self.opts.mode {
            SignMode::Direct => direct::finish(self, sink),
            SignMode::AminoJson => amino::finish(self, sink),
            SignMode::Textual => Err(Error::SignModeMismatch.into()),
        };
        match result {
            Ok(()) => Ok(Finished {
                blind: self.blind,
                offchain: self.offchain,
                intent: if self.blind || self.offchain {
                    Intent::default()
                } else {
                    self.folds.intent.intent()
                },
                own_prefix: self.own_hrp,
                messages: self.messages,
                signer_key: self.signer_key,
            }),
            Err(e) => {
                self.failed = Some(e);
                Err(e)
            }
        }
    }

    /// The element buffer, lent whole to a document read whole rather than streamed (the
    /// device's SIGN_MODE_TEXTUAL document, CBOR): the decoder is left failed, and must
    /// be restarted before it streams again.
    pub fn room(&mut self) -> &mut [u8; E] {
        self.failed = Some(StreamError::Decode(Error::SignModeMismatch));
        self.elem_len = 0;
        self.elem
    }

    /// Bytes taken so far.
    pub fn position(&self) -> u64 {
        self.pos
    }

    // ------------------------------------------------------------ shared by both modes

    /// Sets the own address for the prefix `hrp`.
    fn set_own(&mut self, hrp: Option<Prefix>) {
        self.own.clear();
        self.own_hrp = hrp;
        self.own_known = match self.opts.own {
            Own::Nobody => false,
            Own::Address(a) => core::fmt::Write::write_str(&mut self.own, a).is_ok(),
            Own::Key(key) => match hrp {
                Some(hrp) => crate::bech32::encode(&mut self.own, hrp.as_str(), &key).is_ok(),
                None => false,
            },
        };
    }

    /// Appends the element buffer to the held one.
    fn hold(&mut self) -> Result<Span, Error> {
        let bytes = self.elem.get(..self.elem_len).ok_or(Error::ElementTooLarge)?;
        let start = self.held_len;
        let end = start.checked_add(bytes.len()).ok_or(Error::ElementTooLarge)?;
        self.held.get_mut(start..end).ok_or(Error::ElementTooLarge)?.copy_from_slice(bytes);
        self.held_len = end;
        Ok(Span { start, end })
    }

    fn held(&self, span: Option<Span>) -> &[u8] {
        span.and_then(|s| self.held.get(s.start..s.end)).unwrap_or(&[])
    }

    /// Appends one byte to the element buffer.
    fn push(&mut self, b: u8) -> Result<(), Error> {
        let slot = self.elem.get_mut(self.elem_len).ok_or(Error::ElementTooLarge)?;
        *slot = b;
        self.elem_len = self.elem_len.saturating_add(1);
        Ok(())
    }

    /// A message met with blind signing on.
    fn go_blind(&mut self, sink: &mut EventSink<'_>) -> Result<(), Error> {
        if !self.blind {
            self.blind = true;
            sink(Event::Blind)?;
        }
        Ok(())
    }

    /// The rules of `tx::check_common` on the chain id.
    fn check_chain_id(chain_id: &Text<'_>) -> Result<(), Error> {
        if chain_id.is_empty() {
            return Err(Error::MissingChainId);
        }
        if chain_id.eq_str("0")
            || chain_id.eq_str("1")
            || !crate::text::is_plain_printable(chain_id)
        {
            return Err(Error::InvalidChainId);
        }
        Ok(())
    }

    /// The chain rule on `chain_id`, when the options ask for it; the own prefix.
    fn chain_rule(&self, chain_id: &Text<'_>) -> Result<Option<Prefix>, StreamError> {
        let prefix = self.opts.prefix.as_ref().map(Prefix::as_str);
        let own =
            session::chain_rule(chain_id, prefix, self.opts.policy).map_err(StreamError::Chain)?;
        if let Some(only) = self.opts.only_prefix {
            if own != Some(only) {
                return Err(StreamError::Chain(Refusal::reason(session::ETH_KEY_INIT_ONLY)));
            }
        }
        Ok(own.and_then(Prefix::new))
    }

    /// DIRECT: the chain id names `chain`: were the messages shown as `chain` reads them?
    fn shown_for(&self, chain: Option<&'static Chain>) -> bool {
        if chain == self.chain {
            return true;
        }
        chain.is_some()
            && chain == self.alt
            && self.folds.shown.clone().finish() == self.folds.alt.clone().finish()
    }
}

/// What is worked out over the top-level messages as they are shown: the intent and, in
/// DIRECT with a second chain of the prefix, the hashes of the screens for each chain.
struct Folds {
    intent: IntentFold,
    shown: Sha256,
    alt: Sha256,
}

/// Renders top-level message `m` (number `index`) into `sink`, for `chain`; folds it
/// into the intent; with `alt` (a second chain of the prefix, DIRECT), hashes its
/// screens for both chains.
#[allow(clippy::too_many_arguments)]
fn show_top(
    folds: &mut Folds,
    m: &Message<'_>,
    index: usize,
    chain: Option<&'static Chain>,
    alt: Option<&'static Chain>,
    opts: &Options<'_>,
    sink: &mut EventSink<'_>,
) -> Result<(), Error> {
    folds.intent.add(m, chain)?;
    let Some(alt) = alt else {
        return show_message(m, index, chain, opts, sink);
    };
    let shown = &mut folds.shown;
    let mut hashed = |event: Event<'_>| {
        if let Event::Screen { screen, .. } = event {
            hash_screen(shown, &screen);
        }
        sink(event)
    };
    show_message(m, index, chain, opts, &mut hashed)?;
    let alt_hash = &mut folds.alt;
    render::render_message(m, Some(alt), opts, &mut |screen: Screen<'_>| {
        hash_screen(alt_hash, &screen);
        Ok(())
    })
}

/// Renders message `m`, top-level message number `index`, into `sink`.
fn show_message(
    m: &Message<'_>,
    index: usize,
    chain: Option<&'static Chain>,
    opts: &Options<'_>,
    sink: &mut EventSink<'_>,
) -> Result<(), Error> {
    let mut first = true;
    let mut screens = |screen: Screen<'_>| {
        let action = first.then_some(index);
        first = false;
        sink(Event::Screen { screen, action })
    };
    render::render_message(m, chain, opts, &mut screens)
}

/// One screen into a hash of a review: label and value, each ended by a NUL.
fn hash_screen(h: &mut Sha256, screen: &Screen<'_>) {
    h.update(screen.label.as_bytes());
    h.update(&[0]);
    h.update(screen.value.as_bytes());
    h.update(&[0]);
}

/// Renders the closing screens of `tx` into `sink`.
fn show_closing(tx: &Tx<'_>, opts: &Options<'_>, sink: &mut EventSink<'_>) -> Result<(), Error> {
    let mut screens = |screen: Screen<'_>| sink(Event::Screen { screen, action: None });
    render::render_closing(tx, opts, &mut screens)
}

/// Relabels the title screens of a streamed review once the count is known (what a
/// review that holds every screen shows): "Action", or "Action i/n".
pub fn action_label(index: usize, count: Option<usize>) -> Buf<{ render::LABEL_CHARS }> {
    let mut b = Buf::new();
    let _ = render::write_action_label(&mut b, index, count);
    b
}
