//! Every message the MilkyWay device clear-signs, as typed builders with their protobuf
//! (`to_any`) and x/tx amino-JSON (`to_amino_json`) forms.
//!
//! * MilkyWay's own modules ([`restaking`], [`rewards`], [`liquidvesting`], [`operators`],
//!   [`services`]) are `prost` structs written here from the field catalog
//!   (`shared/spec/milkyway-messages.md` §2).
//! * Standard Cosmos messages ([`cosmos`]) and wasm `MsgExecuteContract` ([`wasm`]) are the
//!   `cosmos-sdk-proto` types cosmrs is built on; IBC `MsgTransfer` ([`ibc`]) is written
//!   here (cosmos-sdk-proto has no IBC types).
//! * Each message's amino-JSON schema is declared once with the field kinds of
//!   [`schema`], which encode the x/tx rules (omit-empty, `dont_omitempty`, quoted 64-bit
//!   integers, `legacy_coins`, `LegacyDec`, inline JSON).

pub mod cosmrs_msg;
pub mod schema;

pub mod cosmos;
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
pub use schema::AminoValue;

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
pub trait MsgType: AminoValue {
    /// `/package.Message`.
    const TYPE_URL: &'static str;
    /// The proto `option (amino.name)`: the name the chain's x/tx verifier uses.
    const AMINO_NAME: &'static str;
    /// Protobuf bytes (the `value` of the `Any`).
    fn encode_proto(&self) -> Vec<u8>;
    /// Decodes protobuf bytes.
    fn decode_proto(bytes: &[u8]) -> Result<Self, MsgError>;
}

// cosmos.base.v1beta1.Coin: `denom` plain, `amount` a cosmos.Int with dont_omitempty.
schema::amino_schema!(Coin as "Coin" { denom: schema::Str, amount: schema::IntKeep });

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
                match self { $( Msg::$variant(m) => m.to_amino_value(), )* }
            }

            /// Decodes a message from its `Any`.
            pub fn from_any(any: &Any) -> Result<Msg, MsgError> {
                $( if any.type_url == <$ty as MsgType>::TYPE_URL {
                    return Ok(Msg::$variant(<$ty as MsgType>::decode_proto(&any.value)?));
                } )*
                Err(MsgError::UnknownType(any.type_url.clone()))
            }

            /// Reads a message from its amino JSON `{"type":…,"value":…}`.
            pub fn from_amino_json(v: &Json) -> Result<Msg, MsgError> {
                let obj = schema::FieldReader::new(v, "amino message")?;
                obj.finish(&["type", "value"], "amino message")?;
                let name = obj.field("type").and_then(Json::as_str)
                    .ok_or_else(|| MsgError::Invalid("amino message without a \"type\"".into()))?;
                let empty = Json::object();
                let value = obj.field("value").unwrap_or(&empty);
                $( if name == <$ty as MsgType>::AMINO_NAME {
                    return Ok(Msg::$variant(<$ty as AminoValue>::from_amino_value(value)?));
                } )*
                Err(MsgError::UnknownType(name.to_owned()))
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
    // --- ibc.applications.transfer.v1
    Transfer(ibc::MsgTransfer),
    // --- cosmwasm.wasm.v1
    ExecuteContract(wasm::MsgExecuteContract),
}

impl Msg {
    /// The x/tx amino JSON of the message: `{"type":<amino name>,"value":{…}}`.
    pub fn to_amino_json(&self) -> Result<Json, MsgError> {
        Ok(crate::amino_json::ObjectBuilder::new()
            .field("type", Json::str(self.amino_name()))
            .field("value", self.amino_value()?)
            .build())
    }
}
