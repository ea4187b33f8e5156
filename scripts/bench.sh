#!/usr/bin/env bash
# `make bench`: prints the performance figures the issues name. Not a test:
# it fails only if a benchmark cannot run.
set -euo pipefail
cd "$(dirname "$0")/.."

run_example() {
  local pkg=$1 ex=$2
  if [ -f "crates/$pkg/examples/$ex.rs" ]; then
    echo "== $pkg/$ex"
    cargo run --release --quiet -p "$pkg" --example "$ex"
  fi
}

run_example fazhi-core bench_store
run_example fazhi-import bench_import
run_example fazhi-checks bench_checks
run_example fazhi-export bench_export
run_example fazhi-pdf bench_pdf

if [ -f ui/package.json ] && grep -q '"bench:editor"' ui/package.json; then
  echo "== editor (Chromium, real editor bundle)"
  npm --prefix ui run --silent bench:editor
fi

echo "== app launch to report list visible (real app, Xvfb)"
cargo build --quiet -p fazhi-studio
FAZHI_APP="$PWD/target/debug/fazhi-studio" PATH="$HOME/.cargo/bin:$PATH" \
  xvfb-run -a -s "-screen 0 1280x800x24" node tests/e2e/bench-launch.mjs
