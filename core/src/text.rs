//! Text as it arrives in a sign document, and how it is made safe to show.
//!
//! A [`Text`] borrows the sign bytes: a protobuf string (already checked UTF-8) or a
//! JSON string (still escaped; decoded lazily). Both iterate the same `char`s, so the
//! same transaction renders the same in both sign modes.
//!
//! [`write_visible`] writes text for a screen: printable ASCII as is; a backslash as
//! `\\`; control characters as `\n`, `\t`, `\r` or `\xNN`; every other character as
//! `\u{XXXX}`. Device fonts are ASCII, and a homoglyph (Cyrillic `а`) or a
//! right-to-left override must never pass as something else.

use core::fmt::Write;

use crate::json::JsonStr;

#[derive(Clone, Copy, Debug)]
pub enum Text<'a> {
    Plain(&'a str),
    Json(JsonStr<'a>),
}

impl<'a> Text<'a> {
    pub const EMPTY: Text<'static> = Text::Plain("");

    pub fn chars(&self) -> TextChars<'a> {
        match self {
            Text::Plain(s) => TextChars::Plain(s.chars()),
            Text::Json(j) => TextChars::Json(j.chars()),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.chars().next().is_none()
    }

    /// True when the text is exactly `s`.
    pub fn eq_str(&self, s: &str) -> bool {
        match self {
            Text::Plain(p) => *p == s,
            Text::Json(j) => j.eq_str(s),
        }
    }

    /// True when both texts hold the same characters.
    pub fn eq_text(&self, other: &Text<'_>) -> bool {
        self.chars().eq(other.chars())
    }

    /// The text as a `&str` when it needs no decoding.
    pub fn as_plain(&self) -> Option<&'a str> {
        match self {
            Text::Plain(p) => Some(p),
            Text::Json(j) => j.as_plain_str(),
        }
    }

    /// Number of characters.
    pub fn char_len(&self) -> usize {
        self.chars().count()
    }

    pub fn starts_with(&self, prefix: &str) -> bool {
        let mut chars = self.chars();
        prefix.chars().all(|p| chars.next() == Some(p))
    }
}

pub enum TextChars<'a> {
    Plain(core::str::Chars<'a>),
    Json(crate::json::JsonChars<'a>),
}

impl Iterator for TextChars<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        match self {
            TextChars::Plain(c) => c.next(),
            TextChars::Json(c) => c.next(),
        }
    }
}

/// Writes one character in its visible form (see the module documentation).
pub fn write_visible_char<W: Write + ?Sized>(out: &mut W, c: char) -> core::fmt::Result {
    match c {
        '\\' => out.write_str("\\\\"),
        '\n' => out.write_str("\\n"),
        '\t' => out.write_str("\\t"),
        '\r' => out.write_str("\\r"),
        ' '..='~' => out.write_char(c),
        c if (c as u32) < 0x20 || c as u32 == 0x7f => write!(out, "\\x{:02X}", c as u32),
        c => write!(out, "\\u{{{:04X}}}", c as u32),
    }
}

/// Writes `text` in its visible form.
pub fn write_visible<W: Write + ?Sized>(out: &mut W, text: &Text<'_>) -> core::fmt::Result {
    text.chars().try_for_each(|c| write_visible_char(out, c))
}

/// True when every character of the text is shown as itself (nothing escaped).
pub fn is_plain_printable(text: &Text<'_>) -> bool {
    text.chars().all(|c| matches!(c, ' '..='~') && c != '\\')
}

/// A fixed-capacity text buffer: what is written past its capacity is refused.
pub struct Buf<const N: usize> {
    bytes: [u8; N],
    len: usize,
}

impl<const N: usize> Buf<N> {
    pub const fn new() -> Self {
        Buf { bytes: [0; N], len: 0 }
    }
    pub fn as_str(&self) -> &str {
        self.bytes.get(..self.len).and_then(|b| core::str::from_utf8(b).ok()).unwrap_or("")
    }
    pub fn clear(&mut self) {
        self.len = 0;
    }
    pub fn len(&self) -> usize {
        self.len
    }
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    pub fn truncate(&mut self, len: usize) {
        self.len = self.len.min(len);
    }
    /// Appends one byte, when there is room (false when full). A byte of a character
    /// written in parts (a page boundary splitting it) leaves [`Buf::as_str`] empty until
    /// the character is whole.
    pub(crate) fn push_byte(&mut self, b: u8) -> bool {
        let Some(slot) = self.bytes.get_mut(self.len) else { return false };
        *slot = b;
        self.len = self.len.saturating_add(1);
        true
    }
}

impl<const N: usize> Default for Buf<N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const N: usize> Write for Buf<N> {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        let end = self.len.checked_add(s.len()).ok_or(core::fmt::Error)?;
        let dst = self.bytes.get_mut(self.len..end).ok_or(core::fmt::Error)?;
        dst.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use std::string::String;

    fn visible(s: &str) -> String {
        let mut out = String::new();
        write_visible(&mut out, &Text::Plain(s)).unwrap();
        out
    }

    #[test]
    fn visible_forms() {
        assert_eq!(visible("hello world"), "hello world");
        assert_eq!(visible("a\\b"), "a\\\\b");
        assert_eq!(visible("l1\nl2\tx\r"), "l1\\nl2\\tx\\r");
        assert_eq!(visible("\u{7}\u{7f}"), "\\x07\\x7F");
        // Cyrillic a in "milk", right-to-left override, emoji
        assert_eq!(visible("mil\u{43a}"), "mil\\u{043A}");
        assert_eq!(visible("\u{202e}abc"), "\\u{202E}abc");
        assert_eq!(visible("\u{1F600}"), "\\u{1F600}");
        assert!(is_plain_printable(&Text::Plain("milk1abc")));
        assert!(!is_plain_printable(&Text::Plain("milk\u{430}")));
    }

    #[test]
    fn compare() {
        let t = Text::Plain("milkyway");
        assert!(t.eq_str("milkyway"));
        assert!(!t.eq_str("milky"));
        assert!(t.starts_with("milk"));
        assert!(!t.starts_with("milkywayz"));
        assert!(t.eq_text(&Text::Plain("milkyway")));
        assert_eq!(t.char_len(), 8);
        assert!(Text::EMPTY.is_empty());
    }
}
