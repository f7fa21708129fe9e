//! `biasvask serve` arguments (clap), so the binary's `main` only adds one subcommand.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use super::{ServeConfig, DEFAULT_BODY_LIMIT};
use biasvask::config::{Config, ConfigError};
use biasvask_project::terminal::escape;

/// Start the HTTP API and the web page.
#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// Adresse at lytte på (kun loopback som standard).
    #[arg(long, default_value = super::DEFAULT_ADDR)]
    pub addr: std::net::SocketAddr,
    /// Største request-body i bytes (større giver 413).
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_BODY_LIMIT, value_parser = parse_body_limit)]
    pub body_limit: usize,
    /// Timeout pr. request i sekunder (længere giver 503).
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0, value_parser = parse_seconds)]
    pub timeout: f64,
    /// Højst så mange requests på én gang (flere giver 503 med Retry-After).
    #[arg(long, value_name = "N", default_value_t = 1024, value_parser = clap::value_parser!(u32).range(1..))]
    pub concurrency: u32,
    /// Projektets biasvask.toml (ellers findes den fra arbejdsmappen og opad).
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Brug ingen biasvask.toml.
    #[arg(long)]
    pub no_config: bool,
}

fn parse_body_limit(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!("`{s}` is not a number of bytes above 0")),
    }
}

fn parse_seconds(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 && v <= 86_400.0 => Ok(v),
        _ => Err(format!(
            "`{s}` is not a number of seconds between 0 and 86400"
        )),
    }
}

impl ServeConfig {
    /// Apply a project configuration: its options, fail level and (extra entries) engine.
    pub fn with_project(mut self, config: &Config) -> Result<ServeConfig, ConfigError> {
        self.options = config.options();
        self.fail_level = config.fail_level();
        self.engine = config.engine()?.map(Arc::new);
        Ok(self)
    }
}

impl ServeArgs {
    /// The server settings these arguments ask for, with the project configuration applied.
    pub fn config(&self) -> Result<ServeConfig, ConfigError> {
        let base = ServeConfig {
            addr: self.addr,
            body_limit: self.body_limit,
            timeout: Duration::from_secs_f64(self.timeout),
            concurrency: self.concurrency as usize,
            ..ServeConfig::default()
        };
        let project = if self.no_config {
            None
        } else if let Some(p) = &self.config {
            Some(biasvask_project::load(p)?)
        } else {
            biasvask_project::discover(Path::new("."))?.map(|(_, c)| c)
        };
        match project {
            Some(c) => {
                eprintln!("biasvask serve: bruger {}", escape(&c.path));
                base.with_project(&c)
            }
            None => Ok(base),
        }
    }

    /// Run the server until Ctrl-C or SIGTERM. Exit code 0, or 2 on a config or start-up error.
    pub fn run(&self) -> ExitCode {
        let config = match self.config() {
            Ok(c) => c,
            Err(e) => {
                eprintln!("biasvask serve: {}", escape(&e.to_string()));
                return ExitCode::from(2);
            }
        };
        match super::run_blocking(config) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("biasvask serve: {}", escape(&e.to_string()));
                ExitCode::from(2)
            }
        }
    }
}
