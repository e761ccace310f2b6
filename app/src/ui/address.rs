//! The address review.

use core::fmt::Write;

use ledger_device_sdk::io::Comm;
use ledger_device_sdk::nbgl::{Field, NbglAddressReview};
use milkyway_core::apdu::{Path, HARDENED};
use milkyway_core::render::Buf;

use crate::ui::home::ICON;

/// Shows "Verify <chain> address" and the address (with the derivation path in expert
/// mode); true when the user approves.
pub fn review(comm: &mut Comm, hrp: &str, address: &str, expert_path: Option<&Path>) -> bool {
    let mut title: Buf<48> = Buf::new();
    let name = milkyway_core::chains::name_for_hrp(hrp);
    let _ = match name {
        Some(n) => write!(title, "Verify {} address", n),
        None => write!(title, "Verify {} address", hrp),
    };
    let mut path_text: Buf<64> = Buf::new();
    let fields;
    let mut review = NbglAddressReview::new().glyph(&ICON).review_title(title.as_str());
    if let Some(path) = expert_path {
        write_path(&mut path_text, path);
        fields = [Field { name: "Path", value: path_text.as_str() }];
        review = review.set_tag_value_list(&fields);
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
