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

fn opt(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("")
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
        let b = |x: bool| if x { "true" } else { "false" };
        let num = |n: usize| n.to_string();
        let mut rec: Vec<String> = vec![
            r.id.clone(),
            r.origin.clone(),
            opt(&r.date_raw).to_string(),
            opt(&r.title).to_string(),
            opt(&r.employer).to_string(),
            opt(&r.department).to_string(),
            opt(&r.sector).to_string(),
            opt(&r.url).to_string(),
            r.format.to_string(),
            num(r.words),
            r.verdict.as_str().to_string(),
            num(r.masculine_coded),
            num(r.feminine_coded),
            num(r.must_have),
            num(r.nice_to_have),
            b(r.over_threshold).to_string(),
            r.inclusion.map(b).unwrap_or("").to_string(),
            b(r.gendered_title).to_string(),
            num(r.findings),
            b(r.truncated).to_string(),
        ];
        rec.extend(r.per_rule.iter().map(|n| n.to_string()));
        match &r.applicants {
            Some(a) => rec.extend([a.women, a.men, a.other].iter().map(|n| n.to_string())),
            None => rec.extend(["", "", ""].map(String::from)),
        }
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
