#!/usr/bin/env python3
"""Run commands in turn (A B A B …) and report each one's figures side by side.

On a shared machine wall times drift with the other load; running the tools
in turn, pair after pair, exposes both to the same drift, and the ratio
within each pair is steadier than either time. For each command: wall
seconds (measured around the run), CPU seconds (user + system) and peak
RSS from /usr/bin/time -v,
and, with --count, items per second (pages, files). Printed as Markdown:
median (min–max) of each figure over the pairs, the per-pair ratio of the
first command to each other, and the load average before and after.

Usage:
  paired.py [--pairs N] [--warmup] [--fresh DIR] [--count 'SHELL' --unit pages]
            [--label TEXT] --run NAME 'SHELL COMMAND' --run NAME 'SHELL COMMAND' ...

--fresh DIR is removed before every run (an output folder); --count is a
shell command printing the number of items the last run made (or handled);
a run that exits with a status other than 0 or 1 stops the benchmark (1 is
`guifan check` finding errors, which the benchmark corpora have on purpose).
--timeout S stops a run after S seconds and reports that command as stopped.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def load_average():
    with open("/proc/loadavg", encoding="ascii") as f:
        return " ".join(f.read().split()[:3])


def time_one(command, timeout, fresh):
    """Wall s, CPU s and peak RSS KiB of one run of `command`, or None if stopped."""
    if fresh:
        shutil.rmtree(fresh, ignore_errors=True)
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        argv = ["/usr/bin/time", "-v", "-o", report.name, "sh", "-c", command]
        start = time.perf_counter()
        try:
            done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                  timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            return None
        wall = time.perf_counter() - start
        if done.returncode not in (0, 1):
            sys.stderr.write(done.stderr.decode(errors="replace"))
            sys.exit(f"benches/paired.py: `{command}` exited with {done.returncode}")
        fields = {}
        for line in report.read().splitlines():
            key, _, value = line.strip().rpartition(": ")
            fields[key] = value
    cpu = float(fields["User time (seconds)"]) + float(fields["System time (seconds)"])
    return wall, cpu, int(fields["Maximum resident set size (kbytes)"])


def spread(values, fmt):
    return f"{fmt(statistics.median(values))} ({fmt(min(values))}–{fmt(max(values))})"


def count_items(command):
    if not command:
        return None
    out = subprocess.run(["sh", "-c", command], capture_output=True, text=True, check=True)
    return int(out.stdout.split()[0])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pairs", type=int, default=3)
    ap.add_argument("--warmup", action="store_true", help="one uncounted run of each first")
    ap.add_argument("--fresh", help="folder removed before every run")
    ap.add_argument("--count", help="shell command printing the items the last run made")
    ap.add_argument("--unit", default="items")
    ap.add_argument("--label", default="", help="first column of every row")
    ap.add_argument("--timeout", type=float, default=None)
    ap.add_argument("--header", action="store_true", help="print the table's header first")
    ap.add_argument("--run", nargs=2, action="append", metavar=("NAME", "COMMAND"), required=True)
    args = ap.parse_args()

    names = [name for name, _ in args.run]
    runs = {name: [] for name in names}
    items = {name: [] for name in names}
    stopped = set()
    before = load_average()
    if args.warmup:
        for name, command in args.run:
            time_one(command, args.timeout, args.fresh)
    for _ in range(args.pairs):
        for name, command in args.run:
            if name in stopped:
                continue
            result = time_one(command, args.timeout, args.fresh)
            if result is None:
                stopped.add(name)
                continue
            runs[name].append(result)
            items[name].append(count_items(args.count))
    after = load_average()
    if args.fresh:
        shutil.rmtree(args.fresh, ignore_errors=True)
    print_table(args, names, runs, items, stopped, (before, after))


def print_table(args, names, runs, items, stopped, load):
    per_s = f"{args.unit}/s"
    if args.header:
        print(f"| {args.label and 'case | '}tool | wall s | CPU s | peak RSS MiB | {args.unit} | "
              f"{per_s} | {names[0]}'s speed ÷ this one's, per pair |")
        print("|" + "---|" * (7 + bool(args.label)))
    label = f"{args.label} | " if args.label else ""

    def rates(name):
        # Items per second, or runs per second when nothing is counted.
        return [(n if n is not None else 1) / max(w, 1e-3)
                for (w, _, _), n in zip(runs[name], items[name])]

    for name in names:
        if name in stopped:
            print(f"| {label}{name} | > {args.timeout:.0f} (stopped) | | | | | |")
            continue
        walls = [w for w, _, _ in runs[name]]
        cpus = [c for _, c, _ in runs[name]]
        peak = max(k for _, _, k in runs[name]) / 1024
        counted = items[name][-1] is not None
        count = f"{items[name][-1]:,}" if counted else "—"
        rate = spread(rates(name), lambda v: f"{v:,.0f}") if counted else "—"
        ratios = [a / b for a, b in zip(rates(names[0]), rates(name))]
        ratio = spread(ratios, lambda v: f"{v:.2f}×")
        print(f"| {label}{name} | {spread(walls, lambda v: f'{v:.3f}')} | "
              f"{spread(cpus, lambda v: f'{v:.2f}')} | {peak:,.0f} | {count} | {rate} | {ratio} |")
    print(f"\n{label_text(args)}{len(runs[names[0]])} pairs in turn ({' '.join(names)}), "
          f"median (min–max); load average (1, 5, 15 min) {load[0]} before, {load[1]} after; "
          f"{os.cpu_count()} cores.\n")


def label_text(args):
    return f"{args.label}: " if args.label else ""


if __name__ == "__main__":
    main()
