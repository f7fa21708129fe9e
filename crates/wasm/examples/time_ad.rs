//! The native figure next to the WebAssembly one: `lint_to_string` (lint + the JSON of the
//! file object) on one ad, median of 15 runs of 100: `cargo run --release -p biasvask-wasm
//! --example time_ad -- AD_FILE`.
fn main() {
    let path = std::env::args().nth(1).expect("usage: time_ad AD_FILE");
    let ad = std::fs::read_to_string(path).expect("read the ad");
    let t = std::time::Instant::now();
    biasvask_wasm::lint_to_string(&ad, "").expect("lint");
    let first = t.elapsed();
    let mut runs = Vec::new();
    for _ in 0..15 {
        let t = std::time::Instant::now();
        for _ in 0..100 {
            std::hint::black_box(biasvask_wasm::lint_to_string(&ad, "").expect("lint"));
        }
        runs.push(t.elapsed() / 100);
    }
    runs.sort();
    println!(
        "first lint (engine built) {:?}, median {:?} per lint of {} bytes",
        first,
        runs[7],
        ad.len()
    );
}
