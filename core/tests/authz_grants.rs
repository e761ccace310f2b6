//! authz `MsgGrant` / `MsgRevoke`: who may do what on the signer's behalf, until when.
//! One vector per sign mode written out by hand, the same screens from both; and the
//! grants the device must refuse.

mod common;
use common::*;
use milkyway_core::Error;

const TAIL: [&str; 2] = ["Chain: MilkyWay", "Fees: 0.005 MILK"];
const GRANT: &str = "/cosmos.authz.v1beta1.MsgGrant";
const VAL1: &str = "milkvaloper1qg5ega6dykkxc307y25pecuufrjkxkaggkkxh";
const VAL2: &str = "milkvaloper1mevswxr8d9r0w0vd6d0ds7k4qh0xmdma9l2rxc";
/// 2026-12-31T23:59:59Z (Python `datetime(2026,12,31,23,59,59,tzinfo=utc).timestamp()`).
const END_2026: u64 = 1_798_761_599;

fn both(type_url: &str, body: Vec<u8>, amino_msg: &str, expected: &[&str]) {
    let mut want = lines(expected);
    want.extend(lines(&TAIL));
    let d = direct(&direct_doc(&[any(type_url, &body)], ""))
        .unwrap_or_else(|e| panic!("direct {type_url}: {e}"));
    assert_eq!(d, want, "DIRECT {type_url}");
    let a = amino(&amino_doc(amino_msg, "")).unwrap_or_else(|e| panic!("amino {type_url}: {e}"));
    assert_eq!(a, want, "AMINO {type_url}");
}

fn refused(body: Vec<u8>, amino_msg: &str, why: Error) {
    assert_eq!(direct(&direct_doc(&[any(GRANT, &body)], "")), Err(why), "DIRECT");
    assert_eq!(amino(&amino_doc(amino_msg, "")), Err(why), "AMINO");
}

/// `MsgGrant {granter: ME, grantee: OTHER, grant: {authorization, expiration}}`.
fn grant(authorization: Vec<u8>, expiration: Option<Vec<u8>>) -> Vec<u8> {
    let mut g = fb(1, &authorization);
    if let Some(e) = expiration {
        g.extend(fb(2, &e));
    }
    cat(&[fs(1, ME), fs(2, OTHER), fb(3, &g)])
}

fn grant_json(authorization: &str, expiration: Option<&str>) -> String {
    let exp = expiration.map(|e| format!(r#","expiration":"{e}""#)).unwrap_or_default();
    format!(
        r#"{{"type":"cosmos-sdk/MsgGrant","value":{{"grant":{{"authorization":{authorization}{exp}}},"grantee":"{OTHER}","granter":"{ME}"}}}}"#
    )
}

fn generic(url: &str) -> Vec<u8> {
    any("/cosmos.authz.v1beta1.GenericAuthorization", &fs(1, url))
}

fn generic_json(url: &str) -> String {
    format!(r#"{{"type":"cosmos-sdk/GenericAuthorization","value":{{"msg":"{url}"}}}}"#)
}

#[test]
fn generic_grant_names_the_message_by_its_title() {
    both(
        GRANT,
        grant(generic("/milkyway.restaking.v1.MsgDelegateOperator"), Some(fv(1, END_2026))),
        &grant_json(
            &generic_json("/milkyway.restaking.v1.MsgDelegateOperator"),
            Some("2026-12-31T23:59:59Z"),
        ),
        &[
            "Action: Grant authorization",
            &format!("Grantee: {OTHER}"),
            "Authorization: Any amount, no limit",
            "Allowed message: Restake to operator",
            "Expiration: 2026-12-31 23:59:59 UTC",
        ],
    );
    // A title two catalog messages share comes with its type URL; a type the catalog
    // does not know is shown as its URL. No expiration: said on its own screen.
    both(
        GRANT,
        grant(generic("/cosmos.gov.v1.MsgVote"), None),
        &grant_json(&generic_json("/cosmos.gov.v1.MsgVote"), None),
        &[
            "Action: Grant authorization",
            &format!("Grantee: {OTHER}"),
            "Authorization: Any amount, no limit",
            "Allowed message: Vote (/cosmos.gov.v1.MsgVote)",
            "Expiration: None: never expires",
        ],
    );
    both(
        GRANT,
        grant(generic("/cosmos.bank.v1beta1.MsgMultiSend"), Some(fb(1, &[]).split_off(2))),
        &grant_json(
            &generic_json("/cosmos.bank.v1beta1.MsgMultiSend"),
            Some("1970-01-01T00:00:00Z"),
        ),
        &[
            "Action: Grant authorization",
            &format!("Grantee: {OTHER}"),
            "Authorization: Any amount, no limit",
            "Allowed message: /cosmos.bank.v1beta1.MsgMultiSend",
            "Expiration: 1970-01-01 00:00:00 UTC",
        ],
    );
}

#[test]
fn send_grant_shows_its_limit_and_recipients() {
    let send = any(
        "/cosmos.bank.v1beta1.SendAuthorization",
        &cat(&[fb(1, &coin("umilk", "10000000")), fs(2, OTHER)]),
    );
    both(
        GRANT,
        grant(send, Some(cat(&[fv(1, END_2026), fv(2, 500_000_000)]))),
        &grant_json(
            &format!(
                r#"{{"type":"cosmos-sdk/SendAuthorization","value":{{"allow_list":["{OTHER}"],"spend_limit":[{{"amount":"10000000","denom":"umilk"}}]}}}}"#
            ),
            Some("2026-12-31T23:59:59.5Z"),
        ),
        &[
            "Action: Grant authorization",
            &format!("Grantee: {OTHER}"),
            "Authorization: Send tokens",
            "Spend limit: 10 MILK",
            &format!("Allowed recipients: {OTHER}"),
            "Expiration: 2026-12-31 23:59:59.5 UTC",
        ],
    );
}

#[test]
fn stake_grant_shows_lists_and_max_tokens() {
    let allow = cat(&[fs(1, VAL1), fs(1, VAL2)]);
    let stake = any(
        "/cosmos.staking.v1beta1.StakeAuthorization",
        &cat(&[fb(1, &coin("umilk", "100000000")), fb(2, &allow), fv(4, 1)]),
    );
    both(
        GRANT,
        grant(stake, Some(fv(1, END_2026))),
        &grant_json(
            &format!(
                r#"{{"type":"cosmos-sdk/StakeAuthorization","value":{{"authorization_type":1,"max_tokens":{{"amount":"100000000","denom":"umilk"}},"validators":{{"type":"cosmos-sdk/StakeAuthorization/AllowList","value":{{"allow_list":{{"address":["{VAL1}","{VAL2}"]}}}}}}}}}}"#
            ),
            Some("2026-12-31T23:59:59Z"),
        ),
        &[
            "Action: Grant authorization",
            &format!("Grantee: {OTHER}"),
            "Authorization: Stake: Delegate",
            "Max tokens: 100 MILK",
            &format!("Allowed validators: {VAL1}, {VAL2}"),
            "Expiration: 2026-12-31 23:59:59 UTC",
        ],
    );
    // A deny list, no max tokens (no limit), redelegation.
    let stake =
        any("/cosmos.staking.v1beta1.StakeAuthorization", &cat(&[fb(3, &fs(1, VAL1)), fv(4, 3)]));
    both(
        GRANT,
        grant(stake, None),
        &grant_json(
            &format!(
                r#"{{"type":"cosmos-sdk/StakeAuthorization","value":{{"authorization_type":3,"validators":{{"type":"cosmos-sdk/StakeAuthorization/DenyList","value":{{"deny_list":{{"address":["{VAL1}"]}}}}}}}}}}"#
            ),
            None,
        ),
        &[
            "Action: Grant authorization",
            &format!("Grantee: {OTHER}"),
            "Authorization: Stake: Redelegate",
            "Max tokens: No limit",
            &format!("Denied validators: {VAL1}"),
            "Expiration: None: never expires",
        ],
    );
    // Neither list: x/tx writes the oneof's name with null.
    let stake = any("/cosmos.staking.v1beta1.StakeAuthorization", &fv(4, 2));
    both(
        GRANT,
        grant(stake, None),
        &grant_json(
            r#"{"type":"cosmos-sdk/StakeAuthorization","value":{"authorization_type":2,"validators":null}}"#,
            None,
        ),
        &[
            "Action: Grant authorization",
            &format!("Grantee: {OTHER}"),
            "Authorization: Stake: Undelegate",
            "Max tokens: No limit",
            "Validators: Any validator",
            "Expiration: None: never expires",
        ],
    );
}

#[test]
fn hostile_grants_are_refused() {
    // A send authorization without a spend limit (it would read as "any amount").
    refused(
        grant(any("/cosmos.bank.v1beta1.SendAuthorization", &fs(2, OTHER)), None),
        &grant_json(
            &format!(
                r#"{{"type":"cosmos-sdk/SendAuthorization","value":{{"allow_list":["{OTHER}"],"spend_limit":[]}}}}"#
            ),
            None,
        ),
        Error::SendWithoutLimit,
    );
    // An authorization type the device cannot show (a wasm contract authorization).
    refused(
        grant(any("/cosmwasm.wasm.v1.ContractExecutionAuthorization", &[]), None),
        &grant_json(r#"{"type":"wasm/ContractExecutionAuthorization","value":{}}"#, None),
        Error::UnsupportedAuthorization,
    );
    // A message is not an authorization.
    refused(
        grant(any("/cosmos.bank.v1beta1.MsgSend", &fs(1, ME)), None),
        &grant_json(
            &format!(r#"{{"type":"cosmos-sdk/MsgSend","value":{{"from_address":"{ME}"}}}}"#),
            None,
        ),
        Error::UnsupportedAuthorization,
    );
    // No authorization at all.
    assert_eq!(
        direct(&direct_doc(&[any(GRANT, &cat(&[fs(1, ME), fs(2, OTHER), fb(3, &[])]))], "")),
        Err(Error::UnsupportedAuthorization)
    );
    // Both oneof members on the wire (a decoder would keep the last: deny, not allow).
    let stake = any(
        "/cosmos.staking.v1beta1.StakeAuthorization",
        &cat(&[fb(2, &fs(1, VAL1)), fb(3, &fs(1, VAL2)), fv(4, 1)]),
    );
    assert_eq!(direct(&direct_doc(&[any(GRANT, &grant(stake, None))], "")), Err(Error::OneOfTwice));
    // An unspecified stake authorization type.
    let stake = any("/cosmos.staking.v1beta1.StakeAuthorization", &fb(2, &fs(1, VAL1)));
    assert_eq!(
        direct(&direct_doc(&[any(GRANT, &grant(stake, None))], "")),
        Err(Error::ValueOutOfRange)
    );
}

#[test]
fn hostile_amino_shapes_are_refused() {
    let stake = |validators: &str| {
        grant_json(
            &format!(
                r#"{{"type":"cosmos-sdk/StakeAuthorization","value":{{"authorization_type":1,"validators":{validators}}}}}"#
            ),
            None,
        )
    };
    // The oneof member under its own name instead of the group's wrapper.
    assert_eq!(
        amino(&amino_doc(
            &grant_json(
                &format!(
                    r#"{{"type":"cosmos-sdk/StakeAuthorization","value":{{"allow_list":{{"address":["{VAL1}"]}},"authorization_type":1}}}}"#
                ),
                None
            ),
            ""
        )),
        Err(Error::UnknownField)
    );
    // The group key left out (x/tx writes null).
    assert_eq!(
        amino(&amino_doc(
            &grant_json(
                r#"{"type":"cosmos-sdk/StakeAuthorization","value":{"authorization_type":1}}"#,
                None
            ),
            ""
        )),
        Err(Error::JsonMissingField)
    );
    // The allow-list type name with the deny list inside.
    assert_eq!(
        amino(&amino_doc(
            &stake(&format!(
                r#"{{"type":"cosmos-sdk/StakeAuthorization/AllowList","value":{{"deny_list":{{"address":["{VAL1}"]}}}}}}"#
            )),
            ""
        )),
        Err(Error::UnknownField)
    );
    // Both members in the wrapper.
    assert_eq!(
        amino(&amino_doc(
            &stake(&format!(
                r#"{{"type":"cosmos-sdk/StakeAuthorization/AllowList","value":{{"allow_list":{{"address":["{VAL1}"]}},"deny_list":{{"address":["{VAL2}"]}}}}}}"#
            )),
            ""
        )),
        Err(Error::UnknownField)
    );
    // Timestamps other than x/tx's text.
    for exp in ["2026-12-31T23:59:59.50Z", "2026-12-31T23:59:59+00:00", "2026-02-30T00:00:00Z"] {
        assert_eq!(
            amino(&amino_doc(&grant_json(&generic_json("/cosmos.gov.v1.MsgVote"), Some(exp)), "")),
            Err(Error::InvalidTimestamp),
            "{exp}"
        );
    }
    // A negative nanos on the wire (an int32 sign-extended).
    assert_eq!(
        direct(&direct_doc(
            &[any(
                GRANT,
                &grant(generic("/cosmos.gov.v1.MsgVote"), Some(cat(&[fv(1, 1), fv(2, u64::MAX)])))
            )],
            ""
        )),
        Err(Error::InvalidTimestamp)
    );
}

#[test]
fn revoke_names_the_message() {
    both(
        "/cosmos.authz.v1beta1.MsgRevoke",
        cat(&[fs(1, ME), fs(2, OTHER), fs(3, "/milkyway.rewards.v1.MsgWithdrawDelegatorReward")]),
        &format!(
            r#"{{"type":"cosmos-sdk/MsgRevoke","value":{{"grantee":"{OTHER}","granter":"{ME}","msg_type_url":"/milkyway.rewards.v1.MsgWithdrawDelegatorReward"}}}}"#
        ),
        &[
            "Action: Revoke authorization",
            &format!("Grantee: {OTHER}"),
            "Message: Claim restaking rewards",
        ],
    );
}
