//! `guifan print` as an auditor uses it, on the test site
//! (`tests/test_site/spec/`): a document per checklist and per flow, as
//! HTML without URLs; with --pdf, A4 PDFs whose text is every item in
//! order with page numbers and sign-off fields (checked with poppler's
//! pdfinfo, pdftotext and pdffonts); --pack binds a standard's documents.

mod common;

use std::path::Path;
use std::process::Command;

use common::{guifan, test_site};

fn spec() -> String {
    test_site().display().to_string()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn print(out: &Path, extra: &[&str]) {
    let mut args = vec![
        "-s",
        &*Box::leak(spec().into_boxed_str()),
        "print",
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend(extra);
    let run = guifan(&args);
    assert!(run.status.success(), "{}", stderr(&run));
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != ".guifan-site") // the marker of a folder guifan owns
        .collect();
    names.sort();
    names
}

/// Each of `parts` in `text`, in order, whitespace ignored; the text from
/// the end of the last.
fn assert_in_order(text: &str, parts: &[String]) {
    let squeezed: String = text.split_whitespace().collect();
    let mut from = 0;
    for part in parts {
        let part: String = part.split_whitespace().collect();
        match squeezed[from..].find(&part) {
            Some(at) => from += at + part.len(),
            None => panic!("`{part}` not found after byte {from} in:\n{squeezed}"),
        }
    }
}

/// What the test site's checklist `id` lists, in order.
fn checklist_items(id: &str) -> Vec<String> {
    let (spec, _) = guifan::spec::open(&test_site()).unwrap();
    let list = spec.checklists.iter().find(|c| c.id.value == id).unwrap();
    list.items.iter().map(|i| i.text.value.clone()).collect()
}

/// The test site's flow `id`: its step titles in the order the file gives
/// them (the flows of the test site are written in reading order).
fn step_titles(id: &str) -> Vec<String> {
    let (spec, _) = guifan::spec::open(&test_site()).unwrap();
    let flow = spec.flow(id).unwrap();
    flow.steps.iter().map(|s| s.title.value.clone()).collect()
}

#[test]
fn there_is_a_document_per_checklist_and_flow_and_no_url_in_any() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("print");
    print(&out, &[]);
    assert_eq!(
        files(&out),
        [
            "checklist-call-quality.html",
            "checklist-onsite-conduct.html",
            "flow-complaint-handling.html",
            "flow-fault-repair.html",
            "flow-installation.html",
            "flow-onsite-visit.html",
        ]
    );
    for name in files(&out) {
        let html = std::fs::read_to_string(out.join(&name)).unwrap();
        assert!(
            !html.contains("href") && !html.contains("http") && !html.contains("src="),
            "{name}"
        );
        for field in [
            "被检查单位",
            "检查地点",
            "检查日期",
            "检查人签字",
            "被检查单位负责人签字",
            "符合",
            "不符合",
            "不适用",
            "备注",
        ] {
            assert!(html.contains(field), "{name}: {field}");
        }
    }
    let html = std::fs::read_to_string(out.join("checklist-call-quality.html")).unwrap();
    assert_in_order(&html, &checklist_items("call-quality"));
    let html = std::fs::read_to_string(out.join("flow-complaint-handling.html")).unwrap();
    assert_in_order(&html, &step_titles("complaint-handling"));
    // An escalation with its trigger, after its step.
    assert_in_order(
        &html,
        &[
            "调查处理".into(),
            "报值班主管督办".into(),
            "1个工作日后：紧急投诉尚未查明原因".into(),
        ],
    );
}

#[test]
fn unknown_ids_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("print");
    for (args, message) in [
        (
            vec!["--only", "nothing"],
            "error: --only nothing: no checklist or flow has this id\n",
        ),
        (
            vec!["--pack", "nobody"],
            "error: --pack nobody: no standard or role has this id\n",
        ),
    ] {
        let mut all = vec![
            "-s",
            &*Box::leak(spec().into_boxed_str()),
            "print",
            "-o",
            out.to_str().unwrap(),
        ];
        all.extend(args);
        let run = guifan(&all);
        assert_eq!(
            (run.status.code(), stderr(&run)),
            (Some(2), message.to_owned())
        );
    }
    assert!(!out.exists(), "nothing written");
}

#[test]
fn without_chromium_pdf_names_the_package_to_install() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("print");
    let run = Command::new(env!("CARGO_BIN_EXE_guifan"))
        .args(["-s", &spec(), "print", "--pdf", "-o", out.to_str().unwrap()])
        .env("PATH", dir.path())
        .env_remove("GUIFAN_CHROMIUM")
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(
        stderr(&run),
        "error: --pdf needs Chromium to lay out the pages, and it was not found (looked for \
         chromium, chromium-browser, google-chrome, google-chrome-stable on PATH, or the program \
         GUIFAN_CHROMIUM names). Install the Debian/Ubuntu package `chromium` (apt-get install \
         chromium) or set GUIFAN_CHROMIUM; without --pdf the HTML documents print from any browser\n"
    );
    assert!(!out.exists());
}

/// A poppler tool's output on `pdf`.
fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(pdf)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| panic!("needs {tool} (poppler-utils; bash .ci/run installs it): {e}"));
    assert!(
        out.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Pages and page size from pdfinfo.
fn info(pdf: &Path) -> (usize, String) {
    let text = poppler("pdfinfo", &[], pdf);
    let field = |name: &str| {
        let line = text.lines().find(|l| l.starts_with(name)).unwrap();
        line[name.len()..].trim().to_owned()
    };
    (field("Pages:").parse().unwrap(), field("Page size:"))
}

const A4: &str = "594.96 x 841.92 pts (A4)";

/// Every font of the PDF is embedded and maps to Unicode.
fn assert_fonts_embedded(pdf: &Path) {
    let fonts = poppler("pdffonts", &[], pdf);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty());
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        // … emb sub uni object ID
        assert_eq!((cols[n - 5], cols[n - 3]), ("yes", "yes"), "{row}");
    }
}

/// Every word of the PDF lies inside its page, at least 5 pt from the
/// top and bottom edges and 14 pt (5 mm) from the sides: nothing is cut.
fn assert_nothing_cut(pdf: &Path) {
    let boxes = poppler("pdftotext", &["-bbox"], pdf);
    let attr = |tag: &str, name: &str| -> f64 {
        let from = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        tag[from..].split('"').next().unwrap().parse().unwrap()
    };
    let mut words = 0;
    for page in boxes.split("<page ").skip(1) {
        let (width, height) = (attr(page, "width"), attr(page, "height"));
        for word in page.split("<word ").skip(1) {
            let (x0, x1) = (attr(word, "xMin"), attr(word, "xMax"));
            let (y0, y1) = (attr(word, "yMin"), attr(word, "yMax"));
            let inside = x0 >= 14.0 && x1 <= width - 14.0 && y0 >= 5.0 && y1 <= height - 5.0;
            assert!(inside, "cut at the edge: {word}");
            words += 1;
        }
    }
    assert!(words > 20, "{words} words");
}

fn assert_no_url(text: &str) {
    for url in ["http", "file:", ".html", "%E", "www."] {
        assert!(!text.contains(url), "`{url}` in:\n{text}");
    }
}

#[test]
#[ignore = "needs chromium, poppler-utils"]
fn a_checklist_prints_as_an_a4_pdf_with_its_items_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("print");
    print(
        &out,
        &[
            "--pdf",
            "--only",
            "call-quality",
            "--only",
            "complaint-handling",
        ],
    );
    assert_eq!(
        files(&out),
        [
            "checklist-call-quality.html",
            "checklist-call-quality.pdf",
            "flow-complaint-handling.html",
            "flow-complaint-handling.pdf",
        ]
    );
    let pdf = out.join("checklist-call-quality.pdf");
    assert_eq!(info(&pdf), (1, A4.to_owned()));
    assert_fonts_embedded(&pdf);
    assert_nothing_cut(&pdf);
    let text = poppler("pdftotext", &[], &pdf);
    assert_no_url(&text);
    let mut expected = vec![
        "检查表".to_owned(),
        "通话质检项目".to_owned(),
        "《客户服务热线服务规范》".to_owned(),
    ];
    expected.extend(checklist_items("call-quality"));
    expected.extend(["检查人签字", "被检查单位负责人签字"].map(String::from));
    assert_in_order(&text, &expected);
    for field in [
        "被检查单位",
        "检查地点",
        "检查人",
        "检查日期",
        "符合",
        "不符合",
        "不适用",
        "备注",
    ] {
        assert!(text.contains(field), "{field}");
    }
    assert!(
        text.split_whitespace()
            .collect::<String>()
            .contains("第1页/共1页"),
        "{text}"
    );

    let pdf = out.join("flow-complaint-handling.pdf");
    let (pages, size) = info(&pdf);
    assert_eq!((pages, size.as_str()), (2, A4));
    assert_nothing_cut(&pdf);
    let text = poppler("pdftotext", &[], &pdf);
    assert_no_url(&text);
    assert_in_order(&text, &step_titles("complaint-handling"));
    let squeezed: String = text.split_whitespace().collect();
    assert!(squeezed.contains("第1页/共2页") && squeezed.contains("第2页/共2页"));
    // The table header is repeated on page 2.
    let page2 = text.split('\u{c}').nth(1).unwrap();
    assert!(
        page2.contains("序号") && page2.contains("检查内容"),
        "{page2}"
    );

    // Same spec, same bytes.
    let again = dir.path().join("again");
    print(&again, &["--pdf", "--only", "call-quality"]);
    let bytes = |d: &Path| std::fs::read(d.join("checklist-call-quality.pdf")).unwrap();
    assert!(bytes(&out) == bytes(&again), "the PDF is reproducible");
}

#[test]
#[ignore = "needs chromium, poppler-utils"]
fn an_audit_pack_binds_a_standards_documents_behind_a_cover_and_contents() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("print");
    print(&out, &["--pdf", "--pack", "hotline-service"]);
    assert_eq!(
        files(&out),
        ["pack-hotline-service.html", "pack-hotline-service.pdf"]
    );
    let pdf = out.join("pack-hotline-service.pdf");
    let (pages, size) = info(&pdf);
    assert_eq!(size, A4);
    // Cover, contents, the checklist (1 page), the flow (2 pages).
    assert_eq!(pages, 5);
    assert_fonts_embedded(&pdf);
    assert_nothing_cut(&pdf);
    let text = poppler("pdftotext", &[], &pdf);
    assert_no_url(&text);
    let mut expected: Vec<String> = [
        "《客户服务热线服务规范》审核资料",
        "目录",
        "检查表：通话质检项目",
        "流程审核检查表：投诉处理流程",
    ]
    .map(String::from)
    .to_vec();
    expected.extend(checklist_items("call-quality"));
    expected.extend(step_titles("complaint-handling"));
    assert_in_order(&text, &expected);
    let pages_text: Vec<&str> = text.split('\u{c}').collect();
    for (n, page) in pages_text.iter().take(pages).enumerate() {
        let squeezed: String = page.split_whitespace().collect();
        assert!(
            squeezed.contains(&format!("第{}页/共{pages}页", n + 1)),
            "page {}: {page}",
            n + 1
        );
    }
}

#[test]
#[ignore = "needs chromium"]
fn a_site_built_with_pdf_links_each_checklist_and_flow_page_to_its_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let run = guifan(&[
        "-s",
        &spec(),
        "build",
        "--quiet",
        "--pdf",
        "-o",
        site.to_str().unwrap(),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let mut pdfs = files(&site.join("pdf"));
    pdfs.iter_mut()
        .for_each(|p| *p = p.replace(".pdf", ".html"));
    let mut printed = files(&{
        let out = dir.path().join("print");
        print(&out, &[]);
        out
    });
    printed.sort();
    assert_eq!(
        pdfs, printed,
        "a PDF for every document `guifan print` writes"
    );
    for (page, pdf) in [
        ("checklists/call-quality.html", "checklist-call-quality.pdf"),
        (
            "flows/complaint-handling.html",
            "flow-complaint-handling.pdf",
        ),
    ] {
        let html = std::fs::read_to_string(site.join(page)).unwrap();
        assert!(html.contains(&format!("href=\"../pdf/{pdf}\"")), "{page}");
        assert!(html.contains("onclick=\"window.print()\""), "{page}");
    }
}
