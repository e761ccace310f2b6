#!/usr/bin/env bash
# Builds the release ELF of the device app for the given devices (default: all five).
#   scripts/build-app.sh [nanosplus|nanox|stax|flex|apex_p ...]
# Speculos model names are accepted too (nanosp = nanosplus).
# Output: app/target/<device>/release/milkyway-ledger-app. Cargo's incremental state in
# app/target is reused, so a rebuild with no change takes about a second per device.
# Needs scripts/setup.sh to have run (toolchain, target JSONs, link_wrap.sh, C SDK).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"

if problem="$(mw_sdk_problem)"; then
  echo "build-app.sh: $problem; run scripts/setup.sh (or make setup) for instructions" >&2
  exit 1
fi
devices=("$@")
[ ${#devices[@]} -gt 0 ] || devices=("${MW_DEVICES[@]}")
cd "$MW_ROOT/app"
for d in "${devices[@]}"; do
  [ "$d" = nanosp ] && d=nanosplus
  case " ${MW_DEVICES[*]} " in *" $d "*) ;; *) echo "build-app.sh: unknown device $d (one of: ${MW_DEVICES[*]})" >&2; exit 2 ;; esac
  start=$(date +%s%N)
  # The pinned nightly comes from app/rust-toolchain.toml; `+toolchain` makes it explicit.
  cargo +"$MW_TOOLCHAIN" build --release --target "$d" -q
  elf="target/$d/release/milkyway-ledger-app"
  tenths=$(( ($(date +%s%N) - start) / 100000000 ))
  secs="$((tenths / 10)).$((tenths % 10))"
  # text/data/bss of the ELF (llvm-size understands the ARM ELF).
  sizes=$(llvm-size "$elf" 2>/dev/null | awk 'NR==2 {printf "text %d B, data %d B, bss %d B", $1, $2, $3}')
  printf '[build] %-9s %s (%s) in %ss\n' "$d" "app/$elf" "${sizes:-size unknown}" "$secs"
done
