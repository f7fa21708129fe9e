//! SARIF 2.1.0 output (`--format sarif`) for code-scanning dashboards: one run, the rule
//! metadata from the rule docs, one result per diagnostic with its region (lines, columns in
//! Unicode code points, byte offsets) and its fixes. The document is checked against the
//! `serde-sarif` model before it is printed (and against the schema in the tests).
//!
//! - **Fixes are the `--fix` edits.** A result's `fixes` are made by the same
//!   [`Fixer::edit`](biasvask::fix::Fixer::edit) as `--fix`: markup inside a finding
//!   (`<b>Form</b>and`, `**form**and`, `for<!-- x -->mand`) is never in a deleted region, and a
//!   suggestion that cannot be applied without deleting markup has no fix. Only findings in the
//!   [`Scope`] get fixes (safe ones by default, as `--fix`; `--unsafe-fixes` adds the unsafe
//!   ones), and every fix says its `applicability` in its property bag.
//! - **Cut findings are said.** When a document's findings were cut at the limit
//!   ([`Report::truncated`]), its artifact has `"properties": { "truncated": true }` and the
//!   run's invocation has a `warning` tool execution notification naming the file (shown by
//!   SARIF viewers and code-scanning dashboards as a tool message).
//! - **Paths are URI references.** An absolute path is a `file://` URI, a relative path stays a
//!   relative reference; both percent-encoded.

use serde_json::{json, Value};

use biasvask::diagnostic::{Report, Rule, Severity};
use biasvask::document::Format;
use biasvask::explain;
use biasvask::fix::{Fixer, Scope};
use biasvask::options::Lang;
use biasvask::render::LineIndex;

/// The tool's `informationUri` (an absolute URI, as SARIF requires).
pub const INFORMATION_URI: &str = "https://crates.io/crates/biasvask";

/// One input of a SARIF document: its path as given, its source, the format it was linted
/// as (the fixes are made from the same document) and its report.
#[derive(Debug, Clone, Copy)]
pub struct Artifact<'a> {
    pub path: &'a str,
    pub source: &'a str,
    pub format: Format,
    pub report: &'a Report,
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Info => "note",
        Severity::Warning => "warning",
        Severity::Error => "error",
    }
}

fn rule_name(r: Rule) -> String {
    r.id().split('-').map(biasvask::text::capitalize).collect()
}

/// The SARIF document for `files`; findings in `scope` get fixes.
pub fn document(files: &[Artifact<'_>], lang: Lang, scope: Scope) -> Value {
    let rules: Vec<Value> = Rule::ALL
        .iter()
        .map(|r| {
            json!({
                "id": r.id(),
                "name": rule_name(*r),
                "shortDescription": { "text": explain::summary(*r, lang) },
                "fullDescription": { "text": explain::title(*r, lang) },
                "help": { "text": explain::doc(*r, lang), "markdown": explain::doc(*r, lang) },
                "defaultConfiguration": { "level": level(r.default_severity()) },
            })
        })
        .collect();
    let mut results = Vec::new();
    let mut artifacts = Vec::new();
    let mut notifications = Vec::new();
    for (idx, a) in files.iter().enumerate() {
        let (path, source, report) = (a.path, a.source, a.report);
        let uri = uri(path);
        let mut artifact =
            json!({ "location": { "uri": uri }, "length": source.len(), "encoding": "utf-8" });
        if report.truncated {
            artifact["properties"] = json!({ "truncated": true });
            notifications.push(json!({
                "level": "warning",
                "message": { "text": truncated_message(path, report, lang) },
                "locations": [ { "physicalLocation": { "artifactLocation": { "uri": uri, "index": idx } } } ],
                "properties": { "truncated": true },
            }));
        }
        artifacts.push(artifact);
        let li = LineIndex::new(source);
        // Parsed only when some finding may get a fix.
        let fixer = report
            .diagnostics
            .iter()
            .any(|d| scope.includes(d))
            .then(|| Fixer::new(source, a.format));
        for d in &report.diagnostics {
            let rule_index = Rule::ALL.iter().position(|r| *r == d.rule).unwrap_or(0);
            let (sl, sc) = li.line_col(source, d.span.start);
            let (el, ec) = li.line_col(source, d.span.end);
            let mut region = json!({
                "startLine": sl,
                "startColumn": sc,
                "endLine": el,
                "endColumn": ec,
                "byteOffset": d.span.start,
                "byteLength": d.span.len(),
            });
            if !d.span.is_empty() {
                region["snippet"] = json!({ "text": source.get(d.span.range()).unwrap_or("") });
            }
            let location = json!({ "uri": uri, "index": idx });
            let mut result = json!({
                "ruleId": d.rule.id(),
                "ruleIndex": rule_index,
                "level": level(d.severity),
                "message": { "text": d.message },
                "locations": [ { "physicalLocation": { "artifactLocation": location, "region": region } } ],
            });
            if let Some(a) = d.applicability.filter(|_| !d.suggestions.is_empty()) {
                // Safe fixes may be applied in bulk; unsafe ones may change the meaning.
                result["properties"] = json!({ "applicability": a.as_str() });
            }
            let fixes = match &fixer {
                Some(f) if scope.includes(d) => fixes(f, d, source, &li, &location),
                _ => Vec::new(),
            };
            if !fixes.is_empty() {
                result["fixes"] = Value::Array(fixes);
            }
            results.push(result);
        }
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [ {
            "tool": { "driver": {
                "name": "biasvask",
                "informationUri": INFORMATION_URI,
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "language": if lang == Lang::En { "en" } else { "da" },
                "rules": rules,
            } },
            "invocations": [ {
                "executionSuccessful": true,
                "toolExecutionNotifications": notifications,
            } ],
            "columnKind": "unicodeCodePoints",
            "artifacts": artifacts,
            "results": results,
        } ]
    })
}

/// The fixes of `d`: one per suggestion that [`Fixer::edit`] can apply (the edit `--fix`
/// makes), best first; none where every suggestion would delete markup.
fn fixes(
    fixer: &Fixer<'_>,
    d: &biasvask::Diagnostic,
    source: &str,
    li: &LineIndex,
    location: &Value,
) -> Vec<Value> {
    let found = source.get(d.span.range()).unwrap_or("");
    let applicability = d.applicability.map(|a| a.as_str());
    d.suggestions
        .iter()
        .filter_map(|s| Some((s, fixer.edit(d, s)?)))
        .map(|(s, e)| {
            let (sl, sc) = li.line_col(source, e.start);
            let (el, ec) = li.line_col(source, e.end);
            json!({
                "description": { "text": format!("«{found}» → «{s}»") },
                "artifactChanges": [ {
                    "artifactLocation": location,
                    "replacements": [ {
                        "deletedRegion": {
                            "startLine": sl,
                            "startColumn": sc,
                            "endLine": el,
                            "endColumn": ec,
                            "byteOffset": e.start,
                            "byteLength": e.end - e.start,
                        },
                        "insertedContent": { "text": e.replacement }
                    } ]
                } ],
                "properties": { "applicability": applicability },
            })
        })
        .collect()
}

/// The tool notification for a document whose findings were cut.
fn truncated_message(path: &str, report: &Report, lang: Lang) -> String {
    let n = report.diagnostics.len();
    match lang {
        Lang::Da => format!(
            "{path}: kun de første {n} fund er med (grænsen pr. dokument er nået, eller tiden løb ud)"
        ),
        Lang::En => format!(
            "{path}: only the first {n} findings are listed (the limit per document was reached, or time ran out)"
        ),
    }
}

/// The URI reference for a path as given on the command line: `file://` and the
/// percent-encoded path for an absolute path (`/x`, `C:\x`), the percent-encoded relative
/// reference otherwise (a `./` prefix dropped), `stdin` for standard input.
pub fn uri(path: &str) -> String {
    let p = path.replace('\\', "/");
    if p == "<stdin>" {
        return "stdin".to_string();
    }
    let b = p.as_bytes();
    let drive = b.len() >= 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && b[2] == b'/';
    if p.starts_with("//") {
        // A UNC path (`\\host\share`) keeps its host: `file://host/share`.
        return format!("file:{}", encode(&p, false));
    }
    if p.starts_with('/') {
        return format!("file://{}", encode(&p, false));
    }
    if drive {
        return format!("file:///{}{}", &p[..2], encode(&p[2..], false));
    }
    let p = p.strip_prefix("./").unwrap_or(&p);
    // A colon in a relative reference would read as a scheme: it is encoded too.
    encode(p, true)
}

/// `s` percent-encoded for a URI path: every byte but the unreserved characters, `/` and the
/// sub-delimiters that are safe in a path (`!$&'()*+,;=@`, and `:` unless `colon`) as `%XX`.
fn encode(s: &str, colon: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b'/'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b'@'
            )
            || (b == b':' && !colon);
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The SARIF document as pretty JSON, checked against the serde-sarif model.
pub fn to_string(files: &[Artifact<'_>], lang: Lang, scope: Scope) -> String {
    // The document is not cloned (10,000 results make a large `Value`): in the unreachable
    // case that the model rejects it, it is built again.
    match serde_json::from_value::<serde_sarif::sarif::Sarif>(document(files, lang, scope)) {
        Ok(model) => serde_json::to_string_pretty(&model).unwrap_or_default(),
        // The model rejected it: still print what we have (the tests keep this unreachable).
        Err(_) => serde_json::to_string_pretty(&document(files, lang, scope)).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::{document, uri, Artifact};
    use biasvask::fix::Scope;
    use biasvask::{Format, Lang, Options};

    #[test]
    fn the_serde_sarif_model_accepts_every_part_of_the_document() {
        // `to_string` falls back to the unchecked document if the model rejects it: keep that
        // fallback unreachable for fixes, cut documents, notifications and file URIs.
        let src = "<p>Vi søger en <b>Form</b>and og en formand. Ambitiøs.</p>";
        let mut report = biasvask::lint(src, Format::Html, &Options::default());
        report.truncated = true;
        let a = Artifact {
            path: "/tmp/a b.html",
            source: src,
            format: Format::Html,
            report: &report,
        };
        let doc = document(&[a], Lang::Da, Scope::Unsafe);
        assert!(doc["runs"][0]["results"][1]["fixes"].is_array(), "{doc}");
        assert_eq!(
            doc["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]["level"],
            "warning"
        );
        if let Err(e) = serde_json::from_value::<serde_sarif::sarif::Sarif>(doc) {
            panic!("serde-sarif rejects the document: {e}");
        }
    }

    #[test]
    fn uris_for_paths() {
        for (path, want) in [
            ("/tmp/a b/æ.txt", "file:///tmp/a%20b/%C3%A6.txt"),
            ("/ads/100%#1?.txt", "file:///ads/100%25%231%3F.txt"),
            ("C:\\ads\\x.txt", "file:///C:/ads/x.txt"),
            ("\\\\srv\\share\\x.txt", "file://srv/share/x.txt"),
            ("./ads/x#1.txt", "ads/x%231.txt"),
            ("ads/annonce.html", "ads/annonce.html"),
            ("a:b.txt", "a%3Ab.txt"),
            ("rengøring.txt", "reng%C3%B8ring.txt"),
            ("<stdin>", "stdin"),
        ] {
            assert_eq!(uri(path), want, "{path}");
        }
    }
}
