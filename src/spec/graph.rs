//! The steps of one flow as a graph: who follows whom, where the flow may
//! end, and the reading order of its steps. The format's defaults live here
//! and nowhere else: a step without `next` continues with the step below
//! it, and the last step ends the flow unless it names a `next`.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use super::model::Flow;

/// One way out of a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Successor {
    /// The step it leads to, by index in the flow.
    pub step: usize,
    /// The `next` entry that says so (its `when` is the condition), or
    /// `None` when the step continues with the one below it.
    pub entry: Option<usize>,
}

#[derive(Clone, Debug)]
pub struct FlowGraph {
    /// Successors of each step, in `next` order; unknown targets (E005)
    /// are left out.
    pub next: Vec<Vec<Successor>>,
    /// Whether the flow may end after each step.
    pub exit: Vec<bool>,
    /// Whether some `next` names no step of the flow.
    pub unresolved: bool,
}

impl FlowGraph {
    pub fn new(flow: &Flow) -> Self {
        let index: HashMap<&str, usize> = flow
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.value.as_str(), i))
            .collect();
        let n = flow.steps.len();
        let mut unresolved = false;
        let mut next = Vec::with_capacity(n);
        let mut exit = Vec::with_capacity(n);
        for (i, step) in flow.steps.iter().enumerate() {
            let last = i + 1 == n;
            let succ: Vec<Successor> = if !step.next.is_empty() {
                let named = step.next.iter().enumerate().filter_map(|(k, x)| {
                    let target = index.get(x.to.value.as_str()).copied();
                    unresolved |= target.is_none();
                    target.map(|step| Successor {
                        step,
                        entry: Some(k),
                    })
                });
                named.collect()
            } else if step.end || last {
                Vec::new()
            } else {
                vec![Successor {
                    step: i + 1,
                    entry: None,
                }]
            };
            exit.push(step.end || (step.next.is_empty() && last));
            next.push(succ);
        }
        FlowGraph {
            next,
            exit,
            unresolved,
        }
    }

    /// The steps that follow step `i`.
    pub fn successors(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.next[i].iter().map(|s| s.step)
    }

    /// Which steps some path from `starts` reaches (the starts included).
    pub fn reachable_from(&self, starts: impl IntoIterator<Item = usize>) -> Vec<bool> {
        let mut seen = vec![false; self.next.len()];
        let mut stack: Vec<usize> = starts.into_iter().collect();
        while let Some(i) = stack.pop() {
            if !std::mem::replace(&mut seen[i], true) {
                stack.extend(self.successors(i));
            }
        }
        seen
    }

    /// Which steps have a path to a step that ends the flow.
    pub fn can_reach_end(&self) -> Vec<bool> {
        let n = self.next.len();
        let mut prev = vec![Vec::new(); n];
        for i in 0..n {
            for j in self.successors(i) {
                prev[j].push(i);
            }
        }
        let mut ok = vec![false; n];
        let mut stack: Vec<usize> = (0..n).filter(|&i| self.exit[i]).collect();
        while let Some(i) = stack.pop() {
            if !std::mem::replace(&mut ok[i], true) {
                stack.extend(&prev[i]);
            }
        }
        ok
    }

    /// Which edges go back (close a loop): found by depth-first search from
    /// the first step, every edge into the first step counting as one.
    pub fn back_edges(&self) -> Vec<Vec<bool>> {
        let n = self.next.len();
        let mut state = vec![0u8; n]; // 0 unseen, 1 on the DFS stack, 2 done
        let mut back: Vec<Vec<bool>> = self.next.iter().map(|s| vec![false; s.len()]).collect();
        for root in 0..n {
            if state[root] != 0 {
                continue;
            }
            state[root] = 1;
            let mut stack = vec![(root, 0)];
            while let Some(top) = stack.last_mut() {
                let (u, k) = *top;
                match self.next[u].get(k).map(|s| s.step) {
                    Some(v) => {
                        top.1 += 1;
                        if v == 0 || state[v] == 1 {
                            back[u][k] = true;
                        } else if state[v] == 0 {
                            state[v] = 1;
                            stack.push((v, 0));
                        }
                    }
                    None => {
                        state[u] = 2;
                        stack.pop();
                    }
                }
            }
        }
        back
    }

    /// The steps in reading order: a topological order of the graph without
    /// its back edges, ties going to the earlier step of the file, so a flow
    /// written in order keeps its order. Diagrams draw their rows in it.
    pub fn order(&self) -> Vec<usize> {
        let n = self.next.len();
        let back = self.back_edges();
        let forward = |u: usize| {
            self.successors(u)
                .zip(&back[u])
                .filter(|(_, b)| !**b)
                .map(|(v, _)| v)
        };
        let mut indegree = vec![0usize; n];
        for u in 0..n {
            for v in forward(u) {
                indegree[v] += 1;
            }
        }
        let mut ready: BinaryHeap<Reverse<usize>> =
            (0..n).filter(|&i| indegree[i] == 0).map(Reverse).collect();
        let mut rows = Vec::with_capacity(n);
        while let Some(Reverse(u)) = ready.pop() {
            rows.push(u);
            for v in forward(u) {
                indegree[v] -= 1;
                if indegree[v] == 0 {
                    ready.push(Reverse(v));
                }
            }
        }
        rows
    }
}

/// The strongly connected components of a directed graph given as lists of
/// successors: each node's component. Tarjan's algorithm, iterative, so that
/// a chain of a hundred thousand `parent`s takes linear time and cannot
/// overflow the stack.
pub fn components(adj: &[Vec<usize>]) -> Vec<usize> {
    const NONE: usize = usize::MAX;
    let n = adj.len();
    let (mut index, mut low, mut comp) = (vec![NONE; n], vec![0; n], vec![NONE; n]);
    let (mut stack, mut on_stack) = (Vec::new(), vec![false; n]);
    let (mut next_index, mut next_comp) = (0, 0);
    for root in 0..n {
        if index[root] != NONE {
            continue;
        }
        let mut calls: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some(&mut (v, ref mut k)) = calls.last_mut() {
            if *k == 0 {
                (index[v], low[v]) = (next_index, next_index);
                next_index += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = adj[v].get(*k) {
                *k += 1;
                if index[w] == NONE {
                    calls.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(parent, _)) = calls.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    comp[w] = next_comp;
                    if w == v {
                        break;
                    }
                }
                next_comp += 1;
            }
        }
    }
    comp
}

/// Whether each node lies on a loop: its component has other nodes, or it
/// leads to itself.
pub fn on_loop(adj: &[Vec<usize>], comp: &[usize]) -> Vec<bool> {
    let mut size = vec![0usize; adj.len()];
    for &c in comp {
        size[c] += 1;
    }
    (0..adj.len())
        .map(|v| size[comp[v]] > 1 || adj[v].contains(&v))
        .collect()
}

/// A shortest loop from `start` back to itself inside its component: the
/// nodes in order, `start` first (breadth-first, linear in the component).
pub fn loop_through(adj: &[Vec<usize>], comp: &[usize], start: usize) -> Option<Vec<usize>> {
    let mut from = vec![usize::MAX; adj.len()];
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(v) = queue.pop_front() {
        for &w in &adj[v] {
            if w == start {
                let mut path = vec![v];
                while *path.last()? != start {
                    path.push(from[*path.last()?]);
                }
                path.reverse();
                return Some(path);
            }
            if comp[w] == comp[start] && from[w] == usize::MAX {
                from[w] = v;
                queue.push_back(w);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_loops_and_a_long_chain() {
        // 0 → 1 → 2 → 0, 2 → 3, 4 → 4.
        let adj = vec![vec![1], vec![2], vec![0, 3], vec![], vec![4]];
        let comp = components(&adj);
        assert_eq!(comp[0], comp[1]);
        assert_eq!(comp[1], comp[2]);
        assert_ne!(comp[2], comp[3]);
        assert_eq!(on_loop(&adj, &comp), [true, true, true, false, true]);
        assert_eq!(loop_through(&adj, &comp, 1), Some(vec![1, 2, 0]));
        assert_eq!(loop_through(&adj, &comp, 4), Some(vec![4]));
        assert_eq!(loop_through(&adj, &comp, 3), None);
        // A chain of 100,000 closed into a loop: no deep recursion.
        let n = 100_000;
        let adj: Vec<Vec<usize>> = (0..n).map(|i| vec![(i + 1) % n]).collect();
        let comp = components(&adj);
        assert!(comp.iter().all(|&c| c == comp[0]));
        assert_eq!(loop_through(&adj, &comp, 0).map(|p| p.len()), Some(n));
    }
}
