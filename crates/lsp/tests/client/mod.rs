//! An in-process client of the language server, shared by `tests/incremental.rs` and
//! `benches/lsp.rs` (included there with `#[path]`): the messages that start a server and open
//! a document, and the corpus ads both feed it.

use biasvask_lsp::{Message, Outgoing, Server};
use crossbeam_channel::{unbounded, Receiver};
use lsp_server::{Notification, Request, RequestId};
use serde_json::{json, Value};

pub const URI: &str = "file:///annonce.txt";

pub fn notification(method: &str, params: Value) -> Message {
    Message::Notification(Notification::new(method.into(), params))
}

/// A server after `initialize` and `initialized`, and the receiving end of its output.
pub fn started() -> (Server, Receiver<Outgoing>) {
    let (tx, rx) = unbounded();
    let mut server = Server::new(tx).expect("the server starts");
    server.handle(Message::Request(Request::new(
        RequestId::from(1),
        "initialize".into(),
        json!({ "capabilities": {} }),
    )));
    server.handle(notification("initialized", json!({})));
    (server, rx)
}

/// Open `text` as version 1 of [`URI`].
pub fn open(server: &mut Server, text: &str) {
    server.handle(notification(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": URI, "languageId": "plaintext", "version": 1, "text": text } }),
    ));
}

/// The shipped corpus ads (`tests/corpus/*.txt` of the workspace), in file-name order.
pub fn corpus_ads() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/corpus");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/corpus exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("a corpus ad"))
        .collect()
}

/// The corpus ads, concatenated and cut to about `size` bytes (on a line end): the document of
/// the LSP benchmark and its profile example.
#[allow(dead_code)] // not every includer uses it
pub fn document(size: usize) -> String {
    let ads = corpus_ads();
    let mut s = String::new();
    while s.len() < size {
        for a in &ads {
            s.push_str(a);
            s.push_str("\n\n");
        }
    }
    let cut = s[..size].rfind('\n').unwrap_or(size);
    s.truncate(cut + 1);
    s
}
