//! The engine: the lexicons compiled into one Aho-Corasick automaton, and `lint`.
//!
//! One pass: the normalised text is lowercased (same byte length), scanned once with the
//! automaton (overlapping matches), and every hit is checked for word boundaries by hand, then
//! handed to its rule. Nothing here does I/O; an `Engine` is `Send + Sync` and is shared by
//! every thread and front end.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::diagnostic::{Diagnostic, Report, Rule, Span};
use crate::document::{Document, Format};
use crate::lexicon::pattern::Alt;
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
    pub(crate) ac: AhoCorasick,
    /// Per automaton pattern: what it stands for.
    pub(crate) uses: Vec<Vec<Use>>,
    pub(crate) patterns: Vec<String>,
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
        for (i, p) in rules::pronouns::PRONOUNS.iter().enumerate() {
            add(p.form, Use::Pronoun(i as u8));
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .map_err(|e| LexiconError {
                file: "(automaton)".into(),
                message: e.to_string(),
            })?;
        Ok(Engine {
            lexicon,
            ac,
            uses,
            patterns,
        })
    }

    /// The compiled lexicon.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The literal patterns the automaton scans for (for the bare-scan benchmark).
    pub fn patterns(&self) -> &[String] {
        &self.patterns
    }

    /// Lint `source` read as `format`.
    pub fn lint(&self, source: &str, format: Format, options: &Options) -> Report {
        let doc = Document::parse(source, format);
        self.lint_document(&doc, options)
    }

    /// Lint a parsed document.
    pub fn lint_document(&self, doc: &Document<'_>, options: &Options) -> Report {
        let text = doc.text();
        let lower = text::lowercase(text);
        let skips = text::skip_regions(text);
        let in_skip = |s: usize, e: usize| {
            let i = skips.partition_point(|&(_, end)| end <= s);
            i < skips.len() && skips[i].0 < e
        };

        let mut word_hits: Vec<Hit> = Vec::new();
        let mut anchors: Vec<(u32, usize, usize)> = Vec::new();
        let mut pronouns: Vec<(u8, usize, usize)> = Vec::new();
        let lb = lower.as_bytes();
        for m in self.ac.find_overlapping_iter(lb) {
            let (s, e) = (m.start(), m.end());
            let after_ok = text::char_at(&lower, e).is_none_or(|c| !text::is_word_char(c));
            let before_ok = text::char_before(&lower, s).is_none_or(|c| !text::is_word_char(c));
            for u in &self.uses[m.pattern().as_usize()] {
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
                            word_start: if before_ok {
                                s
                            } else {
                                text::word_start(&lower, s)
                            },
                        });
                    }
                    Use::Anchor { phrase, affix } => {
                        let ok = match affix {
                            Affix::Whole => before_ok && after_ok,
                            Affix::Prefix => before_ok,
                            Affix::Suffix => after_ok,
                        };
                        if ok {
                            let ws = if before_ok {
                                s
                            } else {
                                text::word_start(&lower, s)
                            };
                            let we = if after_ok {
                                e
                            } else {
                                text::word_end(&lower, e)
                            };
                            anchors.push((phrase, ws, we));
                        }
                    }
                    Use::Pronoun(p) => {
                        if before_ok && after_ok {
                            pronouns.push((p, s, e));
                        }
                    }
                }
            }
        }
        word_hits.retain(|h| !in_skip(h.word_start, h.end));
        anchors.retain(|&(_, s, e)| !in_skip(s, e));
        pronouns.retain(|&(_, s, e)| !in_skip(s, e));

        let ctx = rules::Ctx {
            engine: self,
            text,
            lower: &lower,
            options,
        };
        let mut found: Vec<rules::Found> = Vec::new();
        rules::words::check(&ctx, word_hits, &mut found);
        rules::phrases::check(&ctx, anchors, &mut found);
        rules::pronouns::check(&ctx, pronouns, &mut found);

        // The allow-list: phrases (text offsets) and words (every inflection).
        let allow_regions = allowed_regions(&lower, options);
        found.retain(|f| !allow_regions.iter().any(|&(s, e)| f.start < e && s < f.end));

        let words = rules::summary::count_words(lb, &skips);
        let m = found
            .iter()
            .filter(|f| f.rule == Rule::MasculineCoded)
            .count();
        let f = found
            .iter()
            .filter(|f| f.rule == Rule::FeminineCoded)
            .count();
        let mut diagnostics: Vec<Diagnostic> = Vec::new();
        for fd in found {
            let Some(severity) = options.resolve(fd.rule, fd.severity) else {
                continue;
            };
            let span = doc.source_span(fd.start, fd.end);
            diagnostics.push(Diagnostic {
                rule: fd.rule,
                severity,
                message: fd.message,
                span,
                suggestions: fd.suggestions,
                entry: fd.entry,
                note: fd.note,
            });
        }
        let structure = rules::structure::check(doc, options, &mut diagnostics);
        apply_directives(doc, &mut diagnostics);
        diagnostics.sort_by(|a, b| {
            (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
        });
        diagnostics.dedup_by(|a, b| a.span == b.span && a.rule == b.rule);
        let summary = rules::summary::summary(words, m, f, structure);
        Report {
            diagnostics,
            summary,
        }
    }
}

/// Text regions covered by an allowed phrase.
fn allowed_regions(lower: &str, options: &Options) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for p in options.allowed_phrases() {
        for (i, _) in lower.match_indices(p.as_str()) {
            out.push((i, i + p.len()));
        }
    }
    out
}

/// Drop diagnostics silenced by inline comments (`<!-- biasvask-ignore-next-line -->`,
/// `<!-- biasvask-disable RULE -->` ... `<!-- biasvask-enable RULE -->`).
fn apply_directives(doc: &Document<'_>, diags: &mut Vec<Diagnostic>) {
    use crate::document::DirectiveKind;
    if doc.directives.is_empty() {
        return;
    }
    let src = doc.source();
    // Disabled regions per rule (None = all rules), in source offsets.
    let mut regions: Vec<(Option<Rule>, Span)> = Vec::new();
    let mut open: Vec<(Option<Rule>, usize)> = Vec::new();
    for d in &doc.directives {
        match d.kind {
            DirectiveKind::IgnoreNextLine => {
                // The next line with text after the comment.
                let mut pos = d.span.end;
                loop {
                    let line_end = src[pos..].find('\n').map(|i| pos + i).unwrap_or(src.len());
                    let line = &src[pos..line_end];
                    if !line.trim().is_empty() || line_end == src.len() {
                        // The comment's own line counts when text follows it on that line.
                        regions.push((None, Span::new(pos, line_end)));
                        break;
                    }
                    pos = line_end + 1;
                }
            }
            DirectiveKind::Disable(r) => open.push((r, d.span.end)),
            DirectiveKind::Enable(r) => {
                if let Some(i) = open.iter().rposition(|(o, _)| *o == r || r.is_none()) {
                    let (rule, start) = open.remove(i);
                    regions.push((rule, Span::new(start, d.span.start)));
                }
            }
        }
    }
    for (rule, start) in open {
        regions.push((rule, Span::new(start, src.len())));
    }
    let disabled_anywhere = |rule: Rule| {
        doc.directives
            .iter()
            .any(|d| d.kind == DirectiveKind::Disable(Some(rule)))
    };
    diags.retain(|d| {
        if d.rule.is_ad_level() {
            // An ad-level finding is about the whole ad: a disable naming the rule silences it.
            return !disabled_anywhere(d.rule);
        }
        !regions.iter().any(|(r, span)| {
            r.is_none_or(|r| r == d.rule) && d.span.start >= span.start && d.span.end <= span.end
        })
    });
}
