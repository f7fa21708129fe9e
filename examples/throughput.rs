//! Quick throughput check of one file: `cargo run --release --example throughput -- FILE [N]`.
//! (The benchmarks in benches/ are the reference; this is for profiling by hand.)
use biasvask::{Engine, Format, Options};
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("usage: throughput FILE [N]");
    let n: usize = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let src = std::fs::read_to_string(&path).expect("readable UTF-8 file");
    let t = Instant::now();
    let engine = Engine::new().expect("lexicons are valid");
    println!("engine: {:?}", t.elapsed());
    let opts = Options::default();
    for _ in 0..n {
        let t = Instant::now();
        let r = engine.lint(&src, Format::from_path(std::path::Path::new(&path)), &opts);
        let dt = t.elapsed();
        println!(
            "{} diagnostics, {:.1} MB/s",
            r.diagnostics.len(),
            src.len() as f64 / dt.as_secs_f64() / 1e6
        );
    }
}
