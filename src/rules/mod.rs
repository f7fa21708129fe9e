//! The rules. Lexicon rules get their candidates from the engine's one automaton scan;
//! ad-level rules read the document's structure. Each produces [`Found`] values in TEXT
//! offsets; the engine maps them to source spans, applies levels and suppressions.

pub mod phrases;
pub mod pronouns;
pub mod structure;
pub mod summary;
pub mod words;

use crate::diagnostic::{Rule, Severity};
use crate::lexicon::Lexicon;
use crate::options::Options;

/// What every rule can read.
pub(crate) struct Ctx<'a> {
    /// The engine's compiled lexicon (built-in entries and the project's).
    pub lexicon: &'a Lexicon,
    /// The normalised text.
    pub text: &'a str,
    /// The same, lowercased (same byte offsets).
    pub lower: &'a str,
    /// The text's tokens, made once (windows are cut from them).
    pub toks: &'a crate::lexicon::pattern::TokenIndex<'a>,
    pub options: &'a Options,
}

/// An automaton hit of a word form that passed the boundary checks.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub entry: u32,
    pub form: u32,
    /// The matched form.
    pub start: usize,
    pub end: usize,
    /// Start of the whole word (before any compound prefix).
    pub word_start: usize,
}

/// A finding in text offsets, before levels and suppressions.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub rule: Rule,
    pub severity: Severity,
    pub start: usize,
    pub end: usize,
    pub message: String,
    pub suggestions: Vec<String>,
    pub entry: Option<String>,
    pub note: Option<String>,
}

/// Byte offset `i` moved back to a char boundary of `s`.
pub(crate) fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The tokens of the sentence containing token `at`.
pub(crate) fn sentence<'t, 'a>(
    toks: &'t [crate::lexicon::pattern::Tok<'a>],
    at: usize,
) -> &'t [crate::lexicon::pattern::Tok<'a>] {
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

/// Byte offset `i` moved forward to a char boundary of `s`.
pub(crate) fn ceil_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Tokens of a window around `start..end` (the word there is whole in the window), borrowing
/// from the lowercased text.
pub(crate) fn window<'a>(
    ctx: &Ctx<'a>,
    start: usize,
    end: usize,
    radius: usize,
) -> Vec<crate::lexicon::pattern::Tok<'a>> {
    window2(ctx, start, end, radius, radius)
}

/// Like [`window`], with separate reach before and after.
pub(crate) fn window2<'a>(
    ctx: &Ctx<'a>,
    start: usize,
    end: usize,
    before: usize,
    after: usize,
) -> Vec<crate::lexicon::pattern::Tok<'a>> {
    let mut out = Vec::new();
    window2_into(ctx, start, end, before, after, &mut out);
    out
}

/// [`window2`] into `out` (cleared first), for a caller that reuses one buffer.
pub(crate) fn window2_into<'a>(
    ctx: &Ctx<'a>,
    start: usize,
    end: usize,
    before: usize,
    after: usize,
    out: &mut Vec<crate::lexicon::pattern::Tok<'a>>,
) {
    let text = ctx.text;
    let from = crate::text::word_start(text, floor_boundary(text, start.saturating_sub(before)));
    let to = crate::text::word_end(text, ceil_boundary(text, end + after));
    out.clear();
    ctx.toks.range_into(from, to, out);
}

/// Apply the case of `matched` (original text) to a lowercase replacement. A mixed case takes
/// the case of its first letter (`FoRmAnD` -> `Forperson`), or, in a hyphenated word with as many
/// parts as the replacement, each part that of its own (`VVS-mand` -> `VVS-montør`).
pub(crate) fn apply_case(matched: &str, replacement: &str) -> String {
    use crate::text::Case;
    if Case::of(matched) == Case::Mixed
        && matched.contains('-')
        && matched.matches('-').count() == replacement.matches('-').count()
    {
        let parts = matched.split('-').zip(replacement.split('-'));
        let cased: Vec<String> = parts
            .map(|(m, r)| Case::for_replacement(m).apply(r))
            .collect();
        return cased.join("-");
    }
    Case::for_replacement(matched).apply(replacement)
}

/// Function words only English has (none of them a Danish word in an ad: «to», «at», «by»,
/// «for», «man» and «her» are Danish words too and are left out).
#[rustfmt::skip]
fn is_english_mark(w: &str) -> bool {
    matches!(w,
        "the" | "and" | "of" | "is" | "are" | "you" | "your" | "we" | "our" | "will" | "with" |
        "an" | "be" | "this" | "that" | "who" | "as" | "on" | "or" | "in" | "from" | "has" |
        "have" | "their" | "they" | "would" | "he" | "she" | "his" | "him" | "must" | "should" |
        "each" | "can" | "it" | "not" | "which" | "about" | "into" | "been" | "was" | "were"
    )
}

/// Function words only Danish has.
#[rustfmt::skip]
fn is_danish_mark(w: &str) -> bool {
    matches!(w,
        "og" | "en" | "et" | "er" | "vi" | "du" | "til" | "med" | "på" | "af" | "som" | "der" |
        "den" | "det" | "har" | "skal" | "kan" | "i" | "om" | "din" | "dit" | "vores" |
        "jeres" | "ikke" | "eller" | "hos" | "være" | "vil"
    )
}

/// Is the sentence of token `i` written in English? Its function words are counted, English
/// against Danish; a sentence with fewer than three (a heading, a title alone) is judged by
/// all of `toks` (the window around it). Ties are Danish: the lexicons are Danish first.
pub(crate) fn english_at(toks: &[crate::lexicon::pattern::Tok<'_>], i: usize) -> bool {
    let count = |ts: &[crate::lexicon::pattern::Tok<'_>]| {
        ts.iter().fold((0usize, 0usize), |(en, da), t| {
            let w: &str = t.lower;
            (
                en + usize::from(is_english_mark(w)),
                da + usize::from(is_danish_mark(w)),
            )
        })
    };
    let (en, da) = count(sentence(toks, i));
    if en + da >= 3 {
        return en > da;
    }
    let (en, da) = count(toks);
    en > da
}

/// Is the text around `start..end` English (see [`english_at`])?
pub(crate) fn english_around(ctx: &Ctx<'_>, start: usize, end: usize) -> bool {
    let toks = window(ctx, start, end, 300);
    toks.iter()
        .position(|t| t.start <= start && start < t.end.max(t.start + 1))
        .is_some_and(|i| english_at(&toks, i))
}
