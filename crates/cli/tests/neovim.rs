//! A real editor no one here wrote: headless Neovim (0.7+) attaches `biasvask lsp` to a Danish
//! ad, receives the diagnostics, asks for a hover, applies the preferred quick fix through the
//! code-action request and writes the file, then adds the word left over to the project's
//! allow-list and checks that a second session still leaves it alone (`tests/nvim/quickfix.lua`).
//!
//! Skipped with a notice when `nvim` is missing, unless `BIASVASK_REQUIRE_EDITOR=1` (CI), which
//! makes a missing editor a failure.
#![cfg(feature = "lsp")]

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

fn nvim_available() -> bool {
    Command::new("nvim")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn neovim_shows_diagnostics_and_applies_the_quick_fix() {
    if !nvim_available() {
        if std::env::var("BIASVASK_REQUIRE_EDITOR").as_deref() == Ok("1") {
            panic!("nvim is not installed, and BIASVASK_REQUIRE_EDITOR=1 requires it");
        }
        eprintln!("SKIPPED: nvim not found (set BIASVASK_REQUIRE_EDITOR=1 to make this a failure)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let ad = dir.path().join("annonce.txt");
    std::fs::write(&ad, "Formanden skal være ambitiøs\n").unwrap();
    let out = dir.path().join("report.json");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/nvim/quickfix.lua");

    let mut child = Command::new("nvim")
        .args(["--headless", "--clean", "-n", "-i", "NONE", "-c"])
        .arg(format!("luafile {}", script.display()))
        .env("BIASVASK_BIN", env!("CARGO_BIN_EXE_biasvask"))
        .env("BIASVASK_FILE", &ad)
        .env("BIASVASK_OUT", &out)
        // Keep Neovim's LSP log and state out of the user's home.
        .env("XDG_STATE_HOME", dir.path())
        .env("XDG_CACHE_HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("nvim starts");
    let deadline = Instant::now() + Duration::from_secs(90);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("nvim did not finish within 90 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let report: Value = match std::fs::read_to_string(&out) {
        Ok(s) => serde_json::from_str(&s).expect("the script writes JSON"),
        Err(e) => panic!("no report from nvim ({e}); exit status {status:?}"),
    };
    assert!(report["error"].is_null(), "the script failed: {report:#}");
    assert!(status.success(), "{status:?}: {report:#}");

    // Two diagnostics, at the right columns (Neovim shows byte columns: "være " is 6 bytes).
    let diags = report["diagnostics"].as_array().unwrap();
    let mut seen: Vec<(String, u64, u64, u64)> = diags
        .iter()
        .map(|d| {
            let n = |k: &str| d[k].as_u64().unwrap();
            (
                d["code"].as_str().unwrap().to_string(),
                n("lnum"),
                n("col"),
                n("end_col"),
            )
        })
        .collect();
    seen.sort_by_key(|s| s.2);
    assert_eq!(
        seen,
        [
            ("gendered-term".to_string(), 0, 0, 9),
            ("masculine-coded".to_string(), 0, 21, 30)
        ],
        "{report:#}"
    );
    assert!(diags.iter().all(|d| d["source"] == "biasvask"));
    assert!(diags
        .iter()
        .any(|d| d["message"].as_str().unwrap().contains("«Formanden»")));

    // The hover explains why, with the alternatives.
    let hover = report["hover"].as_str().unwrap();
    assert!(
        hover.contains("gendered-term") && hover.contains("«Forpersonen»"),
        "{hover}"
    );
    assert!(hover.contains("En kønnet titel"), "{hover}");

    // The preferred quick fix was first among the actions, and it was applied and written.
    assert_eq!(
        report["actions"][0], "Erstat «Formanden» med «Forpersonen»",
        "{report:#}"
    );
    assert_eq!(
        std::fs::read_to_string(&ad).unwrap(),
        "Forpersonen skal være ambitiøs\n"
    );
    // After Neovim's incremental change, only the coded word is left, two bytes further on.
    let after = &report["after"][0];
    assert_eq!(
        (
            after["code"].as_str(),
            after["col"].as_u64(),
            after["end_col"].as_u64()
        ),
        (Some("masculine-coded"), Some(23), Some(32))
    );

    // "Add to the project's allow-list": the server wrote biasvask.toml at the root Neovim
    // gave, Neovim was left with no unsaved buffer, the finding went away, and a new session
    // (which reads only the file) does not bring it back.
    assert_eq!(
        report["allow_title"],
        "Tilføj «ambitiøs» til projektets tilladte ord (biasvask.toml)"
    );
    assert_eq!(report["allow_has_edit"], false);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("biasvask.toml")).unwrap(),
        "[allow]\nwords = [\"ambitiøs\"]\n"
    );
    assert_eq!(
        report["modified_buffers"],
        serde_json::json!([]),
        "{report:#}"
    );
    assert_eq!(report["after_restart"], 0, "{report:#}");
}
