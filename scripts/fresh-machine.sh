#!/usr/bin/env bash
# A newcomer's machine, on this one: the README's commands run with everything the project
# installs itself starting empty, so a setup step that only works because an earlier run
# left something behind fails here (and so in CI, which starts with this).
#
#   scripts/fresh-machine.sh [--keep] [--twice] [make targets…]     (default: demo test)
#
# Empty, in a temporary folder: HOME (so ~/.cache/milkyway-ledger with the target JSONs and
# the Speculos virtualenv, pip's and npm's caches), CARGO_HOME (no rustup, no cargo-fuzz,
# no crate cache), RUSTUP_HOME (no toolchain) and a copy of the repository's tracked files (no target/,
# no node_modules). PATH keeps only the system's directories. What stays is the machine:
# Debian's packages, its python3, node and npm, and the Ledger C SDK at LEDGER_SDK_PATH,
# the one manual step (README). The registries (crates.io, static.rust-lang.org, PyPI, npm,
# Debian) must be reachable.
#
# Prints the wall time of each target; --twice runs the targets a second time in the same
# state (the README's "second time" figures); --keep leaves the folder for a look.
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"

KEEP=0 TWICE=0 TARGETS=()
for arg in "$@"; do
  case "$arg" in
    --keep) KEEP=1 ;;
    --twice) TWICE=1 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    -*) echo "fresh-machine.sh: unknown option $arg" >&2; exit 2 ;;
    *) TARGETS+=("$arg") ;;
  esac
done
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(demo test)

FRESH="$(mktemp -d "${TMPDIR:-/tmp}/milkyway-fresh.XXXXXX")"
cleanup() {
  if [ $KEEP = 1 ]; then echo "[fresh] kept $FRESH"; else rm -rf "$FRESH"; fi
}
trap cleanup EXIT

# The tracked files as they are in the working tree (committed or not), nothing else.
mkdir -p "$FRESH/repo" "$FRESH/home"
(cd "$MW_ROOT" && git ls-files -z | tar --null --ignore-failed-read -T - -cf -) | tar -xf - -C "$FRESH/repo"

SYSTEM_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
run_fresh() {
  env -u MILKYWAY_CACHE -u XDG_CACHE_HOME -u CARGO_TARGET_DIR -u RUSTUP_TOOLCHAIN \
    -u PYENV_ROOT -u PYENV_VERSION -u VIRTUAL_ENV \
    HOME="$FRESH/home" CARGO_HOME="$FRESH/home/.cargo" RUSTUP_HOME="$FRESH/home/.rustup" \
    PATH="$SYSTEM_PATH" \
    "$@"
}

echo "[fresh] an empty state in $FRESH (HOME, CARGO_HOME, RUSTUP_HOME, repository copy)"
if run_fresh bash -c 'command -v rustup || command -v cargo' >/dev/null 2>&1; then
  echo "[fresh] error: rustup or cargo is on the system PATH ($SYSTEM_PATH), so this state is not empty" >&2
  exit 1
fi

rc=0
for round in 1 2; do
  [ $round = 2 ] && [ $TWICE = 0 ] && break
  for t in "${TARGETS[@]}"; do
    label="$([ $round = 1 ] && echo "first" || echo "second") make $t"
    echo "[fresh] ==== $label"
    start=$(date +%s)
    run_fresh make -C "$FRESH/repo" --no-print-directory "$t"
    trc=$?
    echo "[fresh] $label: $([ $trc = 0 ] && echo passed || echo "FAILED ($trc)") in $(( $(date +%s) - start ))s"
    if [ $trc != 0 ]; then rc=$trc; break 2; fi
  done
done
exit $rc
