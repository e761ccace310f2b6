//! Random JSON documents for the property tests: a value tree ([`Tree`]) generated from
//! a seeded [`Rng`], written canonically with escapes chosen at random, and read back.

extern crate std;

use super::*;
use std::collections::BTreeMap;
use std::format;
use std::string::{String, ToString};
use std::vec;
use std::vec::Vec;
/// xorshift64*: small, deterministic.
pub(super) struct Rng(pub(super) u64);

impl Rng {
    pub(super) fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub(super) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub(super) fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// A JSON document as a plain tree, keys in (byte-)sorted maps.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Tree {
    Null,
    Bool(bool),
    Num(String),
    Str(String),
    Arr(Vec<Tree>),
    Obj(BTreeMap<String, Tree>),
}

pub(super) const CHARS: &[char] = &[
    'a',
    'b',
    'z',
    'A',
    'Z',
    '0',
    '9',
    ' ',
    '"',
    '\\',
    '/',
    '<',
    '>',
    '&',
    '\n',
    '\t',
    '\r',
    '\u{8}',
    '\u{c}',
    '\u{1}',
    '\u{1f}',
    '\u{7f}',
    'é',
    '\u{2028}',
    '€',
    '\u{d7ff}',
    '\u{e000}',
    '\u{ffff}',
    '\u{10000}',
    '\u{1F600}',
    '\u{10FFFF}',
];
pub(super) const KEYS: &[&str] = &[
    "", "a", "ab", "abc", "b", "B", "Z", "_", "amount", "denom", "é", "éx", "😀", "\u{e000}",
    "\u{ffff}", "a\"b", "a\\", "a/", "<&>", "\n", "a\u{1}",
];
pub(super) const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "1",
    "7",
    "42",
    "4294967295",
    "4294967296",
    "18446744073709551615",
    "18446744073709551616",
    "1.5",
    "-0.25",
    "1e9",
    "1E+9",
    "2.5e-3",
    "-1234567890.0001e-10",
];

pub(super) fn gen_string(rng: &mut Rng) -> String {
    (0..rng.below(7)).map(|_| CHARS[rng.below(CHARS.len())]).collect()
}

pub(super) fn gen_tree(rng: &mut Rng, depth: usize) -> Tree {
    let kinds = if depth == 0 { 4 } else { 6 };
    match rng.below(kinds) {
        0 => match rng.below(3) {
            0 => Tree::Null,
            1 => Tree::Bool(false),
            _ => Tree::Bool(true),
        },
        1 => Tree::Num(if rng.chance(50) {
            NUMBERS[rng.below(NUMBERS.len())].to_string()
        } else {
            (rng.next() >> rng.below(64)).to_string()
        }),
        2 | 3 => Tree::Str(gen_string(rng)),
        4 => Tree::Arr((0..rng.below(5)).map(|_| gen_tree(rng, depth - 1)).collect()),
        _ => {
            let mut map = BTreeMap::new();
            for _ in 0..rng.below(6) {
                let key = if rng.chance(70) {
                    KEYS[rng.below(KEYS.len())].to_string()
                } else {
                    gen_string(rng)
                };
                map.insert(key, gen_tree(rng, depth - 1));
            }
            Tree::Obj(map)
        }
    }
}

pub(super) fn write_unit(out: &mut Vec<u8>, unit: u32, rng: &mut Rng) {
    let s = if rng.chance(50) { format!("\\u{unit:04x}") } else { format!("\\u{unit:04X}") };
    out.extend_from_slice(s.as_bytes());
}

/// Serializes a string, escaping what must be escaped and, at random, anything else
/// in any valid way (short escapes, `\u` in either case, surrogate pairs).
pub(super) fn write_string(out: &mut Vec<u8>, s: &str, rng: &mut Rng) {
    out.push(b'"');
    for c in s.chars() {
        let must = c == '"' || c == '\\' || (c as u32) < 0x20;
        if !must && rng.chance(70) {
            let mut buf = [0u8; 4];
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            continue;
        }
        let short = match c {
            '"' => Some("\\\""),
            '\\' => Some("\\\\"),
            '/' => Some("\\/"),
            '\u{8}' => Some("\\b"),
            '\u{c}' => Some("\\f"),
            '\n' => Some("\\n"),
            '\r' => Some("\\r"),
            '\t' => Some("\\t"),
            _ => None,
        };
        match short {
            Some(e) if rng.chance(70) => out.extend_from_slice(e.as_bytes()),
            _ => {
                let mut units = [0u16; 2];
                for &u in c.encode_utf16(&mut units).iter() {
                    write_unit(out, u32::from(u), rng);
                }
            }
        }
    }
    out.push(b'"');
}

pub(super) fn write_tree(out: &mut Vec<u8>, t: &Tree, rng: &mut Rng) {
    match t {
        Tree::Null => out.extend_from_slice(b"null"),
        Tree::Bool(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Tree::Num(n) => out.extend_from_slice(n.as_bytes()),
        Tree::Str(s) => write_string(out, s, rng),
        Tree::Arr(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_tree(out, item, rng);
            }
            out.push(b']');
        }
        Tree::Obj(map) => {
            out.push(b'{');
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_string(out, k, rng);
                out.push(b':');
                write_tree(out, v, rng);
            }
            out.push(b'}');
        }
    }
}

/// Reads a parsed value back into a tree, checking on the way that every view is
/// consistent: raw bytes reassemble exactly, keys ascend (by `String` order, an
/// independent oracle), string accessors agree with each other.
pub(super) fn read_tree(v: Value<'_>) -> Tree {
    match v {
        Value::Null => Tree::Null,
        Value::Bool(b) => Tree::Bool(b),
        Value::Number(n) => Tree::Num(n.raw().to_string()),
        Value::String(s) => Tree::Str(read_string(s)),
        Value::Array(a) => {
            let mut rebuilt = vec![b'['];
            let mut items = Vec::new();
            for (i, item) in a.iter().enumerate() {
                if i > 0 {
                    rebuilt.push(b',');
                }
                rebuilt.extend_from_slice(item.raw());
                items.push(read_tree(item));
            }
            rebuilt.push(b']');
            assert_eq!(rebuilt, a.raw());
            assert_eq!(a.len(), items.len());
            assert_eq!(a.is_empty(), items.is_empty());
            Tree::Arr(items)
        }
        Value::Object(o) => {
            let mut rebuilt = vec![b'{'];
            let mut map = BTreeMap::new();
            let mut prev: Option<String> = None;
            for (i, (k, item)) in o.iter().enumerate() {
                if i > 0 {
                    rebuilt.push(b',');
                }
                rebuilt.extend_from_slice(k.raw_quoted());
                rebuilt.push(b':');
                rebuilt.extend_from_slice(item.raw());
                let key = read_string(k);
                if let Some(p) = &prev {
                    assert!(*p < key, "{p:?} !< {key:?}");
                }
                assert_eq!(o.get(&key), Some(item));
                prev = Some(key.clone());
                map.insert(key, read_tree(item));
            }
            rebuilt.push(b'}');
            assert_eq!(rebuilt, o.raw());
            assert_eq!(o.len(), map.len());
            Tree::Obj(map)
        }
    }
}

pub(super) fn read_string(s: JsonStr<'_>) -> String {
    let decoded: String = s.chars().collect();
    assert!(!decoded.contains('\0'));
    assert_eq!(decoded.len(), s.decoded_len());
    assert_eq!(decoded.chars().count(), s.char_count());
    assert!(s.eq_str(&decoded));
    assert_eq!(s.cmp_str(&decoded), Ordering::Equal);
    assert_eq!(s.has_escapes(), s.raw().contains(&b'\\'));
    if !s.has_escapes() {
        assert_eq!(s.as_plain_str(), Some(decoded.as_str()));
    }
    decoded
}
