//! Rule documentation for `biasvask explain RULE`, LSP hovers and the web page. The texts live
//! in `docs/rules/RULE.md` (Danish first, then a `## English` section) and are embedded.

use crate::diagnostic::Rule;
use crate::options::Lang;

fn source(rule: Rule) -> &'static str {
    match rule {
        Rule::GenderedTerm => include_str!("../docs/rules/gendered-term.md"),
        Rule::GenderedPhrase => include_str!("../docs/rules/gendered-phrase.md"),
        Rule::SexPreference => include_str!("../docs/rules/sex-preference.md"),
        Rule::AgePreference => include_str!("../docs/rules/age-preference.md"),
        Rule::GenericPronoun => include_str!("../docs/rules/generic-pronoun.md"),
        Rule::MasculineCoded => include_str!("../docs/rules/masculine-coded.md"),
        Rule::FeminineCoded => include_str!("../docs/rules/feminine-coded.md"),
        Rule::RequirementsBalance => include_str!("../docs/rules/requirements-balance.md"),
        Rule::MissingInclusionStatement => {
            include_str!("../docs/rules/missing-inclusion-statement.md")
        }
    }
}

/// The whole document of `rule` in `lang` (Markdown).
pub fn doc(rule: Rule, lang: Lang) -> &'static str {
    let s = source(rule);
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
pub fn title(rule: Rule, lang: Lang) -> &'static str {
    doc(rule, lang)
        .lines()
        .find(|l| l.starts_with("# "))
        .map(|l| l[2..].trim())
        .unwrap_or(rule.id())
}

/// The one-sentence summary: the first paragraph after the title.
pub fn summary(rule: Rule, lang: Lang) -> String {
    let d = doc(rule, lang);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_both_languages() {
        for r in Rule::ALL {
            for lang in [Lang::Da, Lang::En] {
                assert!(
                    title(r, lang).starts_with(r.id()),
                    "{r} {lang}: {}",
                    title(r, lang)
                );
                assert!(!summary(r, lang).is_empty(), "{r} {lang}");
            }
            assert_ne!(doc(r, Lang::Da), doc(r, Lang::En), "{r}");
        }
    }
}
