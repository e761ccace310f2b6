//! Hyperlane warp `MsgRemoteTransfer`: the screens in words (token as its asset on its own
//! chain, destination by name, EVM recipient as 20 bytes, max fee, gas limit, custom hook)
//! in both sign modes, and the hostile cases the message opens.

mod common;
use common::*;
use milkyway_core::{Error, SignMode};

const TYPE_URL: &str = "/hyperlane.warp.v1.MsgRemoteTransfer";
const MILK_WARP: &str = "0x726f757465725f61707000000000000000000000000000010000000000000000";
const EVM: &str = "7b4bf9feccff207ef2cb7101ceb15b8516021acd";
const PADDED: &str = "0x0000000000000000000000007b4bf9feccff207ef2cb7101ceb15b8516021acd";
/// A 32-byte recipient that is no left-padded EVM address (one non-zero byte in the
/// first 12).
const FULL: &str = "0x0000000000000000000000017b4bf9feccff207ef2cb7101ceb15b8516021acd";
const HOOK: &str = "0x726f757465725f706f73745f6469737061746368000000000000000000000002";

/// The fields of one transfer, each `None` when left out.
#[derive(Clone)]
struct T {
    token: Option<&'static str>,
    domain: u64,
    recipient: Option<&'static str>,
    amount: Option<&'static str>,
    hook: Option<&'static str>,
    gas: Option<&'static str>,
    fee: (&'static str, &'static str),
    metadata: Option<&'static str>,
}

fn base() -> T {
    T {
        token: Some(MILK_WARP),
        domain: 56,
        recipient: Some(PADDED),
        amount: Some("2500000"),
        hook: None,
        gas: Some("0"),
        fee: ("umilk", "150000"),
        metadata: None,
    }
}

fn encode(t: &T) -> (Vec<u8>, String) {
    let mut p = fs(1, ME);
    let mut j: Vec<(&str, String)> = vec![("sender", format!("\"{ME}\""))];
    if let Some(v) = t.token {
        p.extend(fs(2, v));
        j.push(("token_id", format!("\"{v}\"")));
    }
    if t.domain != 0 {
        p.extend(fv(3, t.domain));
        j.push(("destination_domain", t.domain.to_string()));
    }
    if let Some(v) = t.recipient {
        p.extend(fs(4, v));
        j.push(("recipient", format!("\"{v}\"")));
    }
    if let Some(v) = t.amount {
        p.extend(fs(5, v));
    }
    j.push(("amount", format!("\"{}\"", t.amount.unwrap_or("0"))));
    if let Some(v) = t.hook {
        p.extend(fs(6, v));
        j.push(("custom_hook_id", format!("\"{v}\"")));
    }
    if let Some(v) = t.gas {
        p.extend(fs(7, v));
        j.push(("gas_limit", format!("\"{v}\"")));
    }
    p.extend(fb(8, &coin(t.fee.0, t.fee.1)));
    j.push(("max_fee", format!(r#"{{"amount":"{}","denom":"{}"}}"#, t.fee.1, t.fee.0)));
    if let Some(v) = t.metadata {
        p.extend(fs(9, v));
        j.push(("custom_hook_metadata", format!("\"{v}\"")));
    }
    j.sort();
    let value: Vec<String> = j.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
    let amino = format!(
        r#"{{"type":"hyperlane/warp/v1/MsgRemoteTransfer","value":{{{}}}}}"#,
        value.join(",")
    );
    (any(TYPE_URL, &p), amino)
}

/// Both modes on MilkyWay: the same screens (without fee and chain), or the same error.
fn both(t: &T) -> Result<Vec<String>, Error> {
    let (p, a) = encode(t);
    let d = direct(&direct_doc(&[p], ""));
    let j = amino(&amino_doc(&a, ""));
    assert_eq!(d, j, "DIRECT and Amino JSON disagree: {a}");
    d.map(|mut s| {
        s.truncate(s.len() - 2);
        s
    })
}

#[test]
fn milk_to_bsc() {
    assert_eq!(
        both(&base()).unwrap(),
        lines(&[
            "Action: Bridge with Hyperlane",
            "Amount: 2.5 MILK",
            &format!("To: 0x{EVM}"),
            "Destination: Binance Smart Chain (domain 56)",
            "Max fee: 0.15 MILK",
            "Gas limit: The route's default",
        ])
    );
}

#[test]
fn everything_optional_shown_when_present() {
    let t = T {
        recipient: Some(FULL),
        domain: 8453,
        hook: Some(HOOK),
        gas: Some("250000"),
        metadata: Some("0x00010203"),
        ..base()
    };
    assert_eq!(
        both(&t).unwrap(),
        lines(&[
            "Action: Bridge with Hyperlane",
            "Amount: 2.5 MILK",
            &format!("To: {FULL}"),
            "Destination: domain 8453",
            "Max fee: 0.15 MILK",
            "Gas limit: 250000",
            &format!("Custom hook: {HOOK}"),
            "Hook metadata: 0x00010203",
        ])
    );
}

#[test]
fn unknown_token_shows_its_id_and_base_units() {
    let other = "0x726f757465725f61707000000000000000000000000000010000000000000001";
    let s = both(&T { token: Some(other), ..base() }).unwrap();
    assert_eq!(s[1], "Amount: 2500000 units of the token below");
    assert_eq!(s[2], format!("Token: {other}"));
    // MILK's token id on another chain is no known token there.
    let (p, _) = encode(&base());
    let doc = sign_doc(&[p], "", &[fv(2, 1)], "osmosis-1", 1, 1);
    let s = screens(&doc, SignMode::Direct).unwrap();
    assert_eq!(s[1], "Amount: 2500000 units of the token below", "{s:?}");
}

#[test]
fn zero_or_missing_amount_is_shown_as_zero() {
    let s = both(&T { amount: None, ..base() }).unwrap();
    assert_eq!(s[1], "Amount: 0 MILK");
    let s = both(&T { amount: Some("0"), ..base() }).unwrap();
    assert_eq!(s[1], "Amount: 0 MILK");
}

#[test]
fn recipient_must_be_32_bytes_of_lower_case_hex() {
    for bad in [
        // 20 bytes, not padded to 32.
        "0x7b4bf9feccff207ef2cb7101ceb15b8516021acd",
        // 31 and 33 bytes.
        "0x00000000000000000000007b4bf9feccff207ef2cb7101ceb15b8516021acd",
        "0x000000000000000000000000007b4bf9feccff207ef2cb7101ceb15b8516021acd",
        // Upper case (the chain reads it, the device shows one form only).
        "0x0000000000000000000000007B4BF9FECCFF207EF2CB7101CEB15B8516021ACD",
        // No 0x, 0X, a non-hex digit, a bech32 address, empty.
        "000000000000000000000000007b4bf9feccff207ef2cb7101ceb15b8516021acd",
        "0X0000000000000000000000007b4bf9feccff207ef2cb7101ceb15b8516021acd",
        "0x0000000000000000000000007b4bf9feccff207ef2cb7101ceb15b8516021acg",
        "milk1qg5ega6dykkxc307y25pecuufrjkxkaggkkxh7nad0vhyhtuhw3ssgcye4",
    ] {
        assert_eq!(
            both(&T { recipient: Some(bad), ..base() }),
            Err(Error::InvalidHexAddress),
            "recipient {bad:?}"
        );
        assert_eq!(
            both(&T { token: Some(bad), ..base() }),
            Err(Error::InvalidHexAddress),
            "token {bad:?}"
        );
        assert_eq!(
            both(&T { hook: Some(bad), ..base() }),
            Err(Error::InvalidHexAddress),
            "hook {bad:?}"
        );
    }
}

#[test]
fn empty_strings_are_refused_in_both_modes() {
    // On the wire an explicitly empty address or integer is no valid value; in Amino JSON
    // x/tx would have left it out. Both refused (each mode with its own reason).
    for t in [
        T { recipient: Some(""), ..base() },
        T { token: Some(""), ..base() },
        T { hook: Some(""), ..base() },
        T { gas: Some(""), ..base() },
    ] {
        let (p, a) = encode(&t);
        assert!(direct(&direct_doc(&[p], "")).is_err(), "{a}");
        assert!(amino(&amino_doc(&a, "")).is_err(), "{a}");
    }
}

#[test]
fn amounts_and_gas_are_plain_integers() {
    for bad in ["-1", "1.5", "01", "1e6", " 1", "0x10", "+1"] {
        assert!(both(&T { amount: Some(bad), ..base() }).is_err(), "amount {bad:?}");
        assert!(both(&T { gas: Some(bad), ..base() }).is_err(), "gas {bad:?}");
    }
}

#[test]
fn duplicate_fields_and_amino_shape() {
    // A second recipient on the wire (protobuf's last one wins): refused.
    let inner = cat(&[
        fs(1, ME),
        fs(2, MILK_WARP),
        fv(3, 56),
        fs(4, PADDED),
        fs(4, FULL),
        fs(5, "1"),
        fb(8, &coin("umilk", "1")),
    ]);
    let body = any(TYPE_URL, &inner);
    assert_eq!(direct(&direct_doc(&[body], "")), Err(Error::DuplicateField));
    // Amino JSON without the dont_omitempty amount or max_fee: refused.
    let no_amount = format!(
        r#"{{"type":"hyperlane/warp/v1/MsgRemoteTransfer","value":{{"destination_domain":56,"max_fee":{{"amount":"1","denom":"umilk"}},"recipient":"{PADDED}","sender":"{ME}","token_id":"{MILK_WARP}"}}}}"#
    );
    assert_eq!(amino(&amino_doc(&no_amount, "")), Err(Error::JsonMissingField));
    // An empty hook id written out in Amino JSON (x/tx leaves it out): refused.
    let empty_hook = format!(
        r#"{{"type":"hyperlane/warp/v1/MsgRemoteTransfer","value":{{"amount":"1","custom_hook_id":"","destination_domain":56,"max_fee":{{"amount":"1","denom":"umilk"}},"recipient":"{PADDED}","sender":"{ME}","token_id":"{MILK_WARP}"}}}}"#
    );
    assert_eq!(amino(&amino_doc(&empty_hook, "")), Err(Error::JsonDefaultPresent));
}

/// The review's title: the bridge, without an asset (the maximum fee is the only coin
/// field, and it is not what is bridged).
#[test]
fn intent_title_names_the_bridge() {
    let (body, _) = encode(&base());
    let doc = direct_doc(&[body], "");
    let tx = milkyway_core::decode(&doc, milkyway_core::SignMode::Direct).unwrap();
    let i = milkyway_core::intent(&tx).unwrap();
    let (mut review, mut sign) = (String::new(), String::new());
    i.write_review(&mut review).unwrap();
    i.write_sign(&mut sign).unwrap();
    assert_eq!(review, "Review transaction to bridge with Hyperlane");
    assert_eq!(sign, "Sign transaction to bridge with Hyperlane?");
}
