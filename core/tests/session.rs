//! The signing policy: which documents are clear-signed, blind-signed or refused, and
//! which prefix is the signer's own.

mod common;
use common::*;
use milkyway_core::apdu::{Chunk, StatusWord, COIN_TYPE, HARDENED, PURPOSE};
use milkyway_core::session::{
    review, Policy, Progress, RamBuffer, Refusal, Request, Review, SignBuffer, SignSession,
    CHAIN_PREFIX_MISMATCH, UNKNOWN_CHAIN,
};
use milkyway_core::{Error, SignMode};

fn request(prefix: Option<&str>, mode: SignMode, bytes: &[u8]) -> (Request, RamBuffer<4096>) {
    let mut init: Vec<u8> =
        [PURPOSE, COIN_TYPE, HARDENED, 0, 0].iter().flat_map(|w| w.to_le_bytes()).collect();
    if let Some(p) = prefix {
        init.push(p.len() as u8);
        init.extend(p.as_bytes());
    }
    let mut buf = RamBuffer::new();
    let mut s = SignSession::new();
    assert_eq!(s.receive(&mut buf, Chunk::Init, Some(mode), &init, true), Ok(Progress::NeedMore));
    let (head, tail) = bytes.split_at(bytes.len() / 2);
    assert_eq!(s.receive(&mut buf, Chunk::Add, Some(mode), head, false), Ok(Progress::NeedMore));
    match s.receive(&mut buf, Chunk::Last, Some(mode), tail, false) {
        Ok(Progress::Complete(r)) => {
            assert_eq!(buf.bytes(), bytes);
            (r, buf)
        }
        other => panic!("{other:?}"),
    }
}

fn restake() -> Vec<u8> {
    any(
        "/milkyway.restaking.v1.MsgDelegatePool",
        &cat(&[fs(1, ME), fb(2, &coin("umilk", "1000000"))]),
    )
}

fn doc_on(chain: &str) -> Vec<u8> {
    sign_doc(&[restake()], "", &[fb(1, &coin("umilk", "5000")), fv(2, 200000)], chain, 7, 3)
}

const NORMAL: Policy = Policy { expert: false, blind_signing: false };
const EXPERT: Policy = Policy { expert: true, blind_signing: false };
const BLIND: Policy = Policy { expert: false, blind_signing: true };

fn own_prefix(r: Result<Review<'_>, Refusal>) -> Result<Option<String>, Refusal> {
    match r? {
        Review::Clear { own_prefix, .. } => Ok(own_prefix.map(str::to_string)),
        Review::Blind { .. } => panic!("blind"),
        Review::Textual { .. } => panic!("textual"),
        Review::Message { .. } => panic!("off-chain message"),
    }
}

#[test]
fn prefix_must_match_the_chain_unless_expert() {
    let doc = doc_on("milkyway");
    let (req, buf) = request(Some("milk"), SignMode::Direct, &doc);
    assert_eq!(own_prefix(review(buf.bytes(), &req, NORMAL)), Ok(Some("milk".into())));

    let (req, buf) = request(Some("osmo"), SignMode::Direct, &doc);
    assert_eq!(
        own_prefix(review(buf.bytes(), &req, NORMAL)),
        Err(Refusal::reason(CHAIN_PREFIX_MISMATCH))
    );
    // Expert mode signs, and the signer's own address is the one for the prefix sent.
    assert_eq!(own_prefix(review(buf.bytes(), &req, EXPERT)), Ok(Some("osmo".into())));
}

#[test]
fn path_only_init_takes_the_prefix_from_the_chain_id() {
    // cosmjs / ledger-cosmos-js: no prefix in init.
    let json = amino_doc(
        r#"{"type":"milkyway/MsgDelegatePool","value":{"amount":{"amount":"1000000","denom":"umilk"},"delegator":"milk1mevswxr8d9r0w0vd6d0ds7k4qh0xmdma3mr3dl"}}"#,
        "",
    );
    let (req, buf) = request(None, SignMode::AminoJson, json.as_bytes());
    assert_eq!(own_prefix(review(buf.bytes(), &req, NORMAL)), Ok(Some("milk".into())));

    let osmo = doc_on("osmosis-1");
    let (req, buf) = request(None, SignMode::Direct, &osmo);
    assert_eq!(own_prefix(review(buf.bytes(), &req, NORMAL)), Ok(Some("osmo".into())));

    // A chain the app does not know: only in expert mode, and then no address is hidden.
    let unknown = doc_on("cosmoshub-4");
    let (req, buf) = request(None, SignMode::Direct, &unknown);
    assert_eq!(own_prefix(review(buf.bytes(), &req, NORMAL)), Err(Refusal::reason(UNKNOWN_CHAIN)));
    assert_eq!(own_prefix(review(buf.bytes(), &req, EXPERT)), Ok(None));
}

#[test]
fn unknown_messages_need_blind_signing() {
    let unknown = any("/cosmos.bank.v1beta1.MsgMultiSend", &[]);
    let doc = direct_doc(&[unknown], "");
    let (req, buf) = request(Some("milk"), SignMode::Direct, &doc);
    let refusal = review(buf.bytes(), &req, NORMAL).map(|_| ()).unwrap_err();
    assert_eq!(
        refusal,
        Refusal { status: StatusWord::DataInvalid, reason: Error::UnknownMessage.reason() }
    );
    assert!(refusal.reason.contains("blind signing"), "the reason tells the user what to do");
    assert!(matches!(review(buf.bytes(), &req, BLIND), Ok(Review::Blind { .. })));

    // Blind signing never covers a malformed document.
    let mut broken = doc.clone();
    broken.push(0x08);
    let (req, buf) = request(Some("milk"), SignMode::Direct, &broken);
    assert_eq!(
        review(buf.bytes(), &req, BLIND).map(|_| ()).unwrap_err(),
        Refusal::reason(Error::ProtoTruncated.reason())
    );
}
