//! The shape of the core, checked: it depends on no front end, and its modules form no
//! cycle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Crates only a front end may use (`cargo tree -p biasvask -e normal` shows none of them).
const FRONT_END_CRATES: &[&str] = &[
    "clap",
    "miette",
    "tokio",
    "axum",
    "hyper",
    "hyper-util",
    "tower",
    "tower-http",
    "lsp-server",
    "lsp-types",
    "walkdir",
    "tempfile",
    "similar",
    "serde-sarif",
    "tracing",
];

#[test]
fn the_core_depends_on_no_front_end_crate() {
    let manifest = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"))
        .expect("Cargo.toml");
    let doc: toml::Table = toml::from_str(&manifest).expect("Cargo.toml parses");
    let package = doc["package"].as_table().expect("[package]");
    assert_eq!(package["name"].as_str(), Some("biasvask"));
    let deps = doc["dependencies"].as_table().expect("[dependencies]");
    for name in deps.keys() {
        assert!(
            !FRONT_END_CRATES.contains(&name.as_str()),
            "the core depends on {name}"
        );
    }
    assert!(
        doc.get("features").is_none(),
        "the core has no front-end features"
    );
}

/// Module -> the modules it names as `crate::module`.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).expect("src") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let src = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src"));
    let mut files = Vec::new();
    walk(src, &mut files);
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in files {
        let rel = f.strip_prefix(src).expect("under src");
        let module = rel
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .expect("name")
            .trim_end_matches(".rs")
            .to_string();
        if module == "lib" {
            continue;
        }
        let text = std::fs::read_to_string(&f).expect("read");
        let deps = g.entry(module.clone()).or_default();
        for line in text.lines() {
            let code = line.split("//").next().unwrap_or("");
            let mut rest = code;
            while let Some(i) = rest.find("crate::") {
                rest = &rest[i + "crate::".len()..];
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                    .collect();
                if !name.is_empty() && name != module {
                    deps.insert(name);
                }
            }
        }
    }
    g
}

#[test]
fn core_modules_form_no_cycle() {
    // None known: without_repeats (used by the engine) lives in `repeats`, so `fix` (which lints
    // again with the Engine) is no longer reached from `engine`.
    const KNOWN: &[(&str, &str)] = &[];
    let g = graph();
    assert!(
        g.contains_key("engine") && g.contains_key("document"),
        "{g:?}"
    );
    let reaches = |from: &str, to: &str| -> bool {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.to_string()];
        while let Some(m) = stack.pop() {
            for d in g.get(&m).into_iter().flatten() {
                if KNOWN
                    .iter()
                    .any(|&(a, b)| (m == a && d == b) || (m == b && d == a))
                {
                    continue;
                }
                if d == to {
                    return true;
                }
                if seen.insert(d.clone()) {
                    stack.push(d.clone());
                }
            }
        }
        false
    };
    for m in g.keys() {
        assert!(
            !reaches(m, m),
            "module `{m}` reaches itself through `crate::` paths: {g:?}"
        );
    }
}
