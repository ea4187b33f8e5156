# Sourced by scripts/setup.sh and scripts/setup-test.sh: the shared install helpers.
# Every helper is idempotent: it does nothing when the thing is already there.

# npm packages of one folder: `npm ci` only when package-lock.json changed since the last
# install (a stamp in node_modules). Tarballs come from npm's own cache (~/.npm, outside
# the work tree, so a fresh clone on the same machine installs without downloading).
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
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error --prefer-offline)
  echo "$hash" > "$stamp"
}

# A cargo-installed tool at an exact version: cargo_tool CRATE VERSION BINARY
# (cargo's install record says which version is there: some tools have no --version).
cargo_tool() {
  local crate=$1 version=$2 bin=$3
  if command -v "$bin" >/dev/null 2>&1 \
     && grep -q "\"$crate $version " "${CARGO_HOME:-$HOME/.cargo}/.crates.toml" 2>/dev/null; then
    echo "setup: $crate $version present"
  else
    echo "setup: cargo install $crate@$version"
    cargo install "$crate@$version" --locked --quiet
  fi
}
