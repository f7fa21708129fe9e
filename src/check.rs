//! `biasvask check`: read inputs (files, directories, stdin), lint them on every core, print
//! human / JSON / JSONL / SARIF, fix or diff, and exit 0 (clean), 1 (findings at or above the
//! fail level) or 2 (usage, config, I/O or input error: message on stderr, nothing half-written).

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};

use clap::{Args, ValueEnum};

use biasvask::config::Config;
use biasvask::render::{human, json};
use biasvask::{fix, Engine, Format, Lang, Options, Report, Severity};

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Filer eller mapper at tjekke; - læser standard input.
    #[arg(value_name = "PATH", default_value = "-")]
    paths: Vec<PathBuf>,
    /// Output-format.
    #[arg(long, value_enum, default_value_t = OutFormat::Human)]
    format: OutFormat,
    /// Laveste alvorlighed, der giver exit-kode 1 [standard: warning, eller fail_level i biasvask.toml].
    #[arg(long, value_parser = parse_severity)]
    fail_level: Option<Severity>,
    /// Sprog for meddelelser: da eller en.
    #[arg(long, value_parser = crate::parse_lang)]
    lang: Option<Lang>,
    /// Inputformat; auto vælger efter filendelse (.md, .html), ellers tekst.
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    input_format: InputFormat,
    /// Brug denne konfigurationsfil i stedet for at lede efter biasvask.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Brug ingen konfigurationsfil.
    #[arg(long)]
    no_config: bool,
    /// Ret filerne: anvend første forslag til hvert ord- og udtryksfund (skriver atomisk).
    #[arg(long, conflicts_with = "diff")]
    fix: bool,
    /// Vis rettelserne som unified diff uden at skrive.
    #[arg(long)]
    diff: bool,
    /// Navn på standard input i rapporten (og til valg af format).
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
    /// Største input i bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 256 * 1024 * 1024)]
    max_size: u64,
    /// Farver i menneskelæsbar output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutFormat {
    Human,
    Json,
    Jsonl,
    Sarif,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum InputFormat {
    Auto,
    Text,
    Markdown,
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

fn parse_severity(s: &str) -> Result<Severity, String> {
    s.parse()
}

/// One input to lint.
#[derive(Debug, Clone)]
enum Input {
    Stdin,
    File(PathBuf),
}

/// What happened to one input.
struct Outcome {
    name: String,
    /// Where the input came from: `--fix` writes back to a file, and to stdout for stdin.
    input: Input,
    result: Result<Linted, String>,
}

struct Linted {
    source: String,
    format: Format,
    report: Report,
    /// The fixed text, with --fix or --diff, when it differs.
    fixed: Option<(String, usize)>,
    notice: Option<String>,
}

fn msg(lang: Lang, da: String, en: String) -> String {
    if lang == Lang::En {
        en
    } else {
        da
    }
}

pub fn run(args: CheckArgs) -> ExitCode {
    // Configuration: --config, or biasvask.toml from the working directory upward.
    let config = if args.no_config {
        None
    } else if let Some(p) = &args.config {
        match Config::load(p) {
            Ok(c) => Some(c),
            Err(e) => return fail(&format!("biasvask: {e}")),
        }
    } else {
        match Config::discover(Path::new(".")) {
            Ok(c) => c.map(|(_, c)| c),
            Err(e) => return fail(&format!("biasvask: {e}")),
        }
    };
    let mut options = config.as_ref().map(Config::options).unwrap_or_default();
    if let Some(l) = args.lang {
        options.lang = l;
    }
    let lang = options.lang;
    let fail_level = args
        .fail_level
        .or(config.as_ref().map(Config::fail_level))
        .unwrap_or(Severity::Warning);
    let engine = match config.as_ref().map(Config::engine).transpose() {
        Ok(Some(Some(e))) => e,
        Ok(_) => match Engine::new() {
            Ok(e) => e,
            Err(e) => return fail(&format!("biasvask: {e}")),
        },
        Err(e) => return fail(&format!("biasvask: {e}")),
    };

    // Inputs: expand directories; a missing path is an error but the others are still linted.
    let mut inputs: Vec<(String, Input)> = Vec::new();
    let mut errors: Vec<String> = Vec::new();
    let mut stdin_seen = false;
    for p in &args.paths {
        if p.as_os_str() == "-" {
            if !stdin_seen {
                stdin_seen = true;
                let name = args
                    .stdin_filename
                    .clone()
                    .unwrap_or_else(|| "<stdin>".to_string());
                inputs.push((name, Input::Stdin));
            }
        } else if p.is_dir() {
            let mut found = 0;
            for entry in walkdir::WalkDir::new(p)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| !skip_dir(e))
            {
                match entry {
                    Ok(e) if e.file_type().is_file() && is_ad_file(e.path()) => {
                        found += 1;
                        inputs.push((
                            e.path().display().to_string(),
                            Input::File(e.path().to_path_buf()),
                        ));
                    }
                    Ok(_) => {}
                    Err(e) => errors.push(format!("biasvask: {e}")),
                }
            }
            if found == 0 {
                eprintln!(
                    "{}",
                    msg(
                        lang,
                        format!(
                            "biasvask: {}: ingen annoncer (.txt, .md, .html) i mappen",
                            p.display()
                        ),
                        format!(
                            "biasvask: {}: no ads (.txt, .md, .html) in the directory",
                            p.display()
                        )
                    )
                );
            }
        } else {
            inputs.push((p.display().to_string(), Input::File(p.clone())));
        }
    }
    // Lint on every core: workers take the next input from a shared counter.
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(inputs.len().max(1));
    let next = AtomicUsize::new(0);
    let mut outcomes: Vec<Option<Outcome>> = (0..inputs.len()).map(|_| None).collect();
    let want_fix = args.fix || args.diff;
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                s.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some((name, input)) = inputs.get(i) else {
                            break;
                        };
                        let result =
                            lint_one(&engine, &options, name, input, &args, want_fix, lang);
                        done.push((
                            i,
                            Outcome {
                                name: name.clone(),
                                input: input.clone(),
                                result,
                            },
                        ));
                    }
                    done
                })
            })
            .collect();
        for h in handles {
            if let Ok(done) = h.join() {
                for (i, o) in done {
                    outcomes[i] = Some(o);
                }
            }
        }
    });

    // Output, in input order.
    let mut stdout = std::io::stdout().lock();
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let style = human::Style {
        color,
        unicode: true,
        width: 100,
        lang,
    };
    let mut json_files = Vec::new();
    let mut sarif_runs: Vec<(String, String, Report)> = Vec::new();
    let mut worst: Option<Severity> = None;
    for o in outcomes.into_iter().flatten() {
        let linted = match o.result {
            Ok(l) => l,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        if let Some(n) = &linted.notice {
            eprintln!("{n}");
        }
        // --fix: write the fixed text (atomically), then report what is left.
        let mut report = linted.report;
        let mut source = linted.source;
        if let Some((fixed, n)) = linted.fixed {
            if args.diff {
                let diff = similar::TextDiff::from_lines(&source, &fixed);
                let _ = write!(
                    stdout,
                    "{}",
                    diff.unified_diff()
                        .context_radius(2)
                        .header(&o.name, &format!("{} (rettet)", o.name))
                );
            } else {
                // --fix on stdin prints the fixed text; on a file it writes the file back.
                let path = match &o.input {
                    Input::Stdin => {
                        let _ = write!(stdout, "{fixed}");
                        continue;
                    }
                    Input::File(p) => p,
                };
                match write_atomic(path, &fixed) {
                    Ok(()) => {
                        eprintln!(
                            "{}",
                            msg(
                                lang,
                                format!("biasvask: {}: {n} rettelser skrevet", o.name),
                                format!("biasvask: {}: {n} fixes written", o.name)
                            )
                        );
                        report = engine.lint(&fixed, linted.format, &options);
                        source = fixed;
                    }
                    Err(e) => {
                        errors.push(msg(
                            lang,
                            format!("biasvask: {}: kunne ikke skrive rettelserne: {e} (filen er uændret)", o.name),
                            format!("biasvask: {}: could not write the fixes: {e} (the file is unchanged)", o.name),
                        ));
                        continue;
                    }
                }
            }
        }
        worst = worst.max(
            report
                .diagnostics
                .iter()
                .map(|d| d.severity)
                .filter(|s| *s >= fail_level)
                .max(),
        );
        match args.format {
            OutFormat::Human => {
                if !args.diff {
                    let _ = write!(
                        stdout,
                        "{}",
                        human::render(&o.name, &source, &report, &style)
                    );
                }
            }
            OutFormat::Json => json_files.push(json::file(&o.name, &source, &report)),
            OutFormat::Jsonl => {
                for l in json::jsonl_lines(&o.name, &source, &report) {
                    let _ = writeln!(stdout, "{l}");
                }
            }
            OutFormat::Sarif => sarif_runs.push((o.name.clone(), source, report)),
        }
    }
    match args.format {
        OutFormat::Json => {
            let out = json::JsonOutput {
                version: json::VERSION,
                config: config.as_ref().map(|c| c.path.clone()),
                files: json_files,
            };
            match serde_json::to_string_pretty(&out) {
                Ok(s) => {
                    let _ = writeln!(stdout, "{s}");
                }
                Err(e) => errors.push(format!("biasvask: {e}")),
            }
        }
        OutFormat::Sarif => {
            let refs: Vec<(&str, &str, &Report)> = sarif_runs
                .iter()
                .map(|(n, s, r)| (n.as_str(), s.as_str(), r))
                .collect();
            let _ = writeln!(
                stdout,
                "{}",
                biasvask::render::sarif::to_string(&refs, lang)
            );
        }
        OutFormat::Human if !args.diff => {
            // One line: which project configuration was applied.
            if let Some(c) = &config {
                let path = human::escape(&c.path);
                let _ = writeln!(
                    stdout,
                    "{}",
                    msg(
                        lang,
                        format!("konfiguration: {path}"),
                        format!("configuration: {path}")
                    )
                );
            }
        }
        _ => {}
    }
    let _ = stdout.flush();
    for e in &errors {
        eprintln!("{e}");
    }
    if !errors.is_empty() {
        ExitCode::from(2)
    } else if worst.is_some() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("{message}");
    ExitCode::from(2)
}

fn skip_dir(e: &walkdir::DirEntry) -> bool {
    e.depth() > 0
        && e.file_type().is_dir()
        && e.file_name()
            .to_str()
            .is_some_and(|n| n.starts_with('.') || n == "target" || n == "node_modules")
}

fn is_ad_file(p: &Path) -> bool {
    matches!(
        p.extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref(),
        Some("txt" | "text" | "md" | "markdown" | "html" | "htm")
    )
}

fn lint_one(
    engine: &Engine,
    options: &Options,
    name: &str,
    input: &Input,
    args: &CheckArgs,
    want_fix: bool,
    lang: Lang,
) -> Result<Linted, String> {
    let bytes = read_input(name, input, args.max_size, lang)?;
    let source = decode(name, bytes, lang)?;
    let format = match args.input_format {
        InputFormat::Text => Format::Text,
        InputFormat::Markdown => Format::Markdown,
        InputFormat::Html => Format::Html,
        InputFormat::Auto => Format::from_path(Path::new(name)),
    };
    let notice = source.trim().is_empty().then(|| {
        msg(
            lang,
            format!("biasvask: {name}: filen er tom; intet at tjekke"),
            format!("biasvask: {name}: the file is empty; nothing to check"),
        )
    });
    let report = engine.lint(&source, format, options);
    let fixed = if want_fix {
        let (f, n) = fix::fix(engine, &source, format, options);
        (f != source).then_some((f, n))
    } else {
        None
    };
    Ok(Linted {
        source,
        format,
        report,
        fixed,
        notice,
    })
}

fn read_input(name: &str, input: &Input, max: u64, lang: Lang) -> Result<Vec<u8>, String> {
    let too_big = |n: u64| {
        msg(
            lang,
            format!("biasvask: {name}: input er {n} bytes; grænsen er {max} bytes (--max-size)"),
            format!("biasvask: {name}: input is {n} bytes; the limit is {max} bytes (--max-size)"),
        )
    };
    let io = |e: std::io::Error| {
        msg(
            lang,
            format!("biasvask: {name}: kan ikke læses: {e}"),
            format!("biasvask: {name}: cannot be read: {e}"),
        )
    };
    match input {
        Input::Stdin => {
            let mut buf = Vec::new();
            std::io::stdin()
                .lock()
                .take(max + 1)
                .read_to_end(&mut buf)
                .map_err(io)?;
            if buf.len() as u64 > max {
                return Err(too_big(buf.len() as u64));
            }
            Ok(buf)
        }
        Input::File(p) => {
            let meta = std::fs::metadata(p).map_err(io)?;
            if meta.is_dir() {
                return Err(msg(
                    lang,
                    format!("biasvask: {name}: er en mappe"),
                    format!("biasvask: {name}: is a directory"),
                ));
            }
            if meta.len() > max {
                return Err(too_big(meta.len()));
            }
            let mut buf = Vec::new();
            std::fs::File::open(p)
                .and_then(|f| f.take(max + 1).read_to_end(&mut buf))
                .map_err(io)?;
            if buf.len() as u64 > max {
                return Err(too_big(buf.len() as u64));
            }
            Ok(buf)
        }
    }
}

fn decode(name: &str, bytes: Vec<u8>, lang: Lang) -> Result<String, String> {
    if memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some() {
        return Err(msg(
            lang,
            format!("biasvask: {name}: ligner en binær fil (indeholder NUL-bytes); kun tekst, Markdown og HTML kan tjekkes"),
            format!("biasvask: {name}: looks like a binary file (contains NUL bytes); only text, Markdown and HTML can be checked"),
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let b = e.as_bytes();
        let line = b[..at].iter().filter(|&&c| c == b'\n').count() + 1;
        msg(
            lang,
            format!("biasvask: {name}: er ikke gyldig UTF-8 (byte {at}, linje {line}); gem filen som UTF-8 og prøv igen"),
            format!("biasvask: {name}: is not valid UTF-8 (byte {at}, line {line}); save the file as UTF-8 and try again"),
        )
    })
}

/// Write `contents` to `path` atomically: a temporary file in the same directory, the
/// original's permissions, then a rename. On any error the original is left untouched.
pub fn write_atomic(path: &Path, contents: &str) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let perms = std::fs::metadata(path)?.permissions();
    let mut tmp = tempfile::Builder::new()
        .prefix(".biasvask-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(contents.as_bytes())?;
    tmp.as_file().sync_all()?;
    std::fs::set_permissions(tmp.path(), perms)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
