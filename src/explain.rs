//! Rule documentation for `biasvask explain RULE`, LSP hovers and the web page. The texts live
//! in `docs/rules/RULE.md` (Danish first, then a `## English` section), embedded by the rule
//! registry ([`crate::registry::RULES`]).

use crate::lang::Lang;
use crate::registry::Rule;

/// The whole document of `rule` in `lang` (Markdown).
pub fn doc(rule: Rule, lang: Lang) -> &'static str {
    rule.info().doc(lang)
}

/// The title line without `# `: "gendered-term: Kønnede titler og personbetegnelser".
pub fn title(rule: Rule, lang: Lang) -> &'static str {
    rule.info().title(lang)
}

/// The one-sentence summary: the first paragraph after the title.
pub fn summary(rule: Rule, lang: Lang) -> String {
    rule.info().summary(lang)
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
