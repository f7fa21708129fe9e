//! The lexicons: data files in `lexicons/da/` (Danish, the ad language), embedded in the binary and parsed into entries.
//!
//! [`Lexicon::builtin`] parses the embedded files; [`Lexicon::add_terms`] etc. take more
//! entries in the same format (from a project's `biasvask.toml`). The [`Engine`](crate::Engine)
//! compiles a lexicon into one Aho-Corasick automaton.

pub mod paradigm;
pub mod pattern;
pub mod requirements;

use std::collections::HashSet;

use serde::Deserialize;

use crate::diagnostic::{Rule, Severity};
use paradigm::{Paradigms, Slot, Suggestion};
use pattern::{AltSet, Pattern};

/// The embedded lexicon files, by name (for `biasvask rules`, the tests and error messages).
pub const FILES: [(&str, &str); 6] = [
    (
        "paradigms.toml",
        include_str!("../../lexicons/da/paradigms.toml"),
    ),
    (
        "gendered-terms.toml",
        include_str!("../../lexicons/da/gendered-terms.toml"),
    ),
    (
        "coded-words.toml",
        include_str!("../../lexicons/da/coded-words.toml"),
    ),
    (
        "phrases.toml",
        include_str!("../../lexicons/da/phrases.toml"),
    ),
    (
        "never-flag.toml",
        include_str!("../../lexicons/da/never-flag.toml"),
    ),
    (
        "requirements.toml",
        include_str!("../../lexicons/da/requirements.toml"),
    ),
];

fn file(name: &str) -> &'static str {
    FILES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, s)| *s)
        .unwrap_or("")
}

/// A word entry as written in `gendered-terms.toml` (`[[term]]`) or `coded-words.toml` (`[[word]]`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WordSpec {
    pub lemma: String,
    #[serde(default)]
    pub rule: Option<String>,
    #[serde(default)]
    pub paradigm: Option<String>,
    #[serde(default)]
    pub forms: Option<Vec<String>>,
    #[serde(default)]
    pub extra: Vec<String>,
    #[serde(default)]
    pub compound: Option<bool>,
    #[serde(default)]
    pub except: Vec<String>,
    #[serde(default)]
    pub suggest: Vec<String>,
    /// Suggestions for the word in an English sentence (an English-language ad); `suggest`
    /// is used in a Danish one, and where this is empty.
    #[serde(default)]
    pub suggest_en: Vec<String>,
    #[serde(default)]
    pub severity: Option<String>,
    #[serde(default)]
    pub not_before: Vec<String>,
    #[serde(default)]
    pub not_after: Vec<String>,
    #[serde(default)]
    pub only_before: Vec<String>,
    #[serde(default)]
    pub only_after: Vec<String>,
    pub rationale: String,
    #[serde(default)]
    pub rationale_en: Option<String>,
    pub source: String,
    #[serde(default)]
    pub note: Option<String>,
}

/// A phrase entry as written in `phrases.toml` (`[[phrase]]`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhraseSpec {
    pub id: String,
    pub rule: String,
    pub pattern: String,
    #[serde(default)]
    pub suggest: Vec<String>,
    #[serde(default)]
    pub severity: Option<String>,
    #[serde(default)]
    pub unless: Vec<String>,
    #[serde(default)]
    pub unless_before: Vec<String>,
    /// Skip when the word right before the match (in its sentence) matches («når du er 20 år,
    /// kan du søge»: the age at which something becomes possible, not a wish).
    #[serde(default)]
    pub unless_prev: Vec<String>,
    /// Skip when one of the two words right after the match matches («mindst 3 år erfaring»).
    #[serde(default)]
    pub unless_after: Vec<String>,
    /// Info instead of the entry's severity when a word of the same or the previous sentence
    /// matches: the ad says the limit is set by law («De er fastlagt i Taxiloven: ...»).
    #[serde(default)]
    pub lawful_if: Vec<String>,
    /// The match must stand alone in parentheses: «Chauffør (mand) til kørsel».
    #[serde(default)]
    pub enclosed: bool,
    pub rationale: String,
    #[serde(default)]
    pub rationale_en: Option<String>,
    pub source: String,
    #[serde(default)]
    pub note: Option<String>,
}

/// A productive gendered head as written in `gendered-terms.toml` (`[[head]]`): matched only
/// as the last part of a compound that no `[[term]]` lists (serveringspiger, opvaskedreng) or
/// of a split compound after a known first part ("Kantine damer").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeadSpec {
    pub lemma: String,
    #[serde(default)]
    pub paradigm: Option<String>,
    #[serde(default)]
    pub forms: Option<Vec<String>>,
    /// Neutral heads, joined to the compound's first part (serverings + medarbejdere).
    pub suggest: Vec<String>,
    /// Fewest letters before the head (default 3).
    #[serde(default)]
    pub min_prefix: Option<usize>,
    /// If set: the first part must end in one of these (kone: "s", "e", "er").
    #[serde(default)]
    pub prefix_ends: Vec<String>,
    /// If set: flag only when the word before the compound matches ("en lagerfyr", not
    /// "et oliefyr").
    #[serde(default)]
    pub only_after: Vec<String>,
    /// First parts written as a word of their own ("Kantine damer", "serverings-piger").
    #[serde(default)]
    pub split_after: Vec<String>,
    /// Skip when a word of the sentence matches (children: "skolepiger" in a school ad).
    #[serde(default)]
    pub unless: Vec<String>,
    pub rationale: String,
    #[serde(default)]
    pub rationale_en: Option<String>,
    pub source: String,
}

/// A compiled productive head.
#[derive(Debug, Clone)]
pub struct HeadEntry {
    pub lemma: String,
    pub forms: Vec<(Slot, String)>,
    pub suggest: Vec<Suggestion>,
    pub min_prefix: usize,
    pub prefix_ends: Vec<String>,
    pub only_after: AltSet,
    pub split_after: HashSet<String>,
    pub unless: AltSet,
    pub rationale: String,
    pub rationale_en: String,
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TermFile {
    #[serde(default)]
    term: Vec<WordSpec>,
    #[serde(default)]
    head: Vec<HeadSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WordFile {
    #[serde(default)]
    word: Vec<WordSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PhraseFile {
    #[serde(default)]
    phrase: Vec<PhraseSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NeverFlag {
    #[serde(default)]
    pub words: Vec<String>,
    #[serde(default)]
    pub texts: Vec<String>,
}

/// A compiled word entry.
#[derive(Debug, Clone)]
pub struct WordEntry {
    pub lemma: String,
    pub rule: Rule,
    pub severity: Severity,
    /// Every matched form with its slot (lowercase).
    pub forms: Vec<(Slot, String)>,
    pub compound: bool,
    pub except: HashSet<String>,
    pub suggest: Vec<Suggestion>,
    /// Suggestions in an English sentence (empty: `suggest` everywhere).
    pub suggest_en: Vec<Suggestion>,
    pub not_before: AltSet,
    pub not_after: AltSet,
    pub only_before: AltSet,
    pub only_after: AltSet,
    pub rationale: String,
    pub rationale_en: String,
    pub source: String,
}

impl WordEntry {
    pub fn has_guards(&self) -> bool {
        !(self.not_before.is_empty()
            && self.not_after.is_empty()
            && self.only_before.is_empty()
            && self.only_after.is_empty())
    }
}

/// A compiled phrase entry.
#[derive(Debug, Clone)]
pub struct PhraseEntry {
    pub id: String,
    pub rule: Rule,
    pub severity: Severity,
    pub pattern: Pattern,
    pub suggest: Vec<String>,
    pub unless: AltSet,
    /// Skip when a word of the previous sentence (a list's heading) matches.
    pub unless_before: AltSet,
    /// Skip when the word right before the match (same sentence) matches.
    pub unless_prev: AltSet,
    /// Skip when one of the two words right after the match (same sentence) matches.
    pub unless_after: AltSet,
    /// Info when a word of the same or the previous sentence matches (a limit set by law).
    pub lawful_if: AltSet,
    /// The match must stand alone in parentheses.
    pub enclosed: bool,
    pub rationale: String,
    pub rationale_en: String,
    pub source: String,
}

/// Every entry, ready to compile.
#[derive(Debug, Clone)]
pub struct Lexicon {
    pub paradigms: Paradigms,
    pub words: Vec<WordEntry>,
    pub phrases: Vec<PhraseEntry>,
    /// Productive gendered heads of unlisted compounds (`[[head]]`).
    pub heads: Vec<HeadEntry>,
    pub never: HashSet<String>,
    /// Test data: texts that must lint clean.
    pub never_texts: Vec<String>,
    /// Cues of the ad-level rules (requirements, inclusion statement).
    pub requirements: requirements::RequirementCues,
}

/// An error in a lexicon file or entry, naming where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {message}")]
pub struct LexiconError {
    pub file: String,
    pub message: String,
}

fn err(file: &str, message: impl Into<String>) -> LexiconError {
    LexiconError {
        file: file.to_string(),
        message: message.into(),
    }
}

impl Lexicon {
    /// The lexicons embedded in the binary.
    pub fn builtin() -> Result<Lexicon, LexiconError> {
        let paradigms =
            Paradigms::parse(file("paradigms.toml")).map_err(|e| err("paradigms.toml", e))?;
        let never: NeverFlag = toml::from_str(file("never-flag.toml"))
            .map_err(|e| err("never-flag.toml", e.to_string()))?;
        let mut lex = Lexicon {
            paradigms,
            words: Vec::new(),
            phrases: Vec::new(),
            heads: Vec::new(),
            never: never
                .words
                .iter()
                .map(|w| crate::text::lowercase(w))
                .collect(),
            never_texts: never.texts,
            requirements: requirements::RequirementCues::parse(
                "requirements.toml",
                file("requirements.toml"),
            )?,
        };
        lex.add_terms_toml("gendered-terms.toml", file("gendered-terms.toml"))?;
        lex.add_words_toml("coded-words.toml", file("coded-words.toml"))?;
        lex.add_phrases_toml("phrases.toml", file("phrases.toml"))?;
        Ok(lex)
    }

    /// Add `[[term]]` entries (rule `gendered-term` unless an entry says otherwise).
    pub fn add_terms_toml(&mut self, name: &str, src: &str) -> Result<(), LexiconError> {
        let f: TermFile = toml::from_str(src).map_err(|e| err(name, e.to_string()))?;
        self.add_word_specs(name, f.term, Rule::GenderedTerm)?;
        for h in f.head {
            let e = self
                .compile_head(&h)
                .map_err(|m| err(name, format!("head `{}`: {m}", h.lemma)))?;
            self.heads.push(e);
        }
        Ok(())
    }

    fn compile_head(&self, s: &HeadSpec) -> Result<HeadEntry, String> {
        if s.lemma.is_empty() || s.lemma != crate::text::lowercase(&s.lemma) {
            return Err("lemma must be lowercase and not empty".into());
        }
        let (rationale, rationale_en, source) = evidence(&s.rationale, &s.rationale_en, &s.source)?;
        let forms = match (&s.paradigm, &s.forms) {
            (Some(p), None) => {
                let par = self
                    .paradigms
                    .get(p)
                    .ok_or_else(|| format!("unknown paradigm `{p}`"))?;
                self.paradigms.expand(&s.lemma, par)?
            }
            (None, Some(f)) => Paradigms::explicit(f)?,
            _ => return Err("give `paradigm` or `forms`".into()),
        };
        if s.suggest.is_empty() {
            return Err("a head needs a neutral suggestion".into());
        }
        let suggest = s
            .suggest
            .iter()
            .map(|x| self.paradigms.suggestion(x))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(HeadEntry {
            lemma: s.lemma.clone(),
            forms,
            suggest,
            min_prefix: s.min_prefix.unwrap_or(3),
            prefix_ends: s.prefix_ends.clone(),
            only_after: AltSet::parse(&s.only_after)?,
            split_after: s
                .split_after
                .iter()
                .map(|x| crate::text::lowercase(x))
                .collect(),
            unless: AltSet::parse(&s.unless)?,
            rationale,
            rationale_en,
            source,
        })
    }

    /// Add `[[word]]` entries (each names its rule).
    pub fn add_words_toml(&mut self, name: &str, src: &str) -> Result<(), LexiconError> {
        let f: WordFile = toml::from_str(src).map_err(|e| err(name, e.to_string()))?;
        self.add_word_specs(name, f.word, Rule::MasculineCoded)
    }

    /// Add `[[phrase]]` entries.
    pub fn add_phrases_toml(&mut self, name: &str, src: &str) -> Result<(), LexiconError> {
        let f: PhraseFile = toml::from_str(src).map_err(|e| err(name, e.to_string()))?;
        self.add_phrase_specs(name, f.phrase)
    }

    pub fn add_word_specs(
        &mut self,
        name: &str,
        specs: Vec<WordSpec>,
        default_rule: Rule,
    ) -> Result<(), LexiconError> {
        for s in specs {
            let e = self
                .compile_word(&s, default_rule)
                .map_err(|m| err(name, format!("entry `{}`: {m}", s.lemma)))?;
            self.words.push(e);
        }
        Ok(())
    }

    pub fn add_phrase_specs(
        &mut self,
        name: &str,
        specs: Vec<PhraseSpec>,
    ) -> Result<(), LexiconError> {
        for s in specs {
            let e = compile_phrase(&s).map_err(|m| err(name, format!("phrase `{}`: {m}", s.id)))?;
            self.phrases.push(e);
        }
        Ok(())
    }

    fn compile_word(&self, s: &WordSpec, default_rule: Rule) -> Result<WordEntry, String> {
        let rule = match &s.rule {
            Some(r) => r.parse::<Rule>()?,
            None if default_rule == Rule::GenderedTerm => Rule::GenderedTerm,
            None => return Err("`rule` is required (masculine-coded or feminine-coded)".into()),
        };
        if !matches!(
            rule,
            Rule::GenderedTerm | Rule::MasculineCoded | Rule::FeminineCoded
        ) {
            return Err(format!("rule `{rule}` is not a word rule"));
        }
        if s.lemma.is_empty() || s.lemma != crate::text::lowercase(&s.lemma) {
            return Err("lemma must be lowercase and not empty".into());
        }
        let (rationale, rationale_en, source) = evidence(&s.rationale, &s.rationale_en, &s.source)?;
        let mut forms = match (&s.paradigm, &s.forms) {
            (Some(_), Some(_)) => return Err("give `paradigm` or `forms`, not both".into()),
            (Some(p), None) => {
                let par = self
                    .paradigms
                    .get(p)
                    .ok_or_else(|| format!("unknown paradigm `{p}`"))?;
                self.paradigms.expand(&s.lemma, par)?
            }
            (None, Some(f)) => Paradigms::explicit(f)?,
            (None, None) => vec![(
                if rule == Rule::GenderedTerm {
                    Slot::Noun {
                        idx: 0,
                        genitive: false,
                    }
                } else {
                    Slot::None
                },
                s.lemma.clone(),
            )],
        };
        for x in &s.extra {
            if !forms.iter().any(|(_, f)| f == x) {
                forms.push((Slot::None, x.clone()));
            }
        }
        for (_, f) in &forms {
            if f.is_empty() || *f != crate::text::lowercase(f) || f.contains(char::is_whitespace) {
                return Err(format!("form `{f}` must be one lowercase word"));
            }
        }
        let suggest = s
            .suggest
            .iter()
            .map(|x| self.paradigms.suggestion(x))
            .collect::<Result<Vec<_>, _>>()?;
        let suggest_en = s
            .suggest_en
            .iter()
            .map(|x| self.paradigms.suggestion(x))
            .collect::<Result<Vec<_>, _>>()?;
        let severity = match &s.severity {
            Some(x) => x.parse::<Severity>()?,
            None => rule.default_severity(),
        };
        Ok(WordEntry {
            lemma: s.lemma.clone(),
            rule,
            severity,
            forms,
            compound: s.compound.unwrap_or(false),
            except: s.except.iter().map(|x| crate::text::lowercase(x)).collect(),
            suggest,
            suggest_en,
            not_before: AltSet::parse(&s.not_before)?,
            not_after: AltSet::parse(&s.not_after)?,
            only_before: AltSet::parse(&s.only_before)?,
            only_after: AltSet::parse(&s.only_after)?,
            rationale,
            rationale_en,
            source,
        })
    }
}

/// An entry's evidence, trimmed: rationale (Danish), rationale (English; the Danish one when
/// missing) and source. Rationale and source are required.
fn evidence(
    rationale: &str,
    rationale_en: &Option<String>,
    source: &str,
) -> Result<(String, String, String), String> {
    if rationale.trim().is_empty() || source.trim().is_empty() {
        return Err("`rationale` and `source` are required".into());
    }
    let en = rationale_en.as_deref().unwrap_or(rationale);
    Ok((
        rationale.trim().to_string(),
        en.trim().to_string(),
        source.trim().to_string(),
    ))
}

fn compile_phrase(s: &PhraseSpec) -> Result<PhraseEntry, String> {
    let rule = s.rule.parse::<Rule>()?;
    if !matches!(
        rule,
        Rule::GenderedPhrase | Rule::SexPreference | Rule::AgePreference
    ) {
        return Err(format!("rule `{rule}` is not a phrase rule"));
    }
    let (rationale, rationale_en, source) = evidence(&s.rationale, &s.rationale_en, &s.source)?;
    let pattern = Pattern::parse(&s.pattern)?;
    for sg in &s.suggest {
        let mut rest = sg.as_str();
        while let Some(i) = rest.find('{') {
            let j = rest[i..].find('}').ok_or("unclosed `{` in suggestion")? + i;
            let n: usize = rest[i + 1..j]
                .parse()
                .map_err(|_| format!("bad placeholder in `{sg}`"))?;
            if n == 0 || n > pattern.slots.len() {
                return Err(format!("placeholder {{{n}}} in `{sg}` names no slot"));
            }
            rest = &rest[j + 1..];
        }
    }
    let severity = match &s.severity {
        Some(x) => x.parse::<Severity>()?,
        None => rule.default_severity(),
    };
    Ok(PhraseEntry {
        id: s.id.clone(),
        rule,
        severity,
        pattern,
        suggest: s.suggest.clone(),
        unless: AltSet::parse(&s.unless)?,
        unless_before: AltSet::parse(&s.unless_before)?,
        unless_prev: AltSet::parse(&s.unless_prev)?,
        unless_after: AltSet::parse(&s.unless_after)?,
        lawful_if: AltSet::parse(&s.lawful_if)?,
        enclosed: s.enclosed,
        rationale,
        rationale_en,
        source,
    })
}
