//! What the device decides besides "sign": rejection by the person, refusal of a message
//! it cannot show (with its reason), the Blind signing and Expert mode switches turned on
//! through the settings screens, a prefix/chain mismatch, and the way cosmjs and
//! ledger-cosmos-js use the app.

use milkyway_e2e::signing;
use milkyway_e2e::{snapshot, Capture, Decision, Device};
use milkyway_ledger::cli::build;
use milkyway_ledger::client::{AddressInfo, DeviceError, HdPath};
use milkyway_ledger::crypto;
use milkyway_ledger::denoms::MILKYWAY;
use milkyway_ledger::msgs::coin;
use milkyway_ledger::preview;
use milkyway_ledger::tx::{SignMode, Tx, TxBuilder};

use crate::{check_ends, check_facts, check_signed, Session};

/// `Chain id does not match…` (core/src/session.rs `CHAIN_PREFIX_MISMATCH`).
const CHAIN_PREFIX_MISMATCH: &str =
    "Chain id does not match the address prefix (expert mode allows it)";
/// `Unknown chain id…` (core/src/session.rs `UNKNOWN_CHAIN`).
const UNKNOWN_CHAIN: &str = "Unknown chain id (expert mode allows it)";
/// A type URL no chain registers.
const MADE_UP_TYPE_URL: &str = "/milkyway.airdrop.v1.MsgClaimEverything";

fn restake_tx(me: &str, chain_id: &str, account: u64, sequence: u64) -> Tx {
    TxBuilder::new(chain_id)
        .msg(build::restake(&MILKYWAY, me, "pool", None, "7MILK").unwrap())
        .fee(vec![coin("5000", "umilk")], 200_000)
        .account_number(account)
        .sequence(sequence)
        .build()
        .unwrap()
}

/// A MsgSend of `me` with an unknown message in front: `MsgMultiSend` (a real Cosmos
/// message the app does not clear-sign), and in DIRECT also a made-up type URL.
fn unknown_docs(me: &str, public_key: &[u8; 33]) -> Vec<(&'static str, SignMode, Vec<u8>)> {
    let tx = TxBuilder::new(MILKYWAY.chain_id)
        .msg(build::send(&MILKYWAY, me, me, "1MILK").unwrap())
        .fee(vec![coin("5000", "umilk")], 200_000)
        .account_number(12)
        .sequence(20)
        .build()
        .unwrap();
    let (value, amino) = signing::multi_send(me, me, "1000000", "umilk");
    vec![
        (
            "MsgMultiSend",
            SignMode::Direct,
            signing::direct_sign_doc_with(
                &tx,
                public_key,
                &[("/cosmos.bank.v1beta1.MsgMultiSend", value)],
            ),
        ),
        ("MsgMultiSend", SignMode::AminoJson, signing::amino_sign_doc_with(&tx, &[amino]).unwrap()),
        (
            "a made-up type URL",
            SignMode::Direct,
            signing::direct_sign_doc_with(
                &tx,
                public_key,
                &[(MADE_UP_TYPE_URL, vec![0x0a, 0x01, 0x78])],
            ),
        ),
    ]
}

/// Sends every chunk of `bytes` with raw APDUs and returns the last chunk's reply; for
/// documents the device answers without a review. Checks the screen stayed home.
fn sign_refused(
    s: &Session,
    path: HdPath,
    hrp: Option<&str>,
    mode: SignMode,
    bytes: &[u8],
) -> (Vec<u8>, u16) {
    let reply = signing::send_until_refused(&s.client, &path, hrp, mode, bytes).unwrap();
    let screen = s.sim.current_screen().unwrap();
    assert!(
        s.sim.is_home(&screen),
        "{}: a refused document showed a screen: {}",
        s.device,
        screen.one_line()
    );
    reply
}

/// Rejected on the device: 0x6986 and no data, "Transaction rejected", home. An unknown
/// message (MsgMultiSend, or a made-up type URL) is refused before any screen with 0x6984
/// and the core's reason, the one the host's preview gives for the same bytes.
fn reject_and_unknown(device: Device) {
    let s = Session::start(device, "sign_reject_and_unknown");
    let key = s.key("milk");
    let tx = restake_tx(&key.address, "milkyway", 12, 13);

    let bytes = tx.sign_bytes(SignMode::Direct, &key.public_key).unwrap();
    let last =
        signing::send_all_but_last(&s.client, &s.path, Some("milk"), SignMode::Direct, &bytes)
            .unwrap();
    let pending = signing::in_background(&s.client, move |c| signing::raw(c, &last));
    let flow = s.sim.reject(Capture::TextAndImages).unwrap();
    let (data, sw) = pending.join().unwrap().unwrap();
    assert_eq!((data.as_slice(), sw), (&[][..], 0x6986), "{device}: rejected");
    assert!(flow.shots[0].screen.contains("Review transaction"), "{device}:\n{}", flow.text());
    check_ends(&format!("{device} reject"), &s.sim, &flow, "Transaction rejected");
    snapshot::check(device, "sign_reject", &flow).unwrap();

    // The same through the client: the rejection is its DeviceError::Rejected.
    let (flow, reply) = s.sign(
        s.path,
        Some("milk"),
        SignMode::AminoJson,
        &tx.sign_bytes(SignMode::AminoJson, &key.public_key).unwrap(),
        Decision::Reject,
    );
    assert!(matches!(reply, Err(DeviceError::Rejected)), "{device}: {reply:?}");
    check_ends(&format!("{device} reject (amino)"), &s.sim, &flow, "Transaction rejected");
    snapshot::check(device, "sign_reject_amino", &flow).unwrap();

    for (what, mode, bytes) in unknown_docs(&key.address, &key.public_key) {
        let (data, sw) = sign_refused(&s, s.path, Some("milk"), mode, &bytes);
        let reason = String::from_utf8(data).expect("an ASCII reason");
        let expected = preview::screens(&bytes, mode, false, Some(&key.address))
            .unwrap_err()
            .refusal_reason()
            .expect("the preview refuses too");
        assert_eq!(sw, 0x6984, "{device}: {what} ({})", mode.name());
        assert_eq!(reason, expected, "{device}: {what} ({})", mode.name());
        assert_eq!(reason, "Unknown message type (enable blind signing to sign it)");
    }

    // Still answering, and signing.
    assert_eq!(s.key("milk"), key, "{device}");
}

/// Blind signing off: an unknown message is refused. Turned on in the settings: the same
/// documents get the blind-signing warning and the SHA-256 of the sign bytes (the hex the
/// device shows is the host's SHA-256), and the signatures verify; a transaction the app
/// knows is still clear-signed.
fn blind_signing(device: Device) {
    let s = Session::start(device, "sign_blind_signing");
    let key = s.key("milk");
    let docs = unknown_docs(&key.address, &key.public_key);
    let (data, sw) = sign_refused(&s, s.path, Some("milk"), docs[0].1, &docs[0].2);
    assert_eq!((sw, data.starts_with(b"Unknown message type")), (0x6984, true), "{device}");

    let settings = s.sim.toggle_setting("Blind signing", Capture::TextAndImages).unwrap();
    snapshot::check(device, "settings_blind_signing_on", &settings).unwrap();

    for (i, (what, mode, bytes)) in docs.iter().enumerate() {
        let what = format!("{device} blind {what} ({})", mode.name());
        let (flow, reply) = s.sign(s.path, Some("milk"), *mode, bytes, Decision::Approve);
        let der = reply.unwrap_or_else(|e| panic!("{what}: {e}\n{}", flow.text()));
        check_signed(&what, &key.public_key, bytes, &der);
        assert!(
            flow.shots[0].screen.contains("Blind signing ahead"),
            "{what}: no warning first:\n{}",
            flow.text()
        );
        check_facts(&what, &flow, &["Review transaction"]);
        // The Nanos label the two-page hash "Tx hash (1/2)": "Transaction hash (1/2)" would
        // be cut to "Transac...sh (1/2)".
        let label = if device.is_nano() { "Tx hash (1/2)" } else { "Transaction hash" };
        assert!(flow.contains(label), "{what}: no {label:?}:\n{}", flow.text());
        assert_eq!(
            signing::shown_hash(&flow),
            signing::sha256_hex_upper(bytes),
            "{what}: the hash shown:\n{}",
            flow.text()
        );
        check_ends(&what, &s.sim, &flow, "Transaction signed");
        let name = ["sign_blind", "sign_blind_amino", "sign_blind_made_up_type"][i];
        snapshot::check(device, name, &flow).unwrap();
    }

    // A transaction the app knows: clear-signed, blind signing or not.
    let tx = restake_tx(&key.address, "milkyway", 12, 14);
    let bytes = tx.sign_bytes(SignMode::Direct, &key.public_key).unwrap();
    let what = format!("{device} known message, blind signing on");
    let flow = s.sign_clear(&what, s.path, Some("milk"), SignMode::Direct, &bytes, &key, false);
    assert!(!flow.contains("Blind signing ahead"), "{what}:\n{}", flow.text());
    snapshot::check(device, "sign_clear_with_blind_signing_on", &flow).unwrap();
}

/// Expert mode off: account 101 is refused (0x6989), a prefix that does not match the
/// chain id (init "osmo", chain id "milkyway") and an unknown chain id are refused with
/// their reasons. Turned on in the settings: account 101 signs, and the review also shows
/// account number, sequence and gas.
fn expert_mode(device: Device) {
    let s = Session::start(device, "sign_expert_mode");
    let key = s.key("milk");
    let far = HdPath::new(101, 0);

    let (_, sw) = s.raw(&signing::sign_apdu(0, 2, &signing::init_data(&far, Some("milk"))));
    assert_eq!(sw, 0x6989, "{device}: account 101 without expert mode");
    assert!(matches!(
        s.client.get_address(&far, "milk", false),
        Err(DeviceError::PathNeedsExpertMode)
    ));

    let tx = restake_tx(&key.address, "milkyway", 12, 15);
    for mode in [SignMode::Direct, SignMode::AminoJson] {
        let bytes = tx.sign_bytes(mode, &key.public_key).unwrap();
        let (data, sw) = sign_refused(&s, s.path, Some("osmo"), mode, &bytes);
        assert_eq!(
            (sw, String::from_utf8_lossy(&data).as_ref()),
            (0x6984, CHAIN_PREFIX_MISMATCH),
            "{device} ({})",
            mode.name()
        );
    }
    let unknown_chain = restake_tx(&key.address, "foochain-1", 12, 15);
    let bytes = unknown_chain.sign_bytes(SignMode::AminoJson, &key.public_key).unwrap();
    let (data, sw) = sign_refused(&s, s.path, None, SignMode::AminoJson, &bytes);
    assert_eq!((sw, String::from_utf8_lossy(&data).as_ref()), (0x6984, UNKNOWN_CHAIN), "{device}");

    let settings = s.sim.toggle_setting("Expert mode", Capture::TextAndImages).unwrap();
    snapshot::check(device, "settings_expert_mode_on", &settings).unwrap();

    let far_key = s.client.get_address(&far, "milk", false).unwrap();
    assert_ne!(far_key.public_key, key.public_key);
    let tx = restake_tx(&far_key.address, "milkyway", 1234, 56);
    let bytes = tx.sign_bytes(SignMode::Direct, &far_key.public_key).unwrap();
    let what = format!("{device} expert mode, account 101");
    let flow = s.sign_clear(&what, far, Some("milk"), SignMode::Direct, &bytes, &far_key, true);
    check_facts(
        &what,
        &flow,
        &["Account number", "1234", "Sequence", "56", "Gas", "200000", "7 MILK", "MilkyWay"],
    );
    snapshot::check(device, "sign_expert", &flow).unwrap();
}

/// cosmjs' LedgerSigner and ledger-cosmos-js: the public key comes from a silent GET_ADDR
/// with the prefix "cosmos" (a shown one is refused outside expert mode), the signature
/// starts with a path-only init, and the document is Amino JSON for chain id "milkyway".
/// The device takes the prefix from the chain id: the signer's own milk1 address is not
/// shown, and the signature verifies against the "cosmos" key.
fn cosmjs_flow(device: Device) {
    let s = Session::start(device, "sign_cosmjs");
    let cosmos = s.key("cosmos");
    assert!(cosmos.address.starts_with("cosmos1"), "{device}: {}", cosmos.address);
    let (_, sw) = s.raw(&milkyway_e2e::app::get_addr_apdu("cosmos", 0, 0, true));
    assert_eq!(sw, 0x698C, "{device}: a shown cosmos address outside expert mode");

    // What cosmjs does with the key: the account on the chain the document names.
    let me = crypto::address(&cosmos.public_key, "milk").unwrap();
    let tx = TxBuilder::new("milkyway")
        .msg(build::restake(&MILKYWAY, &me, "operator", Some(3), "2.5MILK").unwrap())
        .fee(vec![coin("5000", "umilk")], 200_000)
        .memo("signed with cosmjs")
        .account_number(12)
        .sequence(21)
        .build()
        .unwrap();
    let bytes = tx.sign_bytes(SignMode::AminoJson, &cosmos.public_key).unwrap();
    let what = format!("{device} cosmjs flow");
    // The "cosmos" key signs; the milk1 address of that key is the one hidden.
    let signer =
        AddressInfo { public_key: cosmos.public_key, address: me.clone(), kind: cosmos.kind };
    let flow = s.sign_clear(&what, s.path, None, SignMode::AminoJson, &bytes, &signer, false);
    check_facts(
        &what,
        &flow,
        &["Restake to operator", "Operator #3", "2.5 MILK", "signed with cosmjs", "MilkyWay"],
    );
    assert!(!flow.contains(&cosmos.address), "{what}:\n{}", flow.text());
    snapshot::check(device, "sign_cosmjs", &flow).unwrap();
}

milkyway_e2e::on_every_device!(reject_and_unknown, blind_signing, expert_mode, cosmjs_flow);
