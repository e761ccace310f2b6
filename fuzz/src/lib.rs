//! What the fuzz targets check beyond "no panic": everything the renderer hands to the
//! device's screen is short printable ASCII, and every refusal has a short ASCII reason.

use milkyway_core::render::{LABEL_CHARS, MAX_SCREENS, PAGE_CHARS};
use milkyway_core::{decode, render, Options, Screen, SignMode, Tx};

/// A well-formed MilkyWay address (the core tests' `ME`), used as the signer's own
/// address in one of the two renderings.
const OWN: &str = "milk1mevswxr8d9r0w0vd6d0ds7k4qh0xmdma3mr3dl";

/// Whether `s` is printable ASCII (what the device's screen and replies take).
pub fn printable(s: &str) -> bool {
    s.bytes().all(|b| (0x20..=0x7e).contains(&b))
}

/// The device sends a refusal's reason as the payload of its error reply (at most 255
/// bytes): non-empty printable ASCII.
pub fn check_reason(r: &str) {
    assert!(!r.is_empty() && r.len() <= 255 && printable(r), "bad reason {r:?}");
}

/// Renders `tx` with `opts`, checking every screen (at most `MAX_SCREENS`, labels and
/// values short printable ASCII) and, when the renderer refuses, its reason.
pub fn render_checked(tx: &Tx<'_>, opts: &Options<'_>) {
    let mut count = 0usize;
    let mut sink = |s: Screen<'_>| {
        count += 1;
        assert!(count <= MAX_SCREENS, "more than {MAX_SCREENS} screens");
        assert!(
            !s.label.is_empty() && s.label.len() <= LABEL_CHARS && printable(s.label),
            "label {:?}",
            s.label
        );
        assert!(
            s.value.len() <= PAGE_CHARS && printable(s.value),
            "value {:?} ({})",
            s.value,
            s.label
        );
        Ok(())
    };
    if let Err(e) = render(tx, opts, &mut sink) {
        check_reason(e.reason());
    }
}

/// Decodes `data`; when it decodes, renders it with expert mode off (own address known)
/// and on (no own address) and checks every screen.
pub fn decode_and_render(data: &[u8], mode: SignMode) {
    let tx = match decode(data, mode) {
        Ok(tx) => tx,
        Err(e) => return check_reason(e.reason()),
    };
    for opts in [
        Options { expert: false, own_address: Some(OWN) },
        Options { expert: true, own_address: None },
    ] {
        render_checked(&tx, &opts);
    }
}
