//! SIGN_MODE_TEXTUAL documents of transactions the host builds, checked screen by screen
//! against x/tx's rules (ADR-050) written out by hand here: field names in sentence case
//! in field-number order, integers with `'`, coins in their display unit, nested and
//! repeated messages, bytes as hex or SHA-256, the envelope and its expert screens. The
//! same documents are signed by the five devices in tests/tests/device_textual.rs.

use cosmos_sdk_proto::cosmos::bank::v1beta1::{Input, MsgMultiSend, Output};
use cosmos_sdk_proto::cosmos::tx::v1beta1::TxBody;
use milkyway_ledger::msgs::restaking::{
    MsgDelegateOperator, MsgSetUserPreferences, TrustedServiceEntry, UserPreferences,
};
use milkyway_ledger::msgs::{coin, Any};
use milkyway_ledger::textual::{self, DenomMetadata, Screen};
use milkyway_ledger::tx::{SignMode, Tx, TxBuilder};
use prost::{Message as _, Name as _};

const PK: [u8; 33] = milkyway_ledger::preview::PREVIEW_PUBLIC_KEY;

fn me() -> String {
    milkyway_ledger::crypto::address(&PK, "milk").unwrap()
}

fn sc(title: &str, content: &str, indent: u8, expert: bool) -> Screen {
    Screen { title: title.into(), content: content.into(), indent, expert }
}

fn tx(msg: impl Into<milkyway_ledger::msgs::Msg>) -> Tx {
    TxBuilder::new("milkyway")
        .msg(msg)
        .fee(vec![coin("5000", "umilk")], 200_000)
        .account_number(12)
        .sequence(30)
        .build()
        .unwrap()
}

fn screens_of(tx: &Tx) -> Vec<Screen> {
    textual::screens(
        &tx.body_bytes(),
        &tx.auth_info_bytes(SignMode::Textual, &PK),
        &tx.textual_signer(&PK, &me()),
        &DenomMetadata::builtin("milkyway"),
    )
    .unwrap()
}

/// The envelope around one message: its screens at indent 2 between the header and the
/// fee, as x/tx lays it out.
fn envelope(tx: &Tx, type_url: &str, fields: Vec<Screen>) -> Vec<Screen> {
    let key = "0279 BE66 7EF9 DCBB AC55 A062 95CE 870B 0702 9BFC DB2D CE28 D959 F281 5B16 F817 98";
    let hash =
        textual::hash_of_raw_bytes(&tx.body_bytes(), &tx.auth_info_bytes(SignMode::Textual, &PK));
    let mut out = vec![
        sc("Chain id", "milkyway", 0, false),
        sc("Account number", "12", 0, false),
        sc("Sequence", "30", 0, false),
        sc("Address", &me(), 0, true),
        sc("Public key", "/cosmos.crypto.secp256k1.PubKey", 0, true),
        sc("Key", key, 1, true),
        sc("", "This transaction has 1 Message", 0, false),
        sc("Message (1/1)", type_url, 1, false),
    ];
    out.extend(fields);
    out.extend([
        sc("", "End of Message", 0, false),
        sc("Fees", "0.005 MILK", 0, false),
        sc("Gas limit", "200'000", 0, true),
        sc("Hash of raw bytes", &hash, 0, true),
    ]);
    out
}

#[test]
fn restake_to_operator() {
    let t = tx(MsgDelegateOperator {
        delegator: me(),
        operator_id: 3,
        amount: vec![
            coin("10500000", "umilk"),
            coin("2000000", milkyway_ledger::denoms::MILKTIA_ON_MILKYWAY),
        ],
    });
    let want = envelope(
        &t,
        "/milkyway.restaking.v1.MsgDelegateOperator",
        vec![
            sc("Delegator", &me(), 2, false),
            sc("Operator id", "3", 2, false),
            // Repeated coins: one screen, sorted by the shown denom.
            sc("Amount", "10.5 MILK, 2 milkTIA", 2, false),
        ],
    );
    assert_eq!(screens_of(&t), want);
    // The CBOR decodes on the device's strict decoder to the same screens.
    let cbor = t.sign_bytes(SignMode::Textual, &PK).unwrap();
    let env = milkyway_core::textual::decode(&cbor).unwrap();
    assert_eq!(env.screen_count(), want.len());
    assert_eq!(cbor, textual::encode(&want));
}

#[test]
fn trust_services_nested_and_repeated() {
    let t = tx(MsgSetUserPreferences {
        user: me(),
        preferences: Some(UserPreferences {
            trusted_services: vec![
                TrustedServiceEntry { service_id: 2, pools_ids: vec![1, 3] },
                TrustedServiceEntry { service_id: 5, pools_ids: vec![] },
            ],
        }),
    });
    let want = envelope(
        &t,
        "/milkyway.restaking.v1.MsgSetUserPreferences",
        vec![
            sc("User", &me(), 2, false),
            sc("Preferences", "UserPreferences object", 2, false),
            sc("Trusted services", "2 TrustedServiceEntry", 3, false),
            sc("Trusted services (1/2)", "TrustedServiceEntry object", 4, false),
            sc("Service id", "2", 5, false),
            sc("Pools ids", "2 Uint32", 5, false),
            sc("Pools ids (1/2)", "1", 6, false),
            sc("Pools ids (2/2)", "3", 6, false),
            sc("", "End of Pools ids", 5, false),
            sc("Trusted services (2/2)", "TrustedServiceEntry object", 4, false),
            sc("Service id", "5", 5, false),
            sc("", "End of Trusted services", 3, false),
        ],
    );
    assert_eq!(screens_of(&t), want);
}

#[test]
fn liquid_stake_contract_message_as_bytes() {
    let lst = milkyway_ledger::denoms::liquid_staking("milkBABY").unwrap();
    assert_eq!(lst.chain, "milkyway");
    let opts = milkyway_ledger::cli::build::LiquidStakeOpts {
        mint_to: None,
        transfer_to_native_chain: false,
        expected_mint: None,
    };
    let msg = milkyway_ledger::cli::build::liquid_stake(&lst, &me(), "2.5BABY", &opts).unwrap();
    let t = tx(msg);
    // wasm's `msg` is `bytes`: the JSON is 19 bytes, shown as hex.
    let json = br#"{"liquid_stake":{}}"#;
    let hex: Vec<String> =
        json.chunks(2).map(|c| c.iter().map(|b| format!("{b:02X}")).collect()).collect();
    let want = envelope(
        &t,
        "/cosmwasm.wasm.v1.MsgExecuteContract",
        vec![
            sc("Sender", &me(), 2, false),
            sc("Contract", lst.contract, 2, false),
            sc("Msg", &hex.join(" "), 2, false),
            sc("Funds", "2.5 BABY", 2, false),
        ],
    );
    assert_eq!(screens_of(&t), want);
}

#[test]
fn a_message_the_device_catalog_does_not_know() {
    assert!(milkyway_core::catalog::MESSAGES
        .iter()
        .all(|m| m.type_url != "/cosmos.bank.v1beta1.MsgMultiSend"));
    let to = milkyway_ledger::crypto::bech32_encode("milk", &[7u8; 20]).unwrap();
    let multi = MsgMultiSend {
        inputs: vec![Input { address: me(), coins: vec![coin("3000000", "umilk")] }],
        outputs: vec![Output { address: to.clone(), coins: vec![coin("3000000", "umilk")] }],
    };
    let body = TxBody {
        messages: vec![Any { type_url: MsgMultiSend::type_url(), value: multi.encode_to_vec() }],
        ..Default::default()
    }
    .encode_to_vec();
    let t = tx(MsgDelegateOperator { delegator: me(), operator_id: 1, amount: vec![] });
    let auth = t.auth_info_bytes(SignMode::Textual, &PK);
    let got = textual::screens(
        &body,
        &auth,
        &t.textual_signer(&PK, &me()),
        &DenomMetadata::builtin("milkyway"),
    )
    .unwrap();
    let hash = textual::hash_of_raw_bytes(&body, &auth);
    let mut want = envelope(
        &t,
        "/cosmos.bank.v1beta1.MsgMultiSend",
        vec![
            sc("Inputs", "1 Input", 2, false),
            sc("Inputs (1/1)", "Input object", 3, false),
            sc("Address", &me(), 4, false),
            sc("Coins", "3 MILK", 4, false),
            sc("", "End of Inputs", 2, false),
            sc("Outputs", "1 Output", 2, false),
            sc("Outputs (1/1)", "Output object", 3, false),
            sc("Address", &to, 4, false),
            sc("Coins", "3 MILK", 4, false),
            sc("", "End of Outputs", 2, false),
        ],
    );
    want.last_mut().unwrap().content = hash;
    assert_eq!(got, want);
}

#[test]
fn refusals_are_clear() {
    // A message with no description, and a coin with an empty amount, are errors.
    let t = tx(MsgDelegateOperator {
        delegator: me(),
        operator_id: 1,
        amount: vec![coin("", "umilk")],
    });
    let err = t.sign_bytes(SignMode::Textual, &PK).unwrap_err();
    assert!(err.to_string().contains("invalid coin amount \"\""), "{err}");
    let body = TxBody {
        messages: vec![Any { type_url: "/x.y.MsgUnknown".into(), value: vec![] }],
        ..Default::default()
    }
    .encode_to_vec();
    let auth = t.auth_info_bytes(SignMode::Textual, &PK);
    let err =
        textual::screens(&body, &auth, &t.textual_signer(&PK, &me()), &DenomMetadata::empty())
            .unwrap_err();
    assert!(
        matches!(err, textual::TextualError::UnknownMessage(ref u) if u == "/x.y.MsgUnknown"),
        "{err}"
    );
    // The TxRaw of a textual signature says SIGN_MODE_TEXTUAL (2).
    let ok = tx(MsgDelegateOperator { delegator: me(), operator_id: 1, amount: vec![] });
    let signed = ok.assemble(SignMode::Textual, PK, [1u8; 64]).unwrap();
    assert_eq!(signed.sign_bytes, ok.sign_bytes(SignMode::Textual, &PK).unwrap());
    use cosmos_sdk_proto::cosmos::tx::v1beta1::{mode_info, AuthInfo, TxRaw};
    let raw = TxRaw::decode(&*signed.to_bytes()).unwrap();
    let auth = AuthInfo::decode(&*raw.auth_info_bytes).unwrap();
    let mode = auth.signer_infos[0].mode_info.clone().unwrap().sum.unwrap();
    assert_eq!(mode, mode_info::Sum::Single(mode_info::Single { mode: 2 }));
}

/// The message section of a one-message document (between "Message (1/1)" and "End of
/// Message").
fn message_screens(t: &Tx) -> Vec<Screen> {
    let all = screens_of(t);
    let start = all.iter().position(|s| s.title == "Message (1/1)").unwrap();
    let end = all.iter().position(|s| s.content == "End of Message").unwrap();
    all[start..end].to_vec()
}

#[test]
fn authz_grant_any_oneof_timestamp() {
    use milkyway_ledger::cli::build::{grant, GrantKind, GrantOpts};
    let validator = milkyway_ledger::crypto::bech32_encode("milkvaloper", &[3u8; 20]).unwrap();
    let grantee = milkyway_ledger::crypto::bech32_encode("milk", &[9u8; 20]).unwrap();
    let opts = GrantOpts {
        limit: Some("100MILK".into()),
        deny: vec![validator.clone()],
        expiration: Some("2026-12-31T23:59:59Z".into()),
        ..GrantOpts::default()
    };
    let msg =
        grant(&milkyway_ledger::denoms::MILKYWAY, &me(), &grantee, GrantKind::Delegate, &opts)
            .unwrap();
    // MsgGrant {1 granter, 2 grantee, 3 grant: Grant {1 authorization: Any, 2 expiration:
    // Timestamp}}; StakeAuthorization {1 max_tokens, 3 deny_list: Validators {1 address
    // repeated}, 4 authorization_type}.
    assert_eq!(
        message_screens(&tx(msg)),
        vec![
            sc("Message (1/1)", "/cosmos.authz.v1beta1.MsgGrant", 1, false),
            sc("Granter", &me(), 2, false),
            sc("Grantee", &grantee, 2, false),
            sc("Grant", "Grant object", 2, false),
            sc("Authorization", "/cosmos.staking.v1beta1.StakeAuthorization", 3, false),
            sc("Max tokens", "100 MILK", 4, false),
            sc("Deny list", "Validators object", 4, false),
            sc("Address", "1 String", 5, false),
            sc("Address (1/1)", &validator, 6, false),
            sc("", "End of Address", 5, false),
            sc("Authorization type", "AUTHORIZATION_TYPE_DELEGATE", 4, false),
            sc("Expiration", "2026-12-31T23:59:59Z", 3, false),
        ]
    );
}

#[test]
fn create_validator_dec_int_and_consensus_key() {
    use milkyway_ledger::cli::build::{create_validator, DescriptionOpts};
    let d = DescriptionOpts { moniker: Some("Val".into()), ..DescriptionOpts::default() };
    let key = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, [0xabu8; 32]);
    let chain = milkyway_ledger::denoms::MILKYWAY;
    let msg = create_validator(&chain, &me(), &d, ("0.1", "0.2", "0.01"), "1000", &key, "10MILK")
        .unwrap();
    let valoper = milkyway_ledger::cli::build::valoper_of(&chain, &me()).unwrap();
    let hex = vec!["ABAB"; 16].join(" ");
    // MsgCreateValidator {1 description, 2 commission (LegacyDec rates: integer ×10¹⁸ on
    // the wire, shown as decimals), 3 min_self_delegation (cosmos.Int), 5
    // validator_address, 6 pubkey (Any), 7 value}.
    assert_eq!(
        message_screens(&tx(msg)),
        vec![
            sc("Message (1/1)", "/cosmos.staking.v1beta1.MsgCreateValidator", 1, false),
            sc("Description", "Description object", 2, false),
            sc("Moniker", "Val", 3, false),
            sc("Commission", "CommissionRates object", 2, false),
            sc("Rate", "0.1", 3, false),
            sc("Max rate", "0.2", 3, false),
            sc("Max change rate", "0.01", 3, false),
            sc("Min self delegation", "1'000", 2, false),
            sc("Validator address", &valoper, 2, false),
            sc("Pubkey", "/cosmos.crypto.ed25519.PubKey", 2, false),
            sc("Key", &hex, 3, false),
            sc("Value", "10 MILK", 2, false),
        ]
    );
}

#[test]
fn hyperlane_bridge_int_with_and_without_the_scalar() {
    use milkyway_ledger::cli::build::{bridge, BridgeOpts};
    let recipient = "0x00000000000000000000000011223344556677889900aabbccddeeff00112233";
    let opts = BridgeOpts {
        max_fee: "0.25MILK".into(),
        gas_limit: 1_500_000,
        custom_hook: None,
        hook_metadata: String::new(),
    };
    let msg = bridge(&milkyway_ledger::denoms::MILKYWAY, &me(), recipient, "1234.5MILK", 56, &opts)
        .unwrap();
    // MsgRemoteTransfer {1 sender, 2 token_id, 3 destination_domain (uint32), 4 recipient,
    // 5 amount (math.Int WITH the cosmos.Int scalar: the integer renderer, `'` every
    // three digits), 7 gas_limit (math.Int WITHOUT the scalar: a plain string, no `'`),
    // 8 max_fee (Coin: display unit)}; 6 and 9 empty, so not shown.
    assert_eq!(
        message_screens(&tx(msg)),
        vec![
            sc("Message (1/1)", "/hyperlane.warp.v1.MsgRemoteTransfer", 1, false),
            sc("Sender", &me(), 2, false),
            sc(
                "Token id",
                "0x726f757465725f61707000000000000000000000000000010000000000000000",
                2,
                false
            ),
            sc("Destination domain", "56", 2, false),
            sc("Recipient", recipient, 2, false),
            sc("Amount", "1'234'500'000", 2, false),
            sc("Gas limit", "1500000", 2, false),
            sc("Max fee", "0.25 MILK", 2, false),
        ]
    );
}
