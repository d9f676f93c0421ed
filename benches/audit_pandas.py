#!/usr/bin/env python3
"""The script an analyst would write instead of `guifan audit`: pandas,
numpy's business-day functions, and the limits copied from the standards.

    python3 benches/audit_pandas.py RECORDS.csv OUT.csv --as-of "2026-01-05 09:00"

Writes `record,limit,breach` for every (record, limit) pair of the clock and
working-time limits of benches/audit_oracle.py; benches/audit.sh times it
next to guifan and checks that both give the same verdicts pair by pair.
Working time on the 09:00-17:00 calendars: W(t), the working seconds from a
fixed day to t, is 8 h per working day before t's date (np.busday_count
with the holidays, plus the make-up days before it) and the part of t's
own day in 09:00-17:00 if it is a working day; a ticket took W(end) -
W(start). Holidays and make-up days come from `chinese-calendar`.
"""
import sys
from datetime import date, timedelta

import chinese_calendar
import numpy as np
import pandas as pd

from audit_oracle import LIMITS

FMT = "%Y-%m-%d %H:%M:%S"
EPOCH = np.datetime64("2024-01-01")


def calendar():
    holidays, makeup = [], []
    d = date(2024, 1, 1)
    while d.year <= 2026:
        work = chinese_calendar.is_workday(d)
        if d.weekday() < 5 and not work:
            holidays.append(d)
        elif d.weekday() >= 5 and work:
            makeup.append(d)
        d += timedelta(days=1)
    cal = np.busdaycalendar(weekmask="1111100", holidays=np.array(holidays, dtype="datetime64[D]"))
    return cal, np.array(makeup, dtype="datetime64[D]")


def worked(t, cal, makeup):
    """Working seconds from EPOCH to each instant of t (a datetime Series)."""
    day = t.dt.normalize().values.astype("datetime64[D]")
    days = np.busday_count(EPOCH, day, busdaycal=cal) + np.searchsorted(makeup, day)
    working = np.is_busday(day, busdaycal=cal) | np.isin(day, makeup)
    into = (t - t.dt.normalize()).dt.total_seconds().values
    part = np.where(working, np.clip(into - 9 * 3600, 0, 8 * 3600), 0)
    return days * 8 * 3600 + part


def main(argv):
    records, out = argv[0], argv[1]
    as_of = pd.Timestamp(argv[argv.index("--as-of") + 1])
    df = pd.read_csv(records, dtype=str, keep_default_na=False,
                     usecols=["id", "metric", "priority", "other_departments", "start", "end", "paused"])
    df["s"] = pd.to_datetime(df["start"], format=FMT, errors="coerce")
    df["e"] = pd.to_datetime(df["end"], format=FMT, errors="coerce")
    df.loc[df["end"] == "", "e"] = as_of
    df = df[df["s"].notna() & df["e"].notna() & (df["e"] >= df["s"])]
    df["od"] = df["other_departments"].map({"true": 1.0, "是": 1.0, "false": 0.0, "否": 0.0})
    df["paused_s"] = pd.to_numeric(df["paused"], errors="coerce").fillna(0) * 60
    limits = pd.DataFrame(LIMITS, columns=["limit", "metric", "priority", "lod", "allowed", "working"])
    limits["lod"] = limits["lod"].map({True: 1.0, False: 0.0})
    pairs = df.merge(limits, on=["metric", "priority"])
    pairs = pairs[pairs["lod"].isna() | (pairs["lod"] == pairs["od"])].reset_index(drop=True)
    cal, makeup = calendar()
    clock = (pairs["e"] - pairs["s"]).dt.total_seconds().values
    work = worked(pairs["e"], cal, makeup) - worked(pairs["s"], cal, makeup)
    taken = np.maximum(np.where(pairs["working"].values, work, clock) - pairs["paused_s"].values, 0)
    pairs["breach"] = np.where(taken > pairs["allowed"].values, "true", "false")
    pairs[["id", "limit", "breach"]].rename(columns={"id": "record"}).to_csv(out, index=False)


if __name__ == "__main__":
    main(sys.argv[1:])
