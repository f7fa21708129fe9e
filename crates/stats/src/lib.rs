//! # biasvask-stats
//!
//! The picture across many ads: `biasvask stats`. Ads are read one at a time (files,
//! directories, JSON Lines exports: [`input`]), linted on every core by the one
//! [`biasvask::Engine`], turned into a [`agg::Row`] each (one CSV line) and folded into the
//! [`agg::Aggregates`] as they come, so memory stays bounded whatever the number of ads. At the
//! end [`report`] writes the offline HTML report (charts as SVG from plotters), the per-ad pages
//! of the ads with most findings, and the aggregates as JSON.
//!
//! No terminal code: the caller gets progress through [`Progress`] and draws what it likes.

pub mod agg;
mod charts;
pub mod csv_out;
pub mod input;
pub mod period;
pub mod report;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use biasvask::{Engine, Lang, Options, Report, Rule};
use crossbeam_channel::bounded;

use agg::{Aggregates, Row};
use input::{Ad, InputError, Source};
use period::Period;

/// Danish or English.
pub(crate) fn t(lang: Lang, da: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Da => da,
        Lang::En => en,
    }
}

/// What to aggregate and how.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The language of the report (and of the findings' messages on the per-ad pages).
    pub lang: Lang,
    pub options: Options,
    /// Where the report goes (created if missing).
    pub out_dir: PathBuf,
    pub compare: Option<(Period, Period)>,
    /// How many of the ads with most findings get their own page.
    pub top: usize,
    /// Applicant figures need at least this many ads behind them.
    pub min_ads: u64,
    /// The largest ad (file or JSONL line) read, in bytes.
    pub max_size: u64,
    /// Worker threads (0: one per core).
    pub threads: usize,
}

impl Settings {
    pub fn new(out_dir: impl Into<PathBuf>) -> Settings {
        Settings {
            lang: Lang::Da,
            options: Options::default(),
            out_dir: out_dir.into(),
            compare: None,
            top: 25,
            min_ads: 30,
            max_size: 16 * 1024 * 1024,
            threads: 0,
        }
    }
}

/// Progress reports, from the collecting thread.
pub trait Progress: Sync {
    /// Bytes and ads done so far.
    fn advance(&self, _bytes: u64, _ads: u64) {}
    /// An input that was skipped (a bad line with its number, an unreadable file).
    fn skipped(&self, _error: &str) {}
}

/// No progress shown; skipped inputs are still counted.
pub struct Quiet;
impl Progress for Quiet {}

/// What a run produced.
#[derive(Debug)]
pub struct Outcome {
    pub aggregates: Aggregates,
    /// The files written, relative to the output folder.
    pub files: Vec<String>,
}

/// A failure that stops the run (the output folder cannot be written).
#[derive(Debug)]
pub struct Error(pub String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The total size of the inputs, for a progress bar (0 if unknown).
pub fn size_hint(sources: &[Source]) -> u64 {
    sources.iter().map(Source::size_hint).sum()
}

/// An ad with its place in the input order.
struct Job {
    seq: u64,
    bytes: u64,
    ad: Ad,
}

/// A linted ad: its row, and its text and report for a possible page of its own.
struct Done {
    bytes: u64,
    row: Row,
    ad: Ad,
    report: Report,
}

/// Ads per batch sent to a worker.
const BATCH: usize = 32;

/// Read, lint, aggregate, write. Per-input problems go to `progress.skipped` and are counted
/// in `Aggregates::skipped_inputs`; only an output error stops the run.
pub fn run(
    sources: &[Source],
    engine: &Engine,
    settings: &Settings,
    progress: &dyn Progress,
) -> Result<Outcome, Error> {
    let lang = settings.lang;
    let out = &settings.out_dir;
    std::fs::create_dir_all(out.join("ads")).map_err(|e| out_err(lang, out, &e))?;
    let mut csv = csv_out::CsvOut::create(out).map_err(|e| out_err(lang, out, &e))?;

    let workers = if settings.threads > 0 {
        settings.threads
    } else {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    };
    let inclusion_known = settings.options.enabled(Rule::MissingInclusionStatement);
    let max_must = settings.options.max_must_have;
    let mut agg = Aggregates::new(max_must, settings.compare.clone(), settings.min_ads);
    let mut top = TopKeeper::new(settings.top);
    // Backpressure: a batch is read only when one of `cap` tokens is free, and a token comes
    // back when the batch is written, so at most `cap` batches exist at any time.
    let cap = workers * 4;
    let (job_tx, job_rx) = bounded::<(u64, Vec<Job>)>(cap);
    let (done_tx, done_rx) = bounded::<(u64, Vec<Done>)>(cap);
    let (token_tx, token_rx) = bounded::<()>(cap);
    for _ in 0..cap {
        let _ = token_tx.send(());
    }
    let (skip_tx, skip_rx) = bounded::<InputError>(1024);
    let never_done = crossbeam_channel::never::<(u64, Vec<Done>)>();
    let never_skip = crossbeam_channel::never::<InputError>();
    let stop = AtomicBool::new(false);
    let mut write_error: Option<std::io::Error> = None;

    std::thread::scope(|s| {
        // The reader: ads in input order, in batches.
        s.spawn(|| {
            let mut batch = Vec::with_capacity(BATCH);
            let mut seq = 0u64;
            let mut batch_no = 0u64;
            let send = |batch: Vec<Job>, batch_no: &mut u64| -> bool {
                if token_rx.recv().is_err() || stop.load(Ordering::Relaxed) {
                    return false;
                }
                let ok = job_tx.send((*batch_no, batch)).is_ok();
                *batch_no += 1;
                ok
            };
            input::read_all(
                sources,
                settings.max_size,
                lang,
                Some(out.as_path()),
                &mut |ad, bytes| {
                    batch.push(Job { seq, bytes, ad });
                    seq += 1;
                    if batch.len() == BATCH {
                        let b = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                        return send(b, &mut batch_no);
                    }
                    true
                },
                &mut |e| {
                    let _ = skip_tx.send(e);
                },
            );
            if !batch.is_empty() {
                send(batch, &mut batch_no);
            }
            drop(job_tx);
            drop(skip_tx);
        });
        // The workers: lint each ad into its row.
        for _ in 0..workers {
            let job_rx = job_rx.clone();
            let done_tx = done_tx.clone();
            let options = &settings.options;
            s.spawn(move || {
                for (no, jobs) in job_rx {
                    let done: Vec<Done> = jobs
                        .into_iter()
                        .map(|j| {
                            let report = engine.lint(&j.ad.text, j.ad.format, options);
                            let row = Row::new(j.seq, &j.ad, &report, max_must, inclusion_known);
                            Done {
                                bytes: j.bytes,
                                row,
                                ad: j.ad,
                                report,
                            }
                        })
                        .collect();
                    if done_tx.send((no, done)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        drop(job_rx);
        // The collector (this thread): rows in input order into the CSV and the aggregates.
        let mut pending: BTreeMap<u64, Vec<Done>> = BTreeMap::new();
        let mut next = 0u64;
        let (mut bytes, mut ads) = (0u64, 0u64);
        let mut done_open = true;
        let mut skip_open = true;
        while done_open || skip_open {
            crossbeam_channel::select! {
                recv(if done_open { &done_rx } else { &never_done }) -> msg => match msg {
                    Ok((no, done)) => {
                        pending.insert(no, done);
                        while let Some(batch) = pending.remove(&next) {
                            next += 1;
                            for d in batch {
                                bytes += d.bytes;
                                ads += 1;
                                if write_error.is_none() {
                                    if let Err(e) = csv.row(&d.row) {
                                        write_error = Some(e);
                                        stop.store(true, Ordering::Relaxed);
                                    }
                                }
                                agg.add(&d.row);
                                top.offer(d);
                            }
                            let _ = token_tx.send(());
                        }
                        progress.advance(bytes, ads);
                    }
                    Err(_) => done_open = false,
                },
                recv(if skip_open { &skip_rx } else { &never_skip }) -> msg => match msg {
                    Ok(e) => {
                        agg.skipped_inputs += 1;
                        progress.skipped(&e.0);
                    }
                    Err(_) => skip_open = false,
                },
            }
        }
        drop(token_tx);
    });
    // The reader may end on a skipped input after the last batch.
    if let Some(e) = write_error {
        return Err(out_err(lang, out, &e));
    }
    let mut files = vec![csv_out::FILE.to_string()];
    csv.finish().map_err(|e| out_err(lang, out, &e))?;

    // The ads with most findings, each with its page.
    let tops = top.into_sorted();
    for (rank, d) in tops.iter().enumerate() {
        let page = format!("ads/{}.html", rank + 1);
        let html = report::ad_page(&d.ad, &d.report, &d.row, lang);
        write_atomic(&out.join(&page), html.as_bytes()).map_err(|e| out_err(lang, out, &e))?;
        agg.top_ads.push(agg::TopAd {
            seq: d.row.seq,
            id: d.row.id.clone(),
            title: d.row.title.clone(),
            findings: d.row.findings,
            verdict: d.row.verdict.as_str(),
            must_have: d.row.must_have,
            page: page.clone(),
        });
        files.push(page);
    }
    // Pages of an earlier run with more top ads would mislead: remove them.
    for n in tops.len() + 1.. {
        let p = out.join(format!("ads/{n}.html"));
        if std::fs::remove_file(&p).is_err() {
            break;
        }
    }
    let json = serde_json::to_string_pretty(&agg).map_err(|e| Error(e.to_string()))?;
    write_atomic(&out.join("aggregates.json"), format!("{json}\n").as_bytes())
        .map_err(|e| out_err(lang, out, &e))?;
    files.push("aggregates.json".into());
    let html = report::html(&agg, settings);
    write_atomic(&out.join("report.html"), html.as_bytes()).map_err(|e| out_err(lang, out, &e))?;
    files.push("report.html".into());
    Ok(Outcome {
        aggregates: agg,
        files,
    })
}

fn out_err(lang: Lang, dir: &Path, e: &std::io::Error) -> Error {
    Error(match lang {
        Lang::Da => format!("{}: kan ikke skrive rapporten: {e}", dir.display()),
        Lang::En => format!("{}: cannot write the report: {e}", dir.display()),
    })
}

/// Write a file whole or not at all (a temporary file beside it, then a rename).
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = tmp_path(path);
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}

pub(crate) fn tmp_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".tmp");
    path.with_file_name(name)
}

/// The `n` ads with most findings (ties: the earlier ad), kept with their text.
struct TopKeeper {
    n: usize,
    items: Vec<Done>,
}

impl TopKeeper {
    fn new(n: usize) -> TopKeeper {
        TopKeeper {
            n,
            items: Vec::with_capacity(n + 1),
        }
    }

    fn key(d: &Done) -> (usize, std::cmp::Reverse<u64>) {
        (d.row.findings, std::cmp::Reverse(d.row.seq))
    }

    fn offer(&mut self, d: Done) {
        if self.n == 0 || d.row.findings == 0 {
            return;
        }
        if self.items.len() == self.n {
            let (i, min) = self
                .items
                .iter()
                .enumerate()
                .min_by_key(|(_, x)| Self::key(x))
                .expect("n > 0");
            if Self::key(min) >= Self::key(&d) {
                return;
            }
            self.items.swap_remove(i);
        }
        self.items.push(d);
    }

    fn into_sorted(mut self) -> Vec<Done> {
        self.items.sort_by_key(|d| std::cmp::Reverse(Self::key(d)));
        self.items
    }
}
