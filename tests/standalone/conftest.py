"""The Ragger suite of the MilkyWay app (Ledger's boilerplate layout): Ragger's own
conftest does the work (the --device/--backend/--golden_run options, Speculos with the ELF
of ledger_app.toml's build directory: app/target/<device>/release/milkyway-ledger-app).

    cd tests/standalone && pytest --device nanosp     # or nanox, stax, flex, apex_p, all

Golden snapshots: tests/snapshots/<device>/<test>/ (tests/setup.cfg makes tests/ the root).
"""

from pathlib import Path

from ragger.conftest import configuration
from ragger.utils import misc

from application_client.milkyway_utils import TEST_MNEMONIC

# The Rust harness' seed, so both suites show the same addresses and share snapshots.
configuration.OPTIONAL.CUSTOM_SEED = TEST_MNEMONIC
# A fresh app (settings off) for every test module; the tests of a module share it.
configuration.OPTIONAL.BACKEND_SCOPE = "module"

# Pull all features from the base ragger conftest using the overridden configuration
pytest_plugins = ("ragger.conftest.base_conftest",)


def _project_root(origin: Path) -> Path:
    """Ragger 1.47 takes the repository's top to be the directory holding a `.git`
    directory; in a git worktree `.git` is a file, and a copy of the tracked files (CI's
    scripts/fresh-machine.sh) has none. The manifest, ledger_app.toml, marks the top here."""
    for d in [origin, *origin.parents]:
        if (d / "ledger_app.toml").is_file():
            return d
    raise ValueError(f"no ledger_app.toml above {origin}")


def pytest_configure(config):
    # Ragger's conftest is loaded by now; it imported the function by name.
    import ragger.conftest.base_conftest as base

    misc.find_project_root_dir = _project_root
    base.find_project_root_dir = _project_root

