//! The npm package (the core compiled to WebAssembly, `target/web/npm/`, built by
//! `scripts/build-web`) lints the shipped example ads and the corpus in Node to exactly the
//! file objects of `biasvask check --format json`, with and without a `biasvask.toml`.
//!
//! Skipped with a notice when the package or `node` is missing, unless
//! `BIASVASK_REQUIRE_WEB=1` (`scripts/test`, CI), where it fails.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn npm_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
        .join("web/npm")
}

/// The package and node, or None (after a notice) when the test may be skipped.
fn setup() -> Option<PathBuf> {
    let required = std::env::var("BIASVASK_REQUIRE_WEB").is_ok_and(|v| v == "1");
    let npm = npm_dir();
    let node = Command::new("node").arg("--version").output().is_ok();
    if !npm.join("index.js").is_file() || !node {
        assert!(
            !required,
            "BIASVASK_REQUIRE_WEB=1 but {} or node is missing (run scripts/build-web)",
            npm.display()
        );
        eprintln!("NOTICE: npm package test skipped: run scripts/build-web (needs node)");
        return None;
    }
    Some(npm)
}

/// The example ads and the corpus: text, Markdown and HTML.
fn inputs() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in ["examples", "tests/corpus"] {
        for e in std::fs::read_dir(root().join(dir)).expect("read dir") {
            let p = e.expect("entry").path();
            if biasvask::Format::is_ad_path(&p) {
                files.push(p);
            }
        }
    }
    files.sort();
    assert!(files.len() >= 10, "{files:?}");
    files
}

fn node_lint(npm: &Path, config: Option<&Path>, files: &[PathBuf]) -> Vec<Value> {
    let mut cmd = Command::new("node");
    cmd.arg(root().join("crates/wasm/js/lint-files.mjs"))
        .arg(npm);
    if let Some(c) = config {
        cmd.arg("--config").arg(c);
    }
    cmd.args(files);
    let out = common::output(cmd, None);
    assert!(
        out.status.success(),
        "node failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice::<Vec<Value>>(&out.stdout).expect("node prints a JSON array")
}

fn cli_lint(config: Option<&Path>, file: &Path) -> (Value, bool) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_biasvask"));
    cmd.args(["check", "--format", "json"]);
    match config {
        Some(c) => cmd.arg("--config").arg(c),
        None => cmd.arg("--no-config"),
    };
    cmd.arg(file);
    let out = common::output(cmd, None);
    let code = out.status.code();
    assert!(matches!(code, Some(0 | 1)), "{file:?}: exit {code:?}");
    let mut doc: Value = serde_json::from_slice(&out.stdout).expect("CLI JSON");
    (doc["files"][0].take(), code == Some(0))
}

fn compare(npm: &Path, config: Option<&Path>) {
    let files = inputs();
    let got = node_lint(npm, config, &files);
    assert_eq!(got.len(), files.len());
    let mut findings = 0;
    for (file, mut wasm) in files.iter().zip(got) {
        let (mut cli, pass) = cli_lint(config, file);
        // `pass` is the package's extra (the HTTP API's), the CLI says it with its exit code.
        assert_eq!(wasm["pass"].take(), Value::Bool(pass), "{file:?}");
        wasm.as_object_mut().expect("object").remove("pass");
        // Modulo the path: both name the file, each in its own way.
        wasm["path"] = Value::Null;
        cli["path"] = Value::Null;
        findings += cli["diagnostics"].as_array().map_or(0, Vec::len);
        assert!(
            wasm == cli,
            "{file:?}: the npm package and the CLI differ\nwasm: {wasm}\ncli:  {cli}"
        );
    }
    assert!(
        findings > 20,
        "the inputs have findings to compare ({findings})"
    );
}

#[test]
fn npm_package_lints_like_the_cli() {
    let Some(npm) = setup() else { return };
    compare(&npm, None);
}

#[test]
fn npm_package_applies_a_config_like_the_cli() {
    let Some(npm) = setup() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let cfg = dir.path().join("biasvask.toml");
    std::fs::write(
        &cfg,
        "fail_level = \"error\"\n\n[rules]\nmasculine-coded = \"off\"\n\n[allow]\nwords = [\"formand\"]\n\n\
         [[term]]\nlemma = \"lagerchef\"\nparadigm = \"noun.en-er\"\ncompound = true\nsuggest = [\"lagerleder\"]\n\
         rationale = \"test\"\nsource = \"test\"\n",
    )
    .expect("write config");
    compare(&npm, Some(&cfg));
}
