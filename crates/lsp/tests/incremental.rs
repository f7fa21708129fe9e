//! The server lints each open document with a cache kept across its edits: what it publishes
//! after a run of incremental changes is exactly what a server that opens the final text
//! publishes (the JSON, byte for byte), including a change of settings on the way.

mod client;

use biasvask_lsp::{Message, Outgoing, Server};
use client::{corpus_ads, notification, open, started, URI};
use crossbeam_channel::Receiver;
use serde_json::{json, Value};

/// The diagnostics of the last publishDiagnostics sent.
fn published(server: &mut Server, rx: &Receiver<Outgoing>) -> Value {
    server.flush();
    let mut last = None;
    while let Ok(m) = rx.try_recv() {
        if let Message::Notification(n) = m.into_message().expect("valid JSON-RPC") {
            if n.method == "textDocument/publishDiagnostics" {
                last = Some(n.params["diagnostics"].clone());
            }
        }
    }
    last.expect("diagnostics were published")
}

/// A fresh server's diagnostics for `text`, with `settings`.
fn fresh(text: &str, settings: Option<&Value>) -> Value {
    let (mut server, rx) = started();
    if let Some(s) = settings {
        server.handle(notification(
            "workspace/didChangeConfiguration",
            json!({ "settings": s }),
        ));
    }
    open(&mut server, text);
    published(&mut server, &rx)
}

/// Line and UTF-16 column of byte `at` of `text`.
fn position(text: &str, at: usize) -> Value {
    let before = &text[..at];
    let line = before.matches('\n').count();
    let col: usize = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .encode_utf16()
        .count();
    json!({ "line": line, "character": col })
}

/// The first 14 corpus ads, one after another.
fn corpus() -> String {
    let mut s = String::new();
    for a in corpus_ads().iter().take(14) {
        s.push_str(a);
        s.push_str("\n\n");
    }
    s
}

#[test]
fn incremental_changes_publish_what_a_fresh_lint_publishes() {
    let mut text = corpus();
    let (mut server, rx) = started();
    open(&mut server, &text);
    assert_eq!(published(&mut server, &rx), fresh(&text, None));
    // (fraction of the text, bytes deleted, text inserted)
    let edits: &[(usize, usize, &str)] = &[
        (50, 0, "æ"),
        (50, 2, ""),
        (10, 0, "\n\n"),
        (33, 0, "Han skal være en dynamisk formand. "),
        (70, 40, ""),
        (90, 0, "\nOm dig\n- Du har kørekort\n"),
        (5, 1, "\n"),
        (60, 0, "Vi opfordrer alle uanset køn til at søge. "),
        (99, 0, "x"),
        (0, 0, "Kontakt Dorthe Lauridsen. "),
    ];
    let mut settings: Option<Value> = None;
    for (k, &(pct, del, ins)) in edits.iter().enumerate() {
        let mut at = text.len() * pct / 100;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let mut end = (at + del).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let range = json!({ "start": position(&text, at), "end": position(&text, end) });
        text.replace_range(at..end, ins);
        server.handle(notification(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": URI, "version": k + 2 },
                    "contentChanges": [{ "range": range, "text": ins }] }),
        ));
        if k == 6 {
            // Settings change on the way: the cache must not answer for the old options.
            let s = json!({ "biasvask": { "lang": "en", "rules": { "masculine-coded": "off" } } });
            server.handle(notification(
                "workspace/didChangeConfiguration",
                json!({ "settings": s }),
            ));
            settings = Some(s);
        }
        let got = published(&mut server, &rx);
        let want = fresh(&text, settings.as_ref());
        assert_eq!(
            serde_json::to_string(&got).unwrap(),
            serde_json::to_string(&want).unwrap(),
            "after edit {k}"
        );
    }
}
