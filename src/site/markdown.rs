//! Markdown of `description` fields and rule docs → safe HTML.
//!
//! pulldown-cmark renders CommonMark (tables and strikethrough on); ammonia
//! then removes whatever could run code in a reader's browser: `<script>`,
//! event-handler attributes, `javascript:` URLs. Spec authors are trusted to
//! write standards, not to script the site that trainees open.

use pulldown_cmark::{Options, Parser, html};

pub fn to_html(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, Parser::new_ext(markdown, options));
    ammonia::Builder::default()
        // Links leave the site: they must not give the new page a handle on it.
        .link_rel(Some("noopener noreferrer"))
        .clean(&unsafe_html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::to_html;

    #[test]
    fn renders_markdown() {
        assert_eq!(
            to_html("**重要**投诉"),
            "<p><strong>重要</strong>投诉</p>\n"
        );
    }

    #[test]
    fn strips_scripts_handlers_and_javascript_urls() {
        let html = to_html(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[a](javascript:alert(3)) <a href=\"javascript:alert(4)\" onclick=\"x()\">b</a>",
        );
        for bad in ["<script", "onerror", "onclick", "javascript:", "alert(1)"] {
            assert!(!html.contains(bad), "{bad} survived in {html}");
        }
        assert!(html.contains("<img src=\"x\">"), "{html}");
    }
}
