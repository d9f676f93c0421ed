#!/usr/bin/env python3
"""Write a synthetic spec of N standards files for benchmarks.

Each file is one small standard shaped like the bundled ones: a calendar
reference, two roles, a priority scale, six limits (one pair conflicting,
one vague), a three-step flow with an escalation. Every file exercises the
loader, the resolver and every lint rule; metrics are shared across files
in groups of ten, so the lints' indexes see realistic group sizes.

Usage: benches/corpus.py N OUT_DIR
"""
import os
import sys

TEMPLATE = """standard:
  id: std-{i}
  title: 合成规范{i}
  calendar: week
  clauses: [{{ number: "1", title: 总则 }}, {{ number: "2", title: 时限 }}]
priorities:
  - id: scale-{i}
    title: 等级
    classes: [{{ id: hi-{i}, title: 重要 }}, {{ id: lo-{i}, title: 一般 }}]
roles:
  - {{ id: cs-{i}, title: 客服{i}, duties: [受理投诉] }}
  - {{ id: noc-{i}, title: 网管{i}, parent: cs-{i} }}
limits:
  - {{ id: sort-hi-{i}, title: 重要分拣, metric: m{g}.sorting, scope: {{ priority: hi-{i} }}, duration: 2小时, owner: cs-{i}, source: std-{i}#2 }}
  - {{ id: sort-lo-{i}, title: 一般分拣, metric: m{g}.sorting, scope: {{ priority: lo-{i} }}, duration: 0.5个工作日, owner: cs-{i}, source: std-{i}#2 }}
  - {{ id: fix-{i}, title: 处理, metric: m{g}.resolution, scope: {{ priority: hi-{i} }}, duration: 2个工作日, source: std-{i}#2 }}
  - {{ id: fix-again-{i}, title: 处理, metric: m{g}.resolution, scope: {{ priority: hi-{i} }}, duration: 3个工作日, source: std-{i}#1 }}
  - {{ id: total-{i}, title: 总时限, metric: m{g}.total, scope: {{ priority: hi-{i} }}, duration: 3个工作日, owner: cs-{i}, source: std-{i}#2 }}
  - {{ id: report-{i}, title: 上报, metric: m{g}.report-{i}, duration: 及时 }}
flows:
  - id: flow-{i}
    title: 投诉处理{i}
    owner: cs-{i}
    limits: [total-{i}]
    steps:
      - {{ id: sort, title: 分拣, owner: cs-{i}, limits: [sort-hi-{i}] }}
      - id: fix
        title: 处理
        owner: noc-{i}
        limits: [fix-{i}]
        escalations: [{{ after: 1个工作日, action: 升级处理, notify: [cs-{i}] }}]
        next: [{{ to: reply, when: 已解决 }}, {{ to: sort, when: 未解决 }}]
      - {{ id: reply, title: 回复, owner: cs-{i}, end: true }}
"""

CALENDAR = """calendars:
  - { id: week, title: 工作周, hours_per_day: 8, working_days: [mon, tue, wed, thu, fri] }
"""


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "calendar.yaml"), "w", encoding="utf-8") as f:
        f.write(CALENDAR)
    for i in range(n):
        folder = os.path.join(out, f"d{i // 1000:02d}")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"s{i:05d}.yaml"), "w", encoding="utf-8") as f:
            f.write(TEMPLATE.format(i=i, g=i // 10))


if __name__ == "__main__":
    main()
