#!/usr/bin/env bash
# The setup's failure messages (scripts/setup.sh): each failing step prints exactly one
# line on stderr, "[setup] error: <what is missing>… Fix: <command>", and no tool output.
# Each case runs the real setup.sh with an empty HOME and stand-ins for the tools
# (rustup, cargo, curl) placed first on PATH, which fail the way the real ones do.
# Runs in seconds; part of `make test`'s host tier.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
failures=0

# stub DIR NAME BODY: an executable NAME in DIR running BODY (bash).
stub() { mkdir -p "$1"; printf '#!/usr/bin/env bash\n%s\n' "$3" >"$1/$2"; chmod +x "$1/$2"; }

# expect CASE STUBDIR PATTERN: setup.sh fails, its stderr is one line matching PATTERN.
expect() {
  local name="$1" stubs="$2" pattern="$3" home="$WORK/$1-home"
  mkdir -p "$home"
  env -u MILKYWAY_CACHE -u CARGO_HOME -u RUSTUP_HOME HOME="$home" \
    PATH="$stubs:/usr/sbin:/usr/bin:/sbin:/bin" \
    bash "$ROOT/scripts/setup.sh" --host-only >"$WORK/out" 2>"$WORK/err"
  local rc=$? lines
  lines=$(wc -l <"$WORK/err")
  if [ $rc = 0 ]; then
    echo "FAIL $name: setup.sh succeeded"; failures=$((failures + 1))
  elif [ "$lines" != 1 ] || ! grep -Eq "^\[setup\] error: .*${pattern}.*\. Fix: " "$WORK/err"; then
    echo "FAIL $name: stderr is not one '[setup] error: … Fix: …' line matching /$pattern/:"
    sed 's/^/    /' "$WORK/err"; failures=$((failures + 1))
  else
    echo "ok   $name: $(cat "$WORK/err")"
  fi
}

# Needs the Debian packages present (step 1 would otherwise try apt-get for real).
if ! dpkg-query -W -f='${Status}' gcc-arm-none-eabi 2>/dev/null | grep -q 'install ok installed'; then
  echo "setup-errors: the Debian packages of scripts/setup.sh step 1 are not installed; run make setup first" >&2
  exit 1
fi

# 1. rustup missing and its download refused.
stub "$WORK/s1" curl 'echo "curl: (6) Could not resolve host: static.rust-lang.org" >&2; exit 6'
expect rustup-download "$WORK/s1" "rustup could not be downloaded"

# 2. rustup present, the toolchain download fails.
stub "$WORK/s2" rustup 'case "$1 $2" in
  "component list") exit 1 ;;
  "toolchain install") echo "error: could not download file from https://static.rust-lang.org/dist/x.toml" >&2; exit 1 ;;
esac; exit 1'
expect toolchain "$WORK/s2" "Rust toolchain 1\.[0-9.]+ could not be installed.*could not download"

# 3. toolchains present, cargo-fuzz does not build.
rustup_ok='case "$1 $2" in
  "component list") printf "rust-src\nclippy\nrustfmt\n" ;;
esac; exit 0'
stub "$WORK/s3" rustup "$rustup_ok"
stub "$WORK/s3" rustc 'echo /nonexistent-sysroot'
stub "$WORK/s3" cargo 'for a in "$@"; do [ "$a" = install ] && { echo "error: failed to compile cargo-fuzz v0.13.2" >&2; exit 101; }; done; exit 1'
expect cargo-fuzz "$WORK/s3" "cargo-fuzz 0\.13\.2 could not be installed.*failed to compile"

# 4. cargo-fuzz present, the device crates cannot be fetched.
stub "$WORK/s4" rustup "$rustup_ok"
stub "$WORK/s4" rustc 'echo /nonexistent-sysroot'
stub "$WORK/s4" cargo 'case " $* " in
  *" fuzz --version "*) echo "cargo-fuzz 0.13.2" ;;
  *" fetch "*) echo "    Updating crates.io index" >&2; echo "error: failed to get \`ledger_device_sdk\` as a dependency" >&2; exit 101 ;;
  *) exit 1 ;;
esac'
expect cargo-fetch "$WORK/s4" "device crates .* could not be fetched.*ledger_device_sdk"

[ $failures = 0 ] && echo "setup-errors: all cases passed" || { echo "setup-errors: $failures failed"; exit 1; }
