//! The WebAssembly binding of biasvask: the core, nothing else (no I/O).
//!
//! The functions take and return JSON strings so that the output is byte for byte the serde
//! output of the CLI (`render::json::file`); the JavaScript wrapper of the npm package
//! (`crates/wasm/js/`) parses them and offers `lint(text, { format, config })`, `rules()`,
//! `formats()` and `explain(rule)`.

use std::cell::RefCell;

use biasvask::config::Config;
use biasvask::render::json;
use biasvask::{Engine, Format, Lang, Options, Rule, Severity};
use wasm_bindgen::prelude::*;

/// The path of the file object when the caller names none: the CLI's name for stdin.
pub const DEFAULT_PATH: &str = "<stdin>";

/// The engines, built once per instance: the built-in one, and the last `biasvask.toml`
/// (its text, the parsed file and, when it adds entries, its own engine). An editor lints
/// on every keystroke with the same config, so one cached config is enough.
struct State {
    builtin: Option<Engine>,
    config: Option<(String, Config, Option<Engine>)>,
}

thread_local! {
    static STATE: RefCell<State> = const { RefCell::new(State { builtin: None, config: None }) };
}

/// What `lint` was asked, parsed from the options object (all fields optional).
#[derive(serde::Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct LintOptions {
    /// `text`, `markdown`, `html` (or an alias); else from `path`'s extension; else text.
    format: Option<String>,
    /// The text of a `biasvask.toml`.
    config: Option<String>,
    /// The name in the file object (and, without `format`, what picks the format).
    path: Option<String>,
    /// Message language, over the config's.
    lang: Option<String>,
    /// Add the exact source edits where markup sits inside a finding (the page's apply).
    edits: bool,
}

/// The result of `lint_json`: the CLI's file object, and `pass` (no finding at or above the
/// fail level, and none cut at the limit: [`Report::passes`](biasvask::Report::passes)) as the
/// HTTP API has it.
#[derive(serde::Serialize)]
struct Linted {
    #[serde(flatten)]
    file: json::JsonFile,
    pass: bool,
}

/// The message of an error shown to JavaScript (a thrown `Error`).
fn err(m: impl std::fmt::Display) -> JsError {
    JsError::new(&m.to_string())
}

/// Lint `text`; `options` is a JSON object (see `LintOptions`). Returns the JSON of the CLI's
/// file object plus `pass`.
#[wasm_bindgen(js_name = lintJson)]
pub fn lint_json(text: &str, options: &str) -> Result<String, JsError> {
    lint_to_string(text, options).map_err(err)
}

/// `lint_json` without JavaScript types, for native tests.
pub fn lint_to_string(text: &str, options: &str) -> Result<String, String> {
    let o: LintOptions = if options.trim().is_empty() {
        LintOptions::default()
    } else {
        serde_json::from_str(options).map_err(|e| format!("options: {e}"))?
    };
    let format = match (&o.format, &o.path) {
        (Some(f), _) => f.parse::<Format>().map_err(|e| format!("format: {e}"))?,
        (None, Some(p)) => Format::from_path(std::path::Path::new(p)),
        (None, None) => Format::Text,
    };
    let lang = o
        .lang
        .as_deref()
        .map(|l| l.parse::<Lang>().map_err(|e| format!("lang: {e}")))
        .transpose()?;
    let path = o.path.as_deref().unwrap_or(DEFAULT_PATH);
    STATE.with(|st| {
        let mut st = st.borrow_mut();
        let st = &mut *st;
        let mut options = Options::default();
        let mut fail_level = Severity::Warning;
        let mut engine = None;
        if let Some(src) = o.config.as_deref().filter(|s| !s.trim().is_empty()) {
            if st.config.as_ref().is_none_or(|(s, _, _)| s != src) {
                let cfg = Config::parse("biasvask.toml", src).map_err(|e| e.to_string())?;
                let eng = cfg.engine().map_err(|e| e.to_string())?;
                st.config = Some((src.to_string(), cfg, eng));
            }
            if let Some((_, cfg, eng)) = &st.config {
                cfg.apply(&mut options);
                fail_level = cfg.fail_level();
                engine = eng.as_ref();
            }
        }
        if let Some(l) = lang {
            options.lang = l;
        }
        let engine = match engine {
            Some(e) => e,
            None => {
                if st.builtin.is_none() {
                    st.builtin = Some(Engine::new().map_err(|e| e.to_string())?);
                }
                st.builtin.as_ref().expect("just built")
            }
        };
        // Parsed once, for the lint and for the edits.
        let doc = biasvask::Document::parse(text, format);
        let report = engine.lint_document(&doc, &options);
        let pass = report.passes(fail_level);
        let mut file = json::file(path, text, &report);
        if o.edits {
            json::add_edits(&mut file, text, format, doc, &report);
        }
        serde_json::to_string(&Linted { file, pass }).map_err(|e| e.to_string())
    })
}

/// The rules and the input formats (`registry::catalog`) as JSON, texts in `lang`
/// (`da` or `en`).
#[wasm_bindgen(js_name = catalogJson)]
pub fn catalog_json(lang: &str) -> Result<String, JsError> {
    let lang = lang.parse::<Lang>().map_err(err)?;
    Ok(biasvask::registry::catalog(lang).to_string())
}

/// The documentation of `rule` (Markdown) in `lang`: what `biasvask explain RULE` prints.
#[wasm_bindgen]
pub fn explain(rule: &str, lang: &str) -> Result<String, JsError> {
    let lang = lang.parse::<Lang>().map_err(err)?;
    let rule = rule.parse::<Rule>().map_err(err)?;
    Ok(biasvask::explain::doc(rule, lang).to_string())
}

/// The version of the core.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_object_is_the_clis_plus_pass() {
        let text = "Vi søger en lagerformand.";
        let out: serde_json::Value =
            serde_json::from_str(&lint_to_string(text, r#"{"path":"a.txt"}"#).unwrap()).unwrap();
        let report = biasvask::lint(text, Format::Text, &Options::default());
        let mut want = serde_json::to_value(json::file("a.txt", text, &report)).unwrap();
        want["pass"] = serde_json::Value::Bool(false);
        assert_eq!(out, want);
    }

    #[test]
    fn config_levels_and_bad_input_are_reported() {
        let text = "Vi søger en lagerformand.";
        let cfg = r#"{"config":"[rules]\ngendered-term = \"off\"\n"}"#;
        let out: serde_json::Value =
            serde_json::from_str(&lint_to_string(text, cfg).unwrap()).unwrap();
        assert!(out["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["rule"] != "gendered-term"));
        let bad = lint_to_string(text, r#"{"config":"nope = 1"}"#).unwrap_err();
        assert!(bad.contains("nope"), "{bad}");
        assert!(lint_to_string(text, r#"{"format":"pdf"}"#).is_err());
        assert!(lint_to_string(text, r#"{"frmat":"text"}"#).is_err());
    }
}
