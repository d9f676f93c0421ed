//! Flow diagrams: build-time SVG with one swimlane per role.
//!
//! [`flow_svg`] renders one flow as an inline SVG for its page
//! `flows/<flow-id>.html`: no script, no external resource, scaled to the
//! page width (up to its natural size) on screen and in print. Each step box
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
//! - every edge drops into the gap below its source (from the diamond under
//!   a decision's box) and runs along its own horizontal track there (its
//!   label above it, beside the trunk); to the next row it then enters the
//!   target's top, to any other row it runs along its own track in a
//!   gutter and enters the target's side;
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
use crate::spec::model::{Escalation, Flow};
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

    use super::layout::{Point, Rect, layout};
    use super::*;

    const ZH: Labels = Labels {
        unassigned: "未指定",
        escalation: "升级",
        start: "开始",
        end: "结束",
        diagram_of: "流程图：",
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

    /// Every problem of the geometry of `flow`'s diagram, as text.
    fn problems(spec: &Spec, flow: &Flow) -> Vec<String> {
        let l = layout(spec, flow, &ZH);
        let mut solids: Vec<(String, Rect)> = Vec::new();
        for n in &l.nodes {
            solids.push((format!("step {}", n.step.id.value), n.rect));
            if let Some(d) = n.diamond {
                solids.push((format!("diamond of {}", n.step.id.value), d));
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
                svg.contains(" viewBox=\"0 0 ") && svg.contains(" width=\"100%\""),
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

    #[test]
    fn snapshot_of_a_small_seed_flow() {
        insta::assert_snapshot!(svg_of(&seed_flows(), "cmcc-fault-ordinary"));
    }
}
