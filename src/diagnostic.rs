//! The one diagnostic type every rule produces and every front end renders.

use std::fmt;

use serde::{Deserialize, Serialize};

pub use crate::registry::{Level, Rule, Severity};

/// A byte range into the ORIGINAL input: `start` inclusive, `end` exclusive, on char boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
    pub fn len(self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    pub fn range(self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: Rule,
    pub severity: Severity,
    /// One sentence (or two) in the requested language: what, why, what instead.
    pub message: String,
    /// Where, in bytes of the original input. `text` is `source[span.start..span.end]`.
    pub span: Span,
    /// Full replacements for the spanned text, inflection and case applied, best first.
    /// Empty when the fix is editorial.
    pub suggestions: Vec<String>,
    /// The lexicon entry behind the finding (lemma or phrase id), if any.
    pub entry: Option<String>,
    /// Longer help: the evidence and its source.
    pub note: Option<String>,
    /// Whether applying the first suggestion keeps the meaning (`Safe`) or may shift it
    /// (`Unsafe`). `None` exactly when there are no suggestions. `--fix` and every fix-all
    /// apply safe fixes only.
    pub applicability: Option<Applicability>,
}

/// Whether a finding's suggestions can be applied without a reader's judgement (as in ruff).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// The meaning is kept (gendered terms and phrases, pronouns, a dropped sex or age
    /// preference): `--fix`, LSP fix-all and the web page's "Ret alle" apply it.
    Safe,
    /// The meaning may shift (coded-word alternatives: «selvstændig» -> «initiativrig»):
    /// offered one by one, applied in bulk only with `--unsafe-fixes`.
    Unsafe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }

    /// The applicability of a finding of `rule` with `suggestions` (`None` when there are none).
    pub fn of(rule: Rule, suggestions: &[String]) -> Option<Applicability> {
        if suggestions.is_empty() || rule.is_ad_level() {
            return None;
        }
        Some(match rule {
            Rule::MasculineCoded | Rule::FeminineCoded => Applicability::Unsafe,
            _ => Applicability::Safe,
        })
    }
}

impl fmt::Display for Applicability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Diagnostic {
    /// Whether bulk fixes (`--fix`, fix-all, "Ret alle") apply this finding's first suggestion.
    pub fn is_safe_fix(&self) -> bool {
        self.applicability == Some(Applicability::Safe) && !self.suggestions.is_empty()
    }
}

/// The ad-level balance of coded words, normalised for length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    StronglyFeminine,
    Feminine,
    Neutral,
    Masculine,
    StronglyMasculine,
    Empty,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::StronglyFeminine => "strongly-feminine",
            Verdict::Feminine => "feminine",
            Verdict::Neutral => "neutral",
            Verdict::Masculine => "masculine",
            Verdict::StronglyMasculine => "strongly-masculine",
            Verdict::Empty => "empty",
        }
    }

    /// Danish label for reports.
    pub fn label(self, lang: crate::Lang) -> &'static str {
        use crate::Lang::*;
        match (self, lang) {
            (Verdict::StronglyFeminine, Da) => "stærkt feminint kodet",
            (Verdict::Feminine, Da) => "feminint kodet",
            (Verdict::Neutral, Da) => "neutral",
            (Verdict::Masculine, Da) => "maskulint kodet",
            (Verdict::StronglyMasculine, Da) => "stærkt maskulint kodet",
            (Verdict::Empty, Da) => "tom",
            (Verdict::StronglyFeminine, En) => "strongly feminine-coded",
            (Verdict::Feminine, En) => "feminine-coded",
            (Verdict::Neutral, En) => "neutral",
            (Verdict::Masculine, En) => "masculine-coded",
            (Verdict::StronglyMasculine, En) => "strongly masculine-coded",
            (Verdict::Empty, En) => "empty",
        }
    }
}

/// Counts about the whole ad.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub words: usize,
    pub masculine_coded: usize,
    pub feminine_coded: usize,
    pub verdict: Verdict,
    pub must_have: usize,
    pub nice_to_have: usize,
}

/// Must-have or nice-to-have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RequirementClass {
    Must,
    Nice,
}

impl RequirementClass {
    pub fn as_str(self) -> &'static str {
        match self {
            RequirementClass::Must => "must",
            RequirementClass::Nice => "nice",
        }
    }
}

/// One requirement item the analysis counted: a list item, a line or a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Requirement {
    pub class: RequirementClass,
    /// Where, in bytes of the original input.
    pub span: Span,
}

/// The result of linting one input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Sorted by span start, then rule.
    pub diagnostics: Vec<Diagnostic>,
    pub summary: Summary,
    /// Every requirement item counted, in order: `summary.must_have` and
    /// `summary.nice_to_have` are exactly the counts of its classes.
    pub requirements: Vec<Requirement>,
    /// Not every finding is listed: the input had more than `Options::max_findings`, or the
    /// work stopped at `Options::deadline` (then nothing is listed).
    pub truncated: bool,
}

impl Report {
    /// Whether the ad passes at `fail_level`: no finding at or above it, and every finding
    /// listed. A truncated report never passes: the findings it could not list, or the text it
    /// did not read, may hold one at any level (the CLI's exit code 1, the API's `pass`).
    pub fn passes(&self, fail_level: Severity) -> bool {
        !self.truncated && self.diagnostics.iter().all(|d| d.severity < fail_level)
    }

    /// The highest severity present, if any.
    pub fn max_severity(&self) -> Option<Severity> {
        self.diagnostics.iter().map(|d| d.severity).max()
    }
}
