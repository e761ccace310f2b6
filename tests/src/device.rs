//! The five Ledger devices the app supports, with their names in cargo, Speculos and the
//! snapshot folders, and the places to touch on the touch-screen models.

use std::fmt;
use std::str::FromStr;

/// A Ledger device model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Device {
    NanoSPlus,
    NanoX,
    Stax,
    Flex,
    ApexP,
}

/// A point on a touch screen, in pixels from the top left corner.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Point {
    pub x: u32,
    pub y: u32,
}

const fn pt(x: u32, y: u32) -> Point {
    Point { x, y }
}

/// Where the NBGL use-case screens put their controls on a touch-screen model (API level 27,
/// as drawn by Speculos 0.27.1). Measured on Speculos screenshots; each point lies well
/// inside its control, not on an edge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TouchLayout {
    /// Screen size in pixels (width, height).
    pub size: (u32, u32),
    /// The big black "Confirm" button of the last page of an address review.
    pub confirm: Point,
    /// The "Hold to sign" row of the last page of a transaction review (press and hold).
    pub hold_to_sign: Point,
    /// The left part of the footer: "Reject" (transaction) or "Cancel" (address review).
    pub footer_left: Point,
    /// The big black button of a choice screen: "Yes, reject" on "Reject transaction?",
    /// "Back to safety" on the blind-signing warning.
    pub choice_primary: Point,
    /// The text button under it: "Go back to transaction", "Continue anyway".
    pub choice_secondary: Point,
    /// A swipe from `swipe_from` to `swipe_to` shows the next page.
    pub swipe_from: Point,
    pub swipe_to: Point,
    /// The settings button (gear) at the top right of the home screen.
    pub settings: Point,
    /// The back arrow at the top left of the settings pages.
    pub settings_back: Point,
    /// The x of the switches on a settings page (their y is that of the switch's name).
    pub switch_x: u32,
}

impl Device {
    /// All five, in the order the tests and builds use.
    pub const ALL: [Device; 5] =
        [Device::NanoSPlus, Device::NanoX, Device::Stax, Device::Flex, Device::ApexP];

    /// The Speculos model name (`--model`), also the snapshot folder name.
    pub fn model(self) -> &'static str {
        match self {
            Device::NanoSPlus => "nanosp",
            Device::NanoX => "nanox",
            Device::Stax => "stax",
            Device::Flex => "flex",
            Device::ApexP => "apex_p",
        }
    }

    /// The cargo target name of the device build (`--target`).
    pub fn target(self) -> &'static str {
        match self {
            Device::NanoSPlus => "nanosplus",
            Device::NanoX => "nanox",
            Device::Stax => "stax",
            Device::Flex => "flex",
            Device::ApexP => "apex_p",
        }
    }

    /// Nano S+ and Nano X have two buttons; the others a touch screen.
    pub fn is_nano(self) -> bool {
        matches!(self, Device::NanoSPlus | Device::NanoX)
    }

    /// The touch-screen layout, `None` on the Nanos.
    pub fn touch_layout(self) -> Option<TouchLayout> {
        match self {
            Device::NanoSPlus | Device::NanoX => None,
            Device::Stax => Some(TouchLayout {
                size: (400, 672),
                confirm: pt(248, 520),
                hold_to_sign: pt(200, 515),
                footer_left: pt(80, 625),
                choice_primary: pt(200, 543),
                choice_secondary: pt(200, 627),
                swipe_from: pt(350, 300),
                swipe_to: pt(50, 300),
                settings: pt(336, 64),
                settings_back: pt(44, 44),
                switch_x: 346,
            }),
            Device::Flex => Some(TouchLayout {
                size: (480, 600),
                confirm: pt(290, 435),
                hold_to_sign: pt(240, 428),
                footer_left: pt(95, 550),
                choice_primary: pt(240, 460),
                choice_secondary: pt(240, 552),
                swipe_from: pt(440, 250),
                swipe_to: pt(40, 250),
                settings: pt(404, 76),
                settings_back: pt(52, 48),
                switch_x: 418,
            }),
            Device::ApexP => Some(TouchLayout {
                size: (300, 400),
                confirm: pt(188, 296),
                hold_to_sign: pt(150, 296),
                footer_left: pt(60, 370),
                choice_primary: pt(150, 312),
                choice_secondary: pt(150, 370),
                swipe_from: pt(270, 180),
                swipe_to: pt(30, 180),
                settings: pt(257, 44),
                settings_back: pt(27, 30),
                switch_x: 263,
            }),
        }
    }
}

impl fmt::Display for Device {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.model())
    }
}

impl FromStr for Device {
    type Err = String;

    /// Accepts the Speculos model names, the cargo target names and "nanos+".
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "nanosp" | "nanosplus" | "nanos+" | "nanos2" => Ok(Device::NanoSPlus),
            "nanox" => Ok(Device::NanoX),
            "stax" => Ok(Device::Stax),
            "flex" => Ok(Device::Flex),
            "apex_p" | "apexp" => Ok(Device::ApexP),
            _ => Err(format!("unknown device {s:?} (one of nanosp, nanox, stax, flex, apex_p)")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for d in Device::ALL {
            assert_eq!(d.model().parse::<Device>().unwrap(), d);
            assert_eq!(d.target().parse::<Device>().unwrap(), d);
        }
        assert_eq!("nanos+".parse::<Device>().unwrap(), Device::NanoSPlus);
        assert!("nanos".parse::<Device>().is_err());
    }

    #[test]
    fn touch_points_are_on_screen() {
        for d in Device::ALL {
            match d.touch_layout() {
                None => assert!(d.is_nano()),
                Some(l) => {
                    assert!(!d.is_nano());
                    for p in [
                        l.confirm,
                        l.hold_to_sign,
                        l.footer_left,
                        l.choice_primary,
                        l.choice_secondary,
                        l.swipe_from,
                        l.swipe_to,
                        l.settings,
                        l.settings_back,
                        pt(l.switch_x, 0),
                    ] {
                        assert!(p.x < l.size.0 && p.y < l.size.1, "{d}: {p:?} off screen");
                    }
                    assert!(l.swipe_from.x > l.swipe_to.x, "{d}: next page is a swipe to the left");
                }
            }
        }
    }
}
