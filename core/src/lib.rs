#![no_std]
//! The no_std heart of the MilkyWay Ledger app: the sign-doc decoders
//! (SIGN_MODE_DIRECT protobuf and LEGACY_AMINO_JSON), one typed message model described
//! by a declarative [`catalog`], and the screen renderer ([`mod@render`]). The same code
//! runs on the device, in unit tests, in the fuzzers and in the host's offline preview.
//!
//! # Layout: one direction of dependency
//!
//! Each module uses only the modules listed before it here (and its own child modules);
//! `core/tests/layout.rs` checks it. A module that needs one listed after it is a sign
//! that something shared belongs further down.
//!
//! - [`json`]: the canonical JSON reader (and the relaxed one for embedded JSON)
//! - [`sha256`], [`base64`], [`bech32`], [`signature`]: encodings and hashes
//! - [`error`]: why a document is refused
//! - [`text`]: text as the sign bytes hold it, made visible; [`text::Buf`]
//! - [`proto`]: the protobuf wire reader
//! - [`schema`]: how a message is described (fields, kinds, views)
//! - [`amount`], [`chains`], [`time`]: decimals, the known chains and assets, timestamps
//! - [`catalog`]: every message the device clear-signs, described with `schema`
//! - [`msg`]: one message read through its catalog entry, in either encoding
//! - [`apdu`]: the protocol: instructions, sign modes, paths, key kinds
//! - [`sign_doc`]: the typed transaction ([`Tx`]) both decoders produce
//! - [`direct`], [`amino`]: the two whole-document decoders
//! - [`tx`]: [`decode`], which picks the decoder and applies the rules both modes share
//! - [`values`]: how each kind of value is written on a screen; the views' interface
//! - [`contracts`], [`hyperlane`], [`rewards_plan`]: views with screens of their own
//! - [`mod@render`]: the screens of a transaction, paged
//! - [`adr036`], [`textual`]: off-chain messages and SIGN_MODE_TEXTUAL, on the same pager
//! - [`mod@intent`]: the operation the review's first page names
//! - [`session`]: the chain and expert-mode policy, the refusal reasons of a request
//! - [`stream`]: the streaming decoder, fed chunk by chunk
//! - [`review`]: the screens held for the standard review, or shown in parts
//! - [`sign_flow`]: a SIGN request from its chunks to the user's decision

// No unsafe code: the fuzz smoke runs without AddressSanitizer on that ground.
#![deny(unsafe_code)]
// Panic-freedom: the library code (not its unit tests) must never panic on any input,
// so every indexing, arithmetic and unwrap is checked.
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
pub mod review;
pub mod rewards_plan;
pub mod schema;
pub mod session;
pub mod sha256;
pub mod sign_doc;
pub mod sign_flow;
pub mod signature;
pub mod stream;
pub mod text;
pub mod textual;
pub mod time;
pub mod tx;
pub mod values;

pub use error::Error;
pub use intent::{intent, Intent};
pub use render::{render, Options, Screen};
pub use tx::{decode, SignMode, Tx};
