#!/usr/bin/env bash
# End-to-end test of the real app: tauri-driver (WebKitWebDriver) under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
export FAZHI_APP="$PWD/target/debug/fazhi-studio"
export FAZHI_CLI="$PWD/target/debug/fazhi"
[ -x "$FAZHI_APP" ] || { echo "missing $FAZHI_APP: run 'cargo build -p fazhi-studio'" >&2; exit 1; }
export WEBKIT_DISABLE_DMABUF_RENDERER=1 WEBKIT_DISABLE_COMPOSITING_MODE=1
export PATH="$HOME/.cargo/bin:$PATH"
cd tests/e2e
if [ -n "${DISPLAY:-}" ] && [ -z "${FAZHI_E2E_XVFB:-}" ]; then
  exec npm test --silent
fi
exec xvfb-run -a -s "-screen 0 1280x800x24" npm test --silent
