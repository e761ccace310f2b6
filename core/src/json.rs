//! Zero-copy canonical JSON reader (being written).
