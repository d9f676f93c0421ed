#!/usr/bin/env python3
"""Write the Markdown twin of a guifan site, for Hugo and for mdBook.

The benchmark (benches/site.sh) compares guifan with two static-site
generators on the same work. "The same work" is taken literally: the pages
are made from guifan's own model of the spec (`guifan export --format json`),
its findings (`guifan check --format json`) and its quiz bank (`guifan quiz
-n 0 --format json`), one Markdown page for every HTML page guifan writes, at
the same path, with the same facts on it:

  home, time-limit table, findings, glossary, records, scripts, checklists;
  an index page per section (standards, roles, flows, rules, quizzes);
  a page per standard (clauses, what cites each), per role (duties, steps,
  limits table, escalations that notify it), per flow (steps with owner,
  limits, branches, escalations), per spec file (its YAML in a fenced block,
  which Hugo highlights at build time), per code or rule (its zh-CN docs),
  and the practice quiz of each role and flow that has questions: the
  questions the site puts on it (the role's and the roles' below it, or the
  flow's; up to 20), each with its options in the page's order, the answer,
  the explanation and the clause cited, as the page shows them once answered.

A quiz page has guifan's questions whenever it has 20 or fewer to draw from
(every page of benches/corpus.py), in another order; with more, guifan's
seeded draw cannot be repeated from the JSON (it needs the bank's order), so
the twin takes 20 one flow at a time, as the draw does, and says how many
pages that was on standard error.

What guifan adds and the twins lack: flow diagrams (SVG), cross-links inside
tables, the quiz player (the twin shows the answers), and a page per script
and per checklist (benches/corpus.py writes none). mdBook builds its own
search index, as guifan does; Hugo has none. The same page list is laid out
twice: Hugo's `content/` with front matter, and mdBook's `src/` with a
SUMMARY.md naming every page.

Usage: benches/markdown_pages.py SPEC_DIR EXPORT.json CHECK.json QUIZ.json DOCS_DIR OUT_DIR
(DOCS_DIR: docs/zh-CN) writes OUT_DIR/hugo and OUT_DIR/mdbook.
"""
import itertools
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


def pages(spec_dir, model, findings, docs, questions):
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

    yield from quiz_pages(model, questions)


# guifan's practice quizzes: up to 20 questions (quiz::DEFAULT_COUNT), seed 1.
QUIZ_COUNT = 20
KIND_LABEL = {"role": "角色", "flow": "流程"}
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def tagged(questions, tag):
    """The indexes of the questions tagged with each role or flow id."""
    by = {}
    for k, q in enumerate(questions):
        for item in q["tags"][tag]:
            by.setdefault(item, []).append(k)
    return by


def roles_and_below(children, role):
    """A role's id and the ids of every role below it (a department's posts)."""
    ids, stack = set(), [role]
    while stack:
        r = stack.pop()
        if r not in ids:
            ids.add(r)
            stack.extend(children.get(r, []))
    return ids


def practice(model, questions):
    """(kind, item, picks) for every role and flow: the indexes of the questions
    its quiz draws from, as the site picks them (src/site/pages/practice.rs)."""
    children = {}
    for r in model["roles"]:
        if r.get("parent"):
            children.setdefault(r["parent"], []).append(r["id"])
    by_role, by_flow = tagged(questions, "roles"), tagged(questions, "flows")
    for r in model["roles"]:
        ids = roles_and_below(children, r["id"])
        yield "role", r, sorted({k for i in ids for k in by_role.get(i, [])})
    for f in model["flows"]:
        yield "flow", f, by_flow.get(f["id"], [])


def stratum(q):
    """The first flow a question is about, else its standard (guifan's strata)."""
    tags = q["tags"]
    if tags["flows"]:
        return "flow:" + tags["flows"][0]
    return "standard:" + tags["standard"] if tags.get("standard") else "-"


def draw(questions, picks):
    """The questions of a quiz: all of `picks` when they are QUIZ_COUNT or fewer
    (guifan's set, in the order of `guifan quiz -n 0`); else QUIZ_COUNT taken
    one per stratum in turn, as guifan takes them, though not the same ones
    (its draw shuffles each stratum in the bank's order, which the JSON lacks)."""
    strata = {}
    for k in picks:
        strata.setdefault(stratum(questions[k]), []).append(questions[k])
    rounds = itertools.zip_longest(*(strata[key] for key in sorted(strata)))
    return [q for r in rounds for q in r if q is not None][:QUIZ_COUNT]


def question_md(n, q):
    """A question as the practice page shows it once answered: stem, options,
    the answer (for a matching question, the right pairs), explanation, clause."""
    parts = [f"## {n}. {q['stem']}"]
    if q["form"] == "matching":
        parts.append("\n".join(["| 项 | 配对 |", "|---|---|"] + [
            f"| {cell(p['prompt'])} | {cell(p['answer'])} |" for p in q["pairs"]]))
    else:
        parts.append(bullet_list(f"{LETTERS[i]}. {o}" for i, o in enumerate(q["options"])))
        parts.append(f"答案：{LETTERS[q['answer']]}. {q['options'][q['answer']]}")
    parts.append(f"解析：{q['explanation']}")
    c = q.get("citation")
    if c:
        clause = f"《{c['standard_title']}》{c['clause']} {c.get('clause_title') or ''}".rstrip()
        parts.append(f"出处：[{clause}](../../{c['page']})")
    return "\n\n".join(parts)


def cell(text):
    return text.replace("|", "\\|").replace("\n", " ")


def quiz_pages(model, questions):
    """The practice quiz of every role and flow that has questions, and their index."""
    quizzes, crowded = [], 0
    for kind, item, picks in practice(model, questions):
        crowded += len(picks) > QUIZ_COUNT
        drawn = draw(questions, picks)
        if drawn:
            quizzes.append((kind, item, drawn))
    if crowded:
        print(f"{crowded} practice quizzes draw {QUIZ_COUNT} of more than {QUIZ_COUNT} "
              "questions: not the same ones as guifan's", file=sys.stderr)
    yield "quiz/index", "练习测验", "\n".join(["| 测验 | 类型 | 题数 |", "|---|---|---|"] + [
        f"| [{item['title']}]({kind}/{item['id']}.html) | {KIND_LABEL[kind]} | {len(qs)} |"
        for kind, item, qs in quizzes])
    for kind, item, qs in quizzes:
        about = f"{KIND_LABEL[kind]}：[{item['title']}](../../{kind}s/{item['id']}.html)"
        intro = f"共 {len(qs)} 题。选择答案后立即判分，并显示解析与标准出处。"
        body = [about, intro] + [question_md(n, q) for n, q in enumerate(qs, 1)]
        yield f"quiz/{kind}/{item['id']}", f"{item['title']} · 练习测验", "\n\n".join(body)


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
    spec_dir, export, check, quiz, docs_dir, out = sys.argv[1:7]
    with open(export, encoding="utf-8") as fh:
        model = json.load(fh)
    with open(check, encoding="utf-8") as fh:
        findings = json.load(fh)["diagnostics"]
    with open(quiz, encoding="utf-8") as fh:
        questions = json.load(fh)["questions"]
    hugo, book = os.path.join(out, "hugo"), os.path.join(out, "mdbook")
    write(os.path.join(hugo, "config.toml"), HUGO_CONFIG)
    for layout in ("index.html", "_default/single.html", "_default/list.html"):
        write(os.path.join(hugo, "layouts", layout), HUGO_PAGE)
    write(os.path.join(hugo, "static", "style.css"), "body { font-family: sans-serif; }\n")
    write(os.path.join(book, "book.toml"), MDBOOK_CONFIG)
    summary = ["# Summary", ""]
    paths = []
    for path, title, body in pages(spec_dir, model, findings, read_docs(docs_dir), questions):
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
