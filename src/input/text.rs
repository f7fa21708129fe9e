//! Plain text: blocks from lines. A line starting with a bullet (`-`, `*`, `•`, `–`, `·`, `1.`,
//! `1)`) is a list item; a short line without a final full stop that ends with `:` or stands
//! alone before other text is a heading; other lines are paragraphs.

use crate::document::{Block, BlockKind};

/// The bullet prefix length of a list line (after leading spaces), if it is one.
pub fn bullet_len(line: &str) -> Option<usize> {
    let trimmed = line.trim_start();
    let lead = line.len() - trimmed.len();
    for b in ["- ", "* ", "• ", "– ", "· ", "+ ", "▪ ", "o "] {
        if trimmed.starts_with(b) {
            return Some(lead + b.len());
        }
    }
    let digits = trimmed.bytes().take_while(|b| b.is_ascii_digit()).count();
    if digits > 0 && digits < 3 {
        let rest = &trimmed[digits..];
        if rest.starts_with(". ") || rest.starts_with(") ") {
            return Some(lead + digits + 2);
        }
    }
    None
}

/// Words that follow a suspended compound's hyphen («rengørings- og køkkenhjælp»): a line break
/// after that hyphen is no hyphenation.
const AFTER_SUSPENDED: [&str; 8] = ["og", "eller", "samt", "til", "som", "and", "or", "to"];

/// Where a word is hyphenated across a line break, as print, PDF and OCR text has it
/// («for-⏎mand», «rengørings-⏎dame»): the byte ranges of `source` to leave out of the text, so
/// that the word is matched whole. A letter, `-`, optional spaces, one line break, optional
/// spaces and a lowercase letter; not after a suspended compound («rengørings-⏎og køkken»).
/// After an abbreviation or a number in capitals («IT-⏎medarbejder») the hyphen stays and only
/// the line break is left out. Linear: one `memchr` pass over the hyphens.
pub fn hyphenation_breaks(source: &str) -> Vec<(usize, usize)> {
    let b = source.as_bytes();
    let mut out = Vec::new();
    for i in memchr::memchr_iter(b'-', b) {
        // Spaces, one line break, spaces.
        let mut j = i + 1;
        while j < b.len() && (b[j] == b' ' || b[j] == b'\t') {
            j += 1;
        }
        if b.get(j) == Some(&b'\r') {
            j += 1;
        }
        if b.get(j) != Some(&b'\n') {
            continue;
        }
        j += 1;
        while j < b.len() && (b[j] == b' ' || b[j] == b'\t') {
            j += 1;
        }
        let rest = &source[j..];
        if !rest.chars().next().is_some_and(char::is_lowercase) {
            continue;
        }
        let next: &str = rest
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        if AFTER_SUSPENDED.contains(&next) {
            continue;
        }
        // The word before the hyphen (read last: most hyphens end no line): at least two letters.
        let before = &source[..i];
        let word_start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphanumeric())
            .last()
            .map_or(i, |(k, _)| k);
        let word = &source[word_start..i];
        if word.chars().count() < 2 || !word.chars().next_back().is_some_and(char::is_alphabetic) {
            continue;
        }
        let upper = word.chars().all(|c| !c.is_lowercase());
        out.push((if upper { i + 1 } else { i }, j));
    }
    out
}

/// Blocks of a plain-text ad, in byte offsets of `text`.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    // Each line's start and its text without the line break (as `split_inclusive('\n')` cuts
    // them), found with `memchr`.
    let b = text.as_bytes();
    let mut lines: Vec<(usize, &str)> =
        Vec::with_capacity(memchr::memchr_iter(b'\n', b).count() + 1);
    let mut pos = 0;
    for nl in memchr::memchr_iter(b'\n', b) {
        lines.push((pos, text[pos..nl].trim_end_matches(['\n', '\r'])));
        pos = nl + 1;
    }
    if pos < b.len() {
        lines.push((pos, text[pos..].trim_end_matches(['\n', '\r'])));
    }
    let mut para: Option<(usize, usize)> = None;
    for (i, &(start, line)) in lines.iter().enumerate() {
        let trimmed = line.trim();
        let lead = line.len() - line.trim_start().len();
        if trimmed.is_empty() {
            if let Some((s, e)) = para.take() {
                out.push(Block {
                    kind: BlockKind::Paragraph,
                    start: s,
                    end: e,
                });
            }
            continue;
        }
        let end = start + lead + trimmed.len();
        if let Some(b) = bullet_len(line) {
            if let Some((s, e)) = para.take() {
                out.push(Block {
                    kind: BlockKind::Paragraph,
                    start: s,
                    end: e,
                });
            }
            out.push(Block {
                kind: BlockKind::ListItem,
                start: start + b,
                end: end.max(start + b),
            });
            continue;
        }
        // Cheapest tests first: most lines continue a paragraph or end with a stop.
        let short =
            || trimmed.len() <= 60 || (trimmed.len() <= 240 && trimmed.chars().count() <= 60);
        let more_text = || lines[i + 1..].iter().any(|(_, l)| !l.trim().is_empty());
        let heading = para.is_none()
            && !trimmed.ends_with(['.', '!', '?', ',', ';'])
            && short()
            && (trimmed.ends_with(':')
                || (more_text()
                    && (lines.get(i + 1).is_none_or(|(_, l)| l.trim().is_empty())
                        || lines
                            .get(i + 1)
                            .is_some_and(|(_, l)| bullet_len(l).is_some()))));
        if heading {
            out.push(Block {
                kind: BlockKind::Heading,
                start: start + lead,
                end,
            });
            continue;
        }
        match &mut para {
            Some((_, e)) => *e = end,
            None => para = Some((start + lead, end)),
        }
    }
    if let Some((s, e)) = para {
        out.push(Block {
            kind: BlockKind::Paragraph,
            start: s,
            end: e,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyphenation_across_a_line_break() {
        let cut = |t: &str| {
            let mut s = String::new();
            let mut copied = 0;
            for (a, b) in hyphenation_breaks(t) {
                s.push_str(&t[copied..a]);
                copied = b;
            }
            s.push_str(&t[copied..]);
            s
        };
        assert_eq!(cut("en for-\nmand til"), "en formand til");
        assert_eq!(cut("en rengørings- \r\n  dame"), "en rengøringsdame");
        assert_eq!(cut("en IT-\nmedarbejder"), "en IT-medarbejder");
        assert_eq!(
            cut("rengørings-\nog køkkenhjælp"),
            "rengørings-\nog køkkenhjælp"
        );
        assert_eq!(cut("Opgaver -\nrengøring"), "Opgaver -\nrengøring");
        assert_eq!(cut("kontor-\nAarhus"), "kontor-\nAarhus");
        assert_eq!(cut("2019-\nnu"), "2019-\nnu");
        assert_eq!(cut("a-\n\nb-"), "a-\n\nb-");
    }

    #[test]
    fn finds_headings_items_and_paragraphs() {
        let t = "Vi forventer:\n- kørekort\n- 3 års erfaring\n\nOm os\n\nVi er et firma.\nMed 20 ansatte.\n";
        let b = blocks(t);
        let kinds: Vec<(BlockKind, &str)> =
            b.iter().map(|b| (b.kind, &t[b.start..b.end])).collect();
        assert_eq!(
            kinds,
            vec![
                (BlockKind::Heading, "Vi forventer:"),
                (BlockKind::ListItem, "kørekort"),
                (BlockKind::ListItem, "3 års erfaring"),
                (BlockKind::Heading, "Om os"),
                (BlockKind::Paragraph, "Vi er et firma.\nMed 20 ansatte."),
            ]
        );
    }
}
