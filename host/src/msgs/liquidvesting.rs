//! `milkyway.liquidvesting.v1` (chain `proto/milkyway/liquidvesting/v1/messages.proto`):
//! the user's insurance-fund withdrawal. (Deposits are IBC transfers with a memo, see
//! [`super::ibc`].)

use super::cosmrs_msg::proto_msg;
use super::Coin;

/// Withdraw from the user's insurance fund. `amount` is `legacy_coins` without
/// `dont_omitempty`: omitted when empty, a plain array otherwise.
#[derive(Clone, PartialEq, ::prost::Message)]
pub struct MsgWithdrawInsuranceFund {
    #[prost(string, tag = "1")]
    pub sender: String,
    #[prost(message, repeated, tag = "2")]
    pub amount: Vec<Coin>,
}
proto_msg!(MsgWithdrawInsuranceFund, "/milkyway.liquidvesting.v1.MsgWithdrawInsuranceFund");
