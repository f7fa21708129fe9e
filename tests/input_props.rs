//! Property tests of the HTML and Markdown front ends: random documents mixing flagged words,
//! entities, inline and block tags, comments, broken markup, emoji and æøå.
//!
//! For every input: no panic; every span in bounds and on char boundaries; for word-level
//! findings the span's source text, with tags and markup removed and entities decoded, is
//! the flagged word (linting it alone as plain text gives the same rule over all of it, with
//! the same suggestions); the text-to-source map is monotonic.

use biasvask::{Document, Engine, Format, Options, Report, Rule};
use proptest::prelude::*;

fn engine() -> &'static Engine {
    static E: std::sync::OnceLock<Engine> = std::sync::OnceLock::new();
    E.get_or_init(|| Engine::new().expect("built-in lexicons are valid"))
}

const WORDS: &[&str] = &[
    "formand",
    "Formændene",
    "FORMAND",
    "form",
    "and",
    "ænd",
    "ene",
    "bestyrelses",
    "rengøringsdame",
    "reng&oslash;ringsdame",
    "reng&#248;ringsdame",
    "Reng&#xF8;ringsdame",
    "ambitiøs",
    "ambiti&oslash;s",
    "&#97;mbitiøs",
    "omsorgsfuld",
    "han",
    "Han",
    "hun",
    "søger",
    "Vi",
    "en",
    "mand",
    "og",
    "æøå",
    "ÆØÅ",
    "😀",
    "👩‍💼",
    "x",
];

const ENTITIES: &[&str] = &[
    "&amp;", "&nbsp;", "&aelig;", "&aring;", "&AElig;", "&Oslash;", "&oslash;", "&#248;", "&#xF8;",
    "&mdash;", "&lt;",
];

const HTML_MARKUP: &[&str] = &[
    "<b>",
    "</b>",
    "<strong>",
    "</strong>",
    "<em>",
    "</em>",
    "<span class=\"x\">",
    "</span>",
    "<a href=\"mailto:formand@firma.dk\">",
    "</a>",
    "<p>",
    "</p>",
    "<li>",
    "</li>",
    "<ul>",
    "</ul>",
    "<br>",
    "<div>",
    "</div>",
    "<h2>",
    "</h2>",
    "<!-- x -->",
    "<!-- biasvask-disable -->",
    "<!-- biasvask-enable -->",
    "<!-- biasvask-ignore-next-line -->",
    "<!-- biasvask-disable gendered-term -->",
    "<!-- biasvask-enable gendered-term -->",
    "<code>",
    "</code>",
    "<script>",
    "</script>",
    "<style>",
    "</style>",
    "<img alt=\"formand\">",
    "<",
    "</",
    "<p",
    "<!--",
    "-->",
    "&",
    "&#",
    "&bogus;",
    "<a href=\"",
    "\r\n",
];

const MD_MARKUP: &[&str] = &[
    "**",
    "*",
    "_",
    " `formand` ",
    "\\*",
    "\n# ",
    "\n- ",
    "\n1. ",
    "\n> ",
    " [vores formand](https://firma.dk/formand) ",
    " [formand@firma.dk](mailto:formand@firma.dk) ",
    "\n```\nformand\n```\n",
    "\n<!-- biasvask-disable -->\n",
    "\n<!-- biasvask-enable -->\n",
    "\n<!-- biasvask-ignore-next-line -->\n",
    "<!-- x -->",
    "<b>",
    "</b>",
    "\n<div>\n",
    "\n</div>\n",
    "  \n",
    "\r\n",
    "\\",
    "&",
    "[",
    "]",
];

const SPACES: &[&str] = &[" ", " ", " ", "\n", "\n\n", ". ", ", ", "\t"];

fn doc(markup: &'static [&'static str]) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(WORDS),
        1 => prop::sample::select(ENTITIES),
        3 => prop::sample::select(markup),
        3 => prop::sample::select(SPACES),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

/// Remove markup and decode the entities the generators use: the reader's view of a span.
fn decode(s: &str, format: Format) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("<!--") {
            // A comment ends at the first "-->" after its opening (or "<!-->", "<!--->").
            let body = &rest[4..];
            let end = if body.starts_with('>') {
                1
            } else if body.starts_with("->") {
                2
            } else {
                body.find("-->").map_or(body.len(), |i| i + 3)
            };
            rest = &body[end..];
            continue;
        }
        if let Some(tag) = ["script", "style"]
            .iter()
            .find(|t| rest.starts_with(&format!("<{t}>")))
        {
            // Raw text up to the closing tag: not prose.
            let close = format!("</{tag}>");
            rest = rest.find(&close).map_or("", |i| &rest[i + close.len()..]);
            continue;
        }
        if c == '<' {
            if let Some(len) = tag_len(rest) {
                rest = &rest[len..];
                continue;
            }
        }
        if format == Format::Markdown && matches!(c, '*' | '_' | '\\') {
            rest = &rest[1..];
            continue;
        }
        if c == '&' {
            let known = [
                ("&oslash;", "ø"),
                ("&Oslash;", "Ø"),
                ("&aelig;", "æ"),
                ("&AElig;", "Æ"),
                ("&aring;", "å"),
                ("&#248;", "ø"),
                ("&#xF8;", "ø"),
                ("&#97;", "a"),
            ];
            if let Some((e, d)) = known.iter().find(|(e, _)| rest.starts_with(e)) {
                out.push_str(d);
                rest = &rest[e.len()..];
                continue;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The length of the tag (or bogus comment) at the start of `s`, honouring quoted attribute
/// values; a tag cut off by the end of the input runs to the end (browsers drop it).
fn tag_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let second = *b.get(1)?;
    let tag = second.is_ascii_alphabetic()
        || (second == b'/' && b.get(2).is_some_and(u8::is_ascii_alphabetic));
    let bogus = matches!(second, b'!' | b'?') || second == b'/';
    if !tag && !bogus {
        return None;
    }
    let mut i = 1;
    while i < b.len() {
        match b[i] {
            b'>' => return Some(i + 1),
            b'=' if tag => {
                i += 1;
                while i < b.len() && b[i].is_ascii_whitespace() {
                    i += 1;
                }
                if let Some(&q @ (b'"' | b'\'')) = b.get(i) {
                    i = s[i + 1..]
                        .find(q as char)
                        .map_or(b.len(), |j| i + 1 + j + 1);
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    Some(b.len())
}

fn check(src: &str, format: Format) -> Result<(), TestCaseError> {
    let report: Report = engine().lint(src, format, &Options::default());
    renderers(src, &report)?;
    for d in &report.diagnostics {
        prop_assert!(
            d.span.start <= d.span.end && d.span.end <= src.len(),
            "{:?} out of bounds",
            d.span
        );
        prop_assert!(src.is_char_boundary(d.span.start) && src.is_char_boundary(d.span.end));
        if !matches!(
            d.rule,
            Rule::GenderedTerm | Rule::MasculineCoded | Rule::FeminineCoded
        ) {
            continue;
        }
        let raw = &src[d.span.range()];
        let word = decode(raw, format);
        prop_assert!(
            !word.is_empty() && word.chars().all(|c| c.is_alphanumeric()),
            "{raw:?} -> {word:?}"
        );
        // The word alone, as plain text, gives the same finding over all of it.
        let alone = engine().lint(&word, Format::Text, &Options::default());
        let same = alone
            .diagnostics
            .iter()
            .find(|a| a.rule == d.rule && a.span.start == 0 && a.span.end == word.len());
        prop_assert!(
            same.is_some(),
            "{raw:?} decoded {word:?} is not itself a {} finding",
            d.rule
        );
        prop_assert_eq!(
            &same.map(|a| a.suggestions.clone()).unwrap_or_default(),
            &d.suggestions
        );
    }
    // The text-to-source map is monotonic, and every text char maps inside the source.
    let doc = Document::parse(src, format);
    let text = doc.text();
    let mut last = (0, 0);
    for (i, c) in text.char_indices() {
        let s = doc.source_span(i, i + c.len_utf8());
        prop_assert!(s.end <= src.len());
        prop_assert!(
            s.start >= last.0 && s.end >= last.1,
            "map goes back at text {i}: {s:?} after {last:?}"
        );
        last = (s.start, s.end);
    }
    for b in &doc.blocks {
        prop_assert!(b.start <= b.end && b.end <= text.len());
        prop_assert!(text.is_char_boundary(b.start) && text.is_char_boundary(b.end));
    }
    Ok(())
}

/// The core's renderer takes every report: spans and texts agree, the JSON parses, and the
/// counted requirements are sound. (The CLI's human and SARIF renderers have the same property
/// test in `crates/cli/tests/render_props.rs`.)
fn renderers(src: &str, report: &Report) -> Result<(), TestCaseError> {
    use biasvask::render::json;
    let mut last_end = 0;
    for r in &report.requirements {
        prop_assert!(
            r.span.start < r.span.end && r.span.end <= src.len(),
            "{r:?}"
        );
        prop_assert!(src.is_char_boundary(r.span.start) && src.is_char_boundary(r.span.end));
        prop_assert!(
            r.span.start >= last_end,
            "requirements overlap or go back: {r:?}"
        );
        last_end = r.span.end;
    }
    let must = report
        .requirements
        .iter()
        .filter(|r| r.class == biasvask::RequirementClass::Must)
        .count();
    prop_assert_eq!(
        (must, report.requirements.len() - must),
        (report.summary.must_have, report.summary.nice_to_have)
    );
    let file = json::file("a", src, report);
    for (d, j) in report.diagnostics.iter().zip(&file.diagnostics) {
        prop_assert_eq!(&j.text, &src[d.span.range()]);
    }
    for (r, j) in report.requirements.iter().zip(&file.requirements) {
        prop_assert_eq!(&j.text, &src[r.span.range()]);
    }
    let text = serde_json::to_string(&file).expect("JSON serialises");
    prop_assert!(serde_json::from_str::<serde_json::Value>(&text).is_ok());
    let mut lines = String::new();
    for line in json::jsonl_lines("a", src, report) {
        prop_assert!(
            serde_json::from_str::<serde_json::Value>(&line).is_ok(),
            "{line}"
        );
        lines.push_str(&line);
        lines.push('\n');
    }
    // What the CLI writes (directly, without the serde objects) is byte for byte serde's.
    let mut direct = Vec::new();
    json::write_file_pretty(&mut direct, 0, "a", src, report);
    prop_assert_eq!(
        String::from_utf8(direct).expect("UTF-8"),
        serde_json::to_string_pretty(&file).expect("JSON serialises")
    );
    let mut direct = Vec::new();
    json::write_jsonl(&mut direct, "a", src, report);
    prop_assert_eq!(String::from_utf8(direct).expect("UTF-8"), lines);
    Ok(())
}

proptest! {
    // 256 cases each by default; more with PROPTEST_CASES=N.
    #[test]
    fn html_documents(src in doc(HTML_MARKUP)) {
        check(&src, Format::Html)?;
    }

    #[test]
    fn markdown_documents(src in doc(MD_MARKUP)) {
        check(&src, Format::Markdown)?;
    }

    #[test]
    fn any_characters_in_every_format(src in "(?s).{0,160}") {
        check(&src, Format::Text)?;
        check(&src, Format::Html)?;
        check(&src, Format::Markdown)?;
    }

    #[test]
    fn arbitrary_strings(src in "\\PC{0,200}") {
        check(&src, Format::Html)?;
        check(&src, Format::Markdown)?;
    }
}

#[test]
fn decode_helper() {
    assert_eq!(
        decode("reng&oslash;rings<b>dame</b>", Format::Html),
        "rengøringsdame"
    );
    assert_eq!(decode("Form**and\\*", Format::Markdown), "Formand");
}
