//! The ads the in-process benchmarks lint, shared by `benches/lint.rs` and
//! `examples/profile_ad.rs` (which counts instructions for the same ads).

/// The shipped corpus ads (`tests/corpus/*.txt`), in file-name order.
pub fn corpus_ads() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/corpus exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

/// A realistic ad of about 3 KB: the corpus ad closest to 3000 bytes.
pub fn ad_3kb() -> String {
    let mut ads = corpus_ads();
    ads.sort_by_key(|a| (a.len() as i64 - 3000).abs());
    let mut a = ads.into_iter().next().unwrap_or_default();
    while a.len() < 2800 {
        a = format!("{a}\n{a}");
    }
    a
}

/// The same ad as HTML: a paragraph per block, «ø» as an entity.
pub fn ad_3kb_html() -> String {
    format!(
        "<html><body>{}</body></html>",
        ad_3kb()
            .split("\n\n")
            .map(|p| format!("<p>{}</p>", p.replace('ø', "&oslash;")))
            .collect::<String>()
    )
}
