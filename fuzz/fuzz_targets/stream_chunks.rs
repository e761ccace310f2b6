//! The streaming decoder with chunk boundaries chosen by the fuzzer, at the device's
//! buffer sizes and at tiny ones (64-byte elements: refusals of elements too large, and
//! Amino JSON messages passed through the streaming JSON checker): the document in one piece and cut at up to 16 places must give exactly
//! the same events (screens, blind warning) and the same end (finished, or the same
//! refusal). Every screen is short printable ASCII, every reason a short ASCII line.
//!
//! Input: a flags byte (`milkyway_core_fuzz::stream_options`), a cut count byte (its low
//! four bits), two bytes per cut (a position, modulo the document's length), then the
//! document.
#![no_main]
use libfuzzer_sys::fuzz_target;
use milkyway_core::stream::{ELEMENT_BYTES, HELD_BYTES};
use milkyway_core_fuzz::{stream_cut, stream_options};

fuzz_target!(|data: &[u8]| {
    let [flags, count, rest @ ..] = data else { return };
    let n = usize::from(count & 15);
    if rest.len() < 2 * n {
        return;
    }
    let (cut_bytes, doc) = rest.split_at(2 * n);
    let mut cuts: Vec<usize> = cut_bytes
        .chunks(2)
        .map(|c| usize::from(u16::from_le_bytes([c[0], c[1]])) % (doc.len() + 1))
        .collect();
    cuts.sort_unstable();
    let opts = stream_options(*flags, doc);
    let whole = stream_cut::<ELEMENT_BYTES, HELD_BYTES>(doc, opts, &[]);
    let cut = stream_cut::<ELEMENT_BYTES, HELD_BYTES>(doc, opts, &cuts);
    assert_eq!(whole, cut, "cut at {cuts:?}");
    // Buffers smaller than most inputs: elements too large, and messages passed through.
    let whole = stream_cut::<64, 96>(doc, opts, &[]);
    let cut = stream_cut::<64, 96>(doc, opts, &cuts);
    assert_eq!(whole, cut, "small buffers, cut at {cuts:?}");
});
