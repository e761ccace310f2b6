//! Hyperlane warp transfers (`hyperlane.warp.v1.MsgRemoteTransfer`): MILK bridged from
//! MilkyWay to EVM chains, shown in words: the amount with its symbol when the token is
//! one of MilkyWay's warp routes on this chain, the destination domain by name, an EVM
//! recipient as its 20-byte address.

use core::fmt::Write;

use crate::amount::Decimal;
use crate::chains;
use crate::error::Error;
use crate::msg::{MsgRef, Val};
use crate::text::{write_visible, Text};
use crate::values::{fmt, write_coin, Emit};

// MsgRemoteTransfer fields, by their keys in the catalog.
const SENDER: &str = "sender";
const TOKEN_ID: &str = "token_id";
const DESTINATION: &str = "destination_domain";
const RECIPIENT: &str = "recipient";
const AMOUNT: &str = "amount";
const CUSTOM_HOOK: &str = "custom_hook_id";
const GAS_LIMIT: &str = "gas_limit";
const MAX_FEE: &str = "max_fee";
const HOOK_METADATA: &str = "custom_hook_metadata";

/// A 32-byte recipient (`0x` + 64 hex digits, checked by the decoder) whose first 12
/// bytes are zero is an EVM address left-padded to 32 bytes: `0x` and its 40 digits.
/// Any other recipient is written in full.
pub fn write_recipient(o: &mut dyn Write, recipient: &Text<'_>) -> Result<(), Error> {
    let padded = recipient.chars().skip(2).take(24).filter(|&c| c == '0').count() == 24;
    fmt(o.write_str("0x"))?;
    let skip = if padded { 26 } else { 2 };
    for c in recipient.chars().skip(skip) {
        fmt(o.write_char(c))?;
    }
    Ok(())
}

pub(crate) fn render_remote_transfer(r: &mut dyn Emit, body: &MsgRef<'_>) -> Result<(), Error> {
    let chain = r.chain();
    let token_id = body.text(TOKEN_ID)?;
    let chain_id = chain.map_or(Text::EMPTY, |c| Text::Plain(c.chain_id));
    let token = chains::warp_token(&chain_id, &token_id);
    // A transfer's order in Ledger's guidelines: From (hidden when it is the signer's own
    // address), Amount, To; then where, and what it may cost.
    r.field_of(body, SENDER)?;
    let amount = body.text(AMOUNT)?;
    r.screen("Amount", &|o| {
        let units = if amount.is_empty() { Text::Plain("0") } else { amount };
        let d = Decimal::from_int(&units, 0)?;
        match token {
            Some(t) => {
                fmt(d.write_units(o, t.asset.decimals))?;
                fmt(o.write_char(' '))?;
                fmt(o.write_str(t.asset.symbol))
            }
            None => {
                fmt(d.write_units(o, 0))?;
                fmt(o.write_str(" units of the token below"))
            }
        }
    })?;
    if token.is_none() {
        r.screen("Token", &|o| fmt(write_visible(o, &token_id)))?;
    }
    let recipient = body.text(RECIPIENT)?;
    r.screen("To", &|o| write_recipient(o, &recipient))?;
    let domain = match body.get_by_key(DESTINATION)? {
        Val::Num(n) => n,
        _ => 0,
    };
    r.screen("Destination", &|o| match chains::hyperlane_domain(domain) {
        Some(name) => fmt(write!(o, "{} (domain {})", name, domain)),
        None => fmt(write!(o, "domain {}", domain)),
    })?;
    if let Val::Coin(fee) = body.get_by_key(MAX_FEE)? {
        r.screen("Max fee", &|o| write_coin(o, chain, &fee))?;
    }
    let gas = body.text(GAS_LIMIT)?;
    r.screen("Gas limit", &|o| {
        if gas.is_empty() || gas.eq_str("0") {
            return fmt(o.write_str("The route's default"));
        }
        fmt(write_visible(o, &gas))
    })?;
    let hook = body.text(CUSTOM_HOOK)?;
    if !hook.is_empty() {
        r.screen("Custom hook", &|o| fmt(write_visible(o, &hook)))?;
    }
    let metadata = body.text(HOOK_METADATA)?;
    if !metadata.is_empty() {
        r.screen("Hook metadata", &|o| fmt(write_visible(o, &metadata)))?;
    }
    Ok(())
}
