//! `gendered-phrase`, `sex-preference`, `age-preference`: token patterns matched around the
//! anchor words the automaton found, within one sentence. An earlier phrase in the lexicon
//! wins an overlap, so specific patterns (lawful or legal-age exceptions) come first.

use super::{window2, window2_into, Ctx, Found};
use crate::lexicon::pattern::Tok;
use crate::lexicon::PhraseEntry;
use crate::messages;
use crate::options::Lang;

/// Bytes allowed per token when sizing a window (long Danish compounds included).
pub(crate) const TOKEN_BYTES: usize = 32;

struct Match {
    phrase: usize,
    start: usize,
    end: usize,
    suggestions: Vec<String>,
    /// The ad says the limit is set by law (`lawful_if`): info with the lawful-limit reason.
    lawful: bool,
}

/// The reason given for a limit the ad says is set by law (an entry's `lawful_if`).
const LAWFUL_DA: &str = "annoncen siger, at den er fastsat ved lov; en lovbestemt aldersgrænse er lovlig, men tjek, at loven faktisk kræver den, og nævn reglen";
const LAWFUL_EN: &str = "the ad says it is set by law; a statutory age limit is lawful, but check that the law really requires it, and name the rule";
const LAWFUL_SOURCE: &str =
    "Forskelsbehandlingsloven § 5 a, stk. 5-6 (aldersgrænser fastsat ved lov)";

pub(crate) fn check(ctx: &Ctx<'_>, mut anchors: Vec<(u32, usize, usize)>, out: &mut Vec<Found>) {
    // Group by anchor word, so each word is tokenized once for all its phrases.
    anchors.sort_unstable_by_key(|&(p, s, e)| (s, e, p));
    anchors.dedup();
    let phrases = &ctx.lexicon.phrases;
    let mut matches: Vec<Match> = Vec::new();
    // The windows' tokens and the live phrases, in buffers reused from anchor to anchor.
    let (mut near, mut toks, mut live) = (Vec::new(), Vec::new(), Vec::new());
    let mut i = 0;
    while i < anchors.len() {
        let (_, ws, we) = anchors[i];
        let mut j = i;
        while j < anchors.len() && anchors[j].1 == ws && anchors[j].2 == we {
            j += 1;
        }
        let group = &anchors[i..j];
        i = j;
        // A cheap look at one word on each side first: most anchor words are in no phrase.
        window2_into(ctx, ws, we, TOKEN_BYTES, TOKEN_BYTES, &mut near);
        let Some(near_at) = near.iter().position(|t| t.start == ws) else {
            continue;
        };
        live.clear();
        live.extend(
            group
                .iter()
                .map(|&(p, _, _)| p as usize)
                .filter(|&p| phrases[p].pattern.neighbours_match(&near, near_at)),
        );
        if live.is_empty() {
            continue;
        }
        let before = live
            .iter()
            .map(|&p| phrases[p].pattern.reach_before)
            .max()
            .unwrap_or(0);
        let after = live
            .iter()
            .map(|&p| phrases[p].pattern.reach_after)
            .max()
            .unwrap_or(0);
        window2_into(
            ctx,
            ws,
            we,
            before * TOKEN_BYTES + TOKEN_BYTES,
            after * TOKEN_BYTES + TOKEN_BYTES,
            &mut toks,
        );
        let Some(at) = toks.iter().position(|t| t.start == ws) else {
            continue;
        };
        for &p in &live {
            if let Some(m) = phrase_at(ctx, p, &toks, at) {
                matches.push(m);
            }
        }
    }
    // Within one rule, earlier phrases win overlaps (among one phrase, the earlier match);
    // different rules may flag the same words ("en moden dame": sex and age preference).
    matches.sort_by_key(|m| (m.phrase, m.start));
    // Accepted spans per rule, keyed by start; they never overlap within a rule, so the one
    // starting last before a candidate's end is the only one that can overlap it.
    let mut taken: std::collections::HashMap<
        crate::diagnostic::Rule,
        std::collections::BTreeMap<usize, usize>,
    > = std::collections::HashMap::new();
    let mut accepted: Vec<Match> = Vec::new();
    for m in matches {
        let spans = taken.entry(phrases[m.phrase].rule).or_default();
        if spans
            .range(..m.end)
            .next_back()
            .is_some_and(|(_, &e)| e > m.start)
        {
            continue;
        }
        spans.insert(m.start, m.end);
        accepted.push(m);
    }
    // A gendered phrase inside a stated sex preference is said by the stronger finding
    // ("søger en kvindelig pædagog" covers "en kvindelig pædagog").
    let prefs = taken
        .remove(&crate::diagnostic::Rule::SexPreference)
        .unwrap_or_default();
    let inside_pref = |m: &Match| {
        prefs
            .range(..=m.start)
            .next_back()
            .is_some_and(|(_, &e)| m.end <= e)
    };
    // A sex preference whose sex word is the head of a split compound title ("søger en service
    // mand": the gap read the first part "service" as an adjective; "Lager mand søges") is the
    // title, which gendered-term already flags; it is not escalated to an explicit preference.
    let title_ends: std::collections::HashSet<(usize, usize)> = out
        .iter()
        .filter(|f| f.rule == crate::diagnostic::Rule::GenderedTerm)
        .map(|f| (f.start, f.end))
        .collect();
    let split_title = |m: &Match| {
        title_ends
            .iter()
            .any(|&(s, e)| e > m.start && e <= m.end && ctx.text[s..e].contains(' '))
    };
    for m in accepted {
        let rule = phrases[m.phrase].rule;
        let inside = rule == crate::diagnostic::Rule::GenderedPhrase && inside_pref(&m);
        let title = rule == crate::diagnostic::Rule::SexPreference && split_title(&m);
        if !inside && !title {
            out.push(finding(ctx, &phrases[m.phrase], m));
        }
    }
}

/// Phrase `p` with its anchor at token `at` of `toks`, if it matches and no `unless` word
/// is in the sentence.
fn phrase_at(ctx: &Ctx<'_>, p: usize, toks: &[Tok<'_>], at: usize) -> Option<Match> {
    let ph = &ctx.lexicon.phrases[p];
    let pm = ph.pattern.match_at(toks, at)?;
    // Both sexes named: no preference («Vi søger kvinder og mænd»), no team of one sex («Vi er en
    // flok mænd og kvinder»). A gendered phrase may name both itself («en mand eller kvinde»).
    let both_around =
        || both_sexes_follow(toks, pm.last) || both_sexes_precede(toks, pm.first, pm.last);
    match ph.rule {
        crate::diagnostic::Rule::SexPreference
            if both_around() || both_sexes_in(&toks[pm.first..=pm.last]) =>
        {
            return None;
        }
        crate::diagnostic::Rule::GenderedPhrase if both_around() => return None,
        _ => {}
    }
    // A sex word that is half of a title written for both sexes («Brandmand/-kvinde søges»,
    // «Vi søger en opvaskedreng/-pige») names both: no preference, no team of one sex.
    if matches!(
        ph.rule,
        crate::diagnostic::Rule::SexPreference | crate::diagnostic::Rule::GenderedPhrase
    ) && toks[pm.first..=pm.last]
        .iter()
        .any(|t| super::words::in_sex_pair(ctx.lower, t.start, t.end))
    {
        return None;
    }
    if ph.enclosed && !enclosed(ctx.text, toks[pm.first].start, toks[pm.last].end) {
        return None;
    }
    if matches!(
        ph.rule,
        crate::diagnostic::Rule::SexPreference | crate::diagnostic::Rule::AgePreference
    ) && reported_prohibition(toks, pm.first)
    {
        return None;
    }
    if toks[pm.last + 1..]
        .iter()
        .take(2)
        .take_while(|t| !t.brk)
        .any(|t| ph.unless_after.matches(t.lower, t.kind))
    {
        return None;
    }
    if pm.first > 0 && !toks[pm.first].brk {
        let prev = &toks[pm.first - 1];
        if ph.unless_prev.matches(prev.lower, prev.kind) {
            return None;
        }
    }
    let mut lawful = false;
    if !ph.unless.is_empty() || !ph.unless_before.is_empty() || !ph.lawful_if.is_empty() {
        // The whole sentence, in a window of its own (only for matches, which are rare).
        let (ws, we) = (toks[at].start, toks[at].end);
        let wide = window2(ctx, ws, we, 320, 320);
        let wat = wide.iter().position(|t| t.start == ws)?;
        let sent = super::sentence(&wide, wat);
        if sent.iter().any(|t| ph.unless.matches(t.lower, t.kind)) {
            return None;
        }
        // The previous sentence (the heading of a list item, say).
        let first = wat - wide[..=wat].iter().rev().position(|t| t.brk).unwrap_or(wat);
        let before = if first > 0 {
            super::sentence(&wide, first - 1)
        } else {
            &[]
        };
        if before
            .iter()
            .any(|t| ph.unless_before.matches(t.lower, t.kind))
        {
            return None;
        }
        lawful = sent
            .iter()
            .chain(before)
            .any(|t| ph.lawful_if.matches(t.lower, t.kind));
    }
    let start = toks[pm.first].start;
    let end = toks[pm.last].end;
    let matched = &ctx.text[start..end];
    let suggestions = ph
        .suggest
        .iter()
        .map(|s| fill(s, ctx.text, toks, &pm.caps))
        .map(|s| case_like(matched, &s))
        .filter(|s| !s.is_empty())
        .collect();
    Some(Match {
        phrase: p,
        start,
        end,
        suggestions,
        lawful,
    })
}

/// Does `start..end` stand alone in parentheses («(mand)», «( gerne kvinde )»)?
fn enclosed(text: &str, start: usize, end: usize) -> bool {
    text[..start].trim_end_matches([' ', '\t']).ends_with('(')
        && text[end..].trim_start_matches([' ', '\t']).starts_with(')')
}

/// Does the match's sentence, before it, say that such wording must not be written («Man må heller
/// ikke skrive, at man søger en kvinde», «Det er ulovligt at annoncere efter en bestemt alder»)?
/// Guidance about ads quotes the wording it forbids; an ad does not forbid its own wording. The
/// sweep of 2026-12-03 found a union's statement quoted in the news flagged as an error.
fn reported_prohibition(toks: &[Tok<'_>], first: usize) -> bool {
    let mut start = first;
    while start > 0 && !toks[start].brk {
        start -= 1;
    }
    let before = &toks[start..first];
    let says = before.iter().position(|t| {
        matches!(
            t.lower,
            "skrive"
                | "skriver"
                | "skrives"
                | "skrev"
                | "annoncere"
                | "annoncerer"
                | "annonceres"
                | "formulere"
                | "formuleres"
                | "write"
                | "state"
                | "advertise"
        )
    });
    // The wording is what is written: a that-clause («skrive, at …») or its object («annoncere
    // efter …») follows the verb.
    let Some(v) = says else { return false };
    before[v + 1..]
        .iter()
        .any(|t| matches!(t.lower, "at" | "om" | "efter" | "that" | "for"))
        && before.iter().any(|t| {
            matches!(
                t.lower,
                "ikke"
                    | "aldrig"
                    | "ulovligt"
                    | "forbudt"
                    | "forbyder"
                    | "not"
                    | "never"
                    | "illegal"
                    | "unlawful"
            )
        })
}

/// Sex nouns of either sex, for [`sex_of`].
const MALE_NOUNS: [&str; 14] = [
    "mand", "mænd", "manden", "mændene", "dreng", "drenge", "drengene", "fyr", "fyre", "fyrene",
    "herre", "herrer", "gutter", "gutterne",
];
const FEMALE_NOUNS: [&str; 11] = [
    "pigerne",
    "kvinde",
    "kvinder",
    "kvinden",
    "kvinderne",
    "pige",
    "piger",
    "dame",
    "damer",
    "damen",
    "damerne",
];

/// Does a sex noun that ends a sex-preference match go on with «og»/«eller» and a noun of the
/// other sex («Vi søger kvinder og mænd», «søger en mand eller en kvinde»)? Then both are
/// named and nothing is preferred.
fn both_sexes_follow(toks: &[Tok<'_>], last: usize) -> bool {
    let Some(male) = sex_of(toks[last].lower) else {
        return false;
    };
    let mut k = last + 1;
    if !toks
        .get(k)
        .is_some_and(|t| !t.brk && matches!(t.lower, "og" | "eller" | "el"))
    {
        return false;
    }
    k += 1;
    // An article or one adjective may come between («eller en kvinde», «og unge kvinder»).
    for _ in 0..3 {
        match toks.get(k) {
            Some(t) if !t.brk => {
                if let Some(m) = sex_of(t.lower) {
                    return m != male;
                }
                k += 1;
            }
            _ => return false,
        }
    }
    false
}

/// Is the match's first sex noun right after a noun of the other sex, alone («Flink pige/dreng
/// søges»: the slash is no token) or with «og»/«eller» (and one adjective) between («Drenge og
/// piger søges til avisomdeling», «Unge kvinder og unge mænd søges»)? Then both are named and
/// nothing is preferred.
fn both_sexes_precede(toks: &[Tok<'_>], first: usize, last: usize) -> bool {
    let Some((i, male)) = (first..=last).find_map(|i| sex_of(toks[i].lower).map(|m| (i, m))) else {
        return false;
    };
    if i == 0 || toks[i].brk {
        return false;
    }
    if let Some(m) = sex_of(toks[i - 1].lower) {
        return m != male;
    }
    // «og»/«eller» right before, or before one adjective («kvinder og unge mænd»).
    let joins = |t: &Tok<'_>| matches!(t.lower, "og" | "eller" | "el");
    let mut k = i - 1;
    if !joins(&toks[k]) {
        if k == 0 || toks[k].brk || !joins(&toks[k - 1]) {
            return false;
        }
        k -= 1;
    }
    // Back over at most three words of the same sentence («unge kvinder og unge mænd»).
    for _ in 0..3 {
        if k == 0 || toks[k].brk {
            return false;
        }
        k -= 1;
        if let Some(m) = sex_of(toks[k].lower) {
            return m != male;
        }
    }
    false
}

/// `Some(true)` for a male sex noun, `Some(false)` for a female one.
fn sex_of(w: &str) -> Option<bool> {
    if MALE_NOUNS.contains(&w) {
        Some(true)
    } else if FEMALE_NOUNS.contains(&w) {
        Some(false)
    } else {
        None
    }
}

/// Does the match itself name both sexes («Mænd/kvinder til lager søges»)?
fn both_sexes_in(toks: &[Tok<'_>]) -> bool {
    let has = |male| toks.iter().any(|t| sex_of(t.lower) == Some(male));
    has(true) && has(false)
}

/// Replace `{N}` with the text slot N matched (lowercased unless it starts the match).
fn fill(template: &str, text: &str, toks: &[Tok], caps: &[(usize, usize)]) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let Some(j) = rest[i..].find('}').map(|j| j + i) else {
            break;
        };
        if let Ok(n) = rest[i + 1..j].parse::<usize>() {
            if let Some(&(a, b)) = caps.get(n.wrapping_sub(1)) {
                if a < b {
                    out.push_str(&crate::text::lowercase(
                        &text[toks[a].start..toks[b - 1].end],
                    ));
                }
            }
        }
        rest = &rest[j + 1..];
    }
    out.push_str(rest);
    // Collapse spaces left by empty slots.
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Give a replacement the case pattern of the matched text's first word.
fn case_like(matched: &str, replacement: &str) -> String {
    let first = matched.split_whitespace().next().unwrap_or("");
    match crate::text::Case::of(matched) {
        crate::text::Case::Upper => replacement.to_uppercase(),
        _ if first.chars().next().is_some_and(char::is_uppercase) => {
            crate::text::capitalize(replacement)
        }
        _ => replacement.to_string(),
    }
}

fn finding(ctx: &Ctx<'_>, ph: &PhraseEntry, m: Match) -> Found {
    let text = &ctx.text[m.start..m.end];
    let lang = ctx.options.lang;
    let (rationale, severity, source) = match (m.lawful, lang) {
        (true, Lang::En) => (LAWFUL_EN, crate::diagnostic::Severity::Info, LAWFUL_SOURCE),
        (true, Lang::Da) => (LAWFUL_DA, crate::diagnostic::Severity::Info, LAWFUL_SOURCE),
        (false, Lang::En) => (ph.rationale_en.as_str(), ph.severity, ph.source.as_str()),
        (false, Lang::Da) => (ph.rationale.as_str(), ph.severity, ph.source.as_str()),
    };
    Found {
        rule: ph.rule,
        severity,
        start: m.start,
        end: m.end,
        message: if m.lawful {
            // Not «states a preference»: the ad gives the limit as the law's.
            match lang {
                Lang::Da => format!("«{text}» er en aldersgrænse: {rationale}."),
                Lang::En => format!("«{text}» is an age limit: {rationale}."),
            }
        } else {
            messages::finding(ph.rule, lang, text, rationale, &m.suggestions)
        },
        suggestions: m.suggestions,
        entry: Some(ph.id.clone()),
        note: Some(messages::note(lang, source)),
    }
}
