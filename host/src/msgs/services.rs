//! `milkyway.services.v1` (chain `proto/milkyway/services/v1/messages.proto`,
//! `models.proto`): service (AVS) admin actions. Create and update use the proto amino
//! names `milkyway/services/…`, not the Go registrations `milkyway/…`.

use super::cosmrs_msg::proto_msg;
use super::schema::sender_id_msg;
use super::Coin;

/// Create a service; `fee_amount` is the registration fee.
#[derive(Clone, PartialEq, ::prost::Message)]
pub struct MsgCreateService {
    #[prost(string, tag = "1")]
    pub sender: String,
    #[prost(string, tag = "2")]
    pub name: String,
    #[prost(string, tag = "3")]
    pub description: String,
    #[prost(string, tag = "4")]
    pub website: String,
    #[prost(string, tag = "5")]
    pub picture_url: String,
    #[prost(message, repeated, tag = "6")]
    pub fee_amount: Vec<Coin>,
}
proto_msg!(MsgCreateService, "/milkyway.services.v1.MsgCreateService");

/// Update a service (`"[do-not-modify]"` keeps a field unchanged).
#[derive(Clone, PartialEq, ::prost::Message)]
pub struct MsgUpdateService {
    #[prost(string, tag = "1")]
    pub sender: String,
    #[prost(uint32, tag = "2")]
    pub service_id: u32,
    #[prost(string, tag = "3")]
    pub name: String,
    #[prost(string, tag = "4")]
    pub description: String,
    #[prost(string, tag = "5")]
    pub website: String,
    #[prost(string, tag = "6")]
    pub picture_url: String,
}
proto_msg!(MsgUpdateService, "/milkyway.services.v1.MsgUpdateService");

sender_id_msg!(
    /// Activate a service.
    MsgActivateService,
    "/milkyway.services.v1.MsgActivateService",
    service_id
);
sender_id_msg!(
    /// Deactivate a service.
    MsgDeactivateService,
    "/milkyway.services.v1.MsgDeactivateService",
    service_id
);
sender_id_msg!(
    /// Delete an inactive service.
    MsgDeleteService,
    "/milkyway.services.v1.MsgDeleteService",
    service_id
);

/// Hand the service over to a new admin. Proto amino name (not registered in Go).
#[derive(Clone, PartialEq, ::prost::Message)]
pub struct MsgTransferServiceOwnership {
    #[prost(string, tag = "1")]
    pub sender: String,
    #[prost(uint32, tag = "2")]
    pub service_id: u32,
    #[prost(string, tag = "3")]
    pub new_admin: String,
}
proto_msg!(MsgTransferServiceOwnership, "/milkyway.services.v1.MsgTransferServiceOwnership");

/// Service parameters: denoms that may be restaked toward the service (empty = any).
#[derive(Clone, PartialEq, ::prost::Message)]
pub struct ServiceParams {
    #[prost(string, repeated, tag = "1")]
    pub allowed_denoms: Vec<String>,
}

/// Set a service's parameters.
#[derive(Clone, PartialEq, ::prost::Message)]
pub struct MsgSetServiceParams {
    #[prost(string, tag = "1")]
    pub sender: String,
    #[prost(uint32, tag = "2")]
    pub service_id: u32,
    /// Non-nullable: always on the wire.
    #[prost(message, optional, tag = "3")]
    pub service_params: Option<ServiceParams>,
}
proto_msg!(MsgSetServiceParams, "/milkyway.services.v1.MsgSetServiceParams");
