//! The rule registry: every rule's metadata in one table, [`RULES`]: its stable id, what its
//! findings are about ([`Scope`]), its default severity, its family ([`Category`], which the
//! web page colours by), how the editor's "add to the allow-list" allows a finding
//! ([`AllowBy`]), a short label and its documentation (`docs/rules/RULE.md`, embedded).
//! `biasvask rules` and `explain`, the LSP, the HTTP API (`GET /v1/rules`, the OpenAPI
//! document's `RuleId`, checked by a test) and the web page all read it.
//!
//! To add a rule: a variant of [`Rule`], its entry in [`RULES`] (same order), its
//! documentation in `docs/rules/`, and its implementation in `src/rules/`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::lang::Lang;

/// What a rule's findings are about: a word, a phrase, or the ad as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    Word,
    Phrase,
    Ad,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Word => "word",
            Scope::Phrase => "phrase",
            Scope::Ad => "ad",
        }
    }
}

/// A rule's family: the web page gives each its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    /// Gendered titles, person nouns and idioms.
    Gendered,
    /// A stated preference for a sex or an age.
    Preference,
    /// A pronoun about the future employee.
    Pronoun,
    MasculineCoded,
    FeminineCoded,
    /// The ad as a whole.
    Ad,
}

impl Category {
    pub const ALL: [Category; 6] = [
        Category::Gendered,
        Category::Preference,
        Category::Pronoun,
        Category::MasculineCoded,
        Category::FeminineCoded,
        Category::Ad,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Gendered => "gendered",
            Category::Preference => "preference",
            Category::Pronoun => "pronoun",
            Category::MasculineCoded => "masculine-coded",
            Category::FeminineCoded => "feminine-coded",
            Category::Ad => "ad",
        }
    }
}

/// How "add to the project's allow-list" allows a finding: its word in every inflection
/// (`[allow] words`), or its exact text (`[allow] phrases`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AllowBy {
    Word,
    Phrase,
}

/// What is known about one rule.
#[derive(Debug, Clone, Copy)]
pub struct RuleInfo {
    pub rule: Rule,
    /// The stable kebab-case id.
    pub id: &'static str,
    pub scope: Scope,
    pub default_severity: Severity,
    pub category: Category,
    pub allow_by: AllowBy,
    /// A short label of the finding's kind, Danish and English (the web page's legend).
    pub label: (&'static str, &'static str),
    /// The documentation, Markdown: Danish first, then a `## English` section.
    pub doc: &'static str,
}

impl RuleInfo {
    /// The whole documentation in `lang` (Markdown).
    pub fn doc(&self, lang: Lang) -> &'static str {
        let s = self.doc;
        let (da, en) = match s.find("\n## English") {
            Some(i) => (&s[..i], &s[i + "\n## English".len()..]),
            None => (s, s),
        };
        match lang {
            Lang::Da => da.trim(),
            Lang::En => en.trim(),
        }
    }

    /// The title line without `# `: "gendered-term: Kønnede titler og personbetegnelser".
    pub fn title(&self, lang: Lang) -> &'static str {
        self.doc(lang)
            .lines()
            .find(|l| l.starts_with("# "))
            .map(|l| l[2..].trim())
            .unwrap_or(self.id)
    }

    /// The one-sentence summary: the first paragraph after the title.
    pub fn summary(&self, lang: Lang) -> String {
        let d = self.doc(lang);
        let mut lines = d
            .lines()
            .skip_while(|l| !l.starts_with("# "))
            .skip(1)
            .skip_while(|l| l.trim().is_empty());
        let mut out = Vec::new();
        for l in lines.by_ref() {
            if l.trim().is_empty() || l.starts_with('#') {
                break;
            }
            out.push(l.trim());
        }
        out.join(" ")
    }

    /// The short label in `lang`.
    pub fn label(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Da => self.label.0,
            Lang::En => self.label.1,
        }
    }
}

/// Every rule, in documentation order (the order of the variants of [`Rule`]).
pub const RULES: [RuleInfo; 9] = [
    RuleInfo {
        rule: Rule::GenderedTerm,
        id: "gendered-term",
        scope: Scope::Word,
        default_severity: Severity::Warning,
        category: Category::Gendered,
        allow_by: AllowBy::Word,
        label: ("Kønnet ord", "Gendered word"),
        doc: include_str!("../docs/rules/gendered-term.md"),
    },
    RuleInfo {
        rule: Rule::GenderedPhrase,
        id: "gendered-phrase",
        scope: Scope::Phrase,
        default_severity: Severity::Warning,
        category: Category::Gendered,
        allow_by: AllowBy::Phrase,
        label: ("Kønnet udtryk", "Gendered phrase"),
        doc: include_str!("../docs/rules/gendered-phrase.md"),
    },
    RuleInfo {
        rule: Rule::SexPreference,
        id: "sex-preference",
        scope: Scope::Phrase,
        default_severity: Severity::Error,
        category: Category::Preference,
        allow_by: AllowBy::Phrase,
        label: ("Kønsønske", "Sex preference"),
        doc: include_str!("../docs/rules/sex-preference.md"),
    },
    RuleInfo {
        rule: Rule::AgePreference,
        id: "age-preference",
        scope: Scope::Phrase,
        default_severity: Severity::Error,
        category: Category::Preference,
        allow_by: AllowBy::Phrase,
        label: ("Aldersønske", "Age preference"),
        doc: include_str!("../docs/rules/age-preference.md"),
    },
    RuleInfo {
        rule: Rule::GenericPronoun,
        id: "generic-pronoun",
        scope: Scope::Word,
        default_severity: Severity::Warning,
        category: Category::Pronoun,
        allow_by: AllowBy::Phrase,
        label: ("Pronomen", "Pronoun"),
        doc: include_str!("../docs/rules/generic-pronoun.md"),
    },
    RuleInfo {
        rule: Rule::MasculineCoded,
        id: "masculine-coded",
        scope: Scope::Word,
        default_severity: Severity::Info,
        category: Category::MasculineCoded,
        allow_by: AllowBy::Word,
        label: ("Maskulint kodet", "Masculine-coded"),
        doc: include_str!("../docs/rules/masculine-coded.md"),
    },
    RuleInfo {
        rule: Rule::FeminineCoded,
        id: "feminine-coded",
        scope: Scope::Word,
        default_severity: Severity::Info,
        category: Category::FeminineCoded,
        allow_by: AllowBy::Word,
        label: ("Feminint kodet", "Feminine-coded"),
        doc: include_str!("../docs/rules/feminine-coded.md"),
    },
    RuleInfo {
        rule: Rule::RequirementsBalance,
        id: "requirements-balance",
        scope: Scope::Ad,
        default_severity: Severity::Warning,
        category: Category::Ad,
        allow_by: AllowBy::Phrase,
        label: ("Kravliste", "Requirements"),
        doc: include_str!("../docs/rules/requirements-balance.md"),
    },
    RuleInfo {
        rule: Rule::MissingInclusionStatement,
        id: "missing-inclusion-statement",
        scope: Scope::Ad,
        default_severity: Severity::Info,
        category: Category::Ad,
        allow_by: AllowBy::Phrase,
        label: ("Inklusionserklæring", "Inclusion statement"),
        doc: include_str!("../docs/rules/missing-inclusion-statement.md"),
    },
];

/// A rule id. The ids are stable (see `conventions.md`): they never change meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    GenderedTerm,
    GenderedPhrase,
    SexPreference,
    AgePreference,
    GenericPronoun,
    MasculineCoded,
    FeminineCoded,
    RequirementsBalance,
    MissingInclusionStatement,
}

impl Rule {
    /// Every rule, in documentation order (the order of [`RULES`]).
    pub const ALL: [Rule; RULES.len()] = {
        let mut all = [Rule::GenderedTerm; RULES.len()];
        let mut i = 0;
        while i < RULES.len() {
            all[i] = RULES[i].rule;
            i += 1;
        }
        all
    };

    /// This rule's entry in [`RULES`].
    pub fn info(self) -> &'static RuleInfo {
        &RULES[self as usize]
    }

    /// The stable kebab-case id, e.g. `gendered-term`.
    pub fn id(self) -> &'static str {
        self.info().id
    }

    /// The default severity (conventions.md); lexicon entries may lower or raise it per entry.
    pub fn default_severity(self) -> Severity {
        self.info().default_severity
    }

    /// Whether the rule is about a word or phrase (fixable) or about the ad as a whole.
    pub fn is_ad_level(self) -> bool {
        self.info().scope == Scope::Ad
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Rule {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Rule::ALL
            .into_iter()
            .find(|r| r.id() == s)
            .ok_or_else(|| format!("unknown rule `{s}`"))
    }
}

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            _ => Err(format!(
                "unknown severity `{s}` (expected info, warning or error)"
            )),
        }
    }
}

/// A rule setting from configuration: off, or a severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    Off,
    On(Severity),
}

impl FromStr for Level {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "off" => Ok(Level::Off),
            other => other
                .parse::<Severity>()
                .map(Level::On)
                .map_err(|_| format!("unknown level `{s}` (expected off, info, warning or error)")),
        }
    }
}

/// The registries as data, for front ends that are not Rust (the web page, the WebAssembly
/// binding): `{ "rules": [{ id, scope, category, default_severity, label, title, summary }],
/// "formats": [{ name, extensions }] }`, texts in `lang`.
pub fn catalog(lang: Lang) -> serde_json::Value {
    let rules: Vec<serde_json::Value> = RULES
        .iter()
        .map(|r| {
            serde_json::json!({
                "id": r.id,
                "scope": r.scope.as_str(),
                "category": r.category.as_str(),
                "default_severity": r.default_severity.as_str(),
                "label": r.label(lang),
                "title": r.title(lang),
                "summary": r.summary(lang),
            })
        })
        .collect();
    let formats: Vec<serde_json::Value> = crate::format::FORMATS
        .iter()
        .map(|f| serde_json::json!({ "name": f.name, "extensions": f.extensions }))
        .collect();
    serde_json::json!({ "rules": rules, "formats": formats })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_in_variant_order_with_unique_ids() {
        for (i, r) in Rule::ALL.iter().enumerate() {
            assert_eq!(RULES[i].rule, *r);
            assert_eq!(*r as usize, i);
            assert_eq!(r.id().parse::<Rule>(), Ok(*r));
            // The serde name (JSON, SARIF, LSP `code`) is the registered id.
            assert_eq!(serde_json::to_value(r).unwrap(), r.id());
        }
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len());
    }

    #[test]
    fn every_rule_is_documented_under_its_id() {
        for r in RULES {
            assert!(
                r.doc.trim_start().starts_with(&format!("# {}:", r.id)),
                "docs/rules/{}.md does not start with `# {}: ...`",
                r.id,
                r.id
            );
            assert!(
                r.doc.contains("\n## English"),
                "{}: no English section",
                r.id
            );
            assert!(!r.label.0.is_empty() && !r.label.1.is_empty(), "{}", r.id);
        }
    }

    #[test]
    fn ad_level_rules_are_the_ad_category() {
        for r in RULES {
            assert_eq!(r.scope == Scope::Ad, r.category == Category::Ad, "{}", r.id);
        }
    }
}
