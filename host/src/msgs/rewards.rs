//! `milkyway.rewards.v1` (chain `proto/milkyway/rewards/v1/messages.proto`): claim
//! restaking rewards (one message per target), set the withdraw address, withdraw an
//! operator's commission.

use super::cosmrs_msg::proto_msg;

/// Claim the rewards of one delegation target. `delegation_type` is a
/// [`super::restaking::DelegationType`] (1 pool, 2 operator, 3 service).
#[derive(Clone, PartialEq, ::prost::Message)]
pub struct MsgWithdrawDelegatorReward {
    #[prost(string, tag = "1")]
    pub delegator_address: String,
    #[prost(enumeration = "super::restaking::DelegationType", tag = "2")]
    pub delegation_type: i32,
    #[prost(uint32, tag = "3")]
    pub delegation_target_id: u32,
}
proto_msg!(MsgWithdrawDelegatorReward, "/milkyway.rewards.v1.MsgWithdrawDelegatorReward");

/// Set the address restaking rewards are paid to.
#[derive(Clone, PartialEq, ::prost::Message)]
pub struct MsgSetWithdrawAddress {
    #[prost(string, tag = "1")]
    pub sender: String,
    #[prost(string, tag = "2")]
    pub withdraw_address: String,
}
proto_msg!(MsgSetWithdrawAddress, "/milkyway.rewards.v1.MsgSetWithdrawAddress");

/// Operator admin withdraws the operator's commission.
#[derive(Clone, PartialEq, ::prost::Message)]
pub struct MsgWithdrawOperatorCommission {
    #[prost(string, tag = "1")]
    pub sender: String,
    #[prost(uint32, tag = "2")]
    pub operator_id: u32,
}
proto_msg!(MsgWithdrawOperatorCommission, "/milkyway.rewards.v1.MsgWithdrawOperatorCommission");

// ------------------------------------------------------------------ rewards plans
// chain `proto/milkyway/rewards/v1/messages.proto` and `models.proto`: the amount is per
// day; amount, times and distributions are non-nullable (always on the wire).

/// `DistributionWeight`: a target and its weight (a weighted distribution).
#[derive(Clone, PartialEq, ::prost::Message)]
pub struct DistributionWeight {
    #[prost(uint32, tag = "1")]
    pub delegation_target_id: u32,
    #[prost(uint32, tag = "2")]
    pub weight: u32,
}

/// `DistributionTypeWeighted`.
#[derive(Clone, PartialEq, ::prost::Message)]
pub struct DistributionTypeWeighted {
    #[prost(message, repeated, tag = "1")]
    pub weights: Vec<DistributionWeight>,
}

/// How a share is split among its targets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Split {
    /// In proportion to delegations (`DistributionTypeBasic`).
    Basic,
    /// Equally (`DistributionTypeEgalitarian`).
    Egalitarian,
    /// By explicit weights: (target id, weight) (`DistributionTypeWeighted`).
    Weighted(Vec<(u32, u32)>),
}

impl Split {
    /// The `Any` of `Distribution.type`.
    pub fn to_any(&self) -> super::Any {
        use prost::Message as _;
        let (type_url, value) = match self {
            Split::Basic => (milkyway_core::catalog::DISTRIBUTION_BASIC, Vec::new()),
            Split::Egalitarian => (milkyway_core::catalog::DISTRIBUTION_EGALITARIAN, Vec::new()),
            Split::Weighted(w) => (
                milkyway_core::catalog::DISTRIBUTION_WEIGHTED,
                DistributionTypeWeighted {
                    weights: w
                        .iter()
                        .map(|(id, weight)| DistributionWeight {
                            delegation_target_id: *id,
                            weight: *weight,
                        })
                        .collect(),
                }
                .encode_to_vec(),
            ),
        };
        super::Any { type_url: type_url.to_owned(), value }
    }
}

/// `Distribution`: for pools (`delegation_type` 1) or operators (2).
#[derive(Clone, PartialEq, ::prost::Message)]
pub struct Distribution {
    #[prost(enumeration = "super::restaking::DelegationType", tag = "1")]
    pub delegation_type: i32,
    #[prost(uint32, tag = "2")]
    pub weight: u32,
    #[prost(message, optional, tag = "3")]
    pub r#type: Option<super::Any>,
}

/// `UsersDistribution`: its type is `UsersDistributionTypeBasic`, the only one.
#[derive(Clone, PartialEq, ::prost::Message)]
pub struct UsersDistribution {
    #[prost(uint32, tag = "1")]
    pub weight: u32,
    #[prost(message, optional, tag = "2")]
    pub r#type: Option<super::Any>,
}

impl UsersDistribution {
    /// Users' share `weight`, split in proportion to delegations.
    pub fn basic(weight: u32) -> Self {
        UsersDistribution {
            weight,
            r#type: Some(super::Any {
                type_url: milkyway_core::catalog::USERS_DISTRIBUTION_BASIC.to_owned(),
                value: Vec::new(),
            }),
        }
    }
}

/// Declares a rewards plan message: its own fields 1 to 3, then the plan's terms (fields
/// 4 to 9, the same in `MsgCreateRewardsPlan` and `MsgEditRewardsPlan`), then its own
/// later fields. (A prost message cannot embed another's fields, hence the macro.)
macro_rules! rewards_plan_msg {
    (
        $(#[$doc:meta])* $name:ident, $type_url:literal,
        { $($head:tt)* },
        { $($tail:tt)* }
    ) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, ::prost::Message)]
        pub struct $name {
            $($head)*
            /// Per day.
            #[prost(message, optional, tag = "4")]
            pub amount: Option<super::Coin>,
            #[prost(message, optional, tag = "5")]
            pub start_time: Option<cosmos_sdk_proto::Timestamp>,
            #[prost(message, optional, tag = "6")]
            pub end_time: Option<cosmos_sdk_proto::Timestamp>,
            #[prost(message, optional, tag = "7")]
            pub pools_distribution: Option<Distribution>,
            #[prost(message, optional, tag = "8")]
            pub operators_distribution: Option<Distribution>,
            #[prost(message, optional, tag = "9")]
            pub users_distribution: Option<UsersDistribution>,
            $($tail)*
        }
        proto_msg!($name, $type_url);
    };
}

rewards_plan_msg!(
    /// Create a rewards plan for a service (its admin signs).
    MsgCreateRewardsPlan,
    "/milkyway.rewards.v1.MsgCreateRewardsPlan",
    {
        #[prost(string, tag = "1")]
        pub sender: String,
        #[prost(string, tag = "2")]
        pub description: String,
        #[prost(uint32, tag = "3")]
        pub service_id: u32,
    },
    {
        #[prost(message, repeated, tag = "10")]
        pub fee_amount: Vec<super::Coin>,
    }
);

rewards_plan_msg!(
    /// Edit a rewards plan (every field is set again).
    MsgEditRewardsPlan,
    "/milkyway.rewards.v1.MsgEditRewardsPlan",
    {
        #[prost(string, tag = "1")]
        pub sender: String,
        #[prost(uint64, tag = "2")]
        pub id: u64,
        #[prost(string, tag = "3")]
        pub description: String,
    },
    {}
);
