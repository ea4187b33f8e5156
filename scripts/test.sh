#!/usr/bin/env bash
# The whole test suite, in the order that fails fastest. Prints each step's time.
#
# One compilation serves every step: `cargo test --workspace` builds the libraries, the
# tests and target/debug/fazhi; `cargo build --workspace --all-targets` resolves the same
# features (dev-dependencies included) and so only adds the app binary; the end-to-end
# test and the .deb (scripts/package.sh --debug, `tauri bundle`) use those binaries.
# (A plain `cargo build -p fazhi-studio` would not: without the dev-dependencies'
# features ~40 crates, tauri among them, come out different and are compiled again.)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/cargo-env.sh

step() {
  local name=$1; shift
  local t0=$SECONDS
  echo "==> $name"
  "$@"
  echo "<== $name: $((SECONDS - t0)) s"
}

[ -f ui/dist/index.html ] || { echo "ui/dist is missing: run 'make ui' first" >&2; exit 1; }
if [ -L target ]; then echo "target -> $(readlink target)"; fi

step "cargo fmt --check" cargo fmt --all -- --check
step "cargo clippy" cargo clippy --workspace --all-targets --quiet -- -D warnings
step "cargo test" cargo test --workspace --quiet
step "build app and CLI (links the app; the rest is the tests' build)" \
  cargo build --quiet --workspace --all-targets
for bin in fazhi fazhi-studio; do
  [ -x "target/debug/$bin" ] || { echo "target/debug/$bin was not built" >&2; exit 1; }
done
# The `fazhi` CLI: the browser tests' backend (its test server) and the bench's.
export FAZHI_BIN="$PWD/target/debug/fazhi"
step "bindings up to date" bash scripts/check-bindings.sh
step "tsc --noEmit" npm --prefix ui run --silent typecheck
step "ui unit tests" npm --prefix ui run --silent test:unit
step "ui browser tests (Chromium)" npm --prefix ui run --silent test:browser
# A hang (a process holding the runner's output open) fails here in 20 min, not at CI's 90.
step "end-to-end (real app, Xvfb, tauri-driver)" timeout --kill-after=30 1200 bash scripts/e2e.sh
step "install test of the .deb (bundle, install, run, purge)" bash tests/package/install-test.sh
step "fuzz, briefly (every cargo-fuzz target, 5 s each; make fuzz runs longer)" env FUZZ_SECONDS=5 bash scripts/fuzz.sh
echo "all test steps passed in ${SECONDS} s"
