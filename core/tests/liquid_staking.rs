//! Liquid staking through the MilkyWay staking contracts, IBC transfers with their
//! memos, and authz: typed screens for what is recognised, full views for the rest.

mod common;
use common::*;
use milkyway_core::{Error, SignMode};

const MILKBABY_CONTRACT: &str = "milk1qg5ega6dykkxc307y25pecuufrjkxkaggkkxh7nad0vhyhtuhw3ssgcye4";
const BABY: &str = "ibc/B0BEE773CEF718E8B6D2892A27D57FEFB00BD8B2E698367B5CC96A4F36148726";
const MILKBABY: &str =
    "factory/milk1qg5ega6dykkxc307y25pecuufrjkxkaggkkxh7nad0vhyhtuhw3ssgcye4/umilkBBN";
const TAIL: [&str; 2] = ["Chain: MilkyWay", "Fees: 0.005 MILK"];

fn execute(contract: &str, msg_json: &str, funds: &[(&str, &str)]) -> (Vec<u8>, String) {
    let mut proto = cat(&[fs(1, ME), fs(2, contract), fb(3, msg_json.as_bytes())]);
    for (d, a) in funds {
        proto.extend(fb(5, &coin(d, a)));
    }
    let funds_json: Vec<String> =
        funds.iter().map(|(d, a)| format!(r#"{{"amount":"{a}","denom":"{d}"}}"#)).collect();
    let amino = format!(
        r#"{{"type":"wasm/MsgExecuteContract","value":{{"contract":"{contract}","funds":[{}],"msg":{msg_json},"sender":"{ME}"}}}}"#,
        funds_json.join(",")
    );
    (any("/cosmwasm.wasm.v1.MsgExecuteContract", &proto), amino)
}

fn both(proto_any: Vec<u8>, amino_msg: &str, expected: &[&str]) {
    let mut want = lines(expected);
    want.extend(lines(&TAIL));
    assert_eq!(direct(&direct_doc(&[proto_any], "")).unwrap(), want, "DIRECT");
    assert_eq!(amino(&amino_doc(amino_msg, "")).unwrap(), want, "AMINO");
}

#[test]
fn liquid_stake_milkbaby() {
    let (p, a) = execute(MILKBABY_CONTRACT, r#"{"liquid_stake":{}}"#, &[(BABY, "10500000")]);
    both(
        p,
        &a,
        &[
            "Action: Liquid stake",
            "Stake: 10.5 BABY",
            "Receive: milkBABY",
            "Contract: MilkyWay milkBABY staking",
        ],
    );
}

#[test]
fn liquid_stake_with_options() {
    let msg = format!(
        r#"{{"liquid_stake":{{"expected_mint_amount":"9000000","mint_to":"{OTHER}","transfer_to_native_chain":false}}}}"#
    );
    let (p, a) = execute(MILKBABY_CONTRACT, &msg, &[(BABY, "10000000")]);
    both(
        p,
        &a,
        &[
            "Action: Liquid stake",
            "Stake: 10 BABY",
            "Receive: milkBABY",
            &format!("Mint to: {OTHER}"),
            "Send to native chain: No",
            "Minimum received: 9 milkBABY",
            "Contract: MilkyWay milkBABY staking",
        ],
    );
}

#[test]
fn liquid_unstake_and_withdraw() {
    let (p, a) = execute(MILKBABY_CONTRACT, r#"{"liquid_unstake":{}}"#, &[(MILKBABY, "5000000")]);
    both(
        p,
        &a,
        &[
            "Action: Liquid unstake",
            "Unstake: 5 milkBABY",
            "Receive: BABY after unbonding",
            "Contract: MilkyWay milkBABY staking",
        ],
    );
    let (p, a) = execute(MILKBABY_CONTRACT, r#"{"withdraw":{"batch_id":42}}"#, &[]);
    both(
        p,
        &a,
        &["Action: Claim unstaked tokens", "Batch: #42", "Contract: MilkyWay milkBABY staking"],
    );
    let (p, a) = execute(MILKBABY_CONTRACT, r#"{"submit_batch":{}}"#, &[]);
    both(p, &a, &["Action: Submit unstake batch", "Contract: MilkyWay milkBABY staking"]);
}

#[test]
fn unknown_contract_gets_the_full_generic_view() {
    let contract = "milk1unknowncontractxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
    let (p, a) = execute(contract, r#"{"transfer":{"amount":"5","recipient":"milk1x"}}"#, &[]);
    both(
        p,
        &a,
        &[
            "Action: Unverified contract call",
            &format!("Contract: {contract}"),
            "Message.transfer.amount: 5",
            "Message.transfer.recipient: milk1x",
            "Funds: None",
        ],
    );
    // A known contract with an argument the contract does not define is not recognised.
    let (p, a) = execute(MILKBABY_CONTRACT, r#"{"liquid_stake":{"referral":"x"}}"#, &[(BABY, "1")]);
    both(
        p,
        &a,
        &[
            "Action: Unverified contract call",
            &format!("Contract: {MILKBABY_CONTRACT}"),
            "Message.liquid_stake.referral: x",
            "Funds: 0.000001 BABY",
        ],
    );
}

fn transfer_doc(receiver: &str, memo: &str) -> (Vec<u8>, Vec<u8>) {
    // Celestia -> Osmosis one-click liquid stake of 10.5 TIA.
    let me = "celestia1mevswxr8d9r0w0vd6d0ds7k4qh0xmdmaxxxxxx";
    let proto = cat(&[
        fs(1, "transfer"),
        fs(2, "channel-2"),
        fb(3, &coin("utia", "10500000")),
        fs(4, me),
        fs(5, receiver),
        fb(6, &[]),
        fv(7, 1_795_257_005_000_000_000),
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
        r#"{{"account_number":"1","chain_id":"celestia","fee":{{"amount":[{{"amount":"2000","denom":"utia"}}],"gas":"150000"}},"memo":"","msgs":[{{"type":"cosmos-sdk/MsgTransfer","value":{{"memo":"{escaped}","receiver":"{receiver}","sender":"{me}","source_channel":"channel-2","source_port":"transfer","timeout_height":{{}},"timeout_timestamp":"1795257005000000000","token":{{"amount":"10500000","denom":"utia"}}}}}}],"sequence":"0"}}"#
    );
    (d, a.into_bytes())
}

#[test]
fn one_click_liquid_stake_memo() {
    let contract = "osmo1f5vfcph2dvfeqcqkhetwv75fda69z7e5c2dldm3kvgj23crkv6wqcn47a0";
    let mint_to = "osmo1mintto";
    let memo = format!(
        r#"{{"wasm":{{"contract":"{contract}","msg":{{"liquid_stake":{{"mint_to":"{mint_to}"}}}}}}}}"#
    );
    let (d, a) = transfer_doc(contract, &memo);
    let want = lines(&[
        "Action: Liquid stake via IBC",
        "From: celestia1mevswxr8d9r0w0vd6d0ds7k4qh0xmdmaxxxxxx",
        "Stake: 10.5 TIA",
        "Receive: milkTIA",
        "Mint to: osmo1mintto",
        "Contract: MilkyWay milkTIA staking on osmosis-1",
        "Channel: transfer/channel-2",
        "Timeout: 2026-11-21 10:30:05 UTC",
        "Chain: Celestia",
        "Fees: 0.002 TIA",
    ]);
    assert_eq!(direct(&d).unwrap(), want);
    assert_eq!(screens(&a, SignMode::AminoJson).unwrap(), want);
}

#[test]
fn imitation_memo_for_unknown_contract_is_shown_in_full() {
    let fake = "osmo1fakecontractxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
    let memo = format!(r#"{{"wasm":{{"contract":"{fake}","msg":{{"liquid_stake":{{}}}}}}}}"#);
    let (d, a) = transfer_doc(fake, &memo);
    let want = lines(&[
        "Action: IBC transfer",
        "From: celestia1mevswxr8d9r0w0vd6d0ds7k4qh0xmdmaxxxxxx",
        "Amount: 10.5 TIA",
        &format!("To: {fake}"),
        "Channel: transfer/channel-2",
        "Timeout: 2026-11-21 10:30:05 UTC",
        &format!("IBC memo: {memo}"),
        "Chain: Celestia",
        "Fees: 0.002 TIA",
    ]);
    assert_eq!(direct(&d).unwrap(), want);
    assert_eq!(screens(&a, SignMode::AminoJson).unwrap(), want);
}

#[test]
fn authz_exec_renders_inner_messages() {
    let inner = any(
        "/milkyway.restaking.v1.MsgDelegatePool",
        &cat(&[fs(1, OTHER), fb(2, &coin("umilk", "1000000"))]),
    );
    let exec = any("/cosmos.authz.v1beta1.MsgExec", &cat(&[fs(1, ME), fb(2, &inner)]));
    let want = lines(&[
        "Action: Execute as grantee",
        "Inner action: Restake to pool",
        &format!("Delegator: {OTHER}"),
        "Amount: 1 MILK",
        "Chain: MilkyWay",
        "Fees: 0.005 MILK",
    ]);
    assert_eq!(direct(&direct_doc(&[exec], "")).unwrap(), want);
    let a = format!(
        r#"{{"type":"cosmos-sdk/MsgExec","value":{{"grantee":"{ME}","msgs":[{{"type":"milkyway/MsgDelegatePool","value":{{"amount":{{"amount":"1000000","denom":"umilk"}},"delegator":"{OTHER}"}}}}]}}}}"#
    );
    assert_eq!(amino(&amino_doc(&a, "")).unwrap(), want);
}

#[test]
fn authz_nesting_bomb_is_refused() {
    let mut m = any(
        "/cosmos.bank.v1beta1.MsgSend",
        &cat(&[fs(1, ME), fs(2, OTHER), fb(3, &coin("umilk", "1"))]),
    );
    for _ in 0..8 {
        m = any("/cosmos.authz.v1beta1.MsgExec", &cat(&[fs(1, ME), fb(2, &m)]));
    }
    assert_eq!(direct(&direct_doc(&[m], "")), Err(Error::NestingTooDeep));
}
