//! `biasvask lsp`: protocol tests in process (a `Connection::memory()` pair) and one
//! end-to-end test that spawns the built binary and speaks JSON-RPC over its stdio.
#![cfg(feature = "lsp")]

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

use biasvask_lsp::{self as lsp, Connection, Message};
use lsp_server::Connection as ClientConnection;
use lsp_server::{Notification, Request, RequestId, ResponseError};
use serde_json::{json, Value};

const TIMEOUT: Duration = Duration::from_secs(20);

/// A test client talking to a server thread.
struct Client {
    conn: ClientConnection,
    server: Option<JoinHandle<Result<(), lsp::Error>>>,
    next_id: i32,
    /// Notifications received while waiting for a response.
    pending: VecDeque<Notification>,
}

impl Client {
    fn start() -> Client {
        let (server_side, client_side) = Connection::memory();
        let server = std::thread::spawn(move || lsp::run(server_side));
        Client {
            conn: client_side,
            server: Some(server),
            next_id: 0,
            pending: VecDeque::new(),
        }
    }

    /// Started and initialized with these client capabilities and options.
    fn init(capabilities: Value, options: Value, root: Option<&str>) -> (Client, Value) {
        let mut c = Client::start();
        let result = c
            .request(
                "initialize",
                json!({ "processId": null, "rootUri": root, "capabilities": capabilities, "initializationOptions": options }),
            )
            .expect("initialize succeeds");
        c.notify("initialized", json!({}));
        (c, result)
    }

    fn utf16() -> Client {
        Client::init(json!({}), Value::Null, None).0
    }

    fn send(&self, msg: impl Into<Message>) {
        self.conn
            .sender
            .send(msg.into())
            .expect("server is running");
    }

    fn notify(&self, method: &str, params: Value) {
        self.send(Notification::new(method.into(), params));
    }

    fn request(&mut self, method: &str, params: Value) -> Result<Value, ResponseError> {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.send(Request::new(id.clone(), method.into(), params));
        loop {
            match self
                .conn
                .receiver
                .recv_timeout(TIMEOUT)
                .expect("a response in time")
            {
                Message::Response(r) if r.id == id => return r.response_result,
                Message::Response(r) => panic!("unexpected response {r:?}"),
                Message::Notification(n) => self.pending.push_back(n),
                Message::Request(r) => panic!("the server sent a request: {r:?}"),
            }
        }
    }

    fn ok(&mut self, method: &str, params: Value) -> Value {
        match self.request(method, params) {
            Ok(v) => v,
            Err(e) => panic!("{method} failed: {e:?}"),
        }
    }

    /// The next notification with this method (others are dropped).
    fn notification(&mut self, method: &str) -> Value {
        loop {
            let n = match self.pending.pop_front() {
                Some(n) => n,
                None => match self
                    .conn
                    .receiver
                    .recv_timeout(TIMEOUT)
                    .expect("a notification in time")
                {
                    Message::Notification(n) => n,
                    other => panic!("unexpected message while waiting for {method}: {other:?}"),
                },
            };
            if n.method == method {
                return n.params;
            }
        }
    }

    /// Forget diagnostics received so far: a publish the server made before a request was
    /// answered (e.g. when it linted between two notifications) reflects the state before it.
    fn drop_published(&mut self) {
        self.pending
            .retain(|n| n.method != "textDocument/publishDiagnostics");
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Value {
        loop {
            let p = self.notification("textDocument/publishDiagnostics");
            if p["uri"] == uri {
                return p;
            }
        }
    }

    fn open(&mut self, uri: &str, language: &str, text: &str) -> Value {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": language, "version": 1, "text": text } }),
        );
        self.diagnostics(uri)
    }

    fn change(&mut self, uri: &str, version: i32, changes: Value) {
        self.notify("textDocument/didChange", json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": changes }));
    }

    fn shutdown_and_exit(mut self) -> Result<(), lsp::Error> {
        assert_eq!(self.ok("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        self.server
            .take()
            .unwrap()
            .join()
            .expect("server thread does not panic")
    }
}

/// `(line, character)` pairs of a range.
fn range(r: &Value) -> ((u64, u64), (u64, u64)) {
    let p = |p: &Value| {
        (
            p["line"].as_u64().unwrap(),
            p["character"].as_u64().unwrap(),
        )
    };
    (p(&r["start"]), p(&r["end"]))
}

fn rules(diags: &Value) -> Vec<&str> {
    diags["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect()
}

/// Apply LSP text edits (UTF-16 positions) to a text.
fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| {
        let (line, ch) = (
            p["line"].as_u64().unwrap() as usize,
            p["character"].as_u64().unwrap() as usize,
        );
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        for (i, c) in text[start..].char_indices() {
            if units >= ch || c == '\n' || c == '\r' {
                return start + i;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (s, e, t) in spans {
        out.replace_range(s..e, t);
    }
    out
}

const AD: &str = "😀 Vi søger en formand\r\nFormanden skal være ambitiøs.";
const URI: &str = "file:///annonce.txt";

#[test]
fn initialize_negotiates_the_position_encoding_and_capabilities() {
    let (c, result) = Client::init(json!({}), Value::Null, None);
    let caps = &result["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental");
    assert_eq!(caps["hoverProvider"], true);
    let kinds = caps["codeActionProvider"]["codeActionKinds"]
        .as_array()
        .unwrap();
    assert!(kinds.contains(&json!("quickfix")) && kinds.contains(&json!("source.fixAll.biasvask")));
    assert_eq!(result["serverInfo"]["name"], "biasvask");
    c.shutdown_and_exit().unwrap();

    let caps = json!({ "general": { "positionEncodings": ["utf-16", "utf-8"] } });
    let (c, result) = Client::init(caps, Value::Null, None);
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    c.shutdown_and_exit().unwrap();
}

#[test]
fn diagnostics_sit_at_exact_utf16_positions() {
    let mut c = Client::utf16();
    let d = c.open(URI, "plaintext", AD);
    assert_eq!(d["version"], 1);
    assert_eq!(
        rules(&d),
        ["gendered-term", "gendered-term", "masculine-coded"]
    );
    let list = d["diagnostics"].as_array().unwrap();
    // 😀 is two UTF-16 units, ø one: "😀 Vi søger en " is 15 units.
    assert_eq!(range(&list[0]["range"]), ((0, 15), (0, 22)));
    assert_eq!(range(&list[1]["range"]), ((1, 0), (1, 9)));
    assert_eq!(range(&list[2]["range"]), ((1, 20), (1, 28)));
    let first = &list[1];
    assert_eq!(first["source"], "biasvask");
    assert_eq!(first["severity"], 2);
    assert_eq!(list[2]["severity"], 3);
    assert!(first["message"]
        .as_str()
        .unwrap()
        .contains("«Formanden» er en kønnet betegnelse"));
    assert_eq!(
        first["data"]["suggestions"],
        json!(["Forpersonen", "Lederen"])
    );
    assert_eq!(first["data"]["text"], "Formanden");
    assert!(first["relatedInformation"][0]["message"]
        .as_str()
        .unwrap()
        .contains("Sprognævn"));
    c.shutdown_and_exit().unwrap();
}

#[test]
fn diagnostics_use_utf8_columns_when_negotiated() {
    let (mut c, _) = Client::init(
        json!({ "general": { "positionEncodings": ["utf-8"] } }),
        Value::Null,
        None,
    );
    let d = c.open(URI, "plaintext", AD);
    let list = d["diagnostics"].as_array().unwrap();
    // "😀 Vi søger en " is 17 bytes; "Formanden skal være " 21 bytes.
    assert_eq!(range(&list[0]["range"]), ((0, 18), (0, 25)));
    assert_eq!(range(&list[2]["range"]), ((1, 21), (1, 30)));
    // An incremental change in UTF-8 units: replace "søger" (bytes 8..14) with "ønsker" (7).
    c.change(URI, 2, json!([{ "range": { "start": { "line": 0, "character": 8 }, "end": { "line": 0, "character": 14 } }, "text": "ønsker" }]));
    let d = c.diagnostics(URI);
    assert_eq!(d["version"], 2);
    assert_eq!(range(&d["diagnostics"][0]["range"]), ((0, 19), (0, 26)));
    c.shutdown_and_exit().unwrap();
}

#[test]
fn incremental_changes_with_multibyte_text_move_the_diagnostics() {
    let mut c = Client::utf16();
    c.open(URI, "plaintext", AD);
    // Insert "Æble 👩‍🔧 " at the start of line 1 and delete "😀 " on line 0, in one batch.
    c.change(
        URI,
        2,
        json!([
            { "range": { "start": { "line": 1, "character": 0 }, "end": { "line": 1, "character": 0 } }, "text": "Æble 👩‍🔧 " },
            { "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 3 } }, "text": "" },
        ]),
    );
    let d = c.diagnostics(URI);
    assert_eq!(d["version"], 2);
    let list = d["diagnostics"].as_array().unwrap();
    assert_eq!(range(&list[0]["range"]), ((0, 12), (0, 19)));
    // "Æble 👩‍🔧 " is 1+4+5+1 = 11 units.
    assert_eq!(range(&list[1]["range"]), ((1, 11), (1, 20)));
    // A full replacement (no range), then a change that removes the finding.
    c.change(URI, 3, json!([{ "text": "Formændene\nsøges" }]));
    let d = c.diagnostics(URI);
    assert_eq!(range(&d["diagnostics"][0]["range"]), ((0, 0), (0, 10)));
    c.change(URI, 4, json!([{ "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 10 } }, "text": "Lederne" }]));
    let d = c.diagnostics(URI);
    assert_eq!(d["version"], 4);
    assert!(rules(&d).is_empty(), "{d}");
    c.shutdown_and_exit().unwrap();
}

#[test]
fn quick_fix_per_suggestion_with_the_first_preferred() {
    let mut c = Client::utf16();
    c.open(URI, "plaintext", AD);
    let actions = c.ok(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": URI }, "range": { "start": { "line": 1, "character": 3 }, "end": { "line": 1, "character": 3 } },
                "context": { "diagnostics": [] } }),
    );
    let actions = actions.as_array().unwrap();
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles[0], "Erstat «Formanden» med «Forpersonen»");
    assert_eq!(titles[1], "Erstat «Formanden» med «Lederen»");
    assert_eq!(actions[0]["isPreferred"], true);
    assert_eq!(actions[1]["isPreferred"], false);
    assert_eq!(actions[0]["kind"], "quickfix");
    assert_eq!(actions[0]["diagnostics"][0]["code"], "gendered-term");
    assert!(
        titles.contains(&"Ignorér «formanden» i dette dokument"),
        "{titles:?}"
    );
    assert!(
        titles
            .iter()
            .any(|t| t.starts_with("Ret alle 2 fund med sikre forslag")),
        "{titles:?}"
    );
    // No project config here: no allow-list edit.
    assert!(
        !titles.iter().any(|t| t.contains("biasvask.toml")),
        "{titles:?}"
    );
    let edits = actions[0]["edit"]["changes"][URI].as_array().unwrap();
    let fixed = apply(AD, edits);
    assert_eq!(
        fixed,
        "😀 Vi søger en formand\r\nForpersonen skal være ambitiøs."
    );
    // The coded word: its own quick fixes, from the suggestions its diagnostic carries.
    let published = c.ok(
        "textDocument/hover",
        json!({ "textDocument": { "uri": URI }, "position": { "line": 1, "character": 22 } }),
    );
    assert!(published["contents"]["value"]
        .as_str()
        .unwrap()
        .contains("masculine-coded"));
    let actions = c.ok(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": URI }, "range": { "start": { "line": 1, "character": 22 }, "end": { "line": 1, "character": 22 } },
                "context": { "diagnostics": [] } }),
    );
    let actions = actions.as_array().unwrap();
    let coded = &actions[0]["diagnostics"][0];
    assert_eq!(coded["code"], "masculine-coded");
    let sugg = coded["data"]["suggestions"].as_array().unwrap();
    assert!(!sugg.is_empty());
    assert_eq!(
        actions[0]["title"].as_str().unwrap(),
        format!("Erstat «ambitiøs» med «{}»", sugg[0].as_str().unwrap())
    );
    assert!(actions
        .iter()
        .any(|a| a["title"] == "Ignorér «ambitiøs» i dette dokument"));
    assert!(!actions
        .iter()
        .any(|a| a["title"].as_str().unwrap().contains("Formanden")));
    c.shutdown_and_exit().unwrap();
}

#[test]
fn fix_all_fixes_every_finding_with_a_suggestion() {
    let mut c = Client::utf16();
    let text = format!("{AD}\nVi søger en mand til lageret.");
    let published = c.open(URI, "plaintext", &text);
    let list = published["diagnostics"].as_array().unwrap();
    // A finding without a suggestion (editorial) is left alone.
    assert!(
        list.iter()
            .any(|d| d["data"]["suggestions"].as_array().unwrap().is_empty()),
        "{published}"
    );
    // What fix-all should do, from the published diagnostics: every first safe suggestion
    // (the coded «ambitiøs» is unsafe: offered as a quick fix, never in fix-all).
    let expected_edits: Vec<Value> = list
        .iter()
        .filter(|d| d["data"]["applicability"] == "safe")
        .filter_map(|d| {
            let s = d["data"]["suggestions"].get(0)?;
            Some(json!({ "range": d["range"], "newText": s }))
        })
        .collect();
    assert_eq!(expected_edits.len(), 2);
    let expected = apply(&text, &expected_edits);
    assert!(
        expected.starts_with("😀 Vi søger en forperson\r\nForpersonen skal være "),
        "{expected}"
    );
    let actions = c.ok(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": URI }, "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } },
                "context": { "diagnostics": [], "only": ["source.fixAll"] } }),
    );
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:?}");
    assert_eq!(actions[0]["kind"], "source.fixAll.biasvask");
    let fixed = apply(
        &text,
        actions[0]["edit"]["changes"][URI].as_array().unwrap(),
    );
    assert_eq!(fixed, expected);
    // Sending the fixed text back leaves the unsafe finding and the one without a suggestion.
    c.change(URI, 2, json!([{ "text": fixed }]));
    let after = c.diagnostics(URI);
    let left = after["diagnostics"].as_array().unwrap();
    assert_eq!(left.len(), 2, "{after}");
    assert_eq!(left[0]["data"]["applicability"], "unsafe");
    assert_eq!(range(&left[1]["range"]).0 .0, 2);
    // Without `only`, the source action is not offered (the quick-fix variant is).
    let actions = c.ok(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": URI }, "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 2, "character": 0 } },
                "context": { "diagnostics": [] } }),
    );
    assert!(!actions
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["kind"] == "source.fixAll.biasvask"));
    c.shutdown_and_exit().unwrap();
}

#[test]
fn hover_explains_a_flagged_span() {
    let mut c = Client::utf16();
    c.open(URI, "plaintext", AD);
    let pos = |line: u32, character: u32| json!({ "textDocument": { "uri": URI }, "position": { "line": line, "character": character } });
    let h = c.ok("textDocument/hover", pos(1, 4));
    let md = h["contents"]["value"].as_str().unwrap();
    assert_eq!(h["contents"]["kind"], "markdown");
    assert!(md.contains("gendered-term"), "{md}");
    // The message of the published diagnostic.
    let published = c.ok(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": URI }, "range": { "start": { "line": 1, "character": 4 }, "end": { "line": 1, "character": 4 } },
                "context": { "diagnostics": [] } }),
    );
    let message = published[0]["diagnostics"][0]["message"].as_str().unwrap();
    assert!(md.contains(message), "{md}");
    assert!(
        md.contains("**Alternativer:** «Forpersonen», «Lederen»"),
        "{md}"
    );
    assert!(md.contains("Dansk Sprognævn"), "{md}");
    // Why it matters: the rule documentation of `biasvask explain gendered-term`.
    assert!(md.contains("En kønnet titel fortæller læseren"), "{md}");
    assert_eq!(range(&h["range"]), ((1, 0), (1, 9)));
    // Not on a finding: no hover. Just after the word: none either.
    assert_eq!(c.ok("textDocument/hover", pos(1, 12)), Value::Null);
    assert_eq!(c.ok("textDocument/hover", pos(1, 9)), Value::Null);
    c.shutdown_and_exit().unwrap();
}

#[test]
fn ignore_in_document_republishes_without_the_word() {
    let mut c = Client::utf16();
    c.open(URI, "plaintext", AD);
    c.open("file:///andet.txt", "plaintext", "Formanden");
    let r = c.ok(
        "workspace/executeCommand",
        json!({ "command": "biasvask.ignoreInDocument", "arguments": [URI, "formanden", "word"] }),
    );
    assert_eq!(r, Value::Null);
    // Every inflection of the word is ignored in this document only.
    assert_eq!(rules(&c.diagnostics(URI)), ["masculine-coded"]);
    let r = c.request(
        "workspace/executeCommand",
        json!({ "command": "biasvask.ignoreInDocument", "arguments": [URI] }),
    );
    assert_eq!(r.unwrap_err().code, -32602);
    c.change("file:///andet.txt", 2, json!([{ "text": "Formanden\n" }]));
    assert_eq!(
        rules(&c.diagnostics("file:///andet.txt")),
        ["gendered-term"]
    );
    c.shutdown_and_exit().unwrap();
}

/// A temporary project directory with a `biasvask.toml`.
fn project(toml: &str) -> (tempfile::TempDir, String, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("biasvask.toml"), toml).unwrap();
    let root = format!("file://{}", dir.path().display());
    (dir, root.clone(), format!("{root}/annonce.md"))
}

#[test]
#[cfg(unix)]
fn project_config_and_editor_settings_are_merged() {
    let (_dir, root, uri) = project("[rules]\nmasculine-coded = \"off\"\n");
    let (mut c, _) = Client::init(
        json!({}),
        json!({ "rules": { "gendered-term": "error" } }),
        Some(&root),
    );
    let d = c.open(&uri, "markdown", "# Job\n\nFormanden skal være ambitiøs.\n");
    assert_eq!(rules(&d), ["gendered-term"]);
    assert_eq!(d["diagnostics"][0]["severity"], 1);
    assert_eq!(range(&d["diagnostics"][0]["range"]), ((2, 0), (2, 9)));
    // New settings replace the old ones: English, the coded rule back on as an error, and a
    // fail level of error, so the (warning) gendered term, which would not fail a check,
    // becomes a hint.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "biasvask": { "lang": "en", "failLevel": "error", "rules": { "masculine-coded": "error" } } } }),
    );
    let d = c.diagnostics(&uri);
    assert_eq!(rules(&d), ["gendered-term", "masculine-coded"]);
    assert!(
        d["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .contains("is a gendered term"),
        "{d}"
    );
    assert_eq!(d["diagnostics"][0]["severity"], 4);
    assert_eq!(d["diagnostics"][1]["severity"], 1);
    c.shutdown_and_exit().unwrap();
}

/// The code actions at the start of `uri`'s first line.
fn actions_at_start(c: &mut Client, uri: &str) -> Vec<Value> {
    c.ok(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } },
                "context": { "diagnostics": [] } }),
    )
    .as_array()
    .unwrap()
    .clone()
}

/// The action whose title contains `needle`.
fn action_titled(actions: &[Value], needle: &str) -> Value {
    actions
        .iter()
        .find(|a| a["title"].as_str().unwrap().contains(needle))
        .unwrap_or_else(|| panic!("no action with «{needle}» in {actions:#?}"))
        .clone()
}

fn run_command(c: &mut Client, action: &Value) -> Result<Value, ResponseError> {
    let cmd = &action["command"];
    c.request(
        "workspace/executeCommand",
        json!({ "command": cmd["command"], "arguments": cmd["arguments"] }),
    )
}

#[test]
#[cfg(unix)]
fn add_to_project_allow_list_writes_biasvask_toml() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, root, uri) = project("# vores regler\n[allow]\nwords = [\"fagmand\"]\n");
    let toml = dir.path().join("biasvask.toml");
    std::fs::set_permissions(&toml, std::fs::Permissions::from_mode(0o640)).unwrap();
    let (mut c, _) = Client::init(json!({}), Value::Null, Some(&root));
    c.open(&uri, "markdown", "Formanden skal være ambitiøs.");
    let action = action_titled(&actions_at_start(&mut c, &uri), "biasvask.toml");
    assert_eq!(
        action["title"],
        "Tilføj «formanden» til projektets tilladte ord (biasvask.toml)"
    );
    // The server writes the file itself: no edit for the client to leave unsaved.
    assert!(action["edit"].is_null(), "{action:#}");
    assert_eq!(run_command(&mut c, &action).unwrap(), Value::Null);
    // Written at once, comments and layout kept, permissions kept, no temporary file left.
    let new = std::fs::read_to_string(&toml).unwrap();
    assert_eq!(
        new,
        "# vores regler\n[allow]\nwords = [\"fagmand\", \"formanden\"]\n"
    );
    assert_eq!(
        std::fs::metadata(&toml).unwrap().permissions().mode() & 0o777,
        0o640
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    // Every open document is linted again without the word.
    assert_eq!(rules(&c.diagnostics(&uri)), ["masculine-coded"]);
    // A second time changes nothing.
    run_command(&mut c, &action).unwrap();
    assert_eq!(std::fs::read_to_string(&toml).unwrap(), new);
    assert_eq!(rules(&c.diagnostics(&uri)), ["masculine-coded"]);
    // The file is what applies from now on (a new session reads it; here, with one more
    // setting, after a save).
    std::fs::write(&toml, format!("{new}[rules]\nmasculine-coded = \"off\"\n")).unwrap();
    let toml_uri = format!("{root}/biasvask.toml");
    c.notify(
        "textDocument/didSave",
        json!({ "textDocument": { "uri": toml_uri } }),
    );
    c.change(
        &uri,
        2,
        json!([{ "text": "Formændene og bestyrelsesformanden er ambitiøse." }]),
    );
    // (The save may be published on its own first, for version 1.)
    let d = loop {
        let d = c.diagnostics(&uri);
        if d["version"] == 2 {
            break d;
        }
        assert_eq!(rules(&d), Vec::<&str>::new());
    };
    assert_eq!(rules(&d), ["gendered-term"]);
    assert_eq!(d["diagnostics"][0]["data"]["text"], "bestyrelsesformanden");
    c.shutdown_and_exit().unwrap();

    // A new session reads the written file: the word stays allowed.
    let (mut c, _) = Client::init(json!({}), Value::Null, Some(&root));
    let d = c.open(&uri, "markdown", "Formanden skal være ambitiøs.");
    assert_eq!(rules(&d), Vec::<&str>::new());
    c.shutdown_and_exit().unwrap();
}

#[test]
#[cfg(unix)]
fn add_to_allow_list_creates_biasvask_toml_at_the_workspace_root() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("opslag")).unwrap();
    let root = format!("file://{}", dir.path().display());
    let uri = format!("{root}/opslag/annonce.txt");
    let (mut c, _) = Client::init(json!({}), Value::Null, Some(&root));
    c.open(&uri, "plaintext", "Formanden skal være ambitiøs.");
    let action = action_titled(&actions_at_start(&mut c, &uri), "biasvask.toml");
    assert_eq!(
        action["command"]["arguments"][0],
        format!("{root}/biasvask.toml")
    );
    run_command(&mut c, &action).unwrap();
    assert_eq!(
        std::fs::read_to_string(dir.path().join("biasvask.toml")).unwrap(),
        "[allow]\nwords = [\"formanden\"]\n"
    );
    assert_eq!(rules(&c.diagnostics(&uri)), ["masculine-coded"]);
    // Without a workspace root there is no place to create it: no action.
    let (mut c2, _) = Client::init(json!({}), Value::Null, None);
    c2.open("file:///ingen/annonce.txt", "plaintext", "Formanden");
    let titles: Vec<String> = actions_at_start(&mut c2, "file:///ingen/annonce.txt")
        .iter()
        .map(|a| a["title"].as_str().unwrap().to_string())
        .collect();
    assert!(
        !titles.iter().any(|t| t.contains("biasvask.toml")),
        "{titles:?}"
    );
    c2.shutdown_and_exit().unwrap();
    c.shutdown_and_exit().unwrap();
}

#[test]
#[cfg(unix)]
fn a_config_open_with_unsaved_changes_gets_the_edit_not_a_write() {
    let (dir, root, uri) = project("[allow]\nwords = [\"fagmand\"]\n");
    let toml = dir.path().join("biasvask.toml");
    let toml_uri = format!("{root}/biasvask.toml");
    let (mut c, _) = Client::init(json!({}), Value::Null, Some(&root));
    c.open(&uri, "markdown", "Formanden skal være ambitiøs.");
    // The user is editing biasvask.toml and has not saved it.
    let buffer = "# ikke gemt\n[allow]\nwords = [\"fagmand\"]\n";
    c.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": toml_uri, "languageId": "toml", "version": 1, "text": buffer } }),
    );
    let action = action_titled(&actions_at_start(&mut c, &uri), "biasvask.toml");
    let edits = action["edit"]["changes"][&toml_uri].as_array().unwrap();
    assert_eq!(
        apply(buffer, edits),
        "# ikke gemt\n[allow]\nwords = [\"fagmand\", \"formanden\"]\n"
    );
    // The client applies the edit to its buffer, then runs the command: the file on disk is
    // the editor's to save, and the entry applies at once.
    c.change(&toml_uri, 2, json!([{ "text": apply(buffer, edits) }]));
    run_command(&mut c, &action).unwrap();
    // The server may have linted the ad after the toml's didOpen (before the change arrived):
    // only what it publishes after the command counts.
    c.drop_published();
    assert_eq!(
        std::fs::read_to_string(&toml).unwrap(),
        "[allow]\nwords = [\"fagmand\"]\n"
    );
    assert_eq!(rules(&c.diagnostics(&uri)), ["masculine-coded"]);
    c.shutdown_and_exit().unwrap();
}

#[test]
#[cfg(unix)]
fn entity_encoded_words_are_named_ignored_and_allowed_decoded() {
    let (dir, root, _) = project("lang = \"da\"\n");
    let uri = format!("{root}/annonce.html");
    let html = "<p>Vi søger en reng&oslash;ringsdame.</p>";
    let (mut c, _) = Client::init(json!({}), Value::Null, Some(&root));
    let d = c.open(&uri, "html", html);
    assert_eq!(rules(&d), ["gendered-term"]);
    // The span stays on the source (the entity included); the titles name the word as read.
    assert_eq!(d["diagnostics"][0]["data"]["text"], "reng&oslash;ringsdame");
    let actions = c.ok(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": { "start": { "line": 0, "character": 18 }, "end": { "line": 0, "character": 18 } },
                "context": { "diagnostics": [] } }),
    );
    let actions = actions.as_array().unwrap();
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert!(titles.iter().all(|t| !t.contains('&')), "{titles:?}");
    assert!(
        titles
            .iter()
            .any(|t| t.starts_with("Erstat «rengøringsdame» med")),
        "{titles:?}"
    );
    let hover = c.ok(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": 18 } }),
    );
    assert!(
        !hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("&oslash;"),
        "{hover}"
    );
    // "Ignore in this document" with the decoded word silences it.
    let ignore = action_titled(actions, "Ignorér «rengøringsdame» i dette dokument");
    run_command(&mut c, &ignore).unwrap();
    assert_eq!(rules(&c.diagnostics(&uri)), Vec::<&str>::new());
    // The allow-list gets the decoded word, and it holds in another document too.
    let allow = action_titled(actions, "Tilføj «rengøringsdame»");
    run_command(&mut c, &allow).unwrap();
    let toml = std::fs::read_to_string(dir.path().join("biasvask.toml")).unwrap();
    assert_eq!(
        toml,
        "lang = \"da\"\n\n[allow]\nwords = [\"rengøringsdame\"]\n"
    );
    let other = format!("{root}/andet.html");
    let d = c.open(
        &other,
        "html",
        "<p>Rengøringsdame og reng&#248;ringsdame</p>",
    );
    assert_eq!(rules(&d), Vec::<&str>::new(), "{d:#}");
    c.shutdown_and_exit().unwrap();
}

#[test]
#[cfg(unix)]
fn a_broken_project_config_is_reported_and_defaults_apply() {
    let (_dir, root, uri) = project("[rules]\nno-such-rule = \"off\"\n");
    let (mut c, _) = Client::init(json!({}), Value::Null, Some(&root));
    c.notify("textDocument/didOpen", json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": "Formanden" } }));
    let msg = c.notification("window/showMessage");
    assert_eq!(msg["type"], 1);
    assert!(
        msg["message"].as_str().unwrap().contains("biasvask.toml:2"),
        "{msg}"
    );
    assert_eq!(rules(&c.diagnostics(&uri)), ["gendered-term"]);
    c.shutdown_and_exit().unwrap();
}

#[test]
fn the_format_follows_the_language_id() {
    let mut c = Client::utf16();
    // The HTML reader decodes the entity; the span covers it in the source.
    let d = c.open("file:///a.html", "html", "<p>Reng&oslash;ringsdame</p>");
    assert_eq!(rules(&d), ["gendered-term"]);
    assert_eq!(range(&d["diagnostics"][0]["range"]), ((0, 3), (0, 24)));
    assert_eq!(d["diagnostics"][0]["data"]["text"], "Reng&oslash;ringsdame");
    // Read as text, the same source has no word to flag.
    let d = c.open("file:///a.txt", "plaintext", "<p>Reng&oslash;ringsdame</p>");
    assert!(rules(&d).is_empty(), "{d}");
    // The Markdown reader honours an ignore comment; as plain text the comment is just text.
    let md = "<!-- biasvask-ignore-next-line -->\nFormanden\n\nFormanden\n";
    let d = c.open("file:///b.md", "markdown", md);
    assert_eq!(d["diagnostics"].as_array().unwrap().len(), 1, "{d}");
    assert_eq!(range(&d["diagnostics"][0]["range"]), ((3, 0), (3, 9)));
    let d = c.open("file:///c.txt", "plaintext", md);
    assert_eq!(d["diagnostics"].as_array().unwrap().len(), 2);
    c.shutdown_and_exit().unwrap();
}

#[test]
fn bad_requests_get_errors_and_the_server_keeps_going() {
    let mut c = Client::start();
    // Before initialize.
    let r = c.request("textDocument/hover", json!({}));
    assert_eq!(r.unwrap_err().code, -32002);
    c.ok("initialize", json!({ "capabilities": {} }));
    let r = c.request("initialize", json!({ "capabilities": {} }));
    assert_eq!(r.unwrap_err().code, -32600);
    // Unknown method; unknown notification (ignored).
    let r = c.request("biasvask/noSuchThing", json!({}));
    assert_eq!(r.unwrap_err().code, -32601);
    c.notify("biasvask/noSuchNotification", json!({ "x": 1 }));
    c.notify("$/cancelRequest", json!({ "id": 99 }));
    // Unknown document; params of the wrong shape.
    let r = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": "file:///nope.txt" }, "position": { "line": 0, "character": 0 } }),
    );
    let e = r.unwrap_err();
    assert_eq!(e.code, -32602);
    assert!(e.message.contains("not open"), "{}", e.message);
    let r = c.request("textDocument/hover", json!({ "textDocument": 5 }));
    assert_eq!(r.unwrap_err().code, -32602);
    // A position past the end of the document.
    c.open(URI, "plaintext", "Formanden");
    let r = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": URI }, "position": { "line": 9, "character": 0 } }),
    );
    assert_eq!(r.unwrap_err().code, -32602);
    // Notifications with bad params are logged, not fatal.
    c.notify("textDocument/didOpen", json!({ "textDocument": "nope" }));
    assert_eq!(c.notification("window/logMessage")["type"], 1);
    c.change("file:///nope.txt", 2, json!([{ "text": "x" }]));
    assert!(c.notification("window/logMessage")["message"]
        .as_str()
        .unwrap()
        .contains("not open"));
    // After shutdown: requests are refused; exit ends cleanly.
    assert_eq!(c.ok("shutdown", Value::Null), Value::Null);
    let r = c.request("textDocument/hover", json!({}));
    assert_eq!(r.unwrap_err().code, -32600);
    c.notify("exit", Value::Null);
    c.server.take().unwrap().join().unwrap().unwrap();
}

#[test]
fn bad_editor_settings_are_shown_to_the_user_and_the_rest_applies() {
    let (mut c, _) = Client::init(
        json!({}),
        json!({ "lang": "fr", "rules": { "gendered-term": "loud" } }),
        None,
    );
    // A window message (which VS Code and Neovim show), not only a log line.
    let a = c.notification("window/showMessage");
    let b = c.notification("window/showMessage");
    let both = format!("{} | {}", a["message"], b["message"]);
    assert!(both.contains("biasvask settings: lang"), "{both}");
    assert!(both.contains("biasvask settings: rules"), "{both}");
    assert_eq!(a["type"], 2);
    c.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "biasvask": { "failLevel": 3, "lang": "en" } } }),
    );
    let m = c.notification("window/showMessage");
    assert!(m["message"].as_str().unwrap().contains("failLevel"), "{m}");
    let d = c.open(URI, "plaintext", "Vi søger en formand");
    assert!(
        d["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .contains("gendered"),
        "{d}"
    );
    c.shutdown_and_exit().unwrap();
}

#[test]
fn invalid_and_old_changes_leave_the_document_intact() {
    let mut c = Client::utf16();
    c.open(URI, "plaintext", "Vi søger en formand");
    // Line 5 does not exist.
    c.change(URI, 2, json!([{ "range": { "start": { "line": 5, "character": 0 }, "end": { "line": 5, "character": 1 } }, "text": "x" }]));
    let m = c.notification("window/showMessage");
    assert!(
        m["message"].as_str().unwrap().contains("invalid range"),
        "{m}"
    );
    // Inside the surrogate pair of an emoji (after a valid change added it).
    c.change(URI, 3, json!([{ "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } }, "text": "😀" }]));
    let d = c.diagnostics(URI);
    assert_eq!(d["version"], 3);
    assert_eq!(range(&d["diagnostics"][0]["range"]), ((0, 14), (0, 21)));
    c.change(URI, 4, json!([{ "range": { "start": { "line": 0, "character": 1 }, "end": { "line": 0, "character": 2 } }, "text": "x" }]));
    assert!(c.notification("window/showMessage")["message"]
        .as_str()
        .unwrap()
        .contains("inside a character"));
    // A reversed range, and an older version: ignored.
    c.change(URI, 5, json!([{ "range": { "start": { "line": 0, "character": 4 }, "end": { "line": 0, "character": 2 } }, "text": "x" }]));
    assert!(c.notification("window/showMessage")["message"]
        .as_str()
        .unwrap()
        .contains("before its start"));
    c.change(URI, 1, json!([{ "text": "Lederen" }]));
    assert!(c.notification("window/logMessage")["message"]
        .as_str()
        .unwrap()
        .contains("old change"));
    // The text is still version 3's: a valid edit at the end applies to it.
    c.change(URI, 6, json!([{ "range": { "start": { "line": 0, "character": 21 }, "end": { "line": 0, "character": 21 } }, "text": "en" }]));
    let d = c.diagnostics(URI);
    assert_eq!(d["version"], 6);
    assert_eq!(range(&d["diagnostics"][0]["range"]), ((0, 14), (0, 23)));
    assert_eq!(d["diagnostics"][0]["data"]["text"], "formanden");
    c.shutdown_and_exit().unwrap();
}

#[test]
fn a_huge_document_is_not_linted_and_says_so() {
    let mut c = Client::utf16();
    let line = "Vi søger en formand til vores lager i Aarhus.\n";
    let huge = line.repeat(lsp::MAX_LINT_BYTES / line.len() + 1);
    c.notify("textDocument/didOpen", json!({ "textDocument": { "uri": URI, "languageId": "plaintext", "version": 1, "text": huge } }));
    let m = c.notification("window/showMessage");
    assert!(m["message"].as_str().unwrap().contains("MB"), "{m}");
    assert!(rules(&c.diagnostics(URI)).is_empty());
    // Back under the limit: linted again.
    c.change(URI, 2, json!([{ "text": line }]));
    assert_eq!(rules(&c.diagnostics(URI)), ["gendered-term"]);
    c.shutdown_and_exit().unwrap();
}

#[test]
fn close_clears_diagnostics_and_exit_without_shutdown_is_an_error() {
    let mut c = Client::utf16();
    c.open(URI, "plaintext", "Formanden");
    c.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": URI } }),
    );
    let d = c.diagnostics(URI);
    assert!(rules(&d).is_empty());
    c.notify("exit", Value::Null);
    let r = c.server.take().unwrap().join().unwrap();
    assert!(matches!(r, Err(lsp::Error::ExitWithoutShutdown)), "{r:?}");
}

// ---- end to end: the built binary over stdio ----

fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{}", body.len(), body).into_bytes()
}

/// Read LSP frames from the child's stdout on a thread.
fn frames(stdout: impl Read + Send + 'static) -> mpsc::Receiver<Value> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut r = BufReader::new(stdout);
        loop {
            let mut len = None;
            loop {
                let mut line = String::new();
                if r.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                let line = line.trim();
                if line.is_empty() {
                    break;
                }
                if let Some(v) = line.strip_prefix("Content-Length:") {
                    len = v.trim().parse::<usize>().ok();
                }
            }
            let mut body = vec![0; len.expect("Content-Length")];
            if r.read_exact(&mut body).is_err() {
                return;
            }
            if tx
                .send(serde_json::from_slice(&body).expect("the server writes JSON"))
                .is_err()
            {
                return;
            }
        }
    });
    rx
}

#[test]
fn end_to_end_over_stdio_survives_malformed_input() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_biasvask"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut stdin = child.stdin.take().unwrap();
    let rx = frames(child.stdout.take().unwrap());
    let next = |want: &dyn Fn(&Value) -> bool| loop {
        let v = rx.recv_timeout(TIMEOUT).expect("a message in time");
        if want(&v) {
            return v;
        }
    };
    // Garbage first: bad JSON, a header without Content-Length, invalid UTF-8.
    stdin
        .write_all(&frame("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": "))
        .unwrap();
    stdin.write_all(b"Content-Type: nonsense\r\n\r\n").unwrap();
    stdin
        .write_all(b"Content-Length: 3\r\n\r\n\xff\xfe\xfd")
        .unwrap();
    stdin.flush().unwrap();
    let e = next(&|v| v.get("error").is_some());
    assert_eq!(e["error"]["code"], -32700);
    assert_eq!(e["id"], Value::Null);
    let e = next(&|v| v.get("error").is_some());
    assert!(
        e["error"]["message"].as_str().unwrap().contains("UTF-8"),
        "{e}"
    );

    let send = |stdin: &mut std::process::ChildStdin, v: Value| {
        stdin.write_all(&frame(&v.to_string())).unwrap();
        stdin.flush().unwrap();
    };
    send(
        &mut stdin,
        json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": { "capabilities": {} } }),
    );
    let init = next(&|v| v["id"] == 1);
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-16");
    send(
        &mut stdin,
        json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }),
    );
    send(
        &mut stdin,
        json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": { "textDocument": {
            "uri": "file:///annonce.txt", "languageId": "plaintext", "version": 1, "text": "Formanden skal være ambitiøs" } } }),
    );
    let d = next(&|v| v["method"] == "textDocument/publishDiagnostics");
    let list = d["params"]["diagnostics"].as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(range(&list[0]["range"]), ((0, 0), (0, 9)));
    assert_eq!(range(&list[1]["range"]), ((0, 20), (0, 28)));
    send(
        &mut stdin,
        json!({ "jsonrpc": "2.0", "id": 2, "method": "no/such", "params": {} }),
    );
    assert_eq!(next(&|v| v["id"] == 2)["error"]["code"], -32601);
    send(
        &mut stdin,
        json!({ "jsonrpc": "2.0", "id": 3, "method": "shutdown" }),
    );
    next(&|v| v["id"] == 3);
    send(&mut stdin, json!({ "jsonrpc": "2.0", "method": "exit" }));
    drop(stdin);
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(status.success(), "exit status {status:?}, stderr: {stderr}");
    assert!(stderr.contains("malformed"), "{stderr}");
}

#[test]
fn end_to_end_exit_without_shutdown_and_hang_up_exit_with_1() {
    for input in [frame(r#"{"jsonrpc":"2.0","method":"exit"}"#), Vec::new()] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_biasvask"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(&input).unwrap();
        drop(stdin);
        assert_eq!(child.wait().unwrap().code(), Some(1));
    }
}

#[test]
fn requirements_balance_sits_on_the_first_line_with_the_items_as_related_information() {
    let mut c = Client::utf16();
    let ad = "Lagerarbejder\n\nKrav\n- Du skal have truckcertifikat\n- Kørekort B\n- Du taler dansk\n- Du er mødestabil\n- Du kan løfte 25 kg\n- Ren straffeattest\n- Erfaring med SAP\n";
    let d = c.open(URI, "plaintext", ad);
    let list = d["diagnostics"].as_array().unwrap();
    let balance = list
        .iter()
        .find(|d| d["code"] == "requirements-balance")
        .expect("requirements-balance is published");
    // The heading line only, not the 8-line part; `data.text` is that line's text too (a
    // long list's text is not sent again with every keystroke).
    assert_eq!(range(&balance["range"]), ((2, 0), (2, 4)));
    assert_eq!(balance["data"]["text"], "Krav");
    let related = balance["relatedInformation"].as_array().unwrap();
    let items: Vec<(&str, u64)> = related
        .iter()
        .filter(|r| {
            let m = r["message"].as_str().unwrap();
            m.starts_with("must: ") || m.starts_with("nice: ")
        })
        .map(|r| {
            (
                r["message"].as_str().unwrap(),
                range(&r["location"]["range"]).0 .0,
            )
        })
        .collect();
    assert_eq!(items.len(), 7, "{items:?}");
    assert_eq!(items[0], ("must: Du skal have truckcertifikat", 3));
    assert_eq!(items[6], ("must: Erfaring med SAP", 9));
    c.shutdown_and_exit().unwrap();
}

#[test]
fn unsafe_fixes_are_offered_alone_and_never_preferred() {
    let mut c = Client::utf16();
    let published = c.open(URI, "plaintext", AD);
    let coded = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "masculine-coded")
        .expect("ambitiøs");
    assert_eq!(coded["data"]["applicability"], "unsafe");
    let actions = c.ok(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": URI }, "range": coded["range"], "context": { "diagnostics": [] } }),
    );
    let actions = actions.as_array().unwrap();
    let quick: Vec<&Value> = actions
        .iter()
        .filter(|a| {
            a["title"]
                .as_str()
                .unwrap()
                .starts_with("Erstat «ambitiøs»")
        })
        .collect();
    assert!(!quick.is_empty(), "{actions:?}");
    assert!(quick.iter().all(|a| a["isPreferred"] == false), "{quick:?}");
    c.shutdown_and_exit().unwrap();
}

#[test]
fn no_quick_fix_deletes_markup_inside_a_finding() {
    let mut c = Client::utf16();
    let uri = "file:///annonce.html";
    let text = "<p><b>Form</b>and og <a href=\"/x\">rengørings</a>dame søges.</p>";
    c.open(uri, "html", text);
    // «Form</b>and»: every suggestion would delete </b>: no quick fix, no fix-all edit.
    let (titles, _) = c_action_titles_and_edits(&mut c, uri, 7);
    assert!(
        !titles.iter().any(|t| t.starts_with("Erstat")),
        "{titles:?}"
    );
    // «rengørings</a>dame»: the change fits after </a>.
    let (titles, edits) = c_action_titles_and_edits(&mut c, uri, 40);
    assert!(titles.iter().any(|t| t.starts_with("Erstat")), "{titles:?}");
    for e in edits {
        let fixed = apply(text, &[e]);
        assert!(fixed.contains("</a>") && fixed.contains("</b>"), "{fixed}");
    }
    c.shutdown_and_exit().unwrap();
}

/// Titles of the code actions at `character` on line 0, and the edits of the quick fixes.
fn c_action_titles_and_edits(c: &mut Client, uri: &str, ch: u32) -> (Vec<String>, Vec<Value>) {
    let actions = c.ok(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": { "start": { "line": 0, "character": ch }, "end": { "line": 0, "character": ch } },
                "context": { "diagnostics": [] } }),
    );
    let mut titles = Vec::new();
    let mut edits = Vec::new();
    for a in actions.as_array().unwrap() {
        titles.push(a["title"].as_str().unwrap().to_string());
        if let Some(es) = a["edit"]["changes"][uri].as_array() {
            edits.extend(es.iter().cloned());
        }
    }
    (titles, edits)
}

/// A document with more findings than the limit: the findings are cut, and the user is told
/// (a window message), not left to guess.
#[test]
fn a_document_cut_at_the_findings_limit_is_told() {
    let mut c = Client::utf16();
    let text = "ambitiøs ".repeat(25_000);
    c.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": URI, "languageId": "plaintext", "version": 1, "text": text } }),
    );
    // The message comes before the diagnostics.
    let m = c.notification("window/showMessage");
    assert!(
        m["message"]
            .as_str()
            .unwrap()
            .contains("kun de første 10000 er med"),
        "{m}"
    );
    let d = c.diagnostics(URI);
    assert_eq!(
        d["diagnostics"].as_array().map(Vec::len),
        Some(biasvask::options::MAX_FINDINGS)
    );
    c.shutdown_and_exit().unwrap();
}
