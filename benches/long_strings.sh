#!/usr/bin/env bash
# `guifan build` of a spec whose one file is 200 KB of long quoted strings
# inside flow mappings (benches/long_strings.py): the source page's
# highlighting must stay linear. benches/paired.py runs the build PAIRS
# times (wall and CPU seconds, peak RSS); BASE_BIN=path/to/other/guifan runs
# that binary in turn with this one, stopped after TIME_LIMIT seconds.
#
# Usage: [PAIRS=3] [BASE_BIN=…] [TIME_LIMIT=120] benches/long_strings.sh [SIZE_BYTES] [STRING_CHARS]
set -euo pipefail
cd "$(dirname "$0")/.."
# GUIFAN_BIN=path runs that binary instead of building the release one.
[ -n "${GUIFAN_BIN:-}" ] || cargo build --release --quiet
bin=${GUIFAN_BIN:-$PWD/target/release/guifan}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 benches/long_strings.py "$work/spec" "$@"
echo "guifan $("$bin" --version | cut -d' ' -f2) ($(git rev-parse --short HEAD)); $(wc -c <"$work/spec/long.yaml") bytes, $(wc -l <"$work/spec/long.yaml") lines"
echo
tools=(--run guifan "'$bin' build -s '$work/spec' -o '$work/out' --quiet")
[ -z "${BASE_BIN:-}" ] || tools+=(--run "guifan BASE_BIN" "'$BASE_BIN' build -s '$work/spec' -o '$work/out' --quiet")
python3 benches/paired.py --header --pairs "${PAIRS:-3}" --timeout "${TIME_LIMIT:-120}" \
  --fresh "$work/out" "${tools[@]}"
