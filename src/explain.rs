//! Rule documentation for `biasvask explain RULE`, LSP hovers and the web page. The texts live
//! in `docs/rules/RULE.md` (Danish first, then a `## English` section), embedded by the rule
//! registry ([`crate::registry::RULES`]).

use crate::diagnostic::Rule;
use crate::options::Lang;

fn source(rule: Rule) -> &'static str {
    rule.info().doc
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
