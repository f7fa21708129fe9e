//! The repository's ads, for the unit tests that run over every one of them.

use std::path::PathBuf;

/// Every ad (`.txt`, `.md` and `.html` files) in the repository folders `dirs`, sorted by
/// path, with its text.
pub(crate) fn ads(dirs: &[&str]) -> Vec<(PathBuf, String)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in dirs {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.extension()
                    .is_some_and(|x| x == "txt" || x == "md" || x == "html")
            })
            .collect();
        paths.sort();
        for p in paths {
            let text = std::fs::read_to_string(&p).unwrap();
            out.push((p, text));
        }
    }
    out
}
