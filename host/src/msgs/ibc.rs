//! IBC `ibc.applications.transfer.v1.MsgTransfer` (ibc-go v8.7.0
//! `proto/ibc/applications/transfer/v1/tx.proto`, `proto/ibc/core/client/v1/client.proto`),
//! written here because cosmos-sdk-proto has no IBC types. Also the memos MilkyWay uses:
//! the one-click liquid stake (ibc-hooks `wasm`) and the liquid-vesting insurance deposit.

use super::cosmrs_msg::proto_msg;
use super::Coin;
use crate::amino_json::{Json, ObjectBuilder};

/// `ibc.core.client.v1.Height`.
#[derive(Clone, Copy, PartialEq, Eq, ::prost::Message)]
pub struct Height {
    #[prost(uint64, tag = "1")]
    pub revision_number: u64,
    #[prost(uint64, tag = "2")]
    pub revision_height: u64,
}

/// ICS-20 transfer. `token` and `timeout_height` are non-nullable with
/// `dont_omitempty`: always on the wire, and `timeout_height` is `{}` in amino when zero.
#[derive(Clone, PartialEq, ::prost::Message)]
pub struct MsgTransfer {
    #[prost(string, tag = "1")]
    pub source_port: String,
    #[prost(string, tag = "2")]
    pub source_channel: String,
    #[prost(message, optional, tag = "3")]
    pub token: Option<Coin>,
    #[prost(string, tag = "4")]
    pub sender: String,
    #[prost(string, tag = "5")]
    pub receiver: String,
    #[prost(message, optional, tag = "6")]
    pub timeout_height: Option<Height>,
    /// Nanoseconds since the Unix epoch; 0 = none.
    #[prost(uint64, tag = "7")]
    pub timeout_timestamp: u64,
    #[prost(string, tag = "8")]
    pub memo: String,
}
proto_msg!(MsgTransfer, "/ibc.applications.transfer.v1.MsgTransfer");

/// The ibc-hooks memo that liquid-stakes on arrival:
/// `{"wasm":{"contract":<contract>,"msg":{"liquid_stake":{"mint_to":<addr>}}}}`.
pub fn liquid_stake_memo(contract: &str, mint_to: &str) -> String {
    let liquid_stake = ObjectBuilder::new().field("mint_to", Json::str(mint_to)).build();
    let msg = ObjectBuilder::new().field("liquid_stake", liquid_stake).build();
    let wasm =
        ObjectBuilder::new().field("contract", Json::str(contract)).field("msg", msg).build();
    ObjectBuilder::new().field("wasm", wasm).build().to_canonical_string()
}

/// The liquid-vesting insurance deposit memo:
/// `{"liquidvesting":{"amounts":[{"amount":<int>,"depositor":<addr>}]}}`.
pub fn insurance_deposit_memo(deposits: &[(&str, &str)]) -> String {
    let amounts = deposits
        .iter()
        .map(|(depositor, amount)| {
            ObjectBuilder::new()
                .field("amount", Json::str(*amount))
                .field("depositor", Json::str(*depositor))
                .build()
        })
        .collect();
    let lv = ObjectBuilder::new().field("amounts", Json::Array(amounts)).build();
    ObjectBuilder::new().field("liquidvesting", lv).build().to_canonical_string()
}
