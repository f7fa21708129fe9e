//! Fixes: apply the first suggestion of every word- and phrase-level finding. Every other byte
//! stays as it was; ad-level findings are never auto-fixed.

use crate::diagnostic::Diagnostic;
use crate::document::Format;
use crate::engine::Engine;
use crate::options::Options;

/// One replacement in source bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub replacement: String,
}

/// The edits for `diagnostics` (first suggestion each), sorted, without overlaps (an earlier
/// or longer span wins).
pub fn edits(diagnostics: &[Diagnostic]) -> Vec<Edit> {
    let mut cands: Vec<Edit> = diagnostics
        .iter()
        .filter(|d| !d.rule.is_ad_level() && !d.span.is_empty())
        .filter_map(|d| {
            d.suggestions.first().map(|s| Edit {
                start: d.span.start,
                end: d.span.end,
                replacement: s.clone(),
            })
        })
        .collect();
    cands.sort_by(|a, b| {
        (a.start, std::cmp::Reverse(a.end)).cmp(&(b.start, std::cmp::Reverse(b.end)))
    });
    let mut out: Vec<Edit> = Vec::new();
    for e in cands {
        if out.last().is_some_and(|l| e.start < l.end) {
            continue;
        }
        out.push(e);
    }
    out
}

/// Apply sorted, non-overlapping edits.
pub fn apply_edits(source: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(source.len());
    let mut pos = 0;
    for e in edits {
        if e.start < pos
            || e.end > source.len()
            || !source.is_char_boundary(e.start)
            || !source.is_char_boundary(e.end)
        {
            continue;
        }
        out.push_str(&source[pos..e.start]);
        out.push_str(&e.replacement);
        pos = e.end;
    }
    out.push_str(&source[pos..]);
    out
}

/// Fix `source` until nothing fixable is left (at most a few rounds; one is the rule, since
/// no suggestion is itself flagged). Returns the fixed text and the number of edits made.
pub fn fix(engine: &Engine, source: &str, format: Format, options: &Options) -> (String, usize) {
    let mut text = source.to_string();
    let mut total = 0;
    for _ in 0..4 {
        let report = engine.lint(&text, format, options);
        let e = edits(&report.diagnostics);
        if e.is_empty() {
            break;
        }
        total += e.len();
        let next = apply_edits(&text, &e);
        if next == text {
            break;
        }
        text = next;
    }
    (text, total)
}
