//! One [`Document`] per input: the original source, the prose the rules read (the
//! "normalised text"), an offset map from that text back to the source, and the ad's
//! structure (headings, paragraphs, list items) and inline suppression comments.
//!
//! Rules only ever see `text`; every span they produce is mapped back with
//! [`Document::source_span`], so spans always point into the original input.

use std::borrow::Cow;

use crate::diagnostic::{Rule, Span};
pub use crate::format::Format;

/// A structural block of the ad, in TEXT offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Heading,
    Paragraph,
    ListItem,
}

/// An inline suppression comment, in SOURCE offsets (`<!-- biasvask-disable gendered-term -->`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Directive {
    pub kind: DirectiveKind,
    /// Where the comment is in the source.
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirectiveKind {
    /// Nothing is flagged on the next line that has text.
    IgnoreNextLine,
    /// Disable one rule (or all, `None`) until a matching enable.
    Disable(Option<Rule>),
    Enable(Option<Rule>),
}

/// A segment of the offset map: `text[text..text+text_len]` came from
/// `source[src..src+src_len]`. Verbatim segments have equal lengths and map byte for byte;
/// replaced segments (an entity, an inserted line break) map as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Seg {
    text: usize,
    src: usize,
    text_len: usize,
    src_len: usize,
    verbatim: bool,
}

/// Maps normalised-text offsets back to source offsets.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    /// Empty means identity (plain text).
    segs: Vec<Seg>,
    /// The combining marks left out of the text because they compose with nothing
    /// ([`compose`]: «o» + U+030A), in text order: each at the text offset just after the letter
    /// it belongs to. The letter's segment covers the mark in the source, so a span never
    /// splits the two; a suggestion gets the marks back where it keeps the letters
    /// ([`Document::keep_marks`]).
    marks: Vec<(usize, char)>,
}

impl OffsetMap {
    /// Source offset of text offset `off`. `end` selects the side for a replaced segment:
    /// a span's start maps to the segment's start, its end to the segment's end.
    pub fn to_source(&self, off: usize, end: bool) -> usize {
        if self.segs.is_empty() {
            return off;
        }
        // The segment containing `off` (for ends: the one containing `off - 1`).
        let probe = if end && off > 0 { off - 1 } else { off };
        self.source_at(self.locate(probe), off, end)
    }

    /// The source offsets of a text span's start and end, as [`OffsetMap::to_source`] gives
    /// them; a span of one byte looks its segment up once (both ends probe the same offset).
    fn to_source_span(&self, start: usize, end: usize) -> (usize, usize) {
        self.to_source_span_near(&mut 0, start, end)
    }

    /// [`OffsetMap::to_source_span`] for spans met in text order: the segment of the last
    /// span's end (`hint`) and the one after it are tried before the segments are searched
    /// (the characters of a finding, walked one by one by the fixer, are mostly in one of the
    /// two). A segment that holds the offset is the one the search finds (they do not
    /// overlap), so the hint changes the cost, never the answer.
    fn to_source_span_near(&self, hint: &mut usize, start: usize, end: usize) -> (usize, usize) {
        if self.segs.is_empty() {
            return (start, end);
        }
        let holds = |i: usize, probe: usize| {
            self.segs
                .get(i)
                .is_some_and(|s| s.text <= probe && probe < s.text + s.text_len.max(1))
        };
        let near = |h: usize, probe: usize| {
            if holds(h, probe) {
                Ok(h)
            } else if holds(h + 1, probe) {
                Ok(h + 1)
            } else {
                self.locate(probe)
            }
        };
        // As `to_source`: the start probes itself, the end the byte before it.
        let probe_end = if end > 0 { end - 1 } else { end };
        let at_start = near(*hint, start);
        let at_end = if probe_end == start {
            at_start
        } else {
            near(at_start.unwrap_or(*hint), probe_end)
        };
        if let Ok(i) = at_end {
            *hint = i;
        }
        (
            self.source_at(at_start, start, false),
            self.source_at(at_end, end, true),
        )
    }

    /// The segment holding text offset `probe` (`Err`: where it would go).
    fn locate(&self, probe: usize) -> Result<usize, usize> {
        self.segs.binary_search_by(|s| {
            if probe < s.text {
                std::cmp::Ordering::Greater
            } else if probe >= s.text + s.text_len.max(1) {
                std::cmp::Ordering::Less
            } else {
                std::cmp::Ordering::Equal
            }
        })
    }

    /// [`OffsetMap::to_source`] of `off` in the segment [`OffsetMap::locate`] found.
    fn source_at(&self, at: Result<usize, usize>, off: usize, end: bool) -> usize {
        let idx = match at {
            Ok(i) => i,
            Err(i) => {
                // Past the end (or an empty segment): clamp to the nearest segment.
                if i == 0 {
                    return self.segs[0].src;
                }
                let s = self.segs[i - 1];
                return s.src + s.src_len;
            }
        };
        let s = self.segs[idx];
        if s.verbatim {
            s.src + (off - s.text).min(s.src_len)
        } else if end {
            s.src + s.src_len
        } else {
            s.src
        }
    }

    /// The marks left out of the text that belong to a letter of `start..end` (each is kept at
    /// the offset just after its letter).
    fn marks_in(&self, start: usize, end: usize) -> &[(usize, char)] {
        if self.marks.is_empty() {
            return &[];
        }
        let a = self.marks.partition_point(|m| m.0 <= start);
        let b = self.marks.partition_point(|m| m.0 <= end);
        &self.marks[a..b.max(a)]
    }

    /// Text offset of source offset `off`, the inverse of [`OffsetMap::to_source`]. A start
    /// (`end == false`) inside a replaced segment maps to the segment's start and one in
    /// markup left out of the text to the next text; an end maps to the segment's end, or to
    /// the end of the text before the markup.
    pub fn to_text(&self, off: usize, end: bool) -> usize {
        if self.segs.is_empty() {
            return off;
        }
        if end {
            // The last segment that starts before `off`.
            let i = self.segs.partition_point(|s| s.src < off);
            let Some(s) = i.checked_sub(1).map(|i| self.segs[i]) else {
                return 0;
            };
            if s.verbatim && off <= s.src + s.src_len {
                s.text + (off - s.src)
            } else {
                s.text + s.text_len
            }
        } else {
            // The first segment that ends after `off`.
            let i = self.segs.partition_point(|s| s.src + s.src_len <= off);
            let Some(s) = self.segs.get(i) else {
                let last = self.segs[self.segs.len() - 1];
                return last.text + last.text_len;
            };
            if s.verbatim && s.src <= off {
                s.text + (off - s.src)
            } else {
                s.text
            }
        }
    }
}

/// Characters that are invisible in a rendered ad and may sit inside a word: the soft hyphen
/// (U+00AD, `&shy;`) and the zero-width space, non-joiner, joiner, word joiner and no-break
/// space (U+200B, U+200C, U+200D, U+2060, U+FEFF). They are left out of the normalised text,
/// so «for&shy;mand» is matched as «formand»; the span still covers them in the source.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
    )
}

/// A combining diacritical mark (U+0300-U+036F).
fn is_combining(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// Could `s` hold an invisible character or a combining mark? A byte test on their UTF-8
/// lead bytes (0xC2 for U+00AD, 0xCC/0xCD for U+0300-U+036F, 0xE2 for U+200B-U+2060, 0xEF
/// for U+FEFF): false for almost every ad, which is then copied unchanged.
///
/// HTML hands text over in short pieces (a few words between tags or entities), so a piece is
/// read a byte at a time: the `memchr` calls cost more to set up than such a piece takes to read.
pub(crate) fn needs_normalising(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() >= 64 {
        return needs_normalising_long(b);
    }
    b.iter().enumerate().any(|(i, &x)| match x {
        0xCC | 0xCD | 0xEF => true,
        0xC2 => b.get(i + 1) == Some(&0xAD),
        0xE2 => matches!(
            b.get(i + 1..i + 3),
            Some([0x80, 0x8B..=0x8D]) | Some([0x81, 0xA0])
        ),
        _ => false,
    })
}

/// [`needs_normalising`] by `memchr` (a long text, and the oracle of its test).
fn needs_normalising_long(b: &[u8]) -> bool {
    memchr::memchr3(0xCC, 0xCD, 0xEF, b).is_some()
        || memchr::memchr2_iter(0xC2, 0xE2, b).any(|i| match b[i] {
            0xC2 => b.get(i + 1) == Some(&0xAD),
            _ => matches!(
                b.get(i + 1..i + 3),
                Some([0x80, 0x8B..=0x8D]) | Some([0x81, 0xA0])
            ),
        })
}

/// The precomposed letter for `base` + combining `mark`, for the Latin-1 letters a Danish ad
/// uses (å, é, ü, ö, ç, ñ ...). Canonical composition (NFC) limited to this small table on
/// purpose: no Unicode-normalisation dependency for a handful of letters. æ and ø have no
/// decomposition; a mark this table does not know is left out of the text (see
/// [`TextBuilder::push_verbatim`]).
pub fn compose(base: char, mark: char) -> Option<char> {
    let (bases, composed): (&str, &str) = match mark {
        '\u{300}' => ("AEIOUaeiou", "ÀÈÌÒÙàèìòù"),
        '\u{301}' => ("AEIOUYaeiouy", "ÁÉÍÓÚÝáéíóúý"),
        '\u{302}' => ("AEIOUaeiou", "ÂÊÎÔÛâêîôû"),
        '\u{303}' => ("ANOano", "ÃÑÕãñõ"),
        '\u{308}' => ("AEIOUaeiouy", "ÄËÏÖÜäëïöüÿ"),
        '\u{30a}' => ("Aa", "Åå"),
        '\u{327}' => ("Cc", "Çç"),
        _ => return None,
    };
    let i = bases.chars().position(|b| b == base)?;
    composed.chars().nth(i)
}

/// Builds the normalised text and its offset map, segment by segment, in source order.
#[derive(Debug, Default)]
pub struct TextBuilder {
    text: String,
    segs: Vec<Seg>,
    /// See [`OffsetMap::marks`].
    marks: Vec<(usize, char)>,
}

impl TextBuilder {
    pub fn new() -> TextBuilder {
        TextBuilder::default()
    }

    /// A builder with room for `text` bytes of text and `segs` segments, so that neither is
    /// grown step by step (the text of a source is at most about as long as the source).
    pub fn with_capacity(text: usize, segs: usize) -> TextBuilder {
        TextBuilder {
            text: String::with_capacity(text),
            segs: Vec::with_capacity(segs),
            marks: Vec::new(),
        }
    }

    /// The text so far.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Copy `s`, which is `source[src..src + s.len()]`, normalised for matching: invisible
    /// characters ([`is_invisible`]: soft hyphens, zero-width characters) are left out and a
    /// letter followed by a combining mark is composed ([`compose`]); everything else is copied
    /// byte for byte.
    pub fn push_verbatim(&mut self, src: usize, s: &str) {
        if !needs_normalising(s) {
            self.push_copy(src, s);
            return;
        }
        let mut copied = 0;
        for (i, c) in s.char_indices() {
            if i < copied {
                continue;
            }
            let end = i + c.len_utf8();
            if is_invisible(c) {
                self.push_copy(src + copied, &s[copied..i]);
                copied = end;
            } else if is_combining(c) {
                self.push_copy(src + copied, &s[copied..i]);
                self.push_mark(src + i, src + end, c);
                copied = end;
            }
        }
        self.push_copy(src + copied, &s[copied..]);
    }

    /// Compose combining mark `mark` (from `source[src_start..src_end]`) with the letter the
    /// text ends in, when that letter came right before it in the source and the pair has a
    /// precomposed form. A mark that composes with nothing is left out of the text but stays
    /// with its letter: the letter's segment grows over it in the source (a span that ends
    /// after the letter ends after the mark: a grapheme is never split), and the mark is kept
    /// in [`OffsetMap::marks`]. A mark with no letter right before it (the text's first
    /// character, or after markup or an invisible character) is left out.
    fn push_mark(&mut self, src_start: usize, src_end: usize, mark: char) {
        let Some(base) = self.text.chars().next_back() else {
            return;
        };
        let Some(last) = self.segs.last_mut() else {
            return;
        };
        let blen = base.len_utf8();
        let len = self.text.len();
        if !(last.text + last.text_len == len
            && last.text_len >= blen
            && last.src + last.src_len == src_start)
        {
            return;
        }
        let composed = compose(base, mark);
        if last.verbatim {
            // The letter gets a segment of its own, which covers the mark too.
            last.text_len -= blen;
            last.src_len -= blen;
            let base_src = last.src + last.src_len;
            if last.text_len == 0 {
                self.segs.pop();
            }
            self.text.truncate(len - blen);
            let mut buf = [0u8; 4];
            let letter = match composed {
                Some(c) => c.encode_utf8(&mut buf),
                None => base.encode_utf8(&mut buf),
            };
            self.push_replaced_raw(base_src, src_end, letter);
        } else {
            // A replaced segment (an entity, a composed letter, a letter with a mark already):
            // it grows over the mark, and its last letter composes with it.
            last.src_len = src_end - last.src;
            if let Some(c) = composed {
                last.text_len = last.text_len - blen + c.len_utf8();
                self.text.truncate(len - blen);
                self.text.push(c);
            }
        }
        let end = self.text.len();
        if composed.is_some() {
            // Marks kept for the letter before it composed move to its new end.
            for m in self.marks.iter_mut().rev().take_while(|m| m.0 == len) {
                m.0 = end;
            }
        } else {
            self.marks.push((end, mark));
        }
    }

    /// Copy `s`, which is `source[src..src + s.len()]`, unchanged.
    fn push_copy(&mut self, src: usize, s: &str) {
        if s.is_empty() {
            return;
        }
        if let Some(last) = self.segs.last_mut() {
            if last.verbatim
                && last.src + last.src_len == src
                && last.text + last.text_len == self.text.len()
            {
                last.text_len += s.len();
                last.src_len += s.len();
                self.text.push_str(s);
                return;
            }
        }
        self.segs.push(Seg {
            text: self.text.len(),
            src,
            text_len: s.len(),
            src_len: s.len(),
            verbatim: true,
        });
        self.text.push_str(s);
    }

    /// Put `replacement` in the text for `source[src_start..src_end]` (an entity, a tag that
    /// becomes a line break, or an inserted break with `src_start == src_end`).
    ///
    /// The replacement is normalised like verbatim text: a decoded `&shy;` or `&#8203;` adds
    /// nothing, and a decoded combining mark (`a&#x30a;`) composes with the letter before it.
    pub fn push_replaced(&mut self, src_start: usize, src_end: usize, replacement: &str) {
        if !needs_normalising(replacement) {
            self.push_replaced_raw(src_start, src_end, replacement);
            return;
        }
        let mut clean = String::with_capacity(replacement.len());
        for c in replacement.chars() {
            if is_invisible(c) {
                continue;
            }
            if is_combining(c) {
                match clean.pop() {
                    // A mark first: it belongs to the letter the text ends in.
                    None => self.push_mark(src_start, src_end, c),
                    Some(prev) => {
                        let after = self.text.len() + clean.len() + prev.len_utf8();
                        match compose(prev, c) {
                            Some(composed) => {
                                clean.push(composed);
                                let end = self.text.len() + clean.len();
                                for m in self.marks.iter_mut().rev().take_while(|m| m.0 == after) {
                                    m.0 = end;
                                }
                            }
                            None => {
                                clean.push(prev);
                                self.marks.push((after, c));
                            }
                        }
                    }
                }
                continue;
            }
            clean.push(c);
        }
        self.push_replaced_raw(src_start, src_end, &clean);
    }

    fn push_replaced_raw(&mut self, src_start: usize, src_end: usize, replacement: &str) {
        if replacement.is_empty() {
            return;
        }
        self.segs.push(Seg {
            text: self.text.len(),
            src: src_start,
            text_len: replacement.len(),
            src_len: src_end - src_start,
            verbatim: false,
        });
        self.text.push_str(replacement);
    }

    /// End the current block with a line break (unless the text already ends with one).
    pub fn push_break(&mut self, src: usize) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.push_replaced(src, src, "\n");
        }
    }

    pub fn finish(self) -> (String, OffsetMap) {
        (
            self.text,
            OffsetMap {
                segs: self.segs,
                marks: self.marks,
            },
        )
    }
}

/// A parsed input.
#[derive(Debug, Clone)]
pub struct Document<'a> {
    source: &'a str,
    text: Cow<'a, str>,
    map: OffsetMap,
    /// Headings, paragraphs and list items, in text offsets, in order.
    pub blocks: Vec<Block>,
    /// Inline suppression comments, in source offsets, in order.
    pub directives: Vec<Directive>,
    /// Source ranges, in order and apart, whose text is read like any text but is markup too:
    /// a fix never edits it (`fix::Fixer::edit` reads it as markup). The text of a
    /// Markdown shortcut or collapsed reference link (`[Formand]`, `[Formand][]`) is the label
    /// that finds its definition (`[formand]: https://...`); changed, the link is gone.
    pub locked: Vec<Span>,
}

impl<'a> Document<'a> {
    /// A document whose text is its source, unchanged (plain text without invisible
    /// characters; see [`Document::plain`]).
    pub(crate) fn borrowed(source: &'a str, blocks: Vec<Block>) -> Document<'a> {
        Document {
            source,
            text: Cow::Borrowed(source),
            map: OffsetMap::default(),
            blocks,
            directives: Vec::new(),
            locked: Vec::new(),
        }
    }

    /// A document from parts made by an input parser.
    pub fn from_parts(
        source: &'a str,
        text: String,
        map: OffsetMap,
        blocks: Vec<Block>,
        directives: Vec<Directive>,
    ) -> Document<'a> {
        Document {
            source,
            text: Cow::Owned(text),
            map,
            blocks,
            directives,
            locked: Vec::new(),
        }
    }

    /// This document with `locked` source ranges (see [`Document::locked`]): in order, apart.
    pub fn with_locked(mut self, locked: Vec<Span>) -> Document<'a> {
        self.locked = locked;
        self
    }

    pub fn source(&self) -> &'a str {
        self.source
    }

    /// The prose the rules read.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The normalised text a source span was read as: entities decoded, invisible characters
    /// left out, markup dropped (`reng&oslash;ringsdame` -> `rengøringsdame`). Front ends use
    /// it where a finding is named or compared (action titles, allow-list entries); the span
    /// itself stays in source offsets.
    pub fn text_of(&self, span: Span) -> &str {
        let s = self.map.to_text(span.start, false);
        let e = self.map.to_text(span.end, true);
        if s >= e {
            return "";
        }
        self.text.get(s..e).unwrap_or("")
    }

    /// The text of `start..end` with the combining marks the text left out ([`OffsetMap`]'s
    /// marks: «o» + U+030A) put back after their letters: the letters as the source writes them.
    pub fn marked(&self, start: usize, end: usize) -> Cow<'_, str> {
        let text = self.text.get(start..end).unwrap_or("");
        let marks = self.map.marks_in(start, end);
        if marks.is_empty() {
            return Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len() + 2 * marks.len());
        let mut at = start;
        for &(o, m) in marks {
            out.push_str(&self.text[at..o]);
            out.push(m);
            at = o;
        }
        out.push_str(&self.text[at..end]);
        Cow::Owned(out)
    }

    /// `replacement` for the text of `start..end`, with the combining marks the text left out
    /// put back on the letters it keeps: the common start and end of the two (the compound's
    /// first part, an ending) are written as the source writes them, so a suggestion for
    /// «rengo\u{30a}ringsdame» is «rengo\u{30a}ringsmedarbejder», the fix that keeps the rest
    /// of the source. A mark on a letter the replacement changes goes with the letter.
    pub fn keep_marks(&self, start: usize, end: usize, replacement: String) -> String {
        let Some(t) = self.text.get(start..end) else {
            return replacement;
        };
        if self.map.marks_in(start, end).is_empty() {
            return replacement;
        }
        let p = crate::text::common_prefix(t, &replacement);
        let q = crate::text::common_suffix(&t[p..], &replacement[p..]);
        let mut out = self.marked(start, start + p).into_owned();
        out.push_str(&replacement[p..replacement.len() - q]);
        out.push_str(&self.marked(end - q, end));
        out
    }

    /// Map a span of the normalised text to the original source, on char boundaries.
    pub fn source_span(&self, start: usize, end: usize) -> Span {
        let (s, e) = self.map.to_source_span(start, end);
        self.on_char_boundaries(s, e)
    }

    /// [`Document::source_span`] for spans met in text order, with the place of the last one
    /// (`hint`, 0 at first) to look near.
    pub(crate) fn source_span_near(&self, hint: &mut usize, start: usize, end: usize) -> Span {
        let (s, e) = self.map.to_source_span_near(hint, start, end);
        self.on_char_boundaries(s, e)
    }

    fn on_char_boundaries(&self, s: usize, e: usize) -> Span {
        let mut s = s.min(self.source.len());
        let mut e = e.min(self.source.len()).max(s);
        while !self.source.is_char_boundary(s) {
            s -= 1;
        }
        while !self.source.is_char_boundary(e) {
            e += 1;
        }
        Span::new(s, e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The source span of a text span found near the last one is the one found by a search,
    /// for every character of every ad as HTML and Markdown, in text order and out of it.
    #[test]
    fn a_span_found_near_the_last_is_the_span_searched() {
        let mut n = 0;
        for t in crate::test_ads::all_texts().iter().take(120) {
            let html = format!(
                "<p>{}</p>",
                t.replace('ø', "&oslash;").replace("\n\n", "</p><p>")
            );
            for (src, format) in [(&html, crate::Format::Html), (t, crate::Format::Markdown)] {
                let doc = Document::parse(src, format);
                let text = doc.text();
                // The search alone: each end located on its own.
                let searched =
                    |i: usize, e: usize| (doc.map.to_source(i, false), doc.map.to_source(e, true));
                let mut near = 0;
                for (i, c) in text.char_indices() {
                    let e = i + c.len_utf8();
                    assert_eq!(doc.map.to_source_span_near(&mut near, i, e), searched(i, e));
                    assert_eq!(doc.map.to_source_span(i, e), searched(i, e));
                    n += 1;
                }
                let mut near = 0;
                for (i, c) in text.char_indices().rev().step_by(3) {
                    let e = i + c.len_utf8();
                    assert_eq!(doc.map.to_source_span_near(&mut near, i, e), searched(i, e));
                }
            }
        }
        assert!(n > 100_000, "{n}");
    }

    /// The byte walk for short pieces answers as the `memchr` search: on every piece of up to
    /// 63 bytes of every ad and of text around each character it looks for.
    #[test]
    fn short_pieces_need_normalising_as_long_ones() {
        let mut texts = crate::test_ads::all_texts();
        let marks = "\u{AD}\u{A0}\u{300}\u{36F}\u{200B}\u{200D}\u{2060}\u{2061}\u{FEFF}\u{2000}æ€—";
        for m in marks.chars() {
            for at in (0..70).step_by(3) {
                texts.push(format!("{}{m}{}", "æb".repeat(at / 2), "c".repeat(70 - at)));
            }
        }
        let mut n = 0;
        for t in &texts {
            let cuts: Vec<usize> = (0..=t.len()).filter(|&i| t.is_char_boundary(i)).collect();
            for (k, &a) in cuts.iter().enumerate().step_by(5) {
                for &z in cuts[k..].iter().take_while(|&&z| z - a < 64) {
                    let piece = &t[a..z];
                    assert_eq!(
                        needs_normalising(piece),
                        needs_normalising_long(piece.as_bytes()),
                        "{piece:?}"
                    );
                    n += usize::from(needs_normalising(piece));
                }
            }
        }
        assert!(n > 5000, "{n} pieces need normalising");
    }

    #[test]
    fn builder_maps_entities_and_breaks() {
        // source: "<p>reng&oslash;ringsdame</p><p>ok</p>"
        let src = "<p>reng&oslash;ringsdame</p><p>ok</p>";
        let mut b = TextBuilder::new();
        b.push_verbatim(3, "reng");
        b.push_replaced(7, 15, "ø");
        b.push_verbatim(15, "ringsdame");
        b.push_break(24);
        b.push_verbatim(31, "ok");
        let (text, map) = b.finish();
        assert_eq!(text, "rengøringsdame\nok");
        let doc = Document::from_parts(src, text.clone(), map, vec![], vec![]);
        let span = doc.source_span(0, "rengøringsdame".len());
        assert_eq!(&src[span.range()], "reng&oslash;ringsdame");
        let ok = text.find("ok").unwrap();
        assert_eq!(&src[doc.source_span(ok, ok + 2).range()], "ok");
        // A span that starts inside the entity starts at the entity.
        let s = doc.source_span(4, 6);
        assert_eq!(&src[s.range()], "&oslash;");
        // And back: the source span of a finding reads as the decoded text.
        assert_eq!(doc.text_of(span), "rengøringsdame");
        assert_eq!(doc.text_of(Span::new(3, 11)), "rengø");
        assert_eq!(doc.text_of(Span::new(0, src.len())), "rengøringsdame\nok");
        assert_eq!(doc.text_of(Span::new(0, 3)), "");
        assert_eq!(doc.text_of(Span::new(8, 10)), "ø");
    }

    #[test]
    fn invisible_characters_are_left_out_and_marks_composed() {
        let src =
            "For\u{ad}mand og ha\u{30a}ndværks\u{200b}mand, HA\u{30a}ND, cafe\u{301}, x\u{301}y";
        let d = Document::plain(src);
        assert_eq!(d.text(), "Formand og håndværksmand, HÅND, café, xy");
        let span = |needle: &str| {
            let i = d.text().find(needle).unwrap();
            &src[d.source_span(i, i + needle.len()).range()]
        };
        assert_eq!(span("Formand"), "For\u{ad}mand");
        assert_eq!(span("håndværksmand"), "ha\u{30a}ndværks\u{200b}mand");
        assert_eq!(span("å"), "a\u{30a}");
        assert_eq!(span("HÅND"), "HA\u{30a}ND");
        assert_eq!(span("café"), "cafe\u{301}");
        assert_eq!(span("xy"), "x\u{301}y");
        // A source span with invisible characters and marks reads as the composed text.
        let whole = |needle: &str| {
            d.text_of(Span::new(
                src.find(needle).unwrap(),
                src.find(needle).unwrap() + needle.len(),
            ))
        };
        assert_eq!(whole("For\u{ad}mand"), "Formand");
        assert_eq!(whole("ha\u{30a}ndværks\u{200b}mand"), "håndværksmand");
        // Text without them is borrowed as it is.
        assert!(matches!(
            Document::plain("Formand på lageret").text,
            Cow::Borrowed(_)
        ));
    }

    /// A mark that composes with nothing is left out of the text but stays with its letter: a
    /// span that ends after the letter ends after the mark, and `marked`/`keep_marks` give the
    /// letters back as the source writes them.
    #[test]
    fn a_mark_that_composes_with_nothing_stays_with_its_letter() {
        let src = "formand\u{30a} rengo\u{30a}rings\u{331}\u{331}dame A\u{331}\u{30a}b";
        let d = Document::plain(src);
        assert_eq!(d.text(), "formand rengoringsdame Åb");
        let span = |needle: &str| {
            let i = d.text().find(needle).unwrap();
            &src[d.source_span(i, i + needle.len()).range()]
        };
        assert_eq!(span("formand"), "formand\u{30a}");
        assert_eq!(span("d"), "d\u{30a}");
        assert_eq!(span("forman"), "forman");
        assert_eq!(span("rengo"), "rengo\u{30a}");
        assert_eq!(
            span("rengoringsdame"),
            "rengo\u{30a}rings\u{331}\u{331}dame"
        );
        // A letter that composes after a kept mark: the mark follows the composed letter.
        assert_eq!(span("Åb"), "A\u{331}\u{30a}b");
        let at = |needle: &str| {
            let i = d.text().find(needle).unwrap();
            (i, i + needle.len())
        };
        let (s, e) = at("rengoringsdame");
        assert_eq!(d.marked(s, e), "rengo\u{30a}rings\u{331}\u{331}dame");
        assert_eq!(
            d.keep_marks(s, e, "rengoringsmedarbejder".into()),
            "rengo\u{30a}rings\u{331}\u{331}medarbejder"
        );
        // A mark on a letter the replacement changes goes with the letter.
        let (s, e) = at("formand");
        assert_eq!(d.keep_marks(s, e, "forperson".into()), "forperson");
        assert_eq!(d.keep_marks(s, e, "formanden".into()), "formand\u{30a}en");
        let (s, e) = at("Åb");
        assert_eq!(d.marked(s, e), "Å\u{331}b");
        assert_eq!(d.text_of(Span::new(0, "formand\u{30a}".len())), "formand");
        // A mark as an entity, and a mark inside a decoded replacement.
        let src = "<p>o&#x30a;x</p>";
        let mut b = TextBuilder::new();
        b.push_verbatim(3, "o");
        b.push_replaced(4, 11, "\u{30a}");
        b.push_verbatim(11, "x");
        b.push_replaced(12, 12, "q\u{331}z");
        let (text, map) = b.finish();
        assert_eq!(text, "oxqz");
        let doc = Document::from_parts(src, text, map, vec![], vec![]);
        assert_eq!(&src[doc.source_span(0, 1).range()], "o&#x30a;");
        assert_eq!(doc.marked(0, 4), "o\u{30a}xq\u{331}z");
    }

    #[test]
    fn entities_for_invisible_characters_and_marks() {
        // source: "<p>for&shy;mand ha&#x30a;nd</p>"
        let src = "<p>for&shy;mand ha&#x30a;nd</p>";
        let mut b = TextBuilder::new();
        b.push_verbatim(3, "for");
        b.push_replaced(6, 11, "\u{ad}");
        b.push_verbatim(11, "mand ha");
        b.push_replaced(18, 25, "\u{30a}");
        b.push_verbatim(25, "nd");
        let (text, map) = b.finish();
        assert_eq!(text, "formand hånd");
        let doc = Document::from_parts(src, text.clone(), map, vec![], vec![]);
        assert_eq!(&src[doc.source_span(0, 7).range()], "for&shy;mand");
        let h = text.find("hånd").unwrap();
        assert_eq!(&src[doc.source_span(h, text.len()).range()], "ha&#x30a;nd");
    }

    #[test]
    fn plain_is_identity() {
        let d = Document::plain("Formanden 😀 søges");
        assert_eq!(d.source_span(0, 9), Span::new(0, 9));
        assert_eq!(d.text(), d.source());
    }
}
