//! What the fuzz targets check beyond "no panic": everything the renderer hands to the
//! device's screen is short printable ASCII, and every refusal has a short ASCII reason.

use milkyway_core::render::{LABEL_CHARS, MAX_SCREENS, PAGE_CHARS};
use milkyway_core::textual::{self, Envelope};
use milkyway_core::{decode, render, Options, Screen, SignMode, Tx};

/// A well-formed MilkyWay address (the core tests' `ME`), used as the signer's own
/// address in one of the two renderings.
const OWN: &str = "milk1mevswxr8d9r0w0vd6d0ds7k4qh0xmdma3mr3dl";

/// Whether `s` is printable ASCII (what the device's screen and replies take).
pub fn printable(s: &str) -> bool {
    s.bytes().all(|b| (0x20..=0x7e).contains(&b))
}

/// The device sends a refusal's reason as the payload of its error reply (at most 255
/// bytes): non-empty printable ASCII.
pub fn check_reason(r: &str) {
    assert!(!r.is_empty() && r.len() <= 255 && printable(r), "bad reason {r:?}");
}

/// Renders `tx` with `opts`, checking every screen (labels and values short printable
/// ASCII; at most `MAX_SCREENS` per message and for the closing screens, which the
/// renderer itself enforces: the number of messages has no cap) and, when the renderer
/// refuses, its reason.
pub fn render_checked(tx: &Tx<'_>, opts: &Options<'_>) {
    let mut sink = |s: Screen<'_>| {
        assert!(
            !s.label.is_empty() && s.label.len() <= LABEL_CHARS && printable(s.label),
            "label {:?}",
            s.label
        );
        assert!(
            s.value.len() <= PAGE_CHARS && printable(s.value),
            "value {:?} ({})",
            s.value,
            s.label
        );
        Ok(())
    };
    if let Err(e) = render(tx, opts, &mut sink) {
        check_reason(e.reason());
    }
}

/// Decodes `data`; when it decodes, renders it with expert mode off (own address known)
/// and on (no own address) and checks every screen.
pub fn decode_and_render(data: &[u8], mode: SignMode) {
    let tx = match decode(data, mode) {
        Ok(tx) => tx,
        Err(e) => return check_reason(e.reason()),
    };
    for opts in [
        Options { expert: false, own_address: Some(OWN) },
        Options { expert: true, own_address: None },
    ] {
        render_checked(&tx, &opts);
    }
}

/// Renders a textual document, checking every page: at most `MAX_SCREENS`, labels and
/// values short printable ASCII (a label may be empty: an untitled screen at indent 0).
pub fn render_textual_checked(envelope: &Envelope<'_>) {
    let mut count = 0usize;
    let mut sink = |s: Screen<'_>| {
        count += 1;
        assert!(count <= MAX_SCREENS, "more than {MAX_SCREENS} screens");
        assert!(s.label.len() <= LABEL_CHARS && printable(s.label), "label {:?}", s.label);
        assert!(s.value.len() <= PAGE_CHARS && printable(s.value), "value {:?}", s.value);
        Ok(())
    };
    if let Err(e) = textual::render(envelope, &mut sink) {
        check_reason(e.reason());
    }
}

/// The canonical encoding of a textual document's screens (x/tx's: shortest heads,
/// default values left out, keys in ascending order).
pub fn encode_textual(envelope: &Envelope<'_>) -> Vec<u8> {
    fn head(out: &mut Vec<u8>, major: u8, n: u64) {
        let m = major << 5;
        match n {
            0..=23 => out.push(m | n as u8),
            24..=0xff => out.extend([m | 24, n as u8]),
            0x100..=0xffff => {
                out.push(m | 25);
                out.extend((n as u16).to_be_bytes())
            }
            0x1_0000..=0xffff_ffff => {
                out.push(m | 26);
                out.extend((n as u32).to_be_bytes())
            }
            _ => {
                out.push(m | 27);
                out.extend(n.to_be_bytes())
            }
        }
    }
    fn text(out: &mut Vec<u8>, key: u64, s: &str) {
        head(out, 0, key);
        head(out, 3, s.len() as u64);
        out.extend(s.as_bytes());
    }
    let mut out = vec![0xa1, 0x01];
    head(&mut out, 4, envelope.screen_count() as u64);
    let walked =
        envelope.each(&mut |s: textual::Screen<'_>| -> Result<(), textual::TextualError> {
            let entries = [!s.title.is_empty(), !s.content.is_empty(), s.indent > 0, s.expert];
            head(&mut out, 5, entries.iter().filter(|e| **e).count() as u64);
            if !s.title.is_empty() {
                text(&mut out, 1, s.title);
            }
            if !s.content.is_empty() {
                text(&mut out, 2, s.content);
            }
            if s.indent > 0 {
                head(&mut out, 0, 3);
                head(&mut out, 0, u64::from(s.indent));
            }
            if s.expert {
                out.extend([0x04, 0xf5]);
            }
            Ok(())
        });
    assert_eq!(walked, Ok(()), "a decoded envelope failed its second walk");
    out
}

// ------------------------------------------------------------ the streaming decoder

use milkyway_core::stream::{Event, Stream, StreamError, StreamOptions};

/// What a streamed document gave: every event (screens as "label: value", the title of
/// top-level message i marked "#i"), then the end: the finished state or the refusal.
pub type Streamed = (Vec<String>, Result<milkyway_core::stream::Finished, StreamError>);

/// Streams `doc` in the pieces `cuts` (ascending positions within it) makes, with
/// element and held buffers of `E` and `H` bytes, checking every screen as the device
/// takes it and every reason.
pub fn stream_cut<const E: usize, const H: usize>(
    doc: &[u8],
    opts: StreamOptions<'_>,
    cuts: &[usize],
) -> Streamed {
    let mut elem = Box::new([0u8; E]);
    let mut held = Box::new([0u8; H]);
    let mut s = Stream::<E, H>::new(opts, &mut elem, &mut held);
    let mut events = Vec::new();
    let mut sink = |e: Event<'_>| {
        events.push(match e {
            Event::Screen { screen, action } => {
                assert!(
                    !screen.label.is_empty()
                        && screen.label.len() <= LABEL_CHARS
                        && printable(screen.label),
                    "label {:?}",
                    screen.label
                );
                assert!(
                    screen.value.len() <= PAGE_CHARS && printable(screen.value),
                    "value {:?}",
                    screen.value
                );
                match action {
                    Some(i) => format!("#{i} {}: {}", screen.label, screen.value),
                    None => format!("{}: {}", screen.label, screen.value),
                }
            }
            Event::Blind => "BLIND".to_string(),
        });
        Ok(())
    };
    let mut start = 0;
    for &end in cuts.iter().chain(std::iter::once(&doc.len())) {
        if let Err(e) = s.feed(&doc[start..end], &mut sink) {
            check_reason(e.reason());
            return (events, Err(e));
        }
        start = end;
    }
    let end = s.finish(&mut sink);
    if let Err(e) = &end {
        check_reason(e.reason());
    }
    (events, end)
}

/// The chain a DIRECT document names first (its `SignDoc.chain_id`), for `direct_chain`.
pub fn direct_chain_of(doc: &[u8]) -> Option<&'static milkyway_core::chains::Chain> {
    use milkyway_core::proto::{Fields, WireValue};
    for item in Fields::new(doc) {
        match item {
            Ok((3, WireValue::Len(b))) => {
                let s = std::str::from_utf8(b).ok()?;
                return milkyway_core::chains::by_chain_id(&milkyway_core::text::Text::Plain(s));
            }
            Ok(_) => {}
            Err(_) => return None,
        }
    }
    None
}

/// The options byte of the stream targets: bit 0 the mode (Amino JSON when set), bit 1
/// blind signing, bit 2 expert mode, bit 3 the own address known.
pub fn stream_options(flags: u8, doc: &[u8]) -> StreamOptions<'static> {
    let mode = if flags & 1 != 0 { SignMode::AminoJson } else { SignMode::Direct };
    let mut opts = StreamOptions::preview(
        mode,
        flags & 4 != 0,
        (flags & 8 != 0).then_some(OWN),
        match mode {
            SignMode::Direct => direct_chain_of(doc),
            SignMode::AminoJson | SignMode::Textual => None,
        },
    );
    opts.policy.blind_signing = flags & 2 != 0;
    opts
}

/// The whole-buffer result for the same options: the screens (or, blind signing on and
/// a message unknown, `Ok(None)`), or the refusal.
pub fn whole_buffer(doc: &[u8], opts: &StreamOptions<'_>) -> Result<Option<Vec<String>>, String> {
    // An Amino JSON document naming sign/MsgSignData is an off-chain message or refused
    // (the session decides it before decoding a transaction).
    if opts.mode == SignMode::AminoJson {
        if let Some(found) = milkyway_core::adr036::detect(doc) {
            let data = found.map_err(|e| e.reason().to_string())?;
            let mut out = Vec::new();
            let mut sink = |s: Screen<'_>| {
                out.push(format!("{}: {}", s.label, s.value));
                Ok(())
            };
            milkyway_core::adr036::render(&data, &mut sink).map_err(|e| e.reason().to_string())?;
            return Ok(Some(out));
        }
    }
    let tx = match decode(doc, opts.mode) {
        Ok(tx) => tx,
        Err(milkyway_core::Error::UnknownMessage) if opts.policy.blind_signing => return Ok(None),
        Err(e) => return Err(e.reason().to_string()),
    };
    let own_address = match opts.own {
        milkyway_core::stream::Own::Address(a) => Some(a),
        _ => None,
    };
    let mut out = Vec::new();
    let mut sink = |s: Screen<'_>| {
        out.push(format!("{}: {}", s.label, s.value));
        Ok(())
    };
    render(&tx, &Options { expert: opts.policy.expert, own_address }, &mut sink)
        .map_err(|e| e.reason().to_string())?;
    Ok(Some(out))
}

/// The streamed screens with the titles numbered as the whole-buffer renderer numbers
/// them (the count known at the end).
pub fn numbered(events: &[String], count: usize) -> Vec<String> {
    events
        .iter()
        .filter(|e| *e != "BLIND")
        .map(|e| match e.strip_prefix('#') {
            Some(rest) => {
                let (i, rest) = rest.split_once(' ').expect("#i label");
                let value = rest.strip_prefix("Action: ").expect("a title screen");
                let label = milkyway_core::stream::action_label(i.parse().expect("i"), Some(count));
                format!("{}: {value}", label.as_str())
            }
            None => e.clone(),
        })
        .collect()
}

// ------------------------------------------------------------------ the SIGN flow

use milkyway_core::apdu::{Chunk, KeyKind, Path};
use milkyway_core::review::ScreenStore;
use milkyway_core::sign_flow::{Answer, Device, Kind, SignFlow};

/// A device that records what the flow asks of it, and rejects at screen `reject_at`
/// of a streamed review (counting from 0) or at the final decision when `reject_final`.
#[derive(Default)]
pub struct Recorder {
    hash: Option<milkyway_core::sha256::Sha256>,
    pub log: Vec<String>,
    pub reject_at: Option<usize>,
    pub reject_final: bool,
    shown: usize,
}

impl Recorder {
    pub fn deciding(reject_at: Option<usize>, reject_final: bool) -> Self {
        Recorder { reject_at, reject_final, ..Recorder::default() }
    }
}

impl Device for Recorder {
    fn hash_start(&mut self, _key: KeyKind) {
        self.hash = Some(milkyway_core::sha256::Sha256::new());
    }
    fn hash_update(&mut self, data: &[u8]) -> Result<(), ()> {
        self.hash.as_mut().ok_or(())?.update(data);
        Ok(())
    }
    fn hash_finish(&mut self) -> Option<[u8; 32]> {
        self.hash.take().map(|h| h.finish())
    }
    fn address(&mut self, _path: &Path) -> Option<[u8; 20]> {
        Some([7; 20])
    }
    fn long_start(&mut self) -> bool {
        self.log.push("START".into());
        true
    }
    fn long_show(&mut self, label: &str, value: &str) -> bool {
        self.log.push(format!("{label}: {value}"));
        self.shown += 1;
        self.reject_at != Some(self.shown - 1)
    }
    fn long_show_hash(&mut self, hash: &[u8; 32]) -> bool {
        self.log.push(format!("HASH {hash:?}"));
        true
    }
    fn long_finish(&mut self, question: &str) -> bool {
        self.log.push(format!("FINISH {question}"));
        !self.reject_final
    }
    fn review_held(&mut self, store: &ScreenStore<'_>, kind: Kind, title: &str, q: &str) -> bool {
        self.log.push(format!("HELD {kind:?} {title}"));
        for i in 0..store.len() {
            let (label, value) = store.get(i).expect("a held screen");
            self.log.push(format!("{label}: {value}"));
        }
        self.log.push(format!("FINISH {q}"));
        !self.reject_final
    }
    fn review_blind(&mut self, hash: &[u8; 32]) -> bool {
        self.log.push(format!("BLIND {hash:?}"));
        !self.reject_final
    }
}

/// Signs `doc` through a fresh flow with the device's buffers (Nano X's: the smallest
/// store) in `chunk`-byte pieces after an init with the prefix `milk`; the answer that
/// ended the request and what the device was asked.
pub fn sign_flow_run(
    doc: &[u8],
    mode: Option<SignMode>,
    policy: milkyway_core::session::Policy,
    chunk: usize,
    device: Recorder,
) -> (Answer, Vec<String>) {
    let memory = milkyway_core::review::NANOX;
    let mut elem = Box::new([0u8; milkyway_core::review::NANOX.element]);
    let mut held = Box::new([0u8; milkyway_core::review::NANOX.held]);
    let mut store = vec![0u8; memory.store];
    let mut flow = SignFlow::new(&mut elem, &mut held, &mut store);
    let mut dev = device;
    let mut init = Vec::new();
    for w in [0x8000_002Cu32, 0x8000_0076, 0x8000_0000, 0, 0] {
        init.extend_from_slice(&w.to_le_bytes());
    }
    init.extend_from_slice(&[4, b'm', b'i', b'l', b'k']);
    let first = flow.receive(&mut dev, Chunk::Init, mode, &init, policy);
    if first != Answer::More {
        return (first, dev.log);
    }
    let pieces: Vec<&[u8]> =
        if doc.is_empty() { vec![&[]] } else { doc.chunks(chunk.max(1)).collect() };
    let count = pieces.len();
    for (i, piece) in pieces.into_iter().enumerate() {
        let kind = if i + 1 == count { Chunk::Last } else { Chunk::Add };
        let answer = flow.receive(&mut dev, kind, mode, piece, policy);
        if kind == Chunk::Last || answer != Answer::More {
            return (answer, dev.log);
        }
    }
    unreachable!("the last piece answers")
}
