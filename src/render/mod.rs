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
    starts_in(bytes, 0, bytes.len(), &mut starts);
    starts
}

/// The starts of lines after a line break in `bytes[from..to]` (the byte after a break may lie
/// past `to`), appended to `out`.
fn starts_in(bytes: &[u8], from: usize, to: usize, out: &mut Vec<usize>) {
    for i in memchr::memchr2_iter(b'\n', b'\r', &bytes[from..to]) {
        let i = from + i;
        match bytes[i] {
            // `\r\n` is one line break: the `\n` starts the next line.
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {}
            _ => out.push(i + 1),
        }
    }
}

/// The characters of each [`CHECKPOINT`] bytes of `bytes`, from its start, added up from `n`
/// and appended to `out`.
fn checkpoints(bytes: &[u8], mut n: usize, out: &mut Vec<usize>) {
    for block in bytes.chunks(CHECKPOINT) {
        n += count_chars(block);
        out.push(n);
    }
}

/// From this size on, a [`LineIndex`] is made on two cores (about 20 ms at 50 MB on one).
const LINE_INDEX_THREAD_MIN_BYTES: usize = 1 << 20;

impl LineIndex {
    pub fn new(source: &str) -> LineIndex {
        LineIndex::new_with(source, LINE_INDEX_THREAD_MIN_BYTES)
    }

    /// [`LineIndex::new`], made on two threads (each half of the text) from `threads_from`
    /// bytes on when the machine has a second core.
    fn new_with(source: &str, threads_from: usize) -> LineIndex {
        let bytes = source.as_bytes();
        let mut starts = vec![0];
        let mut chars = Vec::with_capacity(bytes.len() / CHECKPOINT + 2);
        chars.push(0);
        // The halves meet at a checkpoint, so that the second's counts go on from the first's.
        let mid = bytes.len() / 2 / CHECKPOINT * CHECKPOINT;
        if bytes.len() >= threads_from && mid > 0 && crate::threads::second_core() {
            let (second_starts, second_chars) = std::thread::scope(|scope| {
                let second = scope.spawn(|| {
                    let (mut st, mut ch) = (Vec::new(), Vec::new());
                    starts_in(bytes, mid, bytes.len(), &mut st);
                    checkpoints(&bytes[mid..], 0, &mut ch);
                    (st, ch)
                });
                starts_in(bytes, 0, mid, &mut starts);
                checkpoints(&bytes[..mid], 0, &mut chars);
                second
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            });
            starts.extend_from_slice(&second_starts);
            let before = chars.last().copied().unwrap_or(0);
            chars.extend(second_chars.iter().map(|n| before + n));
        } else {
            starts_in(bytes, 0, bytes.len(), &mut starts);
            checkpoints(bytes, 0, &mut chars);
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

    /// Made on two threads, the index is the one made on one: line breaks (`\r\n` too) and
    /// multi-byte characters at and around the halves' meeting point, and texts of every
    /// length up to a few checkpoints.
    #[test]
    fn an_index_made_on_two_threads_is_the_same() {
        let pieces = ["a", "\r", "\n", "\r\n", "æ", "😀", " ", "\u{feff}"];
        let mut seed = 7u64;
        for len in 0..(4 * super::CHECKPOINT + 9) {
            let mut s = String::new();
            while s.len() < len {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                s.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            let one = LineIndex::new_with(&s, usize::MAX);
            let two = LineIndex::new_with(&s, 0);
            assert_eq!(
                (&one.starts, &one.chars, one.bom),
                (&two.starts, &two.chars, two.bom)
            );
            assert_eq!(one.starts, super::line_starts(s.as_bytes()));
        }
        // A `\r\n` split by the meeting point, and one just before it.
        for at in [
            super::CHECKPOINT - 1,
            super::CHECKPOINT - 2,
            super::CHECKPOINT,
        ] {
            let mut s = "x".repeat(at);
            s.push_str("\r\n");
            s.push_str(&"y".repeat(2 * super::CHECKPOINT + 3 - s.len()));
            let one = LineIndex::new_with(&s, usize::MAX);
            let two = LineIndex::new_with(&s, 0);
            assert_eq!((&one.starts, &one.chars), (&two.starts, &two.chars), "{at}");
        }
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
