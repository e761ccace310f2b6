//! The benchmark's transactions, built with the host crate: restakes (`MsgDelegatePool`
//! of milkTIA, like the core benchmark's `restake-1` and `restake-10`), documents of
//! an exact size (a restake whose memo fills the rest), and the most deeply nested
//! documents the core accepts (authz `MsgExec` around a wasm execute whose contract
//! message nests to the core's limit), for the stack high-water mark.

use milkyway_ledger::amino_json::{Json, ObjectBuilder};
use milkyway_ledger::cli::build;
use milkyway_ledger::crypto;
use milkyway_ledger::denoms::MILKYWAY;
use milkyway_ledger::msgs::{coin, cosmos, wasm, Msg, MsgType};
use milkyway_ledger::tx::{SignMode, Tx, TxBuilder};

/// `n` restakes to the pool from `sender`, amounts 10.5, 11.5… milkTIA.
pub fn restakes(sender: &str, n: usize) -> Vec<Msg> {
    (0..n)
        .map(|i| {
            build::restake(&MILKYWAY, sender, "pool", None, &format!("{}.5milkTIA", 10 + i))
                .expect("a valid restake")
        })
        .collect()
}

pub fn tx(msgs: &[Msg], memo: String) -> Tx {
    tx_with_fee(msgs, memo, "5000")
}

fn tx_with_fee(msgs: &[Msg], memo: String, fee: &str) -> Tx {
    TxBuilder::new(MILKYWAY.chain_id)
        .msgs(msgs.iter().cloned())
        .memo(memo)
        .fee(vec![coin(fee, "umilk")], 200_000 + 100_000 * msgs.len() as u64)
        .account_number(12)
        .sequence(40)
        .build()
        .expect("a valid transaction")
}

pub fn sign_bytes(tx: &Tx, mode: SignMode, public_key: &[u8; 33]) -> Vec<u8> {
    tx.sign_bytes(mode, public_key).expect("sign bytes")
}

/// The memo character that fills a document: in Amino JSON `<`, which the chain's JSON
/// writes as `\u003c` (six sign bytes per character on screen, so a full document's
/// review stays short); in DIRECT every byte is a character on screen, `m`.
pub fn filler(mode: SignMode) -> char {
    match mode {
        SignMode::AminoJson => '<',
        SignMode::Direct | SignMode::Textual => 'm',
    }
}

/// The smallest document of the family: `msgs` with an empty memo.
pub fn base_size(msgs: &[Msg], mode: SignMode, public_key: &[u8; 33]) -> usize {
    sign_bytes(&tx(msgs, String::new()), mode, public_key).len()
}

/// `msgs` with a memo of [`filler`] characters (and a few `a` to land on the byte) whose
/// sign bytes in `mode` are exactly `size` bytes (at least [`base_size`]). Where a
/// protobuf length prefix grows by a byte a size can be out of the memo's reach: a fee
/// written with one or two more digits (0.05 or 0.5 MILK instead of 0.005) fills it.
pub fn sized(msgs: &[Msg], mode: SignMode, public_key: &[u8; 33], size: usize) -> Vec<u8> {
    let unit = filler(mode);
    for fee in ["5000", "50000", "500000"] {
        let bytes = |memo: String| sign_bytes(&tx_with_fee(msgs, memo, fee), mode, public_key);
        let base = bytes(String::new()).len();
        if size < base {
            continue;
        }
        if size == base {
            return bytes(String::new());
        }
        // One character opens the memo field (DIRECT: tag and length); count from there.
        let one = bytes(unit.to_string()).len();
        let per_unit = bytes(unit.to_string().repeat(2)).len() - one;
        let guess = 1 + size.saturating_sub(one) / per_unit;
        let mut units = guess;
        loop {
            let memo = unit.to_string().repeat(units);
            let n = bytes(memo.clone()).len();
            if n <= size {
                let doc = bytes(memo + &"a".repeat(size - n));
                if doc.len() == size {
                    return doc;
                }
            }
            // Give up on this fee after a few characters less: the gap is elsewhere.
            if units == 0 || guess - units > 8 {
                break;
            }
            units -= 1;
        }
    }
    panic!("no {size}-byte document in {}", mode.name())
}

// ---- the deepest documents ------------------------------------------------------------
//
// Stack depth grows with nesting, not with size: the core's decoders are iterative
// (its JSON parser keeps a fixed array of levels), but validating and rendering a
// message recurse once per authz `MsgExec` level (`milkyway_core::msg::MAX_NESTING`:
// messages at depth 0 to 5, so five `MsgExec` around one message) and the renderer
// recurses once per object or array of a contract message it shows leaf by leaf
// (`milkyway_core::msg::MAX_JSON_DEPTH`: 16 levels). The app hands NBGL a batch of three
// screens from inside the renderer, so the deepest leaves come three in a row: one of
// them fills a batch, and NBGL draws while the renderer is at its deepest.
//
// A DIRECT document carries a contract message as bytes of its own, so both limits can
// be reached at once. An Amino JSON document is one JSON document, of at most
// `milkyway_core::json::MAX_DEPTH` (24) levels: the sign doc, its `msgs` and each
// envelope take 4 levels, each `MsgExec` 3 more, the contract message the rest
// (4 + 3 × execs + JSON depth ≤ 24).

/// authz `MsgExec` levels around the innermost message that the core accepts.
pub const MAX_EXECS: usize = 5;
/// Nesting of a contract message the core accepts (objects and arrays).
pub const MAX_MSG_DEPTH: usize = 16;
/// Nesting of a whole Amino JSON document the core accepts.
pub const MAX_AMINO_DEPTH: usize = 24;

/// The deepest contract message an Amino JSON document can hold under `execs` levels of
/// `MsgExec`.
pub fn amino_msg_depth(execs: usize) -> usize {
    MAX_MSG_DEPTH.min(MAX_AMINO_DEPTH - 4 - 3 * execs)
}

/// The granter whose messages the signer executes (an address that is not the device's:
/// its signer fields are shown).
pub fn granter() -> String {
    crypto::bech32_encode("milk", &[0x11; 20]).expect("an address")
}

/// A contract that is no MilkyWay staking contract (shown as "Unverified contract call",
/// every leaf of its message on screen; a known message of the catalog, so clear-signed).
pub fn contract() -> String {
    crypto::bech32_encode("milk", &[0x22; 32]).expect("an address")
}

/// A contract message of `depth` nested objects, `{"a":{"a":…{"x":…,"y":…,"z":…}}}`:
/// three string leaves at the deepest level.
pub fn nested_msg(depth: usize) -> Json {
    let leaves = ObjectBuilder::new()
        .field("x", Json::str("deepest leaf 1"))
        .field("y", Json::str("deepest leaf 2"))
        .field("z", Json::str("deepest leaf 3"))
        .build();
    (1..depth.max(1)).fold(leaves, |inner, _| ObjectBuilder::new().field("a", inner).build())
}

/// A wasm execute of [`nested_msg`]`(depth)` on [`contract`], sent by [`granter`].
pub fn deep_execute(depth: usize) -> Msg {
    wasm::execute_contract(&granter(), &contract(), &nested_msg(depth), Vec::new()).into()
}

/// `inner` inside `execs` levels of `MsgExec`: the outermost one's grantee is `signer`,
/// the inner ones' the [`granter`].
pub fn exec_wrapped(signer: &str, inner: Msg, execs: usize) -> Msg {
    (0..execs).fold(inner, |m, level| {
        let grantee = if level + 1 == execs { signer.to_string() } else { granter() };
        cosmos::MsgExec { grantee, msgs: vec![m] }.into()
    })
}

/// The same in Amino JSON, written here: the host crate builds at most
/// `milkyway_ledger::msgs::MAX_EXEC_DEPTH` (4) levels, the core accepts 5.
fn amino_exec_wrapped(signer: &str, inner: Json, execs: usize) -> Json {
    (0..execs).fold(inner, |m, level| {
        let grantee = if level + 1 == execs { signer.to_string() } else { granter() };
        ObjectBuilder::new()
            .field("type", Json::str(cosmos::MsgExec::AMINO_NAME))
            .field(
                "value",
                ObjectBuilder::new()
                    .field("grantee", Json::str(grantee))
                    .field("msgs", Json::Array(vec![m]))
                    .build(),
            )
            .build()
    })
}

/// A deepest document: one message, [`deep_execute`]`(msg_depth)` inside `execs` levels of
/// `MsgExec` signed by `signer`.
pub fn deep(
    signer: &str,
    execs: usize,
    msg_depth: usize,
    mode: SignMode,
    public_key: &[u8; 33],
) -> Vec<u8> {
    let inner = deep_execute(msg_depth);
    match mode {
        // The host encodes any depth of MsgExec in protobuf (and renders it in textual).
        SignMode::Direct | SignMode::Textual => {
            sign_bytes(&tx(&[exec_wrapped(signer, inner, execs)], String::new()), mode, public_key)
        }
        SignMode::AminoJson => {
            let wrapped =
                amino_exec_wrapped(signer, inner.to_amino_json().expect("amino JSON"), execs);
            let mut doc = tx(&[inner], String::new()).amino_sign_doc().expect("an amino sign doc");
            let Json::Object(map) = &mut doc else { panic!("the amino sign doc is not an object") };
            map.insert("msgs".into(), Json::Array(vec![wrapped]));
            doc.to_canonical_bytes()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_size_is_reached() {
        let pk = milkyway_ledger::preview::PREVIEW_PUBLIC_KEY;
        let me = milkyway_ledger::crypto::address(&pk, "milk").unwrap();
        let msgs = restakes(&me, 1);
        for mode in [SignMode::Direct, SignMode::AminoJson] {
            let base = base_size(&msgs, mode, &pk);
            let sizes = (base..base + 300).chain(16_300..16_500).chain(32_760..32_780);
            for size in sizes.chain([65_536, 49_152, 40_960]) {
                assert_eq!(sized(&msgs, mode, &pk, size).len(), size, "{}", mode.name());
            }
        }
    }

    fn preview(doc: &[u8], mode: SignMode, me: &str) -> Result<Vec<(String, String)>, String> {
        milkyway_ledger::preview::screens(doc, mode, false, Some(me)).map_err(|e| e.to_string())
    }

    /// The deepest documents are accepted (clear-signed, without expert mode or blind
    /// signing) and are the deepest: one level more of either kind is refused.
    #[test]
    fn deepest_documents_are_at_the_core_limits() {
        let pk = milkyway_ledger::preview::PREVIEW_PUBLIC_KEY;
        let me = milkyway_ledger::crypto::address(&pk, "milk").unwrap();
        for mode in [SignMode::Direct, SignMode::AminoJson] {
            for execs in 0..=MAX_EXECS {
                let depth = match mode {
                    SignMode::AminoJson => amino_msg_depth(execs),
                    SignMode::Direct | SignMode::Textual => MAX_MSG_DEPTH,
                };
                let doc = deep(&me, execs, depth, mode, &pk);
                let screens = preview(&doc, mode, &me).unwrap_or_else(|e| {
                    panic!("{} {execs} execs, depth {depth}: {e}", mode.name())
                });
                let deepest: Vec<_> =
                    screens.iter().filter(|s| s.1.starts_with("deepest leaf")).collect();
                assert_eq!(deepest.len(), 3, "{screens:?}");
                let dots = ".a".repeat(depth - 1);
                assert_eq!(deepest[0].0, format!("Message{dots}.x"), "{}", mode.name());
                assert!(screens.iter().any(|s| s.1 == "Unverified contract call"));
                let inner_titles =
                    screens.iter().filter(|s| s.0.starts_with("Inner action")).count();
                assert_eq!(inner_titles, execs, "{screens:?}");
                // A level deeper in the contract message.
                if depth < MAX_MSG_DEPTH || mode == SignMode::Direct {
                    let e =
                        preview(&deep(&me, execs, depth + 1, mode, &pk), mode, &me).unwrap_err();
                    assert!(e.contains("nesting too deep") || e.contains("nested too deep"), "{e}");
                }
            }
            // A MsgExec more, around the smallest contract message.
            let e = preview(&deep(&me, MAX_EXECS + 1, 1, mode, &pk), mode, &me).unwrap_err();
            assert!(e.contains("nested too deep"), "{}: {e}", mode.name());
        }
    }
}
