//! A wallet does not wait for the device's status screen: its next request comes as soon
//! as it has the answer, while "Transaction signed" or "Address verified" still shows.
//! The app must answer it at once, and still go home.
//!
//! Regression tests for two app bugs these end-to-end tests found:
//! - an APDU that arrived while a status screen showed was never answered and the app
//!   never left the status screen (it waited for the screen's timer in the SDK's
//!   `ux_sync_wait(false)`, where `ledger_device_sdk` 1.36.1 only sees "APDU ahead" once
//!   an APDU is pending, so the timer never fired): a wallet sending two transactions in
//!   a row hung the device;
//! - a GET_ADDR with P1 = 1 refused before any review (the prefix "cosmos": 0x698C) still
//!   drew "Address verification cancelled", opening the same window.

use std::thread;
use std::time::{Duration, Instant};

use milkyway_e2e::app::{get_addr_apdu, VersionInfo};
use milkyway_e2e::signing::{self, Client};
use milkyway_e2e::{Capture, Device};
use milkyway_ledger::cli::build;
use milkyway_ledger::denoms::MILKYWAY;
use milkyway_ledger::msgs::coin;
use milkyway_ledger::tx::{SignMode, TxBuilder};

use crate::{check_ends, check_signed, Session};

const GET_VERSION: [u8; 5] = [0x55, 0x00, 0x00, 0x00, 0x00];
/// How long an answer may take before the app counts as hung.
const ANSWER_WITHIN: Duration = Duration::from_secs(5);

/// Waits up to `limit` for `h`; its value, or None if it did not finish (the thread is
/// left blocked on its socket, which closes when the test's Speculos is stopped).
fn within<T>(h: thread::JoinHandle<T>, limit: Duration) -> Option<T> {
    let t = Instant::now();
    while !h.is_finished() {
        if t.elapsed() > limit {
            return None;
        }
        thread::sleep(Duration::from_millis(20));
    }
    h.join().ok()
}

/// GET_VERSION answered with 9 bytes and 0x9000.
fn is_version(reply: &Reply) -> bool {
    reply.1 == 0x9000 && VersionInfo::parse(&reply.0).is_ok()
}

/// A raw reply: data and status word.
type Reply = (Vec<u8>, u16);

/// The wallet's side: `first` (which waits for the person), then GET_VERSION at once;
/// both replies and how long the second took.
fn wallet(
    client: &std::sync::Arc<Client>,
    first: Vec<u8>,
) -> thread::JoinHandle<(Reply, Reply, Duration)> {
    signing::in_background(client, move |c| {
        let answer = signing::raw(c, &first).unwrap();
        let t = Instant::now();
        let version = signing::raw(c, &GET_VERSION).unwrap();
        (answer, version, t.elapsed())
    })
}

fn requests_during_status_screens(device: Device) {
    let s = Session::start(device, "sign_status_screens");
    let key = s.key("milk");

    // A shown "cosmos" address is refused before any review: nothing is drawn, and the
    // next request is answered.
    let (_, sw) = s.raw(&get_addr_apdu("cosmos", 0, 0, true));
    assert_eq!(sw, 0x698C, "{device}");
    let pending = signing::in_background(&s.client, |c| signing::raw(c, &GET_VERSION).unwrap());
    let answered = within(pending, ANSWER_WITHIN);
    let screen = s.sim.current_screen().unwrap();
    assert!(
        answered.as_ref().is_some_and(is_version),
        "{device}: GET_VERSION after a refused shown address: {answered:?}; the screen: {}",
        screen.one_line()
    );
    assert!(
        s.sim.is_home(&screen),
        "{device}: a refused GET_ADDR (P1 = 1) drew {:?}",
        screen.one_line()
    );

    // An address approved on the device, then GET_VERSION while "Address verified" shows.
    let pending = wallet(&s.client, get_addr_apdu("milk", 0, 0, true));
    let flow = s.sim.approve(Capture::Text);
    let answered = within(pending, ANSWER_WITHIN);
    let (address, version, took) = answered.unwrap_or_else(|| {
        panic!(
            "{device}: no answer to GET_VERSION sent during the address status screen; {}",
            s.sim.current_screen().unwrap().one_line()
        )
    });
    let flow = flow.unwrap();
    assert_eq!(address.1, 0x9000, "{device}");
    assert!(address.0.ends_with(key.address.as_bytes()), "{device}");
    assert!(is_version(&version), "{device}: {version:?}");
    assert!(took < ANSWER_WITHIN, "{device}: GET_VERSION took {took:?}");
    check_ends(&format!("{device} address"), &s.sim, &flow, "Address verified");

    // A signature, then GET_VERSION while "Transaction signed" shows.
    let tx = TxBuilder::new(MILKYWAY.chain_id)
        .msg(build::restake(&MILKYWAY, &key.address, "pool", None, "1MILK").unwrap())
        .fee(vec![coin("5000", "umilk")], 200_000)
        .build()
        .unwrap();
    let bytes = tx.sign_bytes(SignMode::Direct, &key.public_key).unwrap();
    let last =
        signing::send_all_but_last(&s.client, &s.path, Some("milk"), SignMode::Direct, &bytes)
            .unwrap();
    let pending = wallet(&s.client, last);
    let flow = s.sim.approve(Capture::Text);
    let (signature, version, took) = within(pending, ANSWER_WITHIN).unwrap_or_else(|| {
        panic!(
            "{device}: no answer to GET_VERSION sent during the transaction status screen; {}",
            s.sim.current_screen().unwrap().one_line()
        )
    });
    let flow = flow.unwrap();
    assert_eq!(signature.1, 0x9000, "{device}");
    check_signed(&device.to_string(), &key.public_key, &bytes, &signature.0);
    assert!(is_version(&version), "{device}: {version:?}");
    assert!(took < ANSWER_WITHIN, "{device}: GET_VERSION took {took:?}");
    check_ends(&format!("{device} signature"), &s.sim, &flow, "Transaction signed");
}

milkyway_e2e::on_every_device!(requests_during_status_screens);
