//! USB HID transport to a real Ledger, via Zondax's `ledger-transport-hid`.

use ledger_transport_hid::hidapi::HidApi;
use ledger_transport_hid::TransportNativeHID;

/// Opens the first Ledger connected over USB. A device can be opened by one process at a
/// time: close Ledger Live and other wallets first.
pub fn open_first_ledger() -> Result<TransportNativeHID, String> {
    let api = HidApi::new().map_err(|e| format!("cannot use USB HID: {e}"))?;
    TransportNativeHID::new(&api).map_err(|e| match e {
        ledger_transport_hid::LedgerHIDError::DeviceNotFound => {
            "no Ledger found over USB: connect and unlock it, and close Ledger Live".to_owned()
        }
        other => format!("cannot open the Ledger: {other}"),
    })
}
