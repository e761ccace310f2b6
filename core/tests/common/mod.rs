//! Test helpers: a minimal protobuf writer (to build SIGN_MODE_DIRECT vectors by hand,
//! field by field) and a screen collector.
#![allow(dead_code)]

use milkyway_core::{decode, render, Error, Options, SignMode};

pub fn varint(mut v: u64, out: &mut Vec<u8>) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// Field `n` as a varint.
pub fn fv(n: u32, v: u64) -> Vec<u8> {
    let mut out = Vec::new();
    varint(u64::from(n) << 3, &mut out);
    varint(v, &mut out);
    out
}

/// Field `n` as length-delimited bytes.
pub fn fb(n: u32, b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    varint((u64::from(n) << 3) | 2, &mut out);
    varint(b.len() as u64, &mut out);
    out.extend_from_slice(b);
    out
}

pub fn fs(n: u32, s: &str) -> Vec<u8> {
    fb(n, s.as_bytes())
}

pub fn cat(parts: &[Vec<u8>]) -> Vec<u8> {
    parts.concat()
}

pub fn coin(denom: &str, amount: &str) -> Vec<u8> {
    cat(&[fs(1, denom), fs(2, amount)])
}

pub fn any(type_url: &str, value: &[u8]) -> Vec<u8> {
    cat(&[fs(1, type_url), fb(2, value)])
}

pub const PUBKEY: [u8; 33] = [2; 33];

/// A SIGN_MODE_DIRECT SignDoc with one signer (sequence `seq`) and the given body parts.
pub fn sign_doc(
    msgs: &[Vec<u8>],
    memo: &str,
    fee: &[Vec<u8>],
    chain: &str,
    account: u64,
    seq: u64,
) -> Vec<u8> {
    let mut body: Vec<u8> = msgs.iter().flat_map(|m| fb(1, m)).collect();
    if !memo.is_empty() {
        body.extend(fs(2, memo));
    }
    let pk = any("/cosmos.crypto.secp256k1.PubKey", &fb(1, &PUBKEY));
    let mode = fb(1, &fv(1, 1));
    let signer = cat(&[fb(1, &pk), fb(2, &mode), fv(3, seq)]);
    let auth = cat(&[fb(1, &signer), fb(2, &cat(fee))]);
    cat(&[fb(1, &body), fb(2, &auth), fs(3, chain), fv(4, account)])
}

pub const ME: &str = "milk1mevswxr8d9r0w0vd6d0ds7k4qh0xmdma3mr3dl";
pub const OTHER: &str = "milk1qg5ega6dykkxc307y25pecuufrjkxkaggkkxh7nad0vhyhtuhw3ssgcye4";

/// Fuzzing seeds: when `MW_DUMP_SIGN_DOCS` names a directory, every sign doc a test
/// decodes is also written to `<dir>/direct/` or `<dir>/amino/` (file name: a hash of the
/// bytes), so the fuzzers (fuzz/, scripts/fuzz.sh) start from every vector the tests build,
/// accepted and refused alike. Without the variable this does nothing.
pub fn dump_sign_doc(bytes: &[u8], mode: SignMode) {
    stream_differential(bytes, mode);
    use std::hash::{Hash, Hasher};
    let Some(root) = std::env::var_os("MW_DUMP_SIGN_DOCS") else { return };
    let dir = std::path::Path::new(&root).join(match mode {
        SignMode::Direct => "direct",
        SignMode::AminoJson => "amino",
        SignMode::Textual => "textual",
    });
    let mut h = std::hash::DefaultHasher::new();
    bytes.hash(&mut h);
    std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(dir.join(format!("{:016x}", h.finish())), bytes))
        .unwrap_or_else(|e| panic!("MW_DUMP_SIGN_DOCS={}: {e}", dir.display()));
}

/// Decodes and renders; returns "label: value" lines.
pub fn screens_opts(
    bytes: &[u8],
    mode: SignMode,
    opts: &Options<'_>,
) -> Result<Vec<String>, Error> {
    dump_sign_doc(bytes, mode);
    let tx = decode(bytes, mode)?;
    let mut out = Vec::new();
    let mut sink = |s: milkyway_core::Screen<'_>| {
        out.push(format!("{}: {}", s.label, s.value));
        Ok(())
    };
    render(&tx, opts, &mut sink)?;
    Ok(out)
}

pub fn screens(bytes: &[u8], mode: SignMode) -> Result<Vec<String>, Error> {
    screens_opts(bytes, mode, &Options { expert: false, own_address: Some(ME) })
}

pub fn direct(bytes: &[u8]) -> Result<Vec<String>, Error> {
    screens(bytes, SignMode::Direct)
}

pub fn amino(json: &str) -> Result<Vec<String>, Error> {
    screens(json.as_bytes(), SignMode::AminoJson)
}

/// Wraps amino messages in a canonical StdSignDoc on MilkyWay (fee 5000 umilk, gas 200000).
pub fn amino_doc(msgs: &str, memo: &str) -> String {
    format!(
        r#"{{"account_number":"7","chain_id":"milkyway","fee":{{"amount":[{{"amount":"5000","denom":"umilk"}}],"gas":"200000"}},"memo":"{memo}","msgs":[{msgs}],"sequence":"3"}}"#
    )
}

/// The DIRECT twin of `amino_doc`.
pub fn direct_doc(msgs: &[Vec<u8>], memo: &str) -> Vec<u8> {
    sign_doc(msgs, memo, &[fb(1, &coin("umilk", "5000")), fv(2, 200000)], "milkyway", 7, 3)
}

pub fn lines(expected: &[&str]) -> Vec<String> {
    expected.iter().map(|s| s.to_string()).collect()
}

// ------------------------------------------------------------ the streaming decoder

/// Element and held buffers large enough for any document the tests build (so that the
/// streamed result can be compared with the whole-buffer one exactly); documents up to
/// `SMALL` bytes use buffers of that size (each stream zeroes its buffers).
pub const BIG: usize = 1 << 16;
pub const SMALL: usize = 2048;

/// What a streamed document gave: the screens ("label: value", titles numbered with the
/// final count as the whole-buffer renderer numbers them), whether it ended blind, or the
/// refusal; and the raw events (titles as streamed) to compare cuts exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Streamed {
    pub result: Result<(Vec<String>, bool), String>,
    pub events: Vec<String>,
}

/// The chain a DIRECT document names (its `SignDoc.chain_id`), for `direct_chain`.
pub fn direct_chain_of(bytes: &[u8]) -> Option<&'static milkyway_core::chains::Chain> {
    use milkyway_core::proto::{Fields, WireValue};
    for item in Fields::new(bytes) {
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

/// Streams `bytes` in the pieces `cuts` (ascending positions) makes of it.
pub fn stream_with<const E: usize, const H: usize>(
    bytes: &[u8],
    opts: milkyway_core::stream::StreamOptions<'_>,
    cuts: &[usize],
) -> Streamed {
    use milkyway_core::stream::{action_label, Event, Stream};
    let mut elem = Box::new([0u8; E]);
    let mut held = Box::new([0u8; H]);
    let mut s = Stream::<E, H>::new(opts, &mut elem, &mut held);
    let mut events = Vec::new();
    let mut sink = |e: Event<'_>| {
        events.push(match e {
            Event::Screen { screen, action } => {
                format!(
                    "{}{}: {}",
                    action.map(|i| format!("#{i} ")).unwrap_or_default(),
                    screen.label,
                    screen.value
                )
            }
            Event::Blind => "BLIND".to_string(),
        });
        Ok(())
    };
    let mut start = 0;
    let mut failed = None;
    for &end in cuts.iter().chain(std::iter::once(&bytes.len())) {
        if let Err(e) = s.feed(&bytes[start..end], &mut sink) {
            failed = Some(e);
            break;
        }
        start = end;
    }
    let done = match failed {
        Some(e) => Err(e),
        None => s.finish(&mut sink),
    };
    let result = match done {
        Err(e) => Err(e.reason().to_string()),
        Ok(f) => {
            let screens = events
                .iter()
                .filter(|e| *e != "BLIND")
                .map(|e| match e.strip_prefix('#') {
                    Some(rest) => {
                        let (i, rest) = rest.split_once(' ').unwrap();
                        let value = rest.strip_prefix("Action: ").expect("a title screen");
                        let label = action_label(i.parse().unwrap(), Some(f.messages));
                        format!("{}: {value}", label.as_str())
                    }
                    None => e.clone(),
                })
                .collect();
            Ok((screens, f.blind))
        }
    };
    Streamed { result, events }
}

/// Every sign doc a test decodes, streamed: byte by byte, in one piece, and cut in two at
/// every position (at 256 positions spread evenly beyond 256 bytes, 32 beyond `SMALL`),
/// expert mode off and on. Every cut must give
/// exactly the same events and the same end (the same refusal, at the same byte); the
/// result must be the whole-buffer decoder's (the same screens, or a refusal when it
/// refuses). `MW_STREAM_CUTS=0` skips the two-piece cuts.
pub fn stream_differential(bytes: &[u8], mode: SignMode) {
    use milkyway_core::stream::StreamOptions;
    let chain = match mode {
        SignMode::Direct => direct_chain_of(bytes),
        SignMode::AminoJson => None,
        // No transaction: the textual tests check their own decoder.
        SignMode::Textual => return,
    };
    let cuts_wanted = std::env::var("MW_STREAM_CUTS").map_or(true, |v| v != "0");
    if mode == SignMode::AminoJson {
        json_check_agrees(bytes);
    }
    for expert in [false, true] {
        let opts = Options { expert, own_address: Some(ME) };
        let mut out = Vec::new();
        let mut sink = |s: milkyway_core::Screen<'_>| {
            out.push(format!("{}: {}", s.label, s.value));
            Ok(())
        };
        // An Amino JSON document naming sign/MsgSignData is an off-chain message or
        // refused (what the device's session decides before decoding a transaction).
        let offchain = match mode {
            SignMode::AminoJson => milkyway_core::adr036::detect(bytes),
            _ => None,
        };
        let whole = match offchain {
            Some(found) => found.and_then(|data| milkyway_core::adr036::render(&data, &mut sink)),
            None => decode(bytes, mode).and_then(|tx| render(&tx, &opts, &mut sink)),
        }
        .map(|()| out);
        let sopts = StreamOptions::preview(mode, expert, Some(ME), chain);
        let small = bytes.len() <= SMALL;
        let run = |cuts: &[usize]| {
            if small {
                stream_with::<SMALL, SMALL>(bytes, sopts, cuts)
            } else {
                stream_with::<BIG, BIG>(bytes, sopts, cuts)
            }
        };
        let by_byte: Vec<usize> = (1..bytes.len()).collect();
        let reference = run(&by_byte);
        match (&whole, &reference.result) {
            (Ok(w), Ok((s, blind))) => {
                assert!(!blind);
                assert_eq!(w, s, "streamed screens differ from the whole buffer's");
            }
            (Err(_), Err(_)) => {}
            (w, s) => panic!(
                "whole buffer {w:?}, streamed {s:?} ({mode:?}, expert {expert}, {} bytes)",
                bytes.len()
            ),
        }
        let mut cuts: Vec<Vec<usize>> = vec![vec![]];
        if cuts_wanted {
            let positions = if small { 256 } else { 32 };
            let step = bytes.len().div_ceil(positions).max(1);
            cuts.extend((1..bytes.len()).step_by(step).map(|c| vec![c]));
        }
        for cut in cuts {
            let other = run(&cut);
            assert_eq!(other, reference, "cut at {cut:?} differs from byte by byte");
        }
    }
}

/// The streaming JSON checker (what the Amino JSON decoder passes through) against the
/// JSON reader, on a whole document that is an object or an array: they must agree, but
/// for keys too long for the checker.
pub fn json_check_agrees(bytes: &[u8]) {
    use milkyway_core::stream::json_check::check;
    let depth = milkyway_core::msg::MAX_JSON_DEPTH + 8;
    let whole = milkyway_core::json::parse(bytes, depth).is_ok();
    let streamed = check(bytes, depth);
    if streamed != Err(Error::ElementTooLarge) && bytes.first().is_some_and(|b| b"{[".contains(b)) {
        assert_eq!(
            whole,
            streamed.is_ok(),
            "checker {streamed:?} on {:?}",
            String::from_utf8_lossy(bytes)
        );
    }
}

// ------------------------------------------------------------------ the SIGN flow

use milkyway_core::apdu::{Chunk, KeyKind, Path, COIN_TYPE, HARDENED, PURPOSE};
use milkyway_core::review::{Memory, ScreenStore, LONG_TITLE};
use milkyway_core::session::Policy;
use milkyway_core::sha256::Sha256;
use milkyway_core::sign_flow::{Answer, Device, Kind, SignFlow};

/// A device for [`SignFlow`] that records what the flow asks of it, in order, and
/// decides as told. Its key's address is `address` (20 bytes; the flow encodes it under
/// the prefix in use); the hash is SHA-256 whatever the key (the app's Keccak-256 for
/// `44'/60'` is the SDK's), and `hashed_for` says which key the flow asked it for.
pub struct Recorder {
    pub hash: Option<Sha256>,
    pub log: Vec<String>,
    pub address: [u8; 20],
    pub hashed_for: Option<KeyKind>,
    /// Reject at the n-th screen of a streamed review (from 0), or at the final decision.
    pub reject_screen: Option<usize>,
    pub reject_final: bool,
    pub shown: usize,
}

impl Default for Recorder {
    fn default() -> Self {
        Recorder {
            hash: None,
            log: Vec::new(),
            address: [7; 20],
            hashed_for: None,
            reject_screen: None,
            reject_final: false,
            shown: 0,
        }
    }
}

impl Recorder {
    /// A device whose key has the address `bech32` (any prefix).
    pub fn owning(bech32: &str) -> Self {
        Recorder { address: address_bytes(bech32), ..Recorder::default() }
    }
}

pub fn upper_hex(b: &[u8]) -> String {
    b.iter().map(|b| format!("{b:02X}")).collect()
}

impl Device for Recorder {
    fn hash_start(&mut self, key: KeyKind) {
        self.hashed_for = Some(key);
        self.hash = Some(Sha256::new());
    }
    fn hash_update(&mut self, data: &[u8]) -> Result<(), ()> {
        self.hash.as_mut().ok_or(())?.update(data);
        Ok(())
    }
    fn hash_finish(&mut self) -> Option<[u8; 32]> {
        self.hash.take().map(Sha256::finish)
    }
    fn address(&mut self, _path: &Path) -> Option<[u8; 20]> {
        Some(self.address)
    }
    fn long_start(&mut self) -> bool {
        self.log.push(format!("start: {LONG_TITLE}"));
        true
    }
    fn long_show(&mut self, label: &str, value: &str) -> bool {
        self.log.push(format!("{label}: {value}"));
        self.shown += 1;
        self.reject_screen != Some(self.shown - 1)
    }
    fn long_show_hash(&mut self, hash: &[u8; 32]) -> bool {
        self.log.push(format!("hash: {}", upper_hex(hash)));
        true
    }
    fn long_finish(&mut self, question: &str) -> bool {
        self.log.push(format!("finish: {question}"));
        !self.reject_final
    }
    fn review_held(
        &mut self,
        store: &ScreenStore<'_>,
        kind: Kind,
        title: &str,
        question: &str,
    ) -> bool {
        self.log.push(format!("held {kind:?}: {title}"));
        for i in 0..store.len() {
            let (label, value) = store.get(i).unwrap();
            self.log.push(format!("{label}: {value}"));
        }
        self.log.push(format!("finish: {question}"));
        !self.reject_final
    }
    fn review_blind(&mut self, hash: &[u8; 32]) -> bool {
        self.log.push(format!("blind: {}", upper_hex(hash)));
        !self.reject_final
    }
}

/// The address of `bytes` under `hrp`, as the device encodes it.
pub fn address_of(hrp: &str, bytes: &[u8; 20]) -> String {
    let mut out = String::new();
    milkyway_core::bech32::encode(&mut out, hrp, bytes).unwrap();
    out
}

/// The 20 bytes of a bech32 address (its checksum is not checked here: the flow, which
/// encodes these bytes back, compares the whole address).
pub fn address_bytes(bech32: &str) -> [u8; 20] {
    const CHARSET: &str = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    let (_, data) = bech32.rsplit_once('1').expect("a bech32 address");
    let fives: Vec<u32> = data[..data.len() - 6]
        .chars()
        .map(|c| CHARSET.find(c).expect("a bech32 character") as u32)
        .collect();
    let (mut acc, mut bits, mut out) = (0u32, 0u32, Vec::new());
    for v in fives {
        acc = (acc << 5) | v;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out.try_into().expect("20 bytes")
}

/// The data of a SIGN `init`: the path `44'/coin'/0'/0/0`, then the prefix if any.
pub fn init_data(coin: u32, prefix: Option<&str>) -> Vec<u8> {
    let mut out: Vec<u8> =
        [PURPOSE, coin, HARDENED, 0, 0].iter().flat_map(|w| w.to_le_bytes()).collect();
    if let Some(p) = prefix {
        out.push(p.len() as u8);
        out.extend_from_slice(p.as_bytes());
    }
    out
}

/// What a SIGN request is sent as: the key's coin type, the prefix in `init`, P2's mode
/// (`None`: SIGN_MODE_TEXTUAL) and the settings.
#[derive(Clone, Copy, Debug)]
pub struct Req<'a> {
    pub coin: u32,
    pub prefix: Option<&'a str>,
    pub mode: Option<milkyway_core::SignMode>,
    pub policy: Policy,
}

impl<'a> Req<'a> {
    pub fn new(prefix: Option<&'a str>, mode: Option<milkyway_core::SignMode>) -> Self {
        Req { coin: COIN_TYPE, prefix, mode, policy: Policy::default() }
    }
}

/// The answer that ended a request, and which chunk gave it (0 is `init`, 1 the first
/// data chunk).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ended {
    pub answer: Answer,
    pub at: usize,
}

/// Sends `init`, then `chunks` (`add`, the last one `last`) through a fresh [`SignFlow`]
/// over buffers of the sizes of `memory`; stops at the first answer other than
/// [`Answer::More`].
pub fn sign_chunks(dev: &mut Recorder, memory: Memory, req: Req<'_>, chunks: &[&[u8]]) -> Ended {
    match (memory.element, memory.held) {
        (3072, 1536) => sign_in::<3072, 1536>(dev, memory.store, req, chunks),
        (4096, 1536) => sign_in::<4096, 1536>(dev, memory.store, req, chunks),
        other => panic!("no device has the buffers {other:?}"),
    }
}

fn sign_in<const E: usize, const H: usize>(
    dev: &mut Recorder,
    store: usize,
    req: Req<'_>,
    chunks: &[&[u8]],
) -> Ended {
    let mut elem = Box::new([0u8; E]);
    let mut held = Box::new([0u8; H]);
    let mut store = vec![0u8; store];
    let mut flow = SignFlow::new(&mut elem, &mut held, &mut store);
    let init = init_data(req.coin, req.prefix);
    let answer = flow.receive(dev, Chunk::Init, req.mode, &init, req.policy);
    if answer != Answer::More {
        return Ended { answer, at: 0 };
    }
    for (i, piece) in chunks.iter().enumerate() {
        let chunk = if i + 1 == chunks.len() { Chunk::Last } else { Chunk::Add };
        let answer = flow.receive(dev, chunk, req.mode, piece, req.policy);
        if chunk == Chunk::Last || answer != Answer::More {
            return Ended { answer, at: i + 1 };
        }
    }
    panic!("no chunk to send")
}

/// Sends `doc` in `size`-byte chunks (250 by default in clients) with the buffers of the
/// largest devices ([`milkyway_core::review::NANOSP`]).
pub fn sign_doc_flow(dev: &mut Recorder, req: Req<'_>, doc: &[u8], size: usize) -> Ended {
    let chunks: Vec<&[u8]> = if doc.is_empty() { vec![&[]] } else { doc.chunks(size).collect() };
    sign_chunks(dev, milkyway_core::review::NANOSP, req, &chunks)
}

/// How a request ended, in words the rule tests compare: `clear`, `streamed`, `blind`,
/// `message` (approved after that review), or the refusal.
pub fn outcome(
    dev: &Recorder,
    ended: Ended,
) -> Result<&'static str, milkyway_core::session::Refusal> {
    match ended.answer {
        Answer::Refused { refusal, .. } => Err(refusal),
        Answer::Approved { .. } => Ok(match dev.log.first().map(String::as_str) {
            Some(l) if l.starts_with("held Transaction") => "clear",
            Some(l) if l.starts_with("held Message") => "message",
            Some(l) if l.starts_with("blind") => "blind",
            Some(l) if l.starts_with("start") => "streamed",
            other => panic!("approved after {other:?}"),
        }),
        other => panic!("{other:?}"),
    }
}
