#!/usr/bin/env bash
# The Ragger suite (tests/standalone, Ledger's functional-test framework) on each device,
# one device after the other (Ragger's Speculos client gives Speculos 5 s to open its
# port, which several Speculos starting at once on 2 busy cores can miss).
#   scripts/ragger.sh [nanosp|nanox|stax|flex|apex_p ...] [-- pytest arguments]
# Default: all five. Needs the release ELFs (scripts/build-app.sh) and scripts/setup.sh
# (Ragger in the project's venv). Prints "[ragger] <device>: passed in Ns" per device;
# the exit code is non-zero when a device failed. Re-record golden snapshots (then look
# at them) with: scripts/ragger.sh stax -- --golden_run
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"

devices=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
  case "$1" in
    nanosplus) devices+=(nanosp) ;;
    nanosp|nanox|stax|flex|apex_p) devices+=("$1") ;;
    *) echo "ragger.sh: unknown device $1 (one of: nanosp nanox stax flex apex_p)" >&2; exit 2 ;;
  esac
  shift
done
[ "${1:-}" = "--" ] && shift
[ ${#devices[@]} -gt 0 ] || devices=(nanosp nanox stax flex apex_p)

cd "$MW_ROOT/tests/standalone"
rc=0
summary=()
for d in "${devices[@]}"; do
  start=$(date +%s)
  if "$MW_VENV/bin/python3" -m pytest --device "$d" -q -p no:cacheprovider "$@"; then r=passed; else r=FAILED; rc=1; fi
  summary+=("[ragger] $d: $r in $(( $(date +%s) - start ))s")
done
printf '%s\n' "${summary[@]}"
exit $rc
