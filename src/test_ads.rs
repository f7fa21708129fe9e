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

/// The text of every ad of `tests/realads`, `tests/corpus` and `examples` (for tests that read
/// them as texts only).
pub(crate) fn all_texts() -> Vec<String> {
    ads(&["tests/realads", "tests/corpus", "examples"])
        .into_iter()
        .map(|(_, t)| t)
        .collect()
}

/// One random text for each length of `lens`, over `alphabet` (xorshift from `seed`, carried
/// from text to text): the same texts on every run.
pub(crate) fn random_texts(
    alphabet: &[char],
    lens: impl Iterator<Item = usize>,
    mut seed: u64,
) -> Vec<String> {
    lens.map(|len| {
        let mut t = String::new();
        for _ in 0..len {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            t.push(alphabet[(seed % alphabet.len() as u64) as usize]);
        }
        t
    })
    .collect()
}
