#!/usr/bin/env bash
# What the test suite, the benchmarks, packaging and fuzzing need on top of
# scripts/setup.sh (which `make` runs first), idempotently:
#   bash scripts/setup-test.sh           everything `make test` and `make bench` use
#   bash scripts/setup-test.sh package   only the Tauri CLI (`make package`)
#   bash scripts/setup-test.sh fuzz      only cargo-fuzz (`make fuzz`)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup-common.sh

what=${1:-all}
case "$what" in all|package|fuzz) ;; *) echo "usage: $0 [all|package|fuzz]" >&2; exit 2 ;; esac

if [ "$what" = all ]; then
  # Chromium (browser tests), WebKitWebDriver, poppler, LibreOffice, desktop-file-utils
  bash scripts/setup-system.sh test
  # the real-app end-to-end tests (WebdriverIO)
  npm_install tests/e2e
  # tauri-driver: the WebDriver proxy of the end-to-end tests
  cargo_tool tauri-driver 2.1.0 tauri-driver
  # pdfplumber: scripts/pdf-measure.py measures the filing copy's PDFs (fazhi-layout's
  # official test: positions, sizes, colours of our PDF and LibreOffice's rendering)
  if python3 -c "import pdfplumber" 2>/dev/null; then
    echo "setup: pdfplumber present"
  else
    echo "setup: pip install pdfplumber"
    python3 -m pip install --quiet --user pdfplumber 2>/dev/null \
      || python3 -m pip install --quiet --break-system-packages pdfplumber
  fi
fi

if [ "$what" = all ] || [ "$what" = package ]; then
  # the Tauri CLI: bundles the .deb (scripts/package.sh, the install test)
  npm_install src-tauri
fi

if [ "$what" = all ] || [ "$what" = fuzz ]; then
  # cargo-fuzz: scripts/fuzz.sh over the targets in fuzz/
  if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "setup: cargo install cargo-fuzz"
    cargo install cargo-fuzz --locked --quiet
  else
    echo "setup: cargo-fuzz present"
  fi
fi
