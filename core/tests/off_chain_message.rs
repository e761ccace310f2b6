//! ADR-036 off-chain messages: the exact document cosmjs and Keplr's `signArbitrary` sign
//! (Keplr `makeADR36AminoSignDoc`, checked by its `checkAndValidateADR36AminoSignDoc`;
//! cosmos-sdk ADR-036) is reviewed as "Sign message" with the signer and the data; every
//! lookalike is refused, whatever the settings; the signer must be this key's address.
//! Asserted on the SIGN flow the device runs.

mod common;
use common::*;
use milkyway_core::adr036;
use milkyway_core::session::Policy;
use milkyway_core::sign_flow::{Answer, Kind};
use milkyway_core::{Error, SignMode};

/// The signer of Keplr's own ADR-036 test vectors.
const SIGNER: &str = "osmo1ymk637a7wljvt4w7q9lnrw95mg9sr37yatxd9h";

/// The document makeADR36AminoSignDoc + serializeSignDoc produce (sorted keys, compact).
fn doc(data_b64: &str) -> String {
    doc_with(
        &format!(r#"{{"data":"{data_b64}","signer":"{SIGNER}"}}"#),
        "0",
        "0",
        "",
        "",
        r#"{"amount":[],"gas":"0"}"#,
    )
}

fn doc_with(
    value: &str,
    account: &str,
    sequence: &str,
    chain: &str,
    memo: &str,
    fee: &str,
) -> String {
    format!(
        r#"{{"account_number":"{account}","chain_id":"{chain}","fee":{fee},"memo":"{memo}","msgs":[{{"type":"sign/MsgSignData","value":{value}}}],"sequence":"{sequence}"}}"#
    )
}

/// The review of a document signed by a device whose key is `signer`'s: its screens
/// between "Review message" and "Sign message?", the same under every setting, or the
/// refusal's reason.
fn screens_for(json: &str, signer: &str) -> Result<Vec<String>, String> {
    dump_sign_doc(json.as_bytes(), SignMode::AminoJson);
    let mut first: Option<Result<Vec<String>, String>> = None;
    for policy in [
        Policy { expert: false, blind_signing: false },
        Policy { expert: true, blind_signing: true },
    ] {
        let mut dev = Recorder::owning(signer);
        let req = Req { policy, ..Req::new(None, Some(SignMode::AminoJson)) };
        let got = match sign_doc_flow(&mut dev, req, json.as_bytes(), 250).answer {
            Answer::Approved { hash, kind: Kind::Message, .. } => {
                assert_eq!(hash, milkyway_core::sha256::sha256(json.as_bytes()));
                let log = &dev.log;
                assert_eq!(log.first().map(String::as_str), Some("held Message: Review message"));
                assert_eq!(log.last().map(String::as_str), Some("finish: Sign message?"));
                Ok(log[1..log.len() - 1].to_vec())
            }
            Answer::Refused { refusal, .. } => Err(refusal.reason.to_string()),
            other => panic!("not a message review: {other:?} {:?}", dev.log),
        };
        // Neither expert mode nor blind signing changes what a message is.
        if let Some(f) = &first {
            assert_eq!(f, &got, "{json}");
        }
        first = Some(got);
    }
    first.unwrap()
}

/// [`screens_for`] on the device whose key is `SIGNER`'s.
fn screens(json: &str) -> Result<Vec<String>, String> {
    screens_for(json, SIGNER)
}

#[test]
fn keplr_vectors_are_shown_as_messages() {
    // Keplr's vectors: "random" and [1, 2, 3]; base64 from the test's Buffer.toString.
    assert_eq!(
        screens(&doc("cmFuZG9t")).unwrap(),
        [format!("Signer: {SIGNER}"), "Message: random".to_string()]
    );
    // Not text: its length and SHA-256 (Python: hashlib.sha256(bytes([1,2,3]))).
    assert_eq!(
        screens(&doc("AQID")).unwrap(),
        [
            format!("Signer: {SIGNER}"),
            "Message: 3 bytes, not text".to_string(),
            "Message SHA-256: 039058C6F2C0CB492C533B0A4D14EF77CC0F78ABCCCED5287D84A1A2011CFB81"
                .to_string(),
        ]
    );
    // Text with a line break and a non-ASCII character ("Héllo\nworld"), shown escaped.
    assert_eq!(
        screens(&doc("SMOpbGxvCndvcmxk")).unwrap(),
        [format!("Signer: {SIGNER}"), "Message: H\\u{00E9}llo\\nworld".to_string()]
    );
    // Invalid UTF-8 (0xC3 alone) is not text.
    let shown = screens(&doc("SMM=")).unwrap();
    assert_eq!(shown[1], "Message: 2 bytes, not text");
}

#[test]
fn lookalikes_are_refused() {
    let shape = Error::OffChainShape.reason().to_string();
    let value = format!(r#"{{"data":"cmFuZG9t","signer":"{SIGNER}"}}"#);
    let fee0 = r#"{"amount":[],"gas":"0"}"#;
    for (what, json) in [
        ("a sequence", doc_with(&value, "0", "1", "", "", fee0)),
        ("an account number", doc_with(&value, "1", "0", "", "", fee0)),
        ("a chain id", doc_with(&value, "0", "0", "milkyway", "", fee0)),
        ("a memo", doc_with(&value, "0", "0", "", "hi", fee0)),
        ("gas", doc_with(&value, "0", "0", "", "", r#"{"amount":[],"gas":"1"}"#)),
        (
            "a fee",
            doc_with(
                &value,
                "0",
                "0",
                "",
                "",
                r#"{"amount":[{"amount":"1","denom":"umilk"}],"gas":"0"}"#,
            ),
        ),
        (
            "a fee payer",
            doc_with(
                &value,
                "0",
                "0",
                "",
                "",
                &format!(r#"{{"amount":[],"gas":"0","payer":"{SIGNER}"}}"#),
            ),
        ),
        (
            "another value key",
            doc_with(
                &format!(r#"{{"data":"cmFuZG9t","extra":"x","signer":"{SIGNER}"}}"#),
                "0",
                "0",
                "",
                "",
                fee0,
            ),
        ),
        ("no signer", doc_with(r#"{"data":"cmFuZG9t"}"#, "0", "0", "", "", fee0)),
    ] {
        assert_eq!(screens(&json), Err(shape.clone()), "{what}");
    }
    // Two messages, or a message of a transaction beside it.
    let two = doc("cmFuZG9t").replace(
        r#"}],"sequence""#,
        &format!(r#"}},{{"type":"sign/MsgSignData","value":{value}}}],"sequence""#),
    );
    assert_eq!(screens(&two), Err(shape.clone()));
    let with_send = doc("cmFuZG9t").replace(
        r#"}],"sequence""#,
        &format!(r#"}},{{"type":"cosmos-sdk/MsgSend","value":{{"from_address":"{SIGNER}"}}}}],"sequence""#),
    );
    // (Refused at that message, an empty chain id being no transaction's.)
    assert_eq!(screens(&with_send), Err(Error::MissingChainId.reason().to_string()));
    // A timeout height.
    let timeout =
        doc("cmFuZG9t").replace(r#""sequence":"0"}"#, r#""sequence":"0","timeout_height":"5"}"#);
    assert_eq!(screens(&timeout), Err(shape));
    // Data: empty, not base64 (Keplr's "sc12v"), not canonical.
    for data in ["", "sc12v", "cmFuZG9=", "cmFu ZG9t"] {
        assert_eq!(screens(&doc(data)), Err(Error::OffChainData.reason().to_string()), "{data:?}");
    }
    // A signer that is no address.
    let bad_signer =
        doc_with(r#"{"data":"cmFuZG9t","signer":"Not An Address"}"#, "0", "0", "", "", fee0);
    assert_eq!(screens(&bad_signer), Err(Error::OffChainSigner.reason().to_string()));
}

#[test]
fn the_signer_must_be_this_keys_address() {
    let json = doc("cmFuZG9t");
    let signer = Error::OffChainSigner.reason().to_string();
    // Another key's device refuses it.
    assert_eq!(screens_for(&json, &address_of("osmo", &[9; 20])), Err(signer.clone()));
    // This key's address under another prefix is this key's too (the signer's own
    // prefix is used), so it is shown.
    let cosmos = address_of("cosmos", &address_bytes(SIGNER));
    let as_cosmos = json.replace(SIGNER, &cosmos);
    assert_eq!(screens(&as_cosmos).unwrap()[0], format!("Signer: {cosmos}"));
    // A signer whose checksum is wrong is not this key's address.
    let mut bad = SIGNER.to_string();
    bad.replace_range(bad.len() - 1.., "j");
    assert_eq!(screens(&json.replace(SIGNER, &bad)), Err(signer));
}

#[test]
fn a_transaction_is_not_a_message() {
    // The usual documents are not affected.
    let tx = amino_doc(
        &format!(
            r#"{{"type":"cosmos-sdk/MsgSend","value":{{"amount":[],"from_address":"{ME}","to_address":"{OTHER}"}}}}"#
        ),
        "",
    );
    assert!(adr036::detect(tx.as_bytes()).is_none());
    assert!(adr036::detect(b"not json").is_none());
}
