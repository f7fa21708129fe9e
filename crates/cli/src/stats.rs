//! `biasvask stats`: the picture across many ads. Thin: arguments, configuration, a progress
//! bar on a terminal; reading, linting, aggregating and writing are `biasvask_stats`'s.
//! Exit 0 when every input was read and the report written; 2 on a usage, configuration or
//! output error, or when an input (a file, a JSON Lines line) was skipped (each named on
//! stderr; the report of the rest is still written).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;

use clap::Args;

use biasvask::config::Config;
use biasvask::{Engine, Lang};
use biasvask_stats::input::Source;
use biasvask_stats::period::Period;
use biasvask_stats::{Progress, Settings};

#[derive(Args, Debug)]
pub struct StatsArgs {
    /// Annoncer: filer, mapper (rekursivt) eller JSON Lines-eksporter (.jsonl, .ndjson; - for standard input).
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,
    /// Mappen, rapporten skrives i (report.html, ads.csv, aggregates.json, ads/).
    #[arg(short, long, value_name = "DIR")]
    out: PathBuf,
    /// Sprog for rapporten: da eller en.
    #[arg(long, value_parser = crate::parse_lang)]
    lang: Option<Lang>,
    /// Sammenlign to perioder: år, kvartal, måned, dag eller FRA..TIL (fx 2024 2025, 2024-01..2024-06 2025-01..2025-06).
    #[arg(long, num_args = 2, value_names = ["FØR", "EFTER"])]
    compare: Option<Vec<String>>,
    /// Så mange annoncer med flest fund får en side hver.
    #[arg(long, default_value_t = 25)]
    top: usize,
    /// Ansøgertal vises kun med mindst så mange annoncer bag.
    #[arg(long, default_value_t = 30)]
    min_ads: u64,
    /// Største annonce (fil eller linje) i bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 16 * 1024 * 1024)]
    max_size: u64,
    /// Antal tråde (0: én pr. kerne).
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Brug denne konfigurationsfil i stedet for at lede efter biasvask.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Brug ingen konfigurationsfil.
    #[arg(long)]
    no_config: bool,
}

fn fail(m: &str) -> ExitCode {
    let _ = writeln!(std::io::stderr(), "{m}");
    ExitCode::from(2)
}

/// Progress on stderr: a bar on a terminal, nothing otherwise; skipped inputs always.
struct Bar {
    bar: Option<indicatif::ProgressBar>,
    skipped: Mutex<u64>,
}

impl Progress for Bar {
    fn advance(&self, bytes: u64, ads: u64) {
        if let Some(b) = &self.bar {
            b.set_position(bytes);
            b.set_message(format!("{ads}"));
        }
    }
    fn skipped(&self, error: &str) {
        if let Ok(mut n) = self.skipped.lock() {
            *n += 1;
        }
        let line = format!("biasvask: {error}");
        match &self.bar {
            Some(b) => b.println(line),
            None => {
                let _ = writeln!(std::io::stderr().lock(), "{line}");
            }
        }
    }
}

pub fn run(args: StatsArgs) -> ExitCode {
    let config = match biasvask_project::resolve(args.no_config, args.config.as_deref()) {
        Ok(c) => c,
        Err(e) => return fail(&format!("biasvask: {e}")),
    };
    let mut options = config.as_ref().map(Config::options).unwrap_or_default();
    if let Some(l) = args.lang {
        options.lang = l;
    }
    let lang = options.lang;
    let engine = match config.as_ref().map(Config::engine).transpose() {
        Ok(Some(Some(e))) => e,
        Ok(_) => match Engine::new() {
            Ok(e) => e,
            Err(e) => return fail(&format!("biasvask: {e}")),
        },
        Err(e) => return fail(&format!("biasvask: {e}")),
    };
    let compare = match args.compare.as_deref() {
        Some([a, b]) => match (Period::parse(a), Period::parse(b)) {
            (Ok(a), Ok(b)) => Some((a, b)),
            (Err(e), _) | (_, Err(e)) => return fail(&format!("biasvask: --compare: {e}")),
        },
        _ => None,
    };
    let sources: Vec<Source> = args.paths.iter().map(|p| Source::from_arg(p)).collect();
    if sources.iter().filter(|s| **s == Source::Stdin).count() > 1 {
        return fail("biasvask: - (standard input) kan kun gives én gang");
    }
    let mut settings = Settings::new(&args.out);
    settings.lang = lang;
    settings.options = options;
    settings.compare = compare;
    settings.top = args.top;
    settings.min_ads = args.min_ads;
    settings.max_size = args.max_size;
    settings.threads = args.threads;

    let bar = std::io::stderr().is_terminal().then(|| {
        let total = biasvask_stats::size_hint(&sources);
        let b = indicatif::ProgressBar::new(total);
        let unit = if lang == Lang::Da { "annoncer" } else { "ads" };
        let template = if total > 0 {
            format!("{{elapsed_precise}} [{{bar:40}}] {{bytes}}/{{total_bytes}} · {{msg}} {unit} · {{bytes_per_sec}} · {{eta}}")
        } else {
            format!("{{elapsed_precise}} {{spinner}} {{bytes}} · {{msg}} {unit} · {{bytes_per_sec}}")
        };
        if let Ok(style) = indicatif::ProgressStyle::with_template(&template) {
            b.set_style(style.progress_chars("=> "));
        }
        b
    });
    let progress = Bar {
        bar,
        skipped: Mutex::new(0),
    };
    let result = biasvask_stats::run(&sources, &engine, &settings, &progress);
    if let Some(b) = &progress.bar {
        b.finish_and_clear();
    }
    let outcome = match result {
        Ok(o) => o,
        Err(e) => return fail(&format!("biasvask: {e}")),
    };
    let a = &outcome.aggregates;
    let report = args.out.join("report.html");
    let line = match lang {
        Lang::Da => format!(
            "biasvask stats: {} annoncer → {} ({} input sprunget over)",
            a.all.ads,
            report.display(),
            a.skipped_inputs
        ),
        Lang::En => format!(
            "biasvask stats: {} ads → {} ({} inputs skipped)",
            a.all.ads,
            report.display(),
            a.skipped_inputs
        ),
    };
    let _ = writeln!(std::io::stderr(), "{line}");
    if a.skipped_inputs > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}
