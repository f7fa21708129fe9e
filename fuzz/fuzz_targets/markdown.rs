#![no_main]
//! `cargo fuzz run markdown`: lint arbitrary input as Markdown and check the span invariants.
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if let Ok(src) = std::str::from_utf8(data) {
        common::check(src, biasvask::Format::Markdown);
    }
});
