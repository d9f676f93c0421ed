#!/usr/bin/env bash
# The search at scale: build the site of a synthetic spec (default 10,000
# standards files), report the build time and the index's size, then what
# each query of benches/search_size.mjs downloads as the first query.
# Usage: benches/search_size.sh [N] [QUERY...]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
shift || true
cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 benches/corpus.py "$n" "$work/spec"
start=$(date +%s%N)
target/release/guifan build -s "$work/spec" -o "$work/site" --quiet
echo "guifan build, $n standards files: $(( ($(date +%s%N) - start) / 1000000 )) ms"
echo "index: $(find "$work/site/search" -type f | wc -l) files, $(du -sb "$work/site/search" | cut -f1) bytes" \
  "(meta $(wc -c < "$work/site/search/meta.js"), largest shard $(wc -c "$work"/site/search/t/*.js | sort -n | tail -2 | head -1 | awk '{print $1}')," \
  "largest doc chunk $(find "$work/site/search/d" -type f -printf '%s\n' | sort -n | tail -1))"
node benches/search_size.mjs "$work/site" "$@"
