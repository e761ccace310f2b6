//! Rules that keep SIGN_MODE_DIRECT and Amino JSON in step where x/tx rewrites what
//! the wallet wrote (found by the host's cross-mode property test, host/tests/cross_mode.rs):
//!
//! * numbers in a wasm contract message: x/tx re-marshals the message through Go's
//!   `interface{}`, so every number becomes a float64 printed Go's way;
//! * an empty v1beta1 weighted-vote weight, which x/tx writes `"0"`;
//! * the staking contracts, known only on their own chain.
//!
//! Every expected screen is written out by hand.

mod common;
use common::*;
use milkyway_core::{Error, SignMode};

const MILKBABY_CONTRACT: &str = "milk1qg5ega6dykkxc307y25pecuufrjkxkaggkkxh7nad0vhyhtuhw3ssgcye4";
const MILKTIA_CONTRACT: &str = "osmo1f5vfcph2dvfeqcqkhetwv75fda69z7e5c2dldm3kvgj23crkv6wqcn47a0";
const UNKNOWN_CONTRACT: &str = "milk1unknowncontractxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
const NUMBER_REASON: &str = "Contract message: number changes in Amino JSON (use a string)";

// ------------------------------------------------------------------ documents

/// A wasm execute from `sender` with `msg` exactly as given (DIRECT) and the Amino JSON
/// message with `amino_msg` inlined (what x/tx writes: canonical, numbers Go's way).
fn execute(
    sender: &str,
    contract: &str,
    msg: &str,
    amino_msg: &str,
    funds: &[(&str, &str)],
) -> (Vec<u8>, String) {
    let mut proto = cat(&[fs(1, sender), fs(2, contract), fb(3, msg.as_bytes())]);
    for (d, a) in funds {
        proto.extend(fb(5, &coin(d, a)));
    }
    let funds_json: Vec<String> =
        funds.iter().map(|(d, a)| format!(r#"{{"amount":"{a}","denom":"{d}"}}"#)).collect();
    let amino = format!(
        r#"{{"type":"wasm/MsgExecuteContract","value":{{"contract":"{contract}","funds":[{}],"msg":{amino_msg},"sender":"{sender}"}}}}"#,
        funds_json.join(",")
    );
    (any("/cosmwasm.wasm.v1.MsgExecuteContract", &proto), amino)
}

/// A milkyway execute from ME, in both modes.
fn execute_on_milkyway(
    contract: &str,
    msg: &str,
    amino_msg: &str,
) -> (Result<Vec<String>, Error>, Result<Vec<String>, Error>) {
    let (p, a) = execute(ME, contract, msg, amino_msg, &[]);
    (direct(&direct_doc(&[p], "")), amino(&amino_doc(&a, "")))
}

#[track_caller]
fn refused_in_both(contract: &str, msg: &str, amino_msg: &str) {
    let (d, a) = execute_on_milkyway(contract, msg, amino_msg);
    assert_eq!(d, Err(Error::ContractMsgNumber), "DIRECT {msg}");
    assert_eq!(a, Err(Error::ContractMsgNumber), "AMINO {amino_msg}");
}

// ------------------------------------------------------------------ contract numbers

#[test]
fn number_reason_is_printable_ascii() {
    let r = Error::ContractMsgNumber.reason();
    assert_eq!(r, NUMBER_REASON);
    assert!(r.bytes().all(|b| (b' '..=b'~').contains(&b)));
}

#[test]
fn plain_integers_below_2_pow_53_are_shown_in_both_modes() {
    let msg = r#"{"a":[0,-1,9007199254740991,-9007199254740991],"b":{"c":42}}"#;
    let (d, a) = execute_on_milkyway(UNKNOWN_CONTRACT, msg, msg);
    let want = lines(&[
        "Action: Unverified contract call",
        &format!("Contract: {UNKNOWN_CONTRACT}"),
        "Message.a[0]: 0",
        "Message.a[1]: -1",
        "Message.a[2]: 9007199254740991",
        "Message.a[3]: -9007199254740991",
        "Message.b.c: 42",
        "Funds: None",
        "Chain: MilkyWay",
        "Fees: 0.005 MILK",
    ]);
    assert_eq!(d.unwrap(), want);
    assert_eq!(a.unwrap(), want);
    // Digits, minus signs, exponents and escaped quotes inside strings are text.
    let msg = r#"{"k\"1.5":"-0 1.0 1e21 9007199254740993","x\\":"2e-7"}"#;
    let (d, a) = execute_on_milkyway(UNKNOWN_CONTRACT, msg, msg);
    let want = lines(&[
        "Action: Unverified contract call",
        &format!("Contract: {UNKNOWN_CONTRACT}"),
        "Message.k\"1.5: -0 1.0 1e21 9007199254740993",
        // (A backslash is shown doubled, so no escape can be faked.)
        "Message.x\\\\: 2e-7",
        "Funds: None",
        "Chain: MilkyWay",
        "Fees: 0.005 MILK",
    ]);
    assert_eq!(d.unwrap(), want);
    assert_eq!(a.unwrap(), want);
}

#[test]
fn numbers_x_tx_rewrites_are_refused_in_both_modes() {
    // (what the wallet wrote, what x/tx signs in Amino JSON: Go's float64 round trip)
    for (wire, amino_form) in [
        ("1e21", "1e+21"),
        ("0.0000001", "1e-7"),
        ("1.5e-7", "1.5e-7"),
        ("9007199254740993", "9007199254740992"),
        ("-9007199254740993", "-9007199254740992"),
        ("12345678901234567890", "12345678901234567000"),
        ("100000000000000000000", "100000000000000000000"),
        // Unchanged by Go, but refused all the same: not plain integers below 2^53.
        ("9007199254740992", "9007199254740992"),
        ("-9007199254740992", "-9007199254740992"),
        ("0.5", "0.5"),
        ("-0", "-0"),
        ("-0.0", "-0"),
    ] {
        refused_in_both(
            UNKNOWN_CONTRACT,
            &format!(r#"{{"amount":{wire}}}"#),
            &format!(r#"{{"amount":{amino_form}}}"#),
        );
        // At any depth, in an array, and as the whole message.
        refused_in_both(
            UNKNOWN_CONTRACT,
            &format!("{{ \"z\": {{ \"y\": [ \"s\", {{ \"x\": [ 1, {wire} ] }} ] }}, \"a\": 1 }}"),
            &format!(r#"{{"a":1,"z":{{"y":["s",{{"x":[1,{amino_form}]}}]}}}}"#),
        );
        refused_in_both(UNKNOWN_CONTRACT, wire, amino_form);
    }
}

#[test]
fn batch_id_above_2_pow_53_is_refused_in_both_modes() {
    // x/tx signs `9007199254740992` for the `...993` the contract executes: the device
    // shows neither, in either mode.
    refused_in_both(
        MILKBABY_CONTRACT,
        r#"{"withdraw":{"batch_id":9007199254740993}}"#,
        r#"{"withdraw":{"batch_id":9007199254740992}}"#,
    );
    refused_in_both(
        MILKBABY_CONTRACT,
        r#"{"withdraw":{"batch_id":9007199254740992}}"#,
        r#"{"withdraw":{"batch_id":9007199254740992}}"#,
    );
    // The largest safe batch id is shown.
    let msg = r#"{"withdraw":{"batch_id":9007199254740991}}"#;
    let (d, a) = execute_on_milkyway(MILKBABY_CONTRACT, msg, msg);
    let want = lines(&[
        "Action: Claim unstaked tokens",
        "Batch: #9007199254740991",
        "Contract: MilkyWay milkBABY staking",
        "Chain: MilkyWay",
        "Fees: 0.005 MILK",
    ]);
    assert_eq!(d.unwrap(), want);
    assert_eq!(a.unwrap(), want);
}

#[test]
fn other_spellings_of_a_safe_integer_are_refused_in_direct_and_unknowable_in_amino() {
    // x/tx writes `1.0`, `1e0` and `1.00000000000000001` all as `1`: the Amino JSON
    // document is byte for byte that of a plain `1`, so Amino JSON shows 1 (the only
    // integer that rounds to 1). DIRECT sees the bytes the contract gets and refuses.
    let one = lines(&[
        "Action: Unverified contract call",
        &format!("Contract: {UNKNOWN_CONTRACT}"),
        "Message.amount: 1",
        "Funds: None",
        "Chain: MilkyWay",
        "Fees: 0.005 MILK",
    ]);
    for wire in ["1.0", "1e0", "10E-1", "1.00000000000000001"] {
        let (d, a) = execute_on_milkyway(
            UNKNOWN_CONTRACT,
            &format!(r#"{{"amount":{wire}}}"#),
            r#"{"amount":1}"#,
        );
        assert_eq!(d, Err(Error::ContractMsgNumber), "{wire}");
        assert_eq!(a.unwrap(), one, "{wire}");
    }
    let (d, _) = execute_on_milkyway(UNKNOWN_CONTRACT, r#"{"amount":1}"#, r#"{"amount":1}"#);
    assert_eq!(d.unwrap(), one);
}

#[test]
fn unsafe_numbers_in_an_authz_inner_execute_are_refused() {
    let (p, a) = execute(OTHER, UNKNOWN_CONTRACT, r#"{"n":1e21}"#, r#"{"n":1e+21}"#, &[]);
    let exec = any("/cosmos.authz.v1beta1.MsgExec", &cat(&[fs(1, ME), fb(2, &p)]));
    assert_eq!(direct(&direct_doc(&[exec], "")), Err(Error::ContractMsgNumber));
    let exec =
        format!(r#"{{"type":"cosmos-sdk/MsgExec","value":{{"grantee":"{ME}","msgs":[{a}]}}}}"#);
    assert_eq!(amino(&amino_doc(&exec, "")), Err(Error::ContractMsgNumber));
}

// ------------------------------------------------------------------ IBC hook memos

/// Celestia -> Osmosis transfer of 10.5 TIA to `receiver` with `memo` (no character
/// that needs escaping other than `"`), in both modes.
fn transfer(receiver: &str, memo: &str) -> (Vec<u8>, String) {
    let me = "celestia1mevswxr8d9r0w0vd6d0ds7k4qh0xmdmaxxxxxx";
    let proto = cat(&[
        fs(1, "transfer"),
        fs(2, "channel-2"),
        fb(3, &coin("utia", "10500000")),
        fs(4, me),
        fs(5, receiver),
        fb(6, &[]),
        fs(8, memo),
    ]);
    let d = sign_doc(
        &[any("/ibc.applications.transfer.v1.MsgTransfer", &proto)],
        "",
        &[fb(1, &coin("utia", "2000")), fv(2, 150000)],
        "celestia",
        1,
        0,
    );
    let escaped = memo.replace('"', "\\\"");
    let a = format!(
        r#"{{"account_number":"1","chain_id":"celestia","fee":{{"amount":[{{"amount":"2000","denom":"utia"}}],"gas":"150000"}},"memo":"","msgs":[{{"type":"cosmos-sdk/MsgTransfer","value":{{"memo":"{escaped}","receiver":"{receiver}","sender":"{me}","source_channel":"channel-2","source_port":"transfer","timeout_height":{{}},"token":{{"amount":"10500000","denom":"utia"}}}}}}],"sequence":"0"}}"#
    );
    (d, a)
}

#[test]
fn hook_memos_with_numbers_are_shown_in_full() {
    // The memo is an opaque string in both modes; the IBC hooks middleware re-marshals
    // the `msg` of a wasm memo through Go's interface{} before the contract sees it. No
    // interpretation shows a number: such a memo is shown in full, as signed.
    let module = "milk102lq49sg6lmw2e0mw740tjldzq68v0yfgtazz5";
    for (receiver, memo) in [
        (
            MILKTIA_CONTRACT,
            format!(
                r#"{{"wasm":{{"contract":"{MILKTIA_CONTRACT}","msg":{{"liquid_stake":{{"expected_mint_amount":9007199254740993}}}}}}}}"#
            ),
        ),
        (
            MILKTIA_CONTRACT,
            format!(
                r#"{{"wasm":{{"contract":"{MILKTIA_CONTRACT}","msg":{{"liquid_stake":{{"expected_mint_amount":1000}}}}}}}}"#
            ),
        ),
        (
            MILKTIA_CONTRACT,
            format!(
                r#"{{"wasm":{{"contract":"{MILKTIA_CONTRACT}","msg":{{"liquid_stake":{{}}}},"n":1.0}}}}"#
            ),
        ),
        (
            module,
            format!(r#"{{"liquidvesting":{{"amounts":[{{"amount":1e6,"depositor":"{ME}"}}]}}}}"#),
        ),
    ] {
        let (d, a) = transfer(receiver, &memo);
        let want = lines(&[
            "Action: IBC transfer",
            "From: celestia1mevswxr8d9r0w0vd6d0ds7k4qh0xmdmaxxxxxx",
            "Amount: 10.5 TIA",
            &format!("To: {receiver}"),
            "Channel: transfer/channel-2",
            &format!("IBC memo: {memo}"),
            "Chain: Celestia",
            "Fees: 0.002 TIA",
        ]);
        assert_eq!(direct(&d).unwrap(), want, "DIRECT {memo}");
        assert_eq!(screens(a.as_bytes(), SignMode::AminoJson).unwrap(), want, "AMINO {memo}");
    }
}

// ------------------------------------------------------------------ weighted votes

const WEIGHT_REASON: &str = "Weighted vote: an option has weight 0";

#[test]
fn weight_reason_is_printable_ascii() {
    let r = Error::ZeroVoteWeight.reason();
    assert_eq!(r, WEIGHT_REASON);
    assert!(r.bytes().all(|b| (b' '..=b'~').contains(&b)));
}

fn weighted_v1beta1(options: &[(u64, Option<&str>)]) -> Vec<u8> {
    let mut parts = vec![fv(1, 1), fs(2, ME)];
    for (option, weight) in options {
        let mut o = fv(1, *option);
        if let Some(w) = weight {
            o.extend(fs(2, w));
        }
        parts.push(fb(3, &o));
    }
    any("/cosmos.gov.v1beta1.MsgVoteWeighted", &cat(&parts))
}

fn weighted_v1beta1_json(options: &str) -> String {
    amino_doc(
        &format!(
            r#"{{"type":"cosmos-sdk/MsgVoteWeighted","value":{{"options":[{options}],"proposal_id":"1","voter":"{ME}"}}}}"#
        ),
        "",
    )
}

fn weighted_v1(options: &[(u64, Option<&str>)]) -> Vec<u8> {
    let mut parts = vec![fv(1, 1), fs(2, ME)];
    for (option, weight) in options {
        let mut o = fv(1, *option);
        if let Some(w) = weight {
            o.extend(fs(2, w));
        }
        parts.push(fb(3, &o));
    }
    any("/cosmos.gov.v1.MsgVoteWeighted", &cat(&parts))
}

fn weighted_v1_json(options: &str) -> String {
    amino_doc(
        &format!(
            r#"{{"type":"cosmos-sdk/v1/MsgVoteWeighted","value":{{"options":[{options}],"proposal_id":"1","voter":"{ME}"}}}}"#
        ),
        "",
    )
}

#[test]
fn zero_or_empty_vote_weights_are_refused_in_both_modes() {
    // v1beta1: an empty weight is left out of the wire (or written empty), and x/tx
    // writes it "0" (`cosmosDecEncoder`, the field is `dont_omitempty`).
    for wire in [None, Some("")] {
        assert_eq!(
            direct(&direct_doc(&[weighted_v1beta1(&[(1, wire)])], "")),
            Err(Error::ZeroVoteWeight),
            "{wire:?}"
        );
    }
    assert_eq!(
        amino(&weighted_v1beta1_json(r#"{"option":1,"weight":"0"}"#)),
        Err(Error::ZeroVoteWeight)
    );
    // A zero LegacyDec: "0" on the wire, 18 decimals in Amino JSON.
    assert_eq!(
        direct(&direct_doc(&[weighted_v1beta1(&[(1, Some("0"))])], "")),
        Err(Error::ZeroVoteWeight)
    );
    assert_eq!(
        amino(&weighted_v1beta1_json(r#"{"option":1,"weight":"0.000000000000000000"}"#)),
        Err(Error::ZeroVoteWeight)
    );
    // One zero option among others.
    let d = weighted_v1beta1(&[(1, Some("1000000000000000000")), (3, None)]);
    assert_eq!(direct(&direct_doc(&[d], "")), Err(Error::ZeroVoteWeight));
    let a = weighted_v1beta1_json(
        r#"{"option":1,"weight":"1.000000000000000000"},{"option":3,"weight":"0"}"#,
    );
    assert_eq!(amino(&a), Err(Error::ZeroVoteWeight));
    // x/tx never leaves the v1beta1 weight out.
    assert_eq!(amino(&weighted_v1beta1_json(r#"{"option":1}"#)), Err(Error::JsonMissingField));
    // "0" is only the empty LegacyDec, never another spelling of it.
    for w in ["00", "0.0", "-0"] {
        assert_eq!(
            amino(&weighted_v1beta1_json(&format!(r#"{{"option":1,"weight":"{w}"}}"#))),
            Err(Error::InvalidDecimal),
            "{w}"
        );
    }

    // v1: the weight is a decimal string in both modes, left out when empty.
    for wire in [None, Some(""), Some("0"), Some("0.000")] {
        assert_eq!(
            direct(&direct_doc(&[weighted_v1(&[(1, wire)])], "")),
            Err(Error::ZeroVoteWeight),
            "{wire:?}"
        );
    }
    for options in
        [r#"{"option":1}"#, r#"{"option":1,"weight":"0"}"#, r#"{"option":1,"weight":"0.000"}"#]
    {
        assert_eq!(amino(&weighted_v1_json(options)), Err(Error::ZeroVoteWeight), "{options}");
    }
}

#[test]
fn positive_vote_weights_are_still_shown() {
    let want = lines(&[
        "Action: Weighted vote",
        "Proposal: Proposal #1",
        "Vote: Yes 100%",
        "Chain: MilkyWay",
        "Fees: 0.005 MILK",
    ]);
    assert_eq!(
        direct(&direct_doc(&[weighted_v1beta1(&[(1, Some("1000000000000000000"))])], "")).unwrap(),
        want
    );
    assert_eq!(
        amino(&weighted_v1beta1_json(r#"{"option":1,"weight":"1.000000000000000000"}"#)).unwrap(),
        want
    );
    let want = lines(&[
        "Action: Weighted vote",
        "Proposal: Proposal #1",
        "Vote 1/2: No 0.0001%",
        "Vote 2/2: Yes 99.9999%",
        "Chain: MilkyWay",
        "Fees: 0.005 MILK",
    ]);
    assert_eq!(
        direct(&direct_doc(&[weighted_v1(&[(3, Some("0.000001")), (1, Some("0.999999"))])], ""))
            .unwrap(),
        want
    );
    assert_eq!(
        amino(&weighted_v1_json(
            r#"{"option":3,"weight":"0.000001"},{"option":1,"weight":"0.999999"}"#
        ))
        .unwrap(),
        want
    );
}

// ------------------------------------------------------------------ staking contracts and chains

/// Both sign docs of one message on `chain` (fee 5000 of `fee_denom`, gas 200000,
/// account 7, sequence 3).
fn docs_on(chain: &str, fee_denom: &str, proto_any: Vec<u8>, amino_msg: &str) -> (Vec<u8>, String) {
    let d =
        sign_doc(&[proto_any], "", &[fb(1, &coin(fee_denom, "5000")), fv(2, 200000)], chain, 7, 3);
    let a = format!(
        r#"{{"account_number":"7","chain_id":"{chain}","fee":{{"amount":[{{"amount":"5000","denom":"{fee_denom}"}}],"gas":"200000"}},"memo":"","msgs":[{amino_msg}],"sequence":"3"}}"#
    );
    (d, a)
}

/// Screens in both modes, with the own address `me`.
fn both_as(
    me: &str,
    d: &[u8],
    a: &str,
) -> (Result<Vec<String>, Error>, Result<Vec<String>, Error>) {
    let opts = milkyway_core::Options { expert: false, own_address: Some(me) };
    (
        screens_opts(d, SignMode::Direct, &opts),
        screens_opts(a.as_bytes(), SignMode::AminoJson, &opts),
    )
}

#[test]
fn milktia_contract_in_a_milkyway_transaction_is_an_unknown_contract() {
    let milktia_denom =
        "factory/osmo1f5vfcph2dvfeqcqkhetwv75fda69z7e5c2dldm3kvgj23crkv6wqcn47a0/umilkTIA";
    let msg = r#"{"liquid_unstake":{}}"#;
    let (p, a) = execute(ME, MILKTIA_CONTRACT, msg, msg, &[(milktia_denom, "1000000")]);
    let want = lines(&[
        "Action: Unverified contract call",
        &format!("Contract: {MILKTIA_CONTRACT}"),
        "Message.liquid_unstake: {}",
        &format!("Funds: 1000000 {milktia_denom}"),
        "Chain: MilkyWay",
        "Fees: 0.005 MILK",
    ]);
    assert_eq!(direct(&direct_doc(&[p], "")).unwrap(), want);
    assert_eq!(amino(&amino_doc(&a, "")).unwrap(), want);
}

#[test]
fn milkbaby_contract_elsewhere_than_milkyway_is_an_unknown_contract() {
    let msg = r#"{"withdraw":{"batch_id":4}}"#;
    // On the MilkyWay testnet (same address prefix, another chain).
    let (p, a) = execute(ME, MILKBABY_CONTRACT, msg, msg, &[]);
    let (d, a) = docs_on("ceers-2112", "umilk", p, &a);
    let want = lines(&[
        "Action: Unverified contract call",
        &format!("Contract: {MILKBABY_CONTRACT}"),
        "Message.withdraw.batch_id: 4",
        "Funds: None",
        "Chain: MilkyWay testnet",
        "Fees: 0.005 MILK",
    ]);
    let (d, a) = both_as(ME, &d, &a);
    assert_eq!(d.unwrap(), want);
    assert_eq!(a.unwrap(), want);
    // In an Osmosis transaction.
    let me = "osmo1mevswxr8d9r0w0vd6d0ds7k4qh0xmdmanxxxxx";
    let (p, a) = execute(me, MILKBABY_CONTRACT, msg, msg, &[]);
    let (d, a) = docs_on("osmosis-1", "uosmo", p, &a);
    let want = lines(&[
        "Action: Unverified contract call",
        &format!("Contract: {MILKBABY_CONTRACT}"),
        "Message.withdraw.batch_id: 4",
        "Funds: None",
        "Chain: Osmosis",
        "Fees: 0.005 OSMO",
    ]);
    let (d, a) = both_as(me, &d, &a);
    assert_eq!(d.unwrap(), want);
    assert_eq!(a.unwrap(), want);
}

#[test]
fn milktia_contract_on_osmosis_is_recognised() {
    let me = "osmo1mevswxr8d9r0w0vd6d0ds7k4qh0xmdmanxxxxx";
    let msg = r#"{"withdraw":{"batch_id":4}}"#;
    let (p, a) = execute(me, MILKTIA_CONTRACT, msg, msg, &[]);
    let (d, a) = docs_on("osmosis-1", "uosmo", p, &a);
    let want = lines(&[
        "Action: Claim unstaked tokens",
        "Batch: #4",
        "Contract: MilkyWay milkTIA staking",
        "Chain: Osmosis",
        "Fees: 0.005 OSMO",
    ]);
    let (d, a) = both_as(me, &d, &a);
    assert_eq!(d.unwrap(), want);
    assert_eq!(a.unwrap(), want);
    // An unknown chain id recognises no contract.
    let (p, a) = execute(me, MILKTIA_CONTRACT, msg, msg, &[]);
    let (d, a) = docs_on("osmo-test-5", "uosmo", p, &a);
    let want = lines(&[
        "Action: Unverified contract call",
        &format!("Contract: {MILKTIA_CONTRACT}"),
        "Message.withdraw.batch_id: 4",
        "Funds: None",
        "Chain: osmo-test-5 (unknown chain)",
        "Fees: 5000 uosmo",
    ]);
    let (d, a) = both_as(me, &d, &a);
    assert_eq!(d.unwrap(), want);
    assert_eq!(a.unwrap(), want);
}
