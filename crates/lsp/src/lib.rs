//! `biasvask lsp`: the Language Server Protocol front end (crate `biasvask-lsp`; the CLI's cargo
//! feature `lsp`, on by default, runs it).
//!
//! A thin layer over the same [`Engine`](biasvask::Engine) the CLI uses: documents are linted on
//! open and change, and every [`Diagnostic`](biasvask::Diagnostic) is published with its byte span
//! converted to the position encoding agreed with the client (UTF-8 when the client offers
//! it, else UTF-16) by [`position`], the one place that converts.
//!
//! - Text sync: incremental, versioned; one thread handles messages in order; a batch of ranged
//!   changes is applied through a rope (`batch.rs`: O(log n) a change).
//! - Diagnostics: `code` = rule id, `source` = `biasvask`, the message, the evidence as related
//!   information, and `data` with the suggestions.
//! - Code actions: a quick fix per suggestion (the first preferred), "fix all" (as a quick fix
//!   and as the `source.fixAll.biasvask` source action), "ignore in this document", and "add to
//!   the project's allow-list": the server writes `biasvask.toml` itself (atomically, comments
//!   kept; created at the workspace root when the project has none) and lints again, so no
//!   unsaved buffer is left in the editor; only a `biasvask.toml` open with unsaved changes gets
//!   an edit of that buffer instead. Findings are named by their text as read (entities
//!   decoded: `reng&oslash;ringsdame` is «rengøringsdame» in titles and allow-lists).
//! - Hover: the message, the alternatives and why it matters.
//! - Settings: `initializationOptions` / `workspace/didChangeConfiguration`
//!   (`{ "lang", "failLevel", "rules" }`, see [`settings`]) over the project's `biasvask.toml`.
//!
//! In process, a [`Server`] handles [`lsp_server::Message`]s and sends [`Outgoing`] ones (a
//! `Message`, or `publishDiagnostics` written as JSON text once); [`run`] drives one over a
//! [`Connection`] (tests use `Connection::memory()`, whose client end reads `Message`s), and
//! [`run_stdio`] over stdin and stdout, with a transport that answers a malformed message with
//! an error and reads on.
//!
//! ```no_run
//! if let Err(e) = biasvask_lsp::run_stdio() {
//!     eprintln!("biasvask lsp: {e}");
//!     std::process::exit(e.exit_code());
//! }
//! ```

pub mod actions;
mod batch;
mod outgoing;
pub mod position;
mod server;
pub mod settings;
pub mod transport;
pub mod uri;

pub use lsp_server::Message;
pub use outgoing::{Connection, Outgoing};
pub use server::{Flow, Server, MAX_LINT_BYTES};

/// Why the server stopped other than by `shutdown` + `exit`.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("I/O error on the connection: {0}")]
    Io(#[from] std::io::Error),
    #[error("the client sent `exit` without `shutdown` first")]
    ExitWithoutShutdown,
    #[error("the client closed the connection without `shutdown` and `exit`")]
    Disconnected,
    #[error("cannot start: {0}")]
    Start(String),
}

impl Error {
    /// The process exit code: 1 for an exit the protocol calls unclean, 2 for an error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::ExitWithoutShutdown | Error::Disconnected => 1,
            Error::Io(_) | Error::Start(_) => 2,
        }
    }
}

/// Serve one client over `connection` until `exit` (or until the client hangs up).
///
/// Messages are handled in order; diagnostics are published once no message is waiting, so
/// a burst of changes is linted once.
pub fn run(connection: Connection) -> Result<(), Error> {
    let mut server = Server::new(connection.sender.clone()).map_err(Error::Start)?;
    loop {
        let Ok(msg) = connection.receiver.recv() else {
            return Err(Error::Disconnected);
        };
        let mut flow = server.handle(msg);
        while flow == Flow::Continue {
            match connection.receiver.try_recv() {
                Ok(msg) => flow = server.handle(msg),
                Err(_) => break,
            }
        }
        server.flush();
        if let Flow::Exit { clean } = flow {
            return if clean {
                Ok(())
            } else {
                Err(Error::ExitWithoutShutdown)
            };
        }
    }
}

/// Serve one client over stdin and stdout (`biasvask lsp`).
pub fn run_stdio() -> Result<(), Error> {
    let (connection, threads) = transport::stdio()?;
    let result = run(connection);
    if let Err(Error::Start(_)) = result {
        // The reader may still wait on stdin; the process ends anyway.
        return result;
    }
    threads.join()?;
    result
}
