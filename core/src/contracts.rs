//! MilkyWay liquid staking: the staking contracts' execute messages and the IBC-hooks
//! memos that call them, recognised and shown in words. Anything not recognised
//! exactly is shown in full under a warning title.

use core::fmt::Write;

use crate::chains::{self, Chain, StakingContract};
use crate::error::Error;
use crate::json::{self, Object, Value as Json};
use crate::msg::{MsgRef, Val, MAX_JSON_DEPTH};
use crate::schema::Kind;
use crate::text::{write_visible, Text};
use crate::values::{fmt, write_coin, write_val, Emit};

/// The optional arguments of `liquid_stake`.
#[derive(Clone, Copy, Debug, Default)]
pub struct LiquidStake<'a> {
    pub mint_to: Option<Text<'a>>,
    pub transfer_to_native_chain: Option<bool>,
    pub expected_mint_amount: Option<Text<'a>>,
}

#[derive(Clone, Copy, Debug)]
pub enum Action<'a> {
    LiquidStake(LiquidStake<'a>),
    LiquidUnstake,
    Withdraw { batch_id: u64 },
    SubmitBatch,
}

#[derive(Clone, Copy, Debug)]
pub enum ContractCall<'a> {
    Known { title: &'static str, contract: &'static StakingContract, action: Action<'a> },
    Unverified,
}

/// The single `{"name":{…}}` of a contract message, if it has exactly one key.
fn single_key<'a>(msg: &Json<'a>) -> Option<(json::JsonStr<'a>, Json<'a>)> {
    let Json::Object(o) = msg else { return None };
    let mut it = o.iter();
    let first = it.next()?;
    if it.next().is_some() {
        return None;
    }
    Some(first)
}

fn empty_object(v: &Json<'_>) -> bool {
    matches!(v, Json::Object(o) if o.is_empty())
}

/// `{"liquid_stake":{…}}` arguments, only the three the contract defines.
fn liquid_stake_args<'a>(args: &Json<'a>) -> Option<LiquidStake<'a>> {
    let Json::Object(o) = args else { return None };
    let mut out = LiquidStake::default();
    for (key, value) in o.iter() {
        if key.eq_str("mint_to") {
            let Json::String(s) = value else { return None };
            out.mint_to = Some(Text::Json(s));
        } else if key.eq_str("transfer_to_native_chain") {
            let Json::Bool(b) = value else { return None };
            out.transfer_to_native_chain = Some(b);
        } else if key.eq_str("expected_mint_amount") {
            let Json::String(s) = value else { return None };
            let t = Text::Json(s);
            crate::amount::Decimal::from_int(&t, 0).ok()?;
            out.expected_mint_amount = Some(t);
        } else {
            return None;
        }
    }
    Some(out)
}

fn action<'a>(msg: &Json<'a>) -> Option<Action<'a>> {
    let (name, args) = single_key(msg)?;
    if name.eq_str("liquid_stake") {
        liquid_stake_args(&args).map(Action::LiquidStake)
    } else if name.eq_str("liquid_unstake") && empty_object(&args) {
        Some(Action::LiquidUnstake)
    } else if name.eq_str("submit_batch") && empty_object(&args) {
        Some(Action::SubmitBatch)
    } else if name.eq_str("withdraw") {
        let (key, id) = single_key(&args)?;
        let Json::Number(n) = id else { return None };
        if !key.eq_str("batch_id") {
            return None;
        }
        Some(Action::Withdraw { batch_id: n.as_u64()? })
    } else {
        None
    }
}

fn title_of(a: &Action<'_>) -> &'static str {
    match a {
        Action::LiquidStake(_) => "Liquid stake",
        Action::LiquidUnstake => "Liquid unstake",
        Action::Withdraw { .. } => "Claim unstaked tokens",
        Action::SubmitBatch => "Submit unstake batch",
    }
}

/// Classifies a wasm `MsgExecuteContract` (fields: sender, contract, msg, funds) in a
/// transaction for `chain` (the known chain of the transaction's chain id, if any): a
/// staking contract is known only on its own chain.
pub fn classify<'a>(
    body: &MsgRef<'a>,
    chain: Option<&'static Chain>,
) -> Result<ContractCall<'a>, Error> {
    let Some(chain) = chain else { return Ok(ContractCall::Unverified) };
    let Val::Text(address) = body.get_by_key("contract")? else {
        return Ok(ContractCall::Unverified);
    };
    let Val::Json(msg) = body.get_by_key("msg")? else { return Ok(ContractCall::Unverified) };
    let Some(contract) = chains::staking_contract(&Text::Plain(chain.chain_id), &address) else {
        return Ok(ContractCall::Unverified);
    };
    Ok(match action(&msg) {
        Some(action) => ContractCall::Known { title: title_of(&action), contract, action },
        None => ContractCall::Unverified,
    })
}

fn liquid_stake_screens(
    r: &mut dyn Emit,
    contract: &StakingContract,
    args: &LiquidStake<'_>,
) -> Result<(), Error> {
    r.screen("Receive", &|o| fmt(o.write_str(contract.lst.symbol)))?;
    if let Some(to) = args.mint_to {
        r.screen("Mint to", &|o| fmt(write_visible(o, &to)))?;
    }
    if let Some(b) = args.transfer_to_native_chain {
        r.screen("Send to native chain", &|o| fmt(o.write_str(if b { "Yes" } else { "No" })))?;
    }
    if let Some(min) = args.expected_mint_amount {
        r.screen("Minimum received", &|o| {
            let d = crate::amount::Decimal::from_int(&min, 0)?;
            fmt(d.write_units(o, contract.lst.decimals))?;
            fmt(o.write_char(' '))?;
            fmt(o.write_str(contract.lst.symbol))
        })?;
    }
    Ok(())
}

pub(crate) fn render_execute(r: &mut dyn Emit, body: &MsgRef<'_>) -> Result<(), Error> {
    match classify(body, r.chain())? {
        ContractCall::Known { contract, action, .. } => {
            match action {
                Action::LiquidStake(args) => {
                    funds_as(r, body, "Stake")?;
                    liquid_stake_screens(r, contract, &args)?;
                }
                Action::LiquidUnstake => {
                    funds_as(r, body, "Unstake")?;
                    r.screen("Receive", &|o| {
                        fmt(o.write_str(contract.native.symbol))?;
                        fmt(o.write_str(" after unbonding"))
                    })?;
                }
                Action::Withdraw { batch_id } => {
                    r.screen("Batch", &|o| fmt(write!(o, "#{}", batch_id)))?;
                    funds_if_any(r, body)?;
                }
                Action::SubmitBatch => funds_if_any(r, body)?,
            }
            r.screen("Contract", &|o| {
                fmt(o.write_str("MilkyWay "))?;
                fmt(o.write_str(contract.lst.symbol))?;
                fmt(o.write_str(" staking"))
            })?;
            r.field_of(body, "sender")
        }
        ContractCall::Unverified => {
            r.field_of(body, "sender")?;
            r.field_of(body, "contract")?;
            if let Val::Json(msg) = body.get_by_key("msg")? {
                r.json_leaves("Message", &msg)?;
            }
            r.field_of(body, "funds")
        }
    }
}

fn funds_as(r: &mut dyn Emit, body: &MsgRef<'_>, label: &str) -> Result<(), Error> {
    let chain = r.chain();
    let funds = body.index_of("funds")?;
    r.screen(label, &|o| {
        let mut first = true;
        let mut any = false;
        body.each(funds, |v| {
            if !first {
                fmt(o.write_str(", "))?;
            }
            first = false;
            any = true;
            write_val(o, chain, Kind::Coin, &v)
        })?;
        if !any {
            fmt(o.write_str("None"))?;
        }
        Ok(())
    })
}

fn funds_if_any(r: &mut dyn Emit, body: &MsgRef<'_>) -> Result<(), Error> {
    if body.count(body.index_of("funds")?)? > 0 {
        funds_as(r, body, "Funds")?;
    }
    Ok(())
}

// ------------------------------------------------------------ IBC transfers

/// Memos longer than this are never interpreted, only shown (in both sign modes alike).
pub const MAX_MEMO_JSON: usize = 1024;

#[derive(Clone, Copy, Debug)]
pub enum TransferKind<'c> {
    LiquidStake(&'c StakingContract),
    InsuranceDeposit,
    Plain,
}

/// Decodes `text` into `buf` (it may be an escaped JSON string) and reads it as JSON.
///
/// A memo is a plain string in both sign modes (x/tx copies it as it is, never re-sorted)
/// written by the wallet, so it is read with [`json::parse_relaxed`]: whitespace and any
/// key order, but unique keys at every depth. A memo that is not such a JSON object, or
/// is longer than [`MAX_MEMO_JSON`], is not interpreted: it is shown in full.
///
/// Nor is a memo holding a number that Go's float64 round trip could change
/// ([`json::Number::is_safe_integer`]): the chain signs and carries the memo as an opaque
/// string in both modes, but the IBC hooks middleware that executes a `{"wasm":…}` memo
/// re-marshals its `msg` from Go's `interface{}` before the contract sees it. No view
/// below shows a number today (their arguments are strings and booleans); this keeps an
/// interpretation from ever showing one the contract would read differently. Such a
/// memo is shown in full, as signed, in both modes (not refused: memos for other IBC
/// middlewares carry numbers, and the device does not interpret those).
fn memo_json<'b>(text: &Text<'_>, buf: &'b mut [u8; MAX_MEMO_JSON]) -> Option<Json<'b>> {
    let first = text.chars().find(|c| !matches!(c, ' ' | '\t' | '\n' | '\r'));
    if first != Some('{') {
        return None;
    }
    let mut len = 0usize;
    for c in text.chars() {
        let mut tmp = [0u8; 4];
        let s = c.encode_utf8(&mut tmp);
        let end = len.checked_add(s.len())?;
        buf.get_mut(len..end)?.copy_from_slice(s.as_bytes());
        len = end;
    }
    let v = json::parse_relaxed(buf.get(..len)?, MAX_JSON_DEPTH).ok()?;
    match json::first_unsafe_number(&v) {
        Some(_) => None,
        None => Some(v),
    }
}

fn get<'a>(o: &Object<'a>, key: &str) -> Option<Json<'a>> {
    o.get(key)
}

/// `{"wasm":{"contract":C,"msg":{"liquid_stake":{…}}}}` for a known contract.
fn liquid_stake_memo<'a>(memo: &Json<'a>) -> Option<(&'static StakingContract, LiquidStake<'a>)> {
    let (name, wasm) = single_key(memo)?;
    if !name.eq_str("wasm") {
        return None;
    }
    let Json::Object(wasm) = wasm else { return None };
    if wasm.len() != 2 {
        return None;
    }
    let Json::String(contract) = get(&wasm, "contract")? else { return None };
    let contract = chains::staking_contract_anywhere(&Text::Json(contract))?;
    let msg = get(&wasm, "msg")?;
    match action(&msg)? {
        Action::LiquidStake(args) => Some((contract, args)),
        _ => None,
    }
}

/// `{"liquidvesting":{"amounts":[{"amount":…,"depositor":…},…]}}`.
fn insurance_memo<'a>(memo: &Json<'a>) -> Option<json::Array<'a>> {
    let (name, lv) = single_key(memo)?;
    if !name.eq_str("liquidvesting") {
        return None;
    }
    let (key, amounts) = single_key(&lv)?;
    let Json::Array(amounts) = amounts else { return None };
    if !key.eq_str("amounts") || amounts.is_empty() {
        return None;
    }
    for entry in amounts.iter() {
        let Json::Object(e) = entry else { return None };
        if e.len() != 2 {
            return None;
        }
        let Json::String(amount) = get(&e, "amount")? else { return None };
        crate::amount::Decimal::from_int(&Text::Json(amount), 0).ok()?;
        let Json::String(_) = get(&e, "depositor")? else { return None };
    }
    Some(amounts)
}

// MsgTransfer fields, by their keys in the catalog.
const PORT: &str = "source_port";
const CHANNEL: &str = "source_channel";
const TOKEN: &str = "token";
const SENDER: &str = "sender";
const RECEIVER: &str = "receiver";
const TIMEOUT_HEIGHT: &str = "timeout_height";
const TIMEOUT_TIMESTAMP: &str = "timeout_timestamp";
const MEMO: &str = "memo";

// Never inlined, here and in `render_transfer`: the 1 KiB memo buffer must live only
// while the memo is read, not in the frame of the renderer's `message`, which recurses
// once per authz MsgExec level (inlined, it cost the Nano X 1.5 KiB of stack a level).
#[inline(never)]
pub fn classify_transfer(body: &MsgRef<'_>) -> Result<TransferKind<'static>, Error> {
    let memo = body.text(MEMO)?;
    let receiver = body.text(RECEIVER)?;
    let mut buf = [0u8; MAX_MEMO_JSON];
    Ok(transfer_kind(memo_json(&memo, &mut buf).as_ref(), &receiver))
}

/// [`classify_transfer`] of a transfer whose memo, read as JSON, is `memo`.
fn transfer_kind(memo: Option<&Json<'_>>, receiver: &Text<'_>) -> TransferKind<'static> {
    let Some(memo) = memo else { return TransferKind::Plain };
    if let Some((contract, _)) = liquid_stake_memo(memo) {
        if receiver.is_empty() || receiver.eq_str(contract.address) {
            return TransferKind::LiquidStake(contract);
        }
    }
    if insurance_memo(memo).is_some() && receiver.eq_str(chains::LIQUIDVESTING_MODULE) {
        return TransferKind::InsuranceDeposit;
    }
    TransferKind::Plain
}

#[inline(never)]
pub(crate) fn render_transfer(r: &mut dyn Emit, body: &MsgRef<'_>) -> Result<(), Error> {
    let memo_text = body.text(MEMO)?;
    let receiver = body.text(RECEIVER)?;
    let mut buf = [0u8; MAX_MEMO_JSON];
    // The memo is read as JSON once here (and once for the title), into one buffer.
    let memo = memo_json(&memo_text, &mut buf);
    let kind = transfer_kind(memo.as_ref(), &receiver);
    let chain = r.chain();
    let token = body.get_by_key(TOKEN)?;
    // A transfer's order in Ledger's guidelines: From (hidden when it is the signer's own
    // address), Amount, To.
    r.field_of(body, SENDER)?;
    match (kind, memo.as_ref().and_then(liquid_stake_memo), memo.as_ref().and_then(insurance_memo))
    {
        (TransferKind::LiquidStake(contract), Some((_, args)), _) => {
            r.screen("Stake", &|o| write_val(o, chain, Kind::Coin, &token))?;
            liquid_stake_screens(r, contract, &args)?;
            r.screen("Contract", &|o| {
                fmt(o.write_str("MilkyWay "))?;
                fmt(o.write_str(contract.lst.symbol))?;
                fmt(o.write_str(" staking on "))?;
                fmt(o.write_str(contract.chain_id))
            })?;
        }
        (TransferKind::InsuranceDeposit, _, Some(amounts)) => {
            r.screen("Deposit", &|o| write_val(o, chain, Kind::Coin, &token))?;
            r.screen("To", &|o| fmt(o.write_str("MilkyWay insurance fund")))?;
            let n = amounts.len();
            for (i, entry) in amounts.iter().enumerate() {
                let Json::Object(e) = entry else { continue };
                let (Some(Json::String(amount)), Some(Json::String(depositor))) =
                    (get(&e, "amount"), get(&e, "depositor"))
                else {
                    continue;
                };
                let label_index = i.saturating_add(1);
                let mut label = crate::text::Buf::<32>::new();
                fmt(if n > 1 {
                    write!(label, "Credit {}/{}", label_index, n)
                } else {
                    write!(label, "Credit")
                })?;
                r.screen(label.as_str(), &|o| {
                    let coin = match token {
                        Val::Coin(c) => {
                            Some(crate::msg::Coin { denom: c.denom, amount: Text::Json(amount) })
                        }
                        _ => None,
                    };
                    match coin {
                        Some(c) => write_coin(o, chain, &c)?,
                        None => fmt(write_visible(o, &Text::Json(amount)))?,
                    }
                    fmt(o.write_str(" to "))?;
                    fmt(write_visible(o, &Text::Json(depositor)))
                })?;
            }
        }
        _ => {
            r.screen("Amount", &|o| write_val(o, chain, Kind::Coin, &token))?;
            r.field_of(body, RECEIVER)?;
        }
    }
    let port = body.text(PORT)?;
    let channel = body.text(CHANNEL)?;
    r.screen("Channel", &|o| {
        fmt(write_visible(o, &port))?;
        fmt(o.write_char('/'))?;
        fmt(write_visible(o, &channel))
    })?;
    if let Val::Msg(h) = body.get_by_key(TIMEOUT_HEIGHT)? {
        let (rev, height) = (h.get_by_key("revision_number")?, h.get_by_key("revision_height")?);
        let num = |v: Val<'_>| if let Val::Num(n) = v { n } else { 0 };
        let (rev, height) = (num(rev), num(height));
        if rev != 0 || height != 0 {
            r.screen("Timeout height", &|o| fmt(write!(o, "{}-{}", rev, height)))?;
        }
    }
    if let Val::Num(ns) = body.get_by_key(TIMEOUT_TIMESTAMP)? {
        if ns != 0 {
            r.screen("Timeout", &|o| write_utc(o, ns))?;
        }
    }
    if !matches!(kind, TransferKind::Plain) {
        return Ok(());
    }
    if !memo_text.is_empty() {
        r.screen("IBC memo", &|o| fmt(write_visible(o, &memo_text)))?;
    }
    Ok(())
}

/// Nanoseconds since the Unix epoch as "YYYY-MM-DD hh:mm:ss UTC".
pub fn write_utc(o: &mut dyn Write, ns: u64) -> Result<(), Error> {
    let secs = ns / 1_000_000_000;
    let days = secs / 86_400;
    let rem = secs % 86_400;
    // Howard Hinnant's days-to-civil algorithm, for days >= 0.
    let z = days.saturating_add(719_468);
    let era = z / 146_097;
    let doe = z % 146_097;
    // doe <= 146_096, yoe <= 399, doy <= 365, mp <= 11 and era < 2^64 / 146_097, so no
    // step below overflows or goes negative: the saturating operations are exact and only
    // keep the code panic-free by construction.
    let yoe =
        doe.saturating_sub(doe / 1460).saturating_add(doe / 36_524).saturating_sub(doe / 146_096)
            / 365;
    let doy = doe
        .saturating_sub(yoe.saturating_mul(365).saturating_add(yoe / 4).saturating_sub(yoe / 100));
    let mp = doy.saturating_mul(5).saturating_add(2) / 153;
    let day = doy.saturating_sub(mp.saturating_mul(153).saturating_add(2) / 5).saturating_add(1);
    let month = if mp < 10 { mp.saturating_add(3) } else { mp.saturating_sub(9) };
    let year = yoe.saturating_add(era.saturating_mul(400)).saturating_add(u64::from(month <= 2));
    fmt(write!(
        o,
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02} UTC",
        year,
        month,
        day,
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    ))
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use std::string::String;

    #[test]
    fn memos_with_unsafe_numbers_are_not_read_as_json() {
        let read = |memo: &'static str| {
            let mut buf = [0u8; MAX_MEMO_JSON];
            memo_json(&Text::Plain(memo), &mut buf).is_some()
        };
        assert!(read(r#"{"wasm":{"contract":"c","msg":{"n":42}}}"#));
        assert!(read(r#"{"forward":{"retries":2,"timeout":"10m"}}"#));
        for memo in [
            r#"{"wasm":{"contract":"c","msg":{"n":1.0}}}"#,
            r#"{"wasm":{"contract":"c","msg":{"n":9007199254740993}}}"#,
            r#"{"wasm":{"contract":"c","msg":{"n":[1e21]}}}"#,
            r#"{"n":-0}"#,
        ] {
            assert!(!read(memo), "{memo}");
        }
    }

    #[test]
    fn utc_dates() {
        let mut s = String::new();
        write_utc(&mut s, 0).unwrap();
        assert_eq!(s, "1970-01-01 00:00:00 UTC");
        s.clear();
        // 2026-11-21 10:30:05 UTC = 1795257005 s
        write_utc(&mut s, 1_795_257_005_000_000_000).unwrap();
        assert_eq!(s, "2026-11-21 10:30:05 UTC");
        s.clear();
        // 2000-02-29 23:59:59 UTC = 951868799 s (leap day)
        write_utc(&mut s, 951_868_799_999_999_999).unwrap();
        assert_eq!(s, "2000-02-29 23:59:59 UTC");
        s.clear();
        // The largest timestamp: 2^64 - 1 ns = 18446744073.709551615 s after the epoch,
        // 2554-07-21 23:34:33 UTC (checked with Python datetime).
        write_utc(&mut s, u64::MAX).unwrap();
        assert_eq!(s, "2554-07-21 23:34:33 UTC");
        s.clear();
        // 2100-03-01 00:00:00 UTC = 4107542400 s (2100 is not a leap year)
        write_utc(&mut s, 4_107_542_400_000_000_000).unwrap();
        assert_eq!(s, "2100-03-01 00:00:00 UTC");
    }
}
