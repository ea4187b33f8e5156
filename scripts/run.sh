#!/usr/bin/env bash
# `make run`: the app on a local library holding the sample report.
# With a display it opens the window; without one it runs the same app under
# Xvfb, saves a screenshot of the window and the sample's exports under out/,
# and exits.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p out
export FAZHI_DB="${FAZHI_DB:-$PWD/out/library.sqlite3}"
APP="$PWD/target/debug/fazhi-studio"
CLI="$PWD/target/debug/fazhi"
export WEBKIT_DISABLE_DMABUF_RENDERER=1 WEBKIT_DISABLE_COMPOSITING_MODE=1

if [ -n "${DISPLAY:-}" ] && [ -z "${FAZHI_HEADLESS:-}" ] && [ -z "${FAZHI_IN_XVFB:-}" ]; then
  echo "资料库：$FAZHI_DB"
  exec "$APP"
fi

if [ -z "${FAZHI_IN_XVFB:-}" ]; then
  export FAZHI_IN_XVFB=1
  exec xvfb-run -a -s "-screen 0 1280x800x24" bash "$0"
fi

echo "no display: running under Xvfb ($DISPLAY); library $FAZHI_DB"
"$APP" > out/app.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT

# Wait for the window, then for the UI to paint the report list.
for _ in $(seq 1 120); do
  if xwininfo -root -tree 2>/dev/null | grep -q "法治报告编写器"; then break; fi
  kill -0 $pid 2>/dev/null || { echo "the app exited early:"; cat out/app.log; exit 1; }
  sleep 0.5
done
xwininfo -root -tree | grep -q "法治报告编写器" || { echo "no window appeared"; cat out/app.log; exit 1; }
sleep 6
import -window root out/screenshot.png
echo "screenshot: out/screenshot.png"

# The sample's exports, through the CLI on the same library.
id=$("$CLI" list --json | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r[-1]["id"] if r else "")')
if [ -n "$id" ]; then
  for fmt in docx html pdf; do
    if "$CLI" export "$id" --format "$fmt" -o "out/sample.$fmt" 2> out/export-$fmt.log; then
      echo "export: out/sample.$fmt"
    else
      echo "export $fmt: $(cat out/export-$fmt.log)"
    fi
  done
fi
kill $pid 2>/dev/null || true
wait $pid 2>/dev/null || true
trap - EXIT
echo "make run: done"
