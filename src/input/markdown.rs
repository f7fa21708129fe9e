//! Markdown input: CommonMark (plus tables, strikethrough and task lists) read with
//! pulldown-cmark's offset iterator, so every piece of text knows its source range.
//!
//! - Text maps byte for byte; a backslash escape (`\*`) maps onto the escaped character and a
//!   character reference (`&oslash;`, `&#248;`) maps as one replaced segment onto its bytes.
//! - Paragraphs, headings, list items, block quotes and table cells end their line; a soft
//!   line break reads as a space, a hard break as a line break.
//! - Not linted: code spans (read as a space, so the words around them stay apart), code
//!   blocks, link destinations and titles (link text is linted), image alt text, and raw HTML
//!   tags. HTML blocks and inline HTML are read by the HTML front end: their comments give
//!   suppression directives, their text is linted, their tags are skipped.
//! - The text of a shortcut or collapsed reference link (`[Formand]`, `[Formand][]`) is linted
//!   but locked ([`Document::locked`]): it is the label that finds the link's definition, so a
//!   fix must not change it. A full reference's (`[Formand][label]`) and an inline link's text
//!   are text like any other.
//! - Headings and list items are the ad's structure; paragraphs are refined with the
//!   plain-text heuristics (`**Vi forventer:**` on its own is a heading).

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::diagnostic::Span;
use crate::document::{BlockKind, Document, TextBuilder};
use crate::input::outline::{self, Outline};

// Outline tag codes (disjoint from the HTML front end's, which share the outline: those are
// the indices of its block-element table, fewer than 100; the outline counts open elements in
// a vector indexed by code).
const PARA: u32 = 100;
const HEADING: u32 = 101;
const ITEM: u32 = 102;
const LIST: u32 = 103;
const QUOTE: u32 = 104;
const CELL: u32 = 105;
const ROW: u32 = 106;
const OTHER: u32 = 107;

/// Parse Markdown `source` into a document. Never fails.
pub fn parse(source: &str) -> Document<'_> {
    let mut b = TextBuilder::with_capacity(source.len(), source.len() / 32 + 4);
    let mut outline = Outline::new();
    let mut directives = Vec::new();
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    // Inside a code block or an image: nothing is linted.
    let mut skip = 0usize;
    // Inside an HTML block (read as a whole when it starts).
    let mut in_html_block = false;
    // The shortcut and collapsed reference links, whose text is their label.
    let mut locked = Vec::new();

    for (event, range) in Parser::new_ext(source, opts).into_offset_iter() {
        let range = range.start.min(source.len())..range.end.min(source.len());
        match event {
            Event::Start(tag) => {
                let open =
                    |b: &mut TextBuilder, outline: &mut Outline, code: u32, kind: BlockKind| {
                        b.push_break(range.start);
                        outline.open(b.text(), code, kind);
                    };
                match tag {
                    Tag::Paragraph => open(&mut b, &mut outline, PARA, BlockKind::Paragraph),
                    Tag::Heading { .. } => open(&mut b, &mut outline, HEADING, BlockKind::Heading),
                    Tag::Item => open(&mut b, &mut outline, ITEM, BlockKind::ListItem),
                    Tag::List(_) => open(&mut b, &mut outline, LIST, BlockKind::Paragraph),
                    Tag::BlockQuote(_) => open(&mut b, &mut outline, QUOTE, BlockKind::Paragraph),
                    Tag::TableCell => open(&mut b, &mut outline, CELL, BlockKind::Paragraph),
                    Tag::TableRow | Tag::TableHead => {
                        open(&mut b, &mut outline, ROW, BlockKind::Paragraph)
                    }
                    Tag::Table(_)
                    | Tag::FootnoteDefinition(_)
                    | Tag::DefinitionList
                    | Tag::DefinitionListTitle
                    | Tag::DefinitionListDefinition => {
                        open(&mut b, &mut outline, OTHER, BlockKind::Paragraph)
                    }
                    Tag::CodeBlock(_) | Tag::MetadataBlock(_) => {
                        b.push_break(range.start);
                        outline.flush(b.text());
                        skip += 1;
                    }
                    Tag::Image { .. } => skip += 1,
                    // Why locked, not a finding of another applicability: the finding is
                    // still the gendered wording a reader sees, and its suggestions still
                    // say what to write; but no edit of the text alone keeps the link (the
                    // definition would have to change with it), so no fix may make one, safe
                    // or unsafe, in bulk or one by one. The fixer reads a locked range as
                    // markup: `--fix` leaves such a finding and names it, like one with
                    // markup inside, and the LSP and the page offer no edit for it. Links do
                    // not nest, so the ranges are in order and apart.
                    Tag::Link {
                        link_type:
                            LinkType::Shortcut
                            | LinkType::ShortcutUnknown
                            | LinkType::Collapsed
                            | LinkType::CollapsedUnknown,
                        ..
                    } => locked.push(Span::new(range.start, range.end)),
                    Tag::HtmlBlock => {
                        b.push_break(range.start);
                        outline.flush(b.text());
                        if skip == 0 {
                            crate::input::html::parse_fragment(
                                source,
                                range.clone(),
                                &mut b,
                                &mut outline,
                                &mut directives,
                            );
                        }
                        b.push_break(range.end);
                        outline.flush(b.text());
                        in_html_block = true;
                    }
                    _ => {}
                }
            }
            Event::End(tag) => {
                let close = |b: &mut TextBuilder, outline: &mut Outline, code: u32| {
                    b.push_break(range.end);
                    outline.close(b.text(), code);
                };
                match tag {
                    TagEnd::Paragraph => close(&mut b, &mut outline, PARA),
                    TagEnd::Heading(_) => close(&mut b, &mut outline, HEADING),
                    TagEnd::Item => close(&mut b, &mut outline, ITEM),
                    TagEnd::List(_) => close(&mut b, &mut outline, LIST),
                    TagEnd::BlockQuote(_) => close(&mut b, &mut outline, QUOTE),
                    TagEnd::TableCell => close(&mut b, &mut outline, CELL),
                    TagEnd::TableRow | TagEnd::TableHead => close(&mut b, &mut outline, ROW),
                    TagEnd::Table
                    | TagEnd::FootnoteDefinition
                    | TagEnd::DefinitionList
                    | TagEnd::DefinitionListTitle
                    | TagEnd::DefinitionListDefinition => close(&mut b, &mut outline, OTHER),
                    TagEnd::CodeBlock | TagEnd::MetadataBlock(_) => {
                        skip = skip.saturating_sub(1);
                        b.push_break(range.end);
                    }
                    TagEnd::Image => skip = skip.saturating_sub(1),
                    TagEnd::HtmlBlock => in_html_block = false,
                    _ => {}
                }
            }
            Event::Text(s) if skip == 0 && !in_html_block => push_text(&mut b, source, range, &s),
            Event::Code(_) if skip == 0 => {
                let t = b.text();
                if !(t.is_empty() || t.ends_with(['\n', ' '])) {
                    b.push_replaced(range.start, range.end, " ");
                }
            }
            Event::Html(_) | Event::InlineHtml(_) if skip == 0 && !in_html_block => {
                crate::input::html::parse_fragment(
                    source,
                    range,
                    &mut b,
                    &mut outline,
                    &mut directives,
                );
            }
            Event::SoftBreak if skip == 0 => {
                let t = b.text();
                if !(t.is_empty() || t.ends_with(['\n', ' '])) {
                    b.push_replaced(range.start, range.end, " ");
                }
            }
            Event::HardBreak if skip == 0 => {
                b.push_break(range.start);
                outline.flush(b.text());
            }
            Event::Rule => {
                b.push_break(range.start);
                outline.flush(b.text());
            }
            _ => {}
        }
    }
    let (text, map) = b.finish();
    let blocks = outline.finish(&text);
    Document::from_parts(source, text, map, blocks, directives).with_locked(locked)
}

/// Push a text event `s` read from `source[range]`.
fn push_text(b: &mut TextBuilder, source: &str, range: std::ops::Range<usize>, s: &str) {
    let Some(raw) = source.get(range.clone()) else {
        outline::push_replaced_prose(b, range.start, range.end.max(range.start), s, false);
        return;
    };
    if raw == s {
        outline::push_prose(b, range.start, s, false);
    } else if raw.ends_with(s) {
        // A backslash escape: the text is the escaped character.
        outline::push_prose(b, range.end - s.len(), s, false);
    } else if raw.starts_with(s) {
        outline::push_prose(b, range.start, s, false);
    } else {
        // A character reference.
        outline::push_replaced_prose(b, range.start, range.end, s, false);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::DirectiveKind;

    fn back<'a>(doc: &Document<'a>, needle: &str) -> &'a str {
        let t = doc.text();
        let i = t
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in {t:?}"));
        &doc.source()[doc.source_span(i, i + needle.len()).range()]
    }

    #[test]
    fn text_entities_escapes_and_code() {
        let src = "# Vi s&oslash;ger\n\nEn reng&oslash;ringsdame og en\n**form**and. Brug `formand` ikke \\*x\\*.\n\n```\nformand\n```\n";
        let d = parse(src);
        assert_eq!(
            d.text().trim_end(),
            "Vi søger\nEn rengøringsdame og en formand. Brug  ikke *x*."
        );
        assert_eq!(back(&d, "rengøringsdame"), "reng&oslash;ringsdame");
        assert_eq!(back(&d, "formand."), "form**and.");
        assert_eq!(back(&d, "*x*"), "*x\\*");
    }

    #[test]
    fn links_and_images() {
        let src = "Se [vores formand](https://eksempel.dk/formand \"formand\") ![formand](f.png) <https://x.dk/formand>";
        let d = parse(src);
        assert_eq!(
            d.text().trim_end(),
            "Se vores formand  https://x.dk/formand"
        );
    }

    #[test]
    fn shortcut_and_collapsed_reference_links_are_locked() {
        let src = "Se [Formand], [Lagerformanden][], [Lagerformand][formand], [vores formand](/f) og [Kasserer].\n\n[formand]: /a\n[lagerformanden]: /b\n";
        let d = parse(src);
        // All of it is read.
        assert_eq!(
            d.text().trim_end(),
            "Se Formand, Lagerformanden, Lagerformand, vores formand og [Kasserer]."
        );
        // Only the links whose text is their label are locked ([Kasserer] has no definition:
        // it is no link); a collapsed link's range ends before its `[]`.
        let locked: Vec<&str> = d.locked.iter().map(|l| &src[l.range()]).collect();
        assert_eq!(locked, ["[Formand]", "[Lagerformanden]"]);
    }

    #[test]
    fn blocks_and_directives() {
        let src = "## Vi forventer\n\n- Kørekort\n- Erfaring\n  med ledelse\n\n<!-- biasvask-disable gendered-term -->\nTekst her.\n\n**Om os:**\n";
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
                (BlockKind::ListItem, "Erfaring med ledelse"),
                (BlockKind::Paragraph, "Tekst her."),
                (BlockKind::Heading, "Om os:"),
            ]
        );
        assert_eq!(d.directives.len(), 1);
        assert_eq!(
            d.directives[0].kind,
            DirectiveKind::Disable(Some(crate::Rule::GenderedTerm))
        );
        assert_eq!(
            &src[d.directives[0].span.range()],
            "<!-- biasvask-disable gendered-term -->"
        );
    }
}
