//! SIGN_MODE_TEXTUAL: arbitrary bytes as a textual document. Refused with a printable
//! reason, or accepted only in its one canonical encoding: the screens it decodes to,
//! encoded again as x/tx encodes them, are exactly the input bytes (so no hidden byte,
//! duplicated key or second envelope passes, and no two accepted inputs show the same
//! screens). Then rendered, every page checked.
#![no_main]
use libfuzzer_sys::fuzz_target;
use milkyway_core::textual;
use milkyway_core_fuzz::{check_reason, encode_textual, render_textual_checked};

fuzz_target!(|data: &[u8]| {
    match textual::decode(data) {
        Err(e) => check_reason(e.reason()),
        Ok(envelope) => {
            assert_eq!(encode_textual(&envelope), data, "accepted a non-canonical encoding");
            render_textual_checked(&envelope);
        }
    }
});
