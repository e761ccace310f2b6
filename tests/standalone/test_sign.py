"""SIGN_SECP256K1: a restake, a liquid stake, a trust-services and a vote, each signed in
SIGN_MODE_DIRECT (P2=2) and Amino JSON (P2=0) and the signature verified on the host;
a rejection. The documents are real MilkyWay transactions (data/sign_docs.json, written
by make_sign_docs.py from the host crate's builders); the reviews are the Rust harness'
`device_sign` reviews of the same names and share their golden snapshots."""

import json
from pathlib import Path

import pytest
from ragger.error import ExceptionRAPDU

from application_client.milkyway_command_sender import Errors, MilkyWayCommandSender, SignMode
from application_client.milkyway_navigation import Walker
from application_client.milkyway_utils import check_signature, expected_public_key

DOCS = json.loads((Path(__file__).parent / "data" / "sign_docs.json").read_text())


def doc(name: str) -> tuple[bytes, SignMode, str]:
    d = DOCS[name]
    return bytes.fromhex(d["sign_bytes"]), SignMode(d["p2"]), d["hrp"]


def test_sign_docs_are_for_the_suite_key():
    assert bytes.fromhex(DOCS["public_key"]) == expected_public_key()


@pytest.mark.parametrize(
    "name",
    [
        "sign_restake",
        "sign_restake_amino",
        "sign_liquid_stake",
        "sign_liquid_stake_amino",
        "sign_trust_services",
        "sign_trust_services_amino",
        "sign_vote",
        "sign_vote_amino",
    ],
)
def test_sign(backend, navigator, device, default_screenshot_path, name):
    sign_bytes, mode, hrp = doc(name)
    assert mode == (SignMode.AMINO_JSON if name.endswith("_amino") else SignMode.DIRECT)
    client = MilkyWayCommandSender(backend)
    with client.sign(sign_bytes, mode, hrp):
        Walker(navigator, device, default_screenshot_path).approve_review(name)
    check_signature(expected_public_key(), client.get_async_response().data, sign_bytes)


@pytest.mark.parametrize("name", ["sign_reject", "sign_reject_amino"])
def test_sign_reject(backend, navigator, device, default_screenshot_path, name):
    sign_bytes, mode, hrp = doc(name)
    client = MilkyWayCommandSender(backend)
    with pytest.raises(ExceptionRAPDU) as e:
        with client.sign(sign_bytes, mode, hrp):
            Walker(navigator, device, default_screenshot_path).reject_review(name)
    assert e.value.status == Errors.SW_DENY
    assert len(e.value.data) == 0
