//! The status screen after a review ("Transaction signed", "Address verified"...), then
//! the home screen: shown WITHOUT waiting.
//!
//! The SDK's `NbglReviewStatus::show` waits in `ux_sync_wait(false)` for the screen's
//! 3-second timer. With `ledger_device_sdk` 1.36.1 (`io_new`), an APDU that arrives in
//! those 3 seconds is marked pending and from then on the wait only sees "APDU ahead", so
//! the timer never fires: the app spins on the status screen and the host never gets an
//! answer (a wallet sending its next request right after a signature hangs the device).
//! Here the status is drawn and the app goes straight back to its APDU loop; the screen's
//! timer (or a tap) later calls `back_home`, and an APDU meanwhile is served at once.

use ledger_device_sdk::nbgl::NbglHomeAndSettings;
use ledger_secure_sdk_sys::{
    nbgl_reviewStatusType_t, nbgl_useCaseReviewStatus, nbgl_useCaseStatus,
    STATUS_TYPE_ADDRESS_REJECTED, STATUS_TYPE_ADDRESS_VERIFIED, STATUS_TYPE_MESSAGE_REJECTED,
    STATUS_TYPE_MESSAGE_SIGNED, STATUS_TYPE_TRANSACTION_REJECTED, STATUS_TYPE_TRANSACTION_SIGNED,
};

/// The home screen, for the status screen's callback. Set once by `register_home` with
/// the home built in `sample_main`, which lives as long as the app.
static mut HOME: *mut NbglHomeAndSettings = core::ptr::null_mut();

pub fn register_home(home: &mut NbglHomeAndSettings) {
    // SAFETY: single-threaded app; `home` outlives every status screen (it lives in
    // `sample_main`, which never returns).
    unsafe { HOME = home as *mut NbglHomeAndSettings };
}

unsafe extern "C" fn back_home() {
    // SAFETY: see `register_home`; called by NBGL from the APDU loop's event handling,
    // never while `sample_main` itself uses the home screen.
    let home = unsafe { HOME };
    if let Some(home) = unsafe { home.as_mut() } {
        home.show_and_return();
    }
}

fn show(status: nbgl_reviewStatusType_t) {
    // SAFETY: plain NBGL call with a static callback.
    unsafe { nbgl_useCaseReviewStatus(status, Some(back_home)) };
}

pub fn transaction(signed: bool) {
    show(if signed { STATUS_TYPE_TRANSACTION_SIGNED } else { STATUS_TYPE_TRANSACTION_REJECTED });
}

pub fn message(signed: bool) {
    show(if signed { STATUS_TYPE_MESSAGE_SIGNED } else { STATUS_TYPE_MESSAGE_REJECTED });
}

/// A review on screen closed by a refusal (the document broke a rule part-way through a
/// streamed review): no signature came out of it.
pub fn refused() {
    // SAFETY: a static NUL-terminated text and a static callback.
    unsafe { nbgl_useCaseStatus(c"Transaction refused".as_ptr(), false, Some(back_home)) };
}

pub fn address(verified: bool) {
    show(if verified { STATUS_TYPE_ADDRESS_VERIFIED } else { STATUS_TYPE_ADDRESS_REJECTED });
}
