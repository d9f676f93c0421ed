//! JUnit XML, the format CI test dashboards read (GitLab, Jenkins, Azure
//! Pipelines): a test suite per file with findings, a failed test case per
//! finding; a clean spec is one passing case, so the dashboard shows the
//! check ran.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use super::{Context, Diagnostic};

pub fn render(diags: &[Diagnostic], cx: &Context) -> String {
    let mut xml = Writer::new_with_indent(Vec::new(), b' ', 2);
    write(&mut xml, diags, cx).expect("writing XML to memory cannot fail");
    let mut out = String::from_utf8(xml.into_inner()).expect("the XML is UTF-8");
    out.push('\n');
    out
}

type Xml = Writer<Vec<u8>>;

fn write(xml: &mut Xml, diags: &[Diagnostic], cx: &Context) -> std::io::Result<()> {
    xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let total = diags.len().max(1).to_string();
    let failures = diags.len().to_string();
    let suites = BytesStart::new("testsuites").with_attributes([
        ("name", "guifan check"),
        ("tests", total.as_str()),
        ("failures", failures.as_str()),
    ]);
    xml.write_event(Event::Start(suites))?;
    if diags.is_empty() {
        suite(xml, "spec", &[], cx)?;
    }
    // Diagnostics come sorted by file, so each file's run is contiguous.
    for group in diags.chunk_by(|a, b| a.place.file == b.place.file) {
        suite(xml, &group[0].place.file, group, cx)?;
    }
    xml.write_event(Event::End(BytesEnd::new("testsuites")))?;
    Ok(())
}

fn suite(xml: &mut Xml, file: &str, diags: &[Diagnostic], cx: &Context) -> std::io::Result<()> {
    let path = format!("{}{file}", cx.base);
    let tests = diags.len().max(1).to_string();
    let failures = diags.len().to_string();
    xml.write_event(Event::Start(BytesStart::new("testsuite").with_attributes(
        [
            ("name", path.as_str()),
            ("tests", tests.as_str()),
            ("failures", failures.as_str()),
            ("errors", "0"),
        ],
    )))?;
    if diags.is_empty() {
        let case = BytesStart::new("testcase")
            .with_attributes([("name", "no problems found"), ("classname", "guifan")]);
        xml.write_event(Event::Empty(case))?;
    }
    for diag in diags {
        case(xml, &path, diag)?;
    }
    xml.write_event(Event::End(BytesEnd::new("testsuite")))?;
    Ok(())
}

fn case(xml: &mut Xml, path: &str, diag: &Diagnostic) -> std::io::Result<()> {
    let p = &diag.place;
    let name = format!("{} at {}:{}", diag.code, p.line, p.col);
    let line = p.line.to_string();
    xml.write_event(Event::Start(BytesStart::new("testcase").with_attributes([
        ("name", name.as_str()),
        ("classname", path),
        ("file", path),
        ("line", line.as_str()),
    ])))?;
    let severity = format!("{:?}", diag.severity).to_lowercase();
    let mut text = format!(
        "{severity}[{}]: {}\n  --> {path}:{}:{}",
        diag.code, diag.message, p.line, p.col
    );
    if let Some(help) = &diag.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    xml.write_event(Event::Start(BytesStart::new("failure").with_attributes([
        ("message", diag.message.as_str()),
        ("type", diag.code),
    ])))?;
    xml.write_event(Event::Text(BytesText::new(&text)))?;
    xml.write_event(Event::End(BytesEnd::new("failure")))?;
    xml.write_event(Event::End(BytesEnd::new("testcase")))?;
    Ok(())
}
