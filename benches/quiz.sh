#!/usr/bin/env bash
# What a 50-question quiz costs on top of opening and checking the spec:
# paired runs (check, quiz, check, quiz …) of the release binary, medians
# with min–max, then peak memory and CPU seconds of one quiz run
# (/usr/bin/time -v). Usage: benches/quiz.sh [SPEC_DIR] [RUNS]
# A 10,000-file corpus: python3 benches/corpus.py 10000 /tmp/corpus-10k &&
#   benches/quiz.sh /tmp/corpus-10k 5
set -euo pipefail
cd "$(dirname "$0")/.."
spec=${1:-spec}
runs=${2:-21}
cargo build --release --quiet
bin=target/release/guifan
check=("$bin" check -s "$spec")
quiz=("$bin" quiz -s "$spec" -n 50 --seed 1 --format json)
"${quiz[@]}" >/dev/null 2>&1 # warm the file cache
us() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000 )); }
a=(); b=()
for _ in $(seq "$runs"); do
  a+=("$(us "${check[@]}")")
  b+=("$(us "${quiz[@]}")")
done
stats() { # median min max in ms, from microseconds
  local sorted n
  sorted=($(printf '%s\n' "$@" | sort -n)); n=${#sorted[@]}
  awk -v m="${sorted[n / 2]}" -v lo="${sorted[0]}" -v hi="${sorted[n - 1]}" \
    'BEGIN { printf "median %.1f ms (min %.1f, max %.1f)", m / 1000, lo / 1000, hi / 1000 }'
}
files=$(find "$spec" -name '*.yaml' -o -name '*.yml' | wc -l)
echo "on $spec ($files files), $runs paired runs:"
echo "  guifan check:            $(stats "${a[@]}")"
echo "  guifan quiz -n 50:       $(stats "${b[@]}")"
ma=$(printf '%s\n' "${a[@]}" | sort -n | sed -n "$(( runs / 2 + 1 ))p")
mb=$(printf '%s\n' "${b[@]}" | sort -n | sed -n "$(( runs / 2 + 1 ))p")
awk -v a="$ma" -v b="$mb" 'BEGIN { printf "  the quiz itself (median difference): %.1f ms\n", (b - a) / 1000 }'
/usr/bin/time -v "${quiz[@]}" 2>&1 >/dev/null |
  awk -F': ' '/Maximum resident/ { printf "  peak memory %.1f MB", $2 / 1024 } /User time/ { u = $2 } /System time/ { s = $2 } END { printf ", CPU %.2f s\n", u + s }'
