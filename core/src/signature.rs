//! ECDSA signatures as Cosmos wants them: DER, with `s` in the lower half of the group
//! order (low-S). The secure element signs with RFC 6979 but does not normalise `s`; the
//! device passes its DER signature through [`normalize_low_s`] before replying.

/// The order `n` of secp256k1, big-endian.
pub const ORDER: [u8; 32] = [
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE,
    0xBA, 0xAE, 0xDC, 0xE6, 0xAF, 0x48, 0xA0, 0x3B, 0xBF, 0xD2, 0x5E, 0x8C, 0xD0, 0x36, 0x41, 0x41,
];
/// `n / 2`, big-endian: the largest low `s`.
pub const HALF_ORDER: [u8; 32] = [
    0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0x5D, 0x57, 0x6E, 0x73, 0x57, 0xA4, 0x50, 0x1D, 0xDF, 0xE9, 0x2F, 0x46, 0x68, 0x1B, 0x20, 0xA0,
];

/// Longest DER encoding of a secp256k1 signature.
pub const MAX_DER: usize = 72;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BadSignature;

/// `(r, s)` as 32-byte big-endian integers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Signature {
    pub r: [u8; 32],
    pub s: [u8; 32],
}

/// Reads one DER INTEGER (minimal, non-negative, at most 32 significant bytes).
fn read_integer(der: &[u8]) -> Result<([u8; 32], &[u8]), BadSignature> {
    let (&tag, rest) = der.split_first().ok_or(BadSignature)?;
    let (&len, rest) = rest.split_first().ok_or(BadSignature)?;
    let len = usize::from(len);
    if tag != 0x02 || len == 0 || len > 33 {
        return Err(BadSignature);
    }
    let bytes = rest.get(..len).ok_or(BadSignature)?;
    let tail = rest.get(len..).ok_or(BadSignature)?;
    let (&first, _) = bytes.split_first().ok_or(BadSignature)?;
    if first & 0x80 != 0 {
        return Err(BadSignature); // negative
    }
    let mut digits = bytes;
    if first == 0 {
        // A leading zero only when the next byte has its top bit set.
        match bytes.get(1) {
            Some(b) if b & 0x80 != 0 => digits = bytes.get(1..).ok_or(BadSignature)?,
            _ if len == 1 => {}
            _ => return Err(BadSignature),
        }
    }
    if digits.len() > 32 {
        return Err(BadSignature);
    }
    let mut out = [0u8; 32];
    let start = 32usize.checked_sub(digits.len()).ok_or(BadSignature)?;
    out.get_mut(start..).ok_or(BadSignature)?.copy_from_slice(digits);
    Ok((out, tail))
}

impl Signature {
    /// Parses a strict DER `SEQUENCE { INTEGER r, INTEGER s }`.
    pub fn from_der(der: &[u8]) -> Result<Self, BadSignature> {
        let (&tag, rest) = der.split_first().ok_or(BadSignature)?;
        let (&len, body) = rest.split_first().ok_or(BadSignature)?;
        if tag != 0x30 || usize::from(len) != body.len() {
            return Err(BadSignature);
        }
        let (r, rest) = read_integer(body)?;
        let (s, rest) = read_integer(rest)?;
        if !rest.is_empty() {
            return Err(BadSignature);
        }
        Ok(Signature { r, s })
    }

    /// The 64-byte `r || s` form Cosmos transactions carry.
    pub fn to_compact(&self) -> [u8; 64] {
        let mut out = [0u8; 64];
        for (dst, src) in out.iter_mut().zip(self.r.iter().chain(self.s.iter())) {
            *dst = *src;
        }
        out
    }

    pub fn is_low_s(&self) -> bool {
        self.s <= HALF_ORDER
    }

    /// Replaces `s` by `n - s` when `s` is high.
    pub fn normalize(&mut self) {
        if self.is_low_s() {
            return;
        }
        let mut borrow = false;
        for (s, n) in self.s.iter_mut().zip(ORDER.iter()).rev() {
            let (d, b1) = n.overflowing_sub(*s);
            let (d, b2) = d.overflowing_sub(u8::from(borrow));
            *s = d;
            borrow = b1 || b2;
        }
    }

    /// Writes the minimal DER encoding into `out`; returns its length.
    pub fn to_der(&self, out: &mut [u8; MAX_DER]) -> usize {
        fn integer(v: &[u8; 32]) -> (&[u8], bool) {
            let skip = v.iter().take_while(|b| **b == 0).count().min(31);
            let digits = v.get(skip..).unwrap_or(&[0]);
            let pad = digits.first().is_some_and(|b| b & 0x80 != 0);
            (digits, pad)
        }
        let (r, r_pad) = integer(&self.r);
        let (s, s_pad) = integer(&self.s);
        // At most 33 bytes each: the lengths below cannot overflow.
        let r_len = r.len().saturating_add(usize::from(r_pad));
        let s_len = s.len().saturating_add(usize::from(s_pad));
        let body = r_len.saturating_add(s_len).saturating_add(4);
        let mut at = 0usize;
        let mut put = |b: u8| {
            if let Some(slot) = out.get_mut(at) {
                *slot = b;
            }
            at = at.saturating_add(1);
        };
        put(0x30);
        put(u8::try_from(body).unwrap_or(0));
        for (len, pad, digits) in [(r_len, r_pad, r), (s_len, s_pad, s)] {
            put(0x02);
            put(u8::try_from(len).unwrap_or(0));
            if pad {
                put(0);
            }
            for b in digits {
                put(*b);
            }
        }
        at.min(MAX_DER)
    }
}

/// Normalises a DER signature to low-S in place; returns the new length.
pub fn normalize_low_s(der: &[u8], out: &mut [u8; MAX_DER]) -> Result<usize, BadSignature> {
    let mut sig = Signature::from_der(der)?;
    sig.normalize();
    Ok(sig.to_der(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> [u8; 32] {
        let mut out = [0u8; 32];
        for (i, b) in out.iter_mut().enumerate() {
            *b = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap();
        }
        out
    }

    #[test]
    fn high_s_becomes_n_minus_s() {
        let mut sig = Signature { r: [1; 32], s: ORDER };
        sig.s[31] = 0x40; // n - 1
        assert!(!sig.is_low_s());
        sig.normalize();
        let mut one = [0u8; 32];
        one[31] = 1;
        assert_eq!(sig.s, one);

        // Half order itself is low; half + 1 is high and maps to half.
        let mut sig = Signature { r: [1; 32], s: HALF_ORDER };
        assert!(sig.is_low_s());
        sig.s[31] += 1;
        assert!(!sig.is_low_s());
        sig.normalize();
        assert_eq!(sig.s, HALF_ORDER);

        // A value needing a borrow across many bytes: n - 0x8000...0000.
        let mut sig = Signature { r: [1; 32], s: [0; 32] };
        sig.s[0] = 0x80;
        sig.normalize();
        assert_eq!(sig.s, hex("7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141"));
    }

    #[test]
    fn der_round_trip_and_strictness() {
        // r with the top bit set needs a 0x00 pad; s small and short.
        let mut r = [0u8; 32];
        r[0] = 0x80;
        let mut s = [0u8; 32];
        s[31] = 0x05;
        let sig = Signature { r, s };
        let mut out = [0u8; MAX_DER];
        let n = sig.to_der(&mut out);
        let mut expected = [0u8; 40];
        expected[..6].copy_from_slice(&[0x30, 38, 0x02, 33, 0x00, 0x80]);
        expected[37..].copy_from_slice(&[0x02, 1, 0x05]);
        assert_eq!(&out[..n], &expected[..]);
        assert_eq!(Signature::from_der(&out[..n]), Ok(sig));

        for bad in [
            &[0x30, 6, 0x02, 1, 0x01, 0x02, 1, 0x81][..], // negative s
            &[0x30, 7, 0x02, 2, 0x00, 0x01, 0x02, 1, 0x01], // non-minimal r
            &[0x30, 6, 0x02, 1, 0x01, 0x02, 1, 0x01, 0x00], // trailing byte
            &[0x31, 6, 0x02, 1, 0x01, 0x02, 1, 0x01],     // not a SEQUENCE
            &[0x30, 6, 0x02, 1, 0x01, 0x02, 2, 0x01],     // truncated
            &[],
        ] {
            assert_eq!(Signature::from_der(bad), Err(BadSignature), "{bad:x?}");
        }
        assert_eq!(
            Signature::from_der(&[0x30, 6, 0x02, 1, 0x00, 0x02, 1, 0x01]).map(|s| s.s[31]),
            Ok(1)
        );
    }
}
