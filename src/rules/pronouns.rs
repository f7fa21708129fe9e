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

/// English binary pairs (ads of Danish employers written in English, university boilerplate: «his/her
/// assessment», «If an assistant professor is appointed, he/she will ...»), matched as literals
/// by the engine's automaton. A pair is always generic, so no context is read. Like «han/hun»
/// they get the binary-pair level. Possessive, object and reflexive pairs suggest the singular
/// «their»/«them»/«themselves»; a subject pair gets no suggestion, since «they» would need a
/// different verb form («he/she is» -> «they are»): the message asks for a rephrase.
pub(crate) const EN_PAIRS: [(&str, EnCase); 24] = [
    ("he/she", EnCase::Subject),
    ("she/he", EnCase::Subject),
    ("he / she", EnCase::Subject),
    ("he or she", EnCase::Subject),
    ("she or he", EnCase::Subject),
    ("s/he", EnCase::Subject),
    ("(s)he", EnCase::Subject),
    ("his/her", EnCase::Possessive),
    ("her/his", EnCase::Possessive),
    ("his / her", EnCase::Possessive),
    ("his or her", EnCase::Possessive),
    ("her or his", EnCase::Possessive),
    ("his/hers", EnCase::Possessive),
    ("him/her", EnCase::Object),
    ("her/him", EnCase::Object),
    ("him or her", EnCase::Object),
    ("her or him", EnCase::Object),
    ("him/herself", EnCase::Reflexive),
    ("her/himself", EnCase::Reflexive),
    ("himself/herself", EnCase::Reflexive),
    ("herself/himself", EnCase::Reflexive),
    ("himself or herself", EnCase::Reflexive),
    ("herself or himself", EnCase::Reflexive),
    ("him- or herself", EnCase::Reflexive),
];

/// Why a binary pair («han/hun», «his/her») is a hint, for both languages' pairs.
const PAIR_DA: &str = "parret er kønsneutralt ment, men tungt og binært";
const PAIR_EN: &str = "the pair is meant neutrally but is heavy and binary";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EnCase {
    Subject,
    Possessive,
    Object,
    Reflexive,
}

/// The English pairs found by the automaton (index into [`EN_PAIRS`], byte span).
pub(crate) fn check_english_pairs(
    ctx: &Ctx<'_>,
    hits: Vec<(u8, usize, usize)>,
    out: &mut Vec<Found>,
) {
    if !ctx.options.enabled(Rule::GenericPronoun) {
        return;
    }
    let Level::On(severity) = ctx.options.binary_pair_level else {
        return;
    };
    let mut consumed_until = 0usize;
    for (p, s, e) in hits {
        if s < consumed_until {
            continue;
        }
        consumed_until = e;
        let text = &ctx.text[s..e];
        let suggestions: Vec<String> = match EN_PAIRS[p as usize].1 {
            EnCase::Subject => Vec::new(),
            EnCase::Possessive => vec![apply_case(text, "their")],
            EnCase::Object => vec![apply_case(text, "them")],
            EnCase::Reflexive => vec![apply_case(text, "themselves")],
        };
        let lang = ctx.options.lang;
        let rationale = match (suggestions.is_empty(), lang) {
            (false, Lang::Da) => PAIR_DA.to_string(),
            (false, Lang::En) => PAIR_EN.to_string(),
            (true, Lang::Da) => format!(
                "{PAIR_DA}; skriv sætningen om med «you» eller «they» (og verbets flertalsform)"
            ),
            (true, Lang::En) => {
                format!("{PAIR_EN}; rephrase with «you» or «they» (and the verb's plural form)")
            }
        };
        out.push(Found {
            rule: Rule::GenericPronoun,
            severity,
            start: s,
            end: e,
            message: messages::finding(Rule::GenericPronoun, lang, text, &rationale, &suggestions),
            suggestions,
            entry: Some("binary-pair".to_string()),
            note: Some(messages::note(
                lang,
                "APA Style: singular they; Linguistic Society of America: Guidelines for Inclusive Language",
            )),
        });
    }
}

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
        // Back over the previous sentences (for a named contact), on to the end of a short
        // sentence (for a pair, or "Hun er en kvinde på 64 år").
        // Sentence breaks come from the tokens (`brk`), which keep "kl. 7" and "eksempel.dk"
        // inside a sentence.
        let toks = super::window2(ctx, s, e, 360, 120);
        let Some(i) = toks.iter().position(|t| t.start == s) else {
            continue;
        };
        let original = &ctx.text[s..e];
        if is_name(ctx.text, &toks, i, original)
            || in_quotes(ctx.text, &toks, i)
            || near_named_person(ctx.text, &toks, i)
            || about_a_person_named_by_sex_or_served(&toks, i)
            // An object pronoun ("ham", "hende") is about the person sought only right after
            // that person is introduced; a modal verb near it says nothing of who it is ("Vi
            // søger en afløser for vores kok, Peter. Vi vil savne ham.").
            || !((pr.case != Case::Object
                && about_the_job(&toks, i)
                && !role_antecedent(ctx.text, &toks, i))
                || describes_the_employee(ctx.text, &toks, i, pr))
            || narrative(&toks, i)
            || after_speech_verb(&toks, i)
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
        (true, Lang::Da) => PAIR_DA,
        (true, Lang::En) => PAIR_EN,
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
    // From the opening mark right before the sentence's first word ("»Han er ...") on.
    let gap_start = if s > 0 {
        toks[s - 1].end
    } else {
        super::floor_boundary(text, toks[s].start.saturating_sub(4))
    };
    let gap = &text[gap_start..toks[s].start];
    let lead = gap
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(gap_start, |(w, c)| gap_start + w + c.len_utf8());
    let seg = &text[lead..toks[i].start];
    let straight = seg.matches('"').count();
    // Guillemets open either way («...» and the Danish »...«): count them by parity.
    let guillemets = seg.matches(['«', '»']).count();
    let open = seg.matches(['“', '„']).count();
    let close = seg.matches('”').count();
    straight % 2 == 1 || guillemets % 2 == 1 || open > close
}

/// The first token of the sentence before the one holding token `i` (or 0).
fn previous_sentence_start(toks: &[Tok], i: usize) -> usize {
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
    s
}

/// A named person or a contact cue in this sentence (before the pronoun) or the one before.
fn near_named_person(text: &str, toks: &[Tok], i: usize) -> bool {
    let s = previous_sentence_start(toks, i);
    toks[s..i].iter().enumerate().any(|(k, t)| {
        let cue = CONTACT_CUES.contains(&t.lower) || t.lower.starts_with("kontakt");
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
const JOB_CUES: [&str; 24] = [
    "søger",
    "forestiller",
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
    let sent = super::sentence(toks, i);
    sent.iter()
        .enumerate()
        .any(|(k, t)| JOB_CUES.contains(&t.lower) && !wish(sent, k))
}

/// Is token `k` the modal of a wish or a liking ("vil gerne", "vil hun helst", "kan godt lide",
/// "kunne lide")? It tells what someone wants or likes, not what the job asks: in a listing for
/// a care job the person is the one served ("Måske vil hun gerne handle efterfølgende"); the
/// applicant is told «du vil gerne».
fn wish(sent: &[Tok], k: usize) -> bool {
    let next = |n: usize| {
        sent[k + 1..]
            .iter()
            .take_while(|t| !t.brk)
            .take(n)
            .map(|t| t.lower)
            .collect::<Vec<&str>>()
    };
    match sent[k].lower {
        "vil" | "ville" => next(2).iter().any(|w| matches!(*w, "gerne" | "helst")),
        "kan" | "kunne" => next(3).contains(&"lide"),
        _ => false,
    }
}

/// Words that introduce the person being sought: the pronoun that follows describes the
/// future employee ("Vi søger en sælger. Han er udadvendt", "Den rette kandidat ... Hun har").
const APPLICANT_CUES: [&str; 16] = [
    "søger",
    "søges",
    "ansætter",
    "ansættes",
    "efterlyser",
    "mangler",
    "ny",
    "nye",
    "rette",
    "ansøger",
    "ansøgeren",
    "kandidat",
    "kandidaten",
    "medarbejderen",
    "stillingen",
    "jobbet",
];

/// Heads of words for people already at the workplace; a pronoun whose nearest antecedent is
/// one of them is about that person ("Du refererer til afdelingslederen. Hun har ansvaret").
/// They count in the definite form (`lederen`, `køkkenchefen`) or after a possessive or
/// "fast"/"nærmeste" ("vores direktør", "en fast mentor"); "en leder" may be the post itself.
const OTHER_HEADS: [&str; 12] = [
    "leder",
    "chef",
    "direktør",
    "ejer",
    "indehaver",
    "mester",
    "mentor",
    "makker",
    "formand",
    "forperson",
    "kontaktperson",
    "koordinator",
];

/// Words before a person noun that make it someone already there.
const OTHER_DETERMINERS: [&str; 8] = [
    "vores",
    "vor",
    "jeres",
    "din",
    "fast",
    "faste",
    "nærmeste",
    "egen",
];

/// People who are never the one being hired: "du får en makker. Han viser dig rundt".
const ALWAYS_OTHER: [&str; 4] = ["mentor", "makker", "kontaktperson", "følgesvend"];

/// Places and groups after a possessive ("til vores team"): not a person.
const PLACES: [&str; 24] = [
    "team",
    "afdeling",
    "butik",
    "virksomhed",
    "firma",
    "kontor",
    "lager",
    "køkken",
    "restaurant",
    "hotel",
    "hus",
    "værksted",
    "kunde",
    "klinik",
    "skole",
    "institution",
    "børnehave",
    "vuggestue",
    "byggeplads",
    "projekt",
    "hold",
    "gruppe",
    "organisation",
    "forretning",
];

/// Words that mark someone other than the applicant by themselves.
const OTHER_CUES: [&str; 5] = ["nuværende", "tidligere", "afgående", "forrige", "forgænger"];

/// A person named by sex (any form) or one the job serves (definite singular, as a specific
/// person is named: "borgeren", "beboerens"): as the nearest antecedent ("en 57-årig mandlig
/// autist, han har brug for ..."), the pronoun is about that person. The future employee is not
/// introduced by sex.
const SEX_NOUNS: [&str; 6] = ["mand", "kvinde", "dreng", "pige", "herre", "dame"];
const SEX_ADJECTIVES: [&str; 2] = ["mandlig", "kvindelig"];
const SERVED_DEFINITE: [&str; 6] = [
    "borgeren",
    "beboeren",
    "brugeren",
    "patienten",
    "klienten",
    "barnet",
];

fn is_sex_noun(w: &str) -> bool {
    let w = w.strip_suffix('s').unwrap_or(w);
    w == "mænd"
        || w == "mændene"
        || SEX_NOUNS.iter().chain(&SEX_ADJECTIVES).any(|n| {
            w.strip_prefix(n)
                .is_some_and(|rest| matches!(rest, "" | "en" | "n" | "e" | "er" | "erne"))
        })
}

fn is_person_noun(w: &str) -> bool {
    is_sex_noun(w) || SERVED_DEFINITE.contains(&w.strip_suffix('s').unwrap_or(w))
}

/// The descriptive present about the future employee, with no job cue in the sentence ("Vi
/// søger en sælger. Han er udadvendt.", "Hun refererer til direktøren."): a subject pronoun
/// opening a sentence or a clause, followed by a present-tense verb (or a possessive opening a
/// sentence: "Hans arbejdsdag starter kl. 6"), whose nearest antecedent in this sentence or the
/// previous one is the applicant or nobody in particular, not a person already there.
fn describes_the_employee(text: &str, toks: &[Tok], i: usize, pr: &Pronoun) -> bool {
    // "Vi søger en ny tømrer. Vi glæder os til at møde ham.": an object pronoun right after
    // the person sought is introduced, with no one else named in between.
    // The same for a subject pronoun whose verb is a wish or a liking ("Vi søger en ny tømrer.
    // Han vil gerne ..."): with no one sought just before, it is about someone else.
    let wishes =
        pr.case == Case::Subject && toks.get(i + 1).is_some_and(|t| !t.brk) && wish(toks, i + 1);
    if pr.case == Case::Object || wishes {
        return toks[previous_sentence_start(toks, i)..i]
            .iter()
            .any(|t| APPLICANT_CUES.contains(&t.lower))
            && !other_antecedent(text, toks, i);
    }
    let opens = toks[i].brk
        || i == 0
        || matches!(
            toks[i - 1].lower,
            "og" | "men" | "så" | "fordi" | "hvis" | "når" | "hvor" | "at"
        );
    if !opens {
        return false;
    }
    // The verb follows the pronoun, or the pair ("Han/hun er udadvendt").
    let last = pair_end(text, toks, i, pr).unwrap_or(i);
    let shape = match pr.case {
        Case::Subject => toks.get(last + 1).filter(|t| !t.brk).is_some_and(|t| {
            let w: &str = t.lower;
            t.kind == crate::lexicon::pattern::TokKind::Word
                && !PAST.contains(&w)
                && w.len() > 1
                && (w.ends_with('r') || w.ends_with("es"))
                && !matches!(
                    w,
                    "der" | "her" | "hver" | "eller" | "efter" | "mener" | "hedder"
                )
        }),
        Case::Possessive => toks[i].brk,
        Case::Object => false,
    };
    shape && !other_antecedent(text, toks, i)
}

/// Is the pronoun about someone named by sex or served by the job: such a person before it (in
/// its sentence or the previous one) or after it in its sentence?
fn about_a_person_named_by_sex_or_served(toks: &[Tok], i: usize) -> bool {
    toks[previous_sentence_start(toks, i)..i]
        .iter()
        .any(|t| is_person_noun(t.lower))
        || predicate_person(toks, i)
}

/// Does the pronoun's sentence say who the person is, by sex, with a singular noun after "er"
/// ("Han er en frisk, glad og nysgerrig mand", "Hun er en kvinde på 64 år"; not "Han er god
/// til at lege med drenge og piger")?
fn predicate_person(toks: &[Tok], i: usize) -> bool {
    let mut rest = toks[i + 1..].iter().take_while(|t| !t.brk);
    rest.next().is_some_and(|t| matches!(t.lower, "er" | "var"))
        && rest.any(|t| t.lower == "fyr" || SEX_NOUNS.contains(&t.lower))
}

/// Prepositions before a capitalised word that make it a place or a firm ("til Aarhus").
const PLACE_PREPOSITIONS: [&str; 9] = [
    "til", "i", "på", "fra", "hos", "ved", "for", "mod", "omkring",
];

/// Is the nearest person named before the pronoun (in its sentence or the previous one)
/// someone other than the applicant? A capitalised word inside a sentence counts as a name
/// ("Mød din nye kollega Mette. Hun er ..."), unless a preposition makes it a place.
fn other_antecedent(text: &str, toks: &[Tok], i: usize) -> bool {
    nearest_other(text, toks, i, false)
}

/// Is the nearest antecedent before the pronoun (in its sentence or the previous one) a person
/// already at the workplace, named by role: a definite head ("afdelingslederen"), a head after a
/// possessive or "fast"/"nærmeste" ("vores direktør", "din nærmeste leder"), a mentor or a
/// makker, or a cue such as "nuværende"? Then a modal or future verb in the pronoun's sentence
/// tells what that person does, not what the job asks ("Du refererer til vores direktør, og han
/// forventer ...", "Du får en fast mentor. Hun vil vise dig rundt"). Stricter than
/// [`other_antecedent`]: no capitalised word counts as a name and no other noun after a
/// possessive, so "Vi søger en ny SOSU-assistent. Hun skal ..." stays about the applicant; a word
/// for the applicant met first ("søger", "ny", "kandidaten") ends the search.
fn role_antecedent(text: &str, toks: &[Tok], i: usize) -> bool {
    nearest_other(text, toks, i, true)
}

/// The walk behind [`other_antecedent`] and [`role_antecedent`]: back from the pronoun to the
/// start of the previous sentence, a word for the applicant ends it (no), a word for someone
/// else (yes). `by_role` keeps only the people named by a role word.
fn nearest_other(text: &str, toks: &[Tok], i: usize, by_role: bool) -> bool {
    for k in (previous_sentence_start(toks, i)..i).rev() {
        let t = &toks[k];
        let w: &str = t.lower;
        if APPLICANT_CUES.contains(&w) {
            return false;
        }
        if OTHER_CUES.contains(&w) || ALWAYS_OTHER.iter().any(|h| w.starts_with(h)) {
            return true;
        }
        let head = OTHER_HEADS.iter().any(|h| w.ends_with(h));
        let definite = OTHER_HEADS.iter().any(|h| {
            w.strip_suffix("en")
                .or_else(|| w.strip_suffix('n'))
                .is_some_and(|stem| stem.ends_with(h))
        });
        let after_possessive = k > 0
            && !t.brk
            && t.kind == crate::lexicon::pattern::TokKind::Word
            && OTHER_DETERMINERS.contains(&toks[k - 1].lower);
        // "vores direktør", "en fast mentor"; after a possessive (unless by role) any word but
        // a place or a group ("vores kok" is someone there, "vores team" is not a person)
        let determined = after_possessive
            && (head
                || (!by_role
                    && !matches!(toks[k - 1].lower, "fast" | "faste" | "nærmeste" | "egen")
                    && !PLACES.iter().any(|p| w.starts_with(p))));
        if definite || determined {
            return true;
        }
        let named = !by_role
            && t.kind == crate::lexicon::pattern::TokKind::Word
            && !t.brk
            && k > 0
            && text[t.start..].starts_with(char::is_uppercase)
            && (!PLACE_PREPOSITIONS.contains(&toks[k - 1].lower) || stands_in_for(toks, k));
        if named {
            return true;
        }
    }
    false
}

/// Is the capitalised word at `k` the person someone stands in for («en afløser for Inge», «vikar
/// for Mette»): «for» after a word for a stand-in makes it a person, not a place or a firm.
fn stands_in_for(toks: &[Tok], k: usize) -> bool {
    k >= 2
        && toks[k - 1].lower == "for"
        && !toks[k - 1].brk
        && ["afløser", "vikar", "erstatning"]
            .iter()
            .any(|w| toks[k - 2].lower.ends_with(w))
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
        let w: &str = t.lower;
        PAST.contains(&w) || (w.len() > 5 && w.ends_with("ede"))
    });
    prev_da || next_past
}

/// Verbs of saying that put the speaker after them: «…, siger hun», «fortæller han».
const SPEECH_VERBS: [&str; 22] = [
    "siger",
    "sagde",
    "fortæller",
    "fortalte",
    "forklarer",
    "forklarede",
    "understreger",
    "understregede",
    "tilføjer",
    "tilføjede",
    "uddyber",
    "uddybede",
    "påpeger",
    "påpegede",
    "svarer",
    "svarede",
    "lyder",
    "lød",
    "mener",
    "mente",
    "skriver",
    "skrev",
];

/// Is the pronoun the speaker of a quotation, right after a verb of saying («"Vi søger en
/// pædagog, som kan løfte opgaven," siger hun»)? An article or a press text quoting an ad names
/// the person who speaks, not the one sought (a sweep of quoted ads, 2026-12-03).
fn after_speech_verb(toks: &[Tok], i: usize) -> bool {
    i > 0 && !toks[i].brk && SPEECH_VERBS.contains(&toks[i - 1].lower)
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

/// English personal pronouns, for a generic «he»/«she» about the future employee in an English
/// sentence («The successful candidate will bring his experience», «Each employee must bring his
/// own tools»). Only in an English sentence (Danish «her» is «here»), and only when the nearest
/// person before the pronoun is a word for the applicant: a name, a person already there (the CEO,
/// a manager, the founder, a customer) or nobody at all leaves it alone. A false alarm costs more
/// than a miss here.
pub(crate) const EN_PRONOUNS: [(&str, EnCase); 8] = [
    ("he", EnCase::Subject),
    ("she", EnCase::Subject),
    ("him", EnCase::Object),
    ("his", EnCase::Possessive),
    ("her", EnCase::Possessive),
    ("hers", EnCase::Possessive),
    ("himself", EnCase::Reflexive),
    ("herself", EnCase::Reflexive),
];

/// Words for the person sought, or for any employee in general («each employee»).
const EN_APPLICANT: [&str; 16] = [
    "candidate",
    "applicant",
    "appointee",
    "jobholder",
    "postholder",
    "incumbent",
    "hire",
    "employee",
    "person",
    "individual",
    "trainee",
    "apprentice",
    "intern",
    "newcomer",
    "recruit",
    "worker",
];

/// People who are not the one being hired: roles already there, the people the job serves, and
/// words for one sex (a named man is someone in particular).
const EN_OTHER: [&str; 47] = [
    "ceo",
    "cfo",
    "cto",
    "coo",
    "manager",
    "director",
    "founder",
    "owner",
    "head",
    "chief",
    "leader",
    "lead",
    "supervisor",
    "mentor",
    "buddy",
    "boss",
    "chairman",
    "chair",
    "president",
    "dean",
    "professor",
    "coordinator",
    "partner",
    "customer",
    "client",
    "patient",
    "child",
    "boy",
    "girl",
    "man",
    "woman",
    "user",
    "resident",
    "citizen",
    "father",
    "mother",
    "son",
    "daughter",
    "husband",
    "wife",
    "student",
    "colleague",
    "predecessor",
    "contact",
    "guest",
    "member",
    "researcher",
];

/// Words near a pronoun that make it about a contact person («For questions, contact ...; he
/// can tell you more»).
const EN_CONTACT: [&str; 9] = [
    "contact",
    "questions",
    "question",
    "call",
    "phone",
    "email",
    "e-mail",
    "mail",
    "reach",
];

/// Past-tense verbs: a pronoun before one tells a story about someone.
const EN_PAST: [&str; 20] = [
    "was", "were", "had", "did", "came", "went", "joined", "founded", "started", "left", "became",
    "took", "built", "grew", "made", "said", "told", "won", "got", "held",
];

/// Modal verbs after a subject pronoun: «they» takes the same verb form («he will» -> «they
/// will»), so the fix is safe.
const EN_MODALS: [&str; 9] = [
    "will", "would", "must", "should", "can", "could", "may", "might", "shall",
];

/// Words after «her»/«his» that show it is no possessive before a noun («give her a call»).
const EN_NOT_NOUN: [&str; 28] = [
    "to", "and", "or", "with", "in", "on", "at", "for", "from", "as", "by", "the", "a", "an",
    "that", "this", "if", "when", "about", "into", "up", "out", "through", "is", "are", "will",
    "can", "who",
];

/// Who the nearest person before token `i` (in its sentence or the previous one) is.
#[derive(PartialEq)]
enum Antecedent {
    Applicant,
    Other,
    Nobody,
}

fn en_antecedent(text: &str, toks: &[Tok], i: usize) -> Antecedent {
    for k in (previous_sentence_start(toks, i)..i).rev() {
        let t = &toks[k];
        // «the candidate's» is the candidate
        let w: &str = t.lower.strip_suffix("'s").unwrap_or(t.lower);
        let prev = (k > 0 && !t.brk).then(|| toks[k - 1].lower);
        // «new colleague», «new team member»: the person sought
        if (w == "colleague" || w == "member") && matches!(prev, Some("new")) {
            return Antecedent::Applicant;
        }
        if (w == "member" || w == "colleague")
            && k > 1
            && toks[k - 1].lower == "team"
            && toks[k - 2].lower == "new"
        {
            return Antecedent::Applicant;
        }
        if EN_OTHER.contains(&w) || PRONOUN_OTHERS.contains(&w) {
            return Antecedent::Other;
        }
        if EN_APPLICANT.contains(&w) {
            // «contact person», «our worker» are someone there
            if matches!(
                prev,
                Some("contact" | "our" | "your" | "my" | "his" | "her")
            ) {
                return Antecedent::Other;
            }
            return Antecedent::Applicant;
        }
        // A name or a firm: a Capitalised word inside a sentence, not after a preposition.
        let named = t.kind == crate::lexicon::pattern::TokKind::Word
            && !t.brk
            && k > 0
            && text[t.start..].starts_with(char::is_uppercase)
            && !matches!(
                toks[k - 1].lower,
                "in" | "at" | "of" | "for" | "from" | "to" | "with" | "by" | "on" | "as"
            );
        if named {
            return Antecedent::Other;
        }
    }
    Antecedent::Nobody
}

/// Other pronouns for someone in particular before the one found («I», «we» are the writer).
const PRONOUN_OTHERS: [&str; 3] = ["i", "me", "my"];

pub(crate) fn check_english(ctx: &Ctx<'_>, hits: Vec<(u8, usize, usize)>, out: &mut Vec<Found>) {
    if !ctx.options.enabled(Rule::GenericPronoun) {
        return;
    }
    for (p, s, e) in hits {
        let toks = super::window2(ctx, s, e, 400, 120);
        let Some(i) = toks.iter().position(|t| t.start == s) else {
            continue;
        };
        if !super::english_at(&toks, i) || in_quotes(ctx.text, &toks, i) {
            continue;
        }
        let next = toks.get(i + 1).filter(|t| !t.brk);
        let next_word = next.map(|t| t.lower).unwrap_or("");
        let (form, case) = EN_PRONOUNS[p as usize];
        // A story about someone: «he joined us in 2010», «she has been with us for years».
        let after_next = toks.get(i + 2).filter(|t| !t.brk).map(|t| t.lower);
        if case == EnCase::Subject
            && (EN_PAST.contains(&next_word)
                || (next_word.len() > 4 && next_word.ends_with("ed"))
                || (matches!(next_word, "has" | "have") && after_next == Some("been")))
        {
            continue;
        }
        let contact = toks[previous_sentence_start(&toks, i)..toks.len().min(i + 12)]
            .iter()
            .take_while(|t| t.start < s || !t.brk)
            .any(|t| EN_CONTACT.contains(&t.lower));
        if contact || en_antecedent(ctx.text, &toks, i) != Antecedent::Applicant {
            continue;
        }
        let original = &ctx.text[s..e];
        let noun_next = next.is_some_and(|t| {
            t.kind == crate::lexicon::pattern::TokKind::Word
                && !EN_NOT_NOUN.contains(&t.lower)
                && ctx.text[e..t.start].trim().is_empty()
        });
        let replacement = match (form, case) {
            (_, EnCase::Subject) if EN_MODALS.contains(&next_word) => Some("they"),
            (_, EnCase::Subject) => None,
            (_, EnCase::Reflexive) => Some("themselves"),
            ("hers", _) => Some("theirs"),
            ("her" | "his", _) if noun_next => Some("their"),
            ("his", _) => Some("theirs"),
            _ => Some("them"),
        };
        let suggestions: Vec<String> = replacement
            .map(|r| vec![apply_case(original, r)])
            .unwrap_or_default();
        let lang = ctx.options.lang;
        let rationale = match (suggestions.is_empty(), lang) {
            (false, Lang::Da) => "ansøgere læser stillingen som tænkt til et bestemt køn".to_string(),
            (false, Lang::En) => "applicants read the job as meant for one gender".to_string(),
            (true, Lang::Da) => "ansøgere læser stillingen som tænkt til et bestemt køn; skriv sætningen om med «you» eller «they» (og verbets flertalsform)".to_string(),
            (true, Lang::En) => "applicants read the job as meant for one gender; rephrase with «you» or «they» (and the verb's plural form)".to_string(),
        };
        out.push(Found {
            rule: Rule::GenericPronoun,
            severity: Severity::Warning,
            start: s,
            end: e,
            message: messages::finding(Rule::GenericPronoun, lang, original, &rationale, &suggestions),
            suggestions,
            entry: Some(form.to_string()),
            note: Some(messages::note(
                lang,
                "APA Style: singular they; Linguistic Society of America: Guidelines for Inclusive Language; retext-equality, data/en/gender.yml (he, his, him -> they, their, them)",
            )),
        });
    }
}
