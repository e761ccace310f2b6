//! The address review.

use core::fmt::Write;

use ledger_device_sdk::io::Comm;
use ledger_device_sdk::nbgl::{Field, NbglAddressReview};
use milkyway_core::apdu::{KeyKind, Path, ETH_KEY_HRP, HARDENED};
use milkyway_core::render::Buf;

use crate::ui::home::ICON;

/// Shows "Verify <chain> address" and the address; for an `init` address (which either
/// key may hold) which key it is; in expert mode the derivation path. True when the
/// user approves.
pub fn review(comm: &mut Comm, hrp: &str, address: &str, path: &Path, expert: bool) -> bool {
    let mut title: Buf<48> = Buf::new();
    let name = milkyway_core::chains::name_for_hrp(hrp);
    let _ = match name {
        Some(n) => write!(title, "Verify {} address", n),
        None => write!(title, "Verify {} address", hrp),
    };
    let mut path_text: Buf<64> = Buf::new();
    write_path(&mut path_text, path);
    let key = Field {
        name: "Key",
        value: match path.key() {
            KeyKind::Eth => "Ethereum-style (ethsecp256k1)",
            KeyKind::Cosmos => "Cosmos (secp256k1)",
        },
    };
    let path_field = Field { name: "Path", value: path_text.as_str() };
    let both = [key, path_field];
    let fields: &[Field] = match (hrp == ETH_KEY_HRP, expert) {
        (true, true) => &both,
        (true, false) => both.get(..1).unwrap_or(&[]),
        (false, true) => both.get(1..).unwrap_or(&[]),
        (false, false) => &[],
    };
    let mut review = NbglAddressReview::new().glyph(&ICON).review_title(title.as_str());
    if !fields.is_empty() {
        review = review.set_tag_value_list(fields);
    }
    review.show(comm, address)
}

/// `44'/118'/0'/0/0`
fn write_path(out: &mut Buf<64>, path: &Path) {
    for (i, c) in path.0.iter().enumerate() {
        let sep = if i == 0 { "" } else { "/" };
        let _ = if c & HARDENED != 0 {
            write!(out, "{}{}'", sep, c & !HARDENED)
        } else {
            write!(out, "{}{}", sep, c)
        };
    }
}
