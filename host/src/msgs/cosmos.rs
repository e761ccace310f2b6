//! Standard Cosmos SDK 0.50 messages, using the `cosmos-sdk-proto` 0.27 types (the ones
//! cosmrs 0.22 is built on). Amino names and field rules from the SDK's `.proto` files at
//! v0.50.13 (`proto/cosmos/{bank,staking,distribution,gov,authz}/…/tx.proto`).

use cosmos_sdk_proto::cosmos::{authz, bank, distribution, staking};
use prost::Message as _;

use super::schema::{amino_schema, msg_type, FieldReader, LegacyCoinsKeep, Nested, Str, I64};
use super::{AminoValue, Any, Msg, MsgError, MsgType, MAX_EXEC_DEPTH};
use crate::amino_json::{Json, ObjectBuilder};

pub use bank::v1beta1::MsgSend;
pub use distribution::v1beta1::{
    MsgSetWithdrawAddress, MsgWithdrawDelegatorReward, MsgWithdrawValidatorCommission,
};
pub use staking::v1beta1::{
    MsgBeginRedelegate, MsgCancelUnbondingDelegation, MsgDelegate, MsgUndelegate,
};

// bank: amount is legacy_coins + dont_omitempty → `[]` when empty.
msg_type!(MsgSend, "/cosmos.bank.v1beta1.MsgSend");
amino_schema!(MsgSend as "MsgSend" { from_address: Str, to_address: Str, amount: LegacyCoinsKeep });

// staking: amount is a non-nullable Coin with dont_omitempty.
msg_type!(MsgDelegate, "/cosmos.staking.v1beta1.MsgDelegate");
amino_schema!(MsgDelegate as "MsgDelegate" { delegator_address: Str, validator_address: Str, amount: Nested });
msg_type!(MsgUndelegate, "/cosmos.staking.v1beta1.MsgUndelegate");
amino_schema!(MsgUndelegate as "MsgUndelegate" { delegator_address: Str, validator_address: Str, amount: Nested });
msg_type!(MsgBeginRedelegate, "/cosmos.staking.v1beta1.MsgBeginRedelegate");
amino_schema!(MsgBeginRedelegate as "MsgBeginRedelegate" {
    delegator_address: Str, validator_src_address: Str, validator_dst_address: Str, amount: Nested,
});
msg_type!(MsgCancelUnbondingDelegation, "/cosmos.staking.v1beta1.MsgCancelUnbondingDelegation");
amino_schema!(MsgCancelUnbondingDelegation as "MsgCancelUnbondingDelegation" {
    delegator_address: Str, validator_address: Str, amount: Nested, creation_height: I64,
});

// distribution: the proto amino names (catalog: MsgWithdrawDelegationReward,
// MsgModifyWithdrawAddress, MsgWithdrawValCommission) differ from the Go type names.
msg_type!(MsgWithdrawDelegatorReward, "/cosmos.distribution.v1beta1.MsgWithdrawDelegatorReward");
amino_schema!(MsgWithdrawDelegatorReward as "MsgWithdrawDelegatorReward" { delegator_address: Str, validator_address: Str });
msg_type!(MsgSetWithdrawAddress, "/cosmos.distribution.v1beta1.MsgSetWithdrawAddress");
amino_schema!(MsgSetWithdrawAddress as "MsgSetWithdrawAddress" { delegator_address: Str, withdraw_address: Str });
msg_type!(
    MsgWithdrawValidatorCommission,
    "/cosmos.distribution.v1beta1.MsgWithdrawValidatorCommission"
);
amino_schema!(MsgWithdrawValidatorCommission as "MsgWithdrawValidatorCommission" { validator_address: Str });

/// `cosmos.gov.v1`: `proposal_id` has `dont_omitempty`; `WeightedVoteOption.weight` is a
/// `cosmos.Dec` scalar **without** the LegacyDec customtype, so the wire carries a
/// human decimal (`"0.5"`) that amino passes through unchanged.
pub mod gov_v1 {
    use super::super::schema::{amino_schema, msg_type, Enum, List, ListKeep, Str, U64Keep};
    pub use cosmos_sdk_proto::cosmos::gov::v1::{
        MsgDeposit, MsgVote, MsgVoteWeighted, VoteOption, WeightedVoteOption,
    };

    msg_type!(MsgVote, "/cosmos.gov.v1.MsgVote");
    amino_schema!(MsgVote as "MsgVote" { proposal_id: U64Keep, voter: Str, option: Enum, metadata: Str });
    amino_schema!(WeightedVoteOption as "WeightedVoteOption" { option: Enum, weight: Str });
    msg_type!(MsgVoteWeighted, "/cosmos.gov.v1.MsgVoteWeighted");
    amino_schema!(MsgVoteWeighted as "MsgVoteWeighted" { proposal_id: U64Keep, voter: Str, options: List, metadata: Str });
    // amount: dont_omitempty without legacy_coins → `null` when empty.
    msg_type!(MsgDeposit, "/cosmos.gov.v1.MsgDeposit");
    amino_schema!(MsgDeposit as "MsgDeposit" { proposal_id: U64Keep, depositor: Str, amount: ListKeep });
}

/// `cosmos.gov.v1beta1`: `MsgVote.proposal_id` has **no** `dont_omitempty` (the others
/// do); `WeightedVoteOption.weight` is a LegacyDec (wire ×10¹⁸, amino 18 decimals).
pub mod gov_v1beta1 {
    use super::super::schema::{
        amino_schema, msg_type, Enum, LegacyCoinsKeep, LegacyDecKeep, ListKeep, Str, U64Keep, U64,
    };
    pub use cosmos_sdk_proto::cosmos::gov::v1beta1::{
        MsgDeposit, MsgVote, MsgVoteWeighted, VoteOption, WeightedVoteOption,
    };

    msg_type!(MsgVote, "/cosmos.gov.v1beta1.MsgVote");
    amino_schema!(MsgVote as "MsgVote" { proposal_id: U64, voter: Str, option: Enum });
    amino_schema!(WeightedVoteOption as "WeightedVoteOption" { option: Enum, weight: LegacyDecKeep });
    msg_type!(MsgVoteWeighted, "/cosmos.gov.v1beta1.MsgVoteWeighted");
    amino_schema!(MsgVoteWeighted as "MsgVoteWeighted" { proposal_id: U64Keep, voter: Str, options: ListKeep });
    msg_type!(MsgDeposit, "/cosmos.gov.v1beta1.MsgDeposit");
    amino_schema!(MsgDeposit as "MsgDeposit" { proposal_id: U64Keep, depositor: Str, amount: LegacyCoinsKeep });
}

/// authz `MsgExec` with its inner messages typed (the wire form packs them in `Any`s).
/// In amino JSON each inner message is `{"type":<amino name>,"value":…}` (x/tx
/// `marshalAny`); `msgs` is omitted when empty.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct MsgExec {
    pub grantee: String,
    pub msgs: Vec<Msg>,
}

fn exec_depth(m: &MsgExec) -> usize {
    1 + m
        .msgs
        .iter()
        .map(|inner| match inner {
            Msg::Exec(e) => exec_depth(e),
            _ => 0,
        })
        .max()
        .unwrap_or(0)
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

impl AminoValue for MsgExec {
    fn to_amino_value(&self) -> Result<Json, MsgError> {
        if exec_depth(self) > MAX_EXEC_DEPTH {
            return Err(MsgError::TooDeep(MAX_EXEC_DEPTH));
        }
        let mut o = ObjectBuilder::new();
        if !self.grantee.is_empty() {
            o.insert("grantee", Json::str(self.grantee.clone()));
        }
        if !self.msgs.is_empty() {
            o.insert(
                "msgs",
                Json::Array(self.msgs.iter().map(Msg::to_amino_json).collect::<Result<_, _>>()?),
            );
        }
        Ok(o.build())
    }

    fn from_amino_value(v: &Json) -> Result<Self, MsgError> {
        let r = FieldReader::new(v, "MsgExec")?;
        r.finish(&["grantee", "msgs"], "MsgExec")?;
        let grantee =
            <Str as super::schema::FieldKind<String>>::get(r.field("grantee"), "grantee")?;
        let msgs = match r.field("msgs") {
            None | Some(Json::Null) => Vec::new(),
            Some(Json::Array(items)) => {
                items.iter().map(Msg::from_amino_json).collect::<Result<_, _>>()?
            }
            Some(_) => {
                return Err(MsgError::AminoField {
                    field: "msgs".into(),
                    expected: "an array".into(),
                });
            }
        };
        let m = MsgExec { grantee, msgs };
        if exec_depth(&m) > MAX_EXEC_DEPTH {
            return Err(MsgError::TooDeep(MAX_EXEC_DEPTH));
        }
        Ok(m)
    }
}
