//! The typed transaction both decoders produce.

use crate::error::Error;
use crate::json::{self, Value as Json};
use crate::msg::{self, Coin, Message, Read};
use crate::proto::{Fields, WireValue};
use crate::text::Text;

/// The sign modes the app signs in (the device, the host crate and the CLI share it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SignMode {
    /// SIGN_MODE_DIRECT: the protobuf `SignDoc`.
    Direct,
    /// SIGN_MODE_LEGACY_AMINO_JSON: the canonical `StdSignDoc` JSON.
    AminoJson,
    /// SIGN_MODE_TEXTUAL: the CBOR screens x/tx renders ([`crate::textual`]); not a
    /// transaction encoding, so [`decode`] refuses it (the device reviews its screens).
    Textual,
}

impl SignMode {
    /// P2 of the SIGN APDU for this mode.
    pub const fn p2(self) -> u8 {
        match self {
            SignMode::Direct => crate::apdu::P2_DIRECT,
            SignMode::AminoJson => crate::apdu::P2_AMINO_JSON,
            SignMode::Textual => crate::apdu::P2_TEXTUAL,
        }
    }

    /// The `cosmos.tx.signing.v1beta1.SignMode` value (`ModeInfo.single.mode`).
    pub const fn proto_value(self) -> i32 {
        match self {
            SignMode::Direct => 1,
            SignMode::AminoJson => 127,
            SignMode::Textual => 2,
        }
    }

    /// The mode of a `cosmos.tx.signing.v1beta1.SignMode` value, if the app signs in it.
    pub const fn from_proto_value(v: i32) -> Option<SignMode> {
        match v {
            1 => Some(SignMode::Direct),
            127 => Some(SignMode::AminoJson),
            2 => Some(SignMode::Textual),
            _ => None,
        }
    }

    /// A short name (`direct` / `amino` / `textual`), as the CLI spells it.
    pub const fn name(self) -> &'static str {
        match self {
            SignMode::Direct => "direct",
            SignMode::AminoJson => "amino",
            SignMode::Textual => "textual",
        }
    }
}

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
    pub signer_key: Option<crate::apdu::KeyKind>,
}

impl<'a> Tx<'a> {
    /// Calls `f` for every top-level message in order.
    ///
    /// The messages are read, not validated again: [`decode`] validated them (a `Tx` is
    /// only ever made by it); contract messages are not parsed again, nested messages
    /// not validated again (see `msg::Read`).
    pub fn each_message(
        &self,
        f: impl FnMut(Message<'a>) -> Result<(), Error>,
    ) -> Result<(), Error> {
        self.messages(Read::Validated, f)
    }

    fn messages(
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

/// Decodes and validates sign bytes in the given mode.
pub fn decode(bytes: &[u8], mode: SignMode) -> Result<Tx<'_>, Error> {
    let tx = match mode {
        SignMode::Direct => crate::direct::decode(bytes)?,
        SignMode::AminoJson => crate::amino::decode(bytes)?,
        SignMode::Textual => return Err(Error::SignModeMismatch),
    };
    check_common(&tx)?;
    Ok(tx)
}

/// Rules shared by both modes, checked on the decoded model.
fn check_common(tx: &Tx<'_>) -> Result<(), Error> {
    if tx.chain_id.is_empty() {
        return Err(Error::MissingChainId);
    }
    if tx.chain_id.eq_str("0")
        || tx.chain_id.eq_str("1")
        || !crate::text::is_plain_printable(&tx.chain_id)
    {
        return Err(Error::InvalidChainId);
    }
    // The one validation of every message (the renderer only reads them afterwards).
    // There is no cap on their number: each is decoded and shown on its own (the
    // streaming decoder, crate::stream, never holds more than one).
    let mut count = 0usize;
    tx.messages(Read::Validate, |_| {
        count = count.saturating_add(1);
        Ok(())
    })?;
    if count == 0 {
        return Err(Error::NoMessages);
    }
    tx.fee.amount.each(|_| Ok(()))?;
    Ok(())
}

/// Reads a `Json` value as a JSON string.
pub(crate) fn json_text<'a>(v: &Json<'a>) -> Result<Text<'a>, Error> {
    match v {
        Json::String(s) => Ok(Text::Json(*s)),
        Json::Number(_) => Err(Error::JsonNumberForString),
        _ => Err(Error::JsonExpectedString),
    }
}
