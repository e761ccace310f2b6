#!/usr/bin/env bash
# One idempotent setup step for building the device app and running it in Speculos,
# on Debian bookworm. Each step checks first and does nothing when its part is already
# there, so a second run takes seconds. It works from an empty state (no rustup, no
# toolchains, no cached crates, no virtualenv): scripts/fresh-machine.sh proves that on
# every CI run.
#
#   scripts/setup.sh               everything; stops with instructions if the C SDK is missing
#   scripts/setup.sh --host-only   everything but the C SDK check, which only warns
#                                  (used by `make test`, whose device tier then reports
#                                  "DEVICE TIER SKIPPED")
#
# What it installs:
#   1. Debian packages (clang, clang-19, lld, llvm, gcc-arm-none-eabi, libnewlib-arm-none-eabi,
#      qemu-user-static, python3-pil, libudev-dev, pkg-config, python3-venv, git, curl,
#      imagemagick)
#   2. rustup, the host toolchain ./rust-toolchain.toml pins and the device toolchain
#      app/rust-toolchain.toml pins (with rust-src), and cargo-fuzz 0.13.2 (the core's
#      fuzz smoke runs with that nightly)
#   3. the device crates (`cargo fetch` of app/), then the five target JSONs (into
#      $RUST_TARGET_PATH, see env.sh) and link_wrap.sh taken from the ledger_secure_sdk_sys
#      crate (no download from GitHub)
#   4. Speculos 0.27.1 in a virtualenv under ~/.cache/milkyway-ledger/, and in the same
#      virtualenv the Ragger suite's packages (tests/standalone/requirements.txt: Ragger,
#      pytest, ecdsa, ledgered) and codespell (scripts/lint.sh)
#   4b. Node.js >= 20 (the machine's, Debian's nodejs, or node-linux-<arch> from the npm
#      registry when Debian's is older) and the client tests' packages (npm ci in tests/clients)
#   5. the Ledger C SDK: LEDGER_SDK_PATH (default /opt/ledger-secure-sdk), branch API_LEVEL_27
#
# A step that fails prints one line: what is missing, the command that fixes it, and the
# log file holding the tool's own output (under ~/.cache/milkyway-ledger/setup-logs/).
set -euo pipefail

HOST_ONLY=0
for arg in "$@"; do
  case "$arg" in
    --host-only) HOST_ONLY=1 ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    *) echo "setup.sh: unknown argument $arg" >&2; exit 2 ;;
  esac
done

. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
export DEBIAN_FRONTEND=noninteractive

# Speculos 0.27.1 is the newest release; it emulates API levels 24-27, and the app on the
# pinned ledger_secure_sdk_sys runs in it when the C SDK is built with clang-19
# (app/Cargo.toml, docs/sdk-upgrade.md).
SPECULOS_VERSION=0.27.1
# cargo-fuzz (step 2b; why it is pinned is said there).
CARGO_FUZZ_VERSION=0.13.2
# codespell for scripts/lint.sh's spelling check: pinned so that a new release's
# dictionary cannot turn `make test` red overnight; 2.4.3 is the version tested (the
# ignore list in .codespellrc was reviewed with it).
CODESPELL_VERSION=2.4.3

step() { printf '[setup] %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Each installing command writes its output to a log of its own; on failure the step says
# in one line what is missing and how to fix it, never the tool's backtrace.
LOG_DIR="$MW_CACHE/setup-logs"
mkdir -p "$LOG_DIR"
# logged NAME CMD...: runs CMD with its output in $LOG_DIR/NAME.log.
logged() {
  local log="$LOG_DIR/$1.log"; shift
  "$@" >"$log" 2>&1
}
# fail WHAT FIX [LOGNAME]: the one line, then exit 1.
fail() {
  local why=""
  if [ -n "${3:-}" ] && [ -s "$LOG_DIR/$3.log" ]; then
    # The tool's first error line says the most; else its last line.
    why="$(grep -m1 -iE '^(error|fatal|e:)|error:' "$LOG_DIR/$3.log" || tail -n 1 "$LOG_DIR/$3.log")"
    why=" (${why:0:160}; full output: $LOG_DIR/$3.log)"
  fi
  echo "[setup] error: $1$why. Fix: $2" >&2
  exit 1
}

# 1. Debian packages -------------------------------------------------------------------
# imagemagick: `identify`, with which scripts/lint.sh checks the icons as Ledger's
# check_icons.sh does. clang-19: the C SDK's compiler (app/.cargo/config.toml: bookworm's
# clang 14 miscompiles the stack protector's guard read under -frwpi).
APT_PACKAGES=(clang clang-19 lld llvm gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-user-static
  python3-pil python3-venv libudev-dev pkg-config git curl ca-certificates imagemagick)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  step "installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" != 0 ] && ! command -v sudo >/dev/null 2>&1; then
    fail "Debian packages missing (${missing[*]}) and no sudo to install them" \
      "as root: apt-get install -y --no-install-recommends ${missing[*]}"
  fi
  logged apt as_root apt-get update -qq ||
    fail "apt-get update failed" "check the Debian mirrors in /etc/apt/sources.list, then run make setup again" apt
  logged apt as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" ||
    fail "Debian packages could not be installed (${missing[*]})" \
      "sudo apt-get install -y --no-install-recommends ${missing[*]}" apt
else
  step "Debian packages: present"
fi

# 2. rustup and the pinned toolchains ---------------------------------------------------
# rustup-init straight from static.rust-lang.org (what https://sh.rustup.rs downloads; that
# host is not reachable from every network that reaches the toolchain server), checked
# against its published SHA-256.
if ! command -v rustup >/dev/null 2>&1; then
  step "installing rustup (static.rust-lang.org)"
  url="https://static.rust-lang.org/rustup/dist/$(uname -m)-unknown-linux-gnu/rustup-init"
  tmp="$(mktemp -d)"
  logged rustup curl --proto '=https' --tlsv1.2 -sSfL -o "$tmp/rustup-init" "$url" &&
    logged rustup-sha curl --proto '=https' --tlsv1.2 -sSfL -o "$tmp/rustup-init.sha256" "$url.sha256" ||
    fail "rustup could not be downloaded from $url" \
      "install rustup by hand (https://rustup.rs), then run make setup again" rustup
  [ "$(cut -d' ' -f1 "$tmp/rustup-init.sha256")" = "$(sha256sum "$tmp/rustup-init" | cut -d' ' -f1)" ] ||
    fail "the rustup-init downloaded from $url does not match its SHA-256" "run make setup again"
  chmod +x "$tmp/rustup-init"
  logged rustup "$tmp/rustup-init" -y --profile minimal --default-toolchain none --no-modify-path ||
    fail "rustup-init failed" "install rustup by hand (https://rustup.rs), then run make setup again" rustup
  rm -rf "$tmp"
  export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
fi
# toolchain NAME COMPONENT...: installs NAME with the components unless they are there.
toolchain() {
  local name="$1"; shift
  local installed c ok=1
  installed="$(rustup component list --installed --toolchain "$name" 2>/dev/null || true)"
  for c in "$@"; do grep -q "^$c" <<<"$installed" || ok=0; done
  if [ $ok = 1 ]; then
    step "toolchain $name ($*): present"
    return
  fi
  step "installing toolchain $name ($*)"
  local args=() ; for c in "$@"; do args+=(--component "$c"); done
  logged "toolchain-$name" rustup toolchain install "$name" --profile minimal "${args[@]}" ||
    fail "Rust toolchain $name could not be installed" \
      "rustup toolchain install $name --profile minimal ${args[*]}" "toolchain-$name"
}
# The host toolchain (./rust-toolchain.toml) builds, tests and lints the workspace.
toolchain "$MW_HOST_TOOLCHAIN" clippy rustfmt
# The device toolchain; clippy too: scripts/lint-app.sh checks the app's panic-freedom
# lints on each target.
toolchain "$MW_TOOLCHAIN" rust-src clippy

# 2b. cargo-fuzz, for the core's fuzz smoke in `make test` (scripts/fuzz.sh) ---------------
# Pinned: scripts/fuzz.sh relies on its command line (`fuzz build/run -O -a -s none
# --target-dir …`, `fuzz run T DIR -- <libFuzzer flags>`; -a matters: with -O alone
# cargo-fuzz turns debug assertions and overflow checks off), and --locked builds it with
# the dependency versions it was released with, so neither a new cargo-fuzz release nor
# a new release of one of its dependencies can break `make test`. 0.13.2 is the version
# tested. Built with the host toolchain, from the repository root (its rust-toolchain.toml).
if [ "$(cargo fuzz --version 2>/dev/null)" = "cargo-fuzz $CARGO_FUZZ_VERSION" ]; then
  step "cargo-fuzz $CARGO_FUZZ_VERSION: present"
else
  step "installing cargo-fuzz $CARGO_FUZZ_VERSION (crates.io, builds in a minute or two)"
  (cd "$MW_ROOT" && logged cargo-fuzz cargo +"$MW_HOST_TOOLCHAIN" install --locked --version "=$CARGO_FUZZ_VERSION" cargo-fuzz) ||
    fail "cargo-fuzz $CARGO_FUZZ_VERSION could not be installed from crates.io" \
      "cargo install --locked --version =$CARGO_FUZZ_VERSION cargo-fuzz" cargo-fuzz
fi

# 3. device crates, target JSONs and link_wrap.sh from ledger_secure_sdk_sys --------------
# Both cargo commands run from the repository root, never inside app/: app/.cargo/config.toml
# sets `build.target = "nanosplus"`, and cargo asks rustc about that target (whose JSON is
# what this step installs) before it does anything else there.
# `cargo fetch` is quick when the registry cache has every locked crate.
(cd "$MW_ROOT" && logged cargo-fetch cargo +"$MW_TOOLCHAIN" fetch --manifest-path app/Cargo.toml) ||
  fail "the device crates (app/Cargo.lock) could not be fetched from crates.io" \
    "cargo +$MW_TOOLCHAIN fetch --manifest-path app/Cargo.toml" cargo-fetch
SYS_DIR="$(cd "$MW_ROOT" && cargo +"$MW_TOOLCHAIN" metadata --offline --format-version 1 --manifest-path app/Cargo.toml 2>/dev/null |
  python3 -c 'import json,sys,os
for p in json.load(sys.stdin)["packages"]:
    if p["name"] == "ledger_secure_sdk_sys":
        print(os.path.dirname(p["manifest_path"]))')" || true
if [ -z "$SYS_DIR" ] || [ ! -f "$SYS_DIR/link_wrap.sh" ]; then
  fail "the ledger_secure_sdk_sys crate is not in the cargo registry cache after cargo fetch" \
    "cargo +$MW_TOOLCHAIN fetch --manifest-path app/Cargo.toml, then run make setup again"
fi
if [ "$(basename "$SYS_DIR")" != "ledger_secure_sdk_sys-$MW_SYS_VERSION" ]; then
  fail "app/Cargo.lock has $(basename "$SYS_DIR"), app/Cargo.toml pins ledger_secure_sdk_sys $MW_SYS_VERSION" \
    "cd app && cargo update -p ledger_secure_sdk_sys"
fi
changed=0
mkdir -p "$MW_TARGETS"
for d in "${MW_DEVICES[@]}"; do
  if ! cmp -s "$SYS_DIR/devices/$d/$d.json" "$MW_TARGETS/$d.json"; then
    cp "$SYS_DIR/devices/$d/$d.json" "$MW_TARGETS/$d.json"; changed=1
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
  [ -x "$MW_VENV/bin/python3" ] || logged venv "$PY" -m venv "$MW_VENV" ||
    fail "no Python virtualenv could be made at $MW_VENV" "sudo apt-get install -y python3-venv, then run make setup again" venv
  logged speculos "$MW_VENV/bin/python3" -m pip install --disable-pip-version-check "speculos==$SPECULOS_VERSION" ||
    fail "Speculos $SPECULOS_VERSION could not be installed from PyPI" \
      "$MW_VENV/bin/python3 -m pip install speculos==$SPECULOS_VERSION" speculos
  [ "$(venv_speculos_version)" = "$SPECULOS_VERSION" ] ||
    fail "Speculos $SPECULOS_VERSION is not importable in $MW_VENV after its install" \
      "rm -rf $MW_VENV, then run make setup again" speculos
fi

# 4a. The Ragger suite's packages and codespell, in the same virtualenv ------------------
# Every package is pinned to an exact version (tests/standalone/requirements.txt says why
# for each); nothing is installed when all of them are there at those versions.
RAGGER_REQUIREMENTS="$MW_ROOT/tests/standalone/requirements.txt"
pins_present() {
  "$MW_VENV/bin/python3" - "$RAGGER_REQUIREMENTS" "codespell==$CODESPELL_VERSION" <<'PY' 2>/dev/null
import importlib.metadata as m, re, sys
pins = [l.split("#")[0].strip() for l in open(sys.argv[1])] + sys.argv[2:]
for pin in filter(None, pins):
    name, version = re.fullmatch(r"([A-Za-z0-9_.-]+)(?:\[[^]]*\])?==(\S+)", pin).groups()
    if m.version(name) != version:
        sys.exit(1)
PY
}
if pins_present; then
  step "Ragger suite packages and codespell $CODESPELL_VERSION in $MW_VENV: present"
else
  step "installing the Ragger suite's packages and codespell $CODESPELL_VERSION into $MW_VENV"
  logged ragger "$MW_VENV/bin/python3" -m pip install --disable-pip-version-check \
    -r "$RAGGER_REQUIREMENTS" "codespell==$CODESPELL_VERSION" ||
    fail "the Ragger suite's packages or codespell could not be installed from PyPI" \
      "$MW_VENV/bin/python3 -m pip install -r $RAGGER_REQUIREMENTS codespell==$CODESPELL_VERSION" ragger
  pins_present ||
    fail "the Ragger suite's packages are not at their pinned versions in $MW_VENV after the install" \
      "rm -rf $MW_VENV, then run make setup again" ragger
fi

# 4b. Node.js and the client tests' npm packages (tests/clients) --------------------------
# The device tier runs third-party JS clients (cosmjs, ledger-cosmos-js, Ledger's Speculos
# transport) from the npm registry, pinned by tests/clients/package-lock.json. Their
# packages declare Node >= 20. Node comes from the machine if it is new enough, else from
# Debian (`nodejs npm`; bookworm's is 18), and if that is older than 20, Node's own
# binary from the npm registry package node-linux-<arch> (the binary ships inside the
# package), linked into $MW_BIN, which env.sh puts first on PATH.
NODE_MIN_MAJOR=20
NODE_FALLBACK_VERSION=20.20.2
CLIENTS_DIR="$MW_ROOT/tests/clients"
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  step "installing Debian packages nodejs npm (for the client tests)"
  logged apt-nodejs bash -c "$(declare -f as_root); as_root apt-get update -qq && as_root apt-get install -y -qq --no-install-recommends nodejs npm" ||
    fail "Node.js and npm are missing and could not be installed from Debian (the client tests in tests/clients need them)" \
      "apt-get install nodejs npm, then run scripts/setup.sh again" apt-nodejs
fi
if [ "$(node_major)" -lt "$NODE_MIN_MAJOR" ]; then
  case "$(uname -m)" in x86_64) node_arch=x64 ;; aarch64) node_arch=arm64 ;; *) node_arch="$(uname -m)" ;; esac
  step "node $(node --version) is older than $NODE_MIN_MAJOR: installing node-linux-$node_arch@$NODE_FALLBACK_VERSION from the npm registry into $MW_CACHE/node"
  logged npm-node npm install --no-audit --no-fund --prefix "$MW_CACHE/node" "node-linux-$node_arch@$NODE_FALLBACK_VERSION" ||
    fail "Node >= $NODE_MIN_MAJOR is needed by tests/clients and npm could not install node-linux-$node_arch@$NODE_FALLBACK_VERSION" \
      "install Node >= $NODE_MIN_MAJOR, then run scripts/setup.sh again" npm-node
  mkdir -p "$MW_BIN"
  ln -sf "$MW_CACHE/node/node_modules/node-linux-$node_arch/bin/node" "$MW_BIN/node"
  hash -r
  [ "$(node_major)" -ge "$NODE_MIN_MAJOR" ] ||
    fail "node on PATH is still $(node --version 2>/dev/null || echo missing) after installing Node $NODE_FALLBACK_VERSION into $MW_BIN" \
      "put Node >= $NODE_MIN_MAJOR first on PATH"
fi
# `npm ci` installs exactly the lock file; a stamp of the lock file's hash says it is done.
lock_sum="$(sha256sum "$CLIENTS_DIR/package-lock.json" | cut -d' ' -f1)"
stamp="$CLIENTS_DIR/node_modules/.milkyway-lock-sha256"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_sum" ]; then
  step "client test packages (tests/clients, node $(node --version)): present"
else
  step "installing the client test packages: npm ci in tests/clients (node $(node --version); ~25 s)"
  (cd "$CLIENTS_DIR" && logged npm-ci npm ci --no-audit --no-fund) ||
    fail "the client tests' npm packages could not be installed (npm ci in tests/clients)" \
      "check that the npm registry is reachable, then run scripts/setup.sh again" npm-ci
  echo "$lock_sum" >"$stamp"
fi

# 5. The Ledger C SDK --------------------------------------------------------------------
SDK_HELP="The Ledger C SDK (branch API_LEVEL_27) is needed at LEDGER_SDK_PATH (default /opt/ledger-secure-sdk).
Get it with:
    git clone --depth 1 --branch API_LEVEL_27 https://github.com/LedgerHQ/ledger-secure-sdk $LEDGER_SDK_PATH
or, from a git directory of LedgerHQ/ledger-secure-sdk already on this machine (no network needed):
    mkdir -p $LEDGER_SDK_PATH
    git --git-dir=<that git directory> archive API_LEVEL_27 -- . ':(exclude)doc/plantuml.jar' | tar -x -C $LEDGER_SDK_PATH
    (where git answers invalid object … for doc/plantuml.jar, the copy lacks that blob and
    the export stops there, leaving the SDK incomplete: exclude ':(exclude)doc' instead; the
    build needs nothing under doc/)
or point LEDGER_SDK_PATH at an existing checkout. Then run this setup again."
if problem="$(mw_sdk_problem)"; then
  if [ ! -e "$LEDGER_SDK_PATH" ] &&
     timeout 20 git ls-remote --exit-code https://github.com/LedgerHQ/ledger-secure-sdk refs/heads/API_LEVEL_27 >/dev/null 2>&1; then
    step "cloning the C SDK (API_LEVEL_27) into $LEDGER_SDK_PATH"
    logged sdk git clone -q --depth 1 --branch API_LEVEL_27 https://github.com/LedgerHQ/ledger-secure-sdk "$LEDGER_SDK_PATH" ||
      step "warning: the clone failed (full output: $LOG_DIR/sdk.log)"
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
