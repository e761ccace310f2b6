#![no_std]
//! Placeholder while the core is written.
