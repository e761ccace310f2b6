//! Keys and addresses from the secure element.

use ledger_device_sdk::ecc::{Secp256k1, SeedDerive};
use ledger_device_sdk::hash::{ripemd::Ripemd160, sha2::Sha2_256, HashInit};
use milkyway_core::apdu::Path;

/// The 33-byte compressed secp256k1 public key at `path`.
pub fn public_key(path: &Path) -> Option<[u8; 33]> {
    let key = Secp256k1::derive_from_path(&path.0);
    let pk = key.public_key().ok()?;
    let raw = pk.pubkey;
    let y_last = *raw.get(64)?;
    let mut out = [0u8; 33];
    out[0] = 0x02 | (y_last & 1);
    out.get_mut(1..33)?.copy_from_slice(raw.get(1..33)?);
    Some(out)
}

/// RIPEMD160(SHA256(compressed public key)): the Cosmos account address bytes.
pub fn address_bytes(compressed: &[u8; 33]) -> Option<[u8; 20]> {
    let mut sha = [0u8; 32];
    Sha2_256::new().hash(compressed, &mut sha).ok()?;
    let mut out = [0u8; 20];
    Ripemd160::new().hash(&sha, &mut out).ok()?;
    Some(out)
}
