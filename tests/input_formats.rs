//! HTML and Markdown input: fixtures under `tests/fixtures/{html,md}/` linted with the built-in
//! engine, checked as (rule, the source text of the span) pairs, plus the span invariants.

use biasvask::document::BlockKind;
use biasvask::{Document, Engine, Format, Options, Report, Rule};

fn engine() -> &'static Engine {
    static E: std::sync::OnceLock<Engine> = std::sync::OnceLock::new();
    E.get_or_init(|| Engine::new().expect("built-in lexicons are valid"))
}

fn fixture(path: &str) -> String {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn lint(src: &str, format: Format) -> Report {
    let report = engine().lint(src, format, &Options::default());
    check_spans(src, &report);
    report
}

/// Every span is in bounds, on char boundaries, non-empty for word findings.
fn check_spans(src: &str, report: &Report) {
    for d in &report.diagnostics {
        assert!(
            d.span.start <= d.span.end && d.span.end <= src.len(),
            "{d:?} out of bounds"
        );
        assert!(
            src.is_char_boundary(d.span.start) && src.is_char_boundary(d.span.end),
            "{d:?}"
        );
        if !d.rule.is_ad_level() {
            assert!(!d.span.is_empty(), "{d:?}");
        }
    }
}

/// (rule id, source text) of every finding of `rules`.
fn found<'a>(src: &'a str, report: &Report, rules: &[Rule]) -> Vec<(&'static str, &'a str)> {
    report
        .diagnostics
        .iter()
        .filter(|d| rules.contains(&d.rule))
        .map(|d| (d.rule.id(), &src[d.span.range()]))
        .collect()
}

const WORDS: &[Rule] = &[
    Rule::GenderedTerm,
    Rule::MasculineCoded,
    Rule::FeminineCoded,
    Rule::GenericPronoun,
];

#[test]
fn html_entities_and_inline_tags_map_to_the_source() {
    let src = fixture("html/entities.html");
    let r = lint(&src, Format::Html);
    assert_eq!(
        found(&src, &r, WORDS),
        vec![
            ("gendered-term", "reng&oslash;ringsdame"),
            ("gendered-term", "Formand</strong>en"),
            ("masculine-coded", "&#97;mbiti&#248;s"),
            ("feminine-coded", "&AElig;RLIG"),
            ("gendered-term", "reng&#xF8;ringsdame"),
        ]
    );
    // The suggestion is for the decoded, joined word.
    let formanden = r
        .diagnostics
        .iter()
        .find(|d| src[d.span.range()].starts_with("Formand"))
        .unwrap();
    assert_eq!(
        formanden.suggestions.first().map(String::as_str),
        Some("Forpersonen")
    );
    // Nothing from <title>-less places: script and style are not linted.
    assert!(r
        .diagnostics
        .iter()
        .all(|d| !src[..d.span.start].contains("<script>")
            || src[..d.span.start].contains("</script>")));
}

#[test]
fn html_lists_give_blocks_and_findings() {
    let src = fixture("html/lists.html");
    let r = lint(&src, Format::Html);
    assert_eq!(
        found(&src, &r, WORDS),
        vec![
            ("masculine-coded", "ambitiøs"),
            ("gendered-term", "bestyrelses</b>formand"),
            ("feminine-coded", "omsorgsfuld"),
        ]
    );
    let doc = Document::parse(&src, Format::Html);
    let blocks: Vec<(BlockKind, &str)> = doc
        .blocks
        .iter()
        .map(|b| (b.kind, &doc.text()[b.start..b.end]))
        .collect();
    assert_eq!(
        blocks,
        vec![
            (BlockKind::Heading, "Vi forventer"),
            (BlockKind::ListItem, "Du er ambitiøs"),
            (BlockKind::ListItem, "Erfaring som bestyrelsesformand"),
            (BlockKind::ListItem, "Kørekort"),
            (BlockKind::Heading, "Det er en fordel, hvis du:"),
            (BlockKind::ListItem, "taler tysk"),
            (BlockKind::ListItem, "er omsorgsfuld"),
        ]
    );
}

#[test]
fn html_suppression_comments() {
    let src = fixture("html/suppressions.html");
    let r = lint(&src, Format::Html);
    let f = found(&src, &r, WORDS);
    let line_of = |s: &str| src[..src.find(s).unwrap()].lines().count() + 1;
    let lines: Vec<(&str, usize)> = r
        .diagnostics
        .iter()
        .map(|d| (d.rule.id(), src[..d.span.start].lines().count()))
        .collect();
    // formand 2 and ambitiøs on its line: ignored (the comment's next line with text).
    // formand 4: gendered-term disabled, ambitiøs still flagged. formand 6 line: all disabled.
    // formand 7: an unknown rule in a directive is ignored, so nothing is disabled.
    assert_eq!(
        f.iter().map(|(r, _)| *r).collect::<Vec<_>>(),
        vec![
            "gendered-term",
            "gendered-term",
            "masculine-coded",
            "gendered-term",
            "gendered-term"
        ],
        "{lines:?}"
    );
    let starts: Vec<usize> = r
        .diagnostics
        .iter()
        .map(|d| src[..d.span.start].lines().count())
        .collect();
    assert_eq!(
        starts,
        vec![
            line_of("formand 1") - 1,
            line_of("formand 3") - 1,
            line_of("formand 4") - 1,
            line_of("formand 5") - 1,
            line_of("formand 7") - 1
        ]
    );
}

#[test]
fn html_broken_markup_is_tolerated() {
    let src = fixture("html/broken.html");
    let r = lint(&src, Format::Html);
    assert_eq!(
        found(&src, &r, WORDS),
        vec![
            ("gendered-term", "formand"),
            ("gendered-term", "rengøringsdame"),
            ("masculine-coded", "ambitiøs"),
            // The e-mail address in the link text, the href, the alt and title attributes
            // are not linted; the last paragraph is.
            ("gendered-term", "formand"),
        ]
    );
    let last = r
        .diagnostics
        .iter()
        .rfind(|d| d.rule == Rule::GenderedTerm)
        .unwrap();
    assert!(src[..last.span.start].ends_with("Slut "));
}

#[test]
fn html_edge_inputs_never_panic() {
    for src in [
        "",
        "<",
        "&",
        "&#",
        "&#x",
        "&#xZZ;",
        "&#99999999999;",
        "&#0;",
        "<!--",
        "<!-- biasvask-disable",
        "</",
        "</p>",
        "<p",
        "<a href=\"",
        "<script>",
        "<![CDATA[formand]]>",
        "\r\n\r",
        "formand\u{0}formand",
        "<p>\u{1F600}formand\u{1F600}</p>",
        "&oslash&oslash;&amp&ampformand",
        "<plaintext><p>formand",
        "<textarea>formand</textarea>formand",
    ] {
        let r = lint(src, Format::Html);
        let _ = lint(src, Format::Markdown);
        for d in &r.diagnostics {
            assert!(!src[d.span.range()].is_empty() || d.rule.is_ad_level());
        }
    }
}

#[test]
fn markdown_fixture() {
    let src = fixture("md/ad.md");
    let r = lint(&src, Format::Markdown);
    assert_eq!(
        found(&src, &r, WORDS),
        vec![
            ("gendered-term", "rengøringsdame"),
            ("gendered-term", "Formand**en"),
            ("masculine-coded", "amb&#105;tiøs"),
            // `formand` in a code span, the e-mail link and the URL are not linted;
            // the link text is.
            ("gendered-term", "formand"),
            ("masculine-coded", "ambitiøs"),
            ("gendered-term", "bestyrelses*formand"),
            // The code block is not linted; the ignored line is ignored; the disabled
            // masculine-coded "ambitiøs" is not flagged but its formand is.
            ("gendered-term", "formand"),
            ("gendered-term", "Reng&oslash;ringsdame"),
        ]
    );
    // The escaped entity is literal text, not a word.
    assert!(!src[r.diagnostics.last().unwrap().span.end..].contains("formand"));
    let doc = Document::parse(&src, Format::Markdown);
    let items: Vec<&str> = doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::ListItem)
        .map(|b| &doc.text()[b.start..b.end])
        .collect();
    assert_eq!(
        items,
        vec![
            "Du er ambitiøs",
            "Erfaring som bestyrelsesformand",
            "Kørekort"
        ]
    );
    let headings: Vec<&str> = doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Heading)
        .map(|b| &doc.text()[b.start..b.end])
        .collect();
    assert_eq!(headings, vec!["Vi søger en rengøringsdame", "Vi forventer"]);
}

#[test]
fn sex_preference_phrase_across_inline_tags() {
    let src = "<p>Vi <em>søger</em> en mand</p>";
    let r = lint(src, Format::Html);
    let f = found(src, &r, &[Rule::SexPreference]);
    assert_eq!(f, vec![("sex-preference", "søger</em> en mand")]);
    // Not across blocks.
    let src = "<p>Vi søger</p><p>en mand</p>";
    assert!(found(src, &lint(src, Format::Html), &[Rule::SexPreference]).is_empty());
}

#[test]
fn one_megabyte_of_html() {
    let unit = "<div class=\"job\"><h2>Stilling</h2><p>Vi s&oslash;ger en <strong>formand</strong> og en reng&oslash;ringsdame, der er ambiti&oslash;s.</p><ul><li>Erfaring</li><li>K&oslash;rekort</li></ul><!-- note --></div>\n";
    let mut src = String::with_capacity(1 << 20);
    while src.len() < 1 << 20 {
        src.push_str(unit);
    }
    let n = src.len() / unit.len() + usize::from(src.len() % unit.len() != 0);
    // Every finding (more than the default limit per document).
    let mut options = Options::default();
    options.max_findings = usize::MAX;
    let r = engine().lint(&src, Format::Html, &options);
    check_spans(&src, &r);
    assert!(!r.truncated);
    let terms = r
        .diagnostics
        .iter()
        .filter(|d| d.rule == Rule::GenderedTerm)
        .count();
    assert_eq!(terms, 2 * n);
    assert!(r.diagnostics.iter().all(|d| {
        let t = &src[d.span.range()];
        t == "formand"
            || t == "reng&oslash;ringsdame"
            || t == "ambiti&oslash;s"
            || d.rule.is_ad_level()
    }));
}
