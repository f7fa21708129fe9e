//! `biasvask lsp` latency (`cargo bench --bench lsp`): from a `textDocument/didChange` to the
//! `textDocument/publishDiagnostics` it causes, in process (a `Server` fed messages directly,
//! its output read from a channel; no stdio, no threads). Goal: under 2 ms for a 3 KB ad and
//! under 10 ms for a 50 KB document.
//!
//! - `full_change`: the client sends the whole text (full sync).
//! - `keystroke`: one incremental change in the middle of the text (a character typed, then
//!   deleted, alternately, so the text stays the same size).

#[path = "../tests/client/mod.rs"]
mod client;

use biasvask_lsp::{Message, Outgoing, Server};
use client::{document, notification, open, started, URI};
use crossbeam_channel::Receiver;
use divan::counter::BytesCount;
use divan::Bencher;
use serde_json::json;

/// How the JSON text of a `publishDiagnostics` notification starts.
const PUBLISH: &str = r#"{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","#;

fn main() {
    divan::main();
}

/// A server with `text` open, and the receiving end of its output.
fn server_with(text: &str) -> (Server, Receiver<Outgoing>) {
    let (mut server, rx) = started();
    open(&mut server, text);
    server.flush();
    while rx.try_recv().is_ok() {}
    (server, rx)
}

/// Handle one change and wait for its diagnostics, written as the JSON text the transport
/// frames and sends; returns its length.
fn change_and_publish(server: &mut Server, rx: &Receiver<Outgoing>, change: Message) -> usize {
    server.handle(change);
    server.flush();
    loop {
        match rx.try_recv() {
            Ok(Outgoing::Json(body)) if body.starts_with(PUBLISH.as_bytes()) => return body.len(),
            Ok(_) => {}
            Err(_) => panic!("no diagnostics published"),
        }
    }
}

#[divan::bench(args = [3 * 1024, 50 * 1024])]
fn full_change(bencher: Bencher, size: usize) {
    let text = document(size);
    let (mut server, rx) = server_with(&text);
    let mut version = 1;
    bencher.counter(BytesCount::new(text.len())).bench_local(|| {
        version += 1;
        let change = notification(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": URI, "version": version }, "contentChanges": [{ "text": text }] }),
        );
        change_and_publish(&mut server, &rx, change)
    });
}

#[divan::bench(args = [3 * 1024, 50 * 1024])]
fn keystroke(bencher: Bencher, size: usize) {
    let text = document(size);
    let (mut server, rx) = server_with(&text);
    let line = text.lines().count() as u32 / 2;
    let mut version = 1;
    bencher.counter(BytesCount::new(text.len())).bench_local(|| {
        version += 1;
        let (end, insert) = if version % 2 == 0 { (0, "æ") } else { (1, "") };
        let change = notification(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": URI, "version": version }, "contentChanges": [{
                "range": { "start": { "line": line, "character": 0 }, "end": { "line": line, "character": end } },
                "text": insert }] }),
        );
        change_and_publish(&mut server, &rx, change)
    });
}

/// The engine alone on the same documents (what the server adds is the difference).
#[divan::bench(args = [3 * 1024, 50 * 1024])]
fn lint_only(bencher: Bencher, size: usize) {
    let text = document(size);
    let engine = biasvask::Engine::new().expect("lexicons are valid");
    let options = biasvask::Options::default();
    bencher
        .counter(BytesCount::new(text.len()))
        .bench_local(|| {
            engine
                .lint(divan::black_box(&text), biasvask::Format::Text, &options)
                .diagnostics
                .len()
        });
}

/// The engine's cached lint alone on the `keystroke` edits (`Engine::lint_cached`, what the
/// server runs; the rest of `keystroke` is the protocol: the change applied, the line index,
/// the diagnostics converted and sent).
#[divan::bench(args = [3 * 1024, 50 * 1024])]
fn keystroke_lint_only(bencher: Bencher, size: usize) {
    let text = document(size);
    let engine = biasvask::Engine::new().expect("lexicons are valid");
    let options = biasvask::Options::default();
    let mut cache = biasvask::LintCache::new();
    let line_start = {
        let n = text.lines().count() / 2;
        text.split_inclusive('\n')
            .take(n)
            .map(str::len)
            .sum::<usize>()
    };
    let (with, without) = {
        let mut w = text.clone();
        w.insert(line_start, 'æ');
        (w, text.clone())
    };
    engine.lint_cached(&without, biasvask::Format::Text, &options, &mut cache);
    let mut version = 1;
    bencher
        .counter(BytesCount::new(text.len()))
        .bench_local(|| {
            version += 1;
            let t = if version % 2 == 0 { &with } else { &without };
            engine
                .lint_cached(t, biasvask::Format::Text, &options, &mut cache)
                .diagnostics
                .len()
        });
}
