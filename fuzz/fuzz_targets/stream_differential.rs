//! The streaming decoder against the whole-buffer one (`tx::decode` + `render`), with
//! buffers larger than any input (so that no element is too large): accepted by one,
//! accepted by the other with the same screens; blind by one, blind by the other; refused
//! by one, refused by the other (the reasons may differ: the stream meets the first
//! broken rule in document order). Fed in three pieces the fuzzer's input also decides.
//!
//! Also: the streaming JSON checker against the JSON reader on the same bytes.
//!
//! Input: a flags byte (`milkyway_core_fuzz::stream_options`), then the document.
#![no_main]
use libfuzzer_sys::fuzz_target;
use milkyway_core_fuzz::{numbered, stream_cut, stream_options, whole_buffer};

const BIG: usize = 1 << 16;

fuzz_target!(|data: &[u8]| {
    let [flags, doc @ ..] = data else { return };
    if doc.len() >= BIG {
        return;
    }
    let opts = stream_options(*flags, doc);
    // The streaming JSON checker (what Amino JSON passes through) agrees with the reader
    // on any object or array, keys too long for it aside.
    if matches!(doc.first(), Some(b'{' | b'[')) {
        let depth = milkyway_core::msg::MAX_JSON_DEPTH + 8;
        let checked = milkyway_core::stream::json_check::check(doc, depth);
        if checked != Err(milkyway_core::Error::ElementTooLarge) {
            let parsed = milkyway_core::json::parse(doc, depth);
            assert_eq!(parsed.is_ok(), checked.is_ok(), "reader {parsed:?}, checker {checked:?}");
        }
    }
    let cuts = [doc.len() / 3, doc.len() * 2 / 3];
    let (events, end) = stream_cut::<BIG, BIG>(doc, opts, &cuts);
    match (whole_buffer(doc, &opts), end) {
        (Ok(Some(screens)), Ok(f)) => {
            assert!(!f.blind, "streamed blind, whole buffer clear");
            assert_eq!(numbered(&events, f.messages), screens);
        }
        (Ok(None), Ok(f)) => assert!(f.blind, "whole buffer blind, streamed clear"),
        (Err(_), Err(_)) => {}
        (w, s) => panic!("whole buffer {w:?}, streamed {s:?} ({events:?})"),
    }
});
