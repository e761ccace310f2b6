//! feegrant `MsgGrantAllowance` / `MsgRevokeAllowance`: the allowance's kind, limits,
//! period, expiration and allowed messages. One vector per sign mode written out by hand,
//! the same screens from both; and the allowances the device must refuse.

mod common;
use common::*;
use milkyway_core::Error;

const TAIL: [&str; 2] = ["Chain: MilkyWay", "Fees: 0.005 MILK"];
const GRANT: &str = "/cosmos.feegrant.v1beta1.MsgGrantAllowance";
const BASIC: &str = "/cosmos.feegrant.v1beta1.BasicAllowance";
const PERIODIC: &str = "/cosmos.feegrant.v1beta1.PeriodicAllowance";
const ALLOWED: &str = "/cosmos.feegrant.v1beta1.AllowedMsgAllowance";
/// 2026-12-31T23:59:59Z and 2027-06-01T12:00:00Z (Python `datetime(...).timestamp()`).
const END_2026: u64 = 1_798_761_599;
const JUNE_2027: u64 = 1_811_851_200;

fn both(body: Vec<u8>, amino_msg: &str, expected: &[&str]) {
    let mut want = lines(expected);
    want.extend(lines(&TAIL));
    let d = direct(&direct_doc(&[any(GRANT, &body)], "")).unwrap_or_else(|e| panic!("direct: {e}"));
    assert_eq!(d, want, "DIRECT");
    let a = amino(&amino_doc(amino_msg, "")).unwrap_or_else(|e| panic!("amino: {e}"));
    assert_eq!(a, want, "AMINO");
}

fn refused(body: Vec<u8>, amino_msg: &str, why: Error) {
    assert_eq!(direct(&direct_doc(&[any(GRANT, &body)], "")), Err(why), "DIRECT");
    assert_eq!(amino(&amino_doc(amino_msg, "")), Err(why), "AMINO");
}

fn grant(allowance: Vec<u8>) -> Vec<u8> {
    cat(&[fs(1, ME), fs(2, OTHER), fb(3, &allowance)])
}

fn grant_json(allowance: &str) -> String {
    format!(
        r#"{{"type":"cosmos-sdk/MsgGrantAllowance","value":{{"allowance":{allowance},"grantee":"{OTHER}","granter":"{ME}"}}}}"#
    )
}

/// A periodic allowance: no total limit, 1 day, 0.1 MILK a day, first reset in June 2027.
fn periodic() -> Vec<u8> {
    any(
        PERIODIC,
        &cat(&[
            fb(1, &[]),
            fb(2, &fv(1, 86_400)),
            fb(3, &coin("umilk", "100000")),
            fb(4, &coin("umilk", "100000")),
            fb(5, &fv(1, JUNE_2027)),
        ]),
    )
}

const PERIODIC_JSON: &str = r#"{"type":"cosmos-sdk/PeriodicAllowance","value":{"basic":{"spend_limit":[]},"period":"86400000000000","period_can_spend":[{"amount":"100000","denom":"umilk"}],"period_reset":"2027-06-01T12:00:00Z","period_spend_limit":[{"amount":"100000","denom":"umilk"}]}}"#;

#[test]
fn basic_allowance() {
    both(
        grant(any(BASIC, &cat(&[fb(1, &coin("umilk", "5000000")), fb(2, &fv(1, END_2026))]))),
        &grant_json(
            r#"{"type":"cosmos-sdk/BasicAllowance","value":{"expiration":"2026-12-31T23:59:59Z","spend_limit":[{"amount":"5000000","denom":"umilk"}]}}"#,
        ),
        &[
            "Action: Grant fee allowance",
            &format!("Grantee: {OTHER}"),
            "Allowance: Fees",
            "Spend limit: 5 MILK",
            "Expiration: 2026-12-31 23:59:59 UTC",
        ],
    );
    // No limit and no expiration: both said.
    both(
        grant(any(BASIC, &[])),
        &grant_json(r#"{"type":"cosmos-sdk/BasicAllowance","value":{"spend_limit":[]}}"#),
        &[
            "Action: Grant fee allowance",
            &format!("Grantee: {OTHER}"),
            "Allowance: Fees",
            "Spend limit: No limit",
            "Expiration: None: never expires",
        ],
    );
}

#[test]
fn periodic_and_allowed_message_allowances() {
    both(
        grant(periodic()),
        &grant_json(PERIODIC_JSON),
        &[
            "Action: Grant fee allowance",
            &format!("Grantee: {OTHER}"),
            "Allowance: Fees, per period",
            "Spend limit: No limit",
            "Period: 1 day",
            "Period limit: 0.1 MILK",
            "Left this period: 0.1 MILK",
            "Period reset: 2027-06-01 12:00:00 UTC",
            "Expiration: None: never expires",
        ],
    );
    let allowed = any(
        ALLOWED,
        &cat(&[
            fb(1, &periodic()),
            fs(2, "/milkyway.restaking.v1.MsgDelegatePool"),
            fs(2, "/cosmos.bank.v1beta1.MsgMultiSend"),
        ]),
    );
    both(
        grant(allowed),
        &grant_json(&format!(
            r#"{{"type":"cosmos-sdk/AllowedMsgAllowance","value":{{"allowance":{PERIODIC_JSON},"allowed_messages":["/milkyway.restaking.v1.MsgDelegatePool","/cosmos.bank.v1beta1.MsgMultiSend"]}}}}"#
        )),
        &[
            "Action: Grant fee allowance",
            &format!("Grantee: {OTHER}"),
            "Allowance: Fees, per period, for some messages only",
            "Allowed messages: Restake to pool, /cosmos.bank.v1beta1.MsgMultiSend",
            "Spend limit: No limit",
            "Period: 1 day",
            "Period limit: 0.1 MILK",
            "Left this period: 0.1 MILK",
            "Period reset: 2027-06-01 12:00:00 UTC",
            "Expiration: None: never expires",
        ],
    );
}

#[test]
fn hostile_allowances_are_refused() {
    // An allowance type the device cannot show.
    refused(
        grant(any("/cosmos.feegrant.v1beta1.FancyAllowance", &[])),
        &grant_json(r#"{"type":"cosmos-sdk/FancyAllowance","value":{}}"#),
        Error::UnsupportedAllowance,
    );
    // An allowed-message allowance inside another.
    let inner =
        any(ALLOWED, &cat(&[fb(1, &any(BASIC, &[])), fs(2, "/cosmos.bank.v1beta1.MsgSend")]));
    let outer = any(ALLOWED, &cat(&[fb(1, &inner), fs(2, "/cosmos.bank.v1beta1.MsgSend")]));
    assert_eq!(
        direct(&direct_doc(&[any(GRANT, &grant(outer))], "")),
        Err(Error::UnsupportedAllowance)
    );
    // No allowance at all, or an allowed-message one around nothing.
    assert_eq!(
        direct(&direct_doc(&[any(GRANT, &cat(&[fs(1, ME), fs(2, OTHER)]))], "")),
        Err(Error::UnsupportedAllowance)
    );
    assert_eq!(
        direct(&direct_doc(&[any(GRANT, &grant(any(ALLOWED, &fs(2, "/x.Msg"))))], "")),
        Err(Error::UnsupportedAllowance)
    );
    // A periodic allowance without its reset time (x/tx cannot write it; the chain
    // would read year 1), or with a negative period.
    let no_reset = any(PERIODIC, &cat(&[fb(1, &[]), fb(2, &fv(1, 60))]));
    assert_eq!(
        direct(&direct_doc(&[any(GRANT, &grant(no_reset))], "")),
        Err(Error::InvalidTimestamp)
    );
    let negative =
        any(PERIODIC, &cat(&[fb(1, &[]), fb(2, &fv(1, u64::MAX)), fb(5, &fv(1, JUNE_2027))]));
    assert_eq!(
        direct(&direct_doc(&[any(GRANT, &grant(negative))], "")),
        Err(Error::InvalidTimestamp)
    );
    // Amino: an empty spend limit is `[]` (legacy_coins), not null or left out; a period
    // not in nanoseconds.
    for bad in [
        r#"{"type":"cosmos-sdk/BasicAllowance","value":{"spend_limit":null}}"#,
        r#"{"type":"cosmos-sdk/BasicAllowance","value":{}}"#,
    ] {
        assert!(amino(&amino_doc(&grant_json(bad), "")).is_err(), "{bad}");
    }
    let seconds = PERIODIC_JSON.replace("86400000000000", "86400s");
    assert_eq!(amino(&amino_doc(&grant_json(&seconds), "")), Err(Error::InvalidTimestamp));
}

#[test]
fn revoke_allowance() {
    let body = cat(&[fs(1, ME), fs(2, OTHER)]);
    let want: Vec<String> = lines(&["Action: Revoke fee allowance", &format!("Grantee: {OTHER}")])
        .into_iter()
        .chain(lines(&TAIL))
        .collect();
    let url = "/cosmos.feegrant.v1beta1.MsgRevokeAllowance";
    assert_eq!(direct(&direct_doc(&[any(url, &body)], "")).unwrap(), want);
    let json = format!(
        r#"{{"type":"cosmos-sdk/MsgRevokeAllowance","value":{{"grantee":"{OTHER}","granter":"{ME}"}}}}"#
    );
    assert_eq!(amino(&amino_doc(&json, "")).unwrap(), want);
}
