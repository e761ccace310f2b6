//! SIGN_SECP256K1 end to end on each of the five devices, in Speculos, through the host
//! crate (issue 4's acceptance). One test binary, so that the test threads keep busy
//! across all of it; each test starts its own Speculos (own ports, fresh settings):
//!
//! - `families`: one transaction of every message family, built with the host's
//!   builders, signed in both modes and approved; signatures checked on the host.
//! - `policy`: rejection; an unknown message refused with its reason; Blind signing
//!   turned on in the settings (the blind review shows the SHA-256 of the sign bytes);
//!   Expert mode turned on in the settings (account number, sequence, gas shown; account
//!   101 accepted); a prefix/chain mismatch refused; the cosmjs-style flow.
//! - `protocol`: chunks out of order, a new init dropping earlier chunks, wrong
//!   CLA/INS/P1/P2, SIGN_MODE_TEXTUAL, short init.
//! - `limits`: 200 claims clear-signed through a streamed review, in both modes; a 1 MiB
//!   document blind-signed, in both modes; a known message larger than the element
//!   buffer refused at its chunk, and the app keeps working.
//! - `preview_pages`: the host's offline preview against the device, page by page, for a
//!   claim one message short of the model's streamed review (held) and one that streams.
//! - `status_screens`: a request sent while "Transaction signed" / "Address verified"
//!   shows is answered at once (regression tests for two app bugs these tests found).
//! - `settings`: on the Nanos, each switch's page shows its name, description and
//!   state, and both buttons flip it (a regression test).
//!
//! Every review but `limits`' (checked fact by fact) is compared with its golden snapshot (`tests/snapshots/<device>/<name>/`).
//! Test names are `<module>::<device>::<test>`: `--test device_sign flex` runs one device.
//!
//! Built only with `--features device` (see tests/Cargo.toml).

#![cfg(feature = "device")]

use std::sync::Arc;
use std::time::Duration;

use milkyway_e2e::signing::{self, Client};
use milkyway_e2e::{snapshot, Capture, Decision, Device, Flow, Speculos};
use milkyway_ledger::client::{AddressInfo, DeviceError, HdPath};
use milkyway_ledger::crypto;
use milkyway_ledger::preview;
use milkyway_ledger::tx::{DecodedTx, SignMode, Tx};

mod cosmrs_example;
mod families;
mod grants;
mod limits;
mod policy;
mod preview_pages;
mod protocol;
mod settings;
mod status_screens;

/// One device session: Speculos, the host client on its own APDU connection, the test
/// seed's account 0.
pub struct Session {
    pub device: Device,
    pub sim: Speculos,
    pub client: Arc<Client>,
    pub path: HdPath,
}

impl Session {
    pub fn start(device: Device, label: &str) -> Session {
        let sim = Speculos::start(device, label).unwrap();
        sim.wait_for_home(Duration::from_secs(15)).unwrap();
        let client = signing::connect(&sim).unwrap();
        Session { device, sim, client, path: HdPath::new(0, 0) }
    }

    /// The account's key and address under `hrp` (silent GET_ADDR, checked by the client).
    pub fn key(&self, hrp: &str) -> AddressInfo {
        self.client.get_address(&self.path, hrp, false).unwrap()
    }

    /// A raw APDU on the client's connection: reply data and status word.
    pub fn raw(&self, apdu: &[u8]) -> (Vec<u8>, u16) {
        signing::raw(&self.client, apdu).unwrap()
    }

    /// Signs `bytes` through the host client (`path`, `hrp` in the init chunk) while the
    /// review is walked to `decision`.
    pub fn sign(
        &self,
        path: HdPath,
        hrp: Option<&str>,
        mode: SignMode,
        bytes: &[u8],
        decision: Decision,
    ) -> (Flow, Result<Vec<u8>, DeviceError>) {
        signing::sign_with_review(
            &self.sim,
            &self.client,
            path,
            hrp,
            mode,
            bytes,
            decision,
            Capture::TextAndImages,
        )
        .unwrap()
    }

    /// Signs `bytes` approving the review, then checks the signature ([`check_signed`],
    /// by `signer`'s key) and the clear review ([`check_clear_review`], with `expert` as
    /// set on the device, `signer`'s address hidden). Returns the review.
    #[allow(clippy::too_many_arguments)]
    pub fn sign_clear(
        &self,
        what: &str,
        path: HdPath,
        hrp: Option<&str>,
        mode: SignMode,
        bytes: &[u8],
        signer: &AddressInfo,
        expert: bool,
    ) -> Flow {
        let (flow, reply) = self.sign(path, hrp, mode, bytes, Decision::Approve);
        let der = reply.unwrap_or_else(|e| panic!("{what}: {e}\n{}", flow.text()));
        check_signed(what, &signer.public_key, bytes, &der);
        check_clear_review(what, &self.sim, &flow, bytes, mode, expert, &signer.address);
        flow
    }

    /// Signs `tx` in both modes, approving on the device, and checks everything:
    ///
    /// - DIRECT goes through the host client's whole signing path (`sign_tx_with_key`:
    ///   it builds the sign bytes, verifies the signature and assembles the TxRaw); the
    ///   test verifies that signature again over sign bytes it builds itself. Amino JSON
    ///   goes through `sign_raw`, so that the DER signature exactly as the device sent it
    ///   is checked: strict DER, low-S (no normalisation), valid with the host's k256
    ///   for the device's public key over exactly the sign bytes;
    /// - the TxRaw decodes back to the messages, with the device's key and the mode;
    /// - the review shows the screens the host's offline preview computes with the
    ///   device's own core, in order, and each of `facts` (title, amounts with symbols,
    ///   ids, chain, fee); never the signer's own address; it ends with "Transaction
    ///   signed", then the home screen;
    /// - DIRECT and Amino JSON show the same screens;
    /// - golden snapshots `<name>` (DIRECT) and `<name>_amino`.
    pub fn sign_both_modes(&self, name: &str, hrp: &str, tx: Tx, facts: &[&str]) {
        let device = self.device;
        let key = self.key(hrp);
        let mut flows: Vec<Flow> = Vec::new();
        for mode in [SignMode::Direct, SignMode::AminoJson] {
            let what = format!("{device} {name} ({})", mode.name());
            let bytes = tx.sign_bytes(mode, &key.public_key).unwrap();
            let (flow, signed) = match mode {
                SignMode::Direct => {
                    let (flow, reply) = signing::sign_tx_with_review(
                        &self.sim,
                        &self.client,
                        self.path,
                        hrp,
                        &key,
                        &tx,
                        mode,
                        Decision::Approve,
                        Capture::TextAndImages,
                    )
                    .unwrap();
                    let signed = reply.unwrap_or_else(|e| panic!("{what}: {e}\n{}", flow.text()));
                    assert_eq!(signed.sign_bytes, bytes, "{what}");
                    crypto::verify(&key.public_key, &bytes, &signed.signature)
                        .unwrap_or_else(|e| panic!("{what}: {e}"));
                    (flow, signed)
                }
                SignMode::AminoJson => {
                    let (flow, reply) =
                        self.sign(self.path, Some(hrp), mode, &bytes, Decision::Approve);
                    let der = reply.unwrap_or_else(|e| panic!("{what}: {e}\n{}", flow.text()));
                    let rs = check_signed(&what, &key.public_key, &bytes, &der);
                    let signed = tx.assemble(mode, key.public_key, rs).unwrap();
                    assert_eq!(signed.sign_bytes, bytes, "{what}");
                    (flow, signed)
                }
                SignMode::Textual => unreachable!("textual is signed in device_textual.rs"),
            };
            let decoded = DecodedTx::decode(&signed.to_bytes()).unwrap();
            assert_eq!(decoded.msgs, tx.msgs, "{what}: TxRaw messages");
            assert_eq!((decoded.mode, decoded.public_key), (mode, key.public_key), "{what}");

            check_clear_review(&what, &self.sim, &flow, &bytes, mode, false, &key.address);
            check_facts(&what, &flow, facts);
            let snap = match mode {
                SignMode::Direct => name.to_string(),
                SignMode::AminoJson => format!("{name}_amino"),
                SignMode::Textual => unreachable!("textual is signed in device_textual.rs"),
            };
            snapshot::check(device, &snap, &flow).unwrap();
            flows.push(flow);
        }
        assert_eq!(
            flows[0].text(),
            flows[1].text(),
            "{device} {name}: DIRECT and Amino JSON reviews differ"
        );
    }
}

/// The device's DER signature: strict, low-S as sent, valid over `bytes` for `public_key`
/// (independently of the client); returns r‖s.
pub fn check_signed(what: &str, public_key: &[u8; 33], bytes: &[u8], der: &[u8]) -> [u8; 64] {
    let rs =
        signing::check_signature(public_key, bytes, der).unwrap_or_else(|e| panic!("{what}: {e}"));
    crypto::verify(public_key, bytes, &rs).unwrap();
    rs
}

/// A clear-signing review: starts with the host preview's review title, shows its
/// screens in order, asks its signing question (with `expert` as set on the device), never the signer's own
/// address, and ends with "Transaction signed" and the home screen.
pub fn check_clear_review(
    what: &str,
    sim: &Speculos,
    flow: &Flow,
    bytes: &[u8],
    mode: SignMode,
    expert: bool,
    own_address: &str,
) {
    // The preview of this model (a long review is held on one, streamed on another), with
    // the prefix the host's client sends for the document's chain.
    let model = preview::Model::from_name(sim.device.model())
        .unwrap_or_else(|| panic!("{what}: no preview model {}", sim.device.model()));
    let chain_id = preview::chain_id_of(bytes, mode);
    let opts = preview::DeviceOptions {
        expert,
        own_address: Some(own_address),
        prefix: chain_id.as_deref().and_then(preview::prefix_for_chain_id),
        model,
        ..Default::default()
    };
    let review =
        preview::review(bytes, mode, &opts).unwrap_or_else(|e| panic!("{what}: host preview: {e}"));
    let titles = (review.title, review.sign);
    signing::check_clear_review(sim, flow, &review.screens, &titles, own_address)
        .unwrap_or_else(|e| panic!("{what}: {e}"));
}

/// The flow ends with the status screen showing `status`, then the home screen.
pub fn check_ends(what: &str, sim: &Speculos, flow: &Flow, status: &str) {
    signing::check_ends(sim, flow, status).unwrap_or_else(|e| panic!("{what}: {e}"));
}

/// Each fact appears on some screen of the flow.
pub fn check_facts(what: &str, flow: &Flow, facts: &[&str]) {
    for fact in facts {
        assert!(flow.contains(fact), "{what}: the review does not show {fact:?}:\n{}", flow.text());
    }
}
