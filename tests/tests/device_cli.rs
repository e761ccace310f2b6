//! Every subcommand of the host CLI `milkyway-ledger`, run as a process against the app
//! in Speculos on each of the five devices, the reviews approved (or rejected) on the
//! device by the harness (issue 5's acceptance). For each transaction command:
//!
//! - the command exits 0 and prints one line on stdout: the signed `TxRaw` in base64;
//! - that `TxRaw` is byte for byte the transaction the test builds itself from the
//!   command's arguments with the host crate's typed messages (sender: the device's
//!   address, read with a raw GET_ADDR), assembled with the signature it carries;
//!   decoded, it gives back the same messages, memo, fee, sequence, mode and key;
//! - the signature verifies (low-S) for the device's key over the sign bytes the test
//!   computes for that transaction and mode;
//! - the `--output` JSON holds the same TxRaw, signature, key, address, path, sign
//!   bytes, and the transaction in amino JSON;
//! - the device showed what the same command's `--preview` printed (the device's own
//!   core, run offline by the CLI), in order, never the signer's own address, plus the
//!   facts written here by hand (amounts with their symbols, ids), and ended with
//!   "Transaction signed".
//!
//! The sign mode alternates from command to command, shifted by one from a device to
//! the next, so that every command is signed in both modes across the devices. Also:
//! `address` silent and shown (another account, index and chain), `sign FILE` and
//! `preview FILE` on one hand-written file, and the exit codes scripts rely on: 4 when
//! rejected on the device, 5 with the device's reason when the device refuses. And one
//! command in SIGN_MODE_TEXTUAL (`--sign-mode textual`): the device shows the pages of
//! its `--preview --public-key`, the TxRaw says TEXTUAL, the signature verifies over
//! the textual CBOR.
//!
//! Needs the CLI binary (`cargo build -p milkyway-ledger --bin milkyway-ledger`;
//! scripts/test.sh builds it). Built only with `--features device` (see tests/Cargo.toml).

#![cfg(feature = "device")]

use std::path::PathBuf;
use std::time::Duration;

use milkyway_e2e::app::{self, split_reply, sw};
use milkyway_e2e::cli::{self, Echo, Run};
use milkyway_e2e::{signing, Capture, Decision, Device, Flow, Speculos};
use milkyway_ledger::crypto;
use milkyway_ledger::denoms::{
    BABY_ON_MILKYWAY, MILKBABY_CONTRACT, MILKTIA_CONTRACT, MILKTIA_ON_MILKYWAY, MILKTIA_ON_OSMOSIS,
    TIA_ON_OSMOSIS,
};
use milkyway_ledger::msgs::cosmos::{self, gov_v1, gov_v1beta1};
use milkyway_ledger::msgs::restaking::{self, TrustedServiceEntry, UserPreferences};
use milkyway_ledger::msgs::{coin, ibc, rewards, wasm, Coin, Msg};
use milkyway_ledger::tx::{DecodedTx, SignMode, Tx, TxBuilder};

/// The signer: the test seed's key at m/44'/118'/0'/0/0 under one prefix.
#[derive(Clone)]
struct Key {
    public_key: [u8; 33],
    address: String,
}

/// Reads the key of `account`/`index` under `hrp` with a raw, silent GET_ADDR.
fn read_key(sim: &Speculos, hrp: &str, account: u32, index: u32) -> Key {
    let reply = sim.exchange(&app::get_addr_apdu(hrp, account, index, false)).unwrap();
    let (data, status) = split_reply(&reply).unwrap();
    assert_eq!(status, sw::OK, "GET_ADDR {hrp}: 0x{status:04X}");
    Key {
        public_key: data[..33].try_into().unwrap(),
        address: String::from_utf8(data[33..].to_vec()).unwrap(),
    }
}

/// One transaction command.
struct Case {
    name: &'static str,
    /// The command line, without --mode, --output and --device.
    args: Vec<String>,
    /// The signer's prefix (the command's chain).
    hrp: &'static str,
    /// The transaction the command must sign.
    expected: Tx,
    /// Shown in the review (written by hand from the display rules); see [`check_review`].
    facts: Vec<String>,
}

/// The words of a command line: split at spaces; a 'quoted phrase' is one word.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = line.trim();
    while !rest.is_empty() {
        let (word, after) = match rest.strip_prefix('\'') {
            Some(quoted) => quoted.split_once('\'').expect("closing quote"),
            None => rest.split_once(' ').unwrap_or((rest, "")),
        };
        out.push(word.to_string());
        rest = after.trim_start();
    }
    out
}

/// Where a command signs: chain id, address prefix, the signer's account number there,
/// and the fee its commands pass unless they name their own.
struct OnChain {
    chain_id: &'static str,
    hrp: &'static str,
    account_number: u64,
    fee: (&'static str, &'static str),
}

const MILKYWAY: OnChain =
    OnChain { chain_id: "milkyway", hrp: "milk", account_number: 12, fee: ("5000", "umilk") };
const OSMOSIS: OnChain =
    OnChain { chain_id: "osmosis-1", hrp: "osmo", account_number: 401, fee: ("3000", "uosmo") };

/// A command on `chain` at `sequence` (account number and fee added) and the
/// transaction it must sign: `msgs` with the CLI's defaults (gas 200000, no memo, no
/// timeout height).
fn case(
    chain: &OnChain,
    name: &'static str,
    command: &str,
    sequence: u64,
    msgs: Vec<Msg>,
    facts: &[&str],
) -> Case {
    let (amount, denom) = chain.fee;
    let fee =
        if command.contains("--fee ") { String::new() } else { format!(" --fee {amount}{denom}") };
    let account = chain.account_number;
    Case {
        name,
        args: words(&format!("{command} --account-number {account} --sequence {sequence}{fee}")),
        hrp: chain.hrp,
        expected: TxBuilder::new(chain.chain_id)
            .msgs(msgs)
            .fee(vec![coin(amount, denom)], 200_000)
            .account_number(account)
            .sequence(sequence)
            .build()
            .unwrap(),
        facts: cli::args(facts),
    }
}

/// A wasm execute message with `msg` written out as the contract receives it.
fn execute(sender: &str, contract: &str, msg: &str, funds: Vec<Coin>) -> Msg {
    wasm::MsgExecuteContract {
        sender: sender.into(),
        contract: contract.into(),
        msg: msg.as_bytes().to_vec(),
        funds,
    }
    .into()
}

/// Every transaction command, with what it must sign. `milk`/`osmo`: the signer's
/// addresses on MilkyWay and Osmosis.
#[rustfmt::skip]
fn cases(milk: &str, osmo: &str) -> Vec<Case> {
    use restaking::{MsgDelegateOperator, MsgDelegatePool, MsgDelegateService, MsgJoinService, MsgLeaveService,
        MsgSetUserPreferences, MsgUndelegateOperator, MsgUndelegatePool, MsgUndelegateService};
    use rewards::{MsgWithdrawDelegatorReward, MsgWithdrawOperatorCommission};
    let me = || milk.to_string();
    let umilk = |n: &str| coin(n, "umilk");
    let milktia = |n: &str| coin(n, MILKTIA_ON_MILKYWAY);
    let granter = crypto::bech32_encode("milk", &[0x47; 20]).unwrap();
    let friend = crypto::bech32_encode("milk", &[0x11; 20]).unwrap();
    let osmo_friend = crypto::bech32_encode("osmo", &[0x22; 20]).unwrap();
    let validator = crypto::bech32_encode("milkvaloper", &[0x33; 20]).unwrap();
    let reward = |delegation_type: i32, id: u32| -> Msg {
        MsgWithdrawDelegatorReward { delegator_address: me(), delegation_type, delegation_target_id: id }.into()
    };
    let trusted = |service_id: u32, pools_ids: Vec<u32>| TrustedServiceEntry { service_id, pools_ids };

    let mut restake_pool = case(&MILKYWAY, "restake pool", "restake pool 10.5milkTIA --memo 'restake via the CLI'", 3,
        vec![MsgDelegatePool { delegator: me(), amount: Some(milktia("10500000")) }.into()],
        &["10.5 milkTIA", "restake via the CLI", "0.005 MILK"]);
    restake_pool.expected.memo = "restake via the CLI".into();
    // Amounts typed out of order come out sorted by denom (the chain requires it).
    let mut restake_operator = case(&MILKYWAY, "restake operator", "restake operator 3 2MILK,1.5milkTIA --fee 0.006MILK --gas 250000", 4,
        vec![MsgDelegateOperator { delegator: me(), operator_id: 3, amount: vec![milktia("1500000"), umilk("2000000")] }.into()],
        &["1.5 milkTIA", "2 MILK", "0.006 MILK"]);
    restake_operator.expected.fee.amount = vec![umilk("6000")];
    restake_operator.expected.fee.gas_limit = 250_000;
    let mut restake_service = case(&MILKYWAY, "restake service", "restake service 5 1MILK --timeout-height 9000000", 5,
        vec![MsgDelegateService { delegator: me(), service_id: 5, amount: vec![umilk("1000000")] }.into()],
        &["1 MILK"]);
    restake_service.expected.timeout_height = 9_000_000;
    let mut unrestake_pool = case(&MILKYWAY, "unrestake pool", &format!("unrestake pool 1milkTIA --fee-granter {granter}"), 6,
        vec![MsgUndelegatePool { delegator: me(), amount: Some(milktia("1000000")) }.into()],
        &["1 milkTIA"]);
    unrestake_pool.expected.fee.granter = granter.clone();
    let mut ibc_transfer = case(&MILKYWAY, "ibc-transfer",
        &format!("ibc-transfer {osmo_friend} 1milkTIA --channel channel-0 --timeout-minutes 0 --ibc-timeout-height 1-500000"), 17,
        vec![ibc::MsgTransfer {
            source_port: "transfer".into(), source_channel: "channel-0".into(), token: Some(milktia("1000000")),
            sender: me(), receiver: osmo_friend.clone(),
            timeout_height: Some(ibc::Height { revision_number: 1, revision_height: 500_000 }), timeout_timestamp: 0,
            memo: String::new(),
        }.into()],
        &["1 milkTIA", "channel-0"]);
    ibc_transfer.facts.push(osmo_friend.clone());
    let mut send = case(&MILKYWAY, "send", &format!("send {friend} 2.5MILK --memo rent"), 16,
        vec![cosmos::MsgSend { from_address: me(), to_address: friend.clone(), amount: vec![umilk("2500000")] }.into()],
        &["2.5 MILK", "rent"]);
    send.expected.memo = "rent".into();
    send.facts.push(friend.clone());
    let mut delegate = case(&MILKYWAY, "delegate", &format!("delegate {validator} 100MILK"), 18,
        vec![cosmos::MsgDelegate { delegator_address: me(), validator_address: validator.clone(), amount: Some(umilk("100000000")) }.into()],
        &["100 MILK"]);
    delegate.facts.push(validator.clone());
    let mut claim_rewards = case(&MILKYWAY, "claim-rewards",
        "claim-rewards --pool 1 --operator 3 --service 5 --operator-commission 12 --gas 400000", 12,
        vec![reward(1, 1), reward(2, 3), reward(3, 5), MsgWithdrawOperatorCommission { sender: me(), operator_id: 12 }.into()],
        &["Pool #1", "Operator #3", "Service #5", "Claim operator commission", "Operator #12"]);
    claim_rewards.expected.fee.gas_limit = 400_000;

    vec![
        restake_pool,
        restake_operator,
        restake_service,
        unrestake_pool,
        // 64-byte chunks: more APDUs, the same transaction.
        case(&MILKYWAY, "unrestake operator", "unrestake operator 3 0.25MILK --chunk-size 64", 7,
            vec![MsgUndelegateOperator { delegator: me(), operator_id: 3, amount: vec![umilk("250000")] }.into()],
            &["0.25 MILK"]),
        case(&MILKYWAY, "unrestake service", "unrestake service 5 3milkTIA", 8,
            vec![MsgUndelegateService { delegator: me(), service_id: 5, amount: vec![milktia("3000000")] }.into()],
            &["3 milkTIA"]),
        case(&MILKYWAY, "trust-services", "trust-services --service 2:1,3 --service 5", 9,
            vec![MsgSetUserPreferences {
                user: me(),
                preferences: Some(UserPreferences { trusted_services: vec![trusted(2, vec![1, 3]), trusted(5, vec![])] }),
            }.into()],
            &["Service #2 with pools #1, #3", "Service #5 with all pools"]),
        case(&MILKYWAY, "join-service", "join-service --operator 12 --service 5", 10,
            vec![MsgJoinService { sender: me(), operator_id: 12, service_id: 5 }.into()],
            &["Operator joins service", "Operator #12", "Service #5"]),
        case(&MILKYWAY, "leave-service", "leave-service --operator 12 --service 5", 11,
            vec![MsgLeaveService { sender: me(), operator_id: 12, service_id: 5 }.into()],
            &["Operator leaves service", "Operator #12", "Service #5"]),
        claim_rewards,
        // On Osmosis: the chain comes from the LST.
        case(&OSMOSIS, "liquid-stake milkTIA", "liquid-stake 10.5TIA --lst milkTIA", 2,
            vec![execute(osmo, MILKTIA_CONTRACT, r#"{"liquid_stake":{}}"#, vec![coin("10500000", TIA_ON_OSMOSIS)])],
            &["10.5 TIA", "0.003 OSMO"]),
        case(&MILKYWAY, "liquid-stake milkBABY", "liquid-stake 2BABY --lst milkBABY --expected-mint 1.9milkBABY", 13,
            vec![execute(milk, MILKBABY_CONTRACT, r#"{"liquid_stake":{"expected_mint_amount":"1900000"}}"#,
                vec![coin("2000000", BABY_ON_MILKYWAY)])],
            &["2 BABY", "1.9 milkBABY"]),
        case(&OSMOSIS, "liquid-unstake", "liquid-unstake 5milkTIA --lst milkTIA", 3,
            vec![execute(osmo, MILKTIA_CONTRACT, r#"{"liquid_unstake":{}}"#, vec![coin("5000000", MILKTIA_ON_OSMOSIS)])],
            &["5 milkTIA"]),
        case(&OSMOSIS, "claim-unstaked", "claim-unstaked --batch-id 42 --lst milkTIA", 4,
            vec![execute(osmo, MILKTIA_CONTRACT, r#"{"withdraw":{"batch_id":42}}"#, vec![])],
            &["#42"]),
        case(&MILKYWAY, "vote", "vote 7 yes", 14,
            vec![gov_v1::MsgVote { proposal_id: 7, voter: me(), option: 1, metadata: String::new() }.into()],
            &["#7", "Yes"]),
        // gov v1beta1: the weights are LegacyDecs (×10¹⁸ on the wire).
        case(&MILKYWAY, "vote weighted", "vote 7 --weighted yes=0.6,no=0.4 --gov v1beta1", 15,
            vec![gov_v1beta1::MsgVoteWeighted {
                proposal_id: 7,
                voter: me(),
                options: vec![
                    gov_v1beta1::WeightedVoteOption { option: 1, weight: "600000000000000000".into() },
                    gov_v1beta1::WeightedVoteOption { option: 3, weight: "400000000000000000".into() },
                ],
            }.into()],
            &["Yes 60%", "No 40%"]),
        send,
        ibc_transfer,
        delegate,
    ]
}

/// The mode of the `i`-th command on `device`: alternating, shifted per device.
fn mode_for(device: Device, i: usize) -> SignMode {
    let shift = Device::ALL.iter().position(|d| *d == device).unwrap_or(0);
    if (i + shift) % 2 == 0 {
        SignMode::Direct
    } else {
        SignMode::AminoJson
    }
}

fn mode_arg(mode: SignMode) -> &'static str {
    match mode {
        SignMode::Direct => "direct",
        SignMode::AminoJson => "amino",
        SignMode::Textual => "textual",
    }
}

fn b64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn b64_decode(text: &str) -> Vec<u8> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .unwrap_or_else(|e| panic!("not base64 ({e}): {text:?}"))
}

/// A scratch directory of this test, emptied first.
fn scratch(device: Device) -> PathBuf {
    let d = std::env::temp_dir().join(format!("milkyway-cli-e2e-{}-{device}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Runs the CLI against `sim`, taking `decision` on every review it opens.
fn run_quietly(
    sim: &Speculos,
    program: &std::path::Path,
    args: &[String],
    decision: Decision,
) -> Run {
    cli::run_on_device(sim, program, args, decision, Capture::Text, Echo::Quiet, |_| {}).unwrap()
}

/// The review `flow` is a clear-signing review of `screens` (the CLI's preview), without
/// `own_address`, ending with "Transaction signed" and home; and shows each of `facts`:
/// a short one (amounts, ids; at most 36 characters) as it is on some page; a long one
/// (an address, which the devices wrap or split into pages) whole among the preview's
/// values and by its first 16 characters on some page.
fn check_review(
    what: &str,
    sim: &Speculos,
    flow: &Flow,
    screens: &[(String, String)],
    titles: &(String, String),
    facts: &[String],
    own_address: &str,
) {
    signing::check_clear_review(sim, flow, screens, titles, own_address)
        .unwrap_or_else(|e| panic!("{what}: {e}"));
    for fact in facts {
        if fact.chars().count() <= 36 {
            assert!(
                flow.contains(fact),
                "{what}: the review does not show {fact:?}:\n{}",
                flow.text()
            );
        } else {
            assert!(
                screens.iter().any(|(_, v)| v == fact),
                "{what}: the preview does not show {fact:?}: {screens:?}"
            );
            let head: String = fact.chars().take(16).collect();
            assert!(
                flow.contains(&head),
                "{what}: the review does not show {head:?}…:\n{}",
                flow.text()
            );
        }
    }
}

/// Signs with the CLI (`args` + `--mode` + `--output`), approving; checks the output
/// against `expected` as the module's documentation says. `preview_args`: the command
/// that prints the same screens offline.
#[allow(clippy::too_many_arguments)]
fn sign_and_check(
    what: &str,
    sim: &Speculos,
    program: &std::path::Path,
    dir: &std::path::Path,
    args: &[String],
    preview_args: &[String],
    mode: SignMode,
    key: &Key,
    expected: &Tx,
    facts: &[String],
) {
    // What the CLI says the device will show.
    let preview = cli::run_offline(program, preview_args).unwrap();
    assert_eq!(preview.code(), Some(0), "{what}: preview:\n{}", preview.describe(preview_args));
    let screens = cli::preview_screens(&preview.stdout).unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(!screens.is_empty(), "{what}: the preview printed no screen");
    let titles = cli::preview_titles(&preview.stderr).unwrap_or_else(|e| panic!("{what}: {e}"));

    let out = dir.join(format!("{}.json", what.replace(' ', "_")));
    let mut full: Vec<String> = args.to_vec();
    full.extend(cli::args(&["--output", out.to_str().unwrap()]));
    let run = run_quietly(sim, program, &full, Decision::Approve);
    let explain = || run.describe(&full);
    assert_eq!(run.code(), Some(0), "{what}:\n{}", explain());
    assert!(
        run.stderr.contains("Confirm the transaction on your Ledger"),
        "{what}: no prompt on stderr:\n{}",
        explain()
    );
    let [flow] = run.flows.as_slice() else {
        panic!("{what}: {} reviews opened:\n{}", run.flows.len(), explain())
    };
    check_review(what, sim, flow, &screens, &titles, facts, &key.address);

    // stdout: the TxRaw, alone.
    let lines: Vec<&str> = run.stdout.lines().collect();
    let [tx_b64] = lines.as_slice() else {
        panic!("{what}: stdout is not one line:\n{}", explain())
    };
    let raw = b64_decode(tx_b64);
    let decoded = DecodedTx::decode(&raw).unwrap_or_else(|e| panic!("{what}: TxRaw: {e}"));
    assert_eq!(decoded.msgs, expected.msgs, "{what}: messages");
    assert_eq!(
        (&decoded.memo, decoded.timeout_height, &decoded.fee, decoded.sequence),
        (&expected.memo, expected.timeout_height, &expected.fee, expected.sequence),
        "{what}: memo, timeout height, fee, sequence"
    );
    assert_eq!((decoded.mode, decoded.public_key), (mode, key.public_key), "{what}: mode and key");
    let [signature] = decoded.signatures.as_slice() else {
        panic!("{what}: {} signatures", decoded.signatures.len())
    };
    let signature: [u8; 64] = signature
        .as_slice()
        .try_into()
        .unwrap_or_else(|_| panic!("{what}: signature of {} bytes", signature.len()));
    let sign_bytes = expected.sign_bytes(mode, &key.public_key).unwrap();
    assert!(signing::is_low_s(signature[32..].try_into().unwrap()), "{what}: high-S signature");
    crypto::verify(&key.public_key, &sign_bytes, &signature)
        .unwrap_or_else(|e| panic!("{what}: signature: {e}"));
    let assembled = expected.assemble(mode, key.public_key, signature).unwrap();
    assert!(
        assembled.to_bytes() == raw,
        "{what}: the TxRaw is not the expected transaction's bytes"
    );

    // --output: the same, with the details.
    let j: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let s = |k: &str| {
        j[k].as_str().unwrap_or_else(|| panic!("{what}: --output has no {k:?}: {j}")).to_string()
    };
    assert_eq!(s("tx_raw"), *tx_b64, "{what}");
    assert_eq!(s("mode"), mode.name(), "{what}");
    assert_eq!(s("address"), key.address, "{what}");
    assert_eq!(s("path"), "m/44'/118'/0'/0/0", "{what}");
    assert_eq!(s("public_key"), b64(&key.public_key), "{what}");
    assert_eq!(s("signature"), b64(&signature), "{what}");
    assert_eq!(s("sign_bytes"), b64(&sign_bytes), "{what}");
    let amino: serde_json::Value =
        serde_json::from_slice(&expected.amino_sign_doc().unwrap().to_canonical_bytes()).unwrap();
    assert_eq!(j["tx"], amino, "{what}: --output tx");
}

/// Runs a command that the device must not sign: exit `code`, nothing on stdout, and
/// `stderr_has` on stderr. Returns the run.
fn expect_failure(
    what: &str,
    sim: &Speculos,
    program: &std::path::Path,
    args: &[String],
    decision: Decision,
    code: i32,
    stderr_has: &str,
) -> Run {
    let run = run_quietly(sim, program, args, decision);
    assert_eq!(run.code(), Some(code), "{what}:\n{}", run.describe(args));
    assert!(run.stdout.trim().is_empty(), "{what}: stdout:\n{}", run.describe(args));
    assert!(
        run.stderr.contains(stderr_has),
        "{what}: stderr lacks {stderr_has:?}:\n{}",
        run.describe(args)
    );
    run
}

fn every_subcommand(device: Device) {
    let program = cli::program().unwrap();
    let sim = Speculos::start(device, "cli").unwrap();
    sim.wait_for_home(Duration::from_secs(15)).unwrap();
    let dir = scratch(device);
    let milk = read_key(&sim, "milk", 0, 0);
    let osmo = read_key(&sim, "osmo", 0, 0);
    assert_eq!(milk.public_key, osmo.public_key, "{device}: one key, two prefixes");

    // address, silent: the same address as GET_ADDR, no screen.
    let a = cli::args(&["address"]);
    let run = run_quietly(&sim, &program, &a, Decision::Approve);
    assert_eq!(run.code(), Some(0), "{device}:\n{}", run.describe(&a));
    assert_eq!(run.stdout.trim(), milk.address, "{device}: address");
    assert!(run.flows.is_empty(), "{device}: a silent address opened a review");

    // address --show, another account and index on Celestia: approved on the device.
    let celestia = read_key(&sim, "celestia", 1, 2);
    let out = dir.join("address.json");
    let a = cli::args(&[
        "address",
        "--show",
        "--chain",
        "celestia",
        "--account",
        "1",
        "--index",
        "2",
        "--output",
        out.to_str().unwrap(),
    ]);
    let run = run_quietly(&sim, &program, &a, Decision::Approve);
    assert_eq!(run.code(), Some(0), "{device}:\n{}", run.describe(&a));
    assert_eq!(run.stdout.trim(), celestia.address, "{device}: shown address");
    let [flow] = run.flows.as_slice() else {
        panic!("{device}: {} reviews:\n{}", run.flows.len(), run.describe(&a))
    };
    let shown: String = flow.text().split_whitespace().collect();
    assert!(
        shown.contains(&celestia.address),
        "{device}: the device did not show {}:\n{}",
        celestia.address,
        flow.text()
    );
    let j: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(j["address"], celestia.address.as_str(), "{device}");
    assert_eq!(j["public_key"], b64(&celestia.public_key).as_str(), "{device}");
    assert_eq!(j["path"], "m/44'/118'/1'/0/2", "{device}");
    assert_eq!(j["chain"], "celestia", "{device}");
    assert_ne!(celestia.public_key, milk.public_key, "{device}: account 1 index 2 is another key");

    // sign-message (ADR-036): reviewed as "Review message", its signature JSON checked by
    // verify-message (exit 0), and refused by it once the data is changed (exit 6).
    let sig = dir.join("sig.json");
    let a =
        cli::args(&["sign-message", "log in to app.example", "--output", sig.to_str().unwrap()]);
    let run = run_quietly(&sim, &program, &a, Decision::Approve);
    assert_eq!(run.code(), Some(0), "{device}:\n{}", run.describe(&a));
    let [flow] = run.flows.as_slice() else {
        panic!("{device}: {} reviews:\n{}", run.flows.len(), run.describe(&a))
    };
    assert!(
        flow.contains("Review message") && flow.contains("log in to app.example"),
        "{device}: sign-message review:\n{}",
        flow.text()
    );
    let verify = |file: &std::path::Path| {
        std::process::Command::new(&program)
            .args(["verify-message", file.to_str().unwrap()])
            .output()
            .unwrap()
    };
    let ok = verify(&sig);
    assert_eq!(ok.status.code(), Some(0), "{device}: {ok:?}");
    assert!(String::from_utf8_lossy(&ok.stdout).contains(&milk.address), "{device}: {ok:?}");
    let j: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sig).unwrap()).unwrap();
    assert_eq!(j["signer"], milk.address.as_str(), "{device}");
    assert_eq!(j["pub_key"]["value"], b64(&milk.public_key).as_str(), "{device}");
    let tampered = dir.join("sig-tampered.json");
    let changed = std::fs::read_to_string(&sig)
        .unwrap()
        .replace(j["data"].as_str().unwrap(), &b64(b"log in to evil.example"));
    std::fs::write(&tampered, changed).unwrap();
    assert_eq!(verify(&tampered).status.code(), Some(6), "{device}: a changed message verified");

    // address --show, rejected: exit 4.
    expect_failure(
        &format!("{device} address rejected"),
        &sim,
        &program,
        &cli::args(&["address", "--show"]),
        Decision::Reject,
        4,
        "reject",
    );

    // Every transaction command, signed and checked.
    for (i, case) in cases(&milk.address, &osmo.address).iter().enumerate() {
        let mode = mode_for(device, i);
        let what = format!("{device} {} ({})", case.name, mode.name());
        let key = if case.hrp == "osmo" { &osmo } else { &milk };
        let mut args = case.args.clone();
        args.extend(cli::args(&["--mode", mode_arg(mode)]));
        let mut preview = args.clone();
        preview.extend(cli::args(&["--preview", "--address", &key.address]));
        sign_and_check(
            &what,
            &sim,
            &program,
            &dir,
            &args,
            &preview,
            mode,
            key,
            &case.expected,
            &case.facts,
        );
    }

    // SIGN_MODE_TEXTUAL: `--sign-mode textual`; the device shows exactly the pages
    // `--preview --mode textual` prints with the device's key (its expert screens and the
    // signer's own address included: a textual document shows everything it signs).
    {
        let what = format!("{device} restake operator (textual)");
        let args = words(
            "restake operator 3 10.5MILK --fee 5000umilk --account-number 12 --sequence 30 --sign-mode textual",
        );
        let hex_key: String = milk.public_key.iter().map(|b| format!("{b:02x}")).collect();
        let mut preview_args = args.clone();
        preview_args.extend(cli::args(&[
            "--preview",
            "--address",
            &milk.address,
            "--public-key",
            &hex_key,
        ]));
        let preview = cli::run_offline(&program, &preview_args).unwrap();
        assert_eq!(
            preview.code(),
            Some(0),
            "{what}: preview:\n{}",
            preview.describe(&preview_args)
        );
        let screens =
            cli::preview_screens(&preview.stdout).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert!(
            screens.iter().any(|(l, v)| l == ">> Amount" && v == "10.5 MILK"),
            "{what}: {screens:?}"
        );
        let run = run_quietly(&sim, &program, &args, Decision::Approve);
        assert_eq!(run.code(), Some(0), "{what}:\n{}", run.describe(&args));
        let [flow] = run.flows.as_slice() else {
            panic!("{what}: {} reviews opened:\n{}", run.flows.len(), run.describe(&args))
        };
        let pages: Vec<(String, String)> = screens
            .iter()
            .map(|(l, v)| {
                if device.is_nano() && l.len() > 20 {
                    (String::new(), v.clone())
                } else {
                    (l.clone(), v.clone())
                }
            })
            .collect();
        signing::review_shows(flow, &pages).unwrap_or_else(|e| panic!("{what}: {e}"));
        signing::check_ends(&sim, flow, "Transaction signed")
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        let expected = TxBuilder::new("milkyway")
            .msg(restaking::MsgDelegateOperator {
                delegator: milk.address.clone(),
                operator_id: 3,
                amount: vec![coin("10500000", "umilk")],
            })
            .fee(vec![coin("5000", "umilk")], 200_000)
            .account_number(12)
            .sequence(30)
            .build()
            .unwrap();
        let raw = b64_decode(run.stdout.trim());
        let decoded = DecodedTx::decode(&raw).unwrap_or_else(|e| panic!("{what}: TxRaw: {e}"));
        assert_eq!(
            (decoded.mode, decoded.public_key),
            (SignMode::Textual, milk.public_key),
            "{what}"
        );
        assert_eq!(decoded.msgs, expected.msgs, "{what}");
        let signature: [u8; 64] = decoded.signatures[0].as_slice().try_into().unwrap();
        let sign_bytes = expected.sign_bytes(SignMode::Textual, &milk.public_key).unwrap();
        crypto::verify(&milk.public_key, &sign_bytes, &signature)
            .unwrap_or_else(|e| panic!("{what}: signature over the textual CBOR: {e}"));
        assert!(
            expected.assemble(SignMode::Textual, milk.public_key, signature).unwrap().to_bytes()
                == raw,
            "{what}: TxRaw"
        );
    }

    // sign FILE and preview FILE: a hand-written amino StdSignDoc with two messages.
    let file = dir.join("tx.json");
    std::fs::write(
        &file,
        format!(
            r#"{{"account_number":"12","chain_id":"milkyway","fee":{{"amount":[{{"amount":"7000","denom":"umilk"}}],"gas":"300000"}},"memo":"from a file","msgs":[{{"type":"milkyway/MsgDelegateOperator","value":{{"amount":[{{"amount":"3000000","denom":"umilk"}}],"delegator":"{me}","operator_id":4}}}},{{"type":"milkyway/MsgWithdrawDelegatorReward","value":{{"delegation_target_id":4,"delegation_type":2,"delegator_address":"{me}"}}}}],"sequence":"19"}}"#,
            me = milk.address
        ),
    )
    .unwrap();
    let mut from_file = case(
        &MILKYWAY,
        "sign FILE",
        "",
        19,
        vec![
            restaking::MsgDelegateOperator {
                delegator: milk.address.clone(),
                operator_id: 4,
                amount: vec![coin("3000000", "umilk")],
            }
            .into(),
            rewards::MsgWithdrawDelegatorReward {
                delegator_address: milk.address.clone(),
                delegation_type: 2,
                delegation_target_id: 4,
            }
            .into(),
        ],
        &["3 MILK", "from a file", "0.007 MILK"],
    );
    from_file.expected.fee.amount = vec![coin("7000", "umilk")];
    from_file.expected.fee.gas_limit = 300_000;
    from_file.expected.memo = "from a file".into();
    for (j, mode) in [SignMode::AminoJson, SignMode::Direct].into_iter().enumerate() {
        // One mode per device is enough, both across the devices.
        if j != Device::ALL.iter().position(|d| *d == device).unwrap_or(0) % 2 {
            continue;
        }
        let what = format!("{device} sign FILE ({})", mode.name());
        let path = file.to_str().unwrap();
        let args = cli::args(&["sign", path, "--mode", mode_arg(mode)]);
        let preview = cli::args(&["preview", path, "--mode", mode_arg(mode)]);
        sign_and_check(
            &what,
            &sim,
            &program,
            &dir,
            &args,
            &preview,
            mode,
            &milk,
            &from_file.expected,
            &from_file.facts,
        );
    }

    // Rejected on the device: exit 4. Refused by the device (a chain id the app does not
    // know, without expert mode): exit 5 with the device's reason.
    let base = words("vote 7 no --account-number 12 --sequence 20 --fee 5000umilk");
    expect_failure(
        &format!("{device} vote rejected"),
        &sim,
        &program,
        &base,
        Decision::Reject,
        4,
        "reject",
    );
    let refused = [base.clone(), words("--chain-id milkyway-devnet-9")].concat();
    let run = expect_failure(
        &format!("{device} unknown chain"),
        &sim,
        &program,
        &refused,
        Decision::Approve,
        5,
        "transaction refused: Chain id does not match the address prefix",
    );
    assert!(run.flows.is_empty(), "{device}: a refused transaction opened a review");
    // 33 messages (past the old limit of 32): no message cap, the review opens; rejected.
    let mut many = words("claim-rewards --account-number 12 --sequence 20 --fee 5000umilk");
    for pool in 1..=33 {
        many.extend(cli::args(&["--pool", &pool.to_string()]));
    }
    let run = expect_failure(
        &format!("{device} 33 messages"),
        &sim,
        &program,
        &many,
        Decision::Reject,
        4,
        "reject",
    );
    assert!(!run.flows.is_empty(), "{device}: 33 messages opened no review");

    let _ = std::fs::remove_dir_all(&dir);
}

milkyway_e2e::on_every_device!(every_subcommand);
