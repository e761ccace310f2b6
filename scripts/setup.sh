#!/usr/bin/env bash
# One idempotent setup step for building the device app and running it in Speculos,
# on Debian bookworm. Each step checks first and does nothing when its part is already
# there, so a second run takes seconds.
#
#   scripts/setup.sh               everything; stops with instructions if the C SDK is missing
#   scripts/setup.sh --host-only   everything but the C SDK check, which only warns
#                                  (used by `make test`, whose device tier then reports
#                                  "DEVICE TIER SKIPPED")
#
# What it installs:
#   1. Debian packages (clang, lld, llvm, gcc-arm-none-eabi, libnewlib-arm-none-eabi,
#      qemu-user-static, python3-pil, libudev-dev, pkg-config, python3-venv, git, curl)
#   2. rustup and the device toolchain app/rust-toolchain.toml pins, with rust-src, and
#      cargo-fuzz 0.13.2 (the core's fuzz smoke runs with that nightly)
#   3. the device crates (`cargo fetch` in app/), then the five target JSONs and
#      link_wrap.sh taken from the ledger_secure_sdk_sys crate (no download from GitHub)
#   4. Speculos 0.27.1 in a virtualenv under ~/.cache/milkyway-ledger/
#   5. the Ledger C SDK: LEDGER_SDK_PATH (default /opt/ledger-secure-sdk), branch API_LEVEL_27
set -euo pipefail

HOST_ONLY=0
for arg in "$@"; do
  case "$arg" in
    --host-only) HOST_ONLY=1 ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "setup.sh: unknown argument $arg" >&2; exit 2 ;;
  esac
done

. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
export DEBIAN_FRONTEND=noninteractive

# Speculos 0.27.1 is the newest release; it emulates API levels 24-27, and the pinned
# ledger_secure_sdk_sys 1.16.3 runs in it (newer sys releases crash in it, see app/Cargo.toml).
SPECULOS_VERSION=0.27.1
# cargo-fuzz (step 2b; why it is pinned is said there).
CARGO_FUZZ_VERSION=0.13.2

step() { printf '[setup] %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# 1. Debian packages -------------------------------------------------------------------
APT_PACKAGES=(clang lld llvm gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-user-static
  python3-pil python3-venv libudev-dev pkg-config git curl ca-certificates)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  step "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  step "Debian packages: present"
fi

# 2. rustup and the pinned device toolchain ----------------------------------------------
if ! command -v rustup >/dev/null 2>&1; then
  step "installing rustup (stable host toolchain)"
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
  export PATH="$HOME/.cargo/bin:$PATH"
fi
# clippy too: scripts/lint-app.sh checks the app's panic-freedom lints on each target.
installed="$(rustup component list --installed --toolchain "$MW_TOOLCHAIN" 2>/dev/null || true)"
if grep -q '^rust-src' <<<"$installed" && grep -q '^clippy' <<<"$installed"; then
  step "device toolchain $MW_TOOLCHAIN with rust-src and clippy: present"
else
  step "installing device toolchain $MW_TOOLCHAIN with rust-src and clippy"
  rustup toolchain install "$MW_TOOLCHAIN" --profile minimal --component rust-src --component clippy
fi
SYSROOT="$(rustc +"$MW_TOOLCHAIN" --print sysroot)"

# 2b. cargo-fuzz, for the core's fuzz smoke in `make test` (scripts/fuzz.sh) ---------------
# Pinned: scripts/fuzz.sh relies on its command line (`fuzz build/run -O -a -s none
# --target-dir …`, `fuzz run T DIR -- <libFuzzer flags>`; -a matters: with -O alone
# cargo-fuzz turns debug assertions and overflow checks off), and --locked builds it with
# the dependency versions it was released with, so neither a new cargo-fuzz release nor
# a new release of one of its dependencies can break `make test`. 0.13.2 is the version
# tested.
if [ "$(cargo fuzz --version 2>/dev/null)" = "cargo-fuzz $CARGO_FUZZ_VERSION" ]; then
  step "cargo-fuzz $CARGO_FUZZ_VERSION: present"
else
  step "installing cargo-fuzz $CARGO_FUZZ_VERSION (crates.io, builds in a few minutes)"
  cargo install -q --locked --version "=$CARGO_FUZZ_VERSION" cargo-fuzz
fi

# 3. device crates, target JSONs and link_wrap.sh from ledger_secure_sdk_sys --------------
# Both cargo commands run from the repository root, never inside app/: app/.cargo/config.toml
# sets `build.target = "nanosplus"`, and cargo asks rustc about that target (whose JSON is
# what this step installs) before it does anything else there.
# `cargo fetch` is quick when the registry cache has every locked crate.
cargo +"$MW_TOOLCHAIN" fetch -q --manifest-path "$MW_ROOT/app/Cargo.toml"
SYS_DIR="$(cargo +"$MW_TOOLCHAIN" metadata --offline --format-version 1 --manifest-path "$MW_ROOT/app/Cargo.toml" 2>/dev/null |
  python3 -c 'import json,sys,os
for p in json.load(sys.stdin)["packages"]:
    if p["name"] == "ledger_secure_sdk_sys":
        print(os.path.dirname(p["manifest_path"]))')"
if [ -z "$SYS_DIR" ] || [ ! -f "$SYS_DIR/link_wrap.sh" ]; then
  echo "[setup] error: cannot find the ledger_secure_sdk_sys crate after cargo fetch" >&2
  exit 1
fi
changed=0
for d in "${MW_DEVICES[@]}"; do
  mkdir -p "$SYSROOT/lib/rustlib/$d"
  if ! cmp -s "$SYS_DIR/devices/$d/$d.json" "$SYSROOT/lib/rustlib/$d/target.json"; then
    cp "$SYS_DIR/devices/$d/$d.json" "$SYSROOT/lib/rustlib/$d/target.json"; changed=1
  fi
done
mkdir -p "$MW_BIN"
if ! cmp -s "$SYS_DIR/link_wrap.sh" "$MW_BIN/link_wrap.sh"; then
  cp "$SYS_DIR/link_wrap.sh" "$MW_BIN/link_wrap.sh"; changed=1
fi
chmod +x "$MW_BIN/link_wrap.sh"
step "target JSONs and link_wrap.sh from $(basename "$SYS_DIR"): $([ $changed = 1 ] && echo installed || echo present)"

# 4. Speculos in a virtualenv ----------------------------------------------------------
venv_speculos_version() {
  "$MW_VENV/bin/python3" -c 'import importlib.metadata as m; print(m.version("speculos"))' 2>/dev/null || true
}
if [ "$(venv_speculos_version)" = "$SPECULOS_VERSION" ] &&
   "$MW_VENV/bin/python3" -c 'import PIL' 2>/dev/null; then
  step "Speculos $SPECULOS_VERSION in $MW_VENV: present"
else
  step "installing Speculos $SPECULOS_VERSION into $MW_VENV (pulls PyQt6; takes a minute)"
  # Debian's python3 (python3-venv is installed above); any python >= 3.10 works.
  PY=/usr/bin/python3; [ -x "$PY" ] || PY=python3
  [ -x "$MW_VENV/bin/python3" ] || "$PY" -m venv "$MW_VENV"
  "$MW_VENV/bin/python3" -m pip install -q --disable-pip-version-check "speculos==$SPECULOS_VERSION"
  [ "$(venv_speculos_version)" = "$SPECULOS_VERSION" ] || { echo "[setup] error: Speculos install failed" >&2; exit 1; }
fi

# 5. The Ledger C SDK --------------------------------------------------------------------
SDK_HELP="The Ledger C SDK (branch API_LEVEL_27) is needed at LEDGER_SDK_PATH (default /opt/ledger-secure-sdk).
Get it with:
    git clone --depth 1 --branch API_LEVEL_27 https://github.com/LedgerHQ/ledger-secure-sdk $LEDGER_SDK_PATH
or, from a git directory of LedgerHQ/ledger-secure-sdk already on this machine (no network needed):
    mkdir -p $LEDGER_SDK_PATH
    git --git-dir=<that git directory> archive API_LEVEL_27 -- . ':(exclude)doc/plantuml.jar' | tar -x -C $LEDGER_SDK_PATH
or point LEDGER_SDK_PATH at an existing checkout. Then run this setup again."
if problem="$(mw_sdk_problem)"; then
  if [ ! -e "$LEDGER_SDK_PATH" ] &&
     timeout 20 git ls-remote --exit-code https://github.com/LedgerHQ/ledger-secure-sdk refs/heads/API_LEVEL_27 >/dev/null 2>&1; then
    step "cloning the C SDK (API_LEVEL_27) into $LEDGER_SDK_PATH"
    git clone -q --depth 1 --branch API_LEVEL_27 https://github.com/LedgerHQ/ledger-secure-sdk "$LEDGER_SDK_PATH"
  fi
fi
if problem="$(mw_sdk_problem)"; then
  if [ $HOST_ONLY = 1 ]; then
    step "warning: $problem; device builds and the device tier are not possible"
    exit 0
  fi
  echo "[setup] error: $problem." >&2
  echo "$SDK_HELP" >&2
  exit 1
fi
step "C SDK at $LEDGER_SDK_PATH (API_LEVEL 27): present"
step "done"
