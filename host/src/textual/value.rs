//! The value renderers of ADR-050 (annex 1) for the kinds the host renders: integers,
//! decimals (`cosmos.Dec`), bytes, coins with their bank metadata. Each takes the value
//! as protobuf carries it and returns the screen content x/tx writes.

use super::metadata::{DenomMetadata, Metadata};
use super::TextualError;

/// Integers (`uint32`, `uint64`, `int32`, `int64`, `cosmos.Int`): decimal digits with a
/// `'` every three digits from the right (`1'234'567`), a leading `-` kept, leading
/// zeros dropped.
pub fn format_int(v: &str) -> Result<String, TextualError> {
    let (sign, digits) = match v.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", v),
    };
    if digits.is_empty() && sign.is_empty() {
        return Err(TextualError::Value(format!("cannot format an empty integer {v:?}")));
    }
    let digits = if digits.len() > 1 { digits.trim_start_matches('0') } else { digits };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(TextualError::Value(format!("not an integer: {v:?}")));
    }
    let mut out = String::with_capacity(sign.len() + digits.len() + digits.len() / 3);
    out.push_str(sign);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('\'');
        }
        out.push(c);
    }
    Ok(out)
}

/// Decimals as protobuf carries them (`"12.50"`): the integer part as [`format_int`],
/// the fraction without trailing zeros, no point when nothing is left of it.
pub fn format_dec(v: &str) -> Result<String, TextualError> {
    let mut parts = v.split('.');
    let int = parts.next().unwrap_or_default();
    let frac = parts.next();
    if parts.next().is_some() {
        return Err(TextualError::Value(format!("invalid decimal: too many points in {v:?}")));
    }
    let int = format_int(int)?;
    let frac = frac.unwrap_or_default().trim_end_matches('0');
    if frac.is_empty() {
        return Ok(int);
    }
    if !frac.bytes().all(|b| b.is_ascii_digit()) {
        return Err(TextualError::Value(format!("non-digits after the point in {v:?}")));
    }
    Ok(format!("{int}.{frac}"))
}

/// A `cosmos.Dec` field: a decimal string as is, or (no point) a LegacyDec's wire form,
/// the integer ×10¹⁸, which x/tx reads back as 18 fractional digits first.
pub fn format_cosmos_dec(v: &str) -> Result<String, TextualError> {
    if v.contains('.') {
        return format_dec(v);
    }
    let (sign, digits) = match v.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", v),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(TextualError::Value(format!("invalid decimal: {v:?}")));
    }
    let digits = digits.trim_start_matches('0');
    let padded = format!("{digits:0>19}");
    let (int, frac) = padded.split_at(padded.len() - 18);
    // A LegacyDec of zero prints without its sign.
    let sign = if digits.is_empty() { "" } else { sign };
    format_dec(&format!("{sign}{int}.{frac}"))
}

/// Longest byte string shown as hex; longer ones are shown as their SHA-256.
pub const MAX_BYTES_SHOWN: usize = 35;

/// Bytes: upper-case hex in groups of four characters (`0A1B 2C3D 4E`); above
/// [`MAX_BYTES_SHOWN`] bytes, `SHA-256=` and the hash in the same form.
pub fn format_bytes(b: &[u8]) -> String {
    if b.len() <= MAX_BYTES_SHOWN {
        grouped_hex(b)
    } else {
        format!("SHA-256={}", grouped_hex(&crate::crypto::sha256(b)))
    }
}

fn grouped_hex(b: &[u8]) -> String {
    let hex: String = b.iter().map(|x| format!("{x:02X}")).collect();
    let mut out = String::with_capacity(hex.len() + hex.len() / 4);
    for (i, c) in hex.chars().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// One coin in its display unit: the amount moved from the coin's denom unit to the
/// metadata's `display` unit (`10500000 umilk` → `10.5 MILK`). Without metadata, a
/// display unit, or either unit among the metadata's units, the base amount and denom.
pub fn format_coin(
    amount: &str,
    denom: &str,
    metadata: Option<&Metadata>,
) -> Result<String, TextualError> {
    let Some(m) = metadata.filter(|m| !m.display.is_empty() && m.display != denom) else {
        return Ok(format!("{} {denom}", format_dec(amount)?));
    };
    let exponent = |d: &str| m.denom_units.iter().find(|u| u.denom == d).map(|u| u.exponent);
    let (Some(coin_exp), Some(disp_exp)) = (exponent(denom), exponent(&m.display)) else {
        return Ok(format!("{} {denom}", format_int(amount)?));
    };
    if amount.is_empty() || !amount.bytes().all(|b| b.is_ascii_digit()) {
        return Err(TextualError::Value(format!("invalid coin amount {amount:?}")));
    }
    let digits = amount.trim_start_matches('0');
    let shown = if coin_exp >= disp_exp {
        let zeros = "0".repeat((coin_exp - disp_exp) as usize);
        let int = if digits.is_empty() { "0".to_owned() } else { format!("{digits}{zeros}") };
        format_int(&int)?
    } else {
        // x/tx divides as a LegacyDec: 18 fractional digits, rounded half to even.
        let shift = (disp_exp - coin_exp) as usize;
        let padded = format!("{digits:0>width$}", width = shift + 1);
        let (int, frac) = padded.split_at(padded.len() - shift);
        let frac = round_fraction_18(int, frac)?;
        format_dec(&frac)?
    };
    Ok(format!("{shown} {}", m.display))
}

/// `int.frac` with at most 18 fractional digits, rounded half to even as LegacyDec
/// division rounds.
fn round_fraction_18(int: &str, frac: &str) -> Result<String, TextualError> {
    if frac.len() <= 18 {
        return Ok(format!("{int}.{frac}"));
    }
    let (kept, dropped) = frac.split_at(18);
    let mut digits: Vec<u8> = format!("{int}{kept}").bytes().map(|b| b - b'0').collect();
    let first = dropped.as_bytes()[0] - b'0';
    let rest_nonzero = dropped.bytes().skip(1).any(|b| b != b'0');
    let last_odd = digits.last().is_some_and(|d| d % 2 == 1);
    if first > 5 || (first == 5 && (rest_nonzero || last_odd)) {
        let mut i = digits.len();
        loop {
            if i == 0 {
                digits.insert(0, 1);
                break;
            }
            i -= 1;
            if digits[i] == 9 {
                digits[i] = 0;
            } else {
                digits[i] += 1;
                break;
            }
        }
    }
    let s: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
    let (i, f) = s.split_at(s.len() - 18);
    Ok(format!("{}.{f}", if i.is_empty() { "0" } else { i }))
}

/// Coins (a repeated `Coin` field, or one `Coin`): each coin as [`format_coin`] with its
/// denom's metadata, sorted by the shown denom, joined by `", "`; `zero` when empty.
pub fn format_coins(
    coins: &[(String, String)],
    metadata: &DenomMetadata,
) -> Result<String, TextualError> {
    if coins.is_empty() {
        return Ok("zero".to_owned());
    }
    let mut shown = Vec::with_capacity(coins.len());
    for (amount, denom) in coins {
        let s = format_coin(amount, denom, metadata.get(denom))?;
        if s.contains(',') {
            return Err(TextualError::Value(format!("coin {s:?} contains a comma")));
        }
        shown.push(s);
    }
    // A stable sort on the denom, the text after the first space.
    shown.sort_by(|a, b| {
        let d = |s: &str| s.split(' ').nth(1).unwrap_or_default().to_owned();
        d(a).cmp(&d(b))
    });
    Ok(shown.join(", "))
}

/// `google.protobuf.Timestamp`: RFC 3339 in UTC (`2021-01-01T10:00:00.5Z`), fractional
/// seconds only when not zero, without trailing zeros (Go's `time.RFC3339Nano`). The
/// range is the type's (years 1 to 9999).
pub fn format_timestamp(seconds: i64, nanos: i32) -> Result<String, TextualError> {
    // 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z.
    if !(-62_135_596_800..=253_402_300_799).contains(&seconds)
        || !(0..1_000_000_000).contains(&nanos)
    {
        return Err(TextualError::Value(format!("timestamp {seconds}s {nanos}ns out of range")));
    }
    let days = seconds.div_euclid(86_400);
    let secs = seconds.rem_euclid(86_400);
    // Civil date of a day count since 1970-01-01 (proleptic Gregorian).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let mut out = format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
        secs / 3_600,
        secs % 3_600 / 60,
        secs % 60
    );
    if nanos != 0 {
        out.push('.');
        out.push_str(format!("{nanos:09}").trim_end_matches('0'));
    }
    out.push('Z');
    Ok(out)
}

/// `google.protobuf.Duration`: days (of 24 hours), hours, minutes and seconds, the
/// inner units kept once a larger one is shown and a smaller one follows
/// (`1 day, 0 hours, 0 minutes, 1 second`), seconds with their fraction, `0 seconds`
/// for zero, a leading `-` when negative.
pub fn format_duration(seconds: i64, nanos: i32) -> Result<String, TextualError> {
    let valid = seconds.unsigned_abs() <= 315_576_000_000
        && nanos.unsigned_abs() < 1_000_000_000
        && !(seconds > 0 && nanos < 0 || seconds < 0 && nanos > 0);
    if !valid {
        return Err(TextualError::Value(format!("duration {seconds}s {nanos}ns out of range")));
    }
    let negative = seconds < 0 || nanos < 0;
    let (total, nanos) = (seconds.unsigned_abs(), nanos.unsigned_abs());
    let (days, hours, minutes, secs) =
        (total / 86_400, total % 86_400 / 3_600, total % 3_600 / 60, total % 60);
    let unit = |n: u64, name: &str| format!("{n} {name}{}", if n == 1 { "" } else { "s" });
    let mut parts: Vec<String> = Vec::new();
    if days > 0 {
        parts.push(unit(days, "day"));
    }
    if hours > 0 || (!parts.is_empty() && (minutes > 0 || secs > 0 || nanos > 0)) {
        parts.push(unit(hours, "hour"));
    }
    if minutes > 0 || (!parts.is_empty() && (secs > 0 || nanos > 0)) {
        parts.push(unit(minutes, "minute"));
    }
    if secs > 0 || nanos > 0 {
        if nanos == 0 {
            parts.push(unit(secs, "second"));
        } else {
            let frac = format!("{nanos:09}");
            parts.push(format!("{secs}.{} seconds", frac.trim_end_matches('0')));
        }
    }
    let s = if parts.is_empty() { "0 seconds".to_owned() } else { parts.join(", ") };
    Ok(if negative { format!("-{s}") } else { s })
}

/// Field names as titles: the first letter upper case, `_` as a space
/// (`delegator_address` → `Delegator address`).
pub fn sentence_case(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => {
            first.to_uppercase().chain(chars.map(|c| if c == '_' { ' ' } else { c })).collect()
        }
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers() {
        for (v, want) in [
            ("0", "0"),
            ("7", "7"),
            ("123", "123"),
            ("1234", "1'234"),
            ("100000", "100'000"),
            ("1234567", "1'234'567"),
            ("-1234", "-1'234"),
            ("000123", "123"),
        ] {
            assert_eq!(format_int(v).unwrap(), want, "{v}");
        }
        assert!(format_int("").is_err());
        assert!(format_int("12a").is_err());
        assert!(format_int("000").is_err(), "x/tx trims every zero, then finds no digit");
    }

    #[test]
    fn legacy_and_plain_decimals() {
        assert_eq!(format_cosmos_dec("500000000000000000").unwrap(), "0.5");
        assert_eq!(format_cosmos_dec("1000000000000000000").unwrap(), "1");
        assert_eq!(format_cosmos_dec("0").unwrap(), "0");
        assert_eq!(format_cosmos_dec("0.25").unwrap(), "0.25");
        assert_eq!(format_cosmos_dec("-1").unwrap(), "-0.000000000000000001");
    }

    #[test]
    fn bytes_hex_and_hash() {
        assert_eq!(format_bytes(&[0x12, 0x31, 0x23]), "1231 23");
        assert_eq!(format_bytes(&[0xab; 4]), "ABAB ABAB");
        assert_eq!(format_bytes(&[0; 35]).len(), 70 + 17);
        assert!(format_bytes(&[0; 36]).starts_with("SHA-256="));
    }

    #[test]
    fn timestamps_in_rfc3339_utc() {
        assert_eq!(format_timestamp(0, 0).unwrap(), "1970-01-01T00:00:00Z");
        assert_eq!(format_timestamp(1_609_495_200, 500_000_000).unwrap(), "2021-01-01T10:00:00.5Z");
        assert_eq!(format_timestamp(951_782_400, 1).unwrap(), "2000-02-29T00:00:00.000000001Z");
        assert_eq!(format_timestamp(-1, 0).unwrap(), "1969-12-31T23:59:59Z");
        assert_eq!(format_timestamp(-62_135_596_800, 0).unwrap(), "0001-01-01T00:00:00Z");
        assert_eq!(format_timestamp(253_402_300_799, 0).unwrap(), "9999-12-31T23:59:59Z");
        assert!(format_timestamp(253_402_300_800, 0).is_err());
        assert!(format_timestamp(0, -1).is_err());
    }

    #[test]
    fn durations_in_units() {
        // The example of x/tx's duration renderer.
        assert_eq!(
            format_duration(1_483_530, 0).unwrap(),
            "17 days, 4 hours, 5 minutes, 30 seconds"
        );
        assert_eq!(format_duration(0, 0).unwrap(), "0 seconds");
        assert_eq!(format_duration(1, 0).unwrap(), "1 second");
        assert_eq!(format_duration(1, 500_000_000).unwrap(), "1.5 seconds");
        assert_eq!(format_duration(86_401, 0).unwrap(), "1 day, 0 hours, 0 minutes, 1 second");
        assert_eq!(format_duration(86_400, 0).unwrap(), "1 day");
        assert_eq!(format_duration(3_600, 0).unwrap(), "1 hour");
        assert_eq!(format_duration(-60, 0).unwrap(), "-1 minute");
        assert_eq!(format_duration(0, -1).unwrap(), "-0.000000001 seconds");
        assert!(format_duration(1, -1).is_err());
    }

    #[test]
    fn coin_division_rounds_half_to_even_past_18_digits() {
        assert_eq!(round_fraction_18("0", "0000000000000000125").unwrap(), "0.000000000000000012");
        assert_eq!(round_fraction_18("0", "0000000000000000135").unwrap(), "0.000000000000000014");
        assert_eq!(round_fraction_18("0", "9999999999999999995").unwrap(), "1.000000000000000000");
    }
}
