use std::path::{Path, PathBuf};
use std::process::Command;

use super::extract::{Doc, DocKind};
use super::*;

/// The labels of the built-in theme in Chinese.
fn labels() -> Labels {
    let toml = std::fs::read_to_string(manifest().join("templates/i18n/zh-CN.toml")).unwrap();
    Labels::new(&toml::from_str(&toml).unwrap())
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

/// Every file of the index: (path relative to the site root, contents),
/// by path.
fn build_index(spec: &Spec, labels: &Labels) -> Vec<(String, String)> {
    collect(|put| write_index(spec, labels, put))
}

/// The files `make` puts, by path.
fn collect(make: impl FnOnce(&Put) -> Result<(), String>) -> Vec<(String, String)> {
    let files = std::sync::Mutex::new(Vec::new());
    make(&|path, text| {
        files.lock().unwrap().push((path, text));
        Ok(())
    })
    .unwrap();
    let mut files = files.into_inner().unwrap();
    files.sort_unstable();
    files
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
        meta.contains(r#""kinds":["流程","步骤","话术","检查单","时限""#),
        "{meta}"
    );
}

#[test]
fn shards_and_chunks_stay_small() {
    let docs = extract::documents(&test_site(), &|k| labels().string(k));
    // A small target, so that the test site's index makes many shards.
    let p = Params {
        shard_bytes: 800,
        page: 20,
        chunk_docs: 4,
        text_chars: 30,
        keys_chars: 30,
    };
    let files = collect(|put| build(&docs, &labels(), &p, put));
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
        // df, then 20 postings of at most 4 characters each, a page.
        assert!(e.code.len() <= 7 + 20 * 4, "{}: {}", e.term, e.code);
        assert!(e.more.iter().all(|p| p.len() <= 20 * 4));
    }
    // The page files hold the postings after the first page.
    assert!(files.iter().any(|(f, _)| f.starts_with("search/p/")));
    let chunk = file(&files, "search/d/0.js");
    assert!(chunk.matches('…').count() >= 1, "{chunk}");
}

#[test]
fn texts_are_cut_by_characters() {
    assert_eq!(cut("投诉处理", 2), "投诉…");
    assert_eq!(cut("投诉", 2), "投诉");
    assert_eq!(cut("", 2), "");
}

#[test]
fn synonym_table_folds_and_drops_lone_words() {
    let table = "禁语 禁用语、忌語 # a comment\n\n单独\nA，b,c";
    assert_eq!(
        synonyms(table),
        [vec!["禁语", "禁用语", "忌语"], vec!["a", "b", "c"]]
    );
    let theme = labels().synonyms;
    assert!(
        theme.iter().any(|g| g.contains(&"禁用语".to_owned())),
        "{theme:?}"
    );
}

#[test]
fn empty_spec_and_huge_documents() {
    let files = build_index(&Spec::default(), &labels());
    assert!(file(&files, "search/t/0.js").starts_with("__guifanSearch.shard(0,["));
    // The rule catalogue is always there.
    assert!(file(&files, "search/d/0.js").contains("rules/SLA000.html"));

    let none = collect(|put| build(&[], &labels(), &Params::DEFAULT, put));
    let paths: Vec<_> = none.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(paths, ["search/meta.js", "search/t/0.js"]);

    let huge = Doc {
        kind: DocKind::Item(crate::spec::kind::Kind::Term),
        url: "glossary.html#term-x".into(),
        title: String::new(),
        id: String::new(),
        standard: String::new(),
        heads: Vec::new(),
        text: "電信業務".repeat(250_000),
        keys: "x".repeat(1_000_000),
    };
    let files = collect(|put| build(&[huge], &labels(), &Params::DEFAULT, put));
    assert!(file(&files, "search/d/0.js").len() < 6000);
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
            ("search_count", "共 {n} 条结果"),
            ("search_count_approx", "约 {n} 条结果"),
            ("search_more", "显示更多"),
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
    assert!(html.contains(r#"data-count="共 {n} 条结果""#), "{html}");
    assert!(
        html.contains(r#"<button type="button" id="search-more""#),
        "{html}"
    );
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

    // 投诉 finds pages with it in their title first, the complaint flow
    // among the first three, each with its standard.
    for k in 0..3 {
        assert!(field(0, k, "title").contains("投诉"), "{}", rows[0]);
        assert_eq!(field(0, k, "standard"), "客户服务热线服务规范");
    }
    assert!(ids(0)[..3].contains(&"complaint-handling"), "{:?}", ids(0));
    // 處理 (Traditional) finds 处理 as written.
    assert!(rows[1]["total"].as_u64().unwrap() > 10, "{}", rows[1]);
    assert!(field(1, 0, "title").contains("处理"), "{}", rows[1]);
    // An id finds its item first, and shows the id; a code its rule.
    assert_eq!(ids(2)[0], "complaint-first-response");
    assert_eq!(
        field(2, 0, "url"),
        "limits.html#limit-complaint-first-response"
    );
    assert_eq!(rows[2]["results"][0]["idShown"], true);
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
}

/// The words of every document, folded, by URL: what a result must contain.
fn texts(spec: &Spec) -> BTreeMap<String, String> {
    extract::documents(spec, &|k| labels().string(k))
        .into_iter()
        .map(|d| {
            let all = format!(
                "{} {} {} {} {}",
                d.title,
                d.id,
                d.heads.join(" "),
                d.text,
                d.keys
            );
            (d.url, text::fold(&all))
        })
        .collect()
}

/// Fallbacks, synonyms, exact multi-word queries, ranking order and
/// snippets, on the test site in the browser's script.
#[test]
#[ignore = "needs node (.ci/run runs it)"]
fn browser_search_is_exact_forgiving_and_ranked() {
    let spec = test_site();
    let queries = [
        "禁语",
        "忌语",
        "投诉 时限",
        "投诉 携号转网",
        "时限投诉",
        "回访",
        "complaint.handling",
    ];
    let rows = run_node(&build_index(&spec, &labels()), &queries);
    let results = |i: usize| rows[i]["results"].as_array().unwrap().clone();
    let texts = texts(&spec);

    // 禁语 is in no page, but its characters in order are: the scripts'
    // 禁用语 sections, marked in the title or snippet.
    let first = &results(0)[0];
    assert_eq!(first["kind"], "话术", "{}", rows[0]);
    for r in results(0) {
        let t = &texts[r["url"].as_str().unwrap()];
        assert!(t.contains("禁") && t.contains("语"), "{r}");
    }
    // 忌语 is a synonym of 禁用语 (the theme's table).
    assert_eq!(results(1)[0]["kind"], "话术", "{}", rows[1]);
    assert_eq!(results(1)[0]["url"], first["url"]);

    // Two words: every result has both, as written; a title hit first.
    assert!(!results(2).is_empty());
    for r in results(2) {
        let t = &texts[r["url"].as_str().unwrap()];
        assert!(t.contains("投诉") && t.contains("时限"), "{r}: {t}");
    }
    assert!(
        results(2)[0]["title"].as_str().unwrap().contains("时限"),
        "{}",
        rows[2]
    );
    // A word on no page: nothing, not half-matches.
    assert_eq!(rows[3]["total"], 0, "{}", rows[3]);
    assert!(results(3).is_empty());
    // One Chinese word is a phrase; its fallbacks still need its characters.
    for r in results(4) {
        let t = &texts[r["url"].as_str().unwrap()];
        assert!(t.contains("时") && t.contains("投"), "{r}");
    }

    // Ranking: data pages before clauses, rules last; the match as typed
    // before its synonyms (回复, 跟进); the snippet is Chinese with the
    // match marked, and no ids.
    let visit = results(5);
    let kinds: Vec<&str> = visit.iter().map(|r| r["kind"].as_str().unwrap()).collect();
    let tier = |k: &str| match k {
        "条款" => 2,
        "规则" => 3,
        "记录" | "规范" => 1,
        _ => 0,
    };
    assert!(kinds.is_sorted_by_key(|k| tier(k)), "{kinds:?}");
    assert!(
        visit[0]["title"].as_str().unwrap().contains("回访"),
        "{visit:?}"
    );
    for r in &visit {
        let snippet = r["snippet"].as_str().unwrap();
        let title = r["title"].as_str().unwrap();
        assert!(
            snippet.contains('[') || ["回访", "回复", "跟进"].iter().any(|w| title.contains(w)),
            "{r}"
        );
        assert!(!snippet.contains('#') && !snippet.contains('*'), "{r}");
        assert_eq!(r["idShown"], false, "{r}");
    }
    // An id-like query shows what it matched: a metric finds its limits.
    let metric = &results(6)[0];
    assert_eq!(metric["kind"], "时限", "{}", rows[6]);
    assert!(
        metric["snippet"]
            .as_str()
            .unwrap()
            .contains("[complaint.handling]"),
        "{metric}"
    );
}

/// A common token's postings are paged, not capped: with pages of one
/// posting, paging through every result finds the same documents.
#[test]
#[ignore = "needs node (.ci/run runs it)"]
fn browser_search_pages_through_postings() {
    let spec = test_site();
    let docs = extract::documents(&spec, &|k| labels().string(k));
    let query = ["--all", "投诉 处理"];
    let full = run_node(&build_index(&spec, &labels()), &query);
    let tiny = Params {
        page: 1,
        ..Params::DEFAULT
    };
    let paged = run_node(&collect(|put| build(&docs, &labels(), &tiny, put)), &query);
    let urls = |rows: &[serde_json::Value]| -> BTreeSet<String> {
        rows[0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["url"].as_str().unwrap().to_owned())
            .collect()
    };
    let (full_urls, paged_urls) = (urls(&full), urls(&paged));
    assert!(full_urls.len() > 10, "{}", full[0]);
    assert_eq!(
        full_urls
            .symmetric_difference(&paged_urls)
            .collect::<Vec<_>>(),
        Vec::<&String>::new()
    );
    assert!(
        paged[0]["loaded"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["file"].as_str().unwrap().starts_with("search/p/")),
        "{}",
        paged[0]
    );
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
