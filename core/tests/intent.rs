//! The review's title and signing question: the operation of the transaction's message
//! family and the single asset it moves ("Review transaction to restake MILK"), generic
//! only for a mixed transaction. Both sign modes give the same titles.

mod common;
use common::*;
use milkyway_core::{decode, intent, SignMode};

const MILKTIA: &str = "ibc/16065EE5282C5217685C8F084FC44864C25C706AC37356B0D62811D50B96920F";

/// (review title, signing question) of a DIRECT document with `msgs` on `milkyway`.
fn titles(msgs: &[Vec<u8>]) -> (String, String) {
    let doc = direct_doc(msgs, "");
    let tx = decode(&doc, SignMode::Direct).unwrap();
    let i = intent(&tx).unwrap();
    let (mut review, mut sign) = (String::new(), String::new());
    i.write_review(&mut review).unwrap();
    i.write_sign(&mut sign).unwrap();
    (review, sign)
}

fn restake_pool(denom: &str, amount: &str) -> Vec<u8> {
    any("/milkyway.restaking.v1.MsgDelegatePool", &cat(&[fs(1, ME), fb(2, &coin(denom, amount))]))
}

fn vote(proposal: u64) -> Vec<u8> {
    any("/cosmos.gov.v1beta1.MsgVote", &cat(&[fv(1, proposal), fs(2, ME), fv(3, 1)]))
}

#[test]
fn one_message_names_its_operation_and_asset() {
    assert_eq!(
        titles(&[restake_pool("umilk", "1000000")]),
        ("Review transaction to restake MILK".into(), "Sign transaction to restake MILK?".into())
    );
    assert_eq!(titles(&[restake_pool(MILKTIA, "5")]).0, "Review transaction to restake milkTIA");
    let send = any(
        "/cosmos.bank.v1beta1.MsgSend",
        &cat(&[fs(1, ME), fs(2, OTHER), fb(3, &coin("umilk", "1"))]),
    );
    assert_eq!(titles(&[send]).1, "Sign transaction to send MILK?");
}

#[test]
fn an_operation_without_coins_names_no_asset() {
    assert_eq!(
        titles(&[vote(4)]),
        ("Review transaction to vote".into(), "Sign transaction to vote?".into())
    );
    let claim = any(
        "/milkyway.rewards.v1.MsgWithdrawDelegatorReward",
        &cat(&[fs(1, ME), fv(2, 1), fv(3, 2)]),
    );
    assert_eq!(titles(&[claim]).0, "Review transaction to claim restaking rewards");
}

#[test]
fn catalog_titles_become_the_operation_with_a_lower_case_verb() {
    let deactivate =
        any("/milkyway.operators.v1.MsgDeactivateOperator", &cat(&[fs(1, ME), fv(2, 3)]));
    assert_eq!(titles(&[deactivate]).1, "Sign transaction to deactivate operator?");
}

#[test]
fn one_family_with_several_assets_names_the_operation_only() {
    assert_eq!(
        titles(&[restake_pool("umilk", "1"), restake_pool(MILKTIA, "1")]).0,
        "Review transaction to restake"
    );
    // One message moving two assets.
    let operator = any(
        "/milkyway.restaking.v1.MsgDelegateOperator",
        &cat(&[fs(1, ME), fv(2, 3), fb(3, &coin("umilk", "1")), fb(3, &coin(MILKTIA, "1"))]),
    );
    assert_eq!(titles(&[operator]).0, "Review transaction to restake");
    // Same asset in every message: named.
    assert_eq!(
        titles(&[restake_pool("umilk", "1"), restake_pool("umilk", "2")]).0,
        "Review transaction to restake MILK"
    );
}

#[test]
fn an_unknown_denom_is_never_put_in_the_title() {
    assert_eq!(
        titles(&[restake_pool("factory/milk1xyz/ufoo", "1")]).0,
        "Review transaction to restake"
    );
}

#[test]
fn a_mixed_transaction_keeps_the_generic_title() {
    assert_eq!(
        titles(&[restake_pool("umilk", "1"), vote(4)]),
        ("Review transaction".into(), "Sign transaction?".into())
    );
}

#[test]
fn both_sign_modes_give_the_same_titles() {
    let amino = amino_doc(
        &format!(
            r#"{{"type":"milkyway/MsgDelegatePool","value":{{"amount":{{"amount":"1000000","denom":"umilk"}},"delegator":"{ME}"}}}}"#
        ),
        "",
    );
    let tx = decode(amino.as_bytes(), SignMode::AminoJson).unwrap();
    let mut review = String::new();
    intent(&tx).unwrap().write_review(&mut review).unwrap();
    assert_eq!(review, titles(&[restake_pool("umilk", "1000000")]).0);
}
