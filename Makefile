# Fazhi Studio — the two commands: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := run
export CARGO_TERM_COLOR ?= never
# Build scripts and proc-macros get the same debug info as the code they run beside, so
# `cargo clippy` and `cargo test` build them once between them instead of once each
# (scripts/cargo-env.sh says why; the scripts set it too when run without make).
export CARGO_PROFILE_DEV_BUILD_OVERRIDE_DEBUG ?= line-tables-only

.PHONY: setup setup-test ui app run test bench package fuzz quality

# What building and running the app needs: Debian packages, the UI's npm packages.
setup:
	@bash scripts/setup.sh

# What only the tests and benchmarks use: Chromium, WebKitWebDriver, LibreOffice,
# tauri-driver, cargo-fuzz, the Tauri CLI, the end-to-end tests' npm packages.
setup-test: setup
	@bash scripts/setup-test.sh

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
# end-to-end test of the real app, the .deb install test, a short fuzz.
test: setup-test ui
	@bash scripts/test.sh

bench: setup-test ui
	@bash scripts/bench.sh

# The checks on the real-text corpus (tests/fixtures/corpus): recall per annotation
# group and false alarms per 2,000 characters (guarded by fazhi-checks' tests/corpus.rs).
quality:
	@cargo run -q -p fazhi-checks --example quality

# The .deb (release build; the UI is built by the script): target/release/bundle/deb/
package: setup
	@bash scripts/setup-test.sh package
	@bash scripts/package.sh

# Every cargo-fuzz target for FUZZ_SECONDS each (default 60): executions, findings.
fuzz: setup
	@bash scripts/setup-test.sh fuzz
	@bash scripts/fuzz.sh
