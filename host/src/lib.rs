//! Host crate for the MilkyWay Ledger app.

pub mod transport;
