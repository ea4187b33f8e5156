#!/usr/bin/env bash
# The whole test suite, in the order that fails fastest. Prints each step's time.
set -euo pipefail
cd "$(dirname "$0")/.."

step() {
  local name=$1; shift
  local t0=$SECONDS
  echo "==> $name"
  "$@"
  echo "<== $name: $((SECONDS - t0)) s"
}

[ -f ui/dist/index.html ] || { echo "ui/dist is missing: run 'make ui' first" >&2; exit 1; }

step "cargo fmt --check" cargo fmt --all -- --check
step "cargo clippy" cargo clippy --workspace --all-targets --quiet -- -D warnings
step "cargo test" cargo test --workspace --quiet
step "bindings up to date" bash scripts/check-bindings.sh
step "tsc --noEmit" npm --prefix ui run --silent typecheck
step "ui unit tests" npm --prefix ui run --silent test:unit
step "ui browser tests (Chromium, IPC mocked)" npm --prefix ui run --silent test:browser
step "build app and CLI" cargo build --quiet -p fazhi-studio -p fazhi-cli
step "end-to-end (real app, Xvfb, tauri-driver)" bash scripts/e2e.sh
step "install test of the .deb (build, install, run, purge)" bash tests/package/install-test.sh
step "fuzz, briefly (every cargo-fuzz target, 5 s each; make fuzz runs longer)" env FUZZ_SECONDS=5 bash scripts/fuzz.sh
echo "all test steps passed in ${SECONDS} s"
