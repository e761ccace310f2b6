//! The address review.

use core::fmt::Write;

use ledger_device_sdk::io::Comm;
use ledger_device_sdk::nbgl::{NbglAddressReview, NbglReviewStatus, StatusType};
use milkyway_core::render::Buf;

use crate::ui::home::ICON;

/// Shows "Verify <chain> address" and the address; true when the user approves.
pub fn review(comm: &mut Comm, hrp: &str, address: &str) -> bool {
    let mut title: Buf<48> = Buf::new();
    let name = milkyway_core::chains::name_for_hrp(hrp);
    let _ = match name {
        Some(n) => write!(title, "Verify {} address", n),
        None => write!(title, "Verify {} address", hrp),
    };
    NbglAddressReview::new().glyph(&ICON).review_title(title.as_str()).show(comm, address)
}

pub fn status(comm: &mut Comm, approved: bool) {
    NbglReviewStatus::new().status_type(StatusType::Address).show(comm, approved);
}
