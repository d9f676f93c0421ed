//! A standard's page: its facts, then its clause tree (3 › 3.3 › 3.3.4),
//! each clause with the items that cite it — the way back from the paper to
//! the data. Runs of clauses that nothing cites, nor any clause under them,
//! fold into one closed `<details>`.

use serde_json::{Value, json};

use super::Site;
use crate::site::url;

pub fn page(site: &Site, i: usize) -> Value {
    let st = &site.spec.standards[i];
    let id = st.id.value.as_str();
    let cited_by = &site.spec.relations.cited_by;
    let citers = |number: &str| -> Vec<Value> {
        cited_by
            .get(&(id.to_owned(), number.to_owned()))
            .map(|list| site.citers(list))
            .unwrap_or_default()
    };
    let clauses: Vec<Value> = st
        .clauses
        .iter()
        .map(|c| {
            json!({
                "number": c.number.value,
                "title": c.title.value,
                "anchor": url::clause_anchor(&c.number.value),
                "cited_by": citers(&c.number.value),
            })
        })
        .collect();
    let numbers: Vec<&str> = st.clauses.iter().map(|c| c.number.value.as_str()).collect();
    let clauses = runs(
        tree(&numbers)
            .into_iter()
            .map(|n| n.json(&clauses))
            .collect(),
    );
    // Citations of clause numbers the standard does not list (E005 reports
    // them; with --allow-errors they still show somewhere).
    // The keys are sorted by standard, so this standard's are one range.
    let other: Vec<Value> = cited_by
        .range((id.to_owned(), String::new())..)
        .take_while(|((s, _), _)| s == id)
        .filter(|((_, n), _)| !st.clauses.iter().any(|c| &c.number.value == n))
        .flat_map(|((_, n), list)| {
            site.citers(list).into_iter().map(move |mut c| {
                c["title"] = json!(format!("{n}: {}", c["title"].as_str().unwrap_or_default()));
                c
            })
        })
        .collect();
    // 未知 tells a trainee nothing: an unknown status is not shown.
    let status = st.status.as_ref().and_then(|s| {
        let key = serde_json::to_value(s.value).ok();
        let key = key.as_ref().and_then(Value::as_str).unwrap_or("unknown");
        (key != "unknown").then(|| site.t(&format!("status_{key}")))
    });
    let calendar = st.calendar.as_ref().map(|c| {
        site.spec
            .calendar(&c.value)
            .map(|cal| cal.title.value.clone())
            .unwrap_or_else(|| c.value.clone())
    });
    json!({
        "page_title": st.title.value,
        "nav": "standards",
        "breadcrumbs": [{"title": site.t("nav_standards"), "url": "standards/index.html"}],
        "standard": {
            "id": id,
            "title": st.title.value,
            "title_en": st.title_en.as_ref().map(|t| &t.value),
            "issuer": st.issuer.as_ref().map(|v| &v.value),
            "version": st.version.as_ref().map(|v| &v.value),
            "date": st.date.as_ref().map(|v| &v.value),
            "status": status,
            "seed": st.seed.as_ref().map(|v| &v.value),
            "calendar": calendar,
            "description": site.markdown(&st.description),
            "src": site.source_of(st),
        },
        "clauses": clauses,
        "other_citations": other,
    })
}

/// How deep the tree nests; deeper clauses show at this depth.
const MAX_DEPTH: usize = 6;

/// A clause (by index) and the clauses under it.
struct Node {
    k: usize,
    children: Vec<Node>,
}

impl Node {
    /// The clause's data with its subtree, and whether anything in it is cited.
    fn json(self, clauses: &[Value]) -> Value {
        let mut v = clauses[self.k].clone();
        let children: Vec<Value> = self.children.into_iter().map(|n| n.json(clauses)).collect();
        let cited = v["cited_by"].as_array().is_some_and(|l| !l.is_empty())
            || children.iter().any(|c| c["cited"] == true);
        v["cited"] = cited.into();
        v["children"] = runs(children);
        v
    }
}

/// Clauses in document order as a tree: a clause is under the nearest
/// clause before it whose number and a dot begin its number (3.3 under 3).
fn tree(numbers: &[&str]) -> Vec<Node> {
    fn attach(stack: &mut Vec<Node>, roots: &mut Vec<Node>) {
        if let Some(done) = stack.pop() {
            match stack.last_mut() {
                Some(parent) => parent.children.push(done),
                None => roots.push(done),
            }
        }
    }
    let mut roots = Vec::new();
    let mut stack: Vec<Node> = Vec::new();
    for (k, number) in numbers.iter().enumerate() {
        while let Some(top) = stack.last() {
            let under = number
                .strip_prefix(numbers[top.k])
                .is_some_and(|rest| rest.starts_with('.'));
            if under && stack.len() < MAX_DEPTH {
                break;
            }
            attach(&mut stack, &mut roots);
        }
        stack.push(Node {
            k,
            children: Vec::new(),
        });
    }
    while !stack.is_empty() {
        attach(&mut stack, &mut roots);
    }
    roots
}

/// Siblings as runs: cited subtrees one by one, each run of uncited ones
/// together (the page folds it).
fn runs(nodes: Vec<Value>) -> Value {
    let mut runs: Vec<Value> = Vec::new();
    for node in nodes {
        let cited = node["cited"] == true;
        match runs.last_mut() {
            Some(run) if run["cited"] == cited => {
                if let Some(list) = run["clauses"].as_array_mut() {
                    list.push(node);
                }
            }
            _ => runs.push(json!({"cited": cited, "clauses": [node]})),
        }
    }
    Value::Array(runs)
}

#[cfg(test)]
mod tests {
    use super::tree;

    fn shape(nodes: &[super::Node]) -> String {
        let parts: Vec<String> = (nodes.iter())
            .map(|n| match n.children.is_empty() {
                true => n.k.to_string(),
                false => format!("{}({})", n.k, shape(&n.children)),
            })
            .collect();
        parts.join(" ")
    }

    #[test]
    fn clauses_nest_by_number() {
        let numbers = ["1", "3", "3.1", "3.1.2", "3.10", "30", "4.1", "附录A"];
        assert_eq!(shape(&tree(&numbers)), "0 1(2(3) 4) 5 6 7");
    }

    #[test]
    fn nesting_stops_at_the_maximum_depth() {
        let numbers = [
            "1",
            "1.1",
            "1.1.1",
            "1.1.1.1",
            "1.1.1.1.1",
            "1.1.1.1.1.1",
            "1.1.1.1.1.1.1",
        ];
        assert_eq!(shape(&tree(&numbers)), "0(1(2(3(4(5 6)))))");
    }
}
