#!/usr/bin/env bash
# Time `guifan check` on a spec folder: median and spread of N runs of the
# release binary. Usage: benches/check.sh [SPEC_DIR] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
spec=${1:-spec}
runs=${2:-21}
cargo build --release --quiet
bin=target/release/guifan
"$bin" check -s "$spec" >/dev/null || true # warm the file cache
times=()
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  "$bin" check -s "$spec" >/dev/null || true
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
files=$(find "$spec" -name '*.yaml' -o -name '*.yml' | wc -l)
echo "check on $spec ($files files), $runs runs:" \
  "median $(( sorted[runs / 2] / 1000 )).$(( sorted[runs / 2] % 1000 / 100 )) ms," \
  "min $(( sorted[0] / 1000 )).$(( sorted[0] % 1000 / 100 )) ms," \
  "max $(( sorted[runs - 1] / 1000 )).$(( sorted[runs - 1] % 1000 / 100 )) ms"
