//! The engine: the lexicons compiled into one Aho-Corasick automaton, and `lint`.
//!
//! One pass: the normalised text is lowercased (same byte length), scanned once with the
//! automaton (overlapping matches), and every hit is checked for word boundaries by hand, then
//! handed to its rule. Nothing here does I/O; an `Engine` is `Send + Sync` and is shared by
//! every thread and front end.

use std::collections::HashMap;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::{dfa::DFA, Anchored, MatchKind};

use crate::diagnostic::{Diagnostic, Report, Rule, Span, Summary, Verdict};
use crate::document::{Document, Format};
use crate::lexicon::pattern::{Alt, TokenIndex};
use crate::lexicon::{Lexicon, LexiconError};
use crate::options::Options;
use crate::rules::{self, Hit};
use crate::text;

/// What an automaton pattern stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Use {
    /// Form `form` of word entry `entry`.
    Form { entry: u32, form: u32 },
    /// An alternative of phrase `phrase`'s anchor slot.
    Anchor { phrase: u32, affix: Affix },
    /// A personal pronoun (index into `rules::pronouns::PRONOUNS`).
    Pronoun(u8),
    /// Form `form` of productive head `head` (the end of an unlisted compound).
    Head { head: u32, form: u32 },
    /// An English binary pronoun pair (index into `rules::pronouns::EN_PAIRS`).
    PairEn(u8),
    /// An English personal pronoun (index into `rules::pronouns::EN_PRONOUNS`).
    PronounEn(u8),
    /// An anchor word of an inclusion statement (index into
    /// `RequirementCues::inclusion_literals`): where the inclusion check looks.
    Inclusion(u32),
}

impl Use {
    /// Whether the use is taken only where its hit ends a word: all but a phrase anchor that
    /// may begin a word and an inclusion anchor word (whose places are kept as they are).
    fn needs_word_end(self) -> bool {
        !matches!(
            self,
            Use::Anchor {
                affix: Affix::Prefix,
                ..
            } | Use::Inclusion(_)
        )
    }
}

/// How an anchor alternative must sit in its word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Affix {
    Whole,
    Prefix,
    Suffix,
}

/// A compiled lexicon. Build once ([`Engine::new`]), share everywhere, call [`Engine::lint`].
#[derive(Debug, Clone)]
pub struct Engine {
    pub(crate) lexicon: Lexicon,
    /// The automaton of every pattern, run by hand (overlapping, in [`Engine::lint`]): a DFA
    /// without a prefilter (nearly every word starts a candidate, so a prefilter only adds
    /// work at each return to the start state).
    pub(crate) ac: DFA,
    /// Per automaton pattern: what it stands for.
    pub(crate) uses: Vec<Vec<Use>>,
    /// Per pattern: every use of it needs a hit that ends a word ([`Use::needs_word_end`]), so
    /// a hit followed by a letter or digit is dropped before anything else is looked at (most
    /// hits of short words: «in» in «ingen», «be» in «beskrivelse»).
    needs_end: Vec<bool>,
    pub(crate) patterns: Vec<String>,
    /// The bytes that occur in no pattern: after one of them the automaton is back in its
    /// start state, so the scan can be cut there into lanes run side by side ([`scan_lanes`]).
    split: [bool; 256],
    /// Tells engines apart (a `LintCache` is tied to one); a clone, the
    /// same lexicon, keeps it.
    pub(crate) id: u64,
    /// How far (bytes) the word rules read from a candidate ([`Engine::word_context`]).
    word_context: usize,
}

impl Engine {
    /// The engine with the built-in lexicons.
    pub fn new() -> Result<Engine, LexiconError> {
        Engine::from_lexicon(Lexicon::builtin()?)
    }

    /// An engine for a lexicon (the built-in one plus a project's extra entries, say).
    pub fn from_lexicon(lexicon: Lexicon) -> Result<Engine, LexiconError> {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut uses: Vec<Vec<Use>> = Vec::new();
        let mut add = |pat: &str, u: Use| {
            let id = *index.entry(pat.to_string()).or_insert_with(|| {
                patterns.push(pat.to_string());
                uses.push(Vec::new());
                patterns.len() - 1
            });
            if !uses[id].contains(&u) {
                uses[id].push(u);
            }
        };
        for (e, entry) in lexicon.words.iter().enumerate() {
            for (f, (_, form)) in entry.forms.iter().enumerate() {
                add(
                    form,
                    Use::Form {
                        entry: e as u32,
                        form: f as u32,
                    },
                );
            }
        }
        for (p, phrase) in lexicon.phrases.iter().enumerate() {
            for alt in phrase.pattern.anchor_alts() {
                let (lit, affix) = match alt {
                    Alt::Word(w) => (w, Affix::Whole),
                    Alt::Prefix(w) => (w, Affix::Prefix),
                    Alt::Suffix(w) => (w, Affix::Suffix),
                    Alt::Any | Alt::Number => continue,
                };
                add(
                    lit,
                    Use::Anchor {
                        phrase: p as u32,
                        affix,
                    },
                );
            }
        }
        for (h, head) in lexicon.heads.iter().enumerate() {
            for (f, (_, form)) in head.forms.iter().enumerate() {
                add(
                    form,
                    Use::Head {
                        head: h as u32,
                        form: f as u32,
                    },
                );
            }
        }
        for (i, p) in rules::pronouns::PRONOUNS.iter().enumerate() {
            add(p.form, Use::Pronoun(i as u8));
        }
        for (i, (lit, _)) in rules::pronouns::EN_PAIRS.iter().enumerate() {
            add(lit, Use::PairEn(i as u8));
        }
        for (i, (lit, _)) in rules::pronouns::EN_PRONOUNS.iter().enumerate() {
            add(lit, Use::PronounEn(i as u8));
        }
        // Each occurrence of a literal, in order: a state's inclusion uses then come in the
        // order the cues' own automaton gives its matches (`structure::has_inclusion`).
        for (i, lit) in lexicon.requirements.inclusion_literals().iter().enumerate() {
            add(lit, Use::Inclusion(i as u32));
        }
        let ac = DFA::builder()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(&patterns)
            .map_err(|e| LexiconError {
                file: "(automaton)".into(),
                message: e.to_string(),
            })?;
        let mut split = [true; 256];
        for b in patterns.iter().flat_map(|p| p.bytes()) {
            split[usize::from(b)] = false;
        }
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        // The phrase rule's windows: 32 bytes per token a phrase reaches, and one more.
        let phrase_reach = lexicon
            .phrases
            .iter()
            .map(|p| p.pattern.reach_before.max(p.pattern.reach_after))
            .max()
            .unwrap_or(0)
            .saturating_mul(rules::phrases::TOKEN_BYTES)
            + rules::phrases::TOKEN_BYTES;
        let needs_end = uses
            .iter()
            .map(|us| us.iter().all(|u| u.needs_word_end()))
            .collect();
        Ok(Engine {
            lexicon,
            ac,
            uses,
            needs_end,
            patterns,
            split,
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            word_context: phrase_reach.max(WORD_RULES_MAX_RADIUS) + 128,
        })
    }

    /// The compiled lexicon.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// How far (bytes) the word rules may read before or after a candidate: the widest
    /// window of any of them, and a margin. The cached lint gives each chunk this much text on
    /// each side.
    pub(crate) fn word_context(&self) -> usize {
        self.word_context
    }

    /// The literal patterns the automaton scans for (for the bare-scan benchmark).
    pub fn patterns(&self) -> &[String] {
        &self.patterns
    }

    /// Lint `source` read as `format`.
    pub fn lint(&self, source: &str, format: Format, options: &Options) -> Report {
        if options.expired() {
            return timed_out();
        }
        let doc = Document::parse(source, format);
        self.lint_document(&doc, options)
    }

    /// Lint a parsed document.
    pub fn lint_document(&self, doc: &Document<'_>, options: &Options) -> Report {
        if options.expired() {
            return timed_out();
        }
        // The regions never linted, read once for both the rules and the word count (the
        // summary's, and the inclusion rule's threshold); in a large document on a second core
        // while this one lowercases.
        let (lower, skips) = if run_beside(doc.text().len(), PRE_THREAD_MIN_BYTES) {
            std::thread::scope(|scope| {
                let skips = scope.spawn(|| text::skip_regions(doc.text()));
                let lower = text::lowercase(doc.text());
                let skips = skips
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                (lower, skips)
            })
        } else {
            (text::lowercase(doc.text()), text::skip_regions(doc.text()))
        };
        if !run_structure_beside(doc.text().len()) {
            let words = rules::summary::count_words(&lower, &skips);
            let toks = token_index(doc.text(), &lower);
            return self.lint_lowered(doc, &toks, &skips, words, options, None);
        }
        // A large document: the requirements analysis (about half of a lint) runs on a second
        // core while the words are counted and the word rules run on this one; the report is
        // the same. Up to a size the text is tokenized once, here, for both (the rules' windows
        // and the analysis's units are cut from it); a larger one has each window and unit
        // tokenized on its own.
        let toks = token_index(doc.text(), &lower);
        let toks = &toks;
        std::thread::scope(|scope| {
            let (tell, count) = std::sync::mpsc::channel();
            let structure = scope.spawn(move || {
                // The count is sent before the word rules start; it is missing only when the
                // counting panicked, and then the scope passes that panic on.
                let words = move || count.recv().unwrap_or(0);
                self.structure(doc, toks, words, options, None, None)
            });
            let words = rules::summary::count_words(&lower, &skips);
            // A send fails only when the analysis thread is gone (it panicked; the scope passes
            // that on).
            let _ = tell.send(words);
            self.lint_lowered(doc, toks, &skips, words, options, Some(structure))
        })
    }

    /// The requirements analysis: its findings and the counted items (with the per-block facts
    /// of `cache` where one is kept, see [`Engine::lint_cached`]).
    pub(crate) fn structure(
        &self,
        doc: &Document<'_>,
        toks: &TokenIndex<'_>,
        // The text's words (asked for after the analysis).
        words: impl FnOnce() -> usize,
        options: &Options,
        cache: Option<&mut rules::structure::BlockCache>,
        // The inclusion statements' anchor words found by the word rules' scan of the whole
        // text ([`WordFounds::inclusion`]), if it has them.
        inclusion: Option<&[(usize, usize)]>,
    ) -> (Vec<Diagnostic>, Vec<crate::diagnostic::Requirement>) {
        let mut diagnostics = Vec::new();
        let requirements = rules::structure::check(
            &self.lexicon.requirements,
            doc,
            toks,
            words,
            options,
            &mut diagnostics,
            cache,
            inclusion,
        );
        (diagnostics, requirements)
    }

    fn lint_lowered(
        &self,
        doc: &Document<'_>,
        // The text's tokens (or none), with its lowercase.
        toks: &TokenIndex<'_>,
        skips: &[(usize, usize)],
        words: usize,
        options: &Options,
        structure: Option<StructureThread<'_>>,
    ) -> Report {
        // The analysis reads the inclusion places only when it runs here, after the scan.
        let keep_inclusion = structure.is_none();
        let Some(w) = self.word_founds(doc.text(), toks, skips, options, None, keep_inclusion)
        else {
            return timed_out();
        };
        let inclusion = w.inclusion;
        let report = self.finish(
            doc,
            toks,
            w.found,
            w.cut,
            w.coded_dropped,
            false,
            words,
            options,
            || match structure {
                Some(handle) => handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                None => self.structure(doc, toks, || words, options, None, inclusion.as_deref()),
            },
        );
        // The requirements analysis stops at the deadline too, cut short: its report is
        // not one to give.
        if options.expired() {
            return timed_out();
        }
        report
    }

    /// The word rules (terms, phrases, pronouns) over `text`: their findings in text offsets,
    /// before the allow-list and levels; whether the candidates were cut at the limit; how many
    /// word candidates there were. With `only`, the candidates are those that start in
    /// `only.0..only.1`, a run of whole lines (the cached lint's chunk: the rest of `text` is
    /// context the rules read); no candidate spans a line break, so the scan starts and ends
    /// there. `None`: the deadline passed.
    pub(crate) fn word_founds(
        &self,
        text: &str,
        // The text's tokens (or none), with its lowercase.
        toks: &TokenIndex<'_>,
        skips: &[(usize, usize)],
        options: &Options,
        only: Option<(usize, usize)>,
        // Keep where the inclusion anchor words are ([`WordFounds::inclusion`]): only for a
        // caller whose requirements analysis runs after this scan and reads them.
        keep_inclusion: bool,
    ) -> Option<WordFounds> {
        let lower = toks.lower();
        let in_skip = |s: usize, e: usize| {
            let i = skips.partition_point(|&(_, end)| end <= s);
            i < skips.len() && skips[i].0 < e
        };

        // Sized for the hits of a usual text (on the bench's 8,000 ads, per KB: 21 phrase
        // anchors, 2 words, 0.8 compound heads, 0.4 pronouns), not grown from empty.
        // (At most that of 64 KB up front: a larger text grows them as it needs.)
        let kb = (only.map_or(text.len(), |(a, b)| b.saturating_sub(a)) / 1024 + 1).min(64);
        let mut word_hits: Vec<Hit> = Vec::with_capacity(4 * kb);
        let mut anchors: Vec<(u32, usize, usize)> = Vec::with_capacity(32 * kb);
        let mut pronouns: Vec<(u8, usize, usize)> = Vec::with_capacity(kb);
        let mut pairs_en: Vec<(u8, usize, usize)> = Vec::new();
        let mut pronouns_en: Vec<(u8, usize, usize)> = Vec::new();
        let mut heads: Vec<Hit> = Vec::with_capacity(2 * kb);
        let mut inclusion: Option<Vec<(usize, usize)>> =
            (keep_inclusion && only.is_none()).then(Vec::new);
        let lb = lower.as_bytes();
        if options.expired() {
            return None;
        }
        // Word candidates (each is a finding unless a guard, a skipped region, the allow-list
        // or a rule turned off says otherwise) are taken in text order in batches of twice the
        // findings limit: each batch goes through the rules before the scan goes on, so memory
        // and rule work stay bounded on a hostile input (a finding every 8 bytes). The scan
        // stops, and the report says `truncated`, only once twice the limit of findings that
        // will be reported have been found: candidates that come to nothing (a URL or a name
        // written 20,000 times) never hide what comes after them. Phrase anchors and pronouns,
        // mostly dropped by their context, are not counted.
        let hit_cap = options.max_findings.saturating_mul(2);
        let mut cut = false;
        // Every pattern that ends in the scanned text, in text order ([`Engine::each_match`]).
        let ac = &self.ac;
        let mut n = 0usize;
        let mut expired = false;
        let (from, to) = only.unwrap_or((0, lb.len()));
        let mut found: Vec<rules::Found> = Vec::new();
        let mut hits_in = 0usize;
        // A batch's scan starts at `scan_from` and takes the matches that end at `resume_at`
        // or later (those before were the last batch's).
        let (mut scan_from, mut resume_at) = (from, from);
        // Once a batch is full: the allow-list's places, and the coded words of a rule turned
        // off that were dropped (masculine, feminine).
        let mut allowed: Option<Allowed> = None;
        let mut coded_dropped = (0usize, 0usize);
        loop {
            let mut resume: Option<usize> = None;
            self.each_match(lb, scan_from, to, |e, sid| {
                if e < resume_at {
                    return true;
                }
                if word_hits.len() >= hit_cap {
                    // The batch is full: its matches end before `e`.
                    resume = Some(e);
                    return false;
                }
                // Whether the hits ending here end a word (the same for all of them): an ASCII
                // byte after them is told by itself.
                let after_ok = match lb.get(e) {
                    None => true,
                    Some(&b) if b < 0x80 => !b.is_ascii_alphanumeric(),
                    Some(_) => text::char_at(lower, e).is_none_or(|c| !text::is_word_char(c)),
                };
                for k in 0..ac.match_len(sid) {
                    let pattern = ac.match_pattern(sid, k);
                    let s = e - ac.pattern_len(pattern);
                    if n % 4096 == 4095 && options.expired() {
                        expired = true;
                        return false;
                    }
                    n += 1;
                    if !after_ok && self.needs_end[pattern.as_usize()] {
                        // Every use would be passed over.
                        continue;
                    }
                    let before_ok =
                        text::char_before(lower, s).is_none_or(|c| !text::is_word_char(c));
                    // Where the word holding the hit starts (the hit itself when it starts a word).
                    let word_start = || {
                        if before_ok {
                            s
                        } else {
                            text::word_start(lower, s)
                        }
                    };
                    for u in &self.uses[pattern.as_usize()] {
                        match *u {
                            Use::Form { entry, form } => {
                                if !after_ok {
                                    continue;
                                }
                                let ent = &self.lexicon.words[entry as usize];
                                if !before_ok && !ent.compound {
                                    continue;
                                }
                                word_hits.push(Hit {
                                    entry,
                                    form,
                                    start: s,
                                    end: e,
                                    word_start: word_start(),
                                });
                            }
                            Use::Anchor { phrase, affix } => {
                                let ok = match affix {
                                    Affix::Whole => before_ok && after_ok,
                                    Affix::Prefix => before_ok,
                                    Affix::Suffix => after_ok,
                                };
                                if ok {
                                    // A suffix may end a hyphenated token («25-35-årig»): the phrase
                                    // is matched from the token's start. Only at the token's end (a
                                    // suffix inside «team-team-…» ends no token), so each chain is
                                    // walked back once, not once per hit.
                                    let ws = if affix == Affix::Suffix
                                        && !text::hyphen_joins_at(lower, e)
                                    {
                                        text::token_start(lower, s)
                                    } else {
                                        word_start()
                                    };
                                    let we = if after_ok {
                                        e
                                    } else {
                                        text::word_end(lower, e)
                                    };
                                    anchors.push((phrase, ws, we));
                                }
                            }
                            Use::Pronoun(p) => {
                                if before_ok && after_ok {
                                    pronouns.push((p, s, e));
                                }
                            }
                            Use::PairEn(p) => {
                                if before_ok && after_ok {
                                    pairs_en.push((p, s, e));
                                }
                            }
                            Use::PronounEn(p) => {
                                if before_ok && after_ok {
                                    pronouns_en.push((p, s, e));
                                }
                            }
                            Use::Head { head, form } => {
                                // Inside a word only (a bare «piger» is not a compound); whole words
                                // are kept for hyphenated and split compounds, which the rule checks.
                                if after_ok {
                                    heads.push(Hit {
                                        entry: head,
                                        form,
                                        start: s,
                                        end: e,
                                        word_start: word_start(),
                                    });
                                }
                            }
                            Use::Inclusion(_) => {
                                if let Some(places) = &mut inclusion {
                                    if places.len() < MAX_INCLUSION_PLACES {
                                        places.push((s, e));
                                    } else {
                                        // A text of little but those words: the analysis scans
                                        // for itself, lazily, and this list stays bounded.
                                        inclusion = None;
                                    }
                                }
                            }
                        }
                    }
                }
                true
            });
            if expired {
                return None;
            }
            hits_in += word_hits.len();
            word_hits.retain(|h| !in_skip(h.word_start, h.end));
            anchors.retain(|&(_, s, e)| !in_skip(s, e));
            pronouns.retain(|&(_, s, e)| !in_skip(s, e));
            pairs_en.retain(|&(_, s, e)| !in_skip(s, e));
            pronouns_en.retain(|&(_, s, e)| !in_skip(s, e));
            heads.retain(|h| !in_skip(h.word_start, h.end));

            let ctx = rules::Ctx {
                lexicon: &self.lexicon,
                text,
                lower,
                toks,
                options,
            };
            let batch_from = found.len();
            rules::words::check(&ctx, std::mem::take(&mut word_hits), &mut found);
            rules::words::check_heads(&ctx, std::mem::take(&mut heads), &mut found);
            if options.expired() {
                return None;
            }
            rules::phrases::check(&ctx, std::mem::take(&mut anchors), &mut found);
            if options.expired() {
                return None;
            }
            rules::pronouns::check(&ctx, std::mem::take(&mut pronouns), &mut found);
            // A pronoun inside a pair («he/she») belongs to the pair. Both lists in start order, one
            // walk (linear: a text of nothing but «he/she» has as many pairs as pronouns).
            pronouns_en.sort_unstable_by_key(|&(_, s, _)| s);
            pairs_en.sort_unstable_by_key(|&(_, s, _)| s);
            let mut k = 0;
            let mut reach = 0; // the furthest end of the pairs that start at or before `s`
            pronouns_en.retain(|&(_, s, e)| {
                while k < pairs_en.len() && pairs_en[k].1 <= s {
                    reach = reach.max(pairs_en[k].2);
                    k += 1;
                }
                e > reach
            });
            rules::pronouns::check_english(&ctx, std::mem::take(&mut pronouns_en), &mut found);
            rules::pronouns::check_english_pairs(&ctx, std::mem::take(&mut pairs_en), &mut found);
            if options.expired() {
                return None;
            }
            let Some(e) = resume else {
                break;
            };
            // A full batch: its findings that will not be reported (the allow-list and the
            // rules' levels, as `finish` applies them) are dropped here, so that what is kept
            // stays bounded too; coded words of a rule turned off still count in the summary.
            let allowed = allowed.get_or_insert_with(|| allowed_regions(lower, options));
            let batch = found.split_off(batch_from);
            for f in batch {
                if allowed.covers(f.start, f.end) {
                    continue;
                }
                if options.resolve(f.rule, f.severity).is_none() {
                    match f.rule {
                        Rule::MasculineCoded => coded_dropped.0 += 1,
                        Rule::FeminineCoded => coded_dropped.1 += 1,
                        _ => {}
                    }
                    continue;
                }
                found.push(f);
            }
            if found.len() >= hit_cap {
                cut = true;
                break;
            }
            // The next batch: the matches that end at `e` or later, which start no earlier than
            // the longest pattern before it (a scan started anywhere finds every match that
            // starts there or later).
            resume_at = e;
            scan_from = e.saturating_sub(self.ac.max_pattern_len()).max(from);
        }
        Some(WordFounds {
            found,
            cut,
            coded_dropped,
            hits_in,
            inclusion: inclusion.filter(|_| !cut),
        })
    }

    /// From the word rules' findings and the requirements analysis to the report: the
    /// allow-list, levels, source spans, suppressions, order, limit and summary.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn finish(
        &self,
        doc: &Document<'_>,
        toks: &TokenIndex<'_>,
        mut found: Vec<rules::Found>,
        cut: bool,
        // Coded words the scan dropped, to count in the summary ([`WordFounds::coded_dropped`]).
        coded_dropped: (usize, usize),
        // The findings' suggestions are already without repeats (`repeats::without_repeats`).
        repeats_done: bool,
        words: usize,
        options: &Options,
        structure: impl FnOnce() -> (Vec<Diagnostic>, Vec<crate::diagnostic::Requirement>),
    ) -> Report {
        let lower = toks.lower();
        // The allow-list: phrases (text offsets) and words (every inflection).
        let allow_regions = allowed_regions(lower, options);
        found.retain(|f| !allow_regions.covers(f.start, f.end));

        // Coded words count in the summary also when their rule is off (those of full batches
        // were dropped by the scan and counted there).
        let m = coded_dropped.0
            + found
                .iter()
                .filter(|f| f.rule == Rule::MasculineCoded)
                .count();
        let f = coded_dropped.1
            + found
                .iter()
                .filter(|f| f.rule == Rule::FeminineCoded)
                .count();
        let mut diagnostics: Vec<Diagnostic> = Vec::new();
        for fd in found {
            let Some(severity) = options.resolve(fd.rule, fd.severity) else {
                continue;
            };
            let span = doc.source_span(fd.start, fd.end);
            // No suggestion may repeat a word of its own sentence.
            let (suggestions, message) = if repeats_done {
                (fd.suggestions, fd.message)
            } else {
                crate::repeats::without_repeats(
                    fd.rule,
                    options.lang,
                    lower,
                    fd.start,
                    fd.end,
                    fd.suggestions,
                    fd.message,
                )
            };
            // A suggestion replaces the finding's text as the source writes it: combining marks
            // the normalised text left out stay on the letters it keeps (the fix is the
            // suggestion, see `fix::Fixer::edit`).
            let suggestions = suggestions
                .into_iter()
                .map(|s| doc.keep_marks(fd.start, fd.end, s))
                .collect::<Vec<_>>();
            diagnostics.push(Diagnostic {
                rule: fd.rule,
                severity,
                message,
                span,
                applicability: crate::diagnostic::Applicability::of(fd.rule, &suggestions),
                suggestions,
                entry: fd.entry,
                note: fd.note,
            });
        }
        let (found, requirements) = structure();
        diagnostics.extend(found);
        apply_directives(doc, &mut diagnostics);
        diagnostics.sort_by(|a, b| {
            (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
        });
        diagnostics.dedup_by(|a, b| a.span == b.span && a.rule == b.rule);
        let truncated = cut || diagnostics.len() > options.max_findings;
        diagnostics.truncate(options.max_findings);
        let must = requirements
            .iter()
            .filter(|r| r.class == crate::diagnostic::RequirementClass::Must)
            .count();
        let summary = rules::summary::summary(words, m, f, (must, requirements.len() - must));
        Report {
            diagnostics,
            summary,
            requirements,
            truncated,
        }
    }
}

/// What [`Engine::word_founds`] found.
pub(crate) struct WordFounds {
    pub(crate) found: Vec<rules::Found>,
    pub(crate) cut: bool,
    /// Coded words (masculine, feminine) of a rule turned off that a full batch dropped from
    /// `found`: they still count in the summary ([`Engine::finish`]).
    pub(crate) coded_dropped: (usize, usize),
    /// Word candidates taken (those in `only` when it is given).
    pub(crate) hits_in: usize,
    /// Where the inclusion statements' anchor words are in the whole text (start, end), as
    /// [`RequirementCues::inclusion_candidates`](crate::lexicon::requirements::RequirementCues::inclusion_candidates)
    /// gives them, so the requirements analysis need not scan the text again; `None` when the
    /// scan did not read the whole text (a chunk, or cut at the limit), was not asked to keep
    /// them (the analysis runs on its own thread and looks for itself), or found more than
    /// [`MAX_INCLUSION_PLACES`].
    pub(crate) inclusion: Option<Vec<(usize, usize)>>,
}

/// The most inclusion anchor places [`Engine::word_founds`] keeps for the analysis (64 KB);
/// past it, it keeps none and the analysis finds them itself.
const MAX_INCLUSION_PLACES: usize = 4096;

/// How many segments of the text the automaton scans side by side: its transition look-ups
/// wait on each other within one scan (each needs the state the last one gave), and four
/// independent scans keep the core busy while they wait (about 2.5× the bytes per second of
/// one scan on a 3.8 KB ad).
const LANES: usize = 4;
/// A lane's segment: a quarter of the scanned text, within these bounds (the end moved on to
/// just after the next byte no pattern has).
const MIN_LANE_BYTES: usize = 64;
const MAX_LANE_BYTES: usize = 16 * 1024;
/// A segment longer than this (no byte to end it at) is scanned on its own, without lanes.
const MAX_SEGMENT_BYTES: usize = 64 * 1024;

/// The automaton's unanchored start state.
fn start_state(ac: &DFA) -> StateID {
    match ac.start_state(Anchored::No) {
        Ok(sid) => sid,
        Err(_) => unreachable!("the automaton is built for unanchored searches"),
    }
}

impl Engine {
    /// Every place in `lb[from..to]` where a pattern ends: its end offset and the automaton's
    /// state there (whose matches are the patterns), in text order, to `each` until it returns
    /// `false`; the overlapping search of `AhoCorasick::find_overlapping_iter`, by hand. The
    /// text is cut into segments, each ending just after a byte that no pattern has (the
    /// automaton is back in its start state there, so a segment scanned on its own has exactly
    /// the matches the scan of the whole text has in it); up to [`LANES`] consecutive segments
    /// are scanned side by side ([`scan_lanes`]), and their matches are then given in order.
    /// An empty or reversed range, or one past the end, has none.
    pub(crate) fn each_match(
        &self,
        lb: &[u8],
        from: usize,
        to: usize,
        mut each: impl FnMut(usize, StateID) -> bool,
    ) {
        if lb.get(from..to).is_none() {
            return;
        }
        let seg = ((to - from) / LANES).clamp(MIN_LANE_BYTES, MAX_LANE_BYTES);
        // Sized for a pattern end every 16 bytes (Danish ads have one about every 18), so that
        // a lane's list is not grown step by step from empty on every lint.
        let mut raw: [Vec<(usize, StateID)>; LANES] =
            std::array::from_fn(|_| Vec::with_capacity(seg / 16));
        let mut next = from;
        while next < to {
            let mut lanes = [(0usize, 0usize); LANES];
            let mut used = 0;
            // A segment that found no byte to end at for long (text without line breaks or
            // punctuation) is scanned alone, its matches given as they are found: what waits in
            // `raw` stays bounded, and a caller that stops early stops the scan there.
            let mut long = None;
            while used < LANES && next < to {
                let end = self.split_after(lb, next.saturating_add(seg), to);
                if end - next > MAX_SEGMENT_BYTES {
                    long = Some((next, end));
                    next = end;
                    break;
                }
                lanes[used] = (next, end);
                used += 1;
                next = end;
            }
            scan_lanes(&self.ac, lb, &lanes[..used], &mut raw);
            for &(e, sid) in raw[..used].iter().flatten() {
                if !each(e, sid) {
                    return;
                }
            }
            if let Some((s, e)) = long {
                if !scan_run(&self.ac, lb, s, e, start_state(&self.ac), &mut each) {
                    return;
                }
            }
        }
    }

    /// The end of a segment that should end at `at`: just after the first byte at or after
    /// `at` that no pattern has, or `to`.
    fn split_after(&self, lb: &[u8], at: usize, to: usize) -> usize {
        if at >= to {
            return to;
        }
        lb[at..to]
            .iter()
            .position(|&b| self.split[usize::from(b)])
            .map_or(to, |i| at + i + 1)
    }
}

/// Scan the segments `lanes` of `lb` (consecutive, each starting in the automaton's start
/// state), side by side: `raw[i]` gets, in order, each end offset in segment `i` where a
/// pattern ends, with the state there (its matches). The same as scanning each on its own.
fn scan_lanes(
    ac: &DFA,
    lb: &[u8],
    lanes: &[(usize, usize)],
    raw: &mut [Vec<(usize, StateID)>; LANES],
) {
    let start = start_state(ac);
    for r in raw.iter_mut() {
        r.clear();
    }
    let mut sids = [start; LANES];
    let mut done = 0;
    if let [a, b, c, d] = lanes {
        // The four side by side over the length of the shortest, then each on its own.
        let m = [a, b, c, d].iter().map(|&&(s, e)| e - s).min().unwrap_or(0);
        let seg = |&(s, _): &(usize, usize)| &lb[s..s + m];
        let (pa, pb, pc, pd) = (seg(a), seg(b), seg(c), seg(d));
        for i in 0..m {
            sids[0] = ac.next_state(Anchored::No, sids[0], pa[i]);
            sids[1] = ac.next_state(Anchored::No, sids[1], pb[i]);
            sids[2] = ac.next_state(Anchored::No, sids[2], pc[i]);
            sids[3] = ac.next_state(Anchored::No, sids[3], pd[i]);
            for (k, &(s, _)) in lanes.iter().enumerate() {
                let sid = sids[k];
                if ac.is_special(sid) && ac.is_match(sid) {
                    raw[k].push((s + i + 1, sid));
                }
            }
        }
        done = m;
    }
    for (k, &(s, e)) in lanes.iter().enumerate() {
        let lane = &mut raw[k];
        scan_run(ac, lb, s + done, e, sids[k], |at, sid| {
            lane.push((at, sid));
            true
        });
    }
}

/// Scan `lb[from..to]` on from state `sid`: each end offset where a pattern ends, with the
/// state there, to `each` until it returns `false`. Whether the scan reached `to`.
fn scan_run(
    ac: &DFA,
    lb: &[u8],
    from: usize,
    to: usize,
    mut sid: StateID,
    mut each: impl FnMut(usize, StateID) -> bool,
) -> bool {
    for (at, &byte) in (from..).zip(&lb[from..to]) {
        sid = ac.next_state(Anchored::No, sid, byte);
        if ac.is_special(sid) && ac.is_match(sid) && !each(at + 1, sid) {
            return false;
        }
    }
    true
}

/// The widest window any word rule reads around a candidate (pronoun antecedents, 400 bytes
/// back; `english_around` 300; compound heads and phrase sentences 320; guards less).
const WORD_RULES_MAX_RADIUS: usize = 400;

/// The requirements analysis of a large document, running beside the word rules.
type StructureThread<'scope> =
    std::thread::ScopedJoinHandle<'scope, (Vec<Diagnostic>, Vec<crate::diagnostic::Requirement>)>;

/// From this size on, a document's requirements analysis runs on a second thread (when the
/// machine has a second core): below it a thread costs more than it saves. Not in WebAssembly,
/// which runs no second thread.
const STRUCTURE_THREAD_MIN_BYTES: usize = 32 * 1024;

fn run_structure_beside(len: usize) -> bool {
    run_beside(len, STRUCTURE_THREAD_MIN_BYTES)
}

/// From this size on, a document's skip regions are read on a second thread while it is
/// lowercased (about 30 ms each at 50 MB; a thread costs tens of microseconds).
const PRE_THREAD_MIN_BYTES: usize = 1 << 20;

/// Whether work on a document of `len` bytes runs on a second thread, from `min` bytes on,
/// when the machine has a second core.
#[cfg(not(target_arch = "wasm32"))]
fn run_beside(len: usize, min: usize) -> bool {
    len >= min && crate::threads::cores() > 1
}

/// WebAssembly in a browser or Node has no threads here.
#[cfg(target_arch = "wasm32")]
fn run_beside(_len: usize, _min: usize) -> bool {
    false
}

/// Up to this size a document is tokenized once for all rules (its tokens take about eight
/// times its size); a larger one has each window and unit tokenized on its own.
const TOKEN_INDEX_MAX_BYTES: usize = 256 * 1024;

/// The token index of a document's text: whole up to [`TOKEN_INDEX_MAX_BYTES`], else none.
fn token_index<'a>(text: &'a str, lower: &'a str) -> TokenIndex<'a> {
    if text.len() <= TOKEN_INDEX_MAX_BYTES {
        TokenIndex::new(text, lower)
    } else {
        TokenIndex::none(text, lower)
    }
}

/// The report of work stopped at the deadline: nothing listed, `truncated`.
fn timed_out() -> Report {
    Report {
        diagnostics: Vec::new(),
        summary: Summary {
            words: 0,
            masculine_coded: 0,
            feminine_coded: 0,
            verdict: Verdict::Empty,
            must_have: 0,
            nice_to_have: 0,
        },
        requirements: Vec::new(),
        truncated: true,
    }
}

/// Text regions covered by an allowed phrase, for asking whether a finding overlaps one in
/// logarithmic time (a text with the phrase a million times, and as many findings, stays
/// linear).
struct Allowed {
    /// The regions' starts, in order.
    starts: Vec<usize>,
    /// The furthest end of the regions up to each (same index).
    reach: Vec<usize>,
}

impl Allowed {
    /// Does `start..end` overlap an allowed region?
    fn covers(&self, start: usize, end: usize) -> bool {
        let n = self.starts.partition_point(|&s| s < end);
        n > 0 && self.reach[n - 1] > start
    }
}

/// The regions covered by an allowed phrase.
fn allowed_regions(lower: &str, options: &Options) -> Allowed {
    let mut regions = Vec::new();
    for p in options.allowed_phrases() {
        for (i, _) in lower.match_indices(p.as_str()) {
            regions.push((i, i + p.len()));
        }
    }
    regions.sort_unstable();
    let mut reach = 0;
    Allowed {
        starts: regions.iter().map(|&(s, _)| s).collect(),
        reach: regions
            .iter()
            .map(|&(_, e)| {
                reach = e.max(reach);
                reach
            })
            .collect(),
    }
}

/// Drop diagnostics silenced by inline comments (`<!-- biasvask-ignore-next-line -->`,
/// `<!-- biasvask-disable [RULE] -->` ... `<!-- biasvask-enable [RULE] -->`).
///
/// - `disable RULE` / `enable RULE` switch one rule off and on from the end of the comment on;
///   `disable` / `enable` without a rule switch every rule (an `enable` without a rule ends
///   every open `disable`; `disable` then `enable RULE` leaves only that rule on). A
///   `disable` without an `enable` lasts to the end of the input.
/// - `ignore-next-line` silences every finding that starts on the next source line holding
///   text a reader sees (lines with only markup are passed over); when text follows the
///   comment on its own line, that rest of the line is the one.
/// - A finding counts as inside a region when it starts there. Ad-level findings (which are
///   about the whole ad) are also silenced by a `disable` naming their rule anywhere.
fn apply_directives(doc: &Document<'_>, diags: &mut Vec<Diagnostic>) {
    use crate::document::DirectiveKind;
    if doc.directives.is_empty() {
        return;
    }
    let src = doc.source();
    let rule_index = |r: Rule| Rule::ALL.iter().position(|&x| x == r).unwrap_or(0);
    // The rule switches in force after each directive, in source order.
    let mut directives: Vec<_> = doc.directives.clone();
    directives.sort_by_key(|d| (d.span.end, d.span.start));
    let mut states: Vec<(usize, [bool; Rule::ALL.len()])> = Vec::new();
    let mut off = [false; Rule::ALL.len()];
    let mut ignored_lines: Vec<Span> = Vec::new();
    // Source offsets where text a reader sees starts (the first byte of each run of non-space
    // text), in order: computed once, only when needed.
    let mut text_starts: Option<Vec<usize>> = None;
    let mut newlines: Option<Vec<usize>> = None;
    for d in &directives {
        match d.kind {
            DirectiveKind::IgnoreNextLine => {
                let starts = text_starts.get_or_insert_with(|| visible_text_starts(doc));
                let i = starts.partition_point(|&p| p < d.span.end);
                if let Some(&p) = starts.get(i) {
                    let breaks = newlines.get_or_insert_with(|| {
                        memchr::memchr_iter(b'\n', src.as_bytes()).collect::<Vec<usize>>()
                    });
                    let j = breaks.partition_point(|&b| b < p);
                    let line_start = if j == 0 { 0 } else { breaks[j - 1] + 1 }.max(d.span.end);
                    let line_end = breaks.get(j).copied().unwrap_or(src.len());
                    ignored_lines.push(Span::new(line_start, line_end));
                }
                continue;
            }
            DirectiveKind::Disable(None) => off = [true; Rule::ALL.len()],
            DirectiveKind::Enable(None) => off = [false; Rule::ALL.len()],
            DirectiveKind::Disable(Some(r)) => off[rule_index(r)] = true,
            DirectiveKind::Enable(Some(r)) => off[rule_index(r)] = false,
        }
        states.push((d.span.end, off));
    }
    let mut named = [false; Rule::ALL.len()];
    for d in &doc.directives {
        if let DirectiveKind::Disable(Some(r)) = d.kind {
            named[rule_index(r)] = true;
        }
    }
    let named_anywhere = |rule: Rule| named[rule_index(rule)];
    // The ignored lines as sorted, disjoint ranges `[start, end.max(start + 1))`, searched by
    // bisection (a document may hold thousands of these comments).
    let mut ignored: Vec<(usize, usize)> = ignored_lines
        .iter()
        .map(|l| (l.start, l.end.max(l.start + 1)))
        .collect();
    ignored.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ignored.len());
    for (s, e) in ignored {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    diags.retain(|d| {
        if d.rule.is_ad_level() && named_anywhere(d.rule) {
            return false;
        }
        let i = states.partition_point(|&(end, _)| end <= d.span.start);
        if i > 0 && states[i - 1].1[rule_index(d.rule)] {
            return false;
        }
        let k = merged.partition_point(|&(_, e)| e <= d.span.start);
        !(k < merged.len() && merged[k].0 <= d.span.start)
    });
}

/// Source offsets where runs of visible (non-whitespace) text start, in order.
fn visible_text_starts(doc: &Document<'_>) -> Vec<usize> {
    let text = doc.text();
    let mut out = Vec::new();
    let mut prev_space = true;
    for (i, c) in text.char_indices() {
        let space = c.is_whitespace();
        if !space && prev_space {
            out.push(doc.source_span(i, i + c.len_utf8()).start);
        }
        prev_space = space;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Candidates that come to nothing (in a URL, a name, an allowed phrase, a rule turned off)
    /// do not count towards the findings limit: however many there are, the text after them is
    /// checked, and the report is cut only by findings it would list.
    #[test]
    fn candidates_that_come_to_nothing_hide_nothing() {
        use crate::diagnostic::Severity;
        let engine = Engine::new().expect("lexicons");
        let tail = "\n\nVi søger en kvindelig pædagog. Rengøringsdame søges.\n";
        let mut few = Options::default();
        few.max_findings = 5;
        let rules_at_end = |r: &Report, text: &str| {
            r.diagnostics
                .iter()
                .filter(|d| d.span.start > 0 && d.rule != Rule::MissingInclusionStatement)
                .map(|d| (d.rule, text[d.span.start..d.span.end].to_string()))
                .collect::<Vec<_>>()
        };
        let mut off = few.clone();
        off.set_level(Rule::MasculineCoded, crate::registry::Level::Off);
        let mut allow = few.clone();
        allow.allow_phrases(["en formand her"]);
        for (padding, opts) in [
            ("formand.dk ".repeat(200), &few),
            ("https://example.dk/formand ".repeat(200), &few),
            ("ambitiøs ".repeat(200), &off),
            ("en formand her. ".repeat(200), &allow),
        ] {
            let text = format!("{padding}{tail}");
            let r = engine.lint(&text, Format::Text, opts);
            let at_end = rules_at_end(&r, &text);
            assert!(
                at_end
                    .iter()
                    .any(|(rule, t)| *rule == Rule::GenderedTerm && t == "Rengøringsdame"),
                "{:?}: {at_end:?}",
                &padding[..20]
            );
            assert!(!r.truncated, "{:?}", &padding[..20]);
            // The summary is the one of a lint whose batch never filled: coded words of a
            // rule turned off still count, those in an allowed phrase do not.
            let mut roomy = opts.clone();
            roomy.max_findings = 10_000;
            let whole = engine.lint(&text, Format::Text, &roomy);
            assert_eq!(r.summary, whole.summary, "{:?}", &padding[..20]);
            assert_eq!(r.diagnostics, whole.diagnostics, "{:?}", &padding[..20]);
        }
        assert_eq!(
            engine
                .lint(
                    &format!("{}{tail}", "ambitiøs ".repeat(200)),
                    Format::Text,
                    &off
                )
                .summary
                .masculine_coded,
            200
        );
        // Findings it lists still cut the report at the limit.
        let text = format!("{}{tail}", "formand ".repeat(200));
        let r = engine.lint(&text, Format::Text, &few);
        assert!(r.truncated);
        assert_eq!(r.diagnostics.len(), 5);
        // A cut report never passes, even at a level above all it lists.
        assert!(r.diagnostics.iter().all(|d| d.severity < Severity::Error));
        assert!(!r.passes(Severity::Error));
        let clean = engine.lint("Vi søger en medarbejder.", Format::Text, &few);
        assert!(clean.passes(Severity::Warning) && !clean.truncated);
    }

    /// The inclusion check's places, taken from the one scan, are the ones the cues' own
    /// automaton finds, in the same order (a literal anchoring two patterns comes twice; one
    /// ending inside another comes after it): on every ad of the repository, on the literals
    /// glued together and apart, and on random text over their letters. A scan of a chunk,
    /// one cut at the findings limit, or one not asked to keep them gives none (the analysis
    /// then scans for itself).
    #[test]
    fn the_one_scan_finds_the_inclusion_places_of_the_cues_automaton() {
        let engine = Engine::new().unwrap();
        let cues = &engine.lexicon.requirements;
        let lits = cues.inclusion_literals();
        assert!(lits.len() > 10, "{lits:?}");
        let twice = lits
            .iter()
            .filter(|l| lits.iter().filter(|m| m == l).count() > 1);
        assert!(
            twice.count() > 0,
            "no literal anchors two patterns: {lits:?}"
        );
        let mut texts = crate::test_ads::all_texts();
        texts.push(lits.concat());
        texts.push(lits.join(" "));
        texts.push(
            lits.iter()
                .rev()
                .map(|l| format!("X{l}x"))
                .collect::<Vec<_>>()
                .join(" "),
        );
        let mut alphabet: Vec<char> = lits.iter().flat_map(|l| l.chars()).collect();
        alphabet.sort_unstable();
        alphabet.dedup();
        alphabet.extend([' ', '\n', '.', 'Æ']);
        texts.extend(crate::test_ads::random_texts(
            &alphabet,
            (0..3000).step_by(37),
            0x9E37_79B9_7F4A_7C15u64,
        ));
        let opts = Options::default();
        let mut places = 0;
        for t in &texts {
            let lower = text::lowercase(t);
            let toks = TokenIndex::none(t, &lower);
            let w = engine
                .word_founds(t, &toks, &[], &opts, None, true)
                .unwrap();
            let want: Vec<(usize, usize)> = cues.inclusion_candidates(&lower).collect();
            places += want.len();
            assert_eq!(w.inclusion.as_deref(), Some(&want[..]), "{t:?}");
            let chunk = engine
                .word_founds(t, &toks, &[], &opts, Some((0, t.len())), true)
                .unwrap();
            assert_eq!(chunk.inclusion, None);
            let unasked = engine
                .word_founds(t, &toks, &[], &opts, None, false)
                .unwrap();
            assert_eq!(unasked.inclusion, None);
        }
        assert!(places > 300, "{places}");
        let mut few = Options::default();
        few.max_findings = 1;
        let t = "formand formand formand uanset køn";
        let lower = text::lowercase(t);
        let w = engine
            .word_founds(t, &TokenIndex::none(t, &lower), &[], &few, None, true)
            .unwrap();
        assert!(w.cut);
        assert_eq!(w.inclusion, None);
        // A text of little but anchor words: the places are kept up to a bound, then none.
        let per = cues.inclusion_candidates("uanset").count();
        assert!(per > 0);
        let fit = MAX_INCLUSION_PLACES / per;
        for (n, kept) in [(fit, true), (fit + 1, false)] {
            let t = "uanset ".repeat(n);
            let lower = text::lowercase(&t);
            let w = engine
                .word_founds(&t, &TokenIndex::none(&t, &lower), &[], &opts, None, true)
                .unwrap();
            assert_eq!(w.inclusion.map(|p| p.len()), kept.then_some(n * per), "{n}");
        }
    }

    /// The scan in lanes gives every match the one scan of the range gives, in the same order
    /// and with the same state: on every ad of the repository (whole, and over ranges from and
    /// to every 13th byte of its first 3 KB), on texts long enough for several rounds of four
    /// lanes, on text with no byte to cut at, and on random text over the bytes that do and do
    /// not occur in patterns.
    #[test]
    fn the_scan_in_lanes_is_the_one_scan() {
        let engine = Engine::new().unwrap();
        let one = |lb: &[u8], from: usize, to: usize| {
            let mut out = Vec::new();
            if let Some(part) = lb.get(from..to) {
                let mut sid = engine.ac.start_state(Anchored::No).unwrap();
                for (at, &b) in (from..).zip(part) {
                    sid = engine.ac.next_state(Anchored::No, sid, b);
                    if engine.ac.is_special(sid) && engine.ac.is_match(sid) {
                        out.push((at + 1, sid));
                    }
                }
            }
            out
        };
        let lanes = |lb: &[u8], from: usize, to: usize| {
            let mut out = Vec::new();
            engine.each_match(lb, from, to, |e, sid| {
                out.push((e, sid));
                true
            });
            out
        };
        let same = |t: &str, from: usize, to: usize| {
            let lb = text::lowercase(t).into_bytes();
            assert_eq!(lanes(&lb, from, to), one(&lb, from, to), "{from}..{to}");
        };
        let mut all = String::new();
        for (_, t) in crate::test_ads::ads(&["tests/realads", "tests/corpus", "examples"]) {
            same(&t, 0, t.len());
            for a in (0..t.len().min(3072)).step_by(13) {
                same(&t, a, t.len());
                same(&t, 0, a);
                same(&t, a, (a + 301).min(t.len()));
            }
            all.push_str(&t);
        }
        // Rounds of four lanes of 16 KB; the same with nothing to cut at but the end.
        same(&all, 0, all.len());
        same(&all, 12_345, all.len() - 777);
        let no_cut: String = all
            .chars()
            .map(|c| {
                let mut b = [0u8; 4];
                let low = c.to_lowercase().next().unwrap_or(c);
                let cuts = low
                    .encode_utf8(&mut b)
                    .bytes()
                    .any(|b| engine.split[usize::from(b)]);
                if cuts || low.len_utf8() != c.len_utf8() {
                    'e'
                } else {
                    c
                }
            })
            .collect();
        let lb = text::lowercase(&no_cut).into_bytes();
        assert!(lb.iter().all(|&b| !engine.split[usize::from(b)]));
        assert!(no_cut.len() > 4 * MAX_SEGMENT_BYTES);
        same(&no_cut, 0, no_cut.len());
        // Long runs with nothing to cut at between text that has: lanes, then one alone, ...
        let mixed = format!("{all}{no_cut}\n{all}{}", &no_cut[..MAX_SEGMENT_BYTES - 5]);
        same(&mixed, 0, mixed.len());
        same(&mixed, 1000, mixed.len() - 1000);
        // A caller that stops stops the scan (in a lane round and in a long segment).
        for (t, stop_after) in [(&all, 7), (&no_cut, 7), (&mixed, 100_000)] {
            let lb = text::lowercase(t).into_bytes();
            let mut seen = Vec::new();
            engine.each_match(&lb, 0, lb.len(), |e, sid| {
                seen.push((e, sid));
                seen.len() < stop_after
            });
            let mut want = one(&lb, 0, lb.len());
            want.truncate(stop_after);
            assert_eq!(seen, want);
        }
        // Out of range: nothing, as before.
        assert!(lanes(b"formand", 5, 2).is_empty() && lanes(b"formand", 0, 99).is_empty());
        // Random text: pattern words, their letters, bytes that cut and bytes that do not.
        let pieces = [
            "formand",
            "hun",
            "han",
            "mand",
            "dame",
            "ung",
            "er",
            "s",
            "e",
            " ",
            "\n",
            ".",
            ",",
            "-",
            "!",
            "æ",
            "ø",
            "å",
            "12",
            "/",
            "dig op",
            "rengørings",
            "\t",
            "(",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for round in 0..400 {
            let mut t = String::new();
            let len = if round % 40 == 0 {
                40_000
            } else {
                round * 7 % 900
            };
            while t.len() < len {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                t.push_str(pieces[(seed >> 32) as usize % pieces.len()]);
            }
            same(&t, 0, t.len());
            let a = (seed as usize) % (t.len() + 1);
            same(&t, a, t.len());
        }
    }
}
