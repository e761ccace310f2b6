"""The app's commands as APDUs (docs/protocol.md): GET_VERSION, GET_ADDR_SECP256K1,
SIGN_SECP256K1, on any Ragger backend."""

import struct
from contextlib import contextmanager
from enum import IntEnum
from typing import Generator

from ragger.backend.interface import BackendInterface, RAPDU

CLA = 0x55
# At most 255 data bytes per short APDU; the Rust harness and the host crate send 250.
CHUNK = 250
HARDENED = 0x80000000


class InsType(IntEnum):
    GET_VERSION = 0x00
    SIGN_SECP256K1 = 0x02
    GET_ADDR_SECP256K1 = 0x04


class SignP1(IntEnum):
    INIT = 0x00
    ADD = 0x01
    LAST = 0x02


class SignMode(IntEnum):
    """P2 of SIGN_SECP256K1."""

    AMINO_JSON = 0x00
    TEXTUAL = 0x01
    DIRECT = 0x02


class Errors(IntEnum):
    SW_OK = 0x9000
    SW_WRONG_LENGTH = 0x6700
    SW_REFUSED = 0x6984  # the document cannot be shown faithfully; the reason follows
    SW_DENY = 0x6986  # rejected by the user, or a chunk out of order
    SW_TOO_LARGE = 0x6988  # a SIGN_MODE_TEXTUAL document larger than the element buffer
    SW_ACCOUNT_TOO_HIGH = 0x6989
    SW_HRP_LENGTH = 0x698A
    SW_BAD_PATH = 0x698B
    SW_NOT_ALLOWED = 0x698C
    SW_WRONG_P1P2 = 0x6B00
    SW_INS_NOT_SUPPORTED = 0x6D00
    SW_CLA_NOT_SUPPORTED = 0x6E00


def path_bytes(account: int = 0, index: int = 0) -> bytes:
    """44'/118'/account'/0/index as five little-endian u32."""
    return struct.pack("<5I", 44 | HARDENED, 118 | HARDENED, account | HARDENED, 0, index)


def hrp_field(hrp: str) -> bytes:
    raw = hrp.encode("ascii")
    return bytes([len(raw)]) + raw


class MilkyWayCommandSender:
    def __init__(self, backend: BackendInterface) -> None:
        self.backend = backend

    def get_version(self) -> RAPDU:
        return self.backend.exchange(cla=CLA, ins=InsType.GET_VERSION)

    def get_address(self, hrp: str, account: int = 0, index: int = 0) -> RAPDU:
        return self.backend.exchange(
            cla=CLA,
            ins=InsType.GET_ADDR_SECP256K1,
            p1=0,
            data=hrp_field(hrp) + path_bytes(account, index),
        )

    @contextmanager
    def get_address_with_confirmation(
        self, hrp: str, account: int = 0, index: int = 0
    ) -> Generator[None, None, None]:
        with self.backend.exchange_async(
            cla=CLA,
            ins=InsType.GET_ADDR_SECP256K1,
            p1=1,
            data=hrp_field(hrp) + path_bytes(account, index),
        ) as response:
            yield response

    def sign_chunks(self, sign_bytes: bytes, mode: SignMode, hrp: str | None) -> list[tuple[int, bytes]]:
        """(P1, data) of every SIGN APDU: init (path, prefix), then the sign bytes."""
        init = path_bytes() + (hrp_field(hrp) if hrp is not None else b"")
        chunks = [sign_bytes[i : i + CHUNK] for i in range(0, len(sign_bytes), CHUNK)] or [b""]
        return [(SignP1.INIT, init)] + [
            (SignP1.LAST if i == len(chunks) - 1 else SignP1.ADD, c) for i, c in enumerate(chunks)
        ]

    @contextmanager
    def sign(self, sign_bytes: bytes, mode: SignMode, hrp: str | None = "milk") -> Generator[None, None, None]:
        """Sends every chunk; the last one (review, then the signature) in the background."""
        *first, (p1, last) = self.sign_chunks(sign_bytes, mode, hrp)
        for p1_, data in first:
            self.backend.exchange(cla=CLA, ins=InsType.SIGN_SECP256K1, p1=p1_, p2=mode, data=data)
        with self.backend.exchange_async(
            cla=CLA, ins=InsType.SIGN_SECP256K1, p1=p1, p2=mode, data=last
        ) as response:
            yield response

    def get_async_response(self) -> RAPDU | None:
        return self.backend.last_async_response
