# The project's command runner.
#   make setup   install what the build needs (idempotent, seconds when already done)
#   make build   build the device app for all five devices (DEVICES="nanosplus stax" to choose)
#   make test    every test: host tier, then the device tier
SHELL := /bin/bash
DEVICES ?= nanosplus nanox stax flex apex_p

.PHONY: setup build test test-host test-device

setup:
	@bash scripts/setup.sh

build: setup
	@bash scripts/build-app.sh $(DEVICES)

test-host:
	cargo test --workspace

test-device:
	@. scripts/env.sh; if problem="$$(mw_sdk_problem)"; then \
	  echo "DEVICE TIER SKIPPED: $$problem"; \
	else \
	  bash scripts/setup.sh && bash scripts/build-app.sh $(DEVICES) && \
	  echo "device tier: the five ELFs build; the Speculos end-to-end tests have not landed yet (issue 2)"; \
	fi

test: test-host test-device
