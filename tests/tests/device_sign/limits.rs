//! The limits of a signature. The device decodes a sign document as its chunks arrive
//! and keeps one element (one message) of it at a time, so there is no byte cap and no
//! message cap; what does not fit is an element larger than the element buffer.
//!
//! - `claims_200`: a claim-rewards transaction of 200 messages (MilkyWay has no "claim
//!   all": one message per pool, operator and service), clear-signed in DIRECT and in
//!   Amino JSON. Its screens overflow every device's screen store, so the review is
//!   streamed: "Review long transaction" first, every message's screens ("Action 1" to
//!   "Action 200", no count), then fee and chain, then the signing question. The whole
//!   review is walked and approved; the signature is checked over the exact bytes.
//! - `blind_1mib`: a document of more than 1 MiB, whose bulk is one message of a type no
//!   chain registers, blind-signed (the setting turned on through the settings screens)
//!   in both modes: the blind warning and the SHA-256 of the 1 MiB, then the signature.
//! - `element_too_large`: a message the app knows but larger than the element buffer (an
//!   IBC transfer with a long memo) is refused at the chunk where it overflows, before
//!   the last chunk, with 0x6984 and its reason; nothing is shown, and the app signs on.
//!
//! Each test prints its time and page count (`--nocapture` shows them).

use std::time::{Duration, Instant};

use milkyway_e2e::signing;
use milkyway_e2e::{Capture, Decision, Device};
use milkyway_ledger::amino_json::{Json, ObjectBuilder};
use milkyway_ledger::cli::build;
use milkyway_ledger::client::DEFAULT_CHUNK_SIZE;
use milkyway_ledger::crypto;
use milkyway_ledger::denoms::MILKYWAY;
use milkyway_ledger::msgs::{coin, Msg};
use milkyway_ledger::preview;
use milkyway_ledger::tx::{SignMode, Tx, TxBuilder};

use crate::{check_ends, check_signed, Session};

/// core/src/error.rs `Error::ElementTooLarge`'s reason.
const ELEMENT_TOO_LARGE: &str = "A message or field is too large for the device";
/// A type URL (and an amino type) no chain registers.
const MADE_UP_TYPE_URL: &str = "/milkyway.airdrop.v1.MsgClaimEverything";
const MADE_UP_AMINO_TYPE: &str = "milkyway/MsgClaimEverything";
/// The sizes.
const CLAIMS: usize = 200;
const MIB: usize = 1 << 20;

/// The element buffer of `device` (core/src/review.rs `Memory::element`): the largest
/// message it reads.
fn element_bytes(device: Device) -> usize {
    match device {
        Device::NanoX => 3072,
        _ => 4096,
    }
}

/// A claim of restaking rewards from 67 pools, 67 operators and 66 services.
fn claims_tx(me: &str) -> Tx {
    let ids = |n: u32| (1..=n).collect::<Vec<u32>>();
    let msgs = build::claim_rewards(me, &ids(67), &ids(67), &ids(66), &[]).unwrap();
    assert_eq!(msgs.len(), CLAIMS);
    TxBuilder::new(MILKYWAY.chain_id)
        .msgs(msgs)
        .fee(vec![coin("50000", "umilk")], 20_000_000)
        .account_number(12)
        .sequence(41)
        .build()
        .unwrap()
}

/// 200 claims, streamed and clear-signed in both modes; prints time and pages.
fn claims_200(device: Device) {
    let s = Session::start(device, "sign_claims_200");
    let key = s.key("milk");
    let tx = claims_tx(&key.address);
    for mode in [SignMode::Direct, SignMode::AminoJson] {
        let what = format!("{device} {CLAIMS} claims ({})", mode.name());
        let bytes = tx.sign_bytes(mode, &key.public_key).unwrap();
        let t = Instant::now();
        let (flow, reply) = signing::sign_with_review(
            &s.sim,
            &s.client,
            s.path,
            Some("milk"),
            mode,
            &bytes,
            Decision::Approve,
            Capture::Text,
        )
        .unwrap_or_else(|e| panic!("{what}: {e}"));
        let secs = t.elapsed().as_secs_f64();
        let der = reply.unwrap_or_else(|e| panic!("{what}: {e}\n{}", flow.text()));
        check_signed(&what, &key.public_key, &bytes, &der);
        let screens = preview::screens(&bytes, mode, false, Some(&key.address))
            .unwrap_or_else(|e| panic!("{what}: host preview: {e}"));
        let (fee, chain, question) =
            ("0.05 MILK", "MilkyWay", "Sign transaction to claim restaking rewards?");
        signing::check_streamed_review(&s.sim, &flow, &screens, CLAIMS, (fee, chain, question))
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        eprintln!(
            "[limits] {what}: {} bytes signed after a review of {} pages in {secs:.1} s",
            bytes.len(),
            flow.shots.len()
        );
    }
}

/// `tx` with, before its own messages, one of a type no chain registers whose bulk makes
/// the document at least `size` bytes: in DIRECT a protobuf string field of `a`s, in
/// Amino JSON `{"type": …, "value": {"data": "aaa…"}}` (canonical: the host's writer).
fn bulky(tx: &Tx, mode: SignMode, public_key: &[u8; 33], size: usize) -> Vec<u8> {
    let doc = |n: usize| match mode {
        SignMode::Direct => {
            let mut value = Vec::new();
            signing::proto_bytes_field(&mut value, 1, "a".repeat(n).as_bytes());
            signing::direct_sign_doc_with(tx, public_key, &[(MADE_UP_TYPE_URL, value)])
        }
        _ => {
            let msg = ObjectBuilder::new()
                .field("type", Json::str(MADE_UP_AMINO_TYPE))
                .field(
                    "value",
                    ObjectBuilder::new().field("data", Json::str("a".repeat(n))).build(),
                )
                .build();
            signing::amino_sign_doc_with(tx, &[msg]).unwrap()
        }
    };
    let overhead = doc(0).len();
    let bytes = doc(size.saturating_sub(overhead));
    assert!(bytes.len() >= size && bytes.len() < size + 16, "{} bytes", bytes.len());
    bytes
}

/// A document of 1 MiB and more, blind-signed in both modes; prints the transfer time.
fn blind_1mib(device: Device) {
    let s = Session::start(device, "sign_blind_1mib");
    let key = s.key("milk");
    s.sim.toggle_setting("Blind signing", Capture::Text).unwrap();
    let tx = TxBuilder::new(MILKYWAY.chain_id)
        .msg(build::send(&MILKYWAY, &key.address, &key.address, "1MILK").unwrap())
        .fee(vec![coin("5000", "umilk")], 200_000)
        .account_number(12)
        .sequence(42)
        .build()
        .unwrap();
    for mode in [SignMode::Direct, SignMode::AminoJson] {
        let what = format!("{device} 1 MiB blind ({})", mode.name());
        let bytes = bulky(&tx, mode, &key.public_key, MIB);
        let t = Instant::now();
        let b = bytes.clone();
        let path = s.path;
        let pending =
            signing::in_background(&s.client, move |c| c.sign_raw(&path, Some("milk"), mode, &b));
        // The review comes after the last chunk.
        s.sim.wait_for_review(Duration::from_secs(600)).unwrap_or_else(|e| panic!("{what}: {e}"));
        let transfer = t.elapsed().as_secs_f64();
        let flow = s.sim.decide(Decision::Approve, Capture::Text).unwrap();
        let der =
            pending.join().unwrap().unwrap_or_else(|e| panic!("{what}: {e}\n{}", flow.text()));
        check_signed(&what, &key.public_key, &bytes, &der);
        assert!(
            flow.shots[0].screen.contains("Blind signing ahead"),
            "{what}: no warning first:\n{}",
            flow.text()
        );
        assert_eq!(
            signing::shown_hash(&flow),
            signing::sha256_hex_upper(&bytes),
            "{what}: the hash shown:\n{}",
            flow.text()
        );
        assert!(flow.contains("Sign transaction?"), "{what}:\n{}", flow.text());
        assert!(!flow.contains("aaaaaaaa"), "{what}: the unknown message shown:\n{}", flow.text());
        check_ends(&what, &s.sim, &flow, "Transaction signed");
        eprintln!(
            "[limits] {what}: {} bytes ({} chunks) sent in {transfer:.1} s, signed in {:.1} s",
            bytes.len(),
            bytes.len().div_ceil(DEFAULT_CHUNK_SIZE),
            t.elapsed().as_secs_f64()
        );
    }
}

/// An IBC transfer (a message the app shows) to `receiver` with a 12 KiB memo.
fn oversize_transfer(me: &str, receiver: &str) -> Msg {
    let opts = build::IbcOpts {
        port: "transfer".into(),
        channel: "channel-0".into(),
        timeout_height: None,
        timeout_timestamp: 1_900_000_000_000_000_000,
        memo: "m".repeat(12 * 1024),
    };
    build::ibc_transfer(&MILKYWAY, me, receiver, "1MILK", &opts).unwrap()
}

/// A known message larger than the element buffer: refused at the chunk where it no
/// longer fits (not the last chunk), nothing shown; then a normal signature.
fn element_too_large(device: Device) {
    let s = Session::start(device, "sign_element_too_large");
    let key = s.key("milk");
    let tx = TxBuilder::new(MILKYWAY.chain_id)
        .msg(oversize_transfer(&key.address, &crypto::address(&key.public_key, "osmo").unwrap()))
        .fee(vec![coin("5000", "umilk")], 300_000)
        .account_number(12)
        .sequence(43)
        .build()
        .unwrap();
    for mode in [SignMode::Direct, SignMode::AminoJson] {
        let what = format!("{device} oversize IBC transfer ({})", mode.name());
        let bytes = tx.sign_bytes(mode, &key.public_key).unwrap();
        // Where the message starts: its type URL in DIRECT, its amino object in Amino JSON.
        let marker: &[u8] = match mode {
            SignMode::Direct => b"/ibc.applications.transfer.v1.MsgTransfer",
            _ => b"{\"type\":\"cosmos-sdk/MsgTransfer\"",
        };
        let start = bytes.windows(marker.len()).position(|w| w == marker).expect("the message");
        let chunks = bytes.len().div_ceil(DEFAULT_CHUNK_SIZE);
        // Chunk 0 is the init: the document's byte n is in chunk n / 250 + 1.
        let first = start / DEFAULT_CHUNK_SIZE + 1;
        let last = (start + element_bytes(device)) / DEFAULT_CHUNK_SIZE + 1;
        assert!(last < chunks, "{what}: the document must go on after the overflow");

        let mut refused = None;
        let init = signing::init_data(&s.path, Some("milk"));
        let p2 = signing::p2(mode);
        assert_eq!(s.raw(&signing::sign_apdu(0, p2, &init)).1, 0x9000, "{what}: init");
        for (i, chunk) in bytes.chunks(DEFAULT_CHUNK_SIZE).enumerate() {
            let p1 = if i + 1 == chunks { 2 } else { 1 };
            let (data, sw) = s.raw(&signing::sign_apdu(p1, p2, chunk));
            if sw != 0x9000 {
                refused = Some((i + 1, data, sw));
                break;
            }
        }
        let (at, data, sw) = refused.unwrap_or_else(|| panic!("{what}: never refused"));
        assert_eq!(
            (sw, String::from_utf8_lossy(&data).as_ref()),
            (0x6984, ELEMENT_TOO_LARGE),
            "{what}: chunk {at}"
        );
        assert!(
            (first..=last).contains(&at),
            "{what}: refused at chunk {at}, not where the message overflows ({first}..={last})"
        );
        let screen = s.sim.current_screen().unwrap();
        assert!(s.sim.is_home(&screen), "{what}: a screen showed: {}", screen.one_line());
        // The signature is gone: the next chunk is out of sequence.
        let (_, sw) = s.raw(&signing::sign_apdu(1, p2, b"more"));
        assert_eq!(sw, 0x6986, "{what}: a chunk after the refusal");
        eprintln!("[limits] {what}: refused at chunk {at} of {chunks}");
    }

    // And the app signs on.
    let tx = TxBuilder::new(MILKYWAY.chain_id)
        .msg(build::restake(&MILKYWAY, &key.address, "operator", Some(3), "10MILK").unwrap())
        .fee(vec![coin("5000", "umilk")], 200_000)
        .account_number(12)
        .sequence(43)
        .build()
        .unwrap();
    let bytes = tx.sign_bytes(SignMode::Direct, &key.public_key).unwrap();
    let what = format!("{device} after the oversize message");
    s.sign_clear(&what, s.path, Some("milk"), SignMode::Direct, &bytes, &key, false);
}

milkyway_e2e::on_every_device!(claims_200, blind_1mib, element_too_large);
