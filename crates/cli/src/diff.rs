//! `check --diff`: the unified diff of a fix, made from its edits in one pass.
//!
//! A general line diff (Myers, as `similar` makes it) costs time in the product of the number
//! of changed lines and the file's length: 12 s for 40,000 changed lines in 1 MB. The edits of
//! a fix are known, so the changed lines are too: each edit's lines, joined with its
//! neighbours' when no line boundary lies between them, then trimmed of equal lines at either
//! end. The format is `similar`'s unified diff (the same header, hunk ranges, context and
//! `\ No newline at end of file`), and so is the text for a fix's edits (the tests compare the
//! two; a general diff could only differ where it pairs a changed line with an equal line
//! elsewhere, which one made from the edits never does). Linear in the lengths of the texts.

use biasvask::fix::Edit;

/// Lines changed together: `old[old.0..old.1]` became `new[new.0..new.1]` (line indexes).
#[derive(Debug, Clone, Copy)]
struct Block {
    old: (usize, usize),
    new: (usize, usize),
}

/// The unified diff of `old` -> `new`, where `new` is `old` with `edits` applied (sorted, not
/// overlapping, as [`biasvask::fix::Fixed::edits`]), with `context` lines around each change;
/// empty when nothing changed. Lines end at `\n`, `\r\n` or a lone `\r`.
pub fn unified(
    old: &str,
    new: &str,
    edits: &[Edit],
    context: usize,
    old_name: &str,
    new_name: &str,
) -> String {
    let old_lines = line_starts(old);
    let new_lines = line_starts(new);
    let blocks = blocks(old, new, edits, &old_lines, &new_lines);
    let (n_old, n_new) = (old_lines.len(), new_lines.len());
    let mut out = String::new();
    let mut k = 0;
    while k < blocks.len() {
        // A hunk: blocks no more than 2 * context equal lines apart.
        let mut last = k;
        while last + 1 < blocks.len()
            && blocks[last + 1].old.0.saturating_sub(blocks[last].old.1) <= 2 * context
        {
            last += 1;
        }
        let (first, end) = (blocks[k], blocks[last]);
        let before = context.min(first.old.0).min(first.new.0);
        let after = context
            .min(n_old.saturating_sub(end.old.1))
            .min(n_new.saturating_sub(end.new.1));
        let old_range = (first.old.0 - before, end.old.1 + after);
        let new_range = (first.new.0 - before, end.new.1 + after);
        if out.is_empty() {
            out.push_str(&format!("--- {old_name}\n+++ {new_name}\n"));
        }
        out.push_str(&format!(
            "@@ -{} +{} @@\n",
            Range(old_range),
            Range(new_range)
        ));
        let mut put = |tag: char, text: &str, starts: &[usize], i: usize| {
            let l = line(text, starts, i);
            out.push(tag);
            out.push_str(l);
            if !l.ends_with(['\n', '\r']) {
                out.push_str("\n\\ No newline at end of file\n");
            }
        };
        let mut at = old_range.0;
        for b in &blocks[k..=last] {
            for i in at..b.old.0 {
                put(' ', old, &old_lines, i);
            }
            for i in b.old.0..b.old.1 {
                put('-', old, &old_lines, i);
            }
            for i in b.new.0..b.new.1 {
                put('+', new, &new_lines, i);
            }
            at = b.old.1;
        }
        for i in at..old_range.1 {
            put(' ', old, &old_lines, i);
        }
        k = last + 1;
    }
    out
}

/// A hunk's line range as a unified diff writes it: `start,len` (1-based; an empty range
/// starts at the line before it), or just `start` for one line.
struct Range((usize, usize));

impl std::fmt::Display for Range {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (start, end) = self.0;
        let len = end.saturating_sub(start);
        match len {
            0 => write!(f, "{start},0"),
            1 => write!(f, "{}", start + 1),
            _ => write!(f, "{},{len}", start + 1),
        }
    }
}

/// Line `i` of `text` (`starts`: its [`line_starts`]), with its line break.
fn line<'t>(text: &'t str, starts: &[usize], i: usize) -> &'t str {
    let start = starts.get(i).copied().unwrap_or(text.len());
    let end = starts.get(i + 1).copied().unwrap_or(text.len());
    text.get(start..end).unwrap_or("")
}

/// The byte offset of each line's start; no entry for the empty "line" after a final break.
fn line_starts(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut starts = Vec::new();
    if !b.is_empty() {
        starts.push(0);
    }
    for i in memchr::memchr2_iter(b'\n', b'\r', b) {
        if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
            continue;
        }
        if i + 1 < b.len() {
            starts.push(i + 1);
        }
    }
    starts
}

/// Is `p` a line start of `text` whose line break (the byte before it) and first byte are
/// both inside `lo..hi`? Then the same bytes are a line start in the other text too.
fn inner_start(text: &[u8], p: usize, lo: usize, hi: usize) -> bool {
    p > lo && p < hi && (text[p - 1] == b'\n' || (text[p - 1] == b'\r' && text[p] != b'\n'))
}

/// The changed lines of `old` -> `new`, in order. Between two edits, the bytes are the same in
/// both texts; a line start strictly inside such a stretch is a line start of both, so the
/// lines before it and after it can be aligned there. Edits with no such point between them
/// are one block.
fn blocks(
    old: &str,
    new: &str,
    edits: &[Edit],
    old_lines: &[usize],
    new_lines: &[usize],
) -> Vec<Block> {
    let ob = old.as_bytes();
    // Line index of a byte offset that is a line start (or the end), found by walking forward:
    // the offsets asked for only grow.
    struct Walk<'a> {
        starts: &'a [usize],
        i: usize,
    }
    impl Walk<'_> {
        fn at(&mut self, p: usize) -> usize {
            while self.i < self.starts.len() && self.starts[self.i] < p {
                self.i += 1;
            }
            self.i
        }
    }
    let mut wo = Walk {
        starts: old_lines,
        i: 0,
    };
    let mut wn = Walk {
        starts: new_lines,
        i: 0,
    };
    let mut out = Vec::new();
    // The open block's start (old and new byte offsets).
    let mut open: Option<(usize, usize)> = None;
    // new offset = old offset + shift, in the stretch after the edits so far.
    let mut shift = 0isize;
    let mut kept_from = 0usize;
    let mut close = |out: &mut Vec<Block>, from: (usize, usize), to: (usize, usize)| {
        let mut b = Block {
            old: (wo.at(from.0), wo.at(to.0)),
            new: (wn.at(from.1), wn.at(to.1)),
        };
        // Equal lines at either end are context, not change.
        let same = |i: usize, j: usize| line(old, old_lines, i) == line(new, new_lines, j);
        while b.old.0 < b.old.1 && b.new.0 < b.new.1 && same(b.old.0, b.new.0) {
            b.old.0 += 1;
            b.new.0 += 1;
        }
        while b.old.0 < b.old.1 && b.new.0 < b.new.1 && same(b.old.1 - 1, b.new.1 - 1) {
            b.old.1 -= 1;
            b.new.1 -= 1;
        }
        if b.old.0 < b.old.1 || b.new.0 < b.new.1 {
            out.push(b);
        }
    };
    let at_new = |p: usize, shift: isize| p.saturating_add_signed(shift);
    for e in edits {
        if e.start < kept_from || e.end < e.start || e.end > ob.len() {
            // Not an edit `apply_edits` makes (never one of a fix): left out.
            continue;
        }
        // The stretch kept_from..e.start is the same in both texts.
        let (lo, hi) = (kept_from, e.start);
        match open {
            None => {
                // The block starts at the last line start of the stretch (or the text's start).
                let mut p = None;
                if lo < hi {
                    for i in memchr::memrchr2_iter(b'\n', b'\r', &ob[lo..hi]) {
                        if inner_start(ob, lo + i + 1, lo, hi) {
                            p = Some(lo + i + 1);
                            break;
                        }
                    }
                }
                let p = p.unwrap_or(lo);
                open = Some((p, at_new(p, shift)));
            }
            Some(from) => {
                // A line start inside the stretch ends the open block there and starts the next
                // at the stretch's last line start.
                let first = (lo < hi)
                    .then(|| {
                        memchr::memchr2_iter(b'\n', b'\r', &ob[lo..hi])
                            .map(|i| lo + i + 1)
                            .find(|&p| inner_start(ob, p, lo, hi))
                    })
                    .flatten();
                if let Some(first) = first {
                    let last = memchr::memrchr2_iter(b'\n', b'\r', &ob[lo..hi])
                        .map(|i| lo + i + 1)
                        .find(|&p| inner_start(ob, p, lo, hi))
                        .unwrap_or(first);
                    close(&mut out, from, (first, at_new(first, shift)));
                    open = Some((last, at_new(last, shift)));
                }
            }
        }
        shift += e.replacement.len() as isize - (e.end - e.start) as isize;
        kept_from = e.end;
    }
    if let Some(from) = open {
        // The block ends at the first line start after the last edit (or the text's end).
        let (lo, hi) = (kept_from, ob.len());
        let p = memchr::memchr2_iter(b'\n', b'\r', &ob[lo.min(hi)..hi])
            .map(|i| lo + i + 1)
            .find(|&p| inner_start(ob, p, lo, hi))
            .unwrap_or(hi);
        close(&mut out, from, (p, at_new(p, shift).min(new.len())));
    }
    out
}
