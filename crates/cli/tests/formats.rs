//! Every registered input extension is linted, named or found in a directory walk, as its
//! format (`biasvask::FORMATS` is the one list; `.mkd`, `.mdown` and `.xhtml` were once
//! linted when named but skipped by the walk).

use std::process::Command;

use serde_json::Value;

#[test]
fn a_directory_walk_lints_every_registered_extension_as_its_format() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut expected = Vec::new();
    for f in biasvask::FORMATS {
        for ext in f.extensions {
            // `**x**`/`<b>x</b>` are markup only in their own format: the finding's text shows it.
            let src = match f.format {
                biasvask::Format::Markdown => "Vi søger en **formand**.\n",
                biasvask::Format::Html => "<p>Vi søger en <b>formand</b>.</p>\n",
                biasvask::Format::Text => "Vi søger en formand.\n",
            };
            let name = format!("annonce-{ext}.{ext}");
            std::fs::write(dir.path().join(&name), src).expect("write");
            expected.push(name);
        }
    }
    std::fs::write(dir.path().join("logo.png"), "formand").expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_biasvask"))
        .args(["check", "--format", "json", "."])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .expect("binary runs");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let mut paths: Vec<String> = v["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| {
            let p = f["path"].as_str().expect("path");
            let d = f["diagnostics"]
                .as_array()
                .expect("diagnostics")
                .iter()
                .find(|d| d["rule"] == "gendered-term")
                .unwrap_or_else(|| panic!("{p}: no gendered-term finding: {f}"));
            assert_eq!(d["text"], "formand", "{p}: {d}");
            p.trim_start_matches("./").to_string()
        })
        .collect();
    paths.sort();
    expected.sort();
    assert_eq!(paths, expected);
}
