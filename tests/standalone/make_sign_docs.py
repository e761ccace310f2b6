#!/usr/bin/env python3
"""Regenerates data/sign_docs.json, the sign documents the suite sends: real MilkyWay
transactions built by the host crate's builders (tests/src/bin/ragger_sign_docs.rs) for
the key of 44'/118'/0'/0/0 of the suite's seed. Run it from anywhere, with the project's
venv (scripts/setup.sh; it needs Ragger for the key) and cargo on PATH:

    . scripts/env.sh && python3 tests/standalone/make_sign_docs.py
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from application_client.milkyway_utils import expected_public_key  # noqa: E402


def main() -> None:
    key = expected_public_key().hex()
    out = subprocess.run(
        ["cargo", "run", "-q", "-p", "milkyway-e2e", "--bin", "ragger_sign_docs", "--", key],
        cwd=HERE.parent.parent,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    (HERE / "data" / "sign_docs.json").write_text(out)
    print(f"wrote {HERE / 'data' / 'sign_docs.json'} for public key {key}")


if __name__ == "__main__":
    main()
