//! A zero-copy, heap-free, panic-free reader for **canonical** JSON ([`parse`]), and for
//! the plain JSON other writers embed in a transaction ([`parse_relaxed`]).
//!
//! In `SIGN_MODE_LEGACY_AMINO_JSON` the bytes a user signs are a `StdSignDoc` serialized
//! by the chain's own encoder (Cosmos SDK 0.50 `x/tx` aminojson), for example
//!
//! ```text
//! {"account_number":"7","chain_id":"milkyway","fee":{"amount":[{"amount":"5000","denom":"umilk"}],"gas":"200000"},"memo":"","msgs":[...],"sequence":"3"}
//! ```
//!
//! The chain never parses that JSON: it rebuilds the document from the transaction and
//! checks the signature over the rebuilt bytes. A document the chain's encoder could not
//! have produced is therefore never useful to sign, but it can be dangerous to *show*: a
//! repeated key (the screen shows the first value, another reader takes the last), odd
//! whitespace, or an ambiguous escape gives two readers room to disagree about what the
//! bytes mean. The device shows the user exactly what it signs, so it refuses every
//! document that is not in the one canonical form. That costs nothing for honest
//! documents and removes every ambiguity for hostile ones.
//!
//! # What "canonical" means here
//!
//! * **No whitespace** outside strings: not between tokens, not before or after the root
//!   value ([`JsonError::Whitespace`]). The root value spans the whole input
//!   ([`JsonError::TrailingBytes`]).
//! * **Object keys strictly ascending** by the bytes of their *decoded* UTF-8 content, as
//!   Go sorts them (`x/tx` sorts by field name). `"a" < "ab"`, `"B" < "a"`, and an escaped
//!   key compares by what it decodes to: `"\u0062"` is `"b"`. Out of order is
//!   [`JsonError::KeysNotSorted`]; two keys with the same decoded content are
//!   [`JsonError::DuplicateKey`]. A duplicate that is not adjacent is necessarily also out
//!   of order, and is reported as unsorted.
//! * **Valid UTF-8 only** ([`JsonError::InvalidUtf8`]): no overlong forms, no UTF-8-encoded
//!   surrogates, nothing above U+10FFFF, no stray continuation bytes.
//! * **Strings**: no raw control characters below 0x20
//!   ([`JsonError::ControlCharacter`]); only the standard escapes `\" \\ \/ \b \f \n \r \t`
//!   and `\uXXXX` (hex in either case) ([`JsonError::InvalidEscape`]); a `\u` surrogate
//!   must be a high surrogate immediately followed by a `\u` low surrogate
//!   ([`JsonError::LoneSurrogate`]); NUL is refused outright, raw or as `\u0000`
//!   ([`JsonError::Nul`]).
//! * **Numbers** follow the JSON grammar exactly: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
//!   (so no `01`, `+1`, `.5`, `1.`, `0x10`) ([`JsonError::InvalidNumber`]).
//! * **Literals** are exactly `true`, `false` and `null` ([`JsonError::InvalidLiteral`]).
//! * **Nesting** of objects and arrays is bounded by the caller's `max_depth`, itself capped
//!   at [`MAX_DEPTH`] ([`JsonError::NestingTooDeep`]).
//!
//! Escapes that Go would not have produced (`\/`, `\u0041`) are accepted: they decode to
//! one unambiguous text, and every consumer reads strings through [`JsonStr::chars`] or
//! [`JsonStr::eq_str`], which decode them. Whether a *value* is a string or a number where
//! the schema wants the other is the sign-doc decoder's business, not this module's.
//!
//! # Relaxed reading, for JSON the chain's encoder did not write
//!
//! Some JSON in a transaction is written by the wallet, not by `x/tx`: the `msg` bytes of
//! a `/cosmwasm.wasm.v1.MsgExecuteContract` in SIGN_MODE_DIRECT (cosmjs writes
//! `JSON.stringify` output, keys in insertion order; other wallets add whitespace), and
//! IBC memos in either sign mode (a memo is a plain string; `x/tx` never re-sorts it).
//! Canonical form cannot be asked of those. [`parse_relaxed`] accepts any RFC 8259
//! document and differs from [`parse`] in exactly two rules:
//!
//! * **Whitespace** (space, tab, CR, LF, nothing else) is allowed between tokens and
//!   around the root value.
//! * **Keys come in any order**, but must still be **unique** by decoded content, at any
//!   depth ([`JsonError::DuplicateKey`], at the first key equal to an earlier one of its
//!   object): a contract or an IBC middleware that reads the last of two equal keys while
//!   the screen shows the first is exactly the ambiguity the device must not allow. Keys
//!   in ascending order are compared with their predecessor, as in canonical form; an
//!   object whose keys are out of order is checked for repeats when it closes, by
//!   selecting its keys in ascending order 32 at a time (a fixed array of offsets, no
//!   heap: `n / 32 + 1` walks over an object of `n` members). The member count times the
//!   size of such objects is still capped at [`MAX_SORT_WORK`] over the document
//!   ([`JsonError::TooManyKeys`]), far above any wallet's message, so that the documents
//!   accepted stay the ones accepted when that was the cost.
//!
//! Strings (UTF-8, escapes, surrogates, NUL, control characters), numbers, literals and
//! the nesting bound are exactly as above. Whatever order a relaxed object has its keys
//! in, [`Object::iter_sorted`] hands them out in the order the canonical encoder would
//! have written them, so a renderer shows the same screens for both.
//!
//! # How
//!
//! Both parsers check the whole document in one left-to-right pass, without recursion:
//! the only per-level state is a fixed array of [`MAX_DEPTH`] entries holding the
//! container kind and, for objects, where its members start, where its last key is,
//! how many members it has and whether they are ascending so far. [`parse`] compares
//! each key only with its predecessor, so validation is linear in the input;
//! [`parse_relaxed`] does the same, and checks an object whose keys are out of order for
//! repeats when it closes (`n / 32 + 1` walks over it, each skipping values without
//! decoding them, keeping 32 key offsets of two bytes in a 64-byte array; one more such
//! array records repeats when an error is reported, to report the first one). Stack use
//! is the level array (16 bytes a level on a 32-bit device), those 128 bytes while an
//! object is checked, and a few words.
//!
//! After validation the document is read lazily: [`Object::iter`], [`Array::iter`],
//! [`Object::get`] walk the already validated bytes (skipping whitespace, for a relaxed
//! document) and hand out borrowed views ([`Value`], [`JsonStr`], [`Number`]). Walking
//! one container costs time linear in its size; [`Object::iter_sorted`] and
//! [`Object::next_sorted`] hand out an unsorted object's members in key order with the
//! same 32-at-a-time selection. Those views can only be obtained from the parsers (or
//! [`view_validated`], for bytes a parser accepted before), so their bytes are always
//! valid; even so every accessor is total: on bytes that do not have the expected shape
//! an iterator simply ends and a lookup returns `None`. Nothing in this module indexes
//! without a check, unwraps, or does unchecked arithmetic.

use core::cmp::Ordering;
use core::fmt;

/// The deepest nesting of objects and arrays [`parse`] can ever accept (the size of its
/// fixed stack). A root scalar has depth 0, `{}` and `[]` depth 1, `[[]]` depth 2.
pub const MAX_DEPTH: usize = 24;

/// How much work keys out of order may cost in one [`parse_relaxed`] document: the sum,
/// over every object whose keys are not strictly ascending, of its member count times
/// its size in bytes (`{` to `}`), at most this ([`JsonError::TooManyKeys`]).
///
/// That was once what such an object cost twice over: to check each key against every
/// earlier one, and to hand its members out in sorted order, one walk per member. Both
/// now select keys 32 at a time, so an object costs about `members / 32 + 1` walks and
/// this bounds 32 times less work than it counts; the cap is kept so that the same
/// documents are accepted (and refused, with the same reason) as before. Keys in
/// ascending order cost nothing extra (each is compared with its predecessor only), so
/// canonical documents are never limited. A wallet's message is far below the cap (a
/// 1 KiB object of 20 keys counts 20 KiB).
pub const MAX_SORT_WORK: usize = 1 << 20;

/// Why a document is not canonical JSON. Every variant carries the byte offset in the
/// input where the problem was found (saturating at `u32::MAX`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonError {
    /// The input ended inside a value (`at` is the input length).
    Truncated { at: u32 },
    /// A space, tab, CR or LF outside a string.
    Whitespace { at: u32 },
    /// A byte that cannot start or continue the structure here.
    UnexpectedChar { at: u32 },
    /// Bytes after the complete root value.
    TrailingBytes { at: u32 },
    /// More nested objects/arrays than allowed (`at` is the opening bracket).
    NestingTooDeep { at: u32 },
    /// A key that is not greater than the previous key of its object (`at` is its quote).
    KeysNotSorted { at: u32 },
    /// A key equal (after decoding) to the previous key of its object.
    DuplicateKey { at: u32 },
    /// Malformed, overlong or surrogate UTF-8 (`at` is the first byte of the sequence).
    InvalidUtf8 { at: u32 },
    /// A raw byte below 0x20 inside a string.
    ControlCharacter { at: u32 },
    /// A backslash escape that JSON does not define, or bad `\u` hex digits.
    InvalidEscape { at: u32 },
    /// A `\u` surrogate that is not a high surrogate followed by a low one.
    LoneSurrogate { at: u32 },
    /// NUL in a string, raw or escaped as `\u0000`.
    Nul { at: u32 },
    /// A number outside the JSON grammar (leading zero, `+`, `.5`, `1.`, ...).
    InvalidNumber { at: u32 },
    /// A word that is not exactly `true`, `false` or `null`.
    InvalidLiteral { at: u32 },
    /// A [`parse_relaxed`] document whose keys out of order would cost more than
    /// [`MAX_SORT_WORK`] to check and sort (`at` is where the cap was passed).
    TooManyKeys { at: u32 },
}

impl JsonError {
    /// A short, printable ASCII reason for the host.
    pub fn reason(&self) -> &'static str {
        match self {
            JsonError::Truncated { .. } => "JSON: truncated",
            JsonError::Whitespace { .. } => "JSON: whitespace not allowed",
            JsonError::UnexpectedChar { .. } => "JSON: unexpected character",
            JsonError::TrailingBytes { .. } => "JSON: trailing bytes",
            JsonError::NestingTooDeep { .. } => "JSON: nesting too deep",
            JsonError::KeysNotSorted { .. } => "JSON: keys not sorted",
            JsonError::DuplicateKey { .. } => "JSON: duplicate key",
            JsonError::InvalidUtf8 { .. } => "JSON: invalid UTF-8",
            JsonError::ControlCharacter { .. } => "JSON: control character in string",
            JsonError::InvalidEscape { .. } => "JSON: invalid escape",
            JsonError::LoneSurrogate { .. } => "JSON: lone surrogate",
            JsonError::Nul { .. } => "JSON: NUL character",
            JsonError::InvalidNumber { .. } => "JSON: invalid number",
            JsonError::InvalidLiteral { .. } => "JSON: invalid literal",
            JsonError::TooManyKeys { .. } => "JSON: too many keys to sort",
        }
    }

    /// The byte offset in the input where the error was found.
    pub fn offset(&self) -> u32 {
        match *self {
            JsonError::Truncated { at }
            | JsonError::Whitespace { at }
            | JsonError::UnexpectedChar { at }
            | JsonError::TrailingBytes { at }
            | JsonError::NestingTooDeep { at }
            | JsonError::KeysNotSorted { at }
            | JsonError::DuplicateKey { at }
            | JsonError::InvalidUtf8 { at }
            | JsonError::ControlCharacter { at }
            | JsonError::InvalidEscape { at }
            | JsonError::LoneSurrogate { at }
            | JsonError::Nul { at }
            | JsonError::InvalidNumber { at }
            | JsonError::InvalidLiteral { at }
            | JsonError::TooManyKeys { at } => at,
        }
    }

    /// Whether `self` and `other` are the same kind of error, whatever their offsets.
    pub fn same_kind(&self, other: &JsonError) -> bool {
        core::mem::discriminant(self) == core::mem::discriminant(other)
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at byte {})", self.reason(), self.offset())
    }
}

/// A byte offset as carried by [`JsonError`].
fn off(pos: usize) -> u32 {
    u32::try_from(pos).unwrap_or(u32::MAX)
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// `bytes` without its leading JSON whitespace (only [`parse_relaxed`] documents have
/// any; on a canonical document this returns `bytes` unchanged).
fn trim_ws(bytes: &[u8]) -> &[u8] {
    let n = bytes.iter().take_while(|&&b| is_ws(b)).count();
    bytes.get(n..).unwrap_or(&[])
}

// ---------------------------------------------------------------------------------------
// Borrowed views
// ---------------------------------------------------------------------------------------

/// One JSON value, borrowing the validated input.
///
/// Equality compares the raw bytes: two strings with different escapes of the same text
/// are not equal as `Value`s (compare them with [`JsonStr::cmp_decoded`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value<'a> {
    Null,
    Bool(bool),
    Number(Number<'a>),
    String(JsonStr<'a>),
    Array(Array<'a>),
    Object(Object<'a>),
}

impl<'a> Value<'a> {
    /// The exact bytes of this value (strings with their quotes, containers with their
    /// brackets). For `null`, `true` and `false`, whose only canonical spelling is the
    /// literal itself, these are static bytes with the same content.
    pub fn raw(&self) -> &'a [u8] {
        match self {
            Value::Null => b"null",
            Value::Bool(true) => b"true",
            Value::Bool(false) => b"false",
            Value::Number(n) => n.raw_bytes(),
            Value::String(s) => s.raw_quoted(),
            Value::Array(a) => a.raw(),
            Value::Object(o) => o.raw(),
        }
    }

    pub fn as_object(&self) -> Option<Object<'a>> {
        match self {
            Value::Object(o) => Some(*o),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<Array<'a>> {
        match self {
            Value::Array(a) => Some(*a),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<JsonStr<'a>> {
        match self {
            Value::String(s) => Some(*s),
            _ => None,
        }
    }

    pub fn as_number(&self) -> Option<Number<'a>> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }
}

/// Builds the view for the value spanning exactly `raw`. `escaped` says whether a string
/// value contains a backslash. `None` if `raw` does not have the shape of one value.
fn value_from_raw(raw: &[u8], escaped: bool) -> Option<Value<'_>> {
    let first = *raw.first()?;
    let last = *raw.last()?;
    match first {
        b'{' if last == b'}' && raw.len() >= 2 => Some(Value::Object(Object { raw })),
        b'[' if last == b']' && raw.len() >= 2 => Some(Value::Array(Array { raw })),
        b'"' if last == b'"' && raw.len() >= 2 => {
            Some(Value::String(JsonStr { quoted: raw, escaped }))
        }
        _ if raw == b"null" => Some(Value::Null),
        _ if raw == b"true" => Some(Value::Bool(true)),
        _ if raw == b"false" => Some(Value::Bool(false)),
        _ if is_json_number(raw) => Some(Value::Number(Number { raw })),
        _ => None,
    }
}

/// A JSON object: the bytes from `{` to `}` of a validated document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Object<'a> {
    raw: &'a [u8],
}

impl<'a> Object<'a> {
    /// The exact bytes of the object, braces included.
    pub fn raw(&self) -> &'a [u8] {
        self.raw
    }

    /// The members in document order: ascending key order for a [`parse`]d document,
    /// the order the writer chose for a [`parse_relaxed`] one.
    pub fn iter(&self) -> ObjectIter<'a> {
        ObjectIter { rest: self.raw.get(1..).unwrap_or(&[]), first: true, done: false }
    }

    /// The members in ascending order of their decoded keys (UTF-8 byte order, the order
    /// `x/tx` sorts in), whatever order the document has them in. Both parsers refuse
    /// duplicate keys, so every member comes exactly once.
    ///
    /// Heap-free: an object whose keys are already ascending (every [`parse`]d one) is
    /// walked once to see that ([`Object::keys_ascending`]), then once to hand them out.
    /// Any other is handed out with [`Object::next_sorted`] and a [`SortScratch`] of its
    /// own: about `n / 32 + 1` walks for `n` members.
    pub fn iter_sorted(&self) -> SortedObjectIter<'a> {
        let ascending = self.keys_ascending();
        SortedObjectIter {
            object: *self,
            in_order: if ascending { Some(self.iter()) } else { None },
            cursor: 0,
            scratch: SortScratch::new(),
        }
    }

    /// Whether the keys come in strictly ascending order (one walk over the object, values
    /// skipped): then [`Object::iter`] is already in sorted order.
    pub fn keys_ascending(&self) -> bool {
        let raw = self.raw;
        let mut keys = KeyScan::new(raw, None);
        let Some(mut prev) = keys.next() else { return true };
        for k in keys {
            if cmp_raw_keys(key_content(raw, prev), key_content(raw, k)) != Ordering::Less {
                return false;
            }
            prev = k;
        }
        true
    }

    /// The member with the smallest key above the key at `cursor` (an offset in the
    /// object; 0 before the first call), and `cursor` moved to it: called again and again,
    /// this hands out the members in ascending key order, as [`Object::iter_sorted`]
    /// does, keeping nothing between calls but the `u32` cursor. That suits a recursive
    /// walk of nested objects (the renderer), which then keeps a cursor per level and
    /// shares one `scratch` between all levels.
    ///
    /// The keys are selected 32 at a time: a walk over the object fills `scratch` with
    /// the smallest keys above the cursor, and the next calls take them from there as
    /// long as `scratch` still holds this object's selection at this cursor; once another
    /// object (a nested one, on another level) has used it, the next call selects again,
    /// from the cursor. An object of `n` members costs about `n / 32 + 1` walks, plus one
    /// per member whose value used `scratch` in between.
    // Not inlined: the renderer's recursive frame stays as small as its cursor.
    #[inline(never)]
    pub fn next_sorted(
        &self,
        cursor: &mut u32,
        scratch: &mut SortScratch,
    ) -> Option<(JsonStr<'a>, Value<'a>)> {
        let raw = self.raw;
        let id = (raw.as_ptr() as usize, raw.len());
        let current = scratch.owner == Some(id) && scratch.cursor == *cursor;
        if !current || scratch.pos >= scratch.len {
            if current && !scratch.more {
                return None;
            }
            let above = (*cursor != 0).then_some(*cursor);
            let n = select_keys(raw, above, None, &mut scratch.bytes, None);
            scratch.owner = Some(id);
            scratch.more = n == Slots::new(&mut scratch.bytes, raw).cap();
            scratch.len = u8::try_from(n).unwrap_or(0);
            scratch.pos = 0;
            if scratch.len == 0 {
                scratch.more = false;
                scratch.cursor = *cursor;
                return None;
            }
        }
        let at = Slots::new(&mut scratch.bytes, raw).get(usize::from(scratch.pos));
        scratch.pos = scratch.pos.saturating_add(1);
        *cursor = at;
        scratch.cursor = at;
        let member = usize::try_from(at)
            .ok()
            .and_then(|at| raw.get(at..))
            .and_then(|rest| ObjectIter { rest, first: true, done: false }.next());
        if member.is_none() {
            // Bytes that were never validated: stop (every accessor stays total).
            scratch.len = 0;
            scratch.more = false;
        }
        member
    }

    /// The value for the key whose decoded content is `key`. Keys are unique (both
    /// parsers refuse duplicates), so the first match is the only one; the whole object
    /// is searched, as a [`parse_relaxed`] object's keys may come in any order.
    pub fn get(&self, key: &str) -> Option<Value<'a>> {
        self.iter().find(|(k, _)| k.cmp_str(key) == Ordering::Equal).map(|(_, v)| v)
    }

    /// The number of members (walks the object).
    pub fn len(&self) -> usize {
        self.iter().count()
    }

    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }
}

impl<'a> IntoIterator for Object<'a> {
    type Item = (JsonStr<'a>, Value<'a>);
    type IntoIter = ObjectIter<'a>;
    fn into_iter(self) -> ObjectIter<'a> {
        self.iter()
    }
}

impl<'a> IntoIterator for &Object<'a> {
    type Item = (JsonStr<'a>, Value<'a>);
    type IntoIter = ObjectIter<'a>;
    fn into_iter(self) -> ObjectIter<'a> {
        self.iter()
    }
}

/// Iterator over the members of an [`Object`].
#[derive(Clone, Debug)]
pub struct ObjectIter<'a> {
    /// What follows the `{` or the previous member.
    rest: &'a [u8],
    first: bool,
    done: bool,
}

impl<'a> ObjectIter<'a> {
    fn step(&mut self) -> Option<(JsonStr<'a>, Value<'a>)> {
        let rest = trim_ws(self.rest);
        let (&b, after) = rest.split_first()?;
        let body = match b {
            b'}' => return None,
            _ if self.first => rest,
            b',' => trim_ws(after),
            _ => return None,
        };
        let (key_len, key_escaped) = skip_string(body)?;
        let key = JsonStr { quoted: body.get(..key_len)?, escaped: key_escaped };
        let (&colon, value_bytes) = trim_ws(body.get(key_len..)?).split_first()?;
        if colon != b':' {
            return None;
        }
        let value_bytes = trim_ws(value_bytes);
        let (value_len, value_escaped) = skip_value(value_bytes)?;
        let value = value_from_raw(value_bytes.get(..value_len)?, value_escaped)?;
        self.rest = value_bytes.get(value_len..)?;
        self.first = false;
        Some((key, value))
    }
}

impl<'a> Iterator for ObjectIter<'a> {
    type Item = (JsonStr<'a>, Value<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let item = self.step();
        if item.is_none() {
            self.done = true;
        }
        item
    }
}

impl core::iter::FusedIterator for ObjectIter<'_> {}

/// The working memory of [`Object::next_sorted`]: the offsets of up to 32 keys of one
/// object (64 bytes, two a key; four, so 16 keys, for objects of 64 KiB or more)
/// selected by its last walk, which object and cursor that was for, and how far they
/// have been handed out. 84 bytes on the device (32-bit pointers).
#[derive(Clone, Debug)]
pub struct SortScratch {
    bytes: [u8; 64],
    /// The object (address and length of its bytes) the selection is from.
    owner: Option<(usize, usize)>,
    /// The offset of the key last handed out from it.
    cursor: u32,
    len: u8,
    pos: u8,
    /// Whether a walk may find more keys (the last one filled `bytes`).
    more: bool,
}

impl SortScratch {
    pub const fn new() -> Self {
        SortScratch { bytes: [0; 64], owner: None, cursor: 0, len: 0, pos: 0, more: false }
    }
}

impl Default for SortScratch {
    fn default() -> Self {
        Self::new()
    }
}

/// Iterator over the members of an [`Object`] in ascending key order (see
/// [`Object::iter_sorted`]).
#[derive(Clone, Debug)]
pub struct SortedObjectIter<'a> {
    object: Object<'a>,
    /// The plain document-order walk, when the keys are already ascending.
    in_order: Option<ObjectIter<'a>>,
    /// Otherwise: [`Object::next_sorted`]'s cursor and scratch.
    cursor: u32,
    scratch: SortScratch,
}

impl<'a> Iterator for SortedObjectIter<'a> {
    type Item = (JsonStr<'a>, Value<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        match self.in_order.as_mut() {
            Some(it) => it.next(),
            None => self.object.next_sorted(&mut self.cursor, &mut self.scratch),
        }
    }
}

impl core::iter::FusedIterator for SortedObjectIter<'_> {}

/// A JSON array: the bytes from `[` to `]` of a validated document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Array<'a> {
    raw: &'a [u8],
}

impl<'a> Array<'a> {
    /// The exact bytes of the array, brackets included.
    pub fn raw(&self) -> &'a [u8] {
        self.raw
    }

    /// The elements in order.
    pub fn iter(&self) -> ArrayIter<'a> {
        ArrayIter { rest: self.raw.get(1..).unwrap_or(&[]), first: true, done: false }
    }

    /// The element at `index` (walks the array up to it).
    pub fn get(&self, index: usize) -> Option<Value<'a>> {
        self.iter().nth(index)
    }

    /// The number of elements (walks the array).
    pub fn len(&self) -> usize {
        self.iter().count()
    }

    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }
}

impl<'a> IntoIterator for Array<'a> {
    type Item = Value<'a>;
    type IntoIter = ArrayIter<'a>;
    fn into_iter(self) -> ArrayIter<'a> {
        self.iter()
    }
}

impl<'a> IntoIterator for &Array<'a> {
    type Item = Value<'a>;
    type IntoIter = ArrayIter<'a>;
    fn into_iter(self) -> ArrayIter<'a> {
        self.iter()
    }
}

/// Iterator over the elements of an [`Array`].
#[derive(Clone, Debug)]
pub struct ArrayIter<'a> {
    /// What follows the `[` or the previous element.
    rest: &'a [u8],
    first: bool,
    done: bool,
}

impl<'a> ArrayIter<'a> {
    fn step(&mut self) -> Option<Value<'a>> {
        let rest = trim_ws(self.rest);
        let (&b, after) = rest.split_first()?;
        let body = match b {
            b']' => return None,
            _ if self.first => rest,
            b',' => trim_ws(after),
            _ => return None,
        };
        let (len, escaped) = skip_value(body)?;
        let value = value_from_raw(body.get(..len)?, escaped)?;
        self.rest = body.get(len..)?;
        self.first = false;
        Some(value)
    }
}

impl<'a> Iterator for ArrayIter<'a> {
    type Item = Value<'a>;

    fn next(&mut self) -> Option<Value<'a>> {
        if self.done {
            return None;
        }
        let item = self.step();
        if item.is_none() {
            self.done = true;
        }
        item
    }
}

impl core::iter::FusedIterator for ArrayIter<'_> {}

/// A JSON string as it appears in the document, escapes not yet decoded.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct JsonStr<'a> {
    /// The string with its surrounding quotes.
    quoted: &'a [u8],
    /// Whether the content contains a backslash.
    escaped: bool,
}

impl<'a> JsonStr<'a> {
    /// The raw content between the quotes, escapes as written.
    pub fn raw(&self) -> &'a [u8] {
        let end = self.quoted.len().saturating_sub(1);
        self.quoted.get(1..end).unwrap_or(&[])
    }

    /// The string exactly as written, quotes included.
    pub fn raw_quoted(&self) -> &'a [u8] {
        self.quoted
    }

    /// Whether the content contains at least one backslash escape.
    pub fn has_escapes(&self) -> bool {
        self.escaped
    }

    /// The content as `&str` when it has no escapes (so raw and decoded are the same).
    pub fn as_plain_str(&self) -> Option<&'a str> {
        if self.escaped {
            return None;
        }
        core::str::from_utf8(self.raw()).ok()
    }

    /// The decoded characters.
    pub fn chars(&self) -> JsonChars<'a> {
        JsonChars { rest: self.raw() }
    }

    /// The length in bytes of the decoded content encoded as UTF-8 (what `str::len`
    /// would say of the decoded string).
    pub fn decoded_len(&self) -> usize {
        if !self.escaped {
            return self.raw().len();
        }
        self.chars().fold(0usize, |n, c| n.saturating_add(c.len_utf8()))
    }

    /// The number of decoded characters (Unicode scalar values).
    pub fn char_count(&self) -> usize {
        self.chars().count()
    }

    /// Whether the decoded content equals `s`.
    pub fn eq_str(&self, s: &str) -> bool {
        if self.escaped {
            self.chars().eq(s.chars())
        } else {
            self.raw() == s.as_bytes()
        }
    }

    /// Compares the decoded content with `s`, in the byte order of UTF-8 (which is also
    /// the order of code points).
    pub fn cmp_str(&self, s: &str) -> Ordering {
        if self.escaped {
            self.chars().cmp(s.chars())
        } else {
            self.raw().cmp(s.as_bytes())
        }
    }

    /// Compares the decoded contents of two strings, in UTF-8 byte order. This is the
    /// order the canonical encoder sorts object keys in.
    pub fn cmp_decoded(&self, other: &JsonStr<'_>) -> Ordering {
        if self.escaped || other.escaped {
            cmp_raw_keys(self.quoted.get(1..).unwrap_or(&[]), other.quoted.get(1..).unwrap_or(&[]))
        } else {
            // Valid UTF-8: byte order equals code point order.
            self.raw().cmp(other.raw())
        }
    }
}

impl fmt::Display for JsonStr<'_> {
    /// Writes the decoded content.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use fmt::Write;
        for c in self.chars() {
            f.write_char(c)?;
        }
        Ok(())
    }
}

impl fmt::Debug for JsonStr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use fmt::Write;
        f.write_char('"')?;
        for c in self.chars() {
            for e in c.escape_debug() {
                f.write_char(e)?;
            }
        }
        f.write_char('"')
    }
}

/// Iterator decoding the escapes of a [`JsonStr`]. On bytes that are not a validated
/// string (which a `JsonStr` from [`parse`] never holds) it yields U+FFFD for each bad
/// byte rather than hiding anything.
#[derive(Clone, Debug)]
pub struct JsonChars<'a> {
    rest: &'a [u8],
}

impl Iterator for JsonChars<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        let (&b, tail) = self.rest.split_first()?;
        if b == b'\\' {
            match decode_escape(tail) {
                Some((c, rest)) => {
                    self.rest = rest;
                    Some(c)
                }
                None => {
                    self.rest = tail;
                    Some(char::REPLACEMENT_CHARACTER)
                }
            }
        } else if b < 0x80 {
            self.rest = tail;
            Some(char::from(b))
        } else {
            let len = match b {
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                _ => 4,
            };
            let decoded = self
                .rest
                .get(..len)
                .and_then(|s| core::str::from_utf8(s).ok())
                .and_then(|s| s.chars().next());
            match (decoded, self.rest.get(len..)) {
                (Some(c), Some(rest)) => {
                    self.rest = rest;
                    Some(c)
                }
                _ => {
                    self.rest = tail;
                    Some(char::REPLACEMENT_CHARACTER)
                }
            }
        }
    }
}

impl core::iter::FusedIterator for JsonChars<'_> {}

/// Four hex digits at the start of `bytes`, and what follows them.
fn hex4(bytes: &[u8]) -> Option<(u16, &[u8])> {
    let (digits, rest) = bytes.split_first_chunk::<4>()?;
    let mut value: u16 = 0;
    for &d in digits {
        let nibble = u16::try_from(char::from(d).to_digit(16)?).ok()?;
        value = value.wrapping_shl(4) | nibble;
    }
    Some((value, rest))
}

/// Decodes the escape whose backslash has just been consumed.
fn decode_escape(tail: &[u8]) -> Option<(char, &[u8])> {
    let (&e, rest) = tail.split_first()?;
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
            let (unit, rest) = hex4(rest)?;
            if (0xD800..=0xDBFF).contains(&unit) {
                let (low, rest) = hex4(rest.strip_prefix(b"\\u")?)?;
                let c = char::decode_utf16([unit, low]).next()?.ok()?;
                return Some((c, rest));
            }
            return Some((char::from_u32(u32::from(unit))?, rest));
        }
        _ => return None,
    };
    Some((c, rest))
}

/// A JSON number exactly as written.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Number<'a> {
    raw: &'a [u8],
}

impl<'a> Number<'a> {
    /// The number as written (always ASCII).
    pub fn raw(&self) -> &'a str {
        core::str::from_utf8(self.raw).unwrap_or("")
    }

    pub fn raw_bytes(&self) -> &'a [u8] {
        self.raw
    }

    /// Whether the number is a plain non-negative integer: digits only, no sign, fraction
    /// or exponent, no leading zero.
    pub fn is_plain_unsigned_integer(&self) -> bool {
        match self.raw {
            [] => false,
            [b'0', _, ..] => false,
            digits => digits.iter().all(u8::is_ascii_digit),
        }
    }

    /// The value, if the number is a plain non-negative integer that fits a `u64`.
    pub fn as_u64(&self) -> Option<u64> {
        if !self.is_plain_unsigned_integer() {
            return None;
        }
        self.raw.iter().try_fold(0u64, |acc, &d| {
            acc.checked_mul(10)?.checked_add(u64::from(d.wrapping_sub(b'0')))
        })
    }

    /// The value, if the number is a plain non-negative integer that fits a `u32`.
    pub fn as_u32(&self) -> Option<u32> {
        u32::try_from(self.as_u64()?).ok()
    }

    /// Whether the number survives Go's float64 round trip unchanged **and** nothing else
    /// comes out of that round trip as this number: a plain integer (`-?(0|[1-9][0-9]*)`,
    /// no fraction, no exponent, not `-0`) of magnitude at most [`MAX_SAFE_INTEGER`].
    ///
    /// Go's `encoding/json` reads a number held in an `interface{}` as a float64 and
    /// prints it back in its own shortest form, so `1.0` becomes `1`, `1e21` becomes
    /// `1e+21`, `0.0000001` becomes `1e-7` and `9007199254740993` becomes
    /// `9007199254740992`. x/tx does that to a wasm contract message in Amino JSON, and
    /// the IBC hooks middleware to the `msg` of a memo. 2^53 itself is excluded: 2^53 + 1
    /// rounds to it, so a reader of the rewritten text cannot tell which one was meant.
    pub fn is_safe_integer(&self) -> bool {
        let digits = match self.raw {
            [b'-', rest @ ..] => rest,
            all => all,
        };
        match digits {
            [] => false,
            [b'0'] => digits.len() == self.raw.len(),
            [b'0', ..] => false,
            _ => digits
                .iter()
                .try_fold(0u64, |acc, &d| {
                    if !d.is_ascii_digit() {
                        return None;
                    }
                    acc.checked_mul(10)?.checked_add(u64::from(d.wrapping_sub(b'0')))
                })
                .is_some_and(|v| v <= MAX_SAFE_INTEGER),
        }
    }
}

/// The largest integer a float64 holds exactly with no other integer rounding to it:
/// 2^53 - 1 (JavaScript's `Number.MAX_SAFE_INTEGER`). See [`Number::is_safe_integer`].
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// The first number in `v`, at any depth, that is not [`Number::is_safe_integer`].
///
/// A single pass over the value's validated bytes, without recursion: outside strings,
/// every `-` or digit starts a number token, which ends at `,`, `]`, `}`, whitespace or
/// the end of the value.
pub fn first_unsafe_number<'a>(v: &Value<'a>) -> Option<Number<'a>> {
    let raw = match v {
        Value::Number(n) => return (!n.is_safe_integer()).then_some(*n),
        Value::Array(_) | Value::Object(_) => v.raw(),
        _ => return None,
    };
    let mut in_string = false;
    let mut in_escape = false;
    let mut i = 0usize;
    while let Some(&b) = raw.get(i) {
        if in_string {
            if in_escape {
                in_escape = false;
            } else if b == b'\\' {
                in_escape = true;
            } else if b == b'"' {
                in_string = false;
            }
        } else if b == b'"' {
            in_string = true;
        } else if b == b'-' || b.is_ascii_digit() {
            let rest = raw.get(i..).unwrap_or(&[]);
            let len = rest
                .iter()
                .position(|&c| matches!(c, b',' | b'}' | b']') || is_ws(c))
                .unwrap_or(rest.len());
            let n = Number { raw: rest.get(..len).unwrap_or(&[]) };
            if !n.is_safe_integer() {
                return Some(n);
            }
            i = i.saturating_add(len.max(1));
            continue;
        }
        i = i.saturating_add(1);
    }
    None
}

impl fmt::Debug for Number<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Number({})", self.raw())
    }
}

// ---------------------------------------------------------------------------------------
// Skipping over validated values (used by the lazy iterators)
// ---------------------------------------------------------------------------------------

/// The length of the string starting at `bytes[0] == '"'`, closing quote included, and
/// whether it contains an escape.
fn skip_string(bytes: &[u8]) -> Option<(usize, bool)> {
    if bytes.first() != Some(&b'"') {
        return None;
    }
    let mut escaped = false;
    let mut i = 1usize;
    loop {
        let run = bytes.get(i..)?.iter().position(|&b| b == b'"' || b == b'\\')?;
        i = i.checked_add(run)?;
        if bytes.get(i) == Some(&b'"') {
            return Some((i.checked_add(1)?, escaped));
        }
        // A backslash and the character it escapes (a `\u` escape's hex digits are
        // neither quotes nor backslashes).
        escaped = true;
        i = i.checked_add(2)?;
    }
}

/// The length of the value at the start of `bytes`, and for a string whether it
/// contains an escape.
fn skip_value(bytes: &[u8]) -> Option<(usize, bool)> {
    match *bytes.first()? {
        b'"' => skip_string(bytes),
        b'{' | b'[' => {
            let mut depth: usize = 0;
            let mut in_string = false;
            let mut in_escape = false;
            for (i, &b) in bytes.iter().enumerate() {
                if in_string {
                    if in_escape {
                        in_escape = false;
                    } else if b == b'\\' {
                        in_escape = true;
                    } else if b == b'"' {
                        in_string = false;
                    }
                    continue;
                }
                match b {
                    b'"' => in_string = true,
                    b'{' | b'[' => depth = depth.checked_add(1)?,
                    b'}' | b']' => {
                        depth = depth.checked_sub(1)?;
                        if depth == 0 {
                            return Some((i.checked_add(1)?, false));
                        }
                    }
                    _ => {}
                }
            }
            None
        }
        _ => {
            let len = bytes
                .iter()
                .position(|&b| matches!(b, b',' | b'}' | b']') || is_ws(b))
                .unwrap_or(bytes.len());
            if len == 0 {
                None
            } else {
                Some((len, false))
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Keys by offset: comparing, walking, selecting in order (no heap)
// ---------------------------------------------------------------------------------------

/// The bytes of `obj` just after the opening quote of the key at offset `at`: the key's
/// content runs from there to its closing quote (see [`cmp_raw_keys`]).
fn key_content(obj: &[u8], at: u32) -> &[u8] {
    usize::try_from(at)
        .ok()
        .and_then(|at| at.checked_add(1))
        .and_then(|from| obj.get(from..))
        .unwrap_or(&[])
}

/// The first character of string content `s` (an escape, or one UTF-8 character) and
/// what follows it, as [`JsonChars`] decodes it.
fn one_char(s: &[u8]) -> (Option<char>, &[u8]) {
    let mut chars = JsonChars { rest: s };
    let c = chars.next();
    (c, chars.rest)
}

/// The length of the escape at the start of `s` (a backslash): `\uD8xx\uDCxx` (a
/// surrogate pair, which decodes to one character) 12, any other `\u` escape 6, the
/// others 2. On bytes that are not a valid escape, some length of at least 2.
fn escape_len(s: &[u8]) -> usize {
    let high_surrogate = matches!(s.get(2), Some(b'd' | b'D'))
        && matches!(s.get(3), Some(b'8' | b'9' | b'a' | b'b' | b'A' | b'B'));
    match s.get(1) {
        Some(b'u') if high_surrogate => 12,
        Some(b'u') => 6,
        _ => 2,
    }
}

/// Compares two JSON string contents by their decoded characters, in UTF-8 byte order
/// (= code point order): what [`JsonStr::cmp_decoded`] means. Each argument starts just
/// after an opening quote and may run on past the string: the string ends at its first
/// unescaped `"` (or where the bytes end).
///
/// Identical bytes are skipped as such, and so is an escape identical on both sides
/// (whole: a surrogate pair as one), so keys sharing a long prefix cost about a
/// `memcmp`, escaped or not. That is exact: both sides advance through the same bytes
/// from character boundaries, so they stay at the same position within a character,
/// and where they first differ outside escapes the byte order of valid UTF-8 is the
/// order of the characters. Where either side has an escape that the other does not
/// have spelled the same, one character is decoded from each side and compared.
fn cmp_raw_keys(a: &[u8], b: &[u8]) -> Ordering {
    let (mut a, mut b) = (a, b);
    loop {
        // The run of identical bytes up to the end, a difference or an escape spelled
        // differently (identical escapes are stepped over whole, never entered).
        let mut i = 0usize;
        let (x, y) = loop {
            match (a.get(i), b.get(i)) {
                (Some(&x), Some(&y)) if x == y && x != b'"' && x != b'\\' => {
                    i = i.saturating_add(1)
                }
                (Some(b'\\'), Some(b'\\')) => {
                    let end = i.saturating_add(escape_len(a.get(i..).unwrap_or(&[])));
                    match (a.get(i..end), b.get(i..end)) {
                        (Some(ea), Some(eb)) if ea == eb => i = end,
                        _ => break (b'\\', b'\\'),
                    }
                }
                (x, y) => break (x.copied().unwrap_or(b'"'), y.copied().unwrap_or(b'"')),
            }
        };
        match (x == b'"', y == b'"') {
            (true, true) => return Ordering::Equal,
            (true, false) => return Ordering::Less,
            (false, true) => return Ordering::Greater,
            (false, false) if x != b'\\' && y != b'\\' => return x.cmp(&y),
            (false, false) => {
                a = a.get(i..).unwrap_or(&[]);
                b = b.get(i..).unwrap_or(&[]);
                let (ca, rest_a) = one_char(a);
                let (cb, rest_b) = one_char(b);
                match ca.cmp(&cb) {
                    Ordering::Equal => {
                        a = rest_a;
                        b = rest_b;
                    }
                    order => return order,
                }
            }
        }
    }
}

/// The keys of an object, as offsets in `obj` (which starts at the `{`) of their opening
/// quotes, in document order. Values are skipped, not decoded. With `stop`, the walk
/// ends with the key at that offset, whose value is not read (it may be incomplete: the
/// validator walks objects it has not finished). Total on any bytes: it ends where they
/// do not have the expected shape.
struct KeyScan<'a> {
    obj: &'a [u8],
    rest: &'a [u8],
    first: bool,
    stop: Option<usize>,
    done: bool,
}

impl<'a> KeyScan<'a> {
    fn new(obj: &'a [u8], stop: Option<usize>) -> Self {
        KeyScan { obj, rest: obj.get(1..).unwrap_or(&[]), first: true, stop, done: false }
    }

    fn step(&mut self) -> Option<u32> {
        let rest = trim_ws(self.rest);
        let (&b, after) = rest.split_first()?;
        let body = match b {
            b'}' => return None,
            _ if self.first => rest,
            b',' => trim_ws(after),
            _ => return None,
        };
        let at = self.obj.len().checked_sub(body.len())?;
        let at32 = u32::try_from(at).ok()?;
        if self.stop == Some(at) {
            self.done = true;
            return Some(at32);
        }
        let (key_len, _) = skip_string(body)?;
        let (&colon, value_bytes) = trim_ws(body.get(key_len..)?).split_first()?;
        if colon != b':' {
            return None;
        }
        let value_bytes = trim_ws(value_bytes);
        let (value_len, _) = skip_value(value_bytes)?;
        self.rest = value_bytes.get(value_len..)?;
        self.first = false;
        Some(at32)
    }
}

impl Iterator for KeyScan<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        if self.done {
            return None;
        }
        let item = self.step();
        if item.is_none() {
            self.done = true;
        }
        item
    }
}

/// Offsets of keys in an object, packed in a byte array: two bytes each when the object
/// is shorter than 64 KiB (every object on the device, whose sign buffer is 32 KiB), four
/// otherwise. Offset 0 (the object's `{`) is never a key's, and stands for "none".
struct Slots<'b> {
    bytes: &'b mut [u8],
    wide: bool,
}

impl<'b> Slots<'b> {
    fn new(bytes: &'b mut [u8], obj: &[u8]) -> Self {
        Slots { bytes, wide: obj.len() > usize::from(u16::MAX) }
    }

    fn width(&self) -> usize {
        if self.wide {
            4
        } else {
            2
        }
    }

    /// How many offsets fit.
    fn cap(&self) -> usize {
        self.bytes.len().checked_div(self.width()).unwrap_or(0)
    }

    fn range(&self, i: usize) -> core::ops::Range<usize> {
        let from = i.saturating_mul(self.width());
        from..from.saturating_add(self.width())
    }

    fn get(&self, i: usize) -> u32 {
        match self.bytes.get(self.range(i)) {
            Some(&[a, b]) => u32::from(u16::from_le_bytes([a, b])),
            Some(&[a, b, c, d]) => u32::from_le_bytes([a, b, c, d]),
            _ => 0,
        }
    }

    fn set(&mut self, i: usize, at: u32) {
        let range = self.range(i);
        match self.bytes.get_mut(range) {
            Some(slot @ [_, _]) => {
                slot.copy_from_slice(&u16::try_from(at).unwrap_or(0).to_le_bytes())
            }
            Some(slot @ [_, _, _, _]) => slot.copy_from_slice(&at.to_le_bytes()),
            _ => {}
        }
    }

    /// Puts `at` at `i`, moving entries `i..len` up by one (the last one falls off when
    /// all `cap` are in use).
    fn insert(&mut self, i: usize, len: usize, at: u32) {
        let last = len.min(self.cap().saturating_sub(1));
        let width = self.width();
        if let Some(window) = self.bytes.get_mut(self.range(i).start..self.range(last).end) {
            // The window holds at least one entry (`last >= i`), so this cannot panic.
            if let Some(kept) = window.len().checked_sub(width) {
                window.copy_within(..kept, width);
            }
        }
        self.set(i, at);
    }

    fn clear(&mut self) {
        self.bytes.fill(0);
    }
}

/// One walk over the object `obj` (from its `{`; see [`KeyScan`] for `stop`): fills
/// `batch` with the offsets of its smallest keys strictly above the key at `above` (of
/// all keys, without), ascending, as many as it holds ([`Slots`]), and returns how many.
///
/// A key equal to one already in the batch is not taken again; when `repeats` is given,
/// the offset of the first such repeat of the key in slot `i` goes to slot `i` of
/// `repeats` (0 for keys without one). A key kept in the batch to the end of the walk
/// was taken at its first occurrence above `above` and never dropped (a full batch only
/// takes smaller keys), so its recorded repeat is its first one. Each key costs a
/// comparison with `above` and, if above it, a binary search of the batch and, when
/// taken, moving the larger ones up by one.
fn select_keys(
    obj: &[u8],
    above: Option<u32>,
    stop: Option<usize>,
    batch: &mut [u8],
    repeats: Option<&mut [u8]>,
) -> usize {
    let mut batch = Slots::new(batch, obj);
    let mut repeats = repeats.map(|r| Slots::new(r, obj));
    let cap = batch.cap();
    let mut len = 0usize;
    if let Some(r) = repeats.as_mut() {
        r.clear();
    }
    let above = above.map(|a| key_content(obj, a));
    for at in KeyScan::new(obj, stop) {
        let key = key_content(obj, at);
        if above.is_some_and(|a| cmp_raw_keys(key, a) != Ordering::Greater) {
            continue;
        }
        // Binary search of batch[..len].
        let (mut lo, mut hi) = (0usize, len);
        let mut found = None;
        while lo < hi {
            let mid = lo.saturating_add(hi.saturating_sub(lo) / 2);
            match cmp_raw_keys(key_content(obj, batch.get(mid)), key) {
                Ordering::Less => lo = mid.saturating_add(1),
                Ordering::Greater => hi = mid,
                Ordering::Equal => {
                    found = Some(mid);
                    break;
                }
            }
        }
        match found {
            Some(i) => {
                if let Some(r) = repeats.as_mut() {
                    if r.get(i) == 0 {
                        r.set(i, at);
                    }
                }
            }
            None if lo < cap => {
                batch.insert(lo, len, at);
                if let Some(r) = repeats.as_mut() {
                    r.insert(lo, len, 0);
                }
                len = len.saturating_add(1).min(cap);
            }
            // Above every key of a full batch.
            None => {}
        }
    }
    len
}

/// The bytes [`key_census`] keeps per walk: two arrays of 64 (32 offsets each on the
/// device, 16 for objects of 64 KiB or more): 128 bytes of stack.
const CENSUS_BYTES: usize = 64;

/// The keys of the object `obj` (from its `{`; see [`KeyScan`] for `stop`), checked for
/// repeats without a heap, in ascending order, up to 32 keys per walk
/// ([`CENSUS_BYTES`]): the number of distinct keys, and with `find_repeat`, the offset
/// of the earliest key (in document order) that repeats an earlier one, if any. An
/// object of `n` members costs `n / 32 + 1` walks.
#[inline(never)]
fn key_census(obj: &[u8], stop: Option<usize>, find_repeat: bool) -> (usize, Option<u32>) {
    let mut batch = [0u8; CENSUS_BYTES];
    let mut repeats = [0u8; CENSUS_BYTES];
    let mut above = None;
    let mut distinct = 0usize;
    let mut earliest: Option<u32> = None;
    loop {
        let track = if find_repeat { Some(&mut repeats[..]) } else { None };
        let n = select_keys(obj, above, stop, &mut batch, track);
        distinct = distinct.saturating_add(n);
        let batch = Slots::new(&mut batch, obj);
        if find_repeat {
            let repeats = Slots::new(&mut repeats, obj);
            for i in 0..n {
                let r = repeats.get(i);
                if r != 0 && earliest.is_none_or(|e| r < e) {
                    earliest = Some(r);
                }
            }
        }
        if n < batch.cap() || n == 0 {
            return (distinct, earliest);
        }
        above = Some(batch.get(n.saturating_sub(1)));
    }
}

/// Whether `tok` is exactly one number of the JSON grammar.
fn is_json_number(tok: &[u8]) -> bool {
    fn digits(
        it: &mut core::iter::Peekable<core::iter::Copied<core::slice::Iter<'_, u8>>>,
    ) -> bool {
        let mut any = false;
        while it.next_if(u8::is_ascii_digit).is_some() {
            any = true;
        }
        any
    }
    let mut it = tok.iter().copied().peekable();
    let _ = it.next_if_eq(&b'-');
    match it.next() {
        Some(b'0') => {}
        Some(b'1'..=b'9') => {
            let _ = digits(&mut it);
        }
        _ => return false,
    }
    if it.next_if_eq(&b'.').is_some() && !digits(&mut it) {
        return false;
    }
    if it.next_if(|&b| b == b'e' || b == b'E').is_some() {
        let _ = it.next_if(|&b| b == b'+' || b == b'-');
        if !digits(&mut it) {
            return false;
        }
    }
    it.next().is_none()
}

// ---------------------------------------------------------------------------------------
// The validator
// ---------------------------------------------------------------------------------------

/// The state kept for one open container.
#[derive(Clone, Copy)]
struct Level {
    /// Where the content starts: just after the `{` or `[`.
    open: usize,
    /// Objects: the offset of the opening quote of the last key so far (0: no key yet;
    /// no key can start at 0). Each key is compared with that previous one.
    prev_key: usize,
    /// Objects: the members so far.
    members: u32,
    object: bool,
    /// Objects: whether the keys so far are strictly ascending. Once they are not, the
    /// relaxed check compares each further key with every earlier one, walking the
    /// members again from `open`.
    ascending: bool,
}

impl Level {
    const EMPTY: Level = Level { open: 0, prev_key: 0, members: 0, object: false, ascending: true };

    /// What sorting this object costs, counted as [`MAX_SORT_WORK`] counts it: members
    /// times its size in bytes, from the `{` up to `end` (exclusive).
    fn sort_work(&self, end: usize) -> usize {
        let members = usize::try_from(self.members).unwrap_or(usize::MAX);
        members.saturating_mul(end.saturating_sub(self.open).saturating_add(1))
    }
}

/// Which rules [`Validator`] applies.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// [`parse`]: no whitespace, keys strictly ascending.
    Canonical,
    /// [`parse_relaxed`]: insignificant whitespace, keys in any order but unique.
    Relaxed,
}

struct Validator<'a> {
    input: &'a [u8],
    pos: usize,
    mode: Mode,
    /// Relaxed mode: the sort work of the objects closed so far (see [`MAX_SORT_WORK`]).
    work: usize,
}

impl<'a> Validator<'a> {
    /// Steps over JSON whitespace, in relaxed mode only (canonical mode refuses it
    /// wherever it is found).
    fn skip_ws(&mut self) {
        if self.mode == Mode::Relaxed {
            let n = self.rest().iter().take_while(|&&b| is_ws(b)).count();
            self.advance(n);
        }
    }

    fn peek(&self) -> Option<u8> {
        self.input.get(self.pos).copied()
    }

    fn peek_ahead(&self, n: usize) -> Option<u8> {
        self.input.get(self.pos.checked_add(n)?).copied()
    }

    fn bump(&mut self) {
        self.pos = self.pos.saturating_add(1);
    }

    fn advance(&mut self, n: usize) {
        self.pos = self.pos.saturating_add(n);
    }

    fn rest(&self) -> &'a [u8] {
        self.input.get(self.pos..).unwrap_or(&[])
    }

    fn truncated(&self) -> JsonError {
        JsonError::Truncated { at: off(self.input.len()) }
    }

    /// The error for finding `found` where something else was required.
    fn unexpected(&self, found: Option<u8>) -> JsonError {
        match found {
            None => self.truncated(),
            Some(b) if is_ws(b) => JsonError::Whitespace { at: off(self.pos) },
            Some(_) => JsonError::UnexpectedChar { at: off(self.pos) },
        }
    }

    /// Requires `byte` at the current position and steps over it.
    fn expect(&mut self, byte: u8) -> Result<(), JsonError> {
        match self.peek() {
            Some(b) if b == byte => {
                self.bump();
                Ok(())
            }
            other => Err(self.unexpected(other)),
        }
    }

    /// Validates the string starting at the current `"`; returns whether it had escapes.
    fn string(&mut self) -> Result<bool, JsonError> {
        self.expect(b'"')?;
        let mut escaped = false;
        loop {
            // Fast path: a run of plain printable ASCII.
            let run = self
                .rest()
                .iter()
                .take_while(|&&b| (0x20..0x80).contains(&b) && b != b'"' && b != b'\\')
                .count();
            self.advance(run);
            let b = self.peek().ok_or_else(|| self.truncated())?;
            match b {
                b'"' => {
                    self.bump();
                    return Ok(escaped);
                }
                b'\\' => {
                    escaped = true;
                    self.escape()?;
                }
                0x00 => return Err(JsonError::Nul { at: off(self.pos) }),
                0x01..=0x1F => return Err(JsonError::ControlCharacter { at: off(self.pos) }),
                0x20..=0x7F => self.bump(),
                _ => self.utf8_sequence(b)?,
            }
        }
    }

    /// Validates one multi-byte UTF-8 sequence starting with `lead` (>= 0x80).
    fn utf8_sequence(&mut self, lead: u8) -> Result<(), JsonError> {
        let start = self.pos;
        let bad = JsonError::InvalidUtf8 { at: off(start) };
        // Continuation bytes needed, and the allowed range of the first one: the narrow
        // ranges exclude overlong forms (E0, F0), UTF-8 surrogates (ED) and code points
        // above U+10FFFF (F4). C0, C1 and F5..FF can never start a sequence.
        let (count, low, high) = match lead {
            0xC2..=0xDF => (1, 0x80, 0xBF),
            0xE0 => (2, 0xA0, 0xBF),
            0xE1..=0xEC | 0xEE..=0xEF => (2, 0x80, 0xBF),
            0xED => (2, 0x80, 0x9F),
            0xF0 => (3, 0x90, 0xBF),
            0xF1..=0xF3 => (3, 0x80, 0xBF),
            0xF4 => (3, 0x80, 0x8F),
            _ => return Err(bad),
        };
        self.bump();
        for i in 0..count {
            let (min, max) = if i == 0 { (low, high) } else { (0x80, 0xBF) };
            match self.peek() {
                None => return Err(self.truncated()),
                Some(b) if (min..=max).contains(&b) => self.bump(),
                Some(_) => return Err(bad),
            }
        }
        Ok(())
    }

    /// Four hex digits of a `\u` escape that started at `esc`.
    fn hex4(&mut self, esc: usize) -> Result<u16, JsonError> {
        let mut value: u16 = 0;
        for _ in 0..4 {
            let b = self.peek().ok_or_else(|| self.truncated())?;
            let nibble = char::from(b)
                .to_digit(16)
                .and_then(|d| u16::try_from(d).ok())
                .ok_or(JsonError::InvalidEscape { at: off(esc) })?;
            value = value.wrapping_shl(4) | nibble;
            self.bump();
        }
        Ok(value)
    }

    /// Validates the escape at the current backslash.
    fn escape(&mut self) -> Result<(), JsonError> {
        let start = self.pos;
        self.bump();
        match self.peek() {
            None => Err(self.truncated()),
            Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => {
                self.bump();
                Ok(())
            }
            Some(b'u') => {
                self.bump();
                let lone = JsonError::LoneSurrogate { at: off(start) };
                match self.hex4(start)? {
                    0 => Err(JsonError::Nul { at: off(start) }),
                    0xDC00..=0xDFFF => Err(lone),
                    0xD800..=0xDBFF => {
                        match (self.peek(), self.peek_ahead(1)) {
                            (Some(b'\\'), Some(b'u')) => {}
                            (None, _) | (Some(b'\\'), None) => return Err(self.truncated()),
                            _ => return Err(lone),
                        }
                        let second = self.pos;
                        self.advance(2);
                        if (0xDC00..=0xDFFF).contains(&self.hex4(second)?) {
                            Ok(())
                        } else {
                            Err(lone)
                        }
                    }
                    _ => Ok(()),
                }
            }
            Some(_) => Err(JsonError::InvalidEscape { at: off(start) }),
        }
    }

    /// Validates an object key (at its opening quote) and the colon after it (with the
    /// whitespace around it, in relaxed mode). The key is compared with the previous one
    /// of its object: canonical mode requires it above; relaxed mode notes when it is not
    /// (the object is then checked for repeated keys when it closes, see [`validate`]).
    fn key(&mut self, level: &mut Level) -> Result<(), JsonError> {
        let start = self.pos;
        if self.peek() != Some(b'"') {
            return Err(self.unexpected(self.peek()));
        }
        self.string()?;
        let order = match level.prev_key {
            0 => Ordering::Less,
            prev => cmp_raw_keys(
                self.input.get(prev.saturating_add(1)..).unwrap_or(&[]),
                self.input.get(start.saturating_add(1)..).unwrap_or(&[]),
            ),
        };
        level.members = level.members.saturating_add(1);
        match (self.mode, order) {
            (_, Ordering::Less) if level.ascending => {
                // Above every earlier key: none of them can be equal to it.
            }
            (Mode::Canonical, Ordering::Equal) => {
                return Err(JsonError::DuplicateKey { at: off(start) })
            }
            (Mode::Canonical, _) => return Err(JsonError::KeysNotSorted { at: off(start) }),
            (Mode::Relaxed, _) => {
                level.ascending = false;
                // This object will cost at least this much to sort: refuse now rather
                // than walk it first.
                if self.work.saturating_add(level.sort_work(start)) > MAX_SORT_WORK {
                    return Err(JsonError::TooManyKeys { at: off(start) });
                }
            }
        }
        level.prev_key = start;
        self.skip_ws();
        self.expect(b':')?;
        self.skip_ws();
        Ok(())
    }

    /// Relaxed mode: the offset of the earliest key that repeats an earlier key of its
    /// object, among the objects of `open` (the containers open when the walk stopped)
    /// whose keys are out of order, counting each object's keys up to its last complete
    /// one ([`Level::prev_key`]).
    fn earliest_repeat(&self, open: &[Level]) -> Option<usize> {
        let mut earliest: Option<usize> = None;
        for level in open.iter().filter(|l| l.object && !l.ascending && l.prev_key != 0) {
            let from = level.open.saturating_sub(1);
            let obj = self.input.get(from..).unwrap_or(&[]);
            let (_, repeat) = key_census(obj, Some(level.prev_key.saturating_sub(from)), true);
            let at = repeat.and_then(|r| usize::try_from(r).ok()).map(|r| from.saturating_add(r));
            if let Some(at) = at {
                if earliest.is_none_or(|e| at < e) {
                    earliest = Some(at);
                }
            }
        }
        earliest
    }

    /// Validates `true`, `false` or `null` at the current position.
    fn literal(&mut self) -> Result<(), JsonError> {
        const LITERALS: [&[u8]; 3] = [b"true", b"false", b"null"];
        let rest = self.rest();
        let len = rest.iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        let word = rest.get(..len).unwrap_or(&[]);
        if LITERALS.contains(&word) {
            self.advance(len);
            return Ok(());
        }
        if len == rest.len() && LITERALS.iter().any(|l| l.starts_with(word)) {
            return Err(self.truncated());
        }
        Err(JsonError::InvalidLiteral { at: off(self.pos) })
    }

    /// Validates the number at the current position. The token is taken to run over
    /// every byte that could belong to a number or to a mistyped one, so that `01`,
    /// `1.`, `0x1F` are reported as invalid numbers rather than as what follows them.
    fn number(&mut self) -> Result<(), JsonError> {
        let rest = self.rest();
        let len = rest
            .iter()
            .take_while(|&&b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'+' | b'-'))
            .count();
        if is_json_number(rest.get(..len).unwrap_or(&[])) {
            self.advance(len);
            Ok(())
        } else {
            Err(JsonError::InvalidNumber { at: off(self.pos) })
        }
    }
}

/// Validates `input` as one canonical JSON document (see the module documentation) and
/// returns its root value. Objects and arrays may nest at most `max_depth` deep, and never
/// deeper than [`MAX_DEPTH`].
///
/// One pass, no recursion, no allocation; time linear in `input.len()`.
///
/// # Errors
///
/// The first rule the input breaks, as a [`JsonError`] with the byte offset where it
/// was found. Nothing is returned for a document that is not canonical.
pub fn parse(input: &[u8], max_depth: usize) -> Result<Value<'_>, JsonError> {
    validate(input, max_depth, Mode::Canonical)
}

/// Validates `input` as one JSON document (RFC 8259) that was *not* written by the
/// chain's canonical encoder, and returns its root value: a wasm contract message in
/// SIGN_MODE_DIRECT, an IBC memo. See "Relaxed reading" in the module documentation:
/// whitespace is allowed between tokens and around the root, keys come in any order;
/// everything else is as strict as [`parse`], duplicate keys included (at any depth).
///
/// One pass, no recursion, no allocation. Keys out of order are compared with every
/// earlier key of their object by walking it again; the time is linear in the input plus
/// at most [`MAX_SORT_WORK`].
///
/// # Errors
///
/// The first rule the input breaks, as a [`JsonError`] with the byte offset where it
/// was found ([`JsonError::Whitespace`] and [`JsonError::KeysNotSorted`] never occur).
pub fn parse_relaxed(input: &[u8], max_depth: usize) -> Result<Value<'_>, JsonError> {
    validate(input, max_depth, Mode::Relaxed)
}

/// The value spanning `bytes` (JSON whitespace around it allowed), read **without**
/// checking it: for bytes that [`parse`] or [`parse_relaxed`] has already accepted, of
/// which it returns the same value those do, in time linear in the bytes. The core reads
/// a message's fields again each time it shows one; it validates the message once, when
/// decoding, and reads it with this afterwards. On any other bytes it returns some value
/// or `None`, never panics; whatever it returns then was not checked.
pub fn view_validated(bytes: &[u8]) -> Option<Value<'_>> {
    let bytes = trim_ws(bytes);
    let trailing = bytes.iter().rev().take_while(|&&b| is_ws(b)).count();
    let bytes = bytes.get(..bytes.len().checked_sub(trailing)?)?;
    let (len, escaped) = skip_value(bytes)?;
    if len != bytes.len() {
        return None;
    }
    value_from_raw(bytes, escaped)
}

/// Checks `input` in one pass (see the module documentation).
///
/// Relaxed mode checks an object whose keys are out of order for repeated keys once, when
/// it closes ([`key_census`]: `members / 32 + 1` walks over it), rather than
/// each key against every earlier one as it comes. The error reported is still the one a
/// key-by-key check finds first: when the pass stops on any error (a repeat found at a
/// close, or anything else), the objects still open are searched for their earliest
/// repeated key up to where the pass stopped, and a repeat found there comes first, as
/// it lies before the stop (a closed object had none, or the pass would have stopped
/// there).
fn validate(input: &[u8], max_depth: usize, mode: Mode) -> Result<Value<'_>, JsonError> {
    let mut v = Validator { input, pos: 0, mode, work: 0 };
    let mut stack = [Level::EMPTY; MAX_DEPTH];
    let mut depth: usize = 0;
    match walk(&mut v, &mut stack, &mut depth, max_depth.min(MAX_DEPTH)) {
        Err(e) if mode == Mode::Relaxed => {
            let open = stack.get(..depth).unwrap_or(&stack);
            Err(match v.earliest_repeat(open) {
                Some(at) => JsonError::DuplicateKey { at: off(at) },
                None => e,
            })
        }
        result => result,
    }
}

/// The pass of [`validate`]; `stack[..depth]` are the containers open when it returns.
fn walk<'a>(
    v: &mut Validator<'a>,
    stack: &mut [Level; MAX_DEPTH],
    depth: &mut usize,
    limit: usize,
) -> Result<Value<'a>, JsonError> {
    let input = v.input;
    let mut root_escaped = false;
    v.skip_ws();
    let root_start = v.pos;

    'value: loop {
        // A value starts at `v.pos`.
        match v.peek() {
            Some(open @ (b'{' | b'[')) => {
                let is_object = open == b'{';
                let slot = if *depth < limit { stack.get_mut(*depth) } else { None };
                let Some(slot) = slot else {
                    return Err(JsonError::NestingTooDeep { at: off(v.pos) });
                };
                v.bump();
                *slot = Level { open: v.pos, object: is_object, ..Level::EMPTY };
                v.skip_ws();
                let close = if is_object { b'}' } else { b']' };
                if v.peek() == Some(close) {
                    // Empty container: the value is complete.
                    v.bump();
                } else {
                    *depth = depth.saturating_add(1);
                    if is_object {
                        v.key(slot)?;
                    }
                    continue 'value;
                }
            }
            Some(b'"') => {
                let escaped = v.string()?;
                if *depth == 0 {
                    root_escaped = escaped;
                }
            }
            Some(b't' | b'f' | b'n') => v.literal()?,
            Some(b'-' | b'+' | b'.' | b'0'..=b'9') => v.number()?,
            other => return Err(v.unexpected(other)),
        }

        // A value just ended: close containers until the next value starts, or the end.
        loop {
            let end = v.pos;
            v.skip_ws();
            let Some(top) = depth.checked_sub(1) else {
                return match v.peek() {
                    None => input
                        .get(root_start..end)
                        .and_then(|root| value_from_raw(root, root_escaped))
                        .ok_or(JsonError::UnexpectedChar { at: off(root_start) }),
                    Some(b) if is_ws(b) => Err(JsonError::Whitespace { at: off(v.pos) }),
                    Some(_) => Err(JsonError::TrailingBytes { at: off(v.pos) }),
                };
            };
            let level = stack.get_mut(top).ok_or(JsonError::NestingTooDeep { at: off(v.pos) })?;
            let is_object = level.object;
            match v.peek() {
                Some(b',') => {
                    v.bump();
                    v.skip_ws();
                    if is_object {
                        v.key(level)?;
                    }
                    continue 'value;
                }
                Some(b'}') if is_object => {
                    if !level.ascending {
                        v.work = v.work.saturating_add(level.sort_work(v.pos.saturating_add(1)));
                        if v.work > MAX_SORT_WORK {
                            return Err(JsonError::TooManyKeys { at: off(v.pos) });
                        }
                        // Keys out of order (relaxed mode only): every one must be
                        // distinct (a repeat is never selected twice, so the count of
                        // distinct keys falls short). A repeat is reported by `validate`,
                        // at the earliest repeated key (this object is still counted as
                        // open).
                        let from = level.open.saturating_sub(1);
                        let obj = input.get(from..=v.pos).unwrap_or(&[]);
                        let (distinct, _) = key_census(obj, None, false);
                        let members = usize::try_from(level.members).unwrap_or(usize::MAX);
                        if distinct != members {
                            return Err(JsonError::DuplicateKey { at: off(v.pos) });
                        }
                    }
                    v.bump();
                    *depth = top;
                }
                Some(b']') if !is_object => {
                    v.bump();
                    *depth = top;
                }
                other => return Err(v.unexpected(other)),
            }
        }
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]
mod tests;
