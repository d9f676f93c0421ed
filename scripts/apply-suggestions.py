#!/usr/bin/env python3
"""Apply the machine-applicable suggestions of `guifan check --format json`.

    guifan check -s spec --select SLA019 --format json | python3 scripts/apply-suggestions.py spec

Each suggestion replaces characters `col`..`end_col` (1-based, exclusive, counted
in characters) of `line` in the diagnostic's file. Edits of one line are applied
right to left so earlier columns stay valid; overlapping edits are refused, and
so is an edit whose line is shorter than it claims (the file changed since the
check). Review the result with `git diff` before committing it.
"""
import collections
import json
import pathlib
import sys


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    root = pathlib.Path(sys.argv[1])
    report = json.load(sys.stdin)
    edits = collections.defaultdict(list)
    for d in report["diagnostics"]:
        s = d.get("suggestion")
        if s:
            edits[d["file"]].append((s["line"], s["col"], s["end_col"], s["replacement"]))
    total = 0
    for file, file_edits in sorted(edits.items()):
        path = root / file
        lines = path.read_text(encoding="utf-8").split("\n")
        file_edits.sort(reverse=True)
        for (line, col, end, new), prev in zip(file_edits, [None] + file_edits[:-1]):
            if prev and prev[0] == line and end > prev[1]:
                sys.exit(f"{file}:{line}: overlapping edits at columns {col} and {prev[1]}")
            text = lines[line - 1]
            if end - 1 > len(text):
                sys.exit(f"{file}:{line}: the line is shorter than the edit: re-run check")
            lines[line - 1] = text[: col - 1] + new + text[end - 1 :]
            total += 1
        path.write_text("\n".join(lines), encoding="utf-8")
    print(f"{total} edits in {len(edits)} files", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
