//! The human report, drawn by miette: each finding with its source line, a label, the
//! message and the suggestion; then a summary line per file.

use std::fmt;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode};

use crate::diagnostic::{Diagnostic, Report, Rule, Severity, Summary};
use crate::options::Lang;

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

struct Shown<'a> {
    d: &'a Diagnostic,
    src: &'a NamedSource<String>,
    label: String,
    help: Option<String>,
    /// The span drawn: the finding's, or for the requirements balance only the first line of
    /// the requirements part (the items are listed in the help instead).
    shown: crate::diagnostic::Span,
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.d.message)
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.d.message)
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
            Some(self.src)
        }
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.d.span.is_empty() && self.d.rule.is_ad_level() {
            return None;
        }
        Some(Box::new(std::iter::once(LabeledSpan::new(
            Some(self.label.clone()),
            self.shown.start,
            self.shown.len(),
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
    let src = NamedSource::new(path, source.to_string()).with_language("text");
    let mut out = String::new();
    for d in &report.diagnostics {
        let balance = is_balance(d);
        let mut help = help(d, style.lang);
        if balance {
            let items = requirement_list(source, report, style.lang);
            help = Some(match help {
                Some(h) => format!("{items}\n{h}"),
                None => items,
            });
        }
        let shown = Shown {
            d,
            src: &src,
            label: label(d, style.lang),
            help,
            shown: if balance {
                first_line(source, d.span)
            } else {
                d.span
            },
        };
        let mut s = String::new();
        if handler.render_report(&mut s, &shown).is_err() {
            s = format!("{}: {}: {}\n", path, d.rule, d.message);
        }
        out.push_str(&s);
        out.push('\n');
    }
    out.push_str(&summary_line(path, report, style.lang));
    out.push('\n');
    out
}

/// The ad-level balance finding (not a risky item's own finding).
fn is_balance(d: &Diagnostic) -> bool {
    d.rule == Rule::RequirementsBalance && d.entry.as_deref() == Some("requirements")
}

/// The first line of a span (without its line break).
fn first_line(source: &str, span: crate::diagnostic::Span) -> crate::diagnostic::Span {
    let text = source.get(span.range()).unwrap_or("");
    let len = text.find(['\n', '\r']).unwrap_or(text.len());
    crate::diagnostic::Span::new(span.start, span.start + len)
}

/// The counted items, compactly: one line each, class, line number and the item's start.
fn requirement_list(source: &str, report: &Report, lang: Lang) -> String {
    const SHOWN: usize = 60;
    let li = super::LineIndex::new(source);
    let mut out = match lang {
        Lang::Da => "Talt med:".to_string(),
        Lang::En => "Counted:".to_string(),
    };
    for r in &report.requirements {
        let text = source.get(r.span.range()).unwrap_or("");
        let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut short: String = one_line.chars().take(SHOWN).collect();
        if one_line.chars().count() > SHOWN {
            short.push('…');
        }
        let (line, _) = li.line_col(source, r.span.start);
        let class = match (r.class, lang) {
            (crate::diagnostic::RequirementClass::Must, Lang::Da) => "skal ",
            (crate::diagnostic::RequirementClass::Nice, Lang::Da) => "gerne",
            (crate::diagnostic::RequirementClass::Must, Lang::En) => "must ",
            (crate::diagnostic::RequirementClass::Nice, Lang::En) => "nice ",
        };
        let line_word = match lang {
            Lang::Da => "linje",
            Lang::En => "line",
        };
        out.push_str(&format!("\n  {class} {line_word} {line}: {short}"));
    }
    out
}

fn label(d: &Diagnostic, lang: Lang) -> String {
    let unsafe_fix = d.applicability == Some(crate::diagnostic::Applicability::Unsafe);
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
    if d.applicability == Some(crate::diagnostic::Applicability::Unsafe) {
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
