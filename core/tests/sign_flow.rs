//! The SIGN flow (`milkyway_core::sign_flow`) with a recording device: the order of
//! chunks, the review it asks for (held, streamed, blind), the hash it signs, refusals
//! and rejections part-way.

mod common;
use common::*;
use milkyway_core::apdu::{Chunk, StatusWord, COIN_TYPE};
use milkyway_core::review::{Memory, BLIND_LABEL, LONG_TITLE};
use milkyway_core::session::{Policy, Refusal};
use milkyway_core::sha256::sha256;
use milkyway_core::sign_flow::{Answer, Kind, SignFlow};
use milkyway_core::SignMode;

const STORE: usize = 2048;

/// Sends `doc` in `chunk`-byte pieces after an init with the prefix `milk`, with a
/// store of `STORE` bytes; the answer of the chunk that ended the request (or of the last).
fn sign(dev: &mut Recorder, doc: &[u8], mode: SignMode, chunk: usize, policy: Policy) -> Answer {
    let memory = Memory { element: 4096, held: 1536, store: STORE };
    let req = Req { policy, ..Req::new(Some("milk"), Some(mode)) };
    let chunks: Vec<&[u8]> = doc.chunks(chunk).collect();
    sign_chunks(dev, memory, req, &chunks).answer
}

fn claims(n: u64) -> String {
    (0..n)
        .map(|i| {
            format!(
                r#"{{"type":"milkyway/MsgWithdrawDelegatorReward","value":{{"delegation_target_id":{},"delegation_type":1,"delegator_address":"{ME}"}}}}"#,
                i + 1
            )
        })
        .collect::<Vec<_>>()
        .join(",")
}

#[test]
fn a_short_transaction_is_held_then_reviewed_whole() {
    let doc = amino_doc(&claims(2), "");
    let mut dev = Recorder::default();
    let answer = sign(&mut dev, doc.as_bytes(), SignMode::AminoJson, 250, Policy::default());
    let Answer::Approved { hash, kind, .. } = answer else { panic!("{answer:?}") };
    assert_eq!((hash, kind), (sha256(doc.as_bytes()), Kind::Transaction));
    assert_eq!(
        dev.log,
        [
            "held Transaction: Review transaction to claim restaking rewards",
            "Action 1/2: Claim restaking rewards",
            &format!("Delegator: {ME}"),
            "From: Pool #1",
            "Action 2/2: Claim restaking rewards",
            &format!("Delegator: {ME}"),
            "From: Pool #2",
            "Chain: MilkyWay",
            "Fees: 0.005 MILK",
            "finish: Sign transaction to claim restaking rewards?",
        ]
    );
}

#[test]
fn a_long_transaction_streams_after_its_first_page() {
    let doc = amino_doc(&claims(200), "");
    let mut dev = Recorder::default();
    let answer = sign(&mut dev, doc.as_bytes(), SignMode::AminoJson, 250, Policy::default());
    assert!(matches!(answer, Answer::Approved { .. }), "{answer:?}");
    assert_eq!(dev.log[0], format!("start: {LONG_TITLE}"));
    // Numbered without a count, held ones included; every screen shown once.
    assert_eq!(dev.log[1], "Action 1: Claim restaking rewards");
    assert!(dev.log.contains(&"Action 200: Claim restaking rewards".to_string()));
    assert_eq!(dev.log.len(), 1 + 600 + 2 + 1);
    assert_eq!(dev.log.last().unwrap(), "finish: Sign transaction to claim restaking rewards?");
}

#[test]
fn a_rejection_part_way_ends_the_request() {
    let doc = amino_doc(&claims(200), "");
    let mut dev = Recorder { reject_screen: Some(100), ..Recorder::default() };
    let answer = sign(&mut dev, doc.as_bytes(), SignMode::AminoJson, 250, Policy::default());
    assert_eq!(answer, Answer::Rejected { kind: Kind::Transaction });
    assert_eq!(dev.shown, 101, "nothing is shown after the rejection");
}

#[test]
fn a_refusal_part_way_is_reported_as_shown() {
    // 120 good claims (a streamed review by then), then a claim with a field the
    // message does not have.
    let mut msgs = claims(120);
    msgs.push_str(&format!(",{}", claims(1).replace("}}", r#","zzz":"1"}}"#)));
    let doc = amino_doc(&msgs, "");
    let mut dev = Recorder::default();
    let answer = sign(&mut dev, doc.as_bytes(), SignMode::AminoJson, 250, Policy::default());
    let Answer::Refused { refusal, shown: true } = answer else { panic!("{answer:?}") };
    assert_eq!(refusal.status, StatusWord::DataInvalid);
    assert!(!dev.log.iter().any(|l| l.starts_with("finish")));
}

#[test]
fn blind_held_and_blind_streamed() {
    let unknown = r#"{"type":"cosmos-sdk/MsgUnknown","value":{"x":"1"}}"#;
    let blind = Policy { expert: false, blind_signing: true };
    let doc = amino_doc(unknown, "");
    let mut dev = Recorder::default();
    let Answer::Approved { hash, .. } =
        sign(&mut dev, doc.as_bytes(), SignMode::AminoJson, 250, blind)
    else {
        panic!()
    };
    assert_eq!(dev.log, [format!("blind: {}", upper_hex(&hash))]);
    // After 150 claims (streamed), the unknown message: the warning there, the hash last.
    let doc = amino_doc(&format!("{},{unknown}", claims(150)), "");
    let mut dev = Recorder::default();
    let Answer::Approved { hash, .. } =
        sign(&mut dev, doc.as_bytes(), SignMode::AminoJson, 250, blind)
    else {
        panic!()
    };
    let warning = dev.log.iter().position(|l| l.starts_with(BLIND_LABEL)).unwrap();
    assert_eq!(warning, 1 + 450);
    assert_eq!(dev.log[dev.log.len() - 2], format!("hash: {}", upper_hex(&hash)));
    assert_eq!(dev.log.last().unwrap(), "finish: Sign transaction?");
    // Blind signing off: refused at the unknown message.
    let mut dev = Recorder::default();
    let answer = sign(&mut dev, doc.as_bytes(), SignMode::AminoJson, 250, Policy::default());
    assert!(matches!(answer, Answer::Refused { shown: true, .. }), "{answer:?}");
}

#[test]
fn chunks_out_of_order_or_changing_mode_are_refused() {
    let mut elem = Box::new([0u8; 4096]);
    let mut held = Box::new([0u8; 1536]);
    let mut store = vec![0u8; STORE];
    let mut flow = SignFlow::new(&mut elem, &mut held, &mut store);
    let mut dev = Recorder::default();
    let p = Policy::default();
    let a = Some(SignMode::AminoJson);
    let refused = |sw| Answer::Refused { refusal: Refusal::status(sw), shown: false };
    assert_eq!(
        flow.receive(&mut dev, Chunk::Add, a, b"{", p),
        refused(StatusWord::CommandNotAllowed)
    );
    assert_eq!(
        flow.receive(&mut dev, Chunk::Init, a, &init_data(COIN_TYPE, Some("milk")), p),
        Answer::More
    );
    let changed = flow.receive(&mut dev, Chunk::Add, Some(SignMode::Direct), b"\x0a", p);
    let reason = milkyway_core::Error::ChunkModeChanged.reason();
    assert_eq!(changed, Answer::Refused { refusal: Refusal::reason(reason), shown: false });
    // The request is over: the next chunk is out of order.
    assert_eq!(
        flow.receive(&mut dev, Chunk::Last, a, b"{", p),
        refused(StatusWord::CommandNotAllowed)
    );
    // A textual document larger than the element buffer: 0x6988.
    assert_eq!(
        flow.receive(&mut dev, Chunk::Init, None, &init_data(COIN_TYPE, None), p),
        Answer::More
    );
    for _ in 0..16 {
        assert_eq!(flow.receive(&mut dev, Chunk::Add, None, &[0xa1; 250], p), Answer::More);
    }
    assert_eq!(
        flow.receive(&mut dev, Chunk::Add, None, &[0xa1; 250], p),
        refused(StatusWord::TxTooBig)
    );
}

#[test]
fn the_same_document_cut_anywhere_signs_the_same() {
    let amino = amino_doc(&claims(40), "memo");
    let mut reference: Option<(Answer, Vec<String>)> = None;
    for chunk in [1, 7, 64, 250, amino.len()] {
        let mut dev = Recorder::default();
        let answer =
            sign(&mut dev, amino.as_bytes(), SignMode::AminoJson, chunk, Policy::default());
        match &reference {
            None => reference = Some((answer, dev.log)),
            Some((a, log)) => {
                assert_eq!(&answer, a, "chunk {chunk}");
                assert_eq!(&dev.log, log, "chunk {chunk}");
            }
        }
    }
}

#[test]
fn a_new_init_starts_over_and_a_finished_request_takes_nothing_more() {
    let mut elem = Box::new([0u8; 4096]);
    let mut held = Box::new([0u8; 1536]);
    let mut store = vec![0u8; STORE];
    let mut flow = SignFlow::new(&mut elem, &mut held, &mut store);
    let mut dev = Recorder::default();
    let p = Policy::default();
    let a = Some(SignMode::AminoJson);
    let doc = amino_doc(&claims(1), "");
    let init = init_data(COIN_TYPE, Some("milk"));
    // Half a document, then a new init: the old half is in neither the document nor
    // the hash.
    assert_eq!(flow.receive(&mut dev, Chunk::Init, a, &init, p), Answer::More);
    assert_eq!(flow.receive(&mut dev, Chunk::Add, a, &doc.as_bytes()[..40], p), Answer::More);
    assert_eq!(flow.receive(&mut dev, Chunk::Init, a, &init, p), Answer::More);
    let (head, tail) = doc.as_bytes().split_at(100);
    assert_eq!(flow.receive(&mut dev, Chunk::Add, a, head, p), Answer::More);
    let answer = flow.receive(&mut dev, Chunk::Last, a, tail, p);
    let Answer::Approved { hash, .. } = answer else { panic!("{answer:?}") };
    assert_eq!(hash, sha256(doc.as_bytes()));
    // The finished request takes no more chunks: its bytes are never reused.
    let refused = |sw| Answer::Refused { refusal: Refusal::status(sw), shown: false };
    assert_eq!(
        flow.receive(&mut dev, Chunk::Last, a, b"", p),
        refused(StatusWord::CommandNotAllowed)
    );
    assert_eq!(
        flow.receive(&mut dev, Chunk::Add, a, b"{", p),
        refused(StatusWord::CommandNotAllowed)
    );
}

#[test]
fn a_bad_init_is_refused() {
    let mut elem = Box::new([0u8; 4096]);
    let mut held = Box::new([0u8; 1536]);
    let mut store = vec![0u8; STORE];
    let mut flow = SignFlow::new(&mut elem, &mut held, &mut store);
    let mut dev = Recorder::default();
    let d = Some(SignMode::Direct);
    let normal = Policy::default();
    let expert = Policy { expert: true, blind_signing: false };
    let refused = |sw| Answer::Refused { refusal: Refusal::status(sw), shown: false };
    let evil = init_data(COIN_TYPE, Some("evil"));
    assert_eq!(
        flow.receive(&mut dev, Chunk::Init, d, &evil, normal),
        refused(StatusWord::ChainNotAllowed)
    );
    // The refused init left no request behind.
    assert_eq!(
        flow.receive(&mut dev, Chunk::Last, d, b"\x0a", normal),
        refused(StatusWord::CommandNotAllowed)
    );
    assert_eq!(
        flow.receive(&mut dev, Chunk::Init, d, &evil, expert),
        Answer::More,
        "expert mode allows any prefix"
    );
    assert_eq!(
        flow.receive(&mut dev, Chunk::Init, d, &evil[..19], expert),
        refused(StatusWord::WrongLength)
    );
    // A silent `cosmos` key request is allowed, a `cosmos` signing prefix is not.
    assert_eq!(
        flow.receive(&mut dev, Chunk::Init, d, &init_data(COIN_TYPE, Some("cosmos")), normal),
        refused(StatusWord::ChainNotAllowed)
    );
}
