//! Shared by the HTML and Markdown front ends: the block outline (headings, paragraphs, list
//! items in text offsets), the suppression-comment parser, and prose helpers that push text
//! into a [`TextBuilder`] the way a reader sees it.

use crate::diagnostic::{Rule, Span};
use crate::document::{Block, BlockKind, Directive, DirectiveKind, TextBuilder};

/// One open structural element.
#[derive(Debug, Clone, Copy)]
struct Open {
    /// Tag code (front-end specific) used to match the closing tag.
    tag: u32,
    id: u32,
    /// The innermost open heading or list item, this one included: (kind, id).
    owner: Option<(BlockKind, u32)>,
}

/// Tracks open block elements and turns the text between block boundaries into [`Block`]s.
///
/// A run of text belongs to the innermost open heading or list item; otherwise it is a
/// paragraph of the innermost open block. Runs of the same owner (`<p>a<br>b</p>`,
/// `<li><p>a</p><p>b</p></li>`) are one block.
///
/// Every operation costs O(1), amortised, however deep the nesting (`<ul><li>` 100,000 times
/// deep, a stray `</p>` under 100,000 open `<div>`s): each open element knows its owner, and
/// a count per tag answers "is one open".
#[derive(Debug, Default)]
pub(crate) struct Outline {
    stack: Vec<Open>,
    /// How many elements of each tag are open, by tag (the tags are the small indices of the
    /// input's block-element table: a vector, not a hash map).
    open_count: Vec<usize>,
    next_id: u32,
    run_start: usize,
    /// (block, owner id)
    blocks: Vec<(Block, u32)>,
}

impl Outline {
    pub(crate) fn new() -> Outline {
        Outline {
            next_id: 1,
            ..Outline::default()
        }
    }

    /// A block element opens at text offset `text.len()`.
    pub(crate) fn open(&mut self, text: &str, tag: u32, kind: BlockKind) {
        self.flush(text);
        let id = self.next_id;
        self.next_id += 1;
        let owner = match kind {
            BlockKind::Heading | BlockKind::ListItem => Some((kind, id)),
            _ => self.stack.last().and_then(|o| o.owner),
        };
        self.stack.push(Open { tag, id, owner });
        let t = tag as usize;
        if t >= self.open_count.len() {
            self.open_count.resize(t + 1, 0);
        }
        self.open_count[t] += 1;
    }

    /// A block element closes; an unmatched close only ends the current run.
    pub(crate) fn close(&mut self, text: &str, tag: u32) {
        self.flush(text);
        if !self.is_open(tag) {
            return;
        }
        // Searched from the top: every element passed over is closed too.
        while let Some(o) = self.stack.pop() {
            if let Some(n) = self.open_count.get_mut(o.tag as usize) {
                *n = n.saturating_sub(1);
            }
            if o.tag == tag {
                break;
            }
        }
    }

    /// Whether the innermost open element has tag `tag`.
    pub(crate) fn top_is(&self, tag: u32) -> bool {
        self.stack.last().is_some_and(|o| o.tag == tag)
    }

    /// Whether an element with tag `tag` is open.
    pub(crate) fn is_open(&self, tag: u32) -> bool {
        self.open_count.get(tag as usize).is_some_and(|&n| n > 0)
    }

    /// A boundary inside the current element (`<br>`, a nested list starting).
    pub(crate) fn flush(&mut self, text: &str) {
        let (start, end) = (self.run_start, text.len());
        self.run_start = end;
        let Some(run) = text.get(start..end) else {
            return;
        };
        let lead = run.len() - run.trim_start().len();
        let trimmed = run.trim();
        if trimmed.is_empty() {
            return;
        }
        let (s, e) = (start + lead, start + lead + trimmed.len());
        let (kind, owner) = match self.stack.last() {
            Some(Open {
                owner: Some(owner), ..
            }) => *owner,
            top => (BlockKind::Paragraph, top.map_or(0, |o| o.id)),
        };
        if let Some((last, last_owner)) = self.blocks.last_mut() {
            if *last_owner == owner && last.kind == kind {
                last.end = e;
                return;
            }
        }
        self.blocks.push((
            Block {
                kind,
                start: s,
                end: e,
            },
            owner,
        ));
    }

    /// The blocks, in text order. Paragraphs are refined with the plain-text heuristics, so a
    /// CMS pseudo-heading (`<p><strong>Vi forventer:</strong></p>`) or `<br>`-separated bullet
    /// lines inside one paragraph become a heading and list items.
    pub(crate) fn finish(mut self, text: &str) -> Vec<Block> {
        self.flush(text);
        let mut out = Vec::with_capacity(self.blocks.len());
        for (b, _) in self.blocks {
            if b.kind != BlockKind::Paragraph {
                out.push(b);
                continue;
            }
            let Some(slice) = text.get(b.start..b.end) else {
                out.push(b);
                continue;
            };
            let inner = crate::input::text::blocks(slice);
            if inner.is_empty() {
                out.push(b);
            }
            out.extend(inner.into_iter().map(|i| Block {
                kind: i.kind,
                start: b.start + i.start,
                end: b.start + i.end,
            }));
        }
        out
    }
}

/// Push prose `s` (which came from `source[src..src + s.len()]` verbatim) so that a line
/// break in the markup source reads as the space a reader sees: runs of whitespace holding a
/// line break become one replaced space (nothing at the start of a line). With `keep_lines`
/// (`<pre>`) the text is copied as it is.
pub(crate) fn push_prose(b: &mut TextBuilder, src: usize, s: &str, keep_lines: bool) {
    if keep_lines {
        b.push_verbatim(src, s);
        return;
    }
    let bytes = s.as_bytes();
    let mut copied = 0;
    // The whitespace runs that hold a line break, found from their breaks: each is widened to
    // the whole run (a break inside a run already done is passed over).
    for brk in memchr::memchr3_iter(b'\n', b'\r', b'\x0c', bytes) {
        if brk < copied {
            continue;
        }
        let mut start = brk;
        while start > copied && is_ws(bytes[start - 1]) {
            start -= 1;
        }
        let mut i = brk + 1;
        while i < bytes.len() && is_ws(bytes[i]) {
            i += 1;
        }
        b.push_verbatim(src + copied, &s[copied..start]);
        let at_line_start = b.text().is_empty() || b.text().ends_with(['\n', ' ']);
        if !at_line_start {
            b.push_replaced(src + start, src + i, " ");
        }
        copied = i;
    }
    b.push_verbatim(src + copied, &s[copied..]);
}

/// Push `replacement` for `source[start..end]` (an entity, an escape), with line breaks read
/// as spaces unless `keep_lines`.
pub(crate) fn push_replaced_prose(
    b: &mut TextBuilder,
    start: usize,
    end: usize,
    replacement: &str,
    keep_lines: bool,
) {
    if !keep_lines && replacement.contains(['\n', '\r']) {
        let r = replacement.replace(['\n', '\r'], " ");
        if r.trim().is_empty() && (b.text().is_empty() || b.text().ends_with(['\n', ' '])) {
            return;
        }
        b.push_replaced(start, end, &r);
    } else {
        b.push_replaced(start, end, replacement);
    }
}

fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Read a comment's content (between `<!--` and `-->`) as suppression directives.
///
/// `biasvask-ignore-next-line`, `biasvask-disable [RULE ...]`, `biasvask-enable [RULE ...]`;
/// rules may be separated by spaces or commas. An unknown rule id is ignored (so a typo never
/// widens a suppression to all rules); a directive naming only unknown rules does nothing.
/// Anything else in a comment is not a directive.
pub(crate) fn directives(content: &str, span: Span, out: &mut Vec<Directive>) {
    let mut words = content
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty());
    let Some(head) = words.next() else { return };
    let disable = match head {
        "biasvask-ignore-next-line" => {
            out.push(Directive {
                kind: DirectiveKind::IgnoreNextLine,
                span,
            });
            return;
        }
        "biasvask-disable" => true,
        "biasvask-enable" => false,
        _ => return,
    };
    let make = |r: Option<Rule>| {
        if disable {
            DirectiveKind::Disable(r)
        } else {
            DirectiveKind::Enable(r)
        }
    };
    let mut any_named = false;
    for w in words {
        any_named = true;
        if let Ok(rule) = w.parse::<Rule>() {
            out.push(Directive {
                kind: make(Some(rule)),
                span,
            });
        }
    }
    if !any_named {
        out.push(Directive {
            kind: make(None),
            span,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<DirectiveKind> {
        let mut out = Vec::new();
        directives(s, Span::new(0, 1), &mut out);
        out.into_iter().map(|d| d.kind).collect()
    }

    #[test]
    fn directive_forms() {
        assert_eq!(
            kinds(" biasvask-ignore-next-line "),
            vec![DirectiveKind::IgnoreNextLine]
        );
        assert_eq!(
            kinds("biasvask-disable"),
            vec![DirectiveKind::Disable(None)]
        );
        assert_eq!(kinds("biasvask-enable"), vec![DirectiveKind::Enable(None)]);
        assert_eq!(
            kinds("biasvask-disable gendered-term, masculine-coded"),
            vec![
                DirectiveKind::Disable(Some(Rule::GenderedTerm)),
                DirectiveKind::Disable(Some(Rule::MasculineCoded))
            ]
        );
        // An unknown rule is ignored, never read as "all rules".
        assert_eq!(kinds("biasvask-disable gendered-trem"), vec![]);
        assert_eq!(kinds("biasvask-disable-all"), vec![]);
        assert_eq!(kinds("just a comment"), vec![]);
    }

    #[test]
    fn prose_collapses_source_line_breaks() {
        let src = "Vi søger en\n    formand";
        let mut b = TextBuilder::new();
        push_prose(&mut b, 0, src, false);
        assert_eq!(b.text(), "Vi søger en formand");
    }
}
