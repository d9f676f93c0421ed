#!/usr/bin/env python3
"""Write a year of synthetic service records for the bundled spec/.

    python3 benches/audit_records.py OUT.csv [COUNT] [--seed N] [--clean]

COUNT records (default 5,000) of 2025 whose tickets are timed by the
standards in spec/: complaint sorting, analysis, handling and totals of
the China Mobile network-complaint standard (clock hours and working days
on its Monday-Friday 09:00-17:00 calendar with mainland China's holidays),
group-customer fault handling (clock hours), business acceptance (24小时
and 5个工作日 for one class: an SLA001 conflict, audited as ambiguous),
quarterly emergency drills per team (Q3 has none for one team) and a vague
limit (定期). Every 40th ticket straddles a weekend, the National Day
holiday (1-8 October 2025) or starts on a make-up working day (Sunday 28
September, Saturday 11 October); about 1 % are still open (no end; audit
them with --as-of 2026-01-05 09:00); about 15 % overrun. Unless --clean,
five bad rows follow the header's records: an unknown metric, an unknown
priority, an end before the start, an impossible date and a row with its
fields cut short, each with a line number the audit reports.

Deterministic for a seed: the same file every time.
"""
import random
import sys
from datetime import datetime, timedelta

HEADER = ["id", "metric", "priority", "other_departments", "start", "end", "paused", "unit"]

# metric -> (priority classes, typical clock length in hours)
COMPLAINT = ["cmcc-important-complaint", "cmcc-ordinary-complaint"]
METRICS = [
    ("network-complaint.sorting", COMPLAINT, {"cmcc-important-complaint": 2.3, "cmcc-ordinary-complaint": 10}),
    ("network-complaint.analysis", COMPLAINT, {"cmcc-important-complaint": 10, "cmcc-ordinary-complaint": 60}),
    ("network-complaint.handling", COMPLAINT, {"cmcc-important-complaint": 70, "cmcc-ordinary-complaint": 160}),
    ("network-complaint.total", COMPLAINT, {"cmcc-important-complaint": 110, "cmcc-ordinary-complaint": 260}),
    ("group-fault.on-site-arrival", ["cmcc-important-customer"], {"cmcc-important-customer": 2.1}),
    ("group-fault.lead-room-resolution", ["cmcc-important-customer", "cmcc-ordinary-customer"],
     {"cmcc-important-customer": 1.1, "cmcc-ordinary-customer": 3.2}),
    ("business-acceptance.completion", ["tag-ordinary-business", "tag-complex-business", "tag-important-business"],
     {"tag-ordinary-business": 30, "tag-complex-business": 50, "tag-important-business": 90}),
]
WEIGHTS = [30, 20, 12, 12, 8, 8, 10]

# Tickets at the edges of the calendar: (start, hours it takes).
SPECIAL = [
    ("2025-09-30 15:30:00", 200),  # over the National Day holiday
    ("2025-09-28 10:00:00", 5),  # a Sunday, but a make-up working day
    ("2025-10-11 16:00:00", 20),  # a Saturday make-up day, to the Monday
    ("2025-10-10 16:30:00", 66),  # a Friday, over the make-up Saturday
    ("2025-03-07 16:00:00", 64),  # an ordinary weekend
    ("2025-05-01 08:00:00", 120),  # Labour Day holiday
    ("2025-12-31 23:30:00", 2),  # over midnight into New Year's Day
]

FMT = "%Y-%m-%d %H:%M:%S"


def start_time(rng):
    day = datetime(2025, 1, 1) + timedelta(days=rng.randrange(365))
    if rng.random() < 0.75:  # mostly in office hours
        return day + timedelta(minutes=rng.randrange(8 * 60, 18 * 60))
    return day + timedelta(minutes=rng.randrange(24 * 60))


def row(rng, i):
    k = rng.choices(range(len(METRICS)), WEIGHTS)[0]
    metric, classes, typical = METRICS[k]
    priority = rng.choice(classes)
    start = start_time(rng)
    hours = typical[priority] * rng.uniform(0.05, 1.25)
    if i % 40 == 0:
        text, hours = SPECIAL[(i // 40) % len(SPECIAL)]
        start = datetime.strptime(text, FMT)
    end = start + timedelta(minutes=max(1, round(hours * 60)))
    other = rng.choice(["true", "false", "是", "否"]) if metric.startswith("network-complaint") else ""
    paused = str(rng.choice([15, 30, 60])) if rng.random() < 0.05 else ""
    end_text = "" if rng.random() < 0.01 else end.strftime(FMT)
    return [f"T{i:07d}", metric, priority, other, start.strftime(FMT), end_text, paused, ""]


def drills():
    """Quarterly drills per team; team-b holds none in Q3."""
    rows = []
    for team in ["team-a", "team-b"]:
        for month in [2, 5, 8, 11]:
            if team == "team-b" and month == 8:
                continue
            start = datetime(2025, month, 12, 14, 0)
            rows.append([f"D-{team}-{month:02d}", "emergency-drill.frequency", "", "",
                         start.strftime(FMT), (start + timedelta(hours=2)).strftime(FMT), "", team])
    return rows


BAD = [
    ["B1", "network-complaint.sortng", "cmcc-ordinary-complaint", "", "2025-06-02 10:00:00", "2025-06-02 11:00:00", "", ""],
    ["B2", "network-complaint.sorting", "urgent", "", "2025-06-02 10:00:00", "2025-06-02 11:00:00", "", ""],
    ["B3", "network-complaint.sorting", "cmcc-ordinary-complaint", "", "2025-06-03 10:00:00", "2025-06-02 11:00:00", "", ""],
    ["B4", "network-complaint.sorting", "cmcc-ordinary-complaint", "", "2025-02-30 10:00:00", "", "", ""],
    ["B5", "network-complaint.sorting"],
]


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    seed = 2025
    if "--seed" in argv:
        seed = int(argv[argv.index("--seed") + 1])
        args.remove(str(seed))
    if not args:
        sys.exit(__doc__)
    out, count = args[0], int(args[1]) if len(args) > 1 else 5000
    rng = random.Random(seed)
    with open(out, "w", encoding="utf-8", newline="") as f:
        write = lambda cells: f.write(",".join(cells) + "\n")
        write(HEADER)
        for r in drills():
            write(r)
        if "--clean" not in argv:
            for r in BAD:
                write(r)
        for i in range(count):
            write(row(rng, i))


if __name__ == "__main__":
    main(sys.argv[1:])
