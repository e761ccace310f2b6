"""Checks of what the app answers: the key and address of a path, the signature."""

import hashlib
import struct

from bip_utils import Bech32Encoder
from ecdsa import SECP256k1, VerifyingKey
from ecdsa.util import sigdecode_der
from ragger.bip import CurveChoice, calculate_public_key_and_chaincode

# The seed the suite runs Speculos with (conftest.py), the Rust harness' TEST_MNEMONIC
# (tests/src/speculos.rs): a throwaway mnemonic, never fund it.
TEST_MNEMONIC = "equip will roof matter pink blind book anxiety banner elbow sun young"


def expected_public_key(account: int = 0, index: int = 0) -> bytes:
    """The compressed secp256k1 key of 44'/118'/account'/0/index of TEST_MNEMONIC,
    computed on the host."""
    key, _ = calculate_public_key_and_chaincode(
        CurveChoice.Secp256k1,
        f"m/44'/118'/{account}'/0/{index}",
        mnemonic=TEST_MNEMONIC,
        compress_public_key=True,
    )
    return bytes.fromhex(key)


def address(public_key: bytes, hrp: str) -> str:
    """The bech32 account address: RIPEMD-160 of SHA-256 of the compressed key."""
    sha = hashlib.sha256(public_key).digest()
    return Bech32Encoder.Encode(hrp, hashlib.new("ripemd160", sha).digest())


def unpack_address_reply(data: bytes) -> tuple[bytes, str]:
    """compressed_pubkey(33) | bech32 address (ASCII)."""
    assert len(data) > 33, f"reply too short: {data.hex()}"
    return data[:33], data[33:].decode("ascii")


def unpack_version_reply(data: bytes) -> tuple[int, tuple[int, int, int], int, int]:
    """test_mode | major | minor | patch | locked | target_id (big-endian u32)."""
    assert len(data) == 9, f"version reply of {len(data)} bytes: {data.hex()}"
    test_mode, major, minor, patch, locked, target_id = struct.unpack(">BBBBBI", data)
    return test_mode, (major, minor, patch), locked, target_id


def check_signature(public_key: bytes, der: bytes, sign_bytes: bytes) -> None:
    """A strict DER ECDSA signature, low-S, valid for SHA-256 of the sign bytes."""
    assert der[0] == 0x30 and der[1] == len(der) - 2, f"not one DER sequence: {der.hex()}"
    vk = VerifyingKey.from_string(public_key, curve=SECP256k1)
    r, s = sigdecode_der(der, SECP256k1.order)
    assert 0 < s <= SECP256k1.order // 2, "S is not low"
    assert vk.verify(der, sign_bytes, hashfunc=hashlib.sha256, sigdecode=sigdecode_der)
    assert r > 0
