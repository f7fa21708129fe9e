//! Project configuration: `biasvask.toml`, parsed from a string ([`Config::parse`]). Finding it
//! on disk (from the working directory upward, or `--config`) is the front ends' work
//! (`crates/project`). Keys (see `docs/conventions.md`):
//!
//! ```toml
//! fail_level = "warning"            # default for --fail-level
//! lang = "da"                       # message language
//!
//! [rules]                           # per rule: "off" | "info" | "warning" | "error"
//! masculine-coded = "off"
//!
//! [allow]                           # never flagged (case-insensitive, all inflections)
//! words = ["fagmand"]
//! phrases = ["Forsvarets styrker"]
//!
//! [requirements]
//! max_must_have = 6                 # requirements-balance fires above this
//! min_without_nice = 5              # ... or at this many must-haves with no nice-to-have
//!
//! [pronouns]
//! binary_pairs = "info"             # level of "han/hun" and "formand/-kvinde": "off" | "info" | "warning" | "error"
//!
//! [[term]]                          # extra lexicon entries, same format as lexicons/
//! ...
//! ```
//!
//! Unknown keys and wrong types are errors naming the file, line and key.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{Level, Rule, Severity};
use crate::engine::Engine;
use crate::lexicon::{Lexicon, PhraseSpec, WordSpec};
use crate::options::{Lang, Options};

/// The file name looked for.
pub const FILE_NAME: &str = "biasvask.toml";

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    fail_level: Option<Spanned<String>>,
    lang: Option<Spanned<String>>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    allow: RawAllow,
    #[serde(default)]
    requirements: RawRequirements,
    #[serde(default)]
    pronouns: RawPronouns,
    #[serde(default)]
    term: Vec<WordSpec>,
    #[serde(default)]
    word: Vec<WordSpec>,
    #[serde(default)]
    phrase: Vec<PhraseSpec>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAllow {
    #[serde(default)]
    words: Vec<String>,
    #[serde(default)]
    phrases: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRequirements {
    max_must_have: Option<usize>,
    min_without_nice: Option<usize>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPronouns {
    binary_pairs: Option<Spanned<String>>,
}

/// A parsed and validated `biasvask.toml`.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Where it was read from (for messages).
    pub path: String,
    pub fail_level: Option<Severity>,
    pub lang: Option<Lang>,
    pub rules: Vec<(Rule, Level)>,
    pub allow_words: Vec<String>,
    pub allow_phrases: Vec<String>,
    pub max_must_have: Option<usize>,
    pub min_without_nice: Option<usize>,
    pub binary_pairs: Option<Level>,
    pub terms: Vec<WordSpec>,
    pub words: Vec<WordSpec>,
    pub phrases: Vec<PhraseSpec>,
}

/// A configuration error, naming the file, the line and column, and the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub key: Option<String>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
            if let Some(c) = self.column {
                write!(f, ":{c}")?;
            }
        }
        write!(f, ": ")?;
        if let Some(k) = &self.key {
            write!(f, "key `{k}`: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for ConfigError {}

fn line_col(src: &str, off: usize) -> (usize, usize) {
    let off = off.min(src.len());
    let before = &src[..off];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, col)
}

/// The dotted key (`requirements.max_must_have`, `rules.gendered-term`, `term.lemma`) whose
/// key or value holds `span` in the TOML document `src`; the innermost one. `None` when `src`
/// is not TOML (a syntax error names no key) or no key holds it. The document is walked with a
/// stack of its own (no recursion on its depth).
fn key_at(src: &str, span: &std::ops::Range<usize>) -> Option<String> {
    use toml::de::{DeTable, DeValue};
    let holds = |r: std::ops::Range<usize>| r.start <= span.start && span.end <= r.end;
    let doc = DeTable::parse(src).ok()?;
    // Tables and arrays still to look into, each with its key's path (an array's items keep it).
    enum Node<'a, 'i> {
        Table(&'a DeTable<'i>),
        Value(&'a DeValue<'i>),
    }
    let mut stack: Vec<(Vec<&str>, Node<'_, '_>)> = vec![(Vec::new(), Node::Table(doc.get_ref()))];
    let mut best: Option<Vec<&str>> = None;
    while let Some((path, node)) = stack.pop() {
        let table = match node {
            Node::Table(t) | Node::Value(DeValue::Table(t)) => t,
            Node::Value(DeValue::Array(items)) => {
                for item in items.iter() {
                    stack.push((path.clone(), Node::Value(item.get_ref())));
                }
                continue;
            }
            Node::Value(_) => continue,
        };
        for (k, v) in table.iter() {
            let mut here = path.clone();
            here.push(k.get_ref().as_ref());
            if (holds(k.span()) || holds(v.span()))
                && best.as_ref().is_none_or(|b| b.len() < here.len())
            {
                best = Some(here.clone());
            }
            stack.push((here, Node::Value(v.get_ref())));
        }
    }
    let path = best?;
    let bare = |k: &str| {
        !k.is_empty()
            && k.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    };
    Some(
        path.iter()
            .map(|k| {
                if bare(k) {
                    k.to_string()
                } else {
                    format!("{k:?}")
                }
            })
            .collect::<Vec<_>>()
            .join("."),
    )
}

/// A TOML deserializer's message in the words of a TOML file: `expected usize` is a whole
/// number, a sequence an array, a map a table.
fn type_message(m: &str) -> String {
    m.trim()
        .replace('\n', " ")
        .replace("expected usize", "expected a whole number (0 or more)")
        .replace("expected a sequence", "expected an array")
        .replace("expected a map", "expected a table")
}

impl Config {
    /// Parse `src`; `name` is the path shown in errors.
    pub fn parse(name: &str, src: &str) -> Result<Config, ConfigError> {
        let error_at =
            |span: Option<std::ops::Range<usize>>, key: Option<String>, message: String| {
                let (line, column) = match span {
                    Some(s) => {
                        let (l, c) = line_col(src, s.start);
                        (Some(l), Some(c))
                    }
                    None => (None, None),
                };
                ConfigError {
                    path: name.to_string(),
                    line,
                    column,
                    key,
                    message,
                }
            };
        let raw: Raw = toml::from_str(src).map_err(|e| {
            let span = e.span();
            // The error's span is a key (an unknown one) or a value (of the wrong type): either
            // way the key is the one it belongs to.
            let key = span.as_ref().and_then(|s| key_at(src, s));
            error_at(span, key, type_message(e.message()))
        })?;
        let mut cfg = Config {
            path: name.to_string(),
            ..Config::default()
        };
        if let Some(v) = raw.fail_level {
            cfg.fail_level = Some(
                v.get_ref()
                    .parse::<Severity>()
                    .map_err(|m| error_at(Some(v.span()), Some("fail_level".into()), m))?,
            );
        }
        if let Some(v) = raw.lang {
            cfg.lang = Some(
                v.get_ref()
                    .parse::<Lang>()
                    .map_err(|m| error_at(Some(v.span()), Some("lang".into()), m))?,
            );
        }
        for (k, v) in raw.rules {
            let rule = k
                .get_ref()
                .parse::<Rule>()
                .map_err(|m| error_at(Some(k.span()), Some(format!("rules.{}", k.get_ref())), m))?;
            let level = v
                .get_ref()
                .parse::<Level>()
                .map_err(|m| error_at(Some(v.span()), Some(format!("rules.{}", k.get_ref())), m))?;
            cfg.rules.push((rule, level));
        }
        if let Some(v) = raw.pronouns.binary_pairs {
            cfg.binary_pairs =
                Some(v.get_ref().parse::<Level>().map_err(|m| {
                    error_at(Some(v.span()), Some("pronouns.binary_pairs".into()), m)
                })?);
        }
        cfg.allow_words = raw.allow.words;
        cfg.allow_phrases = raw.allow.phrases;
        cfg.max_must_have = raw.requirements.max_must_have;
        cfg.min_without_nice = raw.requirements.min_without_nice;
        cfg.terms = raw.term;
        cfg.words = raw.word;
        cfg.phrases = raw.phrase;
        // Validate extra lexicon entries now, so errors surface at load time.
        if cfg.has_entries() {
            cfg.check_suggestions(&error_at)?;
            cfg.lexicon()?;
        }
        Ok(cfg)
    }

    /// Suggestions from a config are checked like the built-in ones: `--fix` writes them into
    /// the ad (HTML too), so they hold no markup characters (`<`, `>`, `&`, `"`) and no
    /// control characters, and none is itself flagged.
    fn check_suggestions(
        &self,
        error_at: &dyn Fn(Option<std::ops::Range<usize>>, Option<String>, String) -> ConfigError,
    ) -> Result<(), ConfigError> {
        let all = self
            .terms
            .iter()
            .map(|t| ("term", t.lemma.as_str(), &t.suggest))
            .chain(
                self.terms
                    .iter()
                    .map(|t| ("term", t.lemma.as_str(), &t.suggest_en)),
            )
            .chain(
                self.words
                    .iter()
                    .map(|w| ("word", w.lemma.as_str(), &w.suggest)),
            )
            .chain(
                self.phrases
                    .iter()
                    .map(|p| ("phrase", p.pattern.as_str(), &p.suggest)),
            );
        let mut checked: Vec<(String, String)> = Vec::new();
        for (table, entry, suggestions) in all {
            for s in suggestions {
                if s.trim().is_empty()
                    || s.chars()
                        .any(|c| matches!(c, '<' | '>' | '&' | '"') || c.is_control())
                {
                    return Err(error_at(
                        None,
                        Some(format!("{table}.suggest")),
                        format!(
                            "the suggestion {s:?} for «{entry}» is empty or holds markup or control characters (< > & \" are not allowed)"
                        ),
                    ));
                }
                checked.push((entry.to_string(), s.clone()));
            }
        }
        if checked.is_empty() {
            return Ok(());
        }
        // None is flagged by the lexicon with the project's entries.
        let engine = self
            .lexicon()
            .and_then(|l| Engine::from_lexicon(l).map_err(|e| error_at(None, None, e.message)))?;
        let options = self.options();
        for (entry, s) in checked {
            let r = engine.lint(&s, crate::document::Format::Text, &options);
            if let Some(d) = r.diagnostics.iter().find(|d| !d.rule.is_ad_level()) {
                return Err(error_at(
                    None,
                    Some("suggest".into()),
                    format!(
                        "the suggestion «{s}» for «{entry}» is itself flagged ({}): it would never be a fix",
                        d.rule
                    ),
                ));
            }
        }
        Ok(())
    }

    /// The default options with this file's settings applied.
    pub fn options(&self) -> Options {
        let mut o = Options::default();
        self.apply(&mut o);
        o
    }

    /// Apply this file's settings over `o`.
    pub fn apply(&self, o: &mut Options) {
        if let Some(l) = self.lang {
            o.lang = l;
        }
        for (r, l) in &self.rules {
            o.set_level(*r, *l);
        }
        if let Some(n) = self.max_must_have {
            o.max_must_have = n;
        }
        if let Some(n) = self.min_without_nice {
            o.min_requirements_without_nice = n;
        }
        if let Some(l) = self.binary_pairs {
            o.binary_pair_level = l;
        }
        o.allow_words(&self.allow_words);
        o.allow_phrases(&self.allow_phrases);
    }

    /// The fail level (`--fail-level` default): warning unless the file says otherwise.
    pub fn fail_level(&self) -> Severity {
        self.fail_level.unwrap_or(Severity::Warning)
    }

    /// Does the file add lexicon entries?
    pub fn has_entries(&self) -> bool {
        !(self.terms.is_empty() && self.words.is_empty() && self.phrases.is_empty())
    }

    fn lexicon(&self) -> Result<Lexicon, ConfigError> {
        let err = |m: String| ConfigError {
            path: self.path.clone(),
            line: None,
            column: None,
            key: None,
            message: m,
        };
        let mut lex = Lexicon::builtin().map_err(|e| err(e.to_string()))?;
        lex.add_word_specs(&self.path, self.terms.clone(), Rule::GenderedTerm)
            .map_err(|e| err(e.message))?;
        lex.add_word_specs(&self.path, self.words.clone(), Rule::MasculineCoded)
            .map_err(|e| err(e.message))?;
        lex.add_phrase_specs(&self.path, self.phrases.clone())
            .map_err(|e| err(e.message))?;
        Ok(lex)
    }

    /// A project engine when the file adds lexicon entries; `None` means: use the built-in one.
    pub fn engine(&self) -> Result<Option<Engine>, ConfigError> {
        if !self.has_entries() {
            return Ok(None);
        }
        let lex = self.lexicon()?;
        Engine::from_lexicon(lex)
            .map(Some)
            .map_err(|e| ConfigError {
                path: self.path.clone(),
                line: None,
                column: None,
                key: None,
                message: e.to_string(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `biasvask.toml` example of `docs/conventions.md`, as it stands there, is a valid
    /// configuration with the meanings the page gives it: warning as the fail level,
    /// masculine-coded off, «fagmand» allowed, at most six must-haves.
    #[test]
    fn the_conventions_page_example_parses() {
        let page = include_str!("../docs/conventions.md");
        let start = page.find("```toml\n").expect("a toml block") + "```toml\n".len();
        let len = page[start..].find("```").expect("the block ends");
        let c = Config::parse("docs/conventions.md", &page[start..start + len]).unwrap();
        assert_eq!(c.fail_level(), Severity::Warning);
        assert_eq!(c.rules, vec![(Rule::MasculineCoded, Level::Off)]);
        let o = c.options();
        assert!(!o.enabled(Rule::MasculineCoded));
        assert_eq!(o.allowed_words(), ["fagmand"]);
        assert_eq!(c.max_must_have, Some(6));
    }

    #[test]
    fn unknown_keys_name_file_line_and_key() {
        let e = Config::parse("biasvask.toml", "lang = \"da\"\nfoo = 1\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert_eq!(e.key.as_deref(), Some("foo"));
        assert!(
            e.to_string().starts_with("biasvask.toml:2:1: key `foo`"),
            "{e}"
        );
        let e = Config::parse("x.toml", "[rules]\nmasculine-kodet = \"off\"\n").unwrap_err();
        assert_eq!(
            (e.line, e.key.as_deref()),
            (Some(2), Some("rules.masculine-kodet"))
        );
        let e = Config::parse("x.toml", "[rules]\nmasculine-coded = \"maybe\"\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        let e = Config::parse("x.toml", "[requirements]\nmax_must_have = \"six\"\n").unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");
        let e = Config::parse("x.toml", "fail_level = 3\n").unwrap_err();
        assert_eq!(e.line, Some(1), "{e}");
    }

    /// A value of the wrong type names its key (not the value), the line and the type wanted.
    #[test]
    fn wrong_types_name_the_key_line_and_expected_type() {
        for (src, line, key, want) in [
            ("fail_level = 5\n", 1, "fail_level", "expected a string"),
            ("lang = true\n", 1, "lang", "expected a string"),
            (
                "lang = \"da\"\n[rules]\ngendered-term = 3\n",
                3,
                "rules.gendered-term",
                "expected a string",
            ),
            (
                "[allow]\nwords = \"x\"\n",
                2,
                "allow.words",
                "expected an array",
            ),
            (
                "[allow]\nwords = [\"a\", 1]\n",
                2,
                "allow.words",
                "expected a string",
            ),
            (
                "[requirements]\nmax_must_have = \"6\"\n",
                2,
                "requirements.max_must_have",
                "expected a whole number",
            ),
            (
                "[requirements]\nmin_without_nice = -1\n",
                2,
                "requirements.min_without_nice",
                "expected a whole number",
            ),
            (
                "[pronouns]\nbinary_pairs = 1\n",
                2,
                "pronouns.binary_pairs",
                "expected a string",
            ),
            ("rules = 3\n", 1, "rules", "expected a table"),
            (
                "requirements.max_must_have = 1.5\n",
                1,
                "requirements.max_must_have",
                "expected a whole number",
            ),
            (
                "[[term]]\nlemma = 3\n",
                2,
                "term.lemma",
                "expected a string",
            ),
            (
                "[allow]\nword = []\n",
                2,
                "allow.word",
                "unknown field `word`",
            ),
            ("\"fail level\" = 1\n", 1, "\"fail level\"", "unknown field"),
        ] {
            let e = Config::parse("biasvask.toml", src).unwrap_err();
            assert_eq!(
                (e.line, e.key.as_deref()),
                (Some(line), Some(key)),
                "{src:?}: {e}"
            );
            assert!(e.message.contains(want), "{src:?}: {e}");
            assert!(
                e.to_string().starts_with(&format!("biasvask.toml:{line}:")),
                "{e}"
            );
            assert!(e.to_string().contains(&format!("key `{key}`: ")), "{e}");
        }
        // A syntax error is about no key.
        let e = Config::parse("x.toml", "fail_level = \n").unwrap_err();
        assert_eq!((e.line, e.key.as_deref()), (Some(1), None), "{e}");
    }

    #[test]
    fn extra_entries_make_a_project_engine() {
        let src = r#"
[[term]]
lemma = "bagermand"
paradigm = "noun.mand"
compound = true
suggest = ["bager"]
rationale = "titlen signalerer en mand"
rationale_en = "the title signals a man"
source = "Projektets egen ordliste"
"#;
        let c = Config::parse("biasvask.toml", src).unwrap();
        let engine = c.engine().unwrap().expect("entries given");
        let r = engine.lint("Vores bagermand", crate::Format::Text, &c.options());
        assert_eq!(r.diagnostics.len(), 1);
        assert_eq!(r.diagnostics[0].suggestions, ["bager"]);
        let bad = Config::parse("biasvask.toml", "[[term]]\nlemma = \"x\"\nrationale = \"r\"\nsource = \"s\"\nparadigm = \"noun.nope\"\n");
        assert!(bad.unwrap_err().message.contains("unknown paradigm"));
    }
}
