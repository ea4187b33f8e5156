#!/usr/bin/env bash
# `make package`: the .deb of the app, built with the Tauri bundler.
#   bash scripts/package.sh            release build → target/release/bundle/deb/*.deb
#   bash scripts/package.sh --debug    debug build (fast; what CI installs and tests)
#   --no-ui                            reuse ui/dist as it is (the test suite built it already)
# Builds the UI (ui/dist, bundled into the app), the `fazhi` CLI (installed as
# /usr/bin/fazhi through bundle.linux.deb.files) and the app with cargo, then the .deb
# with `tauri bundle`, which packages the binaries cargo built and compiles nothing.
# (`tauri build` would run its own `cargo build --features custom-protocol,tauri/native-tls`:
# a different feature set of tauri, so tauri, its plugins and the app compiled again.)
# The debug build is `cargo build --workspace --all-targets`, the same units as
# `cargo test --workspace`: after the test suite it has nothing left to compile.
# On Linux the product name is "fazhi-studio" (src-tauri/tauri.linux.conf.json): it
# names the Debian package, /usr/lib/fazhi-studio/ (the fonts) and the desktop file,
# all of which must be ASCII; the name users see, 法治报告编写器, is in the desktop entry.
# Prints the path of the .deb on the last line of stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/cargo-env.sh
root=$PWD

profile=release
tauri_flags=()
cargo_flags=(--release -p fazhi-studio -p fazhi-cli)
build_ui=1
for arg in "$@"; do
  case "$arg" in
    --debug) profile=debug; tauri_flags=(--debug); cargo_flags=(--workspace --all-targets) ;;
    --no-ui) build_ui=0 ;;
    *) echo "usage: $0 [--debug] [--no-ui]" >&2; exit 2 ;;
  esac
done

tauri="$root/src-tauri/node_modules/.bin/tauri"
[ -x "$tauri" ] || { echo "package: the Tauri CLI is missing: run 'make setup' (npm ci in src-tauri)" >&2; exit 1; }

t0=$SECONDS
if [ $build_ui = 1 ]; then
  echo "package: building the UI (ui/dist)" >&2
  npm --prefix ui run --silent build >&2
fi
[ -f ui/dist/index.html ] || { echo "package: ui/dist is missing" >&2; exit 1; }

echo "package: cargo build ${cargo_flags[*]}" >&2
t1=$SECONDS
cargo build --quiet "${cargo_flags[@]}" >&2
echo "package: built in $((SECONDS - t1)) s" >&2
for bin in fazhi fazhi-studio; do
  [ -x "target/$profile/$bin" ] || { echo "package: target/$profile/$bin was not built" >&2; exit 1; }
done

# The config maps /usr/bin/fazhi from target/package/fazhi, the same path for both
# profiles (no `--config` override of the bundle's files).
install -D -m 755 "target/$profile/fazhi" target/package/fazhi

out_dir="$root/target/$profile/bundle/deb"
rm -f "$out_dir"/*.deb
echo "package: tauri bundle ${tauri_flags[*]} --bundles deb" >&2
(cd src-tauri && CI=true "$tauri" bundle "${tauri_flags[@]}" --bundles deb >&2)

shopt -s nullglob
debs=("$out_dir"/*.deb)
[ ${#debs[@]} -eq 1 ] || { echo "package: expected one .deb in $out_dir, found ${#debs[@]}" >&2; exit 1; }
deb=${debs[0]}
{
  echo "package: $deb ($(du -h "$deb" | cut -f1)) in $((SECONDS - t0)) s"
  dpkg-deb -f "$deb" Package Version Architecture Maintainer Depends
} >&2
echo "$deb"
