//! MilkyWay rewards plans (`milkyway.rewards.v1.MsgCreateRewardsPlan` and
//! `MsgEditRewardsPlan`): what a service admin commits to pay, in words. The amount is
//! per day (x/rewards `NewRewardsPlan` takes it as `amtPerDay`); the three distributions
//! say which share of it goes to pools, operators and users (their weights among the
//! three) and how each share is split.

use core::fmt::Write;

use crate::catalog::{DISTRIBUTION_EGALITARIAN, DISTRIBUTION_WEIGHTED};
use crate::error::Error;
use crate::msg::{MsgRef, Val};
use crate::values::{fmt, Emit};

fn num(v: Val<'_>) -> u64 {
    match v {
        Val::Num(n) => n,
        _ => 0,
    }
}

/// A distribution's weight among the three, and its message (pools, operators: a
/// `Distribution`; users: a `UsersDistribution`).
fn distribution<'a>(body: &MsgRef<'a>, key: &str) -> Result<(u64, MsgRef<'a>), Error> {
    let Val::Msg(d) = body.get_by_key(key)? else { return Err(Error::InvalidDistribution) };
    Ok((num(d.get_by_key("weight")?), d))
}

/// "weight 2 of 4, in proportion to delegations" (the split named by its type).
fn write_distribution(
    o: &mut dyn Write,
    weight: u64,
    total: u64,
    d: &MsgRef<'_>,
    target: &str,
) -> Result<(), Error> {
    let Val::Any(kind) = d.get_by_key("type")? else { return Err(Error::InvalidDistribution) };
    fmt(write!(o, "weight {} of {}, ", weight, total))?;
    match kind.schema.type_url {
        DISTRIBUTION_EGALITARIAN => fmt(o.write_str("split equally")),
        DISTRIBUTION_WEIGHTED => {
            fmt(o.write_str("split by weight:"))?;
            let mut any = false;
            kind.body.each(kind.body.index_of("weights")?, |w| {
                let Val::Msg(w) = w else { return Ok(()) };
                let id = num(w.get_by_key("delegation_target_id")?);
                let share = num(w.get_by_key("weight")?);
                fmt(write!(o, "{} {} #{} x{}", if any { "," } else { "" }, target, id, share))?;
                any = true;
                Ok(())
            })?;
            if !any {
                fmt(o.write_str(" none"))?;
            }
            Ok(())
        }
        // DistributionTypeBasic and UsersDistributionTypeBasic.
        _ => fmt(o.write_str("split in proportion to delegations")),
    }
}

pub(crate) fn render(r: &mut dyn Emit, body: &MsgRef<'_>) -> Result<(), Error> {
    for key in ["sender", "id", "service_id", "description", "amount"] {
        if body.index_of(key).is_ok() {
            r.field_of(body, key)?;
        }
    }
    for (key, label) in [("start_time", "Start"), ("end_time", "End")] {
        let Val::Time(t) = body.get_by_key(key)? else { return Err(Error::InvalidTimestamp) };
        r.screen(label, &|o| fmt(t.write_display(o)))?;
    }
    let (pools_w, pools) = distribution(body, "pools_distribution")?;
    let (ops_w, ops) = distribution(body, "operators_distribution")?;
    let (users_w, users) = distribution(body, "users_distribution")?;
    // Each Distribution is for the targets its field names (the module checks that too).
    if num(pools.get_by_key("delegation_type")?) != 1
        || num(ops.get_by_key("delegation_type")?) != 2
    {
        return Err(Error::InvalidDistribution);
    }
    let total = pools_w.saturating_add(ops_w).saturating_add(users_w);
    r.screen("Pools", &|o| write_distribution(o, pools_w, total, &pools, "Pool"))?;
    r.screen("Operators", &|o| write_distribution(o, ops_w, total, &ops, "Operator"))?;
    r.screen("Users", &|o| write_distribution(o, users_w, total, &users, "User"))?;
    if body.index_of("fee_amount").is_ok() {
        r.field_of(body, "fee_amount")?;
    }
    Ok(())
}
