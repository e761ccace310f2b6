"""GET_ADDR_SECP256K1: the silent key and address against the host's derivation; the
address shown on the device, approved and rejected."""

import pytest
from ragger.error import ExceptionRAPDU

from application_client.milkyway_command_sender import Errors, MilkyWayCommandSender
from application_client.milkyway_navigation import Walker
from application_client.milkyway_utils import address, expected_public_key, unpack_address_reply


@pytest.mark.parametrize("hrp,account,index", [("milk", 0, 0), ("osmo", 1, 2), ("celestia", 100, 100)])
def test_address_silent(backend, hrp, account, index):
    key, addr = unpack_address_reply(MilkyWayCommandSender(backend).get_address(hrp, account, index).data)
    assert key == expected_public_key(account, index)
    assert addr == address(key, hrp)


def test_address_approve(backend, navigator, device, default_screenshot_path):
    client = MilkyWayCommandSender(backend)
    with client.get_address_with_confirmation("milk"):
        Walker(navigator, device, default_screenshot_path).approve_address("address_approve")
    key, addr = unpack_address_reply(client.get_async_response().data)
    assert key == expected_public_key()
    assert addr == address(key, "milk")


def test_address_reject(backend, navigator, device, default_screenshot_path):
    client = MilkyWayCommandSender(backend)
    with pytest.raises(ExceptionRAPDU) as e:
        with client.get_address_with_confirmation("milk"):
            Walker(navigator, device, default_screenshot_path).reject_address("address_reject")
    assert e.value.status == Errors.SW_DENY
    assert len(e.value.data) == 0
