# Shared settings of the project's scripts. Source it (bash): `. scripts/env.sh`.
# It only sets variables; it installs nothing and never fails.

MW_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Everything the setup installs outside the system packages and rustup lives here.
MW_CACHE="${MILKYWAY_CACHE:-$HOME/.cache/milkyway-ledger}"
MW_VENV="$MW_CACHE/speculos-venv"
MW_BIN="$MW_CACHE/bin"
# The device toolchain is the one app/rust-toolchain.toml names, the host toolchain the one
# ./rust-toolchain.toml names (single sources of truth).
mw_channel() { sed -n 's/^channel *= *"\(.*\)".*/\1/p' "$1"; }
MW_TOOLCHAIN="$(mw_channel "$MW_ROOT/app/rust-toolchain.toml")"
MW_HOST_TOOLCHAIN="$(mw_channel "$MW_ROOT/rust-toolchain.toml")"
# The Ledger C SDK checkout (branch API_LEVEL_27); never part of this repository.
export LEDGER_SDK_PATH="${LEDGER_SDK_PATH:-/opt/ledger-secure-sdk}"
# The device target JSONs come from the ledger_secure_sdk_sys crate app/Cargo.toml pins, and a
# target JSON must match that crate (1.16.4 added linker flags the SDK's objects need). They
# are installed per sys version and found through RUST_TARGET_PATH, never in the toolchain's
# sysroot: several checkouts on one machine may pin different versions.
MW_SYS_VERSION="$(sed -n 's/^ledger_secure_sdk_sys *= *"=\([0-9.]*\)".*/\1/p' "$MW_ROOT/app/Cargo.toml")"
MW_TARGETS="$MW_CACHE/targets/ledger_secure_sdk_sys-$MW_SYS_VERSION"
export RUST_TARGET_PATH="$MW_TARGETS"
# The five device targets (cargo target names) and their Speculos model names.
MW_DEVICES=(nanosplus nanox stax flex apex_p)
# link_wrap.sh (from ledger_secure_sdk_sys) and the venv's python3 (which has Pillow, needed
# by the C SDK's icon2glyph.py) must come first on PATH for device builds; the venv also
# provides `speculos`.
case ":$PATH:" in
  *":$MW_BIN:"*) ;;
  *) export PATH="$MW_BIN:$MW_VENV/bin:$HOME/.cargo/bin:$PATH" ;;
esac

# Returns 0 when $LEDGER_SDK_PATH is a C SDK checkout of API level 27, else prints why.
mw_sdk_problem() {
  if [ ! -d "$LEDGER_SDK_PATH" ]; then
    echo "no Ledger C SDK at LEDGER_SDK_PATH=$LEDGER_SDK_PATH"
    return 0
  fi
  if ! grep -Eq '^API_LEVEL[[:space:]]*:=[[:space:]]*27[[:space:]]*$' "$LEDGER_SDK_PATH/Makefile.defines" 2>/dev/null; then
    echo "the C SDK at $LEDGER_SDK_PATH is not branch API_LEVEL_27 (Makefile.defines lacks 'API_LEVEL := 27')"
    return 0
  fi
  # A checkout cut short (an interrupted clone or `git archive`) has Makefile.defines but
  # not the sources the device build compiles.
  local f
  for f in include/os.h lib_nbgl/include/nbgl_use_case.h lib_cxng/include/lcx_ecdsa.h src/os.c target/nanos2/include/bolos_target.h; do
    if [ ! -f "$LEDGER_SDK_PATH/$f" ]; then
      echo "the C SDK at $LEDGER_SDK_PATH is incomplete ($f is missing)"
      return 0
    fi
  done
  return 1
}
