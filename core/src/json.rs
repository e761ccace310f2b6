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
mod tests {
    extern crate std;

    use super::*;
    use std::collections::BTreeMap;
    use std::format;
    use std::string::{String, ToString};
    use std::vec;
    use std::vec::Vec;

    // ---------------------------------------------------------------- helpers

    fn ok(doc: &[u8]) -> Value<'_> {
        match parse(doc, MAX_DEPTH) {
            Ok(v) => v,
            Err(e) => panic!("rejected {:?}: {e}", String::from_utf8_lossy(doc)),
        }
    }

    fn err(doc: &[u8]) -> JsonError {
        match parse(doc, MAX_DEPTH) {
            Ok(v) => panic!("accepted {:?} as {v:?}", String::from_utf8_lossy(doc)),
            Err(e) => e,
        }
    }

    /// Asserts every (document, expected error) pair.
    fn rejects(cases: &[(&[u8], JsonError)]) {
        for (doc, expected) in cases {
            assert_eq!(
                parse(doc, MAX_DEPTH).map(|v| v.raw()),
                Err(*expected),
                "document {:?}",
                String::from_utf8_lossy(doc)
            );
        }
    }

    fn accepts(docs: &[&[u8]]) {
        for doc in docs {
            assert_eq!(ok(doc).raw(), *doc);
        }
    }

    fn object(v: Value<'_>) -> Object<'_> {
        v.as_object().expect("an object")
    }

    fn array(v: Value<'_>) -> Array<'_> {
        v.as_array().expect("an array")
    }

    fn text(v: Value<'_>) -> String {
        v.as_str().expect("a string").to_string()
    }

    fn at<'a>(v: Value<'a>, path: &[&str]) -> Value<'a> {
        let mut v = v;
        for key in path {
            v = match key.parse::<usize>() {
                Ok(i) => array(v).get(i),
                Err(_) => object(v).get(key),
            }
            .unwrap_or_else(|| panic!("no {key} in {:?}", String::from_utf8_lossy(v.raw())));
        }
        v
    }

    const DELEGATE_POOL: &[u8] = br#"{"account_number":"7","chain_id":"milkyway","fee":{"amount":[{"amount":"5000","denom":"umilk"}],"gas":"200000"},"memo":"","msgs":[{"type":"milkyway/MsgDelegatePool","value":{"amount":{"amount":"1000000","denom":"umilk"},"delegator":"milk1qy352eufqy352eufqy352eufqy352euf0e4hks"}}],"sequence":"3"}"#;

    const WASM_LIQUID_STAKE: &[u8] = br#"{"account_number":"12","chain_id":"milkyway","fee":{"amount":[{"amount":"2500","denom":"umilk"}],"gas":"250000","payer":"milk1payer"},"memo":"stake \u003cnow\u003e \u0026 smile \ud83d\ude00","msgs":[{"type":"wasm/MsgExecuteContract","value":{"contract":"milk1contract","funds":[{"amount":"10500000","denom":"ibc/16065EE5282C5217685C8F084FC44864C25C706AC37356B0D62811D50B96920"},{"amount":"1","denom":"umilk"}],"msg":{"liquid_stake":{"expected_mint_amount":"10400000","mint_to":"osmo1user","transfer_to_native_chain":true}},"sender":"milk1user"}},{"type":"wasm/MsgExecuteContract","value":{"contract":"milk1contract","msg":{"withdraw":{"batch_id":42}},"sender":"milk1user"}}],"sequence":"0","timeout_height":"123456"}"#;

    const USER_PREFERENCES: &[u8] = br#"{"account_number":"1","chain_id":"milkyway","fee":{"amount":[],"gas":"100000"},"memo":"","msgs":[{"type":"milkyway/MsgSetUserPreferences","value":{"preferences":{"trusted_services":[{"pools_ids":[1,3],"service_id":2},{"service_id":5}]},"user":"milk1user"}},{"type":"milkyway/MsgDelegateOperator","value":{"amount":[{"amount":"1","denom":"umilk"}],"delegator":"milk1user","operator_id":12}},{"type":"cosmos-sdk/v1/MsgVote","value":{"option":1,"proposal_id":"17","voter":"milk1user"}}],"sequence":"9"}"#;

    const AUTHZ_EXEC: &[u8] = br#"{"account_number":"3","chain_id":"milkyway","fee":{"amount":[{"amount":"1","denom":"umilk"}],"gas":"1"},"memo":"","msgs":[{"type":"cosmos-sdk/MsgExec","value":{"grantee":"milk1grantee","msgs":[{"type":"wasm/MsgExecuteContract","value":{"contract":"milk1c","msg":{"a":{"b":{"c":[[{"d":null,"e":false}]]}}},"sender":"milk1granter"}}]}}],"sequence":"1"}"#;

    // ---------------------------------------------------------------- valid documents

    #[test]
    fn std_sign_doc_delegate_pool() {
        let root = ok(DELEGATE_POOL);
        assert_eq!(root.raw(), DELEGATE_POOL);
        let doc = object(root);
        assert_eq!(doc.len(), 6);
        let keys: Vec<String> = doc.iter().map(|(k, _)| k.to_string()).collect();
        assert_eq!(keys, ["account_number", "chain_id", "fee", "memo", "msgs", "sequence"]);
        assert_eq!(text(at(root, &["account_number"])), "7");
        assert!(at(root, &["chain_id"]).as_str().unwrap().eq_str("milkyway"));
        assert_eq!(text(at(root, &["fee", "amount", "0", "amount"])), "5000");
        assert_eq!(text(at(root, &["fee", "amount", "0", "denom"])), "umilk");
        assert_eq!(text(at(root, &["fee", "gas"])), "200000");
        let memo = at(root, &["memo"]).as_str().unwrap();
        assert_eq!(memo.raw(), b"");
        assert_eq!(memo.decoded_len(), 0);
        assert_eq!(memo.as_plain_str(), Some(""));
        assert_eq!(array(at(root, &["msgs"])).len(), 1);
        assert_eq!(text(at(root, &["msgs", "0", "type"])), "milkyway/MsgDelegatePool");
        assert_eq!(
            text(at(root, &["msgs", "0", "value", "delegator"])),
            "milk1qy352eufqy352eufqy352eufqy352euf0e4hks"
        );
        assert_eq!(
            at(root, &["msgs", "0", "value", "amount"]).raw(),
            br#"{"amount":"1000000","denom":"umilk"}"#
        );
        assert_eq!(text(at(root, &["sequence"])), "3");
        assert_eq!(doc.get("timeout_height"), None);
        assert_eq!(doc.get("Sequence"), None);
        assert_eq!(doc.get(""), None);
    }

    #[test]
    fn std_sign_doc_wasm_with_escapes_nested_msg_and_ids() {
        let root = ok(WASM_LIQUID_STAKE);
        let memo = at(root, &["memo"]).as_str().unwrap();
        assert!(memo.has_escapes());
        assert_eq!(memo.as_plain_str(), None);
        assert_eq!(memo.to_string(), "stake <now> & smile \u{1F600}");
        assert!(memo.eq_str("stake <now> & smile 😀"));
        assert!(!memo.eq_str("stake \\u003cnow\\u003e \\u0026 smile \\ud83d\\ude00"));
        assert_eq!(memo.decoded_len(), "stake <now> & smile 😀".len());
        assert_eq!(memo.char_count(), 21);

        let funds = array(at(root, &["msgs", "0", "value", "funds"]));
        assert_eq!(funds.len(), 2);
        let coins: Vec<(String, String)> =
            funds.iter().map(|c| (text(at(c, &["amount"])), text(at(c, &["denom"])))).collect();
        assert_eq!(
            coins,
            [
                (
                    "10500000".to_string(),
                    "ibc/16065EE5282C5217685C8F084FC44864C25C706AC37356B0D62811D50B96920"
                        .to_string()
                ),
                ("1".to_string(), "umilk".to_string())
            ]
        );

        let stake = at(root, &["msgs", "0", "value", "msg", "liquid_stake"]);
        assert_eq!(
            stake.raw(),
            br#"{"expected_mint_amount":"10400000","mint_to":"osmo1user","transfer_to_native_chain":true}"#
        );
        assert_eq!(at(stake, &["transfer_to_native_chain"]), Value::Bool(true));
        assert_eq!(text(at(stake, &["mint_to"])), "osmo1user");

        let batch =
            at(root, &["msgs", "1", "value", "msg", "withdraw", "batch_id"]).as_number().unwrap();
        assert_eq!(batch.raw(), "42");
        assert_eq!(batch.as_u64(), Some(42));
        assert_eq!(batch.as_u32(), Some(42));
        assert_eq!(object(at(root, &["msgs", "1", "value"])).get("funds"), None);
        assert_eq!(text(at(root, &["timeout_height"])), "123456");
        assert_eq!(text(at(root, &["fee", "payer"])), "milk1payer");
    }

    #[test]
    fn std_sign_doc_ids_as_numbers_and_empty_fee() {
        let root = ok(USER_PREFERENCES);
        assert!(array(at(root, &["fee", "amount"])).is_empty());
        let services = array(at(root, &["msgs", "0", "value", "preferences", "trusted_services"]));
        assert_eq!(services.len(), 2);
        let pools: Vec<u32> = array(at(services.get(0).unwrap(), &["pools_ids"]))
            .iter()
            .map(|v| v.as_number().unwrap().as_u32().unwrap())
            .collect();
        assert_eq!(pools, [1, 3]);
        assert_eq!(
            at(services.get(0).unwrap(), &["service_id"]).as_number().unwrap().as_u32(),
            Some(2)
        );
        assert_eq!(object(services.get(1).unwrap()).get("pools_ids"), None);
        assert_eq!(
            at(root, &["msgs", "1", "value", "operator_id"]).as_number().unwrap().as_u32(),
            Some(12)
        );
        assert_eq!(
            at(root, &["msgs", "2", "value", "option"]).as_number().unwrap().as_u32(),
            Some(1)
        );
        assert_eq!(services.get(2), None);
    }

    #[test]
    fn std_sign_doc_authz_nesting() {
        let root = ok(AUTHZ_EXEC);
        let inner =
            at(root, &["msgs", "0", "value", "msgs", "0", "value", "msg", "a", "b", "c", "0", "0"]);
        assert_eq!(inner.raw(), br#"{"d":null,"e":false}"#);
        assert!(at(inner, &["d"]).is_null());
        assert_eq!(at(inner, &["e"]).as_bool(), Some(false));
        // 13 levels: root, msgs, msg, value, msgs, msg, value, msg, a, b, c, [, [, then
        // the innermost object.
        assert!(parse(AUTHZ_EXEC, 13).is_ok());
        let innermost = AUTHZ_EXEC.windows(5).position(|w| w == b"{\"d\":").unwrap();
        assert_eq!(parse(AUTHZ_EXEC, 12), Err(JsonError::NestingTooDeep { at: innermost as u32 }));
    }

    #[test]
    fn scalar_and_empty_roots() {
        accepts(&[
            b"{}",
            b"[]",
            b"\"\"",
            b"0",
            b"-1.5e+10",
            b"true",
            b"false",
            b"null",
            b"{\"a\":{},\"b\":[]}",
            b"[[],{},[[]],\"\",0]",
        ]);
        assert_eq!(ok(b"null"), Value::Null);
        assert_eq!(ok(b"true"), Value::Bool(true));
        assert_eq!(ok(b"false"), Value::Bool(false));
        assert_eq!(ok(b"\"x\"").as_str().unwrap().raw(), b"x");
        assert_eq!(ok(b"\"\\u0078\"").as_str().unwrap().to_string(), "x");
        assert_eq!(ok(b"-0").as_number().unwrap().raw(), "-0");
        let empty = object(ok(b"{}"));
        assert!(empty.is_empty());
        assert_eq!(empty.len(), 0);
        assert_eq!(empty.iter().next(), None);
        assert_eq!(empty.get(""), None);
        let empty = array(ok(b"[]"));
        assert!(empty.is_empty());
        assert_eq!(empty.len(), 0);
        assert_eq!(empty.get(0), None);
        let mixed = array(ok(b"[[],{},[[]],\"\",0]"));
        let raws: Vec<&[u8]> = mixed.iter().map(|v| v.raw()).collect();
        assert_eq!(raws, [&b"[]"[..], b"{}", b"[[]]", b"\"\"", b"0"]);
        assert!(array(mixed.get(0).unwrap()).is_empty());
        assert!(object(mixed.get(1).unwrap()).is_empty());
        assert_eq!(array(mixed.get(2).unwrap()).len(), 1);
    }

    // ---------------------------------------------------------------- whitespace, structure

    #[test]
    fn whitespace_is_refused_everywhere_outside_strings() {
        rejects(&[
            (b" {}", JsonError::Whitespace { at: 0 }),
            (b"\r\n[]", JsonError::Whitespace { at: 0 }),
            (b"{} ", JsonError::Whitespace { at: 2 }),
            (b"{}\n", JsonError::Whitespace { at: 2 }),
            (b"0 ", JsonError::Whitespace { at: 1 }),
            (b"{ }", JsonError::Whitespace { at: 1 }),
            (b"[ ]", JsonError::Whitespace { at: 1 }),
            (b"{\"a\": 1}", JsonError::Whitespace { at: 5 }),
            (b"{\"a\" :1}", JsonError::Whitespace { at: 4 }),
            (b"{\"a\":1 }", JsonError::Whitespace { at: 6 }),
            (b"{\"a\":1, \"b\":2}", JsonError::Whitespace { at: 7 }),
            (b"[1, 2]", JsonError::Whitespace { at: 3 }),
            (b"[1 ,2]", JsonError::Whitespace { at: 2 }),
            (b"[\t1]", JsonError::Whitespace { at: 1 }),
        ]);
        // Inside strings a space is content.
        let v = ok(b"{\"a b\":\" x \"}");
        assert_eq!(text(at(v, &["a b"])), " x ");
    }

    #[test]
    fn trailing_bytes_are_refused() {
        rejects(&[
            (b"{}{}", JsonError::TrailingBytes { at: 2 }),
            (b"{}}", JsonError::TrailingBytes { at: 2 }),
            (b"[]]", JsonError::TrailingBytes { at: 2 }),
            (b"\"a\"x", JsonError::TrailingBytes { at: 3 }),
            (b"1,2", JsonError::TrailingBytes { at: 1 }),
            (b"{}\0", JsonError::TrailingBytes { at: 2 }),
        ]);
        assert_eq!(err(b"{}{}").reason(), "JSON: trailing bytes");
    }

    #[test]
    fn truncated_documents_are_refused() {
        rejects(&[
            (b"", JsonError::Truncated { at: 0 }),
            (b"{", JsonError::Truncated { at: 1 }),
            (b"[", JsonError::Truncated { at: 1 }),
            (b"{\"a\"", JsonError::Truncated { at: 4 }),
            (b"{\"a\":", JsonError::Truncated { at: 5 }),
            (b"{\"a\":1", JsonError::Truncated { at: 6 }),
            (b"{\"a\":1,", JsonError::Truncated { at: 7 }),
            (b"[1,", JsonError::Truncated { at: 3 }),
            (b"[[]", JsonError::Truncated { at: 3 }),
            (b"\"abc", JsonError::Truncated { at: 4 }),
            (b"\"\\", JsonError::Truncated { at: 2 }),
            (b"\"\\u12", JsonError::Truncated { at: 5 }),
            (b"\"\\ud83d", JsonError::Truncated { at: 7 }),
            (b"\"\\ud83d\\", JsonError::Truncated { at: 8 }),
            (b"\"\\ud83d\\u", JsonError::Truncated { at: 9 }),
            (b"\"\\ud83d\\ude0", JsonError::Truncated { at: 12 }),
            (b"\"\xc3", JsonError::Truncated { at: 2 }),
            (b"\"\xf0\x9f\x98", JsonError::Truncated { at: 4 }),
            (b"t", JsonError::Truncated { at: 1 }),
            (b"tru", JsonError::Truncated { at: 3 }),
            (b"nul", JsonError::Truncated { at: 3 }),
            (b"[fals", JsonError::Truncated { at: 5 }),
        ]);
    }

    #[test]
    fn every_proper_prefix_of_a_sign_doc_is_truncated() {
        for doc in [DELEGATE_POOL, WASM_LIQUID_STAKE, USER_PREFERENCES, AUTHZ_EXEC] {
            for len in 0..doc.len() {
                assert_eq!(
                    parse(&doc[..len], MAX_DEPTH),
                    Err(JsonError::Truncated { at: len as u32 }),
                    "prefix {:?}",
                    String::from_utf8_lossy(&doc[..len])
                );
            }
        }
    }

    #[test]
    fn unexpected_characters_are_refused() {
        rejects(&[
            (b"{1:2}", JsonError::UnexpectedChar { at: 1 }),
            (b"{,}", JsonError::UnexpectedChar { at: 1 }),
            (b"[,1]", JsonError::UnexpectedChar { at: 1 }),
            (b"[1,]", JsonError::UnexpectedChar { at: 3 }),
            (b"{\"a\":1,}", JsonError::UnexpectedChar { at: 7 }),
            (b"{\"a\":1,,\"b\":2}", JsonError::UnexpectedChar { at: 7 }),
            (b"[}", JsonError::UnexpectedChar { at: 1 }),
            (b"{\"a\":1]", JsonError::UnexpectedChar { at: 6 }),
            (b"[1}", JsonError::UnexpectedChar { at: 2 }),
            (b"{\"a\"1}", JsonError::UnexpectedChar { at: 4 }),
            (b"[1:2]", JsonError::UnexpectedChar { at: 2 }),
            (b"]", JsonError::UnexpectedChar { at: 0 }),
            (b":", JsonError::UnexpectedChar { at: 0 }),
            (b"'a'", JsonError::UnexpectedChar { at: 0 }),
            (b"True", JsonError::UnexpectedChar { at: 0 }),
            (b"NaN", JsonError::UnexpectedChar { at: 0 }),
            (b"Infinity", JsonError::UnexpectedChar { at: 0 }),
            (b"\xef\xbb\xbf{}", JsonError::UnexpectedChar { at: 0 }),
            (b"[\xc3\xa9]", JsonError::UnexpectedChar { at: 1 }),
            (b"\0", JsonError::UnexpectedChar { at: 0 }),
            (b"\x0b{}", JsonError::UnexpectedChar { at: 0 }),
            (b"[1\"a\"]", JsonError::UnexpectedChar { at: 2 }),
        ]);
    }

    // ---------------------------------------------------------------- keys

    #[test]
    fn keys_must_be_strictly_ascending() {
        rejects(&[
            (br#"{"b":1,"a":2}"#, JsonError::KeysNotSorted { at: 7 }),
            (br#"{"ab":1,"a":2}"#, JsonError::KeysNotSorted { at: 8 }),
            (br#"{"a":1,"B":2}"#, JsonError::KeysNotSorted { at: 7 }),
            (br#"{"a":1,"":2}"#, JsonError::KeysNotSorted { at: 7 }),
            (br#"{"a":{"b":1,"a":2}}"#, JsonError::KeysNotSorted { at: 12 }),
            (br#"[{"a":1},{"c":1,"b":2}]"#, JsonError::KeysNotSorted { at: 16 }),
            // A non-adjacent duplicate is necessarily out of order.
            (br#"{"a":1,"b":2,"a":3}"#, JsonError::KeysNotSorted { at: 13 }),
            (br#"{"fee":{},"chain_id":"milkyway"}"#, JsonError::KeysNotSorted { at: 10 }),
        ]);
        accepts(&[
            br#"{"":1,"a":2}"#,
            br#"{"a":1,"ab":2,"abc":3,"b":4}"#,
            br#"{"B":1,"Z":2,"_":3,"a":4}"#,
            br#"{"a":{"z":1},"b":{"a":1}}"#,
            br#"[{"b":1},{"a":1}]"#,
            br#"{"b":{"a":1,"b":2},"c":{"a":1}}"#,
            br#"{"amount":"1","denom":"u"}"#,
        ]);
    }

    #[test]
    fn duplicate_keys_are_refused() {
        rejects(&[
            (br#"{"a":1,"a":2}"#, JsonError::DuplicateKey { at: 7 }),
            (br#"{"a":1,"a":1}"#, JsonError::DuplicateKey { at: 7 }),
            (br#"{"":1,"":2}"#, JsonError::DuplicateKey { at: 6 }),
            (br#"{"a":1,"\u0061":2}"#, JsonError::DuplicateKey { at: 7 }),
            (br#"{"\u0061":1,"a":2}"#, JsonError::DuplicateKey { at: 12 }),
            ("{\"é\":1,\"\\u00e9\":2}".as_bytes(), JsonError::DuplicateKey { at: 8 }),
            (br#"{"a\/b":1,"a/b":2}"#, JsonError::DuplicateKey { at: 10 }),
            (br#"{"x":{"k":1,"k":2}}"#, JsonError::DuplicateKey { at: 12 }),
        ]);
    }

    #[test]
    fn keys_compare_by_decoded_content_not_raw_bytes() {
        // Raw, the backslash (0x5C) sorts before 'a' (0x61), but "\u0062" is "b".
        rejects(&[(br#"{"\u0062":1,"a":2}"#, JsonError::KeysNotSorted { at: 12 })]);
        accepts(&[br#"{"a":1,"\u0062":2}"#]);
        // Decoded "a\"" vs "a/": '"' (0x22) < '/' (0x2F).
        accepts(&[br#"{"a\"":1,"a\/":2}"#]);
        rejects(&[(br#"{"a\/":1,"a\"":2}"#, JsonError::KeysNotSorted { at: 9 })]);
        // Non-ASCII sorts after ASCII; a prefix sorts first.
        accepts(&["{\"z\":1,\"é\":2,\"éx\":3}".as_bytes()]);
        accepts(&[br#"{"z":1,"\u00e9":2,"\u00e9x":3}"#]);
        // UTF-8 (code point) order, not UTF-16 order: U+E000 < U+1F600 although the
        // UTF-16 unit 0xE000 > 0xD83D.
        accepts(&[br#"{"\ue000":1,"\ud83d\ude00":2}"#]);
        accepts(&["{\"\u{e000}\":1,\"\\ud83d\\ude00\":2}".as_bytes()]);
        accepts(&[br#"{"\uffff":1,"\ud83d\ude00":2}"#]);
        rejects(&[(br#"{"\ud83d\ude00":1,"\ue000":2}"#, JsonError::KeysNotSorted { at: 18 })]);
        rejects(&[("{\"😀\":1,\"\\ue000\":2}".as_bytes(), JsonError::KeysNotSorted { at: 10 })]);
    }

    #[test]
    fn get_and_iterate_with_escaped_keys() {
        let doc: &[u8] = br#"{"\u0061b":1,"b\/c":2,"d\"e":3,"\ud83d\ude00":4}"#;
        let o = object(ok(doc));
        assert_eq!(o.get("ab").unwrap().raw(), b"1");
        assert_eq!(o.get("b/c").unwrap().raw(), b"2");
        assert_eq!(o.get("d\"e").unwrap().raw(), b"3");
        assert_eq!(o.get("😀").unwrap().raw(), b"4");
        assert_eq!(o.get("b\\/c"), None);
        assert_eq!(o.get("a"), None);
        assert_eq!(o.get("abc"), None);
        assert_eq!(o.get("zzz"), None);
        let keys: Vec<(String, bool)> =
            o.iter().map(|(k, _)| (k.to_string(), k.has_escapes())).collect();
        assert_eq!(
            keys,
            [
                ("ab".to_string(), true),
                ("b/c".to_string(), true),
                ("d\"e".to_string(), true),
                ("😀".to_string(), true)
            ]
        );
        let (k, _) = o.iter().next().unwrap();
        assert_eq!(k.raw(), b"\\u0061b");
        assert_eq!(k.raw_quoted(), b"\"\\u0061b\"");
        assert!(k.eq_str("ab"));
        assert!(!k.eq_str("a"));
        assert!(!k.eq_str("abc"));
        assert!(!k.eq_str("\\u0061b"));
        assert_eq!(k.cmp_str("ab"), Ordering::Equal);
        assert_eq!(k.cmp_str("aa"), Ordering::Greater);
        assert_eq!(k.cmp_str("abc"), Ordering::Less);
        // IntoIterator.
        let mut n = 0;
        for (_, v) in o {
            n += 1;
            assert!(v.as_number().is_some());
        }
        assert_eq!(n, 4);
    }

    #[test]
    fn iteration_skips_brackets_and_quotes_inside_strings() {
        let doc: &[u8] = br#"{"a":{"b":"},]\"{["},"c":["]","\\",{"d":"\\\""}],"e":"x\\","f":1}"#;
        let root = ok(doc);
        assert_eq!(at(root, &["a"]).raw(), br#"{"b":"},]\"{["}"#);
        assert_eq!(text(at(root, &["a", "b"])), "},]\"{[");
        let c = array(at(root, &["c"]));
        let raws: Vec<&[u8]> = c.iter().map(|v| v.raw()).collect();
        assert_eq!(raws, [&br#""]""#[..], br#""\\""#, br#"{"d":"\\\""}"#]);
        assert_eq!(text(at(root, &["c", "2", "d"])), "\\\"");
        assert_eq!(text(at(root, &["e"])), "x\\");
        assert_eq!(at(root, &["f"]).raw(), b"1");
        let values: Vec<&[u8]> = object(root).iter().map(|(_, v)| v.raw()).collect();
        assert_eq!(values.len(), 4);
        assert_eq!(values[3], b"1");
    }

    #[test]
    fn value_raw_is_the_exact_bytes() {
        let doc: &[u8] =
            br#"{"a":[1,{"b":"c\"d"}],"e":null,"f":true,"g":false,"h":-1.5e-7,"i":"\u00e9"}"#;
        let root = ok(doc);
        assert_eq!(root.raw(), doc);
        assert_eq!(at(root, &["a"]).raw(), br#"[1,{"b":"c\"d"}]"#);
        assert_eq!(at(root, &["a", "1"]).raw(), br#"{"b":"c\"d"}"#);
        assert_eq!(at(root, &["a", "1", "b"]).raw(), br#""c\"d""#);
        assert_eq!(at(root, &["a", "1", "b"]).as_str().unwrap().raw(), br#"c\"d"#);
        assert_eq!(at(root, &["e"]).raw(), b"null");
        assert_eq!(at(root, &["f"]).raw(), b"true");
        assert_eq!(at(root, &["g"]).raw(), b"false");
        assert_eq!(at(root, &["h"]).raw(), b"-1.5e-7");
        assert_eq!(at(root, &["i"]).raw(), br#""\u00e9""#);
        // Type accessors refuse the other kinds.
        let e = at(root, &["e"]);
        assert!(e.as_object().is_none() && e.as_array().is_none() && e.as_str().is_none());
        assert!(e.as_number().is_none() && e.as_bool().is_none());
        assert!(!at(root, &["f"]).is_null());
    }

    // ---------------------------------------------------------------- strings

    #[test]
    fn standard_escapes_decode() {
        let s = ok(br#""\"\\\/\b\f\n\r\t""#).as_str().unwrap();
        let chars: Vec<char> = s.chars().collect();
        assert_eq!(chars, ['"', '\\', '/', '\u{8}', '\u{c}', '\n', '\r', '\t']);
        assert_eq!(s.decoded_len(), 8);
        assert_eq!(s.raw().len(), 16);
        let s = ok(br#""\u00E9\u00e9\u003C\u003c\u0001\uFFFF""#).as_str().unwrap();
        assert_eq!(s.to_string(), "éé<<\u{1}\u{ffff}");
        assert_eq!(s.decoded_len(), 2 + 2 + 1 + 1 + 1 + 3);
        assert_eq!(s.char_count(), 6);
    }

    #[test]
    fn surrogate_pairs_decode_to_one_char() {
        for doc in [&br#""\ud83d\ude00""#[..], br#""\uD83D\uDE00""#, br#""\uD83d\udE00""#] {
            let s = ok(doc).as_str().unwrap();
            let chars: Vec<char> = s.chars().collect();
            assert_eq!(chars, ['\u{1F600}']);
            assert_eq!(s.decoded_len(), 4);
            assert_eq!(s.char_count(), 1);
            assert!(s.eq_str("😀"));
        }
        let s = ok(br#""\ud800\udc00\udbff\udfff""#).as_str().unwrap();
        let chars: Vec<char> = s.chars().collect();
        assert_eq!(chars, ['\u{10000}', '\u{10FFFF}']);
    }

    #[test]
    fn string_accessors() {
        let plain = ok("\"plain é\"".as_bytes()).as_str().unwrap();
        assert!(!plain.has_escapes());
        assert_eq!(plain.as_plain_str(), Some("plain é"));
        assert_eq!(plain.decoded_len(), 8);
        assert_eq!(plain.char_count(), 7);
        assert_eq!(plain.raw(), "plain é".as_bytes());
        assert!(plain.eq_str("plain é"));
        assert!(!plain.eq_str("plain e"));
        assert_eq!(format!("{plain}"), "plain é");
        assert_eq!(format!("{plain:?}"), "\"plain é\"");

        let esc = ok(br#""a\u00e9\ud83d\ude00\n""#).as_str().unwrap();
        assert!(esc.has_escapes());
        assert_eq!(esc.as_plain_str(), None);
        let chars: Vec<char> = esc.chars().collect();
        assert_eq!(chars, ['a', 'é', '😀', '\n']);
        assert_eq!(esc.decoded_len(), 8);
        assert_eq!(esc.char_count(), 4);
        assert!(esc.eq_str("aé😀\n"));
        assert!(!esc.eq_str("aé😀"));
        assert!(!esc.eq_str("aé😀\nx"));
        assert_eq!(format!("{esc:?}"), "\"aé😀\\n\"");

        let a = ok(br#""\u0061b""#).as_str().unwrap();
        let b = ok(br#""ab""#).as_str().unwrap();
        let c = ok(br#""ac""#).as_str().unwrap();
        assert_eq!(a.cmp_decoded(&b), Ordering::Equal);
        assert_eq!(b.cmp_decoded(&c), Ordering::Less);
        assert_eq!(c.cmp_decoded(&a), Ordering::Greater);
        // Value equality is on raw bytes.
        assert_ne!(Value::String(a), Value::String(b));
    }

    #[test]
    fn invalid_utf8_is_refused() {
        rejects(&[
            (b"\"\xff\"", JsonError::InvalidUtf8 { at: 1 }),
            (b"\"\xfe\"", JsonError::InvalidUtf8 { at: 1 }),
            (b"\"\x80\"", JsonError::InvalidUtf8 { at: 1 }),
            (b"\"a\xbf\"", JsonError::InvalidUtf8 { at: 2 }),
            // Overlong forms.
            (b"\"\xc0\x80\"", JsonError::InvalidUtf8 { at: 1 }),
            (b"\"\xc1\xbf\"", JsonError::InvalidUtf8 { at: 1 }),
            (b"\"\xe0\x80\xaf\"", JsonError::InvalidUtf8 { at: 1 }),
            (b"\"\xe0\x9f\xbf\"", JsonError::InvalidUtf8 { at: 1 }),
            (b"\"\xf0\x80\x80\xaf\"", JsonError::InvalidUtf8 { at: 1 }),
            (b"\"\xf0\x8f\xbf\xbf\"", JsonError::InvalidUtf8 { at: 1 }),
            // Surrogates encoded in UTF-8 (CESU-8 style).
            (b"\"\xed\xa0\x80\"", JsonError::InvalidUtf8 { at: 1 }),
            (b"\"\xed\xbf\xbf\"", JsonError::InvalidUtf8 { at: 1 }),
            (b"\"\xed\xa0\xbd\xed\xb8\x80\"", JsonError::InvalidUtf8 { at: 1 }),
            // Above U+10FFFF.
            (b"\"\xf4\x90\x80\x80\"", JsonError::InvalidUtf8 { at: 1 }),
            (b"\"\xf5\x80\x80\x80\"", JsonError::InvalidUtf8 { at: 1 }),
            // Sequence cut short by a non-continuation byte.
            (b"\"a\xe2\x82\"", JsonError::InvalidUtf8 { at: 2 }),
            (b"\"\xc3a\"", JsonError::InvalidUtf8 { at: 1 }),
            (b"\"\xf0\x9f\x98a\"", JsonError::InvalidUtf8 { at: 1 }),
            // In a key too.
            (b"{\"\xff\":1}", JsonError::InvalidUtf8 { at: 2 }),
        ]);
        accepts(&[
            b"\"\xc2\x80\"",
            b"\"\xc3\xa9\"",
            b"\"\xdf\xbf\"",
            b"\"\xe0\xa0\x80\"",
            b"\"\xe2\x82\xac\"",
            b"\"\xed\x9f\xbf\"",
            b"\"\xee\x80\x80\"",
            b"\"\xef\xbf\xbf\"",
            b"\"\xf0\x90\x80\x80\"",
            b"\"\xf0\x9f\x98\x80\"",
            b"\"\xf4\x8f\xbf\xbf\"",
            b"\"\x7f\"",
        ]);
    }

    #[test]
    fn raw_control_characters_are_refused() {
        rejects(&[
            (b"\"a\nb\"", JsonError::ControlCharacter { at: 2 }),
            (b"\"\t\"", JsonError::ControlCharacter { at: 1 }),
            (b"\"\r\"", JsonError::ControlCharacter { at: 1 }),
            (b"\"\x01\"", JsonError::ControlCharacter { at: 1 }),
            (b"\"\x1f\"", JsonError::ControlCharacter { at: 1 }),
            (b"{\"a\x1b\":1}", JsonError::ControlCharacter { at: 3 }),
        ]);
        // DEL (0x7F) and escaped control characters are valid JSON; the renderer makes
        // them visible.
        accepts(&[b"\"\x7f\"", br#""\u001f\n\t""#]);
    }

    #[test]
    fn nul_is_refused_raw_or_escaped() {
        rejects(&[
            (br#""\u0000""#, JsonError::Nul { at: 1 }),
            (br#""a\u0000""#, JsonError::Nul { at: 2 }),
            (br#"{"a\u0000":1}"#, JsonError::Nul { at: 3 }),
            (b"\"\0\"", JsonError::Nul { at: 1 }),
            (b"[\"ab\0\"]", JsonError::Nul { at: 4 }),
        ]);
    }

    #[test]
    fn invalid_escapes_are_refused() {
        rejects(&[
            (br#""\x""#, JsonError::InvalidEscape { at: 1 }),
            (br#""\a""#, JsonError::InvalidEscape { at: 1 }),
            (br#""\'""#, JsonError::InvalidEscape { at: 1 }),
            (br#""\0""#, JsonError::InvalidEscape { at: 1 }),
            (br#""\U0041""#, JsonError::InvalidEscape { at: 1 }),
            (br#""\u12G4""#, JsonError::InvalidEscape { at: 1 }),
            (br#""\u-123""#, JsonError::InvalidEscape { at: 1 }),
            (br#""\u+123""#, JsonError::InvalidEscape { at: 1 }),
            (br#""ab\u00""#, JsonError::InvalidEscape { at: 3 }),
            (br#""\ud83d\uzzzz""#, JsonError::InvalidEscape { at: 7 }),
            (b"\"\\\xc3\xa9\"", JsonError::InvalidEscape { at: 1 }),
            (b"\"\\ \"", JsonError::InvalidEscape { at: 1 }),
        ]);
    }

    #[test]
    fn lone_and_mismatched_surrogates_are_refused() {
        rejects(&[
            (br#""\ud83d""#, JsonError::LoneSurrogate { at: 1 }),
            (br#""\ude00""#, JsonError::LoneSurrogate { at: 1 }),
            (br#""\uDFFF""#, JsonError::LoneSurrogate { at: 1 }),
            (br#""\ud83dx""#, JsonError::LoneSurrogate { at: 1 }),
            (br#""\ud83d\n""#, JsonError::LoneSurrogate { at: 1 }),
            (br#""\ud83d\u0041""#, JsonError::LoneSurrogate { at: 1 }),
            (br#""\ud83d\ud83d""#, JsonError::LoneSurrogate { at: 1 }),
            (br#""x\ude00\ud83d""#, JsonError::LoneSurrogate { at: 2 }),
            (br#""\ud83d\ude00\ude00""#, JsonError::LoneSurrogate { at: 13 }),
            (b"\"\\ud83d\xed\xb8\x80\"", JsonError::LoneSurrogate { at: 1 }),
        ]);
    }

    // ---------------------------------------------------------------- numbers, literals

    #[test]
    fn numbers_follow_the_json_grammar() {
        accepts(&[
            b"0",
            b"-0",
            b"1",
            b"-1",
            b"10",
            b"1.0",
            b"0.5",
            b"-0.5",
            b"1e5",
            b"1E5",
            b"1e+5",
            b"1e-5",
            b"1.5e10",
            b"0e0",
            b"-0.0E-0",
            b"123456789012345678901234567890",
            b"[0,-1,2.5]",
            b"{\"a\":0}",
        ]);
        let bad: &[&[u8]] = &[
            b"01",
            b"00",
            b"-01",
            b"+1",
            b".5",
            b"1.",
            b"1.e5",
            b"1e",
            b"1e+",
            b"-",
            b"--1",
            b"1.5.2",
            b"0x10",
            b"1a",
            b"1e5.0",
            b"-.5",
            b"1E+-5",
            b"-Infinity",
            b"1ee5",
            b"1-2",
            b"0.5e",
            b"+0",
        ];
        for doc in bad {
            assert_eq!(
                parse(doc, MAX_DEPTH).map(|v| v.raw()),
                Err(JsonError::InvalidNumber { at: 0 }),
                "{:?}",
                String::from_utf8_lossy(doc)
            );
        }
        rejects(&[
            (b"[1,01]", JsonError::InvalidNumber { at: 3 }),
            (b"{\"a\":01}", JsonError::InvalidNumber { at: 5 }),
            (b"{\"a\":1.}", JsonError::InvalidNumber { at: 5 }),
            (b"[.5]", JsonError::InvalidNumber { at: 1 }),
            (b"[+1]", JsonError::InvalidNumber { at: 1 }),
        ]);
    }

    #[test]
    fn number_accessors() {
        let doc: &[u8] = b"[0,7,42,4294967295,4294967296,18446744073709551615,18446744073709551616,-1,-0,1.0,1e3,0.5,99999999999999999999999]";
        let got: Vec<(String, bool, Option<u64>, Option<u32>)> = array(ok(doc))
            .iter()
            .map(|v| {
                let n = v.as_number().unwrap();
                (n.raw().to_string(), n.is_plain_unsigned_integer(), n.as_u64(), n.as_u32())
            })
            .collect();
        let s = |x: &str| x.to_string();
        assert_eq!(
            got,
            [
                (s("0"), true, Some(0), Some(0)),
                (s("7"), true, Some(7), Some(7)),
                (s("42"), true, Some(42), Some(42)),
                (s("4294967295"), true, Some(4_294_967_295), Some(u32::MAX)),
                (s("4294967296"), true, Some(4_294_967_296), None),
                (s("18446744073709551615"), true, Some(u64::MAX), None),
                (s("18446744073709551616"), true, None, None),
                (s("-1"), false, None, None),
                (s("-0"), false, None, None),
                (s("1.0"), false, None, None),
                (s("1e3"), false, None, None),
                (s("0.5"), false, None, None),
                (s("99999999999999999999999"), true, None, None),
            ]
        );
        assert_eq!(format!("{:?}", ok(b"12").as_number().unwrap()), "Number(12)");
    }

    #[test]
    fn literals_are_exact() {
        accepts(&[b"[true,false,null]"]);
        rejects(&[
            (b"truex", JsonError::InvalidLiteral { at: 0 }),
            (b"nulll", JsonError::InvalidLiteral { at: 0 }),
            (b"null1", JsonError::InvalidLiteral { at: 0 }),
            (b"nulL", JsonError::InvalidLiteral { at: 0 }),
            (b"fal", JsonError::Truncated { at: 3 }),
            (b"[tru]", JsonError::InvalidLiteral { at: 1 }),
            (b"[true,fals]", JsonError::InvalidLiteral { at: 6 }),
            (b"{\"a\":nil}", JsonError::InvalidLiteral { at: 5 }),
        ]);
    }

    // ---------------------------------------------------------------- nesting

    fn nested_arrays(depth: usize) -> Vec<u8> {
        let mut doc = vec![b'['; depth];
        doc.extend(core::iter::repeat_n(b']', depth));
        doc
    }

    fn nested_objects(depth: usize) -> Vec<u8> {
        let mut doc = Vec::new();
        for _ in 0..depth {
            doc.extend_from_slice(b"{\"a\":");
        }
        doc.push(b'1');
        doc.extend(core::iter::repeat_n(b'}', depth));
        doc
    }

    #[test]
    fn nesting_at_and_beyond_the_limit() {
        let at_limit = nested_arrays(MAX_DEPTH);
        assert!(parse(&at_limit, MAX_DEPTH).is_ok());
        let beyond = nested_arrays(MAX_DEPTH + 1);
        assert_eq!(
            parse(&beyond, MAX_DEPTH),
            Err(JsonError::NestingTooDeep { at: MAX_DEPTH as u32 })
        );
        // A larger max_depth is capped at MAX_DEPTH.
        assert_eq!(parse(&beyond, 1000), Err(JsonError::NestingTooDeep { at: MAX_DEPTH as u32 }));
        assert!(parse(&at_limit, usize::MAX).is_ok());

        let objects = nested_objects(MAX_DEPTH);
        let root = parse(&objects, MAX_DEPTH).unwrap();
        let mut v = root;
        for _ in 0..MAX_DEPTH {
            v = object(v).get("a").unwrap();
        }
        assert_eq!(v.as_number().unwrap().as_u64(), Some(1));
        assert_eq!(
            parse(&nested_objects(MAX_DEPTH + 1), MAX_DEPTH).map(|v| v.raw()),
            Err(JsonError::NestingTooDeep { at: 5 * MAX_DEPTH as u32 })
        );

        // Smaller limits chosen by the caller.
        assert_eq!(parse(b"[[[]]]", 2), Err(JsonError::NestingTooDeep { at: 2 }));
        assert!(parse(b"[[[]]]", 3).is_ok());
        assert!(parse(b"[[],[],{}]", 2).is_ok());
        assert!(parse(b"1", 0).is_ok());
        assert!(parse(b"\"s\"", 0).is_ok());
        assert_eq!(parse(b"[]", 0), Err(JsonError::NestingTooDeep { at: 0 }));
        assert_eq!(parse(b"{}", 0), Err(JsonError::NestingTooDeep { at: 0 }));
        let mixed: &[u8] = br#"[{"a":[{"b":[]}]}]"#;
        assert!(parse(mixed, 5).is_ok());
        assert_eq!(parse(mixed, 4), Err(JsonError::NestingTooDeep { at: 12 }));
    }

    #[test]
    fn nesting_bomb_is_refused_without_recursion() {
        let bomb = vec![b'['; 1 << 20];
        assert_eq!(
            parse(&bomb, MAX_DEPTH),
            Err(JsonError::NestingTooDeep { at: MAX_DEPTH as u32 })
        );
        let mut bomb = Vec::new();
        for _ in 0..100_000 {
            bomb.extend_from_slice(b"{\"a\":[");
        }
        assert!(matches!(parse(&bomb, MAX_DEPTH), Err(JsonError::NestingTooDeep { .. })));
    }

    #[test]
    fn stack_state_is_small() {
        assert!(core::mem::size_of::<Level>() <= 3 * core::mem::size_of::<usize>());
        assert!(core::mem::size_of::<[Level; MAX_DEPTH]>() <= 24 * 3 * 8);
    }

    // ---------------------------------------------------------------- big documents

    fn big_sign_doc(min_len: usize) -> (Vec<u8>, usize) {
        let mut msgs = Vec::new();
        let mut n = 0;
        loop {
            let msg = format!(
                r#"{{"type":"cosmos-sdk/MsgSend","value":{{"amount":[{{"amount":"{}","denom":"umilk"}},{{"amount":"1","denom":"ibc/16065EE5282C5217685C8F084FC44864C25C706AC37356B0D62811D50B96920"}}],"from_address":"milk1from{n}","to_address":"milk1to\u003c{n}\u003e"}}}}"#,
                1_000_000 + n
            );
            if !msgs.is_empty() {
                msgs.push(b',');
            }
            msgs.extend_from_slice(msg.as_bytes());
            n += 1;
            if msgs.len() >= min_len {
                break;
            }
        }
        let mut doc = Vec::new();
        doc.extend_from_slice(br#"{"account_number":"7","chain_id":"milkyway","fee":{"amount":[{"amount":"5000","denom":"umilk"}],"gas":"200000"},"memo":"big","msgs":["#);
        doc.extend_from_slice(&msgs);
        doc.extend_from_slice(br#"],"sequence":"3"}"#);
        (doc, n)
    }

    #[test]
    fn sixteen_kib_document() {
        let (doc, n) = big_sign_doc(16 * 1024);
        assert!(doc.len() >= 16 * 1024);
        let root = ok(&doc);
        let msgs = array(at(root, &["msgs"]));
        assert_eq!(msgs.len(), n);
        for (i, m) in msgs.iter().enumerate() {
            assert_eq!(text(at(m, &["value", "from_address"])), format!("milk1from{i}"));
            assert_eq!(text(at(m, &["value", "to_address"])), format!("milk1to<{i}>"));
            assert_eq!(
                text(at(m, &["value", "amount", "0", "amount"])),
                format!("{}", 1_000_000 + i)
            );
        }
        assert_eq!(text(at(root, &["sequence"])), "3");
        // The last byte changed: refused at the end, after the whole document was read.
        let mut broken = doc.clone();
        *broken.last_mut().unwrap() = b']';
        assert_eq!(
            parse(&broken, MAX_DEPTH),
            Err(JsonError::UnexpectedChar { at: (doc.len() - 1) as u32 })
        );
    }

    #[test]
    fn megabyte_document_with_many_keys() {
        // Linear time: 60k keys in one object, each compared with its predecessor only.
        let mut doc = Vec::from(&b"{"[..]);
        for i in 0..60_000u32 {
            if i > 0 {
                doc.push(b',');
            }
            doc.extend_from_slice(format!("\"k{i:08}\":\"v{i}\"").as_bytes());
        }
        doc.push(b'}');
        assert!(doc.len() > 1_000_000);
        let o = object(ok(&doc));
        assert_eq!(text(o.get("k00059999").unwrap()), "v59999");
        assert_eq!(o.get("k00060000"), None);
    }

    // ---------------------------------------------------------------- errors

    #[test]
    fn error_reasons_are_short_distinct_ascii() {
        let all = [
            JsonError::Truncated { at: 1 },
            JsonError::Whitespace { at: 2 },
            JsonError::UnexpectedChar { at: 3 },
            JsonError::TrailingBytes { at: 4 },
            JsonError::NestingTooDeep { at: 5 },
            JsonError::KeysNotSorted { at: 6 },
            JsonError::DuplicateKey { at: 7 },
            JsonError::InvalidUtf8 { at: 8 },
            JsonError::ControlCharacter { at: 9 },
            JsonError::InvalidEscape { at: 10 },
            JsonError::LoneSurrogate { at: 11 },
            JsonError::Nul { at: 12 },
            JsonError::InvalidNumber { at: 13 },
            JsonError::InvalidLiteral { at: 14 },
            JsonError::TooManyKeys { at: 15 },
        ];
        let mut seen = Vec::new();
        for (i, e) in all.iter().enumerate() {
            let r = e.reason();
            assert!(r.starts_with("JSON: "), "{r}");
            assert!(r.len() <= 40, "{r}");
            assert!(r.bytes().all(|b| (0x20..0x7f).contains(&b)), "{r}");
            assert!(!seen.contains(&r), "{r}");
            seen.push(r);
            assert_eq!(e.offset(), i as u32 + 1);
            assert_eq!(format!("{e}"), format!("{r} (at byte {})", i + 1));
            assert!(e.same_kind(e));
            assert!(!e.same_kind(&all[(i + 1) % all.len()]));
        }
        assert_eq!(JsonError::KeysNotSorted { at: 0 }.reason(), "JSON: keys not sorted");
        assert_eq!(JsonError::DuplicateKey { at: 0 }.reason(), "JSON: duplicate key");
        assert_eq!(JsonError::Nul { at: 0 }.reason(), "JSON: NUL character");
        assert!(JsonError::Nul { at: 1 }.same_kind(&JsonError::Nul { at: 99 }));
    }

    // ---------------------------------------------------------------- robustness

    #[test]
    fn views_over_unvalidated_bytes_never_panic() {
        let garbage: &[&[u8]] = &[
            b"",
            b"{",
            b"}",
            b"[",
            b"]",
            b"{\"",
            b"{\"a\"",
            b"{\"a\":",
            b"{\"a\":1,",
            b"{\"a\":1,}",
            b"{\"a\"1}",
            b"{a:1}",
            b"[1,",
            b"[,]",
            b"[1 2]",
            b"{\"a\":\"}",
            b"[\"\\\"]",
            b"{\"a\":[}",
            b"{\"a\":x}",
            b"[x]",
            b"[-]",
            b"{\"\xff\":1}",
            b"\"",
            b"\"\\",
            b"\"\\u\"",
            b"\"\\ud83d\"",
            b"\"\\uzzzz\"",
            b"\"\xf0\"",
            b"\"\xf0\x9f\"",
            b"x",
        ];
        let mut rng = Rng(0x5eed);
        let mut inputs: Vec<Vec<u8>> = garbage.iter().map(|g| g.to_vec()).collect();
        for _ in 0..2000 {
            let len = rng.below(12);
            let alphabet = b"{}[]\",:\\u0123abdDe-.+ \xc3\xa9\xff";
            inputs.push((0..len).map(|_| alphabet[rng.below(alphabet.len())]).collect());
        }
        for raw in &inputs {
            let o = Object { raw };
            let _ = o.iter().count();
            let _ = (o.len(), o.is_empty(), o.get("a"), o.get(""));
            let a = Array { raw };
            let _ = (a.len(), a.is_empty(), a.get(3));
            for v in a.iter() {
                let _ = v.raw();
            }
            for escaped in [false, true] {
                let s = JsonStr { quoted: raw, escaped };
                // Every step consumes at least one byte, so this terminates.
                assert!(s.chars().count() <= raw.len());
                let _ = (s.decoded_len(), s.eq_str("a"), s.cmp_str("a"), s.as_plain_str());
                let _ = format!("{s}{s:?}");
            }
            let n = Number { raw };
            let _ = (n.as_u64(), n.as_u32(), n.raw(), n.is_plain_unsigned_integer());
            let _ = value_from_raw(raw, true);
        }
        // Malformed escapes decode to U+FFFD instead of vanishing.
        let s = JsonStr { quoted: b"\"\\x\\ud83d\xff\"", escaped: true };
        let chars: Vec<char> = s.chars().collect();
        assert_eq!(chars, ['\u{FFFD}', 'x', '\u{FFFD}', 'u', 'd', '8', '3', 'd', '\u{FFFD}']);
        // A truncated object yields its complete members only.
        let o = Object { raw: b"{\"a\":1,\"b\":" };
        assert_eq!(o.len(), 1);
        assert_eq!(o.get("b"), None);
    }

    /// Every escape byte, and every `\u` code unit, against the rules.
    #[test]
    fn exhaustive_escapes() {
        for e in 0..=255u8 {
            let doc = [b'"', b'\\', e, b'"'];
            let expect_ok = b"\"\\/bfnrt".contains(&e);
            assert_eq!(parse(&doc, 0).is_ok(), expect_ok, "escape {e:#x}");
            assert_eq!(parse(&doc, 0).is_ok(), reference_accepts(&doc, 0));
        }
        for unit in 0..=0xFFFFu32 {
            let doc = format!("\"\\u{unit:04x}\"");
            let got = parse(doc.as_bytes(), 0);
            match unit {
                0 => assert_eq!(got, Err(JsonError::Nul { at: 1 })),
                0xD800..=0xDBFF => assert_eq!(got, Err(JsonError::LoneSurrogate { at: 1 })),
                0xDC00..=0xDFFF => assert_eq!(got, Err(JsonError::LoneSurrogate { at: 1 })),
                _ => {
                    let s = got.unwrap().as_str().unwrap();
                    let chars: Vec<char> = s.chars().collect();
                    assert_eq!(chars, [char::from_u32(unit).unwrap()]);
                    assert!(s.eq_str(&char::from_u32(unit).unwrap().to_string()));
                }
            }
        }
        for high in [0xD800u32, 0xD83D, 0xDBFF] {
            for low in (0xDB00..=0xE0FFu32).step_by(7).chain([0xDC00, 0xDFFF]) {
                let doc = format!("\"\\u{high:04X}\\u{low:04x}\"");
                let got = parse(doc.as_bytes(), 0);
                if (0xDC00..=0xDFFF).contains(&low) {
                    let c = char::decode_utf16([high as u16, low as u16]).next().unwrap().unwrap();
                    let chars: Vec<char> = got.unwrap().as_str().unwrap().chars().collect();
                    assert_eq!(chars, [c]);
                } else {
                    assert_eq!(got, Err(JsonError::LoneSurrogate { at: 1 }), "{doc}");
                }
            }
        }
    }

    /// Raw bytes in strings against the standard library's UTF-8 validator.
    #[test]
    fn utf8_agrees_with_core_str() {
        let tails: &[&[u8]] = &[
            b"",
            b"\x80",
            b"\xbf",
            b"\x80\x80",
            b"\xbf\xbf",
            b"\x80\x80\x80",
            b"\x8f\xbf\xbf",
            b"\x90\x80\x80",
            b"a",
            b"\xc0",
        ];
        for b0 in 0x80..=0xFFu8 {
            for b1 in 0..=0xFFu8 {
                for tail in tails {
                    let mut content = vec![b0, b1];
                    content.extend_from_slice(tail);
                    let mut doc = vec![b'"'];
                    doc.extend_from_slice(&content);
                    doc.push(b'"');
                    let plain = content.iter().all(|&b| b >= 0x20 && b != b'"' && b != b'\\');
                    let expected = plain && core::str::from_utf8(&content).is_ok();
                    let got = parse(&doc, 0);
                    assert_eq!(got.is_ok(), expected, "{content:x?}");
                    if let Ok(v) = got {
                        let s = v.as_str().unwrap();
                        assert_eq!(s.as_plain_str(), core::str::from_utf8(&content).ok());
                        assert_eq!(s.to_string().as_bytes(), &content[..]);
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- property tests

    /// xorshift64*: small, deterministic.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            let mut x = self.0;
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            self.0 = x;
            x.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }

        fn chance(&mut self, percent: usize) -> bool {
            self.below(100) < percent
        }
    }

    /// A JSON document as a plain tree, keys in (byte-)sorted maps.
    #[derive(Clone, Debug, PartialEq)]
    enum Tree {
        Null,
        Bool(bool),
        Num(String),
        Str(String),
        Arr(Vec<Tree>),
        Obj(BTreeMap<String, Tree>),
    }

    const CHARS: &[char] = &[
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
    const KEYS: &[&str] = &[
        "", "a", "ab", "abc", "b", "B", "Z", "_", "amount", "denom", "é", "éx", "😀", "\u{e000}",
        "\u{ffff}", "a\"b", "a\\", "a/", "<&>", "\n", "a\u{1}",
    ];
    const NUMBERS: &[&str] = &[
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

    fn gen_string(rng: &mut Rng) -> String {
        (0..rng.below(7)).map(|_| CHARS[rng.below(CHARS.len())]).collect()
    }

    fn gen_tree(rng: &mut Rng, depth: usize) -> Tree {
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

    fn write_unit(out: &mut Vec<u8>, unit: u32, rng: &mut Rng) {
        let s = if rng.chance(50) { format!("\\u{unit:04x}") } else { format!("\\u{unit:04X}") };
        out.extend_from_slice(s.as_bytes());
    }

    /// Serializes a string, escaping what must be escaped and, at random, anything else
    /// in any valid way (short escapes, `\u` in either case, surrogate pairs).
    fn write_string(out: &mut Vec<u8>, s: &str, rng: &mut Rng) {
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

    fn write_tree(out: &mut Vec<u8>, t: &Tree, rng: &mut Rng) {
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
    fn read_tree(v: Value<'_>) -> Tree {
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

    fn read_string(s: JsonStr<'_>) -> String {
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

    #[test]
    fn generated_documents_round_trip() {
        let mut rng = Rng(0x0123_4567_89ab_cdef);
        let mut objects = 0;
        for _ in 0..3000 {
            let tree = gen_tree(&mut rng, 5);
            if matches!(tree, Tree::Obj(_)) {
                objects += 1;
            }
            let mut doc = Vec::new();
            write_tree(&mut doc, &tree, &mut rng);
            let root = match parse(&doc, MAX_DEPTH) {
                Ok(v) => v,
                Err(e) => panic!("{e}: {}", String::from_utf8_lossy(&doc)),
            };
            assert_eq!(root.raw(), &doc[..]);
            assert_eq!(read_tree(root), tree);
        }
        assert!(objects > 500);
    }

    // A deliberately naive recursive reader, written independently of the one above and
    // leaning on std (String ordering, from_utf8, decode_utf16), used as an oracle.
    fn reference_accepts(s: &[u8], max_depth: usize) -> bool {
        let mut p = 0;
        reference_value(s, &mut p, 0, max_depth.min(MAX_DEPTH)) && p == s.len()
    }

    fn reference_value(s: &[u8], p: &mut usize, depth: usize, max: usize) -> bool {
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

    fn reference_number(s: &[u8], p: &mut usize) -> bool {
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

    fn reference_hex(s: &[u8], p: &mut usize) -> Option<u16> {
        let h = s.get(*p..*p + 4)?;
        if !h.iter().all(u8::is_ascii_hexdigit) {
            return None;
        }
        *p += 4;
        u16::from_str_radix(core::str::from_utf8(h).ok()?, 16).ok()
    }

    fn reference_string(s: &[u8], p: &mut usize) -> Option<String> {
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

    const INTERESTING: &[u8] = &[
        b' ', b'"', b'\\', b'{', b'}', b'[', b']', b',', b':', b'0', b'1', b'-', b'+', b'.', b'e',
        b'u', b'a', b'b', b'd', b'D', b'8', b'n', b't', b'/', 0x00, 0x1f, 0x7f, 0x80, 0xbf, 0xc0,
        0xc3, 0xe0, 0xed, 0xf0, 0xf4, 0xff,
    ];

    fn mutate(doc: &mut Vec<u8>, rng: &mut Rng) {
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

    /// Mutated documents: the reader never panics, agrees with the reference on what is
    /// acceptable, and whatever it accepts reads back consistently.
    #[test]
    fn mutated_documents_agree_with_reference() {
        let mut rng = Rng(0xfeed_beef_cafe_f00d);
        let mut seeds: Vec<Vec<u8>> =
            [DELEGATE_POOL, WASM_LIQUID_STAKE, USER_PREFERENCES, AUTHZ_EXEC]
                .iter()
                .map(|d| d.to_vec())
                .collect();
        for _ in 0..200 {
            let tree = gen_tree(&mut rng, 4);
            let mut doc = Vec::new();
            write_tree(&mut doc, &tree, &mut rng);
            seeds.push(doc);
        }
        let (mut accepted, mut rejected) = (0, 0);
        for round in 0..40_000 {
            let mut doc = seeds[round % seeds.len()].clone();
            for _ in 0..1 + rng.below(3) {
                mutate(&mut doc, &mut rng);
            }
            let depth = if rng.chance(90) { MAX_DEPTH } else { rng.below(6) };
            let got = parse(&doc, depth);
            assert_eq!(
                got.is_ok(),
                reference_accepts(&doc, depth),
                "depth {depth}, {:?} -> {got:?}",
                String::from_utf8_lossy(&doc)
            );
            match got {
                Ok(v) => {
                    accepted += 1;
                    assert!(core::str::from_utf8(&doc).is_ok());
                    assert_eq!(v.raw(), &doc[..]);
                    let _ = read_tree(v);
                }
                Err(e) => {
                    rejected += 1;
                    assert!((e.offset() as usize) <= doc.len());
                }
            }
        }
        // The mutations exercise both sides.
        assert!(accepted > 2000, "accepted {accepted}");
        assert!(rejected > 20_000, "rejected {rejected}");
    }

    // ---------------------------------------------------------------- relaxed reading

    fn relaxed_ok(doc: &[u8]) -> Value<'_> {
        match parse_relaxed(doc, MAX_DEPTH) {
            Ok(v) => v,
            Err(e) => panic!("relaxed rejected {:?}: {e}", String::from_utf8_lossy(doc)),
        }
    }

    fn relaxed_rejects(cases: &[(&[u8], JsonError)]) {
        for (doc, expected) in cases {
            assert_eq!(
                parse_relaxed(doc, MAX_DEPTH).map(|v| v.raw()),
                Err(*expected),
                "document {:?}",
                String::from_utf8_lossy(doc)
            );
        }
    }

    /// Keys and raw values of an object, in the given iteration.
    fn members<'a>(it: impl Iterator<Item = (JsonStr<'a>, Value<'a>)>) -> Vec<(String, String)> {
        it.map(|(k, v)| (k.to_string(), String::from_utf8_lossy(v.raw()).into_owned())).collect()
    }

    #[test]
    fn relaxed_accepts_whitespace_and_any_key_order() {
        // What cosmjs writes (insertion order) and what a pretty-printer writes.
        let doc: &[u8] = b" \r\n\t{ \"liquid_stake\" :\n  {\"transfer_to_native_chain\": true ,\"mint_to\" : \"osmo1user\",\t\"expected_mint_amount\":\"10400000\" } } \n";
        let root = relaxed_ok(doc);
        // The root is the value itself, without the whitespace around it.
        assert_eq!(root.raw(), &doc[4..doc.len() - 2]);
        let stake = object(at(root, &["liquid_stake"]));
        assert_eq!(text(at(root, &["liquid_stake", "mint_to"])), "osmo1user");
        assert_eq!(at(root, &["liquid_stake", "transfer_to_native_chain"]), Value::Bool(true));
        assert_eq!(text(at(root, &["liquid_stake", "expected_mint_amount"])), "10400000");
        assert_eq!(stake.len(), 3);
        assert_eq!(stake.get("absent"), None);
        // Document order, then sorted order.
        let doc_order: Vec<String> = stake.iter().map(|(k, _)| k.to_string()).collect();
        assert_eq!(doc_order, ["transfer_to_native_chain", "mint_to", "expected_mint_amount"]);
        assert_eq!(
            members(stake.iter_sorted()),
            [
                ("expected_mint_amount".to_string(), "\"10400000\"".to_string()),
                ("mint_to".to_string(), "\"osmo1user\"".to_string()),
                ("transfer_to_native_chain".to_string(), "true".to_string()),
            ]
        );
        // Whitespace inside arrays, around scalars, in empty containers.
        let root = relaxed_ok(b"[ 1 , -2.5e3\t,\"x\" ,true, false ,null ,{ } ,[ ] ,[\n]]");
        let raws: Vec<&[u8]> = array(root).iter().map(|v| v.raw()).collect();
        assert_eq!(
            raws,
            [&b"1"[..], b"-2.5e3", b"\"x\"", b"true", b"false", b"null", b"{ }", b"[ ]", b"[\n]"]
        );
        assert!(object(array(root).get(6).unwrap()).is_empty());
        assert!(array(array(root).get(8).unwrap()).is_empty());
        for scalar in [&b" 1 "[..], b"\n\"s\"\n", b"\ttrue", b"null\r\n"] {
            let v = relaxed_ok(scalar);
            let trimmed = core::str::from_utf8(scalar).unwrap().trim().as_bytes();
            assert_eq!(v.raw(), trimmed);
        }
        assert!(relaxed_ok(b" \"\\u0041\" ").as_str().unwrap().eq_str("A"));
        // Every canonical document is also a relaxed one, read the same.
        for doc in [DELEGATE_POOL, WASM_LIQUID_STAKE, USER_PREFERENCES, AUTHZ_EXEC] {
            assert_eq!(relaxed_ok(doc), ok(doc));
        }
        // The two differences, side by side.
        assert_eq!(parse(b"{\"b\":1,\"a\":2}", MAX_DEPTH), Err(JsonError::KeysNotSorted { at: 7 }));
        assert!(parse_relaxed(b"{\"b\":1,\"a\":2}", MAX_DEPTH).is_ok());
        assert_eq!(parse(b"{\"a\": 1}", MAX_DEPTH), Err(JsonError::Whitespace { at: 5 }));
        assert!(parse_relaxed(b"{\"a\": 1}", MAX_DEPTH).is_ok());
    }

    #[test]
    fn relaxed_refuses_duplicate_keys_at_any_depth() {
        relaxed_rejects(&[
            (br#"{"a":1,"a":2}"#, JsonError::DuplicateKey { at: 7 }),
            // Not adjacent, and after a nested object.
            (br#"{"a":1,"b":{"a":1},"a":3}"#, JsonError::DuplicateKey { at: 19 }),
            (br#"{"b":1,"a":2,"b":3}"#, JsonError::DuplicateKey { at: 13 }),
            // Same decoded content, different escapes.
            (br#"{"a":1,"\u0061":2}"#, JsonError::DuplicateKey { at: 7 }),
            (br#"{"\u0061":1, "a" :2}"#, JsonError::DuplicateKey { at: 13 }),
            (br#"{"a\/b":1,"a/b":2}"#, JsonError::DuplicateKey { at: 10 }),
            ("{\"é\":1,\"\\u00e9\":2}".as_bytes(), JsonError::DuplicateKey { at: 8 }),
            (br#"{"\ud83d\ude00":1,"z":2,"\uD83D\uDE00":3}"#, JsonError::DuplicateKey { at: 24 }),
            (br#"{"":1,"":2}"#, JsonError::DuplicateKey { at: 6 }),
            // Depth 2 and 3, inside arrays, with whitespace.
            (br#"{"x":{"k":1,"k":2}}"#, JsonError::DuplicateKey { at: 12 }),
            (br#"{"x":{"y":{"k":1, "k":2}}}"#, JsonError::DuplicateKey { at: 18 }),
            (br#"[{"a":1},{"b":1,"b":1}]"#, JsonError::DuplicateKey { at: 16 }),
        ]);
        // Equal keys in different objects are fine, and prefixes are different keys.
        for doc in [
            &br#"{"a":{"a":{"a":1}},"b":{"a":2}}"#[..],
            br#"[{"a":1},{"a":1}]"#,
            br#"{"ab":1,"a":2,"abc":3,"b":4,"":5}"#,
            br#"{"a":1,"A":2}"#,
        ] {
            relaxed_ok(doc);
        }
    }

    /// The sort work of `doc` as [`MAX_SORT_WORK`] defines it, computed independently:
    /// for every object whose keys are not strictly ascending, members × size in bytes.
    /// `doc` must be valid; `None` if it has duplicate keys.
    fn reference_sort_work(doc: &[u8]) -> Option<usize> {
        fn walk(v: Value<'_>) -> Option<usize> {
            match v {
                Value::Object(o) => {
                    let keys: Vec<String> = o.iter().map(|(k, _)| k.to_string()).collect();
                    let mut unique = keys.clone();
                    unique.sort();
                    unique.dedup();
                    if unique.len() != keys.len() {
                        return None;
                    }
                    let mut work = if keys.windows(2).all(|w| w[0] < w[1]) {
                        0
                    } else {
                        keys.len() * o.raw().len()
                    };
                    for (_, item) in o.iter() {
                        work += walk(item)?;
                    }
                    Some(work)
                }
                Value::Array(a) => a.iter().map(walk).sum(),
                _ => Some(0),
            }
        }
        // Read with the lazy views alone (no validation): they work on any well-formed
        // bytes.
        let trimmed = core::str::from_utf8(doc).ok()?.trim_matches([' ', '\t', '\n', '\r']);
        walk(value_from_raw(trimmed.as_bytes(), true)?)
    }

    #[test]
    fn relaxed_bounds_the_work_of_keys_out_of_order() {
        // n keys in descending order: one unsorted object of n members.
        let descending = |n: usize| {
            let members: Vec<String> = (0..n).rev().map(|i| format!("\"k{i:04}\":{i}")).collect();
            format!("{{{}}}", members.join(","))
        };
        let mut refused = 0;
        for n in [2, 10, 64, 200, 300, 330, 340, 400, 1000] {
            let doc = descending(n);
            let work = n * doc.len();
            assert_eq!(reference_sort_work(doc.as_bytes()), Some(work));
            let got = parse_relaxed(doc.as_bytes(), MAX_DEPTH);
            if work <= MAX_SORT_WORK {
                let o = object(got.unwrap());
                assert_eq!(o.len(), n);
                let sorted: Vec<String> = o.iter_sorted().map(|(k, _)| k.to_string()).collect();
                let expected: Vec<String> = (0..n).map(|i| format!("k{i:04}")).collect();
                assert_eq!(sorted, expected);
            } else {
                refused += 1;
                // Refused at the first key from which the object alone is known to cost
                // too much (members so far × bytes so far), or at its end.
                let early = doc
                    .match_indices(",\"")
                    .enumerate()
                    .map(|(i, (at, _))| (i + 2, at + 1))
                    .find(|&(members, at)| members * at > MAX_SORT_WORK)
                    .map_or(doc.len() - 1, |(_, at)| at);
                assert_eq!(
                    got.map(|v| v.raw()),
                    Err(JsonError::TooManyKeys { at: early as u32 }),
                    "{n}"
                );
            }
        }
        assert!(refused >= 3);
        // The same keys in ascending order cost nothing: no cap at all.
        let members: Vec<String> = (0..100_000).map(|i| format!("\"k{i:06}\":{i}")).collect();
        let ascending = format!("{{ {} }}", members.join(", "));
        assert_eq!(object(relaxed_ok(ascending.as_bytes())).len(), 100_000);
        // The work adds up over the document: two objects each under the cap, together
        // over it.
        let half = descending(250);
        assert!(250 * half.len() <= MAX_SORT_WORK && 500 * half.len() > MAX_SORT_WORK);
        relaxed_ok(half.as_bytes());
        let two = format!("[{half},{half}]");
        let w1 = 250 * half.len();
        let second = half.len() + 2;
        let early = two[second..]
            .match_indices(",\"")
            .enumerate()
            .map(|(i, (at, _))| (i + 2, at + 1))
            .find(|&(members, at)| w1 + members * at > MAX_SORT_WORK)
            .map(|(_, at)| second + at)
            .unwrap();
        assert_eq!(
            parse_relaxed(two.as_bytes(), MAX_DEPTH),
            Err(JsonError::TooManyKeys { at: early as u32 })
        );
        // The document built to stall the device: 64 keys out of order at each of 16
        // levels, the nested object first, around 30 KiB of content.
        let mut doc = format!("\"{}\"", "x".repeat(25_000));
        for _ in 0..16 {
            let mut o = format!("{{\"zz\":{doc}");
            for k in 1..64 {
                o.push_str(&format!(",\"k{k:02}\":0"));
            }
            o.push('}');
            doc = o;
        }
        assert!(matches!(parse_relaxed(doc.as_bytes(), 16), Err(JsonError::TooManyKeys { .. })));
        // Sorted, the same document is fine.
        let sorted = doc.replace("\"zz\"", "\"a\"");
        relaxed_ok(sorted.as_bytes());
    }

    #[test]
    fn relaxed_keeps_every_other_rule() {
        relaxed_rejects(&[
            // Not JSON whitespace: vertical tab, form feed, NBSP, BOM, NUL.
            (b"{\x0b}", JsonError::UnexpectedChar { at: 1 }),
            (b"[1,\x0c2]", JsonError::UnexpectedChar { at: 3 }),
            (b"{\xc2\xa0}", JsonError::UnexpectedChar { at: 1 }),
            (b"\xef\xbb\xbf{}", JsonError::UnexpectedChar { at: 0 }),
            (b"{} \0", JsonError::TrailingBytes { at: 3 }),
            // Structure.
            (b"", JsonError::Truncated { at: 0 }),
            (b"   ", JsonError::Truncated { at: 3 }),
            (b"{\"a\" 1}", JsonError::UnexpectedChar { at: 5 }),
            (b"[1 2]", JsonError::UnexpectedChar { at: 3 }),
            (b"{\"a\":1 ,}", JsonError::UnexpectedChar { at: 8 }),
            (b"[1, ]", JsonError::UnexpectedChar { at: 4 }),
            (b"{} {}", JsonError::TrailingBytes { at: 3 }),
            (b"{ \"a\":1", JsonError::Truncated { at: 7 }),
            (b"{a:1}", JsonError::UnexpectedChar { at: 1 }),
            (b"{'a':1}", JsonError::UnexpectedChar { at: 1 }),
            // Strings: UTF-8, control characters, NUL, escapes, surrogates.
            (b"{\"a\": \"\xff\"}", JsonError::InvalidUtf8 { at: 7 }),
            (b"{\"a\": \"\xed\xa0\x80\"}", JsonError::InvalidUtf8 { at: 7 }),
            (b"{\"a\": \"x\ny\"}", JsonError::ControlCharacter { at: 8 }),
            (b"{\"a\": \"x\ty\"}", JsonError::ControlCharacter { at: 8 }),
            (b"{\"a\": \"\0\"}", JsonError::Nul { at: 7 }),
            (br#"{"a": "\u0000"}"#, JsonError::Nul { at: 7 }),
            (br#"{"a\u0000": 1}"#, JsonError::Nul { at: 3 }),
            (br#"{"a": "\ud83d"}"#, JsonError::LoneSurrogate { at: 7 }),
            (br#"{"a": "\ude00"}"#, JsonError::LoneSurrogate { at: 7 }),
            (br#"{"a": "\x"}"#, JsonError::InvalidEscape { at: 7 }),
            // Numbers and literals.
            (b"{\"a\": 01}", JsonError::InvalidNumber { at: 6 }),
            (b"[ +1 ]", JsonError::InvalidNumber { at: 2 }),
            (b"[ 1. ]", JsonError::InvalidNumber { at: 2 }),
            (b"[ True ]", JsonError::UnexpectedChar { at: 2 }),
            (b"[ nul ]", JsonError::InvalidLiteral { at: 2 }),
            (b"[ NaN ]", JsonError::UnexpectedChar { at: 2 }),
        ]);
        // Nesting: the caller's bound, whitespace or not.
        assert!(parse_relaxed(b" [ [ [ ] ] ] ", 3).is_ok());
        assert_eq!(parse_relaxed(b" [ [ [ ] ] ] ", 2), Err(JsonError::NestingTooDeep { at: 5 }));
        let deep = format!("{}1{}", "{ \"a\" : ".repeat(MAX_DEPTH + 1), "}".repeat(MAX_DEPTH + 1));
        assert_eq!(
            parse_relaxed(deep.as_bytes(), usize::MAX),
            Err(JsonError::NestingTooDeep { at: 8 * MAX_DEPTH as u32 })
        );
        let bomb = " [".repeat(100_000);
        assert!(matches!(
            parse_relaxed(bomb.as_bytes(), MAX_DEPTH),
            Err(JsonError::NestingTooDeep { .. })
        ));
        // The same string, number and literal rules as the canonical reader, on every
        // case the canonical tests refuse for a reason other than whitespace or order.
        for unit in [0u32, 0x1f, 0xd800, 0xdc00, 0xdbff, 0xffff, 0xe000] {
            let doc = format!(" [ \"\\u{unit:04x}\" ] ");
            let canonical = format!("[\"\\u{unit:04x}\"]");
            assert_eq!(
                parse_relaxed(doc.as_bytes(), MAX_DEPTH).map(|_| ()).map_err(|e| e.reason()),
                parse(canonical.as_bytes(), MAX_DEPTH).map(|_| ()).map_err(|e| e.reason()),
                "{doc}"
            );
        }
    }

    #[test]
    fn iter_sorted_orders_by_decoded_key() {
        // Escaped keys sort by what they decode to, in UTF-8 (code point) order.
        let doc: &[u8] = br#"{"\ud83d\ude00":1,"b":2,"\u0061":3,"\ue000":4,"B":5,"ab":6,"":7}"#;
        let o = object(relaxed_ok(doc));
        let keys: Vec<String> = o.iter_sorted().map(|(k, _)| k.to_string()).collect();
        assert_eq!(keys, ["", "B", "a", "ab", "b", "\u{e000}", "\u{1F600}"]);
        let values: Vec<&[u8]> = o.iter_sorted().map(|(_, v)| v.raw()).collect();
        assert_eq!(values, [&b"7"[..], b"5", b"3", b"6", b"2", b"4", b"1"]);
        // A sorted object comes out in document order (the one-pass path), an empty one
        // not at all; the iterator is fused.
        let sorted = object(relaxed_ok(br#"{"a":1,"b":{"d":1,"c":2},"c":3}"#));
        assert_eq!(members(sorted.iter_sorted()), members(sorted.iter()));
        assert_eq!(object(ok(b"{}")).iter_sorted().next(), None);
        let mut it = o.iter_sorted();
        for _ in 0..7 {
            assert!(it.next().is_some());
        }
        assert_eq!((it.next(), it.next()), (None, None));
        // Over bytes that were never validated it stays total (and ends).
        let garbage = Object { raw: b"{\"b\":1,\"a\":2,\"a\":" };
        assert_eq!(garbage.iter_sorted().count(), 2);
    }

    /// Serializes a tree as some other wallet might: keys in a random order, random
    /// insignificant whitespace anywhere it may go.
    fn write_tree_relaxed(out: &mut Vec<u8>, t: &Tree, rng: &mut Rng) {
        fn ws(out: &mut Vec<u8>, rng: &mut Rng) {
            while rng.chance(30) {
                out.push(b" \t\n\r"[rng.below(4)]);
            }
        }
        ws(out, rng);
        match t {
            Tree::Arr(items) => {
                out.push(b'[');
                ws(out, rng);
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    write_tree_relaxed(out, item, rng);
                }
                out.push(b']');
            }
            Tree::Obj(map) => {
                let mut entries: Vec<(&String, &Tree)> = map.iter().collect();
                for i in (1..entries.len()).rev() {
                    entries.swap(i, rng.below(i + 1));
                }
                out.push(b'{');
                ws(out, rng);
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                        ws(out, rng);
                    }
                    write_string(out, k, rng);
                    ws(out, rng);
                    out.push(b':');
                    write_tree_relaxed(out, v, rng);
                }
                out.push(b'}');
            }
            scalar => write_tree(out, scalar, rng),
        }
        ws(out, rng);
    }

    /// Reads a relaxed document back into a tree (keys unique, any order), checking that
    /// `get`, `iter_sorted` and the sorted map agree.
    fn read_tree_relaxed(v: Value<'_>) -> Tree {
        match v {
            Value::Array(a) => Tree::Arr(a.iter().map(read_tree_relaxed).collect()),
            Value::Object(o) => {
                let mut map = BTreeMap::new();
                for (k, item) in o.iter() {
                    let key = read_string(k);
                    assert_eq!(o.get(&key), Some(item));
                    assert!(map.insert(key, read_tree_relaxed(item)).is_none());
                }
                let sorted: Vec<String> = o.iter_sorted().map(|(k, _)| read_string(k)).collect();
                let expected: Vec<String> = map.keys().cloned().collect();
                assert_eq!(sorted, expected);
                assert_eq!(o.len(), map.len());
                Tree::Obj(map)
            }
            scalar => read_tree(scalar),
        }
    }

    #[test]
    fn relaxed_generated_documents_round_trip() {
        let mut rng = Rng(0x7e1a_0ed5_0c0f_fee5);
        for _ in 0..3000 {
            let tree = gen_tree(&mut rng, 5);
            let mut doc = Vec::new();
            write_tree_relaxed(&mut doc, &tree, &mut rng);
            let root = match parse_relaxed(&doc, MAX_DEPTH) {
                Ok(v) => v,
                Err(e) => panic!("{e}: {}", String::from_utf8_lossy(&doc)),
            };
            assert_eq!(read_tree_relaxed(root), tree);
            // Canonical output of the same tree reads the same through both parsers.
            let mut canonical = Vec::new();
            write_tree(&mut canonical, &tree, &mut rng);
            assert_eq!(read_tree_relaxed(parse_relaxed(&canonical, MAX_DEPTH).unwrap()), tree);
        }
    }

    // The naive recursive oracle of the relaxed rules: whitespace skipped, keys collected
    // in a std set of decoded strings.
    fn reference_relaxed_accepts(s: &[u8], max_depth: usize) -> bool {
        let mut p = 0;
        reference_ws(s, &mut p);
        if !reference_relaxed_value(s, &mut p, 0, max_depth.min(MAX_DEPTH)) {
            return false;
        }
        reference_ws(s, &mut p);
        p == s.len() && reference_sort_work(s).is_some_and(|w| w <= MAX_SORT_WORK)
    }

    fn reference_ws(s: &[u8], p: &mut usize) {
        while matches!(s.get(*p), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            *p += 1;
        }
    }

    fn reference_relaxed_value(s: &[u8], p: &mut usize, depth: usize, max: usize) -> bool {
        match s.get(*p) {
            Some(&open @ (b'{' | b'[')) => {
                if depth >= max {
                    return false;
                }
                let close = if open == b'{' { b'}' } else { b']' };
                *p += 1;
                reference_ws(s, p);
                if s.get(*p) == Some(&close) {
                    *p += 1;
                    return true;
                }
                let mut keys = std::collections::BTreeSet::new();
                loop {
                    if open == b'{' {
                        let Some(key) = reference_string(s, p) else {
                            return false;
                        };
                        if !keys.insert(key) {
                            return false;
                        }
                        reference_ws(s, p);
                        if s.get(*p) != Some(&b':') {
                            return false;
                        }
                        *p += 1;
                        reference_ws(s, p);
                    }
                    if !reference_relaxed_value(s, p, depth + 1, max) {
                        return false;
                    }
                    reference_ws(s, p);
                    match s.get(*p) {
                        Some(b',') => {
                            *p += 1;
                            reference_ws(s, p);
                        }
                        Some(&b) if b == close => {
                            *p += 1;
                            return true;
                        }
                        _ => return false,
                    }
                }
            }
            Some(_) => {
                let mut q = *p;
                if reference_value(s, &mut q, depth, 0) {
                    *p = q;
                    return true;
                }
                false
            }
            None => false,
        }
    }

    /// Mutated relaxed documents: the relaxed reader never panics, agrees with the oracle
    /// on what is acceptable, and whatever it accepts reads back consistently.
    #[test]
    fn relaxed_mutated_documents_agree_with_reference() {
        let mut rng = Rng(0xab5e_17ed_d0c5_0001);
        let mut seeds: Vec<Vec<u8>> =
            [DELEGATE_POOL, WASM_LIQUID_STAKE, USER_PREFERENCES, AUTHZ_EXEC]
                .iter()
                .map(|d| d.to_vec())
                .collect();
        for _ in 0..200 {
            let tree = gen_tree(&mut rng, 4);
            let mut doc = Vec::new();
            write_tree_relaxed(&mut doc, &tree, &mut rng);
            seeds.push(doc);
        }
        // One byte away from a duplicate key, at several depths.
        for near in [
            &br#"{"a":1, "b":2}"#[..],
            br#"{ "b" : { "a":[1], "d":{"a":1,"b":2} }, "a":"x" }"#,
            br#"[{"ab":1,"aa":2,"ba":3}]"#,
        ] {
            seeds.push(near.to_vec());
        }
        let (mut accepted, mut rejected, mut duplicates) = (0, 0, 0);
        for round in 0..40_000 {
            let mut doc = seeds[round % seeds.len()].clone();
            for _ in 0..1 + rng.below(3) {
                mutate(&mut doc, &mut rng);
            }
            let depth = if rng.chance(90) { MAX_DEPTH } else { rng.below(6) };
            let got = parse_relaxed(&doc, depth);
            assert_eq!(
                got.is_ok(),
                reference_relaxed_accepts(&doc, depth),
                "depth {depth}, {:?} -> {got:?}",
                String::from_utf8_lossy(&doc)
            );
            match got {
                Ok(v) => {
                    accepted += 1;
                    assert!(core::str::from_utf8(&doc).is_ok());
                    assert_eq!(
                        v.raw(),
                        core::str::from_utf8(&doc)
                            .unwrap()
                            .trim_matches([' ', '\t', '\n', '\r'])
                            .as_bytes()
                    );
                    let _ = read_tree_relaxed(v);
                }
                Err(e) => {
                    rejected += 1;
                    assert!((e.offset() as usize) <= doc.len());
                    if matches!(e, JsonError::DuplicateKey { .. }) {
                        duplicates += 1;
                    }
                }
            }
        }
        assert!(accepted > 2000, "accepted {accepted}");
        assert!(rejected > 15_000, "rejected {rejected}");
        assert!(duplicates > 5, "duplicates {duplicates}");
    }

    /// Characters and the ways a writer may spell them in a JSON string.
    const SPELLINGS: &[(char, &[&str])] = &[
        ('a', &["a", "\\u0061"]),
        ('A', &["A", "\\u0041"]),
        ('b', &["b", "\\u0062"]),
        ('/', &["/", "\\/", "\\u002f", "\\u002F"]),
        ('"', &["\\\"", "\\u0022"]),
        ('\\', &["\\\\", "\\u005c", "\\u005C"]),
        ('\n', &["\\n", "\\u000a"]),
        ('\u{7f}', &["\u{7f}", "\\u007f"]),
        ('é', &["é", "\\u00e9", "\\u00E9"]),
        ('ê', &["ê", "\\u00ea"]),
        ('\u{e000}', &["\u{e000}", "\\ue000"]),
        ('\u{ffff}', &["\u{ffff}", "\\uffff"]),
        ('😀', &["😀", "\\ud83d\\ude00", "\\uD83D\\uDE00", "\\ud83d\\uDE00", "\\uD83D\\ude00"]),
        ('😁', &["😁", "\\ud83d\\ude01"]),
        ('\u{10ffff}', &["\u{10ffff}", "\\udbff\\udfff"]),
    ];

    /// A random string of those characters (mostly sharing a prefix, so that comparisons
    /// run long), and one random spelling of it.
    fn random_key(rng: &mut Rng) -> String {
        let n = rng.below(7);
        (0..n)
            .map(|i| {
                if i < 3 && rng.chance(60) {
                    SPELLINGS[0].0
                } else {
                    SPELLINGS[rng.below(SPELLINGS.len())].0
                }
            })
            .collect()
    }

    /// One random spelling of `key` (characters not in [`SPELLINGS`] as they are).
    fn spell(key: &str, rng: &mut Rng) -> String {
        key.chars()
            .map(|c| match SPELLINGS.iter().find(|(k, _)| *k == c) {
                Some((_, ways)) => ways[rng.below(ways.len())].to_string(),
                None => c.to_string(),
            })
            .collect()
    }

    #[test]
    fn raw_key_comparison_is_decoded_order() {
        let mut rng = Rng(0x5eed_c0de_0bad_cafe);
        for _ in 0..50_000 {
            let (a, b) = (random_key(&mut rng), random_key(&mut rng));
            let b = if rng.chance(30) { a.clone() } else { b };
            let (ra, rb) = (spell(&a, &mut rng), spell(&b, &mut rng));
            let (qa, qb) = (format!("\"{ra}\""), format!("\"{rb}\""));
            // As the parsers see them: valid strings.
            let sa = parse(qa.as_bytes(), 1).unwrap().as_str().unwrap();
            let sb = parse(qb.as_bytes(), 1).unwrap().as_str().unwrap();
            assert_eq!(sa.to_string(), a);
            let expected = a.cmp(&b);
            // Followed by more bytes, as keys are inside an object.
            let (ta, tb) = (format!("{ra}\":1,\"zz\":2}}"), format!("{rb}\"}}"));
            assert_eq!(cmp_raw_keys(ta.as_bytes(), tb.as_bytes()), expected, "{qa} {qb}");
            assert_eq!(sa.cmp_decoded(&sb), expected, "{qa} {qb}");
            assert_eq!(sb.cmp_decoded(&sa), expected.reverse(), "{qa} {qb}");
        }
    }

    /// An object of `keys` (decoded, distinct) in a random order and random spellings,
    /// values from `value`, with random whitespace.
    fn relaxed_object(
        keys: &[String],
        rng: &mut Rng,
        value: &mut dyn FnMut(&mut Rng) -> String,
    ) -> String {
        let mut order: Vec<&String> = keys.iter().collect();
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        let members: Vec<String> = order
            .iter()
            .map(|k| {
                format!(
                    "\"{}\"{}:{}",
                    spell(k, rng),
                    if rng.chance(20) { " " } else { "" },
                    value(rng)
                )
            })
            .collect();
        format!("{{{}}}", members.join(if rng.chance(50) { ", " } else { "," }))
    }

    fn distinct_keys(n: usize, rng: &mut Rng) -> Vec<String> {
        let mut set = std::collections::BTreeSet::new();
        while set.len() < n {
            let mut k = random_key(rng);
            k.push_str(&rng.below(1000).to_string());
            set.insert(k);
        }
        set.into_iter().collect()
    }

    /// Every member of nested objects in key order, walked the way the renderer walks
    /// them: recursively, one cursor per level, one scratch for all levels.
    fn walk_sorted(v: Value<'_>, scratch: &mut SortScratch, out: &mut Vec<String>) {
        match v {
            Value::Object(o) => {
                let mut cursor = 0u32;
                let ascending = o.keys_ascending();
                let mut it = o.iter();
                loop {
                    let member =
                        if ascending { it.next() } else { o.next_sorted(&mut cursor, scratch) };
                    let Some((k, v)) = member else { break };
                    out.push(k.to_string());
                    walk_sorted(v, scratch, out);
                }
            }
            Value::Array(a) => a.iter().for_each(|v| walk_sorted(v, scratch, out)),
            _ => {}
        }
    }

    #[test]
    fn objects_larger_than_a_selection_come_out_sorted() {
        let mut rng = Rng(0x0b1e_c75a_11ed_0001);
        for round in 0..300 {
            // Up to 100 members: several walks of 32 (and of 16, for iter_sorted's own).
            let keys = distinct_keys(1 + rng.below(100), &mut rng);
            let doc = relaxed_object(&keys, &mut rng, &mut |rng| rng.below(10).to_string());
            let o = object(relaxed_ok(doc.as_bytes()));
            let sorted: Vec<String> = o.iter_sorted().map(|(k, _)| k.to_string()).collect();
            assert_eq!(sorted, keys, "round {round}: {doc}");
            assert_eq!(
                o.keys_ascending(),
                keys.len() < 2 || o.iter().map(|(k, _)| k.to_string()).eq(keys.iter().cloned())
            );
            // Nested: unsorted objects as values of an unsorted object, sharing one
            // scratch; the parent's selection is redone after each of them.
            // (Sizes kept under MAX_SORT_WORK.)
            let inner = distinct_keys(2 + rng.below(36), &mut rng);
            let outer = distinct_keys(1 + rng.below(12), &mut rng);
            let doc = relaxed_object(&outer, &mut rng, &mut |rng| {
                if rng.chance(50) {
                    relaxed_object(&inner, rng, &mut |rng| rng.below(10).to_string())
                } else {
                    "[1,{\"b\":1,\"a\":2}]".to_string()
                }
            });
            let root = relaxed_ok(doc.as_bytes());
            let mut got = Vec::new();
            walk_sorted(root, &mut SortScratch::new(), &mut got);
            // The reference: a std sort at every level.
            fn reference(v: Value<'_>, out: &mut Vec<String>) {
                match v {
                    Value::Object(o) => {
                        let mut members: Vec<(String, Value<'_>)> =
                            o.iter().map(|(k, v)| (k.to_string(), v)).collect();
                        members.sort_by(|a, b| a.0.cmp(&b.0));
                        for (k, v) in members {
                            out.push(k);
                            reference(v, out);
                        }
                    }
                    Value::Array(a) => a.iter().for_each(|v| reference(v, out)),
                    _ => {}
                }
            }
            let mut want = Vec::new();
            reference(root, &mut want);
            assert_eq!(got, want, "round {round}: {doc}");
        }
    }

    #[test]
    fn repeated_keys_are_reported_at_the_first_repeat() {
        // The first key (in document order) equal to an earlier key of its object, as
        // when each key was checked against the earlier ones as it came; checked with
        // the objects closing later, nested, and with errors after the repeat.
        let wide: Vec<String> = (0..40).rev().map(|i| format!("\"k{i:02}\":{i}")).collect();
        let wide = wide.join(",");
        let cases: Vec<(String, u32)> = vec![
            (r#"{"b":1,"a":2,"b":3,"a":4}"#.into(), 13),
            // An error after the repeat, inside the object, or the object unfinished.
            (r#"{"b":1,"a":2,"b":{"x":01}}"#.into(), 13),
            (r#"{"b":1,"a":2,"b" 3}"#.into(), 13),
            (r#"{"b":1,"a":2,"b":3"#.into(), 13),
            // A nested object's repeat comes first when it is earlier, not otherwise.
            (r#"{"b":{"y":1,"x":2,"y":3},"a":1,"b":2}"#.into(), 18),
            (r#"{"b":1,"a":2,"b":3,"c":{"y":1,"x":2,"y":3}}"#.into(), 13),
            (r#"{"b":1,"a":2,"c":{"y":1,"x":2,"y":3},"b":3}"#.into(), 30),
            (r#"[{"b":1,"a":2},{"b":1,"a":2,"a":3}]"#.into(), 28),
            // Spelled differently.
            (r#"{"b":1,"\u0062":2}"#.into(), 7),
            ("{\"\\ud83d\\ude00\":1,\"\\ue000\":2,\"\u{1F600}\":3}".into(), 29),
            // Past the first selection of 32 keys.
            (format!("{{{wide},\"k05\":0}}"), 351),
            (format!("{{{wide},\"k05\":0,\"k39\":1}}"), 351),
            (format!("{{{wide},\"k39\":0,\"k05\":1}}"), 351),
        ];
        for (doc, at) in cases {
            assert_eq!(
                parse_relaxed(doc.as_bytes(), MAX_DEPTH),
                Err(JsonError::DuplicateKey { at }),
                "{doc}"
            );
        }
        // A repeat before the sort-work cap is passed is a repeat; one after it, too many
        // keys (350 keys of 13 bytes in descending order pass the cap at key 292).
        let members: Vec<String> = (0..350).rev().map(|i| format!("\"k{i:04}\": {i}")).collect();
        let with_repeat_at = |at: usize| {
            let mut m = members.clone();
            m.insert(at, "\"k0300\": 1".into());
            format!("{{ {} }}", m.join(", "))
        };
        assert_eq!(
            parse_relaxed(with_repeat_at(10).as_bytes(), MAX_DEPTH),
            Err(JsonError::DuplicateKey { at: 700 })
        );
        assert_eq!(
            parse_relaxed(with_repeat_at(349).as_bytes(), MAX_DEPTH),
            Err(JsonError::TooManyKeys { at: 3814 })
        );
    }

    #[test]
    fn view_validated_is_what_the_parsers_return() {
        let mut rng = Rng(0x7ead_0000_f00d_0001);
        for _ in 0..2000 {
            let tree = gen_tree(&mut rng, 4);
            let mut doc = Vec::new();
            write_tree_relaxed(&mut doc, &tree, &mut rng);
            let v = parse_relaxed(&doc, MAX_DEPTH).unwrap();
            assert_eq!(view_validated(&doc), Some(v));
            let mut canonical = Vec::new();
            write_tree(&mut canonical, &tree, &mut rng);
            assert_eq!(view_validated(&canonical), Some(parse(&canonical, MAX_DEPTH).unwrap()));
        }
        for doc in [&b"\"x\\u0041\""[..], b" 1 ", b"\t\"\"\n", b"[]", b"{ }", b"null"] {
            assert_eq!(view_validated(doc), Some(parse_relaxed(doc, MAX_DEPTH).unwrap()));
        }
        // Total on bytes no parser accepted.
        for doc in [&b""[..], b"  ", b"{", b"[1,", b"\"", b"1 2", b"}"] {
            let _ = view_validated(doc);
        }
    }

    #[test]
    fn safe_integers() {
        let n = |t: &'static str| Number { raw: t.as_bytes() }.is_safe_integer();
        for good in ["0", "7", "-7", "10", "9007199254740991", "-9007199254740991"] {
            assert!(n(good), "{good}");
        }
        for bad in [
            "-0",
            "00",
            "01",
            "-01",
            "1.0",
            "1.5",
            "0.5",
            "1e2",
            "1E2",
            "1e+21",
            "1e-7",
            "-",
            "",
            "9007199254740992",
            "-9007199254740992",
            "9007199254740993",
            "18446744073709551616",
            "99999999999999999999999999",
        ] {
            assert!(!n(bad), "{bad}");
        }
        assert_eq!(MAX_SAFE_INTEGER, 9_007_199_254_740_991);
    }

    #[test]
    fn first_unsafe_number_scans_every_depth_outside_strings() {
        let first = |doc: &'static [u8]| {
            let v = parse_relaxed(doc, MAX_DEPTH).unwrap();
            first_unsafe_number(&v).map(|n| n.raw())
        };
        assert_eq!(first(b"1"), None);
        assert_eq!(first(b"1.5"), Some("1.5"));
        assert_eq!(first(br#""1.5""#), None);
        assert_eq!(first(b"null"), None);
        assert_eq!(first(br#"{"a":[1,-2,{"b":3}],"c":true,"d":null}"#), None);
        assert_eq!(first(br#"{"a":[1,-2,{"b":3e0}],"c":1.5}"#), Some("3e0"));
        assert_eq!(first(b"[ 1 ,\n -0 ]"), Some("-0"));
        assert_eq!(first(b"{ \"a\" :\t9007199254740992 }"), Some("9007199254740992"));
        // Digits in keys and values, escaped quotes and backslashes are string content.
        assert_eq!(first(br#"{"1.5":"2.5","a\"1.5":["x\\",3]}"#), None);
        assert_eq!(first(br#"{"a\\":1.5}"#), Some("1.5"));
        // Canonical documents too.
        let v = parse(br#"{"a":[0,-1],"b":-0.0}"#, MAX_DEPTH).unwrap();
        assert_eq!(first_unsafe_number(&v).map(|n| n.raw()), Some("-0.0"));
    }
}
