//! Shared by the fuzz targets: lint `src` as `format` and check the span invariants.
use biasvask::{Document, Format, Options};

pub fn check(src: &str, format: Format) {
    let report = biasvask::lint(src, format, &Options::default());
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
