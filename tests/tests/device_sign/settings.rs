//! The settings pages on the Nano S+ and Nano X: each switch's page shows its name, its
//! description and its state ("Disabled" / "Enabled"), and both buttons flip the state
//! on screen. (Regression test: NBGL's Nano layout, `nbgl_layoutAddSwitch`, draws only
//! the name when a description takes more than two lines; the app's first descriptions
//! did, so a person could not tell whether Blind signing was on.) The touch screens'
//! switches are flipped, and their pictures compared, by `policy`.

use milkyway_e2e::{Button, Device, Screen};

use crate::Session;

fn first_line(screen: &Screen) -> String {
    screen.lines.first().map(|l| l.text.trim().to_string()).unwrap_or_default()
}

/// Every switch page, off then on (flipped twice, so the app ends as it started): name,
/// description and state; every other page of the settings is left as it is.
fn switch_state_visible(device: Device) {
    let s = Session::start(device, "settings_switch_state");
    let sim = &s.sim;
    let mut screen = sim.current_screen().unwrap();
    for _ in 0..4 {
        if first_line(&screen) == "App settings" {
            break;
        }
        screen = sim.act_and_settle(|| sim.press(Button::Right)).unwrap().0;
    }
    assert_eq!(first_line(&screen), "App settings", "{device}: {}", screen.one_line());
    let (mut page, _) = sim.act_and_settle(|| sim.press(Button::Both)).unwrap();
    // The switches in storage order, with the words of their descriptions on a Nano.
    let switches = [
        ("Expert mode", "Show all fields, allow any chain"),
        ("Blind signing", "Sign messages it cannot show"),
    ];
    for (i, (name, description)) in switches.iter().enumerate() {
        if i > 0 {
            page = sim.act_and_settle(|| sim.press(Button::Right)).unwrap().0;
        }
        let what = format!("{device} {name}: {:?}", page.one_line());
        assert_eq!(first_line(&page), *name, "{what}");
        assert_eq!(
            page.lines[1..page.lines.len() - 1]
                .iter()
                .map(|l| l.text.trim())
                .collect::<Vec<_>>()
                .join(" "),
            *description,
            "{what}: description"
        );
        assert_eq!(page.lines.last().map(|l| l.text.trim()), Some("Disabled"), "{what}");
        let (on, redrawn) = sim.act_and_settle(|| sim.press(Button::Both)).unwrap();
        assert!(redrawn, "{what}: both buttons changed nothing");
        assert_eq!(first_line(&on), *name, "{device}: {:?}", on.one_line());
        assert_eq!(
            on.lines.last().map(|l| l.text.trim()),
            Some("Enabled"),
            "{device} {name} flipped: {:?}",
            on.one_line()
        );
        let (off, _) = sim.act_and_settle(|| sim.press(Button::Both)).unwrap();
        assert_eq!(
            off.lines.last().map(|l| l.text.trim()),
            Some("Disabled"),
            "{device} {name} flipped back: {:?}",
            off.one_line()
        );
        page = off;
    }
}

// The Nanos only (test names `settings::<device>::<test>` like the other modules).
mod nanosp {
    #[test]
    fn switch_state_visible() {
        super::switch_state_visible(milkyway_e2e::Device::NanoSPlus)
    }
}
mod nanox {
    #[test]
    fn switch_state_visible() {
        super::switch_state_visible(milkyway_e2e::Device::NanoX)
    }
}
