//! Decode + render cost of fixed transactions (issue 3), measured by scripts/bench-core.sh.
//!
//!   bench_decode list          name, sign-doc size and screens of each transaction
//!   bench_decode check         checks every transaction's screens (exit code 1 on a mismatch)
//!   bench_decode run NAME      decodes and renders NAME once in `decode_and_render` (what
//!                              callgrind counts, with --toggle-collect) and prints the peak
//!                              stack that call used, found by painting the stack
//!   bench_decode calibrate     the painting method on calls of known stack use
//!
//! The sign docs are built with the core tests' writer (core/tests/common), so they are the
//! same encodings the tests check. The screens expected below are written out by hand from
//! the messages' display rules (core/tests/messages.rs and liquid_staking.rs show the
//! same messages one at a time); DIRECT and Amino JSON must give identical screens.

#[path = "../tests/common/mod.rs"]
mod common;

use std::hint::black_box;

use common::*;
use milkyway_core::{decode, render, Error, Options, Screen, SignMode};

const MILKTIA: &str = "ibc/16065EE5282C5217685C8F084FC44864C25C706AC37356B0D62811D50B96920F";
const TIA: &str = "ibc/F1183DB3D428313A6FD329DF18219F9D6B83257D07D292EA9EC1D877E89EC2B0";
const BABY: &str = "ibc/B0BEE773CEF718E8B6D2892A27D57FEFB00BD8B2E698367B5CC96A4F36148726";
const MILKBABY_CONTRACT: &str = "milk1qg5ega6dykkxc307y25pecuufrjkxkaggkkxh7nad0vhyhtuhw3ssgcye4";

/// One message in both encodings and the screens it takes (its fields, after the title).
struct Msg {
    direct: Vec<u8>,
    amino: String,
    title: &'static str,
    fields: Vec<String>,
}

/// Restake `amount` milkTIA base units, shown as `shown`.
fn restake(amount: &str, shown: &str) -> Msg {
    Msg {
        direct: any(
            "/milkyway.restaking.v1.MsgDelegatePool",
            &cat(&[fs(1, ME), fb(2, &coin(MILKTIA, amount))]),
        ),
        amino: format!(
            r#"{{"type":"milkyway/MsgDelegatePool","value":{{"amount":{{"amount":"{amount}","denom":"{MILKTIA}"}},"delegator":"{ME}"}}}}"#
        ),
        title: "Restake to pool",
        fields: vec![format!("Amount: {shown}")],
    }
}

/// Ten different MilkyWay messages: restaking, AVS opt-in, rewards, liquid staking, gov.
fn mixed() -> Vec<Msg> {
    let wasm_msg = r#"{"liquid_stake":{}}"#;
    vec![
        restake("10500000", "10.5 milkTIA"),
        Msg {
            direct: any(
                "/milkyway.restaking.v1.MsgDelegateOperator",
                &cat(&[
                    fs(1, ME),
                    fv(2, 12),
                    fb(3, &coin("umilk", "1000000")),
                    fb(3, &coin(TIA, "250000")),
                ]),
            ),
            amino: format!(
                r#"{{"type":"milkyway/MsgDelegateOperator","value":{{"amount":[{{"amount":"1000000","denom":"umilk"}},{{"amount":"250000","denom":"{TIA}"}}],"delegator":"{ME}","operator_id":12}}}}"#
            ),
            title: "Restake to operator",
            fields: lines(&["Operator: Operator #12", "Amount: 1 MILK, 0.25 TIA"]),
        },
        Msg {
            direct: any(
                "/milkyway.restaking.v1.MsgDelegateService",
                &cat(&[fs(1, ME), fv(2, 5), fb(3, &coin("umilk", "3"))]),
            ),
            amino: format!(
                r#"{{"type":"milkyway/MsgDelegateService","value":{{"amount":[{{"amount":"3","denom":"umilk"}}],"delegator":"{ME}","service_id":5}}}}"#
            ),
            title: "Restake to service",
            fields: lines(&["Service: Service #5", "Amount: 0.000003 MILK"]),
        },
        Msg {
            direct: any(
                "/milkyway.restaking.v1.MsgUndelegatePool",
                &cat(&[fs(1, ME), fb(2, &coin("umilk", "2000000"))]),
            ),
            amino: format!(
                r#"{{"type":"milkyway/MsgUndelegatePool","value":{{"amount":{{"amount":"2000000","denom":"umilk"}},"delegator":"{ME}"}}}}"#
            ),
            title: "Unrestake from pool",
            fields: lines(&["Amount: 2 MILK"]),
        },
        Msg {
            direct: any(
                "/milkyway.restaking.v1.MsgSetUserPreferences",
                &cat(&[
                    fs(1, ME),
                    fb(2, &cat(&[fb(4, &cat(&[fv(1, 2), fb(2, &[1, 3])])), fb(4, &fv(1, 7))])),
                ]),
            ),
            amino: format!(
                r#"{{"type":"milkyway/MsgSetUserPreferences","value":{{"preferences":{{"trusted_services":[{{"pools_ids":[1,3],"service_id":2}},{{"service_id":7}}]}},"user":"{ME}"}}}}"#
            ),
            title: "Trust services",
            fields: lines(&[
                "Trusted service 1/2: Service #2 with pools #1, #3",
                "Trusted service 2/2: Service #7 with all pools",
            ]),
        },
        Msg {
            direct: any(
                "/milkyway.restaking.v1.MsgJoinService",
                &cat(&[fs(1, ME), fv(2, 4), fv(3, 8)]),
            ),
            amino: format!(
                r#"{{"type":"milkyway/MsgJoinService","value":{{"operator_id":4,"sender":"{ME}","service_id":8}}}}"#
            ),
            title: "Operator joins service",
            fields: lines(&["Operator: Operator #4", "Service: Service #8"]),
        },
        Msg {
            direct: any(
                "/milkyway.rewards.v1.MsgWithdrawDelegatorReward",
                &cat(&[fs(1, ME), fv(2, 2), fv(3, 12)]),
            ),
            amino: format!(
                r#"{{"type":"milkyway/MsgWithdrawDelegatorReward","value":{{"delegation_target_id":12,"delegation_type":2,"delegator_address":"{ME}"}}}}"#
            ),
            title: "Claim restaking rewards",
            fields: lines(&["From: Operator #12"]),
        },
        Msg {
            direct: any(
                "/cosmwasm.wasm.v1.MsgExecuteContract",
                &cat(&[
                    fs(1, ME),
                    fs(2, MILKBABY_CONTRACT),
                    fb(3, wasm_msg.as_bytes()),
                    fb(5, &coin(BABY, "10500000")),
                ]),
            ),
            amino: format!(
                r#"{{"type":"wasm/MsgExecuteContract","value":{{"contract":"{MILKBABY_CONTRACT}","funds":[{{"amount":"10500000","denom":"{BABY}"}}],"msg":{wasm_msg},"sender":"{ME}"}}}}"#
            ),
            title: "Liquid stake",
            fields: lines(&[
                "Stake: 10.5 BABY",
                "Receive: milkBABY",
                "Contract: MilkyWay milkBABY staking",
            ]),
        },
        Msg {
            direct: any("/cosmos.gov.v1.MsgVote", &cat(&[fv(1, 12), fs(2, ME), fv(3, 1)])),
            amino: format!(
                r#"{{"type":"cosmos-sdk/v1/MsgVote","value":{{"option":1,"proposal_id":"12","voter":"{ME}"}}}}"#
            ),
            title: "Vote",
            fields: lines(&["Proposal: Proposal #12", "Vote: Yes"]),
        },
        Msg {
            direct: any(
                "/milkyway.rewards.v1.MsgSetWithdrawAddress",
                &cat(&[fs(1, ME), fs(2, OTHER)]),
            ),
            amino: format!(
                r#"{{"type":"milkyway/MsgSetWithdrawAddress","value":{{"sender":"{ME}","withdraw_address":"{OTHER}"}}}}"#
            ),
            title: "Set rewards address",
            fields: vec![format!("Rewards to: {OTHER}")],
        },
    ]
}

/// The costliest transaction known to decode: a call of an unknown contract whose `msg`
/// is one flat object of `n` keys. DIRECT carries the msg as the wallet wrote it, here
/// with spaces and the keys in descending order, which the core must check for
/// duplicates and show sorted (cost: keys x object size, capped by json::MAX_SORT_WORK;
/// 277 keys is the most this shape can have under the cap, 278 are refused). Amino JSON
/// carries it as x/tx writes it, sorted and compact. Both show it in key order.
fn wide_contract(n: usize) -> Msg {
    const UNKNOWN: &str = "milk1unknowncontractxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
    let members: Vec<String> = (0..n).map(|i| format!("\"k{i:04}\": {i}")).collect();
    let descending =
        format!("{{ {} }}", members.iter().rev().cloned().collect::<Vec<_>>().join(", "));
    let canonical = format!("{{{}}}", members.join(",")).replace("\": ", "\":");
    let mut fields = vec![format!("Contract: {UNKNOWN}")];
    fields.extend((0..n).map(|i| format!("Message.k{i:04}: {i}")));
    fields.push("Funds: None".into());
    Msg {
        direct: any(
            "/cosmwasm.wasm.v1.MsgExecuteContract",
            &cat(&[fs(1, ME), fs(2, UNKNOWN), fb(3, descending.as_bytes())]),
        ),
        amino: format!(
            r#"{{"type":"wasm/MsgExecuteContract","value":{{"contract":"{UNKNOWN}","funds":[],"msg":{canonical},"sender":"{ME}"}}}}"#
        ),
        title: "Unverified contract call",
        fields,
    }
}

// ------------------------------------------------------------ the worst documents
//
// What a document can cost is bounded by the device's 32768-byte sign buffer, the core's
// limits (MAX_SCREENS screens, 32 messages, 5 authz levels, 16 JSON levels) and, for a
// contract message in DIRECT, json::MAX_SORT_WORK: the sum over its objects whose keys
// are out of order of members x object size, at most 1 MiB per message. The core
// validates a contract message again on every read of the `msg` field, and each of the
// transaction's messages has a cap of its own, so the worst documents repeat messages near
// the cap and wrap them in authz `MsgExec` levels (each level reads its inner messages
// again). Every one of these documents fits the sign buffer in both modes (checked).

const UNKNOWN: &str = "milk1unknowncontractxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
/// Key characters that x/tx's Go encoder writes as they are (no `<`, `>`, `&`), in byte
/// order, so `key2(i) < key2(j)` exactly when `i < j`.
const ALNUM: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// The `i`-th two-character key.
fn key2(i: usize) -> String {
    let n = ALNUM.len();
    assert!(i < n * n);
    format!("{}{}", ALNUM[i / n] as char, ALNUM[i % n] as char)
}

/// An unknown contract's message: one flat object of `n` keys, each `"a"` x `prefix` then
/// `key2(i)`, all values 0. In DIRECT the keys come in descending order, the `a`s written
/// as `\u0061` escapes (a wallet may escape anything; comparing escaped keys costs the
/// most); in Amino JSON as x/tx writes them: plain, sorted, compact. Shown as
/// `Message.<key>: 0` in key order in both.
fn contract_keys(n: usize, prefix: usize) -> Msg {
    let shown = |i: usize| format!("{}{}", "a".repeat(prefix), key2(i));
    let escaped = |i: usize| format!("{}{}", "\\u0061".repeat(prefix), key2(i));
    let direct_msg = format!(
        "{{{}}}",
        (0..n).rev().map(|i| format!("\"{}\":0", escaped(i))).collect::<Vec<_>>().join(",")
    );
    let amino_msg = format!(
        "{{{}}}",
        (0..n).map(|i| format!("\"{}\":0", shown(i))).collect::<Vec<_>>().join(",")
    );
    let mut fields = vec![format!("Contract: {UNKNOWN}")];
    fields.extend((0..n).map(|i| format!("Message.{}: 0", shown(i))));
    fields.push("Funds: None".into());
    Msg {
        direct: any(
            "/cosmwasm.wasm.v1.MsgExecuteContract",
            &cat(&[fs(1, ME), fs(2, UNKNOWN), fb(3, direct_msg.as_bytes())]),
        ),
        amino: format!(
            r#"{{"type":"wasm/MsgExecuteContract","value":{{"contract":"{UNKNOWN}","funds":[],"msg":{amino_msg},"sender":"{ME}"}}}}"#
        ),
        title: "Unverified contract call",
        fields,
    }
}

/// A contract message nested `levels` deep: each object has `m` keys `k00`... (value 0)
/// and, but for the innermost, a last key `z` holding the next object; in DIRECT every
/// object's keys are in descending order (`z` first), with spaces.
fn contract_deep(levels: usize, m: usize) -> Msg {
    fn object(level: usize, levels: usize, m: usize, descending: bool) -> String {
        let mut members: Vec<String> = (0..m).map(|i| format!("\"k{i:02}\":0")).collect();
        if level + 1 < levels {
            members.push(format!("\"z\":{}", object(level + 1, levels, m, descending)));
        }
        if descending {
            members.reverse();
            format!("{{ {} }}", members.join(", "))
        } else {
            format!("{{{}}}", members.join(","))
        }
    }
    let mut fields = vec![format!("Contract: {UNKNOWN}")];
    for level in 0..levels {
        fields.extend((0..m).map(|i| format!("Message{}.k{i:02}: 0", ".z".repeat(level))));
    }
    fields.push("Funds: None".into());
    Msg {
        direct: any(
            "/cosmwasm.wasm.v1.MsgExecuteContract",
            &cat(&[fs(1, ME), fs(2, UNKNOWN), fb(3, object(0, levels, m, true).as_bytes())]),
        ),
        amino: format!(
            r#"{{"type":"wasm/MsgExecuteContract","value":{{"contract":"{UNKNOWN}","funds":[],"msg":{},"sender":"{ME}"}}}}"#,
            object(0, levels, m, false)
        ),
        title: "Unverified contract call",
        fields,
    }
}

/// `levels` authz `MsgExec` (grantee: the signer) around `inner`.
fn exec_around(levels: usize, inner: Vec<Msg>) -> Msg {
    exec_around_as(levels, inner, ME)
}

/// `levels` authz `MsgExec` around `inner`: the outermost one's grantee is the signer,
/// the inner ones' `grantee` (shown when it is not the signer).
fn exec_around_as(levels: usize, inner: Vec<Msg>, grantee: &str) -> Msg {
    let mut msgs = inner;
    for level in 0..levels {
        let n = msgs.len();
        let grantee = if level + 1 == levels { ME } else { grantee };
        let mut parts = vec![fs(1, grantee)];
        parts.extend(msgs.iter().map(|m| fb(2, &m.direct)));
        let amino_inner: Vec<&str> = msgs.iter().map(|m| m.amino.as_str()).collect();
        let mut fields = Vec::new();
        for (i, m) in msgs.iter().enumerate() {
            fields.push(if n > 1 {
                format!("Inner action {}/{}: {}", i + 1, n, m.title)
            } else {
                format!("Inner action: {}", m.title)
            });
            fields.extend(m.fields.iter().cloned());
        }
        if grantee != ME {
            fields.insert(0, format!("Grantee: {grantee}"));
        }
        msgs = vec![Msg {
            direct: any("/cosmos.authz.v1beta1.MsgExec", &cat(&parts)),
            amino: format!(
                r#"{{"type":"cosmos-sdk/MsgExec","value":{{"grantee":"{grantee}","msgs":[{}]}}}}"#,
                amino_inner.join(",")
            ),
            title: "Execute as grantee",
            fields,
        }];
    }
    msgs.pop().unwrap()
}

/// The stack's worst case (the device's stack session in `make bench` signs the same
/// shapes): a contract message of `depth` nested objects `{"a":{"a":…{"x":…,"y":…,"z":…}}}`
/// sent by another account (OTHER), three string leaves at the deepest level.
fn contract_nested(depth: usize) -> Msg {
    let mut msg = r#"{"x":"deepest leaf 1","y":"deepest leaf 2","z":"deepest leaf 3"}"#.to_string();
    for _ in 1..depth {
        msg = format!(r#"{{"a":{msg}}}"#);
    }
    let path = format!("Message{}", ".a".repeat(depth - 1));
    Msg {
        direct: any(
            "/cosmwasm.wasm.v1.MsgExecuteContract",
            &cat(&[fs(1, OTHER), fs(2, UNKNOWN), fb(3, msg.as_bytes())]),
        ),
        amino: format!(
            r#"{{"type":"wasm/MsgExecuteContract","value":{{"contract":"{UNKNOWN}","funds":[],"msg":{msg},"sender":"{OTHER}"}}}}"#
        ),
        title: "Unverified contract call",
        fields: vec![
            format!("Sender: {OTHER}"),
            format!("Contract: {UNKNOWN}"),
            format!("{path}.x: deepest leaf 1"),
            format!("{path}.y: deepest leaf 2"),
            format!("{path}.z: deepest leaf 3"),
            "Funds: None".into(),
        ],
    }
}

/// An IBC transfer of 0.001 MILK whose memo is one object of `n` keys in descending order
/// (`{"zz":0,...}`, compact): JSON the device reads (it would show a liquid-stake memo in
/// words), and with its keys out of order, sorts and checks for duplicates; this one
/// matches nothing and is shown in full, 200 characters a page.
fn transfer_memo(n: usize) -> Msg {
    const RECEIVER: &str = "osmo1qy352eufqy352eufqy352eufqy352eufw3yqkp";
    let memo = format!(
        "{{{}}}",
        (0..n).rev().map(|i| format!("\"{}\":0", key2(i))).collect::<Vec<_>>().join(",")
    );
    let pages: Vec<&str> =
        memo.as_bytes().chunks(200).map(|c| std::str::from_utf8(c).unwrap()).collect();
    let mut fields = lines(&["Amount: 0.001 MILK"]);
    fields.push(format!("Receiver: {RECEIVER}"));
    fields.push("Channel: transfer/channel-0".into());
    fields.push("Timeout: 2026-11-21 10:30:05 UTC".into());
    for (i, p) in pages.iter().enumerate() {
        fields.push(format!("IBC memo ({}/{}): {p}", i + 1, pages.len()));
    }
    Msg {
        direct: any(
            "/ibc.applications.transfer.v1.MsgTransfer",
            &cat(&[
                fs(1, "transfer"),
                fs(2, "channel-0"),
                fb(3, &coin("umilk", "1000")),
                fs(4, ME),
                fs(5, RECEIVER),
                fv(7, 1_795_257_005_000_000_000),
                fs(8, &memo),
            ]),
        ),
        amino: format!(
            r#"{{"type":"cosmos-sdk/MsgTransfer","value":{{"memo":"{}","receiver":"{RECEIVER}","sender":"{ME}","source_channel":"channel-0","source_port":"transfer","timeout_height":{{}},"timeout_timestamp":"1795257005000000000","token":{{"amount":"1000","denom":"umilk"}}}}}}"#,
            memo.replace('"', "\\\"")
        ),
        title: "IBC transfer",
        fields,
    }
}

/// What a benchmarked transaction must give: its screens, or a refusal (after decoding,
/// by the renderer: the cost up to the refusal is what is measured).
#[derive(Clone)]
pub enum Expect {
    Screens(Vec<String>),
    Refused(&'static str),
}

/// A benchmarked transaction: its sign doc and what it must render.
pub struct Case {
    pub name: String,
    pub mode: SignMode,
    pub bytes: Vec<u8>,
    pub expect: Expect,
}

/// The sign buffer of the device app.
const SIGN_BUFFER: usize = 32768;

fn cases() -> Vec<Case> {
    let sets: Vec<(&str, Vec<Msg>, Option<&'static str>)> = vec![
        ("restake-1", vec![restake("10500000", "10.5 milkTIA")], None),
        // 1 to 10 milkTIA (6 decimals): 1000000 shown as "1 milkTIA" and so on.
        (
            "restake-10",
            (1..=10).map(|i| restake(&format!("{i}000000"), &format!("{i} milkTIA"))).collect(),
            None,
        ),
        ("mixed-10", mixed(), None),
        ("contract-277-keys", vec![wide_contract(277)], None),
        // The most keys one flat object can have under the cap (two-character keys,
        // descending): 386 keys, 387 are refused.
        ("contract-386-keys", vec![contract_keys(386, 0)], None),
        // The costliest single message found: keys with a 6-character escaped prefix
        // (`\u0061` x 6), 156 of them (157 are refused).
        ("contract-escaped-keys", vec![contract_keys(156, 6)], None),
        // The costliest document found that the device accepts: five authz levels around
        // three such messages of 111 keys with a 13-character escaped prefix (349 screens).
        (
            "exec5-3-contracts",
            vec![exec_around(5, (0..3).map(|_| contract_keys(111, 13)).collect())],
            None,
        ),
        // A contract message 16 levels deep (the most), 24 keys at each level, every
        // object's keys descending in DIRECT (384 screens of leaves).
        ("contract-deep-16", vec![contract_deep(16, 24)], None),
        // 20 IBC transfers, each memo a 1 KiB object of 145 keys out of order (the most
        // that fit 32 KiB in Amino JSON, where the memo's quotes are escaped).
        ("transfers-memo-20", (0..20).map(|_| transfer_memo(145)).collect(), None),
        // The deepest documents (stack): five authz levels around a message nested 16
        // deep (DIRECT only: an Amino JSON document has at most 24 levels in all), one
        // around 16, five around 5.
        (
            "deepest-5x16",
            vec![exec_around_as(5, vec![contract_nested(16)], OTHER)],
            Some("direct only"),
        ),
        ("deepest-1x16", vec![exec_around_as(1, vec![contract_nested(16)], OTHER)], None),
        ("deepest-5x5", vec![exec_around_as(5, vec![contract_nested(5)], OTHER)], None),
        // One restake and a memo filling the sign buffer (the largest document of make
        // bench's capacity search): 32,400 characters, 162 pages of 200.
        ("restake-memo-32k", vec![restake("10500000", "10.5 milkTIA")], Some("memo")),
        // Refused, but only by the renderer, after decoding it all: ten 386-key messages
        // under five authz levels (3910 screens).
        (
            "exec5-10-contracts",
            vec![exec_around(5, (0..10).map(|_| contract_keys(386, 0)).collect())],
            Some("Too many screens to display"),
        ),
    ];
    let mut out = Vec::new();
    /// The memo of restake-memo-32k: letters, as long as the Amino JSON sign doc allows.
    const MEMO_CHARS: usize = 32_400;
    let long_memo: String = (0..MEMO_CHARS).map(|i| char::from(b'a' + (i % 26) as u8)).collect();
    for (name, msgs, refusal) in sets {
        let memo = if refusal == Some("memo") { long_memo.as_str() } else { "" };
        let refusal = refusal.filter(|r| *r != "memo");
        let n = msgs.len();
        let mut screens = Vec::new();
        for (i, m) in msgs.iter().enumerate() {
            if n > 1 {
                screens.push(format!("Action {}/{}: {}", i + 1, n, m.title));
            } else {
                screens.push(format!("Action: {}", m.title));
            }
            screens.extend(m.fields.iter().cloned());
        }
        let pages: Vec<&str> =
            memo.as_bytes().chunks(200).map(|c| std::str::from_utf8(c).unwrap()).collect();
        for (i, page) in pages.iter().enumerate() {
            screens.push(format!("Memo ({}/{}): {page}", i + 1, pages.len()));
        }
        screens.extend(lines(&["Fee: 0.005 MILK", "Chain: milkyway"]));
        let direct_only = refusal == Some("direct only");
        let expect = match refusal {
            Some(reason) if !direct_only => Expect::Refused(reason),
            _ => Expect::Screens(screens),
        };
        let direct: Vec<Vec<u8>> = msgs.iter().map(|m| m.direct.clone()).collect();
        let amino: Vec<&str> = msgs.iter().map(|m| m.amino.as_str()).collect();
        out.push(Case {
            name: format!("{name}-direct"),
            mode: SignMode::Direct,
            bytes: direct_doc(&direct, memo),
            expect: expect.clone(),
        });
        if direct_only {
            continue;
        }
        out.push(Case {
            name: format!("{name}-amino"),
            mode: SignMode::AminoJson,
            bytes: amino_doc(&amino.join(","), memo).into_bytes(),
            expect,
        });
    }
    out
}

const OPTS: Options<'static> = Options { expert: false, own_address: Some(ME) };

/// What is measured: decode, then render every screen into a sink that only counts.
/// Returns the number of screens and of value bytes.
#[inline(never)]
fn decode_and_render(bytes: &[u8], mode: SignMode) -> Result<(usize, usize), Error> {
    let tx = decode(bytes, mode)?;
    let (mut screens, mut chars) = (0usize, 0usize);
    let mut sink = |s: Screen<'_>| {
        screens += 1;
        chars += s.value.len();
        Ok(())
    };
    render(&tx, &OPTS, &mut sink)?;
    Ok((screens, chars))
}

// ------------------------------------------------------------ peak stack by painting

const PAINT: u64 = 0x5A5A_A5A5_C3C3_3C3C;
/// Painted below the measuring frame: far more than the core can use (it must fit in
/// the device's few KiB) and well inside the measuring thread's stack.
const PAINT_BYTES: usize = 256 * 1024;
/// Left alone just below the painting function's own frame (x86-64 red zone and spills).
const GAP: usize = 256;

/// Fills `[top - PAINT_BYTES, top - GAP)` with `PAINT`, `top` being an address in this
/// function's frame, and returns `top`.
#[inline(never)]
fn paint() -> usize {
    let marker = 0u8;
    let top = black_box(&marker) as *const u8 as usize & !7;
    let mut a = top - PAINT_BYTES;
    while a < top - GAP {
        // SAFETY: the measuring thread's stack is 1 MiB (see `main`) and mapped in full,
        // and nothing lives below this frame while it runs.
        unsafe { std::ptr::write_volatile(a as *mut u64, PAINT) };
        a += 8;
    }
    top
}

/// The lowest address below `top` whose paint was overwritten.
#[inline(never)]
fn lowest_touched(top: usize) -> usize {
    let mut a = top - PAINT_BYTES;
    while a < top - GAP {
        // SAFETY: as in `paint`: mapped, and painted by it.
        if unsafe { std::ptr::read_volatile(a as *const u64) } != PAINT {
            return a;
        }
        a += 8;
    }
    top - GAP
}

/// Runs the measured call once on painted stack; returns its result and the stack it
/// used in bytes (from the caller's frame down to the deepest overwritten word).
fn measure(case: &Case) -> (Result<(usize, usize), Error>, usize) {
    let top = paint();
    let result = decode_and_render(black_box(&case.bytes), case.mode);
    let low = lowest_touched(top);
    if low + PAINT_BYTES <= top + 64 {
        eprintln!("bench_decode: the paint was used up entirely; raise PAINT_BYTES");
        std::process::exit(2);
    }
    (result, top - low)
}

/// The method's check: a call that writes every byte of an `N`-byte local array must
/// measure `N` give or take a few bytes (measured: N - 8 with the device-like profile,
/// N + 16 with the default release profile).
#[inline(never)]
fn touch_array<const N: usize>() -> u8 {
    let mut a = [0u8; N];
    for (i, b) in a.iter_mut().enumerate() {
        // SAFETY: a valid, aligned pointer into `a`.
        unsafe { std::ptr::write_volatile(b, i as u8) };
    }
    black_box(&a)[N / 2]
}

fn calibrate() -> Vec<(usize, usize)> {
    fn one<const N: usize>() -> (usize, usize) {
        let top = paint();
        black_box(touch_array::<N>());
        (N, top - lowest_touched(top))
    }
    vec![one::<1024>(), one::<4096>(), one::<16384>()]
}

fn screens_of(case: &Case) -> Result<Vec<String>, Error> {
    let tx = decode(&case.bytes, case.mode)?;
    let mut out = Vec::new();
    render(&tx, &OPTS, &mut |s: Screen<'_>| {
        out.push(format!("{}: {}", s.label, s.value));
        Ok(())
    })?;
    Ok(out)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let cases = cases();
    match args.first().map(String::as_str) {
        Some("list") => {
            for c in &cases {
                match &c.expect {
                    Expect::Screens(s) => {
                        println!("{} {} bytes {} screens", c.name, c.bytes.len(), s.len())
                    }
                    Expect::Refused(_) => {
                        println!("{} {} bytes refused screens", c.name, c.bytes.len())
                    }
                }
            }
        }
        Some("check") => {
            let mut ok = true;
            for c in &cases {
                if c.bytes.len() > SIGN_BUFFER {
                    ok = false;
                    println!("{}: {} bytes, more than the sign buffer", c.name, c.bytes.len());
                }
                match (screens_of(c), &c.expect) {
                    (Ok(s), Expect::Screens(want)) if &s == want => {
                        println!("{}: {} screens as expected", c.name, s.len())
                    }
                    (Err(e), Expect::Refused(reason)) if e.reason() == *reason => {
                        println!("{}: refused as expected ({reason})", c.name)
                    }
                    (got, want) => {
                        ok = false;
                        let want = match want {
                            Expect::Screens(s) => format!("{s:?}"),
                            Expect::Refused(r) => format!("refused: {r}"),
                        };
                        println!(
                            "{}: MISMATCH\n  got  {:?}\n  want {want}",
                            c.name,
                            got.map_err(|e| e.reason())
                        );
                    }
                }
            }
            // The "most" above: one key more is over json::MAX_SORT_WORK.
            for (n, prefix) in [(387, 0), (157, 6), (112, 13)] {
                let doc = direct_doc(&[contract_keys(n, prefix).direct], "");
                let tx = decode(&doc, SignMode::Direct).map(|_| ());
                if tx.map_err(|e| e.reason()) != Err("Contract message: too many keys to sort") {
                    ok = false;
                    println!("{n} keys with a {prefix}-character prefix are not refused as too many keys to sort");
                }
            }
            std::process::exit(if ok { 0 } else { 1 });
        }
        Some("calibrate") => {
            let rows = std::thread::Builder::new()
                .stack_size(1024 * 1024)
                .spawn(calibrate)
                .unwrap()
                .join()
                .unwrap();
            for (n, measured) in rows {
                println!("array_bytes={n} peak_stack_bytes={measured}");
            }
        }
        Some("run") => {
            let Some(case) = args.get(1).and_then(|n| cases.into_iter().find(|c| &c.name == n))
            else {
                eprintln!("bench_decode run NAME: NAME is one of `bench_decode list`");
                std::process::exit(2);
            };
            // A thread of its own with a known, fully mapped stack for the painting.
            let (result, stack) = std::thread::Builder::new()
                .stack_size(1024 * 1024)
                .spawn(move || {
                    let (r, stack) = measure(&case);
                    let name = case.name.clone();
                    (r.map(|(screens, chars)| (name, case.bytes.len(), screens, chars)), stack)
                })
                .unwrap()
                .join()
                .unwrap();
            match result {
                Ok((name, size, screens, chars)) => {
                    println!("{name} sign_doc_bytes={size} screens={screens} value_bytes={chars} peak_stack_bytes={stack}")
                }
                // A refusal is a result here: `check` says whether it was the expected one.
                Err(e) => println!("refused={:?} peak_stack_bytes={stack}", e.reason()),
            }
        }
        _ => {
            eprintln!("usage: bench_decode list | check | run NAME | calibrate");
            std::process::exit(2);
        }
    }
}
