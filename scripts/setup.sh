#!/usr/bin/env bash
# Installs everything the build and the tests need, idempotently:
# Debian packages, the UI's and the end-to-end tests' npm packages, tauri-driver.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup-system.sh

# npm packages: reinstall only when the lock file changed since the last install.
npm_install() {
  local dir=$1
  [ -f "$dir/package-lock.json" ] || { echo "setup: $dir has no package-lock.json" >&2; exit 1; }
  local stamp="$dir/node_modules/.fazhi-lock-hash"
  local hash
  hash=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$hash" ]; then
    echo "setup: npm packages of $dir up to date"
    return
  fi
  echo "setup: npm ci in $dir"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$hash" > "$stamp"
}
npm_install ui
npm_install tests/e2e
npm_install src-tauri

# tauri-driver: the WebDriver proxy for the real-app end-to-end test.
TAURI_DRIVER_VERSION=2.1.0
# (tauri-driver has no --version; cargo's install record says which one is there)
if ! command -v tauri-driver >/dev/null 2>&1 \
   || ! grep -q "\"tauri-driver $TAURI_DRIVER_VERSION " "${CARGO_HOME:-$HOME/.cargo}/.crates.toml" 2>/dev/null; then
  echo "setup: cargo install tauri-driver@$TAURI_DRIVER_VERSION"
  cargo install tauri-driver@"$TAURI_DRIVER_VERSION" --locked --quiet
else
  echo "setup: tauri-driver $TAURI_DRIVER_VERSION present"
fi

# cargo-fuzz: `make fuzz` (scripts/fuzz.sh) over the targets in fuzz/.
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "setup: cargo install cargo-fuzz"
  cargo install cargo-fuzz --locked --quiet
else
  echo "setup: cargo-fuzz present"
fi
