//! Geometry: where every lane, box, arrow and label of one flow diagram
//! goes. Kept apart from the SVG writing so that tests can check it.
//!
//! Coordinates are integer pixels, y downwards. The passes, in order: rows
//! and lanes; box sizes (from wrapped text); routes and the slots they take
//! in the gap below their source; y of rows, gaps and side ports; tracks in
//! the gutters (they need the y spans); x of gutters and lanes (they need
//! the track counts); and last the polylines.

use std::cmp::{Ordering, Reverse};

use super::text::{pack, url, width as text_width, wrap};
use super::{Labels, escalation_text, flow_title, role_title};
use crate::spec::Spec;
use crate::spec::graph::FlowGraph;
use crate::spec::kind::Kind;
use crate::spec::model::{Escalation, Flow, Step};

/// Step titles: font size and line height.
const FONT: i32 = 13;
const LINE: i32 = 17;
/// Limits, arrow labels, notes, terminals.
const SMALL: i32 = 12;
const SMALL_LINE: i32 = 15;
const HEADER_LINE: i32 = 16;

const MARGIN: i32 = 8;
const BOX_W: i32 = 152;
const BOX_PAD_X: i32 = 8;
const BOX_PAD_Y: i32 = 6;
const BOX_MIN_H: i32 = 36;
const TITLE_LINES: usize = 3;
const LIMIT_LINES: usize = 2;
const HEADER_LINES: usize = 2;
const LABEL_LINES: usize = 3;
const NOTE_LINES: usize = 3;

const DIAMOND_W: i32 = 28;
const DIAMOND_H: i32 = 20;
/// Between a decision's box and its diamond.
const DIAMOND_GAP: i32 = 8;

const TERM_H: i32 = 24;
const TERM_MIN_W: i32 = 44;
const TERM_MAX_W: i32 = 72;
const START_ARROW: i32 = 20;

/// Gutters (the vertical channels between lanes): widths, the free margin
/// on each side of their tracks, the distance between two tracks, and the
/// clearance between two runs that share a track.
const GUTTER_MIN: i32 = 32;
const OUTER_MIN: i32 = 16;
const GUTTER_PAD: i32 = 10;
const TRACK: i32 = 8;
const TRACK_CLEAR: i32 = 6;

/// Row gaps: space above the first slot and below the last, and the least
/// gap (the length of a plain straight arrow).
const GAP_TOP: i32 = 12;
const GAP_BOTTOM: i32 = 14;
const GAP_MIN: i32 = 28;
/// A slot without a label: one horizontal track.
const SLOT_PLAIN: i32 = 8;

/// Arrow labels sit this far beside the trunk, and are at most this wide, so
/// that they end before the first gutter track: the zone beside a trunk is
/// free of vertical lines.
const LABEL_OFF: i32 = 5;
const LABEL_PAD: i32 = 2;
const LABEL_W: i32 = BOX_W / 2 + GUTTER_PAD - LABEL_OFF - 1;

/// Escalation notes: the column's width, the strip for the connectors left
/// of it, the space between two notes, and the inner padding.
const NOTE_W: i32 = 168;
const NOTE_BUS: i32 = 16;
const NOTE_GAP: i32 = 6;
const NOTE_PAD: i32 = 6;
/// Largest spacing of the ports on one side of a box.
const PORT_STEP: i32 = 10;

pub type Point = (i32, i32);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rect {
    pub x: i32,
    pub y: i32,
    pub w: i32,
    pub h: i32,
}

impl Rect {
    pub fn right(self) -> i32 {
        self.x + self.w
    }
    pub fn bottom(self) -> i32 {
        self.y + self.h
    }
    pub fn cx(self) -> i32 {
        self.x + self.w / 2
    }
    pub fn cy(self) -> i32 {
        self.y + self.h / 2
    }
}

/// How a line of text is set; the SVG writer maps it to font and colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Centred step title.
    Title,
    /// Centred limit text under a title.
    Limit,
    /// Centred link to a sub-flow inside its box.
    SubflowLink,
    /// Centred lane header.
    Header,
    /// Centred terminal text.
    Terminal,
    /// Arrow label, anchored at its start or (left of a trunk) at its end.
    Label,
    LabelEnd,
    /// Escalation note: first line, other lines, and its link to a flow.
    NoteHead,
    Note,
    NoteLink,
}

/// One line of text at its baseline.
#[derive(Debug)]
pub struct Text {
    pub x: i32,
    pub y: i32,
    pub text: String,
    pub style: Style,
}

pub struct Lane {
    pub rect: Rect,
    pub header: Rect,
    pub texts: Vec<Text>,
    /// The column of escalation notes rather than a role's lane.
    pub escalation: bool,
}

pub struct Node<'a> {
    pub step: &'a Step,
    /// Index of the step in its flow.
    pub index: usize,
    pub rect: Rect,
    pub diamond: Option<Rect>,
    pub texts: Vec<Text>,
    /// The sub-flow page and the line that links to it.
    pub subflow: Option<Link>,
    /// The full title and limits, shown on hover.
    pub tooltip: String,
}

/// A link to another flow's page.
pub struct Link {
    pub href: String,
    pub text: Text,
    /// The flow's full title, shown on hover.
    pub title: String,
}

pub struct Terminal {
    pub rect: Rect,
    pub text: Text,
}

pub struct Note {
    pub rect: Rect,
    pub texts: Vec<Text>,
    /// The page of the flow the escalation starts.
    pub href: Option<String>,
    pub tooltip: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EdgeKind {
    /// A step's successor (or a terminal's arrow).
    Flow,
    /// An escalation to a step of the flow.
    Escalation,
    /// The dashed line from a step to its escalation notes (no arrowhead).
    Annotation,
}

pub struct Label {
    pub rect: Rect,
    pub texts: Vec<Text>,
    pub full: String,
}

pub struct Edge {
    pub kind: EdgeKind,
    pub points: Vec<Point>,
    pub label: Option<Label>,
}

pub struct Layout<'a> {
    pub width: i32,
    pub height: i32,
    pub lanes: Vec<Lane>,
    /// One per step, in row order (top to bottom).
    pub nodes: Vec<Node<'a>>,
    pub terminals: Vec<Terminal>,
    pub notes: Vec<Note>,
    pub edges: Vec<Edge>,
}

/// The successors of step `i`, each with its `when`, in `next` order.
pub fn branches<'a>(flow: &'a Flow, graph: &FlowGraph, i: usize) -> Vec<(usize, Option<&'a str>)> {
    let next = &flow.steps[i].next;
    graph.next[i]
        .iter()
        .map(|s| {
            let when = s.entry.and_then(|k| next[k].when.as_ref());
            (s.step, when.map(|w| w.value.as_str()))
        })
        .collect()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Side {
    Left,
    Right,
}

/// How an edge is routed. Gutter `g` lies left of lane `g` (gutter 0 is the
/// left margin, gutter `lanes` the right one).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Route {
    /// From the bottom into the gap below, then into the top of the next row.
    Down,
    /// From the bottom into the gap below, along gutter `g`, into a side.
    Bottom(usize),
    /// From a side along gutter `g` into a side (escalations, which so
    /// stand apart from the flow's own edges).
    Side(usize),
}

struct Plan<'a> {
    kind: EdgeKind,
    from: usize,
    to: usize,
    label: Option<&'a str>,
    route: Route,
}

/// The side of a box in lane `lane` that faces gutter `g`.
fn facing(lane: usize, g: usize) -> Side {
    if g <= lane { Side::Left } else { Side::Right }
}

/// The gutter for an edge from lane `p` to lane `q`: one between the two
/// lanes, next to the target (the flow's edges, whose long horizontal then
/// lies in their source's gap) or to the source (escalations, which leave
/// from a side); within one lane, loops back go left and the rest right, so
/// that loops stand out.
fn gutter(p: usize, q: usize, back: bool, near_target: bool) -> usize {
    match (p.cmp(&q), near_target) {
        (Ordering::Less, true) => q,
        (Ordering::Less, false) => p + 1,
        (Ordering::Greater, true) => q + 1,
        (Ordering::Greater, false) => p,
        (Ordering::Equal, _) => p + usize::from(!back),
    }
}

enum SlotKind {
    Edge(usize),
    End,
}

/// A band of the gap below a row, holding one outgoing edge's horizontal
/// track (and its label above the track) or an end terminal.
struct Slot {
    kind: SlotKind,
    label: Vec<String>,
    y: i32,
}

impl Slot {
    fn label_h(&self) -> i32 {
        if self.label.is_empty() {
            0
        } else {
            lines(&self.label) * SMALL_LINE + 2 * LABEL_PAD
        }
    }
    fn height(&self) -> i32 {
        match self.kind {
            SlotKind::End => TERM_H + SLOT_PLAIN,
            SlotKind::Edge(_) => self.label_h() + SLOT_PLAIN,
        }
    }
    fn track(&self) -> i32 {
        self.y + self.label_h() + SLOT_PLAIN / 2
    }
}

/// A line count as a coordinate factor.
fn lines<T>(v: &[T]) -> i32 {
    i32::try_from(v.len()).unwrap_or(i32::MAX / LINE)
}

fn terminal_width(text: &str) -> i32 {
    (text_width(text, SMALL) as i32 + 16).clamp(TERM_MIN_W, TERM_MAX_W)
}

/// A terminal with its top at `y`, centred on `cx` unless it starts at `x`.
fn terminal(text: &str, cx: i32, x: Option<i32>, y: i32) -> Terminal {
    let w = terminal_width(text);
    let rect = Rect {
        x: x.unwrap_or(cx - w / 2),
        y,
        w,
        h: TERM_H,
    };
    let text = Text {
        x: rect.cx(),
        y: rect.y + 16,
        text: wrap(text, w - 8, SMALL, 1).concat(),
        style: Style::Terminal,
    };
    Terminal { rect, text }
}

/// Lines of `texts` from `y` down, with `line` px each, at `x` in `style`.
fn set(out: &mut Vec<Text>, lines: &[String], x: i32, y: i32, line: i32, style: Style) -> i32 {
    for (i, text) in lines.iter().enumerate() {
        out.push(Text {
            x,
            y: y + (i as i32 + 1) * line - line / 4,
            text: text.clone(),
            style,
        });
    }
    y + self::lines(lines) * line
}

/// The content of a step's box, before it has a place.
struct Content {
    title: Vec<String>,
    limits: Vec<String>,
    subflow: Option<FlowLink>,
    tooltip: String,
    /// Height of the text block, and of the box.
    text_h: i32,
    h: i32,
}

/// A link to flow `id`'s page, before it has a place: its address, its
/// text on one line of `max` px, and the flow's full title.
struct FlowLink {
    href: String,
    line: String,
    title: String,
}

fn flow_link(spec: &Spec, id: &str, max: i32) -> FlowLink {
    let title = flow_title(spec, id).to_owned();
    FlowLink {
        href: format!("{}.html", url(id)),
        line: wrap(&format!("↪ {title}"), max, SMALL, 1).concat(),
        title,
    }
}

fn content(spec: &Spec, step: &Step) -> Content {
    let inner = BOX_W - 2 * BOX_PAD_X;
    let mut title = wrap(&step.title, inner, FONT, TITLE_LINES);
    if title.is_empty() {
        title = wrap(&step.id, inner, FONT, TITLE_LINES);
    }
    let mut texts: Vec<&str> = Vec::new();
    for id in &step.limits {
        let info = spec
            .index_of(Kind::Limit, id)
            .and_then(|i| spec.limit_info.get(i));
        if let Some(info) = info
            && !texts.contains(&info.text.as_str())
        {
            texts.push(&info.text);
        }
    }
    let limits = pack(&texts, " / ", inner, SMALL, LIMIT_LINES);
    let limit_text = texts.join(" / ");
    let subflow = step.subflow.as_ref().map(|id| flow_link(spec, id, inner));
    // The link line, and room for the inner border of a sub-flow's box.
    let link_h = if subflow.is_some() { SMALL_LINE + 4 } else { 0 };
    let text_h = lines(&title) * LINE + lines(&limits) * SMALL_LINE + link_h;
    let h = (2 * BOX_PAD_Y + text_h).max(BOX_MIN_H);
    let mut tooltip = step.title.value.clone();
    if !limit_text.is_empty() {
        tooltip = format!("{tooltip}\n{limit_text}");
    }
    Content {
        title,
        limits,
        subflow,
        tooltip,
        text_h,
        h,
    }
}

/// What an escalation note says, before it has a place.
struct NoteContent {
    head: Vec<String>,
    body: Vec<String>,
    notify: Vec<String>,
    flow: Option<FlowLink>,
    tooltip: String,
    h: i32,
}

fn note_content(spec: &Spec, esc: &Escalation, labels: &Labels) -> NoteContent {
    let inner = NOTE_W - 2 * NOTE_PAD;
    let [head, body, notify] = escalation_text(spec, esc, labels);
    let flow = esc.flow.as_ref().map(|id| flow_link(spec, id, inner));
    let tooltip = [head.as_str(), body.as_str(), notify.as_str()]
        .into_iter()
        .chain(flow.as_ref().map(|f| f.title.as_str()))
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    let head = wrap(&head, inner, SMALL, 1);
    let body = wrap(&body, inner, SMALL, NOTE_LINES);
    let notify = wrap(&notify, inner, SMALL, 1);
    let count = lines(&head) + lines(&body) + lines(&notify) + i32::from(flow.is_some());
    NoteContent {
        head,
        body,
        notify,
        flow,
        tooltip,
        h: 2 * NOTE_PAD + count * SMALL_LINE,
    }
}

/// Points with repeats and straight-through corners removed.
fn simplify(points: Vec<Point>) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::with_capacity(points.len());
    for p in points {
        if out.last() == Some(&p) {
            continue;
        }
        if let [.., a, b] = out[..]
            && (a.0 == b.0 && b.0 == p.0 || a.1 == b.1 && b.1 == p.1)
        {
            // b lies on the line from a to p; only drop it if it is between.
            let between = (a.0.min(p.0)..=a.0.max(p.0)).contains(&b.0)
                && (a.1.min(p.1)..=a.1.max(p.1)).contains(&b.1);
            if between {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

/// A vertical run in a gutter: its span, and where the horizontals at its
/// two ends join it (their y, and whether they leave it leftwards).
struct Run {
    lo: i32,
    hi: i32,
    ends: [(i32, bool); 2],
}

/// The tracks of one gutter's runs, as positions from the left, and their
/// count. Each run takes the first track where it clears the runs already
/// there; of the arrangements with short runs placed first or last and
/// counted from either side, the one with the fewest crossings wins (short
/// runs nest inside long ones for loops, outside them for staircases).
fn tracks(runs: &[Run]) -> (Vec<usize>, usize) {
    let mut best: Option<(usize, usize, Vec<usize>)> = None;
    for longest_first in [false, true] {
        let mut order: Vec<usize> = (0..runs.len()).collect();
        order.sort_by_key(|&k| {
            let len = runs[k].hi - runs[k].lo;
            (if longest_first { -len } else { len }, runs[k].lo, k)
        });
        let mut taken: Vec<Vec<(i32, i32)>> = Vec::new();
        let mut track = vec![0; runs.len()];
        for k in order {
            let Run { lo, hi, .. } = runs[k];
            let free = |t: &Vec<(i32, i32)>| {
                t.iter()
                    .all(|&(a, b)| hi + TRACK_CLEAR < a || b + TRACK_CLEAR < lo)
            };
            let t = taken.iter().position(free).unwrap_or_else(|| {
                taken.push(Vec::new());
                taken.len() - 1
            });
            taken[t].push((lo, hi));
            track[k] = t;
        }
        let count = taken.len();
        for mirror in [false, true] {
            let pos: Vec<usize> = track
                .iter()
                .map(|&t| if mirror { count - 1 - t } else { t })
                .collect();
            let score = (crossings(runs, &pos), count);
            if best.as_ref().is_none_or(|b| score < (b.0, b.1)) {
                best = Some((score.0, count, pos));
            }
        }
    }
    best.map(|(_, count, pos)| (pos, count)).unwrap_or_default()
}

/// How often the end horizontals of `runs` cross other runs' verticals,
/// with the runs at track positions `pos`.
fn crossings(runs: &[Run], pos: &[usize]) -> usize {
    let mut n = 0;
    for (a, ra) in runs.iter().enumerate() {
        for &(y, leftwards) in &ra.ends {
            n += runs
                .iter()
                .enumerate()
                .filter(|&(b, rb)| {
                    let beyond = if leftwards {
                        pos[b] < pos[a]
                    } else {
                        pos[b] > pos[a]
                    };
                    b != a && rb.lo < y && y < rb.hi && beyond
                })
                .count();
        }
    }
    n
}

/// The geometry of `flow`'s diagram (see the module documentation).
pub fn layout<'a>(spec: &'a Spec, flow: &'a Flow, labels: &Labels) -> Layout<'a> {
    let steps = &flow.steps;
    let Some(relations) = spec.flow_relations(flow).filter(|r| !r.order.is_empty()) else {
        return Layout {
            width: BOX_W,
            height: 2 * MARGIN,
            lanes: Vec::new(),
            nodes: Vec::new(),
            terminals: Vec::new(),
            notes: Vec::new(),
            edges: Vec::new(),
        };
    };
    let (graph, rows) = (&relations.graph, &relations.order);
    let n = rows.len();
    let mut row_of = vec![0; n];
    for (r, &s) in rows.iter().enumerate() {
        row_of[s] = r;
    }

    // Lanes, in order of first appearance down the rows.
    let mut owners: Vec<Option<&str>> = Vec::new();
    let lane: Vec<usize> = rows
        .iter()
        .map(|&s| {
            let owner = steps[s].owner.as_ref().map(|o| o.value.as_str());
            owners.iter().position(|&o| o == owner).unwrap_or_else(|| {
                owners.push(owner);
                owners.len() - 1
            })
        })
        .collect();
    let lanes_n = owners.len();

    let contents: Vec<Content> = rows.iter().map(|&s| content(spec, &steps[s])).collect();
    let box_h: Vec<i32> = contents.iter().map(|c| c.h).collect();
    let notes: Vec<Vec<NoteContent>> = rows
        .iter()
        .map(|&s| {
            steps[s]
                .escalations
                .iter()
                .map(|e| note_content(spec, e, labels))
                .collect()
        })
        .collect();
    let has_notes = notes.iter().any(|n| !n.is_empty());

    // Routes.
    let mut plans: Vec<Plan> = Vec::new();
    for (r, &s) in rows.iter().enumerate() {
        for (t, when) in branches(flow, graph, s) {
            let to = row_of[t];
            let route = if to == r + 1 {
                Route::Down
            } else {
                Route::Bottom(gutter(lane[r], lane[to], to <= r, true))
            };
            plans.push(Plan {
                kind: EdgeKind::Flow,
                from: r,
                to,
                label: when,
                route,
            });
        }
    }
    for (r, &s) in rows.iter().enumerate() {
        for esc in &steps[s].escalations {
            let target = esc
                .to
                .as_ref()
                .and_then(|to| steps.iter().position(|x| x.id.value == to.value));
            if let Some(t) = target {
                let to = row_of[t];
                plans.push(Plan {
                    kind: EdgeKind::Escalation,
                    from: r,
                    to,
                    label: None,
                    route: Route::Side(gutter(lane[r], lane[to], false, false)),
                });
            }
        }
    }

    // Slots below each row: the edges going farthest sideways first, so that
    // no edge's horizontal crosses a sibling's vertical; the end terminal last.
    let trunk_pos = |r: usize| 2 * lane[r] + 1;
    let dest_pos = |p: &Plan| match p.route {
        Route::Down => 2 * lane[p.to] + 1,
        Route::Bottom(g) | Route::Side(g) => 2 * g,
    };
    let mut slots: Vec<Vec<Slot>> = (0..n).map(|_| Vec::new()).collect();
    for (i, p) in plans.iter().enumerate() {
        if matches!(p.route, Route::Side(_)) {
            continue;
        }
        let label = p
            .label
            .map(|l| wrap(l, LABEL_W - 2 * LABEL_PAD, SMALL, LABEL_LINES))
            .unwrap_or_default();
        if label.is_empty() && dest_pos(p) == trunk_pos(p.from) {
            continue;
        }
        slots[p.from].push(Slot {
            kind: SlotKind::Edge(i),
            label,
            y: 0,
        });
    }
    for (r, row) in slots.iter_mut().enumerate() {
        // Then, towards one gutter, the edge to the lower row first when
        // the target lies on the trunk's side of the gutter, else last: the
        // runs then nest (or stack) without crossing.
        let key = |s: &Slot| match s.kind {
            SlotKind::Edge(i) => {
                let p = &plans[i];
                let rows = p.to as i64 - p.from as i64;
                let same_side = match p.route {
                    Route::Bottom(g) => (lane[p.from] < g) == (lane[p.to] < g),
                    _ => true,
                };
                let rows = if same_side { rows } else { -rows };
                (dest_pos(p).abs_diff(trunk_pos(r)), rows)
            }
            SlotKind::End => (0, 0),
        };
        row.sort_by_key(|s| Reverse(key(s)));
        if graph.exit[rows[r]] {
            row.push(Slot {
                kind: SlotKind::End,
                label: Vec::new(),
                y: 0,
            });
        }
    }

    // Vertical pass: header, start terminal, then rows and their gaps.
    let header_lines: Vec<Vec<String>> = owners
        .iter()
        .map(|&o| role_title(spec, o, labels))
        .chain(has_notes.then(|| labels.escalation.to_owned()))
        .map(|t| wrap(&t, BOX_W, FONT, HEADER_LINES))
        .collect();
    let header_h = header_lines.iter().map(|l| lines(l)).max().unwrap_or(1) * HEADER_LINE + 10;
    let start_y = MARGIN + header_h + 12;
    let mut y = start_y + TERM_H + START_ARROW;
    let mut row_y = vec![0; n];
    for r in 0..n {
        row_y[r] = y;
        let decision = steps[rows[r]].next.len() >= 2;
        let node_h = box_h[r] + if decision { DIAMOND_GAP + DIAMOND_H } else { 0 };
        let notes_h: i32 = notes[r].iter().map(|n| n.h + NOTE_GAP).sum::<i32>() - NOTE_GAP;
        y += node_h.max(notes_h);
        let mut sy = y + GAP_TOP;
        for slot in &mut slots[r] {
            slot.y = sy;
            sy += slot.height();
        }
        y = if slots[r].is_empty() {
            y + GAP_MIN
        } else {
            (sy + GAP_BOTTOM).max(y + GAP_MIN)
        };
    }
    let height = y + MARGIN;
    let box_of = |r: usize| Rect {
        x: 0,
        y: row_y[r],
        w: BOX_W,
        h: box_h[r],
    };

    // Side ports: those of one side of one box spread around its middle,
    // edges to rows above taking the upper places.
    #[derive(Clone, Copy)]
    enum Port {
        Exit(usize),
        Entry(usize),
        Note,
    }
    let mut requests: Vec<(usize, Side, usize, usize, Port)> = Vec::new();
    for (i, p) in plans.iter().enumerate() {
        match p.route {
            Route::Down => {}
            Route::Bottom(g) => {
                requests.push((p.to, facing(lane[p.to], g), p.from, i, Port::Entry(i)))
            }
            Route::Side(g) => {
                requests.push((p.from, facing(lane[p.from], g), p.to, i, Port::Exit(i)));
                requests.push((p.to, facing(lane[p.to], g), p.from, i, Port::Entry(i)));
            }
        }
    }
    for (r, ns) in notes.iter().enumerate() {
        if !ns.is_empty() {
            requests.push((r, Side::Right, r, usize::MAX, Port::Note));
        }
    }
    requests.sort_by_key(|&(r, side, other, i, _)| (r, side, other, i));
    let mut exit_y = vec![0; plans.len()];
    let mut entry_y = vec![0; plans.len()];
    let mut note_y = vec![0; n];
    for group in requests.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
        let rect = box_of(group[0].0);
        let k = lines(group);
        let step = ((rect.h - 8) / k).clamp(1, PORT_STEP);
        for (j, &(r, _, _, _, port)) in group.iter().enumerate() {
            let py = rect.cy() - step * (k - 1) / 2 + step * j as i32;
            match port {
                Port::Exit(i) => exit_y[i] = py,
                Port::Entry(i) => entry_y[i] = py,
                Port::Note => note_y[r] = py,
            }
        }
    }

    // Gutter tracks.
    let slot_track = |i: usize| {
        slots[plans[i].from]
            .iter()
            .find(|s| matches!(s.kind, SlotKind::Edge(j) if j == i))
            .map(|s| s.track())
    };
    let mut runs: Vec<Vec<(usize, Run)>> = (0..=lanes_n).map(|_| Vec::new()).collect();
    for (i, p) in plans.iter().enumerate() {
        let (g, start) = match p.route {
            Route::Down => continue,
            Route::Bottom(g) => (g, slot_track(i).unwrap_or(row_y[p.from])),
            Route::Side(g) => (g, exit_y[i]),
        };
        let run = Run {
            lo: start.min(entry_y[i]),
            hi: start.max(entry_y[i]),
            ends: [(start, lane[p.from] < g), (entry_y[i], lane[p.to] < g)],
        };
        runs[g].push((i, run));
    }
    let mut track = vec![0usize; plans.len()];
    let mut tracks_n = vec![0usize; lanes_n + 1];
    for (g, runs) in runs.into_iter().enumerate() {
        let (plan, runs): (Vec<usize>, Vec<Run>) = runs.into_iter().unzip();
        let (positions, count) = tracks(&runs);
        for (i, position) in plan.into_iter().zip(positions) {
            track[i] = position;
        }
        tracks_n[g] = count;
    }

    // Horizontal pass: gutters and lanes, left to right.
    let gw: Vec<i32> = (0..=lanes_n)
        .map(|g| {
            let min = if g == 0 || g == lanes_n {
                OUTER_MIN
            } else {
                GUTTER_MIN
            };
            let t = i32::try_from(tracks_n[g]).unwrap_or(i32::MAX / TRACK);
            if t == 0 {
                min
            } else {
                min.max(2 * GUTTER_PAD + (t - 1) * TRACK)
            }
        })
        .collect();
    let mut gx = vec![0; lanes_n + 1];
    let mut lane_x = vec![0; lanes_n];
    for k in 0..lanes_n {
        lane_x[k] = gx[k] + gw[k];
        gx[k + 1] = lane_x[k] + BOX_W;
    }
    let right = gx[lanes_n] + gw[lanes_n];
    let note_x = right + NOTE_BUS;
    let width = if has_notes {
        note_x + NOTE_W + MARGIN
    } else {
        right
    };
    let track_x = |g: usize, i: usize| {
        let t = tracks_n[g] as i32;
        let pos = track[i] as i32;
        gx[g] + (gw[g] - (t - 1) * TRACK) / 2 + pos * TRACK
    };
    let cx = |r: usize| lane_x[lane[r]] + BOX_W / 2;
    let rect_of = |r: usize| Rect {
        x: lane_x[lane[r]],
        ..box_of(r)
    };
    let side_x = |r: usize, side: Side| match side {
        Side::Left => rect_of(r).x,
        Side::Right => rect_of(r).right(),
    };

    // Lanes (and the escalation column).
    let mut bounds: Vec<i32> = vec![0];
    bounds.extend((1..lanes_n).map(|k| gx[k] + gw[k] / 2));
    bounds.push(if has_notes {
        gx[lanes_n] + gw[lanes_n] / 2
    } else {
        width
    });
    if has_notes {
        bounds.push(width);
    }
    let lanes: Vec<Lane> = bounds
        .windows(2)
        .zip(&header_lines)
        .enumerate()
        .map(|(k, (b, text))| {
            let rect = Rect {
                x: b[0],
                y: MARGIN,
                w: b[1] - b[0],
                h: height - 2 * MARGIN,
            };
            let header = Rect {
                x: rect.x + 3,
                y: MARGIN + 3,
                w: rect.w - 6,
                h: header_h - 6,
            };
            let mut texts = Vec::new();
            set(
                &mut texts,
                text,
                rect.cx(),
                MARGIN + 5,
                HEADER_LINE,
                Style::Header,
            );
            Lane {
                rect,
                header,
                texts,
                escalation: k == lanes_n,
            }
        })
        .collect();

    // Boxes.
    let mut nodes = Vec::with_capacity(n);
    for (r, c) in contents.into_iter().enumerate() {
        let rect = rect_of(r);
        let step = &steps[rows[r]];
        let diamond = (step.next.len() >= 2).then(|| Rect {
            x: rect.cx() - DIAMOND_W / 2,
            y: rect.bottom() + DIAMOND_GAP,
            w: DIAMOND_W,
            h: DIAMOND_H,
        });
        let mut texts = Vec::new();
        let top = rect.y + (rect.h - c.text_h) / 2;
        let y = set(&mut texts, &c.title, rect.cx(), top, LINE, Style::Title);
        let y = set(
            &mut texts,
            &c.limits,
            rect.cx(),
            y,
            SMALL_LINE,
            Style::Limit,
        );
        let subflow = c.subflow.map(|link| Link {
            href: link.href,
            text: Text {
                x: rect.cx(),
                y: y + 2 + SMALL_LINE - SMALL_LINE / 4,
                text: link.line,
                style: Style::SubflowLink,
            },
            title: link.title,
        });
        nodes.push(Node {
            step,
            index: rows[r],
            rect,
            diamond,
            texts,
            subflow,
            tooltip: c.tooltip,
        });
    }
    let trunk_start = |r: usize| {
        let node: &Node = &nodes[r];
        (
            node.rect.cx(),
            node.diamond.map_or(node.rect.bottom(), |d| d.bottom()),
        )
    };

    // Edges.
    let mut edges = Vec::new();
    let mut terminals = vec![terminal(labels.start, cx(0), None, start_y)];
    edges.push(Edge {
        kind: EdgeKind::Flow,
        points: vec![(cx(0), start_y + TERM_H), (cx(0), row_y[0])],
        label: None,
    });
    for (i, p) in plans.iter().enumerate() {
        let (x0, y0) = trunk_start(p.from);
        let track = slot_track(i).unwrap_or(y0);
        let entry = |g: usize| {
            [
                (track_x(g, i), entry_y[i]),
                (side_x(p.to, facing(lane[p.to], g)), entry_y[i]),
            ]
        };
        let (points, dest_x) = match p.route {
            Route::Down => {
                let xt = cx(p.to);
                (
                    vec![(x0, y0), (x0, track), (xt, track), (xt, row_y[p.to])],
                    xt,
                )
            }
            Route::Bottom(g) => {
                let mut v = vec![(x0, y0), (x0, track), (track_x(g, i), track)];
                v.extend(entry(g));
                (v, track_x(g, i))
            }
            Route::Side(g) => {
                let side = facing(lane[p.from], g);
                let mut v = vec![
                    (side_x(p.from, side), exit_y[i]),
                    (track_x(g, i), exit_y[i]),
                ];
                v.extend(entry(g));
                (v, track_x(g, i))
            }
        };
        let slot = slots[p.from]
            .iter()
            .find(|s| matches!(s.kind, SlotKind::Edge(j) if j == i) && !s.label.is_empty());
        let label = slot.map(|s| {
            let w = s
                .label
                .iter()
                .map(|l| text_width(l, SMALL).ceil() as i32)
                .max()
                .unwrap_or(0)
                + 2 * LABEL_PAD;
            let w = w.min(LABEL_W);
            let rightwards = dest_x >= x0;
            let rect = Rect {
                x: if rightwards {
                    x0 + LABEL_OFF
                } else {
                    x0 - LABEL_OFF - w
                },
                y: s.y,
                w,
                h: s.label_h(),
            };
            let (tx, style) = if rightwards {
                (rect.x + LABEL_PAD, Style::Label)
            } else {
                (rect.right() - LABEL_PAD, Style::LabelEnd)
            };
            let mut texts = Vec::new();
            set(
                &mut texts,
                &s.label,
                tx,
                rect.y + LABEL_PAD,
                SMALL_LINE,
                style,
            );
            Label {
                rect,
                texts,
                full: p.label.unwrap_or_default().to_owned(),
            }
        });
        edges.push(Edge {
            kind: p.kind,
            points: simplify(points),
            label,
        });
    }
    for (r, row) in slots.iter().enumerate() {
        for slot in row.iter().filter(|s| matches!(s.kind, SlotKind::End)) {
            let (x0, y0) = trunk_start(r);
            // Beside the trunk when an arrow goes straight on through it.
            let straight = plans
                .iter()
                .any(|p| p.from == r && p.route == Route::Down && lane[p.to] == lane[r]);
            let t = terminal(
                labels.end,
                x0,
                straight.then_some(x0 + LABEL_OFF + 3),
                slot.y + SLOT_PLAIN / 2,
            );
            let points = if straight {
                vec![(x0, y0), (x0, t.rect.cy()), (t.rect.x, t.rect.cy())]
            } else {
                vec![(x0, y0), (x0, t.rect.y)]
            };
            edges.push(Edge {
                kind: EdgeKind::Flow,
                points: simplify(points),
                label: None,
            });
            terminals.push(t);
        }
    }

    // Escalation notes, stacked in their step's row, joined to the step by
    // a dashed bus left of the column.
    let mut placed = Vec::new();
    for (r, row) in notes.into_iter().enumerate() {
        let mut y = row_y[r];
        for note in row {
            let rect = Rect {
                x: note_x,
                y,
                w: NOTE_W,
                h: note.h,
            };
            y += note.h + NOTE_GAP;
            let bus = note_x - NOTE_BUS / 2;
            edges.push(Edge {
                kind: EdgeKind::Annotation,
                points: simplify(vec![
                    (rect_of(r).right(), note_y[r]),
                    (bus, note_y[r]),
                    (bus, rect.cy()),
                    (rect.x, rect.cy()),
                ]),
                label: None,
            });
            let x = rect.x + NOTE_PAD;
            let mut texts = Vec::new();
            let ty = set(
                &mut texts,
                &note.head,
                x,
                rect.y + NOTE_PAD,
                SMALL_LINE,
                Style::NoteHead,
            );
            let ty = set(&mut texts, &note.body, x, ty, SMALL_LINE, Style::Note);
            let ty = set(&mut texts, &note.notify, x, ty, SMALL_LINE, Style::Note);
            let href = note.flow.map(|link| {
                set(&mut texts, &[link.line], x, ty, SMALL_LINE, Style::NoteLink);
                link.href
            });
            placed.push(Note {
                rect,
                texts,
                href,
                tooltip: note.tooltip,
            });
        }
    }

    Layout {
        width,
        height,
        lanes,
        nodes,
        terminals,
        notes: placed,
        edges,
    }
}
