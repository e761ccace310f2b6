//! Host crate for the MilkyWay Ledger app: typed builders for every message the device
//! clear-signs, SIGN_MODE_DIRECT and LEGACY_AMINO_JSON sign bytes that match the chain
//! (Cosmos SDK 0.50 x/tx) byte for byte, a device client over any
//! `ledger_transport::Exchange`, signature and address verification, and the CLI.

pub mod amino_json;
pub mod decimal;
pub mod msgs;
pub mod crypto;
pub mod transport;
pub mod tx;
