//! `cosmwasm.wasm.v1.MsgExecuteContract` (wasmd v0.53.0 `proto/cosmwasm/wasm/v1/tx.proto`)
//! and the execute messages of MilkyWay's liquid-staking contract
//! (milkyway-contracts `contracts/staking/src/msg.rs`, `#[cw_serde]`: snake_case
//! variants, unknown fields rejected).

use super::schema::msg_type;
use super::{coin, Coin, MsgError};
use crate::amino_json::{Json, ObjectBuilder};

pub use cosmos_sdk_proto::cosmwasm::wasm::v1::MsgExecuteContract;

// msg: bytes with amino.encoding = "inline_json" (inlined, sorted keys);
// funds: legacy_coins + dont_omitempty (`[]` when none).
msg_type!(MsgExecuteContract, "/cosmwasm.wasm.v1.MsgExecuteContract");

/// Builds a `MsgExecuteContract` with `msg` given as JSON. The bytes on the wire are the
/// canonical (sorted, compact) form of `msg`.
pub fn execute_contract(
    sender: &str,
    contract: &str,
    msg: &Json,
    funds: Vec<Coin>,
) -> MsgExecuteContract {
    MsgExecuteContract {
        sender: sender.to_owned(),
        contract: contract.to_owned(),
        msg: msg.to_canonical_bytes(),
        funds,
    }
}

/// The user-callable execute messages of the liquid-staking contract.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StakingContractMsg {
    /// `{"liquid_stake":{…}}`, funds = exactly one coin of the native token.
    LiquidStake {
        mint_to: Option<String>,
        transfer_to_native_chain: Option<bool>,
        /// Slippage protection, a Uint128 string.
        expected_mint_amount: Option<String>,
    },
    /// `{"liquid_unstake":{}}`, funds = exactly one coin of the LST.
    LiquidUnstake,
    /// `{"withdraw":{"batch_id":N}}`, no funds.
    Withdraw { batch_id: u64 },
    /// `{"submit_batch":{}}` (permissionless), no funds.
    SubmitBatch,
}

impl StakingContractMsg {
    /// The JSON the contract receives.
    pub fn to_json(&self) -> Json {
        let (name, body) = match self {
            StakingContractMsg::LiquidStake {
                mint_to,
                transfer_to_native_chain,
                expected_mint_amount,
            } => {
                let mut o = ObjectBuilder::new();
                if let Some(a) = mint_to {
                    o.insert("mint_to", Json::str(a.clone()));
                }
                if let Some(t) = transfer_to_native_chain {
                    o.insert("transfer_to_native_chain", Json::Bool(*t));
                }
                if let Some(e) = expected_mint_amount {
                    o.insert("expected_mint_amount", Json::str(e.clone()));
                }
                ("liquid_stake", o.build())
            }
            StakingContractMsg::LiquidUnstake => ("liquid_unstake", Json::object()),
            StakingContractMsg::Withdraw { batch_id } => {
                ("withdraw", ObjectBuilder::new().field("batch_id", Json::uint(*batch_id)).build())
            }
            StakingContractMsg::SubmitBatch => ("submit_batch", Json::object()),
        };
        ObjectBuilder::new().field(name, body).build()
    }

    /// The `MsgExecuteContract` sending this message to `contract`.
    pub fn to_execute(
        &self,
        sender: &str,
        contract: &str,
        funds: Option<(&str, &str)>,
    ) -> Result<MsgExecuteContract, MsgError> {
        let funds = match (self, funds) {
            (
                StakingContractMsg::LiquidStake { .. } | StakingContractMsg::LiquidUnstake,
                Some((amount, denom)),
            ) => {
                vec![coin(amount, denom)]
            }
            (StakingContractMsg::LiquidStake { .. } | StakingContractMsg::LiquidUnstake, None) => {
                return Err(MsgError::Invalid(
                    "liquid stake/unstake needs exactly one coin of funds".into(),
                ));
            }
            (_, Some(_)) => {
                return Err(MsgError::Invalid("withdraw and submit_batch take no funds".into()))
            }
            (_, None) => Vec::new(),
        };
        Ok(execute_contract(sender, contract, &self.to_json(), funds))
    }

    /// The same as a `cosmrs` message (`cosmrs::cosmwasm::MsgExecuteContract`, a
    /// `cosmrs::tx::Msg`), for a `cosmrs::tx::Body`. `funds`: (amount, denom).
    pub fn to_cosmrs(
        &self,
        sender: &str,
        contract: &str,
        funds: Option<(&str, &str)>,
    ) -> Result<cosmrs::cosmwasm::MsgExecuteContract, MsgError> {
        cosmrs::cosmwasm::MsgExecuteContract::try_from(self.to_execute(sender, contract, funds)?)
            .map_err(|e| MsgError::Invalid(format!("{e}")))
    }
}
