//! How one value is written on a screen, and what a view writes its screens with.
//!
//! One writer per kind of value (`write_val`: text made visible, amounts of a known
//! asset in its units, ids, enum names, rates, times, durations, JSON leaves, consensus
//! keys), and `Emit`, the interface through which the views of their own
//! ([`crate::contracts`], [`crate::hyperlane`], [`crate::rewards_plan`]) write screens
//! without the renderer's internals. [`mod@crate::render`] implements `Emit` and pages the
//! screens.

use core::fmt::Write;

use crate::amount::Decimal;
use crate::catalog;
use crate::chains::{self, Chain};
use crate::error::Error;
use crate::json::Value as Json;
use crate::msg::{Coin, MsgRef, Val};
use crate::schema::Kind;
use crate::sign_doc::Coins;
use crate::text::{write_visible, Text};

/// What a value is written to.
pub type Out<'w> = dyn Write + 'w;

/// A value writer's formatting error: the value did not fit.
pub(crate) fn fmt(r: core::fmt::Result) -> Result<(), Error> {
    r.map_err(|_| Error::ValueTooLong)
}

/// Screens the contract and transfer views need, kept apart from the renderer's internals.
pub(crate) trait Emit {
    fn chain(&self) -> Option<&'static Chain>;
    fn screen(
        &mut self,
        label: &str,
        value: &dyn Fn(&mut Out<'_>) -> Result<(), Error>,
    ) -> Result<(), Error>;
    /// Field `key` of `body`, shown as the generic view shows it.
    fn field_of(&mut self, body: &MsgRef<'_>, key: &str) -> Result<(), Error>;
    fn json_leaves(&mut self, label: &str, v: &Json<'_>) -> Result<(), Error>;
}

/// A message type URL by its catalog title ("Restake to operator"); with the URL as
/// well when several catalog messages share the title (gov v1 and v1beta1 "Vote"), and
/// the URL alone when the catalog does not have it.
pub(crate) fn write_msg_type(o: &mut Out<'_>, url: &Text<'_>) -> Result<(), Error> {
    let Some(m) = catalog::by_type_url(url) else {
        return fmt(write_visible(o, url));
    };
    fmt(o.write_str(m.title))?;
    if catalog::MESSAGES.iter().filter(|x| x.title == m.title).count() > 1 {
        fmt(o.write_str(" ("))?;
        fmt(o.write_str(m.type_url))?;
        fmt(o.write_str(")"))?;
    }
    Ok(())
}

/// An amount of the chain's staking token given in base units ("1.5 MILK"); the exact
/// integer and "base units" on a chain the device does not know.
pub(crate) fn write_stake_int(
    o: &mut Out<'_>,
    chain: Option<&'static Chain>,
    amount: &Text<'_>,
) -> Result<(), Error> {
    let d = Decimal::from_int(amount, 0)?;
    match chains::staking_asset(chain) {
        Some(a) => {
            fmt(d.write_units(o, a.decimals))?;
            fmt(o.write_char(' '))?;
            fmt(o.write_str(a.symbol))
        }
        None => {
            fmt(d.write_units(o, 0))?;
            fmt(o.write_str(" (base units)"))
        }
    }
}

/// A consensus key by its fingerprint: the first 20 bytes of its SHA-256, which is also
/// the validator's CometBFT address (`priv_validator_key.json` "address").
pub(crate) fn write_cons_key(o: &mut Out<'_>, key: &[u8; 32]) -> Result<(), Error> {
    let digest = crate::sha256::sha256(key);
    fmt(o.write_str("ed25519, SHA-256 "))?;
    for b in digest.iter().take(20) {
        fmt(write!(o, "{:02X}", b))?;
    }
    Ok(())
}

pub(crate) fn write_json_leaf(o: &mut Out<'_>, v: &Json<'_>) -> Result<(), Error> {
    match v {
        Json::String(s) => fmt(write_visible(o, &Text::Json(*s))),
        Json::Number(n) => fmt(o.write_str(n.raw())),
        Json::Bool(true) => fmt(o.write_str("true")),
        Json::Bool(false) => fmt(o.write_str("false")),
        Json::Null => fmt(o.write_str("null")),
        Json::Object(_) => fmt(o.write_str("{}")),
        Json::Array(_) => fmt(o.write_str("[]")),
    }
}

/// Writes an amount: "10.5 TIA" for a known asset on this chain, otherwise the exact
/// base amount and the full denom ("10500000 ibc/ABC…").
pub fn write_coin(
    o: &mut Out<'_>,
    chain: Option<&'static Chain>,
    coin: &Coin<'_>,
) -> Result<(), Error> {
    let amount = Decimal::from_int(&coin.amount, 0)?;
    match chains::asset_on(chain, &coin.denom) {
        Some((asset, locked)) => {
            fmt(amount.write_units(o, asset.decimals))?;
            fmt(o.write_str(if locked { " locked " } else { " " }))?;
            fmt(o.write_str(asset.symbol))
        }
        None => {
            fmt(amount.write_units(o, 0))?;
            fmt(o.write_char(' '))?;
            fmt(write_visible(o, &coin.denom))
        }
    }
}

/// Writes a list of coins separated by ", ".
pub(crate) fn write_coins(
    o: &mut Out<'_>,
    chain: Option<&'static Chain>,
    coins: &Coins<'_>,
) -> Result<(), Error> {
    let mut first = true;
    coins.each(|c| {
        if !first {
            fmt(o.write_str(", "))?;
        }
        first = false;
        write_coin(o, chain, &c)
    })
}

pub(crate) fn write_val(
    o: &mut Out<'_>,
    chain: Option<&'static Chain>,
    kind: Kind,
    v: &Val<'_>,
) -> Result<(), Error> {
    match (kind, v) {
        (_, Val::Absent) => fmt(o.write_str("None")),
        (Kind::StrKeep, Val::Text(t)) if t.eq_str("[do-not-modify]") => {
            fmt(o.write_str("(unchanged)"))
        }
        (Kind::StakeInt, Val::Text(t)) => write_stake_int(o, chain, t),
        (_, Val::Text(t)) => fmt(write_visible(o, t)),
        (Kind::Id(k) | Kind::Id64(k), Val::Num(n)) => fmt(write!(o, "{} #{}", k.noun(), n)),
        (Kind::Enum(e), Val::Num(n)) => {
            let name = usize::try_from(*n)
                .ok()
                .and_then(|i| e.shown.get(i))
                .ok_or(Error::ValueOutOfRange)?;
            fmt(o.write_str(name))
        }
        (_, Val::Num(n)) => fmt(write!(o, "{}", n)),
        (_, Val::Int(n)) => fmt(write!(o, "{}", n)),
        (_, Val::Coin(c)) => write_coin(o, chain, c),
        (_, v @ Val::Rate(..)) => match v.rate()? {
            Some(d) => fmt(d.write_percent(o)),
            None => Err(Error::InvalidDecimal),
        },
        (_, Val::Json(j)) => write_json_leaf(o, j),
        (_, Val::Time(t)) => fmt(t.write_display(o)),
        (_, Val::Duration(n)) => fmt(crate::time::write_duration(o, *n)),
        (_, Val::ConsKey(k)) => write_cons_key(o, k),
        (_, Val::Msg(_) | Val::Any(_)) => Err(Error::WrongWireType),
    }
}
