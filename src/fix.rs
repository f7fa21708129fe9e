//! Fixes: apply a suggestion of every word- and phrase-level finding, exactly. Every other
//! byte stays as it was; ad-level findings are never auto-fixed.
//!
//! Three rules keep a fix from making the ad worse:
//!
//! - **Safe only in bulk.** `--fix`, the LSP's fix-all and the web page's "Ret alle" apply a
//!   finding only when its [`Applicability`] is `Safe` (the meaning is kept); coded-word
//!   alternatives (`Unsafe`) are offered one by one, or in bulk with `--unsafe-fixes`.
//! - **Markup is never deleted.** A finding whose source holds markup inside the word
//!   (`<b>Form</b>and`, `**form**and`, `for<!-- x -->mand`) is fixed by editing only the text on
//!   one side of the markup when the change fits there exactly
//!   (`<a href="/x">rengørings</a>dame` -> `<a href="/x">rengørings</a>assistent`), and is
//!   otherwise left unfixed and reported as such ([`Fixer::edit`] returns `None`).
//! - **Locked text is markup.** Text that is also markup ([`Document::locked`]: the text of a
//!   Markdown shortcut or collapsed reference link, `[Formand]`, is the label that finds its
//!   definition) is read as markup here: a fix edits only text beside it, like beside a tag.
//! - **No repeated neighbour.** A suggestion that repeats a word of its own sentence
//!   («en udfordrende og spændende stilling» -> «spændende og spændende») is dropped when the
//!   finding is made ([`without_repeats`], in [`crate::repeats`]).

use crate::diagnostic::{Applicability, Diagnostic};
use crate::document::{Document, Format};
use crate::engine::Engine;
use crate::options::Options;
pub use crate::repeats::without_repeats;

/// One replacement in source bytes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub replacement: String,
}

/// Which findings a bulk fix applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    /// Safe fixes only (`--fix`, fix-all, "Ret alle").
    #[default]
    Safe,
    /// Safe and unsafe fixes (`--unsafe-fixes`).
    Unsafe,
}

impl Scope {
    /// Whether a bulk fix in this scope applies `d`.
    pub fn includes(self, d: &Diagnostic) -> bool {
        if d.rule.is_ad_level() || d.span.is_empty() || d.suggestions.is_empty() {
            return false;
        }
        matches!(
            (self, d.applicability),
            (_, Some(Applicability::Safe)) | (Scope::Unsafe, Some(Applicability::Unsafe))
        )
    }
}

/// The edits of a bulk fix and the findings it had to leave alone.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// Sorted, without overlaps (an earlier or longer span wins).
    pub edits: Vec<Edit>,
    /// Indices (into the diagnostics given) of findings in scope that no suggestion can fix
    /// without deleting markup or changing locked text.
    pub unfixable: Vec<usize>,
}

/// Maps findings to exact source edits for one input.
pub struct Fixer<'a> {
    source: &'a str,
    doc: Document<'a>,
    /// The text is the source, byte for byte: every span is plain.
    identity: bool,
}

/// A run of normalised text that came from one place in the source.
#[derive(Debug, Clone, Copy)]
struct Unit {
    /// Byte range in the span's text `t`.
    t0: usize,
    t1: usize,
    /// Byte range in the source.
    s0: usize,
    s1: usize,
    /// The piece of editable text the unit belongs to; `None` for markup (a tag that became
    /// a line break).
    piece: Option<usize>,
}

impl<'a> Fixer<'a> {
    pub fn new(source: &'a str, format: Format) -> Fixer<'a> {
        Fixer::from_document(source, Document::parse(source, format))
    }

    /// A fixer for `source` from the document it was already parsed into (the one the lint
    /// read: an HTML source is not parsed a second time).
    pub fn from_document(source: &'a str, doc: Document<'a>) -> Fixer<'a> {
        let identity = doc.text() == source && doc.locked.is_empty();
        Fixer {
            source,
            doc,
            identity,
        }
    }

    /// The exact edit that puts `replacement` in place of `d`'s text, or `None` when that
    /// would delete or move markup inside the finding (or change locked text, see
    /// [`Document::locked`]).
    pub fn edit(&self, d: &Diagnostic, replacement: &str) -> Option<Edit> {
        self.edits_with(d, &[replacement]).pop().flatten()
    }

    /// [`Fixer::edit`] of each suggestion of `d`, in order (the span is read once).
    pub fn edits(&self, d: &Diagnostic) -> Vec<Option<Edit>> {
        let suggestions: Vec<&str> = d.suggestions.iter().map(String::as_str).collect();
        self.edits_with(d, &suggestions)
    }

    /// [`Fixer::edit`] of each of `replacements`, in order, the span read once.
    fn edits_with(&self, d: &Diagnostic, replacements: &[&str]) -> Vec<Option<Edit>> {
        let span = d.span;
        if replacements.is_empty() {
            return Vec::new();
        }
        if span.is_empty() || span.end > self.source.len() {
            return vec![None; replacements.len()];
        }
        if self.identity {
            return replacements.iter().map(|r| Some(whole(d, r))).collect();
        }
        match self.units(span) {
            None => vec![None; replacements.len()],
            Some((t, units)) => replacements
                .iter()
                .map(|r| edit_in(d, r, &t, &units))
                .collect(),
        }
    }

    /// Whether every suggestion of `d` can be applied exactly (no markup inside the finding
    /// is touched).
    pub fn is_exact(&self, d: &Diagnostic) -> bool {
        self.identity || d.suggestions.iter().all(|s| self.edit(d, s).is_some())
    }

    /// The normalised text of a source span and its units, or `None` when the span does not
    /// line up with the text (it starts or ends inside markup).
    fn units(&self, span: crate::Span) -> Option<(String, Vec<Unit>)> {
        let text = self.doc.text();
        // Text offsets whose source lies in the span: the map is monotonic.
        let first = lower_bound(text, |i| self.src_of(i).0 >= span.start);
        // A unit per character of the span at most.
        let mut t = String::with_capacity(span.end.saturating_sub(span.start));
        let mut units: Vec<Unit> = Vec::with_capacity(span.end.saturating_sub(span.start));
        let mut piece = 0usize;
        let mut broken = false;
        // Where in the offset map the last character was.
        let mut near = 0;
        // The locked ranges from the span's on (read as markup: see `Document::locked`); the
        // units come in source order, so the first that may hold the next is kept.
        let locked = &self.doc.locked;
        let mut k = locked.partition_point(|l| l.end <= span.start);
        for (off, c) in text[first..].char_indices() {
            let i = first + off;
            let sp = self.doc.source_span_near(&mut near, i, i + c.len_utf8());
            let (s0, s1) = (sp.start, sp.end);
            if s0 >= span.end {
                break;
            }
            let t0 = t.len();
            // The letter with the marks the text left out after it (the suggestions have
            // them: `Document::keep_marks`).
            t.push_str(&self.doc.marked(i, i + c.len_utf8()));
            let t1 = t.len();
            if let Some(last) = units.last_mut() {
                if (s0, s1) == (last.s0, last.s1) && s0 < s1 {
                    // The same replaced segment (several text chars from one source run).
                    last.t1 = t1;
                    continue;
                }
                if s0 < last.s1 {
                    return None;
                }
                let gap = &self.source[last.s1..s0];
                if !gap.chars().all(|g| g.is_whitespace() || is_invisible(g)) {
                    broken = true;
                }
            }
            let src = &self.source[s0..s1];
            while locked.get(k).is_some_and(|l| l.end <= s0) {
                k += 1;
            }
            let in_locked = locked
                .get(k)
                .is_some_and(|l| l.start < s1.max(s0 + 1) && s0 < l.end);
            let markup = in_locked
                || !(src == c.encode_utf8(&mut [0u8; 4]) as &str
                    || src.is_empty()
                    || (src.starts_with('&') && src.ends_with(';'))
                    || !src.contains(['<', '>', '*', '_', '`', '[', ']', '\\']));
            if markup {
                broken = true;
            } else if broken {
                piece += 1;
                broken = false;
            }
            units.push(Unit {
                t0,
                t1,
                s0,
                s1,
                piece: (!markup).then_some(piece),
            });
        }
        let (f, l) = (units.first()?, units.last()?);
        if f.s0 != span.start || l.s1 != span.end {
            return None;
        }
        Some((t, units))
    }

    /// The source range one text char at `i` came from.
    fn src_of(&self, i: usize) -> (usize, usize) {
        let text = self.doc.text();
        let n = text[i..].chars().next().map_or(0, char::len_utf8);
        let sp = self.doc.source_span(i, i + n);
        (sp.start, sp.end)
    }
}

/// The edit that replaces `d`'s span with `replacement`, as written.
fn whole(d: &Diagnostic, replacement: &str) -> Edit {
    Edit {
        start: d.span.start,
        end: d.span.end,
        replacement: replacement.to_string(),
    }
}

/// [`Fixer::edit`] once the span's text `t` and its units are known.
fn edit_in(d: &Diagnostic, replacement: &str, t: &str, units: &[Unit]) -> Option<Edit> {
    let pieces = units
        .iter()
        .filter_map(|u| u.piece)
        .max()
        .map_or(0, |p| p + 1);
    if pieces == 1 && units.iter().all(|u| u.piece.is_some()) {
        // Plain text (entities included): replace the whole span, as written.
        return Some(whole(d, replacement));
    }
    // Only the middle that differs may change; it must lie inside one piece of text.
    let r = replacement;
    let mut p = crate::text::common_prefix(t, r);
    let mut s = crate::text::common_suffix(&t[p..], &r[p..]);
    // Widen to whole units (an entity is replaced whole).
    if let Some(u) = units.iter().find(|u| u.t0 < p && p < u.t1) {
        p = u.t0;
    }
    let mut e = t.len() - s;
    if let Some(u) = units.iter().find(|u| u.t0 < e && e < u.t1) {
        e = u.t1;
    }
    s = t.len() - e;
    let new = &r[p..r.len() - s];
    let inside: Vec<&Unit> = units.iter().filter(|u| u.t0 >= p && u.t1 <= e).collect();
    if p == e {
        // A pure insertion: between two units of the same piece, or at an end.
        let before = units.iter().rev().find(|u| u.t1 <= p);
        let after = units.iter().find(|u| u.t0 >= p);
        let at = match (before, after) {
            (Some(b), Some(a)) if b.piece.is_some() && b.piece == a.piece => a.s0,
            (None, Some(a)) if a.piece.is_some() => a.s0,
            (Some(b), None) if b.piece.is_some() => b.s1,
            _ => return None,
        };
        return Some(Edit {
            start: at,
            end: at,
            replacement: new.to_string(),
        });
    }
    let first = inside.first()?;
    let last = inside.last()?;
    if first.piece.is_none() || inside.iter().any(|u| u.piece != first.piece) {
        return None;
    }
    Some(Edit {
        start: first.s0,
        end: last.s1,
        replacement: new.to_string(),
    })
}

/// The first char boundary `i` of `text` with `pred(i)`, for a monotonic `pred`.
fn lower_bound(text: &str, pred: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0usize, text.len());
    while lo < hi {
        let mut mid = lo + (hi - lo) / 2;
        while !text.is_char_boundary(mid) {
            mid -= 1;
        }
        if mid < lo {
            mid = lo;
        }
        if pred(mid) {
            hi = mid;
        } else {
            let n = text[mid..].chars().next().map_or(1, char::len_utf8);
            lo = mid + n;
        }
    }
    lo.min(text.len())
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// The edits of a bulk fix of `diagnostics` in `scope`: per finding the first suggestion
/// that can be applied exactly, sorted, without overlaps (an earlier or longer span wins).
pub fn plan(source: &str, format: Format, diagnostics: &[Diagnostic], scope: Scope) -> Plan {
    Fixer::new(source, format).plan(diagnostics, scope)
}

impl Fixer<'_> {
    /// [`plan`] with this fixer's document.
    pub fn plan(&self, diagnostics: &[Diagnostic], scope: Scope) -> Plan {
        let fixer = self;
        let mut cands: Vec<Edit> = Vec::new();
        let mut unfixable = Vec::new();
        for (i, d) in diagnostics.iter().enumerate() {
            if !scope.includes(d) {
                continue;
            }
            match d.suggestions.iter().find_map(|s| fixer.edit(d, s)) {
                Some(e) => cands.push(e),
                None => unfixable.push(i),
            }
        }
        cands.sort_by(|a, b| {
            (a.start, std::cmp::Reverse(a.end)).cmp(&(b.start, std::cmp::Reverse(b.end)))
        });
        let mut edits: Vec<Edit> = Vec::new();
        for e in cands {
            if edits
                .last()
                .is_some_and(|l| e.start < l.end || (e.start == l.end && e.start == e.end))
            {
                continue;
            }
            edits.push(e);
        }
        Plan { edits, unfixable }
    }
}

/// The safe edits for `diagnostics` of a plain-text source (first suggestion each).
pub fn edits(source: &str, format: Format, diagnostics: &[Diagnostic]) -> Vec<Edit> {
    plan(source, format, diagnostics, Scope::Safe).edits
}

/// Apply sorted, non-overlapping edits (one that overlaps an earlier one, ends before it
/// starts or is not on char boundaries is skipped).
pub fn apply_edits(source: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(source.len());
    let mut pos = 0;
    for e in applicable(source, edits) {
        out.push_str(&source[pos..e.start]);
        out.push_str(&e.replacement);
        pos = e.end;
    }
    out.push_str(&source[pos..]);
    out
}

/// The edits of `edits` that [`apply_edits`] applies, in order.
fn applicable<'e>(source: &'e str, edits: &'e [Edit]) -> impl Iterator<Item = &'e Edit> + 'e {
    let mut pos = 0;
    let len = source.len();
    edits.iter().filter(move |e| {
        let ok = e.start >= pos
            && e.start <= e.end
            && e.end <= len
            && source.is_char_boundary(e.start)
            && source.is_char_boundary(e.end);
        if ok {
            pos = e.end;
        }
        ok
    })
}

/// One list of edits on `s0` that does what `first` (edits on `s0`, giving `s1`) and then
/// `then` (edits on `s1`) do: sorted, not overlapping, each an edit of `first` or `then` or
/// several of them that touch or overlap joined into one. Linear in the lengths of the lists
/// and of the text they cover. Both lists must be applicable as they are (see [`applicable`]).
pub fn compose(s1: &str, first: &[Edit], then: &[Edit]) -> Vec<Edit> {
    // How many bytes an edit adds (negative: removes).
    let growth = |e: &Edit| e.replacement.len() as isize - e.end.saturating_sub(e.start) as isize;
    // Where each edit of `first` landed in `s1`: its replacement's start and end there.
    let mut shift = 0isize;
    let landed: Vec<(usize, usize)> = first
        .iter()
        .map(|e| {
            let at = e.start.saturating_add_signed(shift);
            shift += growth(e);
            (at, at + e.replacement.len())
        })
        .collect();
    // The regions of `s1` either list touches, touching or overlapping ones joined.
    let mut regions: Vec<(usize, usize)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < landed.len() || j < then.len() {
        let next = match (landed.get(i), then.get(j)) {
            (Some(&a), Some(b)) if a.0 <= b.start => {
                i += 1;
                a
            }
            (Some(&a), None) => {
                i += 1;
                a
            }
            (_, Some(b)) => {
                j += 1;
                (b.start, b.end)
            }
            (None, None) => break,
        };
        match regions.last_mut() {
            Some(r) if next.0 <= r.1 => r.1 = r.1.max(next.1),
            _ => regions.push(next),
        }
    }
    // Each region back in `s0`'s bytes, with `then`'s edits inside it applied.
    let mut out = Vec::with_capacity(regions.len());
    let (mut i, mut j) = (0, 0);
    let mut shift = 0isize;
    for (x, y) in regions {
        while i < first.len() && landed[i].0 < x {
            shift += growth(&first[i]);
            i += 1;
        }
        let start = x.saturating_add_signed(-shift);
        while i < first.len() && landed[i].0 <= y {
            shift += growth(&first[i]);
            i += 1;
        }
        let end = y.saturating_add_signed(-shift);
        let mut replacement = String::new();
        let mut pos = x;
        while let Some(b) = then.get(j).filter(|b| b.start <= y) {
            replacement.push_str(s1.get(pos..b.start).unwrap_or(""));
            replacement.push_str(&b.replacement);
            pos = b.end;
            j += 1;
        }
        replacement.push_str(s1.get(pos..y).unwrap_or(""));
        out.push(Edit {
            start,
            end,
            replacement,
        });
    }
    out
}

/// The result of [`fix`].
#[derive(Debug, Clone)]
pub struct Fixed {
    /// The fixed text (the source when nothing was fixed).
    pub text: String,
    /// How many edits were made.
    pub applied: usize,
    /// The edits, in the source's bytes, that make `text` of it: sorted, not overlapping (the
    /// edits of several rounds composed into one list). A diff is made from them in one pass.
    pub edits: Vec<Edit>,
    /// The report on the fixed text.
    pub report: crate::Report,
    /// Findings of `report` in scope that could not be fixed without deleting markup or
    /// changing locked text.
    pub unfixable: Vec<Diagnostic>,
    /// Findings of `report` in scope with a fix that were not fixed because the [`ROUNDS`] ran
    /// out (each round fixes at most the findings one report lists, `Options::max_findings`);
    /// when `report.truncated`, at least this many. Fixing `text` again fixes them.
    pub left: usize,
}

/// The rounds of fixing [`fix`] makes at most: one is the rule (no suggestion is itself
/// flagged); more are needed when a report lists only the first `Options::max_findings`.
pub const ROUNDS: usize = 4;

/// Fix `source` until nothing fixable in `scope` is left (at most [`ROUNDS`] rounds; one is
/// the rule, since no suggestion is itself flagged).
pub fn fix(
    engine: &Engine,
    source: &str,
    format: Format,
    options: &Options,
    scope: Scope,
) -> Fixed {
    let mut text = source.to_string();
    let mut applied = 0;
    let mut edits: Vec<Edit> = Vec::new();
    let mut report = engine.lint(&text, format, options);
    // Whether fixing stopped of itself (nothing more to fix) rather than at the last round.
    let mut done = false;
    for round in 0..ROUNDS {
        let p = plan(&text, format, &report.diagnostics, scope);
        if p.edits.is_empty() {
            done = true;
            break;
        }
        let next = apply_edits(&text, &p.edits);
        if next == text {
            done = true;
            break;
        }
        applied += p.edits.len();
        let made: Vec<Edit> = applicable(&text, &p.edits).cloned().collect();
        edits = if round == 0 {
            made
        } else {
            compose(&text, &edits, &made)
        };
        text = next;
        report = engine.lint(&text, format, options);
    }
    let p = plan(&text, format, &report.diagnostics, scope);
    let unfixable: Vec<Diagnostic> = p
        .unfixable
        .iter()
        .map(|&i| report.diagnostics[i].clone())
        .collect();
    let left = if done {
        0
    } else {
        report
            .diagnostics
            .iter()
            .filter(|d| scope.includes(d))
            .count()
            .saturating_sub(unfixable.len())
    };
    Fixed {
        text,
        applied,
        edits,
        report,
        unfixable,
        left,
    }
}
