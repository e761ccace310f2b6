//! LEGACY_AMINO_JSON: the canonical `StdSignDoc` as Cosmos SDK 0.50's x/tx produces it.
//!
//! The document must be canonical JSON (sorted keys, no whitespace, no duplicate keys;
//! see [`crate::json`]) with exactly the root keys x/tx writes: `account_number`,
//! `chain_id`, `fee`, `memo`, `msgs`, `sequence` and, when non-zero, `timeout_height`.
//! Anything else is refused: the chain rebuilds these bytes from the transaction and a
//! document it would not produce cannot be what the user is shown.

use crate::apdu::SignMode;
use crate::error::Error;
use crate::json::{self, Value as Json};
use crate::msg::{parse_u64, MAX_JSON_DEPTH};
use crate::sign_doc::{json_text, Coins, Fee, Msgs, Tx};
use crate::text::Text;

pub(crate) fn u64_string(v: &Json<'_>) -> Result<u64, Error> {
    parse_u64(&json_text(v)?)
}

pub fn decode(bytes: &[u8]) -> Result<Tx<'_>, Error> {
    let root = json::parse(bytes, MAX_JSON_DEPTH.saturating_add(8))?;
    let Json::Object(root) = root else { return Err(Error::JsonExpectedObject) };
    let mut account_number = None;
    let mut chain_id = None;
    let mut fee = None;
    let mut memo = None;
    let mut msgs = None;
    let mut sequence = None;
    let mut timeout_height = None;
    for (key, value) in root.iter() {
        if key.eq_str("account_number") {
            account_number = Some(u64_string(&value)?);
        } else if key.eq_str("chain_id") {
            chain_id = Some(json_text(&value)?);
        } else if key.eq_str("fee") {
            fee = Some(decode_fee(&value)?);
        } else if key.eq_str("memo") {
            memo = Some(json_text(&value)?);
        } else if key.eq_str("msgs") {
            let Json::Array(a) = value else { return Err(Error::JsonExpectedArray) };
            msgs = Some(a);
        } else if key.eq_str("sequence") {
            sequence = Some(u64_string(&value)?);
        } else if key.eq_str("timeout_height") {
            let t = u64_string(&value)?;
            if t == 0 {
                return Err(Error::JsonDefaultPresent);
            }
            timeout_height = Some(t);
        } else {
            return Err(Error::UnknownField);
        }
    }
    let missing = Error::JsonMissingField;
    Ok(Tx {
        // Amino JSON carries no public key.
        signer_key: None,
        mode: SignMode::AminoJson,
        chain_id: chain_id.ok_or(missing)?,
        account_number: account_number.ok_or(missing)?,
        sequence: sequence.ok_or(missing)?,
        memo: memo.ok_or(missing)?,
        timeout_height: timeout_height.unwrap_or(0),
        fee: fee.ok_or(missing)?,
        msgs: Msgs::Json(msgs.ok_or(missing)?),
    })
}

pub(crate) fn decode_fee<'a>(v: &Json<'a>) -> Result<Fee<'a>, Error> {
    let Json::Object(o) = v else { return Err(Error::JsonExpectedObject) };
    let mut amount = None;
    let mut gas = None;
    let mut payer = None;
    let mut granter = None;
    for (key, value) in o.iter() {
        if key.eq_str("amount") {
            let Json::Array(a) = value else { return Err(Error::JsonExpectedArray) };
            amount = Some(a);
        } else if key.eq_str("gas") {
            gas = Some(u64_string(&value)?);
        } else if key.eq_str("payer") || key.eq_str("granter") {
            let t = json_text(&value)?;
            if t.is_empty() {
                return Err(Error::JsonDefaultPresent);
            }
            if key.eq_str("payer") {
                payer = Some(t);
            } else {
                granter = Some(t);
            }
        } else {
            return Err(Error::UnknownField);
        }
    }
    let fee = Fee {
        amount: Coins::Json(Some(amount.ok_or(Error::JsonMissingField)?)),
        gas_limit: gas.ok_or(Error::JsonMissingField)?,
        payer: payer.unwrap_or(Text::EMPTY),
        granter: granter.unwrap_or(Text::EMPTY),
    };
    fee.amount.each(|_| Ok(()))?;
    Ok(fee)
}
