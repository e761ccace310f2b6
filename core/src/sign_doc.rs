//! The typed transaction both decoders produce ([`crate::direct`] from a protobuf
//! `SignDoc`, [`crate::amino`] from an Amino JSON `StdSignDoc`): [`Tx`], its [`Fee`], its
//! [`Coins`] and its [`Msgs`], which borrow the sign bytes. [`crate::tx::decode`] is where
//! a `Tx` is made; the renderer and the streaming decoder read it.

use crate::apdu::{KeyKind, SignMode};
use crate::error::Error;
use crate::json::{self, Value as Json};
use crate::msg::{self, Coin, Message, Read};
use crate::proto::{Fields, WireValue};
use crate::text::Text;

/// A list of coins in either encoding.
#[derive(Clone, Copy, Debug)]
pub enum Coins<'a> {
    /// Protobuf message bytes and the repeated field number holding the coins.
    Proto(&'a [u8], u32),
    Json(Option<json::Array<'a>>),
}

impl<'a> Coins<'a> {
    pub fn each(&self, mut f: impl FnMut(Coin<'a>) -> Result<(), Error>) -> Result<(), Error> {
        match *self {
            Coins::Proto(bytes, field) => {
                for item in Fields::new(bytes) {
                    let (number, value) = item?;
                    if number == field {
                        let WireValue::Len(b) = value else { return Err(Error::WrongWireType) };
                        f(msg::proto_coin(b)?)?;
                    }
                }
                Ok(())
            }
            Coins::Json(Some(items)) => {
                for item in items.iter() {
                    f(msg::json_coin(&item)?)?;
                }
                Ok(())
            }
            Coins::Json(None) => Ok(()),
        }
    }

    pub fn is_empty(&self) -> Result<bool, Error> {
        let mut empty = true;
        self.each(|_| {
            empty = false;
            Ok(())
        })?;
        Ok(empty)
    }
}

#[derive(Clone, Copy, Debug)]
pub struct Fee<'a> {
    pub amount: Coins<'a>,
    pub gas_limit: u64,
    pub payer: Text<'a>,
    pub granter: Text<'a>,
}

/// The top-level messages in either encoding.
#[derive(Clone, Copy, Debug)]
pub enum Msgs<'a> {
    /// The `TxBody` bytes (messages are field 1).
    Proto(&'a [u8]),
    Json(json::Array<'a>),
}

/// A decoded, fully validated transaction.
#[derive(Clone, Copy, Debug)]
pub struct Tx<'a> {
    pub mode: SignMode,
    pub chain_id: Text<'a>,
    pub account_number: u64,
    pub sequence: u64,
    pub memo: Text<'a>,
    pub timeout_height: u64,
    pub fee: Fee<'a>,
    pub msgs: Msgs<'a>,
    /// The kind of the signer's public key named in a DIRECT `AuthInfo` (by its type
    /// URL), when it names one; Amino JSON names none.
    pub signer_key: Option<KeyKind>,
}

impl<'a> Tx<'a> {
    /// Calls `f` for every top-level message in order.
    ///
    /// The messages are read, not validated again: [`crate::tx::decode`] validated them (a `Tx` is
    /// only ever made by it); contract messages are not parsed again, nested messages
    /// not validated again (see `msg::Read`).
    pub fn each_message(
        &self,
        f: impl FnMut(Message<'a>) -> Result<(), Error>,
    ) -> Result<(), Error> {
        self.messages(Read::Validated, f)
    }

    /// Calls `f` for every top-level message, read as `read` says.
    pub(crate) fn messages(
        &self,
        read: Read,
        mut f: impl FnMut(Message<'a>) -> Result<(), Error>,
    ) -> Result<(), Error> {
        match self.msgs {
            Msgs::Proto(body) => {
                for item in Fields::new(body) {
                    let (number, value) = item?;
                    if number == 1 {
                        let WireValue::Len(b) = value else { return Err(Error::WrongWireType) };
                        f(msg::proto_any_read(b, 0, read)?)?;
                    }
                }
                Ok(())
            }
            Msgs::Json(items) => {
                for item in items.iter() {
                    f(msg::json_any_read(&item, 0, read)?)?;
                }
                Ok(())
            }
        }
    }

    pub fn message_count(&self) -> Result<usize, Error> {
        let mut n = 0usize;
        self.each_message(|_| {
            n = n.saturating_add(1);
            Ok(())
        })?;
        Ok(n)
    }
}

/// Reads a `Json` value as a JSON string.
pub(crate) fn json_text<'a>(v: &Json<'a>) -> Result<Text<'a>, Error> {
    match v {
        Json::String(s) => Ok(Text::Json(*s)),
        Json::Number(_) => Err(Error::JsonNumberForString),
        _ => Err(Error::JsonExpectedString),
    }
}
