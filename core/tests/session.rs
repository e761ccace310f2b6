//! The signing policy on the SIGN flow the device runs: which documents are
//! clear-signed, blind-signed or refused, and which prefix is the signer's own (its
//! signer fields are not shown).

mod common;
use common::*;
use milkyway_core::session::{Policy, Refusal, CHAIN_PREFIX_MISMATCH, UNKNOWN_CHAIN};
use milkyway_core::sign_flow::Answer;
use milkyway_core::{Error, SignMode};

/// The address of the recording device's key on MilkyWay.
fn own() -> String {
    address_of("milk", &Recorder::default().address)
}

/// Signs `bytes` in two chunks for the recording device's key; how it ended, and
/// the screens of its review.
fn sign(
    prefix: Option<&str>,
    mode: SignMode,
    bytes: &[u8],
    policy: Policy,
) -> (Result<&'static str, Refusal>, Vec<String>) {
    let mut dev = Recorder::default();
    let (head, tail) = bytes.split_at(bytes.len() / 2);
    let req = Req { policy, ..Req::new(prefix, Some(mode)) };
    let ended = sign_chunks(&mut dev, milkyway_core::review::NANOSP, req, &[head, tail]);
    if let Answer::Approved { hash, .. } = ended.answer {
        assert_eq!(hash, milkyway_core::sha256::sha256(bytes));
    }
    (outcome(&dev, ended), dev.log)
}

/// Whether the signer's field (the key's address under `milk`) was hidden: the own
/// prefix was `milk`.
fn own_hidden(log: &[String]) -> bool {
    let own = own();
    assert!(log.iter().any(|l| l.starts_with("Amount: ")), "no review: {log:?}");
    !log.iter().any(|l| l.contains(&own))
}

fn restake() -> Vec<u8> {
    any(
        "/milkyway.restaking.v1.MsgDelegatePool",
        &cat(&[fs(1, &own()), fb(2, &coin("umilk", "1000000"))]),
    )
}

fn doc_on(chain: &str) -> Vec<u8> {
    sign_doc(&[restake()], "", &[fb(1, &coin("umilk", "5000")), fv(2, 200000)], chain, 7, 3)
}

const NORMAL: Policy = Policy { expert: false, blind_signing: false };
const EXPERT: Policy = Policy { expert: true, blind_signing: false };
const BLIND: Policy = Policy { expert: false, blind_signing: true };

/// The restake of `doc_on` in Amino JSON, on `chain`.
fn amino_on(chain: &str) -> String {
    amino_doc(
        &format!(
            r#"{{"type":"milkyway/MsgDelegatePool","value":{{"amount":{{"amount":"1000000","denom":"umilk"}},"delegator":"{}"}}}}"#,
            own()
        ),
        "",
    )
    .replace(r#""chain_id":"milkyway""#, &format!(r#""chain_id":"{chain}""#))
}

#[test]
fn prefix_must_match_the_chain_unless_expert() {
    let doc = doc_on("milkyway");
    let amino = amino_on("milkyway");
    for (mode, bytes) in [(SignMode::Direct, &doc[..]), (SignMode::AminoJson, amino.as_bytes())] {
        let (ended, log) = sign(Some("milk"), mode, bytes, NORMAL);
        assert_eq!(ended, Ok("clear"), "{mode:?}");
        assert!(own_hidden(&log), "{mode:?}: {log:?}");
        let (ended, _) = sign(Some("osmo"), mode, bytes, NORMAL);
        assert_eq!(ended, Err(Refusal::reason(CHAIN_PREFIX_MISMATCH)), "{mode:?}");
    }
    // Expert mode signs an Amino JSON document, and the signer's own address is the one
    // for the prefix sent (osmo1…): the milk1… delegator is shown.
    let (ended, log) = sign(Some("osmo"), SignMode::AminoJson, amino.as_bytes(), EXPERT);
    assert_eq!(ended, Ok("clear"));
    assert!(!own_hidden(&log), "{log:?}");
    // A DIRECT one's messages were shown for the prefix's chain (Osmosis) before its
    // chain id came: refused at its end, expert mode or not.
    let (ended, _) = sign(Some("osmo"), SignMode::Direct, &doc, EXPERT);
    assert_eq!(ended, Err(Refusal::reason(Error::ChainNotAsShown.reason())));
}

#[test]
fn path_only_init_takes_the_prefix_from_the_chain_id() {
    // cosmjs / ledger-cosmos-js: no prefix in init. Amino JSON's chain id comes first:
    // its chain's prefix is the own one.
    let (ended, log) = sign(None, SignMode::AminoJson, amino_on("milkyway").as_bytes(), NORMAL);
    assert_eq!(ended, Ok("clear"));
    assert!(own_hidden(&log), "{log:?}");
    // On the testnet (prefix milk too) as well.
    let (ended, log) = sign(None, SignMode::AminoJson, amino_on("ceers-2112").as_bytes(), NORMAL);
    assert_eq!(ended, Ok("clear"));
    assert!(own_hidden(&log), "{log:?}");

    // A chain the app does not know: only in expert mode, and then no address is hidden.
    let unknown = amino_on("cosmoshub-4");
    let (ended, _) = sign(None, SignMode::AminoJson, unknown.as_bytes(), NORMAL);
    assert_eq!(ended, Err(Refusal::reason(UNKNOWN_CHAIN)));
    let (ended, log) = sign(None, SignMode::AminoJson, unknown.as_bytes(), EXPERT);
    assert_eq!(ended, Ok("clear"));
    assert!(!own_hidden(&log), "{log:?}");

    // DIRECT puts the chain id after the messages: without a prefix they were shown for
    // no chain, so a chain the app knows is refused at the end; an unknown one only in
    // expert mode, as in Amino JSON.
    for chain in ["milkyway", "osmosis-1"] {
        let (ended, _) = sign(None, SignMode::Direct, &doc_on(chain), NORMAL);
        assert_eq!(ended, Err(Refusal::reason(Error::ChainNotAsShown.reason())), "{chain}");
    }
    let unknown = doc_on("cosmoshub-4");
    let (ended, _) = sign(None, SignMode::Direct, &unknown, NORMAL);
    assert_eq!(ended, Err(Refusal::reason(UNKNOWN_CHAIN)));
    let (ended, log) = sign(None, SignMode::Direct, &unknown, EXPERT);
    assert_eq!(ended, Ok("clear"));
    assert!(!own_hidden(&log), "{log:?}");
}

#[test]
fn unknown_messages_need_blind_signing() {
    let unknown = any("/cosmos.bank.v1beta1.MsgMultiSend", &[]);
    let doc = direct_doc(&[unknown], "");
    let (ended, _) = sign(Some("milk"), SignMode::Direct, &doc, NORMAL);
    let refusal = ended.unwrap_err();
    assert_eq!(refusal, Refusal::reason(Error::UnknownMessage.reason()));
    assert!(refusal.reason.contains("blind signing"), "the reason tells the user what to do");
    let (ended, log) = sign(Some("milk"), SignMode::Direct, &doc, BLIND);
    assert_eq!(ended, Ok("blind"));
    assert_eq!(log.len(), 1, "the blind review alone: {log:?}");

    // Blind signing never covers a malformed document: a field 1 (the body's bytes) as
    // a varint after the end, refused at its tag; a document cut short.
    let mut broken = doc.clone();
    broken.push(0x08);
    let (ended, _) = sign(Some("milk"), SignMode::Direct, &broken, BLIND);
    assert_eq!(ended, Err(Refusal::reason(Error::WrongWireType.reason())));
    let (ended, _) = sign(Some("milk"), SignMode::Direct, &doc[..doc.len() - 1], BLIND);
    assert_eq!(ended, Err(Refusal::reason(Error::ProtoTruncated.reason())));
}
