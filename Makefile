# The project's command runner. A newcomer needs two commands (README):
#   make demo    build the app (Nano S+; DEVICE=nanox|stax|flex|apex_p for another), run it
#                in Speculos and walk a MilkyWay session, printing every screen
#   make test    every test: host tier, then the device tier on all five devices
# Both run the idempotent setup first (seconds when everything is there).

SHELL := /bin/bash
.DEFAULT_GOAL := help
.SUFFIXES:

# Device for `make demo` (Speculos model or cargo target name).
DEVICE ?= nanosp
# Devices for `make build` (default: all five).
DEVICES ?=

.PHONY: help setup setup-host build demo test lint fresh fuzz bench

help:
	@echo "make setup   install what the build needs (idempotent; stops with instructions if the C SDK is missing)"
	@echo "make build   build the device app's release ELFs (DEVICES=\"nanosplus flex\" for some; default all five)"
	@echo "make demo    build the app for DEVICE (default nanosp), run it in Speculos, walk a MilkyWay session"
	@echo "make test    host tests, then the device tier (all five devices in Speculos)"
	@echo "make lint    Ledger's guidelines-enforcer checks that run without GitHub (scripts/lint.sh; make test runs them too)"
	@echo "make fresh   make demo and make test as on a new machine: empty HOME, CARGO_HOME, RUSTUP_HOME in a temporary folder (what .ci/run does)"
	@echo "make fuzz    every core fuzz target for FUZZ_SECONDS each (default 300; results in docs/benchmarks.md)"
	@echo "make bench   size, memory, capacity, round trips, timings on every device -> docs/bench-report.{md,json} (BENCH_ARGS=\"--devices flex --runs 3\")"

setup:
	@scripts/setup.sh

# The same, but a missing C SDK only warns: `make test` then runs the host tier and
# reports "DEVICE TIER SKIPPED".
setup-host:
	@scripts/setup.sh --host-only

build: setup
	@scripts/build-app.sh $(DEVICES)

demo: setup
	@scripts/build-app.sh $(DEVICE)
	@. scripts/env.sh && cargo build -q -p milkyway-ledger --bin milkyway-ledger
	@. scripts/env.sh && cargo run -q -p milkyway-e2e --bin demo -- --device $(DEVICE)

test: setup-host
	@scripts/test.sh

# Ledger's guidelines-enforcer, lint and spell-check checks that can run without GitHub:
# manifest, icons, README, makefile flags, Rust SDK version, codespell, cargo fmt, clippy
# per device (scripts/lint.sh lists the rules).
lint: setup
	@scripts/lint.sh

# The newcomer's path (.ci/run): the README's commands from an empty state of everything the
# project installs itself (scripts/fresh-machine.sh). FRESH_ARGS="--twice demo" for timings.
FRESH_ARGS ?= demo test
fresh:
	@scripts/fresh-machine.sh $(FRESH_ARGS)

# Long fuzz runs of the core (issue 6): every target in turn, FUZZ_SECONDS each, on the
# corpus in fuzz/corpus/<target>/ (seeded from the tests' sign docs first).
FUZZ_SECONDS ?= 300
fuzz: setup-host
	@scripts/fuzz.sh seeds
	@for t in decode_direct decode_amino apdu_headers apdu_session; do scripts/fuzz.sh run $$t $(FUZZ_SECONDS) || exit 1; done

# Benchmarks (issue 7; not part of `make test`): under 20 minutes on 2 cores.
BENCH_ARGS ?=
bench: setup
	@scripts/bench.sh $(BENCH_ARGS)
