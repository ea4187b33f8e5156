#!/usr/bin/env bash
# `make bench`: prints the performance figures the issues name. Not a test:
# it fails only if a benchmark cannot run.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/cargo-env.sh

# The app and the `fazhi` CLI, debug, as `make app` builds them: the editor bench talks
# to the real backend through the CLI ($FAZHI_BIN), the launch bench starts the app.
cargo build --quiet -p fazhi-studio -p fazhi-cli
export FAZHI_BIN="$PWD/target/debug/fazhi"

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
# Recall per group and false alarms on the real-text corpus (#18; also `make quality`).
run_example fazhi-checks quality
bench_tmp=$(mktemp -d)
trap 'rm -rf "$bench_tmp"' EXIT
FAZHI_DOCX_OUT="$bench_tmp/sample.docx" run_example fazhi-export bench_export
FAZHI_PDF_OUT="$bench_tmp/sample.pdf" run_example fazhi-pdf bench_pdf | tee "$bench_tmp/pdf.txt"

# Side by side, same run: LibreOffice headless converting the DOCX of the same report
# (what an office without our typesetter would do). One warm-up conversion (profile
# creation), then the median of three; its own profile dir so a running LibreOffice
# is not disturbed.
if command -v soffice >/dev/null && [ -f "$bench_tmp/sample.docx" ]; then
  echo "== LibreOffice headless DOCX → PDF (same report)"
  lo() {
    soffice -env:UserInstallation="file://$bench_tmp/lo-profile" --headless \
      --convert-to pdf --outdir "$bench_tmp/lo" "$bench_tmp/sample.docx" >/dev/null 2>&1
  }
  lo
  lo_ms=()
  for _ in 1 2 3; do
    t0=$(date +%s%N); lo; t1=$(date +%s%N)
    lo_ms+=($(( (t1 - t0) / 1000000 )))
  done
  lo_median=$(printf '%s\n' "${lo_ms[@]}" | sort -n | sed -n 2p)
  pdf_p50=$(grep -o 'p50 [0-9.]* ms' "$bench_tmp/pdf.txt" | tail -1 | awk '{print $2}')
  echo "libreoffice: ${lo_ms[*]} ms (median ${lo_median} ms, $(stat -c %s "$bench_tmp/lo/sample.pdf" 2>/dev/null || echo ?) bytes)"
  awk -v lo="$lo_median" -v p="$pdf_p50" 'BEGIN {
    printf "fazhi-pdf p50 %.1f ms vs LibreOffice %d ms: %.0f× faster (target ≥ 20×)\n", p, lo, lo / p }'
else
  echo "== LibreOffice side-by-side skipped: soffice not installed (scripts/setup-system.sh)"
fi

if [ -f ui/package.json ] && grep -q '"bench:editor"' ui/package.json; then
  echo "== editor (Chromium, real editor bundle)"
  npm --prefix ui run --silent bench:editor
fi

echo "== app launch to report list visible (real app, Xvfb)"
FAZHI_APP="$PWD/target/debug/fazhi-studio" PATH="$HOME/.cargo/bin:$PATH" \
  xvfb-run -a -s "-screen 0 1280x800x24" node tests/e2e/bench-launch.mjs
