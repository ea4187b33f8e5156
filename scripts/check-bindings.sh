#!/usr/bin/env bash
# `cargo test` regenerates ui/src/bindings from the Rust types (ts-rs). If the
# committed files differ, the UI was type-checked against stale types.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! git rev-parse --git-dir >/dev/null 2>&1; then exit 0; fi
changed=$(git status --porcelain -- ui/src/bindings)
if [ -n "$changed" ]; then
  echo "The TypeScript bindings generated from the Rust types differ from the committed ones:" >&2
  echo "$changed" >&2
  echo "Commit the regenerated ui/src/bindings." >&2
  exit 1
fi
