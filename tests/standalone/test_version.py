"""GET_VERSION: the app crate's version and the device's target id (docs/protocol.md)."""

import tomllib
from pathlib import Path

from application_client.milkyway_command_sender import MilkyWayCommandSender
from application_client.milkyway_utils import unpack_version_reply

TARGET_IDS = {
    "nanox": 0x33000004,
    "nanosp": 0x33100004,
    "stax": 0x33200004,
    "flex": 0x33300004,
    "apex_p": 0x33400004,
}


def test_version(backend, device):
    cargo = Path(__file__).resolve().parents[2] / "app" / "Cargo.toml"
    version = tomllib.loads(cargo.read_text())["package"]["version"]
    reply = MilkyWayCommandSender(backend).get_version()
    test_mode, got, locked, target_id = unpack_version_reply(reply.data)
    assert ".".join(map(str, got)) == version
    assert (test_mode, locked) == (0, 0)
    assert target_id == TARGET_IDS[device.name]
