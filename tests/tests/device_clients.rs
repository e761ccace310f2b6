//! Third-party clients, unchanged, from the npm registry (`tests/clients/`, pinned by its
//! package-lock.json), against the app in Speculos over Ledger's own Speculos transport
//! (`@ledgerhq/hw-transport-node-speculos`): no byte of the exchange is ours. Each test
//! runs a node script while the harness reads the screens and approves each review the
//! script announces; then every result is checked again here against the host crate
//! (addresses derived from the key, sign bytes equal to the host's canonical Amino JSON,
//! signatures verified, the TxRaw decoded back to the host's messages).
//!
//! - `ledger_cosmos_js`: `@zondax/ledger-cosmos-js` 4.2.0: getVersion,
//!   getAddressAndPubKey and showAddressAndPubKey (approved) for milk, osmo and celestia,
//!   publicKey (prefix cosmos), sign of an Amino JSON restake (P2 = 0).
//! - `cosmjs`: `@cosmjs/ledger-amino` 0.38.1 `LedgerSigner` with only ledgerAppName
//!   "MilkyWay", prefix and hdPaths set (its default minLedgerAppVersion 1.5.3 applies):
//!   getAccounts, showAddress, and a restake, a liquid stake on the milkTIA contract
//!   (osmosis-1) and a gov vote signed through `SigningStargateClient` /
//!   `SigningCosmWasmClient` `sign` as a dApp does.
//! - `cosmjs_claims`: the same `LedgerSigner` signing (`signAmino`) a claim of restaking
//!   rewards of 200 messages, the host crate's transaction: a streamed review on every
//!   device ("Review long transaction", "Action 1" to "Action 200"), walked and approved;
//!   the signature verified by cosmjs and here, over the host's canonical bytes.
//! - `cosmjs_blind_1mib`: the same signer, blind signing on, signing a 1 MiB Amino JSON
//!   document (one message the app does not know carrying the bulk): the warning and
//!   the SHA-256 of the document, the signature verified by cosmjs and here.
//!
//! Built only with `--features device`. The node packages must be installed (`npm ci` in
//! tests/clients, done by scripts/setup.sh): without them these tests fail, they never skip.

#![cfg(feature = "device")]

use std::time::Duration;

use serde_json::json;

use milkyway_e2e::app::{self, split_reply, sw};
use milkyway_e2e::node_clients::{run_script, ScriptRun};
use milkyway_e2e::{signing, Device, Flow, Speculos};
use milkyway_ledger::cli::build;
use milkyway_ledger::crypto;
use milkyway_ledger::denoms::{self, MILKYWAY};
use milkyway_ledger::msgs::cosmos::gov_v1beta1;
use milkyway_ledger::msgs::restaking::MsgDelegateOperator;
use milkyway_ledger::msgs::wasm::StakingContractMsg;
use milkyway_ledger::msgs::{coin, Msg};
use milkyway_ledger::preview;
use milkyway_ledger::tx::{DecodedTx, SignMode, Tx, TxBuilder};

fn start(device: Device, label: &str) -> Speculos {
    let sim = Speculos::start(device, label).unwrap();
    sim.wait_for_home(Duration::from_secs(15)).unwrap();
    // The reviews' status screens are recorded, then dismissed as a person may.
    sim.set_dismiss_status(true);
    sim
}

/// The account 0 key, from a silent GET_ADDR on the harness' own connection.
fn key(sim: &Speculos) -> [u8; 33] {
    let reply = sim.exchange(&app::get_addr_apdu("milk", 0, 0, false)).unwrap();
    let (data, status) = split_reply(&reply).unwrap();
    assert_eq!(status, sw::OK);
    data[..33].try_into().unwrap()
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// The review shows every fact (the intent, amounts with symbols, ids, chain, memo).
fn check_facts(what: &str, flow: &Flow, facts: &[&str]) {
    for f in facts {
        assert!(flow.contains(f), "{what}: the review did not show {f:?}:\n{}", flow.text());
    }
}

fn ledger_cosmos_js(device: Device) {
    let sim = start(device, "clients_ledger_cosmos_js");
    let key = key(&sim);
    let me = crypto::address(&key, "milk").unwrap();
    // The restake's sign doc, the host crate's canonical Amino JSON.
    let tx = TxBuilder::new(MILKYWAY.chain_id)
        .msg(MsgDelegateOperator {
            delegator: me.clone(),
            operator_id: 3,
            amount: vec![coin("2500000", "umilk")],
        })
        .fee(vec![coin("5000", "umilk")], 250_000)
        .memo("signed with ledger-cosmos-js")
        .account_number(7)
        .sequence(1)
        .build()
        .unwrap();
    let doc = tx.sign_bytes(SignMode::AminoJson, &key).unwrap();

    let run = run_script(&sim, "ledger-cosmos-js.mjs", json!({ "restakeSignDocHex": hex(&doc) }))
        .unwrap_or_else(|e| panic!("{device}: {e}"));

    // getVersion: the app crate's version, not test mode, not locked.
    let v = run.step("version");
    let (major, minor, patch) = app::app_version().unwrap();
    assert_eq!(
        (v["major"].as_u64(), v["minor"].as_u64(), v["patch"].as_u64()),
        (Some(major.into()), Some(minor.into()), Some(patch.into())),
        "{device}: {v}"
    );
    assert_eq!((v["testMode"].as_bool(), v["deviceLocked"].as_bool()), (Some(false), Some(false)));
    // ...and the device's target id, as the harness reads it itself.
    let ours = sim.exchange(&[app::CLA, app::INS_GET_VERSION, 0, 0, 0]).unwrap();
    let ours = app::VersionInfo::parse(split_reply(&ours).unwrap().0).unwrap();
    assert_eq!(
        v["targetId"].as_str(),
        Some(format!("{:08x}", ours.target_id).as_str()),
        "{device}"
    );

    // Each prefix: silent and shown agree (the script checks), the address is the key's,
    // and the review showed that address.
    for (hrp, title) in [("milk", "MilkyWay"), ("osmo", "Osmosis"), ("celestia", "Celestia")] {
        let label = format!("address_{hrp}");
        let address = run.str(&label, "address");
        assert_eq!(address, crypto::address(&key, hrp).unwrap(), "{device} {hrp}");
        assert_eq!(run.bytes(&label, "publicKey"), key, "{device} {hrp}");
        let flow = run.review(&label);
        check_facts(&format!("{device} {label}"), flow, &[title, &address]);
    }
    assert_eq!(run.bytes("public_key", "publicKey"), key, "{device}: publicKey (cosmos)");

    // The restake: verified by the script with @cosmjs/crypto, and here as the device sent
    // it (strict DER, low-S, k256 over the same bytes).
    let der = run.bytes("sign_restake", "signatureDer");
    signing::check_signature(&key, &doc, &der).unwrap_or_else(|e| panic!("{device}: {e}"));
    check_facts(
        &format!("{device} ledger-cosmos-js restake"),
        run.review("sign_restake"),
        &[
            "Restake to operator",
            "Operator #3",
            "2.5 MILK",
            "signed with ledger-cosmos-js",
            "Review transaction to restake MILK",
            "Sign transaction to restake MILK?",
        ],
    );
}

/// A signed transaction the cosmjs script printed, checked against the host's `tx`:
/// the same sign bytes, a signature that verifies, a TxRaw with the host's messages.
fn check_cosmjs_tx(device: Device, run: &ScriptRun, label: &str, tx: Tx, key: &[u8; 33]) {
    let what = format!("{device} cosmjs {label}");
    let expected = tx.sign_bytes(SignMode::AminoJson, key).unwrap();
    let signed = run.bytes(label, "signDocHex");
    assert_eq!(
        String::from_utf8_lossy(&signed),
        String::from_utf8_lossy(&expected),
        "{what}: cosmjs signed other bytes than the host's canonical Amino JSON"
    );
    let sig: [u8; 64] = run.bytes(label, "signatureHex").try_into().unwrap();
    crypto::verify(key, &expected, &sig).unwrap_or_else(|e| panic!("{what}: {e}"));
    let ours = tx.assemble(SignMode::AminoJson, *key, sig).unwrap();
    let theirs = DecodedTx::decode(&run.bytes(label, "txRawHex")).unwrap();
    assert_eq!(theirs, DecodedTx::decode(&ours.to_bytes()).unwrap(), "{what}: TxRaw");
}

fn cosmjs(device: Device) {
    let sim = start(device, "clients_cosmjs");
    let key = key(&sim);
    let me = crypto::address(&key, "milk").unwrap();
    let me_osmo = crypto::address(&key, "osmo").unwrap();
    let milk_tia = denoms::liquid_staking("milkTIA").unwrap();
    let input = json!({
        "restake": {
            "operatorId": 3, "amount": { "denom": "umilk", "amount": "2500000" },
            "tx": { "chainId": "milkyway", "accountNumber": 12, "sequence": 21,
                    "memo": "restake from a dApp", "fee": [{ "denom": "umilk", "amount": "5000" }], "gas": 250000 },
        },
        "liquidStake": {
            "contract": milk_tia.contract, "amount": { "denom": milk_tia.native_denom, "amount": "1500000" },
            "tx": { "chainId": "osmosis-1", "accountNumber": 41, "sequence": 0,
                    "memo": "", "fee": [{ "denom": "uosmo", "amount": "2500" }], "gas": 400000 },
        },
        "vote": {
            "proposalId": "17", "option": 1,
            "tx": { "chainId": "milkyway", "accountNumber": 12, "sequence": 22,
                    "memo": "", "fee": [{ "denom": "umilk", "amount": "2000" }], "gas": 100000 },
        },
    });
    let run = run_script(&sim, "cosmjs.mjs", input).unwrap_or_else(|e| panic!("{device}: {e}"));

    // getAccounts: the key and its address under each signer's prefix.
    assert_eq!(run.str("accounts_milk", "address"), me, "{device}");
    assert_eq!(run.bytes("accounts_milk", "publicKey"), key, "{device}");
    assert_eq!(run.str("accounts_milk", "algo"), "secp256k1", "{device}");
    assert_eq!(run.str("accounts_osmo", "address"), me_osmo, "{device}");
    // showAddress: the milk address, shown on the device and approved.
    assert_eq!(run.str("show_address", "address"), me, "{device}");
    assert_eq!(run.bytes("show_address", "publicKey"), key, "{device}");
    check_facts(&format!("{device} showAddress"), run.review("show_address"), &["MilkyWay", &me]);

    let restake = TxBuilder::new("milkyway")
        .msg(MsgDelegateOperator {
            delegator: me.clone(),
            operator_id: 3,
            amount: vec![coin("2500000", "umilk")],
        })
        .fee(vec![coin("5000", "umilk")], 250_000)
        .memo("restake from a dApp")
        .account_number(12)
        .sequence(21)
        .build()
        .unwrap();
    check_cosmjs_tx(device, &run, "sign_restake", restake, &key);
    check_facts(
        &format!("{device} cosmjs restake"),
        run.review("sign_restake"),
        &[
            "Review transaction to restake MILK",
            "Restake to operator",
            "Operator #3",
            "2.5 MILK",
            "restake from a dApp",
            "0.005 MILK",
        ],
    );

    let stake: Msg = StakingContractMsg::LiquidStake {
        mint_to: Some(me.clone()),
        transfer_to_native_chain: None,
        expected_mint_amount: None,
    }
    .to_execute(&me_osmo, milk_tia.contract, Some(("1500000", milk_tia.native_denom)))
    .unwrap()
    .into();
    let stake = TxBuilder::new("osmosis-1")
        .msg(stake)
        .fee(vec![coin("2500", "uosmo")], 400_000)
        .account_number(41)
        .sequence(0)
        .build()
        .unwrap();
    check_cosmjs_tx(device, &run, "sign_liquid_stake", stake, &key);
    check_facts(
        &format!("{device} cosmjs liquid stake"),
        run.review("sign_liquid_stake"),
        &[
            "Review transaction to liquid stake TIA",
            "Liquid stake",
            "1.5 TIA",
            "milkTIA",
            &me,
            "Osmosis",
            "0.0025 OSMO",
        ],
    );

    let vote = TxBuilder::new("milkyway")
        .msg(gov_v1beta1::MsgVote { proposal_id: 17, voter: me.clone(), option: 1 })
        .fee(vec![coin("2000", "umilk")], 100_000)
        .account_number(12)
        .sequence(22)
        .build()
        .unwrap();
    check_cosmjs_tx(device, &run, "sign_vote", vote, &key);
    check_facts(
        &format!("{device} cosmjs vote"),
        run.review("sign_vote"),
        &["Review transaction to vote", "Proposal #17", "Yes", "Sign transaction to vote?"],
    );
}

/// cosmjs' LedgerSigner signs the 200-message claim of tests/tests/device_sign/limits.rs
/// (Amino JSON): the whole streamed review walked and approved.
fn cosmjs_claims(device: Device) {
    let sim = start(device, "clients_cosmjs_claims");
    let key = key(&sim);
    let me = crypto::address(&key, "milk").unwrap();
    let ids = |n: u32| (1..=n).collect::<Vec<u32>>();
    let msgs = build::claim_rewards(&me, &ids(67), &ids(67), &ids(66), &[]).unwrap();
    assert_eq!(msgs.len(), 200);
    let tx = TxBuilder::new(MILKYWAY.chain_id)
        .msgs(msgs)
        .fee(vec![coin("50000", "umilk")], 20_000_000)
        .account_number(12)
        .sequence(41)
        .build()
        .unwrap();
    let expected = tx.sign_bytes(SignMode::AminoJson, &key).unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&expected).unwrap();
    let input = json!({ "tx": {
        "msgs": doc["msgs"], "fee": doc["fee"], "chainId": doc["chain_id"], "memo": doc["memo"],
        "accountNumber": doc["account_number"], "sequence": doc["sequence"],
    }});
    let run =
        run_script(&sim, "cosmjs-claims.mjs", input).unwrap_or_else(|e| panic!("{device}: {e}"));
    let what = format!("{device} cosmjs 200 claims");
    assert_eq!(run.str("account", "address"), me, "{what}");
    assert_eq!(run.step("sign_claims")["messages"].as_u64(), Some(200), "{what}");
    assert_eq!(
        run.bytes("sign_claims", "signDocSha256"),
        crypto::sha256(&expected).to_vec(),
        "{what}: cosmjs signed other bytes than the host's canonical Amino JSON"
    );
    let sig: [u8; 64] = run.bytes("sign_claims", "signatureHex").try_into().unwrap();
    crypto::verify(&key, &expected, &sig).unwrap_or_else(|e| panic!("{what}: {e}"));
    let flow = run.review("sign_claims");
    let screens = preview::screens(&expected, SignMode::AminoJson, false, Some(&me)).unwrap();
    let (fee, chain, question) =
        ("0.05 MILK", "MilkyWay", "Sign transaction to claim restaking rewards?");
    signing::check_streamed_review(&sim, flow, &screens, 200, (fee, chain, question))
        .unwrap_or_else(|e| panic!("{what}: {e}"));
    eprintln!(
        "[limits] {what}: {} bytes signed after a review of {} pages in {:.1} s (cosmjs' count)",
        expected.len(),
        flow.shots.len(),
        run.step("sign_claims")["seconds"].as_f64().unwrap_or(f64::NAN)
    );
}

/// A 1 MiB Amino JSON document signed blind through cosmjs' `LedgerSigner`, unchanged:
/// one message of a type the app does not know, whose one string field carries the bulk.
/// Blind signing is switched on in the settings screens; cosmjs streams 4,200 chunks of
/// 250 bytes, the device hashes them as they come, and the review is the warning and the
/// SHA-256 of the document (nothing of the bulk shown). The signature is verified by
/// cosmjs and here, over the canonical bytes built here.
fn cosmjs_blind_1mib(device: Device) {
    let sim = start(device, "clients_cosmjs_blind_1mib");
    sim.toggle_setting("Blind signing", milkyway_e2e::Capture::Text).unwrap();
    let key = key(&sim);
    let what = format!("{device} cosmjs 1 MiB blind");
    // The canonical StdSignDoc (keys sorted, no whitespace), as cosmjs' serializeSignDoc
    // writes it, padded to exactly 1 MiB.
    let doc = |bulk: usize| {
        format!(
            r#"{{"account_number":"12","chain_id":"milkyway","fee":{{"amount":[{{"amount":"5000","denom":"umilk"}}],"gas":"200000"}},"memo":"","msgs":[{{"type":"milkyway-test/MsgBulk","value":{{"bulk":"{}"}}}}],"sequence":"43"}}"#,
            "a".repeat(bulk)
        )
    };
    let mib = 1 << 20;
    let expected = doc(mib - doc(0).len()).into_bytes();
    assert_eq!(expected.len(), mib);
    // The bulk goes as its length (the input travels in an environment variable).
    let parsed: serde_json::Value = serde_json::from_slice(doc(0).as_bytes()).unwrap();
    let input = json!({ "tx": {
        "msgs": parsed["msgs"], "fee": parsed["fee"], "chainId": parsed["chain_id"],
        "memo": parsed["memo"], "accountNumber": parsed["account_number"],
        "sequence": parsed["sequence"],
    }, "fill": { "field": "bulk", "length": mib - doc(0).len() } });
    let run =
        run_script(&sim, "cosmjs-claims.mjs", input).unwrap_or_else(|e| panic!("{what}: {e}"));
    assert_eq!(
        run.bytes("sign_claims", "signDocSha256"),
        crypto::sha256(&expected).to_vec(),
        "{what}: cosmjs signed other bytes than the canonical document"
    );
    let sig: [u8; 64] = run.bytes("sign_claims", "signatureHex").try_into().unwrap();
    crypto::verify(&key, &expected, &sig).unwrap_or_else(|e| panic!("{what}: {e}"));
    let flow = run.review("sign_claims");
    assert!(flow.shots[0].screen.contains("Blind signing ahead"), "{what}:\n{}", flow.text());
    assert_eq!(
        signing::shown_hash(flow),
        signing::sha256_hex_upper(&expected),
        "{what}: the hash shown:\n{}",
        flow.text()
    );
    assert!(!flow.contains("aaaaaaaa"), "{what}: the bulk shown:\n{}", flow.text());
    eprintln!(
        "[limits] {what}: {} bytes signed in {:.1} s (cosmjs' count)",
        expected.len(),
        run.step("sign_claims")["seconds"].as_f64().unwrap_or(f64::NAN)
    );
}

milkyway_e2e::on_every_device!(ledger_cosmos_js, cosmjs, cosmjs_claims, cosmjs_blind_1mib);
