//! Shared by the fuzz targets: lint `src` as `format` and check the span invariants.
use biasvask::{Document, Format, Options};

pub fn check(src: &str, format: Format) {
    let report = biasvask::lint(src, format, &Options::default());
    renderers(src, format, &report);
    for d in &report.diagnostics {
        assert!(d.span.start <= d.span.end && d.span.end <= src.len(), "{d:?} out of bounds");
        assert!(src.is_char_boundary(d.span.start) && src.is_char_boundary(d.span.end), "{d:?}");
        if !d.rule.is_ad_level() {
            assert!(!d.span.is_empty(), "{d:?} is empty");
        }
    }
    // The text-to-source map is monotonic and in bounds.
    let doc = Document::parse(src, format);
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
    for (d, j) in report.diagnostics.iter().zip(&file.diagnostics) {
        assert_eq!(j.text, src[d.span.range()]);
    }
    for (r, j) in report.requirements.iter().zip(&file.requirements) {
        assert_eq!(j.text, src[r.span.range()]);
    }
    let _ = json::jsonl_lines("a", src, report);
    let artifact = sarif::Artifact { path: "a", source: src, format, report };
    let sarif = sarif::to_string(&[artifact], biasvask::Lang::Da, biasvask::fix::Scope::Unsafe);
    let sarif: serde_json::Value = serde_json::from_str(&sarif).expect("SARIF parses");
    // Every fix edits inside its finding, on char boundaries.
    let results = sarif["runs"][0]["results"].as_array().cloned().unwrap_or_default();
    for (r, d) in results.iter().zip(&report.diagnostics) {
        for f in r["fixes"].as_array().into_iter().flatten() {
            let region = &f["artifactChanges"][0]["replacements"][0]["deletedRegion"];
            let start = region["byteOffset"].as_u64().expect("byteOffset") as usize;
            let end = start + region["byteLength"].as_u64().expect("byteLength") as usize;
            assert!(d.span.start <= start && end <= d.span.end, "{f} outside {d:?}");
            assert!(src.is_char_boundary(start) && src.is_char_boundary(end), "{f}");
        }
    }
    let out = human::render("a", src, report, &human::Style::default());
    assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
}
