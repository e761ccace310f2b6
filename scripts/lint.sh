#!/usr/bin/env bash
# Ledger's guidelines-enforcer checks that can run without GitHub, plus the lint and
# spell-check workflows' checks, each with the rule of Ledger's own script
# (LedgerHQ/ledger-app-workflows, scripts/ and .github/workflows/):
#
#   manifest     ledger-manifest --check . ledger_app.toml (_get_app_metadata.yml), and every
#                key cargo_metadata_dump.py reads from [package.metadata.ledger] in app/
#                (name, curve, path, flags, an icon per device of the manifest)
#   icons        each device's app icon with check_icons.sh's rules (ImageMagick
#                `identify -verbose`: no alpha; bilevel = 2 colours, black and white, depth
#                1 bit; grayscale only on Stax/Flex, <= 16 colours, depth 8; the device's
#                icon size; not the boilerplate's icon); the home glyphs app/src/ui/home.rs
#                embeds are checked too, with the glyph sizes (Ledger skips them for Rust)
#   readme       check_readme.sh: README.md present, not empty, no "boilerplate" heading
#   makefile     check_makefile.sh for a Rust app: app name and variant are not the
#                boilerplate's; no forbidden debug flag in app/Cargo.toml,
#                app/.cargo/config.toml, RUSTFLAGS or CARGO_ENCODED_RUSTFLAGS
#   sdk-version  check_rust_sdk.sh: ledger_device_sdk in app/ (cargo tree) must be the
#                newest release on crates.io (cargo search, or cargo info where a registry
#                mirror does not serve the search API); the pinned nightly must equal
#                RUSTUP_TOOLCHAIN when that is set (Ledger's builder image sets it)
#   spelling     codespell on the tracked files with .codespellrc (the spell-check
#                workflow's dictionaries; the reviewed ignore list is there)
#   fmt          cargo fmt --all -- --check in ., app/ and fuzz/ (reusable_lint.yml), with
#                the host toolchain rust-toolchain.toml pins (its rustfmt, installed by setup)
#   clippy       Ledger's scan step for a Rust app, per device: in app/,
#                cargo clippy --target <device> -- -Dwarnings (check_all.sh -c scan), here
#                with --release (scripts/lint-app.sh; why: see check_clippy)
#
#   scripts/lint.sh               every check (clippy needs the C SDK)
#   scripts/lint.sh --no-clippy   all but clippy (`make test`'s host tier; its device tier
#                                 runs clippy after building the ELFs)
#   scripts/lint.sh --only clippy one check (a name from the list above)
#
# Prints each check's output, then one line per check, "[lint] <check>: passed" or
# "FAILED"; the exit code is non-zero when a check failed. Needs scripts/setup.sh
# (ledgered, codespell and ImageMagick come from it).
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$MW_ROOT"

ALL=(manifest icons readme makefile sdk-version spelling fmt clippy)
checks=("${ALL[@]}")
case "${1:-}" in
  --no-clippy) checks=(manifest icons readme makefile sdk-version spelling fmt) ;;
  --only)
    [ -n "${2:-}" ] && [[ " ${ALL[*]} " == *" $2 "* ]] || { echo "lint.sh: --only needs one of: ${ALL[*]}" >&2; exit 2; }
    checks=("$2") ;;
  "") ;;
  -h|--help) sed -n '2,36p' "$0"; exit 0 ;;
  *) echo "lint.sh: unknown argument $1" >&2; exit 2 ;;
esac

PY="$MW_VENV/bin/python3"
banner() { printf '\n==== lint: %s\n' "$*"; }
fail() { echo "[lint] error: $*" >&2; return 1; }

# The devices of ledger_app.toml, as cargo target names (nanos+ is nanosplus).
manifest_devices() {
  "$MW_VENV/bin/ledger-manifest" --output-devices ledger_app.toml | tail -n +2 |
    awk '{print $2}' | sed 's/^nanos+$/nanosplus/'
}

check_manifest() {
  "$MW_VENV/bin/ledger-manifest" --check . ledger_app.toml || return 1
  echo "ledger-manifest --check: ledger_app.toml is valid"
  local devices
  devices="$(manifest_devices)" || return 1
  (cd app && cargo +"$MW_TOOLCHAIN" metadata --no-deps --format-version 1 --offline -q) |
    DEVICES="$devices" "$PY" -c '
import json, os, sys
pkgs = [p for p in json.load(sys.stdin)["packages"] if (p.get("metadata") or {}).get("ledger")]
if not pkgs:
    sys.exit("no package in app/ has [package.metadata.ledger]")
meta = pkgs[0]["metadata"]["ledger"]
bad = [k for k in ("name", "curve", "path", "flags") if k not in meta]
bad += ["%s.icon" % d for d in os.environ["DEVICES"].split() if "icon" not in (meta.get(d) or {})]
if bad:
    sys.exit("[package.metadata.ledger] in app/Cargo.toml lacks: " + ", ".join(bad))
print("app/Cargo.toml [package.metadata.ledger]: name %r, version %s, curve %s, path %s, flags %s, an icon for %s"
      % (meta["name"], pkgs[0]["version"], meta["curve"], meta["path"], meta["flags"], ", ".join(os.environ["DEVICES"].split())))
'
}

# check_glyph FILE DEVICE icon|glyph: check_icons.sh's rules for one picture.
check_glyph() {
  local file="$1" device="$2" kind="$3" err=0 content sizes mono=0
  [ -f "$file" ] || { echo "  $file ($device $kind): missing"; return 1; }
  case "$file" in *.gif|*.bmp|*.png) ;; *) echo "  $file: extension must be gif, bmp or png"; return 1 ;; esac
  content="$(identify -verbose "$file")" || return 1
  case "$device" in nanosplus|nanox|apex_p) mono=1 ;; esac
  if [ "$kind" = icon ]; then
    case "$device" in nanosplus|nanox) sizes="14x14" ;; stax|apex_p) sizes="32x32" ;; flex) sizes="40x40" ;; esac
  else
    case "$device" in nanosplus|nanox) sizes="14x14 16x16" ;; apex_p) sizes="24x24 32x32 48x48" ;;
      flex) sizes="40x40 64x64" ;; stax) sizes="32x32 64x64" ;; esac
  fi
  grep -q "Alpha" <<<"$content" && { echo "  $file: has an alpha channel"; err=1; }
  if grep -q "Type: Bilevel" <<<"$content"; then
    grep -q "Colors: 2" <<<"$content" || { echo "  $file: bilevel but not exactly 2 colours"; err=1; }
    local colours; colours="$(grep -A3 "Colors: " <<<"$content" | tail -n 2)"
    grep -q " #000000 " <<<"$colours" || { echo "  $file: black is not one of its colours"; err=1; }
    grep -q " #FFFFFF " <<<"$colours" || { echo "  $file: white is not one of its colours"; err=1; }
    grep -q "Depth: \(8/\)\?1.bit" <<<"$content" ||
      { echo "  $file: depth is $(sed -n 's/^ *Depth: //p' <<<"$content"), must be 1 bit"; err=1; }
  elif grep -q "Type: Grayscale" <<<"$content"; then
    [ $mono = 1 ] && { echo "  $file: grayscale, but $device is monochrome"; err=1; }
    local n; n="$(grep "Colors: " <<<"$content" | rev | cut -d' ' -f1 | rev)"
    [ "${n:-99}" -gt 16 ] && { echo "  $file: $n colours, at most 16"; err=1; }
    grep -q "Depth: \(8/\)\?8.bit" <<<"$content" || { echo "  $file: grayscale must have depth 8 bits"; err=1; }
  else
    echo "  $file: neither bilevel nor grayscale"; err=1
  fi
  local geometry; geometry="$(identify -format "%wx%h" "$file")"
  [[ " $sizes " == *" $geometry "* ]] || { echo "  $file: $geometry, $device's $kind must be one of: $sizes"; err=1; }
  # The boilerplate's icons (check_is_not_boilerplate_icon).
  case "$(md5sum "$file" | cut -d' ' -f1)" in
    c818a2ac5d4e36bb333c3f8f07a42f03|a905db408ef828bd200a0603a5a7c64a|fbe4d9f0512224bb3e139189e21e4541)
      echo "  $file: the boilerplate's icon"; err=1 ;;
  esac
  [ $err = 0 ] && echo "  $file: $device $kind, $geometry, $(sed -n 's/^ *Type: //p' <<<"$content"), compliant"
  return $err
}

check_icons() {
  command -v identify >/dev/null || fail "ImageMagick's identify is missing (scripts/setup.sh installs it)" || return 1
  local err=0 d icon json
  json="$(cd app && cargo +"$MW_TOOLCHAIN" metadata --no-deps --format-version 1 --offline -q)" || return 1
  for d in $(manifest_devices); do
    icon="$("$PY" -c 'import json,sys; print([p for p in json.loads(sys.argv[1])["packages"] if (p.get("metadata") or {}).get("ledger")][0]["metadata"]["ledger"][sys.argv[2]]["icon"])' "$json" "$d")" || return 1
    check_glyph "app/$icon" "$d" icon || err=1
  done
  # The home glyphs (app/src/ui/home.rs picks one per device).
  for d in nanosplus nanox; do check_glyph icons/milkyway_14x14.gif "$d" glyph || err=1; done
  for d in stax flex; do check_glyph icons/milkyway_64x64.gif "$d" glyph || err=1; done
  check_glyph icons/milkyway_48x48.png apex_p glyph || err=1
  return $err
}

check_readme() {
  [ -s README.md ] || { echo "README.md is missing or empty"; return 1; }
  if grep -qi '^#.*boilerplate' README.md; then echo "README.md has a heading naming the boilerplate"; return 1; fi
  if [ -f APP_SPECIFICATION.md ] && grep -qi '^#.*boilerplate' APP_SPECIFICATION.md; then
    echo "APP_SPECIFICATION.md names the boilerplate"; return 1
  fi
  echo "README.md is the app's own"
}

check_makefile() {
  local err=0 name variant flag files=(app/Cargo.toml) tmp
  name="$(sed -n '/^\[package.metadata.ledger\]/,/^\[/ s/^name *= *"\(.*\)"/\1/p' app/Cargo.toml)"
  variant="$(sed -n '/^\[package\]/,/^\[/ s/^name *= *"\(.*\)"/\1/p' app/Cargo.toml)"
  case "$name" in ""|boilerplate|Boilerplate) echo "app name '$name' is missing or the boilerplate's"; err=1 ;; esac
  case "$variant" in ""|BOL|boilerplate|Boilerplate) echo "variant '$variant' is missing or the boilerplate's"; err=1 ;; esac
  [ -f app/.cargo/config.toml ] && files+=(app/.cargo/config.toml)
  tmp="$(mktemp)"; printf '%s\n%s\n' "${RUSTFLAGS:-}" "${CARGO_ENCODED_RUSTFLAGS:-}" >"$tmp"
  # config/forbidden-flags.json, "rust".
  for flag in 'DEBUG\s*?=\s*1' 'DEBUG_OVER_USB\s*?=\s*1' 'PRODUCTION_BUILD\s*?=\s*0' \
              'debug\s*?=\s*true' 'DEBUG_OS_STACK_CONSUMPTION\s*?=\s*1'; do
    if grep -Pq "$flag" "${files[@]}" "$tmp"; then echo "forbidden flag /$flag/ found"; err=1; fi
  done
  rm -f "$tmp"
  [ $err = 0 ] && echo "app name '$name', variant '$variant', no forbidden flag in ${files[*]} or the RUSTFLAGS"
  return $err
}

check_sdk_version() {
  local err=0 pinned current latest
  if [ -n "${RUSTUP_TOOLCHAIN:-}" ]; then
    pinned="$(grep -oE 'nightly-[0-9]{4}-[0-9]{2}-[0-9]{2}' app/rust-toolchain.toml | head -n 1)"
    if [ "$pinned" != "$RUSTUP_TOOLCHAIN" ]; then
      echo "app/rust-toolchain.toml pins $pinned, RUSTUP_TOOLCHAIN is $RUSTUP_TOOLCHAIN"; err=1
    fi
  else
    echo "RUSTUP_TOOLCHAIN is not set (Ledger's builder image sets it): nothing to compare app/rust-toolchain.toml with"
  fi
  current="$(cd app && cargo +"$MW_TOOLCHAIN" tree -q -p ledger_device_sdk 2>/dev/null |
    grep -oE 'ledger_device_sdk v[0-9]+\.[0-9]+\.[0-9]+' | head -n 1 | sed 's/.* v//')"
  latest="$(cargo search ledger_device_sdk --limit 1 2>/dev/null |
    grep -oE 'ledger_device_sdk = "[0-9]+\.[0-9]+\.[0-9]+"' | cut -d'"' -f2)"
  # A registry mirror may not serve crates.io's search API; `cargo info` reads the same
  # newest release from the index (run outside any workspace, so no lock file picks it).
  [ -n "$latest" ] || latest="$(cd / && cargo info -q ledger_device_sdk 2>/dev/null |
    sed -n 's/^version: \([0-9]*\.[0-9]*\.[0-9]*\)$/\1/p' | head -n 1)"
  if [ -z "$current" ]; then echo "cannot read ledger_device_sdk's version in app/ (cargo tree)"; return 1; fi
  if [ -z "$latest" ]; then echo "cannot ask crates.io for ledger_device_sdk's newest version (cargo search, cargo info)"; return 1; fi
  if [ "$current" != "$latest" ]; then
    echo "ledger_device_sdk is $current in app/, crates.io has $latest"
    return 1
  fi
  echo "ledger_device_sdk $current is the newest on crates.io"
  return $err
}

check_spelling() {
  if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files -z | xargs -0 "$MW_VENV/bin/codespell" || return 1
    echo "codespell: no misspelling in $(git ls-files | wc -l) tracked files (.codespellrc)"
  else
    # A copy without git (scripts/fresh-machine.sh): every file but the build outputs and
    # caches .gitignore names.
    "$MW_VENV/bin/codespell" --skip "./target,./app/target,./fuzz/target,./fuzz/artifacts,./fuzz/corpus,./tests/snapshots-tmp,./tests/clients/node_modules,./.tools,*.log,__pycache__" . ||
      return 1
    echo "codespell: no misspelling in the files of $MW_ROOT (.codespellrc; no git here: build outputs skipped)"
  fi
}

check_fmt() {
  local err=0 dir
  for dir in . app fuzz; do
    if (cd "$dir" && cargo +"$MW_HOST_TOOLCHAIN" fmt --all -- --check >/dev/null); then
      echo "cargo fmt --check in $dir: clean"
    else
      (cd "$dir" && cargo +"$MW_HOST_TOOLCHAIN" fmt --all -- --check | head -40)
      echo "cargo fmt --check in $dir: the diff above (run: cd $dir && cargo +$MW_HOST_TOOLCHAIN fmt --all)"; err=1
    fi
  done
  return $err
}

check_clippy() {
  # scripts/lint-app.sh: Ledger's scan command with --release, so it reuses the release
  # build of the ELFs (seconds per device). Ledger's runs the dev profile; the lints are
  # the same (a profile changes code generation, not what clippy checks, and the app has
  # no debug_assertions code), while a dev-profile build costs 1 to 3 minutes per device
  # on a clean clone. `LEDGER_CLIPPY=exact scripts/lint.sh --only clippy` runs Ledger's
  # command as it is.
  if problem="$(mw_sdk_problem)"; then echo "$problem; clippy on the device targets needs the C SDK"; return 1; fi
  local devices; devices="$(manifest_devices)" || return 1
  if [ "${LEDGER_CLIPPY:-}" = exact ]; then
    local err=0 d
    for d in $devices; do
      if (cd app && cargo +"$MW_TOOLCHAIN" clippy -q --target "$d" -- -Dwarnings); then
        echo "cargo clippy --target $d -- -Dwarnings: clean"
      else
        echo "cargo clippy --target $d -- -Dwarnings: FAILED"; err=1
      fi
    done
    return $err
  fi
  # shellcheck disable=SC2086  # one argument per device
  scripts/lint-app.sh $devices
}

results=()
rc=0
for c in "${checks[@]}"; do
  banner "$c"
  start=$(date +%s)
  "check_${c//-/_}"
  case $? in
    0) r=passed ;;
    *) r=FAILED; rc=1 ;;
  esac
  results+=("$(printf '[lint] %-12s %s (%ss)' "$c:" "$r" "$(( $(date +%s) - start ))")")
done
echo
printf '%s\n' "${results[@]}"
exit $rc
