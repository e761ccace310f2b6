//! The sign reviews. The standard review of the held screens (`review_held`: back and
//! forth, position shown) between the intent ("Review transaction to restake MILK") and
//! the signing question recalling it ("Sign transaction to restake MILK?", hold to sign
//! on touch devices); the streamed review of a long transaction (`Live`), whose screens
//! come a chunk at a time; the blind-signing review with the warning and the SHA-256 of
//! the sign bytes. Rejection is one step away on every page.

use core::fmt::Write;
use core::sync::atomic::{AtomicU8, Ordering};

use ledger_device_sdk::io::Comm;
use ledger_device_sdk::nbgl::NbglStreamingReview;
use ledger_secure_sdk_sys::{
    nbgl_contentTagValueList_t, nbgl_contentTagValue_t, nbgl_icon_details_t, nbgl_operationType_t,
    nbgl_useCaseReview, nbgl_useCaseReviewStreamingContinueExt, nbgl_useCaseReviewStreamingFinish,
    nbgl_useCaseReviewStreamingStart, TYPE_MESSAGE, TYPE_TRANSACTION,
};
use milkyway_core::render::{Buf, LABEL_CHARS, PAGE_CHARS};
use milkyway_core::review::{self, ScreenStore};
use milkyway_core::sign_flow::{Kind, TITLE_CHARS};
use milkyway_core::Error;

use crate::ui::home::ICON;

/// The blind review's generic titles (the app cannot name an operation it cannot read).
const TITLE: &str = "Review transaction";
const FINISH: &str = "Sign transaction?";
/// The blind review's label of the hash (shorter on a Nano: see `review::HASH_LABEL_NANO`).
#[cfg(any(target_os = "nanosplus", target_os = "nanox"))]
const HASH_LABEL: &str = review::HASH_LABEL_NANO;
#[cfg(not(any(target_os = "nanosplus", target_os = "nanox")))]
const HASH_LABEL: &str = review::HASH_LABEL_TOUCH;
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

/// A streaming step's screens, and the tag-value list NBGL reads them through. Every
/// pointer NBGL is handed points into this struct, which lives in the app's static
/// signer: the touch screens' streaming review keeps the last list until the next step
/// or the signing page, so none of it may be on a stack frame that has returned.
struct Batch {
    labels: [CText<{ LABEL_CHARS + 1 }>; BATCH],
    values: [CText<{ PAGE_CHARS + 1 }>; BATCH],
    pairs: [nbgl_contentTagValue_t; BATCH],
    list: nbgl_contentTagValueList_t,
    len: usize,
}

impl Batch {
    const fn new() -> Self {
        Batch {
            labels: [CText(Buf::new()), CText(Buf::new()), CText(Buf::new())],
            values: [CText(Buf::new()), CText(Buf::new()), CText(Buf::new())],
            // SAFETY: plain C structs of pointers and integers, valid when all zero (no
            // pair, no callback).
            pairs: unsafe { core::mem::zeroed() },
            list: unsafe { core::mem::zeroed() },
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
        for ((pair, label), value) in self.pairs.iter_mut().zip(&self.labels).zip(&self.values) {
            *pair = nbgl_contentTagValue_t::default();
            pair.item = label.ptr();
            pair.value = value.ptr();
        }
        let Ok(count) = u8::try_from(n) else { return false };
        self.list = nbgl_contentTagValueList_t {
            pairs: self.pairs.as_ptr(),
            nbPairs: count,
            wrapping: true,
            ..Default::default()
        };
        continue_wrapped(comm, &self.list)
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
fn continue_wrapped(comm: &mut Comm, list: &nbgl_contentTagValueList_t) -> bool {
    // A rejection on the page left on screen while the next chunk came.
    if CHOICE.load(Ordering::Relaxed) == REJECTED {
        return false;
    }
    CHOICE.store(PENDING, Ordering::Relaxed);
    // SAFETY: `list`, its pairs and the NUL-terminated texts they point at are the
    // caller's `Batch`, in the static signer: they outlive this step and the next.
    unsafe { nbgl_useCaseReviewStreamingContinueExt(list, Some(on_choice), None) };
    wait_choice(comm)
}

/// The store the standard review reads its pairs from (set by `review_held` for the
/// time of the review).
static mut HELD: *const ScreenStore<'static> = core::ptr::null();
/// The pairs handed to NBGL: a page shows at most four, so a ring of eight keeps every
/// pair of the page on screen (and the one before) valid.
const RING: usize = 8;
static mut PAIRS: [nbgl_contentTagValue_t; RING] = unsafe { core::mem::zeroed() };
static mut NEXT_PAIR: usize = 0;

/// NBGL asks for pair `index` of the standard review.
unsafe extern "C" fn held_pair(index: u8) -> *mut nbgl_contentTagValue_t {
    // SAFETY: single-threaded; HELD points at the caller's store for the duration of
    // `review_held`, which is the only time NBGL calls this.
    let store = unsafe { HELD.as_ref() };
    let Some((label, value)) = store.and_then(|s| s.get_c(usize::from(index))) else {
        return core::ptr::null_mut();
    };
    // SAFETY: as above; the ring is only touched here.
    unsafe {
        let slot = NEXT_PAIR % RING;
        NEXT_PAIR = slot.wrapping_add(1);
        let pairs = &mut *core::ptr::addr_of_mut!(PAIRS);
        let Some(pair) = pairs.get_mut(slot) else { return core::ptr::null_mut() };
        *pair = nbgl_contentTagValue_t::default();
        pair.item = label.as_ptr().cast();
        pair.value = value.as_ptr().cast();
        pair as *mut nbgl_contentTagValue_t
    }
}

/// The standard review of the held screens: the title page, every screen with back and
/// forth navigation and the position shown, the signing page. True when approved.
pub fn review_held(
    comm: &mut Comm,
    store: &ScreenStore<'_>,
    kind: Kind,
    title: &str,
    question: &str,
) -> bool {
    let Ok(count) = u8::try_from(store.len()) else { return false };
    let mut titles = [CText::<{ TITLE_CHARS + 1 }>(Buf::new()), CText(Buf::new())];
    let [title_c, question_c] = &mut titles;
    if title_c.set(title).is_err() || question_c.set(question).is_err() {
        return false;
    }
    let icon: nbgl_icon_details_t = (&ICON).into();
    let list = nbgl_contentTagValueList_t {
        pairs: core::ptr::null(),
        callback: Some(held_pair),
        nbPairs: count,
        startIndex: 0,
        wrapping: true,
        ..Default::default()
    };
    let operation: nbgl_operationType_t = match kind {
        Kind::Transaction => TYPE_TRANSACTION.into(),
        Kind::Message => TYPE_MESSAGE.into(),
    };
    CHOICE.store(PENDING, Ordering::Relaxed);
    // SAFETY: `store`, `list`, `icon` and the titles outlive the review: this function
    // returns only once NBGL has answered, and HELD is cleared before it does.
    unsafe {
        HELD = (store as *const ScreenStore<'_>).cast::<ScreenStore<'static>>();
        nbgl_useCaseReview(
            operation,
            &list,
            &icon,
            title_c.ptr(),
            core::ptr::null(),
            question_c.ptr(),
            Some(on_choice),
        );
    }
    let approved = wait_choice(comm);
    // SAFETY: the review is over; NBGL asks for no more pairs.
    unsafe { HELD = core::ptr::null() };
    approved
}

/// Runs the APDU loop's event handling until the page on screen is answered.
fn wait_choice(comm: &mut Comm) -> bool {
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

/// A streamed review in progress: started when the held screens overflow, fed a chunk's
/// screens at a time (three to an NBGL step), ended by the signing page. It calls NBGL's
/// streaming review itself, with every text and the icon kept here (in the app's static
/// signer) for the review's life: NBGL keeps pointers to them across the steps, which
/// span several APDUs.
pub struct Live {
    on: bool,
    icon: nbgl_icon_details_t,
    title: CText<{ TITLE_CHARS + 1 }>,
    subtitle: CText<{ TITLE_CHARS + 1 }>,
    question: CText<{ TITLE_CHARS + 1 }>,
    batch: Batch,
}

impl Live {
    pub const fn new() -> Self {
        Live {
            on: false,
            // SAFETY: a plain C struct, valid when all zero (set before any use).
            icon: unsafe { core::mem::zeroed() },
            title: CText(Buf::new()),
            subtitle: CText(Buf::new()),
            question: CText(Buf::new()),
            batch: Batch::new(),
        }
    }

    /// Forgets the review (after its end, or a refusal).
    pub fn stop(&mut self) {
        self.on = false;
        self.batch.len = 0;
    }

    /// The first page: the transaction is long and shown in parts. False when rejected.
    pub fn start(&mut self, comm: &mut Comm) -> bool {
        self.icon = (&ICON).into();
        if self.title.set(review::LONG_TITLE).is_err()
            || self.subtitle.set(review::LONG_SUBTITLE).is_err()
        {
            return false;
        }
        self.on = true;
        CHOICE.store(PENDING, Ordering::Relaxed);
        // SAFETY: the icon and the texts are this struct's, in the static signer, for the
        // review's life.
        unsafe {
            nbgl_useCaseReviewStreamingStart(
                TYPE_TRANSACTION.into(),
                &self.icon,
                self.title.ptr(),
                self.subtitle.ptr(),
                Some(on_choice),
            )
        };
        wait_choice(comm)
    }

    /// Shows a screen (batched: NBGL gets three at a time). False when rejected.
    pub fn show(&mut self, comm: &mut Comm, label: &str, value: &str) -> bool {
        if self.batch.push(label, value).is_err() {
            return false;
        }
        !self.batch.is_full() || self.batch.flush(comm)
    }

    /// The SHA-256 of the sign bytes (a blind streamed review's last screen).
    pub fn show_hash(&mut self, comm: &mut Comm, hash: &[u8; 32]) -> bool {
        let mut hex: Buf<64> = Buf::new();
        for b in hash {
            let _ = write!(hex, "{:02X}", b);
        }
        self.show(comm, HASH_LABEL, hex.as_str())
    }

    /// The last screens, then the signing page. True when the user signs.
    pub fn finish(&mut self, comm: &mut Comm, question: &str) -> bool {
        if !self.on || !self.batch.flush(comm) || self.question.set(question).is_err() {
            return false;
        }
        if CHOICE.load(Ordering::Relaxed) == REJECTED {
            return false;
        }
        CHOICE.store(PENDING, Ordering::Relaxed);
        // SAFETY: the question is this struct's, in the static signer, for the review's
        // life.
        unsafe { nbgl_useCaseReviewStreamingFinish(self.question.ptr(), Some(on_choice)) };
        wait_choice(comm)
    }
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
