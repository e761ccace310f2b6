"""Walking the app's screens with Ragger's navigation instructions and comparing every
screen with its golden snapshot.

The walks take the screens the Rust harness records (tests/src/nav.rs), in the same
order, so a review both suites walk is compared with the same golden pictures
(tests/snapshots/<device>/<name>/00000.png...): Nanos go right until the decision page,
press both buttons, then dismiss the status screen with a button; touch screens swipe
until "Hold to sign" (or "Confirm"), hold (or tap), then dismiss the status screen.
"""

from pathlib import Path

from ledgered.devices import Device
from ragger.navigator import Navigator, NavIns, NavInsID

# The decision pages' texts (regular expressions matched against one line of the screen).
NANO_SIGN = r"^Sign transaction"
NANO_REJECT = r"^Reject"
NANO_CONFIRM = r"^Confirm$"
NANO_CANCEL = r"^Cancel$"
TOUCH_SIGN = r"^Hold to sign$"
TOUCH_CONFIRM = r"^Confirm$"


class Walker:
    def __init__(self, navigator: Navigator, device: Device, snapshots: Path) -> None:
        self.navigator = navigator
        self.device = device
        self.snapshots = snapshots

    def _walk(self, name: str, until: str, decide: list, start: int = 0, wait_first: bool = True) -> None:
        nav = NavInsID.RIGHT_CLICK if self.device.is_nano else NavInsID.SWIPE_CENTER_TO_LEFT
        self.navigator.navigate_until_text_and_compare(
            nav,
            decide,
            until,
            self.snapshots,
            name,
            snap_start_idx=start,
            screen_change_before_first_instruction=wait_first,
        )

    def _dismiss(self) -> list:
        # The status screen ("Transaction signed", "Address verified"...) goes on a press.
        return [NavInsID.RIGHT_CLICK] if self.device.is_nano else [NavInsID.USE_CASE_STATUS_DISMISS]

    def approve_review(self, name: str, start: int = 0, wait_first: bool = True) -> None:
        if self.device.is_nano:
            self._walk(name, NANO_SIGN, [NavInsID.BOTH_CLICK] + self._dismiss(), start, wait_first)
        else:
            self._walk(name, TOUCH_SIGN, [NavInsID.USE_CASE_REVIEW_CONFIRM] + self._dismiss(), start, wait_first)

    def reject_review(self, name: str) -> None:
        if self.device.is_nano:
            self._walk(name, NANO_REJECT, [NavInsID.BOTH_CLICK] + self._dismiss())
        else:
            # Reject on the first page, then "Yes, reject".
            self.navigator.navigate_and_compare(
                self.snapshots,
                name,
                [NavInsID.USE_CASE_REVIEW_REJECT, NavInsID.USE_CASE_CHOICE_CONFIRM] + self._dismiss(),
            )

    def approve_blind_review(self, name: str) -> None:
        """The blind-signing warning first (accept the risk), then the review."""
        accept = [NavInsID.BOTH_CLICK] if self.device.is_nano else [NavInsID.USE_CASE_CHOICE_REJECT]
        self.navigator.navigate_and_compare(self.snapshots, name, accept)
        self.approve_review(name, start=1, wait_first=False)

    def approve_address(self, name: str) -> None:
        if self.device.is_nano:
            self._walk(name, NANO_CONFIRM, [NavInsID.BOTH_CLICK] + self._dismiss())
        else:
            self._walk(name, TOUCH_CONFIRM, [NavInsID.USE_CASE_ADDRESS_CONFIRMATION_CONFIRM] + self._dismiss())

    def reject_address(self, name: str) -> None:
        if self.device.is_nano:
            self._walk(name, NANO_CANCEL, [NavInsID.BOTH_CLICK] + self._dismiss())
        else:
            # "Cancel" on the first page.
            self.navigator.navigate_and_compare(
                self.snapshots, name, [NavInsID.USE_CASE_ADDRESS_CONFIRMATION_CANCEL] + self._dismiss()
            )

    def touch(self, x: int, y: int) -> NavIns:
        return NavIns(NavInsID.TOUCH, (x, y))
