//! `biasvask._biasvask`: the Python binding. Thin: every answer is the core's
//! (`render::json::file` for `lint`, `biasvask_stats`'s row for `rows`), turned into Python
//! objects; the work runs without the GIL, on every core for the `*_many` calls.

use std::sync::OnceLock;

use biasvask::config::Config;
use biasvask::render::json;
use biasvask::{explain, Engine, Format, Lang, Options, Rule};
use biasvask_stats::agg::Row;
use biasvask_stats::csv_out::{self, Cell};
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

create_exception!(
    _biasvask,
    BiasvaskError,
    PyValueError,
    "An error biasvask reports: a bad configuration, format, language, rule or record (the CLI's message)."
);

fn err(m: impl Into<String>) -> PyErr {
    BiasvaskError::new_err(m.into())
}

/// The built-in engine, built once per process.
fn default_engine() -> PyResult<&'static Engine> {
    static ENGINE: OnceLock<Result<Engine, String>> = OnceLock::new();
    ENGINE
        .get_or_init(|| Engine::new().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| err(format!("biasvask: {e}")))
}

/// What one call lints with: the engine (the built-in one, or one with the config's own
/// entries), the options and the format.
struct Setup {
    own: Option<Engine>,
    options: Options,
    format: Format,
}

impl Setup {
    fn engine(&self) -> PyResult<&Engine> {
        match &self.own {
            Some(e) => Ok(e),
            None => default_engine(),
        }
    }
}

fn parse_lang(s: &str) -> PyResult<Lang> {
    s.parse::<Lang>().map_err(|e| err(format!("biasvask: {e}")))
}

/// `config`: `None`, the text of a `biasvask.toml`, or a path (`os.PathLike`) to one.
fn setup(format: &str, config: Option<&Bound<'_, PyAny>>, lang: Option<&str>) -> PyResult<Setup> {
    let format = Format::from_name(format).ok_or_else(|| {
        let names: Vec<&str> = biasvask::FORMATS.iter().map(|f| f.name).collect();
        err(format!("biasvask: ukendt format «{format}» ({})", names.join(", ")))
    })?;
    let config = match config {
        None => None,
        Some(c) if c.is_none() => None,
        Some(c) => {
            let (name, src) = if c.is_instance_of::<PyString>() {
                ("biasvask.toml".to_string(), c.extract::<String>()?)
            } else {
                let os = c.py().import("os")?;
                let p: String = os.call_method1("fspath", (c,))?.extract()?;
                let src = std::fs::read_to_string(&p)
                    .map_err(|e| err(format!("biasvask: {p}: kan ikke læses: {e}")))?;
                (p, src)
            };
            Some(Config::parse(&name, &src).map_err(|e| err(format!("biasvask: {e}")))?)
        }
    };
    let mut options = config.as_ref().map(Config::options).unwrap_or_default();
    if let Some(l) = lang {
        options.lang = parse_lang(l)?;
    }
    let own = match config.as_ref().map(Config::engine).transpose() {
        Ok(e) => e.flatten(),
        Err(e) => return Err(err(format!("biasvask: {e}"))),
    };
    Ok(Setup { own, options, format })
}

fn loads<'py>(py: Python<'py>, s: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.call_method1("loads", (s,))
}

/// Lint `texts` on `threads` cores (0: all), each into the JSON of its file object.
fn lint_json(engine: &Engine, setup: &Setup, texts: &[(String, String)], threads: usize) -> Vec<String> {
    let one = |(path, text): &(String, String)| {
        let report = engine.lint(text, setup.format, &setup.options);
        serde_json::to_string(&json::file(path, text, &report)).unwrap_or_default()
    };
    parallel(texts, threads, one)
}

/// Map `f` over `items` on up to `threads` threads (0: one per core), keeping the order.
fn parallel<T: Sync, R: Send>(items: &[T], threads: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let n = if threads > 0 {
        threads
    } else {
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
    };
    if n <= 1 || items.len() < 2 {
        return items.iter().map(&f).collect();
    }
    let chunk = items.len().div_ceil(n);
    std::thread::scope(|s| {
        let hs: Vec<_> = items.chunks(chunk).map(|c| s.spawn(|| c.iter().map(&f).collect::<Vec<R>>())).collect();
        hs.into_iter().flat_map(|h| h.join().expect("a lint never panics")).collect()
    })
}

/// lint(text, format="text", config=None, lang=None, path="<text>") -> dict
///
/// The CLI's file object for one ad: `path`, `diagnostics`, `requirements`, `summary`
/// (exactly `biasvask check --format json`'s `files[0]`).
#[pyfunction]
#[pyo3(signature = (text, format = "text", config = None, lang = None, path = "<text>"))]
fn lint<'py>(
    py: Python<'py>,
    text: String,
    format: &str,
    config: Option<&Bound<'py, PyAny>>,
    lang: Option<&str>,
    path: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let setup = setup(format, config, lang)?;
    let engine = setup.engine()?;
    let items = [(path.to_string(), text)];
    let out = py.detach(|| lint_json(engine, &setup, &items, 1));
    loads(py, &out[0])
}

/// lint_many(texts, format="text", config=None, lang=None, threads=0) -> list[dict]
///
/// `lint` for each text, in order, on every core (`threads`: 0 = one per core) without the GIL.
#[pyfunction]
#[pyo3(signature = (texts, format = "text", config = None, lang = None, threads = 0))]
fn lint_many<'py>(
    py: Python<'py>,
    texts: Vec<String>,
    format: &str,
    config: Option<&Bound<'py, PyAny>>,
    lang: Option<&str>,
    threads: usize,
) -> PyResult<Bound<'py, PyList>> {
    let setup = setup(format, config, lang)?;
    let engine = setup.engine()?;
    let items: Vec<(String, String)> = texts.into_iter().map(|t| ("<text>".to_string(), t)).collect();
    let out = py.detach(|| lint_json(engine, &setup, &items, threads));
    let list = PyList::empty(py);
    for s in out {
        list.append(loads(py, &s)?)?;
    }
    Ok(list)
}

/// rows(records, config=None, lang=None, threads=0) -> list[dict]
///
/// One dict per ad with exactly the columns of `biasvask stats`'s ads.csv (`columns()`), as
/// Python values (int, bool, str, None). A record is a text or a dict with `text` and the
/// optional metadata of the JSON Lines export (`id`, `date`, `title`, `employer`,
/// `department`, `sector`, `url`, `format`, `applicants`); a bad record raises
/// `BiasvaskError` naming it, with the message `stats` gives a bad line.
#[pyfunction]
#[pyo3(signature = (records, config = None, lang = None, threads = 0))]
fn rows<'py>(
    py: Python<'py>,
    records: &Bound<'py, PyAny>,
    config: Option<&Bound<'py, PyAny>>,
    lang: Option<&str>,
    threads: usize,
) -> PyResult<Bound<'py, PyList>> {
    let setup = setup("text", config, lang)?;
    let engine = setup.engine()?;
    let lang = setup.options.lang;
    let dumps = py.import("json")?.getattr("dumps")?;
    let mut ads = Vec::new();
    for (i, r) in records.try_iter()?.enumerate() {
        let r = r?;
        let line: String = if r.is_instance_of::<PyString>() {
            serde_json::json!({ "text": r.extract::<String>()? }).to_string()
        } else {
            dumps.call1((r,))?.extract()?
        };
        let mut ad = biasvask_stats::input::parse_record(&line, lang)
            .map_err(|e| err(format!("biasvask: record {i}: {e}")))?;
        ad.origin = format!("record {i}");
        if ad.id.is_empty() {
            ad.id = i.to_string();
        }
        ads.push((i as u64, ad));
    }
    let max_must = setup.options.max_must_have;
    let inclusion = setup.options.enabled(Rule::MissingInclusionStatement);
    let cells: Vec<Vec<Cell>> = py.detach(|| {
        parallel(&ads, threads, |(i, ad)| {
            let report = engine.lint(&ad.text, ad.format, &setup.options);
            csv_out::cells(&Row::new(*i, ad, &report, max_must, inclusion))
        })
    });
    let cols = csv_out::columns();
    let list = PyList::empty(py);
    for row in cells {
        let d = PyDict::new(py);
        for (k, c) in cols.iter().zip(row) {
            match c {
                Cell::Null => d.set_item(k, py.None())?,
                Cell::Bool(b) => d.set_item(k, b)?,
                Cell::Int(n) => d.set_item(k, n)?,
                Cell::Str(s) => d.set_item(k, s)?,
            }
        }
        list.append(d)?;
    }
    Ok(list)
}

/// columns() -> list[str]: the columns of `rows` and of ads.csv, in order.
#[pyfunction]
fn columns() -> Vec<&'static str> {
    csv_out::columns()
}

/// rules(lang="da") -> list[dict]: id, scope, category, default_severity, label, title, summary.
#[pyfunction]
#[pyo3(signature = (lang = "da"))]
fn rules<'py>(py: Python<'py>, lang: &str) -> PyResult<Bound<'py, PyAny>> {
    let c = biasvask::registry::catalog(parse_lang(lang)?);
    loads(py, &c["rules"].to_string())
}

/// explain(rule, lang="da") -> str: the rule's documentation (Markdown), as `biasvask explain`.
#[pyfunction]
#[pyo3(signature = (rule, lang = "da"))]
fn explain_rule(rule: &str, lang: &str) -> PyResult<String> {
    let lang = parse_lang(lang)?;
    match rule.parse::<Rule>() {
        Ok(r) => Ok(explain::doc(r, lang).to_string()),
        Err(_) => {
            let ids: Vec<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
            Err(err(format!("biasvask: ukendt regel «{rule}». Reglerne er: {}", ids.join(", "))))
        }
    }
}

#[pymodule]
fn _biasvask(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(lint, m)?)?;
    m.add_function(wrap_pyfunction!(lint_many, m)?)?;
    m.add_function(wrap_pyfunction!(rows, m)?)?;
    m.add_function(wrap_pyfunction!(columns, m)?)?;
    m.add_function(wrap_pyfunction!(rules, m)?)?;
    m.add("explain", wrap_pyfunction!(explain_rule, m)?)?;
    m.add("BiasvaskError", m.py().get_type::<BiasvaskError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
