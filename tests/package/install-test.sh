#!/usr/bin/env bash
# CI install test of the .deb (issue #10): build it (debug, fast), install it into this
# machine, start the INSTALLED app under Xvfb on an empty home and see the report list,
# run the installed CLI (--version, PDF export outside the source tree with the source
# tree hidden, so the fonts must come from the package), then purge the package and
# check that every file it installed is gone and the user's data is untouched.
#
#   bash tests/package/install-test.sh            builds the debug .deb first (from the
#                                                 ui/dist there is: scripts/test.sh built it;
#                                                 after the test suite's cargo build the app
#                                                 and CLI are there and only `tauri bundle` runs)
#   DEB=path/to/file.deb bash tests/package/install-test.sh   tests that .deb
#
# Needs root or sudo (apt-get install). Idempotent: an installed copy is purged first.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
T0=$SECONDS

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-test: needs root or sudo" >&2; exit 1; }
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
APT=(apt-get -y -qq -o DPkg::Lock::Timeout=900)

fail() { echo "install-test: FAIL: $*" >&2; exit 1; }
ok() { echo "  ok: $*"; }
step() { echo "==> $* ($((SECONDS - T0)) s)"; }

# ---------------------------------------------------------------- build
if [ -z "${DEB:-}" ]; then
  step "build the debug .deb (scripts/package.sh --debug --no-ui)"
  t=$SECONDS
  DEB=$(bash scripts/package.sh --debug --no-ui | tail -n1)
  echo "  built in $((SECONDS - t)) s"
fi
DEB=$(readlink -f "$DEB")
[ -f "$DEB" ] || fail "no .deb at $DEB"
PKG=$(dpkg-deb -f "$DEB" Package)
VERSION=$(dpkg-deb -f "$DEB" Version)
WS_VERSION=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version *= *"\(.*\)"/\1/p' Cargo.toml)

step "control file of $PKG $VERSION"
[ "$VERSION" = "$WS_VERSION" ] || fail "version $VERSION is not the workspace version $WS_VERSION"
depends=$(dpkg-deb -f "$DEB" Depends)
for d in libwebkit2gtk-4.1-0 libgtk-3-0; do
  [[ ",$depends," == *"$d"* ]] || fail "Depends lacks $d: $depends"
done
[ -n "$(dpkg-deb -f "$DEB" Maintainer)" ] || fail "no Maintainer"
ok "Version $VERSION, Maintainer $(dpkg-deb -f "$DEB" Maintainer), Depends $depends"

# ---------------------------------------------------------------- install
if dpkg-query -W -f='${Status}' "$PKG" 2>/dev/null | grep -q "ok installed\|config-files"; then
  step "purge the previously installed $PKG"
  $SUDO "${APT[@]}" remove --purge "$PKG" >/dev/null
fi
step "apt-get install $DEB"
t=$SECONDS
$SUDO "${APT[@]}" install "$DEB" >/dev/null
echo "  installed in $((SECONDS - t)) s"
mapfile -t LISTED < <(dpkg -L "$PKG")

step "installed layout"
APP=/usr/bin/fazhi-studio
CLI=/usr/bin/fazhi
[ -x "$APP" ] || fail "$APP missing"
[ -x "$CLI" ] || fail "$CLI missing"
font=$(printf '%s\n' "${LISTED[@]}" | grep '/fonts/FandolFang-Regular.otf$' || true)
[ -n "$font" ] || fail "the fonts are not in the package"
fontdir=$(dirname "$font")
case "$fontdir" in
  /usr/lib/法治报告编写器/fonts|/usr/lib/fazhi-studio/fonts|/usr/share/fazhi-studio/fonts) ;;
  *) fail "fonts at $fontdir: not where fazhi-pdf's default_font_dir looks" ;;
esac
for f in FandolHei-Regular.otf FandolKai-Regular.otf FandolSong-Regular.otf NotoSerifSC-Bold.otf \
         NotoSerifSC-Regular.otf LICENSE-Fandol-GPL3.txt LICENSE-NotoSerifCJK-OFL.txt; do
  [ -f "$fontdir/$f" ] || fail "$fontdir/$f missing"
done
ok "fonts and their licences in $fontdir"
for s in 16x16 24x24 32x32 48x48 64x64 128x128 256x256 512x512; do
  icon=$(printf '%s\n' "${LISTED[@]}" | grep "/icons/hicolor/$s/apps/fazhi-studio.png$" || true)
  [ -n "$icon" ] || fail "no $s icon: $(printf '%s\n' "${LISTED[@]}" | grep icons/ | tr '\n' ' ')"
done
ok "icons 16…512 px"
desktop=$(printf '%s\n' "${LISTED[@]}" | grep '^/usr/share/applications/.*\.desktop$' || true)
[ -n "$desktop" ] && [ -f "$desktop" ] || fail "no desktop entry"
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$desktop" || fail "desktop-file-validate $desktop"
fi
for line in 'Name=法治报告编写器' 'Name\[zh_CN\]=法治报告编写器' 'Comment=.' 'Comment\[zh_CN\]=.' \
            'Exec=fazhi-studio %f' 'Categories=Office;' 'MimeType=application/x-fazhi-review-package;'; do
  grep -q "^$line" "$desktop" || fail "$desktop has no line $line"
done
ok "desktop entry $desktop"
mimexml=/usr/share/mime/packages/fazhi-studio.xml
[ -f "$mimexml" ] || fail "$mimexml missing"
[ -f /usr/share/mime/application/x-fazhi-review-package.xml ] \
  || fail "the MIME database was not updated (shared-mime-info trigger)"
grep -q '^application/x-fazhi-review-package:\*\.fzbg$' /usr/share/mime/globs \
  || fail "*.fzbg is not in /usr/share/mime/globs"
if [ -f /usr/share/applications/mimeinfo.cache ]; then
  grep -q "^application/x-fazhi-review-package=.*$(basename "$desktop")" /usr/share/applications/mimeinfo.cache \
    || fail "mimeinfo.cache does not name $(basename "$desktop") for .fzbg"
fi
# a review package is a SQLite file: the glob must win over the SQLite magic
probe=$(mktemp -d /tmp/fazhi-install-probe.XXXXXX)
python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("create table t(x)"); c.commit()' "$probe/审阅包.fzbg"
ctype=$(gio info -a standard::content-type "$probe/审阅包.fzbg" 2>/dev/null | awk '/standard::content-type/{print $2}')
rm -rf "$probe"
[ "$ctype" = application/x-fazhi-review-package ] || fail "a .fzbg file is seen as '$ctype'"
ok "*.fzbg → application/x-fazhi-review-package → $(basename "$desktop")"

# ---------------------------------------------------------------- run, empty home
REAL_PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
HOMEDIR=$(mktemp -d /tmp/fazhi-install-home.XXXXXX)
WORK=$(mktemp -d /tmp/fazhi-install-work.XXXXXX)
chmod 700 "$HOMEDIR"
mkdir -m 700 "$WORK/runtime"
cleanup() { rm -rf "$HOMEDIR" "$WORK"; }
trap cleanup EXIT
# Everything below runs as a user would: empty home, XDG defaults, none of our variables.
userenv=(env -u FAZHI_DB -u FAZHI_FONTS -u XDG_DATA_HOME -u XDG_CONFIG_HOME -u XDG_CACHE_HOME
         -u XDG_STATE_HOME HOME="$HOMEDIR" XDG_RUNTIME_DIR="$WORK/runtime" PATH="$REAL_PATH"
         WEBKIT_DISABLE_DMABUF_RENDERER=1 WEBKIT_DISABLE_COMPOSITING_MODE=1)

step "the installed app under Xvfb (tauri-driver), empty home $HOMEDIR"
t=$SECONDS
(cd tests/package && "${userenv[@]}" FAZHI_APP="$APP" \
   xvfb-run -a -s "-screen 0 1280x800x24" node --test --test-reporter=spec installed-app.test.mjs) \
  || fail "the installed app did not show the report list"
echo "  app test in $((SECONDS - t)) s"

step "the installed CLI"
out=$("${userenv[@]}" "$CLI" --version)
[[ "$out" == *"$WS_VERSION"* ]] || fail "fazhi --version printed '$out'"
ok "fazhi --version: $out"

# The export runs with the source tree hidden (a private mount namespace with an empty
# tmpfs over $root): fonts found there would not prove anything about the package.
hide=(unshare -m sh -c "mount -t tmpfs -o size=1m none '$root' && cd '$WORK' && exec \"\$@\"" sh)
if ! $SUDO unshare -m true 2>/dev/null; then
  echo "  (no mount namespace here: the export runs with the source tree visible)"
  hide=(sh -c "cd '$WORK' && exec \"\$@\"" sh)
fi
id=$("${userenv[@]}" "$CLI" list --json | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r[0]["id"] if r else "")')
[ -n "$id" ] || fail "fazhi list shows no report in the library the app created"
$SUDO "${hide[@]}" "${userenv[@]}" "$CLI" export "$id" --format pdf -o "$WORK/sample.pdf" \
  || fail "PDF export with the installed CLI"
# (captured first: `grep -q` closing the pipe early would fail the pipeline under pipefail)
text=$(pdftotext "$WORK/sample.pdf" -)
fonts=$(pdffonts "$WORK/sample.pdf" | awk 'NR>2{print $1}' | sed 's/^[A-Z]*+//' | sort -u | tr '\n' ' ')
[[ "$text" == *"梅河口市人民政府"* ]] || fail "the PDF does not hold the sample's text"
[[ "$fonts" == *FandolFang-Regular* ]] || fail "the PDF does not embed the packaged Fandol fonts: $fonts"
ok "PDF export from $WORK, source tree hidden: $(du -h "$WORK/sample.pdf" | cut -f1), fonts: $fonts"

# ---------------------------------------------------------------- remove
snapshot() { (cd "$HOMEDIR" && find . -type f -print0 | sort -z | xargs -0 -r sha256sum); }
before=$(snapshot)
[[ "$before" == *"/.local/share/fazhi-studio/library.sqlite3"* ]] || fail "no library under the home before removal"
# directories only this package owns must go too
owned_dirs=()
for p in "${LISTED[@]}"; do
  [ -d "$p" ] && [ ! -L "$p" ] || continue
  others=$(dpkg-query -S "$p" 2>/dev/null | cut -d: -f1 | tr ',' '\n' | sed 's/^ *//' | grep -vx "$PKG" || true)
  [ -z "$others" ] && owned_dirs+=("$p")
done

step "apt-get remove --purge $PKG"
$SUDO "${APT[@]}" remove --purge "$PKG" >/dev/null
left=()
for p in "${LISTED[@]}"; do
  if [ -d "$p" ] && [ ! -L "$p" ]; then continue; fi
  if [ -e "$p" ] || [ -L "$p" ]; then left+=("$p"); fi
done
for d in "${owned_dirs[@]}"; do [ -e "$d" ] && left+=("$d/"); done
[ -e /usr/share/mime/application/x-fazhi-review-package.xml ] && left+=("MIME database entry")
[ ${#left[@]} -eq 0 ] || fail "left behind: ${left[*]}"
ok "all ${#LISTED[@]} paths of the package gone (${#owned_dirs[@]} own directories)"
[ "$(snapshot)" = "$before" ] || fail "the user's data under $HOMEDIR changed on removal"
ok "user data untouched: $(echo "$before" | wc -l) files under the home, library included:"
echo "$before" | awk '{print "      " $2}'

echo "install-test: passed in $((SECONDS - T0)) s"
