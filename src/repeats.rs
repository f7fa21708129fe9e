//! No suggestion may repeat a word of its own sentence: «en udfordrende og spændende stilling»
//! is never fixed to «en spændende og spændende stilling». The engine drops such suggestions
//! when it makes a finding ([`without_repeats`]); `fix` re-exports it.

use crate::diagnostic::Rule;
use crate::options::Lang;

/// Words that never count as a repeated neighbour (too short or too common to read as one).
const MIN_WORD_CHARS: usize = 4;

/// Endings that make two words the same word for [`without_repeats`] (Danish inflection).
const ENDINGS: &[&str] = &[
    "", "e", "t", "s", "n", "en", "et", "er", "es", "ne", "re", "ere", "ers", "est", "este", "ene",
    "erne", "ens", "ets", "ede", "te", "ende",
];

fn same_word(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    // The cheap tests first (the result is the same in any order).
    long.starts_with(short)
        && ENDINGS.contains(&&long[short.len()..])
        && short.chars().count() >= MIN_WORD_CHARS
}

/// The words of `s` of at least [`MIN_WORD_CHARS`] characters: its runs of alphanumeric
/// characters (ASCII told by the byte, the rest decoded), as `s.split(non-alphanumeric)` with
/// the short pieces left out ([`words_reference`]) but read a byte at a time.
fn words(s: &str) -> impl Iterator<Item = &str> {
    let b = s.as_bytes();
    let mut i = 0;
    // The length and alphanumericness of the character at `i`.
    let at = move |i: usize| -> (usize, bool) {
        let x = b[i];
        if x < 0x80 {
            (1, x.is_ascii_alphanumeric())
        } else {
            let c = s[i..].chars().next().unwrap_or(' ');
            (c.len_utf8(), c.is_alphanumeric())
        }
    };
    std::iter::from_fn(move || {
        while i < b.len() {
            let (n, word) = at(i);
            if !word {
                i += n;
                continue;
            }
            let start = i;
            let mut chars = 0;
            while i < b.len() {
                let (n, word) = at(i);
                if !word {
                    break;
                }
                i += n;
                chars += 1;
            }
            if chars >= MIN_WORD_CHARS {
                return Some(&s[start..i]);
            }
        }
        None
    })
}

/// [`words`] as it was written first: the oracle of its test.
#[cfg(test)]
fn words_reference(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= MIN_WORD_CHARS)
}

/// Does `b` end a sentence for [`without_repeats`] (`.`, `!`, `?`, `;`, a line break)? All are
/// ASCII, so a byte search finds what a search by characters finds.
#[cfg(test)]
fn stops(b: &u8) -> bool {
    matches!(b, b'.' | b'!' | b'?' | b';' | b'\n')
}

/// Drop the suggestions that repeat a word of the finding's own sentence (case-insensitively,
/// in any inflection seen: «spændende», «spændendes»), so that «en udfordrende og spændende
/// stilling» is never fixed to «en spændende og spændende stilling». `lower` is the lowercased
/// normalised text; `start..end` the finding in it. The message is rewritten to match.
pub fn without_repeats(
    rule: Rule,
    lang: Lang,
    lower: &str,
    start: usize,
    end: usize,
    suggestions: Vec<String>,
    message: String,
) -> (Vec<String>, String) {
    if suggestions.is_empty() || end > lower.len() || start > end {
        return (suggestions, message);
    }
    let (before, after) = sentence_around(lower, start, end);
    let lowered: Vec<std::borrow::Cow<'_, str>> =
        suggestions.iter().map(|s| lowercased(s)).collect();
    // Two words are the same word (`same_word`) only if both start with the shorter one, which
    // has at least four characters: a suggestion word whose first four characters are nowhere
    // in the sentence repeats none of its words. Most findings are answered by this search
    // alone, without reading the sentence's words.
    let may_repeat = lowered.iter().any(|s| {
        words(s).any(|w| {
            let four = w
                .char_indices()
                .nth(MIN_WORD_CHARS)
                .map_or(w, |(i, _)| &w[..i]);
            memchr::memmem::find(before.as_bytes(), four.as_bytes()).is_some()
                || memchr::memmem::find(after.as_bytes(), four.as_bytes()).is_some()
        })
    });
    if !may_repeat {
        return (suggestions, message);
    }
    drop_repeats(
        rule,
        lang,
        (before, after),
        &suggestions,
        &lowered,
        &message,
    )
    .unwrap_or((suggestions, message))
}

/// The suggestions (`lowered`: each lowercased) without those that repeat a word of `before`
/// or `after`, and `message` rewritten to match; `None` when none repeats one.
fn drop_repeats(
    rule: Rule,
    lang: Lang,
    (before, after): (&str, &str),
    suggestions: &[String],
    lowered: &[impl AsRef<str>],
    message: &str,
) -> Option<(Vec<String>, String)> {
    let neighbours: Vec<&str> = words(before).chain(words(after)).collect();
    if neighbours.is_empty() {
        return None;
    }
    let kept: Vec<String> = suggestions
        .iter()
        .zip(lowered)
        .filter(|(_, s)| !words(s.as_ref()).any(|w| neighbours.iter().any(|n| same_word(w, n))))
        .map(|(s, _)| s.clone())
        .collect();
    if kept.len() == suggestions.len() {
        return None;
    }
    let message = rewrite_advice(rule, lang, message, suggestions, &kept);
    Some((kept, message))
}

/// `s` lowercased, borrowed when it has no uppercase letter (most suggestions).
fn lowercased(s: &str) -> std::borrow::Cow<'_, str> {
    if s.bytes().all(|b| b < 0x80 && !b.is_ascii_uppercase()) {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.to_lowercase())
    }
}

/// The sentence (or list item, or line) around `start..end` of `lower`: the text before it
/// and after it up to a sentence's end (`.`, `!`, `?`, `;`, a line break: all ASCII, so a
/// byte search finds what a search by characters finds), each at most [`REACH`] bytes.
fn sentence_around(lower: &str, start: usize, end: usize) -> (&str, &str) {
    let mut s0 = start.saturating_sub(REACH);
    while !lower.is_char_boundary(s0) {
        s0 += 1;
    }
    let before = &lower[s0..start];
    let before = last_stop(before.as_bytes()).map_or(before, |i| &before[i + 1..]);
    let mut e1 = (end + REACH).min(lower.len());
    while !lower.is_char_boundary(e1) {
        e1 -= 1;
    }
    let after = &lower[end..e1];
    let after = first_stop(after.as_bytes()).map_or(after, |i| &after[..i]);
    (before, after)
}

/// How far [`sentence_around`] reads on each side: long lines are bounded.
const REACH: usize = 400;

/// The position of the last byte of `b` that ends a sentence ([`sentence_around`]).
fn last_stop(b: &[u8]) -> Option<usize> {
    match (
        memchr::memrchr3(b'.', b'!', b'?', b),
        memchr::memrchr2(b';', b'\n', b),
    ) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, y) => x.or(y),
    }
}

/// The position of the first byte of `b` that ends a sentence ([`sentence_around`]).
fn first_stop(b: &[u8]) -> Option<usize> {
    match (
        memchr::memchr3(b'.', b'!', b'?', b),
        memchr::memchr2(b';', b'\n', b),
    ) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    }
}

/// [`without_repeats`] as it was before its quick search for a suggestion's first characters
/// and the byte searches for the sentence's ends: the oracle of its test.
#[cfg(test)]
fn without_repeats_reference(
    rule: Rule,
    lang: Lang,
    lower: &str,
    start: usize,
    end: usize,
    suggestions: Vec<String>,
    message: String,
) -> (Vec<String>, String) {
    if suggestions.is_empty() || end > lower.len() || start > end {
        return (suggestions, message);
    }
    let mut s0 = start.saturating_sub(REACH);
    while !lower.is_char_boundary(s0) {
        s0 += 1;
    }
    let before = &lower[s0..start];
    let before = before
        .as_bytes()
        .iter()
        .rposition(stops)
        .map_or(before, |i| &before[i + 1..]);
    let mut e1 = (end + REACH).min(lower.len());
    while !lower.is_char_boundary(e1) {
        e1 -= 1;
    }
    let after = &lower[end..e1];
    let after = after
        .as_bytes()
        .iter()
        .position(stops)
        .map_or(after, |i| &after[..i]);
    // The words of the sentence compared as before (`drop_repeats`, unchanged); what changed is
    // how the sentence is cut, the quick search and the lowercasing, which this oracle does the
    // old way.
    let lowered: Vec<String> = suggestions.iter().map(|s| s.to_lowercase()).collect();
    drop_repeats(
        rule,
        lang,
        (before, after),
        &suggestions,
        &lowered,
        &message,
    )
    .unwrap_or((suggestions, message))
}

/// The message of a finding with its advice naming `new` instead of `old` suggestions.
fn rewrite_advice(rule: Rule, lang: Lang, message: &str, old: &[String], new: &[String]) -> String {
    use crate::messages::alternatives;
    let (was, now) = (alternatives(old, lang), alternatives(new, lang));
    if !new.is_empty() {
        return message.replacen(&was, &now, 1);
    }
    // No suggestion left: the advice without one.
    let coded = matches!(rule, Rule::MasculineCoded | Rule::FeminineCoded);
    let (old_advice, new_advice) = match (lang, coded) {
        (Lang::Da, true) => (
            format!(" Overvej et neutralt ord som {was}."),
            " Overvej om ordet er nødvendigt, eller beskriv opgaven i stedet.",
        ),
        (Lang::En, true) => (
            format!(" Consider a neutral word such as {was}."),
            " Consider whether the word is needed, or describe the task instead.",
        ),
        (Lang::Da, false) => (
            format!(" Overvej {was}."),
            " Overvej at omformulere kønsneutralt.",
        ),
        (Lang::En, false) => (
            format!(" Consider {was}."),
            " Consider a gender-neutral wording.",
        ),
    };
    message.replacen(&old_advice, new_advice, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_the_words_of_the_split_by_characters() {
        let mut texts: Vec<String> = Vec::new();
        for (_, text) in crate::test_ads::ads(&["tests/realads", "tests/corpus", "examples"]) {
            texts.push(text.to_lowercase());
            texts.push(text);
        }
        // Alphanumerics of other scripts and numerics (², Arabic digits), marks, and
        // punctuation in and between words.
        let alphabet: Vec<char> = "ab1 .-\næøéüß²٣ДжΩ\u{301}\u{FFFD}€—’'x😀".chars().collect();
        texts.extend(crate::test_ads::random_texts(
            &alphabet,
            0..300,
            0x2545_F491_4F6C_DD1Du64,
        ));
        let mut n = 0;
        for t in &texts {
            let got: Vec<&str> = words(t).collect();
            let want: Vec<&str> = words_reference(t).collect();
            n += want.len();
            assert_eq!(got, want, "{t:?}");
        }
        assert!(n > 10_000, "{n}");
    }

    #[test]
    fn same_word_sees_inflection() {
        assert!(same_word("spændende", "spændende"));
        assert!(same_word("stærk", "stærke"));
        assert!(same_word("initiativrige", "initiativrig"));
        assert!(!same_word("for", "forperson"));
        assert!(!same_word("leder", "lederskab"));
    }

    /// The quick search changes no answer: every finding of the repository's ads (in both
    /// languages), and spans all over them with suggestions taken from their own words (in
    /// their case and capitalised, inflected, as phrases, and words of the ad nowhere near),
    /// get what [`without_repeats_reference`] gives.
    #[test]
    fn without_repeats_answers_as_its_reference() {
        let engine = crate::Engine::new().unwrap();
        let mut rng = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = |n: usize| {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            (rng % n.max(1) as u64) as usize
        };
        let (mut calls, mut dropped) = (0, 0);
        for (path, text) in crate::test_ads::ads(&["tests/realads", "tests/corpus", "examples"]) {
            let lower = crate::text::lowercase(&text);
            let doc_words: Vec<&str> = words(&lower).collect();
            if doc_words.is_empty() {
                continue;
            }
            let mut cases: Vec<(usize, usize, Vec<String>, String)> = Vec::new();
            for lang in [Lang::Da, Lang::En] {
                let mut opts = crate::Options::default();
                opts.lang = lang;
                let report = engine.lint(&text, crate::Format::from_path(&path), &opts);
                for d in report.diagnostics {
                    if d.span.end <= lower.len() && text.is_char_boundary(d.span.start) {
                        cases.push((d.span.start, d.span.end, d.suggestions, d.message));
                    }
                }
            }
            for _ in 0..200 {
                let mut at = next(lower.len());
                while !lower.is_char_boundary(at) {
                    at -= 1;
                }
                let mut end = (at + next(12)).min(lower.len());
                while !lower.is_char_boundary(end) {
                    end -= 1;
                }
                let mut sugg = Vec::new();
                for _ in 0..1 + next(4) {
                    let w = doc_words[next(doc_words.len())];
                    sugg.push(match next(5) {
                        0 => format!("{w}ene"),
                        1 => {
                            let mut c = w.chars();
                            c.next()
                                .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
                        }
                        2 => format!("en {w} og {}", doc_words[next(doc_words.len())]),
                        3 => w.chars().take(3).collect(),
                        _ => w.to_string(),
                    });
                }
                let msg = format!(
                    "«x» er maskulint kodet. Overvej et neutralt ord som {}.",
                    crate::messages::alternatives(&sugg, Lang::Da)
                );
                cases.push((at, end, sugg, msg));
            }
            for (s, e, sugg, msg) in cases {
                for rule in [Rule::MasculineCoded, Rule::GenderedTerm] {
                    let got =
                        without_repeats(rule, Lang::Da, &lower, s, e, sugg.clone(), msg.clone());
                    let want = without_repeats_reference(
                        rule,
                        Lang::Da,
                        &lower,
                        s,
                        e,
                        sugg.clone(),
                        msg.clone(),
                    );
                    assert_eq!(got, want, "{} {s}..{e} {sugg:?}", path.display());
                    calls += 1;
                    dropped += usize::from(got.0.len() < sugg.len());
                }
            }
        }
        assert!(
            calls > 50_000 && dropped > 1_000,
            "{calls} calls, {dropped} with a suggestion dropped"
        );
    }

    #[test]
    fn repeats_in_the_same_sentence_are_dropped() {
        let lower = "vi tilbyder en udfordrende og spændende stilling. spændende dage.";
        let s = lower.find("udfordrende").unwrap();
        let (kept, msg) = without_repeats(
            Rule::MasculineCoded,
            Lang::Da,
            lower,
            s,
            s + "udfordrende".len(),
            vec!["spændende".into(), "varieret".into()],
            "«udfordrende» er maskulint kodet. Overvej et neutralt ord som «spændende» eller «varieret».".into(),
        );
        assert_eq!(kept, vec!["varieret".to_string()]);
        assert!(
            msg.ends_with("Overvej et neutralt ord som «varieret»."),
            "{msg}"
        );
    }
}
