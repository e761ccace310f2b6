//! Navigation through the app's NBGL screens, on the Nanos (buttons) and on the touch
//! screens (tap, swipe, hold-to-sign). It reads the screen text to know where it is and
//! what to do next; it never counts steps blindly.
//!
//! Screens as the SDK draws them at API level 27 (seen in Speculos 0.27.1):
//! - Nano S+/X: a review is a list of pages walked with the right button: the title
//!   ("Review transaction…", "Verify MilkyWay address"), the fields ("Amount | 12 MILK",
//!   long values as "Memo (1/3)"…), then the decision page ("Sign transaction?" or
//!   "Confirm"), then "Reject transaction" / "Cancel". Both buttons act on the page shown.
//!   The blind-signing warning ("Blind signing ahead / To accept risk, press both buttons")
//!   comes first.
//! - Stax/Flex/Apex P: pages are swiped (right to left); the last page of a transaction has
//!   a "Hold to sign" row, that of an address review a "Confirm" button; the footer's left
//!   part is "Reject" (then "Reject transaction?" asks "Yes, reject" / "Go back to
//!   transaction") or "Cancel" (address: cancels at once). The blind-signing warning offers
//!   "Back to safety" (big button) and "Continue anyway" (text below).
//! - After the decision: a status screen ("Transaction signed", "Address verified",
//!   "Transaction rejected", "Address verification cancelled"), then the home screen
//!   (after 3 s, or at once when dismissed: any button, a tap; see
//!   [`Speculos::set_dismiss_status`]).
//! - Settings ([`Speculos::toggle_setting`]): Nanos: the home page "App settings", one
//!   page per switch, "Back"; touch screens: the gear at the top right of the home
//!   screen, pages of switches, the back arrow at the top left.

use std::thread;
use std::time::{Duration, Instant};

use crate::device::TouchLayout;
use crate::screen::Screen;
use crate::speculos::{Button, Speculos};
use crate::{Error, Result};

/// What to keep of each screen of a flow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Capture {
    /// Only the text.
    Text,
    /// The text and a PNG screenshot (for golden snapshots).
    TextAndImages,
}

/// One screen of a flow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shot {
    pub screen: Screen,
    /// The PNG, with [`Capture::TextAndImages`].
    pub png: Option<Vec<u8>>,
}

/// Every screen a flow showed, in order, from the first review page to the home screen.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Flow {
    pub shots: Vec<Shot>,
}

impl Flow {
    /// The screens' text, one block per screen, numbered (the golden snapshot's text form).
    pub fn text(&self) -> String {
        let mut out = String::new();
        for (i, s) in self.shots.iter().enumerate() {
            out.push_str(&format!("--- screen {i}\n{}\n", s.screen.text()));
        }
        out
    }

    /// Whether some screen of the flow contains `needle`.
    pub fn contains(&self, needle: &str) -> bool {
        self.shots.iter().any(|s| s.screen.contains(needle))
    }
}

/// What the navigation does at the decision point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Approve,
    Reject,
}

/// How long to keep the finger down on "Hold to sign" (NBGL needs about one second).
pub const HOLD_TO_SIGN: Duration = Duration::from_millis(1500);
/// The most pages a review may have before the navigation gives up: the core's 400
/// screens of up to 200 characters, at up to 7 Nano pages each (wide characters).
pub const MAX_PAGES: usize = 3000;
/// How long to wait for the screen to react to an input (only reached when it does not:
/// generous, for loaded machines).
const REACT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a status screen may stay before the home screen is back.
const HOME_TIMEOUT: Duration = Duration::from_secs(20);
const POLL: Duration = Duration::from_millis(80);
/// How often [`Speculos::act_and_settle`] looks for the redraw an input causes.
const REDRAW_POLL: Duration = Duration::from_millis(20);

const BLIND_WARNING: &str = "Blind signing ahead";

impl Speculos {
    /// Waits until the screen satisfies `pred` (`what` names it in the error).
    pub fn wait_for_screen(
        &self,
        what: &str,
        timeout: Duration,
        pred: impl Fn(&Screen) -> bool,
    ) -> Result<Screen> {
        let deadline = Instant::now() + timeout;
        loop {
            let s = self.current_screen()?;
            if pred(&s) {
                return Ok(s);
            }
            if Instant::now() > deadline {
                return Err(Error::msg(format!(
                    "timed out after {timeout:?} waiting for {what}; the screen shows: {}",
                    s.one_line()
                )));
            }
            thread::sleep(POLL);
        }
    }

    /// Waits until the screen shows `needle`.
    pub fn wait_for_text(&self, needle: &str, timeout: Duration) -> Result<Screen> {
        self.wait_for_screen(&format!("{needle:?}"), timeout, |s| s.contains(needle))
    }

    /// Whether `screen` is the app's home screen: the app name with "app is ready" (Nanos)
    /// or "Quit app" (touch screens).
    pub fn is_home(&self, screen: &Screen) -> bool {
        screen.contains("MilkyWay") && screen.contains_any(&["app is ready", "Quit app"])
    }

    /// Waits until the home screen shows.
    pub fn wait_for_home(&self, timeout: Duration) -> Result<Screen> {
        self.wait_for_screen("the home screen", timeout, |s| self.is_home(s))
    }

    /// Does `action` and waits until the screen has been redrawn and stays the same for one
    /// poll. Returns the new screen and whether anything was redrawn at all (false when the
    /// input had no effect, e.g. "next" on the last page).
    pub fn act_and_settle(&self, action: impl FnOnce() -> Result<()>) -> Result<(Screen, bool)> {
        self.clear_events()?;
        action()?;
        let deadline = Instant::now() + REACT_TIMEOUT;
        let mut last: Option<Screen> = None;
        loop {
            // Until the redraw is seen, look often; then the screen must stay the same for
            // one POLL.
            thread::sleep(if last.is_none() { REDRAW_POLL } else { POLL });
            let redrawn = !self.events()?.is_empty();
            let now = self.current_screen()?;
            if redrawn && !now.is_empty() {
                if last.as_ref() == Some(&now) {
                    return Ok((now, true));
                }
                last = Some(now.clone());
            }
            if Instant::now() > deadline {
                return Ok((last.unwrap_or(now), redrawn));
            }
        }
    }

    fn shot(&self, screen: Screen, capture: Capture) -> Result<Shot> {
        let png = match capture {
            Capture::Text => None,
            Capture::TextAndImages => Some(self.screenshot()?),
        };
        Ok(Shot { screen, png })
    }

    /// Waits for a screen that is not the home screen (a review the app just started).
    pub fn wait_for_review(&self, timeout: Duration) -> Result<Screen> {
        self.wait_for_screen("a review to start", timeout, |s| !s.is_empty() && !self.is_home(s))
    }

    /// Approves the review shown now (transaction or address), collecting every screen.
    pub fn approve(&self, capture: Capture) -> Result<Flow> {
        self.decide(Decision::Approve, capture)
    }

    /// Rejects the review shown now (transaction or address), collecting every screen.
    pub fn reject(&self, capture: Capture) -> Result<Flow> {
        self.decide(Decision::Reject, capture)
    }

    /// Walks the review page by page until the page where `decision` can be taken, takes it,
    /// and collects every screen up to the home screen.
    pub fn decide(&self, decision: Decision, capture: Capture) -> Result<Flow> {
        let mut flow = Flow::default();
        let mut screen = self.wait_for_review(Duration::from_secs(20))?;
        // Let the first page finish drawing.
        thread::sleep(POLL);
        screen = self.current_screen().unwrap_or(screen);
        for _ in 0..MAX_PAGES {
            flow.shots.push(self.shot(screen.clone(), capture)?);
            let step = match self.device.touch_layout() {
                None => nano_step(&screen, decision),
                Some(layout) => touch_step(&screen, decision, &layout),
            };
            let (next, _) = match step {
                Step::Next => {
                    let next = || match self.device.touch_layout() {
                        None => self.act_and_settle(|| self.press_quick(Button::Right)),
                        Some(l) => {
                            self.act_and_settle(|| self.swipe_quick(l.swipe_from, l.swipe_to))
                        }
                    };
                    let mut r = next()?;
                    if !r.1 {
                        // Once more, in case the input was lost on a loaded machine.
                        r = next()?;
                    }
                    if !r.1 {
                        return Err(self.nav_error(
                            &flow,
                            decision,
                            "the last page came without a place to decide",
                        ));
                    }
                    r
                }
                Step::Act(input) => {
                    let r = self.act_and_settle(|| self.input(input))?;
                    if !r.1 {
                        return Err(self.nav_error(
                            &flow,
                            decision,
                            &format!("{input:?} changed nothing"),
                        ));
                    }
                    r
                }
                Step::Final(input) => {
                    let (mut after, _) = self.act_and_settle(|| self.input(input))?;
                    // A hold that NBGL did not take (the finger came down while the page
                    // was still settling) leaves the same page up; a person holds again.
                    // An app that never answers still fails: every hold leaves the page.
                    for _ in 0..2 {
                        if input != Input::HoldToSign || !has_line(&after, "Hold to sign") {
                            break;
                        }
                        // Still there a second later: the signature is not on its way.
                        thread::sleep(Duration::from_secs(1));
                        after = self.current_screen()?;
                        if !has_line(&after, "Hold to sign") {
                            break;
                        }
                        eprintln!("{}: the hold to sign was not taken; holding again", self.device);
                        after = self.act_and_settle(|| self.input(input))?.0;
                    }
                    self.finish(&mut flow, after, capture)?;
                    return Ok(flow);
                }
            };
            screen = next;
        }
        Err(self.nav_error(&flow, decision, &format!("no decision after {MAX_PAGES} pages")))
    }

    fn input(&self, input: Input) -> Result<()> {
        let layout = self.device.touch_layout();
        let l = || layout.ok_or_else(|| Error::msg("touch input on a Nano"));
        match input {
            Input::Button(b) => self.press(b),
            Input::Tap(which) => {
                let l = l()?;
                let p = match which {
                    Spot::Confirm => l.confirm,
                    Spot::FooterLeft => l.footer_left,
                    Spot::ChoicePrimary => l.choice_primary,
                    Spot::ChoiceSecondary => l.choice_secondary,
                    Spot::HoldToSign => l.hold_to_sign,
                };
                self.tap(p)
            }
            Input::HoldToSign => self.hold(l()?.hold_to_sign, HOLD_TO_SIGN),
        }
    }

    /// After the decision: records the status screen(s) until the home screen is back.
    fn finish(&self, flow: &mut Flow, mut screen: Screen, capture: Capture) -> Result<()> {
        let deadline = Instant::now() + HOME_TIMEOUT;
        let mut dismissed = false;
        loop {
            if !screen.is_empty() && flow.shots.last().map(|s| &s.screen) != Some(&screen) {
                // Record it once it has stayed for one poll (not a half-drawn screen).
                thread::sleep(POLL);
                let again = self.current_screen()?;
                if again == screen {
                    flow.shots.push(self.shot(screen.clone(), capture)?);
                    if self.is_home(&screen) {
                        return Ok(());
                    }
                    if self.dismisses_status() && !dismissed {
                        dismissed = true;
                        self.dismiss()?;
                    }
                }
                screen = again;
                continue;
            }
            if self.is_home(&screen) {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(Error::msg(format!(
                    "the home screen did not come back within {HOME_TIMEOUT:?}; screens so far:\n{}",
                    flow.text()
                )));
            }
            thread::sleep(POLL);
            screen = self.current_screen()?;
        }
    }

    /// Flips the switch `name` ("Expert mode", "Blind signing") of the app's settings
    /// through the screens, as a person would, starting and ending on the home screen;
    /// returns every screen on the way (for a golden snapshot: on the touch screens the
    /// switch's picture shows its state).
    ///
    /// - Nanos: right to "App settings", both buttons; right to the switch's page, both
    ///   buttons (the switch flips); right to "Back", both buttons; left to the first home
    ///   page.
    /// - Touch screens: the gear at the top right; swipe through the settings pages until
    ///   the switch's name shows; tap its switch, on the line of its name, and wait until
    ///   the picture changes; the back arrow at the top left.
    pub fn toggle_setting(&self, name: &str, capture: Capture) -> Result<Flow> {
        let mut flow = Flow::default();
        let home = self.wait_for_home(HOME_TIMEOUT)?;
        flow.shots.push(self.shot(home, capture)?);
        match self.device.touch_layout() {
            None => self.toggle_setting_nano(name, capture, &mut flow)?,
            Some(l) => self.toggle_setting_touch(name, capture, &l, &mut flow)?,
        }
        Ok(flow)
    }

    fn toggle_setting_nano(&self, name: &str, capture: Capture, flow: &mut Flow) -> Result<()> {
        let err = |flow: &Flow, why: &str| {
            Error::msg(format!(
                "{}: setting {name:?}: {why}; screens so far:\n{}",
                self.device,
                flow.text()
            ))
        };
        // Right until the page whose first line is `target`, recording each page.
        let seek = |flow: &mut Flow, target: &str| -> Result<()> {
            for _ in 0..8 {
                if flow.shots.last().is_some_and(|s| first_line(&s.screen) == target) {
                    return Ok(());
                }
                let (s, redrawn) = self.act_and_settle(|| self.press(Button::Right))?;
                if !redrawn {
                    break;
                }
                flow.shots.push(self.shot(s, capture)?);
            }
            Err(err(flow, &format!("no page {target:?}")))
        };
        seek(flow, "App settings")?;
        let (s, _) = self.act_and_settle(|| self.press(Button::Both))?;
        flow.shots.push(self.shot(s, capture)?);
        seek(flow, name)?;
        let (s, redrawn) = self.act_and_settle(|| self.press(Button::Both))?;
        if !redrawn {
            return Err(err(flow, "both buttons on the switch changed nothing"));
        }
        flow.shots.push(self.shot(s, capture)?);
        seek(flow, "Back")?;
        let (s, _) = self.act_and_settle(|| self.press(Button::Both))?;
        flow.shots.push(self.shot(s.clone(), capture)?);
        let mut screen = s;
        for _ in 0..8 {
            if self.is_home(&screen) {
                return Ok(());
            }
            let (s, redrawn) = self.act_and_settle(|| self.press(Button::Left))?;
            if !redrawn {
                break;
            }
            flow.shots.push(self.shot(s.clone(), capture)?);
            screen = s;
        }
        Err(err(flow, "the first home page did not come back"))
    }

    fn toggle_setting_touch(
        &self,
        name: &str,
        capture: Capture,
        l: &TouchLayout,
        flow: &mut Flow,
    ) -> Result<()> {
        let err = |flow: &Flow, why: &str| {
            Error::msg(format!(
                "{}: setting {name:?}: {why}; screens so far:\n{}",
                self.device,
                flow.text()
            ))
        };
        let (mut screen, _) = self.act_and_settle(|| self.tap(l.settings))?;
        flow.shots.push(self.shot(screen.clone(), capture)?);
        for _ in 0..4 {
            if has_line(&screen, name) {
                break;
            }
            let (s, redrawn) =
                self.act_and_settle(|| self.swipe_quick(l.swipe_from, l.swipe_to))?;
            if !redrawn {
                break;
            }
            flow.shots.push(self.shot(s.clone(), capture)?);
            screen = s;
        }
        let Some(line) = screen.lines.iter().find(|x| x.text.trim() == name).cloned() else {
            return Err(err(flow, "no settings page shows it"));
        };
        // The switch's redraw has no text: wait for its picture to change.
        let before = self.screenshot()?;
        let at = crate::device::Point {
            x: l.switch_x,
            y: u32::try_from(line.y + line.h / 2).unwrap_or(0),
        };
        self.tap(at)?;
        let deadline = Instant::now() + REACT_TIMEOUT;
        loop {
            thread::sleep(POLL);
            let now = self.screenshot()?;
            if crate::snapshot::image_difference(&before, &now)?.is_some() {
                // Let the switch's animation end.
                thread::sleep(Duration::from_millis(300));
                break;
            }
            if Instant::now() > deadline {
                return Err(err(flow, &format!("tapping {at:?} did not change the screen")));
            }
        }
        flow.shots.push(self.shot(self.current_screen()?, capture)?);
        let (s, _) = self.act_and_settle(|| self.tap(l.settings_back))?;
        if !self.is_home(&s) {
            flow.shots.push(self.shot(s, capture)?);
            return Err(err(flow, "the back arrow did not lead home"));
        }
        flow.shots.push(self.shot(s, capture)?);
        Ok(())
    }

    /// The app-info page (version, developer) from the home screen and back: on a Nano
    /// "App info" after the settings entry, its pages up to "Back"; on a touch device the
    /// settings button, then swipes until the page showing "Developer". Every page is
    /// recorded, the home screen first and last.
    pub fn app_info(&self, capture: Capture) -> Result<Flow> {
        let mut flow = Flow::default();
        let home = self.wait_for_home(HOME_TIMEOUT)?;
        flow.shots.push(self.shot(home, capture)?);
        let err = |flow: &Flow, why: &str| {
            Error::msg(format!(
                "{}: app info: {why}; screens so far:\n{}",
                self.device,
                flow.text()
            ))
        };
        // Presses `button` (recording each page) until the page whose first line is
        // `target`.
        let seek = |flow: &mut Flow, target: &str| -> Result<()> {
            for _ in 0..8 {
                if flow.shots.last().is_some_and(|s| first_line(&s.screen) == target) {
                    return Ok(());
                }
                let (s, redrawn) = self.act_and_settle(|| self.press(Button::Right))?;
                if !redrawn {
                    break;
                }
                flow.shots.push(self.shot(s, capture)?);
            }
            Err(err(flow, &format!("no page {target:?}")))
        };
        match self.device.touch_layout() {
            None => {
                seek(&mut flow, "App info")?;
                let (s, _) = self.act_and_settle(|| self.press(Button::Both))?;
                flow.shots.push(self.shot(s, capture)?);
                seek(&mut flow, "Back")?;
                let (s, _) = self.act_and_settle(|| self.press(Button::Both))?;
                flow.shots.push(self.shot(s.clone(), capture)?);
                let mut screen = s;
                for _ in 0..8 {
                    if self.is_home(&screen) {
                        return Ok(flow);
                    }
                    let (s, redrawn) = self.act_and_settle(|| self.press(Button::Left))?;
                    if !redrawn {
                        break;
                    }
                    flow.shots.push(self.shot(s.clone(), capture)?);
                    screen = s;
                }
                Err(err(&flow, "the first home page did not come back"))
            }
            Some(l) => {
                let (mut screen, _) = self.act_and_settle(|| self.tap(l.settings))?;
                flow.shots.push(self.shot(screen.clone(), capture)?);
                for _ in 0..4 {
                    if screen.contains("Developer") {
                        break;
                    }
                    let (s, redrawn) =
                        self.act_and_settle(|| self.swipe_quick(l.swipe_from, l.swipe_to))?;
                    if !redrawn {
                        break;
                    }
                    flow.shots.push(self.shot(s.clone(), capture)?);
                    screen = s;
                }
                if !screen.contains("Developer") {
                    return Err(err(&flow, "no settings page shows \"Developer\""));
                }
                let (s, _) = self.act_and_settle(|| self.tap(l.settings_back))?;
                let home = self.is_home(&s);
                flow.shots.push(self.shot(s, capture)?);
                if !home {
                    return Err(err(&flow, "the back arrow did not lead home"));
                }
                Ok(flow)
            }
        }
    }

    /// Dismisses a status screen: the left button (which does nothing on the first home
    /// page, should the timer have been faster), or a tap in the middle of the screen.
    fn dismiss(&self) -> Result<()> {
        match self.device.touch_layout() {
            None => self.press(Button::Left),
            Some(l) => self.tap(crate::device::Point { x: l.size.0 / 2, y: l.size.1 / 2 }),
        }
    }

    fn nav_error(&self, flow: &Flow, decision: Decision, why: &str) -> Error {
        Error::msg(format!(
            "{} navigation, {decision:?}: {why}; screens so far:\n{}",
            self.device,
            flow.text()
        ))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Spot {
    Confirm,
    FooterLeft,
    ChoicePrimary,
    ChoiceSecondary,
    #[allow(dead_code)]
    HoldToSign,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Input {
    Button(Button),
    Tap(Spot),
    HoldToSign,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    /// Go to the next page.
    Next,
    /// An input that leads to another page of the same review.
    Act(Input),
    /// The input that ends the review.
    Final(Input),
}

fn first_line(screen: &Screen) -> &str {
    screen.lines.first().map(|l| l.text.trim()).unwrap_or("")
}

fn has_line(screen: &Screen, text: &str) -> bool {
    screen.lines.iter().any(|l| l.text.trim() == text)
}

/// The Nanos: the decision pages are short ("Sign transaction?", "Confirm", "Reject
/// transaction", "Cancel"); both buttons take the decision shown.
fn nano_step(screen: &Screen, decision: Decision) -> Step {
    let first = first_line(screen);
    let short = screen.lines.len() <= 2;
    if screen.contains(BLIND_WARNING) {
        return match decision {
            Decision::Approve => Step::Act(Input::Button(Button::Both)),
            Decision::Reject => Step::Next,
        };
    }
    // The signing question names the operation ("Sign transaction to claim restaking
    // rewards?") and may take three lines.
    let is_approve = first.starts_with("Sign transaction")
        || short
            && ["Sign ", "Accept", "Approve", "Confirm", "Hold to sign"]
                .iter()
                .any(|p| first.starts_with(p));
    let is_reject = short && ["Reject", "Cancel"].iter().any(|p| first.starts_with(p));
    match decision {
        Decision::Approve if is_approve => Step::Final(Input::Button(Button::Both)),
        Decision::Reject if is_reject => Step::Final(Input::Button(Button::Both)),
        _ => Step::Next,
    }
}

/// The touch screens: act on the controls the screen text shows.
fn touch_step(screen: &Screen, decision: Decision, _layout: &TouchLayout) -> Step {
    if screen.contains(BLIND_WARNING) && has_line(screen, "Continue anyway") {
        return match decision {
            Decision::Approve => Step::Act(Input::Tap(Spot::ChoiceSecondary)),
            Decision::Reject => Step::Final(Input::Tap(Spot::ChoicePrimary)),
        };
    }
    match decision {
        Decision::Approve => {
            if has_line(screen, "Hold to sign") {
                Step::Final(Input::HoldToSign)
            } else if has_line(screen, "Confirm") || has_line(screen, "Approve") {
                Step::Final(Input::Tap(Spot::Confirm))
            } else {
                Step::Next
            }
        }
        Decision::Reject => {
            if has_line(screen, "Yes, reject") {
                Step::Final(Input::Tap(Spot::ChoicePrimary))
            } else if has_line(screen, "Reject") {
                // Asks "Reject transaction?" first.
                Step::Act(Input::Tap(Spot::FooterLeft))
            } else if has_line(screen, "Cancel") {
                // Address review: cancels at once.
                Step::Final(Input::Tap(Spot::FooterLeft))
            } else {
                Step::Next
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::device::Device;

    fn screen(texts: &[&str]) -> Screen {
        Screen::from_texts(texts)
    }

    #[test]
    fn nano_steps() {
        use Decision::*;
        assert_eq!(nano_step(&screen(&["Review transaction", "to restake"]), Approve), Step::Next);
        assert_eq!(nano_step(&screen(&["Amount", "12 MILK"]), Reject), Step::Next);
        assert_eq!(
            nano_step(&screen(&["Sign transaction?"]), Approve),
            Step::Final(Input::Button(Button::Both))
        );
        assert_eq!(nano_step(&screen(&["Sign transaction?"]), Reject), Step::Next);
        // A long signing question over three lines is still the decision page.
        assert_eq!(
            nano_step(&screen(&["Sign transaction to", "claim restaking", "rewards?"]), Approve),
            Step::Final(Input::Button(Button::Both))
        );
        assert_eq!(
            nano_step(&screen(&["Confirm"]), Approve),
            Step::Final(Input::Button(Button::Both))
        );
        assert_eq!(
            nano_step(&screen(&["Reject transaction"]), Reject),
            Step::Final(Input::Button(Button::Both))
        );
        assert_eq!(
            nano_step(&screen(&["Cancel"]), Reject),
            Step::Final(Input::Button(Button::Both))
        );
        assert_eq!(nano_step(&screen(&["Cancel"]), Approve), Step::Next);
        let blind = screen(&["Blind signing ahead", "To accept risk, press ", "both buttons"]);
        assert_eq!(nano_step(&blind, Approve), Step::Act(Input::Button(Button::Both)));
        assert_eq!(nano_step(&blind, Reject), Step::Next);
        // A field that happens to start with a decision word is not a decision page.
        assert_eq!(nano_step(&screen(&["Confirmations", "3", "more"]), Approve), Step::Next);
    }

    #[test]
    fn touch_steps() {
        use Decision::*;
        let l = Device::Stax.touch_layout().unwrap();
        let last = screen(&["Sign transaction?", "Reject", "4 of 4", "Hold to sign"]);
        assert_eq!(touch_step(&last, Approve, &l), Step::Final(Input::HoldToSign));
        assert_eq!(touch_step(&last, Reject, &l), Step::Act(Input::Tap(Spot::FooterLeft)));
        let confirm = screen(&["Reject transaction?", "Go back to transaction", "Yes, reject"]);
        assert_eq!(touch_step(&confirm, Reject, &l), Step::Final(Input::Tap(Spot::ChoicePrimary)));
        let addr = screen(&["Address", "milk1…", "Cancel", "2 of 2", "Confirm"]);
        assert_eq!(touch_step(&addr, Approve, &l), Step::Final(Input::Tap(Spot::Confirm)));
        assert_eq!(touch_step(&addr, Reject, &l), Step::Final(Input::Tap(Spot::FooterLeft)));
        let first =
            screen(&["Verify MilkyWay ", "address", "Swipe to continue", "Cancel", "1 of 2"]);
        assert_eq!(touch_step(&first, Approve, &l), Step::Next);
        let blind = screen(&[
            "Blind signing ahead",
            "This transaction's details are ",
            "Continue anyway",
            "Back to safety",
        ]);
        assert_eq!(touch_step(&blind, Approve, &l), Step::Act(Input::Tap(Spot::ChoiceSecondary)));
        assert_eq!(touch_step(&blind, Reject, &l), Step::Final(Input::Tap(Spot::ChoicePrimary)));
    }

    #[test]
    fn flow_text_is_numbered() {
        let f = Flow {
            shots: vec![
                Shot { screen: screen(&["Verify MilkyWay ", "address"]), png: None },
                Shot { screen: screen(&["Address verified"]), png: None },
            ],
        };
        assert_eq!(
            f.text(),
            "--- screen 0\nVerify MilkyWay\naddress\n--- screen 1\nAddress verified\n"
        );
        assert!(f.contains("Verify MilkyWay address"));
        assert!(!f.contains("Sign transaction"));
    }
}
