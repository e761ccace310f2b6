//! The transaction reviews: the core's screens streamed into NBGL, then "Sign
//! transaction?" (hold to sign on touch devices), the same for the screens of a
//! SIGN_MODE_TEXTUAL document; the blind-signing review with the
//! warning and the SHA-256 of the sign bytes. Rejection is one step away on every page.

use ledger_device_sdk::io::Comm;
use ledger_device_sdk::nbgl::{Field, NbglStreamingReview, TransactionType};
use milkyway_core::adr036::{self, SignData};
use milkyway_core::render::{render, Buf, Options, Sink, LABEL_CHARS, PAGE_CHARS};
use milkyway_core::textual::{self, Envelope};
use milkyway_core::{Error, Screen, Tx};

use crate::ui::home::ICON;

const TITLE: &str = "Review transaction";
const FINISH: &str = "Sign transaction?";
const MESSAGE_TITLE: &str = "Review message";
const MESSAGE_FINISH: &str = "Sign message?";
/// Screens handed to NBGL per streaming step (a touch page holds several).
const BATCH: usize = 3;

struct Batch {
    labels: [Buf<LABEL_CHARS>; BATCH],
    values: [Buf<PAGE_CHARS>; BATCH],
    len: usize,
}

impl Batch {
    fn new() -> Self {
        Batch {
            labels: [Buf::new(), Buf::new(), Buf::new()],
            values: [Buf::new(), Buf::new(), Buf::new()],
            len: 0,
        }
    }

    fn push(&mut self, screen: &Screen<'_>) -> Result<(), Error> {
        let (Some(label), Some(value)) =
            (self.labels.get_mut(self.len), self.values.get_mut(self.len))
        else {
            return Err(Error::TooManyScreens);
        };
        label.clear();
        value.clear();
        core::fmt::Write::write_str(label, screen.label).map_err(|_| Error::ValueTooLong)?;
        core::fmt::Write::write_str(value, screen.value).map_err(|_| Error::ValueTooLong)?;
        self.len = self.len.saturating_add(1);
        Ok(())
    }

    fn is_full(&self) -> bool {
        self.len >= BATCH
    }

    /// Shows the batched screens; false when the user rejects.
    fn flush(&mut self, comm: &mut Comm, review: &NbglStreamingReview) -> bool {
        let n = self.len.min(BATCH);
        self.len = 0;
        if n == 0 {
            return true;
        }
        let mut fields = [
            Field { name: "", value: "" },
            Field { name: "", value: "" },
            Field { name: "", value: "" },
        ];
        for ((field, label), value) in
            fields.iter_mut().zip(self.labels.iter()).zip(self.values.iter())
        {
            field.name = label.as_str();
            field.value = value.as_str();
        }
        continue_review(comm, review, fields.get(..n).unwrap_or(&[]))
    }
}

/// One streaming step; false when the user rejects.
///
/// `NbglStreamingReview::next` always registers a skip callback, which makes the Nano
/// review insert a "press both to skip" page after every step even though our reviews
/// are not skippable (nothing may be skipped before signing). The older call registers
/// none; the SDK marks it deprecated only in favour of `next`.
#[allow(deprecated)]
fn continue_review(comm: &mut Comm, review: &NbglStreamingReview, fields: &[Field<'_>]) -> bool {
    review.continue_review(comm, fields)
}

/// Clear-signing review of `tx`. `Err` means the transaction cannot be shown and nothing
/// was displayed (a dry run renders every screen before the review starts).
pub fn review_clear(comm: &mut Comm, tx: &Tx<'_>, options: &Options<'_>) -> Result<bool, Error> {
    review_screens(comm, &|sink| render(tx, options, sink))
}

/// SIGN_MODE_TEXTUAL review: every screen of the document, in the same review.
pub fn review_textual(comm: &mut Comm, envelope: &Envelope<'_>) -> Result<bool, Error> {
    review_screens(comm, &|sink| textual::render(envelope, sink))
}

/// ADR-036 off-chain message review: "Review message", the signer and the data, "Sign
/// message?" (never a transaction's titles).
pub fn review_message(comm: &mut Comm, data: &SignData<'_>) -> Result<bool, Error> {
    let review = NbglStreamingReview::new().glyph(&ICON).tx_type(TransactionType::Message);
    review_titled(comm, review, MESSAGE_TITLE, MESSAGE_FINISH, &|sink| adr036::render(data, sink))
}

/// The review of the screens `render` writes (called twice: a dry run, then the pages).
fn review_screens(
    comm: &mut Comm,
    render: &dyn Fn(&mut Sink<'_>) -> Result<(), Error>,
) -> Result<bool, Error> {
    review_titled(comm, NbglStreamingReview::new().glyph(&ICON), TITLE, FINISH, render)
}

fn review_titled(
    comm: &mut Comm,
    review: NbglStreamingReview,
    title: &str,
    finish: &str,
    render: &dyn Fn(&mut Sink<'_>) -> Result<(), Error>,
) -> Result<bool, Error> {
    render(&mut |_| Ok(()))?;

    if !review.start(comm, title, None) {
        return Ok(false);
    }
    let mut batch = Batch::new();
    let mut rejected = false;
    let rendered = render(&mut |screen| {
        batch.push(&screen)?;
        if batch.is_full() && !batch.flush(comm, &review) {
            rejected = true;
            // Stops the renderer; the error itself is not reported (the user rejected).
            return Err(Error::TooManyScreens);
        }
        Ok(())
    });
    if rejected {
        return Ok(false);
    }
    rendered?;
    if !batch.flush(comm, &review) {
        return Ok(false);
    }
    Ok(review.finish(comm, finish))
}

/// Blind-signing review: the SDK's warning, then the SHA-256 of the sign bytes.
pub fn review_blind(comm: &mut Comm, hash: &[u8; 32]) -> bool {
    let mut hex: Buf<64> = Buf::new();
    for b in hash {
        let _ = core::fmt::Write::write_fmt(&mut hex, format_args!("{:02X}", b));
    }
    let review = NbglStreamingReview::new().glyph(&ICON).blind();
    if !review.start(comm, TITLE, None) {
        return false;
    }
    let fields = [Field { name: "Transaction hash", value: hex.as_str() }];
    if !continue_review(comm, &review, &fields) {
        return false;
    }
    review.finish(comm, FINISH)
}
