#!/usr/bin/env bash
# Installs the Debian packages the build, the app and the test suite need.
# Idempotent: does nothing when every package is already installed.
set -euo pipefail

PKGS=(
  # Tauri 2 / WebKitGTK build and runtime
  libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev pkg-config
  # headless display, screenshots, real-app WebDriver
  xvfb xauth dbus webkit2gtk-driver imagemagick scrot
  # UI fonts and browser tests
  fonts-noto-cjk chromium
  # PDF/DOCX layout proofs
  poppler-utils libreoffice-writer-nogui
  # window lookup for `make run` headless
  x11-utils
  # desktop-file-validate and the desktop-entry trigger, for the .deb install test
  desktop-file-utils
)

missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-system: all ${#PKGS[@]} packages present"
  exit 0
fi

echo "setup-system: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -o DPkg::Lock::Timeout=900 -qq
$SUDO apt-get install -y -qq -o DPkg::Lock::Timeout=900 --no-install-recommends "${missing[@]}"
