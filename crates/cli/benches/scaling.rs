//! Scaling benchmark (`cargo bench --bench scaling`): the cost per byte must not grow with the
//! input. Each case is linted and rendered at sizes from 1 KB to 16 MB; divan counts bytes, so
//! it prints MB/s per size, and linear cost means about the same MB/s from the smallest to the
//! largest input (issue 9 asks for a factor 2 at most).
//!
//! Cases: clean and dense text (a finding every 8 bytes, the worst case for line/column and
//! output size), on one line and on many lines; deeply nested HTML lists; a tag with many
//! attributes. Outputs: the engine alone, JSON, SARIF and the human report (all bounded by the
//! findings limit per document).

use biasvask::render::json;
use biasvask_cli::{human, sarif};
use biasvask::{Engine, Format, Options};
use divan::counter::BytesCount;
use divan::Bencher;

fn main() {
    divan::main();
}

const SIZES: &[usize] = &[1 << 10, 64 << 10, 1 << 20, 16 << 20];

fn engine() -> &'static Engine {
    static E: std::sync::OnceLock<Engine> = std::sync::OnceLock::new();
    E.get_or_init(|| Engine::new().expect("engine"))
}

fn repeat_to(unit: &str, size: usize) -> String {
    let mut s = String::with_capacity(size + unit.len());
    while s.len() < size {
        s.push_str(unit);
    }
    s
}

fn input(case: &str, size: usize) -> (String, Format) {
    match case {
        "clean-one-line" => (
            repeat_to("Vi leder efter en ny kollega til lageret. ", size),
            Format::Text,
        ),
        "clean-lines" => (
            repeat_to("Vi leder efter en ny kollega til lageret.\n", size),
            Format::Text,
        ),
        "dense-one-line" => (repeat_to("æ formand ", size), Format::Text),
        "dense-lines" => (repeat_to("formand\n", size), Format::Text),
        "nested-lists" => (
            format!("{}formand", "<ul><li>".repeat(size / "<ul><li>".len() + 1)),
            Format::Html,
        ),
        "attributes" => (
            format!("<p{}>formand</p>", " a=\"\"".repeat(size / 5 + 1)),
            Format::Html,
        ),
        _ => unreachable!(),
    }
}

const CASES: &[&str] = &[
    "clean-one-line",
    "clean-lines",
    "dense-one-line",
    "dense-lines",
    "nested-lists",
    "attributes",
];

#[divan::bench(args = SIZES, consts = [0, 1, 2, 3, 4, 5], sample_count = 5, sample_size = 1)]
fn lint<const CASE: usize>(bencher: Bencher, size: usize) {
    let (src, format) = input(CASES[CASE], size);
    let options = Options::default();
    bencher
        .counter(BytesCount::new(src.len()))
        .bench(|| engine().lint(&src, format, &options));
}

#[divan::bench(args = SIZES, consts = [2, 3], sample_count = 5, sample_size = 1)]
fn lint_and_json<const CASE: usize>(bencher: Bencher, size: usize) {
    let (src, format) = input(CASES[CASE], size);
    let options = Options::default();
    bencher.counter(BytesCount::new(src.len())).bench(|| {
        let r = engine().lint(&src, format, &options);
        serde_json::to_string(&json::file("x", &src, &r)).map(|s| s.len())
    });
}

#[divan::bench(args = SIZES, consts = [2, 3], sample_count = 5, sample_size = 1)]
fn lint_and_sarif<const CASE: usize>(bencher: Bencher, size: usize) {
    let (src, format) = input(CASES[CASE], size);
    let options = Options::default();
    bencher.counter(BytesCount::new(src.len())).bench(|| {
        let r = engine().lint(&src, format, &options);
        sarif::to_string(&[("x", src.as_str(), &r)], options.lang).len()
    });
}

#[divan::bench(args = SIZES, consts = [2, 3], sample_count = 5, sample_size = 1)]
fn lint_and_human<const CASE: usize>(bencher: Bencher, size: usize) {
    let (src, format) = input(CASES[CASE], size);
    let options = Options::default();
    bencher.counter(BytesCount::new(src.len())).bench(|| {
        let r = engine().lint(&src, format, &options);
        human::render("x", &src, &r, &human::Style::default()).len()
    });
}
