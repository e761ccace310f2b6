//! An oracle for the canonical reader, and the mutations the property tests feed both.

extern crate std;

use super::generate::Rng;
use super::*;
use std::string::String;
use std::vec;
use std::vec::Vec;
// A deliberately naive recursive reader, written independently of the one above and
// leaning on std (String ordering, from_utf8, decode_utf16), used as an oracle.
pub(super) fn reference_accepts(s: &[u8], max_depth: usize) -> bool {
    let mut p = 0;
    reference_value(s, &mut p, 0, max_depth.min(MAX_DEPTH)) && p == s.len()
}

pub(super) fn reference_value(s: &[u8], p: &mut usize, depth: usize, max: usize) -> bool {
    match s.get(*p) {
        Some(b'{') => {
            if depth >= max {
                return false;
            }
            *p += 1;
            if s.get(*p) == Some(&b'}') {
                *p += 1;
                return true;
            }
            let mut prev: Option<String> = None;
            loop {
                let Some(key) = reference_string(s, p) else {
                    return false;
                };
                if prev.as_ref().is_some_and(|pk| *pk >= key) {
                    return false;
                }
                prev = Some(key);
                if s.get(*p) != Some(&b':') {
                    return false;
                }
                *p += 1;
                if !reference_value(s, p, depth + 1, max) {
                    return false;
                }
                match s.get(*p) {
                    Some(b',') => *p += 1,
                    Some(b'}') => {
                        *p += 1;
                        return true;
                    }
                    _ => return false,
                }
            }
        }
        Some(b'[') => {
            if depth >= max {
                return false;
            }
            *p += 1;
            if s.get(*p) == Some(&b']') {
                *p += 1;
                return true;
            }
            loop {
                if !reference_value(s, p, depth + 1, max) {
                    return false;
                }
                match s.get(*p) {
                    Some(b',') => *p += 1,
                    Some(b']') => {
                        *p += 1;
                        return true;
                    }
                    _ => return false,
                }
            }
        }
        Some(b'"') => reference_string(s, p).is_some(),
        Some(_) => {
            for lit in [&b"true"[..], b"false", b"null"] {
                if s[*p..].starts_with(lit) {
                    *p += lit.len();
                    return true;
                }
            }
            reference_number(s, p)
        }
        None => false,
    }
}

pub(super) fn reference_number(s: &[u8], p: &mut usize) -> bool {
    let digit = |p: &usize| s.get(*p).is_some_and(|b| b.is_ascii_digit());
    if s.get(*p) == Some(&b'-') {
        *p += 1;
    }
    match s.get(*p) {
        Some(b'0') => *p += 1,
        Some(b'1'..=b'9') => {
            while digit(p) {
                *p += 1;
            }
        }
        _ => return false,
    }
    if s.get(*p) == Some(&b'.') {
        *p += 1;
        if !digit(p) {
            return false;
        }
        while digit(p) {
            *p += 1;
        }
    }
    if matches!(s.get(*p), Some(b'e' | b'E')) {
        *p += 1;
        if matches!(s.get(*p), Some(b'+' | b'-')) {
            *p += 1;
        }
        if !digit(p) {
            return false;
        }
        while digit(p) {
            *p += 1;
        }
    }
    true
}

pub(super) fn reference_hex(s: &[u8], p: &mut usize) -> Option<u16> {
    let h = s.get(*p..*p + 4)?;
    if !h.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    *p += 4;
    u16::from_str_radix(core::str::from_utf8(h).ok()?, 16).ok()
}

pub(super) fn reference_string(s: &[u8], p: &mut usize) -> Option<String> {
    if s.get(*p) != Some(&b'"') {
        return None;
    }
    *p += 1;
    let mut out = String::new();
    let mut run = *p;
    loop {
        let b = *s.get(*p)?;
        if b == b'"' || b == b'\\' {
            out.push_str(core::str::from_utf8(&s[run..*p]).ok()?);
            *p += 1;
            if b == b'"' {
                return Some(out);
            }
            let e = *s.get(*p)?;
            *p += 1;
            let c = match e {
                b'"' => '"',
                b'\\' => '\\',
                b'/' => '/',
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'u' => {
                    let first = reference_hex(s, p)?;
                    let mut units = vec![first];
                    if (0xD800..0xDC00).contains(&first) {
                        if s.get(*p..*p + 2)? != b"\\u" {
                            return None;
                        }
                        *p += 2;
                        units.push(reference_hex(s, p)?);
                    }
                    let mut decoded = char::decode_utf16(units);
                    let c = decoded.next()?.ok()?;
                    if decoded.next().is_some() {
                        return None;
                    }
                    c
                }
                _ => return None,
            };
            if c == '\0' {
                return None;
            }
            out.push(c);
            run = *p;
        } else if b < 0x20 {
            return None;
        } else {
            *p += 1;
        }
    }
}

pub(super) const INTERESTING: &[u8] = &[
    b' ', b'"', b'\\', b'{', b'}', b'[', b']', b',', b':', b'0', b'1', b'-', b'+', b'.', b'e',
    b'u', b'a', b'b', b'd', b'D', b'8', b'n', b't', b'/', 0x00, 0x1f, 0x7f, 0x80, 0xbf, 0xc0, 0xc3,
    0xe0, 0xed, 0xf0, 0xf4, 0xff,
];

pub(super) fn mutate(doc: &mut Vec<u8>, rng: &mut Rng) {
    let byte = |rng: &mut Rng| {
        if rng.chance(80) {
            INTERESTING[rng.below(INTERESTING.len())]
        } else {
            rng.next() as u8
        }
    };
    if doc.is_empty() {
        doc.push(byte(rng));
        return;
    }
    let i = rng.below(doc.len());
    match rng.below(5) {
        0 => doc[i] = byte(rng),
        1 => {
            doc.remove(i);
        }
        2 => doc.insert(i, byte(rng)),
        3 => {
            let j = rng.below(doc.len());
            doc.swap(i, j);
        }
        _ => {
            let end = (i + 1 + rng.below(8)).min(doc.len());
            let chunk: Vec<u8> = doc[i..end].to_vec();
            let at = rng.below(doc.len() + 1);
            doc.splice(at..at, chunk);
        }
    }
}
