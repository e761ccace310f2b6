//! ADR-036 off-chain messages ("sign a message to prove you own this address"): the
//! document cosmjs and Keplr's `signArbitrary` sign (Keplr `makeADR36AminoSignDoc`), and
//! its verification as cosmjs/Keplr's `verifyADR36Amino` does it: the signer is the
//! address of the public key, and the signature is over SHA-256 of the document.
//!
//! The device reviews this document as "Sign message" (signer, data) and refuses any
//! other shape naming `sign/MsgSignData` (`milkyway_core::adr036`).

use base64::Engine as _;

use crate::amino_json::{Json, ObjectBuilder};
use crate::crypto;

/// The Amino JSON sign bytes of an ADR-036 message: sorted keys, no whitespace, chain id
/// empty, account number and sequence 0, no fee, no memo, one `sign/MsgSignData`.
pub fn sign_doc(signer: &str, data: &[u8]) -> Vec<u8> {
    let value = ObjectBuilder::new()
        .field("data", Json::str(base64::engine::general_purpose::STANDARD.encode(data)))
        .field("signer", Json::str(signer))
        .build();
    let msg = ObjectBuilder::new()
        .field("type", Json::str(milkyway_core::adr036::MSG_SIGN_DATA))
        .field("value", value)
        .build();
    let fee = ObjectBuilder::new()
        .field("amount", Json::Array(Vec::new()))
        .field("gas", Json::str("0"))
        .build();
    ObjectBuilder::new()
        .field("account_number", Json::str("0"))
        .field("chain_id", Json::str(""))
        .field("fee", fee)
        .field("memo", Json::str(""))
        .field("msgs", Json::Array(vec![msg]))
        .field("sequence", Json::str("0"))
        .build()
        .to_canonical_bytes()
}

/// Checks an ADR-036 signature: `signer` is the address of `public_key` under the
/// signer's own prefix, and `signature` (r‖s, low S) signs [`sign_doc`]`(signer, data)`.
pub fn verify(
    signer: &str,
    data: &[u8],
    public_key: &[u8; 33],
    signature: &[u8; 64],
) -> Result<(), String> {
    let (hrp, _) =
        crypto::bech32_decode(signer).ok_or_else(|| format!("{signer:?} is not an address"))?;
    let owner = crypto::address(public_key, &hrp).map_err(|e| e.to_string())?;
    if owner != signer {
        return Err(format!("the public key's address is {owner}, not the signer {signer}"));
    }
    crypto::verify(public_key, &sign_doc(signer, data), signature)
        .map_err(|e| format!("the signature does not verify: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_document_keplr_makes() {
        // Keplr's test vector (signer, data [1, 2, 3]); its serializeSignDoc sorts the
        // keys and writes no whitespace.
        let signer = "osmo1ymk637a7wljvt4w7q9lnrw95mg9sr37yatxd9h";
        assert_eq!(
            String::from_utf8(sign_doc(signer, &[1, 2, 3])).unwrap(),
            format!(
                r#"{{"account_number":"0","chain_id":"","fee":{{"amount":[],"gas":"0"}},"memo":"","msgs":[{{"type":"sign/MsgSignData","value":{{"data":"AQID","signer":"{signer}"}}}}],"sequence":"0"}}"#
            )
        );
        // The device's core takes it as a message, not a transaction.
        let doc = sign_doc(signer, b"random");
        let found = milkyway_core::adr036::detect(&doc).unwrap().unwrap();
        assert_eq!((found.signer, found.len), (signer, 6));
    }

    #[test]
    fn verification() {
        use k256::ecdsa::{signature::Signer, Signature, SigningKey};
        let key = SigningKey::from_slice(&[7u8; 32]).unwrap();
        let pk: [u8; 33] =
            key.verifying_key().to_encoded_point(true).as_bytes().try_into().unwrap();
        let signer = crypto::address(&pk, "milk").unwrap();
        let sig: Signature = key.sign(&sign_doc(&signer, b"log in to MilkyWay"));
        let sig = sig.normalize_s().unwrap_or(sig);
        let rs: [u8; 64] = sig.to_bytes().into();
        assert_eq!(verify(&signer, b"log in to MilkyWay", &pk, &rs), Ok(()));
        assert!(verify(&signer, b"log in to MilkyWay!", &pk, &rs).is_err());
        let osmo = crypto::address(&pk, "osmo").unwrap();
        // Another prefix is another document (the signer is in it).
        assert!(verify(&osmo, b"log in to MilkyWay", &pk, &rs).is_err());
        assert!(verify("milk1notanaddress", b"log in to MilkyWay", &pk, &rs).is_err());
    }
}
