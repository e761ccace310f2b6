//! Speculos harness for the MilkyWay Ledger app: used by the end-to-end tests
//! (`tests/tests/*.rs`, feature `device`) and by the demo (`src/bin/demo.rs`).
//!
//! ```no_run
//! use milkyway_e2e::{app, Capture, Device, Speculos};
//! use std::time::Duration;
//!
//! let sim = Speculos::start(Device::Flex, "example").unwrap();   // free ports, test seed
//! sim.wait_for_home(Duration::from_secs(10)).unwrap();
//! let reply = sim.exchange(&[0x55, 0x00, 0, 0, 0]).unwrap();      // GET_VERSION
//! let pending = sim.exchange_in_background(&app::get_addr_apdu("milk", 0, 0, true));
//! let flow = sim.approve(Capture::TextAndImages).unwrap();        // reads the screens
//! let reply = pending.join().unwrap().unwrap();
//! milkyway_e2e::snapshot::check(Device::Flex, "address_approve", &flow).unwrap();
//! // Dropping `sim` kills Speculos and its qemu (the whole process group).
//! ```
//!
//! Speculos processes die with the thread that started them if it ends without dropping
//! them (PR_SET_PDEATHSIG), so start each one on the thread that uses it.

pub mod app;
pub mod cli;
pub mod device;
pub mod nav;
pub mod node_clients;
pub mod paths;
pub mod screen;
pub mod signing;
pub mod snapshot;
pub mod speculos;

use std::fmt;

pub use device::{Device, Point, TouchLayout};
pub use nav::{Capture, Decision, Flow, Shot};
pub use screen::Screen;
pub use speculos::{Button, Options, Speculos, TEST_MNEMONIC};

/// Generates one test per device in the module it is used in: `<device>::<test>` calls
/// `<test>(Device::…)`, so that `cargo test … flex` runs one device's tests.
///
/// ```no_run
/// fn restake(device: milkyway_e2e::Device) { /* … */ let _ = device; }
/// milkyway_e2e::on_every_device!(restake);   // nanosp::restake, nanox::restake, …
/// # fn main() {}
/// ```
#[macro_export]
macro_rules! on_every_device {
    ($($test:ident),* $(,)?) => {
        mod nanosp { $( #[test] fn $test() { super::$test($crate::Device::NanoSPlus) } )* }
        mod nanox { $( #[test] fn $test() { super::$test($crate::Device::NanoX) } )* }
        mod stax { $( #[test] fn $test() { super::$test($crate::Device::Stax) } )* }
        mod flex { $( #[test] fn $test() { super::$test($crate::Device::Flex) } )* }
        mod apex_p { $( #[test] fn $test() { super::$test($crate::Device::ApexP) } )* }
    };
}

/// The harness' error: a message that says what happened and where to look.
#[derive(Debug)]
pub struct Error(String);

impl Error {
    pub fn msg(m: impl Into<String>) -> Error {
        Error(m.into())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        Error(e.to_string())
    }
}

pub type Result<T> = std::result::Result<T, Error>;
