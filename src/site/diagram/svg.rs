//! Writing a [`Layout`] as SVG: classes for the site's stylesheet, and
//! presentation attributes so that it also reads without one and in print
//! (dark text on light fills; escalations dashed, not only coloured). The
//! fonts and colours come from [`super::style`].

use std::fmt::Write;

use super::layout::{EdgeKind, Layout, Point, Rect, Text};
use super::style::{self, EDGE, ESCALATION, FONTS, Paint};
use super::text::xml;

/// The SVG of `layout`; element ids start with `prefix`.
pub fn write(layout: &Layout, prefix: &str, title: &str, desc: &str) -> String {
    let (w, h) = (layout.width, layout.height);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="fd" role="group" aria-labelledby="{prefix}-title {prefix}-desc" viewBox="0 0 {w} {h}" width="{w}" height="{h}" font-family="{FONTS}">"#
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
        let (class, paint) = if lane.escalation {
            ("fd-lane fd-lane-escalation", style::LANE_ESCALATION)
        } else {
            ("fd-lane", style::LANES[k % 2])
        };
        let _ = write!(s, r#"<g class="{class}">"#);
        rect(&mut s, "fd-lane-bg", lane.rect, 0, paint, "");
        rect(
            &mut s,
            "fd-lane-header",
            lane.header,
            3,
            style::LANE_HEADER,
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
            "<a href=\"{}\" class=\"fd-step-link\"><title>{}</title>",
            xml(&node.href),
            xml(&node.tooltip)
        );
        rect(
            &mut s,
            class,
            node.rect,
            4,
            style::STEP,
            r#" stroke-width="1.5""#,
        );
        if node.subflow.is_some() {
            let inner = Rect {
                x: node.rect.x + 3,
                y: node.rect.y + 3,
                w: node.rect.w - 6,
                h: node.rect.h - 6,
            };
            rect(
                &mut s,
                "fd-subflow-inner",
                inner,
                2,
                style::SUBFLOW_INNER,
                "",
            );
        }
        texts(&mut s, &node.texts);
        if let Some(d) = node.diamond {
            let (x, top) = (d.cx(), node.rect.bottom());
            let Paint { fill, stroke } = style::DECISION;
            let _ = write!(
                s,
                r#"<line class="fd-decision-stem" x1="{x}" y1="{top}" x2="{x}" y2="{}" stroke="{EDGE}" stroke-width="1.5"/><polygon class="fd-decision" points="{x},{} {},{} {x},{} {},{}" fill="{fill}" stroke="{stroke}" stroke-width="1.5"/>"#,
                d.y,
                d.y,
                d.right(),
                d.cy(),
                d.bottom(),
                d.x,
                d.cy()
            );
        }
        if let Some((_, question)) = &node.question {
            texts(&mut s, question);
        }
        s.push_str("</a>\n");
        if let Some(link) = &node.subflow {
            let _ = write!(
                s,
                r#"<a href="{}" class="fd-subflow-link"><title>{}</title>"#,
                xml(&link.href),
                xml(&link.title)
            );
            texts(&mut s, &link.texts);
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
            style::TERMINAL,
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
            style::NOTE,
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
        rect(&mut s, "fd-edge-label-bg", label.rect, 2, style::LABEL, "");
        texts(&mut s, &label.texts);
        s.push_str("</g>\n");
    }
    s.push_str("</svg>\n");
    s
}

fn rect(s: &mut String, class: &str, r: Rect, rx: i32, paint: Paint, extra: &str) {
    let Paint { fill, stroke } = paint;
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
        let style::Look {
            class,
            size,
            fill,
            anchor,
            extra,
            ..
        } = t.style.look();
        let _ = write!(
            s,
            r#"<text class="{class}" x="{}" y="{}" font-size="{size}" fill="{fill}" text-anchor="{anchor}"{extra}>{}</text>"#,
            t.x,
            t.y,
            xml(&t.text)
        );
    }
}
