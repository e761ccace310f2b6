//! For every clear-signed message: one vector per sign mode and the screens expected,
//! written out by hand. Both modes of the same transaction must give the same screens.

mod common;
use common::*;

const TAIL: [&str; 2] = ["Chain: MilkyWay", "Fees: 0.005 MILK"];

/// Checks the DIRECT encoding (`type_url` + protobuf `body`) and the Amino encoding
/// (`amino_msg` JSON) of one message against the same expected screens.
fn both(type_url: &str, body: Vec<u8>, amino_msg: &str, expected: &[&str]) {
    let mut want = lines(expected);
    want.extend(lines(&TAIL));
    let d = direct(&direct_doc(&[any(type_url, &body)], ""))
        .unwrap_or_else(|e| panic!("direct {type_url}: {e}"));
    assert_eq!(d, want, "DIRECT {type_url}");
    let a = amino(&amino_doc(amino_msg, "")).unwrap_or_else(|e| panic!("amino {type_url}: {e}"));
    assert_eq!(a, want, "AMINO {type_url}");
}

const MILKTIA: &str = "ibc/16065EE5282C5217685C8F084FC44864C25C706AC37356B0D62811D50B96920F";
const TIA: &str = "ibc/F1183DB3D428313A6FD329DF18219F9D6B83257D07D292EA9EC1D877E89EC2B0";

#[test]
fn restake_to_pool() {
    both(
        "/milkyway.restaking.v1.MsgDelegatePool",
        cat(&[fs(1, ME), fb(2, &coin(MILKTIA, "10500000"))]),
        &format!(
            r#"{{"type":"milkyway/MsgDelegatePool","value":{{"amount":{{"amount":"10500000","denom":"{MILKTIA}"}},"delegator":"{ME}"}}}}"#
        ),
        &["Action: Restake to pool", "Amount: 10.5 milkTIA"],
    );
}

#[test]
fn restake_to_operator_and_service() {
    both(
        "/milkyway.restaking.v1.MsgDelegateOperator",
        cat(&[fs(1, ME), fv(2, 12), fb(3, &coin("umilk", "1000000")), fb(3, &coin(TIA, "250000"))]),
        &format!(
            r#"{{"type":"milkyway/MsgDelegateOperator","value":{{"amount":[{{"amount":"1000000","denom":"umilk"}},{{"amount":"250000","denom":"{TIA}"}}],"delegator":"{ME}","operator_id":12}}}}"#
        ),
        &["Action: Restake to operator", "Operator: Operator #12", "Amount: 1 MILK, 0.25 TIA"],
    );
    both(
        "/milkyway.restaking.v1.MsgDelegateService",
        cat(&[fs(1, ME), fv(2, 5), fb(3, &coin("umilk", "3"))]),
        &format!(
            r#"{{"type":"milkyway/MsgDelegateService","value":{{"amount":[{{"amount":"3","denom":"umilk"}}],"delegator":"{ME}","service_id":5}}}}"#
        ),
        &["Action: Restake to service", "Service: Service #5", "Amount: 0.000003 MILK"],
    );
}

#[test]
fn unrestake() {
    both(
        "/milkyway.restaking.v1.MsgUndelegatePool",
        cat(&[fs(1, ME), fb(2, &coin("umilk", "2000000"))]),
        &format!(
            r#"{{"type":"milkyway/MsgUndelegatePool","value":{{"amount":{{"amount":"2000000","denom":"umilk"}},"delegator":"{ME}"}}}}"#
        ),
        &["Action: Unrestake from pool", "Amount: 2 MILK"],
    );
    both(
        "/milkyway.restaking.v1.MsgUndelegateOperator",
        cat(&[fs(1, ME), fv(2, 3), fb(3, &coin("umilk", "1"))]),
        &format!(
            r#"{{"type":"milkyway/MsgUndelegateOperator","value":{{"amount":[{{"amount":"1","denom":"umilk"}}],"delegator":"{ME}","operator_id":3}}}}"#
        ),
        &["Action: Unrestake from operator", "Operator: Operator #3", "Amount: 0.000001 MILK"],
    );
    // dont_omitempty without legacy_coins: an empty amount list is present in Amino as
    // `null` (what x/tx writes) and shown as "None".
    both(
        "/milkyway.restaking.v1.MsgUndelegateService",
        cat(&[fs(1, ME), fv(2, 9)]),
        &format!(
            r#"{{"type":"milkyway/MsgUndelegateService","value":{{"amount":null,"delegator":"{ME}","service_id":9}}}}"#
        ),
        &["Action: Unrestake from service", "Service: Service #9", "Amount: None"],
    );
}

#[test]
fn trust_services() {
    let entry1 = cat(&[fv(1, 2), fb(2, &[1, 3])]);
    let entry2 = cat(&[fv(1, 7)]);
    both(
        "/milkyway.restaking.v1.MsgSetUserPreferences",
        cat(&[fs(1, ME), fb(2, &cat(&[fb(4, &entry1), fb(4, &entry2)]))]),
        &format!(
            r#"{{"type":"milkyway/MsgSetUserPreferences","value":{{"preferences":{{"trusted_services":[{{"pools_ids":[1,3],"service_id":2}},{{"service_id":7}}]}},"user":"{ME}"}}}}"#
        ),
        &[
            "Action: Trust services",
            "Trusted service 1/2: Service #2 with pools #1, #3",
            "Trusted service 2/2: Service #7 with all pools",
        ],
    );
    // An empty list means the user trusts no service: say so.
    both(
        "/milkyway.restaking.v1.MsgSetUserPreferences",
        cat(&[fs(1, ME), fb(2, &[])]),
        &format!(
            r#"{{"type":"milkyway/MsgSetUserPreferences","value":{{"preferences":{{}},"user":"{ME}"}}}}"#
        ),
        &["Action: Trust services", "Trusted services: None: trust no service"],
    );
}

#[test]
fn operator_and_service_opt_in() {
    both(
        "/milkyway.restaking.v1.MsgJoinService",
        cat(&[fs(1, ME), fv(2, 4), fv(3, 8)]),
        &format!(
            r#"{{"type":"milkyway/MsgJoinService","value":{{"operator_id":4,"sender":"{ME}","service_id":8}}}}"#
        ),
        &["Action: Operator joins service", "Operator: Operator #4", "Service: Service #8"],
    );
    both(
        "/milkyway.restaking.v1.MsgRemoveOperatorFromAllowlist",
        cat(&[fs(1, ME), fv(2, 8), fv(3, 4)]),
        &format!(
            r#"{{"type":"milkyway/MsgRemoveOperatorFromAllowlist","value":{{"operator_id":4,"sender":"{ME}","service_id":8}}}}"#
        ),
        &["Action: Disallow operator", "Service: Service #8", "Operator: Operator #4"],
    );
    both(
        "/milkyway.restaking.v1.MsgBorrowPoolSecurity",
        cat(&[fs(1, ME), fv(2, 8), fv(3, 1)]),
        &format!(
            r#"{{"type":"milkyway/MsgBorrowPoolSecurity","value":{{"pool_id":1,"sender":"{ME}","service_id":8}}}}"#
        ),
        &["Action: Borrow pool security", "Service: Service #8", "Pool: Pool #1"],
    );
}

#[test]
fn claim_rewards() {
    both(
        "/milkyway.rewards.v1.MsgWithdrawDelegatorReward",
        cat(&[fs(1, ME), fv(2, 2), fv(3, 12)]),
        &format!(
            r#"{{"type":"milkyway/MsgWithdrawDelegatorReward","value":{{"delegation_target_id":12,"delegation_type":2,"delegator_address":"{ME}"}}}}"#
        ),
        &["Action: Claim restaking rewards", "From: Operator #12"],
    );
    both(
        "/milkyway.rewards.v1.MsgSetWithdrawAddress",
        cat(&[fs(1, ME), fs(2, OTHER)]),
        &format!(
            r#"{{"type":"milkyway/MsgSetWithdrawAddress","value":{{"sender":"{ME}","withdraw_address":"{OTHER}"}}}}"#
        ),
        &["Action: Set rewards address", &format!("Rewards to: {OTHER}")],
    );
    both(
        "/milkyway.rewards.v1.MsgWithdrawOperatorCommission",
        cat(&[fs(1, ME), fv(2, 12)]),
        &format!(
            r#"{{"type":"milkyway/MsgWithdrawOperatorCommission","value":{{"operator_id":12,"sender":"{ME}"}}}}"#
        ),
        &["Action: Claim operator commission", "Operator: Operator #12"],
    );
}

#[test]
fn operator_admin() {
    both(
        "/milkyway.operators.v1.MsgSetOperatorParams",
        cat(&[fs(1, ME), fv(2, 12), fb(3, &fs(1, "100000000000000000"))]),
        &format!(
            r#"{{"type":"milkyway/MsgSetOperatorParams","value":{{"operator_id":12,"params":{{"commission_rate":"100000000000000000"}},"sender":"{ME}"}}}}"#
        ),
        &["Action: Set operator params", "Operator: Operator #12", "Commission rate: 10%"],
    );
    both(
        "/milkyway.operators.v1.MsgUpdateOperator",
        cat(&[fs(1, ME), fv(2, 12), fs(3, "Nebula"), fs(4, "[do-not-modify]")]),
        &format!(
            r#"{{"type":"milkyway/MsgUpdateOperator","value":{{"moniker":"Nebula","operator_id":12,"sender":"{ME}","website":"[do-not-modify]"}}}}"#
        ),
        &[
            "Action: Update operator",
            "Operator: Operator #12",
            "Name: Nebula",
            "Website: (unchanged)",
            "Picture URL: (set to empty)",
        ],
    );
    both(
        "/milkyway.services.v1.MsgCreateService",
        cat(&[fs(1, ME), fs(2, "Oracle <AVS>"), fb(6, &coin("umilk", "1000000"))]),
        &format!(
            r#"{{"type":"milkyway/services/MsgCreateService","value":{{"fee_amount":[{{"amount":"1000000","denom":"umilk"}}],"name":"Oracle \u003cAVS\u003e","sender":"{ME}"}}}}"#
        ),
        &["Action: Create service", "Name: Oracle <AVS>", "Registration fee: 1 MILK"],
    );
}

#[test]
fn standard_cosmos() {
    both(
        "/cosmos.bank.v1beta1.MsgSend",
        cat(&[fs(1, ME), fs(2, OTHER), fb(3, &coin("umilk", "1500000"))]),
        &format!(
            r#"{{"type":"cosmos-sdk/MsgSend","value":{{"amount":[{{"amount":"1500000","denom":"umilk"}}],"from_address":"{ME}","to_address":"{OTHER}"}}}}"#
        ),
        &["Action: Send", "Amount: 1.5 MILK", &format!("To: {OTHER}")],
    );
    let val = "milkvaloper1qg5ega6dykkxc307y25pecuufrjkxkaggkkxh";
    both(
        "/cosmos.staking.v1beta1.MsgDelegate",
        cat(&[fs(1, ME), fs(2, val), fb(3, &coin("umilk", "1"))]),
        &format!(
            r#"{{"type":"cosmos-sdk/MsgDelegate","value":{{"amount":{{"amount":"1","denom":"umilk"}},"delegator_address":"{ME}","validator_address":"{val}"}}}}"#
        ),
        &["Action: Delegate", &format!("Validator: {val}"), "Amount: 0.000001 MILK"],
    );
    both(
        "/cosmos.distribution.v1beta1.MsgWithdrawDelegatorReward",
        cat(&[fs(1, ME), fs(2, val)]),
        &format!(
            r#"{{"type":"cosmos-sdk/MsgWithdrawDelegationReward","value":{{"delegator_address":"{ME}","validator_address":"{val}"}}}}"#
        ),
        &["Action: Claim staking rewards", &format!("Validator: {val}")],
    );
}

#[test]
fn votes() {
    both(
        "/cosmos.gov.v1.MsgVote",
        cat(&[fv(1, 12), fs(2, ME), fv(3, 1)]),
        &format!(
            r#"{{"type":"cosmos-sdk/v1/MsgVote","value":{{"option":1,"proposal_id":"12","voter":"{ME}"}}}}"#
        ),
        &["Action: Vote", "Proposal: Proposal #12", "Vote: Yes"],
    );
    both(
        "/cosmos.gov.v1beta1.MsgVote",
        cat(&[fv(1, 3), fs(2, ME), fv(3, 4)]),
        &format!(
            r#"{{"type":"cosmos-sdk/MsgVote","value":{{"option":4,"proposal_id":"3","voter":"{ME}"}}}}"#
        ),
        &["Action: Vote", "Proposal: Proposal #3", "Vote: No with veto"],
    );
    // v1beta1 weights arrive x10^18 on the wire and as 18-decimal strings in Amino.
    both(
        "/cosmos.gov.v1beta1.MsgVoteWeighted",
        cat(&[
            fv(1, 3),
            fs(2, ME),
            fb(3, &cat(&[fv(1, 1), fs(2, "700000000000000000")])),
            fb(3, &cat(&[fv(1, 2), fs(2, "300000000000000000")])),
        ]),
        &format!(
            r#"{{"type":"cosmos-sdk/MsgVoteWeighted","value":{{"options":[{{"option":1,"weight":"0.700000000000000000"}},{{"option":2,"weight":"0.300000000000000000"}}],"proposal_id":"3","voter":"{ME}"}}}}"#
        ),
        &[
            "Action: Weighted vote",
            "Proposal: Proposal #3",
            "Vote 1/2: Yes 70%",
            "Vote 2/2: Abstain 30%",
        ],
    );
    // v1 weights are decimals in both modes.
    both(
        "/cosmos.gov.v1.MsgVoteWeighted",
        cat(&[
            fv(1, 5),
            fs(2, ME),
            fb(3, &cat(&[fv(1, 3), fs(2, "0.25")])),
            fb(3, &cat(&[fv(1, 1), fs(2, "0.75")])),
        ]),
        &format!(
            r#"{{"type":"cosmos-sdk/v1/MsgVoteWeighted","value":{{"options":[{{"option":3,"weight":"0.25"}},{{"option":1,"weight":"0.75"}}],"proposal_id":"5","voter":"{ME}"}}}}"#
        ),
        &[
            "Action: Weighted vote",
            "Proposal: Proposal #5",
            "Vote 1/2: No 25%",
            "Vote 2/2: Yes 75%",
        ],
    );
}
