#!/usr/bin/env bash
# `make bench` (issue 7; not part of `make test`): size, memory, capacity, round trips,
# decode cost and Speculos timings of the app on every device, written to
# docs/bench-report.md (people) and docs/bench-report.json (tools).
#
#   scripts/bench.sh [--devices nanosp,nanox,stax,flex,apex_p] [--runs N]
#                    [--largest-direct-runs N] [--jobs N] [--out PREFIX] [--only stack|side]
#                    [--side-devices nanosp,flex] [--side-runs N] [--side-max-messages N]
#                    [--no-side]
#
# `--only stack`: the stack_probe ELFs and the stack session alone (steps 2 and 4), merged
# into the existing docs/bench-report.{md,json} (its stack section and summary column;
# the rest stays as the last full run wrote it). `--only side`: the side-by-side with the
# Cosmos app alone (step 5), merged into the existing report the same way.
#
# Steps:
#   1. the release ELFs (scripts/build-app.sh): flash and RAM are read from them, and
#      Speculos runs them for the capacity search, round trips and timings;
#   2. the stack_probe ELFs (`cargo build --profile probe --features stack_probe`, in
#      app/target/<device>/probe/, never replacing a release ELF), in the background:
#      stack high-water mark;
#   3. scripts/bench-core.sh when it is there and valgrind is installed: the core's decode
#      + render instructions (callgrind) on the host;
#   4. tests/src/bin/bench: everything in Speculos (through the e2e harness: own ports,
#      processes stopped by id), `--jobs` devices at a time (default 5), then the report;
#   5. in the same run, the side-by-side with the Cosmos app (tests/src/bin/bench/side.rs)
#      on `--side-devices` (default nanosp,nanox,flex): its ELFs built from source by
#      scripts/cosmos-app.sh (which needs the source exported once: see its header; it
#      stops with a one-line message when the source is missing), both apps on the same
#      documents, medians of `--side-runs` (default 3). `--no-side` leaves it out.
# Under 20 minutes on 2 cores for the five devices; `--devices flex --runs 3` for a
# quick look (the report then covers only what ran: do not commit that one).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$MW_ROOT"

if problem="$(mw_sdk_problem)"; then
  echo "bench.sh: $problem; run scripts/setup.sh (or make setup) for instructions" >&2
  exit 1
fi

# The devices to build: those of --devices, else all five.
devices=("${MW_DEVICES[@]}")
side_devices=(nanosp nanox flex)
side_given=0
only_stack=0
only_side=0
side=1
args=()
for ((i = 1; i <= $#; i++)); do
  a="${!i}"
  next=$((i + 1))
  v="${!next:-}"
  case "$a" in
    --devices) IFS=, read -r -a devices <<<"$v" ;;
    --side-devices) IFS=, read -r -a side_devices <<<"$v"; side_given=1 ;;
    --only) [ "$v" = stack ] && only_stack=1 && side=0
            [ "$v" = side ] && only_side=1 ;;
  esac
  # --no-side is this script's; everything else goes to the benchmark.
  if [ "$a" = --no-side ]; then side=0; else args+=("$a"); fi
done
for i in "${!devices[@]}"; do [ "${devices[$i]}" = nanosp ] && devices[$i]=nanosplus; done
# By default the side-by-side covers those of Nano S+, Nano X and Flex that are measured.
if [ "$side_given" = 0 ] && [ "$only_side" = 0 ]; then
  kept=()
  for d in "${side_devices[@]}"; do
    for x in "${devices[@]}"; do
      [ "$x" = "$d" ] || { [ "$d" = nanosp ] && [ "$x" = nanosplus ]; } && kept+=("$d") && break
    done
  done
  side_devices=("${kept[@]}")
  [ ${#side_devices[@]} -gt 0 ] || side=0
fi
if [ "$only_side" = 1 ]; then
  devices=("${side_devices[@]}")
  for i in "${!devices[@]}"; do [ "${devices[$i]}" = nanosp ] && devices[$i]=nanosplus; done
fi
t0=$(date +%s)

# The Cosmos app's ELFs first: a missing source stops the benchmark before it starts.
side_args=()
if [ "$side" = 1 ]; then
  echo "[bench] the Cosmos app (scripts/cosmos-app.sh): ${side_devices[*]}"
  cosmos_dir="$(scripts/cosmos-app.sh "${side_devices[@]}")"
  side_args=(--cosmos "$cosmos_dir" --side-devices "$(IFS=,; echo "${side_devices[*]}")")
fi

if [ "$only_side" = 1 ]; then
  echo "[bench] release ELFs: ${devices[*]}"
  scripts/build-app.sh "${devices[@]}"
  echo "[bench] the side-by-side alone (Speculos logs: target/speculos-logs/bench_side*)"
  cargo run -q -p milkyway-e2e --bin bench -- "${args[@]}" "${side_args[@]}"
  echo "[bench] done in $(( $(date +%s) - t0 ))s"
  exit 0
fi

if [ "$only_stack" = 0 ]; then
  echo "[bench] release ELFs: ${devices[*]}"
  scripts/build-app.sh "${devices[@]}"
fi

mkdir -p target/bench
rm -f target/bench/probe-*.ok target/bench/probe-*.failed

# The stack_probe ELFs build in the background while Speculos measures the release ELFs
# (cold, they take about a minute each); the benchmark waits for a device's marker
# (target/bench/probe-<device>.ok or .failed) before its stack session.
# Built in the order the benchmark needs them: touch screens first (as it measures them).
probe_order=()
for d in "${devices[@]}"; do case "$d" in nanosplus | nanox) ;; *) probe_order+=("$d") ;; esac; done
for d in "${devices[@]}"; do case "$d" in nanosplus | nanox) probe_order+=("$d") ;; esac; done
echo "[bench] stack_probe ELFs, in the background: ${probe_order[*]} (log: target/bench/probe-build.log)"
# Its own process group (job control on for this one job), so that an interrupted
# benchmark stops the build it started, cargo included.
set -m
(
  cd app
  for d in "${probe_order[@]}"; do
    if cargo +"$MW_TOOLCHAIN" build -q --profile probe --target "$d" --features stack_probe; then
      touch "../target/bench/probe-$d.ok"
    else
      touch "../target/bench/probe-$d.failed"
    fi
  done
) >target/bench/probe-build.log 2>&1 &
probe_pid=$!
set +m
trap 'kill -- "-$probe_pid" 2>/dev/null || true' EXIT

core_args=()
if [ "$only_stack" = 1 ]; then
  : # no decode figures: the report keeps those of the last full run
elif [ -x scripts/bench-core.sh ] && command -v valgrind >/dev/null; then
  echo "[bench] scripts/bench-core.sh (decode + render instructions, callgrind)"
  if scripts/bench-core.sh >target/bench/core.md 2>target/bench/core.log; then
    core_args=(--core-table target/bench/core.md)
  else
    echo "[bench] bench-core.sh failed (target/bench/core.log); the report says so" >&2
    core_args=(--core-failed "scripts/bench-core.sh failed ($(tail -n 1 target/bench/core.log | cut -c1-200); its log: target/bench/core.log)")
  fi
else
  echo "[bench] no scripts/bench-core.sh or no valgrind: no decode figures" >&2
fi

echo "[bench] Speculos measurements (Speculos logs: target/speculos-logs/bench*)"
cargo run -q -p milkyway-e2e --bin bench -- "${core_args[@]}" --probe-ready target/bench "${args[@]}" "${side_args[@]}"
echo "[bench] done in $(( $(date +%s) - t0 ))s"
