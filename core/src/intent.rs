//! The intent of a transaction: the operation (and its asset) named on the review's first
//! page and recalled on its signing page, as Ledger's design guidelines ask:
//! "Review transaction to restake MILK" … "Sign transaction to restake MILK?".
//!
//! Every message family has its own operation ("restake", "vote", "liquid stake"…). A
//! transaction whose messages are all of one family is named by it; a mixed one (a
//! restake and a vote) keeps the generic "Review transaction" / "Sign transaction?". The
//! asset is the symbol of the coins the messages move, when they all move one known asset
//! of the chain; otherwise (no coins, several assets, an unknown denom) only the operation
//! is named.

use core::fmt::Write;

use crate::chains::{self, Chain};
use crate::contracts::{self, Action, ContractCall, TransferKind};
use crate::error::Error;
use crate::msg::{Message, MsgRef, Val};
use crate::schema::{Card, Kind, View};
use crate::tx::Tx;

/// What the review's title and signing page name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Intent {
    /// The operation ("restake"); `None` for a mixed transaction.
    pub operation: Option<Operation>,
    /// The symbol of the single asset the messages move ("MILK").
    pub asset: Option<&'static str>,
}

/// An operation: a fixed phrase, or a catalog title shown with a lower-case first letter
/// ("Register operator" → "register operator").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operation {
    Phrase(&'static str),
    Title(&'static str),
}

impl Operation {
    fn write(&self, o: &mut dyn Write) -> core::fmt::Result {
        match self {
            Operation::Phrase(p) => o.write_str(p),
            Operation::Title(t) => {
                let mut chars = t.chars();
                if let Some(first) = chars.next() {
                    o.write_char(first.to_ascii_lowercase())?;
                }
                o.write_str(chars.as_str())
            }
        }
    }
}

impl Intent {
    /// " to restake MILK", or nothing for a mixed transaction.
    fn write_object(&self, o: &mut dyn Write) -> core::fmt::Result {
        let Some(op) = self.operation else { return Ok(()) };
        o.write_str(" to ")?;
        op.write(o)?;
        if let Some(asset) = self.asset {
            o.write_char(' ')?;
            o.write_str(asset)?;
        }
        Ok(())
    }

    /// The review's first page: "Review transaction to restake MILK".
    pub fn write_review(&self, o: &mut dyn Write) -> core::fmt::Result {
        o.write_str("Review transaction")?;
        self.write_object(o)
    }

    /// The signing page: "Sign transaction to restake MILK?".
    pub fn write_sign(&self, o: &mut dyn Write) -> core::fmt::Result {
        o.write_str("Sign transaction")?;
        self.write_object(o)?;
        o.write_char('?')
    }
}

/// The intent of `tx` (its top-level messages; the fee is not part of it).
pub fn intent(tx: &Tx<'_>) -> Result<Intent, Error> {
    let chain = chains::by_chain_id(&tx.chain_id);
    let mut fold = IntentFold::new();
    tx.each_message(|m| fold.add(&m, chain))?;
    Ok(fold.intent())
}

/// The intent worked out one message at a time, as a streamed document's messages come
/// ([`intent`] folds a whole transaction with it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct IntentFold {
    /// `None`: no message yet; `Some(None)`: messages of several families.
    operation: Option<Option<Operation>>,
    /// `None`: no message moves coins yet; `Some(None)`: not one single known asset.
    asset: Option<Option<&'static str>>,
}

impl IntentFold {
    pub const fn new() -> Self {
        IntentFold { operation: None, asset: None }
    }

    /// Takes the next top-level message, read for `chain`.
    pub fn add(&mut self, m: &Message<'_>, chain: Option<&'static Chain>) -> Result<(), Error> {
        let op = operation_of(m, chain)?;
        self.operation = match self.operation {
            None => Some(Some(op)),
            Some(Some(prev)) if prev == op => Some(Some(prev)),
            Some(_) => Some(None),
        };
        // Coins that are not what the operation acts on: a validator's self-delegation
        // ("create validator MILK" would read as if MILK were created), a bridge's
        // maximum fee (the bridged amount is no coin: its asset is the token id's) and a
        // rewards plan's amounts ("create rewards plan MILK" reads the same way).
        let moves = match m.schema.view {
            View::CreateValidator | View::HyperlaneTransfer | View::RewardsPlan => Moves::Nothing,
            _ => asset_of(&m.body, chain)?,
        };
        match (moves, self.asset) {
            (Moves::Nothing, _) => {}
            (Moves::One(symbol), None) => self.asset = Some(Some(symbol)),
            (Moves::One(symbol), Some(Some(prev))) if prev == symbol => {}
            _ => self.asset = Some(None),
        }
        Ok(())
    }

    /// A message that is not read (blind signing): the generic intent from here on.
    pub fn add_unread(&mut self) {
        self.operation = Some(None);
    }

    /// The intent of the messages taken so far.
    pub fn intent(&self) -> Intent {
        let operation = self.operation.flatten();
        Intent { operation, asset: if operation.is_some() { self.asset.flatten() } else { None } }
    }
}

/// The operation of one message: its family's phrase.
fn operation_of(m: &Message<'_>, chain: Option<&'static Chain>) -> Result<Operation, Error> {
    use Operation::{Phrase, Title};
    Ok(match m.schema.view {
        View::ExecuteContract => match contracts::classify(&m.body, chain)? {
            ContractCall::Known { action, .. } => Phrase(match action {
                Action::LiquidStake(_) => "liquid stake",
                Action::LiquidUnstake => "liquid unstake",
                Action::Withdraw { .. } => "claim unstaked tokens",
                Action::SubmitBatch => "submit an unstake batch",
            }),
            ContractCall::Unverified => Phrase("execute a contract"),
        },
        View::IbcTransfer => match contracts::classify_transfer(&m.body)? {
            TransferKind::LiquidStake(_) => Phrase("liquid stake"),
            TransferKind::InsuranceDeposit => Phrase("deposit to the insurance fund"),
            TransferKind::Plain => Phrase("transfer"),
        },
        View::AuthzExec => Phrase("execute as grantee"),
        View::UserPreferences => Phrase("trust services"),
        View::RestakingRewards => Phrase("claim restaking rewards"),
        View::WeightedVote => Phrase("vote"),
        View::Send => Phrase("send"),
        View::HyperlaneTransfer => Phrase("bridge with Hyperlane"),
        // Their catalog titles start with the verb ("Grant fee allowance").
        View::AuthzGrant
        | View::AuthzRevoke
        | View::FeeGrant
        | View::CreateValidator
        | View::EditValidator
        | View::RewardsPlan => Title(m.schema.title),
        View::Generic => match m.schema.type_url {
            "/milkyway.restaking.v1.MsgDelegatePool"
            | "/milkyway.restaking.v1.MsgDelegateOperator"
            | "/milkyway.restaking.v1.MsgDelegateService" => Phrase("restake"),
            "/milkyway.restaking.v1.MsgUndelegatePool"
            | "/milkyway.restaking.v1.MsgUndelegateOperator"
            | "/milkyway.restaking.v1.MsgUndelegateService" => Phrase("unrestake"),
            "/milkyway.restaking.v1.MsgJoinService" => Phrase("join a service"),
            "/milkyway.restaking.v1.MsgLeaveService" => Phrase("leave a service"),
            "/cosmos.gov.v1.MsgVote" | "/cosmos.gov.v1beta1.MsgVote" => Phrase("vote"),
            // Every other catalog title starts with its verb ("Register operator").
            _ => Title(m.schema.title),
        },
    })
}

/// What one message moves.
enum Moves {
    /// No coins (a vote, a claim).
    Nothing,
    /// Coins of one known asset of the chain.
    One(&'static str),
    /// Several assets, or one the chain does not know.
    Other,
}

/// The coins of `body`'s coin fields (the fee is not a message field).
fn asset_of(body: &MsgRef<'_>, chain: Option<&'static Chain>) -> Result<Moves, Error> {
    let mut moves = Moves::Nothing;
    for (i, f) in body.fields.iter().enumerate() {
        if !matches!(f.kind, Kind::Coin) {
            continue;
        }
        let mut visit = |v: Val<'_>| {
            let Val::Coin(c) = v else { return Ok(()) };
            let symbol = chains::asset_on(chain, &c.denom).map(|(a, _)| a.symbol);
            moves = match (symbol, &moves) {
                (Some(s), Moves::Nothing) => Moves::One(s),
                (Some(s), Moves::One(prev)) if *prev == s => Moves::One(s),
                _ => Moves::Other,
            };
            Ok(())
        };
        match f.card {
            Card::One => visit(body.get(i)?)?,
            Card::Many => body.each(i, &mut visit)?,
        }
    }
    Ok(moves)
}
