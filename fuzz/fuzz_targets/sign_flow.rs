//! The SIGN flow (`milkyway_core::sign_flow`: chunks → streaming decoder → held or
//! streamed review → decision) with a recording device at Nano X's buffer sizes (the
//! smallest store, so streamed reviews are reached): the same document sent in chunks of
//! the fuzzer's size and of 250 bytes (what clients send) must end the same (approved
//! with the same hash, rejected, or refused for the same reason) after asking the device
//! for exactly the same screens.
//!
//! Input: a flags byte (bit 0 Amino JSON else DIRECT, bit 1 blind signing, bit 2 expert
//! mode, bit 3 SIGN_MODE_TEXTUAL), a decision byte (bit 7: reject at the end; low 7 bits
//! non-zero: reject at that screen of a streamed review), a chunk size byte, then the
//! document.
#![no_main]
use libfuzzer_sys::fuzz_target;
use milkyway_core::session::Policy;
use milkyway_core::SignMode;
use milkyway_core_fuzz::{sign_flow_run, Recorder};

fuzz_target!(|data: &[u8]| {
    let [flags, decision, size, doc @ ..] = data else { return };
    let mode = match (flags & 8 != 0, flags & 1 != 0) {
        (true, _) => None,
        (false, true) => Some(SignMode::AminoJson),
        (false, false) => Some(SignMode::Direct),
    };
    let policy = Policy { blind_signing: flags & 2 != 0, expert: flags & 4 != 0 };
    let device = || {
        let reject_at = (decision & 0x7f != 0).then_some(usize::from(decision & 0x7f));
        Recorder::deciding(reject_at, decision & 0x80 != 0)
    };
    let fuzzed = sign_flow_run(doc, mode, policy, usize::from(*size).max(1), device());
    let clients = sign_flow_run(doc, mode, policy, 250, device());
    assert_eq!(fuzzed, clients, "chunks of {size} bytes against 250");
});
