//! Host crate for the MilkyWay Ledger app: typed builders for every message the device
//! clear-signs, SIGN_MODE_DIRECT and LEGACY_AMINO_JSON sign bytes that match the chain
//! (Cosmos SDK 0.50 x/tx) byte for byte, a device client over any
//! `ledger_transport::Exchange`, signature and address verification, and the CLI.

pub mod amino_json;
pub mod cli;
pub mod client;
pub mod crypto;
pub mod decimal;
pub mod denoms;
pub mod msgs;
pub mod node;
pub mod preview;
pub mod transport;
pub mod tx;

/// `&str` equality in `const` context (compile-time lookups in the core's tables).
pub(crate) const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Exit code: success.
pub const EXIT_OK: i32 = 0;
/// Exit code: an unexpected failure (e.g. the output file cannot be written).
pub const EXIT_FAILURE: i32 = 1;
/// Exit code: invalid command line or input (bad amount, unknown denom, bad file).
pub const EXIT_USAGE: i32 = 2;
/// Exit code: the device or transport is unavailable (not connected, locked, app not open).
pub const EXIT_DEVICE: i32 = 3;
/// Exit code: the person rejected the request on the device.
pub const EXIT_REJECTED: i32 = 4;
/// Exit code: the device refused the request (its reason is printed).
pub const EXIT_REFUSED: i32 = 5;
/// Exit code: the device's signature or address did not verify on the host.
pub const EXIT_VERIFICATION: i32 = 6;
