#!/usr/bin/env bash
# The graph checks on long chains (issue 16): a chain of N roles, a loop of
# N roles and a chain of N sub-flows (benches/chains.py), `guifan check`
# timed over 5 runs (median, min, max, peak memory). The checks are
# linear: the run is mostly reading the YAML. Usage: benches/chains.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
cargo build --release --quiet
bin=$PWD/target/release/guifan
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 benches/chains.py "$n" "$work/spec"
times=()
for _ in 1 2 3 4 5; do
  start=$(date +%s%N)
  "$bin" check -s "$work/spec" --format json > "$work/out.json" || true
  times+=($(( ($(date +%s%N) - start) / 1000000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
peak=$( { /usr/bin/time -f "%M" "$bin" check -s "$work/spec" --format json >/dev/null || true; } 2>&1 | tail -1)
found=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["diagnostics"]))' "$work/out.json")
echo "items=$((3 * n)) findings=$found median_ms=${sorted[2]} min_ms=${sorted[0]} max_ms=${sorted[4]} peak_MiB=$((peak / 1024))"
