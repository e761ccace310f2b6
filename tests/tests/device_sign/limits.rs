//! Sign documents at the size limit. The app keeps the sign bytes in a 32 KiB flash
//! buffer (app/src/sign_buffer.rs, the same on every device): a document of exactly
//! 32768 bytes signs; one byte more gets 0x6988 on the chunk that overflows, the
//! signature is dropped (the next chunk is out of order) and the app goes on signing.
//!
//! The full-buffer document is an Amino JSON restaking transaction (four messages) whose
//! memo fills the buffer with `<`, a character the chain's JSON writes as `\u003c`: six
//! sign bytes for each character on screen, so the 32 KiB review stays about 30 screens
//! long (a Nano S+ shows a 200-character screen on four pages) and approving it takes
//! well under a minute. `direct_full_buffer` (ignored: 2 to 3 minutes a device) measures the
//! same limit in SIGN_MODE_DIRECT, where every memo byte is a character on screen.

use milkyway_e2e::signing::{self, sign_apdu};
use milkyway_e2e::{snapshot, Capture, Decision, Device};
use milkyway_ledger::cli::build;
use milkyway_ledger::client::{DeviceError, DEFAULT_CHUNK_SIZE};
use milkyway_ledger::denoms::MILKYWAY;
use milkyway_ledger::msgs::{coin, Msg};
use milkyway_ledger::tx::{SignMode, Tx, TxBuilder};

use crate::{check_clear_review, check_facts, check_signed, Session};

/// The app's sign buffer (app/src/sign_buffer.rs `CAPACITY`).
const CAPACITY: usize = 32 * 1024;

fn tx_with_memo(msgs: &[Msg], memo: String) -> Tx {
    TxBuilder::new(MILKYWAY.chain_id)
        .msgs(msgs.iter().cloned())
        .memo(memo)
        .fee(vec![coin("5000", "umilk")], 900_000)
        .account_number(12)
        .sequence(40)
        .build()
        .unwrap()
}

/// A transaction whose sign bytes in `mode` are exactly `size` bytes: `msgs`, and a memo
/// of `unit` characters, then a few `a` to land on the byte.
fn sized(
    msgs: &[Msg],
    mode: SignMode,
    public_key: &[u8; 33],
    unit: char,
    size: usize,
) -> (Tx, Vec<u8>) {
    let memo = |units: usize, pad: usize| unit.to_string().repeat(units) + &"a".repeat(pad);
    let len = |units: usize, pad: usize| {
        tx_with_memo(msgs, memo(units, pad)).sign_bytes(mode, public_key).unwrap().len()
    };
    // Bytes per `unit` (6 for `<` in Amino JSON, 1 for a letter in DIRECT), measured
    // away from the empty memo (which DIRECT omits) and from length-prefix changes.
    let slope = (len(2000, 0) - len(1000, 0)) / 1000;
    let mut units = (size - len(1000, 0)) / slope + 1000;
    while len(units, 0) > size {
        units -= 1;
    }
    let mut pad = size - len(units, 0);
    for _ in 0..64 {
        let n = len(units, pad);
        if n == size {
            let tx = tx_with_memo(msgs, memo(units, pad));
            let bytes = tx.sign_bytes(mode, public_key).unwrap();
            return (tx, bytes);
        }
        if n < size {
            pad += size - n;
        } else if pad >= n - size {
            pad -= n - size;
        } else {
            units -= 1;
        }
    }
    panic!("no memo gives a {size}-byte document");
}

fn restaking_msgs(me: &str) -> Vec<Msg> {
    let mut msgs = vec![
        build::restake(&MILKYWAY, me, "pool", None, "1.25milkTIA").unwrap(),
        build::restake(&MILKYWAY, me, "operator", Some(3), "10MILK").unwrap(),
        build::trust_services(me, &["2:1,3".to_string()], false).unwrap(),
    ];
    msgs.extend(build::claim_rewards(me, &[3], &[], &[], &[]).unwrap());
    msgs
}

/// The full buffer signs; one byte more and far more are refused with 0x6988 on the chunk
/// that overflows; then a normal signature.
fn full_buffer(device: Device) {
    let s = Session::start(device, "sign_limits");
    let key = s.key("milk");
    let msgs = restaking_msgs(&key.address);
    let mode = SignMode::AminoJson;

    let (_, bytes) = sized(&msgs, mode, &key.public_key, '<', CAPACITY);
    assert_eq!(bytes.len(), CAPACITY);
    let what = format!("{device} {CAPACITY}-byte document");
    let flow = s.sign_clear(&what, s.path, Some("milk"), mode, &bytes, &key, false);
    check_facts(
        &what,
        &flow,
        &["Action 1/4", "Action 4/4", "Memo", "<<<<<<<<", "0.005 MILK", "MilkyWay"],
    );
    eprintln!("{what}: signed after a review of {} pages", flow.shots.len());
    snapshot::check(device, "sign_full_buffer", &flow).unwrap();

    // One byte more: every chunk but the last is taken, the last overflows.
    let (_, over) = sized(&msgs, mode, &key.public_key, '<', CAPACITY + 1);
    let last = signing::send_all_but_last(&s.client, &s.path, Some("milk"), mode, &over).unwrap();
    assert_eq!(s.raw(&last), (vec![], 0x6988), "{device}: {} bytes", CAPACITY + 1);
    // Far more: the chunk that crosses 32768 bytes is refused, and the signature is gone.
    let (_, far) = sized(&msgs, mode, &key.public_key, '<', 40_000);
    assert_eq!(s.raw(&sign_apdu(0, 0, &signing::init_data(&s.path, Some("milk")))).1, 0x9000);
    let overflowing = CAPACITY / DEFAULT_CHUNK_SIZE;
    for (i, chunk) in far.chunks(DEFAULT_CHUNK_SIZE).enumerate().take(overflowing + 1) {
        let want = if i < overflowing { 0x9000 } else { 0x6988 };
        assert_eq!(
            s.raw(&sign_apdu(1, 0, chunk)).1,
            want,
            "{device}: chunk {i} of a 40000-byte document"
        );
    }
    assert_eq!(s.raw(&sign_apdu(1, 0, b"more")).1, 0x6986, "{device}: a chunk after the overflow");
    // The client reports it as such.
    let err = s.client.sign_raw(&s.path, Some("milk"), mode, &over).unwrap_err();
    assert!(matches!(err, DeviceError::TooBig), "{device}: {err}");
    assert!(
        s.sim.is_home(&s.sim.current_screen().unwrap()),
        "{device}: an oversize document showed a screen"
    );

    // And the app signs on.
    let tx = tx_with_memo(&msgs[..1], String::new());
    let bytes = tx.sign_bytes(SignMode::Direct, &key.public_key).unwrap();
    let what = format!("{device} after the oversize documents");
    let flow = s.sign_clear(&what, s.path, Some("milk"), SignMode::Direct, &bytes, &key, false);
    snapshot::check(device, "sign_after_oversize", &flow).unwrap();
}

/// SIGN_MODE_DIRECT with the buffer full (a memo of 32 KiB less the messages: about 160
/// screens: 337 pages on a Nano, 116 to 169 on the touch screens; measured: it signs on
/// all five devices, in 1.5 to 3 minutes each). A measurement, run on demand:
/// `cargo test -p milkyway-e2e --features device --test device_sign direct_full_buffer -- --ignored`.
fn direct_full_buffer(device: Device) {
    let s = Session::start(device, "sign_limits_direct");
    let key = s.key("milk");
    let msgs = restaking_msgs(&key.address);
    let (_, bytes) = sized(&msgs, SignMode::Direct, &key.public_key, 'i', CAPACITY);
    let t = std::time::Instant::now();
    let (flow, reply) = signing::sign_with_review(
        &s.sim,
        &s.client,
        s.path,
        Some("milk"),
        SignMode::Direct,
        &bytes,
        Decision::Approve,
        Capture::Text,
    )
    .unwrap();
    let what = format!("{device} {CAPACITY}-byte DIRECT document");
    check_signed(
        &what,
        &key.public_key,
        &bytes,
        &reply.unwrap_or_else(|e| panic!("{what}: {e}\n{}", flow.text())),
    );
    check_clear_review(&what, &s.sim, &flow, &bytes, SignMode::Direct, false, &key.address);
    eprintln!("{what}: signed after {} pages in {:.0?}", flow.shots.len(), t.elapsed());
}

milkyway_e2e::on_every_device!(full_buffer);

mod direct_full_buffer {
    use milkyway_e2e::Device;
    #[test]
    #[ignore = "a measurement: 337 pages"]
    fn nanosp() {
        super::direct_full_buffer(Device::NanoSPlus)
    }
    #[test]
    #[ignore = "a measurement: 337 pages"]
    fn nanox() {
        super::direct_full_buffer(Device::NanoX)
    }
    #[test]
    #[ignore = "a measurement: 116-169 pages"]
    fn stax() {
        super::direct_full_buffer(Device::Stax)
    }
    #[test]
    #[ignore = "a measurement: 116-169 pages"]
    fn flex() {
        super::direct_full_buffer(Device::Flex)
    }
    #[test]
    #[ignore = "a measurement: 116-169 pages"]
    fn apex_p() {
        super::direct_full_buffer(Device::ApexP)
    }
}
