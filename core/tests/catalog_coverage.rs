//! One transaction per message type of the catalog (and a few more for the views that
//! have several shapes), each written twice by hand: as a SIGN_MODE_DIRECT `SignDoc`
//! (field numbers from `shared/spec/milkyway-messages.md`) and as the canonical x/tx
//! Amino JSON `StdSignDoc`. The expected screens are written out by hand from the
//! display rules of issue 3 (title, then labelled fields; ids as "Pool #3"; amounts with
//! decimals and symbol, unknown denoms as base amount and full denom; the signer's own
//! address hidden, every other address shown; LegacyDec rates as percentages; memo, fee
//! and chain always), and both modes must give exactly those screens.
//!
//! `every_catalog_message_has_a_vector` decodes every vector and records the type URL of
//! every message it actually contains (authz inner messages included), per mode, and
//! fails when a schema of `catalog::MESSAGES` was not exercised in both modes.

mod common;
use common::*;
use milkyway_core::catalog::MESSAGES;
use milkyway_core::msg::{Message, Val};
use milkyway_core::schema::Kind;
use milkyway_core::{decode, Error, Options, SignMode};
use std::collections::BTreeSet;

const MILKTIA: &str = "ibc/16065EE5282C5217685C8F084FC44864C25C706AC37356B0D62811D50B96920F";
const TIA: &str = "ibc/F1183DB3D428313A6FD329DF18219F9D6B83257D07D292EA9EC1D877E89EC2B0";
const LOCKED_TIA: &str =
    "locked/ibc/F1183DB3D428313A6FD329DF18219F9D6B83257D07D292EA9EC1D877E89EC2B0";
const UNKNOWN: &str = "factory/milk1xyz/ufoo";
const VAL1: &str = "milkvaloper1qg5ega6dykkxc307y25pecuufrjkxkaggkkxh";
const VAL2: &str = "milkvaloper1mevswxr8d9r0w0vd6d0ds7k4qh0xmdma9l2rxc";
const MILKBABY_CONTRACT: &str = "milk1qg5ega6dykkxc307y25pecuufrjkxkaggkkxh7nad0vhyhtuhw3ssgcye4";
const BABY: &str = "ibc/B0BEE773CEF718E8B6D2892A27D57FEFB00BD8B2E698367B5CC96A4F36148726";
const CELESTIA_SENDER: &str = "celestia1mevswxr8d9r0w0vd6d0ds7k4qh0xmdmaxxxxxx";
const CELESTIA_RECEIVER: &str = "celestia1qg5ega6dykkxc307y25pecuufrjkxkaggkkxh7nad";
const LIQUIDVESTING_MODULE: &str = "milk102lq49sg6lmw2e0mw740tjldzq68v0yfgtazz5";

const TAIL: [&str; 2] = ["Chain: MilkyWay", "Fees: 0.005 MILK"];

/// One transaction in both encodings and the screens both must render.
struct Vector {
    name: String,
    direct: Vec<u8>,
    amino: String,
    want: Vec<String>,
    opts: Options<'static>,
}

fn own() -> Options<'static> {
    Options { expert: false, own_address: Some(ME) }
}

/// A transaction on MilkyWay (fee 5000 umilk, gas 200000, account 7, sequence 3, no memo)
/// with one message: `type_url` + protobuf `body`, and the Amino `{"type","value"}` form.
fn mw(type_url: &str, body: Vec<u8>, amino_msg: String, screens: &[&str]) -> Vector {
    let mut want = lines(screens);
    want.extend(lines(&TAIL));
    Vector {
        name: type_url.to_string(),
        direct: direct_doc(&[any(type_url, &body)], ""),
        amino: amino_doc(&amino_msg, ""),
        want,
        opts: own(),
    }
}

fn coin_json(denom: &str, amount: &str) -> String {
    format!(r#"{{"amount":"{amount}","denom":"{denom}"}}"#)
}

fn restaking() -> Vec<Vector> {
    vec![
        mw(
            "/milkyway.restaking.v1.MsgDelegatePool",
            cat(&[fs(1, ME), fb(2, &coin(LOCKED_TIA, "2000000"))]),
            format!(
                r#"{{"type":"milkyway/MsgDelegatePool","value":{{"amount":{},"delegator":"{ME}"}}}}"#,
                coin_json(LOCKED_TIA, "2000000")
            ),
            &["Action: Restake to pool", "Amount: 2 locked TIA"],
        ),
        mw(
            "/milkyway.restaking.v1.MsgDelegateOperator",
            cat(&[
                fs(1, ME),
                fv(2, 12),
                fb(3, &coin("umilk", "1000000")),
                fb(3, &coin(TIA, "250000")),
            ]),
            format!(
                r#"{{"type":"milkyway/MsgDelegateOperator","value":{{"amount":[{},{}],"delegator":"{ME}","operator_id":12}}}}"#,
                coin_json("umilk", "1000000"),
                coin_json(TIA, "250000")
            ),
            &["Action: Restake to operator", "Operator: Operator #12", "Amount: 1 MILK, 0.25 TIA"],
        ),
        mw(
            "/milkyway.restaking.v1.MsgDelegateService",
            cat(&[fs(1, ME), fv(2, 5), fb(3, &coin(MILKTIA, "3000000"))]),
            format!(
                r#"{{"type":"milkyway/MsgDelegateService","value":{{"amount":[{}],"delegator":"{ME}","service_id":5}}}}"#,
                coin_json(MILKTIA, "3000000")
            ),
            &["Action: Restake to service", "Service: Service #5", "Amount: 3 milkTIA"],
        ),
        mw(
            "/milkyway.restaking.v1.MsgUndelegatePool",
            cat(&[fs(1, ME), fb(2, &coin("umilk", "2000000"))]),
            format!(
                r#"{{"type":"milkyway/MsgUndelegatePool","value":{{"amount":{},"delegator":"{ME}"}}}}"#,
                coin_json("umilk", "2000000")
            ),
            &["Action: Unrestake from pool", "Amount: 2 MILK"],
        ),
        mw(
            "/milkyway.restaking.v1.MsgUndelegateOperator",
            cat(&[fs(1, ME), fv(2, 3), fb(3, &coin(UNKNOWN, "123"))]),
            format!(
                r#"{{"type":"milkyway/MsgUndelegateOperator","value":{{"amount":[{}],"delegator":"{ME}","operator_id":3}}}}"#,
                coin_json(UNKNOWN, "123")
            ),
            &[
                "Action: Unrestake from operator",
                "Operator: Operator #3",
                "Amount: 123 factory/milk1xyz/ufoo",
            ],
        ),
        mw(
            "/milkyway.restaking.v1.MsgUndelegateService",
            cat(&[fs(1, ME), fv(2, 9)]),
            format!(
                r#"{{"type":"milkyway/MsgUndelegateService","value":{{"amount":null,"delegator":"{ME}","service_id":9}}}}"#
            ),
            &["Action: Unrestake from service", "Service: Service #9", "Amount: None"],
        ),
        mw(
            "/milkyway.restaking.v1.MsgSetUserPreferences",
            cat(&[fs(1, ME), fb(2, &fb(4, &cat(&[fv(1, 4), fb(2, &[2])])))]),
            format!(
                r#"{{"type":"milkyway/MsgSetUserPreferences","value":{{"preferences":{{"trusted_services":[{{"pools_ids":[2],"service_id":4}}]}},"user":"{ME}"}}}}"#
            ),
            &["Action: Trust services", "Trusted service: Service #4 with pool #2"],
        ),
        mw(
            "/milkyway.restaking.v1.MsgJoinService",
            cat(&[fs(1, ME), fv(2, 4), fv(3, 8)]),
            format!(
                r#"{{"type":"milkyway/MsgJoinService","value":{{"operator_id":4,"sender":"{ME}","service_id":8}}}}"#
            ),
            &["Action: Operator joins service", "Operator: Operator #4", "Service: Service #8"],
        ),
        mw(
            "/milkyway.restaking.v1.MsgLeaveService",
            cat(&[fs(1, ME), fv(2, 4), fv(3, 8)]),
            format!(
                r#"{{"type":"milkyway/MsgLeaveService","value":{{"operator_id":4,"sender":"{ME}","service_id":8}}}}"#
            ),
            &["Action: Operator leaves service", "Operator: Operator #4", "Service: Service #8"],
        ),
        // Field order differs from Join/Leave: 2 = service, 3 = operator.
        mw(
            "/milkyway.restaking.v1.MsgAddOperatorToAllowList",
            cat(&[fs(1, ME), fv(2, 8), fv(3, 4)]),
            format!(
                r#"{{"type":"milkyway/MsgAddOperatorToAllowList","value":{{"operator_id":4,"sender":"{ME}","service_id":8}}}}"#
            ),
            &["Action: Allow operator", "Service: Service #8", "Operator: Operator #4"],
        ),
        mw(
            "/milkyway.restaking.v1.MsgRemoveOperatorFromAllowlist",
            cat(&[fs(1, ME), fv(2, 8), fv(3, 4)]),
            format!(
                r#"{{"type":"milkyway/MsgRemoveOperatorFromAllowlist","value":{{"operator_id":4,"sender":"{ME}","service_id":8}}}}"#
            ),
            &["Action: Disallow operator", "Service: Service #8", "Operator: Operator #4"],
        ),
        mw(
            "/milkyway.restaking.v1.MsgBorrowPoolSecurity",
            cat(&[fs(1, ME), fv(2, 8), fv(3, 1)]),
            format!(
                r#"{{"type":"milkyway/MsgBorrowPoolSecurity","value":{{"pool_id":1,"sender":"{ME}","service_id":8}}}}"#
            ),
            &["Action: Borrow pool security", "Service: Service #8", "Pool: Pool #1"],
        ),
        mw(
            "/milkyway.restaking.v1.MsgCeasePoolSecurityBorrow",
            cat(&[fs(1, ME), fv(2, 8), fv(3, 2)]),
            format!(
                r#"{{"type":"milkyway/MsgCeasePoolSecurityBorrow","value":{{"pool_id":2,"sender":"{ME}","service_id":8}}}}"#
            ),
            &["Action: Stop borrowing pool security", "Service: Service #8", "Pool: Pool #2"],
        ),
    ]
}

fn rewards_and_liquidvesting() -> Vec<Vector> {
    vec![
        mw(
            "/milkyway.rewards.v1.MsgWithdrawDelegatorReward",
            cat(&[fs(1, ME), fv(2, 1), fv(3, 3)]),
            format!(
                r#"{{"type":"milkyway/MsgWithdrawDelegatorReward","value":{{"delegation_target_id":3,"delegation_type":1,"delegator_address":"{ME}"}}}}"#
            ),
            &["Action: Claim restaking rewards", "From: Pool #3"],
        ),
        mw(
            "/milkyway.rewards.v1.MsgWithdrawDelegatorReward",
            cat(&[fs(1, ME), fv(2, 3), fv(3, 5)]),
            format!(
                r#"{{"type":"milkyway/MsgWithdrawDelegatorReward","value":{{"delegation_target_id":5,"delegation_type":3,"delegator_address":"{ME}"}}}}"#
            ),
            &["Action: Claim restaking rewards", "From: Service #5"],
        ),
        mw(
            "/milkyway.rewards.v1.MsgSetWithdrawAddress",
            cat(&[fs(1, ME), fs(2, OTHER)]),
            format!(
                r#"{{"type":"milkyway/MsgSetWithdrawAddress","value":{{"sender":"{ME}","withdraw_address":"{OTHER}"}}}}"#
            ),
            &["Action: Set rewards address", &format!("Rewards to: {OTHER}")],
        ),
        mw(
            "/milkyway.rewards.v1.MsgWithdrawOperatorCommission",
            cat(&[fs(1, ME), fv(2, 12)]),
            format!(
                r#"{{"type":"milkyway/MsgWithdrawOperatorCommission","value":{{"operator_id":12,"sender":"{ME}"}}}}"#
            ),
            &["Action: Claim operator commission", "Operator: Operator #12"],
        ),
        mw(
            "/milkyway.liquidvesting.v1.MsgWithdrawInsuranceFund",
            cat(&[fs(1, ME), fb(2, &coin(TIA, "1500000"))]),
            format!(
                r#"{{"type":"milkyway/MsgWithdrawInsuranceFund","value":{{"amount":[{}],"sender":"{ME}"}}}}"#,
                coin_json(TIA, "1500000")
            ),
            &["Action: Withdraw insurance fund", "Amount: 1.5 TIA"],
        ),
    ]
}

fn operators() -> Vec<Vector> {
    let id_only = |url: &str, amino_name: &str, title: &str| {
        mw(
            url,
            cat(&[fs(1, ME), fv(2, 12)]),
            format!(r#"{{"type":"{amino_name}","value":{{"operator_id":12,"sender":"{ME}"}}}}"#),
            &[&format!("Action: {title}"), "Operator: Operator #12"],
        )
    };
    vec![
        mw(
            "/milkyway.operators.v1.MsgRegisterOperator",
            cat(&[
                fs(1, ME),
                fs(2, "Nebula"),
                fs(3, "https://nebula.example"),
                fs(4, "https://nebula.example/logo.png"),
                fb(5, &coin(TIA, "1000000")),
            ]),
            format!(
                r#"{{"type":"milkyway/MsgRegisterOperator","value":{{"fee_amount":[{}],"moniker":"Nebula","picture_url":"https://nebula.example/logo.png","sender":"{ME}","website":"https://nebula.example"}}}}"#,
                coin_json(TIA, "1000000")
            ),
            &[
                "Action: Register operator",
                "Name: Nebula",
                "Website: https://nebula.example",
                "Picture URL: https://nebula.example/logo.png",
                "Registration fee: 1 TIA",
            ],
        ),
        // "[do-not-modify]" keeps a value; an empty picture URL is not sent at all, and the
        // chain's Update writes it as the new value, so it is shown as a change.
        mw(
            "/milkyway.operators.v1.MsgUpdateOperator",
            cat(&[fs(1, ME), fv(2, 12), fs(3, "[do-not-modify]"), fs(4, "https://new.example")]),
            format!(
                r#"{{"type":"milkyway/MsgUpdateOperator","value":{{"moniker":"[do-not-modify]","operator_id":12,"sender":"{ME}","website":"https://new.example"}}}}"#
            ),
            &[
                "Action: Update operator",
                "Operator: Operator #12",
                "Name: (unchanged)",
                "Website: https://new.example",
                "Picture URL: (set to empty)",
            ],
        ),
        id_only(
            "/milkyway.operators.v1.MsgDeactivateOperator",
            "milkyway/MsgDeactivateOperator",
            "Deactivate operator",
        ),
        id_only(
            "/milkyway.operators.v1.MsgReactivateOperator",
            "milkyway/MsgReactivateOperator",
            "Reactivate operator",
        ),
        id_only(
            "/milkyway.operators.v1.MsgDeleteOperator",
            "milkyway/MsgDeleteOperator",
            "Delete operator",
        ),
        // commission_rate is a LegacyDec without the cosmos.Dec scalar: the integer x10^18
        // in both encodings, shown as a percentage.
        mw(
            "/milkyway.operators.v1.MsgSetOperatorParams",
            cat(&[fs(1, ME), fv(2, 12), fb(3, &fs(1, "125000000000000000"))]),
            format!(
                r#"{{"type":"milkyway/MsgSetOperatorParams","value":{{"operator_id":12,"params":{{"commission_rate":"125000000000000000"}},"sender":"{ME}"}}}}"#
            ),
            &["Action: Set operator params", "Operator: Operator #12", "Commission rate: 12.5%"],
        ),
        mw(
            "/milkyway.operators.v1.MsgSetOperatorParams",
            cat(&[fs(1, ME), fv(2, 12), fb(3, &fs(1, "1000000000000000000"))]),
            format!(
                r#"{{"type":"milkyway/MsgSetOperatorParams","value":{{"operator_id":12,"params":{{"commission_rate":"1000000000000000000"}},"sender":"{ME}"}}}}"#
            ),
            &["Action: Set operator params", "Operator: Operator #12", "Commission rate: 100%"],
        ),
        mw(
            "/milkyway.operators.v1.MsgSetOperatorParams",
            cat(&[fs(1, ME), fv(2, 12), fb(3, &fs(1, "1"))]),
            format!(
                r#"{{"type":"milkyway/MsgSetOperatorParams","value":{{"operator_id":12,"params":{{"commission_rate":"1"}},"sender":"{ME}"}}}}"#
            ),
            &[
                "Action: Set operator params",
                "Operator: Operator #12",
                "Commission rate: 0.0000000000000001%",
            ],
        ),
        mw(
            "/milkyway.operators.v1.MsgTransferOperatorOwnership",
            cat(&[fs(1, ME), fv(2, 12), fs(3, OTHER)]),
            format!(
                r#"{{"type":"milkyway/MsgTransferOperatorOwnership","value":{{"new_admin":"{OTHER}","operator_id":12,"sender":"{ME}"}}}}"#
            ),
            &[
                "Action: Transfer operator ownership",
                "Operator: Operator #12",
                &format!("New admin: {OTHER}"),
            ],
        ),
    ]
}

fn services() -> Vec<Vector> {
    let id_only = |url: &str, amino_name: &str, title: &str| {
        mw(
            url,
            cat(&[fs(1, ME), fv(2, 5)]),
            format!(r#"{{"type":"{amino_name}","value":{{"sender":"{ME}","service_id":5}}}}"#),
            &[&format!("Action: {title}"), "Service: Service #5"],
        )
    };
    vec![
        // The proto amino name (milkyway/services/...), and Go's HTML-safe escape of "&".
        mw(
            "/milkyway.services.v1.MsgCreateService",
            cat(&[
                fs(1, ME),
                fs(2, "Oracle AVS"),
                fs(3, "Prices & feeds"),
                fs(4, "https://oracle.example"),
            ]),
            format!(
                r#"{{"type":"milkyway/services/MsgCreateService","value":{{"description":"Prices \u0026 feeds","name":"Oracle AVS","sender":"{ME}","website":"https://oracle.example"}}}}"#
            ),
            &[
                "Action: Create service",
                "Name: Oracle AVS",
                "Description: Prices & feeds",
                "Website: https://oracle.example",
            ],
        ),
        mw(
            "/milkyway.services.v1.MsgUpdateService",
            cat(&[
                fs(1, ME),
                fv(2, 5),
                fs(3, "[do-not-modify]"),
                fs(4, "Faster prices"),
                fs(5, "[do-not-modify]"),
                fs(6, "https://oracle.example/new.png"),
            ]),
            format!(
                r#"{{"type":"milkyway/services/MsgUpdateService","value":{{"description":"Faster prices","name":"[do-not-modify]","picture_url":"https://oracle.example/new.png","sender":"{ME}","service_id":5,"website":"[do-not-modify]"}}}}"#
            ),
            &[
                "Action: Update service",
                "Service: Service #5",
                "Name: (unchanged)",
                "Description: Faster prices",
                "Website: (unchanged)",
                "Picture URL: https://oracle.example/new.png",
            ],
        ),
        id_only(
            "/milkyway.services.v1.MsgActivateService",
            "milkyway/MsgActivateService",
            "Activate service",
        ),
        id_only(
            "/milkyway.services.v1.MsgDeactivateService",
            "milkyway/MsgDeactivateService",
            "Deactivate service",
        ),
        id_only(
            "/milkyway.services.v1.MsgDeleteService",
            "milkyway/MsgDeleteService",
            "Delete service",
        ),
        mw(
            "/milkyway.services.v1.MsgTransferServiceOwnership",
            cat(&[fs(1, ME), fv(2, 5), fs(3, OTHER)]),
            format!(
                r#"{{"type":"milkyway/MsgTransferServiceOwnership","value":{{"new_admin":"{OTHER}","sender":"{ME}","service_id":5}}}}"#
            ),
            &[
                "Action: Transfer service ownership",
                "Service: Service #5",
                &format!("New admin: {OTHER}"),
            ],
        ),
        mw(
            "/milkyway.services.v1.MsgSetServiceParams",
            cat(&[fs(1, ME), fv(2, 5), fb(3, &cat(&[fs(1, "umilk"), fs(1, TIA)]))]),
            format!(
                r#"{{"type":"milkyway/MsgSetServiceParams","value":{{"sender":"{ME}","service_id":5,"service_params":{{"allowed_denoms":["umilk","{TIA}"]}}}}}}"#
            ),
            &[
                "Action: Set service params",
                "Service: Service #5",
                &format!("Allowed denoms: umilk, {TIA}"),
            ],
        ),
    ]
}

fn cosmos_standard() -> Vec<Vector> {
    vec![
        mw(
            "/cosmos.bank.v1beta1.MsgSend",
            cat(&[
                fs(1, ME),
                fs(2, OTHER),
                fb(3, &coin("umilk", "1500000")),
                fb(3, &coin(UNKNOWN, "123")),
            ]),
            format!(
                r#"{{"type":"cosmos-sdk/MsgSend","value":{{"amount":[{},{}],"from_address":"{ME}","to_address":"{OTHER}"}}}}"#,
                coin_json("umilk", "1500000"),
                coin_json(UNKNOWN, "123")
            ),
            &[
                "Action: Send",
                "Amount: 1.5 MILK, 123 factory/milk1xyz/ufoo",
                &format!("To: {OTHER}"),
            ],
        ),
        mw(
            "/cosmos.staking.v1beta1.MsgDelegate",
            cat(&[fs(1, ME), fs(2, VAL1), fb(3, &coin("umilk", "5000000"))]),
            format!(
                r#"{{"type":"cosmos-sdk/MsgDelegate","value":{{"amount":{},"delegator_address":"{ME}","validator_address":"{VAL1}"}}}}"#,
                coin_json("umilk", "5000000")
            ),
            &["Action: Delegate", &format!("Validator: {VAL1}"), "Amount: 5 MILK"],
        ),
        mw(
            "/cosmos.staking.v1beta1.MsgUndelegate",
            cat(&[fs(1, ME), fs(2, VAL1), fb(3, &coin("umilk", "2500000"))]),
            format!(
                r#"{{"type":"cosmos-sdk/MsgUndelegate","value":{{"amount":{},"delegator_address":"{ME}","validator_address":"{VAL1}"}}}}"#,
                coin_json("umilk", "2500000")
            ),
            &["Action: Undelegate", &format!("Validator: {VAL1}"), "Amount: 2.5 MILK"],
        ),
        mw(
            "/cosmos.staking.v1beta1.MsgBeginRedelegate",
            cat(&[fs(1, ME), fs(2, VAL1), fs(3, VAL2), fb(4, &coin("umilk", "1000000"))]),
            format!(
                r#"{{"type":"cosmos-sdk/MsgBeginRedelegate","value":{{"amount":{},"delegator_address":"{ME}","validator_dst_address":"{VAL2}","validator_src_address":"{VAL1}"}}}}"#,
                coin_json("umilk", "1000000")
            ),
            &[
                "Action: Redelegate",
                &format!("From validator: {VAL1}"),
                &format!("To validator: {VAL2}"),
                "Amount: 1 MILK",
            ],
        ),
        mw(
            "/cosmos.staking.v1beta1.MsgCancelUnbondingDelegation",
            cat(&[fs(1, ME), fs(2, VAL1), fb(3, &coin("umilk", "500000")), fv(4, 1_234_567)]),
            format!(
                r#"{{"type":"cosmos-sdk/MsgCancelUnbondingDelegation","value":{{"amount":{},"creation_height":"1234567","delegator_address":"{ME}","validator_address":"{VAL1}"}}}}"#,
                coin_json("umilk", "500000")
            ),
            &[
                "Action: Cancel unbonding",
                &format!("Validator: {VAL1}"),
                "Amount: 0.5 MILK",
                "Unbonding height: 1234567",
            ],
        ),
        mw(
            "/cosmos.distribution.v1beta1.MsgWithdrawDelegatorReward",
            cat(&[fs(1, ME), fs(2, VAL1)]),
            format!(
                r#"{{"type":"cosmos-sdk/MsgWithdrawDelegationReward","value":{{"delegator_address":"{ME}","validator_address":"{VAL1}"}}}}"#
            ),
            &["Action: Claim staking rewards", &format!("Validator: {VAL1}")],
        ),
        mw(
            "/cosmos.distribution.v1beta1.MsgSetWithdrawAddress",
            cat(&[fs(1, ME), fs(2, OTHER)]),
            format!(
                r#"{{"type":"cosmos-sdk/MsgModifyWithdrawAddress","value":{{"delegator_address":"{ME}","withdraw_address":"{OTHER}"}}}}"#
            ),
            &["Action: Set rewards address", &format!("Rewards to: {OTHER}")],
        ),
        mw(
            "/cosmos.distribution.v1beta1.MsgWithdrawValidatorCommission",
            fs(1, VAL1),
            format!(
                r#"{{"type":"cosmos-sdk/MsgWithdrawValCommission","value":{{"validator_address":"{VAL1}"}}}}"#
            ),
            &["Action: Claim validator commission", &format!("Validator: {VAL1}")],
        ),
    ]
}

fn gov() -> Vec<Vector> {
    vec![
        mw(
            "/cosmos.gov.v1.MsgVote",
            cat(&[fv(1, 12), fs(2, ME), fv(3, 1), fs(4, "ipfs://Qm")]),
            format!(
                r#"{{"type":"cosmos-sdk/v1/MsgVote","value":{{"metadata":"ipfs://Qm","option":1,"proposal_id":"12","voter":"{ME}"}}}}"#
            ),
            &["Action: Vote", "Proposal: Proposal #12", "Vote: Yes", "Metadata: ipfs://Qm"],
        ),
        mw(
            "/cosmos.gov.v1.MsgVoteWeighted",
            cat(&[
                fv(1, 5),
                fs(2, ME),
                fb(3, &cat(&[fv(1, 3), fs(2, "0.25")])),
                fb(3, &cat(&[fv(1, 1), fs(2, "0.75")])),
            ]),
            format!(
                r#"{{"type":"cosmos-sdk/v1/MsgVoteWeighted","value":{{"options":[{{"option":3,"weight":"0.25"}},{{"option":1,"weight":"0.75"}}],"proposal_id":"5","voter":"{ME}"}}}}"#
            ),
            &[
                "Action: Weighted vote",
                "Proposal: Proposal #5",
                "Vote 1/2: No 25%",
                "Vote 2/2: Yes 75%",
            ],
        ),
        mw(
            "/cosmos.gov.v1.MsgDeposit",
            cat(&[fv(1, 7), fs(2, ME), fb(3, &coin("umilk", "100000000"))]),
            format!(
                r#"{{"type":"cosmos-sdk/v1/MsgDeposit","value":{{"amount":[{}],"depositor":"{ME}","proposal_id":"7"}}}}"#,
                coin_json("umilk", "100000000")
            ),
            &["Action: Deposit", "Proposal: Proposal #7", "Amount: 100 MILK"],
        ),
        mw(
            "/cosmos.gov.v1beta1.MsgVote",
            cat(&[fv(1, 3), fs(2, ME), fv(3, 2)]),
            format!(
                r#"{{"type":"cosmos-sdk/MsgVote","value":{{"option":2,"proposal_id":"3","voter":"{ME}"}}}}"#
            ),
            &["Action: Vote", "Proposal: Proposal #3", "Vote: Abstain"],
        ),
        // v1beta1 weights: LegacyDec integer x10^18 on the wire, 18 decimals in Amino.
        mw(
            "/cosmos.gov.v1beta1.MsgVoteWeighted",
            cat(&[
                fv(1, 3),
                fs(2, ME),
                fb(3, &cat(&[fv(1, 1), fs(2, "700000000000000000")])),
                fb(3, &cat(&[fv(1, 4), fs(2, "300000000000000000")])),
            ]),
            format!(
                r#"{{"type":"cosmos-sdk/MsgVoteWeighted","value":{{"options":[{{"option":1,"weight":"0.700000000000000000"}},{{"option":4,"weight":"0.300000000000000000"}}],"proposal_id":"3","voter":"{ME}"}}}}"#
            ),
            &[
                "Action: Weighted vote",
                "Proposal: Proposal #3",
                "Vote 1/2: Yes 70%",
                "Vote 2/2: No with veto 30%",
            ],
        ),
        mw(
            "/cosmos.gov.v1beta1.MsgDeposit",
            cat(&[fv(1, 7), fs(2, ME), fb(3, &coin("umilk", "2500000"))]),
            format!(
                r#"{{"type":"cosmos-sdk/MsgDeposit","value":{{"amount":[{}],"depositor":"{ME}","proposal_id":"7"}}}}"#,
                coin_json("umilk", "2500000")
            ),
            &["Action: Deposit", "Proposal: Proposal #7", "Amount: 2.5 MILK"],
        ),
    ]
}

fn authz_ibc_wasm() -> Vec<Vector> {
    // authz MsgExec: the grantee is the signer; the inner messages are someone else's.
    let inner_pool = any(
        "/milkyway.restaking.v1.MsgDelegatePool",
        &cat(&[fs(1, OTHER), fb(2, &coin("umilk", "1000000"))]),
    );
    let inner_vote = any("/cosmos.gov.v1.MsgVote", &cat(&[fv(1, 12), fs(2, OTHER), fv(3, 3)]));
    let exec = mw(
        "/cosmos.authz.v1beta1.MsgExec",
        cat(&[fs(1, ME), fb(2, &inner_pool), fb(2, &inner_vote)]),
        format!(
            r#"{{"type":"cosmos-sdk/MsgExec","value":{{"grantee":"{ME}","msgs":[{{"type":"milkyway/MsgDelegatePool","value":{{"amount":{},"delegator":"{OTHER}"}}}},{{"type":"cosmos-sdk/v1/MsgVote","value":{{"option":3,"proposal_id":"12","voter":"{OTHER}"}}}}]}}}}"#,
            coin_json("umilk", "1000000")
        ),
        &[
            "Action: Execute as grantee",
            "Inner action 1/2: Restake to pool",
            &format!("Delegator: {OTHER}"),
            "Amount: 1 MILK",
            "Inner action 2/2: Vote",
            "Proposal: Proposal #12",
            &format!("Voter: {OTHER}"),
            "Vote: No",
        ],
    );
    // An IBC transfer out of MilkyWay with a plain memo: the memo is shown in full.
    let transfer = mw(
        "/ibc.applications.transfer.v1.MsgTransfer",
        cat(&[
            fs(1, "transfer"),
            fs(2, "channel-1"),
            fb(3, &coin(TIA, "1000000")),
            fs(4, ME),
            fs(5, CELESTIA_RECEIVER),
            fb(6, &cat(&[fv(1, 1), fv(2, 12345)])),
            fs(8, "thanks for lunch"),
        ]),
        format!(
            r#"{{"type":"cosmos-sdk/MsgTransfer","value":{{"memo":"thanks for lunch","receiver":"{CELESTIA_RECEIVER}","sender":"{ME}","source_channel":"channel-1","source_port":"transfer","timeout_height":{{"revision_height":"12345","revision_number":"1"}},"token":{}}}}}"#,
            coin_json(TIA, "1000000")
        ),
        &[
            "Action: IBC transfer",
            "Amount: 1 TIA",
            &format!("To: {CELESTIA_RECEIVER}"),
            "Channel: transfer/channel-1",
            "Timeout height: 1-12345",
            "IBC memo: thanks for lunch",
        ],
    );
    let stake = mw(
        "/cosmwasm.wasm.v1.MsgExecuteContract",
        cat(&[
            fs(1, ME),
            fs(2, MILKBABY_CONTRACT),
            fb(3, br#"{"liquid_stake":{}}"#),
            fb(5, &coin(BABY, "10500000")),
        ]),
        format!(
            r#"{{"type":"wasm/MsgExecuteContract","value":{{"contract":"{MILKBABY_CONTRACT}","funds":[{}],"msg":{{"liquid_stake":{{}}}},"sender":"{ME}"}}}}"#,
            coin_json(BABY, "10500000")
        ),
        &[
            "Action: Liquid stake",
            "Stake: 10.5 BABY",
            "Receive: milkBABY",
            "Contract: MilkyWay milkBABY staking",
        ],
    );
    // Any JSON value is a valid wasm message (x/tx inlines it as it is): a bare string
    // for an unknown contract, shown in full under the warning title.
    let unknown = "milk1unknowncontractxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
    let bare = mw(
        "/cosmwasm.wasm.v1.MsgExecuteContract",
        cat(&[fs(1, ME), fs(2, unknown), fb(3, br#""ping""#)]),
        format!(
            r#"{{"type":"wasm/MsgExecuteContract","value":{{"contract":"{unknown}","funds":[],"msg":"ping","sender":"{ME}"}}}}"#
        ),
        &[
            "Action: Unverified contract call",
            &format!("Contract: {unknown}"),
            "Message: ping",
            "Funds: None",
        ],
    );
    vec![exec, transfer, stake, bare, insurance_deposit()]
}

/// The liquid-vesting insurance deposit: an IBC transfer from Celestia to the module
/// account with a `{"liquidvesting":…}` memo, on Celestia (fee in utia).
fn insurance_deposit() -> Vector {
    let memo =
        format!(r#"{{"liquidvesting":{{"amounts":[{{"amount":"1000000","depositor":"{ME}"}}]}}}}"#);
    let proto = cat(&[
        fs(1, "transfer"),
        fs(2, "channel-2"),
        fb(3, &coin("utia", "1000000")),
        fs(4, CELESTIA_SENDER),
        fs(5, LIQUIDVESTING_MODULE),
        fb(6, &[]),
        fv(7, 1_795_257_005_000_000_000),
        fs(8, &memo),
    ]);
    let direct = sign_doc(
        &[any("/ibc.applications.transfer.v1.MsgTransfer", &proto)],
        "",
        &[fb(1, &coin("utia", "2000")), fv(2, 150000)],
        "celestia",
        1,
        0,
    );
    let escaped = memo.replace('"', "\\\"");
    let amino = format!(
        r#"{{"account_number":"1","chain_id":"celestia","fee":{{"amount":[{{"amount":"2000","denom":"utia"}}],"gas":"150000"}},"memo":"","msgs":[{{"type":"cosmos-sdk/MsgTransfer","value":{{"memo":"{escaped}","receiver":"{LIQUIDVESTING_MODULE}","sender":"{CELESTIA_SENDER}","source_channel":"channel-2","source_port":"transfer","timeout_height":{{}},"timeout_timestamp":"1795257005000000000","token":{{"amount":"1000000","denom":"utia"}}}}}}],"sequence":"0"}}"#
    );
    Vector {
        name: "insurance fund deposit".into(),
        direct,
        amino,
        want: lines(&[
            "Action: Insurance fund deposit",
            &format!("From: {CELESTIA_SENDER}"),
            "Deposit: 1 TIA",
            "To: MilkyWay insurance fund",
            &format!("Credit: 1 TIA to {ME}"),
            "Channel: transfer/channel-2",
            "Timeout: 2026-11-21 10:30:05 UTC",
            "Chain: Celestia",
            "Fees: 0.002 TIA",
        ]),
        opts: own(),
    }
}

/// The sign-doc envelope: several messages, memo, fee granter, timeout height, and expert
/// mode, which adds account number, sequence, gas and timeout height.
fn envelopes() -> Vec<Vector> {
    let send = any(
        "/cosmos.bank.v1beta1.MsgSend",
        &cat(&[fs(1, ME), fs(2, OTHER), fb(3, &coin("umilk", "1"))]),
    );
    let vote = any("/cosmos.gov.v1beta1.MsgVote", &cat(&[fv(1, 4), fs(2, ME), fv(3, 3)]));
    let body = cat(&[fb(1, &send), fb(1, &vote), fs(2, "rent <march>"), fv(3, 900_000)]);
    let pk = any("/cosmos.crypto.secp256k1.PubKey", &fb(1, &PUBKEY));
    let signer = cat(&[fb(1, &pk), fb(2, &fb(1, &fv(1, 1))), fv(3, 3)]);
    let fee = cat(&[fb(1, &coin("umilk", "5000")), fv(2, 200000), fs(4, OTHER)]);
    let auth = cat(&[fb(1, &signer), fb(2, &fee)]);
    let direct = cat(&[fb(1, &body), fb(2, &auth), fs(3, "milkyway"), fv(4, 7)]);
    let amino = format!(
        r#"{{"account_number":"7","chain_id":"milkyway","fee":{{"amount":[{{"amount":"5000","denom":"umilk"}}],"gas":"200000","granter":"{OTHER}"}},"memo":"rent \u003cmarch\u003e","msgs":[{{"type":"cosmos-sdk/MsgSend","value":{{"amount":[{{"amount":"1","denom":"umilk"}}],"from_address":"{ME}","to_address":"{OTHER}"}}}},{{"type":"cosmos-sdk/MsgVote","value":{{"option":3,"proposal_id":"4","voter":"{ME}"}}}}],"sequence":"3","timeout_height":"900000"}}"#
    );
    let base = [
        "Action 1/2: Send".to_string(),
        "Amount: 0.000001 MILK".into(),
        format!("To: {OTHER}"),
        "Action 2/2: Vote".into(),
        "Proposal: Proposal #4".into(),
        "Vote: No".into(),
        "Memo: rent <march>".into(),
        "Chain: MilkyWay".into(),
        "Fees: 0.005 MILK".into(),
        format!("Fee granter: {OTHER}"),
    ];
    let mut expert = base.to_vec();
    expert.extend(lines(&[
        "Account number: 7",
        "Sequence: 3",
        "Gas: 200000",
        "Timeout height: 900000",
    ]));
    vec![
        Vector {
            name: "two messages, memo, granter".into(),
            direct: direct.clone(),
            amino: amino.clone(),
            want: base.to_vec(),
            opts: own(),
        },
        Vector {
            name: "expert mode".into(),
            direct,
            amino,
            want: expert,
            opts: Options { expert: true, own_address: Some(ME) },
        },
    ]
}

/// authz grants and revocations, validators (more shapes in `authz_grants.rs` and
/// `validators.rs`).
fn grants_and_validators() -> Vec<Vector> {
    // 2026-12-31T23:59:59Z.
    let expiration = fv(1, 1_798_761_599);
    let authorization = any(
        "/cosmos.authz.v1beta1.GenericAuthorization",
        &fs(1, "/milkyway.rewards.v1.MsgWithdrawDelegatorReward"),
    );
    // Bytes 1..=32; fingerprint from Python hashlib: sha256(bytes(range(1,33)))[:20].
    let key: Vec<u8> = (1u8..=32).collect();
    vec![
        mw(
            "/cosmos.authz.v1beta1.MsgGrant",
            cat(&[
                fs(1, ME),
                fs(2, OTHER),
                fb(3, &cat(&[fb(1, &authorization), fb(2, &expiration)])),
            ]),
            format!(
                r#"{{"type":"cosmos-sdk/MsgGrant","value":{{"grant":{{"authorization":{{"type":"cosmos-sdk/GenericAuthorization","value":{{"msg":"/milkyway.rewards.v1.MsgWithdrawDelegatorReward"}}}},"expiration":"2026-12-31T23:59:59Z"}},"grantee":"{OTHER}","granter":"{ME}"}}}}"#
            ),
            &[
                "Action: Grant authorization",
                &format!("Grantee: {OTHER}"),
                "Authorization: Any amount, no limit",
                "Allowed message: Claim restaking rewards",
                "Expiration: 2026-12-31 23:59:59 UTC",
            ],
        ),
        mw(
            "/cosmos.feegrant.v1beta1.MsgGrantAllowance",
            cat(&[
                fs(1, ME),
                fs(2, OTHER),
                fb(
                    3,
                    &any(
                        "/cosmos.feegrant.v1beta1.BasicAllowance",
                        &cat(&[fb(1, &coin("umilk", "2000000")), fb(2, &expiration)]),
                    ),
                ),
            ]),
            format!(
                r#"{{"type":"cosmos-sdk/MsgGrantAllowance","value":{{"allowance":{{"type":"cosmos-sdk/BasicAllowance","value":{{"expiration":"2026-12-31T23:59:59Z","spend_limit":[{{"amount":"2000000","denom":"umilk"}}]}}}},"grantee":"{OTHER}","granter":"{ME}"}}}}"#
            ),
            &[
                "Action: Grant fee allowance",
                &format!("Grantee: {OTHER}"),
                "Allowance: Fees",
                "Spend limit: 2 MILK",
                "Expiration: 2026-12-31 23:59:59 UTC",
            ],
        ),
        mw(
            "/cosmos.feegrant.v1beta1.MsgRevokeAllowance",
            cat(&[fs(1, ME), fs(2, OTHER)]),
            format!(
                r#"{{"type":"cosmos-sdk/MsgRevokeAllowance","value":{{"grantee":"{OTHER}","granter":"{ME}"}}}}"#
            ),
            &["Action: Revoke fee allowance", &format!("Grantee: {OTHER}")],
        ),
        mw(
            "/cosmos.authz.v1beta1.MsgRevoke",
            cat(&[fs(1, ME), fs(2, OTHER), fs(3, "/cosmos.staking.v1beta1.MsgDelegate")]),
            format!(
                r#"{{"type":"cosmos-sdk/MsgRevoke","value":{{"grantee":"{OTHER}","granter":"{ME}","msg_type_url":"/cosmos.staking.v1beta1.MsgDelegate"}}}}"#
            ),
            &["Action: Revoke authorization", &format!("Grantee: {OTHER}"), "Message: Delegate"],
        ),
        mw(
            "/cosmos.staking.v1beta1.MsgCreateValidator",
            cat(&[
                fb(1, &fs(1, "Nebula")),
                fb(
                    2,
                    &cat(&[
                        fs(1, "100000000000000000"),
                        fs(2, "1000000000000000000"),
                        fs(3, "10000000000000000"),
                    ]),
                ),
                fs(3, "1"),
                fs(5, VAL2),
                fb(6, &any("/cosmos.crypto.ed25519.PubKey", &fb(1, &key))),
                fb(7, &coin("umilk", "1000000")),
            ]),
            format!(
                r#"{{"type":"cosmos-sdk/MsgCreateValidator","value":{{"commission":{{"max_change_rate":"0.010000000000000000","max_rate":"1.000000000000000000","rate":"0.100000000000000000"}},"description":{{"moniker":"Nebula"}},"min_self_delegation":"1","pubkey":{{"type":"tendermint/PubKeyEd25519","value":"AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA="}},"validator_address":"{VAL2}","value":{{"amount":"1000000","denom":"umilk"}}}}}}"#
            ),
            &[
                "Action: Create validator",
                "Moniker: Nebula",
                "Commission rate: 10%",
                "Max commission: 100%",
                "Max daily change: 1%",
                "Min self delegation: 0.000001 MILK",
                &format!("Validator: {VAL2}"),
                "Consensus key: ed25519, SHA-256 AE216C2EF5247A3782C135EFA279A3E4CDC61094",
                "Self delegation: 1 MILK",
            ],
        ),
        mw(
            "/cosmos.staking.v1beta1.MsgEditValidator",
            cat(&[
                fb(
                    1,
                    &cat(&[
                        fs(1, "Nebula 2"),
                        fs(2, "[do-not-modify]"),
                        fs(3, "[do-not-modify]"),
                        fs(4, "[do-not-modify]"),
                        fs(5, "[do-not-modify]"),
                    ]),
                ),
                fs(2, VAL2),
            ]),
            format!(
                r#"{{"type":"cosmos-sdk/MsgEditValidator","value":{{"description":{{"details":"[do-not-modify]","identity":"[do-not-modify]","moniker":"Nebula 2","security_contact":"[do-not-modify]","website":"[do-not-modify]"}},"validator_address":"{VAL2}"}}}}"#
            ),
            &[
                "Action: Edit validator",
                "Moniker: Nebula 2",
                "Identity: (unchanged)",
                "Website: (unchanged)",
                "Security contact: (unchanged)",
                "Details: (unchanged)",
                &format!("Validator: {VAL2}"),
                "Commission rate: (unchanged)",
                "Min self delegation: (unchanged)",
            ],
        ),
        mw(
            "/cosmos.slashing.v1beta1.MsgUnjail",
            fs(1, VAL2),
            format!(r#"{{"type":"cosmos-sdk/MsgUnjail","value":{{"address":"{VAL2}"}}}}"#),
            &["Action: Unjail validator", &format!("Validator: {VAL2}")],
        ),
    ]
}

/// Rewards plans: a create (pools in proportion, operators equally, users) and an edit
/// (pools by weight). More shapes in `rewards_plan.rs`.
fn rewards_plans() -> Vec<Vector> {
    let basic = "/milkyway.rewards.v1.DistributionTypeBasic";
    let users = any("/milkyway.rewards.v1.UsersDistributionTypeBasic", &[]);
    // 2026-01-01T00:00:00Z, 2026-03-31T12:30:00Z.
    let (start, end) = (fv(1, 1_767_225_600), fv(1, 1_774_960_200));
    let users_json = r#"{"type":{"type":"/milkyway.rewards.v1.UsersDistributionTypeBasic","value":{}},"weight":1}"#;
    let create = mw(
        "/milkyway.rewards.v1.MsgCreateRewardsPlan",
        cat(&[
            fs(1, ME),
            fs(2, "Season 1"),
            fv(3, 5),
            fb(4, &coin("umilk", "10000000")),
            fb(5, &start),
            fb(6, &end),
            fb(7, &cat(&[fv(1, 1), fv(2, 2), fb(3, &any(basic, &[]))])),
            fb(
                8,
                &cat(&[
                    fv(1, 2),
                    fv(2, 1),
                    fb(3, &any("/milkyway.rewards.v1.DistributionTypeEgalitarian", &[])),
                ]),
            ),
            fb(9, &cat(&[fv(1, 1), fb(2, &users)])),
        ]),
        format!(
            r#"{{"type":"milkyway/MsgCreateRewardsPlan","value":{{"amount":{},"description":"Season 1","end_time":"2026-03-31T12:30:00Z","operators_distribution":{{"delegation_type":2,"type":{{"type":"/milkyway.rewards.v1.DistributionTypeEgalitarian","value":{{}}}},"weight":1}},"pools_distribution":{{"delegation_type":1,"type":{{"type":"{basic}","value":{{}}}},"weight":2}},"sender":"{ME}","service_id":5,"start_time":"2026-01-01T00:00:00Z","users_distribution":{users_json}}}}}"#,
            coin_json("umilk", "10000000")
        ),
        &[
            "Action: Create rewards plan",
            "Service: Service #5",
            "Description: Season 1",
            "Amount per day: 10 MILK",
            "Start: 2026-01-01 00:00:00 UTC",
            "End: 2026-03-31 12:30:00 UTC",
            "Pools: weight 2 of 4, split in proportion to delegations",
            "Operators: weight 1 of 4, split equally",
            "Users: weight 1 of 4, split in proportion to delegations",
        ],
    );
    let weighted =
        any("/milkyway.rewards.v1.DistributionTypeWeighted", &fb(1, &cat(&[fv(1, 4), fv(2, 3)])));
    let edit = mw(
        "/milkyway.rewards.v1.MsgEditRewardsPlan",
        cat(&[
            fs(1, ME),
            fv(2, 9),
            fb(4, &coin(MILKTIA, "500000")),
            fb(5, &start),
            fb(6, &end),
            fb(7, &cat(&[fv(1, 1), fv(2, 1), fb(3, &weighted)])),
            fb(8, &cat(&[fv(1, 2), fb(3, &any(basic, &[]))])),
            fb(9, &cat(&[fv(1, 1), fb(2, &users)])),
        ]),
        format!(
            r#"{{"type":"milkyway/MsgEditRewardsPlan","value":{{"amount":{},"end_time":"2026-03-31T12:30:00Z","id":"9","operators_distribution":{{"delegation_type":2,"type":{{"type":"{basic}","value":{{}}}}}},"pools_distribution":{{"delegation_type":1,"type":{{"type":"/milkyway.rewards.v1.DistributionTypeWeighted","value":{{"weights":[{{"delegation_target_id":4,"weight":3}}]}}}},"weight":1}},"sender":"{ME}","start_time":"2026-01-01T00:00:00Z","users_distribution":{users_json}}}}}"#,
            coin_json(MILKTIA, "500000")
        ),
        &[
            "Action: Edit rewards plan",
            "Plan: Rewards plan #9",
            "Amount per day: 0.5 milkTIA",
            "Start: 2026-01-01 00:00:00 UTC",
            "End: 2026-03-31 12:30:00 UTC",
            "Pools: weight 1 of 2, split by weight: Pool #4 x3",
            "Operators: weight 0 of 2, split in proportion to delegations",
            "Users: weight 1 of 2, split in proportion to delegations",
        ],
    );
    vec![create, edit]
}

const MILK_WARP: &str = "0x726f757465725f61707000000000000000000000000000010000000000000000";
const EVM_RECIPIENT: &str = "0x0000000000000000000000007b4bf9feccff207ef2cb7101ceb15b8516021acd";

fn hyperlane() -> Vec<Vector> {
    vec![mw(
        "/hyperlane.warp.v1.MsgRemoteTransfer",
        cat(&[
            fs(1, ME),
            fs(2, MILK_WARP),
            fv(3, 56),
            fs(4, EVM_RECIPIENT),
            fs(5, "2500000"),
            fs(7, "0"),
            fb(8, &coin("umilk", "150000")),
        ]),
        format!(
            r#"{{"type":"hyperlane/warp/v1/MsgRemoteTransfer","value":{{"amount":"2500000","destination_domain":56,"gas_limit":"0","max_fee":{},"recipient":"{EVM_RECIPIENT}","sender":"{ME}","token_id":"{MILK_WARP}"}}}}"#,
            coin_json("umilk", "150000")
        ),
        &[
            "Action: Bridge with Hyperlane",
            "Amount: 2.5 MILK",
            "To: 0x7b4bf9feccff207ef2cb7101ceb15b8516021acd",
            "Destination: Binance Smart Chain (domain 56)",
            "Max fee: 0.15 MILK",
            "Gas limit: The route's default",
        ],
    )]
}

fn all_vectors() -> Vec<Vector> {
    let mut v = restaking();
    v.extend(grants_and_validators());
    v.extend(hyperlane());
    v.extend(rewards_plans());
    v.extend(rewards_and_liquidvesting());
    v.extend(operators());
    v.extend(services());
    v.extend(cosmos_standard());
    v.extend(gov());
    v.extend(authz_ibc_wasm());
    v.extend(envelopes());
    v
}

#[test]
fn every_vector_renders_the_same_screens_in_both_modes() {
    let mut failures = Vec::new();
    for v in all_vectors() {
        let d = screens_opts(&v.direct, SignMode::Direct, &v.opts);
        let a = screens_opts(v.amino.as_bytes(), SignMode::AminoJson, &v.opts);
        if d.as_ref() != Ok(&v.want) {
            failures.push(format!("DIRECT {}:\n  got  {d:?}\n  want {:?}", v.name, v.want));
        }
        if a.as_ref() != Ok(&v.want) {
            failures.push(format!("AMINO {}:\n  got  {a:?}\n  want {:?}", v.name, v.want));
        }
        assert_eq!(d, a, "{}: the two sign modes disagree", v.name);
    }
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
}

/// Records the type URL of `m` and of every message nested in it (authz `MsgExec`).
fn record(m: &Message<'_>, seen: &mut BTreeSet<&'static str>) -> Result<(), Error> {
    seen.insert(m.schema.type_url);
    for (i, f) in m.schema.fields.iter().enumerate() {
        if matches!(f.kind, Kind::AnyMsg) {
            m.body.each(i, |v| {
                if let Val::Any(inner) = v {
                    record(&inner, seen)?;
                }
                Ok(())
            })?;
        }
    }
    Ok(())
}

fn exercised(mode: SignMode) -> BTreeSet<&'static str> {
    let vectors = all_vectors();
    let mut seen = BTreeSet::new();
    for v in &vectors {
        let bytes = match mode {
            SignMode::Direct => v.direct.as_slice(),
            SignMode::AminoJson => v.amino.as_bytes(),
            SignMode::Textual => unreachable!("a textual document is no transaction encoding"),
        };
        let tx = decode(bytes, mode).unwrap_or_else(|e| panic!("{:?} {}: {e}", mode, v.name));
        tx.each_message(|m| record(&m, &mut seen)).unwrap();
    }
    seen
}

#[test]
fn every_catalog_message_has_a_vector() {
    for mode in [SignMode::Direct, SignMode::AminoJson] {
        let seen = exercised(mode);
        let missing: Vec<_> =
            MESSAGES.iter().map(|m| m.type_url).filter(|u| !seen.contains(u)).collect();
        assert!(missing.is_empty(), "{mode:?}: no vector for {missing:?}");
    }
    assert_eq!(
        MESSAGES.len(),
        58,
        "a message was added to or removed from the catalog: add its vector"
    );
}
