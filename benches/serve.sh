#!/usr/bin/env bash
# Edit → served: `guifan serve` against `hugo server` on the same pages.
#
# For each spec (the bundled spec/, and benches/corpus.py's synthetic spec of
# 1,000 files), benches/markdown_pages.py writes its Markdown twin for Hugo
# (as benches/site.sh does); both servers run side by side, and
# benches/serve_probe.py edits a limit's title in each, in turn (A B A B,
# PAIRS pairs, default 7), polling the role page that shows it every 2 ms.
# Printed: median and min–max of edit → page served for each, of edit →
# reload event for guifan (server-sent events), and of the per-pair ratio;
# then each server's CPU seconds and peak memory over the whole run, what
# guifan's log says of each rebuild (the open page written first, the whole
# site after it), and the machine's load.
#
# Both servers render first the page a browser has fetched (the one
# polled); guifan writes the rest of the site after it, within the time its
# log gives, before it takes the next edit.
#
# Hugo runs as `hugo server` does by default: pages in memory, fast render
# mode (it re-renders first the pages a browser has open — the one polled).
#
# Needs: python3, Debian's `hugo` (apt-get install hugo).
# Usage: [PAIRS=7] benches/serve.sh [bundled] [1000] …
set -euo pipefail
cd "$(dirname "$0")/.."
specs=("${@:-bundled 1000}")
pairs=${PAIRS:-7}
for tool in hugo python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "benches/serve.sh needs $tool (hugo: apt-get install hugo)" >&2; exit 2; }
done
# GUIFAN_BIN=path runs that binary instead of building the release one.
[ -n "${GUIFAN_BIN:-}" ] || cargo build --release --quiet
bin=${GUIFAN_BIN:-$PWD/target/release/guifan}
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do pkill -INT -P "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# wait_for URL: until it answers 200 (two minutes at most).
wait_for() {
  for _ in $(seq 1200); do
    python3 -c "import urllib.request, sys; urllib.request.urlopen(sys.argv[1], timeout=5)" "$1" 2>/dev/null && return
    sleep 0.1
  done
  echo "$1 never answered" >&2
  exit 1
}

echo "guifan $("$bin" --version | cut -d' ' -f2), $(hugo version | cut -d' ' -f1-2); $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg); $pairs pairs"
for which in ${specs[@]}; do
  rm -rf "$work/spec" "$work/md" "$work/site"
  if [ "$which" = bundled ]; then
    cp -r spec "$work/spec"
    file=$work/spec/cmcc/limits.yaml role=cmcc-nms-centre title=重要投诉接单分拣时限
  else
    python3 benches/corpus.py "$which" "$work/spec"
    file=$work/spec/d00/s00500.yaml role=cs-500 title=重要分拣
  fi
  "$bin" export -s "$work/spec" --format json >"$work/export.json"
  "$bin" check -s "$work/spec" --format json >"$work/check.json" || true
  "$bin" quiz -s "$work/spec" -n 0 --format json --quiet >"$work/quiz.json"
  python3 benches/markdown_pages.py "$work/spec" "$work/export.json" "$work/check.json" "$work/quiz.json" \
    docs "$work/md" >/dev/null

  /usr/bin/time -o "$work/guifan.time" -f '%U %S %M' \
    "$bin" -s "$work/spec" serve -o "$work/site" -p 0 2>"$work/guifan.log" &
  pids+=($!)
  hugo_port=$(free_port)
  /usr/bin/time -o "$work/hugo.time" -f '%U %S %M' \
    hugo server -s "$work/md/hugo" --bind 127.0.0.1 -p "$hugo_port" >"$work/hugo.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1200); do grep -q 'serving' "$work/guifan.log" && break; sleep 0.1; done
  guifan_port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/guifan.log" | head -1)
  wait_for "http://127.0.0.1:$guifan_port/roles/$role.html"
  wait_for "http://127.0.0.1:$hugo_port/roles/$role.html"

  echo
  echo "## $which: $(find "$work/spec" -name '*.yaml' | wc -l) spec files, $(find "$work/site" -name '*.html' | wc -l) pages"
  python3 benches/serve_probe.py "$pairs" \
    "http://127.0.0.1:$guifan_port" "$file" "/roles/$role.html" \
    "http://127.0.0.1:$hugo_port" "$work/md/hugo/content/roles/$role.md" "/roles/$role.html" \
    "$title"
  for pid in "${pids[@]}"; do pkill -INT -P "$pid" 2>/dev/null || true; done
  wait "${pids[@]}" 2>/dev/null || true
  pids=()
  for tool in guifan hugo; do
    read -r user sys kib <"$work/$tool.time" || true
    echo "$tool: $(python3 -c "print(f'{$user + $sys:.1f}')") CPU s over the run (first build included), peak $(( kib / 1024 )) MiB"
  done
  # What guifan's log says of each rebuild: the open page first, then the
  # whole site (the next edit waits for it).
  python3 - "$work/guifan.log" <<'PY'
import re, statistics, sys
lines = [l for l in open(sys.argv[1], encoding="utf-8") if l.startswith("rebuilt")]
for name, pattern in [("whole site written", r"written in (\d+) ms"),
                      ("open page written first", r"first, in (\d+) ms")]:
    ms = [int(m.group(1)) for l in lines if (m := re.search(pattern, l))]
    if ms:
        print(f"guifan's log, {name}: median {statistics.median(ms):.0f} ms "
              f"(min {min(ms)}, max {max(ms)}) over {len(ms)} rebuilds")
PY
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
done
