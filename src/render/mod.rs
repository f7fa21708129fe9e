//! Renderers: turn a [`Report`](crate::Report) into what a front end shows.
//!
//! - [`json`]: the conventions' JSON file object (CLI `--format json|jsonl`, HTTP API).
//! - [`human`]: the Danish (or English) terminal report, drawn by miette.
//! - [`LineIndex`]: byte offset -> 1-based line and column (Unicode scalar values).

pub mod human;
pub mod json;
pub mod sarif;

/// Byte offset -> line/column, built once per source.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset of the start of each line.
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(source: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', source.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
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
        let line = self.line0(off);
        let start = self.starts[line];
        let off = off.min(source.len());
        let col = source
            .get(start..off)
            .map(|s| s.chars().count())
            .unwrap_or(0);
        (line + 1, col + 1)
    }

    pub fn lines(&self) -> usize {
        self.starts.len()
    }
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
}
