#!/usr/bin/env python3
"""Write the Markdown twin of a guifan site, for Hugo and for mdBook.

The benchmark (benches/site.sh) compares guifan with two static-site
generators on the same work. "The same work" is taken literally: the pages
are made from guifan's own model of the spec (`guifan export --format json`)
and its findings (`guifan check --format json`), one Markdown page for every
HTML page guifan writes, with the same facts on it:

  home, time-limit table, findings, glossary, records, scripts, checklists;
  an index page per section (standards, roles, flows, rules);
  a page per standard (clauses, what cites each), per role (duties, steps,
  limits table, escalations that notify it), per flow (steps with owner,
  limits, branches, escalations), per spec file (its YAML in a fenced block,
  which Hugo highlights at build time) and per code or rule (its docs).

What guifan adds and the twins lack: flow diagrams (SVG) and cross-links
inside tables. mdBook builds its own search index, as guifan does; Hugo has
none. The same page list is laid out twice: Hugo's `content/` with front
matter, and mdBook's `src/` with a SUMMARY.md naming every page.

Usage: benches/markdown_pages.py SPEC_DIR EXPORT.json CHECK.json DOCS_DIR OUT_DIR
writes OUT_DIR/hugo and OUT_DIR/mdbook.
"""
import json
import os
import sys


def limit_row(lim):
    scope = ", ".join(f"{k}={v}" for k, v in sorted((lim.get("scope") or {}).items()))
    dur = lim.get("duration") or {}
    normal = f"{dur.get('amount')} {dur.get('unit')}" if dur else "—"
    src = lim.get("source") or {}
    cite = f"{src.get('standard')}#{src.get('clause')}" if src else "—"
    return (
        f"| {lim['id']} | {lim['title']} | {lim['metric']} | {scope or '—'} | {lim['text']} "
        f"| {normal} | {lim['kind']} | {lim.get('owner') or '—'} | {cite} |"
    )


LIMIT_HEAD = (
    "| id | 标题 | 指标 | 适用范围 | 时限 | 折算 | 类型 | 责任角色 | 出处 |\n"
    "|---|---|---|---|---|---|---|---|---|"
)


def limits_table(limits):
    return "\n".join([LIMIT_HEAD] + [limit_row(lim) for lim in limits])


def bullet_list(items):
    return "\n".join(f"- {x}" for x in items) or "（无）"


def pages(spec_dir, model, findings, docs):
    """Yield (section, slug, title, markdown) for every page."""
    limits = {lim["id"]: lim for lim in model["limits"]}
    cites = {}
    for lim in model["limits"]:
        src = lim.get("source")
        if src:
            cites.setdefault((src["standard"], src["clause"]), []).append(lim)
    role_steps, role_limits, role_notified = {}, {}, {}
    for lim in model["limits"]:
        if lim.get("owner"):
            role_limits.setdefault(lim["owner"], []).append(lim)
    for flow in model["flows"]:
        for step in flow["steps"]:
            if step.get("owner"):
                role_steps.setdefault(step["owner"], []).append((flow, step))
            for esc in step["escalations"]:
                for r in esc.get("notify") or []:
                    role_notified.setdefault(r, []).append((flow, step, esc))

    std_lines = [f"- {s['id']}：{s['title']}" for s in model["standards"]]
    role_lines = [f"- {r['id']}：{r['title']}" for r in model["roles"]]
    flow_lines = [f"- {f['id']}：{f['title']}" for f in model["flows"]]
    yield "index", "首页", "\n\n".join([
        "## 标准", "\n".join(std_lines),
        "## 角色", "\n".join(role_lines),
        "## 流程", "\n".join(flow_lines),
        f"共 {len(model['limits'])} 条时限，{len(findings)} 条检查结果。",
    ])
    yield "limits", "时限总表", limits_table(model["limits"])
    yield "findings", "检查结果", "\n".join(
        f"- **{d['code']}** {d['message']} （{d.get('file')}:{d.get('line')}:{d.get('col')}）"
        for d in findings
    )
    yield "glossary", "术语表", bullet_list(f"**{t['id']}** {t['title']}" for t in model["terms"])
    yield "records", "记录", bullet_list(f"**{r['id']}** {r['title']}" for r in model["records"])
    yield "scripts/index", "话术", bullet_list(f"**{s['id']}** {s['title']}" for s in model["scripts"])
    yield "checklists/index", "检查单", bullet_list(f"**{c['id']}** {c['title']}" for c in model["checklists"])

    yield "standards/index", "标准", "\n".join(std_lines)
    for s in model["standards"]:
        body = []
        for c in s["clauses"]:
            body.append(f"## {c['number']} {c['title']}")
            body.append(bullet_list(f"{lim['id']}：{lim['title']} {lim['text']}"
                                    for lim in cites.get((s["id"], c["number"]), [])))
        yield f"standards/{s['id']}", s["title"], "\n\n".join(body)

    yield "roles/index", "角色", "\n".join(role_lines)
    for r in model["roles"]:
        steps = role_steps.get(r["id"], [])
        body = [
            "## 职责", bullet_list(r["duties"]),
            "## 步骤", bullet_list(
                f"{f['title']} / {st['title']}：" + "、".join(limits[x]["text"] for x in st["limits"])
                for f, st in steps),
            "## 时限", limits_table(role_limits.get(r["id"], [])),
            "## 升级通知", bullet_list(
                f"{f['title']} / {st['title']}：{e['after']} 后 {e['action']}"
                for f, st, e in role_notified.get(r["id"], [])),
        ]
        yield f"roles/{r['id']}", r["title"], "\n\n".join(body)

    yield "flows/index", "流程", "\n".join(flow_lines)
    for f in model["flows"]:
        body = [f"负责：{f.get('owner') or '—'}", limits_table(limits[x] for x in f["limits"])]
        for st in f["steps"]:
            body.append(f"## {st['title']}")
            body.append(bullet_list(
                [f"负责：{st.get('owner') or '—'}", f"动作：{st.get('action') or '—'}"]
                + [f"时限：{limits[x]['title']} {limits[x]['text']}" for x in st["limits"]]
                + [f"{n.get('when') or '否则'} → {n['to']}" for n in st["next"]]
                + [f"升级：{e['after']} 后 {e['action']}" for e in st["escalations"]]
                + (["结束"] if st["end"] else [])))
        yield f"flows/{f['id']}", f["title"], "\n\n".join(body)

    for root, dirs, files in os.walk(spec_dir):
        dirs.sort()
        for name in sorted(files):
            if name.endswith((".yaml", ".yml")):
                path = os.path.join(root, name)
                rel = os.path.relpath(path, spec_dir)
                with open(path, encoding="utf-8") as fh:
                    text = fh.read()
                yield "source/" + rel.replace(os.sep, "/"), rel, f"```yaml\n{text}```"

    yield "rules/index", "规则", bullet_list(sorted(docs))
    for code in sorted(docs):
        yield f"rules/{code}", code, docs[code]


def read_docs(docs_dir):
    """The page of each code and rule, and of the semantics, by name."""
    paths = {"semantics": os.path.join(docs_dir, "semantics.md")}
    for sub in ("codes", "rules"):
        for name in os.listdir(os.path.join(docs_dir, sub)):
            paths[name.removesuffix(".md")] = os.path.join(docs_dir, sub, name)
    docs = {}
    for name, path in paths.items():
        with open(path, encoding="utf-8") as fh:
            docs[name] = fh.read()
    return docs


def hugo_file(path):
    """Where Hugo reads the page at `path`: a section's index (and the home
    page) is the section's _index.md."""
    if path == "index" or path.endswith("/index"):
        return path.removesuffix("index") + "_index.md"
    return f"{path}.md"


def hugo_front(path, title):
    """Front matter: the title, and for a section's index the URL guifan gives
    it (Hugo would write roles.html, not roles/index.html)."""
    url = f"url: /{path}.html\n" if path.endswith("/index") else ""
    return "---\ntitle: " + json.dumps(title, ensure_ascii=False) + "\n" + url + "---\n\n"


def unlisted(paths):
    """The sections with pages but no index page of their own (source/):
    Hugo would write one for each."""
    sections = {p.split("/")[0] for p in paths if "/" in p}
    return sorted(sections - {p.removesuffix("/index") for p in paths})


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)


HUGO_CONFIG = """baseURL = "/"
title = "合成规范"
languageCode = "zh-cn"
relativeURLs = true
uglyURLs = true
disablePathToLower = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "404", "robotsTXT"]
[markup.highlight]
  noClasses = false
"""

HUGO_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }}</title>
<link rel="stylesheet" href="{{ "style.css" | relURL }}"></head>
<body><nav><a href="{{ "index.html" | relURL }}">首页</a>
<a href="{{ "standards/index.html" | relURL }}">标准</a>
<a href="{{ "roles/index.html" | relURL }}">角色</a>
<a href="{{ "flows/index.html" | relURL }}">流程</a>
<a href="{{ "limits.html" | relURL }}">时限</a></nav>
<main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>
"""

HUGO_UNRENDERED = "---\n_build:\n  render: never\n---\n"

MDBOOK_CONFIG = """[book]
title = "合成规范"
language = "zh"
src = "src"

[output.html.print]
enable = false
"""


def main():
    spec_dir, export, check, docs_dir, out = sys.argv[1:6]
    with open(export, encoding="utf-8") as fh:
        model = json.load(fh)
    with open(check, encoding="utf-8") as fh:
        findings = json.load(fh)["diagnostics"]
    hugo, book = os.path.join(out, "hugo"), os.path.join(out, "mdbook")
    write(os.path.join(hugo, "config.toml"), HUGO_CONFIG)
    for layout in ("index.html", "_default/single.html", "_default/list.html"):
        write(os.path.join(hugo, "layouts", layout), HUGO_PAGE)
    write(os.path.join(hugo, "static", "style.css"), "body { font-family: sans-serif; }\n")
    write(os.path.join(book, "book.toml"), MDBOOK_CONFIG)
    summary = ["# Summary", ""]
    paths = []
    for path, title, body in pages(spec_dir, model, findings, read_docs(docs_dir)):
        paths.append(path)
        write(os.path.join(hugo, "content", hugo_file(path)), hugo_front(path, title) + body + "\n")
        write(os.path.join(book, "src", f"{path}.md"), f"# {title}\n\n{body}\n")
        indent = "  " if "/" in path and not path.endswith("/index") else ""
        summary.append(f"{indent}- [{title}]({path}.md)")
    for section in unlisted(paths):
        write(os.path.join(hugo, "content", section, "_index.md"), HUGO_UNRENDERED)
    write(os.path.join(book, "src", "SUMMARY.md"), "\n".join(summary) + "\n")
    print(len(paths))


if __name__ == "__main__":
    main()
