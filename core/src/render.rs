//! The screens of a transaction: what the user reads before approving.
//!
//! [`render`] walks a validated [`Tx`] and hands each screen (a label and a value) to a
//! sink, in order: each message (its title, then its fields), then memo, chain, fees, fee
//! payer and granter, and in expert mode account number, sequence, gas and timeout
//! height. Values longer than [`PAGE_CHARS`] are split into numbered screens
//! ("Memo (1/3)"). Nothing is allocated: each value is written into one page buffer.
//! The device streams these screens into its review; the host preview prints them.

use core::fmt::Write;

use crate::catalog;
use crate::chains::{self, Chain};
use crate::error::Error;
use crate::json::{self, Value as Json};
use crate::msg::{Message, MsgRef, Val};
use crate::schema::{Card, Field, IdKind, Kind, Presence, View};
use crate::sign_doc::Tx;
use crate::text::{write_visible, Text};
use crate::values::{
    fmt, write_coins, write_cons_key, write_json_leaf, write_msg_type, write_stake_int, write_val,
    Emit,
};

pub use crate::text::Buf;
pub use crate::values::{write_coin, Out};

/// Characters per screen value before it is split into numbered screens.
pub const PAGE_CHARS: usize = 200;
/// Longest label (labels are built from the catalog and a page suffix).
pub const LABEL_CHARS: usize = 64;
/// Most screens one top-level message may take, and the closing screens (memo, fees,
/// chain...) too: a bound on what one element of the document can cost to show, whatever
/// the number of messages (which is not bounded).
pub const MAX_SCREENS: usize = 400;

#[derive(Clone, Copy, Debug, Default)]
pub struct Options<'o> {
    /// Expert mode: also show account number, sequence, gas and timeout height.
    pub expert: bool,
    /// The signer's own address on this chain: signer fields equal to it are not shown.
    pub own_address: Option<&'o str>,
}

/// One screen: a label and its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Screen<'s> {
    pub label: &'s str,
    pub value: &'s str,
}

/// Counts the bytes written to it.
struct Counter(usize);

impl Write for Counter {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        self.0 = self.0.saturating_add(s.len());
        Ok(())
    }
}

/// Fills the renderer's page buffer with what is written to it and shows each page as
/// it fills up (see [`Renderer::emit`]).
struct Pager<'p, 's, 'o> {
    r: &'p mut Renderer<'s, 'o>,
    write_label: &'p dyn Fn(&mut Out<'_>) -> core::fmt::Result,
    /// Pages shown so far.
    shown: usize,
    pages: usize,
    /// Why showing a page failed (the writer only sees `fmt::Error`).
    failed: Option<Error>,
}

impl Pager<'_, '_, '_> {
    /// Hands the page buffer to the sink as page `shown + 1` of `pages`, and empties it.
    fn show_page(&mut self) -> Result<(), Error> {
        if self.shown >= self.pages {
            return Err(Error::ValueTooLong);
        }
        let r = &mut *self.r;
        r.screens = r.screens.saturating_add(1);
        if r.screens > MAX_SCREENS {
            return Err(Error::TooManyScreens);
        }
        r.label.clear();
        fmt((self.write_label)(&mut r.label))?;
        if self.pages > 1 {
            fmt(write!(r.label, " ({}/{})", self.shown.saturating_add(1), self.pages))?;
        }
        (r.sink)(Screen { label: r.label.as_str(), value: r.page.as_str() })?;
        r.page.clear();
        self.shown = self.shown.saturating_add(1);
        Ok(())
    }
}

impl Write for Pager<'_, '_, '_> {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        for b in s.bytes() {
            if self.r.page.len() >= PAGE_CHARS {
                if let Err(e) = self.show_page() {
                    self.failed = Some(e);
                    return Err(core::fmt::Error);
                }
            }
            self.r.page.push_byte(b);
        }
        Ok(())
    }
}

/// Where the screens go.
pub type Sink<'s> = dyn FnMut(Screen<'_>) -> Result<(), Error> + 's;

struct Renderer<'s, 'o> {
    opts: Options<'o>,
    chain: Option<&'static Chain>,
    sink: &'s mut Sink<'s>,
    screens: usize,
    page: Buf<PAGE_CHARS>,
    label: Buf<LABEL_CHARS>,
}

/// What every level of a JSON value shown leaf by leaf shares: the label of the current
/// leaf, and the working memory that hands out the members of objects whose keys are out
/// of order (`json::Object::next_sorted`).
struct JsonWalk {
    path: Buf<LABEL_CHARS>,
    sort: json::SortScratch,
}

/// Runs `f` with an [`Emit`] whose screens go to `sink`, paged and counted as every
/// review's (the SIGN_MODE_TEXTUAL screens take this path).
pub(crate) fn with_emitter<'s>(
    sink: &'s mut Sink<'s>,
    f: &mut dyn FnMut(&mut dyn Emit) -> Result<(), Error>,
) -> Result<(), Error> {
    let mut r = Renderer {
        opts: Options::default(),
        chain: None,
        sink,
        screens: 0,
        page: Buf::new(),
        label: Buf::new(),
    };
    f(&mut r)
}

/// Renders every screen of `tx` into `sink`.
pub fn render<'s>(tx: &Tx<'_>, opts: &Options<'_>, sink: &'s mut Sink<'s>) -> Result<(), Error> {
    let mut r = Renderer {
        opts: *opts,
        chain: chains::by_chain_id(&tx.chain_id),
        sink,
        screens: 0,
        page: Buf::new(),
        label: Buf::new(),
    };
    r.tx(tx)
}

/// Renders the screens of one top-level message on its own, as [`render`] shows it in a
/// transaction of one message (its title screen labelled "Action"; the streaming decoder,
/// [`crate::stream`], numbers it with [`write_action_label`]). `chain`: the chain the
/// transaction is for, when known.
pub fn render_message<'s>(
    m: &Message<'_>,
    chain: Option<&'static Chain>,
    opts: &Options<'_>,
    sink: &'s mut Sink<'s>,
) -> Result<(), Error> {
    let mut r =
        Renderer { opts: *opts, chain, sink, screens: 0, page: Buf::new(), label: Buf::new() };
    r.message(m, 1, 1, 0)
}

/// Renders the closing screens of `tx` (everything [`render`] shows after the messages;
/// the messages of `tx` are not read).
pub fn render_closing<'s>(
    tx: &Tx<'_>,
    opts: &Options<'_>,
    sink: &'s mut Sink<'s>,
) -> Result<(), Error> {
    let mut r = Renderer {
        opts: *opts,
        chain: chains::by_chain_id(&tx.chain_id),
        sink,
        screens: 0,
        page: Buf::new(),
        label: Buf::new(),
    };
    r.closing(tx)
}

/// The label of the title screen of top-level message `index` (from 1) of `count`:
/// "Action" alone, "Action 2/5", or "Action 2" while the count is not known yet (a
/// streamed review).
pub fn write_action_label(
    o: &mut Out<'_>,
    index: usize,
    count: Option<usize>,
) -> core::fmt::Result {
    o.write_str("Action")?;
    match count {
        Some(n) if n > 1 => write!(o, " {}/{}", index, n),
        Some(_) => Ok(()),
        None => write!(o, " {}", index),
    }
}

impl Renderer<'_, '_> {
    /// Emits one value, split into pages when long. `label` is written by `write_label`.
    ///
    /// The value is written twice: once to count its length (the labels say "(2/5)"),
    /// then once into the page buffer, each page handed to the sink as soon as it is full
    /// (the last one, and the only one of a short value, once the value is written). It
    /// used to be written once more for every page, keeping only that page's window: a
    /// memo filling the 32 KiB sign buffer (167 pages) was written 167 times over.
    fn emit(
        &mut self,
        write_label: &dyn Fn(&mut Out<'_>) -> core::fmt::Result,
        write_value: &dyn Fn(&mut Out<'_>) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let mut counter = Counter(0);
        write_value(&mut counter)?;
        let pages = counter.0.div_ceil(PAGE_CHARS).max(1);
        self.page.clear();
        let mut pager = Pager { r: self, write_label, shown: 0, pages, failed: None };
        let written = write_value(&mut pager);
        if let Some(e) = pager.failed.take() {
            return Err(e);
        }
        written?;
        pager.show_page()?;
        // As many pages as counted (the value writers are deterministic; fail closed).
        if pager.shown != pages {
            return Err(Error::ValueTooLong);
        }
        Ok(())
    }

    fn emit_str(
        &mut self,
        label: &str,
        value: &dyn Fn(&mut Out<'_>) -> Result<(), Error>,
    ) -> Result<(), Error> {
        self.emit(&|o| o.write_str(label), value)
    }

    fn is_own(&self, t: &Text<'_>) -> bool {
        self.opts.own_address.is_some_and(|own| t.eq_str(own))
    }

    // ------------------------------------------------------------ the whole transaction

    fn tx(&mut self, tx: &Tx<'_>) -> Result<(), Error> {
        let count = tx.message_count()?;
        let mut index = 0usize;
        tx.each_message(|m| {
            index = index.saturating_add(1);
            // MAX_SCREENS bounds each message, not the transaction.
            self.screens = 0;
            self.message(&m, index, count, 0)
        })?;
        self.screens = 0;
        self.closing(tx)
    }

    /// Memo, fees, chain... (everything after the messages).
    fn closing(&mut self, tx: &Tx<'_>) -> Result<(), Error> {
        if !tx.memo.is_empty() {
            self.emit_str("Memo", &|o| fmt(write_visible(o, &tx.memo)))?;
        }
        let chain = self.chain;
        // The chain by its name when the catalog knows its id (the name stands for exactly
        // one id, "MilkyWay testnet" included); an unknown id (expert mode only) is shown
        // as it is, marked so that it cannot pass for a known chain's name.
        self.emit_str("Chain", &|o| match chain {
            Some(c) => fmt(o.write_str(c.name)),
            None => {
                fmt(write_visible(o, &tx.chain_id))?;
                fmt(o.write_str(" (unknown chain)"))
            }
        })?;
        let fee = tx.fee;
        self.emit_str("Fees", &|o| {
            if fee.amount.is_empty()? {
                return fmt(o.write_str("None"));
            }
            write_coins(o, chain, &fee.amount)
        })?;
        if !fee.payer.is_empty() {
            self.emit_str("Fee payer", &|o| fmt(write_visible(o, &fee.payer)))?;
        }
        if !fee.granter.is_empty() {
            self.emit_str("Fee granter", &|o| fmt(write_visible(o, &fee.granter)))?;
        }
        if self.opts.expert {
            self.emit_str("Account number", &|o| fmt(write!(o, "{}", tx.account_number)))?;
            self.emit_str("Sequence", &|o| fmt(write!(o, "{}", tx.sequence)))?;
            self.emit_str("Gas", &|o| fmt(write!(o, "{}", fee.gas_limit)))?;
            if tx.timeout_height != 0 {
                self.emit_str("Timeout height", &|o| fmt(write!(o, "{}", tx.timeout_height)))?;
            }
        }
        Ok(())
    }

    /// The title screen of a message, then its fields.
    fn message(
        &mut self,
        m: &Message<'_>,
        index: usize,
        count: usize,
        depth: usize,
    ) -> Result<(), Error> {
        let title = self.title(m)?;
        self.emit(
            &|o| {
                if depth == 0 {
                    return write_action_label(o, index, Some(count));
                }
                o.write_str("Inner action")?;
                if count > 1 {
                    write!(o, " {}/{}", index, count)?;
                }
                Ok(())
            },
            &|o| fmt(o.write_str(title)),
        )?;
        match m.schema.view {
            View::Generic => self.fields(&m.body),
            View::Send => self.send(&m.body),
            View::UserPreferences => self.user_preferences(&m.body),
            View::RestakingRewards => self.restaking_rewards(&m.body),
            View::WeightedVote => self.weighted_vote(&m.body),
            View::ExecuteContract => self.execute_contract(&m.body),
            View::IbcTransfer => self.ibc_transfer(&m.body),
            View::AuthzExec => self.authz_exec(&m.body, depth),
            View::AuthzGrant => self.authz_grant(&m.body),
            View::AuthzRevoke => self.authz_revoke(&m.body),
            View::FeeGrant => self.fee_grant(&m.body),
            View::CreateValidator => self.create_validator(&m.body),
            View::EditValidator => self.edit_validator(&m.body),
            View::HyperlaneTransfer => crate::hyperlane::render_remote_transfer(self, &m.body),
            View::RewardsPlan => crate::rewards_plan::render(self, &m.body),
        }
    }

    fn title(&self, m: &Message<'_>) -> Result<&'static str, Error> {
        Ok(match m.schema.view {
            View::ExecuteContract => match crate::contracts::classify(&m.body, self.chain)? {
                crate::contracts::ContractCall::Known { title, .. } => title,
                crate::contracts::ContractCall::Unverified => "Unverified contract call",
            },
            View::IbcTransfer => match crate::contracts::classify_transfer(&m.body)? {
                crate::contracts::TransferKind::LiquidStake(_) => "Liquid stake via IBC",
                crate::contracts::TransferKind::InsuranceDeposit => "Insurance fund deposit",
                crate::contracts::TransferKind::Plain => m.schema.title,
            },
            _ => m.schema.title,
        })
    }

    // ------------------------------------------------------------ generic fields

    fn fields(&mut self, body: &MsgRef<'_>) -> Result<(), Error> {
        for (i, f) in body.fields.iter().enumerate() {
            self.field(body, i, f)?;
        }
        Ok(())
    }

    fn field(&mut self, body: &MsgRef<'_>, index: usize, f: &Field) -> Result<(), Error> {
        match f.card {
            Card::One => {
                let v = body.get(index)?;
                self.value(f, &v)
            }
            Card::Many => {
                if let Kind::Msg(_) = f.kind {
                    let mut items = 0usize;
                    body.each(index, |v| {
                        items = items.saturating_add(1);
                        if let Val::Msg(sub) = v {
                            self.fields(&sub)?;
                        }
                        Ok(())
                    })?;
                    return Ok(());
                }
                let n = body.count(index)?;
                if n == 0 && f.presence == Presence::OmitEmpty {
                    return Ok(());
                }
                let chain = self.chain;
                self.emit_str(f.label, &|o| {
                    if n == 0 {
                        return fmt(o.write_str("None"));
                    }
                    let mut first = true;
                    body.each(index, |v| {
                        if !first {
                            fmt(o.write_str(", "))?;
                        }
                        first = false;
                        write_val(o, chain, f.kind, &v)
                    })
                })
            }
        }
    }

    fn value(&mut self, f: &Field, v: &Val<'_>) -> Result<(), Error> {
        match v {
            // An operator's or service's `[do-not-modify]` field left empty (absent, or an
            // empty string): the chain's `Update` (x/operators, x/services) writes it as
            // the new, empty value, so the change is shown rather than hidden.
            _ if matches!(f.kind, Kind::StrKeep) && left_empty(v) => {
                self.emit_str(f.label, &|o| fmt(o.write_str("(set to empty)")))
            }
            Val::Absent => Ok(()),
            Val::Text(t) if matches!(f.kind, Kind::Signer) && self.is_own(t) => Ok(()),
            Val::Text(t) if t.is_empty() => Ok(()),
            Val::Msg(sub) => self.fields(sub),
            Val::Json(j) => self.json(f.label, j),
            _ => {
                let chain = self.chain;
                self.emit_str(f.label, &|o| write_val(o, chain, f.kind, v))
            }
        }
    }

    /// Every leaf of a JSON value, labelled with its path (`label.key[0].key`). Object
    /// members come in sorted key order (as x/tx writes them in Amino JSON), whatever
    /// order the bytes have them in (a DIRECT contract message is the wallet's JSON), so
    /// the same message shows the same screens in both sign modes.
    fn json(&mut self, label: &str, v: &Json<'_>) -> Result<(), Error> {
        let mut walk = JsonWalk { path: Buf::new(), sort: json::SortScratch::new() };
        fmt(walk.path.write_str(label))?;
        self.json_at(&mut walk, v, 0)
    }

    fn json_at(&mut self, walk: &mut JsonWalk, v: &Json<'_>, depth: usize) -> Result<(), Error> {
        if depth > crate::msg::MAX_JSON_DEPTH {
            return Err(Error::NestingTooDeep);
        }
        let mark = walk.path.len();
        match v {
            Json::Object(o) if !o.is_empty() => {
                // In key order: the document's, when it is already sorted; otherwise
                // selected from the object a few keys at a time, keeping one cursor per
                // level (json::Object::next_sorted).
                let mut in_order = o.keys_ascending().then(|| o.iter());
                let mut cursor = 0u32;
                loop {
                    let member = match in_order.as_mut() {
                        Some(it) => it.next(),
                        None => o.next_sorted(&mut cursor, &mut walk.sort),
                    };
                    let Some((key, value)) = member else { break };
                    walk.path.truncate(mark);
                    let _ = walk.path.write_char('.');
                    let _ = key_path(&mut walk.path, &Text::Json(key));
                    self.json_at(walk, &value, depth.saturating_add(1))?;
                }
                walk.path.truncate(mark);
                Ok(())
            }
            Json::Array(a) if !a.is_empty() => {
                for (i, value) in a.iter().enumerate() {
                    walk.path.truncate(mark);
                    let _ = write!(walk.path, "[{}]", i);
                    self.json_at(walk, &value, depth.saturating_add(1))?;
                }
                walk.path.truncate(mark);
                Ok(())
            }
            leaf => {
                let label = walk.path.as_str();
                let leaf = *leaf;
                self.emit_str(label, &|o| write_json_leaf(o, &leaf))
            }
        }
    }

    // ------------------------------------------------------------ special views

    /// Field `key` of `body`, as the generic view shows it.
    fn field_by_key(&mut self, body: &MsgRef<'_>, key: &str) -> Result<(), Error> {
        let index = body.index_of(key)?;
        let f = body.fields.get(index).ok_or(Error::UnknownField)?;
        self.field(body, index, f)
    }

    /// bank `MsgSend` (from, to, amount) in the order Ledger's guidelines give a transfer:
    /// From (hidden when it is the signer's own address), Amount, To.
    fn send(&mut self, body: &MsgRef<'_>) -> Result<(), Error> {
        for key in ["from_address", "amount", "to_address"] {
            self.field_by_key(body, key)?;
        }
        Ok(())
    }

    fn user_preferences(&mut self, body: &MsgRef<'_>) -> Result<(), Error> {
        self.field_by_key(body, "user")?;
        let entries = match body.get_by_key("preferences")? {
            Val::Msg(prefs) => Some(prefs),
            _ => None,
        };
        let n = match entries {
            Some(p) => p.count(p.index_of("trusted_services")?)?,
            None => 0,
        };
        if n == 0 {
            return self
                .emit_str("Trusted services", &|o| fmt(o.write_str("None: trust no service")));
        }
        let Some(prefs) = entries else { return Ok(()) };
        let mut i = 0usize;
        prefs.each(prefs.index_of("trusted_services")?, |entry| {
            i = i.saturating_add(1);
            let Val::Msg(entry) = entry else { return Ok(()) };
            let service = entry.get_by_key("service_id")?;
            let pools_ids = entry.index_of("pools_ids")?;
            let pools = entry.count(pools_ids)?;
            self.emit(
                &|o| {
                    o.write_str("Trusted service")?;
                    if n > 1 {
                        write!(o, " {}/{}", i, n)?;
                    }
                    Ok(())
                },
                &|o| {
                    let Val::Num(id) = service else { return Err(Error::JsonMissingField) };
                    fmt(write!(o, "Service #{} with ", id))?;
                    if pools == 0 {
                        return fmt(o.write_str("all pools"));
                    }
                    fmt(o.write_str(if pools == 1 { "pool " } else { "pools " }))?;
                    let mut first = true;
                    entry.each(pools_ids, |p| {
                        if !first {
                            fmt(o.write_str(", "))?;
                        }
                        first = false;
                        if let Val::Num(p) = p {
                            fmt(write!(o, "#{}", p))?;
                        }
                        Ok(())
                    })
                },
            )
        })
    }

    fn restaking_rewards(&mut self, body: &MsgRef<'_>) -> Result<(), Error> {
        self.field_by_key(body, "delegator_address")?;
        let kind = body.get_by_key("delegation_type")?;
        let id = body.get_by_key("delegation_target_id")?;
        self.emit_str("From", &|o| {
            let noun = match kind {
                Val::Num(1) => "Pool",
                Val::Num(2) => "Operator",
                Val::Num(3) => "Service",
                _ => return Err(Error::ValueOutOfRange),
            };
            let id = if let Val::Num(n) = id { n } else { 0 };
            fmt(write!(o, "{} #{}", noun, id))
        })
    }

    fn weighted_vote(&mut self, body: &MsgRef<'_>) -> Result<(), Error> {
        let proposal = body.get_by_key("proposal_id")?;
        self.emit_str("Proposal", &|o| {
            write_val(o, None, Kind::Id64(IdKind::Proposal), &proposal)
        })?;
        self.field_by_key(body, "voter")?;
        let options = body.index_of("options")?;
        let n = body.count(options)?;
        let mut i = 0usize;
        body.each(options, |opt| {
            i = i.saturating_add(1);
            let Val::Msg(opt) = opt else { return Ok(()) };
            let option = opt.get_by_key("option")?;
            let weight = opt.get_by_key("weight")?;
            self.emit(
                &|o| {
                    o.write_str("Vote")?;
                    if n > 1 {
                        write!(o, " {}/{}", i, n)?;
                    }
                    Ok(())
                },
                &|o| {
                    write_val(o, None, Kind::Enum(&crate::catalog::VOTE_OPTIONS), &option)?;
                    fmt(o.write_str(" "))?;
                    match weight.rate()? {
                        Some(d) => fmt(d.write_percent(o)),
                        None => fmt(o.write_str("0%")),
                    }
                },
            )
        })?;
        if n == 0 {
            self.emit_str("Vote", &|o| fmt(o.write_str("None")))?;
        }
        // gov v1 only (v1beta1's weighted vote has no metadata).
        if body.index_of("metadata").is_ok() {
            self.field_by_key(body, "metadata")?;
        }
        Ok(())
    }

    fn execute_contract(&mut self, body: &MsgRef<'_>) -> Result<(), Error> {
        crate::contracts::render_execute(self, body)
    }

    fn ibc_transfer(&mut self, body: &MsgRef<'_>) -> Result<(), Error> {
        crate::contracts::render_transfer(self, body)
    }

    /// authz `MsgGrant`: granter (unless it is the signer), grantee, then what the
    /// authorization allows and until when. A grant without an authorization is refused;
    /// one without an expiration says so on its own screen.
    fn authz_grant(&mut self, body: &MsgRef<'_>) -> Result<(), Error> {
        self.field_by_key(body, "granter")?;
        self.field_by_key(body, "grantee")?;
        let Val::Msg(grant) = body.get_by_key("grant")? else {
            return Err(Error::UnsupportedAuthorization);
        };
        let Val::Any(auth) = grant.get_by_key("authorization")? else {
            return Err(Error::UnsupportedAuthorization);
        };
        let a = auth.body;
        let chain = self.chain;
        match auth.schema.type_url {
            catalog::GENERIC_AUTHORIZATION => {
                self.emit_str("Authorization", &|o| fmt(o.write_str("Any amount, no limit")))?;
                let msg = a.get_by_key("msg")?;
                self.emit_str("Allowed message", &|o| match msg {
                    Val::Text(t) => write_msg_type(o, &t),
                    _ => fmt(o.write_str("(none)")),
                })?;
            }
            catalog::SEND_AUTHORIZATION => {
                self.emit_str("Authorization", &|o| fmt(o.write_str("Send tokens")))?;
                self.list(&a, "spend_limit", "Spend limit", "None")?;
                self.list(&a, "allow_list", "Allowed recipients", "Any recipient")?;
            }
            catalog::STAKE_AUTHORIZATION => {
                let kind = a.get_by_key("authorization_type")?;
                self.emit_str("Authorization", &|o| {
                    fmt(o.write_str("Stake: "))?;
                    write_val(o, None, Kind::Enum(&catalog::STAKE_AUTHORIZATION_TYPES), &kind)
                })?;
                let max = a.get_by_key("max_tokens")?;
                self.emit_str("Max tokens", &|o| match max {
                    Val::Coin(c) => write_coin(o, chain, &c),
                    _ => fmt(o.write_str("No limit")),
                })?;
                match (a.get_by_key("allow_list")?, a.get_by_key("deny_list")?) {
                    (Val::Msg(allow), _) => {
                        self.list(&allow, "address", "Allowed validators", "None")?
                    }
                    (_, Val::Msg(deny)) => {
                        self.list(&deny, "address", "Denied validators", "None")?
                    }
                    _ => self.emit_str("Validators", &|o| fmt(o.write_str("Any validator")))?,
                }
            }
            _ => return Err(Error::UnsupportedAuthorization),
        }
        let expiration = grant.get_by_key("expiration")?;
        self.emit_str("Expiration", &|o| match expiration {
            Val::Time(t) => fmt(t.write_display(o)),
            _ => fmt(o.write_str("None: never expires")),
        })
    }

    /// feegrant `MsgGrantAllowance`: granter (unless it is the signer), grantee, the kind
    /// of allowance, its limits, period and expiration, and for an allowed-message
    /// allowance the messages it covers. A grant without an allowance is refused.
    fn fee_grant(&mut self, body: &MsgRef<'_>) -> Result<(), Error> {
        self.field_by_key(body, "granter")?;
        self.field_by_key(body, "grantee")?;
        let Val::Any(allowance) = body.get_by_key("allowance")? else {
            return Err(Error::UnsupportedAllowance);
        };
        let (inner, only) = if allowance.schema.type_url == catalog::ALLOWED_MSG_ALLOWANCE {
            let Val::Any(inner) = allowance.body.get_by_key("allowance")? else {
                return Err(Error::UnsupportedAllowance);
            };
            (inner, Some(allowance.body))
        } else {
            (allowance, None)
        };
        let periodic = inner.schema.type_url == catalog::PERIODIC_ALLOWANCE;
        self.emit_str("Allowance", &|o| {
            fmt(o.write_str(if periodic { "Fees, per period" } else { "Fees" }))?;
            if only.is_some() {
                fmt(o.write_str(", for some messages only"))?;
            }
            Ok(())
        })?;
        if let Some(only) = only {
            let allowed = only.index_of("allowed_messages")?;
            let n = only.count(allowed)?;
            self.emit_str("Allowed messages", &|o| {
                if n == 0 {
                    return fmt(o.write_str("None"));
                }
                let mut first = true;
                only.each(allowed, |v| {
                    if !first {
                        fmt(o.write_str(", "))?;
                    }
                    first = false;
                    match v {
                        Val::Text(t) => write_msg_type(o, &t),
                        _ => Ok(()),
                    }
                })
            })?;
        }
        let basic = if periodic {
            match inner.body.get_by_key("basic")? {
                Val::Msg(b) => b,
                _ => return Err(Error::JsonMissingField),
            }
        } else {
            inner.body
        };
        self.list(&basic, "spend_limit", "Spend limit", "No limit")?;
        if periodic {
            let period = inner.body.get_by_key("period")?;
            self.emit_str("Period", &|o| match period {
                Val::Duration(n) => fmt(crate::time::write_duration(o, n)),
                _ => Err(Error::InvalidTimestamp),
            })?;
            self.list(&inner.body, "period_spend_limit", "Period limit", "None")?;
            self.list(&inner.body, "period_can_spend", "Left this period", "None")?;
            let reset = inner.body.get_by_key("period_reset")?;
            self.emit_str("Period reset", &|o| match reset {
                Val::Time(t) => fmt(t.write_display(o)),
                _ => Err(Error::InvalidTimestamp),
            })?;
        }
        let expiration = basic.get_by_key("expiration")?;
        self.emit_str("Expiration", &|o| match expiration {
            Val::Time(t) => fmt(t.write_display(o)),
            _ => fmt(o.write_str("None: never expires")),
        })
    }

    /// A repeated field on one screen, or `none` when it is empty.
    fn list(&mut self, body: &MsgRef<'_>, key: &str, label: &str, none: &str) -> Result<(), Error> {
        let index = body.index_of(key)?;
        let f = body.fields.get(index).ok_or(Error::UnknownField)?;
        let n = body.count(index)?;
        let chain = self.chain;
        self.emit_str(label, &|o| {
            if n == 0 {
                return fmt(o.write_str(none));
            }
            let mut first = true;
            body.each(index, |v| {
                if !first {
                    fmt(o.write_str(", "))?;
                }
                first = false;
                write_val(o, chain, f.kind, &v)
            })
        })
    }

    fn authz_revoke(&mut self, body: &MsgRef<'_>) -> Result<(), Error> {
        self.field_by_key(body, "granter")?;
        self.field_by_key(body, "grantee")?;
        let msg = body.get_by_key("msg_type_url")?;
        self.emit_str("Message", &|o| match msg {
            Val::Text(t) => write_msg_type(o, &t),
            _ => fmt(o.write_str("(none)")),
        })
    }

    /// staking `MsgCreateValidator`: every field; rates and the minimum self delegation
    /// are shown even when zero.
    fn create_validator(&mut self, body: &MsgRef<'_>) -> Result<(), Error> {
        if let Val::Msg(d) = body.get_by_key("description")? {
            self.fields(&d)?;
        }
        let Val::Msg(rates) = body.get_by_key("commission")? else {
            return Err(Error::JsonMissingField);
        };
        for (i, f) in rates.fields.iter().enumerate() {
            let v = rates.get(i)?;
            self.emit_str(f.label, &|o| match v.rate()? {
                Some(d) => fmt(d.write_percent(o)),
                None => fmt(o.write_str("0%")),
            })?;
        }
        let min = body.get_by_key("min_self_delegation")?;
        let chain = self.chain;
        self.emit_str("Min self delegation", &|o| match min {
            Val::Text(t) => write_stake_int(o, chain, &t),
            _ => write_stake_int(o, chain, &Text::Plain("0")),
        })?;
        self.field_by_key(body, "delegator_address")?;
        self.field_by_key(body, "validator_address")?;
        let Val::ConsKey(key) = body.get_by_key("pubkey")? else {
            return Err(Error::UnsupportedPubKey);
        };
        self.emit_str("Consensus key", &|o| write_cons_key(o, &key))?;
        self.field_by_key(body, "value")
    }

    /// staking `MsgEditValidator`: each description field as set, "(unchanged)" for the
    /// `[do-not-modify]` sentinel and "(set to empty)" for an empty one (the chain
    /// replaces the field with it); the rate and minimum self delegation, or
    /// "(unchanged)" when left out.
    fn edit_validator(&mut self, body: &MsgRef<'_>) -> Result<(), Error> {
        let d = match body.get_by_key("description")? {
            Val::Msg(d) => Some(d),
            _ => None,
        };
        for (i, f) in catalog::VALIDATOR_DESCRIPTION.fields.iter().enumerate() {
            let v = match d {
                Some(d) => d.get(i)?,
                None => Val::Absent,
            };
            self.emit_str(f.label, &|o| match v {
                Val::Text(t) if t.eq_str("[do-not-modify]") => fmt(o.write_str("(unchanged)")),
                Val::Text(t) if !t.is_empty() => fmt(write_visible(o, &t)),
                _ => fmt(o.write_str("(set to empty)")),
            })?;
        }
        self.field_by_key(body, "validator_address")?;
        let rate = body.get_by_key("commission_rate")?;
        self.emit_str("Commission rate", &|o| match rate.rate()? {
            Some(d) => fmt(d.write_percent(o)),
            None => fmt(o.write_str("(unchanged)")),
        })?;
        let min = body.get_by_key("min_self_delegation")?;
        let chain = self.chain;
        self.emit_str("Min self delegation", &|o| match min {
            Val::Text(t) => write_stake_int(o, chain, &t),
            _ => fmt(o.write_str("(unchanged)")),
        })
    }

    fn authz_exec(&mut self, body: &MsgRef<'_>, depth: usize) -> Result<(), Error> {
        self.field_by_key(body, "grantee")?;
        let msgs = body.index_of("msgs")?;
        let n = body.count(msgs)?;
        let mut i = 0usize;
        body.each(msgs, |inner| {
            i = i.saturating_add(1);
            if let Val::Any(m) = inner {
                self.message(&m, i, n, depth.saturating_add(1))?;
            }
            Ok(())
        })
    }
}

impl Emit for Renderer<'_, '_> {
    fn chain(&self) -> Option<&'static Chain> {
        self.chain
    }
    fn screen(
        &mut self,
        label: &str,
        value: &dyn Fn(&mut Out<'_>) -> Result<(), Error>,
    ) -> Result<(), Error> {
        self.emit_str(label, value)
    }
    fn field_of(&mut self, body: &MsgRef<'_>, key: &str) -> Result<(), Error> {
        self.field_by_key(body, key)
    }
    fn json_leaves(&mut self, label: &str, v: &Json<'_>) -> Result<(), Error> {
        self.json(label, v)
    }
}

/// A text field absent or empty.
fn left_empty(v: &Val<'_>) -> bool {
    match v {
        Val::Absent => true,
        Val::Text(t) => t.is_empty(),
        _ => false,
    }
}

fn key_path(out: &mut Out<'_>, key: &Text<'_>) -> core::fmt::Result {
    write_visible(out, key)
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::panic
)]
mod tests {
    extern crate std;

    use super::*;
    use std::string::{String, ToString};
    use std::vec::Vec;

    /// What a sink saw, and how `emit` ended.
    type Shown = (Vec<(String, String)>, Result<(), Error>);

    /// `emit` of `value` (made visible), the renderer having shown `before` screens, into
    /// a sink that fails with `Error::NullCharacter` on its `fail_at`-th call.
    fn emit_value(value: &str, before: usize, fail_at: Option<usize>) -> Shown {
        let mut seen = Vec::new();
        let mut sink = |s: Screen<'_>| {
            seen.push((s.label.to_string(), s.value.to_string()));
            if Some(seen.len()) == fail_at {
                return Err(Error::NullCharacter);
            }
            Ok(())
        };
        let mut r = Renderer {
            opts: Options::default(),
            chain: None,
            sink: &mut sink,
            screens: before,
            page: Buf::new(),
            label: Buf::new(),
        };
        let text = Text::Plain(value);
        let result = r.emit_str("Memo", &|o| fmt(write_visible(o, &text)));
        (seen, result)
    }

    /// The same, as `emit` did it before values were paged in one pass: the value written
    /// once more for every page, keeping that page's window.
    fn emit_value_by_windows(value: &str, before: usize, fail_at: Option<usize>) -> Shown {
        let text = Text::Plain(value);
        let mut visible = String::new();
        write_visible(&mut visible, &text).unwrap();
        let pages = visible.len().div_ceil(PAGE_CHARS).max(1);
        let mut seen = Vec::new();
        let mut screens = before;
        for page in 0..pages {
            screens += 1;
            if screens > MAX_SCREENS {
                return (seen, Err(Error::TooManyScreens));
            }
            let label = if pages > 1 {
                std::format!("Memo ({}/{})", page + 1, pages)
            } else {
                "Memo".to_string()
            };
            let end = (page * PAGE_CHARS + PAGE_CHARS).min(visible.len());
            seen.push((label, visible[page * PAGE_CHARS..end].to_string()));
            if Some(seen.len()) == fail_at {
                return (seen, Err(Error::NullCharacter));
            }
        }
        (seen, Ok(()))
    }

    #[test]
    fn values_are_paged_as_by_windows() {
        // Lengths around page boundaries, characters shown as escapes of several bytes
        // (which may straddle two pages), before and after the screen limit, a sink
        // failing in the middle.
        let pieces = ["a", "\\", "\u{202e}", "\n", "\u{7f}", "xy"];
        let mut values: Vec<String> = [0, 1, 199, 200, 201, 399, 400, 401, 1000, 32_400]
            .iter()
            .map(|&n| "m".repeat(n))
            .collect();
        for n in [50, 90, 130, 400] {
            values.push((0..n).map(|i| pieces[i * 7 % pieces.len()]).collect());
        }
        for value in &values {
            for before in [0, MAX_SCREENS - 170, MAX_SCREENS - 3, MAX_SCREENS - 1, MAX_SCREENS] {
                for fail_at in [None, Some(1), Some(2), Some(3)] {
                    assert_eq!(
                        emit_value(value, before, fail_at),
                        emit_value_by_windows(value, before, fail_at),
                        "{} bytes, {before} screens before, sink failing at {fail_at:?}",
                        value.len()
                    );
                }
            }
        }
    }
}
