//! Per-call options: language, rule levels, allow-list, thresholds.
//!
//! An [`Options`] value is cheap to clone and to pass to every `lint` call; build it once per
//! project (from `biasvask.toml`, LSP settings or an HTTP request) and reuse it.

use std::collections::HashMap;

use crate::diagnostic::{Level, Rule, Severity};
pub use crate::lang::Lang;

/// Options for one `lint` call.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub lang: Lang,
    /// Per-rule overrides; a rule not listed keeps its default (or the entry's) severity.
    pub levels: HashMap<Rule, Level>,
    /// Level of binary pairs: pronouns ("han/hun", "han eller hun") and titles written for both
    /// sexes ("Brandmand/-kvinde", "formand(inde)", `gendered-term`). Default: info.
    pub binary_pair_level: Level,
    /// `requirements-balance` fires when there are more must-haves than this.
    pub max_must_have: usize,
    /// `requirements-balance` also fires when there are at least this many requirements and
    /// none is marked nice-to-have.
    pub min_requirements_without_nice: usize,
    allow_words: Vec<String>,
    allow_phrases: Vec<String>,
    /// At most this many findings per document (the first ones, in source order); the report
    /// says `truncated` when more were found. Keeps the output of a hostile input bounded.
    pub max_findings: usize,
    /// Stop working at this instant (checked between stages, every few thousand hits and every
    /// 1,024 lines or units of the requirements analysis): the
    /// report is then empty and `truncated`. A server sets it to its request timeout, so work
    /// nobody waits for any more stops.
    pub deadline: Option<std::time::Instant>,
}

/// The default [`Options::max_findings`].
pub const MAX_FINDINGS: usize = 10_000;

impl Default for Options {
    fn default() -> Self {
        Options {
            lang: Lang::Da,
            levels: HashMap::new(),
            binary_pair_level: Level::On(Severity::Info),
            max_must_have: 6,
            min_requirements_without_nice: 5,
            allow_words: Vec::new(),
            allow_phrases: Vec::new(),
            max_findings: MAX_FINDINGS,
            deadline: None,
        }
    }
}

impl Options {
    pub fn new() -> Options {
        Options::default()
    }

    pub fn with_lang(mut self, lang: Lang) -> Options {
        self.lang = lang;
        self
    }

    /// Set a rule's level (off, or a severity for all its findings).
    pub fn set_level(&mut self, rule: Rule, level: Level) {
        self.levels.insert(rule, level);
    }

    /// Words never flagged, in every inflection (case-insensitive).
    pub fn allow_words<I, S>(&mut self, words: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.allow_words.extend(
            words
                .into_iter()
                .map(|w| crate::text::lowercase(w.as_ref())),
        );
    }

    /// Phrases (organisation names, legal titles) inside which nothing is flagged (case-insensitive).
    pub fn allow_phrases<I, S>(&mut self, phrases: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.allow_phrases.extend(
            phrases
                .into_iter()
                .map(|p| crate::text::lowercase(p.as_ref()))
                .filter(|p| !p.trim().is_empty()),
        );
    }

    pub fn allowed_words(&self) -> &[String] {
        &self.allow_words
    }

    pub fn allowed_phrases(&self) -> &[String] {
        &self.allow_phrases
    }

    /// The level in force for `rule` given the severity the rule or entry asked for.
    pub fn resolve(&self, rule: Rule, asked: Severity) -> Option<Severity> {
        match self.levels.get(&rule) {
            Some(Level::Off) => None,
            Some(Level::On(s)) => Some(*s),
            None => Some(asked),
        }
    }

    /// Whether the deadline has passed.
    pub fn expired(&self) -> bool {
        passed(self.deadline)
    }

    /// Whether a rule produces anything at all.
    pub fn enabled(&self, rule: Rule) -> bool {
        !matches!(self.levels.get(&rule), Some(Level::Off))
    }
}

/// Whether `deadline` ([`Options::deadline`]) has passed: for work that carries the deadline
/// without the options (the requirements analysis's buffers).
pub(crate) fn passed(deadline: Option<std::time::Instant>) -> bool {
    deadline.is_some_and(|d| std::time::Instant::now() >= d)
}
