//! GET_VERSION (INS 0x00): the app version and the device's target id.

use milkyway_core::apdu::version_reply;

use crate::Outcome;

#[cfg(target_os = "nanox")]
const TARGET_ID: u32 = 0x3300_0004;
#[cfg(target_os = "nanosplus")]
const TARGET_ID: u32 = 0x3310_0004;
#[cfg(target_os = "stax")]
const TARGET_ID: u32 = 0x3320_0004;
#[cfg(target_os = "flex")]
const TARGET_ID: u32 = 0x3330_0004;
#[cfg(target_os = "apex_p")]
const TARGET_ID: u32 = 0x3340_0004;

/// Parses a version component at compile time. Only ever evaluated by the compiler (the
/// consts below), so the checks can fail the build but never the device.
#[allow(clippy::arithmetic_side_effects, clippy::indexing_slicing, clippy::panic)]
const fn component(s: &str) -> u8 {
    let b = s.as_bytes();
    let mut i = 0;
    let mut v: u32 = 0;
    while i < b.len() {
        v = v * 10 + (b[i] - b'0') as u32;
        i += 1;
    }
    if v > 255 {
        panic!("version component above 255");
    }
    v as u8
}

const MAJOR: u8 = component(env!("CARGO_PKG_VERSION_MAJOR"));
const MINOR: u8 = component(env!("CARGO_PKG_VERSION_MINOR"));
const PATCH: u8 = component(env!("CARGO_PKG_VERSION_PATCH"));

pub fn get_version() -> Outcome {
    let mut data = heapless::Vec::new();
    let _ = data.extend_from_slice(&version_reply(MAJOR, MINOR, PATCH, TARGET_ID));
    Outcome::Data(data)
}
