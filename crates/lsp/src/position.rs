//! Byte offsets <-> LSP positions, in the negotiated position encoding.
//!
//! Everything inside biasvask is a UTF-8 byte offset into the original text; this module is the
//! one place that converts, at the edge. An LSP line ends at `\n`, `\r\n` or a lone `\r`; a
//! `character` counts UTF-8 bytes or UTF-16 code units (an emoji outside the Basic Multilingual
//! Plane is two UTF-16 units, `æ` is one unit and two bytes).

use lsp_types::{Position, PositionEncodingKind, Range};

use biasvask::diagnostic::Span;

/// The position encoding agreed with the client in `initialize`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// `character` counts UTF-8 bytes (offered when the client lists `utf-8`).
    Utf8,
    /// `character` counts UTF-16 code units (the protocol's default).
    #[default]
    Utf16,
}

impl Encoding {
    /// Pick the encoding from the client's `general.positionEncodings`: UTF-8 when listed
    /// (no conversion cost), else UTF-16, which every client must support.
    pub fn negotiate(client: Option<&[PositionEncodingKind]>) -> Encoding {
        match client {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }
}

/// Why a position does not point into the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PositionError {
    /// The line is past the end of the text.
    LineOutOfRange { line: u32, lines: usize },
    /// The character falls inside a character (between the halves of a surrogate pair, or
    /// inside a multi-byte UTF-8 sequence).
    InsideCharacter { line: u32, character: u32 },
    /// A range whose end comes before its start.
    Reversed,
}

impl std::fmt::Display for PositionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PositionError::LineOutOfRange { line, lines } => {
                write!(
                    f,
                    "line {line} is out of range (the document has {lines} lines)"
                )
            }
            PositionError::InsideCharacter { line, character } => {
                write!(f, "position {line}:{character} falls inside a character")
            }
            PositionError::Reversed => f.write_str("range end is before its start"),
        }
    }
}

impl std::error::Error for PositionError {}

/// Where each line of a text starts, built once per text version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    /// Byte offset of the start of each line (the first is 0).
    starts: Vec<usize>,
    len: usize,
    /// `utf16[k]`: UTF-16 code units of `text[..k * CHECKPOINT]`, so that a position costs
    /// O(log lines + CHECKPOINT) however long its line is (a 1 MiB one-line document with
    /// 100,000 findings converts in linear time, not quadratic).
    utf16: Vec<usize>,
}

const CHECKPOINT: usize = 256;

/// UTF-16 code units of the characters that start in `bytes` (a 4-byte sequence is two):
/// one per byte, less the continuation bytes, plus one per 4-byte lead. Counted in runs of
/// up to 255 bytes with `u8` counters, which the compiler turns into vector code (a `match`
/// summed into a `usize` was not, and was half the cost of publishing diagnostics).
fn utf16_units(bytes: &[u8]) -> usize {
    let mut n = bytes.len();
    let mut four = 0usize;
    for run in bytes.chunks(255) {
        n -= usize::from(
            run.iter()
                .fold(0u8, |c, &b| c + u8::from((b as i8) < -0x40)),
        );
        four += usize::from(run.iter().fold(0u8, |c, &b| c + u8::from(b >= 0xf0)));
    }
    n + four
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let starts = biasvask::render::line_starts(bytes);
        let mut utf16 = Vec::with_capacity(bytes.len() / CHECKPOINT + 2);
        let mut n = 0;
        utf16.push(0);
        for block in bytes.chunks(CHECKPOINT) {
            n += utf16_units(block);
            utf16.push(n);
        }
        LineIndex {
            starts,
            len: text.len(),
            utf16,
        }
    }

    /// UTF-16 code units of `text[..off]`.
    fn utf16_before(&self, text: &str, off: usize) -> usize {
        let bytes = text.as_bytes();
        let off = off.min(bytes.len());
        let k = (off / CHECKPOINT).min(self.utf16.len() - 1);
        self.utf16[k] + utf16_units(&bytes[(k * CHECKPOINT).min(off)..off])
    }

    /// Number of lines (a text ending in a line break has an empty last line).
    pub fn lines(&self) -> usize {
        self.starts.len()
    }

    /// Byte range of line `line`'s content, without its line break.
    fn line_range(&self, text: &str, line: usize) -> (usize, usize) {
        let start = self.starts[line];
        let end = match self.starts.get(line + 1) {
            None => self.len,
            Some(&next) => {
                if next >= 2 && text.as_bytes().get(next - 2..next) == Some(b"\r\n") {
                    next - 2
                } else {
                    next - 1
                }
            }
        };
        (start, end.max(start))
    }

    /// The position of byte offset `offset` (clamped to the text, and back to a char boundary).
    pub fn position(&self, text: &str, offset: usize, enc: Encoding) -> Position {
        let mut offset = offset.min(self.len).min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let (start, end) = self.line_range(text, line);
        let to = offset.min(end);
        let col = match enc {
            Encoding::Utf8 => to - start,
            // A short line counted directly; a long one from the checkpoints.
            Encoding::Utf16 if to - start <= CHECKPOINT => utf16_units(&text.as_bytes()[start..to]),
            Encoding::Utf16 => self.utf16_before(text, to) - self.utf16_before(text, start),
        };
        Position::new(to_u32(line), to_u32(col))
    }

    /// The range of a byte span.
    pub fn range(&self, text: &str, span: Span, enc: Encoding) -> Range {
        Range::new(
            self.position(text, span.start, enc),
            self.position(text, span.end, enc),
        )
    }

    /// The byte offset of `pos`. A `character` past the end of its line means the end of the
    /// line (as the protocol says); `line == lines()` with `character == 0` means the end of
    /// the text (what some clients send for "after the last line").
    pub fn offset(&self, text: &str, pos: Position, enc: Encoding) -> Result<usize, PositionError> {
        let line = pos.line as usize;
        if line >= self.starts.len() {
            if line == self.starts.len() && pos.character == 0 {
                return Ok(self.len);
            }
            return Err(PositionError::LineOutOfRange {
                line: pos.line,
                lines: self.starts.len(),
            });
        }
        let (start, end) = self.line_range(text, line);
        let want = pos.character as usize;
        let content = &text[start..end];
        match enc {
            Encoding::Utf8 => {
                let off = want.min(content.len());
                if content.is_char_boundary(off) {
                    Ok(start + off)
                } else {
                    Err(PositionError::InsideCharacter {
                        line: pos.line,
                        character: pos.character,
                    })
                }
            }
            Encoding::Utf16 => {
                let mut units = 0;
                for (i, c) in content.char_indices() {
                    if units == want {
                        return Ok(start + i);
                    }
                    units += c.len_utf16();
                    if units > want {
                        return Err(PositionError::InsideCharacter {
                            line: pos.line,
                            character: pos.character,
                        });
                    }
                }
                Ok(end)
            }
        }
    }

    /// The byte span of `range`.
    pub fn span(&self, text: &str, range: Range, enc: Encoding) -> Result<Span, PositionError> {
        let start = self.offset(text, range.start, enc)?;
        let end = self.offset(text, range.end, enc)?;
        if end < start {
            return Err(PositionError::Reversed);
        }
        Ok(Span::new(start, end))
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    /// Every char boundary round-trips through a position, in both encodings.
    fn round_trips(text: &str) {
        let li = LineIndex::new(text);
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            for (off, _) in text
                .char_indices()
                .chain(std::iter::once((text.len(), ' ')))
            {
                // The `\n` of a `\r\n` has no position of its own.
                if off > 0
                    && text.as_bytes()[off - 1] == b'\r'
                    && text.as_bytes().get(off) == Some(&b'\n')
                {
                    continue;
                }
                let p = li.position(text, off, enc);
                assert_eq!(
                    li.offset(text, p, enc),
                    Ok(off),
                    "{enc:?} offset {off} -> {p:?} in {text:?}"
                );
            }
        }
    }

    /// The UTF-16 column of every char boundary is what `encode_utf16` counts from the line's
    /// start, on short lines and on lines longer than a checkpoint (the two ways it is
    /// counted), with 1-, 2-, 3- and 4-byte characters at every alignment.
    #[test]
    fn utf16_columns_are_encode_utf16_counts() {
        let mut text = String::new();
        for (i, piece) in ["a", "æ", "€", "😀", "ø b", "\r\n", "å", "\n", "x"]
            .iter()
            .cycle()
            .take(4000)
            .enumerate()
        {
            text.push_str(piece);
            if i % 700 == 0 {
                text.push_str(&"ø".repeat(i % 300));
            }
        }
        let li = LineIndex::new(&text);
        let mut line_start = 0;
        let mut line = 0;
        for (off, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            if off > 0 && text.as_bytes()[off - 1] == b'\n' {
                line_start = off;
                line += 1;
            }
            if c == '\n' || c == '\r' {
                continue;
            }
            let want = text[line_start..off].encode_utf16().count();
            assert_eq!(
                li.position(&text, off, Encoding::Utf16),
                pos(line, want as u32),
                "{off}"
            );
        }
        round_trips(&text);
    }

    #[test]
    fn danish_letters_are_one_utf16_unit_and_two_bytes() {
        let text = "Vi søger en formand";
        let li = LineIndex::new(text);
        let off = text.find("formand").unwrap();
        assert_eq!(off, 13);
        assert_eq!(li.position(text, off, Encoding::Utf16), pos(0, 12));
        assert_eq!(li.position(text, off, Encoding::Utf8), pos(0, 13));
        assert_eq!(li.offset(text, pos(0, 12), Encoding::Utf16), Ok(13));
        round_trips(text);
        round_trips("æøå ÆØÅ\nblåbærgrød");
    }

    #[test]
    fn emoji_are_surrogate_pairs() {
        let text = "😀 Formanden 👩‍🔧";
        let li = LineIndex::new(text);
        let off = text.find("Formanden").unwrap();
        assert_eq!(off, 5);
        assert_eq!(li.position(text, off, Encoding::Utf16), pos(0, 3));
        assert_eq!(li.position(text, off, Encoding::Utf8), pos(0, 5));
        // Between the two halves of the surrogate pair: not a character boundary.
        assert_eq!(
            li.offset(text, pos(0, 1), Encoding::Utf16),
            Err(PositionError::InsideCharacter {
                line: 0,
                character: 1
            })
        );
        assert!(li.offset(text, pos(0, 2), Encoding::Utf8).is_err());
        // The end of the line: 👩‍🔧 is 👩 (2 units) + ZWJ (1) + 🔧 (2).
        let end = li.position(text, text.len(), Encoding::Utf16);
        assert_eq!(end, pos(0, 3 + 9 + 1 + 5));
        round_trips(text);
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        let text = "Linje ét\r\nFormanden\rø\n\r\nslut";
        let li = LineIndex::new(text);
        assert_eq!(li.lines(), 5);
        let f = text.find("Formanden").unwrap();
        assert_eq!(li.position(text, f, Encoding::Utf16), pos(1, 0));
        assert_eq!(
            li.position(text, text.find('ø').unwrap(), Encoding::Utf16),
            pos(2, 0)
        );
        assert_eq!(
            li.position(text, text.find("slut").unwrap(), Encoding::Utf8),
            pos(4, 0)
        );
        // Past the end of line 0 clamps to the end of its content (before the `\r\n`).
        assert_eq!(
            li.offset(text, pos(0, 99), Encoding::Utf16),
            Ok("Linje ét".len())
        );
        round_trips(text);
    }

    #[test]
    fn out_of_range_and_reversed() {
        let text = "a\nb";
        let li = LineIndex::new(text);
        assert_eq!(li.offset(text, pos(2, 0), Encoding::Utf16), Ok(3));
        assert!(matches!(
            li.offset(text, pos(2, 1), Encoding::Utf16),
            Err(PositionError::LineOutOfRange { .. })
        ));
        assert!(matches!(
            li.offset(text, pos(7, 0), Encoding::Utf16),
            Err(PositionError::LineOutOfRange { .. })
        ));
        let r = Range::new(pos(1, 0), pos(0, 0));
        assert_eq!(
            li.span(text, r, Encoding::Utf16),
            Err(PositionError::Reversed)
        );
    }

    #[test]
    fn empty_text() {
        let li = LineIndex::new("");
        assert_eq!(li.lines(), 1);
        assert_eq!(li.position("", 0, Encoding::Utf16), pos(0, 0));
        assert_eq!(li.offset("", pos(0, 5), Encoding::Utf16), Ok(0));
    }

    #[test]
    fn offsets_inside_chars_and_past_the_end_are_clamped() {
        let text = "æ";
        let li = LineIndex::new(text);
        assert_eq!(li.position(text, 1, Encoding::Utf8), pos(0, 0));
        assert_eq!(li.position(text, 99, Encoding::Utf16), pos(0, 1));
    }

    #[test]
    fn negotiation_prefers_utf8_when_offered() {
        let both = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&both)), Encoding::Utf8);
        assert_eq!(
            Encoding::negotiate(Some(&[PositionEncodingKind::UTF32])),
            Encoding::Utf16
        );
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
    }
}
