//! The JSON output of `conventions.md`: `{ "version": 1, "files": [ { path, diagnostics, summary } ] }`.

use serde::Serialize;

use super::LineIndex;
use crate::diagnostic::{Report, Summary};

/// Schema version of the JSON output.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct JsonSpan {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct JsonDiagnostic {
    pub rule: &'static str,
    pub severity: &'static str,
    pub message: String,
    pub span: JsonSpan,
    pub text: String,
    pub suggestions: Vec<String>,
    /// `safe` or `unsafe` (conventions.md), present when there are suggestions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applicability: Option<&'static str>,
    /// Extra (allowed by the conventions): the lexicon entry behind the finding.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry: Option<String>,
    /// Extra: the evidence and its source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Extra (HTTP API): per suggestion, the exact source edit that applies it, or `null`
    /// where applying it would delete markup inside the finding.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edits: Option<Vec<Option<crate::fix::Edit>>>,
}

/// A requirement item the analysis counted (conventions.md): `text` is exactly the spanned
/// source.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct JsonRequirement {
    pub class: &'static str,
    pub span: JsonSpan,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct JsonFile {
    pub path: String,
    pub diagnostics: Vec<JsonDiagnostic>,
    /// Every requirement item counted, in order; `summary.must_have` and
    /// `summary.nice_to_have` are exactly the counts of its classes.
    pub requirements: Vec<JsonRequirement>,
    pub summary: Summary,
    /// Extra: present (`true`) when not every finding is listed (see `Report::truncated`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub truncated: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct JsonOutput {
    pub version: u32,
    /// The `biasvask.toml` that was applied, or `null`.
    pub config: Option<String>,
    pub files: Vec<JsonFile>,
}

/// The diagnostics of one report, with line/column and text.
pub fn diagnostics(source: &str, report: &Report) -> Vec<JsonDiagnostic> {
    diagnostics_in(source, &LineIndex::new(source), report)
}

fn diagnostics_in(source: &str, li: &LineIndex, report: &Report) -> Vec<JsonDiagnostic> {
    report
        .diagnostics
        .iter()
        .map(|d| {
            let (line, column) = li.line_col(source, d.span.start);
            JsonDiagnostic {
                rule: d.rule.id(),
                severity: d.severity.as_str(),
                message: d.message.clone(),
                span: JsonSpan {
                    start: d.span.start,
                    end: d.span.end,
                    line,
                    column,
                },
                text: source.get(d.span.range()).unwrap_or("").to_string(),
                suggestions: d.suggestions.clone(),
                applicability: d
                    .applicability
                    .filter(|_| !d.suggestions.is_empty())
                    .map(|a| a.as_str()),
                entry: d.entry.clone(),
                note: d.note.clone(),
                edits: None,
            }
        })
        .collect()
}

/// The requirement items of one report, with line/column and text.
pub fn requirements(source: &str, report: &Report) -> Vec<JsonRequirement> {
    requirements_in(source, &LineIndex::new(source), report)
}

fn requirements_in(source: &str, li: &LineIndex, report: &Report) -> Vec<JsonRequirement> {
    report
        .requirements
        .iter()
        .map(|r| {
            let (line, column) = li.line_col(source, r.span.start);
            JsonRequirement {
                class: r.class.as_str(),
                span: JsonSpan {
                    start: r.span.start,
                    end: r.span.end,
                    line,
                    column,
                },
                text: source.get(r.span.range()).unwrap_or("").to_string(),
            }
        })
        .collect()
}

/// The file object for one input (one pass over the source for lines and columns).
pub fn file(path: &str, source: &str, report: &Report) -> JsonFile {
    let li = LineIndex::new(source);
    JsonFile {
        path: path.to_string(),
        diagnostics: diagnostics_in(source, &li, report),
        requirements: requirements_in(source, &li, report),
        summary: report.summary,
        truncated: report.truncated,
    }
}

/// Add `edits` (an allowed extra) to the diagnostics of `file` where markup sits inside a
/// finding: per suggestion the exact source edit, or `null` where applying it would delete
/// the markup. Elsewhere a suggestion replaces `text` whole, no `edits` is added and the file
/// object stays the CLI's. The HTTP API and the WebAssembly binding call this for the page,
/// with the document the lint already read (`Engine::lint_document`), so an HTML source is
/// parsed once.
pub fn add_edits<'a>(
    file: &mut JsonFile,
    source: &'a str,
    format: crate::Format,
    doc: crate::Document<'a>,
    report: &Report,
) {
    if format == crate::Format::Text || report.diagnostics.iter().all(|d| d.suggestions.is_empty())
    {
        return;
    }
    let fixer = crate::fix::Fixer::from_document(source, doc);
    for (j, d) in file.diagnostics.iter_mut().zip(&report.diagnostics) {
        let edits = fixer.edits(d);
        let whole = edits.iter().zip(&d.suggestions).all(|(e, s)| {
            e.as_ref().is_some_and(|e| {
                (e.start, e.end) == (d.span.start, d.span.end) && &e.replacement == s
            })
        });
        if !whole {
            j.edits = Some(edits);
        }
    }
}

/// One JSONL line per diagnostic, each with `path` added. When the document's findings were
/// cut (`Report::truncated`), every line of it also says `"truncated": true` (an extra field,
/// as in the JSON file object), so a reader of any line knows the list is not complete.
pub fn jsonl_lines(path: &str, source: &str, report: &Report) -> Vec<String> {
    #[derive(Serialize)]
    struct Line<'a> {
        path: &'a str,
        #[serde(flatten)]
        d: JsonDiagnostic,
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        truncated: bool,
    }
    let truncated = report.truncated;
    diagnostics(source, report)
        .into_iter()
        .filter_map(|d| serde_json::to_string(&Line { path, d, truncated }).ok())
        .collect()
}
