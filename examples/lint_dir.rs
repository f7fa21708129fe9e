//! Lint every ad of a directory in-process, one after another on one thread, and print the
//! time per ad: the directory bench's work (`scripts/bench-ratio`'s `dir` input) without the
//! CLI around it, for profiling the engine on many real-size ads at once:
//! `cargo run --release -p biasvask --example lint_dir -- DIR [LIMIT] [ROUNDS]`
//! (`valgrind --tool=callgrind` of ROUNDS 3 minus ROUNDS 1, divided by 2 × LIMIT, is the
//! instructions per lint). Files are read once, before the clock starts; each is read as the
//! format its name says.
use biasvask::{Engine, Format, Options};
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: lint_dir DIR [LIMIT] [ROUNDS]");
        std::process::exit(2);
    };
    let limit: usize = args
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(usize::MAX);
    let rounds: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(3);
    let mut paths: Vec<std::path::PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            eprintln!("lint_dir: {dir}: {e}");
            std::process::exit(2);
        }
    };
    paths.sort();
    let ads: Vec<(Format, String)> = paths
        .iter()
        .filter_map(|p| Some((Format::from_path(p), std::fs::read_to_string(p).ok()?)))
        .take(limit)
        .collect();
    if ads.is_empty() {
        eprintln!("lint_dir: no readable UTF-8 files in {dir}");
        std::process::exit(2);
    }
    let engine = Engine::new().expect("the built-in lexicons are valid");
    let opts = Options::default();
    let bytes: usize = ads.iter().map(|(_, s)| s.len()).sum();
    for _ in 0..rounds {
        let t = Instant::now();
        let mut findings = 0;
        for (format, src) in &ads {
            findings += engine.lint(src, *format, &opts).diagnostics.len();
        }
        let dt = t.elapsed();
        println!(
            "{} ads, {bytes} bytes, {findings} findings, {:.1} us/ad",
            ads.len(),
            dt.as_secs_f64() * 1e6 / ads.len() as f64
        );
    }
}
