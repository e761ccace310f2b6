//! Vectors for every message: the amino JSON written out by hand from the x/tx rules and
//! the catalog, and the protobuf bytes written out by hand from the field numbers for a
//! representative set. `a("text")` spells an ASCII string in hex, nothing more.

use super::cosmos::{gov_v1, gov_v1beta1, MsgExec};
use super::restaking::{DelegationType, TrustedServiceEntry, UserPreferences};
use super::*;
use crate::amino_json;
use crate::denoms::{MILKTIA_CONTRACT, MILKTIA_ON_MILKYWAY, TIA_ON_OSMOSIS};

const USER: &str = "milk1user";
const OP: &str = "milk1op";
const SVC: &str = "milk1svc";
const VAL: &str = "milkvaloper1val";

/// Hex of an ASCII string.
fn a(s: &str) -> String {
    hex::encode(s)
}

fn amino(m: impl Into<Msg>) -> String {
    m.into().to_amino_json().unwrap().to_canonical_string()
}

fn proto(m: impl Into<Msg>) -> String {
    hex::encode(m.into().to_any().value)
}

/// Checks the amino JSON, and that it reads back to the same message; and the
/// protobuf round trip through `Any`.
fn check(m: impl Into<Msg>, json: &str) {
    let m = m.into();
    assert_eq!(
        m.to_amino_json().unwrap().to_canonical_string(),
        json,
        "amino JSON of {}",
        m.type_url()
    );
    let back = Msg::from_amino_json(&amino_json::parse(json).unwrap()).unwrap();
    assert_eq!(back, m, "amino round trip of {}", m.type_url());
    assert_eq!(Msg::from_any(&m.to_any()).unwrap(), m, "protobuf round trip of {}", m.type_url());
}

fn umilk(n: &str) -> Coin {
    coin(n, "umilk")
}

// ------------------------------------------------------------------ restaking

#[test]
fn delegate_pool() {
    let m = restaking::MsgDelegatePool { delegator: USER.into(), amount: Some(umilk("1000000")) };
    check(
        m.clone(),
        r#"{"type":"milkyway/MsgDelegatePool","value":{"amount":{"amount":"1000000","denom":"umilk"},"delegator":"milk1user"}}"#,
    );
    // 1: delegator; 2: Coin {1: denom, 2: amount}.
    assert_eq!(
        proto(m),
        format!("0a09{}1210{}{}", a(USER), "0a05756d696c6b", "120731303030303030")
    );
    assert_eq!(
        Msg::from(restaking::MsgDelegatePool::default()).type_url(),
        "/milkyway.restaking.v1.MsgDelegatePool"
    );
}

#[test]
fn delegate_operator_and_service() {
    let m = restaking::MsgDelegateOperator {
        delegator: USER.into(),
        operator_id: 12,
        amount: vec![coin("10500000", MILKTIA_ON_MILKYWAY)],
    };
    check(
        m,
        r#"{"type":"milkyway/MsgDelegateOperator","value":{"amount":[{"amount":"10500000","denom":"ibc/16065EE5282C5217685C8F084FC44864C25C706AC37356B0D62811D50B96920F"}],"delegator":"milk1user","operator_id":12}}"#,
    );
    let m = restaking::MsgDelegateOperator {
        delegator: USER.into(),
        operator_id: 12,
        amount: vec![umilk("5")],
    };
    // operator_id 12 is varint 0c under tag 2 (0x10); amount under tag 3 (0x1a).
    assert_eq!(proto(m), format!("0a09{}100c1a0a0a05756d696c6b120135", a(USER)));

    // An empty `amount` (no dont_omitempty) is omitted.
    let m = restaking::MsgDelegateService { delegator: USER.into(), service_id: 5, amount: vec![] };
    check(
        m.clone(),
        r#"{"type":"milkyway/MsgDelegateService","value":{"delegator":"milk1user","service_id":5}}"#,
    );
    assert_eq!(proto(m), format!("0a09{}1005", a(USER)));
    let m = restaking::MsgDelegateService {
        delegator: USER.into(),
        service_id: 5,
        amount: vec![umilk("1"), coin("2", "locked/utia")],
    };
    check(
        m,
        r#"{"type":"milkyway/MsgDelegateService","value":{"amount":[{"amount":"1","denom":"umilk"},{"amount":"2","denom":"locked/utia"}],"delegator":"milk1user","service_id":5}}"#,
    );
}

#[test]
fn undelegate() {
    let m = restaking::MsgUndelegatePool { delegator: USER.into(), amount: Some(umilk("1000000")) };
    check(
        m.clone(),
        r#"{"type":"milkyway/MsgUndelegatePool","value":{"amount":{"amount":"1000000","denom":"umilk"},"delegator":"milk1user"}}"#,
    );
    assert_eq!(
        proto(m),
        format!("0a09{}1210{}{}", a(USER), "0a05756d696c6b", "120731303030303030")
    );
    // A zero coin is still an (empty) message on the wire; amount is "0" in amino.
    let m = restaking::MsgUndelegatePool { delegator: USER.into(), amount: Some(Coin::default()) };
    assert_eq!(proto(m.clone()), format!("0a09{}1200", a(USER)));
    assert_eq!(
        amino(m),
        r#"{"type":"milkyway/MsgUndelegatePool","value":{"amount":{"amount":"0"},"delegator":"milk1user"}}"#
    );

    let m = restaking::MsgUndelegateOperator {
        delegator: USER.into(),
        operator_id: 3,
        amount: vec![umilk("7")],
    };
    check(
        m,
        r#"{"type":"milkyway/MsgUndelegateOperator","value":{"amount":[{"amount":"7","denom":"umilk"}],"delegator":"milk1user","operator_id":3}}"#,
    );
    // dont_omitempty without legacy_coins: an empty list is written as null.
    let m =
        restaking::MsgUndelegateOperator { delegator: USER.into(), operator_id: 3, amount: vec![] };
    check(
        m,
        r#"{"type":"milkyway/MsgUndelegateOperator","value":{"amount":null,"delegator":"milk1user","operator_id":3}}"#,
    );
    let m = restaking::MsgUndelegateService {
        delegator: USER.into(),
        service_id: 5,
        amount: vec![umilk("7")],
    };
    check(
        m.clone(),
        r#"{"type":"milkyway/MsgUndelegateService","value":{"amount":[{"amount":"7","denom":"umilk"}],"delegator":"milk1user","service_id":5}}"#,
    );
    assert_eq!(proto(m), format!("0a09{}10051a0a0a05756d696c6b120137", a(USER)));
}

#[test]
fn set_user_preferences() {
    let m = restaking::MsgSetUserPreferences {
        user: USER.into(),
        preferences: Some(UserPreferences {
            trusted_services: vec![
                TrustedServiceEntry { service_id: 2, pools_ids: vec![1, 3] },
                TrustedServiceEntry { service_id: 5, pools_ids: vec![] },
            ],
        }),
    };
    check(
        m.clone(),
        r#"{"type":"milkyway/MsgSetUserPreferences","value":{"preferences":{"trusted_services":[{"pools_ids":[1,3],"service_id":2},{"service_id":5}]},"user":"milk1user"}}"#,
    );
    // preferences (2) → trusted_services (4, tag 0x22) → {1: service_id, 2: packed pools_ids}.
    assert_eq!(proto(m), format!("0a09{}120c2206080212020103", a(USER)) + "22020805");

    // Trust no service: the non-nullable preferences are still there, `{}` in amino.
    let m = restaking::MsgSetUserPreferences {
        user: USER.into(),
        preferences: Some(UserPreferences::default()),
    };
    check(
        m.clone(),
        r#"{"type":"milkyway/MsgSetUserPreferences","value":{"preferences":{},"user":"milk1user"}}"#,
    );
    assert_eq!(proto(m), format!("0a09{}1200", a(USER)));
    // Unset (nullable) preferences cannot be encoded faithfully.
    assert!(Msg::from(restaking::MsgSetUserPreferences { user: USER.into(), preferences: None })
        .to_amino_json()
        .is_err());
}

#[test]
fn operator_and_service_opt_in() {
    let m = restaking::MsgJoinService { sender: OP.into(), operator_id: 12, service_id: 5 };
    check(
        m.clone(),
        r#"{"type":"milkyway/MsgJoinService","value":{"operator_id":12,"sender":"milk1op","service_id":5}}"#,
    );
    assert_eq!(proto(m), format!("0a07{}100c1805", a(OP)));
    let m = restaking::MsgLeaveService { sender: OP.into(), operator_id: 12, service_id: 5 };
    check(
        m.clone(),
        r#"{"type":"milkyway/MsgLeaveService","value":{"operator_id":12,"sender":"milk1op","service_id":5}}"#,
    );
    assert_eq!(proto(m), format!("0a07{}100c1805", a(OP)));
    // Allow list: service_id is field 2, operator_id field 3 (the other way round).
    let m =
        restaking::MsgAddOperatorToAllowList { sender: SVC.into(), service_id: 5, operator_id: 12 };
    check(
        m.clone(),
        r#"{"type":"milkyway/MsgAddOperatorToAllowList","value":{"operator_id":12,"sender":"milk1svc","service_id":5}}"#,
    );
    assert_eq!(proto(m), format!("0a08{}1005180c", a(SVC)));
    let m = restaking::MsgRemoveOperatorFromAllowlist {
        sender: SVC.into(),
        service_id: 5,
        operator_id: 12,
    };
    check(
        m.clone(),
        r#"{"type":"milkyway/MsgRemoveOperatorFromAllowlist","value":{"operator_id":12,"sender":"milk1svc","service_id":5}}"#,
    );
    assert_eq!(Msg::from(m).type_url(), "/milkyway.restaking.v1.MsgRemoveOperatorFromAllowlist");
    let m = restaking::MsgBorrowPoolSecurity { sender: SVC.into(), service_id: 5, pool_id: 3 };
    check(
        m.clone(),
        r#"{"type":"milkyway/MsgBorrowPoolSecurity","value":{"pool_id":3,"sender":"milk1svc","service_id":5}}"#,
    );
    assert_eq!(proto(m), format!("0a08{}10051803", a(SVC)));
    let m = restaking::MsgCeasePoolSecurityBorrow { sender: SVC.into(), service_id: 5, pool_id: 3 };
    check(
        m,
        r#"{"type":"milkyway/MsgCeasePoolSecurityBorrow","value":{"pool_id":3,"sender":"milk1svc","service_id":5}}"#,
    );
    // Zero ids are proto3 defaults: not on the wire, not in amino.
    let m = restaking::MsgJoinService { sender: OP.into(), operator_id: 0, service_id: 5 };
    check(
        m.clone(),
        r#"{"type":"milkyway/MsgJoinService","value":{"sender":"milk1op","service_id":5}}"#,
    );
    assert_eq!(proto(m), format!("0a07{}1805", a(OP)));
}

// ------------------------------------------------------------------ rewards, liquid vesting

#[test]
fn rewards() {
    let m = rewards::MsgWithdrawDelegatorReward {
        delegator_address: USER.into(),
        delegation_type: DelegationType::Pool as i32,
        delegation_target_id: 3,
    };
    check(
        m.clone(),
        r#"{"type":"milkyway/MsgWithdrawDelegatorReward","value":{"delegation_target_id":3,"delegation_type":1,"delegator_address":"milk1user"}}"#,
    );
    assert_eq!(proto(m), format!("0a09{}10011803", a(USER)));
    let m = rewards::MsgWithdrawDelegatorReward {
        delegator_address: USER.into(),
        delegation_type: DelegationType::Service as i32,
        delegation_target_id: 5,
    };
    check(
        m,
        r#"{"type":"milkyway/MsgWithdrawDelegatorReward","value":{"delegation_target_id":5,"delegation_type":3,"delegator_address":"milk1user"}}"#,
    );
    let m = rewards::MsgSetWithdrawAddress {
        sender: USER.into(),
        withdraw_address: "milk1other".into(),
    };
    check(
        m.clone(),
        r#"{"type":"milkyway/MsgSetWithdrawAddress","value":{"sender":"milk1user","withdraw_address":"milk1other"}}"#,
    );
    assert_eq!(proto(m), format!("0a09{}120a{}", a(USER), a("milk1other")));
    let m = rewards::MsgWithdrawOperatorCommission { sender: OP.into(), operator_id: 12 };
    check(
        m.clone(),
        r#"{"type":"milkyway/MsgWithdrawOperatorCommission","value":{"operator_id":12,"sender":"milk1op"}}"#,
    );
    assert_eq!(proto(m), format!("0a07{}100c", a(OP)));
}

#[test]
fn withdraw_insurance_fund() {
    let m = liquidvesting::MsgWithdrawInsuranceFund {
        sender: USER.into(),
        amount: vec![coin("100", "locked/utia")],
    };
    check(
        m.clone(),
        r#"{"type":"milkyway/MsgWithdrawInsuranceFund","value":{"amount":[{"amount":"100","denom":"locked/utia"}],"sender":"milk1user"}}"#,
    );
    assert_eq!(proto(m), format!("0a09{}12120a0b{}1203{}", a(USER), a("locked/utia"), a("100")));
    // legacy_coins without dont_omitempty: omitted when empty.
    let m = liquidvesting::MsgWithdrawInsuranceFund { sender: USER.into(), amount: vec![] };
    check(m, r#"{"type":"milkyway/MsgWithdrawInsuranceFund","value":{"sender":"milk1user"}}"#);
}

// ------------------------------------------------------------------ operators

#[test]
fn operators() {
    let m = operators::MsgRegisterOperator {
        sender: OP.into(),
        moniker: "MilkOp <1> é".into(),
        website: "https://op.example/?a=1&b=2".into(),
        picture_url: String::new(),
        fee_amount: vec![umilk("1000000")],
    };
    check(
        m,
        "{\"type\":\"milkyway/MsgRegisterOperator\",\"value\":{\"fee_amount\":[{\"amount\":\"1000000\",\"denom\":\"umilk\"}],\"moniker\":\"MilkOp \\u003c1\\u003e é\",\"sender\":\"milk1op\",\"website\":\"https://op.example/?a=1\\u0026b=2\"}}",
    );
    let m = operators::MsgUpdateOperator {
        sender: OP.into(),
        operator_id: 12,
        moniker: "[do-not-modify]".into(),
        website: "https://new.example".into(),
        picture_url: "[do-not-modify]".into(),
    };
    check(
        m,
        r#"{"type":"milkyway/MsgUpdateOperator","value":{"moniker":"[do-not-modify]","operator_id":12,"picture_url":"[do-not-modify]","sender":"milk1op","website":"https://new.example"}}"#,
    );
    check(
        operators::MsgDeactivateOperator { sender: OP.into(), operator_id: 12 },
        r#"{"type":"milkyway/MsgDeactivateOperator","value":{"operator_id":12,"sender":"milk1op"}}"#,
    );
    check(
        operators::MsgReactivateOperator { sender: OP.into(), operator_id: 12 },
        r#"{"type":"milkyway/MsgReactivateOperator","value":{"operator_id":12,"sender":"milk1op"}}"#,
    );
    check(
        operators::MsgDeleteOperator { sender: OP.into(), operator_id: 12 },
        r#"{"type":"milkyway/MsgDeleteOperator","value":{"operator_id":12,"sender":"milk1op"}}"#,
    );
    assert_eq!(
        proto(operators::MsgDeleteOperator { sender: OP.into(), operator_id: 12 }),
        format!("0a07{}100c", a(OP))
    );
    // commission_rate: LegacyDec without the cosmos.Dec scalar → raw ×10¹⁸ in amino too.
    let m = operators::MsgSetOperatorParams {
        sender: OP.into(),
        operator_id: 12,
        params: Some(operators::OperatorParams { commission_rate: "100000000000000000".into() }),
    };
    check(
        m.clone(),
        r#"{"type":"milkyway/MsgSetOperatorParams","value":{"operator_id":12,"params":{"commission_rate":"100000000000000000"},"sender":"milk1op"}}"#,
    );
    assert_eq!(proto(m), format!("0a07{}100c1a140a12{}", a(OP), a("100000000000000000")));
    // Proto amino name; the Go codec does not register this one.
    let m = operators::MsgTransferOperatorOwnership {
        sender: OP.into(),
        operator_id: 12,
        new_admin: "milk1new".into(),
    };
    check(
        m.clone(),
        r#"{"type":"milkyway/MsgTransferOperatorOwnership","value":{"new_admin":"milk1new","operator_id":12,"sender":"milk1op"}}"#,
    );
    assert_eq!(proto(m), format!("0a07{}100c1a08{}", a(OP), a("milk1new")));
}

// ------------------------------------------------------------------ services

#[test]
fn services() {
    // Proto amino name milkyway/services/MsgCreateService, not the Go milkyway/MsgCreateService.
    let m = services::MsgCreateService {
        sender: SVC.into(),
        name: "Oracle".into(),
        description: "Line1\nLine2\t\"q\"".into(),
        website: String::new(),
        picture_url: "https://x.example/p.png".into(),
        fee_amount: vec![],
    };
    check(
        m.clone(),
        r#"{"type":"milkyway/services/MsgCreateService","value":{"description":"Line1\nLine2\t\"q\"","name":"Oracle","picture_url":"https://x.example/p.png","sender":"milk1svc"}}"#,
    );
    assert_eq!(
        proto(m),
        format!(
            "0a08{}1206{}1a0f{}2a17{}",
            a(SVC),
            a("Oracle"),
            a("Line1\nLine2\t\"q\""),
            a("https://x.example/p.png")
        )
    );
    let m = services::MsgUpdateService {
        sender: SVC.into(),
        service_id: 5,
        name: "Oracle v2".into(),
        description: String::new(),
        website: String::new(),
        picture_url: String::new(),
    };
    check(
        m,
        r#"{"type":"milkyway/services/MsgUpdateService","value":{"name":"Oracle v2","sender":"milk1svc","service_id":5}}"#,
    );
    check(
        services::MsgActivateService { sender: SVC.into(), service_id: 5 },
        r#"{"type":"milkyway/MsgActivateService","value":{"sender":"milk1svc","service_id":5}}"#,
    );
    check(
        services::MsgDeactivateService { sender: SVC.into(), service_id: 5 },
        r#"{"type":"milkyway/MsgDeactivateService","value":{"sender":"milk1svc","service_id":5}}"#,
    );
    check(
        services::MsgDeleteService { sender: SVC.into(), service_id: 5 },
        r#"{"type":"milkyway/MsgDeleteService","value":{"sender":"milk1svc","service_id":5}}"#,
    );
    check(
        services::MsgTransferServiceOwnership {
            sender: SVC.into(),
            service_id: 5,
            new_admin: "milk1new".into(),
        },
        r#"{"type":"milkyway/MsgTransferServiceOwnership","value":{"new_admin":"milk1new","sender":"milk1svc","service_id":5}}"#,
    );
    let m = services::MsgSetServiceParams {
        sender: SVC.into(),
        service_id: 5,
        service_params: Some(services::ServiceParams {
            allowed_denoms: vec!["umilk".into(), "locked/utia".into()],
        }),
    };
    check(
        m.clone(),
        r#"{"type":"milkyway/MsgSetServiceParams","value":{"sender":"milk1svc","service_id":5,"service_params":{"allowed_denoms":["umilk","locked/utia"]}}}"#,
    );
    assert_eq!(
        proto(m),
        format!("0a08{}10051a140a05{}0a0b{}", a(SVC), a("umilk"), a("locked/utia"))
    );
    let m = services::MsgSetServiceParams {
        sender: SVC.into(),
        service_id: 5,
        service_params: Some(Default::default()),
    };
    check(
        m,
        r#"{"type":"milkyway/MsgSetServiceParams","value":{"sender":"milk1svc","service_id":5,"service_params":{}}}"#,
    );
}

// ------------------------------------------------------------------ cosmos

#[test]
fn bank_send() {
    let m = cosmos::MsgSend {
        from_address: USER.into(),
        to_address: "milk1other".into(),
        amount: vec![umilk("1")],
    };
    check(
        m.clone(),
        r#"{"type":"cosmos-sdk/MsgSend","value":{"amount":[{"amount":"1","denom":"umilk"}],"from_address":"milk1user","to_address":"milk1other"}}"#,
    );
    assert_eq!(proto(m), format!("0a09{}120a{}1a0a0a05756d696c6b120131", a(USER), a("milk1other")));
    // legacy_coins + dont_omitempty: `[]`, never omitted, never null.
    let m = cosmos::MsgSend {
        from_address: USER.into(),
        to_address: "milk1other".into(),
        amount: vec![],
    };
    check(
        m,
        r#"{"type":"cosmos-sdk/MsgSend","value":{"amount":[],"from_address":"milk1user","to_address":"milk1other"}}"#,
    );
}

#[test]
fn staking() {
    let m = cosmos::MsgDelegate {
        delegator_address: USER.into(),
        validator_address: VAL.into(),
        amount: Some(umilk("1000000")),
    };
    check(
        m.clone(),
        r#"{"type":"cosmos-sdk/MsgDelegate","value":{"amount":{"amount":"1000000","denom":"umilk"},"delegator_address":"milk1user","validator_address":"milkvaloper1val"}}"#,
    );
    assert_eq!(
        proto(m),
        format!("0a09{}120f{}1a10{}{}", a(USER), a(VAL), "0a05756d696c6b", "120731303030303030")
    );
    let m = cosmos::MsgUndelegate {
        delegator_address: USER.into(),
        validator_address: VAL.into(),
        amount: Some(umilk("1000000")),
    };
    check(
        m,
        r#"{"type":"cosmos-sdk/MsgUndelegate","value":{"amount":{"amount":"1000000","denom":"umilk"},"delegator_address":"milk1user","validator_address":"milkvaloper1val"}}"#,
    );
    let m = cosmos::MsgBeginRedelegate {
        delegator_address: USER.into(),
        validator_src_address: "milkvaloper1src".into(),
        validator_dst_address: "milkvaloper1dst".into(),
        amount: Some(umilk("1000000")),
    };
    check(
        m,
        r#"{"type":"cosmos-sdk/MsgBeginRedelegate","value":{"amount":{"amount":"1000000","denom":"umilk"},"delegator_address":"milk1user","validator_dst_address":"milkvaloper1dst","validator_src_address":"milkvaloper1src"}}"#,
    );
    // creation_height is int64: a quoted string in amino.
    let m = cosmos::MsgCancelUnbondingDelegation {
        delegator_address: USER.into(),
        validator_address: VAL.into(),
        amount: Some(umilk("1000000")),
        creation_height: 12345,
    };
    check(
        m.clone(),
        r#"{"type":"cosmos-sdk/MsgCancelUnbondingDelegation","value":{"amount":{"amount":"1000000","denom":"umilk"},"creation_height":"12345","delegator_address":"milk1user","validator_address":"milkvaloper1val"}}"#,
    );
    assert_eq!(
        proto(m),
        format!(
            "0a09{}120f{}1a10{}{}20b960",
            a(USER),
            a(VAL),
            "0a05756d696c6b",
            "120731303030303030"
        )
    );
}

#[test]
fn distribution() {
    // Proto amino names: "Delegation" (not "Delegator"), "Modify", "ValCommission".
    check(
        cosmos::MsgWithdrawDelegatorReward {
            delegator_address: USER.into(),
            validator_address: VAL.into(),
        },
        r#"{"type":"cosmos-sdk/MsgWithdrawDelegationReward","value":{"delegator_address":"milk1user","validator_address":"milkvaloper1val"}}"#,
    );
    check(
        cosmos::MsgSetWithdrawAddress {
            delegator_address: USER.into(),
            withdraw_address: "milk1other".into(),
        },
        r#"{"type":"cosmos-sdk/MsgModifyWithdrawAddress","value":{"delegator_address":"milk1user","withdraw_address":"milk1other"}}"#,
    );
    check(
        cosmos::MsgWithdrawValidatorCommission { validator_address: VAL.into() },
        r#"{"type":"cosmos-sdk/MsgWithdrawValCommission","value":{"validator_address":"milkvaloper1val"}}"#,
    );
    assert_eq!(
        proto(cosmos::MsgWithdrawValidatorCommission { validator_address: VAL.into() }),
        format!("0a0f{}", a(VAL))
    );
}

#[test]
fn gov_v1() {
    let m =
        gov_v1::MsgVote { proposal_id: 7, voter: USER.into(), option: 1, metadata: String::new() };
    check(
        m.clone(),
        r#"{"type":"cosmos-sdk/v1/MsgVote","value":{"option":1,"proposal_id":"7","voter":"milk1user"}}"#,
    );
    assert_eq!(proto(m), format!("08071209{}1801", a(USER)));
    // proposal_id has dont_omitempty: "0" is written.
    let m =
        gov_v1::MsgVote { proposal_id: 0, voter: USER.into(), option: 3, metadata: "why".into() };
    check(
        m,
        r#"{"type":"cosmos-sdk/v1/MsgVote","value":{"metadata":"why","option":3,"proposal_id":"0","voter":"milk1user"}}"#,
    );
    // v1 weights are human decimals on the wire and in amino.
    let m = gov_v1::MsgVoteWeighted {
        proposal_id: 7,
        voter: USER.into(),
        options: vec![
            gov_v1::WeightedVoteOption { option: 1, weight: "0.6".into() },
            gov_v1::WeightedVoteOption { option: 3, weight: "0.4".into() },
        ],
        metadata: String::new(),
    };
    check(
        m.clone(),
        r#"{"type":"cosmos-sdk/v1/MsgVoteWeighted","value":{"options":[{"option":1,"weight":"0.6"},{"option":3,"weight":"0.4"}],"proposal_id":"7","voter":"milk1user"}}"#,
    );
    assert_eq!(
        proto(m),
        format!("08071209{}1a0708011203{}1a0708031203{}", a(USER), a("0.6"), a("0.4"))
    );
    let m = gov_v1::MsgDeposit {
        proposal_id: 7,
        depositor: USER.into(),
        amount: vec![umilk("1000000")],
    };
    check(
        m,
        r#"{"type":"cosmos-sdk/v1/MsgDeposit","value":{"amount":[{"amount":"1000000","denom":"umilk"}],"depositor":"milk1user","proposal_id":"7"}}"#,
    );
    // v1 deposit amount: dont_omitempty without legacy_coins → null when empty.
    let m = gov_v1::MsgDeposit { proposal_id: 7, depositor: USER.into(), amount: vec![] };
    check(
        m,
        r#"{"type":"cosmos-sdk/v1/MsgDeposit","value":{"amount":null,"depositor":"milk1user","proposal_id":"7"}}"#,
    );
}

#[test]
fn gov_v1beta1() {
    let m = gov_v1beta1::MsgVote { proposal_id: 7, voter: USER.into(), option: 4 };
    check(
        m.clone(),
        r#"{"type":"cosmos-sdk/MsgVote","value":{"option":4,"proposal_id":"7","voter":"milk1user"}}"#,
    );
    assert_eq!(proto(m), format!("08071209{}1804", a(USER)));
    // v1beta1 MsgVote.proposal_id has no dont_omitempty: 0 is omitted.
    check(
        gov_v1beta1::MsgVote { proposal_id: 0, voter: USER.into(), option: 4 },
        r#"{"type":"cosmos-sdk/MsgVote","value":{"option":4,"voter":"milk1user"}}"#,
    );
    // LegacyDec weight: wire "500000000000000000", amino "0.500000000000000000".
    let m = gov_v1beta1::MsgVoteWeighted {
        proposal_id: 7,
        voter: USER.into(),
        options: vec![
            gov_v1beta1::WeightedVoteOption { option: 1, weight: "500000000000000000".into() },
            gov_v1beta1::WeightedVoteOption { option: 2, weight: "500000000000000000".into() },
        ],
    };
    check(
        m.clone(),
        r#"{"type":"cosmos-sdk/MsgVoteWeighted","value":{"options":[{"option":1,"weight":"0.500000000000000000"},{"option":2,"weight":"0.500000000000000000"}],"proposal_id":"7","voter":"milk1user"}}"#,
    );
    let w = a("500000000000000000");
    assert_eq!(proto(m), format!("08071209{}1a1608011212{w}1a1608021212{w}", a(USER)));
    let m = gov_v1beta1::MsgVoteWeighted {
        proposal_id: 7,
        voter: USER.into(),
        options: vec![gov_v1beta1::WeightedVoteOption {
            option: 1,
            weight: "1000000000000000000".into(),
        }],
    };
    check(
        m,
        r#"{"type":"cosmos-sdk/MsgVoteWeighted","value":{"options":[{"option":1,"weight":"1.000000000000000000"}],"proposal_id":"7","voter":"milk1user"}}"#,
    );
    // legacy_coins + dont_omitempty: [] when empty.
    check(
        gov_v1beta1::MsgDeposit { proposal_id: 7, depositor: USER.into(), amount: vec![] },
        r#"{"type":"cosmos-sdk/MsgDeposit","value":{"amount":[],"depositor":"milk1user","proposal_id":"7"}}"#,
    );
    check(
        gov_v1beta1::MsgDeposit {
            proposal_id: 7,
            depositor: USER.into(),
            amount: vec![umilk("5")],
        },
        r#"{"type":"cosmos-sdk/MsgDeposit","value":{"amount":[{"amount":"5","denom":"umilk"}],"depositor":"milk1user","proposal_id":"7"}}"#,
    );
}

#[test]
fn authz_exec() {
    let pool =
        restaking::MsgDelegatePool { delegator: USER.into(), amount: Some(umilk("1000000")) };
    let vote =
        gov_v1::MsgVote { proposal_id: 7, voter: USER.into(), option: 1, metadata: String::new() };
    let m = MsgExec { grantee: "milk1bot".into(), msgs: vec![pool.clone().into(), vote.into()] };
    check(
        m,
        r#"{"type":"cosmos-sdk/MsgExec","value":{"grantee":"milk1bot","msgs":[{"type":"milkyway/MsgDelegatePool","value":{"amount":{"amount":"1000000","denom":"umilk"},"delegator":"milk1user"}},{"type":"cosmos-sdk/v1/MsgVote","value":{"option":1,"proposal_id":"7","voter":"milk1user"}}]}}"#,
    );
    // 1: grantee; 2: Any {1: type_url, 2: value}.
    let inner = format!("0a09{}1210{}{}", a(USER), "0a05756d696c6b", "120731303030303030");
    let m = MsgExec { grantee: "milk1bot".into(), msgs: vec![pool.into()] };
    assert_eq!(
        proto(m),
        format!(
            "0a08{}12470a26{}121d{inner}",
            a("milk1bot"),
            a("/milkyway.restaking.v1.MsgDelegatePool")
        )
    );
    // As deep as the device goes: MAX_EXEC_DEPTH levels around a restake are built, read
    // back from both encodings, and the device's core shows them (5 "Inner action"s).
    let mut deepest: Msg =
        restaking::MsgDelegatePool { delegator: USER.into(), amount: Some(umilk("1")) }.into();
    for _ in 0..MAX_EXEC_DEPTH {
        deepest = MsgExec { grantee: "milk1bot".into(), msgs: vec![deepest] }.into();
    }
    assert_eq!(MAX_EXEC_DEPTH, 5);
    assert_eq!(Msg::from_any(&deepest.to_any()).as_ref(), Ok(&deepest));
    assert_eq!(Msg::from_amino_json(&deepest.to_amino_json().unwrap()).as_ref(), Ok(&deepest));
    let tx = crate::tx::TxBuilder::new("milkyway").msg(deepest).build().unwrap();
    for mode in [crate::tx::SignMode::Direct, crate::tx::SignMode::AminoJson] {
        let screens = crate::preview::tx_screens(&tx, mode, false, None).unwrap();
        assert_eq!(
            screens.iter().filter(|(l, _)| l == "Inner action").count(),
            5,
            "{mode:?}: {screens:?}"
        );
    }
    // Nesting is bounded.
    let mut deep = MsgExec { grantee: "g".into(), msgs: vec![] };
    for _ in 0..MAX_EXEC_DEPTH {
        deep = MsgExec { grantee: "g".into(), msgs: vec![deep.into()] };
    }
    assert_eq!(Msg::from(deep.clone()).to_amino_json(), Err(MsgError::TooDeep(MAX_EXEC_DEPTH)));
    assert_eq!(Msg::from_any(&Msg::from(deep).to_any()), Err(MsgError::TooDeep(MAX_EXEC_DEPTH)));
}

// ------------------------------------------------------------------ ibc

#[test]
fn ibc_transfer() {
    let m = ibc::MsgTransfer {
        source_port: "transfer".into(),
        source_channel: "channel-0".into(),
        token: Some(coin("1000000", "utia")),
        sender: "celestia1user".into(),
        receiver: USER.into(),
        timeout_height: Some(ibc::Height::default()),
        timeout_timestamp: 0,
        memo: String::new(),
    };
    // timeout_height: dont_omitempty and non-nullable → `{}` when zero.
    check(
        m.clone(),
        r#"{"type":"cosmos-sdk/MsgTransfer","value":{"receiver":"milk1user","sender":"celestia1user","source_channel":"channel-0","source_port":"transfer","timeout_height":{},"token":{"amount":"1000000","denom":"utia"}}}"#,
    );
    assert_eq!(
        proto(m),
        format!(
            "0a08{}1209{}1a0f0a04{}1207{}220d{}2a09{}3200",
            a("transfer"),
            a("channel-0"),
            a("utia"),
            a("1000000"),
            a("celestia1user"),
            a(USER)
        )
    );
    let memo = ibc::liquid_stake_memo(MILKTIA_CONTRACT, "milk1user");
    assert_eq!(
        memo,
        r#"{"wasm":{"contract":"osmo1f5vfcph2dvfeqcqkhetwv75fda69z7e5c2dldm3kvgj23crkv6wqcn47a0","msg":{"liquid_stake":{"mint_to":"milk1user"}}}}"#
    );
    let m = ibc::MsgTransfer {
        source_port: "transfer".into(),
        source_channel: "channel-6994".into(),
        token: Some(coin("1000000", "utia")),
        sender: "celestia1user".into(),
        receiver: MILKTIA_CONTRACT.into(),
        timeout_height: Some(ibc::Height { revision_number: 1, revision_height: 1000 }),
        timeout_timestamp: 1_700_000_000_000_000_000,
        memo,
    };
    check(
        m,
        r#"{"type":"cosmos-sdk/MsgTransfer","value":{"memo":"{\"wasm\":{\"contract\":\"osmo1f5vfcph2dvfeqcqkhetwv75fda69z7e5c2dldm3kvgj23crkv6wqcn47a0\",\"msg\":{\"liquid_stake\":{\"mint_to\":\"milk1user\"}}}}","receiver":"osmo1f5vfcph2dvfeqcqkhetwv75fda69z7e5c2dldm3kvgj23crkv6wqcn47a0","sender":"celestia1user","source_channel":"channel-6994","source_port":"transfer","timeout_height":{"revision_height":"1000","revision_number":"1"},"timeout_timestamp":"1700000000000000000","token":{"amount":"1000000","denom":"utia"}}}"#,
    );
    assert_eq!(
        ibc::insurance_deposit_memo(&[("milk1user", "1000")]),
        r#"{"liquidvesting":{"amounts":[{"amount":"1000","depositor":"milk1user"}]}}"#
    );
}

// ------------------------------------------------------------------ wasm

#[test]
fn wasm_liquid_staking() {
    let ls = wasm::StakingContractMsg::LiquidStake {
        mint_to: None,
        transfer_to_native_chain: None,
        expected_mint_amount: None,
    };
    let m =
        ls.to_execute("osmo1user", MILKTIA_CONTRACT, Some(("10500000", TIA_ON_OSMOSIS))).unwrap();
    check(
        m,
        r#"{"type":"wasm/MsgExecuteContract","value":{"contract":"osmo1f5vfcph2dvfeqcqkhetwv75fda69z7e5c2dldm3kvgj23crkv6wqcn47a0","funds":[{"amount":"10500000","denom":"ibc/D79E7D83AB399BFFF93433E54FAA480C191248FC556924A2A8351AE2638B3877"}],"msg":{"liquid_stake":{}},"sender":"osmo1user"}}"#,
    );
    // 1 sender, 2 contract, 3 msg (raw JSON bytes), 5 funds (field 4 unused).
    let m = ls.to_execute("osmo1user", "osmo1c", Some(("1", "utia"))).unwrap();
    assert_eq!(
        proto(m),
        format!(
            "0a09{}1206{}1a13{}2a090a04{}120131",
            a("osmo1user"),
            a("osmo1c"),
            a(r#"{"liquid_stake":{}}"#),
            a("utia")
        )
    );

    let ls = wasm::StakingContractMsg::LiquidStake {
        mint_to: Some("celestia1user".into()),
        transfer_to_native_chain: Some(true),
        expected_mint_amount: Some("10000000".into()),
    };
    assert_eq!(
        ls.to_json().to_canonical_string(),
        r#"{"liquid_stake":{"expected_mint_amount":"10000000","mint_to":"celestia1user","transfer_to_native_chain":true}}"#
    );
    let m = wasm::StakingContractMsg::LiquidUnstake
        .to_execute(
            "milk1user",
            "milk1qg5ega6dykkxc307y25pecuufrjkxkaggkkxh7nad0vhyhtuhw3ssgcye4",
            Some(("5", "factory/x/umilkBBN")),
        )
        .unwrap();
    check(
        m,
        r#"{"type":"wasm/MsgExecuteContract","value":{"contract":"milk1qg5ega6dykkxc307y25pecuufrjkxkaggkkxh7nad0vhyhtuhw3ssgcye4","funds":[{"amount":"5","denom":"factory/x/umilkBBN"}],"msg":{"liquid_unstake":{}},"sender":"milk1user"}}"#,
    );
    // Withdraw: no funds → `[]` (legacy_coins + dont_omitempty); batch_id a JSON number.
    let m = wasm::StakingContractMsg::Withdraw { batch_id: 42 }
        .to_execute("milk1user", "milk1c", None)
        .unwrap();
    check(
        m,
        r#"{"type":"wasm/MsgExecuteContract","value":{"contract":"milk1c","funds":[],"msg":{"withdraw":{"batch_id":42}},"sender":"milk1user"}}"#,
    );
    assert!(wasm::StakingContractMsg::Withdraw { batch_id: 1 }
        .to_execute("a", "b", Some(("1", "u")))
        .is_err());
    assert!(wasm::StakingContractMsg::LiquidUnstake.to_execute("a", "b", None).is_err());
    assert_eq!(
        wasm::StakingContractMsg::SubmitBatch.to_json().to_canonical_string(),
        r#"{"submit_batch":{}}"#
    );
}

#[test]
fn wasm_inline_json_is_normalized_like_go() {
    // Arbitrary contract JSON bytes: keys sorted at every level, whitespace dropped,
    // numbers re-printed as Go float64, strings HTML-escaped.
    let m = wasm::MsgExecuteContract {
        sender: "osmo1user".into(),
        contract: "osmo1c".into(),
        msg: br#" { "z" : 1.0, "a" : { "y" : "<&>", "b" : [1e2, true, null, 0.0000001, "\u00e9"] } } "#.to_vec(),
        funds: vec![],
    };
    assert_eq!(
        amino(m),
        "{\"type\":\"wasm/MsgExecuteContract\",\"value\":{\"contract\":\"osmo1c\",\"funds\":[],\"msg\":{\"a\":{\"b\":[100,true,null,1e-7,\"é\"],\"y\":\"\\u003c\\u0026\\u003e\"},\"z\":1},\"sender\":\"osmo1user\"}}"
    );
    // Not JSON → the chain cannot encode it either.
    let bad = wasm::MsgExecuteContract {
        sender: "s".into(),
        contract: "c".into(),
        msg: b"{oops".to_vec(),
        funds: vec![],
    };
    assert!(Msg::from(bad).to_amino_json().is_err());
}

// ------------------------------------------------------------------ decoding

#[test]
fn every_type_url_is_known_once() {
    let mut urls = Msg::TYPE_URLS.to_vec();
    assert_eq!(urls.len(), 58);
    urls.sort();
    urls.dedup();
    assert_eq!(urls.len(), 58);
    assert!(matches!(
        Msg::from_any(&Any { type_url: "/cosmos.bank.v1beta1.MsgMultiSend".into(), value: vec![] }),
        Err(MsgError::UnknownType(_))
    ));
}

#[test]
fn amino_reader_is_strict() {
    // Go legacy names are not accepted: only the proto amino names count.
    let go_name =
        amino_json::parse(r#"{"type":"milkyway/MsgCreateService","value":{"sender":"milk1svc"}}"#)
            .unwrap();
    assert!(matches!(Msg::from_amino_json(&go_name), Err(MsgError::UnknownType(_))));
    let unknown_field =
        amino_json::parse(r#"{"type":"milkyway/MsgJoinService","value":{"sender":"a","extra":1}}"#)
            .unwrap();
    assert!(matches!(Msg::from_amino_json(&unknown_field), Err(MsgError::UnknownField { .. })));
    let bad_type =
        amino_json::parse(r#"{"type":"milkyway/MsgJoinService","value":{"operator_id":"x"}}"#)
            .unwrap();
    assert!(matches!(Msg::from_amino_json(&bad_type), Err(MsgError::AminoField { .. })));
    // uint64s may be numbers or strings on input.
    let v = amino_json::parse(
        r#"{"type":"cosmos-sdk/v1/MsgVote","value":{"proposal_id":7,"voter":"v","option":1}}"#,
    )
    .unwrap();
    assert_eq!(
        Msg::from_amino_json(&v).unwrap(),
        Msg::GovVote(gov_v1::MsgVote {
            proposal_id: 7,
            voter: "v".into(),
            option: 1,
            metadata: String::new()
        })
    );
}

#[test]
fn empty_repeated_fields_follow_x_tx() {
    // x/tx json_marshal.go: a `dont_omitempty` repeated field that is empty is an invalid
    // protoreflect.List, written `null`; with `amino.encoding = "legacy_coins"` the
    // nullSliceAsEmptyEncoder writes `[]` instead; without dont_omitempty it is omitted.
    // The device accepts exactly these forms (core/tests/amino_empty_lists.rs).
    let cases: Vec<(Msg, &str)> = vec![
        (
            restaking::MsgUndelegateOperator {
                delegator: USER.into(),
                operator_id: 3,
                amount: vec![],
            }
            .into(),
            r#"{"type":"milkyway/MsgUndelegateOperator","value":{"amount":null,"delegator":"milk1user","operator_id":3}}"#,
        ),
        (
            restaking::MsgUndelegateService {
                delegator: USER.into(),
                service_id: 5,
                amount: vec![],
            }
            .into(),
            r#"{"type":"milkyway/MsgUndelegateService","value":{"amount":null,"delegator":"milk1user","service_id":5}}"#,
        ),
        (
            gov_v1::MsgDeposit { proposal_id: 7, depositor: USER.into(), amount: vec![] }.into(),
            r#"{"type":"cosmos-sdk/v1/MsgDeposit","value":{"amount":null,"depositor":"milk1user","proposal_id":"7"}}"#,
        ),
        (
            gov_v1beta1::MsgVoteWeighted { proposal_id: 7, voter: USER.into(), options: vec![] }
                .into(),
            r#"{"type":"cosmos-sdk/MsgVoteWeighted","value":{"options":null,"proposal_id":"7","voter":"milk1user"}}"#,
        ),
        (
            gov_v1beta1::MsgDeposit { proposal_id: 7, depositor: USER.into(), amount: vec![] }
                .into(),
            r#"{"type":"cosmos-sdk/MsgDeposit","value":{"amount":[],"depositor":"milk1user","proposal_id":"7"}}"#,
        ),
        (
            cosmos::MsgSend {
                from_address: USER.into(),
                to_address: "milk1other".into(),
                amount: vec![],
            }
            .into(),
            r#"{"type":"cosmos-sdk/MsgSend","value":{"amount":[],"from_address":"milk1user","to_address":"milk1other"}}"#,
        ),
        (
            wasm::MsgExecuteContract {
                sender: USER.into(),
                contract: "milk1c".into(),
                msg: br#"{"ping":{}}"#.to_vec(),
                funds: vec![],
            }
            .into(),
            r#"{"type":"wasm/MsgExecuteContract","value":{"contract":"milk1c","funds":[],"msg":{"ping":{}},"sender":"milk1user"}}"#,
        ),
        // No dont_omitempty: left out (v1 options; legacy_coins alone does not keep it).
        (
            gov_v1::MsgVoteWeighted {
                proposal_id: 7,
                voter: USER.into(),
                options: vec![],
                metadata: String::new(),
            }
            .into(),
            r#"{"type":"cosmos-sdk/v1/MsgVoteWeighted","value":{"proposal_id":"7","voter":"milk1user"}}"#,
        ),
        (
            liquidvesting::MsgWithdrawInsuranceFund { sender: USER.into(), amount: vec![] }.into(),
            r#"{"type":"milkyway/MsgWithdrawInsuranceFund","value":{"sender":"milk1user"}}"#,
        ),
        // v1beta1 MsgVoteWeighted and MsgDeposit keep a zero proposal_id ("0"); MsgVote drops it.
        (
            gov_v1beta1::MsgDeposit {
                proposal_id: 0,
                depositor: USER.into(),
                amount: vec![umilk("1")],
            }
            .into(),
            r#"{"type":"cosmos-sdk/MsgDeposit","value":{"amount":[{"amount":"1","denom":"umilk"}],"depositor":"milk1user","proposal_id":"0"}}"#,
        ),
    ];
    for (m, json) in cases {
        check(m, json);
    }
    // The reader is lenient on input (`sign FILE` takes hand-written documents) and the
    // writer normalizes: `[]` where x/tx writes null, and null where it writes `[]`.
    let loose = amino_json::parse(
        r#"{"type":"milkyway/MsgUndelegateService","value":{"amount":[],"delegator":"milk1user","service_id":5}}"#,
    )
    .unwrap();
    assert!(amino(Msg::from_amino_json(&loose).unwrap()).contains(r#""amount":null"#));
    let loose = amino_json::parse(
        r#"{"type":"cosmos-sdk/MsgSend","value":{"amount":null,"from_address":"milk1user","to_address":"milk1other"}}"#,
    )
    .unwrap();
    assert!(amino(Msg::from_amino_json(&loose).unwrap()).contains(r#""amount":[]"#));
}

#[test]
fn one_catalog_for_host_and_device() {
    // Every message the host builds is one the device's catalog knows, under the same
    // amino name (taken from it), and the other way round.
    let catalog = milkyway_core::catalog::MESSAGES;
    assert_eq!(Msg::TYPE_URLS.len(), catalog.len());
    for m in catalog {
        assert!(Msg::TYPE_URLS.contains(&m.type_url), "{} has no host builder", m.type_url);
    }
    assert_eq!(
        Msg::from(cosmos::MsgWithdrawDelegatorReward::default()).amino_name(),
        "cosmos-sdk/MsgWithdrawDelegationReward"
    );
    assert_eq!(
        Msg::from(services::MsgCreateService::default()).amino_name(),
        "milkyway/services/MsgCreateService"
    );
    assert_eq!(Msg::from(MsgExec::default()).amino_name(), "cosmos-sdk/MsgExec");
}
