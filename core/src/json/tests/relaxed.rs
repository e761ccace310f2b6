//! [`parse_relaxed`]: JSON a wallet wrote (whitespace, keys in any order, never a repeated
//! key), and the sorted views of its objects.

extern crate std;

use super::generate::*;
use super::reference::*;
use super::*;
use std::collections::BTreeMap;
use std::format;
use std::string::{String, ToString};
use std::vec;
use std::vec::Vec;

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
    let mut seeds: Vec<Vec<u8>> = [DELEGATE_POOL, WASM_LIQUID_STAKE, USER_PREFERENCES, AUTHZ_EXEC]
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
            format!("\"{}\"{}:{}", spell(k, rng), if rng.chance(20) { " " } else { "" }, value(rng))
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
