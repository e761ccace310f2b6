//! APP BUG, exposed by a test that fails today and is `#[ignore]`d so that `make test`
//! stays green (run it with `… --test device_sign known_bugs -- --ignored`; un-ignore it
//! once fixed):
//!
//! On the Nano S+ and Nano X the settings pages show only a switch's name ("Expert mode",
//! "Blind signing"): neither its state nor its description. The page before and after
//! both buttons flip the switch is the same picture (tests/snapshots/nanosp/
//! settings_expert_mode_on/00002.png and 00003.png), so a person cannot tell whether
//! Blind signing is on. The NBGL Nano layout (`nbgl_layoutAddSwitch`) allows at most two
//! lines of description and gives up before drawing the "Enabled"/"Disabled" button when
//! it is longer; both descriptions of app/src/settings.rs `SWITCHES` are 4 to 5 lines on a
//! Nano.

use milkyway_e2e::{Button, Device};

use crate::Session;

/// The "Expert mode" page says "Disabled", and "Enabled" once both buttons flipped it.
fn nano_switch_state_visible(device: Device) {
    let s = Session::start(device, "bug_nano_switch_state");
    let sim = &s.sim;
    let first = |screen: &milkyway_e2e::Screen| {
        screen
            .lines
            .first()
            .map(|l| l.text.trim().to_string())
            .unwrap_or_default()
    };
    let mut screen = sim.current_screen().unwrap();
    for _ in 0..4 {
        if first(&screen) == "App settings" {
            break;
        }
        screen = sim.act_and_settle(|| sim.press(Button::Right)).unwrap().0;
    }
    let (page, _) = sim.act_and_settle(|| sim.press(Button::Both)).unwrap();
    assert_eq!(first(&page), "Expert mode", "{device}: {}", page.one_line());
    assert!(
        page.contains("Disabled"),
        "{device}: APP BUG: the Expert mode page does not show its state: {:?}",
        page.one_line()
    );
    let (page, _) = sim.act_and_settle(|| sim.press(Button::Both)).unwrap();
    assert!(
        page.contains("Enabled"),
        "{device}: APP BUG: the flipped Expert mode page does not show its state: {:?}",
        page.one_line()
    );
}

mod nano_switch_state_visible {
    use milkyway_e2e::Device;
    #[test]
    #[ignore = "APP BUG: Nano settings pages do not show the switches' state (see known_bugs.rs)"]
    fn nanosp() {
        super::nano_switch_state_visible(Device::NanoSPlus)
    }
    #[test]
    #[ignore = "APP BUG: Nano settings pages do not show the switches' state (see known_bugs.rs)"]
    fn nanox() {
        super::nano_switch_state_visible(Device::NanoX)
    }
}
