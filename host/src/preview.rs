//! Offline preview: the exact screens the device shows for a transaction, computed on the
//! host by the device's own code (`milkyway-core`: the same decoders and renderer the app
//! runs), without a device.
//!
//! ```
//! use milkyway_ledger::{msgs::{coin, restaking}, preview, tx::{SignMode, TxBuilder}};
//!
//! let me = "milk1mevswxr8d9r0w0vd6d0ds7k4qh0xmdma3mr3dl";
//! let tx = TxBuilder::new("milkyway")
//!     .msg(restaking::MsgDelegatePool { delegator: me.into(), amount: Some(coin("10500000", "umilk")) })
//!     .fee(vec![coin("5000", "umilk")], 200_000)
//!     .build()?;
//! let screens = preview::tx_screens(&tx, SignMode::Direct, false, Some(me))?;
//! assert_eq!(screens[0], ("Action".to_owned(), "Restake to pool".to_owned()));
//! assert_eq!(screens[1], ("Amount".to_owned(), "10.5 MILK".to_owned()));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use milkyway_core::review::{self, Collector, Memory, Placed};
use milkyway_core::schema::Kind as FieldKind;
use milkyway_core::session::{Policy, Prefix};
use milkyway_core::sign_flow::{self, Kind};
use milkyway_core::stream::{Event, Own, Stream, StreamError, StreamOptions};
use milkyway_core::{chains, Intent};

use crate::client::DEFAULT_CHUNK_SIZE;
use crate::tx::{SignMode, Tx, TxError};

/// One screen: its label and its value, as the device shows them.
pub type Screen = (String, String);

/// The public key put into the DIRECT `AuthInfo` of a previewed transaction (the
/// secp256k1 generator point, compressed). The device shows nothing of the signer's key,
/// so any valid key gives the same screens.
pub const PREVIEW_PUBLIC_KEY: [u8; 33] = [
    0x02, 0x79, 0xbe, 0x66, 0x7e, 0xf9, 0xdc, 0xbb, 0xac, 0x55, 0xa0, 0x62, 0x95, 0xce, 0x87, 0x0b,
    0x07, 0x02, 0x9b, 0xfc, 0xdb, 0x2d, 0xce, 0x28, 0xd9, 0x59, 0xf2, 0x81, 0x5b, 0x16, 0xf8, 0x17,
    0x98,
];

/// Why there is no preview.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PreviewError {
    /// The device would refuse to sign this document, for this reason (the same
    /// `milkyway_core::Error` whose reason it sends back with status word 0x6984).
    #[error("the device would refuse this transaction: {}", .0.reason())]
    Refused(milkyway_core::Error),
    /// The device would refuse it for its chain: the chain id is not the address
    /// prefix's chain, or unknown (both allowed in expert mode only). The reason is the
    /// one the device sends.
    #[error("the device would refuse this transaction: {0}")]
    ChainNotAllowed(&'static str),
    /// The device would refuse this SIGN_MODE_TEXTUAL document, for this reason.
    #[error("the device would refuse this document: {0}")]
    TextualRefused(&'static str),
    /// A refusal ([`PreviewError::Refused`], [`PreviewError::ChainNotAllowed`] or
    /// [`PreviewError::TextualRefused`]) and where in the document's stream the device
    /// sends it ([`review`] says; the older functions give the refusal alone).
    #[error("{0}, {1}")]
    At(Box<PreviewError>, Position),
    /// The transaction could not be encoded in the first place.
    #[error(transparent)]
    Tx(#[from] TxError),
}

impl PreviewError {
    /// The device's refusal reason, when the device would refuse.
    pub fn refusal_reason(&self) -> Option<&'static str> {
        match self {
            PreviewError::Refused(e) => Some(e.reason()),
            PreviewError::ChainNotAllowed(reason) | PreviewError::TextualRefused(reason) => {
                Some(reason)
            }
            PreviewError::At(inner, _) => inner.refusal_reason(),
            PreviewError::Tx(_) => None,
        }
    }

    /// Where the device refuses, when known.
    pub fn position(&self) -> Option<Position> {
        match self {
            PreviewError::At(_, at) => Some(*at),
            _ => None,
        }
    }

    /// The refusal without its position.
    pub fn without_position(self) -> PreviewError {
        match self {
            PreviewError::At(inner, _) => *inner,
            other => other,
        }
    }
}

impl From<milkyway_core::Error> for PreviewError {
    fn from(e: milkyway_core::Error) -> Self {
        PreviewError::Refused(e)
    }
}

/// Where in a document's stream the device refuses it: the host sends the init chunk,
/// then the document in chunks of [`DEFAULT_CHUNK_SIZE`] bytes, and the device answers
/// the chunk during which its decoder meets the rule broken (the last chunk for what
/// needs the whole document: the chain id in SIGN_MODE_DIRECT, the fee's checks...).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    /// Bytes of the document the decoder had taken (`Stream::position`).
    pub byte: u64,
    /// The document's size.
    pub size: usize,
    /// The chunk refused (1 = the first after the init chunk).
    pub chunk: usize,
    /// The document's chunks (the init chunk not counted).
    pub chunks: usize,
    /// A streamed review was on screen: the device closes it with "Transaction refused".
    pub review_on_screen: bool,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "in its reply to chunk {} of {} ({} bytes each; byte {} of {})",
            self.chunk, self.chunks, DEFAULT_CHUNK_SIZE, self.byte, self.size
        )?;
        if self.review_on_screen {
            write!(f, ", closing the streamed review on screen with \"Transaction refused\"")?;
        }
        Ok(())
    }
}

/// A device model: its memory ([`milkyway_core::review::Memory`]) decides whether a
/// review is held (the standard review) or streamed, and which elements fit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Model {
    /// Nano S+, the default of the preview.
    #[default]
    NanoSPlus,
    NanoX,
    Stax,
    Flex,
    ApexP,
}

impl Model {
    pub const ALL: [Model; 5] =
        [Model::NanoSPlus, Model::NanoX, Model::Stax, Model::Flex, Model::ApexP];

    /// Speculos' model name: `nanosp`, `nanox`, `stax`, `flex`, `apex_p`.
    pub fn name(self) -> &'static str {
        match self {
            Model::NanoSPlus => "nanosp",
            Model::NanoX => "nanox",
            Model::Stax => "stax",
            Model::Flex => "flex",
            Model::ApexP => "apex_p",
        }
    }

    /// A model by its Speculos name (`nanosplus` too).
    pub fn from_name(name: &str) -> Option<Model> {
        let memory = review::memory_of(name)?;
        let name = if name == "nanosplus" { "nanosp" } else { name };
        Model::ALL.into_iter().find(|m| m.name() == name && m.memory() == memory)
    }

    /// The RAM the app gives a signature on this model (the app's `MEMORY`).
    pub fn memory(self) -> Memory {
        match self {
            Model::NanoSPlus => review::NANOSP,
            Model::NanoX => review::NANOX,
            Model::Stax => review::STAX,
            Model::Flex => review::FLEX,
            Model::ApexP => review::APEX_P,
        }
    }

    /// The label of the hash in a blind review.
    pub fn hash_label(self) -> &'static str {
        match self {
            Model::NanoSPlus | Model::NanoX => review::HASH_LABEL_NANO,
            Model::Stax | Model::Flex | Model::ApexP => review::HASH_LABEL_TOUCH,
        }
    }
}

impl fmt::Display for Model {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What the device is set to and sent, for a preview.
#[derive(Clone, Copy, Debug, Default)]
pub struct DeviceOptions<'a> {
    /// The device's Expert mode (account number, sequence, gas, timeout height shown).
    pub expert: bool,
    /// The device's Blind signing setting (a message the app cannot read is signed
    /// blind, its hash shown, instead of refused).
    pub blind_signing: bool,
    /// The signer's address: the device hides signer fields equal to it.
    pub own_address: Option<&'a str>,
    /// The address prefix the host sends with the first chunk (`None`: none, as cosmjs).
    pub prefix: Option<&'a str>,
    pub model: Model,
}

/// How the device reviews a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Every screen held in RAM, then shown in the standard review (back and forth, the
    /// position shown) once the document is checked in full.
    Held,
    /// The screens overflowed the device's store: a streamed review, shown forward as the
    /// chunks arrive, whose first page says so ([`review::LONG_TITLE`]); the titles carry
    /// no count ("Action 3").
    Streamed,
    /// A message the app cannot read, blind signing on, the screens held: the SDK's
    /// blind-signing warning, the title, the SHA-256 of the sign bytes.
    Blind,
}

/// The device's review of a document, page by page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Review {
    pub shape: Shape,
    /// The first page: the review's title ("Review transaction to restake MILK", or
    /// [`review::LONG_TITLE`] when streamed).
    pub title: String,
    /// The first page's second line (streamed only).
    pub subtitle: Option<String>,
    /// Every screen between the first page and the signing page, in order.
    pub screens: Vec<Screen>,
    /// The signing page's question ("Sign transaction to restake MILK?").
    pub sign: String,
    /// Streamed: the chunk (1 = the first after the init chunk) whose screens overflowed
    /// the store, where the review starts on screen.
    pub streamed_from_chunk: Option<usize>,
    /// Top-level messages of the document.
    pub messages: usize,
    pub model: Model,
}

/// The device's review of `sign_bytes` (a DIRECT `SignDoc` or an Amino JSON sign doc,
/// transaction or ADR-036 off-chain message), computed by the device's own code: the
/// document streamed through `milkyway_core::stream::Stream` in 250-byte chunks with the
/// chain rule, its screens placed in a `milkyway_core::review::Collector` of the model's
/// store, then the held, streamed or blind review as the app (app/src/handlers/sign.rs)
/// shows it. A refusal comes as [`PreviewError::At`], with where the device sends it.
pub fn review(
    sign_bytes: &[u8],
    mode: SignMode,
    opts: &DeviceOptions<'_>,
) -> Result<Review, PreviewError> {
    // The app's buffers are static arrays of the model's sizes; the decoder takes them as
    // arrays.
    macro_rules! run {
        ($m:path) => {
            run::<{ $m.element }, { $m.held }>(sign_bytes, mode, opts)
        };
    }
    match opts.model {
        Model::NanoSPlus => run!(review::NANOSP),
        Model::NanoX => run!(review::NANOX),
        Model::Stax => run!(review::STAX),
        Model::Flex => run!(review::FLEX),
        Model::ApexP => run!(review::APEX_P),
    }
}

/// The prefix the host's `sign` sends for a document of `chain_id`: its chain's, or
/// none for a chain the registry does not know.
pub fn prefix_for_chain_id(chain_id: &str) -> Option<&'static str> {
    chains::by_chain_id(&milkyway_core::text::Text::Plain(chain_id)).map(|c| c.hrp)
}

/// The chain id of a sign document, read without the device's decoder (for the prefix
/// the host sends with it).
pub fn chain_id_of(sign_bytes: &[u8], mode: SignMode) -> Option<String> {
    match mode {
        SignMode::Direct => {
            let doc: cosmos_sdk_proto::cosmos::tx::v1beta1::SignDoc =
                prost::Message::decode(sign_bytes).ok()?;
            Some(doc.chain_id)
        }
        SignMode::AminoJson => {
            let text = std::str::from_utf8(sign_bytes).ok()?;
            match crate::amino_json::parse(text).ok()? {
                crate::amino_json::Json::Object(mut fields) => match fields.remove("chain_id") {
                    Some(crate::amino_json::Json::String(s)) => Some(s),
                    _ => None,
                },
                _ => None,
            }
        }
        SignMode::Textual => None,
    }
}

/// The app's `Signer` in short: chunks through the decoder, events into the collector.
fn run<const E: usize, const H: usize>(
    bytes: &[u8],
    mode: SignMode,
    o: &DeviceOptions<'_>,
) -> Result<Review, PreviewError> {
    let memory = o.model.memory();
    let mut elem = [0u8; E];
    let mut held = [0u8; H];
    let mut store = vec![0u8; memory.store];
    let prefix = match o.prefix {
        Some(p) => Some(Prefix::new(p).ok_or(PreviewError::ChainNotAllowed(PREFIX_TOO_LONG))?),
        None => None,
    };
    let opts = StreamOptions {
        mode,
        policy: Policy { expert: o.expert, blind_signing: o.blind_signing },
        prefix,
        chain_rule: true,
        own: o.own_address.map_or(Own::Nobody, Own::Address),
        direct_chain: prefix.and_then(|p| chains::CHAINS.iter().find(|c| c.hrp == p.as_str())),
        // The preview signs with the Cosmos key (the Ethereum-style key's rules are the
        // device's, with its path).
        only_prefix: None,
    };
    let mut stream = Stream::new(opts, &mut elem, &mut held);
    let mut collector = Collector::new(&mut store);
    let mut shown: Vec<Screen> = Vec::new();
    let mut chunk = 0usize;
    let mut streamed_from: Option<usize> = None;
    let chunks = bytes.len().div_ceil(DEFAULT_CHUNK_SIZE).max(1);
    let mut sink = |event: Event<'_>, chunk: usize| -> Result<(), milkyway_core::Error> {
        let (label, value, action) = match event {
            Event::Screen { screen, action } => (screen.label, screen.value, action),
            // Held: the review will be the blind one.
            Event::Blind if !collector.streaming => return Ok(()),
            Event::Blind => {
                shown.push((review::BLIND_LABEL.to_owned(), review::BLIND_WARNING.to_owned()));
                return Ok(());
            }
        };
        let mut numbered = milkyway_core::render::Buf::new();
        match collector.place(label, value, action) {
            Placed::Held => {}
            Placed::Overflow => {
                streamed_from = Some(chunk);
                for i in 0..collector.store.len() {
                    let (l, v) =
                        collector.store.get(i).ok_or(milkyway_core::Error::TooManyScreens)?;
                    shown.push((l.to_owned(), v.to_owned()));
                }
                collector.store.clear();
                let label = review::streamed_label(label, action, &mut numbered);
                shown.push((label.to_owned(), value.to_owned()));
            }
            Placed::Show => {
                let label = review::streamed_label(label, action, &mut numbered);
                shown.push((label.to_owned(), value.to_owned()));
            }
        }
        Ok(())
    };
    let refused = |e: StreamError, byte: u64, chunk: usize, on_screen: bool| {
        let what = match e {
            StreamError::Decode(e) => PreviewError::Refused(e),
            StreamError::Chain(r) => PreviewError::ChainNotAllowed(r.reason),
        };
        let at = Position { byte, size: bytes.len(), chunk, chunks, review_on_screen: on_screen };
        PreviewError::At(Box::new(what), at)
    };
    for (i, data) in bytes.chunks(DEFAULT_CHUNK_SIZE).enumerate() {
        chunk = i + 1;
        let fed = stream.feed(data, &mut |e| sink(e, chunk));
        if let Err(e) = fed {
            return Err(refused(e, stream.position(), chunk, streamed_from.is_some()));
        }
    }
    let last = chunk.max(1);
    let fin = match stream.finish(&mut |e| sink(e, last)) {
        Ok(fin) => fin,
        Err(e) => return Err(refused(e, stream.position(), last, streamed_from.is_some())),
    };
    let (mut title, mut sign) = (String::new(), String::new());
    let kind = if fin.offchain { Kind::Message } else { Kind::Transaction };
    sign_flow::write_titles(kind, &fin.intent, &mut title, &mut sign)?;
    let hash_screen = || (o.model.hash_label().to_owned(), hash_hex(bytes));
    let base = Review {
        shape: Shape::Held,
        title,
        subtitle: None,
        screens: Vec::new(),
        sign,
        streamed_from_chunk: streamed_from,
        messages: fin.messages,
        model: o.model,
    };
    if streamed_from.is_some() {
        // An off-chain message must be shown whole under its own titles, which a review
        // started as a long transaction's cannot give.
        if fin.offchain {
            let e = StreamError::Decode(milkyway_core::Error::TooManyScreens);
            return Err(refused(e, stream.position(), last, true));
        }
        if fin.blind {
            shown.push(hash_screen());
        }
        return Ok(Review {
            shape: Shape::Streamed,
            title: review::LONG_TITLE.to_owned(),
            subtitle: Some(review::LONG_SUBTITLE.to_owned()),
            screens: shown,
            ..base
        });
    }
    if fin.blind {
        let (mut title, mut sign) = (String::new(), String::new());
        let _ = Intent::default().write_review(&mut title);
        let _ = Intent::default().write_sign(&mut sign);
        return Ok(Review {
            shape: Shape::Blind,
            title,
            sign,
            screens: vec![hash_screen()],
            ..base
        });
    }
    collector.store.number(Some(fin.messages));
    let screens = (0..collector.store.len())
        .filter_map(|i| collector.store.get(i))
        .map(|(l, v)| (l.to_owned(), v.to_owned()))
        .collect();
    Ok(Review { screens, ..base })
}

/// The SHA-256 of the sign bytes in upper-case hex, as the blind review shows it.
fn hash_hex(bytes: &[u8]) -> String {
    crate::crypto::sha256(bytes).iter().map(|b| format!("{b:02X}")).collect()
}

/// The device's review of a SIGN_MODE_TEXTUAL document: read whole into the decoder's
/// element buffer (a document larger than the model's is refused with status 0x6988 at
/// the chunk that overflows it), the chain rule, then its screens through the same
/// store as a transaction's, under the generic titles.
pub fn textual_review(cbor: &[u8], opts: &DeviceOptions<'_>) -> Result<Review, PreviewError> {
    let memory = opts.model.memory();
    let chunks = cbor.len().div_ceil(DEFAULT_CHUNK_SIZE).max(1);
    let at = |byte: usize, chunk: usize, what: PreviewError| {
        let at = Position {
            byte: byte as u64,
            size: cbor.len(),
            chunk,
            chunks,
            review_on_screen: false,
        };
        PreviewError::At(Box::new(what), at)
    };
    if cbor.len() > memory.element {
        let chunk = memory.element / DEFAULT_CHUNK_SIZE + 1;
        return Err(at(
            (chunk - 1) * DEFAULT_CHUNK_SIZE,
            chunk,
            PreviewError::TextualRefused(TEXTUAL_TOO_BIG),
        ));
    }
    let whole = |e: PreviewError| at(cbor.len(), chunks, e);
    check_textual_chain(cbor, opts.prefix, opts.expert).map_err(whole)?;
    let screens = textual_screens(cbor).map_err(whole)?;
    let (title, sign) = textual_titles();
    let mut store = vec![0u8; memory.store];
    let mut collector = Collector::new(&mut store);
    let mut shown = Vec::new();
    let mut streamed = false;
    for (label, value) in &screens {
        match collector.place(label, value, None) {
            Placed::Held => {}
            Placed::Overflow => {
                streamed = true;
                shown.extend(
                    (0..collector.store.len())
                        .filter_map(|i| collector.store.get(i))
                        .map(|(l, v)| (l.to_owned(), v.to_owned())),
                );
                collector.store.clear();
                shown.push((label.clone(), value.clone()));
            }
            Placed::Show => shown.push((label.clone(), value.clone())),
        }
    }
    let base = Review {
        shape: Shape::Held,
        title,
        subtitle: None,
        screens: Vec::new(),
        sign,
        streamed_from_chunk: streamed.then_some(chunks),
        messages: 0,
        model: opts.model,
    };
    if streamed {
        return Ok(Review {
            shape: Shape::Streamed,
            title: review::LONG_TITLE.to_owned(),
            subtitle: Some(review::LONG_SUBTITLE.to_owned()),
            screens: shown,
            ..base
        });
    }
    let screens = (0..collector.store.len())
        .filter_map(|i| collector.store.get(i))
        .map(|(l, v)| (l.to_owned(), v.to_owned()))
        .collect();
    Ok(Review { screens, ..base })
}

/// What the device answers an init chunk whose address prefix is longer than 83
/// characters (status 0x698A, no reason text).
pub const PREFIX_TOO_LONG: &str = "Address prefix too long (status 0x698A)";

/// What the device answers a SIGN_MODE_TEXTUAL document larger than its buffer: status
/// 0x6988 (no reason text); the host client reports it as "too big".
pub const TEXTUAL_TOO_BIG: &str = "Document too big for the device's buffer (status 0x6988)";

/// Every screen the device shows for `sign_bytes` (a DIRECT `SignDoc` or an Amino JSON
/// sign doc), in order, on a Nano S+ (see [`review`] for any model and the pages around
/// the screens), sent with the prefix the host's `sign` sends (the chain id's chain's).
/// `expert`: the device's expert mode (account number, sequence, gas, timeout height).
/// `own_address`: the signer's address on this chain; the device hides signer fields
/// equal to it, exactly as here.
pub fn screens(
    sign_bytes: &[u8],
    mode: SignMode,
    expert: bool,
    own_address: Option<&str>,
) -> Result<Vec<Screen>, PreviewError> {
    let chain_id = chain_id_of(sign_bytes, mode);
    let opts = DeviceOptions {
        expert,
        own_address,
        prefix: chain_id.as_deref().and_then(prefix_for_chain_id),
        ..DeviceOptions::default()
    };
    review(sign_bytes, mode, &opts).map(|r| r.screens).map_err(PreviewError::without_position)
}

/// Every review screen the device shows for a SIGN_MODE_TEXTUAL document, in order: the
/// device's own decoder and renderer (`milkyway_core::textual`): one `>` per indent level
/// before the title, long contents paged.
pub fn textual_screens(cbor: &[u8]) -> Result<Vec<Screen>, PreviewError> {
    let envelope = milkyway_core::textual::decode(cbor)
        .map_err(|e| PreviewError::TextualRefused(e.reason()))?;
    let mut out = Vec::new();
    let mut sink = |s: milkyway_core::Screen<'_>| {
        out.push((s.label.to_owned(), s.value.to_owned()));
        Ok(())
    };
    milkyway_core::textual::render(&envelope, &mut sink)?;
    Ok(out)
}

/// The device's chain rule for a SIGN_MODE_TEXTUAL document (its "Chain id" screen).
pub fn check_textual_chain(
    cbor: &[u8],
    prefix: Option<&str>,
    expert: bool,
) -> Result<(), PreviewError> {
    let envelope = milkyway_core::textual::decode(cbor)
        .map_err(|e| PreviewError::TextualRefused(e.reason()))?;
    let policy = milkyway_core::session::Policy { expert, blind_signing: false };
    let chain_id = milkyway_core::text::Text::Plain(envelope.chain_id());
    milkyway_core::session::chain_rule(&chain_id, prefix, policy)
        .map(|_| ())
        .map_err(|r| PreviewError::ChainNotAllowed(r.reason))
}

/// The review's title and its signing question for `sign_bytes`, as the device shows them
/// before and after the screens: ("Review transaction to restake MILK", "Sign transaction
/// to restake MILK?"), or the generic pair for a transaction mixing message families
/// (`milkyway_core::intent`, the code the app runs); [`review::LONG_TITLE`] first for a
/// review streamed on a Nano S+ (see [`review`] for any model).
pub fn titles(sign_bytes: &[u8], mode: SignMode) -> Result<(String, String), PreviewError> {
    let chain_id = chain_id_of(sign_bytes, mode);
    let opts = DeviceOptions {
        prefix: chain_id.as_deref().and_then(prefix_for_chain_id),
        ..DeviceOptions::default()
    };
    review(sign_bytes, mode, &opts)
        .map(|r| (r.title, r.sign))
        .map_err(PreviewError::without_position)
}

/// The review's title and signing question for a SIGN_MODE_TEXTUAL document: always the
/// generic pair ("Review transaction", "Sign transaction?"). The device does not read an
/// operation out of the chain's screens (docs/protocol.md says why).
pub fn textual_titles() -> (String, String) {
    let intent = milkyway_core::Intent::default();
    let (mut review, mut sign) = (String::new(), String::new());
    // Writing into a String cannot fail.
    let _ = intent.write_review(&mut review);
    let _ = intent.write_sign(&mut sign);
    (review, sign)
}

/// Checks the device's chain rule (`milkyway_core::session::chain_policy`, the code the
/// app runs) for `sign_bytes` signed with the address prefix `prefix` (`None`: no prefix
/// sent, as cosmjs does) and the device's expert mode `expert`.
pub fn check_chain(
    sign_bytes: &[u8],
    mode: SignMode,
    prefix: Option<&str>,
    expert: bool,
) -> Result<(), PreviewError> {
    // An off-chain message has no chain (its own rules are checked by `screens`).
    if mode == SignMode::AminoJson && milkyway_core::adr036::detect(sign_bytes).is_some() {
        return Ok(());
    }
    let tx = milkyway_core::decode(sign_bytes, mode)?;
    let policy = milkyway_core::session::Policy { expert, blind_signing: false };
    milkyway_core::session::chain_policy(&tx, prefix, policy)
        .map(|_| ())
        .map_err(|r| PreviewError::ChainNotAllowed(r.reason))
}

/// [`screens`] of a host transaction, encoded in `mode` (with [`PREVIEW_PUBLIC_KEY`]).
pub fn tx_screens(
    tx: &Tx,
    mode: SignMode,
    expert: bool,
    own_address: Option<&str>,
) -> Result<Vec<Screen>, PreviewError> {
    screens(&tx.sign_bytes(mode, &PREVIEW_PUBLIC_KEY)?, mode, expert, own_address)
}

/// The account that signs `sign_bytes`: the signer field (delegator, sender, voter,
/// grantee…, as the core's catalog marks them) of every top-level message, when they all
/// name the same address. `None` when a message has no signer field or they differ.
pub fn signer(sign_bytes: &[u8], mode: SignMode) -> Result<Option<String>, PreviewError> {
    // An off-chain message names its signer.
    if mode == SignMode::AminoJson {
        if let Some(found) = milkyway_core::adr036::detect(sign_bytes) {
            return Ok(Some(found?.signer.to_owned()));
        }
    }
    let tx = milkyway_core::decode(sign_bytes, mode)?;
    let mut found: Option<Option<String>> = None;
    tx.each_message(|m| {
        let index = m.schema.fields.iter().position(|f| matches!(f.kind, FieldKind::Signer));
        let address = match index.map(|i| m.body.get(i)).transpose()? {
            Some(milkyway_core::msg::Val::Text(t)) => Some(t.chars().collect::<String>()),
            _ => None,
        };
        found = match found.take() {
            None => Some(address),
            Some(prev) if prev == address => Some(prev),
            Some(_) => Some(None),
        };
        Ok(())
    })?;
    Ok(found.flatten())
}

/// The screens numbered from 1, one a line: ` 1. Action: Restake to pool`; a screen
/// without a label (textual's "This transaction has 1 Message") is its value alone.
pub fn format_numbered(screens: &[Screen]) -> String {
    let width = screens.len().to_string().len();
    screens
        .iter()
        .enumerate()
        .map(|(i, (label, value))| match label.as_str() {
            "" => format!("{:>width$}. {value}\n", i + 1),
            _ => format!("{:>width$}. {label}: {value}\n", i + 1),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::msgs::{coin, restaking, Any, Msg};
    use crate::tx::TxBuilder;

    const ME: &str = "milk1mevswxr8d9r0w0vd6d0ds7k4qh0xmdma3mr3dl";
    const MILKTIA: &str = "ibc/16065EE5282C5217685C8F084FC44864C25C706AC37356B0D62811D50B96920F";

    fn restake() -> Tx {
        TxBuilder::new("milkyway")
            .msg(restaking::MsgDelegatePool {
                delegator: ME.into(),
                amount: Some(coin("10500000", MILKTIA)),
            })
            .fee(vec![coin("5000", "umilk")], 200_000)
            .account_number(12)
            .sequence(3)
            .build()
            .unwrap()
    }

    #[test]
    fn titles_name_the_operation_and_asset_in_both_modes() {
        for mode in [SignMode::Direct, SignMode::AminoJson] {
            let bytes = restake().sign_bytes(mode, &PREVIEW_PUBLIC_KEY).unwrap();
            assert_eq!(
                titles(&bytes, mode).unwrap(),
                (
                    "Review transaction to restake milkTIA".to_owned(),
                    "Sign transaction to restake milkTIA?".to_owned()
                )
            );
        }
    }

    fn lines(s: &[Screen]) -> Vec<String> {
        s.iter().map(|(l, v)| format!("{l}: {v}")).collect()
    }

    #[test]
    fn restake_screens_in_both_modes() {
        // Written by hand from the core's display rules: title, the amount with the
        // registry's symbol and decimals (milkTIA, 6), the delegator hidden because it is
        // the signer's own address, then fee and chain; expert mode adds account number,
        // sequence and gas (no timeout height: it is 0).
        let want = [
            "Action: Restake to pool",
            "Amount: 10.5 milkTIA",
            "Chain: MilkyWay",
            "Fees: 0.005 MILK",
        ];
        let expert = [
            "Action: Restake to pool",
            "Amount: 10.5 milkTIA",
            "Chain: MilkyWay",
            "Fees: 0.005 MILK",
            "Account number: 12",
            "Sequence: 3",
            "Gas: 200000",
        ];
        for mode in [SignMode::Direct, SignMode::AminoJson] {
            assert_eq!(
                lines(&tx_screens(&restake(), mode, false, Some(ME)).unwrap()),
                want,
                "{mode:?}"
            );
            assert_eq!(
                lines(&tx_screens(&restake(), mode, true, Some(ME)).unwrap()),
                expert,
                "{mode:?}"
            );
        }
        // Another key signing: the delegator is shown.
        let other = lines(&tx_screens(&restake(), SignMode::Direct, false, None).unwrap());
        assert_eq!(other[1], format!("Delegator: {ME}"));
    }

    #[test]
    fn the_signer_is_found_in_the_messages() {
        for mode in [SignMode::Direct, SignMode::AminoJson] {
            let bytes = restake().sign_bytes(mode, &PREVIEW_PUBLIC_KEY).unwrap();
            assert_eq!(signer(&bytes, mode).unwrap().as_deref(), Some(ME));
        }
        let mut two = restake();
        two.msgs.push(Msg::from(restaking::MsgDelegatePool {
            delegator: "milk1other".into(),
            amount: Some(coin("1", "umilk")),
        }));
        let bytes = two.sign_bytes(SignMode::AminoJson, &PREVIEW_PUBLIC_KEY).unwrap();
        assert_eq!(signer(&bytes, SignMode::AminoJson).unwrap(), None);
    }

    #[test]
    fn an_unknown_message_is_refused_with_the_device_reason() {
        // A DIRECT SignDoc whose body carries a message type the device does not know.
        let mut tx = restake();
        let unknown = Any { type_url: "/milkyway.restaking.v1.MsgUnknown".into(), value: vec![] };
        let mut body = tx.body_proto();
        body.messages = vec![unknown];
        let doc = cosmos_sdk_proto::cosmos::tx::v1beta1::SignDoc {
            body_bytes: prost::Message::encode_to_vec(&body),
            auth_info_bytes: tx.auth_info_bytes(SignMode::Direct, &PREVIEW_PUBLIC_KEY),
            chain_id: tx.chain_id.clone(),
            account_number: tx.account_number,
        };
        let err = screens(&prost::Message::encode_to_vec(&doc), SignMode::Direct, false, None)
            .unwrap_err();
        assert_eq!(err, PreviewError::Refused(milkyway_core::Error::UnknownMessage));
        assert_eq!(
            err.refusal_reason(),
            Some("Unknown message type (enable blind signing to sign it)")
        );
        // The same in Amino JSON.
        let json = r#"{"account_number":"12","chain_id":"milkyway","fee":{"amount":[],"gas":"200000"},"memo":"","msgs":[{"type":"milkyway/MsgUnknown","value":{}}],"sequence":"3"}"#;
        let err = screens(json.as_bytes(), SignMode::AminoJson, false, None).unwrap_err();
        assert_eq!(
            err.refusal_reason(),
            Some("Unknown message type (enable blind signing to sign it)")
        );
        // And a chain id the device refuses.
        tx.chain_id = "1".into();
        assert_eq!(
            tx_screens(&tx, SignMode::AminoJson, false, None).unwrap_err(),
            PreviewError::Refused(milkyway_core::Error::InvalidChainId)
        );
    }

    /// A claim of the rewards of `n` operators (one message each: MilkyWay has no "claim
    /// all"), signed by ME.
    fn claims(n: u32) -> Tx {
        let ids: Vec<u32> = (1..=n).collect();
        TxBuilder::new("milkyway")
            .msgs(crate::cli::build::claim_rewards(ME, &[], &ids, &[], &[]).unwrap())
            .fee(vec![coin("5000", "umilk")], 200_000)
            .account_number(12)
            .sequence(3)
            .build()
            .unwrap()
    }

    fn device(model: Model) -> DeviceOptions<'static> {
        DeviceOptions { own_address: Some(ME), prefix: Some("milk"), model, ..Default::default() }
    }

    #[test]
    fn a_small_restake_is_held_with_the_standard_titles() {
        let mut two = restake();
        two.msgs.push(Msg::from(restaking::MsgDelegatePool {
            delegator: ME.into(),
            amount: Some(coin("2000000", "umilk")),
        }));
        for model in Model::ALL {
            for mode in [SignMode::Direct, SignMode::AminoJson] {
                let bytes = restake().sign_bytes(mode, &PREVIEW_PUBLIC_KEY).unwrap();
                let r = review(&bytes, mode, &device(model)).unwrap();
                assert_eq!(r.shape, Shape::Held, "{model} {mode:?}");
                assert_eq!(r.title, "Review transaction to restake milkTIA");
                assert_eq!(r.subtitle, None);
                assert_eq!(r.sign, "Sign transaction to restake milkTIA?");
                assert_eq!(r.streamed_from_chunk, None);
                // One message: its title is "Action" alone.
                assert_eq!(
                    lines(&r.screens),
                    [
                        "Action: Restake to pool",
                        "Amount: 10.5 milkTIA",
                        "Chain: MilkyWay",
                        "Fees: 0.005 MILK"
                    ],
                    "{model} {mode:?}"
                );
                // Two: each title numbered with the count, as the standard review shows.
                let bytes = two.sign_bytes(mode, &PREVIEW_PUBLIC_KEY).unwrap();
                let r = review(&bytes, mode, &device(model)).unwrap();
                assert_eq!(r.shape, Shape::Held);
                assert_eq!(r.title, "Review transaction to restake");
                assert_eq!(
                    lines(&r.screens),
                    [
                        "Action 1/2: Restake to pool",
                        "Amount: 10.5 milkTIA",
                        "Action 2/2: Restake to pool",
                        "Amount: 2 MILK",
                        "Chain: MilkyWay",
                        "Fees: 0.005 MILK"
                    ],
                    "{model} {mode:?}"
                );
            }
        }
    }

    /// The smallest claim whose review `model` streams.
    fn first_streamed(model: Model, mode: SignMode) -> u32 {
        (1..=200)
            .find(|&n| {
                let bytes = claims(n).sign_bytes(mode, &PREVIEW_PUBLIC_KEY).unwrap();
                review(&bytes, mode, &device(model)).unwrap().shape == Shape::Streamed
            })
            .unwrap_or_else(|| panic!("{model}: 200 claims held"))
    }

    #[test]
    fn a_200_message_claim_is_streamed_sooner_on_nano_x() {
        for mode in [SignMode::Direct, SignMode::AminoJson] {
            let bytes = claims(200).sign_bytes(mode, &PREVIEW_PUBLIC_KEY).unwrap();
            for model in Model::ALL {
                let r = review(&bytes, mode, &device(model)).unwrap();
                assert_eq!(r.shape, Shape::Streamed, "{model} {mode:?}");
                assert_eq!(r.messages, 200);
                assert_eq!(
                    (r.title.as_str(), r.subtitle.as_deref()),
                    ("Review long transaction", Some("Shown in parts as it arrives"))
                );
                assert_eq!(r.sign, "Sign transaction to claim restaking rewards?");
                // Every message's title, numbered without a count, in order; then the
                // closing screens.
                let titles: Vec<&str> = r
                    .screens
                    .iter()
                    .filter(|(l, _)| l.starts_with("Action"))
                    .map(|(l, _)| l.as_str())
                    .collect();
                let want: Vec<String> = (1..=200).map(|i| format!("Action {i}")).collect();
                assert_eq!(titles, want, "{model} {mode:?}");
                assert_eq!(r.screens.len(), 200 * 2 + 2, "{model} {mode:?}");
                assert_eq!(
                    lines(&r.screens[..2]),
                    ["Action 1: Claim restaking rewards", "From: Operator #1"]
                );
                assert_eq!(
                    lines(&r.screens[r.screens.len() - 2..]),
                    ["Chain: MilkyWay", "Fees: 0.005 MILK"]
                );
            }
            // Nano X's store (1.5 KiB) overflows sooner than the Nano S+'s (8 KiB), and one
            // claim fewer than its threshold is held.
            let (x, sp) =
                (first_streamed(Model::NanoX, mode), first_streamed(Model::NanoSPlus, mode));
            assert!(x < sp, "{mode:?}: Nano X streams from {x} claims, Nano S+ from {sp}");
            let held = claims(x - 1).sign_bytes(mode, &PREVIEW_PUBLIC_KEY).unwrap();
            let r = review(&held, mode, &device(Model::NanoX)).unwrap();
            assert_eq!(r.shape, Shape::Held);
            assert_eq!(r.screens[0].0, format!("Action 1/{}", x - 1));
            let streamed = claims(x).sign_bytes(mode, &PREVIEW_PUBLIC_KEY).unwrap();
            let r = review(&streamed, mode, &device(Model::NanoX)).unwrap();
            assert_eq!(r.screens[0].0, "Action 1");
            // The same screens but for the labels.
            let x_streamed = review(&bytes, mode, &device(Model::NanoX)).unwrap();
            let sp_streamed = review(&bytes, mode, &device(Model::NanoSPlus)).unwrap();
            assert_eq!(x_streamed.screens, sp_streamed.screens);
            assert!(
                x_streamed.streamed_from_chunk < sp_streamed.streamed_from_chunk,
                "{:?} {:?}",
                x_streamed.streamed_from_chunk,
                sp_streamed.streamed_from_chunk
            );
        }
    }

    #[test]
    fn refusals_say_where_the_device_sends_them() {
        // An unknown message after 40 claims: refused in the reply to the chunk that
        // completes it, not at the end.
        let tx = claims(40);
        let unknown = Any { type_url: "/milkyway.restaking.v1.MsgUnknown".into(), value: vec![] };
        let mut body = tx.body_proto();
        body.messages.push(unknown);
        body.messages.extend(claims(40).body_proto().messages);
        let doc = cosmos_sdk_proto::cosmos::tx::v1beta1::SignDoc {
            body_bytes: prost::Message::encode_to_vec(&body),
            auth_info_bytes: tx.auth_info_bytes(SignMode::Direct, &PREVIEW_PUBLIC_KEY),
            chain_id: tx.chain_id.clone(),
            account_number: tx.account_number,
        };
        let bytes = prost::Message::encode_to_vec(&doc);
        let err = review(&bytes, SignMode::Direct, &device(Model::NanoSPlus)).unwrap_err();
        assert_eq!(err.refusal_reason(), Some(milkyway_core::Error::UnknownMessage.reason()));
        let at = err.position().unwrap();
        // The unknown message ends after the first 40 claims (each a few dozen bytes).
        let start = prost::Message::encode_to_vec(&claims(40).body_proto()).len();
        assert!(at.byte as usize > start && (at.byte as usize) < start + 120, "{at:?}");
        assert_eq!(at.chunk, (at.byte as usize).div_ceil(DEFAULT_CHUNK_SIZE));
        assert!(at.chunk < at.chunks, "{at:?}");
        assert!(!at.review_on_screen);
        // On Nano X the review of the 40 claims was streaming already: the refusal
        // closes it.
        let err = review(&bytes, SignMode::Direct, &device(Model::NanoX)).unwrap_err();
        assert!(err.position().unwrap().review_on_screen);
        // The same with blind signing on: the warning where the message starts, then
        // the hash.
        let blind = DeviceOptions { blind_signing: true, ..device(Model::NanoX) };
        let r = review(&bytes, SignMode::Direct, &blind).unwrap();
        assert_eq!(r.shape, Shape::Streamed);
        let warn = r.screens.iter().position(|(l, _)| l == review::BLIND_LABEL).unwrap();
        assert_eq!(
            lines(&r.screens[warn - 2..warn]),
            ["Action 40: Claim restaking rewards", "From: Operator #40"]
        );
        assert_eq!(r.screens.len(), warn + 2, "nothing shown after the warning but the hash");
        assert_eq!(r.screens[warn + 1], ("Tx hash".to_owned(), hash_hex(&bytes)));
        assert_eq!(r.sign, "Sign transaction?");
        // Held (Stax: its 4 KiB store holds the 40 claims before the unknown message): the
        // blind review.
        let blind = DeviceOptions { blind_signing: true, ..device(Model::Stax) };
        let r = review(&bytes, SignMode::Direct, &blind).unwrap();
        assert_eq!(r.shape, Shape::Blind);
        assert_eq!(r.screens, [("Transaction hash".to_owned(), hash_hex(&bytes))]);
        assert_eq!(
            (r.title.as_str(), r.sign.as_str()),
            ("Review transaction", "Sign transaction?")
        );
    }

    #[test]
    fn numbering() {
        let s = vec![("A".to_owned(), "1".to_owned()); 10];
        let text = format_numbered(&s);
        assert!(text.starts_with(" 1. A: 1\n"));
        assert!(text.ends_with("10. A: 1\n"));
    }
}
