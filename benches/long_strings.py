#!/usr/bin/env python3
"""Write a spec whose one file is about SIZE bytes of long quoted strings.

Each limit is one flow mapping whose `description` is a long double-quoted
string (CJK, with escapes) followed by more keys inside the `{ }`: the shape that
made the old regex-based highlighter quadratic (a 200 KB file did not
finish in 90 s). A valid spec, so `guifan build` renders its source page.

Usage: benches/long_strings.py OUT_DIR [SIZE_BYTES] [STRING_CHARS]
(defaults: 200,000 bytes in strings of 40,000 characters).
"""
import os
import sys

HEAD = """standard:
  id: long
  title: 长字符串
  clauses: [{ number: "1", title: 时限 }]
roles:
  - { id: agent, title: 坐席 }
limits:
"""


def long_text(i, chars):
    # CJK, ASCII, an escaped quote and a backslash; no line break, and no
    # comma or colon, which let the old highlighter's regexes stop early.
    unit = f'第{i}条说明 \\"引用\\" path\\\\to 。'
    return (unit * (chars // len(unit) + 1))[:chars].rstrip("\\")


def main():
    out = sys.argv[1]
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
    chars = int(sys.argv[3]) if len(sys.argv) > 3 else 40_000
    os.makedirs(out, exist_ok=True)
    text = HEAD
    i = 0
    while len(text.encode("utf-8")) < size:
        text += (
            f'  - {{ id: l{i}, title: 时限{i}, description: "{long_text(i, chars)}", '
            f"metric: m.x{i}, duration: 2小时, owner: agent, source: long#1 }}\n"
        )
        i += 1
    with open(os.path.join(out, "long.yaml"), "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
