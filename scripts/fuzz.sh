#!/usr/bin/env bash
# make fuzz: runs every cargo-fuzz target in fuzz/ for FUZZ_SECONDS (default 60)
# and prints, per target, the executions and the findings (crash/timeout/oom
# inputs saved under fuzz/artifacts/<target>/). Exit 1 when anything was found.
# cargo-fuzz needs nightly flags; RUSTC_BOOTSTRAP=1 lets the stable toolchain
# accept them (scripts/setup-test.sh installs cargo-fuzz).
# fuzz/target (the sanitizer builds) is a symlink into the build cache on CI (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
SECS="${FUZZ_SECONDS:-60}"
export RUSTC_BOOTSTRAP=1
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: cargo-fuzz is not installed (bash scripts/setup-test.sh fuzz installs it)" >&2
  exit 1
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
status=0
for t in $(cargo fuzz list); do
  # New inputs go to a scratch copy: the committed seed corpus stays small.
  mkdir -p "$work/$t" "artifacts/$t"
  cp -r "corpus/$t/." "$work/$t/" 2>/dev/null || true
  before=$(find "artifacts/$t" -type f | wc -l)
  log="$work/$t.log"
  if cargo fuzz run "$t" "$work/$t" -- -max_total_time="$SECS" -rss_limit_mb=2048 \
       -timeout=10 -print_final_stats=1 >"$log" 2>&1; then res=ok; else res=FAILED; status=1; fi
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1 || true)
  after=$(find "artifacts/$t" -type f | wc -l)
  printf 'fuzz %-15s %-6s %ss  executions %s  findings %s\n' "$t" "$res" "$SECS" "${execs:-?}" "$((after - before))"
  if [ "$res" != ok ]; then tail -40 "$log"; fi
done
exit "$status"
