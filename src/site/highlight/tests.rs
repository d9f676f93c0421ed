use super::*;

/// Each line's runs as `class«text»`, plain text as itself: the tokenizer's
/// verdict, readable in a golden string.
fn marked(text: &str) -> String {
    let mut lexer = Lexer::default();
    let mut tokens = Vec::new();
    let mut out = String::new();
    for line in text.lines() {
        lexer.line(line, &mut tokens);
        for (class, from, to) in merged(&tokens) {
            match class {
                Some(class) => {
                    let _ = write!(out, "{}«{}»", css_class(class), &line[from..to]);
                }
                None => out.push_str(&line[from..to]),
            }
        }
        out.push('\n');
    }
    out
}

#[test]
fn keys_values_and_comments() {
    let text = "# 注释\nkey: value # trailing\n\"quoted key\": 1\n'single': -2.5e3\nplain key with spaces: true\nempty:\nurl: http://x.cn/a#frag\nhash: a#b\ncolon: a:b\nchinese: 处理投诉，升级 # 中文\n";
    assert_eq!(
        marked(text),
        "cm«# 注释»\n\
         k«key»p«:» s«value» cm«# trailing»\n\
         k«\"quoted key\"»p«:» n«1»\n\
         k«'single'»p«:» n«-2.5e3»\n\
         k«plain key with spaces»p«:» n«true»\n\
         k«empty»p«:»\n\
         k«url»p«:» s«http://x.cn/a#frag»\n\
         k«hash»p«:» s«a#b»\n\
         k«colon»p«:» s«a:b»\n\
         k«chinese»p«:» s«处理投诉，升级» cm«# 中文»\n"
    );
}

#[test]
fn constants_and_look_alikes() {
    let text = "a: [null, ~, Null, 0x1F, 0o17, .inf, -.inf, .NaN, 1e3, +12, 3.]\nb: [2小时, 0.5个工作日, 1-2, 12:30, 2024-10-01, truthy, 0x, .]\n";
    assert_eq!(
        marked(text),
        "k«a»p«:» p«[»n«null»p«,» n«~»p«,» n«Null»p«,» n«0x1F»p«,» n«0o17»p«,» n«.inf»p«,» n«-.inf»p«,» n«.NaN»p«,» n«1e3»p«,» n«+12»p«,» n«3.»p«]»\n\
         k«b»p«:» p«[»s«2小时»p«,» s«0.5个工作日»p«,» s«1-2»p«,» s«12:30»p«,» s«2024-10-01»p«,» s«truthy»p«,» s«0x»p«,» s«.»p«]»\n"
    );
}

#[test]
fn flow_collections_across_lines_and_json() {
    let text = "clauses: [{ number: \"1\", title: 总则 }, { number: \"2\", title: 时限 }]\nflow:\n  [a, \"b\", {c: d, 'e': f},\n   g # 注\n  ]\njson: {\"a\":1,\"b\":[true,false]}\nafter: x, y\n";
    assert_eq!(
        marked(text),
        "k«clauses»p«:» p«[{» k«number»p«:» s«\"1\"»p«,» k«title»p«:» s«总则» p«},» p«{» k«number»p«:» s«\"2\"»p«,» k«title»p«:» s«时限» p«}]»\n\
         k«flow»p«:»\n  \
         p«[»s«a»p«,» s«\"b\"»p«,» p«{»k«c»p«:» s«d»p«,» k«'e'»p«:» s«f»p«},»\n   \
         s«g» cm«# 注»\n  \
         p«]»\n\
         k«json»p«:» p«{»k«\"a\"»p«:»n«1»p«,»k«\"b\"»p«:[»n«true»p«,»n«false»p«]}»\n\
         k«after»p«:» s«x, y»\n"
    );
}

#[test]
fn quoted_strings_with_escapes_and_line_breaks() {
    let text = "a: \"tab\\there \\\"q\\\" \\\\\"\nb: 'it''s'\nc: \"first line\n  second: line\"\nd: 'one\n  two' # 注\ne: \"\"\nf: ''\ng: \"\\\\\": 1\n";
    assert_eq!(
        marked(text),
        "k«a»p«:» s«\"tab\\there \\\"q\\\" \\\\\"»\n\
         k«b»p«:» s«'it''s'»\n\
         k«c»p«:» s«\"first line»\n\
         s«  second: line\"»\n\
         k«d»p«:» s«'one»\n\
         s«  two'» cm«# 注»\n\
         k«e»p«:» s«\"\"»\n\
         k«f»p«:» s«''»\n\
         k«g»p«:» s«\"\\\\\"»p«:» n«1»\n"
    );
}

#[test]
fn block_scalars_end_where_the_indentation_does() {
    let text = "literal: |\n  line one\n    # not a comment: no key\n\n  more\nafter: x\n- description: >-\n    folded\n  title: t\n- |+2\n    kept\n- x\n";
    assert_eq!(
        marked(text),
        "k«literal»p«:» p«|»\n  \
         s«line one»\n  \
         s«  # not a comment: no key»\n\
         \n  \
         s«more»\n\
         k«after»p«:» s«x»\n\
         p«-» k«description»p«:» p«>-»\n    \
         s«folded»\n  \
         k«title»p«:» s«t»\n\
         p«-» p«|+2»\n    \
         s«kept»\n\
         p«-» s«x»\n"
    );
}

#[test]
fn anchors_aliases_tags_and_markers() {
    let text = "%YAML 1.2\n---\nbase: &base { x: 1 }\nalias: *base\nmerged:\n  <<: *base\ntagged: !!str 123\n? complex\n: value\n- - nested\n...\n";
    assert_eq!(
        marked(text),
        "p«%YAML 1.2»\n\
         p«---»\n\
         k«base»p«:» v«&base» p«{» k«x»p«:» n«1» p«}»\n\
         k«alias»p«:» v«*base»\n\
         k«merged»p«:»\n  \
         k«<<»p«:» v«*base»\n\
         k«tagged»p«:» v«!!str» n«123»\n\
         p«?» s«complex»\n\
         p«:» s«value»\n\
         p«-» p«-» s«nested»\n\
         p«...»\n"
    );
}

#[test]
fn classes_escaping_and_anchors() {
    let text = "roles:\n  - id: a # 注释\n    title: \"<b>&\"\n    count: 3\n    description: |\n      多行\r\n";
    let html = yaml_html(text);
    for n in 1..=6 {
        assert!(html.contains(&format!(
            "<a class=\"ln\" id=\"L{n}\" href=\"#L{n}\">{n}</a>"
        )));
    }
    assert!(!html.contains("L7"));
    assert_eq!(
        html.lines().nth(2),
        Some(
            "<a class=\"ln\" id=\"L3\" href=\"#L3\">3</a>    <span class=\"k\">title</span>\
             <span class=\"p\">:</span> <span class=\"s\">\"&lt;b&gt;&amp;\"</span>"
        )
    );
    assert!(html.contains("<span class=\"cm\"># 注释</span>\n"));
    assert!(html.ends_with("      <span class=\"s\">多行</span>\r\n"));
    assert_eq!(yaml_html(""), "");
}

/// A long quoted string inside `{ }` followed by more keys: the shape that
/// made the regex highlighter quadratic. This only has to finish (the time
/// is measured by `benches/long_strings.sh`) and keep every byte.
#[test]
fn long_quoted_strings_in_flow_mappings() {
    let long = "说明 \\\"引用\\\" key: value, [x] {y} # z ".repeat(4_000);
    let text: String = (0..5)
        .map(|i| {
            format!(
                "  - {{ id: l{i}, description: \"{long}\", metric: m.x{i}, duration: 2小时 }}\n"
            )
        })
        .collect();
    assert!(text.len() > 200_000);
    let html = yaml_html(&text);
    let line = marked(&text);
    let first = line.lines().next().unwrap();
    assert!(first.starts_with("  p«-» p«{» k«id»p«:» s«l0»p«,» k«description»p«:» s«\""));
    assert!(first.ends_with("\"»p«,» k«metric»p«:» s«m.x0»p«,» k«duration»p«:» s«2小时» p«}»"));
    assert_eq!(
        html.matches("<span").count(),
        html.matches("</span>").count()
    );
}

/// Any bytes at all: the tokens cover each line exactly, in order, on
/// character boundaries, whatever state the lines before left.
#[test]
fn tokens_cover_every_line() {
    let pieces = [
        "a", ":", " ", "\"", "'", "\\", "#", "-", "?", "[", "]", "{", "}", ",", "|", ">", "&", "*",
        "!", "中", "\t", "---", "%", "\n", "\r\n", "  ",
    ];
    let mut seed = 7u64;
    for _ in 0..2_000 {
        let mut text = String::new();
        for _ in 0..40 {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
        }
        let mut lexer = Lexer::default();
        let mut tokens = Vec::new();
        for line in text.split('\n') {
            lexer.line(line, &mut tokens);
            let mut at = 0;
            for &(_, from, to) in &tokens {
                assert_eq!(from, at, "{text:?}");
                assert!(to > from && line.is_char_boundary(to), "{text:?}");
                at = to;
            }
            assert_eq!(at, line.len(), "{text:?}");
        }
        let html = yaml_html(&text);
        assert_eq!(
            html.matches("<span").count(),
            html.matches("</span>").count()
        );
    }
}

/// The files of the test site. Each line's anchor costs the same
/// whatever the line holds (the test site's lines are short); the
/// highlighting must stay within a few times the text.
#[test]
fn pages_stay_a_few_times_their_file() {
    let test_site = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/test_site/spec");
    let (spec, _) = crate::spec::open(&test_site).unwrap();
    let anchor = |n: usize| format!("<a class=\"ln\" id=\"L{n}\" href=\"#L{n}\">{n}</a>").len();
    let (yaml, html): (usize, usize) = spec
        .sources
        .files()
        .iter()
        .map(|f| {
            let anchors: usize = (1..=f.text.lines().count()).map(anchor).sum();
            (f.text.len(), yaml_html(&f.text).len() - anchors)
        })
        .fold((0, 0), |(a, b), (y, h)| (a + y, b + h));
    assert!(yaml > 10_000, "{yaml} bytes of YAML");
    assert!(
        html < yaml * 4,
        "{html} bytes of HTML besides the line anchors for {yaml} of YAML"
    );
}

/// Relative luminance and contrast as WCAG 2 defines them.
fn contrast_on_white(hex: &str) -> f64 {
    let channel = |i: usize| {
        let v = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
        if v <= 0.039_28 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
    1.05 / (l + 0.05)
}

#[test]
fn every_colour_is_readable_on_white() {
    for (_, class, colour) in CLASSES {
        assert!(contrast_on_white(colour) >= 4.5, "{class} {colour}");
    }
    assert!(stylesheet().contains("pre.source .k { color: #116329; }"));
}
