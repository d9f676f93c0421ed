#!/usr/bin/env bash
# `guifan build` against Hugo and mdBook on the same pages.
#
# For each size N (default 1,000 and 10,000 standards files), benches/corpus.py
# writes a synthetic spec; guifan builds its site; benches/markdown_pages.py
# turns guifan's own model of that spec (export + findings) into one Markdown
# page per HTML page guifan wrote, laid out for Hugo and for mdBook; then each
# tool builds into a fresh folder, RUNS times (default 3). Printed, as a
# Markdown table: HTML pages written, median wall time, pages per second, peak
# memory (the largest max RSS of its runs, from /usr/bin/time), and each tool's pages
# per second relative to guifan's.
#
# A run that takes longer than TIME_LIMIT seconds (default 1200) is stopped
# and reported as "> TIME_LIMIT s"; that tool's other runs at that size are
# skipped (mdBook's time grows with the square of the page count).
#
# Needs: python3, /usr/bin/time, timeout, Debian's `hugo` (apt-get install
# hugo) and mdBook (cargo install mdbook --locked).
# Usage: [RUNS=3] [TIME_LIMIT=1200] benches/site.sh [SIZES...]
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-1000 10000}")
runs=${RUNS:-3}
limit=${TIME_LIMIT:-1200}
for tool in hugo mdbook python3 timeout /usr/bin/time; do
  command -v "$tool" >/dev/null || {
    echo "benches/site.sh needs $tool (hugo: apt-get install hugo; mdbook: cargo install mdbook --locked)" >&2
    exit 2
  }
done
cargo build --release --quiet
bin=$PWD/target/release/guifan
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# time_build OUT CMD...: runs CMD (which writes into OUT) $runs times from
# an empty OUT; prints "median_ms peak_KiB html_pages", or "stopped" if a
# run went past the time limit.
time_build() {
  local out=$1 ms=() peak=0
  shift
  for _ in $(seq "$runs"); do
    rm -rf "$out"
    local start kib status=0
    start=$(date +%s%N)
    timeout "$limit" /usr/bin/time -o "$work/time" -f '%M' "$@" >/dev/null 2>"$work/stderr" || status=$?
    if (( status == 124 )); then
      echo stopped
      return
    elif (( status != 0 )); then
      cat "$work/stderr" >&2
      exit 1
    fi
    ms+=($(( ($(date +%s%N) - start) / 1000000 )))
    kib=$(tail -1 "$work/time")
    if (( kib > peak )); then peak=$kib; fi
  done
  echo "$(printf '%s\n' "${ms[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p") $peak $(find "$out" -name '*.html' | wc -l)"
}

echo "guifan $("$bin" --version | cut -d' ' -f2), $(hugo version | cut -d' ' -f1-2), $(mdbook --version); $(nproc) cores; median of $runs runs"
echo
echo "| standards files | tool | HTML pages | wall time | pages/s | ms per 1,000 files | peak memory | pages/s vs guifan |"
echo "|---:|---|---:|---:|---:|---:|---:|---:|"
for n in ${sizes[@]}; do
  rm -rf "$work/spec" "$work/md"
  python3 benches/corpus.py "$n" "$work/spec"
  "$bin" export -s "$work/spec" --format json >"$work/export.json"
  "$bin" check -s "$work/spec" --format json >"$work/check.json" || true
  python3 benches/markdown_pages.py "$work/spec" "$work/export.json" "$work/check.json" docs "$work/md" >/dev/null
  guifan_pps=
  for tool in guifan hugo mdbook; do
    case $tool in
      guifan) read -r ms kib pages < <(time_build "$work/out" "$bin" build -s "$work/spec" -o "$work/out" --quiet) ;;
      hugo) read -r ms kib pages < <(time_build "$work/out" hugo --quiet -s "$work/md/hugo" -d "$work/out") ;;
      mdbook) read -r ms kib pages < <(time_build "$work/out" mdbook build "$work/md/mdbook" -d "$work/out") ;;
    esac
    [ -n "$ms" ] || { echo "$tool failed at $n files" >&2; exit 1; }
    if [ "$ms" = stopped ]; then
      printf '| %s | %s | — | > %s s (stopped) | < %s | > %s ms | — | < %s |\n' "$n" "$tool" "$limit" \
        "$(( (pages_guifan + limit - 1) / limit ))" "$(( limit * 1000000 / n ))" \
        "$(python3 -c "print(f'{$pages_guifan / $limit / $guifan_pps:.2f}×')")"
      continue
    fi
    pps=$(( pages * 1000 / (ms > 0 ? ms : 1) ))
    [ -n "$guifan_pps" ] || { guifan_pps=$pps; pages_guifan=$pages; }
    printf '| %s | %s | %s | %s ms | %s | %s ms | %s MiB | %s |\n' \
      "$n" "$tool" "$pages" "$ms" "$pps" $(( ms * 1000 / n )) $(( kib / 1024 )) \
      "$(python3 -c "print(f'{$pps / $guifan_pps:.2f}×')")"
  done
done
