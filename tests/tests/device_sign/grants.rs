//! authz grants, fee grants and validator operations, built with the host's builders
//! (the CLI's `cli::build`), signed in both modes and approved; the checks are
//! [`Session::sign_both_modes`]'s (the review equals the core's screens, both modes show
//! the same, the golden snapshots). A grant and its revocation share a transaction, as do
//! a validator edit and an unjail, to keep the reviews few. And ADR-036 off-chain
//! messages: reviewed as "Sign message", lookalikes refused without a review.

use milkyway_e2e::{signing, snapshot, Decision, Device};
use milkyway_ledger::adr036;
use milkyway_ledger::cli::build::{self, DescriptionOpts, FeeGrantOpts, GrantKind, GrantOpts};
use milkyway_ledger::crypto;
use milkyway_ledger::denoms::MILKYWAY;
use milkyway_ledger::msgs::{coin, Msg};
use milkyway_ledger::tx::SignMode;
use milkyway_ledger::tx::{Tx, TxBuilder};

use crate::Session;

/// The account the grants go to, and its validator operator address.
const BOT: &str = "milk102lq49sg6lmw2e0mw740tjldzq68v0yfgtazz5";
/// 2027-06-01T12:00:00Z (Python `datetime(2027,6,1,12,tzinfo=utc).timestamp()`) minus a
/// day: the fee grant's first period resets at noon on June 1st.
const MAY_31_NOON: i64 = 1_811_764_800;

fn session(device: Device, label: &str) -> Session {
    let s = Session::start(device, label);
    s.sim.set_dismiss_status(true);
    s
}

fn milky(msgs: Vec<Msg>, sequence: u64) -> Tx {
    TxBuilder::new(MILKYWAY.chain_id)
        .msgs(msgs)
        .fee(vec![coin("5000", "umilk")], 250_000)
        .account_number(12)
        .sequence(sequence)
        .build()
        .unwrap()
}

fn authz_and_fee_grants(device: Device) {
    let s = session(device, "sign_grants");
    let me = s.key("milk").address;

    let claim = GrantOpts {
        msg_type: Some("/milkyway.rewards.v1.MsgWithdrawDelegatorReward".into()),
        expiration: Some("2026-12-31T23:59:59Z".into()),
        ..Default::default()
    };
    let grant = build::grant(&MILKYWAY, &me, BOT, GrantKind::Generic, &claim).unwrap();
    let revoke = build::revoke(&MILKYWAY, &me, BOT, "/cosmos.bank.v1beta1.MsgSend").unwrap();
    s.sign_both_modes(
        "sign_authz_grant",
        "milk",
        milky(vec![grant, revoke], 20),
        &[
            "Grant authorization",
            BOT,
            "Any amount, no limit",
            "Claim restaking rewards",
            "2026-12-31 23:59:59 UTC",
            "Revoke authorization",
            "Send",
        ],
    );

    let val = build::valoper_of(&MILKYWAY, BOT).unwrap();
    let stake =
        GrantOpts { limit: Some("100MILK".into()), deny: vec![val.clone()], ..Default::default() };
    s.sign_both_modes(
        "sign_authz_stake_grant",
        "milk",
        milky(vec![build::grant(&MILKYWAY, &me, BOT, GrantKind::Delegate, &stake).unwrap()], 21),
        &["Grant authorization", "Stake: Delegate", "100 MILK", &val, "None: never expires"],
    );

    let fees = FeeGrantOpts {
        period_seconds: Some(86_400),
        period_limit: Some("0.1MILK".into()),
        allowed_messages: vec!["/milkyway.restaking.v1.MsgDelegatePool".into()],
        ..Default::default()
    };
    let fee_grant = build::fee_grant(&MILKYWAY, &me, BOT, &fees, MAY_31_NOON).unwrap();
    let fee_revoke = build::fee_revoke(&MILKYWAY, &me, BOT).unwrap();
    s.sign_both_modes(
        "sign_fee_grant",
        "milk",
        milky(vec![fee_grant, fee_revoke], 22),
        &[
            "Grant fee allowance",
            "Fees, per period, for some messages only",
            "Restake to pool",
            "No limit",
            "1 day",
            "0.1 MILK",
            "2027-06-01 12:00:00 UTC",
            "None: never expires",
            "Revoke fee allowance",
        ],
    );
}

fn validators(device: Device) {
    let s = session(device, "sign_validators");
    let me = s.key("milk").address;
    let val = build::valoper_of(&MILKYWAY, &me).unwrap();
    // Bytes 1..=32; the fingerprint is the first 20 bytes of its SHA-256 (Python hashlib).
    let key = r#"{"@type":"/cosmos.crypto.ed25519.PubKey","key":"AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA="}"#;
    let d = DescriptionOpts {
        moniker: Some("Nebula".into()),
        website: Some("https://nebula.example".into()),
        ..Default::default()
    };
    let create =
        build::create_validator(&MILKYWAY, &me, &d, ("5%", "20%", "1%"), "1000000", key, "100MILK")
            .unwrap();
    s.sign_both_modes(
        "sign_create_validator",
        "milk",
        milky(vec![create], 30),
        &[
            "Create validator",
            "Nebula",
            "https://nebula.example",
            "5%",
            "20%",
            "1%",
            "1 MILK",
            &val,
            "AE216C2EF5247A3782C135EFA279A3E4CDC",
            "100 MILK",
        ],
    );

    let edit = DescriptionOpts { details: Some("".into()), ..Default::default() };
    let edit = build::edit_validator(&MILKYWAY, &me, &edit, Some("7%"), None).unwrap();
    let unjail = build::unjail(&MILKYWAY, &me).unwrap();
    s.sign_both_modes(
        "sign_edit_validator",
        "milk",
        milky(vec![edit, unjail], 31),
        &["Edit validator", "(unchanged)", "(set to empty)", "7%", "Unjail validator", &val],
    );
}

/// The message a dApp log-in asks to sign (text with a line break).
const LOGIN: &[u8] = b"Log in to app.example\nnonce: 42";

fn off_chain_message(device: Device) {
    let s = session(device, "sign_message");
    let key = s.key("milk");
    let doc = adr036::sign_doc(&key.address, LOGIN);
    let what = format!("{device} sign_message");
    let (flow, reply) = s.sign(s.path, None, SignMode::AminoJson, &doc, Decision::Approve);
    let der = reply.unwrap_or_else(|e| panic!("{what}: {e}\n{}", flow.text()));
    let rs = crypto::der_to_compact_low_s(&der).unwrap();
    adr036::verify(&key.address, LOGIN, &key.public_key, &rs)
        .unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(
        flow.shots.first().is_some_and(|f| f.screen.contains("Review message")),
        "{what}: not a message review:\n{}",
        flow.text()
    );
    for title in ["Review transaction", "Sign transaction", "Transaction signed"] {
        assert!(
            !flow.contains(title),
            "{what}: a message shown as a transaction:\n{}",
            flow.text()
        );
    }
    crate::check_facts(
        &what,
        &flow,
        &["Signer", &key.address, "Log in to app.example", "nonce: 42"],
    );
    signing::check_ends(&s.sim, &flow, "Message signed").unwrap_or_else(|e| panic!("{what}: {e}"));
    snapshot::check(device, "sign_message", &flow).unwrap();

    // Refused without a review: a lookalike with a sequence (it could be a transaction),
    // and a message naming another signer than this key.
    let lookalike =
        String::from_utf8(doc.clone()).unwrap().replace(r#""sequence":"0""#, r#""sequence":"1""#);
    let other = adr036::sign_doc(BOT, LOGIN);
    for (name, bytes, reason) in [
        ("lookalike", lookalike.into_bytes(), "not exactly the ADR-036 document"),
        ("other signer", other, "signer is not this key's address"),
    ] {
        let (data, sw) =
            signing::send_until_refused(&s.client, &s.path, None, SignMode::AminoJson, &bytes)
                .unwrap();
        assert_eq!(sw, 0x6984, "{what} {name}");
        assert!(String::from_utf8_lossy(&data).contains(reason), "{what} {name}: {data:?}");
        let screen = s.sim.current_screen().unwrap();
        assert!(s.sim.is_home(&screen), "{what} {name}: showed {}", screen.one_line());
    }
}

milkyway_e2e::on_every_device!(authz_and_fee_grants, validators, off_chain_message);
