//! Repeat the LSP benchmark's keystroke N times, for counting instructions by hand:
//! `valgrind --tool=callgrind target/release/examples/profile_keystroke N` (run it with two
//! values of N and divide the difference by the difference of N: start-up cancels out). The
//! document is the corpus ads concatenated to 50 KB (`benches/lsp.rs`), a character typed and
//! deleted in the middle in turn; each change is handled and its diagnostics written as the
//! JSON text the transport sends.

#[path = "../tests/client/mod.rs"]
mod client;

use biasvask_lsp::Outgoing;
use client::{document, notification, open, started, URI};
use serde_json::json;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let text = document(50 * 1024);
    let (mut server, rx) = started();
    open(&mut server, &text);
    server.flush();
    while rx.try_recv().is_ok() {}
    let line = text.lines().count() as u32 / 2;
    let mut bytes = 0;
    for version in 2..n as i32 + 2 {
        let (end, insert) = if version % 2 == 0 { (0, "æ") } else { (1, "") };
        server.handle(notification(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": URI, "version": version }, "contentChanges": [{
                "range": { "start": { "line": line, "character": 0 }, "end": { "line": line, "character": end } },
                "text": insert }] }),
        ));
        server.flush();
        while let Ok(out) = rx.try_recv() {
            if let Outgoing::Json(body) = out {
                bytes += body.len();
            }
        }
    }
    println!("{bytes}");
}
