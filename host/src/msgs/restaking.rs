//! `milkyway.restaking.v1` (chain `proto/milkyway/restaking/v1/messages.proto`,
//! `models.proto`): restake, unrestake, user AVS preferences, operator and service
//! opt-in. Pool, operator and service IDs are `uint32` (amino: JSON numbers).

use super::cosmrs_msg::proto_msg;
use super::Coin;

/// Restake one coin into the pool of its denom (the pool is created if needed).
#[derive(Clone, PartialEq, ::prost::Message)]
pub struct MsgDelegatePool {
    #[prost(string, tag = "1")]
    pub delegator: String,
    /// Non-nullable: always on the wire.
    #[prost(message, optional, tag = "2")]
    pub amount: Option<Coin>,
}
proto_msg!(MsgDelegatePool, "/milkyway.restaking.v1.MsgDelegatePool");

/// Restake coins to an operator.
#[derive(Clone, PartialEq, ::prost::Message)]
pub struct MsgDelegateOperator {
    #[prost(string, tag = "1")]
    pub delegator: String,
    #[prost(uint32, tag = "2")]
    pub operator_id: u32,
    #[prost(message, repeated, tag = "3")]
    pub amount: Vec<Coin>,
}
proto_msg!(MsgDelegateOperator, "/milkyway.restaking.v1.MsgDelegateOperator");

/// Restake coins to a service.
#[derive(Clone, PartialEq, ::prost::Message)]
pub struct MsgDelegateService {
    #[prost(string, tag = "1")]
    pub delegator: String,
    #[prost(uint32, tag = "2")]
    pub service_id: u32,
    #[prost(message, repeated, tag = "3")]
    pub amount: Vec<Coin>,
}
proto_msg!(MsgDelegateService, "/milkyway.restaking.v1.MsgDelegateService");

/// Unrestake from the pool of the coin's denom.
#[derive(Clone, PartialEq, ::prost::Message)]
pub struct MsgUndelegatePool {
    #[prost(string, tag = "1")]
    pub delegator: String,
    /// Non-nullable, `dont_omitempty`.
    #[prost(message, optional, tag = "2")]
    pub amount: Option<Coin>,
}
proto_msg!(MsgUndelegatePool, "/milkyway.restaking.v1.MsgUndelegatePool");

/// Unrestake from an operator. `amount` has `dont_omitempty` but not `legacy_coins`.
#[derive(Clone, PartialEq, ::prost::Message)]
pub struct MsgUndelegateOperator {
    #[prost(string, tag = "1")]
    pub delegator: String,
    #[prost(uint32, tag = "2")]
    pub operator_id: u32,
    #[prost(message, repeated, tag = "3")]
    pub amount: Vec<Coin>,
}
proto_msg!(MsgUndelegateOperator, "/milkyway.restaking.v1.MsgUndelegateOperator");

/// Unrestake from a service. `amount` has `dont_omitempty` but not `legacy_coins`.
#[derive(Clone, PartialEq, ::prost::Message)]
pub struct MsgUndelegateService {
    #[prost(string, tag = "1")]
    pub delegator: String,
    #[prost(uint32, tag = "2")]
    pub service_id: u32,
    #[prost(message, repeated, tag = "3")]
    pub amount: Vec<Coin>,
}
proto_msg!(MsgUndelegateService, "/milkyway.restaking.v1.MsgUndelegateService");

/// One trusted service and the pools it may use (empty = all pools).
#[derive(Clone, PartialEq, ::prost::Message)]
pub struct TrustedServiceEntry {
    #[prost(uint32, tag = "1")]
    pub service_id: u32,
    /// Packed on the wire.
    #[prost(uint32, repeated, tag = "2")]
    pub pools_ids: Vec<u32>,
}

/// The user's AVS preferences. Fields 1-3 are reserved; an empty list trusts no service.
#[derive(Clone, PartialEq, ::prost::Message)]
pub struct UserPreferences {
    #[prost(message, repeated, tag = "4")]
    pub trusted_services: Vec<TrustedServiceEntry>,
}

/// Replace the user's preferences (user-side AVS opt-in).
#[derive(Clone, PartialEq, ::prost::Message)]
pub struct MsgSetUserPreferences {
    #[prost(string, tag = "1")]
    pub user: String,
    /// Non-nullable: always on the wire, `{}` in amino when empty.
    #[prost(message, optional, tag = "2")]
    pub preferences: Option<UserPreferences>,
}
proto_msg!(MsgSetUserPreferences, "/milkyway.restaking.v1.MsgSetUserPreferences");

/// Operator starts securing a service. Field order: sender, operator_id, service_id.
#[derive(Clone, PartialEq, ::prost::Message)]
pub struct MsgJoinService {
    #[prost(string, tag = "1")]
    pub sender: String,
    #[prost(uint32, tag = "2")]
    pub operator_id: u32,
    #[prost(uint32, tag = "3")]
    pub service_id: u32,
}
proto_msg!(MsgJoinService, "/milkyway.restaking.v1.MsgJoinService");

/// Operator stops securing a service.
#[derive(Clone, PartialEq, ::prost::Message)]
pub struct MsgLeaveService {
    #[prost(string, tag = "1")]
    pub sender: String,
    #[prost(uint32, tag = "2")]
    pub operator_id: u32,
    #[prost(uint32, tag = "3")]
    pub service_id: u32,
}
proto_msg!(MsgLeaveService, "/milkyway.restaking.v1.MsgLeaveService");

/// Service admin allows an operator. Field order differs from Join/Leave: service first.
#[derive(Clone, PartialEq, ::prost::Message)]
pub struct MsgAddOperatorToAllowList {
    #[prost(string, tag = "1")]
    pub sender: String,
    #[prost(uint32, tag = "2")]
    pub service_id: u32,
    #[prost(uint32, tag = "3")]
    pub operator_id: u32,
}
proto_msg!(MsgAddOperatorToAllowList, "/milkyway.restaking.v1.MsgAddOperatorToAllowList");

/// Service admin removes an operator (note the lower-case "l" in "Allowlist").
#[derive(Clone, PartialEq, ::prost::Message)]
pub struct MsgRemoveOperatorFromAllowlist {
    #[prost(string, tag = "1")]
    pub sender: String,
    #[prost(uint32, tag = "2")]
    pub service_id: u32,
    #[prost(uint32, tag = "3")]
    pub operator_id: u32,
}
proto_msg!(MsgRemoveOperatorFromAllowlist, "/milkyway.restaking.v1.MsgRemoveOperatorFromAllowlist");

/// Service admin borrows security from a pool.
#[derive(Clone, PartialEq, ::prost::Message)]
pub struct MsgBorrowPoolSecurity {
    #[prost(string, tag = "1")]
    pub sender: String,
    #[prost(uint32, tag = "2")]
    pub service_id: u32,
    #[prost(uint32, tag = "3")]
    pub pool_id: u32,
}
proto_msg!(MsgBorrowPoolSecurity, "/milkyway.restaking.v1.MsgBorrowPoolSecurity");

/// Service admin stops borrowing security from a pool.
#[derive(Clone, PartialEq, ::prost::Message)]
pub struct MsgCeasePoolSecurityBorrow {
    #[prost(string, tag = "1")]
    pub sender: String,
    #[prost(uint32, tag = "2")]
    pub service_id: u32,
    #[prost(uint32, tag = "3")]
    pub pool_id: u32,
}
proto_msg!(MsgCeasePoolSecurityBorrow, "/milkyway.restaking.v1.MsgCeasePoolSecurityBorrow");

/// `milkyway.restaking.v1.DelegationType` (amino: a number).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, ::prost::Enumeration)]
#[repr(i32)]
pub enum DelegationType {
    Unspecified = 0,
    Pool = 1,
    Operator = 2,
    Service = 3,
}
