//! The canonical form: what [`parse`] accepts and what it refuses, and why.

extern crate std;

use super::generate::*;
use super::reference::*;
use super::*;
use std::format;
use std::string::{String, ToString};
use std::vec;
use std::vec::Vec;

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
                "ibc/16065EE5282C5217685C8F084FC44864C25C706AC37356B0D62811D50B96920".to_string()
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
    assert_eq!(at(root, &["msgs", "2", "value", "option"]).as_number().unwrap().as_u32(), Some(1));
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
    assert_eq!(parse(&beyond, MAX_DEPTH), Err(JsonError::NestingTooDeep { at: MAX_DEPTH as u32 }));
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
    assert_eq!(parse(&bomb, MAX_DEPTH), Err(JsonError::NestingTooDeep { at: MAX_DEPTH as u32 }));
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
        assert_eq!(text(at(m, &["value", "amount", "0", "amount"])), format!("{}", 1_000_000 + i));
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
