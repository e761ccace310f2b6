//! SIGN_MODE_TEXTUAL: the Cosmos SDK's vectors decode to their screens and render with
//! the app's rules; hostile encodings are refused, each with its reason; the SIGN flow
//! the device runs applies the chain rule and shows exactly the rendered pages.

mod common;
use common::{outcome, sign_chunks, sign_doc_flow, Recorder, Req};
use milkyway_core::apdu::StatusWord;
use milkyway_core::review::{NANOSP, NANOX};
use milkyway_core::session::{Policy, Refusal, CHAIN_PREFIX_MISMATCH, UNKNOWN_CHAIN};
use milkyway_core::sign_flow::Answer;
use milkyway_core::textual::{self, Envelope, TextualError as T};
use milkyway_core::{Error, Screen};

// ------------------------------------------------------------ the vectors

#[derive(Clone, Debug, PartialEq, Eq)]
struct Expected {
    title: String,
    content: String,
    indent: u8,
    expert: bool,
}

struct Case {
    name: String,
    screens: Vec<Expected>,
    cbor: Vec<u8>,
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
}

fn vectors() -> Vec<Case> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/textual/e2e.json");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    json.as_array()
        .unwrap()
        .iter()
        .map(|case| {
            let name = case["name"].as_str().unwrap().to_string();
            let mut screens: Vec<Expected> = case["screens"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| Expected {
                    title: s["title"].as_str().unwrap_or("").to_string(),
                    content: s["content"].as_str().unwrap_or("").to_string(),
                    indent: s["indent"].as_u64().unwrap_or(0) as u8,
                    expert: s["expert"].as_bool().unwrap_or(false),
                })
                .collect();
            // The upstream file's one inconsistency (data/textual/README.md): its CBOR,
            // the signed bytes, says VOTE_OPTION_YES where its screen list says
            // VOTE_OPTION_ONE.
            for s in &mut screens {
                if name == "a bit of everything" && s.title == "Option" {
                    assert_eq!(s.content, "VOTE_OPTION_ONE", "the upstream text changed");
                    s.content = "VOTE_OPTION_YES".to_string();
                }
            }
            Case { name, screens, cbor: unhex(case["cbor"].as_str().unwrap()) }
        })
        .collect()
}

fn decoded(env: &Envelope<'_>) -> Vec<Expected> {
    let mut out = Vec::new();
    env.each(&mut |s: textual::Screen<'_>| -> Result<(), T> {
        out.push(Expected {
            title: s.title.to_string(),
            content: s.content.to_string(),
            indent: s.indent,
            expert: s.expert,
        });
        Ok(())
    })
    .unwrap();
    out
}

#[test]
fn every_vector_decodes_to_its_screens() {
    let cases = vectors();
    assert_eq!(cases.len(), 4);
    for case in &cases {
        let env = textual::decode(&case.cbor).unwrap_or_else(|e| panic!("{}: {e}", case.name));
        assert_eq!(env.screen_count(), case.screens.len(), "{}", case.name);
        assert_eq!(env.chain_id(), "my-chain");
        assert_eq!(decoded(&env), case.screens, "{}", case.name);
    }
}

/// The visible form of the app's rules, written out here from their description
/// (README, "Using the app"): printable ASCII as is, `\\`, `\n`, `\t`, `\r`, `\xNN` for
/// other control characters, `\u{XXXX}` for anything else.
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

/// The pages the app shows for `screens`: one `>` per indent level, a space, the title;
/// the content in pages of 200 characters, "(i/n)" after the label when more than one.
fn pages(screens: &[Expected]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for s in screens {
        let mut label = ">".repeat(s.indent as usize);
        if s.indent > 0 && !s.title.is_empty() {
            label.push(' ');
        }
        label.push_str(&visible(&s.title));
        let value = visible(&s.content);
        let chunks: Vec<String> = if value.is_empty() {
            vec![String::new()]
        } else {
            value.as_bytes().chunks(200).map(|c| String::from_utf8(c.to_vec()).unwrap()).collect()
        };
        let n = chunks.len();
        for (i, chunk) in chunks.into_iter().enumerate() {
            let l = if n > 1 { format!("{label} ({}/{n})", i + 1) } else { label.clone() };
            out.push((l, chunk));
        }
    }
    out
}

fn rendered(env: &Envelope<'_>) -> Result<Vec<(String, String)>, Error> {
    let mut out = Vec::new();
    textual::render(env, &mut |s: Screen<'_>| {
        out.push((s.label.to_string(), s.value.to_string()));
        Ok(())
    })?;
    Ok(out)
}

#[test]
fn every_vector_renders_with_the_app_rules() {
    for case in vectors() {
        let env = textual::decode(&case.cbor).unwrap();
        assert_eq!(rendered(&env).unwrap(), pages(&case.screens), "{}", case.name);
    }
}

#[test]
fn the_rules_on_the_pages() {
    // Spelled out for the parts the vectors exercise: indent marks, untitled screens,
    // the escaped memo, a paged long value.
    let cases = vectors();
    let shown = rendered(&textual::decode(&cases[3].cbor).unwrap()).unwrap();
    let find = |label: &str| {
        shown.iter().find(|(l, _)| l == label).map(|(_, v)| v.as_str()).unwrap_or_else(|| {
            panic!("no page {label:?} in {shown:#?}");
        })
    };
    assert_eq!(find("Chain id"), "my-chain");
    assert_eq!(find(">>>> From address"), "cosmos1ulav3hsenupswqfkw2y3sup5kgtqwnvqa8eyhs");
    assert_eq!(find(">>>>>>> Mode"), "SIGN_MODE_LEGACY_AMINO_JSON");
    assert_eq!(find(">>"), "End of Msgs");
    assert_eq!(find(""), "This transaction has 2 Messages");
    assert_eq!(find("Memo"), "> \\u{269B}\\u{FE0F}\\\\u269B\\u{269B}\\u{FE0F}     ");
    assert!(find(">> Metadata (1/3)").starts_with("Lorem ipsum dolor sit amet"));
    // 483 characters: 200, 200, 83.
    let last = find(">> Metadata (3/3)");
    assert!(last.len() == 83 && last.ends_with("it ends in  a single ampersand @"), "{last:?}");
    // Expert screens are shown like the others.
    assert_eq!(
        find("Hash of raw bytes"),
        "e7be7808de4985bd609811d2a32805cb233c168c7d247d61d37f4a6dd4cf3a2a"
    );
    assert_eq!(shown.len(), 63, "61 screens, Metadata on 3 pages");
}

// ------------------------------------------------------------ hostile encodings

/// A CBOR head in its shortest form.
fn head(major: u8, n: u64) -> Vec<u8> {
    let m = major << 5;
    match n {
        0..=23 => vec![m | n as u8],
        24..=0xff => vec![m | 24, n as u8],
        0x100..=0xffff => [vec![m | 25], (n as u16).to_be_bytes().to_vec()].concat(),
        0x1_0000..=0xffff_ffff => [vec![m | 26], (n as u32).to_be_bytes().to_vec()].concat(),
        _ => [vec![m | 27], n.to_be_bytes().to_vec()].concat(),
    }
}

fn uint(n: u64) -> Vec<u8> {
    head(0, n)
}

fn text(s: &str) -> Vec<u8> {
    [head(3, s.len() as u64), s.as_bytes().to_vec()].concat()
}

/// A map of already encoded keys and values, in the order given.
fn map(entries: &[(Vec<u8>, Vec<u8>)]) -> Vec<u8> {
    let mut out = head(5, entries.len() as u64);
    for (k, v) in entries {
        out.extend(k);
        out.extend(v);
    }
    out
}

const TRUE: u8 = 0xf5;
const FALSE: u8 = 0xf4;

fn chain_screen(chain: &str) -> Vec<u8> {
    map(&[(uint(1), text("Chain id")), (uint(2), text(chain))])
}

/// `{1: [screens]}` with the screens already encoded.
fn doc(screens: &[Vec<u8>]) -> Vec<u8> {
    let mut out = map(&[]);
    out[0] = 0xa1;
    out.extend(uint(1));
    out.extend(head(4, screens.len() as u64));
    for s in screens {
        out.extend(s);
    }
    out
}

/// A document: the chain id screen, then `screen`.
fn with(screen: Vec<u8>) -> Vec<u8> {
    doc(&[chain_screen("milkyway"), screen])
}

fn good_screen() -> Vec<u8> {
    map(&[
        (uint(1), text("Amount")),
        (uint(2), text("10 MILK")),
        (uint(3), uint(2)),
        (uint(4), vec![TRUE]),
    ])
}

#[test]
fn the_helpers_build_an_accepted_document() {
    let bytes = with(good_screen());
    let env = textual::decode(&bytes).unwrap();
    assert_eq!(
        decoded(&env)[1],
        Expected { title: "Amount".into(), content: "10 MILK".into(), indent: 2, expert: true }
    );
}

/// Every hostile document, the error it must get.
fn hostile() -> Vec<(&'static str, Vec<u8>, T)> {
    let good = with(good_screen());
    let mut cases: Vec<(&'static str, Vec<u8>, T)> = Vec::new();
    let mut add = |what, bytes, e| cases.push((what, bytes, e));

    // Non-canonical integers and lengths.
    let one_byte_len = [vec![0x78, 6], b"Amount".to_vec()].concat();
    add("text length in one byte", with(map(&[(uint(1), one_byte_len)])), T::NotShortest);
    let two_byte_len = [vec![0x79, 0, 6], b"Amount".to_vec()].concat();
    add("text length in two bytes", with(map(&[(uint(1), two_byte_len)])), T::NotShortest);
    let mut screens_len = good.clone();
    screens_len.splice(2..3, [0x98, 0x02]);
    add("screen count in one byte", screens_len, T::NotShortest);
    add(
        "indent in one byte",
        with(map(&[(uint(2), text("x")), (uint(3), vec![0x18, 0x02])])),
        T::NotShortest,
    );
    add(
        "indent in eight bytes",
        with(map(&[(uint(2), text("x")), (uint(3), vec![0x1b, 0, 0, 0, 0, 0, 0, 0, 2])])),
        T::NotShortest,
    );
    add("screen key in one byte", with(map(&[(vec![0x18, 0x02], text("x"))])), T::NotShortest);
    let mut map_len = good.clone();
    map_len.splice(0..1, [0xb8, 0x01]);
    add("envelope map length in one byte", map_len, T::NotShortest);
    add("reserved additional information", with(map(&[(vec![0x1c], text("x"))])), T::ReservedInfo);

    // Map keys.
    add(
        "keys out of order",
        with(map(&[(uint(2), text("10 MILK")), (uint(1), text("Amount"))])),
        T::KeysOutOfOrder,
    );
    add(
        "expert before indent",
        with(map(&[(uint(2), text("x")), (uint(4), vec![TRUE]), (uint(3), uint(1))])),
        T::KeysOutOfOrder,
    );
    add("unknown key 5", with(map(&[(uint(2), text("x")), (uint(5), text("y"))])), T::UnknownKey);
    add("unknown key 0", with(map(&[(uint(0), text("x")), (uint(2), text("y"))])), T::UnknownKey);
    add("text key", with(map(&[(text("title"), text("x"))])), T::UnknownKey);
    add("negative key", with(map(&[(vec![0x20], text("x"))])), T::UnknownKey);
    add(
        "duplicate title",
        with(map(&[(uint(1), text("Amount")), (uint(1), text("Fee")), (uint(2), text("1"))])),
        T::DuplicateKey,
    );
    add(
        "duplicate content, the second hidden",
        with(map(&[(uint(2), text("1 MILK")), (uint(2), text("1000 MILK"))])),
        T::DuplicateKey,
    );
    add(
        "duplicate after another key",
        with(map(&[(uint(1), text("A")), (uint(2), text("x")), (uint(1), text("B"))])),
        T::DuplicateKey,
    );
    let five = map(&[
        (uint(1), text("A")),
        (uint(2), text("x")),
        (uint(3), uint(1)),
        (uint(4), vec![TRUE]),
        (uint(5), text("y")),
    ]);
    add("five entries", with(five), T::UnknownKey);
    let mut env_key = good.clone();
    env_key[1] = 0x02;
    add("envelope key 2", env_key, T::NotEnvelope);
    let mut env_two = good.clone();
    env_two[0] = 0xa2;
    add("envelope map of two entries", env_two, T::NotEnvelope);
    add("envelope map of none", vec![0xa0], T::NotEnvelope);

    // Bytes after the envelope.
    add("a trailing zero byte", [good.clone(), vec![0]].concat(), T::TrailingBytes);
    add("a second envelope", [good.clone(), good.clone()].concat(), T::TrailingBytes);
    add("a trailing break", [good.clone(), vec![0xff]].concat(), T::TrailingBytes);

    // Text that is not UTF-8.
    add(
        "invalid UTF-8",
        with(map(&[(uint(2), [vec![0x62], vec![0xc3, 0x28]].concat())])),
        T::InvalidUtf8,
    );
    add("overlong NUL", with(map(&[(uint(2), vec![0x62, 0xc0, 0x80])])), T::InvalidUtf8);
    add("UTF-16 surrogate", with(map(&[(uint(2), vec![0x63, 0xed, 0xa0, 0x80])])), T::InvalidUtf8);
    add("truncated character", with(map(&[(uint(2), vec![0x61, 0xe2])])), T::InvalidUtf8);

    // Wrong types.
    add(
        "title as bytes",
        with(map(&[(uint(1), [vec![0x42], b"ab".to_vec()].concat())])),
        T::WrongType,
    );
    add("title as integer", with(map(&[(uint(1), uint(7))])), T::WrongType);
    add("content as integer", with(map(&[(uint(2), uint(10))])), T::WrongType);
    add("content as array", with(map(&[(uint(2), vec![0x81, 0x61, b'x'])])), T::WrongType);
    add("indent as text", with(map(&[(uint(2), text("x")), (uint(3), text("1"))])), T::WrongType);
    add("negative indent", with(map(&[(uint(2), text("x")), (uint(3), vec![0x20])])), T::WrongType);
    add(
        "indent as a float",
        with(map(&[(uint(2), text("x")), (uint(3), vec![0xf9, 0x3c, 0x00])])),
        T::WrongType,
    );
    add("expert as 1", with(map(&[(uint(2), text("x")), (uint(4), uint(1))])), T::WrongType);
    add("expert as null", with(map(&[(uint(2), text("x")), (uint(4), vec![0xf6])])), T::WrongType);
    add("screen as array", with(vec![0x82, 0x61, b'a', 0x61, b'b']), T::ScreenNotMap);
    add("screen as text", with(text("Amount: 10 MILK")), T::ScreenNotMap);
    let mut screens_map = good.clone();
    screens_map[2] = 0xa2;
    add("screens as a map", screens_map, T::NotEnvelope);
    add("envelope as array", vec![0x81, 0x01], T::NotEnvelope);
    add("envelope as text", text("Chain id: milkyway"), T::NotEnvelope);

    // Indefinite lengths.
    add(
        "indefinite screens",
        [vec![0xa1, 0x01, 0x9f], chain_screen("milkyway"), vec![0xff]].concat(),
        T::IndefiniteLength,
    );
    add(
        "indefinite envelope",
        [vec![0xbf, 0x01, 0x81], chain_screen("milkyway"), vec![0xff]].concat(),
        T::IndefiniteLength,
    );
    add(
        "indefinite screen map",
        with([vec![0xbf, 0x02, 0x61, b'x'], vec![0xff]].concat()),
        T::IndefiniteLength,
    );
    add(
        "indefinite text",
        with(map(&[(uint(2), vec![0x7f, 0x61, b'1', 0x61, b'0', 0xff])])),
        T::IndefiniteLength,
    );

    // Tags.
    add("self-described CBOR tag", [vec![0xd9, 0xd9, 0xf7], good.clone()].concat(), T::Tag);
    add("tagged content", with(map(&[(uint(2), [vec![0xc0], text("x")].concat())])), T::Tag);
    add(
        "tagged indent",
        with(map(&[(uint(2), text("x")), (uint(3), vec![0xc2, 0x41, 0x01])])),
        T::Tag,
    );
    add("tagged screen", with([vec![0xd8, 0x18], map(&[(uint(2), text("x"))])].concat()), T::Tag);

    // Default values encoded.
    add("empty title", with(map(&[(uint(1), text("")), (uint(2), text("x"))])), T::DefaultEncoded);
    add(
        "empty content",
        with(map(&[(uint(1), text("A")), (uint(2), text(""))])),
        T::DefaultEncoded,
    );
    add("indent 0", with(map(&[(uint(2), text("x")), (uint(3), uint(0))])), T::DefaultEncoded);
    add(
        "expert false",
        with(map(&[(uint(2), text("x")), (uint(4), vec![FALSE])])),
        T::DefaultEncoded,
    );
    add("empty screen", with(map(&[])), T::EmptyScreen);
    add("indent alone", with(map(&[(uint(3), uint(1))])), T::EmptyScreen);

    // Limits.
    add(
        "256 screens",
        doc(&[vec![chain_screen("milkyway")], vec![map(&[(uint(2), text("x"))]); 255]].concat()),
        T::TooManyScreens,
    );
    add("no screens", doc(&[]), T::NoScreens);
    add("title of 41 characters", with(map(&[(uint(1), text(&"t".repeat(41)))])), T::TitleTooLong);
    add(
        "content of 551 characters",
        with(map(&[(uint(2), text(&"c".repeat(551)))])),
        T::ContentTooLong,
    );
    add("indent 17", with(map(&[(uint(2), text("x")), (uint(3), uint(17))])), T::IndentTooDeep);
    add(
        "indent 2^32",
        with(map(&[(uint(2), text("x")), (uint(3), uint(1 << 32))])),
        T::IndentTooDeep,
    );

    // Lengths past the end.
    add("text longer than the document", with(vec![0xa1, 0x02, 0x78, 0xff, b'x']), T::Truncated);
    add(
        "text of 2^64-1 bytes",
        with([vec![0xa1, 0x02, 0x7b], vec![0xff; 8]].concat()),
        T::Truncated,
    );
    add(
        "screens missing",
        [vec![0xa1, 0x01, 0x83], chain_screen("milkyway")].concat(),
        T::Truncated,
    );
    add("empty document", vec![], T::Truncated);

    // The chain id first.
    add("no chain id screen", doc(&[good_screen()]), T::NoChainId);
    add(
        "chain id indented",
        doc(&[map(&[
            (uint(1), text("Chain id")),
            (uint(2), text("milkyway")),
            (uint(3), uint(1)),
        ])]),
        T::NoChainId,
    );
    add(
        "chain id as an expert screen",
        doc(&[map(&[
            (uint(1), text("Chain id")),
            (uint(2), text("milkyway")),
            (uint(4), vec![TRUE]),
        ])]),
        T::NoChainId,
    );
    cases
}

#[test]
fn hostile_documents_are_refused_with_their_reason() {
    let cases = hostile();
    assert!(cases.len() > 60);
    for (what, bytes, want) in &cases {
        let got = textual::decode(bytes).map(|e| e.screen_count());
        assert_eq!(got, Err(*want), "{what}: {}", hex(bytes));
        let reason = want.reason();
        assert!(reason.is_ascii() && !reason.is_empty() && reason.len() < 100, "{reason:?}");
        // The flow refuses it with 0x6984 and that reason, whatever the settings, after
        // the last chunk (a textual document is read whole).
        let (got, at) = sign(None, bytes, Policy { expert: true, blind_signing: true });
        assert_eq!(got, Err(Refusal::reason(reason)), "{what}");
        assert_eq!(at, bytes.len().div_ceil(250).max(1), "{what}");
    }
}

#[test]
fn limits_are_inclusive() {
    let at = |screen: Vec<u8>| textual::decode(&with(screen)).map(|e| e.screen_count());
    assert_eq!(at(map(&[(uint(1), text(&"t".repeat(40)))])), Ok(2));
    // Characters, not bytes: 40 two-byte characters are a 40-character title.
    assert_eq!(at(map(&[(uint(1), text(&"\u{e9}".repeat(40)))])), Ok(2));
    assert_eq!(at(map(&[(uint(2), text(&"\u{e9}".repeat(550)))])), Ok(2));
    assert_eq!(at(map(&[(uint(2), text(&"c".repeat(550)))])), Ok(2));
    assert_eq!(at(map(&[(uint(2), text("x")), (uint(3), uint(16))])), Ok(2));
    let max =
        doc(&[vec![chain_screen("milkyway")], vec![map(&[(uint(2), text("x"))]); 254]].concat());
    assert_eq!(textual::decode(&max).map(|e| e.screen_count()), Ok(255));
    // A one-screen document: the chain id alone.
    assert_eq!(textual::decode(&doc(&[chain_screen("c")])).map(|e| e.screen_count()), Ok(1));
}

#[test]
fn every_cut_and_every_extension_of_a_vector_is_refused() {
    for case in vectors() {
        for n in 0..case.cbor.len() {
            assert!(textual::decode(&case.cbor[..n]).is_err(), "{}: first {n} bytes", case.name);
        }
        for extra in [0x00u8, 0xa0, 0xf5, 0xff] {
            let longer = [case.cbor.clone(), vec![extra]].concat();
            assert_eq!(textual::decode(&longer).err(), Some(T::TrailingBytes), "{}", case.name);
        }
    }
}

#[test]
fn titles_too_long_to_show_are_refused() {
    // 40 characters is the decoder's limit; escaped, 40 non-ASCII characters take 320
    // and no label holds them.
    let bytes = with(map(&[(uint(1), text(&"\u{430}".repeat(40))), (uint(2), text("x"))]));
    let env = textual::decode(&bytes).unwrap();
    assert_eq!(rendered(&env).err(), Some(Error::ValueTooLong));
    // At the deepest indent a 40-character title still fits, with its page numbers.
    let deep = with(map(&[
        (uint(1), text(&"t".repeat(40))),
        (uint(2), text(&"c".repeat(450))),
        (uint(3), uint(16)),
    ]));
    let shown = rendered(&textual::decode(&deep).unwrap()).unwrap();
    assert_eq!(shown.len(), 4);
    assert_eq!(shown[3].0, format!("{} {} (3/3)", ">".repeat(16), "t".repeat(40)));
}

#[test]
fn content_is_escaped_and_paged_like_the_other_modes() {
    let content = "line1\nline2\t\u{7}\u{202e}evil\\";
    let env = with(map(&[(uint(1), text("Memo")), (uint(2), text(content))]));
    let shown = rendered(&textual::decode(&env).unwrap()).unwrap();
    assert_eq!(shown[1], ("Memo".into(), "line1\\nline2\\t\\x07\\u{202E}evil\\\\".into()));
}

// ------------------------------------------------------------ the SIGN flow

const NORMAL: Policy = Policy { expert: false, blind_signing: false };
const EXPERT: Policy = Policy { expert: true, blind_signing: false };
const BLIND: Policy = Policy { expert: false, blind_signing: true };

/// Signs `bytes` as SIGN_MODE_TEXTUAL (P2 = 1) in 250-byte chunks with the buffers of the
/// largest devices; the held review's screens (checked to be exactly the rendered pages)
/// or the refusal, and the chunk that ended the request.
fn sign(prefix: Option<&str>, bytes: &[u8], policy: Policy) -> (Result<usize, Refusal>, usize) {
    let mut dev = Recorder::default();
    let req = Req { policy, ..Req::new(prefix, None) };
    let ended = sign_doc_flow(&mut dev, req, bytes, 250);
    if let Answer::Approved { hash, .. } = ended.answer {
        assert_eq!(hash, milkyway_core::sha256::sha256(bytes));
        let pages = rendered(&textual::decode(bytes).unwrap()).unwrap();
        let mut want = vec!["held Transaction: Review transaction".to_string()];
        want.extend(pages.iter().map(|(l, v)| format!("{l}: {v}")));
        want.push("finish: Sign transaction?".to_string());
        assert_eq!(dev.log, want);
    }
    (outcome(&dev, ended).map(|_| dev.log.len() - 2), ended.at)
}

fn screens_of(prefix: Option<&str>, bytes: &[u8], policy: Policy) -> Result<usize, Refusal> {
    sign(prefix, bytes, policy).0
}

#[test]
fn the_chain_rule_applies_to_the_chain_id_screen() {
    let vector = &vectors()[0].cbor;
    // "my-chain" is no chain the app knows: Expert mode allows it, as in the other modes.
    assert_eq!(screens_of(None, vector, NORMAL), Err(Refusal::reason(UNKNOWN_CHAIN)));
    assert_eq!(screens_of(None, vector, BLIND), Err(Refusal::reason(UNKNOWN_CHAIN)));
    assert_eq!(screens_of(None, vector, EXPERT), Ok(15));

    let milkyway = with(good_screen());
    assert_eq!(screens_of(None, &milkyway, NORMAL), Ok(2));
    assert_eq!(screens_of(Some("milk"), &milkyway, NORMAL), Ok(2));
    assert_eq!(
        screens_of(Some("osmo"), &milkyway, NORMAL),
        Err(Refusal::reason(CHAIN_PREFIX_MISMATCH))
    );
    assert_eq!(screens_of(Some("osmo"), &milkyway, EXPERT), Ok(2));
}

#[test]
fn every_vector_is_shown_whole_by_the_flow() {
    for case in vectors() {
        let pages = rendered(&textual::decode(&case.cbor).unwrap()).unwrap().len();
        assert_eq!(screens_of(None, &case.cbor, EXPERT), Ok(pages), "{}", case.name);
    }
}

#[test]
fn a_document_is_limited_to_the_element_buffer() {
    // x/tx's largest vector (2896 bytes) fits every device's element buffer.
    let big = &vectors()[3].cbor;
    assert!(big.len() <= NANOX.element);
    let req = Req { policy: EXPERT, ..Req::new(None, None) };
    let chunks: Vec<&[u8]> = big.chunks(250).collect();
    for memory in [NANOX, NANOSP] {
        let ended = sign_chunks(&mut Recorder::default(), memory, req, &chunks);
        assert!(matches!(ended.answer, Answer::Approved { .. }), "{memory:?}: {ended:?}");
    }
    // A document of 16 long screens (3.4 KB): shown on Nano S+, refused on Nano X with
    // 0x6988 at the chunk that overflows its element buffer.
    let screen = map(&[(uint(1), text("Note")), (uint(2), text(&"c".repeat(200)))]);
    let long = doc(&[vec![chain_screen("my-chain")], vec![screen; 16]].concat());
    assert!(long.len() > NANOX.element && long.len() <= NANOSP.element, "{}", long.len());
    let chunks: Vec<&[u8]> = long.chunks(250).collect();
    let mut dev = Recorder::default();
    let ended = sign_chunks(&mut dev, NANOX, req, &chunks);
    let refused = Answer::Refused { refusal: Refusal::status(StatusWord::TxTooBig), shown: false };
    assert_eq!((ended.answer, ended.at), (refused, NANOX.element / 250 + 1));
    assert!(dev.log.is_empty());
    assert_eq!(screens_of(None, &long, EXPERT), Ok(17));
    // Anything not CBOR is refused with the decoder's reason.
    assert_eq!(screens_of(None, b"x", EXPERT), Err(Refusal::reason(T::NotEnvelope.reason())));
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}
