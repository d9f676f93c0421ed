//! Search: an index built with the site, queried in the browser by
//! `templates/static/search.js` (no server, no WebAssembly, no `fetch`).
//!
//! Every index file is JavaScript that hands its data to the global
//! `__guifanSearch`, so that `<script>` elements can load it, from
//! `file://` too. The browser loads only what a query needs:
//!
//! - `search/meta.js`: the document count, documents per chunk, postings
//!   per page, the kinds' labels, tiers and first documents, the shard
//!   separators, the synonym groups and the Traditional → Simplified pairs.
//! - `search/t/<n>.js`, term shard `n`: `[token, postings, token, …]`, the
//!   tokens sorted as JavaScript compares strings and cut into ranges of
//!   about [`Params::shard_bytes`]. A token lives in the last shard whose
//!   separator is `<=` it; a prefix's tokens start in that shard.
//! - Postings ([`index`]): the true document frequency, then the first
//!   [`Params::page`] documents in document order, each with whether the
//!   token is in its title, id or a heading, as base-32 varints.
//! - `search/p/<n>-<k>.js`: page `k` of the postings of shard `n`'s tokens
//!   that have one, `[token, postings, …]`, loaded when a query needs
//!   documents past the pages it has: nothing is capped.
//! - `search/d/<n>.js`, document chunk `n`: documents `n * chunk ..` as
//!   `[kind, url, title, id, standard, headings, text, other words]`, the
//!   texts cut at [`Params::text_chars`]; loaded for the results shown, to
//!   check that each has its words as phrases and to cut its snippet.
//!
//! Tokens ([`text`]): text is folded (Traditional → Simplified, full-width →
//! ASCII, lower case), then every Han character and pair of adjacent Han
//! characters, every ASCII word and every `-`/`.`/`_` compound is a token.
//! Documents ([`extract`]) are sorted by kind, data pages first, so that a
//! token's first page holds the documents that matter most.
//!
//! URLs are those of [`crate::site::url`].

mod extract;
mod index;
mod text;

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde::Serialize;

use crate::spec::Spec;
use extract::Doc;
pub use extract::{DocKind, RANKED, short_name};

/// UI strings the search needs, in the site's language.
pub struct Labels {
    /// Kind key → label: `standard`, `clause`, `role`, `flow`, `step`,
    /// `limit`, `script`, `checklist`, `record`, `term`, `rule`. A missing
    /// key shows as the key itself.
    pub kinds: BTreeMap<&'static str, String>,
    /// The theme's strings, for the headings of the pages' sections.
    pub strings: BTreeMap<String, String>,
    /// Groups of words a query takes for one another (`禁语 禁用语 忌语`),
    /// from the theme's `search_synonyms`: one group a line.
    pub synonyms: Vec<Vec<String>>,
}

impl Labels {
    /// The labels of a theme's strings (`kind_role`, `forbidden`,
    /// `search_synonyms` …).
    pub fn new(strings: &BTreeMap<String, String>) -> Labels {
        let get = |key: &str| strings.get(key).cloned().unwrap_or_else(|| key.to_owned());
        Labels {
            kinds: RANKED
                .iter()
                .map(|k| (k.key(), get(&format!("kind_{}", k.key()))))
                .collect(),
            strings: strings.clone(),
            synonyms: strings
                .get("search_synonyms")
                .map_or_else(Vec::new, |table| synonyms(table)),
        }
    }

    fn string(&self, key: &str) -> String {
        self.strings
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_owned())
    }
}

/// The synonym table: one group a line, words parted by white space, `、`,
/// `，` or `,`; `#` starts a comment; folded as the index is; groups of one
/// word dropped.
fn synonyms(table: &str) -> Vec<Vec<String>> {
    table
        .lines()
        .map(|line| line.split('#').next().unwrap_or_default())
        .map(|line| {
            let mut words: Vec<String> = line
                .split(|c: char| c.is_whitespace() || matches!(c, '、' | '，' | ','))
                .filter(|w| !w.is_empty())
                .map(text::fold)
                .collect();
            words.dedup();
            words
        })
        .filter(|g| g.len() > 1)
        .collect()
}

/// The sizes that trade index files against bytes per query.
struct Params {
    /// Target size of a term shard; one very large entry may exceed it.
    shard_bytes: usize,
    /// Postings per page: a token's first page is in its term shard, the
    /// others in page files that the browser loads when it needs them.
    page: usize,
    /// Documents per document chunk.
    chunk_docs: usize,
    /// Characters of a document's text kept in its chunk (snippet and the
    /// check that a phrase is there), and of its other words.
    text_chars: usize,
    keys_chars: usize,
}

impl Params {
    const DEFAULT: Params = Params {
        shard_bytes: 8 * 1024,
        page: 1000,
        chunk_docs: 16,
        text_chars: 400,
        keys_chars: 160,
    };
}

/// The name that every index file calls.
const GLOBAL: &str = "__guifanSearch";

/// What takes each file of the index as it is made: (path, contents).
pub type Put<'a> = dyn Fn(String, String) -> Result<(), String> + Sync + 'a;

/// Make the index and hand each file to `put` as soon as it is made, from
/// any thread: the 46 MB of a 10,000-file site's index are never held
/// at once.
pub fn write_index(spec: &Spec, labels: &Labels, put: &Put) -> Result<(), String> {
    let docs = extract::documents(spec, &|key| labels.string(key));
    build(&docs, labels, &Params::DEFAULT, put)
}

#[derive(Serialize)]
struct Meta<'a> {
    docs: usize,
    chunk: usize,
    page: usize,
    kinds: Vec<&'a str>,
    /// Per kind, its tier (see [`DocKind::tier`]).
    tiers: Vec<u8>,
    /// Per kind, the number of its first document (documents are sorted
    /// by kind).
    starts: Vec<usize>,
    seps: Vec<String>,
    synonyms: &'a [Vec<String>],
    /// Traditional and Simplified characters alternating.
    t2s: String,
}

fn build(docs: &[Doc], labels: &Labels, p: &Params, put: &Put) -> Result<(), String> {
    let entries = index::entries(docs, p.page);
    let (shards, seps) = index::shard(&entries, p.shard_bytes);
    let meta = Meta {
        docs: docs.len(),
        chunk: p.chunk_docs,
        page: p.page,
        kinds: RANKED
            .iter()
            .map(|k| labels.kinds.get(k.key()).map_or(k.key(), String::as_str))
            .collect(),
        tiers: RANKED.iter().map(|k| k.tier()).collect(),
        starts: (0..RANKED.len())
            .map(|k| docs.partition_point(|d| d.kind.rank().is_some_and(|r| r < k)))
            .collect(),
        seps,
        synonyms: &labels.synonyms,
        t2s: t2s_pairs(&entries),
    };
    put("search/meta.js".to_owned(), call("meta", None, &meta))?;
    shards.par_iter().enumerate().try_for_each(|(n, shard)| {
        let flat: Vec<&str> = shard
            .iter()
            .flat_map(|e| [e.term.as_str(), &e.code])
            .collect();
        put(
            format!("search/t/{n}.js"),
            call("shard", Some(&n.to_string()), &flat),
        )?;
        pages(n, shard, put)
    })?;
    drop(entries);
    let chunks = docs.par_chunks(p.chunk_docs).enumerate();
    chunks.try_for_each(|(n, chunk)| {
        let rows: Vec<_> = chunk
            .iter()
            .map(|d| {
                (
                    d.kind.rank().unwrap_or_default() as u8,
                    &d.url,
                    &d.title,
                    &d.id,
                    &d.standard,
                    d.heads.join(" · "),
                    cut(&d.text, p.text_chars),
                    cut(&d.keys, p.keys_chars),
                )
            })
            .collect();
        put(
            format!("search/d/{n}.js"),
            call("docs", Some(&n.to_string()), &rows),
        )
    })
}

/// The page files of term shard `n`: `search/p/<n>-<k>.js` holds page `k`
/// of every token of the shard that has one, as `[token, postings, …]`.
fn pages(n: usize, shard: &[index::Entry], put: &Put) -> Result<(), String> {
    let most = shard.iter().map(|e| e.more.len()).max().unwrap_or(0);
    (1..=most).try_for_each(|k| {
        let flat: Vec<&str> = shard
            .iter()
            .filter_map(|e| Some([e.term.as_str(), e.more.get(k - 1)?]))
            .flatten()
            .collect();
        let key = format!("{n}-{k}");
        put(
            format!("search/p/{key}.js"),
            call("page", Some(&key), &flat),
        )
    })
}

/// `__guifanSearch.<name>([key,] <data as JSON>);`
fn call(name: &str, key: Option<&str>, data: &impl Serialize) -> String {
    let json = serde_json::to_string(data).expect("index data serialises");
    match key {
        Some(k) if k.bytes().all(|b| b.is_ascii_digit()) => {
            format!("{GLOBAL}.{name}({k},{json});\n")
        }
        Some(k) => format!("{GLOBAL}.{name}(\"{k}\",{json});\n"),
        None => format!("{GLOBAL}.{name}({json});\n"),
    }
}

/// The first `max` characters of `text`, with `…` when cut.
fn cut(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
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
