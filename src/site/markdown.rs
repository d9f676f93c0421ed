//! Markdown of `description` fields and rule docs → safe HTML.
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
}
