//! `biasvask check`: read inputs (files, directories, stdin), lint them on every core, print
//! human / JSON / JSONL / SARIF, fix or diff, and exit 0 (clean), 1 (findings at or above the
//! fail level) or 2 (usage, config, I/O or input error: message on stderr, nothing half-written).

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};

use clap::{Args, ValueEnum};

use biasvask::config::Config;
use biasvask::render::json;
use biasvask::{fix, Diagnostic, Engine, Format, Lang, Options, Report, Severity};
use biasvask_cli::{diff, human, sarif};

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
    /// Ret filerne: anvend første sikre forslag til hvert ord- og udtryksfund (skriver atomisk).
    #[arg(long, conflicts_with = "diff")]
    fix: bool,
    /// Med --fix eller --diff: anvend også usikre forslag (kodede ord, hvor betydningen kan skifte).
    #[arg(long)]
    unsafe_fixes: bool,
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
    result: Result<Linted, Failure>,
}

/// An input that could not be linted: the message, and with `--fix -` the input as it was read,
/// which goes to stdout unchanged (a filter such as `:%!biasvask check --fix -` never loses the
/// text).
struct Failure {
    message: String,
    /// The bytes read, to write back unchanged (`--fix -` only).
    text: Option<Vec<u8>>,
    /// Standard input was read only up to `--max-size`: the rest is copied through after `text`.
    rest_of_stdin: bool,
}

impl From<String> for Failure {
    fn from(message: String) -> Failure {
        Failure {
            message,
            text: None,
            rest_of_stdin: false,
        }
    }
}

struct Linted {
    source: String,
    /// The format the input was linted as.
    format: Format,
    report: Report,
    /// With --fix or --diff: the fixed text (the source when nothing changed), the report on it
    /// and what could not be fixed.
    fixed: Option<fix::Fixed>,
    notice: Option<String>,
    /// The file as read (for --fix: written only if it is still exactly this).
    read: Option<ReadStamp>,
    /// Without --fix and --diff: the file's JSON object (or JSONL lines), written by the
    /// worker that linted it, so that the output is made on every core.
    rendered: Option<Vec<u8>>,
}

/// What a file was when it was read: `--fix` writes only if it still is.
#[derive(Debug, Clone)]
struct ReadStamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
}

fn msg(lang: Lang, da: String, en: String) -> String {
    if lang == Lang::En {
        en
    } else {
        da
    }
}

pub fn run(args: CheckArgs) -> ExitCode {
    if args.unsafe_fixes && !(args.fix || args.diff || args.format == OutFormat::Sarif) {
        return fail(
            "biasvask: --unsafe-fixes virker kun sammen med --fix, --diff eller --format sarif",
        );
    }
    let scope = if args.unsafe_fixes {
        fix::Scope::Unsafe
    } else {
        fix::Scope::Safe
    };
    // Configuration: --config, or biasvask.toml from the working directory upward.
    let config = match biasvask_project::resolve(args.no_config, args.config.as_deref()) {
        Ok(c) => c,
        Err(e) => return fail(&format!("biasvask: {e}")),
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
    // A project's own lexicon is read now (its errors end the run before any output); the
    // built-in engine (some 10 ms: parsing the lexicons, building the automaton) is built on a
    // thread of its own while the inputs are found, read and parsed.
    let engine = match config.as_ref().map(Config::engine).transpose() {
        Ok(Some(Some(e))) => EngineSlot::ready(e),
        Ok(_) => EngineSlot::building(),
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
                    Err(e) => errors.push(walk_error(lang, p, &e)),
                }
            }
            if found == 0 {
                note(&msg(
                    lang,
                    format!(
                        "biasvask: {}: ingen annoncer (.txt, .md, .html) i mappen",
                        p.display()
                    ),
                    format!(
                        "biasvask: {}: no ads (.txt, .md, .html) in the directory",
                        p.display()
                    ),
                ));
            }
        } else {
            inputs.push((p.display().to_string(), Input::File(p.clone())));
        }
    }
    // Output, in input order. With --fix on standard input the fixed text owns stdout and
    // the report goes to stderr (in every format), so the two never mix.
    let fix_stdin = args.fix && inputs.iter().any(|(_, i)| matches!(i, Input::Stdin));
    let mut out = Out::new(fix_stdin, lang);
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            let tty = if fix_stdin {
                std::io::stderr().is_terminal()
            } else {
                std::io::stdout().is_terminal()
            };
            tty && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let style = human::Style {
        color,
        unicode: true,
        width: 100,
        lang,
    };
    // JSON: the document's head now, each file's object as soon as it is its turn, the tail
    // at the end (byte for byte what serializing the whole document would give, without
    // holding every file's results).
    let mut json_files = 0usize;
    if args.format == OutFormat::Json {
        let config_path = serde_json::to_string(&config.as_ref().map(|c| c.path.clone()))
            .unwrap_or_else(|_| "null".into());
        out.report(&format!(
            "{{\n  \"version\": {},\n  \"config\": {config_path},\n  \"files\": [",
            json::VERSION
        ));
    }
    let max_findings = options.max_findings;
    // (name, the file's path if it is one, source, format, report)
    let mut sarif_runs: Vec<(String, Option<PathBuf>, String, Format, Report)> = Vec::new();
    let mut worst: Option<Severity> = None;
    let mut emit = |o: Outcome| {
        let linted = match o.result {
            Ok(l) => l,
            Err(f) => {
                // --fix -: the text as it came, then (over --max-size) the rest of it.
                errors.push(f.message);
                if let Some(text) = &f.text {
                    out.text_bytes(text);
                    let copied = if f.rest_of_stdin {
                        out.copy_stdin()
                    } else {
                        None
                    };
                    errors.push(match copied {
                        None => msg(
                            lang,
                            format!("biasvask: {}: teksten er skrevet uændret til standard output", o.name),
                            format!("biasvask: {}: the text was written unchanged to standard output", o.name),
                        ),
                        Some(e) => msg(
                            lang,
                            format!("biasvask: {}: kan ikke læses til ende ({e}); det læste er skrevet uændret til standard output", o.name),
                            format!("biasvask: {}: cannot be read to the end ({e}); what was read was written unchanged to standard output", o.name),
                        ),
                    });
                }
                return;
            }
        };
        if let Some(n) = &linted.notice {
            note(n);
        }
        // --fix: write the fixed text (atomically), then report what is left.
        let mut report = linted.report;
        let mut source = linted.source;
        if let Some(fixed) = linted.fixed {
            for d in &fixed.unfixable {
                note(&unfixable_note(lang, &o.name, &fixed.text, d));
            }
            if fixed.left > 0 {
                note(&left_note(lang, &o.name, &fixed, max_findings, args.diff));
            }
            if args.diff {
                if fixed.text != source {
                    // GNU patch ends a name at a tab, else at a space: the annotation comes
                    // after a tab, and a name with a space gets one too (as git writes it),
                    // so `patch -p0` finds `a b.txt` (not `a`).
                    let name = human::escape(&o.name);
                    let old = if name.contains(' ') {
                        format!("{name}\t")
                    } else {
                        name.to_string()
                    };
                    let fixed_name = msg(
                        lang,
                        format!("{name}\t(rettet)"),
                        format!("{name}\t(fixed)"),
                    );
                    // From the fix's edits, in one pass (a general line diff was quadratic
                    // in the number of changed lines).
                    out.report(&diff::unified(
                        &source,
                        &fixed.text,
                        &fixed.edits,
                        2,
                        &old,
                        &fixed_name,
                    ));
                }
            } else {
                match &o.input {
                    // --fix on stdin: the fixed (or unchanged) text goes to stdout.
                    Input::Stdin => out.text(&fixed.text),
                    Input::File(p) if fixed.text != source => {
                        match write_fixed(p, &source, linted.read.as_ref(), &fixed.text, lang) {
                            Ok(()) => note(&msg(
                                lang,
                                format!(
                                    "biasvask: {}: {} rettelser skrevet",
                                    o.name, fixed.applied
                                ),
                                format!("biasvask: {}: {} fixes written", o.name, fixed.applied),
                            )),
                            Err(e) => {
                                errors.push(format!("biasvask: {}: {e}", o.name));
                                return;
                            }
                        }
                    }
                    Input::File(_) => {}
                }
                report = fixed.report;
                source = fixed.text;
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
        // A truncated report fails (`Report::passes`): what it could not list may be at any level.
        if report.truncated {
            worst = worst.max(Some(fail_level));
        }
        match args.format {
            OutFormat::Human => {
                if !args.diff {
                    out.report(&human::render(&o.name, &source, &report, &style));
                }
            }
            OutFormat::Json | OutFormat::Jsonl => {
                // A large file's JSON object is written as it is made, in pieces (`None`).
                let r = linted.rendered.or_else(|| {
                    (!streams(args.format, &source))
                        .then(|| render(args.format, &o.name, &source, &report))
                });
                if args.format == OutFormat::Json {
                    out.report(if json_files == 0 { "\n" } else { ",\n" });
                    json_files += 1;
                }
                match r {
                    Some(r) => out.report_bytes(&r),
                    None => json::write_file_pretty_pieces(
                        4,
                        &o.name,
                        &source,
                        &report,
                        STREAM_PIECE,
                        &mut |piece| out.report_piece(piece),
                    ),
                }
            }
            OutFormat::Sarif => {
                let file = match &o.input {
                    Input::File(p) => Some(p.clone()),
                    Input::Stdin => None,
                };
                sarif_runs.push((o.name.clone(), file, source, linted.format, report))
            }
        }
    };
    // Lint on every core: workers (this thread one of them) take the next input from a shared
    // counter; a worker that finishes a file puts its result with the others waiting and, while
    // the next in input order is there, writes it (a slow file holds back only the output after
    // it, never the linting; no writer thread is woken for each file).
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(inputs.len().max(1));
    let next = AtomicUsize::new(0);
    let want_fix = args.fix || args.diff;
    struct Turns<E> {
        waiting: std::collections::BTreeMap<usize, Outcome>,
        turn: usize,
        emit: E,
    }
    let turns = std::sync::Mutex::new(Turns {
        waiting: Default::default(),
        turn: 0,
        emit: &mut emit,
    });
    let work = || loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some((name, input)) = inputs.get(i) else {
            break;
        };
        let result = lint_one(&engine, &options, name, input, &args, want_fix, lang);
        let o = Outcome {
            name: name.clone(),
            input: input.clone(),
            result,
        };
        let mut g = turns.lock().unwrap_or_else(|e| e.into_inner());
        let t = &mut *g;
        t.waiting.insert(i, o);
        while let Some(o) = t.waiting.remove(&t.turn) {
            (t.emit)(o);
            t.turn += 1;
        }
    };
    std::thread::scope(|s| {
        for _ in 1..workers {
            s.spawn(work);
        }
        work();
    });
    drop(turns);
    match args.format {
        OutFormat::Json => {
            out.report(if json_files == 0 {
                "]\n}\n"
            } else {
                "\n  ]\n}\n"
            });
        }
        OutFormat::Sarif => {
            let artifacts: Vec<sarif::Artifact<'_>> = sarif_runs
                .iter()
                .map(|(path, file, source, format, report)| sarif::Artifact {
                    path,
                    file: file.as_deref(),
                    source,
                    format: *format,
                    report,
                })
                .collect();
            out.report(&sarif::to_string(&artifacts, lang, scope));
            out.report("\n");
        }
        OutFormat::Human if !args.diff => {
            // One line: which project configuration was applied.
            if let Some(c) = &config {
                let path = human::escape(&c.path);
                out.report(&msg(
                    lang,
                    format!("konfiguration: {path}\n"),
                    format!("configuration: {path}\n"),
                ));
            }
        }
        _ => {}
    }
    if let Some(e) = out.finish() {
        errors.push(e);
    }
    for e in &errors {
        note(e);
    }
    if !errors.is_empty() {
        ExitCode::from(2)
    } else if worst.is_some() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// A line on stderr. Everything in it is escaped for the terminal (a file name, a walked
/// directory's error, a finding's text may hold ESC, a line break or other control
/// characters). A failing stderr has nowhere left to report to: it never panics.
fn note(s: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{}", human::escape(s));
}

/// Where the output goes: the report on stdout (stderr with `--fix -`), the fixed text of
/// standard input on stdout. A write error is kept (exit 2); a closed pipe ends the output
/// quietly.
struct Out {
    report_to_stderr: bool,
    lang: Lang,
    closed: bool,
    error: Option<String>,
    /// Stdout in 64 KiB writes (a write and a flush per line cost more than the linting).
    buf: Vec<u8>,
}

const OUT_CHUNK: usize = 64 * 1024;

impl Out {
    fn new(report_to_stderr: bool, lang: Lang) -> Out {
        Out {
            report_to_stderr,
            lang,
            closed: false,
            error: None,
            buf: Vec::with_capacity(OUT_CHUNK),
        }
    }

    fn report(&mut self, s: &str) {
        if self.report_to_stderr {
            self.write(s, true);
        } else {
            self.write(s, false);
        }
    }

    fn text(&mut self, s: &str) {
        self.write(s, false);
    }

    fn text_bytes(&mut self, s: &[u8]) {
        self.write_bytes(s, false);
    }

    /// Copy the rest of standard input to stdout as it is, a piece at a time (memory stays
    /// bounded however long it is); stops at a write error or a closed pipe. The read error,
    /// if any.
    fn copy_stdin(&mut self) -> Option<std::io::Error> {
        let mut stdin = std::io::stdin().lock();
        let mut piece = vec![0u8; OUT_CHUNK];
        while !self.closed && self.error.is_none() {
            match stdin.read(&mut piece) {
                Ok(0) => break,
                Ok(n) => self.write_bytes(&piece[..n], false),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Some(e),
            }
        }
        None
    }

    fn report_bytes(&mut self, s: &[u8]) {
        self.write_bytes(s, self.report_to_stderr);
    }

    /// [`report_bytes`](Self::report_bytes); whether more is wanted (not after a write error
    /// or a closed pipe).
    fn report_piece(&mut self, s: &[u8]) -> bool {
        self.report_bytes(s);
        !self.closed && self.error.is_none()
    }

    fn write(&mut self, s: &str, stderr: bool) {
        self.write_bytes(s.as_bytes(), stderr);
    }

    fn write_bytes(&mut self, s: &[u8], stderr: bool) {
        if self.closed || self.error.is_some() {
            return;
        }
        if stderr {
            let r = std::io::stderr().lock().write_all(s);
            self.fail(r);
        } else if s.len() >= OUT_CHUNK {
            // A large piece (a big file's JSON) goes out as it is, after what is buffered.
            self.flush_stdout();
            if !self.closed && self.error.is_none() {
                let r = std::io::stdout().lock().write_all(s);
                self.fail(r);
            }
        } else {
            self.buf.extend_from_slice(s);
            if self.buf.len() >= OUT_CHUNK {
                self.flush_stdout();
            }
        }
    }

    fn flush_stdout(&mut self) {
        let mut o = std::io::stdout().lock();
        let r = o.write_all(&self.buf).and_then(|()| o.flush());
        self.buf.clear();
        self.fail(r);
    }

    fn fail(&mut self, r: std::io::Result<()>) {
        match r {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => self.closed = true,
            Err(e) => {
                self.error = Some(msg(
                    self.lang,
                    format!("biasvask: kunne ikke skrive output: {e}"),
                    format!("biasvask: could not write the output: {e}"),
                ))
            }
        }
    }

    /// Flush; the first write error, if any.
    fn finish(mut self) -> Option<String> {
        if !self.closed && self.error.is_none() {
            self.flush_stdout();
        }
        self.error
    }
}

/// From this size on, a file's JSON object is written in pieces as it is made
/// ([`json::write_file_pretty_pieces`]: for a 50 MB file about 100 MB of JSON never held whole,
/// its diagnostics written on two cores).
const STREAM_MIN_BYTES: usize = 1 << 20;

/// The pieces a streamed JSON object is written in.
const STREAM_PIECE: usize = 1 << 20;

/// Is a file's report written in pieces as it is made (JSON, from [`STREAM_MIN_BYTES`])?
fn streams(format: OutFormat, source: &str) -> bool {
    format == OutFormat::Json && source.len() >= STREAM_MIN_BYTES
}

/// A file's JSON object (indented for the `files` list) or its JSONL lines.
fn render(format: OutFormat, name: &str, source: &str, report: &Report) -> Vec<u8> {
    let mut out = Vec::new();
    match format {
        OutFormat::Jsonl => json::write_jsonl(&mut out, name, source, report),
        _ => json::write_file_pretty(&mut out, 4, name, source, report),
    }
    out
}

/// The stderr note for a finding `--fix` left alone because its fix would delete markup or
/// change locked text (a Markdown reference link's label, `Document::locked`).
fn unfixable_note(lang: Lang, name: &str, text: &str, d: &Diagnostic) -> String {
    let (line, col) = biasvask::render::LineIndex::new(text).line_col(text, d.span.start);
    let found = text.get(d.span.range()).unwrap_or("");
    msg(
        lang,
        format!(
            "biasvask: {name}:{line}:{col}: «{found}» er ikke rettet: rettelsen ville slette eller ændre opmærkning (opmærkning inde i fundet, eller teksten i et referencelink, som også er linkets navn); ret det i hånden"
        ),
        format!(
            "biasvask: {name}:{line}:{col}: «{found}» is not fixed: the fix would delete or change markup (markup inside the finding, or the text of a reference link, which is also its label); fix it by hand"
        ),
    )
}

/// The message for what stopped a directory walk at one path (a directory that cannot be
/// read, an entry whose metadata cannot be had), like a file that cannot be read: the path
/// first, in the user's language (walkdir's own says "IO error for operation on ...").
fn walk_error(lang: Lang, root: &Path, e: &walkdir::Error) -> String {
    let path = e.path().unwrap_or(root).display();
    let why = match e.io_error() {
        Some(io) => io.to_string(),
        None => e.to_string(),
    };
    msg(
        lang,
        format!("biasvask: {path}: kan ikke læses: {why}"),
        format!("biasvask: {path}: cannot be read: {why}"),
    )
}

/// The stderr note for the findings `--fix` (or `--diff`) left because one run fixes at most
/// [`fix::ROUNDS`] rounds of `max` findings a file ([`fix::Fixed::left`]).
fn left_note(lang: Lang, name: &str, fixed: &fix::Fixed, max: usize, diff: bool) -> String {
    let (n, rounds) = (fixed.left, fix::ROUNDS);
    let (at_least, at_least_en) = if fixed.report.truncated {
        ("mindst ", "at least ")
    } else {
        ("", "")
    };
    let limit = format!("{rounds} runder af højst {max} rettelser");
    let limit_en = format!("{rounds} rounds of at most {max} fixes");
    if diff {
        msg(
            lang,
            format!("biasvask: {name}: {at_least}{n} fund med en rettelse er ikke med i diffen: én kørsel laver højst {limit} i en fil; anvend diffen, og kør igen for at se resten"),
            format!("biasvask: {name}: {at_least_en}{n} findings with a fix are not in the diff: one run makes at most {limit_en} in a file; apply the diff and run again to see the rest"),
        )
    } else {
        msg(
            lang,
            format!("biasvask: {name}: {at_least}{n} fund med en rettelse er ikke rettet: én kørsel laver højst {limit} i en fil; kør --fix igen for at rette resten"),
            format!("biasvask: {name}: {at_least_en}{n} findings with a fix were not fixed: one run makes at most {limit_en} in a file; run --fix again to fix the rest"),
        )
    }
}

fn fail(message: &str) -> ExitCode {
    note(message);
    ExitCode::from(2)
}

fn skip_dir(e: &walkdir::DirEntry) -> bool {
    e.depth() > 0
        && e.file_type().is_dir()
        && e.file_name()
            .to_str()
            .is_some_and(|n| n.starts_with('.') || n == "target" || n == "node_modules")
}

/// A file with a registered input extension (`biasvask::FORMATS`: the same list that picks
/// the format of a named file).
fn is_ad_file(p: &Path) -> bool {
    Format::is_ad_path(p)
}

/// The engine, ready or being built on its own thread: the first lint to need it waits for it
/// (the others wait for that one).
struct EngineSlot {
    cell: std::sync::OnceLock<Result<Engine, String>>,
    pending: std::sync::Mutex<Option<std::thread::JoinHandle<Result<Engine, String>>>>,
}

impl EngineSlot {
    fn ready(e: Engine) -> EngineSlot {
        EngineSlot {
            cell: std::sync::OnceLock::from(Ok(e)),
            pending: std::sync::Mutex::new(None),
        }
    }

    /// The built-in engine, started now.
    fn building() -> EngineSlot {
        EngineSlot {
            cell: std::sync::OnceLock::new(),
            // Without a thread (none to be had), the first lint builds it.
            pending: std::sync::Mutex::new(std::thread::Builder::new().spawn(builtin).ok()),
        }
    }

    /// The engine, once built; `Err`: the built-in lexicons did not load (a broken build:
    /// each input reports it).
    fn get(&self) -> Result<&Engine, String> {
        self.cell
            .get_or_init(|| {
                let handle = self
                    .pending
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .take();
                match handle {
                    Some(h) => h
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                    None => builtin(),
                }
            })
            .as_ref()
            .map_err(Clone::clone)
    }
}

/// The engine of the built-in lexicons, or what stopped it loading.
fn builtin() -> Result<Engine, String> {
    Engine::new().map_err(|e| format!("biasvask: {e}"))
}

fn lint_one(
    engine: &EngineSlot,
    options: &Options,
    name: &str,
    input: &Input,
    args: &CheckArgs,
    want_fix: bool,
    lang: Lang,
) -> Result<Linted, Failure> {
    // --fix -: the input is written back unchanged if it cannot be linted.
    let echo = args.fix && matches!(input, Input::Stdin);
    let (bytes, read) = read_input(name, input, args.max_size, args.fix, echo, lang)?;
    let source = decode(name, bytes, lang).map_err(|(message, bytes)| Failure {
        message,
        text: echo.then_some(bytes),
        rest_of_stdin: false,
    })?;
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
    // Parsed while the engine may still be being built.
    let doc = biasvask::Document::parse(&source, format);
    let engine = match engine.get() {
        Ok(e) => e,
        Err(message) => {
            return Err(Failure {
                message,
                text: echo.then(|| source.into_bytes()),
                rest_of_stdin: false,
            })
        }
    };
    let report = engine.lint_document(&doc, options);
    drop(doc);
    let fixed = want_fix.then(|| {
        let scope = if args.unsafe_fixes {
            fix::Scope::Unsafe
        } else {
            fix::Scope::Safe
        };
        fix::fix(engine, &source, format, options, scope)
    });
    // The JSON of a file is made here, beside the other workers, unless it is large: then it is
    // written in pieces when its turn comes (never held whole).
    let rendered = (fixed.is_none()
        && matches!(args.format, OutFormat::Json | OutFormat::Jsonl)
        && !streams(args.format, &source))
    .then(|| render(args.format, name, &source, &report));
    Ok(Linted {
        source,
        format,
        report,
        fixed,
        notice,
        read,
        rendered,
    })
}

fn read_input(
    name: &str,
    input: &Input,
    max: u64,
    // Whether the file may be written (--fix): then its stamp is taken after reading.
    want_stamp: bool,
    // Standard input only: an error keeps what was read (to be written back unchanged).
    echo: bool,
    lang: Lang,
) -> Result<(Vec<u8>, Option<ReadStamp>), Failure> {
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
            // Read up to one byte past the limit; the rest stays unread (with --fix it is
            // copied through to stdout after what was read).
            let mut buf = Vec::new();
            let read = std::io::stdin().lock().take(max + 1).read_to_end(&mut buf);
            let (message, over) = match read {
                Err(e) => (io(e), false),
                // Its length is not known: only that it is over.
                Ok(_) if buf.len() as u64 > max => (
                    msg(
                        lang,
                        format!(
                            "biasvask: {name}: input er over grænsen på {max} bytes (--max-size)"
                        ),
                        format!(
                            "biasvask: {name}: input is over the limit of {max} bytes (--max-size)"
                        ),
                    ),
                    true,
                ),
                Ok(_) => return Ok((buf, None)),
            };
            Err(Failure {
                message,
                text: echo.then_some(buf),
                rest_of_stdin: echo && over,
            })
        }
        Input::File(p) => {
            // Opened first and asked about through its descriptor: one look-up of the path (on
            // Unix a directory opens for reading too, and is refused below; directories are
            // walked before this, so one gets here only if the path changed meanwhile).
            let f = std::fs::File::open(p).map_err(io)?;
            let meta = f.metadata().map_err(io)?;
            if meta.is_dir() {
                return Err(msg(
                    lang,
                    format!("biasvask: {name}: er en mappe"),
                    format!("biasvask: {name}: is a directory"),
                )
                .into());
            }
            if meta.len() > max {
                return Err(too_big(meta.len()).into());
            }
            // Sized for the file (one allocation instead of a doubling, copy and page faults at
            // each step: about 75 -> 30 ms for 50 MB); a file that grew meanwhile still reads whole.
            let mut buf = Vec::with_capacity(usize::try_from(meta.len()).map_or(0, |n| n + 1));
            (&f).take(max + 1).read_to_end(&mut buf).map_err(io)?;
            if buf.len() as u64 > max {
                return Err(too_big(buf.len() as u64).into());
            }
            if !want_stamp {
                return Ok((buf, None));
            }
            // The stamp after reading: a change after this is caught before --fix writes.
            let meta = f.metadata().map_err(io)?;
            let stamp = ReadStamp {
                len: meta.len(),
                modified: meta.modified().ok(),
            };
            Ok((buf, Some(stamp)))
        }
    }
}

/// The input as text; else the message, and the bytes back.
fn decode(name: &str, bytes: Vec<u8>, lang: Lang) -> Result<String, (String, Vec<u8>)> {
    if memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some() {
        let message = msg(
            lang,
            format!("biasvask: {name}: ligner en binær fil (indeholder NUL-bytes); kun tekst, Markdown og HTML kan tjekkes"),
            format!("biasvask: {name}: looks like a binary file (contains NUL bytes); only text, Markdown and HTML can be checked"),
        );
        return Err((message, bytes));
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let b = e.as_bytes();
        let line = b[..at].iter().filter(|&&c| c == b'\n').count() + 1;
        let message = msg(
            lang,
            format!("biasvask: {name}: er ikke gyldig UTF-8 (byte {at}, linje {line}); gem filen som UTF-8 og prøv igen"),
            format!("biasvask: {name}: is not valid UTF-8 (byte {at}, line {line}); save the file as UTF-8 and try again"),
        );
        (message, e.into_bytes())
    })
}

/// Write the fixed text over the file `path` that was read as `original`, atomically: a
/// temporary file next to the real file (through symlinks: the link stays, its target is
/// fixed), with the original's owner, group, mode and extended attributes (POSIX ACLs and
/// every other xattr), renamed over it. The file is left alone (with a message saying why)
/// when it is read-only, has more than one hard link (a new file would split them), changed
/// since it was read, or its owner or an extended attribute cannot be kept.
fn write_fixed(
    path: &Path,
    original: &str,
    stamp: Option<&ReadStamp>,
    contents: &str,
    lang: Lang,
) -> Result<(), String> {
    let io = |e: std::io::Error| {
        msg(
            lang,
            format!("kunne ikke skrive rettelserne: {e} (filen er uændret)"),
            format!("could not write the fixes: {e} (the file is unchanged)"),
        )
    };
    let target = std::fs::canonicalize(path).map_err(io)?;
    let meta = std::fs::metadata(&target).map_err(io)?;
    // A named pipe, a device or a socket given by name is read like a file, but there is no
    // file to put the fixed text in (and reading it again, to see whether it changed, would
    // wait for a writer that never comes).
    if !meta.is_file() {
        return Err(msg(
            lang,
            "er ikke en almindelig fil (en navngiven pipe eller en enhed) og er ikke rettet; brug --fix - for at rette standard input, eller se rettelserne med --diff".to_string(),
            "is not a regular file (a named pipe or a device) and was not fixed; use --fix - to fix standard input, or see the fixes with --diff".to_string(),
        ));
    }
    if meta.permissions().readonly() {
        return Err(msg(
            lang,
            "filen er skrivebeskyttet og er ikke rettet (giv skriveadgang, eller se rettelserne med --diff)".to_string(),
            "the file is read-only and was not fixed (make it writable, or see the fixes with --diff)".to_string(),
        ));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() > 1 {
            return Err(msg(
                lang,
                format!("filen har {} hårde links og er ikke rettet: en ny fil ville skille dem ad, og at skrive oveni kan efterlade en halv fil (se rettelserne med --diff)", meta.nlink()),
                format!("the file has {} hard links and was not fixed: a new file would split them, and writing in place can leave half a file (see the fixes with --diff)", meta.nlink()),
            ));
        }
    }
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".biasvask-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io)?;
    tmp.write_all(contents.as_bytes()).map_err(io)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let t = tmp.as_file().metadata().map_err(io)?;
        if (t.uid(), t.gid()) != (meta.uid(), meta.gid()) {
            std::os::unix::fs::fchown(tmp.as_file(), Some(meta.uid()), Some(meta.gid())).map_err(
                |e| {
                    msg(
                        lang,
                        format!("filens ejer og gruppe kan ikke bevares ({e}); filen er ikke rettet"),
                        format!("the file's owner and group cannot be kept ({e}); the file was not fixed"),
                    )
                },
            )?;
        }
    }
    tmp.as_file()
        .set_permissions(meta.permissions())
        .map_err(io)?;
    // After the mode: an access ACL sets the mode's group bits (to its mask, as on the original).
    #[cfg(unix)]
    copy_xattrs(&target, tmp.as_file()).map_err(|(name, e)| match name {
        Some(name) => {
            let name = name.to_string_lossy();
            msg(
                lang,
                format!("filens udvidede attribut {name} (ACL eller xattr) kan ikke bevares ({e}); filen er ikke rettet"),
                format!("the file's extended attribute {name} (ACL or xattr) cannot be kept ({e}); the file was not fixed"),
            )
        }
        None => msg(
            lang,
            format!("filens udvidede attributter (ACL'er, xattr) kan ikke læses ({e}); filen er ikke rettet"),
            format!("the file's extended attributes (ACLs, xattrs) cannot be read ({e}); the file was not fixed"),
        ),
    })?;
    tmp.as_file().sync_all().map_err(io)?;
    test_write_gate();
    // Right before the rename: is the file still what was read?
    let now = std::fs::metadata(&target).map_err(io)?;
    let same = std::fs::read(&target).map_err(io)? == original.as_bytes()
        && stamp.is_none_or(|s| s.len == now.len() && s.modified == now.modified().ok());
    if !same {
        return Err(msg(
            lang,
            "filen er ændret, siden den blev læst, og er ikke rettet (kør biasvask igen)"
                .to_string(),
            "the file changed after it was read and was not fixed (run biasvask again)".to_string(),
        ));
    }
    tmp.persist(&target).map_err(|e| io(e.error))?;
    Ok(())
}

/// Give `tmp` exactly the extended attributes of the file `original`: POSIX ACLs
/// (`system.posix_acl_access`) and every other one its reader may see (`user.*`, `security.*`;
/// `trusted.*` for root). Those it lacks are set, those the original has not (an ACL inherited
/// from the directory's default ACL) removed, and one it already has with the same value (a
/// label the system gives every new file) left as it is. `Err`: the attribute that could not
/// be kept (`None`: they could not be listed) and why.
#[cfg(unix)]
fn copy_xattrs(
    original: &Path,
    tmp: &std::fs::File,
) -> Result<(), (Option<std::ffi::OsString>, std::io::Error)> {
    use std::ffi::OsString;
    use xattr::FileExt;
    // A filesystem without extended attributes has none to keep.
    let listed = |l: std::io::Result<xattr::XAttrs>| match l {
        Ok(names) => Ok(names.collect::<Vec<OsString>>()),
        Err(e) if e.kind() == std::io::ErrorKind::Unsupported => Ok(Vec::new()),
        Err(e) => Err((None, e)),
    };
    let mut want: Vec<(OsString, Vec<u8>)> = Vec::new();
    for name in listed(xattr::list(original))? {
        match xattr::get(original, &name) {
            Ok(Some(value)) => want.push((name, value)),
            // Removed since it was listed.
            Ok(None) => {}
            Err(e) => return Err((Some(name), e)),
        }
    }
    let wanted: std::collections::HashSet<&OsString> = want.iter().map(|(n, _)| n).collect();
    for name in listed(tmp.list_xattr())? {
        if !wanted.contains(&name) {
            tmp.remove_xattr(&name)
                .map_err(|e| (Some(name.clone()), e))?;
        }
    }
    for (name, value) in &want {
        if tmp.get_xattr(name).ok().flatten().as_ref() != Some(value) {
            tmp.set_xattr(name, value)
                .map_err(|e| (Some(name.clone()), e))?;
        }
    }
    Ok(())
}

/// Tests only (debug builds): with `BIASVASK_TEST_WRITE_GATE=PATH`, say `PATH.ready` and wait
/// (at most 10 s) for `PATH.go` before checking the file and renaming, so a test can change
/// the file in between.
fn test_write_gate() {
    #[cfg(debug_assertions)]
    if let Some(gate) = std::env::var_os("BIASVASK_TEST_WRITE_GATE") {
        let gate = PathBuf::from(gate);
        let _ = std::fs::write(gate.with_extension("ready"), b"");
        let go = gate.with_extension("go");
        for _ in 0..1000 {
            if go.exists() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    }
}
