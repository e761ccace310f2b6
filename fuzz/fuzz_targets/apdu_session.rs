//! The SIGN state machine driven by arbitrary APDU sequences: one `SignSession` and one
//! 32 KiB `RamBuffer` (the device's buffer size) for the whole input, as on the device.
//!
//! Input: a flags byte (bit 0: expert mode for the chunks; bit 1: the policy's expert
//! mode; bit 2: blind signing), then APDU records until the input ends:
//! - `len` then `len` bytes: CLA INS P1 P2 and the data (a record shorter than 4 bytes is
//!   skipped: the device's transport answers it before the app sees a header);
//! - `0`, `count`, `len`, then `len` bytes: that APDU sent `count + 1` times (so a few
//!   hundred bytes can fill the 32 KiB buffer).
//! Every header goes through `Instruction::decode`; SIGN chunks go to the session, other
//! instructions leave it alone. On `Complete` the request is reviewed with the policy,
//! and a clear review is rendered (expert as the policy says), a textual one too.
//!
//! Checked: after any error the session is idle and the buffer empty; the buffer never
//! holds more than its capacity; the buffer always holds exactly the add/last data sent
//! since the last accepted init (a shadow copy), so a completed request reviews exactly
//! those bytes; add/last are accepted only while receiving, and refused as too big only
//! when they would overflow; a reviewed document is refused only with 0x6984 and a
//! reason (a chunk's refusal may have none: a bad HRP is a bare 0x6984, docs/protocol.md);
//! reasons and every screen are printable ASCII, values at most `PAGE_CHARS` bytes,
//! labels at most `LABEL_CHARS`.
#![no_main]
use libfuzzer_sys::fuzz_target;
use milkyway_core::apdu::{Chunk, Instruction, StatusWord};
use milkyway_core::session::{
    self, Format, Policy, Progress, RamBuffer, Review, SignBuffer, SignSession,
};
use milkyway_core::Options;
use milkyway_core_fuzz::{check_reason, printable, render_checked, render_textual_checked};

const CAPACITY: usize = 32768;

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

fn review_and_render(bytes: &[u8], request: &session::Request, policy: Policy) {
    match session::review(bytes, request, policy) {
        Err(refusal) => {
            // A refused document: 0x6984 and the reason the device sends.
            assert_eq!(refusal.status, StatusWord::DataInvalid, "{refusal:?}");
            check_reason(refusal.reason);
        }
        Ok(Review::Blind { reason }) => {
            assert!(policy.blind_signing, "blind review without blind signing");
            check_reason(reason);
        }
        Ok(Review::Clear { tx, own_prefix }) => {
            if let Some(p) = own_prefix {
                assert!(!p.is_empty() && printable(p));
            }
            render_checked(&tx, &Options { expert: policy.expert, own_address: None });
        }
        Ok(Review::Textual { envelope }) => {
            assert_eq!(request.format, Format::Textual);
            render_textual_checked(&envelope);
        }
        Ok(Review::Message { data }) => {
            // An off-chain message: Amino JSON only, its screens printable.
            assert_eq!(request.format, Format::Tx(milkyway_core::SignMode::AminoJson));
            let mut sink = |s: milkyway_core::Screen<'_>| {
                assert!(printable(s.label) && printable(s.value), "{s:?}");
                Ok(())
            };
            milkyway_core::adr036::render(&data, &mut sink).unwrap();
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, apdus)) = data.split_first() else { return };
    let expert = flags & 1 != 0;
    let policy = Policy { expert: flags & 2 != 0, blind_signing: flags & 4 != 0 };
    let mut session = SignSession::new();
    let mut buf = RamBuffer::<CAPACITY>::new();
    // What the buffer must hold: the add/last data since the last accepted init.
    let mut shadow: Vec<u8> = Vec::new();
    for (times, apdu) in Apdus(apdus) {
        let [cla, ins, p1, p2, payload @ ..] = apdu else { continue };
        let Ok(Instruction::Sign { chunk, mode }) = Instruction::decode(*cla, *ins, *p1, *p2)
        else {
            continue;
        };
        for _ in 0..times {
            let was_receiving = session.is_receiving();
            let result = session.receive(&mut buf, chunk, mode, payload, expert);
            assert!(buf.bytes().len() <= buf.capacity() && buf.capacity() == CAPACITY);
            match result {
                Err(refusal) => {
                    assert!(!session.is_receiving(), "still receiving after {refusal:?}");
                    assert!(
                        buf.bytes().is_empty(),
                        "{} bytes left after {refusal:?}",
                        buf.bytes().len()
                    );
                    // A chunk's refusal has no reason (docs/protocol.md: a bad HRP in
                    // init is 0x6984 with no reason, as for GET_ADDR); if one had, it
                    // would be a 0x6984 with a printable reason.
                    if !refusal.reason.is_empty() {
                        assert_eq!(refusal.status, StatusWord::DataInvalid);
                        check_reason(refusal.reason);
                    }
                    if refusal.status == StatusWord::TxTooBig {
                        assert!(
                            was_receiving
                                && chunk != Chunk::Init
                                && shadow.len() + payload.len() > CAPACITY
                        );
                    }
                    shadow.clear();
                }
                Ok(progress) => {
                    match chunk {
                        Chunk::Init => shadow.clear(),
                        Chunk::Add | Chunk::Last => {
                            assert!(was_receiving, "{chunk:?} accepted outside a session");
                            shadow.extend_from_slice(payload);
                        }
                    }
                    assert!(shadow.len() <= CAPACITY);
                    assert_eq!(
                        buf.bytes(),
                        &shadow[..],
                        "the buffer is not the data sent since init"
                    );
                    match progress {
                        Progress::NeedMore => {
                            assert!(chunk != Chunk::Last && session.is_receiving());
                        }
                        Progress::Complete(request) => {
                            assert!(chunk == Chunk::Last && !session.is_receiving());
                            assert_eq!(
                                request.format,
                                Format::of(mode),
                                "the request has another mode than the last chunk"
                            );
                            review_and_render(buf.bytes(), &request, policy);
                        }
                    }
                }
            }
        }
    }
});
