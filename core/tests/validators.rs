//! staking `MsgCreateValidator` / `MsgEditValidator` and slashing `MsgUnjail`: one vector
//! per sign mode written out by hand, the same screens from both; and the documents the
//! device must refuse.

mod common;
use common::*;
use milkyway_core::Error;

const TAIL: [&str; 2] = ["Chain: MilkyWay", "Fees: 0.005 MILK"];
const VALOPER: &str = "milkvaloper1mevswxr8d9r0w0vd6d0ds7k4qh0xmdma9l2rxc";
const ED25519_URL: &str = "/cosmos.crypto.ed25519.PubKey";

/// The consensus key of the vectors: bytes 1..=32. Its base64 and the first 20 bytes of
/// its SHA-256 were computed apart from this code (Python `base64`, `hashlib`).
fn key() -> Vec<u8> {
    (1u8..=32).collect()
}
const KEY_B64: &str = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";
const KEY_FINGERPRINT: &str = "ed25519, SHA-256 AE216C2EF5247A3782C135EFA279A3E4CDC61094";

fn both(type_url: &str, body: Vec<u8>, amino_msg: &str, expected: &[&str]) {
    let mut want = lines(expected);
    want.extend(lines(&TAIL));
    let d = direct(&direct_doc(&[any(type_url, &body)], ""))
        .unwrap_or_else(|e| panic!("direct {type_url}: {e}"));
    assert_eq!(d, want, "DIRECT {type_url}");
    let a = amino(&amino_doc(amino_msg, "")).unwrap_or_else(|e| panic!("amino {type_url}: {e}"));
    assert_eq!(a, want, "AMINO {type_url}");
}

fn refused_both(type_url: &str, body: Vec<u8>, amino_msg: &str, why: Error) {
    assert_eq!(direct(&direct_doc(&[any(type_url, &body)], "")), Err(why), "DIRECT");
    assert_eq!(amino(&amino_doc(amino_msg, "")), Err(why), "AMINO");
}

fn description(moniker: &str, website: &str) -> Vec<u8> {
    cat(&[fs(1, moniker), fs(3, website)])
}

fn create_body(rate: &str, pubkey: Vec<u8>) -> Vec<u8> {
    cat(&[
        fb(1, &description("Nebula", "https://nebula.example")),
        fb(2, &cat(&[fs(1, rate), fs(2, "200000000000000000"), fs(3, "10000000000000000")])),
        fs(3, "1000000"),
        fs(4, ME),
        fs(5, VALOPER),
        fb(6, &pubkey),
        fb(7, &coin("umilk", "5000000")),
    ])
}

fn create_amino(rate: &str, pubkey: &str) -> String {
    format!(
        r#"{{"type":"cosmos-sdk/MsgCreateValidator","value":{{"commission":{{"max_change_rate":"0.010000000000000000","max_rate":"0.200000000000000000","rate":"{rate}"}},"delegator_address":"{ME}","description":{{"moniker":"Nebula","website":"https://nebula.example"}},"min_self_delegation":"1000000","pubkey":{pubkey},"validator_address":"{VALOPER}","value":{{"amount":"5000000","denom":"umilk"}}}}}}"#
    )
}

fn amino_key(kind: &str, b64: &str) -> String {
    format!(r#"{{"type":"{kind}","value":"{b64}"}}"#)
}

#[test]
fn create_validator() {
    both(
        "/cosmos.staking.v1beta1.MsgCreateValidator",
        create_body("50000000000000000", any(ED25519_URL, &fb(1, &key()))),
        &create_amino("0.050000000000000000", &amino_key("tendermint/PubKeyEd25519", KEY_B64)),
        &[
            "Action: Create validator",
            "Moniker: Nebula",
            "Website: https://nebula.example",
            "Commission rate: 5%",
            "Max commission: 20%",
            "Max daily change: 1%",
            "Min self delegation: 1 MILK",
            &format!("Validator: {VALOPER}"),
            &format!("Consensus key: {KEY_FINGERPRINT}"),
            "Self delegation: 5 MILK",
        ],
    );
    // A zero rate is shown, not left out (x/tx writes an empty LegacyDec as "0").
    both(
        "/cosmos.staking.v1beta1.MsgCreateValidator",
        create_body("", any(ED25519_URL, &fb(1, &key()))),
        &create_amino("0", &amino_key("tendermint/PubKeyEd25519", KEY_B64)),
        &[
            "Action: Create validator",
            "Moniker: Nebula",
            "Website: https://nebula.example",
            "Commission rate: 0%",
            "Max commission: 20%",
            "Max daily change: 1%",
            "Min self delegation: 1 MILK",
            &format!("Validator: {VALOPER}"),
            &format!("Consensus key: {KEY_FINGERPRINT}"),
            "Self delegation: 5 MILK",
        ],
    );
}

#[test]
fn create_validator_key_of_another_type_is_refused() {
    let url = "/cosmos.staking.v1beta1.MsgCreateValidator";
    let rate = "50000000000000000";
    let amino_rate = "0.050000000000000000";
    // A secp256k1 consensus key (CometBFT can have one; the device shows only ed25519).
    refused_both(
        url,
        create_body(rate, any("/cosmos.crypto.secp256k1.PubKey", &fb(1, &[2; 33]))),
        &create_amino(amino_rate, &amino_key("tendermint/PubKeySecp256k1", &"A".repeat(44))),
        Error::UnsupportedPubKey,
    );
    // An ed25519 key that is not 32 bytes.
    refused_both(
        url,
        create_body(rate, any(ED25519_URL, &fb(1, &[7; 31]))),
        &create_amino(
            amino_rate,
            &amino_key("tendermint/PubKeyEd25519", "BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBw=="),
        ),
        Error::UnsupportedPubKey,
    );
    // No key at all.
    let no_key = cat(&[
        fb(1, &description("Nebula", "")),
        fb(2, &cat(&[fs(1, rate)])),
        fs(3, "1"),
        fs(5, VALOPER),
        fb(7, &coin("umilk", "1")),
    ]);
    assert_eq!(direct(&direct_doc(&[any(url, &no_key)], "")), Err(Error::UnsupportedPubKey));
    // Base64 that is not canonical (a stray bit in the last character).
    let bad = KEY_B64.replace("A=", "B=");
    assert_eq!(
        amino(&amino_doc(
            &create_amino(amino_rate, &amino_key("tendermint/PubKeyEd25519", &bad)),
            ""
        )),
        Err(Error::UnsupportedPubKey)
    );
    // Another key inside the Any, or an unknown field in the key.
    let extra = any(ED25519_URL, &cat(&[fb(1, &key()), fv(2, 1)]));
    assert_eq!(
        direct(&direct_doc(&[any(url, &create_body(rate, extra))], "")),
        Err(Error::UnknownField)
    );
}

#[test]
fn edit_validator_shows_every_field() {
    // "[do-not-modify]" keeps a field, an empty one replaces it with nothing: both shown.
    let desc = cat(&[
        fs(1, "[do-not-modify]"),
        fs(2, "[do-not-modify]"),
        fs(3, "https://new.example"),
        fs(4, "[do-not-modify]"),
    ]);
    both(
        "/cosmos.staking.v1beta1.MsgEditValidator",
        cat(&[fb(1, &desc), fs(2, VALOPER), fs(3, "70000000000000000")]),
        &format!(
            r#"{{"type":"cosmos-sdk/MsgEditValidator","value":{{"commission_rate":"0.070000000000000000","description":{{"identity":"[do-not-modify]","moniker":"[do-not-modify]","security_contact":"[do-not-modify]","website":"https://new.example"}},"validator_address":"{VALOPER}"}}}}"#
        ),
        &[
            "Action: Edit validator",
            "Moniker: (unchanged)",
            "Identity: (unchanged)",
            "Website: https://new.example",
            "Security contact: (unchanged)",
            "Details: (set to empty)",
            &format!("Validator: {VALOPER}"),
            "Commission rate: 7%",
            "Min self delegation: (unchanged)",
        ],
    );
    both(
        "/cosmos.staking.v1beta1.MsgEditValidator",
        cat(&[fb(1, &[]), fs(2, VALOPER), fs(4, "2500000")]),
        &format!(
            r#"{{"type":"cosmos-sdk/MsgEditValidator","value":{{"description":{{}},"min_self_delegation":"2500000","validator_address":"{VALOPER}"}}}}"#
        ),
        &[
            "Action: Edit validator",
            "Moniker: (set to empty)",
            "Identity: (set to empty)",
            "Website: (set to empty)",
            "Security contact: (set to empty)",
            "Details: (set to empty)",
            &format!("Validator: {VALOPER}"),
            "Commission rate: (unchanged)",
            "Min self delegation: 2.5 MILK",
        ],
    );
}

#[test]
fn unjail() {
    both(
        "/cosmos.slashing.v1beta1.MsgUnjail",
        fs(1, VALOPER),
        &format!(r#"{{"type":"cosmos-sdk/MsgUnjail","value":{{"address":"{VALOPER}"}}}}"#),
        &["Action: Unjail validator", &format!("Validator: {VALOPER}")],
    );
    // `address` is dont_omitempty: x/tx writes it even when empty.
    assert_eq!(
        amino(&amino_doc(r#"{"type":"cosmos-sdk/MsgUnjail","value":{}}"#, "")),
        Err(Error::JsonMissingField)
    );
    // The Go field name is not the Amino one.
    assert_eq!(
        amino(&amino_doc(
            &format!(
                r#"{{"type":"cosmos-sdk/MsgUnjail","value":{{"validator_addr":"{VALOPER}"}}}}"#
            ),
            ""
        )),
        Err(Error::UnknownField)
    );
}

#[test]
fn min_self_delegation_on_an_unknown_chain_is_in_base_units() {
    let body = cat(&[fb(1, &[]), fs(2, VALOPER), fs(4, "2500000")]);
    let doc = sign_doc(
        &[any("/cosmos.staking.v1beta1.MsgEditValidator", &body)],
        "",
        &[fv(2, 200000)],
        "testchain-1",
        7,
        3,
    );
    let shown = direct(&doc).unwrap();
    assert!(shown.contains(&"Min self delegation: 2500000 (base units)".to_string()), "{shown:?}");
}

/// The review's title for the validator messages: the catalog title's verb, and no asset
/// for a creation (its self-delegation is not what it creates).
#[test]
fn intent_titles_name_the_validator_operation() {
    let titles = |msg: Vec<u8>| {
        let doc = direct_doc(&[msg], "");
        let tx = milkyway_core::decode(&doc, milkyway_core::SignMode::Direct).unwrap();
        let i = milkyway_core::intent(&tx).unwrap();
        let (mut review, mut sign) = (String::new(), String::new());
        i.write_review(&mut review).unwrap();
        i.write_sign(&mut sign).unwrap();
        (review, sign)
    };
    let create = any(
        "/cosmos.staking.v1beta1.MsgCreateValidator",
        &create_body("50000000000000000", any(ED25519_URL, &fb(1, &key()))),
    );
    assert_eq!(
        titles(create),
        (
            "Review transaction to create validator".to_string(),
            "Sign transaction to create validator?".to_string()
        )
    );
    let unjail = any("/cosmos.slashing.v1beta1.MsgUnjail", &fs(1, VALOPER));
    assert_eq!(titles(unjail).0, "Review transaction to unjail validator");
}
