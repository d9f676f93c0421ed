#!/usr/bin/env python3
"""Write specs that stress the graph checks: a chain of N roles (each the
parent of the next), a loop of N roles, and a chain of N flows each carried
out by the next as a sub-flow (the first with an end-to-end limit, so the
lints walk the chain). Files hold 5,000 items each (a spec file is at most
2 MiB). Usage: benches/chains.py N OUT_DIR"""
import os
import sys

n, out = int(sys.argv[1]), sys.argv[2]
os.makedirs(out, exist_ok=True)
HEAD = 'standard: { id: chains, title: 链, clauses: [{ number: "1", title: 总则 }] }\n'


def write(name, text):
    with open(os.path.join(out, name), "w", encoding="utf-8") as f:
        f.write(text)


def write_items(stem, section, lines):
    """`lines` split into files of 5,000 items."""
    for k in range(0, len(lines), 5000):
        write(f"{stem}-{k // 5000:03}.yaml", f"{section}:\n" + "\n".join(lines[k : k + 5000]) + "\n")


write("standard.yaml", HEAD + """limits:
  - { id: total, title: 总时限, metric: m.total, duration: 3个工作日, owner: r0, source: chains#1 }
  - { id: step, title: 步骤时限, metric: m.step, duration: 1小时, owner: r0, source: chains#1 }
""")
chain = [f"  - {{ id: r{i}, title: 岗{i}" + (f", parent: r{i-1}" if i else "") + " }" for i in range(n)]
write_items("chain", "roles", chain)
loop = [f"  - {{ id: c{i}, title: 环{i}, parent: c{(i+1) % n} }}" for i in range(n)]
write_items("loop", "roles", loop)
flows = []
for i in range(n):
    sub = f", subflow: f{i+1}" if i + 1 < n else ", limits: [step]"
    total = ", limits: [total]" if i == 0 else ""
    flows.append(f"  - {{ id: f{i}, title: 流程{i}, owner: r0{total}, steps: [{{ id: s, title: 步骤{sub} }}, {{ id: t, title: 又{sub} }}] }}")
write_items("flows", "flows", flows)
