//! Base64 as Go's `encoding/json` writes `[]byte` (standard alphabet, padded), read
//! strictly: a text is accepted only when it is exactly what encoding its bytes gives
//! (no line breaks, no missing or extra padding, no stray bits in the last character),
//! so two different texts never stand for the same bytes.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn value(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == c).and_then(|p| u32::try_from(p).ok())
}

/// Decodes `text` into `out`; returns the number of bytes written, or `None` when the
/// text is not canonical padded base64 or does not fit.
pub fn decode(text: &[u8], out: &mut [u8]) -> Option<usize> {
    if !text.len().is_multiple_of(4) {
        return None;
    }
    let mut n = 0usize;
    let groups = text.len() / 4;
    for (g, quad) in text.chunks_exact(4).enumerate() {
        let last = g.checked_add(1)? == groups;
        let pad = match quad {
            [_, _, b'=', b'='] if last => 2,
            [_, _, _, b'='] if last => 1,
            _ => 0,
        };
        let mut acc: u32 = 0;
        for (i, &c) in quad.iter().enumerate() {
            let v = if i >= 4usize.checked_sub(pad)? { 0 } else { value(c)? };
            acc = acc.wrapping_shl(6) | v;
        }
        // Canonical: the bits below the last byte kept are zero.
        let keep = 3usize.checked_sub(pad)?;
        let dropped = match pad {
            0 => 0,
            1 => 0xff,
            _ => 0xffff,
        };
        if acc & dropped != 0 {
            return None;
        }
        let bytes = acc.to_be_bytes();
        for &b in bytes.get(1..1usize.checked_add(keep)?)? {
            *out.get_mut(n)? = b;
            n = n.checked_add(1)?;
        }
    }
    Some(n)
}

/// The number of bytes `text` stands for when it is canonical padded base64 (what
/// [`decode`] accepts), else `None`; checked without a buffer, for texts of any length.
pub fn canonical_len(text: &[u8]) -> Option<usize> {
    if !text.len().is_multiple_of(4) {
        return None;
    }
    let quads = text.len() / 4;
    let mut total = 0usize;
    let mut group = [0u8; 3];
    for (i, quad) in text.chunks_exact(4).enumerate() {
        let n = decode(quad, &mut group)?;
        // Padding ends the text: only the last group may be short.
        if n < 3 && i.checked_add(1)? != quads {
            return None;
        }
        total = total.checked_add(n)?;
    }
    Some(total)
}

/// The bytes of a text [`canonical_len`] accepted, one at a time.
pub struct Bytes<'a> {
    quads: core::slice::Chunks<'a, u8>,
    group: [u8; 3],
    len: usize,
    at: usize,
}

impl<'a> Bytes<'a> {
    pub fn new(text: &'a [u8]) -> Self {
        Bytes { quads: text.chunks(4), group: [0; 3], len: 0, at: 0 }
    }
}

impl Iterator for Bytes<'_> {
    type Item = u8;

    fn next(&mut self) -> Option<u8> {
        while self.at >= self.len {
            let quad = self.quads.next()?;
            self.len = decode(quad, &mut self.group)?;
            self.at = 0;
        }
        let b = self.group.get(self.at).copied();
        self.at = self.at.saturating_add(1);
        b
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::{canonical_len, decode, Bytes};

    fn dec(s: &str) -> Option<([u8; 64], usize)> {
        let mut out = [0u8; 64];
        decode(s.as_bytes(), &mut out).map(|n| (out, n))
    }

    #[test]
    fn canonical_only() {
        let (out, n) = dec("Zm9vYmFy").unwrap();
        assert_eq!(&out[..n], b"foobar");
        let (out, n) = dec("Zm9vYg==").unwrap();
        assert_eq!(&out[..n], b"foob");
        let (out, n) = dec("Zm9vYmE=").unwrap();
        assert_eq!(&out[..n], b"fooba");
        assert_eq!(dec("").unwrap().1, 0);
        // Missing padding, stray bits, padding inside, URL alphabet, whitespace.
        for bad in ["Zm9vYg", "Zm9vYh==", "Zm9vYmF=", "Zg==Zm9v", "Zm9v_w==", "Zm9v\nYmFy", "===="]
        {
            assert!(dec(bad).is_none(), "{bad}");
        }
        // Too long for the output.
        let mut small = [0u8; 2];
        assert!(decode(b"Zm9v", &mut small).is_none());
        // Any length, streamed.
        assert_eq!(canonical_len(b"Zm9vYmFy"), Some(6));
        assert_eq!(canonical_len(b"Zm9vYg=="), Some(4));
        assert_eq!(canonical_len(b"Zg==Zm9v"), None);
        assert_eq!(canonical_len(b"Zm9vYg"), None);
        assert!(Bytes::new(b"Zm9vYmE=").eq(b"fooba".iter().copied()));
    }
}
