//! The transaction reviews: the core's screens streamed into NBGL between the intent
//! ("Review transaction to restake MILK") and the signing question recalling it ("Sign
//! transaction to restake MILK?", hold to sign on touch devices); the same for the
//! screens of a SIGN_MODE_TEXTUAL document (under the generic intent, see
//! `review_textual`); the blind-signing review with the warning and the SHA-256 of the
//! sign bytes. Rejection is one step away on every page.

use core::fmt::Write;
use core::sync::atomic::{AtomicU8, Ordering};

use ledger_device_sdk::io::Comm;
use ledger_device_sdk::nbgl::{NbglStreamingReview, TransactionType};
use ledger_secure_sdk_sys::{
    nbgl_contentTagValueList_t, nbgl_contentTagValue_t, nbgl_useCaseReviewStreamingContinueExt,
};
use milkyway_core::adr036::{self, SignData};
use milkyway_core::render::{render, Buf, Options, Sink, LABEL_CHARS, PAGE_CHARS};
use milkyway_core::textual::{self, Envelope};
use milkyway_core::Intent;
use milkyway_core::{Error, Screen, Tx};

use crate::ui::home::ICON;

/// The blind review's generic titles (the app cannot name an operation it cannot read).
const TITLE: &str = "Review transaction";
const FINISH: &str = "Sign transaction?";
/// An ADR-036 off-chain message is no transaction: its own titles.
const MESSAGE_TITLE: &str = "Review message";
const MESSAGE_FINISH: &str = "Sign message?";
/// The blind review's label of the hash: on a Nano the label of a value over two pages
/// carries "(1/2)", and "Transaction hash (1/2)" is cut to "Transac...sh (1/2)".
#[cfg(any(target_os = "nanosplus", target_os = "nanox"))]
const HASH_LABEL: &str = "Tx hash";
#[cfg(not(any(target_os = "nanosplus", target_os = "nanox")))]
const HASH_LABEL: &str = "Transaction hash";
/// "Review transaction to " / "Sign transaction to " + an operation + " " + a symbol + "?".
const TITLE_CHARS: usize = 112;
/// Screens handed to NBGL per streaming step (a touch page holds several).
const BATCH: usize = 3;

/// A label or a value as NBGL reads it: the text, then a NUL.
struct CText<const N: usize>(Buf<N>);

impl<const N: usize> CText<N> {
    fn set(&mut self, text: &str) -> Result<(), Error> {
        self.0.clear();
        self.0.write_str(text).map_err(|_| Error::ValueTooLong)?;
        self.0.write_char('\0').map_err(|_| Error::ValueTooLong)
    }

    fn ptr(&self) -> *const core::ffi::c_char {
        self.0.as_str().as_ptr().cast()
    }
}

struct Batch {
    labels: [CText<{ LABEL_CHARS + 1 }>; BATCH],
    values: [CText<{ PAGE_CHARS + 1 }>; BATCH],
    len: usize,
}

impl Batch {
    fn new() -> Self {
        Batch {
            labels: [CText(Buf::new()), CText(Buf::new()), CText(Buf::new())],
            values: [CText(Buf::new()), CText(Buf::new()), CText(Buf::new())],
            len: 0,
        }
    }

    fn push(&mut self, label: &str, value: &str) -> Result<(), Error> {
        let (Some(l), Some(v)) = (self.labels.get_mut(self.len), self.values.get_mut(self.len))
        else {
            return Err(Error::TooManyScreens);
        };
        l.set(label)?;
        v.set(value)?;
        self.len = self.len.saturating_add(1);
        Ok(())
    }

    fn is_full(&self) -> bool {
        self.len >= BATCH
    }

    /// Shows the batched screens; false when the user rejects.
    fn flush(&mut self, comm: &mut Comm) -> bool {
        let n = self.len.min(BATCH);
        self.len = 0;
        if n == 0 {
            return true;
        }
        let mut pairs = [nbgl_contentTagValue_t::default(); BATCH];
        for ((pair, label), value) in pairs.iter_mut().zip(&self.labels).zip(&self.values) {
            pair.item = label.ptr();
            pair.value = value.ptr();
        }
        continue_wrapped(comm, pairs.get(..n).unwrap_or(&[]))
    }
}

const PENDING: u8 = 0;
const APPROVED: u8 = 1;
const REJECTED: u8 = 2;
/// The answer of the page on screen (set by `on_choice`, from NBGL's event handling).
static CHOICE: AtomicU8 = AtomicU8::new(PENDING);

unsafe extern "C" fn on_choice(confirm: bool) {
    CHOICE.store(if confirm { APPROVED } else { REJECTED }, Ordering::Relaxed);
}

/// One streaming step with NBGL's word wrapping on; false when the user rejects.
///
/// The SDK's `NbglStreamingReview::next` / `continue_review` build the tag-value list with
/// `wrapping` off, so on Stax, Flex and Apex P a long value is cut at the last character
/// that fits ("MilkyWay milkTIA staki|ng"). This builds the list itself with `wrapping` on
/// (values break between words) and registers no skip callback (nothing may be skipped
/// before signing; the SDK's `next` always registers one, which on a Nano adds a "press
/// both to skip" page after every step). Until the page is answered, the APDU loop's
/// event handling drives NBGL; an APDU meanwhile is refused by the SDK (a command is in
/// flight).
fn continue_wrapped(comm: &mut Comm, pairs: &[nbgl_contentTagValue_t]) -> bool {
    let Ok(count) = u8::try_from(pairs.len()) else { return false };
    let list = nbgl_contentTagValueList_t {
        pairs: pairs.as_ptr(),
        nbPairs: count,
        wrapping: true,
        ..Default::default()
    };
    CHOICE.store(PENDING, Ordering::Relaxed);
    // SAFETY: `list`, `pairs` and the NUL-terminated texts they point at (in the caller's
    // `Batch`) live until this function returns, which is after NBGL answered the page.
    unsafe { nbgl_useCaseReviewStreamingContinueExt(&list, Some(on_choice), None) };
    loop {
        match CHOICE.load(Ordering::Relaxed) {
            APPROVED => return true,
            REJECTED => return false,
            _ => {
                let _ = comm.next_event();
            }
        }
    }
}

/// Clear-signing review of `tx`. `Err` means the transaction cannot be shown and nothing
/// was displayed (a dry run renders every screen, and the intent, before the review
/// starts).
pub fn review_clear(comm: &mut Comm, tx: &Tx<'_>, options: &Options<'_>) -> Result<bool, Error> {
    let titles = |title: &mut dyn Write, finish: &mut dyn Write| {
        let intent = milkyway_core::intent(tx)?;
        intent.write_review(title).map_err(|_| Error::ValueTooLong)?;
        intent.write_sign(finish).map_err(|_| Error::ValueTooLong)
    };
    review_screens(comm, NbglStreamingReview::new().glyph(&ICON), &titles, &|sink| {
        render(tx, options, sink)
    })
}

/// SIGN_MODE_TEXTUAL review: every screen of the document, in the same review, under the
/// generic intent ("Review transaction" / "Sign transaction?").
///
/// The document's screens are the chain's rendering (x/tx's value renderers), signed as
/// they are: the app checks their encoding, not what they mean, and does not parse the
/// messages they describe. Naming an operation would mean reading it out of free text the
/// chain chose ("Message (1/2)", a type URL, indented fields), which the app cannot tell
/// apart from a look-alike; a wrong intent is worse than a generic one, which the
/// guidelines accept when the app cannot state the operation.
pub fn review_textual(comm: &mut Comm, envelope: &Envelope<'_>) -> Result<bool, Error> {
    let titles = |title: &mut dyn Write, finish: &mut dyn Write| {
        let intent = Intent::default();
        intent.write_review(title).map_err(|_| Error::ValueTooLong)?;
        intent.write_sign(finish).map_err(|_| Error::ValueTooLong)
    };
    review_screens(comm, NbglStreamingReview::new().glyph(&ICON), &titles, &|sink| {
        textual::render(envelope, sink)
    })
}

/// ADR-036 off-chain message review: "Review message", the signer and the data, "Sign
/// message?" (never a transaction's titles).
pub fn review_message(comm: &mut Comm, data: &SignData<'_>) -> Result<bool, Error> {
    let review = NbglStreamingReview::new().glyph(&ICON).tx_type(TransactionType::Message);
    let titles = |title: &mut dyn Write, finish: &mut dyn Write| {
        title.write_str(MESSAGE_TITLE).map_err(|_| Error::ValueTooLong)?;
        finish.write_str(MESSAGE_FINISH).map_err(|_| Error::ValueTooLong)
    };
    review_screens(comm, review, &titles, &|sink| adr036::render(data, sink))
}

/// Writes a review's title and its signing question.
type Titles<'a> = dyn Fn(&mut dyn Write, &mut dyn Write) -> Result<(), Error> + 'a;

/// The review of the screens `render` writes (called twice: a dry run, then the pages)
/// between the title and the signing question `titles` writes (worked out after the dry
/// run, so a document that cannot be shown is refused for that reason first).
fn review_screens(
    comm: &mut Comm,
    review: NbglStreamingReview,
    titles: &Titles<'_>,
    render: &dyn Fn(&mut Sink<'_>) -> Result<(), Error>,
) -> Result<bool, Error> {
    render(&mut |_| Ok(()))?;
    let mut title: Buf<TITLE_CHARS> = Buf::new();
    let mut finish: Buf<TITLE_CHARS> = Buf::new();
    titles(&mut title, &mut finish)?;

    if !review.start(comm, title.as_str(), None) {
        return Ok(false);
    }
    let mut batch = Batch::new();
    let mut rejected = false;
    let rendered = render(&mut |screen: Screen<'_>| {
        batch.push(screen.label, screen.value)?;
        if batch.is_full() && !batch.flush(comm) {
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
    if !batch.flush(comm) {
        return Ok(false);
    }
    Ok(review.finish(comm, finish.as_str()))
}

/// Blind-signing review: the SDK's warning, then the SHA-256 of the sign bytes.
pub fn review_blind(comm: &mut Comm, hash: &[u8; 32]) -> bool {
    let mut hex: Buf<64> = Buf::new();
    for b in hash {
        let _ = write!(hex, "{:02X}", b);
    }
    let review = NbglStreamingReview::new().glyph(&ICON).blind();
    if !review.start(comm, TITLE, None) {
        return false;
    }
    let mut batch = Batch::new();
    if batch.push(HASH_LABEL, hex.as_str()).is_err() || !batch.flush(comm) {
        return false;
    }
    review.finish(comm, FINISH)
}
