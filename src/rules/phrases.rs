//! `gendered-phrase`, `sex-preference`, `age-preference`: token patterns matched around the
//! anchor words the automaton found, within one sentence. An earlier phrase in the lexicon
//! wins an overlap, so specific patterns (lawful or legal-age exceptions) come first.

use super::{window, Ctx, Found};
use crate::lexicon::pattern::Tok;
use crate::lexicon::PhraseEntry;
use crate::messages;
use crate::options::Lang;

struct Match {
    phrase: usize,
    start: usize,
    end: usize,
    suggestions: Vec<String>,
}

pub(crate) fn check(ctx: &Ctx<'_>, mut anchors: Vec<(u32, usize, usize)>, out: &mut Vec<Found>) {
    anchors.sort_unstable();
    anchors.dedup();
    let phrases = &ctx.engine.lexicon.phrases;
    let mut matches: Vec<Match> = Vec::new();
    let mut cache: Option<(usize, usize, Vec<Tok>)> = None;
    for (p, ws, we) in anchors {
        let ph = &phrases[p as usize];
        // One token window per anchor word (reused when several phrases share it).
        let toks = match &cache {
            Some((s, e, t)) if *s == ws && *e == we => t,
            _ => {
                cache = Some((ws, we, window(ctx.text, ws, we, 320)));
                &cache.as_ref().map(|c| &c.2).expect("just set")[..]
            }
        };
        let Some(at) = toks.iter().position(|t| t.start == ws) else {
            continue;
        };
        let Some(pm) = ph.pattern.match_at(toks, at) else {
            continue;
        };
        if !ph.unless.is_empty()
            && sentence(toks, at)
                .iter()
                .any(|t| ph.unless.matches(&t.lower, t.kind))
        {
            continue;
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
        matches.push(Match {
            phrase: p as usize,
            start,
            end,
            suggestions,
        });
    }
    // Earlier phrases win overlaps; among one phrase, the earlier match.
    matches.sort_by_key(|m| (m.phrase, m.start));
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for m in matches {
        if taken.iter().any(|&(s, e)| m.start < e && s < m.end) {
            continue;
        }
        taken.push((m.start, m.end));
        out.push(finding(ctx, &phrases[m.phrase], m));
    }
}

/// The tokens of the sentence containing token `at`.
fn sentence(toks: &[Tok], at: usize) -> &[Tok] {
    let mut s = at;
    while s > 0 && !toks[s].brk {
        s -= 1;
    }
    let mut e = at + 1;
    while e < toks.len() && !toks[e].brk {
        e += 1;
    }
    &toks[s..e]
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
    let rationale = if lang == Lang::En {
        &ph.rationale_en
    } else {
        &ph.rationale
    };
    Found {
        rule: ph.rule,
        severity: ph.severity,
        start: m.start,
        end: m.end,
        message: messages::finding(ph.rule, lang, text, rationale, &m.suggestions),
        suggestions: m.suggestions,
        entry: Some(ph.id.clone()),
        note: Some(messages::note(lang, &ph.source)),
    }
}
