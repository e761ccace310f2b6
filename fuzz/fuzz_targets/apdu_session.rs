//! The device's SIGN flow (`milkyway_core::sign_flow::SignFlow`) driven by arbitrary APDU
//! sequences: one flow over Nano X's buffers (the smallest: the element buffer that holds
//! a textual document, the store whose overflow starts a streamed review) for the whole
//! input, as on the device, with a recording device that checks every screen.
//!
//! Input: a flags byte (bit 0: the user rejects at the final decision; bit 1: expert
//! mode; bit 2: blind signing; bits 3-7, when not 0: the user rejects at that screen of
//! a streamed review), then APDU records until the input ends:
//! - `len` then `len` bytes: CLA INS P1 P2 and the data (a record shorter than 4 bytes is
//!   skipped: the device's transport answers it before the app sees a header);
//! - `0`, `count`, `len`, then `len` bytes: that APDU sent `count + 1` times.
//! Every header goes through `Instruction::decode`; SIGN chunks go to the flow, other
//! instructions leave it alone.
//!
//! Checked: `add`/`last` outside a request (before any `init`, after any refusal,
//! rejection or approval) answer `0x6986`; `0x6988` only for a textual document larger
//! than the element buffer; a refusal with a reason is `0x6984` and the reason printable
//! ASCII; every screen shown (held or streamed) and every title and question printable
//! ASCII, values at most `PAGE_CHARS` bytes, labels at most `LABEL_CHARS`; approvals only
//! after a `last` chunk, of exactly the SHA-256 of the add/last data since the last
//! accepted `init` (a shadow copy).
#![no_main]
use libfuzzer_sys::fuzz_target;
use milkyway_core::apdu::{Chunk, Instruction, KeyKind, Path, StatusWord};
use milkyway_core::render::{LABEL_CHARS, PAGE_CHARS};
use milkyway_core::review::{ScreenStore, NANOX};
use milkyway_core::session::{Policy, Refusal};
use milkyway_core::sha256::sha256;
use milkyway_core::sign_flow::{Answer, Device, Kind, SignFlow, TITLE_CHARS};
use milkyway_core_fuzz::{check_reason, printable, Recorder};

struct Apdus<'a>(&'a [u8]);

impl<'a> Iterator for Apdus<'a> {
    /// (times, apdu)
    type Item = (usize, &'a [u8]);
    fn next(&mut self) -> Option<Self::Item> {
        let (&len, rest) = self.0.split_first()?;
        let (times, len, rest) = if len == 0 {
            let [count, len, rest @ ..] = rest else {
                self.0 = &[];
                return None;
            };
            (usize::from(*count) + 1, *len, rest)
        } else {
            (1, len, rest)
        };
        let n = usize::from(len).min(rest.len());
        let (apdu, rest) = rest.split_at(n);
        self.0 = rest;
        Some((times, apdu))
    }
}

fn check_screen(label: &str, value: &str) {
    assert!(label.len() <= LABEL_CHARS && printable(label), "label {label:?}");
    assert!(value.len() <= PAGE_CHARS && printable(value), "value {value:?}");
}

fn check_title(t: &str) {
    assert!(!t.is_empty() && t.len() <= TITLE_CHARS && printable(t), "title {t:?}");
}

/// The recording device, checking what it is asked to show.
struct Checked(Recorder);

impl Device for Checked {
    fn hash_start(&mut self, key: KeyKind) {
        self.0.hash_start(key)
    }
    fn hash_update(&mut self, data: &[u8]) -> Result<(), ()> {
        self.0.hash_update(data)
    }
    fn hash_finish(&mut self) -> Option<[u8; 32]> {
        self.0.hash_finish()
    }
    fn address(&mut self, path: &Path) -> Option<[u8; 20]> {
        self.0.address(path)
    }
    fn long_start(&mut self) -> bool {
        self.0.long_start()
    }
    fn long_show(&mut self, label: &str, value: &str) -> bool {
        check_screen(label, value);
        self.0.long_show(label, value)
    }
    fn long_show_hash(&mut self, hash: &[u8; 32]) -> bool {
        self.0.long_show_hash(hash)
    }
    fn long_finish(&mut self, question: &str) -> bool {
        check_title(question);
        self.0.long_finish(question)
    }
    fn review_held(&mut self, store: &ScreenStore<'_>, kind: Kind, title: &str, q: &str) -> bool {
        check_title(title);
        check_title(q);
        for i in 0..store.len() {
            let (label, value) = store.get(i).expect("a held screen");
            check_screen(label, value);
        }
        self.0.review_held(store, kind, title, q)
    }
    fn review_blind(&mut self, hash: &[u8; 32]) -> bool {
        self.0.review_blind(hash)
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, apdus)) = data.split_first() else { return };
    let policy = Policy { expert: flags & 2 != 0, blind_signing: flags & 4 != 0 };
    let reject_at = (flags >> 3 != 0).then_some(usize::from(flags >> 3));
    let mut dev = Checked(Recorder::deciding(reject_at, flags & 1 != 0));
    let mut elem = Box::new([0u8; NANOX.element]);
    let mut held = Box::new([0u8; NANOX.held]);
    let mut store = vec![0u8; NANOX.store];
    let mut flow = SignFlow::new(&mut elem, &mut held, &mut store);
    // The request open (`init` accepted, no answer but 0x9000 since), its P2, and the
    // add/last data since that `init`.
    let mut open: Option<Option<milkyway_core::SignMode>> = None;
    let mut shadow: Vec<u8> = Vec::new();
    for (times, apdu) in Apdus(apdus) {
        let [cla, ins, p1, p2, payload @ ..] = apdu else { continue };
        let Ok(Instruction::Sign { chunk, mode }) = Instruction::decode(*cla, *ins, *p1, *p2)
        else {
            continue;
        };
        for _ in 0..times {
            let was_open = open;
            let answer = flow.receive(&mut dev, chunk, mode, payload, policy);
            if chunk != Chunk::Init {
                if was_open.is_none() {
                    let refused = Refusal::status(StatusWord::CommandNotAllowed);
                    assert_eq!(answer, Answer::Refused { refusal: refused, shown: false });
                }
                shadow.extend_from_slice(payload);
            }
            match answer {
                Answer::More => {
                    assert!(chunk != Chunk::Last, "0x9000 to a last chunk");
                    if chunk == Chunk::Init {
                        shadow.clear();
                        open = Some(mode);
                    }
                }
                Answer::Refused { refusal, .. } => {
                    if !refusal.reason.is_empty() {
                        assert_eq!(refusal.status, StatusWord::DataInvalid, "{refusal:?}");
                        check_reason(refusal.reason);
                    }
                    if refusal.status == StatusWord::TxTooBig {
                        // Only a textual document outgrows the flow (the element buffer).
                        assert!(chunk != Chunk::Init && was_open == Some(None), "{refusal:?}");
                        assert!(shadow.len() > NANOX.element, "0x6988 at {}", shadow.len());
                    }
                    open = None;
                }
                Answer::Rejected { .. } => open = None,
                Answer::Approved { hash, .. } => {
                    assert_eq!(chunk, Chunk::Last, "approved before the last chunk");
                    assert!(was_open.is_some());
                    assert_eq!(hash, sha256(&shadow), "not the hash of the data since init");
                    open = None;
                }
            }
            if open.is_none() {
                dev.0.log.clear();
            }
        }
    }
});
