//! Keys and addresses from the secure element.

use ledger_device_sdk::ecc::{Secp256k1, SeedDerive};
use ledger_device_sdk::hash::{ripemd::Ripemd160, sha2::Sha2_256, sha3::Keccak256, HashInit};
use milkyway_core::apdu::{KeyKind, Path};

/// The 65-byte uncompressed secp256k1 public key at `path` (0x04, x, y).
fn uncompressed(path: &Path) -> Option<[u8; 65]> {
    let key = Secp256k1::derive_from_path(&path.0);
    let pk = key.public_key().ok()?;
    let mut out = [0u8; 65];
    out.copy_from_slice(pk.pubkey.get(..65)?);
    Some(out)
}

/// The 33-byte compressed public key of an uncompressed one.
fn compress(raw: &[u8; 65]) -> Option<[u8; 33]> {
    let y_last = *raw.get(64)?;
    let mut out = [0u8; 33];
    out[0] = 0x02 | (y_last & 1);
    out.get_mut(1..33)?.copy_from_slice(raw.get(1..33)?);
    Some(out)
}

/// The 33-byte compressed secp256k1 public key at `path`.
pub fn public_key(path: &Path) -> Option<[u8; 33]> {
    compress(&uncompressed(path)?)
}

/// The account address bytes of the key at `path`, by its kind: for the Cosmos key
/// RIPEMD160(SHA256(compressed key)); for the Ethereum-style key (44'/60') the last 20
/// bytes of Keccak-256 of the uncompressed key without its 0x04 byte (initia
/// `crypto/ethsecp256k1` `PubKey.Address`).
pub fn address_bytes(path: &Path) -> Option<[u8; 20]> {
    let raw = uncompressed(path)?;
    let mut out = [0u8; 20];
    match path.key() {
        KeyKind::Cosmos => {
            let mut sha = [0u8; 32];
            Sha2_256::new().hash(&compress(&raw)?, &mut sha).ok()?;
            Ripemd160::new().hash(&sha, &mut out).ok()?;
        }
        KeyKind::Eth => {
            let mut keccak = [0u8; 32];
            Keccak256::new().hash(raw.get(1..)?, &mut keccak).ok()?;
            out.copy_from_slice(keccak.get(12..)?);
        }
    }
    Some(out)
}
