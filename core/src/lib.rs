#![no_std]
//! The no_std heart of the MilkyWay Ledger app: the sign-doc decoders
//! (SIGN_MODE_DIRECT protobuf and LEGACY_AMINO_JSON), one typed message model described
//! by a declarative [`catalog`], and the screen [`render`]er. The same code runs on the
//! device, in unit tests, in the fuzzers and in the host's offline preview.

// No unsafe code: the fuzz smoke runs without AddressSanitizer on that ground.
#![deny(unsafe_code)]
// Panic-freedom: the library code (not its unit tests) must never panic on any input,
// so every indexing, arithmetic and unwrap is checked (issue 3).
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented
    )
)]

pub mod adr036;
pub mod amino;
pub mod amount;
pub mod apdu;
pub mod base64;
pub mod bech32;
pub mod catalog;
pub mod chains;
pub mod contracts;
pub mod direct;
pub mod error;
pub mod hyperlane;
pub mod intent;
pub mod json;
pub mod msg;
pub mod proto;
pub mod render;
pub mod rewards_plan;
pub mod schema;
pub mod session;
pub mod sha256;
pub mod sign_doc;
pub mod signature;
pub mod stream;
pub mod text;
pub mod textual;
pub mod time;
pub mod tx;

pub use error::Error;
pub use intent::{intent, Intent};
pub use render::{render, Options, Screen};
pub use tx::{decode, SignMode, Tx};
