//! `milkyway.restaking.v1` (chain `proto/milkyway/restaking/v1/messages.proto`,
//! `models.proto`): restake, unrestake, user AVS preferences, operator and service
//! opt-in. Pool, operator and service IDs are `uint32` (amino: JSON numbers).

use super::cosmrs_msg::proto_msg;
use super::schema::{amino_schema, List, ListKeep, Nested, Str, U32List, U32};
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
amino_schema!(MsgDelegatePool as "MsgDelegatePool" { delegator: Str, amount: Nested });

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
amino_schema!(MsgDelegateOperator as "MsgDelegateOperator" { delegator: Str, operator_id: U32, amount: List });

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
amino_schema!(MsgDelegateService as "MsgDelegateService" { delegator: Str, service_id: U32, amount: List });

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
amino_schema!(MsgUndelegatePool as "MsgUndelegatePool" { delegator: Str, amount: Nested });

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
amino_schema!(MsgUndelegateOperator as "MsgUndelegateOperator" { delegator: Str, operator_id: U32, amount: ListKeep });

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
amino_schema!(MsgUndelegateService as "MsgUndelegateService" { delegator: Str, service_id: U32, amount: ListKeep });

/// One trusted service and the pools it may use (empty = all pools).
#[derive(Clone, PartialEq, ::prost::Message)]
pub struct TrustedServiceEntry {
    #[prost(uint32, tag = "1")]
    pub service_id: u32,
    /// Packed on the wire.
    #[prost(uint32, repeated, tag = "2")]
    pub pools_ids: Vec<u32>,
}
amino_schema!(TrustedServiceEntry as "TrustedServiceEntry" { service_id: U32, pools_ids: U32List });

/// The user's AVS preferences. Fields 1-3 are reserved; an empty list trusts no service.
#[derive(Clone, PartialEq, ::prost::Message)]
pub struct UserPreferences {
    #[prost(message, repeated, tag = "4")]
    pub trusted_services: Vec<TrustedServiceEntry>,
}
amino_schema!(UserPreferences as "UserPreferences" { trusted_services: List });

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
amino_schema!(MsgSetUserPreferences as "MsgSetUserPreferences" { user: Str, preferences: Nested });

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
amino_schema!(MsgJoinService as "MsgJoinService" { sender: Str, operator_id: U32, service_id: U32 });

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
amino_schema!(MsgLeaveService as "MsgLeaveService" { sender: Str, operator_id: U32, service_id: U32 });

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
amino_schema!(MsgAddOperatorToAllowList as "MsgAddOperatorToAllowList" { sender: Str, service_id: U32, operator_id: U32 });

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
amino_schema!(MsgRemoveOperatorFromAllowlist as "MsgRemoveOperatorFromAllowlist" { sender: Str, service_id: U32, operator_id: U32 });

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
amino_schema!(MsgBorrowPoolSecurity as "MsgBorrowPoolSecurity" { sender: Str, service_id: U32, pool_id: U32 });

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
amino_schema!(MsgCeasePoolSecurityBorrow as "MsgCeasePoolSecurityBorrow" { sender: Str, service_id: U32, pool_id: U32 });

/// `milkyway.restaking.v1.DelegationType` (amino: a number).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, ::prost::Enumeration)]
#[repr(i32)]
pub enum DelegationType {
    Unspecified = 0,
    Pool = 1,
    Operator = 2,
    Service = 3,
}
