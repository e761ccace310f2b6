//! The app on each of the five devices, in Speculos: home screen, GET_VERSION, framing
//! errors. One Speculos per device, reused for all the checks of that device; the five
//! tests run in parallel as the test harness' threads allow (2 on 2 cores).
//!
//! Built only with `--features device` (see tests/Cargo.toml); `make test` runs it after
//! building the five ELFs.

#![cfg(feature = "device")]

use std::time::Duration;

use milkyway_e2e::app::{self, split_reply, sw, VersionInfo};
use milkyway_e2e::{snapshot, Capture, Device, Flow, Shot, Speculos};

fn version(sim: &Speculos) -> VersionInfo {
    let reply = sim.exchange(&[app::CLA, app::INS_GET_VERSION, 0, 0, 0]).unwrap();
    let (data, status) = split_reply(&reply).unwrap();
    assert_eq!(status, sw::OK, "GET_VERSION status 0x{status:04X}");
    VersionInfo::parse(data).unwrap()
}

fn basics(device: Device) {
    let sim = Speculos::start(device, "basics").unwrap();

    // The home screen shows the app name, and looks as reviewed.
    let home = sim.wait_for_home(Duration::from_secs(15)).unwrap();
    assert!(home.contains(&app::app_name().unwrap()), "{device} home screen: {}", home.one_line());
    let shot =
        Flow { shots: vec![Shot { screen: home.clone(), png: Some(sim.screenshot().unwrap()) }] };
    snapshot::check(device, "home", &shot).unwrap();

    // GET_VERSION: the app crate's version, not locked, in its 9-byte Cosmos layout.
    let v = version(&sim);
    assert_eq!((v.major, v.minor, v.patch), app::app_version().unwrap(), "{device}: {v:?}");
    assert!(!v.locked, "{device}: {v:?}");
    // ...and the version the device reports passes both clients' gates.
    let reported = (v.major, v.minor, v.patch);
    assert!(app::gates::cosmjs_accepts(reported), "{device}: cosmjs refuses {v:?}");
    assert_eq!(app::gates::ledger_cosmos_go_accepts(reported), Ok(()), "{device}: {v:?}");

    // The app-info page: the same version, and the developer (its pictures are the Ragger
    // suite's golden snapshot home_settings_app_info).
    let info = sim.app_info(Capture::Text).unwrap();
    let (major, minor, patch) = app::app_version().unwrap();
    for fact in [format!("{major}.{minor}.{patch}"), "MilkyWay Labs".to_string()] {
        assert!(info.contains(&fact), "{device}: app info lacks {fact:?}:\n{}", info.text());
    }

    // A foreign CLA: 0x6E00 and no data, whatever the INS.
    for apdu in [[0xE0, 0x00, 0, 0, 0], [0x00, 0x04, 0, 0, 0], [0x56, 0x00, 0, 0, 0]] {
        let reply = sim.exchange(&apdu).unwrap();
        assert_eq!(reply, vec![0x6E, 0x00], "{device}: CLA 0x{:02X}", apdu[0]);
    }

    // Unknown INS under our CLA: 0x6D00 and no data.
    for ins in [0x01u8, 0x03, 0x05, 0x7F, 0xFF] {
        let reply = sim.exchange(&[app::CLA, ins, 0, 0, 0]).unwrap();
        assert_eq!(reply, vec![0x6D, 0x00], "{device}: INS 0x{ins:02X}");
    }

    // Still alive, still answering, still on the home screen.
    assert_eq!(version(&sim), v, "{device}: GET_VERSION after the errors");
    let after = sim.current_screen().unwrap();
    assert!(sim.is_home(&after), "{device}: the errors changed the screen: {}", after.one_line());
}

#[test]
fn nanosp() {
    basics(Device::NanoSPlus);
}

#[test]
fn nanox() {
    basics(Device::NanoX);
}

#[test]
fn stax() {
    basics(Device::Stax);
}

#[test]
fn flex() {
    basics(Device::Flex);
}

#[test]
fn apex_p() {
    basics(Device::ApexP);
}
