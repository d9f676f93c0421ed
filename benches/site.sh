#!/usr/bin/env bash
# `guifan build` against Hugo on the same pages, in turn.
#
# For each size N (default 1,000 and 10,000 standards files), benches/corpus.py
# writes a synthetic spec; benches/markdown_pages.py turns guifan's own model
# of that spec (export + findings + every quiz question) into one Markdown page
# per HTML page guifan writes, at the same path (source pages as fenced YAML,
# which Hugo highlights at build time; the practice quizzes as text);
# then benches/paired.py runs `guifan build` and `hugo` into a fresh folder in
# turn (A B A B …, PAIRS pairs after one uncounted run of each) and prints, as
# Markdown, each tool's wall and CPU seconds, peak RSS, HTML pages and pages
# per second (median, min–max), guifan's pages per second ÷ Hugo's within
# each pair, and the machine's load average before and after.
#
# BASE_BIN=path/to/other/guifan adds that binary as a third tool (before and
# after a change, on the same pages). MDBOOK=1 adds mdBook (its time grows
# with the square of the book: minutes at 1,000 files, TIME_LIMIT stops it).
#
# Needs: python3, /usr/bin/time, Debian's `hugo` (apt-get install hugo).
# Usage: [PAIRS=3] [BASE_BIN=…] [MDBOOK=1] [TIME_LIMIT=1200] benches/site.sh [SIZES...]
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-1000 10000}")
for tool in hugo python3 /usr/bin/time ${MDBOOK:+mdbook}; do
  command -v "$tool" >/dev/null || {
    echo "benches/site.sh needs $tool (hugo: apt-get install hugo; mdbook: cargo install mdbook --locked)" >&2
    exit 2
  }
done
# GUIFAN_BIN=path runs that binary instead of building the release one.
[ -n "${GUIFAN_BIN:-}" ] || cargo build --release --quiet
bin=${GUIFAN_BIN:-$PWD/target/release/guifan}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "guifan $("$bin" --version | cut -d' ' -f2) ($(git rev-parse --short HEAD)), $(hugo version | cut -d' ' -f1-2)${MDBOOK:+, $(mdbook --version)}"
echo "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB"
echo
header=--header
for n in ${sizes[@]}; do
  rm -rf "$work/spec" "$work/md"
  python3 benches/corpus.py "$n" "$work/spec"
  "$bin" export -s "$work/spec" --format json >"$work/export.json"
  "$bin" check -s "$work/spec" --format json >"$work/check.json" || true
  # (its closing note goes to standard error even with --quiet)
  "$bin" quiz -s "$work/spec" -n 0 --format json >"$work/quiz.json" 2>"$work/quiz.err" ||
    { cat "$work/quiz.err" >&2; exit 1; }
  python3 benches/markdown_pages.py "$work/spec" "$work/export.json" "$work/check.json" "$work/quiz.json" \
    docs/zh-CN "$work/md" >/dev/null
  tools=(--run guifan "'$bin' build -s '$work/spec' -o '$work/out' --quiet")
  tools+=(--run hugo "hugo --quiet -s '$work/md/hugo' -d '$work/out'")
  [ -z "${BASE_BIN:-}" ] || tools+=(--run "guifan BASE_BIN" "'$BASE_BIN' build -s '$work/spec' -o '$work/out' --quiet")
  [ -z "${MDBOOK:-}" ] || tools+=(--run mdbook "mdbook build '$work/md/mdbook' -d '$work/out'")
  python3 benches/paired.py $header --label "$n files" --pairs "${PAIRS:-3}" --warmup \
    --timeout "${TIME_LIMIT:-1200}" --fresh "$work/out" --unit pages \
    --count "find '$work/out' -name '*.html' | wc -l" "${tools[@]}"
  header=
done
