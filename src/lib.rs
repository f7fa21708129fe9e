//! # biasvask
//!
//! A fast, precise, offline linter for gender-biased wording in Danish job advertisements.
//!
//! One I/O-free engine: an input (plain text, Markdown or HTML) becomes a [`Document`]
//! (original source + normalised text + offset map); the lexicons, compiled once into one
//! Aho-Corasick automaton, find candidate words; the rules turn them into [`Diagnostic`]s
//! with byte spans into the ORIGINAL input and inflected suggestions; front ends (CLI, LSP,
//! HTTP, in their own crates under `crates/`) render them. This crate does no I/O and
//! depends on no front end.
//!
//! ```
//! use biasvask::{Engine, Format, Options};
//!
//! let engine = Engine::new().expect("built-in lexicons are valid");
//! let ad = "Bestyrelsesformanden skal være ambitiøs.";
//! let report = engine.lint(ad, Format::Text, &Options::default());
//! let first = &report.diagnostics[0];
//! assert_eq!(first.rule.id(), "gendered-term");
//! assert_eq!(&ad[first.span.range()], "Bestyrelsesformanden");
//! assert_eq!(first.suggestions[0], "Bestyrelsesforpersonen");
//! ```
//!
//! An [`Engine`] is `Send + Sync` and holds no mutable state: build it once and share it
//! (behind an `Arc` or a `static`) between threads; `lint` is cheap to call on every keystroke.

#![forbid(unsafe_code)]

pub mod config;
pub mod diagnostic;
pub mod document;
pub mod engine;
pub mod explain;
pub mod fix;
pub mod format;
pub mod incremental;
pub mod input;
pub mod lang;
pub mod lexicon;
mod memo;
pub mod messages;
pub mod options;
pub mod registry;
pub mod render;
pub mod repeats;
pub mod rules;
pub mod text;
mod threads;

pub use diagnostic::{
    Diagnostic, Level, Report, Requirement, RequirementClass, Rule, Severity, Span, Summary,
    Verdict,
};
pub use document::Document;
pub use engine::Engine;
pub use format::{Format, FormatInfo, FORMATS};
pub use incremental::LintCache;
pub use lang::Lang;
pub use lexicon::{Lexicon, LexiconError};
pub use options::Options;
pub use registry::{RuleInfo, RULES};

/// Lint `source` with the built-in lexicons (built once per process).
pub fn lint(source: &str, format: Format, options: &Options) -> Report {
    static ENGINE: std::sync::OnceLock<Engine> = std::sync::OnceLock::new();
    ENGINE
        .get_or_init(|| Engine::new().expect("built-in lexicons are valid"))
        .lint(source, format, options)
}

#[cfg(test)]
mod test_ads;

#[cfg(test)]
mod tests {
    #[test]
    fn engine_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<super::Engine>();
        assert_send_sync::<super::Options>();
    }
}
