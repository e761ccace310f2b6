# Shared settings of the project's scripts. Source it (bash): `. scripts/env.sh`.
# It only sets variables; it installs nothing and never fails.

MW_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Everything the setup installs outside the system packages and rustup lives here.
MW_CACHE="${MILKYWAY_CACHE:-$HOME/.cache/milkyway-ledger}"
MW_VENV="$MW_CACHE/speculos-venv"
MW_BIN="$MW_CACHE/bin"
# The device toolchain is the one app/rust-toolchain.toml names (a single source of truth).
MW_TOOLCHAIN="$(sed -n 's/^channel *= *"\(.*\)".*/\1/p' "$MW_ROOT/app/rust-toolchain.toml")"
# The Ledger C SDK checkout (branch API_LEVEL_27); never part of this repository.
export LEDGER_SDK_PATH="${LEDGER_SDK_PATH:-/opt/ledger-secure-sdk}"
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
  return 1
}
