//! Message texts, Danish and English. A message says what was found, why it matters in one
//! clause, and what to write instead; it suggests, it does not command.

use crate::diagnostic::Rule;
use crate::options::Lang;

/// «a», «a» eller «b», «a», «b» eller «c» (at most three shown).
pub fn alternatives(sugg: &[String], lang: Lang) -> String {
    let mut out = String::new();
    push_alternatives(&mut out, sugg, lang);
    out
}

/// [`alternatives`], appended to `out`.
fn push_alternatives(out: &mut String, sugg: &[String], lang: Lang) {
    let shown = &sugg[..sugg.len().min(3)];
    let or = if lang == Lang::Da { " eller " } else { " or " };
    for (i, s) in shown.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == shown.len() { or } else { ", " });
        }
        out.push('«');
        out.push_str(s);
        out.push('»');
    }
}

/// What a finding of `rule` says its text is ("er en kønnet betegnelse").
fn what(rule: Rule, lang: Lang) -> &'static str {
    match (rule, lang) {
        (Rule::GenderedTerm, Lang::Da) => "er en kønnet betegnelse",
        (Rule::GenderedTerm, Lang::En) => "is a gendered term",
        (Rule::GenderedPhrase, Lang::Da) => "er et kønnet udtryk",
        (Rule::GenderedPhrase, Lang::En) => "is a gendered expression",
        (Rule::SexPreference, Lang::Da) => "udtrykker ønske om et bestemt køn",
        (Rule::SexPreference, Lang::En) => "states a preference for one sex",
        (Rule::AgePreference, Lang::Da) => "udtrykker ønske om en bestemt alder",
        (Rule::AgePreference, Lang::En) => "states a preference for an age",
        (Rule::GenericPronoun, Lang::Da) => "om den kommende medarbejder forudsætter et køn",
        (Rule::GenericPronoun, Lang::En) => "about the future employee assumes a gender",
        (Rule::MasculineCoded, Lang::Da) => "er maskulint kodet",
        (Rule::MasculineCoded, Lang::En) => "is masculine-coded",
        (Rule::FeminineCoded, Lang::Da) => "er feminint kodet",
        (Rule::FeminineCoded, Lang::En) => "is feminine-coded",
        (_, Lang::Da) => "bør ses på",
        (_, Lang::En) => "needs a look",
    }
}

/// The message of a word- or phrase-level finding, written into one string (each finding
/// makes one; `format!` of the parts cost about three times as much).
pub fn finding(rule: Rule, lang: Lang, text: &str, rationale: &str, sugg: &[String]) -> String {
    let what = what(rule, lang);
    let shown: usize = sugg.iter().take(3).map(|s| s.len() + 12).sum();
    let mut m = String::with_capacity(text.len() + what.len() + rationale.len() + shown + 90);
    m.push('«');
    m.push_str(text);
    m.push_str("» ");
    m.push_str(what);
    if !rationale.is_empty() {
        m.push_str(": ");
        m.push_str(rationale);
    }
    m.push('.');
    let coded = matches!(rule, Rule::MasculineCoded | Rule::FeminineCoded);
    let (lead, fixed) = match (lang, sugg.is_empty(), coded) {
        (Lang::Da, false, true) => (" Overvej et neutralt ord som ", ""),
        (Lang::En, false, true) => (" Consider a neutral word such as ", ""),
        (Lang::Da, false, false) => (" Overvej ", ""),
        (Lang::En, false, false) => (" Consider ", ""),
        (Lang::Da, true, true) => (
            "",
            " Overvej om ordet er nødvendigt, eller beskriv opgaven i stedet.",
        ),
        (Lang::En, true, true) => (
            "",
            " Consider whether the word is needed, or describe the task instead.",
        ),
        (Lang::Da, true, false) => (
            "",
            match rule {
                Rule::SexPreference => " Overvej at henvende dig til alle ansøgere uanset køn.",
                Rule::AgePreference => {
                    " Overvej at beskrive de kompetencer, stillingen kræver, i stedet for en alder."
                }
                _ => " Overvej at omformulere kønsneutralt.",
            },
        ),
        (Lang::En, true, false) => (
            "",
            match rule {
                Rule::SexPreference => " Consider addressing all applicants regardless of sex.",
                Rule::AgePreference => {
                    " Consider describing the skills the job needs instead of an age."
                }
                _ => " Consider a gender-neutral wording.",
            },
        ),
    };
    if sugg.is_empty() {
        m.push_str(fixed);
    } else {
        m.push_str(lead);
        push_alternatives(&mut m, sugg, lang);
        m.push('.');
    }
    m
}

/// The note (evidence) of a finding.
pub fn note(lang: Lang, source: &str) -> String {
    match lang {
        Lang::Da => ["Kilde: ", source].concat(),
        Lang::En => ["Source: ", source].concat(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The messages as they were first written (`format!` of the parts): the oracle.
    /// «a», «a» eller «b», «a», «b» eller «c» (at most three shown).
    fn alternatives_reference(sugg: &[String], lang: Lang) -> String {
        let shown: Vec<String> = sugg.iter().take(3).map(|s| format!("«{s}»")).collect();
        let or = if lang == Lang::Da { "eller" } else { "or" };
        match shown.len() {
            0 => String::new(),
            1 => shown[0].clone(),
            n => format!("{} {or} {}", shown[..n - 1].join(", "), shown[n - 1]),
        }
    }

    /// The message of a word- or phrase-level finding.
    fn finding_reference(
        rule: Rule,
        lang: Lang,
        text: &str,
        rationale: &str,
        sugg: &[String],
    ) -> String {
        let what = what(rule, lang);
        let mut m = if rationale.is_empty() {
            format!("«{text}» {what}.")
        } else {
            format!("«{text}» {what}: {rationale}.")
        };
        let coded = matches!(rule, Rule::MasculineCoded | Rule::FeminineCoded);
        let advice = match (lang, sugg.is_empty(), coded) {
            (Lang::Da, false, true) => {
                format!(
                    " Overvej et neutralt ord som {}.",
                    alternatives_reference(sugg, lang)
                )
            }
            (Lang::En, false, true) => format!(
                " Consider a neutral word such as {}.",
                alternatives_reference(sugg, lang)
            ),
            (Lang::Da, false, false) => format!(" Overvej {}.", alternatives_reference(sugg, lang)),
            (Lang::En, false, false) => {
                format!(" Consider {}.", alternatives_reference(sugg, lang))
            }
            (Lang::Da, true, true) => {
                " Overvej om ordet er nødvendigt, eller beskriv opgaven i stedet.".to_string()
            }
            (Lang::En, true, true) => {
                " Consider whether the word is needed, or describe the task instead.".to_string()
            }
            (Lang::Da, true, false) => match rule {
                Rule::SexPreference => {
                    " Overvej at henvende dig til alle ansøgere uanset køn.".to_string()
                }
                Rule::AgePreference => {
                    " Overvej at beskrive de kompetencer, stillingen kræver, i stedet for en alder."
                        .to_string()
                }
                _ => " Overvej at omformulere kønsneutralt.".to_string(),
            },
            (Lang::En, true, false) => match rule {
                Rule::SexPreference => {
                    " Consider addressing all applicants regardless of sex.".to_string()
                }
                Rule::AgePreference => {
                    " Consider describing the skills the job needs instead of an age.".to_string()
                }
                _ => " Consider a gender-neutral wording.".to_string(),
            },
        };
        m.push_str(&advice);
        m
    }

    /// The same text as the `format!` version for every rule, both languages, with and
    /// without a rationale, and with none to five suggestions.
    #[test]
    fn messages_are_the_ones_written_with_format() {
        let sugg: Vec<String> = ["medarbejder", "leder", "kollega", "person", "forperson"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let mut n = 0;
        for rule in crate::registry::RULES.iter().map(|r| r.rule) {
            for lang in [Lang::Da, Lang::En] {
                for rationale in ["", "et ord om mænd"] {
                    for k in 0..=sugg.len() {
                        let s = &sugg[..k];
                        assert_eq!(alternatives(s, lang), alternatives_reference(s, lang));
                        assert_eq!(
                            finding(rule, lang, "Formand", rationale, s),
                            finding_reference(rule, lang, "Formand", rationale, s),
                        );
                        n += 1;
                    }
                }
            }
        }
        assert!(n >= 100, "{n}");
    }
}
