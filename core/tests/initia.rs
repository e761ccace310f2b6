//! MilkyWay's Initia rollup `moo-1`: the milkINIT staking contract (recognised there
//! only), and the two keys its `init` addresses come from: the Cosmos key (44'/118') and
//! Initia's Ethereum-style key (44'/60', `ethsecp256k1`), with the rules the session
//! applies to the second one, asserted on the SIGN flow the device runs.

mod common;
use common::*;
use milkyway_core::apdu::{KeyKind, StatusWord, COIN_TYPE, COIN_TYPE_ETH};
use milkyway_core::session::{
    Policy, Refusal, CHAIN_PREFIX_MISMATCH, ETH_KEY_CLEAR_ONLY, ETH_KEY_INIT_ONLY,
    SIGNER_KEY_MISMATCH, UNKNOWN_CHAIN,
};
use milkyway_core::sign_flow::Answer;
use milkyway_core::{Error, Options, SignMode};

const MILKINIT_CONTRACT: &str = "init17p9rzwnnfxcjp32un9ug7yhhzgtkhvl9jfksztgw5uh69wac2pgsj6uxxj";
const INIT: &str = "ibc/37A3FB4FED4CA04ED6D9E5DA36C6D27248645F0E22F585576A1488B8A89C5A50";
const MILKINIT: &str =
    "factory/init17p9rzwnnfxcjp32un9ug7yhhzgtkhvl9jfksztgw5uh69wac2pgsj6uxxj/umilkINIT";
/// The signer: an `init1…` address (20 bytes, any key kind).
const ME_INIT: &str = "init1lsagfzrm4gz28he4wunt63sts5xzmczwjf8ym6";
const ETH_PUBKEY_URL: &str = "/initia.crypto.v1beta1.ethsecp256k1.PubKey";
const COSMOS_PUBKEY_URL: &str = "/cosmos.crypto.secp256k1.PubKey";

fn execute(contract: &str, msg_json: &str, funds: &[(&str, &str)]) -> (Vec<u8>, String) {
    let mut proto = cat(&[fs(1, ME_INIT), fs(2, contract), fb(3, msg_json.as_bytes())]);
    for (d, a) in funds {
        proto.extend(fb(5, &coin(d, a)));
    }
    let funds_json: Vec<String> =
        funds.iter().map(|(d, a)| format!(r#"{{"amount":"{a}","denom":"{d}"}}"#)).collect();
    let amino = format!(
        r#"{{"type":"wasm/MsgExecuteContract","value":{{"contract":"{contract}","funds":[{}],"msg":{msg_json},"sender":"{ME_INIT}"}}}}"#,
        funds_json.join(",")
    );
    (any("/cosmwasm.wasm.v1.MsgExecuteContract", &proto), amino)
}

/// A DIRECT sign doc on `chain` whose signer's public key has type URL `pubkey_url`.
fn direct_on(msg: &[u8], chain: &str, pubkey_url: &str) -> Vec<u8> {
    let body = fb(1, msg);
    let pk = any(pubkey_url, &fb(1, &PUBKEY));
    let signer = cat(&[fb(1, &pk), fb(2, &fb(1, &fv(1, 1))), fv(3, 3)]);
    let fee = cat(&[fb(1, &coin(INIT, "30000")), fv(2, 200000)]);
    let auth = cat(&[fb(1, &signer), fb(2, &fee)]);
    cat(&[fb(1, &body), fb(2, &auth), fs(3, chain), fv(4, 7)])
}

fn amino_on(msg: &str, chain: &str) -> String {
    format!(
        r#"{{"account_number":"7","chain_id":"{chain}","fee":{{"amount":[{{"amount":"30000","denom":"{INIT}"}}],"gas":"200000"}},"memo":"","msgs":[{msg}],"sequence":"3"}}"#
    )
}

fn shown(bytes: &[u8], mode: SignMode) -> Result<Vec<String>, Error> {
    screens_opts(bytes, mode, &Options { expert: false, own_address: Some(ME_INIT) })
}

/// Both modes, on `moo-1`, show `expected` then the fee and chain.
fn both(contract: &str, msg_json: &str, funds: &[(&str, &str)], expected: &[&str]) {
    let (p, a) = execute(contract, msg_json, funds);
    let mut want = lines(expected);
    want.extend(lines(&["Chain: MilkyWay on Initia", "Fees: 0.03 INIT"]));
    for url in [ETH_PUBKEY_URL, COSMOS_PUBKEY_URL] {
        assert_eq!(shown(&direct_on(&p, "moo-1", url), SignMode::Direct).unwrap(), want, "{url}");
    }
    assert_eq!(
        shown(amino_on(&a, "moo-1").as_bytes(), SignMode::AminoJson).unwrap(),
        want,
        "AMINO"
    );
}

#[test]
fn milkinit_liquid_stake_unstake_withdraw() {
    both(
        MILKINIT_CONTRACT,
        r#"{"liquid_stake":{}}"#,
        &[(INIT, "12500000")],
        &[
            "Action: Liquid stake",
            "Stake: 12.5 INIT",
            "Receive: milkINIT",
            "Contract: MilkyWay milkINIT staking",
        ],
    );
    both(
        MILKINIT_CONTRACT,
        r#"{"liquid_unstake":{}}"#,
        &[(MILKINIT, "3000001")],
        &[
            "Action: Liquid unstake",
            "Unstake: 3.000001 milkINIT",
            "Receive: INIT after unbonding",
            "Contract: MilkyWay milkINIT staking",
        ],
    );
    both(
        MILKINIT_CONTRACT,
        r#"{"withdraw":{"batch_id":9}}"#,
        &[],
        &["Action: Claim unstaked tokens", "Batch: #9", "Contract: MilkyWay milkINIT staking"],
    );
}

#[test]
fn milkinit_contract_is_known_on_moo_1_only() {
    // The same address and message on MilkyWay: not the milkINIT contract there.
    let (p, a) = execute(MILKINIT_CONTRACT, r#"{"liquid_stake":{}}"#, &[(INIT, "1")]);
    let on_milkyway = shown(&direct_on(&p, "milkyway", COSMOS_PUBKEY_URL), SignMode::Direct);
    assert_eq!(on_milkyway.unwrap()[0], "Action: Unverified contract call");
    let amino = shown(amino_on(&a, "milkyway").as_bytes(), SignMode::AminoJson).unwrap();
    assert_eq!(amino[0], "Action: Unverified contract call");
    // Another contract on moo-1 is not either, and INIT keeps its symbol there.
    let other = "init1qg5ega6dykkxc307y25pecuufrjkxkaggkkxh7nad0vhyhtuhw3swjl4vx";
    let (p, _) = execute(other, r#"{"liquid_stake":{}}"#, &[(INIT, "1")]);
    let s = shown(&direct_on(&p, "moo-1", ETH_PUBKEY_URL), SignMode::Direct).unwrap();
    assert_eq!(s[0], "Action: Unverified contract call");
    assert!(s.contains(&"Funds: 0.000001 INIT".to_string()), "{s:?}");
}

#[test]
fn the_signer_key_type_is_read_from_direct_auth_info() {
    let (p, _) = execute(MILKINIT_CONTRACT, r#"{"liquid_stake":{}}"#, &[(INIT, "1")]);
    let eth_doc = direct_on(&p, "moo-1", ETH_PUBKEY_URL);
    let eth = milkyway_core::decode(&eth_doc, SignMode::Direct);
    assert_eq!(eth.unwrap().signer_key, Some(KeyKind::Eth));
    let cosmos_doc = direct_on(&p, "moo-1", COSMOS_PUBKEY_URL);
    let cosmos = milkyway_core::decode(&cosmos_doc, SignMode::Direct);
    assert_eq!(cosmos.unwrap().signer_key, Some(KeyKind::Cosmos));
    // Any other key type (Ethermint's, a multisig) is still refused.
    for url in [
        "/ethermint.crypto.v1.ethsecp256k1.PubKey",
        "/initia.crypto.v1beta1.ethsecp256k1.PubKey ",
        "/cosmos.crypto.multisig.LegacyAminoPubKey",
    ] {
        let doc = direct_on(&p, "moo-1", url);
        assert_eq!(
            milkyway_core::decode(&doc, SignMode::Direct).err(),
            Some(Error::MultisigNotSupported),
            "{url}"
        );
    }
}

// ---------------------------------------------------------------- the flow's key rules

const NORMAL: Policy = Policy { expert: false, blind_signing: false };
const EXPERT: Policy = Policy { expert: true, blind_signing: false };
const BLIND: Policy = Policy { expert: false, blind_signing: true };
const D: Option<SignMode> = Some(SignMode::Direct);
const A: Option<SignMode> = Some(SignMode::AminoJson);

/// Sends `bytes` in 64-byte chunks for the key of coin type `coin`; how the request
/// ended, and the chunk that ended it (0: `init`).
fn decide_at(
    coin: u32,
    prefix: Option<&str>,
    mode: Option<SignMode>,
    bytes: &[u8],
    policy: Policy,
) -> (Result<&'static str, Refusal>, usize) {
    let mut dev = Recorder::default();
    let req = Req { coin, prefix, mode, policy };
    let ended = sign_doc_flow(&mut dev, req, bytes, 64);
    if let Answer::Approved { .. } = ended.answer {
        // The signature is over the hash of the key's kind (Keccak-256 for 44'/60').
        let kind = if coin == COIN_TYPE_ETH { KeyKind::Eth } else { KeyKind::Cosmos };
        assert_eq!(dev.hashed_for, Some(kind));
    }
    (outcome(&dev, ended), ended.at)
}

fn decide(
    coin: u32,
    prefix: Option<&str>,
    mode: Option<SignMode>,
    bytes: &[u8],
    policy: Policy,
) -> Result<&'static str, Refusal> {
    decide_at(coin, prefix, mode, bytes, policy).0
}

#[test]
fn eth_key_signs_init_transactions_in_both_modes() {
    let (p, a) = execute(MILKINIT_CONTRACT, r#"{"liquid_stake":{}}"#, &[(INIT, "1")]);
    let direct = direct_on(&p, "moo-1", ETH_PUBKEY_URL);
    let amino = amino_on(&a, "moo-1");
    assert_eq!(decide(COIN_TYPE_ETH, Some("init"), D, &direct, NORMAL), Ok("clear"));
    for prefix in [Some("init"), None] {
        assert_eq!(
            decide(COIN_TYPE_ETH, prefix, A, amino.as_bytes(), NORMAL),
            Ok("clear"),
            "{prefix:?}"
        );
    }
    // DIRECT without a prefix: the messages were shown for no chain before the chain id
    // came, so the end refuses it (for every key).
    for coin in [COIN_TYPE_ETH, COIN_TYPE] {
        assert_eq!(
            decide(coin, None, D, &direct, NORMAL),
            Err(Refusal::reason(Error::ChainNotAsShown.reason()))
        );
    }
    // The Cosmos key signs for init too, with the Cosmos key type.
    let direct_cosmos = direct_on(&p, "moo-1", COSMOS_PUBKEY_URL);
    assert_eq!(decide(COIN_TYPE, Some("init"), D, &direct_cosmos, NORMAL), Ok("clear"));
    assert_eq!(decide(COIN_TYPE, None, A, amino.as_bytes(), NORMAL), Ok("clear"));
}

#[test]
fn signer_key_type_must_be_the_paths_key() {
    let (p, _) = execute(MILKINIT_CONTRACT, r#"{"liquid_stake":{}}"#, &[(INIT, "1")]);
    let cosmos_typed = direct_on(&p, "moo-1", COSMOS_PUBKEY_URL);
    let eth_typed = direct_on(&p, "moo-1", ETH_PUBKEY_URL);
    for policy in [NORMAL, EXPERT, BLIND] {
        assert_eq!(
            decide(COIN_TYPE_ETH, Some("init"), D, &cosmos_typed, policy),
            Err(Refusal::reason(SIGNER_KEY_MISMATCH))
        );
        assert_eq!(
            decide(COIN_TYPE, Some("init"), D, &eth_typed, policy),
            Err(Refusal::reason(SIGNER_KEY_MISMATCH))
        );
    }
}

#[test]
fn eth_key_is_for_init_only() {
    // Another prefix is refused at init, expert mode or not, silent or shown.
    for prefix in ["milk", "osmo", "cosmos", "inj", "evmos"] {
        for policy in [NORMAL, EXPERT] {
            assert_eq!(
                decide_at(COIN_TYPE_ETH, Some(prefix), D, b"x", policy),
                (Err(Refusal::status(StatusWord::ChainNotAllowed)), 0),
                "{prefix} {policy:?}"
            );
        }
    }
    // A MilkyWay transaction without a prefix: its chain's prefix is `milk`, not `init`.
    // Amino JSON is refused before its first message is shown (at the chunk holding the
    // message's start, not the last); DIRECT at its end (its chain id comes last).
    let restake = format!(
        r#"{{"type":"milkyway/MsgDelegatePool","value":{{"amount":{{"amount":"1000000","denom":"umilk"}},"delegator":"{ME}"}}}}"#
    );
    let amino = amino_doc(&restake, "");
    let chain_at = (amino.find(r#""msgs":["#).unwrap() + 8) / 64 + 1;
    let milkyway = direct_doc(
        &[any(
            "/milkyway.restaking.v1.MsgDelegatePool",
            &cat(&[fs(1, ME), fb(2, &coin("umilk", "1000000"))]),
        )],
        "",
    );
    let last = milkyway.len().div_ceil(64);
    for policy in [NORMAL, EXPERT] {
        assert_eq!(
            decide_at(COIN_TYPE_ETH, None, A, amino.as_bytes(), policy),
            (Err(Refusal::reason(ETH_KEY_INIT_ONLY)), chain_at)
        );
        assert!(chain_at < amino.len().div_ceil(64));
        assert_eq!(
            decide_at(COIN_TYPE_ETH, None, D, &milkyway, policy),
            (Err(Refusal::reason(ETH_KEY_INIT_ONLY)), last)
        );
    }
    // An unknown chain: refused outside expert mode as for every key; in expert mode only
    // with `init` sent as the prefix (in DIRECT, whose messages were shown for moo-1, the
    // chain id must then be moo-1's).
    let (p, a) = execute(MILKINIT_CONTRACT, r#"{"liquid_stake":{}}"#, &[(INIT, "1")]);
    let rollup = direct_on(&p, "other-rollup-1", ETH_PUBKEY_URL);
    let rollup_amino = amino_on(&a, "other-rollup-1");
    assert_eq!(
        decide(COIN_TYPE_ETH, Some("init"), D, &rollup, NORMAL),
        Err(Refusal::reason(CHAIN_PREFIX_MISMATCH))
    );
    assert_eq!(
        decide(COIN_TYPE_ETH, None, D, &rollup, NORMAL),
        Err(Refusal::reason(UNKNOWN_CHAIN))
    );
    assert_eq!(
        decide(COIN_TYPE_ETH, None, A, rollup_amino.as_bytes(), EXPERT),
        Err(Refusal::reason(ETH_KEY_INIT_ONLY))
    );
    assert_eq!(
        decide(COIN_TYPE_ETH, None, D, &rollup, EXPERT),
        Err(Refusal::reason(ETH_KEY_INIT_ONLY))
    );
    assert_eq!(
        decide(COIN_TYPE_ETH, Some("init"), A, rollup_amino.as_bytes(), EXPERT),
        Ok("clear")
    );
    assert_eq!(
        decide(COIN_TYPE_ETH, Some("init"), D, &rollup, EXPERT),
        Err(Refusal::reason(Error::ChainNotAsShown.reason()))
    );
}

#[test]
fn eth_key_never_signs_blind_or_textual() {
    // A message the app does not know: blind signing takes it with the Cosmos key only.
    let unknown = any("/initia.move.v1.MsgExecute", &fs(1, ME_INIT));
    let doc = direct_on(&unknown, "moo-1", ETH_PUBKEY_URL);
    assert_eq!(
        decide(COIN_TYPE_ETH, Some("init"), D, &doc, BLIND),
        Err(Refusal::reason(Error::UnknownMessage.reason()))
    );
    let doc_cosmos = direct_on(&unknown, "moo-1", COSMOS_PUBKEY_URL);
    assert_eq!(decide(COIN_TYPE, Some("init"), D, &doc_cosmos, BLIND), Ok("blind"));
    // SIGN_MODE_TEXTUAL (P2 = 1): refused at init, before any byte of it is sent.
    for policy in [NORMAL, EXPERT, BLIND] {
        assert_eq!(
            decide_at(COIN_TYPE_ETH, Some("init"), None, b"\xa1\x01\x80", policy),
            (Err(Refusal::reason(ETH_KEY_CLEAR_ONLY)), 0)
        );
    }
}

#[test]
fn ethereum_payloads_are_no_sign_doc() {
    // What an Ethereum signature over Keccak-256 could authorise, sent as sign bytes for
    // the 44'/60' key: an EIP-191 personal message, EIP-712 typed data, an EIP-1559
    // transaction, a legacy RLP transaction. None decodes, in either mode, whatever the
    // settings.
    let payloads: [&[u8]; 5] = [
        b"\x19Ethereum Signed Message:\n11hello world",
        b"\x19\x01\x00\x11\x22\x33",
        b"\x02\xf8\x6c\x01\x80\x84\x3b\x9a\xca\x00",
        b"\xf8\x6c\x80\x84\x3b\x9a\xca\x00\x82\x52\x08",
        b"\x01\xf8\x6c\x01\x80",
    ];
    for bytes in payloads {
        for mode in [D, A] {
            for policy in [NORMAL, EXPERT, BLIND, Policy { expert: true, blind_signing: true }] {
                let r = decide(COIN_TYPE_ETH, Some("init"), mode, bytes, policy);
                assert!(
                    matches!(r, Err(Refusal { status: StatusWord::DataInvalid, .. })),
                    "{bytes:02x?} {mode:?} {policy:?}: {r:?}"
                );
            }
        }
    }
}
