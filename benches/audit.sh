#!/usr/bin/env bash
# `guifan audit` against the script an analyst would write (pandas + numpy
# business days), on generated years of records of the bundled spec.
#
#   benches/audit.sh [COUNTS...]      (default: 100000 1000000)
#
# For each size: the records (benches/audit_records.py --clean), then
# guifan and pandas in paired runs A B A B A B, each under /usr/bin/time -v
# (wall time, CPU seconds, peak memory); medians with min-max. Both write
# every (record, limit) pair; the script then checks that they give the
# same breach verdict pair by pair. Needs a release build and a Python with
# pandas, numpy and chinese-calendar (PYTHON=..., default python3).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
BIN=target/release/guifan
RUNS=${RUNS:-3}
AS_OF="2026-01-05 09:00"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
[ -x "$BIN" ] || { echo "build first: cargo build --release" >&2; exit 2; }

measure() { # NAME CMD... : appends "wall cpu peak_kb" to $TMP/NAME
    local name=$1; shift
    /usr/bin/time -v "$@" 2> "$TMP/time" > /dev/null || true
    awk -F': ' '/Elapsed \(wall/ {n=split($2,t,":"); w=(n==3? t[1]*3600+t[2]*60+t[3] : t[1]*60+t[2])}
                /User time/ {u=$2} /System time/ {s=$2} /Maximum resident/ {m=$2}
                END {printf "%.2f %.2f %d\n", w, u+s, m}' "$TMP/time" >> "$TMP/$name"
}

stats() { # FILE COLUMN : median (min-max)
    sort -n -k"$2" "$1" | awk -v c="$2" '{v[NR]=$c} END {printf "%s (%s-%s)", v[int((NR+1)/2)], v[1], v[NR]}'
}

printf "| records | tool | wall s median (min-max) | CPU s median | peak MB median |\n|---|---|---|---|---|\n"
for n in "${@:-100000 1000000}"; do
    records="$TMP/records-$n.csv"
    "$PYTHON" benches/audit_records.py "$records" "$n" --clean
    for i in $(seq "$RUNS"); do
        measure "guifan-$n" "$BIN" audit "$records" --as-of "$AS_OF" --format csv -o "$TMP/guifan-$n.csv"
        measure "pandas-$n" "$PYTHON" benches/audit_pandas.py "$records" "$TMP/pandas-$n.csv" --as-of "$AS_OF"
    done
    for tool in guifan pandas; do
        f="$TMP/$tool-$n"
        peak=$(sort -n -k3 "$f" | awk '{v[NR]=$3} END {printf "%.0f", v[int((NR+1)/2)]/1024}')
        printf "| %s | %s | %s | %s | %s |\n" "$n" "$tool" "$(stats "$f" 1)" "$(stats "$f" 2 | cut -d' ' -f1)" "$peak"
    done
    "$PYTHON" - "$TMP/guifan-$n.csv" "$TMP/pandas-$n.csv" <<'PY'
import csv, sys
def read(path, key):
    with open(path, encoding="utf-8") as f:
        return {(r["record"], r["limit"]): r["breach"] for r in csv.DictReader(f) if key(r)}
pandas = read(sys.argv[2], lambda r: True)
limits = {l for _, l in pandas}
guifan = read(sys.argv[1], lambda r: r["record"] and r["limit"] in limits)
wrong = [k for k in set(pandas) | set(guifan) if pandas.get(k) != guifan.get(k)]
breaches = sum(v == "true" for v in pandas.values())
print(f"<!-- {len(pandas)} pairs ({breaches} breaches): guifan and pandas disagree on {len(wrong)} -->")
sys.exit(1 if wrong else 0)
PY
done
