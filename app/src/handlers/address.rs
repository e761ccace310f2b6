//! GET_ADDR_SECP256K1 (INS 0x04): the public key and bech32 address for a prefix and
//! path, shown for approval when P1 = 1.

use ledger_device_sdk::io::Comm;
use milkyway_core::apdu::{hrp_allowed, parse_get_address, StatusWord};
use milkyway_core::render::Buf;

use crate::{crypto, ui, Outcome};

/// The reply, and whether a review was shown (then a status screen follows).
pub fn get_address(comm: &mut Comm, data: &[u8], show: bool) -> (Outcome, bool) {
    let expert = crate::settings::policy().expert;
    let (hrp, path) = match parse_get_address(data, expert) {
        Ok(v) => v,
        Err(sw) => return (Outcome::Status(sw), false),
    };
    if !hrp_allowed(&hrp, path.key(), expert, !show) {
        return (Outcome::Status(StatusWord::ChainNotAllowed), false);
    }
    let Some(pk) = crypto::public_key(&path) else {
        return (Outcome::Status(StatusWord::ExecutionError), false);
    };
    let Some(hash) = crypto::address_bytes(&path) else {
        return (Outcome::Status(StatusWord::ExecutionError), false);
    };
    let mut address: Buf<96> = Buf::new();
    if milkyway_core::bech32::encode(&mut address, hrp.0, &hash).is_err() {
        return (Outcome::Status(StatusWord::ExecutionError), false);
    }
    if show && !ui::address::review(comm, hrp.0, address.as_str(), &path, expert) {
        return (Outcome::Status(StatusWord::CommandNotAllowed), true);
    }
    let mut reply = heapless::Vec::new();
    if reply.extend_from_slice(&pk).is_err()
        || reply.extend_from_slice(address.as_str().as_bytes()).is_err()
    {
        return (Outcome::Status(StatusWord::ExecutionError), show);
    }
    (Outcome::Data(reply), show)
}
