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
    let lex = &ctx.engine.lexicon;
    hits.retain(|h| {
        let e = &lex.words[h.entry as usize];
        let whole = &ctx.lower[h.word_start..h.end];
        !(e.except.contains(whole) || lex.never.contains(whole) || allowed(ctx, e, h))
    });
    // One finding per word: the longest form that ends where the word ends
    // ("næstformand" beats "formand" inside it).
    hits.sort_by(|a, b| (a.end, a.start).cmp(&(b.end, b.start)));
    let mut i = 0;
    while i < hits.len() {
        let mut j = i;
        // Hits ending at the same place: sorted by start, so the first is the longest.
        // Try them longest first until one passes its guards.
        while j < hits.len() && hits[j].end == hits[i].end {
            j += 1;
        }
        for h in &hits[i..j] {
            let e = &lex.words[h.entry as usize];
            if e.has_guards() && !guards_pass(ctx, e, h) {
                continue;
            }
            out.push(finding(ctx, e, h));
            break;
        }
        i = j;
    }
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
    let m = |set: &AltSet, t: Option<&Tok>| t.is_some_and(|t| set.matches(&t.lower, t.kind));
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
    let suggestions = suggestions(ctx.text, e, slot, h.word_start, h.start, h.end);
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

/// The entry's suggestions in the flagged form's slot, with the compound prefix and the case
/// of the original word (`Bestyrelsesformændene` -> `Bestyrelsesforpersonerne`).
pub(crate) fn suggestions(
    text: &str,
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
    for s in &e.suggest {
        let Some(form) = s.inflect(slot) else {
            continue;
        };
        let cased = if upper {
            format!("{prefix}{}", form.to_uppercase())
        } else if prefix.is_empty() {
            apply_case(head, &form)
        } else {
            format!("{prefix}{form}")
        };
        if !out.contains(&cased) {
            out.push(cased);
        }
    }
    out
}
