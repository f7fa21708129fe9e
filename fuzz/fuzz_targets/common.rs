//! Shared by the fuzz targets: lint `src` as `format`, render it in every format and check the
//! span invariants. Every check is linear (or n log n) in the input and its findings.
use std::sync::OnceLock;

use biasvask::{Document, Engine, Format, Options};
use serde::Deserialize;

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::new().expect("built-in lexicons are valid"))
}

pub fn check(src: &str, format: Format) {
    // Parsed once: `Engine::lint` is `Document::parse` + `lint_document`, and the offset-map
    // checks below read the same document.
    let doc = Document::parse(src, format);
    let report = engine().lint_document(&doc, &Options::default());
    renderers(src, format, &report);
    for d in &report.diagnostics {
        assert!(d.span.start <= d.span.end && d.span.end <= src.len(), "{d:?} out of bounds");
        assert!(src.is_char_boundary(d.span.start) && src.is_char_boundary(d.span.end), "{d:?}");
        if !d.rule.is_ad_level() {
            assert!(!d.span.is_empty(), "{d:?} is empty");
        }
    }
    // The text-to-source map is monotonic and in bounds.
    let text = doc.text();
    let mut last = (0, 0);
    for (i, c) in text.char_indices() {
        let s = doc.source_span(i, i + c.len_utf8());
        assert!(s.end <= src.len() && src.is_char_boundary(s.start) && src.is_char_boundary(s.end));
        assert!(s.start >= last.0 && s.end >= last.1, "map goes back at text {i}: {s:?} after {last:?}");
        last = (s.start, s.end);
    }
    for b in &doc.blocks {
        assert!(b.start <= b.end && b.end <= text.len(), "{b:?}");
        assert!(text.is_char_boundary(b.start) && text.is_char_boundary(b.end), "{b:?}");
    }
    for d in &doc.directives {
        assert!(d.span.start <= d.span.end && d.span.end <= src.len(), "{d:?}");
    }
}

// The parts of a SARIF document the checks read; serde_json still parses (and so checks) the
// whole document, but skips the rest without building it.
#[derive(Deserialize)]
struct Sarif {
    runs: Vec<Run>,
}
#[derive(Deserialize)]
struct Run {
    results: Vec<SarifResult>,
}
#[derive(Deserialize)]
struct SarifResult {
    #[serde(default)]
    fixes: Vec<Fix>,
}
#[derive(Deserialize)]
struct Fix {
    #[serde(rename = "artifactChanges")]
    changes: Vec<Change>,
}
#[derive(Deserialize)]
struct Change {
    replacements: Vec<Replacement>,
}
#[derive(Deserialize)]
struct Replacement {
    #[serde(rename = "deletedRegion")]
    region: Region,
}
#[derive(Deserialize)]
struct Region {
    #[serde(rename = "byteOffset")]
    offset: usize,
    #[serde(rename = "byteLength")]
    length: usize,
}

/// Every renderer takes the report: texts are the spanned source, the counted requirements
/// are sound, and the human report sends no control character to a terminal.
fn renderers(src: &str, format: Format, report: &biasvask::Report) {
    use biasvask::render::json;
    use biasvask_cli::{human, sarif};
    let mut last_end = 0;
    for r in &report.requirements {
        assert!(r.span.start < r.span.end && r.span.end <= src.len(), "{r:?}");
        assert!(src.is_char_boundary(r.span.start) && src.is_char_boundary(r.span.end), "{r:?}");
        assert!(r.span.start >= last_end, "requirements go back: {r:?}");
        last_end = r.span.end;
    }
    let file = json::file("a", src, report);
    assert_eq!(file.diagnostics.len(), report.diagnostics.len());
    for (d, j) in report.diagnostics.iter().zip(&file.diagnostics) {
        assert_eq!(j.text, src[d.span.range()]);
    }
    for (r, j) in report.requirements.iter().zip(&file.requirements) {
        assert_eq!(j.text, src[r.span.range()]);
    }
    assert_eq!(json::jsonl_lines("a", src, report).len(), report.diagnostics.len());
    let artifact = sarif::Artifact { path: "a", file: None, source: src, format, report };
    let sarif = sarif::to_string(&[artifact], biasvask::Lang::Da, biasvask::fix::Scope::Unsafe);
    let sarif: Sarif = serde_json::from_str(&sarif).expect("SARIF parses");
    let results = &sarif.runs[0].results;
    assert_eq!(results.len(), report.diagnostics.len(), "one SARIF result per finding");
    // Every fix edits inside its finding, on char boundaries.
    for (r, d) in results.iter().zip(&report.diagnostics) {
        for f in &r.fixes {
            let region = &f.changes[0].replacements[0].region;
            let (start, end) = (region.offset, region.offset + region.length);
            assert!(d.span.start <= start && end <= d.span.end, "{start}..{end} outside {d:?}");
            assert!(src.is_char_boundary(start) && src.is_char_boundary(end), "{start}..{end}");
        }
    }
    let out = human::render("a", src, report, &human::Style::default());
    assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
}
