//! Every refusal rule with a minimal vector and the exact reason.

mod common;
use common::*;
use milkyway_core::{decode, Error, SignMode};

fn send() -> Vec<u8> {
    any(
        "/cosmos.bank.v1beta1.MsgSend",
        &cat(&[fs(1, ME), fs(2, OTHER), fb(3, &coin("umilk", "1"))]),
    )
}

fn d(bytes: &[u8]) -> Result<(), Error> {
    dump_sign_doc(bytes, SignMode::Direct);
    decode(bytes, SignMode::Direct).map(|_| ())
}

fn a(json: &str) -> Result<(), Error> {
    dump_sign_doc(json.as_bytes(), SignMode::AminoJson);
    decode(json.as_bytes(), SignMode::AminoJson).map(|_| ())
}

const SEND_JSON: &str = r#"{"type":"cosmos-sdk/MsgSend","value":{"amount":[{"amount":"1","denom":"umilk"}],"from_address":"milk1a","to_address":"milk1b"}}"#;

#[test]
fn direct_structure() {
    assert_eq!(d(&direct_doc(&[send()], "")), Ok(()));
    // unknown message type
    let unknown = any("/cosmos.bank.v1beta1.MsgMultiSend", &[]);
    assert_eq!(d(&direct_doc(&[unknown], "")), Err(Error::UnknownMessage));
    // unknown field inside a known message
    let extra = any("/cosmos.bank.v1beta1.MsgSend", &cat(&[fs(1, ME), fs(9, "x")]));
    assert_eq!(d(&direct_doc(&[extra], "")), Err(Error::UnknownField));
    // duplicated singular field: the device would show the first, the chain use the last
    let dup = any("/cosmos.bank.v1beta1.MsgSend", &cat(&[fs(2, OTHER), fs(2, ME)]));
    assert_eq!(d(&direct_doc(&[dup], "")), Err(Error::DuplicateField));
    // wrong wire type (varint where a string belongs)
    let wt = any("/cosmos.bank.v1beta1.MsgSend", &fv(1, 5));
    assert_eq!(d(&direct_doc(&[wt], "")), Err(Error::WrongWireType));
    // uint32 id that only fits 64 bits (Go would truncate it)
    let big = any("/milkyway.restaking.v1.MsgJoinService", &cat(&[fs(1, ME), fv(2, 1 << 32 | 3)]));
    assert_eq!(d(&direct_doc(&[big], "")), Err(Error::ValueOutOfRange));
    // invalid UTF-8 in a string
    let bad = any("/cosmos.bank.v1beta1.MsgSend", &fb(1, &[0xff, 0xfe]));
    assert_eq!(d(&direct_doc(&[bad], "")), Err(Error::InvalidUtf8));
    // no message at all
    assert_eq!(d(&direct_doc(&[], "")), Err(Error::NoMessages));
    // trailing garbage after the SignDoc / a length running past the end
    let mut t = direct_doc(&[send()], "");
    t.push(0x08);
    assert_eq!(d(&t), Err(Error::ProtoTruncated));
    let mut t = direct_doc(&[send()], "");
    t.extend([0x12, 0x10, 0x01]);
    assert_eq!(d(&t), Err(Error::ProtoTruncated));
    // non-minimal varint
    let mut t = direct_doc(&[send()], "");
    t.extend([0x20, 0x87, 0x80, 0x00]);
    assert_eq!(d(&t), Err(Error::ProtoNonMinimalVarint));
}

#[test]
fn direct_signdoc_rules() {
    let fee = [fb(1, &coin("umilk", "5000")), fv(2, 200000)];
    // chain id "0", "1" and empty
    for (chain, err) in
        [("0", Error::InvalidChainId), ("1", Error::InvalidChainId), ("", Error::MissingChainId)]
    {
        assert_eq!(d(&sign_doc(&[send()], "", &fee, chain, 1, 1)), Err(err), "{chain:?}");
    }
    // extension options in the body
    let body = cat(&[fb(1, &send()), fb(1023, &any("/x", &[]))]);
    let auth = cat(&[fb(1, &cat(&[fb(2, &fb(1, &fv(1, 1)))])), fb(2, &cat(&fee))]);
    let doc = cat(&[fb(1, &body), fb(2, &auth), fs(3, "milkyway")]);
    assert_eq!(d(&doc), Err(Error::ExtensionOptions));
    // a second signer
    let signer = fb(1, &cat(&[fb(2, &fb(1, &fv(1, 1)))]));
    let auth2 = cat(&[signer.clone(), signer, fb(2, &cat(&fee))]);
    let doc = cat(&[fb(1, &fb(1, &send())), fb(2, &auth2), fs(3, "milkyway")]);
    assert_eq!(d(&doc), Err(Error::NotOneSigner));
    // signer info not in DIRECT mode (127 = amino)
    let auth3 = cat(&[fb(1, &cat(&[fb(2, &fb(1, &fv(1, 127)))])), fb(2, &cat(&fee))]);
    let doc = cat(&[fb(1, &fb(1, &send())), fb(2, &auth3), fs(3, "milkyway")]);
    assert_eq!(d(&doc), Err(Error::SignModeMismatch));
    // a tip
    let auth4 = cat(&[fb(1, &cat(&[fb(2, &fb(1, &fv(1, 1)))])), fb(2, &cat(&fee)), fb(3, &[])]);
    let doc = cat(&[fb(1, &fb(1, &send())), fb(2, &auth4), fs(3, "milkyway")]);
    assert_eq!(d(&doc), Err(Error::TipNotSupported));
    // unknown TxBody field below 1024
    let body = cat(&[fb(1, &send()), fv(4, 1)]);
    let doc = cat(&[fb(1, &body), fb(2, &auth), fs(3, "milkyway")]);
    assert_eq!(d(&doc), Err(Error::UnknownField));
}

#[test]
fn amounts() {
    let with_amount = |amount: &str| {
        let m = any(
            "/cosmos.bank.v1beta1.MsgSend",
            &cat(&[fs(1, ME), fs(2, OTHER), fb(3, &coin("umilk", amount))]),
        );
        d(&direct_doc(&[m], ""))
    };
    assert_eq!(with_amount("-1"), Err(Error::InvalidAmount));
    assert_eq!(with_amount("+1"), Err(Error::InvalidAmount));
    assert_eq!(with_amount("1.5"), Err(Error::InvalidAmount));
    assert_eq!(with_amount(" 1"), Err(Error::InvalidAmount));
    assert_eq!(with_amount(""), Err(Error::InvalidAmount));
    assert_eq!(with_amount(&"9".repeat(80)), Err(Error::AmountTooLarge));
    assert_eq!(with_amount(&"9".repeat(78)), Ok(()));
    let m = any("/cosmos.bank.v1beta1.MsgSend", &cat(&[fs(1, ME), fb(3, &coin("u milk", "1"))]));
    assert_eq!(d(&direct_doc(&[m], "")), Err(Error::InvalidDenom));
}

#[test]
fn amino_rules() {
    let ok = amino_doc(SEND_JSON, "");
    assert_eq!(a(&ok), Ok(()));
    // unknown root key
    assert_eq!(
        a(&ok.replacen(r#"{"account_number""#, r#"{"a":"1","account_number""#, 1)),
        Err(Error::UnknownField)
    );
    // missing memo
    assert_eq!(a(&ok.replacen(r#""memo":"","#, "", 1)), Err(Error::JsonMissingField));
    // uint64 as a number
    assert_eq!(
        a(&ok.replacen(r#""sequence":"3""#, r#""sequence":3"#, 1)),
        Err(Error::JsonNumberForString)
    );
    // uint32 id as a string
    let join = r#"{"type":"milkyway/MsgJoinService","value":{"operator_id":"4","sender":"milk1a","service_id":8}}"#;
    assert_eq!(a(&amino_doc(join, "")), Err(Error::JsonStringForNumber));
    // a default value that x/tx would omit
    let zero = r#"{"type":"milkyway/MsgJoinService","value":{"operator_id":0,"sender":"milk1a","service_id":8}}"#;
    assert_eq!(a(&amino_doc(zero, "")), Err(Error::JsonDefaultPresent));
    // dont_omitempty field missing
    let no_amount =
        r#"{"type":"cosmos-sdk/MsgSend","value":{"from_address":"milk1a","to_address":"milk1b"}}"#;
    assert_eq!(a(&amino_doc(no_amount, "")), Err(Error::JsonMissingField));
    // Go legacy amino name instead of the proto one
    let go_name = r#"{"type":"milkyway/MsgCreateService","value":{"name":"x","sender":"milk1a"}}"#;
    assert_eq!(a(&amino_doc(go_name, "")), Err(Error::UnknownMessage));
    // unknown field in a message
    let extra =
        SEND_JSON.replacen(r#""to_address":"milk1b""#, r#""to_address":"milk1b","zzz":"x""#, 1);
    assert_eq!(a(&amino_doc(&extra, "")), Err(Error::UnknownField));
    // chain id "1"
    assert_eq!(
        a(&ok.replacen(r#""chain_id":"milkyway""#, r#""chain_id":"1""#, 1)),
        Err(Error::InvalidChainId)
    );
    // a NUL escaped in a memo, whitespace, unsorted keys
    assert!(matches!(a(&amino_doc(SEND_JSON, "a\\u0000b")), Err(Error::Json(_))));
    assert!(matches!(a(&ok.replacen(r#","memo""#, r#", "memo""#, 1)), Err(Error::Json(_))));
    assert!(matches!(
        a(&ok.replacen(
            r#""account_number":"7","chain_id":"milkyway""#,
            r#""chain_id":"milkyway","account_number":"7""#,
            1
        )),
        Err(Error::Json(_))
    ));
}

#[test]
fn no_message_count_limit() {
    // 33 messages (the old limit was 32) and 200 are decoded like one.
    for n in [33, 200] {
        let many: Vec<Vec<u8>> = (0..n).map(|_| send()).collect();
        assert_eq!(d(&direct_doc(&many, "")), Ok(()));
        let json = vec![SEND_JSON; n].join(",");
        assert_eq!(a(&amino_doc(&json, "")), Ok(()));
    }
}

#[test]
fn memo_made_visible() {
    // right-to-left override and a Cyrillic homoglyph in the memo
    let s = direct(&direct_doc(&[send()], "pay \u{202e}kl\u{456}m")).unwrap();
    assert!(s.contains(&"Memo: pay \\u{202E}kl\\u{0456}m".to_string()), "{s:?}");
    // a long memo is split over numbered screens
    let long = "x".repeat(450);
    let s = direct(&direct_doc(&[send()], &long)).unwrap();
    let memo: Vec<_> = s.iter().filter(|l| l.starts_with("Memo")).collect();
    assert_eq!(memo.len(), 3);
    assert!(
        memo[0].starts_with("Memo (1/3): xxx")
            && memo[2] == &format!("Memo (3/3): {}", "x".repeat(50))
    );
}

// ------------------------------------------------------------------------------------
// Every refusal rule of issue 3 ("Refuse what cannot be shown faithfully"), at every
// depth, in both sign modes. Each refusal is checked for its exact `Error` and for a
// reason the device can send: non-empty printable ASCII.

use milkyway_core::json::JsonError;

#[track_caller]
fn is(r: Result<(), Error>, want: Error) {
    assert_eq!(r, Err(want));
    let reason = want.reason();
    assert!(
        !reason.is_empty() && reason.bytes().all(|b| (b' '..=b'~').contains(&b)),
        "{want:?}: {reason:?}"
    );
}

#[track_caller]
fn is_json(r: Result<(), Error>, want: JsonError) {
    match r {
        Err(Error::Json(e)) if e.same_kind(&want) => {
            let reason = Error::Json(e).reason();
            assert!(
                !reason.is_empty() && reason.bytes().all(|b| (b' '..=b'~').contains(&b)),
                "{e:?}"
            );
        }
        other => panic!("expected {want:?}, got {other:?}"),
    }
}

/// Replaces the one occurrence of `from` (which must be there) by `to`.
#[track_caller]
fn swap(doc: &str, from: &str, to: &str) -> String {
    assert_eq!(doc.matches(from).count(), 1, "{from:?} in {doc}");
    doc.replacen(from, to, 1)
}

/// Field `n` with wire type 5 (fixed32) and 1 (fixed64).
fn fixed32(n: u32, v: u32) -> Vec<u8> {
    let mut out = Vec::new();
    varint((u64::from(n) << 3) | 5, &mut out);
    out.extend(v.to_le_bytes());
    out
}
fn fixed64(n: u32, v: u64) -> Vec<u8> {
    let mut out = Vec::new();
    varint((u64::from(n) << 3) | 1, &mut out);
    out.extend(v.to_le_bytes());
    out
}

// The parts of a valid DIRECT SignDoc, so each test can break exactly one of them.
fn pubkey() -> Vec<u8> {
    any("/cosmos.crypto.secp256k1.PubKey", &fb(1, &PUBKEY))
}
fn mode_direct() -> Vec<u8> {
    fb(1, &fv(1, 1))
}
fn signer(extra: &[Vec<u8>]) -> Vec<u8> {
    let mut s = cat(&[fb(1, &pubkey()), fb(2, &mode_direct()), fv(3, 3)]);
    s.extend(extra.concat());
    s
}
fn fee(extra: &[Vec<u8>]) -> Vec<u8> {
    let mut f = cat(&[fb(1, &coin("umilk", "5000")), fv(2, 200000)]);
    f.extend(extra.concat());
    f
}
fn auth(signer: Vec<u8>, fee: Vec<u8>, extra: &[Vec<u8>]) -> Vec<u8> {
    let mut a = cat(&[fb(1, &signer), fb(2, &fee)]);
    a.extend(extra.concat());
    a
}
fn body(msgs: &[Vec<u8>], extra: &[Vec<u8>]) -> Vec<u8> {
    let mut b: Vec<u8> = msgs.iter().flat_map(|m| fb(1, m)).collect();
    b.extend(extra.concat());
    b
}
fn doc(body: Vec<u8>, auth: Vec<u8>, extra: &[Vec<u8>]) -> Vec<u8> {
    let mut d = cat(&[fb(1, &body), fb(2, &auth), fs(3, "milkyway"), fv(4, 7)]);
    d.extend(extra.concat());
    d
}
fn good_auth() -> Vec<u8> {
    auth(signer(&[]), fee(&[]), &[])
}
/// A valid document with the message `m` (an `Any`).
fn with_msg(m: Vec<u8>) -> Vec<u8> {
    doc(body(&[m], &[]), good_auth(), &[])
}
fn join(fields: &[Vec<u8>]) -> Vec<u8> {
    any("/milkyway.restaking.v1.MsgJoinService", &cat(fields))
}
fn exec(inner: &[Vec<u8>]) -> Vec<u8> {
    let mut v = fs(1, ME);
    for m in inner {
        v.extend(fb(2, m));
    }
    any("/cosmos.authz.v1beta1.MsgExec", &v)
}

#[test]
fn direct_parts_are_valid() {
    assert_eq!(d(&doc(body(&[send()], &[]), good_auth(), &[])), Ok(()));
    assert_eq!(d(&with_msg(join(&[fs(1, ME), fv(2, 4), fv(3, 8)]))), Ok(()));
    assert_eq!(d(&with_msg(exec(&[send()]))), Ok(()));
}

#[test]
fn unknown_message_types() {
    // DIRECT, top level and inside authz MsgExec; a known name without its leading slash.
    is(d(&with_msg(any("/cosmos.bank.v1beta1.MsgMultiSend", &[]))), Error::UnknownMessage);
    is(d(&with_msg(exec(&[any("/cosmos.bank.v1beta1.MsgMultiSend", &[])]))), Error::UnknownMessage);
    is(d(&with_msg(any("cosmos.bank.v1beta1.MsgSend", &[]))), Error::UnknownMessage);
    is(d(&with_msg(cat(&[fb(2, &[])]))), Error::UnknownMessage);
    // Amino, top level and inside MsgExec; a type URL where the amino name belongs.
    let multi = r#"{"type":"cosmos-sdk/MsgMultiSend","value":{}}"#;
    is(a(&amino_doc(multi, "")), Error::UnknownMessage);
    let inner =
        format!(r#"{{"type":"cosmos-sdk/MsgExec","value":{{"grantee":"{ME}","msgs":[{multi}]}}}}"#);
    is(a(&amino_doc(&inner, "")), Error::UnknownMessage);
    let url = swap(SEND_JSON, r#""cosmos-sdk/MsgSend""#, r#""/cosmos.bank.v1beta1.MsgSend""#);
    is(a(&amino_doc(&url, "")), Error::UnknownMessage);
}

#[test]
fn unknown_fields_at_every_depth_direct() {
    let uf = Error::UnknownField;
    // SignDoc
    is(d(&doc(body(&[send()], &[]), good_auth(), &[fv(5, 1)])), uf);
    // TxBody: below 1024 (4 is `unordered` in SDK 0.53, not in 0.50), and above
    is(d(&doc(body(&[send()], &[fv(4, 1)]), good_auth(), &[])), uf);
    is(d(&doc(body(&[send()], &[fs(1000, "x")]), good_auth(), &[])), uf);
    is(d(&doc(body(&[send()], &[fs(1024, "x")]), good_auth(), &[])), uf);
    // AuthInfo, Fee, SignerInfo, ModeInfo, ModeInfo.Single, the public key Any and key
    is(d(&doc(body(&[send()], &[]), auth(signer(&[]), fee(&[]), &[fv(4, 1)]), &[])), uf);
    is(d(&doc(body(&[send()], &[]), auth(signer(&[]), fee(&[fv(5, 1)]), &[]), &[])), uf);
    is(d(&doc(body(&[send()], &[]), auth(signer(&[fv(4, 1)]), fee(&[]), &[]), &[])), uf);
    let s = cat(&[fb(2, &cat(&[mode_direct(), fv(3, 1)])), fv(3, 3)]);
    is(d(&doc(body(&[send()], &[]), auth(s, fee(&[]), &[]), &[])), uf);
    let s = cat(&[fb(2, &fb(1, &cat(&[fv(1, 1), fv(2, 1)]))), fv(3, 3)]);
    is(d(&doc(body(&[send()], &[]), auth(s, fee(&[]), &[]), &[])), uf);
    let pk = cat(&[pubkey(), fs(3, "x")]);
    let s = cat(&[fb(1, &pk), fb(2, &mode_direct())]);
    is(d(&doc(body(&[send()], &[]), auth(s, fee(&[]), &[]), &[])), uf);
    let pk = any("/cosmos.crypto.secp256k1.PubKey", &cat(&[fb(1, &PUBKEY), fv(2, 1)]));
    let s = cat(&[fb(1, &pk), fb(2, &mode_direct())]);
    is(d(&doc(body(&[send()], &[]), auth(s, fee(&[]), &[]), &[])), uf);
    // a coin of the fee
    let f = cat(&[fb(1, &cat(&[coin("umilk", "5000"), fs(3, "x")])), fv(2, 200000)]);
    is(d(&doc(body(&[send()], &[]), auth(signer(&[]), f, &[]), &[])), uf);
    // the message Any, a known message, a coin in it, a nested message in it
    is(d(&with_msg(cat(&[send(), fs(3, "x")]))), uf);
    is(d(&with_msg(join(&[fs(1, ME), fv(2, 4), fv(3, 8), fv(4, 1)]))), uf);
    let bad_coin = any(
        "/cosmos.bank.v1beta1.MsgSend",
        &cat(&[fs(1, ME), fb(3, &cat(&[coin("umilk", "1"), fs(3, "x")]))]),
    );
    is(d(&with_msg(bad_coin)), uf);
    let params = any(
        "/milkyway.operators.v1.MsgSetOperatorParams",
        &cat(&[fs(1, ME), fv(2, 1), fb(3, &fs(2, "x"))]),
    );
    is(d(&with_msg(params)), uf);
    // UserPreferences fields 1-3 are reserved (the pre-v8 layout): unknown now
    let prefs = any(
        "/milkyway.restaking.v1.MsgSetUserPreferences",
        &cat(&[fs(1, ME), fb(2, &fb(3, &[2]))]),
    );
    is(d(&with_msg(prefs)), uf);
    let entry = any(
        "/milkyway.restaking.v1.MsgSetUserPreferences",
        &cat(&[fs(1, ME), fb(2, &fb(4, &cat(&[fv(1, 2), fv(3, 1)])))]),
    );
    is(d(&with_msg(entry)), uf);
    // an authz inner message
    is(d(&with_msg(exec(&[join(&[fs(1, ME), fv(2, 4), fs(9, "x")])]))), uf);
}

#[test]
fn unknown_fields_at_every_depth_amino() {
    let uf = Error::UnknownField;
    let ok = amino_doc(SEND_JSON, "");
    // root (an SDK 0.53 field, and the tx's extension options which amino cannot carry)
    is(a(&swap(&ok, r#""sequence":"3""#, r#""sequence":"3","timeout_timestamp":"1""#)), uf);
    // fee, a fee coin
    is(a(&swap(&ok, r#""gas":"200000""#, r#""gas":"200000","tip":"1""#)), uf);
    is(
        a(&swap(
            &ok,
            r#"{"amount":"5000","denom":"umilk"}"#,
            r#"{"amount":"5000","denom":"umilk","z":"1"}"#,
        )),
        uf,
    );
    // the message envelope, a message, a coin in it, a nested message
    is(a(&amino_doc(&swap(SEND_JSON, r#""value":{"#, r#""v":1,"value":{"#), "")), uf);
    is(
        a(&amino_doc(
            &swap(SEND_JSON, r#""to_address":"milk1b""#, r#""to_address":"milk1b","zzz":"x""#),
            "",
        )),
        uf,
    );
    is(
        a(&amino_doc(&swap(SEND_JSON, r#""denom":"umilk"}"#, r#""denom":"umilk","x":"1"}"#), "")),
        uf,
    );
    let params = r#"{"type":"milkyway/MsgSetOperatorParams","value":{"operator_id":1,"params":{"commission_rate":"1","x":"1"},"sender":"milk1a"}}"#;
    is(a(&amino_doc(params, "")), uf);
    // an authz inner message
    let inner = format!(
        r#"{{"type":"cosmos-sdk/MsgExec","value":{{"grantee":"{ME}","msgs":[{}]}}}}"#,
        swap(SEND_JSON, r#""to_address":"milk1b""#, r#""to_address":"milk1b","zzz":"1""#)
    );
    is(a(&amino_doc(&inner, "")), uf);
}

#[test]
fn duplicated_fields_at_every_depth_direct() {
    let dup = Error::DuplicateField;
    let b = || body(&[send()], &[]);
    // SignDoc: each of its four fields
    is(d(&doc(b(), good_auth(), &[fs(3, "milkyway")])), dup);
    is(d(&doc(b(), good_auth(), &[fv(4, 7)])), dup);
    is(d(&doc(b(), good_auth(), &[fb(1, &b())])), dup);
    is(d(&doc(b(), good_auth(), &[fb(2, &good_auth())])), dup);
    // TxBody memo and timeout height
    is(d(&doc(body(&[send()], &[fs(2, "a"), fs(2, "b")]), good_auth(), &[])), dup);
    is(d(&doc(body(&[send()], &[fv(3, 1), fv(3, 2)]), good_auth(), &[])), dup);
    // AuthInfo fee; Fee gas, payer, granter; a fee coin's denom
    is(d(&doc(b(), auth(signer(&[]), fee(&[]), &[fb(2, &fee(&[]))]), &[])), dup);
    is(d(&doc(b(), auth(signer(&[]), fee(&[fv(2, 1)]), &[]), &[])), dup);
    is(d(&doc(b(), auth(signer(&[]), fee(&[fs(3, OTHER), fs(3, ME)]), &[]), &[])), dup);
    is(d(&doc(b(), auth(signer(&[]), fee(&[fs(4, OTHER), fs(4, ME)]), &[]), &[])), dup);
    let f = cat(&[fb(1, &cat(&[coin("umilk", "5000"), fs(1, "uatom")])), fv(2, 200000)]);
    is(d(&doc(b(), auth(signer(&[]), f, &[]), &[])), dup);
    // SignerInfo public key, mode info, sequence; ModeInfo.single; Single.mode
    is(d(&doc(b(), auth(signer(&[fb(1, &pubkey())]), fee(&[]), &[]), &[])), dup);
    is(d(&doc(b(), auth(signer(&[fb(2, &mode_direct())]), fee(&[]), &[]), &[])), dup);
    is(d(&doc(b(), auth(signer(&[fv(3, 4)]), fee(&[]), &[]), &[])), dup);
    let s = cat(&[fb(2, &cat(&[mode_direct(), mode_direct()]))]);
    is(d(&doc(b(), auth(s, fee(&[]), &[]), &[])), dup);
    let s = cat(&[fb(2, &fb(1, &cat(&[fv(1, 1), fv(1, 1)])))]);
    is(d(&doc(b(), auth(s, fee(&[]), &[]), &[])), dup);
    // the public key Any's type URL
    let pk = cat(&[pubkey(), fs(1, "/cosmos.crypto.secp256k1.PubKey")]);
    is(d(&doc(b(), auth(cat(&[fb(1, &pk), fb(2, &mode_direct())]), fee(&[]), &[]), &[])), dup);
    // the message Any's type URL and value
    is(d(&with_msg(cat(&[send(), fs(1, "/cosmos.bank.v1beta1.MsgSend")]))), dup);
    is(d(&with_msg(cat(&[send(), fb(2, &[])]))), dup);
    // a known message (a string and a varint), a coin in it, a nested message and its field
    let two_to = any("/cosmos.bank.v1beta1.MsgSend", &cat(&[fs(1, ME), fs(2, OTHER), fs(2, ME)]));
    is(d(&with_msg(two_to)), dup);
    is(d(&with_msg(join(&[fs(1, ME), fv(2, 4), fv(2, 5)]))), dup);
    let coin_dup = any(
        "/cosmos.bank.v1beta1.MsgSend",
        &cat(&[fs(1, ME), fb(3, &cat(&[coin("umilk", "1"), fs(2, "2")]))]),
    );
    is(d(&with_msg(coin_dup)), dup);
    let p = fb(3, &fs(1, "1"));
    let params = any(
        "/milkyway.operators.v1.MsgSetOperatorParams",
        &cat(&[fs(1, ME), fv(2, 1), p.clone(), p]),
    );
    is(d(&with_msg(params)), dup);
    let params = any(
        "/milkyway.operators.v1.MsgSetOperatorParams",
        &cat(&[fs(1, ME), fv(2, 1), fb(3, &cat(&[fs(1, "1"), fs(1, "2")]))]),
    );
    is(d(&with_msg(params)), dup);
    // an authz inner message
    is(d(&with_msg(exec(&[join(&[fs(1, ME), fv(3, 8), fv(3, 9)])]))), dup);
}

#[test]
fn duplicated_keys_at_every_depth_amino() {
    let dup = JsonError::DuplicateKey { at: 0 };
    let ok = amino_doc(SEND_JSON, "");
    is_json(a(&swap(&ok, r#""memo":"","#, r#""memo":"","memo":"","#)), dup);
    is_json(a(&swap(&ok, r#""gas":"200000""#, r#""gas":"200000","gas":"200000""#)), dup);
    is_json(
        a(&swap(&ok, r#""denom":"umilk"}],"gas""#, r#""denom":"umilk","denom":"umilk"}],"gas""#)),
        dup,
    );
    is_json(
        a(&amino_doc(
            &swap(
                SEND_JSON,
                r#""type":"cosmos-sdk/MsgSend","#,
                r#""type":"cosmos-sdk/MsgSend","type":"cosmos-sdk/MsgSend","#,
            ),
            "",
        )),
        dup,
    );
    is_json(
        a(&amino_doc(
            &swap(
                SEND_JSON,
                r#""to_address":"milk1b""#,
                r#""to_address":"milk1b","to_address":"milk1b""#,
            ),
            "",
        )),
        dup,
    );
    let inner = format!(
        r#"{{"type":"cosmos-sdk/MsgExec","value":{{"grantee":"{ME}","msgs":[{}]}}}}"#,
        swap(
            SEND_JSON,
            r#""from_address":"milk1a""#,
            r#""from_address":"milk1a","from_address":"milk1a""#
        )
    );
    is_json(a(&amino_doc(&inner, "")), dup);
    // An escaped key that decodes to the same text is the same key.
    is_json(a(&swap(&ok, r#""memo":"","#, r#""memo":"","\u006demo":"","#)), dup);
}

#[test]
fn wrong_wire_types() {
    let wt = Error::WrongWireType;
    let b = || body(&[send()], &[]);
    // SignDoc: bytes as a varint, a string as a varint, a uint64 as bytes
    is(d(&cat(&[fv(1, 5), fb(2, &good_auth()), fs(3, "milkyway")])), wt);
    is(d(&cat(&[fb(1, &b()), fb(2, &good_auth()), fv(3, 1)])), wt);
    is(d(&cat(&[fb(1, &b()), fb(2, &good_auth()), fs(3, "milkyway"), fs(4, "7")])), wt);
    // TxBody: a message, the memo, the timeout height
    is(d(&doc(cat(&[fb(1, &send()), fv(1, 5)]), good_auth(), &[])), wt);
    is(d(&doc(body(&[send()], &[fv(2, 1)]), good_auth(), &[])), wt);
    is(d(&doc(body(&[send()], &[fs(3, "1")]), good_auth(), &[])), wt);
    // AuthInfo signer and fee; Fee amount and gas; SignerInfo sequence and mode; ModeInfo
    is(d(&doc(b(), cat(&[fv(1, 1), fb(2, &fee(&[]))]), &[])), wt);
    is(d(&doc(b(), cat(&[fb(1, &signer(&[])), fv(2, 1)]), &[])), wt);
    is(d(&doc(b(), auth(signer(&[]), cat(&[fv(1, 1), fv(2, 1)]), &[]), &[])), wt);
    is(d(&doc(b(), auth(signer(&[]), cat(&[fs(2, "200000")]), &[]), &[])), wt);
    is(d(&doc(b(), auth(cat(&[fb(2, &mode_direct()), fs(3, "3")]), fee(&[]), &[]), &[])), wt);
    is(d(&doc(b(), auth(cat(&[fv(2, 1)]), fee(&[]), &[]), &[])), wt);
    is(d(&doc(b(), auth(cat(&[fb(2, &fv(1, 1))]), fee(&[]), &[]), &[])), wt);
    is(d(&doc(b(), auth(cat(&[fb(2, &fb(1, &fs(1, "1")))]), fee(&[]), &[]), &[])), wt);
    // the message Any; a string, an id, a coin and a coin's denom in a message
    is(d(&with_msg(cat(&[send(), fv(2, 1)]))), wt);
    is(d(&with_msg(any("/cosmos.bank.v1beta1.MsgSend", &fv(2, 5)))), wt);
    is(d(&with_msg(join(&[fs(1, ME), fs(2, "4")]))), wt);
    is(d(&with_msg(any("/cosmos.bank.v1beta1.MsgSend", &fv(3, 1)))), wt);
    is(d(&with_msg(any("/cosmos.bank.v1beta1.MsgSend", &fb(3, &fv(1, 1))))), wt);
    // fixed32 and fixed64 where a string or an id belongs
    is(d(&with_msg(any("/cosmos.bank.v1beta1.MsgSend", &fixed32(1, 7)))), wt);
    is(d(&with_msg(join(&[fs(1, ME), fixed64(2, 4)]))), wt);
    is(d(&doc(b(), good_auth(), &[fixed32(4, 7)])), wt);
    // a packed list of ids as fixed32; a weighted vote option as a varint
    let prefs = any(
        "/milkyway.restaking.v1.MsgSetUserPreferences",
        &cat(&[fs(1, ME), fb(2, &fb(4, &cat(&[fv(1, 2), fixed32(2, 1)])))]),
    );
    is(d(&with_msg(prefs)), wt);
    is(d(&with_msg(any("/cosmos.gov.v1.MsgVoteWeighted", &cat(&[fv(1, 1), fv(3, 1)])))), wt);
    // the group wire types (3, 4) are not protobuf 3 at all
    is(
        d(&cat(&[fb(1, &b()), fb(2, &good_auth()), fs(3, "milkyway"), vec![0x2b]])),
        Error::ProtoWireType,
    );
    is(d(&with_msg(any("/cosmos.bank.v1beta1.MsgSend", &[0x0c]))), Error::ProtoWireType);
}

#[test]
fn non_minimal_and_overlong_varints() {
    let nm = Error::ProtoNonMinimalVarint;
    let b = body(&[send()], &[]);
    let head = cat(&[fb(1, &b), fb(2, &good_auth())]);
    // a value (account number 7 as 0x87 0x80 0x00), a field key (0x9a 0x00 for field 3),
    // a length prefix (8 as 0x88 0x00)
    is(d(&cat(&[head.clone(), fs(3, "milkyway"), vec![0x20, 0x87, 0x80, 0x00]])), nm);
    is(d(&cat(&[head.clone(), vec![0x9a, 0x00, 0x08], b"milkyway".to_vec()])), nm);
    is(d(&cat(&[head.clone(), vec![0x1a, 0x88, 0x00], b"milkyway".to_vec()])), nm);
    // inside a message, and in a packed list of pool ids
    let mut join_bytes = cat(&[fs(1, ME), fv(3, 8)]);
    join_bytes.extend([0x10, 0x84, 0x00]);
    is(d(&with_msg(any("/milkyway.restaking.v1.MsgJoinService", &join_bytes))), nm);
    let prefs = any(
        "/milkyway.restaking.v1.MsgSetUserPreferences",
        &cat(&[fs(1, ME), fb(2, &fb(4, &cat(&[fv(1, 2), fb(2, &[1, 0x82, 0x00])])))]),
    );
    is(d(&with_msg(prefs)), nm);
    // overlong: eleven bytes, or a tenth byte carrying more than the top bit of a u64
    let eleven = [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01];
    is(
        d(&cat(&[head.clone(), fs(3, "milkyway"), vec![0x20], eleven.to_vec()])),
        Error::ProtoVarintTooLong,
    );
    let ten = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02];
    is(
        d(&cat(&[head.clone(), fs(3, "milkyway"), vec![0x20], ten.to_vec()])),
        Error::ProtoVarintTooLong,
    );
    let mut long_key = join_bytes.clone();
    long_key.truncate(long_key.len() - 3);
    long_key.extend(eleven);
    is(
        d(&with_msg(any("/milkyway.restaking.v1.MsgJoinService", &long_key))),
        Error::ProtoVarintTooLong,
    );
    // The largest u64 is fine as a uint64 (the account number) ...
    let max = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01];
    assert_eq!(d(&cat(&[head, fs(3, "milkyway"), vec![0x20], max.to_vec()])), Ok(()));
    // ... but not as a uint32 id, which Go would truncate.
    is(d(&with_msg(join(&[fs(1, ME), fv(2, u64::MAX)]))), Error::ValueOutOfRange);
}

#[test]
fn trailing_bytes_and_truncated_lengths() {
    let tr = Error::ProtoTruncated;
    let good = doc(body(&[send()], &[]), good_auth(), &[]);
    // bytes after the SignDoc: a key without its value, a lone continuation byte, a
    // zero byte (field number 0)
    is(d(&cat(&[good.clone(), vec![0x08]])), tr);
    is(d(&cat(&[good.clone(), vec![0x80]])), tr);
    is(d(&cat(&[good.clone(), vec![0x00]])), Error::ProtoFieldZero);
    // ... at the end of the body, of the auth info, of a message, of a coin
    is(d(&doc(body(&[send()], &[vec![0x10]]), good_auth(), &[])), tr);
    is(d(&doc(body(&[send()], &[]), auth(signer(&[]), fee(&[]), &[vec![0x12]]), &[])), tr);
    let mut m = cat(&[fs(1, ME), fs(2, OTHER)]);
    m.push(0x1a);
    is(d(&with_msg(any("/cosmos.bank.v1beta1.MsgSend", &m))), tr);
    let mut c = coin("umilk", "1");
    c.push(0x12);
    is(d(&with_msg(any("/cosmos.bank.v1beta1.MsgSend", &cat(&[fs(1, ME), fb(3, &c)])))), tr);
    // a length running past the end: of the SignDoc, inside the body, inside a message
    let mut past = good.clone();
    past.extend([0x1a, 0x09, b'm']);
    is(d(&past), tr);
    let mut cut = fb(1, &body(&[send()], &[]));
    cut.truncate(cut.len() - 1);
    is(d(&cat(&[fb(2, &good_auth()), fs(3, "milkyway"), cut])), tr);
    is(d(&doc(body(&[send()], &[vec![0x12, 0x7f, b'x']]), good_auth(), &[])), tr);
    is(d(&with_msg(any("/cosmos.bank.v1beta1.MsgSend", &[0x0a, 0x40, b'm', b'i']))), tr);
    // a length that does not even fit a usize on 32 bits
    is(
        d(&with_msg(any("/cosmos.bank.v1beta1.MsgSend", &[0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]))),
        tr,
    );
    // Amino: bytes after the document, a document cut short
    let ok = amino_doc(SEND_JSON, "");
    is_json(a(&format!("{ok}x")), JsonError::TrailingBytes { at: 0 });
    is_json(a(&format!("{ok}{{}}")), JsonError::TrailingBytes { at: 0 });
    is_json(a(&ok[..ok.len() - 1]), JsonError::Truncated { at: 0 });
    is_json(a(&ok[..ok.find(r#""memo""#).unwrap() + 4]), JsonError::Truncated { at: 0 });
}

#[test]
fn invalid_utf8() {
    let bad = Error::InvalidUtf8;
    let b = || body(&[send()], &[]);
    let raw = |n: u32, bytes: &[u8]| fb(n, bytes);
    // chain id, memo, a type URL, a message string, a coin denom, the fee payer
    is(d(&cat(&[fb(1, &b()), fb(2, &good_auth()), raw(3, b"milky\xffway")])), bad);
    is(d(&doc(body(&[send()], &[raw(2, b"caf\xc3")]), good_auth(), &[])), bad);
    is(d(&with_msg(cat(&[raw(1, b"/cosmos.bank.v1beta1.MsgSend\xff")]))), bad);
    // overlong "/" and a UTF-8-encoded surrogate are not UTF-8 either
    is(d(&with_msg(any("/cosmos.bank.v1beta1.MsgSend", &raw(2, b"milk1\xc0\xaf")))), bad);
    is(d(&with_msg(any("/cosmos.bank.v1beta1.MsgSend", &raw(2, b"milk1\xed\xa0\x80")))), bad);
    is(
        d(&with_msg(any(
            "/cosmos.bank.v1beta1.MsgSend",
            &fb(3, &cat(&[raw(1, b"umil\xe9"), fs(2, "1")])),
        ))),
        bad,
    );
    is(d(&doc(b(), auth(signer(&[]), fee(&[raw(3, b"\xfe")]), &[]), &[])), bad);
    // the JSON bytes of a wasm execute
    let exec = any(
        "/cosmwasm.wasm.v1.MsgExecuteContract",
        &cat(&[fs(1, ME), fs(2, OTHER), raw(3, b"{\"a\":\"\xff\"}")]),
    );
    is(d(&with_msg(exec)), Error::ContractMsg(JsonError::InvalidUtf8 { at: 6 }));
    // Amino: anywhere in the document
    let ok = amino_doc(SEND_JSON, "");
    let mut bytes = ok.clone().into_bytes();
    let at = ok.find("milk1b").unwrap() + 4;
    bytes[at] = 0xff;
    is_json(decode(&bytes, SignMode::AminoJson).map(|_| ()), JsonError::InvalidUtf8 { at: 0 });
    let mut bytes = ok.clone().into_bytes();
    bytes.splice(at..at + 1, [0xc0, 0xaf]);
    is_json(decode(&bytes, SignMode::AminoJson).map(|_| ()), JsonError::InvalidUtf8 { at: 0 });
}

#[test]
fn non_canonical_json() {
    let ok = amino_doc(SEND_JSON, "");
    assert_eq!(a(&ok), Ok(()));
    // unsorted keys: at the root, in the fee, in a coin, in a message, in a nested object
    let unsorted = JsonError::KeysNotSorted { at: 0 };
    is_json(
        a(&swap(&ok, r#""memo":"","msgs""#, r#""msgs""#).replacen(
            r#""sequence""#,
            r#""memo":"","sequence""#,
            1,
        )),
        unsorted,
    );
    is_json(
        a(&swap(
            &ok,
            r#""amount":[{"amount":"5000","denom":"umilk"}],"gas":"200000""#,
            r#""gas":"200000","amount":[{"amount":"5000","denom":"umilk"}]"#,
        )),
        unsorted,
    );
    is_json(
        a(&swap(
            &ok,
            r#"{"amount":"5000","denom":"umilk"}"#,
            r#"{"denom":"umilk","amount":"5000"}"#,
        )),
        unsorted,
    );
    is_json(
        a(&amino_doc(
            &swap(
                SEND_JSON,
                r#""from_address":"milk1a","to_address":"milk1b""#,
                r#""to_address":"milk1b","from_address":"milk1a""#,
            ),
            "",
        )),
        unsorted,
    );
    is_json(
        a(&amino_doc(
            &swap(SEND_JSON, r#"{"type":"cosmos-sdk/MsgSend","value":"#, r#"{"value":"#).replacen(
                "}}",
                r#"},"type":"cosmos-sdk/MsgSend"}"#,
                1,
            ),
            "",
        )),
        unsorted,
    );
    // whitespace between tokens, before and after the document, a pretty-printed one
    let ws = JsonError::Whitespace { at: 0 };
    is_json(a(&swap(&ok, r#""memo":"""#, r#""memo": """#)), ws);
    is_json(a(&swap(&ok, r#","msgs""#, ",\n\"msgs\"")), ws);
    is_json(a(&format!(" {ok}")), ws);
    is_json(a(&format!("{ok}\n")), ws);
    is_json(a(&swap(&ok, r#"{"amount":"5000""#, "{\t\"amount\":\"5000\"")), ws);
    // bad escapes, a raw control character, a lone surrogate, NUL
    is_json(a(&amino_doc(SEND_JSON, r"\x41")), JsonError::InvalidEscape { at: 0 });
    is_json(a(&amino_doc(SEND_JSON, r"\u12G4")), JsonError::InvalidEscape { at: 0 });
    is_json(a(&amino_doc(SEND_JSON, r"\U0041")), JsonError::InvalidEscape { at: 0 });
    is_json(a(&amino_doc(SEND_JSON, r"\'")), JsonError::InvalidEscape { at: 0 });
    is_json(a(&amino_doc(SEND_JSON, "tab\there")), JsonError::ControlCharacter { at: 0 });
    is_json(a(&amino_doc(SEND_JSON, r"\ud800x")), JsonError::LoneSurrogate { at: 0 });
    is_json(a(&amino_doc(SEND_JSON, r"\udc00")), JsonError::LoneSurrogate { at: 0 });
    is_json(a(&amino_doc(SEND_JSON, r"a\u0000b")), JsonError::Nul { at: 0 });
    // numbers and literals outside the JSON grammar
    let join = |id: &str| {
        format!(
            r#"{{"type":"milkyway/MsgJoinService","value":{{"operator_id":{id},"sender":"milk1a","service_id":8}}}}"#
        )
    };
    is_json(a(&amino_doc(&join("04"), "")), JsonError::InvalidNumber { at: 0 });
    is_json(a(&amino_doc(&join("+4"), "")), JsonError::InvalidNumber { at: 0 });
    is_json(a(&amino_doc(&join("4."), "")), JsonError::InvalidNumber { at: 0 });
    is_json(a(&amino_doc(&join("nul"), "")), JsonError::InvalidLiteral { at: 0 });
    is_json(a(&amino_doc(&join("truex"), "")), JsonError::InvalidLiteral { at: 0 });
    // well-formed JSON numbers that are not the plain integer x/tx writes for a uint32
    is(a(&amino_doc(&join("4.0"), "")), Error::ValueOutOfRange);
    is(a(&amino_doc(&join("4e0"), "")), Error::ValueOutOfRange);
    is(a(&amino_doc(&join("-4"), "")), Error::ValueOutOfRange);
    is(a(&amino_doc(&join("4294967296"), "")), Error::ValueOutOfRange);
}

#[test]
fn numbers_where_strings_belong_and_the_reverse() {
    let ok = amino_doc(SEND_JSON, "");
    let ns = Error::JsonNumberForString;
    // uint64s of the document, the memo, the chain id, a coin amount (fee and message), an
    // address, the message type, a quoted uint64 in a message
    is(a(&swap(&ok, r#""account_number":"7""#, r#""account_number":7"#)), ns);
    is(a(&swap(&ok, r#""sequence":"3""#, r#""sequence":3"#)), ns);
    is(a(&swap(&ok, r#""gas":"200000""#, r#""gas":200000"#)), ns);
    is(a(&swap(&ok, r#""memo":"""#, r#""memo":0"#)), ns);
    is(a(&swap(&ok, r#""chain_id":"milkyway""#, r#""chain_id":1"#)), ns);
    is(a(&swap(&ok, r#""amount":"5000""#, r#""amount":5000"#)), ns);
    is(a(&amino_doc(&swap(SEND_JSON, r#""amount":"1""#, r#""amount":1"#), "")), ns);
    is(a(&amino_doc(&swap(SEND_JSON, r#""to_address":"milk1b""#, r#""to_address":1"#), "")), ns);
    is(a(&amino_doc(&swap(SEND_JSON, r#""type":"cosmos-sdk/MsgSend""#, r#""type":1"#), "")), ns);
    let vote = |id: &str, option: &str| {
        format!(
            r#"{{"type":"cosmos-sdk/v1/MsgVote","value":{{"option":{option},"proposal_id":{id},"voter":"milk1a"}}}}"#
        )
    };
    assert_eq!(a(&amino_doc(&vote(r#""12""#, "1"), "")), Ok(()));
    is(a(&amino_doc(&vote("12", "1"), "")), ns);
    // uint32 ids and enums are numbers, not strings
    let sn = Error::JsonStringForNumber;
    is(a(&amino_doc(&vote(r#""12""#, r#""1""#), "")), sn);
    is(a(&amino_doc(&vote(r#""12""#, r#""VOTE_OPTION_YES""#), "")), sn);
    let join = r#"{"type":"milkyway/MsgJoinService","value":{"operator_id":4,"sender":"milk1a","service_id":"8"}}"#;
    is(a(&amino_doc(join, "")), sn);
    // neither: booleans, objects, arrays and null where a string or a number belongs
    is(a(&swap(&ok, r#""memo":"""#, r#""memo":false"#)), Error::JsonExpectedString);
    is(a(&swap(&ok, r#""memo":"""#, r#""memo":null"#)), Error::JsonExpectedString);
    is(a(&amino_doc(&vote(r#""12""#, "true"), "")), Error::JsonExpectedNumber);
    is(a(&amino_doc(&vote(r#""12""#, "[1]"), "")), Error::JsonExpectedNumber);
    is(
        a(&swap(&ok, r#""msgs":["#, r#""msgs":{"x":["#).replacen(
            r#"],"sequence""#,
            r#"]},"sequence""#,
            1,
        )),
        Error::JsonExpectedArray,
    );
    is(
        a(&swap(&ok, r#""fee":{"#, r#""fee":[{"#).replacen(
            r#""gas":"200000"}"#,
            r#""gas":"200000"}]"#,
            1,
        )),
        Error::JsonExpectedObject,
    );
    is(a("[]"), Error::JsonExpectedObject);
    is(a(r#""x""#), Error::JsonExpectedObject);
}

#[test]
fn extension_options_critical_and_not() {
    let ext = Error::ExtensionOptions;
    let opt = fb(1023, &any("/cosmos.evm.v1.ExtensionOptionsEthereumTx", &[]));
    let non_critical = fb(2047, &any("/cosmos.tx.v1beta1.NonCritical", &[]));
    is(d(&doc(body(&[send()], &[opt]), good_auth(), &[])), ext);
    is(d(&doc(body(&[send()], &[non_critical]), good_auth(), &[])), ext);
    // even empty ones
    is(d(&doc(body(&[send()], &[fb(1023, &[])]), good_auth(), &[])), ext);
    is(d(&doc(body(&[send()], &[fb(2047, &[])]), good_auth(), &[])), ext);
    // Amino sign docs cannot carry them (x/tx refuses such transactions): any such key is unknown.
    let ok = amino_doc(SEND_JSON, "");
    is(a(&swap(&ok, r#""fee":"#, r#""extension_options":[],"fee":"#)), Error::UnknownField);
    is(
        a(&swap(&ok, r#""sequence":"#, r#""non_critical_extension_options":[],"sequence":"#)),
        Error::UnknownField,
    );
}

#[test]
fn exactly_one_single_key_direct_signer() {
    let b = || body(&[send()], &[]);
    // none, two
    is(d(&doc(b(), cat(&[fb(2, &fee(&[]))]), &[])), Error::NotOneSigner);
    is(
        d(&doc(b(), cat(&[fb(1, &signer(&[])), fb(1, &signer(&[])), fb(2, &fee(&[]))]), &[])),
        Error::NotOneSigner,
    );
    // a multisig key, a multisig mode info
    let multi_pk = any("/cosmos.crypto.multisig.LegacyAminoPubKey", &fv(1, 2));
    is(
        d(&doc(b(), auth(cat(&[fb(1, &multi_pk), fb(2, &mode_direct())]), fee(&[]), &[]), &[])),
        Error::MultisigNotSupported,
    );
    let multi_mode = fb(2, &fb(2, &[]));
    is(
        d(&doc(b(), auth(cat(&[fb(1, &pubkey()), multi_mode]), fee(&[]), &[]), &[])),
        Error::MultisigNotSupported,
    );
    // not SIGN_MODE_DIRECT (amino 127, textual 2, direct aux 3), or no mode at all
    for mode in [127, 2, 3, 0] {
        let s = cat(&[fb(1, &pubkey()), fb(2, &fb(1, &fv(1, mode)))]);
        is(d(&doc(b(), auth(s, fee(&[]), &[]), &[])), Error::SignModeMismatch);
    }
    is(d(&doc(b(), auth(fb(1, &pubkey()), fee(&[]), &[]), &[])), Error::SignModeMismatch);
    // a key that is not 33 bytes
    let short = any("/cosmos.crypto.secp256k1.PubKey", &fb(1, &[2; 32]));
    is(
        d(&doc(b(), auth(cat(&[fb(1, &short), fb(2, &mode_direct())]), fee(&[]), &[]), &[])),
        Error::ValueOutOfRange,
    );
    // a tip (deprecated)
    is(d(&doc(b(), auth(signer(&[]), fee(&[]), &[fb(3, &[])]), &[])), Error::TipNotSupported);
}

#[test]
fn chain_ids() {
    let b = || body(&[send()], &[]);
    for (chain, err) in
        [("0", Error::InvalidChainId), ("1", Error::InvalidChainId), ("", Error::MissingChainId)]
    {
        is(d(&cat(&[fb(1, &b()), fb(2, &good_auth()), fs(3, chain), fv(4, 7)])), err);
        let ok = amino_doc(SEND_JSON, "");
        is(a(&swap(&ok, r#""chain_id":"milkyway""#, &format!(r#""chain_id":"{chain}""#))), err);
    }
    // no chain id field at all; one that could not be shown as itself
    is(d(&cat(&[fb(1, &b()), fb(2, &good_auth()), fv(4, 7)])), Error::MissingChainId);
    is(d(&cat(&[fb(1, &b()), fb(2, &good_auth()), fs(3, "milky\nway")])), Error::InvalidChainId);
    is(
        d(&cat(&[fb(1, &b()), fb(2, &good_auth()), fs(3, "milkyw\u{430}y")])),
        Error::InvalidChainId,
    );
    let ok = amino_doc(SEND_JSON, "");
    is(
        a(&swap(&ok, r#""chain_id":"milkyway""#, r#""chain_id":"milkyw\u0430y""#)),
        Error::InvalidChainId,
    );
    is(a(&swap(&ok, r#""chain_id":"milkyway","#, "")), Error::JsonMissingField);
}

#[test]
fn amounts_in_both_modes() {
    let bad: &[(&str, Error)] = &[
        ("-1", Error::InvalidAmount),
        ("+1", Error::InvalidAmount),
        ("1.5", Error::InvalidAmount),
        ("1.0", Error::InvalidAmount),
        ("01", Error::InvalidAmount),
        ("00", Error::InvalidAmount),
        ("", Error::InvalidAmount),
        (" 1", Error::InvalidAmount),
        ("1 ", Error::InvalidAmount),
        ("1e3", Error::InvalidAmount),
        ("0x10", Error::InvalidAmount),
        ("1_000", Error::InvalidAmount),
        ("\u{ff11}", Error::InvalidAmount),
    ];
    let too_large = "1".repeat(79);
    let cases = bad.iter().copied().chain([(too_large.as_str(), Error::AmountTooLarge)]);
    for (amount, err) in cases {
        // a message coin and a fee coin, DIRECT
        let m = any(
            "/cosmos.bank.v1beta1.MsgSend",
            &cat(&[fs(1, ME), fs(2, OTHER), fb(3, &coin("umilk", amount))]),
        );
        is(d(&direct_doc(&[m], "")), err);
        let f = cat(&[fb(1, &coin("umilk", amount)), fv(2, 200000)]);
        is(d(&doc(body(&[send()], &[]), auth(signer(&[]), f, &[]), &[])), err);
        // the same in Amino (JSON-escaped where needed)
        let json_amount = amount.replace('\u{ff11}', r"\uff11");
        let m = swap(SEND_JSON, r#""amount":"1""#, &format!(r#""amount":"{json_amount}""#));
        is(a(&amino_doc(&m, "")), err);
        let ok = amino_doc(SEND_JSON, "");
        is(a(&swap(&ok, r#""amount":"5000""#, &format!(r#""amount":"{json_amount}""#))), err);
    }
    // Zero, and the largest 256-bit-sized Int, are plain non-negative integers.
    for amount in ["0", &"9".repeat(78)] {
        let m = any(
            "/cosmos.bank.v1beta1.MsgSend",
            &cat(&[fs(1, ME), fs(2, OTHER), fb(3, &coin("umilk", amount))]),
        );
        assert_eq!(d(&direct_doc(&[m], "")), Ok(()), "{amount}");
        let m = swap(SEND_JSON, r#""amount":"1""#, &format!(r#""amount":"{amount}""#));
        assert_eq!(a(&amino_doc(&m, "")), Ok(()), "{amount}");
    }
    // Coins inside nested and special places: a delegation, an IBC token, wasm funds.
    let m = any(
        "/cosmos.staking.v1beta1.MsgDelegate",
        &cat(&[fs(1, ME), fs(2, OTHER), fb(3, &coin("umilk", "-5"))]),
    );
    is(d(&direct_doc(&[m], "")), Error::InvalidAmount);
    let t = any(
        "/ibc.applications.transfer.v1.MsgTransfer",
        &cat(&[fs(1, "transfer"), fs(2, "channel-1"), fb(3, &coin("umilk", "1.5"))]),
    );
    is(d(&direct_doc(&[t], "")), Error::InvalidAmount);
    let w = any(
        "/cosmwasm.wasm.v1.MsgExecuteContract",
        &cat(&[fs(1, ME), fs(2, OTHER), fb(3, b"{}"), fb(5, &coin("umilk", "007"))]),
    );
    is(d(&direct_doc(&[w], "")), Error::InvalidAmount);
}

#[test]
fn nesting_deeper_than_the_bound() {
    // authz MsgExec inside MsgExec: five levels of MsgExec around a message are shown,
    // six are refused, in both modes.
    let join_any = join(&[fs(1, ME), fv(2, 4), fv(3, 8)]);
    let join_json = r#"{"type":"milkyway/MsgJoinService","value":{"operator_id":4,"sender":"milk1a","service_id":8}}"#.to_string();
    let nest = |levels: usize| {
        let (mut p, mut j) = (join_any.clone(), join_json.clone());
        for _ in 0..levels {
            p = exec(&[p]);
            j = format!(
                r#"{{"type":"cosmos-sdk/MsgExec","value":{{"grantee":"{ME}","msgs":[{j}]}}}}"#
            );
        }
        (p, j)
    };
    let (p, j) = nest(5);
    assert_eq!(d(&with_msg(p)), Ok(()));
    assert_eq!(a(&amino_doc(&j, "")), Ok(()));
    let (p, j) = nest(6);
    is(d(&with_msg(p)), Error::NestingTooDeep);
    is(a(&amino_doc(&j, "")), Error::NestingTooDeep);
    // Deeper still, the JSON reader's own bound refuses the document first.
    let (p, j) = nest(8);
    is(d(&with_msg(p)), Error::NestingTooDeep);
    is_json(a(&amino_doc(&j, "")), JsonError::NestingTooDeep { at: 0 });
    // A wasm execute message: 16 levels of objects are read, 17 are refused, in both
    // modes alike (the Amino document around it could hold a few more levels).
    let wasm = |levels: usize| {
        let deep = format!("{}1{}", r#"{"a":"#.repeat(levels), "}".repeat(levels));
        let w = any(
            "/cosmwasm.wasm.v1.MsgExecuteContract",
            &cat(&[fs(1, ME), fs(2, OTHER), fb(3, deep.as_bytes())]),
        );
        let wj = format!(
            r#"{{"type":"wasm/MsgExecuteContract","value":{{"contract":"{OTHER}","funds":[],"msg":{deep},"sender":"{ME}"}}}}"#
        );
        (direct_doc(&[w], ""), amino_doc(&wj, ""))
    };
    let (p, j) = wasm(16);
    assert_eq!(d(&p), Ok(()));
    assert_eq!(a(&j), Ok(()));
    // (The 17th object opens at byte 16 * 5 of the message.)
    let too_deep = Error::ContractMsg(JsonError::NestingTooDeep { at: 80 });
    for levels in [17, 20] {
        let (p, j) = wasm(levels);
        is(d(&p), too_deep);
        is(a(&j), too_deep);
    }
    // Deeper than the whole document may be: the JSON reader refuses it first.
    let (p, j) = wasm(30);
    is(d(&p), too_deep);
    is_json(a(&j), JsonError::NestingTooDeep { at: 0 });
}

#[test]
fn rates_that_are_not_what_the_chain_carries() {
    // OperatorParams.commission_rate: a LegacyDec integer x10^18 in both encodings.
    let params = |rate: &str| {
        any(
            "/milkyway.operators.v1.MsgSetOperatorParams",
            &cat(&[fs(1, ME), fv(2, 1), fb(3, &fs(1, rate))]),
        )
    };
    let params_json = |rate: &str| {
        format!(
            r#"{{"type":"milkyway/MsgSetOperatorParams","value":{{"operator_id":1,"params":{{"commission_rate":"{rate}"}},"sender":"{ME}"}}}}"#
        )
    };
    for rate in ["0.1", "-1", "01", "1e18"] {
        is(d(&with_msg(params(rate))), Error::InvalidAmount);
        is(a(&amino_doc(&params_json(rate), "")), Error::InvalidAmount);
    }
    // An empty string on the wire is no rate; in Amino it would have been left out.
    is(d(&with_msg(params(""))), Error::InvalidAmount);
    is(a(&amino_doc(&params_json(""), "")), Error::JsonDefaultPresent);
    // v1beta1 weights: integer x10^18 on the wire, exactly 18 decimals in Amino.
    let weighted = |w: &str| {
        format!(
            r#"{{"type":"cosmos-sdk/MsgVoteWeighted","value":{{"options":[{{"option":1,"weight":"{w}"}}],"proposal_id":"1","voter":"{ME}"}}}}"#
        )
    };
    assert_eq!(a(&amino_doc(&weighted("1.000000000000000000"), "")), Ok(()));
    for w in
        ["1", "1.0", "0.5", "1000000000000000000", "1.0000000000000000000", ".500000000000000000"]
    {
        is(a(&amino_doc(&weighted(w), "")), Error::InvalidDecimal);
    }
    let wire = |w: &str| {
        any(
            "/cosmos.gov.v1beta1.MsgVoteWeighted",
            &cat(&[fv(1, 1), fs(2, ME), fb(3, &cat(&[fv(1, 1), fs(2, w)]))]),
        )
    };
    is(d(&with_msg(wire("0.5"))), Error::InvalidAmount);
    // v1 weights: a plain decimal in both encodings.
    let v1 = |w: &str| {
        any(
            "/cosmos.gov.v1.MsgVoteWeighted",
            &cat(&[fv(1, 1), fs(2, ME), fb(3, &cat(&[fv(1, 1), fs(2, w)]))]),
        )
    };
    for w in ["5e-1", ".5", "1.", "-0.5", "0,5"] {
        is(d(&with_msg(v1(w))), Error::InvalidDecimal);
    }
    // An enum value outside the enum (or its unspecified 0) is not shown as a number.
    is(
        d(&with_msg(any("/cosmos.gov.v1.MsgVote", &cat(&[fv(1, 1), fs(2, ME), fv(3, 5)])))),
        Error::ValueOutOfRange,
    );
    is(
        d(&with_msg(any("/cosmos.gov.v1.MsgVote", &cat(&[fv(1, 1), fs(2, ME), fv(3, 0)])))),
        Error::ValueOutOfRange,
    );
    let vote = format!(
        r#"{{"type":"cosmos-sdk/v1/MsgVote","value":{{"option":9,"proposal_id":"1","voter":"{ME}"}}}}"#
    );
    is(a(&amino_doc(&vote, "")), Error::ValueOutOfRange);
}
