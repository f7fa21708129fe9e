//! `biasvask serve`: the HTTP API for CMS pre-publish hooks and the web page for recruiters.
//!
//! A thin front end over the same [`Engine`] as the CLI and the LSP: the engine is built once
//! at start-up, shared behind an [`Arc`], and every `POST /v1/check` answers with exactly the
//! conventions' JSON file object ([`biasvask::render::json::file`]) plus `"pass"`.
//!
//! | endpoint | what |
//! |---|---|
//! | `POST /v1/check` | lint one ad: `{ "text", "path"?, "format"?, "lang"?, "fail_level"?, "rules"? }` |
//! | `GET /v1/rules` | every rule: id, scope, default severity, level in force, description |
//! | `GET /healthz` | `{ "status": "ok", "version" }` |
//! | `GET /openapi.json` | the OpenAPI 3.1 document of this API |
//! | `GET /` | the web page (one embedded HTML file, works offline) |
//!
//! Limits: a request body limit (413, sent after the rest of the body was read, up to a bound,
//! so that a client that writes its whole body before reading gets it), a per-request timeout
//! (503; the engine stops at the same instant), a limit on requests in flight (503 with
//! `Retry-After` beyond it), a header-read timeout that also ends idle keep-alive connections
//! (a client that sends half a request line is dropped after it), and a limit on open
//! connections (more wait in the listen backlog, so the process never runs out of file
//! descriptors). Every error is JSON: `{ "error": "...", "field": ... }`.
//! Request logging uses `tracing` (method, path, status, latency, bytes); the ad text is never logged.
//!
//! ```no_run
//! use biasvask_server::{self as serve, ServeConfig};
//!
//! let config = ServeConfig { addr: "127.0.0.1:8080".parse().unwrap(), ..ServeConfig::default() };
//! serve::run_blocking(config).expect("server ran");
//! ```

mod api;
mod cli;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

use biasvask::diagnostic::Severity;
use biasvask::engine::Engine;
use biasvask::options::Options;

pub use api::{rule_scope, CheckRequest};
pub use cli::ServeArgs;

/// The embedded web page, as a template: its registry element is empty.
pub const INDEX_HTML: &str = include_str!("index.html");

/// The element of [`INDEX_HTML`] that [`index_html`] fills with the core's rule and format
/// registries ([`biasvask::registry::catalog`]), so the page's categories, labels and file
/// extensions come from the one place that defines them.
pub const REGISTRY_ELEMENT: &str =
    r#"<script type="application/json" id="biasvask-registry">null</script>"#;

/// The web page served at `/`: [`INDEX_HTML`] with the registries filled in (built once).
pub fn index_html() -> &'static str {
    static PAGE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    PAGE.get_or_init(|| {
        let data = biasvask::registry::catalog(biasvask::Lang::Da)
            .to_string()
            .replace("</", "<\\/");
        INDEX_HTML.replace(
            REGISTRY_ELEMENT,
            &format!(r#"<script type="application/json" id="biasvask-registry">{data}</script>"#),
        )
    })
}

/// The OpenAPI 3.1 document served at `/openapi.json`.
pub const OPENAPI_JSON: &str = include_str!("openapi.json");

/// Default address: loopback only. Exposing the API is a deliberate choice (`--addr 0.0.0.0:8080`).
pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";

/// Default request body limit: 1 MiB.
pub const DEFAULT_BODY_LIMIT: usize = 1024 * 1024;

/// Server settings. Build with struct update syntax over [`ServeConfig::default`].
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// Where to listen (default `127.0.0.1:8080`).
    pub addr: SocketAddr,
    /// Largest request body accepted, in bytes (default 1 MiB); larger bodies get 413.
    pub body_limit: usize,
    /// Per-request timeout (default 10 s); a request that takes longer gets 503.
    pub timeout: Duration,
    /// Requests in flight at once (default 1024); beyond it requests get 503 at once.
    pub concurrency: usize,
    /// Ads at least this large (bytes) are linted on the blocking pool, so that a large ad
    /// neither stalls the other connections nor escapes the timeout (default 16 KiB).
    pub blocking_threshold: usize,
    /// Time a connection gets to send a request's headers, and that an idle keep-alive
    /// connection stays open (default 5 s).
    pub header_timeout: Duration,
    /// Open connections at most (default 512); more wait in the listen backlog.
    pub max_connections: usize,
    /// Project options (from `biasvask.toml`); request fields override them.
    pub options: Options,
    /// Project fail level (default warning); the request's `fail_level` overrides it.
    pub fail_level: Severity,
    /// A project engine (a config with extra lexicon entries); `None`: the built-in lexicons.
    pub engine: Option<Arc<Engine>>,
}

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            body_limit: DEFAULT_BODY_LIMIT,
            timeout: Duration::from_secs(10),
            concurrency: 1024,
            blocking_threshold: 16 * 1024,
            header_timeout: Duration::from_secs(5),
            max_connections: 512,
            options: Options::default(),
            fail_level: Severity::Warning,
            engine: None,
        }
    }
}

/// Why the server could not start or stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("could not build the lexicons: {0}")]
    Lexicon(#[from] biasvask::lexicon::LexiconError),
    #[error("could not listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("server error: {0}")]
    Io(#[from] std::io::Error),
}

/// What every handler shares: the engine (built once), the project options, the limits.
#[derive(Debug, Clone)]
pub struct AppState {
    pub(crate) engine: Arc<Engine>,
    pub(crate) options: Arc<Options>,
    pub(crate) fail_level: Severity,
    pub(crate) body_limit: usize,
    pub(crate) timeout: Duration,
    pub(crate) concurrency: usize,
    pub(crate) blocking_threshold: usize,
    /// Lint jobs running on the blocking pool; a job keeps its permit until it is done, even
    /// when its request timed out, so abandoned work can never pile up.
    pub(crate) blocking_jobs: Arc<Semaphore>,
}

impl AppState {
    /// Build the engine (unless the config brings one) and the shared state.
    pub fn new(config: &ServeConfig) -> Result<AppState, ServeError> {
        let engine = match &config.engine {
            Some(e) => Arc::clone(e),
            None => Arc::new(Engine::new()?),
        };
        let workers = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2);
        Ok(AppState {
            engine,
            options: Arc::new(config.options.clone()),
            fail_level: config.fail_level,
            body_limit: config.body_limit,
            timeout: config.timeout,
            concurrency: config.concurrency.max(1),
            blocking_threshold: config.blocking_threshold,
            blocking_jobs: Arc::new(Semaphore::new(workers.max(2))),
        })
    }
}

/// The router with every endpoint and middleware (limits, timeout, logging). Tests use it.
pub fn router(state: AppState) -> Router {
    api::router(state)
}

/// Serve on an already bound listener until `shutdown` completes, then finish the requests in
/// flight. Tests bind `127.0.0.1:0` and read the port from the listener.
pub async fn serve<F>(
    listener: TcpListener,
    config: ServeConfig,
    shutdown: F,
) -> Result<(), ServeError>
where
    F: Future<Output = ()> + Send + 'static,
{
    let state = AppState::new(&config)?;
    let app = router(state);
    let header_timeout = config.header_timeout.max(Duration::from_millis(1));
    let slots = Arc::new(Semaphore::new(config.max_connections.max(1)));
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let mut connections = tokio::task::JoinSet::new();
    tokio::pin!(shutdown);
    loop {
        // A free connection slot first: beyond the limit, new connections wait in the kernel's
        // listen backlog (slots free up as requests finish and idle connections time out).
        let permit = tokio::select! {
            p = Arc::clone(&slots).acquire_owned() => match p {
                Ok(p) => p,
                Err(_) => break,
            },
            _ = &mut shutdown => break,
        };
        let stream = tokio::select! {
            r = listener.accept() => match r {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // Out of file descriptors, a connection reset before it was accepted:
                    // wait a moment and go on; never stop serving.
                    tracing::warn!(target: "biasvask::serve", "accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        while connections.try_join_next().is_some() {}
        let _ = stream.set_nodelay(true);
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        let mut stop = stop_rx.clone();
        connections.spawn(async move {
            let _permit = permit;
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(header_timeout)
                .keep_alive(true);
            let conn = builder.serve_connection(hyper_util::rt::TokioIo::new(stream), service);
            tokio::pin!(conn);
            tokio::select! {
                _ = conn.as_mut() => {}
                _ = stop.changed() => {
                    // Finish the request in flight, then close.
                    conn.as_mut().graceful_shutdown();
                    let _ = conn.await;
                }
            }
        });
    }
    drop(listener);
    let _ = stop_tx.send(true);
    while connections.join_next().await.is_some() {}
    Ok(())
}

/// Bind `config.addr` and serve until `shutdown` completes.
pub async fn run<F>(config: ServeConfig, shutdown: F) -> Result<(), ServeError>
where
    F: Future<Output = ()> + Send + 'static,
{
    let addr = config.addr;
    let listener = TcpListener::bind(addr)
        .await
        .map_err(|source| ServeError::Bind { addr, source })?;
    let local = listener.local_addr().unwrap_or(addr);
    tracing::info!(target: "biasvask::serve", "listening on http://{local}");
    eprintln!("biasvask serve: lytter på http://{local} (Ctrl-C stopper)");
    serve(listener, config, shutdown).await
}

/// Start a multi-threaded runtime, install the log subscriber (`RUST_LOG`, default `info`, to
/// stderr) and serve until Ctrl-C or SIGTERM. What `biasvask serve` calls.
pub fn run_blocking(config: ServeConfig) -> Result<(), ServeError> {
    init_logging();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async { run(config, shutdown_signal()).await })
}

/// Log to stderr, filtered by `RUST_LOG` (default `info`). Does nothing if a subscriber is set.
pub fn init_logging() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(ansi)
        .with_writer(std::io::stderr)
        .try_init();
}

/// Completes on Ctrl-C or (on Unix) SIGTERM. The handlers are installed when this is called,
/// not when the future is first polled: the accept loop may not poll it before the first
/// connections are served, and a SIGTERM in that window would otherwise kill the process
/// instead of stopping it gracefully. Call it inside the runtime.
pub fn shutdown_signal() -> impl Future<Output = ()> + Send + 'static {
    #[cfg(unix)]
    let (term, int) = {
        use tokio::signal::unix::{signal, SignalKind};
        (
            signal(SignalKind::terminate()).ok(),
            signal(SignalKind::interrupt()).ok(),
        )
    };
    async move {
        #[cfg(unix)]
        {
            let wait = |s: Option<tokio::signal::unix::Signal>| async move {
                match s {
                    Some(mut s) => {
                        s.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            tokio::select! {
                _ = wait(term) => {},
                _ = wait(int) => {},
            }
        }
        #[cfg(not(unix))]
        {
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        }
        tracing::info!(target: "biasvask::serve", "shutting down: finishing requests in flight");
    }
}
