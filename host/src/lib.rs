//! Host crate for the MilkyWay Ledger app: sign `cosmrs` transactions on a Ledger (or in
//! Speculos), typed builders for every message the device clear-signs, SIGN_MODE_DIRECT
//! and LEGACY_AMINO_JSON sign bytes that match the chain (Cosmos SDK 0.50 x/tx) byte for
//! byte, the device's own screens offline, a node's REST API for account, gas and
//! broadcast, and the `milkyway-ledger` CLI.
//!
//! # Sign a cosmrs transaction on the device (SIGN_MODE_DIRECT)
//!
//! Every MilkyWay message is a [`cosmrs::tx::Msg`] ([`msgs::cosmrs_msg`]); the client
//! signs a [`cosmrs::tx::SignDoc`] and returns the [`cosmrs::tx::Raw`] made of its
//! `body_bytes` and `auth_info_bytes` with the verified signature
//! ([`client::Device::sign_direct`]). `host/examples/restake_cosmrs.rs` is this as a
//! program.
//!
//! ```no_run
//! use milkyway_ledger::client::{BlockingDevice, HdPath};
//! use milkyway_ledger::cosmrs::tx::{Body, Fee, Msg as _, SignDoc, SignerInfo};
//! use milkyway_ledger::msgs::{coin, restaking::MsgDelegatePool};
//! use milkyway_ledger::transport::{AnyTransport, DeviceSpec};
//!
//! let dev = BlockingDevice::new(AnyTransport::open(&DeviceSpec::Hid)?);
//! let path = HdPath::new(0, 0);
//! let key = dev.get_address(&path, "milk", false)?; // the address is checked against the key
//! let restake = MsgDelegatePool {
//!     delegator: key.address.clone(),
//!     amount: Some(coin("10500000", "umilk")),
//! };
//! let body = Body::new(vec![restake.to_any()?], "", 0u32);
//! let fee = Fee::from_amount_and_gas(
//!     milkyway_ledger::cosmrs::Coin { denom: "umilk".parse()?, amount: 5000 },
//!     200_000u64,
//! );
//! let auth_info = SignerInfo::single_direct(Some(key.cosmrs_public_key()?), 3).auth_info(fee);
//! let sign_doc = SignDoc::new(&body, &auth_info, &"milkyway".parse()?, 12)?;
//! let signed = dev.sign_direct(&path, "milk", &key, &sign_doc)?; // reviewed on the device
//! let tx_bytes = signed.raw.to_bytes()?; // for POST /cosmos/tx/v1beta1/txs
//! # Ok::<(), Box<dyn std::error::Error + Send + Sync>>(())
//! ```
//!
//! # The same in Amino JSON (LEGACY_AMINO_JSON)
//!
//! The auth info names the signer in LEGACY_AMINO_JSON mode; the client encodes the body
//! and auth info once, computes x/tx's Amino JSON from those bytes, has the device sign
//! it and returns the `Raw` of those bytes ([`client::Device::sign_amino_json`]).
//!
//! ```no_run
//! # use milkyway_ledger::client::{BlockingDevice, HdPath};
//! # use milkyway_ledger::cosmrs::tx::{Body, Fee, Msg as _, SignerInfo};
//! # use milkyway_ledger::msgs::{coin, restaking::MsgDelegatePool};
//! # use milkyway_ledger::transport::{AnyTransport, DeviceSpec};
//! use milkyway_ledger::cosmrs::tx::{ModeInfo, SignMode};
//! # let dev = BlockingDevice::new(AnyTransport::open(&DeviceSpec::Hid)?);
//! # let path = HdPath::new(0, 0);
//! # let key = dev.get_address(&path, "milk", false)?;
//! # let restake = MsgDelegatePool { delegator: key.address.clone(), amount: Some(coin("1", "umilk")) };
//! # let body = Body::new(vec![restake.to_any()?], "", 0u32);
//! # let fee = Fee::from_amount_and_gas(milkyway_ledger::cosmrs::Coin { denom: "umilk".parse()?, amount: 5000 }, 200_000u64);
//! let signer = SignerInfo {
//!     public_key: Some(key.cosmrs_public_key()?.into()),
//!     mode_info: ModeInfo::single(SignMode::LegacyAminoJson),
//!     sequence: 3,
//! };
//! let auth_info = signer.auth_info(fee);
//! let signed = dev.sign_amino_json(&path, "milk", &key, &body, &auth_info, "milkyway", 12, 3)?;
//! println!("{}", String::from_utf8_lossy(&signed.sign_bytes)); // the JSON the device signed
//! # Ok::<(), Box<dyn std::error::Error + Send + Sync>>(())
//! ```
//!
//! The crate's own builder ([`tx::TxBuilder`], what the CLI uses) is a thin layer over
//! the same calls: [`client::Device::sign_tx`] signs its [`tx::Tx`] in either mode.
//!
//! # Preview the device's screens offline
//!
//! [`preview`] runs the device's own decoders and renderer (`milkyway-core`) on the host:
//! the screens the device will show, or the reason it would refuse.
//!
//! ```
//! use milkyway_ledger::msgs::{coin, restaking};
//! use milkyway_ledger::preview;
//! use milkyway_ledger::tx::{SignMode, TxBuilder};
//!
//! let me = "milk1w34k53py5v5xyluazqpq65agyajavep2d6e7j9";
//! let tx = TxBuilder::new("milkyway")
//!     .msg(restaking::MsgDelegateOperator {
//!         delegator: me.into(),
//!         operator_id: 12,
//!         amount: vec![coin("10500000", "umilk")],
//!     })
//!     .fee(vec![coin("5000", "umilk")], 200_000)
//!     .build()?;
//! let screens = preview::tx_screens(&tx, SignMode::Direct, false, Some(me))?;
//! assert_eq!(screens[0], ("Action".to_owned(), "Restake to operator".to_owned()));
//! assert_eq!(screens[1], ("Operator".to_owned(), "Operator #12".to_owned()));
//! // Any sign bytes (another wallet's), and the device's reason for a refusal:
//! let err = preview::screens(b"{}", SignMode::AminoJson, false, None).unwrap_err();
//! assert!(err.refusal_reason().is_some());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! `host/examples/preview_offline.rs` prints a transaction's numbered screens.
//!
//! # Speculos in a test
//!
//! [`transport::SpeculosTransport`] speaks Speculos' raw APDU port; a test starts
//! Speculos with the app's ELF (`speculos --display headless --apdu-port 9999
//! app/target/nanosplus/release/milkyway-ledger-app`), signs in a thread and approves
//! through Speculos' REST API (`POST /button/both` on a Nano) meanwhile. The repository's
//! harness (`tests/src`, `milkyway_e2e::Speculos`) does all of that and walks the review
//! by reading the screens.
//!
//! ```no_run
//! use milkyway_ledger::client::{BlockingDevice, HdPath};
//! use milkyway_ledger::transport::SpeculosTransport;
//! use milkyway_ledger::tx::SignMode;
//!
//! let transport = SpeculosTransport::connect("127.0.0.1:9999".parse()?)?;
//! let dev = std::sync::Arc::new(BlockingDevice::new(transport));
//! let key = dev.get_address(&HdPath::new(0, 0), "milk", false)?;
//! # let tx = milkyway_ledger::tx::TxBuilder::new("milkyway")
//! #     .msg(milkyway_ledger::msgs::restaking::MsgDelegatePool { delegator: key.address.clone(), amount: Some(milkyway_ledger::msgs::coin("1", "umilk")) })
//! #     .build()?;
//! let signer = {
//!     let (dev, key) = (dev.clone(), key.clone());
//!     std::thread::spawn(move || dev.sign_tx_with_key(&HdPath::new(0, 0), "milk", &key, &tx, SignMode::Direct))
//! };
//! // ... walk the review: Speculos' REST API (its --api-port), e.g. the harness' sim.approve()
//! let signed = signer.join().unwrap()?; // verified against the key before it returns
//! # Ok::<(), Box<dyn std::error::Error + Send + Sync>>(())
//! ```
//!
//! # Account, gas and broadcast
//!
//! [`node::Node`] reads the account number and sequence, simulates for gas and broadcasts
//! over a node's REST API; the CLI's `--node`, `--gas auto` and `--broadcast` use it.

/// The `cosmrs` this crate is built on (0.22): its `tx::Body`, `tx::AuthInfo`,
/// `tx::SignDoc` and `tx::Raw` are what the device client signs and returns.
pub use cosmrs;
/// The `ledger-transport` (0.11) whose `Exchange` trait the device client runs over.
pub use ledger_transport;

pub mod adr036;
pub mod amino_json;
pub mod cli;
pub mod client;
pub mod crypto;
pub mod decimal;
pub mod denoms;
pub mod msgs;
pub mod node;
pub mod preview;
pub mod textual;
pub mod transport;
pub mod tx;
mod wire;

/// `&str` equality in `const` context (compile-time lookups in the core's tables).
pub(crate) const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Exit code: success.
pub const EXIT_OK: i32 = 0;
/// Exit code: an unexpected failure (e.g. the output file cannot be written).
pub const EXIT_FAILURE: i32 = 1;
/// Exit code: invalid command line or input (bad amount, unknown denom, bad file).
pub const EXIT_USAGE: i32 = 2;
/// Exit code: the device or transport is unavailable (not connected, locked, app not open).
pub const EXIT_DEVICE: i32 = 3;
/// Exit code: the person rejected the request on the device.
pub const EXIT_REJECTED: i32 = 4;
/// Exit code: the device refused the request (its reason is printed).
pub const EXIT_REFUSED: i32 = 5;
/// Exit code: the device's signature or address did not verify on the host.
pub const EXIT_VERIFICATION: i32 = 6;
