//! Throughput benchmarks (`cargo bench --bench lint`), byte-counted so divan prints MB/s.
//!
//! - `full_lint`: `Engine::lint` over a ~4 MB corpus made by repeating the shipped corpus ads.
//! - `bare_scan`: one overlapping Aho-Corasick scan of the same lexicon patterns over the same
//!   bytes (the floor any lexicon linter pays); the goal is full lint >= half of it.
//! - `lint_3kb_ad`: one realistic 3 KB ad (the per-keystroke cost in an editor).
//! - `engine_new`: building the engine from the embedded lexicons (start-up cost).

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use biasvask::{Engine, Format, Options};
use divan::counter::BytesCount;
use divan::Bencher;

mod ads;
use ads::{ad_3kb, ad_3kb_html, corpus_ads};

fn main() {
    divan::main();
}

fn big_corpus() -> String {
    let ads = corpus_ads();
    let mut s = String::new();
    while s.len() < 4 * 1024 * 1024 {
        for a in &ads {
            s.push_str(a);
            s.push_str("\n\n");
        }
    }
    s
}

/// The clean corpus ads (the review's "Clean" list), repeated to about 4 MB: the cost of a
/// lint when there is little to report.
fn big_clean_corpus() -> String {
    let clean = [
        "02", "05", "08", "10", "12", "14", "15", "18", "20", "26", "28", "31", "33", "35", "38",
        "41",
    ];
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");
    let mut ads: Vec<String> = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    names.sort();
    for p in names {
        let n = p.file_name().unwrap().to_string_lossy().into_owned();
        if clean.iter().any(|c| n.starts_with(&format!("{c}-"))) {
            ads.push(std::fs::read_to_string(&p).unwrap());
        }
    }
    let mut s = String::new();
    while s.len() < 4 * 1024 * 1024 {
        for a in &ads {
            s.push_str(a);
            s.push_str("\n\n");
        }
    }
    s
}

#[divan::bench(sample_count = 20)]
fn full_lint_clean(bencher: Bencher) {
    let engine = Engine::new().unwrap();
    let text = big_clean_corpus();
    let opts = Options::default();
    bencher.counter(BytesCount::new(text.len())).bench(|| {
        divan::black_box(engine.lint(divan::black_box(&text), Format::Text, &opts))
            .diagnostics
            .len()
    });
}

#[divan::bench]
fn engine_new() -> Engine {
    Engine::new().expect("lexicons are valid")
}

#[divan::bench(sample_count = 20)]
fn full_lint(bencher: Bencher) {
    let engine = Engine::new().unwrap();
    let text = big_corpus();
    let opts = Options::default();
    bencher.counter(BytesCount::new(text.len())).bench(|| {
        divan::black_box(engine.lint(divan::black_box(&text), Format::Text, &opts))
            .diagnostics
            .len()
    });
}

#[divan::bench(sample_count = 20)]
fn bare_scan(bencher: Bencher) {
    let engine = Engine::new().unwrap();
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::DFA))
        .build(engine.patterns())
        .unwrap();
    let text = big_corpus();
    bencher.counter(BytesCount::new(text.len())).bench(|| {
        ac.find_overlapping_iter(divan::black_box(text.as_bytes()))
            .count()
    });
}

#[divan::bench]
fn lint_3kb_ad(bencher: Bencher) {
    let engine = Engine::new().unwrap();
    let ad = ad_3kb();
    let opts = Options::default();
    bencher.counter(BytesCount::new(ad.len())).bench(|| {
        divan::black_box(engine.lint(divan::black_box(&ad), Format::Text, &opts))
            .diagnostics
            .len()
    });
}

#[divan::bench]
fn lint_3kb_ad_html(bencher: Bencher) {
    let engine = Engine::new().unwrap();
    let ad = ad_3kb_html();
    let opts = Options::default();
    bencher.counter(BytesCount::new(ad.len())).bench(|| {
        divan::black_box(engine.lint(divan::black_box(&ad), Format::Html, &opts))
            .diagnostics
            .len()
    });
}
