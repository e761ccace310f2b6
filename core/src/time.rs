//! `google.protobuf.Timestamp` and `Duration` as x/tx writes them in Amino JSON and as
//! the review shows them.
//!
//! x/tx (`signing/aminojson/time.go`) writes a timestamp as Go's
//! `time.Unix(s, n).UTC().Format(RFC3339)` when `nanos` is 0, else with
//! `RFC3339Nano` (the fraction without trailing zeros): `"2026-12-31T23:59:59Z"`,
//! `"2026-12-31T23:59:59.5Z"`; and a duration as its total nanoseconds, quoted:
//! `"86400000000000"`. The device accepts a text only when it is exactly what x/tx
//! writes for the value it stands for, and shows both sign modes the same way:
//! "2026-12-31 23:59:59 UTC", "1 day 2 h".

use core::fmt::Write;

use crate::error::Error;

/// Seconds of 0001-01-01T00:00:00Z and of 9999-12-31T23:59:59Z since the Unix epoch:
/// the years a four-digit RFC 3339 year can hold (Go writes other years, but not as
/// RFC 3339; the chain's own checks refuse them).
pub const MIN_SECONDS: i64 = -62_135_596_800;
pub const MAX_SECONDS: i64 = 253_402_300_799;

/// A point in time: seconds since the Unix epoch and nanoseconds (0..1e9).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timestamp {
    pub seconds: i64,
    pub nanos: u32,
}

/// Days since 1970-01-01 of a civil date (proleptic Gregorian), and back
/// (H. Hinnant's `days_from_civil` / `civil_from_days`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y.wrapping_sub(1) } else { y };
    let era = y.div_euclid(400);
    let yoe = y.wrapping_sub(era.wrapping_mul(400));
    let mp = if m > 2 { m.wrapping_sub(3) } else { m.wrapping_add(9) };
    let doy =
        (153i64.wrapping_mul(mp).wrapping_add(2)).wrapping_div(5).wrapping_add(d).wrapping_sub(1);
    let doe = yoe.wrapping_mul(365).wrapping_add(yoe / 4).wrapping_sub(yoe / 100).wrapping_add(doy);
    era.wrapping_mul(146_097).wrapping_add(doe).wrapping_sub(719_468)
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z.wrapping_add(719_468);
    let era = z.div_euclid(146_097);
    let doe = z.wrapping_sub(era.wrapping_mul(146_097));
    let yoe = doe
        .wrapping_sub(doe / 1460)
        .wrapping_add(doe / 36_524)
        .wrapping_sub(doe / 146_096)
        .wrapping_div(365);
    let y = yoe.wrapping_add(era.wrapping_mul(400));
    let doy = doe.wrapping_sub(yoe.wrapping_mul(365).wrapping_add(yoe / 4).wrapping_sub(yoe / 100));
    let mp = doy.wrapping_mul(5).wrapping_add(2) / 153;
    let d = doy.wrapping_sub(mp.wrapping_mul(153).wrapping_add(2) / 5).wrapping_add(1);
    let m = if mp < 10 { mp.wrapping_add(3) } else { mp.wrapping_sub(9) };
    (if m <= 2 { y.wrapping_add(1) } else { y }, m, d)
}

impl Timestamp {
    /// A timestamp from its protobuf fields, refused outside years 1-9999 or with nanos
    /// outside 0..1e9.
    pub fn new(seconds: i64, nanos: i64) -> Result<Self, Error> {
        if !(MIN_SECONDS..=MAX_SECONDS).contains(&seconds) || !(0..1_000_000_000).contains(&nanos) {
            return Err(Error::InvalidTimestamp);
        }
        let nanos = u32::try_from(nanos).map_err(|_| Error::InvalidTimestamp)?;
        Ok(Timestamp { seconds, nanos })
    }

    fn parts(&self) -> (i64, i64, i64, i64, i64, i64) {
        let days = self.seconds.div_euclid(86_400);
        let secs = self.seconds.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        (y, m, d, secs / 3600, (secs % 3600) / 60, secs % 60)
    }

    /// The fraction as RFC3339Nano writes it: nothing for 0, else `.` and the digits
    /// without trailing zeros.
    fn write_fraction(&self, o: &mut dyn Write) -> core::fmt::Result {
        if self.nanos == 0 {
            return Ok(());
        }
        let mut digits = [0u8; 9];
        let mut v = self.nanos;
        for slot in digits.iter_mut().rev() {
            *slot = b'0'.wrapping_add((v % 10) as u8);
            v /= 10;
        }
        let end = digits.iter().rposition(|&c| c != b'0').map_or(0, |p| p.wrapping_add(1));
        o.write_char('.')?;
        for &c in digits.iter().take(end) {
            o.write_char(char::from(c))?;
        }
        Ok(())
    }

    /// What x/tx writes in Amino JSON (without the quotes).
    pub fn write_rfc3339(&self, o: &mut dyn Write) -> core::fmt::Result {
        let (y, m, d, h, mi, s) = self.parts();
        write!(o, "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", y, m, d, h, mi, s)?;
        self.write_fraction(o)?;
        o.write_char('Z')
    }

    /// What the review shows: `2026-12-31 23:59:59 UTC` (with the fraction when there is one).
    pub fn write_display(&self, o: &mut dyn Write) -> core::fmt::Result {
        let (y, m, d, h, mi, s) = self.parts();
        write!(o, "{:04}-{:02}-{:02} {:02}:{:02}:{:02}", y, m, d, h, mi, s)?;
        self.write_fraction(o)?;
        o.write_str(" UTC")
    }

    /// Reads the text x/tx writes; anything else (another offset, lower-case letters,
    /// trailing zeros in the fraction, a leap second, an impossible date) is refused.
    pub fn parse_rfc3339(text: &str) -> Result<Self, Error> {
        let b = text.as_bytes();
        let num = |from: usize, len: usize| -> Result<i64, Error> {
            let digits = b.get(from..from.checked_add(len).ok_or(Error::InvalidTimestamp)?);
            let digits = digits.ok_or(Error::InvalidTimestamp)?;
            let mut v: i64 = 0;
            for &c in digits {
                if !c.is_ascii_digit() {
                    return Err(Error::InvalidTimestamp);
                }
                v = v.wrapping_mul(10).wrapping_add(i64::from(c.wrapping_sub(b'0')));
            }
            Ok(v)
        };
        let sep = |at: usize, c: u8| b.get(at) == Some(&c);
        if !(sep(4, b'-') && sep(7, b'-') && sep(10, b'T') && sep(13, b':') && sep(16, b':')) {
            return Err(Error::InvalidTimestamp);
        }
        let (y, m, d) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
        let (h, mi, s) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
        let mut nanos: i64 = 0;
        let mut at = 19usize;
        if sep(19, b'.') {
            at = 20;
            let mut count = 0u32;
            while let Some(c) = b.get(at).filter(|c| c.is_ascii_digit()) {
                nanos = nanos.wrapping_mul(10).wrapping_add(i64::from(c.wrapping_sub(b'0')));
                count = count.wrapping_add(1);
                at = at.wrapping_add(1);
                if count > 9 {
                    return Err(Error::InvalidTimestamp);
                }
            }
            for _ in count..9 {
                nanos = nanos.wrapping_mul(10);
            }
            if count == 0 {
                return Err(Error::InvalidTimestamp);
            }
        }
        if !(sep(at, b'Z') && at.wrapping_add(1) == b.len()) {
            return Err(Error::InvalidTimestamp);
        }
        if !(1..=12).contains(&m) || d < 1 || h > 23 || mi > 59 || s > 59 {
            return Err(Error::InvalidTimestamp);
        }
        let days = days_from_civil(y, m, d);
        // An impossible day (February 30th) comes back as another date.
        if civil_from_days(days) != (y, m, d) {
            return Err(Error::InvalidTimestamp);
        }
        let seconds = days
            .wrapping_mul(86_400)
            .wrapping_add(h.wrapping_mul(3600))
            .wrapping_add(mi.wrapping_mul(60))
            .wrapping_add(s);
        let t = Timestamp::new(seconds, nanos)?;
        // Canonical: exactly what x/tx writes for this value (no trailing zeros).
        let mut again = crate::text::Buf::<40>::new();
        t.write_rfc3339(&mut again).map_err(|_| Error::InvalidTimestamp)?;
        if again.as_str() != text {
            return Err(Error::InvalidTimestamp);
        }
        Ok(t)
    }
}

/// The longest duration x/tx writes: Go's `time.Duration` is an int64 of nanoseconds.
pub const MAX_DURATION_NANOS: u64 = i64::MAX as u64;

/// A duration from its protobuf fields, as total nanoseconds; negative ones and ones
/// beyond Go's `time.Duration` are refused.
pub fn duration_nanos(seconds: i64, nanos: i64) -> Result<u64, Error> {
    if seconds < 0 || !(0..1_000_000_000).contains(&nanos) {
        return Err(Error::InvalidTimestamp);
    }
    let total = (seconds as u64)
        .checked_mul(1_000_000_000)
        .and_then(|v| v.checked_add(nanos as u64))
        .ok_or(Error::InvalidTimestamp)?;
    if total > MAX_DURATION_NANOS {
        return Err(Error::InvalidTimestamp);
    }
    Ok(total)
}

/// Shows a duration in days, hours, minutes and seconds: "1 day 2 h 30 min",
/// "45 s", "0.5 s".
pub fn write_duration(o: &mut dyn Write, total_nanos: u64) -> core::fmt::Result {
    let secs = total_nanos / 1_000_000_000;
    let frac = total_nanos % 1_000_000_000;
    let (days, h, m, s) = (secs / 86_400, (secs % 86_400) / 3600, (secs % 3600) / 60, secs % 60);
    let mut first = true;
    let mut part = |o: &mut dyn Write, v: u64, unit: &str| -> core::fmt::Result {
        if !first {
            o.write_char(' ')?;
        }
        first = false;
        write!(o, "{} {}", v, unit)
    };
    if days > 0 {
        part(o, days, if days == 1 { "day" } else { "days" })?;
    }
    if h > 0 {
        part(o, h, "h")?;
    }
    if m > 0 {
        part(o, m, "min")?;
    }
    if s > 0 || frac > 0 || (days == 0 && h == 0 && m == 0) {
        if !first {
            o.write_char(' ')?;
        }
        write!(o, "{}", s)?;
        if frac > 0 {
            Timestamp { seconds: 0, nanos: frac as u32 }.write_fraction(o)?;
        }
        o.write_str(" s")?;
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    extern crate std;
    use super::*;
    use std::string::String;

    fn rfc(s: i64, n: i64) -> String {
        let mut o = String::new();
        Timestamp::new(s, n).unwrap().write_rfc3339(&mut o).unwrap();
        o
    }

    #[test]
    fn go_rfc3339_round_trip() {
        // Values checked against Go: time.Unix(s, n).UTC().Format(RFC3339[Nano]).
        assert_eq!(rfc(0, 0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc(1_798_761_599, 0), "2026-12-31T23:59:59Z");
        assert_eq!(rfc(1_798_761_599, 500_000_000), "2026-12-31T23:59:59.5Z");
        assert_eq!(rfc(951_782_400, 1), "2000-02-29T00:00:00.000000001Z");
        assert_eq!(rfc(MIN_SECONDS, 0), "0001-01-01T00:00:00Z");
        assert_eq!(rfc(MAX_SECONDS, 999_999_999), "9999-12-31T23:59:59.999999999Z");
        assert_eq!(rfc(-1, 0), "1969-12-31T23:59:59Z");
        for (s, n) in [(0, 0), (1_798_761_599, 500_000_000), (951_782_400, 1), (MIN_SECONDS, 0)] {
            let t = Timestamp::parse_rfc3339(&rfc(s, n)).unwrap();
            assert_eq!((t.seconds, i64::from(t.nanos)), (s, n));
        }
        let mut shown = String::new();
        Timestamp::new(1_798_761_599, 0).unwrap().write_display(&mut shown).unwrap();
        assert_eq!(shown, "2026-12-31 23:59:59 UTC");
    }

    #[test]
    fn anything_but_x_tx_text_is_refused() {
        for bad in [
            "2026-12-31T23:59:59.50Z",
            "2026-12-31T23:59:59.Z",
            "2026-12-31T23:59:59+00:00",
            "2026-12-31t23:59:59Z",
            "2026-02-30T00:00:00Z",
            "2026-12-31T23:59:60Z",
            "2026-13-01T00:00:00Z",
            "2026-12-31T23:59:59Z ",
            "2026-12-31T23:59:59.1234567891Z",
            "0000-12-31T23:59:59Z",
            "+2026-12-31T23:59:59Z",
            "",
        ] {
            assert_eq!(Timestamp::parse_rfc3339(bad), Err(Error::InvalidTimestamp), "{bad}");
        }
        assert!(Timestamp::new(MAX_SECONDS + 1, 0).is_err());
        assert!(Timestamp::new(0, 1_000_000_000).is_err());
        assert!(Timestamp::new(0, -1).is_err());
    }

    #[test]
    fn durations() {
        let show = |n: u64| {
            let mut o = String::new();
            write_duration(&mut o, n).unwrap();
            o
        };
        assert_eq!(show(86_400_000_000_000), "1 day");
        assert_eq!(
            show(2 * 86_400_000_000_000 + 3_600_000_000_000 + 30 * 60_000_000_000),
            "2 days 1 h 30 min"
        );
        assert_eq!(show(45_000_000_000), "45 s");
        assert_eq!(show(500_000_000), "0.5 s");
        assert_eq!(show(0), "0 s");
        assert_eq!(duration_nanos(1, 5).unwrap(), 1_000_000_005);
        assert!(duration_nanos(-1, 0).is_err());
        assert!(duration_nanos(i64::MAX / 1_000_000_000 + 1, 0).is_err());
    }
}
