//! HTML input, as CMS systems store it.
//!
//! The source is tokenized by [html5gum](https://docs.rs/html5gum) (a WHATWG-compliant tokenizer
//! that reports source positions) with an emitter of our own: every piece of text it emits is
//! compared with the source bytes it consumed, so verbatim text maps byte for byte and a
//! decoded character reference (`&oslash;`, `&#248;`, `&#xF8;`, `&nbsp;`, every HTML5 named
//! reference, legacy ones without `;`) maps as one replaced segment onto exactly its source
//! bytes.
//!
//! What the rules read is the prose a reader sees:
//! - tags are removed; block elements (`p`, `div`, `li`, `h1`-`h6`, `br`, `tr`, `td`, `section`,
//!   `pre` and its old forms `xmp`, `listing`, `plaintext`, ...) end the line so that sentences
//!   never run across blocks; inline elements (`strong`, `em`, `span`, `a`, `b`, `i`, ...) add
//!   nothing, so `<strong>Formand</strong>en` reads `Formanden`; a line break in the markup
//!   reads as a space (except inside `<pre>`, `<xmp>`, `<listing>`, `<plaintext>`);
//! - not linted: comments (read for suppression directives only, and as nothing:
//!   `for<!-- x -->mand` is one word); `<script>`, `<style>`, `<template>`, `<noscript>`,
//!   `<noembed>`, `<noframes>` (fallback text, usually a notice, not the ad), `<code>`,
//!   `<kbd>`, `<samp>`, `<textarea>`, `<svg>`, `<math>`, `<iframe>`, `<object>`, each read as
//!   a space so that no word runs across it; and all attribute values (`href`, but also `alt`
//!   and `title`: they are not part of the ad's running text, and a span into an attribute
//!   would be rewritten by `--fix` in markup nobody reads);
//! - broken markup is read as browsers read it: unclosed tags, a stray `<`, `</p>` without an
//!   opening tag, a truncated `<a href="` at the end. Parsing never fails.
//!
//! The ad's structure (headings, paragraphs, list items) comes from the elements; a paragraph
//! is refined with the plain-text heuristics, so a CMS pseudo-heading such as
//! `<p><strong>Vi forventer:</strong></p>` is a heading too.

use std::cell::Cell;

use html5gum::{naive_next_state, Emitter, Error, Readable, Reader, State, Tokenizer};

use crate::diagnostic::Span;
use crate::document::{BlockKind, Directive, Document, TextBuilder};
use crate::input::outline::{self, Outline};

/// Parse HTML `source` into a document. Never fails.
pub fn parse(source: &str) -> Document<'_> {
    // A segment between two tags or entities: one per 32 bytes of a page is ample.
    let mut builder = TextBuilder::with_capacity(source.len(), source.len() / 32 + 4);
    let mut outline = Outline::new();
    let mut directives = Vec::new();
    parse_fragment(
        source,
        0..source.len(),
        &mut builder,
        &mut outline,
        &mut directives,
    );
    let (text, map) = builder.finish();
    let blocks = outline.finish(&text);
    Document::from_parts(source, text, map, blocks, directives)
}

/// Read `source[range]` as HTML into `builder`, `outline` and `directives`, with offsets into
/// the whole `source` (the Markdown front end reads its HTML blocks and inline HTML with this).
pub(crate) fn parse_fragment(
    source: &str,
    range: std::ops::Range<usize>,
    builder: &mut TextBuilder,
    outline: &mut Outline,
    directives: &mut Vec<Directive>,
) {
    let Some(fragment) = source.get(range.clone()) else {
        return;
    };
    let mut p = Parser {
        source,
        end: range.end,
        builder,
        outline,
        directives,
        pos: range.start,
        mark: range.start,
        tag_start: range.start,
        tag_name: Vec::new(),
        tag_is_end: false,
        self_closing: false,
        last_start_tag: Vec::new(),
        comment: Vec::new(),
        skip: Vec::new(),
        pre: 0,
        verbatim: None,
    };
    let unwind = Unwind::default();
    let em = Em {
        p: &mut p,
        unwind: &unwind,
    };
    #[cfg(test)]
    if PLAIN_READER.get() {
        // html5gum's own reader, to check that unwinding changes nothing (tests only).
        let _ = Tokenizer::new_with_emitter(fragment, em).finish();
        p.flush_text();
        return;
    }
    let reader = UnwindingReader {
        input: fragment.as_bytes(),
        unwind: &unwind,
    };
    // The only "error" is the deliberate [`Unwound`]: the tokenizer goes on where it stopped.
    for _ in Tokenizer::new_with_emitter(reader, em) {}
    p.flush_text();
}

#[cfg(test)]
thread_local! {
    static PLAIN_READER: Cell<bool> = const { Cell::new(false) };
}

/// Keeps html5gum's stack flat.
///
/// html5gum 0.9 calls some states directly from others instead of returning to its loop, and
/// one chain of such calls is a cycle: after a double-quoted attribute value it goes
/// `AfterAttributeValueQuoted` -> `BeforeAttributeName` -> `AttributeName` ->
/// `BeforeAttributeValue` -> `AttributeValueDoubleQuoted` -> `AfterAttributeValueQuoted` -> ...
/// without returning, so one tag with some thousands of attributes `a="" a="" ...` (35 KB)
/// overflows the stack and aborts the process.
///
/// The reader breaks the cycle without changing what is read: right after the closing `"` of a
/// double-quoted value, `AfterAttributeValueQuoted` (the only state that reads then, and one
/// the tokenizer has recorded as its current state, with nothing to reconsume) asks for the next
/// byte; that one read fails with [`Unwound`], every frame returns, and the tokenizer's loop,
/// asked for its next item, runs `AfterAttributeValueQuoted` again, which now gets the byte. So
/// the depth is bounded by one attribute, whatever the input.
#[derive(Default)]
struct Unwind {
    /// The last byte the reader handed out.
    last: Cell<u8>,
    phase: Cell<Phase>,
}

#[derive(Default, Clone, Copy, PartialEq, Eq)]
enum Phase {
    #[default]
    Idle,
    /// Inside a double-quoted attribute value.
    Value,
    /// The value's closing `"` was just handed out.
    Closed,
}

/// The [`Unwind`] "error": not an error, a request to return to the tokenizer's loop.
#[derive(Debug)]
struct Unwound;

impl std::fmt::Display for Unwound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("unwound")
    }
}

impl std::error::Error for Unwound {}

/// A reader of a byte slice (like html5gum's `StringReader`) that unwinds after each
/// double-quoted attribute value; see [`Unwind`].
struct UnwindingReader<'a> {
    input: &'a [u8],
    unwind: &'a Unwind,
}

impl UnwindingReader<'_> {
    /// Note that `out` (not empty) was handed out.
    fn handed_out(&self, out: &[u8]) {
        let Some(&last) = out.last() else { return };
        self.unwind.last.set(last);
        let u = &self.unwind;
        match u.phase.get() {
            // A `"` read in a double-quoted value, by the value's state or by a character
            // reference in it (which hands it back to the value's state), always closes it.
            Phase::Value if out == b"\"" => u.phase.set(Phase::Closed),
            Phase::Closed => u.phase.set(Phase::Idle),
            _ => {}
        }
    }
}

// Each method inlined into html5gum's states, as its own readers are: `read_until`'s needle is
// then a constant there, and html5gum's byte search builds its tests from it at compile time
// (called, the tests were built again for every chunk read: a third of an HTML parse).
impl Reader for UnwindingReader<'_> {
    type Error = Unwound;

    #[inline(always)]
    fn read_byte(&mut self) -> Result<Option<u8>, Unwound> {
        if self.unwind.phase.get() == Phase::Closed {
            self.unwind.phase.set(Phase::Idle);
            return Err(Unwound);
        }
        let Some((&c, rest)) = self.input.split_first() else {
            return Ok(None);
        };
        self.input = rest;
        self.handed_out(&[c]);
        Ok(Some(c))
    }

    #[inline(always)]
    fn try_read_string(&mut self, s: &[u8], case_sensitive: bool) -> Result<bool, Unwound> {
        let mut inner = self.input.to_reader();
        if !inner.try_read_string(s, case_sensitive).unwrap_or(false) {
            return Ok(false);
        }
        self.handed_out(&self.input[..s.len()]);
        self.input = &self.input[s.len()..];
        Ok(true)
    }

    #[inline(always)]
    fn read_until<'b>(
        &'b mut self,
        needle: &[u8],
        char_buf: &'b mut [u8; 4],
    ) -> Result<Option<&'b [u8]>, Unwound> {
        // html5gum's own chunking (its chunk boundaries are observable in what it emits).
        let mut inner = self.input.to_reader();
        let n = match inner.read_until(needle, char_buf) {
            Ok(Some(chunk)) => chunk.len(),
            _ => return Ok(None),
        };
        let (chunk, rest) = self.input.split_at(n);
        self.input = rest;
        self.handed_out(chunk);
        Ok(Some(chunk))
    }
}

/// Elements whose content is not linted. Each reads as a space, so the words around them stay
/// apart: no word runs across a start tag whose content is skipped (a browser shows no text
/// of `<script>`, `<style>`, `<template>`, `<noscript>`, `<noembed>` or `<noframes>`, and
/// shows the others as a box of their own).
const SKIPPED: &[&str] = &[
    "script", "style", "template", "noscript", "noembed", "noframes", "code", "kbd", "samp",
    "textarea", "svg", "math", "iframe", "object",
];

/// Block elements: each starts and ends a line. The index is the outline's tag code.
const BLOCKS: &[(&str, BlockKind)] = &[
    ("p", BlockKind::Paragraph),
    ("div", BlockKind::Paragraph),
    ("li", BlockKind::ListItem),
    ("h1", BlockKind::Heading),
    ("h2", BlockKind::Heading),
    ("h3", BlockKind::Heading),
    ("h4", BlockKind::Heading),
    ("h5", BlockKind::Heading),
    ("h6", BlockKind::Heading),
    ("title", BlockKind::Heading),
    ("ul", BlockKind::Paragraph),
    ("ol", BlockKind::Paragraph),
    ("dl", BlockKind::Paragraph),
    ("dt", BlockKind::Paragraph),
    ("dd", BlockKind::Paragraph),
    ("menu", BlockKind::Paragraph),
    ("section", BlockKind::Paragraph),
    ("article", BlockKind::Paragraph),
    ("header", BlockKind::Paragraph),
    ("footer", BlockKind::Paragraph),
    ("main", BlockKind::Paragraph),
    ("nav", BlockKind::Paragraph),
    ("aside", BlockKind::Paragraph),
    ("blockquote", BlockKind::Paragraph),
    ("pre", BlockKind::Paragraph),
    ("xmp", BlockKind::Paragraph),
    ("listing", BlockKind::Paragraph),
    ("plaintext", BlockKind::Paragraph),
    ("address", BlockKind::Paragraph),
    ("figure", BlockKind::Paragraph),
    ("figcaption", BlockKind::Paragraph),
    ("table", BlockKind::Paragraph),
    ("caption", BlockKind::Paragraph),
    ("thead", BlockKind::Paragraph),
    ("tbody", BlockKind::Paragraph),
    ("tfoot", BlockKind::Paragraph),
    ("tr", BlockKind::Paragraph),
    ("td", BlockKind::Paragraph),
    ("th", BlockKind::Paragraph),
    ("form", BlockKind::Paragraph),
    ("fieldset", BlockKind::Paragraph),
    ("legend", BlockKind::Paragraph),
    ("details", BlockKind::Paragraph),
    ("summary", BlockKind::Paragraph),
    ("hgroup", BlockKind::Paragraph),
    ("center", BlockKind::Paragraph),
    ("option", BlockKind::Paragraph),
    ("body", BlockKind::Paragraph),
];

// The tags are indices into `BLOCKS`, below the Markdown front end's codes (from 100).
const _: () = assert!(BLOCKS.len() < 100);

const TAG_P: u32 = 0;
const TAG_LI: u32 = 2;

fn block_tag(name: &[u8]) -> Option<(u32, BlockKind)> {
    BLOCKS
        .iter()
        .position(|(n, _)| n.as_bytes().eq_ignore_ascii_case(name))
        .map(|i| (i as u32, BLOCKS[i].1))
}

fn skipped_tag(name: &[u8]) -> Option<&'static str> {
    SKIPPED
        .iter()
        .find(|n| n.as_bytes().eq_ignore_ascii_case(name))
        .copied()
}

/// Block elements a browser shows as preformatted text: their line breaks are kept.
/// `<plaintext>`, `<xmp>` and `<listing>` are the old forms of `<pre>`: the text of
/// `<plaintext>` (to the end of the input, tags and all) and of `<xmp>` (to `</xmp>`) is raw,
/// and a reader sees it.
fn preformatted(name: &[u8]) -> bool {
    ["pre", "xmp", "listing", "plaintext"]
        .iter()
        .any(|n| n.as_bytes().eq_ignore_ascii_case(name))
}

/// Whether tag `name` (an end tag when `end`) ends skipped element `skipped` that was left
/// open, as a browser reads it:
/// - `<code>`, `<kbd>`, `<samp>`: inline text a browser shows (we skip it as code); an
///   unclosed one ends with its block (any block tag, `<br>`, `<hr>`);
/// - `<svg>`, `<math>`: foreign content, which the HTML tags that "break out" of it end
///   (`<p>`, `<div>`, `<b>`, `<li>`, ..., and the end tags `</p>`, `</br>`).
///
/// `<script>`, `<style>`, `<textarea>`, `<template>`, ... are not ended early: a browser does
/// not show their content either.
fn ends_skip(skipped: &str, name: &[u8], end: bool) -> bool {
    match skipped {
        "code" | "kbd" | "samp" => {
            block_tag(name).is_some()
                || name.eq_ignore_ascii_case(b"br")
                || name.eq_ignore_ascii_case(b"hr")
        }
        "svg" | "math" => {
            if end {
                name.eq_ignore_ascii_case(b"p") || name.eq_ignore_ascii_case(b"br")
            } else {
                const BREAKOUT: &[&str] = &[
                    "b",
                    "big",
                    "blockquote",
                    "body",
                    "br",
                    "center",
                    "code",
                    "dd",
                    "div",
                    "dl",
                    "dt",
                    "em",
                    "embed",
                    "h1",
                    "h2",
                    "h3",
                    "h4",
                    "h5",
                    "h6",
                    "head",
                    "hr",
                    "i",
                    "img",
                    "li",
                    "listing",
                    "menu",
                    "meta",
                    "nobr",
                    "ol",
                    "p",
                    "pre",
                    "ruby",
                    "s",
                    "small",
                    "span",
                    "strong",
                    "strike",
                    "sub",
                    "sup",
                    "table",
                    "tt",
                    "u",
                    "ul",
                    "var",
                ];
                BREAKOUT
                    .iter()
                    .any(|b| b.as_bytes().eq_ignore_ascii_case(name))
            }
        }
        _ => false,
    }
}

/// Whether opening block `tag` implicitly closes an open `<p>` (HTML's "close a p element").
fn closes_p(name: &[u8]) -> bool {
    !matches!(
        name,
        b"li" | b"dt" | b"dd" | b"td" | b"th" | b"tr" | b"option" | b"title" | b"body"
    )
}

struct Parser<'s, 'b> {
    source: &'s str,
    /// The end of the fragment being read.
    end: usize,
    builder: &'b mut TextBuilder,
    outline: &'b mut Outline,
    directives: &'b mut Vec<Directive>,
    /// Where the reader is, in source bytes (html5gum reports moves).
    pos: usize,
    /// Where the next emitted text starts: the end of the last text, tag or comment.
    mark: usize,
    /// Where the current tag or comment started (its `<`).
    tag_start: usize,
    tag_name: Vec<u8>,
    tag_is_end: bool,
    self_closing: bool,
    last_start_tag: Vec<u8>,
    comment: Vec<u8>,
    /// Open skipped elements (names), innermost last.
    skip: Vec<&'static str>,
    /// Open `<pre>` elements.
    pre: usize,
    /// Verbatim text read but not yet pushed (source range).
    verbatim: Option<(usize, usize)>,
}

impl Parser<'_, '_> {
    /// The tokenizer emitted text `s`, which it read from `source[mark..pos]`.
    fn text(&mut self, s: &[u8]) {
        let mut end = self.pos.min(self.end);
        let start = self.mark.min(end);
        let read = &self.source.as_bytes()[start..end];
        // `s` is the end of what was read, after line feeds the tokenizer dropped when it
        // normalised "\r\n" or markup it dropped (`</>`); not after a character reference
        // (`&#x3b;` ends with the ";" it decodes to).
        let verbatim = |raw: &[u8]| raw.ends_with(s) && !raw[..raw.len() - s.len()].contains(&b'&');
        // Markup the tokenizer gives back as text comes in pieces from one position: in
        // `<title>` (and the other raw-text elements) a would-be end tag that is not one,
        // `</formand`, is emitted as "</" and then "formand". A piece that starts the range
        // read so far is that range's start; the rest is left to the next piece.
        if s.first() == Some(&b'<')
            && read.len() > s.len()
            && read.starts_with(s)
            && !verbatim(read)
        {
            end = start + s.len();
        }
        self.mark = end;
        if !self.skip.is_empty() || s.is_empty() {
            return;
        }
        let raw = &self.source.as_bytes()[start..end];
        // Verbatim text (the usual case), or verbatim after what the tokenizer dropped (see
        // `verbatim`). Verbatim pieces are gathered first: the tokenizer may split a multi-byte
        // character after a character reference.
        if verbatim(raw) {
            let from = end - s.len();
            match &mut self.verbatim {
                Some((_, e)) if *e == from => *e = end,
                _ => {
                    self.flush_text();
                    self.verbatim = Some((from, end));
                }
            }
            return;
        }
        self.flush_text();
        // A decoded character reference, a normalised line break or NUL.
        let decoded = String::from_utf8_lossy(s);
        outline::push_replaced_prose(self.builder, start, end, &decoded, self.pre > 0);
    }

    /// Push the gathered verbatim text.
    fn flush_text(&mut self) {
        let Some((a, b)) = self.verbatim.take() else {
            return;
        };
        let keep = self.pre > 0;
        match self.source.get(a..b) {
            Some(v) => outline::push_prose(self.builder, a, v, keep),
            None => {
                // Not on char boundaries (cannot happen for a well-formed `&str` read to the
                // end): keep what can be read, mapped as a whole.
                let lossy = String::from_utf8_lossy(&self.source.as_bytes()[a..b]);
                outline::push_replaced_prose(self.builder, a, b, &lossy, keep);
            }
        }
    }

    fn tag(&mut self) -> Option<State> {
        self.flush_text();
        let end = self.pos.min(self.end);
        let start = self.tag_start.min(end);
        self.mark = self.pos;
        let name = std::mem::take(&mut self.tag_name);
        let next = if self.tag_is_end {
            self.end_tag(&name, start);
            None
        } else {
            self.last_start_tag.clear();
            self.last_start_tag.extend_from_slice(&name);
            self.start_tag(&name, start, end);
            naive_next_state(&name)
        };
        self.tag_name = name;
        next
    }

    fn start_tag(&mut self, name: &[u8], start: usize, end: usize) {
        if let Some(&top) = self.skip.last() {
            if ends_skip(top, name, false) {
                // An unclosed `<kbd>` or `<svg>` does not hide the rest of the ad.
                self.skip.clear();
            } else {
                // Nested element of the same name inside a skipped one (`<template>` in
                // `<template>`).
                if top.as_bytes().eq_ignore_ascii_case(name) && !self.self_closing {
                    self.skip.push(top);
                }
                return;
            }
        }
        if let Some(n) = skipped_tag(name) {
            let t = self.builder.text();
            if !(t.is_empty() || t.ends_with(['\n', ' '])) {
                self.builder.push_replaced(start, end, " ");
            }
            // `<script/>` is no empty element: the tokenizer reads raw text after it (the
            // state it switches to) up to `</script>` all the same.
            if !self.self_closing || naive_next_state(name).is_some() {
                self.skip.push(n);
            }
            return;
        }
        if name.eq_ignore_ascii_case(b"br") || name.eq_ignore_ascii_case(b"hr") {
            self.builder.push_break(start);
            self.outline.flush(self.builder.text());
            return;
        }
        if let Some((code, kind)) = block_tag(name) {
            if self.outline.is_open(TAG_P) && closes_p(name) && self.outline.top_is(TAG_P) {
                self.outline.close(self.builder.text(), TAG_P);
            }
            if code == TAG_LI && self.outline.top_is(TAG_LI) {
                self.outline.close(self.builder.text(), TAG_LI);
            }
            if kind == BlockKind::Heading && self.outline.top_is(code) {
                self.outline.close(self.builder.text(), code);
            }
            self.builder.push_break(start);
            self.outline.open(self.builder.text(), code, kind);
            if preformatted(name) {
                self.pre += 1;
            }
        }
    }

    fn end_tag(&mut self, name: &[u8], start: usize) {
        if let Some(&top) = self.skip.last() {
            // The stack holds one name only (a skipped element, then nested ones of the same
            // name): its end tag closes the innermost.
            if top.as_bytes().eq_ignore_ascii_case(name) {
                self.skip.pop();
                return;
            }
            if !ends_skip(top, name, true) {
                return;
            }
            self.skip.clear();
        }
        if name.eq_ignore_ascii_case(b"br") {
            // `</br>` is read as `<br>` by browsers.
            self.builder.push_break(start);
            self.outline.flush(self.builder.text());
            return;
        }
        if let Some((code, _)) = block_tag(name) {
            self.builder.push_break(start);
            self.outline.close(self.builder.text(), code);
            if preformatted(name) {
                self.pre = self.pre.saturating_sub(1);
            }
        }
    }

    fn comment(&mut self) {
        self.flush_text();
        let end = self.pos.min(self.end);
        let start = self.tag_start.min(end);
        self.mark = self.pos;
        if self.skip.is_empty() {
            let content = String::from_utf8_lossy(&self.comment);
            outline::directives(&content, Span::new(start, end.max(start)), self.directives);
        }
        self.comment.clear();
    }
}

/// The html5gum emitter: forwards what the tokenizer finds to the [`Parser`].
struct Em<'p, 's, 'b> {
    p: &'p mut Parser<'s, 'b>,
    unwind: &'p Unwind,
}

impl Emitter for Em<'_, '_, '_> {
    type Token = std::convert::Infallible;

    fn move_position(&mut self, offset: isize) {
        self.p.pos = self.p.pos.saturating_add_signed(offset);
    }

    fn set_last_start_tag(&mut self, last_start_tag: Option<&[u8]>) {
        self.p.last_start_tag.clear();
        self.p
            .last_start_tag
            .extend_from_slice(last_start_tag.unwrap_or_default());
    }

    fn emit_eof(&mut self) {}

    fn emit_error(&mut self, _error: Error) {}

    fn should_emit_errors(&mut self) -> bool {
        false
    }

    fn pop_token(&mut self) -> Option<Self::Token> {
        None
    }

    fn emit_string(&mut self, c: &[u8]) {
        self.p.text(c);
    }

    fn init_start_tag(&mut self) {
        self.unwind.phase.set(Phase::Idle);
        self.p.tag_name.clear();
        self.p.tag_is_end = false;
        self.p.self_closing = false;
    }

    fn init_end_tag(&mut self) {
        self.unwind.phase.set(Phase::Idle);
        self.p.tag_name.clear();
        self.p.tag_is_end = true;
        self.p.self_closing = false;
    }

    fn init_comment(&mut self) {
        self.p.comment.clear();
    }

    fn emit_current_tag(&mut self) -> Option<State> {
        self.p.tag()
    }

    fn emit_current_comment(&mut self) {
        self.p.comment();
    }

    fn emit_current_doctype(&mut self) {
        self.p.flush_text();
        self.p.mark = self.p.pos;
    }

    fn set_self_closing(&mut self) {
        self.p.self_closing = true;
    }

    fn set_force_quirks(&mut self) {}

    fn push_tag_name(&mut self, s: &[u8]) {
        self.p.tag_name.extend_from_slice(s);
    }

    fn push_comment(&mut self, s: &[u8]) {
        self.p.comment.extend_from_slice(s);
    }

    fn push_doctype_name(&mut self, _s: &[u8]) {}

    fn init_doctype(&mut self) {}

    fn init_attribute(&mut self) {
        self.unwind.phase.set(Phase::Idle);
    }

    fn init_attribute_value(&mut self) {
        // Called right after the opening quote was read, if there is one.
        let quoted = self.unwind.last.get() == b'"';
        self.unwind
            .phase
            .set(if quoted { Phase::Value } else { Phase::Idle });
    }

    fn push_attribute_name(&mut self, _s: &[u8]) {}

    fn push_attribute_value(&mut self, _s: &[u8]) {}

    fn set_doctype_public_identifier(&mut self, _value: &[u8]) {}

    fn set_doctype_system_identifier(&mut self, _value: &[u8]) {}

    fn push_doctype_public_identifier(&mut self, _s: &[u8]) {}

    fn push_doctype_system_identifier(&mut self, _s: &[u8]) {}

    fn start_open_tag(&mut self) {
        self.p.tag_start = self.p.pos.saturating_sub(1);
    }

    fn current_is_appropriate_end_tag_token(&mut self) -> bool {
        self.p.tag_is_end
            && !self.p.last_start_tag.is_empty()
            && self.p.tag_name == self.p.last_start_tag
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::DirectiveKind;

    fn text(src: &str) -> String {
        parse(src).text().trim_end().to_string()
    }

    /// The source text of the text span covering `needle`.
    fn back<'a>(doc: &Document<'a>, needle: &str) -> &'a str {
        let t = doc.text();
        let i = t
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in {t:?}"));
        &doc.source()[doc.source_span(i, i + needle.len()).range()]
    }

    #[test]
    fn entities_map_to_their_source_bytes() {
        let src = "<p>Vi s&oslash;ger en reng&oslash;ringsdame &amp; en &#248;konom &#xF8;. &AElig;ble&nbsp;x</p>";
        let d = parse(src);
        assert_eq!(
            d.text().trim_end(),
            "Vi søger en rengøringsdame & en økonom ø. Æble\u{a0}x"
        );
        assert_eq!(back(&d, "rengøringsdame"), "reng&oslash;ringsdame");
        assert_eq!(back(&d, "økonom"), "&#248;konom");
        assert_eq!(back(&d, "ø."), "&#xF8;.");
        assert_eq!(back(&d, "Æble"), "&AElig;ble");
    }

    #[test]
    fn inline_tags_join_and_blocks_break() {
        assert_eq!(
            text("<p><strong>Formand</strong>en er <em>god</em></p><p>Ny</p>"),
            "Formanden er god\nNy"
        );
        assert_eq!(text("<ul><li>a</li><li>b<br>c</li></ul>"), "a\nb\nc");
        assert_eq!(
            text("<div>Vi søger en\n   formand</div>"),
            "Vi søger en formand"
        );
        let d = parse("<p><b>Form</b>and</p>");
        assert_eq!(back(&d, "Formand"), "Form</b>and");
    }

    #[test]
    fn skipped_content() {
        let t = text("<p>a</p><script>var formand = 1 < 2;</script><style>p{}</style><!-- formand --><p>b <code>formand</code> c</p><template><p>formand</p></template>");
        // The skipped inline element reads as a space.
        assert_eq!(t, "a\nb  c");
    }

    #[test]
    fn character_after_a_reference_is_not_split() {
        let src = "&amp;ænd rengøringsdame";
        let d = parse(src);
        assert_eq!(d.text(), "&ænd rengøringsdame");
        assert_eq!(back(&d, "rengøringsdame"), "rengøringsdame");
        assert_eq!(back(&d, "ænd"), "ænd");
    }

    #[test]
    fn crlf_and_stray_markup() {
        let src = "<p>Vi\r\nsøger</p>\r\n<p>a < b &c </p></p><a href=\"";
        let d = parse(src);
        assert_eq!(d.text().trim_end(), "Vi søger\na < b &c");
        assert_eq!(back(&d, "søger"), "søger");
        assert_eq!(back(&d, "< b &c"), "< b &c");
    }

    #[test]
    fn blocks_from_elements() {
        let src = "<h2>Vi forventer</h2><ul><li>Kørekort</li><li><p>Erfaring</p><p>mere</p></li></ul><p><strong>Om os:</strong></p><p>Tekst. Mere tekst.</p>";
        let d = parse(src);
        let b: Vec<(BlockKind, &str)> = d
            .blocks
            .iter()
            .map(|b| (b.kind, &d.text()[b.start..b.end]))
            .collect();
        assert_eq!(
            b,
            vec![
                (BlockKind::Heading, "Vi forventer"),
                (BlockKind::ListItem, "Kørekort"),
                (BlockKind::ListItem, "Erfaring\nmere"),
                (BlockKind::Heading, "Om os:"),
                (BlockKind::Paragraph, "Tekst. Mere tekst."),
            ]
        );
    }

    /// Everything the front end produces, for comparing two parses.
    fn dump(src: &str) -> String {
        let d = parse(src);
        let spans: Vec<(usize, usize)> = (0..=d.text().len())
            .filter(|&i| d.text().is_char_boundary(i))
            .map(|i| {
                let s = d.source_span(i, i);
                (s.start, s.end)
            })
            .collect();
        format!(
            "{:?}\n{:?}\n{:?}\n{:?}",
            d.text(),
            spans,
            d.blocks,
            d.directives
        )
    }

    fn dump_plain(src: &str) -> String {
        PLAIN_READER.set(true);
        let out = dump(src);
        PLAIN_READER.set(false);
        out
    }

    #[test]
    fn thousands_of_attributes_in_one_tag_keep_the_stack_flat() {
        // 7,000 of these (35 KB) overflowed the stack in html5gum 0.9 and aborted the process.
        for attr in [
            " a=\"\"",
            " a=\"x\"",
            "\ta=\"&amp\"",
            "\r\na=\"&\"",
            " a=\"\"\r",
            "  a = \"\"",
            " a=''",
            " a=x",
            " a",
            "a=\"\"",
        ] {
            let src = format!("<p{}>Formand</p>", attr.repeat(200_000));
            let d = parse(&src);
            assert_eq!(d.text().trim_end(), "Formand", "{attr:?}");
        }
        let src = format!(
            "<p{}><!-- biasvask-disable -->Formand",
            " a=\"\"".repeat(100_000)
        );
        assert_eq!(parse(&src).directives.len(), 1);
    }

    #[test]
    fn unwinding_reads_exactly_what_the_plain_reader_reads() {
        for src in [
            "<p a=\"\" b=\"x\" c='y' d=z e>Formand</p>",
            "<p a=\"&amp\" b=\"&\" c=\"&#x\" d=\"&am;\" e=\"&ampx\"\r\nf=\"\"\n=\">\">Formand</p>",
            "<p a=\"\"/b=\"\" =\"x\" c=\"\"\"d\"\">x</p><!-- \"x\" y --><!DOCTYPE html PUBLIC \"a\" \"b\">",
            "<p a=\"x\" ",
            "<p a=\"",
            "<title a=\"\" b>t\"x\" y</title><textarea a=\"\" >\"\" b</textarea>",
        ] {
            assert_eq!(dump(src), dump_plain(src), "{src:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn unwinding_changes_nothing(parts in proptest::collection::vec(proptest::sample::select(&[
            "<p", "<a", "<title", "<textarea", "<script", "</p>", "</a>", "</title>", "</script>",
            "<!--", "-->", "<!DOCTYPE", "PUBLIC", " ", "  ", "\t", "\r", "\n", "\r\n", "=", "\"",
            "'", "&", "&amp", "&amp;", "&#", "&#x", "&#248;", ";", "a", "x", "Formand", "/", ">",
            "<", "æ", "😀", "biasvask-disable", "`", "\u{0}",
        ][..]), 0..60)) {
            let src: String = parts.concat();
            proptest::prop_assert_eq!(dump(&src), dump_plain(&src), "{:?}", src);
        }
    }

    #[test]
    fn an_unclosed_code_like_or_foreign_element_does_not_hide_the_rest() {
        for (src, want) in [
            (
                "<p>Tast <kbd>Ctrl</p><p>Vi søger en formand</p>",
                "Tast\nVi søger en formand",
            ),
            ("<p>Se <samp>x<br>formand</p>", "Se\nformand"),
            ("<p><code>x</p><div>formand</div>", "\nformand"),
            ("<p>a<svg><circle/></p>formand", "a\nformand"),
            (
                "<svg><text>logo</text><div>Vi søger en formand</div>",
                "Vi søger en formand",
            ),
            ("<math><mi>x</mi><b>formand</b>", "formand"),
            // Closed ones are still skipped, and script is not ended by a block tag.
            ("<p>a <kbd>formand</kbd> b</p>", "a  b"),
            ("<script>x<p>formand</p>", ""),
        ] {
            let got = text(src).replace(" \n", "\n");
            assert_eq!(got.trim_start(), want.trim_start(), "{src}");
        }
    }

    /// Raw-text and other special elements start a new word: no word runs across their start
    /// tag (`<button>Lager</button><plaintext>Formand` read «LagerFormand»).
    #[test]
    fn special_elements_break_words() {
        for name in [
            "plaintext",
            "xmp",
            "listing",
            "textarea",
            "title",
            "script",
            "style",
            "noscript",
            "iframe",
            "noembed",
            "noframes",
            "template",
            "PLAINTEXT",
        ] {
            for src in [
                format!("<p>Vi søger <button>Lager</button><{name}>Formand søges"),
                format!("<p>Vi søger Lager<{name}>Formand søges</{name}>formand"),
                format!("Lager<{name}/>formand</{name}>formand"),
            ] {
                let d = parse(&src);
                let words: Vec<&str> = d.text().split(|c: char| !c.is_alphanumeric()).collect();
                assert!(
                    words
                        .iter()
                        .all(|w| !w.starts_with("Lager") || *w == "Lager"),
                    "{src:?} -> {:?}",
                    d.text()
                );
            }
        }
    }

    /// `<plaintext>`, `<xmp>` and `<listing>` are blocks a browser shows as preformatted text:
    /// their text is read (a reader sees it), as a paragraph of its own, its line breaks kept.
    #[test]
    fn plaintext_xmp_and_listing_are_preformatted_blocks() {
        assert_eq!(
            text("<p>Vi søger <button>Lager</button><plaintext>Formand søges\n<b>nu</b>"),
            "Vi søger Lager\nFormand søges\n<b>nu</b>"
        );
        assert_eq!(
            text("<p>a<xmp>Formand\nsøges <b></xmp>b<listing>c\nd</listing>e"),
            "a\nFormand\nsøges <b>\nb\nc\nd\ne"
        );
        let d = parse("<div>Lager<plaintext>Formand</plaintext>");
        let b: Vec<&str> = d.blocks.iter().map(|b| &d.text()[b.start..b.end]).collect();
        assert_eq!(b, ["Lager", "Formand</plaintext>"]);
    }

    #[test]
    fn directive_comments() {
        let src = "<!-- biasvask-disable gendered-term --><p>x</p><!--biasvask-enable-->";
        let d = parse(src);
        assert_eq!(d.directives.len(), 2);
        assert_eq!(
            &src[d.directives[0].span.range()],
            "<!-- biasvask-disable gendered-term -->"
        );
        assert_eq!(d.directives[1].kind, DirectiveKind::Enable(None));
        assert_eq!(&src[d.directives[1].span.range()], "<!--biasvask-enable-->");
    }
}
