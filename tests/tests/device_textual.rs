//! SIGN_MODE_TEXTUAL (P2 = 1) end to end on each of the five devices, in Speculos:
//!
//! - `vectors`: the Cosmos SDK's textual vectors (core/tests/data/textual/e2e.json: the
//!   CBOR x/tx produces and the screens it encodes), signed with Expert mode on (their
//!   chain id "my-chain" is no chain the app knows: refused first with the reason, as in
//!   the other modes); each signature verified over the exact CBOR bytes, each review
//!   compared with the vector's screens as the app shows them (one `>` per indent level
//!   before the title, text escaped as in every review); golden snapshot of "minimal".
//! - `milkyway`: a textual document in x/tx's shape for a MilkyWay transaction, written
//!   here, signed without Expert mode (chain "milkyway", prefix "milk"); its expert screen
//!   and escaped memo shown; golden snapshot; rejected once (0x6986).
//! - `hostile`: CBOR that is not exactly x/tx's encoding of an envelope refused with
//!   0x6984 and the reason, no screen shown, the app ready for the next request.
//! - `host_built`: documents the host crate renders (milkyway_ledger::textual) for
//!   transactions it builds, signed through the host crate's client (`sign_tx_textual`,
//!   `sign_textual`: the signature verified there over the exact CBOR, and again here):
//!   a restake to an operator, trust services (MsgSetUserPreferences, nested and
//!   repeated messages), a milkBABY liquid stake (wasm MsgExecuteContract, its JSON as
//!   bytes) and a bank MsgMultiSend, which the app's catalog does not have; each review
//!   shows the host's screens in order; the TxRaw says SIGN_MODE_TEXTUAL.
//!
//! Built only with `--features device` (see tests/Cargo.toml).

#![cfg(feature = "device")]

use std::sync::Arc;
use std::time::Duration;

use milkyway_e2e::signing::{self, init_data, sign_apdu, Client};
use milkyway_e2e::{on_every_device, snapshot, Capture, Decision, Device, Flow, Speculos};
use milkyway_ledger::client::{AddressInfo, HdPath};
use milkyway_ledger::crypto;
use milkyway_ledger::preview;

/// SIGN P2 of SIGN_MODE_TEXTUAL.
const P2_TEXTUAL: u8 = 1;

struct Session {
    device: Device,
    sim: Speculos,
    client: Arc<Client>,
    path: HdPath,
}

impl Session {
    fn start(device: Device, label: &str) -> Session {
        let sim = Speculos::start(device, label).unwrap();
        sim.wait_for_home(Duration::from_secs(15)).unwrap();
        let client = signing::connect(&sim).unwrap();
        Session { device, sim, client, path: HdPath::new(0, 0) }
    }

    fn key(&self, hrp: &str) -> AddressInfo {
        self.client.get_address(&self.path, hrp, false).unwrap()
    }

    /// Sends init and every chunk but the last with P2 = 1 (250 bytes a chunk, as
    /// ledger-cosmos-go does), then the last one while the review is walked to
    /// `decision`; returns the screens and the last chunk's reply.
    fn sign(&self, hrp: Option<&str>, bytes: &[u8], decision: Decision) -> (Flow, (Vec<u8>, u16)) {
        let last = self.all_but_last(hrp, bytes);
        let pending = signing::in_background(&self.client, move |c| signing::raw(c, &last));
        let flow = self.sim.decide(decision, Capture::TextAndImages).unwrap();
        let reply = pending.join().unwrap().unwrap();
        (flow, reply)
    }

    /// The same for a document refused before any screen: the last chunk's reply.
    fn refused(&self, hrp: Option<&str>, bytes: &[u8]) -> (Vec<u8>, u16) {
        let last = self.all_but_last(hrp, bytes);
        signing::raw(&self.client, &last).unwrap()
    }

    fn all_but_last(&self, hrp: Option<&str>, bytes: &[u8]) -> Vec<u8> {
        let sw = signing::raw(&self.client, &sign_apdu(0, P2_TEXTUAL, &init_data(&self.path, hrp)))
            .unwrap()
            .1;
        assert_eq!(sw, 0x9000, "{}: textual init", self.device);
        let chunks: Vec<&[u8]> = bytes.chunks(250).collect();
        let (last, adds) = chunks.split_last().unwrap();
        for c in adds {
            assert_eq!(signing::raw(&self.client, &sign_apdu(1, P2_TEXTUAL, c)).unwrap().1, 0x9000);
        }
        sign_apdu(2, P2_TEXTUAL, last)
    }

    /// Signs `bytes`, approved: the signature verifies over exactly `bytes` (strict DER,
    /// low-S), the review starts with "Review transaction", shows `screens` in order and
    /// ends with "Transaction signed", then the home screen.
    fn sign_approved(
        &self,
        what: &str,
        hrp: Option<&str>,
        bytes: &[u8],
        screens: &[Screen],
    ) -> Flow {
        let key = self.key(hrp.unwrap_or("milk"));
        let (flow, (der, sw)) = self.sign(hrp, bytes, Decision::Approve);
        assert_eq!(sw, 0x9000, "{what}: {}\n{}", String::from_utf8_lossy(&der), flow.text());
        let rs = signing::check_signature(&key.public_key, bytes, &der)
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        crypto::verify(&key.public_key, bytes, &rs).unwrap();
        let pages: Vec<(String, String)> = screens.iter().map(|s| s.page(self.device)).collect();
        signing::review_shows(&flow, &pages).unwrap_or_else(|e| panic!("{what}: {e}"));
        // The first page: the review's title, or the streamed review's when the screens
        // overflow this device's store (the host's preview, run with this device's
        // memory, says which).
        let model = preview::Model::from_name(self.device.model()).unwrap();
        // Expert mode as on the device for these documents (the vectors' chains are
        // unknown to the app); it does not change which screens a textual review holds.
        let opts = preview::DeviceOptions {
            expert: true,
            blind_signing: false,
            own_address: None,
            prefix: hrp,
            model,
        };
        let expected =
            preview::textual_review(bytes, &opts).unwrap_or_else(|e| panic!("{what}: {e}"));
        let first = match expected.shape {
            preview::Shape::Streamed => "Review long",
            _ => "Review transaction",
        };
        assert!(
            flow.shots[0].screen.contains(first),
            "{what}: the review does not start with {first:?}:\n{}",
            flow.text()
        );
        signing::check_ends(&self.sim, &flow, "Transaction signed")
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        flow
    }
}

// ------------------------------------------------------------ screens and vectors

/// One textual screen.
#[derive(Clone, Debug)]
struct Screen {
    title: String,
    content: String,
    indent: u8,
    expert: bool,
}

impl Screen {
    fn new(title: &str, content: &str, indent: u8, expert: bool) -> Screen {
        Screen { title: title.into(), content: content.into(), indent, expert }
    }

    /// What the app shows for this screen (README, "SIGN_MODE_TEXTUAL"): the label is one
    /// `>` per indent level, a space, the title; the value the content; both with the
    /// escaping of every review. The Nanos shorten a label too wide for their line
    /// ("Transac...sh"): there only the value is looked for.
    fn page(&self, device: Device) -> (String, String) {
        let mut label = ">".repeat(usize::from(self.indent));
        if self.indent > 0 && !self.title.is_empty() {
            label.push(' ');
        }
        label.push_str(&visible(&self.title));
        if device.is_nano() && label.len() > 20 {
            label.clear();
        }
        (label, visible(&self.content))
    }
}

/// The escaping of every review: printable ASCII as is, `\\`, `\n`, `\t`, `\r`, `\xNN`
/// for other control characters, `\u{XXXX}` for anything else.
fn visible(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            ' '..='~' => out.push(c),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02X}", c as u32))
            }
            c => out.push_str(&format!("\\u{{{:04X}}}", c as u32)),
        }
    }
    out
}

struct Vector {
    name: String,
    screens: Vec<Screen>,
    cbor: Vec<u8>,
}

/// The vectors of core/tests/data/textual/e2e.json (its README cites the source).
fn vectors() -> Vec<Vector> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../core/tests/data/textual/e2e.json");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    json.as_array()
        .unwrap()
        .iter()
        .map(|case| {
            let name = case["name"].as_str().unwrap().to_string();
            let screens = case["screens"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| {
                    let mut content = s["content"].as_str().unwrap_or("").to_string();
                    // The upstream file's one inconsistency (see the data's README): the
                    // signed CBOR says VOTE_OPTION_YES.
                    if content == "VOTE_OPTION_ONE" {
                        content = "VOTE_OPTION_YES".into();
                    }
                    Screen::new(
                        s["title"].as_str().unwrap_or(""),
                        &content,
                        s["indent"].as_u64().unwrap_or(0) as u8,
                        s["expert"].as_bool().unwrap_or(false),
                    )
                })
                .collect();
            let hex = case["cbor"].as_str().unwrap();
            let cbor = (0..hex.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
                .collect();
            Vector { name, screens, cbor }
        })
        .collect()
}

// ------------------------------------------------------------ a CBOR writer

fn head(major: u8, n: u64) -> Vec<u8> {
    let m = major << 5;
    match n {
        0..=23 => vec![m | n as u8],
        24..=0xff => vec![m | 24, n as u8],
        0x100..=0xffff => [vec![m | 25], (n as u16).to_be_bytes().to_vec()].concat(),
        _ => [vec![m | 26], (n as u32).to_be_bytes().to_vec()].concat(),
    }
}

fn text(s: &str) -> Vec<u8> {
    [head(3, s.len() as u64), s.as_bytes().to_vec()].concat()
}

/// x/tx's encoding of `screens`: `{1: [{1: title, 2: content, 3: indent, 4: true}]}`,
/// default values left out.
fn encode(screens: &[Screen]) -> Vec<u8> {
    let mut out = vec![0xa1, 0x01];
    out.extend(head(4, screens.len() as u64));
    for s in screens {
        let mut entries: Vec<Vec<u8>> = Vec::new();
        if !s.title.is_empty() {
            entries.push([vec![0x01], text(&s.title)].concat());
        }
        if !s.content.is_empty() {
            entries.push([vec![0x02], text(&s.content)].concat());
        }
        if s.indent > 0 {
            entries.push([vec![0x03], head(0, u64::from(s.indent))].concat());
        }
        if s.expert {
            entries.push(vec![0x04, 0xf5]);
        }
        out.extend(head(5, entries.len() as u64));
        out.extend(entries.concat());
    }
    out
}

// ------------------------------------------------------------ the tests

/// The vectors: refused on an unknown chain without Expert mode; signed with it.
fn vectors_signed(device: Device) {
    let s = Session::start(device, "textual_vectors");
    let vectors = vectors();
    assert_eq!(vectors.len(), 4);
    // core/src/session.rs UNKNOWN_CHAIN.
    let (data, sw) = s.refused(None, &vectors[0].cbor);
    assert_eq!(
        (String::from_utf8_lossy(&data).as_ref(), sw),
        ("Unknown chain id (expert mode allows it)", 0x6984),
        "{device}"
    );
    s.sim.toggle_setting("Expert mode", Capture::Text).unwrap();
    for v in &vectors {
        let what = format!("{device} textual vector {:?}", v.name);
        assert_eq!(encode(&v.screens), v.cbor, "{what}: the vector's screens and CBOR differ");
        let flow = s.sign_approved(&what, None, &v.cbor, &v.screens);
        // Every expert screen is shown, Expert mode or not (here: on).
        assert!(v.screens.iter().any(|x| x.expert), "{what}");
        if v.name == "minimal" {
            snapshot::check(device, "sign_textual_minimal", &flow).unwrap();
        }
    }
}

/// A MilkyWay document in x/tx's shape (written here, not by x/tx): signed without
/// Expert mode, its expert screens shown all the same; rejected once.
fn milkyway(device: Device) {
    let s = Session::start(device, "textual_milkyway");
    let key = s.key("milk");
    let screens = vec![
        Screen::new("Chain id", "milkyway", 0, false),
        Screen::new("Account number", "12", 0, false),
        Screen::new("Sequence", "30", 0, false),
        Screen::new("Address", &key.address, 0, true),
        Screen::new("", "This transaction has 1 Message", 0, false),
        Screen::new("Message (1/1)", "/milkyway.restaking.v1.MsgDelegateOperator", 1, false),
        Screen::new("Operator id", "3", 2, false),
        Screen::new("Amount", "10.5 MILK", 2, false),
        Screen::new("", "End of Message", 0, false),
        Screen::new("Memo", "caf\u{e9} \u{202e}", 0, false),
        Screen::new("Fees", "0.005 MILK", 0, false),
        Screen::new("Gas limit", "200'000", 0, true),
    ];
    let bytes = encode(&screens);
    let what = format!("{device} textual milkyway");
    let flow = s.sign_approved(&what, Some("milk"), &bytes, &screens);
    assert!(flow.contains("caf\\u{00E9} \\u{202E}"), "{what}: memo not escaped:\n{}", flow.text());
    snapshot::check(device, "sign_textual_milkyway", &flow).unwrap();

    let (flow, (data, sw)) = s.sign(Some("milk"), &bytes, Decision::Reject);
    assert_eq!((data.as_slice(), sw), (&[][..], 0x6986), "{what}: rejected");
    signing::check_ends(&s.sim, &flow, "Transaction rejected").unwrap();
}

/// Encodings that are not x/tx's: each refused with 0x6984 and its reason, nothing shown.
fn hostile(device: Device) {
    let s = Session::start(device, "textual_hostile");
    let chain = Screen::new("Chain id", "milkyway", 0, false);
    let good = encode(&[chain.clone(), Screen::new("Amount", "10 MILK", 1, false)]);
    let with = |screen: Vec<u8>| {
        let mut doc = vec![0xa1, 0x01, 0x82];
        doc.extend(&encode(std::slice::from_ref(&chain))[3..]);
        doc.extend(screen);
        doc
    };
    let many: Vec<Screen> = std::iter::once(chain.clone())
        .chain(std::iter::repeat_n(Screen::new("", "x", 0, false), 255))
        .collect();
    // The reasons of core/src/textual/mod.rs.
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "non-canonical length",
            with([vec![0xa1, 0x02, 0x78, 0x01], b"x".to_vec()].concat()),
            "CBOR: not in shortest form",
        ),
        (
            "unsorted keys",
            with([vec![0xa2, 0x02], text("x"), vec![0x01], text("T")].concat()),
            "Textual: keys out of order",
        ),
        (
            "unknown key",
            with([vec![0xa2, 0x02], text("x"), vec![0x05], text("y")].concat()),
            "Textual: unknown key",
        ),
        (
            "duplicate key",
            with([vec![0xa2, 0x02], text("1 MILK"), vec![0x02], text("9 MILK")].concat()),
            "Textual: duplicate key",
        ),
        ("trailing bytes", [good.clone(), vec![0x00]].concat(), "CBOR: bytes after the document"),
        (
            "a second envelope",
            [good.clone(), good.clone()].concat(),
            "CBOR: bytes after the document",
        ),
        ("invalid UTF-8", with(vec![0xa1, 0x02, 0x62, 0xc3, 0x28]), "CBOR: text not UTF-8"),
        (
            "wrong type",
            with([vec![0xa2, 0x02], text("x"), vec![0x03], text("1")].concat()),
            "Textual: value of wrong type",
        ),
        (
            "expert false",
            with([vec![0xa2, 0x02], text("x"), vec![0x04, 0xf4]].concat()),
            "Textual: default value encoded",
        ),
        ("256 screens", encode(&many), "Textual: over 255 screens"),
        ("indefinite length", with(vec![0xbf, 0x02, 0x61, b'x', 0xff]), "CBOR: indefinite length"),
        ("tag", [vec![0xd9, 0xd9, 0xf7], good.clone()].concat(), "CBOR: tag"),
    ];
    for (what, bytes, reason) in &cases {
        let (data, sw) = s.refused(Some("milk"), bytes);
        assert_eq!(
            (String::from_utf8_lossy(&data).as_ref(), sw),
            (*reason, 0x6984),
            "{device}: {what}"
        );
    }
    assert!(s.sim.is_home(&s.sim.current_screen().unwrap()), "{device}: a refusal showed a screen");
    // Ready for the next request: the good document signs.
    let screens = [chain, Screen::new("Amount", "10 MILK", 1, false)];
    s.sign_approved(&format!("{device} after hostile"), Some("milk"), &good, &screens);
}

/// Host-built documents signed through the host crate, each review the host's screens.
fn host_built(device: Device) {
    use milkyway_ledger::cosmrs::tx::Msg as _;
    use milkyway_ledger::msgs::restaking::{
        MsgDelegateOperator, MsgSetUserPreferences, TrustedServiceEntry, UserPreferences,
    };
    use milkyway_ledger::msgs::{coin, Msg};
    use milkyway_ledger::textual::{self, DenomMetadata};
    use milkyway_ledger::tx::{SignMode, Tx, TxBuilder};

    let s = Session::start(device, "textual_host");
    let key = s.key("milk");
    let me = key.address.clone();
    let metadata = DenomMetadata::builtin("milkyway");
    let tx = |m: Msg| -> Tx {
        TxBuilder::new("milkyway")
            .msg(m)
            .fee(vec![coin("5000", "umilk")], 200_000)
            .account_number(12)
            .sequence(30)
            .build()
            .unwrap()
    };
    let lst = milkyway_ledger::denoms::liquid_staking("milkBABY").unwrap();
    let opts = milkyway_ledger::cli::build::LiquidStakeOpts {
        mint_to: None,
        transfer_to_native_chain: false,
        expected_mint: None,
    };
    let restake = tx(MsgDelegateOperator {
        delegator: me.clone(),
        operator_id: 3,
        amount: vec![coin("10500000", "umilk")],
    }
    .into());
    let trust = tx(MsgSetUserPreferences {
        user: me.clone(),
        preferences: Some(UserPreferences {
            trusted_services: vec![TrustedServiceEntry { service_id: 2, pools_ids: vec![1, 3] }],
        }),
    }
    .into());
    let stake = tx(milkyway_ledger::cli::build::liquid_stake(&lst, &me, "2.5BABY", &opts).unwrap());
    // Hyperlane: one math.Int with the cosmos.Int scalar (amount), one without (gas_limit).
    let bridge_opts = milkyway_ledger::cli::build::BridgeOpts {
        max_fee: "0.25MILK".into(),
        gas_limit: 1_500_000,
        custom_hook: None,
        hook_metadata: String::new(),
    };
    let recipient = "0x7b4bf9feccff207ef2cb7101ceb15b8516021acd";
    let chain = milkyway_ledger::denoms::MILKYWAY;
    let bridge = tx(milkyway_ledger::cli::build::bridge(
        &chain,
        &me,
        recipient,
        "2.5MILK",
        56,
        &bridge_opts,
    )
    .unwrap());
    // A message the app's catalog does not have: only the host describes it.
    let to = crypto::bech32_encode("milk", &[7u8; 20]).unwrap();
    let io = |address: &str| milkyway_ledger::cosmrs::bank::MultiSendIo {
        address: address.parse().unwrap(),
        coins: vec![milkyway_ledger::cosmrs::Coin {
            denom: "umilk".parse().unwrap(),
            amount: 3_000_000,
        }],
    };
    let multi = milkyway_ledger::cosmrs::bank::MsgMultiSend {
        inputs: vec![io(&me)],
        outputs: vec![io(&to)],
    };
    let multi_body =
        milkyway_ledger::cosmrs::tx::Body::new(vec![multi.to_any().unwrap()], "", 0u32)
            .into_bytes()
            .unwrap();
    assert!(
        milkyway_ledger::msgs::amino::schema_by_type_url("/cosmos.bank.v1beta1.MsgMultiSend")
            .is_none(),
        "MsgMultiSend must be unknown to the app's catalog for this test"
    );

    let docs: Vec<(&str, Vec<u8>, Vec<u8>, &str)> = vec![
        (
            "restake",
            restake.body_bytes(),
            restake.auth_info_bytes(SignMode::Textual, &key.public_key),
            "10.5 MILK",
        ),
        (
            "trust services",
            trust.body_bytes(),
            trust.auth_info_bytes(SignMode::Textual, &key.public_key),
            "1 TrustedServiceEntry",
        ),
        (
            "liquid stake",
            stake.body_bytes(),
            stake.auth_info_bytes(SignMode::Textual, &key.public_key),
            "2.5 BABY",
        ),
        (
            "bridge",
            bridge.body_bytes(),
            bridge.auth_info_bytes(SignMode::Textual, &key.public_key),
            "2'500'000",
        ),
        (
            "multi-send",
            multi_body,
            restake.auth_info_bytes(SignMode::Textual, &key.public_key),
            "/cosmos.bank.v1beta1.MsgMultiSend",
        ),
    ];
    for (name, body, auth, fact) in docs {
        let what = format!("{device} textual host-built {name}");
        let signer = restake.textual_signer(&key.public_key, &me);
        let screens = textual::screens(&body, &auth, &signer, &metadata).unwrap();
        assert!(screens.iter().any(|x| x.content == fact), "{what}: {fact} not rendered");
        let cbor = textual::sign_bytes(&body, &auth, &signer, &metadata).unwrap();
        let (path, k, m) = (s.path, key.clone(), metadata.clone());
        let pending = signing::in_background(&s.client, move |c| {
            c.sign_textual(&path, "milk", &k, body, auth, "milkyway", 12, &m)
        });
        let flow = s.sim.decide(Decision::Approve, Capture::Text).unwrap();
        let signed =
            pending.join().unwrap().unwrap_or_else(|e| panic!("{what}: {e}\n{}", flow.text()));
        assert_eq!(signed.sign_bytes, cbor, "{what}: the bytes signed");
        crypto::verify(&key.public_key, &cbor, &signed.signature).unwrap();
        assert_eq!(signed.mode, SignMode::Textual);
        let pages: Vec<(String, String)> = screens
            .iter()
            .map(|x| Screen::new(&x.title, &x.content, x.indent, x.expert).page(device))
            .collect();
        signing::review_shows(&flow, &pages).unwrap_or_else(|e| panic!("{what}: {e}"));
        signing::check_ends(&s.sim, &flow, "Transaction signed")
            .unwrap_or_else(|e| panic!("{what}: {e}"));
    }
}

on_every_device!(vectors_signed, milkyway, hostile, host_built);
