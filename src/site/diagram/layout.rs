//! Geometry: where every lane, box, arrow and label of one flow diagram
//! goes. Kept apart from the SVG writing so that tests can check it.
//!
//! Coordinates are integer pixels, y downwards. [`layout`] runs these
//! passes in order, each a function of that name whose result the later
//! ones read:
//! - `rows_and_lanes`: the row of each step ([`order`]) and the lane of
//!   each row;
//! - `contents`: the text of the boxes, notes and lane headers, wrapped to
//!   their widths, and so the height of each box and note;
//! - `routes`: how each edge runs: straight down to the next row, from
//!   below its source by a gutter into a side of its target, or (an
//!   escalation) side to side by a gutter;
//! - `slots`: the bands of the gap below each row that its edges'
//!   horizontals (with their labels) and its end terminal take;
//! - `vertical`: the y of the headers, rows and slots, and the height;
//! - `ports`: the y where edges leave and enter the sides of boxes;
//! - `tracks`: the track of each vertical run in its gutter (they need the
//!   y spans);
//! - `horizontal`: the x of gutters and lanes (they need the track counts),
//!   and the width;
//! - `emit`: the lanes, boxes, terminals, polylines, labels and notes in
//!   their places.

use std::cmp::{Ordering, Reverse};

use super::style::Style;
use super::text::{balanced, pack, width as text_width, wrap};
use super::{Labels, escalation_text, flow_title, owner_id, role_title, scope_words};
use crate::site::url;
use crate::spec::Spec;
use crate::spec::graph::FlowGraph;
use crate::spec::kind::Kind;
use crate::spec::model::{Escalation, Flow, Step};
use crate::spec::relations::FlowRelations;

const MARGIN: i32 = 8;
const BOX_W: i32 = 152;
const BOX_PAD_X: i32 = 8;
const BOX_PAD_Y: i32 = 6;
const BOX_MIN_H: i32 = 36;
/// At most so many lines of each text: long texts wrap and the boxes grow;
/// the bounds only keep a pathological spec's picture finite (the cut line
/// ends in "…", the full text is in the tooltip).
const TITLE_LINES: usize = 8;
const LIMIT_LINES: usize = 8;
const HEADER_LINES: usize = 3;
const LABEL_LINES: usize = 8;
const NOTE_LINES: usize = 8;
const LINK_LINES: usize = 4;
const QUESTION_LINES: usize = 6;

/// A decision's diamond, its question inside: its width (the box's, less
/// a margin), its least height, the margin between the question's lines
/// and its sides, and the gap to the box above.
const DIAMOND_W: i32 = BOX_W - 16;
const DIAMOND_MIN_H: i32 = 40;
const DIAMOND_PAD: i32 = 4;
const DIAMOND_GAP: i32 = 8;
/// The distance between the ports of the edges fanning out below a box, at
/// most, and the most its outer ports lie from the middle (the rest of the
/// half lane is left to the labels; on a diamond, within half its half
/// width, below its question).
const FAN_STEP: i32 = 8;
const FAN_SPAN: i32 = 32;

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
    /// A decision's question, left of its diamond: where, and its lines.
    pub question: Option<(Rect, Vec<Text>)>,
    pub texts: Vec<Text>,
    /// The link to the step's details on the flow's page.
    pub href: String,
    /// The sub-flow page and the line that links to it.
    pub subflow: Option<Link>,
    /// The full title and limits, shown on hover.
    pub tooltip: String,
}

/// A link to another flow's page.
pub struct Link {
    pub href: String,
    pub texts: Vec<Text>,
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

/// The geometry of `flow`'s diagram: the passes of the module
/// documentation, in order.
pub fn layout<'a>(spec: &'a Spec, flow: &'a Flow, labels: &Labels) -> Layout<'a> {
    let relations = spec.flow_relations(flow);
    let rows = relations.map(|r| rows_and_lanes(spec, flow, r));
    let (Some(relations), Some(rows)) = (relations, rows.filter(|r| !r.step.is_empty())) else {
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
    let contents = contents(spec, flow, &rows, labels);
    let graph = &relations.graph;
    let plans = routes(flow, graph, &rows);
    let mut slots = slots(&plans, &rows, graph);
    let vertical = vertical(&contents, &mut slots);
    let ports = ports(&plans, &rows.lane, &contents, &vertical.boxes);
    let tracks = tracks(&plans, &rows, &slots, &vertical.boxes, &ports);
    let horizontal = horizontal(&tracks, contents.has_notes());
    let frame = Frame {
        rows: &rows,
        plans: &plans,
        slots: &slots,
        vertical: &vertical,
        ports: &ports,
        tracks: &tracks,
        horizontal: &horizontal,
    };
    emit(flow, labels, contents, &frame)
}

/// The rows and lanes pass.
struct Rows<'a> {
    /// The step in each row, and the row of each step.
    step: Vec<usize>,
    row_of: Vec<usize>,
    /// The lane of each row, and the owner of each lane (`None`: no owner).
    lane: Vec<usize>,
    owners: Vec<Option<&'a str>>,
}

/// One step per row, in the flow's reading order; one lane per (effective)
/// owner, in order of first appearance down the rows, so that the flow
/// reads from the top left.
fn rows_and_lanes<'a>(spec: &'a Spec, flow: &'a Flow, relations: &FlowRelations) -> Rows<'a> {
    let step = relations.order.clone();
    let mut row_of = vec![0; step.len()];
    for (r, &s) in step.iter().enumerate() {
        row_of[s] = r;
    }
    let mut owners: Vec<Option<&str>> = Vec::new();
    let lane = step
        .iter()
        .map(|&s| {
            let owner = owner_id(spec, flow, relations, s);
            owners.iter().position(|&o| o == owner).unwrap_or_else(|| {
                owners.push(owner);
                owners.len() - 1
            })
        })
        .collect();
    Rows {
        step,
        row_of,
        lane,
        owners,
    }
}

/// The contents pass.
struct Contents {
    /// Each row's box and escalation notes.
    boxes: Vec<Content>,
    notes: Vec<Vec<NoteContent>>,
    /// Each lane's header, then the escalation column's if there are notes.
    headers: Vec<Vec<String>>,
}

impl Contents {
    fn has_notes(&self) -> bool {
        self.notes.iter().any(|n| !n.is_empty())
    }
}

/// What every box, note and lane header says, wrapped to its width: the
/// text decides the heights, which the vertical pass needs.
fn contents(spec: &Spec, flow: &Flow, rows: &Rows, labels: &Labels) -> Contents {
    let steps = || rows.step.iter().map(|&s| &flow.steps[s]);
    let note = |e: &Escalation| note_content(spec, &flow.id, e, labels);
    let mut contents = Contents {
        boxes: steps()
            .map(|step| content(spec, &flow.id, step, labels))
            .collect(),
        notes: steps()
            .map(|step| step.escalations.iter().map(|e| note(e)).collect())
            .collect(),
        headers: Vec::new(),
    };
    let escalation = contents.has_notes().then(|| labels.escalation.to_owned());
    contents.headers = rows
        .owners
        .iter()
        .map(|&o| role_title(spec, o, labels))
        .chain(escalation)
        .map(|t| wrap(&t, BOX_W, Style::Header.size(), HEADER_LINES))
        .collect();
    contents
}

/// The content of a step's box, before it has a place.
struct Content {
    title: Vec<String>,
    limits: Vec<String>,
    subflow: Option<FlowLink>,
    /// A decision's box has a diamond below it, with its question inside.
    decision: bool,
    question: Vec<String>,
    /// The link to the step's details.
    href: String,
    tooltip: String,
    /// Height of the text block, and of the box.
    text_h: i32,
    h: i32,
}

/// A link to flow `id`'s page, before it has a place: its address, its
/// text wrapped to lines of `max` px, and the flow's full title.
struct FlowLink {
    href: String,
    lines: Vec<String>,
    title: String,
}

/// The link to flow `id` from flow `from`'s page, set in `style`.
fn flow_link(spec: &Spec, from: &str, id: &str, max: i32, style: Style) -> FlowLink {
    let title = flow_title(spec, id).to_owned();
    FlowLink {
        href: url::relative(&url::flow(from), &url::flow(id)),
        lines: balanced(&format!("↪ {title}"), max, style.size(), LINK_LINES),
        title,
    }
}

/// Each limit of `step` in words: its class (from its scope, empty for a
/// limit of every case) and its duration, without repeats.
fn step_limits(spec: &Spec, step: &Step, labels: &Labels) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for id in &step.limits {
        let Some(i) = spec.index_of(Kind::Limit, id) else {
            continue;
        };
        let (Some(limit), Some(info)) = (spec.limits.get(i), spec.limit_info.get(i)) else {
            continue;
        };
        let pair = (scope_words(spec, &limit.scope, labels), info.text.clone());
        if !out.contains(&pair) {
            out.push(pair);
        }
    }
    out
}

/// The lines of a box's limits: each on a line of its own, after its
/// class ("重要投诉 2小时"), when any has a class; else packed, " / "
/// between them.
fn limit_lines(limits: &[(String, String)], max: i32) -> Vec<String> {
    let size = Style::Limit.size();
    if limits.iter().all(|(class, _)| class.is_empty()) {
        let texts: Vec<&str> = limits.iter().map(|(_, t)| t.as_str()).collect();
        return pack(&texts, " / ", max, size, LIMIT_LINES);
    }
    let mut lines: Vec<String> = Vec::new();
    for (class, text) in limits {
        // The duration breaks from its class as a whole, never inside.
        let parts: Vec<&str> = [class.as_str(), text.as_str()]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect();
        lines.extend(pack(&parts, " ", max, size, LIMIT_LINES));
    }
    lines.truncate(LIMIT_LINES);
    lines
}

/// The box of `step` of flow `flow_id`.
fn content(spec: &Spec, flow_id: &str, step: &Step, labels: &Labels) -> Content {
    let inner = BOX_W - 2 * BOX_PAD_X;
    let mut title = wrap(&step.title, inner, Style::Title.size(), TITLE_LINES);
    if title.is_empty() {
        title = wrap(&step.id, inner, Style::Title.size(), TITLE_LINES);
    }
    let pairs = step_limits(spec, step, labels);
    let limits = limit_lines(&pairs, inner);
    let limit_text = pairs
        .iter()
        .map(|(class, text)| format!("{class} {text}").trim().to_owned())
        .collect::<Vec<_>>()
        .join(" / ");
    let subflow = step.subflow.as_ref();
    let subflow = subflow.map(|id| flow_link(spec, flow_id, id, inner, Style::SubflowLink));
    // The link's lines, and room for the inner border of a sub-flow's box.
    let link_h = subflow
        .as_ref()
        .map_or(0, |l| lines(&l.lines) * Style::SubflowLink.line() + 4);
    let text_h =
        lines(&title) * Style::Title.line() + lines(&limits) * Style::Limit.line() + link_h;
    let decision = step.next.len() >= 2;
    let room = DIAMOND_W / 2 - 2 * DIAMOND_PAD;
    let question = if decision {
        balanced(
            &question(step),
            room,
            Style::Question.size(),
            QUESTION_LINES,
        )
    } else {
        Vec::new()
    };
    let mut tooltip = step.title.value.clone();
    if !limit_text.is_empty() {
        tooltip = format!("{tooltip}\n{limit_text}");
    }
    Content {
        title,
        limits,
        subflow,
        decision,
        question,
        href: url::relative(&url::flow(flow_id), &url::step(flow_id, &step.id)),
        tooltip,
        text_h,
        h: (2 * BOX_PAD_Y + text_h).max(BOX_MIN_H),
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

/// The note of `esc`, an escalation in flow `flow_id`.
fn note_content(spec: &Spec, flow_id: &str, esc: &Escalation, labels: &Labels) -> NoteContent {
    let inner = NOTE_W - 2 * NOTE_PAD;
    let [head, body, notify] = escalation_text(spec, esc, labels);
    let flow = esc.flow.as_ref();
    let flow = flow.map(|id| flow_link(spec, flow_id, id, inner, Style::NoteLink));
    let tooltip = [head.as_str(), body.as_str(), notify.as_str()]
        .into_iter()
        .chain(flow.as_ref().map(|f| f.title.as_str()))
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    let head = wrap(&head, inner, Style::NoteHead.size(), NOTE_LINES);
    let body = wrap(&body, inner, Style::Note.size(), NOTE_LINES);
    let notify = wrap(&notify, inner, Style::Note.size(), NOTE_LINES);
    let text_h = lines(&head) * Style::NoteHead.line()
        + (lines(&body) + lines(&notify)) * Style::Note.line()
        + flow.as_ref().map_or(0, |f| lines(&f.lines)) * Style::NoteLink.line();
    NoteContent {
        head,
        body,
        notify,
        flow,
        tooltip,
        h: 2 * NOTE_PAD + text_h,
    }
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

/// An edge between rows and how it runs.
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

/// Every edge and its route: first the flow's edges, row by row in `next`
/// order, then the escalations that move to a step (those that only notify
/// have a note and no edge). Only an edge to the next row goes straight
/// down; any other needs a gutter, since a row holds one box.
fn routes<'a>(flow: &'a Flow, graph: &FlowGraph, rows: &Rows) -> Vec<Plan<'a>> {
    let (lane, row_of) = (&rows.lane, &rows.row_of);
    let mut plans: Vec<Plan> = Vec::new();
    for (r, &s) in rows.step.iter().enumerate() {
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
    for (r, &s) in rows.step.iter().enumerate() {
        for esc in &flow.steps[s].escalations {
            let target = esc
                .to
                .as_ref()
                .and_then(|to| flow.steps.iter().position(|x| x.id.value == to.value));
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
    plans
}

enum SlotKind {
    Edge(usize),
    End,
}

/// A band of the gap below a row, holding one outgoing edge's horizontal
/// track (and its label above the track) or an end terminal.
struct Slot<'a> {
    kind: SlotKind,
    /// The label as written, and wrapped to the room beside its port.
    text: Option<&'a str>,
    label: Vec<String>,
    /// Where its edge leaves the box (or diamond), from the box's middle.
    dx: i32,
    /// Its top, set by the vertical pass.
    y: i32,
}

impl Slot<'_> {
    fn label_h(&self) -> i32 {
        if self.label.is_empty() {
            0
        } else {
            lines(&self.label) * Style::Label.line() + 2 * LABEL_PAD
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

/// Where lane `k` lies across the diagram, counted in half lanes so that
/// gutter `g`, left of lane `g`, lies at `2g`.
fn lane_pos(k: usize) -> usize {
    2 * k + 1
}

/// Where the horizontal of `p` below its source leads: its gutter, or
/// straight down into the target's lane.
fn dest_pos(p: &Plan, lane: &[usize]) -> usize {
    match p.route {
        Route::Down => lane_pos(lane[p.to]),
        Route::Bottom(g) | Route::Side(g) => 2 * g,
    }
}

/// The slots of the gap below each row, top first: one per edge leaving
/// from the bottom that turns or has a label (a plain arrow straight down
/// needs none), the edges going farthest sideways first, so that no edge's
/// horizontal crosses a sibling's vertical; then the end terminal. Each
/// gets its port ([`fan`]) and its label wrapped to the room beside it.
fn slots<'a>(plans: &[Plan<'a>], rows: &Rows, graph: &FlowGraph) -> Vec<Vec<Slot<'a>>> {
    let lane = &rows.lane;
    let mut slots: Vec<Vec<Slot>> = rows.step.iter().map(|_| Vec::new()).collect();
    let mut straight = vec![false; rows.step.len()];
    for (i, p) in plans.iter().enumerate() {
        if matches!(p.route, Route::Side(_)) {
            continue;
        }
        let text = p.label.filter(|l| !l.trim().is_empty());
        if text.is_none() && dest_pos(p, lane) == lane_pos(lane[p.from]) {
            straight[p.from] = true;
            continue;
        }
        slots[p.from].push(Slot {
            kind: SlotKind::Edge(i),
            text,
            label: Vec::new(),
            dx: 0,
            y: 0,
        });
    }
    for ((row, &s), straight) in slots.iter_mut().zip(&rows.step).zip(straight) {
        row.sort_by_key(|slot| Reverse(slot_order(slot, plans, lane)));
        if graph.exit[s] {
            row.push(Slot {
                kind: SlotKind::End,
                text: None,
                label: Vec::new(),
                dx: 0,
                y: 0,
            });
        }
        fan(row, straight, plans, lane);
        for slot in row.iter_mut() {
            let room = label_room(slot.dx) - 2 * LABEL_PAD;
            let wrap_label = |l| balanced(l, room, Style::Label.size(), LABEL_LINES);
            slot.label = slot.text.map(wrap_label).unwrap_or_default();
        }
    }
    slots
}

/// How wide the label of an edge leaving at `dx` from the middle may be:
/// it ends before the first gutter track, and keeps room for a few
/// characters however far out its port lies.
fn label_room(dx: i32) -> i32 {
    (LABEL_W - dx.abs()).max(LABEL_W - FAN_SPAN)
}

/// The ports of the edges leaving a row's bottom (`straight`: an edge
/// without slot goes straight down from the middle): the first edge going
/// straight on leaves from the middle, the edges turning right from ports
/// right of it, those turning left (and the end, if the middle is taken)
/// from ports left of it. On each side the outer edges, higher in the gap,
/// leave farther out: an edge's vertical then ends above the lower ones'
/// horizontals and labels, and no two edges share a line.
fn fan(row: &mut [Slot], straight: bool, plans: &[Plan], lane: &[usize]) {
    let mut middle = straight;
    let (mut left, mut right) = (Vec::new(), Vec::new());
    for (k, slot) in row.iter_mut().enumerate() {
        let way = match slot.kind {
            SlotKind::Edge(i) => {
                let p = &plans[i];
                dest_pos(p, lane).cmp(&lane_pos(lane[p.from]))
            }
            SlotKind::End => Ordering::Equal,
        };
        match way {
            Ordering::Equal if !middle => {
                middle = true;
                slot.dx = 0;
            }
            Ordering::Greater => right.push(k),
            _ => left.push(k),
        }
    }
    let right0 = usize::from(middle);
    let left0 = usize::from(middle || !right.is_empty());
    let most = (right0 + right.len()).max(left0 + left.len()) as i32;
    let step = (FAN_SPAN / most.max(1)).clamp(1, FAN_STEP);
    // Innermost (lowest) first.
    for (j, &k) in right.iter().rev().enumerate() {
        row[k].dx = (right0 + j) as i32 * step;
    }
    for (j, &k) in left.iter().rev().enumerate() {
        row[k].dx = -((left0 + j) as i32) * step;
    }
}

/// The sort key of a slot, largest first: how far its edge goes sideways;
/// then, towards one gutter, the edge to the lower row first when the
/// target lies on the trunk's side of the gutter, else last: the runs then
/// nest (or stack) without crossing.
fn slot_order(slot: &Slot<'_>, plans: &[Plan], lane: &[usize]) -> (usize, i64) {
    let SlotKind::Edge(i) = slot.kind else {
        return (0, 0);
    };
    let p = &plans[i];
    let rows = p.to as i64 - p.from as i64;
    let same_side = match p.route {
        Route::Bottom(g) => (lane[p.from] < g) == (lane[p.to] < g),
        _ => true,
    };
    let rows = if same_side { rows } else { -rows };
    (dest_pos(p, lane).abs_diff(lane_pos(lane[p.from])), rows)
}

/// The slot of plan `i` in the gap below its source, if it has one.
fn slot_of<'s, 'a>(slots: &'s [Vec<Slot<'a>>], plans: &[Plan], i: usize) -> Option<&'s Slot<'a>> {
    slots[plans[i].from]
        .iter()
        .find(|s| matches!(s.kind, SlotKind::Edge(j) if j == i))
}

/// A decision's question: its step's title, asked.
fn question(step: &Step) -> String {
    let title = Some(step.title.value.trim()).filter(|t| !t.is_empty());
    let title = title.unwrap_or(&step.id.value);
    if title.ends_with(['？', '?']) {
        title.to_owned()
    } else {
        format!("{title}？")
    }
}

impl Content {
    /// The height of a decision's diamond: its question's lines fill the
    /// inscribed rectangle, half its height (and half its width).
    fn diamond_h(&self) -> i32 {
        let text = lines(&self.question) * Style::Question.line();
        (2 * (text + DIAMOND_PAD)).max(DIAMOND_MIN_H)
    }

    /// What a decision adds below its box: the gap and the diamond.
    fn decision_h(&self) -> i32 {
        if self.decision {
            DIAMOND_GAP + self.diamond_h()
        } else {
            0
        }
    }
}

/// The vertical pass.
struct Vertical {
    /// Height of the lane headers, and top of the start terminal.
    header_h: i32,
    start_y: i32,
    /// Each row's box, at x 0: its lane's x comes with the horizontal pass.
    boxes: Vec<Rect>,
    height: i32,
}

/// Top to bottom: the lane headers, the start terminal and its arrow, then
/// each row (as tall as its box and diamond, or its notes if taller) and the
/// gap below it, whose slots get their y here. Comes before the horizontal
/// pass because the gutters' widths depend on the vertical spans.
fn vertical(contents: &Contents, slots: &mut [Vec<Slot>]) -> Vertical {
    let header_lines = contents.headers.iter().map(|l| lines(l)).max();
    let header_h = header_lines.unwrap_or(1) * Style::Header.line() + 14;
    let start_y = MARGIN + header_h + 12;
    let mut y = start_y + TERM_H + START_ARROW;
    let mut boxes = Vec::with_capacity(slots.len());
    for ((c, notes), row) in contents.boxes.iter().zip(&contents.notes).zip(slots) {
        boxes.push(Rect {
            x: 0,
            y,
            w: BOX_W,
            h: c.h,
        });
        let node_h = c.h + c.decision_h();
        let notes_h: i32 = notes.iter().map(|n| n.h + NOTE_GAP).sum::<i32>() - NOTE_GAP;
        y += node_h.max(notes_h);
        let mut sy = y + GAP_TOP;
        for slot in row.iter_mut() {
            slot.y = sy;
            sy += slot.height();
        }
        y = if row.is_empty() {
            y + GAP_MIN
        } else {
            (sy + GAP_BOTTOM).max(y + GAP_MIN)
        };
    }
    Vertical {
        header_h,
        start_y,
        boxes,
        height: y + MARGIN,
    }
}

/// The ports pass: the y of each plan's exit from and entry into a side of
/// a box (0 where it has none), and of each row's line to its notes.
struct Ports {
    exit: Vec<i32>,
    entry: Vec<i32>,
    note: Vec<i32>,
}

/// Where edges meet the sides of boxes: those of one side of one box spread
/// around its middle, edges to rows above taking the upper places, so that
/// they neither meet nor cross each other.
fn ports(plans: &[Plan], lane: &[usize], contents: &Contents, boxes: &[Rect]) -> Ports {
    #[derive(Clone, Copy)]
    enum Port {
        Exit(usize),
        Entry(usize),
        Note,
    }
    // Box (row), side, the row at the other end, plan: the sort order.
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
    for (r, notes) in contents.notes.iter().enumerate() {
        if !notes.is_empty() {
            requests.push((r, Side::Right, r, usize::MAX, Port::Note));
        }
    }
    requests.sort_by_key(|&(r, side, other, i, _)| (r, side, other, i));
    let mut ports = Ports {
        exit: vec![0; plans.len()],
        entry: vec![0; plans.len()],
        note: vec![0; boxes.len()],
    };
    for group in requests.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
        let rect = boxes[group[0].0];
        let k = lines(group);
        let step = ((rect.h - 8) / k).clamp(1, PORT_STEP);
        for (j, &(r, _, _, _, port)) in group.iter().enumerate() {
            let y = rect.cy() - step * (k - 1) / 2 + step * j as i32;
            match port {
                Port::Exit(i) => ports.exit[i] = y,
                Port::Entry(i) => ports.entry[i] = y,
                Port::Note => ports.note[r] = y,
            }
        }
    }
    ports
}

/// The tracks pass: each plan's track in its gutter, as a position from the
/// left, and each gutter's number of tracks.
struct Tracks {
    track: Vec<usize>,
    count: Vec<usize>,
}

/// The vertical runs of the edges in each gutter, spread over its tracks
/// (see `arrange`); from the y spans, which the ports and slots give.
fn tracks(
    plans: &[Plan],
    rows: &Rows,
    slots: &[Vec<Slot>],
    boxes: &[Rect],
    ports: &Ports,
) -> Tracks {
    let lane = &rows.lane;
    let mut runs: Vec<Vec<(usize, Run)>> = (0..=rows.owners.len()).map(|_| Vec::new()).collect();
    for (i, p) in plans.iter().enumerate() {
        let (g, start) = match p.route {
            Route::Down => continue,
            Route::Bottom(g) => {
                let slot = slot_of(slots, plans, i);
                (g, slot.map_or(boxes[p.from].y, Slot::track))
            }
            Route::Side(g) => (g, ports.exit[i]),
        };
        let end = ports.entry[i];
        let run = Run {
            lo: start.min(end),
            hi: start.max(end),
            ends: [(start, lane[p.from] < g), (end, lane[p.to] < g)],
        };
        runs[g].push((i, run));
    }
    let mut tracks = Tracks {
        track: vec![0; plans.len()],
        count: Vec::with_capacity(runs.len()),
    };
    for runs in runs {
        let (plan, runs): (Vec<usize>, Vec<Run>) = runs.into_iter().unzip();
        let (positions, count) = arrange(&runs);
        for (i, position) in plan.into_iter().zip(positions) {
            tracks.track[i] = position;
        }
        tracks.count.push(count);
    }
    tracks
}

/// The horizontal pass.
struct Horizontal {
    /// The left edge and width of each gutter.
    gutter_x: Vec<i32>,
    gutter_w: Vec<i32>,
    /// The left edge of each lane's boxes, and of the notes' column.
    lane_x: Vec<i32>,
    note_x: i32,
    width: i32,
}

/// Left to right: each gutter as wide as its tracks need, then a lane's
/// column of boxes; the notes' column, if any, right of the last gutter.
fn horizontal(tracks: &Tracks, has_notes: bool) -> Horizontal {
    let lanes_n = tracks.count.len() - 1;
    let gutter_w: Vec<i32> = tracks
        .count
        .iter()
        .enumerate()
        .map(|(g, &count)| {
            let min = if g == 0 || g == lanes_n {
                OUTER_MIN
            } else {
                GUTTER_MIN
            };
            let t = i32::try_from(count).unwrap_or(i32::MAX / TRACK);
            if t == 0 {
                min
            } else {
                min.max(2 * GUTTER_PAD + (t - 1) * TRACK)
            }
        })
        .collect();
    let mut gutter_x = vec![0; lanes_n + 1];
    let mut lane_x = vec![0; lanes_n];
    for k in 0..lanes_n {
        lane_x[k] = gutter_x[k] + gutter_w[k];
        gutter_x[k + 1] = lane_x[k] + BOX_W;
    }
    let right = gutter_x[lanes_n] + gutter_w[lanes_n];
    let note_x = right + NOTE_BUS;
    Horizontal {
        gutter_x,
        gutter_w,
        lane_x,
        note_x,
        width: if has_notes {
            note_x + NOTE_W + MARGIN
        } else {
            right
        },
    }
}

/// The results of the passes before `emit`, which places things by them.
struct Frame<'f, 'a> {
    rows: &'f Rows<'a>,
    plans: &'f [Plan<'a>],
    slots: &'f [Vec<Slot<'a>>],
    vertical: &'f Vertical,
    ports: &'f Ports,
    tracks: &'f Tracks,
    horizontal: &'f Horizontal,
}

impl Frame<'_, '_> {
    /// Row `r`'s box, in its lane.
    fn rect(&self, r: usize) -> Rect {
        Rect {
            x: self.horizontal.lane_x[self.rows.lane[r]],
            ..self.vertical.boxes[r]
        }
    }

    /// The x of the side of row `r`'s box that faces gutter `g`.
    fn side_x(&self, r: usize, g: usize) -> i32 {
        match facing(self.rows.lane[r], g) {
            Side::Left => self.rect(r).x,
            Side::Right => self.rect(r).right(),
        }
    }

    /// The x of plan `i`'s track in gutter `g`, the tracks centred in it.
    fn track_x(&self, g: usize, i: usize) -> i32 {
        let h = self.horizontal;
        let count = self.tracks.count[g] as i32;
        let pos = self.tracks.track[i] as i32;
        h.gutter_x[g] + (h.gutter_w[g] - (count - 1) * TRACK) / 2 + pos * TRACK
    }
}

/// Everything in its place, in the order the SVG draws it: lanes, boxes,
/// terminals (start first), edges (the start arrow, the flow's edges and
/// escalations, the arrows to the ends, the lines to the notes) and notes.
fn emit<'a>(flow: &'a Flow, labels: &Labels, contents: Contents, f: &Frame) -> Layout<'a> {
    let lanes = lanes(&contents, f);
    let nodes = nodes(flow, contents.boxes, f);
    let (x, y) = (f.rect(0).cx(), f.vertical.start_y);
    let mut terminals = vec![terminal(labels.start, x, None, y)];
    let mut edges = vec![Edge {
        kind: EdgeKind::Flow,
        points: vec![(x, y + TERM_H), (x, f.rect(0).y)],
        label: None,
    }];
    edges.extend((0..f.plans.len()).map(|i| edge(f, &nodes, i)));
    for (terminal, edge) in ends(f, &nodes, labels.end) {
        terminals.push(terminal);
        edges.push(edge);
    }
    let mut placed = Vec::new();
    for (note, edge) in notes(f, contents.notes) {
        placed.push(note);
        edges.push(edge);
    }
    Layout {
        width: f.horizontal.width,
        height: f.vertical.height,
        lanes,
        nodes,
        terminals,
        notes: placed,
        edges,
    }
}

/// The lanes (and the escalation column), each reaching to the middle of
/// the gutters beside it, with their headers.
fn lanes(contents: &Contents, f: &Frame) -> Vec<Lane> {
    let (h, lanes_n) = (f.horizontal, f.rows.owners.len());
    let has_notes = contents.has_notes();
    let middle = |g: usize| h.gutter_x[g] + h.gutter_w[g] / 2;
    let mut bounds: Vec<i32> = vec![0];
    bounds.extend((1..lanes_n).map(middle));
    bounds.push(if has_notes { middle(lanes_n) } else { h.width });
    if has_notes {
        bounds.push(h.width);
    }
    let header_h = f.vertical.header_h;
    let lane = |k: usize, b: &[i32], text: &[String]| {
        let rect = Rect {
            x: b[0],
            y: MARGIN,
            w: b[1] - b[0],
            h: f.vertical.height - 2 * MARGIN,
        };
        let header = Rect {
            x: rect.x + 3,
            y: MARGIN + 3,
            w: rect.w - 6,
            h: header_h - 6,
        };
        let mut texts = Vec::new();
        set(&mut texts, text, rect.cx(), MARGIN + 7, Style::Header);
        Lane {
            rect,
            header,
            texts,
            escalation: k == lanes_n,
        }
    };
    let lanes = bounds.windows(2).zip(&contents.headers).enumerate();
    lanes.map(|(k, (b, text))| lane(k, b, text)).collect()
}

/// The diamond under a decision's box `rect`, and its question's place
/// (the rectangle inscribed in the diamond) and lines.
fn diamond(rect: Rect, c: &Content) -> (Rect, (Rect, Vec<Text>)) {
    let h = c.diamond_h();
    let d = Rect {
        x: rect.cx() - DIAMOND_W / 2,
        y: rect.bottom() + DIAMOND_GAP,
        w: DIAMOND_W,
        h,
    };
    let place = Rect {
        x: d.x + d.w / 4,
        y: d.y + h / 4,
        w: d.w / 2,
        h: h / 2,
    };
    let text_h = lines(&c.question) * Style::Question.line();
    let mut texts = Vec::new();
    let top = place.y + (place.h - text_h) / 2;
    set(&mut texts, &c.question, d.cx(), top, Style::Question);
    (d, (place, texts))
}

/// The step boxes, with their text centred as a block.
fn nodes<'a>(flow: &'a Flow, boxes: Vec<Content>, f: &Frame) -> Vec<Node<'a>> {
    let node = |r: usize, c: Content| {
        let rect = f.rect(r);
        let mut texts = Vec::new();
        let top = rect.y + (rect.h - c.text_h) / 2;
        let y = set(&mut texts, &c.title, rect.cx(), top, Style::Title);
        let y = set(&mut texts, &c.limits, rect.cx(), y, Style::Limit);
        let (diamond, question) = c.decision.then(|| diamond(rect, &c)).unzip();
        let subflow = c.subflow.map(|link| {
            let mut texts = Vec::new();
            set(
                &mut texts,
                &link.lines,
                rect.cx(),
                y + 2,
                Style::SubflowLink,
            );
            Link {
                href: link.href,
                texts,
                title: link.title,
            }
        });
        let index = f.rows.step[r];
        Node {
            step: &flow.steps[index],
            index,
            rect,
            diamond,
            question,
            texts,
            href: c.href,
            subflow,
            tooltip: c.tooltip,
        }
    };
    boxes
        .into_iter()
        .enumerate()
        .map(|(r, c)| node(r, c))
        .collect()
}

/// Where an edge leaving `dx` from the middle of a box starts: on its
/// bottom, or on the lower sides of its diamond.
fn port(node: &Node, dx: i32) -> Point {
    let x = node.rect.cx() + dx;
    match node.diamond {
        Some(d) => (x, d.bottom() - dx.abs() * (d.h / 2) / (d.w / 2).max(1)),
        None => (x, node.rect.bottom()),
    }
}

/// Plan `i`'s polyline, and its label beside the trunk.
fn edge(f: &Frame, nodes: &[Node], i: usize) -> Edge {
    let p = &f.plans[i];
    let slot = slot_of(f.slots, f.plans, i);
    let (x0, y0) = port(&nodes[p.from], slot.map_or(0, |s| s.dx));
    let track = slot.map_or(y0, Slot::track);
    let (exit, entry) = (f.ports.exit[i], f.ports.entry[i]);
    // Where the horizontal below the source (or from its side) ends.
    let x = match p.route {
        Route::Down => f.rect(p.to).cx(),
        Route::Bottom(g) | Route::Side(g) => f.track_x(g, i),
    };
    let points = match p.route {
        Route::Down => vec![(x0, y0), (x0, track), (x, track), (x, f.rect(p.to).y)],
        Route::Bottom(g) => vec![
            (x0, y0),
            (x0, track),
            (x, track),
            (x, entry),
            (f.side_x(p.to, g), entry),
        ],
        Route::Side(g) => vec![
            (f.side_x(p.from, g), exit),
            (x, exit),
            (x, entry),
            (f.side_x(p.to, g), entry),
        ],
    };
    let label = slot.filter(|s| !s.label.is_empty());
    let full = p.label.unwrap_or_default();
    Edge {
        kind: p.kind,
        points: simplify(points),
        label: label.map(|s| edge_label(s, x0, s.dx >= 0, full)),
    }
}

/// The label in `slot`, beside the trunk at `x0` on the side the edge turns
/// to (so it stays clear of the edge's own horizontal).
fn edge_label(slot: &Slot, x0: i32, rightwards: bool, full: &str) -> Label {
    let widest = slot
        .label
        .iter()
        .map(|l| text_width(l, Style::Label.size()));
    let w = widest.map(|w| w.ceil() as i32).max().unwrap_or(0) + 2 * LABEL_PAD;
    let w = w.min(label_room(slot.dx));
    let rect = Rect {
        x: if rightwards {
            x0 + LABEL_OFF
        } else {
            x0 - LABEL_OFF - w
        },
        y: slot.y,
        w,
        h: slot.label_h(),
    };
    let (x, style) = if rightwards {
        (rect.x + LABEL_PAD, Style::Label)
    } else {
        (rect.right() - LABEL_PAD, Style::LabelEnd)
    };
    let mut texts = Vec::new();
    set(&mut texts, &slot.label, x, rect.y + LABEL_PAD, style);
    Label {
        rect,
        texts,
        full: full.to_owned(),
    }
}

/// The end terminals in their slots, with their arrows.
fn ends(f: &Frame, nodes: &[Node], text: &str) -> Vec<(Terminal, Edge)> {
    let mut out = Vec::new();
    for (r, row) in f.slots.iter().enumerate() {
        for slot in row.iter().filter(|s| matches!(s.kind, SlotKind::End)) {
            let (x0, y0) = port(&nodes[r], slot.dx);
            // Beside its port, left of it, when an arrow goes straight on
            // through the middle; else below it.
            let beside = slot.dx < 0;
            let right = beside.then_some(x0 - LABEL_OFF);
            let t = terminal(text, x0, right, slot.y + SLOT_PLAIN / 2);
            let points = if beside {
                vec![(x0, y0), (x0, t.rect.cy()), (t.rect.right(), t.rect.cy())]
            } else {
                vec![(x0, y0), (x0, t.rect.y)]
            };
            let edge = Edge {
                kind: EdgeKind::Flow,
                points: simplify(points),
                label: None,
            };
            out.push((t, edge));
        }
    }
    out
}

/// The escalation notes, stacked in their step's row, each joined to the
/// step by a dashed line over a bus left of the column.
fn notes(f: &Frame, notes: Vec<Vec<NoteContent>>) -> Vec<(Note, Edge)> {
    let mut out = Vec::new();
    let x = f.horizontal.note_x;
    let bus = x - NOTE_BUS / 2;
    for (r, row) in notes.into_iter().enumerate() {
        let (port, mut y) = (f.ports.note[r], f.rect(r).y);
        for note in row {
            let rect = Rect {
                x,
                y,
                w: NOTE_W,
                h: note.h,
            };
            y += note.h + NOTE_GAP;
            let points = vec![
                (f.rect(r).right(), port),
                (bus, port),
                (bus, rect.cy()),
                (rect.x, rect.cy()),
            ];
            let line = Edge {
                kind: EdgeKind::Annotation,
                points: simplify(points),
                label: None,
            };
            out.push((note_at(note, rect), line));
        }
    }
    out
}

/// Note `note` set in `rect`.
fn note_at(note: NoteContent, rect: Rect) -> Note {
    let x = rect.x + NOTE_PAD;
    let mut texts = Vec::new();
    let y = set(
        &mut texts,
        &note.head,
        x,
        rect.y + NOTE_PAD,
        Style::NoteHead,
    );
    let y = set(&mut texts, &note.body, x, y, Style::Note);
    let y = set(&mut texts, &note.notify, x, y, Style::Note);
    let href = note.flow.map(|link| {
        set(&mut texts, &link.lines, x, y, Style::NoteLink);
        link.href
    });
    Note {
        rect,
        texts,
        href,
        tooltip: note.tooltip,
    }
}

/// A line count as a coordinate factor (huge counts stay safe to multiply
/// by a line height).
fn lines<T>(v: &[T]) -> i32 {
    i32::try_from(v.len()).unwrap_or(i32::MAX / 64)
}

/// A terminal with its top at `y`, centred on `cx` unless it ends at `right`.
fn terminal(text: &str, cx: i32, right: Option<i32>, y: i32) -> Terminal {
    let style = Style::Terminal;
    let w = (text_width(text, style.size()) as i32 + 16).clamp(TERM_MIN_W, TERM_MAX_W);
    let rect = Rect {
        x: right.map_or(cx - w / 2, |r| r - w),
        y,
        w,
        h: TERM_H,
    };
    let line = wrap(text, w - 8, style.size(), 1).concat();
    let text = line_text(rect.cx(), y + (TERM_H - style.line()) / 2, line, style);
    Terminal { rect, text }
}

/// A line of `text` in `style` at `x`, the top of its line box at `top`.
fn line_text(x: i32, top: i32, text: String, style: Style) -> Text {
    let line = style.line();
    Text {
        x,
        y: top + line - line / 4,
        text,
        style,
    }
}

/// Lines of text in `style` from `y` down at `x`; the y below them.
fn set(out: &mut Vec<Text>, lines: &[String], x: i32, y: i32, style: Style) -> i32 {
    let line = style.line();
    for (i, text) in lines.iter().enumerate() {
        out.push(line_text(x, y + i as i32 * line, text.clone(), style));
    }
    y + self::lines(lines) * line
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
fn arrange(runs: &[Run]) -> (Vec<usize>, usize) {
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
