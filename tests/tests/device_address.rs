//! GET_ADDR_SECP256K1 on each of the five devices, in Speculos, through the harness'
//! navigation: silent, shown and approved, shown and rejected; golden snapshots of both
//! reviews. One Speculos per device for the three checks.
//!
//! Built only with `--features device` (see tests/Cargo.toml).

#![cfg(feature = "device")]

use milkyway_e2e::app::{self, split_reply, sw};
use milkyway_e2e::{snapshot, Capture, Device, Speculos};

/// The 33-byte key and the address of a GET_ADDR reply (status 0x9000 checked).
fn key_and_address(device: Device, reply: &[u8]) -> ([u8; 33], String) {
    let (data, status) = split_reply(reply).unwrap();
    assert_eq!(status, sw::OK, "{device}: GET_ADDR status 0x{status:04X}");
    assert!(data.len() > 33, "{device}: GET_ADDR reply of {} bytes", data.len());
    let key: [u8; 33] = data[..33].try_into().unwrap();
    let address = String::from_utf8(data[33..].to_vec()).expect("address is ASCII");
    (key, address)
}

fn address(device: Device) {
    let sim = Speculos::start(device, "address").unwrap();
    sim.wait_for_home(std::time::Duration::from_secs(15)).unwrap();

    // Silent: no screen, the key and its milk1 address, as the host derives it.
    let silent = sim.exchange(&app::get_addr_apdu("milk", 0, 0, false)).unwrap();
    let (key, addr) = key_and_address(device, &silent);
    assert!(matches!(key[0], 2 | 3), "{device}: not a compressed key: {key:02x?}");
    assert_eq!(milkyway_ledger::crypto::address(&key, "milk").unwrap(), addr, "{device}");
    assert!(addr.starts_with("milk1"), "{device}: {addr}");
    assert!(
        sim.is_home(&sim.current_screen().unwrap()),
        "{device}: a silent request showed a screen"
    );

    // Shown and approved: the same reply, after a review that shows that address.
    let pending = sim.exchange_in_background(&app::get_addr_apdu("milk", 0, 0, true));
    let flow = sim.approve(Capture::TextAndImages).unwrap();
    let reply = pending.join().unwrap().unwrap();
    assert_eq!(reply, silent, "{device}: shown reply differs from the silent one");
    assert!(flow.shots[0].screen.contains("Verify MilkyWay address"), "{device}:\n{}", flow.text());
    assert!(flow.contains(&addr), "{device}: the review did not show {addr}:\n{}", flow.text());
    assert!(flow.contains("Address verified"), "{device}:\n{}", flow.text());
    snapshot::check(device, "address_approve", &flow).unwrap();

    // Shown and rejected: 0x6986, no data.
    let pending = sim.exchange_in_background(&app::get_addr_apdu("milk", 0, 0, true));
    let flow = sim.reject(Capture::TextAndImages).unwrap();
    let reply = pending.join().unwrap().unwrap();
    assert_eq!(reply, vec![0x69, 0x86], "{device}: rejected address");
    assert!(flow.contains("cancelled") || flow.contains("rejected"), "{device}:\n{}", flow.text());
    snapshot::check(device, "address_reject", &flow).unwrap();

    // Still answering.
    assert_eq!(sim.exchange(&app::get_addr_apdu("milk", 0, 0, false)).unwrap(), silent, "{device}");
}

#[test]
fn nanosp() {
    address(Device::NanoSPlus);
}

#[test]
fn nanox() {
    address(Device::NanoX);
}

#[test]
fn stax() {
    address(Device::Stax);
}

#[test]
fn flex() {
    address(Device::Flex);
}

#[test]
fn apex_p() {
    address(Device::ApexP);
}
