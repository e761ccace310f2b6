//! SIGN_MODE_DIRECT: the protobuf `SignDoc`, `TxBody` and `AuthInfo`.
//!
//! Strict like the chain's own decoder and stricter: unknown fields are refused at every
//! level (the node itself refuses unknown `TxBody` fields below 1024 and any in
//! `AuthInfo`), extension options are refused (this chain's ante handler rejects them),
//! exactly one single-key signer using SIGN_MODE_DIRECT is accepted, and no field may
//! appear twice (protobuf's "last one wins" would let the device show one value while
//! the chain uses another).

use crate::apdu::{KeyKind, SignMode};
use crate::error::Error;
use crate::msg::proto_coin;
use crate::proto::{Fields, WireValue};
use crate::sign_doc::{Coins, Fee, Msgs, Tx};
use crate::text::Text;

const SECP256K1_PUBKEY: &str = "/cosmos.crypto.secp256k1.PubKey";
/// Initia's Ethereum-style key (initia `proto/initia/crypto/v1beta1/ethsecp256k1/keys.proto`):
/// the same 33-byte compressed point in field 1, another address and signature hash.
pub const ETHSECP256K1_PUBKEY: &str = "/initia.crypto.v1beta1.ethsecp256k1.PubKey";
const SIGN_MODE_DIRECT: u64 = 1;

pub(crate) fn text(b: &[u8]) -> Result<Text<'_>, Error> {
    let s = core::str::from_utf8(b).map_err(|_| Error::InvalidUtf8)?;
    if s.contains('\0') {
        return Err(Error::NullCharacter);
    }
    Ok(Text::Plain(s))
}

/// Sets `slot` once; a second occurrence is refused.
fn once<T>(slot: &mut Option<T>, v: T) -> Result<(), Error> {
    if slot.is_some() {
        return Err(Error::DuplicateField);
    }
    *slot = Some(v);
    Ok(())
}

fn len(v: WireValue<'_>) -> Result<&[u8], Error> {
    match v {
        WireValue::Len(b) => Ok(b),
        _ => Err(Error::WrongWireType),
    }
}

fn varint(v: WireValue<'_>) -> Result<u64, Error> {
    match v {
        WireValue::Varint(n) => Ok(n),
        _ => Err(Error::WrongWireType),
    }
}

pub fn decode(bytes: &[u8]) -> Result<Tx<'_>, Error> {
    let mut body = None;
    let mut auth_info = None;
    let mut chain_id = None;
    let mut account_number = None;
    for item in Fields::new(bytes) {
        let (number, value) = item?;
        match number {
            1 => once(&mut body, len(value)?)?,
            2 => once(&mut auth_info, len(value)?)?,
            3 => once(&mut chain_id, text(len(value)?)?)?,
            4 => once(&mut account_number, varint(value)?)?,
            _ => return Err(Error::UnknownField),
        }
    }
    let body = body.unwrap_or(&[]);
    let (memo, timeout_height) = decode_body(body)?;
    let (fee, sequence, signer_key) = decode_auth_info(auth_info.unwrap_or(&[]))?;
    Ok(Tx {
        signer_key,
        mode: SignMode::Direct,
        chain_id: chain_id.unwrap_or(Text::EMPTY),
        account_number: account_number.unwrap_or(0),
        sequence,
        memo,
        timeout_height,
        fee,
        msgs: Msgs::Proto(body),
    })
}

/// Checks the body and returns (memo, timeout height). The messages are validated by
/// `tx::decode`, once for all (the renderer only reads them afterwards).
fn decode_body(body: &[u8]) -> Result<(Text<'_>, u64), Error> {
    let mut memo = None;
    let mut timeout = None;
    for item in Fields::new(body) {
        let (number, value) = item?;
        match number {
            1 => {
                len(value)?;
            }
            2 => once(&mut memo, text(len(value)?)?)?,
            3 => once(&mut timeout, varint(value)?)?,
            1023 | 2047 => return Err(Error::ExtensionOptions),
            _ => return Err(Error::UnknownField),
        }
    }
    Ok((memo.unwrap_or(Text::EMPTY), timeout.unwrap_or(0)))
}

/// The fee, the signer's sequence and the kind of its public key (when given).
pub(crate) fn decode_auth_info(auth: &[u8]) -> Result<(Fee<'_>, u64, Option<KeyKind>), Error> {
    let mut signer = None;
    let mut fee = None;
    for item in Fields::new(auth) {
        let (number, value) = item?;
        match number {
            1 => {
                if signer.is_some() {
                    return Err(Error::NotOneSigner);
                }
                signer = Some(len(value)?);
            }
            2 => once(&mut fee, len(value)?)?,
            3 => return Err(Error::TipNotSupported),
            _ => return Err(Error::UnknownField),
        }
    }
    let (sequence, key) = decode_signer_info(signer.ok_or(Error::NotOneSigner)?)?;
    Ok((decode_fee(fee.unwrap_or(&[]))?, sequence, key))
}

fn decode_signer_info(info: &[u8]) -> Result<(u64, Option<KeyKind>), Error> {
    let mut public_key = None;
    let mut mode_info = None;
    let mut sequence = None;
    for item in Fields::new(info) {
        let (number, value) = item?;
        match number {
            1 => once(&mut public_key, len(value)?)?,
            2 => once(&mut mode_info, len(value)?)?,
            3 => once(&mut sequence, varint(value)?)?,
            _ => return Err(Error::UnknownField),
        }
    }
    let key = match public_key {
        Some(pk) => Some(check_public_key(pk)?),
        None => None,
    };
    check_mode_info(mode_info.unwrap_or(&[]))?;
    Ok((sequence.unwrap_or(0), key))
}

/// A single secp256k1 key, Cosmos or Initia's Ethereum-style: its kind.
fn check_public_key(any: &[u8]) -> Result<KeyKind, Error> {
    let mut type_url = None;
    let mut value = None;
    for item in Fields::new(any) {
        let (number, v) = item?;
        match number {
            1 => once(&mut type_url, text(len(v)?)?)?,
            2 => once(&mut value, len(v)?)?,
            _ => return Err(Error::UnknownField),
        }
    }
    let type_url = type_url.unwrap_or(Text::EMPTY);
    let kind = if type_url.eq_str(SECP256K1_PUBKEY) {
        KeyKind::Cosmos
    } else if type_url.eq_str(ETHSECP256K1_PUBKEY) {
        KeyKind::Eth
    } else {
        return Err(Error::MultisigNotSupported);
    };
    let mut key = None;
    for item in Fields::new(value.unwrap_or(&[])) {
        let (number, v) = item?;
        match number {
            1 => once(&mut key, len(v)?)?,
            _ => return Err(Error::UnknownField),
        }
    }
    if key.map(<[u8]>::len) != Some(33) {
        return Err(Error::ValueOutOfRange);
    }
    Ok(kind)
}

fn check_mode_info(mode_info: &[u8]) -> Result<(), Error> {
    let mut single = None;
    for item in Fields::new(mode_info) {
        let (number, value) = item?;
        match number {
            1 => once(&mut single, len(value)?)?,
            2 => return Err(Error::MultisigNotSupported),
            _ => return Err(Error::UnknownField),
        }
    }
    let mut mode = None;
    for item in Fields::new(single.ok_or(Error::SignModeMismatch)?) {
        let (number, value) = item?;
        match number {
            1 => once(&mut mode, varint(value)?)?,
            _ => return Err(Error::UnknownField),
        }
    }
    if mode != Some(SIGN_MODE_DIRECT) {
        return Err(Error::SignModeMismatch);
    }
    Ok(())
}

fn decode_fee(fee: &[u8]) -> Result<Fee<'_>, Error> {
    let mut gas = None;
    let mut payer = None;
    let mut granter = None;
    for item in Fields::new(fee) {
        let (number, value) = item?;
        match number {
            1 => {
                proto_coin(len(value)?)?;
            }
            2 => once(&mut gas, varint(value)?)?,
            3 => once(&mut payer, text(len(value)?)?)?,
            4 => once(&mut granter, text(len(value)?)?)?,
            _ => return Err(Error::UnknownField),
        }
    }
    Ok(Fee {
        amount: Coins::Proto(fee, 1),
        gas_limit: gas.unwrap_or(0),
        payer: payer.unwrap_or(Text::EMPTY),
        granter: granter.unwrap_or(Text::EMPTY),
    })
}
