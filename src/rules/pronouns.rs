//! `generic-pronoun`: han/ham/hans/hun/hende/hendes about the future employee. A pronoun near
//! a named person or a contact cue ("Kontakt Inge-Lise ... hun kan fortælle") is not generic;
//! nor is "Hans" as a name, or a pronoun inside quotation marks. Binary pairs ("han/hun",
//! "han eller hun") get their own, lower level (`Options::binary_pair_level`).

use super::{apply_case, Ctx, Found};
use crate::diagnostic::{Level, Rule, Severity};
use crate::lexicon::pattern::Tok;
use crate::messages;
use crate::options::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Case {
    Subject,
    Object,
    Possessive,
}

pub(crate) struct Pronoun {
    pub form: &'static str,
    pub case: Case,
    pub masculine: bool,
}

pub(crate) const PRONOUNS: [Pronoun; 6] = [
    Pronoun {
        form: "han",
        case: Case::Subject,
        masculine: true,
    },
    Pronoun {
        form: "ham",
        case: Case::Object,
        masculine: true,
    },
    Pronoun {
        form: "hans",
        case: Case::Possessive,
        masculine: true,
    },
    Pronoun {
        form: "hun",
        case: Case::Subject,
        masculine: false,
    },
    Pronoun {
        form: "hende",
        case: Case::Object,
        masculine: false,
    },
    Pronoun {
        form: "hendes",
        case: Case::Possessive,
        masculine: false,
    },
];

/// Words that show the pronoun is about a named contact, not the applicant.
const CONTACT_CUES: [&str; 14] = [
    "kontakt",
    "kontakte",
    "kontaktperson",
    "kontaktpersonen",
    "spørgsmål",
    "ring",
    "ringe",
    "henvend",
    "henvendelse",
    "oplysninger",
    "telefon",
    "tlf",
    "mail",
    "e-mail",
];

fn suggestions(case: Case) -> [&'static str; 2] {
    match case {
        Case::Subject => ["du", "vedkommende"],
        Case::Object => ["dig", "vedkommende"],
        Case::Possessive => ["din", "vedkommendes"],
    }
}

pub(crate) fn check(ctx: &Ctx<'_>, hits: Vec<(u8, usize, usize)>, out: &mut Vec<Found>) {
    if !ctx.options.enabled(Rule::GenericPronoun) {
        return;
    }
    let mut consumed_until = 0usize;
    for (p, s, e) in hits {
        if s < consumed_until {
            continue;
        }
        let pr = &PRONOUNS[p as usize];
        // From the start of the previous sentence (for a named contact) to two words after
        // (for a binary pair).
        let from = super::sentence_start(ctx.text, s, 3, 500);
        let toks = super::window2(ctx, s, e, s - from, 24);
        let Some(i) = toks.iter().position(|t| t.start == s) else {
            continue;
        };
        let original = &ctx.text[s..e];
        if is_name(ctx.text, &toks, i, original)
            || in_quotes(ctx.text, &toks, i)
            || near_named_person(ctx.text, &toks, i)
            || !about_the_job(&toks, i)
            || narrative(&toks, i)
        {
            continue;
        }
        // A binary pair: "han/hun", "han / hun", "han eller hun", "ham el. hende".
        if let Some(j) = pair_end(ctx.text, &toks, i, pr) {
            consumed_until = toks[j].end;
            let level = ctx.options.binary_pair_level;
            let Level::On(sev) = level else { continue };
            let text = &ctx.text[s..toks[j].end];
            push(ctx, out, s, toks[j].end, text, pr.case, sev, true);
            continue;
        }
        push(ctx, out, s, e, original, pr.case, Severity::Warning, false);
    }
}

#[allow(clippy::too_many_arguments)]
fn push(
    ctx: &Ctx<'_>,
    out: &mut Vec<Found>,
    start: usize,
    end: usize,
    text: &str,
    case: Case,
    severity: Severity,
    pair: bool,
) {
    let first_word = text
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or(text);
    let suggestions: Vec<String> = suggestions(case)
        .iter()
        .map(|s| apply_case(first_word, s))
        .collect();
    let lang = ctx.options.lang;
    let rationale = match (pair, lang) {
        (false, Lang::Da) => "ansøgere læser stillingen som tænkt til et bestemt køn",
        (false, Lang::En) => "applicants read the job as meant for one gender",
        (true, Lang::Da) => "parret er kønsneutralt ment, men tungt og binært",
        (true, Lang::En) => "the pair is meant neutrally but is heavy and binary",
    };
    out.push(Found {
        rule: Rule::GenericPronoun,
        severity,
        start,
        end,
        message: messages::finding(Rule::GenericPronoun, lang, text, rationale, &suggestions),
        suggestions,
        entry: Some(if pair { "binary-pair".to_string() } else { crate::text::lowercase(text) }),
        note: Some(messages::note(
            lang,
            "Københavns Kommune 2022; AU Health: retningslinjer for kønsneutralt sprog; Dansk Sprognævn 2024",
        )),
    });
}

/// "Hans" as a first name: capitalised and not sentence-initial, or followed by a capitalised word.
fn is_name(text: &str, toks: &[Tok], i: usize, original: &str) -> bool {
    if !original.starts_with(char::is_uppercase) {
        return false;
    }
    if toks[i].lower == "hans" {
        let next_cap = toks
            .get(i + 1)
            .is_some_and(|t| !t.brk && text[t.start..].starts_with(char::is_uppercase));
        return !toks[i].brk || next_cap;
    }
    // "Hun"/"Han" capitalised mid-sentence is odd but not a name.
    false
}

/// Inside a quotation: an odd number of quote marks between the sentence start and the pronoun.
fn in_quotes(text: &str, toks: &[Tok], i: usize) -> bool {
    let mut s = i;
    while s > 0 && !toks[s].brk {
        s -= 1;
    }
    let seg = &text[toks[s].start..toks[i].start];
    let straight = seg.matches('"').count();
    let open = seg.matches(['«', '“', '„']).count();
    let close = seg.matches(['»', '”']).count();
    straight % 2 == 1 || open > close
}

/// A named person or a contact cue in this sentence (before the pronoun) or the one before.
fn near_named_person(text: &str, toks: &[Tok], i: usize) -> bool {
    // Start of the previous sentence.
    let mut s = i;
    let mut breaks = 0;
    while s > 0 {
        if toks[s].brk {
            breaks += 1;
            if breaks == 2 {
                break;
            }
        }
        s -= 1;
    }
    toks[s..i].iter().enumerate().any(|(k, t)| {
        let cue = CONTACT_CUES.iter().any(|c| t.lower == *c) || t.lower.starts_with("kontakt");
        let cap = |t: &Tok| {
            t.kind == crate::lexicon::pattern::TokKind::Word
                && crate::text::Case::of(&text[t.start..t.end]) == crate::text::Case::Capital
        };
        // A person is named by a full name: two Capitalised words in a row ("Dorthe
        // Lauridsen", "Hans Lindholt"); a single one is as often a place or a firm ("Aarhus").
        // A single first name counts after a contact cue (handled by `cue` above).
        let proper = cap(t) && toks.get(s + k + 1).is_some_and(|n| !n.brk && cap(n));
        cue || proper
    })
}

/// Words that show a sentence is about the future employee: modal and future verbs and the
/// words for the applicant ("Han skal kunne ...", "hun får ansvar for ...").
const JOB_CUES: [&str; 23] = [
    "søger",
    "skal",
    "skulle",
    "vil",
    "ville",
    "kan",
    "kunne",
    "får",
    "bliver",
    "blive",
    "forventes",
    "forventer",
    "må",
    "bør",
    "ønskes",
    "søges",
    "ansættes",
    "ansøger",
    "ansøgeren",
    "kandidat",
    "kandidaten",
    "medarbejderen",
    "stillingen",
];

/// Is the pronoun's sentence about the job (a modal/future verb or a word for the applicant)?
/// Narrative sentences ("vores dagplejemor går på pension, og vi overtager hendes børn") are not.
fn about_the_job(toks: &[Tok], i: usize) -> bool {
    let mut s = i;
    while s > 0 && !toks[s].brk {
        s -= 1;
    }
    let mut e = i + 1;
    while e < toks.len() && !toks[e].brk {
        e += 1;
    }
    toks[s..e]
        .iter()
        .any(|t| JOB_CUES.contains(&t.lower.as_ref()))
}

/// Past-tense verbs that tell a story about someone ("vores gamle VVS-mand, da han gik på
/// pension"); the future employee is described in the present or future.
const PAST: [&str; 18] = [
    "gik", "var", "havde", "kom", "blev", "fik", "sagde", "tog", "holdt", "fandt", "valgte",
    "døde", "så", "stod", "gav", "bad", "slap", "skrev",
];

/// Is the pronoun the subject of a past-tense verb, or in a "da ..." (when, in the past) clause?
fn narrative(toks: &[Tok], i: usize) -> bool {
    let prev_da = i > 0 && !toks[i].brk && toks[i - 1].lower == "da";
    let next_past = toks.get(i + 1).filter(|t| !t.brk).is_some_and(|t| {
        let w: &str = &t.lower;
        PAST.contains(&w) || (w.len() > 5 && w.ends_with("ede"))
    });
    prev_da || next_past
}

/// The index of the second pronoun of a binary pair starting at `i`, if any.
fn pair_end(text: &str, toks: &[Tok], i: usize, pr: &Pronoun) -> Option<usize> {
    let other = |t: &Tok| {
        PRONOUNS
            .iter()
            .any(|q| q.form == t.lower && q.masculine != pr.masculine && q.case == pr.case)
    };
    let next = toks.get(i + 1).filter(|t| !t.brk)?;
    let gap = &text[toks[i].end..next.start];
    if gap.trim() == "/" && other(next) {
        return Some(i + 1);
    }
    if gap.trim().is_empty() && (next.lower == "eller" || next.lower == "el") {
        let third = toks.get(i + 2).filter(|t| !t.brk)?;
        if other(third) {
            return Some(i + 2);
        }
    }
    None
}
