//! The inverted index: token → capped postings, encoded compactly, and cut
//! into term shards by ranges of tokens.

use std::cmp::Ordering;
use std::collections::HashMap;

use rayon::prelude::*;

use super::extract::Doc;
use super::text;

/// A token and its postings, encoded (see [`encode`]): the first page in
/// the term shard, the others in page files.
pub struct Entry {
    pub term: String,
    pub code: String,
    /// Pages 1, 2, …: the postings after the first page, `page` at a time.
    pub more: Vec<String>,
}

/// Order as JavaScript compares strings (UTF-16 code units), which is what
/// the browser's binary search over the shards assumes. It differs from
/// `str`'s order only between supplementary-plane characters and
/// U+E000–U+FFFF.
fn js_cmp(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// The folded text whose tokens rank like a title: title, id, headings.
pub fn strong_text(d: &Doc) -> String {
    let mut s = format!("{} {}", d.title, d.id);
    for h in &d.heads {
        s.push(' ');
        s.push_str(h);
    }
    text::fold(&s)
}

/// A token's postings: (document number, whether the token is strong there).
type Postings = Vec<(u32, bool)>;

/// The map's order never reaches the output (the terms are sorted), and a
/// fixed hasher makes sure of it.
type Map = HashMap<String, Postings, text::Fixed>;

/// Every token of `docs` (numbered by position) with its postings, sorted
/// by [`js_cmp`], `page` postings a page.
pub fn entries(docs: &[Doc], page: usize) -> Vec<Entry> {
    // Each thread adds its documents to a map of its own, and the maps are
    // merged: a token is owned once per map, not once per document (2.6
    // million strings, 130 MB, at 10,000 files), and the postings come
    // out of order, put back in it below.
    let map = docs
        .par_iter()
        .enumerate()
        .fold(Map::default, |mut map, (n, d)| {
            add_tokens(&mut map, n as u32, d);
            map
        })
        .reduce(Map::default, merge);
    let mut terms: Vec<(String, Postings)> = map.into_iter().collect();
    terms.par_sort_unstable_by(|a, b| js_cmp(&a.0, &b.0));
    terms
        .into_par_iter()
        .map(|(term, mut postings)| {
            postings.sort_unstable_by_key(|&(n, _)| n);
            let mut pages = encode(&postings, page.max(1)).into_iter();
            Entry {
                term,
                code: pages.next().unwrap_or_default(),
                more: pages.collect(),
            }
        })
        .collect()
}

/// Add document `n`'s distinct tokens to `map`, each marked when it occurs
/// in the title, id or a heading.
fn add_tokens(map: &mut Map, n: u32, d: &Doc) {
    let strong = strong_text(d);
    let body = text::fold(&format!("{} {}", d.text, d.keys));
    let mut toks = Vec::new();
    text::tokens(&strong, |t| toks.push((t, true)));
    text::tokens(&body, |t| toks.push((t, false)));
    // Strong first among equal tokens, so that dedup keeps it.
    toks.sort_unstable_by(|a, b| a.0.cmp(b.0).then(b.1.cmp(&a.1)));
    toks.dedup_by(|a, b| a.0 == b.0);
    for (t, strong) in toks {
        match map.get_mut(t) {
            Some(postings) => postings.push((n, strong)),
            None => {
                map.insert(t.to_owned(), vec![(n, strong)]);
            }
        }
    }
}

/// The postings of two maps together (each document is in one of them).
fn merge(mut a: Map, mut b: Map) -> Map {
    if a.len() < b.len() {
        std::mem::swap(&mut a, &mut b);
    }
    for (term, postings) in b {
        a.entry(term).or_default().extend(postings);
    }
    a
}

/// Postings as text, page by page: the first page starts with the token's
/// document frequency; then each posting is the gap from the document
/// before it (from 0 for the very first), doubled, plus 1 when the token is
/// in the document's title, id or a heading, as a [`varint`]. Postings are
/// in document order, the order of [`super::extract::RANKED`], so a first
/// page holds the documents of the kinds that matter most.
fn encode(postings: &[(u32, bool)], page: usize) -> Vec<String> {
    let mut pages = Vec::with_capacity(postings.len().div_ceil(page));
    let mut prev = 0;
    for (k, chunk) in postings.chunks(page).enumerate() {
        let mut out = String::with_capacity(2 * chunk.len() + 4);
        if k == 0 {
            varint(postings.len() as u32, &mut out);
        }
        for &(n, strong) in chunk {
            varint((n - prev) * 2 + u32::from(strong), &mut out);
            prev = n;
        }
        pages.push(out);
    }
    if pages.is_empty() {
        pages.push("0".to_owned());
    }
    pages
}

/// 64 characters that need no escaping in a JavaScript string: the first
/// 32 end a number, the last 32 continue it.
const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// `n` in base 32, most significant digit first, every digit but the last
/// taken from the continuing half of [`DIGITS`]: no separators needed, and
/// gaps below 32 (common tokens) take one character.
fn varint(n: u32, out: &mut String) {
    let mut shift = 30;
    while shift > 0 && n >> shift == 0 {
        shift -= 5;
    }
    while shift > 0 {
        out.push(DIGITS[32 + ((n >> shift) & 31) as usize] as char);
        shift -= 5;
    }
    out.push(DIGITS[(n & 31) as usize] as char);
}

/// Cut the sorted entries into shards of about `bytes` each (a single
/// entry larger than that gets a shard of its own). Returns the shards
/// and, per shard, the shortest string that sorts after every token of the
/// shard before and no later than its own first token (`""` for the first):
/// the browser finds a token's shard by binary search in these.
pub fn shard(entries: &[Entry], bytes: usize) -> (Vec<&[Entry]>, Vec<String>) {
    let mut shards = Vec::new();
    let (mut start, mut size) = (0, 0);
    for (i, e) in entries.iter().enumerate() {
        // The two strings as JSON, with their quotes and commas.
        let cost = e.term.len() + e.code.len() + 6;
        if size + cost > bytes && i > start {
            shards.push(&entries[start..i]);
            (start, size) = (i, 0);
        }
        size += cost;
    }
    shards.push(&entries[start..]);
    let seps = shards
        .iter()
        .enumerate()
        .map(
            |(i, s)| match (i.checked_sub(1).map(|p| shards[p].last()), s.first()) {
                (Some(Some(prev)), Some(first)) => separator(&prev.term, &first.term),
                _ => String::new(),
            },
        )
        .collect();
    (shards, seps)
}

/// The shortest prefix of `next` that sorts after `prev` (`prev < next`).
fn separator(prev: &str, next: &str) -> String {
    next.char_indices()
        .map(|(i, c)| &next[..i + c.len_utf8()])
        .find(|p| js_cmp(p, prev) == Ordering::Greater)
        .unwrap_or(next)
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::search::extract::DocKind;

    /// Decode what [`encode`] wrote, pages joined: (df, [(doc, strong)]).
    pub fn decode(pages: &[&str]) -> (u32, Vec<(u32, bool)>) {
        let mut nums = Vec::new();
        for code in pages {
            let mut n = 0;
            for b in code.bytes() {
                let d = DIGITS.iter().position(|&x| x == b).unwrap() as u32;
                n = n * 32 + (d & 31);
                if d < 32 {
                    nums.push(n);
                    n = 0;
                }
            }
        }
        let mut doc = 0;
        let postings = nums[1..]
            .iter()
            .map(|g| {
                doc += g / 2;
                (doc, g % 2 == 1)
            })
            .collect();
        (nums[0], postings)
    }

    fn doc(title: &str, body: &str) -> Doc {
        Doc {
            kind: DocKind::Item(crate::spec::kind::Kind::Role),
            url: String::new(),
            title: title.into(),
            id: String::new(),
            standard: String::new(),
            heads: Vec::new(),
            text: body.into(),
            keys: String::new(),
        }
    }

    fn postings(docs: &[Doc], page: usize, term: &str) -> (u32, Vec<(u32, bool)>, usize) {
        let entries = entries(docs, page);
        let e = entries.iter().find(|e| e.term == term).unwrap();
        let pages: Vec<&str> = std::iter::once(e.code.as_str())
            .chain(e.more.iter().map(String::as_str))
            .collect();
        let (df, p) = decode(&pages);
        (df, p, pages.len())
    }

    #[test]
    fn varints_round_trip() {
        for n in [0, 1, 31, 32, 1023, 1024, 150_000, u32::MAX / 2] {
            let mut s = String::new();
            for m in [1, n * 2 + 1, 2] {
                varint(m, &mut s);
            }
            assert_eq!(decode(&[&s]), (1, vec![(n, true), (n + 1, false)]), "{s}");
        }
    }

    #[test]
    fn postings_mark_strong_hits_and_page_without_a_cap() {
        let mut heading = doc("其他", "");
        heading.heads = vec!["投诉".into()];
        let docs = [
            doc("其他", "投诉"),
            doc("投诉处理", ""),
            doc("其他", "投诉 投诉"),
            heading,
            doc("其他", "无关"),
        ];
        let all = vec![(0, false), (1, true), (2, false), (3, true)];
        assert_eq!(postings(&docs, 1000, "投诉"), (4, all.clone(), 1));
        // Pages of one: every posting is still there, in order.
        assert_eq!(postings(&docs, 1, "投诉"), (4, all, 4));
        assert_eq!(postings(&docs, 1, "无关"), (1, vec![(4, false)], 1));
    }

    #[test]
    fn terms_sort_as_javascript_compares_them() {
        let docs = [doc("𠀀 ｆ", "b a 丁 a-b")];
        let terms: Vec<String> = entries(&docs, 10).into_iter().map(|e| e.term).collect();
        assert_eq!(terms, ["a", "a-b", "b", "f", "丁", "𠀀"]);
        assert_eq!(js_cmp("𠀀", "\u{FFFD}"), Ordering::Less);
    }

    #[test]
    fn shards_are_bounded_and_separators_route_every_term() {
        let body: String = (0..3000).map(|i| format!("w{i} ")).collect();
        let docs = [doc("x", &body)];
        let entries = entries(&docs, 10);
        let (shards, seps) = shard(&entries, 200);
        assert!(shards.len() > 50);
        assert_eq!(shards.iter().map(|s| s.len()).sum::<usize>(), entries.len());
        for (i, s) in shards.iter().enumerate() {
            assert!(
                s.iter()
                    .map(|e| e.term.len() + e.code.len() + 6)
                    .sum::<usize>()
                    <= 200
            );
            for e in s.iter() {
                // The shard of a term is the last whose separator is <= it.
                let found = seps
                    .iter()
                    .rposition(|p| js_cmp(p, &e.term) != Ordering::Greater);
                assert_eq!(found, Some(i), "{}", e.term);
            }
        }
        assert_eq!(separator("comp", "compa"), "compa");
        assert_eq!(separator("cat", "compa"), "co");
    }

    #[test]
    fn no_documents_one_empty_shard() {
        let entries = entries(&[], 10);
        let (shards, seps) = shard(&entries, 100);
        assert_eq!((shards.len(), seps), (1, vec![String::new()]));
    }
}
