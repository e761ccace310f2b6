//! A tiny JSON value type with the canonical serializer Cosmos SDK 0.50's
//! `x/tx/signing/aminojson` produces, plus a strict parser.
//!
//! What the chain does, and so what this module reproduces byte for byte:
//!
//! * Objects are written with their keys sorted (bytewise; `BTreeMap<String, _>` order is
//!   exactly Go's `sort.Strings`), compact, no whitespace.
//! * Strings go through Go's `encoding/json.Marshal` (x/tx `jsonMarshal`), which is
//!   HTML-safe: `<` `>` `&` become `\u003c` `\u003e` `\u0026`, U+2028/U+2029 become
//!   `\u2028`/`\u2029`, `"` and `\` are backslash-escaped, `\n` `\r` `\t` use their short
//!   forms and every other control character below U+0020 is `\u00XX` with lowercase hex.
//!   `\b` and `\f`: since Go 1.22 `encoding/json` writes them as `\b` and `\f` (before
//!   1.22 they were `\u0008` and `\u000c`; Go 1.22 release notes, "encoding/json"). The
//!   MilkyWay chain's `go.mod` says `go 1.23`, so its binaries are built with Go >= 1.23
//!   and emit the short forms; so do we. DEL (U+007F) and all other non-ASCII characters
//!   are written raw as UTF-8.
//! * Numbers are written as stored. Integers the schema emits (uint32, int32, enums) are
//!   plain decimal. JSON inlined from wasm `msg` bytes goes through Go's
//!   `json.Unmarshal` into `interface{}` and back, so every number becomes a float64 and
//!   is re-printed Go-style: see [`go_float64`].

use std::collections::BTreeMap;
use std::fmt;

/// A JSON value. Objects keep their keys sorted, which is the canonical order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Json {
    Null,
    Bool(bool),
    /// The literal text of a valid JSON number.
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(BTreeMap<String, Json>),
}

/// Errors of the parser and of the value accessors.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JsonError {
    #[error("invalid JSON at byte {offset}: {reason}")]
    Syntax { offset: usize, reason: &'static str },
    #[error("duplicate key {0:?} in a JSON object")]
    DuplicateKey(String),
    #[error("JSON nesting deeper than {0} levels")]
    TooDeep(usize),
    #[error("JSON number {0} is out of range of a float64")]
    NumberOutOfRange(String),
}

impl Json {
    /// A JSON string.
    pub fn str(s: impl Into<String>) -> Json {
        Json::String(s.into())
    }

    /// An unsigned integer as a JSON number (amino: uint32, enums).
    pub fn uint(n: impl Into<u64>) -> Json {
        Json::Number(n.into().to_string())
    }

    /// A signed integer as a JSON number (amino: int32).
    pub fn int(n: impl Into<i64>) -> Json {
        Json::Number(n.into().to_string())
    }

    /// A uint64/int64 the way amino writes it: a quoted decimal string.
    pub fn quoted(n: impl fmt::Display) -> Json {
        Json::String(n.to_string())
    }

    /// An empty object.
    pub fn object() -> Json {
        Json::Object(BTreeMap::new())
    }

    /// The object's map, if this is an object.
    pub fn as_object(&self) -> Option<&BTreeMap<String, Json>> {
        match self {
            Json::Object(m) => Some(m),
            _ => None,
        }
    }

    /// The string, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// The array, if this is an array.
    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Array(a) => Some(a),
            _ => None,
        }
    }

    /// Looks a key up in an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        self.as_object().and_then(|m| m.get(key))
    }

    /// Compact canonical serialization (sorted keys, Go-style escapes).
    pub fn to_canonical_string(&self) -> String {
        let mut out = String::new();
        write_value(&mut out, self);
        out
    }

    /// [`Json::to_canonical_string`] as bytes.
    pub fn to_canonical_bytes(&self) -> Vec<u8> {
        self.to_canonical_string().into_bytes()
    }

    /// Human-readable, indented serialization (for `--output` files and messages).
    /// Same escapes as the canonical form; only whitespace differs.
    pub fn to_pretty_string(&self) -> String {
        let mut out = String::new();
        write_pretty(&mut out, self, 0);
        out
    }

    /// Re-prints every number the way Go's `encoding/json` prints a float64 after
    /// `json.Unmarshal` into `interface{}`: what x/tx does to inline wasm JSON.
    pub fn go_normalized(&self) -> Result<Json, JsonError> {
        Ok(match self {
            Json::Number(n) => Json::Number(go_float64(n)?),
            Json::Array(a) => {
                Json::Array(a.iter().map(Json::go_normalized).collect::<Result<_, _>>()?)
            }
            Json::Object(m) => Json::Object(
                m.iter()
                    .map(|(k, v)| Ok((k.clone(), v.go_normalized()?)))
                    .collect::<Result<_, JsonError>>()?,
            ),
            other => other.clone(),
        })
    }
}

impl fmt::Display for Json {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_canonical_string())
    }
}

/// Builds a JSON object field by field.
#[derive(Default, Debug)]
pub struct ObjectBuilder(BTreeMap<String, Json>);

impl ObjectBuilder {
    pub fn new() -> Self {
        Self::default()
    }
    /// Adds a field.
    pub fn field(mut self, key: &str, value: Json) -> Self {
        self.0.insert(key.to_owned(), value);
        self
    }
    /// Adds a field in place.
    pub fn insert(&mut self, key: &str, value: Json) {
        self.0.insert(key.to_owned(), value);
    }
    /// The object.
    pub fn build(self) -> Json {
        Json::Object(self.0)
    }
}

// ---------------------------------------------------------------------------------------
// Serializer
// ---------------------------------------------------------------------------------------

fn write_value(out: &mut String, v: &Json) {
    match v {
        Json::Null => out.push_str("null"),
        Json::Bool(true) => out.push_str("true"),
        Json::Bool(false) => out.push_str("false"),
        Json::Number(n) => out.push_str(n),
        Json::String(s) => write_go_string(out, s),
        Json::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item);
            }
            out.push(']');
        }
        Json::Object(map) => {
            out.push('{');
            for (i, (k, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_go_string(out, k);
                out.push(':');
                write_value(out, item);
            }
            out.push('}');
        }
    }
}

fn write_pretty(out: &mut String, v: &Json, depth: usize) {
    let pad = |out: &mut String, d: usize| {
        for _ in 0..d {
            out.push_str("  ");
        }
    };
    match v {
        Json::Array(items) if !items.is_empty() => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                pad(out, depth + 1);
                write_pretty(out, item, depth + 1);
                if i + 1 < items.len() {
                    out.push(',');
                }
                out.push('\n');
            }
            pad(out, depth);
            out.push(']');
        }
        Json::Object(map) if !map.is_empty() => {
            out.push_str("{\n");
            for (i, (k, item)) in map.iter().enumerate() {
                pad(out, depth + 1);
                write_go_string(out, k);
                out.push_str(": ");
                write_pretty(out, item, depth + 1);
                if i + 1 < map.len() {
                    out.push(',');
                }
                out.push('\n');
            }
            pad(out, depth);
            out.push('}');
        }
        other => write_value(out, other),
    }
}

/// Writes `s` as a JSON string exactly as Go (>= 1.22) `encoding/json.Marshal` does.
pub fn write_go_string(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' | '\u{0}'..='\u{1f}' => {
                let n = c as u32;
                out.push_str("\\u");
                for shift in [12, 8, 4, 0] {
                    out.push(HEX[((n >> shift) & 0xf) as usize] as char);
                }
            }
            other => out.push(other),
        }
    }
    out.push('"');
}

/// Re-prints a JSON number literal as Go's `encoding/json` prints the float64 that
/// `json.Unmarshal` would have made of it: shortest round-trip digits, plain notation for
/// 1e-6 <= |x| < 1e21 (and 0), otherwise exponent notation with a sign and at least
/// two exponent digits, then Go's clean-up of `e-09` to `e-9`.
pub fn go_float64(literal: &str) -> Result<String, JsonError> {
    let f: f64 = literal.parse().map_err(|_| JsonError::NumberOutOfRange(literal.to_owned()))?;
    if !f.is_finite() {
        // Go: "json: cannot unmarshal number ... into Go value of type float64".
        return Err(JsonError::NumberOutOfRange(literal.to_owned()));
    }
    let abs = f.abs();
    if abs == 0.0 || (1e-6..1e21).contains(&abs) {
        // Rust's Display for f64 is the shortest round-trip representation without an
        // exponent, which is Go's strconv.FormatFloat(f, 'f', -1, 64).
        return Ok(format!("{f}"));
    }
    // Exponent form: Rust gives "1.5e-7" / "1e21"; Go gives "1.5e-07" then cleans it to
    // "1.5e-7", and "1e+21".
    let s = format!("{f:e}");
    let (mantissa, exp) = s.split_once('e').expect("LowerExp always has an exponent");
    let exp: i32 = exp.parse().expect("LowerExp exponent is an integer");
    Ok(if exp < 0 {
        format!("{mantissa}e-{}", exp.unsigned_abs())
    } else if exp < 10 {
        format!("{mantissa}e+0{exp}")
    } else {
        format!("{mantissa}e+{exp}")
    })
}

// ---------------------------------------------------------------------------------------
// Parser
// ---------------------------------------------------------------------------------------

/// Nesting bound of the parser.
pub const MAX_DEPTH: usize = 64;

/// Parses one JSON document (surrounding whitespace allowed). Duplicate keys are an
/// error; numbers keep their literal text; lone UTF-16 surrogates in `\u` escapes become
/// U+FFFD as in Go.
pub fn parse(input: &str) -> Result<Json, JsonError> {
    let mut p = Parser { s: input.as_bytes(), i: 0 };
    p.ws();
    let v = p.value(0)?;
    p.ws();
    if p.i != p.s.len() {
        return Err(p.err("trailing characters after the JSON value"));
    }
    Ok(v)
}

/// Parses JSON bytes (must be UTF-8).
pub fn parse_bytes(input: &[u8]) -> Result<Json, JsonError> {
    let s = std::str::from_utf8(input)
        .map_err(|e| JsonError::Syntax { offset: e.valid_up_to(), reason: "invalid UTF-8" })?;
    parse(s)
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn err(&self, reason: &'static str) -> JsonError {
        JsonError::Syntax { offset: self.i, reason }
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.s.get(self.i) {
            self.i += 1;
        }
    }

    fn eat(&mut self, lit: &[u8]) -> bool {
        if self.s[self.i..].starts_with(lit) {
            self.i += lit.len();
            true
        } else {
            false
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, JsonError> {
        if depth >= MAX_DEPTH {
            return Err(JsonError::TooDeep(MAX_DEPTH));
        }
        match self.s.get(self.i) {
            None => Err(self.err("unexpected end of input")),
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => Ok(Json::String(self.string()?)),
            Some(b't') if self.eat(b"true") => Ok(Json::Bool(true)),
            Some(b'f') if self.eat(b"false") => Ok(Json::Bool(false)),
            Some(b'n') if self.eat(b"null") => Ok(Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.err("unexpected character")),
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json, JsonError> {
        self.i += 1;
        let mut map = BTreeMap::new();
        self.ws();
        if self.eat(b"}") {
            return Ok(Json::Object(map));
        }
        loop {
            self.ws();
            if self.s.get(self.i) != Some(&b'"') {
                return Err(self.err("expected a string key"));
            }
            let key = self.string()?;
            self.ws();
            if !self.eat(b":") {
                return Err(self.err("expected ':'"));
            }
            self.ws();
            let v = self.value(depth + 1)?;
            if map.contains_key(&key) {
                return Err(JsonError::DuplicateKey(key));
            }
            map.insert(key, v);
            self.ws();
            if self.eat(b",") {
                continue;
            }
            if self.eat(b"}") {
                return Ok(Json::Object(map));
            }
            return Err(self.err("expected ',' or '}'"));
        }
    }

    fn array(&mut self, depth: usize) -> Result<Json, JsonError> {
        self.i += 1;
        let mut items = Vec::new();
        self.ws();
        if self.eat(b"]") {
            return Ok(Json::Array(items));
        }
        loop {
            self.ws();
            items.push(self.value(depth + 1)?);
            self.ws();
            if self.eat(b",") {
                continue;
            }
            if self.eat(b"]") {
                return Ok(Json::Array(items));
            }
            return Err(self.err("expected ',' or ']'"));
        }
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let h = self.s.get(self.i..self.i + 4).ok_or_else(|| self.err("truncated \\u escape"))?;
        let h = std::str::from_utf8(h).map_err(|_| self.err("bad \\u escape"))?;
        let n = u32::from_str_radix(h, 16).map_err(|_| self.err("bad \\u escape"))?;
        self.i += 4;
        Ok(n)
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.i += 1; // opening quote
        let mut out = String::new();
        loop {
            let start = self.i;
            while let Some(&b) = self.s.get(self.i) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.i += 1;
            }
            // The input is a &str, and we only stop on ASCII bytes: this slice is UTF-8.
            out.push_str(std::str::from_utf8(&self.s[start..self.i]).expect("UTF-8 input"));
            match self.s.get(self.i) {
                None => return Err(self.err("unterminated string")),
                Some(b'"') => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.i += 1;
                    let e = *self.s.get(self.i).ok_or_else(|| self.err("truncated escape"))?;
                    self.i += 1;
                    match e {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let hi = self.hex4()?;
                            let c = if (0xD800..0xDC00).contains(&hi) {
                                // A high surrogate: pair it with a following low one.
                                let save = self.i;
                                if self.eat(b"\\u") {
                                    let lo = self.hex4()?;
                                    if (0xDC00..0xE000).contains(&lo) {
                                        char::from_u32(
                                            0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00),
                                        )
                                    } else {
                                        self.i = save;
                                        None
                                    }
                                } else {
                                    None
                                }
                            } else {
                                char::from_u32(hi)
                            };
                            out.push(c.unwrap_or('\u{FFFD}'));
                        }
                        _ => return Err(self.err("invalid escape")),
                    }
                }
                Some(_) => return Err(self.err("control character in string")),
            }
        }
    }

    fn number(&mut self) -> Result<Json, JsonError> {
        let start = self.i;
        self.eat(b"-");
        let digits = |p: &mut Self| {
            let s = p.i;
            while let Some(b'0'..=b'9') = p.s.get(p.i) {
                p.i += 1;
            }
            p.i - s
        };
        match self.s.get(self.i) {
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => {
                digits(self);
            }
            _ => return Err(self.err("invalid number")),
        }
        if self.eat(b".") && digits(self) == 0 {
            return Err(self.err("invalid number fraction"));
        }
        if let Some(b'e' | b'E') = self.s.get(self.i) {
            self.i += 1;
            if let Some(b'+' | b'-') = self.s.get(self.i) {
                self.i += 1;
            }
            if digits(self) == 0 {
                return Err(self.err("invalid number exponent"));
            }
        }
        Ok(Json::Number(std::str::from_utf8(&self.s[start..self.i]).expect("ASCII").to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> String {
        let mut out = String::new();
        write_go_string(&mut out, v);
        out
    }

    #[test]
    fn go_escapes() {
        assert_eq!(s("a<b>&c"), r#""a\u003cb\u003e\u0026c""#);
        assert_eq!(s("q\"b\\"), r#""q\"b\\""#);
        assert_eq!(s("\n\r\t"), r#""\n\r\t""#);
        // Go >= 1.22: \b and \f get their short forms.
        assert_eq!(s("\u{8}\u{c}"), r#""\b\f""#);
        assert_eq!(s("\u{0}\u{1}\u{b}\u{1f}"), r#""\u0000\u0001\u000b\u001f""#);
        assert_eq!(s("\u{2028}\u{2029}"), r#""\u2028\u2029""#);
        // DEL and non-ASCII stay raw.
        assert_eq!(s("\u{7f}é€😀"), "\"\u{7f}é€😀\"");
        assert_eq!(s("/"), r#""/""#);
    }

    #[test]
    fn canonical_sorts_keys_and_is_compact() {
        let v = parse(r#" { "b" : [1, {"z":null,"a":true}], "a":"x", "B": false } "#).unwrap();
        assert_eq!(v.to_canonical_string(), r#"{"B":false,"a":"x","b":[1,{"a":true,"z":null}]}"#);
    }

    #[test]
    fn parser_rejects_bad_input() {
        for bad in [
            r#"{"a":1,"a":2}"#,
            r#"{"a":1"#,
            "[1,]",
            "01",
            "1.",
            "-",
            "\"a\u{1}\"",
            r#""\x""#,
            "tru",
            "{} x",
            "",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn parser_unicode_escapes() {
        assert_eq!(parse(r#""\u00e9\ud83d\ude00\u003c""#).unwrap(), Json::str("é😀<"));
        // Lone surrogates become U+FFFD as in Go.
        assert_eq!(parse(r#""\ud800x""#).unwrap(), Json::str("\u{FFFD}x"));
        assert_eq!(parse(r#""\udc00""#).unwrap(), Json::str("\u{FFFD}"));
    }

    #[test]
    fn parser_depth_is_bounded() {
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert_eq!(parse(&deep), Err(JsonError::TooDeep(MAX_DEPTH)));
    }

    #[test]
    fn go_float_formatting() {
        assert_eq!(go_float64("5").unwrap(), "5");
        assert_eq!(go_float64("5.0").unwrap(), "5");
        assert_eq!(go_float64("-0").unwrap(), "-0");
        assert_eq!(go_float64("1e3").unwrap(), "1000");
        assert_eq!(go_float64("0.000001").unwrap(), "0.000001");
        assert_eq!(go_float64("0.0000001").unwrap(), "1e-7");
        assert_eq!(go_float64("1.5e-7").unwrap(), "1.5e-7");
        assert_eq!(go_float64("1e-10").unwrap(), "1e-10");
        assert_eq!(go_float64("1e21").unwrap(), "1e+21");
        assert_eq!(go_float64("123456789e20").unwrap(), "1.23456789e+28");
        assert_eq!(go_float64("100000000000000000000").unwrap(), "100000000000000000000");
        // 2^53 + 1 is not a float64: it rounds to 2^53.
        assert_eq!(go_float64("9007199254740993").unwrap(), "9007199254740992");
        assert_eq!(go_float64("0.1").unwrap(), "0.1");
        assert!(go_float64("1e400").is_err());
    }

    #[test]
    fn pretty_printing() {
        let v = parse(r#"{"a":[1,2],"b":{},"c":[]}"#).unwrap();
        assert_eq!(
            v.to_pretty_string(),
            "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {},\n  \"c\": []\n}"
        );
    }
}
