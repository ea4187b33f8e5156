#!/usr/bin/env bash
# Installs Debian packages, idempotently: does nothing when every package is there.
#   bash scripts/setup-system.sh run    what building and running the app needs (make run)
#   bash scripts/setup-system.sh test   what only the test suite and the benchmarks use
#   bash scripts/setup-system.sh        both
set -euo pipefail

RUN_PKGS=(
  # Tauri 2 / WebKitGTK build and runtime
  libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev pkg-config
  # the app's fonts
  fonts-noto-cjk
  # `make run` with no display: Xvfb, the window lookup (xwininfo), the screenshot
  # (ImageMagick's import), the exports' listing (python3)
  xvfb xauth dbus x11-utils imagemagick python3
)
TEST_PKGS=(
  # real-app WebDriver (tauri-driver drives WebKitWebDriver); UI browser tests
  webkit2gtk-driver chromium
  # PDF/DOCX layout proofs in the Rust tests, the bench's LibreOffice comparison
  poppler-utils libreoffice-writer-nogui
  # the .deb install test: desktop-file-validate and the desktop-entry trigger, gio
  desktop-file-utils libglib2.0-bin
  # screenshots while debugging a test under Xvfb
  scrot
  # printing tests: a real CUPS scheduler with the cups-pdf virtual printer
  # (scripts/cups-test-queue.sh starts it); hyperfine times whole processes in the bench
  cups cups-client cups-bsd printer-driver-cups-pdf hyperfine
)

case "${1:-all}" in
  run) PKGS=("${RUN_PKGS[@]}") ;;
  test) PKGS=("${TEST_PKGS[@]}") ;;
  all) PKGS=("${RUN_PKGS[@]}" "${TEST_PKGS[@]}") ;;
  *) echo "usage: $0 [run|test|all]" >&2; exit 2 ;;
esac

missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-system: all ${#PKGS[@]} packages (${1:-all}) present"
  exit 0
fi

echo "setup-system: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -o DPkg::Lock::Timeout=900 -qq
$SUDO apt-get install -y -qq -o DPkg::Lock::Timeout=900 --no-install-recommends "${missing[@]}"
