//! Every message the MilkyWay device clear-signs, as typed builders with their protobuf
//! (`to_any`) and x/tx amino-JSON (`to_amino_json`) forms.
//!
//! * MilkyWay's own modules ([`restaking`], [`rewards`], [`liquidvesting`], [`operators`],
//!   [`services`]) are `prost` structs written here from the field catalog
//!   (`shared/spec/milkyway-messages.md` §2).
//! * Standard Cosmos messages ([`cosmos`]) and wasm `MsgExecuteContract` ([`wasm`]) are the
//!   `cosmos-sdk-proto` types cosmrs is built on; IBC `MsgTransfer` ([`ibc`]) is written
//!   here (cosmos-sdk-proto has no IBC types).
//! * A message's wire form is described once, in the device's catalog
//!   (`milkyway_core::catalog`): its amino name, field numbers and names, kinds and
//!   omit-empty rules. [`amino`] walks it to turn the protobuf bytes into x/tx's Amino
//!   JSON and back, so the host and the device agree by construction. Adding a message:
//!   its catalog entry, its prost struct (with `proto_msg!` or [`schema`]'s `msg_type!`),
//!   its variant in [`Msg`], and its test vectors.

pub mod amino;
pub mod cosmrs_msg;
pub mod schema;

pub mod cosmos;
pub mod hyperlane;
pub mod ibc;
pub mod liquidvesting;
pub mod operators;
pub mod restaking;
pub mod rewards;
pub mod services;
pub mod wasm;

#[cfg(test)]
mod tests;

use crate::amino_json::Json;

pub use cosmos_sdk_proto::cosmos::base::v1beta1::Coin;
pub use cosmos_sdk_proto::Any;

/// Errors building, encoding or decoding messages.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MsgError {
    #[error("invalid message: {0}")]
    Invalid(String),
    #[error("amino JSON field {field:?} must be {expected}")]
    AminoField { field: String, expected: String },
    #[error("{message} has no field {field:?}")]
    UnknownField { message: String, field: String },
    #[error("unknown message type {0:?}")]
    UnknownType(String),
    #[error("cannot decode protobuf message {0}")]
    Decode(String),
    #[error("authz MsgExec nested deeper than {0} levels")]
    TooDeep(usize),
}

/// A message type: its type URL, its proto `amino.name`, and its protobuf encoding.
pub trait MsgType: Sized {
    /// `/package.Message`.
    const TYPE_URL: &'static str;
    /// The proto `option (amino.name)`: the name the chain's x/tx verifier uses.
    const AMINO_NAME: &'static str;
    /// Protobuf bytes (the `value` of the `Any`).
    fn encode_proto(&self) -> Vec<u8>;
    /// Decodes protobuf bytes.
    fn decode_proto(bytes: &[u8]) -> Result<Self, MsgError>;
}

/// A coin: `coin("10500000", "umilk")`.
pub fn coin(amount: impl Into<String>, denom: impl Into<String>) -> Coin {
    Coin { denom: denom.into(), amount: amount.into() }
}

/// Maximum nesting of authz `MsgExec` inside `MsgExec` that we build or decode: the
/// device's (`milkyway_core::msg::MAX_NESTING`), so that every document the device takes
/// can be built and read here. (The device counts a message's own sub-messages too: it
/// may still refuse a deeply nested one, which the offline preview tells.)
pub const MAX_EXEC_DEPTH: usize = milkyway_core::msg::MAX_NESTING;

macro_rules! msg_enum {
    ($( $(#[$doc:meta])* $variant:ident($ty:ty) ),* $(,)?) => {
        /// One message of a transaction.
        #[derive(Clone, Debug, PartialEq)]
        pub enum Msg {
            $( $(#[$doc])* $variant($ty), )*
        }

        impl Msg {
            /// Every supported type URL.
            pub const TYPE_URLS: &'static [&'static str] = &[$( <$ty as MsgType>::TYPE_URL, )*];

            /// The protobuf type URL, e.g. `/milkyway.restaking.v1.MsgDelegatePool`.
            pub fn type_url(&self) -> &'static str {
                match self { $( Msg::$variant(_) => <$ty as MsgType>::TYPE_URL, )* }
            }

            /// The proto amino name, e.g. `milkyway/MsgDelegatePool`.
            pub fn amino_name(&self) -> &'static str {
                match self { $( Msg::$variant(_) => <$ty as MsgType>::AMINO_NAME, )* }
            }

            /// The message packed in a protobuf `Any`, as it goes into `TxBody.messages`.
            pub fn to_any(&self) -> Any {
                match self {
                    $( Msg::$variant(m) => Any { type_url: <$ty as MsgType>::TYPE_URL.to_owned(), value: m.encode_proto() }, )*
                }
            }

            /// The amino `value` object of the message.
            pub fn amino_value(&self) -> Result<Json, MsgError> {
                let j = self.to_amino_json()?;
                Ok(j.get("value").cloned().unwrap_or_else(Json::object))
            }

            /// Decodes a message from its `Any`.
            pub fn from_any(any: &Any) -> Result<Msg, MsgError> {
                $( if any.type_url == <$ty as MsgType>::TYPE_URL {
                    return Ok(Msg::$variant(<$ty as MsgType>::decode_proto(&any.value)?));
                } )*
                Err(MsgError::UnknownType(any.type_url.clone()))
            }

            /// Reads a message from its amino JSON `{"type":…,"value":…}` (walking the
            /// device's catalog: [`amino`]).
            pub fn from_amino_json(v: &Json) -> Result<Msg, MsgError> {
                let (type_url, value) = amino::message_from_amino(v, 0)?;
                Msg::from_any(&Any { type_url: type_url.to_owned(), value })
            }
        }

        impl From<Msg> for Any {
            fn from(m: Msg) -> Any { m.to_any() }
        }

        impl TryFrom<&Any> for Msg {
            type Error = MsgError;
            fn try_from(any: &Any) -> Result<Msg, MsgError> { Msg::from_any(any) }
        }

        $( impl From<$ty> for Msg {
            fn from(m: $ty) -> Msg { Msg::$variant(m) }
        } )*
    };
}

msg_enum! {
    // --- milkyway.restaking.v1
    DelegatePool(restaking::MsgDelegatePool),
    DelegateOperator(restaking::MsgDelegateOperator),
    DelegateService(restaking::MsgDelegateService),
    UndelegatePool(restaking::MsgUndelegatePool),
    UndelegateOperator(restaking::MsgUndelegateOperator),
    UndelegateService(restaking::MsgUndelegateService),
    SetUserPreferences(restaking::MsgSetUserPreferences),
    JoinService(restaking::MsgJoinService),
    LeaveService(restaking::MsgLeaveService),
    AddOperatorToAllowList(restaking::MsgAddOperatorToAllowList),
    RemoveOperatorFromAllowlist(restaking::MsgRemoveOperatorFromAllowlist),
    BorrowPoolSecurity(restaking::MsgBorrowPoolSecurity),
    CeasePoolSecurityBorrow(restaking::MsgCeasePoolSecurityBorrow),
    // --- milkyway.rewards.v1
    RewardsWithdrawDelegatorReward(rewards::MsgWithdrawDelegatorReward),
    RewardsSetWithdrawAddress(rewards::MsgSetWithdrawAddress),
    WithdrawOperatorCommission(rewards::MsgWithdrawOperatorCommission),
    CreateRewardsPlan(rewards::MsgCreateRewardsPlan),
    EditRewardsPlan(rewards::MsgEditRewardsPlan),
    // --- milkyway.liquidvesting.v1
    WithdrawInsuranceFund(liquidvesting::MsgWithdrawInsuranceFund),
    // --- milkyway.operators.v1
    RegisterOperator(operators::MsgRegisterOperator),
    UpdateOperator(operators::MsgUpdateOperator),
    DeactivateOperator(operators::MsgDeactivateOperator),
    ReactivateOperator(operators::MsgReactivateOperator),
    DeleteOperator(operators::MsgDeleteOperator),
    SetOperatorParams(operators::MsgSetOperatorParams),
    TransferOperatorOwnership(operators::MsgTransferOperatorOwnership),
    // --- milkyway.services.v1
    CreateService(services::MsgCreateService),
    UpdateService(services::MsgUpdateService),
    ActivateService(services::MsgActivateService),
    DeactivateService(services::MsgDeactivateService),
    DeleteService(services::MsgDeleteService),
    TransferServiceOwnership(services::MsgTransferServiceOwnership),
    SetServiceParams(services::MsgSetServiceParams),
    // --- cosmos.bank / staking / distribution / gov / authz
    Send(cosmos::MsgSend),
    Delegate(cosmos::MsgDelegate),
    Undelegate(cosmos::MsgUndelegate),
    BeginRedelegate(cosmos::MsgBeginRedelegate),
    CancelUnbondingDelegation(cosmos::MsgCancelUnbondingDelegation),
    DistrWithdrawDelegatorReward(cosmos::MsgWithdrawDelegatorReward),
    DistrSetWithdrawAddress(cosmos::MsgSetWithdrawAddress),
    WithdrawValidatorCommission(cosmos::MsgWithdrawValidatorCommission),
    GovVote(cosmos::gov_v1::MsgVote),
    GovVoteWeighted(cosmos::gov_v1::MsgVoteWeighted),
    GovDeposit(cosmos::gov_v1::MsgDeposit),
    GovV1beta1Vote(cosmos::gov_v1beta1::MsgVote),
    GovV1beta1VoteWeighted(cosmos::gov_v1beta1::MsgVoteWeighted),
    GovV1beta1Deposit(cosmos::gov_v1beta1::MsgDeposit),
    Exec(cosmos::MsgExec),
    Grant(cosmos::MsgGrant),
    Revoke(cosmos::MsgRevoke),
    CreateValidator(cosmos::MsgCreateValidator),
    EditValidator(cosmos::MsgEditValidator),
    Unjail(cosmos::MsgUnjail),
    GrantAllowance(cosmos::MsgGrantAllowance),
    RevokeAllowance(cosmos::MsgRevokeAllowance),
    // --- ibc.applications.transfer.v1
    Transfer(ibc::MsgTransfer),
    // --- hyperlane.warp.v1
    RemoteTransfer(hyperlane::MsgRemoteTransfer),
    // --- cosmwasm.wasm.v1
    ExecuteContract(wasm::MsgExecuteContract),
}

impl Msg {
    /// The x/tx amino JSON of the message: `{"type":<amino name>,"value":{…}}`, computed
    /// from its protobuf bytes with the device's catalog ([`amino`]).
    pub fn to_amino_json(&self) -> Result<Json, MsgError> {
        let any = self.to_any();
        amino::message_to_amino(&any.type_url, &any.value, 0)
    }
}
