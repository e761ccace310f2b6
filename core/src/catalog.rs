//! Every message the device clear-signs, described once.
//!
//! Field numbers, amino names and `dont_omitempty` flags come from the MilkyWay chain
//! (v12), Cosmos SDK v0.50, ibc-go v8 and wasmd v0.53 protobuf definitions, as
//! catalogued in `shared/spec/milkyway-messages.md`. Amino names are the **proto**
//! `amino.name` annotations (what x/tx verifies), not the Go legacy registrations.

use crate::schema::{
    many, many_always, many_legacy_coins, one, one_always, AnyList, EnumDef, Field, IdKind, Kind,
    MsgSchema, Nested, OneOfMember, View,
};

/// `cosmos.gov.v1.VoteOption` (and v1beta1's, the same values).
pub static VOTE_OPTIONS: EnumDef = EnumDef {
    shown: &["Unspecified", "Yes", "Abstain", "No", "No with veto"],
    proto: &[
        "VOTE_OPTION_UNSPECIFIED",
        "VOTE_OPTION_YES",
        "VOTE_OPTION_ABSTAIN",
        "VOTE_OPTION_NO",
        "VOTE_OPTION_NO_WITH_VETO",
    ],
};
/// `milkyway.restaking.v1.DelegationType`.
pub static DELEGATION_TYPES: EnumDef = EnumDef {
    shown: &["Unspecified", "Pool", "Operator", "Service"],
    proto: &[
        "DELEGATION_TYPE_UNSPECIFIED",
        "DELEGATION_TYPE_POOL",
        "DELEGATION_TYPE_OPERATOR",
        "DELEGATION_TYPE_SERVICE",
    ],
};
/// `cosmos.staking.v1beta1.AuthorizationType`, as the review names a stake grant.
pub static STAKE_AUTHORIZATION_TYPES: EnumDef = EnumDef {
    shown: &["Unspecified", "Delegate", "Undelegate", "Redelegate", "Cancel unbonding"],
    proto: &[
        "AUTHORIZATION_TYPE_UNSPECIFIED",
        "AUTHORIZATION_TYPE_DELEGATE",
        "AUTHORIZATION_TYPE_UNDELEGATE",
        "AUTHORIZATION_TYPE_REDELEGATE",
        "AUTHORIZATION_TYPE_CANCEL_UNBONDING_DELEGATION",
    ],
};

const POOL: Kind = Kind::Id(IdKind::Pool);
const OPERATOR: Kind = Kind::Id(IdKind::Operator);
const SERVICE: Kind = Kind::Id(IdKind::Service);
const PROPOSAL: Kind = Kind::Id64(IdKind::Proposal);

// ---------------------------------------------------------------- nested messages

pub static TRUSTED_SERVICE_ENTRY: Nested = Nested {
    name: "TrustedServiceEntry",
    fields: &[one(1, "service_id", "Service", SERVICE), many(2, "pools_ids", "Pools", POOL)],
};
pub static USER_PREFERENCES: Nested = Nested {
    name: "UserPreferences",
    fields: &[many(4, "trusted_services", "Trusted services", Kind::Msg(&TRUSTED_SERVICE_ENTRY))],
};
pub static OPERATOR_PARAMS: Nested = Nested {
    name: "OperatorParams",
    fields: &[one(1, "commission_rate", "Commission rate", Kind::Rate18Raw)],
};
pub static SERVICE_PARAMS: Nested = Nested {
    name: "ServiceParams",
    fields: &[many(1, "allowed_denoms", "Allowed denoms", Kind::Str)],
};
pub static WEIGHTED_OPTION_V1: Nested = Nested {
    name: "WeightedVoteOption",
    fields: &[
        one(1, "option", "Option", Kind::Enum(&VOTE_OPTIONS)),
        one(2, "weight", "Weight", Kind::RateDecimal),
    ],
};
// The v1beta1 weight has `dont_omitempty`: x/tx always writes it, `"0"` when empty.
pub static WEIGHTED_OPTION_V1BETA1: Nested = Nested {
    name: "WeightedVoteOption",
    fields: &[
        one(1, "option", "Option", Kind::Enum(&VOTE_OPTIONS)),
        one_always(2, "weight", "Weight", Kind::Rate18),
    ],
};
pub static IBC_HEIGHT: Nested = Nested {
    name: "Height",
    fields: &[
        one(1, "revision_number", "Revision", Kind::U64),
        one(2, "revision_height", "Height", Kind::U64),
    ],
};

/// staking `Description` (SDK v0.50 `staking.proto`): five plain strings.
pub static VALIDATOR_DESCRIPTION: Nested = Nested {
    name: "Description",
    fields: &[
        one(1, "moniker", "Moniker", Kind::Str),
        one(2, "identity", "Identity", Kind::Str),
        one(3, "website", "Website", Kind::Str),
        one(4, "security_contact", "Security contact", Kind::Str),
        one(5, "details", "Details", Kind::Str),
    ],
};
/// staking `CommissionRates`: three LegacyDec with `cosmos.Dec` and `dont_omitempty`.
pub static COMMISSION_RATES: Nested = Nested {
    name: "CommissionRates",
    fields: &[
        one_always(1, "rate", "Commission rate", Kind::Rate18),
        one_always(2, "max_rate", "Max commission", Kind::Rate18),
        one_always(3, "max_change_rate", "Max daily change", Kind::Rate18),
    ],
};

// ---------------------------------------------------------------- rewards plans

pub const DISTRIBUTION_BASIC: &str = "/milkyway.rewards.v1.DistributionTypeBasic";
pub const DISTRIBUTION_WEIGHTED: &str = "/milkyway.rewards.v1.DistributionTypeWeighted";
pub const DISTRIBUTION_EGALITARIAN: &str = "/milkyway.rewards.v1.DistributionTypeEgalitarian";
pub const USERS_DISTRIBUTION_BASIC: &str = "/milkyway.rewards.v1.UsersDistributionTypeBasic";

/// `DistributionWeight` (milkyway `proto/milkyway/rewards/v1/models.proto`).
pub static DISTRIBUTION_WEIGHT: Nested = Nested {
    name: "DistributionWeight",
    fields: &[
        one(1, "delegation_target_id", "Target", Kind::U32),
        one(2, "weight", "Weight", Kind::U32),
    ],
};

/// The types a `Distribution.type` may hold. They have no `amino.name`: x/tx writes
/// their type URL as the Amino `"type"` (spec §1.4).
pub static DISTRIBUTION_TYPES: [MsgSchema; 3] = [
    msg(DISTRIBUTION_BASIC, DISTRIBUTION_BASIC, "Basic", &[]),
    msg(
        DISTRIBUTION_WEIGHTED,
        DISTRIBUTION_WEIGHTED,
        "Weighted",
        &[many(1, "weights", "Weights", Kind::Msg(&DISTRIBUTION_WEIGHT))],
    ),
    msg(DISTRIBUTION_EGALITARIAN, DISTRIBUTION_EGALITARIAN, "Egalitarian", &[]),
];
pub static USERS_DISTRIBUTION_TYPES: [MsgSchema; 1] =
    [msg(USERS_DISTRIBUTION_BASIC, USERS_DISTRIBUTION_BASIC, "Basic", &[])];

/// `Distribution`: for pools or operators, its weight among the three, and its type.
pub static DISTRIBUTION: Nested = Nested {
    name: "Distribution",
    fields: &[
        one(1, "delegation_type", "Target type", Kind::Enum(&DELEGATION_TYPES)),
        one(2, "weight", "Weight", Kind::U32),
        one(
            3,
            "type",
            "Type",
            Kind::AnyOf(&AnyList {
                types: &DISTRIBUTION_TYPES,
                unknown: crate::error::Error::InvalidDistribution,
            }),
        ),
    ],
};
/// `UsersDistribution`: for users who restaked to the service directly.
pub static USERS_DISTRIBUTION: Nested = Nested {
    name: "UsersDistribution",
    fields: &[
        one(1, "weight", "Weight", Kind::U32),
        one(
            2,
            "type",
            "Type",
            Kind::AnyOf(&AnyList {
                types: &USERS_DISTRIBUTION_TYPES,
                unknown: crate::error::Error::InvalidDistribution,
            }),
        ),
    ],
};

// ---------------------------------------------------------------- authz authorizations

pub const SEND_AUTHORIZATION: &str = "/cosmos.bank.v1beta1.SendAuthorization";
pub const GENERIC_AUTHORIZATION: &str = "/cosmos.authz.v1beta1.GenericAuthorization";
pub const STAKE_AUTHORIZATION: &str = "/cosmos.staking.v1beta1.StakeAuthorization";

/// `StakeAuthorization.Validators`.
pub static STAKE_VALIDATORS: Nested =
    Nested { name: "Validators", fields: &[many(1, "address", "Validators", Kind::Addr)] };

/// The authorizations an authz grant may hold (SDK v0.50 `authz.proto`,
/// `bank/v1beta1/authz.proto`, `staking/v1beta1/authz.proto`); any other is refused.
/// Shown by [`View::AuthzGrant`].
pub static AUTHORIZATIONS: [MsgSchema; 3] = [
    msg(
        GENERIC_AUTHORIZATION,
        "cosmos-sdk/GenericAuthorization",
        "Generic",
        &[one(1, "msg", "Message", Kind::Str)],
    ),
    // spend_limit: non-nullable Coins with `dont_omitempty` and `legacy_coins`.
    msg(
        SEND_AUTHORIZATION,
        "cosmos-sdk/SendAuthorization",
        "Send",
        &[
            many_legacy_coins(1, "spend_limit", "Spend limit", Kind::Coin),
            many(2, "allow_list", "Allowed recipients", Kind::Addr),
        ],
    ),
    // max_tokens: a nullable Coin (left out when unset: no limit); the validators oneof
    // with its `amino.oneof_name`s.
    msg(
        STAKE_AUTHORIZATION,
        "cosmos-sdk/StakeAuthorization",
        "Stake",
        &[
            one(1, "max_tokens", "Max tokens", Kind::OptCoin),
            one(
                2,
                "allow_list",
                "Allowed validators",
                Kind::OneOf(&OneOfMember {
                    group: "validators",
                    amino_type: "cosmos-sdk/StakeAuthorization/AllowList",
                    sub: &STAKE_VALIDATORS,
                }),
            ),
            one(
                3,
                "deny_list",
                "Denied validators",
                Kind::OneOf(&OneOfMember {
                    group: "validators",
                    amino_type: "cosmos-sdk/StakeAuthorization/DenyList",
                    sub: &STAKE_VALIDATORS,
                }),
            ),
            one(4, "authorization_type", "Type", Kind::Enum(&STAKE_AUTHORIZATION_TYPES)),
        ],
    ),
];

/// authz `Grant`: the authorization (an `Any`) and its expiration (nullable `stdtime`).
pub static AUTHZ_GRANT: Nested = Nested {
    name: "Grant",
    fields: &[
        one(
            1,
            "authorization",
            "Authorization",
            Kind::AnyOf(&AnyList {
                types: &AUTHORIZATIONS,
                unknown: crate::error::Error::UnsupportedAuthorization,
            }),
        ),
        one(2, "expiration", "Expiration", Kind::Timestamp),
    ],
};

// ---------------------------------------------------------------- fee allowances

pub const BASIC_ALLOWANCE: &str = "/cosmos.feegrant.v1beta1.BasicAllowance";
pub const PERIODIC_ALLOWANCE: &str = "/cosmos.feegrant.v1beta1.PeriodicAllowance";
pub const ALLOWED_MSG_ALLOWANCE: &str = "/cosmos.feegrant.v1beta1.AllowedMsgAllowance";

/// feegrant `BasicAllowance` (SDK v0.50 `feegrant.proto`): the spend limit (Coins with
/// `dont_omitempty` and `legacy_coins`; empty means no limit) and a nullable expiration.
static BASIC_ALLOWANCE_FIELDS: [Field; 2] = [
    many_legacy_coins(1, "spend_limit", "Spend limit", Kind::Coin),
    one(2, "expiration", "Expiration", Kind::Timestamp),
];
static BASIC_ALLOWANCE_NESTED: Nested =
    Nested { name: "BasicAllowance", fields: &BASIC_ALLOWANCE_FIELDS };

/// feegrant `PeriodicAllowance`: basic, period and period_reset non-nullable with
/// dont_omitempty; the period limits Coins with `dont_omitempty` and `legacy_coins`.
static PERIODIC_ALLOWANCE_FIELDS: [Field; 5] = [
    one_always(1, "basic", "Basic", Kind::Msg(&BASIC_ALLOWANCE_NESTED)),
    one_always(2, "period", "Period", Kind::Duration),
    many_legacy_coins(3, "period_spend_limit", "Period limit", Kind::Coin),
    many_legacy_coins(4, "period_can_spend", "Left this period", Kind::Coin),
    one_always(5, "period_reset", "Period reset", Kind::Timestamp),
];

/// The allowances an allowed-message allowance may wrap: basic and periodic (not
/// another allowed-message allowance).
pub static BASIC_OR_PERIODIC: [MsgSchema; 2] = [
    msg(BASIC_ALLOWANCE, "cosmos-sdk/BasicAllowance", "Basic", &BASIC_ALLOWANCE_FIELDS),
    msg(PERIODIC_ALLOWANCE, "cosmos-sdk/PeriodicAllowance", "Periodic", &PERIODIC_ALLOWANCE_FIELDS),
];

/// The allowances a fee grant may hold (those two, and an allowed-message allowance
/// around one of them); any other is refused. Shown by [`View::FeeGrant`].
pub static ALLOWANCES: [MsgSchema; 3] = [
    msg(BASIC_ALLOWANCE, "cosmos-sdk/BasicAllowance", "Basic", &BASIC_ALLOWANCE_FIELDS),
    msg(PERIODIC_ALLOWANCE, "cosmos-sdk/PeriodicAllowance", "Periodic", &PERIODIC_ALLOWANCE_FIELDS),
    msg(
        ALLOWED_MSG_ALLOWANCE,
        "cosmos-sdk/AllowedMsgAllowance",
        "Allowed messages",
        &[
            one(
                1,
                "allowance",
                "Allowance",
                Kind::AnyOf(&AnyList {
                    types: &BASIC_OR_PERIODIC,
                    unknown: crate::error::Error::UnsupportedAllowance,
                }),
            ),
            many(2, "allowed_messages", "Allowed messages", Kind::Str),
        ],
    ),
];

// ---------------------------------------------------------------- shapes shared by several messages

const SENDER_OPERATOR: &[Field] =
    &[one(1, "sender", "Sender", Kind::Signer), one(2, "operator_id", "Operator", OPERATOR)];
const SENDER_SERVICE: &[Field] =
    &[one(1, "sender", "Sender", Kind::Signer), one(2, "service_id", "Service", SERVICE)];
const OPERATOR_SERVICE: &[Field] = &[
    one(1, "sender", "Sender", Kind::Signer),
    one(2, "operator_id", "Operator", OPERATOR),
    one(3, "service_id", "Service", SERVICE),
];
const SERVICE_OPERATOR: &[Field] = &[
    one(1, "sender", "Sender", Kind::Signer),
    one(2, "service_id", "Service", SERVICE),
    one(3, "operator_id", "Operator", OPERATOR),
];
const SERVICE_POOL: &[Field] = &[
    one(1, "sender", "Sender", Kind::Signer),
    one(2, "service_id", "Service", SERVICE),
    one(3, "pool_id", "Pool", POOL),
];
const VOTE_V1BETA1: &[Field] = &[
    one(1, "proposal_id", "Proposal", PROPOSAL),
    one(2, "voter", "Voter", Kind::Signer),
    one(3, "option", "Vote", Kind::Enum(&VOTE_OPTIONS)),
];
const DELEGATOR_VALIDATOR: &[Field] = &[
    one(1, "delegator_address", "Delegator", Kind::Signer),
    one(2, "validator_address", "Validator", Kind::Addr),
];
const DELEGATOR_VALIDATOR_AMOUNT: &[Field] = &[
    one(1, "delegator_address", "Delegator", Kind::Signer),
    one(2, "validator_address", "Validator", Kind::Addr),
    one_always(3, "amount", "Amount", Kind::Coin),
];

const fn msg(
    type_url: &'static str,
    amino_name: &'static str,
    title: &'static str,
    fields: &'static [Field],
) -> MsgSchema {
    MsgSchema { type_url, amino_name, title, fields, view: View::Generic }
}

const fn msg_view(
    type_url: &'static str,
    amino_name: &'static str,
    title: &'static str,
    fields: &'static [Field],
    view: View,
) -> MsgSchema {
    MsgSchema { type_url, amino_name, title, fields, view }
}

// ---------------------------------------------------------------- the catalog

pub static MESSAGES: &[MsgSchema] = &[
    // ---- milkyway.restaking.v1
    msg(
        "/milkyway.restaking.v1.MsgDelegatePool",
        "milkyway/MsgDelegatePool",
        "Restake to pool",
        &[one(1, "delegator", "Delegator", Kind::Signer), one(2, "amount", "Amount", Kind::Coin)],
    ),
    msg(
        "/milkyway.restaking.v1.MsgDelegateOperator",
        "milkyway/MsgDelegateOperator",
        "Restake to operator",
        &[
            one(1, "delegator", "Delegator", Kind::Signer),
            one(2, "operator_id", "Operator", OPERATOR),
            many(3, "amount", "Amount", Kind::Coin),
        ],
    ),
    msg(
        "/milkyway.restaking.v1.MsgDelegateService",
        "milkyway/MsgDelegateService",
        "Restake to service",
        &[
            one(1, "delegator", "Delegator", Kind::Signer),
            one(2, "service_id", "Service", SERVICE),
            many(3, "amount", "Amount", Kind::Coin),
        ],
    ),
    msg(
        "/milkyway.restaking.v1.MsgUndelegatePool",
        "milkyway/MsgUndelegatePool",
        "Unrestake from pool",
        &[
            one(1, "delegator", "Delegator", Kind::Signer),
            one_always(2, "amount", "Amount", Kind::Coin),
        ],
    ),
    msg(
        "/milkyway.restaking.v1.MsgUndelegateOperator",
        "milkyway/MsgUndelegateOperator",
        "Unrestake from operator",
        &[
            one(1, "delegator", "Delegator", Kind::Signer),
            one(2, "operator_id", "Operator", OPERATOR),
            many_always(3, "amount", "Amount", Kind::Coin),
        ],
    ),
    msg(
        "/milkyway.restaking.v1.MsgUndelegateService",
        "milkyway/MsgUndelegateService",
        "Unrestake from service",
        &[
            one(1, "delegator", "Delegator", Kind::Signer),
            one(2, "service_id", "Service", SERVICE),
            many_always(3, "amount", "Amount", Kind::Coin),
        ],
    ),
    msg_view(
        "/milkyway.restaking.v1.MsgSetUserPreferences",
        "milkyway/MsgSetUserPreferences",
        "Trust services",
        &[
            one(1, "user", "User", Kind::Signer),
            one(2, "preferences", "Preferences", Kind::Msg(&USER_PREFERENCES)),
        ],
        View::UserPreferences,
    ),
    msg(
        "/milkyway.restaking.v1.MsgJoinService",
        "milkyway/MsgJoinService",
        "Operator joins service",
        OPERATOR_SERVICE,
    ),
    msg(
        "/milkyway.restaking.v1.MsgLeaveService",
        "milkyway/MsgLeaveService",
        "Operator leaves service",
        OPERATOR_SERVICE,
    ),
    msg(
        "/milkyway.restaking.v1.MsgAddOperatorToAllowList",
        "milkyway/MsgAddOperatorToAllowList",
        "Allow operator",
        SERVICE_OPERATOR,
    ),
    msg(
        "/milkyway.restaking.v1.MsgRemoveOperatorFromAllowlist",
        "milkyway/MsgRemoveOperatorFromAllowlist",
        "Disallow operator",
        SERVICE_OPERATOR,
    ),
    msg(
        "/milkyway.restaking.v1.MsgBorrowPoolSecurity",
        "milkyway/MsgBorrowPoolSecurity",
        "Borrow pool security",
        SERVICE_POOL,
    ),
    msg(
        "/milkyway.restaking.v1.MsgCeasePoolSecurityBorrow",
        "milkyway/MsgCeasePoolSecurityBorrow",
        "Stop borrowing pool security",
        SERVICE_POOL,
    ),
    // ---- milkyway.rewards.v1
    msg_view(
        "/milkyway.rewards.v1.MsgWithdrawDelegatorReward",
        "milkyway/MsgWithdrawDelegatorReward",
        "Claim restaking rewards",
        &[
            one(1, "delegator_address", "Delegator", Kind::Signer),
            one(2, "delegation_type", "Target type", Kind::Enum(&DELEGATION_TYPES)),
            one(3, "delegation_target_id", "Target", Kind::U32),
        ],
        View::RestakingRewards,
    ),
    msg(
        "/milkyway.rewards.v1.MsgSetWithdrawAddress",
        "milkyway/MsgSetWithdrawAddress",
        "Set rewards address",
        &[
            one(1, "sender", "Sender", Kind::Signer),
            one(2, "withdraw_address", "Rewards to", Kind::Addr),
        ],
    ),
    msg(
        "/milkyway.rewards.v1.MsgWithdrawOperatorCommission",
        "milkyway/MsgWithdrawOperatorCommission",
        "Claim operator commission",
        SENDER_OPERATOR,
    ),
    // milkyway proto/milkyway/rewards/v1/messages.proto: amount, the times and the three
    // distributions are non-nullable (always on the wire and in Amino JSON); no field has
    // dont_omitempty. `amount` is the amount per day (x/rewards `NewRewardsPlan`).
    msg_view(
        "/milkyway.rewards.v1.MsgCreateRewardsPlan",
        "milkyway/MsgCreateRewardsPlan",
        "Create rewards plan",
        &[
            one(1, "sender", "Sender", Kind::Signer),
            one(2, "description", "Description", Kind::Str),
            one(3, "service_id", "Service", SERVICE),
            one(4, "amount", "Amount per day", Kind::Coin),
            one(5, "start_time", "Start", Kind::Timestamp),
            one(6, "end_time", "End", Kind::Timestamp),
            one(7, "pools_distribution", "Pools", Kind::Msg(&DISTRIBUTION)),
            one(8, "operators_distribution", "Operators", Kind::Msg(&DISTRIBUTION)),
            one(9, "users_distribution", "Users", Kind::Msg(&USERS_DISTRIBUTION)),
            many(10, "fee_amount", "Creation fee", Kind::Coin),
        ],
        View::RewardsPlan,
    ),
    msg_view(
        "/milkyway.rewards.v1.MsgEditRewardsPlan",
        "milkyway/MsgEditRewardsPlan",
        "Edit rewards plan",
        &[
            one(1, "sender", "Sender", Kind::Signer),
            one(2, "id", "Plan", Kind::Id64(IdKind::RewardsPlan)),
            one(3, "description", "Description", Kind::Str),
            one(4, "amount", "Amount per day", Kind::Coin),
            one(5, "start_time", "Start", Kind::Timestamp),
            one(6, "end_time", "End", Kind::Timestamp),
            one(7, "pools_distribution", "Pools", Kind::Msg(&DISTRIBUTION)),
            one(8, "operators_distribution", "Operators", Kind::Msg(&DISTRIBUTION)),
            one(9, "users_distribution", "Users", Kind::Msg(&USERS_DISTRIBUTION)),
        ],
        View::RewardsPlan,
    ),
    // ---- milkyway.liquidvesting.v1
    msg(
        "/milkyway.liquidvesting.v1.MsgWithdrawInsuranceFund",
        "milkyway/MsgWithdrawInsuranceFund",
        "Withdraw insurance fund",
        &[one(1, "sender", "Sender", Kind::Signer), many(2, "amount", "Amount", Kind::Coin)],
    ),
    // ---- milkyway.operators.v1
    msg(
        "/milkyway.operators.v1.MsgRegisterOperator",
        "milkyway/MsgRegisterOperator",
        "Register operator",
        &[
            one(1, "sender", "Sender", Kind::Signer),
            one(2, "moniker", "Name", Kind::Str),
            one(3, "website", "Website", Kind::Str),
            one(4, "picture_url", "Picture URL", Kind::Str),
            many(5, "fee_amount", "Registration fee", Kind::Coin),
        ],
    ),
    msg(
        "/milkyway.operators.v1.MsgUpdateOperator",
        "milkyway/MsgUpdateOperator",
        "Update operator",
        &[
            one(1, "sender", "Sender", Kind::Signer),
            one(2, "operator_id", "Operator", OPERATOR),
            one(3, "moniker", "Name", Kind::StrKeep),
            one(4, "website", "Website", Kind::StrKeep),
            one(5, "picture_url", "Picture URL", Kind::StrKeep),
        ],
    ),
    msg(
        "/milkyway.operators.v1.MsgDeactivateOperator",
        "milkyway/MsgDeactivateOperator",
        "Deactivate operator",
        SENDER_OPERATOR,
    ),
    msg(
        "/milkyway.operators.v1.MsgReactivateOperator",
        "milkyway/MsgReactivateOperator",
        "Reactivate operator",
        SENDER_OPERATOR,
    ),
    msg(
        "/milkyway.operators.v1.MsgDeleteOperator",
        "milkyway/MsgDeleteOperator",
        "Delete operator",
        SENDER_OPERATOR,
    ),
    msg(
        "/milkyway.operators.v1.MsgSetOperatorParams",
        "milkyway/MsgSetOperatorParams",
        "Set operator params",
        &[
            one(1, "sender", "Sender", Kind::Signer),
            one(2, "operator_id", "Operator", OPERATOR),
            one(3, "params", "Params", Kind::Msg(&OPERATOR_PARAMS)),
        ],
    ),
    msg(
        "/milkyway.operators.v1.MsgTransferOperatorOwnership",
        "milkyway/MsgTransferOperatorOwnership",
        "Transfer operator ownership",
        &[
            one(1, "sender", "Sender", Kind::Signer),
            one(2, "operator_id", "Operator", OPERATOR),
            one(3, "new_admin", "New admin", Kind::Addr),
        ],
    ),
    // ---- milkyway.services.v1
    msg(
        "/milkyway.services.v1.MsgCreateService",
        "milkyway/services/MsgCreateService",
        "Create service",
        &[
            one(1, "sender", "Sender", Kind::Signer),
            one(2, "name", "Name", Kind::Str),
            one(3, "description", "Description", Kind::Str),
            one(4, "website", "Website", Kind::Str),
            one(5, "picture_url", "Picture URL", Kind::Str),
            many(6, "fee_amount", "Registration fee", Kind::Coin),
        ],
    ),
    msg(
        "/milkyway.services.v1.MsgUpdateService",
        "milkyway/services/MsgUpdateService",
        "Update service",
        &[
            one(1, "sender", "Sender", Kind::Signer),
            one(2, "service_id", "Service", SERVICE),
            one(3, "name", "Name", Kind::StrKeep),
            one(4, "description", "Description", Kind::StrKeep),
            one(5, "website", "Website", Kind::StrKeep),
            one(6, "picture_url", "Picture URL", Kind::StrKeep),
        ],
    ),
    msg(
        "/milkyway.services.v1.MsgActivateService",
        "milkyway/MsgActivateService",
        "Activate service",
        SENDER_SERVICE,
    ),
    msg(
        "/milkyway.services.v1.MsgDeactivateService",
        "milkyway/MsgDeactivateService",
        "Deactivate service",
        SENDER_SERVICE,
    ),
    msg(
        "/milkyway.services.v1.MsgDeleteService",
        "milkyway/MsgDeleteService",
        "Delete service",
        SENDER_SERVICE,
    ),
    msg(
        "/milkyway.services.v1.MsgTransferServiceOwnership",
        "milkyway/MsgTransferServiceOwnership",
        "Transfer service ownership",
        &[
            one(1, "sender", "Sender", Kind::Signer),
            one(2, "service_id", "Service", SERVICE),
            one(3, "new_admin", "New admin", Kind::Addr),
        ],
    ),
    msg(
        "/milkyway.services.v1.MsgSetServiceParams",
        "milkyway/MsgSetServiceParams",
        "Set service params",
        &[
            one(1, "sender", "Sender", Kind::Signer),
            one(2, "service_id", "Service", SERVICE),
            one(3, "service_params", "Params", Kind::Msg(&SERVICE_PARAMS)),
        ],
    ),
    // ---- cosmos.bank.v1beta1
    msg_view(
        "/cosmos.bank.v1beta1.MsgSend",
        "cosmos-sdk/MsgSend",
        "Send",
        &[
            one(1, "from_address", "From", Kind::Signer),
            one(2, "to_address", "To", Kind::Addr),
            many_legacy_coins(3, "amount", "Amount", Kind::Coin),
        ],
        View::Send,
    ),
    // ---- cosmos.staking.v1beta1
    msg(
        "/cosmos.staking.v1beta1.MsgDelegate",
        "cosmos-sdk/MsgDelegate",
        "Delegate",
        DELEGATOR_VALIDATOR_AMOUNT,
    ),
    msg(
        "/cosmos.staking.v1beta1.MsgUndelegate",
        "cosmos-sdk/MsgUndelegate",
        "Undelegate",
        DELEGATOR_VALIDATOR_AMOUNT,
    ),
    msg(
        "/cosmos.staking.v1beta1.MsgBeginRedelegate",
        "cosmos-sdk/MsgBeginRedelegate",
        "Redelegate",
        &[
            one(1, "delegator_address", "Delegator", Kind::Signer),
            one(2, "validator_src_address", "From validator", Kind::Addr),
            one(3, "validator_dst_address", "To validator", Kind::Addr),
            one_always(4, "amount", "Amount", Kind::Coin),
        ],
    ),
    msg(
        "/cosmos.staking.v1beta1.MsgCancelUnbondingDelegation",
        "cosmos-sdk/MsgCancelUnbondingDelegation",
        "Cancel unbonding",
        &[
            one(1, "delegator_address", "Delegator", Kind::Signer),
            one(2, "validator_address", "Validator", Kind::Addr),
            one_always(3, "amount", "Amount", Kind::Coin),
            one(4, "creation_height", "Unbonding height", Kind::I64),
        ],
    ),
    // ---- cosmos.distribution.v1beta1
    msg(
        "/cosmos.distribution.v1beta1.MsgWithdrawDelegatorReward",
        "cosmos-sdk/MsgWithdrawDelegationReward",
        "Claim staking rewards",
        DELEGATOR_VALIDATOR,
    ),
    msg(
        "/cosmos.distribution.v1beta1.MsgSetWithdrawAddress",
        "cosmos-sdk/MsgModifyWithdrawAddress",
        "Set rewards address",
        &[
            one(1, "delegator_address", "Delegator", Kind::Signer),
            one(2, "withdraw_address", "Rewards to", Kind::Addr),
        ],
    ),
    msg(
        "/cosmos.distribution.v1beta1.MsgWithdrawValidatorCommission",
        "cosmos-sdk/MsgWithdrawValCommission",
        "Claim validator commission",
        &[one(1, "validator_address", "Validator", Kind::Addr)],
    ),
    // ---- cosmos.gov.v1
    msg(
        "/cosmos.gov.v1.MsgVote",
        "cosmos-sdk/v1/MsgVote",
        "Vote",
        &[
            one_always(1, "proposal_id", "Proposal", PROPOSAL),
            one(2, "voter", "Voter", Kind::Signer),
            one(3, "option", "Vote", Kind::Enum(&VOTE_OPTIONS)),
            one(4, "metadata", "Metadata", Kind::Str),
        ],
    ),
    msg_view(
        "/cosmos.gov.v1.MsgVoteWeighted",
        "cosmos-sdk/v1/MsgVoteWeighted",
        "Weighted vote",
        &[
            one_always(1, "proposal_id", "Proposal", PROPOSAL),
            one(2, "voter", "Voter", Kind::Signer),
            many(3, "options", "Options", Kind::Msg(&WEIGHTED_OPTION_V1)),
            one(4, "metadata", "Metadata", Kind::Str),
        ],
        View::WeightedVote,
    ),
    msg(
        "/cosmos.gov.v1.MsgDeposit",
        "cosmos-sdk/v1/MsgDeposit",
        "Deposit",
        &[
            one_always(1, "proposal_id", "Proposal", PROPOSAL),
            one(2, "depositor", "Depositor", Kind::Signer),
            many_always(3, "amount", "Amount", Kind::Coin),
        ],
    ),
    // ---- cosmos.gov.v1beta1
    // proposal_id of MsgVoteWeighted and MsgDeposit, the weighted options and the deposit
    // amount carry `dont_omitempty` (and the amount `legacy_coins`) in SDK v0.50's
    // gov/v1beta1/tx.proto; MsgVote.proposal_id does not.
    msg("/cosmos.gov.v1beta1.MsgVote", "cosmos-sdk/MsgVote", "Vote", VOTE_V1BETA1),
    msg_view(
        "/cosmos.gov.v1beta1.MsgVoteWeighted",
        "cosmos-sdk/MsgVoteWeighted",
        "Weighted vote",
        &[
            one_always(1, "proposal_id", "Proposal", PROPOSAL),
            one(2, "voter", "Voter", Kind::Signer),
            many_always(3, "options", "Options", Kind::Msg(&WEIGHTED_OPTION_V1BETA1)),
        ],
        View::WeightedVote,
    ),
    msg(
        "/cosmos.gov.v1beta1.MsgDeposit",
        "cosmos-sdk/MsgDeposit",
        "Deposit",
        &[
            one_always(1, "proposal_id", "Proposal", PROPOSAL),
            one(2, "depositor", "Depositor", Kind::Signer),
            many_legacy_coins(3, "amount", "Amount", Kind::Coin),
        ],
    ),
    // ---- cosmos.authz.v1beta1
    msg_view(
        "/cosmos.authz.v1beta1.MsgExec",
        "cosmos-sdk/MsgExec",
        "Execute as grantee",
        &[one(1, "grantee", "Grantee", Kind::Signer), many(2, "msgs", "Messages", Kind::AnyMsg)],
        View::AuthzExec,
    ),
    msg_view(
        "/cosmos.authz.v1beta1.MsgGrant",
        "cosmos-sdk/MsgGrant",
        "Grant authorization",
        &[
            one(1, "granter", "Granter", Kind::Signer),
            one(2, "grantee", "Grantee", Kind::Addr),
            one_always(3, "grant", "Grant", Kind::Msg(&AUTHZ_GRANT)),
        ],
        View::AuthzGrant,
    ),
    msg_view(
        "/cosmos.authz.v1beta1.MsgRevoke",
        "cosmos-sdk/MsgRevoke",
        "Revoke authorization",
        &[
            one(1, "granter", "Granter", Kind::Signer),
            one(2, "grantee", "Grantee", Kind::Addr),
            one(3, "msg_type_url", "Message", Kind::Str),
        ],
        View::AuthzRevoke,
    ),
    // ---- cosmos.feegrant.v1beta1
    msg_view(
        "/cosmos.feegrant.v1beta1.MsgGrantAllowance",
        "cosmos-sdk/MsgGrantAllowance",
        "Grant fee allowance",
        &[
            one(1, "granter", "Granter", Kind::Signer),
            one(2, "grantee", "Grantee", Kind::Addr),
            one(
                3,
                "allowance",
                "Allowance",
                Kind::AnyOf(&AnyList {
                    types: &ALLOWANCES,
                    unknown: crate::error::Error::UnsupportedAllowance,
                }),
            ),
        ],
        View::FeeGrant,
    ),
    msg(
        "/cosmos.feegrant.v1beta1.MsgRevokeAllowance",
        "cosmos-sdk/MsgRevokeAllowance",
        "Revoke fee allowance",
        &[one(1, "granter", "Granter", Kind::Signer), one(2, "grantee", "Grantee", Kind::Addr)],
    ),
    // ---- cosmos.staking.v1beta1 (validators) and cosmos.slashing.v1beta1
    // SDK v0.50 staking/v1beta1/tx.proto: description and commission non-nullable with
    // dont_omitempty, min_self_delegation a cosmos.Int with dont_omitempty, the deprecated
    // delegator_address, the consensus key an Any, the self-delegation a Coin.
    msg_view(
        "/cosmos.staking.v1beta1.MsgCreateValidator",
        "cosmos-sdk/MsgCreateValidator",
        "Create validator",
        &[
            one_always(1, "description", "Description", Kind::Msg(&VALIDATOR_DESCRIPTION)),
            one_always(2, "commission", "Commission", Kind::Msg(&COMMISSION_RATES)),
            one_always(3, "min_self_delegation", "Min self delegation", Kind::StakeInt),
            one(4, "delegator_address", "Delegator", Kind::Signer),
            one(5, "validator_address", "Validator", Kind::Addr),
            one(6, "pubkey", "Consensus key", Kind::ConsPubKey),
            one_always(7, "value", "Self delegation", Kind::Coin),
        ],
        View::CreateValidator,
    ),
    // commission_rate: a nullable LegacyDec (`cosmos.Dec`), min_self_delegation a
    // nullable cosmos.Int: left out means "keep the current value".
    msg_view(
        "/cosmos.staking.v1beta1.MsgEditValidator",
        "cosmos-sdk/MsgEditValidator",
        "Edit validator",
        &[
            one_always(1, "description", "Description", Kind::Msg(&VALIDATOR_DESCRIPTION)),
            one(2, "validator_address", "Validator", Kind::Addr),
            one(3, "commission_rate", "Commission rate", Kind::Rate18),
            one(4, "min_self_delegation", "Min self delegation", Kind::StakeInt),
        ],
        View::EditValidator,
    ),
    // slashing/v1beta1/tx.proto: `validator_addr` is `address` in Amino JSON
    // (`amino.field_name`), with dont_omitempty.
    msg(
        "/cosmos.slashing.v1beta1.MsgUnjail",
        "cosmos-sdk/MsgUnjail",
        "Unjail validator",
        &[one_always(1, "address", "Validator", Kind::Addr)],
    ),
    // ---- ibc.applications.transfer.v1
    msg_view(
        "/ibc.applications.transfer.v1.MsgTransfer",
        "cosmos-sdk/MsgTransfer",
        "IBC transfer",
        &[
            one(1, "source_port", "Source port", Kind::Str),
            one(2, "source_channel", "Source channel", Kind::Str),
            one_always(3, "token", "Amount", Kind::Coin),
            one(4, "sender", "From", Kind::Signer),
            one(5, "receiver", "To", Kind::Addr),
            one_always(6, "timeout_height", "Timeout height", Kind::Msg(&IBC_HEIGHT)),
            one(7, "timeout_timestamp", "Timeout", Kind::U64),
            one(8, "memo", "IBC memo", Kind::Str),
        ],
        View::IbcTransfer,
    ),
    // ---- hyperlane.warp.v1 (hyperlane-cosmos v1.0.0-rc0 proto/hyperlane/warp/v1/tx.proto):
    // token_id, recipient and custom_hook_id are `util.HexAddress` strings; amount is a
    // `cosmos.Int` with dont_omitempty (x/tx writes "0" when empty); gas_limit a
    // `math.Int` without the scalar (a plain string); max_fee a non-nullable Coin with
    // dont_omitempty.
    msg_view(
        "/hyperlane.warp.v1.MsgRemoteTransfer",
        "hyperlane/warp/v1/MsgRemoteTransfer",
        "Bridge with Hyperlane",
        &[
            one(1, "sender", "From", Kind::Signer),
            one(2, "token_id", "Token", Kind::HexAddress),
            one(3, "destination_domain", "Destination", Kind::U32),
            one(4, "recipient", "To", Kind::HexAddress),
            // hyperlane-cosmos `proto/hyperlane/warp/v1/tx.proto`: `amount` has the
            // `cosmos.Int` scalar, `gas_limit` does not.
            one_always(5, "amount", "Amount", Kind::Int { cosmos_scalar: true }),
            one(6, "custom_hook_id", "Custom hook", Kind::HexAddress),
            one(7, "gas_limit", "Gas limit", Kind::Int { cosmos_scalar: false }),
            one_always(8, "max_fee", "Max fee", Kind::Coin),
            one(9, "custom_hook_metadata", "Hook metadata", Kind::Str),
        ],
        View::HyperlaneTransfer,
    ),
    // ---- cosmwasm.wasm.v1
    msg_view(
        "/cosmwasm.wasm.v1.MsgExecuteContract",
        "wasm/MsgExecuteContract",
        "Execute contract",
        &[
            one(1, "sender", "Sender", Kind::Signer),
            one(2, "contract", "Contract", Kind::Addr),
            one(3, "msg", "Message", Kind::InlineJson),
            many_legacy_coins(5, "funds", "Funds", Kind::Coin),
        ],
        View::ExecuteContract,
    ),
];

/// The fields whose Amino JSON key is not their proto name (`amino.field_name`): the
/// message's proto name, the field number and the proto field name. SIGN_MODE_TEXTUAL
/// titles are made from proto names ([`proto_field_name`]).
pub static AMINO_RENAMED_FIELDS: &[(&str, u32, &str)] = &[("MsgUnjail", 1, "validator_addr")];

/// The proto name of field `f` of the message named `message` (its Amino key, unless
/// [`AMINO_RENAMED_FIELDS`] lists it).
pub fn proto_field_name(message: &str, f: &Field) -> &'static str {
    AMINO_RENAMED_FIELDS
        .iter()
        .find(|(m, n, _)| *m == message && *n == f.number)
        .map_or(f.key, |(_, _, proto)| proto)
}

/// Looks a message up by its protobuf type URL.
pub fn by_type_url(type_url: &crate::text::Text<'_>) -> Option<&'static MsgSchema> {
    MESSAGES.iter().find(|m| type_url.eq_str(m.type_url))
}

/// Looks a message up by its Amino name.
pub fn by_amino_name(name: &crate::text::Text<'_>) -> Option<&'static MsgSchema> {
    MESSAGES.iter().find(|m| name.eq_str(m.amino_name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_fields_well_formed() {
        for (i, a) in MESSAGES.iter().enumerate() {
            assert!(a.type_url.starts_with('/'), "{}", a.type_url);
            for b in MESSAGES.iter().skip(i + 1) {
                assert_ne!(a.type_url, b.type_url);
                assert_ne!(a.amino_name, b.amino_name, "{} / {}", a.type_url, b.type_url);
            }
            check_fields(a.fields);
        }
        for a in AUTHORIZATIONS.iter().chain(&ALLOWANCES) {
            check_fields(a.fields);
            assert!(by_type_url(&crate::text::Text::Plain(a.type_url)).is_none());
        }
    }

    fn check_fields(fields: &[Field]) {
        for (i, f) in fields.iter().enumerate() {
            for g in fields.iter().skip(i + 1) {
                assert_ne!(f.number, g.number);
                assert!(f.key < g.key || f.number < g.number);
            }
            if let Kind::Msg(sub) = f.kind {
                check_fields(sub.fields);
            }
        }
    }

    #[test]
    fn proto_amino_names_not_go_names() {
        let t = |url: &str| MESSAGES.iter().find(|m| m.type_url == url).unwrap().amino_name;
        assert_eq!(
            t("/milkyway.services.v1.MsgCreateService"),
            "milkyway/services/MsgCreateService"
        );
        assert_eq!(
            t("/milkyway.services.v1.MsgUpdateService"),
            "milkyway/services/MsgUpdateService"
        );
        assert_eq!(
            t("/cosmos.distribution.v1beta1.MsgWithdrawDelegatorReward"),
            "cosmos-sdk/MsgWithdrawDelegationReward"
        );
        assert_eq!(
            t("/cosmos.distribution.v1beta1.MsgSetWithdrawAddress"),
            "cosmos-sdk/MsgModifyWithdrawAddress"
        );
        assert_eq!(t("/cosmos.gov.v1.MsgVote"), "cosmos-sdk/v1/MsgVote");
    }
}
