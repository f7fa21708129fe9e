//! The rules. Lexicon rules get their candidates from the engine's one automaton scan;
//! ad-level rules read the document's structure. Each produces [`Found`] values in TEXT
//! offsets; the engine maps them to source spans, applies levels and suppressions.

pub mod phrases;
pub mod pronouns;
pub mod structure;
pub mod summary;
pub mod words;

use crate::diagnostic::{Rule, Severity};
use crate::engine::Engine;
use crate::options::Options;

/// What every rule can read.
pub(crate) struct Ctx<'a> {
    pub engine: &'a Engine,
    /// The normalised text.
    pub text: &'a str,
    /// The same, lowercased (same byte offsets).
    pub lower: &'a str,
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
    let text = ctx.text;
    let from = crate::text::word_start(text, floor_boundary(text, start.saturating_sub(before)));
    let to = crate::text::word_end(text, ceil_boundary(text, end + after));
    crate::lexicon::pattern::tokenize_in(text, ctx.lower, from, to)
}

/// Start of the sentence `n` sentences back from byte `i` (1 = the sentence containing `i`),
/// looking at most `limit` bytes back. Sentence boundaries are Unicode's (UAX #29, via
/// unicode-segmentation), which keeps "kl. 7", "f.eks. en" and "eksempel.dk" inside a sentence.
pub(crate) fn sentence_start(text: &str, i: usize, n: usize, limit: usize) -> usize {
    use unicode_segmentation::UnicodeSegmentation;
    let i = floor_boundary(text, i);
    let floor = floor_boundary(text, i.saturating_sub(limit));
    // Segment up to the end of the word at `i`, so the last sentence is the one containing it.
    let to = crate::text::word_end(text, i).max(i);
    let starts: Vec<usize> = text[floor..to]
        .split_sentence_bound_indices()
        .map(|(k, _)| floor + k)
        .filter(|&k| k <= i)
        .collect();
    if starts.is_empty() {
        return i;
    }
    let idx = starts.len().saturating_sub(n);
    starts[idx]
}

/// End of the sentence containing byte `i`, at most `limit` bytes on (UAX #29).
pub(crate) fn sentence_end(text: &str, i: usize, limit: usize) -> usize {
    use unicode_segmentation::UnicodeSegmentation;
    let i = floor_boundary(text, i);
    let ceil = ceil_boundary(text, i + limit);
    let from = sentence_start(text, i, 1, limit);
    let mut end = ceil;
    for (k, s) in text[from..ceil].split_sentence_bound_indices() {
        let (a, b) = (from + k, from + k + s.len());
        if a <= i && i < b {
            end = b;
            break;
        }
    }
    end
}

/// Apply the case of `matched` (original text) to a lowercase replacement.
pub(crate) fn apply_case(matched: &str, replacement: &str) -> String {
    crate::text::Case::of(matched).apply(replacement)
}

#[cfg(test)]
mod tests {
    use super::{sentence_end, sentence_start};

    #[test]
    fn sentences_follow_uax29_and_keep_abbreviations_and_hosts_inside() {
        let t = "Ring til Hans Lindholt. Han træffes kl. 7, før han kører. Skriv til job@eksempel.dk. Hun svarer.";
        let han = t.find("han kører").unwrap();
        assert_eq!(
            &t[sentence_start(t, han, 1, 500)..han],
            "Han træffes kl. 7, før "
        );
        assert_eq!(
            &t[sentence_start(t, han, 2, 500)..han],
            "Ring til Hans Lindholt. Han træffes kl. 7, før "
        );
        let hun = t.find("Hun").unwrap();
        assert_eq!(
            &t[sentence_start(t, hun, 2, 500)..hun],
            "Skriv til job@eksempel.dk. "
        );
        assert_eq!(&t[han..sentence_end(t, han, 500)].trim_end(), &"han kører.");
    }
}
