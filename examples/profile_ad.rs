//! Repeat one piece of work N times, for counting instructions by hand:
//! `valgrind --tool=callgrind target/release/examples/profile_ad MODE N` (run it with two values
//! of N and divide the difference by the difference of N: engine construction cancels out).
//!
//! MODE is `text` or `html` (the ads of `benches/lint.rs`: `lint_3kb_ad` and its HTML twin,
//! `Engine::lint` only), `keystroke` (`Engine::lint_cached` on the LSP benchmark's 50 KB
//! document with a character typed and deleted in turn) or `request` (what `POST /v1/check` does with `examples/annonce.html`
//! once its body is parsed: `Document::parse`, `Engine::lint_document`, and the answer (the
//! file object with its edits and `pass`) written by `render::json::write_answer`).
use biasvask::render::json;
use biasvask::{Engine, Format, Options};

#[path = "../benches/ads/mod.rs"]
mod ads;

fn main() {
    let mode = std::env::args().nth(1).unwrap_or_else(|| "text".into());
    let n: usize = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let engine = Engine::new().expect("lexicons are valid");
    let opts = Options::default();
    let text = ads::ad_3kb();
    let html = ads::ad_3kb_html();
    let page = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/annonce.html"
    ))
    .expect("examples/annonce.html");
    // `request-cold`: the same request, with the caches cleared between requests the way a
    // server's other work (the network stack, the client, other processes) clears them: 8 MiB,
    // four times this machine's L2, written between requests. `evict` is that write alone.
    let (mode, cold) = match mode.strip_suffix("-cold") {
        Some(m) => (m.to_string(), true),
        None => (mode, false),
    };
    let mut evict = vec![0u8; if cold || mode == "evict" { 8 << 20 } else { 0 }];
    let keystroke = std::sync::LazyLock::new(|| {
        let ads = ads::corpus_ads();
        let mut s = String::new();
        while s.len() < 50 * 1024 {
            for a in &ads {
                s.push_str(a);
                s.push_str("\n\n");
            }
        }
        let cut = s[..50 * 1024].rfind('\n').unwrap_or(s.len());
        s.truncate(cut + 1);
        let n = s.lines().count() / 2;
        let at: usize = s.split_inclusive('\n').take(n).map(str::len).sum();
        let mut with = s.clone();
        with.insert(at, 'æ');
        (with, s)
    });
    let mut cache = biasvask::LintCache::new();
    if mode == "keystroke" {
        // Warm the cache, so that N runs minus one run is N - 1 keystrokes.
        engine.lint_cached(&keystroke.1, Format::Text, &opts, &mut cache);
    }
    let mut total = 0usize;
    for i in 0..n {
        if cold || mode == "evict" {
            evict.fill(i as u8);
            total += usize::from(std::hint::black_box(&evict)[i % evict.len()]);
        }
        total += match mode.as_str() {
            "evict" => 0,
            "text" => engine.lint(&text, Format::Text, &opts).diagnostics.len(),
            "html" => engine.lint(&html, Format::Html, &opts).diagnostics.len(),
            "request" => {
                let doc = biasvask::Document::parse(&page, Format::Html);
                let report = engine.lint_document(&doc, &opts);
                let pass = report
                    .diagnostics
                    .iter()
                    .all(|d| d.severity < biasvask::diagnostic::Severity::Warning);
                let mut body = Vec::with_capacity(16 * 1024);
                json::write_answer(
                    &mut body,
                    "annonce.html",
                    &page,
                    Format::Html,
                    doc,
                    &report,
                    pass,
                )
                .expect("serializable");
                body.len()
            }
            // What the LSP's keystroke benchmark lints: the corpus ads concatenated to 50 KB,
            // a character typed and deleted in the middle, alternately, through one cache.
            "keystroke" => {
                let (with, without) = &*keystroke;
                let t = if i % 2 == 0 { with } else { without };
                engine
                    .lint_cached(t, Format::Text, &opts, &mut cache)
                    .diagnostics
                    .len()
            }
            other => {
                panic!("unknown mode {other} (text, html, request, keystroke, MODE-cold, evict)")
            }
        };
    }
    println!("{total}");
}
