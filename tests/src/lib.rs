//! Speculos harness (in progress).
