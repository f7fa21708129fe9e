//! The server state and its message handlers.
//!
//! One thread handles every message in order, so an older version of a document can never
//! overwrite a newer one. Linting is lazy: a change only marks the document; [`Server::flush`]
//! (called by the loop once no message is waiting) lints and publishes, so a burst of
//! keystrokes is linted once. A request that needs diagnostics lints first.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crossbeam_channel::Sender;
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeConfiguration, DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument,
    DidOpenTextDocument, DidSaveTextDocument, LogMessage, Notification as _, PublishDiagnostics,
    ShowMessage,
};
use lsp_types::request::{CodeActionRequest, ExecuteCommand, HoverRequest, Request as _};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, DidChangeConfigurationParams, DidChangeTextDocumentParams,
    DidChangeWatchedFilesParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DidSaveTextDocumentParams, ExecuteCommandOptions, ExecuteCommandParams, Hover, HoverContents,
    HoverParams, HoverProviderCapability, InitializeParams, InitializeResult, LogMessageParams,
    MarkupContent, MarkupKind, MessageType, PublishDiagnosticsParams, ServerCapabilities,
    ServerInfo, ShowMessageParams, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Uri,
};
use serde_json::Value;

use super::actions::{self, AllowKind};
use super::outgoing::Outgoing;
use super::position::{Encoding, LineIndex};
use super::settings::Settings;
use super::uri;
use biasvask::config::{Config, FILE_NAME};
use biasvask::diagnostic::{Diagnostic, Severity, Span};
use biasvask::document::{Document, Format};
use biasvask::engine::Engine;
use biasvask::incremental::LintCache;
use biasvask::options::{Lang, Options};

/// Documents larger than this (in bytes) are not linted: the server says so once and
/// publishes no diagnostics, so one pasted log file cannot stall every keystroke. Measured
/// (`cargo bench --bench lsp`, release): a lint runs at 1-3 MB/s today, so 1 MiB costs well under
/// a second; a job ad is a few kilobytes.
pub const MAX_LINT_BYTES: usize = 1 << 20;
/// At most this many findings get quick fixes in one code-action request.
pub const MAX_ACTION_FINDINGS: usize = 100;

/// What the loop does after a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Continue,
    /// `exit` arrived; `clean` when `shutdown` came first (exit code 0, else 1).
    Exit {
        clean: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Uninitialized,
    Running,
    ShuttingDown,
}

/// A project: the `biasvask.toml` that applies to a directory, if any.
#[derive(Debug, Default)]
struct Project {
    config_path: Option<PathBuf>,
    config: Option<Config>,
    /// The project's engine when its file adds lexicon entries.
    engine: Option<Arc<Engine>>,
}

/// An open document.
#[derive(Debug)]
struct Doc {
    text: String,
    version: i32,
    format: Format,
    index: LineIndex,
    /// The directory its project configuration is looked up from.
    dir: Option<PathBuf>,
    /// "Ignore in this document" entries.
    ignore_words: Vec<String>,
    ignore_phrases: Vec<String>,
    /// The diagnostics of the current text; `None` when it changed since the last lint.
    diagnostics: Option<Vec<Diagnostic>>,
    /// The requirement items counted in the current text (related information of the
    /// requirements-balance finding).
    requirements: Vec<biasvask::diagnostic::Requirement>,
    /// The version whose diagnostics the client has.
    published: Option<i32>,
    /// The "too large to lint" message was shown.
    too_large_noted: bool,
    /// The user was told that this document's findings are cut at the limit (told again
    /// only after a lint that was not cut).
    truncated_noted: bool,
    /// The work of the last lint that the next one can reuse (bounded by the document's size;
    /// dropped with the document).
    cache: LintCache,
    /// The JSON of the diagnostics last published, copied for the ones that did not change.
    written: actions::PublishCache,
}

/// The built-in engine, built once per process.
fn builtin_engine() -> Result<Arc<Engine>, String> {
    static ENGINE: OnceLock<Result<Arc<Engine>, String>> = OnceLock::new();
    ENGINE
        .get_or_init(|| Engine::new().map(Arc::new).map_err(|e| e.to_string()))
        .clone()
}

/// The LSP server. Feed it messages with [`Server::handle`]; it answers through the sender
/// it was made with.
#[derive(Debug)]
pub struct Server {
    out: Sender<Outgoing>,
    state: State,
    enc: Encoding,
    settings: Settings,
    roots: Vec<PathBuf>,
    engine: Arc<Engine>,
    docs: HashMap<Uri, Doc>,
    /// Per directory looked up: the project found for it.
    projects: HashMap<PathBuf, Arc<Project>>,
    /// Entries added with "add to the project's allow-list", per config file, applied at once
    /// (the file itself may not be saved yet).
    project_allow: HashMap<PathBuf, Vec<(AllowKind, String)>>,
}

impl Server {
    /// A server that sends its responses and notifications to `out`.
    pub fn new(out: Sender<Outgoing>) -> Result<Server, String> {
        Ok(Server {
            out,
            state: State::Uninitialized,
            enc: Encoding::Utf16,
            settings: Settings::default(),
            roots: Vec::new(),
            engine: builtin_engine()?,
            docs: HashMap::new(),
            projects: HashMap::new(),
            project_allow: HashMap::new(),
        })
    }

    /// The negotiated position encoding.
    pub fn encoding(&self) -> Encoding {
        self.enc
    }

    /// Handle one message.
    pub fn handle(&mut self, msg: Message) -> Flow {
        match msg {
            Message::Request(req) => {
                self.on_request(req);
                Flow::Continue
            }
            Message::Notification(n) if n.method == "exit" => Flow::Exit {
                clean: self.state == State::ShuttingDown,
            },
            Message::Notification(n) => {
                if self.state == State::Running {
                    self.on_notification(n);
                }
                Flow::Continue
            }
            // We send no requests, so a response is a client's mistake: nothing to do.
            Message::Response(_) => Flow::Continue,
        }
    }

    /// Lint what changed and publish diagnostics the client does not have yet.
    pub fn flush(&mut self) {
        let uris: Vec<Uri> = self
            .docs
            .iter()
            .filter(|(_, d)| d.diagnostics.is_none() || d.published != Some(d.version))
            .map(|(u, _)| u.clone())
            .collect();
        for uri in uris {
            self.publish(&uri);
        }
    }

    // ---- plumbing ----

    fn send(&self, msg: impl Into<Message>) {
        // The receiver is gone only when the connection is closing; nothing to tell anyone.
        let _ = self.out.send(Outgoing::Message(msg.into()));
    }

    fn respond(&self, id: RequestId, result: Result<Value, (ErrorCode, String)>) {
        let resp = match result {
            Ok(v) => Response::new_ok(id, v),
            Err((code, msg)) => Response::new_err(id, code as i32, msg),
        };
        self.send(resp);
    }

    fn notify<N: lsp_types::notification::Notification>(&self, params: N::Params) {
        self.send(Notification::new(N::METHOD.to_string(), params));
    }

    fn log(&self, typ: MessageType, message: impl Into<String>) {
        self.notify::<LogMessage>(LogMessageParams {
            typ,
            message: message.into(),
        });
    }

    fn show(&self, typ: MessageType, message: impl Into<String>) {
        let message = message.into();
        self.log(typ, message.clone());
        self.notify::<ShowMessage>(ShowMessageParams { typ, message });
    }

    // ---- requests ----

    fn on_request(&mut self, req: Request) {
        let id = req.id.clone();
        match self.state {
            State::Uninitialized if req.method != "initialize" => {
                return self.respond(
                    id,
                    Err((
                        ErrorCode::ServerNotInitialized,
                        "the server is not initialized".into(),
                    )),
                );
            }
            State::ShuttingDown => {
                return self.respond(
                    id,
                    Err((
                        ErrorCode::InvalidRequest,
                        "the server is shutting down".into(),
                    )),
                );
            }
            _ => {}
        }
        let result = match req.method.as_str() {
            "initialize" if self.state == State::Running => Err((
                ErrorCode::InvalidRequest,
                "the server is already initialized".into(),
            )),
            "initialize" => params(req.params).and_then(|p| self.initialize(p)),
            "shutdown" => {
                self.state = State::ShuttingDown;
                Ok(Value::Null)
            }
            HoverRequest::METHOD => params(req.params).and_then(|p| self.hover(p)),
            CodeActionRequest::METHOD => params(req.params).and_then(|p| self.code_action(p)),
            ExecuteCommand::METHOD => params(req.params).and_then(|p| self.execute_command(p)),
            other => Err((
                ErrorCode::MethodNotFound,
                format!("unknown method `{other}`"),
            )),
        };
        self.respond(id, result);
    }

    fn initialize(&mut self, p: InitializeParams) -> Result<Value, (ErrorCode, String)> {
        self.enc = Encoding::negotiate(
            p.capabilities
                .general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        if let Some(opts) = &p.initialization_options {
            self.set_settings(opts);
        }
        self.roots = p
            .workspace_folders
            .iter()
            .flatten()
            .filter_map(|f| uri::to_path(&f.uri))
            .collect();
        #[allow(deprecated)]
        if self.roots.is_empty() {
            let root = p
                .root_uri
                .as_ref()
                .and_then(uri::to_path)
                .or_else(|| p.root_path.as_ref().map(PathBuf::from));
            self.roots.extend(root);
        }
        self.state = State::Running;
        let fix_all = CodeActionKind::new(actions::FIX_ALL_KIND);
        let result = InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(self.enc.kind()),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                        ..Default::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            CodeActionKind::SOURCE_FIX_ALL,
                            fix_all,
                        ]),
                        resolve_provider: Some(false),
                        ..Default::default()
                    },
                )),
                execute_command_provider: Some(ExecuteCommandOptions {
                    commands: vec![
                        actions::CMD_IGNORE_IN_DOCUMENT.into(),
                        actions::CMD_ALLOW_IN_PROJECT.into(),
                    ],
                    ..Default::default()
                }),
                ..Default::default()
            },
            server_info: Some(ServerInfo {
                name: "biasvask".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        };
        serde_json::to_value(result).map_err(internal)
    }

    fn hover(&mut self, p: HoverParams) -> Result<Value, (ErrorCode, String)> {
        let uri = p.text_document_position_params.text_document.uri;
        let pos = p.text_document_position_params.position;
        self.ensure_linted(&uri)?;
        let lang = self.options(&uri).0.lang;
        let doc = self.doc(&uri)?;
        let off = doc
            .index
            .offset(&doc.text, pos, self.enc)
            .map_err(|e| (ErrorCode::InvalidParams, e.to_string()))?;
        let found: Vec<&Diagnostic> = doc
            .diagnostics
            .iter()
            .flatten()
            .filter(|d| !d.span.is_empty() && d.span.start <= off && off < d.span.end)
            .collect();
        let Some(first) = found.first() else {
            return Ok(Value::Null);
        };
        let span = found.iter().fold(first.span, |a, d| {
            Span::new(a.start.min(d.span.start), a.end.max(d.span.end))
        });
        let read = Document::parse(&doc.text, doc.format);
        let found: Vec<(&Diagnostic, &str)> = found
            .into_iter()
            .map(|d| (d, read.text_of(d.span)))
            .collect();
        let hover = Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: actions::hover_markdown(&found, lang),
            }),
            range: Some(doc.index.range(&doc.text, span, self.enc)),
        };
        serde_json::to_value(hover).map_err(internal)
    }

    fn code_action(&mut self, p: CodeActionParams) -> Result<Value, (ErrorCode, String)> {
        let uri = p.text_document.uri;
        self.ensure_linted(&uri)?;
        let (options, fail_level) = self.options(&uri);
        let lang = options.lang;
        let project = self.project_for(&uri);
        let enc = self.enc;
        let doc = self.doc(&uri)?;
        let range = doc
            .index
            .span(&doc.text, p.range, enc)
            .map_err(|e| (ErrorCode::InvalidParams, e.to_string()))?;
        let wanted = |kind: &CodeActionKind| match &p.context.only {
            None => true,
            Some(only) => only.iter().any(|o| {
                kind.as_str() == o.as_str()
                    || kind.as_str().starts_with(&format!("{}.", o.as_str()))
            }),
        };
        let diags = doc.diagnostics.as_deref().unwrap_or(&[]);
        // The findings in the requested range, at most MAX_ACTION_FINDINGS of them (a range
        // over a whole dense document would otherwise ask for thousands of actions, each with
        // its edits: gigabytes).
        let here: Vec<&Diagnostic> = diags
            .iter()
            .filter(|d| {
                !d.span.is_empty() && d.span.start <= range.end && range.start <= d.span.end
            })
            .take(MAX_ACTION_FINDINGS)
            .collect();
        let mut out: Vec<CodeActionOrCommand> = Vec::new();
        // Exact edits only: never one that deletes markup inside a finding.
        let fixer = biasvask::fix::Fixer::new(&doc.text, doc.format);
        if wanted(&CodeActionKind::QUICKFIX) {
            // The project's config file (where it would be created when there is none), its
            // text, and whether the action edits the editor's buffer (open with unsaved
            // changes) rather than the server writing the file.
            let config = project
                .config_path
                .clone()
                .or_else(|| self.new_config_path(doc.dir.as_deref()))
                .and_then(|path| {
                    let cfg_uri = uri::from_path(&path)?;
                    let on_disk = match std::fs::read_to_string(&path) {
                        Ok(t) => Some(t),
                        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                        Err(_) => return None,
                    };
                    match self.docs.get(&cfg_uri) {
                        Some(d) if on_disk.as_deref() != Some(d.text.as_str()) => {
                            Some((cfg_uri, d.text.clone(), true))
                        }
                        _ => Some((cfg_uri, on_disk.unwrap_or_default(), false)),
                    }
                });
            let read = Document::parse(&doc.text, doc.format);
            let mut allow_edits: Vec<(AllowKind, String)> = Vec::new();
            for d in &here {
                let lsp = actions::to_lsp(&uri, &doc.text, &doc.index, enc, d, fail_level);
                let was = read.text_of(d.span);
                out.extend(
                    actions::quick_fixes(
                        &uri, &doc.text, &doc.index, enc, &fixer, d, was, &lsp, lang,
                    )
                    .into_iter()
                    .map(CodeActionOrCommand::CodeAction),
                );
                let (kind, what) = actions::allow_text(was, d);
                if what.trim().is_empty() {
                    continue;
                }
                out.push(CodeActionOrCommand::CodeAction(
                    actions::ignore_in_document(&uri, kind, &what, &lsp, lang),
                ));
                // One allow-list edit per distinct word or phrase (each parses the config).
                if allow_edits.iter().any(|(k, w)| *k == kind && *w == what) {
                    continue;
                }
                allow_edits.push((kind, what.clone()));
                if let Some((cfg_uri, cfg_text, edit_buffer)) = &config {
                    match actions::allow_in_project(
                        cfg_uri,
                        cfg_text,
                        *edit_buffer,
                        enc,
                        kind,
                        &what,
                        &lsp,
                        lang,
                    ) {
                        Ok(a) => out.push(CodeActionOrCommand::CodeAction(a)),
                        Err(e) => self.log(
                            MessageType::WARNING,
                            format!("biasvask.toml cannot be edited: {e}"),
                        ),
                    }
                }
            }
            if here.iter().any(|d| !d.suggestions.is_empty()) {
                out.extend(
                    actions::fix_all(
                        &uri,
                        &doc.text,
                        &doc.index,
                        enc,
                        &fixer,
                        diags,
                        CodeActionKind::QUICKFIX,
                        lang,
                    )
                    .map(CodeActionOrCommand::CodeAction),
                );
            }
        }
        // Source actions only when asked for by kind (`only`), as editors do for "fix all on
        // save"; otherwise the quick-fix variant above is the one shown.
        let fix_all = CodeActionKind::new(actions::FIX_ALL_KIND);
        if p.context.only.is_some() && wanted(&fix_all) {
            out.extend(
                actions::fix_all(
                    &uri, &doc.text, &doc.index, enc, &fixer, diags, fix_all, lang,
                )
                .map(CodeActionOrCommand::CodeAction),
            );
        }
        serde_json::to_value(out).map_err(internal)
    }

    fn execute_command(&mut self, p: ExecuteCommandParams) -> Result<Value, (ErrorCode, String)> {
        let bad = |m: &str| (ErrorCode::InvalidParams, format!("{}: {m}", p.command));
        let args: Vec<&str> = p.arguments.iter().filter_map(Value::as_str).collect();
        let [target, what, kind] = args[..] else {
            return Err(bad(
                "expected three string arguments: uri, text, \"word\" or \"phrase\"",
            ));
        };
        let kind =
            AllowKind::parse(kind).ok_or_else(|| bad("the kind must be \"word\" or \"phrase\""))?;
        let target: Uri = target.parse().map_err(|_| bad("not a URI"))?;
        match p.command.as_str() {
            actions::CMD_IGNORE_IN_DOCUMENT => {
                let doc = self
                    .docs
                    .get_mut(&target)
                    .ok_or_else(|| unknown_doc(&target))?;
                match kind {
                    AllowKind::Word => doc.ignore_words.push(what.to_string()),
                    AllowKind::Phrase => doc.ignore_phrases.push(what.to_string()),
                }
                doc.diagnostics = None;
            }
            actions::CMD_ALLOW_IN_PROJECT => {
                let path = uri::to_path(&target).ok_or_else(|| bad("not a file URI"))?;
                if path.file_name().is_none_or(|n| n != FILE_NAME) {
                    return Err(bad("the target is not a biasvask.toml"));
                }
                let on_disk = match std::fs::read_to_string(&path) {
                    Ok(t) => Some(t),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                    Err(e) => return Err(self.cannot_write(&path, &e.to_string())),
                };
                let buffer = self.docs.get(&target).map(|d| d.text.as_str());
                if buffer.is_some() && buffer != on_disk.as_deref() {
                    // Open with unsaved changes: the action's edit went to that buffer, so the
                    // file is the editor's to save; the entry applies at once meanwhile.
                    self.project_allow
                        .entry(path.clone())
                        .or_default()
                        .push((kind, what.to_string()));
                } else {
                    let old = on_disk.unwrap_or_default();
                    let new = actions::add_to_allow_list(&old, kind, what)
                        .map_err(|e| self.cannot_write(&path, &e))?;
                    if new != old {
                        write_config(&path, &old, &new)
                            .map_err(|e| self.cannot_write(&path, &e))?;
                    }
                }
                self.reload_projects();
            }
            other => {
                return Err((
                    ErrorCode::InvalidParams,
                    format!("unknown command `{other}`"),
                ))
            }
        }
        Ok(Value::Null)
    }

    // ---- notifications ----

    fn on_notification(&mut self, n: Notification) {
        let method = n.method.clone();
        let result = match method.as_str() {
            DidOpenTextDocument::METHOD => notif_params(n).map(|p| self.did_open(p)),
            DidChangeTextDocument::METHOD => notif_params(n).map(|p| self.did_change(p)),
            DidCloseTextDocument::METHOD => notif_params(n).map(|p| self.did_close(p)),
            DidSaveTextDocument::METHOD => notif_params(n).map(|p: DidSaveTextDocumentParams| {
                if is_config(&p.text_document.uri) {
                    self.reload_projects();
                }
            }),
            DidChangeConfiguration::METHOD => {
                notif_params(n).map(|p: DidChangeConfigurationParams| {
                    if !p.settings.is_null() {
                        self.set_settings(&p.settings);
                    }
                    self.reload_projects();
                })
            }
            DidChangeWatchedFiles::METHOD => {
                notif_params(n).map(|p: DidChangeWatchedFilesParams| {
                    if p.changes.iter().any(|c| is_config(&c.uri)) {
                        self.reload_projects();
                    }
                })
            }
            // `initialized`, `$/cancelRequest`, `$/setTrace` and unknown notifications: nothing to do.
            _ => Ok(()),
        };
        if let Err(e) = result {
            self.log(
                MessageType::ERROR,
                format!("biasvask: ignored `{method}`: {e}"),
            );
        }
    }

    fn did_open(&mut self, p: DidOpenTextDocumentParams) {
        let item = p.text_document;
        let path = uri::to_path(&item.uri);
        let format = format_of(&item.language_id, path.as_deref());
        let dir = path
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .or_else(|| self.roots.first().cloned());
        let doc = Doc {
            index: LineIndex::new(&item.text),
            text: item.text,
            version: item.version,
            format,
            dir,
            ignore_words: Vec::new(),
            ignore_phrases: Vec::new(),
            diagnostics: None,
            requirements: Vec::new(),
            published: None,
            too_large_noted: false,
            truncated_noted: false,
            cache: LintCache::new(),
            written: actions::PublishCache::default(),
        };
        if is_config(&item.uri) {
            self.reload_projects();
        }
        self.docs.insert(item.uri, doc);
    }

    fn did_change(&mut self, p: DidChangeTextDocumentParams) {
        let uri = p.text_document.uri;
        let version = p.text_document.version;
        let enc = self.enc;
        let Some(doc) = self.docs.get_mut(&uri) else {
            return self.log(
                MessageType::WARNING,
                format!(
                    "biasvask: didChange for a document that is not open: {}",
                    uri.as_str()
                ),
            );
        };
        if version <= doc.version {
            let msg = format!(
                "biasvask: ignored an old change (version {version}, have {}) of {}",
                doc.version,
                uri.as_str()
            );
            return self.log(MessageType::WARNING, msg);
        }
        // Apply the whole batch to a copy: a bad range leaves the document as it was.
        let text = match crate::batch::apply(&doc.text, &doc.index, p.content_changes, enc) {
            Ok(text) => text,
            Err((i, e)) => {
                let msg = format!(
                    "biasvask: change {} of version {version} of {} has an invalid range ({e}); \
                     the change was ignored and the document may be out of sync: close and reopen it",
                    i + 1,
                    uri.as_str()
                );
                return self.show(MessageType::ERROR, msg);
            }
        };
        let index = LineIndex::new(&text);
        doc.text = text;
        doc.index = index;
        doc.version = version;
        doc.diagnostics = None;
        if is_config(&uri) {
            self.reload_projects();
        }
    }

    fn did_close(&mut self, p: DidCloseTextDocumentParams) {
        let uri = p.text_document.uri;
        if self.docs.remove(&uri).is_some() {
            self.notify::<PublishDiagnostics>(PublishDiagnosticsParams {
                uri,
                diagnostics: Vec::new(),
                version: None,
            });
        }
    }

    // ---- documents, projects, linting ----

    fn doc(&self, uri: &Uri) -> Result<&Doc, (ErrorCode, String)> {
        self.docs.get(uri).ok_or_else(|| unknown_doc(uri))
    }

    fn set_settings(&mut self, value: &Value) {
        let (settings, problems) = Settings::from_json(value);
        for p in problems {
            self.show(MessageType::WARNING, format!("biasvask settings: {p}"));
        }
        self.settings = settings;
    }

    /// Forget every project configuration read, so the next lint reads them again.
    fn reload_projects(&mut self) {
        self.projects.clear();
        for doc in self.docs.values_mut() {
            doc.diagnostics = None;
        }
    }

    /// Where "add to the project's allow-list" creates `biasvask.toml` for a document in `dir`
    /// when no project file applies: the workspace root that holds the document, or the
    /// repository inside it (the nearest directory with `.git`, where discovery stops).
    fn new_config_path(&self, dir: Option<&Path>) -> Option<PathBuf> {
        let dir = dir?;
        let root = self
            .roots
            .iter()
            .filter(|r| dir.starts_with(r))
            .max_by_key(|r| r.components().count())?;
        let home = dir
            .ancestors()
            .take_while(|d| d.starts_with(root))
            .find(|d| d.join(".git").exists())
            .unwrap_or(root);
        Some(home.join(FILE_NAME))
    }

    /// Say that `biasvask.toml` could not be written, and make it the command's error.
    fn cannot_write(&self, path: &Path, why: &str) -> (ErrorCode, String) {
        let msg = format!("biasvask: {} cannot be written: {why}", path.display());
        self.show(MessageType::ERROR, msg.clone());
        (ErrorCode::RequestFailed, msg)
    }

    /// The project of a document (read and cached per directory).
    fn project_for(&mut self, uri: &Uri) -> Arc<Project> {
        let Some(dir) = self.docs.get(uri).and_then(|d| d.dir.clone()) else {
            return Arc::new(Project::default());
        };
        if let Some(p) = self.projects.get(&dir) {
            return p.clone();
        }
        let project = match biasvask_project::discover(&dir) {
            Ok(None) => Project::default(),
            Ok(Some((path, config))) => match config.engine() {
                Ok(engine) => Project {
                    config_path: Some(path),
                    engine: engine.map(Arc::new),
                    config: Some(config),
                },
                Err(e) => {
                    self.show(MessageType::ERROR, format!("biasvask: {e}"));
                    Project {
                        config_path: Some(path),
                        engine: None,
                        config: Some(config),
                    }
                }
            },
            Err(e) => {
                self.show(
                    MessageType::ERROR,
                    format!("biasvask: {e} (using the default settings)"),
                );
                Project::default()
            }
        };
        let project = Arc::new(project);
        self.projects.insert(dir, project.clone());
        project
    }

    /// The options for a document (defaults < biasvask.toml < editor settings < document
    /// ignores) and the fail level in force.
    fn options(&mut self, uri: &Uri) -> (Options, Option<Severity>) {
        let project = self.project_for(uri);
        let mut o = project
            .config
            .as_ref()
            .map(Config::options)
            .unwrap_or_default();
        if let Some(extra) = project
            .config_path
            .as_ref()
            .and_then(|p| self.project_allow.get(p))
        {
            allow(&mut o, extra.iter().map(|(k, w)| (*k, w.as_str())));
        }
        self.settings.apply(&mut o);
        if let Some(doc) = self.docs.get(uri) {
            o.allow_words(&doc.ignore_words);
            o.allow_phrases(&doc.ignore_phrases);
        }
        let fail = self
            .settings
            .fail_level
            .or(project.config.as_ref().and_then(|c| c.fail_level));
        (o, fail)
    }

    /// Lint a document if its text changed since the last lint.
    fn ensure_linted(&mut self, uri: &Uri) -> Result<(), (ErrorCode, String)> {
        let doc = self.doc(uri)?;
        if doc.diagnostics.is_some() {
            return Ok(());
        }
        let too_large = doc.text.len() > MAX_LINT_BYTES;
        let (options, _) = self.options(uri);
        let engine = self
            .project_for(uri)
            .engine
            .clone()
            .unwrap_or_else(|| self.engine.clone());
        let mut note = None;
        let Some(doc) = self.docs.get_mut(uri) else {
            return Err(unknown_doc(uri));
        };
        let (diagnostics, requirements) = if too_large {
            if !doc.too_large_noted {
                doc.too_large_noted = true;
                note = Some(too_large_message(options.lang, doc.text.len(), uri));
            }
            doc.cache = LintCache::new();
            (Vec::new(), Vec::new())
        } else {
            doc.too_large_noted = false;
            // The same report as `engine.lint`, reusing what the text's edit left unchanged.
            let report = engine.lint_cached(&doc.text, doc.format, &options, &mut doc.cache);
            if !report.truncated {
                doc.truncated_noted = false;
            } else if !doc.truncated_noted {
                doc.truncated_noted = true;
                note = Some(truncated_message(
                    options.lang,
                    report.diagnostics.len(),
                    uri,
                ));
            }
            (report.diagnostics, report.requirements)
        };
        doc.diagnostics = Some(diagnostics);
        doc.requirements = requirements;
        if let Some(n) = note {
            self.show(MessageType::INFO, n);
        }
        Ok(())
    }

    /// Lint if needed and publish a document's diagnostics.
    fn publish(&mut self, uri: &Uri) {
        if self.ensure_linted(uri).is_err() {
            return;
        }
        let (_, fail_level) = self.options(uri);
        let enc = self.enc;
        let Some(doc) = self.docs.get_mut(uri) else {
            return;
        };
        // Written as JSON text in one pass (`Outgoing::Json`): a `Value` tree per diagnostic
        // cost twice the lint of a keystroke at 50 KB to build, and as much again for the
        // writer to serialize and free.
        let body = actions::publish_json(
            uri,
            doc.version,
            &doc.text,
            &doc.index,
            enc,
            doc.diagnostics.as_deref().unwrap_or(&[]),
            &doc.requirements,
            fail_level,
            &mut doc.written,
        );
        doc.published = Some(doc.version);
        let _ = self.out.send(Outgoing::Json(body));
    }
}

/// Replace `path` (whose text was `old`, or missing when `old` is empty) with `new` at once: a
/// temporary file in the same directory, with the old file's permissions, renamed over it, so
/// a reader never sees half a file. A symbolic link is followed, not replaced. Refuses when the
/// file changed since it was read.
fn write_config(path: &Path, old: &str, new: &str) -> Result<(), String> {
    use std::io::Write;
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let dir = target
        .parent()
        .ok_or_else(|| "it has no directory".to_string())?;
    let meta = std::fs::metadata(&target).ok();
    let mut tmp = tempfile::Builder::new()
        .prefix(".biasvask.toml.")
        .tempfile_in(dir)
        .map_err(|e| e.to_string())?;
    tmp.write_all(new.as_bytes()).map_err(|e| e.to_string())?;
    if let Some(meta) = &meta {
        tmp.as_file()
            .set_permissions(meta.permissions())
            .map_err(|e| e.to_string())?;
    } else {
        #[cfg(unix)]
        {
            // A new file gets the usual 0644 (less the umask is not readable from here), not
            // the temporary file's 0600.
            use std::os::unix::fs::PermissionsExt;
            tmp.as_file()
                .set_permissions(std::fs::Permissions::from_mode(0o644))
                .map_err(|e| e.to_string())?;
        }
    }
    tmp.as_file().sync_all().map_err(|e| e.to_string())?;
    let now = match std::fs::read_to_string(&target) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e.to_string()),
    };
    if now != old {
        return Err("it changed while it was being edited; try again".into());
    }
    tmp.persist(&target).map_err(|e| e.error.to_string())?;
    Ok(())
}

fn allow<'a>(o: &mut Options, entries: impl Iterator<Item = (AllowKind, &'a str)>) {
    for (kind, what) in entries {
        match kind {
            AllowKind::Word => o.allow_words([what]),
            AllowKind::Phrase => o.allow_phrases([what]),
        }
    }
}

fn too_large_message(lang: Lang, len: usize, uri: &Uri) -> String {
    let mb = |n: usize| format!("{:.1}", n as f64 / (1 << 20) as f64);
    match lang {
        Lang::Da => format!(
            "biasvask: {} er på {} MB; biasvask tjekker dokumenter op til {} MB og viser ingen fund for dette.",
            uri.as_str(),
            mb(len),
            mb(MAX_LINT_BYTES)
        ),
        Lang::En => format!(
            "biasvask: {} is {} MB; biasvask checks documents up to {} MB and shows no findings for this one.",
            uri.as_str(),
            mb(len),
            mb(MAX_LINT_BYTES)
        ),
    }
}

fn truncated_message(lang: Lang, shown: usize, uri: &Uri) -> String {
    match lang {
        Lang::Da => format!(
            "biasvask: {} har flere fund, end der kan vises; kun de første {shown} er med, og resten af dokumentet er måske ikke tjekket.",
            uri.as_str()
        ),
        Lang::En => format!(
            "biasvask: {} has more findings than can be shown; only the first {shown} are listed, and the rest of the document may not have been checked.",
            uri.as_str()
        ),
    }
}

/// The input format of a document: from its language id, else its file name.
fn format_of(language_id: &str, path: Option<&Path>) -> Format {
    Format::from_language_id(language_id)
        .or_else(|| language_id.parse().ok())
        .unwrap_or_else(|| path.map(Format::from_path).unwrap_or_default())
}

fn is_config(uri: &Uri) -> bool {
    uri::to_path(uri).is_some_and(|p| p.file_name().is_some_and(|n| n == FILE_NAME))
}

fn params<P: serde::de::DeserializeOwned>(v: Value) -> Result<P, (ErrorCode, String)> {
    serde_json::from_value(v)
        .map_err(|e| (ErrorCode::InvalidParams, format!("invalid params: {e}")))
}

fn notif_params<P: serde::de::DeserializeOwned>(n: Notification) -> Result<P, String> {
    serde_json::from_value(n.params).map_err(|e| format!("invalid params: {e}"))
}

fn unknown_doc(uri: &Uri) -> (ErrorCode, String) {
    (
        ErrorCode::InvalidParams,
        format!("document not open: {}", uri.as_str()),
    )
}

fn internal(e: serde_json::Error) -> (ErrorCode, String) {
    (ErrorCode::InternalError, e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_from_language_id_then_file_name() {
        assert_eq!(format_of("plaintext", None), Format::Text);
        assert_eq!(
            format_of("markdown", Some(Path::new("a.txt"))),
            Format::Markdown
        );
        assert_eq!(format_of("html", None), Format::Html);
        assert_eq!(
            format_of("htmldjango", Some(Path::new("a.html"))),
            Format::Html
        );
        assert_eq!(
            format_of("vimwiki", Some(Path::new("a.md"))),
            Format::Markdown
        );
        assert_eq!(format_of("gitcommit", None), Format::Text);
    }
}
