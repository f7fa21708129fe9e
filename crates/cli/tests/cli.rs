//! CLI tests: every output format, exit code and kind of bad input, against the built binary.

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;

const BIN: &str = env!("CARGO_BIN_EXE_biasvask");

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Run the binary in `dir` (no biasvask.toml above it unless a test writes one).
fn run_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Out {
    let mut cmd = Command::new(BIN);
    cmd.args(args).current_dir(dir);
    let o = common::output(cmd, stdin);
    Out {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn write(dir: &Path, name: &str, content: &[u8]) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, content).unwrap();
    p
}

const BIASED: &str = "Formændene og vores rengøringsdame søger en kollega.\n";
const CLEAN: &str = "Vi leder efter en ny kollega til lageret. Med venlig hilsen\n";

#[test]
fn json_gives_spans_and_inflected_suggestions() {
    let d = tmp();
    write(d.path(), "annonce.txt", BIASED.as_bytes());
    let o = run_in(
        d.path(),
        &["check", "--format", "json", "annonce.txt"],
        None,
    );
    assert_eq!(o.code, 1, "{}", o.stderr);
    let v: serde_json::Value = serde_json::from_str(&o.stdout).expect("one JSON document");
    assert_eq!(v["version"], 1);
    let f = &v["files"][0];
    assert_eq!(f["path"], "annonce.txt");
    let diags = f["diagnostics"].as_array().unwrap();
    let terms: Vec<&serde_json::Value> = diags
        .iter()
        .filter(|d| d["rule"] == "gendered-term")
        .collect();
    assert_eq!(terms.len(), 2, "{}", o.stdout);
    assert_eq!(terms[0]["text"], "Formændene");
    assert_eq!(terms[0]["span"]["start"], 0);
    assert_eq!(terms[0]["span"]["end"], "Formændene".len());
    assert_eq!(terms[0]["span"]["line"], 1);
    assert_eq!(terms[0]["span"]["column"], 1);
    assert_eq!(terms[0]["suggestions"][0], "Forpersonerne");
    assert_eq!(terms[1]["text"], "rengøringsdame");
    assert_eq!(terms[1]["suggestions"][0], "rengøringsassistent");
    let start = BIASED.find("rengøringsdame").unwrap();
    assert_eq!(terms[1]["span"]["start"], start);
    assert_eq!(
        terms[1]["span"]["column"],
        BIASED[..start].chars().count() + 1
    );
    for k in [
        "words",
        "masculine_coded",
        "feminine_coded",
        "verdict",
        "must_have",
        "nice_to_have",
    ] {
        assert!(f["summary"].get(k).is_some(), "summary.{k}");
    }
    // text == source[start..end] for every diagnostic
    for d in diags {
        let (s, e) = (
            d["span"]["start"].as_u64().unwrap() as usize,
            d["span"]["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(d["text"], BIASED[s..e]);
    }
}

#[test]
fn human_report_is_danish_with_summary_line() {
    let d = tmp();
    write(d.path(), "annonce.txt", BIASED.as_bytes());
    let o = run_in(d.path(), &["check", "annonce.txt"], None);
    assert_eq!(o.code, 1);
    assert!(o.stdout.contains("er en kønnet betegnelse"), "{}", o.stdout);
    assert!(o.stdout.contains("forslag: Forpersonerne"), "{}", o.stdout);
    assert!(o.stdout.contains("annonce.txt: "), "{}", o.stdout);
    assert!(o.stdout.contains(" ord · "), "{}", o.stdout);
    let en = run_in(d.path(), &["check", "--lang", "en", "annonce.txt"], None);
    assert!(en.stdout.contains("is a gendered term"), "{}", en.stdout);
    assert!(en.stdout.contains(" words · "), "{}", en.stdout);
}

#[test]
fn jsonl_has_one_object_per_diagnostic_with_path() {
    let d = tmp();
    write(d.path(), "a.txt", BIASED.as_bytes());
    let o = run_in(d.path(), &["check", "--format", "jsonl", "a.txt"], None);
    let lines: Vec<serde_json::Value> = o
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(lines.len() >= 2);
    assert!(lines
        .iter()
        .all(|l| l["path"] == "a.txt" && l.get("rule").is_some() && l.get("span").is_some()));
}

#[test]
fn sarif_uris_absolute_as_file_uris_relative_as_relative_references() {
    // An absolute path is a `file://` URI (percent-encoded), a relative path a relative
    // reference; the document still validates, and the tool says where it is documented.
    let d = tmp();
    write(d.path(), "a b æ.txt", BIASED.as_bytes());
    write(d.path(), "c.txt", BIASED.as_bytes());
    let abs = d.path().join("a b æ.txt");
    let abs = abs.to_str().unwrap();
    let o = run_in(
        d.path(),
        &["check", "--format", "sarif", abs, "./c.txt"],
        None,
    );
    assert_eq!(o.code, 1, "{}", o.stderr);
    let doc: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    let run = &doc["runs"][0];
    let uris: Vec<&str> = run["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["location"]["uri"].as_str().unwrap())
        .collect();
    let want_abs = format!("file://{}", abs.replace(' ', "%20").replace('æ', "%C3%A6"));
    assert_eq!(uris, [want_abs.as_str(), "c.txt"]);
    for r in run["results"].as_array().unwrap() {
        let uri = &r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
        assert!(uri == want_abs.as_str() || uri == "c.txt", "{uri}");
    }
    let info = run["tool"]["driver"]["informationUri"].as_str().unwrap();
    assert!(info.starts_with("https://"), "{info}");
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("sarif-schema-2.1.0.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&doc)
        .map(|e| format!("{e} at {:?}", e.instance_path))
        .collect();
    assert!(errors.is_empty(), "SARIF invalid: {errors:#?}");
}

#[cfg(unix)]
#[test]
fn sarif_uri_of_a_file_name_that_is_not_utf8_keeps_its_bytes() {
    use std::os::unix::ffi::OsStrExt;
    let d = tmp();
    let name = std::ffi::OsStr::from_bytes(b"n\xffn.txt");
    if let Err(e) = std::fs::write(d.path().join(name), BIASED) {
        eprintln!(
            "skipped: {} takes no file name that is not UTF-8 ({e})",
            d.path().display()
        );
        return;
    }
    let mut cmd = Command::new(BIN);
    cmd.args(["check", "--format", "sarif"])
        .arg(name)
        .current_dir(d.path());
    let o = common::output(cmd, None);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let run = &doc["runs"][0];
    assert_eq!(run["artifacts"][0]["location"]["uri"], "n%FFn.txt", "{doc}");
    let loc = &run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(loc["uri"], "n%FFn.txt", "{doc}");
}

#[test]
fn sarif_validates_against_the_schema() {
    let d = tmp();
    write(d.path(), "a.txt", BIASED.as_bytes());
    write(d.path(), "b.txt", CLEAN.as_bytes());
    let o = run_in(
        d.path(),
        &["check", "--format", "sarif", "a.txt", "b.txt"],
        None,
    );
    assert_eq!(o.code, 1, "{}", o.stderr);
    let doc: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("sarif-schema-2.1.0.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&doc)
        .map(|e| format!("{e} at {:?}", e.instance_path))
        .collect();
    assert!(errors.is_empty(), "SARIF invalid: {errors:#?}");
    assert_eq!(doc["version"], "2.1.0");
    let results = doc["runs"][0]["results"].as_array().unwrap();
    assert!(results
        .iter()
        .any(|r| r["ruleId"] == "gendered-term" && r["fixes"].is_array()));
    assert_eq!(
        doc["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .len(),
        9
    );
}

#[test]
fn exit_codes_follow_fail_level() {
    let d = tmp();
    write(d.path(), "clean.txt", CLEAN.as_bytes());
    write(
        d.path(),
        "info.txt",
        "Vi søger en ambitiøs kollega.\n".as_bytes(),
    );
    assert_eq!(run_in(d.path(), &["check", "clean.txt"], None).code, 0);
    assert_eq!(
        run_in(d.path(), &["check", "info.txt"], None).code,
        0,
        "info is below the default fail level"
    );
    assert_eq!(
        run_in(
            d.path(),
            &["check", "--fail-level", "info", "info.txt"],
            None
        )
        .code,
        1
    );
    write(d.path(), "biased.txt", BIASED.as_bytes());
    assert_eq!(
        run_in(
            d.path(),
            &["check", "--fail-level", "error", "biased.txt"],
            None
        )
        .code,
        0
    );
    assert_eq!(
        run_in(
            d.path(),
            &["check", "--fail-level", "nope", "biased.txt"],
            None
        )
        .code,
        2
    );
    assert_eq!(
        run_in(d.path(), &["check", "--format", "xml", "biased.txt"], None).code,
        2
    );
    assert_eq!(run_in(d.path(), &["frobnicate"], None).code, 2);
}

#[test]
fn stdin_is_linted() {
    let d = tmp();
    let o = run_in(
        d.path(),
        &["check", "--format", "json", "-"],
        Some(BIASED.as_bytes()),
    );
    assert_eq!(o.code, 1);
    let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(v["files"][0]["path"], "<stdin>");
    let o = run_in(
        d.path(),
        &["check", "--stdin-filename", "ad.md", "--format", "json"],
        Some(BIASED.as_bytes()),
    );
    let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(v["files"][0]["path"], "ad.md");
}

#[test]
fn bad_inputs_get_clear_errors_and_others_are_still_linted() {
    let d = tmp();
    write(d.path(), "good.txt", BIASED.as_bytes());
    write(d.path(), "latin1.txt", b"Formand s\xf8ges\n");
    write(d.path(), "image.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let o = run_in(
        d.path(),
        &[
            "check",
            "--format",
            "json",
            "latin1.txt",
            "missing.txt",
            "image.png",
            "good.txt",
        ],
        None,
    );
    assert_eq!(o.code, 2, "input errors exit 2");
    assert!(
        o.stderr.contains("latin1.txt") && o.stderr.contains("UTF-8"),
        "{}",
        o.stderr
    );
    assert!(o.stderr.contains("missing.txt"), "{}", o.stderr);
    assert!(
        o.stderr.contains("image.png") && o.stderr.contains("binær"),
        "{}",
        o.stderr
    );
    let v: serde_json::Value =
        serde_json::from_str(&o.stdout).expect("the good file is still reported");
    assert_eq!(v["files"].as_array().unwrap().len(), 1);
    assert_eq!(v["files"][0]["path"], "good.txt");
    assert!(!o.stderr.contains("panicked"));
}

#[test]
fn empty_file_is_reported_not_an_error() {
    let d = tmp();
    write(d.path(), "empty.txt", b"");
    let o = run_in(d.path(), &["check", "--format", "json", "empty.txt"], None);
    assert_eq!(o.code, 0);
    assert!(
        o.stderr.contains("empty.txt") && o.stderr.contains("tom"),
        "{}",
        o.stderr
    );
    let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(v["files"][0]["summary"]["verdict"], "empty");
}

#[test]
fn fifty_megabyte_file_is_linted_and_limit_is_enforced() {
    let d = tmp();
    let mut big = String::with_capacity(50 * 1024 * 1024 + 100);
    while big.len() < 50 * 1024 * 1024 {
        big.push_str("Vi leder efter en dygtig kollega til vores lager i Aarhus. ");
    }
    big.push_str("Formanden er ny.\n");
    write(d.path(), "big.txt", big.as_bytes());
    let o = run_in(d.path(), &["check", "--format", "jsonl", "big.txt"], None);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(o.stdout.contains("\"Formanden\""));
    let o = run_in(d.path(), &["check", "--max-size", "1000", "big.txt"], None);
    assert_eq!(o.code, 2);
    assert!(
        o.stderr.contains("big.txt") && o.stderr.contains("--max-size"),
        "{}",
        o.stderr
    );
}

#[test]
fn directories_are_walked() {
    let d = tmp();
    write(d.path(), "ads/a.txt", BIASED.as_bytes());
    write(d.path(), "ads/sub/b.md", BIASED.as_bytes());
    write(d.path(), "ads/sub/c.html", b"<p>Formanden</p>");
    write(d.path(), "ads/notes.rs", BIASED.as_bytes());
    write(d.path(), "ads/.hidden/d.txt", BIASED.as_bytes());
    let o = run_in(d.path(), &["check", "--format", "json", "ads"], None);
    let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    let paths: Vec<String> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().replace('\\', "/"))
        .collect();
    assert_eq!(paths, ["ads/a.txt", "ads/sub/b.md", "ads/sub/c.html"]);
}

/// Runs the binary without the capabilities that let root read any directory (CAP_DAC_*).
#[cfg(unix)]
const NO_DAC: [&str; 3] = [
    "setpriv",
    "--inh-caps=-all",
    "--bounding-set=-dac_override,-dac_read_search",
];

#[cfg(unix)]
#[test]
fn an_unreadable_directory_in_a_walk_is_named_in_the_users_language() {
    use std::os::unix::fs::PermissionsExt;
    let d = tmp();
    write(d.path(), "tree/a.txt", BIASED.as_bytes());
    write(d.path(), "tree/closed/b.txt", BIASED.as_bytes());
    let closed = d.path().join("tree/closed");
    std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root reads it anyway: then biasvask runs without the capabilities that let it (setpriv),
    // if that makes the directory unreadable; else the failure cannot be seen here.
    let runs = |args: &[&str]| {
        Command::new(NO_DAC[0])
            .args(&NO_DAC[1..])
            .args(args)
            .output()
    };
    let wrap: Option<&[&str]> = if std::fs::read_dir(&closed).is_err() {
        Some(&[])
    } else if runs(&["true"]).is_ok_and(|o| o.status.success())
        && runs(&["ls", &closed.to_string_lossy()]).is_ok_and(|o| !o.status.success())
    {
        Some(&NO_DAC)
    } else {
        None
    };
    let outs = wrap.map(|wrap| {
        ["da", "en"].map(|lang| {
            let mut cmd = Command::new(wrap.first().copied().unwrap_or(BIN));
            if !wrap.is_empty() {
                cmd.args(&wrap[1..]).arg(BIN);
            }
            cmd.args(["check", "--lang", lang, "--format", "json", "tree"])
                .current_dir(d.path());
            common::output(cmd, None)
        })
    });
    // Back, so that the temporary directory can be removed.
    std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o755)).unwrap();
    let Some([da, en]) = outs else {
        eprintln!(
            "skipped: a directory with mode 000 is readable here (root), and setpriv cannot drop the capabilities that allow it"
        );
        return;
    };
    for (o, want) in [
        (da, "tree/closed: kan ikke læses: "),
        (en, "tree/closed: cannot be read: "),
    ] {
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(want), "{stderr}");
        assert!(!stderr.contains("IO error"), "{stderr}");
        // The rest of the tree is still linted.
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v["files"][0]["path"], "tree/a.txt", "{v}");
    }
}

#[test]
fn fix_rewrites_atomically_and_is_idempotent() {
    let d = tmp();
    let p = write(
        d.path(),
        "ad.txt",
        "Bestyrelsesformanden og FORMÆND. Resten er uændret: æøå 😀\n".as_bytes(),
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    let diff = run_in(d.path(), &["check", "--diff", "ad.txt"], None);
    assert!(
        diff.stdout
            .contains("+Bestyrelsesforpersonen og FORPERSONER."),
        "{}",
        diff.stdout
    );
    assert_eq!(
        std::fs::read_to_string(&p).unwrap(),
        "Bestyrelsesformanden og FORMÆND. Resten er uændret: æøå 😀\n",
        "--diff writes nothing"
    );
    let o = run_in(d.path(), &["check", "--fix", "ad.txt"], None);
    assert_eq!(o.code, 0, "nothing fixable left: {}{}", o.stdout, o.stderr);
    let fixed = std::fs::read_to_string(&p).unwrap();
    assert_eq!(
        fixed,
        "Bestyrelsesforpersonen og FORPERSONER. Resten er uændret: æøå 😀\n"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o640,
            "permissions kept"
        );
    }
    let again = run_in(d.path(), &["check", "--fix", "ad.txt"], None);
    assert_eq!(again.code, 0);
    assert_eq!(std::fs::read_to_string(&p).unwrap(), fixed, "idempotent");
    let leftovers: Vec<_> = std::fs::read_dir(d.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files left");
}

#[test]
fn config_is_found_upward_and_errors_name_file_line_and_key() {
    let d = tmp();
    write(
        d.path(),
        "biasvask.toml",
        b"[allow]\nwords = [\"formand\"]\n",
    );
    write(
        d.path(),
        "sub/ad.txt",
        "Formanden og formændene.\n".as_bytes(),
    );
    let o = run_in(&d.path().join("sub"), &["check", "ad.txt"], None);
    assert_eq!(o.code, 0, "allow-listed in every inflection: {}", o.stdout);
    let o = run_in(
        &d.path().join("sub"),
        &["check", "--no-config", "ad.txt"],
        None,
    );
    assert_eq!(o.code, 1);
    write(
        d.path(),
        "biasvask.toml",
        b"lang = \"da\"\n[rules]\nmasculine-kodet = \"off\"\n",
    );
    let o = run_in(&d.path().join("sub"), &["check", "ad.txt"], None);
    assert_eq!(o.code, 2);
    assert!(
        o.stderr.contains("biasvask.toml:3:1") && o.stderr.contains("masculine-kodet"),
        "{}",
        o.stderr
    );
    // A value of the wrong type: its key is named, not the value (`key `5``).
    write(d.path(), "biasvask.toml", b"fail_level = 5\n");
    let o = run_in(&d.path().join("sub"), &["check", "ad.txt"], None);
    assert_eq!(o.code, 2);
    assert!(
        o.stderr.contains("biasvask.toml:1:14: key `fail_level`: ")
            && o.stderr.contains("expected a string"),
        "{}",
        o.stderr
    );
    let o = run_in(
        d.path(),
        &["check", "--config", "nope.toml", "sub/ad.txt"],
        None,
    );
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("nope.toml"), "{}", o.stderr);
}

#[test]
fn rules_and_explain() {
    let d = tmp();
    let o = run_in(d.path(), &["rules"], None);
    assert_eq!(o.code, 0);
    for id in [
        "gendered-term",
        "gendered-phrase",
        "sex-preference",
        "age-preference",
        "generic-pronoun",
        "masculine-coded",
        "feminine-coded",
        "requirements-balance",
        "missing-inclusion-statement",
    ] {
        assert!(o.stdout.contains(id), "{id}");
    }
    let j = run_in(d.path(), &["rules", "--format", "json"], None);
    let v: serde_json::Value = serde_json::from_str(&j.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 9);
    let e = run_in(d.path(), &["explain", "gendered-term"], None);
    assert_eq!(e.code, 0);
    assert!(e.stdout.starts_with("# gendered-term"), "{}", e.stdout);
    let bad = run_in(d.path(), &["explain", "no-such-rule"], None);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("gendered-term"));
}

/// A failure while writing the fix (here: the file is immutable, so the final rename fails)
/// leaves the original intact, leaves no temporary file behind, and exits 2.
#[test]
fn failed_fix_write_leaves_the_original_intact() {
    let d = tmp();
    let original = "Formanden søger en ny kollega.\n";
    let p = write(d.path(), "ad.txt", original.as_bytes());
    let immutable = Command::new("chattr")
        .arg("+i")
        .arg(&p)
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if !immutable {
        eprintln!("skipped: chattr +i is not available here (needs root on ext4/xfs)");
        return;
    }
    let o = run_in(d.path(), &["check", "--fix", "ad.txt"], None);
    let _ = Command::new("chattr").arg("-i").arg(&p).status();
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(
        o.stderr.contains("ad.txt") && o.stderr.contains("uændret"),
        "{}",
        o.stderr
    );
    assert_eq!(std::fs::read_to_string(&p).unwrap(), original);
    let leftovers: Vec<_> = std::fs::read_dir(d.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".biasvask-"))
        .collect();
    assert!(leftovers.is_empty(), "temporary file removed");
}

/// `--fix` on standard input prints the fixed text and never writes a file, even when
/// `--stdin-filename` names one that exists.
#[test]
fn fix_on_stdin_prints_and_writes_no_file() {
    let d = tmp();
    let p = write(d.path(), "ad.txt", b"Uberoert fil.\n");
    let o = run_in(
        d.path(),
        &["check", "--fix", "--stdin-filename", "ad.txt", "-"],
        Some("Formanden er ny.\n".as_bytes()),
    );
    assert_eq!(o.stdout, "Forpersonen er ny.\n", "{}", o.stderr);
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "Uberoert fil.\n");
}
