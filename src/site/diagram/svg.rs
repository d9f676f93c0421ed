//! Writing a [`Layout`] as SVG: classes for the site's stylesheet, and
//! presentation attributes so that it also reads without one and in print
//! (dark text on light fills; escalations dashed, not only coloured).

use std::fmt::Write;

use super::layout::{EdgeKind, Layout, Point, Rect, Style, Text};
use super::text::{url, xml};

/// Local fonts only, ending in the generic family: nothing is downloaded.
const FONTS: &str = "'PingFang SC','Hiragino Sans GB','Microsoft YaHei','Noto Sans CJK SC','Source Han Sans SC',sans-serif";

const INK: &str = "#1a1a1a";
const EDGE: &str = "#333333";
const ESCALATION: &str = "#b3261e";
const LINK: &str = "#0b4fa8";

/// The SVG of `layout`; element ids start with `prefix`.
pub fn write(layout: &Layout, prefix: &str, title: &str, desc: &str) -> String {
    let (w, h) = (layout.width, layout.height);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="fd" role="group" aria-labelledby="{prefix}-title {prefix}-desc" viewBox="0 0 {w} {h}" width="100%" style="max-width:{w}px;height:auto" font-family="{FONTS}">"#
    );
    let _ = write!(
        s,
        "\n<title id=\"{prefix}-title\">{}</title>\n<desc id=\"{prefix}-desc\">{}</desc>\n<defs>",
        xml(title),
        xml(desc)
    );
    for (id, fill) in [("arrow", EDGE), ("arrow-esc", ESCALATION)] {
        let _ = write!(
            s,
            r#"<marker id="{prefix}-{id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,1L9,5L0,9z" fill="{fill}"/></marker>"#
        );
    }
    s.push_str("</defs>\n");

    for (k, lane) in layout.lanes.iter().enumerate() {
        let (class, fill) = match (lane.escalation, k % 2) {
            (true, _) => ("fd-lane fd-lane-escalation", "#fdf6f5"),
            (false, 0) => ("fd-lane", "#f7f8fa"),
            (false, _) => ("fd-lane", "#ffffff"),
        };
        let _ = write!(s, r#"<g class="{class}">"#);
        rect(&mut s, "fd-lane-bg", lane.rect, 0, fill, "#d0d5dd", "");
        rect(
            &mut s,
            "fd-lane-header",
            lane.header,
            3,
            "#e8ecf2",
            "none",
            "",
        );
        texts(&mut s, &lane.texts);
        s.push_str("</g>\n");
    }

    for node in &layout.nodes {
        let class = if node.subflow.is_some() {
            "fd-step fd-subflow"
        } else {
            "fd-step"
        };
        let _ = write!(
            s,
            "<a href=\"#step-{}\" class=\"fd-step-link\"><title>{}</title>",
            url(&node.step.id),
            xml(&node.tooltip)
        );
        rect(
            &mut s,
            class,
            node.rect,
            4,
            "#eef4fb",
            "#1f4e79",
            r#" stroke-width="1.5""#,
        );
        if node.subflow.is_some() {
            let inner = Rect {
                x: node.rect.x + 3,
                y: node.rect.y + 3,
                w: node.rect.w - 6,
                h: node.rect.h - 6,
            };
            rect(&mut s, "fd-subflow-inner", inner, 2, "none", "#1f4e79", "");
        }
        texts(&mut s, &node.texts);
        if let Some(d) = node.diamond {
            let (x, top) = (d.cx(), node.rect.bottom());
            let _ = write!(
                s,
                r##"<line class="fd-decision-stem" x1="{x}" y1="{top}" x2="{x}" y2="{}" stroke="{EDGE}" stroke-width="1.5"/><polygon class="fd-decision" points="{x},{} {},{} {x},{} {},{}" fill="#fff4d6" stroke="#8a6100" stroke-width="1.5"/>"##,
                d.y,
                d.y,
                d.right(),
                d.cy(),
                d.bottom(),
                d.x,
                d.cy()
            );
        }
        s.push_str("</a>\n");
        if let Some(link) = &node.subflow {
            let _ = write!(
                s,
                r#"<a href="{}" class="fd-subflow-link"><title>{}</title>"#,
                xml(&link.href),
                xml(&link.title)
            );
            texts(&mut s, std::slice::from_ref(&link.text));
            s.push_str("</a>\n");
        }
    }

    for t in &layout.terminals {
        s.push_str(r#"<g class="fd-terminal">"#);
        rect(
            &mut s,
            "fd-terminal-box",
            t.rect,
            t.rect.h / 2,
            "#e6f4ea",
            "#2e6b3a",
            r#" stroke-width="1.5""#,
        );
        texts(&mut s, std::slice::from_ref(&t.text));
        s.push_str("</g>\n");
    }

    for note in &layout.notes {
        match &note.href {
            Some(href) => {
                let _ = write!(s, r#"<a href="{}" class="fd-note">"#, xml(href));
            }
            None => s.push_str(r#"<g class="fd-note">"#),
        }
        let _ = write!(s, "<title>{}</title>", xml(&note.tooltip));
        rect(
            &mut s,
            "fd-note-box",
            note.rect,
            3,
            "#fdecea",
            ESCALATION,
            r#" stroke-dasharray="4 3""#,
        );
        texts(&mut s, &note.texts);
        s.push_str(if note.href.is_some() {
            "</a>\n"
        } else {
            "</g>\n"
        });
    }

    for edge in &layout.edges {
        let (class, stroke, extra) = match edge.kind {
            EdgeKind::Flow => (
                "fd-edge",
                EDGE,
                format!(r#" stroke-width="1.5" marker-end="url(#{prefix}-arrow)""#),
            ),
            EdgeKind::Escalation => (
                "fd-edge fd-escalation",
                ESCALATION,
                format!(
                    r#" stroke-width="1.5" stroke-dasharray="6 4" marker-end="url(#{prefix}-arrow-esc)""#
                ),
            ),
            EdgeKind::Annotation => (
                "fd-note-line",
                ESCALATION,
                r#" stroke-dasharray="3 3""#.to_owned(),
            ),
        };
        let _ = writeln!(
            s,
            r#"<polyline class="{class}" points="{}" fill="none" stroke="{stroke}"{extra}/>"#,
            points(&edge.points)
        );
    }

    for label in layout.edges.iter().filter_map(|e| e.label.as_ref()) {
        let _ = write!(
            s,
            r#"<g class="fd-edge-label"><title>{}</title>"#,
            xml(&label.full)
        );
        rect(
            &mut s,
            "fd-edge-label-bg",
            label.rect,
            2,
            "#ffffff",
            "none",
            "",
        );
        texts(&mut s, &label.texts);
        s.push_str("</g>\n");
    }
    s.push_str("</svg>\n");
    s
}

fn rect(s: &mut String, class: &str, r: Rect, rx: i32, fill: &str, stroke: &str, extra: &str) {
    let _ = write!(
        s,
        r#"<rect class="{class}" x="{}" y="{}" width="{}" height="{}" rx="{rx}" fill="{fill}" stroke="{stroke}"{extra}/>"#,
        r.x, r.y, r.w, r.h
    );
}

fn points(points: &[Point]) -> String {
    points
        .iter()
        .map(|(x, y)| format!("{x},{y}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn texts(s: &mut String, texts: &[Text]) {
    for t in texts {
        // class, font size, colour, anchor, extra attributes
        let (class, size, fill, anchor, extra) = match t.style {
            Style::Title => ("fd-step-title", 13, "#102a43", "middle", ""),
            Style::Limit => ("fd-limit", 12, "#3d4f63", "middle", ""),
            Style::SubflowLink => (
                "fd-link",
                12,
                LINK,
                "middle",
                r#" text-decoration="underline""#,
            ),
            Style::Header => ("fd-lane-title", 13, INK, "middle", r#" font-weight="bold""#),
            Style::Terminal => ("fd-terminal-text", 12, "#123d1c", "middle", ""),
            Style::Label => ("fd-edge-label-text", 12, EDGE, "start", ""),
            Style::LabelEnd => ("fd-edge-label-text", 12, EDGE, "end", ""),
            Style::NoteHead => (
                "fd-note-head",
                12,
                "#5c1a14",
                "start",
                r#" font-weight="bold""#,
            ),
            Style::Note => ("fd-note-text", 12, "#3b1410", "start", ""),
            Style::NoteLink => (
                "fd-link",
                12,
                LINK,
                "start",
                r#" text-decoration="underline""#,
            ),
        };
        let _ = write!(
            s,
            r#"<text class="{class}" x="{}" y="{}" font-size="{size}" fill="{fill}" text-anchor="{anchor}"{extra}>{}</text>"#,
            t.x,
            t.y,
            xml(&t.text)
        );
    }
}
