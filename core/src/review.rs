//! The review of a streamed sign document: its screens held in RAM, or shown in parts.
//!
//! The device decodes a document as its chunks arrive ([`crate::stream`]) and keeps the
//! screens' text, not the document, in a [`ScreenStore`]. When the last chunk has come
//! and every screen fits, the document has been decoded and checked in full before
//! anything is shown, and the standard review shows the held screens with back and
//! forth navigation and the position (NBGL's `nbgl_useCaseReview`). When the screens
//! overflow the store, the review is *streamed*: it starts then, with a first page
//! saying the transaction is long and shown in parts ([`LONG_TITLE`]), shows the held
//! screens, and from then on each chunk's screens while that chunk's reply is held.
//!
//! The host's preview runs the same store with the device's [`Memory`], so it prints the
//! device's pages for any document.

use crate::render::{Buf, LABEL_CHARS};

/// NBGL's tag-value list counts its pairs in a `u8`: the most screens one standard
/// review holds.
pub const MAX_HELD_SCREENS: usize = 255;

/// The first page of a streamed review.
pub const LONG_TITLE: &str = "Review long transaction";
/// Its second line: what the user is about to see.
pub const LONG_SUBTITLE: &str = "Shown in parts as it arrives";

/// A streamed review's screen where a message the app cannot read begins (blind signing
/// on): nothing more is shown, the hash comes last.
pub const BLIND_LABEL: &str = "Blind signing";
pub const BLIND_WARNING: &str =
    "A message here cannot be shown: the rest of this transaction is not reviewed. Its hash comes last.";

/// The label of the SHA-256 of the sign bytes, the last screen of a blind review, on a
/// Nano: there the label of a value over two pages carries "(1/2)", and "Transaction
/// hash (1/2)" would be cut to "Transac...sh (1/2)".
pub const HASH_LABEL_NANO: &str = "Tx hash";
/// The same on the touch screens (Stax, Flex, Apex P).
pub const HASH_LABEL_TOUCH: &str = "Transaction hash";

/// The RAM one device gives a signature, in bytes: the streaming decoder's element and
/// held buffers ([`crate::stream::Stream`]) and the screen store.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Memory {
    pub element: usize,
    pub held: usize,
    pub store: usize,
}

/// Nano X has the least RAM: its element buffer is three quarters of the others' (x/tx's
/// largest textual test vector, 2896 bytes, must fit: the device reads a
/// SIGN_MODE_TEXTUAL document whole in it) and its store holds about 25 screens. The
/// sizes keep every device's stack high-water at most 75 % of what is left to the stack
/// (measured with the `stack_probe` build: the deepest document the core accepts takes
/// about 12 KiB of stack on Nano X, 11.3 KiB on the others).
pub const NANOX: Memory = Memory { element: 3072, held: 1536, store: 1536 };
pub const NANOSP: Memory = Memory { element: 4096, held: 1536, store: 8192 };
pub const STAX: Memory = Memory { element: 4096, held: 1536, store: 4096 };
pub const FLEX: Memory = STAX;
pub const APEX_P: Memory = Memory { element: 4096, held: 1536, store: 8192 };

/// The memory of a device by its Speculos model name (`nanosp`, `nanox`, `stax`, `flex`,
/// `apex_p`).
pub fn memory_of(model: &str) -> Option<Memory> {
    Some(match model {
        "nanosp" | "nanosplus" => NANOSP,
        "nanox" => NANOX,
        "stax" => STAX,
        "flex" => FLEX,
        "apex_p" => APEX_P,
        _ => return None,
    })
}

/// Bytes before each screen's text: the action index (`u16`, 0 for none), the label's
/// room (`u8`) and the value's length (`u16`).
const HEADER: usize = 5;
/// The room kept for an action title's label, renumbered at the end ("Action 12/200").
const ACTION_ROOM: usize = 20;

/// Screens held as text in the caller's bytes (the device's are a static), at most
/// [`MAX_HELD_SCREENS`] screens. Each label and value is stored NUL-terminated, so the
/// device hands NBGL pointers into the store.
pub struct ScreenStore<'b> {
    bytes: &'b mut [u8],
    /// Bytes used.
    used: usize,
    count: usize,
}

/// The store has no room for the screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Full;

impl<'b> ScreenStore<'b> {
    pub fn new(bytes: &'b mut [u8]) -> Self {
        ScreenStore { bytes, used: 0, count: 0 }
    }

    pub fn clear(&mut self) {
        self.used = 0;
        self.count = 0;
    }

    /// Screens held.
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Holds a screen; `action` is `Some(i)` for top-level message `i`'s title screen,
    /// whose label [`Self::number`] writes at the end. Nothing is written when it does
    /// not fit.
    pub fn push(&mut self, label: &str, value: &str, action: Option<usize>) -> Result<(), Full> {
        if self.count >= MAX_HELD_SCREENS {
            return Err(Full);
        }
        let index = match action {
            Some(i) => u16::try_from(i).map_err(|_| Full)?.max(1),
            None => 0,
        };
        let room = if action.is_some() { ACTION_ROOM } else { label.len().saturating_add(1) };
        let room_u8 = u8::try_from(room).map_err(|_| Full)?;
        let value_len = u16::try_from(value.len()).map_err(|_| Full)?;
        let size = HEADER
            .checked_add(room)
            .and_then(|n| n.checked_add(value.len()))
            .and_then(|n| n.checked_add(1))
            .ok_or(Full)?;
        let end = self.used.checked_add(size).ok_or(Full)?;
        let slot = self.bytes.get_mut(self.used..end).ok_or(Full)?;
        let (header, rest) = slot.split_at_mut(HEADER);
        let (label_room, value_room) = rest.split_at_mut(room);
        header.copy_from_slice(&[
            index.to_le_bytes()[0],
            index.to_le_bytes()[1],
            room_u8,
            value_len.to_le_bytes()[0],
            value_len.to_le_bytes()[1],
        ]);
        label_room.fill(0);
        let label_bytes = label.as_bytes();
        let kept = label_bytes.len().min(room.saturating_sub(1));
        label_room
            .get_mut(..kept)
            .ok_or(Full)?
            .copy_from_slice(label_bytes.get(..kept).ok_or(Full)?);
        let (value_text, nul) = value_room.split_at_mut(value.len());
        value_text.copy_from_slice(value.as_bytes());
        nul.fill(0);
        self.used = end;
        self.count = self.count.saturating_add(1);
        Ok(())
    }

    /// Writes every action title's label: "Action i/count", or "Action i" without a
    /// count (a streamed review: the count is not known yet).
    pub fn number(&mut self, count: Option<usize>) {
        let mut at = 0usize;
        while let Some(entry) = self.entry_at(at) {
            if entry.action != 0 {
                let label = crate::stream::action_label(usize::from(entry.action), count);
                let text = label.as_str().as_bytes();
                let start = at.saturating_add(HEADER);
                if let Some(room) = self.bytes.get_mut(start..start.saturating_add(entry.room)) {
                    room.fill(0);
                    let kept = text.len().min(entry.room.saturating_sub(1));
                    if let (Some(dst), Some(src)) = (room.get_mut(..kept), text.get(..kept)) {
                        dst.copy_from_slice(src);
                    }
                }
            }
            at = entry.next;
        }
    }

    /// Screen `i`: its label and value, each with its terminating NUL.
    pub fn get_c(&self, i: usize) -> Option<(&[u8], &[u8])> {
        let mut at = 0usize;
        for _ in 0..i {
            at = self.entry_at(at)?.next;
        }
        let e = self.entry_at(at)?;
        let label_start = at.checked_add(HEADER)?;
        let room = self.bytes.get(label_start..label_start.checked_add(e.room)?)?;
        let label_len = room.iter().position(|&b| b == 0)?;
        let label = room.get(..=label_len)?;
        let value_start = label_start.checked_add(e.room)?;
        let value =
            self.bytes.get(value_start..value_start.checked_add(e.value_len)?.checked_add(1)?)?;
        Some((label, value))
    }

    /// Screen `i` as text.
    pub fn get(&self, i: usize) -> Option<(&str, &str)> {
        let (label, value) = self.get_c(i)?;
        let label = core::str::from_utf8(label.split_last()?.1).ok()?;
        let value = core::str::from_utf8(value.split_last()?.1).ok()?;
        Some((label, value))
    }

    fn entry_at(&self, at: usize) -> Option<Entry> {
        if at >= self.used {
            return None;
        }
        let h = self.bytes.get(at..at.checked_add(HEADER)?)?;
        let action = u16::from_le_bytes([*h.first()?, *h.get(1)?]);
        let room = usize::from(*h.get(2)?);
        let value_len = usize::from(u16::from_le_bytes([*h.get(3)?, *h.get(4)?]));
        let next =
            at.checked_add(HEADER)?.checked_add(room)?.checked_add(value_len)?.checked_add(1)?;
        Some(Entry { action, room, value_len, next })
    }
}

struct Entry {
    action: u16,
    room: usize,
    value_len: usize,
    next: usize,
}

/// Where a streamed document's screens go: held while they fit, else the review turns
/// streamed. The device and the host's preview both drive their review with it.
pub struct Collector<'b> {
    pub store: ScreenStore<'b>,
    /// The review is streamed (the store overflowed once).
    pub streaming: bool,
}

/// What the caller does with a screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placed {
    /// Held in the store.
    Held,
    /// The store was full: the review turns streamed now. The caller starts it
    /// ([`LONG_TITLE`]), shows the held screens (numbered without a count), clears the
    /// store, then shows this screen.
    Overflow,
    /// Streaming already: the caller shows this screen.
    Show,
}

impl<'b> Collector<'b> {
    pub fn new(bytes: &'b mut [u8]) -> Self {
        Collector { store: ScreenStore::new(bytes), streaming: false }
    }

    pub fn reset(&mut self) {
        self.store.clear();
        self.streaming = false;
    }

    /// Takes a screen of the document.
    pub fn place(&mut self, label: &str, value: &str, action: Option<usize>) -> Placed {
        if self.streaming {
            return Placed::Show;
        }
        match self.store.push(label, value, action) {
            Ok(()) => Placed::Held,
            Err(Full) => {
                self.streaming = true;
                self.store.number(None);
                Placed::Overflow
            }
        }
    }
}

/// A screen's text for a streamed review: "Action i" for a title screen.
pub fn streamed_label<'a>(
    label: &'a str,
    action: Option<usize>,
    buf: &'a mut Buf<LABEL_CHARS>,
) -> &'a str {
    match action {
        Some(i) => {
            *buf = crate::stream::action_label(i, None);
            buf.as_str()
        }
        None => label,
    }
}
