//! Standard Cosmos SDK 0.50 messages, using the `cosmos-sdk-proto` 0.27 types (the ones
//! cosmrs 0.22 is built on). Amino names and field rules from the SDK's `.proto` files at
//! v0.50.13 (`proto/cosmos/{bank,staking,distribution,gov,authz}/…/tx.proto`).

use cosmos_sdk_proto::cosmos::{authz, bank, distribution, feegrant, slashing, staking};
use prost::Message as _;

use super::schema::msg_type;
use super::{Any, Msg, MsgError, MsgType, MAX_EXEC_DEPTH};

pub use authz::v1beta1::{GenericAuthorization, Grant, MsgGrant, MsgRevoke};
pub use bank::v1beta1::MsgSend;
pub use bank::v1beta1::SendAuthorization;
pub use distribution::v1beta1::{
    MsgSetWithdrawAddress, MsgWithdrawDelegatorReward, MsgWithdrawValidatorCommission,
};
pub use feegrant::v1beta1::{
    AllowedMsgAllowance, BasicAllowance, MsgGrantAllowance, MsgRevokeAllowance, PeriodicAllowance,
};
pub use slashing::v1beta1::MsgUnjail;
pub use staking::v1beta1::{
    stake_authorization, AuthorizationType, CommissionRates, Description, MsgBeginRedelegate,
    MsgCancelUnbondingDelegation, MsgCreateValidator, MsgDelegate, MsgEditValidator, MsgUndelegate,
    StakeAuthorization,
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

// authz grants: the authorization is an Any of GenericAuthorization, SendAuthorization or
// StakeAuthorization (the device refuses any other), the expiration a nullable Timestamp.
msg_type!(MsgGrant, "/cosmos.authz.v1beta1.MsgGrant");
msg_type!(MsgRevoke, "/cosmos.authz.v1beta1.MsgRevoke");

// validators: SDK v0.50 (commission rates at field 2 of MsgCreateValidator, the commission
// rate at field 3 of MsgEditValidator); the consensus key is an Any of an ed25519 PubKey.
msg_type!(MsgCreateValidator, "/cosmos.staking.v1beta1.MsgCreateValidator");
msg_type!(MsgEditValidator, "/cosmos.staking.v1beta1.MsgEditValidator");
msg_type!(MsgUnjail, "/cosmos.slashing.v1beta1.MsgUnjail");

// fee grants: the allowance is an Any of BasicAllowance, PeriodicAllowance or
// AllowedMsgAllowance (around a basic or periodic one).
msg_type!(MsgGrantAllowance, "/cosmos.feegrant.v1beta1.MsgGrantAllowance");
msg_type!(MsgRevokeAllowance, "/cosmos.feegrant.v1beta1.MsgRevokeAllowance");

/// A fee allowance: a spend limit (empty: none) and an expiration (seconds since the
/// epoch), optionally per period (the period, its limit and when it first resets), and
/// optionally for some message types only.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FeeAllowance {
    pub spend_limit: Vec<super::Coin>,
    pub expiration: Option<i64>,
    /// (period in seconds, limit per period, first reset in seconds since the epoch).
    pub periodic: Option<(i64, Vec<super::Coin>, i64)>,
    pub allowed_messages: Vec<String>,
}

impl FeeAllowance {
    /// The `Any` of the allowance.
    pub fn to_any(&self) -> Any {
        let basic = BasicAllowance {
            spend_limit: self.spend_limit.clone(),
            expiration: self
                .expiration
                .map(|seconds| cosmos_sdk_proto::Timestamp { seconds, nanos: 0 }),
        };
        let inner = match &self.periodic {
            None => Any {
                type_url: "/cosmos.feegrant.v1beta1.BasicAllowance".into(),
                value: basic.encode_to_vec(),
            },
            Some((period, limit, reset)) => Any {
                type_url: "/cosmos.feegrant.v1beta1.PeriodicAllowance".into(),
                value: PeriodicAllowance {
                    basic: Some(basic),
                    period: Some(tendermint_duration(*period)),
                    period_spend_limit: limit.clone(),
                    period_can_spend: limit.clone(),
                    period_reset: Some(cosmos_sdk_proto::Timestamp { seconds: *reset, nanos: 0 }),
                }
                .encode_to_vec(),
            },
        };
        if self.allowed_messages.is_empty() {
            return inner;
        }
        Any {
            type_url: "/cosmos.feegrant.v1beta1.AllowedMsgAllowance".into(),
            value: AllowedMsgAllowance {
                allowance: Some(inner),
                allowed_messages: self.allowed_messages.clone(),
            }
            .encode_to_vec(),
        }
    }
}

fn tendermint_duration(seconds: i64) -> cosmos_sdk_proto::tendermint::google::protobuf::Duration {
    cosmos_sdk_proto::tendermint::google::protobuf::Duration { seconds, nanos: 0 }
}

/// What an authz grant allows, packed as the `Any` of `Grant.authorization`.
#[derive(Clone, Debug, PartialEq)]
pub enum Authorization {
    /// Any use of one message type (its type URL).
    Generic(String),
    /// Sending up to `spend_limit`, to `allow_list` only when it is not empty.
    Send { spend_limit: Vec<super::Coin>, allow_list: Vec<String> },
    /// Staking of one kind, up to `max_tokens`, with an allow or a deny list of validators.
    Stake {
        kind: AuthorizationType,
        max_tokens: Option<super::Coin>,
        validators: Option<stake_authorization::Policy>,
    },
}

impl Authorization {
    /// The `Any` of the authorization.
    pub fn to_any(&self) -> Any {
        let (type_url, value) = match self {
            Authorization::Generic(msg) => (
                "/cosmos.authz.v1beta1.GenericAuthorization",
                GenericAuthorization { msg: msg.clone() }.encode_to_vec(),
            ),
            Authorization::Send { spend_limit, allow_list } => (
                "/cosmos.bank.v1beta1.SendAuthorization",
                SendAuthorization {
                    spend_limit: spend_limit.clone(),
                    allow_list: allow_list.clone(),
                }
                .encode_to_vec(),
            ),
            Authorization::Stake { kind, max_tokens, validators } => (
                "/cosmos.staking.v1beta1.StakeAuthorization",
                StakeAuthorization {
                    max_tokens: max_tokens.clone(),
                    authorization_type: *kind as i32,
                    validators: validators.clone(),
                }
                .encode_to_vec(),
            ),
        };
        Any { type_url: type_url.to_owned(), value }
    }
}

/// A grant of `authorization` from `granter` to `grantee`, until `expiration` (seconds
/// since the epoch; `None`: no expiration).
pub fn grant(
    granter: &str,
    grantee: &str,
    authorization: &Authorization,
    expiration: Option<i64>,
) -> MsgGrant {
    MsgGrant {
        granter: granter.to_owned(),
        grantee: grantee.to_owned(),
        grant: Some(Grant {
            authorization: Some(authorization.to_any()),
            expiration: expiration.map(|seconds| cosmos_sdk_proto::Timestamp { seconds, nanos: 0 }),
        }),
    }
}

/// The `Any` of an ed25519 consensus public key (32 bytes).
pub fn consensus_key(key: &[u8; 32]) -> Any {
    let pk = cosmos_sdk_proto::cosmos::crypto::ed25519::PubKey { key: key.to_vec() };
    Any { type_url: milkyway_core::msg::ED25519_PUBKEY_URL.to_owned(), value: pk.encode_to_vec() }
}

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
