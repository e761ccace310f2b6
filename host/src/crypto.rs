//! Signature and address checks done on the host before a signed transaction is
//! returned: DER → 64-byte low-S r‖s (the form Cosmos verifies), ECDSA verification over
//! the hash the chain verifies with the device's public key, and bech32 addresses.
//!
//! Two kinds of key ([`KeyKind`]): the Cosmos key (44'/118': address
//! RIPEMD160(SHA256(compressed key)), signature over SHA-256 of the sign bytes) and
//! Initia's Ethereum-style key (44'/60', `/initia.crypto.v1beta1.ethsecp256k1.PubKey`:
//! address the last 20 bytes of Keccak-256 of the uncompressed key without its 0x04
//! byte, signature over Keccak-256 of the sign bytes; initia `crypto/ethsecp256k1`).

use k256::ecdsa::signature::hazmat::PrehashVerifier as _;
use k256::ecdsa::{Signature, VerifyingKey};
use ripemd::Ripemd160;
use sha2::{Digest, Sha256};
use sha3::Keccak256;

pub use milkyway_core::apdu::KeyKind;

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
    #[error("cosmrs has no type for Initia's Ethereum-style key: use the key's public_key_any()")]
    NotCosmosKey,
}

/// Converts a DER ECDSA signature to the 64-byte r‖s form with S normalized to the lower
/// half of the curve order, as Cosmos requires.
pub fn der_to_compact_low_s(der: &[u8]) -> Result<[u8; 64], CryptoError> {
    let sig = Signature::from_der(der).map_err(|_| CryptoError::BadDer)?;
    let sig = sig.normalize_s().unwrap_or(sig);
    Ok(sig.to_bytes().into())
}

/// Verifies a 64-byte r‖s signature (must be low-S, as the chain requires) over
/// SHA-256(`message`) with a compressed public key (the Cosmos key).
pub fn verify(
    public_key: &[u8; 33],
    message: &[u8],
    signature: &[u8; 64],
) -> Result<(), CryptoError> {
    verify_with(KeyKind::Cosmos, public_key, message, signature)
}

/// The hash the chain verifies a signature of `message` over, for a key of `kind`.
pub fn signing_hash(kind: KeyKind, message: &[u8]) -> [u8; 32] {
    match kind {
        KeyKind::Cosmos => Sha256::digest(message).into(),
        KeyKind::Eth => Keccak256::digest(message).into(),
    }
}

/// [`verify`] for a key of `kind`: over SHA-256 or Keccak-256 of `message`.
pub fn verify_with(
    kind: KeyKind,
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
    key.verify_prehash(&signing_hash(kind, message), &sig)
        .map_err(|_| CryptoError::VerificationFailed)
}

/// Checks a compressed public key is a point on the curve.
pub fn check_public_key(public_key: &[u8; 33]) -> Result<(), CryptoError> {
    VerifyingKey::from_sec1_bytes(public_key).map(|_| ()).map_err(|_| CryptoError::BadPublicKey)
}

/// The 20-byte account id: RIPEMD160(SHA256(compressed public key)).
pub fn account_id_bytes(public_key: &[u8; 33]) -> [u8; 20] {
    Ripemd160::digest(Sha256::digest(public_key)).into()
}

/// The 20-byte address of Initia's Ethereum-style key: the last 20 bytes of
/// Keccak-256 of the uncompressed key without its 0x04 byte.
pub fn eth_address_bytes(public_key: &[u8; 33]) -> Result<[u8; 20], CryptoError> {
    let key = VerifyingKey::from_sec1_bytes(public_key).map_err(|_| CryptoError::BadPublicKey)?;
    let point = key.to_encoded_point(false);
    let hash = Keccak256::digest(&point.as_bytes()[1..]);
    let mut out = [0u8; 20];
    out.copy_from_slice(&hash[12..]);
    Ok(out)
}

/// The bech32 account address of a Cosmos public key under `hrp` (`milk`, `osmo`, `celestia`).
pub fn address(public_key: &[u8; 33], hrp: &str) -> Result<String, CryptoError> {
    bech32_encode(hrp, &account_id_bytes(public_key))
}

/// The bech32 account address of a key of `kind` under `hrp`.
pub fn address_of(kind: KeyKind, public_key: &[u8; 33], hrp: &str) -> Result<String, CryptoError> {
    match kind {
        KeyKind::Cosmos => address(public_key, hrp),
        KeyKind::Eth => bech32_encode(hrp, &eth_address_bytes(public_key)?),
    }
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

    /// initia-labs/initia `crypto/ethsecp256k1/ethsecp256k1_test.go` `TestPrivKey` (commit
    /// 79ad1c26dcdba668753fdc07fb3b7c1d5a97e3fc): the private key d9b1…b2d3, its address
    /// ff4a64bd…c1d4, and its signature (r‖s‖v, RFC 6979) over Keccak-256 of the EIP-191
    /// form of "hello world".
    #[test]
    fn initia_ethsecp256k1_vector() {
        let sk = SigningKey::from_slice(&hex(
            "d9b18131efa344763bd5e3d1f7c9a12bdd3b62adf178fd25ec01b3594226b2d3",
        ))
        .unwrap();
        let pk = pubkey(&sk);
        assert_eq!(
            eth_address_bytes(&pk).unwrap().to_vec(),
            hex("ff4a64bddd522d3559b7dc2baa2de5364a7bc1d4")
        );
        let msg = b"\x19Ethereum Signed Message:\n11hello world";
        let expected = hex("351f94bfeacbce8c6aa1dc8f9aaa81e0f984df0352b41233b99c4576e486eb537471f3da6f62865e2f6720ea9a08e7aadb7d2d705f9879db0b5d5c0734f3b49f1b");
        // RFC 6979 over the Keccak-256 prehash gives Initia's r‖s exactly (v is dropped).
        let (sig, _) = sk.sign_prehash_recoverable(&signing_hash(KeyKind::Eth, msg)).unwrap();
        let sig = sig.normalize_s().unwrap_or(sig);
        assert_eq!(sig.to_bytes().to_vec(), expected[..64]);
        let compact: [u8; 64] = expected[..64].try_into().unwrap();
        verify_with(KeyKind::Eth, &pk, msg, &compact).unwrap();
        // The same signature is no Cosmos signature of those bytes, nor an Ethereum one
        // of other bytes.
        assert_eq!(verify(&pk, msg, &compact), Err(CryptoError::VerificationFailed));
        assert_eq!(
            verify_with(KeyKind::Eth, &pk, b"hello world", &compact),
            Err(CryptoError::VerificationFailed)
        );
        // The address of the two kinds differ for one key.
        let eth = address_of(KeyKind::Eth, &pk, "init").unwrap();
        let cosmos = address_of(KeyKind::Cosmos, &pk, "init").unwrap();
        assert_ne!(eth, cosmos);
        assert_eq!(bech32_decode(&eth).unwrap().1, hex("ff4a64bddd522d3559b7dc2baa2de5364a7bc1d4"));
    }

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
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
