//! Markdown of `description` fields and rule docs → safe HTML; and the
//! glossary's terms linked where a page first uses them ([`TermLinker`]).
//!
//! pulldown-cmark renders CommonMark (tables and strikethrough on); ammonia
//! then removes whatever could run code in a reader's browser: `<script>`,
//! event-handler attributes, `javascript:` URLs. Spec authors are trusted to
//! write standards, not to script the site that trainees open. Nor may a
//! page fetch anything from outside the site when opened from disk (a
//! tracking pixel): a remote image becomes a plain link to it, and a remote
//! `src` in raw HTML is dropped, unless the project keeps them
//! (`[site] remote_images = true`, [`super::config`]).

use std::borrow::Cow;
use std::collections::HashSet;

use aho_corasick::{AhoCorasick, MatchKind};

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd, html};

/// `markdown` as sanitised HTML; images from outside the site are kept only
/// with `remote_images`.
pub fn to_html(markdown: &str, remote_images: bool) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    let mut in_remote_image = false;
    let fetches = move |url: &str| !remote_images && remote(url);
    let events = Parser::new_ext(markdown, options).map(|event| match event {
        Event::Start(Tag::Image {
            dest_url,
            title,
            id,
            ..
        }) if fetches(&dest_url) => {
            in_remote_image = true;
            Event::Start(Tag::Link {
                link_type: LinkType::Inline,
                dest_url,
                title,
                id,
            })
        }
        Event::End(TagEnd::Image) if std::mem::take(&mut in_remote_image) => {
            Event::End(TagEnd::Link)
        }
        other => other,
    });
    html::push_html(&mut unsafe_html, events);
    ammonia::Builder::default()
        // Links leave the site: they must not give the new page a handle on it.
        .link_rel(Some("noopener noreferrer"))
        .attribute_filter(move |element, attribute, value| {
            let fetched = element != "a" && matches!(attribute, "src" | "srcset");
            (!(fetched && fetches(value))).then_some(Cow::Borrowed(value))
        })
        .clean(&unsafe_html)
        .to_string()
}

/// Whether a URL points outside the site (`https:`, `//host`, any scheme).
fn remote(url: &str) -> bool {
    let url = url.trim_start();
    url.starts_with("//")
        || url.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        })
}

/// Links the first use of each glossary term in a rendered page's `<main>`
/// to the term. It runs on the finished, sanitised HTML and only splits text
/// nodes: never inside a tag or an attribute, an entity, a link, a heading,
/// code, a diagram, a form control or a navigation block; each term once
/// per page, the longest term where two overlap (首问负责制 before 首问).
pub struct TermLinker {
    matcher: AhoCorasick,
    /// Per pattern: the index of its term in `terms`.
    pattern_term: Vec<usize>,
    /// Per term: its glossary URL from the site root, and its definition.
    terms: Vec<(String, String)>,
}

/// Elements whose text is never linked.
const NO_LINKS: [&str; 16] = [
    "a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "svg", "script", "style", "button",
    "select", "summary", "nav",
];

impl TermLinker {
    /// `terms` are (title, URL from the site root, definition); a title met
    /// twice links to its first term. `None` when there is nothing to link.
    pub fn new<'t>(terms: impl IntoIterator<Item = (&'t str, String, &'t str)>) -> Option<Self> {
        let mut seen = HashSet::new();
        let (mut patterns, mut pattern_term, mut targets) = (Vec::new(), Vec::new(), Vec::new());
        for (title, url, definition) in terms {
            let title = title.trim();
            if title.is_empty() || !seen.insert(title.to_owned()) {
                continue;
            }
            // The same title as Tera escapes it and as ammonia does.
            let mut tera = Vec::new();
            tera::escape_html(title, &mut tera).ok()?;
            let tera = String::from_utf8(tera).ok()?;
            let plain = title
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            for pattern in [plain.clone(), tera].into_iter().collect::<HashSet<_>>() {
                patterns.push(pattern);
                pattern_term.push(targets.len());
            }
            targets.push((url, crate::output::escape::xml(definition)));
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .ok()?;
        (!targets.is_empty()).then_some(TermLinker {
            matcher,
            pattern_term,
            terms: targets,
        })
    }

    /// `html` with the first use of each term inside `<main>` linked;
    /// `root` leads from the page to the site root.
    pub fn link(&self, html: &str, root: &str) -> String {
        let Some(start) = html.find("<main") else {
            return html.to_owned();
        };
        let end = html.rfind("</main>").unwrap_or(html.len()).max(start);
        let mut out = String::with_capacity(html.len() + 256);
        out.push_str(&html[..start]);
        let mut linked = HashSet::new();
        let mut blocked = 0usize;
        let mut rest = &html[start..end];
        while !rest.is_empty() {
            let text_end = rest.find('<').unwrap_or(rest.len());
            let (text, tail) = rest.split_at(text_end);
            if blocked == 0 {
                self.link_text(text, root, &mut linked, &mut out);
            } else {
                out.push_str(text);
            }
            let tag_len = markup_len(tail);
            let tag = &tail[..tag_len];
            blocked = match tag_name(tag) {
                Some((name, closing)) if NO_LINKS.contains(&name.as_str()) => match closing {
                    true => blocked.saturating_sub(1),
                    false => blocked + 1,
                },
                _ => blocked,
            };
            out.push_str(tag);
            rest = &tail[tag_len..];
        }
        out.push_str(&html[end..]);
        out
    }

    fn link_text(&self, text: &str, root: &str, linked: &mut HashSet<usize>, out: &mut String) {
        let mut at = 0;
        for m in self.matcher.find_iter(text) {
            let term = self.pattern_term[m.pattern().as_usize()];
            let fits = !in_entity(&text[..m.start()])
                && word_edges(&text[..m.start()], &text[m.end()..], &text[m.range()]);
            if !fits || !linked.insert(term) {
                continue;
            }
            let (url, definition) = &self.terms[term];
            out.push_str(&text[at..m.start()]);
            out.push_str(&format!(
                "<a class=\"term\" href=\"{root}{url}\" title=\"{definition}\">{}</a>",
                &text[m.range()]
            ));
            at = m.end();
        }
        out.push_str(&text[at..]);
    }
}

/// The length of the tag or comment `tail` starts with (quotes respected,
/// so a `>` inside an attribute value does not end it); all of `tail` when
/// it never closes.
fn markup_len(tail: &str) -> usize {
    if tail.starts_with("<!--") {
        return tail.find("-->").map_or(tail.len(), |i| i + 3);
    }
    let mut quote = None;
    for (i, c) in tail.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return i + 1,
            _ => {}
        }
    }
    tail.len()
}

/// The lower-cased name of a tag and whether it closes one; `None` for
/// comments, doctypes and self-closing tags.
fn tag_name(tag: &str) -> Option<(String, bool)> {
    let inner = tag.strip_prefix('<')?;
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let name: String = inner
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    let self_closing = tag.ends_with("/>");
    (!name.is_empty() && !self_closing).then_some((name, closing))
}

/// Whether text ending with `before` is inside an entity (`&am|p;`).
fn in_entity(before: &str) -> bool {
    before
        .rfind('&')
        .is_some_and(|i| !before[i..].contains([';', ' ', '<']))
}

/// A term that begins or ends with a Latin letter or digit must not be
/// part of a longer word (IVR in IVRS).
fn word_edges(before: &str, after: &str, term: &str) -> bool {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let starts = word(term.chars().next()) && word(before.chars().next_back());
    let ends = word(term.chars().next_back()) && word(after.chars().next());
    !starts && !ends
}

#[cfg(test)]
mod tests {
    use super::to_html;

    #[test]
    fn renders_markdown() {
        assert_eq!(
            to_html("**重要**投诉", false),
            "<p><strong>重要</strong>投诉</p>\n"
        );
    }

    #[test]
    fn strips_scripts_handlers_and_javascript_urls() {
        let html = to_html(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[a](javascript:alert(3)) <a href=\"javascript:alert(4)\" onclick=\"x()\">b</a>",
            false,
        );
        for bad in ["<script", "onerror", "onclick", "javascript:", "alert(1)"] {
            assert!(!html.contains(bad), "{bad} survived in {html}");
        }
        assert!(html.contains("<img src=\"x\">"), "{html}");
    }

    const IMAGES: &str = "![像素](https://tracker.example/p.gif) <img src=\"//cdn.example/x.png\"> ![本地](images/a.png)";

    #[test]
    fn nothing_is_fetched_from_outside_the_site() {
        let html = to_html(IMAGES, false);
        assert!(
            !html.contains("<img src=\"https:") && !html.contains("//cdn.example"),
            "{html}"
        );
        assert!(
            html.contains(
                "<a href=\"https://tracker.example/p.gif\" rel=\"noopener noreferrer\">像素</a>"
            ),
            "{html}"
        );
        assert!(
            html.contains("<img src=\"images/a.png\" alt=\"本地\">"),
            "{html}"
        );
    }

    #[test]
    fn a_project_may_keep_remote_images() {
        let html = to_html(IMAGES, true);
        assert!(
            html.contains("<img src=\"https://tracker.example/p.gif\" alt=\"像素\">")
                && html.contains("<img src=\"//cdn.example/x.png\">"),
            "{html}"
        );
        let scripted = to_html(
            "<img src=\"https://x.example/a.png\" onerror=\"alert(1)\">",
            true,
        );
        assert!(!scripted.contains("onerror"), "{scripted}");
    }

    fn linker() -> super::TermLinker {
        super::TermLinker::new([
            ("首问", "glossary.html#term-first".to_owned(), "第一个受理"),
            (
                "首问负责制",
                "glossary.html#term-fcr".to_owned(),
                "谁首问谁负责",
            ),
            ("IVR", "glossary.html#term-ivr".to_owned(), "语音<导航>"),
        ])
        .unwrap()
    }

    #[test]
    fn links_each_term_once_outside_links_headings_and_tags() {
        let page = "<html><h1>首问负责制</h1><main><h2>首问</h2><p title=\"首问\">执行首问负责制，首问负责制要求<a href=\"x\">首问</a>，再说首问。</p><p>IVRS 不是，IVR 是；&amp;IVR</p><code>首问</code></main>";
        let out = linker().link(page, "../");
        assert_eq!(
            out,
            "<html><h1>首问负责制</h1><main><h2>首问</h2><p title=\"首问\">执行<a class=\"term\" href=\"../glossary.html#term-fcr\" title=\"谁首问谁负责\">首问负责制</a>，首问负责制要求<a href=\"x\">首问</a>，再说<a class=\"term\" href=\"../glossary.html#term-first\" title=\"第一个受理\">首问</a>。</p><p>IVRS 不是，<a class=\"term\" href=\"../glossary.html#term-ivr\" title=\"语音&lt;导航&gt;\">IVR</a> 是；&amp;IVR</p><code>首问</code></main>"
        );
    }

    #[test]
    fn a_greater_than_sign_in_an_attribute_does_not_end_the_tag() {
        let page = "<main><svg><text data-x=\"a>首问\">首问</text></svg><span data-y='>'>首问</span></main>";
        let out = linker().link(page, "");
        assert_eq!(
            out,
            "<main><svg><text data-x=\"a>首问\">首问</text></svg><span data-y='>'><a class=\"term\" href=\"glossary.html#term-first\" title=\"第一个受理\">首问</a></span></main>"
        );
    }
}
