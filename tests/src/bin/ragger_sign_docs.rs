//! Writes the sign documents of the Ragger suite (tests/standalone/) as JSON on stdout:
//! real MilkyWay transactions built with the host crate's builders (the CLI's
//! `cli::build`), in SIGN_MODE_DIRECT and Amino JSON, for the signer whose compressed
//! public key is given (44'/118'/0'/0/0 of the suite's seed). They are the transactions of
//! the Rust harness' `device_sign` tests of the same names, so both suites' reviews are
//! the same screens (and share golden snapshots).
//!
//!   ragger_sign_docs <compressed public key, 66 hex digits>
//!
//! tests/standalone/make_sign_docs.py runs it and writes tests/standalone/data/sign_docs.json.

use std::process::ExitCode;

use milkyway_e2e::signing;
use milkyway_ledger::cli::build::{self, GovVersion, LiquidStakeOpts, VoteChoice};
use milkyway_ledger::crypto;
use milkyway_ledger::denoms::{self, MILKYWAY, OSMOSIS};
use milkyway_ledger::msgs::{coin, Msg};
use milkyway_ledger::tx::{SignMode, Tx, TxBuilder};
use serde_json::{json, Value};

fn milky(msgs: Vec<Msg>, memo: &str, account: u64, sequence: u64) -> Result<Tx, String> {
    TxBuilder::new(MILKYWAY.chain_id)
        .msgs(msgs)
        .memo(memo)
        .fee(vec![coin("5000", "umilk")], 250_000)
        .account_number(account)
        .sequence(sequence)
        .build()
        .map_err(|e| e.to_string())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn parse_key(arg: &str) -> Result<[u8; 33], String> {
    let digits = arg.as_bytes();
    if digits.len() != 66 {
        return Err(format!("the public key must be 66 hex digits, got {}", digits.len()));
    }
    let mut key = [0u8; 33];
    for (i, pair) in digits.chunks(2).enumerate() {
        let s = std::str::from_utf8(pair).map_err(|e| e.to_string())?;
        key[i] = u8::from_str_radix(s, 16).map_err(|_| format!("not hex: {s}"))?;
    }
    crypto::check_public_key(&key).map_err(|e| e.to_string())?;
    Ok(key)
}

fn docs(key: &[u8; 33]) -> Result<Value, String> {
    let e = |e: &dyn std::fmt::Display| e.to_string();
    let milk = crypto::address(key, "milk").map_err(|x| e(&x))?;
    let osmo = crypto::address(key, "osmo").map_err(|x| e(&x))?;
    let milk_tia = denoms::liquid_staking("milkTIA").map_err(|x| e(&x))?;

    // (name, address prefix of the request, transaction)
    let txs: Vec<(&str, &str, Tx)> = vec![
        (
            "sign_restake",
            "milk",
            milky(
                vec![build::restake(&MILKYWAY, &milk, "operator", Some(3), "10.5MILK")
                    .map_err(|x| e(&x))?],
                "restake via Ledger",
                12,
                3,
            )?,
        ),
        (
            "sign_trust_services",
            "milk",
            milky(
                vec![build::trust_services(&milk, &["2:1,3".to_string(), "5".to_string()], false)
                    .map_err(|x| e(&x))?],
                "",
                12,
                5,
            )?,
        ),
        (
            "sign_liquid_stake",
            "osmo",
            TxBuilder::new(OSMOSIS.chain_id)
                .msg(
                    build::liquid_stake(
                        &milk_tia,
                        &osmo,
                        "1.5TIA",
                        &LiquidStakeOpts { mint_to: Some(milk.clone()), ..Default::default() },
                    )
                    .map_err(|x| e(&x))?,
                )
                .fee(vec![coin("2500", "uosmo")], 400_000)
                .account_number(41)
                .sequence(0)
                .build()
                .map_err(|x| e(&x))?,
        ),
        (
            "sign_vote",
            "milk",
            milky(
                vec![build::vote(&milk, 42, Some(VoteChoice::Yes), None, GovVersion::V1, "")
                    .map_err(|x| e(&x))?],
                "",
                12,
                8,
            )?,
        ),
        // Rejected on the device (the Rust harness' sign_reject: a restake to the pool).
        (
            "sign_reject",
            "milk",
            TxBuilder::new(MILKYWAY.chain_id)
                .msg(build::restake(&MILKYWAY, &milk, "pool", None, "7MILK").map_err(|x| e(&x))?)
                .fee(vec![coin("5000", "umilk")], 200_000)
                .account_number(12)
                .sequence(13)
                .build()
                .map_err(|x| e(&x))?,
        ),
    ];

    let mut out = serde_json::Map::new();
    out.insert("public_key".into(), json!(hex(key)));
    for (name, hrp, tx) in &txs {
        for (mode, suffix, p2) in [(SignMode::Direct, "", 2), (SignMode::AminoJson, "_amino", 0)] {
            let bytes = tx.sign_bytes(mode, key).map_err(|x| e(&x))?;
            out.insert(
                format!("{name}{suffix}"),
                json!({"hrp": hrp, "p2": p2, "sign_bytes": hex(&bytes)}),
            );
        }
    }

    // Blind signing: a MsgSend with `/cosmos.bank.v1beta1.MsgMultiSend` in front (a real
    // Cosmos message the app does not clear-sign), as the harness' sign_blind.
    let send = TxBuilder::new(MILKYWAY.chain_id)
        .msg(build::send(&MILKYWAY, &milk, &milk, "1MILK").map_err(|x| e(&x))?)
        .fee(vec![coin("5000", "umilk")], 200_000)
        .account_number(12)
        .sequence(20)
        .build()
        .map_err(|x| e(&x))?;
    let (value, amino) = signing::multi_send(&milk, &milk, "1000000", "umilk");
    let direct =
        signing::direct_sign_doc_with(&send, key, &[("/cosmos.bank.v1beta1.MsgMultiSend", value)]);
    let amino_doc = signing::amino_sign_doc_with(&send, &[amino]).map_err(|x| e(&x))?;
    out.insert("sign_blind".into(), json!({"hrp": "milk", "p2": 2, "sign_bytes": hex(&direct)}));
    out.insert(
        "sign_blind_amino".into(),
        json!({"hrp": "milk", "p2": 0, "sign_bytes": hex(&amino_doc)}),
    );
    Ok(Value::Object(out))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [key] = args.as_slice() else {
        eprintln!("usage: ragger_sign_docs <compressed public key, 66 hex digits>");
        return ExitCode::from(2);
    };
    match parse_key(key).and_then(|k| docs(&k)) {
        Ok(v) => match serde_json::to_string_pretty(&v) {
            Ok(s) => {
                println!("{s}");
                ExitCode::SUCCESS
            }
            Err(err) => {
                eprintln!("ragger_sign_docs: {err}");
                ExitCode::FAILURE
            }
        },
        Err(err) => {
            eprintln!("ragger_sign_docs: {err}");
            ExitCode::FAILURE
        }
    }
}
