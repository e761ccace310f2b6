//! A restake built with `cosmrs` types, signed on a Ledger (or in Speculos) in
//! SIGN_MODE_DIRECT or LEGACY_AMINO_JSON; prints the signed `cosmrs::tx::Raw` in base64,
//! ready for `POST /cosmos/tx/v1beta1/txs`.
//!
//!     cargo run -p milkyway-ledger --example restake_cosmrs -- speculos:127.0.0.1:9999 direct 12 3
//!     cargo run -p milkyway-ledger --example restake_cosmrs -- hid amino 12 3
//!
//! (arguments: device, mode, account number, sequence). [`sign_restake`] is the whole
//! integration; the device tier runs it in Speculos on every device and verifies the
//! signature of the `Raw` it returns (`tests/tests/device_sign/cosmrs_example.rs`).

use std::error::Error;
use std::fmt;

// The crate re-exports the cosmrs and ledger-transport it is built on, so the types
// match whatever versions the application itself depends on.
use milkyway_ledger::client::{BlockingDevice, HdPath};
use milkyway_ledger::cosmrs::tx::{Body, Fee, ModeInfo, Msg as _, SignDoc, SignerInfo};
use milkyway_ledger::cosmrs::{self, tx::Raw};
use milkyway_ledger::ledger_transport::Exchange;
use milkyway_ledger::msgs::{coin, restaking::MsgDelegatePool};
use milkyway_ledger::transport::{AnyTransport, DeviceSpec};
use milkyway_ledger::tx::{SignMode, Signed};

/// Restakes 10.5 MILK into the MILK pool from the account at `path`, on `milkyway`:
/// the message, body, signer info, fee and sign doc are `cosmrs` types; the device
/// signs, the client verifies the signature and returns the `Raw` made of the bytes that
/// were signed.
pub fn sign_restake<E>(
    dev: &BlockingDevice<E>,
    path: &HdPath,
    mode: SignMode,
    account_number: u64,
    sequence: u64,
) -> Result<Signed, Box<dyn Error + Send + Sync>>
where
    E: Exchange + Send + Sync,
    E::Error: fmt::Display,
{
    // The key and address at `path` (read silently; the client checks the address
    // against the key).
    let key = dev.get_address(path, "milk", false)?;
    let restake =
        MsgDelegatePool { delegator: key.address.clone(), amount: Some(coin("10500000", "umilk")) };
    let body = Body::new(vec![restake.to_any()?], "", 0u32);
    let fee = Fee::from_amount_and_gas(
        cosmrs::Coin { denom: "umilk".parse()?, amount: 5000 },
        200_000u64,
    );
    let public_key = key.cosmrs_public_key()?;
    let signed = match mode {
        SignMode::Direct => {
            let auth_info = SignerInfo::single_direct(Some(public_key), sequence).auth_info(fee);
            let sign_doc = SignDoc::new(&body, &auth_info, &"milkyway".parse()?, account_number)?;
            dev.sign_direct(path, "milk", &key, &sign_doc)?
        }
        SignMode::AminoJson => {
            let signer = SignerInfo {
                public_key: Some(public_key.into()),
                mode_info: ModeInfo::single(cosmrs::tx::SignMode::LegacyAminoJson),
                sequence,
            };
            let auth_info = signer.auth_info(fee);
            dev.sign_amino_json(
                path,
                "milk",
                &key,
                &body,
                &auth_info,
                "milkyway",
                account_number,
                sequence,
            )?
        }
        SignMode::Textual => {
            // The device signs the CBOR screens the chain renders of these bytes (coins
            // with the registry's MILK metadata).
            let signer = SignerInfo {
                public_key: Some(public_key.into()),
                mode_info: ModeInfo::single(cosmrs::tx::SignMode::Textual),
                sequence,
            };
            dev.sign_textual(
                path,
                "milk",
                &key,
                body.into_bytes()?,
                signer.auth_info(fee).into_bytes()?,
                "milkyway",
                account_number,
                &milkyway_ledger::textual::DenomMetadata::builtin("milkyway"),
            )?
        }
    };
    Ok(signed)
}

fn main() -> Result<(), Box<dyn Error + Send + Sync>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [device, mode, account_number, sequence] = args.as_slice() else {
        return Err("usage: restake_cosmrs DEVICE direct|amino ACCOUNT_NUMBER SEQUENCE".into());
    };
    let spec: DeviceSpec = device.parse()?;
    let mode = match mode.as_str() {
        "direct" => SignMode::Direct,
        "amino" => SignMode::AminoJson,
        other => return Err(format!("unknown mode {other:?}: direct or amino").into()),
    };
    let dev = BlockingDevice::new(AnyTransport::open(&spec)?);
    eprintln!("Confirm the restake on your Ledger…");
    let signed =
        sign_restake(&dev, &HdPath::new(0, 0), mode, account_number.parse()?, sequence.parse()?)?;
    let raw: &Raw = &signed.raw;
    eprintln!("Signed: {} bytes, signature verified.", raw.to_bytes()?.len());
    println!("{}", signed.to_base64());
    Ok(())
}
