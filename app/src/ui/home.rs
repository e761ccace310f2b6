//! The home screen.

use ledger_device_sdk::include_gif;
use ledger_device_sdk::nbgl::{NbglGlyph, NbglHomeAndSettings};

#[cfg(target_os = "apex_p")]
pub const ICON: NbglGlyph =
    NbglGlyph::from_include(include_gif!("../icons/milkyway_48x48.png", NBGL));
#[cfg(any(target_os = "stax", target_os = "flex"))]
pub const ICON: NbglGlyph =
    NbglGlyph::from_include(include_gif!("../icons/milkyway_64x64.gif", NBGL));
#[cfg(any(target_os = "nanosplus", target_os = "nanox"))]
pub const ICON: NbglGlyph =
    NbglGlyph::from_include(include_gif!("../icons/milkyway_14x14.gif", NBGL));

pub fn home() -> NbglHomeAndSettings {
    NbglHomeAndSettings::new()
        .glyph(&ICON)
        .infos("MilkyWay", env!("CARGO_PKG_VERSION"), "MilkyWay Labs")
        .settings(crate::settings::storage(), &crate::settings::SWITCHES)
}
