//! Standard Cosmos SDK 0.50 messages, using the `cosmos-sdk-proto` 0.27 types (the ones
//! cosmrs 0.22 is built on). Amino names and field rules from the SDK's `.proto` files at
//! v0.50.13 (`proto/cosmos/{bank,staking,distribution,gov,authz}/…/tx.proto`).

use cosmos_sdk_proto::cosmos::{authz, bank, distribution, staking};
use prost::Message as _;

use super::schema::msg_type;
use super::{Any, Msg, MsgError, MsgType, MAX_EXEC_DEPTH};

pub use bank::v1beta1::MsgSend;
pub use distribution::v1beta1::{
    MsgSetWithdrawAddress, MsgWithdrawDelegatorReward, MsgWithdrawValidatorCommission,
};
pub use staking::v1beta1::{
    MsgBeginRedelegate, MsgCancelUnbondingDelegation, MsgDelegate, MsgUndelegate,
};

// bank: amount is legacy_coins + dont_omitempty → `[]` when empty.
msg_type!(MsgSend, "/cosmos.bank.v1beta1.MsgSend");

// staking: amount is a non-nullable Coin with dont_omitempty.
msg_type!(MsgDelegate, "/cosmos.staking.v1beta1.MsgDelegate");
msg_type!(MsgUndelegate, "/cosmos.staking.v1beta1.MsgUndelegate");
msg_type!(MsgBeginRedelegate, "/cosmos.staking.v1beta1.MsgBeginRedelegate");
msg_type!(MsgCancelUnbondingDelegation, "/cosmos.staking.v1beta1.MsgCancelUnbondingDelegation");

// distribution: the proto amino names (catalog: MsgWithdrawDelegationReward,
// MsgModifyWithdrawAddress, MsgWithdrawValCommission) differ from the Go type names.
msg_type!(MsgWithdrawDelegatorReward, "/cosmos.distribution.v1beta1.MsgWithdrawDelegatorReward");
msg_type!(MsgSetWithdrawAddress, "/cosmos.distribution.v1beta1.MsgSetWithdrawAddress");
msg_type!(
    MsgWithdrawValidatorCommission,
    "/cosmos.distribution.v1beta1.MsgWithdrawValidatorCommission"
);

/// `cosmos.gov.v1`: `proposal_id` has `dont_omitempty`; `WeightedVoteOption.weight` is a
/// `cosmos.Dec` scalar **without** the LegacyDec customtype, so the wire carries a
/// human decimal (`"0.5"`) that amino passes through unchanged.
pub mod gov_v1 {
    use super::super::schema::msg_type;
    pub use cosmos_sdk_proto::cosmos::gov::v1::{
        MsgDeposit, MsgVote, MsgVoteWeighted, VoteOption, WeightedVoteOption,
    };

    msg_type!(MsgVote, "/cosmos.gov.v1.MsgVote");
    msg_type!(MsgVoteWeighted, "/cosmos.gov.v1.MsgVoteWeighted");
    // amount: dont_omitempty without legacy_coins → `null` when empty.
    msg_type!(MsgDeposit, "/cosmos.gov.v1.MsgDeposit");
}

/// `cosmos.gov.v1beta1`: `MsgVote.proposal_id` has **no** `dont_omitempty` (the others
/// do); `WeightedVoteOption.weight` is a LegacyDec (wire ×10¹⁸, amino 18 decimals).
pub mod gov_v1beta1 {
    use super::super::schema::msg_type;
    pub use cosmos_sdk_proto::cosmos::gov::v1beta1::{
        MsgDeposit, MsgVote, MsgVoteWeighted, VoteOption, WeightedVoteOption,
    };

    msg_type!(MsgVote, "/cosmos.gov.v1beta1.MsgVote");
    msg_type!(MsgVoteWeighted, "/cosmos.gov.v1beta1.MsgVoteWeighted");
    msg_type!(MsgDeposit, "/cosmos.gov.v1beta1.MsgDeposit");
}

/// authz `MsgExec` with its inner messages typed (the wire form packs them in `Any`s).
/// In amino JSON each inner message is `{"type":<amino name>,"value":…}` (x/tx
/// `marshalAny`); `msgs` is omitted when empty.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct MsgExec {
    pub grantee: String,
    pub msgs: Vec<Msg>,
}

impl MsgType for MsgExec {
    const TYPE_URL: &'static str = "/cosmos.authz.v1beta1.MsgExec";
    const AMINO_NAME: &'static str = super::schema::catalog_amino_name(Self::TYPE_URL);

    fn encode_proto(&self) -> Vec<u8> {
        self.to_proto().encode_to_vec()
    }

    fn decode_proto(bytes: &[u8]) -> Result<Self, MsgError> {
        fn decode(bytes: &[u8], depth: usize) -> Result<MsgExec, MsgError> {
            if depth > MAX_EXEC_DEPTH {
                return Err(MsgError::TooDeep(MAX_EXEC_DEPTH));
            }
            let raw = authz::v1beta1::MsgExec::decode(bytes)
                .map_err(|e| MsgError::Decode(format!("MsgExec: {e}")))?;
            let msgs = raw
                .msgs
                .iter()
                .map(|any: &Any| {
                    if any.type_url == MsgExec::TYPE_URL {
                        decode(&any.value, depth + 1).map(Msg::Exec)
                    } else {
                        Msg::from_any(any)
                    }
                })
                .collect::<Result<_, _>>()?;
            Ok(MsgExec { grantee: raw.grantee, msgs })
        }
        decode(bytes, 1)
    }
}

impl MsgExec {
    fn to_proto(&self) -> authz::v1beta1::MsgExec {
        authz::v1beta1::MsgExec {
            grantee: self.grantee.clone(),
            msgs: self.msgs.iter().map(Msg::to_any).collect(),
        }
    }
}

/// A `cosmrs` message over `cosmos.authz.v1beta1.MsgExec`; the inner messages must be
/// ones this crate knows (nested up to [`MAX_EXEC_DEPTH`]).
impl cosmrs::tx::Msg for MsgExec {
    type Proto = authz::v1beta1::MsgExec;
}

impl TryFrom<authz::v1beta1::MsgExec> for MsgExec {
    type Error = cosmrs::ErrorReport;
    fn try_from(p: authz::v1beta1::MsgExec) -> Result<Self, Self::Error> {
        Ok(MsgExec::decode_proto(&p.encode_to_vec())?)
    }
}

impl From<MsgExec> for authz::v1beta1::MsgExec {
    fn from(m: MsgExec) -> Self {
        m.to_proto()
    }
}
