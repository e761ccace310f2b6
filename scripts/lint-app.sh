#!/usr/bin/env bash
# Clippy on the device app for each device target, warnings denied. app/src/main.rs
# denies unwrap/expect/panic, unchecked indexing and unchecked arithmetic: nothing the
# host sends may panic the device (issue 6). Reuses app/target, so after a device build
# it takes a few seconds per device.
#   scripts/lint-app.sh [nanosplus|nanox|stax|flex|apex_p ...]
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"

if problem="$(mw_sdk_problem)"; then
  echo "lint-app.sh: $problem; run scripts/setup.sh (or make setup) for instructions" >&2
  exit 1
fi
devices=("$@")
[ ${#devices[@]} -gt 0 ] || devices=("${MW_DEVICES[@]}")
cd "$MW_ROOT/app"
for d in "${devices[@]}"; do
  cargo +"$MW_TOOLCHAIN" clippy --release --target "$d" -q -- -D warnings
  echo "[lint] $d: clippy clean"
done
