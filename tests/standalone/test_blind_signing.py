"""Blind signing: a transaction with a message the app does not know
(/cosmos.bank.v1beta1.MsgMultiSend) is refused with 0x6984 while the setting is off;
switched on through the settings screens, it is signed after the blind-signing warning,
in both modes, and the signatures verify."""

import json
from pathlib import Path

import pytest
from ragger.error import ExceptionRAPDU
from ragger.navigator import NavInsID

from application_client.milkyway_command_sender import Errors, MilkyWayCommandSender, SignMode
from application_client.milkyway_navigation import Walker
from application_client.milkyway_utils import check_signature, expected_public_key

DOCS = json.loads((Path(__file__).parent / "data" / "sign_docs.json").read_text())


def doc(name: str) -> tuple[bytes, SignMode, str]:
    d = DOCS[name]
    return bytes.fromhex(d["sign_bytes"]), SignMode(d["p2"]), d["hrp"]


def enable_blind_signing(navigator, backend, device, path: Path) -> None:
    """The Rust harness' settings_blind_signing_on walk: Nanos through "App settings",
    touch screens through the gear, the switch, the back arrow."""
    if device.is_nano:
        navigator.navigate_and_compare(
            path,
            "settings_blind_signing_on",
            [
                NavInsID.RIGHT_CLICK,  # App settings
                NavInsID.BOTH_CLICK,  # Expert mode
                NavInsID.RIGHT_CLICK,  # Blind signing, Disabled
                NavInsID.BOTH_CLICK,  # Enabled
                NavInsID.RIGHT_CLICK,  # Back
                NavInsID.BOTH_CLICK,  # App settings
                NavInsID.LEFT_CLICK,  # home
            ],
            screen_change_before_first_instruction=False,
        )
        return
    name = "settings_blind_signing_on"
    navigator.navigate_and_compare(
        path, name, [NavInsID.USE_CASE_HOME_SETTINGS], screen_change_before_first_instruction=False
    )
    snap = 1
    # Apex P shows one switch a page: the next page has Blind signing.
    if not backend.compare_screen_with_text("^Blind signing$"):
        navigator.navigate_and_compare(
            path,
            name,
            [NavInsID.USE_CASE_SETTINGS_NEXT],
            screen_change_before_first_instruction=False,
            snap_start_idx=snap,
        )
        snap += 1
    # The switch sits on the line of its name, at the right edge (x from tests/src/device.rs).
    switch_x = {"stax": 346, "flex": 418, "apex_p": 263}[device.name]
    names = [e for e in backend.get_current_screen_content()["events"] if e["text"] == "Blind signing"]
    assert names, "no 'Blind signing' switch on the settings page"
    navigator.navigate_and_compare(
        path,
        name,
        [Walker(navigator, device, path).touch(switch_x, names[0]["y"]), NavInsID.USE_CASE_SETTINGS_MULTI_PAGE_EXIT],
        screen_change_before_first_instruction=False,
        snap_start_idx=snap,
    )


def test_blind_signing(backend, navigator, device, default_screenshot_path):
    client = MilkyWayCommandSender(backend)
    sign_bytes, mode, hrp = doc("sign_blind")

    # Off (the default): refused with the reason, no review.
    with pytest.raises(ExceptionRAPDU) as e:
        with client.sign(sign_bytes, mode, hrp):
            pass
    assert e.value.status == Errors.SW_REFUSED
    assert e.value.data == b"Unknown message type (enable blind signing to sign it)"

    enable_blind_signing(navigator, backend, device, default_screenshot_path)

    for name in ["sign_blind", "sign_blind_amino"]:
        sign_bytes, mode, hrp = doc(name)
        with client.sign(sign_bytes, mode, hrp):
            Walker(navigator, device, default_screenshot_path).approve_blind_review(name)
        check_signature(expected_public_key(), client.get_async_response().data, sign_bytes)
