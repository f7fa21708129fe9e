//! SARIF 2.1.0 output (`--format sarif`) for code-scanning dashboards: one run, the rule
//! metadata from the rule docs, one result per diagnostic with its region (lines, columns in
//! Unicode code points, byte offsets) and its fixes. The document is written in one pass from
//! borrowed structs in the key order of the `serde-sarif` model; the tests check that it
//! round-trips through that model byte for byte and validates against the schema.
//!
//! - **Linear, with no fixed cost per document.** The rule metadata (every rule with its
//!   documentation, about 70 KB) is serialized once per process and language and spliced in;
//!   no `serde_json::Value` tree is built for the results.
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

use std::sync::OnceLock;

use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::Value;

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
    /// The file it was read from, if it was one: its URI is made from this path's bytes (on
    /// Unix a file name need not be UTF-8, and `path`, made to be shown, has U+FFFD for such a
    /// byte); `None`: from `path`.
    pub file: Option<&'a std::path::Path>,
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

// The document is written in one pass from these borrowed structs (no `Value` tree, no
// second model): their fields are in the order serde-sarif prints them (sorted by key), and
// the tests check that every part round-trips through the serde-sarif model byte for byte
// and validates against the SARIF 2.1.0 schema.

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [Run<'a>; 1],
    version: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    artifacts: Vec<ArtifactObject<'a>>,
    column_kind: &'static str,
    invocations: [Invocation<'a>; 1],
    results: Vec<SarifResult<'a>>,
    tool: Tool,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    information_uri: &'static str,
    language: &'static str,
    name: &'static str,
    /// Pre-serialized once per process and language ([`rules_json`]).
    rules: &'static RawValue,
    semantic_version: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor {
    default_configuration: Level,
    full_description: Text<&'static str>,
    help: Help,
    id: &'static str,
    name: String,
    short_description: Text<String>,
}

#[derive(Serialize)]
struct Level {
    level: &'static str,
}

#[derive(Serialize)]
struct Help {
    markdown: &'static str,
    text: &'static str,
}

#[derive(Serialize)]
struct Text<T> {
    text: T,
}

#[derive(Serialize)]
struct Truncated {
    truncated: bool,
}

#[derive(Serialize)]
struct ArtifactObject<'a> {
    encoding: &'static str,
    length: usize,
    location: Uri<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<Truncated>,
}

#[derive(Serialize)]
struct Uri<'a> {
    uri: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation<'a> {
    execution_successful: bool,
    tool_execution_notifications: Vec<Notification<'a>>,
}

#[derive(Serialize)]
struct Notification<'a> {
    level: &'static str,
    locations: [ResultLocation<'a>; 1],
    message: Text<String>,
    properties: Truncated,
}

#[derive(Serialize, Clone, Copy)]
struct ArtifactLocation<'a> {
    index: usize,
    uri: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix<'a>>,
    level: &'static str,
    locations: [ResultLocation<'a>; 1],
    message: Text<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<Applicability>,
    rule_id: &'static str,
    rule_index: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultLocation<'a> {
    physical_location: PhysicalLocation<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation<'a>,
    /// None in a notification: it names the file only.
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region<'a> {
    byte_length: usize,
    byte_offset: usize,
    end_column: usize,
    end_line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    snippet: Option<Text<&'a str>>,
    start_column: usize,
    start_line: usize,
}

#[derive(Serialize)]
struct Applicability {
    applicability: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix<'a> {
    artifact_changes: [ArtifactChange<'a>; 1],
    description: Text<String>,
    properties: Applicability,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: ArtifactLocation<'a>,
    replacements: [Replacement; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: Region<'static>,
    inserted_content: Text<String>,
}

/// The `tool.driver.rules` of `lang` (every rule with its documentation, about 70 KB), as
/// pretty JSON indented for its place in the document: built once per process and language.
fn rules_json(lang: Lang) -> &'static RawValue {
    static RULES: [OnceLock<Box<RawValue>>; 2] = [OnceLock::new(), OnceLock::new()];
    let cell = &RULES[usize::from(lang == Lang::En)];
    cell.get_or_init(|| {
        let rules: Vec<Descriptor> = Rule::ALL
            .iter()
            .map(|r| Descriptor {
                default_configuration: Level {
                    level: level(r.default_severity()),
                },
                full_description: Text {
                    text: explain::title(*r, lang),
                },
                help: Help {
                    markdown: explain::doc(*r, lang),
                    text: explain::doc(*r, lang),
                },
                id: r.id(),
                name: rule_name(*r),
                short_description: Text {
                    text: explain::summary(*r, lang),
                },
            })
            .collect();
        let pretty = serde_json::to_string_pretty(&rules).unwrap_or_else(|_| "[]".into());
        // The array sits at depth 5 of the document (`runs[0].tool.driver.rules`): every line
        // after its first is indented by 10 more spaces. JSON strings hold no raw line break,
        // so every `\n` is between tokens.
        let indented = pretty.replace('\n', "\n          ");
        RawValue::from_string(indented).expect("serialized JSON is JSON")
    })
}

/// The SARIF document for `files`; findings in `scope` get fixes.
pub fn document(files: &[Artifact<'_>], lang: Lang, scope: Scope) -> Value {
    serde_json::from_str(&to_string(files, lang, scope)).unwrap_or(Value::Null)
}

/// The SARIF document for `files` as pretty JSON; findings in `scope` get fixes.
pub fn to_string(files: &[Artifact<'_>], lang: Lang, scope: Scope) -> String {
    let uris: Vec<String> = files
        .iter()
        .map(|a| a.file.map_or_else(|| uri(a.path), file_uri))
        .collect();
    let mut results = Vec::new();
    let mut artifacts = Vec::new();
    let mut notifications = Vec::new();
    for (idx, (a, uri)) in files.iter().zip(&uris).enumerate() {
        let (path, source, report) = (a.path, a.source, a.report);
        let location = ArtifactLocation {
            index: idx,
            uri: uri.as_str(),
        };
        artifacts.push(ArtifactObject {
            encoding: "utf-8",
            length: source.len(),
            location: Uri { uri },
            properties: report.truncated.then_some(Truncated { truncated: true }),
        });
        if report.truncated {
            notifications.push(Notification {
                level: "warning",
                locations: [ResultLocation {
                    physical_location: PhysicalLocation {
                        artifact_location: location,
                        region: None,
                    },
                }],
                message: Text {
                    text: truncated_message(path, report, lang),
                },
                properties: Truncated { truncated: true },
            });
        }
        let li = LineIndex::new(source);
        // Parsed only when some finding may get a fix.
        let fixer = report
            .diagnostics
            .iter()
            .any(|d| scope.includes(d))
            .then(|| Fixer::new(source, a.format));
        results.reserve(report.diagnostics.len());
        for d in &report.diagnostics {
            let rule_index = Rule::ALL.iter().position(|r| *r == d.rule).unwrap_or(0);
            let region = region(source, &li, d.span.start, d.span.end);
            let snippet = (!d.span.is_empty()).then(|| Text {
                text: source.get(d.span.range()).unwrap_or(""),
            });
            let fixes = match &fixer {
                Some(f) if scope.includes(d) => fixes(f, d, source, &li, location),
                _ => Vec::new(),
            };
            results.push(SarifResult {
                fixes,
                level: level(d.severity),
                locations: [ResultLocation {
                    physical_location: PhysicalLocation {
                        artifact_location: location,
                        region: Some(Region { snippet, ..region }),
                    },
                }],
                message: Text { text: &d.message },
                // Safe fixes may be applied in bulk; unsafe ones may change the meaning.
                properties: d
                    .applicability
                    .filter(|_| !d.suggestions.is_empty())
                    .map(|a| Applicability {
                        applicability: Some(a.as_str()),
                    }),
                rule_id: d.rule.id(),
                rule_index,
            });
        }
    }
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        runs: [Run {
            artifacts,
            column_kind: "unicodeCodePoints",
            invocations: [Invocation {
                execution_successful: true,
                tool_execution_notifications: notifications,
            }],
            results,
            tool: Tool {
                driver: Driver {
                    information_uri: INFORMATION_URI,
                    language: if lang == Lang::En { "en" } else { "da" },
                    name: "biasvask",
                    rules: rules_json(lang),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    version: env!("CARGO_PKG_VERSION"),
                },
            },
        }],
        version: "2.1.0",
    };
    serde_json::to_string_pretty(&log).unwrap_or_default()
}

/// The region of `source[start..end]` (no snippet).
fn region(source: &str, li: &LineIndex, start: usize, end: usize) -> Region<'static> {
    let (sl, sc) = li.line_col(source, start);
    let (el, ec) = li.line_col(source, end);
    Region {
        byte_length: end - start,
        byte_offset: start,
        end_column: ec,
        end_line: el,
        snippet: None,
        start_column: sc,
        start_line: sl,
    }
}

/// The fixes of `d`: one per suggestion that [`Fixer::edit`] can apply (the edit `--fix`
/// makes), best first; none where every suggestion would delete markup.
fn fixes<'a>(
    fixer: &Fixer<'_>,
    d: &biasvask::Diagnostic,
    source: &str,
    li: &LineIndex,
    location: ArtifactLocation<'a>,
) -> Vec<SarifFix<'a>> {
    let found = source.get(d.span.range()).unwrap_or("");
    let applicability = d.applicability.map(|a| a.as_str());
    d.suggestions
        .iter()
        .filter_map(|s| Some((s, fixer.edit(d, s)?)))
        .map(|(s, e)| SarifFix {
            artifact_changes: [ArtifactChange {
                artifact_location: location,
                replacements: [Replacement {
                    deleted_region: region(source, li, e.start, e.end),
                    inserted_content: Text {
                        text: e.replacement,
                    },
                }],
            }],
            description: Text {
                text: format!("«{found}» → «{s}»"),
            },
            properties: Applicability { applicability },
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
    if path == "<stdin>" {
        return "stdin".to_string();
    }
    uri_of_bytes(path.as_bytes())
}

/// [`uri`] for the path of a file: on Unix its bytes as they are, UTF-8 or not (a byte 0xFF is
/// `%FF`, not the `%EF%BF%BD` of U+FFFD); elsewhere its text.
pub fn file_uri(path: &std::path::Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        uri_of_bytes(path.as_os_str().as_bytes())
    }
    #[cfg(not(unix))]
    {
        uri_of_bytes(path.to_string_lossy().as_bytes())
    }
}

fn uri_of_bytes(path: &[u8]) -> String {
    let p: Vec<u8> = path
        .iter()
        .map(|&b| if b == b'\\' { b'/' } else { b })
        .collect();
    let drive = p.len() >= 3 && p[0].is_ascii_alphabetic() && p[1] == b':' && p[2] == b'/';
    if p.starts_with(b"//") {
        // A UNC path (`\\host\share`) keeps its host: `file://host/share`.
        return format!("file:{}", encode(&p, false));
    }
    if p.starts_with(b"/") {
        return format!("file://{}", encode(&p, false));
    }
    if drive {
        return format!("file:///{}:{}", char::from(p[0]), encode(&p[2..], false));
    }
    let p = p.strip_prefix(b"./").unwrap_or(&p);
    // A colon in a relative reference would read as a scheme: it is encoded too.
    encode(p, true)
}

/// `s` percent-encoded for a URI path: every byte but the unreserved characters, `/` and the
/// sub-delimiters that are safe in a path (`!$&'()*+,;=@`, and `:` unless `colon`) as `%XX`.
fn encode(s: &[u8], colon: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s {
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

#[cfg(test)]
mod tests {
    use super::{document, to_string, uri, Artifact};
    use biasvask::fix::Scope;
    use biasvask::{Format, Lang, Options};

    #[test]
    fn every_part_of_the_document_round_trips_through_the_serde_sarif_model() {
        // The document is written from this module's structs: the serde-sarif model must read
        // it and print it back byte for byte (same keys, same order, nothing dropped), for
        // fixes (whole and inside markup), cut documents, notifications, ad-level findings,
        // several files and both languages.
        let html = "<p>Vi søger en <b>Form</b>and og en formand. Ambitiøs.</p>";
        let text = "Vi søger en formand.\r\nHan skal være ambitiøs og have flair.\n";
        let mut cut = biasvask::lint(html, Format::Html, &Options::default());
        cut.truncated = true;
        let plain = biasvask::lint(text, Format::Text, &Options::default());
        let files = [
            Artifact {
                path: "/tmp/a b.html",
                file: None,
                source: html,
                format: Format::Html,
                report: &cut,
            },
            Artifact {
                path: "ads/b.txt",
                file: None,
                source: text,
                format: Format::Text,
                report: &plain,
            },
        ];
        for lang in [Lang::Da, Lang::En] {
            for scope in [Scope::Safe, Scope::Unsafe] {
                let out = to_string(&files, lang, scope);
                let doc = document(&files, lang, scope);
                assert!(doc["runs"][0]["results"][1]["fixes"].is_array(), "{doc}");
                assert_eq!(
                    doc["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]["level"],
                    "warning"
                );
                let model: serde_sarif::sarif::Sarif = match serde_json::from_str(&out) {
                    Ok(m) => m,
                    Err(e) => panic!("serde-sarif rejects the document: {e}"),
                };
                let again = serde_json::to_string_pretty(&model).expect("the model prints");
                assert!(
                    again == out,
                    "the model prints it differently:\n{again}\n---\n{out}"
                );
            }
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
            // A file's path gives the same URI (a file may be named `<stdin>`).
            if path != "<stdin>" {
                assert_eq!(super::file_uri(std::path::Path::new(path)), want, "{path}");
            }
        }
    }

    /// A file name that is not UTF-8 keeps its bytes (`%FF`), not U+FFFD's (`%EF%BF%BD`).
    #[cfg(unix)]
    #[test]
    fn file_uris_keep_the_bytes_of_a_name_that_is_not_utf8() {
        use std::os::unix::ffi::OsStrExt;
        for (path, want) in [
            (&b"n\xffn.txt"[..], "n%FFn.txt"),
            (b"./a/\xe6 b.txt", "a/%E6%20b.txt"),
            (b"/tmp/n\xffn.txt", "file:///tmp/n%FFn.txt"),
        ] {
            let p = std::path::Path::new(std::ffi::OsStr::from_bytes(path));
            assert_eq!(super::file_uri(p), want, "{p:?}");
        }
    }
}
