#!/usr/bin/env bash
# Time `guifan print --pdf` (Chromium lays out every page, so it dominates):
# median, min and max of RUNS runs of one document and of every document,
# with the peak memory and CPU seconds of the last run of each.
# Usage: benches/print.sh [SPEC_DIR] [RUNS] [ONE_ID]; BIN=… to time another
# binary (default: the release build).
set -euo pipefail
cd "$(dirname "$0")/.."
spec=${1:-spec}
runs=${2:-5}
one=${3:-cmcc-on-site-fault-handling}
if [ -z "${BIN:-}" ]; then
  cargo build --release --quiet
  BIN=target/release/guifan
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
measure() {
  local label=$1; shift
  local times=()
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    "$BIN" print -s "$spec" --pdf -o "$out/p" "$@" >/dev/null
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  stats=$(/usr/bin/time -f '%M KB peak, %U s user + %S s system' "$BIN" print -s "$spec" --pdf -o "$out/p" "$@" 2>&1 >/dev/null | tail -1)
  pdfs=$(find "$out/p" -name '*.pdf' | wc -l)
  echo "$label ($pdfs PDF), $runs runs: median ${sorted[runs / 2]} ms, min ${sorted[0]} ms, max ${sorted[runs - 1]} ms; $stats"
}
measure "one document" --only "$one"
measure "every document"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
