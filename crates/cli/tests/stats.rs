//! `biasvask stats`: the binary over a small JSON Lines export with bad lines, and over a
//! directory. The CSV is checked against `biasvask check --format json` on the same ads, the
//! JSON against the input's own metadata, and the HTML for charts and for not loading anything.

mod common;

use std::path::Path;
use std::process::Command;

use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_biasvask");

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn example(name: &str) -> String {
    std::fs::read_to_string(root().join("examples").join(name)).expect("example ad")
}

/// `biasvask check --format json` on one text: its file object.
fn check(text: &str) -> Value {
    let mut c = Command::new(BIN);
    c.args(["check", "--no-config", "--format", "json", "-"]);
    let out = common::output(c, Some(text.as_bytes()));
    let v: Value = serde_json::from_slice(&out.stdout).expect("check JSON");
    v["files"][0].clone()
}

/// No element that loads anything, no `url(` or `@import` in the style, and links only to
/// anchors and pages of the report itself. `strict`: no web address anywhere (a per-ad page
/// shows the ad's own URL and text, escaped, as text).
fn assert_self_contained(html: &str, what: &str, strict: bool) {
    let lower = html.to_lowercase();
    for bad in [
        "<script", "<link", "<img", "<iframe", "<object", "<embed", "<audio", "<video", "<image",
        "<use", "<base",
    ] {
        assert!(!lower.contains(bad), "{what} contains {bad}");
    }
    assert_eq!(
        lower.matches("<style").count(),
        1,
        "{what}: one style element"
    );
    let style = lower
        .split("<style>")
        .nth(1)
        .and_then(|s| s.split("</style>").next())
        .unwrap_or("");
    assert!(
        !style.contains("url(") && !style.contains("@import"),
        "{what} loads from its style"
    );
    if strict {
        for bad in ["src=", "http://", "https://", "xmlns"] {
            assert!(!lower.contains(bad), "{what} contains {bad}");
        }
    }
    for part in lower.split("href=\"").skip(1) {
        let target = part.split('"').next().unwrap_or("");
        assert!(
            target.starts_with('#')
                || target.starts_with("ads/")
                || target.starts_with("../report.html"),
            "{what} links to {target}"
        );
    }
}

#[test]
fn jsonl_export_with_bad_lines() {
    let dir = tempfile::tempdir().unwrap();
    let formand = example("formand-lager.txt");
    let neutral = example("neutral-lager.txt");
    let html = example("annonce.html");
    let good = [
        json!({"id": "a1", "date": "2024-02-01", "department": "Lager", "title": "Lagerformand", "text": formand, "applicants": {"women": 2, "men": 18}}),
        json!({"id": 2, "date": "2024-05-17", "department": "Lager", "text": neutral, "applicants": {"women": 9, "men": 11}}),
        json!({"id": "a3", "date": "2025-03", "department": "Kontor", "sector": "privat", "text": html, "format": "html", "url": "https://example.com/job/3"}),
        json!({"text": formand, "date": "2025-11-30", "applicants": {"women": 1, "men": 4, "unknown": 2}}),
    ];
    let lines = [
        good[0].to_string(),
        "{\"id\": \"broken\", \"text\": ".to_string(),
        good[1].to_string(),
        String::new(),
        json!({"id": "no-text"}).to_string(),
        good[2].to_string(),
        json!({"text": "x", "applicants": {"women": "many"}}).to_string(),
        json!({"text": "x", "date": "31/12/2024"}).to_string(),
        good[3].to_string(),
    ];
    let input = dir.path().join("eksport.jsonl");
    std::fs::write(&input, lines.join("\n")).unwrap();
    let out = dir.path().join("rapport");
    let mut c = Command::new(BIN);
    c.arg("stats").arg(&input).arg("-o").arg(&out);
    c.args([
        "--no-config",
        "--compare",
        "2024",
        "2025",
        "--min-ads",
        "2",
        "--top",
        "3",
    ]);
    let o = common::output(c, None);
    let stderr = String::from_utf8_lossy(&o.stderr);
    // Bad lines: each named with its number, the rest aggregated; exit 2 as for any input error.
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    for n in [2, 5, 7, 8] {
        assert!(
            stderr.contains(&format!("eksport.jsonl:{n}:")),
            "line {n} not reported: {stderr}"
        );
    }
    for n in [1, 3, 4, 6, 9] {
        assert!(
            !stderr.contains(&format!("eksport.jsonl:{n}:")),
            "line {n} reported: {stderr}"
        );
    }

    // CSV: one row per good ad, in input order, with the same counts as `check`.
    let mut rdr = csv::Reader::from_path(out.join("ads.csv")).unwrap();
    let head: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    let col = |name: &str| {
        head.iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), good.len());
    let ids: Vec<&str> = rows.iter().map(|r| &r[col("id")]).collect();
    assert_eq!(ids[..3], ["a1", "2", "a3"]);
    assert!(ids[3].ends_with("eksport.jsonl:9"), "{}", ids[3]);
    for (row, ad) in rows.iter().zip(&good) {
        let text = ad["text"].as_str().unwrap();
        let f = if ad["format"] == "html" {
            let mut c = Command::new(BIN);
            c.args([
                "check",
                "--no-config",
                "--format",
                "json",
                "--input-format",
                "html",
                "-",
            ]);
            let out = common::output(c, Some(text.as_bytes()));
            serde_json::from_slice::<Value>(&out.stdout).unwrap()["files"][0].clone()
        } else {
            check(text)
        };
        let s = &f["summary"];
        assert_eq!(&row[col("verdict")], s["verdict"].as_str().unwrap());
        for k in [
            "words",
            "masculine_coded",
            "feminine_coded",
            "must_have",
            "nice_to_have",
        ] {
            assert_eq!(row[col(k)], s[k].to_string(), "{k}");
        }
        let diags = f["diagnostics"].as_array().unwrap();
        assert_eq!(row[col("findings")], diags.len().to_string());
        for rule in [
            "gendered-term",
            "age-preference",
            "masculine-coded",
            "requirements-balance",
        ] {
            let n = diags.iter().filter(|d| d["rule"] == rule).count();
            assert_eq!(row[col(rule)], n.to_string(), "{rule}");
        }
        let gendered = diags.iter().any(|d| d["rule"] == "gendered-term");
        assert_eq!(
            &row[col("gendered_title")],
            if gendered { "true" } else { "false" }
        );
        let missing = diags
            .iter()
            .any(|d| d["rule"] == "missing-inclusion-statement");
        assert_eq!(
            &row[col("inclusion")],
            if missing { "false" } else { "true" }
        );
        assert_eq!(&row[col("date")], ad["date"].as_str().unwrap_or(""));
        assert_eq!(
            &row[col("applicants_women")],
            ad["applicants"]["women"]
                .as_u64()
                .map(|n| n.to_string())
                .unwrap_or_default()
        );
    }

    // JSON: the aggregates agree with the rows and the input.
    let a: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("aggregates.json")).unwrap())
            .unwrap();
    assert_eq!(a["all"]["ads"], good.len());
    assert_eq!(a["skipped_inputs"], 4);
    let verdict_sum: u64 = a["all"]["verdicts"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(verdict_sum, good.len() as u64);
    assert_eq!(a["dated"], 4);
    assert_eq!(a["compare"]["a"]["ads"], 2);
    assert_eq!(a["compare"]["b"]["ads"], 2);
    assert_eq!(a["by_department"]["items"]["Lager"]["ads"], 2);
    let must_sum: u64 = rows
        .iter()
        .map(|r| r[col("must_have")].parse::<u64>().unwrap())
        .sum();
    assert_eq!(a["all"]["must_have_sum"], must_sum);
    let ap = &a["applicants"];
    assert_eq!(ap["all"]["ads"], 3);
    assert_eq!(ap["all"]["women"], 12);
    assert_eq!(ap["all"]["men"], 33);
    assert_eq!(ap["all"]["other"], 2);
    let formand_terms = a["terms"]["items"].as_object().unwrap();
    assert!(
        formand_terms.contains_key("lagerformand"),
        "{formand_terms:?}"
    );
    assert!(a["top_ads"].as_array().unwrap().len() <= 3);

    // HTML: charts, the sections, nothing loaded from anywhere, top ads linked to their pages.
    let report = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(report.contains("<svg"), "no chart");
    assert!(report.contains("Kønsbias i stillingsopslag"));
    assert!(
        report.contains("lagerformand") && report.contains("lagerforperson"),
        "term and suggestion"
    );
    assert!(report.contains("Før og efter"));
    assert!(report.contains("Hvem søgte"));
    assert_self_contained(&report, "report.html", true);
    let tops = a["top_ads"].as_array().unwrap();
    assert!(!tops.is_empty());
    for t in tops {
        let page = t["page"].as_str().unwrap();
        assert!(report.contains(&format!("href=\"{page}\"")));
        let p = std::fs::read_to_string(out.join(page)).unwrap();
        assert_self_contained(&p, page, false);
        assert!(p.contains("<mark"), "{page} marks no finding");
    }
    // Nothing half-written is left behind.
    for e in std::fs::read_dir(&out).unwrap() {
        let name = e.unwrap().file_name();
        assert!(!name.to_string_lossy().ends_with(".tmp"), "{name:?}");
    }
}

#[test]
fn directory_in_english() {
    let dir = tempfile::tempdir().unwrap();
    let ads = dir.path().join("annoncer");
    std::fs::create_dir_all(ads.join("sub")).unwrap();
    std::fs::write(ads.join("a.txt"), example("formand-lager.txt")).unwrap();
    std::fs::write(ads.join("sub/b.md"), example("annonce.md")).unwrap();
    std::fs::write(ads.join("notes.bin"), b"\0\0").unwrap();
    let out = dir.path().join("out");
    let mut c = Command::new(BIN);
    c.arg("stats")
        .arg(&ads)
        .arg("--out")
        .arg(&out)
        .args(["--no-config", "--lang", "en"]);
    let o = common::output(c, None);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let rows = csv::Reader::from_path(out.join("ads.csv"))
        .unwrap()
        .records()
        .count();
    assert_eq!(rows, 2);
    let report = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(report.contains("Gender bias in job ads"));
    assert!(report.contains("lang=\"en\""));
    assert!(
        !report.contains("Who applied"),
        "no applicant counts, no section"
    );
    assert_self_contained(&report, "report.html", true);
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Command::new(BIN);
    c.args(["stats", "x.jsonl", "--compare", "2024", "24", "-o"])
        .arg(dir.path());
    let o = common::output(c, None);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--compare"));
}
