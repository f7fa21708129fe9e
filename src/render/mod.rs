//! Renderers: turn a [`Report`](crate::Report) into what a front end shows.
//!
//! - [`json`]: the conventions' JSON file object (CLI `--format json|jsonl`, HTTP API).
//! - The human (terminal) report and SARIF are the CLI's (`crates/cli`): they need miette and
//!   serde-sarif, which the core does without.
//! - [`LineIndex`]: byte offset -> 1-based line and column (Unicode scalar values).

pub mod json;

/// Byte offset -> line/column, built once per source: the one line and column model of every
/// front end (JSON, JSONL, SARIF, the human report; the LSP uses the same line breaks).
///
/// - A line ends at `\n`, `\r\n` or a lone `\r` (as in the LSP).
/// - `line` and `column` are 1-based; `column` counts Unicode scalar values from the start of
///   the line; a byte-order mark at the start of the input is not a column.
/// - Every conversion costs O(log lines + [`CHECKPOINT`]), whatever the length of the line and
///   the order of the queries: a count of characters is kept at every `CHECKPOINT` bytes.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset of the start of each line.
    starts: Vec<usize>,
    /// `chars[k]`: the number of characters that start in `source[..k * CHECKPOINT]`.
    chars: Vec<usize>,
    /// The input starts with a byte-order mark.
    bom: bool,
}

/// Bytes between two character-count checkpoints.
pub const CHECKPOINT: usize = 256;

/// Where each line starts: a line ends at `\n`, `\r\n` or a lone `\r` (the one line model of
/// every front end).
pub fn line_starts(bytes: &[u8]) -> Vec<usize> {
    let mut starts = vec![0];
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        match bytes[i] {
            // `\r\n` is one line break: the `\n` starts the next line.
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {}
            _ => starts.push(i + 1),
        }
    }
    starts
}

impl LineIndex {
    pub fn new(source: &str) -> LineIndex {
        let bytes = source.as_bytes();
        let starts = line_starts(bytes);
        let mut chars = Vec::with_capacity(bytes.len() / CHECKPOINT + 1);
        let mut n = 0;
        chars.push(0);
        for block in bytes.chunks(CHECKPOINT) {
            n += count_chars(block);
            chars.push(n);
        }
        LineIndex {
            starts,
            chars,
            bom: source.starts_with('\u{feff}'),
        }
    }

    /// The number of characters that start in `source[..off]`.
    fn chars_before(&self, bytes: &[u8], off: usize) -> usize {
        let off = off.min(bytes.len());
        let k = off / CHECKPOINT;
        self.chars[k] + count_chars(&bytes[k * CHECKPOINT..off])
    }

    /// 0-based line of byte offset `off`.
    pub fn line0(&self, off: usize) -> usize {
        self.starts.partition_point(|&s| s <= off).saturating_sub(1)
    }

    /// Byte offset where 0-based line `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts
            .get(line)
            .copied()
            .unwrap_or(*self.starts.last().unwrap_or(&0))
    }

    /// 1-based line and column (in Unicode scalar values) of byte offset `off`.
    pub fn line_col(&self, source: &str, off: usize) -> (usize, usize) {
        let bytes = source.as_bytes();
        let off = off.min(bytes.len());
        let line = self.line0(off);
        let start = self.starts[line];
        // Within a checkpoint's distance the line's characters are counted directly (the same
        // number as the difference of the two counts from the checkpoints, for fewer bytes).
        let mut col = if off - start <= CHECKPOINT {
            count_chars(&bytes[start..off])
        } else {
            self.chars_before(bytes, off) - self.chars_before(bytes, start)
        };
        if self.bom && line == 0 && off >= 3 {
            col -= 1;
        }
        (line + 1, col + 1)
    }

    /// Byte range of 0-based line `line`'s content, without its line break.
    pub fn line_range(&self, source: &str, line: usize) -> (usize, usize) {
        let start = self.line_start(line).min(source.len());
        let end = match self.starts.get(line + 1) {
            None => source.len(),
            Some(&next) => {
                if next >= 2 && source.as_bytes().get(next - 2..next) == Some(b"\r\n") {
                    next - 2
                } else {
                    next - 1
                }
            }
        };
        let start = if self.bom && line == 0 {
            3.min(end)
        } else {
            start
        };
        (start, end.max(start))
    }

    pub fn lines(&self) -> usize {
        self.starts.len()
    }
}

/// The number of characters that start in `bytes` (bytes that are not UTF-8 continuations).
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

#[cfg(test)]
mod tests {
    use super::LineIndex;

    #[test]
    fn columns_count_scalar_values() {
        let s = "æøå\n😀 formand";
        let li = LineIndex::new(s);
        assert_eq!(li.line_col(s, 0), (1, 1));
        let f = s.find("formand").unwrap();
        assert_eq!(li.line_col(s, f), (2, 3));
    }

    #[test]
    fn one_model_for_line_breaks_and_the_bom() {
        // LF, CRLF and a lone CR each end a line; a BOM is not a column.
        let s = "\u{feff}æ x\r\ny\rz\nø w";
        let li = LineIndex::new(s);
        assert_eq!(li.line_col(s, s.find('æ').unwrap()), (1, 1));
        assert_eq!(li.line_col(s, s.find('x').unwrap()), (1, 3));
        assert_eq!(li.line_col(s, s.find('y').unwrap()), (2, 1));
        assert_eq!(li.line_col(s, s.find('z').unwrap()), (3, 1));
        assert_eq!(li.line_col(s, s.find('w').unwrap()), (4, 3));
        assert_eq!(li.lines(), 4);
        let (a, b) = li.line_range(s, 0);
        assert_eq!(&s[a..b], "æ x");
    }

    #[test]
    fn columns_on_a_long_line_match_counting() {
        let s = "æøå 😀 formand ".repeat(500);
        let li = LineIndex::new(&s);
        for (i, _) in s.char_indices().step_by(7) {
            assert_eq!(li.line_col(&s, i), (1, s[..i].chars().count() + 1));
        }
    }
}
