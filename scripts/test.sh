#!/usr/bin/env bash
# Every test: the host tier, then the device tier (README command 2, `make test`, `.ci/run`).
#
#   host tier    cargo test --workspace            (core, host crate and CLI, harness units)
#                cargo clippy -p milkyway-core -- -D warnings   (the core's panic-freedom lints)
#                scripts/tests/setup-errors.sh     (the setup's one-line failure messages)
#                scripts/fuzz.sh smoke             (the core's fuzz targets, 20000 runs each)
#                scripts/lint.sh --no-clippy       (Ledger's guidelines-enforcer checks: manifest,
#                                                  icons, README, flags, SDK version, spelling, fmt)
#   device tier  scripts/build-app.sh              (the five release ELFs)
#                scripts/lint-app.sh               (the app's panic-freedom lints, clippy)
#                cargo build -p milkyway-ledger --bin milkyway-ledger   (for device_cli)
#                cargo test -p milkyway-e2e --features device
#                                                  (the app in Speculos on all five devices,
#                                                  third-party clients included: node scripts
#                                                  in tests/clients, installed by setup.sh)
#                scripts/ragger.sh                 (the Ragger suite, tests/standalone, each device)
#
# Without a C SDK the device tier cannot run: it says so in one line starting with
# "DEVICE TIER SKIPPED:" and the exit code is the host tier's. Otherwise the exit code is
# non-zero when either tier failed (the device tier runs even after a host failure).
# Expects scripts/setup.sh --host-only to have run (`make test` does it).
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$MW_ROOT"

banner() { printf '\n==== %s\n' "$*"; }
now() { date +%s; }

t0=$(now)
banner "host tier: cargo test --workspace"
cargo test --workspace
host_rc=$?
# The core's panic-freedom lints (core/src/lib.rs: no unwrap, indexing, unchecked
# arithmetic... in library code) are only enforced by clippy.
banner "host tier: cargo clippy -p milkyway-core -- -D warnings"
cargo clippy -p milkyway-core -- -D warnings || host_rc=1
# The setup's failure messages: one line each, with the fixing command (a few seconds).
banner "host tier: scripts/tests/setup-errors.sh"
scripts/tests/setup-errors.sh || host_rc=1
# A short fuzz smoke of the core (20000 executions per target): ~15 s when the fuzz
# targets are built, ~2 min on a busy machine when they are not (docs/benchmarks.md).
banner "host tier: scripts/fuzz.sh smoke (decode_direct, decode_amino, apdu_headers)"
scripts/fuzz.sh smoke || host_rc=1
# Ledger's guidelines-enforcer checks that need no GitHub (docs/ledger-checks.md); clippy
# per device, the last of them, runs in the device tier (scripts/lint-app.sh). ~30 s.
banner "host tier: scripts/lint.sh --no-clippy (Ledger's guidelines-enforcer checks)"
scripts/lint.sh --no-clippy || host_rc=1
t1=$(now)
echo "[test] host tier: $([ $host_rc = 0 ] && echo passed || echo "FAILED ($host_rc)") in $((t1 - t0))s"

if problem="$(mw_sdk_problem)"; then
  echo "DEVICE TIER SKIPPED: $problem (see README: get the C SDK, then run make test again)"
  exit $host_rc
fi

banner "device tier: build the five device ELFs"
device_rc=0
if scripts/build-app.sh; then
  # The app's panic-freedom lints (app/src/main.rs), clippy on each device target.
  scripts/lint-app.sh || device_rc=1
  t2=$(now)
  echo "[test] device builds and lints: $((t2 - t1))s"
  # Up to 5 tests (5 Speculos) at a time: the flows mostly wait on screens, timers and
  # the emulated crypto, so 5 fit on 2 cores and keep the tier's ~75 tests near 7 min
  # (3 at a time: about 11 min); RUST_TEST_THREADS overrides.
  export RUST_TEST_THREADS="${RUST_TEST_THREADS:-5}"
  # device_cli runs the CLI binary as a process (tests/src/cli.rs finds it here).
  cargo build -p milkyway-ledger --bin milkyway-ledger || device_rc=1
  banner "device tier: cargo test -p milkyway-e2e --features device (Speculos, $RUST_TEST_THREADS at a time)"
  # --no-fail-fast: every test file runs and reports, also after one has failed.
  cargo test -p milkyway-e2e --features device --no-fail-fast || device_rc=1
  # The Ragger suite (Ledger's framework; tests/standalone), one device after the other:
  # about 30 s a Nano, 60-80 s a touch device.
  banner "device tier: scripts/ragger.sh (the Ragger suite on the five devices)"
  scripts/ragger.sh || device_rc=1
  t3=$(now)
  echo "[test] device tests: $([ $device_rc = 0 ] && echo passed || echo "FAILED ($device_rc)") in $((t3 - t2))s"
else
  device_rc=1
  echo "[test] device builds FAILED"
fi

echo "[test] total $(( $(now) - t0 ))s: host tier $([ $host_rc = 0 ] && echo passed || echo FAILED), device tier $([ $device_rc = 0 ] && echo passed || echo FAILED)"
[ $host_rc = 0 ] && [ $device_rc = 0 ]
