//! The worst case along a flow, for one case: when each step is done at
//! the latest if every step before it takes all the time its limit grants.
//! SLA003 holds the flow's end against its end-to-end limit; SLA011 holds
//! each deadline counted from an earlier point against the steps before it.
//!
//! Steps follow the flow's graph, and a loop is taken at most once: the
//! graph is unrolled once (a back edge leads into a second copy of the
//! steps, whose own back edges are dropped), so the walk is one pass over
//! at most twice the steps, in reading order. A step takes the time of the
//! limit that applies to it in the case ([`crate::spec::scope::applicable`]):
//! - counted from the step's start (the default): it is done at arrival
//!   plus the limit;
//! - `from: start`: it is done by that time after the flow's start;
//! - `from: <limit>`: it is done by that time after the step using that
//!   limit is done;
//!
//! a step without a limit that a sub-flow carries out takes the sub-flow's
//! time (its end-to-end limit for the case, else its own worst case), and
//! any other step takes no time of its own.

use std::cmp::Ordering;

use super::context::{Context, Operand, ScopeKey};
use crate::spec::item::FROM_START;
use crate::spec::kind::{ItemRef, Kind};
use crate::spec::scope::applicable;
use crate::spec::timing::{self, Side, Time, Verdict, WorkingClock};

/// Sub-flows within sub-flows counted in a walk, at most.
const MAX_NESTING: usize = 32;

/// The time a step takes in a case, and the limit that says so.
#[derive(Clone, Copy)]
enum Bound {
    Nothing,
    /// Its own time, counted from its start (a limit or a sub-flow).
    Takes(Time),
    /// A deadline counted from the flow's start.
    ByStart(Time, usize),
    /// A deadline counted from when step `.0` is done.
    After(usize, Time, usize),
}

/// The latest a step is done, and the steps that lead there.
#[derive(Clone, Debug)]
pub struct Reach {
    pub time: Time,
    /// Step indices from the first step, loops unrolled.
    pub path: Vec<usize>,
}

/// A deadline that the steps before its step can overrun.
pub struct Late {
    pub step: usize,
    pub limit: usize,
    /// When the step is reached at the latest.
    pub arrival: Reach,
    /// When it is due, counted from the flow's start.
    pub due: Time,
}

pub struct Walk {
    /// The latest end of the flow, over its ends.
    pub end: Option<Reach>,
    pub late: Vec<Late>,
}

/// The limits among `ids` that grant a time, with their scopes.
pub fn timed<'c>(cx: &'c Context, ids: &[crate::spec::model::Ref]) -> Vec<(usize, &'c ScopeKey)> {
    ids.iter()
        .filter_map(|r| cx.limit_index(&r.value))
        .filter(|&l| cx.time(l).is_some())
        .map(|l| (l, cx.scope(l)))
        .collect()
}

/// A flow's end-to-end limits that grant a time, and the cases to walk it
/// in: those of its own and its steps' limits (see [`crate::spec::scope::cases`]).
pub fn flow_cases<'c>(cx: &'c Context, flow: usize) -> (Vec<(usize, &'c ScopeKey)>, Vec<ScopeKey>) {
    let flow = &cx.spec.flows[flow];
    let totals = timed(cx, &flow.limits);
    let steps = flow.steps.iter().flat_map(|s| timed(cx, &s.limits));
    let scopes: Vec<&ScopeKey> = totals
        .iter()
        .copied()
        .chain(steps)
        .map(|(_, s)| s)
        .collect();
    let cases = crate::spec::scope::cases(scopes);
    (totals, cases)
}

/// Which of `a` and `b` ends later; where that depends on the start, the
/// one whose clock range reaches further (an arbitrary but fixed choice:
/// only the path shown in a message depends on it).
fn later(a: Time, b: Time, clock: Option<&dyn WorkingClock>) -> Time {
    let side = |time| Side { time, clock };
    match timing::compare(side(a), side(b)) {
        Verdict::Is(Ordering::Less) | Verdict::AtMost => b,
        Verdict::Is(_) | Verdict::AtLeast => a,
        Verdict::Undecided(_) => {
            let reach = |t: &Time| t.range(clock).map(|r| r.hi.unwrap_or(r.lo));
            if reach(&b) > reach(&a) { b } else { a }
        }
    }
}

struct Walker<'c, 'a> {
    cx: &'c Context<'a>,
    flow: usize,
    case: &'c ScopeKey,
    clock: Option<&'c dyn WorkingClock>,
    /// Flows being walked, outermost first (sub-flow loops are E007).
    stack: Vec<usize>,
}

/// Walk flow `flow` in `case`.
pub fn walk(cx: &Context, flow: usize, case: &ScopeKey) -> Walk {
    Walker {
        cx,
        flow,
        case,
        clock: cx.flow_clock(flow),
        stack: vec![flow],
    }
    .run()
}

/// What a walk has found so far, per node `copy * n + s`.
struct State {
    n: usize,
    /// When the node is reached at the latest, and from which node.
    arrival: Vec<Option<(Time, Option<usize>)>>,
    /// When the node's step is done at the latest.
    done: Vec<Option<Time>>,
    walk: Walk,
}

impl State {
    /// The path that reaches `node`, and `time`.
    fn reach(&self, node: usize, time: Time) -> Reach {
        let mut path = vec![node % self.n];
        let mut at = self.arrival[node].and_then(|(_, from)| from);
        while let Some(prev) = at {
            path.push(prev % self.n);
            at = self.arrival[prev].and_then(|(_, from)| from);
        }
        path.reverse();
        Reach { time, path }
    }
}

impl Walker<'_, '_> {
    fn run(&self) -> Walk {
        let rel = &self.cx.spec.relations.flows[self.flow];
        let n = rel.graph.next.len();
        let mut st = State {
            n,
            arrival: vec![None; 2 * n],
            done: vec![None; 2 * n],
            walk: Walk {
                end: None,
                late: Vec::new(),
            },
        };
        if n == 0 {
            return st.walk;
        }
        let bounds: Vec<Bound> = (0..n).map(|s| self.bound(s)).collect();
        let back = rel.graph.back_edges();
        st.arrival[0] = Some((Time::zero(), None));
        for copy in 0..2 {
            for &s in &rel.order {
                let node = copy * n + s;
                let Some((at, _)) = st.arrival[node] else {
                    continue;
                };
                let end = self.finish(node, at, bounds[s], &mut st);
                st.done[node] = Some(end);
                if rel.graph.exit[s] {
                    let candidate = st.reach(node, end);
                    st.walk.end = Some(match st.walk.end.take() {
                        Some(best) if later(best.time, end, self.clock) == best.time => best,
                        _ => candidate,
                    });
                }
                for (k, next) in rel.graph.next[s].iter().enumerate() {
                    let target = match (copy, back[s][k]) {
                        (0, true) => n + next.step,
                        (_, true) => continue, // a loop is taken once
                        _ => copy * n + next.step,
                    };
                    let keep =
                        st.arrival[target].is_some_and(|(t, _)| later(t, end, self.clock) == t);
                    if !keep {
                        st.arrival[target] = Some((end, Some(node)));
                    }
                }
            }
        }
        st.walk
    }

    /// When the step of `node` is done at the latest, arriving at `at`; a
    /// deadline the arrival can overrun is recorded as late.
    fn finish(&self, node: usize, at: Time, bound: Bound, st: &mut State) -> Time {
        let (s, copy) = (node % st.n, node / st.n);
        let (due, limit) = match bound {
            Bound::Nothing => return at,
            Bound::Takes(t) => return at + t,
            Bound::ByStart(due, limit) => (due, limit),
            Bound::After(step, t, limit) => match st.done[copy * st.n + step].or(st.done[step]) {
                Some(base) => (base + t, limit),
                None => return at + t, // the step it follows is not on the way
            },
        };
        if self.overruns(s, limit, at, due) {
            let arrival = st.reach(node, at);
            st.walk.late.push(Late {
                step: s,
                limit,
                arrival,
                due,
            });
        }
        later(at, due, self.clock)
    }

    /// Whether arriving at `at` can be later than `due` (remembering an
    /// undecided comparison for SLA006).
    fn overruns(&self, s: usize, limit: usize, at: Time, due: Time) -> bool {
        let flow = &self.cx.spec.flows[self.flow];
        let step = &flow.steps[s];
        let arriving = Operand {
            time: at,
            clock: self.clock,
            text: timing::describe(&at),
            place: crate::diag::Place::new(&flow.file, step.id.pos),
        };
        let deadline = Operand {
            time: due,
            clock: self.cx.clock(limit).or(self.clock),
            text: timing::describe(&due),
            place: self.cx.place(limit),
        };
        let subjects = [
            ItemRef::step(self.flow, s),
            ItemRef::new(Kind::Limit, limit),
        ];
        let what = || {
            crate::msg!(
                "compared.steps_before",
                step = &step.id.value,
                flow = &flow.id.value
            )
        };
        self.cx
            .order(&arriving, &deadline, &subjects, what)
            .longer()
    }

    /// The time step `s` takes in this walk's case.
    fn bound(&self, s: usize) -> Bound {
        let flow = &self.cx.spec.flows[self.flow];
        let step = &flow.steps[s];
        let Some(limit) = applicable(timed(self.cx, &step.limits), self.case) else {
            return match step
                .subflow
                .as_ref()
                .and_then(|f| self.cx.spec.flow(&f.value))
            {
                Some(sub) => self.subflow_time(sub).map_or(Bound::Nothing, Bound::Takes),
                None => Bound::Nothing,
            };
        };
        let time = self.cx.time(limit).expect("timed limits grant a time");
        match self.cx.limit(limit).from.as_ref().map(|f| f.value.as_str()) {
            None => Bound::Takes(time),
            Some(FROM_START) => Bound::ByStart(time, limit),
            Some(other) => {
                let followed = self.cx.limit_index(other).and_then(|l| {
                    (self.cx.spec.relations.limits[l].used_by.iter())
                        .find(|at| at.kind == Kind::Step && at.index == self.flow)
                        .map(|at| at.part)
                });
                match followed {
                    Some(step) => Bound::After(step, time, limit),
                    None => Bound::Takes(time),
                }
            }
        }
    }

    /// The time a sub-flow takes in this case: its end-to-end limit, else
    /// its own worst case; none when it is already being walked (a loop of
    /// sub-flows, which E007 reports) or nested deeper than
    /// [`MAX_NESTING`] (real standards nest two or three deep; a chain of
    /// thousands must not exhaust the stack or take quadratic time).
    fn subflow_time(&self, sub: &crate::spec::Located<crate::spec::model::Flow>) -> Option<Time> {
        let index = self.cx.spec.index_of(Kind::Flow, &sub.id.value)?;
        if self.stack.len() >= MAX_NESTING || self.stack.contains(&index) {
            return None;
        }
        if let Some(total) = applicable(timed(self.cx, &sub.limits), self.case) {
            return self.cx.time(total);
        }
        // Each sub-flow is walked once per case, however many steps call it.
        let key = (index, self.case.clone());
        if let Some(known) = self
            .cx
            .subflow_times
            .lock()
            .expect("not poisoned")
            .get(&key)
        {
            return *known;
        }
        let mut stack = self.stack.clone();
        stack.push(index);
        let inner = Walker {
            cx: self.cx,
            flow: index,
            case: self.case,
            clock: self.cx.flow_clock(index).or(self.clock),
            stack,
        };
        let time = inner.run().end.map(|end| end.time);
        self.cx
            .subflow_times
            .lock()
            .expect("not poisoned")
            .insert(key, time);
        time
    }
}
