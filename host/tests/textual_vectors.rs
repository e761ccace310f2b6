//! The host's SIGN_MODE_TEXTUAL renderer against the Cosmos SDK's own test data
//! (`host/tests/data/textual/README.md` says where each file comes from):
//!
//! * `e2e`: whole transactions; every case whose messages the host knows must give the
//!   same screens and the same CBOR hex as x/tx: "minimal" (from the host's message
//!   builders) and "a bit of everything" (built by hand, [`a_bit_of_everything`]: authz
//!   exec, gov vote, multisig second signer, extension options; one screen differs in
//!   the upstream file itself, said there). The two cases it cannot render (x/tx's
//!   test-only message `/A`) are listed in [`E2E_SKIPPED`] with the reason, and the test
//!   fails if the set of skipped cases is not exactly that list;
//! * `tx_cases`: the three single-signer cases of x/tx's `tx.json` (screens only; that
//!   file has no CBOR), every one rendered;
//! * `decimals`: the `cosmos.Dec` renderer, every case;
//! * `coin` and `coins`: the coin renderer with bank metadata, every formatting case
//!   (the cases without a coin test x/tx's parser, which the host does not have: they
//!   are counted and must be exactly those).

use base64::Engine as _;
use cosmos_sdk_proto::cosmos::base::v1beta1::Coin;
use cosmos_sdk_proto::cosmos::tx::v1beta1::{AuthInfo, Fee, TxBody};
use milkyway_ledger::amino_json::{self, Json};
use milkyway_ledger::msgs::Msg;
use milkyway_ledger::textual::{self, DenomMetadata, Metadata, Screen, SignerData};
use milkyway_ledger::tx::{single_signer_auth_info, SignMode};
use prost::Message as _;

fn data(path: &str) -> Json {
    let full = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"));
    amino_json::parse(&text).unwrap_or_else(|e| panic!("{full}: {e}"))
}

fn s<'a>(v: &'a Json, k: &str) -> &'a str {
    v.get(k).and_then(Json::as_str).unwrap_or_default()
}

fn n(v: &Json, k: &str) -> u64 {
    match v.get(k) {
        Some(Json::Number(x)) | Some(Json::String(x)) => x.parse().unwrap(),
        _ => 0,
    }
}

/// The e2e cases the host does not render, and why. Each is still signed by the
/// devices from its CBOR (tests/tests/device_textual.rs).
const E2E_SKIPPED: &[(&str, &str)] = &[
    (
        "minimal with hashed bytes",
        "message /A is a test-only proto of x/tx (no field numbers known)",
    ),
    ("minimal with bytes", "message /A is a test-only proto of x/tx (no field numbers known)"),
];

/// Rendered by its own test ([`a_bit_of_everything`]): its transaction (an authz exec, a
/// multisig second signer, extension options) is built there from the case's values with
/// the protobuf types, not from the host's message builders.
const E2E_BY_HAND: &str = "a bit of everything";

/// Why the host cannot render a case, or `None`.
fn unrenderable(proto: &Json) -> Option<String> {
    let body = proto.get("body").unwrap();
    for m in body.get("messages").and_then(Json::as_array).unwrap_or_default() {
        if textual::schema(s(m, "@type")).is_none() {
            return Some(format!("unknown message {}", s(m, "@type")));
        }
    }
    None
}

fn coins(v: Option<&Json>) -> Vec<Coin> {
    v.and_then(Json::as_array)
        .unwrap_or_default()
        .iter()
        .map(|c| Coin { denom: s(c, "denom").into(), amount: s(c, "amount").into() })
        .collect()
}

/// A message of the test data (protobuf JSON) as the host's typed message: protobuf JSON
/// and the amino `value` have the same keys; enums are names in one and numbers in the
/// other, 64-bit integers numbers in one and strings in the other.
fn message(m: &Json) -> Msg {
    use milkyway_core::schema::Kind;
    let type_url = s(m, "@type");
    let schema = textual::schema(type_url).unwrap();
    let mut value = m.as_object().unwrap().clone();
    value.remove("@type");
    for f in schema.fields {
        let Some(v) = value.get_mut(f.key) else { continue };
        match (f.kind, &*v) {
            (Kind::Enum(e), Json::String(name)) => {
                let i = e.proto.iter().position(|p| p == name).unwrap();
                *v = Json::uint(i as u64);
            }
            (Kind::Id64(_) | Kind::U64 | Kind::I64, Json::Number(n)) => *v = Json::str(n.clone()),
            _ => {}
        }
    }
    let amino = Json::Object(
        [
            ("type".to_owned(), Json::str(schema.amino_name)),
            ("value".to_owned(), Json::Object(value)),
        ]
        .into_iter()
        .collect(),
    );
    Msg::from_amino_json(&amino).unwrap_or_else(|e| panic!("{type_url}: {e}"))
}

fn expected_screens(case: &Json) -> Vec<Screen> {
    case.get("screens")
        .and_then(Json::as_array)
        .unwrap()
        .iter()
        .map(|x| Screen {
            title: s(x, "title").into(),
            content: s(x, "content").into(),
            indent: n(x, "indent") as u8,
            expert: matches!(x.get("expert"), Some(Json::Bool(true))),
        })
        .collect()
}

/// Renders a case's transaction: its screens and CBOR.
fn render(input: &Json) -> (Vec<Screen>, Vec<u8>) {
    let proto = input.get("proto").unwrap();
    let body = proto.get("body").unwrap();
    let auth = proto.get("auth_info").unwrap();
    let signer = input.get("signer_data").unwrap();
    let key: [u8; 33] = base64::engine::general_purpose::STANDARD
        .decode(s(signer.get("pub_key").unwrap(), "key"))
        .unwrap()
        .try_into()
        .unwrap();
    let body_bytes = TxBody {
        messages: body
            .get("messages")
            .and_then(Json::as_array)
            .unwrap()
            .iter()
            .map(|m| message(m).to_any())
            .collect(),
        memo: s(body, "memo").into(),
        timeout_height: n(body, "timeout_height"),
        ..Default::default()
    }
    .encode_to_vec();
    let fee = auth.get("fee").unwrap();
    let fee = Fee {
        amount: coins(fee.get("amount")),
        gas_limit: n(fee, "gas_limit"),
        payer: s(fee, "payer").into(),
        granter: s(fee, "granter").into(),
    };
    let seq = n(&auth.get("signer_infos").and_then(Json::as_array).unwrap()[0], "sequence");
    let auth_info_bytes: Vec<u8> =
        single_signer_auth_info(&fee, seq, SignMode::Textual, &key).encode_to_vec();
    assert_eq!(AuthInfo::decode(&*auth_info_bytes).unwrap().signer_infos[0].sequence, seq);
    let signer = SignerData {
        chain_id: s(signer, "chain_id").into(),
        account_number: n(signer, "account_number"),
        sequence: n(signer, "sequence"),
        address: s(signer, "address").into(),
        public_key: key,
    };
    let mut metadata = DenomMetadata::empty();
    metadata.insert(Metadata::from_json(input.get("metadata").unwrap()).unwrap());
    let screens = textual::screens(&body_bytes, &auth_info_bytes, &signer, &metadata).unwrap();
    let cbor = textual::sign_bytes(&body_bytes, &auth_info_bytes, &signer, &metadata).unwrap();
    (screens, cbor)
}

#[test]
fn tx_cases_render_as_x_tx() {
    let cases = data("tests/data/textual/tx_cases.json");
    let cases = cases.as_array().unwrap();
    assert_eq!(cases.len(), 3);
    for case in cases {
        let name = s(case, "name");
        assert_eq!(unrenderable(case.get("proto").unwrap()), None, "{name}");
        let (screens, cbor) = render(case);
        assert_eq!(screens, expected_screens(case), "{name}: screens");
        assert_eq!(cbor, textual::encode(&screens), "{name}: CBOR of the screens");
    }
}

#[test]
fn decimals_render_as_x_tx() {
    let cases = data("tests/data/textual/decimals.json");
    let cases = cases.as_array().unwrap();
    assert_eq!(cases.len(), 97);
    for c in cases {
        let pair = c.as_array().unwrap();
        let (input, want) = (pair[0].as_str().unwrap(), pair[1].as_str().unwrap());
        assert_eq!(textual::value::format_cosmos_dec(input).unwrap(), want, "{input}");
    }
}

fn metadata_of(v: Option<&Json>) -> DenomMetadata {
    let mut m = DenomMetadata::empty();
    if let Some(meta) = v {
        let meta = Metadata::from_json(meta).unwrap();
        if !meta.base.is_empty() {
            m.insert(meta);
        }
    }
    m
}

#[test]
fn coins_render_as_x_tx() {
    let (mut formatted, mut parse_only) = (0, 0);
    for c in data("tests/data/textual/coin.json").as_array().unwrap() {
        let Some(proto) = c.get("proto") else {
            assert_eq!(c.get("error"), Some(&Json::Bool(true)), "a parse case: {c:?}");
            parse_only += 1;
            continue;
        };
        let coin: Vec<(String, String)> = match proto {
            Json::Null => vec![],
            p => vec![(s(p, "amount").into(), s(p, "denom").into())],
        };
        // A metadata without a base (x/tx looks it up by the coin's denom): keyed here by
        // the coin's denom.
        let mut metadata = metadata_of(c.get("metadata"));
        if let (Some(meta), [(_, denom)]) = (c.get("metadata"), coin.as_slice()) {
            let mut m = Metadata::from_json(meta).unwrap();
            if m.base.is_empty() {
                m.base = denom.clone();
                metadata.insert(m);
            }
        }
        let text = textual::value::format_coins(&coin, &metadata).unwrap();
        assert_eq!(text, s(c, "text"), "{c:?}");
        formatted += 1;
    }
    assert_eq!((formatted, parse_only), (67, 4));
    let (mut formatted, mut parse_only) = (0, 0);
    for c in data("tests/data/textual/coins.json").as_array().unwrap() {
        let Some(proto) = c.get("proto") else {
            assert_eq!(c.get("error"), Some(&Json::Bool(true)), "a parse case: {c:?}");
            parse_only += 1;
            continue;
        };
        let list: Vec<(String, String)> = proto
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (s(p, "amount").into(), s(p, "denom").into()))
            .collect();
        let mut metadata = DenomMetadata::empty();
        for m in c.get("metadata").and_then(Json::as_object).unwrap().values() {
            metadata.insert(Metadata::from_json(m).unwrap());
        }
        assert_eq!(textual::value::format_coins(&list, &metadata).unwrap(), s(c, "text"), "{c:?}");
        formatted += 1;
    }
    assert_eq!((formatted, parse_only), (6, 5));
}

#[test]
fn e2e_cases_render_as_x_tx() {
    let inputs = data("tests/data/textual/e2e_inputs.json");
    let expected = data("../core/tests/data/textual/e2e.json");
    let (inputs, expected) = (inputs.as_array().unwrap(), expected.as_array().unwrap());
    assert_eq!(inputs.len(), expected.len());
    let mut matched = Vec::new();
    let mut skipped = Vec::new();
    for (input, want) in inputs.iter().zip(expected) {
        let name = s(input, "name");
        assert_eq!(name, s(want, "name"));
        let proto = input.get("proto").unwrap();
        if name == E2E_BY_HAND {
            continue;
        }
        if let Some(why) = unrenderable(proto) {
            skipped.push((name.to_owned(), why));
            continue;
        }
        let (screens, cbor) = render(input);
        assert_eq!(screens, expected_screens(want), "{name}: screens");
        assert_eq!(hex::encode(&cbor), s(want, "cbor"), "{name}: CBOR");
        matched.push(name.to_owned());
    }
    let skipped_names: Vec<&str> = skipped.iter().map(|(n, _)| n.as_str()).collect();
    let listed: Vec<&str> = E2E_SKIPPED.iter().map(|(n, _)| *n).collect();
    assert_eq!(skipped_names, listed, "skipped cases (and why): {skipped:?}");
    assert_eq!(matched, ["minimal"]);
    eprintln!(
        "e2e: {} matched here, 1 in a_bit_of_everything, {} skipped (listed in E2E_SKIPPED)",
        matched.len(),
        skipped.len()
    );
}

/// "a bit of everything": two messages (an authz exec of a send, a gov v1 vote with a
/// long metadata), a memo with non-ASCII, a timeout height, an extension option (a
/// coin) and a non-critical one (auth params), a multisig second signer, fee payer and
/// granter. Screens and CBOR as x/tx's, with one exception the upstream file makes: its
/// vote option is `VOTE_OPTION_ONE` in the transaction and on its screen, the value 1
/// that the SDK of this file names `VOTE_OPTION_YES` in the CBOR (the bytes signed);
/// the host's gov enum is v0.50's, so it renders `VOTE_OPTION_YES`: that screen is
/// compared with the CBOR's text, every other screen with the JSON.
#[test]
fn a_bit_of_everything() {
    use cosmos_sdk_proto::cosmos::auth::v1beta1::Params;
    use cosmos_sdk_proto::cosmos::authz::v1beta1::MsgExec;
    use cosmos_sdk_proto::cosmos::bank::v1beta1::MsgSend;
    use cosmos_sdk_proto::cosmos::crypto::multisig::v1beta1::CompactBitArray;
    use cosmos_sdk_proto::cosmos::crypto::multisig::LegacyAminoPubKey;
    use cosmos_sdk_proto::cosmos::gov::v1::MsgVote;
    use cosmos_sdk_proto::cosmos::tx::v1beta1::{mode_info, ModeInfo, SignerInfo};
    use cosmos_sdk_proto::Any;

    let inputs = data("tests/data/textual/e2e_inputs.json");
    let expected = data("../core/tests/data/textual/e2e.json");
    let find = |v: &Json| {
        v.as_array().unwrap().iter().find(|c| s(c, "name") == E2E_BY_HAND).unwrap().clone()
    };
    let (input, want) = (find(&inputs), find(&expected));
    let b64 = |t: &str| base64::engine::general_purpose::STANDARD.decode(t).unwrap();
    let any = |type_url: &str, value: Vec<u8>| Any { type_url: type_url.into(), value };
    let body = input.get("proto").unwrap().get("body").unwrap();
    let auth = input.get("proto").unwrap().get("auth_info").unwrap();
    let msgs = body.get("messages").and_then(Json::as_array).unwrap();
    let (exec, vote) = (&msgs[0], &msgs[1]);
    let send = &exec.get("msgs").and_then(Json::as_array).unwrap()[0];
    let send = MsgSend {
        from_address: s(send, "from_address").into(),
        to_address: s(send, "to_address").into(),
        amount: coins(send.get("amount")),
    };
    let exec = MsgExec {
        grantee: s(exec, "grantee").into(),
        msgs: vec![any("/cosmos.bank.v1beta1.MsgSend", send.encode_to_vec())],
    };
    assert_eq!(s(vote, "option"), "VOTE_OPTION_ONE");
    let vote = MsgVote {
        proposal_id: n(vote, "proposal_id"),
        voter: s(vote, "voter").into(),
        option: 1,
        metadata: s(vote, "metadata").into(),
    };
    let ext = &body.get("extension_options").and_then(Json::as_array).unwrap()[0];
    let non_critical =
        &body.get("non_critical_extension_options").and_then(Json::as_array).unwrap()[0];
    let body_bytes = TxBody {
        messages: vec![
            any("/cosmos.authz.v1beta1.MsgExec", exec.encode_to_vec()),
            any("/cosmos.gov.v1.MsgVote", vote.encode_to_vec()),
        ],
        memo: s(body, "memo").into(),
        timeout_height: n(body, "timeout_height"),
        extension_options: vec![any(
            s(ext, "@type"),
            Coin { denom: s(ext, "denom").into(), amount: s(ext, "amount").into() }.encode_to_vec(),
        )],
        non_critical_extension_options: vec![any(
            s(non_critical, "@type"),
            Params {
                max_memo_characters: n(non_critical, "maxMemoCharacters"),
                ..Default::default()
            }
            .encode_to_vec(),
        )],
    }
    .encode_to_vec();

    let infos = auth.get("signer_infos").and_then(Json::as_array).unwrap();
    let key: [u8; 33] = b64(s(infos[0].get("public_key").unwrap(), "key")).try_into().unwrap();
    let multisig = infos[1].get("public_key").unwrap();
    let keys = multisig.get("public_keys").and_then(Json::as_array).unwrap();
    let sub_key = |k: &Json| {
        let bytes = b64(s(k, "key"));
        // secp256k1 and ed25519 `PubKey` are both `{1: key bytes}`.
        any(
            s(k, "@type"),
            cosmos_sdk_proto::cosmos::crypto::ed25519::PubKey { key: bytes }.encode_to_vec(),
        )
    };
    let bitarray =
        infos[1].get("mode_info").unwrap().get("multi").unwrap().get("bitarray").unwrap();
    let amino_single =
        ModeInfo { sum: Some(mode_info::Sum::Single(mode_info::Single { mode: 127 })) };
    let other = SignerInfo {
        public_key: Some(any(
            s(multisig, "@type"),
            LegacyAminoPubKey {
                threshold: n(multisig, "threshold") as u32,
                public_keys: keys.iter().map(sub_key).collect(),
            }
            .encode_to_vec(),
        )),
        mode_info: Some(ModeInfo {
            sum: Some(mode_info::Sum::Multi(mode_info::Multi {
                bitarray: Some(CompactBitArray {
                    extra_bits_stored: n(bitarray, "extra_bits_stored") as u32,
                    elems: b64(s(bitarray, "elems")),
                }),
                mode_infos: vec![amino_single.clone(), amino_single],
            })),
        }),
        sequence: n(&infos[1], "sequence"),
    };
    let fee = auth.get("fee").unwrap();
    let fee = Fee {
        amount: coins(fee.get("amount")),
        gas_limit: n(fee, "gas_limit"),
        payer: s(fee, "payer").into(),
        granter: s(fee, "granter").into(),
    };
    let mut auth_info =
        single_signer_auth_info(&fee, n(&infos[0], "sequence"), SignMode::Textual, &key);
    auth_info.signer_infos.push(other);
    let auth_info_bytes = auth_info.encode_to_vec();

    let signer_data = input.get("signer_data").unwrap();
    let signer = SignerData {
        chain_id: s(signer_data, "chain_id").into(),
        account_number: n(signer_data, "account_number"),
        sequence: n(signer_data, "sequence"),
        address: s(signer_data, "address").into(),
        public_key: key,
    };
    let mut metadata = DenomMetadata::empty();
    metadata.insert(Metadata::from_json(input.get("metadata").unwrap()).unwrap());

    let screens = textual::screens(&body_bytes, &auth_info_bytes, &signer, &metadata).unwrap();
    let mut expected_screens = expected_screens(&want);
    let option: Vec<usize> = (0..expected_screens.len())
        .filter(|i| expected_screens[*i].content == "VOTE_OPTION_ONE")
        .collect();
    assert_eq!(option.len(), 1, "the upstream inconsistency is where the data's README says");
    expected_screens[option[0]].content = "VOTE_OPTION_YES".into();
    assert_eq!(screens, expected_screens, "screens");
    let cbor = textual::sign_bytes(&body_bytes, &auth_info_bytes, &signer, &metadata).unwrap();
    assert_eq!(hex::encode(&cbor), s(&want, "cbor"), "CBOR");
}
