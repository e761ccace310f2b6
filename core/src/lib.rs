#![no_std]
//! The no_std heart of the MilkyWay Ledger app.

pub mod json;
