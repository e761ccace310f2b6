//! Signature and address checks done on the host before a signed transaction is
//! returned: DER → 64-byte low-S r‖s (the form Cosmos verifies), ECDSA verification over
//! SHA-256 of the sign bytes with the device's public key, and bech32 addresses
//! (RIPEMD160(SHA256(compressed public key))).

use k256::ecdsa::signature::Verifier as _;
use k256::ecdsa::{Signature, VerifyingKey};
use ripemd::Ripemd160;
use sha2::{Digest, Sha256};

/// Errors of the host-side checks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CryptoError {
    #[error("the device returned a signature that is not valid DER ECDSA")]
    BadDer,
    #[error("the device returned a public key that is not a valid compressed secp256k1 point")]
    BadPublicKey,
    #[error("signature verification failed: the signature does not match the public key and the signed bytes")]
    VerificationFailed,
    #[error("invalid bech32 prefix {0:?}")]
    BadPrefix(String),
}

/// Converts a DER ECDSA signature to the 64-byte r‖s form with S normalized to the lower
/// half of the curve order, as Cosmos requires.
pub fn der_to_compact_low_s(der: &[u8]) -> Result<[u8; 64], CryptoError> {
    let sig = Signature::from_der(der).map_err(|_| CryptoError::BadDer)?;
    let sig = sig.normalize_s().unwrap_or(sig);
    Ok(sig.to_bytes().into())
}

/// Verifies a 64-byte r‖s signature (must be low-S, as the chain requires) over
/// SHA-256(`message`) with a compressed public key.
pub fn verify(
    public_key: &[u8; 33],
    message: &[u8],
    signature: &[u8; 64],
) -> Result<(), CryptoError> {
    let key = VerifyingKey::from_sec1_bytes(public_key).map_err(|_| CryptoError::BadPublicKey)?;
    let sig = Signature::from_slice(signature).map_err(|_| CryptoError::VerificationFailed)?;
    if sig.normalize_s().is_some() {
        // High-S: the chain rejects it.
        return Err(CryptoError::VerificationFailed);
    }
    key.verify(message, &sig).map_err(|_| CryptoError::VerificationFailed)
}

/// Checks a compressed public key is a point on the curve.
pub fn check_public_key(public_key: &[u8; 33]) -> Result<(), CryptoError> {
    VerifyingKey::from_sec1_bytes(public_key).map(|_| ()).map_err(|_| CryptoError::BadPublicKey)
}

/// The 20-byte account id: RIPEMD160(SHA256(compressed public key)).
pub fn account_id_bytes(public_key: &[u8; 33]) -> [u8; 20] {
    Ripemd160::digest(Sha256::digest(public_key)).into()
}

/// The bech32 account address of a public key under `hrp` (`milk`, `osmo`, `celestia`).
pub fn address(public_key: &[u8; 33], hrp: &str) -> Result<String, CryptoError> {
    bech32_encode(hrp, &account_id_bytes(public_key))
}

/// bech32 (BIP-173) encoding of `data` (8-bit bytes) under `hrp`.
pub fn bech32_encode(hrp: &str, data: &[u8]) -> Result<String, CryptoError> {
    cosmrs::AccountId::new(hrp, data)
        .map(|id| id.to_string())
        .map_err(|_| CryptoError::BadPrefix(hrp.to_owned()))
}

/// Decodes a bech32 address into its prefix and bytes (checksum verified).
pub fn bech32_decode(address: &str) -> Option<(String, Vec<u8>)> {
    let id: cosmrs::AccountId = address.parse().ok()?;
    Some((id.prefix().to_owned(), id.to_bytes()))
}

/// SHA-256.
pub fn sha256(data: &[u8]) -> [u8; 32] {
    Sha256::digest(data).into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use k256::ecdsa::signature::Signer as _;
    use k256::ecdsa::SigningKey;

    fn key() -> SigningKey {
        SigningKey::from_slice(&[0x11; 32]).unwrap()
    }

    fn pubkey(sk: &SigningKey) -> [u8; 33] {
        sk.verifying_key().to_encoded_point(true).as_bytes().try_into().unwrap()
    }

    #[test]
    fn der_round_trip_and_verification() {
        let sk = key();
        let pk = pubkey(&sk);
        let msg = b"{\"account_number\":\"0\"}";
        let sig: Signature = sk.sign(msg);
        let der = sig.to_der();
        let compact = der_to_compact_low_s(der.as_bytes()).unwrap();
        verify(&pk, msg, &compact).unwrap();
        assert_eq!(verify(&pk, b"other bytes", &compact), Err(CryptoError::VerificationFailed));
        assert_eq!(der_to_compact_low_s(&[0x30, 0x00]), Err(CryptoError::BadDer));
    }

    #[test]
    fn high_s_is_normalized() {
        let sk = key();
        let pk = pubkey(&sk);
        let msg = b"normalize me";
        let sig: Signature = sk.sign(msg); // k256 signs low-S
        let (r, s) = sig.split_scalars();
        let high = Signature::from_scalars(r, -*s).unwrap();
        assert!(high.normalize_s().is_some(), "the negated S is high");
        let compact_high: [u8; 64] = high.to_bytes().into();
        assert_eq!(verify(&pk, msg, &compact_high), Err(CryptoError::VerificationFailed));
        let from_der = der_to_compact_low_s(high.to_der().as_bytes()).unwrap();
        assert_eq!(from_der, <[u8; 64]>::from(sig.to_bytes()));
        verify(&pk, msg, &from_der).unwrap();
    }

    #[test]
    fn bech32_addresses() {
        // The liquid-vesting module account from the catalog: sha256("liquidvesting")[:20].
        let module: [u8; 20] = sha256(b"liquidvesting")[..20].try_into().unwrap();
        assert_eq!(
            bech32_encode("milk", &module).unwrap(),
            "milk102lq49sg6lmw2e0mw740tjldzq68v0yfgtazz5"
        );
        let (hrp, data) = bech32_decode("milk102lq49sg6lmw2e0mw740tjldzq68v0yfgtazz5").unwrap();
        assert_eq!((hrp.as_str(), data), ("milk", module.to_vec()));
        // One character changed: the checksum catches it.
        assert!(bech32_decode("milk102lq49sg6lmw2e0mw740tjldzq68v0yfgtazz6").is_none());
    }

    #[test]
    fn address_of_public_key() {
        let pk = pubkey(&key());
        let id = account_id_bytes(&pk);
        let expect: [u8; 20] = Ripemd160::digest(Sha256::digest(pk)).into();
        assert_eq!(id, expect);
        let a = address(&pk, "milk").unwrap();
        assert!(a.starts_with("milk1"));
        assert_eq!(bech32_decode(&a).unwrap().1, id.to_vec());
        assert_eq!(address(&pk, "osmo").unwrap()[..5], *"osmo1");
    }
}
