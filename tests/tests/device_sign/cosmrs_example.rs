//! The integration example `host/examples/restake_cosmrs.rs` run on the device: a restake
//! built with `cosmrs` types, signed in both modes through the client's cosmrs entry
//! points (`sign_direct` with a `cosmrs::tx::SignDoc`, `sign_amino_json` with a `Body`
//! and `AuthInfo`), approved on the device. The returned `cosmrs::tx::Raw` must carry a
//! signature that verifies over sign bytes this test builds itself (the crate's own
//! builder, another path than cosmrs'), the same `TxRaw` bytes, and the review must be
//! the offline preview's.

use milkyway_e2e::{signing, Capture, Device};
use milkyway_ledger::crypto;
use milkyway_ledger::msgs::{coin, restaking};
use milkyway_ledger::tx::{DecodedTx, SignMode, TxBuilder};

use crate::{check_clear_review, Session};

#[allow(dead_code)]
#[path = "../../../host/examples/restake_cosmrs.rs"]
mod restake_cosmrs;

fn restake_signs_in_both_modes(device: Device) {
    let s = Session::start(device, "cosmrs_example");
    let key = s.key("milk");
    for mode in [SignMode::Direct, SignMode::AminoJson] {
        let what = format!("{device} cosmrs restake ({})", mode.name());
        let path = s.path;
        let pending = signing::in_background(&s.client, move |c| {
            restake_cosmrs::sign_restake(c, &path, mode, 12, 3).map_err(|e| e.to_string())
        });
        let flow = s.sim.approve(Capture::Text).unwrap();
        let signed = pending.join().unwrap().unwrap_or_else(|e| panic!("{what}: {e}"));

        let expected = TxBuilder::new("milkyway")
            .msg(restaking::MsgDelegatePool {
                delegator: key.address.clone(),
                amount: Some(coin("10500000", "umilk")),
            })
            .fee(vec![coin("5000", "umilk")], 200_000)
            .account_number(12)
            .sequence(3)
            .build()
            .unwrap();
        let sign_bytes = expected.sign_bytes(mode, &key.public_key).unwrap();
        let raw = signed.raw.to_bytes().unwrap();
        let decoded = DecodedTx::decode(&raw).unwrap();
        let [signature] = decoded.signatures.as_slice() else { panic!("{what}: signatures") };
        let signature: [u8; 64] = signature.as_slice().try_into().unwrap();
        crypto::verify(&key.public_key, &sign_bytes, &signature)
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        assert!(signing::is_low_s(signature[32..].try_into().unwrap()), "{what}: high S");
        assert_eq!(signed.sign_bytes, sign_bytes, "{what}: sign bytes");
        assert_eq!(
            raw,
            expected.assemble(mode, key.public_key, signature).unwrap().to_bytes(),
            "{what}: TxRaw"
        );
        assert_eq!((decoded.mode, decoded.sequence), (mode, 3), "{what}");
        check_clear_review(&what, &s.sim, &flow, &sign_bytes, mode, false, &key.address);
    }
}

milkyway_e2e::on_every_device!(restake_signs_in_both_modes);
