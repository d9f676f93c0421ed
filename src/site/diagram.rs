//! Flow diagrams: build-time SVG with one swimlane per role.
//!
//! [`flow_svg`] renders one flow as an inline SVG for its page
//! `flows/<flow-id>.html`: no script, no external resource, at its natural
//! size (readable on a phone: the page's frame scrolls, and
//! `static/diagram.js` zooms it), fitted to the page width in print. Each
//! step box
//! links to its details on the page (`#step-<step-id>`); sub-flows and flows
//! started by escalations link to their pages (`<flow-id>.html`, a sibling);
//! `site::url` makes these links, as every other of the site. Fonts and
//! colours come from one table, [`style`], that the layout measures text
//! with and the SVG writer writes. The same spec gives the same bytes.
//!
//! Layout ([`layout`]), in short:
//! - one step per row, rows in topological order of the graph without its
//!   back edges (depth-first from the first step), ties in file order;
//! - one column (lane) per owner, in order of first appearance, each box
//!   centred in its lane, with gutters between lanes for vertical runs;
//! - a box shows its title and each limit's class (from the limit's scope)
//!   and duration; a decision's diamond, under its box, asks its question
//!   inside; every text wraps to its width (CJK one em) and boxes grow;
//! - every edge leaves from a port of its own on the bottom of its source
//!   (on the diamond's lower sides), drops into the gap below and runs
//!   along its own horizontal track there (its label above it, beside its
//!   port): edges going farther sideways leave from outer ports and run
//!   higher, so branches fan out without sharing a line or crossing a
//!   sibling's label; to the next row an edge then enters the target's top,
//!   to any other row it runs along its own track in a gutter and enters
//!   the target's side;
//! - since a row holds one box, no horizontal in a row or gap and no
//!   vertical in a gutter can cross a box, whatever the graph;
//! - escalations get a dashed note in a column of their own, and when they
//!   move to a step a dashed arrow from the side of the box, by a gutter.

mod layout;
mod style;
mod svg;
mod text;

use crate::spec::Spec;
use crate::spec::kind::Kind;
use crate::spec::model::{Escalation, Flow, Scope};
use crate::spec::relations::FlowRelations;
use crate::spec::resolve::duration_text;

/// The words of the diagram in the page's language.
#[derive(Clone, Copy, Debug)]
pub struct Labels<'a> {
    /// The lane of steps without owner: "未指定", "Unassigned".
    pub unassigned: &'a str,
    /// The column of escalation notes: "升级", "Escalation".
    pub escalation: &'a str,
    /// The start and end terminals: "开始"/"结束", "Start"/"End".
    pub start: &'a str,
    pub end: &'a str,
    /// Prefix of the SVG's accessible title: "流程图：", "Flow diagram: ".
    pub diagram_of: &'a str,
    /// A scope's `other_departments` in words, when true and when false:
    /// "涉及外部门"/"不涉及外部门".
    pub other_departments: [&'a str; 2],
}

/// The SVG of `flow`, to inline in its page. Never panics: what cannot be
/// drawn (unknown targets, limits or roles) is left out or shown by its id.
/// Element ids start with `fd-<flow-id>-`, unique on the flow's page.
pub fn flow_svg(spec: &Spec, flow: &Flow, labels: &Labels) -> String {
    let layout = layout::layout(spec, flow, labels);
    let prefix = format!("fd-{}", text::id(&flow.id));
    let title = format!("{}{}", labels.diagram_of, flow.title.value);
    svg::write(
        &layout,
        &prefix,
        &title,
        &summary(spec, flow, labels, &layout),
    )
}

/// The id of the role that performs step `s`: its effective owner, or the
/// unknown role it names (E005), which keeps a lane of its own.
fn owner_id<'a>(
    spec: &'a Spec,
    flow: &'a Flow,
    relations: &FlowRelations,
    s: usize,
) -> Option<&'a str> {
    match relations.step_owners[s] {
        Some(o) => Some(spec.roles[o.role].id.value.as_str()),
        None => flow.steps[s].owner.as_ref().map(|o| o.value.as_str()),
    }
}

/// The title of role `id` (its id if unknown), or the unassigned lane's.
fn role_title(spec: &Spec, id: Option<&str>, labels: &Labels) -> String {
    let Some(id) = id else {
        return labels.unassigned.to_owned();
    };
    spec.index_of(Kind::Role, id)
        .and_then(|i| spec.roles.get(i))
        .map_or(id, |r| r.title.value.as_str())
        .to_owned()
}

/// The class of cases a limit of `scope` applies to, in words, from the
/// model's scope: the priority class (its title), the customer tier,
/// channel, business, condition and whether other departments are
/// involved, joined by "·"; empty for a limit of every case.
fn scope_words(spec: &Spec, scope: &Scope, labels: &Labels) -> String {
    let priority = scope.priority.as_ref().map(|p| {
        spec.index_of(Kind::PriorityClass, &p.value)
            .and_then(|scale| spec.priorities.get(scale))
            .and_then(|scale| scale.classes.iter().find(|c| c.id.value == p.value))
            .map_or(p.value.as_str(), |c| c.title.value.as_str())
    });
    let words = [
        &scope.customer,
        &scope.channel,
        &scope.business,
        &scope.condition,
    ];
    let words = words.into_iter().flatten().map(|w| w.value.as_str());
    let others = scope
        .other_departments
        .as_ref()
        .map(|o| labels.other_departments[usize::from(!o.value)]);
    let parts: Vec<&str> = priority.into_iter().chain(words).chain(others).collect();
    parts.join("·")
}

/// The title of flow `id`, or the id if there is no such flow.
fn flow_title<'a>(spec: &'a Spec, id: &'a str) -> &'a str {
    spec.flow(id).map_or(id, |f| f.title.value.as_str())
}

/// An escalation in words, for its note and the summary: the head (label
/// and delay), the body (condition → action) and the notified roles
/// (`@ A、B`, empty when none).
fn escalation_text(spec: &Spec, esc: &Escalation, labels: &Labels) -> [String; 3] {
    let head = match &esc.after {
        Some(after) => format!("{} {}", labels.escalation, duration_text(after)),
        None => labels.escalation.to_owned(),
    };
    let body = match &esc.when {
        Some(when) => format!("{} → {}", when.value, esc.action.value),
        None => esc.action.value.clone(),
    };
    let roles: Vec<String> = esc
        .notify
        .iter()
        .map(|r| role_title(spec, Some(&r.value), labels))
        .collect();
    let notify = if roles.is_empty() {
        String::new()
    } else {
        format!("@ {}", roles.join("、"))
    };
    [head, body, notify]
}

/// What a screen reader reads instead of the picture: one line per step in
/// row order, with its owner, where it leads (and on which condition) and
/// its escalations.
fn summary(spec: &Spec, flow: &Flow, labels: &Labels, layout: &layout::Layout) -> String {
    let Some(relations) = spec.flow_relations(flow) else {
        return String::new();
    };
    let graph = &relations.graph;
    let title = |i: usize| flow.steps[i].title.value.as_str();
    let mut out = Vec::with_capacity(layout.nodes.len());
    for (k, node) in layout.nodes.iter().enumerate() {
        let step = node.step;
        let owner = role_title(spec, owner_id(spec, flow, relations, node.index), labels);
        let mut line = format!("{}. {} ({owner})", k + 1, step.title.value);
        let mut next: Vec<String> = layout::branches(flow, graph, node.index)
            .into_iter()
            .map(|(t, when)| match when {
                Some(when) => format!("{when}: {}", title(t)),
                None => title(t).to_owned(),
            })
            .collect();
        if graph.exit.get(node.index) == Some(&true) {
            next.push(labels.end.to_owned());
        }
        if !next.is_empty() {
            line = format!("{line} → {}", next.join("; "));
        }
        for esc in &step.escalations {
            let mut parts: Vec<String> = escalation_text(spec, esc, labels).into();
            let target = esc
                .to
                .as_ref()
                .and_then(|to| flow.steps.iter().find(|s| s.id.value == to.value));
            parts.extend(target.map(|t| format!("→ {}", t.title.value)));
            parts.extend(
                esc.flow
                    .as_ref()
                    .map(|id| format!("↪ {}", flow_title(spec, id))),
            );
            parts.retain(|p| !p.is_empty());
            line = format!("{line} [{}]", parts.join("; "));
        }
        out.push(line);
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::layout::{EdgeKind, Layout, Point, Rect, Text, layout};
    use super::*;

    const ZH: Labels = Labels {
        unassigned: "未指定",
        escalation: "升级",
        start: "开始",
        end: "结束",
        diagram_of: "流程图：",
        other_departments: ["涉及外部门", "不涉及外部门"],
    };

    /// The frozen copy of the seed standards' 27 flows (see its README).
    fn seed_flows() -> Spec {
        crate::spec::open(Path::new("tests/fixtures/seed-flows"))
            .unwrap()
            .0
    }

    /// A spec made of `yaml` (one file), whatever its diagnostics.
    fn spec_of(yaml: &str) -> Spec {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("flows.yaml"), yaml).unwrap();
        crate::spec::open(dir.path()).unwrap().0
    }

    fn svg_of(spec: &Spec, id: &str) -> String {
        flow_svg(spec, spec.flow(id).unwrap(), &ZH)
    }

    /// Whether the interiors of two rectangles meet.
    fn overlap(a: Rect, b: Rect) -> bool {
        a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom()
    }

    /// Whether the axis-parallel segment `p`–`q` enters the interior of `r`.
    fn crosses(r: Rect, p: Point, q: Point) -> bool {
        let inside = |a: i32, b: i32, lo: i32, hi: i32| {
            let (a, b) = (a.min(b), a.max(b));
            if a == b {
                lo < a && a < hi
            } else {
                a < hi && lo < b
            }
        };
        inside(p.0, q.0, r.x, r.right()) && inside(p.1, q.1, r.y, r.bottom())
    }

    /// Whether two axis-parallel segments lie on one line and have more
    /// than a point in common.
    fn share(a: &[Point], b: &[Point]) -> bool {
        let common =
            |p: i32, q: i32, r: i32, s: i32| p.min(q).max(r.min(s)) < p.max(q).min(r.max(s));
        let (p, q, r, s) = (a[0], a[1], b[0], b[1]);
        if p.0 == q.0 && r.0 == s.0 && p.0 == r.0 {
            common(p.1, q.1, r.1, s.1)
        } else if p.1 == q.1 && r.1 == s.1 && p.1 == r.1 {
            common(p.0, q.0, r.0, s.0)
        } else {
            false
        }
    }

    /// Whether text `t` lies inside `r`, by the estimated width of its
    /// characters (CJK one em) and the ascent and descent of its font.
    fn fits(t: &Text, r: Rect) -> bool {
        let look = t.style.look();
        let w = super::text::width(&t.text, look.size).ceil() as i32;
        let x = match look.anchor {
            "start" => t.x,
            "end" => t.x - w,
            _ => t.x - w / 2,
        };
        let (ascent, descent) = (look.size * 88 / 100, look.size * 12 / 100);
        r.x <= x && x + w <= r.right() && r.y <= t.y - ascent && t.y + descent <= r.bottom()
    }

    /// Every text of the picture with the shape it must stay inside.
    fn texts_and_frames<'l>(l: &'l Layout) -> Vec<(&'l Text, Rect)> {
        let mut out = Vec::new();
        for lane in &l.lanes {
            out.extend(lane.texts.iter().map(|t| (t, lane.header)));
        }
        for n in &l.nodes {
            out.extend(n.texts.iter().map(|t| (t, n.rect)));
            let link = n.subflow.iter().flat_map(|link| &link.texts);
            out.extend(link.map(|t| (t, n.rect)));
            if let Some((place, question)) = &n.question {
                out.extend(question.iter().map(|t| (t, *place)));
            }
        }
        out.extend(l.terminals.iter().map(|t| (&t.text, t.rect)));
        for note in &l.notes {
            out.extend(note.texts.iter().map(|t| (t, note.rect)));
        }
        for label in l.edges.iter().filter_map(|e| e.label.as_ref()) {
            out.extend(label.texts.iter().map(|t| (t, label.rect)));
        }
        out
    }

    /// Every problem of the geometry of `flow`'s diagram, as text: shapes
    /// that overlap, edges through shapes or labels, labels over labels,
    /// two edges along one line, text out of its box or cut.
    fn problems(spec: &Spec, flow: &Flow) -> Vec<String> {
        let l = layout(spec, flow, &ZH);
        let mut solids: Vec<(String, Rect)> = Vec::new();
        for n in &l.nodes {
            solids.push((format!("step {}", n.step.id.value), n.rect));
            if let Some(d) = n.diamond {
                // Edges leave from its lower sides, below its question
                // (which lies in the middle half): the rest is solid.
                let upper = Rect {
                    h: d.h * 3 / 4,
                    ..d
                };
                solids.push((format!("diamond of {}", n.step.id.value), upper));
            }
        }
        for (i, t) in l.terminals.iter().enumerate() {
            solids.push((format!("terminal {i}"), t.rect));
        }
        for (i, note) in l.notes.iter().enumerate() {
            solids.push((format!("note {i}"), note.rect));
        }
        for lane in &l.lanes {
            solids.push((
                format!("header {:?}", lane.texts.first().map(|t| &t.text)),
                lane.header,
            ));
        }
        let mut out = Vec::new();
        for (i, (a, ra)) in solids.iter().enumerate() {
            for (b, rb) in &solids[i + 1..] {
                if overlap(*ra, *rb) {
                    out.push(format!("{a} overlaps {b}"));
                }
            }
            if ra.right() > l.width || ra.bottom() > l.height || ra.x < 0 || ra.y < 0 {
                out.push(format!("{a} lies outside the picture"));
            }
        }
        for (k, e) in l.edges.iter().enumerate() {
            for s in e.points.windows(2) {
                if s[0].0 != s[1].0 && s[0].1 != s[1].1 {
                    out.push(format!("edge {k} has a slanted segment {s:?}"));
                }
                for (a, r) in &solids {
                    if crosses(*r, s[0], s[1]) {
                        out.push(format!("edge {k} segment {s:?} crosses {a}"));
                    }
                }
                for (j, other) in l.edges.iter().enumerate() {
                    if let Some(label) = &other.label
                        && crosses(label.rect, s[0], s[1])
                    {
                        out.push(format!(
                            "edge {k} segment {s:?} crosses the label of edge {j}"
                        ));
                    }
                }
            }
            if let Some(label) = &e.label {
                for (a, r) in &solids {
                    if overlap(label.rect, *r) {
                        out.push(format!("label {:?} overlaps {a}", label.full));
                    }
                }
                for other in l.edges[k + 1..].iter().filter_map(|o| o.label.as_ref()) {
                    if overlap(label.rect, other.rect) {
                        out.push(format!(
                            "label {:?} overlaps label {:?}",
                            label.full, other.full
                        ));
                    }
                }
            }
            for (j, other) in l.edges.iter().enumerate().skip(k + 1) {
                // The lines from one step to its notes form one bracket.
                let bracket = e.kind == EdgeKind::Annotation
                    && other.kind == EdgeKind::Annotation
                    && e.points.first() == other.points.first();
                let shared = e
                    .points
                    .windows(2)
                    .any(|a| other.points.windows(2).any(|b| share(a, b)));
                if shared && !bracket {
                    out.push(format!("edges {k} and {j} run along one line"));
                }
            }
        }
        for (t, frame) in texts_and_frames(&l) {
            if !fits(t, frame) {
                out.push(format!("text {:?} leaves its box {frame:?}", t.text));
            }
            if t.text.ends_with('…') {
                out.push(format!("text {:?} is cut", t.text));
            }
        }
        out
    }

    #[test]
    fn no_seed_flow_has_overlaps_or_crossings() {
        let spec = seed_flows();
        assert!(spec.flows.len() >= 27);
        let found: Vec<String> = spec
            .flows
            .iter()
            .flat_map(|f| {
                problems(&spec, f)
                    .into_iter()
                    .map(|p| format!("{}: {p}", f.id.value))
            })
            .collect();
        assert!(found.is_empty(), "{}", found.join("\n"));
    }

    /// Whether `svg` is well-formed as far as a writer can get it wrong:
    /// balanced tags, even quotes in tags, `&` only starting an entity.
    fn well_formed(svg: &str) -> Result<(), String> {
        const ENTITIES: [&str; 5] = ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"];
        let mut open: Vec<&str> = Vec::new();
        let mut rest = svg;
        while let Some(i) = rest.find(['<', '&']) {
            if rest[i..].starts_with('&') {
                if !ENTITIES.iter().any(|e| rest[i..].starts_with(e)) {
                    return Err(format!(
                        "bare & before {:?}",
                        &rest[i..(i + 20).min(rest.len())]
                    ));
                }
                rest = &rest[i + 1..];
                continue;
            }
            let end = i + rest[i..].find('>').ok_or("unclosed tag")?;
            let tag = &rest[i + 1..end];
            if tag.contains('<') || !tag.matches('"').count().is_multiple_of(2) {
                return Err(format!("broken tag <{tag}>"));
            }
            if let Some(name) = tag.strip_prefix('/') {
                if open.pop() != Some(name) {
                    return Err(format!("unbalanced </{name}>"));
                }
            } else if !tag.ends_with('/') {
                open.push(tag.split_whitespace().next().unwrap_or_default());
            }
            rest = &rest[end + 1..];
        }
        if open.is_empty() {
            Ok(())
        } else {
            Err(format!("unclosed {open:?}"))
        }
    }

    /// The values of attribute `name` in `svg`, in order.
    fn attributes<'s>(svg: &'s str, name: &str) -> Vec<&'s str> {
        let key = format!(" {name}=\"");
        svg.split(key.as_str())
            .skip(1)
            .map(|rest| rest.split('"').next().unwrap_or_default())
            .collect()
    }

    #[test]
    fn every_seed_flow_is_well_formed_accessible_and_self_contained() {
        let spec = seed_flows();
        for flow in &spec.flows {
            let svg = flow_svg(&spec, flow, &ZH);
            let id = &flow.id.value;
            well_formed(&svg).unwrap_or_else(|e| panic!("{id}: {e}"));
            assert!(
                svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
                "{id}"
            );
            assert!(
                svg.contains(" viewBox=\"0 0 ") && !svg.contains(" width=\"100%\""),
                "{id}"
            );
            // A group, not an image: the step boxes inside are links, and an
            // image role would hide them from keyboard and screen readers.
            assert!(svg.contains(" role=\"group\""), "{id}");
            let title = format!(
                "<title id=\"fd-{id}-title\">流程图：{}</title>",
                flow.title.value
            );
            assert!(svg.contains(&title), "{id}");
            let ids = attributes(&svg, "id");
            for wanted in attributes(&svg, "aria-labelledby")[0].split(' ') {
                assert!(ids.contains(&wanted), "{id}: no element has id {wanted}");
            }
            let mut unique = ids.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), ids.len(), "{id}: repeated ids");
            assert!(
                ids.iter().all(|i| i.starts_with(&format!("fd-{id}-"))),
                "{id}"
            );
            for href in attributes(&svg, "href") {
                let local = href.starts_with("#step-")
                    || href.ends_with(".html") && !href.contains(['/', ':']);
                assert!(local, "{id}: link {href} leaves the site");
            }
            assert!(
                !svg.contains("<script") && !svg.contains("url(http"),
                "{id}"
            );
            // One box per step, each linking to its details.
            for step in &flow.steps {
                assert!(
                    svg.contains(&format!("href=\"#step-{}\"", step.id.value)),
                    "{id}"
                );
            }
        }
    }

    #[test]
    fn decisions_get_a_diamond_and_labelled_branches() {
        let spec = seed_flows();
        let svg = svg_of(&spec, "cmcc-fault-important");
        assert_eq!(svg.matches("class=\"fd-decision\"").count(), 1);
        for when in ["能处理", "不能处理"] {
            assert!(svg.contains(&format!(">{when}</text>")), "label {when}");
        }
        // A flow without decisions has no diamond.
        let plain = svg_of(&spec, "tag-acceptance-four-step");
        assert!(!plain.contains("fd-decision\""));
        // The summary read instead of the picture names the branches.
        assert!(
            svg.contains(
                "故障定位 (故障处理主导室) → 能处理: 应急抢通; 不能处理: 联合小组处理故障"
            )
        );
    }

    #[test]
    fn escalations_are_dashed_arrows_and_notes() {
        let spec = seed_flows();
        // With `to`: a dashed arrow to the step, and a note linking to the flow.
        let svg = svg_of(&spec, "cmcc-fault-important");
        let arrow = svg
            .lines()
            .find(|l| l.contains("class=\"fd-edge fd-escalation\""))
            .expect("escalation arrow");
        assert!(arrow.contains("stroke-dasharray") && arrow.contains("arrow-esc"));
        assert!(svg.contains(">升级 1小时</text>"));
        assert!(svg.contains("<a href=\"cmcc-fault-joint-handling.html\" class=\"fd-note\">"));
        assert!(svg.contains("class=\"fd-lane fd-lane-escalation\""));
        // Without `to`: a note only, naming the notified roles.
        let svg = svg_of(&spec, "cmcc-on-site-fault-handling");
        assert!(!svg.contains("fd-escalation\""));
        assert_eq!(svg.matches("<g class=\"fd-note\">").count(), 1);
        assert!(svg.contains("@ 网维中心及专业室领导"));
        // No escalation, no column for them.
        assert!(!svg_of(&spec, "proc-pbx-inspection").contains("fd-lane-escalation"));
    }

    #[test]
    fn sub_flow_steps_have_a_double_border_and_link_to_their_flow() {
        let spec = seed_flows();
        let svg = svg_of(&spec, "cmcc-group-fault-handling");
        assert_eq!(svg.matches("class=\"fd-subflow-inner\"").count(), 2);
        assert!(svg.contains("<a href=\"cmcc-fault-important.html\" class=\"fd-subflow-link\"><title>重要客户故障处理流程</title>"));
        assert!(svg.contains("<a href=\"#step-important\""));
    }

    #[test]
    fn text_is_escaped() {
        let spec = spec_of(
            r#"roles: [{ id: r, title: "R&D <组>" }]
flows:
  - id: esc
    title: "甲<&>'乙\""
    steps:
      - { id: a, title: "a<b & c>d", owner: r, next: [{ to: b, when: "x<y" }, { to: a, when: "'q'" }] }
      - { id: b, title: 二, escalations: [{ action: "停 & <走>" }] }
"#,
        );
        let svg = svg_of(&spec, "esc");
        well_formed(&svg).unwrap();
        assert!(svg.contains("甲&lt;&amp;&gt;&apos;乙&quot;"));
        assert!(svg.contains("a&lt;b &amp; c&gt;d"));
        assert!(svg.contains("R&amp;D &lt;组&gt;"));
        assert!(svg.contains("x&lt;y") && svg.contains("&apos;q&apos;"));
        assert!(svg.contains("停 &amp; &lt;走&gt;"));
    }

    #[test]
    fn the_same_spec_gives_the_same_bytes() {
        // Two loads: each has its own hash maps, so their order cannot leak.
        let (one, two) = (seed_flows(), seed_flows());
        for (a, b) in one.flows.iter().zip(&two.flows) {
            assert_eq!(
                flow_svg(&one, a, &ZH),
                flow_svg(&two, b, &ZH),
                "{}",
                a.id.value
            );
        }
    }

    #[test]
    fn broken_flows_are_drawn_without_panic() {
        let mut big = String::from("  - id: big\n    title: 两百步\n    steps:\n");
        for i in 0..200 {
            let next = match i % 7 {
                0 => format!("[{{ to: s{}, when: 回退 }}, {{ to: s{} }}]", i / 2, i + 1),
                3 => format!(
                    "[{{ to: s{}, when: 跳 }}, {{ to: s{}, when: 否 }}]",
                    i + 5,
                    i + 1
                ),
                5 => format!("[{{ to: s{} }}]", i + 40),
                _ => "[]".to_owned(),
            };
            big.push_str(&format!(
                "      - {{ id: s{i}, title: 第{i}步, owner: r{}, next: {next}, end: {} }}\n",
                i % 4,
                i % 13 == 12
            ));
        }
        let yaml = format!(
            r#"roles: [{{ id: r0, title: 零 }}, {{ id: r1, title: 一 }}]
flows:
  - id: broken
    title: 坏
    steps:
      - {{ id: a, title: 一, owner: ghost, limits: [nope], next: [{{ to: missing }}, {{ to: b, when: 是 }}] }}
      - {{ id: b, title: "", next: [{{ to: b }}, {{ to: a, when: 回 }}, {{ to: c }}] }}
      - {{ id: b, title: 重复, subflow: nowhere }}
      - id: c
        title: 无出口
        next: [{{ to: a }}]
        escalations:
          - {{ action: 升级, to: nobody, flow: none, after: 2小天, notify: [ghost] }}
          - {{ action: 回头, to: a, after: {{ amount: 2, unit: hours }} }}
          - {{ action: 自己, to: c }}
      - {{ id: d, title: 结束或继续, end: true, next: [{{ to: e }}] }}
      - {{ id: e, title: 末 }}
  - id: empty
    title: 空
    steps: []
{big}"#
        );
        let spec = spec_of(&yaml);
        assert_eq!(spec.flows.len(), 3);
        for flow in &spec.flows {
            let svg = flow_svg(&spec, flow, &ZH);
            well_formed(&svg).unwrap_or_else(|e| panic!("{}: {e}", flow.id.value));
            let found = problems(&spec, flow);
            assert!(found.is_empty(), "{}: {}", flow.id.value, found.join("\n"));
        }
        let svg = svg_of(&spec, "broken");
        assert!(svg.contains(">未指定</text>") && svg.contains(">ghost</text>"));
        assert!(svg.contains("fd-escalation"));
    }

    /// A decision with five branches: to three other lanes (one far off),
    /// to its own lane and back to the first step, with labels short and long.
    const FIVE: &str = r#"roles: [{ id: a, title: 甲 }, { id: b, title: 乙 }, { id: c, title: 丙 }, { id: d, title: 丁 }]
flows:
  - id: fan
    title: 五路分支
    steps:
      - { id: s0, title: 受理, owner: a, next: [{ to: s1 }] }
      - id: s1
        title: 判断问题类型
        owner: a
        next:
          - { to: s2, when: 网络故障 }
          - { to: s3, when: 套餐变更，需要先核实客户身份再办理 }
          - { to: s4, when: 服务咨询 }
          - { to: s5, when: 投诉 }
          - { to: s0, when: 信息不全，退回补充 }
      - { id: s2, title: 网络处理, owner: b, end: true }
      - { id: s3, title: 变更套餐, owner: c, end: true }
      - { id: s4, title: 解答咨询, owner: a, end: true }
      - { id: s5, title: 投诉处理, owner: d, end: true }
"#;

    #[test]
    fn five_branches_fan_out_from_distinct_ports_without_tangles() {
        let spec = spec_of(FIVE);
        let flow = spec.flow("fan").unwrap();
        let found = problems(&spec, flow);
        assert!(found.is_empty(), "{}", found.join("\n"));
        let l = layout(&spec, flow, &ZH);
        let node = l.nodes.iter().find(|n| n.step.id.value == "s1").unwrap();
        let diamond = node.diamond.expect("a decision has a diamond");
        // Each branch leaves from its own point of the diamond's lower sides.
        let starts: Vec<Point> = l
            .edges
            .iter()
            .filter(|e| e.kind == EdgeKind::Flow)
            .map(|e| e.points[0])
            .filter(|p| {
                diamond.x < p.0
                    && p.0 < diamond.right()
                    && diamond.cy() <= p.1
                    && p.1 <= diamond.bottom()
            })
            .collect();
        let mut xs: Vec<i32> = starts.iter().map(|p| p.0).collect();
        xs.sort_unstable();
        xs.dedup();
        assert_eq!(xs.len(), 5, "ports {starts:?}");
        // Every label whole, none cut.
        let labels: Vec<String> = l
            .edges
            .iter()
            .filter_map(|e| e.label.as_ref())
            .map(|label| label.texts.iter().map(|t| t.text.as_str()).collect())
            .collect();
        for when in [
            "网络故障",
            "套餐变更，需要先核实客户身份再办理",
            "服务咨询",
            "投诉",
            "信息不全，退回补充",
        ] {
            assert!(labels.iter().any(|l| l == when), "{when} in {labels:?}");
        }
    }

    #[test]
    fn twelve_branches_still_fan_out_cleanly() {
        let mut yaml = String::from("flows:\n  - id: many\n    title: 十二路\n    steps:\n");
        let next: Vec<String> = (1..=12)
            .map(|i| format!("{{ to: t{i}, when: 第{i}种情况 }}"))
            .collect();
        yaml.push_str(&format!(
            "      - {{ id: d, title: 分流, owner: r0, next: [{}] }}\n",
            next.join(", ")
        ));
        for i in 1..=12 {
            yaml.push_str(&format!(
                "      - {{ id: t{i}, title: 第{i}步, owner: r{i}, end: true }}\n"
            ));
        }
        let spec = spec_of(&yaml);
        let found = problems(&spec, spec.flow("many").unwrap());
        assert!(found.is_empty(), "{}", found.join("\n"));
    }

    #[test]
    fn diamonds_ask_their_question() {
        let spec = spec_of(FIVE);
        let svg = svg_of(&spec, "fan");
        let question: Vec<&str> = svg
            .split("class=\"fd-question\"")
            .skip(1)
            .map(|t| t.split('>').nth(1).unwrap().trim_end_matches("</text"))
            .collect();
        assert_eq!(question.concat(), "判断问题类型？");
        let spec = seed_flows();
        for flow in &spec.flows {
            let l = layout(&spec, flow, &ZH);
            for n in l.nodes.iter().filter(|n| n.step.next.len() >= 2) {
                let (_, texts) = n.question.as_ref().expect("a decision asks");
                let asked: String = texts.iter().map(|t| t.text.as_str()).collect();
                assert_eq!(
                    asked,
                    format!("{}？", n.step.title.value),
                    "{}",
                    flow.id.value
                );
            }
        }
    }

    #[test]
    fn each_duration_says_its_class() {
        let spec = seed_flows();
        let svg = svg_of(&spec, "cmcc-network-complaint-handling");
        assert!(svg.contains(">重要投诉 0.5工作日</text>"), "{svg}");
        assert!(svg.contains(">一般投诉 2工作日</text>"));
        // Scopes with more than a class: each of its parts, in words; the
        // duration breaks from its class whole.
        let l = layout(
            &spec,
            spec.flow("cmcc-network-complaint-handling").unwrap(),
            &ZH,
        );
        let handle = l
            .nodes
            .iter()
            .find(|n| n.step.id.value == "handle")
            .unwrap();
        let lines: Vec<&str> = handle.texts.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(
            lines,
            [
                "问题处理",
                "重要投诉·不涉及外部门",
                "2个工作日",
                "重要投诉·涉及外部门",
                "5个工作日",
                "一般投诉·不涉及外部门",
                "5个工作日",
                "一般投诉·涉及外部门",
                "10个工作日"
            ]
        );
        let svg = svg_of(&spec, "cmcc-fault-ordinary");
        assert!(svg.contains(">非重要客户 立刻</text>"));
        // Limits of every case have no class, and pack onto shared lines.
        let spec = spec_of(
            r#"limits:
  - { id: l1, title: 一, metric: m.a, duration: 2小时 }
  - { id: l2, title: 二, metric: m.b, duration: 1天 }
flows:
  - id: f
    title: 流程
    steps: [{ id: a, title: 甲, limits: [l1, l2] }]
"#,
        );
        assert!(svg_of(&spec, "f").contains(">2小时 / 1天</text>"));
    }

    #[test]
    fn long_labels_wrap_whole() {
        let spec = seed_flows();
        let l = layout(&spec, spec.flow("cmcc-group-fault-handling").unwrap(), &ZH);
        let links: Vec<String> = l
            .nodes
            .iter()
            .filter_map(|n| n.subflow.as_ref())
            .map(|link| link.texts.iter().map(|t| t.text.as_str()).collect())
            .collect();
        assert_eq!(
            links,
            ["↪ 重要客户故障处理流程", "↪ 非重要客户故障处理流程"]
        );
        let lines = l
            .nodes
            .iter()
            .filter_map(|n| n.subflow.as_ref())
            .map(|s| s.texts.len());
        assert_eq!(
            lines.max(),
            Some(2),
            "the longer link wraps to a second line"
        );
    }

    #[test]
    fn snapshot_of_a_small_seed_flow() {
        insta::assert_snapshot!(svg_of(&seed_flows(), "cmcc-fault-ordinary"));
    }
}
