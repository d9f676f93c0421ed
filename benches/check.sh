#!/usr/bin/env bash
# `guifan check` on synthetic corpora (benches/corpus.py: N standards files,
# each with a conflict, a vague limit, a looping flow and an escalation, so
# six findings a file), or on a spec folder given with SPEC=DIR.
#
# benches/paired.py runs the release binary PAIRS times after one uncounted
# run (warm file cache) and prints wall and CPU seconds, peak RSS and files
# per second (median, min–max) with the load average before and after.
# Two ways are run in turn: `guifan --no-cache` (a first check: every file
# read, parsed, resolved and linted) and `guifan cached` (the same check
# again on the unchanged spec: the report comes from `.guifan-cache/`, which
# the uncounted warm-up run writes). BASE_BIN=path/to/other/guifan adds that
# binary's check (with EXTRA, e.g. EXTRA=--no-cache for a binary that has a
# cache) in turn: before and after a change, on the same files.
#
# Usage: [PAIRS=5] [BASE_BIN=…] [SPEC=DIR] benches/check.sh [SIZES...]
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-1000 10000}")
# GUIFAN_BIN=path runs that binary instead of building the release one.
[ -n "${GUIFAN_BIN:-}" ] || cargo build --release --quiet
bin=${GUIFAN_BIN:-$PWD/target/release/guifan}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "guifan $("$bin" --version | cut -d' ' -f2) ($(git rev-parse --short HEAD)); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores"
echo
header=--header
if [ -n "${SPEC:-}" ]; then sizes=(spec); fi
for n in ${sizes[@]}; do
  spec=${SPEC:-$work/spec-$n}
  [ -n "${SPEC:-}" ] || python3 benches/corpus.py "$n" "$spec"
  files=$(find "$spec" -name '*.yaml' -o -name '*.yml' | wc -l)
  tools=(--run "guifan --no-cache" "'$bin' check -s '$spec' --no-cache >/dev/null"
         --run "guifan cached" "'$bin' check -s '$spec' >/dev/null")
  [ -z "${BASE_BIN:-}" ] || tools+=(--run "guifan BASE_BIN" "'$BASE_BIN' check -s '$spec' ${EXTRA:-} >/dev/null")
  python3 benches/paired.py $header --label "$files files" --pairs "${PAIRS:-5}" --warmup \
    --unit files --count "echo $files" "${tools[@]}"
  header=
done
