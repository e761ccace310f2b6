#!/usr/bin/env bash
# cargo-fuzz for the core (fuzz/): the targets decode_direct, decode_amino, decode_textual
# (SIGN_MODE_TEXTUAL documents: refused, or accepted only in their canonical encoding), apdu_headers,
# apdu_session (the device's SIGN flow, core/src/sign_flow.rs, on arbitrary APDU sequences) and
# differential (host-built transactions, DIRECT vs Amino JSON; feature `differential`,
# it builds the host crate), stream_chunks (the streaming decoder cut where the fuzzer
# says, at the device's buffer sizes: the same events and end as in one piece) and
# stream_differential (the streaming decoder against the whole-buffer one) and sign_flow
# (the device's SIGN flow, core/src/sign_flow.rs, with a recording device: chunks of the
# fuzzer's size against 250-byte chunks must ask for the same screens and end the same).
#
#   scripts/fuzz.sh seeds                  seed corpora fuzz/corpus/<target>/ (git-ignored):
#                                          every sign doc the core tests build, dumped by
#                                          core/tests/common (MW_DUMP_SIGN_DOCS), plus the
#                                          committed APDU seeds in fuzz/corpus/seeds/, and
#                                          every sign doc wrapped in SIGN APDUs for
#                                          apdu_session (fuzz/apdu_seeds.py), the
#                                          textual vectors (core/tests/data/textual)
#   scripts/fuzz.sh smoke [RUNS]           what `make test` runs: each target of
#                                          SMOKE_TARGETS RUNS executions (default 20000)
#                                          from fresh seeds
#   scripts/fuzz.sh run TARGET [SECONDS] [RUNS]
#                                          a long run on fuzz/corpus/TARGET, at most SECONDS
#                                          (default 600) and RUNS executions (default
#                                          1000000); prints libFuzzer's statistics
#
# libFuzzer runs in-process, one fuzzer at a time (no -jobs/-workers: -jobs=1 would fork
# a child logging to ./fuzz-0.log), so it takes one core.
# Needs cargo-fuzz (scripts/setup.sh installs it) and the nightly toolchain the app pins
# (app/rust-toolchain.toml): libFuzzer's instrumentation needs -Z flags. A crash leaves
# its input in fuzz/artifacts/<target>/ and makes this script fail.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$MW_ROOT"

TARGETS=(decode_direct decode_amino decode_textual apdu_headers apdu_session differential stream_chunks stream_differential sign_flow)
# The smoke leaves out `differential`: its build compiles the host crate's dependency
# tree (cosmrs, prost, k256, clap, hidapi…) with libFuzzer's instrumentation, which adds
# minutes to a cold smoke build (measured in docs/benchmarks.md); host/tests/cross_mode.rs
# checks the same property in `make test` (1000 proptest cases). Run it with
# `scripts/fuzz.sh run differential`.
SMOKE_TARGETS=(decode_direct decode_amino decode_textual apdu_headers apdu_session stream_chunks stream_differential sign_flow)
FUZZ=(cargo +"$MW_TOOLCHAIN" fuzz)
# Optimised, with debug assertions and overflow checks (cargo-fuzz leaves them off with -O).
# Long runs add AddressSanitizer (cargo-fuzz's default). The smoke leaves it out
# (-s none): it halves the cold build (~55 s instead of ~2 min on 2 busy cores), and the
# core has no unsafe code (#![deny(unsafe_code)]) for it to watch; stack overflows and
# panics are caught either way. Its own target directory, so the two builds do not
# replace each other.
RUN_FLAGS=(-O -a)
SMOKE_FLAGS=(-O -a -s none --target-dir fuzz/target/smoke)

# features TARGET: the cargo features a target needs (fuzz/Cargo.toml's required-features).
features() {
  case "$1" in
    differential) echo --features differential ;;
  esac
}

# seeds DIR: fills DIR/<target>/ with the seed inputs of each target.
seeds() {
  local dir="$1" dump
  dump="$(mktemp -d)"
  # The core tests write every sign doc they decode to $MW_DUMP_SIGN_DOCS/{direct,amino}/.
  MW_DUMP_SIGN_DOCS="$dump" cargo test -q -p milkyway-core --tests >/dev/null 2>&1 ||
    { echo "[fuzz] the core tests failed while dumping seeds" >&2; rm -rf "$dump"; return 1; }
  mkdir -p "$dir/decode_direct" "$dir/decode_amino" "$dir/decode_textual" "$dir/apdu_headers" "$dir/apdu_session" "$dir/differential" "$dir/stream_chunks" "$dir/stream_differential" "$dir/sign_flow"
  cp "$dump"/direct/* "$dir/decode_direct/"
  cp "$dump"/amino/* "$dir/decode_amino/"
  # The textual vectors, one file each (their CBOR).
  python3 -c '
import json, sys
for i, case in enumerate(json.load(open("core/tests/data/textual/e2e.json"))):
    open(f"{sys.argv[1]}/vector{i}", "wb").write(bytes.fromhex(case["cbor"]))
' "$dir/decode_textual"
  cp fuzz/corpus/seeds/apdu_headers/* "$dir/apdu_headers/"
  cp fuzz/corpus/seeds/apdu_session/* "$dir/apdu_session/"
  python3 fuzz/apdu_seeds.py wrap "$dir/apdu_session" "$dump/direct" "$dump/amino" >/dev/null
  # The stream targets: the same documents behind their flags byte (the mode; the own
  # address known; blind signing and expert mode on in a second copy) and, for
  # stream_chunks, no cut (the fuzzer adds them).
  python3 - "$dir" "$dump" <<'PY'
import os, sys
out, dump = sys.argv[1], sys.argv[2]
for sub, mode in (("direct", 0), ("amino", 1)):
    for name in os.listdir(f"{dump}/{sub}"):
        doc = open(f"{dump}/{sub}/{name}", "rb").read()
        for flags in (mode | 8, mode | 2 | 4):
            open(f"{out}/stream_chunks/{name}-{flags}", "wb").write(bytes([flags, 0]) + doc)
            open(f"{out}/stream_differential/{name}-{flags}", "wb").write(bytes([flags]) + doc)
        # sign_flow: approve, chunks of 37 bytes (the fuzzer changes both).
        for flags in (mode, mode | 2):
            open(f"{out}/sign_flow/{name}-{flags}", "wb").write(bytes([flags, 0, 37]) + doc)
PY
  # differential starts from an empty corpus: its input is read as structured choices,
  # and sign docs would mean nothing to it.
  rm -rf "$dump"
  echo "[fuzz] seeds: $(ls "$dir/decode_direct" | wc -l) direct, $(ls "$dir/decode_amino" | wc -l) amino, $(ls "$dir/decode_textual" | wc -l) textual, $(ls "$dir/apdu_headers" | wc -l) apdu, $(ls "$dir/apdu_session" | wc -l) apdu_session, $(ls "$dir/stream_chunks" | wc -l) stream"
}

case "${1:-}" in
  seeds)
    seeds fuzz/corpus
    ;;
  smoke)
    runs="${2:-20000}"
    t0=$(date +%s)
    corpus="$(mktemp -d)"
    trap 'rm -rf "$corpus"' EXIT
    "${FUZZ[@]}" build "${SMOKE_FLAGS[@]}" >"$corpus/build.log" 2>&1 || {
      echo "[fuzz] building the fuzz targets FAILED:" >&2; tail -n 40 "$corpus/build.log" >&2; exit 1; }
    echo "[fuzz] targets built in $(( $(date +%s) - t0 ))s"
    seeds "$corpus"
    for t in "${SMOKE_TARGETS[@]}"; do
      # -runs counts every execution, the seeds' included; the log's last line says
      # "Done N runs in S second(s)". libFuzzer's random seed is in the log ("INFO: Seed:").
      "${FUZZ[@]}" run "${SMOKE_FLAGS[@]}" $(features "$t") "$t" "$corpus/$t" -- -runs="$runs" 2>"$corpus/$t.log" || {
        echo "[fuzz] $t FAILED; libFuzzer said:" >&2; tail -n 40 "$corpus/$t.log" >&2; exit 1; }
      echo "[fuzz] $t: $(grep -E '^Done [0-9]+ runs' "$corpus/$t.log" | tail -n 1)"
    done
    echo "[fuzz] smoke passed in $(( $(date +%s) - t0 ))s"
    ;;
  run)
    t="${2:?usage: scripts/fuzz.sh run TARGET [SECONDS] [RUNS]}"
    secs="${3:-600}"
    runs="${4:-1000000}"
    [ -d "fuzz/corpus/$t" ] || seeds fuzz/corpus
    "${FUZZ[@]}" run "${RUN_FLAGS[@]}" $(features "$t") "$t" "fuzz/corpus/$t" -- -max_total_time="$secs" -runs="$runs" -print_final_stats=1
    ;;
  *)
    awk 'NR > 1 && /^#/ { print; next } NR > 1 { exit }' "$0"; exit 2
    ;;
esac
