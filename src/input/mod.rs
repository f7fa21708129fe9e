//! Input front ends: each turns one format into the same [`Document`](crate::Document).
//!
//! - [`text`]: plain text; the text is the source; blocks from lines and bullets.
//! - [`markdown`]: CommonMark via pulldown-cmark; code is not linted.
//! - [`html`]: HTML as CMS systems store it; entities decoded, script/style skipped.

pub mod html;
pub mod markdown;
pub(crate) mod outline;
pub mod text;

use crate::document::{needs_normalising, Document, TextBuilder};
use crate::format::Format;

/// Parsing lives with the parsers: the document model (`src/document.rs`) does not know them.
impl<'a> Document<'a> {
    /// Parse `source` as `format`. Never fails: broken markup is read as well as it can be.
    pub fn parse(source: &'a str, format: Format) -> Document<'a> {
        match format {
            Format::Text => Document::plain(source),
            Format::Markdown => crate::input::markdown::parse(source),
            Format::Html => crate::input::html::parse(source),
        }
    }

    /// A plain-text document: the text is the source (normalised like every input when it
    /// holds invisible characters or combining marks, see [`TextBuilder::push_verbatim`]), and
    /// a word hyphenated across a line break (print, PDF, OCR: «for-⏎mand») is read whole
    /// ([`text::hyphenation_breaks`]); spans still cover the source.
    pub fn plain(source: &'a str) -> Document<'a> {
        let breaks = text::hyphenation_breaks(source);
        if !breaks.is_empty() || needs_normalising(source) {
            // Few segments: one at each character left out or composed.
            let mut b = TextBuilder::with_capacity(source.len(), 16);
            let mut copied = 0;
            for (start, end) in breaks {
                b.push_verbatim(copied, &source[copied..start]);
                copied = end;
            }
            b.push_verbatim(copied, &source[copied..]);
            let (text, map) = b.finish();
            let blocks = crate::input::text::blocks(&text);
            return Document::from_parts(source, text, map, blocks, Vec::new());
        }
        let blocks = crate::input::text::blocks(source);
        Document::borrowed(source, blocks)
    }
}
