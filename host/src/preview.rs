//! Offline preview: the exact screens the device shows for a transaction, computed on the
//! host by the device's own code (`milkyway-core`: the same decoders and renderer the app
//! runs), without a device.
//!
//! ```
//! use milkyway_ledger::{msgs::{coin, restaking}, preview, tx::{SignMode, TxBuilder}};
//!
//! let me = "milk1mevswxr8d9r0w0vd6d0ds7k4qh0xmdma3mr3dl";
//! let tx = TxBuilder::new("milkyway")
//!     .msg(restaking::MsgDelegatePool { delegator: me.into(), amount: Some(coin("10500000", "umilk")) })
//!     .fee(vec![coin("5000", "umilk")], 200_000)
//!     .build()?;
//! let screens = preview::tx_screens(&tx, SignMode::Direct, false, Some(me))?;
//! assert_eq!(screens[0], ("Action".to_owned(), "Restake to pool".to_owned()));
//! assert_eq!(screens[1], ("Amount".to_owned(), "10.5 MILK".to_owned()));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use milkyway_core::schema::Kind;

use crate::tx::{SignMode, Tx, TxError};

/// One screen: its label and its value, as the device shows them.
pub type Screen = (String, String);

/// The public key put into the DIRECT `AuthInfo` of a previewed transaction (the
/// secp256k1 generator point, compressed). The device shows nothing of the signer's key,
/// so any valid key gives the same screens.
pub const PREVIEW_PUBLIC_KEY: [u8; 33] = [
    0x02, 0x79, 0xbe, 0x66, 0x7e, 0xf9, 0xdc, 0xbb, 0xac, 0x55, 0xa0, 0x62, 0x95, 0xce, 0x87, 0x0b,
    0x07, 0x02, 0x9b, 0xfc, 0xdb, 0x2d, 0xce, 0x28, 0xd9, 0x59, 0xf2, 0x81, 0x5b, 0x16, 0xf8, 0x17,
    0x98,
];

/// Why there is no preview.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PreviewError {
    /// The device would refuse to sign this document, for this reason (the same
    /// `milkyway_core::Error` whose reason it sends back with status word 0x6984).
    #[error("the device would refuse this transaction: {}", .0.reason())]
    Refused(milkyway_core::Error),
    /// The device would refuse it for its chain: the chain id is not the address
    /// prefix's chain, or unknown (both allowed in expert mode only). The reason is the
    /// one the device sends.
    #[error("the device would refuse this transaction: {0}")]
    ChainNotAllowed(&'static str),
    /// The device would refuse this SIGN_MODE_TEXTUAL document, for this reason.
    #[error("the device would refuse this document: {0}")]
    TextualRefused(&'static str),
    /// The transaction could not be encoded in the first place.
    #[error(transparent)]
    Tx(#[from] TxError),
}

impl PreviewError {
    /// The device's refusal reason, when the device would refuse.
    pub fn refusal_reason(&self) -> Option<&'static str> {
        match self {
            PreviewError::Refused(e) => Some(e.reason()),
            PreviewError::ChainNotAllowed(reason) | PreviewError::TextualRefused(reason) => {
                Some(reason)
            }
            PreviewError::Tx(_) => None,
        }
    }
}

impl From<milkyway_core::Error> for PreviewError {
    fn from(e: milkyway_core::Error) -> Self {
        PreviewError::Refused(e)
    }
}

/// Every screen the device shows for `sign_bytes` (a DIRECT `SignDoc` or an Amino JSON
/// sign doc), in order. `expert`: the device's expert mode (account number, sequence,
/// gas, timeout height). `own_address`: the signer's address on this chain; the device
/// hides signer fields equal to it, exactly as here.
pub fn screens(
    sign_bytes: &[u8],
    mode: SignMode,
    expert: bool,
    own_address: Option<&str>,
) -> Result<Vec<Screen>, PreviewError> {
    // An ADR-036 off-chain message: the device's "Sign message" review, or its refusal.
    if mode == SignMode::AminoJson {
        if let Some(found) = milkyway_core::adr036::detect(sign_bytes) {
            let data = found?;
            let mut out = Vec::new();
            let mut sink = |s: milkyway_core::Screen<'_>| {
                out.push((s.label.to_owned(), s.value.to_owned()));
                Ok(())
            };
            milkyway_core::adr036::render(&data, &mut sink)?;
            return Ok(out);
        }
    }
    let tx = milkyway_core::decode(sign_bytes, mode)?;
    let mut out = Vec::new();
    let mut sink = |s: milkyway_core::Screen<'_>| {
        out.push((s.label.to_owned(), s.value.to_owned()));
        Ok(())
    };
    milkyway_core::render(&tx, &milkyway_core::Options { expert, own_address }, &mut sink)?;
    Ok(out)
}

/// Every review screen the device shows for a SIGN_MODE_TEXTUAL document, in order: the
/// device's own decoder and renderer (`milkyway_core::textual`): one `>` per indent level
/// before the title, long contents paged.
pub fn textual_screens(cbor: &[u8]) -> Result<Vec<Screen>, PreviewError> {
    let envelope = milkyway_core::textual::decode(cbor)
        .map_err(|e| PreviewError::TextualRefused(e.reason()))?;
    let mut out = Vec::new();
    let mut sink = |s: milkyway_core::Screen<'_>| {
        out.push((s.label.to_owned(), s.value.to_owned()));
        Ok(())
    };
    milkyway_core::textual::render(&envelope, &mut sink)?;
    Ok(out)
}

/// The device's chain rule for a SIGN_MODE_TEXTUAL document (its "Chain id" screen).
pub fn check_textual_chain(
    cbor: &[u8],
    prefix: Option<&str>,
    expert: bool,
) -> Result<(), PreviewError> {
    let envelope = milkyway_core::textual::decode(cbor)
        .map_err(|e| PreviewError::TextualRefused(e.reason()))?;
    let policy = milkyway_core::session::Policy { expert, blind_signing: false };
    let chain_id = milkyway_core::text::Text::Plain(envelope.chain_id());
    milkyway_core::session::chain_rule(&chain_id, prefix, policy)
        .map(|_| ())
        .map_err(|r| PreviewError::ChainNotAllowed(r.reason))
}

/// The review's title and its signing question for `sign_bytes`, as the device shows them
/// before and after the screens: ("Review transaction to restake MILK", "Sign transaction
/// to restake MILK?"), or the generic pair for a transaction mixing message families
/// (`milkyway_core::intent`, the code the app runs).
pub fn titles(sign_bytes: &[u8], mode: SignMode) -> Result<(String, String), PreviewError> {
    let tx = milkyway_core::decode(sign_bytes, mode)?;
    let intent = milkyway_core::intent(&tx)?;
    let (mut review, mut sign) = (String::new(), String::new());
    // Writing into a String cannot fail.
    let _ = intent.write_review(&mut review);
    let _ = intent.write_sign(&mut sign);
    Ok((review, sign))
}

/// The review's title and signing question for a SIGN_MODE_TEXTUAL document: always the
/// generic pair ("Review transaction", "Sign transaction?"). The device does not read an
/// operation out of the chain's screens (docs/protocol.md says why).
pub fn textual_titles() -> (String, String) {
    let intent = milkyway_core::Intent::default();
    let (mut review, mut sign) = (String::new(), String::new());
    // Writing into a String cannot fail.
    let _ = intent.write_review(&mut review);
    let _ = intent.write_sign(&mut sign);
    (review, sign)
}

/// Checks the device's chain rule (`milkyway_core::session::chain_policy`, the code the
/// app runs) for `sign_bytes` signed with the address prefix `prefix` (`None`: no prefix
/// sent, as cosmjs does) and the device's expert mode `expert`.
pub fn check_chain(
    sign_bytes: &[u8],
    mode: SignMode,
    prefix: Option<&str>,
    expert: bool,
) -> Result<(), PreviewError> {
    // An off-chain message has no chain (its own rules are checked by `screens`).
    if mode == SignMode::AminoJson && milkyway_core::adr036::detect(sign_bytes).is_some() {
        return Ok(());
    }
    let tx = milkyway_core::decode(sign_bytes, mode)?;
    let policy = milkyway_core::session::Policy { expert, blind_signing: false };
    milkyway_core::session::chain_policy(&tx, prefix, policy)
        .map(|_| ())
        .map_err(|r| PreviewError::ChainNotAllowed(r.reason))
}

/// [`screens`] of a host transaction, encoded in `mode` (with [`PREVIEW_PUBLIC_KEY`]).
pub fn tx_screens(
    tx: &Tx,
    mode: SignMode,
    expert: bool,
    own_address: Option<&str>,
) -> Result<Vec<Screen>, PreviewError> {
    screens(&tx.sign_bytes(mode, &PREVIEW_PUBLIC_KEY)?, mode, expert, own_address)
}

/// The account that signs `sign_bytes`: the signer field (delegator, sender, voter,
/// grantee…, as the core's catalog marks them) of every top-level message, when they all
/// name the same address. `None` when a message has no signer field or they differ.
pub fn signer(sign_bytes: &[u8], mode: SignMode) -> Result<Option<String>, PreviewError> {
    // An off-chain message names its signer.
    if mode == SignMode::AminoJson {
        if let Some(found) = milkyway_core::adr036::detect(sign_bytes) {
            return Ok(Some(found?.signer.to_owned()));
        }
    }
    let tx = milkyway_core::decode(sign_bytes, mode)?;
    let mut found: Option<Option<String>> = None;
    tx.each_message(|m| {
        let index = m.schema.fields.iter().position(|f| matches!(f.kind, Kind::Signer));
        let address = match index.map(|i| m.body.get(i)).transpose()? {
            Some(milkyway_core::msg::Val::Text(t)) => Some(t.chars().collect::<String>()),
            _ => None,
        };
        found = match found.take() {
            None => Some(address),
            Some(prev) if prev == address => Some(prev),
            Some(_) => Some(None),
        };
        Ok(())
    })?;
    Ok(found.flatten())
}

/// The screens numbered from 1, one a line: ` 1. Action: Restake to pool`; a screen
/// without a label (textual's "This transaction has 1 Message") is its value alone.
pub fn format_numbered(screens: &[Screen]) -> String {
    let width = screens.len().to_string().len();
    screens
        .iter()
        .enumerate()
        .map(|(i, (label, value))| match label.as_str() {
            "" => format!("{:>width$}. {value}\n", i + 1),
            _ => format!("{:>width$}. {label}: {value}\n", i + 1),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::msgs::{coin, restaking, Any, Msg};
    use crate::tx::TxBuilder;

    const ME: &str = "milk1mevswxr8d9r0w0vd6d0ds7k4qh0xmdma3mr3dl";
    const MILKTIA: &str = "ibc/16065EE5282C5217685C8F084FC44864C25C706AC37356B0D62811D50B96920F";

    fn restake() -> Tx {
        TxBuilder::new("milkyway")
            .msg(restaking::MsgDelegatePool {
                delegator: ME.into(),
                amount: Some(coin("10500000", MILKTIA)),
            })
            .fee(vec![coin("5000", "umilk")], 200_000)
            .account_number(12)
            .sequence(3)
            .build()
            .unwrap()
    }

    #[test]
    fn titles_name_the_operation_and_asset_in_both_modes() {
        for mode in [SignMode::Direct, SignMode::AminoJson] {
            let bytes = restake().sign_bytes(mode, &PREVIEW_PUBLIC_KEY).unwrap();
            assert_eq!(
                titles(&bytes, mode).unwrap(),
                (
                    "Review transaction to restake milkTIA".to_owned(),
                    "Sign transaction to restake milkTIA?".to_owned()
                )
            );
        }
    }

    fn lines(s: &[Screen]) -> Vec<String> {
        s.iter().map(|(l, v)| format!("{l}: {v}")).collect()
    }

    #[test]
    fn restake_screens_in_both_modes() {
        // Written by hand from the core's display rules: title, the amount with the
        // registry's symbol and decimals (milkTIA, 6), the delegator hidden because it is
        // the signer's own address, then fee and chain; expert mode adds account number,
        // sequence and gas (no timeout height: it is 0).
        let want = [
            "Action: Restake to pool",
            "Amount: 10.5 milkTIA",
            "Chain: MilkyWay",
            "Fees: 0.005 MILK",
        ];
        let expert = [
            "Action: Restake to pool",
            "Amount: 10.5 milkTIA",
            "Chain: MilkyWay",
            "Fees: 0.005 MILK",
            "Account number: 12",
            "Sequence: 3",
            "Gas: 200000",
        ];
        for mode in [SignMode::Direct, SignMode::AminoJson] {
            assert_eq!(
                lines(&tx_screens(&restake(), mode, false, Some(ME)).unwrap()),
                want,
                "{mode:?}"
            );
            assert_eq!(
                lines(&tx_screens(&restake(), mode, true, Some(ME)).unwrap()),
                expert,
                "{mode:?}"
            );
        }
        // Another key signing: the delegator is shown.
        let other = lines(&tx_screens(&restake(), SignMode::Direct, false, None).unwrap());
        assert_eq!(other[1], format!("Delegator: {ME}"));
    }

    #[test]
    fn the_signer_is_found_in_the_messages() {
        for mode in [SignMode::Direct, SignMode::AminoJson] {
            let bytes = restake().sign_bytes(mode, &PREVIEW_PUBLIC_KEY).unwrap();
            assert_eq!(signer(&bytes, mode).unwrap().as_deref(), Some(ME));
        }
        let mut two = restake();
        two.msgs.push(Msg::from(restaking::MsgDelegatePool {
            delegator: "milk1other".into(),
            amount: Some(coin("1", "umilk")),
        }));
        let bytes = two.sign_bytes(SignMode::AminoJson, &PREVIEW_PUBLIC_KEY).unwrap();
        assert_eq!(signer(&bytes, SignMode::AminoJson).unwrap(), None);
    }

    #[test]
    fn an_unknown_message_is_refused_with_the_device_reason() {
        // A DIRECT SignDoc whose body carries a message type the device does not know.
        let mut tx = restake();
        let unknown = Any { type_url: "/milkyway.restaking.v1.MsgUnknown".into(), value: vec![] };
        let mut body = tx.body_proto();
        body.messages = vec![unknown];
        let doc = cosmos_sdk_proto::cosmos::tx::v1beta1::SignDoc {
            body_bytes: prost::Message::encode_to_vec(&body),
            auth_info_bytes: tx.auth_info_bytes(SignMode::Direct, &PREVIEW_PUBLIC_KEY),
            chain_id: tx.chain_id.clone(),
            account_number: tx.account_number,
        };
        let err = screens(&prost::Message::encode_to_vec(&doc), SignMode::Direct, false, None)
            .unwrap_err();
        assert_eq!(err, PreviewError::Refused(milkyway_core::Error::UnknownMessage));
        assert_eq!(
            err.refusal_reason(),
            Some("Unknown message type (enable blind signing to sign it)")
        );
        // The same in Amino JSON.
        let json = r#"{"account_number":"12","chain_id":"milkyway","fee":{"amount":[],"gas":"200000"},"memo":"","msgs":[{"type":"milkyway/MsgUnknown","value":{}}],"sequence":"3"}"#;
        let err = screens(json.as_bytes(), SignMode::AminoJson, false, None).unwrap_err();
        assert_eq!(
            err.refusal_reason(),
            Some("Unknown message type (enable blind signing to sign it)")
        );
        // And a chain id the device refuses.
        tx.chain_id = "1".into();
        assert_eq!(
            tx_screens(&tx, SignMode::AminoJson, false, None).unwrap_err(),
            PreviewError::Refused(milkyway_core::Error::InvalidChainId)
        );
    }

    #[test]
    fn numbering() {
        let s = vec![("A".to_owned(), "1".to_owned()); 10];
        let text = format_numbered(&s);
        assert!(text.starts_with(" 1. A: 1\n"));
        assert!(text.ends_with("10. A: 1\n"));
    }
}
