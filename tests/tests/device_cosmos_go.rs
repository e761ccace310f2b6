//! ledger-cosmos-go, replayed: the Go library the Cosmos SDK keyring uses for every
//! `<chain>d keys add NAME --ledger` and `<chain>d tx … --ledger` (so `milkywayd`'s).
//! Go modules cannot be fetched on this project's machines, so this test sends the exact
//! APDU sequences its source sends and parses the replies as it does, against the app in
//! Speculos, then converts and checks the signature as the SDK keyring does: Amino JSON
//! (`--sign-mode amino-json`) and SIGN_MODE_TEXTUAL (`--sign-mode textual`, P2 = 1, the
//! Cosmos SDK's textual vector "minimal" as the sign bytes).
//!
//! The source followed: cosmos/ledger-cosmos-go `user_app.go` and `common.go` at tag
//! v0.13.3 (commit a4f5d0465791fc1cb2d6543f861833ab510d9801), the version `milkywayd`
//! links (milkyway-labs/milkyway's go.mod, Cosmos SDK v0.50.x line: `ledger-cosmos-go
//! v0.13.3 // indirect`); v0.14.0 (bc3fe73) and v0.15.0 (7e25098) send the same bytes.
//! v0.16.0 (9e3c918) moved the sign chunking into zondax/ledger-go
//! (`PrepareChunks`/`ProcessChunks`: init with the path, then 250-byte chunks with P1 1
//! and 2, per its user_app.go; that ledger-go source was not available to read), and the
//! Cosmos SDK's main branch now requires v1.0.0, not replayed here. On the SDK side:
//! `crypto/ledger/ledger_secp256k1.go` (`convertDERtoBER`) and `crypto/keyring`
//! (`SignWithLedger`) of the v0.50 line. What each replayed step does is said beside it.
//!
//! Built only with `--features device` (see tests/Cargo.toml).

#![cfg(feature = "device")]

use std::time::Duration;

use milkyway_e2e::app::{self, gates, split_reply};
use milkyway_e2e::signing::{parse_der, HALF_ORDER};
use milkyway_e2e::{Capture, Device, Flow, Speculos};
use milkyway_ledger::crypto;
use milkyway_ledger::denoms::MILKYWAY;
use milkyway_ledger::msgs::coin;
use milkyway_ledger::msgs::restaking::MsgDelegateOperator;
use milkyway_ledger::tx::{SignMode, TxBuilder};

/// `userCLA`, `userINSGetVersion`, `userINSSignSECP256K1`, `userINSGetAddrSecp256k1`,
/// `userMessageChunkSize` of user_app.go.
const USER_CLA: u8 = 0x55;
const INS_GET_VERSION: u8 = 0;
const INS_SIGN_SECP256K1: u8 = 2;
const INS_GET_ADDR_SECP256K1: u8 = 4;
const USER_MESSAGE_CHUNK_SIZE: usize = 250;

/// `VersionInfo` of common.go: the first four bytes of the GET_VERSION reply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct VersionInfo {
    app_mode: u8,
    major: u8,
    minor: u8,
    patch: u8,
}

/// `CheckVersion(ver, req)` of common.go: major, then minor, then patch.
fn check_version(ver: VersionInfo, req: (u8, u8, u8)) -> Result<(), String> {
    let found = (ver.major, ver.minor, ver.patch);
    let ok = if ver.major != req.0 {
        ver.major > req.0
    } else if ver.minor != req.1 {
        ver.minor > req.1
    } else {
        ver.patch >= req.2
    };
    if ok {
        Ok(())
    } else {
        Err(format!("App Version required {req:?} - Version found: {found:?}"))
    }
}

/// `LedgerCosmos.CheckVersion`'s rule on the version it reads: major 1 needs 1.5.1,
/// major 2 needs 2.1.0, any other major is not supported.
fn gate(version: VersionInfo) -> Result<(), String> {
    match version.major {
        1 => check_version(version, (1, 5, 1)),
        2 => check_version(version, (2, 1, 0)),
        major => Err(format!("App version {major} is not supported")),
    }
}

/// One APDU as the replay sent it.
#[derive(Clone, Debug)]
struct Sent {
    apdu: Vec<u8>,
}

/// The replayed `LedgerCosmos`: one Speculos, every APDU recorded.
struct LedgerCosmos<'a> {
    sim: &'a Speculos,
    version: Option<VersionInfo>,
    sent: Vec<Sent>,
    /// Screens of every review an APDU opened (approved by the harness).
    reviews: Vec<Flow>,
}

impl<'a> LedgerCosmos<'a> {
    /// ledger-go's `Exchange`: the reply's data when the status word is 0x9000, an error
    /// otherwise. With `review`, the harness approves the review the APDU opens meanwhile.
    fn exchange(&mut self, apdu: Vec<u8>, review: bool) -> Result<Vec<u8>, String> {
        self.sent.push(Sent { apdu: apdu.clone() });
        let reply = if review {
            let pending = self.sim.exchange_in_background(&apdu);
            let flow = self.sim.approve(Capture::Text).map_err(|e| e.to_string())?;
            self.reviews.push(flow);
            pending.join().map_err(|_| "exchange thread panicked".to_owned())?
        } else {
            self.sim.exchange(&apdu)
        }
        .map_err(|e| e.to_string())?;
        let (data, sw) = split_reply(&reply).map_err(|e| e.to_string())?;
        if sw != 0x9000 {
            return Err(format!("APDU error 0x{sw:04x}"));
        }
        Ok(data.to_vec())
    }

    /// `FindLedgerCosmosUserApp` after `ledgerAdmin.Connect(0)`: GetVersion, then
    /// CheckVersion, which reads the version a second time and applies the gate.
    fn find_user_app(sim: &'a Speculos) -> Result<LedgerCosmos<'a>, String> {
        let mut app = LedgerCosmos { sim, version: None, sent: Vec::new(), reviews: Vec::new() };
        let v = app.get_version()?;
        let again = app.get_version()?;
        match again.major {
            1 | 2 => gate(v)?,
            major => return Err(format!("App version {major} is not supported")),
        }
        Ok(app)
    }

    /// `GetVersion`: `55 00 00 00 00`, at least 4 reply bytes, the version remembered.
    fn get_version(&mut self) -> Result<VersionInfo, String> {
        let r = self.exchange(vec![USER_CLA, INS_GET_VERSION, 0, 0, 0], false)?;
        if r.len() < 4 {
            return Err("invalid response".into());
        }
        let v = VersionInfo { app_mode: r[0], major: r[1], minor: r[2], patch: r[3] };
        self.version = Some(v);
        Ok(v)
    }

    /// `GetBip32bytes(path, 3)`: v2 (major 2) is five little-endian u32 with the first
    /// three hardened; v1 (major 1) a count byte and up to ten, 41 bytes.
    fn bip32_bytes(&self, path: &[u32]) -> Result<Vec<u8>, String> {
        match self.version.map(|v| v.major) {
            Some(2) => {
                if path.len() != 5 {
                    return Err("path should contain 5 elements".into());
                }
                Ok(path
                    .iter()
                    .enumerate()
                    .flat_map(|(i, c)| (if i < 3 { c | 0x8000_0000 } else { *c }).to_le_bytes())
                    .collect())
            }
            Some(major) => Err(format!("App version {major} is not supported by this replay")),
            None => Err("no version read".into()),
        }
    }

    /// `getAddressPubKeySECP256K1(path, hrp, requireConfirmation)`.
    fn get_address_pubkey(
        &mut self,
        path: &[u32],
        hrp: &str,
        confirm: bool,
    ) -> Result<([u8; 33], String), String> {
        if hrp.len() > 83 {
            return Err("hrp len should be <10".into());
        }
        if !hrp.bytes().all(|b| (33..=126).contains(&b)) {
            return Err("all characters in the HRP must be in the [33, 126] range".into());
        }
        let path_bytes = self.bip32_bytes(path)?;
        let mut message = vec![USER_CLA, INS_GET_ADDR_SECP256K1, u8::from(confirm), 0, 0];
        message.push(hrp.len() as u8);
        message.extend_from_slice(hrp.as_bytes());
        message.extend_from_slice(&path_bytes);
        message[4] = (message.len() - 5) as u8;
        let r = self.exchange(message, confirm)?;
        if r.len() < 35 + hrp.len() {
            return Err("Invalid response".into());
        }
        Ok((r[..33].try_into().unwrap(), String::from_utf8_lossy(&r[33..]).into_owned()))
    }

    /// `GetPublicKeySECP256K1`: silent, prefix "cosmos".
    fn get_public_key(&mut self, path: &[u32]) -> Result<[u8; 33], String> {
        self.get_address_pubkey(path, "cosmos", false).map(|(k, _)| k)
    }

    /// `GetAddressPubKeySECP256K1`: shown on the device (P1 = 1).
    fn get_address_shown(&mut self, path: &[u32], hrp: &str) -> Result<([u8; 33], String), String> {
        self.get_address_pubkey(path, hrp, true)
    }

    /// `SignSECP256K1(path, transaction, p2)` with a major-2 app (`signv2`): packet 1 is
    /// `55 02 00 p2` with the path, then `ceil(len / 250)` packets of up to 250 bytes with
    /// P1 1, the last with P1 2; each reply awaited. Returns the last reply (the DER
    /// signature).
    fn sign(&mut self, path: &[u32], transaction: &[u8], p2: u8) -> Result<Vec<u8>, String> {
        if p2 > 1 {
            return Err("only values of SIGN_MODE_LEGACY_AMINO (P2=0) and SIGN_MODE_TEXTUAL (P2=1) are allowed".into());
        }
        let packet_count = 1 + transaction.len().div_ceil(USER_MESSAGE_CHUNK_SIZE);
        let mut rest = transaction;
        let mut last = Vec::new();
        for packet_index in 1..=packet_count {
            let message = if packet_index == 1 {
                let path_bytes = self.bip32_bytes(path)?;
                let mut m = vec![USER_CLA, INS_SIGN_SECP256K1, 0, p2, path_bytes.len() as u8];
                m.extend_from_slice(&path_bytes);
                m
            } else {
                let chunk = rest.len().min(USER_MESSAGE_CHUNK_SIZE);
                let payload_desc = if packet_index == packet_count { 2 } else { 1 };
                let mut m = vec![USER_CLA, INS_SIGN_SECP256K1, payload_desc, p2, chunk as u8];
                m.extend_from_slice(&rest[..chunk]);
                rest = &rest[chunk..];
                m
            };
            last = self.exchange(message, packet_index == packet_count)?;
        }
        Ok(last)
    }
}

// ---- the SDK keyring's side ---------------------------------------------------------

/// secp256k1's group order N, big-endian.
const ORDER: [u8; 32] = [
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe,
    0xba, 0xae, 0xdc, 0xe6, 0xaf, 0x48, 0xa0, 0x3b, 0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36, 0x41, 0x41,
];

/// a - b for 256-bit big-endian numbers with a >= b.
fn sub256(a: &[u8; 32], b: &[u8; 32]) -> [u8; 32] {
    let mut out = [0u8; 32];
    let mut borrow = 0i16;
    for i in (0..32).rev() {
        let mut d = i16::from(a[i]) - i16::from(b[i]) - borrow;
        borrow = i16::from(d < 0);
        if d < 0 {
            d += 256;
        }
        out[i] = d as u8;
    }
    out
}

/// `convertDERtoBER` (cosmos-sdk v0.50 crypto/ledger): parse the DER signature (btcec's
/// strict `ParseDERSignature`), take r and s, replace s by N - s when it is above N/2,
/// and write r‖s as 64 bytes, each left-padded to 32.
fn convert_der_to_ber(der: &[u8]) -> Result<[u8; 64], String> {
    let (r, mut s) = parse_der(der)?;
    if s > HALF_ORDER {
        s = sub256(&ORDER, &s);
    }
    let mut out = [0u8; 64];
    out[..32].copy_from_slice(&r);
    out[32..].copy_from_slice(&s);
    Ok(out)
}

/// Minimal DER of (r, s), for the conversion's own check.
fn der(r: &[u8; 32], s: &[u8; 32]) -> Vec<u8> {
    let int = |v: &[u8; 32]| {
        let mut b: Vec<u8> = v.iter().copied().skip_while(|x| *x == 0).collect();
        if b.first().is_none_or(|x| x & 0x80 != 0) {
            b.insert(0, 0);
        }
        let mut out = vec![0x02, b.len() as u8];
        out.extend(b);
        out
    };
    let body = [int(r), int(s)].concat();
    [vec![0x30, body.len() as u8], body].concat()
}

fn hd_path(account: u32, index: u32) -> [u32; 5] {
    // The keyring's BIP44Params.DerivationPath(): 44, 118, account, change 0, index; the
    // library hardens the first three itself.
    [44, 118, account, 0, index]
}

fn cosmos_go(device: Device) {
    let sim = Speculos::start(device, "cosmos_go").unwrap();
    sim.wait_for_home(Duration::from_secs(15)).unwrap();
    sim.set_dismiss_status(true);
    let path = hd_path(0, 0);

    // --- `milkywayd keys add NAME --ledger`: FindLedgerCosmosUserApp, then the address
    // shown on the device with the chain's prefix (SaveLedgerKey → NewPrivKeySecp256k1 →
    // GetAddressPubKeySECP256K1).
    let mut go = LedgerCosmos::find_user_app(&sim)
        .unwrap_or_else(|e| panic!("{device}: FindLedgerCosmosUserApp refuses the app: {e}"));
    let v = go.version.unwrap();
    assert_eq!((v.major, v.minor, v.patch), app::app_version().unwrap(), "{device}");
    assert_eq!(v.app_mode, 0, "{device}: AppMode (test mode) byte");
    assert_eq!(gate(v), Ok(()));
    let apdus: Vec<&[u8]> = go.sent.iter().map(|s| s.apdu.as_slice()).collect();
    assert_eq!(apdus, vec![&[0x55, 0, 0, 0, 0][..], &[0x55, 0, 0, 0, 0][..]], "two GET_VERSION");

    let (key, address) =
        go.get_address_shown(&path, "milk").unwrap_or_else(|e| panic!("{device}: {e}"));
    assert_eq!(address, crypto::address(&key, "milk").unwrap(), "{device}");
    let shown = go.sent.last().unwrap().apdu.clone();
    // 44' 118' 0' 0 0, little-endian: the v2 path encoding.
    let path_bytes: Vec<u8> = [0x8000_002Cu32, 0x8000_0076, 0x8000_0000, 0, 0]
        .iter()
        .flat_map(|c| c.to_le_bytes())
        .collect();
    let mut expected = vec![0x55, 0x04, 0x01, 0x00, 25, 4];
    expected.extend_from_slice(b"milk");
    expected.extend_from_slice(&path_bytes);
    assert_eq!(shown, expected, "{device}: GetAddressPubKeySECP256K1's APDU");
    let flow = go.reviews.last().unwrap();
    assert!(flow.contains("MilkyWay") && flow.contains(&address), "{device}:\n{}", flow.text());

    // --- `milkywayd tx … --ledger --sign-mode amino-json`: the keyring's SignWithLedger
    // opens the device again (FindLedgerCosmosUserApp), reads the key silently with
    // prefix "cosmos" (GetPublicKeySECP256K1) and compares it with the stored one, then
    // SignLedgerAminoJSON: SignSECP256K1(path, sign bytes, 0), convertDERtoBER, and the
    // key's VerifySignature (which refuses a high S).
    let mut go = LedgerCosmos::find_user_app(&sim).unwrap();
    let cosmos_key = go.get_public_key(&path).unwrap();
    assert_eq!(cosmos_key, key, "{device}: the silent cosmos key is the shown milk key's");
    let memo = "signed through the Cosmos SDK keyring's ledger-cosmos-go: a memo long enough that \
                the sign bytes take three 250-byte chunks after the path, as a long memo or a \
                multi-message transaction does";
    let tx = TxBuilder::new(MILKYWAY.chain_id)
        .msg(MsgDelegateOperator {
            delegator: address.clone(),
            operator_id: 3,
            amount: vec![coin("2500000", "umilk")],
        })
        .fee(vec![coin("5000", "umilk")], 250_000)
        .memo(memo)
        .account_number(7)
        .sequence(2)
        .build()
        .unwrap();
    let doc = tx.sign_bytes(SignMode::AminoJson, &key).unwrap();
    assert!(
        doc.len() > 2 * USER_MESSAGE_CHUNK_SIZE && doc.len() <= 3 * USER_MESSAGE_CHUNK_SIZE,
        "{}",
        doc.len()
    );
    let before = go.sent.len();
    let der = go.sign(&path, &doc, 0).unwrap_or_else(|e| panic!("{device}: SignSECP256K1: {e}"));

    // The chunking on the wire: init with the path, then 250, 250 and the rest; P1 0/1/1/2.
    let chunks = &go.sent[before..];
    let headers: Vec<[u8; 5]> = chunks.iter().map(|s| s.apdu[..5].try_into().unwrap()).collect();
    let rest = (doc.len() - 2 * USER_MESSAGE_CHUNK_SIZE) as u8;
    assert_eq!(
        headers,
        vec![
            [0x55, 2, 0, 0, 20],
            [0x55, 2, 1, 0, 250],
            [0x55, 2, 1, 0, 250],
            [0x55, 2, 2, 0, rest]
        ],
        "{device}: SignSECP256K1's packets"
    );
    assert_eq!(chunks[0].apdu[5..], path_bytes[..], "{device}: the init packet is the path");
    let sent: Vec<u8> = chunks[1..].iter().flat_map(|s| s.apdu[5..].to_vec()).collect();
    assert_eq!(sent, doc, "{device}: the chunks carry the sign bytes");
    let flow = go.reviews.last().unwrap();
    for fact in ["Restake to operator", "Operator #3", "2.5 MILK", "signed through the Cosmos SDK"]
    {
        assert!(flow.contains(fact), "{device}: review lacks {fact:?}:\n{}", flow.text());
    }

    // The keyring's conversion and check.
    let sig = convert_der_to_ber(&der).unwrap_or_else(|e| panic!("{device}: convertDERtoBER: {e}"));
    let (_, s) = parse_der(&der).unwrap();
    assert!(s <= HALF_ORDER, "{device}: the device sent a high S (the keyring would flip it)");
    crypto::verify(&key, &doc, &sig).unwrap_or_else(|e| panic!("{device}: VerifySignature: {e}"));
    // The conversion flips a high S: the same signature with N - s converts to the same bytes.
    let (r, s) = parse_der(&der).unwrap();
    assert_eq!(convert_der_to_ber(&self::der(&r, &sub256(&ORDER, &s))).unwrap(), sig);

    // --- `milkywayd tx … --ledger --sign-mode textual`: the keyring's SignLedgerTextual
    // is the same SignSECP256K1(path, sign bytes, 1), the sign bytes x/tx's CBOR. Here the
    // Cosmos SDK's own vector "minimal" (core/tests/data/textual/e2e.json, cited in its
    // README); its chain "my-chain" is no chain the app knows, so Expert mode first (the
    // chain rule of every mode).
    sim.toggle_setting("Expert mode", Capture::Text).unwrap();
    let cbor = textual_vector("minimal");
    let before = go.sent.len();
    let der =
        go.sign(&path, &cbor, 1).unwrap_or_else(|e| panic!("{device}: SignSECP256K1 textual: {e}"));
    let chunks = &go.sent[before..];
    assert!(chunks.iter().all(|c| c.apdu[3] == 1), "{device}: P2 1 on every packet");
    let sent: Vec<u8> = chunks[1..].iter().flat_map(|s| s.apdu[5..].to_vec()).collect();
    assert_eq!(sent, cbor, "{device}: the chunks carry the CBOR");
    let flow = go.reviews.last().unwrap();
    // The expert screen "Hash of raw bytes" by its value (a Nano shortens that label).
    for fact in ["my-chain", ">> To address", "10 ATOM", "785bd306ea8962cd"] {
        assert!(flow.contains(fact), "{device}: textual review lacks {fact:?}:\n{}", flow.text());
    }
    let sig = convert_der_to_ber(&der).unwrap_or_else(|e| panic!("{device}: convertDERtoBER: {e}"));
    crypto::verify(&key, &cbor, &sig).unwrap_or_else(|e| panic!("{device}: VerifySignature: {e}"));
}

/// The CBOR of the textual vector `name` of core/tests/data/textual/e2e.json.
fn textual_vector(name: &str) -> Vec<u8> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../core/tests/data/textual/e2e.json");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let case = json.as_array().unwrap().iter().find(|c| c["name"] == name).unwrap();
    let hex = case["cbor"].as_str().unwrap();
    (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap()).collect()
}

milkyway_e2e::on_every_device!(cosmos_go);

/// The replayed gate, on versions around its edges, agrees with the rule the host tier
/// holds the app version to (tests/src/app.rs), and refuses the old 0.1.0.
#[test]
fn version_gate_replay() {
    for major in 0..=4u8 {
        for minor in [0u8, 1, 4, 5, 6, 38] {
            for patch in [0u8, 1, 2, 3] {
                let v = VersionInfo { app_mode: 0, major, minor, patch };
                assert_eq!(
                    gate(v).is_ok(),
                    gates::ledger_cosmos_go_accepts((major, minor, patch)).is_ok(),
                    "{v:?}"
                );
            }
        }
    }
    let old = VersionInfo { app_mode: 0, major: 0, minor: 1, patch: 0 };
    assert_eq!(gate(old), Err("App version 0 is not supported".into()));
    let ours = app::app_version().unwrap();
    assert_eq!(
        gate(VersionInfo { app_mode: 0, major: ours.0, minor: ours.1, patch: ours.2 }),
        Ok(())
    );
}
