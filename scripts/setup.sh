#!/usr/bin/env bash
# What building and running the app needs (`make run`), idempotently: the Debian
# packages of the build and of the app itself (scripts/setup-system.sh run) and the
# UI's npm packages. The test suite's extras (browsers, WebDriver, LibreOffice,
# tauri-driver, cargo-fuzz, the Tauri CLI) are scripts/setup-test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup-common.sh

bash scripts/setup-system.sh run
npm_install ui
