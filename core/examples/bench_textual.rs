//! The cost of a SIGN_MODE_TEXTUAL document on the core: decode (every rule checked) and
//! render every page, for each vector of core/tests/data/textual/e2e.json. Run under
//! valgrind callgrind with `--toggle-collect=*decode_and_render_textual*` (see
//! docs/benchmarks.md for the command and the numbers); alone, it prints each vector's
//! size, screens and pages. `bench_textual N` runs vector N only.

use std::hint::black_box;

use milkyway_core::{textual, Screen};

/// Decodes and renders `bytes`; the number of pages (0 when refused).
#[inline(never)]
fn decode_and_render_textual(bytes: &[u8]) -> usize {
    let Ok(envelope) = textual::decode(bytes) else { return 0 };
    let mut pages = 0usize;
    let mut sink = |s: Screen<'_>| {
        black_box(s);
        pages += 1;
        Ok(())
    };
    match textual::render(&envelope, &mut sink) {
        Ok(()) => pages,
        Err(_) => 0,
    }
}

fn main() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/textual/e2e.json");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("the vectors")).expect("JSON");
    let only: Option<usize> = std::env::args().nth(1).and_then(|a| a.parse().ok());
    let cases = json.as_array().expect("an array");
    for (i, case) in cases.iter().enumerate() {
        if only.is_some_and(|n| n != i) {
            continue;
        }
        let hex = case["cbor"].as_str().expect("cbor");
        let bytes: Vec<u8> = (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex"))
            .collect();
        let pages = decode_and_render_textual(black_box(&bytes));
        println!(
            "{:<28} {:>5} bytes {:>3} screens {:>3} pages",
            case["name"].as_str().unwrap_or("?"),
            bytes.len(),
            case["screens"].as_array().map_or(0, Vec::len),
            pages
        );
    }
}
