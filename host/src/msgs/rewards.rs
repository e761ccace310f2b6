//! `milkyway.rewards.v1` (chain `proto/milkyway/rewards/v1/messages.proto`): claim
//! restaking rewards (one message per target), set the withdraw address, withdraw an
//! operator's commission.

use super::cosmrs_msg::proto_msg;

/// Claim the rewards of one delegation target. `delegation_type` is a
/// [`super::restaking::DelegationType`] (1 pool, 2 operator, 3 service).
#[derive(Clone, PartialEq, ::prost::Message)]
pub struct MsgWithdrawDelegatorReward {
    #[prost(string, tag = "1")]
    pub delegator_address: String,
    #[prost(enumeration = "super::restaking::DelegationType", tag = "2")]
    pub delegation_type: i32,
    #[prost(uint32, tag = "3")]
    pub delegation_target_id: u32,
}
proto_msg!(MsgWithdrawDelegatorReward, "/milkyway.rewards.v1.MsgWithdrawDelegatorReward");

/// Set the address restaking rewards are paid to.
#[derive(Clone, PartialEq, ::prost::Message)]
pub struct MsgSetWithdrawAddress {
    #[prost(string, tag = "1")]
    pub sender: String,
    #[prost(string, tag = "2")]
    pub withdraw_address: String,
}
proto_msg!(MsgSetWithdrawAddress, "/milkyway.rewards.v1.MsgSetWithdrawAddress");

/// Operator admin withdraws the operator's commission.
#[derive(Clone, PartialEq, ::prost::Message)]
pub struct MsgWithdrawOperatorCommission {
    #[prost(string, tag = "1")]
    pub sender: String,
    #[prost(uint32, tag = "2")]
    pub operator_id: u32,
}
proto_msg!(MsgWithdrawOperatorCommission, "/milkyway.rewards.v1.MsgWithdrawOperatorCommission");
