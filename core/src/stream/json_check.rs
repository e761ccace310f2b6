//! A streaming checker of one canonical JSON value, for the bytes the Amino JSON decoder
//! passes through without holding them (a message of a type the catalog does not know,
//! larger than the element buffer, blind signing on).
//!
//! It holds the bytes to exactly the rules of [`crate::json::parse`] (canonical form: no
//! whitespace; keys strictly ascending by their decoded bytes, so no duplicate; valid
//! UTF-8, no overlong form, surrogate or code point past U+10FFFF; only JSON's escapes,
//! `\u` surrogates in pairs; no control character, no NUL raw or escaped; the JSON number
//! grammar; `true`, `false`, `null`; nesting bounded), a byte at a time, keeping per open
//! level its kind and the previous key of an object. The keys of the open levels share
//! one buffer of `KEYS` bytes: a key that does not fit is refused
//! ([`Error::ElementTooLarge`]), which no real message comes near.
//!
//! It is compared with [`crate::json::parse`] on every value the core's tests and the
//! fuzzers make (`core/tests/stream.rs`).

use crate::error::Error;
use crate::json::JsonError;

/// Keys of the open levels, together.
const KEYS: usize = 256;
/// The deepest nesting checked.
const LEVELS: usize = 24;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tok {
    /// A value must start.
    Value,
    /// After `[`: a value or `]`.
    ValueOrClose,
    /// After `{`: a key or `}`.
    KeyOrClose,
    /// After `,` in an object: a key.
    Key,
    /// After a key: `:`.
    Colon,
    /// After a value inside a container: `,` or its closing bracket.
    Next,
    /// Inside a string (`key`: an object key, whose decoded bytes are kept).
    Str { key: bool },
    /// After `\` in a string.
    Escape { key: bool },
    /// `\u` and `got` hex digits of `value`.
    Hex { key: bool, got: u8, value: u32 },
    /// After a high surrogate: `\` must follow (`backslash` false) then `u`.
    Low { key: bool, high: u32, backslash: bool },
    /// Inside a UTF-8 sequence: `left` continuation bytes, the next in `lo..=hi`.
    Utf8 { key: bool, left: u8, lo: u8, hi: u8 },
    /// Inside a number.
    Num(Num),
    /// Inside `true`, `false` or `null`: the bytes still expected.
    Lit { word: &'static [u8], at: u8 },
    /// The value is complete.
    Done,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Num {
    Minus,
    Zero,
    Int,
    Dot,
    Frac,
    E,
    ESign,
    Exp,
}

impl Num {
    fn can_end(self) -> bool {
        matches!(self, Num::Zero | Num::Int | Num::Frac | Num::Exp)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Level {
    object: bool,
    /// Objects: where the previous key starts in `keys` (its end is `key_start`).
    prev: usize,
    /// Where this level's current key starts.
    key_start: usize,
    has_prev: bool,
}

const EMPTY: Level = Level { object: false, prev: 0, key_start: 0, has_prev: false };

/// The checker's state: about 560 bytes on the device (`KEYS`, and 24 levels of 12).
pub(super) struct Checker {
    tok: Tok,
    levels: [Level; LEVELS],
    depth: usize,
    max_depth: usize,
    keys: [u8; KEYS],
    keys_len: usize,
    /// Keys completed at depth 1 (the message's own: `type` and `value`).
    pub(super) root_keys: usize,
    /// A `\u` high surrogate waiting for its low one.
    pending_high: Option<u32>,
}

fn json(e: JsonError) -> Error {
    Error::Json(e)
}

const AT: u32 = 0;

impl Checker {
    /// A checker of one value nesting at most `max_depth` levels (as `json::parse`'s).
    pub(super) const fn new(max_depth: usize) -> Self {
        Checker {
            tok: Tok::Value,
            levels: [EMPTY; LEVELS],
            depth: 0,
            max_depth,
            keys: [0; KEYS],
            keys_len: 0,
            root_keys: 0,
            pending_high: None,
        }
    }

    pub(super) fn is_done(&self) -> bool {
        self.tok == Tok::Done
    }

    fn top(&mut self) -> Option<&mut Level> {
        self.depth.checked_sub(1).and_then(|i| self.levels.get_mut(i))
    }

    /// A value has ended: what may follow.
    fn after_value(&mut self) {
        self.tok = if self.depth == 0 { Tok::Done } else { Tok::Next };
    }

    fn open(&mut self, object: bool) -> Result<(), Error> {
        if self.depth >= self.max_depth || self.depth >= LEVELS {
            return Err(json(JsonError::NestingTooDeep { at: AT }));
        }
        let start = self.keys_len;
        let slot =
            self.levels.get_mut(self.depth).ok_or(json(JsonError::NestingTooDeep { at: AT }))?;
        *slot = Level { object, prev: start, key_start: start, has_prev: false };
        self.depth = self.depth.saturating_add(1);
        self.tok = if object { Tok::KeyOrClose } else { Tok::ValueOrClose };
        Ok(())
    }

    fn close(&mut self, object: bool) -> Result<(), Error> {
        let level = *self.top().ok_or(json(JsonError::UnexpectedChar { at: AT }))?;
        if level.object != object {
            return Err(json(JsonError::UnexpectedChar { at: AT }));
        }
        // The level's keys go with it.
        self.keys_len = level.prev;
        self.depth = self.depth.saturating_sub(1);
        self.after_value();
        Ok(())
    }

    /// A decoded byte of a key.
    fn key_byte(&mut self, b: u8) -> Result<(), Error> {
        let slot = self.keys.get_mut(self.keys_len).ok_or(Error::ElementTooLarge)?;
        *slot = b;
        self.keys_len = self.keys_len.saturating_add(1);
        Ok(())
    }

    /// Decoded bytes of a string: kept when it is a key.
    fn decoded(&mut self, key: bool, c: u32) -> Result<(), Error> {
        if !key {
            return Ok(());
        }
        let ch = char::from_u32(c).ok_or(json(JsonError::LoneSurrogate { at: AT }))?;
        let mut buf = [0u8; 4];
        for &b in ch.encode_utf8(&mut buf).as_bytes() {
            self.key_byte(b)?;
        }
        Ok(())
    }

    /// A key's closing quote: it must be greater than the previous key of its object.
    fn key_done(&mut self) -> Result<(), Error> {
        let depth = self.depth;
        let keys_len = self.keys_len;
        let level = *self.top().ok_or(json(JsonError::UnexpectedChar { at: AT }))?;
        let new = self.keys.get(level.key_start..keys_len).unwrap_or(&[]);
        if level.has_prev {
            let prev = self.keys.get(level.prev..level.key_start).unwrap_or(&[]);
            match new.cmp(prev) {
                core::cmp::Ordering::Greater => {}
                core::cmp::Ordering::Equal => return Err(json(JsonError::DuplicateKey { at: AT })),
                core::cmp::Ordering::Less => return Err(json(JsonError::KeysNotSorted { at: AT })),
            }
        }
        // The new key becomes the previous one.
        let len = keys_len.saturating_sub(level.key_start);
        self.keys.copy_within(level.key_start..keys_len, level.prev);
        let end = level.prev.saturating_add(len);
        self.keys_len = end;
        if let Some(top) = self.top() {
            top.has_prev = true;
            top.key_start = end;
        }
        if depth == 1 {
            self.root_keys = self.root_keys.saturating_add(1);
        }
        self.tok = Tok::Colon;
        Ok(())
    }

    /// A raw byte of a string (its own decoded byte).
    fn push_raw(&mut self, key: bool, b: u8) -> Result<(), Error> {
        if key {
            self.key_byte(b)?;
        }
        Ok(())
    }

    /// The first byte of a multi-byte UTF-8 sequence: how many follow, and the range of
    /// the next (excluding overlong forms, surrogates and code points past U+10FFFF).
    fn utf8_start(&mut self, key: bool, b: u8) -> Result<(), Error> {
        let (left, lo, hi) = match b {
            0xc2..=0xdf => (1, 0x80, 0xbf),
            0xe0 => (2, 0xa0, 0xbf),
            0xe1..=0xec | 0xee..=0xef => (2, 0x80, 0xbf),
            0xed => (2, 0x80, 0x9f),
            0xf0 => (3, 0x90, 0xbf),
            0xf1..=0xf3 => (3, 0x80, 0xbf),
            0xf4 => (3, 0x80, 0x8f),
            _ => return Err(json(JsonError::InvalidUtf8 { at: AT })),
        };
        self.push_raw(key, b)?;
        self.tok = Tok::Utf8 { key, left, lo, hi };
        Ok(())
    }

    /// The code unit of a `\u` escape.
    fn code_unit(&mut self, key: bool, unit: u32) -> Result<(), Error> {
        let lone = json(JsonError::LoneSurrogate { at: AT });
        if let Some(high) = self.pending_high.take() {
            if !(0xdc00..=0xdfff).contains(&unit) {
                return Err(lone);
            }
            let c = 0x10000u32
                .saturating_add(high.saturating_sub(0xd800) << 10)
                .saturating_add(unit.saturating_sub(0xdc00));
            self.tok = Tok::Str { key };
            return self.decoded(key, c);
        }
        match unit {
            0xd800..=0xdbff => {
                self.tok = Tok::Low { key, high: unit, backslash: false };
                Ok(())
            }
            0xdc00..=0xdfff => Err(lone),
            0 => Err(json(JsonError::Nul { at: AT })),
            _ => {
                self.tok = Tok::Str { key };
                self.decoded(key, unit)
            }
        }
    }

    /// Starts a value with byte `b`.
    fn value(&mut self, b: u8) -> Result<(), Error> {
        self.tok = match b {
            b'{' => return self.open(true),
            b'[' => return self.open(false),
            b'"' => Tok::Str { key: false },
            b'-' => Tok::Num(Num::Minus),
            b'0' => Tok::Num(Num::Zero),
            b'1'..=b'9' => Tok::Num(Num::Int),
            b't' => Tok::Lit { word: b"rue", at: 0 },
            b'f' => Tok::Lit { word: b"alse", at: 0 },
            b'n' => Tok::Lit { word: b"ull", at: 0 },
            b' ' | b'\t' | b'\r' | b'\n' => return Err(json(JsonError::Whitespace { at: AT })),
            _ => return Err(json(JsonError::UnexpectedChar { at: AT })),
        };
        Ok(())
    }

    /// Takes one byte.
    pub(super) fn byte(&mut self, b: u8) -> Result<(), Error> {
        let structural = |b: u8| {
            if matches!(b, b' ' | b'\t' | b'\r' | b'\n') {
                json(JsonError::Whitespace { at: AT })
            } else {
                json(JsonError::UnexpectedChar { at: AT })
            }
        };
        match self.tok {
            Tok::Value => self.value(b),
            Tok::ValueOrClose => {
                if b == b']' {
                    self.close(false)
                } else {
                    self.value(b)
                }
            }
            Tok::KeyOrClose | Tok::Key => match b {
                b'}' if self.tok == Tok::KeyOrClose => self.close(true),
                b'"' => {
                    let start = self.keys_len;
                    if let Some(top) = self.top() {
                        top.key_start = start;
                    }
                    self.tok = Tok::Str { key: true };
                    Ok(())
                }
                _ => Err(structural(b)),
            },
            Tok::Colon => {
                if b != b':' {
                    return Err(structural(b));
                }
                self.tok = Tok::Value;
                Ok(())
            }
            Tok::Next => {
                let object = self.top().map(|l| l.object).unwrap_or(false);
                match b {
                    b',' => {
                        self.tok = if object { Tok::Key } else { Tok::Value };
                        Ok(())
                    }
                    b'}' => self.close(true),
                    b']' => self.close(false),
                    _ => Err(structural(b)),
                }
            }
            Tok::Str { key } => match b {
                b'"' => {
                    if key {
                        self.key_done()
                    } else {
                        self.after_value();
                        Ok(())
                    }
                }
                b'\\' => {
                    self.tok = Tok::Escape { key };
                    Ok(())
                }
                0 => Err(json(JsonError::Nul { at: AT })),
                0x01..=0x1f => Err(json(JsonError::ControlCharacter { at: AT })),
                0x20..=0x7f => self.decoded(key, u32::from(b)),
                _ => self.utf8_start(key, b),
            },
            Tok::Escape { key } => {
                let c = match b {
                    b'"' => b'"',
                    b'\\' => b'\\',
                    b'/' => b'/',
                    b'b' => 0x08,
                    b'f' => 0x0c,
                    b'n' => b'\n',
                    b'r' => b'\r',
                    b't' => b'\t',
                    b'u' => {
                        self.tok = Tok::Hex { key, got: 0, value: 0 };
                        return Ok(());
                    }
                    _ => return Err(json(JsonError::InvalidEscape { at: AT })),
                };
                self.tok = Tok::Str { key };
                self.decoded(key, u32::from(c))
            }
            Tok::Hex { key, got, value } => {
                let digit =
                    char::from(b).to_digit(16).ok_or(json(JsonError::InvalidEscape { at: AT }))?;
                let value = value.wrapping_shl(4) | digit;
                let got = got.saturating_add(1);
                if got < 4 {
                    self.tok = Tok::Hex { key, got, value };
                    return Ok(());
                }
                self.code_unit(key, value)
            }
            Tok::Low { key, high, backslash } => {
                if !backslash && b == b'\\' {
                    self.tok = Tok::Low { key, high, backslash: true };
                    Ok(())
                } else if backslash && b == b'u' {
                    // The low surrogate's hex digits; `value` carries the high one.
                    self.tok = Tok::Hex { key, got: 0, value: 0 };
                    self.pending_high = Some(high);
                    Ok(())
                } else {
                    Err(json(JsonError::LoneSurrogate { at: AT }))
                }
            }
            Tok::Utf8 { key, left, lo, hi } => {
                if b < lo || b > hi {
                    return Err(json(JsonError::InvalidUtf8 { at: AT }));
                }
                let left = left.saturating_sub(1);
                self.push_raw(key, b)?;
                self.tok = if left == 0 {
                    Tok::Str { key }
                } else {
                    Tok::Utf8 { key, left, lo: 0x80, hi: 0xbf }
                };
                Ok(())
            }
            Tok::Num(n) => {
                let next = match (n, b) {
                    (Num::Minus, b'0') => Num::Zero,
                    (Num::Minus, b'1'..=b'9') => Num::Int,
                    (Num::Int, b'0'..=b'9') => Num::Int,
                    (Num::Zero | Num::Int, b'.') => Num::Dot,
                    (Num::Dot | Num::Frac, b'0'..=b'9') => Num::Frac,
                    (Num::Zero | Num::Int | Num::Frac, b'e' | b'E') => Num::E,
                    (Num::E, b'+' | b'-') => Num::ESign,
                    (Num::E | Num::ESign | Num::Exp, b'0'..=b'9') => Num::Exp,
                    _ => {
                        if !n.can_end() {
                            return Err(json(JsonError::InvalidNumber { at: AT }));
                        }
                        // The number ended before this byte, which follows it.
                        self.after_value();
                        if self.tok == Tok::Done {
                            return Err(json(JsonError::TrailingBytes { at: AT }));
                        }
                        return self.byte(b);
                    }
                };
                self.tok = Tok::Num(next);
                Ok(())
            }
            Tok::Lit { word, at } => {
                if word.get(usize::from(at)) != Some(&b) {
                    return Err(json(JsonError::InvalidLiteral { at: AT }));
                }
                let at = at.saturating_add(1);
                if usize::from(at) == word.len() {
                    self.after_value();
                } else {
                    self.tok = Tok::Lit { word, at };
                }
                Ok(())
            }
            Tok::Done => Err(json(JsonError::TrailingBytes { at: AT })),
        }
    }
}

/// Checks `value` (one JSON value, an object or an array) a byte at a time as the
/// streaming decoder checks what it passes through: `Ok` exactly when
/// [`crate::json::parse`]`(value, max_depth)` accepts it, but for keys of the open levels
/// longer than 256 bytes together ([`Error::ElementTooLarge`]).
pub fn check(value: &[u8], max_depth: usize) -> Result<(), Error> {
    let mut c = Checker::new(max_depth);
    for &b in value {
        c.byte(b)?;
    }
    if c.is_done() {
        Ok(())
    } else {
        Err(json(JsonError::Truncated { at: AT }))
    }
}
