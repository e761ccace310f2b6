//! The app's settings, kept in flash across restarts: "Expert mode" and "Blind signing",
//! both off by default. The home screen's switches write them (the SDK toggles the byte
//! of a switch in this storage); the handlers read them for every request.

use ledger_device_sdk::nvm::{AtomicStorage, SingleStorage};
use ledger_device_sdk::NVMData;
use milkyway_core::session::Policy;

/// The SDK's settings page works on exactly this many bytes, one per switch.
pub const SETTINGS_SIZE: usize = ledger_device_sdk::nbgl::SETTINGS_SIZE;
const EXPERT_MODE: usize = 0;
const BLIND_SIGNING: usize = 1;

/// Name and description of each switch, in storage order.
#[cfg(not(any(target_os = "nanosplus", target_os = "nanox")))]
pub const SWITCHES: [[&str; 2]; 2] = [
    ["Expert mode", "Show account number, sequence, gas; allow other prefixes, chains and paths"],
    ["Blind signing", "Sign transactions with messages the app cannot show"],
];
/// On a Nano the settings page draws nothing but the name unless the description fits
/// in two lines (NBGL's Nano layout gives up on the page's description and its
/// "Enabled"/"Disabled" button otherwise): the same meaning, shorter. The device test
/// `settings::<nano>::switch_state_visible` reads both lines and the state back.
#[cfg(any(target_os = "nanosplus", target_os = "nanox"))]
pub const SWITCHES: [[&str; 2]; 2] = [
    ["Expert mode", "Show all fields, allow any chain"],
    ["Blind signing", "Sign messages it cannot show"],
];

#[link_section = ".nvm_data"]
static mut STORAGE: NVMData<AtomicStorage<[u8; SETTINGS_SIZE]>> =
    NVMData::new(AtomicStorage::new(&[0u8; SETTINGS_SIZE]));

/// The storage, for the home screen's switches.
pub fn storage() -> &'static mut AtomicStorage<[u8; SETTINGS_SIZE]> {
    // SAFETY: the app is single-threaded; the reference is only handed to the home
    // screen, which is the only writer, and reads below go through the same storage.
    let storage = &raw mut STORAGE;
    unsafe { (*storage).get_mut() }
}

fn switch(index: usize) -> bool {
    // SAFETY: see `storage`; this is a read.
    let storage = &raw const STORAGE;
    let storage = unsafe { (*storage).get_ref() };
    storage.get_ref().get(index).is_some_and(|v| *v == 1)
}

/// The settings as the core's signing policy.
pub fn policy() -> Policy {
    Policy { expert: switch(EXPERT_MODE), blind_signing: switch(BLIND_SIGNING) }
}
