//! Every refusal rule with a minimal vector and the exact reason.

mod common;
use common::*;
use milkyway_core::{decode, Error, SignMode};

fn send() -> Vec<u8> {
    any("/cosmos.bank.v1beta1.MsgSend", &cat(&[fs(1, ME), fs(2, OTHER), fb(3, &coin("umilk", "1"))]))
}

fn d(bytes: &[u8]) -> Result<(), Error> {
    decode(bytes, SignMode::Direct).map(|_| ())
}

fn a(json: &str) -> Result<(), Error> {
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
    for (chain, err) in [("0", Error::InvalidChainId), ("1", Error::InvalidChainId), ("", Error::MissingChainId)] {
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
        let m = any("/cosmos.bank.v1beta1.MsgSend", &cat(&[fs(1, ME), fs(2, OTHER), fb(3, &coin("umilk", amount))]));
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
    assert_eq!(a(&ok.replacen(r#"{"account_number""#, r#"{"a":"1","account_number""#, 1)), Err(Error::UnknownField));
    // missing memo
    assert_eq!(a(&ok.replacen(r#""memo":"","#, "", 1)), Err(Error::JsonMissingField));
    // uint64 as a number
    assert_eq!(a(&ok.replacen(r#""sequence":"3""#, r#""sequence":3"#, 1)), Err(Error::JsonNumberForString));
    // uint32 id as a string
    let join = r#"{"type":"milkyway/MsgJoinService","value":{"operator_id":"4","sender":"milk1a","service_id":8}}"#;
    assert_eq!(a(&amino_doc(join, "")), Err(Error::JsonStringForNumber));
    // a default value that x/tx would omit
    let zero = r#"{"type":"milkyway/MsgJoinService","value":{"operator_id":0,"sender":"milk1a","service_id":8}}"#;
    assert_eq!(a(&amino_doc(zero, "")), Err(Error::JsonDefaultPresent));
    // dont_omitempty field missing
    let no_amount = r#"{"type":"cosmos-sdk/MsgSend","value":{"from_address":"milk1a","to_address":"milk1b"}}"#;
    assert_eq!(a(&amino_doc(no_amount, "")), Err(Error::JsonMissingField));
    // Go legacy amino name instead of the proto one
    let go_name = r#"{"type":"milkyway/MsgCreateService","value":{"name":"x","sender":"milk1a"}}"#;
    assert_eq!(a(&amino_doc(go_name, "")), Err(Error::UnknownMessage));
    // unknown field in a message
    let extra = SEND_JSON.replacen(r#""to_address":"milk1b""#, r#""to_address":"milk1b","zzz":"x""#, 1);
    assert_eq!(a(&amino_doc(&extra, "")), Err(Error::UnknownField));
    // chain id "1"
    assert_eq!(a(&ok.replacen(r#""chain_id":"milkyway""#, r#""chain_id":"1""#, 1)), Err(Error::InvalidChainId));
    // a NUL escaped in a memo, whitespace, unsorted keys
    assert!(matches!(a(&amino_doc(SEND_JSON, "a\\u0000b")), Err(Error::Json(_))));
    assert!(matches!(a(&ok.replacen(r#","memo""#, r#", "memo""#, 1)), Err(Error::Json(_))));
    assert!(matches!(
        a(&ok.replacen(r#""account_number":"7","chain_id":"milkyway""#, r#""chain_id":"milkyway","account_number":"7""#, 1)),
        Err(Error::Json(_))
    ));
}

#[test]
fn message_count_limit() {
    let many: Vec<Vec<u8>> = (0..33).map(|_| send()).collect();
    assert_eq!(d(&direct_doc(&many, "")), Err(Error::TooManyMessages));
    let ok: Vec<Vec<u8>> = (0..32).map(|_| send()).collect();
    assert_eq!(d(&direct_doc(&ok, "")), Ok(()));
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
    assert!(memo[0].starts_with("Memo (1/3): xxx") && memo[2] == &format!("Memo (3/3): {}", "x".repeat(50)));
}
