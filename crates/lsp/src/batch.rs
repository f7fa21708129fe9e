//! Applying the changes of one `didChange` notification.
//!
//! One change is applied to the text as it is ([`LineIndex::span`], then a splice). A batch of
//! several ranged changes (a multi-cursor edit, a formatter's edits) is applied to a rope
//! ([`ropey`]), where finding a position and splicing cost O(log n) each: applying K changes
//! to the text one by one, with a new line index after each, cost K times the document (2,000
//! changes to a 2 MB document took 2 s). The rope counts only the protocol's line breaks
//! (`\n`, `\r\n`, a lone `\r`: ropey's `cr_lines` without `unicode_lines`), and finds a
//! position exactly as [`LineIndex::offset`] does: the same errors, the same end of a line for a
//! `character` past it, the same end of the text for the line after the last.

use lsp_types::{Position, TextDocumentContentChangeEvent};
use ropey::Rope;

use crate::position::{Encoding, LineIndex, PositionError};

/// `text` (whose line index is `index`) with `changes` applied in order, or the index of the
/// first change whose range does not point into the text as it is by then, and why (nothing
/// is applied then).
pub fn apply(
    text: &str,
    index: &LineIndex,
    changes: Vec<TextDocumentContentChangeEvent>,
    enc: Encoding,
) -> Result<String, (usize, PositionError)> {
    let ranged = changes.iter().filter(|c| c.range.is_some()).count();
    if ranged <= 1 {
        return apply_each(text, index, changes, enc);
    }
    let mut rope = Rope::from_str(text);
    for (i, change) in changes.into_iter().enumerate() {
        match change.range {
            None => rope = Rope::from_str(&change.text),
            Some(range) => {
                let start = offset(&rope, range.start, enc).map_err(|e| (i, e))?;
                let end = offset(&rope, range.end, enc).map_err(|e| (i, e))?;
                if end < start {
                    return Err((i, PositionError::Reversed));
                }
                rope.remove(start..end);
                rope.insert(start, &change.text);
            }
        }
    }
    Ok(String::from(rope))
}

/// The changes applied one by one to the text, each through the line index of the text as it
/// is by then (`index` until the first change).
fn apply_each(
    text: &str,
    index: &LineIndex,
    changes: Vec<TextDocumentContentChangeEvent>,
    enc: Encoding,
) -> Result<String, (usize, PositionError)> {
    let mut text = text.to_owned();
    for (i, change) in changes.into_iter().enumerate() {
        match change.range {
            None => text = change.text,
            Some(range) => {
                let fresh;
                let ix = if i == 0 {
                    index
                } else {
                    fresh = LineIndex::new(&text);
                    &fresh
                };
                let span = ix.span(&text, range, enc).map_err(|e| (i, e))?;
                text.replace_range(span.range(), &change.text);
            }
        }
    }
    Ok(text)
}

/// The char index of `pos` in `rope` (see [`LineIndex::offset`], whose rules this follows).
fn offset(rope: &Rope, pos: Position, enc: Encoding) -> Result<usize, PositionError> {
    let line = pos.line as usize;
    let lines = rope.len_lines();
    if line >= lines {
        if line == lines && pos.character == 0 {
            return Ok(rope.len_chars());
        }
        return Err(PositionError::LineOutOfRange {
            line: pos.line,
            lines,
        });
    }
    let start = rope.line_to_char(line);
    // The line's content, without its line break (the last line has none).
    let end = if line + 1 < lines {
        let next = rope.line_to_char(line + 1);
        let crlf = next >= start + 2 && rope.char(next - 1) == '\n' && rope.char(next - 2) == '\r';
        next - if crlf { 2 } else { 1 }
    } else {
        rope.len_chars()
    }
    .max(start);
    let want = pos.character as usize;
    let inside = || PositionError::InsideCharacter {
        line: pos.line,
        character: pos.character,
    };
    match enc {
        Encoding::Utf8 => {
            let (b0, b1) = (rope.char_to_byte(start), rope.char_to_byte(end));
            let b = b0 + want.min(b1 - b0);
            let c = rope.byte_to_char(b);
            if rope.char_to_byte(c) == b {
                Ok(c)
            } else {
                Err(inside())
            }
        }
        Encoding::Utf16 => {
            let (u0, u1) = (rope.char_to_utf16_cu(start), rope.char_to_utf16_cu(end));
            if want >= u1 - u0 {
                return Ok(end);
            }
            let c = rope.utf16_cu_to_char(u0 + want);
            if rope.char_to_utf16_cu(c) == u0 + want {
                Ok(c)
            } else {
                Err(inside())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::Range;
    use proptest::prelude::*;

    /// A change's range as (start line, start character, end line, end character).
    type Ranged = Option<(u32, u32, u32, u32)>;

    fn change(range: Ranged, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: range
                .map(|(l0, c0, l1, c1)| Range::new(Position::new(l0, c0), Position::new(l1, c1))),
            range_length: None,
            text: text.to_owned(),
        }
    }

    /// Text pieces with every kind of line break, multi-byte and astral characters.
    fn piece() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "a", "formand ", "\n", "\r\n", "\r", "æ", "ø", "😀", "\u{2028}", "\u{85}", "\t", "Å",
            "\r\r\n", "\n\r",
        ])
        .prop_map(str::to_owned)
    }

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(piece(), 0..40).prop_map(|v| v.concat())
    }

    fn changes() -> impl Strategy<Value = Vec<(Ranged, String)>> {
        let range = prop::option::weighted(0.95, (0u32..8, 0u32..12, 0u32..8, 0u32..12));
        prop::collection::vec((range, text()), 1..12)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// A batch through the rope gives what the changes applied one by one give: the same
        /// text, or the same failing change and error.
        #[test]
        fn the_rope_applies_a_batch_as_one_change_after_another(
            t in text(),
            cs in changes(),
            utf8 in any::<bool>(),
        ) {
            let enc = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
            let cs: Vec<_> = cs.iter().map(|(r, s)| change(*r, s)).collect();
            let one_by_one = apply_each(&t, &LineIndex::new(&t), cs.clone(), enc);
            // Forced through the rope, also for a batch of one ranged change.
            let mut padded = vec![change(Some((0, 0, 0, 0)), "")];
            padded.extend(cs);
            let roped = apply(&t, &LineIndex::new(&t), padded, enc).map_err(|(i, e)| (i - 1, e));
            prop_assert_eq!(roped, one_by_one);
        }
    }

    #[test]
    fn positions_inside_a_character_and_past_the_end_are_refused_alike() {
        let t = "æ😀\r\nb\rc\n";
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            for (l0, c0) in [
                (0, 1),
                (0, 2),
                (0, 3),
                (0, 9),
                (1, 0),
                (3, 0),
                (4, 0),
                (4, 1),
                (9, 0),
            ] {
                let cs = vec![
                    change(Some((0, 0, 0, 0)), ""),
                    change(Some((l0, c0, l0, c0)), "x"),
                ];
                let roped =
                    apply(t, &LineIndex::new(t), cs.clone(), enc).map_err(|(i, e)| (i - 1, e));
                let each = apply_each(t, &LineIndex::new(t), cs[1..].to_vec(), enc);
                assert_eq!(roped, each, "{enc:?} {l0}:{c0}");
            }
        }
    }

    #[test]
    fn a_batch_of_many_changes_is_applied_in_order() {
        // 10,000 cursors typing at the start of every line of a 10,000-line document.
        let t = "formand\n".repeat(10_000);
        let cs: Vec<_> = (0..10_000)
            .map(|l| change(Some((l, 0, l, 0)), "x"))
            .collect();
        let got = apply(&t, &LineIndex::new(&t), cs, Encoding::Utf16).expect("applies");
        assert_eq!(got, "xformand\n".repeat(10_000));
    }
}
