//! `ads.csv`: one row per ad, written as the ads come (to a temporary file, renamed when
//! complete). Columns: id, origin, metadata, verdict, coded counts, must/nice counts,
//! inclusion, findings in all and per rule (one column per rule id), applicants.

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use biasvask::Rule;

use crate::agg::Row;

/// The CSV's file name in the output folder.
pub const FILE: &str = "ads.csv";

/// The columns before the per-rule ones.
pub const HEAD: [&str; 20] = [
    "id",
    "origin",
    "date",
    "title",
    "employer",
    "department",
    "sector",
    "url",
    "format",
    "words",
    "verdict",
    "masculine_coded",
    "feminine_coded",
    "must_have",
    "nice_to_have",
    "over_threshold",
    "inclusion",
    "gendered_title",
    "findings",
    "truncated",
];

/// The columns after the per-rule ones.
pub const TAIL: [&str; 3] = ["applicants_women", "applicants_men", "applicants_other"];

/// Every column, in order.
pub fn columns() -> Vec<&'static str> {
    HEAD.iter()
        .copied()
        .chain(Rule::ALL.iter().map(|r| r.id()))
        .chain(TAIL)
        .collect()
}

pub struct CsvOut {
    w: csv::Writer<BufWriter<File>>,
    tmp: PathBuf,
    path: PathBuf,
}

fn io(e: csv::Error) -> std::io::Error {
    std::io::Error::other(e)
}

/// One value of a row: the CSV writes it as text, the Python package as a native value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Null,
    Bool(bool),
    Int(u64),
    Str(String),
}

impl Cell {
    pub fn to_csv(&self) -> String {
        match self {
            Cell::Null => String::new(),
            Cell::Bool(b) => b.to_string(),
            Cell::Int(n) => n.to_string(),
            Cell::Str(s) => s.clone(),
        }
    }
}

/// The row's values, in `columns()` order.
pub fn cells(r: &Row) -> Vec<Cell> {
    let s = |v: &Option<String>| v.clone().map(Cell::Str).unwrap_or(Cell::Null);
    let n = |v: usize| Cell::Int(v as u64);
    let mut c = vec![
        Cell::Str(r.id.clone()),
        Cell::Str(r.origin.clone()),
        s(&r.date_raw),
        s(&r.title),
        s(&r.employer),
        s(&r.department),
        s(&r.sector),
        s(&r.url),
        Cell::Str(r.format.to_string()),
        n(r.words),
        Cell::Str(r.verdict.as_str().to_string()),
        n(r.masculine_coded),
        n(r.feminine_coded),
        n(r.must_have),
        n(r.nice_to_have),
        Cell::Bool(r.over_threshold),
        r.inclusion.map(Cell::Bool).unwrap_or(Cell::Null),
        Cell::Bool(r.gendered_title),
        n(r.findings),
        Cell::Bool(r.truncated),
    ];
    c.extend(r.per_rule.iter().map(|k| Cell::Int(*k as u64)));
    match &r.applicants {
        Some(a) => c.extend([a.women, a.men, a.other].map(Cell::Int)),
        None => c.extend([Cell::Null, Cell::Null, Cell::Null]),
    }
    c
}

impl CsvOut {
    pub fn create(dir: &Path) -> std::io::Result<CsvOut> {
        let path = dir.join(FILE);
        let tmp = crate::tmp_path(&path);
        let mut w =
            csv::Writer::from_writer(BufWriter::with_capacity(1 << 16, File::create(&tmp)?));
        w.write_record(columns()).map_err(io)?;
        Ok(CsvOut { w, tmp, path })
    }

    pub fn row(&mut self, r: &Row) -> std::io::Result<()> {
        let mut rec: Vec<String> = cells(r).iter().map(Cell::to_csv).collect();
        // A spreadsheet would run a cell starting with = + - @ as a formula: quote it.
        for c in rec.iter_mut().take(9) {
            if c.starts_with(['=', '+', '-', '@']) {
                c.insert(0, '\'');
            }
        }
        self.w.write_record(&rec).map_err(io)
    }

    /// Flush and move into place.
    pub fn finish(self) -> std::io::Result<()> {
        let inner = self
            .w
            .into_inner()
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        drop(inner.into_inner().map_err(|e| e.into_error())?);
        std::fs::rename(&self.tmp, &self.path)
    }
}
