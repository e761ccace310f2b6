//! Exact decimal formatting of amounts, rates and weights.
//!
//! Amounts are Cosmos `Int`s of any length (up to 78 digits, the size of a 256-bit
//! integer): they are never converted to a machine integer, only re-written with a
//! decimal point, so nothing overflows and nothing is rounded.

use core::fmt::{self, Write};

use crate::error::Error;
use crate::text::Text;

/// A Cosmos `Int` has at most 256 bits: 78 decimal digits.
pub const MAX_INT_DIGITS: usize = 78;
const MAX_DIGITS: usize = 100;

/// An exact non-negative decimal: `digits` x 10^-`scale`.
#[derive(Clone, Copy)]
pub struct Decimal {
    digits: [u8; MAX_DIGITS],
    len: usize,
    scale: u8,
}

impl Decimal {
    fn push(&mut self, d: u8) -> Result<(), Error> {
        let slot = self.digits.get_mut(self.len).ok_or(Error::AmountTooLarge)?;
        *slot = d;
        self.len = self.len.saturating_add(1);
        Ok(())
    }

    fn empty(scale: u8) -> Self {
        Decimal { digits: [0; MAX_DIGITS], len: 0, scale }
    }

    /// A Cosmos `Int` amount: ASCII digits, no sign, no leading zero (except "0"),
    /// at most 78 digits.
    pub fn from_int(text: &Text<'_>, scale: u8) -> Result<Self, Error> {
        let mut d = Decimal::empty(scale);
        let mut first = true;
        let mut leading_zero = false;
        for c in text.chars() {
            let v = c.to_digit(10).ok_or(Error::InvalidAmount)?;
            if !first && leading_zero {
                return Err(Error::InvalidAmount);
            }
            if first && v == 0 {
                leading_zero = true;
            }
            first = false;
            if d.len >= MAX_INT_DIGITS {
                return Err(Error::AmountTooLarge);
            }
            d.push(v as u8)?;
        }
        if first {
            return Err(Error::InvalidAmount);
        }
        Ok(d)
    }

    /// A decimal string `int[.frac]` (gov v1 weights, Amino LegacyDec).
    pub fn from_decimal_str(text: &Text<'_>) -> Result<Self, Error> {
        let mut d = Decimal::empty(0);
        let mut seen_point = false;
        let mut int_digits = 0usize;
        let mut frac_digits = 0u8;
        for c in text.chars() {
            if c == '.' {
                if seen_point || int_digits == 0 {
                    return Err(Error::InvalidDecimal);
                }
                seen_point = true;
                continue;
            }
            let v = c.to_digit(10).ok_or(Error::InvalidDecimal)?;
            if seen_point {
                frac_digits = frac_digits.checked_add(1).ok_or(Error::InvalidDecimal)?;
            } else {
                int_digits = int_digits.saturating_add(1);
            }
            d.push(v as u8).map_err(|_| Error::InvalidDecimal)?;
        }
        if int_digits == 0 || (seen_point && frac_digits == 0) {
            return Err(Error::InvalidDecimal);
        }
        d.scale = frac_digits;
        Ok(d)
    }

    pub fn is_zero(&self) -> bool {
        self.digits.iter().take(self.len).all(|&d| d == 0)
    }

    /// Writes the value multiplied by 10^`shift` with the fewest digits: no leading
    /// zeros before the point, no trailing zeros after it, no point for whole numbers.
    pub fn write_shifted<W: Write + ?Sized>(&self, out: &mut W, shift: u8) -> fmt::Result {
        let digits = self.digits.get(..self.len).unwrap_or(&[]);
        let (scale, extra_zeros) = if shift >= self.scale {
            (0usize, usize::from(shift.saturating_sub(self.scale)))
        } else {
            (usize::from(self.scale.saturating_sub(shift)), 0)
        };
        let int_len = digits.len().saturating_sub(scale);
        // int_len <= digits.len(), so the split always succeeds.
        let (int_part, frac_part) = digits.split_at_checked(int_len).unwrap_or((digits, &[]));
        // integer part
        let int_trimmed: &[u8] = {
            let first_nonzero = int_part.iter().position(|&d| d != 0).unwrap_or(int_part.len());
            int_part.get(first_nonzero..).unwrap_or(&[])
        };
        if int_trimmed.is_empty() {
            out.write_char('0')?;
        } else {
            for &d in int_trimmed {
                out.write_char(char::from(b'0'.saturating_add(d)))?;
            }
            // A whole number shifted left gains zeros (scale is 0 here, the fraction empty).
            for _ in 0..extra_zeros {
                out.write_char('0')?;
            }
        }
        // fraction: pad with leading zeros when the number has fewer digits than scale
        let pad = scale.saturating_sub(frac_part.len());
        let last_nonzero = frac_part.iter().rposition(|&d| d != 0);
        if let Some(last) = last_nonzero {
            out.write_char('.')?;
            for _ in 0..pad {
                out.write_char('0')?;
            }
            for &d in frac_part.iter().take(last.saturating_add(1)) {
                out.write_char(char::from(b'0'.saturating_add(d)))?;
            }
        }
        Ok(())
    }

    /// Writes the value as a percentage (`0.5` → `50%`).
    pub fn write_percent<W: Write + ?Sized>(&self, out: &mut W) -> fmt::Result {
        self.write_shifted(out, 2)?;
        out.write_char('%')
    }

    /// Writes the value divided by 10^`decimals` (base units to display units).
    pub fn write_units<W: Write + ?Sized>(&self, out: &mut W, decimals: u8) -> fmt::Result {
        let mut scaled = *self;
        scaled.scale = self.scale.saturating_add(decimals);
        scaled.write_shifted(out, 0)
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use std::string::String;

    fn units(amount: &str, decimals: u8) -> String {
        let mut s = String::new();
        Decimal::from_int(&Text::Plain(amount), 0).unwrap().write_units(&mut s, decimals).unwrap();
        s
    }

    fn pct_raw18(raw: &str) -> String {
        let mut s = String::new();
        Decimal::from_int(&Text::Plain(raw), 18).unwrap().write_percent(&mut s).unwrap();
        s
    }

    fn pct_dec(dec: &str) -> String {
        let mut s = String::new();
        Decimal::from_decimal_str(&Text::Plain(dec)).unwrap().write_percent(&mut s).unwrap();
        s
    }

    #[test]
    fn amounts_exact() {
        assert_eq!(units("10500000", 6), "10.5");
        assert_eq!(units("1", 6), "0.000001");
        assert_eq!(units("0", 6), "0");
        assert_eq!(units("1000000", 6), "1");
        assert_eq!(units("123", 0), "123");
        assert_eq!(units("5000", 6), "0.005");
        let big = "115792089237316195423570985008687907853269984665640564039457584007913129639935";
        assert_eq!(
            units(big, 6),
            "115792089237316195423570985008687907853269984665640564039457584007913129.639935"
        );
        assert_eq!(units(big, 0), big);
    }

    #[test]
    fn amounts_refused() {
        for bad in ["", "-1", "+1", "1.5", " 1", "1 ", "01", "00", "1e3", "１"] {
            assert!(Decimal::from_int(&Text::Plain(bad), 0).is_err(), "{bad:?}");
        }
        let eighty = "1".repeat(80);
        assert_eq!(Decimal::from_int(&Text::Plain(&eighty), 0).err(), Some(Error::AmountTooLarge));
        assert!(Decimal::from_int(&Text::Plain(&"9".repeat(78)), 0).is_ok());
    }

    #[test]
    fn rates_both_forms_agree() {
        assert_eq!(pct_raw18("500000000000000000"), "50%");
        assert_eq!(pct_dec("0.500000000000000000"), "50%");
        assert_eq!(pct_dec("0.5"), "50%");
        assert_eq!(pct_raw18("100000000000000000"), "10%");
        assert_eq!(pct_raw18("1000000000000000000"), "100%");
        assert_eq!(pct_dec("1"), "100%");
        assert_eq!(pct_dec("1.0"), "100%");
        assert_eq!(pct_raw18("333333333333333333"), "33.3333333333333333%");
        assert_eq!(pct_dec("0.333333333333333333"), "33.3333333333333333%");
        assert_eq!(pct_raw18("1"), "0.0000000000000001%");
        assert_eq!(pct_raw18("0"), "0%");
        assert_eq!(pct_dec("0.001"), "0.1%");
        assert_eq!(pct_dec("2"), "200%");
        assert_eq!(pct_dec("0"), "0%");
        assert_eq!(pct_dec("0.0"), "0%");
        for bad in ["", ".5", "5.", "1.2.3", "-0.5", "0,5", "1e-1"] {
            assert!(Decimal::from_decimal_str(&Text::Plain(bad)).is_err(), "{bad:?}");
        }
    }
}
