//! A strict reader for the few CBOR items (RFC 8949) a SIGN_MODE_TEXTUAL document is made
//! of: unsigned integers, text strings, arrays, maps and `true`/`false`.
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

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

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
