//! Empty repeated fields in LEGACY_AMINO_JSON, exactly as Cosmos SDK 0.50's x/tx writes
//! them (x/tx `signing/aminojson/json_marshal.go` and `encoder.go`):
//!
//! * no `(amino.dont_omitempty)`: the key is left out;
//! * `dont_omitempty` without `(amino.encoding) = "legacy_coins"`: `null` (`marshal` writes
//!   `null` for a list that is not valid, which an unpopulated repeated field is);
//! * `dont_omitempty` with `legacy_coins`: `[]` (`nullSliceAsEmptyEncoder`).
//!
//! The device accepts exactly that form and refuses the others, and shows the same
//! screens as for the DIRECT encoding of the same transaction.

mod common;
use common::*;
use milkyway_core::catalog::MESSAGES;
use milkyway_core::schema::{Card, Presence};
use milkyway_core::Error;

const TAIL: [&str; 2] = ["Chain: MilkyWay", "Fees: 0.005 MILK"];

fn both(type_url: &str, body: Vec<u8>, amino_msg: &str, expected: &[&str]) {
    let mut want = lines(expected);
    want.extend(lines(&TAIL));
    let d = direct(&direct_doc(&[any(type_url, &body)], ""))
        .unwrap_or_else(|e| panic!("direct {type_url}: {e}"));
    let a = amino(&amino_doc(amino_msg, "")).unwrap_or_else(|e| panic!("amino {type_url}: {e}"));
    assert_eq!(d, want, "DIRECT {type_url}");
    assert_eq!(a, want, "AMINO {type_url}");
}

fn refused(amino_msg: &str) -> Error {
    match amino(&amino_doc(amino_msg, "")) {
        Ok(s) => panic!("accepted {amino_msg}: {s:?}"),
        Err(e) => e,
    }
}

/// Every repeated field the catalog marks `dont_omitempty`, with how x/tx writes it empty.
/// Read from the proto files: milkyway v12 restaking/v1/messages.proto, SDK v0.50
/// bank/v1beta1, gov/v1 and gov/v1beta1 tx.proto, wasmd v0.53 tx.proto.
const ALWAYS_PRESENT_LISTS: &[(&str, &str, Presence)] = &[
    ("/milkyway.restaking.v1.MsgUndelegateOperator", "amount", Presence::Always),
    ("/milkyway.restaking.v1.MsgUndelegateService", "amount", Presence::Always),
    ("/cosmos.bank.v1beta1.MsgSend", "amount", Presence::AlwaysLegacyCoins),
    ("/cosmos.gov.v1.MsgDeposit", "amount", Presence::Always),
    ("/cosmos.gov.v1beta1.MsgVoteWeighted", "options", Presence::Always),
    ("/cosmos.gov.v1beta1.MsgDeposit", "amount", Presence::AlwaysLegacyCoins),
    ("/cosmwasm.wasm.v1.MsgExecuteContract", "funds", Presence::AlwaysLegacyCoins),
];

#[test]
fn catalog_flags_match_the_protos() {
    let mut found = Vec::new();
    for m in MESSAGES {
        for f in m.fields {
            if f.card == Card::Many && f.presence != Presence::OmitEmpty {
                found.push((m.type_url, f.key, f.presence));
            }
        }
    }
    assert_eq!(found, ALWAYS_PRESENT_LISTS);
}

#[test]
fn dont_omitempty_lists_are_null_when_empty() {
    let undelegate = |v: &str| {
        format!(
            r#"{{"type":"milkyway/MsgUndelegateOperator","value":{{"amount":{v},"delegator":"{ME}","operator_id":3}}}}"#
        )
    };
    both(
        "/milkyway.restaking.v1.MsgUndelegateOperator",
        cat(&[fs(1, ME), fv(2, 3)]),
        &undelegate("null"),
        &["Action: Unrestake from operator", "Operator: Operator #3", "Amount: None"],
    );
    assert_eq!(refused(&undelegate("[]")), Error::JsonEmptyListNotNull);
    // A list with coins is an array as usual; `null` is only the empty list.
    both(
        "/milkyway.restaking.v1.MsgUndelegateOperator",
        cat(&[fs(1, ME), fv(2, 3), fb(3, &coin("umilk", "2500000"))]),
        &undelegate(r#"[{"amount":"2500000","denom":"umilk"}]"#),
        &["Action: Unrestake from operator", "Operator: Operator #3", "Amount: 2.5 MILK"],
    );
    // Left out entirely: x/tx never omits it.
    let missing = format!(
        r#"{{"type":"milkyway/MsgUndelegateOperator","value":{{"delegator":"{ME}","operator_id":3}}}}"#
    );
    assert_eq!(refused(&missing), Error::JsonMissingField);
    // Neither an object nor a string is a list.
    assert_eq!(refused(&undelegate("{}")), Error::JsonExpectedArray);
    assert_eq!(refused(&undelegate(r#""""#)), Error::JsonExpectedArray);

    let service = |v: &str| {
        format!(
            r#"{{"type":"milkyway/MsgUndelegateService","value":{{"amount":{v},"delegator":"{ME}","service_id":9}}}}"#
        )
    };
    both(
        "/milkyway.restaking.v1.MsgUndelegateService",
        cat(&[fs(1, ME), fv(2, 9)]),
        &service("null"),
        &["Action: Unrestake from service", "Service: Service #9", "Amount: None"],
    );
    assert_eq!(refused(&service("[]")), Error::JsonEmptyListNotNull);

    let deposit_v1 = |v: &str| {
        format!(
            r#"{{"type":"cosmos-sdk/v1/MsgDeposit","value":{{"amount":{v},"depositor":"{ME}","proposal_id":"7"}}}}"#
        )
    };
    both(
        "/cosmos.gov.v1.MsgDeposit",
        cat(&[fv(1, 7), fs(2, ME)]),
        &deposit_v1("null"),
        &["Action: Deposit", "Proposal: Proposal #7", "Amount: None"],
    );
    assert_eq!(refused(&deposit_v1("[]")), Error::JsonEmptyListNotNull);

    let weighted = |v: &str| {
        format!(
            r#"{{"type":"cosmos-sdk/MsgVoteWeighted","value":{{"options":{v},"proposal_id":"7","voter":"{ME}"}}}}"#
        )
    };
    both(
        "/cosmos.gov.v1beta1.MsgVoteWeighted",
        cat(&[fv(1, 7), fs(2, ME)]),
        &weighted("null"),
        &["Action: Weighted vote", "Proposal: Proposal #7", "Vote: None"],
    );
    assert_eq!(refused(&weighted("[]")), Error::JsonEmptyListNotNull);
}

#[test]
fn legacy_coins_lists_are_empty_arrays() {
    let send = |v: &str| {
        format!(
            r#"{{"type":"cosmos-sdk/MsgSend","value":{{"amount":{v},"from_address":"{ME}","to_address":"{OTHER}"}}}}"#
        )
    };
    both(
        "/cosmos.bank.v1beta1.MsgSend",
        cat(&[fs(1, ME), fs(2, OTHER)]),
        &send("[]"),
        &["Action: Send", "Amount: None", &format!("To: {OTHER}")],
    );
    assert_eq!(refused(&send("null")), Error::JsonExpectedArray);
    let missing = format!(
        r#"{{"type":"cosmos-sdk/MsgSend","value":{{"from_address":"{ME}","to_address":"{OTHER}"}}}}"#
    );
    assert_eq!(refused(&missing), Error::JsonMissingField);

    let deposit = |v: &str| {
        format!(
            r#"{{"type":"cosmos-sdk/MsgDeposit","value":{{"amount":{v},"depositor":"{ME}","proposal_id":"7"}}}}"#
        )
    };
    both(
        "/cosmos.gov.v1beta1.MsgDeposit",
        cat(&[fv(1, 7), fs(2, ME)]),
        &deposit("[]"),
        &["Action: Deposit", "Proposal: Proposal #7", "Amount: None"],
    );
    assert_eq!(refused(&deposit("null")), Error::JsonExpectedArray);

    let contract = "milk1unknowncontractxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
    let execute = |v: &str| {
        format!(
            r#"{{"type":"wasm/MsgExecuteContract","value":{{"contract":"{contract}","funds":{v},"msg":{{"ping":{{}}}},"sender":"{ME}"}}}}"#
        )
    };
    both(
        "/cosmwasm.wasm.v1.MsgExecuteContract",
        cat(&[fs(1, ME), fs(2, contract), fb(3, br#"{"ping":{}}"#)]),
        &execute("[]"),
        &[
            "Action: Unverified contract call",
            &format!("Contract: {contract}"),
            "Message.ping: {}",
            "Funds: None",
        ],
    );
    assert_eq!(refused(&execute("null")), Error::JsonExpectedArray);
}

#[test]
fn omitempty_lists_are_left_out_when_empty() {
    // MsgDelegateOperator.amount has no dont_omitempty: an empty list is omitted, and
    // neither `[]` nor `null` is what x/tx writes.
    let delegate = |v: &str| {
        format!(
            r#"{{"type":"milkyway/MsgDelegateOperator","value":{{"amount":{v},"delegator":"{ME}","operator_id":3}}}}"#
        )
    };
    assert_eq!(refused(&delegate("[]")), Error::JsonDefaultPresent);
    assert_eq!(refused(&delegate("null")), Error::JsonExpectedArray);
    // MsgWithdrawInsuranceFund.amount is legacy_coins but not dont_omitempty: omitted too.
    let withdraw = |v: &str| {
        format!(
            r#"{{"type":"milkyway/MsgWithdrawInsuranceFund","value":{{"amount":{v},"sender":"{ME}"}}}}"#
        )
    };
    assert_eq!(refused(&withdraw("[]")), Error::JsonDefaultPresent);
    assert_eq!(refused(&withdraw("null")), Error::JsonExpectedArray);
    both(
        "/milkyway.liquidvesting.v1.MsgWithdrawInsuranceFund",
        fs(1, ME),
        &format!(r#"{{"type":"milkyway/MsgWithdrawInsuranceFund","value":{{"sender":"{ME}"}}}}"#),
        &["Action: Withdraw insurance fund"],
    );
}

#[test]
fn v1beta1_proposal_ids_that_are_always_present() {
    // MsgDeposit and MsgVoteWeighted (v1beta1) mark proposal_id dont_omitempty: x/tx
    // writes "0" for it, and never leaves it out. MsgVote (v1beta1) does not.
    let deposit = |id: &str| {
        format!(
            r#"{{"type":"cosmos-sdk/MsgDeposit","value":{{"amount":[{{"amount":"1","denom":"umilk"}}],"depositor":"{ME}"{id}}}}}"#
        )
    };
    assert_eq!(refused(&deposit("")), Error::JsonMissingField);
    both(
        "/cosmos.gov.v1beta1.MsgDeposit",
        cat(&[fs(2, ME), fb(3, &coin("umilk", "1"))]),
        &deposit(r#","proposal_id":"0""#),
        &["Action: Deposit", "Amount: 0.000001 MILK"],
    );
    let weighted = format!(
        r#"{{"type":"cosmos-sdk/MsgVoteWeighted","value":{{"options":[{{"option":1,"weight":"1.000000000000000000"}}],"voter":"{ME}"}}}}"#
    );
    assert_eq!(refused(&weighted), Error::JsonMissingField);
    let vote = format!(
        r#"{{"type":"cosmos-sdk/MsgVote","value":{{"option":1,"proposal_id":"0","voter":"{ME}"}}}}"#
    );
    assert_eq!(refused(&vote), Error::JsonDefaultPresent);
}

#[test]
fn reasons_are_printable() {
    for e in [Error::JsonEmptyListNotNull, Error::JsonExpectedArray, Error::JsonMissingField] {
        let r = e.reason();
        assert!(!r.is_empty() && r.bytes().all(|b| (b' '..=b'~').contains(&b)), "{e:?}: {r:?}");
    }
}
