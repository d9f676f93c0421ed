//! Search: an index built with the site, queried in the browser by
//! `templates/static/search.js` (no server, no WebAssembly, no `fetch`).
//!
//! Every index file is JavaScript that hands its data to the global
//! `__guifanSearch`, so that `<script>` elements can load it, from
//! `file://` too. The browser loads only what a query needs:
//!
//! - `search/meta.js`: the document count, documents per chunk, the kinds'
//!   labels, the shard separators and the Traditional → Simplified pairs.
//! - `search/t/<n>.js`, term shard `n`: `[token, postings, token, …]`, the
//!   tokens sorted as JavaScript compares strings and cut into ranges of
//!   about [`Params::shard_bytes`]. A token lives in the last shard whose
//!   separator is `<=` it; a prefix's tokens start in that shard.
//! - Postings ([`index`]): true document frequency, then the best
//!   [`Params::max_postings`] documents (title and id hits first, then body
//!   hits, each in document order) as gaps in a base-32 varint.
//! - `search/d/<n>.js`, document chunk `n`: documents `n * chunk ..` as
//!   `[kind, url, title, id, snippet text]`, loaded for the top results.
//!
//! Tokens ([`text`]): text is folded (Traditional → Simplified, full-width →
//! ASCII, lower case), then every Han character and pair of adjacent Han
//! characters, every ASCII word and every `-`/`.`/`_` compound is a token.
//!
//! URLs are those of [`crate::site::url`]. A snippet is cut from the first
//! [`Params::snippet_chars`] characters of a document's body, so a match
//! further in finds the document but is not shown highlighted.
//!
//! Capping the postings bounds what a very common token costs (a query at
//! 10,000 standards files loads under 50 KB). The price: such a token finds
//! only the first documents that have it (by kind, then spec order), and
//! tells nothing of the documents beyond its cap. The browser counts those
//! as perhaps having it, so a rare token beside it still finds its
//! documents (`合成规范4242` finds `std-4242`), but a query made only of
//! very common tokens finds only documents within their caps.

mod extract;
mod index;
mod text;

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde::Serialize;

use crate::spec::Spec;
use extract::Doc;
pub use extract::{DocKind, RANKED};

/// UI strings the search needs, in the site's language.
pub struct Labels {
    /// Kind key → label: `standard`, `clause`, `role`, `flow`, `step`,
    /// `limit`, `script`, `checklist`, `record`, `term`, `rule`. A missing
    /// key shows as the key itself.
    pub kinds: BTreeMap<&'static str, String>,
}

/// The sizes that trade index files against bytes per query.
struct Params {
    /// Target size of a term shard; one very large entry may exceed it.
    shard_bytes: usize,
    /// Documents kept per token; the true document frequency is kept too.
    max_postings: usize,
    /// Documents per document chunk.
    chunk_docs: usize,
    /// Characters of a document's body kept for its snippet.
    snippet_chars: usize,
}

impl Params {
    const DEFAULT: Params = Params {
        shard_bytes: 8 * 1024,
        max_postings: 1000,
        chunk_docs: 16,
        snippet_chars: 120,
    };
}

/// The name that every index file calls.
const GLOBAL: &str = "__guifanSearch";

/// Every file of the index: (path relative to the site root, contents),
/// identical for an identical spec.
pub fn build_index(spec: &Spec, labels: &Labels) -> Vec<(String, String)> {
    build(&extract::documents(spec), labels, &Params::DEFAULT)
}

#[derive(Serialize)]
struct Meta<'a> {
    docs: usize,
    chunk: usize,
    kinds: Vec<&'a str>,
    seps: Vec<String>,
    /// Traditional and Simplified characters alternating.
    t2s: String,
}

fn build(docs: &[Doc], labels: &Labels, p: &Params) -> Vec<(String, String)> {
    let entries = index::entries(docs, p.max_postings);
    let (shards, seps) = index::shard(&entries, p.shard_bytes);
    let meta = Meta {
        docs: docs.len(),
        chunk: p.chunk_docs,
        kinds: RANKED
            .iter()
            .map(|k| labels.kinds.get(k.key()).map_or(k.key(), String::as_str))
            .collect(),
        seps,
        t2s: t2s_pairs(&entries),
    };
    let mut files = vec![("search/meta.js".to_owned(), call("meta", None, &meta))];
    files.par_extend(shards.par_iter().enumerate().map(|(n, shard)| {
        let flat: Vec<&str> = shard
            .iter()
            .flat_map(|e| [e.term.as_str(), &e.code])
            .collect();
        (format!("search/t/{n}.js"), call("shard", Some(n), &flat))
    }));
    files.par_extend(docs.par_chunks(p.chunk_docs).enumerate().map(|(n, chunk)| {
        let rows: Vec<_> = chunk
            .iter()
            .map(|d| {
                (
                    d.kind.rank().unwrap_or_default() as u8,
                    &d.url,
                    &d.title,
                    &d.id,
                    snippet(&d.body, p.snippet_chars),
                )
            })
            .collect();
        (format!("search/d/{n}.js"), call("docs", Some(n), &rows))
    }));
    files
}

/// `__guifanSearch.<name>([n,] <data as JSON>);`
fn call(name: &str, n: Option<usize>, data: &impl Serialize) -> String {
    let json = serde_json::to_string(data).expect("index data serialises");
    match n {
        Some(n) => format!("{GLOBAL}.{name}({n},{json});\n"),
        None => format!("{GLOBAL}.{name}({json});\n"),
    }
}

/// The first `max` characters of `body`, with `…` when cut.
fn snippet(body: &str, max: usize) -> String {
    match body.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &body[..cut]),
        None => body.to_owned(),
    }
}

/// The Traditional → Simplified pairs that the browser needs to fold a
/// query: those whose Simplified character is a token of the index (any
/// other cannot match anyway), in order.
fn t2s_pairs(entries: &[index::Entry]) -> String {
    let indexed: BTreeSet<char> = entries
        .iter()
        .filter_map(|e| {
            let mut cs = e.term.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) if text::is_han(c) => Some(c),
                _ => None,
            }
        })
        .collect();
    let pairs: BTreeMap<char, char> = text::t2s()
        .iter()
        .filter(|(_, s)| indexed.contains(s))
        .map(|(&t, &s)| (t, s))
        .collect();
    pairs.into_iter().flat_map(|(t, s)| [t, s]).collect()
}

#[cfg(test)]
mod tests;
