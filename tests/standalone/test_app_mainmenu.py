"""The home screen, the settings page(s) and the app-info page (version, developer)."""

import tomllib
from pathlib import Path

from ragger.navigator import NavInsID


def app_version() -> str:
    cargo = Path(__file__).resolve().parents[2] / "app" / "Cargo.toml"
    return tomllib.loads(cargo.read_text())["package"]["version"]


def test_home(navigator, default_screenshot_path):
    # The Rust harness' "home" snapshot.
    navigator.navigate_and_compare(default_screenshot_path, "home", [], screen_change_before_first_instruction=False)


def test_settings_and_app_info(backend, navigator, device, default_screenshot_path):
    """Every settings page, then the app-info page (the app's version and developer),
    then home."""
    name = "home_settings_app_info"
    version = rf"^{app_version()}$"
    if device.is_nano:
        to_info = [
            NavInsID.RIGHT_CLICK,  # App settings
            NavInsID.BOTH_CLICK,  # Expert mode
            NavInsID.RIGHT_CLICK,  # Blind signing
            NavInsID.RIGHT_CLICK,  # Back
            NavInsID.BOTH_CLICK,  # App settings
            NavInsID.RIGHT_CLICK,  # App info
            NavInsID.BOTH_CLICK,  # Version
        ]
        navigator.navigate_and_compare(
            default_screenshot_path, name, to_info, screen_change_before_first_instruction=False
        )
        snap = len(to_info)
        back_home = [
            NavInsID.RIGHT_CLICK,  # Developer
            NavInsID.RIGHT_CLICK,  # Back
            NavInsID.BOTH_CLICK,  # App info
            NavInsID.LEFT_CLICK,  # App settings
            NavInsID.LEFT_CLICK,  # home
        ]
    else:
        # The gear, then the next page until the app info (the last page): Stax and Flex
        # show both switches on one page, Apex P one a page.
        navigator.navigate_and_compare(
            default_screenshot_path,
            name,
            [NavInsID.USE_CASE_HOME_SETTINGS],
            screen_change_before_first_instruction=False,
        )
        snap = 1
        while not backend.compare_screen_with_text(version) and snap < 4:
            navigator.navigate_and_compare(
                default_screenshot_path,
                name,
                [NavInsID.USE_CASE_SETTINGS_NEXT],
                screen_change_before_first_instruction=False,
                snap_start_idx=snap,
            )
            snap += 1
        back_home = [NavInsID.USE_CASE_SETTINGS_MULTI_PAGE_EXIT]
    assert backend.compare_screen_with_text(version), "the app-info page lacks the app's version"
    if not device.is_nano:
        assert backend.compare_screen_with_text("^Developer$"), "the app-info page lacks the developer"
    navigator.navigate_and_compare(
        default_screenshot_path,
        name,
        back_home,
        screen_change_before_first_instruction=False,
        snap_start_idx=snap,
    )
