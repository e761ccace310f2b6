//! Hyperlane warp `hyperlane.warp.v1.MsgRemoteTransfer` (bcp-innovations/hyperlane-cosmos
//! v1.0.0-rc0 `proto/hyperlane/warp/v1/tx.proto`), written here from its field numbers.
//! The `HexAddress` fields are strings of `0x` and 64 lower-case hex digits (what the
//! module's own `HexAddress.String()` writes); `amount` and `gas_limit` are `math.Int`
//! decimal strings, which the module always puts on the wire (`"0"` when zero).

use super::cosmrs_msg::proto_msg;
use super::Coin;

#[derive(Clone, PartialEq, ::prost::Message)]
pub struct MsgRemoteTransfer {
    #[prost(string, tag = "1")]
    pub sender: String,
    #[prost(string, tag = "2")]
    pub token_id: String,
    #[prost(uint32, tag = "3")]
    pub destination_domain: u32,
    #[prost(string, tag = "4")]
    pub recipient: String,
    #[prost(string, tag = "5")]
    pub amount: String,
    /// Empty: none (the field is nullable).
    #[prost(string, tag = "6")]
    pub custom_hook_id: String,
    #[prost(string, tag = "7")]
    pub gas_limit: String,
    #[prost(message, optional, tag = "8")]
    pub max_fee: Option<Coin>,
    #[prost(string, tag = "9")]
    pub custom_hook_metadata: String,
}
proto_msg!(MsgRemoteTransfer, "/hyperlane.warp.v1.MsgRemoteTransfer");

/// A recipient as the module takes it: `0x` + 64 lower-case hex digits. An EVM address
/// (`0x` + 40 hex digits) is left-padded with 12 zero bytes, as Hyperlane's routers read
/// it; a 32-byte one is taken as it is. Either case is accepted on input.
pub fn recipient_hex(text: &str) -> Result<String, String> {
    let digits = text
        .strip_prefix("0x")
        .filter(|d| d.chars().all(|c| c.is_ascii_hexdigit()))
        .ok_or_else(|| format!("{text:?}: write the recipient as 0x and 40 or 64 hex digits"))?;
    match digits.len() {
        40 => Ok(format!("0x{}{}", "0".repeat(24), digits.to_ascii_lowercase())),
        64 => Ok(format!("0x{}", digits.to_ascii_lowercase())),
        n => Err(format!("{text:?} has {n} hex digits: an address is 40 (EVM) or 64")),
    }
}
