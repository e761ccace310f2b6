#!/usr/bin/env bash
# Builds the Cosmos Ledger app (cosmos/ledger-cosmos, C) from source for `make bench`'s
# side-by-side (tests/src/bin/bench/side.rs). Nothing of its code is part of this
# repository: the source is read from COSMOS_APP_SRC and built in a copy under
# target/cosmos-app/, the ELFs cached there per tag.
#
#   scripts/cosmos-app.sh [nanosplus|nanox|stax|flex|apex_p ...]   (default: nanosplus flex)
#
# Prints the output folder: <target>/app.elf per device and VERSION.
#
# The source: COSMOS_APP_SRC (default ~/.cache/milkyway-ledger/ledger-cosmos/src-$COSMOS_APP_TAG)
# must hold cosmos/ledger-cosmos at $COSMOS_APP_TAG with its submodule deps/ledger-zxlib
# filled in (the commit the tag's tree points to). GitHub is not reachable from every
# machine this runs on, so the script never downloads it; where git can reach GitHub:
#   git clone --recurse-submodules -c advice.detachedHead=false --depth 1 \
#     --branch v2.38.13 https://github.com/cosmos/ledger-cosmos "$COSMOS_APP_SRC"
# (deps/ledger-secure-sdk, its pinned C SDK, is not needed: the build uses the C SDK at
# LEDGER_SDK_PATH, as this app does.) Or from bare git directories of both repositories:
#   COSMOS_APP_GIT=<ledger-cosmos.git> ZXLIB_GIT=<ledger-zxlib.git> scripts/cosmos-app.sh
# exports the tag and the submodule's commit into COSMOS_APP_SRC first.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$MW_ROOT"

# The latest release of cosmos/ledger-cosmos (app 2.38.13, 2026-04-28; the one
# shared/spec/ledger-anchors.md describes). It builds unchanged against API_LEVEL_27.
COSMOS_APP_TAG="${COSMOS_APP_TAG:-v2.38.13}"
src="${COSMOS_APP_SRC:-$MW_CACHE/ledger-cosmos/src-$COSMOS_APP_TAG}"
out="$MW_ROOT/target/cosmos-app/$COSMOS_APP_TAG"

devices=("$@")
[ ${#devices[@]} -gt 0 ] || devices=(nanosplus flex)

if problem="$(mw_sdk_problem)"; then
  echo "cosmos-app.sh: $problem; run scripts/setup.sh (or make setup) for instructions" >&2
  exit 1
fi

# Everything cached already: no source needed.
missing=0
for d in "${devices[@]}"; do
  [ "$d" = nanosp ] && d=nanosplus
  [ -f "$out/$d/app.elf" ] || missing=1
done
if [ "$missing" = 0 ] && [ -f "$out/VERSION" ]; then
  echo "$out"
  exit 0
fi

# Export the source from bare git directories when asked to and it is not there yet.
if [ ! -f "$src/app/Makefile" ] && [ -n "${COSMOS_APP_GIT:-}" ] && [ -n "${ZXLIB_GIT:-}" ]; then
  mkdir -p "$src"
  git --git-dir="$COSMOS_APP_GIT" archive "$COSMOS_APP_TAG" | tar -x -C "$src"
  zxlib_commit="$(git --git-dir="$COSMOS_APP_GIT" ls-tree "$COSMOS_APP_TAG" deps/ledger-zxlib | awk '{print $3}')"
  mkdir -p "$src/deps/ledger-zxlib"
  git --git-dir="$ZXLIB_GIT" archive "$zxlib_commit" | tar -x -C "$src/deps/ledger-zxlib"
fi
if [ ! -f "$src/app/Makefile" ] || [ ! -f "$src/deps/ledger-zxlib/makefiles/Makefile.devices" ]; then
  echo "cosmos-app.sh: no cosmos/ledger-cosmos $COSMOS_APP_TAG source with deps/ledger-zxlib at $src (set COSMOS_APP_SRC, or COSMOS_APP_GIT and ZXLIB_GIT; see the top of scripts/cosmos-app.sh)" >&2
  exit 1
fi
version="$(sed -n 's/^APPVERSION_[MNP]=//p' "$src/app/Makefile.version" | paste -sd.)"
if [ "v$version" != "$COSMOS_APP_TAG" ]; then
  echo "cosmos-app.sh: $src/app/Makefile.version says $version, not $COSMOS_APP_TAG" >&2
  exit 1
fi

# A private copy to build in: the C SDK's makefiles insist on a git work tree (they read
# the commit), and the source folder stays untouched.
work="$MW_ROOT/target/cosmos-app/src-$COSMOS_APP_TAG"
if [ ! -d "$work/.git" ]; then
  rm -rf "$work"
  mkdir -p "$work"
  tar -C "$src" --exclude=.git --exclude=app/build --exclude=app/bin --exclude=app/debug -cf - . | tar -C "$work" -xf -
  git -C "$work" init -q
  git -C "$work" add -A
  git -C "$work" -c user.name=bench -c user.email=bench@localhost commit -qm "cosmos/ledger-cosmos $COSMOS_APP_TAG"
fi

mkdir -p "$out"
echo "cosmos/ledger-cosmos $COSMOS_APP_TAG (app $version), C SDK $(git -C "$LEDGER_SDK_PATH" describe --tags 2>/dev/null || echo "API_LEVEL_27 at $LEDGER_SDK_PATH")" >"$out/VERSION"
for d in "${devices[@]}"; do
  case "$d" in
    nanosplus | nanosp) d=nanosplus; sdk_target=nanos2 ;;
    nanox | stax | flex | apex_p) sdk_target="$d" ;;
    *) echo "cosmos-app.sh: unknown device $d" >&2; exit 2 ;;
  esac
  if [ -f "$out/$d/app.elf" ]; then
    continue
  fi
  t=$(date +%s)
  # Only the ELF: the SDK's default target also makes the install files with ledgerblue
  # (not installed here). clang-19 and the venv's python3 (Pillow, for the glyphs) come
  # from scripts/env.sh's PATH.
  if ! BOLOS_SDK="$LEDGER_SDK_PATH" TARGET="$sdk_target" make -C "$work/app" -j2 \
    "build/$sdk_target/bin/app.elf" >"$out/build-$d.log" 2>&1; then
    echo "cosmos-app.sh: the $d build failed (log: $out/build-$d.log)" >&2
    tail -20 "$out/build-$d.log" >&2
    exit 1
  fi
  mkdir -p "$out/$d"
  cp "$work/app/build/$sdk_target/bin/app.elf" "$out/$d/app.elf"
  echo "cosmos-app.sh: $d in $(($(date +%s) - t))s" >&2
done
echo "$out"
