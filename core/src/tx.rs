//! Decoding sign bytes into a [`Tx`]: [`decode`] picks the decoder of the sign mode
//! ([`crate::direct`], [`crate::amino`]) and applies the rules both modes share. The types
//! the decoders produce are defined in [`crate::sign_doc`] (below both decoders) and
//! [`SignMode`] in [`crate::apdu`]; they are re-exported here.

use crate::error::Error;
use crate::msg::Read;

pub use crate::apdu::SignMode;
pub(crate) use crate::sign_doc::json_text;
pub use crate::sign_doc::{Coins, Fee, Msgs, Tx};

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
