#!/usr/bin/env bash
# Decode + render cost of the core (issue 3; not part of `make test`). For each fixed
# transaction of core/examples/bench_decode.rs (1 restake, 10 restakes, 10 mixed MilkyWay
# messages, an unknown contract's 277-key msg, and the worst documents found within the
# 32768-byte sign buffer: the most keys, escaped keys, five authz levels around three such
# messages, 16 levels of nesting, 20 transfers with 1 KiB JSON memos, a memo filling the
# buffer, ten 386-key messages that only the renderer refuses, and the deepest documents;
# each as SIGN_MODE_DIRECT and as Amino JSON; docs/benchmarks.md describes them) it
# prints:
#   - the sign-doc size in bytes and the number of screens (or "refused: REASON" for a
#     document the renderer refuses: the instructions are those spent until then),
#   - the instructions executed by one decode + render (valgrind callgrind, counting only
#     inside `decode_and_render` with --toggle-collect; the render sink only counts), and
#     inside `milkyway_core::tx::decode` and `milkyway_core::render::render` alone,
#   - the peak stack of that call, measured natively by painting the stack below the
#     caller with a pattern and finding the deepest overwritten word (the method is
#     checked first: `calibrate` measures calls that write a local array of known size).
# The example is built like the device app (app/Cargo.toml [profile.release]: opt-level
# "z", fat LTO, one codegen unit, panic=abort) but for the host, x86_64: instruction
# counts and stack sizes on the device's Thumb-2 code differ. Results: docs/benchmarks.md.
#
#   scripts/bench-core.sh            the table (Markdown) on stdout
#   scripts/bench-core.sh TX...      only these transactions (names as in the table's
#                                    first column, e.g. restake-1 contract-277-keys)
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$MW_ROOT"
command -v valgrind >/dev/null || { echo "bench-core.sh: valgrind is needed (apt-get install valgrind)" >&2; exit 1; }

# Own target directory: these profile settings would otherwise rebuild the workspace's.
export CARGO_TARGET_DIR="$MW_ROOT/target/bench-core"
export CARGO_PROFILE_RELEASE_OPT_LEVEL=z CARGO_PROFILE_RELEASE_LTO=true \
  CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 CARGO_PROFILE_RELEASE_PANIC=abort
cargo build -q --release -p milkyway-core --example bench_decode
BIN="$CARGO_TARGET_DIR/release/examples/bench_decode"

"$BIN" check >&2 || { echo "bench-core.sh: a benchmark transaction does not render as expected" >&2; exit 1; }
echo "stack painting check (a call writing an N-byte local array):" >&2
"$BIN" calibrate >&2

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
# Instructions executed inside FUNCTION (callees included) for one run of transaction NAME.
instructions() { # NAME FUNCTION
  valgrind -q --tool=callgrind --toggle-collect="$2" --callgrind-out-file="$out/cg" "$BIN" run "$1" >/dev/null
  local n; n="$(sed -n 's/^totals: *//p' "$out/cg")"
  # 0 when FUNCTION was inlined away (then there is nothing to toggle on).
  if [ -z "$n" ] || [ "$n" = 0 ]; then echo "n/a"; else echo "$n" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; fi
}
echo "| transaction | sign mode | sign doc (bytes) | screens | decode (instr.) | render (instr.) | decode + render (instr.) | peak stack (bytes) |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"
"$BIN" list | while read -r name size _ screens _; do
  if [ $# -gt 0 ]; then
    wanted=""
    for tx in "$@"; do case "$name" in "$tx-direct" | "$tx-amino") wanted=1 ;; esac; done
    [ -n "$wanted" ] || continue
  fi
  total="$(instructions "$name" 'bench_decode::decode_and_render*')"
  decode="$(instructions "$name" 'milkyway_core::tx::decode*')"
  render="$(instructions "$name" 'milkyway_core::render::render*')"
  run="$("$BIN" run "$name")"
  stack="$(echo "$run" | sed -n 's/.*peak_stack_bytes=\([0-9]*\).*/\1/p')"
  if [ "$screens" = refused ]; then screens="refused: $(echo "$run" | sed -n 's/^refused="\([^"]*\)".*/\1/p')"; fi
  case "$name" in *-direct) mode=DIRECT; tx="${name%-direct}" ;; *) mode="Amino JSON"; tx="${name%-amino}" ;; esac
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$tx" "$mode" "$size" "$screens" "$decode" "$render" "$total" "$stack"
done
