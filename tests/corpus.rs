//! The corpus: 40+ hand-written ads in `tests/corpus/`, each with a hand review in
//! `tests/corpus/EXPECTED.md`. Three checks:
//! - snapshots of every ad's diagnostics (reviewed by hand like code; `cargo insta review`);
//! - precision: nothing is flagged inside a fragment the review lists as `silent:`;
//! - recall: the findings the review lists as `flag:` are found (reported per ad).

use std::collections::BTreeMap;
use std::fmt::Write;

use biasvask::render::LineIndex;
use biasvask::{Engine, Format, Options, Report};

fn corpus() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");
    let mut v: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p.extension()
                .is_some_and(|e| e == "txt" || e == "md" || e == "html")
        })
        .filter(|p| !p.ends_with("EXPECTED.md"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

fn lint(name: &str, src: &str) -> Report {
    let engine = Engine::new().expect("lexicons are valid");
    engine.lint(
        src,
        Format::from_path(std::path::Path::new(name)),
        &Options::default(),
    )
}

/// One line per diagnostic: `line:col rule severity «text» -> suggestions`, then the summary.
fn render(src: &str, r: &Report) -> String {
    let li = LineIndex::new(src);
    let mut out = String::new();
    for d in &r.diagnostics {
        let (l, c) = li.line_col(src, d.span.start);
        let _ = write!(
            out,
            "{l}:{c} {} {} «{}»",
            d.rule,
            d.severity,
            &src[d.span.range()]
        );
        if !d.suggestions.is_empty() {
            let _ = write!(out, " -> {}", d.suggestions.join(" | "));
        }
        out.push('\n');
    }
    let s = r.summary;
    let _ = writeln!(
        out,
        "summary: words {} masculine {} feminine {} verdict {} must {} nice {}",
        s.words,
        s.masculine_coded,
        s.feminine_coded,
        s.verdict.as_str(),
        s.must_have,
        s.nice_to_have
    );
    out
}

#[test]
fn corpus_snapshots() {
    let ads = corpus();
    assert!(ads.len() >= 30, "the corpus has at least 30 ads");
    for (name, src) in &ads {
        let r = lint(name, src);
        insta::assert_snapshot!(name.as_str(), render(src, &r));
    }
}

#[derive(Debug, Default)]
struct Review {
    flag: Vec<(String, String, bool)>,
    silent: Vec<String>,
}

/// The «quoted» fragments of a line, with what follows each up to the next `;`.
fn quoted(line: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(i) = rest.find('«') {
        let after = &rest[i + '«'.len_utf8()..];
        let Some(j) = after.find('»') else { break };
        let text = after[..j].to_string();
        let tail = &after[j + '»'.len_utf8()..];
        let end = tail.find(['«', ';']).unwrap_or(tail.len());
        out.push((text, tail[..end].trim().to_string()));
        rest = &tail[end..];
    }
    out
}

fn reviews() -> BTreeMap<String, Review> {
    let src = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/corpus/EXPECTED.md"
    ))
    .unwrap();
    let mut map: BTreeMap<String, Review> = BTreeMap::new();
    let mut cur: Option<String> = None;
    for line in src.lines() {
        if let Some(h) = line.strip_prefix("## ") {
            let h = h.trim();
            cur = (h.ends_with(".txt") || h.ends_with(".md") || h.ends_with(".html"))
                .then(|| h.to_string());
            continue;
        }
        let Some(name) = &cur else { continue };
        let r = map.entry(name.clone()).or_default();
        if let Some(rest) = line.strip_prefix("- flag:") {
            for (text, tail) in quoted(rest) {
                let rule = tail.split_whitespace().next().unwrap_or("").to_string();
                if rule.parse::<biasvask::Rule>().is_err() {
                    continue; // a quotation inside a remark, not a finding
                }
                let reviewer = tail.contains("(reviewer") || tail.contains("(ad)");
                r.flag.push((text, rule, reviewer));
            }
        } else if let Some(rest) = line.strip_prefix("- silent:") {
            r.silent.extend(quoted(rest).into_iter().map(|(t, _)| t));
        }
    }
    map
}

#[test]
fn corpus_precision_nothing_flagged_in_silent_fragments() {
    let reviews = reviews();
    let mut violations = Vec::new();
    let mut checked = 0;
    for (name, src) in corpus() {
        let Some(rev) = reviews.get(&name) else {
            continue;
        };
        let r = lint(&name, &src);
        for frag in rev.silent.iter().filter(|f| !f.trim().is_empty()) {
            for (at, _) in src.match_indices(frag.as_str()) {
                checked += 1;
                let end = at + frag.len();
                for d in r.diagnostics.iter().filter(|d| !d.rule.is_ad_level()) {
                    if d.span.start < end && at < d.span.end {
                        violations.push(format!(
                            "{name}: «{}» ({}) inside silent «{frag}»",
                            &src[d.span.range()],
                            d.rule
                        ));
                    }
                }
            }
        }
    }
    assert!(
        checked > 100,
        "the review lists silent fragments ({checked} checked)"
    );
    assert!(
        violations.is_empty(),
        "false positives:\n{}",
        violations.join("\n")
    );
}

#[test]
fn corpus_recall_flagged_findings_are_found() {
    let reviews = reviews();
    let (mut want, mut got) = (0usize, 0usize);
    let mut misses = Vec::new();
    for (name, src) in corpus() {
        let Some(rev) = reviews.get(&name) else {
            continue;
        };
        let r = lint(&name, &src);
        for (text, rule, reviewer) in &rev.flag {
            if *reviewer || rule.is_empty() {
                continue;
            }
            want += 1;
            let found = r.diagnostics.iter().any(|d| {
                d.rule.id() == rule && {
                    let t = &src[d.span.range()];
                    t == text || t.contains(text.as_str()) || text.contains(t)
                }
            });
            if found {
                got += 1;
            } else {
                misses.push(format!("{name}: «{text}» {rule}"));
            }
        }
    }
    let recall = got as f64 / want.max(1) as f64;
    println!("corpus recall: {got}/{want} = {:.1}%", recall * 100.0);
    for m in &misses {
        println!("  missed: {m}");
    }
    assert!(want > 100, "the review lists findings ({want})");
    assert!(
        recall >= 0.98,
        "recall {:.1}% below 98%; misses:\n{}",
        recall * 100.0,
        misses.join("\n")
    );
}
