//! Scaling benchmark (`cargo bench --bench scaling`): the cost per byte must not grow with the
//! input. Each case is linted and rendered at sizes from 1 KB to 100 MB; divan counts bytes, so
//! it prints MB/s per size, and linear cost means about the same MB/s from the smallest to the
//! largest input (issue 9 asks for a factor 2 at most).
//!
//! Cases: clean and dense text (a finding every 8 bytes, the worst case for line/column and
//! output size), on one line and on many lines; deeply nested HTML lists; a tag with many
//! attributes; requirement lines of long words alike at both ends. Outputs: the engine alone,
//! JSON, JSONL, SARIF and the human report (all bounded by the findings limit per document),
//! and the LSP (a full-text change to its published diagnostics, up to the 1 MiB the LSP
//! lints).
//!
//! Small inputs are repeated inside each sample ([`reps`]: 256 times at 1 KB, 4 times at 64 KB),
//! and divan counts the bytes of all repeats, so every sample does at least about 256 KB of work
//! and timer resolution, caches warming up and a scheduler tick weigh the same at every size.
//! Read the fastest sample: on a shared machine the others measure the neighbours.
//!
//! The dense cases make a finding every 8-10 bytes, so from about 100 KB on they reach the
//! limit of [`Options::max_findings`] (10,000) findings per document: above it nothing more is
//! rendered and the cost per MB falls. Compare dense cases below the limit (1 KB, 64 KB) and
//! above it (1 MB and up) separately; `findings_at_each_size` prints the counts.
//!
//! Knobs: `BIASVASK_SCALING_MAX_MB` (default 100) drops the sizes above it (16 for a quicker
//! run), `BIASVASK_SCALING_MIN_KB` (default 1) the sizes below it (102400 runs only the 100 MB
//! inputs, e.g. with `--sample-count 2`); divan's own flags select benches
//! (`cargo bench --bench scaling -- lint_and_jsonl`) and samples (`--sample-count`).

use biasvask::render::json;
use biasvask::{Engine, Format, Options};
use biasvask_cli::{human, sarif};
use divan::counter::BytesCount;
use divan::Bencher;

fn main() {
    divan::main();
}

/// 1 KB, 64 KB, 1 MB, 16 MB and 100 MB, from `BIASVASK_SCALING_MIN_KB` up to
/// `BIASVASK_SCALING_MAX_MB`.
fn sizes() -> Vec<usize> {
    let knob = |name: &str, default: usize| -> usize {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let (min_kb, max_mb) = (
        knob("BIASVASK_SCALING_MIN_KB", 1),
        knob("BIASVASK_SCALING_MAX_MB", 100),
    );
    [1 << 10, 64 << 10, 1 << 20, 16 << 20, 100 << 20]
        .into_iter()
        .filter(|&s| s >= min_kb << 10 && s <= max_mb << 20)
        .collect()
}

/// Repeats of an input of `size` bytes per sample: at least 256 KB of work per sample.
fn reps(size: usize) -> usize {
    ((256 << 10) / size).max(1)
}

/// Lint `src` `reps(size)` times per sample, then `render` the report (each time), counting
/// the bytes of every repeat.
fn bench_rendered<R>(
    bencher: Bencher,
    size: usize,
    src: &str,
    format: Format,
    render: impl Fn(&biasvask::Report) -> R + Sync,
) {
    let options = Options::default();
    let n = reps(size);
    bencher.counter(BytesCount::new(src.len() * n)).bench(|| {
        for _ in 0..n {
            let r = engine().lint(src, format, &options);
            divan::black_box(render(&r));
        }
    });
}

/// Not timed: the number of findings of each dense case at each size, to read the rows
/// against the findings limit.
#[divan::bench(args = sizes(), consts = [2, 3], sample_count = 1, sample_size = 1)]
fn findings_at_each_size<const CASE: usize>(bencher: Bencher, size: usize) {
    let (src, format) = input(CASES[CASE], size);
    let r = engine().lint(&src, format, &Options::default());
    eprintln!(
        "{} at {size} bytes: {} findings{}",
        CASES[CASE],
        r.diagnostics.len(),
        if r.truncated {
            " (cut at the limit)"
        } else {
            ""
        }
    );
    bencher.bench(|| ());
}

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
        "words-alike" => (words_alike(size), Format::Text),
        _ => unreachable!(),
    }
}

/// Requirement lines of distinct 40-byte words alike in their first and last eight bytes (the
/// cue memo once keyed a long word by those alone: 1 MB took 1.9 s, 0.04 s for other words).
fn words_alike(size: usize) -> String {
    let mut s = String::from("Krav:\n");
    let mut i = 0u32;
    while s.len() < size {
        s.push_str("- Du har erfaring med");
        for _ in 0..10 {
            // `i` in base 16 written with letters (a digit would end the word).
            let mid: String = (0..6)
                .map(|k| char::from(b"bcdfghjklmnprstv"[(i >> (4 * k)) as usize & 15]))
                .collect();
            s.push_str(&format!(" aaaaaaaa{}{mid}aaaaaaaa", "x".repeat(18)));
            i += 1;
        }
        s.push('\n');
    }
    s
}

const CASES: &[&str] = &[
    "clean-one-line",
    "clean-lines",
    "dense-one-line",
    "dense-lines",
    "nested-lists",
    "attributes",
    "words-alike",
];

#[divan::bench(args = sizes(), consts = [0, 1, 2, 3, 4, 5, 6], sample_count = 5, sample_size = 1)]
fn lint<const CASE: usize>(bencher: Bencher, size: usize) {
    let (src, format) = input(CASES[CASE], size);
    bench_rendered(bencher, size, &src, format, |r| r.diagnostics.len());
}

#[divan::bench(args = sizes(), consts = [0, 1, 2, 3], sample_count = 5, sample_size = 1)]
fn lint_and_json<const CASE: usize>(bencher: Bencher, size: usize) {
    let (src, format) = input(CASES[CASE], size);
    bench_rendered(bencher, size, &src, format, |r| {
        // What `check --format json` writes for the file.
        let mut out = Vec::new();
        json::write_file_pretty(&mut out, 4, "x", &src, r);
        out.len()
    });
}

#[divan::bench(args = sizes(), consts = [0, 1, 2, 3], sample_count = 5, sample_size = 1)]
fn lint_and_jsonl<const CASE: usize>(bencher: Bencher, size: usize) {
    let (src, format) = input(CASES[CASE], size);
    bench_rendered(bencher, size, &src, format, |r| {
        // What `check --format jsonl` writes for the file.
        let mut out = Vec::new();
        json::write_jsonl(&mut out, "x", &src, r);
        out.len()
    });
}

#[divan::bench(args = sizes(), consts = [0, 1, 2, 3], sample_count = 5, sample_size = 1)]
fn lint_and_sarif<const CASE: usize>(bencher: Bencher, size: usize) {
    let (src, format) = input(CASES[CASE], size);
    bench_rendered(bencher, size, &src, format, |r| {
        let artifact = sarif::Artifact {
            path: "x",
            file: None,
            source: &src,
            format,
            report: r,
        };
        sarif::to_string(&[artifact], biasvask::Lang::Da, biasvask::fix::Scope::Safe).len()
    });
}

#[divan::bench(args = sizes(), consts = [0, 1, 2, 3], sample_count = 5, sample_size = 1)]
fn lint_and_human<const CASE: usize>(bencher: Bencher, size: usize) {
    let (src, format) = input(CASES[CASE], size);
    bench_rendered(bencher, size, &src, format, |r| {
        human::render("x", &src, r, &human::Style::default()).len()
    });
}

/// The LSP: a full-text `didChange` of a document of this case and size to the
/// `publishDiagnostics` it causes (sizes up to `biasvask_lsp::MAX_LINT_BYTES`, above which the
/// LSP does not lint).
#[cfg(feature = "lsp")]
#[divan::bench(
    args = sizes().into_iter().filter(|&s| s <= biasvask_lsp::MAX_LINT_BYTES),
    consts = [0, 1, 2, 3],
    sample_count = 5,
    sample_size = 1
)]
fn lsp_change<const CASE: usize>(bencher: Bencher, size: usize) {
    use biasvask_lsp::{Message, Outgoing, Server};
    use lsp_server::{Notification, Request, RequestId};
    use serde_json::json;
    const URI: &str = "file:///annonce.txt";
    let (src, _) = input(CASES[CASE], size);
    // Whole characters under the limit.
    let mut src = src;
    while src.len() > size {
        src.pop();
    }
    let notify = |method: &str, params: serde_json::Value| {
        Message::Notification(Notification::new(method.into(), params))
    };
    let (tx, rx) = crossbeam_channel::unbounded();
    let mut server = Server::new(tx).expect("the server starts");
    server.handle(Message::Request(Request::new(
        RequestId::from(1),
        "initialize".into(),
        json!({ "capabilities": {} }),
    )));
    server.handle(notify("initialized", json!({})));
    server.handle(notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": URI, "languageId": "plaintext", "version": 1, "text": "" } }),
    ));
    server.flush();
    while rx.try_recv().is_ok() {}
    let mut version = 1;
    let n = reps(size);
    bencher
        .counter(BytesCount::new(src.len() * n))
        .bench_local(|| {
            let mut published = 0;
            for _ in 0..n {
                version += 1;
                server.handle(notify(
                    "textDocument/didChange",
                    json!({ "textDocument": { "uri": URI, "version": version }, "contentChanges": [{ "text": src }] }),
                ));
                server.flush();
                published += loop {
                    match rx.try_recv() {
                        // The notification as the JSON text the transport sends.
                        Ok(Outgoing::Json(body))
                            if body.starts_with(br#"{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","#) =>
                        {
                            break body.len();
                        }
                        Ok(_) => {}
                        Err(_) => panic!("no diagnostics published"),
                    }
                };
            }
            published
        });
}
