//! SARIF 2.1.0 output (`--format sarif`) for code-scanning dashboards: one run, the rule
//! metadata from the rule docs, one result per diagnostic with its region (lines, columns in
//! Unicode code points, byte offsets) and its fixes. The document is checked against the
//! `serde-sarif` model before it is printed (and against the schema in the tests).

use serde_json::{json, Value};

use biasvask::render::LineIndex;
use biasvask::diagnostic::{Report, Rule, Severity};
use biasvask::explain;
use biasvask::options::Lang;

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

/// The SARIF document for `files` (path, source, report).
pub fn document(files: &[(&str, &str, &Report)], lang: Lang) -> Value {
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
    for (idx, (path, source, report)) in files.iter().enumerate() {
        let uri = uri(path);
        artifacts.push(
            json!({ "location": { "uri": uri }, "length": source.len(), "encoding": "utf-8" }),
        );
        let li = LineIndex::new(source);
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
            if !d.rule.is_ad_level() && !d.suggestions.is_empty() {
                result["fixes"] = Value::Array(
                    d.suggestions
                        .iter()
                        .map(|s| {
                            json!({
                                "description": { "text": format!("«{}» → «{}»", source.get(d.span.range()).unwrap_or(""), s) },
                                "artifactChanges": [ {
                                    "artifactLocation": location,
                                    "replacements": [ {
                                        "deletedRegion": { "byteOffset": d.span.start, "byteLength": d.span.len() },
                                        "insertedContent": { "text": s }
                                    } ]
                                } ]
                            })
                        })
                        .collect(),
                );
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
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "language": if lang == Lang::En { "en" } else { "da" },
                "rules": rules,
            } },
            "columnKind": "unicodeCodePoints",
            "artifacts": artifacts,
            "results": results,
        } ]
    })
}

/// A relative URI for a path as given on the command line.
fn uri(path: &str) -> String {
    let p = path.replace('\\', "/");
    let p = p.strip_prefix("./").unwrap_or(&p);
    if p == "<stdin>" {
        return "stdin".to_string();
    }
    p.chars()
        .map(|c| match c {
            ' ' => "%20".to_string(),
            '#' => "%23".to_string(),
            '?' => "%3F".to_string(),
            '%' => "%25".to_string(),
            c => c.to_string(),
        })
        .collect()
}

/// The SARIF document as pretty JSON, checked against the serde-sarif model.
pub fn to_string(files: &[(&str, &str, &Report)], lang: Lang) -> String {
    // The document is not cloned (10,000 results make a large `Value`): in the unreachable
    // case that the model rejects it, it is built again.
    match serde_json::from_value::<serde_sarif::sarif::Sarif>(document(files, lang)) {
        Ok(model) => serde_json::to_string_pretty(&model).unwrap_or_default(),
        // The model rejected it: still print what we have (the tests keep this unreachable).
        Err(_) => serde_json::to_string_pretty(&document(files, lang)).unwrap_or_default(),
    }
}
