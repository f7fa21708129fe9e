//! Linting the same document again after a small edit ([`Engine::lint_cached`]): the work
//! whose inputs did not change is taken from a [`LintCache`] instead of being done again.
//!
//! Two units of work are kept, each keyed by ALL the text it reads, compared byte for byte
//! (a hash only picks the bucket), so a hit gives by construction what the work would give:
//!
//! - **word rules** (gendered terms, phrases, pronouns): per chunk of the text (paragraphs cut
//!   at blank lines, at least [`MIN_CHUNK`] bytes; a long paragraph is cut at a line break
//!   after [`MAX_CHUNK`]), the findings that start in the chunk, computed by running the word
//!   rules on the candidates found in the chunk, with [`Engine::word_context`] bytes of text
//!   on each side (widened to whole lines) for them to read. No rule reads further from a candidate than that (their windows are at most
//!   400 bytes, a phrase's its tokens times 32, the walks to a word's or token's start stop at
//!   a line break), no finding and no candidate spans a line break, and a window that reaches
//!   back over spaces to a line break reads the same as one that reaches the start of the
//!   text. The key is that whole stretch of text and where the chunk lies in it.
//! - **the requirements analysis**: per block, the facts of its units (what each says, from
//!   its own words), keyed by the block's kind and text and a few bytes around it (a unit ends
//!   as a question when a `?` follows it, the tokenizer looks one character ahead). The walk
//!   over the units in order (which part each stands in, what counts) is always done again: it
//!   is cheap, and it is what reads across blocks.
//!
//! Everything else (the word count, the inclusion statement, the allow-list, the levels, the
//! source spans, suppressions, sort, summary) is recomputed from the whole text each time.
//! A cache is tied to one engine, format and set of options: any change empties it. After each
//! lint only the entries that lint used are kept, so it holds at most about three times the
//! document; a document larger than [`MAX_CACHED_BYTES`], an options deadline, or more word
//! candidates than the findings limit allows take the plain [`Engine::lint`].

use crate::diagnostic::Report;
use crate::document::{Document, Format};
use crate::engine::Engine;
use crate::memo::{hash_bytes, Table};
use crate::options::Options;
use crate::rules::structure::BlockCache;
use crate::rules::Found;

/// A chunk of the word rules ends at the first blank line after this many bytes.
const MIN_CHUNK: usize = 1024;
/// ... or at the first line break after this many.
const MAX_CHUNK: usize = 4096;
/// Larger documents are linted without a cache.
pub const MAX_CACHED_BYTES: usize = 4 * 1024 * 1024;

/// The reusable work of the previous lints of one document. Keep one per open document and
/// drop it with the document.
#[derive(Debug, Default)]
pub struct LintCache {
    /// What the entries were made with: the engine's identity, the format, the options.
    made_with: Option<(u64, Format, Options)>,
    words: Table<WordEntry>,
    pub(crate) blocks: BlockCache,
    /// The chunk sizes ([`MIN_CHUNK`], [`MAX_CHUNK`] unless a test sets others).
    chunk: Option<(usize, usize)>,
}

impl LintCache {
    pub fn new() -> LintCache {
        LintCache::default()
    }

    /// A cache whose word-rule chunks end at the first blank line after `min` bytes or the
    /// first line break after `max` (tests use tiny chunks, so that every line boundary is a
    /// chunk boundary somewhere).
    #[doc(hidden)]
    pub fn with_chunks(min: usize, max: usize) -> LintCache {
        LintCache {
            chunk: Some((min, max.max(1))),
            ..LintCache::default()
        }
    }

    /// Bytes of text held as keys (for tests and diagnostics of memory use).
    pub fn held_bytes(&self) -> usize {
        self.words.held + self.blocks.table.held
    }

    /// Empty the cache unless it was made with the same engine, format and options; start a
    /// new lint.
    fn begin(&mut self, engine: u64, format: Format, options: &Options) {
        let same = self
            .made_with
            .as_ref()
            .is_some_and(|(e, f, o)| *e == engine && *f == format && o == options);
        if !same {
            *self = LintCache {
                chunk: self.chunk,
                ..LintCache::default()
            };
            self.made_with = Some((engine, format, options.clone()));
        }
        self.words.gen += 1;
        self.blocks.table.gen += 1;
    }

    /// Keep only what the lint just done used.
    fn end(&mut self) {
        self.words.sweep();
        self.blocks.table.sweep();
    }
}

/// A chunk's word findings, in offsets of its key text.
#[derive(Debug)]
struct WordEntry {
    /// Where the chunk lies in the key text.
    chunk: (usize, usize),
    found: Vec<Found>,
    /// Word candidates that start in the chunk (the findings limit counts them).
    hits: usize,
    /// The chunk's words (`summary::count_words`).
    words: usize,
}

/// The chunks of `text` the word rules are cached by.
fn chunks(text: &str, (min, max): (usize, usize)) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    for i in memchr::memchr_iter(b'\n', b) {
        let end = i + 1;
        let len = end - start;
        if (len >= min && i > 0 && b[i - 1] == b'\n') || len >= max {
            out.push((start, end));
            start = end;
        }
    }
    if start < b.len() {
        out.push((start, b.len()));
    }
    out
}

impl Engine {
    /// [`Engine::lint`] of `source`, reusing from `cache` the work of earlier lints of the same
    /// document whose inputs did not change: the same report as `lint`, for less work after a
    /// small edit (see [`crate::incremental`]).
    pub fn lint_cached(
        &self,
        source: &str,
        format: Format,
        options: &Options,
        cache: &mut LintCache,
    ) -> Report {
        if options.deadline.is_some() || source.len() > MAX_CACHED_BYTES {
            return self.lint(source, format, options);
        }
        cache.begin(self.id, format, options);
        let doc = Document::parse(source, format);
        let report = self.lint_document_cached(&doc, options, cache);
        cache.end();
        report
    }

    fn lint_document_cached(
        &self,
        doc: &Document<'_>,
        options: &Options,
        cache: &mut LintCache,
    ) -> Report {
        let text = doc.text();
        let lower = crate::text::lowercase(text);
        let skips = crate::text::skip_regions(text);
        // The word count, summed over the chunks (a word never spans a line break, nor does a
        // skipped region).
        let mut words = 0usize;
        let reach = self.word_context();
        let bytes = text.as_bytes();
        let hit_cap = options.max_findings.saturating_mul(2);
        let mut found: Vec<Found> = Vec::new();
        let mut hits = 0usize;
        for (c0, c1) in chunks(text, cache.chunk.unwrap_or((MIN_CHUNK, MAX_CHUNK))) {
            let s0 = if c0 <= reach {
                0
            } else {
                memchr::memrchr(b'\n', &bytes[..c0 - reach]).map_or(0, |i| i + 1)
            };
            let s1 = if c1 + reach >= bytes.len() {
                bytes.len()
            } else {
                memchr::memchr(b'\n', &bytes[c1 + reach..])
                    .map_or(bytes.len(), |i| c1 + reach + i + 1)
            };
            let key = &text[s0..s1];
            let chunk = (c0 - s0, c1 - s0);
            let hash = hash_bytes(key.as_bytes(), (chunk.0 as u64) << 32 | chunk.1 as u64);
            if cache.words.get(hash, key, |e| e.chunk == chunk).is_none() {
                let sub_skips: Vec<(usize, usize)> = skips
                    .iter()
                    .filter(|&&(s, e)| s >= s0 && e <= s1)
                    .map(|&(s, e)| (s - s0, e - s0))
                    .collect();
                let sub_lower = &lower[s0..s1];
                let toks = crate::lexicon::pattern::TokenIndex::new(key, sub_lower);
                let Some(w) = self.word_founds(key, &toks, &sub_skips, options, Some(chunk), false)
                else {
                    return self.lint_document(doc, options);
                };
                // A chunk cut at the limit, or one whose scan dropped findings of a full
                // batch: the full lint says what it says.
                if w.cut || w.coded_dropped != (0, 0) {
                    return self.lint_document(doc, options);
                }
                // Suggestions that repeat a word of their sentence are dropped here, where the
                // sentence is at hand (the rule reads 400 bytes each way at most, less than
                // the context).
                let found = w
                    .found
                    .into_iter()
                    .filter(|f| chunk.0 <= f.start && f.start < chunk.1)
                    .map(|mut f| {
                        (f.suggestions, f.message) = crate::repeats::without_repeats(
                            f.rule,
                            options.lang,
                            sub_lower,
                            f.start,
                            f.end,
                            std::mem::take(&mut f.suggestions),
                            std::mem::take(&mut f.message),
                        );
                        f
                    })
                    .collect();
                cache.words.insert(
                    hash,
                    key,
                    WordEntry {
                        chunk,
                        found,
                        hits: w.hits_in,
                        words: {
                            let in_chunk: Vec<(usize, usize)> = sub_skips
                                .iter()
                                .filter(|&&(s, e)| s >= chunk.0 && e <= chunk.1)
                                .map(|&(s, e)| (s - chunk.0, e - chunk.0))
                                .collect();
                            // A chunk ends after a line break (a character boundary).
                            crate::rules::summary::count_words(
                                sub_lower.get(chunk.0..chunk.1).unwrap_or(""),
                                &in_chunk,
                            )
                        },
                    },
                );
            }
            let Some(entry) = cache.words.get(hash, key, |e| e.chunk == chunk) else {
                return self.lint_document(doc, options);
            };
            hits += entry.hits;
            words += entry.words;
            if hits >= hit_cap {
                // The full lint would stop taking candidates somewhere: it says where.
                return self.lint_document(doc, options);
            }
            found.extend(entry.found.iter().map(|f| Found {
                start: f.start + s0,
                end: f.end + s0,
                ..f.clone()
            }));
        }
        let toks = crate::lexicon::pattern::TokenIndex::none(text, &lower);
        let blocks = &mut cache.blocks;
        self.finish(
            doc,
            &toks,
            found,
            false,
            (0, 0),
            true,
            words,
            options,
            || self.structure(doc, &toks, || words, options, Some(blocks), None),
        )
    }
}
