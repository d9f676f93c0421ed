#!/usr/bin/env python3
"""Edit → served, for `guifan serve` and `hugo server`, in pairs (A B A B …).

Each trial appends a fresh suffix to a title in a watched file (the Nth
trial writes TITLE + "N"), then polls the page that shows it every 2 ms
until it is served; for guifan it also times the server-sent event that
tells open pages to reload. Between trials it waits for both servers to be
idle. Prints, per tool, the median and min–max of edit → page served (and
edit → reload event for guifan), and the median and min–max of the
per-pair ratio hugo / guifan.

Usage: serve_probe.py PAIRS  GUIFAN_URL GUIFAN_FILE GUIFAN_PAGE  HUGO_URL HUGO_FILE HUGO_PAGE  TITLE
(URL: http://127.0.0.1:PORT; FILE: the file edited; PAGE: the path polled.)
"""
import statistics
import sys
import threading
import time
import urllib.request

POLL = 0.002
GIVE_UP = 30.0


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8", "replace")
    except Exception:
        return ""


class Events:
    """The latest reload event from guifan's /__guifan/events, with its time."""

    def __init__(self, base):
        self.last = (None, 0.0)
        self.cond = threading.Condition()
        threading.Thread(target=self.listen, args=(base,), daemon=True).start()

    def listen(self, base):
        with urllib.request.urlopen(base + "/__guifan/events") as stream:
            for line in stream:
                if line.startswith(b"data: "):
                    with self.cond:
                        self.last = (line[6:].strip(), time.perf_counter())
                        self.cond.notify_all()

    def after(self, since):
        """The time of the first event after `since`."""
        with self.cond:
            self.cond.wait_for(lambda: self.last[1] > since, timeout=GIVE_UP)
            return self.last[1]


def edit(path, title, n):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    old = f"{title}{n - 1}" if n > 1 else title
    assert old in text, f"{old} not in {path}"
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(old, f"{title}{n}", 1))


def trial(base, path, page, title, n):
    """Seconds from the edit to the page showing it."""
    start = time.perf_counter()
    edit(path, title, n)
    want = f"{title}{n}"
    while want not in fetch(base + page):
        if time.perf_counter() - start > GIVE_UP:
            raise SystemExit(f"{base}{page} never showed {want}")
        time.sleep(POLL)
    return start, time.perf_counter() - start


def summary(values):
    ms = [v * 1000 for v in values]
    return f"median {statistics.median(ms):.0f} ms (min {min(ms):.0f}, max {max(ms):.0f})"


def main():
    pairs = int(sys.argv[1])
    g_url, g_file, g_page, h_url, h_file, h_page, title = sys.argv[2:9]
    events = Events(g_url)
    guifan, pushed, hugo, ratio = [], [], [], []
    # Each server has its own copy of the file: the n-th edit of each
    # turns `title{n-1}` into `title{n}`.
    for n in range(1, pairs + 1):
        start, served = trial(g_url, g_file, g_page, title, n)
        pushed.append(events.after(start) - start)
        guifan.append(served)
        time.sleep(1.0)
        hugo.append(trial(h_url, h_file, h_page, title, n)[1])
        ratio.append(hugo[-1] / guifan[-1])
        time.sleep(1.0)
        print(f"pair {len(guifan)}: guifan {guifan[-1] * 1000:.0f} ms (event {pushed[-1] * 1000:.0f} ms), "
              f"hugo {hugo[-1] * 1000:.0f} ms", file=sys.stderr)
    print(f"guifan serve, edit → page served: {summary(guifan)}")
    print(f"guifan serve, edit → reload event: {summary(pushed)}")
    print(f"hugo server, edit → page served:  {summary(hugo)}")
    print(f"hugo / guifan per pair: median {statistics.median(ratio):.2f}× "
          f"(min {min(ratio):.2f}, max {max(ratio):.2f})")


if __name__ == "__main__":
    main()
