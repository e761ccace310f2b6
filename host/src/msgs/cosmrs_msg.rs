//! The messages as `cosmrs` messages: every message whose prost struct is written in
//! this crate (MilkyWay's modules, IBC `MsgTransfer`) implements [`cosmrs::tx::Msg`],
//! so it goes into a [`cosmrs::tx::Body`] like any cosmrs message:
//!
//! ```
//! use cosmrs::tx::{Body, Msg as _};
//! use milkyway_ledger::msgs::{coin, restaking::MsgDelegatePool};
//!
//! let restake = MsgDelegatePool {
//!     delegator: "milk1w34k53py5v5xyluazqpq65agyajavep2d6e7j9".into(),
//!     amount: Some(coin("10500000", "umilk")),
//! };
//! let any = restake.to_any()?;
//! assert_eq!(any.type_url, "/milkyway.restaking.v1.MsgDelegatePool");
//! assert_eq!(MsgDelegatePool::from_any(&any)?, restake);
//! let body = Body::new(vec![any], "", 0u32);
//! # assert_eq!(body.messages.len(), 1);
//! # Ok::<(), cosmrs::ErrorReport>(())
//! ```
//!
//! `cosmrs::tx::Msg` wants a protobuf type distinct from the message type (its `Proto`,
//! converted with `TryFrom`/`Into`); a struct cannot be its own `Proto` (the standard
//! `TryFrom<T> for T` has another error type), so the `Proto` of a message `M` here is
//! [`Proto<M>`]: the same struct, encoded the same way, with `M`'s type URL.
//!
//! The standard Cosmos messages are cosmrs' own (`cosmrs::bank::MsgSend`,
//! `cosmrs::staking::MsgDelegate`, `cosmrs::cosmwasm::MsgExecuteContract`…); the
//! liquid-staking contract messages give a `cosmrs::cosmwasm::MsgExecuteContract`
//! ([`super::wasm::StakingContractMsg::to_cosmrs`]), and authz `MsgExec` with typed inner
//! messages is [`super::cosmos::MsgExec`], also a `cosmrs::tx::Msg`.

use prost::bytes::{Buf, BufMut};
use prost::encoding::{DecodeContext, WireType};

/// The protobuf form of a message `M` written in this crate: `cosmrs::tx::Msg::Proto`
/// of `M`. It encodes exactly as `M` and carries `M`'s type URL.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Proto<M>(pub M);

impl<M: prost::Message> prost::Message for Proto<M> {
    fn encode_raw(&self, buf: &mut impl BufMut) {
        self.0.encode_raw(buf)
    }
    fn merge_field(
        &mut self,
        tag: u32,
        wire_type: WireType,
        buf: &mut impl Buf,
        ctx: DecodeContext,
    ) -> Result<(), prost::DecodeError> {
        self.0.merge_field(tag, wire_type, buf, ctx)
    }
    fn encoded_len(&self) -> usize {
        self.0.encoded_len()
    }
    fn clear(&mut self) {
        self.0.clear()
    }
}

impl<M: prost::Message + prost::Name> prost::Name for Proto<M> {
    const NAME: &'static str = M::NAME;
    const PACKAGE: &'static str = M::PACKAGE;
}

/// The proto package of a type URL `/package.Message` (compile time).
pub const fn package_of(type_url: &'static str) -> &'static str {
    let (start, dot) = split_points(type_url);
    let (head, _) = type_url.as_bytes().split_at(dot);
    let (_, package) = head.split_at(start);
    match core::str::from_utf8(package) {
        Ok(s) => s,
        Err(_) => panic!("type URL is not UTF-8"),
    }
}

/// The message name of a type URL `/package.Message` (compile time).
pub const fn name_of(type_url: &'static str) -> &'static str {
    let (_, dot) = split_points(type_url);
    let (_, tail) = type_url.as_bytes().split_at(dot + 1);
    match core::str::from_utf8(tail) {
        Ok(s) => s,
        Err(_) => panic!("type URL is not UTF-8"),
    }
}

/// (1, index of the last '.') of `/package.Message`.
const fn split_points(type_url: &str) -> (usize, usize) {
    let b = type_url.as_bytes();
    assert!(!b.is_empty() && b[0] == b'/', "a type URL starts with '/'");
    let mut i = b.len();
    while i > 1 {
        i -= 1;
        if b[i] == b'.' {
            return (1, i);
        }
    }
    panic!("a type URL is /package.Message")
}

/// Declares a message whose prost struct is written in this crate: its [`super::MsgType`]
/// (type URL, amino name from the catalog, prost encoding), `prost::Name` and
/// `cosmrs::tx::Msg` (with [`Proto`] as its protobuf type).
macro_rules! proto_msg {
    ($ty:ty, $url:literal) => {
        $crate::msgs::schema::msg_type!($ty, $url);
        impl ::prost::Name for $ty {
            const NAME: &'static str = $crate::msgs::cosmrs_msg::name_of($url);
            const PACKAGE: &'static str = $crate::msgs::cosmrs_msg::package_of($url);
        }
        impl TryFrom<$crate::msgs::cosmrs_msg::Proto<$ty>> for $ty {
            type Error = ::cosmrs::ErrorReport;
            fn try_from(p: $crate::msgs::cosmrs_msg::Proto<$ty>) -> Result<Self, Self::Error> {
                Ok(p.0)
            }
        }
        impl From<$ty> for $crate::msgs::cosmrs_msg::Proto<$ty> {
            fn from(m: $ty) -> Self {
                $crate::msgs::cosmrs_msg::Proto(m)
            }
        }
        impl ::cosmrs::tx::Msg for $ty {
            type Proto = $crate::msgs::cosmrs_msg::Proto<$ty>;
        }
    };
}

pub(crate) use proto_msg;

#[cfg(test)]
mod tests {
    use super::*;

    use crate::msgs::{coin, cosmos, ibc, restaking, wasm, Msg};
    use cosmrs::tx::Msg as _;

    /// The cosmrs `Any` of a message is the crate's own (`Msg::to_any`), and reads back.
    #[test]
    fn cosmrs_any_is_the_crates_any() {
        let restake = restaking::MsgDelegateOperator {
            delegator: "milk1a".into(),
            operator_id: 3,
            amount: vec![coin("1", "umilk")],
        };
        let any = restake.to_any().unwrap();
        assert_eq!(any, Msg::from(restake.clone()).to_any());
        assert_eq!(restaking::MsgDelegateOperator::from_any(&any).unwrap(), restake);
        // Another type URL is refused.
        assert!(restaking::MsgDelegateService::from_any(&any).is_err());

        let transfer = ibc::MsgTransfer {
            source_port: "transfer".into(),
            source_channel: "channel-0".into(),
            token: Some(coin("1", "umilk")),
            sender: "milk1a".into(),
            receiver: "osmo1b".into(),
            timeout_height: Some(ibc::Height::default()),
            timeout_timestamp: 7,
            memo: String::new(),
        };
        assert_eq!(transfer.to_any().unwrap(), Msg::from(transfer.clone()).to_any());
        assert_eq!(
            transfer.to_any().unwrap().type_url,
            "/ibc.applications.transfer.v1.MsgTransfer"
        );

        let exec = cosmos::MsgExec { grantee: "milk1g".into(), msgs: vec![restake.into()] };
        let any = exec.to_any().unwrap();
        assert_eq!(any, Msg::from(exec.clone()).to_any());
        assert_eq!(cosmos::MsgExec::from_any(&any).unwrap(), exec);

        let stake = wasm::StakingContractMsg::LiquidUnstake;
        let contract = crate::denoms::MILKTIA_CONTRACT;
        let sender = "osmo1w34k53py5v5xyluazqpq65agyajavep2tjvsv9";
        let cosmrs_msg = stake.to_cosmrs(sender, contract, Some(("1", "umilk"))).unwrap();
        let own = stake.to_execute(sender, contract, Some(("1", "umilk"))).unwrap();
        assert_eq!(cosmrs_msg.to_any().unwrap(), Msg::from(own).to_any());
    }

    #[test]
    fn type_url_parts() {
        assert_eq!(package_of("/milkyway.restaking.v1.MsgDelegatePool"), "milkyway.restaking.v1");
        assert_eq!(name_of("/milkyway.restaking.v1.MsgDelegatePool"), "MsgDelegatePool");
    }
}
