//! The SIGN chunk protocol with raw APDUs: chunks out of order, a chunk naming another
//! mode than its init, a document refused at the chunk that breaks a rule, a new init that
//! drops the chunks before it (the following signature covers only the new bytes), wrong
//! CLA/INS/P1/P2, a SIGN_MODE_TEXTUAL last chunk that is not a textual document, empty
//! and short init chunks. None of these shows a screen; each leaves the app ready for the
//! next request.

use milkyway_e2e::signing::{self, init_data, sign_apdu};
use milkyway_e2e::{snapshot, Capture, Device};
use milkyway_ledger::cli::build;
use milkyway_ledger::client::HdPath;
use milkyway_ledger::denoms::MILKYWAY;
use milkyway_ledger::msgs::coin;
use milkyway_ledger::tx::{SignMode, TxBuilder};

use crate::{check_clear_review, check_signed, Session};

/// core/src/textual/mod.rs `TextualError::NotEnvelope`'s reason: the bytes of a textual
/// last chunk are no CBOR map `{1: screens}`.
const NOT_TEXTUAL: &str = "Textual: not {1: screens}";
/// core/src/error.rs `Error::ChunkModeChanged`'s reason.
const CHUNK_MODE: &str = "Every chunk of a document must name the sign mode its first did (P2)";

fn chunks_and_framing(device: Device) {
    let s = Session::start(device, "sign_protocol");
    let key = s.key("milk");
    let init = init_data(&s.path, Some("milk"));
    let sw = |apdu: &[u8]| s.raw(apdu).1;
    let expect = |what: &str, apdu: &[u8], want: (&[u8], u16)| {
        let (data, sw) = s.raw(apdu);
        assert_eq!((data.as_slice(), sw), want, "{device}: {what}");
    };

    // Add or last without init: 0x6986, in both modes.
    for p2 in [0, 2] {
        expect("add without init", &sign_apdu(1, p2, b"{\"a\":1}"), (&[], 0x6986));
        expect("last without init", &sign_apdu(2, p2, b"{\"a\":1}"), (&[], 0x6986));
    }
    // Every chunk names the format its init did (P2): the device reads the document from
    // its first byte. A signature reset by an error takes no more chunks.
    assert_eq!(sw(&sign_apdu(0, 2, &init)), 0x9000);
    expect("a chunk naming another mode", &sign_apdu(1, 0, b"{"), (CHUNK_MODE.as_bytes(), 0x6984));
    expect("add after a refused chunk", &sign_apdu(1, 2, b"jkl"), (&[], 0x6986));
    // A DIRECT document refused at the chunk where it breaks a rule (0x07 is no field of
    // a SignDoc), not at the last.
    assert_eq!(sw(&sign_apdu(0, 2, &init)), 0x9000);
    assert_eq!(sw(&sign_apdu(1, 2, &[0x07, 0x00])).to_be_bytes()[0], 0x69);
    expect("add after a refused document", &sign_apdu(1, 2, b"jkl"), (&[], 0x6986));
    // A SIGN_MODE_TEXTUAL document is read at its last chunk; "abcghi" is none.
    assert_eq!(sw(&sign_apdu(0, 1, &init)), 0x9000);
    assert_eq!(sw(&sign_apdu(1, 1, b"abc")), 0x9000);
    expect("textual last chunk", &sign_apdu(2, 1, b"ghi"), (NOT_TEXTUAL.as_bytes(), 0x6984));
    expect("add after a signature ended", &sign_apdu(1, 1, b"jkl"), (&[], 0x6986));

    // Framing: a foreign CLA, an unknown INS, P1 and P2 out of range.
    expect("CLA 0xE0", &[0xE0, 0x02, 0, 0, 0], (&[], 0x6E00));
    expect("CLA 0x54", &[0x54, 0x02, 0, 2, 0], (&[], 0x6E00));
    for ins in [0x01u8, 0x03, 0x06, 0x10] {
        expect(&format!("INS 0x{ins:02X}"), &[0x55, ins, 0, 0, 0], (&[], 0x6D00));
    }
    for p1 in [3u8, 0x80, 0xFF] {
        expect(&format!("SIGN P1 {p1}"), &sign_apdu(p1, 2, &init), (&[], 0x6B00));
    }
    for p2 in [3u8, 0x7F, 0xFF] {
        expect(&format!("SIGN P2 {p2}"), &sign_apdu(0, p2, &init), (&[], 0x6B00));
    }
    // SIGN_MODE_TEXTUAL (P2 = 1): an init is taken, JSON as the document is refused.
    assert_eq!(sw(&sign_apdu(0, 1, &init)), 0x9000);
    expect("textual last", &sign_apdu(2, 1, b"{}"), (NOT_TEXTUAL.as_bytes(), 0x6984));
    // Init chunks too short for the path, or with a prefix longer than the data.
    expect("empty init", &sign_apdu(0, 2, &[]), (&[], 0x6700));
    expect("19-byte init", &sign_apdu(0, 2, &init[..19]), (&[], 0x6700));
    let mut cut = init.clone();
    cut.pop();
    expect("init with a cut prefix", &sign_apdu(0, 2, &cut), (&[], 0x6700));
    // A path outside 44'/118' and 44'/60': 0x698B; 44'/60' (Initia's Ethereum-style key)
    // with a prefix other than `init`: 0x698C.
    let mut other_coin = init.clone();
    other_coin[4] = 61;
    expect("coin type 61", &sign_apdu(0, 2, &other_coin), (&[], 0x698B));
    other_coin[4] = 60;
    expect("coin type 60 with milk", &sign_apdu(0, 2, &other_coin), (&[], 0x698C));
    assert!(s.sim.is_home(&s.sim.current_screen().unwrap()), "{device}: a refusal showed a screen");

    // A new init drops what came before: 600 stale bytes, then a whole signature of other
    // bytes. If the stale bytes stayed, the document would not parse, or the signature
    // would not verify over the new bytes alone.
    let tx = TxBuilder::new(MILKYWAY.chain_id)
        .msg(build::restake(&MILKYWAY, &key.address, "service", Some(4), "3MILK").unwrap())
        .fee(vec![coin("5000", "umilk")], 200_000)
        .account_number(12)
        .sequence(30)
        .build()
        .unwrap();
    let bytes = tx.sign_bytes(SignMode::Direct, &key.public_key).unwrap();
    assert_eq!(sw(&sign_apdu(0, 2, &init_data(&HdPath::new(1, 0), None))), 0x9000);
    for stale in bytes.chunks(200).take(3) {
        assert_eq!(sw(&sign_apdu(1, 2, stale)), 0x9000);
    }
    let last =
        signing::send_all_but_last(&s.client, &s.path, Some("milk"), SignMode::Direct, &bytes)
            .unwrap();
    let pending = signing::in_background(&s.client, move |c| signing::raw(c, &last));
    let flow = s.sim.approve(Capture::TextAndImages).unwrap();
    let (der, status) = pending.join().unwrap().unwrap();
    let what = format!("{device} sign after a new init");
    assert_eq!(status, 0x9000, "{what}:\n{}", flow.text());
    check_signed(&what, &key.public_key, &bytes, &der);
    check_clear_review(&what, &s.sim, &flow, &bytes, SignMode::Direct, false, &key.address);
    snapshot::check(device, "sign_after_new_init", &flow).unwrap();

    // The signature has ended: its last chunk again is out of order.
    expect("last after the signature", &sign_apdu(2, 2, &bytes[..10]), (&[], 0x6986));
}

milkyway_e2e::on_every_device!(chunks_and_framing);
