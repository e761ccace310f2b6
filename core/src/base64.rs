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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::decode;

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
    }
}
