//! Folding and tokenisation. `static/search.js` mirrors these rules for the
//! query (`foldChar`, `tokens`): a change here must be made there too.
//!
//! Folding maps one character to one character, so a position in the
//! folded text is a position in the original, which is what lets the
//! browser highlight matches in the text as written.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, DefaultHasher};
use std::sync::OnceLock;

/// A hasher without a random seed, for maps whose order could otherwise
/// reach the output.
pub type Fixed = BuildHasherDefault<DefaultHasher>;

/// Han ideographs: the unified block, extension A, the compatibility
/// ideographs and the supplementary planes' extensions.
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{323AF}')
}

/// Traditional → Simplified, one character to one character: every Han
/// character that OpenCC's `t2s` changes on its own (a test derives the
/// table from OpenCC again and requires it to be the same).
///
/// Phrase-level conversion would fold 乾隆 and 乾燥 differently, but the
/// browser can only fold character by character, and the index must fold
/// exactly as the query does.
pub fn t2s() -> &'static HashMap<char, char, Fixed> {
    static MAP: OnceLock<HashMap<char, char, Fixed>> = OnceLock::new();
    MAP.get_or_init(|| {
        T2S.lines()
            .filter_map(|pair| {
                let mut chars = pair.chars();
                Some((chars.next()?, chars.next()?))
            })
            .collect()
    })
}

/// The table, one `TraditionalSimplified` pair per line (`t2s.txt`).
pub(super) const T2S: &str = include_str!("t2s.txt");

/// Fold one character: full-width ASCII to ASCII, the ideographic space to
/// a space, ASCII to lower case, Traditional Han to Simplified.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => {
            char::from_u32(c as u32 - 0xFEE0).map_or(c, |a| a.to_ascii_lowercase())
        }
        '\u{3000}' => ' ',
        _ if c.is_ascii() => c.to_ascii_lowercase(),
        _ => t2s().get(&c).copied().unwrap_or(c),
    }
}

pub fn fold(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

fn is_word(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit()
}

/// Characters that join two words into one compound (`complaint-handling`,
/// `complaint.sorting`, `2.1`) when they stand between word characters.
fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '.' | '_')
}

/// The longest ASCII word or compound that is a token, in bytes.
pub const MAX_WORD: usize = 64;

/// The index tokens of folded text, in order, with repeats: every Han
/// character (for one-character queries) and every pair of adjacent Han
/// characters; every ASCII word, and every compound of words joined by
/// `-`, `.` or `_` as a whole (up to [`MAX_WORD`] bytes). Everything else
/// separates.
pub fn tokens<'a>(folded: &'a str, mut emit: impl FnMut(&'a str)) {
    // Longer words are rather blobs (a URL, a hash) than something typed.
    let mut push = |w: &'a str| {
        if w.len() <= MAX_WORD {
            emit(w)
        }
    };
    let mut rest = folded;
    while let Some(c) = rest.chars().next() {
        if is_han(c) {
            let end = rest.find(|c| !is_han(c)).unwrap_or(rest.len());
            let run = &rest[..end];
            let bounds: Vec<usize> = run.char_indices().map(|(i, _)| i).chain([end]).collect();
            for (k, &start) in bounds[..bounds.len() - 1].iter().enumerate() {
                push(&run[start..bounds[k + 1]]);
                if let Some(&two) = bounds.get(k + 2) {
                    push(&run[start..two]);
                }
            }
            rest = &rest[end..];
        } else if is_word(c) {
            let end = compound_end(rest);
            let run = &rest[..end];
            let mut parts = 0;
            for word in run.split(is_joiner) {
                push(word);
                parts += 1;
            }
            if parts > 1 {
                push(run);
            }
            rest = &rest[end..];
        } else {
            rest = &rest[c.len_utf8()..];
        }
    }
}

/// The byte length of the compound at the start of `s`: word characters,
/// and joiners that have a word character on both sides.
fn compound_end(s: &str) -> usize {
    let b = s.as_bytes();
    let mut end = 0;
    while end < b.len() {
        let c = b[end] as char;
        if is_word(c) {
            end += 1;
        } else if is_joiner(c) && b.get(end + 1).is_some_and(|&n| is_word(n as char)) {
            end += 2;
        } else {
            break;
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        tokens(&fold(text), |t| out.push(t.to_owned()));
        out
    }

    #[test]
    fn han_runs_give_unigrams_and_bigrams() {
        assert_eq!(
            all("投诉处理"),
            ["投", "投诉", "诉", "诉处", "处", "处理", "理"]
        );
        assert_eq!(all("诉"), ["诉"]);
    }

    #[test]
    fn ascii_words_ids_and_metrics() {
        assert_eq!(all("SLA001"), ["sla001"]);
        assert_eq!(
            all("complaint-handling"),
            ["complaint", "handling", "complaint-handling"]
        );
        assert_eq!(
            all("complaint.sorting."),
            ["complaint", "sorting", "complaint.sorting"]
        );
        assert_eq!(all("Hello, World"), ["hello", "world"]);
        // A joiner needs a word on both sides.
        assert_eq!(all("-a- b_"), ["a", "b"]);
    }

    #[test]
    fn mixed_text_and_full_width_punctuation() {
        assert_eq!(
            all("2小时内（含）回复，ＳＬＡ００７。"),
            [
                "2", "小", "小时", "时", "时内", "内", "含", "回", "回复", "复", "sla007"
            ]
        );
        assert_eq!(all("第2.1条"), ["第", "2", "1", "2.1", "条"]);
    }

    #[test]
    fn nothing_to_tokenise() {
        assert!(all("").is_empty());
        assert!(all("，。！ \n\t…—").is_empty());
    }

    #[test]
    fn traditional_folds_to_simplified() {
        assert_eq!(fold("業務"), "业务");
        assert_eq!(fold("處理"), "处理");
        assert_eq!(fold("投诉处理业务"), "投诉处理业务");
        assert_eq!(fold("ＡＢｃ　"), "abc ");
        assert!(t2s().len() > 2000, "{} pairs", t2s().len());
        assert!(
            t2s()
                .iter()
                .all(|(&t, &s)| is_han(t) && is_han(s) && t != s)
        );
    }

    #[test]
    fn huge_text_does_not_overflow() {
        let text = "投诉".repeat(200_000) + &"a-".repeat(100_000);
        let mut n = 0;
        tokens(&fold(&text), |_| n += 1);
        // The 200,000-byte compound is too long to be a token.
        assert_eq!(n, 400_000 * 2 - 1 + 100_000);
    }
}
