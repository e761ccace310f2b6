//! `milkyway.operators.v1` (chain `proto/milkyway/operators/v1/messages.proto`,
//! `models.proto`): operator admin actions.

use super::cosmrs_msg::proto_msg;
use super::schema::sender_id_msg;
use super::Coin;

/// Register a new operator; `fee_amount` is the registration fee.
#[derive(Clone, PartialEq, ::prost::Message)]
pub struct MsgRegisterOperator {
    #[prost(string, tag = "1")]
    pub sender: String,
    #[prost(string, tag = "2")]
    pub moniker: String,
    #[prost(string, tag = "3")]
    pub website: String,
    #[prost(string, tag = "4")]
    pub picture_url: String,
    #[prost(message, repeated, tag = "5")]
    pub fee_amount: Vec<Coin>,
}
proto_msg!(MsgRegisterOperator, "/milkyway.operators.v1.MsgRegisterOperator");

/// Update an operator (`"[do-not-modify]"` keeps a field unchanged).
#[derive(Clone, PartialEq, ::prost::Message)]
pub struct MsgUpdateOperator {
    #[prost(string, tag = "1")]
    pub sender: String,
    #[prost(uint32, tag = "2")]
    pub operator_id: u32,
    #[prost(string, tag = "3")]
    pub moniker: String,
    #[prost(string, tag = "4")]
    pub website: String,
    #[prost(string, tag = "5")]
    pub picture_url: String,
}
proto_msg!(MsgUpdateOperator, "/milkyway.operators.v1.MsgUpdateOperator");

sender_id_msg!(
    /// Start deactivating an operator.
    MsgDeactivateOperator,
    "/milkyway.operators.v1.MsgDeactivateOperator",
    operator_id
);
sender_id_msg!(
    /// Reactivate an inactive operator.
    MsgReactivateOperator,
    "/milkyway.operators.v1.MsgReactivateOperator",
    operator_id
);
sender_id_msg!(
    /// Delete an inactive operator.
    MsgDeleteOperator,
    "/milkyway.operators.v1.MsgDeleteOperator",
    operator_id
);

/// Operator parameters. `commission_rate` is a `LegacyDec` **without** the
/// `cosmos.Dec` scalar: the integer ×10¹⁸ string, on the wire and in amino alike
/// (`"100000000000000000"` is 10 %).
#[derive(Clone, PartialEq, ::prost::Message)]
pub struct OperatorParams {
    #[prost(string, tag = "1")]
    pub commission_rate: String,
}

/// Set an operator's parameters (its commission rate).
#[derive(Clone, PartialEq, ::prost::Message)]
pub struct MsgSetOperatorParams {
    #[prost(string, tag = "1")]
    pub sender: String,
    #[prost(uint32, tag = "2")]
    pub operator_id: u32,
    /// Non-nullable: always on the wire.
    #[prost(message, optional, tag = "3")]
    pub params: Option<OperatorParams>,
}
proto_msg!(MsgSetOperatorParams, "/milkyway.operators.v1.MsgSetOperatorParams");

/// Hand the operator over to a new admin. Proto amino name (not registered in Go).
#[derive(Clone, PartialEq, ::prost::Message)]
pub struct MsgTransferOperatorOwnership {
    #[prost(string, tag = "1")]
    pub sender: String,
    #[prost(uint32, tag = "2")]
    pub operator_id: u32,
    #[prost(string, tag = "3")]
    pub new_admin: String,
}
proto_msg!(MsgTransferOperatorOwnership, "/milkyway.operators.v1.MsgTransferOperatorOwnership");
