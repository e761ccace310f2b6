//! Exact decimal strings: Cosmos `Int` amounts scaled by a denom's exponent, and
//! `LegacyDec` (an integer ×10¹⁸ on the wire). Everything is done on digit strings, so
//! amounts of any length are exact.

/// Errors of decimal parsing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecimalError {
    #[error("{0:?} is not a decimal number")]
    NotANumber(String),
    #[error("{value:?} has more than {max} decimal places")]
    TooPrecise { value: String, max: u32 },
    #[error("{0:?} is negative")]
    Negative(String),
}

/// Splits a plain decimal (`"10"`, `"10.5"`, `"-0.25"`) into sign, integer and fraction
/// digits. No exponent, no `+`, no leading/trailing dot.
fn split(s: &str) -> Result<(bool, &str, &str), DecimalError> {
    let bad = || DecimalError::NotANumber(s.to_owned());
    let (neg, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => {
            if f.is_empty() {
                return Err(bad());
            }
            (i, f)
        }
        None => (body, ""),
    };
    if int.is_empty()
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(bad());
    }
    Ok((neg, int, frac))
}

fn trim_leading_zeros(s: &str) -> String {
    let t = s.trim_start_matches('0');
    if t.is_empty() {
        "0".to_owned()
    } else {
        t.to_owned()
    }
}

/// Scales a non-negative decimal by 10^`decimals` into an exact integer string:
/// `scale_up("10.5", 6) == "10500000"`. More fractional digits than `decimals` (other
/// than trailing zeros) is an error: nothing is ever rounded.
pub fn scale_up(s: &str, decimals: u32) -> Result<String, DecimalError> {
    let (neg, int, frac) = split(s)?;
    if neg {
        return Err(DecimalError::Negative(s.to_owned()));
    }
    let frac = frac.trim_end_matches('0');
    if frac.len() > decimals as usize {
        return Err(DecimalError::TooPrecise { value: s.to_owned(), max: decimals });
    }
    let mut digits = String::with_capacity(int.len() + decimals as usize);
    digits.push_str(int);
    digits.push_str(frac);
    for _ in frac.len()..decimals as usize {
        digits.push('0');
    }
    Ok(trim_leading_zeros(&digits))
}

/// The inverse of [`scale_up`] for display: `scale_down("10500000", 6) == "10.5"`.
/// The input must be a plain non-negative integer string.
pub fn scale_down(int: &str, decimals: u32) -> Result<String, DecimalError> {
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DecimalError::NotANumber(int.to_owned()));
    }
    let int = trim_leading_zeros(int);
    let d = decimals as usize;
    let padded =
        if int.len() <= d { format!("{}{}", "0".repeat(d + 1 - int.len()), int) } else { int };
    let (i, f) = padded.split_at(padded.len() - d);
    let f = f.trim_end_matches('0');
    Ok(if f.is_empty() { i.to_owned() } else { format!("{i}.{f}") })
}

/// Number of fractional digits of a `LegacyDec`.
pub const LEGACY_DEC_PRECISION: u32 = 18;

/// A human decimal (`"0.5"`, `"1"`, `"-0.25"`) to the `LegacyDec` wire form, the integer
/// ×10¹⁸ as a string (`"500000000000000000"`), as gogoproto marshals a `LegacyDec`.
pub fn legacy_dec_to_wire(s: &str) -> Result<String, DecimalError> {
    let (neg, int, frac) = split(s)?;
    if frac.trim_end_matches('0').len() > LEGACY_DEC_PRECISION as usize {
        return Err(DecimalError::TooPrecise { value: s.to_owned(), max: LEGACY_DEC_PRECISION });
    }
    let digits = scale_up(
        &format!("{int}{}{frac}", if frac.is_empty() { "" } else { "." }),
        LEGACY_DEC_PRECISION,
    )?;
    Ok(if neg && digits != "0" { format!("-{digits}") } else { digits })
}

/// The `LegacyDec` wire form (integer ×10¹⁸) to `LegacyDec.String()`: always 18
/// fractional digits (`"500000000000000000"` → `"0.500000000000000000"`). This is what
/// x/tx's amino-JSON encoder prints for a `cosmos.Dec`-scalar `LegacyDec` field; an empty
/// string prints as `"0"` there, which callers handle.
pub fn legacy_dec_from_wire(wire: &str) -> Result<String, DecimalError> {
    let (neg, digits) = match wire.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, wire),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DecimalError::NotANumber(wire.to_owned()));
    }
    let digits = trim_leading_zeros(digits);
    let d = LEGACY_DEC_PRECISION as usize;
    let padded = if digits.len() <= d {
        format!("{}{}", "0".repeat(d + 1 - digits.len()), digits)
    } else {
        digits
    };
    let (i, f) = padded.split_at(padded.len() - d);
    let sign = if neg && padded.bytes().any(|b| b != b'0') { "-" } else { "" };
    Ok(format!("{sign}{i}.{f}"))
}

/// Parses `LegacyDec.String()` output (or any plain decimal) back to the wire form.
pub fn legacy_dec_display_to_wire(s: &str) -> Result<String, DecimalError> {
    legacy_dec_to_wire(s)
}

/// True when `s` is a plain non-negative base-10 integer (a valid Cosmos `Int` amount).
pub fn is_plain_uint(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaling() {
        assert_eq!(scale_up("10.5", 6).unwrap(), "10500000");
        assert_eq!(scale_up("10", 6).unwrap(), "10000000");
        assert_eq!(scale_up("0.000001", 6).unwrap(), "1");
        assert_eq!(scale_up("0.0000010", 6).unwrap(), "1");
        assert_eq!(scale_up("007", 0).unwrap(), "7");
        assert_eq!(scale_up("0", 6).unwrap(), "0");
        assert_eq!(
            scale_up("123456789012345678901234567890.123456", 6).unwrap(),
            "123456789012345678901234567890123456"
        );
        assert!(matches!(scale_up("0.0000001", 6), Err(DecimalError::TooPrecise { .. })));
        assert!(matches!(scale_up("-1", 6), Err(DecimalError::Negative(_))));
        for bad in ["", ".5", "5.", "1e6", "+1", "1,5", "1.2.3", " 1"] {
            assert!(scale_up(bad, 6).is_err(), "{bad:?}");
        }
        assert_eq!(scale_down("10500000", 6).unwrap(), "10.5");
        assert_eq!(scale_down("1", 6).unwrap(), "0.000001");
        assert_eq!(scale_down("10000000", 6).unwrap(), "10");
        assert_eq!(scale_down("0", 6).unwrap(), "0");
    }

    #[test]
    fn legacy_dec() {
        assert_eq!(legacy_dec_to_wire("0.5").unwrap(), "500000000000000000");
        assert_eq!(legacy_dec_to_wire("1").unwrap(), "1000000000000000000");
        assert_eq!(legacy_dec_to_wire("0.1").unwrap(), "100000000000000000");
        assert_eq!(legacy_dec_to_wire("0").unwrap(), "0");
        assert_eq!(legacy_dec_to_wire("-0.25").unwrap(), "-250000000000000000");
        assert_eq!(legacy_dec_to_wire("0.000000000000000001").unwrap(), "1");
        assert!(legacy_dec_to_wire("0.0000000000000000001").is_err());

        assert_eq!(legacy_dec_from_wire("500000000000000000").unwrap(), "0.500000000000000000");
        assert_eq!(legacy_dec_from_wire("1000000000000000000").unwrap(), "1.000000000000000000");
        assert_eq!(legacy_dec_from_wire("0").unwrap(), "0.000000000000000000");
        assert_eq!(legacy_dec_from_wire("1").unwrap(), "0.000000000000000001");
        assert_eq!(legacy_dec_from_wire("-250000000000000000").unwrap(), "-0.250000000000000000");
        assert_eq!(
            legacy_dec_from_wire("12345000000000000000000").unwrap(),
            "12345.000000000000000000"
        );
        assert!(legacy_dec_from_wire("0.5").is_err());
        assert!(legacy_dec_from_wire("").is_err());
        assert_eq!(
            legacy_dec_display_to_wire("0.500000000000000000").unwrap(),
            "500000000000000000"
        );
    }
}
