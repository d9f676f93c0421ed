//! A YAML tokenizer for highlighting: one pass over each line, a few bytes
//! of state carried between lines (open flow collections, an unfinished
//! quoted scalar, a block scalar's indentation), so its time is linear in
//! the text whatever the text holds. It never fails: YAML it cannot make
//! sense of still comes out, in the classes its best guess gives.
//!
//! It is a highlighter, not a parser: it tells keys from values, quoted
//! from plain, numbers and booleans from text, and finds comments,
//! anchors, aliases, tags and indicators, as YAML 1.2 defines them; it does
//! not check that the document is well formed (the loader does).

/// What a token is, for its colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// A mapping key.
    Key,
    /// A scalar: quoted, plain or a block scalar's text.
    Str,
    /// A number, boolean or null written plain; an escape in a string.
    Num,
    Comment,
    /// An anchor (`&a`), alias (`*a`) or tag (`!x`).
    Var,
    /// Indicators: `-`, `:`, `,`, brackets, block scalar headers, `---`.
    Punct,
}

/// A token of one line: its class (`None`: space or text that is nothing
/// in particular) and its byte range in the line.
pub type Token = (Option<Class>, usize, usize);

/// The state carried from one line to the next.
#[derive(Default)]
pub struct Lexer {
    /// How many flow collections (`[`, `{`) are open.
    flow: usize,
    /// The quote of a quoted scalar that goes on to the next line.
    quote: Option<u8>,
    /// Inside a block scalar: the indentation its lines must exceed.
    block: Option<usize>,
    /// The block scalar's own indentation, from its first line with text:
    /// deeper indentation is part of the text.
    block_text: Option<usize>,
}

impl Lexer {
    /// The tokens of `line` (without its line break), in order, covering it.
    pub fn line(&mut self, line: &str, out: &mut Vec<Token>) {
        out.clear();
        let bytes = line.as_bytes();
        let indent = bytes.iter().take_while(|&&b| b == b' ').count();
        if let Some(parent) = self.block {
            if indent == bytes.len() {
                out.extend((indent > 0).then_some((None, 0, indent)));
                return;
            }
            if indent > parent {
                let text = *self.block_text.get_or_insert(indent);
                let margin = indent.min(text);
                out.push((None, 0, margin));
                out.push((Some(Class::Str), margin, bytes.len()));
                return;
            }
            self.block = None;
            self.block_text = None;
        }
        let mut line_lexer = LineLexer {
            bytes,
            at: 0,
            out,
            node: indent,
            value: false,
            state: self,
        };
        line_lexer.run();
    }
}

/// One line being cut into tokens.
struct LineLexer<'a, 'b> {
    bytes: &'a [u8],
    at: usize,
    out: &'b mut Vec<Token>,
    /// The column of the node a block scalar header on this line belongs to:
    /// the last key or sequence entry seen in block context.
    node: usize,
    /// A block mapping's `:` came earlier on this line: what follows is its
    /// value, never a key (`a: b: c` is not a nested mapping).
    value: bool,
    state: &'b mut Lexer,
}

fn is_space(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

fn is_flow_indicator(b: u8) -> bool {
    matches!(b, b',' | b'[' | b']' | b'{' | b'}')
}

impl LineLexer<'_, '_> {
    fn peek(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.at + ahead).copied()
    }

    /// Whether the byte `ahead` of the cursor ends a token: space, the end
    /// of the line, or in a flow collection a flow indicator.
    fn ends_at(&self, ahead: usize) -> bool {
        match self.peek(ahead) {
            None => true,
            Some(b) => is_space(b) || (self.state.flow > 0 && is_flow_indicator(b)),
        }
    }

    fn push(&mut self, class: Option<Class>, to: usize) {
        if to > self.at {
            self.out.push((class, self.at, to));
            self.at = to;
        }
    }

    fn run(&mut self) {
        if let Some(quote) = self.state.quote {
            self.quoted(quote, self.at);
        } else if self.state.flow == 0 {
            self.document_marker();
        }
        while self.at < self.bytes.len() {
            self.token();
        }
    }

    /// `---`, `...` or a `%` directive at the start of a line.
    fn document_marker(&mut self) {
        let line = self.bytes;
        if line.first() == Some(&b'%') {
            self.push(Some(Class::Punct), line.len());
        } else if (line.starts_with(b"---") || line.starts_with(b"..."))
            && line.get(3).is_none_or(|&b| is_space(b))
        {
            self.push(Some(Class::Punct), 3);
        }
    }

    fn token(&mut self) {
        let at = self.at;
        let b = self.bytes[at];
        let after_space = at == 0 || is_space(self.bytes[at - 1]);
        match b {
            b' ' | b'\t' => {
                let end = at
                    + self.bytes[at..]
                        .iter()
                        .take_while(|&&b| is_space(b))
                        .count();
                self.push(None, end);
            }
            b'#' if after_space => self.push(Some(Class::Comment), self.bytes.len()),
            b'-' | b'?' if self.state.flow == 0 && self.ends_at(1) => {
                self.node = at;
                self.push(Some(Class::Punct), at + 1);
            }
            b':' if self.ends_at(1) || self.after_quoted_key() => {
                self.value |= self.state.flow == 0;
                self.push(Some(Class::Punct), at + 1);
            }
            b'[' | b'{' => {
                self.state.flow = self.state.flow.saturating_add(1);
                self.push(Some(Class::Punct), at + 1);
            }
            b']' | b'}' | b',' if self.state.flow > 0 => {
                if b != b',' {
                    self.state.flow -= 1;
                }
                self.push(Some(Class::Punct), at + 1);
            }
            b'&' | b'*' | b'!' => {
                let mut len = 1;
                while !self.ends_at(len) {
                    len += 1;
                }
                self.push(Some(Class::Var), at + len);
            }
            b'|' | b'>' if self.state.flow == 0 => self.block_header(),
            b'"' | b'\'' => self.quoted(b, at + 1),
            _ => self.plain(),
        }
    }

    /// `|` or `>` with its chomping and indentation indicators; the lines
    /// after it that are indented more than its node are its text.
    fn block_header(&mut self) {
        let len = 1 + self.bytes[self.at + 1..]
            .iter()
            .take_while(|b| matches!(b, b'+' | b'-' | b'0'..=b'9'))
            .count();
        self.push(Some(Class::Punct), self.at + len);
        self.state.block = Some(self.node);
        self.state.block_text = None;
    }

    /// A quoted scalar whose text starts at `from` (after the opening
    /// quote, or at the line's start when it goes on from the line before).
    fn quoted(&mut self, quote: u8, from: usize) {
        let start = self.at;
        let mut i = from;
        let mut closed = None;
        while i < self.bytes.len() {
            let b = self.bytes[i];
            // `\x` in double quotes, `''` in single quotes: an escape, not the end.
            let escape = (quote == b'"' && b == b'\\')
                || (b == quote && quote == b'\'' && self.bytes.get(i + 1) == Some(&b'\''));
            if escape {
                i += 2;
            } else if b == quote {
                closed = Some(i + 1);
                break;
            } else {
                i += 1;
            }
        }
        let Some(end) = closed else {
            self.state.quote = Some(quote);
            self.push(Some(Class::Str), self.bytes.len());
            return;
        };
        let resumed = self.state.quote.take().is_some();
        let class = if !resumed && self.may_be_key() && self.key_follows(end) {
            self.node_is_key(start);
            Class::Key
        } else {
            Class::Str
        };
        self.push(Some(class), end);
    }

    /// Whether a `:` that makes what ends at `end` a key comes next (after
    /// spaces): followed by a space or the line's end, or in a flow
    /// collection by anything (`{"a":1}`).
    fn key_follows(&self, end: usize) -> bool {
        let rest = &self.bytes[end..];
        let spaces = rest.iter().take_while(|&&b| is_space(b)).count();
        match rest.get(spaces) {
            Some(b':') => self.state.flow > 0 || rest.get(spaces + 1).is_none_or(|&b| is_space(b)),
            _ => false,
        }
    }

    /// Whether the cursor follows a quoted key in a flow collection, where
    /// its `:` needs no space after it (`{"a":1}`).
    fn after_quoted_key(&self) -> bool {
        let last = self.out.iter().rev().find(|(class, _, _)| class.is_some());
        self.state.flow > 0
            && matches!(last, Some(&(Some(Class::Key), from, _)) if matches!(self.bytes[from], b'"' | b'\''))
    }

    /// Whether a scalar here can be a key: not in a block mapping's value.
    fn may_be_key(&self) -> bool {
        self.state.flow > 0 || !self.value
    }

    /// A key in block context is the node a block scalar on its line
    /// belongs to.
    fn node_is_key(&mut self, start: usize) {
        if self.state.flow == 0 {
            self.node = start;
        }
    }

    /// A plain scalar: up to `: `, ` #`, the line's end, and in a flow
    /// collection a flow indicator.
    fn plain(&mut self) {
        let start = self.at;
        let mut i = start;
        let mut end = start;
        let mut key = false;
        while i < self.bytes.len() {
            let b = self.bytes[i];
            let next_ends = match self.bytes.get(i + 1) {
                None => true,
                Some(&n) => is_space(n) || (self.state.flow > 0 && is_flow_indicator(n)),
            };
            if (b == b':' && next_ends) || (self.state.flow > 0 && is_flow_indicator(b)) {
                key = b == b':';
                break;
            }
            if b == b'#' && i > start && is_space(self.bytes[i - 1]) {
                break;
            }
            i += 1;
            if !is_space(b) {
                end = i;
            }
        }
        let text = &self.bytes[start..end];
        let class = if key && self.may_be_key() {
            self.node_is_key(start);
            Class::Key
        } else if is_constant(text) {
            Class::Num
        } else {
            Class::Str
        };
        self.push(Some(class), end.max(start + 1));
    }
}

/// Whether a plain scalar is a number, boolean or null (YAML 1.2's core
/// schema, and the YAML 1.1 booleans readers still meet).
fn is_constant(text: &[u8]) -> bool {
    const WORDS: &[&str] = &[
        "true", "false", "null", "~", "yes", "no", "on", "off", ".inf", "-.inf", "+.inf", ".nan",
    ];
    let Ok(text) = std::str::from_utf8(text) else {
        return false;
    };
    WORDS.iter().any(|w| w.eq_ignore_ascii_case(text)) || is_number(text)
}

fn is_number(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if let Some(hex) = digits.strip_prefix("0x") {
        return !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit());
    }
    if let Some(oct) = digits.strip_prefix("0o") {
        return !oct.is_empty() && oct.bytes().all(|b| matches!(b, b'0'..=b'7'));
    }
    let (mantissa, exponent) = match digits.find(['e', 'E']) {
        Some(i) => (&digits[..i], Some(&digits[i + 1..])),
        None => (digits, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((w, f)) => (w, f),
        None => (mantissa, ""),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && all_digits(e)
    });
    (!whole.is_empty() || !fraction.is_empty())
        && all_digits(whole)
        && all_digits(fraction)
        && exponent_ok
}
