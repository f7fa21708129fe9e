//! The `biasvask` command: `check`, `rules`, `explain` (and the `lsp` and `serve` front ends).
//! Thin: argument parsing, file I/O and output; all linting is the library's.

#![forbid(unsafe_code)]

mod check;
mod stats;

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use biasvask::{explain, Lang, Rule};

/// mimalloc instead of the system allocator: a lint allocates many small, short-lived buffers,
/// and glibc's malloc and free were about 13 % of the server's CPU time per request
/// (docs/performance.md, 2026-12-03).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser, Debug)]
#[command(
    name = "biasvask",
    version,
    about = "Finder kønnet sprog i danske stillingsopslag og foreslår neutrale formuleringer.",
    long_about = "biasvask finder kønnet sprog i danske stillingsopslag (titler, udtryk, pronominer, \
                  køns- og alderspræferencer, kodede ord, kravlister) og foreslår neutrale \
                  formuleringer. Alt sker lokalt; intet sendes nogen steder hen."
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand, Debug)]
enum Cmd {
    /// Tjek annoncer: filer, mapper (rekursivt) eller - for standard input.
    Check(check::CheckArgs),
    /// Samlet rapport over mange annoncer: HTML, CSV og JSON i en mappe.
    Stats(stats::StatsArgs),
    /// List reglerne.
    Rules {
        #[arg(long, value_enum, default_value_t = RulesFormat::Human)]
        format: RulesFormat,
        #[arg(long, value_parser = parse_lang, default_value = "da")]
        lang: Lang,
    },
    /// Sprogserver (LSP) over stdio til editorer: fund, hurtige rettelser, forklaringer.
    #[cfg(feature = "lsp")]
    Lsp {
        /// Brug stdio (standard; accepteres for editorer, der altid sender flaget).
        #[arg(long)]
        stdio: bool,
    },
    /// Forklar en regel: hvad, hvorfor, eksempler, hvordan man retter.
    Explain {
        /// Regel-id, fx gendered-term.
        rule: String,
        #[arg(long, value_parser = parse_lang, default_value = "da")]
        lang: Lang,
    },
    /// Start HTTP-API'et og websiden (POST /v1/check, GET /v1/rules, GET /).
    #[cfg(feature = "serve")]
    Serve(biasvask_server::ServeArgs),
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum RulesFormat {
    Human,
    Json,
}

pub(crate) fn parse_lang(s: &str) -> Result<Lang, String> {
    s.parse()
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.cmd {
        #[cfg(feature = "lsp")]
        Cmd::Lsp { stdio: _ } => match biasvask_lsp::run_stdio() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                let _ = writeln!(
                    std::io::stderr(),
                    "biasvask lsp: {}",
                    biasvask_cli::human::escape(&e.to_string())
                );
                ExitCode::from(e.exit_code() as u8)
            }
        },
        Cmd::Check(args) => check::run(args),
        Cmd::Stats(args) => stats::run(args),
        #[cfg(feature = "serve")]
        Cmd::Serve(args) => args.run(),
        Cmd::Rules { format, lang } => rules(format, lang),
        Cmd::Explain { rule, lang } => match rule.parse::<Rule>() {
            Ok(r) => print(&format!("{}\n", explain::doc(r, lang))),
            Err(_) => {
                let ids: Vec<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
                let _ = writeln!(
                    std::io::stderr(),
                    "biasvask: ukendt regel «{}». Reglerne er: {}",
                    biasvask_cli::human::escape(&rule),
                    ids.join(", ")
                );
                ExitCode::from(2)
            }
        },
    }
}

fn rules(format: RulesFormat, lang: Lang) -> ExitCode {
    let mut out = String::new();
    match format {
        RulesFormat::Human => {
            for r in Rule::ALL {
                out.push_str(&format!(
                    "{:<28} {:<8} {}\n",
                    r.id(),
                    r.default_severity().as_str(),
                    explain::summary(r, lang)
                ));
            }
        }
        RulesFormat::Json => {
            let v: Vec<serde_json::Value> = Rule::ALL
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id(),
                        "default_severity": r.default_severity().as_str(),
                        "scope": if r.is_ad_level() { "ad" } else { "text" },
                        "title": explain::title(*r, lang),
                        "summary": explain::summary(*r, lang),
                    })
                })
                .collect();
            out = serde_json::to_string_pretty(&v).unwrap_or_default();
            out.push('\n');
        }
    }
    print(&out)
}

/// Print to stdout: a write error is a message and exit 2 (a closed pipe ends quietly).
fn print(s: &str) -> ExitCode {
    let mut o = std::io::stdout().lock();
    match o.write_all(s.as_bytes()).and_then(|()| o.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "biasvask: kunne ikke skrive output: {e}");
            ExitCode::from(2)
        }
    }
}
