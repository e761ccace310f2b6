#!/usr/bin/env python3
"""Seeds for the apdu_session fuzz target (its input format is in
fuzz/fuzz_targets/apdu_session.rs).

    fuzz/apdu_seeds.py wrap OUT_DIR DIRECT_DIR AMINO_DIR   every sign doc as a SIGN session
    fuzz/apdu_seeds.py hand OUT_DIR                        the hand-made seeds (committed in
                                                           fuzz/corpus/seeds/apdu_session/)
"""
import os
import struct
import sys

CLA, INS_SIGN = 0x55, 0x02
P2 = {"amino": 0, "textual": 1, "direct": 2}
PATH = struct.pack("<5I", 44 | 0x80000000, 118 | 0x80000000, 0x80000000, 0, 0)
# The Ethereum-style key (44'/60'), for `init` addresses only.
PATH_ETH = struct.pack("<5I", 44 | 0x80000000, 60 | 0x80000000, 0x80000000, 0, 0)


def rec(p1, p2, data, times=1):
    apdu = bytes([CLA, INS_SIGN, p1, p2]) + data
    assert len(apdu) <= 255
    return bytes([len(apdu)]) + apdu if times == 1 else bytes([0, times - 1, len(apdu)]) + apdu


def init(p2, hrp=b"milk", path=PATH):
    return rec(0, p2, path + (bytes([len(hrp)]) + hrp if hrp is not None else b""))


def session(doc, p2, hrp=b"milk", chunk=250, path=PATH):
    out = init(p2, hrp, path)
    parts = [doc[i:i + chunk] for i in range(0, len(doc), chunk)] or [b""]
    for i, part in enumerate(parts):
        out += rec(2 if i == len(parts) - 1 else 1, p2, part)
    return out


def wrap(out, direct, amino):
    os.makedirs(out, exist_ok=True)
    n = 0
    for kind, d in (("direct", direct), ("amino", amino)):
        for i, name in enumerate(sorted(os.listdir(d))):
            with open(os.path.join(d, name), "rb") as f:
                doc = f.read()
            # Flags vary (reject at the end, expert mode, blind signing); prefix or none.
            flags = bytes([i % 8])
            hrp = None if i % 3 == 2 else b"milk"
            with open(os.path.join(out, f"{kind}-{name}"), "wb") as f:
                f.write(flags + session(doc, P2[kind], hrp))
            n += 1
    return n


def hand(out):
    os.makedirs(out, exist_ok=True)
    doc = b'{"account_number":"0","chain_id":"milkyway","fee":{"amount":[],"gas":"0"},"memo":"","msgs":[],"sequence":"0"}'
    moo = doc.replace(b'"milkyway"', b'"moo-1"')
    seeds = {
        # A textual document filling Nano X's 3072-byte element buffer exactly (12 x 250 +
        # 72 bytes), then one byte too many (0x6988); the full one ended by `last`.
        "overflow": b"\x00" + init(1) + rec(1, 1, b"\xaa" * 250, times=12) + rec(1, 1, b"\xbb" * 72) + rec(2, 1, b"x"),
        "full_then_last": b"\x00" + init(1) + rec(1, 1, b"\xaa" * 250, times=12) + rec(2, 1, b"\xbb" * 72),
        # A document sent with two P2s (refused), then an add (0x6986).
        "mode_changed": b"\x00" + init(0) + rec(1, 2, b"{") + rec(2, 0, b"}"),
        "add_before_init": b"\x00" + rec(1, 2, b"abc") + rec(2, 2, b"de"),
        "textual": b"\x00" + init(1) + rec(2, 1, b"x"),
        "reinit_drops_old": b"\x01" + init(0) + rec(1, 0, b"old") + session(doc, P2["amino"]),
        "last_after_complete": b"\x00" + session(doc, P2["amino"]) + rec(2, 0, b""),
        "unknown_prefix_expert": b"\x03" + session(doc, P2["amino"], b"evil"),
        "no_prefix_blind": b"\x04" + session(doc, P2["amino"], None),
        # The 44'/60' key: with `init` on moo-1, with `milk` (refused at init), blind and
        # textual (refused).
        "eth_key_moo": b"\x00" + session(moo, P2["amino"], b"init", path=PATH_ETH),
        "eth_key_no_prefix_blind": b"\x04" + session(moo, P2["amino"], None, path=PATH_ETH),
        "eth_key_milk_prefix": b"\x03" + session(doc, P2["amino"], b"milk", path=PATH_ETH),
        "eth_key_textual": b"\x00" + init(1, b"init", PATH_ETH) + rec(2, 1, b"\xa1\x01\x80"),
    }
    for name, data in seeds.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
    return len(seeds)


if __name__ == "__main__":
    if sys.argv[1:2] == ["wrap"] and len(sys.argv) == 5:
        print(wrap(*sys.argv[2:]))
    elif sys.argv[1:2] == ["hand"] and len(sys.argv) == 3:
        print(hand(sys.argv[2]))
    else:
        sys.exit(__doc__)
