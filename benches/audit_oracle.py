#!/usr/bin/env python3
"""An independent check of `guifan audit`'s verdicts, record by record.

    python3 benches/audit_oracle.py RECORDS.csv GUIFAN_PAIRS.csv --as-of "2026-01-05 09:00"

Reads the records written by benches/audit_records.py and works out, for
every (record, limit) pair of the clock and working-time limits below, whether the
limit was breached: clock limits in elapsed time, working-time limits by
walking the days between start and end, each day a working day when the
`chinese-calendar` package (not guifan's bundled calendar) says so, from
09:00 to 17:00 (the assumed calendars of spec/cmcc and spec/acceptance-guide).
It then compares with guifan's `--format csv` output: every pair it
expects must be there with the same verdict, and guifan must report no
other pair for these metrics. Exit status 1 on any disagreement.

The limits are copied from the standards by hand, as an auditor's script
would: that is what makes this an independent check of guifan's matching
as well as of its arithmetic. benches/audit_pandas.py imports them.
"""
import csv
import sys
from datetime import date, datetime, timedelta

import chinese_calendar

H = 3600
WD = 8 * H  # a working day of the assumed calendars

IMP, ORD = "cmcc-important-complaint", "cmcc-ordinary-complaint"
# (limit id, metric, priority, other_departments or None, seconds, working?)
LIMITS = [
    ("cmcc-sort-important", "network-complaint.sorting", IMP, None, 2 * H, False),
    ("cmcc-table-sort-important", "network-complaint.sorting", IMP, None, 2 * H, False),
    ("cmcc-sort-ordinary", "network-complaint.sorting", ORD, None, WD // 2, True),
    ("cmcc-table-sort-ordinary", "network-complaint.sorting", ORD, None, WD // 2, True),
    ("cmcc-analyse-important", "network-complaint.analysis", IMP, None, WD // 2, True),
    ("cmcc-table-analyse-important", "network-complaint.analysis", IMP, None, WD // 2, True),
    ("cmcc-analyse-ordinary", "network-complaint.analysis", ORD, None, 2 * WD, True),
    ("cmcc-table-analyse-ordinary", "network-complaint.analysis", ORD, None, 2 * WD, True),
    ("cmcc-table-handle-important-internal", "network-complaint.handling", IMP, False, 2 * WD, True),
    ("cmcc-table-handle-important-external", "network-complaint.handling", IMP, True, 5 * WD, True),
    ("cmcc-table-handle-ordinary-internal", "network-complaint.handling", ORD, False, 5 * WD, True),
    ("cmcc-table-handle-ordinary-external", "network-complaint.handling", ORD, True, 10 * WD, True),
    ("cmcc-table-total-important-internal", "network-complaint.total", IMP, False, 3 * WD, True),
    ("cmcc-table-total-important-external", "network-complaint.total", IMP, True, 6 * WD, True),
    ("cmcc-table-total-ordinary-internal", "network-complaint.total", ORD, False, 15 * WD // 2, True),
    ("cmcc-table-total-ordinary-external", "network-complaint.total", ORD, True, 25 * WD // 2, True),
] + [
    (l, "group-fault.on-site-arrival", "cmcc-important-customer", None, 2 * H, False)
    for l in ["cmcc-fault-onsite-important", "cmcc-fault-onsite-important-support",
              "cmcc-fault-onsite-important-vendor", "cmcc-fault-onsite-important-chart",
              "cmcc-fault-onsite-important-support-chart"]
] + [
    ("cmcc-fault-emergency-important", "group-fault.lead-room-resolution", "cmcc-important-customer", None, H, False),
    ("cmcc-fault-emergency-important-chart", "group-fault.lead-room-resolution", "cmcc-important-customer", None, H, False),
    ("cmcc-fault-emergency-ordinary", "group-fault.lead-room-resolution", "cmcc-ordinary-customer", None, 3 * H, False),
    ("tag-acceptance-ordinary-24h", "business-acceptance.completion", "tag-ordinary-business", None, 24 * H, False),
    ("tag-acceptance-ordinary-5wd", "business-acceptance.completion", "tag-ordinary-business", None, 5 * WD, True),
    ("tag-acceptance-complex-48h", "business-acceptance.completion", "tag-complex-business", None, 48 * H, False),
    ("tag-acceptance-important-3wd", "business-acceptance.completion", "tag-important-business", None, 3 * WD, True),
]
METRICS = {l[1] for l in LIMITS}
FMT = "%Y-%m-%d %H:%M:%S"
YES = {"true": True, "是": True, "false": False, "否": False}


def is_workday(d):
    return chinese_calendar.is_workday(d)


def working_seconds(s, e):
    total, d = 0, s.date()
    while d <= e.date():
        if is_workday(d):
            lo = datetime.combine(d, datetime.min.time()) + timedelta(hours=9)
            hi = lo + timedelta(hours=8)
            total += max(0, (min(hi, e) - max(lo, s)).total_seconds())
        d += timedelta(days=1)
    return int(total)


def expected(records, as_of):
    """(record id, limit id) -> breached, for every pair the limits give."""
    out = {}
    with open(records, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r.get("metric") not in METRICS:
                continue
            try:
                s = datetime.strptime(r["start"], FMT)
                e = datetime.strptime(r["end"], FMT) if r["end"] else as_of
            except (ValueError, TypeError):
                continue
            if e < s:
                continue
            od = YES.get(r.get("other_departments") or "")
            paused = int(float(r["paused"]) * 60) if r.get("paused") else 0
            for lid, metric, prio, lod, allowed, working in LIMITS:
                if metric != r["metric"] or prio != r["priority"] or (lod is not None and lod != od):
                    continue
                taken = working_seconds(s, e) if working else int((e - s).total_seconds())
                out[(r["id"], lid)] = max(0, taken - paused) > allowed
    return out


def main(argv):
    records, pairs = argv[0], argv[1]
    as_of = datetime.strptime(argv[argv.index("--as-of") + 1] + ":00", FMT)
    want = expected(records, as_of)
    got = {}
    with open(pairs, encoding="utf-8") as f:
        for p in csv.DictReader(f):
            if p["record"] and any(p["limit"] == l[0] for l in LIMITS):
                got[(p["record"], p["limit"])] = p["breach"] == "true"
    wrong = [(k, want.get(k), got.get(k)) for k in sorted(set(want) | set(got)) if want.get(k) != got.get(k)]
    breaches = sum(want.values())
    print(f"{len(want)} pairs checked ({breaches} breaches), {len(wrong)} disagreements")
    for k, w, g in wrong[:20]:
        print(f"  {k}: oracle {w}, guifan {g}")
    sys.exit(1 if wrong or not want else 0)


if __name__ == "__main__":
    main(sys.argv[1:])
