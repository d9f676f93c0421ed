//! Text without a font: estimated widths (CJK and full-width forms one em,
//! the rest 0.6 em), wrapping to a width over as many lines as needed (an
//! ellipsis only past a caller's bound), and escaping for XML and element
//! ids.

/// The estimated advance of `c` in em: CJK, full-width forms and symbols take
/// a full em, everything else about 0.6 em (a sans-serif average). Over-
/// estimating is the safe side: text then falls short of its box.
fn em(c: char) -> f64 {
    let wide = matches!(c,
        '\u{B7}'
        | '\u{1100}'..='\u{115F}'
        | '\u{2010}'..='\u{2BFF}'
        | '\u{2E80}'..='\u{A4CF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}'
        | '\u{20000}'..='\u{3FFFD}');
    if wide { 1.0 } else { 0.6 }
}

/// The estimated width of `text` in pixels at `font` px.
pub fn width(text: &str, font: i32) -> f64 {
    text.chars().map(em).sum::<f64>() * f64::from(font)
}

/// Punctuation that must not start a line (Chinese typesetting's 避头点:
/// it takes the previous character along to the next line).
fn closing(c: char) -> bool {
    "，。、；：！？）」』》】〕,.;:!?)".contains(c)
}

/// `text` broken into lines of at most `max` px at `font` px, at most
/// `lines` of them; the last one kept ends in `…` when text was left out.
/// Latin words stay whole unless one alone is too wide; CJK text breaks
/// between any two characters.
pub fn wrap(text: &str, max: i32, font: i32, lines: usize) -> Vec<String> {
    let limit = f64::from(max);
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    for token in tokens(text) {
        if token == " " {
            if !line.is_empty() {
                if width(&line, font) + width(" ", font) <= limit {
                    line.push(' ');
                } else {
                    out.push(std::mem::take(&mut line));
                }
            }
            continue;
        }
        let fits = width(&line, font) + width(token, font) <= limit;
        if fits {
            line.push_str(token);
            continue;
        }
        if !line.is_empty() && token.chars().all(closing) {
            // It takes the line's last CJK character along to the next line
            // (it would stick out of the box if it hung); in a Latin word
            // or a one-character line it hangs.
            let mut chars = line.chars();
            match chars.next_back() {
                Some(c) if !c.is_ascii() && !chars.as_str().is_empty() => {
                    line.pop();
                    out.push(std::mem::take(&mut line).trim_end().to_owned());
                    line.push(c);
                }
                _ => {}
            }
            line.push_str(token);
            continue;
        }
        if !line.is_empty() {
            out.push(std::mem::take(&mut line).trim_end().to_owned());
        }
        // A word wider than a whole line is cut between characters.
        for c in token.chars() {
            if !line.is_empty() && width(&line, font) + em(c) * f64::from(font) > limit {
                out.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    let line = line.trim_end();
    if !line.is_empty() {
        out.push(line.to_owned());
    }
    cut(&mut out, max, font, lines);
    out
}

/// `text` wrapped as [`wrap`] does, on as few lines, but with the lines as
/// even as they can be: the narrowest width that needs no more lines (no
/// "无需现场测 / 试" when "无需现 / 场测试" fits).
pub fn balanced(text: &str, max: i32, font: i32, lines: usize) -> Vec<String> {
    let widest = wrap(text, max, font, lines);
    if widest.len() < 2 || widest.len() >= lines {
        return widest;
    }
    let (mut lo, mut hi) = (1, max);
    // The least width in lo..=hi that wraps to as few lines: hi always does.
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if wrap(text, mid, font, usize::MAX).len() <= widest.len() {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    wrap(text, hi, font, lines)
}

/// `parts` joined by `sep` into lines of at most `max` px, breaking only
/// between parts unless one alone is too wide; at most `lines` lines.
pub fn pack(parts: &[&str], sep: &str, max: i32, font: i32, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    for part in parts {
        let joined = format!("{line}{sep}{part}");
        if !line.is_empty() && width(&joined, font) <= f64::from(max) {
            line = joined;
            continue;
        }
        if !line.is_empty() {
            out.push(std::mem::take(&mut line));
        }
        let mut wrapped = wrap(part, max, font, usize::MAX);
        line = wrapped.pop().unwrap_or_default();
        out.extend(wrapped);
    }
    if !line.is_empty() {
        out.push(line);
    }
    cut(&mut out, max, font, lines);
    out
}

/// Keep the first `lines` of `out`, the last one ending in `…` if any
/// were dropped.
fn cut(out: &mut Vec<String>, max: i32, font: i32, lines: usize) {
    let max = f64::from(max);
    if out.len() > lines {
        out.truncate(lines);
        if let Some(last) = out.last_mut() {
            while !last.is_empty() && width(last, font) + width("…", font) > max {
                last.pop();
            }
            let kept = last.trim_end().len();
            last.truncate(kept);
            last.push('…');
        }
    }
}

/// Runs of non-space ASCII (words), single spaces, and single other
/// characters; white space of any kind counts as one space.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text.trim();
    while let Some(c) = rest.chars().next() {
        let len = if c.is_whitespace() {
            let n = rest.len() - rest.trim_start().len();
            out.push(" ");
            rest = &rest[n..];
            continue;
        } else if c.is_ascii() {
            rest.find(|c: char| !c.is_ascii() || c.is_whitespace())
                .unwrap_or(rest.len())
        } else {
            c.len_utf8()
        };
        out.push(&rest[..len]);
        rest = &rest[len..];
    }
    out
}

pub use crate::output::escape::xml;

/// `text` reduced to the characters valid in an XML id and a CSS selector
/// without escaping, for the ids of one diagram's elements.
pub fn id(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_count_cjk_as_one_em() {
        assert_eq!(width("分析", 10), 20.0);
        assert_eq!(width("ab", 10), 12.0);
    }

    #[test]
    fn wraps_cjk_anywhere_and_latin_at_spaces() {
        assert_eq!(wrap("派发投诉工单", 40, 10, 3), ["派发投诉", "工单"]);
        assert_eq!(wrap("send the ticket", 60, 10, 3), ["send the", "ticket"]);
        assert_eq!(wrap("接单，分拣", 40, 10, 3), ["接单，分", "拣"]);
        // A closing mark never starts a line: it takes a character along.
        assert_eq!(wrap("接单分拣，好", 40, 10, 3), ["接单分", "拣，好"]);
        assert_eq!(wrap("第一次回盘？", 60, 12, 3), ["第一次回", "盘？"]);
    }

    #[test]
    fn long_text_wraps_whole_to_its_width() {
        // The sub-flow link that used to end in "…": 12 px, a 136 px box.
        let link = "↪ 非重要客户故障处理流程";
        let lines = wrap(link, 136, 12, 4);
        assert_eq!(lines, ["↪ 非重要客户故障处理", "流程"]);
        // CJK one em each (12 px), Latin narrower, every line within the
        // width, nothing lost but the spaces at the breaks.
        let text = "钻级或金级客户业务全阻，钻级普通故障，或领导要求尽快处理 (VIP fault, on site)";
        let lines = wrap(text, 64, 12, 20);
        assert!(lines.iter().all(|l| width(l, 12) <= 64.0), "{lines:?}");
        assert_eq!(lines[0], "钻级或金级");
        assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
        assert!(!lines.iter().any(|l| l.contains('…')));
        // Full-width forms count as CJK.
        assert_eq!(width("（２）", 10), 30.0);
    }

    #[test]
    fn balanced_lines_are_even() {
        assert_eq!(balanced("无需现场测试", 68, 12, 8), ["无需现", "场测试"]);
        assert_eq!(balanced("派发投诉工单", 200, 12, 8), ["派发投诉工单"]);
        let lines = balanced("钻级或金级客户业务全阻", 64, 12, 8);
        assert_eq!(lines.len(), wrap("钻级或金级客户业务全阻", 64, 12, 8).len());
        assert_eq!(lines, ["钻级或金", "级客户业", "务全阻"]);
    }

    #[test]
    fn cuts_with_an_ellipsis() {
        assert_eq!(
            wrap("一二三四五六七八九十", 40, 10, 2),
            ["一二三四", "五六七…"]
        );
        assert_eq!(wrap("abcdefghijkl", 30, 10, 1), ["abc…"]);
        assert!(wrap("   ", 30, 10, 1).is_empty());
    }

    #[test]
    fn packs_whole_parts() {
        assert_eq!(
            pack(&["2小时", "0.5个工作日", "3天"], " / ", 110, 10, 3),
            ["2小时 / 0.5个工作日", "3天"]
        );
        assert_eq!(
            pack(&["一二三四五六"], " / ", 40, 10, 3),
            ["一二三四", "五六"]
        );
    }

    #[test]
    fn escapes() {
        assert_eq!(
            xml("<a & 'b'>\"\u{1}"),
            "&lt;a &amp; &apos;b&apos;&gt;&quot;"
        );
        assert_eq!(id("a.b c"), "a_b_c");
    }
}
