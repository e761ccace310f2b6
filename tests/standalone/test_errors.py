"""The status words of docs/protocol.md for malformed or out-of-order requests."""

import pytest
from ragger.error import ExceptionRAPDU

from application_client.milkyway_command_sender import (
    CLA,
    CHUNK,
    Errors,
    InsType,
    MilkyWayCommandSender,
    SignMode,
    SignP1,
    hrp_field,
    path_bytes,
)

def status_of(backend, ins, p1=0, p2=0, data=b"", cla=CLA) -> int:
    with pytest.raises(ExceptionRAPDU) as e:
        backend.exchange(cla=cla, ins=ins, p1=p1, p2=p2, data=data)
    return e.value.status


def test_wrong_cla(backend):
    assert status_of(backend, InsType.GET_VERSION, cla=0xE0) == Errors.SW_CLA_NOT_SUPPORTED


def test_unknown_ins(backend):
    assert status_of(backend, 0x01) == Errors.SW_INS_NOT_SUPPORTED
    assert status_of(backend, 0xFF) == Errors.SW_INS_NOT_SUPPORTED


def test_bad_p1_p2(backend):
    addr = hrp_field("milk") + path_bytes()
    assert status_of(backend, InsType.GET_ADDR_SECP256K1, p1=2, data=addr) == Errors.SW_WRONG_P1P2
    init = path_bytes() + hrp_field("milk")
    assert status_of(backend, InsType.SIGN_SECP256K1, p1=3, p2=SignMode.DIRECT, data=init) == Errors.SW_WRONG_P1P2
    assert status_of(backend, InsType.SIGN_SECP256K1, p1=0, p2=3, data=init) == Errors.SW_WRONG_P1P2


def test_wrong_length(backend):
    # GET_ADDR with the path cut short, SIGN init without data or with a short path.
    short_addr = hrp_field("milk") + path_bytes()[:19]
    assert status_of(backend, InsType.GET_ADDR_SECP256K1, data=short_addr) == Errors.SW_WRONG_LENGTH
    assert status_of(backend, InsType.SIGN_SECP256K1, p2=SignMode.DIRECT) == Errors.SW_WRONG_LENGTH
    assert status_of(backend, InsType.SIGN_SECP256K1, p2=SignMode.DIRECT, data=path_bytes()[:12]) == Errors.SW_WRONG_LENGTH


def test_chunk_without_init(backend):
    # 0x6986: a chunk out of order (no init before it).
    assert status_of(backend, InsType.SIGN_SECP256K1, p1=SignP1.ADD, p2=SignMode.DIRECT, data=b"\x0a") == Errors.SW_DENY
    assert status_of(backend, InsType.SIGN_SECP256K1, p1=SignP1.LAST, p2=SignMode.DIRECT, data=b"\x0a") == Errors.SW_DENY


def test_refused_at_its_chunk(backend):
    # 0x6984 at the chunk where the document breaks a rule: the app decodes a DIRECT or
    # Amino JSON document as its chunks arrive (no size cap); the request is then over.
    client = MilkyWayCommandSender(backend)
    chunks = client.sign_chunks(b"{" * (4 * CHUNK), SignMode.AMINO_JSON, "milk")
    (p1_init, init), (p1_first, first), *_ = chunks
    backend.exchange(cla=CLA, ins=InsType.SIGN_SECP256K1, p1=p1_init, p2=SignMode.AMINO_JSON, data=init)
    with pytest.raises(ExceptionRAPDU) as e:
        backend.exchange(cla=CLA, ins=InsType.SIGN_SECP256K1, p1=p1_first, p2=SignMode.AMINO_JSON, data=first)
    assert e.value.status == Errors.SW_REFUSED
    assert e.value.data.startswith(b"JSON"), e.value.data
    assert status_of(backend, InsType.SIGN_SECP256K1, p1=SignP1.ADD, p2=SignMode.AMINO_JSON, data=first) == Errors.SW_DENY


def test_textual_too_large(backend):
    # 0x6988: a SIGN_MODE_TEXTUAL document is read whole in the decoder's element buffer
    # (4096 bytes, 3072 on Nano X; docs/protocol.md); 5000 bytes overflow it on every
    # device, at the chunk that crosses it.
    client = MilkyWayCommandSender(backend)
    chunks = client.sign_chunks(b"\xa1" * 5000, SignMode.TEXTUAL, "milk")
    statuses = []
    for p1, data in chunks:
        try:
            backend.exchange(cla=CLA, ins=InsType.SIGN_SECP256K1, p1=p1, p2=SignMode.TEXTUAL, data=data)
            statuses.append(0x9000)
        except ExceptionRAPDU as e:
            statuses.append(e.status)
            break
    assert statuses[-1] == Errors.SW_TOO_LARGE, statuses
    assert 3072 // CHUNK <= len(statuses) - 2 <= 4096 // CHUNK + 1, statuses


def test_textual_not_cbor_refused(backend):
    # SIGN_MODE_TEXTUAL (P2 = 1): the init is taken; a last chunk that is no ADR-050 CBOR
    # document gets 0x6984 with the reason as reply data (core/src/textual/mod.rs).
    init = path_bytes() + hrp_field("milk")
    backend.exchange(cla=CLA, ins=InsType.SIGN_SECP256K1, p1=SignP1.INIT, p2=SignMode.TEXTUAL, data=init)
    with pytest.raises(ExceptionRAPDU) as e:
        backend.exchange(cla=CLA, ins=InsType.SIGN_SECP256K1, p1=SignP1.LAST, p2=SignMode.TEXTUAL, data=b"{}")
    assert e.value.status == Errors.SW_REFUSED
    assert e.value.data == b"Textual: not {1: screens}", e.value.data