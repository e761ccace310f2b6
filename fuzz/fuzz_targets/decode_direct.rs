//! SIGN_MODE_DIRECT: arbitrary bytes as a SignDoc; decode, then render (expert off and on).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    milkyway_core_fuzz::decode_and_render(data, milkyway_core::SignMode::Direct);
});
