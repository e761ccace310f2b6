//! A strict reader, and the writer, for the few CBOR items (RFC 8949) a SIGN_MODE_TEXTUAL
//! document is made of: unsigned integers, text strings, arrays, maps and `true`/`false`.
//!
//! The writer ([`write_envelope`]) produces exactly what the reader accepts and x/tx
//! writes (the host renders documents with it; the device only reads).
//!
//! Only the deterministic encoding (RFC 8949 section 4.2.1, what x/tx's encoder writes)
//! is read: every integer and length in its shortest form, definite lengths only. Tags,
//! byte strings, negative integers, floats and every other simple value are refused, as
//! is text that is not UTF-8. Nothing is copied: text borrows the document's bytes.

use super::TextualError;

/// The eight CBOR major types; the reader refuses the ones a textual document never has
/// where they appear (see [`Reader::head`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Major {
    Unsigned,
    Negative,
    Bytes,
    Text,
    Array,
    Map,
    Tag,
    Simple,
}

impl Major {
    fn of(initial: u8) -> Major {
        match initial >> 5 {
            0 => Major::Unsigned,
            1 => Major::Negative,
            2 => Major::Bytes,
            3 => Major::Text,
            4 => Major::Array,
            5 => Major::Map,
            6 => Major::Tag,
            _ => Major::Simple,
        }
    }
}

/// The simple values `false` and `true` (major type 7, arguments 20 and 21).
const FALSE: u8 = 0xf4;
const TRUE: u8 = 0xf5;

/// A cursor over CBOR bytes.
pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, pos: 0 }
    }

    /// Bytes read so far.
    pub fn position(&self) -> usize {
        self.pos
    }

    pub fn at_end(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    fn byte(&mut self) -> Result<u8, TextualError> {
        let b = *self.bytes.get(self.pos).ok_or(TextualError::Truncated)?;
        self.pos = self.pos.checked_add(1).ok_or(TextualError::Truncated)?;
        Ok(b)
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], TextualError> {
        let end = self.pos.checked_add(n).ok_or(TextualError::Truncated)?;
        let out = self.bytes.get(self.pos..end).ok_or(TextualError::Truncated)?;
        self.pos = end;
        Ok(out)
    }

    /// The next byte, not consumed.
    fn peek(&self) -> Result<u8, TextualError> {
        self.bytes.get(self.pos).copied().ok_or(TextualError::Truncated)
    }

    /// The major type of the next item, not consumed.
    pub fn peek_major(&self) -> Result<Major, TextualError> {
        self.peek().map(Major::of)
    }

    /// Reads an item's head: its major type and its argument (the value of an integer,
    /// the length of a string, array or map). Refuses indefinite lengths, the reserved
    /// additional information values, an argument not in its shortest form, and tags
    /// (a textual document has none).
    fn head(&mut self) -> Result<(Major, u64), TextualError> {
        let initial = self.byte()?;
        let major = Major::of(initial);
        if major == Major::Tag {
            return Err(TextualError::Tag);
        }
        let info = initial & 0x1f;
        let (value, shortest_min) = match info {
            0..=23 => (u64::from(info), 0),
            24 => (u64::from(self.byte()?), 24),
            25 => (u64::from(u16::from_be_bytes(self.array()?)), 0x100),
            26 => (u64::from(u32::from_be_bytes(self.array()?)), 0x1_0000),
            27 => (u64::from_be_bytes(self.array()?), 0x1_0000_0000),
            31 => return Err(TextualError::IndefiniteLength),
            _ => return Err(TextualError::ReservedInfo),
        };
        if value < shortest_min {
            return Err(TextualError::NotShortest);
        }
        Ok((major, value))
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], TextualError> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }

    /// Reads a head of major type `want`; any other type is `wrong`.
    fn expect(&mut self, want: Major, wrong: TextualError) -> Result<u64, TextualError> {
        // The type is checked before the head is read, so a wrong item is reported as a
        // wrong type even when its head would also be malformed.
        let got = self.peek_major()?;
        if got == Major::Tag {
            return Err(TextualError::Tag);
        }
        if got != want {
            return Err(wrong);
        }
        let (_, value) = self.head()?;
        Ok(value)
    }

    /// An unsigned integer.
    pub fn unsigned(&mut self, wrong: TextualError) -> Result<u64, TextualError> {
        self.expect(Major::Unsigned, wrong)
    }

    /// The length of an array.
    pub fn array_len(&mut self, wrong: TextualError) -> Result<u64, TextualError> {
        self.expect(Major::Array, wrong)
    }

    /// The number of entries of a map.
    pub fn map_len(&mut self, wrong: TextualError) -> Result<u64, TextualError> {
        self.expect(Major::Map, wrong)
    }

    /// A text string (UTF-8 checked).
    pub fn text(&mut self, wrong: TextualError) -> Result<&'a str, TextualError> {
        let len = self.expect(Major::Text, wrong)?;
        let len = usize::try_from(len).map_err(|_| TextualError::Truncated)?;
        let bytes = self.take(len)?;
        core::str::from_utf8(bytes).map_err(|_| TextualError::InvalidUtf8)
    }

    /// `true` or `false`.
    pub fn boolean(&mut self, wrong: TextualError) -> Result<bool, TextualError> {
        match self.peek()? {
            TRUE => {
                self.pos = self.pos.checked_add(1).ok_or(TextualError::Truncated)?;
                Ok(true)
            }
            FALSE => {
                self.pos = self.pos.checked_add(1).ok_or(TextualError::Truncated)?;
                Ok(false)
            }
            b if Major::of(b) == Major::Tag => Err(TextualError::Tag),
            _ => Err(wrong),
        }
    }
}

/// Writes an item's head (major type and argument) in its shortest form.
fn write_head(major: u8, value: u64, out: &mut dyn FnMut(&[u8])) {
    let m = major << 5;
    // Each arm's value fits the width it is written in (the bounds are the match's).
    match value {
        0..=23 => out(&[m | value as u8]),
        24..=0xff => out(&[m | 24, value as u8]),
        0x100..=0xffff => {
            out(&[m | 25]);
            out(&(value as u16).to_be_bytes());
        }
        0x1_0000..=0xffff_ffff => {
            out(&[m | 26]);
            out(&(value as u32).to_be_bytes());
        }
        _ => {
            out(&[m | 27]);
            out(&value.to_be_bytes());
        }
    }
}

fn write_text(s: &str, out: &mut dyn FnMut(&[u8])) {
    write_head(3, s.len() as u64, out);
    out(s.as_bytes());
}

/// Writes the document `{1: [screens]}` as x/tx encodes it: each screen a map of its
/// non-default entries (`1` title, `2` content, `3` indent, `4` expert) in key order.
/// The limits of [`super`] are not checked here (the reader checks them).
pub fn write_envelope(screens: &[super::Screen<'_>], out: &mut dyn FnMut(&[u8])) {
    write_head(5, 1, out);
    write_head(0, 1, out);
    write_head(4, screens.len() as u64, out);
    for s in screens {
        let entries = [!s.title.is_empty(), !s.content.is_empty(), s.indent > 0, s.expert]
            .iter()
            .filter(|present| **present)
            .count() as u64;
        write_head(5, entries, out);
        if !s.title.is_empty() {
            write_head(0, 1, out);
            write_text(s.title, out);
        }
        if !s.content.is_empty() {
            write_head(0, 2, out);
            write_text(s.content, out);
        }
        if s.indent > 0 {
            write_head(0, 3, out);
            write_head(0, u64::from(s.indent), out);
        }
        if s.expert {
            write_head(0, 4, out);
            out(&[TRUE]);
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn heads_in_shortest_form() {
        let head = |v: u64| {
            let mut out = [0u8; 9];
            let mut n = 0;
            write_head(0, v, &mut |b: &[u8]| {
                out[n..n + b.len()].copy_from_slice(b);
                n += b.len();
            });
            let mut r = Reader::new(&out[..n]);
            assert_eq!(r.unsigned(W), Ok(v));
            assert!(r.at_end());
            n
        };
        assert_eq!(head(23), 1);
        assert_eq!(head(24), 2);
        assert_eq!(head(255), 2);
        assert_eq!(head(256), 3);
        assert_eq!(head(65_535), 3);
        assert_eq!(head(65_536), 5);
        assert_eq!(head(0xffff_ffff), 5);
        assert_eq!(head(0x1_0000_0000), 9);
        assert_eq!(head(u64::MAX), 9);
    }

    const W: TextualError = TextualError::WrongType;

    #[test]
    fn shortest_integers_only() {
        assert_eq!(Reader::new(&[0x17]).unsigned(W), Ok(23));
        assert_eq!(Reader::new(&[0x18, 24]).unsigned(W), Ok(24));
        assert_eq!(Reader::new(&[0x18, 23]).unsigned(W), Err(TextualError::NotShortest));
        assert_eq!(Reader::new(&[0x19, 0x01, 0x00]).unsigned(W), Ok(256));
        assert_eq!(Reader::new(&[0x19, 0x00, 0xff]).unsigned(W), Err(TextualError::NotShortest));
        assert_eq!(
            Reader::new(&[0x1a, 0, 0, 0xff, 0xff]).unsigned(W),
            Err(TextualError::NotShortest)
        );
        assert_eq!(
            Reader::new(&[0x1b, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]).unsigned(W),
            Err(TextualError::NotShortest)
        );
        assert_eq!(Reader::new(&[0x1b, 0, 0, 0, 1, 0, 0, 0, 0]).unsigned(W), Ok(0x1_0000_0000));
        assert_eq!(Reader::new(&[0x1c]).unsigned(W), Err(TextualError::ReservedInfo));
        assert_eq!(Reader::new(&[0x19, 0x01]).unsigned(W), Err(TextualError::Truncated));
    }

    #[test]
    fn strings_and_simple_values() {
        assert_eq!(Reader::new(&[0x62, b'h', b'i']).text(W), Ok("hi"));
        assert_eq!(Reader::new(&[0x62, 0xc3, 0x28]).text(W), Err(TextualError::InvalidUtf8));
        assert_eq!(Reader::new(&[0x63, b'h', b'i']).text(W), Err(TextualError::Truncated));
        assert_eq!(
            Reader::new(&[0x7f, 0x61, b'h', 0xff]).text(W),
            Err(TextualError::IndefiniteLength)
        );
        assert_eq!(Reader::new(&[0x42, b'h', b'i']).text(W), Err(W));
        assert_eq!(Reader::new(&[0xc0, 0x61, b'h']).text(W), Err(TextualError::Tag));
        assert_eq!(Reader::new(&[0xf5]).boolean(W), Ok(true));
        assert_eq!(Reader::new(&[0xf4]).boolean(W), Ok(false));
        assert_eq!(Reader::new(&[0xf6]).boolean(W), Err(W));
        assert_eq!(Reader::new(&[0x01]).boolean(W), Err(W));
    }
}
