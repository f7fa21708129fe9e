//! The lexicons are data reviewed like code; these tests keep them honest:
//! no duplicates, every form reachable, every suggestion inflects, no suggestion is itself
//! flagged, every entry has a rationale and a source, and the never-flag list stays silent.

use std::collections::{HashMap, HashSet};

use biasvask::lexicon::paradigm::Slot;
use biasvask::lexicon::pattern::Alt;
use biasvask::{Engine, Format, Options, Rule};

fn engine() -> Engine {
    Engine::new().expect("the built-in lexicons load")
}

fn lint(e: &Engine, s: &str) -> Vec<biasvask::Diagnostic> {
    e.lint(s, Format::Text, &Options::default()).diagnostics
}

/// A context word that satisfies an entry's `only_*` guards, if it has any.
fn context(alts: &[Alt]) -> Option<String> {
    alts.iter().find_map(|a| match a {
        Alt::Word(w) => Some(w.clone()),
        Alt::Prefix(p) => Some(format!("{p}x")),
        _ => None,
    })
}

#[test]
fn no_form_or_id_is_listed_twice() {
    let e = engine();
    let lex = e.lexicon();
    let mut seen: HashMap<&str, &str> = HashMap::new();
    let mut dups = Vec::new();
    for w in &lex.words {
        for (_, f) in &w.forms {
            if let Some(other) = seen.insert(f.as_str(), w.lemma.as_str()) {
                if other != w.lemma {
                    dups.push(format!("«{f}» in {other} and {}", w.lemma));
                }
            }
        }
    }
    let mut ids = HashSet::new();
    for p in &lex.phrases {
        if !ids.insert(p.id.as_str()) {
            dups.push(format!("phrase id {}", p.id));
        }
    }
    let mut lemmas = HashSet::new();
    for w in &lex.words {
        if !lemmas.insert(w.lemma.as_str()) {
            dups.push(format!("lemma {}", w.lemma));
        }
    }
    assert!(dups.is_empty(), "duplicates:\n{}", dups.join("\n"));
}

#[test]
fn every_entry_has_rationale_and_source() {
    let e = engine();
    let lex = e.lexicon();
    for w in &lex.words {
        assert!(
            w.rationale.len() > 10 && w.rationale_en.len() > 10 && w.source.len() > 5,
            "{}",
            w.lemma
        );
        assert!(
            !w.rationale.ends_with('.'),
            "{}: rationale is a clause without a final period",
            w.lemma
        );
    }
    for p in &lex.phrases {
        assert!(
            p.rationale.len() > 10 && p.rationale_en.len() > 10 && p.source.len() > 5,
            "{}",
            p.id
        );
    }
    assert!(
        lex.words
            .iter()
            .filter(|w| w.rule == Rule::GenderedTerm)
            .count()
            >= 45
    );
    assert!(
        lex.words
            .iter()
            .filter(|w| w.rule == Rule::MasculineCoded)
            .count()
            >= 50
    );
    assert!(
        lex.words
            .iter()
            .filter(|w| w.rule == Rule::FeminineCoded)
            .count()
            >= 50
    );
    assert!(lex.phrases.len() >= 35);
}

#[test]
fn every_form_is_reachable_in_lower_capital_and_upper_case_and_as_a_compound_head() {
    let e = engine();
    let lex = e.lexicon();
    let mut missing = Vec::new();
    for w in &lex.words {
        let before = context(&w.only_after.0)
            .map(|c| format!("{c} "))
            .unwrap_or_default();
        let after = if w.only_after.is_empty() {
            context(&w.only_before.0)
                .map(|c| format!(" {c}"))
                .unwrap_or_default()
        } else {
            String::new()
        };
        for (_, form) in &w.forms {
            if lex.never.contains(form) {
                missing.push(format!(
                    "{}: form «{form}» is on the never-flag list",
                    w.lemma
                ));
                continue;
            }
            let mut cases = vec![form.clone(), form.to_uppercase()];
            if before.is_empty() {
                cases.push(biasvask::text::capitalize(form));
            }
            if w.compound {
                cases.push(format!("bestyrelses{form}"));
            }
            for c in cases {
                let text = format!("{before}{c}{after}.");
                let d = lint(&e, &text);
                let hit = d.iter().any(|d| {
                    d.entry.as_deref() == Some(w.lemma.as_str())
                        && text[d.span.range()].ends_with(&c[c.len().saturating_sub(form.len())..])
                });
                if !hit {
                    missing.push(format!("{}: «{text}» not flagged", w.lemma));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "{} unreachable:\n{}",
        missing.len(),
        missing.join("\n")
    );
}

#[test]
fn every_suggestion_inflects_and_no_suggestion_is_flagged() {
    let e = engine();
    let lex = e.lexicon();
    let mut problems = Vec::new();
    for w in &lex.words {
        // The Danish suggestions and the English ones (`suggest_en`, for English sentences).
        for s in w.suggest.iter().chain(&w.suggest_en) {
            let slots: Vec<Slot> = w
                .forms
                .iter()
                .map(|(s, _)| *s)
                .filter(|s| *s != Slot::None)
                .collect();
            if !slots.is_empty() && !slots.iter().any(|&sl| s.inflect(sl).is_some()) {
                problems.push(format!(
                    "{}: suggestion «{}» fits none of its forms",
                    w.lemma, s.text
                ));
            }
            for &sl in &slots {
                let Some(form) = s.inflect(sl) else { continue };
                for text in [
                    form.clone(),
                    biasvask::text::capitalize(&form),
                    format!("bestyrelses{form}"),
                ] {
                    let flagged: Vec<String> = lint(&e, &text)
                        .iter()
                        .filter(|d| !d.rule.is_ad_level())
                        .map(|d| format!("{} «{}»", d.rule, &text[d.span.range()]))
                        .collect();
                    if !flagged.is_empty() {
                        problems.push(format!(
                            "{}: suggestion «{text}» is flagged: {}",
                            w.lemma,
                            flagged.join(", ")
                        ));
                    }
                }
            }
        }
        // Every form with a slot gets at least one suggestion when the entry has any.
        for list in [&w.suggest, &w.suggest_en] {
            if list.is_empty() {
                continue;
            }
            for (sl, f) in &w.forms {
                if *sl != Slot::None && !list.iter().any(|s| s.inflect(*sl).is_some()) {
                    problems.push(format!("{}: no suggestion fits «{f}»", w.lemma));
                }
            }
        }
    }
    for p in &lex.phrases {
        for s in p.suggest.iter().filter(|s| !s.contains('{')) {
            let flagged: Vec<String> = lint(&e, s)
                .iter()
                .filter(|d| !d.rule.is_ad_level())
                .map(|d| d.rule.to_string())
                .collect();
            if !flagged.is_empty() {
                problems.push(format!(
                    "phrase {}: suggestion «{s}» is flagged: {}",
                    p.id,
                    flagged.join(", ")
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn never_flag_words_and_texts_are_silent() {
    let e = engine();
    let lex = e.lexicon();
    let mut loud = Vec::new();
    for w in &lex.never {
        for text in [w.clone(), biasvask::text::capitalize(w)] {
            let d: Vec<String> = lint(&e, &text)
                .iter()
                .filter(|d| !d.rule.is_ad_level())
                .map(|d| d.rule.to_string())
                .collect();
            if !d.is_empty() {
                loud.push(format!("«{text}»: {}", d.join(", ")));
            }
        }
    }
    for t in &lex.never_texts {
        let d: Vec<String> = lint(&e, t)
            .iter()
            .filter(|d| !d.rule.is_ad_level())
            .map(|d| format!("{} «{}»", d.rule, &t[d.span.range()]))
            .collect();
        if !d.is_empty() {
            loud.push(format!("«{t}»: {}", d.join(", ")));
        }
    }
    assert!(lex.never.len() >= 100 && lex.never_texts.len() >= 40);
    assert!(
        loud.is_empty(),
        "{} flagged:\n{}",
        loud.len(),
        loud.join("\n")
    );
}

#[test]
fn morphology_examples_from_the_issue() {
    let e = engine();
    let cases = [
        ("Bestyrelsesformanden", "Bestyrelsesforpersonen"),
        ("FORMÆND", "FORPERSONER"),
        ("rengøringsdamerne", "rengøringsassistenterne"),
        ("Formændene", "Forpersonerne"),
        ("formands", "forpersons"),
        ("sjakformændenes", "sjakforpersonernes"),
        ("lærerinderne", "lærerne"),
        ("rengøringsdamens", "rengøringsassistentens"),
    ];
    for (input, want) in cases {
        let d = lint(&e, input);
        assert_eq!(d.len(), 1, "{input}: {d:?}");
        assert_eq!(&input[d[0].span.range()], input);
        assert_eq!(d[0].suggestions[0], want, "{input}");
    }
    // æøå as HTML entities
    let src = "<p>Vores reng&oslash;ringsdame og FORM&AElig;ND</p>";
    let d = e.lint(src, Format::Html, &Options::default()).diagnostics;
    let texts: Vec<&str> = d
        .iter()
        .filter(|d| d.rule == Rule::GenderedTerm)
        .map(|d| &src[d.span.range()])
        .collect();
    assert_eq!(texts, ["reng&oslash;ringsdame", "FORM&AElig;ND"]);
}
