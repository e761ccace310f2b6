//! JSON that the wallet writes inside a transaction, not the chain's encoder: the `msg`
//! of a wasm execute in SIGN_MODE_DIRECT (cosmjs `JSON.stringify`: keys in insertion
//! order; other wallets add whitespace) and IBC memos in both modes. It is read as plain
//! RFC 8259 JSON with unique keys, and shown exactly as its canonical Amino JSON twin
//! (x/tx re-sorts and compacts the wasm msg; it copies memos as they are).

mod common;
use common::*;
use milkyway_core::json::JsonError;
use milkyway_core::{Error, SignMode};

const MILKBABY_CONTRACT: &str = "milk1qg5ega6dykkxc307y25pecuufrjkxkaggkkxh7nad0vhyhtuhw3ssgcye4";
const BABY: &str = "ibc/B0BEE773CEF718E8B6D2892A27D57FEFB00BD8B2E698367B5CC96A4F36148726";
const MILKBABY: &str =
    "factory/milk1qg5ega6dykkxc307y25pecuufrjkxkaggkkxh7nad0vhyhtuhw3ssgcye4/umilkBBN";
const UNKNOWN_CONTRACT: &str = "milk1unknowncontractxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
const TAIL: [&str; 2] = ["Chain: MilkyWay", "Fees: 0.005 MILK"];

/// A wasm execute from ME with `msg` exactly as given, as a DIRECT SignDoc.
fn direct_execute(contract: &str, msg: &[u8], funds: &[(&str, &str)]) -> Vec<u8> {
    let mut proto = cat(&[fs(1, ME), fs(2, contract), fb(3, msg)]);
    for (d, a) in funds {
        proto.extend(fb(5, &coin(d, a)));
    }
    direct_doc(&[any("/cosmwasm.wasm.v1.MsgExecuteContract", &proto)], "")
}

/// The same execute as x/tx writes it in Amino JSON; `canonical_msg` must be the sorted,
/// compact form of the message.
fn amino_execute(contract: &str, canonical_msg: &str, funds: &[(&str, &str)]) -> String {
    let funds_json: Vec<String> =
        funds.iter().map(|(d, a)| format!(r#"{{"amount":"{a}","denom":"{d}"}}"#)).collect();
    let msg = format!(
        r#"{{"type":"wasm/MsgExecuteContract","value":{{"contract":"{contract}","funds":[{}],"msg":{canonical_msg},"sender":"{ME}"}}}}"#,
        funds_json.join(",")
    );
    amino_doc(&msg, "")
}

fn with_tail(expected: &[&str]) -> Vec<String> {
    let mut want = lines(expected);
    want.extend(lines(&TAIL));
    want
}

/// Each DIRECT `variant` and the Amino twin of `canonical` show exactly `expected`.
fn same_screens(
    contract: &str,
    variants: &[&str],
    canonical: &str,
    funds: &[(&str, &str)],
    expected: &[&str],
) {
    let want = with_tail(expected);
    assert_eq!(
        amino(&amino_execute(contract, canonical, funds)).unwrap(),
        want,
        "AMINO {canonical}"
    );
    assert_eq!(
        direct(&direct_execute(contract, canonical.as_bytes(), funds)).unwrap(),
        want,
        "DIRECT {canonical}"
    );
    for v in variants {
        assert_eq!(
            direct(&direct_execute(contract, v.as_bytes(), funds)).unwrap(),
            want,
            "DIRECT {v:?}"
        );
    }
}

// ------------------------------------------------------------------ liquid staking

#[test]
fn direct_liquid_stake_in_wallet_order_with_whitespace() {
    let canonical = format!(
        r#"{{"liquid_stake":{{"expected_mint_amount":"9000000","mint_to":"{OTHER}","transfer_to_native_chain":false}}}}"#
    );
    // cosmjs: JSON.stringify of an object literal, keys in the order they were written.
    let cosmjs = format!(
        r#"{{"liquid_stake":{{"mint_to":"{OTHER}","transfer_to_native_chain":false,"expected_mint_amount":"9000000"}}}}"#
    );
    // JSON.stringify(msg, null, 2), and a hand-written one with CRLF and tabs.
    let pretty = format!(
        "{{\n  \"liquid_stake\": {{\n    \"transfer_to_native_chain\": false,\n    \"expected_mint_amount\": \"9000000\",\n    \"mint_to\": \"{OTHER}\"\n  }}\n}}"
    );
    let crlf = format!(
        " \r\n{{\t\"liquid_stake\" :\t{{ \"expected_mint_amount\" : \"9000000\" ,\r\n\t\"mint_to\":\"{OTHER}\" , \"transfer_to_native_chain\" : false }} }}\r\n"
    );
    same_screens(
        MILKBABY_CONTRACT,
        &[&cosmjs, &pretty, &crlf],
        &canonical,
        &[(BABY, "10000000")],
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
    // The plain one, as a wallet pretty-prints it.
    same_screens(
        MILKBABY_CONTRACT,
        &[
            "{\n  \"liquid_stake\": {}\n}",
            "{ \"liquid_stake\" : { } }",
            "\t{\"liquid_stake\":{\n}}\n",
        ],
        r#"{"liquid_stake":{}}"#,
        &[(BABY, "10500000")],
        &[
            "Action: Liquid stake",
            "Stake: 10.5 BABY",
            "Receive: milkBABY",
            "Contract: MilkyWay milkBABY staking",
        ],
    );
}

#[test]
fn direct_liquid_unstake_and_withdraw_with_whitespace() {
    same_screens(
        MILKBABY_CONTRACT,
        &["{ \"liquid_unstake\": {} }", "{\n  \"liquid_unstake\": {\n  }\n}\n"],
        r#"{"liquid_unstake":{}}"#,
        &[(MILKBABY, "5000000")],
        &[
            "Action: Liquid unstake",
            "Unstake: 5 milkBABY",
            "Receive: BABY after unbonding",
            "Contract: MilkyWay milkBABY staking",
        ],
    );
    same_screens(
        MILKBABY_CONTRACT,
        &[
            "{\"withdraw\": {\"batch_id\": 42}}",
            "{\n  \"withdraw\": {\n    \"batch_id\": 42\n  }\n}",
            " {\"withdraw\":{\"batch_id\":42 } } ",
        ],
        r#"{"withdraw":{"batch_id":42}}"#,
        &[],
        &["Action: Claim unstaked tokens", "Batch: #42", "Contract: MilkyWay milkBABY staking"],
    );
    same_screens(
        MILKBABY_CONTRACT,
        &["{ \"submit_batch\" : {} }"],
        r#"{"submit_batch":{}}"#,
        &[],
        &["Action: Submit unstake batch", "Contract: MilkyWay milkBABY staking"],
    );
}

// ------------------------------------------------------------------ the generic view

#[test]
fn generic_view_shows_keys_sorted_whatever_the_source_order() {
    // Keys sort by their decoded bytes, as x/tx (Go sort.Strings) sorts them:
    // "Mid" < "alpha" < "zeta", and "\u0062" is "b".
    let canonical = r#"{"Mid":"s","alpha":{"a":null,"b":true,"c":[3,"x"]},"zeta":[{"x":1,"y":{"m":"n","n":"m"}},{}]}"#;
    let unsorted = r#"{"zeta":[{"y":{"n":"m","m":"n"},"x":1},{}],"alpha":{"c":[3,"x"],"\u0062":true,"a":null},"Mid":"s"}"#;
    let pretty = "{\n  \"alpha\": { \"b\": true, \"c\": [ 3, \"x\" ], \"a\": null },\n  \"Mid\": \"s\",\n  \"zeta\": [\n    { \"x\": 1, \"y\": { \"n\": \"m\", \"m\": \"n\" } },\n    { }\n  ]\n}\n";
    let contract = format!("Contract: {UNKNOWN_CONTRACT}");
    same_screens(
        UNKNOWN_CONTRACT,
        &[unsorted, pretty],
        canonical,
        &[("umilk", "1")],
        &[
            "Action: Unverified contract call",
            &contract,
            "Message.Mid: s",
            "Message.alpha.a: null",
            "Message.alpha.b: true",
            "Message.alpha.c[0]: 3",
            "Message.alpha.c[1]: x",
            "Message.zeta[0].x: 1",
            "Message.zeta[0].y.m: n",
            "Message.zeta[0].y.n: m",
            "Message.zeta[1]: {}",
            "Funds: 0.000001 MILK",
        ],
    );
    // A known contract with an argument it does not define, in wallet order: the
    // generic view, in the canonical order.
    same_screens(
        MILKBABY_CONTRACT,
        &[r#"{"liquid_stake":{"referral":"x","mint_to":"y"}}"#],
        r#"{"liquid_stake":{"mint_to":"y","referral":"x"}}"#,
        &[(BABY, "1")],
        &[
            "Action: Unverified contract call",
            &format!("Contract: {MILKBABY_CONTRACT}"),
            "Message.liquid_stake.mint_to: y",
            "Message.liquid_stake.referral: x",
            "Funds: 0.000001 BABY",
        ],
    );
}

#[test]
fn generic_view_of_a_wide_unsorted_object() {
    // Forty keys written in descending order come out ascending.
    let members: Vec<String> = (0..40).rev().map(|i| format!("\"k{i:02}\": {i}")).collect();
    let unsorted = format!("{{ {} }}", members.join(", "));
    let sorted: Vec<String> = (0..40).map(|i| format!("\"k{i:02}\":{i}")).collect();
    let canonical = format!("{{{}}}", sorted.join(","));
    let contract = format!("Contract: {UNKNOWN_CONTRACT}");
    let leaves: Vec<String> = (0..40).map(|i| format!("Message.k{i:02}: {i}")).collect();
    let mut expected: Vec<&str> = vec!["Action: Unverified contract call", &contract];
    expected.extend(leaves.iter().map(String::as_str));
    expected.push("Funds: None");
    same_screens(UNKNOWN_CONTRACT, &[&unsorted], &canonical, &[], &expected);
}

#[test]
fn generic_view_of_nested_wide_unsorted_objects() {
    // Objects of more than 32 keys (the renderer selects keys 32 at a time) inside one
    // another, every level in descending order, interleaved with arrays and sorted
    // objects: the levels share the renderer's selection memory, and each comes out
    // ascending.
    fn object(level: usize, descending: bool, leaves: &mut Vec<String>, path: &str) -> String {
        let n = [35, 33, 40][level];
        let mut members = Vec::new();
        for i in 0..n {
            let key = format!("k{i:02}");
            let value = match (level, i) {
                (0 | 1, 3) => object(level + 1, descending, leaves, &format!("{path}.{key}")),
                (_, i) if i % 11 == 5 => {
                    leaves.push(format!("{path}.{key}[0]: 1"));
                    leaves.push(format!("{path}.{key}[1].a: 2"));
                    leaves.push(format!("{path}.{key}[1].b: 3"));
                    r#"[1,{"a":2,"b":3}]"#.to_string()
                }
                _ => {
                    leaves.push(format!("{path}.{key}: {i}"));
                    i.to_string()
                }
            };
            members.push(format!("\"{key}\":{value}"));
        }
        if descending {
            members.reverse();
            format!("{{ {} }}", members.join(" , "))
        } else {
            format!("{{{}}}", members.join(","))
        }
    }
    let mut leaves = Vec::new();
    let canonical = object(0, false, &mut leaves, "Message");
    let unsorted = object(0, true, &mut Vec::new(), "Message");
    let contract = format!("Contract: {UNKNOWN_CONTRACT}");
    let mut expected: Vec<&str> = vec!["Action: Unverified contract call", &contract];
    expected.extend(leaves.iter().map(String::as_str));
    expected.push("Funds: None");
    assert!(expected.len() > 110, "{}", expected.len());
    same_screens(UNKNOWN_CONTRACT, &[&unsorted], &canonical, &[], &expected);
}

// ------------------------------------------------------------------ refusals

fn refused(msg: &[u8]) -> Error {
    match direct(&direct_execute(UNKNOWN_CONTRACT, msg, &[])) {
        Ok(s) => panic!("accepted {:?}: {s:?}", String::from_utf8_lossy(msg)),
        Err(e) => e,
    }
}

#[track_caller]
fn refused_as(msg: &[u8], want: JsonError, reason: &str) {
    let e = refused(msg);
    assert_eq!(e, Error::ContractMsg(want), "{:?}", String::from_utf8_lossy(msg));
    assert_eq!(e.reason(), reason);
    assert!(reason.bytes().all(|b| (b' '..=b'~').contains(&b)));
}

#[test]
fn duplicate_keys_are_refused_at_every_depth() {
    let dup = "Contract message: duplicate key";
    // Depth 1: the contract's own parser may take either; the device cannot know.
    refused_as(
        br#"{"transfer":{"amount":"1"},"transfer":{"amount":"1000"}}"#,
        JsonError::DuplicateKey { at: 27 },
        dup,
    );
    refused_as(b"{\"a\": 1,\n \"b\": 2,\n \"a\": 3}", JsonError::DuplicateKey { at: 19 }, dup);
    // The same key spelled with an escape is the same key.
    refused_as(
        br#"{"liquid_stake":{},"liquid_\u0073take":{}}"#,
        JsonError::DuplicateKey { at: 19 },
        dup,
    );
    // Depth 3, with whitespace, and in an object inside an array.
    refused_as(
        br#"{"a": {"b": {"mint_to": "milk1x", "amount": "1", "mint_to": "milk1y"}}}"#,
        JsonError::DuplicateKey { at: 49 },
        dup,
    );
    refused_as(br#"{"a":[{"b":{"c":1,"c":2}}]}"#, JsonError::DuplicateKey { at: 18 }, dup);
    // The liquid-staking contract gets no exception.
    let e = match direct(&direct_execute(
        MILKBABY_CONTRACT,
        br#"{"liquid_stake":{"mint_to":"milk1a","mint_to":"milk1b"}}"#,
        &[(BABY, "1")],
    )) {
        Ok(s) => panic!("accepted: {s:?}"),
        Err(e) => e,
    };
    assert_eq!(e, Error::ContractMsg(JsonError::DuplicateKey { at: 36 }));
    // Equal keys in different objects are not duplicates.
    assert!(direct(&direct_execute(UNKNOWN_CONTRACT, br#"{"a":{"a":{"a":1}},"b":{"a":2}}"#, &[]))
        .is_ok());
}

#[test]
fn other_rules_still_hold_in_direct() {
    refused_as(
        b"{\"a\":\"\xff\"}",
        JsonError::InvalidUtf8 { at: 6 },
        "Contract message: invalid UTF-8",
    );
    refused_as(
        br#"{"a": "\ud83d"}"#,
        JsonError::LoneSurrogate { at: 7 },
        "Contract message: lone surrogate",
    );
    refused_as(br#"{"a": "\u0000"}"#, JsonError::Nul { at: 7 }, "Contract message: NUL character");
    refused_as(b"{\"a\": \"x\0\"}", JsonError::Nul { at: 8 }, "Contract message: NUL character");
    refused_as(
        b"{\"a\": \"line\nbreak\"}",
        JsonError::ControlCharacter { at: 11 },
        "Contract message: control character",
    );
    refused_as(
        b"{\"a\": 1} {}",
        JsonError::TrailingBytes { at: 9 },
        "Contract message: trailing bytes",
    );
    refused_as(
        b"{\"a\": 01}",
        JsonError::InvalidNumber { at: 6 },
        "Contract message: invalid number",
    );
    refused_as(b"{\"a\": 1,}", JsonError::UnexpectedChar { at: 8 }, "Contract message: not JSON");
    refused_as(b"", JsonError::Truncated { at: 0 }, "Contract message: JSON truncated");
    refused_as(b" \n ", JsonError::Truncated { at: 3 }, "Contract message: JSON truncated");
    // Only space, tab, CR and LF are JSON whitespace.
    refused_as(b"{\x0b\"a\":1}", JsonError::UnexpectedChar { at: 1 }, "Contract message: not JSON");
    refused_as(
        b"{\xc2\xa0\"a\":1}",
        JsonError::UnexpectedChar { at: 1 },
        "Contract message: not JSON",
    );
    refused_as(
        b"\xef\xbb\xbf{}",
        JsonError::UnexpectedChar { at: 0 },
        "Contract message: not JSON",
    );
    // Nesting: 16 levels are read, the 17th is refused, whitespace or not.
    let deep = |levels: usize| format!("{}1{}", "{ \"a\" : ".repeat(levels), " }".repeat(levels));
    assert!(direct(&direct_execute(UNKNOWN_CONTRACT, deep(16).as_bytes(), &[])).is_ok());
    refused_as(
        deep(17).as_bytes(),
        JsonError::NestingTooDeep { at: 16 * 8 },
        "Contract message: nesting too deep",
    );
    // Keys out of order cost work to check and sort (members x size per unsorted
    // object, at most MAX_SORT_WORK in all); in order they cost nothing.
    let wide = |n: usize, descending: bool| {
        let mut members: Vec<String> = (0..n).map(|i| format!("\"k{i:04}\": {i}")).collect();
        if descending {
            members.reverse();
        }
        format!("{{ {} }}", members.join(", "))
    };
    // (350 keys of 13 bytes: 350 x 4.5 KiB in descending order, over the cap.)
    assert!(direct(&direct_execute(UNKNOWN_CONTRACT, wide(200, true).as_bytes(), &[])).is_ok());
    assert!(direct(&direct_execute(UNKNOWN_CONTRACT, wide(350, false).as_bytes(), &[])).is_ok());
    let e = refused(wide(350, true).as_bytes());
    assert!(matches!(e, Error::ContractMsg(JsonError::TooManyKeys { .. })), "{e:?}");
    assert_eq!(e.reason(), "Contract message: too many keys to sort");
}

#[test]
fn amino_keeps_the_canonical_rules_for_the_wasm_msg() {
    // x/tx writes the msg sorted and compact (sortedJSONStringify), so an Amino document
    // with anything else in it is not what the chain verifies.
    let unsorted = amino_execute(UNKNOWN_CONTRACT, r#"{"b":1,"a":2}"#, &[]);
    assert!(matches!(amino(&unsorted), Err(Error::Json(JsonError::KeysNotSorted { .. }))));
    let spaced = amino_execute(UNKNOWN_CONTRACT, r#"{"a": 2}"#, &[]);
    assert!(matches!(amino(&spaced), Err(Error::Json(JsonError::Whitespace { .. }))));
    let dup = amino_execute(UNKNOWN_CONTRACT, r#"{"a":1,"a":2}"#, &[]);
    assert!(matches!(amino(&dup), Err(Error::Json(JsonError::DuplicateKey { .. }))));
    // Past the wasm msg's own depth bound (the document allows more): the contract
    // message's reason.
    let deep = format!("{}1{}", r#"{"a":"#.repeat(17), "}".repeat(17));
    assert_eq!(
        amino(&amino_execute(UNKNOWN_CONTRACT, &deep, &[])),
        Err(Error::ContractMsg(JsonError::NestingTooDeep { at: 80 }))
    );
}

// ------------------------------------------------------------------ IBC memos

const SENDER: &str = "celestia1mevswxr8d9r0w0vd6d0ds7k4qh0xmdmaxxxxxx";
const MILKTIA_CONTRACT: &str = "osmo1f5vfcph2dvfeqcqkhetwv75fda69z7e5c2dldm3kvgj23crkv6wqcn47a0";

/// A JSON string literal's content, escaped as Go's encoding/json writes it (x/tx).
fn go_escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' | '>' | '&' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Celestia -> Osmosis transfer of 10.5 TIA with `memo`, in both modes.
fn transfer(receiver: &str, memo: &str) -> (Vec<u8>, String) {
    let proto = cat(&[
        fs(1, "transfer"),
        fs(2, "channel-2"),
        fb(3, &coin("utia", "10500000")),
        fs(4, SENDER),
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
    let escaped = go_escape(memo);
    // x/tx leaves an empty receiver out.
    let receiver =
        if receiver.is_empty() { String::new() } else { format!(r#""receiver":"{receiver}","#) };
    let a = format!(
        r#"{{"account_number":"1","chain_id":"celestia","fee":{{"amount":[{{"amount":"2000","denom":"utia"}}],"gas":"150000"}},"memo":"","msgs":[{{"type":"cosmos-sdk/MsgTransfer","value":{{"memo":"{escaped}",{receiver}"sender":"{SENDER}","source_channel":"channel-2","source_port":"transfer","timeout_height":{{}},"timeout_timestamp":"1795257005000000000","token":{{"amount":"10500000","denom":"utia"}}}}}}],"sequence":"0"}}"#
    );
    (d, a)
}

#[track_caller]
fn memo_screens(receiver: &str, memo: &str, expected: &[&str]) {
    let (d, a) = transfer(receiver, memo);
    let want = lines(expected);
    assert_eq!(direct(&d).unwrap(), want, "DIRECT {memo:?}");
    assert_eq!(screens(a.as_bytes(), SignMode::AminoJson).unwrap(), want, "AMINO {memo:?}");
}

const SENDER_LINE: &str = "From: celestia1mevswxr8d9r0w0vd6d0ds7k4qh0xmdmaxxxxxx";

const TRANSFER_TAIL: [&str; 4] = [
    "Channel: transfer/channel-2",
    "Timeout: 2026-11-21 10:30:05 UTC",
    "Chain: Celestia",
    "Fees: 0.002 TIA",
];

/// `action`, the sender, `head`, then the tail.
fn then_tail(action: &str, head: &[&str]) -> Vec<String> {
    [action, SENDER_LINE]
        .iter()
        .chain(head)
        .chain(TRANSFER_TAIL.iter())
        .map(|s| s.to_string())
        .collect()
}

#[test]
fn liquid_stake_memo_in_wallet_order_is_recognised() {
    let expected = then_tail(
        "Action: Liquid stake via IBC",
        &[
            "Stake: 10.5 TIA",
            "Receive: milkTIA",
            "Mint to: osmo1mintto",
            "Send to native chain: Yes",
            "Contract: MilkyWay milkTIA staking on osmosis-1",
        ],
    );
    let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    let sorted = format!(
        r#"{{"wasm":{{"contract":"{MILKTIA_CONTRACT}","msg":{{"liquid_stake":{{"mint_to":"osmo1mintto","transfer_to_native_chain":true}}}}}}}}"#
    );
    let wallet_order = format!(
        r#"{{"wasm":{{"msg":{{"liquid_stake":{{"transfer_to_native_chain":true,"mint_to":"osmo1mintto"}}}},"contract":"{MILKTIA_CONTRACT}"}}}}"#
    );
    let pretty = format!(
        "{{\n  \"wasm\": {{\n    \"msg\": {{ \"liquid_stake\": {{ \"mint_to\": \"osmo1mintto\", \"transfer_to_native_chain\": true }} }},\n    \"contract\": \"{MILKTIA_CONTRACT}\"\n  }}\n}}\n"
    );
    for memo in [&sorted, &wallet_order, &pretty] {
        memo_screens(MILKTIA_CONTRACT, memo, &expected);
        // The receiver may also be left empty.
        memo_screens("", memo, &expected);
    }
}

#[test]
fn insurance_deposit_memo_in_wallet_order_is_recognised() {
    let module = "milk102lq49sg6lmw2e0mw740tjldzq68v0yfgtazz5";
    let memo = format!(
        r#"{{ "liquidvesting": {{ "amounts": [ {{ "depositor": "{ME}", "amount": "1000000" }} ] }} }}"#
    );
    let credit = format!("Credit: 1 TIA to {ME}");
    let expected = then_tail(
        "Action: Insurance fund deposit",
        &["Deposit: 10.5 TIA", "To: MilkyWay insurance fund", &credit],
    );
    let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    memo_screens(module, &memo, &expected);
}

#[test]
fn memos_that_are_not_recognised_are_shown_in_full() {
    let plain = |receiver: &str, memo: &str| {
        let receiver_line = format!("To: {receiver}");
        let mut escaped = String::new();
        for c in memo.chars() {
            match c {
                '\n' => escaped.push_str("\\n"),
                '\t' => escaped.push_str("\\t"),
                c => escaped.push(c),
            }
        }
        let memo_line = format!("IBC memo: {escaped}");
        let mut want: Vec<String> =
            lines(&["Action: IBC transfer", SENDER_LINE, "Amount: 10.5 TIA", &receiver_line]);
        want.extend(lines(&TRANSFER_TAIL[..2]));
        want.push(memo_line);
        want.extend(lines(&TRANSFER_TAIL[2..]));
        let want: Vec<&str> = want.iter().map(String::as_str).collect();
        memo_screens(receiver, memo, &want);
    };
    // Not JSON at all, or JSON with something around it.
    plain(MILKTIA_CONTRACT, "thanks for lunch");
    plain(MILKTIA_CONTRACT, "{wasm: liquid_stake}");
    let hook =
        format!(r#"{{"wasm":{{"contract":"{MILKTIA_CONTRACT}","msg":{{"liquid_stake":{{}}}}}}}}"#);
    plain(MILKTIA_CONTRACT, &format!("{hook} trailing"));
    plain(MILKTIA_CONTRACT, &format!("see {hook}"));
    plain(MILKTIA_CONTRACT, &hook[..hook.len() - 1]);
    // The hook with a duplicated key: the middleware (Go encoding/json) takes the last
    // one, so the device recognises nothing and shows every byte.
    let fake = "osmo1fakecontractxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
    plain(
        MILKTIA_CONTRACT,
        &format!(
            r#"{{"wasm":{{"contract":"{MILKTIA_CONTRACT}","msg":{{"liquid_stake":{{}}}},"contract":"{fake}"}}}}"#
        ),
    );
    plain(
        MILKTIA_CONTRACT,
        &format!(
            r#"{{"wasm":{{"msg":{{"liquid_stake":{{"mint_to":"osmo1a","mint_to":"osmo1b"}}}},"contract":"{MILKTIA_CONTRACT}"}}}}"#
        ),
    );
    // Wallet order, whitespace, but an unknown contract, or an argument the contract
    // does not define.
    plain(
        fake,
        &format!(
            "{{ \"wasm\": {{ \"msg\": {{ \"liquid_stake\": {{}} }}, \"contract\": \"{fake}\" }} }}"
        ),
    );
    plain(
        MILKTIA_CONTRACT,
        &format!("{{\n\t\"wasm\": {{\"msg\": {{\"liquid_stake\": {{\"referral\": \"x\"}}}}, \"contract\": \"{MILKTIA_CONTRACT}\"}}\n}}"),
    );
}
