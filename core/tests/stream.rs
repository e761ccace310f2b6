//! The streaming decoder (`milkyway_core::stream`) on what only it faces: documents far
//! beyond the old limits, refusals met part-way, the device's buffer sizes. (Every sign
//! doc the other tests build is also streamed and compared with the whole-buffer decoder
//! by `common::stream_differential`.)

mod common;
use common::*;
use milkyway_core::chains;
use milkyway_core::session::Policy;
use milkyway_core::stream::{Own, StreamOptions, ELEMENT_BYTES, HELD_BYTES};
use milkyway_core::text::Text;
use milkyway_core::SignMode;

const DEV_E: usize = ELEMENT_BYTES;
const DEV_H: usize = HELD_BYTES;

fn milkyway() -> Option<&'static chains::Chain> {
    chains::by_chain_id(&Text::Plain("milkyway"))
}

fn claim_direct(i: u64) -> Vec<u8> {
    any(
        "/milkyway.rewards.v1.MsgWithdrawDelegatorReward",
        &cat(&[fs(1, ME), fv(2, 1 + i % 3), fv(3, i + 1)]),
    )
}

fn claim_amino(i: u64) -> String {
    format!(
        r#"{{"type":"milkyway/MsgWithdrawDelegatorReward","value":{{"delegation_target_id":{},"delegation_type":{},"delegator_address":"{ME}"}}}}"#,
        i + 1,
        1 + i % 3
    )
}

/// Cuts every `n` bytes.
fn every(len: usize, n: usize) -> Vec<usize> {
    (n..len).step_by(n).collect()
}

fn preview(mode: SignMode) -> StreamOptions<'static> {
    StreamOptions::preview(mode, false, Some(ME), milkyway())
}

#[test]
fn two_hundred_claims_in_both_modes() {
    let direct = direct_doc(&(0..200).map(claim_direct).collect::<Vec<_>>(), "");
    let json: Vec<String> = (0..200).map(claim_amino).collect();
    let amino = amino_doc(&json.join(","), "");
    for (bytes, mode) in [(direct, SignMode::Direct), (amino.into_bytes(), SignMode::AminoJson)] {
        // The device's buffers, the chunks of the APDUs (250 bytes).
        let s = stream_with::<DEV_E, DEV_H>(&bytes, preview(mode), &every(bytes.len(), 250));
        let (screens, blind) = s.result.clone().unwrap();
        assert!(!blind);
        // Title and target of each claim (the delegator is the signer: hidden), then the
        // fee and the chain.
        assert_eq!(screens.len(), 402, "{mode:?}");
        assert_eq!(screens[0], "Action 1/200: Claim restaking rewards");
        assert_eq!(screens[1], "From: Pool #1");
        assert_eq!(screens[398], "Action 200/200: Claim restaking rewards");
        assert_eq!(screens[399], "From: Operator #200");
        assert_eq!(&screens[400..], ["Chain: MilkyWay", "Fees: 0.005 MILK"]);
        // While streaming, titles carry the index only.
        assert_eq!(s.events[398], "#200 Action: Claim restaking rewards");
        // The whole-buffer decoder agrees (no message cap there either).
        assert_eq!(screens, common::screens(&bytes, mode).unwrap());
    }
}

#[test]
fn a_mebibyte_blind_direct_document() {
    // A claim, then a message the catalog does not know carrying 1 MiB, then a claim.
    let bulk = any("/cosmos.unknown.v1.MsgBulk", &fb(1, &vec![0x5a; 1 << 20]));
    let doc = direct_doc(&[claim_direct(0), bulk, claim_direct(1)], "");
    assert!(doc.len() > 1 << 20);
    let blind = StreamOptions {
        policy: Policy { expert: false, blind_signing: true },
        ..preview(SignMode::Direct)
    };
    for chunk in [250, 4096, 65_521] {
        let s = stream_with::<DEV_E, DEV_H>(&doc, blind, &every(doc.len(), chunk));
        // The first claim is shown, then the warning, and nothing more: the review ends
        // with the hash.
        assert_eq!(
            s.events,
            ["#1 Action: Claim restaking rewards", "From: Pool #1", "BLIND"],
            "{chunk}-byte chunks"
        );
        let shown = vec!["Action 1/3: Claim restaking rewards".to_string(), "From: Pool #1".into()];
        assert_eq!(s.result, Ok((shown, true)));
    }
    // Blind signing off: refused at the unknown message, with the reason.
    let s = stream_with::<DEV_E, DEV_H>(&doc, preview(SignMode::Direct), &every(doc.len(), 250));
    assert_eq!(s.result, Err(milkyway_core::Error::UnknownMessage.reason().to_string()));
    // A known message larger than the element buffer is refused (it cannot be shown).
    let memo_like = any(
        "/cosmos.bank.v1beta1.MsgSend",
        &cat(&[fs(1, ME), fs(2, &"x".repeat(DEV_E)), fb(3, &coin("umilk", "1"))]),
    );
    let doc = direct_doc(&[memo_like], "");
    let s = stream_with::<DEV_E, DEV_H>(&doc, blind, &[]);
    assert_eq!(s.result, Err(milkyway_core::Error::ElementTooLarge.reason().to_string()));
}

#[test]
fn a_mebibyte_blind_amino_document() {
    // A claim, a message the catalog does not know carrying 1 MiB, a claim.
    let bulk = |data: &str| {
        format!(
            r#"{{"type":"cosmos-sdk/MsgBulk","value":{{"data":"{data}","n":[1,-2.5e3,true,null,{{}}]}}}}"#
        )
    };
    // ASCII, escapes (a surrogate pair among them) and raw UTF-8.
    let big = r"z\u00e9\ud83d\ude00".to_string() + "\u{e9}";
    let big = big.repeat((1 << 20) / big.len());
    let doc = amino_doc(&format!("{},{},{}", claim_amino(0), bulk(&big), claim_amino(1)), "");
    assert!(doc.len() > 1 << 20);
    // The whole-buffer decoder's verdict on the same document: canonical, unknown.
    assert_eq!(
        milkyway_core::decode(doc.as_bytes(), SignMode::AminoJson).err(),
        Some(milkyway_core::Error::UnknownMessage)
    );
    let blind = StreamOptions {
        policy: Policy { expert: false, blind_signing: true },
        ..preview(SignMode::AminoJson)
    };
    for chunk in [250, 4093] {
        let s = stream_with::<DEV_E, DEV_H>(doc.as_bytes(), blind, &every(doc.len(), chunk));
        assert_eq!(s.events, ["#1 Action: Claim restaking rewards", "From: Pool #1", "BLIND"]);
        assert_eq!(s.result.map(|(_, blind)| blind), Ok(true));
    }
    // Blind signing off: refused at the unknown message.
    let s = stream_with::<DEV_E, DEV_H>(doc.as_bytes(), preview(SignMode::AminoJson), &[]);
    assert_eq!(s.result, Err(milkyway_core::Error::UnknownMessage.reason().to_string()));
    // What is passed through is held to the canonical form all the way: a space, an
    // unsorted key, a raw control character, a lone surrogate, a bad number, a key after
    // "value" refuse it, as they make the whole-buffer decoder refuse it.
    let tail = |m: &str| amino_doc(&format!("{},{}", claim_amino(0), m), "");
    for bad in [
        bulk(&big).replace(r#""n":[1,"#, r#""n":[1, "#),
        bulk(&big).replace(r#""data""#, r#""zdata""#),
        bulk(&format!("{big}\u{1}")),
        bulk(&format!(r"{big}\udc00")),
        bulk(&big).replace("-2.5e3", "-02.5"),
        bulk(&big).replace("{}]}}", r#"{}]},"x":1}"#),
    ] {
        let doc = tail(&bad);
        // Refused by the whole-buffer decoder for its form, before its type is read.
        let whole = milkyway_core::decode(doc.as_bytes(), SignMode::AminoJson).unwrap_err();
        assert_ne!(whole, milkyway_core::Error::UnknownMessage, "{}", &bad[bad.len() - 60..]);
        let s = stream_with::<DEV_E, DEV_H>(doc.as_bytes(), blind, &every(doc.len(), 250));
        assert!(s.result.is_err(), "passed: {}", &bad[bad.len() - 60..]);
    }
    // A known message larger than the element buffer is refused (it cannot be shown).
    let send = format!(
        r#"{{"type":"cosmos-sdk/MsgSend","value":{{"amount":[{{"amount":"1","denom":"umilk"}}],"from_address":"{ME}","to_address":"{}"}}}}"#,
        "x".repeat(DEV_E)
    );
    let doc = tail(&send);
    let s = stream_with::<DEV_E, DEV_H>(doc.as_bytes(), blind, &[]);
    assert_eq!(s.result, Err(milkyway_core::Error::ElementTooLarge.reason().to_string()));
    // Held within the buffer, an unknown message goes blind the same.
    let small = r#"{"type":"cosmos-sdk/MsgBulk","value":{"data":"z"}}"#;
    let doc = amino_doc(&format!("{},{small},{}", claim_amino(0), claim_amino(1)), "");
    let s = stream_with::<DEV_E, DEV_H>(doc.as_bytes(), blind, &every(doc.len(), 7));
    assert_eq!(s.events, ["#1 Action: Claim restaking rewards", "From: Pool #1", "BLIND"]);
    assert_eq!(s.result.map(|(_, blind)| blind), Ok(true));
}

#[test]
fn a_refusal_part_way_is_met_at_its_element() {
    // Message 2 of 3 is invalid (a send of a negative amount): message 1 was shown, then
    // the refusal; cut anywhere, the same.
    let bad = any(
        "/cosmos.bank.v1beta1.MsgSend",
        &cat(&[fs(1, ME), fs(2, OTHER), fb(3, &coin("umilk", "-1"))]),
    );
    let doc = direct_doc(&[claim_direct(0), bad, claim_direct(1)], "");
    let whole = common::direct(&doc).unwrap_err();
    for n in [1, 3, 64, doc.len()] {
        let s = stream_with::<DEV_E, DEV_H>(&doc, preview(SignMode::Direct), &every(doc.len(), n));
        assert_eq!(s.events, ["#1 Action: Claim restaking rewards", "From: Pool #1"]);
        assert_eq!(s.result, Err(whole.reason().to_string()));
    }
}

#[test]
fn direct_messages_are_shown_for_the_prefix_chain() {
    // A DIRECT document for Osmosis, its messages shown for MilkyWay: refused at the end.
    let doc = sign_doc(
        &[claim_direct(0)],
        "",
        &[fb(1, &coin("uosmo", "5000")), fv(2, 200000)],
        "osmosis-1",
        7,
        3,
    );
    let s = stream_with::<DEV_E, DEV_H>(&doc, preview(SignMode::Direct), &[]);
    assert_eq!(s.result, Err(milkyway_core::Error::ChainNotAsShown.reason().to_string()));
    // As the device runs it: prefix `milk`, the own key, the chain rule.
    let key = [7u8; 20];
    let device = StreamOptions {
        mode: SignMode::Direct,
        policy: Policy::default(),
        prefix: milkyway_core::session::Prefix::new("milk"),
        chain_rule: true,
        own: Own::Key(key),
        direct_chain: milkyway(),
        only_prefix: None,
    };
    let s = stream_with::<DEV_E, DEV_H>(&doc, device, &[]);
    assert!(s.result.is_err());
    let mine = direct_doc(&[claim_direct(0)], "");
    let s = stream_with::<DEV_E, DEV_H>(&mine, device, &[]);
    // The delegator (ME) is not the key's address: shown.
    assert_eq!(s.result.unwrap().0[1], format!("Delegator: {ME}"));
}

#[test]
fn amino_chain_rule_is_applied_before_the_first_message() {
    let doc = amino_doc(&claim_amino(0), "").replace("\"milkyway\"", "\"somechain-1\"");
    let device = StreamOptions {
        mode: SignMode::AminoJson,
        policy: Policy::default(),
        prefix: None,
        chain_rule: true,
        own: Own::Nobody,
        direct_chain: None,
        only_prefix: None,
    };
    let s = stream_with::<DEV_E, DEV_H>(doc.as_bytes(), device, &[]);
    assert!(s.events.is_empty());
    assert_eq!(s.result, Err(milkyway_core::session::UNKNOWN_CHAIN.to_string()));
    // Expert mode allows it; the messages are then shown.
    let expert = StreamOptions { policy: Policy { expert: true, blind_signing: false }, ..device };
    let s = stream_with::<DEV_E, DEV_H>(doc.as_bytes(), expert, &[]);
    assert!(s.result.is_ok(), "{:?}", s.result);
}

#[test]
fn amino_top_level_is_as_strict_as_the_whole_document() {
    let ok = amino_doc(&claim_amino(0), "");
    let variants = [
        ok.replacen("{", " {", 1),
        ok.replacen(",\"chain_id\"", ", \"chain_id\"", 1),
        ok.replacen(":\"7\"", ": \"7\"", 1),
        format!("{ok} "),
        format!("{ok}{{}}"),
        ok.replacen("\"msgs\":[", "\"msgs\":[ ", 1),
        ok.replacen("\"account_number\"", "\"\\u0061ccount_number\"", 1),
        ok.replacen(",\"sequence\":\"3\"", "", 1),
        ok.replacen("\"memo\":\"\",", "", 1),
        ok.replacen("\"sequence\":\"3\"", "\"sequence\":\"3\",\"sequence\":\"3\"", 1),
        ok.replacen("\"sequence\":\"3\"", "\"sequence\":\"3\",\"zzz\":1", 1),
        ok.replacen("\"sequence\":\"3\"", "\"sequence\":\"3\",\"timeout_height\":\"0\"", 1),
        ok[..ok.len() - 1].to_string(),
    ];
    for doc in &variants {
        // Both decoders, every cut (stream_differential asserts they agree).
        let whole = common::amino(doc);
        let s = stream_with::<DEV_E, DEV_H>(doc.as_bytes(), preview(SignMode::AminoJson), &[]);
        assert_eq!(whole.is_ok(), s.result.is_ok(), "{doc}");
    }
    // The escaped key is the key it decodes to: accepted by both.
    assert!(common::amino(&variants[6]).is_ok());
    assert!(common::amino(&variants[0]).is_err());
}

#[test]
fn the_decoder_state_is_small() {
    use milkyway_core::stream::Stream;
    // The decoder's state, without its two buffers (the caller's), on this 64-bit host;
    // the device's words are half as wide.
    let size = std::mem::size_of::<Stream<'static, DEV_E, DEV_H>>();
    assert!(size <= 2048, "{size} bytes");
}

#[test]
fn direct_testnet_documents_sign_when_both_chains_read_them_the_same() {
    // The prefix `milk` names MilkyWay and its testnet: a DIRECT document's messages are
    // shown for MilkyWay (the chain id comes last) and hashed as the testnet reads them.
    let send = |denom: &str| {
        any(
            "/cosmos.bank.v1beta1.MsgSend",
            &cat(&[fs(1, ME), fs(2, OTHER), fb(3, &coin(denom, "1500000"))]),
        )
    };
    let doc = |denom: &str| {
        sign_doc(
            &[send(denom)],
            "",
            &[fb(1, &coin("umilk", "5000")), fv(2, 200000)],
            "ceers-2112",
            7,
            3,
        )
    };
    let device = StreamOptions {
        mode: SignMode::Direct,
        policy: Policy::default(),
        prefix: milkyway_core::session::Prefix::new("milk"),
        chain_rule: true,
        own: Own::Key([7u8; 20]),
        direct_chain: milkyway(),
        only_prefix: None,
    };
    // MILK reads the same on both chains: signed, the closing screens for the testnet.
    let s = stream_with::<DEV_E, DEV_H>(&doc("umilk"), device, &[]);
    let (screens, _) = s.result.unwrap();
    assert!(screens.contains(&"Amount: 1.5 MILK".to_string()), "{screens:?}");
    assert!(screens.contains(&"Chain: MilkyWay testnet".to_string()), "{screens:?}");
    // milkTIA is an asset of MilkyWay only: the screens shown ("1.5 milkTIA") are not what
    // the testnet reads (the raw denom), so the document is refused.
    let milktia = milkyway().unwrap().assets.iter().find(|a| a.symbol == "milkTIA").unwrap().denom;
    let s = stream_with::<DEV_E, DEV_H>(&doc(milktia), device, &[]);
    assert_eq!(s.result, Err(milkyway_core::Error::ChainNotAsShown.reason().to_string()));
}

/// Streams `bytes` whole and returns what the decoder reports at the end.
fn finished(
    bytes: &[u8],
    opts: StreamOptions<'_>,
) -> Result<milkyway_core::stream::Finished, String> {
    use milkyway_core::stream::Stream;
    let mut elem = Box::new([0u8; DEV_E]);
    let mut held = Box::new([0u8; DEV_H]);
    let mut s = Stream::<DEV_E, DEV_H>::new(opts, &mut elem, &mut held);
    let mut sink = |_: milkyway_core::stream::Event<'_>| Ok(());
    s.feed(bytes, &mut sink).map_err(|e| e.reason().to_string())?;
    s.finish(&mut sink).map_err(|e| e.reason().to_string())
}

#[test]
fn the_end_reports_the_intent_and_an_off_chain_message() {
    let json: Vec<String> = (0..3).map(claim_amino).collect();
    let amino = amino_doc(&json.join(","), "");
    let fin = finished(amino.as_bytes(), preview(SignMode::AminoJson)).unwrap();
    let mut title = String::new();
    fin.intent.write_review(&mut title).unwrap();
    assert_eq!(title, "Review transaction to claim restaking rewards");
    assert!(!fin.offchain && !fin.blind && fin.messages == 3);

    let offchain = format!(
        r#"{{"account_number":"0","chain_id":"","fee":{{"amount":[],"gas":"0"}},"memo":"","msgs":[{{"type":"sign/MsgSignData","value":{{"data":"aGVsbG8=","signer":"{ME}"}}}}],"sequence":"0"}}"#
    );
    let fin = finished(offchain.as_bytes(), preview(SignMode::AminoJson)).unwrap();
    assert!(fin.offchain);
    assert_eq!(fin.intent, milkyway_core::Intent::default());
    // The same with a sequence: refused (it could be a transaction).
    let lookalike = offchain.replace(r#""sequence":"0""#, r#""sequence":"1""#);
    assert_eq!(
        finished(lookalike.as_bytes(), preview(SignMode::AminoJson)).unwrap_err(),
        milkyway_core::Error::OffChainShape.reason()
    );
    // An empty chain id with a transaction's message: refused as before.
    let no_chain = amino.replace(r#""chain_id":"milkyway""#, r#""chain_id":"""#);
    assert_eq!(
        finished(no_chain.as_bytes(), preview(SignMode::AminoJson)).unwrap_err(),
        milkyway_core::Error::MissingChainId.reason()
    );
}

#[test]
fn an_off_chain_message_too_large_to_hold_is_refused_not_passed_blind() {
    let data = "QUJD".repeat(2000); // 8000 bytes of base64: beyond the element buffer
    let doc = format!(
        r#"{{"account_number":"0","chain_id":"","fee":{{"amount":[],"gas":"0"}},"memo":"","msgs":[{{"type":"sign/MsgSignData","value":{{"data":"{data}","signer":"{ME}"}}}}],"sequence":"0"}}"#
    );
    let mut blind = preview(SignMode::AminoJson);
    blind.policy.blind_signing = true;
    assert_eq!(
        finished(doc.as_bytes(), blind).unwrap_err(),
        milkyway_core::Error::OffChainShape.reason()
    );
}
