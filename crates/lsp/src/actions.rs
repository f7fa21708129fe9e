//! What the server shows and offers for a finding: the LSP diagnostic, the hover text, the
//! quick fixes, "fix all", and the allow-list edit of `biasvask.toml`.
//!
//! Pure functions of a document's text and its diagnostics; the server wires them up.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, Command, DiagnosticRelatedInformation, DiagnosticSeverity,
    Location, NumberOrString, TextEdit, Uri, WorkspaceEdit,
};
use serde_json::json;

use super::position::{Encoding, LineIndex};
use biasvask::diagnostic::{Applicability, Diagnostic, Rule, Severity, Span};
use biasvask::fix::{Fixer, Scope};
use biasvask::options::Lang;
use biasvask::registry::AllowBy;

/// `source` of every diagnostic.
pub const SOURCE: &str = "biasvask";
/// The "fix all" source action kind.
pub const FIX_ALL_KIND: &str = "source.fixAll.biasvask";
/// Command: ignore a word or phrase in one document (arguments: uri, text, "word"|"phrase").
pub const CMD_IGNORE_IN_DOCUMENT: &str = "biasvask.ignoreInDocument";
/// Command: add a word or phrase to a project's allow-list (arguments: config file URI, text,
/// "word"|"phrase"). The server writes `biasvask.toml` itself (created when missing) and lints
/// again; when the file is open in the editor with unsaved changes, the action carries an edit
/// of that buffer instead and the command only makes the entry apply at once.
pub const CMD_ALLOW_IN_PROJECT: &str = "biasvask.allowInProject";

/// What an allow-list entry is: a word (all inflections) or a phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AllowKind {
    Word,
    Phrase,
}

impl AllowKind {
    /// Word rules are allowed by word; phrase and pronoun findings by their exact text.
    pub fn for_rule(rule: Rule) -> AllowKind {
        match rule.info().allow_by {
            AllowBy::Word => AllowKind::Word,
            AllowBy::Phrase => AllowKind::Phrase,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            AllowKind::Word => "word",
            AllowKind::Phrase => "phrase",
        }
    }

    pub fn parse(s: &str) -> Option<AllowKind> {
        match s {
            "word" => Some(AllowKind::Word),
            "phrase" => Some(AllowKind::Phrase),
            _ => None,
        }
    }

    /// The key of `[allow]` in `biasvask.toml`.
    fn toml_key(self) -> &'static str {
        match self {
            AllowKind::Word => "words",
            AllowKind::Phrase => "phrases",
        }
    }
}

/// The LSP severity: the finding's own, or a hint when a fail level is set and the finding is
/// below it (it would not fail `biasvask check`).
pub fn severity(s: Severity, fail_level: Option<Severity>) -> DiagnosticSeverity {
    if fail_level.is_some_and(|f| s < f) {
        return DiagnosticSeverity::HINT;
    }
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// The text a diagnostic's span covers (empty for `0..0` ad-level findings).
pub fn flagged<'a>(text: &'a str, d: &Diagnostic) -> &'a str {
    text.get(d.span.range()).unwrap_or("")
}

/// Whether `d` is the requirements-balance finding over a requirements part, shown on the
/// part's first line with the counted items as related information ([`balance_items`]).
pub fn is_balance(d: &Diagnostic) -> bool {
    d.rule == Rule::RequirementsBalance && d.entry.as_deref() == Some("requirements")
}

/// The span an editor shows: the first line of a requirements part for the balance finding
/// (not a squiggle over the whole list), else the finding's span.
pub fn shown_span(text: &str, d: &Diagnostic) -> Span {
    if !is_balance(d) {
        return d.span;
    }
    let part = flagged(text, d);
    let first = part.find(['\n', '\r']).unwrap_or(part.len());
    Span::new(d.span.start, d.span.start + first)
}

/// `data.text`: the text of the shown span (so the balance finding does not carry its whole
/// requirements part, tens of kilobytes in every publish, with each keystroke).
fn data_text<'a>(text: &'a str, d: &Diagnostic) -> &'a str {
    text.get(shown_span(text, d).range()).unwrap_or("")
}

/// One biasvask diagnostic as an LSP diagnostic. `data` carries what the code actions need
/// (rule, text, suggestions), so a client can hand it back.
pub fn to_lsp(
    uri: &Uri,
    text: &str,
    index: &LineIndex,
    enc: Encoding,
    d: &Diagnostic,
    fail_level: Option<Severity>,
) -> lsp_types::Diagnostic {
    let range = index.range(text, d.span, enc);
    let related = d.note.as_ref().map(|note| {
        vec![DiagnosticRelatedInformation {
            location: Location {
                uri: uri.clone(),
                range,
            },
            message: note.clone(),
        }]
    });
    lsp_types::Diagnostic {
        range,
        severity: Some(severity(d.severity, fail_level)),
        code: Some(NumberOrString::String(d.rule.id().to_string())),
        code_description: None,
        source: Some(SOURCE.to_string()),
        message: d.message.clone(),
        related_information: related,
        tags: None,
        data: Some(json!({
            "rule": d.rule.id(),
            "text": data_text(text, d),
            "suggestions": d.suggestions,
            "applicability": d.applicability,
            "entry": d.entry,
        })),
    }
}

/// The requirements-balance finding in an editor: its range is the first line of the
/// requirements part (not a squiggle over the whole list), and every counted item is a
/// related location with its class, so the count can be checked item by item.
pub fn balance_items(
    uri: &Uri,
    text: &str,
    index: &LineIndex,
    enc: Encoding,
    d: &Diagnostic,
    items: &[biasvask::diagnostic::Requirement],
    lsp: &mut lsp_types::Diagnostic,
) {
    lsp.range = index.range(text, shown_span(text, d), enc);
    let related = lsp.related_information.get_or_insert_with(Vec::new);
    for r in items {
        let item = text.get(r.span.range()).unwrap_or("");
        let short: String = item.chars().take(80).collect();
        related.push(DiagnosticRelatedInformation {
            location: Location {
                uri: uri.clone(),
                range: index.range(text, r.span, enc),
            },
            message: format!("{}: {}", r.class.as_str(), short.trim()),
        });
    }
}

/// What was written for the diagnostics a document last published, so that a diagnostic that
/// did not change (the same finding with the same text, wherever the edit moved it) is copied
/// instead of written again; only its ranges are new. Keep one per open document.
#[derive(Debug, Default)]
pub struct PublishCache {
    /// The fail level the pieces were written with (it decides the severity), once written.
    made_with: Option<Option<Severity>>,
    written: Vec<Written>,
    /// How many diagnostics the last publish copied.
    copied: usize,
}

/// One diagnostic's JSON without its ranges (and the requirement items of the balance
/// finding): `json[..head]` follows `{"range":…`, then (with a note) `{"location":{"uri":…,
/// "range":…` is followed by `json[head..note]`, and `json[note..]` ends the diagnostic.
#[derive(Debug)]
struct Written {
    diagnostic: Diagnostic,
    /// The flagged text (part of `data`).
    text: String,
    json: Vec<u8>,
    head: usize,
    note: usize,
}

impl Written {
    /// Whether `d` over `text` writes the same JSON but for its ranges.
    fn same(&self, d: &Diagnostic, text: &str) -> bool {
        let w = &self.diagnostic;
        w.rule == d.rule
            && w.severity == d.severity
            && w.applicability == d.applicability
            && w.message == d.message
            && w.entry == d.entry
            && w.note == d.note
            && w.suggestions == d.suggestions
            && self.text == data_text(text, d)
    }

    fn new(d: &Diagnostic, text: &str, fail_level: Option<Severity>) -> Written {
        use biasvask::render::json::write_str;
        let mut json =
            Vec::with_capacity(256 + d.message.len() + d.note.as_ref().map_or(0, String::len));
        json.extend_from_slice(b",\"severity\":");
        let level = severity(d.severity, fail_level);
        json.push(match level {
            l if l == DiagnosticSeverity::ERROR => b'1',
            l if l == DiagnosticSeverity::WARNING => b'2',
            l if l == DiagnosticSeverity::INFORMATION => b'3',
            _ => b'4',
        });
        json.extend_from_slice(b",\"code\":");
        write_str(&mut json, d.rule.id());
        json.extend_from_slice(b",\"source\":");
        write_str(&mut json, SOURCE);
        json.extend_from_slice(b",\"message\":");
        write_str(&mut json, &d.message);
        let head = json.len();
        if let Some(note) = &d.note {
            json.extend_from_slice(b"},\"message\":");
            write_str(&mut json, note);
            json.push(b'}');
        }
        let note = json.len();
        json.extend_from_slice(b",\"data\":{\"rule\":");
        write_str(&mut json, d.rule.id());
        json.extend_from_slice(b",\"text\":");
        write_str(&mut json, data_text(text, d));
        json.extend_from_slice(b",\"suggestions\":[");
        for (k, s) in d.suggestions.iter().enumerate() {
            if k > 0 {
                json.push(b',');
            }
            write_str(&mut json, s);
        }
        json.extend_from_slice(b"],\"applicability\":");
        match d.applicability {
            Some(a) => write_str(&mut json, a.as_str()),
            None => json.extend_from_slice(b"null"),
        }
        json.extend_from_slice(b",\"entry\":");
        match &d.entry {
            Some(e) => write_str(&mut json, e),
            None => json.extend_from_slice(b"null"),
        }
        json.extend_from_slice(b"}}");
        Written {
            diagnostic: d.clone(),
            text: data_text(text, d).to_string(),
            json,
            head,
            note,
        }
    }
}

/// The `publishDiagnostics` notification of a document, written as JSON text in one pass: the
/// same JSON as [`to_lsp`] (and [`balance_items`] for the requirements-balance finding, with
/// `items`) serialized with `lsp_server` would be, without a `serde_json::Value` tree per
/// diagnostic to build, serialize and free. The diagnostics before and after the ones an edit
/// changed are copied from `cache` (what the document published last), their ranges written
/// anew.
#[allow(clippy::too_many_arguments)]
pub fn publish_json(
    uri: &Uri,
    version: i32,
    text: &str,
    index: &LineIndex,
    enc: Encoding,
    diagnostics: &[Diagnostic],
    items: &[biasvask::diagnostic::Requirement],
    fail_level: Option<Severity>,
    cache: &mut PublishCache,
) -> Vec<u8> {
    use biasvask::render::json::{write_str, write_usize};
    if cache.made_with != Some(fail_level) {
        cache.written.clear();
        cache.made_with = Some(fail_level);
    }
    // The unchanged run at each end (an edit changes the diagnostics near it, and moves the
    // ones after it); the rest is written anew.
    let old = std::mem::take(&mut cache.written);
    let prefix = old
        .iter()
        .zip(diagnostics)
        .take_while(|(w, d)| w.same(d, text))
        .count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(diagnostics[prefix..].iter().rev())
        .take_while(|(w, d)| w.same(d, text))
        .count();
    let mut old = old.into_iter();
    let mut written: Vec<Written> = Vec::with_capacity(diagnostics.len());
    written.extend(old.by_ref().take(prefix));
    let kept_after = old.len() - suffix;
    written.extend(
        diagnostics[prefix..diagnostics.len() - suffix]
            .iter()
            .map(|d| Written::new(d, text, fail_level)),
    );
    written.extend(old.skip(kept_after));

    let mut out =
        Vec::with_capacity(256 + written.iter().map(|w| w.json.len() + 160).sum::<usize>());
    let range = |out: &mut Vec<u8>, r: lsp_types::Range| {
        out.extend_from_slice(b"{\"start\":{\"line\":");
        write_usize(out, r.start.line as usize);
        out.extend_from_slice(b",\"character\":");
        write_usize(out, r.start.character as usize);
        out.extend_from_slice(b"},\"end\":{\"line\":");
        write_usize(out, r.end.line as usize);
        out.extend_from_slice(b",\"character\":");
        write_usize(out, r.end.character as usize);
        out.extend_from_slice(b"}}");
    };
    let location = |out: &mut Vec<u8>, r: lsp_types::Range| {
        out.extend_from_slice(b"{\"location\":{\"uri\":");
        write_str(out, uri.as_str());
        out.extend_from_slice(b",\"range\":");
        range(out, r);
    };
    out.extend_from_slice(
        b"{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/publishDiagnostics\",\"params\":{\"uri\":",
    );
    write_str(&mut out, uri.as_str());
    out.extend_from_slice(b",\"diagnostics\":[");
    let mut short = String::new();
    for (i, (d, w)) in diagnostics.iter().zip(&written).enumerate() {
        if i > 0 {
            out.push(b',');
        }
        let full = index.range(text, d.span, enc);
        let balance = is_balance(d);
        let shown = if balance {
            index.range(text, shown_span(text, d), enc)
        } else {
            full
        };
        out.extend_from_slice(b"{\"range\":");
        range(&mut out, shown);
        out.extend_from_slice(&w.json[..w.head]);
        if d.note.is_some() || balance {
            out.extend_from_slice(b",\"relatedInformation\":[");
            let mut first = true;
            if d.note.is_some() {
                location(&mut out, full);
                out.extend_from_slice(&w.json[w.head..w.note]);
                first = false;
            }
            if balance {
                for r in items {
                    if !first {
                        out.push(b',');
                    }
                    first = false;
                    let item = text.get(r.span.range()).unwrap_or("");
                    short.clear();
                    short.push_str(r.class.as_str());
                    short.push_str(": ");
                    let cut = item.char_indices().nth(80).map_or(item.len(), |(at, _)| at);
                    short.push_str(item[..cut].trim());
                    location(&mut out, index.range(text, r.span, enc));
                    out.extend_from_slice(b"},\"message\":");
                    write_str(&mut out, &short);
                    out.push(b'}');
                }
            }
            out.push(b']');
        }
        out.extend_from_slice(&w.json[w.note..]);
    }
    out.extend_from_slice(b"],\"version\":");
    if version < 0 {
        out.push(b'-');
    }
    write_usize(&mut out, version.unsigned_abs() as usize);
    out.extend_from_slice(b"}}");
    cache.written = written;
    cache.copied = prefix + suffix;
    out
}

/// Why the rule matters: the "Hvorfor" / "Why" section of the rule's documentation (the
/// text `biasvask explain RULE` prints), else the documentation's summary.
pub fn explanation(rule: Rule, lang: Lang) -> String {
    let doc = biasvask::explain::doc(rule, lang);
    let heading = match lang {
        Lang::Da => "## Hvorfor",
        Lang::En => "## Why",
    };
    let why = doc.find(&format!("{heading}\n")).map(|at| {
        let rest = &doc[at + heading.len()..];
        rest[..rest.find("\n#").unwrap_or(rest.len())].trim()
    });
    match why {
        Some(w) if !w.is_empty() => w.to_string(),
        _ => biasvask::explain::summary(rule, lang),
    }
}

/// The hover text of the findings at a position, in Markdown: the rule and severity, the
/// message, the alternatives, and why it matters (the rule's explanation, else the note).
/// Each finding comes with its text as read (entities decoded).
pub fn hover_markdown(found: &[(&Diagnostic, &str)], lang: Lang) -> String {
    let mut parts = Vec::new();
    for &(d, was) in found {
        let mut s = format!(
            "**biasvask: `{}`** ({})",
            d.rule.id(),
            severity_label(d.severity, lang)
        );
        if !was.is_empty() && !d.message.contains(was) {
            s.push_str(&format!(" «{was}»"));
        }
        s.push_str("\n\n");
        s.push_str(&d.message);
        if !d.suggestions.is_empty() {
            let label = match lang {
                Lang::Da => "Alternativer",
                Lang::En => "Alternatives",
            };
            let alts: Vec<String> = d.suggestions.iter().map(|a| format!("«{a}»")).collect();
            s.push_str(&format!("\n\n**{label}:** {}", alts.join(", ")));
        }
        let why = explanation(d.rule, lang);
        if !why.is_empty() {
            s.push_str("\n\n");
            s.push_str(&why);
        }
        if let Some(note) = &d.note {
            s.push_str("\n\n");
            s.push_str(note.trim());
        }
        parts.push(s);
    }
    parts.join("\n\n---\n\n")
}

fn severity_label(s: Severity, lang: Lang) -> &'static str {
    match (s, lang) {
        (Severity::Error, Lang::Da) => "fejl",
        (Severity::Warning, Lang::Da) => "advarsel",
        (Severity::Info, Lang::Da) => "info",
        (Severity::Error, Lang::En) => "error",
        (Severity::Warning, Lang::En) => "warning",
        (Severity::Info, Lang::En) => "info",
    }
}

fn edit(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..Default::default()
    }
}

/// A quick fix per suggestion that can be applied exactly (never one that would delete markup
/// inside the finding); the first is preferred when its fix is safe. `was` is the finding's
/// text as read (entities decoded), for the title.
#[allow(clippy::too_many_arguments)]
pub fn quick_fixes(
    uri: &Uri,
    text: &str,
    index: &LineIndex,
    enc: Encoding,
    fixer: &Fixer<'_>,
    d: &Diagnostic,
    was: &str,
    lsp: &lsp_types::Diagnostic,
    lang: Lang,
) -> Vec<CodeAction> {
    let safe = d.applicability == Some(Applicability::Safe);
    d.suggestions
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let e = fixer.edit(d, s)?;
            Some(CodeAction {
                title: match lang {
                    Lang::Da => format!("Erstat «{was}» med «{s}»"),
                    Lang::En => format!("Replace «{was}» with «{s}»"),
                },
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![lsp.clone()]),
                edit: Some(edit(
                    uri,
                    vec![TextEdit {
                        range: index.range(text, Span::new(e.start, e.end), enc),
                        new_text: e.replacement,
                    }],
                )),
                is_preferred: Some(i == 0 && safe),
                ..Default::default()
            })
        })
        .collect()
}

/// The edits of "fix all": the safe fix of every finding that has one and can be applied
/// exactly, skipping a finding that overlaps one already fixed.
pub fn fix_all_edits(
    text: &str,
    index: &LineIndex,
    enc: Encoding,
    fixer: &Fixer<'_>,
    diags: &[Diagnostic],
) -> Vec<TextEdit> {
    fixer
        .plan(diags, Scope::Safe)
        .edits
        .into_iter()
        .map(|e| TextEdit {
            range: index.range(text, Span::new(e.start, e.end), enc),
            new_text: e.replacement,
        })
        .collect()
}

/// "Fix all" as a code action of `kind` (`quickfix` or `source.fixAll.biasvask`), or `None`
/// when nothing in the document has a suggestion.
#[allow(clippy::too_many_arguments)]
pub fn fix_all(
    uri: &Uri,
    text: &str,
    index: &LineIndex,
    enc: Encoding,
    fixer: &Fixer<'_>,
    diags: &[Diagnostic],
    kind: CodeActionKind,
    lang: Lang,
) -> Option<CodeAction> {
    let edits = fix_all_edits(text, index, enc, fixer, diags);
    if edits.is_empty() {
        return None;
    }
    let n = edits.len();
    Some(CodeAction {
        title: match lang {
            Lang::Da => format!("Ret alle {n} fund med sikre forslag i dokumentet (biasvask)"),
            Lang::En => {
                format!("Fix all {n} findings with a safe suggestion in the document (biasvask)")
            }
        },
        kind: Some(kind),
        edit: Some(edit(uri, edits)),
        ..Default::default()
    })
}

/// The allow-list key text of a finding: a word in lower case, a phrase as written. `read` is
/// the finding's text as the engine read it ([`biasvask::Document::text_of`]: entities decoded,
/// `reng&oslash;ringsdame` -> `rengøringsdame`), since that is what allow-lists are matched on.
pub fn allow_text(read: &str, d: &Diagnostic) -> (AllowKind, String) {
    let kind = AllowKind::for_rule(d.rule);
    let t = read.trim();
    match kind {
        AllowKind::Word => (kind, biasvask::text::lowercase(t)),
        AllowKind::Phrase => (kind, t.to_string()),
    }
}

/// "Ignore this word in this document".
pub fn ignore_in_document(
    uri: &Uri,
    kind: AllowKind,
    what: &str,
    lsp: &lsp_types::Diagnostic,
    lang: Lang,
) -> CodeAction {
    let title = match lang {
        Lang::Da => format!("Ignorér «{what}» i dette dokument"),
        Lang::En => format!("Ignore «{what}» in this document"),
    };
    CodeAction {
        title: title.clone(),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![lsp.clone()]),
        command: Some(Command {
            title,
            command: CMD_IGNORE_IN_DOCUMENT.to_string(),
            arguments: Some(vec![json!(uri.as_str()), json!(what), json!(kind.as_str())]),
        }),
        ..Default::default()
    }
}

/// "Add to the project's allow-list": the command [`CMD_ALLOW_IN_PROJECT`], with which the
/// server writes `biasvask.toml` (its URI; `config_text` is its current text, checked here so
/// that a broken file gets no action). With `edit_buffer` (the file is open in the editor with
/// unsaved changes) the action also carries the edit of that buffer.
#[allow(clippy::too_many_arguments)]
pub fn allow_in_project(
    config: &Uri,
    config_text: &str,
    edit_buffer: bool,
    enc: Encoding,
    kind: AllowKind,
    what: &str,
    lsp: &lsp_types::Diagnostic,
    lang: Lang,
) -> Result<CodeAction, String> {
    let new = add_to_allow_list(config_text, kind, what)?;
    let title = match (lang, kind) {
        (Lang::Da, AllowKind::Word) => {
            format!("Tilføj «{what}» til projektets tilladte ord (biasvask.toml)")
        }
        (Lang::Da, AllowKind::Phrase) => {
            format!("Tilføj «{what}» til projektets tilladte udtryk (biasvask.toml)")
        }
        (Lang::En, AllowKind::Word) => {
            format!("Add «{what}» to the project's allowed words (biasvask.toml)")
        }
        (Lang::En, AllowKind::Phrase) => {
            format!("Add «{what}» to the project's allowed phrases (biasvask.toml)")
        }
    };
    let edit = edit_buffer.then(|| {
        let edits = minimal_edit(config_text, &new, enc).into_iter().collect();
        edit(config, edits)
    });
    Ok(CodeAction {
        title: title.clone(),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![lsp.clone()]),
        edit,
        command: Some(Command {
            title,
            command: CMD_ALLOW_IN_PROJECT.to_string(),
            arguments: Some(vec![
                json!(config.as_str()),
                json!(what),
                json!(kind.as_str()),
            ]),
        }),
        ..Default::default()
    })
}

/// `biasvask.toml` with `what` added to `[allow] words` or `phrases` (formatting and comments
/// kept). Unchanged when it is there already.
pub fn add_to_allow_list(toml_src: &str, kind: AllowKind, what: &str) -> Result<String, String> {
    let mut doc: toml_edit::DocumentMut = toml_src
        .parse()
        .map_err(|e: toml_edit::TomlError| e.to_string())?;
    let allow = doc
        .entry("allow")
        .or_insert_with(toml_edit::table)
        .as_table_like_mut()
        .ok_or("`allow` is not a table")?;
    let list = allow
        .entry(kind.toml_key())
        .or_insert(toml_edit::value(toml_edit::Array::new()))
        .as_array_mut()
        .ok_or_else(|| format!("`allow.{}` is not an array", kind.toml_key()))?;
    if !list
        .iter()
        .any(|v| v.as_str().is_some_and(|s| s.eq_ignore_ascii_case(what)))
    {
        list.push(what);
    }
    Ok(doc.to_string())
}

/// One edit turning `old` into `new`: the differing middle, after the common prefix and suffix.
pub fn minimal_edit(old: &str, new: &str, enc: Encoding) -> Option<TextEdit> {
    if old == new {
        return None;
    }
    let mut pre = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(pre) || !new.is_char_boundary(pre) {
        pre -= 1;
    }
    let max_suf = old.len().min(new.len()) - pre;
    let mut suf = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_suf)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - suf) || !new.is_char_boundary(new.len() - suf) {
        suf -= 1;
    }
    let index = LineIndex::new(old);
    let span = Span::new(pre, old.len() - suf);
    Some(TextEdit {
        range: index.range(old, span, enc),
        new_text: new[pre..new.len() - suf].to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The notification as `to_lsp` and `balance_items` give it, serialized as `lsp_server`
    /// sends it (with the `jsonrpc` it adds when it writes a message).
    fn serde_notification(
        uri: &Uri,
        text: &str,
        report: &biasvask::Report,
        enc: Encoding,
        fail: Option<Severity>,
        version: i32,
    ) -> serde_json::Value {
        let index = LineIndex::new(text);
        let diagnostics: Vec<serde_json::Value> = report
            .diagnostics
            .iter()
            .map(|d| {
                let mut lsp = to_lsp(uri, text, &index, enc, d, fail);
                if is_balance(d) {
                    balance_items(uri, text, &index, enc, d, &report.requirements, &mut lsp);
                }
                serde_json::to_value(lsp).expect("serializes")
            })
            .collect();
        let mut v = serde_json::to_value(lsp_server::Message::Notification(
            lsp_server::Notification::new(
                "textDocument/publishDiagnostics".into(),
                json!({ "uri": uri.as_str(), "diagnostics": diagnostics, "version": version }),
            ),
        ))
        .expect("serializes");
        v["jsonrpc"] = json!("2.0");
        v
    }

    fn written(
        uri: &Uri,
        text: &str,
        report: &biasvask::Report,
        enc: Encoding,
        fail: Option<Severity>,
        version: i32,
        cache: &mut PublishCache,
    ) -> serde_json::Value {
        let index = LineIndex::new(text);
        let json = publish_json(
            uri,
            version,
            text,
            &index,
            enc,
            &report.diagnostics,
            &report.requirements,
            fail,
            cache,
        );
        serde_json::from_slice(&json).expect("valid JSON")
    }

    fn corpus_files() -> Vec<(String, biasvask::Format)> {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../");
        let mut files = Vec::new();
        for dir in ["tests/corpus", "tests/realads", "examples"] {
            let mut names: Vec<_> = std::fs::read_dir(format!("{root}{dir}"))
                .expect("the directory exists")
                .map(|e| e.expect("a directory entry").path())
                .filter(|p| {
                    p.extension()
                        .is_some_and(|e| e == "txt" || e == "md" || e == "html")
                })
                .collect();
            names.sort();
            files.extend(names);
        }
        assert!(files.len() > 100, "{} files", files.len());
        files
            .iter()
            .map(|p| {
                let format = match p.extension().and_then(|e| e.to_str()) {
                    Some("html") => biasvask::Format::Html,
                    Some("md") => biasvask::Format::Markdown,
                    _ => biasvask::Format::Text,
                };
                (std::fs::read_to_string(p).expect("UTF-8"), format)
            })
            .collect()
    }

    /// `publish_json` writes what `to_lsp` and `balance_items` give, serialized as
    /// `lsp_server` sends a notification (the JSON compared as values: key order aside), for
    /// every corpus ad, real ad and example, in both position encodings, with and without a
    /// fail level, and with characters JSON escapes.
    #[test]
    fn publish_json_is_the_serde_notification() {
        let mut texts = corpus_files();
        texts.push((
            "Vi søger en \"formand\"\t\u{1}\r\nHan skal være ung. \u{1F600} Formand\\lager".into(),
            biasvask::Format::Text,
        ));
        let engine = biasvask::Engine::new().expect("lexicons are valid");
        let uri: Uri = "file:///tmp/a%20b/annonce.txt".parse().expect("a URI");
        let mut balance = 0;
        for (text, format) in &texts {
            let report = engine.lint(text, *format, &biasvask::Options::default());
            balance += report
                .diagnostics
                .iter()
                .filter(|d| d.entry.as_deref() == Some("requirements"))
                .count();
            for (enc, fail) in [
                (Encoding::Utf16, None),
                (Encoding::Utf8, Some(Severity::Warning)),
            ] {
                let mut cache = PublishCache::default();
                assert_eq!(
                    written(&uri, text, &report, enc, fail, -7, &mut cache),
                    serde_notification(&uri, text, &report, enc, fail, -7),
                    "{}",
                    &text[..text.len().min(200)]
                );
            }
        }
        assert!(balance > 0, "no requirements-balance finding was compared");
    }

    /// Through one cache, edit after edit (text typed, deleted, a line break, a new finding, a
    /// finding removed, the fail level changed), what is written is what a fresh writer
    /// writes: the diagnostics copied from the last publish are exactly the unchanged ones.
    #[test]
    fn publish_json_through_a_cache_is_what_a_fresh_one_writes() {
        let engine = biasvask::Engine::new().expect("lexicons are valid");
        let uri: Uri = "file:///annonce.txt".parse().expect("a URI");
        let files = corpus_files();
        let mut text: String = files
            .iter()
            .filter(|(_, f)| *f == biasvask::Format::Text)
            .take(12)
            .map(|(t, _)| t.as_str())
            .collect::<Vec<_>>()
            .join("\n\n");
        let mut cache = PublishCache::default();
        let mut copied = 0;
        let boundary = |t: &str, at: usize| {
            (0..=at.min(t.len()))
                .rev()
                .find(|&i| t.is_char_boundary(i))
                .unwrap_or(0)
        };
        for step in 0..60usize {
            let at = boundary(&text, text.len() * (step * 37 % 100) / 100);
            match step % 6 {
                0 => text.insert_str(at, "Han skal være ung. "),
                1 => text.insert(at, 'æ'),
                2 => text.insert(at, '\n'),
                3 => {
                    let end = boundary(&text, at + 40);
                    text.replace_range(at..end, "");
                }
                4 => text.insert_str(at, " formand "),
                _ => {
                    let end = boundary(&text, at + 3);
                    text.replace_range(at..end, "");
                }
            }
            let fail = (step / 20 == 1).then_some(Severity::Error);
            let report = engine.lint(&text, biasvask::Format::Text, &biasvask::Options::default());
            let got = written(
                &uri,
                &text,
                &report,
                Encoding::Utf16,
                fail,
                step as i32,
                &mut cache,
            );
            copied += cache.copied;
            assert_eq!(
                got,
                serde_notification(&uri, &text, &report, Encoding::Utf16, fail, step as i32),
                "step {step}"
            );
        }
        assert!(copied > 1000, "{copied}");
    }

    proptest::proptest! {
        /// Texts made of pieces that give findings, characters JSON escapes, line breaks and
        /// markup, read as text, Markdown and HTML, published through one cache one after the
        /// other: the JSON is always the serde path's.
        #[test]
        fn publish_json_of_random_texts(
            docs in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::sample::select(vec![
                        "formand", "Han", "han", " ", " ", "\n", "\r\n", "\"", "\\", "\u{1}", "\u{1f}",
                        "😀", "æ", "ung", "søger", "en", "mand", ".", "- ", "Krav:", "\t", "<b>",
                        "</b>", "&amp;", "&oslash;", "selvstændig", "stærk", "Du har", "erfaring",
                        "\u{ad}", "e\u{301}", "Kvalifikationer\n",
                    ]),
                    0..80,
                ),
                1..4,
            ),
            format in proptest::sample::select(vec![
                biasvask::Format::Text,
                biasvask::Format::Markdown,
                biasvask::Format::Html,
            ]),
            utf8 in proptest::bool::ANY,
        ) {
            let engine = engine();
            let uri: Uri = "file:///a.txt".parse().expect("a URI");
            let enc = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
            let mut cache = PublishCache::default();
            for (version, pieces) in docs.iter().enumerate() {
                let text = pieces.concat();
                let report = engine.lint(&text, format, &biasvask::Options::default());
                let version = version as i32;
                proptest::prop_assert_eq!(
                    written(&uri, &text, &report, enc, None, version, &mut cache),
                    serde_notification(&uri, &text, &report, enc, None, version)
                );
            }
        }
    }

    /// One engine for the property test's cases.
    fn engine() -> &'static biasvask::Engine {
        static ENGINE: std::sync::OnceLock<biasvask::Engine> = std::sync::OnceLock::new();
        ENGINE.get_or_init(|| biasvask::Engine::new().expect("lexicons are valid"))
    }

    #[test]
    fn every_rule_explains_why_in_both_languages() {
        for rule in Rule::ALL {
            for lang in [Lang::Da, Lang::En] {
                let why = explanation(rule, lang);
                assert!(
                    !why.is_empty() && !why.starts_with('#') && !why.contains("\n#"),
                    "{rule} {lang}: {why}"
                );
            }
        }
        assert!(explanation(Rule::GenderedTerm, Lang::Da).starts_with("En kønnet titel"));
        assert!(explanation(Rule::MasculineCoded, Lang::En).contains("Gaucher"));
    }

    #[test]
    fn allow_list_edit_keeps_the_file_and_adds_once() {
        let src = "# projektets regler\nlang = \"da\"\n\n[allow]\nwords = [\"fagmand\"] # ok\n";
        let out = add_to_allow_list(src, AllowKind::Word, "formand").unwrap();
        assert!(
            out.starts_with("# projektets regler\nlang = \"da\"\n"),
            "{out}"
        );
        assert!(
            out.contains("words = [\"fagmand\", \"formand\"] # ok"),
            "{out}"
        );
        assert_eq!(
            add_to_allow_list(&out, AllowKind::Word, "Formand").unwrap(),
            out
        );
        let out = add_to_allow_list("", AllowKind::Phrase, "Forsvarets styrker").unwrap();
        assert_eq!(out.trim(), "[allow]\nphrases = [\"Forsvarets styrker\"]");
        assert!(add_to_allow_list("allow = 3\n", AllowKind::Word, "x").is_err());
        assert!(add_to_allow_list("[allow\n", AllowKind::Word, "x").is_err());
    }

    #[test]
    fn minimal_edit_replaces_the_middle_only() {
        let old = "æ = [\"a\"]\n";
        let new = "æ = [\"a\", \"ø\"]\n";
        let e = minimal_edit(old, new, Encoding::Utf16).unwrap();
        assert_eq!(e.new_text, ", \"ø\"");
        assert_eq!((e.range.start.character, e.range.end.character), (8, 8));
        assert_eq!(minimal_edit(old, old, Encoding::Utf16), None);
        // A shared prefix that ends inside a character backs off to its start.
        let e = minimal_edit("aæ", "aø", Encoding::Utf8).unwrap();
        assert_eq!(
            (
                e.range.start.character,
                e.range.end.character,
                e.new_text.as_str()
            ),
            (1, 3, "ø")
        );
    }

    #[test]
    fn fail_level_turns_lower_findings_into_hints() {
        assert_eq!(
            severity(Severity::Info, None),
            DiagnosticSeverity::INFORMATION
        );
        assert_eq!(
            severity(Severity::Info, Some(Severity::Warning)),
            DiagnosticSeverity::HINT
        );
        assert_eq!(
            severity(Severity::Warning, Some(Severity::Warning)),
            DiagnosticSeverity::WARNING
        );
        assert_eq!(
            severity(Severity::Error, Some(Severity::Warning)),
            DiagnosticSeverity::ERROR
        );
    }
}
