//! The JSON output of `conventions.md`: `{ "version": 1, "files": [ { path, diagnostics, summary } ] }`.

use serde::Serialize;

use super::LineIndex;
use crate::diagnostic::{Diagnostic, Report, Summary};

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
    let Some(fixer) = page_fixer(source, format, doc, report) else {
        return;
    };
    for (j, d) in file.diagnostics.iter_mut().zip(&report.diagnostics) {
        j.edits = page_edits(&fixer, d);
    }
}

/// The fixer behind a page's `edits`, when some finding may need them: not for plain text
/// (no markup) and not when no finding has a suggestion.
fn page_fixer<'a>(
    source: &'a str,
    format: crate::Format,
    doc: crate::Document<'a>,
    report: &Report,
) -> Option<crate::fix::Fixer<'a>> {
    (format != crate::Format::Text && report.diagnostics.iter().any(|d| !d.suggestions.is_empty()))
        .then(|| crate::fix::Fixer::from_document(source, doc))
}

/// The `edits` of finding `d` for the page: per suggestion its exact edit (or `None` where it
/// would delete markup), or no `edits` at all when every suggestion replaces the span whole.
fn page_edits(
    fixer: &crate::fix::Fixer<'_>,
    d: &crate::Diagnostic,
) -> Option<Vec<Option<crate::fix::Edit>>> {
    let edits = fixer.edits(d);
    let whole = edits.iter().zip(&d.suggestions).all(|(e, s)| {
        e.as_ref()
            .is_some_and(|e| (e.start, e.end) == (d.span.start, d.span.end) && &e.replacement == s)
    });
    (!whole).then_some(edits)
}

/// The answer of the HTTP API: the file object of one input with `edits` (as [`add_edits`]
/// adds them, with the document the lint read) and `"pass"` last, written as compact JSON
/// straight into `out`, byte for byte what `serde_json` writes for the [`JsonFile`] made by
/// [`file`] and [`add_edits`] with `pass` flattened after it, without building the file
/// object first (no copy of each message, suggestion and note).
pub fn write_answer<'a>(
    out: &mut Vec<u8>,
    path: &str,
    source: &'a str,
    format: crate::Format,
    doc: crate::Document<'a>,
    report: &Report,
    pass: bool,
) -> Result<(), serde_json::Error> {
    let li = LineIndex::new(source);
    let fixer = page_fixer(source, format, doc, report);
    out.extend_from_slice(b"{\"path\":");
    write_str(out, path);
    out.extend_from_slice(b",\"diagnostics\":[");
    for (i, d) in report.diagnostics.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.push(b'{');
        write_diagnostic_fields(out, source, &li, d);
        if let Some(edits) = fixer.as_ref().and_then(|f| page_edits(f, d)) {
            out.extend_from_slice(b",\"edits\":");
            serde_json::to_writer(&mut *out, &edits)?;
        }
        out.push(b'}');
    }
    out.extend_from_slice(b"],\"requirements\":[");
    for (i, r) in report.requirements.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"class\":");
        write_str(out, r.class.as_str());
        write_span(out, source, &li, r.span);
        out.extend_from_slice(b",\"text\":");
        write_str(out, source.get(r.span.range()).unwrap_or(""));
        out.push(b'}');
    }
    out.extend_from_slice(b"],\"summary\":");
    serde_json::to_writer(&mut *out, &report.summary)?;
    if report.truncated {
        out.extend_from_slice(b",\"truncated\":true");
    }
    out.extend_from_slice(if pass {
        b",\"pass\":true}"
    } else {
        b",\"pass\":false}"
    });
    Ok(())
}

/// A diagnostic's fields in the conventions' order, compact, from `"rule"` to `"note"` (no
/// braces): the body of its object in the HTTP answer and in a JSONL line.
fn write_diagnostic_fields(out: &mut Vec<u8>, source: &str, li: &LineIndex, d: &Diagnostic) {
    out.extend_from_slice(b"\"rule\":");
    write_str(out, d.rule.id());
    out.extend_from_slice(b",\"severity\":");
    write_str(out, d.severity.as_str());
    out.extend_from_slice(b",\"message\":");
    write_str(out, &d.message);
    write_span(out, source, li, d.span);
    out.extend_from_slice(b",\"text\":");
    write_str(out, source.get(d.span.range()).unwrap_or(""));
    out.extend_from_slice(b",\"suggestions\":[");
    for (k, s) in d.suggestions.iter().enumerate() {
        if k > 0 {
            out.push(b',');
        }
        write_str(out, s);
    }
    out.push(b']');
    if let Some(a) = d.applicability.filter(|_| !d.suggestions.is_empty()) {
        out.extend_from_slice(b",\"applicability\":");
        write_str(out, a.as_str());
    }
    if let Some(e) = &d.entry {
        out.extend_from_slice(b",\"entry\":");
        write_str(out, e);
    }
    if let Some(n) = &d.note {
        out.extend_from_slice(b",\"note\":");
        write_str(out, n);
    }
}

/// `,"span":{"start":..,"end":..,"line":..,"column":..}` of a source span.
fn write_span(out: &mut Vec<u8>, source: &str, li: &LineIndex, span: crate::Span) {
    let (line, column) = li.line_col(source, span.start);
    out.extend_from_slice(b",\"span\":{\"start\":");
    write_usize(out, span.start);
    out.extend_from_slice(b",\"end\":");
    write_usize(out, span.end);
    out.extend_from_slice(b",\"line\":");
    write_usize(out, line);
    out.extend_from_slice(b",\"column\":");
    write_usize(out, column);
    out.push(b'}');
}

/// A number in decimal, as `serde_json` writes it.
pub fn write_usize(out: &mut Vec<u8>, mut n: usize) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[i..]);
}

/// A JSON string, escaped as `serde_json` escapes it: `"` and `\\` with a backslash, the
/// control characters below U+0020 as `\b \t \n \f \r` or `\u00xx` (lowercase hex), every
/// other byte as it is. Runs without any of these are found eight bytes at a time. (Public
/// for the front ends that write JSON by hand: the LSP's `publishDiagnostics`.)
pub fn write_str(out: &mut Vec<u8>, s: &str) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Whether any of the eight bytes is below 0x20, `"` or `\\` (exact for "any").
    let special = |x: u64| {
        let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
        (x.wrapping_sub(ONES * 0x20) & !x & HIGH)
            | zero(x ^ (ONES * u64::from(b'"')))
            | zero(x ^ (ONES * u64::from(b'\\')))
            != 0
    };
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 8) {
            let mut w = [0u8; 8];
            w.copy_from_slice(chunk);
            if !special(u64::from_le_bytes(w)) {
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        let esc: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            0x08 => b"\\b",
            b'\t' => b"\\t",
            b'\n' => b"\\n",
            0x0C => b"\\f",
            b'\r' => b"\\r",
            0x00..=0x1F => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(&bytes[run..i]);
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(b >> 4)]);
                out.push(HEX[usize::from(b & 0xF)]);
                i += 1;
                run = i;
                continue;
            }
            _ => {
                i += 1;
                continue;
            }
        };
        out.extend_from_slice(&bytes[run..i]);
        out.extend_from_slice(esc);
        i += 1;
        run = i;
    }
    out.extend_from_slice(&bytes[run..]);
    out.push(b'"');
}

/// The file object as `biasvask check --format json` lists it: serde_json's pretty layout (two
/// spaces a level) with every line indented by `indent` more spaces, byte for byte what
/// `serde_json::to_string_pretty(&file(path, source, report))` so indented gives, written
/// without building the object (each `text` is copied once, into `out`).
pub fn write_file_pretty(
    out: &mut Vec<u8>,
    indent: usize,
    path: &str,
    source: &str,
    report: &Report,
) {
    let p = Pretty::new(indent, source, report);
    p.head(out, path);
    for i in 0..report.diagnostics.len() {
        p.diagnostic(out, i);
    }
    p.between(out);
    for i in 0..report.requirements.len() {
        p.requirement(out, i);
    }
    p.tail(out);
}

/// [`write_file_pretty`] given to `sink` in pieces of about `piece` bytes or more, in order,
/// so that a large report's JSON is never held whole; on a machine with a second core, a large
/// report's diagnostics and requirement items are written on two threads, a batch each in
/// turn. The pieces together are byte for byte what `write_file_pretty` writes. `sink` returns
/// `false` to stop (the reader went away): nothing more is written.
pub fn write_file_pretty_pieces(
    indent: usize,
    path: &str,
    source: &str,
    report: &Report,
    piece: usize,
    sink: &mut dyn FnMut(&[u8]) -> bool,
) {
    pieces(
        indent,
        path,
        source,
        report,
        piece,
        PIECES_THREAD_MIN_ITEMS,
        sink,
    );
}

/// [`write_file_pretty_pieces`], on two threads from `threads_from` items on.
fn pieces(
    indent: usize,
    path: &str,
    source: &str,
    report: &Report,
    piece: usize,
    threads_from: usize,
    sink: &mut dyn FnMut(&[u8]) -> bool,
) {
    let p = Pretty::new(indent, source, report);
    let piece = piece.max(1);
    // The diagnostics, then the requirement items: one sequence of items.
    let n = report.diagnostics.len() + report.requirements.len();
    let mut buf = Vec::with_capacity(2 * piece);
    p.head(&mut buf, path);
    // A batch of items, about a piece of JSON (an item is some 200-600 bytes).
    let batch = (piece / 512).clamp(1, 1 << 16);
    let mut i = 0;
    if n >= threads_from && crate::threads::second_core() {
        // Batch k on this thread, batch k + 1 on the other, written in order.
        let stopped = std::thread::scope(|scope| {
            let (to_helper, jobs) = std::sync::mpsc::channel::<(usize, usize, Vec<u8>)>();
            let (done, from_helper) = std::sync::mpsc::channel::<Vec<u8>>();
            let p = &p;
            scope.spawn(move || {
                for (a, b, mut out) in jobs {
                    out.clear();
                    for k in a..b {
                        p.item(&mut out, k);
                    }
                    if done.send(out).is_err() {
                        break;
                    }
                }
            });
            let mut spare = Vec::with_capacity(2 * piece);
            while i < n {
                let mid = (i + batch).min(n);
                let hi = (mid + batch).min(n);
                let helped = mid < hi
                    && to_helper
                        .send((mid, hi, std::mem::take(&mut spare)))
                        .is_ok();
                for k in i..mid {
                    p.item(&mut buf, k);
                }
                if !sink(&buf) {
                    return true;
                }
                buf.clear();
                i = mid;
                if helped {
                    let Ok(theirs) = from_helper.recv() else {
                        // The helper cannot fail short of a panic, which `scope` passes on.
                        break;
                    };
                    if !sink(&theirs) {
                        return true;
                    }
                    spare = theirs;
                    i = hi;
                }
            }
            false
        });
        if stopped {
            return;
        }
    }
    while i < n {
        p.item(&mut buf, i);
        i += 1;
        if buf.len() >= piece {
            if !sink(&buf) {
                return;
            }
            buf.clear();
        }
    }
    if report.requirements.is_empty() {
        p.between(&mut buf);
    }
    p.tail(&mut buf);
    sink(&buf);
}

/// From this many diagnostics and requirement items on, [`write_file_pretty_pieces`] writes
/// them on two threads (below it a thread costs more than it saves: 1-5 µs an item).
const PIECES_THREAD_MIN_ITEMS: usize = 4096;

/// The pieces of [`write_file_pretty`]: what it writes before, for and after each diagnostic
/// and requirement item.
struct Pretty<'a> {
    indent: usize,
    source: &'a str,
    report: &'a Report,
    li: LineIndex,
}

impl<'a> Pretty<'a> {
    fn new(indent: usize, source: &'a str, report: &'a Report) -> Pretty<'a> {
        Pretty {
            indent,
            source,
            report,
            li: LineIndex::new(source),
        }
    }

    fn nl(&self, out: &mut Vec<u8>, level: usize) {
        out.push(b'\n');
        out.resize(out.len() + self.indent + 2 * level, b' ');
    }

    /// `"key": ` on a new line at `level`.
    fn key(&self, out: &mut Vec<u8>, level: usize, k: &str) {
        self.nl(out, level);
        out.push(b'"');
        out.extend_from_slice(k.as_bytes());
        out.extend_from_slice(b"\": ");
    }

    fn span(&self, out: &mut Vec<u8>, level: usize, span: crate::Span) {
        let (line, column) = self.li.line_col(self.source, span.start);
        self.key(out, level, "span");
        out.push(b'{');
        for (k, v) in [
            ("start", span.start),
            ("end", span.end),
            ("line", line),
            ("column", column),
        ] {
            self.key(out, level + 1, k);
            write_usize(out, v);
            if k != "column" {
                out.push(b',');
            }
        }
        self.nl(out, level);
        out.extend_from_slice(b"},");
    }

    /// Up to the diagnostics' opening bracket.
    fn head(&self, out: &mut Vec<u8>, path: &str) {
        out.resize(out.len() + self.indent, b' ');
        out.push(b'{');
        self.key(out, 1, "path");
        write_str(out, path);
        out.push(b',');
        self.key(out, 1, "diagnostics");
        out.push(b'[');
    }

    /// Diagnostic `i` (after a comma, but for the first).
    fn diagnostic(&self, out: &mut Vec<u8>, i: usize) {
        let d = &self.report.diagnostics[i];
        if i > 0 {
            out.push(b',');
        }
        self.nl(out, 2);
        out.push(b'{');
        self.key(out, 3, "rule");
        write_str(out, d.rule.id());
        out.push(b',');
        self.key(out, 3, "severity");
        write_str(out, d.severity.as_str());
        out.push(b',');
        self.key(out, 3, "message");
        write_str(out, &d.message);
        out.push(b',');
        self.span(out, 3, d.span);
        self.key(out, 3, "text");
        write_str(out, self.source.get(d.span.range()).unwrap_or(""));
        out.push(b',');
        self.key(out, 3, "suggestions");
        out.push(b'[');
        for (k, s) in d.suggestions.iter().enumerate() {
            if k > 0 {
                out.push(b',');
            }
            self.nl(out, 4);
            write_str(out, s);
        }
        if !d.suggestions.is_empty() {
            self.nl(out, 3);
        }
        out.push(b']');
        if let Some(a) = d.applicability.filter(|_| !d.suggestions.is_empty()) {
            out.push(b',');
            self.key(out, 3, "applicability");
            write_str(out, a.as_str());
        }
        if let Some(e) = &d.entry {
            out.push(b',');
            self.key(out, 3, "entry");
            write_str(out, e);
        }
        if let Some(n) = &d.note {
            out.push(b',');
            self.key(out, 3, "note");
            write_str(out, n);
        }
        self.nl(out, 2);
        out.push(b'}');
    }

    /// Item `k` of the diagnostics followed by the requirement items (with what stands between
    /// the two lists before the first requirement item).
    fn item(&self, out: &mut Vec<u8>, k: usize) {
        let nd = self.report.diagnostics.len();
        if k < nd {
            self.diagnostic(out, k);
        } else {
            if k == nd {
                self.between(out);
            }
            self.requirement(out, k - nd);
        }
    }

    /// From the diagnostics' closing bracket to the requirements' opening one.
    fn between(&self, out: &mut Vec<u8>) {
        if !self.report.diagnostics.is_empty() {
            self.nl(out, 1);
        }
        out.extend_from_slice(b"],");
        self.key(out, 1, "requirements");
        out.push(b'[');
    }

    /// Requirement `i` (after a comma, but for the first).
    fn requirement(&self, out: &mut Vec<u8>, i: usize) {
        let r = &self.report.requirements[i];
        if i > 0 {
            out.push(b',');
        }
        self.nl(out, 2);
        out.push(b'{');
        self.key(out, 3, "class");
        write_str(out, r.class.as_str());
        out.push(b',');
        self.span(out, 3, r.span);
        self.key(out, 3, "text");
        write_str(out, self.source.get(r.span.range()).unwrap_or(""));
        self.nl(out, 2);
        out.push(b'}');
    }

    /// From the requirements' closing bracket to the end.
    fn tail(&self, out: &mut Vec<u8>) {
        let report = self.report;
        if !report.requirements.is_empty() {
            self.nl(out, 1);
        }
        out.extend_from_slice(b"],");
        self.key(out, 1, "summary");
        let sm = &report.summary;
        out.push(b'{');
        for (k, v) in [
            ("words", sm.words),
            ("masculine_coded", sm.masculine_coded),
            ("feminine_coded", sm.feminine_coded),
        ] {
            self.key(out, 2, k);
            write_usize(out, v);
            out.push(b',');
        }
        self.key(out, 2, "verdict");
        write_str(out, sm.verdict.as_str());
        out.push(b',');
        self.key(out, 2, "must_have");
        write_usize(out, sm.must_have);
        out.push(b',');
        self.key(out, 2, "nice_to_have");
        write_usize(out, sm.nice_to_have);
        self.nl(out, 1);
        out.push(b'}');
        if report.truncated {
            out.push(b',');
            self.key(out, 1, "truncated");
            out.extend_from_slice(b"true");
        }
        self.nl(out, 0);
        out.push(b'}');
    }
}

/// [`jsonl_lines`] written into `out`, each line ended by `\n`, without building the
/// diagnostics' objects.
pub fn write_jsonl(out: &mut Vec<u8>, path: &str, source: &str, report: &Report) {
    let li = LineIndex::new(source);
    for d in &report.diagnostics {
        out.extend_from_slice(b"{\"path\":");
        write_str(out, path);
        out.push(b',');
        write_diagnostic_fields(out, source, &li, d);
        if report.truncated {
            out.extend_from_slice(b",\"truncated\":true");
        }
        out.extend_from_slice(b"}\n");
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Engine, Format, Options};

    /// What `write_answer` must write: the serde serialization of the file object with its
    /// edits and `pass` flattened after it.
    fn by_serde(source: &str, format: Format, report: &Report, pass: bool) -> Vec<u8> {
        #[derive(Serialize)]
        struct Answer {
            #[serde(flatten)]
            file: JsonFile,
            pass: bool,
        }
        let mut f = file("a \"path\"\n", source, report);
        add_edits(
            &mut f,
            source,
            format,
            crate::Document::parse(source, format),
            report,
        );
        serde_json::to_vec(&Answer { file: f, pass }).unwrap()
    }

    /// `write_file_pretty` (at the CLI's indent and none) and `write_jsonl` give what the
    /// serde objects give.
    fn assert_cli_output_is_serdes(src: &str, report: &Report) {
        let path = "a \"path\"\n/æ";
        for indent in [0, 4] {
            let pretty = serde_json::to_string_pretty(&file(path, src, report)).unwrap();
            let mut want = String::new();
            for (n, line) in pretty.lines().enumerate() {
                if n > 0 {
                    want.push('\n');
                }
                want.push_str(&" ".repeat(indent));
                want.push_str(line);
            }
            let mut out = Vec::new();
            write_file_pretty(&mut out, indent, path, src, report);
            assert_eq!(String::from_utf8(out).unwrap(), want, "{src:?}");
            // In pieces, on one thread and on two (a batch of one diagnostic and of more).
            for piece in [1, 700, 1 << 20] {
                for threads_from in [0, usize::MAX] {
                    let mut out = Vec::new();
                    let mut calls = 0;
                    pieces(indent, path, src, report, piece, threads_from, &mut |p| {
                        assert!(!p.is_empty());
                        out.extend_from_slice(p);
                        calls += 1;
                        true
                    });
                    assert_eq!(String::from_utf8(out).unwrap(), want, "{src:?} {piece}");
                    if piece == 1 {
                        assert!(calls > report.diagnostics.len() + report.requirements.len());
                    }
                }
            }
            // A sink that stops is given nothing more.
            let mut calls = 0;
            pieces(indent, path, src, report, 1, 0, &mut |_| {
                calls += 1;
                false
            });
            assert_eq!(calls, 1);
        }
        let mut want = String::new();
        for l in jsonl_lines(path, src, report) {
            want.push_str(&l);
            want.push('\n');
        }
        let mut out = Vec::new();
        write_jsonl(&mut out, path, src, report);
        assert_eq!(String::from_utf8(out).unwrap(), want, "{src:?}");
    }

    /// The CLI's output written directly equals serde's on every real and corpus ad (in
    /// Danish and English) and on a report with no finding.
    #[test]
    fn the_cli_file_object_and_jsonl_are_serdes_on_every_ad() {
        let engine = Engine::new().unwrap();
        let mut en = Options::default();
        en.lang = crate::options::Lang::En;
        let mut n = 0;
        for (p, src) in crate::test_ads::ads(&["tests/realads", "tests/corpus", "examples"]) {
            for opts in [Options::default(), en.clone()] {
                let report = engine.lint(&src, crate::Format::from_path(&p), &opts);
                assert_cli_output_is_serdes(&src, &report);
                n += 1;
            }
        }
        assert!(n > 400, "{n}");
        assert_cli_output_is_serdes("", &engine.lint("", crate::Format::Text, &en));
    }

    #[test]
    fn the_answer_is_the_serde_file_object() {
        let engine = Engine::new().unwrap();
        let mut sources: Vec<(String, Format)> = vec![
            ("<p><b>Form</b>and søges.</p>".into(), Format::Html),
            (
                "<p>Vores <a href=\"/x\">rengørings</a>dame.</p>".into(),
                Format::Html,
            ),
            (
                "<p>Ny for<!-- x -->mand \"citat\" \\ bag\u{1}\u{8}\u{c}\u{1f}\u{7f}.</p>".into(),
                Format::Html,
            ),
            (
                "# Vi søger\n\nen *for*mand og en **sekretær**ske\r\n\t«Han» skal".into(),
                Format::Markdown,
            ),
            (
                "Formand\u{0}søges; \"han\" skal\\kunne\u{1b}[31m løfte.\n- krav\n".into(),
                Format::Text,
            ),
            (String::new(), Format::Text),
        ];
        for name in ["annonce.html", "annonce.md", "formand-lager.txt"] {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("examples")
                .join(name);
            let src = std::fs::read_to_string(&path).unwrap();
            sources.push((src, Format::from_path(&path)));
        }
        for (src, format) in &sources {
            let mut few = Options::default();
            few.max_findings = 2;
            for opts in [Options::default(), few.clone()] {
                let doc = crate::Document::parse(src, *format);
                let report = engine.lint_document(&doc, &opts);
                for pass in [true, false] {
                    let mut out = Vec::new();
                    write_answer(
                        &mut out,
                        "a \"path\"\n",
                        src,
                        *format,
                        crate::Document::parse(src, *format),
                        &report,
                        pass,
                    )
                    .unwrap();
                    assert_eq!(
                        String::from_utf8(out).unwrap(),
                        String::from_utf8(by_serde(src, *format, &report, pass)).unwrap(),
                        "{format:?} {src:?}"
                    );
                }
            }
        }
        // The CLI's file object and JSONL lines, written directly, against serde's.
        for (src, format) in &sources {
            let mut few = Options::default();
            few.max_findings = 2;
            for opts in [Options::default(), few.clone()] {
                let report = engine.lint(src, *format, &opts);
                assert_cli_output_is_serdes(src, &report);
            }
        }
        // Every byte value that a string may hold, at every offset of the eight-byte scan.
        let all: String = (0u8..0x80)
            .map(char::from)
            .chain("æøå€\u{2028}".chars())
            .collect();
        for cut in 0..16 {
            let s = &all[cut..];
            let mut out = Vec::new();
            write_str(&mut out, s);
            assert_eq!(out, serde_json::to_vec(s).unwrap(), "{s:?}");
        }
    }
}
