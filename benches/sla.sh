#!/usr/bin/env bash
# `guifan check` (load, resolve, all SLA lints) on synthetic corpora of
# 1,000, 5,000 and 10,000 standards files: median of 5 runs each, and peak
# memory of one run. Usage: benches/sla.sh [SIZES...]
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-1000 5000 10000}")
cargo build --release --quiet
bin=$PWD/target/release/guifan
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%8s %10s %12s %12s %10s\n' files findings median_ms ms_per_1000 peak_MiB
for n in ${sizes[@]}; do
  python3 benches/corpus.py "$n" "$work/$n"
  findings=$("$bin" check -s "$work/$n" --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["diagnostics"]))')
  times=()
  for _ in 1 2 3 4 5; do
    start=$(date +%s%N)
    "$bin" check -s "$work/$n" >/dev/null || true
    times+=($(( ($(date +%s%N) - start) / 1000000 )))
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
  peak=$( { /usr/bin/time -f '%M' "$bin" check -s "$work/$n" >/dev/null; } 2>&1 | tail -1)
  printf '%8d %10d %12d %12d %10d\n' "$n" "$findings" "$median" $(( median * 1000 / n )) $(( peak / 1024 ))
done
