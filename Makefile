# Fazhi Studio — the two commands: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := run
export CARGO_TERM_COLOR ?= never

.PHONY: setup ui app run test bench package fuzz clean-out

setup:
	@bash scripts/setup.sh

ui: setup
	@npm --prefix ui run build

# The app (UI bundled in) and the CLI, debug builds.
app: ui
	@cargo build -p fazhi-studio -p fazhi-cli

# Opens the app on out/library.sqlite3 (or $$FAZHI_DB). With no display it runs
# under Xvfb, saves a screenshot and the sample's exports under out/, and exits.
run: app
	@bash scripts/run.sh

# The whole suite: fmt, clippy, Rust tests, tsc, UI unit and browser tests,
# end-to-end test of the real app.
test: setup ui
	@bash scripts/test.sh

bench: setup ui
	@bash scripts/bench.sh

# The .deb (release build; the UI is built by the script): target/release/bundle/deb/
package: setup
	@bash scripts/package.sh

# Every cargo-fuzz target for FUZZ_SECONDS each (default 60): executions, findings.
fuzz: setup
	@bash scripts/fuzz.sh
