//! `gendered-term`, `masculine-coded`, `feminine-coded`: lexicon words with every inflection,
//! head-final compounds (`bestyrelsesformændene`), context guards, and suggestions inflected
//! into the flagged form's slot with its compound prefix and letter case.

use super::{apply_case, window, Ctx, Found, Hit};
use crate::lexicon::paradigm::Slot;
use crate::lexicon::pattern::{AltSet, Tok};
use crate::lexicon::WordEntry;
use crate::messages;
use crate::options::Lang;

pub(crate) fn check(ctx: &Ctx<'_>, mut hits: Vec<Hit>, out: &mut Vec<Found>) {
    let lex = &ctx.lexicon;
    hits.retain(|h| {
        let e = &lex.words[h.entry as usize];
        let whole = &ctx.lower[h.word_start..h.end];
        !(e.except.contains(whole) || lex.never.contains(whole) || allowed(ctx, e, h))
    });
    // One finding per word: the longest form that ends where the word ends
    // ("næstformand" beats "formand" inside it).
    hits.sort_by_key(|a| (a.end, a.start));
    // The end of the last pair of both sexes («Brandmand/-kvinde»): its other half is in it.
    let mut pair_until = 0;
    let mut i = 0;
    while i < hits.len() {
        let mut j = i;
        // Hits ending at the same place: sorted by start, so the first is the longest.
        // Try them longest first until one passes its guards.
        while j < hits.len() && hits[j].end == hits[i].end {
            j += 1;
        }
        for h in &hits[i..j] {
            if h.word_start < pair_until {
                break;
            }
            let e = &lex.words[h.entry as usize];
            if e.has_guards() && !guards_pass(ctx, e, h) {
                continue;
            }
            if e.rule == crate::diagnostic::Rule::GenderedTerm
                && (title_of_named_person(ctx, h.word_start, h.end)
                    || (!e.suggest_en.is_empty() && english_surname(ctx, h)))
            {
                break;
            }
            let f = finding(ctx, e, h);
            match pair_span(ctx.lower, &f) {
                Some((ps, pe)) => {
                    pair_until = pe;
                    out.extend(pair_finding(ctx, f, ps, pe));
                }
                None => out.push(f),
            }
            break;
        }
        i = j;
    }
}

// ---------------------------------------------------------------------------------------------
// A title written for both sexes: «Brandmand/-kvinde», «formand(inde)».

/// Heads that name a man, in every form (a genitive «s» may follow).
const MALE_HEADS: [&str; 8] = [
    "mand", "manden", "mænd", "mændene", "dreng", "drengen", "drenge", "drengene",
];

/// Heads that name a woman, in every form (a genitive «s» may follow).
const FEMALE_HEADS: [&str; 16] = [
    "kvinde",
    "kvinden",
    "kvinder",
    "kvinderne",
    "inde",
    "inden",
    "inder",
    "inderne",
    "dame",
    "damen",
    "damer",
    "damerne",
    "pige",
    "pigen",
    "piger",
    "pigerne",
];

/// `Some(true)` when the lowercase word `w` ends in a head that names a man («brandmand»,
/// «-mænd»), `Some(false)` a woman («-kvinde», «formandinde», «inde»), `None` otherwise.
pub(crate) fn sex_by_head(w: &str) -> Option<bool> {
    let bare = w.strip_suffix('s').unwrap_or(w);
    let ends = |heads: &[&str]| heads.iter().any(|h| w.ends_with(h) || bare.ends_with(h));
    if ends(&FEMALE_HEADS) {
        Some(false)
    } else if ends(&MALE_HEADS) {
        Some(true)
    } else {
        None
    }
}

/// The end of the run of letters of `s` from `i`.
fn letters_from(s: &str, mut i: usize) -> usize {
    while let Some(c) = crate::text::char_at(s, i).filter(|c| c.is_alphabetic()) {
        i += c.len_utf8();
    }
    i
}

/// The second half of a pair after the word that ends at `end` of the lowercase text:
/// «/-kvinde», «/kvinde», «-/kvinde», « / brandkvinde», «/formandinde», «(inde)», «(-kvinde)»,
/// « og -kvinder», « eller -kvinde». Gives the half's letters (start, end) and the pair's end.
fn half_after(s: &str, end: usize) -> Option<(usize, usize, usize)> {
    let b = s.as_bytes();
    let spaces = |mut i: usize| {
        let mut n = 0;
        while n < 2 && b.get(i) == Some(&b' ') {
            i += 1;
            n += 1;
        }
        i
    };
    if b.get(end) == Some(&b'(') {
        let k = end + 1 + usize::from(b.get(end + 1) == Some(&b'-'));
        let e = letters_from(s, k);
        return (e > k && b.get(e) == Some(&b')')).then_some((k, e, e + 1));
    }
    let hyphen = b.get(end) == Some(&b'-');
    let i = end + usize::from(hyphen);
    let j = spaces(i);
    let k = if b.get(j) == Some(&b'/') {
        let k = spaces(j + 1);
        k + usize::from(b.get(k) == Some(&b'-'))
    } else if !hyphen && j > i {
        let rest = &s[j..];
        let k = j + if rest.starts_with("eller -") {
            6
        } else if rest.starts_with("og -") {
            3
        } else {
            return None;
        };
        k + 1
    } else {
        return None;
    };
    let e = letters_from(s, k);
    if e == k || crate::text::char_at(s, e).is_some_and(char::is_alphanumeric) {
        return None;
    }
    Some((k, e, e))
}

/// The first half of a pair before the word that starts at `start` of the lowercase text
/// («formandinde/», «tjener / », «brandkvinde-/»): its letters (start, end).
fn half_before(s: &str, start: usize) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    let back_spaces = |mut i: usize| {
        let mut n = 0;
        while n < 2 && i > 0 && b[i - 1] == b' ' {
            i -= 1;
            n += 1;
        }
        i
    };
    let mut i = start;
    if i > 0 && b[i - 1] == b'-' {
        i -= 1;
    }
    i = back_spaces(i);
    if i == 0 || b[i - 1] != b'/' {
        return None;
    }
    i = back_spaces(i - 1);
    if i > 0 && b[i - 1] == b'-' {
        i -= 1;
    }
    let e = i;
    let mut k = e;
    while let Some(c) = crate::text::char_before(s, k).filter(|c| c.is_alphabetic()) {
        k -= c.len_utf8();
    }
    if k == e || crate::text::char_before(s, k).is_some_and(char::is_alphanumeric) {
        return None;
    }
    Some((k, e))
}

/// Is the lowercase word `lower[start..end]` half of a pair of both sexes («Brandmand/-kvinde»:
/// both «brandmand» and «kvinde»)? The phrase rules read such a «kvinde» as no preference.
pub(crate) fn in_sex_pair(lower: &str, start: usize, end: usize) -> bool {
    let Some(sex) = sex_by_head(&lower[start..end]) else {
        return false;
    };
    let other = |a: usize, b: usize| sex_by_head(&lower[a..b]) == Some(!sex);
    half_after(lower, end).is_some_and(|(a, b, _)| other(a, b))
        || half_before(lower, start).is_some_and(|(a, b)| other(a, b))
}

/// The span of the pair a gendered-term finding is half of: the title beside its form for the
/// other sex («Brandmand/-kvinde», «formand-/kvinde», «formand/formandinde», «formand(inde)»,
/// «Fagkvinde/-mand», «formandinde/formand», «brandmænd og -kvinder») or beside its own first
/// suggestion, the neutral title («tjener/servitrice», «lærer/lærerinde»).
fn pair_span(lower: &str, f: &Found) -> Option<(usize, usize)> {
    let sex = sex_by_head(&lower[f.start..f.end]);
    let neutral = f.suggestions.first().map(|n| crate::text::lowercase(n));
    let other = |a: usize, b: usize| {
        let t = &lower[a..b];
        sex.is_some_and(|m| sex_by_head(t) == Some(!m)) || neutral.as_deref() == Some(t)
    };
    if let Some((_, _, e)) = half_after(lower, f.end).filter(|&(a, b, _)| other(a, b)) {
        return Some((f.start, e));
    }
    half_before(lower, f.start)
        .filter(|&(a, b)| other(a, b))
        .map(|(a, _)| (a, f.end))
}

/// Why a title pair is a hint, not a warning.
const PAIR_DA: &str =
    "parret nævner begge køn og er ment inkluderende, men det er tungt og binært; en kønsneutral titel dækker alle";
const PAIR_EN: &str =
    "the pair names both sexes and is meant inclusively, but it is heavy and binary; a gender-neutral title covers everyone";

/// The finding for the pair `ps..pe` that finding `f` is half of: at the level of binary pairs
/// (`Options::binary_pair_level`, info by default; `None` when off), over the whole pair, with
/// the suggestions of `f` as replacements for the whole pair (never a fix that keeps half of
/// it: «Brandmand/-kvinde» -> «Brandbekæmper»).
fn pair_finding(ctx: &Ctx<'_>, f: Found, ps: usize, pe: usize) -> Option<Found> {
    let crate::diagnostic::Level::On(severity) = ctx.options.binary_pair_level else {
        return None;
    };
    let text = &ctx.text[ps..pe];
    let mut suggestions = f.suggestions;
    if ps < f.start {
        // The pair starts with the other half: a capital there is the pair's.
        let first = &ctx.text[ps..crate::text::word_end(ctx.text, ps)];
        let capital = first.starts_with(char::is_uppercase);
        for s in &mut suggestions {
            if crate::text::Case::of(s) == crate::text::Case::Upper && s.chars().nth(1).is_some() {
                continue;
            }
            let mut cs = s.chars();
            if let Some(c) = cs.next() {
                let rest = cs.as_str();
                *s = if capital {
                    c.to_uppercase().chain(rest.chars()).collect()
                } else {
                    c.to_lowercase().chain(rest.chars()).collect()
                };
            }
        }
        let mut seen = std::collections::HashSet::new();
        suggestions.retain(|s| seen.insert(s.clone()));
    }
    let (rationale, lang) = match ctx.options.lang {
        Lang::Da => (PAIR_DA, Lang::Da),
        Lang::En => (PAIR_EN, Lang::En),
    };
    Some(Found {
        rule: f.rule,
        severity,
        start: ps,
        end: pe,
        message: messages::finding(f.rule, lang, text, rationale, &suggestions),
        suggestions,
        entry: Some("binary-pair".to_string()),
        note: f.note,
    })
}

/// An English title word that is a surname: Capitalised (not all capitals) right after a
/// Capitalised word that does not open its sentence («Contact John Foreman», «Dr Anna
/// Workman»). A title-case heading keeps its title («Warehouse Foreman wanted»: the first word
/// opens the line), and so does a Danish compound, which never has an English term.
fn english_surname(ctx: &Ctx<'_>, h: &Hit) -> bool {
    let text = ctx.text;
    let word = &text[h.word_start..h.end];
    if crate::text::Case::of(word) != crate::text::Case::Capital {
        return false;
    }
    let toks = window(ctx, h.word_start, h.end, 64);
    let Some(i) = toks.iter().position(|t| t.start == h.word_start) else {
        return false;
    };
    if i < 2 || toks[i].brk || toks[i - 1].brk {
        return false;
    }
    let prev = &toks[i - 1];
    prev.kind == crate::lexicon::pattern::TokKind::Word
        && crate::text::Case::of(&text[prev.start..prev.end]) == crate::text::Case::Capital
        && text[prev.end..toks[i].start].trim().is_empty()
}

/// Is this word allow-listed (in any inflection) by the options?
fn allowed(ctx: &Ctx<'_>, e: &WordEntry, h: &Hit) -> bool {
    let allow = ctx.options.allowed_words();
    if allow.is_empty() {
        return false;
    }
    let whole = &ctx.lower[h.word_start..h.end];
    let prefix = &ctx.lower[h.word_start..h.start];
    allow.iter().any(|w| {
        w == whole
            || (w.starts_with(prefix)
                && e.forms
                    .iter()
                    .any(|(_, f)| w.len() == prefix.len() + f.len() && w.ends_with(f.as_str())))
    })
}

/// A title used for a person the ad names, not for the person sought: followed by a full name
/// («menighedsrådets formand, Inge-Lise Christensen», «formand for skolebestyrelsen Helene
/// Weiskvist»: «for/i/af/ved» and up to three lowercase words may come between) or following
/// one after a comma («Jens Hansen, formand»). Never right after an indefinite article or «ny»
/// («vi søger en formand for Dansk Metal» is the person sought). English titles read the same
/// («chairman of the board, Jens Hansen»; «a chairman of …» is sought). A full name is two words in a
/// row that start with a capital and are not all capitals, in the same sentence.
fn title_of_named_person(ctx: &Ctx<'_>, start: usize, end: usize) -> bool {
    let toks = window(ctx, start, end, 96);
    let Some(i) = toks.iter().position(|t| t.start == start) else {
        return false;
    };
    let text = ctx.text;
    // A capital, then not all capitals («SJAKFORMAND SØGES TIL» is a shouted heading).
    let cap = |t: &Tok| {
        t.kind == crate::lexicon::pattern::TokKind::Word
            && text[t.start..].starts_with(char::is_uppercase)
            && crate::text::Case::of(&text[t.start..t.end]) != crate::text::Case::Upper
    };
    // The first name has two letters or more: «(M/K)» after a title is no name.
    let full_name = |k: usize| {
        toks.get(k)
            .is_some_and(|t| !t.brk && cap(t) && text[t.start..t.end].chars().nth(1).is_some())
            && toks.get(k + 1).is_some_and(|t| !t.brk && cap(t))
    };
    if i > 0
        && !toks[i].brk
        && matches!(
            toks[i - 1].lower,
            "en" | "et" | "ny" | "nye" | "ét" | "a" | "an" | "new"
        )
    {
        return false;
    }
    let mut j = i + 1;
    if toks
        .get(j)
        .is_some_and(|t| !t.brk && matches!(t.lower, "for" | "i" | "af" | "ved" | "of"))
    {
        j += 1;
        let from = j;
        while j - from < 3 && toks.get(j).is_some_and(|t| !t.brk && !cap(t)) {
            j += 1;
        }
        if j == from {
            return false;
        }
    }
    if full_name(j) {
        return true;
    }
    if i >= 2
        && !toks[i].brk
        && full_name(i - 2)
        && text[toks[i - 1].end..toks[i].start].contains(',')
    {
        return true;
    }
    // «Morten Dahlberg, the chairman of …», «Jens Hansen, vores formand»
    i >= 3
        && !toks[i].brk
        && !toks[i - 1].brk
        && matches!(toks[i - 1].lower, "the" | "our" | "vores")
        && full_name(i - 3)
        && text[toks[i - 2].end..toks[i - 1].start].contains(',')
}

fn guards_pass(ctx: &Ctx<'_>, e: &WordEntry, h: &Hit) -> bool {
    let toks = window(ctx, h.word_start, h.end, 48);
    let Some(i) = toks.iter().position(|t| t.start == h.word_start) else {
        return true;
    };
    let prev: Option<&Tok> = if i > 0 && !toks[i].brk {
        toks.get(i - 1)
    } else {
        None
    };
    let next: Option<&Tok> = toks.get(i + 1).filter(|t| !t.brk);
    let m = |set: &AltSet, t: Option<&Tok>| t.is_some_and(|t| set.matches(t.lower, t.kind));
    if m(&e.not_before, next) || m(&e.not_after, prev) {
        return false;
    }
    if !e.only_before.is_empty() || !e.only_after.is_empty() {
        return m(&e.only_before, next) || m(&e.only_after, prev);
    }
    true
}

fn finding(ctx: &Ctx<'_>, e: &WordEntry, h: &Hit) -> Found {
    let slot = e.forms[h.form as usize].0;
    // An English word in an English sentence gets English suggestions (`suggest_en`).
    let english = !e.suggest_en.is_empty() && super::english_around(ctx, h.word_start, h.end);
    let suggestions = suggestions(ctx.text, english, e, slot, h.word_start, h.start, h.end);
    let text = &ctx.text[h.word_start..h.end];
    let (rationale, lang) = match ctx.options.lang {
        Lang::Da => (&e.rationale, Lang::Da),
        Lang::En => (&e.rationale_en, Lang::En),
    };
    Found {
        rule: e.rule,
        severity: e.severity,
        start: h.word_start,
        end: h.end,
        message: messages::finding(e.rule, lang, text, rationale, &suggestions),
        suggestions,
        entry: Some(e.lemma.clone()),
        note: Some(messages::note(lang, &e.source)),
    }
}

/// The entry's suggestions (its English ones when `english`) in the flagged form's slot, with the compound prefix and the case
/// of the original word (`Bestyrelsesformændene` -> `Bestyrelsesforpersonerne`).
pub(crate) fn suggestions(
    text: &str,
    english: bool,
    e: &WordEntry,
    slot: Slot,
    word_start: usize,
    start: usize,
    end: usize,
) -> Vec<String> {
    let prefix = &text[word_start..start];
    let head = &text[start..end];
    let whole = &text[word_start..end];
    let upper = crate::text::Case::of(whole) == crate::text::Case::Upper;
    let mut out: Vec<String> = Vec::new();
    let list = if english && !e.suggest_en.is_empty() {
        &e.suggest_en
    } else {
        &e.suggest
    };
    for s in list {
        let Some(form) = s.inflect(slot) else {
            continue;
        };
        let cased = if upper {
            [prefix, &form.to_uppercase()].concat()
        } else if prefix.is_empty() {
            apply_case(head, &form)
        } else {
            [prefix, &form].concat()
        };
        if !out.contains(&cased) {
            out.push(cased);
        }
    }
    out
}

/// How a productive head sits: inside one word, after a hyphen, or after a first part
/// written apart ("Kantine damer").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Join {
    Compound,
    Hyphen,
    Split,
}

/// Productive gendered heads (`[[head]]` in gendered-terms.toml): an unlisted compound that
/// ends in -pige, -dame, -dreng, -kone, -fyr, -jomfru, -mand ... («serveringspiger»,
/// «opvaskedreng»), hyphenated («Kantine-dame») or split after a known first part («Kantine
/// damer»). Listed terms win (one finding per word); never-flag words, too-short first parts,
/// and the guards of each head keep look-alikes silent («ikoner», «oliefyr», «skolepiger»).
pub(crate) fn check_heads(ctx: &Ctx<'_>, mut hits: Vec<Hit>, out: &mut Vec<Found>) {
    if hits.is_empty() {
        return;
    }
    let lex = &ctx.lexicon;
    let lower = ctx.lower;
    hits.sort_by_key(|a| (a.end, a.start));
    // Words a listed term already covers (or a head, as findings are added).
    let mut covered: std::collections::HashSet<usize> = out
        .iter()
        .filter(|f| f.rule == crate::diagnostic::Rule::GenderedTerm)
        .map(|f| f.end)
        .collect();
    // Pairs of both sexes found so far (start -> end): a head inside one is its other half.
    let mut pairs: std::collections::BTreeMap<usize, usize> = out
        .iter()
        .filter(|f| {
            f.rule == crate::diagnostic::Rule::GenderedTerm
                && f.entry.as_deref() == Some("binary-pair")
        })
        .map(|f| (f.start, f.end))
        .collect();
    for h in hits {
        if covered.contains(&h.end)
            || pairs
                .range(..=h.start)
                .next_back()
                .is_some_and(|(_, &e)| h.end <= e)
        {
            continue;
        }
        let head = &lex.heads[h.entry as usize];
        let (join, span_start, first_end) = if h.word_start < h.start {
            (Join::Compound, h.word_start, h.start)
        } else {
            let before = crate::text::char_before(lower, h.start);
            let before2 = before
                .and_then(|c| crate::text::char_before(lower, h.start - c.len_utf8()))
                .filter(|c| crate::text::is_word_char(*c));
            match (before, before2) {
                (Some('-'), Some(_)) => {
                    let ws = crate::text::word_start(lower, h.start - 1);
                    (Join::Hyphen, ws, h.start - 1)
                }
                (Some(' '), Some(_)) => {
                    let ws = crate::text::word_start(lower, h.start - 1);
                    (Join::Split, ws, h.start - 1)
                }
                _ => continue,
            }
        };
        // The compound must start like a word: after a space, a line break, an opening
        // bracket or quote, not after the debris of a broken entity ("reng&oslash;ringsdame"
        // written literally has no word "ringsdame").
        if crate::text::char_before(lower, span_start)
            .is_some_and(|c| !(c.is_whitespace() || "([{«»\"'“”„‘’/*_–—-:,.".contains(c)))
        {
            continue;
        }
        // A capital inside the word is two words run together, as scraped listings have
        // them ("KøbenhavnMændenes Hjem"), not a compound.
        let word = &ctx.text[span_start..h.end];
        if join == Join::Compound
            && word
                .chars()
                .zip(word.chars().skip(1))
                .any(|(a, b)| a.is_lowercase() && b.is_uppercase())
        {
            continue;
        }
        // A Capitalised compound right after a Capitalised word is a surname ("Kontakt Søren
        // Skovmand"). Not a split title: its first part is a listed word ("Vi søger Nye
        // Bartender piger", found in the sweep of 2026-12-03).
        if join != Join::Split
            && ctx.text[span_start..].starts_with(char::is_uppercase)
            && ctx.text[..span_start].ends_with(' ')
        {
            let pe = span_start - 1;
            let ps = crate::text::word_start(ctx.text, pe);
            if ps < pe && ctx.text[ps..pe].starts_with(char::is_uppercase) {
                continue;
            }
        }
        let first = &lower[span_start..first_end];
        let whole = &lower[span_start..h.end];
        let joined = [first, &lower[h.start..h.end]].concat();
        // A never-flag word at the end of the compound protects it too (overstyrmand,
        // overtjenestemand): every ending that starts inside the first part is looked up.
        let never_tail = |w: &str| {
            w.char_indices()
                .take_while(|&(k, _)| k < first.len())
                .any(|(k, _)| lex.never.contains(&w[k..]))
        };
        // Every inflection of a never-flag word is protected by its base form (ægtemands).
        let base = head
            .forms
            .iter()
            .find(|(sl, _)| {
                matches!(
                    sl,
                    Slot::Noun {
                        idx: 0,
                        genitive: false
                    }
                )
            })
            .map(|(_, f)| [first, f].concat());
        if never_tail(whole)
            || never_tail(joined.as_str())
            || base.as_deref().is_some_and(never_tail)
            || ctx
                .options
                .allowed_words()
                .iter()
                .any(|w| *w == whole || *w == joined)
        {
            continue;
        }
        let ok_first = match join {
            Join::Split => head.split_after.contains(first),
            Join::Compound | Join::Hyphen => {
                first.chars().count() >= head.min_prefix
                    && first.chars().all(char::is_alphabetic)
                    && (head.prefix_ends.is_empty()
                        || head.prefix_ends.iter().any(|e| first.ends_with(e.as_str())))
            }
        };
        if !ok_first {
            continue;
        }
        if !head.only_after.is_empty() || !head.unless.is_empty() {
            let toks = super::window2(ctx, span_start, h.end, 320, 320);
            let Some(i) = toks.iter().position(|t| t.start == span_start) else {
                continue;
            };
            if !head.only_after.is_empty() {
                let prev = (i > 0 && !toks[i].brk).then(|| &toks[i - 1]);
                if !prev.is_some_and(|t| head.only_after.matches(t.lower, t.kind)) {
                    continue;
                }
            }
            if super::sentence(&toks, i)
                .iter()
                .any(|t| head.unless.matches(t.lower, t.kind))
            {
                continue;
            }
        }
        if title_of_named_person(ctx, span_start, h.end) {
            continue;
        }
        covered.insert(h.end);
        let f = head_finding(ctx, head, &h, join, span_start, first_end);
        match pair_span(lower, &f) {
            Some((ps, pe)) => {
                covered.insert(pe);
                pairs.insert(ps, pe);
                out.extend(pair_finding(ctx, f, ps, pe));
            }
            None => out.push(f),
        }
    }
}

fn head_finding(
    ctx: &Ctx<'_>,
    head: &crate::lexicon::HeadEntry,
    h: &Hit,
    join: Join,
    span_start: usize,
    first_end: usize,
) -> Found {
    let rule = crate::diagnostic::Rule::GenderedTerm;
    let slot = head.forms[h.form as usize].0;
    let text = &ctx.text[span_start..h.end];
    // The first part as written; a split compound is joined (Kantine damer -> Kantinemedarbejdere).
    // An abbreviation is joined with a hyphen (VVS mand -> VVS-medarbejder).
    let split_first = &ctx.text[span_start..first_end];
    let abbreviation = split_first.chars().count() > 1
        && crate::text::Case::of(split_first) == crate::text::Case::Upper;
    let joined_abbr = format!("{split_first}-");
    let first = match join {
        Join::Split if abbreviation => joined_abbr.as_str(),
        Join::Split => split_first,
        Join::Compound | Join::Hyphen => &ctx.text[span_start..h.start],
    };
    let upper = crate::text::Case::of(text) == crate::text::Case::Upper;
    let mut suggestions: Vec<String> = Vec::new();
    // A split or hyphenated spelling of a listed term takes that term's suggestions
    // ("service mand" -> "servicetekniker", as "servicemand" does).
    if join != Join::Compound {
        let joined = format!(
            "{}{}",
            crate::text::lowercase(split_first).trim_end_matches('-'),
            &ctx.lower[h.start..h.end]
        );
        let listed = ctx
            .lexicon
            .words
            .iter()
            .filter(|e| e.rule == rule)
            .find_map(|e| {
                e.forms
                    .iter()
                    .find(|(_, f)| *f == joined)
                    .map(|(sl, _)| (e, *sl))
            });
        if let Some((e, sl)) = listed {
            for s in &e.suggest {
                if let Some(form) = s.inflect(sl) {
                    let sug = apply_case(split_first, &form);
                    if !suggestions.contains(&sug) {
                        suggestions.push(sug);
                    }
                }
            }
        }
    }
    for s in &head.suggest {
        let Some(form) = s.inflect(slot) else {
            continue;
        };
        let sug = if upper && !(join == Join::Split && abbreviation) {
            [first, &form.to_uppercase()].concat()
        } else {
            [first, &form].concat()
        };
        if !suggestions.contains(&sug) {
            suggestions.push(sug);
        }
    }
    let (rationale, lang) = match ctx.options.lang {
        Lang::Da => (&head.rationale, Lang::Da),
        Lang::En => (&head.rationale_en, Lang::En),
    };
    Found {
        rule,
        severity: rule.default_severity(),
        start: span_start,
        end: h.end,
        message: messages::finding(rule, lang, text, rationale, &suggestions),
        suggestions,
        entry: Some(["-", &head.lemma].concat()),
        note: Some(messages::note(lang, &head.source)),
    }
}
