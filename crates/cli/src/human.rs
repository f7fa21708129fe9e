//! The human report, drawn by miette: each finding with a bounded window of its source line
//! (at most [`BEFORE`] + [`LABEL`] + [`AFTER`] characters, whatever the length of the line), a
//! label, the message and the suggestion; then a summary line per file.
//!
//! Lines and columns are those of [`LineIndex`] (characters, `\n`, `\r\n` or a lone `\r`, no
//! column for a BOM), as in the JSON. Control characters and terminal escape sequences from
//! the ad and from file names are shown escaped (`\u{1b}`), never sent to the terminal.

use std::fmt;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};

use biasvask::diagnostic::{Diagnostic, Report, Rule, Severity, Summary};
use biasvask::options::Lang;
use biasvask::render::LineIndex;
pub use biasvask_project::terminal::escape;
use biasvask_project::terminal::{escape_text, push_escaped};

/// Characters of context shown before a finding.
pub const BEFORE: usize = 40;
/// Characters of a finding shown (a longer one is cut, with `…`).
pub const LABEL: usize = 80;
/// Characters of context shown after a finding.
pub const AFTER: usize = 40;

/// How to draw.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    pub unicode: bool,
    pub width: usize,
    pub lang: Lang,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            color: false,
            unicode: true,
            width: 100,
            lang: Lang::Da,
        }
    }
}

/// What miette is shown of the source for one finding: one window of one line.
struct Window {
    name: String,
    /// The window's text, escaped, without line breaks.
    text: String,
    /// 0-based line and column of the finding (the header's `path:line:col`).
    line0: usize,
    col0: usize,
    /// The finding's part of `text` (byte offset, length).
    label: (usize, usize),
}

impl SourceCode for Window {
    fn read_span<'a>(
        &'a self,
        _span: &SourceSpan,
        _before: usize,
        _after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            self.text.as_bytes(),
            SourceSpan::from((0, self.text.len())),
            self.line0,
            self.col0,
            1,
        )))
    }
}

/// The window of `source` around `d`'s span: the span's first line, at most [`BEFORE`]
/// characters before the span, [`LABEL`] of it and [`AFTER`] after, escaped.
fn window(name: &str, source: &str, li: &LineIndex, d: &Diagnostic) -> Window {
    let start = d.span.start.min(source.len());
    let (line, col) = li.line_col(source, start);
    let (ls, le) = li.line_range(source, line - 1);
    let start = start.clamp(ls, le);
    let end = d.span.end.clamp(start, le);
    let before: Vec<char> = source[ls..start].chars().rev().take(BEFORE + 1).collect();
    let mut text = String::new();
    if before.len() > BEFORE {
        text.push('…');
    }
    for &c in before.iter().take(BEFORE).rev() {
        push_escaped(&mut text, c);
    }
    let label_start = text.len();
    let mut chars = source[start..end].chars();
    for c in chars.by_ref().take(LABEL) {
        push_escaped(&mut text, c);
    }
    let cut = chars.next().is_some();
    let label = (label_start, text.len() - label_start);
    if cut {
        text.push('…');
    } else {
        let mut after = source[end..le].chars();
        for c in after.by_ref().take(AFTER) {
            push_escaped(&mut text, c);
        }
        if after.next().is_some() {
            text.push('…');
        }
    }
    Window {
        name: escape(name).into_owned(),
        text,
        line0: line - 1,
        col0: col - 1,
        label,
    }
}

struct Shown<'a> {
    d: &'a Diagnostic,
    src: Window,
    message: String,
    label: String,
    help: Option<String>,
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Shown<'_> {}

impl miette::Diagnostic for Shown<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.d.rule.id()))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.d.severity {
            Severity::Info => miette::Severity::Advice,
            Severity::Warning => miette::Severity::Warning,
            Severity::Error => miette::Severity::Error,
        })
    }
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        if self.d.span.is_empty() && self.d.rule.is_ad_level() {
            None
        } else {
            Some(&self.src)
        }
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.d.span.is_empty() && self.d.rule.is_ad_level() {
            return None;
        }
        Some(Box::new(std::iter::once(LabeledSpan::new(
            Some(self.label.clone()),
            self.src.label.0,
            self.src.label.1,
        ))))
    }
}

/// Render one file's report.
pub fn render(path: &str, source: &str, report: &Report, style: &Style) -> String {
    let theme = match (style.unicode, style.color) {
        (true, true) => GraphicalTheme::unicode(),
        (true, false) => GraphicalTheme::unicode_nocolor(),
        (false, true) => GraphicalTheme::ascii(),
        (false, false) => GraphicalTheme::none(),
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false);
    let li = LineIndex::new(source);
    let mut out = String::new();
    for d in &report.diagnostics {
        let balance = is_balance(d);
        let mut help = help(d, style.lang);
        if balance {
            let items = requirement_list(source, &li, report, style.lang);
            help = Some(match help {
                Some(h) => format!("{items}\n{h}"),
                None => items,
            });
        }
        let shown = Shown {
            d,
            src: window(path, source, &li, d),
            message: escape(&d.message).into_owned(),
            label: escape(&label(d, style.lang)).into_owned(),
            help: help.map(|h| escape_text(&h, true).into_owned()),
        };
        let mut s = String::new();
        if handler.render_report(&mut s, &shown).is_err() {
            s = format!("{}: {}: {}\n", escape(path), d.rule, shown.message);
        }
        out.push_str(&s);
        out.push('\n');
    }
    out.push_str(&summary_line(path, report, style.lang));
    out.push('\n');
    if report.truncated {
        out.push_str(&truncated_note(path, report, style.lang));
        out.push('\n');
    }
    out
}

/// The ad-level balance finding (not a risky item's own finding).
fn is_balance(d: &Diagnostic) -> bool {
    d.rule == Rule::RequirementsBalance && d.entry.as_deref() == Some("requirements")
}

/// The counted items, compactly: one line each, class, line number and the item's start (at
/// most `LISTED` of them, so the report stays bounded).
fn requirement_list(source: &str, li: &LineIndex, report: &Report, lang: Lang) -> String {
    const SHOWN: usize = 60;
    const LISTED: usize = 50;
    let mut out = match lang {
        Lang::Da => "Talt med:".to_string(),
        Lang::En => "Counted:".to_string(),
    };
    for r in report.requirements.iter().take(LISTED) {
        let text = source.get(r.span.range()).unwrap_or("");
        let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut short: String = one_line.chars().take(SHOWN).collect();
        if one_line.chars().count() > SHOWN {
            short.push('…');
        }
        let (line, _) = li.line_col(source, r.span.start);
        let class = match (r.class, lang) {
            (biasvask::diagnostic::RequirementClass::Must, Lang::Da) => "skal ",
            (biasvask::diagnostic::RequirementClass::Nice, Lang::Da) => "gerne",
            (biasvask::diagnostic::RequirementClass::Must, Lang::En) => "must ",
            (biasvask::diagnostic::RequirementClass::Nice, Lang::En) => "nice ",
        };
        let line_word = match lang {
            Lang::Da => "linje",
            Lang::En => "line",
        };
        out.push_str(&format!("\n  {class} {line_word} {line}: {short}"));
    }
    let more = report.requirements.len().saturating_sub(LISTED);
    if more > 0 {
        out.push_str(&match lang {
            Lang::Da => format!("\n  … og {more} mere"),
            Lang::En => format!("\n  … and {more} more"),
        });
    }
    out
}

/// The note under a report whose findings were cut at the limit.
pub fn truncated_note(path: &str, report: &Report, lang: Lang) -> String {
    let (path, n) = (escape(path), report.diagnostics.len());
    match lang {
        Lang::Da => format!(
            "{path}: kun de første {n} fund er med (grænsen pr. dokument er nået, eller tiden løb ud); et afkortet tjek består aldrig (exit-kode 1)"
        ),
        Lang::En => format!(
            "{path}: only the first {n} findings are listed (the limit per document was reached, or time ran out); a cut check never passes (exit code 1)"
        ),
    }
}

fn label(d: &Diagnostic, lang: Lang) -> String {
    let unsafe_fix = d.applicability == Some(biasvask::diagnostic::Applicability::Unsafe);
    match (d.suggestions.first(), lang) {
        (Some(s), Lang::Da) if unsafe_fix => format!("forslag (usikkert): {s}"),
        (Some(s), Lang::En) if unsafe_fix => format!("suggestion (unsafe): {s}"),
        (Some(s), Lang::Da) => format!("forslag: {s}"),
        (Some(s), Lang::En) => format!("suggestion: {s}"),
        (None, _) => d.rule.id().to_string(),
    }
}

fn help(d: &Diagnostic, lang: Lang) -> Option<String> {
    let mut parts = Vec::new();
    if d.suggestions.len() > 1 {
        let alts = d
            .suggestions
            .iter()
            .map(|s| format!("«{s}»"))
            .collect::<Vec<_>>()
            .join(", ");
        parts.push(match lang {
            Lang::Da => format!("Alternativer: {alts}"),
            Lang::En => format!("Alternatives: {alts}"),
        });
    }
    if d.applicability == Some(biasvask::diagnostic::Applicability::Unsafe) {
        parts.push(match lang {
            Lang::Da => "Usikker rettelse: betydningen kan skifte, så --fix anvender den kun med --unsafe-fixes".to_string(),
            Lang::En => "Unsafe fix: the meaning may shift, so --fix applies it only with --unsafe-fixes".to_string(),
        });
    }
    if let Some(n) = &d.note {
        parts.push(n.clone());
    }
    parts.push(match lang {
        Lang::Da => format!("Mere: biasvask explain {}", d.rule),
        Lang::En => format!("More: biasvask explain {}", d.rule),
    });
    Some(parts.join("\n"))
}

/// "annonce.txt: 5 fund (1 fejl, 3 advarsler, 1 info) · 312 ord · maskulint/feminint kodede
/// ord: 5/2 (maskulint kodet) · krav: 9 skal, 2 gerne"
pub fn summary_line(path: &str, report: &Report, lang: Lang) -> String {
    let path = escape(path);
    let count = |s: Severity| {
        report
            .diagnostics
            .iter()
            .filter(|d| d.severity == s)
            .count()
    };
    let (e, w, i) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    let n = report.diagnostics.len();
    let Summary {
        words,
        masculine_coded,
        feminine_coded,
        verdict,
        must_have,
        nice_to_have,
    } = report.summary;
    let has_req = must_have + nice_to_have > 0
        || report
            .diagnostics
            .iter()
            .any(|d| d.rule == Rule::RequirementsBalance);
    match lang {
        Lang::Da => {
            let mut s = format!(
                "{path}: {n} fund ({e} fejl, {w} advarsler, {i} info) · {words} ord · maskulint/feminint kodede ord: {masculine_coded}/{feminine_coded} ({})",
                verdict.label(lang)
            );
            if has_req {
                s.push_str(&format!(" · krav: {must_have} skal, {nice_to_have} gerne"));
            }
            s
        }
        Lang::En => {
            let mut s = format!(
                "{path}: {n} findings ({e} errors, {w} warnings, {i} info) · {words} words · masculine/feminine-coded words: {masculine_coded}/{feminine_coded} ({})",
                verdict.label(lang)
            );
            if has_req {
                s.push_str(&format!(
                    " · requirements: {must_have} must-have, {nice_to_have} nice-to-have"
                ));
            }
            s
        }
    }
}
