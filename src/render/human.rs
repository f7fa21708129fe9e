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
            self.d.span.start,
            self.d.span.len(),
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
        let shown = Shown {
            d,
            src: &src,
            label: label(d, style.lang),
            help: help(d, style.lang),
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
