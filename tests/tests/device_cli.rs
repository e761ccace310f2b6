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
//! rejected on the device, 5 with the device's reason when the device refuses.
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
use milkyway_ledger::tx::{DecodedTx, SignMode, SignedTx, Tx, TxBuilder};

/// The signer: the test seed's key at m/44'/118'/0'/0/0 under one prefix.
#[derive(Clone)]
struct Key {
    public_key: [u8; 33],
    address: String,
}

/// Reads the key of `account`/`index` under `hrp` with a raw, silent GET_ADDR.
fn read_key(sim: &Speculos, hrp: &str, account: u32, index: u32) -> Key {
    let reply = sim
        .exchange(&app::get_addr_apdu(hrp, account, index, false))
        .unwrap();
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

#[allow(clippy::too_many_arguments)]
fn tx(
    chain_id: &str,
    msgs: Vec<Msg>,
    fee: Vec<Coin>,
    gas: u64,
    memo: &str,
    account: u64,
    sequence: u64,
    timeout: u64,
) -> Tx {
    TxBuilder::new(chain_id)
        .msgs(msgs)
        .fee(fee, gas)
        .memo(memo)
        .account_number(account)
        .sequence(sequence)
        .timeout_height(timeout)
        .build()
        .unwrap()
}

fn strings(a: &[&str]) -> Vec<String> {
    cli::args(a)
}

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
fn cases(milk: &str, osmo: &str) -> Vec<Case> {
    let umilk = |n: &str| coin(n, "umilk");
    let fee = || vec![umilk("5000")];
    let granter = crypto::bech32_encode("milk", &[0x47; 20]).unwrap();
    let friend = crypto::bech32_encode("milk", &[0x11; 20]).unwrap();
    let osmo_friend = crypto::bech32_encode("osmo", &[0x22; 20]).unwrap();
    let validator = crypto::bech32_encode("milkvaloper", &[0x33; 20]).unwrap();
    let mut v = vec![
        Case {
            name: "restake pool",
            args: strings(&[
                "restake",
                "pool",
                "10.5milkTIA",
                "--account-number",
                "12",
                "--sequence",
                "3",
                "--fee",
                "5000umilk",
                "--memo",
                "restake via the CLI",
            ]),
            hrp: "milk",
            expected: tx(
                "milkyway",
                vec![restaking::MsgDelegatePool {
                    delegator: milk.into(),
                    amount: Some(coin("10500000", MILKTIA_ON_MILKYWAY)),
                }
                .into()],
                fee(),
                200_000,
                "restake via the CLI",
                12,
                3,
                0,
            ),
            facts: strings(&["10.5 milkTIA", "restake via the CLI", "0.005 MILK"]),
        },
        Case {
            name: "restake operator",
            // Amounts typed out of order come out sorted by denom (the chain requires it).
            args: strings(&[
                "restake",
                "operator",
                "3",
                "2MILK,1.5milkTIA",
                "--account-number",
                "12",
                "--sequence",
                "4",
                "--fee",
                "0.006MILK",
                "--gas",
                "250000",
            ]),
            hrp: "milk",
            expected: tx(
                "milkyway",
                vec![restaking::MsgDelegateOperator {
                    delegator: milk.into(),
                    operator_id: 3,
                    amount: vec![coin("1500000", MILKTIA_ON_MILKYWAY), umilk("2000000")],
                }
                .into()],
                vec![umilk("6000")],
                250_000,
                "",
                12,
                4,
                0,
            ),
            facts: strings(&["1.5 milkTIA", "2 MILK", "0.006 MILK"]),
        },
        Case {
            name: "restake service",
            args: strings(&[
                "restake",
                "service",
                "5",
                "1MILK",
                "--account-number",
                "12",
                "--sequence",
                "5",
                "--fee",
                "5000umilk",
                "--timeout-height",
                "9000000",
            ]),
            hrp: "milk",
            expected: tx(
                "milkyway",
                vec![restaking::MsgDelegateService {
                    delegator: milk.into(),
                    service_id: 5,
                    amount: vec![umilk("1000000")],
                }
                .into()],
                fee(),
                200_000,
                "",
                12,
                5,
                9_000_000,
            ),
            facts: strings(&["1 MILK"]),
        },
        Case {
            name: "unrestake pool",
            args: strings(&[
                "unrestake",
                "pool",
                "1milkTIA",
                "--account-number",
                "12",
                "--sequence",
                "6",
                "--fee",
                "5000umilk",
                "--fee-granter",
                &granter,
            ]),
            hrp: "milk",
            expected: {
                let mut t = tx(
                    "milkyway",
                    vec![restaking::MsgUndelegatePool {
                        delegator: milk.into(),
                        amount: Some(coin("1000000", MILKTIA_ON_MILKYWAY)),
                    }
                    .into()],
                    fee(),
                    200_000,
                    "",
                    12,
                    6,
                    0,
                );
                t.fee.granter = granter.clone();
                t
            },
            facts: strings(&["1 milkTIA"]),
        },
        Case {
            name: "unrestake operator",
            // 64-byte chunks: more APDUs, the same transaction.
            args: strings(&[
                "unrestake",
                "operator",
                "3",
                "0.25MILK",
                "--account-number",
                "12",
                "--sequence",
                "7",
                "--fee",
                "5000umilk",
                "--chunk-size",
                "64",
            ]),
            hrp: "milk",
            expected: tx(
                "milkyway",
                vec![restaking::MsgUndelegateOperator {
                    delegator: milk.into(),
                    operator_id: 3,
                    amount: vec![umilk("250000")],
                }
                .into()],
                fee(),
                200_000,
                "",
                12,
                7,
                0,
            ),
            facts: strings(&["0.25 MILK"]),
        },
        Case {
            name: "unrestake service",
            args: strings(&[
                "unrestake",
                "service",
                "5",
                "3milkTIA",
                "--account-number",
                "12",
                "--sequence",
                "8",
                "--fee",
                "5000umilk",
            ]),
            hrp: "milk",
            expected: tx(
                "milkyway",
                vec![restaking::MsgUndelegateService {
                    delegator: milk.into(),
                    service_id: 5,
                    amount: vec![coin("3000000", MILKTIA_ON_MILKYWAY)],
                }
                .into()],
                fee(),
                200_000,
                "",
                12,
                8,
                0,
            ),
            facts: strings(&["3 milkTIA"]),
        },
        Case {
            name: "trust-services",
            args: strings(&[
                "trust-services",
                "--service",
                "2:1,3",
                "--service",
                "5",
                "--account-number",
                "12",
                "--sequence",
                "9",
                "--fee",
                "5000umilk",
            ]),
            hrp: "milk",
            facts: strings(&["Service #2 with pools #1, #3", "Service #5 with all pools"]),
            expected: tx(
                "milkyway",
                vec![restaking::MsgSetUserPreferences {
                    user: milk.into(),
                    preferences: Some(UserPreferences {
                        trusted_services: vec![
                            TrustedServiceEntry {
                                service_id: 2,
                                pools_ids: vec![1, 3],
                            },
                            TrustedServiceEntry {
                                service_id: 5,
                                pools_ids: vec![],
                            },
                        ],
                    }),
                }
                .into()],
                fee(),
                200_000,
                "",
                12,
                9,
                0,
            ),
        },
        Case {
            name: "join-service",
            args: strings(&[
                "join-service",
                "--operator",
                "12",
                "--service",
                "5",
                "--account-number",
                "12",
                "--sequence",
                "10",
                "--fee",
                "5000umilk",
            ]),
            hrp: "milk",
            expected: tx(
                "milkyway",
                vec![restaking::MsgJoinService {
                    sender: milk.into(),
                    operator_id: 12,
                    service_id: 5,
                }
                .into()],
                fee(),
                200_000,
                "",
                12,
                10,
                0,
            ),
            facts: strings(&["Operator joins service", "Operator #12", "Service #5"]),
        },
        Case {
            name: "leave-service",
            args: strings(&[
                "leave-service",
                "--operator",
                "12",
                "--service",
                "5",
                "--account-number",
                "12",
                "--sequence",
                "11",
                "--fee",
                "5000umilk",
            ]),
            hrp: "milk",
            expected: tx(
                "milkyway",
                vec![restaking::MsgLeaveService {
                    sender: milk.into(),
                    operator_id: 12,
                    service_id: 5,
                }
                .into()],
                fee(),
                200_000,
                "",
                12,
                11,
                0,
            ),
            facts: strings(&["Operator leaves service", "Operator #12", "Service #5"]),
        },
        Case {
            name: "claim-rewards",
            args: strings(&[
                "claim-rewards",
                "--pool",
                "1",
                "--operator",
                "3",
                "--service",
                "5",
                "--operator-commission",
                "12",
                "--account-number",
                "12",
                "--sequence",
                "12",
                "--fee",
                "5000umilk",
                "--gas",
                "400000",
            ]),
            hrp: "milk",
            expected: tx(
                "milkyway",
                vec![
                    rewards::MsgWithdrawDelegatorReward {
                        delegator_address: milk.into(),
                        delegation_type: 1,
                        delegation_target_id: 1,
                    }
                    .into(),
                    rewards::MsgWithdrawDelegatorReward {
                        delegator_address: milk.into(),
                        delegation_type: 2,
                        delegation_target_id: 3,
                    }
                    .into(),
                    rewards::MsgWithdrawDelegatorReward {
                        delegator_address: milk.into(),
                        delegation_type: 3,
                        delegation_target_id: 5,
                    }
                    .into(),
                    rewards::MsgWithdrawOperatorCommission {
                        sender: milk.into(),
                        operator_id: 12,
                    }
                    .into(),
                ],
                fee(),
                400_000,
                "",
                12,
                12,
                0,
            ),
            facts: strings(&[
                "Pool #1",
                "Operator #3",
                "Service #5",
                "Claim operator commission",
                "Operator #12",
            ]),
        },
        Case {
            name: "liquid-stake milkTIA",
            // On Osmosis: the chain comes from the LST.
            args: strings(&[
                "liquid-stake",
                "10.5TIA",
                "--lst",
                "milkTIA",
                "--account-number",
                "401",
                "--sequence",
                "2",
                "--fee",
                "3000uosmo",
            ]),
            hrp: "osmo",
            expected: tx(
                "osmosis-1",
                vec![execute(
                    osmo,
                    MILKTIA_CONTRACT,
                    r#"{"liquid_stake":{}}"#,
                    vec![coin("10500000", TIA_ON_OSMOSIS)],
                )],
                vec![coin("3000", "uosmo")],
                200_000,
                "",
                401,
                2,
                0,
            ),
            facts: strings(&["10.5 TIA", "0.003 OSMO"]),
        },
        Case {
            name: "liquid-stake milkBABY",
            args: strings(&[
                "liquid-stake",
                "2BABY",
                "--lst",
                "milkBABY",
                "--expected-mint",
                "1.9milkBABY",
                "--account-number",
                "12",
                "--sequence",
                "13",
                "--fee",
                "5000umilk",
            ]),
            hrp: "milk",
            expected: tx(
                "milkyway",
                vec![execute(
                    milk,
                    MILKBABY_CONTRACT,
                    r#"{"liquid_stake":{"expected_mint_amount":"1900000"}}"#,
                    vec![coin("2000000", BABY_ON_MILKYWAY)],
                )],
                fee(),
                200_000,
                "",
                12,
                13,
                0,
            ),
            facts: strings(&["2 BABY", "1.9 milkBABY"]),
        },
        Case {
            name: "liquid-unstake",
            args: strings(&[
                "liquid-unstake",
                "5milkTIA",
                "--lst",
                "milkTIA",
                "--account-number",
                "401",
                "--sequence",
                "3",
                "--fee",
                "3000uosmo",
            ]),
            hrp: "osmo",
            expected: tx(
                "osmosis-1",
                vec![execute(
                    osmo,
                    MILKTIA_CONTRACT,
                    r#"{"liquid_unstake":{}}"#,
                    vec![coin("5000000", MILKTIA_ON_OSMOSIS)],
                )],
                vec![coin("3000", "uosmo")],
                200_000,
                "",
                401,
                3,
                0,
            ),
            facts: strings(&["5 milkTIA"]),
        },
        Case {
            name: "claim-unstaked",
            args: strings(&[
                "claim-unstaked",
                "--batch-id",
                "42",
                "--lst",
                "milkTIA",
                "--account-number",
                "401",
                "--sequence",
                "4",
                "--fee",
                "3000uosmo",
            ]),
            hrp: "osmo",
            expected: tx(
                "osmosis-1",
                vec![execute(
                    osmo,
                    MILKTIA_CONTRACT,
                    r#"{"withdraw":{"batch_id":42}}"#,
                    vec![],
                )],
                vec![coin("3000", "uosmo")],
                200_000,
                "",
                401,
                4,
                0,
            ),
            facts: strings(&["#42"]),
        },
        Case {
            name: "vote",
            args: strings(&[
                "vote",
                "7",
                "yes",
                "--account-number",
                "12",
                "--sequence",
                "14",
                "--fee",
                "5000umilk",
            ]),
            hrp: "milk",
            expected: tx(
                "milkyway",
                vec![gov_v1::MsgVote {
                    proposal_id: 7,
                    voter: milk.into(),
                    option: 1,
                    metadata: String::new(),
                }
                .into()],
                fee(),
                200_000,
                "",
                12,
                14,
                0,
            ),
            facts: strings(&["#7", "Yes"]),
        },
        Case {
            name: "vote weighted",
            // gov v1beta1: the weights are LegacyDecs (×10¹⁸ on the wire).
            args: strings(&[
                "vote",
                "7",
                "--weighted",
                "yes=0.6,no=0.4",
                "--gov",
                "v1beta1",
                "--account-number",
                "12",
                "--sequence",
                "15",
                "--fee",
                "5000umilk",
            ]),
            hrp: "milk",
            expected: tx(
                "milkyway",
                vec![gov_v1beta1::MsgVoteWeighted {
                    proposal_id: 7,
                    voter: milk.into(),
                    options: vec![
                        gov_v1beta1::WeightedVoteOption {
                            option: 1,
                            weight: "600000000000000000".into(),
                        },
                        gov_v1beta1::WeightedVoteOption {
                            option: 3,
                            weight: "400000000000000000".into(),
                        },
                    ],
                }
                .into()],
                fee(),
                200_000,
                "",
                12,
                15,
                0,
            ),
            facts: strings(&["Yes 60%", "No 40%"]),
        },
        Case {
            name: "send",
            args: strings(&[
                "send",
                &friend,
                "2.5MILK",
                "--account-number",
                "12",
                "--sequence",
                "16",
                "--fee",
                "5000umilk",
                "--memo",
                "rent",
            ]),
            hrp: "milk",
            expected: tx(
                "milkyway",
                vec![cosmos::MsgSend {
                    from_address: milk.into(),
                    to_address: friend.clone(),
                    amount: vec![umilk("2500000")],
                }
                .into()],
                fee(),
                200_000,
                "rent",
                12,
                16,
                0,
            ),
            facts: strings(&["2.5 MILK", "rent"]),
        },
        Case {
            name: "ibc-transfer",
            args: strings(&[
                "ibc-transfer",
                &osmo_friend,
                "1milkTIA",
                "--channel",
                "channel-0",
                "--timeout-minutes",
                "0",
                "--ibc-timeout-height",
                "1-500000",
                "--account-number",
                "12",
                "--sequence",
                "17",
                "--fee",
                "5000umilk",
            ]),
            hrp: "milk",
            expected: tx(
                "milkyway",
                vec![ibc::MsgTransfer {
                    source_port: "transfer".into(),
                    source_channel: "channel-0".into(),
                    token: Some(coin("1000000", MILKTIA_ON_MILKYWAY)),
                    sender: milk.into(),
                    receiver: osmo_friend.clone(),
                    timeout_height: Some(ibc::Height {
                        revision_number: 1,
                        revision_height: 500_000,
                    }),
                    timeout_timestamp: 0,
                    memo: String::new(),
                }
                .into()],
                fee(),
                200_000,
                "",
                12,
                17,
                0,
            ),
            facts: strings(&["1 milkTIA", "channel-0"]),
        },
        Case {
            name: "delegate",
            args: strings(&[
                "delegate",
                &validator,
                "100MILK",
                "--account-number",
                "12",
                "--sequence",
                "18",
                "--fee",
                "5000umilk",
            ]),
            hrp: "milk",
            expected: tx(
                "milkyway",
                vec![cosmos::MsgDelegate {
                    delegator_address: milk.into(),
                    validator_address: validator.clone(),
                    amount: Some(umilk("100000000")),
                }
                .into()],
                fee(),
                200_000,
                "",
                12,
                18,
                0,
            ),
            facts: strings(&["100 MILK"]),
        },
    ];
    // The facts name the addresses the test wrote itself, too.
    for c in &mut v {
        match c.name {
            "send" => c.facts.push(friend.clone()),
            "ibc-transfer" => c.facts.push(osmo_friend.clone()),
            "delegate" => c.facts.push(validator.clone()),
            _ => {}
        }
    }
    v
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

/// The review `flow` is a clear-signing review of `screens` (the CLI's preview), without
/// `own_address`, ending with "Transaction signed" and home; and shows each of `facts`:
/// a short one (amounts, ids; at most 36 characters) as it is on some page; a long one (an address, which the
/// devices wrap or split into pages) whole among the preview's values and by its first
/// 16 characters on some page.
fn check_review(
    what: &str,
    sim: &Speculos,
    flow: &Flow,
    screens: &[(String, String)],
    facts: &[String],
    own_address: &str,
) {
    signing::review_shows(flow, screens).unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(
        !flow.contains(own_address),
        "{what}: the review shows the signer's own address:\n{}",
        flow.text()
    );
    assert!(
        flow.shots[0].screen.contains("Review transaction"),
        "{what}:\n{}",
        flow.text()
    );
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
    let n = flow.shots.len();
    assert!(
        n >= 2
            && flow.shots[n - 2].screen.contains("Transaction signed")
            && sim.is_home(&flow.shots[n - 1].screen),
        "{what}: the review does not end with \"Transaction signed\" and home:\n{}",
        flow.text()
    );
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
    assert_eq!(
        preview.code(),
        Some(0),
        "{what}: preview:\n{}",
        preview.describe(preview_args)
    );
    let screens = cli::preview_screens(&preview.stdout).unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(!screens.is_empty(), "{what}: the preview printed no screen");

    let out = dir.join(format!("{}.json", what.replace(' ', "_")));
    let mut full: Vec<String> = args.to_vec();
    full.extend(cli::args(&["--output", out.to_str().unwrap()]));
    let run = cli::run_on_device(
        sim,
        program,
        &full,
        Decision::Approve,
        Capture::Text,
        Echo::Quiet,
        |_| {},
    )
    .unwrap();
    let explain = || run.describe(&full);
    assert_eq!(run.code(), Some(0), "{what}:\n{}", explain());
    assert!(
        run.stderr
            .contains("Confirm the transaction on your Ledger"),
        "{what}: no prompt on stderr:\n{}",
        explain()
    );
    let [flow] = run.flows.as_slice() else {
        panic!("{what}: {} reviews opened:\n{}", run.flows.len(), explain())
    };
    check_review(what, sim, flow, &screens, facts, &key.address);

    // stdout: the TxRaw, alone.
    let lines: Vec<&str> = run.stdout.lines().collect();
    let [tx_b64] = lines.as_slice() else {
        panic!("{what}: stdout is not one line:\n{}", explain())
    };
    let raw = b64_decode(tx_b64);
    let decoded = DecodedTx::decode(&raw).unwrap_or_else(|e| panic!("{what}: TxRaw: {e}"));
    assert_eq!(decoded.msgs, expected.msgs, "{what}: messages");
    assert_eq!(
        (
            &decoded.memo,
            decoded.timeout_height,
            &decoded.fee,
            decoded.sequence
        ),
        (
            &expected.memo,
            expected.timeout_height,
            &expected.fee,
            expected.sequence
        ),
        "{what}: memo, timeout height, fee, sequence"
    );
    assert_eq!(
        (decoded.mode, decoded.public_key),
        (mode, key.public_key),
        "{what}: mode and key"
    );
    let [signature] = decoded.signatures.as_slice() else {
        panic!("{what}: {} signatures", decoded.signatures.len())
    };
    let signature: [u8; 64] = signature
        .as_slice()
        .try_into()
        .unwrap_or_else(|_| panic!("{what}: signature of {} bytes", signature.len()));
    let sign_bytes = expected.sign_bytes(mode, &key.public_key).unwrap();
    assert!(
        signing::is_low_s(signature[32..].try_into().unwrap()),
        "{what}: high-S signature"
    );
    crypto::verify(&key.public_key, &sign_bytes, &signature)
        .unwrap_or_else(|e| panic!("{what}: signature: {e}"));
    let assembled = SignedTx::assemble(expected.clone(), mode, key.public_key, signature).unwrap();
    assert!(
        assembled.to_bytes() == raw,
        "{what}: the TxRaw is not the expected transaction's bytes"
    );

    // --output: the same, with the details.
    let j: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let s = |k: &str| {
        j[k].as_str()
            .unwrap_or_else(|| panic!("{what}: --output has no {k:?}: {j}"))
            .to_string()
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
    let run = cli::run_on_device(
        sim,
        program,
        args,
        decision,
        Capture::Text,
        Echo::Quiet,
        |_| {},
    )
    .unwrap();
    assert_eq!(run.code(), Some(code), "{what}:\n{}", run.describe(args));
    assert!(
        run.stdout.trim().is_empty(),
        "{what}: stdout:\n{}",
        run.describe(args)
    );
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
    assert_eq!(
        milk.public_key, osmo.public_key,
        "{device}: one key, two prefixes"
    );

    // address, silent: the same address as GET_ADDR, no screen.
    let a = cli::args(&["address"]);
    let run = cli::run_on_device(
        &sim,
        &program,
        &a,
        Decision::Approve,
        Capture::Text,
        Echo::Quiet,
        |_| {},
    )
    .unwrap();
    assert_eq!(run.code(), Some(0), "{device}:\n{}", run.describe(&a));
    assert_eq!(run.stdout.trim(), milk.address, "{device}: address");
    assert!(
        run.flows.is_empty(),
        "{device}: a silent address opened a review"
    );

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
    let run = cli::run_on_device(
        &sim,
        &program,
        &a,
        Decision::Approve,
        Capture::Text,
        Echo::Quiet,
        |_| {},
    )
    .unwrap();
    assert_eq!(run.code(), Some(0), "{device}:\n{}", run.describe(&a));
    assert_eq!(
        run.stdout.trim(),
        celestia.address,
        "{device}: shown address"
    );
    let [flow] = run.flows.as_slice() else {
        panic!(
            "{device}: {} reviews:\n{}",
            run.flows.len(),
            run.describe(&a)
        )
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
    assert_eq!(
        j["public_key"],
        b64(&celestia.public_key).as_str(),
        "{device}"
    );
    assert_eq!(j["path"], "m/44'/118'/1'/0/2", "{device}");
    assert_eq!(j["chain"], "celestia", "{device}");
    assert_ne!(
        celestia.public_key, milk.public_key,
        "{device}: account 1 index 2 is another key"
    );

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
    let expected = tx(
        "milkyway",
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
        vec![coin("7000", "umilk")],
        300_000,
        "from a file",
        12,
        19,
        0,
    );
    for (j, mode) in [SignMode::AminoJson, SignMode::Direct]
        .into_iter()
        .enumerate()
    {
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
            &expected,
            &strings(&["3 MILK", "from a file", "0.007 MILK"]),
        );
    }

    // Rejected on the device: exit 4. Refused by the device (a chain id the app does not
    // know, without expert mode): exit 5 with the device's reason.
    let base = [
        "vote",
        "7",
        "no",
        "--account-number",
        "12",
        "--sequence",
        "20",
        "--fee",
        "5000umilk",
    ];
    expect_failure(
        &format!("{device} vote rejected"),
        &sim,
        &program,
        &cli::args(&base),
        Decision::Reject,
        4,
        "reject",
    );
    let mut refused = cli::args(&base);
    refused.extend(cli::args(&["--chain-id", "milkyway-devnet-9"]));
    let run = expect_failure(
        &format!("{device} unknown chain"),
        &sim,
        &program,
        &refused,
        Decision::Approve,
        5,
        "transaction refused: Chain id does not match the address prefix",
    );
    assert!(
        run.flows.is_empty(),
        "{device}: a refused transaction opened a review"
    );
    // 33 messages: past the app's limit of 32, refused with its reason (0x6984).
    let mut too_many = cli::args(&[
        "claim-rewards",
        "--account-number",
        "12",
        "--sequence",
        "20",
        "--fee",
        "5000umilk",
    ]);
    for pool in 1..=33 {
        too_many.extend(cli::args(&["--pool", &pool.to_string()]));
    }
    let run = expect_failure(
        &format!("{device} 33 messages"),
        &sim,
        &program,
        &too_many,
        Decision::Approve,
        5,
        "transaction refused: Too many messages",
    );
    assert!(
        run.flows.is_empty(),
        "{device}: a refused transaction opened a review"
    );

    let _ = std::fs::remove_dir_all(&dir);
}

mod nanosp {
    #[test]
    fn every_subcommand() {
        super::every_subcommand(milkyway_e2e::Device::NanoSPlus)
    }
}
mod nanox {
    #[test]
    fn every_subcommand() {
        super::every_subcommand(milkyway_e2e::Device::NanoX)
    }
}
mod stax {
    #[test]
    fn every_subcommand() {
        super::every_subcommand(milkyway_e2e::Device::Stax)
    }
}
mod flex {
    #[test]
    fn every_subcommand() {
        super::every_subcommand(milkyway_e2e::Device::Flex)
    }
}
mod apex_p {
    #[test]
    fn every_subcommand() {
        super::every_subcommand(milkyway_e2e::Device::ApexP)
    }
}
