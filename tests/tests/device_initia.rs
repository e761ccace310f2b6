//! MilkyWay's Initia rollup `moo-1` on each of the five devices, in Speculos: `init`
//! addresses from both keys (the Cosmos key 44'/118' and Initia's Ethereum-style key
//! 44'/60'), shown with which key it is; the milkINIT staking contract signed with the
//! Ethereum-style key in both modes (signature over Keccak-256 of the sign bytes,
//! `/initia.crypto.v1beta1.ethsecp256k1.PubKey` in the auth info) and with the Cosmos
//! key; and what the 44'/60' key refuses.
//!
//! The expected keys and addresses of the test seed are a reference vector computed with
//! cosmjs 0.38.1 (`@cosmjs/crypto`: BIP-39, SLIP-10 secp256k1, Keccak256, RIPEMD-160;
//! `@cosmjs/encoding`: bech32) by `tests/clients/initia-vector.mjs`, an implementation
//! independent of both the device's (the Ledger OS's derivation and `cx` Keccak) and the
//! host's (k256, sha3): see `VECTOR` below.
//!
//! Built only with `--features device` (see tests/Cargo.toml).

#![cfg(feature = "device")]

use std::time::Duration;

use milkyway_e2e::signing::{self, Client};
use milkyway_e2e::{snapshot, Capture, Decision, Device, Speculos};
use milkyway_ledger::cli::build::{self, LiquidStakeOpts};
use milkyway_ledger::client::{AddressInfo, DeviceError, HdPath, KeyKind};
use milkyway_ledger::crypto;
use milkyway_ledger::denoms::{self, MOO};
use milkyway_ledger::msgs::{coin, Msg};
use milkyway_ledger::preview;
use milkyway_ledger::tx::{DecodedTx, SignMode, Tx, TxBuilder};

/// The test seed's keys, from cosmjs 0.38.1 (`node tests/clients/initia-vector.mjs`):
/// path, compressed key, `init` address of the Ethereum-style derivation (last 20 bytes
/// of Keccak-256), `init` address of the Cosmos derivation (RIPEMD160(SHA256)).
const VECTOR: [(&str, &str, &str, &str); 2] = [
    (
        "m/44'/60'/0'/0/0",
        "021853d93524119eeb31ab0b06f1dcb068f84943bb230dfa10b1292f47af643575",
        "init1jhj78sdamykdfgxpf33ysrd4seu5v2qaqdt00r",
        "init1ndgvlye77dmuct2ncr4m8ghmfkwp7p8s3563de",
    ),
    (
        "m/44'/118'/0'/0/0",
        "034fef9cd7c4c63588d3b03feb5281b9d232cba34d6f3d71aee59211ffbfe1fe87",
        "init1avhd7awc9fpdecfd0h0yv6nkkytkd9qw0k8u4y",
        "init1w34k53py5v5xyluazqpq65agyajavep2dlln34",
    ),
];

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// GET_ADDR for `path` under `hrp`.
fn get_addr_apdu(hrp: &str, path: &HdPath, show: bool) -> Vec<u8> {
    let mut data = vec![hrp.len() as u8];
    data.extend_from_slice(hrp.as_bytes());
    data.extend_from_slice(&path.to_bytes());
    let mut apdu = vec![0x55, 0x04, u8::from(show), 0, data.len() as u8];
    apdu.extend_from_slice(&data);
    apdu
}

fn start(device: Device, label: &str) -> (Speculos, std::sync::Arc<Client>) {
    let sim = Speculos::start(device, label).unwrap();
    sim.wait_for_home(Duration::from_secs(15)).unwrap();
    let client = signing::connect(&sim).unwrap();
    (sim, client)
}

/// The addresses: both keys under `init`, silent and shown (golden snapshots), as the
/// reference vector has them; the 44'/60' key refused with any other prefix.
fn init_addresses(device: Device) {
    let (sim, client) = start(device, "initia_addresses");
    for (path, label, (vpath, vkey, veth, vcosmos)) in [
        (HdPath::eth(0, 0), "address_init_eth", VECTOR[0]),
        (HdPath::new(0, 0), "address_init_cosmos", VECTOR[1]),
    ] {
        assert_eq!(path.to_string(), vpath);
        let key = client.get_address(&path, "init", false).unwrap();
        assert_eq!(hex(&key.public_key), vkey, "{device} {path}");
        let expected = if path.kind == KeyKind::Eth { veth } else { vcosmos };
        assert_eq!(key.address, expected, "{device} {path}");
        // Shown: the same address, and which key it is.
        let pending = signing::in_background(&client, move |c| c.get_address(&path, "init", true));
        let flow = sim.approve(Capture::TextAndImages).unwrap();
        let shown = pending.join().unwrap().unwrap();
        assert_eq!(shown, key, "{device} {path}");
        assert!(flow.contains(expected), "{device}: {expected} not shown:\n{}", flow.text());
        assert!(
            flow.shots[0].screen.contains("MilkyWay on Initia"),
            "{device}: title:\n{}",
            flow.text()
        );
        let kind = if path.kind == KeyKind::Eth { "Ethereum-style" } else { "Cosmos (secp256k1)" };
        assert!(flow.contains(kind), "{device}: key kind {kind:?} not shown:\n{}", flow.text());
        snapshot::check(device, label, &flow).unwrap();
    }
    // The 44'/60' key with another prefix: 0x698C, shown or silent, no screen.
    for hrp in ["milk", "osmo", "cosmos"] {
        for show in [false, true] {
            let apdu = get_addr_apdu(hrp, &HdPath::eth(0, 0), show);
            let (data, status) = signing::raw(&client, &apdu).unwrap();
            assert_eq!((data.len(), status), (0, 0x698C), "{device} eth key with {hrp}");
        }
    }
    assert!(sim.is_home(&sim.current_screen().unwrap()), "{device}: a refused request drew");
}

fn moo_tx(msg: Msg, kind: KeyKind) -> Tx {
    TxBuilder::new(MOO.chain_id)
        .msg(msg)
        .fee(vec![coin("30000", denoms::INIT_ON_MOO)], 300_000)
        .account_number(77)
        .sequence(4)
        .key_kind(kind)
        .build()
        .unwrap()
}

/// The device's DER signature of `bytes` by `key`: strict DER, low-S as sent, then
/// [`check_rs`]; returns r‖s.
fn check_der(what: &str, key: &AddressInfo, bytes: &[u8], der: &[u8]) -> [u8; 64] {
    let (r, s) = signing::parse_der(der).unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(signing::is_low_s(&s), "{what}: high S");
    let mut rs = [0u8; 64];
    rs[..32].copy_from_slice(&r);
    rs[32..].copy_from_slice(&s);
    check_rs(what, key, bytes, &rs);
    rs
}

/// A signature r‖s of `bytes` by `key`: valid over the hash its kind verifies
/// (Keccak-256 for the Ethereum-style key), and over no other.
fn check_rs(what: &str, key: &AddressInfo, bytes: &[u8], rs: &[u8; 64]) {
    crypto::verify_with(key.kind, &key.public_key, bytes, rs)
        .unwrap_or_else(|e| panic!("{what}: {e}"));
    let other = match key.kind {
        KeyKind::Eth => KeyKind::Cosmos,
        KeyKind::Cosmos => KeyKind::Eth,
    };
    assert!(crypto::verify_with(other, &key.public_key, bytes, rs).is_err(), "{what}");
}

/// Signs `tx` in both modes with `path`'s key, approving: DIRECT through the host
/// client's whole path, Amino JSON raw (the DER checked here); the TxRaw's key and type;
/// the review against the host preview and `facts`; golden snapshots `<name>` and
/// `<name>_amino`; both modes show the same screens.
fn sign_both(
    (device, sim, client): (Device, &Speculos, &std::sync::Arc<Client>),
    name: &str,
    path: HdPath,
    tx: Tx,
    facts: &[&str],
) {
    let key = client.get_address(&path, "init", false).unwrap();
    let mut texts = Vec::new();
    for mode in [SignMode::Direct, SignMode::AminoJson] {
        let what = format!("{device} {name} ({})", mode.name());
        let bytes = tx.sign_bytes(mode, &key.public_key).unwrap();
        let (flow, signed) = match mode {
            SignMode::Direct => {
                let (flow, reply) = signing::sign_tx_with_review(
                    sim,
                    client,
                    path,
                    "init",
                    &key,
                    &tx,
                    mode,
                    Decision::Approve,
                    Capture::TextAndImages,
                )
                .unwrap();
                let signed = reply.unwrap_or_else(|e| panic!("{what}: {e}\n{}", flow.text()));
                assert_eq!(signed.sign_bytes, bytes, "{what}");
                check_rs(&what, &key, &bytes, &signed.signature);
                (flow, signed)
            }
            SignMode::AminoJson => {
                let (flow, reply) = signing::sign_with_review(
                    sim,
                    client,
                    path,
                    Some("init"),
                    mode,
                    &bytes,
                    Decision::Approve,
                    Capture::TextAndImages,
                )
                .unwrap();
                let der = reply.unwrap_or_else(|e| panic!("{what}: {e}\n{}", flow.text()));
                let rs = check_der(&what, &key, &bytes, &der);
                (flow, tx.assemble(mode, key.public_key, rs).unwrap())
            }
            SignMode::Textual => unreachable!("the 44'/60' key signs no textual document"),
        };
        let decoded = DecodedTx::decode(&signed.to_bytes()).unwrap();
        assert_eq!(decoded.msgs, tx.msgs, "{what}");
        assert_eq!((decoded.key_kind, decoded.public_key), (key.kind, key.public_key), "{what}");
        let expected = preview::screens(&bytes, mode, false, Some(&key.address)).unwrap();
        let titles = preview::titles(&bytes, mode).unwrap();
        signing::check_clear_review(sim, &flow, &expected, &titles, &key.address)
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        for fact in facts {
            assert!(flow.contains(fact), "{what}: {fact:?} not shown:\n{}", flow.text());
        }
        let snap = match mode {
            SignMode::Direct => name.to_string(),
            _ => format!("{name}_amino"),
        };
        snapshot::check(device, &snap, &flow).unwrap();
        texts.push(flow.text());
    }
    assert_eq!(texts[0], texts[1], "{device} {name}: DIRECT and Amino JSON reviews differ");
}

/// milkINIT: liquid stake with the Ethereum-style key, liquid unstake with the Cosmos
/// key, both modes each.
fn milkinit(device: Device) {
    let (sim, client) = start(device, "initia_milkinit");
    sim.set_dismiss_status(true);
    let lst = denoms::liquid_staking("milkINIT").unwrap();
    let eth = HdPath::eth(0, 0);
    let me = client.get_address(&eth, "init", false).unwrap().address;
    let stake = build::liquid_stake(&lst, &me, "12.5INIT", &LiquidStakeOpts::default()).unwrap();
    sign_both(
        (device, &sim, &client),
        "initia_liquid_stake_eth",
        eth,
        moo_tx(stake, KeyKind::Eth),
        &["Liquid stake", "12.5 INIT", "milkINIT", "0.03 INIT"],
    );
    let cosmos = HdPath::new(0, 0);
    let me = client.get_address(&cosmos, "init", false).unwrap().address;
    let unstake = build::liquid_unstake(&lst, &me, "3milkINIT").unwrap();
    sign_both(
        (device, &sim, &client),
        "initia_liquid_unstake_cosmos",
        cosmos,
        moo_tx(unstake, KeyKind::Cosmos),
        &["Liquid unstake", "3 milkINIT", "INIT after unbonding"],
    );
}

/// What the 44'/60' key refuses, with no screen: another chain, a Cosmos-typed signer,
/// SIGN_MODE_TEXTUAL. (That it is never signed blind is the core's rule, tested in
/// `core/tests/initia.rs`.)
fn eth_key_refusals(device: Device) {
    let (sim, client) = start(device, "initia_refusals");
    let eth = HdPath::eth(0, 0);
    let key = client.get_address(&eth, "init", false).unwrap();
    let refused = |hrp: Option<&str>, mode: SignMode, bytes: &[u8]| -> String {
        match client.sign_raw(&eth, hrp, mode, bytes) {
            Err(DeviceError::Refused(reason)) => reason,
            other => panic!("{device}: not refused: {other:?}"),
        }
    };
    let send = milkyway_ledger::msgs::cosmos::MsgSend {
        from_address: key.address.clone(),
        to_address: "milk1qg5ega6dykkxc307y25pecuufrjkxkaggkkxh7nad0vhyhtuhw3ssgcye4".into(),
        amount: vec![coin("1", "umilk")],
    };
    // A MilkyWay transaction: not an init chain.
    let on_milkyway = TxBuilder::new("milkyway")
        .msg(send)
        .fee(vec![coin("5000", "umilk")], 200_000)
        .key_kind(KeyKind::Eth)
        .build()
        .unwrap();
    for mode in [SignMode::Direct, SignMode::AminoJson] {
        let bytes = on_milkyway.sign_bytes(mode, &key.public_key).unwrap();
        assert!(refused(None, mode, &bytes).contains("init addresses only"), "{device}");
        assert!(refused(Some("init"), mode, &bytes).contains("does not match"), "{device}");
    }
    // The Cosmos key's type in the auth info of a 44'/60' signature.
    let lst = denoms::liquid_staking("milkINIT").unwrap();
    let stake = build::liquid_stake(&lst, &key.address, "1INIT", &LiquidStakeOpts::default());
    let cosmos_typed = moo_tx(stake.unwrap(), KeyKind::Cosmos);
    let bytes = cosmos_typed.sign_bytes(SignMode::Direct, &key.public_key).unwrap();
    assert!(refused(Some("init"), SignMode::Direct, &bytes).contains("public key type"));
    // SIGN_MODE_TEXTUAL, P2 = 1 (sent raw: the host client has no textual mode): refused
    // at its init (P2 says what the document is from the first chunk), the next chunk
    // out of order.
    let init = signing::init_data(&eth, Some("init"));
    let (reason, status) = signing::raw(&client, &signing::sign_apdu(0, 1, &init)).unwrap();
    assert_eq!(status, 0x6984, "{device}");
    assert!(String::from_utf8_lossy(&reason).contains("clear-signed"), "{device}");
    let (_, status) = signing::raw(&client, &signing::sign_apdu(2, 1, b"\xa1\x01\x80")).unwrap();
    assert_eq!(status, 0x6986, "{device}");
    assert!(sim.is_home(&sim.current_screen().unwrap()), "{device}: a refusal drew a screen");
}

milkyway_e2e::on_every_device!(init_addresses, milkinit, eth_key_refusals);
