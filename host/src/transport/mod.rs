//! APDU transports: USB HID (a real Ledger) and Speculos' raw APDU TCP port.

pub mod speculos;

pub use speculos::SpeculosTransport;
