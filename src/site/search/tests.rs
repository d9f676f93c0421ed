use std::path::{Path, PathBuf};
use std::process::Command;

use super::extract::{Doc, DocKind};
use super::*;

fn labels() -> Labels {
    let zh = [
        ("standard", "标准"),
        ("clause", "条款"),
        ("role", "角色"),
        ("flow", "流程"),
        ("step", "步骤"),
        ("limit", "时限"),
        ("script", "话术"),
        ("checklist", "检查单"),
        ("record", "记录"),
        ("term", "术语"),
        ("rule", "规则"),
    ];
    Labels {
        kinds: zh.into_iter().map(|(k, v)| (k, v.to_owned())).collect(),
    }
}

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The test site (`tests/test_site/spec/`).
fn test_site() -> Spec {
    crate::spec::open(&manifest().join("tests/test_site/spec"))
        .expect("test site")
        .0
}

fn file<'a>(files: &'a [(String, String)], path: &str) -> &'a str {
    &files.iter().find(|(p, _)| p == path).expect(path).1
}

#[test]
fn identical_spec_identical_files() {
    let spec = test_site();
    let first = build_index(&spec, &labels());
    assert_eq!(first, build_index(&spec, &labels()));
    let meta = file(&first, "search/meta.js");
    assert!(meta.starts_with("__guifanSearch.meta({\"docs\":"), "{meta}");
    assert!(
        meta.contains(r#""kinds":["标准","流程","角色","时限""#),
        "{meta}"
    );
}

#[test]
fn shards_and_chunks_stay_small() {
    let docs = extract::documents(&test_site());
    // A small target, so that the test site's index makes many shards.
    let p = Params {
        shard_bytes: 800,
        max_postings: 20,
        chunk_docs: 4,
        snippet_chars: 30,
    };
    let files = build(&docs, &labels(), &p);
    let shards: Vec<_> = files
        .iter()
        .filter(|(f, _)| f.starts_with("search/t/"))
        .collect();
    assert!(shards.len() > 20, "{} shards", shards.len());
    for (path, js) in &shards {
        // The target, the wrapper, and at most one entry's overshoot
        // (20 postings of at most 4 characters each).
        assert!(
            js.len() <= 800 + 40 + 20 * 4 + 80,
            "{path}: {} bytes",
            js.len()
        );
    }
    let chunks = files
        .iter()
        .filter(|(f, _)| f.starts_with("search/d/"))
        .count();
    assert_eq!(chunks, docs.len().div_ceil(4));
    for e in index::entries(&docs, 20) {
        assert!(e.code.len() <= 2 + 4 + 20 * 4, "{}: {}", e.term, e.code);
    }
    let chunk = file(&files, "search/d/0.js");
    assert!(chunk.matches('…').count() >= 1, "{chunk}");
}

#[test]
fn snippets_are_cut_by_characters() {
    assert_eq!(snippet("投诉处理", 2), "投诉…");
    assert_eq!(snippet("投诉", 2), "投诉");
    assert_eq!(snippet("", 2), "");
}

#[test]
fn empty_spec_and_huge_documents() {
    let files = build_index(&Spec::default(), &labels());
    assert!(file(&files, "search/t/0.js").starts_with("__guifanSearch.shard(0,["));
    // The rule catalogue is always there.
    assert!(file(&files, "search/d/0.js").contains("rules/SLA000.html"));

    let none = build(&[], &labels(), &Params::DEFAULT);
    let paths: Vec<_> = none.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(paths, ["search/meta.js", "search/t/0.js"]);

    let huge = Doc {
        kind: DocKind::Item(crate::spec::kind::Kind::Term),
        url: "glossary.html#term-x".into(),
        title: String::new(),
        id: String::new(),
        body: "電信業務".repeat(250_000) + &"x".repeat(1_000_000),
    };
    let files = build(&[huge], &labels(), &Params::DEFAULT);
    assert!(file(&files, "search/d/0.js").len() < 1000);
    let meta = file(&files, "search/meta.js");
    assert!(meta.contains("業业") && meta.contains("電电"), "{meta}");
}

#[test]
fn the_partial_renders() {
    let template = std::fs::read_to_string(manifest().join("templates/search.html")).unwrap();
    let mut cx = tera::Context::new();
    cx.insert("root", "../");
    cx.insert(
        "t",
        &BTreeMap::from([
            ("search_label", "搜索"),
            ("search_placeholder", "搜索标准…"),
            ("search_no_results", "没有结果 \"x\""),
            ("search_hint", "按 / 键搜索"),
        ]),
    );
    let html = tera::Tera::one_off(&template, &cx, true).unwrap();
    assert!(
        html.contains(r#"<script src="../static/search.js" defer></script>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"data-no-results="没有结果 &quot;x&quot;""#),
        "{html}"
    );
    assert!(html.contains(r#"role="combobox""#) && html.contains(r#"role="listbox""#));
}

/// The search of the browser, run by Node on the test site's index.
#[test]
#[ignore = "needs node (.ci/run runs it)"]
fn browser_search_finds_chinese_traditional_and_ids() {
    let spec = test_site();
    let queries = [
        "投诉",
        "處理",
        "complaint-first-response",
        "SLA007",
        "complaint-hand",
        "诉",
    ];
    let rows = run_node(&build_index(&spec, &labels()), &queries);
    let ids = |i: usize| -> Vec<&str> {
        rows[i]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap())
            .collect()
    };
    let field = |i: usize, k: usize, f: &str| rows[i]["results"][k][f].as_str().unwrap().to_owned();

    // 投诉 finds a complaint flow, and title hits come first.
    assert!(
        ids(0).iter().any(|id| id.contains("complaint-handling")),
        "{:?}",
        ids(0)
    );
    assert!(field(0, 0, "title").contains("投诉"), "{}", rows[0]);
    assert!(
        field(0, 0, "url").starts_with("standards/") || field(0, 0, "url").starts_with("flows/")
    );
    // 處理 (Traditional) finds 处理 as written.
    assert!(rows[1]["total"].as_u64().unwrap() > 10, "{}", rows[1]);
    assert!(field(1, 0, "title").contains("处理"), "{}", rows[1]);
    // An id finds its item first; a code its rule.
    assert_eq!(ids(2)[0], "complaint-first-response");
    assert_eq!(
        field(2, 0, "url"),
        "limits.html#limit-complaint-first-response"
    );
    assert_eq!(
        (ids(3)[0], field(3, 0, "kind").as_str()),
        ("SLA007", "规则")
    );
    // The word being typed is a prefix.
    assert!(
        ids(4)[..3]
            .iter()
            .any(|id| id.contains("complaint-handling")),
        "{:?}",
        ids(4)
    );
    // One character.
    assert!(rows[5]["total"].as_u64().unwrap() > 10, "{}", rows[5]);
    // Each first query loads the meta, a shard per token and a few chunks.
    for row in &rows {
        assert!(row["bytes"].as_u64().unwrap() < 150 * 1024, "{row}");
    }

    // With postings capped at one document, the tokens of 投诉处理流程 and
    // the id's words find only their first document each (the standard,
    // for most); the limit is in few of them. The complete postings of the
    // whole id still put it first.
    let capped = Params {
        max_postings: 1,
        ..Params::DEFAULT
    };
    let files = build(&extract::documents(&spec), &labels(), &capped);
    let rows = run_node(&files, &["投诉处理流程 complaint-first-response"]);
    let top = &rows[0]["results"][0];
    assert_eq!(top["id"], "complaint-first-response", "{}", rows[0]);
}

/// Write the index and the script as the site would hold them.
fn write_site(dir: &Path, files: &[(String, String)]) {
    let script = include_str!("../../../templates/static/search.js");
    let all = files.iter().map(|(p, c)| (p.as_str(), c.as_str()));
    for (path, contents) in all.chain([("static/search.js", script)]) {
        let path: PathBuf = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }
}

/// The first query of each of `queries` on a site with the index `files`,
/// as `benches/search_size.mjs --json` reports them.
fn run_node(files: &[(String, String)], queries: &[&str]) -> Vec<serde_json::Value> {
    let site = tempfile::tempdir().unwrap();
    write_site(site.path(), files);
    let out = Command::new("node")
        .arg(manifest().join("benches/search_size.mjs"))
        .arg(site.path())
        .arg("--json")
        .args(queries)
        .output()
        .expect("node runs (install Node.js; .ci/run expects it on the machine)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The checked-in Traditional → Simplified table is what OpenCC's `t2s`
/// gives for each Han character on its own (`GUIFAN_BLESS=1` rewrites it
/// after an OpenCC update).
#[test]
fn the_t2s_table_is_opencc_character_by_character() {
    use ferrous_opencc::OpenCC;
    use ferrous_opencc::config::BuiltinConfig;
    let cc = OpenCC::from_config(BuiltinConfig::T2s).expect("OpenCC's built-in t2s loads");
    let ranges = [
        '\u{3400}'..='\u{4DBF}',
        '\u{4E00}'..='\u{9FFF}',
        '\u{F900}'..='\u{FAFF}',
        '\u{20000}'..='\u{323AF}',
    ];
    let chars: Vec<char> = ranges.into_iter().flatten().collect();
    // One call for all: a newline between characters keeps OpenCC from
    // matching phrases across them.
    let joined: String = chars.iter().flat_map(|&c| [c, '\n']).collect();
    let mut table = String::new();
    for (&t, s) in chars.iter().zip(cc.convert(&joined).split('\n')) {
        let mut it = s.chars();
        if let (Some(s), None) = (it.next(), it.next())
            && s != t
            && text::is_han(s)
        {
            table.extend([t, s, '\n']);
        }
    }
    if std::env::var_os("GUIFAN_BLESS").is_some() {
        std::fs::write(manifest().join("src/site/search/t2s.txt"), &table).unwrap();
    } else {
        assert!(
            table == text::T2S,
            "src/site/search/t2s.txt differs from OpenCC: GUIFAN_BLESS=1 cargo test the_t2s_table"
        );
    }
}
